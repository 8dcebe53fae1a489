/* alignkit: the goal, initiative and KPI model that keeps IT work tied to
 * business goals.  Including this header brings in the whole public API;
 * what is not under include/ is not API. */
#ifndef ALIGNKIT_H
#define ALIGNKIT_H

#define AK_VERSION "0.1.0"

#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/num.h"
#include "alignkit/date.h"
#include "alignkit/period.h"
#include "alignkit/map.h"
#include "alignkit/stream.h"
#include "alignkit/record.h"
#include "alignkit/model.h"
#include "alignkit/load.h"
#include "alignkit/archi.h"
#include "alignkit/derived.h"
#include "alignkit/score.h"
#include "alignkit/rollup.h"
#include "alignkit/score_stream.h"
#include "alignkit/gap.h"
#include "alignkit/gap_stream.h"
#include "alignkit/report.h"
#include "alignkit/atomic.h"

#endif
