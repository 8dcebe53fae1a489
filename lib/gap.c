/* The gap finder's intake: collecting the stream (model, scores, rollups,
 * error records, measurements; derived.c reads the derived ones) and the
 * waivers, and the gap records it writes.  The checks are in gap_find.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partial_internal.h"
#include "alignkit/date.h"
#include "alignkit/derived.h"
#include "alignkit/gap.h"
#include "alignkit/load.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/period.h"
#include "alignkit/record.h"
#include "checkin_internal.h"
#include "gap_internal.h"
#include "map_internal.h"
#include "model_internal.h"
#include "util_internal.h"

/* The names of gap types and severities are in derived.c. */

void
ak_gap_options_init(ak_gap_options *o, ak_date as_of)
{
	memset(o, 0, sizeof(*o));
	o->as_of = as_of;
	o->trend_window = 3;
	o->checkin_window = 2;
	for (size_t i = 0; i < AK_GAP_NTYPES; i++)
		o->severity[i] = -1;
}

/* ---- small helpers shared with gap_find.c ------------------------------ */

int
ak_gvec_push(struct ak_gvec *v, void *p)
{
	if (ak_grow(&v->v, &v->cap, v->n + 1, sizeof(*v->v)) != AK_OK)
		return AK_ENOMEM;
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

/* Makes room for need elements as ak_grow does, but doubling from 2: most
 * KPIs hold a few scores, and 50,000 KPIs with room for 16 scores of 200
 * bytes each would hold 160 MB. */
static int
grow_few(void *vec, size_t *cap, size_t need, size_t size)
{
	void **p = vec;
	size_t c = *cap != 0 ? *cap : 2;
	void *q;

	if (need <= *cap)
		return AK_OK;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return AK_ENOMEM;
		c *= 2;
	}
	if (c > SIZE_MAX / size || (q = realloc(*p, c * size)) == NULL)
		return AK_ENOMEM;
	*p = q;
	*cap = c;
	return AK_OK;
}

/* ---- the finder -------------------------------------------------------- */

int
ak_gap_finder_new(ak_gap_finder **out)
{
	ak_gap_finder *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return AK_ENOMEM;
	if (ak_model_new_compact(&f->model) != AK_OK ||
	    /* Their keys are in f->strings. */
	    ak_map_new_borrowing(&f->kpi_index) != AK_OK ||
	    ak_map_new_borrowing(&f->rollup_index) != AK_OK ||
	    ak_map_new_borrowing(&f->irollup_index) != AK_OK ||
	    ak_map_new_borrowing(&f->measured_index) != AK_OK) {
		ak_gap_finder_free(f);
		return AK_ENOMEM;
	}
	*out = f;
	return AK_OK;
}

void
ak_gap_clear(ak_gap_finder *f)
{
	/* The strings are in the pool; waiver_reason is the waiver's own. */
	ak_pool_clear(&f->gap_strings);
	f->ngaps = 0;
}

/* Frees a check-in the finder keeps, and the strings it owns. */
static void
free_checkin(ak_checkin *c)
{
	free((char *)c->subject);
	free((char *)c->by);
	free((char *)c->note);
	free((char *)c->src);
	free(c);
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
		for (j = 0; j < k->ncopies; j++) {
			free(k->copies[j].src);
			free(k->copies[j].of);
		}
		free(k->copies);
		free(k->v);
		free(k);
	}
	for (i = 0; i < f->rollups.n; i++) {
		struct ak_grollup *r = f->rollups.v[i];
		free(r->src);
		free(r);
	}
	for (i = 0; i < f->irollups.n; i++) {
		struct ak_grollup *r = f->irollups.v[i];
		free(r->src);
		free(r);
	}
	for (i = 0; i < f->checkins.n; i++)
		free_checkin(f->checkins.v[i]);
	for (i = 0; i < f->measured.n; i++) {
		struct ak_gmeasured *m = f->measured.v[i];
		free(m->latest_src);
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
	for (i = 0; i < f->baseline.n; i++) {
		struct ak_gbase *b = f->baseline.v[i];
		free(b->subject);
		free(b->message);
		free(b->src);
		free(b);
	}
	free(f->baseline.v);
	ak_map_free(f->baseline_index);
	free(f->kpis.v);
	free(f->rollups.v);
	free(f->irollups.v);
	free(f->checkins.v);
	free(f->measured.v);
	free(f->dups.v);
	free(f->invalids.v);
	free(f->waivers.v);
	ak_map_free(f->kpi_index);
	ak_map_free(f->rollup_index);
	ak_map_free(f->irollup_index);
	ak_map_free(f->measured_index);
	ak_gap_clear(f);
	free(f->gaps);
	ak_pool_clear(&f->strings);
	free(f);
}

/* ---- reading fields of derived records --------------------------------- */

static int
no_memory(ak_error *err)
{
	return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* The record's "src", or "FILE:LINE" where it was read when it has none:
 * a new string, or one in the finder's pool (kept until the finder is
 * freed) when pool is not NULL.  NULL if out of memory. */
static char *
src_in(ak_pool *pool, const json_t *record, const char *file, long line)
{
	const char *src = ak_record_src(record);
	char buf[AK_ERROR_FILE_LENGTH + 32];

	if (src == NULL) {
		snprintf(buf, sizeof(buf), "%s:%ld", file != NULL ? file : "",
		         line);
		src = buf;
	}
	return pool != NULL ? ak_pool_strndup(pool, src, strlen(src))
	                    : ak_gstrdup(src);
}

/* src_in as a new string. */
static char *
src_or_location(const json_t *record, const char *file, long line)
{
	return src_in(NULL, record, file, line);
}

/* ---- taking in records ------------------------------------------------- */

/* Score and rollup records are read and checked by derived.c; the finder
 * keeps what its checks need. */
/* Whether src and have name the same file ("FILE:LINE"). */
static int
same_file(const char *a, const char *b)
{
	const char *ca = strrchr(a, ':'), *cb = strrchr(b, ':');
	size_t la = ca ? (size_t)(ca - a) : strlen(a);
	size_t lb = cb ? (size_t)(cb - b) : strlen(b);

	return la == lb && memcmp(a, b, la) == 0;
}

/* Keeps the copies a score record lists, once per pair of files (the
 * first score's places). */
static int
add_copies(struct ak_gkpi *k, const json_t *dups)
{
	for (size_t i = 0; i < json_array_size(dups); i++) {
		const json_t *c = json_array_get(dups, i);
		const char *src = json_string_value(json_object_get(c, "src"));
		const char *of = json_string_value(json_object_get(c, "of"));
		struct ak_gcopy *have;
		size_t j;

		for (j = 0; j < k->ncopies; j++)
			if (same_file(k->copies[j].src, src) &&
			    same_file(k->copies[j].of, of))
				break;
		if (j < k->ncopies)
			continue;
		if (ak_grow(&k->copies, &k->capcopies, k->ncopies + 1,
		            sizeof(*k->copies)) != AK_OK)
			return AK_ENOMEM;
		have = &k->copies[k->ncopies];
		have->src = ak_gstrdup(src);
		have->of = ak_gstrdup(of);
		if (have->src == NULL || have->of == NULL) {
			free(have->src);
			free(have->of);
			return AK_ENOMEM;
		}
		k->ncopies++;
	}
	return AK_OK;
}

static int
add_score(ak_gap_finder *f, const json_t *record, const char *file, long line,
          ak_error *err)
{
	ak_derived_score d;
	struct ak_gscore s;
	struct ak_gkpi *k;
	int rc;

	if ((rc = ak_derived_score_read(&d, record, err)) != AK_OK)
		return rc;
	s.d = d;
	s.d.kpi = s.d.measures = s.d.src = NULL;
	s.d.duplicates = NULL;
	s.seq = f->seq;
	s.src = NULL;

	if ((k = ak_map_get(f->kpi_index, d.kpi)) == NULL) {
		if ((k = calloc(1, sizeof(*k))) == NULL)
			return no_memory(err);
		if ((k->kpi = ak_pool_strndup(&f->strings, d.kpi,
		                              strlen(d.kpi))) == NULL ||
		    ak_gvec_push(&f->kpis, k) != AK_OK) {
			free(k);
			return no_memory(err);
		}
		if (ak_map_put(f->kpi_index, k->kpi, k) != AK_OK)
			return no_memory(err);
	}
	if (grow_few(&k->v, &k->cap, k->n + 1, sizeof(*k->v)) != AK_OK)
		return no_memory(err);
	if (d.duplicates != NULL && add_copies(k, d.duplicates) != AK_OK)
		return no_memory(err);
	if ((s.src = src_in(&f->strings, record, file, line)) == NULL)
		return no_memory(err);
	k->v[k->n++] = s;
	f->nscores++;
	return AK_OK;
}

static int
add_rollup(ak_gap_finder *f, const json_t *record, const char *file, long line,
           ak_error *err)
{
	ak_derived_rollup d;
	struct ak_grollup r, *have;
	ak_map *index;
	struct ak_gvec *vec;
	int rc;

	if ((rc = ak_derived_rollup_read(&d, record, err)) != AK_OK)
		return rc;
	f->nrollups++;
	/* Goal rollups are judged (off-track-goal, unrealized-benefit), and
	 * both kinds are held against the check-ins; of each only the
	 * latest: the later in the stream on a tie. */
	index = d.initiative ? f->irollup_index : f->rollup_index;
	vec = d.initiative ? &f->irollups : &f->rollups;
	r.d = d;
	r.d.of = r.d.src = NULL;
	r.goal = NULL;
	r.seq = f->seq;
	r.src = NULL;
	have = ak_map_get(index, d.of);
	if (have != NULL && have->d.end > r.d.end)
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
	if ((have->goal = ak_pool_strndup(&f->strings, d.of,
	                                  strlen(d.of))) == NULL ||
	    ak_gvec_push(vec, have) != AK_OK) {
		free(have->src);
		free(have);
		return no_memory(err);
	}
	if (ak_map_put(index, have->goal, have) != AK_OK)
		return no_memory(err);
	return AK_OK;
}

static int
add_measurement(ak_gap_finder *f, const json_t *record, const char *file,
                long line, ak_error *err)
{
	struct ak_gmeasured *m;
	ak_measurement ms;
	uint64_t n = 1;
	int rc;

	if (ak_partial_is(record)) {
		/* A partial stands for measurements up to its last_at. */
		ak_partial pm;
		if ((rc = ak_partial_read(&pm, record, err)) != AK_OK)
			return rc;
		ms = pm.m;
		ms.at = pm.last_at;
		n = pm.n;
	} else if ((rc = ak_measurement_read(&ms, record, err)) != AK_OK) {
		return rc;
	}
	if (json_object_get(record, "src") != NULL &&
	    !json_is_string(json_object_get(record, "src")))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field src: expected a string");
	if ((m = ak_map_get(f->measured_index, ms.kpi)) != NULL) {
		m->count += n;
		if (ms.at > m->latest) {
			char *src = src_or_location(record, file, line);
			if (src == NULL)
				return no_memory(err);
			free(m->latest_src);
			m->latest_src = src;
			m->latest = ms.at;
		}
		return AK_OK;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return no_memory(err);
	m->count = n;
	m->latest = ms.at;
	if ((m->kpi = ak_pool_strndup(&f->strings, ms.kpi,
	                              strlen(ms.kpi))) == NULL ||
	    (m->src = src_in(&f->strings, record, file, line)) == NULL ||
	    (m->latest_src = ak_gstrdup(m->src)) == NULL ||
	    ak_gvec_push(&f->measured, m) != AK_OK) {
		free(m->latest_src);
		free(m);
		return no_memory(err);
	}
	if (ak_map_put(f->measured_index, m->kpi, m) != AK_OK)
		return no_memory(err);
	return AK_OK;
}

static int
add_error(ak_gap_finder *f, const json_t *record, const char *file, long line,
          ak_error *err)
{
	ak_derived_error d;
	struct ak_ginvalid *e;
	int rc;

	if ((rc = ak_derived_error_read(&d, record, err)) != AK_OK)
		return rc;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return no_memory(err);
	/* An error record names no id: its src is what identifies the bad
	 * record, so it is the subject too. */
	e->src = src_or_location(record, file, line);
	e->subject = ak_gstrdup(e->src);
	e->message = ak_gstrdup(d.message);
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
	ak_trim(&s, &n);
	if ((copy = ak_strndup(s, n)) == NULL)
		*oom = 1;
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

/* A check-in: validated as goals-load does, and kept whole but for its
 * extra fields. */
static int
add_checkin(ak_gap_finder *f, const json_t *record, const char *file,
            long line, ak_error *err)
{
	ak_checkin *c;
	json_t *rec;
	int rc;

	if ((rc = ak_record_normalize(&rec, record, AK_KIND_CHECKIN, NULL, 0,
	                              err)) != AK_OK)
		return rc;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		json_decref(rec);
		return no_memory(err);
	}
	ak_checkin_read(c, rec);
	c->order = f->seq;
	c->subject = ak_gstrdup(c->subject);
	c->by = ak_gstrdup(c->by);
	c->note = ak_gstrdup(c->note);
	c->src = src_or_location(record, file, line);
	if (c->subject == NULL || c->src == NULL ||
	    (json_object_get(rec, "by") != NULL && c->by == NULL) ||
	    (json_object_get(rec, "note") != NULL && c->note == NULL) ||
	    ak_gvec_push(&f->checkins, c) != AK_OK) {
		free_checkin(c);
		json_decref(rec);
		return no_memory(err);
	}
	json_decref(rec);
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
	case AK_KIND_TARGET: {
		/* Only kpi-score consumes them: one that reaches gap-find
		 * names no KPI of its stream (dangling-ref). */
		char *src = src_or_location(record, file, line);
		if (src == NULL)
			return no_memory(err);
		rc = ak_model_add_target(f->model, record, src, 0, err);
		free(src);
		break;
	}
	case AK_KIND_CHECKIN:
		rc = add_checkin(f, record, file, line, err);
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

void
ak_gap_fingerprint(char out[AK_GAP_FINGERPRINT_SIZE], ak_gap_type type,
                   const char *subject, const char *key)
{
	/* FNV-1a, 64 bits: offset basis and prime as published. */
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *parts[3];

	parts[0] = ak_gap_type_name(type);
	parts[1] = subject != NULL ? subject : "";
	parts[2] = key != NULL ? key : "";
	for (size_t i = 0; i < 3; i++) {
		const unsigned char *p = (const unsigned char *)parts[i];
		/* Each part and its NUL: "a" "bc" and "ab" "c" differ. */
		do {
			h ^= *p;
			h *= 0x100000001b3ULL;
		} while (*p++ != '\0');
	}
	snprintf(out, AK_GAP_FINGERPRINT_SIZE, "%016llx", (unsigned long long)h);
}

json_t *
ak_gap_record(const ak_gap *g)
{
	json_t *obj = json_object();
	char until[AK_DATE_BUFSIZE];

	if (obj == NULL ||
	    json_object_set_new(obj, "kind", json_string("gap")) != 0 ||
	    json_object_set_new(obj, "type",
	                        json_string(ak_gap_type_name(g->type))) != 0 ||
	    json_object_set_new(obj, "severity",
	                        json_string(ak_severity_name(g->severity))) !=
	            0 ||
	    json_object_set_new(obj, "subject", json_string(g->subject)) != 0 ||
	    json_object_set_new(obj, "message", json_string(g->message)) != 0 ||
	    json_object_set_new(obj, "fingerprint",
	                        json_string(g->fingerprint)) != 0 ||
	    (g->src != NULL &&
	     json_object_set_new(obj, "src", json_string(g->src)) != 0))
		goto nomem;
	if (g->waived) {
		if (json_object_set_new(obj, "waived", json_true()) != 0 ||
		    (g->waiver_reason != NULL &&
		     json_object_set_new(obj, "waiver_reason",
		                         json_string(g->waiver_reason)) != 0))
			goto nomem;
		if (g->waived_until != AK_DATE_NONE) {
			ak_date_format(until, g->waived_until);
			if (json_object_set_new(obj, "waived_until",
			                        json_string(until)) != 0)
				goto nomem;
		}
	}
	if (g->resolved) {
		if (json_object_set_new(obj, "resolved", json_true()) != 0)
			goto nomem;
	} else if (g->has_new &&
	           json_object_set_new(obj, "new", json_boolean(g->is_new)) != 0) {
		goto nomem;
	}
	return obj;
nomem:
	json_decref(obj);
	return NULL;
}

int
ak_gap_fails(const ak_gap *gaps, size_t count, ak_severity level)
{
	for (size_t i = 0; i < count; i++) {
		const ak_gap *g = &gaps[i];
		if (g->waived || g->resolved || (g->has_new && !g->is_new))
			continue;
		if (g->severity >= level)
			return 1;
	}
	return 0;
}
