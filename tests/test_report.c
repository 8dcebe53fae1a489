/* Unit tests of the report modules: parsing formats and sections, which
 * records a report takes and refuses, the escaping helpers every format
 * relies on, fingerprints, and writing in memory and to a full disk. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/report.h"
#include "alignkit/num.h"
#include "report_internal.h"

static json_t *
parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);

	if (v == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	return v;
}

static int
add(ak_report *r, const char *text, ak_error *err)
{
	json_t *rec = parse(text);
	int rc;

	ak_error_clear(err);
	rc = ak_report_add(r, rec, "stream.jsonl", 7, err);
	json_decref(rec);
	return rc;
}

/* The report r written with opt, as a new string. */
static char *
render(ak_report *r, const ak_report_options *opt, int *rc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	ak_error err;

	assert_non_null(mem);
	*rc = ak_report_write(r, mem, opt, &err);
	assert_int_equal(fclose(mem), 0);
	return buf;
}

static void
test_format_names(void **state)
{
	static const char *const names[] = {"text", "markdown", "html", "csv",
	                                    "junit", "sarif", "github",
	                                    "codequality"};
	ak_report_format f;
	ak_error err;

	(void)state;
	for (size_t i = 0; i < 8; i++) {
		assert_int_equal(ak_report_format_parse(&f, names[i], &err), AK_OK);
		assert_int_equal((int)f, (int)i);
	}
	assert_int_equal(ak_report_format_parse(&f, "HTML", &err), AK_EUSAGE);
	assert_string_equal(err.text, "unknown format \"HTML\" (formats: text, "
	                    "markdown, html, csv, junit, sarif, github, codequality)");
}

static void
test_section_lists(void **state)
{
	unsigned s;
	ak_error err;

	(void)state;
	assert_int_equal(ak_report_sections_parse(&s, "gaps,summary", &err), AK_OK);
	assert_int_equal(s, AK_SECTION_GAPS | AK_SECTION_SUMMARY);
	assert_int_equal(ak_report_sections_parse(&s, "summary,goals,kpis,gaps,"
	                                          "matrix,errors,initiatives,"
	                                          "history,checkins", &err), AK_OK);
	assert_int_equal(s, AK_SECTION_ALL);
	assert_int_equal(ak_report_sections_parse(&s, "goals,,kpis", &err),
	                 AK_EUSAGE);
	assert_string_equal(err.text, "unknown section \"\" (sections: summary, "
	                    "goals, initiatives, kpis, checkins, gaps, matrix, "
	                    "history, errors)");
	assert_int_equal(ak_report_sections_parse(&s, "goal", &err), AK_EUSAGE);
	assert_string_equal(err.text, "unknown section \"goal\" (sections: summary, "
	                    "goals, initiatives, kpis, checkins, gaps, matrix, "
	                    "history, errors)");
}

/* Numbers for people: no float noise, at most 4 decimals, 4 significant
 * digits below 1. */
static void
test_num_display(void **state)
{
	static const struct { double v; const char *want; } cases[] = {
		{471940.89999999997, "471940.9"}, {3.4000000000000004, "3.4"},
		{97, "97"}, {-3, "-3"}, {0, "0"}, {-0.0, "0"}, {0.1 + 0.2, "0.3"},
		{2.5, "2.5"}, {1.23456, "1.2346"}, {-1.23454, "-1.2345"},
		{0.00012346, "0.0001235"}, {0.5, "0.5"}, {-0.00001, "-0.00001"},
		{1e20, "1e+20"}, {123456789.123456, "123456789.1235"},
		{1e-20, "0"}, {99999.99999, "100000"}};
	char buf[AK_NUM_BUFSIZE];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ak_num_display(buf, sizeof(buf), cases[i].v);
		assert_string_equal(buf, cases[i].want);
	}
}

/* Ids as people count them. */
static void
test_id_natcmp(void **state)
{
	static const char *const sorted[] = {
		"", "G1", "G1.2", "G1.10", "G2", "G10", "G10a", "G10b", "I02", "I2",
		"I3", "I10", "I100", "a", "a01", "a1", "a1b", "b"};
	size_t n = sizeof(sorted) / sizeof(sorted[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int c = ak_id_natcmp(sorted[i], sorted[j]);

			if (i < j)
				assert_true(c < 0);
			else if (i > j)
				assert_true(c > 0);
			else
				assert_int_equal(c, 0);
		}
	assert_true(ak_id_natcmp("I99999999999999999999999", "I100000000000000000000000") < 0);
}

static void
test_records_taken_and_refused(void **state)
{
	ak_report *r;
	ak_error err;

	(void)state;
	assert_int_equal(ak_report_new(&r), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"measurement\",\"kpi\":\"K1\","
	                     "\"at\":\"x\",\"value\":\"y\"}", &err), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"my-note\",\"x\":1}", &err), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"goal\",\"id\":\"G1\","
	                     "\"title\":\"One\"}", &err), AK_OK);
	/* gap-find reports the duplicate; the report keeps the first. */
	assert_int_equal(add(r, "{\"kind\":\"goal\",\"id\":\"G1\","
	                     "\"title\":\"Two\"}", &err), AK_OK);
	/* Derived records are checked by derived.c (test_derived.c); the
	 * report locates what it refuses and keeps none of it. */
	assert_int_equal(add(r, "{\"kind\":\"score\",\"kpi\":\"K1\","
	                     "\"period\":\"2026-W47\",\"end\":\"2026-02-30\","
	                     "\"status\":\"red\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "score of K1: field end: \"2026-02-30\" "
	                    "is not a valid date");
	assert_string_equal(err.file, "stream.jsonl");
	assert_int_equal(err.line, 7);
	assert_int_equal(add(r, "{\"kind\":\"rollup\",\"of\":\"G1\","
	                     "\"type\":\"goal\",\"period\":\"2026-W60\","
	                     "\"end\":\"2026-11-22\",\"status\":\"red\"}", &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "rollup of G1: field period: \"2026-W60\" "
	                    "is not a period (2026-W47, 2026-11, 2026-Q4, 2026)");
	assert_int_equal(add(r, "{\"kind\":\"gap\",\"type\":\"unowned\","
	                     "\"severity\":\"info\",\"message\":\"m\","
	                     "\"waived\":\"yes\"}", &err), AK_EINPUT);
	assert_string_equal(err.text, "gap: field waived: expected true or false");
	assert_int_equal(add(r, "{\"kind\":\"error\",\"src\":\"a.csv:2\"}", &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "error: missing required field message");
	assert_int_equal(add(r, "{\"kind\":\"goal\",\"id\":\"G2\"}", &err),
	                 AK_EINPUT);
	assert_string_equal(err.text, "goal G2: missing required field title");
	assert_int_equal(ak_rp_prepare(r), AK_OK);
	assert_int_equal(r->ngoals, 1);
	assert_string_equal(r->goals[0]->title, "One");
	assert_int_equal(r->nkpis, 0);
	assert_int_equal(r->nrollups, 0);
	assert_int_equal(r->ngaps, 0);
	assert_int_equal(r->nerrors, 0);
	ak_report_free(r);
	ak_report_free(NULL);
}

static void
test_latest_rollup_and_scores_in_time_order(void **state)
{
	ak_report *r;
	ak_error err;
	const ak_rp_rollup *u;

	(void)state;
	assert_int_equal(ak_report_new(&r), AK_OK);
	/* Out of order in the stream, as a concatenation of runs may be. */
	assert_int_equal(add(r, "{\"kind\":\"rollup\",\"of\":\"G1\","
	                     "\"type\":\"goal\",\"period\":\"2026-W47\","
	                     "\"end\":\"2026-11-22\",\"score\":0.9,"
	                     "\"status\":\"amber\"}", &err), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"rollup\",\"of\":\"G1\","
	                     "\"type\":\"goal\",\"period\":\"2026-W46\","
	                     "\"end\":\"2026-11-15\",\"score\":0.5,"
	                     "\"status\":\"red\"}", &err), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":"
	                     "\"2026-W47\",\"end\":\"2026-11-22\",\"value\":3,"
	                     "\"status\":\"green\"}", &err), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":"
	                     "\"2026-W46\",\"end\":\"2026-11-15\",\"value\":1,"
	                     "\"status\":\"green\"}", &err), AK_OK);
	/* A label is read in its canonical form. */
	assert_int_equal(add(r, "{\"kind\":\"score\",\"kpi\":\"K1\",\"period\":"
	                     "\"2026-w45\",\"end\":\"2026-11-08\",\"value\":2,"
	                     "\"status\":\"green\"}", &err), AK_OK);
	assert_int_equal(ak_rp_prepare(r), AK_OK);
	u = ak_rp_latest_rollup(r, "G1");
	assert_non_null(u);
	assert_string_equal(u->period, "2026-W47");
	assert_string_equal(r->period, "2026-W47");
	assert_string_equal(r->period_end, "2026-11-22");
	assert_int_equal(r->nkpis, 1);
	assert_null(r->kpis[0].kpi);
	assert_string_equal(r->kpis[0].scores[0]->period, "2026-W45");
	assert_string_equal(ak_rp_latest_score(&r->kpis[0])->period, "2026-W47");
	{
		char *spark = ak_rp_sparkline(&r->kpis[0], 0);
		char *ascii = ak_rp_sparkline(&r->kpis[0], 1);

		/* 2, 1, 3: middle, lowest, highest. */
		assert_string_equal(spark, "\xe2\x96\x85\xe2\x96\x81\xe2\x96\x88");
		assert_string_equal(ascii, "=_#");
		free(spark);
		free(ascii);
	}
	ak_report_free(r);
}

static void
test_clean(void **state)
{
	char *s;

	(void)state;
	s = ak_rp_clean("a\033[31mb\xc2\x9b" "c\xe2\x80\xae" "d\x7f" "e", AK_RP_CLEAN_LINE);
	assert_string_equal(s, "a?[31mb?c?d?e");
	free(s);
	s = ak_rp_clean("bad \xff\xfe utf-8 \xe2\x82", AK_RP_CLEAN_LINE);
	assert_string_equal(s, "bad ?? utf-8 ??");
	free(s);
	s = ak_rp_clean("one\r\ntwo\nthree\tfour", AK_RP_CLEAN_LINE);
	assert_string_equal(s, "one two three four");
	free(s);
	s = ak_rp_clean("one\r\ntwo\nthree\tfour\a", AK_RP_CLEAN_KEEPNL);
	assert_string_equal(s, "one\r\ntwo\nthree\tfour?");
	free(s);
	s = ak_rp_clean("caf\xc3\xa9 \xe6\x97\xa5", AK_RP_CLEAN_LINE);
	assert_string_equal(s, "caf\xc3\xa9 \xe6\x97\xa5");
	free(s);
}

static void
test_width_and_fit(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	(void)state;
	assert_int_equal(ak_rp_width("caf\xc3\xa9"), 4);
	assert_int_equal(ak_rp_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(ak_rp_width("e\xcc\x81"), 1);
	mem = open_memstream(&buf, &len);
	assert_int_equal(ak_rp_put_fit(mem, "abcdef", 4, 1, 0, 0), 4);
	putc('|', mem);
	assert_int_equal(ak_rp_put_fit(mem, "abcdef", 5, 1, 1, 0), 5);
	putc('|', mem);
	assert_int_equal(ak_rp_put_fit(mem, "ab", 4, 1, 0, 1), 4);
	putc('|', mem);
	assert_int_equal(ak_rp_put_fit(mem, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	                            4, 1, 0, 0), 4);
	fclose(mem);
	assert_string_equal(buf, "abc\xe2\x80\xa6|ab...|  ab|\xe6\x97\xa5\xe2\x80\xa6 ");
	free(buf);
	assert_string_equal(ak_rp_tail("examples/model/kpis.csv:13", 12),
	                    "/kpis.csv:13");
	assert_string_equal(ak_rp_tail("x/\xe6\x97\xa5\xe6\x9c\xac.csv:2", 9),
	                    "\xe6\x9c\xac.csv:2");
	assert_string_equal(ak_rp_tail("short", 12), "short");
}

static void
test_xml(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	(void)state;
	ak_rp_put_xml(mem, "<a href=\"x\">'&'</a>\n");
	fclose(mem);
	assert_string_equal(buf, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;"
	                    "&lt;/a&gt;&#10;");
	free(buf);
}

static void
test_fingerprints(void **state)
{
	ak_rp_gap a, b;
	char fa[33], fb[33];

	(void)state;
	memset(&a, 0, sizeof(a));
	a.type = "unsupported-goal";
	a.subject = "G3";
	a.message = "goal G3 has no active initiative";
	b = a;
	b.message = "another text";
	b.src = "goals.csv:40";
	ak_rp_fingerprint(fa, &a);
	ak_rp_fingerprint(fb, &b);
	/* The same on every machine and in every release: CI systems match
	 * findings across runs by it. */
	assert_string_equal(fa, "f572ad170689f8ee323c2aca766ae67b");
	assert_string_equal(fa, fb);
	b.ordinal = 1;
	ak_rp_fingerprint(fb, &b);
	assert_string_not_equal(fa, fb);
	b = a;
	b.subject = "G33";
	ak_rp_fingerprint(fb, &b);
	assert_string_not_equal(fa, fb);
}

static void
test_src_and_percent(void **state)
{
	char buf[32], *file;
	long line;

	(void)state;
	file = ak_rp_src_split("dir:x/goals.csv:12", &line);
	assert_string_equal(file, "dir:x/goals.csv");
	assert_int_equal(line, 12);
	free(file);
	file = ak_rp_src_split("goals.csv", &line);
	assert_string_equal(file, "goals.csv");
	assert_int_equal(line, 0);
	free(file);
	file = ak_rp_src_split("goals.csv:", &line);
	assert_string_equal(file, "goals.csv:");
	assert_int_equal(line, 0);
	free(file);
	assert_string_equal(ak_rp_percent(buf, 0.9999), "99%");
	assert_string_equal(ak_rp_percent(buf, 1), "100%");
	assert_string_equal(ak_rp_percent(buf, 0.835), "83%");
	assert_string_equal(ak_rp_percent(buf, 0.29), "29%");
	assert_string_equal(ak_rp_percent(buf, 0), "0%");
}

static void
test_write(void **state)
{
	ak_report_options opt = {AK_REPORT_MARKDOWN, AK_SECTION_GOALS,
	                         "<b>T</b> | x", 0, 0};
	ak_report *r;
	ak_error err;
	char *out;
	int rc;
	FILE *full;

	(void)state;
	assert_int_equal(ak_report_new(&r), AK_OK);
	assert_int_equal(add(r, "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":"
	                     "\"*Grow*\",\"owner\":\"CFO\"}", &err), AK_OK);
	out = render(r, &opt, &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(out,
		"# &lt;b&gt;T&lt;/b&gt; \\| x\n"
		"\n## Goals\n\n"
		"| Goal | Title | Owner | Weight | Status | Score | Period |\n"
		"| --- | --- | --- | ---: | --- | ---: | --- |\n"
		"| G1 | \\*Grow\\* | CFO | 1 | \xe2\x9a\xaa none |  |  |\n");
	free(out);
	opt.format = AK_REPORT_CSV;
	opt.sections = AK_SECTION_GOALS | AK_SECTION_KPIS;
	out = render(r, &opt, &rc);
	assert_int_equal(rc, AK_EUSAGE);
	free(out);
	opt.sections = 0;
	out = render(r, &opt, &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(out, "kpi,name,measures,direction,unit,target,min,"
	                    "max,period,end,value,score,status,trend,stale,"
	                    "business_owner,it_owner,forecast,note\r\n");
	free(out);
	/* A full disk is an error, not a short report. */
	full = fopen("/dev/full", "w");
	assert_non_null(full);
	opt.format = AK_REPORT_HTML;
	assert_int_equal(ak_report_write(r, full, &opt, &err), AK_EIO);
	fclose(full);
	ak_report_free(r);
}

static void
test_add_error(void **state)
{
	ak_report_options opt = {AK_REPORT_CSV, AK_SECTION_ERRORS, NULL, 0, 0};
	ak_report *r;
	ak_error err;
	char *out;
	int rc;

	(void)state;
	assert_int_equal(ak_report_new(&r), AK_OK);
	ak_error_set(&err, AK_EINPUT, "in.jsonl", 3, "invalid JSON: =cmd");
	assert_int_equal(ak_report_add_error(r, &err), AK_OK);
	ak_error_set(&err, AK_EIO, "", 0, "cannot open x");
	assert_int_equal(ak_report_add_error(r, &err), AK_OK);
	out = render(r, &opt, &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(out, "src,message\r\n"
	                    "in.jsonl:3,invalid JSON: =cmd\r\n"
	                    ",cannot open x\r\n");
	free(out);
	ak_report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_section_lists),
		cmocka_unit_test(test_num_display),
		cmocka_unit_test(test_id_natcmp),
		cmocka_unit_test(test_records_taken_and_refused),
		cmocka_unit_test(test_latest_rollup_and_scores_in_time_order),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_width_and_fit),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_fingerprints),
		cmocka_unit_test(test_src_and_percent),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_add_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
