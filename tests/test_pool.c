/* Unit tests of lib/pool.c, the string pool, and of what is built on it:
 * the map that borrows its keys and the compact model (gap-find's). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alignkit/map.h"
#include "alignkit/model.h"
#include "map_internal.h"
#include "model_internal.h"
#include "pool_internal.h"

static char *
pool_printf(ak_pool *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = ak_pool_vprintf(p, fmt, ap);
	va_end(ap);
	return s;
}

/* Arrays between strings: each aligned for any type, none overlapping
 * what came before, across chunks and for one too large to share one. */
static void
test_aligned_arrays(void **state)
{
	ak_pool p = {0};
	double *big;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		char *s = ak_pool_strndup(&p, "odd", (size_t)(i % 3));
		double *d = ak_pool_alloc(&p, 3 * sizeof(double));

		assert_non_null(s);
		assert_non_null(d);
		assert_int_equal((uintptr_t)d % _Alignof(max_align_t), 0);
		d[0] = d[1] = d[2] = i;
		assert_int_equal(strlen(s), (size_t)(i % 3));
		assert_true((char *)d >= s + strlen(s) + 1 || (char *)d + 24 <= s);
	}
	big = ak_pool_alloc(&p, 1 << 20);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % _Alignof(max_align_t), 0);
	memset(big, 0, 1 << 20);
	assert_non_null(ak_pool_alloc(&p, 0));
	ak_pool_clear(&p);
}

/* 200,000 strings over many chunks: each keeps its bytes while later ones
 * are added. */
static void
test_strings_stay(void **state)
{
	enum { N = 200000 };
	ak_pool p = {0};
	char **s = malloc(N * sizeof(*s)), want[32];
	int oom = 0;

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "G%07d", i);
		s[i] = i % 2 ? ak_pool_strdup(&p, want, &oom)
		             : pool_printf(&p, "G%07d", i);
		assert_non_null(s[i]);
	}
	assert_int_equal(oom, 0);
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "G%07d", i);
		assert_string_equal(s[i], want);
	}
	free(s);
	ak_pool_clear(&p);
	assert_null(p.head);
}

/* NULL stays NULL and is no failure; n bytes with a NUL inside are kept
 * whole; "" is a string. */
static void
test_null_and_bytes(void **state)
{
	ak_pool p = {0};
	int oom = 0;
	char *s;

	(void)state;
	assert_null(ak_pool_strdup(&p, NULL, &oom));
	assert_int_equal(oom, 0);
	s = ak_pool_strndup(&p, "ab\0cd", 5);
	assert_non_null(s);
	assert_memory_equal(s, "ab\0cd", 6);
	assert_string_equal(ak_pool_strdup(&p, "", &oom), "");
	assert_string_equal(pool_printf(&p, "%s", ""), "");
	ak_pool_clear(&p);
}

/* A string larger than a chunk gets its own; the strings before and after
 * it, in the shared chunk, are untouched; so is a message that does not
 * fit in what is left of a chunk. */
static void
test_large_strings(void **state)
{
	size_t big = 1000000;
	char *text = malloc(big + 1), *a, *b, *c, *d;
	ak_pool p = {0};

	(void)state;
	assert_non_null(text);
	memset(text, 'x', big);
	text[big] = '\0';
	a = ak_pool_strndup(&p, "before", 6);
	b = ak_pool_strndup(&p, text, big);
	c = ak_pool_strndup(&p, "after", 5);
	d = pool_printf(&p, "[%s]", text);
	assert_string_equal(a, "before");
	assert_int_equal(strlen(b), big);
	assert_memory_equal(b, text, big);
	assert_string_equal(c, "after");
	assert_int_equal(strlen(d), big + 2);
	assert_int_equal(d[0], '[');
	assert_int_equal(d[big + 1], ']');
	/* Messages of 1,000 bytes cross chunk ends again and again. */
	text[1000] = '\0';
	for (int i = 0; i < 300; i++) {
		char *m = pool_printf(&p, "%d %s", i, text);
		char head[16];
		snprintf(head, sizeof(head), "%d ", i);
		assert_int_equal(strncmp(m, head, strlen(head)), 0);
		assert_int_equal(strlen(m), strlen(head) + 1000);
	}
	assert_string_equal(a, "before");
	assert_string_equal(c, "after");
	free(text);
	ak_pool_clear(&p);
	/* A cleared pool is ready again. */
	assert_string_equal(ak_pool_strndup(&p, "again", 5), "again");
	ak_pool_clear(&p);
}

/* A borrowing map keeps the caller's pointers: the key it hands back is
 * the very string put, and freeing the map leaves the strings alone. */
static void
test_borrowing_map(void **state)
{
	ak_pool p = {0};
	ak_map *m = NULL;
	char *keys[1000];
	const char *key;
	void *value;
	size_t pos = 0, seen = 0;
	int v = 7;

	(void)state;
	assert_int_equal(ak_map_new_borrowing(&m), AK_OK);
	for (int i = 0; i < 1000; i++) {
		keys[i] = pool_printf(&p, "K%d", i);
		assert_int_equal(ak_map_put(m, keys[i], &v), AK_OK);
	}
	assert_int_equal(ak_map_count(m), 1000);
	assert_ptr_equal(ak_map_get(m, "K999"), &v);
	assert_null(ak_map_get(m, "K1000"));
	while (ak_map_next(m, &pos, &key, &value)) {
		int i = atoi(key + 1);
		assert_ptr_equal(key, keys[i]);
		seen++;
	}
	assert_int_equal(seen, 1000);
	ak_map_free(m);
	assert_string_equal(keys[0], "K0");
	ak_pool_clear(&p);
}

static json_t *
parse(const char *text)
{
	json_t *rec = json_loads(text, 0, NULL);

	assert_non_null(rec);
	return rec;
}

/* A compact model gives the same typed views as a model that keeps
 * records, with no record; duplicates are refused the same way. */
static void
test_compact_model(void **state)
{
	static const char *const records[] = {
		"{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Grow\","
		"\"perspective\":\"customer\",\"owner\":\"Ann\"}",
		"{\"kind\":\"goal\",\"id\":\"G2\",\"title\":\"Sub\",\"parent\":"
		"\"G1\",\"status\":\"retired\"}",
		"{\"kind\":\"initiative\",\"id\":\"I1\",\"title\":\"Do\","
		"\"supports\":[\"G1\",{\"goal\":\"G2\",\"weight\":3}],"
		"\"owner\":\"Bo\",\"sponsor\":\"Cy\",\"budget\":5}",
		"{\"kind\":\"kpi\",\"id\":\"K1\",\"name\":\"Rate\",\"measures\":"
		"\"G1\",\"unit\":\"%\",\"target\":9,\"business_owner\":\"D\","
		"\"it_owner\":\"E\"}",
	};
	static const ak_kind kinds[] = {AK_KIND_GOAL, AK_KIND_GOAL,
	                                AK_KIND_INITIATIVE, AK_KIND_KPI};
	ak_model *full = NULL, *compact = NULL;
	const ak_goal *g;
	const ak_initiative *in;
	const ak_kpi *k;
	ak_error err;
	json_t *rec;

	(void)state;
	assert_int_equal(ak_model_new(&full), AK_OK);
	assert_int_equal(ak_model_new_compact(&compact), AK_OK);
	for (size_t i = 0; i < 4; i++) {
		char src[16];
		snprintf(src, sizeof(src), "m.jsonl:%zu", i + 1);
		rec = parse(records[i]);
		assert_int_equal(ak_model_add(full, rec, kinds[i], src, 0, &err),
		                 AK_OK);
		assert_int_equal(ak_model_add(compact, rec, kinds[i], src, 0,
		                              &err), AK_OK);
		json_decref(rec);
	}
	g = ak_model_goal(compact, "G2");
	assert_non_null(g);
	assert_null(g->record);
	assert_string_equal(g->title, "Sub");
	assert_string_equal(g->parent, "G1");
	assert_string_equal(g->src, "m.jsonl:2");
	assert_int_equal(g->status, AK_STATUS_RETIRED);
	assert_null(g->owner);
	g = ak_model_goal(compact, "G1");
	assert_string_equal(g->perspective, "customer");
	assert_string_equal(g->owner, "Ann");
	in = ak_model_initiative(compact, "I1");
	assert_non_null(in);
	assert_null(in->record);
	assert_int_equal(in->nsupports, 2);
	assert_string_equal(in->supports[0].goal, "G1");
	assert_string_equal(in->supports[1].goal, "G2");
	assert_true(in->supports[1].weight == 3);
	assert_string_equal(in->sponsor, "Cy");
	k = ak_model_kpi(compact, "K1");
	assert_non_null(k);
	assert_null(k->record);
	assert_string_equal(k->name, "Rate");
	assert_string_equal(k->measures, "G1");
	assert_string_equal(k->unit, "%");
	assert_string_equal(k->it_owner, "E");
	assert_true(k->target == 9);
	assert_non_null(ak_model_kpi(full, "K1")->record);

	rec = parse("{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"x\"}");
	assert_int_equal(ak_model_add(compact, rec, AK_KIND_GOAL, "n.csv:4", 0,
	                              &err), AK_EDUPLICATE);
	assert_string_equal(err.text, "duplicate id G1 (first at m.jsonl:1)");
	json_decref(rec);
	rec = parse("{\"kind\":\"target\",\"kpi\":\"K1\",\"from\":\"2026-W40\","
	            "\"target\":12}");
	assert_int_equal(ak_model_add_target(compact, rec, "t.csv:2", 0, &err),
	                 AK_OK);
	json_decref(rec);
	{
		size_t n;
		const ak_target *t = ak_model_targets(compact, &n);
		ak_kpi in_force;
		assert_int_equal(n, 1);
		assert_null(t[0].record);
		assert_string_equal(t[0].kpi, "K1");
		assert_string_equal(t[0].src, "t.csv:2");
		assert_int_equal(ak_model_in_force(compact, k, 30000, &in_force), 1);
		assert_true(in_force.target == 12);
	}
	ak_model_free(full);
	ak_model_free(compact);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_stay),
		cmocka_unit_test(test_null_and_bytes),
		cmocka_unit_test(test_large_strings),
		cmocka_unit_test(test_aligned_arrays),
		cmocka_unit_test(test_borrowing_map),
		cmocka_unit_test(test_compact_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
