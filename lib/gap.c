/* The gap finder's intake: gap type and severity names, collecting the
 * stream (model, scores, rollups, error records, measurements) and the
 * waivers, and the gap records it writes.  The checks are in gap_find.c. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/gap.h"
#include "alignkit/load.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/period.h"
#include "alignkit/record.h"
#include "gap_internal.h"
#include "util_internal.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const type_names[AK_GAP_NTYPES] = {
	[AK_GAP_INVALID_RECORD] = "invalid-record",
	[AK_GAP_DUPLICATE_ID] = "duplicate-id",
	[AK_GAP_DANGLING_REF] = "dangling-ref",
	[AK_GAP_GOAL_CYCLE] = "goal-cycle",
	[AK_GAP_ORPHAN_INITIATIVE] = "orphan-initiative",
	[AK_GAP_UNSUPPORTED_GOAL] = "unsupported-goal",
	[AK_GAP_UNMEASURED_GOAL] = "unmeasured-goal",
	[AK_GAP_ONE_SIDED_KPI] = "one-sided-kpi",
	[AK_GAP_OFF_TARGET] = "off-target",
	[AK_GAP_STALE_KPI] = "stale-kpi",
	[AK_GAP_WORSENING_TREND] = "worsening-trend",
	[AK_GAP_OFF_TRACK_GOAL] = "off-track-goal",
	[AK_GAP_OVERDUE_INITIATIVE] = "overdue-initiative",
	[AK_GAP_RETIRED_GOAL_SUPPORT] = "retired-goal-support",
	[AK_GAP_INVESTMENT_SKEW] = "investment-skew",
	[AK_GAP_UNREALIZED_BENEFIT] = "unrealized-benefit",
	[AK_GAP_WAIVER_EXPIRED] = "waiver-expired",
	[AK_GAP_UNSPONSORED_INITIATIVE] = "unsponsored-initiative",
	[AK_GAP_UNOWNED] = "unowned",
};

static const char *const severity_names[] = {
	[AK_SEVERITY_INFO] = "info",
	[AK_SEVERITY_WARNING] = "warning",
	[AK_SEVERITY_ERROR] = "error",
};

const char *
ak_gap_type_name(ak_gap_type type)
{
	return (size_t)type < NELEM(type_names) ? type_names[type] : "";
}

int
ak_gap_type_parse(ak_gap_type *out, const char *name, size_t len, ak_error *err)
{
	for (size_t i = 0; i < NELEM(type_names); i++)
		if (strlen(type_names[i]) == len &&
		    memcmp(type_names[i], name, len) == 0) {
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
	return (size_t)severity < NELEM(severity_names)
	               ? severity_names[severity]
	               : "";
}

int
ak_severity_parse(ak_severity *out, const char *name, size_t len, ak_error *err)
{
	for (size_t i = 0; i < NELEM(severity_names); i++)
		if (strlen(severity_names[i]) == len &&
		    memcmp(severity_names[i], name, len) == 0) {
			*out = (ak_severity)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EUSAGE, NULL, 0,
	                    "unknown severity \"%.*s\" (use error, warning or "
	                    "info)",
	                    (int)(len > 64 ? 64 : len), name);
}

void
ak_gap_options_init(ak_gap_options *o, ak_date as_of)
{
	memset(o, 0, sizeof(*o));
	o->as_of = as_of;
	o->trend_window = 3;
	for (size_t i = 0; i < AK_GAP_NTYPES; i++)
		o->severity[i] = -1;
}

/* ---- small helpers shared with gap_find.c ------------------------------ */

int
ak_gvec_push(struct ak_gvec *v, void *p)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void **grown = realloc(v->v, cap * sizeof(*grown));
		if (grown == NULL)
			return AK_ENOMEM;
		v->v = grown;
		v->cap = cap;
	}
	v->v[v->n++] = p;
	return AK_OK;
}

char *
ak_gstrdup(const char *s)
{
	size_t n;
	char *copy;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if ((copy = malloc(n + 1)) != NULL)
		memcpy(copy, s, n + 1);
	return copy;
}

/* ---- the finder -------------------------------------------------------- */

int
ak_gap_finder_new(ak_gap_finder **out)
{
	ak_gap_finder *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return AK_ENOMEM;
	if (ak_model_new(&f->model) != AK_OK ||
	    (f->kpi_index = ak_map_new()) == NULL ||
	    (f->rollup_index = ak_map_new()) == NULL ||
	    (f->measured_index = ak_map_new()) == NULL) {
		ak_gap_finder_free(f);
		return AK_ENOMEM;
	}
	*out = f;
	return AK_OK;
}

void
ak_gap_clear(ak_gap_finder *f)
{
	for (size_t i = 0; i < f->ngaps; i++) {
		free((char *)f->gaps[i].subject);
		free((char *)f->gaps[i].message);
		free((char *)f->gaps[i].src);
	}
	f->ngaps = 0;
}

void
ak_gap_finder_free(ak_gap_finder *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	ak_model_free(f->model);
	for (i = 0; i < f->kpis.n; i++) {
		struct ak_gkpi *k = f->kpis.v[i];
		for (j = 0; j < k->n; j++)
			free(k->v[j].src);
		free(k->v);
		free(k->kpi);
		free(k);
	}
	for (i = 0; i < f->rollups.n; i++) {
		struct ak_grollup *r = f->rollups.v[i];
		free(r->goal);
		free(r->src);
		free(r);
	}
	for (i = 0; i < f->measured.n; i++) {
		struct ak_gmeasured *m = f->measured.v[i];
		free(m->kpi);
		free(m->src);
		free(m);
	}
	for (i = 0; i < f->dups.n; i++) {
		struct ak_gdup *d = f->dups.v[i];
		free(d->id);
		free(d->title);
		free(d->src);
		free(d);
	}
	for (i = 0; i < f->invalids.n; i++) {
		struct ak_ginvalid *e = f->invalids.v[i];
		free(e->subject);
		free(e->message);
		free(e->src);
		free(e);
	}
	for (i = 0; i < f->waivers.n; i++) {
		struct ak_gwaiver *w = f->waivers.v[i];
		free(w->subject);
		free(w->reason);
		free(w->src);
		free(w);
	}
	free(f->kpis.v);
	free(f->rollups.v);
	free(f->measured.v);
	free(f->dups.v);
	free(f->invalids.v);
	free(f->waivers.v);
	ak_map_free(f->kpi_index);
	ak_map_free(f->rollup_index);
	ak_map_free(f->measured_index);
	ak_gap_clear(f);
	free(f->gaps);
	free(f);
}

/* ---- reading fields of derived records --------------------------------- */

static int
no_memory(ak_error *err)
{
	return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* The record's "src" as a new string, or "FILE:LINE" where it was read
 * when it has none.  NULL if out of memory. */
static char *
src_or_location(const json_t *record, const char *file, long line)
{
	const char *src = ak_record_src(record);
	char buf[AK_ERROR_FILE_LENGTH + 32];

	if (src != NULL)
		return ak_gstrdup(src);
	snprintf(buf, sizeof(buf), "%s:%ld", file != NULL ? file : "", line);
	return ak_gstrdup(buf);
}

/* A required id field of a score or rollup: *out is borrowed. */
static int
get_id(const char **out, const json_t *record, const char *field,
       const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, field);

	if (v == NULL || json_is_null(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: missing required field %s", what,
		                    field);
	if (!json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field %s: expected a string", what,
		                    field);
	if (!ak_id_valid(json_string_value(v), json_string_length(v)))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field %s: \"%.64s\" is not a valid id",
		                    what, field, json_string_value(v));
	*out = json_string_value(v);
	return AK_OK;
}

/* A field that must be one of names (absent_ok: absent or null gives
 * dflt).  *out is the index in names. */
static int
get_enum(int *out, const json_t *record, const char *field,
         const char *const *names, size_t n, const char *list, int absent_ok,
         int dflt, const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, field);

	if (v == NULL || json_is_null(v)) {
		if (!absent_ok)
			return ak_error_set(err, AK_EINPUT, NULL, 0,
			                    "%s: missing required field %s",
			                    what, field);
		*out = dflt;
		return AK_OK;
	}
	if (!json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field %s: expected a string", what,
		                    field);
	for (size_t i = 0; i < n; i++)
		if (names[i] != NULL &&
		    strcmp(names[i], json_string_value(v)) == 0) {
			*out = (int)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "%s: field %s: \"%.64s\" is not one of %s", what,
	                    field, json_string_value(v), list);
}

static int
get_date(ak_date *out, const json_t *record, const char *field,
         const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, field);
	int rc;

	if (v == NULL || json_is_null(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: missing required field %s", what,
		                    field);
	if (!json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field %s: expected a string", what,
		                    field);
	rc = ak_date_parse(out, json_string_value(v), json_string_length(v),
	                   err);
	if (rc != AK_OK)
		ak_error_prefix(err, "%s: field %s: ", what, field);
	return rc;
}

/* An optional number: *has 0 when absent or null. */
static int
get_number(double *out, int *has, const json_t *record, const char *field,
           const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, field);

	*has = 0;
	if (v == NULL || json_is_null(v))
		return AK_OK;
	if (!json_is_number(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field %s: expected a number", what,
		                    field);
	*out = json_number_value(v);
	*has = 1;
	return AK_OK;
}

static int
get_period(ak_period *out, char label[AK_PERIOD_BUFSIZE], const json_t *record,
           const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, "period");
	int rc;

	if (v == NULL || json_is_null(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: missing required field period", what);
	if (!json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field period: expected a string",
		                    what);
	rc = ak_period_parse(out, json_string_value(v), json_string_length(v),
	                     err);
	if (rc != AK_OK) {
		ak_error_prefix(err, "%s: field period: ", what);
		return rc;
	}
	ak_period_label(label, *out);
	return AK_OK;
}

static int
check_src(const json_t *record, const char *what, ak_error *err)
{
	const json_t *v = json_object_get(record, "src");

	if (v != NULL && !json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field src: expected a string", what);
	return AK_OK;
}

static const char *const status_names[] = {
	[AK_GS_NONE] = "none",
	[AK_GS_GREEN] = "green",
	[AK_GS_AMBER] = "amber",
	[AK_GS_RED] = "red",
};
#define STATUS_LIST "green, amber, red, none"
static const char *const trend_names[] = {
	[AK_GT_NULL] = NULL,
	[AK_GT_IMPROVING] = "improving",
	[AK_GT_WORSENING] = "worsening",
	[AK_GT_FLAT] = "flat",
};

/* ---- taking in records ------------------------------------------------- */

static int
add_score(ak_gap_finder *f, const json_t *record, const char *file, long line,
          ak_error *err)
{
	struct ak_gscore s;
	struct ak_gkpi *k;
	const json_t *stale;
	const char *kpi = NULL;
	char what[160];
	ak_period period;
	int rc;

	memset(&s, 0, sizeof(s));
	if ((rc = get_id(&kpi, record, "kpi", "score", err)) != AK_OK)
		return rc;
	snprintf(what, sizeof(what), "score of %s", kpi);
	if ((rc = get_period(&period, s.period, record, what, err)) != AK_OK ||
	    (rc = get_date(&s.end, record, "end", what, err)) != AK_OK ||
	    (rc = get_enum(&s.status, record, "status", status_names,
	                   NELEM(status_names), STATUS_LIST, 0, 0, what,
	                   err)) != AK_OK ||
	    (rc = get_enum(&s.trend, record, "trend", trend_names,
	                   NELEM(trend_names),
	                   "improving, worsening, flat, null", 1, AK_GT_NULL,
	                   what, err)) != AK_OK ||
	    (rc = get_number(&s.value, &s.has_value, record, "value", what,
	                     err)) != AK_OK ||
	    (rc = get_number(&s.previous, &s.has_previous, record, "previous",
	                     what, err)) != AK_OK ||
	    (rc = get_number(&s.score, &s.has_score, record, "score", what,
	                     err)) != AK_OK ||
	    (rc = check_src(record, what, err)) != AK_OK)
		return rc;
	stale = json_object_get(record, "stale");
	if (stale != NULL && !json_is_null(stale) && !json_is_boolean(stale))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "%s: field stale: expected true or false",
		                    what);
	s.stale = json_is_true(stale);
	s.seq = f->seq;

	if ((k = ak_map_get(f->kpi_index, kpi)) == NULL) {
		if ((k = calloc(1, sizeof(*k))) == NULL)
			return no_memory(err);
		if ((k->kpi = ak_gstrdup(kpi)) == NULL ||
		    ak_gvec_push(&f->kpis, k) != AK_OK) {
			free(k->kpi);
			free(k);
			return no_memory(err);
		}
		if (ak_map_put(f->kpi_index, kpi, k) != AK_OK)
			return no_memory(err);
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 4;
		struct ak_gscore *grown = realloc(k->v, cap * sizeof(*grown));
		if (grown == NULL)
			return no_memory(err);
		k->v = grown;
		k->cap = cap;
	}
	if ((s.src = src_or_location(record, file, line)) == NULL)
		return no_memory(err);
	k->v[k->n++] = s;
	f->nscores++;
	return AK_OK;
}

static int
add_rollup(ak_gap_finder *f, const json_t *record, const char *file, long line,
           ak_error *err)
{
	static const char *const type_list[] = {"goal", "initiative"};
	struct ak_grollup r, *have;
	const char *of = NULL;
	char what[160];
	int rc, type = 0;

	memset(&r, 0, sizeof(r));
	if ((rc = get_id(&of, record, "of", "rollup", err)) != AK_OK)
		return rc;
	snprintf(what, sizeof(what), "rollup of %s", of);
	if ((rc = get_enum(&type, record, "type", type_list, NELEM(type_list),
	                   "goal, initiative", 0, 0, what, err)) != AK_OK ||
	    (rc = get_period(&r.period, r.label, record, what, err)) != AK_OK ||
	    (rc = get_date(&r.end, record, "end", what, err)) != AK_OK ||
	    (rc = get_enum(&r.status, record, "status", status_names,
	                   NELEM(status_names), STATUS_LIST, 0, 0, what,
	                   err)) != AK_OK ||
	    (rc = get_number(&r.score, &r.has_score, record, "score", what,
	                     err)) != AK_OK ||
	    (rc = check_src(record, what, err)) != AK_OK)
		return rc;
	f->nrollups++;
	/* Only goal rollups are judged (off-track-goal, unrealized-benefit),
	 * and of each only the latest: the later in the stream on a tie. */
	if (type != 0)
		return AK_OK;
	r.seq = f->seq;
	have = ak_map_get(f->rollup_index, of);
	if (have != NULL && have->end > r.end)
		return AK_OK;
	if ((r.src = src_or_location(record, file, line)) == NULL)
		return no_memory(err);
	if (have != NULL) {
		free(have->src);
		r.goal = have->goal;
		*have = r;
		return AK_OK;
	}
	if ((have = malloc(sizeof(*have))) == NULL) {
		free(r.src);
		return no_memory(err);
	}
	*have = r;
	if ((have->goal = ak_gstrdup(of)) == NULL ||
	    ak_gvec_push(&f->rollups, have) != AK_OK) {
		free(have->goal);
		free(have->src);
		free(have);
		return no_memory(err);
	}
	if (ak_map_put(f->rollup_index, of, have) != AK_OK)
		return no_memory(err);
	return AK_OK;
}

static int
add_measurement(ak_gap_finder *f, const json_t *record, const char *file,
                long line, ak_error *err)
{
	struct ak_gmeasured *m;
	ak_measurement ms;
	int rc;

	if ((rc = ak_measurement_read(&ms, record, err)) != AK_OK ||
	    (rc = check_src(record, "measurement", err)) != AK_OK)
		return rc;
	if ((m = ak_map_get(f->measured_index, ms.kpi)) != NULL) {
		m->count++;
		return AK_OK;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return no_memory(err);
	m->count = 1;
	if ((m->kpi = ak_gstrdup(ms.kpi)) == NULL ||
	    (m->src = src_or_location(record, file, line)) == NULL ||
	    ak_gvec_push(&f->measured, m) != AK_OK) {
		free(m->kpi);
		free(m->src);
		free(m);
		return no_memory(err);
	}
	if (ak_map_put(f->measured_index, ms.kpi, m) != AK_OK)
		return no_memory(err);
	return AK_OK;
}

static int
add_error(ak_gap_finder *f, const json_t *record, const char *file, long line,
          ak_error *err)
{
	const json_t *message = json_object_get(record, "message");
	struct ak_ginvalid *e;

	if (message != NULL && !json_is_null(message) &&
	    !json_is_string(message))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "error: field message: expected a string");
	if (check_src(record, "error", err) != AK_OK)
		return AK_EINPUT;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return no_memory(err);
	/* An error record names no id: its src is what identifies the bad
	 * record, so it is the subject too. */
	e->src = src_or_location(record, file, line);
	e->subject = ak_gstrdup(e->src);
	e->message =
	        ak_gstrdup(json_is_string(message) ? json_string_value(message)
	                                           : "no message given");
	if (e->src == NULL || e->subject == NULL || e->message == NULL ||
	    ak_gvec_push(&f->invalids, e) != AK_OK) {
		free(e->src);
		free(e->subject);
		free(e->message);
		free(e);
		return no_memory(err);
	}
	return AK_OK;
}

/* A string field of the raw record, trimmed, as a new string (NULL when
 * absent; *oom set if out of memory). */
static char *
raw_string(const json_t *record, const char *field, int *oom)
{
	const json_t *v = json_object_get(record, field);
	const char *s;
	size_t n;
	char *copy;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	n = json_string_length(v);
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if ((copy = malloc(n + 1)) == NULL) {
		*oom = 1;
		return NULL;
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

static int
add_model_record(ak_gap_finder *f, const json_t *record, ak_kind kind,
                 const char *file, long line, ak_error *err)
{
	struct ak_gdup *d;
	char *src;
	int rc, oom = 0;

	if ((src = src_or_location(record, file, line)) == NULL)
		return no_memory(err);
	rc = ak_model_add(f->model, record, kind, src, 0, err);
	if (rc != AK_EDUPLICATE) {
		free(src);
		return rc;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		free(src);
		return no_memory(err);
	}
	d->kind = kind;
	d->src = src;
	d->id = raw_string(record, "id", &oom);
	d->title = raw_string(record, kind == AK_KIND_KPI ? "name" : "title",
	                      &oom);
	if (oom || d->id == NULL || ak_gvec_push(&f->dups, d) != AK_OK) {
		free(d->id);
		free(d->title);
		free(d->src);
		free(d);
		return no_memory(err);
	}
	return AK_OK;
}

int
ak_gap_finder_add(ak_gap_finder *f, const json_t *record, const char *file,
                  long line, ak_error *err)
{
	const json_t *kind = json_object_get(record, "kind");
	ak_kind k = ak_kind_parse(json_is_string(kind) ? json_string_value(kind)
	                                               : NULL);
	int rc;

	f->seq++;
	switch (k) {
	case AK_KIND_GOAL:
	case AK_KIND_INITIATIVE:
	case AK_KIND_KPI:
		rc = add_model_record(f, record, k, file, line, err);
		break;
	case AK_KIND_MEASUREMENT:
		rc = add_measurement(f, record, file, line, err);
		break;
	case AK_KIND_SCORE:
		rc = add_score(f, record, file, line, err);
		break;
	case AK_KIND_ROLLUP:
		rc = add_rollup(f, record, file, line, err);
		break;
	case AK_KIND_ERROR:
		rc = add_error(f, record, file, line, err);
		break;
	default:
		return AK_OK;
	}
	if (rc == AK_EINPUT)
		ak_error_locate(err, file, line, 0);
	return rc;
}

/* ---- waivers ----------------------------------------------------------- */

int
ak_gap_finder_waive(ak_gap_finder *f, ak_gap_type type, const char *subject,
                    ak_date until, const char *reason, const char *src,
                    ak_error *err)
{
	struct ak_gwaiver *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return no_memory(err);
	w->type = type;
	w->until = until;
	w->subject = ak_gstrdup(subject);
	w->reason = ak_gstrdup(reason);
	w->src = ak_gstrdup(src);
	if (w->subject == NULL || (reason != NULL && w->reason == NULL) ||
	    (src != NULL && w->src == NULL) ||
	    ak_gvec_push(&f->waivers, w) != AK_OK) {
		free(w->subject);
		free(w->reason);
		free(w->src);
		free(w);
		return no_memory(err);
	}
	return AK_OK;
}

/* Checks one waiver's fields (type, subject, until as text; reason may be
 * NULL) and adds it.  err's location is set by the caller. */
static int
waive_text(ak_gap_finder *f, const char *type, const char *subject,
           const char *until, const char *reason, const char *src,
           ak_error *err)
{
	ak_gap_type t;
	ak_date d;
	size_t n;
	int rc;

	if (type == NULL || *type == '\0')
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "waiver: missing required field type");
	if ((rc = ak_gap_type_parse(&t, type, strlen(type), err)) != AK_OK)
		return ak_error_set(
		        err, AK_EINPUT, NULL, 0,
		        "waiver: field type: unknown gap type \"%.64s\"", type);
	if (subject == NULL || *subject == '\0')
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "waiver: missing required field subject");
	n = strlen(subject);
	if (!ak_id_valid(subject, n) || ak_is_space(subject[0]) ||
	    ak_is_space(subject[n - 1]))
		return ak_error_set(
		        err, AK_EINPUT, NULL, 0,
		        "waiver: field subject: \"%.64s\" is not a valid id",
		        subject);
	if (until == NULL || *until == '\0')
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "waiver: missing required field until");
	if ((rc = ak_date_parse(&d, until, strlen(until), err)) != AK_OK) {
		ak_error_prefix(err, "waiver: field until: ");
		return rc;
	}
	if (reason != NULL && *reason == '\0')
		reason = NULL;
	return ak_gap_finder_waive(f, t, subject, d, reason, src, err);
}

/* A waiver as the loader reads it (SPEC §8 --waivers). */
static const char *const waiver_fields[] = {"type", "subject", "until",
                                            "reason", NULL};
static const ak_load_schema waiver_schema = {
	"waiver", waiver_fields, 3, "type, subject, until and a reason"
};

struct waiver_load {
	ak_gap_finder *f;
	const char *path;
	ak_error *err;
};

/* The loader's handler: each record it reads is one waiver's strings. */
static int
on_waiver(void *ctx, const ak_load_record *rec)
{
	struct waiver_load *w = ctx;
	const json_t *r = rec->record;
	int rc;

	rc = waive_text(w->f, json_string_value(json_object_get(r, "type")),
	                json_string_value(json_object_get(r, "subject")),
	                json_string_value(json_object_get(r, "until")),
	                json_string_value(json_object_get(r, "reason")),
	                rec->src, w->err);
	if (rc == AK_EINPUT)
		ak_error_locate(w->err, w->path, rec->line, 0);
	return rc;
}

int
ak_gap_finder_load_waivers(ak_gap_finder *f, const char *path, ak_error *err)
{
	struct waiver_load w = {f, path, err};
	ak_load_handler h = {on_waiver, NULL, &w};
	ak_loader *l;
	int rc;

	if ((rc = ak_loader_new_schema(&l, NULL, &waiver_schema, err)) != AK_OK)
		return rc;
	rc = ak_loader_load(l, path, &h, err);
	ak_loader_free(l);
	return rc;
}

/* ---- results ----------------------------------------------------------- */

json_t *
ak_gap_record(const ak_gap *g)
{
	json_t *obj = json_object();

	if (obj == NULL ||
	    json_object_set_new(obj, "kind", json_string("gap")) != 0 ||
	    json_object_set_new(obj, "type",
	                        json_string(ak_gap_type_name(g->type))) != 0 ||
	    json_object_set_new(obj, "severity",
	                        json_string(ak_severity_name(g->severity))) !=
	            0 ||
	    json_object_set_new(obj, "subject", json_string(g->subject)) != 0 ||
	    json_object_set_new(obj, "message", json_string(g->message)) != 0 ||
	    (g->src != NULL &&
	     json_object_set_new(obj, "src", json_string(g->src)) != 0) ||
	    (g->waived &&
	     json_object_set_new(obj, "waived", json_true()) != 0)) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}

int
ak_gap_fails(const ak_gap *gaps, size_t count, ak_severity level)
{
	for (size_t i = 0; i < count; i++)
		if (!gaps[i].waived && gaps[i].severity >= level)
			return 1;
	return 0;
}
