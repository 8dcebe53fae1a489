/* Unit tests of lib/map.c, the string-keyed hash map behind the id index. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "alignkit/error.h"
#include "alignkit/map.h"

static void
test_put_get_replace(void **state)
{
	ak_map *m = NULL;
	int a = 1, b = 2;

	(void)state;
	assert_int_equal(ak_map_new(&m), AK_OK);
	assert_non_null(m);
	assert_null(ak_map_get(m, "G1"));
	assert_int_equal(ak_map_put(m, "G1", &a), 0);
	assert_ptr_equal(ak_map_get(m, "G1"), &a);
	assert_int_equal(ak_map_put(m, "G1", &b), 0);
	assert_ptr_equal(ak_map_get(m, "G1"), &b);
	assert_int_equal(ak_map_count(m), 1);
	assert_null(ak_map_get(m, "G2"));
	assert_null(ak_map_get(m, ""));
	ak_map_free(m);
	ak_map_free(NULL);
}

static void
test_keys_are_copied(void **state)
{
	ak_map *m = NULL;
	char key[8] = "K1";
	int v = 5;

	(void)state;
	assert_int_equal(ak_map_new(&m), AK_OK);
	ak_map_put(m, key, &v);
	strcpy(key, "XX");
	assert_ptr_equal(ak_map_get(m, "K1"), &v);
	assert_null(ak_map_get(m, "XX"));
	ak_map_free(m);
}

static void
test_many_keys_and_iteration(void **state)
{
	enum { N = 100000 };
	static int values[N];
	ak_map *m = NULL;
	char key[32];
	const char *k;
	void *v;
	size_t pos = 0, seen = 0;

	(void)state;
	assert_int_equal(ak_map_new(&m), AK_OK);
	for (int i = 0; i < N; i++) {
		values[i] = i;
		snprintf(key, sizeof(key), "kpi-%d", i);
		assert_int_equal(ak_map_put(m, key, &values[i]), 0);
	}
	assert_int_equal(ak_map_count(m), N);
	for (int i = 0; i < N; i += 997) {
		snprintf(key, sizeof(key), "kpi-%d", i);
		assert_ptr_equal(ak_map_get(m, key), &values[i]);
	}
	while (ak_map_next(m, &pos, &k, &v)) {
		int i = *(int *)v;
		snprintf(key, sizeof(key), "kpi-%d", i);
		assert_string_equal(k, key);
		seen++;
	}
	assert_int_equal(seen, N);
	ak_map_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get_replace),
		cmocka_unit_test(test_keys_are_copied),
		cmocka_unit_test(test_many_keys_and_iteration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
