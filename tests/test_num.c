/* Unit tests of lib/num.c: the one number format and the strict parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "alignkit/num.h"

static const char *
fmt(double v)
{
	static char buf[AK_NUM_BUFSIZE];

	ak_num_format(buf, sizeof(buf), v);
	return buf;
}

static void
test_format_integral(void **state)
{
	(void)state;
	assert_string_equal(fmt(97.0), "97");
	assert_string_equal(fmt(-3.0), "-3");
	assert_string_equal(fmt(0.0), "0");
	assert_string_equal(fmt(-0.0), "0");
	assert_string_equal(fmt(1e15), "1000000000000000");
	assert_string_equal(fmt(1e300), "1e+300");
}

static void
test_format_shortest(void **state)
{
	(void)state;
	assert_string_equal(fmt(0.5), "0.5");
	assert_string_equal(fmt(0.1), "0.1");
	assert_string_equal(fmt(83.5), "83.5");
	/* 0.1 + 0.2 needs 17 digits to read back. */
	assert_string_equal(fmt(0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(fmt(1.0 / 3.0), "0.3333333333333333");
	assert_string_equal(fmt(DBL_MIN), "2.2250738585072014e-308");
}

static void
test_format_reads_back(void **state)
{
	char buf[AK_NUM_BUFSIZE];
	double v = 1.0;

	(void)state;
	for (int i = 0; i < 2000; i++) {
		double back = 0;
		v = v * 1.37 + 0.013;
		if (v > 1e200)
			v = 1e-5;
		ak_num_format(buf, sizeof(buf), v);
		assert_int_equal(ak_num_parse(&back, buf, strlen(buf), 0, NULL), AK_OK);
		assert_true(back == v);
	}
}

static void
test_round4(void **state)
{
	(void)state;
	assert_string_equal(fmt(ak_num_round4(0.83333333)), "0.8333");
	assert_string_equal(fmt(ak_num_round4(0.66666)), "0.6667");
	assert_string_equal(fmt(ak_num_round4(1.0)), "1");
	assert_string_equal(fmt(ak_num_round4(-0.00001)), "0");
	assert_string_equal(fmt(ak_num_round4(0.00005)), "0.0001");
	/* From the double's exact value, ties to even, as printf("%.4f"):
	 * 0.66665 is 0.666649999..., 0.98105 is 0.981049999..., 0.81835 is
	 * 0.818350000...02; 0.03125 and 0.00015625 are exact ties. */
	assert_string_equal(fmt(ak_num_round4(0.66665)), "0.6666");
	assert_string_equal(fmt(ak_num_round4((1 + 0.9621) / 2)), "0.981");
	assert_string_equal(fmt(ak_num_round4(0.81835)), "0.8184");
	assert_string_equal(fmt(ak_num_round4(0.03125)), "0.0312");
	assert_string_equal(fmt(ak_num_round4(-0.03125)), "-0.0312");
	assert_string_equal(fmt(ak_num_round4(0.09375)), "0.0938");
	assert_string_equal(fmt(ak_num_round4(0.99995)), "1");
}

static int
parse(double *v, const char *s, int flags, ak_error *err)
{
	return ak_num_parse(v, s, strlen(s), flags, err);
}

static void
test_parse_valid(void **state)
{
	double v = -1;

	(void)state;
	assert_int_equal(parse(&v, "42", 0, NULL), AK_OK);
	assert_true(v == 42);
	assert_int_equal(parse(&v, " -3.25 ", 0, NULL), AK_OK);
	assert_true(v == -3.25);
	assert_int_equal(parse(&v, "+1e3", 0, NULL), AK_OK);
	assert_true(v == 1000);
	assert_int_equal(parse(&v, ".5", 0, NULL), AK_OK);
	assert_true(v == 0.5);
	assert_int_equal(parse(&v, "5.", 0, NULL), AK_OK);
	assert_true(v == 5);
	assert_int_equal(parse(&v, "-0", 0, NULL), AK_OK);
	assert_false(signbit(v));
	assert_int_equal(parse(&v, "1e-400", 0, NULL), AK_OK); /* underflow to 0 */
}

static void
test_parse_decimal_comma(void **state)
{
	double v = 0;
	ak_error err;

	(void)state;
	assert_int_equal(parse(&v, "83,5", AK_NUM_DECIMAL_COMMA, &err), AK_OK);
	assert_true(v == 83.5);
	assert_int_equal(parse(&v, "83,5", 0, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"83,5\" is not a number");
	assert_int_equal(parse(&v, "1,000,5", AK_NUM_DECIMAL_COMMA, &err), AK_EINPUT);
	/* SPEC §4: '.', a space, U+00A0 or U+202F group thousands, in threes
	 * only and all alike; the number is never one its writer did not
	 * mean. */
	static const struct { const char *in; double v; } good[] = {
		{"1.234.567,5", 1234567.5}, {"12 500", 12500}, {"181240,50", 181240.5},
		{"121.005", 121005}, {"1\xc2\xa0" "234,75", 1234.75},
		{"-1\xe2\x80\xaf" "000", -1000}, {"  7 ", 7}, {"1,5e3", 1500},
		{"999.999.999,999", 999999999.999}, {",5", 0.5},
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(parse(&v, good[i].in, AK_NUM_DECIMAL_COMMA, &err),
		                 AK_OK);
		assert_true(v == good[i].v);
	}
	static const char *const wrong[] = {
		"1.23", "1234.567", "1.234 567", "1..234", "12.34.567", "1.2345",
		"1.234.", ".234", "1 2", "1,2,3", "1.234,5.6",
	};
	for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++)
		assert_int_equal(parse(&v, wrong[i], AK_NUM_DECIMAL_COMMA, &err),
		                 AK_EINPUT);
	assert_int_equal(parse(&v, "3.5", AK_NUM_DECIMAL_COMMA, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"3.5\" is not a number with a decimal "
	                    "comma (\".\" groups thousands in threes: "
	                    "1.234.567,5); write 3,5");
	assert_int_equal(parse(&v, "121.00", AK_NUM_DECIMAL_COMMA, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"121.00\" is not a number with a decimal "
	                    "comma (\".\" groups thousands in threes: "
	                    "1.234.567,5); write 121,00");
	assert_int_equal(parse(&v, "ninety", AK_NUM_DECIMAL_COMMA, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"ninety\" is not a number");
}

/* Surrounding white space, the toolkit's one definition of it
 * (util_internal.h), is not part of the number. */
static void
test_parse_trims(void **state)
{
	double v = 0;
	ak_error err;

	(void)state;
	assert_int_equal(parse(&v, " \t83.5\r\n", 0, &err), AK_OK);
	assert_true(v == 83.5);
	assert_int_equal(parse(&v, "\v7\f", 0, &err), AK_OK);
	assert_true(v == 7);
	assert_int_equal(parse(&v, "8 3", 0, &err), AK_EINPUT);
}

static void
test_parse_rejects(void **state)
{
	static const char *bad[] = {
		"", " ", "ninety", "NaN", "nan", "inf", "Infinity", "-inf", "0x10",
		"1e", "1e+", "--1", "1.2.3", "12abc", "1 2", ".", "-", "e5",
	};
	double v = 7;
	ak_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&v, bad[i], 0, &err), AK_EINPUT);
		assert_true(v == 7);
	}
	parse(&v, "ninety", 0, &err);
	assert_string_equal(err.text, "\"ninety\" is not a number");
	assert_int_equal(parse(&v, "1e400", 0, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"1e400\" is out of range");
	assert_int_equal(parse(&v, "-1e309", 0, &err), AK_EINPUT);
}

static void
test_parse_long_input(void **state)
{
	char digits[200];
	double v = 0;
	ak_error err;

	(void)state;
	memset(digits, '1', sizeof(digits) - 1);
	digits[sizeof(digits) - 1] = '\0';
	assert_int_equal(parse(&v, digits, 0, &err), AK_OK);
	assert_true(v > 1e198);
	digits[150] = 'x';
	assert_int_equal(parse(&v, digits, 0, &err), AK_EINPUT);
	/* The message quotes at most 40 bytes. */
	assert_true(strlen(err.text) < 80);
}

/* Parsing and printing ignore the program's locale. */
static void
test_locale_independent(void **state)
{
	double v = 0;

	(void)state;
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") == NULL &&
	    setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL)
		skip();
	assert_int_equal(parse(&v, "2.5", 0, NULL), AK_OK);
	assert_true(v == 2.5);
	assert_string_equal(fmt(2.5), "2.5");
	setlocale(LC_NUMERIC, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_integral),
		cmocka_unit_test(test_format_shortest),
		cmocka_unit_test(test_format_reads_back),
		cmocka_unit_test(test_round4),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_decimal_comma),
		cmocka_unit_test(test_parse_trims),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_long_input),
		cmocka_unit_test(test_locale_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
