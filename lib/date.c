/* Calendar dates as day counts (days since 1970-01-01), with the civil
 * date conversions of Howard Hinnant's "chrono-compatible low-level date
 * algorithms", which are exact over the whole proleptic Gregorian range. */
#include <string.h>
#include <time.h>

#include "alignkit/date.h"
#include "date_internal.h"
#include "util_internal.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
ak_date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

int
ak_date_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	       day >= 1 && day <= ak_date_days_in_month(year, month);
}

ak_date
ak_date_from_ymd(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (ak_date)(era * 146097 + doe - 719468);
}

void
ak_date_to_ymd(int *year, int *month, int *day, ak_date d)
{
	int z = d + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = doy - (153 * mp + 2) / 5 + 1;
}

int
ak_date_weekday(ak_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((d % 7 + 7 + 3) % 7);

	return w + 1;
}

int
ak_digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (!ak_is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
quote_error(ak_error *err, const char *s, size_t len, const char *what)
{
	int shown = len > 40 ? 40 : (int)len;

	return ak_error_set(err, AK_EINPUT, NULL, 0, "\"%.*s%s\" is not a valid %s",
	                    shown, s, len > 40 ? "..." : "", what);
}

static int
parse_ymd(ak_date *out, const char *s)
{
	int y = ak_digits(s, 4), m = ak_digits(s + 5, 2), d = ak_digits(s + 8, 2);

	if (y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-' ||
	    !ak_date_valid(y, m, d))
		return -1;
	*out = ak_date_from_ymd(y, m, d);
	return 0;
}

int
ak_date_parse(ak_date *out, const char *s, size_t len, ak_error *err)
{
	const char *p = s;
	size_t n = len;

	ak_trim(&p, &n);
	if (n != 10 || parse_ymd(out, p) != 0)
		return quote_error(err, s, len, "date");
	return AK_OK;
}

int
ak_date_parse_instant(ak_date *day, int64_t *nanos, const char *s, size_t len,
                      ak_error *err)
{
	const char *p = s;
	size_t n = len, i;
	int hh, mm, ss, offset = 0;
	long minutes;
	int64_t frac = 0;
	ak_date d;

	ak_trim(&p, &n);
	if (n < 10 || parse_ymd(&d, p) != 0)
		return quote_error(err, s, len, "date or date-time");
	if (n == 10) {
		*day = d;
		*nanos = 0;
		return AK_OK;
	}
	/* RFC 3339: date "T" hh:mm:ss [.frac] ("Z" | ("+"|"-") hh:mm) */
	if (n < 20 || (p[10] != 'T' && p[10] != 't' && p[10] != ' '))
		return quote_error(err, s, len, "date or date-time");
	hh = ak_digits(p + 11, 2);
	mm = ak_digits(p + 14, 2);
	ss = ak_digits(p + 17, 2);
	if (hh < 0 || mm < 0 || ss < 0 || p[13] != ':' || p[16] != ':' ||
	    hh > 23 || mm > 59 || ss > 60)
		return quote_error(err, s, len, "date or date-time");
	i = 19;
	if (p[i] == '.') {
		size_t start = ++i;
		int64_t scale = 100000000;
		/* Nanoseconds: digits beyond the ninth are too fine to order. */
		while (i < n && ak_is_digit(p[i])) {
			frac += (p[i] - '0') * scale;
			scale /= 10;
			i++;
		}
		if (i == start)
			return quote_error(err, s, len, "date or date-time");
	}
	if (i < n && (p[i] == 'Z' || p[i] == 'z') && i + 1 == n) {
		offset = 0;
	} else if (i + 6 == n && (p[i] == '+' || p[i] == '-') && p[i + 3] == ':') {
		int oh = ak_digits(p + i + 1, 2), om = ak_digits(p + i + 4, 2);
		if (oh < 0 || om < 0 || oh > 23 || om > 59)
			return quote_error(err, s, len, "date or date-time");
		offset = (oh * 60 + om) * (p[i] == '-' ? -1 : 1);
	} else {
		return quote_error(err, s, len, "date or date-time");
	}
	/* Local time minus the offset is UTC. */
	minutes = (long)hh * 60 + mm - offset;
	if (minutes < 0) {
		d -= 1;
		minutes += 24 * 60;
	} else if (minutes >= 24 * 60) {
		d += 1;
		minutes -= 24 * 60;
	}
	if (d < AK_DATE_MIN || d > AK_DATE_MAX)
		return quote_error(err, s, len, "date or date-time");
	*day = d;
	/* A leap second (ss 60) comes after every other second of its
	 * minute and before the next minute. */
	*nanos = ((int64_t)minutes * 60 + ss) * 1000000000 + frac;
	return AK_OK;
}

int
ak_date_parse_at(ak_date *out, const char *s, size_t len, ak_error *err)
{
	int64_t nanos;

	return ak_date_parse_instant(out, &nanos, s, len, err);
}

void
ak_date_format(char buf[AK_DATE_BUFSIZE], ak_date d)
{
	int y, m, dd;

	ak_date_to_ymd(&y, &m, &dd, d);
	/* Years stay within 1..9999: four digits always fit. */
	buf[0] = (char)('0' + y / 1000 % 10);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

ak_date
ak_date_today(void)
{
	time_t now = time(NULL);

	return (ak_date)(now / 86400 - (now % 86400 < 0));
}

/* ---- form timestamps ---------------------------------------------------- */

/* Reads 1 to max digits at s[*i]; their value, or -1 when there is none.
 * *ndigits says how many were read. */
static int
stamp_number(const char *s, size_t len, size_t *i, int max, int *ndigits)
{
	int v = 0, n = 0;

	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*ndigits = n;
	return n > 0 ? v : -1;
}

/* Whether s[i..len) starts with word, in any case; moves i past it. */
static int
stamp_word(const char *s, size_t len, size_t *i, const char *word)
{
	size_t n = strlen(word);

	if (len - *i < n)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (ak_ascii_lower(s[*i + k]) != word[k])
			return 0;
	*i += n;
	return 1;
}

static void
stamp_space(const char *s, size_t len, size_t *i)
{
	while (*i < len && s[*i] == ' ')
		(*i)++;
}

/* Whether s[i..len) is a time of day a form writes after its date:
 * "9:14", "09:14:03", "9:14:03.250", then " AM" or " PM", then "GMT",
 * "UTC" or "Z" with an offset ("+1", "-05:00"), or an offset alone; or
 * nothing at all. */
static int
stamp_time(const char *s, size_t len, size_t i)
{
	int h, m, nd;

	stamp_space(s, len, &i);
	if (i == len)
		return 1;
	if ((h = stamp_number(s, len, &i, 2, &nd)) < 0 || h > 23 ||
	    i >= len || s[i++] != ':' ||
	    (m = stamp_number(s, len, &i, 2, &nd)) < 0 || nd != 2 || m > 59)
		return 0;
	if (i < len && s[i] == ':') {
		i++;
		if (stamp_number(s, len, &i, 2, &nd) < 0 || nd != 2)
			return 0;
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			i++;
			if (stamp_number(s, len, &i, 9, &nd) < 0)
				return 0;
		}
	}
	stamp_space(s, len, &i);
	if (stamp_word(s, len, &i, "am") || stamp_word(s, len, &i, "pm")) {
		if (h < 1 || h > 12)
			return 0;
		stamp_space(s, len, &i);
	}
	if (!stamp_word(s, len, &i, "gmt") && !stamp_word(s, len, &i, "utc"))
		stamp_word(s, len, &i, "z");
	if (i < len && (s[i] == '+' || s[i] == '-')) {
		i++;
		if (stamp_number(s, len, &i, 2, &nd) < 0 || nd == 0)
			return 0;
		if (i < len && s[i] == ':') {
			i++;
			if (stamp_number(s, len, &i, 2, &nd) < 0 || nd != 2)
				return 0;
		}
	}
	return i == len;
}

static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

int
ak_date_parse_stamp(ak_date *out, const char *s, size_t len, ak_error *err)
{
	size_t i = 0;
	int a, b, c, na, nb, nc, y, m, d;
	char sep;

	ak_trim(&s, &len);
	if (ak_date_parse_at(out, s, len, NULL) == AK_OK)
		return AK_OK;
	a = stamp_number(s, len, &i, 4, &na);
	sep = i < len ? s[i] : '\0';
	if (a < 0 || (sep != '/' && sep != '.' && sep != '-'))
		goto bad;
	i++;
	if ((b = stamp_number(s, len, &i, 2, &nb)) < 0 || i >= len || s[i] != sep)
		goto bad;
	i++;
	c = stamp_number(s, len, &i, 4, &nc);
	if (c < 0 || (i < len && s[i] != ' ' && s[i] != 'T' && s[i] != 't') ||
	    !stamp_time(s, len, i < len && s[i] != ' ' ? i + 1 : i))
		goto bad;
	if (na == 4 && nc <= 2) {
		y = a, m = b, d = c;
	} else if (na <= 2 && nc == 4) {
		y = c;
		if (sep == '.' || a > 12 || a == b) {
			d = a, m = b;
		} else if (b > 12) {
			m = a, d = b;
		} else {
			return ak_error_set(
			        err, AK_EINPUT, NULL, 0,
			        "\"%.*s\" could be %d %s or %s %d: write the date "
			        "year first (%04d-%02d-%02d or %04d-%02d-%02d), or set "
			        "the spreadsheet to ISO dates (yyyy-mm-dd)",
			        (int)(len > 40 ? 40 : len), s, a, month_names[b - 1],
			        month_names[a - 1], b, y, b, a, y, a, b);
		}
	} else if (na <= 2 && nc == 2) {
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "\"%.*s\" has a two-digit year: write the year "
		                    "with four digits (20%02d), or the date as "
		                    "yyyy-mm-dd", (int)(len > 40 ? 40 : len), s, c);
	} else {
		goto bad;
	}
	if (!ak_date_valid(y, m, d))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "\"%.*s\" is not a day of the calendar",
		                    (int)(len > 40 ? 40 : len), s);
	*out = ak_date_from_ymd(y, m, d);
	return AK_OK;
bad:
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "\"%.*s\" is not a date or a timestamp (write "
	                    "2026-11-18, 2026-11-18T09:14:03Z, or a form's "
	                    "2026/11/18 9:14:03)",
	                    (int)(len > 40 ? 40 : len), s);
}
