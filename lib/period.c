/* Periods (SPEC §5): ISO 8601 weeks with their week-year, months,
 * quarters and years, as first and last day. */
#include <stdio.h>
#include <string.h>

#include "alignkit/period.h"
#include "date_internal.h"
#include "util_internal.h"

static const char *const kind_names[] = {"week", "month", "quarter", "year"};

int
ak_period_kind_parse(ak_period_kind *out, const char *name)
{
	for (int k = 0; k < 4; k++) {
		if (name != NULL && strcmp(name, kind_names[k]) == 0) {
			*out = (ak_period_kind)k;
			return AK_OK;
		}
	}
	return AK_EUSAGE;
}

const char *
ak_period_kind_name(ak_period_kind kind)
{
	return (unsigned)kind < 4 ? kind_names[kind] : "";
}

/* Monday of ISO week 1 of ISO week-year y: the week with 4 January. */
static ak_date
iso_year_start(int y)
{
	ak_date jan4 = ak_date_from_ymd(y, 1, 4);

	return jan4 - (ak_date_weekday(jan4) - 1);
}

/* The ISO week-year and week number of d. */
static void
iso_week(ak_date d, int *year, int *week)
{
	int y, m, dd;
	ak_date start;

	ak_date_to_ymd(&y, &m, &dd, d);
	/* The Thursday of d's week decides its week-year. */
	ak_date_to_ymd(&y, &m, &dd, d - (ak_date_weekday(d) - 1) + 3);
	start = iso_year_start(y);
	*year = y;
	*week = (d - start) / 7 + 1;
}

ak_period
ak_period_of(ak_period_kind kind, ak_date d)
{
	ak_period p = {kind, d, d};
	int y, m, dd, q;

	ak_date_to_ymd(&y, &m, &dd, d);
	switch (kind) {
	case AK_PERIOD_WEEK:
		p.start = d - (ak_date_weekday(d) - 1);
		p.end = p.start + 6;
		break;
	case AK_PERIOD_MONTH:
		p.start = ak_date_from_ymd(y, m, 1);
		p.end = ak_date_from_ymd(y, m, ak_date_days_in_month(y, m));
		break;
	case AK_PERIOD_QUARTER:
		q = (m - 1) / 3;
		p.start = ak_date_from_ymd(y, q * 3 + 1, 1);
		p.end = ak_date_from_ymd(y, q * 3 + 3,
		                         ak_date_days_in_month(y, q * 3 + 3));
		break;
	case AK_PERIOD_YEAR:
		p.start = ak_date_from_ymd(y, 1, 1);
		p.end = ak_date_from_ymd(y, 12, 31);
		break;
	}
	return p;
}

ak_period
ak_period_prev(ak_period p)
{
	return ak_period_of(p.kind, p.start - 1);
}

ak_period
ak_period_next(ak_period p)
{
	return ak_period_of(p.kind, p.end + 1);
}

ak_period
ak_period_last_complete(ak_period_kind kind, ak_date as_of)
{
	ak_period p = ak_period_of(kind, as_of);

	return p.end <= as_of ? p : ak_period_prev(p);
}

size_t
ak_period_label(char buf[AK_PERIOD_BUFSIZE], ak_period p)
{
	int y, m, d, w, n = 0;

	ak_date_to_ymd(&y, &m, &d, p.start);
	switch (p.kind) {
	case AK_PERIOD_WEEK:
		iso_week(p.start, &y, &w);
		n = snprintf(buf, AK_PERIOD_BUFSIZE, "%04d-W%02d", y, w);
		break;
	case AK_PERIOD_MONTH:
		n = snprintf(buf, AK_PERIOD_BUFSIZE, "%04d-%02d", y, m);
		break;
	case AK_PERIOD_QUARTER:
		n = snprintf(buf, AK_PERIOD_BUFSIZE, "%04d-Q%d", y, (m - 1) / 3 + 1);
		break;
	case AK_PERIOD_YEAR:
		n = snprintf(buf, AK_PERIOD_BUFSIZE, "%04d", y);
		break;
	}
	return n < 0 ? 0 : (size_t)n;
}

int
ak_period_parse(ak_period *out, const char *s, size_t len, ak_error *err)
{
	const char *p = s;
	size_t n = len;
	int y, v;

	ak_trim(&p, &n);
	y = n >= 4 ? ak_digits(p, 4) : -1;
	if (y < 1)
		goto bad;
	if (n == 4) {
		*out = ak_period_of(AK_PERIOD_YEAR, ak_date_from_ymd(y, 1, 1));
		return AK_OK;
	}
	if (p[4] != '-')
		goto bad;
	if (n == 7 && (p[5] == 'Q' || p[5] == 'q') && (v = ak_digits(p + 6, 1)) >= 1 &&
	    v <= 4) {
		*out = ak_period_of(AK_PERIOD_QUARTER,
		                    ak_date_from_ymd(y, (v - 1) * 3 + 1, 1));
		return AK_OK;
	}
	if (n == 7 && (v = ak_digits(p + 5, 2)) >= 1 && v <= 12) {
		*out = ak_period_of(AK_PERIOD_MONTH, ak_date_from_ymd(y, v, 1));
		return AK_OK;
	}
	if (n == 8 && (p[5] == 'W' || p[5] == 'w') && (v = ak_digits(p + 6, 2)) >= 1) {
		ak_date start = iso_year_start(y) + (v - 1) * 7;
		int wy, ww;
		/* Week 53 exists only in some years; week 52/53 of year 9999
		 * and week 1 of year 1 stay within the calendar. */
		if (start < AK_DATE_MIN || start + 6 > AK_DATE_MAX)
			goto bad;
		iso_week(start, &wy, &ww);
		if (wy != y || ww != v)
			goto bad;
		out->kind = AK_PERIOD_WEEK;
		out->start = start;
		out->end = start + 6;
		return AK_OK;
	}
bad:
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "\"%.*s\" is not a period (2026-W47, 2026-11, 2026-Q4, 2026)",
	                    len > 40 ? 40 : (int)len, s);
}

/* A month as spreadsheets head their columns: its English name or its
 * three-letter abbreviation, in any case, then a space or '-', then a
 * four-digit year ("Jun 2026", "June 2026", "Jun-2026").  A two-digit year
 * ("Jun-26") is not taken: its century is a guess.  Returns the month
 * (1..12) and sets *year, or returns 0. */
static int
month_heading(const char *s, size_t n, int *year)
{
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	size_t i = 0;

	while (i < n && s[i] != ' ' && s[i] != '-')
		i++;
	if (i < 3 || n != i + 5 || (*year = ak_digits(s + i + 1, 4)) < 1)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(names[m]), k;
		if (i != 3 && i != full)
			continue;
		for (k = 0; k < i; k++) {
			char c = ak_ascii_lower(s[k]);
			if (c != names[m][k])
				break;
		}
		if (k == i)
			return m + 1;
	}
	return 0;
}

int
ak_period_parse_heading(ak_date *at, const char *s, size_t len, ak_error *err)
{
	const char *p = s;
	size_t n = len;
	ak_period per;
	int m, y;

	if (ak_date_parse(at, s, len, NULL) == AK_OK)
		return AK_OK;
	if (ak_period_parse(&per, s, len, NULL) == AK_OK) {
		*at = per.start;
		return AK_OK;
	}
	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if ((m = month_heading(p, n, &y)) != 0) {
		*at = ak_date_from_ymd(y, m, 1);
		return AK_OK;
	}
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "column \"%.*s\" is neither a date nor a period: "
	                    "head it with a date (2026-06-01), a week (2026-W23), "
	                    "a month (2026-06 or Jun 2026), a quarter (2026-Q2) "
	                    "or a year (2026)",
	                    len > 40 ? 40 : (int)len, s);
}
