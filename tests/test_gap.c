/* Unit tests of the gap finder (gap.h): intake, each check's edge
 * cases, goal loops and deep trees, investment shares, waivers, records. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "alignkit/gap.h"

struct fixture {
	ak_gap_finder *f;
	ak_gap_options o;
	const ak_gap *gaps;
	size_t n;
	ak_error err;
};

static int
setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));

	if (x == NULL || ak_gap_finder_new(&x->f) != AK_OK)
		return -1;
	ak_gap_options_init(&x->o, ak_date_from_ymd(2026, 11, 23));
	/* check-skipped has tests of its own (test_check_skipped). */
	x->o.skip[AK_GAP_CHECK_SKIPPED] = 1;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *x = *state;

	ak_gap_finder_free(x->f);
	free(x);
	return 0;
}

/* Adds one JSON record read at "t.jsonl:LINE"; returns the finder's code. */
static int
add(struct fixture *x, long line, const char *text)
{
	json_error_t jerr;
	json_t *rec = json_loads(text, 0, &jerr);
	int rc;

	assert_non_null(rec);
	rc = ak_gap_finder_add(x->f, rec, "t.jsonl", line, &x->err);
	json_decref(rec);
	return rc;
}

static void
find(struct fixture *x)
{
	assert_int_equal(ak_gap_find(x->f, &x->gaps, &x->n, &x->o, &x->err),
	                 AK_OK);
}

/* The number of gaps of type type. */
static size_t
count(const struct fixture *x, ak_gap_type type)
{
	size_t k = 0;

	for (size_t i = 0; i < x->n; i++)
		k += x->gaps[i].type == type;
	return k;
}

/* The first gap of type type; fails the test when there is none. */
static const ak_gap *
first(const struct fixture *x, ak_gap_type type)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->gaps[i].type == type)
			return &x->gaps[i];
	fail_msg("no gap of type %s", ak_gap_type_name(type));
	return NULL;
}

static void
test_options_init(void **state)
{
	ak_gap_options o;

	(void)state;
	ak_gap_options_init(&o, 7);
	assert_int_equal(o.as_of, 7);
	assert_int_equal(o.trend_window, 3);
	for (int i = 0; i < AK_GAP_NTYPES; i++) {
		assert_int_equal(o.skip[i], 0);
		assert_int_equal(o.severity[i], -1);
	}
	ak_gap_finder_free(NULL);
}

static void
test_empty_stream(void **state)
{
	struct fixture *x = *state;

	find(x);
	assert_int_equal(x->n, 0);
	assert_false(ak_gap_fails(x->gaps, x->n, AK_SEVERITY_INFO));
}

static void
test_duplicate_is_a_gap(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":"
	                     "\"One\",\"owner\":\"o\"}"),
	                 AK_OK);
	assert_int_equal(add(x, 2,
	                     "{\"kind\":\"kpi\",\"id\":\" G1 \",\"name\":"
	                     "\"Two\",\"measures\":\"G1\",\"target\":1,"
	                     "\"business_owner\":\"b\",\"it_owner\":\"i\"}"),
	                 AK_OK);
	find(x);
	assert_int_equal(count(x, AK_GAP_DUPLICATE_ID), 1);
	g = first(x, AK_GAP_DUPLICATE_ID);
	assert_string_equal(g->subject, "G1");
	assert_string_equal(g->src, "t.jsonl:2");
	assert_int_equal(g->severity, AK_SEVERITY_ERROR);
	assert_string_equal(
	        g->message,
	        "kpi G1 \"Two\" has the id of goal G1 "
	        "\"One\" (at t.jsonl:1); give one of them another id");
}

static void
test_bad_records(void **state)
{
	struct fixture *x = *state;

	assert_int_equal(add(x, 4, "{\"kind\":\"goal\",\"id\":\"G1\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.file, "t.jsonl");
	assert_int_equal(x->err.line, 4);
	assert_string_equal(x->err.text,
	                    "goal G1: missing required field title");

	assert_int_equal(add(x, 5,
	                     "{\"kind\":\"score\",\"kpi\":\"K1\","
	                     "\"period\":\"2026-W47\",\"end\":\"2026-11-22\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text,
	                    "score of K1: missing required field status");
	assert_int_equal(add(x, 6,
	                     "{\"kind\":\"score\",\"kpi\":\"K1\","
	                     "\"period\":\"2026-W47\",\"end\":\"2026-11-22\","
	                     "\"status\":\"red\",\"trend\":\"down\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text,
	                    "score of K1: field trend: \"down\" is "
	                    "not one of improving, worsening, flat, null");
	assert_int_equal(add(x, 7,
	                     "{\"kind\":\"score\",\"kpi\":\"K1\","
	                     "\"period\":\"2026-W47\",\"end\":\"2026-11-22\","
	                     "\"status\":\"red\",\"stale\":\"yes\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text,
	                    "score of K1: field stale: expected true or false");
	assert_int_equal(add(x, 8,
	                     "{\"kind\":\"rollup\",\"of\":\"G1\","
	                     "\"type\":\"kpi\",\"period\":\"2026-W47\","
	                     "\"end\":\"2026-11-22\",\"status\":\"red\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text, "rollup of G1: field type: \"kpi\" is "
	                                 "not one of goal, initiative");
	assert_int_equal(add(x, 9, "{\"kind\":\"rollup\",\"type\":\"goal\"}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text, "rollup: missing required field of");
	assert_int_equal(add(x, 10, "{\"kind\":\"error\",\"message\":3}"),
	                 AK_EINPUT);
	assert_string_equal(x->err.text,
	                    "error: field message: expected a string");
	/* Records of kinds the finder does not judge are ignored. */
	assert_int_equal(add(x, 11, "{\"kind\":\"gap\",\"type\":\"x\"}"),
	                 AK_OK);
	assert_int_equal(add(x, 12, "{\"kind\":\"jira\"}"), AK_OK);
	find(x);
	assert_int_equal(x->n, 0);
}

static void
test_error_record(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	assert_int_equal(add(x, 3, "{\"kind\":\"error\",\"message\":\"bad\"}"),
	                 AK_OK);
	find(x);
	g = first(x, AK_GAP_INVALID_RECORD);
	assert_string_equal(g->subject, "t.jsonl:3");
	assert_string_equal(g->src, "t.jsonl:3");
	assert_string_equal(g->message,
	                    "record at t.jsonl:3 could not be used: "
	                    "bad; correct it where it comes from and load it "
	                    "again");
}

/* Goals G<i> for i in 0..n-1 whose parents are given by parent(i), -1 for
 * none. */
static void
add_goals(struct fixture *x, const char *prefix, long n,
          long (*parent)(long, long))
{
	char buf[256];

	for (long i = 0; i < n; i++) {
		long p = parent(i, n);
		if (p < 0)
			snprintf(buf, sizeof(buf),
			         "{\"kind\":\"goal\",\"id\":\"%s%ld\","
			         "\"title\":\"T\",\"owner\":\"o\"}",
			         prefix, i);
		else
			snprintf(buf, sizeof(buf),
			         "{\"kind\":\"goal\",\"id\":\"%s%ld\","
			         "\"title\":\"T\",\"owner\":\"o\","
			         "\"parent\":\"%s%ld\"}",
			         prefix, i, prefix, p);
		assert_int_equal(add(x, i + 1, buf), AK_OK);
	}
}

static long
next_in_loop(long i, long n)
{
	return (i + 1) % n;
}

static long
previous_in_chain(long i, long n)
{
	(void)n;
	return i - 1;
}

static void
test_cycles(void **state)
{
	struct fixture *x = *state;

	add_goals(x, "A", 1, next_in_loop);
	add_goals(x, "B", 2, next_in_loop);
	add_goals(x, "C", 3, next_in_loop);
	/* A goal hanging below a loop is not in it. */
	assert_int_equal(add(x, 90,
	                     "{\"kind\":\"goal\",\"id\":\"D\",\"title\":"
	                     "\"T\",\"owner\":\"o\",\"parent\":\"C2\"}"),
	                 AK_OK);
	x->o.skip[AK_GAP_UNSUPPORTED_GOAL] = 1;
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(x->n, 3);
	assert_string_equal(x->gaps[0].subject, "A0");
	assert_string_equal(
	        x->gaps[0].message,
	        "goal A0 \"T\" is its own "
	        "ancestor: A0 -> A0; change one of these parents to "
	        "break the loop");
	assert_string_equal(x->gaps[1].subject, "B0");
	assert_non_null(strstr(x->gaps[1].message, ": B0 -> B1 -> B0;"));
	assert_string_equal(x->gaps[2].subject, "C0");
	assert_non_null(strstr(x->gaps[2].message, ": C0 -> C1 -> C2 -> C0;"));
}

static void
test_cycle_subject_is_smallest_id(void **state)
{
	struct fixture *x = *state;

	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"Z\",\"title\":"
	                     "\"T\",\"owner\":\"o\",\"parent\":\"M\"}"),
	                 AK_OK);
	assert_int_equal(add(x, 2,
	                     "{\"kind\":\"goal\",\"id\":\"M\",\"title\":"
	                     "\"T\",\"owner\":\"o\",\"parent\":\"B\"}"),
	                 AK_OK);
	assert_int_equal(add(x, 3,
	                     "{\"kind\":\"goal\",\"id\":\"B\",\"title\":"
	                     "\"T\",\"owner\":\"o\",\"parent\":\"Z\"}"),
	                 AK_OK);
	x->o.skip[AK_GAP_UNSUPPORTED_GOAL] = 1;
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(x->n, 1);
	assert_string_equal(x->gaps[0].subject, "B");
	assert_string_equal(x->gaps[0].src, "t.jsonl:3");
	assert_non_null(strstr(x->gaps[0].message, ": B -> Z -> M -> B;"));
}

static void
test_deep_tree(void **state)
{
	struct fixture *x = *state;
	const long n = 100000;

	/* A chain 100,000 goals deep with work and a KPI on its deepest leaf
	 * only: every goal is covered from below, and no check recurses. */
	add_goals(x, "G", n, previous_in_chain);
	assert_int_equal(
	        add(x, n + 1,
	            "{\"kind\":\"initiative\",\"id\":\"I\","
	            "\"title\":\"T\",\"supports\":[\"G99999\"],\"owner\":"
	            "\"o\",\"sponsor\":\"s\",\"budget\":5}"),
	        AK_OK);
	assert_int_equal(add(x, n + 2,
	                     "{\"kind\":\"kpi\",\"id\":\"K\",\"name\":"
	                     "\"T\",\"measures\":\"G99999\",\"target\":1,"
	                     "\"business_owner\":\"b\",\"it_owner\":\"i\"}"),
	                 AK_OK);
	find(x);
	assert_int_equal(x->n, 0);

	/* Cut the initiative's link: all 100,000 goals are unsupported. */
	ak_gap_finder_free(x->f);
	assert_int_equal(ak_gap_finder_new(&x->f), AK_OK);
	add_goals(x, "G", n, previous_in_chain);
	find(x);
	assert_int_equal(count(x, AK_GAP_UNSUPPORTED_GOAL), (size_t)n);
	assert_int_equal(count(x, AK_GAP_UNMEASURED_GOAL), (size_t)n);
}

static void
test_investment_shares(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	/* Top-level weights A 1, B 3: shares 25% and 75%.  I1 (900) splits
	 * 1:2 over A1 (under A) and B: A 300, B 600; I2 (100) -> A.  Total
	 * 1000: A 40% (1.6 x 25%: not over twice), B 60%.  No gap.  Then a
	 * cancelled and a proposed initiative (ignored), and an active I3
	 * (1000) for A: A 1400 of 2000 = 70% (2.8 x, +45 points: over); B
	 * 30% of 75% (0.4 x, -45 points: under). */
	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"A\",\"title\":"
	                     "\"Alpha\",\"owner\":\"o\",\"weight\":1}"),
	                 AK_OK);
	assert_int_equal(add(x, 2,
	                     "{\"kind\":\"goal\",\"id\":\"A1\",\"title\":"
	                     "\"Alpha one\",\"owner\":\"o\",\"parent\":\"A\","
	                     "\"weight\":5}"),
	                 AK_OK);
	assert_int_equal(add(x, 3,
	                     "{\"kind\":\"goal\",\"id\":\"B\",\"title\":"
	                     "\"Beta\",\"owner\":\"o\",\"weight\":3}"),
	                 AK_OK);
	assert_int_equal(
	        add(x, 4,
	            "{\"kind\":\"initiative\",\"id\":\"I1\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"supports\":[{\"goal\":\"A1\",\"weight\":1},"
	            "{\"goal\":\"B\",\"weight\":2}],\"budget\":900}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 5,
	            "{\"kind\":\"initiative\",\"id\":\"I2\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"supports\":[\"A\"],\"budget\":100}"),
	        AK_OK);
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(x->n, 0);

	assert_int_equal(
	        add(x, 6,
	            "{\"kind\":\"initiative\",\"id\":\"I4\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"status\":\"cancelled\",\"supports\":[\"B\"],"
	            "\"budget\":5000}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 7,
	            "{\"kind\":\"initiative\",\"id\":\"I5\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"status\":\"proposed\",\"supports\":[\"B\"],"
	            "\"budget\":5000}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 8,
	            "{\"kind\":\"initiative\",\"id\":\"I3\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"supports\":[\"A\"],\"budget\":1000}"),
	        AK_OK);
	find(x);
	assert_int_equal(x->n, 2);
	g = &x->gaps[0];
	assert_string_equal(g->subject, "A");
	assert_int_equal(g->severity, AK_SEVERITY_WARNING);
	assert_string_equal(
	        g->message,
	        "goal A \"Alpha\" gets 70% of the active "
	        "initiatives' budget but carries 25% of the top-level "
	        "goals' weight; move budget to the other goals or "
	        "raise its weight");
	g = &x->gaps[1];
	assert_string_equal(g->subject, "B");
	assert_string_equal(
	        g->message,
	        "goal B \"Beta\" gets 30% of the active "
	        "initiatives' budget but carries 75% of the top-level "
	        "goals' weight; fund work for it or lower its weight");
}

static void
test_scores_latest_and_trend(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	/* Out of order, with W46 twice: the later W46 record wins. */
	assert_int_equal(
	        add(x, 1,
	            "{\"kind\":\"score\",\"kpi\":\"K\",\"period\":"
	            "\"2026-W47\",\"end\":\"2026-11-22\",\"status\":\"amber\","
	            "\"value\":5,\"previous\":6,\"trend\":\"worsening\"}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 2,
	            "{\"kind\":\"score\",\"kpi\":\"K\",\"period\":"
	            "\"2026-W46\",\"end\":\"2026-11-15\",\"status\":\"green\","
	            "\"value\":6,\"previous\":7,\"trend\":\"flat\"}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 3,
	            "{\"kind\":\"score\",\"kpi\":\"K\",\"period\":"
	            "\"2026-W45\",\"end\":\"2026-11-08\",\"status\":\"green\","
	            "\"value\":7,\"trend\":\"worsening\"}"),
	        AK_OK);
	assert_int_equal(
	        add(x, 4,
	            "{\"kind\":\"score\",\"kpi\":\"K\",\"period\":"
	            "\"2026-W46\",\"end\":\"2026-11-15\",\"status\":\"green\","
	            "\"value\":6,\"previous\":7,\"trend\":\"worsening\"}"),
	        AK_OK);
	find(x);
	/* K is not in the model: named by id alone, src from the score. */
	g = first(x, AK_GAP_OFF_TARGET);
	assert_int_equal(g->severity, AK_SEVERITY_WARNING);
	assert_string_equal(g->message,
	                    "kpi K is amber in 2026-W47: 5; act to "
	                    "bring it back on target, or agree a new target");
	assert_string_equal(g->src, "t.jsonl:1");
	g = first(x, AK_GAP_WORSENING_TREND);
	assert_string_equal(g->message,
	                    "kpi K has worsened 3 periods running, "
	                    "2026-W45 to 2026-W47: 7 -> 6 -> 5; find the cause "
	                    "before it goes red");
	/* A second find gives the same gaps. */
	find(x);
	assert_int_equal(count(x, AK_GAP_WORSENING_TREND), 1);
	x->o.trend_window = 4;
	find(x);
	assert_int_equal(count(x, AK_GAP_WORSENING_TREND), 0);
}

static void
test_only_rollups_of_initiatives(void **state)
{
	struct fixture *x = *state;

	/* Rollups of initiatives are not judged, but they do say the stream
	 * has rollups. */
	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"rollup\",\"of\":\"I1\",\"type\":"
	                     "\"initiative\",\"period\":\"2026-W47\",\"end\":"
	                     "\"2026-11-22\",\"status\":\"red\"}"),
	                 AK_OK);
	find(x);
	assert_int_equal(x->n, 0);
}

static void
test_unrealized_needs_a_whole_period(void **state)
{
	struct fixture *x = *state;

	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"G\",\"title\":"
	                     "\"T\",\"owner\":\"o\"}"),
	                 AK_OK);
	assert_int_equal(
	        add(x, 2,
	            "{\"kind\":\"initiative\",\"id\":\"I\","
	            "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	            "\"status\":\"done\",\"end\":\"2026-10-31\","
	            "\"supports\":[\"G\"]}"),
	        AK_OK);
	/* Monthly report periods: as of 2026-11-23 the last complete month
	 * is October, which the initiative was still in. */
	assert_int_equal(
	        add(x, 3,
	            "{\"kind\":\"rollup\",\"of\":\"G\",\"type\":"
	            "\"goal\",\"period\":\"2026-10\",\"end\":\"2026-10-31\","
	            "\"status\":\"red\",\"score\":0.1}"),
	        AK_OK);
	find(x);
	assert_int_equal(count(x, AK_GAP_UNREALIZED_BENEFIT), 0);
	assert_int_equal(count(x, AK_GAP_OFF_TRACK_GOAL), 1);
	/* A month later, November has passed since it was done. */
	x->o.as_of = ak_date_from_ymd(2026, 12, 1);
	find(x);
	assert_int_equal(count(x, AK_GAP_UNREALIZED_BENEFIT), 1);
	assert_string_equal(
	        first(x, AK_GAP_UNREALIZED_BENEFIT)->message,
	        "initiative I \"T\" was done on 2026-10-31 but the "
	        "goal it supports is red (G in 2026-10); check whether "
	        "it delivered what it promised, and plan what will");
}

static void
test_waivers_and_fails(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;
	json_t *rec;
	char *text;

	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"G\",\"title\":"
	                     "\"T\"}"),
	                 AK_OK);
	assert_int_equal(ak_gap_finder_waive(x->f, AK_GAP_UNSUPPORTED_GOAL, "G",
	                                     ak_date_from_ymd(2026, 11, 23),
	                                     "later", "w.csv:2", &x->err),
	                 AK_OK);
	assert_int_equal(ak_gap_finder_waive(x->f, AK_GAP_UNOWNED, "G",
	                                     ak_date_from_ymd(2026, 11, 22),
	                                     NULL, NULL, &x->err),
	                 AK_OK);
	x->o.severity[AK_GAP_UNMEASURED_GOAL] = AK_SEVERITY_INFO;
	find(x);
	assert_int_equal(x->n, 4);
	/* Sorted by subject, then type name. */
	assert_int_equal(x->gaps[0].type, AK_GAP_UNMEASURED_GOAL);
	assert_int_equal(x->gaps[0].severity, AK_SEVERITY_INFO);
	assert_int_equal(x->gaps[1].type, AK_GAP_UNOWNED);
	assert_false(x->gaps[1].waived);
	assert_int_equal(x->gaps[2].type, AK_GAP_UNSUPPORTED_GOAL);
	assert_true(x->gaps[2].waived);
	g = &x->gaps[3];
	assert_int_equal(g->type, AK_GAP_WAIVER_EXPIRED);
	assert_null(g->src);
	assert_string_equal(
	        g->message,
	        "the waiver of unowned for G expired on "
	        "2026-11-22; close the gap, or renew the waiver with a "
	        "later until date");
	assert_false(ak_gap_fails(x->gaps, x->n, AK_SEVERITY_ERROR));
	assert_true(ak_gap_fails(x->gaps, x->n, AK_SEVERITY_WARNING));

	rec = ak_gap_record(&x->gaps[2]);
	text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_string_equal(
	        text, "{\"kind\":\"gap\",\"type\":\"unsupported-goal\","
	              "\"severity\":\"error\",\"subject\":\"G\",\"message\":"
	              "\"goal G \\\"T\\\" has no active initiative; start or "
	              "link an initiative that supports it\",\"fingerprint\":"
	              "\"da85286e58a63c75\",\"src\":\"t.jsonl:1\",\"waived\":true,"
	              "\"waiver_reason\":\"later\",\"waived_until\":\"2026-11-23\"}");
	free(text);
	json_decref(rec);
	rec = ak_gap_record(&x->gaps[3]);
	assert_null(json_object_get(rec, "src"));
	assert_null(json_object_get(rec, "waived"));
	json_decref(rec);

	x->o.skip[AK_GAP_WAIVER_EXPIRED] = 1;
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(x->n, 2);
}

static void
test_load_waivers(void **state)
{
	struct fixture *x = *state;
	char path[] = "/tmp/ak-test-gap-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("subject,TYPE,until\n\"G,1\",unowned,2026-12-01\n", fp);
	fclose(fp);
	assert_int_equal(ak_gap_finder_load_waivers(x->f, path, &x->err),
	                 AK_OK);
	assert_int_equal(add(x, 1,
	                     "{\"kind\":\"goal\",\"id\":\"G,1\",\"title\":"
	                     "\"T\"}"),
	                 AK_OK);
	x->o.skip[AK_GAP_UNSUPPORTED_GOAL] = 1;
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(x->n, 1);
	assert_true(x->gaps[0].waived);

	/* What a waiver's strings mean is checked here, located at the
	 * record; how the file is read is the loader's (test_load.c). */
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"type\":\"unowned\",\"subject\":\"G\","
	      "\"until\":\"2026-12-01\"}\n"
	      "{\"type\":\"unowed\",\"subject\":\"G\","
	      "\"until\":\"2026-12-01\"}\n", fp);
	fclose(fp);
	assert_int_equal(ak_gap_finder_load_waivers(x->f, path, &x->err),
	                 AK_EINPUT);
	assert_string_equal(x->err.file, path);
	assert_int_equal(x->err.line, 2);
	assert_string_equal(x->err.text,
	                    "waiver: field type: unknown gap type \"unowed\"");
	remove(path);
}

/* A score record of kpi K in week w of 2026 (ending on day end of
 * November) with status and trend. */
static void
add_score(struct fixture *x, long line, int week, int end, const char *status,
          double value)
{
	char buf[256];

	snprintf(buf, sizeof(buf),
	         "{\"kind\":\"score\",\"kpi\":\"K\",\"period\":\"2026-W%d\","
	         "\"end\":\"2026-11-%02d\",\"status\":\"%s\",\"value\":%g,"
	         "\"trend\":\"worsening\",\"target\":99}",
	         week, end, status, value);
	assert_int_equal(add(x, line, buf), AK_OK);
}

static void
test_fingerprint(void **state)
{
	struct fixture *x = *state;
	char fp[AK_GAP_FINGERPRINT_SIZE], a[AK_GAP_FINGERPRINT_SIZE];
	char b[AK_GAP_FINGERPRINT_SIZE];

	/* FNV-1a 64 of "unsupported-goal\0G\0\0", as worked out with the
	 * published offset basis and prime. */
	ak_gap_fingerprint(fp, AK_GAP_UNSUPPORTED_GOAL, "G", NULL);
	assert_string_equal(fp, "da85286e58a63c75");
	ak_gap_fingerprint(a, AK_GAP_UNSUPPORTED_GOAL, "G", "");
	assert_string_equal(a, fp);
	/* The parts are kept apart: subject "ab" key "c" is not "a" "bc". */
	ak_gap_fingerprint(a, AK_GAP_DANGLING_REF, "ab", "c");
	ak_gap_fingerprint(b, AK_GAP_DANGLING_REF, "a", "bc");
	assert_string_not_equal(a, b);

	/* One initiative supports two missing goals: two gaps, two
	 * fingerprints, whatever the rows' lines and messages. */
	assert_int_equal(add(x, 7,
	                     "{\"kind\":\"initiative\",\"id\":\"I\",\"title\":"
	                     "\"T\",\"owner\":\"o\",\"sponsor\":\"s\","
	                     "\"supports\":[\"G8\",\"G9\"]}"),
	                 AK_OK);
	find(x);
	assert_int_equal(count(x, AK_GAP_DANGLING_REF), 2);
	ak_gap_fingerprint(a, AK_GAP_DANGLING_REF, "I", "supports\nG8");
	ak_gap_fingerprint(b, AK_GAP_DANGLING_REF, "I", "supports\nG9");
	assert_string_equal(x->gaps[0].fingerprint, a);
	assert_string_equal(x->gaps[1].fingerprint, b);
	for (size_t i = 0; i < x->n; i++) {
		assert_int_equal(strlen(x->gaps[i].fingerprint), 16);
		assert_int_equal(strspn(x->gaps[i].fingerprint,
		                        "0123456789abcdef"), 16);
	}
}

static void
test_fingerprint_survives_moves(void **state)
{
	struct fixture *x = *state;
	ak_gap_finder *f2;
	const ak_gap *g2;
	size_t n2;
	json_error_t jerr;
	json_t *rec;

	/* The same findings read from other lines and, for the error record,
	 * another line of the same file: the same fingerprints. */
	assert_int_equal(add(x, 1, "{\"kind\":\"goal\",\"id\":\"G\",\"title\":"
	                           "\"T\"}"), AK_OK);
	assert_int_equal(add(x, 2, "{\"kind\":\"error\",\"src\":\"k.csv:4\","
	                           "\"message\":\"kpi K: field target: \\\"x\\\" "
	                           "is not a number\"}"), AK_OK);
	find(x);
	assert_int_equal(ak_gap_finder_new(&f2), AK_OK);
	rec = json_loads("{\"kind\":\"error\",\"src\":\"k.csv:9\",\"message\":"
	                 "\"kpi K: field target: \\\"x\\\" is not a number\"}",
	                 0, &jerr);
	assert_int_equal(ak_gap_finder_add(f2, rec, "u.jsonl", 40, &x->err), AK_OK);
	json_decref(rec);
	rec = json_loads("{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"New title\","
	                 "\"src\":\"goals.csv:30\"}", 0, &jerr);
	assert_int_equal(ak_gap_finder_add(f2, rec, "u.jsonl", 41, &x->err), AK_OK);
	json_decref(rec);
	assert_int_equal(ak_gap_find(f2, &g2, &n2, &x->o, &x->err), AK_OK);
	assert_int_equal(n2, x->n);
	for (size_t i = 0; i < n2; i++) {
		assert_int_equal(g2[i].type, x->gaps[i].type);
		assert_string_equal(g2[i].fingerprint, x->gaps[i].fingerprint);
	}
	assert_string_equal(x->gaps[n2 - 1].subject, "k.csv:4");
	assert_string_equal(g2[n2 - 1].subject, "k.csv:9");
	ak_gap_finder_free(f2);
}

static void
test_baseline(void **state)
{
	struct fixture *x = *state;
	char path[] = "/tmp/ak-test-base-XXXXXX";
	char old[AK_GAP_FINGERPRINT_SIZE], gone[AK_GAP_FINGERPRINT_SIZE];
	int fd = mkstemp(path);
	json_t *rec;
	char *text;
	FILE *fp;

	assert_true(fd >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	ak_gap_fingerprint(old, AK_GAP_UNSUPPORTED_GOAL, "G", NULL);
	ak_gap_fingerprint(gone, AK_GAP_ORPHAN_INITIATIVE, "I0", NULL);
	fprintf(fp, "{\"kind\":\"goal\",\"id\":\"G\",\"title\":\"T\"}\n"
	            "{\"kind\":\"gap\",\"type\":\"unsupported-goal\",\"severity\":"
	            "\"error\",\"subject\":\"G\",\"message\":\"old words\","
	            "\"fingerprint\":\"%s\"}\n"
	            "{\"kind\":\"gap\",\"type\":\"orphan-initiative\",\"severity\":"
	            "\"error\",\"subject\":\"I0\",\"message\":\"I0 supports no "
	            "goal\",\"fingerprint\":\"%s\",\"src\":\"i.csv:3\"}\n"
	            "{\"kind\":\"gap\",\"type\":\"unowned\",\"severity\":"
	            "\"info\",\"subject\":\"Z\",\"message\":\"m\",\"fingerprint\":"
	            "\"0000000000000000\",\"resolved\":true}\n",
	        old, gone);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(add(x, 1, "{\"kind\":\"goal\",\"id\":\"G\",\"title\":"
	                           "\"T\",\"owner\":\"o\"}"), AK_OK);
	assert_int_equal(add(x, 2, "{\"kind\":\"goal\",\"id\":\"H\",\"title\":"
	                           "\"T\",\"owner\":\"o\"}"), AK_OK);
	assert_int_equal(ak_gap_finder_load_baseline(x->f, path, &x->err), AK_OK);
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	/* G's gap is old, H's new, I0's resolved; Z's resolved one stays
	 * gone. */
	assert_int_equal(x->n, 3);
	assert_string_equal(x->gaps[0].subject, "G");
	assert_true(x->gaps[0].has_new);
	assert_false(x->gaps[0].is_new);
	assert_string_equal(x->gaps[1].subject, "H");
	assert_true(x->gaps[1].is_new);
	assert_string_equal(x->gaps[2].subject, "I0");
	assert_true(x->gaps[2].resolved);
	assert_string_equal(x->gaps[2].fingerprint, gone);
	assert_string_equal(x->gaps[2].src, "i.csv:3");
	/* Only H fails the run: G is old, I0 resolved. */
	assert_true(ak_gap_fails(x->gaps, x->n, AK_SEVERITY_ERROR));
	assert_false(ak_gap_fails(x->gaps, 1, AK_SEVERITY_INFO));
	assert_false(ak_gap_fails(x->gaps + 2, 1, AK_SEVERITY_INFO));
	rec = ak_gap_record(&x->gaps[2]);
	text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(strstr(text, "\"src\":\"i.csv:3\",\"resolved\":true}"));
	assert_null(strstr(text, "\"new\""));
	free(text);
	json_decref(rec);
	rec = ak_gap_record(&x->gaps[0]);
	assert_true(json_is_false(json_object_get(rec, "new")));
	json_decref(rec);
	/* A check that did not run does not resolve its old findings. */
	x->o.skip[AK_GAP_ORPHAN_INITIATIVE] = 1;
	find(x);
	assert_int_equal(x->n, 2);
	remove(path);
}

static void
test_baseline_errors(void **state)
{
	struct fixture *x = *state;
	char path[] = "/tmp/ak-test-base-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;

	assert_true(fd >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs("{\"kind\":\"note\"}\n{\"kind\":\"gap\",\"type\":\"unowned\","
	      "\"severity\":\"info\",\"subject\":\"G\",\"message\":\"m\"}\n", fp);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(ak_gap_finder_load_baseline(x->f, path, &x->err),
	                 AK_EINPUT);
	assert_int_equal(x->err.line, 2);
	assert_string_equal(x->err.text, "baseline gap unowned of G: missing "
	                    "field fingerprint; make the baseline with this "
	                    "gap-find");
	remove(path);
	assert_int_equal(ak_gap_finder_load_baseline(x->f, path, &x->err), AK_EIO);
}

static void
test_check_skipped(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	x->o.skip[AK_GAP_CHECK_SKIPPED] = 0;
	/* The check-ins' check-skipped has a test of its own. */
	x->o.skip[AK_GAP_MISSING_CHECKIN] = x->o.skip[AK_GAP_STATUS_DISCREPANCY] =
	        x->o.skip[AK_GAP_OWNER_DISAGREEMENT] = 1;
	/* Nothing to judge: nothing skipped. */
	find(x);
	assert_int_equal(x->n, 0);
	assert_int_equal(add(x, 1, "{\"kind\":\"goal\",\"id\":\"A\",\"title\":"
	                           "\"A\",\"owner\":\"o\"}"), AK_OK);
	assert_int_equal(add(x, 2, "{\"kind\":\"goal\",\"id\":\"B\",\"title\":"
	                           "\"B\",\"owner\":\"o\"}"), AK_OK);
	assert_int_equal(add(x, 3, "{\"kind\":\"kpi\",\"id\":\"K\",\"name\":\"K\","
	                           "\"measures\":\"A\",\"direction\":\"up\","
	                           "\"target\":99,\"business_owner\":\"b\","
	                           "\"it_owner\":\"i\"}"), AK_OK);
	assert_int_equal(add(x, 4, "{\"kind\":\"initiative\",\"id\":\"I\","
	                           "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":"
	                           "\"s\",\"supports\":[\"A\",\"B\"]}"), AK_OK);
	find(x);
	assert_int_equal(count(x, AK_GAP_CHECK_SKIPPED), 2);
	g = first(x, AK_GAP_CHECK_SKIPPED);
	assert_string_equal(g->subject, "investment-skew");
	assert_int_equal(g->severity, AK_SEVERITY_INFO);
	assert_null(g->src);
	assert_string_equal(g->message,
	                    "no active initiative has a budget that reaches a "
	                    "top-level goal, so investment-skew did not run; "
	                    "give the active initiatives a budget");
	assert_string_equal(x->gaps[x->n - 1].subject, "performance");
	assert_string_equal(x->gaps[x->n - 1].message,
	                    "the stream has no score or rollup records, so the "
	                    "performance checks (off-target, stale-kpi, "
	                    "worsening-trend, projected-miss, off-track-goal, "
	                    "unrealized-benefit) did not run; run kpi-score "
	                    "before gap-find");
	/* Not asked for: not reported. */
	for (int i = 0; i < AK_GAP_NTYPES; i++)
		x->o.skip[i] = ak_gap_type_group((ak_gap_type)i) ==
		               AK_GAP_GROUP_PERFORMANCE ||
		               ak_gap_type_group((ak_gap_type)i) ==
		               AK_GAP_GROUP_CHECKINS;
	find(x);
	assert_int_equal(count(x, AK_GAP_CHECK_SKIPPED), 1);
	x->o.skip[AK_GAP_INVESTMENT_SKEW] = 1;
	find(x);
	assert_int_equal(count(x, AK_GAP_CHECK_SKIPPED), 0);

	/* Two score records, a window of three. */
	memset(x->o.skip, 0, sizeof(x->o.skip));
	x->o.skip[AK_GAP_INVESTMENT_SKEW] = 1;
	x->o.skip[AK_GAP_MISSING_CHECKIN] = x->o.skip[AK_GAP_STATUS_DISCREPANCY] =
	        x->o.skip[AK_GAP_OWNER_DISAGREEMENT] = 1;
	add_score(x, 5, 46, 15, "amber", 98);
	add_score(x, 6, 47, 22, "amber", 97);
	find(x);
	assert_int_equal(count(x, AK_GAP_CHECK_SKIPPED), 2);
	g = first(x, AK_GAP_CHECK_SKIPPED);
	assert_string_equal(g->subject, "off-track-goal,unrealized-benefit");
	g = &x->gaps[x->n - 1];
	assert_string_equal(g->subject, "worsening-trend");
	assert_string_equal(g->message,
	                    "no kpi has 3 score records (the most is 2), so "
	                    "worsening-trend did not run; run kpi-score "
	                    "--periods 3 or more");
	x->o.trend_window = 2;
	find(x);
	assert_int_equal(count(x, AK_GAP_CHECK_SKIPPED), 1);
	assert_int_equal(count(x, AK_GAP_WORSENING_TREND), 1);
}

static void
test_worsening_only_when_not_green(void **state)
{
	struct fixture *x = *state;

	/* 99.99 -> 99.97 -> 99.96 against a target of 99: green throughout,
	 * worsening, no gap. */
	add_score(x, 1, 45, 8, "green", 99.99);
	add_score(x, 2, 46, 15, "green", 99.97);
	add_score(x, 3, 47, 22, "green", 99.96);
	find(x);
	assert_int_equal(count(x, AK_GAP_WORSENING_TREND), 0);
	add_score(x, 4, 48, 29, "amber", 98.5);
	find(x);
	assert_int_equal(count(x, AK_GAP_WORSENING_TREND), 1);
}

static void
test_investment_huge_budgets(void **state)
{
	struct fixture *x = *state;
	const ak_gap *g;

	/* Budgets and weights near the largest double: the shares are those
	 * of weights 1 and 1 and budgets 1.5, 1.5 and 0.4 (split evenly):
	 * B gets 0.2 of 3.4 = 5.9% against 50% of the weight (under); A
	 * 94.1%, not over twice its share. */
	assert_int_equal(add(x, 1, "{\"kind\":\"goal\",\"id\":\"A\",\"title\":"
	                           "\"A\",\"owner\":\"o\",\"weight\":1.7e308}"),
	                 AK_OK);
	assert_int_equal(add(x, 2, "{\"kind\":\"goal\",\"id\":\"B\",\"title\":"
	                           "\"B\",\"owner\":\"o\",\"weight\":1.7e308}"),
	                 AK_OK);
	assert_int_equal(add(x, 3, "{\"kind\":\"initiative\",\"id\":\"I1\","
	                           "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":"
	                           "\"s\",\"supports\":[\"A\"],\"budget\":1.5e308}"),
	                 AK_OK);
	assert_int_equal(add(x, 4, "{\"kind\":\"initiative\",\"id\":\"I2\","
	                           "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":"
	                           "\"s\",\"supports\":[\"A\"],\"budget\":1.5e308}"),
	                 AK_OK);
	assert_int_equal(add(x, 5, "{\"kind\":\"initiative\",\"id\":\"I3\","
	                           "\"title\":\"T\",\"owner\":\"o\",\"sponsor\":"
	                           "\"s\",\"supports\":[{\"goal\":\"B\",\"weight\":"
	                           "1e308},{\"goal\":\"A\",\"weight\":1e308}],"
	                           "\"budget\":0.4e308}"),
	                 AK_OK);
	x->o.skip[AK_GAP_UNMEASURED_GOAL] = 1;
	find(x);
	assert_int_equal(count(x, AK_GAP_INVESTMENT_SKEW), 1);
	g = first(x, AK_GAP_INVESTMENT_SKEW);
	assert_string_equal(g->subject, "B");
	assert_non_null(strstr(g->message, "gets 5.9% of the active "
	                       "initiatives' budget but carries 50%"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_options_init),
	        cmocka_unit_test_setup_teardown(test_empty_stream, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_duplicate_is_a_gap, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_bad_records, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_error_record, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_cycles, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_cycle_subject_is_smallest_id, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_deep_tree, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_investment_shares, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_scores_latest_and_trend,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_only_rollups_of_initiatives, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                test_unrealized_needs_a_whole_period, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_waivers_and_fails, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_fingerprint, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_fingerprint_survives_moves,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_baseline, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_baseline_errors, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_check_skipped, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(
	                test_worsening_only_when_not_green, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_investment_huge_budgets,
	                                        setup, teardown),
	        cmocka_unit_test_setup_teardown(test_load_waivers, setup,
	                                        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
