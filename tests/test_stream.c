/* Unit tests of lib/stream.c and lib/error.c: reading JSON Lines with file
 * and line, the input errors of SPEC §1, and the writers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignkit/stream.h"

struct fixture {
	char dir[64];
	char path[3][128];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/ak-stream-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	for (int i = 0; i < 3; i++)
		snprintf(f->path[i], sizeof(f->path[i]), "%s/in%d.jsonl", f->dir, i);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 3; i++)
		unlink(f->path[i]);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *bytes, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, len, fp), len);
	fclose(fp);
}

#define WRITE(path, lit) write_file(path, lit, sizeof(lit) - 1)

static void
test_reads_records_with_location(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {f->path[0], f->path[1]};
	ak_reader *r;
	ak_line line;
	ak_error err;

	WRITE(f->path[0], "{\"kind\":\"goal\",\"id\":\"G1\"}\r\n{\"kind\":\"x\", \"a\" : 1}\n");
	WRITE(f->path[1], "{\"kind\":\"kpi\"}"); /* no final newline */
	assert_int_equal(ak_reader_open(&r, paths, 2, &err), AK_OK);

	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_string_equal(line.kind, "goal");
	assert_int_equal(line.lineno, 1);
	assert_string_equal(line.file, f->path[0]);
	assert_int_equal(line.len, strlen("{\"kind\":\"goal\",\"id\":\"G1\"}"));
	assert_memory_equal(line.text, "{\"kind\":\"goal\",\"id\":\"G1\"}", line.len);

	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	/* The bytes are kept as they came, spaces and all. */
	assert_memory_equal(line.text, "{\"kind\":\"x\", \"a\" : 1}", line.len);
	assert_int_equal(line.lineno, 2);

	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_string_equal(line.file, f->path[1]);
	assert_int_equal(line.lineno, 1);
	assert_string_equal(line.kind, "kpi");

	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	ak_reader_free(r);
	ak_reader_free(NULL);
}

/* Each bad line is reported at its file and line, and reading goes on. */
static void
test_input_errors(void **state)
{
	static const struct {
		const char *line;
		const char *text;
	} cases[] = {
		{"", "blank line: expected a JSON object"},
		{" \t ", "blank line: expected a JSON object"},
		{"[1,2]", "not an object: each line must be a JSON object"},
		{"\"goal\"", "not an object: each line must be a JSON object"},
		{"{\"kind\":\"goal\",\"kind\":\"kpi\"}", "invalid JSON: duplicate object key near '\"kind\"'"},
		{"{\"kind\":\"goal\",\"v\":NaN}", "invalid JSON: invalid token near 'NaN'"},
		{"{\"kind\":\"goal\",\"v\":1e400}", "invalid JSON: real number overflow near '1e400'"},
		{"{\"id\":\"G1\"}", "missing field kind"},
		{"{\"kind\":7}", "field kind: expected a string"},
		{"{\"kind\":\"goal\"", "invalid JSON: '}' expected near end of file"},
		{"{\"kind\":\"g\xff\"}", "invalid JSON: unable to decode byte 0xff near '\"g'"},
	};
	struct fixture *f = *state;
	char text[4096] = "";
	const char *paths[] = {f->path[0]};
	ak_reader *r;
	ak_line line;
	ak_error err;
	size_t n = sizeof(cases) / sizeof(cases[0]);

	for (size_t i = 0; i < n; i++) {
		strcat(text, cases[i].line);
		strcat(text, "\n");
	}
	strcat(text, "{\"kind\":\"goal\",\"id\":\"ok\"}\n");
	write_file(f->path[0], text, strlen(text));
	assert_int_equal(ak_reader_open(&r, paths, 1, &err), AK_OK);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ak_reader_next(r, &line, &err), AK_EINPUT);
		assert_string_equal(err.text, cases[i].text);
		assert_string_equal(err.file, f->path[0]);
		assert_int_equal(err.line, (long)i + 1);
		assert_int_equal(line.lineno, (long)i + 1);
		assert_null(line.record);
	}
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_int_equal(line.lineno, (long)n + 1);
	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	ak_reader_free(r);
}

static void
test_missing_file_and_directory(void **state)
{
	struct fixture *f = *state;
	const char *paths[] = {"/nonexistent/x.jsonl", f->dir, f->path[0]};
	ak_reader *r;
	ak_line line;
	ak_error err;

	WRITE(f->path[0], "{\"kind\":\"goal\"}\n");
	assert_int_equal(ak_reader_open(&r, paths, 3, &err), AK_OK);
	assert_int_equal(ak_reader_next(r, &line, &err), AK_EIO);
	assert_string_equal(err.file, "/nonexistent/x.jsonl");
	assert_string_equal(err.text, "cannot open: No such file or directory");
	assert_int_equal(ak_reader_next(r, &line, &err), AK_EIO);
	assert_string_equal(err.text, "is a directory, not a JSON Lines file");
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	ak_reader_free(r);
}

static void
test_reader_over_fp(void **state)
{
	struct fixture *f = *state;
	ak_reader *r;
	ak_line line;
	ak_error err;
	FILE *fp;

	WRITE(f->path[2], "{\"kind\":\"a\"}\n{\"kind\":\"b\"}\n");
	fp = fopen(f->path[2], "rb");
	assert_int_equal(ak_reader_open_fp(&r, fp, "<stdin>", &err), AK_OK);
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_string_equal(line.file, "<stdin>");
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_string_equal(line.kind, "b");
	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	ak_reader_free(r);
	fclose(fp);
}

/* SPEC §1: a byte-order mark at the start of a file is accepted (and not
 * part of the bytes passed on); an integer too big for 64 bits is read as
 * the nearest double, as 1e19 is; a real that overflows stays an error. */
static void
test_bom_and_big_integers(void **state)
{
	struct fixture *f = *state;
	const char *paths[1] = {f->path[0]};
	ak_reader *r;
	ak_line line;
	ak_error err;

	WRITE(f->path[0], "\xef\xbb\xbf{\"kind\":\"a\",\"n\":10000000000000000000}\r\n"
	      "{\"kind\":\"b\",\"n\":1e999}\n"
	      "\xef\xbb\xbf{\"kind\":\"c\"}\n");
	assert_int_equal(ak_reader_open(&r, paths, 1, &err), AK_OK);
	assert_int_equal(ak_reader_next(r, &line, &err), 1);
	assert_string_equal(line.kind, "a");
	assert_int_equal(line.len, 37);
	assert_memory_equal(line.text, "{\"kind\":\"a\",", 11);
	assert_true(json_is_real(json_object_get(line.record, "n")));
	assert_true(json_real_value(json_object_get(line.record, "n")) == 1e19);
	assert_int_equal(ak_reader_next(r, &line, &err), AK_EINPUT);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.text, "invalid JSON: real number overflow near "
	                    "'1e999'");
	/* Only the first line of a file may carry the mark. */
	assert_int_equal(ak_reader_next(r, &line, &err), AK_EINPUT);
	assert_int_equal(err.line, 3);
	assert_int_equal(ak_reader_next(r, &line, &err), 0);
	ak_reader_free(r);
}

static char *
record_text(const json_t *obj)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	assert_int_equal(ak_json_append(&buf, &len, &cap, obj), AK_OK);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static void
test_writer_numbers_and_escapes(void **state)
{
	json_t *obj = json_loads("{\"kind\":\"score\",\"value\":97.0,\"n\":3,"
	                         "\"p\":0.30000000000000004,\"big\":1e300,"
	                         "\"s\":\"a\\\"b\\\\c\\n\\u0001\\u001b[31m \\u00e9\\u2028\","
	                         "\"l\":[null,true,false,{}],\"e\":[]}", 0, NULL);
	char *text;

	(void)state;
	assert_non_null(obj);
	text = record_text(obj);
	assert_string_equal(text,
	    "{\"kind\":\"score\",\"value\":97,\"n\":3,\"p\":0.30000000000000004,"
	    "\"big\":1e+300,\"s\":\"a\\\"b\\\\c\\n\\u0001\\u001b[31m \xc3\xa9\xe2\x80\xa8\","
	    "\"l\":[null,true,false,{}],\"e\":[]}");
	free(text);
	json_decref(obj);
}

/* A failed write says why, in the ak_error, without a location: what the
 * tools print as "PROG: write error: No space left on device". */
static void
test_write_to_full_disk(void **state)
{
	FILE *fp = fopen("/dev/full", "w");
	json_t *obj = json_pack("{s:s}", "kind", "x");
	ak_error err;

	(void)state;
	if (fp == NULL)
		skip();
	/* Unbuffered: each write reaches the device at once. */
	setvbuf(fp, NULL, _IONBF, 0);
	ak_error_set(&err, AK_EINPUT, "stale.jsonl", 7, "stale");
	assert_int_equal(ak_write_line(fp, "{}", 2, &err), AK_EIO);
	assert_string_equal(err.text, "write error: No space left on device");
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	ak_error_clear(&err);
	assert_int_equal(ak_write_record(fp, obj, &err), AK_EIO);
	assert_string_equal(err.text, AK_WRITE_ERROR_PREFIX "No space left on device");
	/* err may be NULL. */
	assert_int_equal(ak_write_line(fp, "{}", 2, NULL), AK_EIO);
	assert_int_equal(ak_write_record(fp, obj, NULL), AK_EIO);
	fclose(fp);
	json_decref(obj);
}

/* A write that succeeds leaves err alone and writes the line. */
static void
test_write_line_and_record(void **state)
{
	json_t *obj = json_pack("{s:s,s:f}", "kind", "x", "v", 2.5);
	char *text = NULL;
	size_t len = 0;
	ak_error err;
	FILE *fp = open_memstream(&text, &len);

	(void)state;
	assert_non_null(fp);
	ak_error_clear(&err);
	assert_int_equal(ak_write_line(fp, "{\"a\":1}xx", 7, &err), AK_OK);
	assert_int_equal(ak_write_record(fp, obj, &err), AK_OK);
	assert_string_equal(err.text, "");
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(text, "{\"a\":1}\n{\"kind\":\"x\",\"v\":2.5}\n");
	free(text);
	json_decref(obj);
}

static void
test_error_record_and_print(void **state)
{
	ak_error err;
	json_t *rec;
	char *text;
	char out[256] = "";
	FILE *fp;

	(void)state;
	ak_error_set(&err, AK_EINPUT, "kpis.csv", 7, "field target: \"%s\" is not a number", "ninety");
	rec = ak_error_record(&err);
	text = record_text(rec);
	assert_string_equal(text, "{\"kind\":\"error\",\"src\":\"kpis.csv:7\","
	                          "\"message\":\"field target: \\\"ninety\\\" is not a number\"}");
	free(text);
	json_decref(rec);

	/* Broken UTF-8 in a message still makes a valid record. */
	ak_error_set(&err, AK_EINPUT, "a\xff.csv", 2, "bad \xc3 byte");
	rec = ak_error_record(&err);
	assert_non_null(rec);
	text = record_text(rec);
	assert_string_equal(text, "{\"kind\":\"error\",\"src\":\"a?.csv:2\",\"message\":\"bad ? byte\"}");
	free(text);
	json_decref(rec);

	fp = fmemopen(out, sizeof(out), "w");
	ak_error_set(&err, AK_EINPUT, "g.jsonl", 3, "title \x1b[31m");
	err.column = 5;
	ak_error_print(fp, "goals-load", &err);
	ak_error_clear(&err);
	ak_error_set(&err, AK_EUSAGE, NULL, 0, "no location");
	ak_error_print(fp, "gap-find", &err);
	ak_error_set(&err, AK_EINPUT, "x", 0, "file only");
	ak_error_prefix(&err, "kpi %s: ", "K1");
	ak_error_print(fp, "kpi-score", &err);
	fclose(fp);
	assert_string_equal(out, "goals-load: g.jsonl:3:5: title ?[31m\n"
	                         "gap-find: no location\n"
	                         "kpi-score: x: kpi K1: file only\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reads_records_with_location, setup, teardown),
		cmocka_unit_test_setup_teardown(test_input_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_and_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_over_fp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom_and_big_integers, setup, teardown),
		cmocka_unit_test(test_writer_numbers_and_escapes),
		cmocka_unit_test(test_write_to_full_disk),
		cmocka_unit_test(test_write_line_and_record),
		cmocka_unit_test(test_error_record_and_print),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
