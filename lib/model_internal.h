/* What model.c shares with the modules that walk the goal tree (rollup.c,
 * gap_find.c, report_sections.c) and with partial.c.  Not API: what is not under include/
 * may change without notice. */
#ifndef ALIGNKIT_MODEL_INTERNAL_H
#define ALIGNKIT_MODEL_INTERNAL_H

#include <jansson.h>

#include "alignkit/model.h"

/* A new empty model that keeps no records: the strings of each goal,
 * initiative, KPI and target are copied into the model, which releases
 * the normalized record at once (`record` is NULL in every view).  For a
 * tool that reads the typed views alone (gap-find): a million goals then
 * cost their strings, not a million jansson trees.  Returns AK_OK or
 * AK_ENOMEM. */
int ak_model_new_compact(ak_model **out);

/* The goal-parent index, built in one place: sets *out to a new array
 * (free with free(); at least one element, so never of size 0) holding,
 * for each goal of m in ak_model_goals order, the index of the goal its
 * parent names, or -1 when it has no parent or the parent is no goal of m.
 * Statuses are not looked at: a walk that wants active goals only checks
 * them itself.  Returns AK_OK, or AK_ENOMEM (*out NULL). */
int ak_model_goal_parents(long **out, const ak_model *m);

/* Reads v, a measurement's field `field` ("at", or a partial's
 * "last_at") as an instant: *day, and *nanos its time of day (UTC).  A
 * missing field is an input error whose message ends with hint ("" or a
 * word on what the record needs).  Returns AK_OK or AK_EINPUT. */
int ak_measurement_instant(ak_date *day, int64_t *nanos, const json_t *v,
                           const char *field, const char *hint,
                           ak_error *err);

#endif
