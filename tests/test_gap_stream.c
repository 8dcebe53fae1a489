/* Unit tests of lib/gap_stream.c: what gap-find does to a stream.  Every
 * record passes on as it came (none with AK_GAP_STREAM_GAPS_ONLY), the gap
 * records follow in the finder's order, a bad record kept under
 * --keep-going becomes an error record and an invalid-record gap, write
 * errors come back in an ak_error; and the --only, --ignore and --severity
 * parsers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/gap_stream.h"

#define GOAL "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Sell\",\"owner\":\"ann\"}"
#define NOTE "{\"kind\":\"note\",\"x\":1}"
#define INIT "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"Do\",\"owner\":\"bob\"," \
	"\"sponsor\":\"cy\",\"supports\":[\"G9\"]}"
#define BAD "{\"kind\":\"goal\",\"id\":\"G2\"}"

/* Runs a stream over input into *text; bad records are kept as
 * --keep-going keeps them.  Returns the number of gaps. */
static size_t
run(char **text, const char *input, int flags, const ak_gap_options *o)
{
	FILE *in = fmemopen((void *)input, strlen(input), "rb");
	ak_gap_stream *s = NULL;
	const ak_gap *gaps;
	ak_reader *r = NULL;
	size_t len = 0, ngaps;
	ak_line line;
	ak_error err, bad;
	FILE *out;
	int rc;

	*text = NULL;
	out = open_memstream(text, &len);
	assert_non_null(in);
	assert_non_null(out);
	assert_int_equal(ak_reader_open_fp(&r, in, "in.jsonl", &err), AK_OK);
	assert_int_equal(ak_gap_stream_new(&s, out, flags, &err), AK_OK);
	while ((rc = ak_reader_next(r, &line, &err)) == 1) {
		if ((rc = ak_gap_stream_add(s, &line, &err)) == AK_OK)
			continue;
		assert_int_equal(rc, AK_EINPUT);
		assert_string_equal(err.file, "in.jsonl");
		assert_int_equal(err.line, line.lineno);
		bad = err;
		assert_int_equal(ak_gap_stream_add_error(s, &bad, &err), AK_OK);
	}
	assert_int_equal(rc, 0);
	assert_int_equal(ak_gap_stream_finish(s, &gaps, &ngaps, o, &err), AK_OK);
	ak_gap_stream_free(s);
	ak_reader_free(r);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	return ngaps;
}

static void
test_pass_through_then_gaps(void **state)
{
	ak_gap_options o;
	char *text;
	const char *gaps;

	(void)state;
	ak_gap_options_init(&o, 20780);
	/* Four gaps and the check-skipped of a stream without rollups and of
	 * one without check-ins. */
	assert_int_equal(run(&text, GOAL "\n" NOTE "\n" INIT "\n", 0, &o), 6);
	assert_non_null(strstr(text, "\"type\":\"check-skipped\",\"severity\":\"info\","
	                       "\"subject\":\"checkins\""));
	assert_non_null(strstr(text, "\"type\":\"check-skipped\",\"severity\":\"info\","
	                       "\"subject\":\"off-track-goal,unrealized-benefit\""));
	/* The stream as it came, then the gaps, by subject then type. */
	assert_memory_equal(text, GOAL "\n" NOTE "\n" INIT "\n",
	                    sizeof(GOAL NOTE INIT) - 1 + 3);
	gaps = text + sizeof(GOAL NOTE INIT) - 1 + 3;
	assert_true(strncmp(gaps, "{\"kind\":\"gap\",\"type\":\"unmeasured-goal\","
	                    "\"severity\":\"warning\",\"subject\":\"G1\"", 68) == 0);
	assert_non_null(strstr(gaps, "\"type\":\"unsupported-goal\""));
	assert_true(strstr(gaps, "\"subject\":\"G1\"") < strstr(gaps, "\"subject\":\"I1\""));
	assert_non_null(strstr(gaps, "\"type\":\"dangling-ref\",\"severity\":\"error\","
	                       "\"subject\":\"I1\""));
	free(text);
}

static void
test_gaps_only_and_bad_record(void **state)
{
	ak_gap_options o;
	char *text;

	(void)state;
	ak_gap_options_init(&o, 20780);
	for (int i = 0; i < AK_GAP_NTYPES; i++)
		o.skip[i] = i != AK_GAP_INVALID_RECORD;
	/* Without --gaps-only the bad record's error record is in the
	 * stream where the record was; with it, only the gap. */
	assert_int_equal(run(&text, GOAL "\n" BAD "\n" NOTE "\n", 0, &o), 1);
	assert_true(strncmp(text, GOAL "\n{\"kind\":\"error\",\"src\":\"in.jsonl:2\","
	                    "\"message\":", sizeof(GOAL) + 44) == 0);
	assert_non_null(strstr(text, "\n" NOTE "\n{\"kind\":\"gap\",\"type\":\"invalid-record\""));
	free(text);
	assert_int_equal(run(&text, GOAL "\n" BAD "\n" NOTE "\n",
	                     AK_GAP_STREAM_GAPS_ONLY, &o), 1);
	assert_true(strncmp(text, "{\"kind\":\"gap\",\"type\":\"invalid-record\","
	                    "\"severity\":\"error\",\"subject\":\"in.jsonl:2\"", 79) == 0);
	assert_non_null(strchr(text, '\n'));
	assert_int_equal(strchr(text, '\n')[1], '\0');
	free(text);
}

static void
test_write_error(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	FILE *in = fmemopen((void *)GOAL "\n", sizeof(GOAL), "rb");
	ak_gap_stream *s = NULL;
	ak_gap_options o;
	const ak_gap *gaps;
	ak_reader *r = NULL;
	size_t ngaps;
	ak_line line;
	ak_error err;

	(void)state;
	if (full == NULL)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	ak_gap_options_init(&o, 20780);
	assert_int_equal(ak_reader_open_fp(&r, in, "in.jsonl", &err), AK_OK);
	assert_int_equal(ak_gap_stream_new(&s, full, 0, &err), AK_OK);
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_int_equal(ak_gap_stream_add(s, &line, &err), AK_EIO);
	assert_string_equal(err.text, "write error: No space left on device");
	ak_gap_stream_free(s);

	/* With --gaps-only, at the first gap record. */
	assert_int_equal(ak_gap_stream_new(&s, full, AK_GAP_STREAM_GAPS_ONLY, &err), AK_OK);
	assert_int_equal(ak_gap_stream_add(s, &line, &err), AK_OK);
	assert_int_equal(ak_gap_stream_finish(s, &gaps, &ngaps, &o, &err), AK_EIO);
	assert_string_equal(err.text, "write error: No space left on device");
	ak_gap_stream_free(s);
	ak_gap_stream_free(NULL);
	ak_reader_free(r);
	fclose(in);
	fclose(full);
}

static void
test_option_parsers(void **state)
{
	unsigned char set[AK_GAP_NTYPES] = {0};
	ak_gap_options o;
	ak_error err;

	(void)state;
	assert_int_equal(ak_gap_types_parse(set, "unowned, stale-kpi", &err), AK_OK);
	for (int i = 0; i < AK_GAP_NTYPES; i++)
		assert_int_equal(set[i], i == AK_GAP_UNOWNED || i == AK_GAP_STALE_KPI);
	memset(set, 0, sizeof(set));
	assert_int_equal(ak_gap_types_parse(set, "data, owner-disagreement", &err), AK_OK);
	for (int i = 0; i < AK_GAP_NTYPES; i++)
		assert_int_equal(set[i], i == AK_GAP_INVALID_RECORD ||
		                 i == AK_GAP_DUPLICATE_ID || i == AK_GAP_DANGLING_REF ||
		                 i == AK_GAP_DUPLICATE_MEASUREMENT ||
		                 i == AK_GAP_FUTURE_MEASUREMENT ||
		                 i == AK_GAP_OWNER_DISAGREEMENT);
	memset(set, 0, sizeof(set));
	assert_int_equal(ak_gap_types_parse(set, "checkins", &err), AK_OK);
	assert_int_equal(set[AK_GAP_MISSING_CHECKIN] + set[AK_GAP_STATUS_DISCREPANCY] +
	                 set[AK_GAP_OWNER_DISAGREEMENT], 3);
	assert_int_equal(set[AK_GAP_CHECK_SKIPPED], 0);
	assert_int_equal(ak_gap_types_parse(set, "unowned,,x", &err), AK_EUSAGE);
	assert_string_equal(err.text, "empty gap type in \"unowned,,x\"");
	assert_int_equal(ak_gap_types_parse(set, "nope", &err), AK_EUSAGE);
	assert_non_null(strstr(err.text, "unknown gap type \"nope\""));

	ak_gap_options_init(&o, 20780);
	assert_int_equal(ak_gap_severity_parse(&o, "stale-kpi=error", &err), AK_OK);
	assert_int_equal(o.severity[AK_GAP_STALE_KPI], AK_SEVERITY_ERROR);
	assert_int_equal(ak_gap_severity_parse(&o, "stale-kpi", &err), AK_EUSAGE);
	assert_string_equal(err.text, "\"stale-kpi\" is not TYPE=LEVEL");
	assert_int_equal(ak_gap_severity_parse(&o, "unowned=loud", &err), AK_EUSAGE);
	assert_non_null(strstr(err.text, "unknown severity \"loud\""));
	assert_int_equal(o.severity[AK_GAP_UNOWNED], -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pass_through_then_gaps),
		cmocka_unit_test(test_gaps_only_and_bad_record),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_option_parsers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
