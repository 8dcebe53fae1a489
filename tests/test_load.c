/* Unit tests of lib/load.c: the loader API, kinds from file names,
 * duplicate ids, the JSON scanner (lines of records, strings that hold
 * brackets, structure errors), JSON Lines, directories and the handler's
 * say over going on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alignkit/load.h"
#include "alignkit/stream.h"
#include "load_internal.h"

/* Each test runs in a fresh directory of its own, so that file names (and
 * so every "src") are short. */
struct fixture {
	char dir[64];
	char old[4096];
	char names[16][64];
	int nnames;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || getcwd(f->old, sizeof(f->old)) == NULL)
		return -1;
	strcpy(f->dir, "/tmp/ak-load-XXXXXX");
	if (mkdtemp(f->dir) == NULL || chdir(f->dir) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	for (int i = f->nnames - 1; i >= 0; i--)
		if (unlink(f->names[i]) != 0)
			rmdir(f->names[i]);
	if (chdir(f->old) != 0)
		return -1;
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Writes bytes (n of them, or up to the NUL when n is 0) into the file
 * name within the test's directory. */
static const char *
put_bytes(struct fixture *f, const char *name, const char *bytes, size_t n)
{
	FILE *fp;

	assert_true(f->nnames < 16);
	snprintf(f->names[f->nnames++], sizeof(f->names[0]), "%s", name);
	fp = fopen(name, "wb");
	assert_non_null(fp);
	if (n == 0)
		n = strlen(bytes);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	fclose(fp);
	return name;
}

#define put_file(f, name, bytes) put_bytes((f), (name), (bytes), 0)

static void
make_dir(struct fixture *f, const char *name)
{
	assert_true(f->nnames < 16);
	snprintf(f->names[f->nnames++], sizeof(f->names[0]), "%s", name);
	assert_int_equal(mkdir(name, 0700), 0);
}

/* A transcript of what the loader handed out: "R TEXT" per record and
 * "E CODE FILE:LINE: TEXT" per error. */
struct transcript {
	char *buf;
	size_t len, cap;
	int stop_after;         /* records to take before saying stop; 0: all */
	int records;
	int error_says;         /* what the error callback returns */
};

static void
add(struct transcript *t, const char *s, size_t n)
{
	while (t->len + n + 1 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
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
	assert_non_null(rec->src);
	if (t->stop_after > 0 && ++t->records == t->stop_after)
		return 42;
	return 0;
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct transcript *t = ctx;
	char line[AK_ERROR_TEXT_LENGTH + AK_ERROR_FILE_LENGTH + 64];
	int n;

	n = snprintf(line, sizeof(line), "E %d %s:%ld: %s\n", code,
	             err->file, err->line, err->text);
	add(t, line, (size_t)n);
	return t->error_says;
}

/* Loads path with options (NULL: defaults); returns the transcript, which
 * the caller frees, and the loader's return code in *rc. */
static char *
load(const ak_load_options *opts, const char *path, int *rc)
{
	struct transcript t = {NULL, 0, 0, 0, 0, 0};
	ak_load_handler h = {on_record, on_error, &t};
	ak_loader *l;
	ak_error err;

	assert_int_equal(ak_loader_new(&l, opts, &err), AK_OK);
	add(&t, "", 0);
	*rc = ak_loader_load(l, path, &h, &err);
	ak_loader_free(l);
	return t.buf;
}

static void
test_kind_of_name(void **state)
{
	(void)state;
	assert_int_equal(ak_load_kind_of_name("goals.csv"), AK_KIND_GOAL);
	assert_int_equal(ak_load_kind_of_name("model/Goal.json"), AK_KIND_GOAL);
	assert_int_equal(ak_load_kind_of_name("2026-q4-kpis.csv"), AK_KIND_KPI);
	assert_int_equal(ak_load_kind_of_name("IT-Initiatives.tsv"),
	                 AK_KIND_INITIATIVE);
	assert_int_equal(ak_load_kind_of_name("weekly-measurements.csv"),
	                 AK_KIND_MEASUREMENT);
	assert_int_equal(ak_load_kind_of_name("measurement"),
	                 AK_KIND_MEASUREMENT);
	assert_int_equal(ak_load_kind_of_name("goals.csv/notes.csv"),
	                 AK_KIND_OTHER);
	assert_int_equal(ak_load_kind_of_name("kpis.2026.csv"), AK_KIND_OTHER);
	assert_int_equal(ak_load_kind_of_name("goalsetting.csv"), AK_KIND_OTHER);
	assert_int_equal(ak_load_kind_of_name(""), AK_KIND_OTHER);
	/* Copies keep their kind (the duplicates are gap-find's to find). */
	assert_int_equal(ak_load_kind_of_name("x/measurements - Copy.csv"),
	                 AK_KIND_MEASUREMENT);
	assert_int_equal(ak_load_kind_of_name("kpis (2).csv"), AK_KIND_KPI);
	assert_int_equal(ak_load_kind_of_name("Goals - Copy (3).csv"), AK_KIND_GOAL);
	assert_int_equal(ak_load_kind_of_name("kpis (x).csv"), AK_KIND_OTHER);
	assert_int_equal(ak_load_kind_of_name("kpis ().csv"), AK_KIND_OTHER);
}

static void
test_options_checked(void **state)
{
	ak_load_options o = {AK_LOAD_AUTO, '"', AK_KIND_OTHER, 0};
	ak_loader *l = (ak_loader *)1;
	ak_error err;

	(void)state;
	assert_int_equal(ak_loader_new(&l, &o, &err), AK_EUSAGE);
	assert_null(l);
	o.delimiter = '\n';
	assert_int_equal(ak_loader_new(&l, &o, &err), AK_EUSAGE);
	o.delimiter = 0;
	o.format = AK_LOAD_JSON;
	o.flags = AK_LOAD_RAW;
	assert_int_equal(ak_loader_new(&l, &o, &err), AK_EUSAGE);
	assert_string_equal(err.text, "raw mode reads CSV only");
	assert_int_equal(ak_loader_new(&l, NULL, &err), AK_OK);
	ak_loader_free(l);
	ak_loader_free(NULL);
}


static void
test_json_array_lines(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	put_file(f, "model.json",
		"\xef\xbb\xbf[\n"
		"  {\"kind\": \"goal\", \"id\": \"G1\",\n"
		"   \"title\": \"a ] and a } and \\\" in a string\"},\n"
		"\n"
		"  {\"kind\": \"waiver\", \"subject\": {\"nested\": [1, [2]]}},\n"
		"  {\"kind\": \"kpi\", \"id\": \"K1\", \"name\": \"n\", "
		"\"measures\": \"G1\", \"target\": 1e2}\n"
		"]\n");
	t = load(NULL, "model.json", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"a ] and a } and "
		"\\\" in a string\",\"src\":\"model.json:2\"}\n"
		"R {\"kind\":\"waiver\",\"subject\":{\"nested\":[1,[2]]}}\n"
		"R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
		"\"target\":100,\"src\":\"model.json:6\"}\n");
	free(t);
}

static void
test_json_object_of_arrays(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	put_file(f, "x.json",
		"{\"kpis\": [{\"id\": \"K1\", \"name\": \"n\", \"measures\": \"G1\",\n"
		"            \"target\": 3}],\n"
		" \"goals\": [], \"measurements\": [\n"
		"   {\"kpi\": \"K1\", \"at\": \"2026-11-16\", \"value\": 2},\n"
		"   {\"kpi\": \"K1\", \"at\": \"2026-11-17\", \"value\": \"x\"}],\n"
		" \"initiatives\": [{\"id\": \"I1\", \"title\": \"t\"}]}");
	t = load(NULL, "x.json", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t,
		"R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"n\",\"measures\":\"G1\","
		"\"target\":3,\"src\":\"x.json:1\"}\n"
		"R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\","
		"\"value\":2,\"src\":\"x.json:4\"}\n"
		"E -3 x.json:5: measurement: field value: expected a number\n"
		"R {\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"t\","
		"\"src\":\"x.json:6\"}\n");
	free(t);
}

static void
test_json_structure_errors(void **state)
{
	struct fixture *f = *state;
	static const struct { const char *text, *want; } cases[] = {
		{"[{\"id\":\"G1\",\"title\":\"t\"}] x",
		 "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"t\",\"src\":\"goals.json:1\"}\n"
		 "E -3 goals.json:1: invalid JSON: text after the end of the document\n"},
		{"[{\"id\":\"G1\",\"title\":\"t\"},,]",
		 "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"t\",\"src\":\"goals.json:1\"}\n"
		 "E -3 goals.json:1: invalid JSON: expected a record\n"},
		{"[{\"id\":\"G1\",\n\"title\":\"t\"",
		 "E -3 goals.json:2: invalid JSON: the file ends inside an array\n"},
		{"\"goals\"",
		 "E -3 goals.json:1: expected a JSON array of records or an object of arrays\n"},
		{"{\"goals\": {}}",
		 "E -3 goals.json:1: member \"goals\": expected an array of records\n"},
		{"{\"goals\": [], \"goals\": []}",
		 "E -3 goals.json:1: invalid JSON: duplicate member \"goals\"\n"},
		{"{goals: []}",
		 "E -3 goals.json:1: invalid JSON: expected a member name\n"},
		{"[{\"id\":\"G1\",\"title\":NaN}]",
		 "E -3 goals.json:1: invalid JSON: invalid token near 'NaN'\n"},
		{"[{\"id\":\"G1\",\"title\":\"t\",\"kind\":3}]",
		 "E -3 goals.json:1: field kind: expected a string\n"},
		{"[\n\n {\"id\":\"G1\",\n  \"title\":\"t\" \"x\"}]",
		 "E -3 goals.json:4: invalid JSON: '}' expected near '\"x\"'\n"},
		{" \n\t ", "E -3 goals.json:2: empty file: expected a JSON array or object\n"},
		/* Nothing is wrong, but nothing was read: a warning. */
		{"[]", "E 1 goals.json:1: the file holds no record\n"},
		{"{}", "E 1 goals.json:1: the file holds no record\n"},
	};
	char name[32];
	int rc;
	char *t;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "%zu", i);
		make_dir(f, name);
		assert_int_equal(chdir(name), 0);
		put_file(f, "goals.json", cases[i].text);
		t = load(NULL, "goals.json", &rc);
		assert_int_equal(rc, AK_OK);
		assert_string_equal(t, cases[i].want);
		free(t);
		assert_int_equal(unlink("goals.json"), 0);
		f->nnames--;
		assert_int_equal(chdir(".."), 0);
	}
}

static void
test_json_lines(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	put_file(f, "in.jsonl",
		"{\"kind\":\"goal\",\"id\":\" G1 \",\"title\":\"t\",\"src\":\"old:1\"}\r\n"
		"{\"kind\":\"gap\", \"type\":\"x\"}\n"
		"[1]\n"
		"{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"again\"}\n");
	t = load(NULL, "in.jsonl", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"t\","
		"\"src\":\"in.jsonl:1\"}\n"
		"R {\"kind\":\"gap\", \"type\":\"x\"}\n"
		"E -3 in.jsonl:3: not an object: each line must be a JSON object\n"
		"E -5 in.jsonl:4: duplicate id G1 (first at in.jsonl:1)\n");
	free(t);
}

static void
test_duplicates_across_loads(void **state)
{
	struct fixture *f = *state;
	struct transcript t = {NULL, 0, 0, 0, 0, 0};
	ak_load_handler h = {on_record, on_error, &t};
	ak_loader *l;
	ak_error err;

	put_file(f, "goals.csv", "id,title\nG1,a\n");
	put_file(f, "kpis.csv", "id,name,measures,target\nK1,k,G1,1\nG1,k,G1,1\n");
	assert_int_equal(ak_loader_new(&l, NULL, &err), AK_OK);
	add(&t, "", 0);
	assert_int_equal(ak_loader_load(l, "goals.csv", &h, &err), AK_OK);
	assert_int_equal(ak_loader_load(l, "kpis.csv", &h, &err), AK_OK);
	ak_loader_free(l);
	assert_string_equal(t.buf,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"a\",\"src\":\"goals.csv:2\"}\n"
		"R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"k\",\"measures\":\"G1\","
		"\"target\":1,\"src\":\"kpis.csv:2\"}\n"
		"E -5 kpis.csv:3: duplicate id G1 (first at goals.csv:2)\n");
	free(t.buf);
}

static void
test_without_error_handler_first_error_stops(void **state)
{
	struct fixture *f = *state;
	struct transcript t = {NULL, 0, 0, 0, 0, 0};
	ak_load_handler h = {on_record, NULL, &t};
	ak_loader *l;
	ak_error err;

	put_file(f, "goals.csv", "id,title\nG1,a\nG2\nG3,c\n");
	assert_int_equal(ak_loader_new(&l, NULL, &err), AK_OK);
	add(&t, "", 0);
	assert_int_equal(ak_loader_load(l, "goals.csv", &h, &err), AK_EINPUT);
	assert_string_equal(err.file, "goals.csv");
	assert_int_equal(err.line, 3);
	assert_string_equal(err.text, "row has 1 cell, the header has 2");
	assert_string_equal(t.buf, "R {\"kind\":\"goal\",\"id\":\"G1\","
	                    "\"title\":\"a\",\"src\":\"goals.csv:2\"}\n");
	ak_loader_free(l);
	free(t.buf);
}

static void
test_handler_says_stop(void **state)
{
	struct fixture *f = *state;
	struct transcript t = {NULL, 0, 0, 1, 0, 0};
	ak_load_handler h = {on_record, on_error, &t};
	ak_loader *l;
	ak_error err;

	put_file(f, "goals.csv", "id,title\nG1,a\nG2,b\n");
	assert_int_equal(ak_loader_new(&l, NULL, &err), AK_OK);
	add(&t, "", 0);
	assert_int_equal(ak_loader_load(l, "goals.csv", &h, &err), 42);
	assert_string_equal(t.buf, "R {\"kind\":\"goal\",\"id\":\"G1\","
	                    "\"title\":\"a\",\"src\":\"goals.csv:2\"}\n");
	free(t.buf);
	/* An error callback's non-zero answer stops as well. */
	memset(&t, 0, sizeof(t));
	t.error_says = 7;
	add(&t, "", 0);
	put_file(f, "more-goals.csv", "id,title\nG3\nG4,d\n");
	assert_int_equal(ak_loader_load(l, "more-goals.csv", &h, &err), 7);
	assert_string_equal(t.buf, "E -3 more-goals.csv:2: row has 1 cell, "
	                    "the header has 2\n");
	ak_loader_free(l);
	free(t.buf);
}

static void
test_directory_order(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	make_dir(f, "m");
	put_file(f, "m/z-goals.csv", "id,title\nG2,b\n");
	put_file(f, "m/A-goals.json", "[{\"id\":\"G1\",\"title\":\"a\"}]");
	put_file(f, "m/measurements.csv", "kpi,at,value\nK1,2026-01-01,1\n");
	put_file(f, "m/kpis.jsonl", "{\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"k\","
	         "\"measures\":\"G1\",\"target\":1}\n");
	put_file(f, "m/initiative.tsv", "id\ttitle\nI1\ti\n");
	put_file(f, "m/other.ndjson", "{\"kind\":\"x\"}\n");
	put_file(f, "m/ignored.txt", "id,title\n");
	put_file(f, "m/.hidden-goals.csv", "id,title\nGH,h\n");
	t = load(NULL, "m", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t,
		"R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"a\",\"src\":\"m/A-goals.json:1\"}\n"
		"R {\"kind\":\"goal\",\"id\":\"G2\",\"title\":\"b\",\"src\":\"m/z-goals.csv:2\"}\n"
		"R {\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"i\",\"src\":\"m/initiative.tsv:2\"}\n"
		"R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"k\",\"measures\":\"G1\","
		"\"target\":1,\"src\":\"m/kpis.jsonl:1\"}\n"
		"R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-01-01\","
		"\"value\":1,\"src\":\"m/measurements.csv:2\"}\n"
		"R {\"kind\":\"x\"}\n");
	free(t);
}

static void
test_paths_that_fail(void **state)
{
	struct fixture *f = *state;
	ak_load_handler h = {on_record, NULL, NULL};
	ak_loader *l;
	ak_error err;
	int rc;
	char *t;

	t = load(NULL, "nosuch.csv", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t, "E -2 nosuch.csv:0: cannot open: No such file "
	                    "or directory\n");
	free(t);
	put_file(f, "notes.txt", "x\n");
	assert_int_equal(ak_loader_new(&l, NULL, &err), AK_OK);
	assert_int_equal(ak_loader_load(l, "notes.txt", &h, &err), AK_EUSAGE);
	assert_string_equal(err.file, "notes.txt");
	assert_string_equal(err.text, "cannot tell the format from the name: "
	                    "use .csv, .tsv, .jsonl, .ndjson or .json, or --format");
	ak_loader_free(l);
}

static void
test_format_and_kind_options(void **state)
{
	struct fixture *f = *state;
	ak_load_options o = {AK_LOAD_JSON, 0, AK_KIND_GOAL, 0};
	int rc;
	char *t;

	put_file(f, "export.txt", "[{\"id\":\"G1\",\"title\":\"a\"}]");
	t = load(&o, "export.txt", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t, "R {\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"a\","
	                    "\"src\":\"export.txt:1\"}\n");
	free(t);
}

/* SPEC §4: a directory passes over hidden, lock and backup files, refuses
 * a model-file name that is no regular file, and must hold a model file;
 * the file name gives the kind before the option does; a file without a
 * record is a warning. */
static void
test_directory_rules(void **state)
{
	struct fixture *f = *state;
	ak_load_options o = {AK_LOAD_AUTO, 0, AK_KIND_MEASUREMENT, 0};
	int rc;
	char *t;

	make_dir(f, "x");
	put_bytes(f, "x/~$kpis.csv", "\0\0lock", 6);
	put_file(f, "x/.kpis.csv", "not,read\n");
	put_file(f, "x/kpis.csv~", "not,read\n");
	put_file(f, "x/#kpis.csv#", "not,read\n");
	put_file(f, "x/kpis.csv", "id,name,measures,target\nK1,n,G1,5\n");
	put_file(f, "x/export.csv", "kpi,at,value\nK1,2026-11-16,4\n");
	put_file(f, "x/goals.csv", "id,title\n");
	make_dir(f, "x/old.jsonl");
	t = load(&o, "x", &rc);
	assert_int_equal(rc, AK_OK);
	assert_string_equal(t,
	        "E 1 x/goals.csv:1: the file holds no record\n"
	        "R {\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"n\",\"measures\":"
	        "\"G1\",\"target\":5,\"src\":\"x/kpis.csv:2\"}\n"
	        "R {\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":"
	        "\"2026-11-16\",\"value\":4,\"src\":\"x/export.csv:2\"}\n"
	        "E -3 x/old.jsonl:0: not a regular file\n");
	free(t);
	make_dir(f, "none");
	make_dir(f, "none/sub");
	put_file(f, "none/README.md", "x\n");
	t = load(NULL, "none", &rc);
	assert_string_equal(t, "E -3 none:0: no model file in this directory "
	                    "(.csv, .tsv, .jsonl, .ndjson or .json)\n");
	free(t);
}

/* ---- a schema: the waivers of gap-find, read by the one reader -------- */

static const char *const waiver_fields[] = {"type", "subject", "until",
                                            "reason", NULL};
static const ak_load_schema waivers = {
	"waiver", waiver_fields, 3, "type, subject, until and a reason"
};

/* Loads path as waivers; the transcript as load() gives it. */
static char *
load_waivers(const char *path, int *rc)
{
	struct transcript t = {NULL, 0, 0, 0, 0, 0};
	ak_load_handler h = {on_record, on_error, &t};
	ak_loader *l;
	ak_error err;

	assert_int_equal(ak_loader_new_schema(&l, NULL, &waivers, &err), AK_OK);
	add(&t, "", 0);
	*rc = ak_loader_load(l, path, &h, &err);
	ak_loader_free(l);
	return t.buf;
}

static void
expect_waivers(const char *path, const char *want)
{
	int rc;
	char *t = load_waivers(path, &rc);

	assert_int_equal(rc, AK_OK);
	assert_string_equal(t, want);
	free(t);
}

static void
test_schema_csv(void **state)
{
	struct fixture *f = *state;
	const char *want = "R {\"type\":\"unowned\",\"subject\":\"G,1\","
	                   "\"until\":\"2026-12-01\",\"reason\":\"hiring\"}\n";

	/* A byte-order mark, CRLF, headers in any order and case, an extra
	 * column, spaces around cells: as Excel saves it. */
	put_file(f, "bom.csv", "\xef\xbb\xbfReason , Until,SUBJECT,Type,Ticket\r\n"
	         "hiring,2026-12-01,\"G,1\", unowned ,IT-4\r\n");
	expect_waivers("bom.csv", "R {\"reason\":\"hiring\",\"until\":"
	               "\"2026-12-01\",\"subject\":\"G,1\",\"type\":"
	               "\"unowned\"}\n");
	/* ';' is detected from the header, as goals-load detects it. */
	put_file(f, "semi.csv", "type;subject;until;reason\n"
	         "unowned;G,1;2026-12-01;hiring\n");
	expect_waivers("semi.csv", want);
	put_file(f, "w.tsv", "type\tsubject\tuntil\treason\n"
	         "unowned\tG,1\t2026-12-01\thiring\n");
	expect_waivers("w.tsv", want);
	/* An empty cell is no field; reason is optional. */
	put_file(f, "short.csv", "type,subject,until\nunowned,G1,\n");
	expect_waivers("short.csv", "R {\"type\":\"unowned\",\"subject\":"
	               "\"G1\"}\n");
	/* No ending: a first byte other than '{' is a CSV header. */
	put_file(f, "waivers", "type,subject,until\nunowned,G1,2026-12-01\n");
	expect_waivers("waivers", "R {\"type\":\"unowned\",\"subject\":"
	               "\"G1\",\"until\":\"2026-12-01\"}\n");
}

#define NUL_CSV "type,subject,until,reason\nunowned,G1,2026-12-01,a\0b\n"
#define NUL_JSONL "{\"type\":\"unowned\",\"subject\":\"G\0\"}\n"

static void
test_schema_csv_errors(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	put_bytes(f, "nul.csv", NUL_CSV, sizeof(NUL_CSV) - 1);
	t = load_waivers("nul.csv", &rc);
	assert_string_equal(t, "E -3 nul.csv:2: column \"reason\": a NUL byte "
	                    "is not allowed\n");
	free(t);
	put_file(f, "utf8.csv", "type,subject,until,reason\n"
	         "unowned,G1,2026-12-01,caf\xe9\n");
	t = load_waivers("utf8.csv", &rc);
	assert_string_equal(t, "E -3 utf8.csv:2: column \"reason\": invalid "
	                    "UTF-8\n");
	free(t);
	put_file(f, "header.csv", "type,subject,reason\nunowned,G1,x\n");
	t = load_waivers("header.csv", &rc);
	assert_string_equal(t, "E -3 header.csv:1: header: no until column (a "
	                    "waiver needs type, subject, until and a reason)\n");
	free(t);
	put_file(f, "ragged.csv", "type,subject,until,reason\n"
	         "unowned,G1,2026-12-31\n");
	t = load_waivers("ragged.csv", &rc);
	assert_string_equal(t, "E -3 ragged.csv:2: row has 3 cells, the header "
	                    "has 4\n");
	free(t);
	put_file(f, "quote.csv", "type,subject,until,reason\n"
	         "unowned,G1,2026-12-31,\"open\n");
	t = load_waivers("quote.csv", &rc);
	assert_string_equal(t, "E -3 quote.csv:2: a quoted cell is not closed\n");
	free(t);
	put_file(f, "after.csv", "type,subject,until\n"
	         "\"unowned\"x,G1,2026-12-01\n");
	t = load_waivers("after.csv", &rc);
	assert_string_equal(t, "E -3 after.csv:2: text after the closing quote "
	                    "of a cell\n");
	free(t);
	put_file(f, "empty.csv", "");
	t = load_waivers("empty.csv", &rc);
	assert_string_equal(t, "E -3 empty.csv:0: empty file: a waivers file "
	                    "needs the header type,subject,until,reason\n");
	free(t);
	make_dir(f, "dir");
	t = load_waivers("dir", &rc);
	assert_string_equal(t, "E -2 dir:0: is a directory, not a file of "
	                    "waivers\n");
	free(t);
}

static void
test_schema_jsonl(void **state)
{
	struct fixture *f = *state;
	int rc;
	char *t;

	/* kind is optional; other members are ignored; null is no field. */
	put_file(f, "w.jsonl", "{\"type\":\"unowned\",\"subject\":\"G1\","
	         "\"until\":\"2026-12-31\",\"reason\":null,\"x\":1}\r\n"
	         "{\"kind\":\"waiver\",\"type\":\"unowned\",\"subject\":\"I1\","
	         "\"until\":\"2026-12-31\"}\n");
	expect_waivers("w.jsonl", "R {\"type\":\"unowned\",\"subject\":\"G1\","
	               "\"until\":\"2026-12-31\"}\n"
	               "R {\"type\":\"unowned\",\"subject\":\"I1\","
	               "\"until\":\"2026-12-31\"}\n");
	/* No ending: a first '{' is JSON Lines. */
	put_file(f, "w.txt", "  {\"type\":\"unowned\",\"subject\":\"G1\"}\n");
	expect_waivers("w.txt", "R {\"type\":\"unowned\",\"subject\":\"G1\"}\n");
	put_file(f, "kind.jsonl", "{\"kind\":\"goal\",\"type\":\"unowned\"}\n"
	         "{\"kind\":7}\n");
	t = load_waivers("kind.jsonl", &rc);
	assert_string_equal(t, "E -3 kind.jsonl:1: waiver: field kind: \"goal\" "
	                    "is not \"waiver\"\n"
	                    "E -3 kind.jsonl:2: waiver: field kind: expected a "
	                    "string\n");
	free(t);
	put_file(f, "reason.jsonl", "{\"type\":\"unowned\",\"subject\":\"G\","
	         "\"until\":\"2026-12-01\",\"reason\":7}\n");
	t = load_waivers("reason.jsonl", &rc);
	assert_string_equal(t, "E -3 reason.jsonl:1: waiver: field reason: "
	                    "expected a string\n");
	free(t);
	put_file(f, "bad.jsonl", "{\"type\":\"unowned\",\"subject\":\"G1\"}\n"
	         "{\"type\":\"unowned\",\n");
	t = load_waivers("bad.jsonl", &rc);
	assert_string_equal(t, "R {\"type\":\"unowned\",\"subject\":\"G1\"}\n"
	                    "E -3 bad.jsonl:2: invalid JSON: string or '}' "
	                    "expected near end of file\n");
	free(t);
	/* The one reader's rule: no NUL byte in a line. */
	put_bytes(f, "nul.jsonl", NUL_JSONL, sizeof(NUL_JSONL) - 1);
	t = load_waivers("nul.jsonl", &rc);
	assert_string_equal(t, "E -3 nul.jsonl:1: invalid JSON: a NUL byte is "
	                    "not allowed\n");
	free(t);
}

static void
test_schema_checked(void **state)
{
	static const char *const none[] = {NULL};
	ak_load_schema bad = {"waiver", none, 0, "nothing"};
	ak_load_options o = {AK_LOAD_JSON, 0, AK_KIND_OTHER, 0};
	ak_loader *l = (ak_loader *)1;
	ak_error err;

	(void)state;
	assert_int_equal(ak_loader_new_schema(&l, NULL, &bad, &err), AK_EUSAGE);
	assert_null(l);
	assert_int_equal(ak_loader_new_schema(&l, &o, &waivers, &err), AK_EUSAGE);
	assert_string_equal(err.text, "waivers are read from CSV or JSON Lines");
	o.delimiter = '"';
	o.format = AK_LOAD_CSV;
	assert_int_equal(ak_loader_new_schema(&l, &o, &waivers, &err), AK_EUSAGE);
}

static void
test_utf8(void **state)
{
	(void)state;
	assert_true(ak_load_utf8_valid("", 0));
	assert_true(ak_load_utf8_valid("plain ascii text, long enough", 29));
	assert_true(ak_load_utf8_valid("Tom\xc3\xa1s \xe2\x82\xac \xf0\x9f\x98\x80", 15));
	assert_false(ak_load_utf8_valid("\xff", 1));
	assert_false(ak_load_utf8_valid("abcdefgh\xc3", 9));        /* cut short */
	assert_false(ak_load_utf8_valid("\xc0\xaf", 2));            /* overlong */
	assert_false(ak_load_utf8_valid("\xe0\x80\xaf", 3));        /* overlong */
	assert_false(ak_load_utf8_valid("\xed\xa0\x80", 3));        /* surrogate */
	assert_false(ak_load_utf8_valid("\xf4\x90\x80\x80", 4));    /* > U+10FFFF */
	assert_false(ak_load_utf8_valid("\xc3\x28", 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_of_name),
		cmocka_unit_test(test_options_checked),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test_setup_teardown(test_json_array_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_object_of_arrays, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_json_structure_errors, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_json_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates_across_loads, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_without_error_handler_first_error_stops,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_handler_says_stop, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_directory_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paths_that_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_format_and_kind_options, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_directory_rules, setup, teardown),
		cmocka_unit_test(test_schema_checked),
		cmocka_unit_test_setup_teardown(test_schema_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_schema_csv_errors, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_schema_jsonl, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
