/* Unit tests of lib/load_archi.c: Archi CSV exports (as Archi writes them, in
 * tests/data/archi, and small ones written here) read as goals,
 * initiatives and KPIs, each mapping rule, and each error. */
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

#include "alignkit/archi.h"
#include "alignkit/stream.h"

#define DATA AK_TEST_DATA "/archi"
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* What a load handed out. */
struct got {
	json_t *records;        /* copies, in order */
	json_t *texts;          /* rec->bytes as strings, when given */
	json_t *errors;         /* "CODE FILE:LINE: text" */
	size_t stop_after;      /* the record callback stops after so many */
};

static int
on_record(void *ctx, const ak_load_record *rec)
{
	struct got *g = ctx;

	assert_non_null(rec->record);
	assert_string_equal(rec->src, json_string_value(json_object_get(
	                    rec->record, "src")));
	assert_int_equal(rec->kind, ak_kind_parse(json_string_value(
	                 json_object_get(rec->record, "kind"))));
	json_array_append_new(g->records, json_deep_copy(rec->record));
	if (rec->bytes != NULL)
		json_array_append_new(g->texts, json_stringn(rec->bytes, rec->len));
	if (g->stop_after != 0 && json_array_size(g->records) == g->stop_after)
		return 7;
	return 0;
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct got *g = ctx;
	char buf[1024];

	snprintf(buf, sizeof(buf), "%d %s:%ld: %s", code, err->file, err->line,
	         err->text);
	json_array_append_new(g->errors, json_string(buf));
	return 0;
}

static void
got_init(struct got *g)
{
	memset(g, 0, sizeof(*g));
	g->records = json_array();
	g->texts = json_array();
	g->errors = json_array();
}

static void
got_free(struct got *g)
{
	json_decref(g->records);
	json_decref(g->texts);
	json_decref(g->errors);
}

/* Loads paths with the handler above (keep going); returns the code. */
static int
load(struct got *g, const char *const *paths, size_t n, int flags)
{
	ak_load_options o = {AK_LOAD_AUTO, 0, AK_KIND_OTHER, flags};
	ak_load_handler h = {on_record, on_error, g};
	ak_error err;

	got_init(g);
	return ak_archi_load(paths, n, &o, &h, &err);
}

static int
load1(struct got *g, const char *path)
{
	return load(g, &path, 1, 0);
}

/* The record whose title (or, for a KPI, name) is title. */
static json_t *
find(const struct got *g, const char *title)
{
	size_t i;
	json_t *r;

	json_array_foreach(g->records, i, r) {
		const char *t = json_string_value(json_object_get(r, "title"));
		if (t == NULL)
			t = json_string_value(json_object_get(r, "name"));
		if (t != NULL && strcmp(t, title) == 0)
			return r;
	}
	fail_msg("no record titled %s", title);
	return NULL;
}

static const char *
str(const json_t *r, const char *key)
{
	return json_string_value(json_object_get(r, key));
}

static const char *
error_at(const struct got *g, size_t i)
{
	return json_string_value(json_array_get(g->errors, i));
}

/* The supports of an initiative as "ID,ID". */
static void
supports(const json_t *r, char *buf, size_t size)
{
	size_t i;
	json_t *s;

	buf[0] = '\0';
	json_array_foreach(json_object_get(r, "supports"), i, s) {
		if (i > 0)
			strncat(buf, ",", size - strlen(buf) - 1);
		strncat(buf, str(s, "goal"), size - strlen(buf) - 1);
	}
}

/* The id of the element titled title, as the goal record has it. */
static const char *
id_of(const struct got *g, const char *title)
{
	return str(find(g, title), "id");
}

/* ---- the model export --------------------------------------------------- */

static void
test_model_records_in_order(void **state)
{
	static const char *const titles[] = {
		"Cut IT running cost", "Delight customers", "Grow online revenue",
		"Retire the mainframe", "Checkout in under 60 seconds",
		"Mobile app rated 4.5", "NPS above 50", "Open in the EU",
		"Checkout rewrite", "CRM consolidation", "Hosting consolidation",
		"Intranet refresh", "Mainframe exit",
		"Online revenue", "Median checkout time", "Checkout abandonment",
		"Checkout releases per month",
	};
	struct got g;
	size_t i;
	json_t *r;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	assert_int_equal(json_array_size(g.errors), 0);
	assert_int_equal(json_array_size(g.records), 17);
	json_array_foreach(g.records, i, r) {
		const char *t = str(r, i < 13 ? "title" : "name");
		assert_string_equal(t, titles[i]);
		assert_string_equal(str(r, "kind"), i < 8 ? "goal" :
		                    i < 13 ? "initiative" : "kpi");
	}
	got_free(&g);
}

static void
test_src_is_the_row_where_it_starts(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	/* Line 2 is the model, whose documentation takes two lines. */
	assert_string_equal(str(find(&g, "Cut IT running cost"), "src"),
	                    DATA "/model/elements.csv:12");
	/* After the two lines of "Delight customers". */
	assert_string_equal(str(find(&g, "Grow online revenue"), "src"),
	                    DATA "/model/elements.csv:15");
	assert_string_equal(str(find(&g, "Checkout rewrite"), "src"),
	                    DATA "/model/elements.csv:31");
	/* A KPI: the row of its name among the properties. */
	assert_string_equal(str(find(&g, "Median checkout time"), "src"),
	                    DATA "/model/properties.csv:20");
	got_free(&g);
}

static void
test_goal_fields_from_properties(void **state)
{
	struct got g;
	json_t *r;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	r = find(&g, "Grow online revenue");
	/* alignkit_id names the record; keys match as CSV headers do. */
	assert_string_equal(str(r, "id"), "G-GROWTH");
	assert_string_equal(str(r, "owner"), "Chief Commercial Officer");
	assert_string_equal(str(r, "perspective"), "financial");
	assert_int_equal(json_integer_value(json_object_get(r, "weight")), 2);
	assert_null(json_object_get(r, "alignkit_id"));
	assert_string_equal(str(r, "description"),
	                    "Online revenue, net of returns.");
	r = find(&g, "Retire the mainframe");
	assert_string_equal(str(r, "status"), "retired");
	/* Without alignkit_id the Archi ID is the id. */
	assert_string_equal(str(r, "id"), "id-013b69d91109e2cf36865cb2b871beb9");
	assert_string_equal(str(find(&g, "Cut IT running cost"), "due"),
	                    "2027-06-30");
	got_free(&g);
}

static void
test_documentation_becomes_description(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	/* CRLF inside a cell becomes \n; doubled quotes are one quote. */
	assert_string_equal(str(find(&g, "Delight customers"), "description"),
	                    "Customers come back because buying from us is "
	                    "easy.\nMeasured as \"would recommend\"; see the NPS "
	                    "outcome.");
	/* Archi writes a tab as a space. */
	assert_string_equal(str(find(&g, "Checkout in under 60 seconds"),
	                        "description"),
	                    "Median time from basket to confirmation.\n\n"
	                    "Owned with the checkout team; weekly.");
	/* No documentation, no description. */
	assert_null(json_object_get(find(&g, "NPS above 50"), "description"));
	got_free(&g);
}

static void
test_parent_rules(void **state)
{
	struct got g;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	/* Realizes Grow online revenue, influences Delight customers (and the
	 * influence comes first in relations.csv): realization wins. */
	assert_string_equal(str(find(&g, "Checkout in under 60 seconds"),
	                        "parent"), "G-GROWTH");
	/* Influences two goals: the first in relations.csv order. */
	assert_string_equal(str(find(&g, "NPS above 50"), "parent"),
	                    id_of(&g, "Delight customers"));
	/* Realizes a junction that realizes a goal. */
	assert_string_equal(str(find(&g, "Mobile app rated 4.5"), "parent"),
	                    id_of(&g, "Delight customers"));
	/* A goal influencing a goal. */
	assert_string_equal(str(find(&g, "Retire the mainframe"), "parent"),
	                    id_of(&g, "Cut IT running cost"));
	/* Realizes Delight customers, but its parent property says. */
	assert_string_equal(str(find(&g, "Open in the EU"), "parent"),
	                    "G-GROWTH");
	/* Top-level goals; a Stakeholder's association is not a parent. */
	assert_null(json_object_get(find(&g, "Grow online revenue"), "parent"));
	assert_null(json_object_get(find(&g, "Delight customers"), "parent"));
	got_free(&g);
}

static void
test_supports_rules(void **state)
{
	struct got g;
	char buf[512], want[512];

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	/* Work package -> deliverable -> application component ->
	 * requirement -> outcome: the walk stops at the outcome, though the
	 * outcome realizes a goal. */
	supports(find(&g, "Checkout rewrite"), buf, sizeof(buf));
	assert_string_equal(buf, id_of(&g, "Checkout in under 60 seconds"));
	/* Influence to a principle that influences a goal, and realization
	 * of a capability that realizes an outcome: both, in elements.csv
	 * order. */
	supports(find(&g, "CRM consolidation"), buf, sizeof(buf));
	snprintf(want, sizeof(want), "%s,%s", id_of(&g, "Delight customers"),
	         id_of(&g, "NPS above 50"));
	assert_string_equal(buf, want);
	/* Through two requirements that influence each other. */
	supports(find(&g, "Hosting consolidation"), buf, sizeof(buf));
	assert_string_equal(buf, id_of(&g, "Cut IT running cost"));
	/* A retired goal, realized directly. */
	supports(find(&g, "Mainframe exit"), buf, sizeof(buf));
	assert_string_equal(buf, id_of(&g, "Retire the mainframe"));
	/* Through a driver (which ends a walk) and an association (which is
	 * not walked): no supports at all. */
	assert_null(json_object_get(find(&g, "Intranet refresh"), "supports"));
	got_free(&g);
}

static void
test_initiative_fields(void **state)
{
	struct got g;
	json_t *r;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	r = find(&g, "Checkout rewrite");
	assert_string_equal(str(r, "id"), "I-CHECKOUT");
	assert_string_equal(str(r, "sponsor"), "Chief Commercial Officer");
	assert_int_equal(json_integer_value(json_object_get(r, "budget")),
	                 250000);
	assert_string_equal(str(r, "start"), "2026-03-02");
	assert_string_equal(str(r, "end"), "2026-10-30");
	/* Unknown keys stay as written; empty values are absent. */
	assert_string_equal(str(find(&g, "CRM consolidation"), "Jira"), "CRM-1");
	r = find(&g, "Intranet refresh");
	assert_string_equal(str(r, "status"), "proposed");
	assert_null(json_object_get(r, "owner"));
	got_free(&g);
}

static void
test_kpis_from_properties(void **state)
{
	struct got g;
	json_t *r;

	(void)state;
	assert_int_equal(load1(&g, DATA "/model"), AK_OK);
	r = find(&g, "Online revenue");
	assert_string_equal(str(r, "id"), "G-GROWTH-kpi");
	assert_string_equal(str(r, "measures"), "G-GROWTH");
	assert_int_equal(json_integer_value(json_object_get(r, "target")),
	                 12000000);
	assert_string_equal(str(r, "cadence"), "quarter");
	assert_string_equal(str(r, "business_owner"), "Chief Commercial Officer");
	assert_string_equal(str(r, "it_owner"), "CIO");
	assert_string_equal(str(r, "Data source"), "Finance cube, \"monthly close\"");
	r = find(&g, "Median checkout time");
	assert_string_equal(str(r, "id"),
	                    "id-c96605894e805450916e4bf5de870786-kpi");
	assert_string_equal(str(r, "direction"), "down");
	r = find(&g, "Checkout abandonment");
	assert_string_equal(str(r, "id"), "K-ABANDON");
	assert_true(json_real_value(json_object_get(r, "red")) == 0.35);
	assert_true(json_real_value(json_object_get(r, "weight")) == 0.5);
	/* A KPI of a work package measures the initiative. */
	assert_string_equal(str(find(&g, "Checkout releases per month"),
	                        "measures"), "I-CHECKOUT");
	got_free(&g);
}

/* Whether two loads gave the same records, each with its src in its
 * own directory. */
static void
assert_same_records(const struct got *a, const char *adir,
                    const struct got *b, const char *bdir)
{
	size_t i;
	json_t *r;

	assert_int_equal(json_array_size(a->records), json_array_size(b->records));
	json_array_foreach(a->records, i, r) {
		json_t *x = json_deep_copy(r);
		json_t *y = json_deep_copy(json_array_get(b->records, i));
		const char *sx = str(r, "src");
		const char *sy = str(json_array_get(b->records, i), "src");
		assert_int_equal(strncmp(sx, adir, strlen(adir)), 0);
		assert_int_equal(strncmp(sy, bdir, strlen(bdir)), 0);
		assert_string_equal(sx + strlen(adir), sy + strlen(bdir));
		json_object_del(x, "src");
		json_object_del(y, "src");
		assert_true(json_equal(x, y));
		json_decref(x);
		json_decref(y);
	}
}

static void
test_semicolon_bom_and_tab_read_the_same(void **state)
{
	struct got a, b, c;

	(void)state;
	assert_int_equal(load1(&a, DATA "/model"), AK_OK);
	assert_int_equal(load1(&b, DATA "/semicolon-bom"), AK_OK);
	assert_int_equal(load1(&c, DATA "/tab"), AK_OK);
	assert_int_equal(json_array_size(b.errors) + json_array_size(c.errors), 0);
	assert_same_records(&a, DATA "/model", &b, DATA "/semicolon-bom");
	assert_same_records(&a, DATA "/model", &c, DATA "/tab");
	got_free(&a);
	got_free(&b);
	got_free(&c);
}

static void
test_text_option_gives_the_json(void **state)
{
	const char *path = DATA "/model";
	struct got g;
	size_t i;
	json_t *r;

	(void)state;
	assert_int_equal(load(&g, &path, 1, AK_LOAD_TEXT), AK_OK);
	assert_int_equal(json_array_size(g.texts), json_array_size(g.records));
	json_array_foreach(g.records, i, r) {
		char *buf = NULL;
		size_t len = 0, cap = 0;
		assert_int_equal(ak_json_append(&buf, &len, &cap, r), AK_OK);
		assert_string_equal(json_string_value(json_array_get(g.texts, i)),
		                    buf);
		free(buf);
	}
	got_free(&g);
}

static void
test_handler_stops_the_load(void **state)
{
	ak_load_handler h = {on_record, on_error, NULL};
	const char *path = DATA "/model";
	struct got g;
	ak_error err;

	(void)state;
	got_init(&g);
	g.stop_after = 2;
	h.ctx = &g;
	assert_int_equal(ak_archi_load(&path, 1, NULL, &h, &err), 7);
	assert_int_equal(json_array_size(g.records), 2);
	got_free(&g);
}

/* ---- exports written here --------------------------------------------- */

struct tmp {
	char dir[64];
};

static int
setup(void **state)
{
	struct tmp *t = calloc(1, sizeof(*t));

	strcpy(t->dir, "/tmp/ak-archi-XXXXXX");
	if (t == NULL || mkdtemp(t->dir) == NULL)
		return -1;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct tmp *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static char *
tpath(const struct tmp *t, const char *name)
{
	static char buf[4][256];
	static int n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof(buf[n]), "%s/%s", t->dir, name);
	return buf[n];
}

static void
put(const struct tmp *t, const char *name, const char *text)
{
	FILE *fp = fopen(tpath(t, name), "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	fclose(fp);
}

#define EH "\"ID\",\"Type\",\"Name\",\"Documentation\",\"Specialization\""
#define RH "\"ID\",\"Type\",\"Name\",\"Documentation\",\"Source\",\"Target\"," \
           "\"Specialization\""
#define PH "\"ID\",\"Key\",\"Value\""
#define MODEL "\r\n\"id-m\",\"ArchimateModel\",\"M\",\"\",\"\""

/* A small export in t's directory, with names of prefix + "elements.csv"
 * and so on. */
static void
export(const struct tmp *t, const char *prefix, const char *elements,
       const char *relations, const char *properties)
{
	char name[64];

	snprintf(name, sizeof(name), "%selements.csv", prefix);
	put(t, name, elements);
	snprintf(name, sizeof(name), "%srelations.csv", prefix);
	put(t, name, relations);
	snprintf(name, sizeof(name), "%sproperties.csv", prefix);
	put(t, name, properties);
}

static const char small_elements[] = EH MODEL
	"\r\n\"id-g\",\"Goal\",\"G\",\"\",\"\""
	"\r\n\"id-w\",\"WorkPackage\",\"W\",\"\",\"\"";
static const char small_relations[] = RH
	"\r\n\"id-r\",\"RealizationRelationship\",\"\",\"\",\"id-w\",\"id-g\",\"\"";

static void
test_files_named_one_by_one(void **state)
{
	struct tmp *t = *state;
	const char *three[3];
	struct got g;

	export(t, "nw-", small_elements, small_relations, PH);
	/* The three files, in any order. */
	three[0] = tpath(t, "nw-properties.csv");
	three[1] = tpath(t, "nw-elements.csv");
	three[2] = tpath(t, "nw-relations.csv");
	assert_int_equal(load(&g, three, 3, 0), AK_OK);
	assert_int_equal(json_array_size(g.records), 2);
	assert_int_equal(json_array_size(g.errors), 0);
	got_free(&g);
	/* One of them: the others are beside it, with its prefix. */
	assert_int_equal(load1(&g, tpath(t, "nw-relations.csv")), AK_OK);
	assert_int_equal(json_array_size(g.records), 2);
	assert_string_equal(str(json_array_get(g.records, 0), "src"),
	                    tpath(t, "nw-elements.csv:3"));
	got_free(&g);
	/* The directory: the one export in it, whatever its prefix. */
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.records), 2);
	got_free(&g);
}

static void
test_paths_that_name_no_export(void **state)
{
	struct tmp *t = *state;
	ak_load_handler h = {on_record, on_error, NULL};
	const char *p[2] = {NULL, NULL};
	ak_error err;
	struct got g;

	got_init(&g);
	h.ctx = &g;
	assert_int_equal(ak_archi_load(p, 0, NULL, &h, &err), AK_EUSAGE);
	assert_string_equal(err.text, "no export named: name the directory of "
	                    "an Archi CSV export, or its files");
	p[0] = "-";
	assert_int_equal(ak_archi_load(p, 1, NULL, &h, &err), AK_EUSAGE);
	p[0] = t->dir;
	assert_int_equal(ak_archi_load(p, 1, NULL, &h, &err), AK_EUSAGE);
	assert_string_equal(err.file, t->dir);
	assert_string_equal(err.text, "no elements.csv: an Archi CSV export is "
	                    "elements.csv, relations.csv and properties.csv");
	export(t, "a-", small_elements, small_relations, PH);
	export(t, "b-", small_elements, small_relations, PH);
	assert_int_equal(ak_archi_load(p, 1, NULL, &h, &err), AK_EUSAGE);
	assert_string_equal(err.text, "holds 2 Archi exports (a-elements.csv, "
	                    "b-elements.csv): name the elements file of one");
	p[0] = tpath(t, "model.csv");
	assert_int_equal(ak_archi_load(p, 1, NULL, &h, &err), AK_EUSAGE);
	assert_string_equal(err.text, "not part of an Archi export: its name "
	                    "must end in elements.csv, relations.csv or "
	                    "properties.csv");
	p[0] = tpath(t, "a-elements.csv");
	p[1] = tpath(t, "b-elements.csv");
	assert_int_equal(ak_archi_load(p, 2, NULL, &h, &err), AK_EUSAGE);
	assert_string_equal(err.file, p[1]);
	p[1] = t->dir;
	assert_int_equal(ak_archi_load(p, 2, NULL, &h, &err), AK_EUSAGE);
	{
		ak_load_options raw = {AK_LOAD_AUTO, 0, AK_KIND_OTHER, AK_LOAD_RAW};
		assert_int_equal(ak_archi_load(p, 1, &raw, &h, &err), AK_EUSAGE);
	}
	/* With elements.csv there, the directory means it. */
	export(t, "", small_elements, small_relations, PH);
	assert_int_equal(ak_archi_load(p, 1, NULL, &h, &err), AK_OK);
	assert_int_equal(json_array_size(g.records), 2);
	assert_int_equal(json_array_size(g.errors), 0);
	got_free(&g);
}

static void
test_missing_files(void **state)
{
	struct tmp *t = *state;
	struct got g;

	put(t, "elements.csv", small_elements);
	put(t, "properties.csv", PH);
	/* No relations: reported, and the rest loads. */
	assert_int_equal(load1(&g, tpath(t, "elements.csv")), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_non_null(strstr(error_at(&g, 0), "relations.csv"));
	assert_int_equal(strncmp(error_at(&g, 0), "-2 ", 3), 0);
	assert_int_equal(json_array_size(g.records), 2);
	assert_null(json_object_get(json_array_get(g.records, 1), "supports"));
	got_free(&g);
	/* No elements: nothing to map. */
	unlink(tpath(t, "elements.csv"));
	put(t, "relations.csv", small_relations);
	assert_int_equal(load1(&g, tpath(t, "properties.csv")), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_non_null(strstr(error_at(&g, 0), "elements.csv"));
	assert_int_equal(json_array_size(g.records), 0);
	got_free(&g);
	/* An empty elements file. */
	put(t, "elements.csv", "");
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_string_equal(error_at(&g, 0) + strlen(error_at(&g, 0)) -
	                    strlen("no rows: an Archi elements file holds at "
	                           "least the model's row"),
	                    "no rows: an Archi elements file holds at least the "
	                    "model's row");
	got_free(&g);
}

static void
test_strict_stops_at_the_first_error(void **state)
{
	struct tmp *t = *state;
	ak_load_handler h = {on_record, NULL, NULL};
	const char *p = t->dir;
	ak_error err;
	struct got g;

	export(t, "", small_elements, RH
	       "\r\n\"id-r2\",\"RealizationRelationship\",\"\",\"\",\"id-w\","
	       "\"id-x\",\"\""
	       "\r\n\"id-r1\",\"Realizes\",\"\",\"\",\"id-w\",\"id-g\",\"\"", PH);
	got_init(&g);
	h.ctx = &g;
	/* The first in line order, though the ends are checked last. */
	assert_int_equal(ak_archi_load(&p, 1, NULL, &h, &err), AK_EINPUT);
	assert_string_equal(err.file, tpath(t, "relations.csv"));
	assert_int_equal(err.line, 2);
	assert_string_equal(err.text, "relationship id-r2 "
	                    "(RealizationRelationship): target id-x is not in "
	                    "the model");
	assert_int_equal(json_array_size(g.records), 0);
	got_free(&g);
}

static void
test_excel_compatible_cells(void **state)
{
	struct tmp *t = *state;
	struct got g;

	/* Archi's "Excel compatible" export: a value that starts with a 0
	 * or a space is written ="VALUE", one that starts with = + - @
	 * gets a space before it. */
	export(t, "", EH MODEL
	       "\r\n\"id-g\",\"Goal\",\"=\"\"0 critical incidents\"\"\",\"\",\"\""
	       "\r\n\"id-h\",\"Goal\",\" -10% cost\",\"=\"\"  indented\"\"\","
	       "\"\"",
	       RH, PH "\r\n\"id-g\",\"weight\",\"=\"\"0.5\"\"\"");
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 0);
	assert_string_equal(str(json_array_get(g.records, 0), "title"),
	                    "0 critical incidents");
	assert_true(json_real_value(json_object_get(json_array_get(g.records, 0),
	                                            "weight")) == 0.5);
	assert_string_equal(str(json_array_get(g.records, 1), "title"),
	                    "-10% cost");
	assert_string_equal(str(json_array_get(g.records, 1), "description"),
	                    "indented");
	got_free(&g);
}

static void
test_decimal_comma(void **state)
{
	struct tmp *t = *state;
	const char *p = t->dir;
	struct got g;

	export(t, "", small_elements, RH, PH "\r\n\"id-g\",\"Weight\",\"1,5\"");
	assert_int_equal(load(&g, &p, 1, AK_LOAD_DECIMAL_COMMA), AK_OK);
	assert_true(json_real_value(json_object_get(json_array_get(g.records, 0),
	                                            "weight")) == 1.5);
	got_free(&g);
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_non_null(strstr(error_at(&g, 0), "goal id-g: field weight: "));
	got_free(&g);
}

static void
test_older_archi_headers(void **state)
{
	struct tmp *t = *state;
	struct got g;

	/* Archi before 4.9 writes no Specialization column; the header is
	 * matched ignoring case, as Archi's import matches it. */
	export(t, "", "\"ID\",\"TYPE\",\"name\",\"Documentation\""
	       "\r\n\"id-m\",\"ArchimateModel\",\"M\",\"\""
	       "\r\n\"id-g\",\"Goal\",\"G\",\"\""
	       "\r\n\"id-w\",\"WorkPackage\",\"W\",\"\"",
	       "\"ID\",\"Type\",\"Name\",\"Documentation\",\"Source\",\"Target\""
	       "\r\n\"id-r\",\"RealizationRelationship\",\"\",\"\",\"id-w\","
	       "\"id-g\"", PH);
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 0);
	assert_int_equal(json_array_size(g.records), 2);
	assert_non_null(json_object_get(json_array_get(g.records, 1), "supports"));
	got_free(&g);
	/* A relations file without Target is not Archi's. */
	export(t, "", small_elements,
	       "\"ID\",\"Type\",\"Source\"\r\n\"id-r\",\"Realization"
	       "Relationship\",\"id-w\"", PH);
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_non_null(strstr(error_at(&g, 0), "relations.csv:1: not an Archi "
	                       "relations file: no column \"Target\" in the "
	                       "header"));
	assert_int_equal(json_array_size(g.records), 2);
	got_free(&g);
}

static void
test_supports_property_replaces_the_walk(void **state)
{
	struct tmp *t = *state;
	char buf[256];
	struct got g;

	export(t, "", EH MODEL
	       "\r\n\"id-g\",\"Goal\",\"G\",\"\",\"\""
	       "\r\n\"id-h\",\"Outcome\",\"H\",\"\",\"\""
	       "\r\n\"id-w\",\"WorkPackage\",\"W\",\"\",\"\"",
	       small_relations,
	       PH "\r\n\"id-w\",\"Supports\",\"id-h:2\"");
	assert_int_equal(load1(&g, t->dir), AK_OK);
	supports(json_array_get(g.records, 2), buf, sizeof(buf));
	assert_string_equal(buf, "id-h");
	got_free(&g);
}

static void
test_junction_loops_and_long_paths(void **state)
{
	struct tmp *t = *state;
	enum { N = 20000 };
	FILE *e, *r;
	struct got g;
	char buf[64];

	/* Junctions in a loop lead to no goal: no parent, and no hang. */
	export(t, "", EH MODEL
	       "\r\n\"id-g\",\"Goal\",\"G\",\"\",\"\""
	       "\r\n\"id-j1\",\"Junction\",\"\",\"\",\"\""
	       "\r\n\"id-j2\",\"Junction\",\"\",\"\",\"\"",
	       RH
	       "\r\n\"id-r1\",\"RealizationRelationship\",\"\",\"\",\"id-g\","
	       "\"id-j1\",\"\""
	       "\r\n\"id-r2\",\"RealizationRelationship\",\"\",\"\",\"id-j1\","
	       "\"id-j2\",\"\""
	       "\r\n\"id-r3\",\"RealizationRelationship\",\"\",\"\",\"id-j2\","
	       "\"id-j1\",\"\"", PH);
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_null(json_object_get(json_array_get(g.records, 0), "parent"));
	got_free(&g);

	/* A path of N requirements from a work package to a goal: the walk
	 * is a loop, not a recursion. */
	assert_non_null(e = fopen(tpath(t, "elements.csv"), "wb"));
	assert_non_null(r = fopen(tpath(t, "relations.csv"), "wb"));
	fputs(EH MODEL "\r\n\"id-g\",\"Goal\",\"G\",\"\",\"\""
	      "\r\n\"id-w\",\"WorkPackage\",\"W\",\"\",\"\"", e);
	fputs(RH "\r\n\"id-r\",\"RealizationRelationship\",\"\",\"\",\"id-w\","
	      "\"id-q0\",\"\"", r);
	for (int i = 0; i < N; i++) {
		fprintf(e, "\r\n\"id-q%d\",\"Requirement\",\"Q\",\"\",\"\"", i);
		snprintf(buf, sizeof(buf), i + 1 < N ? "id-q%d" : "id-g", i + 1);
		fprintf(r, "\r\n\"id-r%d\",\"InfluenceRelationship\",\"\",\"\","
		        "\"id-q%d\",\"%s\",\"\"", i, i, buf);
	}
	fclose(e);
	fclose(r);
	assert_int_equal(load1(&g, t->dir), AK_OK);
	assert_int_equal(json_array_size(g.errors), 0);
	supports(json_array_get(g.records, 1), buf, sizeof(buf));
	assert_string_equal(buf, "id-g");
	got_free(&g);
}

/* ---- errors -------------------------------------------------------------- */

static void
test_error_export_keeps_going(void **state)
{
	static const char *const want[] = {
		"elements.csv:4: element id-gaol: unknown type \"Gaol\": not an "
		"ArchiMate element type",
		"elements.csv:5: element id-lower: unknown type \"goal\" (did you "
		"mean Goal?)",
		"elements.csv:6: element id-rel: RealizationRelationship is a "
		"relationship type (relationships belong in " DATA
		"/errors/relations.csv)",
		"elements.csv:7: row has 4 cells, the header has 5",
		"elements.csv:8: element without an ID",
		"elements.csv:9: duplicate ID id-g1 (first at " DATA
		"/errors/elements.csv:3)",
		"elements.csv:10: a second ArchimateModel row (the model's row is "
		DATA "/errors/elements.csv:2)",
		"elements.csv:11: column \"Name\": invalid UTF-8",
		"elements.csv:17: element id-notype: empty Type",
		"relations.csv:3: relationship id-r2: unknown type \"Realizes\": "
		"not an ArchiMate relationship type",
		"relations.csv:4: relationship id-r3: Goal is an element type, not "
		"a relationship type",
		"relations.csv:5: relationship id-r4 (RealizationRelationship): "
		"target id-missing is not in the model",
		"relations.csv:6: relationship id-r5 (InfluenceRelationship): "
		"empty source",
		"relations.csv:7: relationship id-r6 (AssociationRelationship): "
		"target id-model is the model, not an element",
		"relations.csv:9: duplicate ID id-r1 (first at " DATA
		"/errors/relations.csv:2)",
		"relations.csv:10: relationship id-r8 (RealizationRelationship): "
		"source id-gone is not in the model",
		"relations.csv:11: relationship id-r9: unknown type "
		"\"realizationrelationship\" (did you mean "
		"RealizationRelationship?)",
		"properties.csv:2: property \"Owner\" of id-nowhere: no element or "
		"relationship has that ID",
		"properties.csv:3: property \"Owner\" without an ID",
		"elements.csv:12: goal id-heavy: field weight: \"heavy\" is not a "
		"number",
		"elements.csv:13: duplicate id id-g1 (first at " DATA
		"/errors/elements.csv:3)",
		"elements.csv:14: goal id-noname: missing required field title",
		"properties.csv:6: goal id-props: property \"Title\" is not "
		"allowed: the element's name is the title",
		"properties.csv:8: goal id-props: property \"owner\" given twice "
		"(first at " DATA "/errors/properties.csv:7)",
		"properties.csv:11: goal id-props: property \"kpi2.measures\" is "
		"not allowed: a kpi measures the element it is a property of",
		"properties.csv:9: goal id-props: kpi properties without \"kpi\", "
		"the kpi's name",
	};
	struct got g;
	char buf[1024];

	(void)state;
	assert_int_equal(load1(&g, DATA "/errors"), AK_OK);
	assert_int_equal(json_array_size(g.errors), NELEMS(want));
	for (size_t i = 0; i < NELEMS(want); i++) {
		const char *code = strstr(want[i], "duplicate id") ? "-5" : "-3";
		snprintf(buf, sizeof(buf), "%s %s/errors/%s", code, DATA, want[i]);
		assert_string_equal(error_at(&g, i), buf);
	}
	/* What is left loads: the valid goal, the goal with bad properties,
	 * the work package (its supports property names a goal that failed:
	 * gap-find reports that), and the second KPI. */
	assert_int_equal(json_array_size(g.records), 4);
	assert_string_equal(str(find(&g, "Valid goal"), "id"), "id-g1");
	assert_string_equal(str(find(&g, "Bad properties"), "owner"), "Ann");
	assert_string_equal(str(find(&g, "Second KPI"), "id"), "id-props-kpi2");
	assert_int_equal(json_integer_value(json_object_get(
	                 find(&g, "Second KPI"), "target")), 10);
	got_free(&g);
}

static void
test_broken_files(void **state)
{
	struct got g;

	(void)state;
	/* A header that is not Archi's ends the model. */
	assert_int_equal(load1(&g, DATA "/bad-header"), AK_OK);
	assert_int_equal(json_array_size(g.errors), 1);
	assert_string_equal(error_at(&g, 0), "-3 " DATA "/bad-header/"
	                    "elements.csv:1: not an Archi elements file: no "
	                    "column \"ID\" in the header");
	assert_int_equal(json_array_size(g.records), 0);
	got_free(&g);
	/* A quoting error ends its file; the other files still count. */
	assert_int_equal(load1(&g, DATA "/bad-quoting"), AK_OK);
	assert_int_equal(json_array_size(g.errors), 2);
	assert_string_equal(error_at(&g, 0), "-3 " DATA "/bad-quoting/"
	                    "relations.csv:3: text after the closing quote of a "
	                    "cell");
	assert_string_equal(error_at(&g, 1), "-3 " DATA "/bad-quoting/"
	                    "properties.csv:3: a quoted cell is not closed");
	assert_int_equal(json_array_size(g.records), 2);
	assert_string_equal(str(find(&g, "Valid goal"), "owner"), "Ann");
	assert_non_null(json_object_get(find(&g, "Valid work"), "supports"));
	got_free(&g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_records_in_order),
		cmocka_unit_test(test_src_is_the_row_where_it_starts),
		cmocka_unit_test(test_goal_fields_from_properties),
		cmocka_unit_test(test_documentation_becomes_description),
		cmocka_unit_test(test_parent_rules),
		cmocka_unit_test(test_supports_rules),
		cmocka_unit_test(test_initiative_fields),
		cmocka_unit_test(test_kpis_from_properties),
		cmocka_unit_test(test_semicolon_bom_and_tab_read_the_same),
		cmocka_unit_test(test_text_option_gives_the_json),
		cmocka_unit_test(test_handler_stops_the_load),
		cmocka_unit_test_setup_teardown(test_files_named_one_by_one, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_paths_that_name_no_export,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strict_stops_at_the_first_error,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_excel_compatible_cells, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_decimal_comma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_older_archi_headers, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(
			test_supports_property_replaces_the_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junction_loops_and_long_paths,
		                                setup, teardown),
		cmocka_unit_test(test_error_export_keeps_going),
		cmocka_unit_test(test_broken_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
