/* The checks of SPEC §8 over what a gap finder collected (gap.c).  Every
 * lookup goes through an id index, and every walk of the goal tree is a
 * loop over arrays: trees may be 100,000 levels deep, models 70,000
 * records large. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/gap.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/num.h"
#include "alignkit/period.h"
#include "checkin_internal.h"
#include "gap_internal.h"
#include "model_internal.h"
#include "util_internal.h"

/* One run of ak_gap_find. */
struct run {
	ak_gap_finder *f;
	const ak_gap_options *o;
	ak_error *err;
	int rc; /* the first failure: AK_ENOMEM */
	const ak_goal *goals;
	size_t ngoals;
	const ak_initiative *inits;
	size_t ninits;
	const ak_kpi *kpis;
	size_t nkpis;
	long *parent;           /* index of each goal's parent goal, -1 */
	struct ak_gvec scratch; /* freed when the run ends */
	ak_pool said;           /* say()'s strings, freed when the run ends */
	unsigned char not_run[AK_GAP_NTYPES]; /* checks without their data */
};

#ifdef __GNUC__
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* A new string from a printf format, kept until the run ends; "" (and
 * r->rc set) if out of memory, so that callers need not check. */
static char *say(struct run *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static char *vsay(struct run *r, const char *fmt, va_list ap)
	PRINTF_LIKE(2, 0);

static char *
vsay(struct run *r, const char *fmt, va_list ap)
{
	static char empty[1];
	char *s = ak_pool_vprintf(&r->said, fmt, ap);

	if (s == NULL) {
		r->rc = AK_ENOMEM;
		return empty;
	}
	return s;
}

static char *
say(struct run *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vsay(r, fmt, ap);
	va_end(ap);
	return s;
}

/* "goal G3 \"Cut checkout time\"": a record as messages name it. */
static const char *
named(struct run *r, const char *kind, const char *id, const char *title)
{
	if (title == NULL)
		return say(r, "%s %s", kind, id);
	return say(r, "%s %s \"%s\"", kind, id, title);
}

static const char *
goal_named(struct run *r, const ak_goal *g)
{
	return named(r, "goal", g->id, g->title);
}

static const char *
init_named(struct run *r, const ak_initiative *i)
{
	return named(r, "initiative", i->id, i->title);
}

static const char *
kpi_named(struct run *r, const ak_kpi *k)
{
	return named(r, "kpi", k->id, k->name);
}

static const char *
num(struct run *r, double v)
{
	char buf[AK_NUM_BUFSIZE];

	ak_num_display(buf, sizeof(buf), v); /* messages are read by people */
	return say(r, "%s", buf);
}

/* A share as a percentage with at most one decimal: "45.5%". */
static const char *
percent(struct run *r, double share)
{
	return say(r, "%s%%", num(r, round(share * 1000) / 10));
}

static const char *
date_text(struct run *r, ak_date d)
{
	char buf[AK_DATE_BUFSIZE];

	ak_date_format(buf, d);
	return say(r, "%s", buf);
}

/* Records one gap: its severity as the options say, its message from a
 * printf format, and its fingerprint (ak_gap_fingerprint) from its type,
 * subject and key: what else makes the finding distinct (NULL when type
 * and subject say it all), never its message, period, severity or src,
 * so that it keeps its fingerprint from week to week and when rows move.
 * Strings are copied.  Every check records its gaps here: emit() when
 * type and subject identify the finding, emitk() with a key otherwise. */
static void vemit(struct run *r, ak_gap_type type, ak_severity severity,
                  const char *subject, const char *key, const char *src,
                  const char *fmt, va_list ap) PRINTF_LIKE(7, 0);
static void emit(struct run *r, ak_gap_type type, ak_severity severity,
                 const char *subject, const char *src, const char *fmt, ...)
	PRINTF_LIKE(6, 7);
static void emitk(struct run *r, ak_gap_type type, ak_severity severity,
                  const char *subject, const char *key, const char *src,
                  const char *fmt, ...) PRINTF_LIKE(7, 8);

/* Copies the subject and src of the gap g (the next of the finder's, its
 * message set) into the finder's pool and counts it: 1, or 0 with r->rc
 * set when out of memory (g is then not counted). */
static int
keep_gap(struct run *r, ak_gap *g, const char *subject, const char *src)
{
	ak_pool *p = &r->f->gap_strings;
	int oom = 0;

	g->subject = ak_pool_strdup(p, subject, &oom);
	g->src = ak_pool_strdup(p, src, &oom);
	if (oom || g->subject == NULL || g->message == NULL) {
		r->rc = AK_ENOMEM;
		return 0;
	}
	r->f->ngaps++;
	return 1;
}

static void
vemit(struct run *r, ak_gap_type type, ak_severity severity,
      const char *subject, const char *key, const char *src, const char *fmt,
      va_list ap)
{
	ak_gap_finder *f = r->f;
	const char *fp_subject = subject;
	ak_gap *g;
	char *msg;

	if (r->rc != AK_OK || r->o->skip[type])
		return;
	/* Made where the gap keeps it: a million gaps, each message once. */
	if ((msg = ak_pool_vprintf(&f->gap_strings, fmt, ap)) == NULL)
		r->rc = AK_ENOMEM;
	/* An invalid-record gap's subject is the bad record's src: its line
	 * moves with the rows, so only the file is hashed (the key names the
	 * fault). */
	if (type == AK_GAP_INVALID_RECORD) {
		const char *colon = strrchr(subject, ':');
		if (colon != NULL)
			fp_subject = say(r, "%.*s", (int)(colon - subject),
			                 subject);
	}
	if (r->rc != AK_OK)
		return;
	if (ak_grow(&f->gaps, &f->gaps_cap, f->ngaps + 1, sizeof(*f->gaps)) !=
	    AK_OK) {
		r->rc = AK_ENOMEM;
		return;
	}
	g = &f->gaps[f->ngaps];
	memset(g, 0, sizeof(*g));
	g->type = type;
	g->severity = r->o->severity[type] >= 0
	                      ? (ak_severity)r->o->severity[type]
	                      : severity;
	g->waived_until = AK_DATE_NONE;
	ak_gap_fingerprint(g->fingerprint, type, fp_subject, key);
	g->message = msg;
	keep_gap(r, g, subject, src);
}

static void
emit(struct run *r, ak_gap_type type, ak_severity severity, const char *subject,
     const char *src, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(r, type, severity, subject, NULL, src, fmt, ap);
	va_end(ap);
}

static void
emitk(struct run *r, ak_gap_type type, ak_severity severity,
      const char *subject, const char *key, const char *src, const char *fmt,
      ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(r, type, severity, subject, key, src, fmt, ap);
	va_end(ap);
}

/* check-skipped: the checks of types[0..n) could not run for want of
 * data.  One gap, on subject (the checks' name), saying what is missing,
 * when any of them was asked for; the checks count as not run either way,
 * so that --baseline does not call their old findings resolved. */
static void skipped_check(struct run *r, const char *subject,
                          const ak_gap_type *types, size_t n,
                          const char *fmt, ...) PRINTF_LIKE(5, 6);

static void
skipped_check(struct run *r, const char *subject, const ak_gap_type *types,
              size_t n, const char *fmt, ...)
{
	size_t asked = 0;
	va_list ap;

	for (size_t i = 0; i < n; i++) {
		r->not_run[types[i]] = 1;
		asked += !r->o->skip[types[i]];
	}
	if (asked == 0)
		return;
	va_start(ap, fmt);
	vemit(r, AK_GAP_CHECK_SKIPPED, AK_SEVERITY_INFO, subject, NULL, NULL,
	      fmt, ap);
	va_end(ap);
}

static long
goal_index(const struct run *r, const char *id)
{
	const ak_goal *g = ak_model_goal(r->f->model, id);

	return g != NULL ? (long)(g - r->goals) : -1;
}

/* Why id is not a record of the kind wanted: "is not in the model", or
 * "is an initiative, not a goal". */
static const char *
not_a(struct run *r, const char *id, const char *wanted)
{
	ak_kind k = ak_model_kind_of(r->f->model, id);

	if (k == AK_KIND_OTHER)
		return "is not in the model";
	return say(r, "is %s %s, not %s", k == AK_KIND_INITIATIVE ? "an" : "a",
	           ak_kind_name(k), wanted);
}

/* ---- check-ins ---------------------------------------------------------- */

static void
checkin_gap(void *arg, ak_gap_type type, ak_severity severity,
            const char *subject, const char *key, const char *src,
            const char *message)
{
	emitk(arg, type, severity, subject, key, src, "%s", message);
}

/* missing-checkin, status-discrepancy, owner-disagreement
 * (gap_checkins.c); check-skipped when the stream has no check-in. */
static void
check_checkins(struct run *r)
{
	static const ak_gap_type all[] = {AK_GAP_MISSING_CHECKIN,
	                                  AK_GAP_STATUS_DISCREPANCY,
	                                  AK_GAP_OWNER_DISAGREEMENT};

	if (r->f->checkins.n == 0) {
		if (r->ngoals + r->ninits + r->nkpis > 0)
			skipped_check(r, "checkins", all, AK_NELEM(all),
			              "the stream has no check-in records, so "
			              "missing-checkin, status-discrepancy and "
			              "owner-disagreement did not run; load the "
			              "check-ins (checkins.csv, or a form's export) "
			              "with the model");
		return;
	}
	/* What people say needs what the data says to be held against. */
	if (r->f->nscores == 0 && r->f->nrollups == 0) {
		static const ak_gap_type said[] = {AK_GAP_STATUS_DISCREPANCY};
		skipped_check(r, "status-discrepancy", said, AK_NELEM(said),
		              "the stream has check-ins but no score or rollup "
		              "records, so status-discrepancy did not run; run "
		              "kpi-score before gap-find");
	}
	if (r->rc == AK_OK && !(r->o->skip[AK_GAP_MISSING_CHECKIN] &&
	                        r->o->skip[AK_GAP_STATUS_DISCREPANCY] &&
	                        r->o->skip[AK_GAP_OWNER_DISAGREEMENT]))
		r->rc = ak_gap_checkins(r->f, r->o, checkin_gap, r);
}

/* ---- stream problems --------------------------------------------------- */

static void
check_invalid(struct run *r)
{
	for (size_t i = 0; i < r->f->invalids.n; i++) {
		const struct ak_ginvalid *e = r->f->invalids.v[i];
		/* The input error names the record and its fault. */
		emitk(r, AK_GAP_INVALID_RECORD, AK_SEVERITY_ERROR, e->subject,
		      e->message, e->src,
		     "record at %s could not be used: %s; correct it where it "
		     "comes from and load it again",
		     e->subject, e->message);
	}
}

static void
check_duplicates(struct run *r)
{
	ak_model *m = r->f->model;
	ak_map *seen;

	if (r->f->dups.n == 0)
		return;
	if (ak_map_new(&seen) != AK_OK) {
		r->rc = AK_ENOMEM;
		return;
	}
	for (size_t i = 0; i < r->f->dups.n && r->rc == AK_OK; i++) {
		const struct ak_gdup *d = r->f->dups.v[i];
		ak_kind k = ak_model_kind_of(m, d->id);
		const char *first = "", *title = NULL, *src = NULL;
		/* The fingerprint's key: the duplicate's kind and which
		 * repetition of the id it is (2 for the first duplicate). */
		uintptr_t nth = (uintptr_t)ak_map_get(seen, d->id) + 1;

		if (ak_map_put(seen, d->id, (void *)nth) != AK_OK) {
			r->rc = AK_ENOMEM;
			break;
		}

		if (k == AK_KIND_GOAL) {
			title = ak_model_goal(m, d->id)->title;
			src = ak_model_goal(m, d->id)->src;
		} else if (k == AK_KIND_INITIATIVE) {
			title = ak_model_initiative(m, d->id)->title;
			src = ak_model_initiative(m, d->id)->src;
		} else if (k == AK_KIND_KPI) {
			title = ak_model_kpi(m, d->id)->name;
			src = ak_model_kpi(m, d->id)->src;
		}
		if (src != NULL)
			first = say(r, " (at %s)", src);
		emitk(r, AK_GAP_DUPLICATE_ID, AK_SEVERITY_ERROR, d->id,
		      say(r, "%s %zu", ak_kind_name(d->kind), (size_t)nth + 1),
		      d->src,
		      "%s has the id of %s%s; give one of them another id",
		      named(r, ak_kind_name(d->kind), d->id, d->title),
		      named(r, ak_kind_name(k), d->id, title), first);
	}
	ak_map_free(seen);
}

static void
check_dangling(struct run *r)
{
	ak_model *m = r->f->model;
	size_t i, j;

	for (i = 0; i < r->ngoals; i++) {
		const ak_goal *g = &r->goals[i];
		if (g->parent != NULL && r->parent[i] < 0)
			emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR, g->id,
			     say(r, "parent\n%s", g->parent), g->src,
			     "%s has parent %s, which %s; correct its parent "
			     "or add goal %s",
			     goal_named(r, g), g->parent,
			     not_a(r, g->parent, "a goal"), g->parent);
	}
	for (i = 0; i < r->ninits; i++) {
		const ak_initiative *in = &r->inits[i];
		for (j = 0; j < in->nsupports; j++) {
			const char *goal = in->supports[j].goal;
			if (ak_model_goal(m, goal) == NULL)
				emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR,
				     in->id, say(r, "supports\n%s", goal),
				     in->src,
				     "%s supports %s, which %s; correct its "
				     "supports or add goal %s",
				     init_named(r, in), goal,
				     not_a(r, goal, "a goal"), goal);
		}
	}
	for (i = 0; i < r->nkpis; i++) {
		const ak_kpi *k = &r->kpis[i];
		ak_kind kind = ak_model_kind_of(m, k->measures);
		if (kind != AK_KIND_GOAL && kind != AK_KIND_INITIATIVE)
			emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR, k->id,
			     say(r, "measures\n%s", k->measures), k->src,
			     "%s measures %s, which %s; correct what it "
			     "measures or add goal or initiative %s",
			     kpi_named(r, k), k->measures,
			     not_a(r, k->measures, "a goal or an initiative"),
			     k->measures);
	}
	for (i = 0; i < r->f->measured.n; i++) {
		const struct ak_gmeasured *ms = r->f->measured.v[i];
		if (ak_model_kpi(m, ms->kpi) != NULL)
			continue;
		if (ms->count == 1)
			emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR, ms->kpi,
			     "measurement\nkpi", ms->src,
			     "a measurement names kpi %s, which %s; correct "
			     "its kpi or add kpi %s",
			     ms->kpi, not_a(r, ms->kpi, "a kpi"), ms->kpi);
		else
			emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR, ms->kpi,
			     "measurement\nkpi", ms->src,
			     "%zu measurements name kpi %s, which %s; correct "
			     "their kpi or add kpi %s",
			     ms->count, ms->kpi, not_a(r, ms->kpi, "a kpi"),
			     ms->kpi);
	}
	{
		size_t nt;
		const ak_target *t = ak_model_targets(m, &nt);
		for (i = 0; i < nt; i++)
			if (ak_model_kpi(m, t[i].kpi) == NULL)
				emit(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR,
				     t[i].kpi, t[i].src,
				     "a target record names kpi %s, which %s; "
				     "correct its kpi or add kpi %s", t[i].kpi,
				     not_a(r, t[i].kpi, "a kpi"), t[i].kpi);
	}
}

/* dangling-ref for check-ins: one gap per subject named that is not in
 * the model, at its first check-in. */
static void
check_dangling_checkins(struct run *r)
{
	const struct ak_gvec *cs = &r->f->checkins;
	size_t *count = NULL, i;
	ak_map *seen = NULL;

	if (cs->n == 0)
		return;
	if ((count = calloc(cs->n, sizeof(*count))) == NULL ||
	    ak_map_new(&seen) != AK_OK) {
		r->rc = AK_ENOMEM;
		goto out;
	}
	/* seen: subject -> its first check-in's index + 1. */
	for (i = 0; i < cs->n; i++) {
		const ak_checkin *c = cs->v[i];
		size_t first = (size_t)(uintptr_t)ak_map_get(seen, c->subject);
		if (ak_model_kind_of(r->f->model, c->subject) != AK_KIND_OTHER)
			continue;
		if (first == 0 &&
		    ak_map_put(seen, c->subject, (void *)(uintptr_t)(i + 1)) !=
		            AK_OK) {
			r->rc = AK_ENOMEM;
			goto out;
		}
		count[first == 0 ? i : first - 1]++;
	}
	for (i = 0; i < cs->n; i++) {
		const ak_checkin *c = cs->v[i];
		if (count[i] == 0)
			continue;
		emitk(r, AK_GAP_DANGLING_REF, AK_SEVERITY_ERROR, c->subject,
		      "checkin\nsubject", c->src,
		      "%s %s, which is not a goal, initiative or kpi of the "
		      "model; correct %s subject or add %s",
		      count[i] == 1 ? "a check-in names"
		                    : say(r, "%zu check-ins name", count[i]),
		      c->subject, count[i] == 1 ? "its" : "their", c->subject);
	}
out:
	free(count);
	ak_map_free(seen);
}

/* ---- future measurements ---------------------------------------------- */

/* Whether year y reads as year want with two digits swapped: 2062 for
 * 2026, the typo a hand-typed date most often has. */
static int
year_swapped(int y, int want)
{
	char a[8], b[8];
	int diff[2], n = 0;

	if (y < 1000 || y > 9999 || want < 1000 || want > 9999)
		return 0;
	snprintf(a, sizeof(a), "%d", y);
	snprintf(b, sizeof(b), "%d", want);
	for (int i = 0; i < 4; i++)
		if (a[i] != b[i]) {
			if (n == 2)
				return 0;
			diff[n++] = i;
		}
	return n == 2 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]];
}

/* A measurement dated after as-of is in no period: kpi-score passes it on
 * rather than count it, and it is reported here, once per KPI, at its
 * latest date. */
static void
check_future(struct run *r)
{
	int y, m, d, ay, am, ad;

	ak_date_to_ymd(&ay, &am, &ad, r->o->as_of);
	for (size_t i = 0; i < r->f->measured.n; i++) {
		const struct ak_gmeasured *ms = r->f->measured.v[i];
		const char *at, *asof;
		if (ms->latest <= r->o->as_of)
			continue;
		at = date_text(r, ms->latest);
		asof = date_text(r, r->o->as_of);
		ak_date_to_ymd(&y, &m, &d, ms->latest);
		if (year_swapped(y, ay) && ak_date_valid(ay, m, d))
			emitk(r, AK_GAP_FUTURE_MEASUREMENT, AK_SEVERITY_WARNING,
			     ms->kpi, at, ms->latest_src,
			     "a measurement of kpi %s is dated %s, after as-of %s, "
			     "so it counts in no period; if %d is a typo for %d, "
			     "correct it to %04d-%02d-%02d",
			     ms->kpi, at, asof, y, ay, ay, m, d);
		else
			emitk(r, AK_GAP_FUTURE_MEASUREMENT, AK_SEVERITY_WARNING,
			     ms->kpi, at, ms->latest_src,
			     "a measurement of kpi %s is dated %s, after as-of %s, "
			     "so it counts in no period; correct its date if it is "
			     "a typo (such as 2062 for 2026) or the clock that "
			     "dated it is wrong",
			     ms->kpi, at, asof);
	}
}

/* ---- duplicate measurements ------------------------------------------- */

/* The FILE of "FILE:LINE". */
static const char *
file_part(struct run *r, const char *src)
{
	const char *colon = strrchr(src, ':');

	return colon == NULL ? src : say(r, "%.*s", (int)(colon - src), src);
}

/* A file that repeats another's measurements of a KPI (a copied or
 * overlapping export): kpi-score counted them once and listed the copy on
 * its score records; one gap per KPI and pair of files. */
static void
check_duplicate_measurements(struct run *r)
{
	for (size_t i = 0; i < r->f->kpis.n; i++) {
		const struct ak_gkpi *k = r->f->kpis.v[i];
		for (size_t j = 0; j < k->ncopies; j++) {
			const struct ak_gcopy *c = &k->copies[j];
			/* The fingerprint's key: the two files, not their
			 * lines. */
			emitk(r, AK_GAP_DUPLICATE_MEASUREMENT,
			     AK_SEVERITY_ERROR, k->kpi,
			     say(r, "%s\n%s", file_part(r, c->src),
			         file_part(r, c->of)),
			     c->src,
			     "%s repeats measurements of kpi %s that %s gives "
			     "(%s is %s): they were counted once; if one file "
			     "is a copied or overlapping export, remove it or "
			     "the overlap",
			     file_part(r, c->src), k->kpi, file_part(r, c->of),
			     c->src, c->of);
		}
	}
}

/* ---- the goal tree ----------------------------------------------------- */

/* Each goal has at most one parent, so every loop is found by walking up
 * from each goal not yet seen: a walk that meets its own trail has found a
 * loop; one that meets an earlier walk's trail has not.  Linear time.
 * in_cycle[i] is set for the goals of a loop. */
static void
check_cycles(struct run *r, unsigned char *in_cycle)
{
	size_t n = r->ngoals, *walk;
	long i, j, k, smallest;

	if (n == 0)
		return;
	if ((walk = calloc(n, sizeof(*walk))) == NULL) {
		r->rc = AK_ENOMEM;
		return;
	}
	for (i = 0; i < (long)n; i++) {
		if (walk[i] != 0)
			continue;
		for (j = i; j >= 0 && walk[j] == 0; j = r->parent[j])
			walk[j] = (size_t)i + 1;
		if (j < 0 || walk[j] != (size_t)i + 1)
			continue;
		smallest = j;
		k = j;
		do {
			in_cycle[k] = 1;
			if (strcmp(r->goals[k].id, r->goals[smallest].id) < 0)
				smallest = k;
			k = r->parent[k];
		} while (k != j);
		/* The loop as a path from its smallest id back to itself, built
		 * in one buffer: a loop may be thousands of goals long. */
		size_t len = strlen(r->goals[smallest].id) + 1, at;
		k = smallest;
		do {
			k = r->parent[k];
			len += 4 + strlen(r->goals[k].id);
		} while (k != smallest);
		char *path = malloc(len);
		if (path == NULL || ak_gvec_push(&r->scratch, path) != AK_OK) {
			free(path);
			r->rc = AK_ENOMEM;
			break;
		}
		at = (size_t)sprintf(path, "%s", r->goals[smallest].id);
		k = smallest;
		do {
			k = r->parent[k];
			at += (size_t)sprintf(path + at, " -> %s",
			                      r->goals[k].id);
		} while (k != smallest);
		emitk(r, AK_GAP_GOAL_CYCLE, AK_SEVERITY_ERROR,
		     r->goals[smallest].id, path, r->goals[smallest].src,
		     "%s is its own ancestor: %s; change one of these parents "
		     "to break the loop",
		     goal_named(r, &r->goals[smallest]), path);
	}
	free(walk);
}

/* unsupported-goal and unmeasured-goal: whether a goal or any goal below
 * it has an active initiative (or KPI), computed from the leaves up
 * (Kahn's order over the parent links): a goal is done when all its
 * children are.  Goals in a loop never are; their loop is the gap. */
#define OWN_INITIATIVE 1
#define OWN_KPI 2

/* What a goal that has neither (nor any goal below it) is told. */
static const struct {
	unsigned char own;
	ak_gap_type type;
	ak_severity severity;
	const char *what, *advice;
} uncovered[] = {
	{OWN_INITIATIVE, AK_GAP_UNSUPPORTED_GOAL, AK_SEVERITY_ERROR,
	 "initiative", "start or link an initiative that supports it"},
	{OWN_KPI, AK_GAP_UNMEASURED_GOAL, AK_SEVERITY_WARNING,
	 "kpi", "agree a kpi that measures it, with a business and an it owner"},
};

static void
check_coverage(struct run *r, const unsigned char *in_cycle)
{
	size_t n = r->ngoals, head = 0, tail = 0, i, j;
	unsigned char *covered;
	size_t *pending, *children, *queue;
	long p;

	if (n == 0)
		return;
	covered = calloc(n, 1);
	pending = calloc(n, sizeof(*pending));
	children = calloc(n, sizeof(*children));
	queue = malloc(n * sizeof(*queue));
	if (covered == NULL || pending == NULL || children == NULL ||
	    queue == NULL) {
		r->rc = AK_ENOMEM;
		goto out;
	}
	for (i = 0; i < r->ninits; i++) {
		const ak_initiative *in = &r->inits[i];
		if (in->status != AK_STATUS_ACTIVE)
			continue;
		for (j = 0; j < in->nsupports; j++) {
			long g = goal_index(r, in->supports[j].goal);
			if (g >= 0 && r->goals[g].status == AK_STATUS_ACTIVE)
				covered[g] |= OWN_INITIATIVE;
		}
	}
	for (i = 0; i < r->nkpis; i++) {
		long g;
		if (r->kpis[i].status != AK_STATUS_ACTIVE)
			continue;
		g = goal_index(r, r->kpis[i].measures);
		if (g >= 0 && r->goals[g].status == AK_STATUS_ACTIVE)
			covered[g] |= OWN_KPI;
	}
	for (i = 0; i < n; i++)
		if (r->parent[i] >= 0)
			pending[r->parent[i]]++;
	for (i = 0; i < n; i++) {
		children[i] = pending[i];
		if (pending[i] == 0)
			queue[tail++] = i;
	}
	while (head < tail) {
		i = queue[head++];
		if ((p = r->parent[i]) >= 0) {
			covered[p] |= covered[i];
			if (--pending[p] == 0)
				queue[tail++] = (size_t)p;
		}
	}
	for (i = 0; i < n; i++) {
		const ak_goal *g = &r->goals[i];
		if (g->status != AK_STATUS_ACTIVE || in_cycle[i] ||
		    pending[i] != 0)
			continue;
		for (size_t u = 0; u < AK_NELEM(uncovered); u++)
			if (!(covered[i] & uncovered[u].own))
				emit(r, uncovered[u].type, uncovered[u].severity,
				     g->id, g->src, "%s has no active %s%s; %s",
				     goal_named(r, g), uncovered[u].what,
				     children[i] ? ", nor does any goal below it"
				                 : "",
				     uncovered[u].advice);
	}
out:
	free(covered);
	free(pending);
	free(children);
	free(queue);
}

/* investment-skew.  The top-level goal above each goal is found by
 * walking up with memory (each goal is walked once); a goal whose chain
 * ends in a loop, a dangling parent or an inactive root has none.
 * Budget counts for active initiatives only: it is the money committed
 * now.  Proposed work is not yet committed, done work cannot be steered
 * any more and cancelled work is not spent. */
#define ROOT_UNKNOWN (-2)
#define ROOT_NONE (-1)
#define ROOT_WALKING (-3)

static void
check_skew(struct run *r)
{
	size_t n = r->ngoals, i, j, depth;
	long *root = NULL, *trail = NULL, g, top;
	double *budget = NULL, total = 0, weights = 0, maxb = 0, maxw = 0;
	size_t ntop = 0;
	static const ak_gap_type skew[] = {AK_GAP_INVESTMENT_SKEW};

	if (n == 0)
		return;
	root = malloc(n * sizeof(*root));
	trail = malloc(n * sizeof(*trail));
	budget = calloc(n, sizeof(*budget));
	if (root == NULL || trail == NULL || budget == NULL) {
		r->rc = AK_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		root[i] = ROOT_UNKNOWN;
	for (i = 0; i < n; i++) {
		depth = 0;
		for (g = (long)i; root[g] == ROOT_UNKNOWN;) {
			root[g] = ROOT_WALKING;
			trail[depth++] = g;
			if (r->goals[g].parent == NULL) {
				top = r->goals[g].status == AK_STATUS_ACTIVE
				              ? g
				              : ROOT_NONE;
				goto found;
			}
			if (r->parent[g] < 0) {
				top = ROOT_NONE;
				goto found;
			}
			g = r->parent[g];
		}
		/* Met a goal already known, or this walk's trail: a loop. */
		top = root[g] == ROOT_WALKING ? ROOT_NONE : root[g];
	found:
		while (depth > 0)
			root[trail[--depth]] = top;
	}
	/* Only shares matter: budgets and weights are scaled by the largest
	 * of each first, so that sums of values near the largest double
	 * cannot overflow (each scaled sum is at most the number of terms). */
	for (i = 0; i < n; i++)
		if (root[i] == (long)i && r->goals[i].weight > maxw)
			maxw = r->goals[i].weight;
	for (i = 0; i < r->ninits; i++)
		if (r->inits[i].status == AK_STATUS_ACTIVE &&
		    r->inits[i].has_budget && r->inits[i].budget > maxb)
			maxb = r->inits[i].budget;
	for (i = 0; i < n; i++)
		if (root[i] == (long)i) {
			ntop++;
			if (maxw > 0)
				weights += r->goals[i].weight / maxw;
		}
	for (i = 0; i < r->ninits && maxb > 0; i++) {
		const ak_initiative *in = &r->inits[i];
		double w = 0, maxs = 0;
		if (in->status != AK_STATUS_ACTIVE || !in->has_budget ||
		    in->budget <= 0)
			continue;
		for (j = 0; j < in->nsupports; j++)
			if (in->supports[j].weight > maxs)
				maxs = in->supports[j].weight;
		for (j = 0; j < in->nsupports && maxs > 0; j++)
			w += in->supports[j].weight / maxs;
		if (w <= 0)
			continue;
		/* A share whose goal has no top-level goal counts for none. */
		for (j = 0; j < in->nsupports; j++) {
			long gi = goal_index(r, in->supports[j].goal);
			if (gi < 0 || root[gi] < 0)
				continue;
			double part = in->budget / maxb *
			              (in->supports[j].weight / maxs / w);
			budget[root[gi]] += part;
			total += part;
		}
	}
	if (ntop >= 2 && weights > 0 && total <= 0)
		skipped_check(r, "investment-skew", skew, AK_NELEM(skew),
		              "no active initiative has a budget that reaches a "
		              "top-level goal, so investment-skew did not run; "
		              "give the active initiatives a budget");
	if (ntop < 2 || total <= 0 || weights <= 0)
		goto out;
	for (i = 0; i < n; i++) {
		const ak_goal *tg = &r->goals[i];
		const char *way, *advice;
		double bs, ws;
		if (root[i] != (long)i)
			continue;
		bs = budget[i] / total;
		ws = tg->weight / maxw / weights;
		if (fabs(bs - ws) <= 0.10)
			continue;
		if (bs > 2 * ws)
			way = "over", advice = "move budget to the other goals "
			                       "or raise its weight";
		else if (bs < ws / 2)
			way = "under", advice = "fund work for it or lower its "
			                        "weight";
		else
			continue;
		emitk(r, AK_GAP_INVESTMENT_SKEW, AK_SEVERITY_WARNING, tg->id, way,
		      tg->src, "%s gets %s of the active initiatives' budget but "
		      "carries %s of the top-level goals' weight; %s",
		      goal_named(r, tg), percent(r, bs), percent(r, ws), advice);
	}
out:
	free(root);
	free(trail);
	free(budget);
}

/* ---- initiatives and KPIs ---------------------------------------------- */

static void
check_initiatives(struct run *r)
{
	for (size_t i = 0; i < r->ninits; i++) {
		const ak_initiative *in = &r->inits[i];
		size_t active_goals = 0;

		if (in->status == AK_STATUS_ACTIVE) {
			for (size_t j = 0; j < in->nsupports; j++) {
				const ak_goal *g = ak_model_goal(
				        r->f->model, in->supports[j].goal);
				if (g == NULL)
					continue;
				if (g->status == AK_STATUS_ACTIVE)
					active_goals++;
				else
					emitk(r, AK_GAP_RETIRED_GOAL_SUPPORT,
					     AK_SEVERITY_WARNING, in->id,
					     g->id, in->src,
					     "%s supports %s, which is "
					     "retired; link it to the active "
					     "goal it serves now, or stop it",
					     init_named(r, in),
					     goal_named(r, g));
			}
			if (active_goals == 0)
				emit(r, AK_GAP_ORPHAN_INITIATIVE,
				     AK_SEVERITY_ERROR, in->id, in->src,
				     "%s is active but supports %s; link it to "
				     "the goal it serves, or stop it",
				     init_named(r, in),
				     in->nsupports == 0 ? "no goal"
				                        : "no active goal");
			if (in->end != AK_DATE_NONE && in->end < r->o->as_of)
				emit(r, AK_GAP_OVERDUE_INITIATIVE,
				     AK_SEVERITY_WARNING, in->id, in->src,
				     "%s is still active but was due to end on "
				     "%s; finish it and mark it done, or move "
				     "its end date",
				     init_named(r, in), date_text(r, in->end));
			if (in->sponsor == NULL)
				emit(r, AK_GAP_UNSPONSORED_INITIATIVE,
				     AK_SEVERITY_WARNING, in->id, in->src,
				     "%s has no business sponsor; name the "
				     "person in the business who wants it",
				     init_named(r, in));
		}
		if ((in->status == AK_STATUS_ACTIVE ||
		     in->status == AK_STATUS_PROPOSED) &&
		    in->owner == NULL)
			emit(r, AK_GAP_UNOWNED, AK_SEVERITY_INFO, in->id,
			     in->src,
			     "%s has no owner; name the it owner accountable "
			     "for it",
			     init_named(r, in));
	}
	for (size_t i = 0; i < r->ngoals; i++) {
		const ak_goal *g = &r->goals[i];
		if (g->status == AK_STATUS_ACTIVE && g->owner == NULL)
			emit(r, AK_GAP_UNOWNED, AK_SEVERITY_INFO, g->id, g->src,
			     "%s has no owner; name the business owner "
			     "accountable for it",
			     goal_named(r, g));
	}
}

static void
check_kpi_owners(struct run *r)
{
	for (size_t i = 0; i < r->nkpis; i++) {
		const ak_kpi *k = &r->kpis[i];
		const char *what;

		if (k->status != AK_STATUS_ACTIVE)
			continue;
		if (k->business_owner == NULL && k->it_owner == NULL)
			what = "neither a business_owner nor an it_owner; "
			       "agree it between a business owner and an it "
			       "owner";
		else if (k->business_owner == NULL)
			what = "no business_owner; agree it with the "
			       "business owner of what it measures";
		else if (k->it_owner == NULL)
			what = "no it_owner; agree it with the it owner who "
			       "delivers the work it measures";
		else
			continue;
		emit(r, AK_GAP_ONE_SIDED_KPI, AK_SEVERITY_WARNING, k->id,
		     k->src, "%s has %s", kpi_named(r, k), what);
	}
}

/* ---- scores and rollups ------------------------------------------------ */

static int
by_end(const void *a, const void *b)
{
	const struct ak_gscore *x = a, *y = b;

	if (x->d.end != y->d.end)
		return x->d.end < y->d.end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* "2.98 % against a target of at least 3.2 %": a value and what it should
 * be, in the KPI's unit. */
static const char *
against(struct run *r, const ak_kpi *k, double v)
{
	const char *u = k->unit != NULL ? say(r, " %s", k->unit) : "";

	if (k->direction == AK_DIRECTION_RANGE && (k->has & AK_KPI_MIN) &&
	    (k->has & AK_KPI_MAX))
		return say(r, "%s%s against a band of %s to %s%s", num(r, v), u,
		           num(r, k->min), num(r, k->max), u);
	if (k->has & AK_KPI_TARGET)
		return say(r, "%s%s against a target of %s %s%s", num(r, v), u,
		           k->direction == AK_DIRECTION_DOWN ? "at most"
		                                             : "at least",
		           num(r, k->target), u);
	return say(r, "%s%s", num(r, v), u);
}

/* A KPI as messages name it, by id alone when it is not in the model.
 * Made only when there is something to say: most KPIs are fine. */
static const char *
kpi_or_id(struct run *r, const ak_kpi *k, const char *id)
{
	return k != NULL ? kpi_named(r, k) : say(r, "kpi %s", id);
}

static void
check_scores(struct run *r)
{
	int window = r->o->trend_window;
	size_t most = 0; /* the most score records of one kpi */
	static const ak_gap_type trend[] = {AK_GAP_WORSENING_TREND};

	for (size_t i = 0; i < r->f->kpis.n; i++) {
		struct ak_gkpi *ks = r->f->kpis.v[i];
		const ak_kpi *k = ak_model_kpi(r->f->model, ks->kpi);
		const struct ak_gscore *last;
		size_t n = 0;

		if (ks->n > 1)
			qsort(ks->v, ks->n, sizeof(*ks->v), by_end);
		/* One record per period: the later in the stream wins, as when
		 * two runs' streams are concatenated. */
		for (size_t j = 0; j < ks->n; j++) {
			if (n > 0 && ks->v[n - 1].d.end == ks->v[j].d.end) {
				ks->v[n - 1] = ks->v[j]; /* src is pooled */
			} else {
				ks->v[n++] = ks->v[j];
			}
		}
		ks->n = n;
		if (n > most)
			most = n;
		if (n == 0)
			continue;
		last = &ks->v[n - 1];
		const char *src = k != NULL ? k->src : last->src;

		if (last->d.status == AK_SCORE_RED || last->d.status == AK_SCORE_AMBER) {
			const char *detail = "";
			ak_kpi in_force;
			/* Against the thresholds in force in that period, as
			 * the score record says them. */
			if (k != NULL) {
				in_force = *k;
				if (last->d.has_target)
					in_force.target = last->d.target;
				if (last->d.has_min)
					in_force.min = last->d.min;
				if (last->d.has_max)
					in_force.max = last->d.max;
			}
			if (last->d.has_value)
				detail = say(
				        r, ": %s",
				        k != NULL ? against(r, &in_force, last->d.value)
				                  : num(r, last->d.value));
			emit(r, AK_GAP_OFF_TARGET,
			     last->d.status == AK_SCORE_RED ? AK_SEVERITY_ERROR
			                               : AK_SEVERITY_WARNING,
			     ks->kpi, src,
			     "%s is %s in %s%s; act to bring it back on "
			     "target, or agree a new target",
			     kpi_or_id(r, k, ks->kpi),
			     ak_score_status_name(last->d.status),
			     last->d.label, detail);
		}
		if (last->d.stale) {
			const char *why =
			        k != NULL ? say(r,
			                        " in its last %d complete "
			                        "period%s",
			                        k->stale_after,
			                        k->stale_after == 1 ? "" : "s")
			                  : "";
			emit(r, AK_GAP_STALE_KPI, AK_SEVERITY_WARNING, ks->kpi,
			     src,
			     "%s is stale: no measurement%s (as of %s); record "
			     "its measurements, or retire it",
			     kpi_or_id(r, k, ks->kpi), why, last->d.label);
		}
		/* n/a periods say nothing of the course: the trend window
		 * skips them. */
		{
			size_t w = 0;
			for (size_t j = 0; j < n; j++)
				if (ks->v[j].d.status != AK_SCORE_NA)
					ks->v[w++] = ks->v[j];
			n = ks->n = w;
			if (n == 0)
				continue;
			last = &ks->v[n - 1];
		}
		/* A KPI that is green is on target, however it moves. */
		if (window > 0 && n >= (size_t)window &&
		    last->d.status != AK_SCORE_GREEN) {
			size_t from = n - (size_t)window, j;
			for (j = from; j < n; j++)
				if (ks->v[j].d.trend != AK_TREND_WORSENING)
					break;
			if (j < n)
				continue;
			/* The values that worsened, from the one before. */
			char *values = "";
			int complete = 1;
			for (j = from; j < n; j++)
				if (!ks->v[j].d.has_value)
					complete = 0;
			if (complete) {
				values =
				        ks->v[from].d.has_previous
				                ? say(r, "%s",
				                      num(r,
				                          ks->v[from].d.previous))
				                : "";
				for (j = from; j < n; j++)
					values = say(r, "%s%s%s", values,
					             values[0] != '\0' ? " -> "
					                               : "",
					             num(r, ks->v[j].d.value));
				values = say(r, ": %s", values);
			}
			if (window == 1)
				emit(r, AK_GAP_WORSENING_TREND,
				     AK_SEVERITY_WARNING, ks->kpi, src,
				     "%s worsened in %s%s; find the cause "
				     "before it goes red",
				     kpi_or_id(r, k, ks->kpi), last->d.label,
				     values);
			else
				emit(r, AK_GAP_WORSENING_TREND,
				     AK_SEVERITY_WARNING, ks->kpi, src,
				     "%s has worsened %d periods running, %s "
				     "to %s%s; find the cause before it goes "
				     "red",
				     kpi_or_id(r, k, ks->kpi), window,
				     ks->v[from].d.label, last->d.label, values);
		}
	}
	if (window > 0 && most < (size_t)window)
		skipped_check(r, "worsening-trend", trend, AK_NELEM(trend),
		              "no kpi has %d score records (the most is %zu), "
		              "so worsening-trend did not run; run kpi-score "
		              "--periods %d or more",
		              window, most, window);
}

/* projected-miss: a KPI, not green, whose latest score's forecast misses
 * the target in force at its due date: the KPI's own, replaced by the
 * target records this stream holds (kpi-score --keep-measurements passes
 * them on).  Runs after check_scores, which sorts each KPI's scores. */
static void
check_projected_miss(struct run *r)
{
	for (size_t i = 0; i < r->f->kpis.n; i++) {
		struct ak_gkpi *ks = r->f->kpis.v[i];
		const ak_kpi *k = ak_model_kpi(r->f->model, ks->kpi);
		const ak_derived_score *d;
		ak_kpi due;
		int miss;

		if (ks->n == 0 || k == NULL || k->due == AK_DATE_NONE ||
		    k->direction == AK_DIRECTION_RANGE)
			continue;
		d = &ks->v[ks->n - 1].d;
		if (d->status == AK_SCORE_GREEN || d->status == AK_SCORE_NA ||
		    !d->has_forecast)
			continue;
		/* The target in force at due: the score's target_at_due when
		 * a target record moves it; else from the target records when
		 * the stream passed them on; else the target in force in the
		 * score's period (kpi-score keeps the target records). */
		if (!ak_model_in_force(r->f->model, k, k->due, &due)) {
			if (d->has_target_at_due)
				due.target = d->target_at_due, due.has |= AK_KPI_TARGET;
			else if (d->has_target)
				due.target = d->target, due.has |= AK_KPI_TARGET;
		} else if (d->has_target_at_due) {
			due.target = d->target_at_due, due.has |= AK_KPI_TARGET;
		}
		if (!(due.has & AK_KPI_TARGET))
			continue;
		miss = k->direction == AK_DIRECTION_UP ? d->forecast < due.target
		                                       : d->forecast > due.target;
		if (miss)
			emit(r, AK_GAP_PROJECTED_MISS, AK_SEVERITY_WARNING, ks->kpi,
			     k->src,
			     "%s is on course to miss its target by %s: forecast "
			     "%s as of %s; change course now, or agree a new "
			     "target or due date",
			     kpi_named(r, k), date_text(r, k->due),
			     against(r, &due, round(d->forecast * 100) / 100),
			     d->label);
	}
}

static void
check_rollups(struct run *r)
{
	ak_model *m = r->f->model;
	size_t i, j;

	for (i = 0; i < r->f->rollups.n; i++) {
		const struct ak_grollup *ru = r->f->rollups.v[i];
		const ak_goal *g = ak_model_goal(m, ru->goal);
		const char *score =
		        ru->d.has_score ? say(r, " (score %s)", num(r, ru->d.score))
		                      : "";

		if (ru->d.status != AK_SCORE_RED && ru->d.status != AK_SCORE_AMBER)
			continue;
		emit(r, AK_GAP_OFF_TRACK_GOAL,
		     ru->d.status == AK_SCORE_RED ? AK_SEVERITY_ERROR
		                             : AK_SEVERITY_WARNING,
		     ru->goal, g != NULL ? g->src : ru->src,
		     "%s is %s in %s%s; act on the kpis and sub-goals that "
		     "hold it back",
		     g != NULL ? goal_named(r, g) : say(r, "goal %s", ru->goal),
		     ak_score_status_name(ru->d.status), ru->d.label,
		     score);
	}

	/* unrealized-benefit: done before the last complete report period
	 * began, so its goals have had a whole period to show the benefit. */
	for (i = 0; i < r->ninits; i++) {
		const ak_initiative *in = &r->inits[i];
		const char *goals = "";
		size_t nred = 0;

		if (in->status != AK_STATUS_DONE || in->end == AK_DATE_NONE)
			continue;
		for (j = 0; j < in->nsupports; j++) {
			const char *id = in->supports[j].goal;
			const struct ak_grollup *ru;
			if (ak_model_goal(m, id) == NULL)
				continue;
			ru = ak_map_get(r->f->rollup_index, id);
			if (ru == NULL || ru->d.status != AK_SCORE_RED ||
			    in->end >= ak_period_last_complete(ru->d.period.kind,
			                                       r->o->as_of)
			                       .start)
				break;
			goals = say(r, "%s%s%s in %s", goals, nred ? ", " : "",
			            id, ru->d.label);
			nred++;
		}
		if (j < in->nsupports || nred == 0)
			continue;
		emit(r, AK_GAP_UNREALIZED_BENEFIT, AK_SEVERITY_WARNING, in->id,
		     in->src,
		     "%s was done on %s but %s it supports is red (%s); check "
		     "whether it delivered what it promised, and plan what "
		     "will",
		     init_named(r, in), date_text(r, in->end),
		     nred == 1 ? "the goal" : "every goal", goals);
	}
}

/* check-skipped for the checks that need score or rollup records. */
static void
check_performance_data(struct run *r)
{
	static const ak_gap_type all[] = {
		AK_GAP_OFF_TARGET, AK_GAP_STALE_KPI, AK_GAP_WORSENING_TREND,
		AK_GAP_PROJECTED_MISS, AK_GAP_OFF_TRACK_GOAL,
		AK_GAP_UNREALIZED_BENEFIT};
	static const ak_gap_type scores[] = {
		AK_GAP_OFF_TARGET, AK_GAP_STALE_KPI, AK_GAP_WORSENING_TREND,
		AK_GAP_PROJECTED_MISS};
	static const ak_gap_type rollups[] = {AK_GAP_OFF_TRACK_GOAL,
	                                      AK_GAP_UNREALIZED_BENEFIT};

	/* Scores judge KPIs, rollups goals: a stream without either has
	 * nothing for them to judge. */
	int no_scores = r->f->nscores == 0 && r->nkpis > 0;
	int no_rollups = r->f->nrollups == 0 && r->ngoals > 0;

	if (no_scores && no_rollups)
		skipped_check(r, "performance", all, AK_NELEM(all),
		              "the stream has no score or rollup records, so the "
		              "performance checks (off-target, stale-kpi, "
		              "worsening-trend, projected-miss, off-track-goal, "
		              "unrealized-benefit) did not run; run kpi-score "
		              "before gap-find");
	else if (no_scores)
		skipped_check(r, "off-target,stale-kpi,worsening-trend,"
		              "projected-miss", scores, AK_NELEM(scores),
		              "the stream has no score records, so off-target, "
		              "stale-kpi, worsening-trend and projected-miss did "
		              "not run; run kpi-score before gap-find");
	else if (no_rollups)
		skipped_check(r, "off-track-goal,unrealized-benefit", rollups,
		              AK_NELEM(rollups),
		              "the stream has no rollup records, so off-track-goal "
		              "and unrealized-benefit did not run; run kpi-score "
		              "on a stream with goals before gap-find");
}

static void
check_waivers(struct run *r)
{
	for (size_t i = 0; i < r->f->waivers.n; i++) {
		const struct ak_gwaiver *w = r->f->waivers.v[i];
		if (w->until >= r->o->as_of)
			continue;
		emitk(r, AK_GAP_WAIVER_EXPIRED, AK_SEVERITY_WARNING, w->subject,
		     say(r, "%s\n%s", ak_gap_type_name(w->type),
		         date_text(r, w->until)),
		     w->src,
		     "the waiver of %s for %s expired on %s%s; close the gap, "
		     "or renew the waiver with a later until date",
		     ak_gap_type_name(w->type), w->subject,
		     date_text(r, w->until),
		     w->reason != NULL ? say(r, " (it said \"%s\")", w->reason)
		                       : "");
	}
}

/* Marks the gaps that a waiver in force covers. */
static void
apply_waivers(struct run *r)
{
	ak_gap_finder *f = r->f;
	ak_map *in_force;
	size_t i;

	if (f->waivers.n == 0)
		return;
	if (ak_map_new(&in_force) != AK_OK) {
		r->rc = AK_ENOMEM;
		return;
	}
	/* The key "TYPE SUBJECT" is unambiguous: a type name has no space. */
	for (i = 0; i < f->waivers.n && r->rc == AK_OK; i++) {
		const struct ak_gwaiver *w = f->waivers.v[i];
		if (w->until >= r->o->as_of &&
		    ak_map_put(in_force,
		               say(r, "%s %s", ak_gap_type_name(w->type),
		                   w->subject),
		               (void *)w) != AK_OK)
			r->rc = AK_ENOMEM;
	}
	for (i = 0; i < f->ngaps && r->rc == AK_OK; i++) {
		ak_gap *g = &f->gaps[i];
		const struct ak_gwaiver *w = ak_map_get(
		        in_force, say(r, "%s %s", ak_gap_type_name(g->type),
		                      g->subject));
		if (w != NULL) {
			g->waived = 1;
			g->waiver_reason = w->reason;
			g->waived_until = w->until;
		}
	}
	ak_map_free(in_force);
}

/* --baseline: each gap is new unless its fingerprint is in the baseline;
 * each baseline finding not found again comes back as a resolved gap,
 * unless its check did not run (skipped by --only or --ignore, or for want
 * of data): a finding not looked for is not gone. */
static void
apply_baseline(struct run *r, const unsigned char *not_run)
{
	ak_gap_finder *f = r->f;
	size_t i, n = f->ngaps;

	if (!f->has_baseline)
		return;
	for (i = 0; i < f->baseline.n; i++)
		((struct ak_gbase *)f->baseline.v[i])->seen = 0;
	for (i = 0; i < n; i++) {
		ak_gap *g = &f->gaps[i];
		struct ak_gbase *b = ak_map_get(f->baseline_index, g->fingerprint);
		g->has_new = 1;
		g->is_new = b == NULL;
		if (b != NULL)
			b->seen = 1;
	}
	for (i = 0; i < f->baseline.n && r->rc == AK_OK; i++) {
		const struct ak_gbase *b = f->baseline.v[i];
		ak_gap *g;
		if (b->seen || r->o->skip[b->type] || not_run[b->type])
			continue;
		if (ak_grow(&f->gaps, &f->gaps_cap, f->ngaps + 1,
		            sizeof(*f->gaps)) != AK_OK) {
			r->rc = AK_ENOMEM;
			return;
		}
		g = &f->gaps[f->ngaps];
		memset(g, 0, sizeof(*g));
		g->type = b->type;
		g->severity = b->severity;
		g->waived_until = AK_DATE_NONE;
		g->resolved = 1;
		memcpy(g->fingerprint, b->fingerprint, sizeof(g->fingerprint));
		g->message = ak_pool_strndup(&f->gap_strings, b->message,
		                             strlen(b->message));
		if (!keep_gap(r, g, b->subject, b->src))
			return;
	}
}

static int
strcmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
by_subject(const void *a, const void *b)
{
	const ak_gap *x = a, *y = b;
	int c;

	if ((c = strcmp(x->subject, y->subject)) != 0 ||
	    (c = strcmp(ak_gap_type_name(x->type),
	                ak_gap_type_name(y->type))) != 0 ||
	    (c = strcmp(x->message, y->message)) != 0)
		return c;
	return strcmp_null(x->src, y->src);
}

int
ak_gap_find(ak_gap_finder *f, const ak_gap **gaps, size_t *count,
            const ak_gap_options *o, ak_error *err)
{
	struct run r;
	unsigned char *in_cycle = NULL;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.o = o;
	r.err = err;
	ak_gap_clear(f);
	r.goals = ak_model_goals(f->model, &r.ngoals);
	r.inits = ak_model_initiatives(f->model, &r.ninits);
	r.kpis = ak_model_kpis(f->model, &r.nkpis);
	r.rc = ak_model_goal_parents(&r.parent, f->model);
	in_cycle = calloc(r.ngoals ? r.ngoals : 1, 1);
	if (r.rc != AK_OK || in_cycle == NULL) {
		r.rc = AK_ENOMEM;
		goto out;
	}

	check_invalid(&r);
	check_duplicates(&r);
	check_dangling(&r);
	check_dangling_checkins(&r);
	check_future(&r);
	check_duplicate_measurements(&r);
	check_cycles(&r, in_cycle);
	check_coverage(&r, in_cycle);
	check_initiatives(&r);
	check_kpi_owners(&r);
	check_skew(&r);
	if (f->nscores > 0) {
		check_scores(&r);
		check_projected_miss(&r);
	}
	if (f->nrollups > 0)
		check_rollups(&r);
	check_performance_data(&r);
	check_checkins(&r);
	check_waivers(&r);
	apply_waivers(&r);
	apply_baseline(&r, r.not_run);
	if (r.rc == AK_OK && f->ngaps > 1)
		qsort(f->gaps, f->ngaps, sizeof(*f->gaps), by_subject);
out:
	for (i = 0; i < r.scratch.n; i++)
		free(r.scratch.v[i]);
	free(r.scratch.v);
	ak_pool_clear(&r.said);
	free(r.parent);
	free(in_cycle);
	if (r.rc != AK_OK) {
		ak_gap_clear(f);
		*gaps = NULL;
		*count = 0;
		return ak_error_set(err, r.rc, NULL, 0, "out of memory");
	}
	*gaps = f->gaps;
	*count = f->ngaps;
	return AK_OK;
}
