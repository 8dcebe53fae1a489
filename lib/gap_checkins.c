/* The checkins group of gap-find (gap-find(1)): what each side says at
 * its check-ins, held against the data and against the other side.
 *
 * Each check-in counts for its side: its "side" when it has one, else the
 * side of the subject that its "by" names (a goal's owner, an
 * initiative's sponsor and a KPI's business_owner speak for the business;
 * an initiative's owner and a KPI's it_owner for IT).  A check-in whose
 * side cannot be found so is told to the caller as a warning, once per
 * person and subject, and counts for no side: it is never guessed.
 *
 * Only the check-ins of the window count: from the first day of the
 * --checkin-window'th last complete report period to as-of, so that a
 * check-in made this morning counts on Monday's report. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/derived.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/num.h"
#include "alignkit/period.h"
#include "checkin_internal.h"
#include "gap_internal.h"
#include "util_internal.h"

/* How much of a note a message quotes. */
#define NOTE_SHOWN 80

/* What one subject's check-ins in the window come to. */
struct said {
	const ak_checkin *latest;   /* of any side */
	const ak_checkin *side[3];  /* the latest per AK_CHECKIN_SIDE_* */
	unsigned char latest_side;  /* the side latest speaks for */
};

struct run {
	ak_gap_finder *f;
	const ak_gap_options *o;
	ak_gemit_fn *emit;
	void *arg;
	ak_date from;              /* the window's first day */
	char window[96];           /* "since 2026-11-09 (the last 2 weeks)" */
	ak_map *subjects;          /* subject id -> struct said */
	struct ak_gvec owned;      /* what subjects points to */
	ak_map *warned;            /* "by\nsubject" already warned of */
	int rc;
};

/* A message being written: grows as it needs, so that no title or note
 * is cut short. */
struct text {
	char *s;
	size_t len, cap;
};

static void add(struct run *r, struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Appends to t; on running out of memory sets r->rc (t stays valid). */
static void
add(struct run *r, struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || r->rc != AK_OK)
		return;
	if (ak_grow(&t->s, &t->cap, t->len + (size_t)n + 1, 1) != AK_OK) {
		r->rc = AK_ENOMEM;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* The people who speak for each side of a subject of the model. */
static void
owners(const ak_gap_finder *f, const char *id, ak_checkin_owners *o)
{
	ak_checkin_owners_of(o, ak_model_goal(f->model, id),
	                     ak_model_initiative(f->model, id),
	                     ak_model_kpi(f->model, id));
}

static void
warn(struct run *r, const ak_checkin *c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(struct run *r, const ak_checkin *c, const char *fmt, ...)
{
	struct text key = {NULL, 0, 0}, text = {NULL, 0, 0};
	va_list ap;
	int n;

	if (r->o->warn == NULL)
		return;
	add(r, &key, "%s\n%s", c->by != NULL ? c->by : "", c->subject);
	if (r->rc == AK_OK && ak_map_get(r->warned, key.s) == NULL) {
		if (ak_map_put(r->warned, key.s, (void *)1) != AK_OK)
			r->rc = AK_ENOMEM;
		va_start(ap, fmt);
		n = vsnprintf(NULL, 0, fmt, ap);
		va_end(ap);
		if (r->rc == AK_OK && n >= 0 &&
		    ak_grow(&text.s, &text.cap, (size_t)n + 1, 1) == AK_OK) {
			va_start(ap, fmt);
			vsnprintf(text.s, (size_t)n + 1, fmt, ap);
			va_end(ap);
			r->o->warn(r->o->warn_arg, c->src, text.s);
		} else {
			r->rc = AK_ENOMEM;
		}
	}
	free(key.s);
	free(text.s);
}

/* The side c speaks for: its own, else found from the subject's owners;
 * AK_CHECKIN_SIDE_NONE (and a warning) when neither says. */
static unsigned char
side_of(struct run *r, const ak_checkin *c)
{
	ak_checkin_owners o;
	int side;

	owners(r->f, c->subject, &o);
	if ((side = ak_checkin_side(c->side, c->by, &o)) != AK_CHECKIN_SIDE_NONE)
		return (unsigned char)side;
	if (c->by == NULL)
		warn(r, c, "check-in on %s on its own: it names no one (by) and "
		     "no side, so it counts for neither side; add a by or a side "
		     "column (business or it)", c->subject);
	else if (ak_checkin_same_person(c->by, o.business))
		warn(r, c, "check-in by %s on %s: %s is both its %s and its %s, "
		     "so the side is unknown; add a side column (business or "
		     "it)", c->by, c->subject, c->by, o.brole, o.itrole);
	else if (ak_model_goal(r->f->model, c->subject) != NULL)
		/* A goal has one owner, who speaks for the business. */
		warn(r, c, "check-in by %s on %s: %s is not its owner (%s), so "
		     "the side is unknown and it counts for neither side; add a "
		     "side column (business or it), or write the name as the "
		     "model does", c->by, c->subject, c->by,
		     o.business != NULL ? o.business : "none");
	else
		warn(r, c, "check-in by %s on %s: %s is neither its %s (%s) nor "
		     "its %s (%s), so the side is unknown and it counts for "
		     "neither side; add a side column (business or it), or "
		     "write the name as the model does",
		     c->by, c->subject, c->by, o.brole,
		     o.business != NULL ? o.business : "none", o.itrole,
		     o.it != NULL ? o.it : "none");
	return AK_CHECKIN_SIDE_NONE;
}

/* The period kind of the report: the rollups' (kpi-score --period), a
 * week when the stream has none. */
static ak_period_kind
report_kind(const ak_gap_finder *f)
{
	if (f->rollups.n > 0)
		return ((const struct ak_grollup *)f->rollups.v[0])->d.period.kind;
	if (f->irollups.n > 0)
		return ((const struct ak_grollup *)f->irollups.v[0])->d.period.kind;
	return AK_PERIOD_WEEK;
}

static void
set_window(struct run *r)
{
	ak_period_kind kind = report_kind(r->f);
	ak_period p = ak_period_last_complete(kind, r->o->as_of);
	ak_date floor = ak_date_from_ymd(2, 1, 1);
	char day[AK_DATE_BUFSIZE];
	int n = r->o->checkin_window > 0 ? r->o->checkin_window : 1;

	for (int i = 1; i < n && p.start > floor; i++)
		p = ak_period_prev(p);
	r->from = p.start;
	ak_date_format(day, r->from);
	if (n == 1)
		snprintf(r->window, sizeof(r->window), "since %s (the last %s)",
		         day, ak_period_kind_name(kind));
	else
		snprintf(r->window, sizeof(r->window), "since %s (the last %d "
		         "%ss)", day, n, ak_period_kind_name(kind));
}

/* Gathers the check-ins of the window by subject. */
static void
gather(struct run *r)
{
	for (size_t i = 0; i < r->f->checkins.n && r->rc == AK_OK; i++) {
		const ak_checkin *c = r->f->checkins.v[i];
		struct said *s;
		unsigned char side;

		if (c->at < r->from || c->at > r->o->as_of ||
		    ak_model_kind_of(r->f->model, c->subject) == AK_KIND_OTHER)
			continue;
		side = side_of(r, c);
		if ((s = ak_map_get(r->subjects, c->subject)) == NULL) {
			if ((s = calloc(1, sizeof(*s))) == NULL ||
			    ak_gvec_push(&r->owned, s) != AK_OK) {
				free(s);
				r->rc = AK_ENOMEM;
				return;
			}
			if (ak_map_put(r->subjects, c->subject, s) != AK_OK) {
				r->rc = AK_ENOMEM;
				return;
			}
		}
		if (ak_checkin_later(c, s->latest)) {
			s->latest = c;
			s->latest_side = side;
		}
		if (side != AK_CHECKIN_SIDE_NONE && ak_checkin_later(c, s->side[side]))
			s->side[side] = c;
	}
}

/* Appends to t what c says, as a person reads it: `sponsor Ann Lee
 * says on-track on 2026-11-18 ("on plan")`. */
static void
quote(struct run *r, struct text *t, const ak_checkin *c, unsigned char side)
{
	const char *who = "", *conf = ak_checkin_confidence_name(c->confidence);
	char day[AK_DATE_BUFSIZE];
	ak_checkin_owners o;

	owners(r->f, c->subject, &o);
	if (side == AK_CHECKIN_SIDE_BUSINESS &&
	    ak_checkin_same_person(c->by, o.business))
		who = o.brole;
	else if (side == AK_CHECKIN_SIDE_IT && ak_checkin_same_person(c->by, o.it))
		who = o.itrole;
	ak_date_format(day, c->at);
	if (c->by == NULL)
		add(r, t, "the %s side says %s on %s",
		    side == AK_CHECKIN_SIDE_IT ? "IT" : side == AK_CHECKIN_SIDE_BUSINESS
		    ? "business" : "unnamed", conf, day);
	else if (*who != '\0')
		add(r, t, "%s %s says %s on %s", who, c->by, conf, day);
	else if (side != AK_CHECKIN_SIDE_NONE)
		add(r, t, "%s (%s side) says %s on %s", c->by,
		    side == AK_CHECKIN_SIDE_IT ? "IT" : "business", conf, day);
	else
		add(r, t, "%s says %s on %s", c->by, conf, day);
	if (c->note != NULL) {
		/* Cut at a character's first byte, never inside one. */
		size_t n = strlen(c->note), shown = n;
		if (shown > NOTE_SHOWN) {
			shown = NOTE_SHOWN;
			while (shown > 0 &&
			       ((unsigned char)c->note[shown] & 0xc0) == 0x80)
				shown--;
		}
		add(r, t, " (\"%.*s%s\")", (int)shown, c->note,
		    shown < n ? "..." : "");
	}
}

/* The latest status the data gives a subject, and where: its latest
 * score (a KPI) or rollup (a goal, an initiative).  0 when it has none
 * that is green, amber or red. */
static int
data_status(const ak_gap_finder *f, const char *id, ak_score_status *status,
            int *has_score, double *score, const char **label,
            const char **what)
{
	const struct ak_grollup *ru;
	const struct ak_gkpi *k;
	const struct ak_gscore *best = NULL;

	if ((ru = ak_map_get(f->rollup_index, id)) != NULL ||
	    (ru = ak_map_get(f->irollup_index, id)) != NULL) {
		*status = ru->d.status;
		*has_score = ru->d.has_score;
		*score = ru->d.score;
		*label = ru->d.label;
		*what = "rollup";
	} else if ((k = ak_map_get(f->kpi_index, id)) != NULL) {
		for (size_t i = 0; i < k->n; i++)
			if (best == NULL || k->v[i].d.end > best->d.end ||
			    (k->v[i].d.end == best->d.end && k->v[i].seq > best->seq))
				best = &k->v[i];
		if (best == NULL)
			return 0;
		*status = best->d.status;
		*has_score = best->d.has_score;
		*score = best->d.score;
		*label = best->d.label;
		*what = "latest score";
	} else {
		return 0;
	}
	return *status == AK_SCORE_GREEN || *status == AK_SCORE_AMBER ||
	       *status == AK_SCORE_RED;
}

/* Appends "initiative I1 (CRM rollout)", or the bare id of a subject
 * unknown. */
static void
subject_named(struct run *r, struct text *t, const char *id)
{
	const ak_gap_finder *f = r->f;
	const ak_goal *g = ak_model_goal(f->model, id);
	const ak_initiative *in = ak_model_initiative(f->model, id);
	const ak_kpi *k = ak_model_kpi(f->model, id);
	const char *kind = g ? "goal" : in ? "initiative" : k ? "kpi" : "";
	const char *title = g ? g->title : in ? in->title : k ? k->name : NULL;

	if (title != NULL)
		add(r, t, "%s %s (%s)", kind, id, title);
	else
		add(r, t, "%s", id);
}

/* Hands t to the caller as a finding, and empties it. */
static void
found(struct run *r, struct text *t, ak_gap_type type, const char *subject,
      const char *src)
{
	if (r->rc == AK_OK)
		r->emit(r->arg, type, AK_SEVERITY_WARNING, subject, NULL, src, t->s);
	free(t->s);
	t->s = NULL;
	t->len = t->cap = 0;
}

static void
check_discrepancies(struct run *r)
{
	for (size_t i = 0; i < r->owned.n && r->rc == AK_OK; i++) {
		const struct said *s = r->owned.v[i];
		const ak_checkin *c = s->latest;
		ak_score_status status;
		int has_score;
		double score;
		const char *label, *what;
		char num[AK_NUM_BUFSIZE] = "";
		struct text t = {NULL, 0, 0};

		if (!data_status(r->f, c->subject, &status, &has_score, &score,
		                 &label, &what))
			continue;
		if (!(c->confidence == AK_CHECKIN_ON_TRACK && status == AK_SCORE_RED) &&
		    !(c->confidence == AK_CHECKIN_OFF_TRACK && status == AK_SCORE_GREEN))
			continue;
		quote(r, &t, c, s->latest_side);
		if (has_score)
			ak_num_display(num, sizeof(num), score);
		add(r, &t, "; %s's %s is %s%s%s%s in %s: what people say and what "
		    "the data says have come apart; talk it through, and correct "
		    "the data or the check-in", c->subject, what,
		    ak_score_status_name(status), has_score ? " (" : "", num,
		    has_score ? ")" : "", label);
		found(r, &t, AK_GAP_STATUS_DISCREPANCY, c->subject, c->src);
	}
}

static void
check_disagreements(struct run *r)
{
	for (size_t i = 0; i < r->owned.n && r->rc == AK_OK; i++) {
		const struct said *s = r->owned.v[i];
		const ak_checkin *b = s->side[AK_CHECKIN_SIDE_BUSINESS];
		const ak_checkin *it = s->side[AK_CHECKIN_SIDE_IT];
		struct text t = {NULL, 0, 0};

		if (b == NULL || it == NULL || b->confidence == it->confidence)
			continue;
		quote(r, &t, b, AK_CHECKIN_SIDE_BUSINESS);
		add(r, &t, ", ");
		quote(r, &t, it, AK_CHECKIN_SIDE_IT);
		add(r, &t, ": the business and IT see ");
		subject_named(r, &t, b->subject);
		add(r, &t, " differently; talk it through at the next check-in");
		found(r, &t, AK_GAP_OWNER_DISAGREEMENT, b->subject,
		      (ak_checkin_later(b, it) ? b : it)->src);
	}
}

static void
check_missing(struct run *r)
{
	size_t n;
	const ak_initiative *inits = ak_model_initiatives(r->f->model, &n);

	for (size_t i = 0; i < n && r->rc == AK_OK; i++) {
		const ak_initiative *in = &inits[i];
		const struct said *s = ak_map_get(r->subjects, in->id);
		int nob = s == NULL || s->side[AK_CHECKIN_SIDE_BUSINESS] == NULL;
		int noit = s == NULL || s->side[AK_CHECKIN_SIDE_IT] == NULL;
		const char *sponsor = in->sponsor ? in->sponsor : "none";
		const char *owner = in->owner ? in->owner : "none";
		struct text t = {NULL, 0, 0};

		/* One that has not begun has nothing to check in about yet. */
		if (in->status != AK_STATUS_ACTIVE || (!nob && !noit) ||
		    (in->start != AK_DATE_NONE && in->start > r->o->as_of))
			continue;
		add(r, &t, "initiative %s (%s) has no check-in ", in->id, in->title);
		if (nob && noit)
			add(r, &t, "from either side (sponsor %s, owner %s)", sponsor,
			    owner);
		else if (nob)
			add(r, &t, "from the business side (sponsor %s)", sponsor);
		else
			add(r, &t, "from the IT side (owner %s)", owner);
		add(r, &t, " %s; ask for one at the next check-in", r->window);
		found(r, &t, AK_GAP_MISSING_CHECKIN, in->id, in->src);
	}
}

int
ak_gap_checkins(ak_gap_finder *f, const ak_gap_options *o, ak_gemit_fn *emit,
                void *arg)
{
	struct run r;

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.o = o;
	r.emit = emit;
	r.arg = arg;
	if (ak_map_new(&r.subjects) != AK_OK || ak_map_new(&r.warned) != AK_OK) {
		r.rc = AK_ENOMEM;
		goto out;
	}
	set_window(&r);
	gather(&r);
	if (r.rc == AK_OK) {
		if (!o->skip[AK_GAP_MISSING_CHECKIN])
			check_missing(&r);
		check_discrepancies(&r);
		check_disagreements(&r);
	}
out:
	for (size_t i = 0; i < r.owned.n; i++)
		free(r.owned.v[i]);
	free(r.owned.v);
	ak_map_free(r.subjects);
	ak_map_free(r.warned);
	return r.rc;
}
