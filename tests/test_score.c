/* Unit tests of lib/score.c: every branch of the SPEC §6 formulas, and the
 * streaming aggregation of measurements into period buckets (aggregates,
 * ties, windows, staleness, coarser cadences, year 1). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/model.h"
#include "alignkit/score.h"
#include "alignkit/stream.h"
#include "partial_internal.h"

#define assert_near(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (fabs(a_ - b_) > 1e-12) \
		fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); \
} while (0)

static ak_date
day(const char *s)
{
	ak_date d;

	if (ak_date_parse(&d, s, strlen(s), NULL) != AK_OK)
		fail_msg("bad test date %s", s);
	return d;
}

/* A KPI built by hand for the formula tests. */
static ak_kpi
kpi(ak_direction dir)
{
	ak_kpi k;

	memset(&k, 0, sizeof(k));
	k.id = "K1";
	k.measures = "G1";
	k.direction = dir;
	k.start = k.due = AK_DATE_NONE;
	k.stale_after = 2;
	k.weight = 1;
	return k;
}

static ak_kpi
up(double target)
{
	ak_kpi k = kpi(AK_DIRECTION_UP);

	k.has |= AK_KPI_TARGET;
	k.target = target;
	return k;
}

static ak_kpi
down(double target)
{
	ak_kpi k = kpi(AK_DIRECTION_DOWN);

	k.has |= AK_KPI_TARGET;
	k.target = target;
	return k;
}

static ak_kpi
range(double min, double max)
{
	ak_kpi k = kpi(AK_DIRECTION_RANGE);

	k.has |= AK_KPI_MIN | AK_KPI_MAX;
	k.min = min;
	k.max = max;
	return k;
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(ak_score_status_name(AK_SCORE_NONE), "none");
	assert_string_equal(ak_score_status_name(AK_SCORE_GREEN), "green");
	assert_string_equal(ak_score_status_name(AK_SCORE_AMBER), "amber");
	assert_string_equal(ak_score_status_name(AK_SCORE_RED), "red");
	assert_null(ak_trend_name(AK_TREND_NONE));
	assert_string_equal(ak_trend_name(AK_TREND_IMPROVING), "improving");
	assert_string_equal(ak_trend_name(AK_TREND_WORSENING), "worsening");
	assert_string_equal(ak_trend_name(AK_TREND_FLAT), "flat");
}

static void
test_options_init(void **state)
{
	ak_score_options o;

	(void)state;
	ak_score_options_init(&o);
	assert_int_equal(o.as_of, ak_date_today());
	assert_int_equal(o.period, AK_PERIOD_WEEK);
	assert_int_equal(o.periods, 1);
	assert_near(o.red_below, 0.8);
	assert_near(o.green_at, 0.95);
}

static void
test_progress_up(void **state)
{
	ak_kpi k = up(100);

	(void)state;
	/* No baseline, no red: from 0. */
	assert_near(ak_kpi_progress(&k, 50), 0.5);
	assert_near(ak_kpi_progress(&k, 0), 0);
	assert_near(ak_kpi_progress(&k, -20), -0.2);
	assert_near(ak_kpi_progress(&k, 150), 1.5);
	/* Red alone: from red. */
	k.has |= AK_KPI_RED;
	k.red = 60;
	assert_near(ak_kpi_progress(&k, 80), 0.5);
	assert_near(ak_kpi_progress(&k, 50), -0.25);
	/* Baseline wins over red. */
	k.has |= AK_KPI_BASELINE;
	k.baseline = 80;
	assert_near(ak_kpi_progress(&k, 90), 0.5);
	assert_near(ak_kpi_progress(&k, 100), 1);
	/* target = from: met or not. */
	k.baseline = 100;
	assert_near(ak_kpi_progress(&k, 100), 1);
	assert_near(ak_kpi_progress(&k, 101), 1);
	assert_near(ak_kpi_progress(&k, 99.9), 0);
	/* Values at and below zero. */
	k = up(0);
	k.has |= AK_KPI_BASELINE;
	k.baseline = -10;
	assert_near(ak_kpi_progress(&k, -5), 0.5);
	assert_near(ak_kpi_progress(&k, 0), 1);
	/* target 0 and no baseline: from = target = 0. */
	k = up(0);
	assert_near(ak_kpi_progress(&k, 0), 1);
	assert_near(ak_kpi_progress(&k, -1), 0);
}

static void
test_progress_down(void **state)
{
	ak_kpi k = down(10);

	(void)state;
	/* Without baseline or red: 1 when met, else target / v. */
	assert_near(ak_kpi_progress(&k, 10), 1);
	assert_near(ak_kpi_progress(&k, 5), 1);
	assert_near(ak_kpi_progress(&k, -5), 1);
	assert_near(ak_kpi_progress(&k, 20), 0.5);
	assert_near(ak_kpi_progress(&k, 40), 0.25);
	/* ... and 0 when target <= 0. */
	k = down(0);
	assert_near(ak_kpi_progress(&k, 0), 1);
	assert_near(ak_kpi_progress(&k, 5), 0);
	k = down(-5);
	assert_near(ak_kpi_progress(&k, -3), 0);
	assert_near(ak_kpi_progress(&k, -6), 1);
	/* Red alone. */
	k = down(10);
	k.has |= AK_KPI_RED;
	k.red = 20;
	assert_near(ak_kpi_progress(&k, 15), 0.5);
	assert_near(ak_kpi_progress(&k, 25), -0.5);
	assert_near(ak_kpi_progress(&k, 5), 1.5);
	/* Baseline wins over red. */
	k.has |= AK_KPI_BASELINE;
	k.baseline = 30;
	assert_near(ak_kpi_progress(&k, 20), 0.5);
	/* from = target. */
	k.baseline = 10;
	assert_near(ak_kpi_progress(&k, 10), 1);
	assert_near(ak_kpi_progress(&k, 10.5), 0);
	/* Negative values. */
	k = down(-10);
	k.has |= AK_KPI_BASELINE;
	k.baseline = 0;
	assert_near(ak_kpi_progress(&k, -5), 0.5);
}

static void
test_progress_range(void **state)
{
	ak_kpi k = range(8, 15);

	(void)state;
	assert_near(ak_kpi_progress(&k, 8), 1);
	assert_near(ak_kpi_progress(&k, 12), 1);
	assert_near(ak_kpi_progress(&k, 15), 1);
	/* Without an outer band: 0 outside. */
	assert_near(ak_kpi_progress(&k, 7.9), 0);
	assert_near(ak_kpi_progress(&k, 15.1), 0);
	/* With one. */
	k.has |= AK_KPI_RED_MIN | AK_KPI_RED_MAX;
	k.red_min = 5;
	k.red_max = 20;
	assert_near(ak_kpi_progress(&k, 6.5), 0.5);
	assert_near(ak_kpi_progress(&k, 5), 0);
	assert_near(ak_kpi_progress(&k, 2), -1);
	assert_near(ak_kpi_progress(&k, 17.5), 0.5);
	assert_near(ak_kpi_progress(&k, 20), 0);
	assert_near(ak_kpi_progress(&k, 25), -1);
	/* One side only. */
	k.has &= ~(unsigned)AK_KPI_RED_MAX;
	assert_near(ak_kpi_progress(&k, 6.5), 0.5);
	assert_near(ak_kpi_progress(&k, 17.5), 0);
	/* An outer band on the green band's edge divides by nothing. */
	k.has |= AK_KPI_RED_MAX;
	k.red_min = 8;
	k.red_max = 15;
	assert_near(ak_kpi_progress(&k, 7), 0);
	assert_near(ak_kpi_progress(&k, 16), 0);
	/* A band of one value. */
	k = range(0, 0);
	assert_near(ak_kpi_progress(&k, 0), 1);
	assert_near(ak_kpi_progress(&k, -0.1), 0);
}

static void
test_expected(void **state)
{
	ak_kpi k = up(100);

	(void)state;
	/* No window: 1. */
	assert_near(ak_kpi_expected(&k, day("2026-11-22")), 1);
	k.start = day("2026-01-01");
	assert_near(ak_kpi_expected(&k, day("2026-11-22")), 1);
	k.start = AK_DATE_NONE;
	k.due = day("2026-12-31");
	assert_near(ak_kpi_expected(&k, day("2026-11-22")), 1);
	/* A window of 364 days. */
	k.start = day("2026-01-01");
	assert_near(ak_kpi_expected(&k, day("2026-07-02")), 0.5);
	assert_near(ak_kpi_expected(&k, day("2026-01-01")), 0);
	assert_near(ak_kpi_expected(&k, day("2025-12-28")), 0);
	assert_near(ak_kpi_expected(&k, day("2026-12-31")), 1);
	assert_near(ak_kpi_expected(&k, day("2027-03-01")), 1);
	assert_near(ak_kpi_expected(&k, day("2026-04-01")),
	            90.0 / 364.0);
	/* Down KPIs pace too; range KPIs never. */
	k.direction = AK_DIRECTION_DOWN;
	assert_near(ak_kpi_expected(&k, day("2026-07-02")), 0.5);
	k.direction = AK_DIRECTION_RANGE;
	assert_near(ak_kpi_expected(&k, day("2026-07-02")), 1);
}

static void
test_score_value(void **state)
{
	(void)state;
	assert_near(ak_score_value(0.5, 1), 0.5);
	assert_near(ak_score_value(0.3, 0.5), 0.6);
	assert_near(ak_score_value(0.5, 0.5), 1);
	assert_near(ak_score_value(0.9, 0.5), 1);
	assert_near(ak_score_value(1.5, 1), 1);
	assert_near(ak_score_value(-0.2, 1), 0);
	assert_near(ak_score_value(-0.2, 0.5), 0);
	/* e = 0: 1 if p >= 0, else 0. */
	assert_near(ak_score_value(0, 0), 1);
	assert_near(ak_score_value(0.5, 0), 1);
	assert_near(ak_score_value(-0.01, 0), 0);
}

static void
test_status_up_down(void **state)
{
	ak_kpi k = up(100);

	(void)state;
	/* Met: green whatever the score. */
	assert_int_equal(ak_kpi_status(&k, 100, 0, 0.8), AK_SCORE_GREEN);
	/* On pace (s = 1): green. */
	assert_int_equal(ak_kpi_status(&k, 60, 1, 0.8), AK_SCORE_GREEN);
	/* No red flag: --red-below decides. */
	assert_int_equal(ak_kpi_status(&k, 79, 0.79, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 80, 0.8, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 79, 0.79, 0.5), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 40, 0.4, 0.5), AK_SCORE_RED);
	/* A red flag decides instead. */
	k.has |= AK_KPI_RED;
	k.red = 60;
	assert_int_equal(ak_kpi_status(&k, 59, 0, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 60, 0, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 61, 0.025, 0.8), AK_SCORE_AMBER);

	k = down(10);
	assert_int_equal(ak_kpi_status(&k, 10, 1, 0.8), AK_SCORE_GREEN);
	assert_int_equal(ak_kpi_status(&k, 12, 0.8333, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 20, 0.5, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 20, 1, 0.8), AK_SCORE_GREEN);
	k.has |= AK_KPI_RED;
	k.red = 20;
	assert_int_equal(ak_kpi_status(&k, 20, 0, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 20.5, 0, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 11, 0.9, 0.8), AK_SCORE_AMBER);
}

static void
test_status_range(void **state)
{
	ak_kpi k = range(8, 15);

	(void)state;
	assert_int_equal(ak_kpi_status(&k, 8, 1, 0.8), AK_SCORE_GREEN);
	assert_int_equal(ak_kpi_status(&k, 15, 1, 0.8), AK_SCORE_GREEN);
	/* No outer band: p = 0 outside, so red at the default threshold. */
	assert_int_equal(ak_kpi_status(&k, 7, 0, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 7, 0, 0), AK_SCORE_AMBER);
	/* With an outer band: red beyond it, amber inside it. */
	k.has |= AK_KPI_RED_MIN | AK_KPI_RED_MAX;
	k.red_min = 5;
	k.red_max = 20;
	assert_int_equal(ak_kpi_status(&k, 6, 0.3333, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 5, 0, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 4.9, 0, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_kpi_status(&k, 20, 0, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 20.1, 0, 0.8), AK_SCORE_RED);
	/* One flag is a red flag (SPEC §6.5): beyond no flag is amber. */
	k.has &= ~(unsigned)AK_KPI_RED_MAX;
	assert_int_equal(ak_kpi_status(&k, 30, 0, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_kpi_status(&k, 4, 0, 0.8), AK_SCORE_RED);
}

static void
test_trend(void **state)
{
	ak_kpi k = up(100);

	(void)state;
	assert_int_equal(ak_kpi_trend(&k, 6, 5), AK_TREND_IMPROVING);
	assert_int_equal(ak_kpi_trend(&k, 5, 6), AK_TREND_WORSENING);
	assert_int_equal(ak_kpi_trend(&k, 5, 5), AK_TREND_FLAT);
	/* Past the target, higher is still better. */
	assert_int_equal(ak_kpi_trend(&k, 120, 110), AK_TREND_IMPROVING);
	k = down(10);
	assert_int_equal(ak_kpi_trend(&k, 5, 6), AK_TREND_IMPROVING);
	assert_int_equal(ak_kpi_trend(&k, 6, 5), AK_TREND_WORSENING);
	assert_int_equal(ak_kpi_trend(&k, -1, -1), AK_TREND_FLAT);
	k = range(8, 15);
	assert_int_equal(ak_kpi_trend(&k, 7, 5), AK_TREND_IMPROVING);
	assert_int_equal(ak_kpi_trend(&k, 16, 18), AK_TREND_IMPROVING);
	assert_int_equal(ak_kpi_trend(&k, 10, 20), AK_TREND_IMPROVING);
	assert_int_equal(ak_kpi_trend(&k, 5, 7), AK_TREND_WORSENING);
	assert_int_equal(ak_kpi_trend(&k, 17, 14), AK_TREND_WORSENING);
	/* Within the band, or as far from it on the other side: flat. */
	assert_int_equal(ak_kpi_trend(&k, 12, 10), AK_TREND_FLAT);
	assert_int_equal(ak_kpi_trend(&k, 16, 7), AK_TREND_FLAT);
}

static void
test_score_compute(void **state)
{
	ak_kpi k = up(100);
	ak_score sc;

	(void)state;
	k.has |= AK_KPI_BASELINE;
	k.baseline = 40;
	k.start = day("2026-01-01");
	k.due = day("2026-12-31");
	memset(&sc, 0, sizeof(sc));
	sc.period = ak_period_of(AK_PERIOD_MONTH, day("2026-06-15"));
	/* No value: expected only. */
	ak_score_compute(&sc, &k, 0.8);
	assert_int_equal(sc.status, AK_SCORE_NONE);
	assert_int_equal(sc.trend, AK_TREND_NONE);
	assert_near(sc.expected, 0.4945); /* 180 / 364 */
	/* Value 70: p = 30/60 = 0.5, s = 0.5/0.49451 > 1 -> 1: on pace. */
	sc.has_value = 1;
	sc.value = 70;
	sc.has_previous = 1;
	sc.previous = 65;
	ak_score_compute(&sc, &k, 0.8);
	assert_near(sc.progress, 0.5);
	assert_near(sc.score, 1);
	assert_int_equal(sc.status, AK_SCORE_GREEN);
	assert_int_equal(sc.trend, AK_TREND_IMPROVING);
	/* Value 60: p = 1/3 -> 0.3333; s = 0.6741 -> red. */
	sc.value = 60;
	ak_score_compute(&sc, &k, 0.8);
	assert_near(sc.progress, 0.3333);
	assert_near(sc.score, 0.6741);
	assert_int_equal(sc.status, AK_SCORE_RED);
	assert_int_equal(sc.trend, AK_TREND_WORSENING);
	/* A score that rounds to 1 is on pace as printed. */
	k.start = k.due = AK_DATE_NONE;
	sc.value = 99.998;
	ak_score_compute(&sc, &k, 0.8);
	assert_near(sc.score, 1);
	assert_int_equal(sc.status, AK_SCORE_GREEN);
}

/* ---- The scorer over a model ---------------------------------------- */

struct fixture {
	ak_model *model;
	ak_scorer *scorer;
	ak_score_options opt;
	uint64_t seq;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || ak_model_new(&f->model) != AK_OK)
		return -1;
	ak_score_options_init(&f->opt);
	f->opt.as_of = day("2026-11-23"); /* a Monday: W47 is complete */
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ak_scorer_free(f->scorer);
	ak_model_free(f->model);
	free(f);
	return 0;
}

static void
start(struct fixture *f)
{
	ak_error err;

	if (ak_scorer_new(&f->scorer, f->model, &f->opt, &err) != AK_OK)
		fail_msg("ak_scorer_new: %s", err.text);
}

static size_t
add_kpi(struct fixture *f, const char *text)
{
	json_error_t jerr;
	json_t *rec = json_loads(text, 0, &jerr);
	ak_error err;
	size_t n;

	if (rec == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	if (ak_model_add(f->model, rec, AK_KIND_KPI, NULL, 0, &err) != AK_OK)
		fail_msg("%s: %s", text, err.text);
	json_decref(rec);
	assert_int_equal(ak_scorer_sync(f->scorer), AK_OK);
	ak_model_kpis(f->model, &n);
	return n - 1;
}

static int
measure(struct fixture *f, const char *id, const char *at, double value)
{
	ak_measurement m = {NULL, 0, 0, 0, 0, NULL, NULL};

	m.kpi = id;
	m.src = NULL;
	assert_int_equal(ak_date_parse_instant(&m.at, &m.at_nanos, at,
	                                       strlen(at), NULL), AK_OK);
	m.value = value;
	return ak_scorer_add(f->scorer, &m, f->seq++, NULL);
}

static ak_score
get(struct fixture *f, size_t kpi, size_t i)
{
	ak_score sc;

	assert_true(i < ak_scorer_count(f->scorer, kpi));
	ak_scorer_get(f->scorer, &sc, kpi, i);
	return sc;
}

static void
add_target(struct fixture *f, const char *text)
{
	json_error_t jerr;
	json_t *rec = json_loads(text, 0, &jerr);
	ak_error err;

	if (rec == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	if (ak_model_add_target(f->model, rec, NULL, 0, &err) != AK_OK)
		fail_msg("%s: %s", text, err.text);
	json_decref(rec);
}

/* A phased target changing mid-history, one record with a label `from`
 * (2026-09: from September 1st) and one with a date (2026-10-15: in force
 * from October's end on, since its last day is on or after it); a record
 * replaces only the fields it names; e = 1 despite a pacing window. */
static void
test_phased_target(void **state)
{
	struct fixture *f = *state;
	size_t k;
	ak_score sc;

	f->opt.as_of = day("2026-12-01");
	f->opt.period = AK_PERIOD_MONTH;
	f->opt.periods = 4;               /* 2026-08 .. 2026-11 */
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	               "\"target\":100,\"red\":50,\"start\":\"2026-01-01\","
	               "\"due\":\"2026-12-31\"}");
	/* Later in the stream, equal from: the second wins. */
	add_target(f, "{\"kpi\":\"K1\",\"from\":\"2026-10-15\",\"target\":150}");
	add_target(f, "{\"kpi\":\"K1\",\"from\":\"2026-09\",\"target\":80}");
	add_target(f, "{\"kpi\":\"K1\",\"from\":\"2026-10-15\",\"target\":140,"
	              "\"red\":70}");
	measure(f, "K1", "2026-08-10", 60);
	measure(f, "K1", "2026-09-10", 60);
	measure(f, "K1", "2026-10-10", 105);
	measure(f, "K1", "2026-11-10", 105);
	/* August: the KPI's own (100, red 50), e = 1 not 0.6: p = s = 0.2. */
	sc = get(f, k, 0);
	assert_true(sc.target == 100);
	assert_true(sc.expected == 1);
	assert_true(sc.progress == 0.2);
	/* Above the red flag: amber, however low the score. */
	assert_int_equal(sc.status, AK_SCORE_AMBER);
	/* September: from 2026-09, target 80, red still the KPI's 50:
	 * p = (60 - 50)/(80 - 50) = 0.3333. */
	sc = get(f, k, 1);
	assert_true(sc.target == 80);
	assert_true(sc.score == 0.3333);
	/* October ends after the 15th: target 140 and red 70, the later of
	 * the two records: p = (105 - 70)/(140 - 70) = 0.5; amber (above
	 * the red flag). */
	sc = get(f, k, 2);
	assert_true(sc.target == 140);
	assert_true(sc.score == 0.5);
	assert_int_equal(sc.status, AK_SCORE_AMBER);
	sc = get(f, k, 3);
	assert_true(sc.target == 140);
}

/* The forecast: the least-squares line through (period end, value) of the
 * valued periods among the last --forecast-window, at due. */
static void
test_forecast(void **state)
{
	struct fixture *f = *state;
	size_t k, kr, kp;
	ak_score sc;

	f->opt.as_of = day("2026-12-01");
	f->opt.period = AK_PERIOD_MONTH;
	f->opt.periods = 2;               /* 2026-10 and 2026-11 */
	f->opt.forecast_window = 4;       /* 2026-08 .. 2026-11 for November */
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	               "\"target\":100,\"due\":\"2027-01-31\"}");
	kr = add_kpi(f, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"direction\":\"range\",\"min\":1,\"max\":2,"
	                "\"due\":\"2027-01-31\"}");
	kp = add_kpi(f, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":100,\"due\":\"2026-11-30\"}");
	/* Too old for either window. */
	measure(f, "K1", "2026-06-10", 500);
	/* Exactly 3 points for October's window (07..10): Jul 31, Aug 31,
	 * Sep 30 (days 20665, 20696, 20726) with 10, 20, 30; the line at
	 * 2027-01-31 (20849).  November's window (08..11) has 20, 30, and a
	 * gap in October, then 50 on Nov 30 (20787). */
	measure(f, "K1", "2026-07-10", 10);
	measure(f, "K1", "2026-08-10", 20);
	measure(f, "K1", "2026-09-10", 30);
	measure(f, "K1", "2026-11-10", 50);
	for (const char *at = "2026-08-10"; at != NULL;
	     at = strcmp(at, "2026-08-10") == 0 ? "2026-09-10" :
	          strcmp(at, "2026-09-10") == 0 ? "2026-10-10" : NULL) {
		measure(f, "K2", at, 1.5);
		measure(f, "K3", at, 1);
	}
	sc = get(f, k, 0);
	assert_true(sc.has_forecast);
	/* Fitted by hand: x' = 0, 31, 61; y = 10, 20, 30; n = 3.
	 * Sx = 92, Sxx = 4682, Sy = 60, Sxy = 2450, D = 3*4682 - 92^2 = 5582,
	 * slope = (3*2450 - 92*60)/5582 = 1830/5582; mean x' = 92/3, mean y
	 * = 20; f = 20 + (1830/5582)(184 - 92/3) = 20 + 1830*460/(3*5582)
	 * = 20 + 841800/16746 = 1176720/16746 = 196120/2791, rounded once. */
	assert_true(sc.forecast == 196120.0 / 2791.0);
	sc = get(f, k, 1);
	assert_true(sc.has_forecast);
	/* Points Aug 31 (20696) 20, Sep 30 (20726) 30, Nov 30 (20787) 50:
	 * x' = 0, 30, 91; Sx = 121, Sxx = 9181, Sy = 100, Sxy = 5450,
	 * D = 3*9181 - 121^2 = 12902, n Sxy - Sx Sy = 16350 - 12100 = 4250,
	 * at x' = 153: f = 100/3 + (4250/12902)(153 - 121/3)
	 * = (100*12902 + 4250*(459 - 121)) / (3*12902) = 2726700/38706
	 * = 454450/6451. */
	assert_true(sc.forecast == 454450.0 / 6451.0);
	/* No forecast for a range KPI, nor once due has passed (K3's due is
	 * November's last day: not after it). */
	assert_false(get(f, kr, 1).has_forecast);
	sc = get(f, kp, 0);
	assert_true(sc.has_forecast);     /* due after October's end */
	assert_true(sc.forecast == 1);    /* flat at 1 */
	assert_false(get(f, kp, 1).has_forecast);
}

/* missing: zero: a complete period without measurements is 0 (n 0) from
 * the KPI's start on (the period holding it included), else from its
 * first measurement on; before that it has no value; a zero period is a
 * value for previous and trend, and keeps the KPI from going stale. */
static void
test_missing_zero(void **state)
{
	struct fixture *f = *state;
	size_t ks, kf;
	ak_score sc;

	f->opt.as_of = day("2026-12-01");
	f->opt.period = AK_PERIOD_MONTH;
	f->opt.periods = 4;               /* 2026-08 .. 2026-11 */
	start(f);
	ks = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"direction\":\"down\",\"target\":2,\"aggregate\":\"count\","
	                "\"missing\":\"zero\",\"start\":\"2026-09-15\","
	                "\"due\":\"2027-06-30\"}");
	kf = add_kpi(f, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"direction\":\"down\",\"target\":2,\"aggregate\":\"sum\","
	                "\"missing\":\"zero\",\"stale_after\":1}");
	measure(f, "K1", "2026-10-03", 1);   /* one incident in October */
	measure(f, "K2", "2026-11-20", 3);
	measure(f, "K2", "2026-10-20", 4);   /* K2's first, out of order */
	/* K1: August ends before its start: no value, stale. */
	sc = get(f, ks, 0);
	assert_false(sc.has_value);
	assert_int_equal(sc.status, AK_SCORE_NONE);
	assert_true(sc.stale);
	/* September holds the start: 0 incidents, n 0, green; not stale. */
	sc = get(f, ks, 1);
	assert_true(sc.has_value);
	assert_true(sc.value == 0);
	assert_int_equal(sc.n, 0);
	assert_int_equal(sc.status, AK_SCORE_GREEN);
	assert_false(sc.stale);
	/* October: 1 incident (previous 0: worsening); November 0 again. */
	sc = get(f, ks, 2);
	assert_true(sc.value == 1);
	assert_true(sc.has_previous && sc.previous == 0);
	assert_int_equal(sc.trend, AK_TREND_WORSENING);
	sc = get(f, ks, 3);
	assert_true(sc.has_value && sc.value == 0 && sc.n == 0);
	assert_int_equal(sc.trend, AK_TREND_IMPROVING);
	assert_false(sc.stale);
	/* K2 has no start: zero from its first measurement (2026-10-20) on;
	 * September has no value and is stale. */
	sc = get(f, kf, 1);
	assert_false(sc.has_value);
	assert_true(sc.stale);
	sc = get(f, kf, 2);
	assert_true(sc.value == 4);
	sc = get(f, kf, 3);
	assert_true(sc.value == 3);
}

static void
test_scorer_options(void **state)
{
	struct fixture *f = *state;
	ak_scorer *s = NULL;
	ak_error err;

	f->opt.periods = 0;
	assert_int_equal(ak_scorer_new(&s, f->model, &f->opt, &err), AK_EUSAGE);
	assert_string_equal(err.text, "periods must be from 1 to 1000");
	f->opt.periods = AK_SCORE_PERIODS_MAX + 1;
	assert_int_equal(ak_scorer_new(&s, f->model, &f->opt, &err), AK_EUSAGE);
	f->opt.periods = 1;
	f->opt.as_of = AK_DATE_MAX + 1;
	assert_int_equal(ak_scorer_new(&s, f->model, &f->opt, &err), AK_EUSAGE);
	assert_null(s);
	ak_scorer_free(NULL);
}

static void
test_aggregates(void **state)
{
	static const struct {
		const char *aggregate;
		double value;
	} cases[] = {
		{"last", 5}, {"sum", 12}, {"avg", 4}, {"min", 3}, {"max", 5},
		{"count", 3},
	};
	struct fixture *f = *state;
	char text[256];

	start(f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char id[16];
		size_t k;
		ak_score sc;

		snprintf(id, sizeof(id), "K%zu", i);
		snprintf(text, sizeof(text),
		         "{\"id\":\"%s\",\"name\":\"n\",\"measures\":\"G1\","
		         "\"target\":10,\"aggregate\":\"%s\"}", id, cases[i].aggregate);
		k = add_kpi(f, text);
		/* W47 is 2026-11-16..22; stream order is not `at` order. */
		assert_int_equal(measure(f, id, "2026-11-20", 5), AK_OK);
		assert_int_equal(measure(f, id, "2026-11-16", 4), AK_OK);
		assert_int_equal(measure(f, id, "2026-11-18", 3), AK_OK);
		/* Outside the week: the week after (not complete) and before. */
		assert_int_equal(measure(f, id, "2026-11-23", 100), AK_OK);
		assert_int_equal(measure(f, id, "2026-11-15", 100), AK_OK);
		assert_int_equal(ak_scorer_count(f->scorer, k), 1);
		sc = get(f, k, 0);
		assert_true(sc.has_value);
		assert_near(sc.value, cases[i].value);
		assert_int_equal(sc.n, 3);
		/* The week before is kept for the trend. */
		assert_true(sc.has_previous);
		assert_near(sc.previous, strcmp(cases[i].aggregate, "count") == 0 ? 1 : 100);
	}
}

static void
test_last_ties(void **state)
{
	struct fixture *f = *state;
	ak_measurement m = {"K1", 0, 0, 0, 0, NULL, NULL};
	size_t k;

	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":10}");
	/* Equal `at`: the later in the stream wins, even when counted out of
	 * stream order (a measurement that waited for its KPI). */
	m.at = day("2026-11-20");
	m.value = 1;
	ak_scorer_add(f->scorer, &m, 5, NULL);
	m.value = 2;
	ak_scorer_add(f->scorer, &m, 3, NULL);
	assert_near(get(f, k, 0).value, 1);
	m.value = 3;
	ak_scorer_add(f->scorer, &m, 9, NULL);
	assert_near(get(f, k, 0).value, 3);
	/* A later `at` wins over a later place in the stream. */
	m.at = day("2026-11-21");
	m.value = 4;
	ak_scorer_add(f->scorer, &m, 1, NULL);
	assert_near(get(f, k, 0).value, 4);
	m.at = day("2026-11-19");
	m.value = 5;
	ak_scorer_add(f->scorer, &m, 100, NULL);
	assert_near(get(f, k, 0).value, 4);
	assert_int_equal(get(f, k, 0).n, 5);
}

static void
test_last_by_instant(void **state)
{
	struct fixture *f = *state;
	size_t k;

	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":10}");
	/* 23:00 then 01:00 of one day: 23:00 is the later instant. */
	measure(f, "K1", "2026-11-20T23:00:00Z", 1);
	measure(f, "K1", "2026-11-20T01:00:00Z", 2);
	assert_near(get(f, k, 0).value, 1);
	/* A date alone is 00:00 UTC: earlier than 23:00, though later in the
	 * stream. */
	measure(f, "K1", "2026-11-20", 3);
	assert_near(get(f, k, 0).value, 1);
	/* The same instant written in another offset: the later in the
	 * stream wins. */
	measure(f, "K1", "2026-11-21T00:30:00+01:30", 4);
	assert_near(get(f, k, 0).value, 4);
	/* Fractions of a second order too. */
	measure(f, "K1", "2026-11-20T23:00:00.5Z", 5);
	assert_near(get(f, k, 0).value, 5);
	measure(f, "K1", "2026-11-20T23:00:00.25Z", 6);
	assert_near(get(f, k, 0).value, 5);
	/* A leap second is the day's last. */
	measure(f, "K1", "2026-11-22T23:59:60Z", 7);
	measure(f, "K1", "2026-11-22T23:59:59.999Z", 8);
	assert_near(get(f, k, 0).value, 7);
	/* 01:00+02:00 is 23:00 of the day before in UTC: it counts in the
	 * week, before the leap second. */
	measure(f, "K1", "2026-11-23T01:00:00+02:00", 9);
	assert_near(get(f, k, 0).value, 7);
	assert_int_equal(get(f, k, 0).n, 9);
}

static void
test_unknown_and_retired(void **state)
{
	struct fixture *f = *state;
	size_t k;

	start(f);
	assert_int_equal(measure(f, "K1", "2026-11-20", 1), AK_ENOTFOUND);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	               "\"target\":10,\"status\":\"retired\"}");
	/* Consumed, never scored. */
	assert_int_equal(measure(f, "K1", "2026-11-20", 1), AK_OK);
	assert_int_equal(ak_scorer_count(f->scorer, k), 0);
	assert_int_equal(measure(f, "K2", "2026-11-20", 1), AK_ENOTFOUND);
}

static void
test_periods_and_trend(void **state)
{
	struct fixture *f = *state;
	ak_score sc;
	char label[AK_PERIOD_BUFSIZE];
	size_t k;

	f->opt.periods = 3;
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	               "\"direction\":\"down\",\"target\":10,\"baseline\":30}");
	measure(f, "K1", "2026-11-01", 30);   /* W44: before the report */
	measure(f, "K1", "2026-11-02", 25);   /* W45 */
	measure(f, "K1", "2026-11-22", 20);   /* W47; W46 has nothing */
	assert_int_equal(ak_scorer_count(f->scorer, k), 3);
	sc = get(f, k, 0);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-W45");
	assert_near(sc.value, 25);
	assert_near(sc.previous, 30);
	assert_near(sc.progress, 0.25);
	assert_int_equal(sc.trend, AK_TREND_IMPROVING);
	assert_int_equal(sc.status, AK_SCORE_RED);
	sc = get(f, k, 1);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-W46");
	assert_false(sc.has_value);
	assert_int_equal(sc.n, 0);
	assert_true(sc.has_previous);
	assert_int_equal(sc.trend, AK_TREND_NONE);
	assert_int_equal(sc.status, AK_SCORE_NONE);
	assert_false(sc.stale); /* W45 is within two periods */
	sc = get(f, k, 2);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-W47");
	assert_false(sc.has_previous);
	assert_int_equal(sc.trend, AK_TREND_NONE);
	assert_near(sc.score, 0.5);
}

static void
test_stale(void **state)
{
	struct fixture *f = *state;
	size_t k1, k2, k3, k4, k5;

	f->opt.periods = 2;
	start(f);
	k1 = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	k2 = add_kpi(f, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	k3 = add_kpi(f, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1,"
	                "\"stale_after\":5}");
	k4 = add_kpi(f, "{\"id\":\"K4\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1,"
	                "\"stale_after\":1}");
	k5 = add_kpi(f, "{\"id\":\"K5\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1,"
	                "\"stale_after\":100000000}");
	/* K1: last measured in W45; stale_after 2: fresh for W46, stale
	 * for W47. */
	measure(f, "K1", "2026-11-08", 1);
	assert_false(get(f, k1, 0).stale);
	assert_true(get(f, k1, 1).stale);
	/* K2: never measured. */
	assert_true(get(f, k2, 0).stale);
	assert_true(get(f, k2, 1).stale);
	/* K3: long before the kept weeks, and within 5 of W47: W43. */
	measure(f, "K3", "2026-10-19", 1);
	assert_false(get(f, k3, 1).stale);
	/* K4: stale_after 1: only a measurement in the period itself. */
	measure(f, "K4", "2026-11-15", 1);
	assert_false(get(f, k4, 0).stale);
	assert_true(get(f, k4, 1).stale);
	/* A measurement after the report does not freshen it. */
	measure(f, "K4", "2026-11-23", 1);
	assert_true(get(f, k4, 1).stale);
	/* A window reaching before year 1 takes in all history. */
	measure(f, "K5", "0001-01-01", 1);
	assert_false(get(f, k5, 1).stale);
}

static void
test_cadences(void **state)
{
	struct fixture *f = *state;
	char label[AK_PERIOD_BUFSIZE];
	size_t km, kq, ky;
	ak_score sc;

	f->opt.as_of = day("2026-11-30"); /* a Monday, and November's end */
	start(f);
	km = add_kpi(f, "{\"id\":\"KM\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":10,\"cadence\":\"month\"}");
	kq = add_kpi(f, "{\"id\":\"KQ\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":10,\"cadence\":\"quarter\"}");
	ky = add_kpi(f, "{\"id\":\"KY\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":10,\"cadence\":\"year\"}");
	measure(f, "KM", "2026-10-31", 5);
	measure(f, "KM", "2026-11-30", 10);
	measure(f, "KQ", "2026-09-30", 7);
	measure(f, "KY", "2025-12-31", 8);
	sc = get(f, km, 0);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-11");
	assert_near(sc.value, 10);
	sc = get(f, kq, 0);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-Q3");
	assert_near(sc.value, 7);
	sc = get(f, ky, 0);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2025");
	assert_near(sc.value, 8);
	/* The report week W48 ends 2026-11-29, before November does: the
	 * monthly KPI contributes October. */
	assert_int_equal(ak_scorer_get_at(f->scorer, &sc, km, day("2026-11-29")), 1);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-10");
	assert_near(sc.value, 5);
	assert_near(sc.score, 0.5);
	assert_int_equal(ak_scorer_get_at(f->scorer, &sc, kq, day("2026-11-29")), 1);
	assert_near(sc.value, 7);
}

static void
test_rollup_periods_kept(void **state)
{
	struct fixture *f = *state;
	char label[AK_PERIOD_BUFSIZE];
	ak_score sc;
	size_t kw;

	/* Monthly report, weekly KPI, one period: the report month is
	 * October 2026 (as of 2026-11-23), and the KPI contributes the last
	 * week ending by 2026-10-31: W43 (2026-10-19..25). */
	f->opt.period = AK_PERIOD_MONTH;
	start(f);
	kw = add_kpi(f, "{\"id\":\"KW\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":10,\"cadence\":\"week\"}");
	measure(f, "KW", "2026-10-25", 4);
	measure(f, "KW", "2026-10-26", 6);   /* W44: after October's end */
	measure(f, "KW", "2026-11-22", 9);
	assert_int_equal(ak_scorer_count(f->scorer, kw), 1);
	assert_near(get(f, kw, 0).value, 9);
	assert_int_equal(ak_scorer_get_at(f->scorer, &sc, kw, day("2026-10-31")), 1);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "2026-W43");
	assert_near(sc.value, 4);
	/* An end that is not a report period's: nothing kept. */
	assert_int_equal(ak_scorer_get_at(f->scorer, &sc, kw, day("2026-09-30")), 0);
}

static void
test_stale_between_kept_periods(void **state)
{
	struct fixture *f = *state;
	size_t k2, k3;

	/* Kept weeks: W43 (for the October rollup), W46 and W47.  A
	 * measurement in W45 falls between them and still counts for
	 * staleness. */
	f->opt.period = AK_PERIOD_MONTH;
	start(f);
	k2 = add_kpi(f, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"cadence\":\"week\",\"stale_after\":2}");
	k3 = add_kpi(f, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"cadence\":\"week\",\"stale_after\":3}");
	measure(f, "K2", "2026-11-02", 1);
	measure(f, "K3", "2026-11-02", 1);
	assert_true(get(f, k2, 0).stale);
	assert_false(get(f, k3, 0).stale);
	assert_false(get(f, k3, 0).has_value);
}

static void
test_year_one(void **state)
{
	struct fixture *f = *state;
	char label[AK_PERIOD_BUFSIZE];
	ak_score sc;
	size_t k, ky;

	/* 0001-01-01 is a Monday; its week is complete on the 7th. */
	f->opt.as_of = day("0001-01-03");
	f->opt.periods = 3;
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":10}");
	assert_int_equal(ak_scorer_count(f->scorer, k), 0);
	assert_int_equal(measure(f, "K1", "0001-01-02", 1), AK_OK);
	ak_scorer_free(f->scorer);
	f->scorer = NULL;
	ak_model_free(f->model);
	assert_int_equal(ak_model_new(&f->model), AK_OK);
	f->opt.as_of = day("0001-01-07");
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":10}");
	ky = add_kpi(f, "{\"id\":\"KY\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":10,\"cadence\":\"year\"}");
	measure(f, "K1", "0001-01-01", 5);
	assert_int_equal(ak_scorer_count(f->scorer, k), 1);
	sc = get(f, k, 0);
	ak_period_label(label, sc.period);
	assert_string_equal(label, "0001-W01");
	assert_near(sc.value, 5);
	assert_false(sc.has_previous);
	assert_int_equal(ak_scorer_count(f->scorer, ky), 0);
	assert_int_equal(ak_scorer_get_at(f->scorer, &sc, ky, day("0001-01-07")), 0);
}

static void
test_year_9999(void **state)
{
	struct fixture *f = *state;
	char label[AK_PERIOD_BUFSIZE];
	size_t k;

	f->opt.as_of = day("9999-12-31");
	f->opt.period = AK_PERIOD_YEAR;
	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\",\"target\":10}");
	measure(f, "K1", "9999-12-31", 10);
	ak_period_label(label, get(f, k, 0).period);
	assert_string_equal(label, "9999");
	assert_int_equal(get(f, k, 0).status, AK_SCORE_GREEN);
}

static void
test_saturation(void **state)
{
	struct fixture *f = *state;
	ak_score sc;
	size_t k;

	start(f);
	k = add_kpi(f, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	               "\"target\":10,\"aggregate\":\"sum\"}");
	measure(f, "K1", "2026-11-20", 1.5e308);
	measure(f, "K1", "2026-11-21", 1.5e308);
	sc = get(f, k, 0);
	assert_true(isfinite(sc.value));
	assert_true(isfinite(sc.progress));
	assert_int_equal(sc.status, AK_SCORE_GREEN);
}

static void
test_score_record(void **state)
{
	ak_kpi k = up(100);
	ak_score sc;
	json_t *rec;
	char *text = NULL;
	size_t len = 0, cap = 0;

	(void)state;
	k.src = "kpis.csv:2";
	memset(&sc, 0, sizeof(sc));
	sc.period = ak_period_of(AK_PERIOD_WEEK, day("2026-11-18"));
	sc.has_value = 1;
	sc.value = 97;
	sc.n = 3;
	sc.has_previous = 1;
	sc.previous = 96;
	ak_score_compute(&sc, &k, 0.8);
	rec = ak_score_record(&k, &sc);
	assert_non_null(rec);
	assert_int_equal(ak_json_append(&text, &len, &cap, rec), AK_OK);
	assert_string_equal(text,
		"{\"kind\":\"score\",\"kpi\":\"K1\",\"measures\":\"G1\","
		"\"period\":\"2026-W47\",\"start\":\"2026-11-16\",\"end\":\"2026-11-22\","
		"\"value\":97,\"n\":3,\"target\":100,\"progress\":0.97,\"expected\":1,"
		"\"score\":0.97,\"status\":\"amber\",\"previous\":96,\"delta\":1,"
		"\"trend\":\"improving\",\"stale\":false,\"forecast\":null,"
		"\"src\":\"kpis.csv:2\"}");
	json_decref(rec);
	/* No value, no src. */
	k.src = NULL;
	sc.has_value = 0;
	sc.n = 0;
	sc.has_previous = 0;
	sc.stale = 1;
	ak_score_compute(&sc, &k, 0.8);
	rec = ak_score_record(&k, &sc);
	len = 0;
	assert_int_equal(ak_json_append(&text, &len, &cap, rec), AK_OK);
	assert_string_equal(text,
		"{\"kind\":\"score\",\"kpi\":\"K1\",\"measures\":\"G1\","
		"\"period\":\"2026-W47\",\"start\":\"2026-11-16\",\"end\":\"2026-11-22\","
		"\"value\":null,\"n\":0,\"target\":100,\"progress\":null,\"expected\":1,"
		"\"score\":null,\"status\":\"none\",\"previous\":null,\"delta\":null,"
		"\"trend\":null,\"stale\":true,\"forecast\":null}");
	json_decref(rec);
	free(text);
}

/* Reads a partial record from text and adds it. */
static int
measure_partial(struct fixture *f, const char *text)
{
	json_error_t jerr;
	json_t *rec = json_loads(text, 0, &jerr);
	ak_partial p;
	ak_error err;
	int rc;

	if (rec == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	rc = ak_partial_read(&p, rec, &err);
	if (rc == AK_OK)
		rc = ak_scorer_add_partial(f->scorer, &p, f->seq++, &err);
	json_decref(rec);
	return rc;
}

/* Partials merge into a period exactly as the measurements they stand
 * for: 0.3 as one measurement and 0.1 and 0.2 as a partial whose exact
 * sum is sum plus sum_lo give the mean and the sum of the three
 * measurements, bit for bit: the sum 0.6, not 0.6000000000000001. */
static void
test_partials(void **state)
{
	struct fixture *f = *state;
	size_t ka, kb, ks, kt;
	ak_score a, b;

	f->opt.as_of = day("2026-11-23");
	f->opt.periods = 1;
	start(f);
	ka = add_kpi(f, "{\"id\":\"KA\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"aggregate\":\"avg\"}");
	kb = add_kpi(f, "{\"id\":\"KB\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"aggregate\":\"avg\"}");
	ks = add_kpi(f, "{\"id\":\"KS\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"aggregate\":\"sum\"}");
	kt = add_kpi(f, "{\"id\":\"KT\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"aggregate\":\"sum\"}");
	measure(f, "KA", "2026-11-16", 0.1);
	measure(f, "KA", "2026-11-17", 0.2);
	measure(f, "KA", "2026-11-18", 0.3);
	measure(f, "KS", "2026-11-16", 0.1);
	measure(f, "KS", "2026-11-17", 0.2);
	measure(f, "KS", "2026-11-18", 0.3);
	measure(f, "KB", "2026-11-18", 0.3);
	measure(f, "KT", "2026-11-18", 0.3);
	/* 0.1 + 0.2 exactly: 0.30000000000000004 less 2^-55. */
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KB\",\"at\":\"2026-11-16\",\"n\":2,"
	    "\"sum\":0.30000000000000004,\"sum_lo\":[-2.7755575615628914e-17],"
	    "\"min\":0.1,\"max\":0.2,\"last\":0.2,\"last_at\":\"2026-11-17\"}"), AK_OK);
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KT\",\"at\":\"2026-11-16\",\"n\":2,"
	    "\"sum\":0.30000000000000004,\"sum_lo\":[-2.7755575615628914e-17],"
	    "\"min\":0.1,\"max\":0.2,\"last\":0.2,\"last_at\":\"2026-11-17\"}"), AK_OK);
	a = get(f, ka, 0);
	b = get(f, kb, 0);
	assert_true(a.has_value && b.has_value);
	assert_memory_equal(&a.value, &b.value, sizeof(double));
	assert_int_equal(a.n, 3);
	assert_int_equal(b.n, 3);
	a = get(f, ks, 0);
	b = get(f, kt, 0);
	assert_memory_equal(&a.value, &b.value, sizeof(double));
	assert_true(b.value == 0.6);
	/* A partial of an unknown KPI is not counted; one whose last_at is in
	 * another period than its at is refused. */
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KX\",\"at\":\"2026-11-17\",\"n\":2,\"sum\":0.5,"
	    "\"min\":0.2,\"max\":0.3,\"last\":0.3,\"last_at\":\"2026-11-18\"}"),
	    AK_ENOTFOUND);
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KB\",\"at\":\"2026-11-17\",\"n\":2,\"sum\":0.5,"
	    "\"min\":0.2,\"max\":0.3,\"last\":0.3,\"last_at\":\"2026-11-23\"}"),
	    AK_EINPUT);
	b = get(f, kb, 0);
	assert_int_equal(b.n, 3);
}

/* Adds a measurement with a note (NULL: none) and src (NULL: none);
 * value NAN stands for null. */
static int
measure_note(struct fixture *f, const char *id, const char *at, double value,
             const char *note, const char *src)
{
	ak_measurement m = {NULL, 0, 0, 0, 0, NULL, NULL};

	m.kpi = id;
	assert_int_equal(ak_date_parse_instant(&m.at, &m.at_nanos, at,
	                                       strlen(at), NULL), AK_OK);
	m.is_null = isnan(value);
	m.value = m.is_null ? 0 : value;
	m.note = note;
	m.src = src;
	return ak_scorer_add(f->scorer, &m, f->seq++, NULL);
}

static void
assert_note(const ak_score *sc, const char *want)
{
	if (want == NULL) {
		if (sc->note != NULL)
			fail_msg("note \"%s\", want none", sc->note);
		return;
	}
	assert_non_null(sc->note);
	assert_string_equal(sc->note, want);
}

/* The note of a score is the note of the measurement its value stands on:
 * the latest with a value (by instant, then stream order), whatever the
 * aggregate, and none when that one has none, even when an earlier one
 * has; in an n/a period, the latest null one's.  The note is copied: the
 * caller's string may go. */
static void
test_notes(void **state)
{
	struct fixture *f = *state;
	size_t ks, kt, kn, km, kd, kp, ke;
	char buf[32];
	ak_score sc;

	f->opt.as_of = day("2026-11-23");
	f->opt.periods = 2;               /* W46, W47 */
	start(f);
	ks = add_kpi(f, "{\"id\":\"KS\",\"name\":\"n\",\"measures\":\"G1\","
	                "\"target\":1,\"aggregate\":\"sum\"}");
	kt = add_kpi(f, "{\"id\":\"KT\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	kn = add_kpi(f, "{\"id\":\"KN\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	km = add_kpi(f, "{\"id\":\"KM\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	kd = add_kpi(f, "{\"id\":\"KD\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	kp = add_kpi(f, "{\"id\":\"KP\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	ke = add_kpi(f, "{\"id\":\"KE\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");

	/* Latest by instant, out of stream order; a sum KPI too. */
	snprintf(buf, sizeof(buf), "%s", "latest");
	measure_note(f, "KS", "2026-11-20T10:00:00Z", 1, buf, NULL);
	memset(buf, 'x', sizeof(buf) - 1);
	measure_note(f, "KS", "2026-11-20T09:00:00Z", 2, "earlier", NULL);
	measure_note(f, "KS", "2026-11-17", 3, "older", NULL);
	sc = get(f, ks, 1);
	assert_near(sc.value, 6);
	assert_note(&sc, "latest");
	/* The latest without a note: none, not an older note. */
	measure_note(f, "KS", "2026-11-21", 4, NULL, NULL);
	assert_note((sc = get(f, ks, 1), &sc), NULL);
	/* An empty note is none. */
	measure_note(f, "KS", "2026-11-22", 4, "", NULL);
	assert_note((sc = get(f, ks, 1), &sc), NULL);
	/* The week before keeps its own. */
	measure_note(f, "KS", "2026-11-12", 1, "W46", NULL);
	assert_note((sc = get(f, ks, 0), &sc), "W46");

	/* Equal instants: the later in the stream, also when counted out of
	 * order (a measurement that waited for its KPI). */
	{
		ak_measurement m = {"KT", 0, 0, 0, 0, NULL, NULL};
		m.at = day("2026-11-20");
		m.value = 1;
		m.note = "seq 5";
		ak_scorer_add(f->scorer, &m, 5, NULL);
		m.note = "seq 3";
		ak_scorer_add(f->scorer, &m, 3, NULL);
		assert_note((sc = get(f, kt, 1), &sc), "seq 5");
		m.note = "seq 9";
		ak_scorer_add(f->scorer, &m, 9, NULL);
		assert_note((sc = get(f, kt, 1), &sc), "seq 9");
	}

	/* n/a: every measurement null; the latest null one's note says why. */
	measure_note(f, "KN", "2026-11-18", NAN, "shutdown", NULL);
	measure_note(f, "KN", "2026-11-17", NAN, "earlier", NULL);
	sc = get(f, kn, 1);
	assert_int_equal(sc.status, AK_SCORE_NA);
	assert_note(&sc, "shutdown");
	/* Nulls with equal instants: the later in the stream. */
	measure_note(f, "KN", "2026-11-18", NAN, "later in the stream", NULL);
	assert_note((sc = get(f, kn, 1), &sc), "later in the stream");

	/* A value and a later null: the note of the value's measurement. */
	measure_note(f, "KM", "2026-11-17", 0.5, "the value", NULL);
	measure_note(f, "KM", "2026-11-20", NAN, "a null later", NULL);
	sc = get(f, km, 1);
	assert_int_equal(sc.status, AK_SCORE_RED);
	assert_note(&sc, "the value");
	/* No measurement: no note. */
	assert_note((sc = get(f, km, 0), &sc), NULL);

	/* A copy (a file repeating another's measurements) is left out: its
	 * note too, though it is later in the stream. */
	measure_note(f, "KD", "2026-11-18", 1, "first file", "a.csv:2");
	measure_note(f, "KD", "2026-11-18", 1, "the copy", "b.csv:2");
	sc = get(f, kd, 1);
	assert_int_equal(sc.n, 1);
	assert_int_equal(sc.nduplicates, 1);
	assert_note(&sc, "first file");
	/* Two files that differ both count: the latest of both wins. */
	measure_note(f, "KE", "2026-11-18", 1, "a", "a.csv:2");
	measure_note(f, "KE", "2026-11-19", 2, "b, later", "b.csv:2");
	measure_note(f, "KE", "2026-11-17", 3, "a, earlier", "a.csv:3");
	sc = get(f, ke, 1);
	assert_int_equal(sc.n, 3);
	assert_note(&sc, "b, later");

	/* A partial brings the note of its `last` as last_note; a later
	 * measurement without a note takes over. */
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KP\",\"at\":\"2026-11-16\",\"n\":2,\"sum\":3,"
	    "\"min\":1,\"max\":2,\"last\":2,\"last_at\":\"2026-11-18T12:00:00Z\","
	    "\"last_note\":\"from the shard\"}"), AK_OK);
	measure_note(f, "KP", "2026-11-18", 5, "earlier than last_at", NULL);
	assert_note((sc = get(f, kp, 1), &sc), "from the shard");
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KP\",\"at\":\"2026-11-16\",\"n\":1,\"sum\":4,"
	    "\"min\":4,\"max\":4,\"last\":4,\"last_at\":\"2026-11-19\","
	    "\"last_note\":null}"), AK_OK);
	sc = get(f, kp, 1);
	assert_near(sc.value, 4);
	assert_note(&sc, NULL);
	assert_int_equal(measure_partial(f, "{\"kind\":\"measurement\","
	    "\"kpi\":\"KP\",\"at\":\"2026-11-16\",\"n\":1,\"sum\":4,"
	    "\"min\":4,\"max\":4,\"last\":4,\"last_at\":\"2026-11-19\","
	    "\"last_note\":7}"), AK_EINPUT);
}

/* The note is written, after the forecast, only when there is one. */
static void
test_score_record_note(void **state)
{
	ak_kpi k = up(100);
	ak_score sc;
	json_t *rec;
	char *text = NULL;
	size_t len = 0, cap = 0;

	(void)state;
	memset(&sc, 0, sizeof(sc));
	sc.period = ak_period_of(AK_PERIOD_WEEK, day("2026-11-18"));
	sc.status = AK_SCORE_NA;
	sc.note = "shutdown <b>\"week\"</b>";
	ak_score_compute(&sc, &k, 0.8);
	sc.status = AK_SCORE_NA;
	rec = ak_score_record(&k, &sc);
	assert_non_null(rec);
	assert_int_equal(ak_json_append(&text, &len, &cap, rec), AK_OK);
	assert_string_equal(text,
		"{\"kind\":\"score\",\"kpi\":\"K1\",\"measures\":\"G1\","
		"\"period\":\"2026-W47\",\"start\":\"2026-11-16\",\"end\":\"2026-11-22\","
		"\"value\":null,\"n\":0,\"target\":100,\"progress\":null,\"expected\":1,"
		"\"score\":null,\"status\":\"n/a\",\"previous\":null,\"delta\":null,"
		"\"trend\":null,\"stale\":false,\"forecast\":null,"
		"\"note\":\"shutdown <b>\\\"week\\\"</b>\"}");
	json_decref(rec);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_options_init),
		cmocka_unit_test(test_progress_up),
		cmocka_unit_test(test_progress_down),
		cmocka_unit_test(test_progress_range),
		cmocka_unit_test(test_expected),
		cmocka_unit_test(test_score_value),
		cmocka_unit_test(test_status_up_down),
		cmocka_unit_test(test_status_range),
		cmocka_unit_test(test_trend),
		cmocka_unit_test(test_score_compute),
		cmocka_unit_test(test_score_record),
		cmocka_unit_test_setup_teardown(test_scorer_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aggregates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_ties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_by_instant, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_and_retired, setup, teardown),
		cmocka_unit_test_setup_teardown(test_periods_and_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cadences, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollup_periods_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_between_kept_periods, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_year_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_9999, setup, teardown),
		cmocka_unit_test_setup_teardown(test_saturation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phased_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forecast, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partials, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notes, setup, teardown),
		cmocka_unit_test(test_score_record_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
