/* Derived records (alignkit(5)): the score, rollup, gap and error records that
 * kpi-score and gap-find write and the tools after them read, parsed and
 * validated once into typed structs, with the one set of names of their
 * enums (score status, trend, severity, gap type). */
#ifndef ALIGNKIT_DERIVED_H
#define ALIGNKIT_DERIVED_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/date.h"
#include "alignkit/error.h"
#include "alignkit/export.h"
#include "alignkit/period.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The enums and their names -------------------------------------- */

/* The status of a score or a rollup. */
typedef enum ak_score_status {
	AK_SCORE_NONE = 0,        /* no value */
	AK_SCORE_GREEN,
	AK_SCORE_AMBER,
	AK_SCORE_RED,
	AK_SCORE_NA               /* "n/a": no measurement applies (score
	                           * only) */
} ak_score_status;
#define AK_SCORE_NSTATUS 5

typedef enum ak_trend {
	AK_TREND_NONE = 0,        /* a value or the previous one is missing */
	AK_TREND_IMPROVING,
	AK_TREND_WORSENING,
	AK_TREND_FLAT
} ak_trend;

/* The gap types, in the order of gap-find(1)'s table. */
typedef enum ak_gap_type {
	AK_GAP_INVALID_RECORD = 0,
	AK_GAP_DUPLICATE_ID,
	AK_GAP_DANGLING_REF,
	AK_GAP_GOAL_CYCLE,
	AK_GAP_ORPHAN_INITIATIVE,
	AK_GAP_UNSUPPORTED_GOAL,
	AK_GAP_UNMEASURED_GOAL,
	AK_GAP_ONE_SIDED_KPI,
	AK_GAP_OFF_TARGET,
	AK_GAP_STALE_KPI,
	AK_GAP_WORSENING_TREND,
	AK_GAP_OFF_TRACK_GOAL,
	AK_GAP_OVERDUE_INITIATIVE,
	AK_GAP_RETIRED_GOAL_SUPPORT,
	AK_GAP_INVESTMENT_SKEW,
	AK_GAP_UNREALIZED_BENEFIT,
	AK_GAP_WAIVER_EXPIRED,
	AK_GAP_UNSPONSORED_INITIATIVE,
	AK_GAP_UNOWNED,
	AK_GAP_DUPLICATE_MEASUREMENT,
	AK_GAP_FUTURE_MEASUREMENT,
	AK_GAP_PROJECTED_MISS,
	AK_GAP_MISSING_CHECKIN,
	AK_GAP_STATUS_DISCREPANCY,
	AK_GAP_OWNER_DISAGREEMENT,
	AK_GAP_CHECK_SKIPPED,
	AK_GAP_NTYPES
} ak_gap_type;

/* The groups gap types come in, which --only and --ignore accept beside
 * type names: what a CI job checks on every change (data, structure) and
 * what only the weekly job checks (performance, checkins).  check-skipped
 * belongs to none: it goes with whatever check it speaks for. */
typedef enum ak_gap_group {
	AK_GAP_GROUP_NONE = 0,
	AK_GAP_GROUP_DATA,
	AK_GAP_GROUP_STRUCTURE,
	AK_GAP_GROUP_PERFORMANCE,
	AK_GAP_GROUP_CHECKINS,
	AK_GAP_NGROUPS
} ak_gap_group;

/* Severities, least first, so that `severity >= level` means "at or above
 * level". */
typedef enum ak_severity {
	AK_SEVERITY_INFO = 0,
	AK_SEVERITY_WARNING,
	AK_SEVERITY_ERROR
} ak_severity;
#define AK_SEVERITY_NLEVELS 3

/* "none", "green", "amber", "red", "n/a"; "" for a value outside the
 * enum.  Borrowed (static). */
AK_EXTERN const char *ak_score_status_name(ak_score_status s);

/* The status named name[0..len) (exact, lower case).  Returns AK_OK, or
 * AK_EINPUT with err->text `"NAME" is not one of green, amber, red, none,
 * n/a`. */
AK_EXTERN int ak_score_status_parse(ak_score_status *out, const char *name,
                                    size_t len, ak_error *err);

/* "improving", "worsening", "flat"; NULL for AK_TREND_NONE (a JSON null)
 * and for a value outside the enum. */
AK_EXTERN const char *ak_trend_name(ak_trend t);

/* The trend named name[0..len).  Returns AK_OK, or AK_EINPUT with
 * err->text `"NAME" is not one of improving, worsening, flat, null`. */
AK_EXTERN int ak_trend_parse(ak_trend *out, const char *name, size_t len,
                             ak_error *err);

/* "invalid-record", ...; "" for a value outside the enum. */
AK_EXTERN const char *ak_gap_type_name(ak_gap_type type);

/* The type named name[0..len) ("off-target").  Returns AK_OK, or
 * AK_EUSAGE with err->text `unknown gap type "NAME"`. */
AK_EXTERN int ak_gap_type_parse(ak_gap_type *out, const char *name,
                                size_t len, ak_error *err);

/* The group of a gap type; AK_GAP_GROUP_NONE for check-skipped and for a
 * value outside the enum. */
AK_EXTERN ak_gap_group ak_gap_type_group(ak_gap_type type);

/* "data", "structure", "performance", "checkins"; "" for
 * AK_GAP_GROUP_NONE and a value outside the enum.  Borrowed (static). */
AK_EXTERN const char *ak_gap_group_name(ak_gap_group group);

/* The group named name[0..len) ("structure").  Returns AK_OK, or
 * AK_ENOTFOUND (err untouched) when no group has that name. */
AK_EXTERN int ak_gap_group_parse(ak_gap_group *out, const char *name,
                                 size_t len);

/* "info", "warning", "error"; "" for a value outside the enum. */
AK_EXTERN const char *ak_severity_name(ak_severity severity);

/* The severity named name[0..len).  Returns AK_OK, or AK_EUSAGE with
 * err->text `unknown severity "NAME" (use error, warning or info)`. */
AK_EXTERN int ak_severity_parse(ak_severity *out, const char *name,
                                size_t len, ak_error *err);

/* ---- The records ------------------------------------------------------
 * Strings are borrowed from the JSON record read (valid while the caller
 * holds it); an optional field that is absent or null reads as NULL, as
 * has_X = 0, or as AK_DATE_NONE.  A field the toolkit does not know is
 * left alone: users add their own. */

/* {"kind":"score",...}: one KPI in one period. */
typedef struct ak_derived_score {
	const char *kpi;          /* required id */
	const char *measures;     /* id, or NULL */
	ak_period period;         /* required */
	char label[AK_PERIOD_BUFSIZE]; /* period's canonical label */
	ak_date start;            /* or AK_DATE_NONE */
	ak_date end;              /* required */
	int has_value;
	double value;
	int has_target, has_min, has_max;
	double target, min, max;  /* the thresholds in force */
	int has_score;
	double score;
	ak_score_status status;   /* required; AK_SCORE_NA for an n/a period */
	int has_previous;
	double previous;
	ak_trend trend;           /* AK_TREND_NONE for null or absent */
	int stale;                /* absent or null: 0 */
	int has_forecast;
	double forecast;
	int has_target_at_due;    /* the target in force at due, when it */
	double target_at_due;     /* differs from the period's */
	/* The copies kpi-score left out: an array of {"src":…,"of":…}
	 * objects (strings checked), borrowed from the record; or NULL. */
	const json_t *duplicates;
	const char *note;         /* the latest measurement's note, or NULL */
	const char *src;          /* or NULL */
} ak_derived_score;

/* {"kind":"rollup",...}: one goal or initiative in one report period. */
typedef struct ak_derived_rollup {
	const char *of;           /* required id */
	int initiative;           /* type: 0 goal, 1 initiative (required) */
	ak_period period;         /* required */
	char label[AK_PERIOD_BUFSIZE];
	ak_date end;              /* required */
	int has_score;
	double score;
	ak_score_status status;   /* required; never AK_SCORE_NA */
	long children, scored;    /* whole numbers >= 0; -1 when absent */
	const char *src;          /* or NULL */
} ak_derived_rollup;

/* {"kind":"gap",...}: one finding of gap-find. */
typedef struct ak_derived_gap {
	ak_gap_type type;         /* required */
	ak_severity severity;     /* required */
	const char *subject;      /* or NULL */
	const char *message;      /* required */
	const char *fingerprint;  /* or NULL */
	int waived;               /* absent or null: 0 */
	const char *reason;       /* why it is waived, or NULL */
	ak_date waived_until;     /* or AK_DATE_NONE */
	int has_new;
	int is_new;               /* "new", when has_new */
	int resolved;             /* absent or null: 0 */
	const char *src;          /* or NULL */
} ak_derived_gap;

/* {"kind":"error",...}: an input record that could not be used. */
typedef struct ak_derived_error {
	const char *message;      /* required */
	const char *src;          /* or NULL */
} ak_derived_error;

/* Each reads record (borrowed; its kind is not looked at: the caller has
 * decided it) into *out.  Returns AK_OK, or AK_EINPUT with err->text
 * naming the record and the field, in the words model records use:
 *   score: missing required field kpi
 *   score of K1: missing required field status
 *   score of K1: field value: expected a number
 *   score of K1: field status: "blue" is not one of green, amber, red, none
 *   rollup of G1: field period: "2026-W60" is not a period (2026-W47, ...)
 *   rollup of G1: field children: -1 is negative
 *   gap: field type: "x" is not a gap type
 *   error: missing required field message
 * err's location is left for the caller to set. */
AK_EXTERN int ak_derived_score_read(ak_derived_score *out, const json_t *record,
                                    ak_error *err);
AK_EXTERN int ak_derived_rollup_read(ak_derived_rollup *out,
                                     const json_t *record, ak_error *err);
AK_EXTERN int ak_derived_gap_read(ak_derived_gap *out, const json_t *record,
                                  ak_error *err);
AK_EXTERN int ak_derived_error_read(ak_derived_error *out, const json_t *record,
                                    ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
