/* KPI scoring (SPEC §5, §6): the formulas, and the streaming aggregation
 * of measurements into the few periods of each KPI that a report can use.
 *
 * For each cadence the scorer fixes, once, the periods that can matter: the
 * last N complete ones (the report), the one before them (for the trend),
 * and, for rollups, the latest complete one ending on or before each report
 * period of the --period kind.  Each KPI keeps one bucket per such period.
 * A measurement that falls between two kept periods only moves the
 * "latest measurement" date of the gap it falls in, which is all that
 * staleness needs; a measurement after the latest complete period is
 * ignored. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/map.h"
#include "alignkit/num.h"
#include "alignkit/score.h"
#include "partial_internal.h"
#include "score_internal.h"
#include "xsum_internal.h"
#include "util_internal.h"

void
ak_score_options_init(ak_score_options *o)
{
	o->as_of = ak_date_today();
	o->period = AK_PERIOD_WEEK;
	o->periods = 1;
	o->red_below = 0.8;
	o->green_at = 0.95;
	o->forecast_window = 6;
}

/* Output numbers must be finite (SPEC §1): a sum or a difference that
 * overflows saturates at the largest double. */
static double
saturate(double v)
{
	if (isnan(v))
		return 0;
	if (isinf(v))
		return v > 0 ? DBL_MAX : -DBL_MAX;
	return v;
}

/* Progress is a ratio of two differences, (a - b) / (c - d), or a
 * constant.  The differences are kept exactly as double-doubles (hi + lo)
 * so that the ratio, and the score p / e, are the exact values rounded
 * once (SPEC §1): (34.25 - 6.8) / (78.8 - 6.8) is 0.38125000000000003,
 * which rounds to 0.3813, where the double differences give
 * 0.38124999999999998 and 0.3812. */
struct ratio {
	double nh, nl, dh, dl;    /* numerator and denominator */
};

static void
dd_diff(double x, double y, double *hi, double *lo)
{
	double s = x - y, bb = s - x;

	*hi = s;
	*lo = (x - (s - bb)) + (-y - bb);
}

static void
make_ratio(struct ratio *r, double a, double b, double c, double d)
{
	dd_diff(a, b, &r->nh, &r->nl);
	dd_diff(c, d, &r->dh, &r->dl);
}

/* (nh + nl) / (dh + dl), one rounding (to within far less than an ulp). */
static double
dd_div(double nh, double nl, double dh, double dl)
{
	double q = nh / dh, rem;

	if (!isfinite(q))
		return saturate(q);
	rem = fma(-q, dh, nh) + nl - q * dl;
	return saturate(q + rem / (dh + dl));
}

/* The progress of v as a ratio (returns 1), or a constant in *p (0). */
static int
progress_of(const ak_kpi *k, double v, struct ratio *r, double *p)
{
	double from;

	switch (k->direction) {
	case AK_DIRECTION_UP:
		from = (k->has & AK_KPI_BASELINE) ? k->baseline
		     : (k->has & AK_KPI_RED) ? k->red : 0;
		if (k->target == from) {
			*p = v >= k->target ? 1 : 0;
			return 0;
		}
		make_ratio(r, v, from, k->target, from);
		return 1;
	case AK_DIRECTION_DOWN:
		if (k->has & (AK_KPI_BASELINE | AK_KPI_RED)) {
			from = (k->has & AK_KPI_BASELINE) ? k->baseline : k->red;
			if (from == k->target) {
				*p = v <= k->target ? 1 : 0;
				return 0;
			}
			make_ratio(r, from, v, from, k->target);
			return 1;
		}
		if (v <= k->target || !(k->target > 0)) {
			*p = v <= k->target ? 1 : 0;
			return 0;
		}
		make_ratio(r, k->target, 0, v, 0);
		return 1;
	case AK_DIRECTION_RANGE:
		if (v >= k->min && v <= k->max) {
			*p = 1;
			return 0;
		}
		if (v < k->min && (k->has & AK_KPI_RED_MIN) && k->red_min < k->min) {
			make_ratio(r, v, k->red_min, k->min, k->red_min);
			return 1;
		}
		if (v > k->max && (k->has & AK_KPI_RED_MAX) && k->red_max > k->max) {
			make_ratio(r, k->red_max, v, k->red_max, k->max);
			return 1;
		}
		*p = 0;
		return 0;
	}
	*p = 0;
	return 0;
}

double
ak_kpi_progress(const ak_kpi *k, double v)
{
	struct ratio r;
	double p;

	if (progress_of(k, v, &r, &p))
		return dd_div(r.nh, r.nl, r.dh, r.dl);
	return p;
}

double
ak_kpi_expected(const ak_kpi *k, ak_date end)
{
	double e;

	if (k->direction == AK_DIRECTION_RANGE || k->start == AK_DATE_NONE ||
	    k->due == AK_DATE_NONE || k->due <= k->start)
		return 1;
	e = (double)((int64_t)end - k->start) / (double)((int64_t)k->due - k->start);
	return e < 0 ? 0 : e > 1 ? 1 : e;
}

double
ak_score_value(double p, double e)
{
	double s;

	if (e == 0)
		return p >= 0 ? 1 : 0;
	s = p / e;
	return s < 0 ? 0 : s > 1 ? 1 : s;
}

/* Whether v meets k's target (up, down) or lies in its band (range). */
static int
target_met(const ak_kpi *k, double v)
{
	switch (k->direction) {
	case AK_DIRECTION_UP: return v >= k->target;
	case AK_DIRECTION_DOWN: return v <= k->target;
	case AK_DIRECTION_RANGE: return v >= k->min && v <= k->max;
	}
	return 0;
}

ak_score_status
ak_kpi_status(const ak_kpi *k, double v, double s, double red_below)
{
	if (target_met(k, v) || s >= 1)
		return AK_SCORE_GREEN;
	switch (k->direction) {
	case AK_DIRECTION_UP:
		if (k->has & AK_KPI_RED)
			return v < k->red ? AK_SCORE_RED : AK_SCORE_AMBER;
		break;
	case AK_DIRECTION_DOWN:
		if (k->has & AK_KPI_RED)
			return v > k->red ? AK_SCORE_RED : AK_SCORE_AMBER;
		break;
	case AK_DIRECTION_RANGE:
		if (k->has & (AK_KPI_RED_MIN | AK_KPI_RED_MAX))
			return ((k->has & AK_KPI_RED_MIN) && v < k->red_min) ||
			       ((k->has & AK_KPI_RED_MAX) && v > k->red_max)
			     ? AK_SCORE_RED : AK_SCORE_AMBER;
		break;
	}
	return s < red_below ? AK_SCORE_RED : AK_SCORE_AMBER;
}

/* How far v lies outside the band [min, max]; 0 inside. */
static double
band_distance(const ak_kpi *k, double v)
{
	return v < k->min ? k->min - v : v > k->max ? v - k->max : 0;
}

ak_trend
ak_kpi_trend(const ak_kpi *k, double v, double prev)
{
	double dv, dp;

	if (v == prev)
		return AK_TREND_FLAT;
	switch (k->direction) {
	case AK_DIRECTION_UP:
		return v > prev ? AK_TREND_IMPROVING : AK_TREND_WORSENING;
	case AK_DIRECTION_DOWN:
		return v < prev ? AK_TREND_IMPROVING : AK_TREND_WORSENING;
	case AK_DIRECTION_RANGE:
		dv = band_distance(k, v);
		dp = band_distance(k, prev);
		return dv < dp ? AK_TREND_IMPROVING
		     : dv > dp ? AK_TREND_WORSENING : AK_TREND_FLAT;
	}
	return AK_TREND_NONE;
}

void
ak_score_compute(ak_score *sc, const ak_kpi *k, double red_below)
{
	double p, e = ak_kpi_expected(k, sc->period.end);

	sc->direction = k->direction;
	sc->target = k->target;
	sc->min = k->min;
	sc->max = k->max;
	sc->expected = ak_num_round4(e);
	sc->progress = 0;
	sc->score = 0;
	sc->status = AK_SCORE_NONE;
	sc->trend = AK_TREND_NONE;
	if (!sc->has_value)
		return;
	p = ak_kpi_progress(k, sc->value);
	sc->progress = ak_num_round4(p);
	sc->score = ak_num_round4(ak_score_value(p, e));
	/* Paced and under way (0 < e < 1): s = p / e exactly, as
	 * num (due - start) / (den (end - start)), rounded once. */
	if (e > 0 && e < 1) {
		struct ratio r;
		double unused, days = (double)((int64_t)sc->period.end - k->start);
		double span = (double)((int64_t)k->due - k->start);
		if (progress_of(k, sc->value, &r, &unused)) {
			double nh = r.nh * span, dh = r.dh * days;
			double s = dd_div(nh, fma(r.nh, span, -nh) + r.nl * span,
			                  dh, fma(r.dh, days, -dh) + r.dl * days);
			sc->score = ak_num_round4(s < 0 ? 0 : s > 1 ? 1 : s);
		}
	}
	sc->status = ak_kpi_status(k, sc->value, sc->score, red_below);
	if (sc->has_previous)
		sc->trend = ak_kpi_trend(k, sc->value, sc->previous);
}

/* The wide type of the forecast's sums: IEEE binary128, computed in
 * software by the compiler's runtime, so that every machine and every
 * emulator (valgrind computes x87 long double in 64 bits) gets the same
 * bits; its 113-bit significand keeps the sums of KPI values exact. */
__extension__ typedef __float128 ak_quad;

int
ak_score_forecast(double *out, const ak_date *x, const double *y, size_t n,
                  ak_date due)
{
	/* With x' = x - x[0] (small integers), the line at due is
	 *   f = (Sy D + (n Sxy - Sx Sy)(n d - Sx)) / (n D),
	 *   D = n Sxx - Sx^2,  d = due - x[0],
	 * so that one division, corrected by its remainder, gives the exact
	 * value's double whenever the ak_quad sums are exact (values of
	 * a few significant digits, as KPIs have). */
	ak_quad sx = 0, sxx = 0, sy = 0, sxy = 0, num, den, rem, ulp;
	double q, nd = (double)n;

	if (n < 3)
		return 0;
	for (size_t i = 0; i < n; i++) {
		ak_quad xi = (ak_quad)((int64_t)x[i] - x[0]);
		sx += xi;
		sxx += xi * xi;
		sy += y[i];
		sxy += xi * y[i];
	}
	den = nd * sxx - sx * sx;
	if (den <= 0)
		return 0;
	num = sy * den + (nd * sxy - sx * sy) *
	      (nd * (ak_quad)((int64_t)due - x[0]) - sx);
	den *= nd;
	q = (double)(num / den);
	if (!isfinite(q)) {
		*out = saturate(q);
		return 1;
	}
	/* Round the quotient once: compare the remainder with half an ulp
	 * of q (a double rounding through ak_quad could miss). */
	rem = num - (ak_quad)q * den;
	ulp = (ak_quad)nextafter(q, rem > 0 ? INFINITY : -INFINITY) - q;
	if (ulp < 0)
		ulp = -ulp;
	if (rem < 0)
		rem = -rem;
	if (2 * rem > ulp * (den < 0 ? -den : den))
		q = nextafter(q, (num / den) > q ? INFINITY : -INFINITY);
	*out = q == 0 ? 0 : q;
	return 1;
}

/* ---- Periods that can matter ---------------------------------------- */

/* One entry of the id table: all that counting a measurement needs, so
 * that it costs one cache miss here and one in the bucket it lands in. */
struct id_slot {
	uint32_t hash;
	uint32_t kpi1;            /* the KPI's index + 1; 0: an empty slot */
	uint32_t off;             /* of the id in the arena */
	uint32_t len;
	ak_date before;           /* latest `at` before the first kept period */
	uint32_t cadence;         /* index into ak_scorer.sets */
	ak_date first_at;         /* earliest `at` up to the last kept period;
	                           * AK_DATE_MAX + 1 while there is none */
	uint32_t first;           /* the first kept period it counts in: 0, or
	                           * for a KPI without forecasts the set's
	                           * first_needed */
	uint32_t kpi_sum;         /* aggregate sum: the sum must stay finite */
	struct bucket *buckets;   /* the KPI's; NULL when it is retired */
};

/* The periods of one cadence that the scorer keeps, oldest first. */
struct period_set {
	ak_period_kind kind;
	ak_period *periods;
	size_t count;
	size_t first_report;      /* the report is periods[first_report..count) */
	size_t first_needed;      /* periods before it are kept only for
	                           * forecasts: a KPI that can have none counts
	                           * measurements there as older ones */
};

/* The measurements one input file gives of one KPI in one kept period:
 * a partial aggregate, and a hash of the multiset of its (at, value)
 * pairs, so that a file that repeats another's measurements (a copied or
 * overlapping export) can be told and counted once. */
struct part {
	ak_xsum sum;              /* exact: see xsum_internal.h */
	double min, max, last;
	uint64_t n;
	uint64_t last_seq;        /* stream position of `last` */
	uint64_t hash;            /* sum of the pairs' hashes: any order */
	int64_t last_nanos;       /* time of day (UTC) of `last` */
	ak_date last_at;          /* latest `at` in the period: the date of
	                           * `last`, which is the latest instant */
	uint32_t file;            /* index in ak_scorer.files */
	char *src;                /* the first measurement's src; owned;
	                           * NULL: measurements without a src, whose
	                           * file is unknown, so never a copy */
	char *note;               /* the note of `last`; owned; NULL or "":
	                           * none (the buffer is kept for the next) */
	size_t note_cap;
};

/* One KPI in one kept period: a part per input file, by file index. */
struct bucket {
	struct part *parts;
	uint32_t nparts;
	uint64_t nulls;           /* null (not applicable) measurements */
	ak_date null_at;          /* the latest of their `at` (nulls > 0) */
	int64_t null_nanos;       /* the latest one's time of day, */
	uint64_t null_seq;        /* stream position */
	char *null_note;          /* and note, as struct part keeps `last`'s */
	size_t null_note_cap;
	ak_date gap_at;           /* latest `at` after the kept period before
	                           * this one and before this one's start */
};

/* The parts of a bucket that count, added up. */
struct merged {
	ak_xsum_total sum;
	double min, max, last;
	uint64_t n, last_seq;
	int64_t last_nanos;
	ak_date last_at;
	const char *note;         /* `last`'s note, borrowed; NULL or "": none */
};

struct series {
	const struct period_set *set;
	struct bucket *buckets;   /* set->count of them; NULL when retired */
	uint32_t slot;            /* its entry in the id table */
};

struct ak_scorer {
	const ak_model *model;
	ak_score_options opt;
	struct period_set sets[4];    /* by cadence */
	struct series *series;        /* by index in ak_model_kpis */
	size_t nseries, capseries;
	/* KPI id -> index: a table of its own rather than an ak_map, because
	 * it is looked up once per measurement: the ids sit together in one
	 * arena, so that a lookup touches two small, dense arrays. */
	struct id_slot *slots;        /* a power of two of them */
	size_t nslots;
	char *ids;                    /* the ids, back to back */
	size_t ids_len, ids_cap;
	/* The input files of the measurements (the FILE of their src), in
	 * the order they first came; the last one looked up is cached, as
	 * measurements come in runs from one file. */
	char **files;
	size_t nfiles, capfiles, last_file;
	ak_map *file_index;           /* file -> index + 1 */
};

/* The period before p, or 0 when it would start before year 1. */
static int
period_before(ak_period p, ak_period *out)
{
	if (p.start <= AK_DATE_MIN)
		return 0;
	*out = ak_period_prev(p);
	return 1;
}

/* The latest complete period of kind as of day d, or 0 when there is
 * none since year 1. */
static int
last_complete(ak_period_kind kind, ak_date d, ak_period *out)
{
	ak_period p = ak_period_of(kind, d);

	if (p.end <= d) {
		*out = p;
		return 1;
	}
	return period_before(p, out);
}

static int
cmp_period(const void *a, const void *b)
{
	const ak_period *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

size_t
ak_score_report_periods(ak_period *out, ak_period_kind kind, ak_date as_of,
                        size_t n)
{
	ak_period p;
	size_t got = 0;

	if (n == 0 || !last_complete(kind, as_of, &p))
		return 0;
	out[n - 1] = p;
	got = 1;
	while (got < n && period_before(out[n - got], &p))
		out[n - ++got] = p;
	memmove(out, out + (n - got), got * sizeof(*out));
	return got;
}

static int
build_set(struct period_set *set, ak_period_kind kind,
          const ak_period *reports, size_t nreports, const ak_score_options *o)
{
	/* Before the report: one period for the trend, and enough for the
	 * forecast window of the first report period. */
	size_t back = o->forecast_window > 2 ? (size_t)o->forecast_window - 1 : 1;
	size_t n = (size_t)o->periods, cap = 2 * n + 1 + back + nreports, count, k;
	ak_period *p = malloc(cap * sizeof(*p)), before;
	ak_date needed;

	if (p == NULL)
		return AK_ENOMEM;
	set->kind = kind;
	count = ak_score_report_periods(p, kind, o->as_of, n);
	set->first_report = 0;
	while (count > 0 && set->first_report < back &&
	       period_before(p[0], &before)) {
		memmove(p + 1, p, count * sizeof(*p));
		p[0] = before;
		count++;
		set->first_report++;
	}
	k = count;
	needed = count == 0 ? 0 : p[set->first_report > 0 ? set->first_report - 1 : 0].start;
	for (size_t j = 0; j < nreports; j++)
		if (last_complete(kind, reports[j].end, &p[count])) {
			if (p[count].start < needed)
				needed = p[count].start;
			count++;
		}
	/* The rollup periods are never later than the report's last one:
	 * sort them in and drop repeats; the report stays at the end. */
	if (count > k) {
		size_t w = 0;
		qsort(p, count, sizeof(*p), cmp_period);
		for (size_t i = 0; i < count; i++)
			if (w == 0 || p[w - 1].start != p[i].start)
				p[w++] = p[i];
		set->first_report += w - k;
		count = w;
	}
	set->first_needed = 0;
	while (set->first_needed < count && p[set->first_needed].start < needed)
		set->first_needed++;
	set->periods = p;
	set->count = count;
	return AK_OK;
}

int
ak_scorer_new(ak_scorer **out, const ak_model *m, const ak_score_options *o,
              ak_error *err)
{
	ak_scorer *s;
	ak_period *reports;
	size_t nreports;
	int rc = AK_OK;

	if (o->periods < 1 || o->periods > AK_SCORE_PERIODS_MAX)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "periods must be from 1 to %d", AK_SCORE_PERIODS_MAX);
	if (o->forecast_window < 3 || o->forecast_window > AK_SCORE_FORECAST_WINDOW_MAX)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "forecast-window must be from 3 to %d",
		                    AK_SCORE_FORECAST_WINDOW_MAX);
	if (o->as_of < AK_DATE_MIN || o->as_of > AK_DATE_MAX)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "as-of must be within years 1 to 9999");
	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (reports = malloc((size_t)o->periods * sizeof(*reports))) == NULL) {
		free(s);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	s->model = m;
	s->opt = *o;
	nreports = ak_score_report_periods(reports, o->period, o->as_of,
	                                   (size_t)o->periods);
	for (int kind = 0; kind < 4 && rc == AK_OK; kind++)
		rc = build_set(&s->sets[kind], (ak_period_kind)kind, reports,
		               nreports, o);
	free(reports);
	s->nslots = 64;
	if (rc == AK_OK && (s->slots = calloc(s->nslots, sizeof(*s->slots))) == NULL)
		rc = AK_ENOMEM;
	if (rc != AK_OK) {
		ak_scorer_free(s);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	*out = s;
	return AK_OK;
}

void
ak_scorer_free(ak_scorer *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nseries; i++) {
		if (s->series[i].buckets == NULL)
			continue;
		for (size_t j = 0; j < s->series[i].set->count; j++) {
			struct bucket *b = &s->series[i].buckets[j];
			for (uint32_t k = 0; k < b->nparts; k++) {
				ak_xsum_free(&b->parts[k].sum);
				free(b->parts[k].src);
				free(b->parts[k].note);
			}
			free(b->parts);
			free(b->null_note);
		}
		free(s->series[i].buckets);
	}
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	ak_map_free(s->file_index);
	free(s->series);
	for (int k = 0; k < 4; k++)
		free(s->sets[k].periods);
	free(s->slots);
	free(s->ids);
	free(s);
}

/* FNV-1a over the id, which also yields its length. */
static uint32_t
hash_id(const char *id, size_t *len)
{
	uint32_t h = 2166136261u;
	const unsigned char *p = (const unsigned char *)id;

	for (; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	*len = (size_t)(p - (const unsigned char *)id);
	return h;
}

/* The slot of id: where it is, or the empty one where it would go. */
static struct id_slot *
index_find(const ak_scorer *s, const char *id, uint32_t h, size_t len)
{
	size_t mask = s->nslots - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		struct id_slot *slot = &s->slots[i];
		if (slot->kpi1 == 0 ||
		    (slot->hash == h && slot->len == len &&
		     memcmp(s->ids + slot->off, id, len) == 0))
			return slot;
	}
}

static int
index_grow(ak_scorer *s)
{
	size_t n = s->nslots * 2;
	struct id_slot *old = s->slots, *slots = calloc(n, sizeof(*slots));

	if (slots == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < s->nslots; i++) {
		size_t j = old[i].hash & (n - 1);
		if (old[i].kpi1 == 0)
			continue;
		while (slots[j].kpi1 != 0)
			j = (j + 1) & (n - 1);
		slots[j] = old[i];
		s->series[old[i].kpi1 - 1].slot = (uint32_t)j;
	}
	free(old);
	s->slots = slots;
	s->nslots = n;
	return AK_OK;
}

/* Indexes KPI kpi, whose series is set up, under id; ids are unique in
 * the model. */
static int
index_put(ak_scorer *s, const char *id, size_t kpi)
{
	struct series *se = &s->series[kpi];
	struct id_slot *slot;
	size_t len, nkpis;
	uint32_t h = hash_id(id, &len);

	if ((s->nseries + 1) * 2 > s->nslots && index_grow(s) != AK_OK)
		return AK_ENOMEM;
	/* Offsets into ids are 32-bit. */
	if (s->ids_len + len > UINT32_MAX ||
	    ak_grow(&s->ids, &s->ids_cap, s->ids_len + len, 1) != AK_OK)
		return AK_ENOMEM;
	slot = index_find(s, id, h, len);
	if (slot->kpi1 != 0)
		return AK_OK;
	memcpy(s->ids + s->ids_len, id, len);
	slot->hash = h;
	slot->kpi1 = (uint32_t)kpi + 1;
	slot->off = (uint32_t)s->ids_len;
	slot->len = (uint32_t)len;
	slot->before = AK_DATE_NONE;
	slot->first_at = AK_DATE_MAX + 1;
	slot->cadence = (uint32_t)(se->set - s->sets);
	slot->kpi_sum = ak_model_kpis(s->model, &nkpis)[kpi].aggregate ==
	                AK_AGGREGATE_SUM;
	slot->first = ak_model_kpis(s->model, &nkpis)[kpi].direction !=
	              AK_DIRECTION_RANGE &&
	              ak_model_kpis(s->model, &nkpis)[kpi].due != AK_DATE_NONE
	              ? 0 : (uint32_t)se->set->first_needed;
	slot->buckets = se->buckets;
	se->slot = (uint32_t)(slot - s->slots);
	s->ids_len += len;
	return AK_OK;
}

int
ak_scorer_sync(ak_scorer *s)
{
	size_t count;
	const ak_kpi *kpis = ak_model_kpis(s->model, &count);

	for (; s->nseries < count; s->nseries++) {
		const ak_kpi *k = &kpis[s->nseries];
		struct series *se;

		if (ak_grow(&s->series, &s->capseries, s->nseries + 1,
		            sizeof(*s->series)) != AK_OK)
			return AK_ENOMEM;
		se = &s->series[s->nseries];
		se->set = &s->sets[(k->has & AK_KPI_CADENCE) ? k->cadence
		                                             : s->opt.period];
		se->buckets = NULL;
		if (k->status != AK_STATUS_RETIRED) {
			se->buckets = calloc(se->set->count ? se->set->count : 1,
			                     sizeof(*se->buckets));
			if (se->buckets == NULL)
				return AK_ENOMEM;
			for (size_t i = 0; i < se->set->count; i++)
				se->buckets[i].gap_at = AK_DATE_NONE;
		}
		if (index_put(s, k->id, s->nseries) != AK_OK) {
			free(se->buckets);
			return AK_ENOMEM;
		}
	}
	return AK_OK;
}

/* The index of the file of src ("FILE:LINE"; NULL or without a colon: the
 * whole of it is the file), added when new; -1 when out of memory. */
static long
file_of(ak_scorer *s, const char *src)
{
	const char *colon;
	size_t len;

	if (src == NULL)
		src = "";
	colon = strrchr(src, ':');
	len = colon != NULL ? (size_t)(colon - src) : strlen(src);
	char *name;
	void *have;

	if (s->nfiles > 0 && strlen(s->files[s->last_file]) == len &&
	    memcmp(s->files[s->last_file], src, len) == 0)
		return (long)s->last_file;
	if ((name = ak_strndup(src, len)) == NULL)
		return -1;
	if (s->file_index == NULL && ak_map_new(&s->file_index) != AK_OK) {
		free(name);
		return -1;
	}
	if ((have = ak_map_get(s->file_index, name)) != NULL) {
		free(name);
		s->last_file = (size_t)((uintptr_t)have - 1);
		return (long)s->last_file;
	}
	if (ak_grow(&s->files, &s->capfiles, s->nfiles + 1, sizeof(*s->files))
	        != AK_OK ||
	    ak_map_put(s->file_index, name, (void *)(uintptr_t)(s->nfiles + 1))
	        != AK_OK) {
		free(name);
		return -1;
	}
	s->files[s->nfiles] = name;
	s->last_file = s->nfiles++;
	return (long)s->last_file;
}

/* The part of bucket b for file, made (in file order) when new. */
static struct part *
part_of(struct bucket *b, uint32_t file, const char *src)
{
	struct part *parts;
	uint32_t i = b->nparts;

	while (i > 0 && b->parts[i - 1].file > file)
		i--;
	if (i > 0 && b->parts[i - 1].file == file)
		return &b->parts[i - 1];
	if ((parts = realloc(b->parts, (b->nparts + 1) * sizeof(*parts))) == NULL)
		return NULL;
	b->parts = parts;
	memmove(parts + i + 1, parts + i, (b->nparts - i) * sizeof(*parts));
	memset(&parts[i], 0, sizeof(parts[i]));
	parts[i].file = file;
	parts[i].last_at = AK_DATE_NONE;
	if (src != NULL && (parts[i].src = ak_strndup(src, strlen(src))) == NULL) {
		memmove(parts + i, parts + i + 1, (b->nparts - i) * sizeof(*parts));
		return NULL;
	}
	b->nparts++;
	return &parts[i];
}

/* A hash of one (at, value) pair; a part's is the sum of its pairs',
 * which no order changes. */
static uint64_t
pair_hash(const ak_measurement *m)
{
	uint64_t bits, h;
	double v = m->value == 0 ? 0 : m->value;  /* -0.0 is 0.0 */

	memcpy(&bits, &v, sizeof(bits));
	h = (uint64_t)(uint32_t)m->at * UINT64_C(0x9e3779b97f4a7c15) ^
	    (uint64_t)m->at_nanos * UINT64_C(0xc2b2ae3d27d4eb4f) ^ bits;
	/* splitmix64's finaliser */
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	return h ^ (h >> 31);
}

/* Copies note (NULL or "": none) into the buffer *dst of *cap bytes,
 * which is reused: the latest measurement of a period changes often while
 * the stream is in time order.  AK_OK or AK_ENOMEM. */
static int
keep_note(char **dst, size_t *cap, const char *note)
{
	size_t len = note != NULL ? strlen(note) : 0;
	char *grown;

	if (len == 0) {
		if (*dst != NULL)
			(*dst)[0] = '\0';
		return AK_OK;
	}
	if (len + 1 > *cap) {
		if ((grown = realloc(*dst, len + 1)) == NULL)
			return AK_ENOMEM;
		*dst = grown;
		*cap = len + 1;
	}
	memcpy(*dst, note, len + 1);
	return AK_OK;
}

/* Takes min, max and the latest value (last, at last_at and last_nanos,
 * seq in the stream, with its note) of a measurement or a partial into
 * part b, before b->n counts them.  `last` is the latest instant; of
 * equal ones, the later in the stream.  AK_OK or AK_ENOMEM. */
static int
part_take(struct part *b, double min, double max, double last,
          ak_date last_at, int64_t last_nanos, uint64_t seq,
          const char *note)
{
	if (b->n == 0) {
		b->min = min;
		b->max = max;
	} else {
		if (min < b->min)
			b->min = min;
		if (max > b->max)
			b->max = max;
		if (last_at < b->last_at ||
		    (last_at == b->last_at &&
		     (last_nanos < b->last_nanos ||
		      (last_nanos == b->last_nanos && seq <= b->last_seq))))
			return AK_OK;
	}
	if (keep_note(&b->note, &b->note_cap, note) != AK_OK)
		return AK_ENOMEM;
	b->last = last;
	b->last_at = last_at;
	b->last_nanos = last_nanos;
	b->last_seq = seq;
	return AK_OK;
}

/* Adds m's value to the exact sum of part b; for a sum KPI, one that
 * would make the sum too large for a number is refused, and b is as it
 * was. */
static int
add_sum(struct part *b, const ak_measurement *m, int kpi_sum,
        const ak_period *p, ak_error *err)
{
	char label[AK_PERIOD_BUFSIZE];
	double v;

	if (ak_xsum_add(&b->sum, m->value) != AK_OK)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	if (!kpi_sum || !ak_xsum_maybe_huge(&b->sum) || ak_xsum_value(&b->sum, &v))
		return AK_OK;
	/* Adding the value back out is exact: the sum is as it was. */
	if (ak_xsum_add(&b->sum, -m->value) != AK_OK)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	ak_period_label(label, *p);
	return ak_error_set(err, AK_EINPUT, NULL, 0,
	                    "measurement: field value: the sum of KPI %s in %s "
	                    "would exceed the largest number (1.7976931348623157e+308)",
	                    m->kpi, label);
}

/* Finds the kept period of KPI kpi that holds day at, for a record
 * whose latest instant is on day latest (at for a measurement, last_at
 * for a partial).  Returns AK_ENOTFOUND when kpi is not in the model;
 * else AK_OK, with *slotp its slot, and *bkp and *periodp the bucket and
 * the period, or *bkp NULL when at is in no kept period (then
 * latest is remembered, for staleness, as the news before the first
 * kept period or in the gap before a kept one). */
static int
locate(ak_scorer *s, const char *kpi, ak_date at, ak_date latest,
       struct id_slot **slotp, const ak_period **periodp,
       struct bucket **bkp)
{
	const struct period_set *set;
	const ak_period *p;
	size_t lo, hi, len;
	uint32_t h = hash_id(kpi, &len);
	struct id_slot *slot = index_find(s, kpi, h, len);

	*bkp = NULL;
	*slotp = slot;
	if (slot->kpi1 == 0)
		return AK_ENOTFOUND;
	set = &s->sets[slot->cadence];
	if (slot->buckets == NULL || set->count == 0)
		return AK_OK;
	p = set->periods;
	hi = set->count;
	lo = slot->first;
	if (at > p[hi - 1].end)
		return AK_OK;
	if (at < slot->first_at)
		slot->first_at = at;
	/* Most of a long history is older than every kept period. */
	if (at < p[lo].start) {
		if (latest > slot->before)
			slot->before = latest;
		return AK_OK;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].end < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (at < p[lo].start) {
		if (latest > slot->buckets[lo].gap_at)
			slot->buckets[lo].gap_at = latest;
		return AK_OK;
	}
	*bkp = &slot->buckets[lo];
	*periodp = &p[lo];
	return AK_OK;
}

int
ak_scorer_add(ak_scorer *s, const ak_measurement *m, uint64_t seq,
              ak_error *err)
{
	int rc;
	long file;
	const ak_period *period;
	struct bucket *bk;
	struct part *b;
	struct id_slot *slot;

	if ((rc = locate(s, m->kpi, m->at, m->at, &slot, &period, &bk)) != AK_OK ||
	    bk == NULL)
		return rc;
	/* A null value says the period does not apply: it is no value, but
	 * it is news (staleness). */
	if (m->is_null) {
		if (bk->nulls == 0 || m->at > bk->null_at ||
		    (m->at == bk->null_at &&
		     (m->at_nanos > bk->null_nanos ||
		      (m->at_nanos == bk->null_nanos && seq > bk->null_seq)))) {
			if (keep_note(&bk->null_note, &bk->null_note_cap, m->note)
			        != AK_OK)
				return ak_error_set(err, AK_ENOMEM, NULL, 0,
				                    "out of memory");
			bk->null_at = m->at;
			bk->null_nanos = m->at_nanos;
			bk->null_seq = seq;
		}
		bk->nulls++;
		return AK_OK;
	}
	if ((file = file_of(s, m->src)) < 0 ||
	    (b = part_of(bk, (uint32_t)file, m->src)) == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	if ((rc = add_sum(b, m, (int)slot->kpi_sum, period, err)) != AK_OK)
		return rc;
	if (part_take(b, m->value, m->value, m->value, m->at, m->at_nanos, seq,
	              m->note) != AK_OK)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	b->n++;
	b->hash += pair_hash(m);
	return AK_OK;
}

/* A hash of a partial, standing for the hash of its pairs: a file that
 * repeats another's partials is a copy as one that repeats its
 * measurements is. */
static uint64_t
partial_hash(const ak_partial *p)
{
	uint64_t h = p->n * UINT64_C(0x9e3779b97f4a7c15), bits;
	double v[3] = {p->min, p->max, p->last};

	for (size_t i = 0; i < p->nsum + 3; i++) {
		double x = i < p->nsum ? p->sum[i] : v[i - p->nsum];
		x = x == 0 ? 0 : x;
		memcpy(&bits, &x, sizeof(bits));
		h = (h ^ bits) * UINT64_C(0xbf58476d1ce4e5b9);
		h ^= h >> 31;
	}
	h ^= (uint64_t)(uint32_t)p->last_at * UINT64_C(0xc2b2ae3d27d4eb4f) ^
	     (uint64_t)p->last_nanos;
	h *= UINT64_C(0x94d049bb133111eb);
	return h ^ (h >> 29);
}

int
ak_scorer_add_partial(ak_scorer *s, const ak_partial *pm, uint64_t seq,
                      ak_error *err)
{
	struct id_slot *slot;
	struct bucket *bk;
	const ak_period *period;
	struct part *b;
	char label[AK_PERIOD_BUFSIZE];
	size_t i;
	long file;
	int rc;

	if ((rc = locate(s, pm->m.kpi, pm->m.at, pm->last_at, &slot, &period,
	                 &bk)) != AK_OK || bk == NULL)
		return rc;
	if (pm->last_at < period->start || pm->last_at > period->end) {
		ak_period_label(label, *period);
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field last_at: not in %s, the "
		                    "period of at", label);
	}
	if ((file = file_of(s, pm->m.src)) < 0 ||
	    (b = part_of(bk, (uint32_t)file, pm->m.src)) == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	rc = AK_OK;
	for (i = 0; i < pm->nsum && rc == AK_OK; i++)
		if (ak_xsum_add(&b->sum, pm->sum[i]) != AK_OK)
			rc = ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	if (rc != AK_OK) {
		i--;
	} else if (slot->kpi_sum && ak_xsum_maybe_huge(&b->sum)) {
		double v;
		if (!ak_xsum_value(&b->sum, &v)) {
			ak_period_label(label, *period);
			rc = ak_error_set(err, AK_EINPUT, NULL, 0,
			                  "measurement: field sum: the sum of KPI %s "
			                  "in %s would exceed the largest number "
			                  "(1.7976931348623157e+308)", pm->m.kpi,
			                  label);
		}
	}
	if (rc != AK_OK) {
		/* Taking the terms back out is exact: the sum is as it was. */
		while (i-- > 0)
			(void)ak_xsum_add(&b->sum, -pm->sum[i]);
		return rc;
	}
	if (part_take(b, pm->min, pm->max, pm->last, pm->last_at,
	              pm->last_nanos, seq, pm->last_note) != AK_OK)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	b->n += pm->n;
	b->hash += partial_hash(pm);
	return AK_OK;
}

/* Adds up the parts of b that count: a part whose multiset of (at,
 * value) pairs equals an earlier file's is a copy, and is left out; each
 * such copy is listed in dups (when not NULL). */
static void
merge(const struct bucket *b, struct merged *out, ak_score *dups)
{
	memset(out, 0, sizeof(*out));
	out->last_at = AK_DATE_NONE;
	for (uint32_t j = 0; j < b->nparts; j++) {
		const struct part *q = &b->parts[j];
		uint32_t i;
		for (i = 0; i < j && q->src != NULL; i++) {
			const struct part *o = &b->parts[i];
			if (o->src != NULL && o->n == q->n && o->hash == q->hash &&
			    o->min == q->min && o->max == q->max)
				break;
		}
		if (i == j || q->src == NULL)
			i = j;
		if (i < j) {
			if (dups != NULL &&
			    dups->nduplicates < AK_SCORE_DUPLICATES_MAX) {
				dups->duplicates[dups->nduplicates].src = q->src;
				dups->duplicates[dups->nduplicates].of = b->parts[i].src;
				dups->nduplicates++;
			}
			continue;
		}
		ak_xsum_total_add(&out->sum, &q->sum);
		if (out->n == 0 || q->min < out->min)
			out->min = q->min;
		if (out->n == 0 || q->max > out->max)
			out->max = q->max;
		if (out->n == 0 || q->last_at > out->last_at ||
		    (q->last_at == out->last_at &&
		     (q->last_nanos > out->last_nanos ||
		      (q->last_nanos == out->last_nanos &&
		       q->last_seq > out->last_seq)))) {
			out->last = q->last;
			out->last_at = q->last_at;
			out->last_nanos = q->last_nanos;
			out->last_seq = q->last_seq;
			out->note = q->note;
		}
		out->n += q->n;
	}
}

static double
aggregate(const struct merged *b, ak_aggregate how)
{
	double v;

	switch (how) {
	case AK_AGGREGATE_SUM:
		/* ak_scorer_add refuses a value that would make one file's sum
		 * too large; files that differ can still add up beyond the
		 * largest double, which then stands for their sum. */
		if (ak_xsum_total_value(&b->sum, &v))
			return v;
		return ak_xsum_total_mean(&b->sum, 1) > 0 ? DBL_MAX : -DBL_MAX;
	case AK_AGGREGATE_AVG: return ak_xsum_total_mean(&b->sum, b->n);
	case AK_AGGREGATE_MIN: return b->min;
	case AK_AGGREGATE_MAX: return b->max;
	case AK_AGGREGATE_COUNT: return (double)b->n;
	case AK_AGGREGATE_LAST: break;
	}
	return b->last;
}

/* The first day of the period `back` periods before p; AK_DATE_MIN when
 * that is before year 1 (every measurement is then within reach). */
static ak_date
start_back(ak_period p, int64_t back)
{
	int64_t months, step;
	int y, m, d;

	if (p.kind == AK_PERIOD_WEEK) {
		int64_t t = (int64_t)p.start - 7 * back;
		return t < AK_DATE_MIN ? AK_DATE_MIN : (ak_date)t;
	}
	step = p.kind == AK_PERIOD_MONTH ? 1 : p.kind == AK_PERIOD_QUARTER ? 3 : 12;
	ak_date_to_ymd(&y, &m, &d, p.start);
	months = (int64_t)y * 12 + (m - 1) - step * back;
	if (months < 12)
		return AK_DATE_MIN;
	return ak_date_from_ymd((int)(months / 12), (int)(months % 12) + 1, 1);
}

/* The day from which a missing: zero KPI counts 0 for a period without
 * measurements (SPEC §6.1): its start, else its first measurement's day;
 * AK_DATE_NONE for other KPIs, and while there is neither. */
static ak_date
zero_from(const ak_scorer *s, const ak_kpi *k, const struct series *se)
{
	ak_date first = s->slots[se->slot].first_at;

	if (!k->missing_zero)
		return AK_DATE_NONE;
	if (k->start != AK_DATE_NONE)
		return k->start;
	return first <= AK_DATE_MAX ? first : AK_DATE_NONE;
}

/* The value of kept period j of KPI k: its aggregate, or 0 for a period
 * without measurements ending on or after zero (missing: zero). */
static int
valued(const ak_kpi *k, const struct series *se, ak_date zero, size_t j,
       double *v)
{
	struct merged mg;

	merge(&se->buckets[j], &mg, NULL);
	if (mg.n > 0) {
		*v = aggregate(&mg, k->aggregate);
		return 1;
	}
	/* n/a: all its measurements are null; it is not "without any". */
	if (se->buckets[j].nulls > 0)
		return 0;
	if (zero != AK_DATE_NONE && se->set->periods[j].end >= zero) {
		*v = 0;
		return 1;
	}
	return 0;
}

/* The forecast of SPEC §6.8 for kept period i of KPI k: the valued
 * periods among the last forecast_window up to this one, all of which are
 * kept for a report period. */
static void
forecast(const ak_scorer *s, const ak_kpi *k, const struct series *se,
         size_t i, ak_score *out)
{
	const ak_period *p = se->set->periods;
	ak_date x[AK_SCORE_FORECAST_WINDOW_MAX], from;
	double y[AK_SCORE_FORECAST_WINDOW_MAX];
	size_t n = 0;
	ak_date zero = zero_from(s, k, se);

	out->has_forecast = 0;
	if (k->direction == AK_DIRECTION_RANGE || k->due == AK_DATE_NONE ||
	    k->due <= p[i].end)
		return;
	from = start_back(p[i], (int64_t)s->opt.forecast_window - 1);
	/* Oldest first, so that the sums run in one order. */
	for (size_t j = 0; j <= i; j++) {
		if (p[j].start < from || !valued(k, se, zero, j, &y[n]))
			continue;
		x[n++] = p[j].end;
	}
	out->has_forecast = ak_score_forecast(&out->forecast, x, y, n, k->due);
}

/* The score of KPI kpi in its i-th kept period. */
static void
fill(const ak_scorer *s, size_t kpi, size_t i, ak_score *out)
{
	size_t nkpis;
	const ak_kpi *own = &ak_model_kpis(s->model, &nkpis)[kpi];
	ak_kpi in_force, *k = &in_force;
	const struct series *se = &s->series[kpi];
	const ak_period *p = se->set->periods;
	struct merged mg;
	ak_date latest = s->slots[se->slot].before, zero = zero_from(s, own, se);

	memset(out, 0, sizeof(*out));
	out->period = p[i];
	merge(&se->buckets[i], &mg, out);
	out->n = mg.n;
	out->has_value = valued(own, se, zero, i, &out->value);
	if (i > 0 && p[i - 1].end + 1 == p[i].start)
		out->has_previous = valued(own, se, zero, i - 1, &out->previous);
	for (size_t j = 0; j <= i; j++) {
		const struct bucket *b = &se->buckets[j];
		if (b->gap_at > latest)
			latest = b->gap_at;
		for (uint32_t q = 0; q < b->nparts; q++)
			if (b->parts[q].last_at > latest)
				latest = b->parts[q].last_at;
		if (b->nulls > 0 && b->null_at > latest)
			latest = b->null_at;
	}
	out->stale = latest == AK_DATE_NONE ||
	             latest < start_back(p[i], (int64_t)own->stale_after - 1);
	/* Every period from the first that counts 0 on has data (or is 0,
	 * which counts as data): only periods before it can be stale. */
	if (zero != AK_DATE_NONE && p[i].end >= zero)
		out->stale = 0;
	/* A KPI with target records is paced by its phases: e = 1 (SPEC
	 * §6.4), which the copy without a pacing window gives. */
	if (ak_model_in_force(s->model, own, p[i].end, &in_force))
		in_force.start = AK_DATE_NONE;
	ak_score_compute(out, k, s->opt.red_below);
	if (mg.n == 0 && se->buckets[i].nulls > 0)
		out->status = AK_SCORE_NA;
	/* The note explains the value: the measurement it stands on, or in
	 * an n/a period the latest word that the period does not apply. */
	out->note = mg.n > 0 ? mg.note
	          : se->buckets[i].nulls > 0 ? se->buckets[i].null_note : NULL;
	if (out->note != NULL && out->note[0] == '\0')
		out->note = NULL;
	forecast(s, own, se, i, out);
	/* A forecast is judged against the target in force at due, which a
	 * target record may make other than this period's (a ramp, a
	 * seasonal peak): the record says so, since the target records stay
	 * here. */
	if (out->has_forecast) {
		ak_kpi at_due;
		ak_model_in_force(s->model, own, own->due, &at_due);
		out->has_target_at_due = (at_due.has & AK_KPI_TARGET) &&
		                         (!(k->has & AK_KPI_TARGET) ||
		                          at_due.target != k->target);
		out->target_at_due = at_due.target;
	}
}

size_t
ak_scorer_count(const ak_scorer *s, size_t kpi)
{
	const struct series *se = &s->series[kpi];

	return se->buckets == NULL ? 0 : se->set->count - se->set->first_report;
}

void
ak_scorer_get(const ak_scorer *s, ak_score *out, size_t kpi, size_t i)
{
	fill(s, kpi, s->series[kpi].set->first_report + i, out);
}

int
ak_scorer_get_at(const ak_scorer *s, ak_score *out, size_t kpi, ak_date end)
{
	const struct series *se = &s->series[kpi];
	ak_period want;
	size_t lo = 0, hi;

	if (se->buckets == NULL ||
	    !last_complete(se->set->kind, end, &want))
		return 0;
	hi = se->set->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (se->set->periods[mid].start < want.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == se->set->count || se->set->periods[lo].start != want.start)
		return 0;
	fill(s, kpi, lo, out);
	return 1;
}

/* ---- Records ---------------------------------------------------------- */

static json_t *
real_or_null(int has, double v)
{
	return has ? json_real(saturate(v)) : json_null();
}

/* [{"src":…,"of":…},…]: the copies a score left out; NULL when out of
 * memory. */
static json_t *
duplicates(const ak_score *sc)
{
	json_t *a = json_array();

	for (size_t i = 0; a != NULL && i < sc->nduplicates; i++) {
		json_t *d = json_object();
		if (d == NULL ||
		    json_object_set_new(d, "src", json_string(sc->duplicates[i].src)) ||
		    json_object_set_new(d, "of", json_string(sc->duplicates[i].of)) ||
		    json_array_append_new(a, d)) {
			json_decref(d);
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *
ak_score_record(const ak_kpi *k, const ak_score *sc)
{
	char label[AK_PERIOD_BUFSIZE], start[AK_DATE_BUFSIZE], end[AK_DATE_BUFSIZE];
	const char *trend = ak_trend_name(sc->trend);
	json_t *o = json_object();
	int bad = 0;

	if (o == NULL)
		return NULL;
	ak_period_label(label, sc->period);
	ak_date_format(start, sc->period.start);
	ak_date_format(end, sc->period.end);
	bad |= json_object_set_new(o, "kind", json_string("score"));
	bad |= json_object_set_new(o, "kpi", json_string(k->id));
	bad |= json_object_set_new(o, "measures",
	                           k->measures ? json_string(k->measures) : json_null());
	bad |= json_object_set_new(o, "period", json_string(label));
	bad |= json_object_set_new(o, "start", json_string(start));
	bad |= json_object_set_new(o, "end", json_string(end));
	bad |= json_object_set_new(o, "value", real_or_null(sc->has_value, sc->value));
	bad |= json_object_set_new(o, "n", json_integer((json_int_t)sc->n));
	if (sc->direction == AK_DIRECTION_RANGE) {
		bad |= json_object_set_new(o, "min", json_real(saturate(sc->min)));
		bad |= json_object_set_new(o, "max", json_real(saturate(sc->max)));
	} else {
		bad |= json_object_set_new(o, "target",
		                           json_real(saturate(sc->target)));
	}
	bad |= json_object_set_new(o, "progress",
	                           real_or_null(sc->has_value, sc->progress));
	bad |= json_object_set_new(o, "expected", json_real(sc->expected));
	bad |= json_object_set_new(o, "score", real_or_null(sc->has_value, sc->score));
	bad |= json_object_set_new(o, "status",
	                           json_string(ak_score_status_name(sc->status)));
	bad |= json_object_set_new(o, "previous",
	                           real_or_null(sc->has_previous, sc->previous));
	bad |= json_object_set_new(o, "delta",
	                           real_or_null(sc->has_value && sc->has_previous,
	                                        sc->value - sc->previous));
	bad |= json_object_set_new(o, "trend", trend ? json_string(trend) : json_null());
	bad |= json_object_set_new(o, "stale", json_boolean(sc->stale));
	bad |= json_object_set_new(o, "forecast",
	                           real_or_null(sc->has_forecast, sc->forecast));
	if (sc->has_forecast && sc->has_target_at_due)
		bad |= json_object_set_new(o, "target_at_due",
		                           json_real(saturate(sc->target_at_due)));
	if (sc->note != NULL)
		bad |= json_object_set_new(o, "note", json_string(sc->note));
	if (sc->nduplicates > 0)
		bad |= json_object_set_new(o, "duplicates", duplicates(sc));
	if (k->src != NULL)
		bad |= json_object_set_new(o, "src", json_string(k->src));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
