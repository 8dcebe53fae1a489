/* Unit tests of lib/record.c: kinds, ids, and the validation and canonical
 * form of goals, initiatives, KPIs and measurements (SPEC §1, §2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/record.h"
#include "alignkit/stream.h"

#define TEXT AK_RECORD_TEXT
#define COMMA (AK_RECORD_TEXT | AK_RECORD_DECIMAL_COMMA)

/* The compact JSON text of v as the tools print it; caller frees. */
static char *
dump(const json_t *v)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	assert_int_equal(ak_json_append(&buf, &len, &cap, v), AK_OK);
	buf = realloc(buf, len + 1);
	assert_non_null(buf);
	buf[len] = '\0';
	return buf;
}

static json_t *
parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	                       &jerr);

	if (v == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	return v;
}

/* Normalizes in (JSON text) as kind with flags and src, and checks the
 * output's compact text. */
static void
ok_src(ak_kind kind, int flags, const char *src, const char *in,
       const char *want)
{
	json_t *rec = parse(in), *out = (json_t *)1;
	ak_error err;
	char *got;
	int rc;

	ak_error_clear(&err);
	rc = ak_record_normalize(&out, rec, kind, src, flags, &err);
	if (rc != AK_OK)
		fail_msg("%s: unexpected error %d: %s", in, rc, err.text);
	got = dump(out);
	if (strcmp(got, want) != 0)
		fail_msg("%s\n  got  %s\n  want %s", in, got, want);
	free(got);
	json_decref(out);
	json_decref(rec);
}

static void
ok(ak_kind kind, int flags, const char *in, const char *want)
{
	ok_src(kind, flags, NULL, in, want);
}

/* Normalizes in and checks that it fails with code and exactly text. */
static void
bad_code(ak_kind kind, int flags, const char *in, int code, const char *text)
{
	json_t *rec = parse(in), *out = (json_t *)1;
	ak_error err;
	int rc;

	ak_error_clear(&err);
	rc = ak_record_normalize(&out, rec, kind, NULL, flags, &err);
	if (rc != code)
		fail_msg("%s: got code %d (%s), want %d", in, rc, err.text, code);
	assert_null(out);
	if (strcmp(err.text, text) != 0)
		fail_msg("%s\n  got  %s\n  want %s", in, err.text, text);
	json_decref(rec);
}

static void
bad(ak_kind kind, int flags, const char *in, const char *text)
{
	bad_code(kind, flags, in, AK_EINPUT, text);
}

/* ---- kinds and ids --------------------------------------------------- */

static void
test_kind_names(void **state)
{
	static const char *const names[] = {
		"goal", "initiative", "kpi", "measurement", "target", "checkin",
		"score", "rollup", "gap", "error"
	};

	(void)state;
	for (int i = 0; i < 10; i++) {
		ak_kind k = ak_kind_parse(names[i]);
		assert_int_equal(k, AK_KIND_GOAL + i);
		assert_string_equal(ak_kind_name(k), names[i]);
	}
	assert_int_equal(ak_kind_parse("Goal"), AK_KIND_OTHER);
	assert_int_equal(ak_kind_parse("waiver"), AK_KIND_OTHER);
	assert_int_equal(ak_kind_parse(""), AK_KIND_OTHER);
	assert_int_equal(ak_kind_parse(NULL), AK_KIND_OTHER);
	assert_string_equal(ak_kind_name(AK_KIND_OTHER), "");
	assert_string_equal(ak_kind_name((ak_kind)99), "");
}

static void
test_id_valid(void **state)
{
	char id[200];

	(void)state;
	assert_true(ak_id_valid("G1", 2));
	assert_true(ak_id_valid("  G 1\t", 6));
	assert_true(ak_id_valid("Cut checkout time", 17));
	assert_true(ak_id_valid("\xc3\xa9t\xc3\xa9", 5));   /* "été" */
	assert_false(ak_id_valid("", 0));
	assert_false(ak_id_valid(" \t ", 3));
	assert_false(ak_id_valid(NULL, 0));
	assert_false(ak_id_valid("G\x01" "1", 3));
	assert_false(ak_id_valid("G\x7f", 2));
	assert_false(ak_id_valid("G\xc2\x85", 3));          /* U+0085 */
	assert_false(ak_id_valid("G\n1", 3));
	assert_false(ak_id_valid("G\0" "1", 3));
	/* Only len bytes count. */
	assert_true(ak_id_valid("G1\x01", 2));
	memset(id, 'x', sizeof(id));
	assert_true(ak_id_valid(id, 128));
	assert_false(ak_id_valid(id, 129));
	id[0] = ' ';
	id[129] = ' ';
	assert_true(ak_id_valid(id, 130));   /* 128 once trimmed */
}

static void
test_record_src(void **state)
{
	json_t *a = parse("{\"kind\":\"goal\",\"src\":\"goals.csv:2\"}");
	json_t *b = parse("{\"kind\":\"goal\",\"src\":7}");
	json_t *c = parse("{\"kind\":\"goal\"}");

	(void)state;
	assert_string_equal(ak_record_src(a), "goals.csv:2");
	assert_null(ak_record_src(b));
	assert_null(ak_record_src(c));
	assert_null(ak_record_src(NULL));
	json_decref(a);
	json_decref(b);
	json_decref(c);
}

/* ---- goals ----------------------------------------------------------- */

static void
test_goal_minimal_adds_no_defaults(void **state)
{
	(void)state;
	ok(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"Grow online sales\"}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Grow online sales\"}");
}

static void
test_goal_canonical_order(void **state)
{
	(void)state;
	ok(AK_KIND_GOAL, 0,
	   "{\"src\":\"old.csv:9\",\"jira\":\"OPS-12\",\"due\":\"2026-12-31\","
	   "\"status\":\"retired\",\"kind\":\"kpi\",\"owner\":\" Ann \","
	   "\"weight\":2,\"title\":\" Grow \",\"id\":\" G1 \",\"parent\":\"G0\","
	   "\"perspective\":\"financial\",\"extra\":{\"a\":[1,null]},\"z\":1.5}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Grow\",\"parent\":\"G0\","
	   "\"weight\":2,\"perspective\":\"financial\",\"owner\":\"Ann\","
	   "\"status\":\"retired\",\"due\":\"2026-12-31\",\"jira\":\"OPS-12\","
	   "\"extra\":{\"a\":[1,null]},\"z\":1.5,\"src\":\"old.csv:9\"}");
}

static void
test_src_argument_wins(void **state)
{
	(void)state;
	ok_src(AK_KIND_GOAL, 0, "goals.csv:2",
	       "{\"src\":\"old.csv:9\",\"id\":\"G1\",\"title\":\"T\"}",
	       "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\","
	       "\"src\":\"goals.csv:2\"}");
	ok_src(AK_KIND_GOAL, 0, "goals.csv:2",
	       "{\"id\":\"G1\",\"title\":\"T\"}",
	       "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\","
	       "\"src\":\"goals.csv:2\"}");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"src\":5}",
	    "goal G1: field src: expected a string");
	ok(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"src\":null}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\"}");
}

static void
test_goal_id_errors(void **state)
{
	char in[400], want[400];

	(void)state;
	bad(AK_KIND_GOAL, 0, "{\"title\":\"T\"}",
	    "goal: missing required field id");
	bad(AK_KIND_GOAL, 0, "{\"id\":null,\"title\":\"T\"}",
	    "goal: missing required field id");
	bad(AK_KIND_GOAL, TEXT, "{\"id\":\"  \",\"title\":\"T\"}",
	    "goal: missing required field id");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"  \",\"title\":\"T\"}",
	    "goal: field id: an id must not be empty");
	bad(AK_KIND_GOAL, 0, "{\"id\":7,\"title\":\"T\"}",
	    "goal: field id: expected a string");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G\\u00011\",\"title\":\"T\"}",
	    "goal: field id: an id must not contain control characters");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G\\u0085\",\"title\":\"T\"}",
	    "goal: field id: an id must not contain control characters");
	snprintf(in, sizeof(in), "{\"id\":\"%0129d\",\"title\":\"T\"}", 0);
	bad(AK_KIND_GOAL, 0, in,
	    "goal: field id: an id must be at most 128 bytes");
	snprintf(in, sizeof(in), "{\"id\":\" %0128d \",\"title\":\"T\"}", 0);
	snprintf(want, sizeof(want),
	         "{\"kind\":\"goal\",\"id\":\"%0128d\",\"title\":\"T\"}", 0);
	ok(AK_KIND_GOAL, 0, in, want);
	bad(AK_KIND_GOAL, 0, "[1]", "goal: expected an object");
}

static void
test_goal_field_errors(void **state)
{
	(void)state;
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\"}",
	    "goal G1: missing required field title");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\" \"}",
	    "goal G1: field title: must not be empty");
	bad(AK_KIND_GOAL, TEXT, "{\"id\":\"G1\",\"title\":\" \"}",
	    "goal G1: missing required field title");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":5}",
	    "goal G1: field title: expected a string");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":0}",
	    "goal G1: field weight: 0 is not greater than 0");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":-1.5}",
	    "goal G1: field weight: -1.5 is not greater than 0");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":\"2\"}",
	    "goal G1: field weight: expected a number");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":true}",
	    "goal G1: field weight: expected a number");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"status\":\"paused\"}",
	    "goal G1: field status: \"paused\" is not one of active, retired");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"status\":\"\"}",
	    "goal G1: field status: \"\" is not one of active, retired");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"status\":1}",
	    "goal G1: field status: expected a string");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"2026-02-30\"}",
	    "goal G1: field due: \"2026-02-30\" is not a valid date");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"2026-2-3\"}",
	    "goal G1: field due: \"2026-2-3\" is not a valid date");
	bad(AK_KIND_GOAL, 0,
	    "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"2026-11-23T09:30:00Z\"}",
	    "goal G1: field due: \"2026-11-23T09:30:00Z\" is not a valid date");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"due\":20261231}",
	    "goal G1: field due: expected a string");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"parent\":\"\"}",
	    "goal G1: field parent: an id must not be empty");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"parent\":[\"G0\"]}",
	    "goal G1: field parent: expected a string");
	bad(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"owner\":{}}",
	    "goal G1: field owner: expected a string");
}

static void
test_goal_accepts(void **state)
{
	(void)state;
	/* Enums match case-insensitively and come out in lower case. */
	ok(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"status\":\" Retired \"}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"status\":\"retired\"}");
	/* null is absent; a blank optional text is dropped. */
	ok(AK_KIND_GOAL, 0,
	   "{\"id\":\"G1\",\"title\":\"T\",\"parent\":null,\"owner\":\"  \","
	   "\"weight\":null,\"due\":\" 2024-02-29 \"}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"due\":\"2024-02-29\"}");
	/* Integral reals print as integers, others as the shortest form. */
	ok(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":2.0}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"weight\":2}");
	ok(AK_KIND_GOAL, 0, "{\"id\":\"G1\",\"title\":\"T\",\"weight\":0.1}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"weight\":0.1}");
	/* Unknown fields are kept as they came, blank or not. */
	ok(AK_KIND_GOAL, TEXT,
	   "{\"id\":\"G1\",\"title\":\"T\",\"Notes\":\"  \",\"b\":\" x \"}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"Notes\":\"  \","
	   "\"b\":\" x \"}");
}

static void
test_other_kinds_refused(void **state)
{
	(void)state;
	bad_code(AK_KIND_OTHER, 0, "{\"id\":\"G1\"}", AK_EUSAGE,
	         "records of kind other are not validated");
	bad_code(AK_KIND_SCORE, 0, "{\"kpi\":\"K1\"}", AK_EUSAGE,
	         "records of kind score are not validated");
}

static void
test_long_values_are_cut(void **state)
{
	(void)state;
	bad(AK_KIND_GOAL, 0,
	    "{\"id\":\"G1\",\"title\":\"T\",\"status\":"
	    "\"0123456789012345678901234567890123456789abcdef\"}",
	    "goal G1: field status: \"0123456789012345678901234567890123456789"
	    "...\" is not one of active, retired");
	/* Byte 40 falls inside "é" (2 bytes): the cut moves before it. */
	bad(AK_KIND_GOAL, 0,
	    "{\"id\":\"G1\",\"title\":\"T\",\"status\":"
	    "\"012345678901234567890123456789012345678\xc3\xa9xyz\"}",
	    "goal G1: field status: \"012345678901234567890123456789012345678"
	    "...\" is not one of active, retired");
}

/* ---- initiatives ----------------------------------------------------- */

static void
test_initiative_canonical_order(void **state)
{
	(void)state;
	ok_src(AK_KIND_INITIATIVE, 0, "initiatives.csv:3",
	   "{\"end\":\"2026-12-31\",\"start\":\"2026-01-05\",\"budget\":120000,"
	   "\"status\":\"DONE\",\"sponsor\":\"Bea\",\"owner\":\"Carl\","
	   "\"cost_center\":\"CC7\",\"supports\":[\"G1\"],\"title\":\"New checkout\","
	   "\"id\":\"I1\"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"New checkout\","
	   "\"supports\":[{\"goal\":\"G1\",\"weight\":1}],\"owner\":\"Carl\","
	   "\"sponsor\":\"Bea\",\"status\":\"done\",\"budget\":120000,"
	   "\"start\":\"2026-01-05\",\"end\":\"2026-12-31\",\"cost_center\":\"CC7\","
	   "\"src\":\"initiatives.csv:3\"}");
}

static void
test_supports_forms(void **state)
{
	(void)state;
	ok(AK_KIND_INITIATIVE, 0,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":[\" G1 \",\"G2\"]}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":1},{\"goal\":\"G2\",\"weight\":1}]}");
	ok(AK_KIND_INITIATIVE, 0,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":[{\"weight\":2,"
	   "\"goal\":\"G1\"},{\"goal\":\"G2\"},\"G3\",{\"goal\":\"G4\","
	   "\"weight\":null},{\"goal\":\"G5\",\"weight\":0.25}]}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":2},{\"goal\":\"G2\",\"weight\":1},"
	   "{\"goal\":\"G3\",\"weight\":1},{\"goal\":\"G4\",\"weight\":1},"
	   "{\"goal\":\"G5\",\"weight\":0.25}]}");
	ok(AK_KIND_INITIATIVE, 0,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":[]}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\","
	   "\"supports\":[]}");
	ok(AK_KIND_INITIATIVE, TEXT,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":\"G1;G2:2\"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":1},{\"goal\":\"G2\",\"weight\":2}]}");
	ok(AK_KIND_INITIATIVE, TEXT,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":\" G1 \"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":1}]}");
	ok(AK_KIND_INITIATIVE, COMMA,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":\" G1 : 1,5 ; G2:0,5 \"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":1.5},{\"goal\":\"G2\",\"weight\":0.5}]}");
	/* The last colon splits: an id may hold a colon. */
	ok(AK_KIND_INITIATIVE, TEXT,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":\"OKR:1:3\"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"OKR:1\",\"weight\":3}]}");
	/* With AK_RECORD_TEXT a JSON array still works; blank is absent. */
	ok(AK_KIND_INITIATIVE, TEXT,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":[\"G1\"]}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\",\"supports\":"
	   "[{\"goal\":\"G1\",\"weight\":1}]}");
	ok(AK_KIND_INITIATIVE, TEXT,
	   "{\"id\":\"I1\",\"title\":\"T\",\"supports\":\"  \"}",
	   "{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"T\"}");
}

static void
test_supports_errors(void **state)
{
	static const struct {
		int flags;
		const char *supports, *text;
	} cases[] = {
		{ 0, "\"G1\"", "expected a list" },
		{ 0, "5", "expected a list" },
		{ TEXT, "5", "expected a list" },
		{ TEXT, "\"G1;;G2\"", "item 2 is empty" },
		{ TEXT, "\"G1;\"", "item 2 is empty" },
		{ TEXT, "\";G1\"", "item 1 is empty" },
		{ TEXT, "\"G1:x\"", "item 1: \"x\" is not a number" },
		{ TEXT, "\"G1:\"", "item 1: \"\" is not a number" },
		{ TEXT, "\"G1;G2:1,5\"", "item 2: \"1,5\" is not a number" },
		{ TEXT, "\"G1:0\"", "item 1: weight 0 is not greater than 0" },
		{ TEXT, "\"G1:-2\"", "item 1: weight -2 is not greater than 0" },
		{ TEXT, "\":2\"", "item 1: an id must not be empty" },
		{ TEXT, "\"G1;G2;G1:2\"", "goal G1 is listed twice" },
		{ 0, "[5]", "item 1: expected a goal id or an object" },
		{ 0, "[\"G1\",null]", "item 2: expected a goal id or an object" },
		{ 0, "[\"G1\",\"\"]", "item 2: an id must not be empty" },
		{ 0, "[{\"weight\":2}]", "item 1: missing goal" },
		{ 0, "[{\"goal\":5}]", "item 1: expected a goal id" },
		{ 0, "[{\"goal\":\"G1\",\"w\":1}]", "item 1: unknown key \"w\"" },
		{ 0, "[{\"goal\":\"G1\",\"weight\":\"2\"}]",
		  "item 1: expected a number" },
		{ 0, "[{\"goal\":\"G1\",\"weight\":0}]",
		  "item 1: weight 0 is not greater than 0" },
		{ 0, "[\"G1\",{\"goal\":\" G1\"}]", "goal G1 is listed twice" },
	};
	char in[256], want[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(in, sizeof(in),
		         "{\"id\":\"I1\",\"title\":\"T\",\"supports\":%s}",
		         cases[i].supports);
		snprintf(want, sizeof(want), "initiative I1: field supports: %s",
		         cases[i].text);
		bad(AK_KIND_INITIATIVE, cases[i].flags, in, want);
	}
}

static void
test_initiative_errors(void **state)
{
	(void)state;
	bad(AK_KIND_INITIATIVE, 0, "{\"id\":\"I2\"}",
	    "initiative I2: missing required field title");
	bad(AK_KIND_INITIATIVE, 0, "{\"title\":\"T\"}",
	    "initiative: missing required field id");
	bad(AK_KIND_INITIATIVE, 0, "{\"id\":\"I2\",\"title\":\"T\",\"budget\":-5}",
	    "initiative I2: field budget: -5 is negative");
	bad(AK_KIND_INITIATIVE, 0,
	    "{\"id\":\"I2\",\"title\":\"T\",\"status\":\"retired\"}",
	    "initiative I2: field status: \"retired\" is not one of proposed, "
	    "active, done, cancelled");
	bad(AK_KIND_INITIATIVE, 0,
	    "{\"id\":\"I2\",\"title\":\"T\",\"start\":\"2026-13-01\"}",
	    "initiative I2: field start: \"2026-13-01\" is not a valid date");
	bad(AK_KIND_INITIATIVE, 0,
	    "{\"id\":\"I2\",\"title\":\"T\",\"end\":\"soon\"}",
	    "initiative I2: field end: \"soon\" is not a valid date");
	ok(AK_KIND_INITIATIVE, 0,
	   "{\"id\":\"I2\",\"title\":\"T\",\"budget\":0,\"status\":\"proposed\"}",
	   "{\"kind\":\"initiative\",\"id\":\"I2\",\"title\":\"T\","
	   "\"status\":\"proposed\",\"budget\":0}");
	ok(AK_KIND_INITIATIVE, 0,
	   "{\"id\":\"I2\",\"title\":\"T\",\"status\":\"cancelled\"}",
	   "{\"kind\":\"initiative\",\"id\":\"I2\",\"title\":\"T\","
	   "\"status\":\"cancelled\"}");
}

/* ---- KPIs ------------------------------------------------------------ */

#define KPI(rest) "{\"id\":\"K1\",\"name\":\"N\",\"measures\":\"G1\"" rest "}"
#define KPI_OUT(rest) \
	"{\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"N\",\"measures\":\"G1\"" \
	rest "}"

static void
test_kpi_canonical_order(void **state)
{
	(void)state;
	ok_src(AK_KIND_KPI, 0, "kpis.csv:2",
	   "{\"status\":\"active\",\"it_owner\":\"Ida\",\"business_owner\":\"Bo\","
	   "\"unit\":\"%\",\"weight\":3,\"stale_after\":4,\"cadence\":\"Month\","
	   "\"aggregate\":\"avg\",\"due\":\"2026-12-31\",\"start\":\"2026-01-01\","
	   "\"red_max\":110,\"red_min\":80,\"red\":85,\"baseline\":88,"
	   "\"max\":105,\"min\":90,\"target\":97,\"direction\":\"up\","
	   "\"measures\":\"G1\",\"name\":\"Uptime\",\"id\":\"K1\",\"team\":\"SRE\"}",
	   "{\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"Uptime\",\"measures\":\"G1\","
	   "\"direction\":\"up\",\"target\":97,\"min\":90,\"max\":105,"
	   "\"baseline\":88,\"red\":85,\"red_min\":80,\"red_max\":110,"
	   "\"start\":\"2026-01-01\",\"due\":\"2026-12-31\",\"aggregate\":\"avg\","
	   "\"cadence\":\"month\",\"stale_after\":4,\"weight\":3,\"unit\":\"%\","
	   "\"business_owner\":\"Bo\",\"it_owner\":\"Ida\",\"status\":\"active\","
	   "\"team\":\"SRE\",\"src\":\"kpis.csv:2\"}");
}

static void
test_kpi_required(void **state)
{
	(void)state;
	bad(AK_KIND_KPI, 0, "{\"id\":\"K1\",\"measures\":\"G1\",\"target\":1}",
	    "kpi K1: missing required field name");
	bad(AK_KIND_KPI, 0, "{\"id\":\"K1\",\"name\":\"N\",\"target\":1}",
	    "kpi K1: missing required field measures");
	bad(AK_KIND_KPI, 0, KPI(""),
	    "kpi K1: missing required field target (direction up)");
	bad(AK_KIND_KPI, 0, KPI(",\"direction\":\"down\""),
	    "kpi K1: missing required field target (direction down)");
	bad(AK_KIND_KPI, 0, KPI(",\"direction\":\"range\",\"max\":5"),
	    "kpi K1: missing required field min (direction range)");
	bad(AK_KIND_KPI, 0, KPI(",\"direction\":\"range\",\"min\":5"),
	    "kpi K1: missing required field max (direction range)");
	bad(AK_KIND_KPI, 0, KPI(",\"direction\":\"sideways\",\"target\":1"),
	    "kpi K1: field direction: \"sideways\" is not one of up, down, range");
	ok(AK_KIND_KPI, 0, KPI(",\"direction\":\"range\",\"min\":5,\"max\":5"),
	   KPI_OUT(",\"direction\":\"range\",\"min\":5,\"max\":5"));
	ok(AK_KIND_KPI, 0, KPI(",\"target\":100"), KPI_OUT(",\"target\":100"));
}

static void
test_kpi_cross_checks(void **state)
{
	(void)state;
	bad(AK_KIND_KPI, 0,
	    KPI(",\"direction\":\"range\",\"min\":10,\"max\":5"),
	    "kpi K1: field min: 10 is above max 5");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":100,\"min\":10.5,\"max\":5"),
	    "kpi K1: field min: 10.5 is above max 5");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":100,\"baseline\":120"),
	    "kpi K1: field baseline: 120 is above target 100 (direction up)");
	ok(AK_KIND_KPI, 0, KPI(",\"target\":100,\"baseline\":100"),
	   KPI_OUT(",\"target\":100,\"baseline\":100"));
	bad(AK_KIND_KPI, 0,
	    KPI(",\"direction\":\"down\",\"target\":100,\"baseline\":80"),
	    "kpi K1: field baseline: 80 is below target 100 (direction down)");
	ok(AK_KIND_KPI, 0,
	   KPI(",\"direction\":\"down\",\"target\":100,\"baseline\":180,"
	       "\"red\":150"),
	   KPI_OUT(",\"direction\":\"down\",\"target\":100,\"baseline\":180,"
	           "\"red\":150"));
	bad(AK_KIND_KPI, 0, KPI(",\"target\":100,\"red\":100"),
	    "kpi K1: field red: 100 is not below target 100 (direction up)");
	ok(AK_KIND_KPI, 0, KPI(",\"target\":100,\"red\":99.5"),
	   KPI_OUT(",\"target\":100,\"red\":99.5"));
	bad(AK_KIND_KPI, 0,
	    KPI(",\"direction\":\"down\",\"target\":100,\"red\":90"),
	    "kpi K1: field red: 90 is not above target 100 (direction down)");
	bad(AK_KIND_KPI, 0,
	    KPI(",\"direction\":\"range\",\"min\":3,\"max\":10,\"red_min\":5"),
	    "kpi K1: field red_min: 5 is above min 3");
	bad(AK_KIND_KPI, 0,
	    KPI(",\"direction\":\"range\",\"min\":3,\"max\":10,\"red_max\":5"),
	    "kpi K1: field red_max: 5 is below max 10");
	ok(AK_KIND_KPI, 0,
	   KPI(",\"direction\":\"range\",\"min\":3,\"max\":10,\"red_min\":3,"
	       "\"red_max\":10"),
	   KPI_OUT(",\"direction\":\"range\",\"min\":3,\"max\":10,\"red_min\":3,"
	           "\"red_max\":10"));
	/* baseline and red are up/down notions: a range KPI keeps them as
	 * they are. */
	ok(AK_KIND_KPI, 0,
	   KPI(",\"direction\":\"range\",\"min\":3,\"max\":10,\"baseline\":50,"
	       "\"red\":1"),
	   KPI_OUT(",\"direction\":\"range\",\"min\":3,\"max\":10,"
	           "\"baseline\":50,\"red\":1"));
	bad(AK_KIND_KPI, 0,
	    KPI(",\"target\":1,\"start\":\"2026-03-01\",\"due\":\"2026-01-01\""),
	    "kpi K1: field due: 2026-01-01 is not after start 2026-03-01");
	bad(AK_KIND_KPI, 0,
	    KPI(",\"target\":1,\"start\":\"2026-03-01\",\"due\":\"2026-03-01\""),
	    "kpi K1: field due: 2026-03-01 is not after start 2026-03-01");
	ok(AK_KIND_KPI, 0,
	   KPI(",\"target\":1,\"start\":\"2026-03-01\",\"due\":\"2026-03-02\""),
	   KPI_OUT(",\"target\":1,\"start\":\"2026-03-01\",\"due\":\"2026-03-02\""));
	ok(AK_KIND_KPI, 0, KPI(",\"target\":1,\"due\":\"2026-03-02\""),
	   KPI_OUT(",\"target\":1,\"due\":\"2026-03-02\""));
}

static void
test_kpi_field_errors(void **state)
{
	(void)state;
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"stale_after\":1.5"),
	    "kpi K1: field stale_after: 1.5 is not a whole number");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"stale_after\":0"),
	    "kpi K1: field stale_after: 0 is less than 1");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"stale_after\":1e10"),
	    "kpi K1: field stale_after: 10000000000 is too large");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"aggregate\":\"median\""),
	    "kpi K1: field aggregate: \"median\" is not one of last, sum, avg, "
	    "min, max, count");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"cadence\":\"day\""),
	    "kpi K1: field cadence: \"day\" is not one of week, month, "
	    "quarter, year");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"status\":\"done\""),
	    "kpi K1: field status: \"done\" is not one of active, retired");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":1,\"weight\":0"),
	    "kpi K1: field weight: 0 is not greater than 0");
	bad(AK_KIND_KPI, 0, KPI(",\"target\":\"ninety\""),
	    "kpi K1: field target: expected a number");
	bad(AK_KIND_KPI, 0, "{\"id\":\"K1\",\"name\":\"N\",\"measures\":\"\"}",
	    "kpi K1: field measures: an id must not be empty");
	/* The id comes first, so a bad id is named by kind alone. */
	bad(AK_KIND_KPI, 0, "{\"id\":\"\",\"name\":\"N\"}",
	    "kpi: field id: an id must not be empty");
	ok(AK_KIND_KPI, 0, KPI(",\"target\":1,\"stale_after\":1"),
	   KPI_OUT(",\"target\":1,\"stale_after\":1"));
	ok(AK_KIND_KPI, 0, KPI(",\"target\":-2.5e3,\"red\":-3000"),
	   KPI_OUT(",\"target\":-2500,\"red\":-3000"));
}

/* ---- AK_RECORD_TEXT ---------------------------------------------------- */

static void
test_text_numbers(void **state)
{
	(void)state;
	ok(AK_KIND_KPI, TEXT,
	   "{\"id\":\"K7\",\"name\":\"N\",\"measures\":\"G1\",\"target\":\" 97 \","
	   "\"baseline\":\"88.5\",\"stale_after\":\"3\",\"weight\":\"\","
	   "\"direction\":\"\",\"unit\":\"\",\"team\":\"\"}",
	   "{\"kind\":\"kpi\",\"id\":\"K7\",\"name\":\"N\",\"measures\":\"G1\","
	   "\"target\":97,\"baseline\":88.5,\"stale_after\":3,\"team\":\"\"}");
	/* JSON numbers are taken as they are, text or not. */
	ok(AK_KIND_KPI, TEXT, KPI(",\"target\":97"), KPI_OUT(",\"target\":97"));
	bad(AK_KIND_KPI, TEXT,
	    "{\"id\":\"K7\",\"name\":\"N\",\"measures\":\"G1\",\"target\":\"ninety\"}",
	    "kpi K7: field target: \"ninety\" is not a number");
	bad(AK_KIND_KPI, TEXT, KPI(",\"target\":\"83,5\""),
	    "kpi K1: field target: \"83,5\" is not a number");
	ok(AK_KIND_KPI, COMMA, KPI(",\"target\":\"83,5\",\"red\":\"80,25\""),
	   KPI_OUT(",\"target\":83.5,\"red\":80.25"));
	/* With decimal commas a '.' groups thousands, in threes only. */
	ok(AK_KIND_KPI, COMMA, KPI(",\"target\":\"121.005\""),
	   KPI_OUT(",\"target\":121005"));
	bad(AK_KIND_KPI, COMMA, KPI(",\"target\":\"80.25\""),
	    "kpi K1: field target: \"80.25\" is not a number with a decimal comma "
	    "(\".\" groups thousands in threes: 1.234.567,5); write 80,25");
	bad(AK_KIND_KPI, TEXT, KPI(",\"target\":\"1e999\""),
	    "kpi K1: field target: \"1e999\" is out of range");
	bad(AK_KIND_KPI, TEXT, KPI(",\"target\":\"nan\""),
	    "kpi K1: field target: \"nan\" is not a number");
	bad(AK_KIND_KPI, TEXT, KPI(",\"target\":\"1\",\"stale_after\":\"two\""),
	    "kpi K1: field stale_after: \"two\" is not a number");
	bad(AK_KIND_KPI, TEXT, KPI(",\"target\":\"1\",\"weight\":\"-1\""),
	    "kpi K1: field weight: -1 is not greater than 0");
	bad(AK_KIND_KPI, TEXT, "{\"id\":\"K1\",\"name\":\"N\",\"measures\":\" \"}",
	    "kpi K1: missing required field measures");
	bad(AK_KIND_GOAL, TEXT, "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"31/12/2026\"}",
	    "goal G1: field due: \"31/12/2026\" is not written year first: write 2026-12-31");
	ok(AK_KIND_GOAL, TEXT,
	   "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"\",\"weight\":\"0.5\","
	   "\"status\":\"Active\",\"src\":\"\"}",
	   "{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"T\",\"weight\":0.5,"
	   "\"status\":\"active\"}");
}

/* ---- measurements ---------------------------------------------------- */

/* A check-in (alignkit(5)): fields in table order; in cell text a form's
 * timestamp is the day it shows, and its choices are the enum's. */
static void
test_checkin(void **state)
{
	(void)state;
	ok(AK_KIND_CHECKIN, 0,
	   "{\"note\":\"fine\",\"by\":\" Ann \",\"confidence\":\"at-risk\","
	   "\"at\":\"2026-11-18T09:14:03Z\",\"subject\":\"I1\",\"ID\":\"7\"}",
	   "{\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":"
	   "\"2026-11-18T09:14:03Z\",\"confidence\":\"at-risk\",\"by\":\"Ann\","
	   "\"note\":\"fine\",\"ID\":\"7\"}");
	ok(AK_KIND_CHECKIN, TEXT,
	   "{\"subject\":\"I1\",\"at\":\"2026/11/18 9:14:03 PM GMT-5\","
	   "\"confidence\":\"On track\",\"side\":\"IT\"}",
	   "{\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":\"2026-11-18\","
	   "\"confidence\":\"on-track\",\"side\":\"it\"}");
	ok(AK_KIND_CHECKIN, TEXT,
	   "{\"subject\":\"I1\",\"at\":\"18/11/2026 09:14\","
	   "\"confidence\":\"off_track\"}",
	   "{\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":\"2026-11-18\","
	   "\"confidence\":\"off-track\"}");
	ok(AK_KIND_CHECKIN, TEXT,
	   "{\"subject\":\"I1\",\"at\":\"11/18/2026\",\"confidence\":\"AT RISK\"}",
	   "{\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":\"2026-11-18\","
	   "\"confidence\":\"at-risk\"}");
	/* The same day and month either way round: one day. */
	ok(AK_KIND_CHECKIN, TEXT,
	   "{\"subject\":\"I1\",\"at\":\"05/05/2026\",\"confidence\":\"at-risk\"}",
	   "{\"kind\":\"checkin\",\"subject\":\"I1\",\"at\":\"2026-05-05\","
	   "\"confidence\":\"at-risk\"}");
	bad(AK_KIND_CHECKIN, TEXT,
	    "{\"subject\":\"I1\",\"at\":\"03/11/2026\",\"confidence\":\"at-risk\"}",
	    "checkin I1: field at: \"03/11/2026\" could be 3 November or March 11: "
	    "write the date year first (2026-11-03 or 2026-03-11), or set the "
	    "spreadsheet to ISO dates (yyyy-mm-dd)");
	bad(AK_KIND_CHECKIN, TEXT,
	    "{\"subject\":\"I1\",\"at\":\"2026/11/18 13:00 PM\",\"confidence\":\"at-risk\"}",
	    "checkin I1: field at: \"2026/11/18 13:00 PM\" is not a date or a "
	    "timestamp (write 2026-11-18, 2026-11-18T09:14:03Z, or a form's "
	    "2026/11/18 9:14:03)");
	/* JSON is not a form: its at is a date or an RFC 3339 date-time. */
	bad(AK_KIND_CHECKIN, 0,
	    "{\"subject\":\"I1\",\"at\":\"2026/11/18\",\"confidence\":\"at-risk\"}",
	    "checkin I1: field at: \"2026/11/18\" is not a valid date or date-time");
	/* "On track" is a form's spelling, not JSON's. */
	bad(AK_KIND_CHECKIN, 0,
	    "{\"subject\":\"I1\",\"at\":\"2026-11-18\",\"confidence\":\"On track\"}",
	    "checkin I1: field confidence: \"On track\" is not one of on-track, "
	    "at-risk, off-track");
}

static void
test_measurement(void **state)
{
	(void)state;
	ok_src(AK_KIND_MEASUREMENT, 0, "m.csv:4",
	   "{\"note\":\" after fix \",\"value\":97.5,"
	   "\"at\":\" 2026-11-23T09:30:00+01:00 \",\"kpi\":\" K1 \",\"by\":\"ops\"}",
	   "{\"kind\":\"measurement\",\"kpi\":\"K1\","
	   "\"at\":\"2026-11-23T09:30:00+01:00\",\"value\":97.5,"
	   "\"note\":\"after fix\",\"by\":\"ops\",\"src\":\"m.csv:4\"}");
	ok(AK_KIND_MEASUREMENT, COMMA,
	   "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\"97,5\",\"note\":\"\"}",
	   "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-23\","
	   "\"value\":97.5}");
	/* A measurement has no id: one given is an unknown field. */
	ok(AK_KIND_MEASUREMENT, 0,
	   "{\"id\":\"M1\",\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":0}",
	   "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-23\","
	   "\"value\":0,\"id\":\"M1\"}");
	bad(AK_KIND_MEASUREMENT, 0, "{\"at\":\"2026-11-23\",\"value\":1}",
	    "measurement: missing required field kpi");
	bad(AK_KIND_MEASUREMENT, 0, "{\"kpi\":\"K1\",\"value\":1}",
	    "measurement: missing required field at");
	bad(AK_KIND_MEASUREMENT, 0, "{\"kpi\":\"K1\",\"at\":\"2026-11-23\"}",
	    "measurement: missing required field value");
	/* Not applicable (SPEC §2): JSON null, or n/a or NA in a cell; an
	 * empty cell says nothing. */
	ok(AK_KIND_MEASUREMENT, 0,
	   "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":null}",
	   "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-23\","
	   "\"value\":null}");
	ok(AK_KIND_MEASUREMENT, TEXT,
	   "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\" N/a \"}",
	   "{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-23\","
	   "\"value\":null}");
	bad(AK_KIND_MEASUREMENT, TEXT,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\" \"}",
	    "measurement: missing required field value");
	bad(AK_KIND_MEASUREMENT, 0,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\"n/a\"}",
	    "measurement: field value: expected a number");
	bad(AK_KIND_MEASUREMENT, 0,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-31\",\"value\":1}",
	    "measurement: field at: \"2026-11-31\" is not a valid date or "
	    "date-time");
	bad(AK_KIND_MEASUREMENT, 0,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\"1\"}",
	    "measurement: field value: expected a number");
	bad(AK_KIND_MEASUREMENT, TEXT,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\"n.a.\"}",
	    "measurement: field value: \"n.a.\" is not a number");
	bad(AK_KIND_MEASUREMENT, 0,
	    "{\"kpi\":\"\",\"at\":\"2026-11-23\",\"value\":1}",
	    "measurement: field kpi: an id must not be empty");
	bad(AK_KIND_MEASUREMENT, 0,
	    "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":1,\"note\":3}",
	    "measurement: field note: expected a string");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_id_valid),
		cmocka_unit_test(test_record_src),
		cmocka_unit_test(test_goal_minimal_adds_no_defaults),
		cmocka_unit_test(test_goal_canonical_order),
		cmocka_unit_test(test_src_argument_wins),
		cmocka_unit_test(test_goal_id_errors),
		cmocka_unit_test(test_goal_field_errors),
		cmocka_unit_test(test_goal_accepts),
		cmocka_unit_test(test_other_kinds_refused),
		cmocka_unit_test(test_long_values_are_cut),
		cmocka_unit_test(test_initiative_canonical_order),
		cmocka_unit_test(test_supports_forms),
		cmocka_unit_test(test_supports_errors),
		cmocka_unit_test(test_initiative_errors),
		cmocka_unit_test(test_kpi_canonical_order),
		cmocka_unit_test(test_kpi_required),
		cmocka_unit_test(test_kpi_cross_checks),
		cmocka_unit_test(test_kpi_field_errors),
		cmocka_unit_test(test_text_numbers),
		cmocka_unit_test(test_measurement),
		cmocka_unit_test(test_checkin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
