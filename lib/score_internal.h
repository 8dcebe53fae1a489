/* What lib/score.c shares with lib/rollup.c.  Not API: what is not under
 * include/ may change without notice. */
#ifndef ALIGNKIT_SCORE_INTERNAL_H
#define ALIGNKIT_SCORE_INTERNAL_H

#include <stddef.h>
#include "alignkit/period.h"

/* The last n complete periods of kind as of day as_of, oldest first, into
 * out (room for n).  Returns how many there are: n, or fewer when they
 * would start before year 1.  Scores and rollups must agree on them. */
size_t ak_score_report_periods(ak_period *out, ak_period_kind kind,
                               ak_date as_of, size_t n);

#endif
