/* Reports, part one: reading the stream into a report (derived.c checks
 * the derived records, record.c the model), sorting and indexing it, and
 * choosing the renderer. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/num.h"
#include "alignkit/record.h"
#include "checkin_internal.h"
#include "report_internal.h"
#include "util_internal.h"

const ak_score_status ak_rp_status_order[AK_RP_NSTATUS] = {
	AK_SCORE_GREEN, AK_SCORE_AMBER, AK_SCORE_RED, AK_SCORE_NONE};
const ak_severity ak_rp_severity_order[AK_SEVERITY_NLEVELS] = {
	AK_SEVERITY_ERROR, AK_SEVERITY_WARNING, AK_SEVERITY_INFO};

static const char *const format_names[] = {
	"text", "markdown", "html", "csv", "junit", "sarif", "github",
	"codequality"};
#define NFORMATS AK_NELEM(format_names)

/* The order sections come in, whatever order --section names them: one
 * row per section, so that a new section is one more row. */
const ak_rp_section ak_rp_sections[AK_RP_NSECTIONS] = {
	{AK_SECTION_SUMMARY, "summary", "Summary", ""},
	{AK_SECTION_GOALS, "goals", "Goals", "No goals."},
	{AK_SECTION_INITIATIVES, "initiatives", "Initiatives", "No initiatives."},
	{AK_SECTION_KPIS, "kpis", "KPIs", "No KPIs."},
	{AK_SECTION_CHECKINS, "checkins", "Check-ins", "No check-ins."},
	{AK_SECTION_GAPS, "gaps", "Gaps", "No gaps."},
	{AK_SECTION_MATRIX, "matrix", "Alignment matrix", "No goals."},
	{AK_SECTION_HISTORY, "history", "History", "No history."},
	{AK_SECTION_ERRORS, "errors", "Input errors", "No input errors."},
};

static const ak_rp_section *
section_of(unsigned section)
{
	for (size_t i = 0; i < AK_RP_NSECTIONS; i++)
		if (ak_rp_sections[i].bit == section)
			return &ak_rp_sections[i];
	return NULL;
}

const char *
ak_rp_section_name(unsigned section)
{
	const ak_rp_section *s = section_of(section);

	return s != NULL ? s->name : "";
}

const char *
ak_rp_section_heading(unsigned section)
{
	const ak_rp_section *s = section_of(section);

	return s != NULL ? s->heading : "";
}

const char *
ak_rp_section_empty(unsigned section)
{
	const ak_rp_section *s = section_of(section);

	return s != NULL ? s->empty : "";
}

int
ak_report_format_parse(ak_report_format *out, const char *name,
                       ak_error *err)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (ak_report_format)i;
			return AK_OK;
		}
	return ak_error_set(err, AK_EUSAGE, NULL, 0,
	                    "unknown format \"%s\" (formats: text, markdown, html, "
	                    "csv, junit, sarif, github, codequality)", name);
}

int
ak_report_sections_parse(unsigned *out, const char *list, ak_error *err)
{
	const char *p = list;
	unsigned bits = 0;

	for (;;) {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < AK_RP_NSECTIONS; i++)
			if (strlen(ak_rp_sections[i].name) == n &&
			    strncmp(p, ak_rp_sections[i].name, n) == 0)
				break;
		if (i == AK_RP_NSECTIONS) {
			char names[256];
			size_t len = 0;

			for (size_t k = 0; k < AK_RP_NSECTIONS; k++)
				len += (size_t)snprintf(names + len, sizeof(names) - len,
				                        "%s%s", k > 0 ? ", " : "",
				                        ak_rp_sections[k].name);
			return ak_error_set(err, AK_EUSAGE, NULL, 0,
			                    "unknown section \"%.*s\" (sections: %s)",
			                    (int)n, p, names);
		}
		bits |= ak_rp_sections[i].bit;
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	*out = bits;
	return AK_OK;
}

int
ak_report_new(ak_report **out)
{
	ak_report *r;

	*out = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return AK_ENOMEM;
	if (ak_map_new(&r->ids) != AK_OK) {
		free(r);
		return AK_ENOMEM;
	}
	*out = r;
	return AK_OK;
}

static void
unprepare(ak_report *r)
{
	for (size_t i = 0; i < r->nkpis; i++)
		free(r->kpis[i].scores);
	free(r->kpis);
	free(r->goals);
	free(r->initiatives);
	free(r->sorted_gaps);
	ak_map_free(r->latest_rollup);
	ak_map_free(r->gap_subjects);
	ak_map_free(r->measured_by);
	r->measured_by = NULL;
	free(r->courses);
	free(r->course_points);
	r->courses = NULL;
	r->course_points = NULL;
	r->ncourses = r->nhistory = 0;
	r->kpis = NULL;
	r->nkpis = 0;
	r->goals = NULL;
	r->initiatives = NULL;
	r->sorted_gaps = NULL;
	r->latest_rollup = NULL;
	r->gap_subjects = NULL;
	r->period = r->period_end = NULL;
	r->gap_baseline = 0;
	r->prepared = 0;
}

void
ak_report_free(ak_report *r)
{
	if (r == NULL)
		return;
	unprepare(r);
	ak_pool_clear(&r->arena);
	free(r->mgoals);
	free(r->minits);
	free(r->mkpis);
	ak_map_free(r->ids);
	for (size_t i = 0; i < r->ngaps; i++)
		free(r->gaps[i].file);
	for (size_t i = 0; i < r->nerrors; i++) {
		free(r->errors[i].src);
		free(r->errors[i].message);
	}
	free(r->scores);
	free(r->rollups);
	free(r->gaps);
	free(r->errors);
	free(r->checkins);
	free(r);
}

/* ---- the model ------------------------------------------------------------
 * Each record is checked and typed by a model of its own, whose strings
 * are copied into the arena before it goes: a model keeps the normalized
 * json_t of every record, which costs several times the record. */

#define ID_GOAL 0u
#define ID_INITIATIVE 1u
#define ID_KPI 2u

static void *
id_entry(size_t index, unsigned kind)
{
	return (void *)(((uintptr_t)index << 2 | kind) + 1);
}

static const void *
id_lookup(const ak_report *r, const char *id, unsigned kind)
{
	uintptr_t e = (uintptr_t)ak_map_get(r->ids, id);
	size_t i;

	if (e == 0 || ((e - 1) & 3u) != kind)
		return NULL;
	i = (size_t)((e - 1) >> 2);
	switch (kind) {
	case ID_GOAL: return &r->mgoals[i];
	case ID_INITIATIVE: return &r->minits[i];
	default: return &r->mkpis[i];
	}
}

const ak_goal *
ak_rp_goal(const ak_report *r, const char *id)
{
	return id != NULL ? id_lookup(r, id, ID_GOAL) : NULL;
}

const ak_initiative *
ak_rp_initiative(const ak_report *r, const char *id)
{
	return id != NULL ? id_lookup(r, id, ID_INITIATIVE) : NULL;
}

/* Appends the model element elem (size bytes) to the vector *vec of *len
 * elements (capacity *cap) and indexes it by its id as kind, unless that
 * id is taken: gap-find reports a second record with a taken id as
 * duplicate-id; the report shows the first.  Before, its strings
 * *field[0..n) (field[0] its id) are copied into the arena, in place, and
 * its record is cleared. */
static int
keep_entry(ak_report *r, void *vec, size_t *cap, size_t *len, void *elem,
           size_t size, json_t **record, const char **const field[],
           size_t n, unsigned kind)
{
	int bad = 0;

	if (ak_map_get(r->ids, *field[0]) != NULL)
		return AK_OK;
	for (size_t i = 0; i < n; i++)
		*field[i] = ak_pool_strdup(&r->arena, *field[i], &bad);
	*record = NULL;
	if (bad || ak_grow(vec, cap, *len + 1, size) != AK_OK ||
	    ak_map_put(r->ids, *field[0], id_entry(*len, kind)) != AK_OK)
		return AK_ENOMEM;
	memcpy((char *)*(void **)vec + *len * size, elem, size);
	(*len)++;
	return AK_OK;
}

/* The supports of an initiative, copied into the arena; *out is NULL for
 * none.  Returns AK_OK or AK_ENOMEM. */
static int
keep_supports(ak_report *r, ak_support **out, const ak_initiative *in)
{
	ak_support *sp = NULL;
	int bad = 0;

	if (in->nsupports > 0 &&
	    (sp = ak_pool_alloc(&r->arena, in->nsupports * sizeof(*sp))) == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < in->nsupports; i++) {
		sp[i].goal = ak_pool_strdup(&r->arena, in->supports[i].goal, &bad);
		sp[i].weight = in->supports[i].weight;
	}
	*out = sp;
	return bad ? AK_ENOMEM : AK_OK;
}

/* A goal, initiative or KPI record: read by the model (the same checks as
 * gap-find's), kept with its strings in the arena. */
static int
add_model(ak_report *r, const json_t *record, ak_kind k, ak_error *err)
{
	ak_model *m;
	size_t n;
	int rc;

	if (ak_model_new(&m) != AK_OK)
		return AK_ENOMEM;
	if ((rc = ak_model_add(m, record, k, NULL, 0, err)) != AK_OK)
		goto out;
	if (k == AK_KIND_GOAL) {
		ak_goal g = ak_model_goals(m, &n)[0];
		const char **const field[] = {&g.id, &g.title, &g.parent,
		                              &g.perspective, &g.owner, &g.src};

		rc = keep_entry(r, &r->mgoals, &r->capmgoals, &r->nmgoals, &g,
		                sizeof(g), &g.record, field, AK_NELEM(field),
		                ID_GOAL);
	} else if (k == AK_KIND_INITIATIVE) {
		ak_initiative in = ak_model_initiatives(m, &n)[0];
		const char **const field[] = {&in.id, &in.title, &in.owner,
		                              &in.sponsor, &in.src};

		/* The supports only of an initiative kept (keep_entry). */
		if (ak_map_get(r->ids, in.id) == NULL &&
		    (rc = keep_supports(r, &in.supports, &in)) == AK_OK)
			rc = keep_entry(r, &r->minits, &r->capminits, &r->nminits,
			                &in, sizeof(in), &in.record, field,
			                AK_NELEM(field), ID_INITIATIVE);
	} else {
		ak_kpi kp = ak_model_kpis(m, &n)[0];
		const char **const field[] = {&kp.id, &kp.name, &kp.measures,
		                              &kp.unit, &kp.business_owner,
		                              &kp.it_owner, &kp.src};

		rc = keep_entry(r, &r->mkpis, &r->capmkpis, &r->nmkpis, &kp,
		                sizeof(kp), &kp.record, field, AK_NELEM(field),
		                ID_KPI);
	}
out:
	ak_model_free(m);
	return rc;
}

/* ---- the derived records -------------------------------------------------
 * derived.c reads and checks them; the report keeps what it shows. */

static int
add_score(ak_report *r, const json_t *rec, ak_error *err)
{
	ak_derived_score d;
	ak_rp_score s;
	int rc, bad = 0;

	if ((rc = ak_derived_score_read(&d, rec, err)) != AK_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	s.kpi = ak_pool_strdup(&r->arena, d.kpi, &bad);
	s.measures = ak_pool_strdup(&r->arena, d.measures, &bad);
	s.note = ak_pool_strdup(&r->arena, d.note, &bad);
	if (bad)
		return AK_ENOMEM;
	memcpy(s.period, d.label, sizeof(s.period));
	ak_date_format(s.end, d.end);
	s.has_value = d.has_value;
	s.value = d.value;
	s.has_score = d.has_score;
	s.score = d.score;
	s.status = d.status;
	s.trend = d.trend;
	s.stale = d.stale;
	s.has_forecast = d.has_forecast;
	s.forecast = d.forecast;
	s.has_target = d.has_target;
	s.target = d.target;
	s.has_min = d.has_min;
	s.min = d.min;
	s.has_max = d.has_max;
	s.max = d.max;
	s.order = r->order;
	if (ak_grow(&r->scores, &r->capscores, r->nscores + 1, sizeof(s)) !=
	    AK_OK)
		return AK_ENOMEM;
	r->scores[r->nscores++] = s;
	return AK_OK;
}

static int
add_rollup(ak_report *r, const json_t *rec, int history, ak_error *err)
{
	ak_derived_rollup d;
	ak_rp_rollup u;
	int rc, bad = 0;

	if ((rc = ak_derived_rollup_read(&d, rec, err)) != AK_OK)
		return rc;
	memset(&u, 0, sizeof(u));
	if ((u.of = ak_pool_strdup(&r->arena, d.of, &bad)) == NULL || bad)
		return AK_ENOMEM;
	u.type = d.initiative ? "initiative" : "goal";
	memcpy(u.period, d.label, sizeof(u.period));
	ak_date_format(u.end, d.end);
	u.has_score = d.has_score;
	u.score = d.score;
	u.status = d.status;
	u.children = d.children;
	u.scored = d.scored;
	u.history = history;
	u.order = r->order;
	if (ak_grow(&r->rollups, &r->caprollups, r->nrollups + 1, sizeof(u)) !=
	    AK_OK)
		return AK_ENOMEM;
	r->rollups[r->nrollups++] = u;
	return AK_OK;
}

/* A check-in: checked as goals-load checks it, its strings kept. */
static int
add_checkin(ak_report *r, const json_t *rec, ak_error *err)
{
	ak_checkin c;
	json_t *n;
	int rc, bad = 0;

	if ((rc = ak_record_normalize(&n, rec, AK_KIND_CHECKIN, NULL, 0, err)) !=
	    AK_OK)
		return rc;
	ak_checkin_read(&c, n);
	c.subject = ak_pool_strdup(&r->arena, c.subject, &bad);
	c.by = ak_pool_strdup(&r->arena, c.by, &bad);
	c.note = ak_pool_strdup(&r->arena, c.note, &bad);
	c.src = ak_pool_strdup(&r->arena, c.src, &bad);
	c.order = r->order;
	json_decref(n);
	if (bad || ak_grow(&r->checkins, &r->capcheckins, r->ncheckins + 1,
	                   sizeof(c)) != AK_OK)
		return AK_ENOMEM;
	r->checkins[r->ncheckins++] = c;
	return AK_OK;
}

static int
add_gap(ak_report *r, const json_t *rec, const char *file, long line,
        ak_error *err)
{
	ak_derived_gap d;
	ak_rp_gap g;
	int rc, bad = 0;

	if ((rc = ak_derived_gap_read(&d, rec, err)) != AK_OK)
		return rc;
	memset(&g, 0, sizeof(g));
	g.type = ak_gap_type_name(d.type);
	g.severity = d.severity;
	g.subject = ak_pool_strdup(&r->arena,
	                           d.subject != NULL ? d.subject : "", &bad);
	g.message = ak_pool_strdup(&r->arena, d.message, &bad);
	g.src = ak_pool_strdup(&r->arena, d.src, &bad);
	g.waived = d.waived;
	g.reason = ak_pool_strdup(&r->arena, d.reason, &bad);
	g.fingerprint = ak_pool_strdup(&r->arena, d.fingerprint, &bad);
	if (bad)
		return AK_ENOMEM;
	if (d.waived_until != AK_DATE_NONE)
		ak_date_format(g.until, d.waived_until);
	g.has_new = d.has_new;
	g.is_new = d.is_new;
	g.resolved = d.resolved;
	g.line = line;
	g.order = r->order;
	if ((g.file = ak_strndup(file, strlen(file))) == NULL)
		return AK_ENOMEM;
	if (ak_grow(&r->gaps, &r->capgaps, r->ngaps + 1, sizeof(g)) != AK_OK) {
		free(g.file);
		return AK_ENOMEM;
	}
	r->gaps[r->ngaps++] = g;
	return AK_OK;
}

static int
push_error(ak_report *r, const char *src, const char *message)
{
	ak_rp_err e;

	e.src = ak_strndup(src, strlen(src));
	e.message = ak_strndup(message, strlen(message));
	if (e.src == NULL || e.message == NULL ||
	    ak_grow(&r->errors, &r->caperrors, r->nerrors + 1, sizeof(e)) !=
	            AK_OK) {
		free(e.src);
		free(e.message);
		return AK_ENOMEM;
	}
	r->errors[r->nerrors++] = e;
	return AK_OK;
}

static int
add_error_record(ak_report *r, const json_t *rec, ak_error *err)
{
	ak_derived_error d;
	int rc;

	if ((rc = ak_derived_error_read(&d, rec, err)) != AK_OK)
		return rc;
	return push_error(r, d.src != NULL ? d.src : "", d.message);
}

int
ak_report_add_error(ak_report *r, const ak_error *err)
{
	char src[AK_ERROR_FILE_LENGTH + 32];

	ak_error_src(src, sizeof(src), err);
	r->prepared = 0;
	return push_error(r, src, err->text);
}

/* The end of adding a record read at file:line: rc, with err located
 * there (an "out of memory" of its own), and the report to be prepared
 * again when it changed. */
static int
added(ak_report *r, int rc, const char *file, long line, ak_error *err)
{
	if (rc == AK_ENOMEM)
		return ak_error_set(err, AK_ENOMEM, file, line, "out of memory");
	if (rc != AK_OK) {
		ak_error_locate(err, file, line, 0);
		return rc;
	}
	r->prepared = 0;
	return AK_OK;
}

int
ak_report_add(ak_report *r, const json_t *record, const char *file,
              long line, ak_error *err)
{
	json_t *kind = json_object_get(record, "kind");
	ak_kind k;
	int rc;

	if (!json_is_object(record) || !json_is_string(kind))
		return ak_error_set(err, AK_EINPUT, file, line,
		                    "a record needs a string field kind");
	k = ak_kind_parse(json_string_value(kind));
	/* Measurements and target records reach the report as scores. */
	if (k == AK_KIND_MEASUREMENT || k == AK_KIND_TARGET ||
	    k == AK_KIND_OTHER)
		return AK_OK;
	r->order++;
	switch (k) {
	case AK_KIND_GOAL:
	case AK_KIND_INITIATIVE:
	case AK_KIND_KPI:
		rc = add_model(r, record, k, err);
		break;
	case AK_KIND_SCORE:
		rc = add_score(r, record, err);
		break;
	case AK_KIND_ROLLUP:
		rc = add_rollup(r, record, 0, err);
		break;
	case AK_KIND_GAP:
		rc = add_gap(r, record, file, line, err);
		break;
	case AK_KIND_CHECKIN:
		rc = add_checkin(r, record, err);
		break;
	default:
		rc = add_error_record(r, record, err);
		break;
	}
	return added(r, rc, file, line, err);
}

int
ak_report_add_history(ak_report *r, const json_t *record, const char *file,
                      long line, ak_error *err)
{
	json_t *kind = json_object_get(record, "kind");
	int rc;

	if (!json_is_object(record) || !json_is_string(kind))
		return ak_error_set(err, AK_EINPUT, file, line,
		                    "a record needs a string field kind");
	if (ak_kind_parse(json_string_value(kind)) != AK_KIND_ROLLUP)
		return AK_OK;
	r->order++;
	rc = add_rollup(r, record, 1, err);
	return added(r, rc, file, line, err);
}

/* ---- sorting and indexing ------------------------------------------------ */

static int
cmp_goal(const void *a, const void *b)
{
	return ak_id_natcmp((*(const ak_goal *const *)a)->id,
	                    (*(const ak_goal *const *)b)->id);
}

static int
cmp_initiative(const void *a, const void *b)
{
	return ak_id_natcmp((*(const ak_initiative *const *)a)->id,
	                    (*(const ak_initiative *const *)b)->id);
}

static int
cmp_kpi(const void *a, const void *b)
{
	return ak_id_natcmp(((const ak_rp_kpi *)a)->id, ((const ak_rp_kpi *)b)->id);
}

static int
cmp_order(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

/* Periods of one KPI or subject in time order: by end date (the text
 * "YYYY-MM-DD" sorts as the date does), then by label, then in input
 * order. */
static int
cmp_when(const char *end_a, const char *period_a, size_t order_a,
         const char *end_b, const char *period_b, size_t order_b)
{
	int c = strcmp(end_a, end_b);

	if (c == 0)
		c = strcmp(period_a, period_b);
	return c != 0 ? c : cmp_order(order_a, order_b);
}

static int
cmp_score(const void *a, const void *b)
{
	const ak_rp_score *x = *(const ak_rp_score *const *)a;
	const ak_rp_score *y = *(const ak_rp_score *const *)b;

	return cmp_when(x->end, x->period, x->order, y->end, y->period, y->order);
}

static int
cmp_gap(const void *a, const void *b)
{
	const ak_rp_gap *x = *(const ak_rp_gap *const *)a;
	const ak_rp_gap *y = *(const ak_rp_gap *const *)b;
	int c;

	if (x->waived != y->waived)
		return x->waived - y->waived;
	if (x->severity != y->severity) /* worst first */
		return (int)y->severity - (int)x->severity;
	if ((c = strcmp(x->type, y->type)) != 0 ||
	    (c = ak_id_natcmp(x->subject, y->subject)) != 0 ||
	    (c = strcmp(x->message, y->message)) != 0)
		return c;
	return cmp_order(x->order, y->order);
}

static int
prepare_kpis(ak_report *r)
{
	const ak_kpi *mk;
	size_t nmk, n = 0;
	ak_map *ids;
	int rc = AK_ENOMEM;

	mk = r->mkpis;
	nmk = r->nmkpis;
	if (ak_map_new(&ids) != AK_OK)
		return AK_ENOMEM;
	if ((r->kpis = calloc(nmk + r->nscores + 1, sizeof(ak_rp_kpi))) == NULL)
		goto out;
	for (size_t i = 0; i < nmk; i++) {
		if (ak_map_get(ids, mk[i].id) != NULL)
			continue;
		r->kpis[n].id = mk[i].id;
		r->kpis[n].kpi = &mk[i];
		r->kpis[n].measures = mk[i].measures;
		if (ak_map_put(ids, mk[i].id, &r->kpis[n]) != AK_OK)
			goto out;
		n++;
	}
	for (size_t i = 0; i < r->nscores; i++) {
		ak_rp_kpi *k = ak_map_get(ids, r->scores[i].kpi);

		if (k == NULL) {
			k = &r->kpis[n++];
			k->id = r->scores[i].kpi;
			if (ak_map_put(ids, k->id, k) != AK_OK)
				goto out;
		}
		if (k->measures == NULL)
			k->measures = r->scores[i].measures;
		k->nscores++;
	}
	r->nkpis = n;
	for (size_t i = 0; i < n; i++) {
		if ((r->kpis[i].scores = calloc(r->kpis[i].nscores + 1,
		                                sizeof(ak_rp_score *))) == NULL)
			goto out;
		r->kpis[i].nscores = 0;
	}
	for (size_t i = 0; i < r->nscores; i++) {
		ak_rp_kpi *k = ak_map_get(ids, r->scores[i].kpi);

		k->scores[k->nscores++] = &r->scores[i];
	}
	for (size_t i = 0; i < n; i++)
		qsort(r->kpis[i].scores, r->kpis[i].nscores, sizeof(ak_rp_score *),
		      cmp_score);
	/* Sorting moves the KPIs: nothing may keep pointers into ids now. */
	qsort(r->kpis, n, sizeof(ak_rp_kpi), cmp_kpi);
	/* Each subject's KPIs, in id order: walked backwards, each KPI goes
	 * in front of the list. */
	if (ak_map_new(&r->measured_by) != AK_OK)
		goto out;
	for (size_t i = n; i-- > 0;) {
		ak_rp_kpi *k = &r->kpis[i];

		if (k->measures == NULL)
			continue;
		k->next_measuring = ak_map_get(r->measured_by, k->measures);
		if (ak_map_put(r->measured_by, k->measures, k) != AK_OK)
			goto out;
	}
	rc = AK_OK;
out:
	ak_map_free(ids);
	return rc;
}

static int
prepare_rollups(ak_report *r)
{
	const ak_rp_rollup *latest = NULL;

	if (ak_map_new(&r->latest_rollup) != AK_OK)
		return AK_ENOMEM;
	for (size_t i = 0; i < r->nrollups; i++) {
		ak_rp_rollup *u = &r->rollups[i];
		ak_rp_rollup *old = ak_map_get(r->latest_rollup, u->of);

		if (u->history)
			continue;
		if (old == NULL || cmp_when(old->end, old->period, old->order,
		                            u->end, u->period, u->order) < 0)
			if (ak_map_put(r->latest_rollup, u->of, u) != AK_OK)
				return AK_ENOMEM;
		if (latest == NULL || cmp_when(latest->end, latest->period,
		                               latest->order, u->end, u->period,
		                               u->order) < 0)
			latest = u;
	}
	if (latest != NULL) {
		r->period = latest->period;
		r->period_end = latest->end;
		return AK_OK;
	}
	for (size_t i = 0; i < r->nscores; i++) {
		const ak_rp_score *s = &r->scores[i];

		if (r->period == NULL || strcmp(s->end, r->period_end) > 0) {
			r->period = s->period;
			r->period_end = s->end;
		}
	}
	return AK_OK;
}

/* Numbers the gaps of one type and subject in input order, for
 * fingerprints that stay put when messages change. */
static int
prepare_gaps(ak_report *r)
{
	ak_map *seen;
	char *key = NULL;
	size_t cap = 0;

	if ((r->sorted_gaps = calloc(r->ngaps + 1, sizeof(ak_rp_gap *))) == NULL ||
	    ak_map_new(&r->gap_subjects) != AK_OK ||
	    ak_map_new(&seen) != AK_OK)
		return AK_ENOMEM;
	for (size_t i = 0; i < r->ngaps; i++) {
		ak_rp_gap *g = &r->gaps[i];
		size_t tl = strlen(g->type), sl = strlen(g->subject);
		uintptr_t count;

		if (tl + sl + 2 > cap) {
			char *k2 = realloc(key, tl + sl + 2);

			if (k2 == NULL) {
				free(key);
				ak_map_free(seen);
				return AK_ENOMEM;
			}
			key = k2;
			cap = tl + sl + 2;
		}
		memcpy(key, g->type, tl);
		key[tl] = '\n';   /* no type holds one: gap-find writes them */
		memcpy(key + tl + 1, g->subject, sl + 1);
		count = (uintptr_t)ak_map_get(seen, key);
		g->ordinal = count;
		if (ak_map_put(seen, key, (void *)(count + 1)) != AK_OK) {
			free(key);
			ak_map_free(seen);
			return AK_ENOMEM;
		}
		r->sorted_gaps[i] = g;
		if (g->has_new || g->resolved)
			r->gap_baseline = 1;
		if (ak_map_get(r->gap_subjects, g->subject) == NULL &&
		    ak_map_put(r->gap_subjects, g->subject, g) != AK_OK) {
			free(key);
			ak_map_free(seen);
			return AK_ENOMEM;
		}
	}
	free(key);
	ak_map_free(seen);
	qsort(r->sorted_gaps, r->ngaps, sizeof(ak_rp_gap *), cmp_gap);
	return AK_OK;
}

static int
cmp_course_point(const void *a, const void *b)
{
	const ak_rp_rollup *x = *(const ak_rp_rollup *const *)a;
	const ak_rp_rollup *y = *(const ak_rp_rollup *const *)b;
	int c = ak_id_natcmp(x->of, y->of);

	return c != 0 ? c : cmp_when(x->end, x->period, x->order, y->end,
	                             y->period, y->order);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Each goal's rollups in time order, one per period: the course the
 * history section draws.  A history file and the week's stream may both
 * hold a period; the record read last wins. */
static int
prepare_history(ak_report *r)
{
	const ak_rp_rollup **pts;
	const char **ends;
	size_t n = 0, k = 0;

	if ((pts = calloc(r->nrollups + 1, sizeof(*pts))) == NULL ||
	    (ends = calloc(r->nrollups + 1, sizeof(*ends))) == NULL) {
		free(pts);
		return AK_ENOMEM;
	}
	r->course_points = pts;
	for (size_t i = 0; i < r->nrollups; i++) {
		const ak_rp_rollup *u = &r->rollups[i];

		if (strcmp(u->type, "goal") != 0 || (u->history &&
		    r->period_end != NULL && strcmp(u->end, r->period_end) > 0))
			continue;
		pts[n++] = u;
	}
	qsort(pts, n, sizeof(*pts), cmp_course_point);
	/* Drop a point when the next one is of the same goal and period. */
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(pts[i]->of, pts[i + 1]->of) == 0 &&
		    strcmp(pts[i]->period, pts[i + 1]->period) == 0)
			continue;
		pts[k++] = pts[i];
	}
	n = k;
	for (size_t i = 0; i < n; i++)
		ends[i] = pts[i]->end;
	qsort(ends, n, sizeof(*ends), cmp_str);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(ends[i], ends[i - 1]) != 0)
			r->nhistory++;
	free(ends);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(pts[i]->of, pts[i - 1]->of) != 0)
			r->ncourses++;
	if ((r->courses = calloc(r->ncourses + 1, sizeof(*r->courses))) == NULL)
		return AK_ENOMEM;
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(pts[i]->of, pts[i - 1]->of) != 0) {
			r->courses[k].of = pts[i]->of;
			r->courses[k].points = &pts[i];
			k++;
		}
		r->courses[k - 1].n++;
	}
	return AK_OK;
}

int
ak_rp_prepare(ak_report *r)
{
	const ak_goal *goals;
	const ak_initiative *inits;
	size_t n;

	if (r->prepared)
		return AK_OK;
	unprepare(r);
	goals = r->mgoals;
	n = r->nmgoals;
	if ((r->goals = calloc(n + 1, sizeof(*r->goals))) == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < n; i++)
		r->goals[i] = &goals[i];
	r->ngoals = n;
	qsort(r->goals, n, sizeof(*r->goals), cmp_goal);
	inits = r->minits;
	n = r->nminits;
	if ((r->initiatives = calloc(n + 1, sizeof(*r->initiatives))) == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < n; i++)
		r->initiatives[i] = &inits[i];
	r->ninitiatives = n;
	qsort(r->initiatives, n, sizeof(*r->initiatives), cmp_initiative);
	if (prepare_kpis(r) != AK_OK || prepare_rollups(r) != AK_OK ||
	    prepare_gaps(r) != AK_OK || prepare_history(r) != AK_OK)
		return AK_ENOMEM;
	r->prepared = 1;
	return AK_OK;
}

const ak_rp_rollup *
ak_rp_latest_rollup(const ak_report *r, const char *id)
{
	return ak_map_get(r->latest_rollup, id);
}

const ak_rp_score *
ak_rp_latest_score(const ak_rp_kpi *k)
{
	return k->nscores > 0 ? k->scores[k->nscores - 1] : NULL;
}

/* ---- writing ------------------------------------------------------------- */

int
ak_report_write(ak_report *r, FILE *out, const ak_report_options *opt,
                ak_error *err)
{
	unsigned sections = opt->sections;
	int rc;

	if ((rc = ak_rp_prepare(r)) != AK_OK)
		return ak_error_set(err, rc, NULL, 0, "out of memory");
	/* A report shows the history section by default only when there is
	 * one: the goals' rollups span two periods or more. */
	if (sections == 0 && opt->format != AK_REPORT_CSV && r->nhistory < 2)
		sections = AK_SECTION_ALL & ~AK_SECTION_HISTORY;
	/* And the checkins section only when the stream has check-ins. */
	if (opt->sections == 0 && opt->format != AK_REPORT_CSV &&
	    r->ncheckins == 0)
		sections = (sections ? sections : AK_SECTION_ALL) &
		           ~AK_SECTION_CHECKINS;
	/* A history stream alone (rollups, no model, scores or gaps) is
	 * shown as its history. */
	if (opt->sections == 0 && opt->format != AK_REPORT_CSV &&
	    r->nhistory >= 2 && r->ngoals == 0 && r->ninitiatives == 0 &&
	    r->nkpis == 0 && r->ngaps == 0)
		sections = AK_SECTION_HISTORY | AK_SECTION_ERRORS;
	errno = 0;
	switch (opt->format) {
	case AK_REPORT_TEXT:
		rc = ak_rp_write_text(r, out, opt, sections ? sections : AK_SECTION_ALL);
		break;
	case AK_REPORT_MARKDOWN:
		rc = ak_rp_write_markdown(r, out, opt,
		                       sections ? sections : AK_SECTION_ALL);
		break;
	case AK_REPORT_HTML:
		rc = ak_rp_write_html(r, out, opt, sections ? sections : AK_SECTION_ALL);
		break;
	case AK_REPORT_CSV:
		if (sections == 0)
			sections = AK_SECTION_KPIS;
		if ((sections & (sections - 1)) != 0)
			return ak_error_set(err, AK_EUSAGE, NULL, 0,
			                    "csv writes one table: name one section");
		rc = ak_rp_write_csv(r, out, opt, sections);
		break;
	case AK_REPORT_JUNIT:
		rc = ak_rp_write_junit(r, out, opt);
		break;
	case AK_REPORT_SARIF:
		rc = ak_rp_write_sarif(r, out, opt);
		break;
	case AK_REPORT_GITHUB:
		rc = ak_rp_write_github(r, out, opt);
		break;
	default:
		rc = ak_rp_write_codequality(r, out, opt);
		break;
	}
	if (rc == AK_OK && (fflush(out) != 0 || ferror(out)))
		rc = AK_EIO;
	if (rc == AK_ENOMEM)
		return ak_error_set(err, rc, NULL, 0, "out of memory");
	if (rc == AK_EIO)
		return ak_error_set(err, rc, "", 0, "write error: %s",
		                    strerror(errno ? errno : EIO));
	return rc;
}
