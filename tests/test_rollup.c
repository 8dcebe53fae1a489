/* Unit tests of lib/rollup.c: weighted means over scored children, goals'
 * and initiatives' children, statuses, ordering, coarser cadences through
 * a real scorer, a 100,000-goal chain and parent cycles. */
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
#include "alignkit/rollup.h"
#include "alignkit/score.h"
#include "alignkit/stream.h"

#define assert_near(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (fabs(a_ - b_) > 1e-12) \
		fail_msg("%s = %.17g, expected %.17g", #a, a_, b_); \
} while (0)

#define MAX_KPIS 16

/* KPI scores handed to the rollup: by KPI index, the same in every period
 * unless `late` is set, which then applies to periods ending after `cut`. */
struct scores {
	double score[MAX_KPIS];
	int has[MAX_KPIS];
	ak_date cut;
	double late[MAX_KPIS];
	int has_late[MAX_KPIS];
};

struct fixture {
	ak_model *model;
	ak_score_options opt;
	struct scores sc;
	ak_rollup *rollups;
	size_t count;
};

static int
score_fn(void *ctx, size_t kpi, ak_date end, double *score)
{
	struct scores *s = ctx;

	if (kpi >= MAX_KPIS)
		return 0;
	if (s->cut != 0 && end > s->cut) {
		*score = s->late[kpi];
		return s->has_late[kpi];
	}
	*score = s->score[kpi];
	return s->has[kpi];
}

static ak_date
day(const char *s)
{
	ak_date d;

	if (ak_date_parse(&d, s, strlen(s), NULL) != AK_OK)
		fail_msg("bad test date %s", s);
	return d;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || ak_model_new(&f->model) != AK_OK)
		return -1;
	ak_score_options_init(&f->opt);
	f->opt.as_of = day("2026-11-23");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ak_rollup_free(f->rollups);
	ak_model_free(f->model);
	free(f);
	return 0;
}

static void
add(struct fixture *f, ak_kind kind, const char *text)
{
	json_error_t jerr;
	json_t *rec = json_loads(text, 0, &jerr);
	ak_error err;

	if (rec == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	if (ak_model_add(f->model, rec, kind, NULL, 0, &err) != AK_OK)
		fail_msg("%s: %s", text, err.text);
	json_decref(rec);
}

/* Sets the score of the KPI added as the n-th (from 0). */
static void
give(struct fixture *f, size_t kpi, double score)
{
	f->sc.score[kpi] = score;
	f->sc.has[kpi] = 1;
}

static void
compute(struct fixture *f)
{
	ak_error err;

	ak_rollup_free(f->rollups);
	f->rollups = NULL;
	if (ak_rollup_compute(&f->rollups, &f->count, f->model, &f->opt, score_fn,
	                      &f->sc, &err) != AK_OK)
		fail_msg("ak_rollup_compute: %s", err.text);
}

/* The rollup of id in the i-th report period. */
static const ak_rollup *
find(struct fixture *f, const char *id, size_t i)
{
	for (size_t r = 0; r < f->count; r++)
		if (strcmp(f->rollups[r].of, id) == 0 && i-- == 0)
			return &f->rollups[r];
	fail_msg("no rollup of %s", id);
	return NULL;
}

static void
test_status(void **state)
{
	(void)state;
	assert_int_equal(ak_rollup_status(1, 0.95, 0.8), AK_SCORE_GREEN);
	assert_int_equal(ak_rollup_status(0.95, 0.95, 0.8), AK_SCORE_GREEN);
	assert_int_equal(ak_rollup_status(0.9499, 0.95, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_rollup_status(0.8, 0.95, 0.8), AK_SCORE_AMBER);
	assert_int_equal(ak_rollup_status(0.7999, 0.95, 0.8), AK_SCORE_RED);
	assert_int_equal(ak_rollup_status(0.5, 0.5, 0.5), AK_SCORE_GREEN);
	assert_int_equal(ak_rollup_status(0.4, 0.5, 0.5), AK_SCORE_RED);
	ak_rollup_free(NULL);
}

static void
test_weighted_mean(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":2}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	give(f, 0, 1);
	give(f, 1, 0.5);
	compute(f);
	assert_int_equal(f->count, 1);
	r = find(f, "G1", 0);
	/* (2 × 1 + 1 × 0.5) / 3; K3 has no score and is left out. */
	assert_true(r->has_score);
	assert_near(r->score, 0.8333);
	assert_int_equal(r->status, AK_SCORE_AMBER);
	assert_int_equal(r->children, 3);
	assert_int_equal(r->scored, 2);
	assert_int_equal(r->type, AK_KIND_GOAL);
	assert_int_equal(r->period.kind, AK_PERIOD_WEEK);
	assert_int_equal(r->period.end, day("2026-11-22"));
	/* Thresholds. */
	f->opt.green_at = 0.8;
	compute(f);
	assert_int_equal(find(f, "G1", 0)->status, AK_SCORE_GREEN);
	f->opt.green_at = 0.95;
	f->opt.red_below = 0.9;
	compute(f);
	assert_int_equal(find(f, "G1", 0)->status, AK_SCORE_RED);
}

/* The weighted mean is the exact one rounded: (0.5·1 + 2·1 + 1.5·0.5156)/4
 * is 0.81835, whose double 0.81835000000000002 rounds to 0.8184; a sum in
 * doubles gives 0.81834999999999991 and 0.8183. */
static void
test_exact_mean(void **state)
{
	struct fixture *f = *state;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":0.5}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":2}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":1.5}");
	give(f, 0, 1);
	give(f, 1, 1);
	give(f, 2, 0.5156);
	compute(f);
	assert_true(find(f, "G1", 0)->has_score);
	assert_true(find(f, "G1", 0)->score == 0.8184);
}

/* Weights as large as the largest double: their sum overflows a double,
 * but the mean of scores 1 and 0.5 with equal weights is still 0.75, and
 * a tiny weight beside them still counts for what it is (nothing, here). */
static void
test_huge_weights(void **state)
{
	struct fixture *f = *state;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":1.7e308}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":1.7e308}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":1e-300}");
	give(f, 0, 1);
	give(f, 1, 0.5);
	give(f, 2, 0);
	compute(f);
	assert_true(find(f, "G1", 0)->has_score);
	assert_true(find(f, "G1", 0)->score == 0.75);
}

/* rollup min: the weakest child, among those with a score; an unscored
 * child (no data, or n/a) is left out, as from a mean. */
static void
test_min_rollup(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\",\"rollup\":\"min\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G2\",\"title\":\"t\",\"parent\":\"G1\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":1,\"weight\":5}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G2\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K4\",\"name\":\"n\",\"measures\":\"G2\",\"target\":1}");
	give(f, 0, 1);       /* K1, weight 5: a mean would hide K3 */
	/* K2 has no score */
	give(f, 2, 0.6);
	give(f, 3, 1);
	compute(f);
	/* G2 (mean): (0.6 + 1)/2 = 0.8; G1 (min): min(1, 0.8) = 0.8. */
	r = find(f, "G2", 0);
	assert_near(r->score, 0.8);
	r = find(f, "G1", 0);
	assert_near(r->score, 0.8);
	assert_int_equal(r->status, AK_SCORE_AMBER);
	assert_int_equal(r->children, 3);
	assert_int_equal(r->scored, 2);
}

static void
test_nothing_scored(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G2\",\"title\":\"t\",\"parent\":\"G1\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G2\",\"target\":1}");
	compute(f);
	r = find(f, "G1", 0);
	assert_false(r->has_score);
	assert_int_equal(r->status, AK_SCORE_NONE);
	assert_int_equal(r->children, 1);
	assert_int_equal(r->scored, 0);
	r = find(f, "G2", 0);
	assert_false(r->has_score);
	assert_int_equal(r->children, 1);
	assert_int_equal(r->scored, 0);
}

static void
test_goal_tree(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	/* G1 <- G1.1 (weight 2) <- G1.1.1; G1 <- G1.2; G1 <- G1.3 retired. */
	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G1.1\",\"title\":\"t\",\"parent\":\"G1\",\"weight\":2}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G1.1.1\",\"title\":\"t\",\"parent\":\"G1.1\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G1.2\",\"title\":\"t\",\"parent\":\"G1\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G1.3\",\"title\":\"t\",\"parent\":\"G1\","
	                     "\"status\":\"retired\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"G9\",\"title\":\"t\",\"parent\":\"nowhere\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1.1.1\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"G1.2\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"G1.3\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K4\",\"name\":\"n\",\"measures\":\"G1.1\",\"target\":1,"
	                    "\"status\":\"retired\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K5\",\"name\":\"n\",\"measures\":\"G1\",\"target\":1}");
	give(f, 0, 0.6);
	give(f, 1, 0.9);
	give(f, 2, 0);
	give(f, 3, 0);
	compute(f);
	/* G1.3 is retired: no rollup, not a child, and its KPI goes nowhere. */
	assert_int_equal(f->count, 5);
	r = find(f, "G1.1.1", 0);
	assert_near(r->score, 0.6);
	r = find(f, "G1.1", 0);
	/* The retired K4 is no child. */
	assert_int_equal(r->children, 1);
	assert_near(r->score, 0.6);
	/* G1: G1.1 (weight 2, 0.6), G1.2 (weight 1, 0.9), K5 unscored. */
	r = find(f, "G1", 0);
	assert_int_equal(r->children, 3);
	assert_int_equal(r->scored, 2);
	assert_near(r->score, 0.7);
	assert_int_equal(r->status, AK_SCORE_RED);
	/* A parent that names nothing: a top of its own. */
	r = find(f, "G9", 0);
	assert_int_equal(r->children, 0);
	assert_false(r->has_score);
}

static void
test_initiatives(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_INITIATIVE, "{\"id\":\"I1\",\"title\":\"t\",\"supports\":[\"G1\"]}");
	add(f, AK_KIND_INITIATIVE, "{\"id\":\"I2\",\"title\":\"t\",\"status\":\"proposed\"}");
	add(f, AK_KIND_INITIATIVE, "{\"id\":\"I3\",\"title\":\"t\",\"status\":\"done\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"I1\",\"target\":1,"
	                    "\"weight\":3}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"I1\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"I2\",\"target\":1}");
	give(f, 0, 1);
	give(f, 1, 0.6);
	give(f, 2, 1);
	compute(f);
	/* Only active initiatives roll up; they do not feed their goals. */
	assert_int_equal(f->count, 2);
	r = find(f, "I1", 0);
	assert_int_equal(r->type, AK_KIND_INITIATIVE);
	assert_int_equal(r->children, 2);
	assert_near(r->score, 0.9);
	assert_int_equal(r->status, AK_SCORE_AMBER);
	r = find(f, "G1", 0);
	assert_int_equal(r->children, 0);
	assert_false(r->has_score);
}

static void
test_order_and_periods(void **state)
{
	struct fixture *f = *state;
	char label[AK_PERIOD_BUFSIZE];

	f->opt.periods = 3;
	add(f, AK_KIND_GOAL, "{\"id\":\"b\",\"title\":\"t\"}");
	add(f, AK_KIND_INITIATIVE, "{\"id\":\"B\",\"title\":\"t\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"a\",\"title\":\"t\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"a\",\"target\":1}");
	give(f, 0, 0.5);
	f->sc.cut = day("2026-11-15");
	f->sc.late[0] = 1;
	f->sc.has_late[0] = 1;
	compute(f);
	assert_int_equal(f->count, 9);
	/* Bytewise by id (upper case first), then oldest period first. */
	assert_string_equal(f->rollups[0].of, "B");
	assert_string_equal(f->rollups[3].of, "a");
	assert_string_equal(f->rollups[6].of, "b");
	ak_period_label(label, f->rollups[3].period);
	assert_string_equal(label, "2026-W45");
	ak_period_label(label, f->rollups[5].period);
	assert_string_equal(label, "2026-W47");
	assert_near(f->rollups[3].score, 0.5);
	assert_near(f->rollups[4].score, 0.5);
	assert_near(f->rollups[5].score, 1);
	assert_int_equal(f->rollups[5].status, AK_SCORE_GREEN);
}

static void
test_cycles(void **state)
{
	struct fixture *f = *state;
	const ak_rollup *r;

	/* A <-> B, C under A with a score; S its own parent; D under S. */
	add(f, AK_KIND_GOAL, "{\"id\":\"A\",\"title\":\"t\",\"parent\":\"B\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"B\",\"title\":\"t\",\"parent\":\"A\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"C\",\"title\":\"t\",\"parent\":\"A\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"S\",\"title\":\"t\",\"parent\":\"S\"}");
	add(f, AK_KIND_GOAL, "{\"id\":\"D\",\"title\":\"t\",\"parent\":\"S\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"C\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K2\",\"name\":\"n\",\"measures\":\"B\",\"target\":1}");
	add(f, AK_KIND_KPI, "{\"id\":\"K3\",\"name\":\"n\",\"measures\":\"D\",\"target\":1}");
	give(f, 0, 0.5);
	give(f, 1, 0.9);
	give(f, 2, 0.4);
	compute(f);
	/* A: children B (on the cycle: unscored) and C (0.5). */
	r = find(f, "A", 0);
	assert_int_equal(r->children, 2);
	assert_int_equal(r->scored, 1);
	assert_near(r->score, 0.5);
	/* B: its KPI, and A (on the cycle: unscored). */
	r = find(f, "B", 0);
	assert_int_equal(r->children, 2);
	assert_int_equal(r->scored, 1);
	assert_near(r->score, 0.9);
	/* S: itself (unscored) and D. */
	r = find(f, "S", 0);
	assert_int_equal(r->children, 2);
	assert_int_equal(r->scored, 1);
	assert_near(r->score, 0.4);
}

static void
test_deep_chain(void **state)
{
	enum { DEPTH = 100000 };
	struct fixture *f = *state;
	const ak_rollup *r;
	char text[128];

	/* g0 <- g1 <- ... <- g99999, added leaf first so that no parent is
	 * known when its child arrives. */
	for (long i = DEPTH - 1; i >= 0; i--) {
		if (i == 0)
			snprintf(text, sizeof(text), "{\"id\":\"g0\",\"title\":\"t\"}");
		else
			snprintf(text, sizeof(text),
			         "{\"id\":\"g%ld\",\"title\":\"t\",\"parent\":\"g%ld\"}",
			         i, i - 1);
		add(f, AK_KIND_GOAL, text);
	}
	add(f, AK_KIND_KPI, "{\"id\":\"K1\",\"name\":\"n\",\"measures\":\"g99999\","
	                    "\"target\":1}");
	give(f, 0, 0.75);
	compute(f);
	assert_int_equal(f->count, DEPTH);
	r = find(f, "g0", 0);
	assert_int_equal(r->children, 1);
	assert_int_equal(r->scored, 1);
	assert_near(r->score, 0.75);
	/* Close the chain into one loop of 100,000: no goal gets a score
	 * round it, and nothing hangs. */
	ak_rollup_free(f->rollups);
	f->rollups = NULL;
	ak_model_free(f->model);
	assert_int_equal(ak_model_new(&f->model), AK_OK);
	for (long i = 0; i < DEPTH; i++) {
		snprintf(text, sizeof(text),
		         "{\"id\":\"g%ld\",\"title\":\"t\",\"parent\":\"g%ld\"}",
		         i, (i + 1) % DEPTH);
		add(f, AK_KIND_GOAL, text);
	}
	compute(f);
	assert_int_equal(f->count, DEPTH);
	r = find(f, "g0", 0);
	assert_int_equal(r->children, 1);
	assert_false(r->has_score);
}

/* Rollups over a real scorer: a monthly KPI under weekly reports gives
 * its latest complete month; a quarterly one its latest quarter. */
static void
test_with_scorer(void **state)
{
	struct fixture *f = *state;
	ak_scorer *s;
	ak_measurement m = {NULL, 0, 0, 0, 0, NULL, NULL};
	ak_error err;
	const ak_rollup *r;

	f->opt.as_of = day("2026-11-30");  /* Monday; November just ended */
	f->opt.periods = 2;                /* W47 and W48 */
	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"KM\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":10,\"cadence\":\"month\"}");
	add(f, AK_KIND_KPI, "{\"id\":\"KQ\",\"name\":\"n\",\"measures\":\"G1\","
	                    "\"target\":10,\"cadence\":\"quarter\"}");
	assert_int_equal(ak_scorer_new(&s, f->model, &f->opt, &err), AK_OK);
	assert_int_equal(ak_scorer_sync(s), AK_OK);
	m.kpi = "KM";
	m.at_nanos = 0;
	m.src = NULL;
	m.at = day("2026-10-15");
	m.value = 4;
	ak_scorer_add(s, &m, 0, NULL);
	m.at = day("2026-11-15");
	m.value = 10;
	ak_scorer_add(s, &m, 1, NULL);
	m.kpi = "KQ";
	m.at = day("2026-08-01");
	m.value = 8;
	ak_scorer_add(s, &m, 2, NULL);
	assert_int_equal(ak_rollup_compute(&f->rollups, &f->count, f->model,
	                                   &f->opt, ak_rollup_scorer_score, s,
	                                   &err), AK_OK);
	ak_scorer_free(s);
	/* Both weeks end before November does: October (0.4) and Q3 (0.8). */
	r = find(f, "G1", 0);
	assert_near(r->score, 0.6);
	r = find(f, "G1", 1);
	assert_int_equal(r->period.end, day("2026-11-29"));
	assert_near(r->score, 0.6);
	assert_int_equal(r->scored, 2);
}

static void
test_rollup_record(void **state)
{
	ak_rollup r;
	json_t *rec;
	char *text = NULL;
	size_t len = 0, cap = 0;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.of = "G1";
	r.type = AK_KIND_GOAL;
	r.period = ak_period_of(AK_PERIOD_WEEK, day("2026-11-18"));
	r.has_score = 1;
	r.score = 0.8333;
	r.status = AK_SCORE_AMBER;
	r.children = 3;
	r.scored = 2;
	r.src = "goals.csv:2";
	rec = ak_rollup_record(&r);
	assert_int_equal(ak_json_append(&text, &len, &cap, rec), AK_OK);
	assert_string_equal(text,
		"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\",\"period\":\"2026-W47\","
		"\"end\":\"2026-11-22\",\"score\":0.8333,\"status\":\"amber\",\"children\":3,"
		"\"scored\":2,\"src\":\"goals.csv:2\"}");
	json_decref(rec);
	r.type = AK_KIND_INITIATIVE;
	r.has_score = 0;
	r.status = AK_SCORE_NONE;
	r.src = NULL;
	r.period = ak_period_of(AK_PERIOD_QUARTER, day("2026-11-18"));
	rec = ak_rollup_record(&r);
	len = 0;
	assert_int_equal(ak_json_append(&text, &len, &cap, rec), AK_OK);
	assert_string_equal(text,
		"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"initiative\",\"period\":\"2026-Q4\","
		"\"end\":\"2026-12-31\",\"score\":null,\"status\":\"none\",\"children\":3,"
		"\"scored\":2}");
	json_decref(rec);
	free(text);
}

static void
test_bad_periods(void **state)
{
	struct fixture *f = *state;
	ak_error err;

	f->opt.periods = 0;
	assert_int_equal(ak_rollup_compute(&f->rollups, &f->count, f->model,
	                                   &f->opt, score_fn, &f->sc, &err),
	                 AK_EUSAGE);
	assert_null(f->rollups);
	/* Before the first complete week of year 1 there is nothing. */
	f->opt.periods = 2;
	f->opt.as_of = day("0001-01-06");
	add(f, AK_KIND_GOAL, "{\"id\":\"G1\",\"title\":\"t\"}");
	compute(f);
	assert_int_equal(f->count, 0);
	f->opt.as_of = day("0001-01-07");
	compute(f);
	assert_int_equal(f->count, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_rollup_record),
		cmocka_unit_test_setup_teardown(test_weighted_mean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_huge_weights, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exact_mean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_min_rollup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_scored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_tree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initiatives, setup, teardown),
		cmocka_unit_test_setup_teardown(test_order_and_periods, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_with_scorer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_periods, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
