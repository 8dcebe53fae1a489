/* The toolkit's one number format (SPEC §1) and a strict, locale-free
 * number parser.  Both run in the "C" numeric locale whatever the program's
 * locale is, through uselocale(), so "83.5" means the same everywhere. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/num.h"
#include "util_internal.h"

static locale_t
c_locale(void)
{
	static locale_t loc = (locale_t)0;

	if (loc == (locale_t)0)
		loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return loc;
}

/* Runs snprintf with the C numeric locale in force. */
static int
format_c(char *buf, size_t size, int precision, double v)
{
	locale_t loc = c_locale(), old = (locale_t)0;
	int n;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	n = snprintf(buf, size, "%.*g", precision, v);
	if (loc != (locale_t)0)
		uselocale(old);
	return n;
}

static double
strtod_c(const char *s, char **end)
{
	locale_t loc = c_locale(), old = (locale_t)0;
	double v;

	if (loc != (locale_t)0)
		old = uselocale(loc);
	v = strtod(s, end);
	if (loc != (locale_t)0)
		uselocale(old);
	return v;
}

size_t
ak_num_format(char *buf, size_t size, double v)
{
	int n = 0;

	if (v == 0)
		v = 0; /* -0 prints as 0 */
	/* Integral values that fit a long long print as integers. */
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		n = snprintf(buf, size, "%lld", (long long)v);
		return n < 0 ? 0 : (size_t)n;
	}
	for (int precision = 15; precision <= 17; precision++) {
		n = format_c(buf, size, precision, v);
		if (strtod_c(buf, NULL) == v)
			break;
	}
	return n < 0 ? 0 : (size_t)n;
}

/* Rounds from v's exact binary value, ties to even, as printf("%.4f")
 * does (SPEC §1): v × 10⁴ is p + err exactly (fma gives the error of the
 * product), and the side of the half-way point is decided on that exact
 * sum, not on the rounded product (0.66665 is 0.666649999... and rounds
 * to 0.6666, where round(v * 1e4) gives 0.6667). */
double
ak_num_round4(double v)
{
	double p, err, f, d, n, r;

	if (!isfinite(v) || fabs(v) >= 1e11)
		return v;
	p = v * 10000.0;
	err = fma(v, 10000.0, -p);
	f = floor(p);
	/* p - f and d are exact: f is within 1 of p, and 0.5 is a multiple
	 * of p's ulp at these magnitudes. */
	d = (p - f) - 0.5;
	if (d > 0 || (d == 0 && err > 0))
		n = f + 1;
	else if (d < 0 || (d == 0 && err < 0))
		n = f;
	else
		n = fmod(f, 2) == 0 ? f : f + 1;
	/* d < 0 but p - f + err may still reach 1 (p just below an
	 * integer with a positive error): only when p - f = 1 - ulp, which
	 * the exact sum decides the same way, since |err| <= ulp/2. */
	r = n / 10000.0;
	return r == 0 ? 0 : r;
}

/* A decimal number: [sign] digits [. digits] [e [sign] digits], or with a
 * leading or trailing point ("5.", ".5") as spreadsheets write them. */
static int
scan_number(const char *s, size_t len, char point)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < len && s[i] == point) {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t exp = 0;
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++, exp++;
		if (exp == 0)
			return 0;
	}
	return i == len;
}

/* The length of a thousands separator at s[0..n) in the decimal-comma
 * form: '.', a space, U+00A0 or U+202F; 0 for anything else. */
static size_t
group_mark(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == '.' || s[0] == ' '))
		return 1;
	if (n >= 2 && memcmp(s, "\xc2\xa0", 2) == 0)
		return 2;
	if (n >= 3 && memcmp(s, "\xe2\x80\xaf", 3) == 0)
		return 3;
	return 0;
}

/* The decimal-comma form (SPEC §4): [sign] digits, grouped in threes by
 * one kind of mark when grouped at all, [',' digits] [exponent].  Writes
 * the number in C form ("1234567.5") into c (room for n + 1 bytes) and
 * returns 1; returns 0 when s[0..n) is not in that form. */
static int
decimal_comma(char *c, const char *s, size_t n)
{
	size_t i = 0, o = 0, run = 0, mark = 0, m;
	int grouped = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		c[o++] = s[i++];
	for (; i < n; i++) {
		if (ak_is_digit(s[i])) {
			c[o++] = s[i];
			run++;
			continue;
		}
		if ((m = group_mark(s + i, n - i)) == 0)
			break;
		/* The first group has 1 to 3 digits, every later one 3, and
		 * all are marked alike. */
		if (run == 0 || run > 3 || (grouped && run != 3) ||
		    (grouped && (m != mark || memcmp(s + i, s + i - run - mark, m) != 0)))
			return 0;
		grouped = 1;
		mark = m;
		run = 0;
		i += m - 1;
	}
	if (grouped && run != 3)
		return 0;
	if (i < n && s[i] == ',') {
		c[o++] = '.';
		for (i++; i < n && ak_is_digit(s[i]); i++)
			c[o++] = s[i];
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		for (; i < n; i++)
			c[o++] = s[i];
	}
	c[o] = '\0';
	return i == n && scan_number(c, o, '.');
}

int
ak_num_parse(double *out, const char *s, size_t len, int flags, ak_error *err)
{
	char small[64], *copy = small, *end;
	const char *p = s;
	size_t n = len;
	char point = '.';
	double v;
	int rc = AK_OK;

	ak_trim(&p, &n);
	if (flags & AK_NUM_DECIMAL_COMMA) {
		if (n + 1 > sizeof(small) && (copy = malloc(n + 1)) == NULL)
			return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
		if (!decimal_comma(copy, p, n)) {
			int shown = n > 40 ? 40 : (int)n;
			const char *dot = memchr(p, '.', n);
			if (copy != small)
				free(copy);
			/* A point that groups no thousands is a decimal point the
			 * writer meant: say how to write it, never guess. */
			if (dot != NULL && memchr(dot + 1, '.', n - (size_t)(dot - p) - 1) == NULL &&
			    memchr(p, ',', n) == NULL && n <= 40)
				return ak_error_set(err, AK_EINPUT, NULL, 0,
				                    "\"%.*s\" is not a number with a decimal "
				                    "comma (\".\" groups thousands in threes: "
				                    "1.234.567,5); write %.*s,%.*s",
				                    shown, p, (int)(dot - p), p,
				                    (int)(n - (size_t)(dot - p) - 1), dot + 1);
			if (dot != NULL)
				return ak_error_set(err, AK_EINPUT, NULL, 0,
				                    "\"%.*s%s\" is not a number with a decimal "
				                    "comma (\".\" groups thousands in threes: "
				                    "1.234.567,5)", shown, p, n > 40 ? "..." : "");
			return ak_error_set(err, AK_EINPUT, NULL, 0,
			                    "\"%.*s%s\" is not a number", shown, p,
			                    n > 40 ? "..." : "");
		}
		goto convert;
	}
	if (!scan_number(p, n, point)) {
		/* Quote at most 40 bytes of the offending text. */
		int shown = len > 40 ? 40 : (int)len;
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "\"%.*s%s\" is not a number", shown, s,
		                    len > 40 ? "..." : "");
	}
	if (n + 1 > sizeof(small) && (copy = malloc(n + 1)) == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	memcpy(copy, p, n);
	copy[n] = '\0';
convert:
	errno = 0;
	v = strtod_c(copy, &end);
	if (*end != '\0')
		rc = ak_error_set(err, AK_EINPUT, NULL, 0,
		                  "\"%.*s\" is not a number", (int)n, copy);
	else if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1))
		rc = ak_error_set(err, AK_EINPUT, NULL, 0,
		                  "\"%.*s\" is out of range", n > 40 ? 40 : (int)n, p);
	else
		*out = v == 0 ? 0 : v;
	if (copy != small)
		free(copy);
	return rc;
}

/* ---- numbers for people ------------------------------------------------
 * Reports round what a person reads: sums and means of decimals carry
 * binary noise (471940.89999999997, 3.4000000000000004) that no one
 * measured.  At most 4 decimals, trailing zeros dropped; a magnitude below
 * 1 keeps 4 significant digits so that 0.00012345 does not become 0. */
size_t
ak_num_display(char *buf, size_t size, double v)
{
	double a = fabs(v);
	int decimals = 4, n;
	locale_t loc = c_locale(), old = (locale_t)0;
	char *p;

	if (a >= 1e15 || v == floor(v))
		return ak_num_format(buf, size, v);
	if (a < 1) {
		/* 0.0x...: 4 significant digits, never more than 15 decimals */
		int lead = (int)-floor(log10(a)) - 1;

		decimals = lead + 4 > 15 ? 15 : lead + 4;
	}
	if (loc != (locale_t)0)
		old = uselocale(loc);
	n = snprintf(buf, size, "%.*f", decimals, v);
	if (loc != (locale_t)0)
		uselocale(old);
	if (n < 0 || (size_t)n >= size)
		return ak_num_format(buf, size, v);
	if (strchr(buf, '.') != NULL) {
		p = buf + n;
		while (p[-1] == '0')
			*--p = '\0';
		if (p[-1] == '.')
			*--p = '\0';
		n = (int)(p - buf);
	}
	if (strcmp(buf, "-0") == 0) {
		buf[0] = '0';
		buf[1] = '\0';
		n = 1;
	}
	return (size_t)n;
}
