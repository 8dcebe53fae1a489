/* The model: typed goals, initiatives and KPIs read from normalized
 * records, with SPEC §2 defaults, and one id index over all three (they
 * share a namespace, SPEC §1).  Also the allocation-free measurement
 * reader that kpi-score runs on every line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/map.h"
#include "alignkit/model.h"
#include "map_internal.h"
#include "model_internal.h"
#include "pool_internal.h"
#include "record_internal.h"
#include "util_internal.h"

/* The index maps an id to its kind and its position in that kind's array,
 * packed into the pointer-sized value: positions stay valid when the
 * arrays move, pointers would not.  The kind tag is never 0, so a stored
 * value is never NULL. */
#define TAG_GOAL 1u
#define TAG_INITIATIVE 2u
#define TAG_KPI 3u

struct ak_model {
	ak_goal *goals;
	size_t ngoals, goals_cap;
	ak_initiative *initiatives;
	size_t ninitiatives, initiatives_cap;
	ak_kpi *kpis;
	size_t nkpis, kpis_cap;
	ak_target *targets;
	size_t ntargets, targets_cap;
	/* Indices into targets sorted by (kpi, from, seq), kept sorted as
	 * targets are added: a KPI's are together, latest last. */
	size_t *by_kpi;
	size_t by_kpi_cap;
	ak_map *index;
	/* ak_model_new_compact: the records' strings, copied here; no
	 * record is kept. */
	int compact;
	ak_pool strings;
};

static const char *const status_names[] = {
	[AK_STATUS_ACTIVE] = "active",
	[AK_STATUS_RETIRED] = "retired",
	[AK_STATUS_PROPOSED] = "proposed",
	[AK_STATUS_DONE] = "done",
	[AK_STATUS_CANCELLED] = "cancelled",
};
static const char *const direction_names[] = {
	[AK_DIRECTION_UP] = "up",
	[AK_DIRECTION_DOWN] = "down",
	[AK_DIRECTION_RANGE] = "range",
};
static const char *const aggregate_names[] = {
	[AK_AGGREGATE_LAST] = "last",
	[AK_AGGREGATE_SUM] = "sum",
	[AK_AGGREGATE_AVG] = "avg",
	[AK_AGGREGATE_MIN] = "min",
	[AK_AGGREGATE_MAX] = "max",
	[AK_AGGREGATE_COUNT] = "count",
};

const char *
ak_status_name(ak_status s)
{
	return (size_t)s < AK_NELEM(status_names) ? status_names[s] : "";
}

const char *
ak_direction_name(ak_direction d)
{
	return (size_t)d < AK_NELEM(direction_names) ? direction_names[d] : "";
}

const char *
ak_aggregate_name(ak_aggregate a)
{
	return (size_t)a < AK_NELEM(aggregate_names) ? aggregate_names[a] : "";
}

/* Position of name in names, or dflt when name is NULL (absent).  The
 * record is normalized, so a present name is always one of them. */
static int
lookup(const char *const *names, size_t n, const char *name, int dflt)
{
	if (name == NULL)
		return dflt;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return dflt;
}

int
ak_model_new(ak_model **out)
{
	ak_model *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (m == NULL)
		return AK_ENOMEM;
	if (ak_map_new(&m->index) != AK_OK) {
		free(m);
		return AK_ENOMEM;
	}
	*out = m;
	return AK_OK;
}

void
ak_model_free(ak_model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->ngoals; i++)
		json_decref(m->goals[i].record);
	for (size_t i = 0; i < m->ninitiatives; i++) {
		free(m->initiatives[i].supports);
		json_decref(m->initiatives[i].record);
	}
	for (size_t i = 0; i < m->nkpis; i++)
		json_decref(m->kpis[i].record);
	free(m->goals);
	free(m->initiatives);
	free(m->kpis);
	for (size_t i = 0; i < m->ntargets; i++)
		json_decref(m->targets[i].record);
	free(m->targets);
	free(m->by_kpi);
	ak_map_free(m->index);
	ak_pool_clear(&m->strings);
	free(m);
}

int
ak_model_new_compact(ak_model **out)
{
	ak_model *m;
	ak_map *index;

	*out = NULL;
	/* The index borrows the ids, which the pool keeps. */
	if (ak_map_new_borrowing(&index) != AK_OK)
		return AK_ENOMEM;
	if (ak_model_new(&m) != AK_OK) {
		ak_map_free(index);
		return AK_ENOMEM;
	}
	ak_map_free(m->index);
	m->index = index;
	m->compact = 1;
	*out = m;
	return AK_OK;
}

/* ---- reading normalized records -------------------------------------- */

static const char *
str(const json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static int
num(const json_t *rec, const char *key, double *out)
{
	const json_t *v = json_object_get(rec, key);

	if (!json_is_number(v))
		return 0;
	*out = json_number_value(v);
	return 1;
}

static double
num_or(const json_t *rec, const char *key, double dflt)
{
	double v;

	return num(rec, key, &v) ? v : dflt;
}

static ak_date
date(const json_t *rec, const char *key)
{
	const json_t *v = json_object_get(rec, key);
	ak_date d;

	if (!json_is_string(v) ||
	    ak_date_parse(&d, json_string_value(v), json_string_length(v),
	                  NULL) != AK_OK)
		return AK_DATE_NONE;
	return d;
}

static void
read_goal(ak_goal *g, json_t *rec)
{
	memset(g, 0, sizeof(*g));
	g->id = str(rec, "id");
	g->title = str(rec, "title");
	g->parent = str(rec, "parent");
	g->perspective = str(rec, "perspective");
	g->owner = str(rec, "owner");
	g->weight = num_or(rec, "weight", 1);
	g->status = (ak_status)lookup(status_names, AK_NELEM(status_names),
	                              str(rec, "status"), AK_STATUS_ACTIVE);
	g->due = date(rec, "due");
	g->rollup = str(rec, "rollup") != NULL &&
	            strcmp(str(rec, "rollup"), "min") == 0 ? AK_ROLLUP_MIN
	                                                  : AK_ROLLUP_MEAN;
	g->src = str(rec, "src");
	g->record = rec;
}

static int
read_initiative(ak_initiative *in, json_t *rec)
{
	const json_t *list = json_object_get(rec, "supports");
	size_t n = json_array_size(list);

	memset(in, 0, sizeof(*in));
	if (n > 0) {
		if ((in->supports = calloc(n, sizeof(*in->supports))) == NULL)
			return AK_ENOMEM;
		for (size_t i = 0; i < n; i++) {
			const json_t *item = json_array_get(list, i);
			in->supports[i].goal = str(item, "goal");
			in->supports[i].weight = num_or(item, "weight", 1);
		}
	}
	in->nsupports = n;
	in->id = str(rec, "id");
	in->title = str(rec, "title");
	in->owner = str(rec, "owner");
	in->sponsor = str(rec, "sponsor");
	in->status = (ak_status)lookup(status_names, AK_NELEM(status_names),
	                               str(rec, "status"), AK_STATUS_ACTIVE);
	in->has_budget = num(rec, "budget", &in->budget);
	in->start = date(rec, "start");
	in->end = date(rec, "end");
	in->src = str(rec, "src");
	in->record = rec;
	return AK_OK;
}

static void
read_kpi(ak_kpi *k, json_t *rec)
{
	static const struct {
		const char *key;
		unsigned bit;
	} numbers[] = {
		{ "target", AK_KPI_TARGET }, { "min", AK_KPI_MIN },
		{ "max", AK_KPI_MAX }, { "baseline", AK_KPI_BASELINE },
		{ "red", AK_KPI_RED }, { "red_min", AK_KPI_RED_MIN },
		{ "red_max", AK_KPI_RED_MAX },
	};
	double *slots[AK_NELEM(numbers)];
	const char *cadence;

	memset(k, 0, sizeof(*k));
	k->id = str(rec, "id");
	k->name = str(rec, "name");
	k->measures = str(rec, "measures");
	k->unit = str(rec, "unit");
	k->business_owner = str(rec, "business_owner");
	k->it_owner = str(rec, "it_owner");
	k->direction = (ak_direction)lookup(direction_names,
	                                    AK_NELEM(direction_names),
	                                    str(rec, "direction"),
	                                    AK_DIRECTION_UP);
	slots[0] = &k->target, slots[1] = &k->min, slots[2] = &k->max;
	slots[3] = &k->baseline, slots[4] = &k->red;
	slots[5] = &k->red_min, slots[6] = &k->red_max;
	for (size_t i = 0; i < AK_NELEM(numbers); i++)
		if (num(rec, numbers[i].key, slots[i]))
			k->has |= numbers[i].bit;
	k->start = date(rec, "start");
	k->due = date(rec, "due");
	k->aggregate = (ak_aggregate)lookup(aggregate_names,
	                                    AK_NELEM(aggregate_names),
	                                    str(rec, "aggregate"),
	                                    AK_AGGREGATE_LAST);
	k->missing_zero = str(rec, "missing") != NULL &&
	                  strcmp(str(rec, "missing"), "zero") == 0;
	cadence = str(rec, "cadence");
	if (cadence != NULL && ak_period_kind_parse(&k->cadence, cadence) == AK_OK)
		k->has |= AK_KPI_CADENCE;
	k->stale_after = (int)num_or(rec, "stale_after", 2);
	k->weight = num_or(rec, "weight", 1);
	k->status = (ak_status)lookup(status_names, AK_NELEM(status_names),
	                              str(rec, "status"), AK_STATUS_ACTIVE);
	k->src = str(rec, "src");
	k->record = rec;
}

/* ---- a compact model ------------------------------------------------ */

/* Points each of the n strings at fields to its copy in the pool; sets
 * *oom when out of memory. */
static void
keep_strings(ak_model *m, const char **fields[], size_t n, int *oom)
{
	for (size_t i = 0; i < n; i++)
		*fields[i] = ak_pool_strdup(&m->strings, *fields[i], oom);
}

/* In a compact model, the strings of the record just read are copied into
 * the pool and record is NULL: ak_model_add releases it.  Returns AK_OK or
 * AK_ENOMEM. */
static int
compact_goal(ak_model *m, ak_goal *g)
{
	const char **f[] = {&g->id, &g->title, &g->parent, &g->perspective,
	                    &g->owner, &g->src};
	int oom = 0;

	keep_strings(m, f, AK_NELEM(f), &oom);
	g->record = NULL;
	return oom ? AK_ENOMEM : AK_OK;
}

static int
compact_initiative(ak_model *m, ak_initiative *in)
{
	const char **f[] = {&in->id, &in->title, &in->owner, &in->sponsor,
	                    &in->src};
	int oom = 0;

	keep_strings(m, f, AK_NELEM(f), &oom);
	for (size_t i = 0; i < in->nsupports; i++) {
		const char **goal[] = {&in->supports[i].goal};
		keep_strings(m, goal, 1, &oom);
	}
	in->record = NULL;
	return oom ? AK_ENOMEM : AK_OK;
}

static int
compact_kpi(ak_model *m, ak_kpi *k)
{
	const char **f[] = {&k->id, &k->name, &k->measures, &k->unit,
	                    &k->business_owner, &k->it_owner, &k->src};
	int oom = 0;

	keep_strings(m, f, AK_NELEM(f), &oom);
	k->record = NULL;
	return oom ? AK_ENOMEM : AK_OK;
}

/* ---- adding ---------------------------------------------------------- */

static const char *
src_of(const ak_model *m, uintptr_t entry)
{
	size_t i = (size_t)(entry >> 2);

	switch (entry & 3u) {
	case TAG_GOAL:
		return m->goals[i].src;
	case TAG_INITIATIVE:
		return m->initiatives[i].src;
	default:
		return m->kpis[i].src;
	}
}

int
ak_model_add(ak_model *m, const json_t *record, ak_kind kind,
             const char *src, int flags, ak_error *err)
{
	json_t *rec;
	const char *id;
	uintptr_t entry, tag;
	size_t pos;
	int rc;

	switch (kind) {
	case AK_KIND_GOAL:
		tag = TAG_GOAL, pos = m->ngoals;
		rc = ak_grow(&m->goals, &m->goals_cap, m->ngoals + 1,
		             sizeof(*m->goals));
		break;
	case AK_KIND_INITIATIVE:
		tag = TAG_INITIATIVE, pos = m->ninitiatives;
		rc = ak_grow(&m->initiatives, &m->initiatives_cap,
		             m->ninitiatives + 1, sizeof(*m->initiatives));
		break;
	case AK_KIND_KPI:
		tag = TAG_KPI, pos = m->nkpis;
		rc = ak_grow(&m->kpis, &m->kpis_cap, m->nkpis + 1,
		             sizeof(*m->kpis));
		break;
	default:
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "the model holds goals, initiatives and kpis, "
		                    "not records of kind %s",
		                    kind == AK_KIND_OTHER ? "other" :
		                    ak_kind_name(kind));
	}
	if (rc != AK_OK)
		return ak_error_set(err, rc, NULL, 0, "out of memory");

	if ((rc = ak_record_normalize(&rec, record, kind, src, flags, err)) !=
	    AK_OK)
		return rc;
	id = str(rec, "id");
	if ((entry = (uintptr_t)ak_map_get(m->index, id)) != 0) {
		const char *first = src_of(m, entry);
		if (first != NULL)
			rc = ak_error_set(err, AK_EDUPLICATE, NULL, 0,
			                  "duplicate id %s (first at %s)", id, first);
		else
			rc = ak_error_set(err, AK_EDUPLICATE, NULL, 0,
			                  "duplicate id %s", id);
		json_decref(rec);
		return rc;
	}

	switch (kind) {
	case AK_KIND_GOAL:
		read_goal(&m->goals[pos], rec);
		if (m->compact) {
			rc = compact_goal(m, &m->goals[pos]);
			id = m->goals[pos].id;
		}
		break;
	case AK_KIND_INITIATIVE:
		rc = read_initiative(&m->initiatives[pos], rec);
		if (rc == AK_OK && m->compact) {
			rc = compact_initiative(m, &m->initiatives[pos]);
			id = m->initiatives[pos].id;
		}
		break;
	default:
		read_kpi(&m->kpis[pos], rec);
		if (m->compact) {
			rc = compact_kpi(m, &m->kpis[pos]);
			id = m->kpis[pos].id;
		}
		break;
	}
	if (rc == AK_OK) {
		entry = ((uintptr_t)pos << 2) | tag;
		rc = ak_map_put(m->index, id, (void *)entry);
	}
	if (rc != AK_OK) {
		if (kind == AK_KIND_INITIATIVE)
			free(m->initiatives[pos].supports);
		json_decref(rec);
		return ak_error_set(err, rc, NULL, 0, "out of memory");
	}
	if (m->compact)
		json_decref(rec);
	if (kind == AK_KIND_GOAL)
		m->ngoals++;
	else if (kind == AK_KIND_INITIATIVE)
		m->ninitiatives++;
	else
		m->nkpis++;
	return AK_OK;
}

/* ---- target records -------------------------------------------------- */

static const struct {
	const char *key;
	unsigned bit;
} threshold_keys[] = {
	{ "target", AK_KPI_TARGET }, { "min", AK_KPI_MIN },
	{ "max", AK_KPI_MAX }, { "baseline", AK_KPI_BASELINE },
	{ "red", AK_KPI_RED }, { "red_min", AK_KPI_RED_MIN },
	{ "red_max", AK_KPI_RED_MAX },
};

/* The slots of the thresholds of threshold_keys, in its order. */
#define THRESHOLD_SLOTS(x) { &(x)->target, &(x)->min, &(x)->max, \
	&(x)->baseline, &(x)->red, &(x)->red_min, &(x)->red_max }

/* Orders target records by KPI, then from, then the order they came. */
static int
target_before(const ak_target *a, const ak_target *b)
{
	int c = strcmp(a->kpi, b->kpi);

	if (c != 0)
		return c < 0;
	if (a->from != b->from)
		return a->from < b->from;
	return a->seq < b->seq;
}

int
ak_model_add_target(ak_model *m, const json_t *record, const char *src,
                    int flags, ak_error *err)
{
	json_t *rec;
	ak_target *t;
	const char *from;
	size_t lo = 0, hi;
	int rc;

	if (ak_grow(&m->targets, &m->targets_cap, m->ntargets + 1,
	            sizeof(*m->targets)) != AK_OK ||
	    ak_grow(&m->by_kpi, &m->by_kpi_cap, m->ntargets + 1,
	            sizeof(*m->by_kpi)) != AK_OK)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	if ((rc = ak_record_normalize(&rec, record, AK_KIND_TARGET, src, flags,
	                              err)) != AK_OK)
		return rc;
	t = &m->targets[m->ntargets];
	memset(t, 0, sizeof(*t));
	t->kpi = str(rec, "kpi");
	/* Normalized: a date or a period label. */
	from = str(rec, "from");
	if (ak_date_parse(&t->from, from, strlen(from), NULL) != AK_OK) {
		ak_period p;
		ak_period_parse(&p, from, strlen(from), NULL);
		t->from = p.start;
	}
	{
		double *slots[] = THRESHOLD_SLOTS(t);
		for (size_t i = 0; i < AK_NELEM(threshold_keys); i++)
			if (num(rec, threshold_keys[i].key, slots[i]))
				t->has |= threshold_keys[i].bit;
	}
	t->seq = m->ntargets;
	t->src = str(rec, "src");
	t->record = rec;
	if (m->compact) {
		const char **f[] = {&t->kpi, &t->src};
		int oom = 0;
		keep_strings(m, f, AK_NELEM(f), &oom);
		json_decref(rec);
		t->record = NULL;
		if (oom)
			return ak_error_set(err, AK_ENOMEM, NULL, 0,
			                    "out of memory");
	}
	hi = m->ntargets;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (target_before(&m->targets[m->by_kpi[mid]], t))
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(m->by_kpi + lo + 1, m->by_kpi + lo,
	        (m->ntargets - lo) * sizeof(*m->by_kpi));
	m->by_kpi[lo] = m->ntargets++;
	return AK_OK;
}

const ak_target *
ak_model_targets(const ak_model *m, size_t *count)
{
	*count = m->ntargets;
	return m->targets;
}

int
ak_model_in_force(const ak_model *m, const ak_kpi *kpi, ak_date end,
                  ak_kpi *out)
{
	size_t lo = 0, hi = m->ntargets, first;
	const ak_target *t = NULL;

	*out = *kpi;
	/* The first of kpi's target records. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->targets[m->by_kpi[mid]].kpi, kpi->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	if (first == m->ntargets ||
	    strcmp(m->targets[m->by_kpi[first]].kpi, kpi->id) != 0)
		return 0;
	for (size_t i = first; i < m->ntargets; i++) {
		const ak_target *c = &m->targets[m->by_kpi[i]];
		if (strcmp(c->kpi, kpi->id) != 0 || c->from > end)
			break;
		t = c;
	}
	if (t != NULL) {
		double *to[] = THRESHOLD_SLOTS(out);
		const double *from[] = THRESHOLD_SLOTS(t);
		for (size_t i = 0; i < AK_NELEM(threshold_keys); i++)
			if (t->has & threshold_keys[i].bit) {
				*to[i] = *from[i];
				out->has |= threshold_keys[i].bit;
			}
	}
	return 1;
}

/* ---- reading the model ----------------------------------------------- */

const ak_goal *
ak_model_goals(const ak_model *m, size_t *count)
{
	*count = m->ngoals;
	return m->goals;
}

const ak_initiative *
ak_model_initiatives(const ak_model *m, size_t *count)
{
	*count = m->ninitiatives;
	return m->initiatives;
}

const ak_kpi *
ak_model_kpis(const ak_model *m, size_t *count)
{
	*count = m->nkpis;
	return m->kpis;
}

/* The index entry of id, 0 when none. */
static uintptr_t
entry_of(const ak_model *m, const char *id)
{
	if (id == NULL)
		return 0;
	return (uintptr_t)ak_map_get(m->index, id);
}

const ak_goal *
ak_model_goal(const ak_model *m, const char *id)
{
	uintptr_t e = entry_of(m, id);

	return (e & 3u) == TAG_GOAL ? &m->goals[e >> 2] : NULL;
}

int
ak_model_goal_parents(long **out, const ak_model *m)
{
	long *parent = malloc((m->ngoals ? m->ngoals : 1) * sizeof(*parent));

	*out = parent;
	if (parent == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < m->ngoals; i++) {
		const ak_goal *p = m->goals[i].parent != NULL
		                           ? ak_model_goal(m, m->goals[i].parent)
		                           : NULL;
		parent[i] = p != NULL ? (long)(p - m->goals) : -1;
	}
	return AK_OK;
}

const ak_initiative *
ak_model_initiative(const ak_model *m, const char *id)
{
	uintptr_t e = entry_of(m, id);

	return (e & 3u) == TAG_INITIATIVE ? &m->initiatives[e >> 2] : NULL;
}

const ak_kpi *
ak_model_kpi(const ak_model *m, const char *id)
{
	uintptr_t e = entry_of(m, id);

	return (e & 3u) == TAG_KPI ? &m->kpis[e >> 2] : NULL;
}

ak_kind
ak_model_kind_of(const ak_model *m, const char *id)
{
	switch (entry_of(m, id) & 3u) {
	case TAG_GOAL:
		return AK_KIND_GOAL;
	case TAG_INITIATIVE:
		return AK_KIND_INITIATIVE;
	case TAG_KPI:
		return AK_KIND_KPI;
	default:
		return AK_KIND_OTHER;
	}
}

/* ---- measurements ---------------------------------------------------- */

/* Reads v, a measurement's field `field` (at or last_at), as an instant:
 * *day and *nanos (the time of day, UTC).  A missing field is an input
 * error whose message ends with hint. */
int
ak_measurement_instant(ak_date *day, int64_t *nanos, const json_t *v,
                       const char *field, const char *hint, ak_error *err)
{
	int rc;

	if (v == NULL || json_is_null(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: missing required field %s%s",
		                    field, hint);
	if (!json_is_string(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field %s: expected a string",
		                    field);
	rc = ak_date_parse_instant(day, nanos, json_string_value(v),
	                           json_string_length(v), err);
	if (rc != AK_OK)
		ak_error_prefix(err, "measurement: field %s: ", field);
	return rc;
}

/* Messages match what ak_record_normalize says of a measurement, so that
 * goals-load and kpi-score describe one bad record the same way. */
int
ak_measurement_read(ak_measurement *out, const json_t *record,
                    ak_error *err)
{
	const json_t *kpi = json_object_get(record, "kpi");
	const json_t *at = json_object_get(record, "at");
	const json_t *value = json_object_get(record, "value");
	const json_t *note = json_object_get(record, "note");
	const char *s, *why;
	size_t len;
	int rc;

	if (kpi == NULL || json_is_null(kpi))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: missing required field kpi");
	if (!json_is_string(kpi))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field kpi: expected a string");
	s = json_string_value(kpi);
	len = json_string_length(kpi);
	/* out->kpi is borrowed as it stands, so surrounding white space is
	 * refused rather than trimmed: " K1" would match no KPI.  Other white
	 * space is a control character, refused above. */
	if ((why = ak_id_problem(s, len)) != NULL)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field kpi: %s", why);
	if (s[0] == ' ' || s[len - 1] == ' ')
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field kpi: an id must not have "
		                    "surrounding white space");

	if ((rc = ak_measurement_instant(&out->at, &out->at_nanos, at, "at", "",
	                                 err)) != AK_OK)
		return rc;

	if (value == NULL)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: missing required field value");
	out->is_null = json_is_null(value);
	if (!out->is_null && !json_is_number(value))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field value: expected a number");
	out->value = out->is_null ? 0 : json_number_value(value);

	if (note != NULL && !json_is_null(note) && !json_is_string(note))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field note: expected a string");
	out->kpi = s;
	out->src = json_string_value(json_object_get(record, "src"));
	out->note = json_string_value(note);
	return AK_OK;
}
