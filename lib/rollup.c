/* Rollups (SPEC §7): weighted means of KPI scores per initiative and goal
 * (or, for a goal with rollup min, the weakest child's score),
 * carried up the goal tree leaves first.  The tree is walked with a
 * worklist (Kahn's order over child -> parent edges), never by recursion,
 * so that a chain of 100,000 goals costs no stack; goals left over when the
 * worklist runs dry are exactly those on parent cycles. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/num.h"
#include "alignkit/rollup.h"
#include "model_internal.h"
#include "score_internal.h"

/* What is summed for one goal or initiative in one report period.  The
 * sums are double-doubles (hi + lo, error-free transformations), so that
 * the weighted mean is the exact one rounded (SPEC §1): the weights 0.5,
 * 2, 1.5 of scores 1, 1, 0.5156 have the mean 0.81835, whose double
 * prints 0.8184, where a sum in doubles gives 0.81834999999999991. */
struct acc {
	double weight, weight_lo;         /* sum of the weights of scored
	                                   * children */
	double weighted, weighted_lo;     /* sum of weight × score */
	double min;                       /* the lowest score */
	size_t scored;
	int scale;                        /* the sums hold weights times
	                                   * 2^-scale */
};

/* Where the sums are scaled down: weights may be as large as the largest
 * double, and their sum must still be finite.  Scaling by a power of two
 * is exact, and the mean does not depend on it. */
#define ACC_BIG 0x1p1000
#define ACC_STEP 64

/* An active goal or initiative, for ordering the output by id. */
struct subject {
	const char *id;
	ak_kind type;
	size_t index;         /* in ak_model_goals or ak_model_initiatives */
};

int
ak_rollup_scorer_score(void *ctx, size_t kpi, ak_date end, double *score)
{
	ak_score sc;

	if (!ak_scorer_get_at(ctx, &sc, kpi, end) || !sc.has_value)
		return 0;
	*score = sc.score;
	return 1;
}

ak_score_status
ak_rollup_status(double score, double green_at, double red_below)
{
	if (score >= green_at)
		return AK_SCORE_GREEN;
	return score < red_below ? AK_SCORE_RED : AK_SCORE_AMBER;
}

/* hi + lo += x exactly (Knuth's two-sum; the error goes into lo). */
static void
dd_add(double *hi, double *lo, double x)
{
	double s = *hi + x, bb = s - *hi, e = (*hi - (s - bb)) + (x - bb);

	*hi = s;
	*lo += e;
}

static void
add_score(struct acc *a, double weight, double score)
{
	double p;

	weight = ldexp(weight, -a->scale);
	while (weight > ACC_BIG || a->weight > ACC_BIG) {
		a->scale += ACC_STEP;
		weight = ldexp(weight, -ACC_STEP);
		a->weight = ldexp(a->weight, -ACC_STEP);
		a->weight_lo = ldexp(a->weight_lo, -ACC_STEP);
		a->weighted = ldexp(a->weighted, -ACC_STEP);
		a->weighted_lo = ldexp(a->weighted_lo, -ACC_STEP);
	}
	p = weight * score;

	dd_add(&a->weight, &a->weight_lo, weight);
	dd_add(&a->weighted, &a->weighted_lo, p);
	a->weighted_lo += fma(weight, score, -p);
	if (a->scored == 0 || score < a->min)
		a->min = score;
	a->scored++;
}

/* Whether a has a score, and which (rounded as printed): the weighted
 * mean, or with rollup min the lowest child's. */
static int
acc_score(const struct acc *a, ak_rollup_kind how, double *score)
{
	double w, s, q, r;

	if (a->scored == 0)
		return 0;
	if (how == AK_ROLLUP_MIN) {
		*score = a->min;
		return 1;
	}
	w = a->weight + a->weight_lo;
	if (!(w > 0))
		return 0;
	/* (S_hi + S_lo) / (W_hi + W_lo): a first quotient, then its
	 * remainder, exact by fma, divided once more. */
	s = a->weighted;
	q = s / a->weight;
	r = fma(-q, a->weight, s) + a->weighted_lo - q * a->weight_lo;
	*score = ak_num_round4(q + r / w);
	return 1;
}

static int
cmp_subject(const void *a, const void *b)
{
	return strcmp(((const struct subject *)a)->id,
	              ((const struct subject *)b)->id);
}

int
ak_rollup_compute(ak_rollup **out, size_t *count, const ak_model *m,
                  const ak_score_options *o, ak_rollup_score_fn score,
                  void *ctx, ak_error *err)
{
	size_t ngoals, ninits, nkpis, np, nsubjects = 0, head = 0, tail = 0, r = 0;
	const ak_goal *goals = ak_model_goals(m, &ngoals);
	const ak_initiative *inits = ak_model_initiatives(m, &ninits);
	const ak_kpi *kpis = ak_model_kpis(m, &nkpis);
	ak_period *periods = NULL;
	struct acc *gacc = NULL, *iacc = NULL;
	size_t *gchildren = NULL, *ichildren = NULL, *pending = NULL, *queue = NULL;
	size_t *parent = NULL;
	long *goal_parent = NULL;
	struct subject *subjects = NULL;
	ak_rollup *res = NULL;
	int rc = AK_ENOMEM;

	*out = NULL;
	*count = 0;
	if (o->periods < 1 || o->periods > AK_SCORE_PERIODS_MAX)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "periods must be from 1 to %d", AK_SCORE_PERIODS_MAX);
	if ((periods = malloc((size_t)o->periods * sizeof(*periods))) == NULL)
		goto out;
	np = ak_score_report_periods(periods, o->period, o->as_of,
	                             (size_t)o->periods);
	/* One extra element keeps every calloc non-zero-sized. */
	gacc = calloc(ngoals * np + 1, sizeof(*gacc));
	iacc = calloc(ninits * np + 1, sizeof(*iacc));
	gchildren = calloc(ngoals + 1, sizeof(*gchildren));
	ichildren = calloc(ninits + 1, sizeof(*ichildren));
	pending = calloc(ngoals + 1, sizeof(*pending));
	queue = calloc(ngoals + 1, sizeof(*queue));
	parent = calloc(ngoals + 1, sizeof(*parent));
	subjects = calloc(ngoals + ninits + 1, sizeof(*subjects));
	if (gacc == NULL || iacc == NULL || gchildren == NULL || ichildren == NULL ||
	    pending == NULL || queue == NULL || parent == NULL || subjects == NULL ||
	    ak_model_goal_parents(&goal_parent, m) != AK_OK)
		goto out;

	/* KPIs: children of the goal or initiative they measure. */
	for (size_t k = 0; k < nkpis; k++) {
		const ak_kpi *kpi = &kpis[k];
		struct acc *acc;
		size_t *children;
		double sc;

		if (kpi->status != AK_STATUS_ACTIVE || kpi->measures == NULL)
			continue;
		switch (ak_model_kind_of(m, kpi->measures)) {
		case AK_KIND_GOAL: {
			const ak_goal *g = ak_model_goal(m, kpi->measures);
			if (g == NULL || g->status != AK_STATUS_ACTIVE)
				continue;
			acc = &gacc[(size_t)(g - goals) * np];
			children = &gchildren[g - goals];
			break;
		}
		case AK_KIND_INITIATIVE: {
			const ak_initiative *in = ak_model_initiative(m, kpi->measures);
			if (in == NULL || in->status != AK_STATUS_ACTIVE)
				continue;
			acc = &iacc[(size_t)(in - inits) * np];
			children = &ichildren[in - inits];
			break;
		}
		default:
			continue;
		}
		(*children)++;
		for (size_t j = 0; j < np; j++)
			if (score(ctx, k, periods[j].end, &sc))
				add_score(&acc[j], kpi->weight, sc);
	}

	/* Goals: each active goal is a child of its parent when that is an
	 * active goal; SIZE_MAX marks "no parent". */
	for (size_t g = 0; g < ngoals; g++) {
		long p = goal_parent[g];

		parent[g] = SIZE_MAX;
		if (goals[g].status != AK_STATUS_ACTIVE || p < 0 ||
		    goals[p].status != AK_STATUS_ACTIVE)
			continue;
		parent[g] = (size_t)p;
		pending[parent[g]]++;
		gchildren[parent[g]]++;
	}
	for (size_t g = 0; g < ngoals; g++)
		if (goals[g].status == AK_STATUS_ACTIVE && pending[g] == 0)
			queue[tail++] = g;
	while (head < tail) {
		size_t g = queue[head++], p = parent[g];
		double sc;

		if (p == SIZE_MAX)
			continue;
		for (size_t j = 0; j < np; j++)
			if (acc_score(&gacc[g * np + j], goals[g].rollup, &sc))
				add_score(&gacc[p * np + j], goals[g].weight, sc);
		if (--pending[p] == 0)
			queue[tail++] = p;
	}
	/* Goals still pending are on cycles: each keeps what came from below
	 * the cycle, and its child on the cycle stays unscored. */

	for (size_t g = 0; g < ngoals; g++)
		if (goals[g].status == AK_STATUS_ACTIVE)
			subjects[nsubjects++] = (struct subject){goals[g].id, AK_KIND_GOAL, g};
	for (size_t i = 0; i < ninits; i++)
		if (inits[i].status == AK_STATUS_ACTIVE)
			subjects[nsubjects++] =
				(struct subject){inits[i].id, AK_KIND_INITIATIVE, i};
	qsort(subjects, nsubjects, sizeof(*subjects), cmp_subject);
	if ((res = calloc(nsubjects * np + 1, sizeof(*res))) == NULL)
		goto out;
	for (size_t s = 0; s < nsubjects; s++) {
		const struct subject *sub = &subjects[s];
		int is_goal = sub->type == AK_KIND_GOAL;
		const struct acc *acc = is_goal ? &gacc[sub->index * np]
		                                : &iacc[sub->index * np];

		for (size_t j = 0; j < np; j++) {
			ak_rollup *ru = &res[r++];
			ru->of = sub->id;
			ru->type = sub->type;
			ru->period = periods[j];
			ru->children = is_goal ? gchildren[sub->index]
			                       : ichildren[sub->index];
			ru->scored = acc[j].scored;
			ru->src = is_goal ? goals[sub->index].src
			                  : inits[sub->index].src;
			ru->has_score = acc_score(&acc[j],
			                          is_goal ? goals[sub->index].rollup
			                                  : AK_ROLLUP_MEAN,
			                          &ru->score);
			ru->status = ru->has_score
			           ? ak_rollup_status(ru->score, o->green_at, o->red_below)
			           : AK_SCORE_NONE;
		}
	}
	*out = res;
	*count = r;
	res = NULL;
	rc = AK_OK;
out:
	free(res);
	free(subjects);
	free(parent);
	free(goal_parent);
	free(queue);
	free(pending);
	free(ichildren);
	free(gchildren);
	free(iacc);
	free(gacc);
	free(periods);
	if (rc != AK_OK)
		return ak_error_set(err, rc, NULL, 0, "out of memory");
	return rc;
}

void
ak_rollup_free(ak_rollup *r)
{
	free(r);
}

json_t *
ak_rollup_record(const ak_rollup *r)
{
	char label[AK_PERIOD_BUFSIZE], end[AK_DATE_BUFSIZE];
	json_t *o = json_object();
	int bad = 0;

	if (o == NULL)
		return NULL;
	ak_period_label(label, r->period);
	ak_date_format(end, r->period.end);
	bad |= json_object_set_new(o, "kind", json_string("rollup"));
	bad |= json_object_set_new(o, "of", json_string(r->of));
	bad |= json_object_set_new(o, "type", json_string(ak_kind_name(r->type)));
	bad |= json_object_set_new(o, "period", json_string(label));
	bad |= json_object_set_new(o, "end", json_string(end));
	bad |= json_object_set_new(o, "score",
	                           r->has_score ? json_real(r->score) : json_null());
	bad |= json_object_set_new(o, "status",
	                           json_string(ak_score_status_name(r->status)));
	bad |= json_object_set_new(o, "children", json_integer((json_int_t)r->children));
	bad |= json_object_set_new(o, "scored", json_integer((json_int_t)r->scored));
	if (r->src != NULL)
		bad |= json_object_set_new(o, "src", json_string(r->src));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
