/* Reporting periods (kpi-score(1)): ISO 8601 weeks, months, quarters and years,
 * their labels ("2026-W47", "2026-11", "2026-Q4", "2026") and which of them
 * are complete as of a day. */
#ifndef ALIGNKIT_PERIOD_H
#define ALIGNKIT_PERIOD_H

#include <stddef.h>
#include "alignkit/export.h"
#include "alignkit/date.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ak_period_kind {
	AK_PERIOD_WEEK = 0,
	AK_PERIOD_MONTH,
	AK_PERIOD_QUARTER,
	AK_PERIOD_YEAR
} ak_period_kind;

/* A period: its kind and its first and last day (inclusive). */
typedef struct ak_period {
	ak_period_kind kind;
	ak_date start;
	ak_date end;
} ak_period;

#define AK_PERIOD_BUFSIZE 16

/* "week", "month", "quarter", "year" (case-sensitive). AK_OK or AK_EUSAGE. */
AK_EXTERN int ak_period_kind_parse(ak_period_kind *out, const char *name);

/* The name of a kind: "week", ... */
AK_EXTERN const char *ak_period_kind_name(ak_period_kind kind);

/* Coarseness for comparing cadences: week 0 < month 1 < quarter 2 < year 3. */
#define ak_period_kind_rank(k) ((int)(k))

/* The period of that kind that holds day d. */
AK_EXTERN ak_period ak_period_of(ak_period_kind kind, ak_date d);

/* The period just before p, and the one just after.  Callers stay within
 * years 1..9999; the result is undefined outside. */
AK_EXTERN ak_period ak_period_prev(ak_period p);
AK_EXTERN ak_period ak_period_next(ak_period p);

/* The latest period of that kind whose last day is on or before as_of
 * (kpi-score(1): the latest complete period). */
AK_EXTERN ak_period ak_period_last_complete(ak_period_kind kind, ak_date as_of);

/* The label of p: "2026-W47" (ISO week-year), "2026-11", "2026-Q4",
 * "2026". Returns its length. */
AK_EXTERN size_t ak_period_label(char buf[AK_PERIOD_BUFSIZE], ak_period p);

/* Parses a period label: "2026-W47" (ISO week-year and week, W01..W53
 * where that year has it), "2026-11", "2026-Q4" or "2026".
 * Returns AK_OK or AK_EINPUT. */
AK_EXTERN int ak_period_parse(ak_period *out, const char *s, size_t len, ak_error *err);

/* For wide measurement sheets (goals-load(1)): a column heading that is a date
 * ("2026-11-16"), a period label, or a month as spreadsheets write it
 * ("Jun 2026", "June 2026", "Jun-2026"; English names, any case, a
 * four-digit year); *at is that date or the first day of that period.
 * Returns AK_OK or AK_EINPUT with a message that says how to write it. */
AK_EXTERN int ak_period_parse_heading(ak_date *at, const char *s, size_t len,
                            ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
