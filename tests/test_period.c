/* Unit tests of lib/date.c and lib/period.c: the calendar (29 February,
 * years 1 and 9999), RFC 3339 date-times whose UTC date differs from the
 * local one, ISO weeks (week 53, week-years that differ from the calendar
 * year), months, quarters, years, labels and complete periods. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "alignkit/date.h"
#include "alignkit/period.h"

static ak_date
day(const char *s)
{
	ak_date d;
	ak_error err;

	if (ak_date_parse(&d, s, strlen(s), &err) != AK_OK)
		fail_msg("bad test date %s: %s", s, err.text);
	return d;
}

static void
assert_day(ak_date d, const char *want)
{
	char buf[AK_DATE_BUFSIZE];

	ak_date_format(buf, d);
	assert_string_equal(buf, want);
}

static void
assert_label(ak_period p, const char *want)
{
	char buf[AK_PERIOD_BUFSIZE];
	size_t n = ak_period_label(buf, p);

	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

/* The period of kind holding day s has this label, start and end. */
static void
assert_period(ak_period_kind kind, const char *s, const char *label,
              const char *start, const char *end)
{
	ak_period p = ak_period_of(kind, day(s));

	assert_int_equal(p.kind, kind);
	assert_label(p, label);
	assert_day(p.start, start);
	assert_day(p.end, end);
}

static int
at(ak_date *out, const char *s)
{
	return ak_date_parse_at(out, s, strlen(s), NULL);
}

static void
test_epoch_and_weekdays(void **state)
{
	(void)state;
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("1969-12-31"), -1);
	assert_int_equal(ak_date_weekday(0), 4);               /* Thursday */
	assert_int_equal(ak_date_weekday(-1), 3);
	assert_int_equal(ak_date_weekday(day("2026-11-23")), 1);
	assert_int_equal(ak_date_weekday(day("2026-11-22")), 7);
	assert_int_equal(ak_date_weekday(day("1900-01-01")), 1);
}

static void
test_leap_days(void **state)
{
	ak_date d;
	ak_error err;
	int y, m, dd;

	(void)state;
	assert_true(ak_date_valid(2024, 2, 29));
	assert_true(ak_date_valid(2000, 2, 29));
	assert_false(ak_date_valid(2026, 2, 29));
	assert_false(ak_date_valid(1900, 2, 29));
	assert_false(ak_date_valid(2100, 2, 29));
	assert_true(ak_date_valid(4, 2, 29));
	assert_int_equal(ak_date_days_in_month(2024, 2), 29);
	assert_int_equal(ak_date_days_in_month(2026, 2), 28);
	assert_int_equal(ak_date_parse(&d, "2024-02-29", 10, &err), AK_OK);
	ak_date_to_ymd(&y, &m, &dd, d);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(dd, 29);
	assert_int_equal(d + 1, day("2024-03-01"));
	assert_int_equal(ak_date_parse(&d, "2026-02-29", 10, &err), AK_EINPUT);
	assert_string_equal(err.text, "\"2026-02-29\" is not a valid date");
	assert_int_equal(ak_date_parse(&d, "2026-02-30", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "1900-02-29", 10, NULL), AK_EINPUT);
	/* February of a leap year is a month of 29 days; its quarter holds it. */
	assert_period(AK_PERIOD_MONTH, "2024-02-29", "2024-02", "2024-02-01", "2024-02-29");
	assert_period(AK_PERIOD_MONTH, "2026-02-14", "2026-02", "2026-02-01", "2026-02-28");
	assert_period(AK_PERIOD_QUARTER, "2024-02-29", "2024-Q1", "2024-01-01", "2024-03-31");
	assert_period(AK_PERIOD_WEEK, "2024-02-29", "2024-W09", "2024-02-26", "2024-03-03");
}

static void
test_date_syntax(void **state)
{
	ak_date d;

	(void)state;
	assert_int_equal(ak_date_parse(&d, " 2026-11-23 ", 12, NULL), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	/* White space is the toolkit's one definition (util_internal.h). */
	assert_int_equal(ak_date_parse(&d, "\t2026-11-23\r\n", 13, NULL), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(ak_date_parse(&d, "\v2026-11-23\f", 12, NULL), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(ak_date_parse(&d, "2026-1-23", 9, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "2026/11/23", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "2026-13-01", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "2026-00-01", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "2026-11-00", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "0000-12-31", 10, NULL), AK_EINPUT);
	assert_int_equal(ak_date_parse(&d, "", 0, NULL), AK_EINPUT);
	/* A date-time is not a date. */
	assert_int_equal(ak_date_parse(&d, "2026-11-23T00:00:00Z", 20, NULL), AK_EINPUT);
}

static void
test_year_edges(void **state)
{
	ak_date d;
	ak_error err;
	int y, m, dd;

	(void)state;
	assert_int_equal(day("0001-01-01"), AK_DATE_MIN);
	assert_int_equal(day("9999-12-31"), AK_DATE_MAX);
	assert_day(AK_DATE_MIN, "0001-01-01");
	assert_day(AK_DATE_MAX, "9999-12-31");
	ak_date_to_ymd(&y, &m, &dd, AK_DATE_MIN);
	assert_int_equal(y, 1);
	ak_date_to_ymd(&y, &m, &dd, AK_DATE_MAX);
	assert_int_equal(y, 9999);
	assert_false(ak_date_valid(0, 12, 31));
	assert_false(ak_date_valid(10000, 1, 1));
	/* 0001-01-01 is a Monday in the proleptic Gregorian calendar, and
	 * 9999-12-31 a Friday. */
	assert_int_equal(ak_date_weekday(AK_DATE_MIN), 1);
	assert_int_equal(ak_date_weekday(AK_DATE_MAX), 5);
	assert_period(AK_PERIOD_WEEK, "0001-01-01", "0001-W01", "0001-01-01", "0001-01-07");
	assert_period(AK_PERIOD_MONTH, "0001-01-31", "0001-01", "0001-01-01", "0001-01-31");
	assert_period(AK_PERIOD_QUARTER, "0001-02-01", "0001-Q1", "0001-01-01", "0001-03-31");
	assert_period(AK_PERIOD_YEAR, "0001-06-01", "0001", "0001-01-01", "0001-12-31");
	assert_period(AK_PERIOD_MONTH, "9999-12-31", "9999-12", "9999-12-01", "9999-12-31");
	assert_period(AK_PERIOD_QUARTER, "9999-12-31", "9999-Q4", "9999-10-01", "9999-12-31");
	assert_period(AK_PERIOD_YEAR, "9999-12-31", "9999", "9999-01-01", "9999-12-31");
	/* The last ISO week of 9999 runs into the year 10000. */
	{
		ak_period w = ak_period_of(AK_PERIOD_WEEK, AK_DATE_MAX);
		assert_label(w, "9999-W52");
		assert_day(w.start, "9999-12-27");
		assert_int_equal(w.end, AK_DATE_MAX + 2);
	}
	/* Complete periods at the edges. */
	assert_label(ak_period_last_complete(AK_PERIOD_YEAR, AK_DATE_MAX), "9999");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, AK_DATE_MAX), "9999-W51");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("0001-01-07")), "0001-W01");
	assert_label(ak_period_next(ak_period_of(AK_PERIOD_WEEK, AK_DATE_MIN)), "0001-W02");
	/* Date-times whose UTC date falls outside years 1..9999. */
	assert_int_equal(at(&d, "0001-01-01T00:30:00+01:00"), AK_EINPUT);
	assert_int_equal(at(&d, "9999-12-31T23:30:00-01:00"), AK_EINPUT);
	assert_int_equal(at(&d, "0001-01-01T01:00:00+01:00"), AK_OK);
	assert_int_equal(d, AK_DATE_MIN);
	assert_int_equal(at(&d, "9999-12-31T22:59:59-01:00"), AK_OK);
	assert_int_equal(d, AK_DATE_MAX);
	assert_int_equal(ak_date_parse_at(&d, "0001-01-01T00:30:00+01:00", 25, &err),
	                 AK_EINPUT);
	assert_string_equal(err.text,
	                    "\"0001-01-01T00:30:00+01:00\" is not a valid date or date-time");
}

static void
test_date_times(void **state)
{
	ak_date d;
	ak_error err;

	(void)state;
	assert_int_equal(at(&d, "2026-11-23"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2026-11-23T09:30:00+01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	/* Crossing midnight back into the day before, in UTC. */
	assert_int_equal(at(&d, "2026-11-23T00:30:00+01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-22"));
	assert_int_equal(at(&d, "2026-11-23T00:59:59+01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-22"));
	assert_int_equal(at(&d, "2026-11-23T01:00:00+01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	/* ... and forward into the next. */
	assert_int_equal(at(&d, "2026-11-22T23:30:00-01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2026-11-22T22:59:59-01:00"), AK_OK);
	assert_int_equal(d, day("2026-11-22"));
	assert_int_equal(at(&d, "2026-11-22T10:00:00-14:00"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2026-11-22T13:00:00+14:00"), AK_OK);
	assert_int_equal(d, day("2026-11-21"));
	/* Across a year end, a leap day and an ISO week. */
	assert_int_equal(at(&d, "2026-12-31T23:30:00-05:00"), AK_OK);
	assert_int_equal(d, day("2027-01-01"));
	assert_int_equal(at(&d, "2027-01-01T00:30:00+05:30"), AK_OK);
	assert_int_equal(d, day("2026-12-31"));
	assert_int_equal(at(&d, "2024-03-01T00:30:00+02:00"), AK_OK);
	assert_int_equal(d, day("2024-02-29"));
	assert_int_equal(at(&d, "2024-02-28T23:00:00-02:00"), AK_OK);
	assert_int_equal(d, day("2024-02-29"));
	assert_int_equal(at(&d, "2026-11-23T00:00:00+00:01"), AK_OK);
	assert_label(ak_period_of(AK_PERIOD_WEEK, d), "2026-W47");
	/* Z, fractions, lower case, a space for T, -00:00, a leap second. */
	assert_int_equal(at(&d, "2026-11-23T09:30:00Z"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2026-11-23t23:59:59.999z"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2026-11-23 09:30:00.5+01:00"), AK_OK);
	assert_int_equal(at(&d, "2026-11-23T00:00:00-00:00"), AK_OK);
	assert_int_equal(d, day("2026-11-23"));
	assert_int_equal(at(&d, "2016-12-31T23:59:60Z"), AK_OK);
	assert_int_equal(d, day("2016-12-31"));
	/* What is not RFC 3339. */
	assert_int_equal(at(&d, "2026-11-23T09:30:00"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T24:00:00Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:60:00Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:61Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:00.Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:00+0100"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:00+24:00"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:00+01:60"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23T09:30:00Z "), AK_OK); /* trimmed */
	assert_int_equal(at(&d, "2026-11-23T09:30:00ZZ"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-11-23X09:30:00Z"), AK_EINPUT);
	assert_int_equal(at(&d, "2026-02-30T09:30:00Z"), AK_EINPUT);
	assert_int_equal(ak_date_parse_at(&d, "2026-11-23T9:30:00Z", 19, &err), AK_EINPUT);
	assert_string_equal(err.text,
	                    "\"2026-11-23T9:30:00Z\" is not a valid date or date-time");
}

static void
test_iso_weeks(void **state)
{
	ak_period p;

	(void)state;
	assert_period(AK_PERIOD_WEEK, "2026-11-18", "2026-W47", "2026-11-16", "2026-11-22");
	assert_period(AK_PERIOD_WEEK, "2026-11-22", "2026-W47", "2026-11-16", "2026-11-22");
	assert_period(AK_PERIOD_WEEK, "2026-11-23", "2026-W48", "2026-11-23", "2026-11-29");
	/* 2026 starts on a Thursday: it has a week 53, which ends in 2027. */
	assert_period(AK_PERIOD_WEEK, "2026-12-31", "2026-W53", "2026-12-28", "2027-01-03");
	assert_period(AK_PERIOD_WEEK, "2027-01-03", "2026-W53", "2026-12-28", "2027-01-03");
	assert_period(AK_PERIOD_WEEK, "2027-01-04", "2027-W01", "2027-01-04", "2027-01-10");
	assert_period(AK_PERIOD_WEEK, "2026-01-01", "2026-W01", "2025-12-29", "2026-01-04");
	/* A week-year ahead of the calendar year. */
	assert_period(AK_PERIOD_WEEK, "2024-12-30", "2025-W01", "2024-12-30", "2025-01-05");
	assert_period(AK_PERIOD_WEEK, "2019-12-31", "2020-W01", "2019-12-30", "2020-01-05");
	/* A leap year starting on a Wednesday has week 53 too (2020). */
	assert_period(AK_PERIOD_WEEK, "2021-01-03", "2020-W53", "2020-12-28", "2021-01-03");
	assert_period(AK_PERIOD_WEEK, "2021-01-01", "2020-W53", "2020-12-28", "2021-01-03");
	/* Stepping over week 53. */
	p = ak_period_of(AK_PERIOD_WEEK, day("2026-12-27"));
	assert_label(p, "2026-W52");
	p = ak_period_next(p);
	assert_label(p, "2026-W53");
	p = ak_period_next(p);
	assert_label(p, "2027-W01");
	p = ak_period_prev(ak_period_prev(p));
	assert_label(p, "2026-W52");
}

static void
test_months_quarters_years(void **state)
{
	ak_period p;

	(void)state;
	assert_period(AK_PERIOD_MONTH, "2026-11-23", "2026-11", "2026-11-01", "2026-11-30");
	assert_period(AK_PERIOD_MONTH, "2026-12-31", "2026-12", "2026-12-01", "2026-12-31");
	assert_period(AK_PERIOD_QUARTER, "2026-11-23", "2026-Q4", "2026-10-01", "2026-12-31");
	assert_period(AK_PERIOD_QUARTER, "2026-01-01", "2026-Q1", "2026-01-01", "2026-03-31");
	assert_period(AK_PERIOD_QUARTER, "2026-06-30", "2026-Q2", "2026-04-01", "2026-06-30");
	assert_period(AK_PERIOD_QUARTER, "2026-07-01", "2026-Q3", "2026-07-01", "2026-09-30");
	assert_period(AK_PERIOD_YEAR, "2026-11-23", "2026", "2026-01-01", "2026-12-31");
	/* Across year ends. */
	p = ak_period_prev(ak_period_of(AK_PERIOD_MONTH, day("2027-01-15")));
	assert_label(p, "2026-12");
	p = ak_period_next(p);
	assert_label(p, "2027-01");
	p = ak_period_prev(ak_period_of(AK_PERIOD_QUARTER, day("2027-02-01")));
	assert_label(p, "2026-Q4");
	assert_label(ak_period_next(p), "2027-Q1");
	assert_label(ak_period_prev(ak_period_of(AK_PERIOD_YEAR, day("2027-02-01"))), "2026");
}

static void
test_last_complete(void **state)
{
	(void)state;
	/* A Monday reports last week; a Sunday this week. */
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("2026-11-23")), "2026-W47");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("2026-11-22")), "2026-W47");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("2026-11-21")), "2026-W46");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("2027-01-03")), "2026-W53");
	assert_label(ak_period_last_complete(AK_PERIOD_WEEK, day("2027-01-04")), "2026-W53");
	assert_label(ak_period_last_complete(AK_PERIOD_MONTH, day("2026-11-30")), "2026-11");
	assert_label(ak_period_last_complete(AK_PERIOD_MONTH, day("2026-11-29")), "2026-10");
	assert_label(ak_period_last_complete(AK_PERIOD_MONTH, day("2024-02-29")), "2024-02");
	assert_label(ak_period_last_complete(AK_PERIOD_MONTH, day("2024-02-28")), "2024-01");
	assert_label(ak_period_last_complete(AK_PERIOD_QUARTER, day("2026-11-23")), "2026-Q3");
	assert_label(ak_period_last_complete(AK_PERIOD_QUARTER, day("2026-12-31")), "2026-Q4");
	assert_label(ak_period_last_complete(AK_PERIOD_QUARTER, day("2027-01-01")), "2026-Q4");
	assert_label(ak_period_last_complete(AK_PERIOD_YEAR, day("2026-11-23")), "2025");
	assert_label(ak_period_last_complete(AK_PERIOD_YEAR, day("2026-12-31")), "2026");
}

static void
test_kinds(void **state)
{
	ak_period_kind k;

	(void)state;
	assert_int_equal(ak_period_kind_parse(&k, "week"), AK_OK);
	assert_int_equal(k, AK_PERIOD_WEEK);
	assert_int_equal(ak_period_kind_parse(&k, "month"), AK_OK);
	assert_int_equal(k, AK_PERIOD_MONTH);
	assert_int_equal(ak_period_kind_parse(&k, "quarter"), AK_OK);
	assert_int_equal(k, AK_PERIOD_QUARTER);
	assert_int_equal(ak_period_kind_parse(&k, "year"), AK_OK);
	assert_int_equal(k, AK_PERIOD_YEAR);
	assert_int_equal(ak_period_kind_parse(&k, "Week"), AK_EUSAGE);
	assert_int_equal(ak_period_kind_parse(&k, "fortnight"), AK_EUSAGE);
	assert_int_equal(ak_period_kind_parse(&k, NULL), AK_EUSAGE);
	assert_string_equal(ak_period_kind_name(AK_PERIOD_QUARTER), "quarter");
	assert_string_equal(ak_period_kind_name((ak_period_kind)9), "");
	assert_true(ak_period_kind_rank(AK_PERIOD_WEEK) < ak_period_kind_rank(AK_PERIOD_MONTH));
	assert_true(ak_period_kind_rank(AK_PERIOD_QUARTER) < ak_period_kind_rank(AK_PERIOD_YEAR));
}

/* Parses label and checks its kind, start and that it prints back. */
static void
assert_parses(const char *label, ak_period_kind kind, const char *start,
              const char *end)
{
	ak_period p;
	ak_error err;

	if (ak_period_parse(&p, label, strlen(label), &err) != AK_OK)
		fail_msg("%s: %s", label, err.text);
	assert_int_equal(p.kind, kind);
	assert_day(p.start, start);
	assert_day(p.end, end);
	assert_label(p, label);
}

static void
test_parse(void **state)
{
	ak_period p;
	ak_error err;
	ak_date d;

	(void)state;
	assert_parses("2026-W47", AK_PERIOD_WEEK, "2026-11-16", "2026-11-22");
	assert_parses("2026-W53", AK_PERIOD_WEEK, "2026-12-28", "2027-01-03");
	assert_parses("2020-W53", AK_PERIOD_WEEK, "2020-12-28", "2021-01-03");
	assert_parses("2025-W01", AK_PERIOD_WEEK, "2024-12-30", "2025-01-05");
	assert_parses("0001-W01", AK_PERIOD_WEEK, "0001-01-01", "0001-01-07");
	assert_parses("9999-W51", AK_PERIOD_WEEK, "9999-12-20", "9999-12-26");
	assert_parses("2026-11", AK_PERIOD_MONTH, "2026-11-01", "2026-11-30");
	assert_parses("2024-02", AK_PERIOD_MONTH, "2024-02-01", "2024-02-29");
	assert_parses("2026-Q4", AK_PERIOD_QUARTER, "2026-10-01", "2026-12-31");
	assert_parses("2026", AK_PERIOD_YEAR, "2026-01-01", "2026-12-31");
	assert_parses("9999", AK_PERIOD_YEAR, "9999-01-01", "9999-12-31");
	assert_parses("0001", AK_PERIOD_YEAR, "0001-01-01", "0001-12-31");
	/* Lower case w and q are read too. */
	assert_int_equal(ak_period_parse(&p, "2026-w47", 8, NULL), AK_OK);
	assert_int_equal(ak_period_parse(&p, "2026-q1", 7, NULL), AK_OK);
	/* Week 53 only where the year has one. */
	assert_int_equal(ak_period_parse(&p, "2025-W53", 8, &err), AK_EINPUT);
	assert_string_equal(err.text,
	                    "\"2025-W53\" is not a period (2026-W47, 2026-11, 2026-Q4, 2026)");
	assert_int_equal(ak_period_parse(&p, "2021-W53", 8, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-W54", 8, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-W00", 8, NULL), AK_EINPUT);
	/* The week of 9999-12-31 ends in the year 10000: refused. */
	assert_int_equal(ak_period_parse(&p, "9999-W52", 8, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-13", 7, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-00", 7, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-Q5", 7, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-Q0", 7, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "0000", 4, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "26", 2, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse(&p, "2026-11-23", 10, NULL), AK_EINPUT);
	/* Column headings of wide sheets: a date or the first day of a period. */
	assert_int_equal(ak_period_parse_heading(&d, "2026-11-18", 10, NULL), AK_OK);
	assert_day(d, "2026-11-18");
	assert_int_equal(ak_period_parse_heading(&d, "2026-W53", 8, NULL), AK_OK);
	assert_day(d, "2026-12-28");
	assert_int_equal(ak_period_parse_heading(&d, "2024-Q1", 7, NULL), AK_OK);
	assert_day(d, "2024-01-01");
	/* Months as spreadsheets head them (SPEC §4). */
	assert_int_equal(ak_period_parse_heading(&d, "Jun 2026", 8, NULL), AK_OK);
	assert_day(d, "2026-06-01");
	assert_int_equal(ak_period_parse_heading(&d, "June 2026", 9, NULL), AK_OK);
	assert_day(d, "2026-06-01");
	assert_int_equal(ak_period_parse_heading(&d, "Jun-2026", 8, NULL), AK_OK);
	assert_day(d, "2026-06-01");
	assert_int_equal(ak_period_parse_heading(&d, " SEPTEMBER-2026 ", 16, NULL),
	                 AK_OK);
	assert_day(d, "2026-09-01");
	assert_int_equal(ak_period_parse_heading(&d, "dec 2026", 8, NULL), AK_OK);
	assert_day(d, "2026-12-01");
	assert_int_equal(ak_period_parse_heading(&d, "Ju 2026", 7, NULL), AK_EINPUT);
	assert_int_equal(ak_period_parse_heading(&d, "Junio 2026", 10, NULL),
	                 AK_EINPUT);
	assert_int_equal(ak_period_parse_heading(&d, "Jun 0000", 8, NULL),
	                 AK_EINPUT);
	assert_int_equal(ak_period_parse_heading(&d, "Jun-26", 6, &err), AK_EINPUT);
	assert_string_equal(err.text, "column \"Jun-26\" is neither a date nor a "
	                    "period: head it with a date (2026-06-01), a week "
	                    "(2026-W23), a month (2026-06 or Jun 2026), a quarter "
	                    "(2026-Q2) or a year (2026)");
	assert_int_equal(ak_period_parse_heading(&d, "note", 4, &err), AK_EINPUT);
}

/* Every day of four centuries: the period of each kind holds it, and
 * consecutive periods tile the calendar without gaps. */
static void
test_tiling(void **state)
{
	(void)state;
	for (int kind = 0; kind < 4; kind++) {
		ak_period p = ak_period_of((ak_period_kind)kind, day("1999-12-27"));
		ak_date stop = day("2401-01-01");

		while (p.start < stop) {
			ak_period n = ak_period_next(p);
			assert_true(p.start <= p.end);
			assert_int_equal(n.start, p.end + 1);
			assert_int_equal(ak_period_prev(n).start, p.start);
			assert_int_equal(ak_period_of((ak_period_kind)kind, p.end).start, p.start);
			p = n;
		}
	}
	for (ak_date d = day("1999-01-01"); d < day("2401-01-01"); d++) {
		int y, m, dd;
		ak_date_to_ymd(&y, &m, &dd, d);
		if (ak_date_from_ymd(y, m, dd) != d)
			fail_msg("day %d does not round-trip", (int)d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_weekdays),
		cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_date_syntax),
		cmocka_unit_test(test_year_edges),
		cmocka_unit_test(test_date_times),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_months_quarters_years),
		cmocka_unit_test(test_last_complete),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_tiling),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
