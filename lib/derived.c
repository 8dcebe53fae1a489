/* Derived records (SPEC §3): the one table of the names of statuses,
 * trends, severities and gap types, and the one reader of score, rollup,
 * gap and error records that gap-find and report-fmt share.
 *
 * Each kind is a table of fields (name, type, whether required, where it
 * goes in the struct): adding a field to a kind is one row here and one
 * member in derived.h.  Fields are checked in table order and the first
 * bad one is reported. */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alignkit/derived.h"
#include "alignkit/num.h"
#include "alignkit/record.h"
#include "util_internal.h"

/* ---- names ------------------------------------------------------------- */

/* Statuses in the order people read them (and messages list them). */
static const struct {
	ak_score_status status;
	const char *name;
} status_names[] = {
	{AK_SCORE_GREEN, "green"},
	{AK_SCORE_AMBER, "amber"},
	{AK_SCORE_RED, "red"},
	{AK_SCORE_NONE, "none"},
	{AK_SCORE_NA, "n/a"},
};

_Static_assert(AK_NELEM(status_names) == AK_SCORE_NSTATUS,
               "a name for every status");

static const char *const trend_names[] = {
	[AK_TREND_NONE] = NULL,
	[AK_TREND_IMPROVING] = "improving",
	[AK_TREND_WORSENING] = "worsening",
	[AK_TREND_FLAT] = "flat",
};

/* Every gap type's name and group, in one table. */
static const struct gap_type_row {
	const char *name;
	ak_gap_group group;
} type_rows[AK_GAP_NTYPES] = {
	[AK_GAP_INVALID_RECORD] = {"invalid-record", AK_GAP_GROUP_DATA},
	[AK_GAP_DUPLICATE_ID] = {"duplicate-id", AK_GAP_GROUP_DATA},
	[AK_GAP_DANGLING_REF] = {"dangling-ref", AK_GAP_GROUP_DATA},
	[AK_GAP_GOAL_CYCLE] = {"goal-cycle", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_ORPHAN_INITIATIVE] = {"orphan-initiative", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_UNSUPPORTED_GOAL] = {"unsupported-goal", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_UNMEASURED_GOAL] = {"unmeasured-goal", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_ONE_SIDED_KPI] = {"one-sided-kpi", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_OFF_TARGET] = {"off-target", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_STALE_KPI] = {"stale-kpi", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_WORSENING_TREND] = {"worsening-trend", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_OFF_TRACK_GOAL] = {"off-track-goal", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_OVERDUE_INITIATIVE] = {"overdue-initiative", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_RETIRED_GOAL_SUPPORT] = {"retired-goal-support", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_INVESTMENT_SKEW] = {"investment-skew", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_UNREALIZED_BENEFIT] = {"unrealized-benefit", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_WAIVER_EXPIRED] = {"waiver-expired", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_UNSPONSORED_INITIATIVE] = {"unsponsored-initiative", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_UNOWNED] = {"unowned", AK_GAP_GROUP_STRUCTURE},
	[AK_GAP_DUPLICATE_MEASUREMENT] = {"duplicate-measurement", AK_GAP_GROUP_DATA},
	[AK_GAP_FUTURE_MEASUREMENT] = {"future-measurement", AK_GAP_GROUP_DATA},
	[AK_GAP_PROJECTED_MISS] = {"projected-miss", AK_GAP_GROUP_PERFORMANCE},
	[AK_GAP_MISSING_CHECKIN] = {"missing-checkin", AK_GAP_GROUP_CHECKINS},
	[AK_GAP_STATUS_DISCREPANCY] = {"status-discrepancy", AK_GAP_GROUP_CHECKINS},
	[AK_GAP_OWNER_DISAGREEMENT] = {"owner-disagreement", AK_GAP_GROUP_CHECKINS},
	[AK_GAP_CHECK_SKIPPED] = {"check-skipped", AK_GAP_GROUP_NONE},
};

_Static_assert(AK_NELEM(type_rows) == AK_GAP_NTYPES, "a row for every gap type");

static const char *const group_names[AK_GAP_NGROUPS] = {
	[AK_GAP_GROUP_NONE] = "",
	[AK_GAP_GROUP_DATA] = "data",
	[AK_GAP_GROUP_STRUCTURE] = "structure",
	[AK_GAP_GROUP_PERFORMANCE] = "performance",
	[AK_GAP_GROUP_CHECKINS] = "checkins",
};

static const char *const severity_names[AK_SEVERITY_NLEVELS] = {
	[AK_SEVERITY_INFO] = "info",
	[AK_SEVERITY_WARNING] = "warning",
	[AK_SEVERITY_ERROR] = "error",
};

static int
name_is(const char *name, const char *s, size_t len)
{
	return name != NULL && strlen(name) == len && memcmp(name, s, len) == 0;
}

const char *
ak_score_status_name(ak_score_status s)
{
	for (size_t i = 0; i < AK_NELEM(status_names); i++)
		if (status_names[i].status == s)
			return status_names[i].name;
	return "";
}

/* The names of the statuses a field allows ("green, amber, red, none"),
 * n/a among them only when na. */
static void
status_list(char *buf, size_t size, int na)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < AK_NELEM(status_names); i++) {
		if (status_names[i].status == AK_SCORE_NA && !na)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "%s%s",
		                      n > 0 ? ", " : "", status_names[i].name);
		if (n >= size)
			break;
	}
}

int
ak_score_status_parse(ak_score_status *out, const char *name, size_t len,
                      ak_error *err)
{
	char list[64];

	for (size_t i = 0; i < AK_NELEM(status_names); i++)
		if (name_is(status_names[i].name, name, len)) {
			*out = status_names[i].status;
			return AK_OK;
		}
	status_list(list, sizeof(list), 1);
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "\"%.*s\" is not one of %s",
	                    (int)(len > 64 ? 64 : len), name, list);
}

const char *
ak_trend_name(ak_trend t)
{
	return (size_t)t < AK_NELEM(trend_names) ? trend_names[t] : NULL;
}

int
ak_trend_parse(ak_trend *out, const char *name, size_t len, ak_error *err)
{
	for (size_t i = 0; i < AK_NELEM(trend_names); i++)
		if (name_is(trend_names[i], name, len)) {
			*out = (ak_trend)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "\"%.*s\" is not one of improving, worsening, "
	                    "flat, null",
	                    (int)(len > 64 ? 64 : len), name);
}

const char *
ak_gap_type_name(ak_gap_type type)
{
	return (size_t)type < AK_NELEM(type_rows) ? type_rows[type].name : "";
}

ak_gap_group
ak_gap_type_group(ak_gap_type type)
{
	return (size_t)type < AK_NELEM(type_rows) ? type_rows[type].group
	                                          : AK_GAP_GROUP_NONE;
}

const char *
ak_gap_group_name(ak_gap_group group)
{
	return (size_t)group < AK_NELEM(group_names) ? group_names[group] : "";
}

int
ak_gap_group_parse(ak_gap_group *out, const char *name, size_t len)
{
	for (size_t i = 1; i < AK_NELEM(group_names); i++)
		if (name_is(group_names[i], name, len)) {
			*out = (ak_gap_group)i;
			return AK_OK;
		}
	return AK_ENOTFOUND;
}

int
ak_gap_type_parse(ak_gap_type *out, const char *name, size_t len, ak_error *err)
{
	for (size_t i = 0; i < AK_NELEM(type_rows); i++)
		if (name_is(type_rows[i].name, name, len)) {
			*out = (ak_gap_type)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EUSAGE, NULL, 0,
	                    "unknown gap type \"%.*s\"",
	                    (int)(len > 64 ? 64 : len), name);
}

const char *
ak_severity_name(ak_severity severity)
{
	return (size_t)severity < AK_NELEM(severity_names)
	               ? severity_names[severity]
	               : "";
}

int
ak_severity_parse(ak_severity *out, const char *name, size_t len, ak_error *err)
{
	for (size_t i = 0; i < AK_NELEM(severity_names); i++)
		if (name_is(severity_names[i], name, len)) {
			*out = (ak_severity)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EUSAGE, NULL, 0,
	                    "unknown severity \"%.*s\" (use error, warning or "
	                    "info)",
	                    (int)(len > 64 ? 64 : len), name);
}

/* ---- the field tables -------------------------------------------------- */

enum ftype {
	F_ID,       /* const char *: a valid id */
	F_STRING,   /* const char * */
	F_PERIOD,   /* ak_period, and its label (char[]) at aux */
	F_DATE,     /* ak_date; AK_DATE_NONE when absent */
	F_NUMBER,   /* double, and its int has-flag at aux */
	F_BOOL,     /* int; an int has-flag at aux when aux != NOAUX */
	F_COUNT,    /* long, a whole number >= 0; -1 when absent */
	F_STATUS,   /* ak_score_status */
	F_TREND,    /* ak_trend */
	F_GAPTYPE,  /* ak_gap_type */
	F_SEVERITY, /* ak_severity */
	F_OFTYPE,   /* int: 0 goal, 1 initiative */
	F_COPIES    /* const json_t *: [{"src":string,"of":string},...] */
};

#define REQ 0x01    /* required: absent or null is an error */
#define NAMES 0x02  /* the id that names the record: "score of K1" */
#define NA_OK 0x04  /* F_STATUS: n/a allowed */

#define NOAUX ((size_t)-1)

struct field {
	const char *name;
	enum ftype type;
	unsigned flags;
	size_t off;   /* where the value goes in the struct */
	size_t aux;   /* has-flag or label, or NOAUX */
};

#define FIELD(S, name, type, flags, member) \
	{name, type, flags, offsetof(S, member), NOAUX}
#define FIELD2(S, name, type, flags, member, aux) \
	{name, type, flags, offsetof(S, member), offsetof(S, aux)}

/* Rows in SPEC §3 order, the naming id first. */
#define S ak_derived_score
static const struct field score_fields[] = {
	FIELD(S, "kpi", F_ID, REQ | NAMES, kpi),
	FIELD(S, "measures", F_ID, 0, measures),
	FIELD2(S, "period", F_PERIOD, REQ, period, label),
	FIELD(S, "start", F_DATE, 0, start),
	FIELD(S, "end", F_DATE, REQ, end),
	FIELD2(S, "value", F_NUMBER, 0, value, has_value),
	FIELD2(S, "target", F_NUMBER, 0, target, has_target),
	FIELD2(S, "min", F_NUMBER, 0, min, has_min),
	FIELD2(S, "max", F_NUMBER, 0, max, has_max),
	FIELD2(S, "score", F_NUMBER, 0, score, has_score),
	FIELD(S, "status", F_STATUS, REQ | NA_OK, status),
	FIELD2(S, "previous", F_NUMBER, 0, previous, has_previous),
	FIELD(S, "trend", F_TREND, 0, trend),
	FIELD(S, "stale", F_BOOL, 0, stale),
	FIELD2(S, "forecast", F_NUMBER, 0, forecast, has_forecast),
	FIELD2(S, "target_at_due", F_NUMBER, 0, target_at_due, has_target_at_due),
	FIELD(S, "note", F_STRING, 0, note),
	FIELD(S, "duplicates", F_COPIES, 0, duplicates),
	FIELD(S, "src", F_STRING, 0, src),
};
#undef S

#define S ak_derived_rollup
static const struct field rollup_fields[] = {
	FIELD(S, "of", F_ID, REQ | NAMES, of),
	FIELD(S, "type", F_OFTYPE, REQ, initiative),
	FIELD2(S, "period", F_PERIOD, REQ, period, label),
	FIELD(S, "end", F_DATE, REQ, end),
	FIELD2(S, "score", F_NUMBER, 0, score, has_score),
	FIELD(S, "status", F_STATUS, REQ, status),
	FIELD(S, "children", F_COUNT, 0, children),
	FIELD(S, "scored", F_COUNT, 0, scored),
	FIELD(S, "src", F_STRING, 0, src),
};
#undef S

#define S ak_derived_gap
static const struct field gap_fields[] = {
	FIELD(S, "type", F_GAPTYPE, REQ, type),
	FIELD(S, "severity", F_SEVERITY, REQ, severity),
	FIELD(S, "subject", F_STRING, 0, subject),
	FIELD(S, "message", F_STRING, REQ, message),
	FIELD(S, "fingerprint", F_STRING, 0, fingerprint),
	FIELD(S, "waived", F_BOOL, 0, waived),
	FIELD(S, "waiver_reason", F_STRING, 0, reason),
	FIELD(S, "waived_until", F_DATE, 0, waived_until),
	FIELD2(S, "new", F_BOOL, 0, is_new, has_new),
	FIELD(S, "resolved", F_BOOL, 0, resolved),
	FIELD(S, "src", F_STRING, 0, src),
};
#undef S

#define S ak_derived_error
static const struct field error_fields[] = {
	FIELD(S, "message", F_STRING, REQ, message),
	FIELD(S, "src", F_STRING, 0, src),
};
#undef S

/* ---- reading a record by its table ------------------------------------- */

struct reader {
	const json_t *record;
	char what[160];       /* "score", then "score of K1" */
	ak_error *err;
};

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int
bad(struct reader *r, const struct field *f, const char *fmt, ...)
{
	char msg[AK_ERROR_TEXT_LENGTH];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ak_error_set(r->err, AK_EINPUT, NULL, 0, "%s: field %s: %s",
	                    r->what, f->name, msg);
}

/* Puts the record and field before what a parser wrote into err. */
static int
bad_after(struct reader *r, const struct field *f)
{
	ak_error_prefix(r->err, "%s: field %s: ", r->what, f->name);
	return AK_EINPUT;
}

#define AT(T) ((T *)(void *)(base + f->off))
#define AUX(T) ((T *)(void *)(base + f->aux))

/* What an absent (or null) field reads as. */
static void
set_absent(const struct field *f, char *base)
{
	switch (f->type) {
	case F_ID:
	case F_STRING:
		*AT(const char *) = NULL;
		break;
	case F_PERIOD:
		memset(AT(ak_period), 0, sizeof(ak_period));
		AUX(char)[0] = '\0';
		break;
	case F_DATE:
		*AT(ak_date) = AK_DATE_NONE;
		break;
	case F_NUMBER:
		*AT(double) = 0;
		*AUX(int) = 0;
		break;
	case F_BOOL:
		*AT(int) = 0;
		if (f->aux != NOAUX)
			*AUX(int) = 0;
		break;
	case F_COUNT:
		*AT(long) = -1;
		break;
	case F_STATUS:
		*AT(ak_score_status) = AK_SCORE_NONE;
		break;
	case F_TREND:
		*AT(ak_trend) = AK_TREND_NONE;
		break;
	case F_GAPTYPE:
		*AT(ak_gap_type) = AK_GAP_INVALID_RECORD;
		break;
	case F_SEVERITY:
		*AT(ak_severity) = AK_SEVERITY_ERROR;
		break;
	case F_OFTYPE:
		*AT(int) = 0;
		break;
	case F_COPIES:
		*AT(const json_t *) = NULL;
		break;
	}
}

/* Reads the present, non-null value v of field f. */
static int
read_value(struct reader *r, const struct field *f, const json_t *v,
           char *base)
{
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	size_t len = s != NULL ? json_string_length(v) : 0;
	char buf[AK_NUM_BUFSIZE], list[64];
	double d;

	switch (f->type) {
	case F_NUMBER:
		if (!json_is_number(v))
			return bad(r, f, "expected a number");
		*AT(double) = json_number_value(v);
		*AUX(int) = 1;
		return AK_OK;
	case F_BOOL:
		if (!json_is_boolean(v))
			return bad(r, f, "expected true or false");
		*AT(int) = json_is_true(v);
		if (f->aux != NOAUX)
			*AUX(int) = 1;
		return AK_OK;
	case F_COUNT:
		/* As record.c counts: 2.0 is 2. */
		if (!json_is_number(v))
			return bad(r, f, "expected a number");
		d = json_number_value(v);
		ak_num_format(buf, sizeof(buf), d);
		if (d != floor(d))
			return bad(r, f, "%s is not a whole number", buf);
		if (d < 0)
			return bad(r, f, "%s is negative", buf);
		*AT(long) = d >= (double)LONG_MAX ? LONG_MAX : (long)d;
		return AK_OK;
	case F_COPIES:
		if (!json_is_array(v))
			return bad(r, f, "expected an array");
		for (size_t i = 0; i < json_array_size(v); i++) {
			const json_t *c = json_array_get(v, i);
			if (!json_is_object(c) ||
			    !json_is_string(json_object_get(c, "src")) ||
			    !json_is_string(json_object_get(c, "of")))
				return bad(r, f, "expected objects with string "
				           "fields src and of");
		}
		*AT(const json_t *) = v;
		return AK_OK;
	default:
		break;
	}
	if (s == NULL)
		return bad(r, f, "expected a string");
	switch (f->type) {
	case F_ID:
		if (!ak_id_valid(s, len))
			return bad(r, f, "\"%.64s\" is not a valid id", s);
		*AT(const char *) = s;
		return AK_OK;
	case F_STRING:
		*AT(const char *) = s;
		return AK_OK;
	case F_PERIOD:
		if (ak_period_parse(AT(ak_period), s, len, r->err) != AK_OK)
			return bad_after(r, f);
		ak_period_label(AUX(char), *AT(ak_period));
		return AK_OK;
	case F_DATE:
		if (ak_date_parse(AT(ak_date), s, len, r->err) != AK_OK)
			return bad_after(r, f);
		return AK_OK;
	case F_STATUS:
		if (ak_score_status_parse(AT(ak_score_status), s, len, NULL) ==
		            AK_OK &&
		    (*AT(ak_score_status) != AK_SCORE_NA || (f->flags & NA_OK)))
			return AK_OK;
		status_list(list, sizeof(list), (f->flags & NA_OK) != 0);
		return bad(r, f, "\"%.64s\" is not one of %s", s, list);
	case F_TREND:
		if (ak_trend_parse(AT(ak_trend), s, len, r->err) != AK_OK)
			return bad_after(r, f);
		return AK_OK;
	case F_GAPTYPE:
		if (ak_gap_type_parse(AT(ak_gap_type), s, len, NULL) != AK_OK)
			return bad(r, f, "\"%.64s\" is not a gap type", s);
		return AK_OK;
	case F_SEVERITY:
		if (ak_severity_parse(AT(ak_severity), s, len, NULL) != AK_OK)
			return bad(r, f, "\"%.64s\" is not one of error, "
			           "warning, info", s);
		return AK_OK;
	case F_OFTYPE:
		if (name_is("goal", s, len))
			*AT(int) = 0;
		else if (name_is("initiative", s, len))
			*AT(int) = 1;
		else
			return bad(r, f, "\"%.64s\" is not one of goal, "
			           "initiative", s);
		return AK_OK;
	default:
		return AK_OK;
	}
}

static int
read_fields(void *out, const struct field *fields, size_t nfields,
            const char *kind, const json_t *record, ak_error *err)
{
	struct reader r;
	char *base = out;
	int rc;

	r.record = record;
	r.err = err;
	snprintf(r.what, sizeof(r.what), "%s", kind);
	for (size_t i = 0; i < nfields; i++)
		set_absent(&fields[i], base);
	for (size_t i = 0; i < nfields; i++) {
		const struct field *f = &fields[i];
		const json_t *v = json_object_get(record, f->name);

		if (v == NULL || json_is_null(v)) {
			if (f->flags & REQ)
				return ak_error_set(err, AK_EINPUT, NULL, 0,
				                    "%s: missing required field "
				                    "%s", r.what, f->name);
			continue;
		}
		if ((rc = read_value(&r, f, v, base)) != AK_OK)
			return rc;
		if (f->flags & NAMES)
			snprintf(r.what, sizeof(r.what), "%s of %s", kind,
			         *(const char *const *)(void *)(base + f->off));
	}
	return AK_OK;
}

int
ak_derived_score_read(ak_derived_score *out, const json_t *record,
                      ak_error *err)
{
	return read_fields(out, score_fields, AK_NELEM(score_fields), "score",
	                   record, err);
}

int
ak_derived_rollup_read(ak_derived_rollup *out, const json_t *record,
                       ak_error *err)
{
	return read_fields(out, rollup_fields, AK_NELEM(rollup_fields),
	                   "rollup", record, err);
}

int
ak_derived_gap_read(ak_derived_gap *out, const json_t *record, ak_error *err)
{
	return read_fields(out, gap_fields, AK_NELEM(gap_fields), "gap", record,
	                   err);
}

int
ak_derived_error_read(ak_derived_error *out, const json_t *record,
                      ak_error *err)
{
	return read_fields(out, error_fields, AK_NELEM(error_fields), "error",
	                   record, err);
}
