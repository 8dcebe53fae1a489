/* Unit tests of lib/score_stream.c: what kpi-score does to a stream.  A
 * measurement read before its KPI is held back and counted at the end; one
 * whose KPI never comes is passed on then; everything else passes on as it
 * came, in input order; the derived records follow, rollups then scores by
 * KPI id; input and write errors come back in an ak_error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/score_stream.h"

#define GOAL "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Sell\"}"
#define KPI_A "{\"kind\":\"kpi\",\"id\":\"a\",\"name\":\"A\",\"measures\":\"G1\",\"target\":10}"
#define KPI_B "{\"kind\":\"kpi\",\"id\":\"b\",\"name\":\"B\",\"measures\":\"G1\",\"target\":10}"
#define M_A "{\"kind\":\"measurement\",\"kpi\":\"a\",\"at\":\"2026-11-18\",\"value\":12}"
#define M_B "{\"kind\":\"measurement\",\"kpi\":\"b\",\"at\":\"2026-11-17\",\"value\":4}"
#define M_ZZ "{\"kind\":\"measurement\",\"kpi\":\"zz\",\"at\":\"2026-11-18\",\"value\":1}"
#define NOTE "{\"kind\":\"note\",\"x\":1}"
#define ROLLUP "{\"kind\":\"rollup\",\"of\":\"G1\",\"type\":\"goal\",\"period\":\"2026-W47\"," \
	"\"end\":\"2026-11-22\",\"score\":0.7,\"status\":\"red\",\"children\":2,\"scored\":2}"
#define SCORE_A "{\"kind\":\"score\",\"kpi\":\"a\",\"measures\":\"G1\",\"period\":\"2026-W47\"," \
	"\"start\":\"2026-11-16\",\"end\":\"2026-11-22\",\"value\":12,\"n\":1,\"target\":10,\"progress\":1.2," \
	"\"expected\":1,\"score\":1,\"status\":\"green\",\"previous\":null,\"delta\":null," \
	"\"trend\":null,\"stale\":false,\"forecast\":null}"
#define SCORE_B "{\"kind\":\"score\",\"kpi\":\"b\",\"measures\":\"G1\",\"period\":\"2026-W47\"," \
	"\"start\":\"2026-11-16\",\"end\":\"2026-11-22\",\"value\":4,\"n\":1,\"target\":10,\"progress\":0.4," \
	"\"expected\":1,\"score\":0.4,\"status\":\"red\",\"previous\":null,\"delta\":null," \
	"\"trend\":null,\"stale\":false,\"forecast\":null}"

static void
options(ak_score_options *o)
{
	ak_error err;

	ak_score_options_init(o);
	assert_int_equal(ak_date_parse(&o->as_of, "2026-11-23", 10, &err), AK_OK);
}

/* Feeds every line of input to s; returns the first code that is not
 * AK_OK (with *err), or AK_OK.  *bad counts the AK_EINPUT lines, which
 * are skipped as kpi-score --keep-going skips them. */
static int
feed(ak_score_stream *s, const char *input, int *bad, ak_error *err)
{
	FILE *in = fmemopen((void *)input, strlen(input), "rb");
	ak_reader *r = NULL;
	ak_line line;
	int rc;

	assert_non_null(in);
	assert_int_equal(ak_reader_open_fp(&r, in, "in.jsonl", err), AK_OK);
	while ((rc = ak_reader_next(r, &line, err)) == 1) {
		rc = ak_score_stream_add(s, &line, err);
		if (rc == AK_EINPUT && bad != NULL) {
			(*bad)++;
			continue;
		}
		if (rc != AK_OK)
			break;
	}
	ak_reader_free(r);
	fclose(in);
	return rc;
}

/* The whole output of a stream over input with flags. */
static char *
score_text(const char *input, int flags)
{
	ak_score_options o;
	ak_score_stream *s = NULL;
	char *text = NULL;
	size_t len = 0;
	ak_error err;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	options(&o);
	assert_int_equal(ak_score_stream_new(&s, out, &o, flags, &err), AK_OK);
	assert_int_equal(feed(s, input, NULL, &err), AK_OK);
	assert_int_equal(ak_score_stream_finish(s, &err), AK_OK);
	ak_score_stream_free(s);
	assert_int_equal(fclose(out), 0);
	return text;
}

static void
test_held_back_measurement(void **state)
{
	char *text;

	(void)state;
	/* b's measurement comes before b: it is scored all the same, and
	 * consumed; zz never comes, so its measurement passes on at the
	 * end, before the derived records. */
	text = score_text(GOAL "\n" M_B "\n" NOTE "\n" KPI_B "\n" KPI_A "\n" M_A "\n"
	                  M_ZZ "\n", 0);
	assert_string_equal(text, GOAL "\n" NOTE "\n" KPI_B "\n" KPI_A "\n" M_ZZ "\n"
	                    ROLLUP "\n" SCORE_A "\n" SCORE_B "\n");
	free(text);
}

static void
test_keep_measurements(void **state)
{
	char *text;

	(void)state;
	/* Every measurement passes on where it came, once: the held-back
	 * one is not written again at the end. */
	text = score_text(GOAL "\n" M_B "\n" KPI_B "\n" KPI_A "\n" M_ZZ "\n" M_A "\n",
	                  AK_SCORE_STREAM_KEEP_MEASUREMENTS);
	assert_string_equal(text, GOAL "\n" M_B "\n" KPI_B "\n" KPI_A "\n" M_ZZ "\n"
	                    M_A "\n" ROLLUP "\n" SCORE_A "\n" SCORE_B "\n");
	free(text);
}

static void
test_spill_order(void **state)
{
	char *text;

	(void)state;
	/* Many measurements of KPIs that never come: they wait on disk and
	 * pass on in the order they came. */
	size_t cap = 2000 * (sizeof(M_ZZ) + 8) + 1, len = 0;
	char *input = malloc(cap), *want = malloc(cap);
	assert_non_null(input);
	assert_non_null(want);
	for (int i = 0; i < 2000; i++)
		len += (size_t)snprintf(input + len, cap - len,
		                        "{\"kind\":\"measurement\",\"kpi\":\"k%d\","
		                        "\"at\":\"2026-11-18\",\"value\":%d}\n", i, i);
	memcpy(want, input, len + 1);
	text = score_text(input, 0);
	assert_string_equal(text, want);
	free(text);
	free(input);
	free(want);
}

static void
test_order_of_derived_records(void **state)
{
	char *text;

	(void)state;
	/* Scores by KPI id whatever the order the KPIs came in; rollups
	 * first. */
	text = score_text(KPI_B "\n" KPI_A "\n" GOAL "\n" M_A "\n" M_B "\n", 0);
	assert_string_equal(text, KPI_B "\n" KPI_A "\n" GOAL "\n" ROLLUP "\n"
	                    SCORE_A "\n" SCORE_B "\n");
	free(text);
}

static void
test_bad_and_duplicate_records(void **state)
{
	ak_score_options o;
	ak_score_stream *s = NULL;
	char *text = NULL;
	size_t len = 0;
	ak_error err;
	int bad = 0;
	FILE *out = open_memstream(&text, &len);

	(void)state;
	options(&o);
	assert_int_equal(ak_score_stream_new(&s, out, &o, 0, &err), AK_OK);
	/* A bad record is neither used nor passed on, and says where it is;
	 * a second KPI a passes on unused. */
	assert_int_equal(feed(s, GOAL "\n{\"kind\":\"measurement\",\"kpi\":\"a\"}\n"
	                      KPI_A "\n" KPI_A "\n", NULL, &err), AK_EINPUT);
	assert_string_equal(err.file, "in.jsonl");
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.text, "at"));
	ak_score_stream_free(s);
	fclose(out);
	free(text);

	text = NULL;
	out = open_memstream(&text, &len);
	assert_int_equal(ak_score_stream_new(&s, out, &o, 0, &err), AK_OK);
	assert_int_equal(feed(s, GOAL "\n{\"kind\":\"measurement\",\"kpi\":\"a\"}\n"
	                      KPI_A "\n" KPI_A "\n" M_A "\n", &bad, &err), 0);
	assert_int_equal(bad, 1);
	assert_int_equal(ak_score_stream_finish(s, &err), AK_OK);
	fclose(out);
	assert_non_null(strstr(text, GOAL "\n" KPI_A "\n" KPI_A "\n{\"kind\":\"rollup\""));
	ak_score_stream_free(s);
	free(text);
}

static void
test_write_error(void **state)
{
	ak_score_options o;
	ak_score_stream *s = NULL;
	ak_error err;
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (full == NULL)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	options(&o);
	assert_int_equal(ak_score_stream_new(&s, full, &o, 0, &err), AK_OK);
	/* A measurement is consumed, so nothing is written yet. */
	assert_int_equal(feed(s, M_A "\n", NULL, &err), 0);
	assert_int_equal(feed(s, GOAL "\n", NULL, &err), AK_EIO);
	assert_string_equal(err.text, "write error: No space left on device");
	assert_string_equal(err.file, "");
	ak_score_stream_free(s);

	/* At the end too: the derived records. */
	assert_int_equal(ak_score_stream_new(&s, full, &o, 0, &err), AK_OK);
	assert_int_equal(feed(s, M_A "\n", NULL, &err), 0);
	assert_int_equal(ak_score_stream_finish(s, &err), AK_EIO);
	assert_string_equal(err.text, "write error: No space left on device");
	ak_score_stream_free(s);
	fclose(full);
}

static void
test_no_output_and_accessors(void **state)
{
	ak_score_options o;
	ak_score_stream *s = NULL;
	const ak_kpi *kpis;
	ak_score sc;
	size_t n;
	ak_error err;

	(void)state;
	options(&o);
	o.periods = 0;
	assert_int_equal(ak_score_stream_new(&s, NULL, &o, 0, &err), AK_EUSAGE);
	assert_null(s);
	options(&o);
	assert_int_equal(ak_score_stream_new(&s, NULL, &o, 0, &err), AK_OK);
	assert_int_equal(feed(s, M_B "\n" KPI_B "\n", NULL, &err), 0);
	assert_int_equal(ak_score_stream_finish(s, &err), AK_OK);
	kpis = ak_model_kpis(ak_score_stream_model(s), &n);
	assert_int_equal(n, 1);
	assert_string_equal(kpis[0].id, "b");
	assert_int_equal(ak_scorer_count(ak_score_stream_scorer(s), 0), 1);
	ak_scorer_get(ak_score_stream_scorer(s), &sc, 0, 0);
	assert_true(sc.has_value);
	assert_true(sc.value == 4);
	ak_score_stream_free(s);
	ak_score_stream_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_back_measurement),
		cmocka_unit_test(test_keep_measurements),
		cmocka_unit_test(test_spill_order),
		cmocka_unit_test(test_order_of_derived_records),
		cmocka_unit_test(test_bad_and_duplicate_records),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_no_output_and_accessors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
