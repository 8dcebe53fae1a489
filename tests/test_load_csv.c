/* Unit tests of lib/load_csv.c: lines of rows (quoted line breaks, CRLF,
 * blank lines), delimiters, headers, kinds, wide sheets, raw rows, and the
 * fast path for measurements, which must give byte for byte what the
 * normal path (ak_record_normalize) gives. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignkit/load.h"
#include "alignkit/num.h"
#include "alignkit/stream.h"
#include "load_internal.h"

struct fixture {
	char dir[64];
	char old[4096];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || getcwd(f->old, sizeof(f->old)) == NULL)
		return -1;
	strcpy(f->dir, "/tmp/ak-csvload-XXXXXX");
	if (mkdtemp(f->dir) == NULL || chdir(f->dir) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {
		"goals.csv", "kpis.csv", "measurements.csv", "mixed.csv",
		"wide-measurements.csv", "big-measurements.csv", "x.csv"
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(names[i]);
	if (chdir(f->old) != 0)
		return -1;
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
put_bytes(const char *name, const char *bytes, size_t n)
{
	FILE *fp = fopen(name, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	fclose(fp);
}

#define PUT(name, lit) put_bytes((name), (lit), sizeof(lit) - 1)

/* What the loader handed out, one line per record ("R TEXT") or error
 * ("E FILE:LINE: TEXT"). */
struct transcript {
	char *buf;
	size_t len, cap;
	size_t records;
};

static void
add(struct transcript *t, const char *s, size_t n)
{
	while (t->len + n + 1 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->buf = realloc(t->buf, t->cap);
		assert_non_null(t->buf);
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static int
on_record(void *ctx, const ak_load_record *rec)
{
	struct transcript *t = ctx;
	char *text = NULL;
	size_t len = 0, cap = 0;

	t->records++;
	add(t, "R ", 2);
	if (rec->bytes != NULL) {
		add(t, rec->bytes, rec->len);
	} else {
		assert_int_equal(ak_json_append(&text, &len, &cap, rec->record),
		                 AK_OK);
		add(t, text, len);
		free(text);
	}
	add(t, "\n", 1);
	return 0;
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct transcript *t = ctx;
	char line[AK_ERROR_TEXT_LENGTH + AK_ERROR_FILE_LENGTH + 64];
	int n;

	(void)code;
	n = snprintf(line, sizeof(line), "E %s:%ld: %s\n", err->file, err->line,
	             err->text);
	add(t, line, (size_t)n);
	return 0;
}

static char *
load_with(const char *path, int delimiter, ak_kind kind, int flags,
          size_t *records)
{
	ak_load_options o = {AK_LOAD_AUTO, delimiter, kind, flags};
	struct transcript t = {NULL, 0, 0, 0};
	ak_load_handler h = {on_record, on_error, &t};
	ak_loader *l;
	ak_error err;

	assert_int_equal(ak_loader_new(&l, &o, &err), AK_OK);
	add(&t, "", 0);
	assert_int_equal(ak_loader_load(l, path, &h, &err), AK_OK);
	ak_loader_free(l);
	if (records != NULL)
		*records = t.records;
	return t.buf;
}

#define load(path) load_with((path), 0, AK_KIND_OTHER, 0, NULL)

static void
test_lines_of_rows(void **state)
{
	char *t;

	(void)state;
	PUT("goals.csv",
	    "\n"
	    "id,title\r\n"
	    "G1,\"two\r\nlines\"\r\n"
	    "\r\n"
	    "   \n"
	    "G2,\"three\nlines\n\"\n"
	    "G3,last without a line end");
	t = load("goals.csv");
	assert_string_equal(t,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"two\\r\\nlines\","
		"\"src\":\"goals.csv:3\"}\n"
		"R {\"kind\":\"goal\",\"id\":\"G2\",\"title\":\"three\\nlines\","
		"\"src\":\"goals.csv:7\"}\n"
		"R {\"kind\":\"goal\",\"id\":\"G3\",\"title\":\"last without a line "
		"end\",\"src\":\"goals.csv:10\"}\n");
	free(t);
}

static void
test_delimiters(void **state)
{
	char *t;

	(void)state;
	/* The most frequent of ',' ';' and tab in the header, outside quotes. */
	PUT("goals.csv", "id;title;\"a,b,c\"\nG1;x, y;\n");
	t = load("goals.csv");
	assert_string_equal(t, "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":"
	                    "\"x, y\",\"src\":\"goals.csv:2\"}\n");
	free(t);
	PUT("goals.csv", "id\ttitle\tnote;x\nG1\tt\t\n");
	t = load("goals.csv");
	assert_string_equal(t, "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":"
	                    "\"t\",\"src\":\"goals.csv:2\"}\n");
	free(t);
	/* One column: the comma. */
	PUT("x.csv", "id\nG1\n");
	t = load_with("x.csv", 0, AK_KIND_GOAL, 0, NULL);
	assert_string_equal(t, "E x.csv:2: goal G1: missing required field title\n");
	free(t);
	/* -d wins over what the header shows. */
	PUT("goals.csv", "id|title\nG1|a,b\n");
	t = load_with("goals.csv", '|', AK_KIND_OTHER, 0, NULL);
	assert_string_equal(t, "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":"
	                    "\"a,b\",\"src\":\"goals.csv:2\"}\n");
	free(t);
}

static void
test_header_names(void **state)
{
	char *t;

	(void)state;
	PUT("kpis.csv", "\xef\xbb\xbf ID ,Name,MEASURES,Target,Business Owner,"
	    "it owner,Stale_After,Jira Ticket, \"Red Min\" ,direction,min\n"
	    "K1,n,G1,,Ann,Bob,3,OPS-1,1,range,2\n");
	t = load("kpis.csv");
	assert_string_equal(t,
		"E kpis.csv:2: kpi K1: missing required field max (direction "
		"range)\n");
	free(t);
	PUT("kpis.csv", "\xef\xbb\xbf ID ,Name,MEASURES,Target,Business Owner,"
	    "it owner,Stale_After,Jira Ticket, \"Red Min\" ,direction,min,max\n"
	    "K1,n,G1,,Ann,Bob,3,OPS-1,1,range,2,5\n");
	t = load("kpis.csv");
	assert_string_equal(t,
		"R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
		"\"direction\":\"range\",\"min\":2,\"max\":5,\"red_min\":1,"
		"\"stale_after\":3,\"business_owner\":\"Ann\",\"it_owner\":\"Bob\","
		"\"Jira Ticket\":\"OPS-1\",\"src\":\"kpis.csv:2\"}\n");
	free(t);
}

static void
test_kinds(void **state)
{
	char *t;

	(void)state;
	PUT("mixed.csv", "Kind,id,title,kpi,at,value\n"
	    " GOAL ,G1,t,,,\n"
	    ",G2,u,,,\n"
	    "measurement,,,K1,2026-01-05,3\n"
	    "score,,,,,\n");
	t = load("mixed.csv");
	assert_string_equal(t,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"t\",\"src\":\"mixed.csv:2\"}\n"
		"E mixed.csv:3: column kind is empty, and the file name does not "
		"end in goals, initiatives, kpis, targets, measurements or checkins; rename it (2026-kpis.csv) or give --kind\n"
		"R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-01-05\","
		"\"value\":3,\"src\":\"mixed.csv:4\"}\n"
		"E mixed.csv:5: column kind: \"score\" is not one of goal, "
		"initiative, kpi, measurement, target, checkin\n");
	free(t);
	/* An empty kind cell falls back to the option. */
	t = load_with("mixed.csv", 0, AK_KIND_GOAL, 0, NULL);
	assert_non_null(strstr(t, "R {\"kind\":\"goal\",\"id\":\"G2\",\"title\":"
	                       "\"u\",\"src\":\"mixed.csv:3\"}\n"));
	free(t);
}

static void
test_wide_sheet(void **state)
{
	char *t;

	(void)state;
	PUT("wide-measurements.csv",
	    "kpi, 2026-W01 ,2026-02,2026-Q2,2025,2026-03-04\n"
	    "K1,1,,3,,\n"
	    "K2,x,2,,,\n"
	    ",5,,,,\n");
	t = load("wide-measurements.csv");
	assert_string_equal(t,
		"R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2025-12-29\","
		"\"value\":1,\"src\":\"wide-measurements.csv:2\"}\n"
		"R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-04-01\","
		"\"value\":3,\"src\":\"wide-measurements.csv:2\"}\n"
		"E wide-measurements.csv:3: measurement: field value: \"x\" is not "
		"a number\n"
		"R {\"kind\":\"measurement\",\"kpi\":\"K2\",\"at\":\"2026-02-01\","
		"\"value\":2,\"src\":\"wide-measurements.csv:3\"}\n"
		"E wide-measurements.csv:4: measurement: missing required field "
		"kpi\n");
	free(t);
}

static void
test_raw_rows(void **state)
{
	char *t;

	(void)state;
	PUT("x.csv", "a, B ,\"c \"\n1,,\" 3 \"\n");
	t = load_with("x.csv", 0, AK_KIND_OTHER, AK_LOAD_RAW, NULL);
	assert_string_equal(t, "R {\"a\":\"1\",\"B\":\"\",\"c \":\" 3 \"}\n");
	free(t);
	PUT("x.csv", "a,a\n1,2\n");
	t = load_with("x.csv", 0, AK_KIND_OTHER, AK_LOAD_RAW, NULL);
	assert_string_equal(t, "E x.csv:1: header: column 2 \"a\" repeats "
	                    "column 1\n");
	free(t);
}

static void
test_decimal_text(void **state)
{
	static const struct { const char *in; int comma; const char *out; } cases[] = {
		{"3438.80", 0, "3438.8"}, {"0", 0, "0"}, {"-0.000", 0, "0"},
		{"007", 0, "7"}, {"+5", 0, "5"}, {".5", 0, "0.5"}, {"5.", 0, "5"},
		{"-12.5", 0, "-12.5"}, {"0.0001", 0, "0.0001"},
		{"123456789012345", 0, "123456789012345"},
		{"12345678901.2345", 0, "12345678901.2345"},
		{"83,5", 1, "83.5"}, {"83.5", 1, NULL}, {"1.234,5", 1, NULL},
		/* Left to ak_num_parse and ak_num_format: */
		{"0.00001", 0, NULL}, {"1234567890123456", 0, NULL},
		{"1e3", 0, NULL}, {"", 0, NULL}, {"+", 0, NULL}, {"-", 0, NULL},
		{".", 0, NULL}, {"83,5", 0, NULL}, {"1.5.", 0, NULL},
		{"0x10", 0, NULL}, {"NaN", 0, NULL}, {" 1", 0, NULL},
	};
	char out[AK_NUM_BUFSIZE];
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = ak_load_csv_decimal(out, cases[i].in, strlen(cases[i].in),
		                       cases[i].comma);
		if (cases[i].out == NULL) {
			assert_int_equal(n, 0);
			continue;
		}
		out[n] = '\0';
		assert_string_equal(out, cases[i].out);
	}
}

/* A pseudo-random generator with a fixed seed, so that failures repeat. */
static uint32_t
next_random(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static void
test_decimal_text_agrees_with_num(void **state)
{
	static const char alphabet[] = "0000123456789..,+-e ";
	char in[24], out[AK_NUM_BUFSIZE], want[AK_NUM_BUFSIZE];
	uint32_t seed = 20261116;
	size_t n, len, checked = 0;
	double d;
	int comma;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		len = 1 + next_random(&seed) % 20;
		for (size_t k = 0; k < len; k++)
			in[k] = alphabet[next_random(&seed) % (sizeof(alphabet) - 1)];
		in[len] = '\0';
		comma = (int)(next_random(&seed) & 1);
		n = ak_load_csv_decimal(out, in, len, comma);
		if (n == 0)
			continue;
		out[n] = '\0';
		if (ak_num_parse(&d, in, len, comma ? AK_NUM_DECIMAL_COMMA : 0,
		                 NULL) != AK_OK)
			fail_msg("\"%s\" printed as %s but ak_num_parse rejects it",
			         in, out);
		ak_num_format(want, sizeof(want), d);
		if (strcmp(out, want) != 0)
			fail_msg("\"%s\": %s, ak_num_format prints %s", in, out, want);
		checked++;
	}
	/* The alphabet makes plenty of plain decimals. */
	assert_true(checked > 5000);
}

/* The fast path (AK_LOAD_TEXT) and the normal path give the same bytes,
 * the same errors, in the same order. */
static void
test_fast_path_is_the_normal_path(void **state)
{
	static const char csv[] =
		"kpi,at,value,note\n"
		"K1,2026-11-16,97,\n"
		" K2 , 2026-11-16 , 83.50 , with spaces \n"
		"K3,2026-11-23T09:30:00+01:00,1e3,\"a \"\"quoted\"\" note\"\n"
		"K4,2026-02-30,1,\n"
		"K5,2026-11-16,ninety,\n"
		",2026-11-16,1,\n"
		"K6,,1,\n"
		"K7,2026-11-16,,\n"
		"K8,2026-11-16,0.00001,\"tab\there\"\n"
		"K9,2026-11-16,-0,back\\slash\n"
		"K10,2026-11-16,12345678901234567,Tom\xc3\xa1s\n"
		"K\"11,2026-11-16,1,\n"
		"K12,2026-11-16,1e999,\n"
		"K13,2026-11-16,\"1,5\",\n"
		"K14,2026-11-16T25:00:00Z,1,\n"
		"K15,2026-11-16,+.5,\"multi\nline\"\n";
	char *slow, *fast;
	size_t nslow, nfast;

	(void)state;
	PUT("measurements.csv", csv);
	slow = load_with("measurements.csv", 0, AK_KIND_OTHER, 0, &nslow);
	fast = load_with("measurements.csv", 0, AK_KIND_OTHER, AK_LOAD_TEXT,
	                 &nfast);
	assert_string_equal(fast, slow);
	assert_int_equal(nfast, 8);
	free(slow);
	free(fast);
	slow = load_with("measurements.csv", 0, AK_KIND_OTHER,
	                 AK_LOAD_DECIMAL_COMMA, NULL);
	fast = load_with("measurements.csv", 0, AK_KIND_OTHER,
	                 AK_LOAD_DECIMAL_COMMA | AK_LOAD_TEXT, NULL);
	assert_string_equal(fast, slow);
	assert_non_null(strstr(fast, "\"kpi\":\"K13\",\"at\":\"2026-11-16\","
	                       "\"value\":1.5,"));
	free(slow);
	free(fast);
	/* A column the fast path does not know sends rows the normal way. */
	PUT("measurements.csv", "kpi,at,value,jira\nK1,2026-11-16,2,OPS-1\n");
	fast = load_with("measurements.csv", 0, AK_KIND_OTHER, AK_LOAD_TEXT, NULL);
	assert_string_equal(fast, "R {\"kind\":\"measurement\",\"kpi\":\"K1\","
	                    "\"at\":\"2026-11-16\",\"value\":2,\"jira\":\"OPS-1\","
	                    "\"src\":\"measurements.csv:2\"}\n");
	free(fast);
	/* And wide sheets. */
	PUT("wide-measurements.csv", "kpi,2026-W47,2026-11\nK1,1.50,x\n,1,\n");
	slow = load("wide-measurements.csv");
	fast = load_with("wide-measurements.csv", 0, AK_KIND_OTHER, AK_LOAD_TEXT,
	                 NULL);
	assert_string_equal(fast, slow);
	free(slow);
	free(fast);
}

/* Rows stream through: a file far larger than the chunk the reader takes
 * loads whole, with the right line on its last row. */
static void
test_large_file_streams(void **state)
{
	FILE *fp = fopen("big-measurements.csv", "wb");
	char *t, *last;
	size_t n;

	(void)state;
	assert_non_null(fp);
	fputs("kpi,at,value,note\n", fp);
	for (int i = 0; i < 50000; i++)
		fprintf(fp, "kpi-%d,2026-%02d-%02d,%d.%d,\"n,%d\"\n", i % 97,
		        1 + i % 12, 1 + i % 28, i, i % 10, i);
	fclose(fp);
	t = load_with("big-measurements.csv", 0, AK_KIND_OTHER, AK_LOAD_TEXT, &n);
	assert_int_equal(n, 50000);
	last = strrchr(t, 'R');
	assert_non_null(last);
	assert_string_equal(last, "R {\"kind\":\"measurement\",\"kpi\":\"kpi-44\","
	                    "\"at\":\"2026-08-20\",\"value\":49999.9,\"note\":"
	                    "\"n,49999\",\"src\":\"big-measurements.csv:50001\"}\n");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_text),
		cmocka_unit_test(test_decimal_text_agrees_with_num),
		cmocka_unit_test_setup_teardown(test_lines_of_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delimiters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_header_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wide_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fast_path_is_the_normal_path,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_file_streams, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
