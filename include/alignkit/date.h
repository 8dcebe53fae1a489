/* Calendar dates: parsing YYYY-MM-DD and RFC 3339 date-times, arithmetic in
 * days.  Proleptic Gregorian calendar, years 1 to 9999, UTC. */
#ifndef ALIGNKIT_DATE_H
#define ALIGNKIT_DATE_H

#include <stddef.h>
#include <stdint.h>
#include "alignkit/export.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A date is a count of days since 1970-01-01 (negative before it). */
typedef int32_t ak_date;

#define AK_DATE_NONE INT32_MIN   /* "no date" in structures */
#define AK_DATE_MIN (-719162)    /* 0001-01-01 */
#define AK_DATE_MAX 2932896      /* 9999-12-31 */
#define AK_DATE_BUFSIZE 11       /* "YYYY-MM-DD" and its NUL */

/* The date of a calendar day; the caller must pass a valid day. */
AK_EXTERN ak_date ak_date_from_ymd(int year, int month, int day);

/* The calendar day of d. */
AK_EXTERN void ak_date_to_ymd(int *year, int *month, int *day, ak_date d);

/* Whether year-month-day is a real calendar day within years 1..9999. */
AK_EXTERN int ak_date_valid(int year, int month, int day);

/* ISO weekday of d: 1 = Monday .. 7 = Sunday. */
AK_EXTERN int ak_date_weekday(ak_date d);

/* Days in that month (28..31). */
AK_EXTERN int ak_date_days_in_month(int year, int month);

/* Parses exactly "YYYY-MM-DD" in s[0..len) and checks the calendar
 * ("2026-02-30" is an error).  Returns AK_OK or AK_EINPUT. */
AK_EXTERN int ak_date_parse(ak_date *out, const char *s, size_t len, ak_error *err);

/* Parses a measurement's `at`: a date, or an RFC 3339 date-time
 * ("2026-11-23T09:30:00+01:00", "...Z", fractional seconds allowed; 't',
 * 'z' and a space for 'T' accepted), which counts on its UTC date.
 * Returns AK_OK or AK_EINPUT. */
AK_EXTERN int ak_date_parse_at(ak_date *out, const char *s, size_t len, ak_error *err);

/* Parses a measurement's `at` as ak_date_parse_at does, and gives its UTC
 * instant too: *day its UTC date and *nanos the nanoseconds since 00:00
 * UTC of that day (0 for a date without a time; fractions beyond the
 * ninth digit are dropped; a leap second 23:59:60 is 86400e9).  Returns
 * AK_OK or AK_EINPUT. */
AK_EXTERN int ak_date_parse_instant(ak_date *day, int64_t *nanos, const char *s,
                                    size_t len, ak_error *err);

/* Parses the timestamp of a form export (alignkit(5), check-ins): an ISO
 * date or date-time as ak_date_parse_at takes it (counted on its UTC
 * date), or the forms spreadsheets and form tools write, counted on the
 * day they show:
 *   "2026/11/18 9:14:03 AM GMT"   year first (Google Forms' download);
 *   "18.11.2026 09:14"            day first, with dots;
 *   "11/18/2026 9:14:03", "18/11/2026 09:14:03"   slashes, year last:
 *                                 read only when one of the two numbers
 *                                 is over 12 (or both are equal), since
 *                                 03/11/2026 is 3 November in one country
 *                                 and March 11 in another.
 * A time of day and a zone may follow the date; they are checked for
 * form (digits and colons, AM/PM, GMT/UTC with an offset) and dropped.
 * A two-digit year is refused.  Returns AK_OK or AK_EINPUT with err->text
 * saying how to write the date. */
AK_EXTERN int ak_date_parse_stamp(ak_date *out, const char *s, size_t len,
                                  ak_error *err);

/* Writes d as "YYYY-MM-DD" into buf. */
AK_EXTERN void ak_date_format(char buf[AK_DATE_BUFSIZE], ak_date d);

/* Today's date in UTC. */
AK_EXTERN ak_date ak_date_today(void);

#ifdef __cplusplus
}
#endif
#endif
