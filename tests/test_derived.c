/* Unit tests of derived records (derived.h): the names of statuses,
 * trends, severities and gap types; reading score, rollup, gap and error
 * records into typed structs, with every message; and gap-find and
 * report-fmt refusing the same records in the same words. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"

static json_t *
parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);

	if (v == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	return v;
}

/* The record last read: the structs borrow its strings, so it lives
 * until the next read (or the end of the test). */
static json_t *held;

static const json_t *
hold(const char *text, ak_error *err)
{
	json_decref(held);
	held = parse(text);
	ak_error_clear(err);
	return held;
}

static int
release(void **state)
{
	(void)state;
	json_decref(held);
	held = NULL;
	return 0;
}

static int
score(ak_derived_score *out, const char *text, ak_error *err)
{
	return ak_derived_score_read(out, hold(text, err), err);
}

static int
rollup(ak_derived_rollup *out, const char *text, ak_error *err)
{
	return ak_derived_rollup_read(out, hold(text, err), err);
}

static int
gap(ak_derived_gap *out, const char *text, ak_error *err)
{
	return ak_derived_gap_read(out, hold(text, err), err);
}

static int
error_record(ak_derived_error *out, const char *text, ak_error *err)
{
	return ak_derived_error_read(out, hold(text, err), err);
}

#define SCORE "{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\"," \
              "\"end\":\"2026-11-22\",\"status\":\"amber\""
#define ROLLUP "{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\"," \
               "\"period\":\"2026-W47\",\"end\":\"2026-11-22\"," \
               "\"status\":\"red\""
#define GAP "{\"kind\":\"gap\",\"type\":\"off-target\",\"severity\":" \
            "\"warning\",\"subject\":\"K1\",\"message\":\"m\""

static void
test_status_names(void **state)
{
	static const char *const names[] = {"none", "green", "amber", "red",
	                                    "n/a"};
	ak_score_status s;
	ak_error err;

	(void)state;
	for (int i = 0; i < AK_SCORE_NSTATUS; i++) {
		const char *name = ak_score_status_name((ak_score_status)i);

		assert_string_equal(name, names[i]);
		assert_int_equal(ak_score_status_parse(&s, name, strlen(name),
		                                       &err), AK_OK);
		assert_int_equal(s, i);
	}
	assert_string_equal(ak_score_status_name(AK_SCORE_NSTATUS), "");
	assert_int_equal(ak_score_status_parse(&s, "Green", 5, &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "\"Green\" is not one of green, amber, "
	                    "red, none, n/a");
	/* name[0..len) only. */
	assert_int_equal(ak_score_status_parse(&s, "redder", 3, &err), AK_OK);
	assert_int_equal(s, AK_SCORE_RED);
}

static void
test_trend_names(void **state)
{
	ak_trend t;
	ak_error err;

	(void)state;
	assert_null(ak_trend_name(AK_TREND_NONE));
	assert_string_equal(ak_trend_name(AK_TREND_IMPROVING), "improving");
	assert_string_equal(ak_trend_name(AK_TREND_WORSENING), "worsening");
	assert_string_equal(ak_trend_name(AK_TREND_FLAT), "flat");
	assert_null(ak_trend_name((ak_trend)9));
	assert_int_equal(ak_trend_parse(&t, "flat", 4, &err), AK_OK);
	assert_int_equal(t, AK_TREND_FLAT);
	assert_int_equal(ak_trend_parse(&t, "up", 2, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"up\" is not one of improving, "
	                    "worsening, flat, null");
}

static void
test_gap_type_and_severity_names(void **state)
{
	ak_gap_type t;
	ak_severity s;
	ak_error err;

	(void)state;
	for (int i = 0; i < AK_GAP_NTYPES; i++) {
		const char *name = ak_gap_type_name((ak_gap_type)i);
		assert_true(name[0] != '\0');
		assert_int_equal(
		        ak_gap_type_parse(&t, name, strlen(name), &err), AK_OK);
		assert_int_equal(t, i);
	}
	assert_string_equal(ak_gap_type_name(AK_GAP_INVESTMENT_SKEW),
	                    "investment-skew");
	assert_string_equal(ak_gap_type_name(AK_GAP_NTYPES), "");
	assert_int_equal(ak_gap_type_parse(&t, "unowned,x", 7, &err), AK_OK);
	assert_int_equal(t, AK_GAP_UNOWNED);
	assert_int_equal(ak_gap_type_parse(&t, "unowne", 6, &err), AK_EUSAGE);
	assert_string_equal(err.text, "unknown gap type \"unowne\"");

	assert_int_equal(ak_severity_parse(&s, "warning", 7, &err), AK_OK);
	assert_int_equal(s, AK_SEVERITY_WARNING);
	assert_true(AK_SEVERITY_ERROR > AK_SEVERITY_WARNING &&
	            AK_SEVERITY_WARNING > AK_SEVERITY_INFO);
	assert_int_equal(ak_severity_parse(&s, "never", 5, &err), AK_EUSAGE);
	assert_string_equal(
	        err.text,
	        "unknown severity \"never\" (use error, warning or info)");
	assert_string_equal(ak_severity_name(AK_SEVERITY_INFO), "info");
}

static void
test_score_read(void **state)
{
	ak_derived_score d;
	ak_error err;

	(void)state;
	assert_int_equal(score(&d, "{\"kind\":\"score\",\"kpi\":\"K1\","
	                       "\"measures\":\"G1\",\"period\":\"2026-w47\","
	                       "\"start\":\"2026-11-16\",\"end\":\"2026-11-22\","
	                       "\"value\":97,\"n\":3,\"target\":98,"
	                       "\"progress\":0.5,\"expected\":1,\"score\":0.5,"
	                       "\"status\":\"amber\",\"previous\":96,"
	                       "\"delta\":1,\"trend\":\"improving\","
	                       "\"stale\":false,\"forecast\":98.4,"
	                       "\"src\":\"kpis.csv:2\",\"jira\":\"OPS-1\"}",
	                       &err), AK_OK);
	assert_string_equal(d.kpi, "K1");
	assert_string_equal(d.measures, "G1");
	assert_string_equal(d.label, "2026-W47");
	assert_int_equal(d.period.kind, AK_PERIOD_WEEK);
	assert_int_equal(d.period.start, ak_date_from_ymd(2026, 11, 16));
	assert_int_equal(d.start, ak_date_from_ymd(2026, 11, 16));
	assert_int_equal(d.end, ak_date_from_ymd(2026, 11, 22));
	assert_true(d.has_value && d.value == 97);
	assert_true(d.has_target && d.target == 98);
	assert_false(d.has_min || d.has_max);
	assert_true(d.has_score && d.score == 0.5);
	assert_int_equal(d.status, AK_SCORE_AMBER);
	assert_true(d.has_previous && d.previous == 96);
	assert_int_equal(d.trend, AK_TREND_IMPROVING);
	assert_false(d.stale);
	assert_true(d.has_forecast && d.forecast == 98.4);
	assert_string_equal(d.src, "kpis.csv:2");

	/* Absent and null read alike. */
	assert_int_equal(score(&d, SCORE ",\"value\":null,\"trend\":null,"
	                       "\"stale\":null,\"measures\":null}", &err), AK_OK);
	assert_null(d.measures);
	assert_null(d.src);
	assert_int_equal(d.start, AK_DATE_NONE);
	assert_false(d.has_value || d.has_score || d.has_previous ||
	             d.has_forecast);
	assert_int_equal(d.trend, AK_TREND_NONE);
	assert_false(d.stale);
	assert_int_equal(score(&d, SCORE ",\"stale\":true}", &err), AK_OK);
	assert_true(d.stale);
}

static void
test_score_refused(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"{\"kind\":\"score\",\"period\":\"2026-W47\"}",
		 "score: missing required field kpi"},
		{"{\"kind\":\"score\",\"kpi\":null}",
		 "score: missing required field kpi"},
		{"{\"kind\":\"score\",\"kpi\":7}",
		 "score: field kpi: expected a string"},
		{"{\"kind\":\"score\",\"kpi\":\"\"}",
		 "score: field kpi: \"\" is not a valid id"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"measures\":\"\\u0001\"}",
		 "score of K1: field measures: \"\x01\" is not a valid id"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\"}",
		 "score of K1: missing required field period"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W60\"}",
		 "score of K1: field period: \"2026-W60\" is not a period "
		 "(2026-W47, 2026-11, 2026-Q4, 2026)"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\"}",
		 "score of K1: missing required field end"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\","
		 "\"end\":\"2026-02-30\"}",
		 "score of K1: field end: \"2026-02-30\" is not a valid date"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\","
		 "\"end\":\"2026-11-22\"}",
		 "score of K1: missing required field status"},
		{SCORE ",\"value\":\"ninety\"}",
		 "score of K1: field value: expected a number"},
		{SCORE ",\"target\":true}",
		 "score of K1: field target: expected a number"},
		{SCORE ",\"previous\":[]}",
		 "score of K1: field previous: expected a number"},
		{SCORE ",\"forecast\":\"x\"}",
		 "score of K1: field forecast: expected a number"},
		{"{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\","
		 "\"end\":\"2026-11-22\",\"status\":\"purple\"}",
		 "score of K1: field status: \"purple\" is not one of green, "
		 "amber, red, none, n/a"},
		{SCORE ",\"trend\":\"down\"}",
		 "score of K1: field trend: \"down\" is not one of improving, "
		 "worsening, flat, null"},
		{SCORE ",\"stale\":\"yes\"}",
		 "score of K1: field stale: expected true or false"},
		{SCORE ",\"src\":3}", "score of K1: field src: expected a string"},
	};
	ak_derived_score d;
	ak_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(score(&d, cases[i].text, &err), AK_EINPUT);
		assert_string_equal(err.text, cases[i].message);
		assert_int_equal(err.line, 0);
	}
}

static void
test_rollup_read(void **state)
{
	ak_derived_rollup d;
	ak_error err;

	(void)state;
	assert_int_equal(rollup(&d, "{\"kind\":\"rollup\",\"of\":\"I1\","
	                        "\"type\":\"initiative\",\"period\":\"2026-11\","
	                        "\"end\":\"2026-11-30\",\"score\":0.8333,"
	                        "\"status\":\"amber\",\"children\":3,"
	                        "\"scored\":2,\"src\":\"initiatives.csv:2\"}",
	                        &err), AK_OK);
	assert_string_equal(d.of, "I1");
	assert_true(d.initiative);
	assert_int_equal(d.period.kind, AK_PERIOD_MONTH);
	assert_string_equal(d.label, "2026-11");
	assert_int_equal(d.end, ak_date_from_ymd(2026, 11, 30));
	assert_true(d.has_score && d.score == 0.8333);
	assert_int_equal(d.status, AK_SCORE_AMBER);
	assert_int_equal(d.children, 3);
	assert_int_equal(d.scored, 2);
	assert_string_equal(d.src, "initiatives.csv:2");
	assert_int_equal(rollup(&d, ROLLUP ",\"children\":2.0,\"scored\":0}",
	                        &err), AK_OK);
	assert_int_equal(d.children, 2);
	assert_int_equal(d.scored, 0);
	assert_int_equal(rollup(&d, ROLLUP "}", &err), AK_OK);
	assert_false(d.initiative);
	assert_false(d.has_score);
	assert_int_equal(d.status, AK_SCORE_RED);
	assert_int_equal(d.children, -1);
	assert_int_equal(d.scored, -1);
	assert_null(d.src);
}

static void
test_rollup_refused(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"{\"kind\":\"rollup\",\"type\":\"goal\"}",
		 "rollup: missing required field of"},
		{"{\"kind\":\"rollup\",\"of\":\"G1\"}",
		 "rollup of G1: missing required field type"},
		{"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"kpi\"}",
		 "rollup of G1: field type: \"kpi\" is not one of goal, "
		 "initiative"},
		/* gap-find refused this and report-fmt rendered it: one
		 * reader now refuses it for both. */
		{"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\","
		 "\"period\":\"2026-W60\",\"end\":\"2026-11-22\","
		 "\"status\":\"red\"}",
		 "rollup of G1: field period: \"2026-W60\" is not a period "
		 "(2026-W47, 2026-11, 2026-Q4, 2026)"},
		{"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\","
		 "\"period\":\"2026-W47\",\"status\":\"red\"}",
		 "rollup of G1: missing required field end"},
		{ROLLUP ",\"score\":\"high\"}",
		 "rollup of G1: field score: expected a number"},
		{"{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\","
		 "\"period\":\"2026-W47\",\"end\":\"2026-11-22\","
		 "\"status\":\"n/a\"}",
		 "rollup of G1: field status: \"n/a\" is not one of green, "
		 "amber, red, none"},
		{ROLLUP ",\"children\":-1}",
		 "rollup of G1: field children: -1 is negative"},
		{ROLLUP ",\"scored\":1.5}",
		 "rollup of G1: field scored: 1.5 is not a whole number"},
		{ROLLUP ",\"scored\":\"2\"}",
		 "rollup of G1: field scored: expected a number"},
	};
	ak_derived_rollup d;
	ak_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(rollup(&d, cases[i].text, &err), AK_EINPUT);
		assert_string_equal(err.text, cases[i].message);
	}
}

static void
test_gap_read(void **state)
{
	ak_derived_gap d;
	ak_error err;

	(void)state;
	assert_int_equal(gap(&d, GAP ",\"src\":\"kpis.csv:2\","
	                     "\"fingerprint\":\"9f2c61d04ab7e315\","
	                     "\"waived\":true,\"waiver_reason\":\"launch\","
	                     "\"waived_until\":\"2026-12-31\",\"new\":false}",
	                     &err), AK_OK);
	assert_int_equal(d.type, AK_GAP_OFF_TARGET);
	assert_int_equal(d.severity, AK_SEVERITY_WARNING);
	assert_string_equal(d.subject, "K1");
	assert_string_equal(d.message, "m");
	assert_string_equal(d.src, "kpis.csv:2");
	assert_string_equal(d.fingerprint, "9f2c61d04ab7e315");
	assert_true(d.waived);
	assert_string_equal(d.reason, "launch");
	assert_int_equal(d.waived_until, ak_date_from_ymd(2026, 12, 31));
	assert_true(d.has_new);
	assert_false(d.is_new);
	assert_false(d.resolved);
	assert_int_equal(gap(&d, GAP "}", &err), AK_OK);
	assert_false(d.waived || d.has_new || d.resolved);
	assert_null(d.reason);
	assert_null(d.fingerprint);
	assert_int_equal(d.waived_until, AK_DATE_NONE);

	assert_int_equal(gap(&d, "{\"kind\":\"gap\",\"severity\":\"error\","
	                     "\"message\":\"m\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "gap: missing required field type");
	assert_int_equal(gap(&d, "{\"kind\":\"gap\",\"type\":\"x\"}", &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "gap: field type: \"x\" is not a gap type");
	assert_int_equal(gap(&d, "{\"kind\":\"gap\",\"type\":\"unowned\","
	                     "\"severity\":\"fatal\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "gap: field severity: \"fatal\" is not "
	                    "one of error, warning, info");
	assert_int_equal(gap(&d, "{\"kind\":\"gap\",\"type\":\"unowned\","
	                     "\"severity\":\"info\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "gap: missing required field message");
	assert_int_equal(gap(&d, GAP ",\"waived\":\"yes\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "gap: field waived: expected true or false");
	assert_int_equal(gap(&d, GAP ",\"waived_until\":\"soon\"}", &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "gap: field waived_until: \"soon\" is not "
	                    "a valid date");
}

static void
test_error_read(void **state)
{
	ak_derived_error d;
	ak_error err;

	(void)state;
	assert_int_equal(error_record(&d, "{\"kind\":\"error\",\"src\":"
	                              "\"kpis.csv:7\",\"message\":\"bad\"}", &err),
	                 AK_OK);
	assert_string_equal(d.src, "kpis.csv:7");
	assert_string_equal(d.message, "bad");
	assert_int_equal(error_record(&d, "{\"kind\":\"error\",\"message\":"
	                              "\"bad\"}", &err), AK_OK);
	assert_null(d.src);
	assert_int_equal(error_record(&d, "{\"kind\":\"error\",\"src\":"
	                              "\"a.csv:2\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "error: missing required field message");
	assert_int_equal(error_record(&d, "{\"kind\":\"error\",\"message\":3}",
	                              &err), AK_EINPUT);
	assert_string_equal(err.text, "error: field message: expected a string");
	assert_int_equal(error_record(&d, "{\"kind\":\"error\",\"message\":\"m\","
	                              "\"src\":[]}", &err), AK_EINPUT);
	assert_string_equal(err.text, "error: field src: expected a string");
}

/* What gap-find and report-fmt say of one record: the same words, or both
 * take it. */
static void
both_say(const char *text, int rc, const char *message)
{
	ak_gap_finder *f;
	ak_report *r;
	ak_error gerr, rerr;
	json_t *rec = parse(text);

	assert_int_equal(ak_gap_finder_new(&f), AK_OK);
	assert_int_equal(ak_report_new(&r), AK_OK);
	assert_int_equal(ak_gap_finder_add(f, rec, "s.jsonl", 3, &gerr), rc);
	assert_int_equal(ak_report_add(r, rec, "s.jsonl", 3, &rerr), rc);
	if (message != NULL) {
		assert_string_equal(gerr.text, message);
		assert_string_equal(rerr.text, message);
		assert_string_equal(gerr.file, "s.jsonl");
		assert_string_equal(rerr.file, "s.jsonl");
		assert_int_equal(gerr.line, 3);
		assert_int_equal(rerr.line, 3);
	}
	json_decref(rec);
	ak_gap_finder_free(f);
	ak_report_free(r);
}

static void
test_tools_agree(void **state)
{
	(void)state;
	both_say("{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\","
	         "\"period\":\"2026-W60\",\"end\":\"2026-11-22\","
	         "\"status\":\"red\"}", AK_EINPUT,
	         "rollup of G1: field period: \"2026-W60\" is not a period "
	         "(2026-W47, 2026-11, 2026-Q4, 2026)");
	both_say(ROLLUP ",\"children\":-1}", AK_EINPUT,
	         "rollup of G1: field children: -1 is negative");
	both_say(SCORE ",\"measures\":\"\"}", AK_EINPUT,
	         "score of K1: field measures: \"\" is not a valid id");
	both_say(SCORE ",\"previous\":\"x\"}", AK_EINPUT,
	         "score of K1: field previous: expected a number");
	both_say("{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":\"2026-W47\"}",
	         AK_EINPUT, "score of K1: missing required field end");
	both_say("{\"kind\":\"error\",\"src\":\"a.csv:2\"}", AK_EINPUT,
	         "error: missing required field message");
	both_say(SCORE ",\"value\":3}", AK_OK, NULL);
	both_say(ROLLUP "}", AK_OK, NULL);
	both_say("{\"kind\":\"error\",\"message\":\"m\"}", AK_OK, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_status_names, release),
		cmocka_unit_test_teardown(test_trend_names, release),
		cmocka_unit_test_teardown(test_gap_type_and_severity_names, release),
		cmocka_unit_test_teardown(test_score_read, release),
		cmocka_unit_test_teardown(test_score_refused, release),
		cmocka_unit_test_teardown(test_rollup_read, release),
		cmocka_unit_test_teardown(test_rollup_refused, release),
		cmocka_unit_test_teardown(test_gap_read, release),
		cmocka_unit_test_teardown(test_error_read, release),
		cmocka_unit_test_teardown(test_tools_agree, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
