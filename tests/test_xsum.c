/* Unit tests for exact sums (lib/xsum.c): the sum and the mean are the
 * doubles nearest the exact values, in any order and through overflowing
 * intermediates, with hand-worked expectations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <string.h>

#include "alignkit/error.h"
#include "xsum_internal.h"

/* The exact sum of v[0..n), rounded; fails when it overflows. */
static double
sum_of(const double *v, size_t n)
{
	ak_xsum x = {0};
	double out = -1;

	for (size_t i = 0; i < n; i++)
		assert_int_equal(ak_xsum_add(&x, v[i]), AK_OK);
	assert_true(ak_xsum_value(&x, &out));
	ak_xsum_free(&x);
	return out;
}

/* The exact sum of v[0..count) over n, rounded. */
static double
mean_n(const double *v, size_t count, uint64_t n)
{
	ak_xsum x = {0};
	double out;

	for (size_t i = 0; i < count; i++)
		assert_int_equal(ak_xsum_add(&x, v[i]), AK_OK);
	out = ak_xsum_mean(&x, n);
	ak_xsum_free(&x);
	return out;
}

static double
mean_of(const double *v, size_t n)
{
	return mean_n(v, n, n);
}

/* Bit for bit, so that -0.0 and 0.0 differ. */
static void
assert_same(double got, double want)
{
	if (memcmp(&got, &want, sizeof(got)) != 0)
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
test_decimal_sums(void **state)
{
	/* The doubles 0.1, 0.2, 0.3 sum exactly to 0.60000000000000000555…,
	 * nearest 0.59999999999999997780 (the double 0.6), while adding in
	 * order gives 0.60000000000000008882. */
	static const double a[] = {0.1, 0.2, 0.3}, b[] = {0.3, 0.2, 0.1};
	(void)state;
	assert_same(sum_of(a, 3), 0.6);
	assert_same(sum_of(b, 3), 0.6);
	assert_true((0.1 + 0.2) + 0.3 != 0.6);
	/* Their mean: 0.60000000000000000555 / 3 = 0.20000000000000000185,
	 * nearest the double 0.2 (0.20000000000000001110); dividing the
	 * rounded sum gives 0.19999999999999998335. */
	assert_same(mean_of(a, 3), 0.2);
	assert_true(0.6 / 3 != 0.2);
}

static void
test_cancellation(void **state)
{
	static const double a[] = {1, 1e100, -1e100}, b[] = {1e308, 1e308, -1e308};
	static const double c[] = {-1.5, 0.25}, d[] = {1, -1};
	(void)state;
	assert_same(sum_of(a, 3), 1);
	/* 2e308 on the way overflows a double; the exact sum is 1e308. */
	assert_same(sum_of(b, 3), 1e308);
	assert_same(sum_of(c, 2), -1.25);
	assert_same(sum_of(d, 2), 0);
	assert_same(sum_of(NULL, 0), 0);
}

static void
test_ties_to_even(void **state)
{
	/* 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: even is 2^53.
	 * 2^53 + 3 lies halfway between 2^53 + 2 (odd) and 2^53 + 4. */
	static const double a[] = {9007199254740992.0, 1}, b[] = {9007199254740992.0, 3};
	static const double c[] = {9007199254740992.0, 1, 0x1p-60};
	(void)state;
	assert_same(sum_of(a, 2), 9007199254740992.0);
	assert_same(sum_of(b, 2), 9007199254740996.0);
	/* A hair above halfway rounds up. */
	assert_same(sum_of(c, 3), 9007199254740994.0);
}

static void
test_overflow(void **state)
{
	ak_xsum x = {0};
	double v;
	(void)state;
	/* Eleven times 1e308: no double, but the mean is 1e308 exactly. */
	for (int i = 0; i < 11; i++)
		assert_int_equal(ak_xsum_add(&x, 1e308), AK_OK);
	assert_true(ak_xsum_maybe_huge(&x));
	assert_false(ak_xsum_value(&x, &v));
	assert_same(ak_xsum_mean(&x, 11), 1e308);
	ak_xsum_free(&x);
	/* DBL_MAX plus half its last place is halfway to 2^1024, and DBL_MAX
	 * is odd: it rounds up, beyond the largest double. */
	assert_int_equal(ak_xsum_add(&x, DBL_MAX), AK_OK);
	assert_int_equal(ak_xsum_add(&x, 0x1p970), AK_OK);
	assert_false(ak_xsum_value(&x, &v));
	assert_int_equal(ak_xsum_add(&x, -0x1p969), AK_OK);
	assert_true(ak_xsum_value(&x, &v));
	assert_same(v, DBL_MAX);
	/* (DBL_MAX + 2^969) / 2 is DBL_MAX / 2 and a quarter of its last
	 * place. */
	assert_same(ak_xsum_mean(&x, 2), DBL_MAX / 2);
	ak_xsum_free(&x);
	/* Small sums are never "maybe huge". */
	assert_int_equal(ak_xsum_add(&x, 1e290), AK_OK);
	assert_int_equal(ak_xsum_add(&x, 1e290), AK_OK);
	assert_false(ak_xsum_maybe_huge(&x));
	ak_xsum_free(&x);
}

static void
test_subnormals(void **state)
{
	static const double a[] = {0x1p-1074, 0x1p-1074}, b[] = {0x1p-1074, -0x1p-1073};
	static const double c[] = {0x1p-1074, 0x1p-1074, 0x1p-1074};
	(void)state;
	assert_same(sum_of(a, 2), 0x1p-1073);
	assert_same(sum_of(b, 2), -0x1p-1074);
	/* 3 * 2^-1074 / 2 = 1.5 * 2^-1074: halfway, even is 2 * 2^-1074. */
	assert_same(mean_n(c, 3, 2), 0x1p-1073);
	assert_same(mean_of(c, 3), 0x1p-1074);
	/* 2 * 2^-1074 / 4 = 2^-1075: halfway to 0, and 0 is even. */
	assert_same(mean_n(a, 2, 4), 0);
	/* 2 * 2^-1074 / 3: nearer 2^-1074 than 0. */
	assert_same(mean_n(a, 2, 3), 0x1p-1074);
}

static void
test_means(void **state)
{
	static const double a[] = {1, 2}, b[] = {-7, -8, -9}, c[] = {1, 1, 1, 2};
	(void)state;
	assert_same(mean_of(a, 2), 1.5);
	assert_same(mean_of(b, 3), -8);
	assert_same(mean_of(c, 4), 1.25);
	/* 1/3 and 2/3: the doubles nearest, as one division gives them. */
	assert_same(mean_n(a, 1, 3), 1.0 / 3);
	assert_same(mean_n(a + 1, 1, 3), 2.0 / 3);
	/* A count beyond 2^63: the long division's remainder outgrows 63
	 * bits.  1e300 / (2^63 + 1), one rounding. */
	assert_same(mean_n((const double[]){1e300}, 1, (UINT64_C(1) << 63) + 1),
	            1e300 / 9223372036854775809.0);
}

static void
test_carries(void **state)
{
	ak_xsum x = {0}, y = {0};
	double v;
	(void)state;
	/* Terms whose digits carry: (2^32 - 1) a thousand times, exactly. */
	for (int i = 0; i < 1000; i++)
		assert_int_equal(ak_xsum_add(&x, 4294967295.0), AK_OK);
	assert_true(ak_xsum_value(&x, &v));
	assert_same(v, 4294967295000.0);
	/* Merging is the same as adding the terms. */
	assert_int_equal(ak_xsum_add(&y, -4294967295.0), AK_OK);
	assert_int_equal(ak_xsum_add(&y, 0.5), AK_OK);
	assert_int_equal(ak_xsum_merge(&x, &y), AK_OK);
	assert_true(ak_xsum_value(&x, &v));
	assert_same(v, 4290672327705.5);
	assert_int_equal(ak_xsum_merge(&y, &x), AK_OK);
	assert_true(ak_xsum_value(&y, &v));
	assert_same(v, 4290672327705.5 - 4294967295.0 + 0.5);
	ak_xsum_free(&x);
	ak_xsum_free(&y);
	/* An empty sum merges as 0. */
	assert_int_equal(ak_xsum_merge(&x, &y), AK_OK);
	assert_true(ak_xsum_value(&x, &v));
	assert_same(v, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_sums),
		cmocka_unit_test(test_cancellation),
		cmocka_unit_test(test_ties_to_even),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_subnormals),
		cmocka_unit_test(test_means),
		cmocka_unit_test(test_carries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
