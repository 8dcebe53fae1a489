/* Unit tests for the measurement fast path (lib/scan_measurement.c): what
 * it recognises, the values it gives (always those jansson gives), and
 * every kind of line it must leave to jansson. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan_internal.h"

static char scratch[4096];

/* Scans the NUL-terminated text s. */
static int
scan(ak_measurement_line *m, const char *s)
{
	return ak_scan_measurement(m, s, strlen(s), scratch, sizeof(scratch));
}

/* s is recognised, and jansson reads it with the same fields. */
static void
assert_agrees(const char *s, size_t len, const ak_measurement_line *m)
{
	json_error_t jerr;
	json_t *rec = json_loadb(s, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *v;
	double want;

	if (rec == NULL)
		fail_msg("jansson rejects %s: %s", s, jerr.text);
	v = json_object_get(rec, "kpi");
	assert_int_equal(json_string_length(v), m->kpi_len);
	assert_memory_equal(json_string_value(v), m->kpi, m->kpi_len);
	v = json_object_get(rec, "at");
	assert_int_equal(json_string_length(v), m->at_len);
	assert_memory_equal(json_string_value(v), m->at, m->at_len);
	v = json_object_get(rec, "value");
	if (m->value_type == AK_SCAN_NULL) {
		assert_true(json_is_null(v));
	} else {
		want = json_number_value(v);
		assert_memory_equal(&want, &m->value, sizeof(want));
	}
	v = json_object_get(rec, "note");
	if (m->note_type == AK_SCAN_STRING) {
		assert_int_equal(json_string_length(v), m->note_len);
		assert_memory_equal(json_string_value(v), m->note, m->note_len);
	} else {
		assert_true(m->note_type == AK_SCAN_NULL ? json_is_null(v) : v == NULL);
	}
	assert_int_equal(json_object_size(rec),
	                 4 + (m->note_type != AK_SCAN_ABSENT) +
	                 (m->src_type != AK_SCAN_ABSENT) + m->nother);
	json_decref(rec);
}

static void
assert_recognised(const char *s, ak_measurement_line *m)
{
	if (scan(m, s) != 1)
		fail_msg("not recognised: %s", s);
	assert_agrees(s, strlen(s), m);
}

static void
test_plain(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":97}", &m);
	assert_string_equal(m.kpi, "K1");
	assert_int_equal(m.kpi_len, 2);
	assert_string_equal(m.at, "2026-11-16");
	assert_int_equal(m.value_type, AK_SCAN_NUMBER);
	assert_true(m.value == 97);
	assert_int_equal(m.note_type, AK_SCAN_ABSENT);
	assert_null(m.note);
	assert_int_equal(m.src_type, AK_SCAN_ABSENT);
	assert_int_equal(m.nother, 0);
}

static void
test_key_orders(void **state)
{
	static const char *const parts[] = {
		"\"kind\":\"measurement\"", "\"kpi\":\"K1\"", "\"at\":\"2026-11-16\"",
		"\"value\":97.5"
	};
	int count = 0;

	(void)state;
	/* Every one of the 24 orders of the four keys. */
	for (int a = 0; a < 4; a++)
		for (int b = 0; b < 4; b++)
			for (int c = 0; c < 4; c++) {
				int d = 6 - a - b - c;
				char line[200];
				ak_measurement_line m;
				if (a == b || a == c || b == c || d < 0 || d > 3 ||
				    d == a || d == b || d == c)
					continue;
				snprintf(line, sizeof(line), "{%s,%s,%s,%s}", parts[a],
				         parts[b], parts[c], parts[d]);
				assert_recognised(line, &m);
				assert_string_equal(m.kpi, "K1");
				assert_true(m.value == 97.5);
				count++;
			}
	assert_int_equal(count, 24);
}

static void
test_white_space(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised(" \t{ \"kind\" :\t\"measurement\" ,\r\n\"kpi\"\n:\"K1\"\t,"
	                  "\"at\": \"2026-11-16\" , \"value\" : 3 }\r\n\t ", &m);
	assert_string_equal(m.kpi, "K1");
	assert_true(m.value == 3);
	/* \v and \f are white space to ak_is_space but not to JSON. */
	assert_int_equal(scan(&m, "{\"kind\":\"measurement\",\"kpi\":\"K1\",\v\"at\":\"2026-11-16\",\"value\":3}"), 0);
	assert_int_equal(scan(&m, "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":3}\f"), 0);
}

static void
test_escapes(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K\\u0031\",\"at\":\"2026-11-16\",\"value\":1}", &m);
	assert_string_equal(m.kpi, "K1");
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"\\u00e9\\u20AC\\ud83d\\ude00\",\"at\":\"2026-11-16\",\"value\":1}", &m);
	assert_string_equal(m.kpi, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,"
	                  "\"note\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"}", &m);
	assert_string_equal(m.note, "q\" b\\ s/ \b\f\n\r\t");
	/* A kind spelt with an escape is still a measurement. */
	assert_recognised("{\"kind\":\"measur\\u0065ment\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}", &m);
}

static void
test_line_separator_in_note(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,"
	                  "\"note\":\"a\xe2\x80\xa8z\"}", &m);
	assert_string_equal(m.note, "a\xe2\x80\xa8z");
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,"
	                  "\"note\":\"a\\u2028z\\u2029\"}", &m);
	assert_string_equal(m.note, "a\xe2\x80\xa8z\xe2\x80\xa9");
	assert_int_equal(m.note_type, AK_SCAN_STRING);
}

static void
check_number(const char *literal, double want)
{
	char line[200];
	ak_measurement_line m;

	snprintf(line, sizeof(line),
	         "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":%s}",
	         literal);
	assert_recognised(line, &m);
	if (memcmp(&m.value, &want, sizeof(want)) != 0)
		fail_msg("%s read as %.17g, expected %.17g", literal, m.value, want);
}

static void
test_numbers(void **state)
{
	(void)state;
	check_number("5E0", 5.0);
	check_number("5e+0", 5.0);
	check_number("-0.0", -0.0);
	check_number("-0", 0.0);      /* an integer: jansson's 0, not -0.0 */
	check_number("-0e3", -0.0);
	check_number("97.50", 97.5);
	check_number("1e-3", 0.001);
	check_number("0.1", 0.1);
	check_number("123.45", 123.45);
	check_number("1E22", 1e22);
	check_number("1e23", 1e23);  /* beyond the exact powers: strtod */
	check_number("9007199254740993", 9007199254740992.0);
	check_number("9223372036854775807", 9223372036854775807.0);
	check_number("-9223372036854775808", -9223372036854775808.0);
	check_number("0.1000000000000000055511151231257827", 0.1);
	check_number("4.9e-324", 4.9e-324);
	check_number("1e-400", 0.0);  /* underflow: jansson takes it */
	check_number("-332e-332", -0.0); /* and keeps the sign */
	check_number("1.7976931348623157e308", 1.7976931348623157e308);
	check_number("0e99999999999999999999", 0.0);
}

static void
test_null_and_optional_fields(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":null,"
	                  "\"note\":\"shutdown\",\"src\":\"m.csv:7\"}", &m);
	assert_int_equal(m.value_type, AK_SCAN_NULL);
	assert_string_equal(m.note, "shutdown");
	assert_int_equal(m.note_len, 8);
	assert_int_equal(m.src_type, AK_SCAN_STRING);
	assert_string_equal(m.src, "m.csv:7");
	assert_recognised("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,"
	                  "\"note\":null,\"src\":null}", &m);
	assert_int_equal(m.note_type, AK_SCAN_NULL);
	assert_null(m.note);
	assert_int_equal(m.src_type, AK_SCAN_NULL);
}

static void
test_unknown_fields(void **state)
{
	ak_measurement_line m;

	(void)state;
	assert_recognised("{\"kind\":\"measurement\",\"jira\":\"OPS-12\",\"kpi\":\"K1\",\"num\":-1.5e3,"
	                  "\"at\":\"2026-11-16\",\"t\":true,\"f\":false,\"z\":null,\"value\":2,"
	                  "\"\":\"\",\"caf\xc3\xa9\":\"\\u00e9\"}", &m);
	assert_int_equal(m.nother, 7);
	assert_true(m.value == 2);
}

static void
test_refusals(void **state)
{
	static const char *const lines[] = {
		/* not the grammar */
		"", " ", "{}", "[]", "null", "{\"kind\":\"measurement\"",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1} x",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}{}",
		"{\"kind\":\"measurement\" \"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}",
		"{'kind':'measurement','kpi':'K1','at':'2026-11-16','value':1}",
		/* a byte-order mark */
		"\xef\xbb\xbf{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}",
		/* not a measurement, or one missing a field or of the wrong type */
		"{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"x\"}",
		"{\"kind\":\"Measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\"}",
		"{\"kind\":\"measurement\",\"kpi\":7,\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":null,\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":\"1\"}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":true}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"note\":3}",
		/* duplicate keys */
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"kpi\":\"K2\"}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"x\":1,\"x\":2}",
		/* a key with an escape (left to jansson's duplicate check) */
		"{\"\\u006bind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"a\\\"b\":1}",
		/* nested values */
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"m\":{}}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"m\":[1]}",
		"{\"kind\":\"measurement\",\"kpi\":[\"K1\"],\"at\":\"2026-11-16\",\"value\":1}",
		/* numbers jansson refuses */
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1e400}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":-1e400}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":9223372036854775808}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":-9223372036854775809}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":10000000000000000000}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":012}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":+1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":.5}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":5.}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1e}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":-}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":0x10}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":NaN}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":Infinity}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"x\":1e999}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"x\":99999999999999999999}",
		/* strings jansson refuses */
		"{\"kind\":\"measurement\",\"kpi\":\"K\\u0000\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\ud800\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\udc00\\ud800\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\ud800\\u0041\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\u12\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\x41\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\\'\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\t1\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"note\":\"a\nb\"}",
		/* invalid UTF-8: a lone continuation, a cut sequence, an
		 * overlong form, an encoded surrogate, beyond U+10FFFF */
		"{\"kind\":\"measurement\",\"kpi\":\"K\x80\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\xc3\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\xc0\xaf\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\xe0\x80\xaf\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\xed\xa0\x80\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K\xf4\x90\x80\x80\",\"at\":\"2026-11-16\",\"value\":1}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"\xff\":1}",
		/* literals that are not quite */
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":nul}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"t\":truex}",
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"t\":True}",
	};
	ak_measurement_line m;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		if (scan(&m, lines[i]) != 0)
			fail_msg("recognised: %s", lines[i]);
}

static void
test_nul_and_length(void **state)
{
	static const char line[] =
		"{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1}";
	char with_nul[sizeof(line) + 8];
	ak_measurement_line m;
	size_t n = sizeof(line) - 1;

	(void)state;
	/* A raw NUL, inside a string or after the object. */
	memcpy(with_nul, line, sizeof(line));
	with_nul[29] = '\0';
	assert_int_equal(ak_scan_measurement(&m, with_nul, n, scratch, sizeof(scratch)), 0);
	memcpy(with_nul, line, sizeof(line));
	assert_int_equal(ak_scan_measurement(&m, with_nul, n + 1, scratch, sizeof(scratch)), 0);
	/* Only the len bytes given are read: a cut line is not an object. */
	assert_int_equal(ak_scan_measurement(&m, line, n - 1, scratch, sizeof(scratch)), 0);
	/* More than AK_SCAN_MAX_OTHER other keys go to jansson. */
	{
		char big[2048];
		size_t k = (size_t)snprintf(big, sizeof(big), "%.*s", (int)n - 1, line);
		for (int i = 0; i <= AK_SCAN_MAX_OTHER; i++)
			k += (size_t)snprintf(big + k, sizeof(big) - k, ",\"x%d\":%d", i, i);
		snprintf(big + k, sizeof(big) - k, "}");
		assert_int_equal(scan(&m, big), 0);
	}
}

static void
test_scratch(void **state)
{
	static const char line[] =
		"{\"kind\":\"measurement\",\"kpi\":\"\\u00e9\",\"at\":\"2026-11-16\",\"value\":1,\"note\":\"n\"}";
	size_t n = sizeof(line) - 1;
	char *exact = malloc(n);
	ak_measurement_line m;

	(void)state;
	assert_non_null(exact);
	/* len bytes are enough; the strings are in it, NUL-terminated. */
	assert_int_equal(ak_scan_measurement(&m, line, n, exact, n), 1);
	assert_true(m.kpi >= exact && m.kpi + m.kpi_len < exact + n);
	assert_string_equal(m.kpi, "\xc3\xa9");
	assert_string_equal(m.note, "n");
	/* Too little scratch: not mine, never an overrun. */
	assert_int_equal(ak_scan_measurement(&m, line, n, exact, 5), 0);
	free(exact);
}

/* tests/data/fastpath/odd-lines.jsonl: every measurement agrees with
 * jansson, and all but the lines marked "fallback" are recognised. */
static void
test_odd_lines(void **state)
{
	FILE *fp = fopen(AK_TEST_DATA "/fastpath/odd-lines.jsonl", "rb");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int recognised = 0, lines = 0;

	(void)state;
	assert_non_null(fp);
	while ((n = getline(&buf, &cap, fp)) > 0) {
		ak_measurement_line m;
		size_t len = (size_t)n - (buf[n - 1] == '\n');
		int rc;
		lines++;
		rc = ak_scan_measurement(&m, buf, len, scratch, sizeof(scratch));
		if (strstr(buf, "fallback") != NULL) {
			if (rc != 0)
				fail_msg("line %d recognised: %s", lines, buf);
			continue;
		}
		if (rc != 1)
			fail_msg("line %d not recognised: %s", lines, buf);
		assert_agrees(buf, len, &m);
		recognised++;
	}
	free(buf);
	fclose(fp);
	assert_true(recognised >= 20);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_key_orders),
		cmocka_unit_test(test_white_space),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_line_separator_in_note),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_null_and_optional_fields),
		cmocka_unit_test(test_unknown_fields),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_nul_and_length),
		cmocka_unit_test(test_scratch),
		cmocka_unit_test(test_odd_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
