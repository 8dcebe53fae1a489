/* Validation of model records (SPEC §1, §2): goals, initiatives, KPIs and
 * measurements are checked field by field and rebuilt in canonical form.
 *
 * Rules beyond the letter of SPEC §2, chosen so that downstream tools see
 * one shape of data:
 *  - a JSON null is an absent field; with AK_RECORD_TEXT so is a string
 *    that is empty after trimming (an empty CSV cell); but a measurement's
 *    value may be null, not applicable (JSON null, or the cell text n/a or
 *    NA in any case), and is kept as null;
 *  - an optional free-text field (owner, unit, note, ...) that is empty
 *    after trimming is dropped: a blank owner is no owner;
 *  - enum values match case-insensitively ("Active" from a spreadsheet)
 *    and are written in lower case;
 *  - a supports list naming one goal twice is an error, since budget and
 *    rollups would count it twice.
 *
 * Every message names the record ("kpi K7: ", or "kpi: " while the id is
 * unknown) and the field:
 *
 *   KIND: missing required field id
 *   KIND: field id: expected a string
 *   KIND: field id: an id must not be empty
 *   KIND: field id: an id must be at most 128 bytes
 *   KIND: field id: an id must not contain control characters
 *   KIND ID: missing required field F
 *   KIND ID: field F: expected a string | expected a number | expected a list
 *   KIND ID: field F: must not be empty                  (required text)
 *   KIND ID: field F: "ninety" is not a number           (AK_RECORD_TEXT)
 *   KIND ID: field F: "1e999" is out of range            (AK_RECORD_TEXT)
 *   KIND ID: field F: "2026-02-30" is not a valid date
 *   measurement: field at: "x" is not a valid date or date-time
 *   KIND ID: field F: "sideways" is not one of up, down, range
 *   KIND ID: field weight: 0 is not greater than 0
 *   initiative ID: field budget: -5 is negative
 *   kpi ID: field stale_after: 1.5 is not a whole number
 *   kpi ID: field stale_after: 0 is less than 1
 *   kpi ID: field stale_after: 1e+10 is too large
 *   initiative ID: field supports: item 2: expected a goal id or an object
 *   initiative ID: field supports: item 2: missing goal
 *   initiative ID: field supports: item 2: expected a goal id
 *   initiative ID: field supports: item 2: unknown key "x"
 *   initiative ID: field supports: item 2: an id must not be empty (etc.)
 *   initiative ID: field supports: item 2: expected a number
 *   initiative ID: field supports: item 2: "x" is not a number
 *   initiative ID: field supports: item 2: weight 0 is not greater than 0
 *   initiative ID: field supports: item 2 is empty       (AK_RECORD_TEXT)
 *   initiative ID: field supports: goal G1 is listed twice
 *   kpi ID: missing required field target (direction up)
 *   kpi ID: missing required field min (direction range)
 *   kpi ID: field min: 10 is above max 5
 *   kpi ID: field baseline: 120 is above target 100 (direction up)
 *   kpi ID: field baseline: 80 is below target 100 (direction down)
 *   kpi ID: field red: 100 is not below target 100 (direction up)
 *   kpi ID: field red: 90 is not above target 100 (direction down)
 *   kpi ID: field target: -5 is below 0: an up KPI with a negative target
 *     needs a baseline or a red flag
 *   kpi ID: field red_min: 5 is above min 3
 *   kpi ID: field red_max: 5 is below max 10
 *   kpi ID: field due: 2026-01-01 is not after start 2026-03-01
 *   KIND ID: field src: expected a string
 *   KIND ID: field src: not valid utf-8
 *   KIND: expected an object
 * A measurement has no id and is named "measurement" alone.  Quoted values
 * are cut after 40 bytes with "...". */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/num.h"
#include "alignkit/period.h"
#include "alignkit/record.h"
#include "record_internal.h"

static const char *const kind_names[] = {
	"", "goal", "initiative", "kpi", "measurement", "target", "checkin",
	"score", "rollup", "gap", "error"
};
#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

ak_kind
ak_kind_parse(const char *name)
{
	if (name == NULL)
		return AK_KIND_OTHER;
	for (size_t i = 1; i < NKINDS; i++)
		if (strcmp(name, kind_names[i]) == 0)
			return (ak_kind)i;
	return AK_KIND_OTHER;
}

const char *
ak_kind_name(ak_kind kind)
{
	if ((size_t)kind >= NKINDS)
		return "";
	return kind_names[kind];
}

/* ---- ids and text ---------------------------------------------------- */

const char *
ak_id_problem(const char *s, size_t len)
{
	if (len == 0)
		return "an id must not be empty";
	if (len > AK_ID_MAX)
		return "an id must be at most 128 bytes";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		/* C0, DEL, and the C1 controls U+0080..U+009F (C2 80..C2 9F). */
		if (c < 0x20 || c == 0x7f ||
		    (c == 0xc2 && i + 1 < len &&
		     (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9f))
			return "an id must not contain control characters";
	}
	return NULL;
}

int
ak_id_valid(const char *s, size_t len)
{
	if (s == NULL)
		return 0;
	ak_trim(&s, &len);
	return ak_id_problem(s, len) == NULL;
}

const char *
ak_record_src(const json_t *record)
{
	return json_string_value(json_object_get(record, "src"));
}

/* How many bytes of s to quote in a message: at most 40, never cutting a
 * UTF-8 sequence (the text may end up in an error record, which must be
 * valid JSON). */
static int
shown(const char *s, size_t len)
{
	size_t n = len;

	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return (int)n;
}

#define QUOTED(s, len) shown(s, len), (s), ((len) > 40 ? "..." : "")

/* ASCII case-insensitive equality of s[0..len) and the NUL-terminated
 * name: independent of the locale. */
static int
same_word(const char *s, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char a = s[i], b = name[i];
		if (b == '\0')
			return 0;
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return name[i] == '\0';
}

/* same_word for an enum's value; in cell text (AK_RECORD_TEXT) a space
 * or '_' also matches the '-' of a choice, as a form's choices are
 * written: "On track" is on-track. */
static int
same_choice(int flags, const char *s, size_t len, const char *choice)
{
	size_t i;

	if (!(flags & AK_RECORD_TEXT) || strchr(choice, '-') == NULL)
		return same_word(s, len, choice);
	for (i = 0; i < len; i++) {
		char a = ak_ascii_lower(s[i]), b = choice[i];
		if (b == '\0')
			return 0;
		if (b == '-' && (a == ' ' || a == '_'))
			continue;
		if (a != b)
			return 0;
	}
	return choice[i] == '\0';
}

/* ---- field tables (SPEC §2, in table order) -------------------------- */

enum ftype {
	F_ID,        /* the record's own id */
	F_TEXT,      /* free text */
	F_REF,       /* the id of another record */
	F_NUMBER,
	F_DATE,
	F_AT,        /* a date or an RFC 3339 date-time */
	F_STAMP,     /* F_AT, or with AK_RECORD_TEXT a form's timestamp */
	F_FROM,      /* a date or a period label (its first day) */
	F_ENUM,
	F_SUPPORTS
};

#define R_REQUIRED 1
#define R_POSITIVE 2   /* > 0 */
#define R_NONNEG   4   /* >= 0 */
#define R_COUNT    8   /* an integer >= 1 */
#define R_NULLABLE 16  /* null is a value (not applicable): JSON null, or
                        * with AK_RECORD_TEXT "n/a" or "NA" in any case */

struct field {
	const char *name;
	enum ftype type;
	unsigned rules;
	const char *const *choices;  /* F_ENUM: NULL-terminated */
	const char *choice_list;     /* F_ENUM: for messages */
};

static const char *const goal_statuses[] = { "active", "retired", NULL };
static const char *const initiative_statuses[] = {
	"proposed", "active", "done", "cancelled", NULL
};
static const char *const directions[] = { "up", "down", "range", NULL };
static const char *const aggregates[] = {
	"last", "sum", "avg", "min", "max", "count", NULL
};
static const char *const missings[] = { "none", "zero", NULL };
static const char *const rollups[] = { "mean", "min", NULL };
static const char *const confidences[] = {
	"on-track", "at-risk", "off-track", NULL
};
static const char *const sides[] = { "business", "it", NULL };
static const char *const cadences[] = {
	"week", "month", "quarter", "year", NULL
};

#define ENUM(list, text) F_ENUM, 0, list, text

static const struct field goal_fields[] = {
	{ "id", F_ID, R_REQUIRED, NULL, NULL },
	{ "title", F_TEXT, R_REQUIRED, NULL, NULL },
	{ "parent", F_REF, 0, NULL, NULL },
	{ "weight", F_NUMBER, R_POSITIVE, NULL, NULL },
	{ "perspective", F_TEXT, 0, NULL, NULL },
	{ "owner", F_TEXT, 0, NULL, NULL },
	{ "status", ENUM(goal_statuses, "active, retired") },
	{ "due", F_DATE, 0, NULL, NULL },
	{ "rollup", ENUM(rollups, "mean, min") },
};

static const struct field initiative_fields[] = {
	{ "id", F_ID, R_REQUIRED, NULL, NULL },
	{ "title", F_TEXT, R_REQUIRED, NULL, NULL },
	{ "supports", F_SUPPORTS, 0, NULL, NULL },
	{ "owner", F_TEXT, 0, NULL, NULL },
	{ "sponsor", F_TEXT, 0, NULL, NULL },
	{ "status", ENUM(initiative_statuses,
	                 "proposed, active, done, cancelled") },
	{ "budget", F_NUMBER, R_NONNEG, NULL, NULL },
	{ "start", F_DATE, 0, NULL, NULL },
	{ "end", F_DATE, 0, NULL, NULL },
};

/* kpi_fields indices used by the cross-field checks. */
enum {
	K_ID, K_NAME, K_MEASURES, K_DIRECTION, K_TARGET, K_MIN, K_MAX,
	K_BASELINE, K_RED, K_RED_MIN, K_RED_MAX, K_START, K_DUE, K_AGGREGATE,
	K_MISSING, K_CADENCE, K_STALE_AFTER, K_WEIGHT, K_UNIT, K_BUSINESS_OWNER,
	K_IT_OWNER, K_STATUS, K_NFIELDS
};

static const struct field kpi_fields[K_NFIELDS] = {
	[K_ID] = { "id", F_ID, R_REQUIRED, NULL, NULL },
	[K_NAME] = { "name", F_TEXT, R_REQUIRED, NULL, NULL },
	[K_MEASURES] = { "measures", F_REF, R_REQUIRED, NULL, NULL },
	[K_DIRECTION] = { "direction", ENUM(directions, "up, down, range") },
	[K_TARGET] = { "target", F_NUMBER, 0, NULL, NULL },
	[K_MIN] = { "min", F_NUMBER, 0, NULL, NULL },
	[K_MAX] = { "max", F_NUMBER, 0, NULL, NULL },
	[K_BASELINE] = { "baseline", F_NUMBER, 0, NULL, NULL },
	[K_RED] = { "red", F_NUMBER, 0, NULL, NULL },
	[K_RED_MIN] = { "red_min", F_NUMBER, 0, NULL, NULL },
	[K_RED_MAX] = { "red_max", F_NUMBER, 0, NULL, NULL },
	[K_START] = { "start", F_DATE, 0, NULL, NULL },
	[K_DUE] = { "due", F_DATE, 0, NULL, NULL },
	[K_AGGREGATE] = { "aggregate", ENUM(aggregates,
	                  "last, sum, avg, min, max, count") },
	[K_MISSING] = { "missing", ENUM(missings, "none, zero") },
	[K_CADENCE] = { "cadence", ENUM(cadences,
	                "week, month, quarter, year") },
	[K_STALE_AFTER] = { "stale_after", F_NUMBER, R_COUNT, NULL, NULL },
	[K_WEIGHT] = { "weight", F_NUMBER, R_POSITIVE, NULL, NULL },
	[K_UNIT] = { "unit", F_TEXT, 0, NULL, NULL },
	[K_BUSINESS_OWNER] = { "business_owner", F_TEXT, 0, NULL, NULL },
	[K_IT_OWNER] = { "it_owner", F_TEXT, 0, NULL, NULL },
	[K_STATUS] = { "status", ENUM(goal_statuses, "active, retired") },
};

static const struct field measurement_fields[] = {
	{ "kpi", F_REF, R_REQUIRED, NULL, NULL },
	{ "at", F_AT, R_REQUIRED, NULL, NULL },
	{ "value", F_NUMBER, R_REQUIRED | R_NULLABLE, NULL, NULL },
	{ "note", F_TEXT, 0, NULL, NULL },
};

/* target_fields indices; the thresholds T_TARGET..T_RED_MAX are in the
 * order of the KPI's own (K_TARGET..K_RED_MAX). */
enum {
	T_KPI, T_FROM, T_TARGET, T_MIN, T_MAX, T_BASELINE, T_RED, T_RED_MIN,
	T_RED_MAX, T_NFIELDS
};

static const struct field target_fields[T_NFIELDS] = {
	[T_KPI] = { "kpi", F_REF, R_REQUIRED, NULL, NULL },
	[T_FROM] = { "from", F_FROM, R_REQUIRED, NULL, NULL },
	[T_TARGET] = { "target", F_NUMBER, 0, NULL, NULL },
	[T_MIN] = { "min", F_NUMBER, 0, NULL, NULL },
	[T_MAX] = { "max", F_NUMBER, 0, NULL, NULL },
	[T_BASELINE] = { "baseline", F_NUMBER, 0, NULL, NULL },
	[T_RED] = { "red", F_NUMBER, 0, NULL, NULL },
	[T_RED_MIN] = { "red_min", F_NUMBER, 0, NULL, NULL },
	[T_RED_MAX] = { "red_max", F_NUMBER, 0, NULL, NULL },
};

/* checkin_fields indices. */
enum { C_SUBJECT, C_AT, C_CONFIDENCE, C_SIDE, C_BY, C_NOTE, C_NFIELDS };

static const struct field checkin_fields[C_NFIELDS] = {
	[C_SUBJECT] = { "subject", F_REF, R_REQUIRED, NULL, NULL },
	[C_AT] = { "at", F_STAMP, R_REQUIRED, NULL, NULL },
	[C_CONFIDENCE] = { "confidence", F_ENUM, R_REQUIRED, confidences,
	                   "on-track, at-risk, off-track" },
	[C_SIDE] = { "side", ENUM(sides, "business, it") },
	[C_BY] = { "by", F_TEXT, 0, NULL, NULL },
	[C_NOTE] = { "note", F_TEXT, 0, NULL, NULL },
};

#define MAX_FIELDS K_NFIELDS

/* ---- validation context and messages --------------------------------- */

struct ctx {
	const char *kind;    /* "goal", ... */
	const char *id;      /* NULL until the id is known valid */
	size_t idlen;
	int flags;
	ak_error *err;
};

/* One field's value once checked. */
struct value {
	json_t *json;        /* the canonical value (new reference); NULL when
	                      * absent */
	double num;          /* F_NUMBER */
	ak_date date;        /* F_DATE, F_AT */
};

/* "kpi K7: field target: " (or "kpi K7: " when field is NULL) into buf. */
static void
where(const struct ctx *c, const char *field, char *buf, size_t size)
{
	int n;

	if (c->id != NULL)
		n = snprintf(buf, size, "%s %.*s: ", c->kind, (int)c->idlen,
		             c->id);
	else
		n = snprintf(buf, size, "%s: ", c->kind);
	if (field != NULL && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, "field %s: ", field);
}

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static int
fail(const struct ctx *c, const char *field, const char *fmt, ...)
{
	char prefix[AK_ERROR_TEXT_LENGTH], msg[AK_ERROR_TEXT_LENGTH];
	va_list ap;

	where(c, field, prefix, sizeof(prefix));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return ak_error_set(c->err, AK_EINPUT, NULL, 0, "%s%s", prefix, msg);
}

/* Puts the record and field before a message that a parser (num, date)
 * has already written into err, and passes its code on. */
static int
fail_after(const struct ctx *c, const char *field, int rc)
{
	char prefix[AK_ERROR_TEXT_LENGTH];

	if (rc == AK_ENOMEM)
		return rc;
	where(c, field, prefix, sizeof(prefix));
	ak_error_prefix(c->err, "%s", prefix);
	return rc;
}

static int
no_memory(const struct ctx *c)
{
	return ak_error_set(c->err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* Whether v says nothing: null, or with AK_RECORD_TEXT a blank string. */
static int
absent(const struct ctx *c, const json_t *v)
{
	const char *s;
	size_t len;

	if (v == NULL || json_is_null(v))
		return 1;
	if ((c->flags & AK_RECORD_TEXT) && json_is_string(v)) {
		s = json_string_value(v);
		len = json_string_length(v);
		ak_trim(&s, &len);
		return len == 0;
	}
	return 0;
}

/* Whether v is the null value of an R_NULLABLE field: JSON null, or with
 * AK_RECORD_TEXT the cell text n/a or NA (any case).  An empty cell is
 * not: it says nothing. */
static int
null_value(const struct ctx *c, const json_t *v)
{
	const char *s;
	size_t len;

	if (json_is_null(v))
		return 1;
	if (!(c->flags & AK_RECORD_TEXT) || !json_is_string(v))
		return 0;
	s = json_string_value(v);
	len = json_string_length(v);
	ak_trim(&s, &len);
	return same_word(s, len, "n/a") || same_word(s, len, "na");
}

/* The trimmed text of v, or 0 when v is not a string. */
static int
text_of(const json_t *v, const char **s, size_t *len)
{
	if (!json_is_string(v))
		return 0;
	*s = json_string_value(v);
	*len = json_string_length(v);
	ak_trim(s, len);
	return 1;
}

/* The JSON string for s[0..len), the trimmed text of v: v itself (one
 * more reference) when trimming left it whole, so that re-validating an
 * already normalized record, as every tool after goals-load does, copies
 * no strings. */
static json_t *
string_json(const json_t *v, const char *s, size_t len)
{
	if (s == json_string_value(v) && len == json_string_length(v))
		return json_incref((json_t *)v);
	return json_stringn(s, len);
}

/* Integral values become JSON integers so that they compare equal to
 * what a user wrote (97, not 97.0); the printed form is the same. */
static json_t *
number_json(double d)
{
	if (d == floor(d) && fabs(d) < 9007199254740992.0)
		return json_integer((json_int_t)d);
	return json_real(d);
}

/* A number from v: a JSON number, or with AK_RECORD_TEXT its text. */
static int
number_of(const struct ctx *c, const char *field, const json_t *v,
          double *out)
{
	const char *s;
	size_t len;
	int rc;

	if (json_is_number(v)) {
		*out = json_number_value(v);
		if (!isfinite(*out))
			return fail(c, field, "expected a finite number");
		return AK_OK;
	}
	if ((c->flags & AK_RECORD_TEXT) && text_of(v, &s, &len)) {
		rc = ak_num_parse(out, s, len,
		                  (c->flags & AK_RECORD_DECIMAL_COMMA) ?
		                  AK_NUM_DECIMAL_COMMA : 0, c->err);
		return rc == AK_OK ? AK_OK : fail_after(c, field, rc);
	}
	return fail(c, field, "expected a number");
}

static int
check_number(const struct ctx *c, const struct field *f, double d)
{
	char buf[AK_NUM_BUFSIZE];
	const char *why = NULL;

	if ((f->rules & R_POSITIVE) && !(d > 0))
		why = "is not greater than 0";
	else if ((f->rules & R_NONNEG) && d < 0)
		why = "is negative";
	else if ((f->rules & R_COUNT) && d != floor(d))
		why = "is not a whole number";
	else if ((f->rules & R_COUNT) && d < 1)
		why = "is less than 1";
	else if ((f->rules & R_COUNT) && d > INT_MAX)
		why = "is too large";
	if (why == NULL)
		return AK_OK;
	/* The value is formatted only for the message: valid numbers, the
	 * common case, cost no formatting. */
	ak_num_format(buf, sizeof(buf), d);
	return fail(c, f->name, "%s %s", buf, why);
}

/* ---- supports -------------------------------------------------------- */

/* Appends {"goal":id,"weight":w} to list unless the goal is there. */
static int
add_support(const struct ctx *c, json_t *list, const char *id, size_t len,
            double weight)
{
	size_t i;
	json_t *item, *goal;

	for (i = 0; i < json_array_size(list); i++) {
		goal = json_object_get(json_array_get(list, i), "goal");
		if (json_string_length(goal) == len &&
		    memcmp(json_string_value(goal), id, len) == 0)
			return fail(c, "supports", "goal %.*s is listed twice",
			            (int)len, id);
	}
	item = json_object();
	if (item == NULL ||
	    json_object_set_new(item, "goal", json_stringn(id, len)) != 0 ||
	    json_object_set_new(item, "weight", number_json(weight)) != 0 ||
	    json_array_append_new(list, item) != 0) {
		json_decref(item);
		return no_memory(c);
	}
	return AK_OK;
}

static int
support_weight(const struct ctx *c, const char *label, double w)
{
	char buf[AK_NUM_BUFSIZE];

	if (w > 0)
		return AK_OK;
	ak_num_format(buf, sizeof(buf), w);
	return fail(c, label, "weight %s is not greater than 0", buf);
}

static int
support_id(const struct ctx *c, const char *label, const char *s, size_t len)
{
	const char *why = ak_id_problem(s, len);

	return why == NULL ? AK_OK : fail(c, label, "%s", why);
}

/* One item of a JSON supports array: "G1" or {"goal":"G1","weight":2}. */
static int
support_item(const struct ctx *c, json_t *list, size_t n, json_t *item)
{
	char label[48];
	const char *s, *key;
	size_t len;
	json_t *goal = NULL, *weight = NULL, *v;
	double w = 1;
	int rc;

	snprintf(label, sizeof(label), "supports: item %zu", n);
	if (text_of(item, &s, &len)) {
		if ((rc = support_id(c, label, s, len)) != AK_OK)
			return rc;
		return add_support(c, list, s, len, 1);
	}
	if (!json_is_object(item))
		return fail(c, label, "expected a goal id or an object");
	json_object_foreach(item, key, v) {
		if (strcmp(key, "goal") == 0)
			goal = v;
		else if (strcmp(key, "weight") == 0)
			weight = v;
		else
			return fail(c, label, "unknown key \"%s\"", key);
	}
	if (goal == NULL || json_is_null(goal))
		return fail(c, label, "missing goal");
	if (!text_of(goal, &s, &len))
		return fail(c, label, "expected a goal id");
	if ((rc = support_id(c, label, s, len)) != AK_OK)
		return rc;
	if (!absent(c, weight)) {
		if ((rc = number_of(c, label, weight, &w)) != AK_OK)
			return rc;
		if ((rc = support_weight(c, label, w)) != AK_OK)
			return rc;
	}
	return add_support(c, list, s, len, w);
}

/* The CSV form "G1;G2:2": items separated by ';', each ID or ID:WEIGHT. */
static int
support_text(const struct ctx *c, json_t *list, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *semi, *colon, *id, *wt;
	size_t n = 0, idlen, wlen, itemlen;
	char label[48];
	double w;
	int rc;

	for (;;) {
		semi = memchr(p, ';', (size_t)(end - p));
		id = p;
		itemlen = (size_t)((semi != NULL ? semi : end) - p);
		ak_trim(&id, &itemlen);
		n++;
		if (itemlen == 0)
			return fail(c, "supports", "item %zu is empty", n);
		snprintf(label, sizeof(label), "supports: item %zu", n);
		/* The last colon splits off the weight. */
		for (colon = id + itemlen; colon > id && colon[-1] != ':'; colon--)
			;
		w = 1;
		idlen = itemlen;
		if (colon > id) {
			idlen = (size_t)(colon - 1 - id);
			wt = colon;
			wlen = itemlen - idlen - 1;
			ak_trim(&id, &idlen);
			ak_trim(&wt, &wlen);
			rc = ak_num_parse(&w, wt, wlen,
			                  (c->flags & AK_RECORD_DECIMAL_COMMA) ?
			                  AK_NUM_DECIMAL_COMMA : 0, c->err);
			if (rc != AK_OK)
				return fail_after(c, label, rc);
			if ((rc = support_weight(c, label, w)) != AK_OK)
				return rc;
		}
		if ((rc = support_id(c, label, id, idlen)) != AK_OK)
			return rc;
		if ((rc = add_support(c, list, id, idlen, w)) != AK_OK)
			return rc;
		if (semi == NULL)
			return AK_OK;
		p = semi + 1;
	}
}

static int
read_supports(const struct ctx *c, const json_t *v, json_t **out)
{
	json_t *list, *item;
	const char *s;
	size_t i, len;
	int rc = AK_OK;

	if (!json_is_array(v) &&
	    !((c->flags & AK_RECORD_TEXT) && json_is_string(v)))
		return fail(c, "supports", "expected a list");
	if ((list = json_array()) == NULL)
		return no_memory(c);
	if (json_is_array(v)) {
		json_array_foreach(v, i, item) {
			if ((rc = support_item(c, list, i + 1, item)) != AK_OK)
				break;
		}
	} else {
		text_of(v, &s, &len);
		rc = support_text(c, list, s, len);
	}
	if (rc != AK_OK) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return AK_OK;
}

/* A date in a cell that is not yyyy-mm-dd: when it reads as a form's
 * timestamp does (18/11/2026, 18.11.2026), the message shows how to
 * write it; when that reading could mean two things (03/11/2026), it
 * says so; else the message of the date parser, already in c->err.
 * Only check-ins take a form's dates as they are; elsewhere a date is
 * written one way. */
static int
date_hint(const struct ctx *c, const char *field, const char *s, size_t len)
{
	char day[AK_DATE_BUFSIZE];
	ak_error stamp;
	ak_date d;
	size_t i = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i == len || (s[i] != '/' && s[i] != '.'))
		return fail_after(c, field, AK_EINPUT);
	if (ak_date_parse_stamp(&d, s, len, &stamp) != AK_OK)
		return fail(c, field, "%s", stamp.text);
	ak_date_format(day, d);
	return fail(c, field, "\"%.*s%s\" is not written year first: write %s",
	            QUOTED(s, len), day);
}

/* ---- one field ------------------------------------------------------- */

static int
read_field(const struct ctx *c, const struct field *f, const json_t *v,
           struct value *out)
{
	const char *s, *why;
	size_t len;
	int rc;

	switch (f->type) {
	case F_ID:
	case F_REF:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		if ((why = ak_id_problem(s, len)) != NULL)
			return fail(c, f->name, "%s", why);
		out->json = string_json(v, s, len);
		break;
	case F_TEXT:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		if (len == 0) {
			if (f->rules & R_REQUIRED)
				return fail(c, f->name, "must not be empty");
			return AK_OK;
		}
		out->json = string_json(v, s, len);
		break;
	case F_NUMBER:
		if ((rc = number_of(c, f->name, v, &out->num)) != AK_OK)
			return rc;
		if ((rc = check_number(c, f, out->num)) != AK_OK)
			return rc;
		/* A JSON integer, or a real that is not integral, is already
		 * in canonical form. */
		out->json = json_is_integer(v) ||
		            (json_is_real(v) && out->num != floor(out->num)) ?
		            json_incref((json_t *)v) : number_json(out->num);
		break;
	case F_DATE:
	case F_AT:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		rc = f->type == F_DATE ? ak_date_parse(&out->date, s, len, c->err)
		                       : ak_date_parse_at(&out->date, s, len,
		                                          c->err);
		if (rc == AK_EINPUT && (c->flags & AK_RECORD_TEXT))
			return date_hint(c, f->name, s, len);
		if (rc != AK_OK)
			return fail_after(c, f->name, rc);
		out->json = string_json(v, s, len);
		break;
	case F_STAMP:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		if (!(c->flags & AK_RECORD_TEXT) ||
		    ak_date_parse_at(&out->date, s, len, NULL) == AK_OK) {
			if ((rc = ak_date_parse_at(&out->date, s, len, c->err)) != AK_OK)
				return fail_after(c, f->name, rc);
			out->json = string_json(v, s, len);
			break;
		}
		/* A form's timestamp becomes the day it shows. */
		if ((rc = ak_date_parse_stamp(&out->date, s, len, c->err)) != AK_OK)
			return fail_after(c, f->name, rc);
		{
			char day[AK_DATE_BUFSIZE];
			ak_date_format(day, out->date);
			out->json = json_string(day);
		}
		break;
	case F_FROM:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		if (ak_date_parse(&out->date, s, len, NULL) != AK_OK) {
			ak_period p;
			if (ak_period_parse(&p, s, len, NULL) != AK_OK)
				return fail(c, f->name, "\"%.*s%s\" is not a date or "
				            "a period label (2026-10-01, 2026-W40, "
				            "2026-10, 2026-Q4, 2026)", QUOTED(s, len));
			out->date = p.start;
		}
		out->json = string_json(v, s, len);
		break;
	case F_ENUM:
		if (!text_of(v, &s, &len))
			return fail(c, f->name, "expected a string");
		for (size_t i = 0; f->choices[i] != NULL; i++) {
			if (same_choice(c->flags, s, len, f->choices[i])) {
				out->json = strcmp(json_string_value(v), f->choices[i]) == 0 ?
				            json_incref((json_t *)v) :
				            json_string(f->choices[i]);
				break;
			}
		}
		if (out->json == NULL)
			return fail(c, f->name, "\"%.*s%s\" is not one of %s",
			            QUOTED(s, len), f->choice_list);
		break;
	case F_SUPPORTS:
		return read_supports(c, v, &out->json);
	}
	return out->json != NULL ? AK_OK : no_memory(c);
}

/* ---- cross-field checks for a kpi (SPEC §2) -------------------------- */

static int
check_kpi(const struct ctx *c, const struct value *v)
{
	char a[AK_NUM_BUFSIZE], b[AK_NUM_BUFSIZE];
	const char *dir = v[K_DIRECTION].json != NULL ?
	                  json_string_value(v[K_DIRECTION].json) : "up";
	int up = strcmp(dir, "up") == 0, down = strcmp(dir, "down") == 0;
	double target = v[K_TARGET].num;

#define HAS(k) (v[k].json != NULL)
#define FMT2(x, y) (ak_num_format(a, sizeof(a), (x)), \
                    ak_num_format(b, sizeof(b), (y)))
	if ((up || down) && !HAS(K_TARGET))
		return fail(c, NULL, "missing required field target "
		            "(direction %s)", dir);
	if (!up && !down) {
		if (!HAS(K_MIN))
			return fail(c, NULL, "missing required field min "
			            "(direction range)");
		if (!HAS(K_MAX))
			return fail(c, NULL, "missing required field max "
			            "(direction range)");
	}
	if (HAS(K_MIN) && HAS(K_MAX) && v[K_MIN].num > v[K_MAX].num) {
		FMT2(v[K_MIN].num, v[K_MAX].num);
		return fail(c, "min", "%s is above max %s", a, b);
	}
	if (HAS(K_BASELINE) && (up || down)) {
		double base = v[K_BASELINE].num;
		FMT2(base, target);
		if (up && base > target)
			return fail(c, "baseline", "%s is above target %s "
			            "(direction up)", a, b);
		if (down && base < target)
			return fail(c, "baseline", "%s is below target %s "
			            "(direction down)", a, b);
	}
	if (HAS(K_RED) && (up || down)) {
		double red = v[K_RED].num;
		FMT2(red, target);
		if (up && !(red < target))
			return fail(c, "red", "%s is not below target %s "
			            "(direction up)", a, b);
		if (down && !(red > target))
			return fail(c, "red", "%s is not above target %s "
			            "(direction down)", a, b);
	}
	/* Progress runs from the baseline, else the red flag, else 0: below
	 * a negative target 0 is no starting point (SPEC §6). */
	if (up && target < 0 && !HAS(K_BASELINE) && !HAS(K_RED)) {
		ak_num_format(a, sizeof(a), target);
		return fail(c, "target", "%s is below 0: an up KPI with a "
		            "negative target needs a baseline or a red flag", a);
	}
	if (HAS(K_RED_MIN) && HAS(K_MIN) && v[K_RED_MIN].num > v[K_MIN].num) {
		FMT2(v[K_RED_MIN].num, v[K_MIN].num);
		return fail(c, "red_min", "%s is above min %s", a, b);
	}
	if (HAS(K_RED_MAX) && HAS(K_MAX) && v[K_RED_MAX].num < v[K_MAX].num) {
		FMT2(v[K_RED_MAX].num, v[K_MAX].num);
		return fail(c, "red_max", "%s is below max %s", a, b);
	}
	/* Zero is a result only where it is a sum or a count: an average,
	 * minimum, maximum or last value of nothing is no number. */
	if (HAS(K_MISSING) &&
	    strcmp(json_string_value(v[K_MISSING].json), "zero") == 0) {
		const char *agg = HAS(K_AGGREGATE) ?
		                  json_string_value(v[K_AGGREGATE].json) : "last";
		if (strcmp(agg, "sum") != 0 && strcmp(agg, "count") != 0)
			return fail(c, "missing", "zero needs aggregate sum or "
			            "count, not %s", agg);
	}
	if (HAS(K_START) && HAS(K_DUE) && !(v[K_START].date < v[K_DUE].date))
		return fail(c, "due", "%s is not after start %s",
		            json_string_value(v[K_DUE].json),
		            json_string_value(v[K_START].json));
#undef HAS
#undef FMT2
	return AK_OK;
}

/* ---- the record ------------------------------------------------------ */

static int
known(const struct field *fields, size_t n, const char *key)
{
	if (strcmp(key, "kind") == 0 || strcmp(key, "src") == 0)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, fields[i].name) == 0)
			return 1;
	return 0;
}

/* The "src" of the output: the caller's, else the input's string. */
static int
read_src(const struct ctx *c, const json_t *in, const char *src,
         json_t **out)
{
	const json_t *v;

	*out = NULL;
	if (src != NULL) {
		/* jansson refuses invalid UTF-8 (a strange file name). */
		if ((*out = json_string(src)) == NULL)
			return fail(c, "src", "not valid utf-8");
		return AK_OK;
	}
	v = json_object_get(in, "src");
	if (absent(c, v))
		return AK_OK;
	if (!json_is_string(v))
		return fail(c, "src", "expected a string");
	*out = json_incref((json_t *)v);
	return AK_OK;
}

int
ak_record_normalize(json_t **out, const json_t *in, ak_kind kind,
                    const char *src, int flags, ak_error *err)
{
	const struct field *fields;
	size_t nfields, i;
	struct value vals[MAX_FIELDS];
	struct ctx c = { ak_kind_name(kind), NULL, 0, flags, err };
	json_t *obj = NULL, *srcv = NULL, *v;
	const char *key;
	int rc = AK_OK;

	*out = NULL;
	switch (kind) {
	case AK_KIND_GOAL:
		fields = goal_fields, nfields = AK_NELEM(goal_fields);
		break;
	case AK_KIND_INITIATIVE:
		fields = initiative_fields, nfields = AK_NELEM(initiative_fields);
		break;
	case AK_KIND_KPI:
		fields = kpi_fields, nfields = AK_NELEM(kpi_fields);
		break;
	case AK_KIND_MEASUREMENT:
		fields = measurement_fields, nfields = AK_NELEM(measurement_fields);
		break;
	case AK_KIND_TARGET:
		fields = target_fields, nfields = AK_NELEM(target_fields);
		break;
	case AK_KIND_CHECKIN:
		fields = checkin_fields, nfields = AK_NELEM(checkin_fields);
		break;
	default:
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "records of kind %s are not validated",
		                    kind == AK_KIND_OTHER ? "other" :
		                    ak_kind_name(kind));
	}
	if (!json_is_object(in))
		return fail(&c, NULL, "expected an object");

	memset(vals, 0, sizeof(vals));
	for (i = 0; i < nfields; i++) {
		v = json_object_get(in, fields[i].name);
		if ((fields[i].rules & R_NULLABLE) && v != NULL && null_value(&c, v)) {
			vals[i].json = json_null();
			continue;
		}
		if (absent(&c, v)) {
			if (fields[i].rules & R_REQUIRED) {
				rc = fail(&c, NULL, "missing required field %s",
				          fields[i].name);
				goto out;
			}
			continue;
		}
		if ((rc = read_field(&c, &fields[i], v, &vals[i])) != AK_OK)
			goto out;
		/* A target record is named by its KPI, a check-in by its
		 * subject: "target K1: ", "checkin I1: ". */
		if (fields[i].type == F_ID ||
		    (kind == AK_KIND_TARGET && i == T_KPI) ||
		    (kind == AK_KIND_CHECKIN && i == C_SUBJECT)) {
			c.id = json_string_value(vals[i].json);
			c.idlen = json_string_length(vals[i].json);
		}
	}
	if (kind == AK_KIND_KPI && (rc = check_kpi(&c, vals)) != AK_OK)
		goto out;
	if (kind == AK_KIND_TARGET) {
		for (i = T_TARGET; i < T_NFIELDS && vals[i].json == NULL; i++)
			;
		if (i == T_NFIELDS) {
			rc = fail(&c, NULL, "a target record needs at least one of "
			          "target, min, max, baseline, red, red_min, "
			          "red_max");
			goto out;
		}
	}
	if ((rc = read_src(&c, in, src, &srcv)) != AK_OK)
		goto out;

	if ((obj = json_object()) == NULL ||
	    json_object_set_new(obj, "kind", json_string(c.kind)) != 0)
		goto nomem;
	for (i = 0; i < nfields; i++) {
		if (vals[i].json == NULL)
			continue;
		/* set_new steals the value even when it fails. */
		rc = json_object_set_new(obj, fields[i].name, vals[i].json);
		vals[i].json = NULL;
		if (rc != 0)
			goto nomem;
	}
	json_object_foreach((json_t *)in, key, v) {
		if (!known(fields, nfields, key) &&
		    json_object_set(obj, key, v) != 0)
			goto nomem;
	}
	if (srcv != NULL) {
		rc = json_object_set_new(obj, "src", srcv);
		srcv = NULL;
		if (rc != 0)
			goto nomem;
	}
	*out = obj;
	obj = NULL;
	rc = AK_OK;
	goto out;
nomem:
	rc = no_memory(&c);
out:
	for (i = 0; i < nfields; i++)
		json_decref(vals[i].json);
	json_decref(srcv);
	json_decref(obj);
	return rc;
}

int
ak_record_check_target(const json_t *kpi, const json_t *target,
                       ak_error *err)
{
	static const char *const thresholds[] = {
		"target", "min", "max", "baseline", "red", "red_min", "red_max"
	};
	json_t *merged = json_deep_copy(kpi), *out = NULL;
	const char *from = json_string_value(json_object_get(target, "from"));
	const char *id = json_string_value(json_object_get(kpi, "id"));
	const char *text;
	size_t skip;
	int rc;

	if (merged == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	for (size_t i = 0; i < AK_NELEM(thresholds); i++) {
		json_t *v = json_object_get(target, thresholds[i]);
		if (v != NULL && !json_is_null(v) &&
		    json_object_set(merged, thresholds[i], v) != 0) {
			json_decref(merged);
			return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
		}
	}
	rc = ak_record_normalize(&out, merged, AK_KIND_KPI, NULL, 0, err);
	json_decref(merged);
	json_decref(out);
	if (rc != AK_EINPUT)
		return rc;
	/* "kpi K1: field red: ..." becomes "target K1 from 2026-Q4: with
	 * kpi K1: field red: ...": the record at fault is the target. */
	text = err->text;
	skip = strlen("kpi ") + strlen(id != NULL ? id : "") + strlen(": ");
	if (strncmp(text, "kpi ", 4) != 0 || strlen(text) < skip)
		skip = 0;
	{
		char rest[AK_ERROR_TEXT_LENGTH];
		snprintf(rest, sizeof(rest), "%s", text + skip);
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "target %s from %s: merged with its kpi, %s",
		                    id != NULL ? id : "", from != NULL ? from : "",
		                    rest);
	}
}
