/* Rollups (kpi-score(1)): KPI scores carried up to the initiatives and goals
 * they measure, and up the goal tree, as weighted means per report
 * period. */
#ifndef ALIGNKIT_ROLLUP_H
#define ALIGNKIT_ROLLUP_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/model.h"
#include "alignkit/period.h"
#include "alignkit/record.h"
#include "alignkit/score.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One goal or initiative in one report period: what a rollup record says. */
typedef struct ak_rollup {
	const char *of;           /* its id, borrowed from the model */
	ak_kind type;             /* AK_KIND_GOAL or AK_KIND_INITIATIVE */
	ak_period period;         /* the report period */
	int has_score;            /* scored > 0 */
	double score;             /* rounded to 4 places; valid when has_score */
	ak_score_status status;
	size_t children;          /* active KPIs measuring it + active child goals */
	size_t scored;            /* those of them that have a score */
	const char *src;          /* borrowed; NULL when it has none */
} ak_rollup;

/* Where rollups get a KPI's score: the score KPI kpi (its index in
 * ak_model_kpis) contributes to the report period ending on day end.
 * Returns 1 and sets *score (as printed: rounded to 4 places) when it has
 * one, 0 when not. */
typedef int (*ak_rollup_score_fn)(void *ctx, size_t kpi, ak_date end,
                                  double *score);

/* An ak_rollup_score_fn over an ak_scorer (ctx): the score of the KPI's
 * latest complete period ending on or before end, as kpi-score(1) says. */
AK_EXTERN int ak_rollup_scorer_score(void *ctx, size_t kpi, ak_date end, double *score);

/* Computes the rollups of every active goal and active initiative of m for
 * the last o->periods complete periods of kind o->period as of o->as_of
 * (periods that would start before year 1 are left out), with KPI scores
 * from score(ctx, ...).
 *
 * An initiative's children are the active KPIs that measure it; a goal's
 * are the active KPIs that measure it and its active child goals.  The
 * score is the weighted mean (KPI weight, goal weight) of the children
 * that have a score, rounded to 4 places; children without one are left
 * out.  Goals are visited leaves first without recursion, so trees of any
 * depth are fine.  A goal on a parent cycle counts the goal below it on
 * the cycle as a child without a score: no score goes round a cycle.
 *
 * Sets *out to a new array (free with ak_rollup_free) of *count rollups,
 * ordered by id (bytewise), then period.  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_rollup_compute(ak_rollup **out, size_t *count, const ak_model *m,
                      const ak_score_options *o, ak_rollup_score_fn score,
                      void *ctx, ak_error *err);

/* Frees an array from ak_rollup_compute.  NULL is a no-op. */
AK_EXTERN void ak_rollup_free(ak_rollup *r);

/* Status of a rollup score (kpi-score(1)): green at or above green_at, red
 * below red_below, amber between. */
AK_EXTERN ak_score_status ak_rollup_status(double score, double green_at,
                                 double red_below);

/* A new rollup record: kind, of, type, period, end, score, status,
 * children, scored, src (src left out when r has none).  NULL if out of
 * memory. */
AK_EXTERN json_t *ak_rollup_record(const ak_rollup *r);

#ifdef __cplusplus
}
#endif
#endif
