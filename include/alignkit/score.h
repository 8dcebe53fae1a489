/* Scoring KPIs (kpi-score(1)): measurements are aggregated into the periods
 * of each KPI's cadence as they stream by, and each complete period gets a
 * value, progress, expected progress, score, status, trend and staleness.
 * Memory grows with KPIs × periods, never with measurements. */
#ifndef ALIGNKIT_SCORE_H
#define ALIGNKIT_SCORE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/date.h"
#include "alignkit/derived.h"
#include "alignkit/error.h"
#include "alignkit/model.h"
#include "alignkit/period.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The most report periods --periods may ask for. */
#define AK_SCORE_PERIODS_MAX 1000

/* The longest --forecast-window: periods a forecast looks back over. */
#define AK_SCORE_FORECAST_WINDOW_MAX 1000

/* What a run of kpi-score is asked for. */
typedef struct ak_score_options {
	ak_date as_of;            /* the report day (kpi-score(1)) */
	ak_period_kind period;    /* report period, and the default cadence */
	int periods;              /* how many complete periods, 1..AK_SCORE_PERIODS_MAX */
	double red_below;         /* below it a score is red (default 0.8) */
	double green_at;          /* at or above it a rollup is green (0.95) */
	int forecast_window;      /* periods a forecast looks back over,
	                           * 3..AK_SCORE_FORECAST_WINDOW_MAX (6) */
} ak_score_options;

/* Fills o with the defaults: as of today (UTC), weekly, one period,
 * red below 0.8, green at 0.95, a forecast window of 6. */
AK_EXTERN void ak_score_options_init(ak_score_options *o);

/* ak_score_status, ak_trend and their names are in derived.h. */

/* ---- The formulas of kpi-score(1), one period at a time ------------------ */

/* Progress p of value v towards k's target (kpi-score(1)), unrounded and
 * unclamped: it may be below 0 or above 1.  Where a formula would divide
 * by zero (target = from; a range whose red_min = min or red_max = max)
 * p is 1 when the target or band is met and 0 otherwise. */
AK_EXTERN double ak_kpi_progress(const ak_kpi *k, double v);

/* Expected progress e at the end of a period ending on day end
 * (kpi-score(1)): (end − start) / (due − start) clamped to [0, 1] for an up
 * or down KPI with both start and due; 1 otherwise.  Unrounded. */
AK_EXTERN double ak_kpi_expected(const ak_kpi *k, ak_date end);

/* Score s = clamp(p / e, 0, 1); when e = 0, 1 if p ≥ 0 else 0
 * (kpi-score(1)).  Unrounded. */
AK_EXTERN double ak_score_value(double p, double e);

/* Status of value v scored s (kpi-score(1)): green when the target is met or
 * s = 1; else, when k has a red flag, red if v is beyond one and amber if
 * not; else red when s < red_below, amber otherwise.  Pass s rounded as it
 * is printed, so that the status agrees with what a reader sees. */
AK_EXTERN ak_score_status ak_kpi_status(const ak_kpi *k, double v, double s,
                              double red_below);

/* Trend from previous value prev to v (kpi-score(1)): up KPIs improve when
 * the value rises, down KPIs when it falls, range KPIs when the distance
 * to the band [min, max] shrinks; equal values (or equal distances) are
 * flat. */
AK_EXTERN ak_trend ak_kpi_trend(const ak_kpi *k, double v, double prev);

/* ---- Streaming aggregation ------------------------------------------ */

/* The most copies one score lists in its duplicates. */
#define AK_SCORE_DUPLICATES_MAX 16

/* A file whose measurements of a KPI in a period all repeat an earlier
 * file's: counted once, and named here.  src is the first measurement of
 * the copy, of the first of the file it repeats (both "FILE:LINE"). */
typedef struct ak_score_duplicate {
	const char *src;
	const char *of;
} ak_score_duplicate;

/* One KPI in one period: what a score record says. */
typedef struct ak_score {
	ak_period period;
	int has_value;            /* n > 0, or 0 counted (missing: zero) */
	double value;             /* the aggregate (valid when has_value) */
	uint64_t n;               /* measurements in the period */
	ak_direction direction;   /* of the KPI: which thresholds are written */
	double target;            /* up, down: the target in force */
	double min, max;          /* range: the band in force */
	double progress;          /* rounded to 4 places; valid when has_value */
	double expected;          /* rounded to 4 places */
	double score;             /* rounded to 4 places; valid when has_value */
	ak_score_status status;
	int has_previous;         /* the previous period has a value */
	double previous;
	ak_trend trend;
	int stale;
	int has_forecast;         /* a forecast could be made */
	double forecast;          /* the value projected for the KPI's due */
	/* With a forecast: the target in force at the KPI's due, when a
	 * target record makes it other than the period's target. */
	int has_target_at_due;
	double target_at_due;
	/* The note of the measurement the period's value stands on: its
	 * latest with a value (latest `at` instant, then the later in the
	 * stream; copies left out); in an n/a period, its latest null one.
	 * NULL when that measurement has no note (or an empty one).  Borrowed
	 * from the scorer; only from ak_scorer_get and ak_scorer_get_at. */
	const char *note;
	/* Copies left out of n and value (strings borrowed from the scorer;
	 * only from ak_scorer_get and ak_scorer_get_at). */
	size_t nduplicates;
	ak_score_duplicate duplicates[AK_SCORE_DUPLICATES_MAX];
} ak_score;

/* Computes everything but n, value, previous and stale from a value (or
 * none) in period p: progress, expected, score, status, trend, and the
 * thresholds written (target, or min and max), all from k, which holds
 * the thresholds in force in the period (ak_model_in_force).  The caller
 * sets sc->period, has_value, value, n, has_previous, previous and stale
 * first. */
AK_EXTERN void ak_score_compute(ak_score *sc, const ak_kpi *k, double red_below);

typedef struct ak_scorer ak_scorer;

/* A new scorer over model m (borrowed: it must outlive the scorer) with
 * options o (copied).  Returns AK_OK, AK_EUSAGE when o->periods is out of
 * range, or AK_ENOMEM. */
AK_EXTERN int ak_scorer_new(ak_scorer **out, const ak_model *m,
                  const ak_score_options *o, ak_error *err);

/* Frees the scorer.  NULL is a no-op. */
AK_EXTERN void ak_scorer_free(ak_scorer *s);

/* Takes in the KPIs added to the model since the last call, so that their
 * measurements can be counted.  Call it after each ak_model_add of a KPI.
 * Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_scorer_sync(ak_scorer *s);

/* Counts measurement m, the seq-th measurement of the stream (seq orders
 * measurements of equal `at` instant for aggregate `last`: the higher
 * wins, so measurements may be counted out of stream order).  Sums are
 * exact, in any order (a mean is the exact sum over n, rounded once).
 * The measurements of a KPI in a period are kept apart by the FILE of
 * their src (m->src, "FILE:LINE"; NULL: one unnamed file): a file whose
 * measurements there (as a multiset of at and value) equal an earlier
 * file's is a copy, counted once and listed in the score's duplicates.
 * m->note is copied when m is the latest of its period so far.
 * Returns AK_OK when m's KPI is known to the scorer (retired KPIs too:
 * their measurements are consumed and not scored), AK_ENOTFOUND when it
 * is not; AK_EINPUT, counting nothing, when m would make the sum of a
 * KPI with aggregate sum too large for a number (err names the KPI and
 * period); AK_ENOMEM.  Measurements after the latest complete period, and
 * before the earliest period that can matter, only count towards
 * staleness. */
AK_EXTERN int ak_scorer_add(ak_scorer *s, const ak_measurement *m, uint64_t seq,
                  ak_error *err);

/* The number of report periods of KPI kpi (its index in ak_model_kpis):
 * the last o->periods complete periods of its cadence, fewer only when
 * they would start before year 1; 0 for a retired KPI. */
AK_EXTERN size_t ak_scorer_count(const ak_scorer *s, size_t kpi);

/* Fills *out with the i-th report period of KPI kpi, oldest first
 * (i < ak_scorer_count). */
AK_EXTERN void ak_scorer_get(const ak_scorer *s, ak_score *out, size_t kpi,
                             size_t i);

/* The score of KPI kpi for its latest complete period ending on or before
 * day end (kpi-score(1)), which must be the end of a complete report period
 * (o->period) among the last o->periods.  Returns 1 and fills *out, or 0
 * when the KPI is retired or that period would start before year 1.
 * out->stale and out->trend are not computed (AK_TREND_NONE, 0). */
AK_EXTERN int ak_scorer_get_at(const ak_scorer *s, ak_score *out, size_t kpi,
                               ak_date end);

/* The forecast of kpi-score(1): the least-squares line through the n points
 * (x[i] a period's last day, y[i] its value), evaluated at day due; the
 * exact value rounded once to a double, as far as a long double holds
 * the sums exactly.  Returns 1 and sets *out, or 0 when n < 3 or the x
 * are all equal. */
AK_EXTERN int ak_score_forecast(double *out, const ak_date *x, const double *y,
                      size_t n, ak_date due);

/* A new score record for KPI k: kind, kpi, measures, period, start, end,
 * value, n, target (up, down) or min and max (range), progress, expected,
 * score, status, previous, delta, trend, stale, forecast, note,
 * duplicates, src (note left out when sc has none, duplicates when there
 * are none, src when k has none).  NULL if out of memory. */
AK_EXTERN json_t *ak_score_record(const ak_kpi *k, const ak_score *sc);

#ifdef __cplusplus
}
#endif
#endif
