/* Unit tests of lib/model.c: typed goals, initiatives and KPIs with their
 * defaults, the shared id index, duplicates, and the measurement reader. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/model.h"

static json_t *
parse(const char *text)
{
	json_error_t jerr;
	json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);

	if (v == NULL)
		fail_msg("bad test input %s: %s", text, jerr.text);
	return v;
}

/* Adds the record in text; returns the code, err filled. */
static int
add(ak_model *m, ak_kind kind, const char *src, int flags, const char *text,
    ak_error *err)
{
	json_t *rec = parse(text);
	int rc;

	ak_error_clear(err);
	rc = ak_model_add(m, rec, kind, src, flags, err);
	/* The model must not keep a hold on the caller's record. */
	json_decref(rec);
	return rc;
}

static void
add_ok(ak_model *m, ak_kind kind, const char *src, const char *text)
{
	ak_error err;
	int rc = add(m, kind, src, 0, text, &err);

	if (rc != AK_OK)
		fail_msg("%s: %d %s", text, rc, err.text);
}

static int
setup(void **state)
{
	ak_model *m;

	if (ak_model_new(&m) != AK_OK)
		return -1;
	*state = m;
	return 0;
}

static int
teardown(void **state)
{
	ak_model_free(*state);
	return 0;
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(ak_status_name(AK_STATUS_ACTIVE), "active");
	assert_string_equal(ak_status_name(AK_STATUS_RETIRED), "retired");
	assert_string_equal(ak_status_name(AK_STATUS_PROPOSED), "proposed");
	assert_string_equal(ak_status_name(AK_STATUS_DONE), "done");
	assert_string_equal(ak_status_name(AK_STATUS_CANCELLED), "cancelled");
	assert_string_equal(ak_direction_name(AK_DIRECTION_UP), "up");
	assert_string_equal(ak_direction_name(AK_DIRECTION_DOWN), "down");
	assert_string_equal(ak_direction_name(AK_DIRECTION_RANGE), "range");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_LAST), "last");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_SUM), "sum");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_AVG), "avg");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_MIN), "min");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_MAX), "max");
	assert_string_equal(ak_aggregate_name(AK_AGGREGATE_COUNT), "count");
	assert_string_equal(ak_status_name((ak_status)42), "");
	ak_model_free(NULL);
}

static void
test_empty_model(void **state)
{
	ak_model *m = *state;
	size_t n = 99;

	assert_null(ak_model_goals(m, &n));
	assert_int_equal(n, 0);
	ak_model_initiatives(m, &n);
	assert_int_equal(n, 0);
	ak_model_kpis(m, &n);
	assert_int_equal(n, 0);
	assert_null(ak_model_goal(m, "G1"));
	assert_null(ak_model_goal(m, NULL));
	assert_int_equal(ak_model_kind_of(m, "G1"), AK_KIND_OTHER);
	assert_int_equal(ak_model_kind_of(m, NULL), AK_KIND_OTHER);
}

static void
test_goal_defaults(void **state)
{
	ak_model *m = *state;
	const ak_goal *g;
	size_t n;

	add_ok(m, AK_KIND_GOAL, NULL, "{\"id\":\" G1 \",\"title\":\"Grow\"}");
	g = ak_model_goals(m, &n);
	assert_int_equal(n, 1);
	assert_string_equal(g->id, "G1");
	assert_string_equal(g->title, "Grow");
	assert_null(g->parent);
	assert_null(g->perspective);
	assert_null(g->owner);
	assert_true(g->weight == 1);
	assert_int_equal(g->status, AK_STATUS_ACTIVE);
	assert_int_equal(g->due, AK_DATE_NONE);
	assert_null(g->src);
	/* The record is the normalized one; defaults are not written in. */
	assert_string_equal(json_string_value(json_object_get(g->record, "kind")),
	                    "goal");
	assert_null(json_object_get(g->record, "weight"));
	/* Strings are borrowed from the record. */
	assert_ptr_equal(g->title,
	                 json_string_value(json_object_get(g->record, "title")));
	assert_ptr_equal(ak_model_goal(m, "G1"), g);
}

static void
test_goal_fields(void **state)
{
	ak_model *m = *state;
	const ak_goal *g;

	add_ok(m, AK_KIND_GOAL, "goals.csv:3",
	       "{\"id\":\"G2\",\"title\":\"Cut churn\",\"parent\":\"G1\","
	       "\"weight\":2.5,\"perspective\":\"customer\",\"owner\":\"Ann\","
	       "\"status\":\"retired\",\"due\":\"2026-12-31\",\"x\":1}");
	g = ak_model_goal(m, "G2");
	assert_non_null(g);
	assert_string_equal(g->parent, "G1");
	assert_string_equal(g->perspective, "customer");
	assert_string_equal(g->owner, "Ann");
	assert_true(g->weight == 2.5);
	assert_int_equal(g->status, AK_STATUS_RETIRED);
	assert_int_equal(g->due, ak_date_from_ymd(2026, 12, 31));
	assert_string_equal(g->src, "goals.csv:3");
	assert_int_equal(json_integer_value(json_object_get(g->record, "x")), 1);
}

static void
test_initiative(void **state)
{
	ak_model *m = *state;
	const ak_initiative *in;

	add_ok(m, AK_KIND_INITIATIVE, NULL, "{\"id\":\"I1\",\"title\":\"T\"}");
	in = ak_model_initiative(m, "I1");
	assert_non_null(in);
	assert_int_equal(in->nsupports, 0);
	assert_null(in->supports);
	assert_null(in->owner);
	assert_null(in->sponsor);
	assert_int_equal(in->status, AK_STATUS_ACTIVE);
	assert_false(in->has_budget);
	assert_int_equal(in->start, AK_DATE_NONE);
	assert_int_equal(in->end, AK_DATE_NONE);

	assert_int_equal(add(m, AK_KIND_INITIATIVE, "i.csv:3", AK_RECORD_TEXT,
	                     "{\"id\":\"I2\",\"title\":\"T\",\"supports\":"
	                     "\"G1;G2:3\",\"owner\":\"Ida\",\"sponsor\":\"Bo\","
	                     "\"status\":\"done\",\"budget\":\"0\","
	                     "\"start\":\"2026-01-05\",\"end\":\"2026-06-30\"}",
	                     &(ak_error){0}), AK_OK);
	in = ak_model_initiative(m, "I2");
	assert_non_null(in);
	assert_int_equal(in->nsupports, 2);
	assert_string_equal(in->supports[0].goal, "G1");
	assert_true(in->supports[0].weight == 1);
	assert_string_equal(in->supports[1].goal, "G2");
	assert_true(in->supports[1].weight == 3);
	assert_string_equal(in->owner, "Ida");
	assert_string_equal(in->sponsor, "Bo");
	assert_int_equal(in->status, AK_STATUS_DONE);
	assert_true(in->has_budget);
	assert_true(in->budget == 0);
	assert_int_equal(in->start, ak_date_from_ymd(2026, 1, 5));
	assert_int_equal(in->end, ak_date_from_ymd(2026, 6, 30));
	assert_string_equal(in->src, "i.csv:3");

	add_ok(m, AK_KIND_INITIATIVE, NULL,
	       "{\"id\":\"I3\",\"title\":\"T\",\"status\":\"proposed\","
	       "\"supports\":[]}");
	in = ak_model_initiative(m, "I3");
	assert_int_equal(in->status, AK_STATUS_PROPOSED);
	assert_int_equal(in->nsupports, 0);
	add_ok(m, AK_KIND_INITIATIVE, NULL,
	       "{\"id\":\"I4\",\"title\":\"T\",\"status\":\"cancelled\"}");
	assert_int_equal(ak_model_initiative(m, "I4")->status,
	                 AK_STATUS_CANCELLED);
}

static void
test_kpi_defaults(void **state)
{
	ak_model *m = *state;
	const ak_kpi *k;

	add_ok(m, AK_KIND_KPI, NULL,
	       "{\"id\":\"K1\",\"name\":\"Uptime\",\"measures\":\"G1\","
	       "\"target\":99.9}");
	k = ak_model_kpi(m, "K1");
	assert_non_null(k);
	assert_string_equal(k->measures, "G1");
	assert_int_equal(k->direction, AK_DIRECTION_UP);
	assert_int_equal(k->has, AK_KPI_TARGET);
	assert_true(k->target == 99.9);
	assert_int_equal(k->aggregate, AK_AGGREGATE_LAST);
	assert_int_equal(k->stale_after, 2);
	assert_true(k->weight == 1);
	assert_int_equal(k->status, AK_STATUS_ACTIVE);
	assert_int_equal(k->start, AK_DATE_NONE);
	assert_int_equal(k->due, AK_DATE_NONE);
	assert_null(k->unit);
	assert_null(k->business_owner);
	assert_null(k->it_owner);
	assert_null(k->src);
}

static void
test_kpi_fields(void **state)
{
	ak_model *m = *state;
	const ak_kpi *k;

	add_ok(m, AK_KIND_KPI, "kpis.csv:2",
	       "{\"id\":\"K2\",\"name\":\"Temp\",\"measures\":\"I1\","
	       "\"direction\":\"range\",\"min\":18,\"max\":24,\"red_min\":10,"
	       "\"red_max\":30,\"start\":\"2026-01-01\",\"due\":\"2026-12-31\","
	       "\"aggregate\":\"avg\",\"cadence\":\"quarter\",\"stale_after\":5,"
	       "\"weight\":0.5,\"unit\":\"C\",\"business_owner\":\"Bo\","
	       "\"it_owner\":\"Ida\",\"status\":\"retired\"}");
	k = ak_model_kpi(m, "K2");
	assert_non_null(k);
	assert_int_equal(k->direction, AK_DIRECTION_RANGE);
	assert_int_equal(k->has, AK_KPI_MIN | AK_KPI_MAX | AK_KPI_RED_MIN |
	                 AK_KPI_RED_MAX | AK_KPI_CADENCE);
	assert_true(k->min == 18 && k->max == 24);
	assert_true(k->red_min == 10 && k->red_max == 30);
	assert_int_equal(k->start, ak_date_from_ymd(2026, 1, 1));
	assert_int_equal(k->due, ak_date_from_ymd(2026, 12, 31));
	assert_int_equal(k->aggregate, AK_AGGREGATE_AVG);
	assert_int_equal(k->cadence, AK_PERIOD_QUARTER);
	assert_int_equal(k->stale_after, 5);
	assert_true(k->weight == 0.5);
	assert_string_equal(k->unit, "C");
	assert_string_equal(k->business_owner, "Bo");
	assert_string_equal(k->it_owner, "Ida");
	assert_int_equal(k->status, AK_STATUS_RETIRED);
	assert_string_equal(k->src, "kpis.csv:2");

	add_ok(m, AK_KIND_KPI, NULL,
	       "{\"id\":\"K3\",\"name\":\"Cost\",\"measures\":\"G1\","
	       "\"direction\":\"down\",\"target\":5,\"baseline\":9,\"red\":8,"
	       "\"aggregate\":\"count\",\"cadence\":\"week\"}");
	k = ak_model_kpi(m, "K3");
	assert_int_equal(k->direction, AK_DIRECTION_DOWN);
	assert_int_equal(k->has, AK_KPI_TARGET | AK_KPI_BASELINE | AK_KPI_RED |
	                 AK_KPI_CADENCE);
	assert_true(k->target == 5 && k->baseline == 9 && k->red == 8);
	assert_int_equal(k->aggregate, AK_AGGREGATE_COUNT);
	assert_int_equal(k->cadence, AK_PERIOD_WEEK);
}

static void
test_decimal_comma(void **state)
{
	ak_model *m = *state;
	ak_error err;

	assert_int_equal(add(m, AK_KIND_KPI, NULL,
	                     AK_RECORD_TEXT | AK_RECORD_DECIMAL_COMMA,
	                     "{\"id\":\"K1\",\"name\":\"N\",\"measures\":\"G1\","
	                     "\"target\":\"83,5\"}", &err), AK_OK);
	assert_true(ak_model_kpi(m, "K1")->target == 83.5);
	assert_int_equal(add(m, AK_KIND_KPI, NULL, AK_RECORD_TEXT,
	                     "{\"id\":\"K2\",\"name\":\"N\",\"measures\":\"G1\","
	                     "\"target\":\"83,5\"}", &err), AK_EINPUT);
	assert_string_equal(err.text,
	                    "kpi K2: field target: \"83,5\" is not a number");
	assert_null(ak_model_kpi(m, "K2"));
}

static void
test_lookup_by_kind(void **state)
{
	ak_model *m = *state;

	add_ok(m, AK_KIND_GOAL, NULL, "{\"id\":\"G1\",\"title\":\"T\"}");
	add_ok(m, AK_KIND_INITIATIVE, NULL, "{\"id\":\"I1\",\"title\":\"T\"}");
	add_ok(m, AK_KIND_KPI, NULL,
	       "{\"id\":\"K1\",\"name\":\"N\",\"measures\":\"G1\",\"target\":1}");
	assert_int_equal(ak_model_kind_of(m, "G1"), AK_KIND_GOAL);
	assert_int_equal(ak_model_kind_of(m, "I1"), AK_KIND_INITIATIVE);
	assert_int_equal(ak_model_kind_of(m, "K1"), AK_KIND_KPI);
	assert_int_equal(ak_model_kind_of(m, "X"), AK_KIND_OTHER);
	assert_non_null(ak_model_goal(m, "G1"));
	assert_null(ak_model_goal(m, "I1"));
	assert_null(ak_model_goal(m, "K1"));
	assert_null(ak_model_initiative(m, "G1"));
	assert_non_null(ak_model_initiative(m, "I1"));
	assert_null(ak_model_initiative(m, "K1"));
	assert_null(ak_model_kpi(m, "G1"));
	assert_null(ak_model_kpi(m, "I1"));
	assert_non_null(ak_model_kpi(m, "K1"));
	/* Lookups take the id as stored: trimmed. */
	assert_null(ak_model_goal(m, " G1"));
}

static void
test_duplicates(void **state)
{
	ak_model *m = *state;
	ak_error err;
	size_t n;

	add_ok(m, AK_KIND_GOAL, "goals.csv:2", "{\"id\":\"G1\",\"title\":\"T\"}");
	add_ok(m, AK_KIND_GOAL, NULL, "{\"id\":\"G2\",\"title\":\"T\"}");
	/* Across kinds: one namespace. */
	assert_int_equal(add(m, AK_KIND_KPI, "kpis.csv:9", 0,
	                     "{\"id\":\" G1\",\"name\":\"N\",\"measures\":\"G1\","
	                     "\"target\":1}", &err), AK_EDUPLICATE);
	assert_string_equal(err.text, "duplicate id G1 (first at goals.csv:2)");
	assert_int_equal(add(m, AK_KIND_GOAL, NULL, 0,
	                     "{\"id\":\"G1\",\"title\":\"Other\"}", &err),
	                 AK_EDUPLICATE);
	assert_string_equal(err.text, "duplicate id G1 (first at goals.csv:2)");
	assert_int_equal(add(m, AK_KIND_INITIATIVE, "i.csv:4", 0,
	                     "{\"id\":\"G2\",\"title\":\"T\",\"supports\":[\"G1\"]}",
	                     &err), AK_EDUPLICATE);
	assert_string_equal(err.text, "duplicate id G2");
	/* Nothing was added, and the first stays. */
	ak_model_goals(m, &n);
	assert_int_equal(n, 2);
	ak_model_kpis(m, &n);
	assert_int_equal(n, 0);
	ak_model_initiatives(m, &n);
	assert_int_equal(n, 0);
	assert_string_equal(ak_model_goal(m, "G1")->title, "T");
	assert_int_equal(ak_model_kind_of(m, "G2"), AK_KIND_GOAL);
}

static void
test_refused_records(void **state)
{
	ak_model *m = *state;
	ak_error err;
	size_t n;

	assert_int_equal(add(m, AK_KIND_MEASUREMENT, NULL, 0,
	                     "{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":1}",
	                     &err), AK_EUSAGE);
	assert_string_equal(err.text, "the model holds goals, initiatives and "
	                    "kpis, not records of kind measurement");
	assert_int_equal(add(m, AK_KIND_OTHER, NULL, 0, "{\"id\":\"X\"}", &err),
	                 AK_EUSAGE);
	assert_string_equal(err.text, "the model holds goals, initiatives and "
	                    "kpis, not records of kind other");
	assert_int_equal(add(m, AK_KIND_GOAL, NULL, 0,
	                     "{\"id\":\"G1\",\"title\":\"T\",\"due\":\"2026-02-30\"}",
	                     &err), AK_EINPUT);
	assert_string_equal(err.text,
	                    "goal G1: field due: \"2026-02-30\" is not a valid date");
	assert_int_equal(add(m, AK_KIND_INITIATIVE, NULL, 0, "{\"id\":\"I2\"}",
	                     &err), AK_EINPUT);
	assert_string_equal(err.text, "initiative I2: missing required field title");
	ak_model_goals(m, &n);
	assert_int_equal(n, 0);
	ak_model_initiatives(m, &n);
	assert_int_equal(n, 0);
	assert_int_equal(ak_model_kind_of(m, "G1"), AK_KIND_OTHER);
	/* A bad record does not take its id. */
	add_ok(m, AK_KIND_GOAL, NULL, "{\"id\":\"G1\",\"title\":\"T\"}");
}

/* 50k KPIs (gap-find's scale): every lookup finds its own record after
 * the arrays have moved many times. */
static void
test_many(void **state)
{
	enum { N = 50000 };
	ak_model *m = *state;
	char text[160], id[32];
	const ak_kpi *k, *all;
	size_t n;
	for (int i = 0; i < N; i++) {
		snprintf(text, sizeof(text),
		         "{\"id\":\"K%d\",\"name\":\"N\",\"measures\":\"G%d\","
		         "\"target\":%d}", i, i % 100, i);
		add_ok(m, AK_KIND_KPI, NULL, text);
		if (i % 1000 == 0) {
			snprintf(text, sizeof(text),
			         "{\"id\":\"G%d\",\"title\":\"T\"}", i / 1000);
			add_ok(m, AK_KIND_GOAL, NULL, text);
		}
	}
	all = ak_model_kpis(m, &n);
	assert_int_equal(n, N);
	/* Speed is measured in bench/, not asserted here. */
	for (int i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "K%d", i);
		k = ak_model_kpi(m, id);
		if (k != &all[i] || k->target != i)
			fail_msg("lookup of %s", id);
	}
	assert_int_equal(ak_model_kind_of(m, "G49"), AK_KIND_GOAL);
	assert_string_equal(ak_model_goal(m, "G49")->id, "G49");
}

/* ---- ak_measurement_read --------------------------------------------- */

static void
read_ok(const char *text, const char *kpi, ak_date at, double value)
{
	json_t *rec = parse(text);
	ak_measurement ms;
	ak_error err;

	ak_error_clear(&err);
	if (ak_measurement_read(&ms, rec, &err) != AK_OK)
		fail_msg("%s: %s", text, err.text);
	assert_string_equal(ms.kpi, kpi);
	assert_ptr_equal(ms.kpi,
	                 json_string_value(json_object_get(rec, "kpi")));
	assert_int_equal(ms.at, at);
	assert_true(ms.value == value);
	json_decref(rec);
}

static void
read_bad(const char *text, const char *want)
{
	json_t *rec = parse(text);
	ak_measurement ms;
	ak_error err;

	ak_error_clear(&err);
	assert_int_equal(ak_measurement_read(&ms, rec, &err), AK_EINPUT);
	if (strcmp(err.text, want) != 0)
		fail_msg("%s\n  got  %s\n  want %s", text, err.text, want);
	json_decref(rec);
}

static void
test_measurement_read(void **state)
{
	(void)state;
	read_ok("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-23\","
	        "\"value\":97}", "K1", ak_date_from_ymd(2026, 11, 23), 97);
	read_ok("{\"kpi\":\"K1\",\"at\":\"2026-11-23T00:30:00+01:00\","
	        "\"value\":-0.5,\"note\":\"x\"}",
	        "K1", ak_date_from_ymd(2026, 11, 22), -0.5);
	read_ok("{\"kpi\":\"K 1\",\"at\":\"2026-11-23T23:30:00-01:00\","
	        "\"value\":1e300,\"note\":null,\"extra\":[1]}",
	        "K 1", ak_date_from_ymd(2026, 11, 24), 1e300);

	read_bad("{\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: missing required field kpi");
	read_bad("{\"kpi\":1,\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: field kpi: expected a string");
	read_bad("{\"kpi\":\"\",\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: field kpi: an id must not be empty");
	read_bad("{\"kpi\":\"K\\u00071\",\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: field kpi: an id must not contain control "
	         "characters");
	read_bad("{\"kpi\":\" K1\",\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: field kpi: an id must not have surrounding "
	         "white space");
	read_bad("{\"kpi\":\"K1 \",\"at\":\"2026-11-23\",\"value\":1}",
	         "measurement: field kpi: an id must not have surrounding "
	         "white space");
	read_bad("{\"kpi\":\"K1\",\"value\":1}",
	         "measurement: missing required field at");
	read_bad("{\"kpi\":\"K1\",\"at\":20261123,\"value\":1}",
	         "measurement: field at: expected a string");
	read_bad("{\"kpi\":\"K1\",\"at\":\"2026-02-29\",\"value\":1}",
	         "measurement: field at: \"2026-02-29\" is not a valid date or "
	         "date-time");
	read_bad("{\"kpi\":\"K1\",\"at\":\"2026-11-23\"}",
	         "measurement: missing required field value");
	{
		/* null: not applicable in its period. */
		json_t *rec = parse("{\"kpi\":\"K1\",\"at\":\"2026-11-23\","
		                    "\"value\":null,\"note\":\"shutdown\"}");
		ak_measurement ms;
		ak_error err;
		assert_int_equal(ak_measurement_read(&ms, rec, &err), AK_OK);
		assert_true(ms.is_null);
		assert_true(ms.value == 0);
		json_decref(rec);
	}
	read_bad("{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":\"97\"}",
	         "measurement: field value: expected a number");
	read_bad("{\"kpi\":\"K1\",\"at\":\"2026-11-23\",\"value\":1,\"note\":5}",
	         "measurement: field note: expected a string");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test_setup_teardown(test_empty_model, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goal_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_initiative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kpi_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kpi_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decimal_comma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookup_by_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_records, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_many, setup, teardown),
		cmocka_unit_test(test_measurement_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
