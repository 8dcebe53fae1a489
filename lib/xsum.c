/* Exact sums of doubles (see xsum_internal.h).
 *
 * A finite double is m * 2^e with an integer m < 2^53 and e >= -1074, so
 * every double is an integer multiple of 2^-1074 below 2^1024: 2098 bits.
 * With 64 bits of headroom for the carries of 2^64 terms the whole range
 * is 68 digits of 32 bits.  A term touches three adjacent digits; each
 * limb takes up to 2^30 terms (each below 2^32 in magnitude) before the
 * carries must be propagated, which ak_xsum_add does then. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/error.h"
#include "xsum_internal.h"

#define NLIMBS 68
#define DIGIT INT64_C(4294967296)
#define MASK32 0xffffffffu
/* Digits below the sum given to the division of ak_xsum_mean: enough that
 * the quotient has more than 64 significant bits. */
#define PAD 4

void
ak_xsum_free(ak_xsum *x)
{
	free(x->limb);
	memset(x, 0, sizeof(*x));
}

/* Makes x hold limbs lo..hi (inclusive) at least. */
static int
cover(ak_xsum *x, unsigned lo, unsigned hi)
{
	unsigned nlo, nhi, oldhi;
	int64_t *limb;

	if (x->count == 0) {
		if ((limb = calloc(hi - lo + 1, sizeof(*limb))) == NULL)
			return AK_ENOMEM;
		x->limb = limb;
		x->lo = (uint16_t)lo;
		x->count = (uint16_t)(hi - lo + 1);
		return AK_OK;
	}
	oldhi = (unsigned)x->lo + x->count - 1;
	if (lo >= x->lo && hi <= oldhi)
		return AK_OK;
	nlo = lo < x->lo ? lo : x->lo;
	nhi = hi > oldhi ? hi : oldhi;
	if ((limb = calloc(nhi - nlo + 1, sizeof(*limb))) == NULL)
		return AK_ENOMEM;
	memcpy(limb + (x->lo - nlo), x->limb, x->count * sizeof(*limb));
	free(x->limb);
	x->limb = limb;
	x->lo = (uint16_t)nlo;
	x->count = (uint16_t)(nhi - nlo + 1);
	return AK_OK;
}

/* Propagates the carries of full[0..NLIMBS): every limb but the last is
 * then a digit in [0, 2^32), the last holds the sign. */
static void
carry(int64_t *full)
{
	for (int i = 0; i + 1 < NLIMBS; i++) {
		int64_t low = (int64_t)((uint64_t)full[i] & MASK32);
		full[i + 1] += (full[i] - low) / DIGIT;
		full[i] = low;
	}
}

/* x spread over the whole range. */
static void
spread(int64_t *full, const ak_xsum *x)
{
	memset(full, 0, NLIMBS * sizeof(*full));
	if (x->count > 0)
		memcpy(full + x->lo, x->limb, x->count * sizeof(*full));
}

/* Replaces x's limbs by the carried full range, trimmed to the limbs that
 * are not 0. */
static int
store(ak_xsum *x, const int64_t *full)
{
	int lo = 0, hi = NLIMBS - 1;

	while (lo < NLIMBS && full[lo] == 0)
		lo++;
	ak_xsum_free(x);
	if (lo == NLIMBS)
		return AK_OK;
	while (full[hi] == 0)
		hi--;
	/* Room above for the carries of the next 2^30 terms. */
	if (cover(x, (unsigned)lo, hi + 1 < NLIMBS ? (unsigned)hi + 1 : (unsigned)hi)
	    != AK_OK)
		return AK_ENOMEM;
	memcpy(x->limb, full + lo, (size_t)(hi - lo + 1) * sizeof(*full));
	return AK_OK;
}

static int
normalize(ak_xsum *x)
{
	int64_t full[NLIMBS];

	spread(full, x);
	carry(full);
	return store(x, full);
}

int
ak_xsum_add(ak_xsum *x, double v)
{
	uint64_t bits, m, d0, d1, d2;
	unsigned ef, pos, g, sh;

	memcpy(&bits, &v, sizeof(bits));
	ef = (unsigned)(bits >> 52) & 0x7ffu;
	m = bits & ((UINT64_C(1) << 52) - 1);
	if (ef != 0)
		m |= UINT64_C(1) << 52;
	if (m == 0)
		return AK_OK;
	if (x->adds >= (UINT32_C(1) << 30)) {
		if (normalize(x) != AK_OK)
			return AK_ENOMEM;
	}
	/* v = m * 2^(pos - 1074): its bits start at pos of the range. */
	pos = ef != 0 ? ef - 1 : 0;
	g = pos / 32;
	sh = pos % 32;
	d0 = (m << sh) & MASK32;
	d1 = (sh != 0 ? m >> (32 - sh) : m >> 32) & MASK32;
	d2 = sh != 0 ? m >> (64 - sh) : 0;
	if (cover(x, g, g + 3 < NLIMBS ? g + 3 : NLIMBS - 1) != AK_OK)
		return AK_ENOMEM;
	g -= x->lo;
	if (bits >> 63) {
		x->limb[g] -= (int64_t)d0;
		x->limb[g + 1] -= (int64_t)d1;
		x->limb[g + 2] -= (int64_t)d2;
	} else {
		x->limb[g] += (int64_t)d0;
		x->limb[g + 1] += (int64_t)d1;
		x->limb[g + 2] += (int64_t)d2;
	}
	x->adds++;
	return AK_OK;
}

int
ak_xsum_merge(ak_xsum *x, const ak_xsum *y)
{
	int64_t full[NLIMBS], other[NLIMBS];

	if (y->count == 0)
		return AK_OK;
	spread(full, x);
	spread(other, y);
	carry(full);
	carry(other);
	for (int i = 0; i < NLIMBS; i++)
		full[i] += other[i];
	carry(full);
	return store(x, full);
}

int
ak_xsum_maybe_huge(const ak_xsum *x)
{
	/* Limbs below 64 weigh at most 2^(32*63 - 1074) each and hold below
	 * 2^63: their sum stays below 2^1007. */
	for (int i = (int)x->count - 1; i >= 0 && x->lo + i >= 64; i--)
		if (x->limb[i] != 0)
			return 1;
	return 0;
}

/* The magnitude of x as digits d[PAD..PAD+NLIMBS) (d[0..PAD) zero);
 * returns whether x is negative. */
static int
magnitude_full(uint32_t *d, int64_t *full)
{
	int neg;

	carry(full);
	neg = full[NLIMBS - 1] < 0;
	if (neg) {
		for (int i = 0; i < NLIMBS; i++)
			full[i] = -full[i];
		carry(full);
	}
	memset(d, 0, PAD * sizeof(*d));
	for (int i = 0; i < NLIMBS; i++)
		d[PAD + i] = (uint32_t)full[i];
	return neg;
}

static int
magnitude(uint32_t *d, const ak_xsum *x)
{
	int64_t full[NLIMBS];

	spread(full, x);
	return magnitude_full(d, full);
}

static unsigned
bit(const uint32_t *d, long pos)
{
	return pos < 0 ? 0 : (d[pos / 32] >> (pos % 32)) & 1u;
}

/* The double nearest Σ d[i] 2^(32i + e0) (+ a little more when sticky),
 * for nd digits; 0 when it rounds beyond the largest double. */
static int
round_digits(const uint32_t *d, int nd, long e0, int sticky, double *out)
{
	long b, top, drop, i;
	uint64_t t = 0, kept, rbit, rest;
	int h = nd - 1;

	while (h >= 0 && d[h] == 0)
		h--;
	if (h < 0) {
		*out = 0;
		return 1;
	}
	b = 32L * h;
	for (uint32_t v = d[h]; v != 0; v >>= 1)
		b++;
	/* t: the 64 bits from the highest one down; sticky: any below. */
	for (i = 1; i <= 64; i++)
		t = (t << 1) | bit(d, b - i);
	for (i = 0; i < b - 64 && !sticky; i++)
		sticky = (int)bit(d, i);
	top = e0 + b - 1;          /* the exponent of t's highest bit */
	if (top > 1023)
		return 0;
	/* 53 bits for a normal double; fewer below 2^-1022. */
	drop = top >= -1022 ? 11 : 11 + (-1022 - top);
	if (drop >= 64) {
		rbit = drop == 64 ? t >> 63 : 0;
		rest = (drop == 64 ? (t << 1) != 0 : t != 0) || sticky;
		kept = 0;
	} else {
		kept = t >> drop;
		rbit = (t >> (drop - 1)) & 1u;
		rest = (t & ((UINT64_C(1) << (drop - 1)) - 1)) != 0 || sticky;
	}
	if (rbit && (rest || (kept & 1u)))
		kept++;
	*out = ldexp((double)kept, (int)(top - 63 + drop));
	return isfinite(*out);
}

static int
value_of(const uint32_t *d, int neg, double *out)
{
	if (!round_digits(d, PAD + NLIMBS, -1074 - 32 * PAD, 0, out))
		return 0;
	if (neg)
		*out = -*out;
	return 1;
}

static double
mean_of(uint32_t *d, int neg, uint64_t n)
{
	uint32_t q[PAD + NLIMBS];
	uint64_t r = 0;
	double v;
	long hi = PAD + NLIMBS - 1;

	/* Long division, a bit at a time from the highest digit: r < n <
	 * 2^64, and 2r + 1 may not fit, in which case it is at least n. */
	while (hi > 0 && d[hi] == 0)
		hi--;
	memset(q, 0, sizeof(q));
	for (long pos = 32L * hi + 31; pos >= 0; pos--) {
		uint64_t over = r >> 63;
		r = (r << 1) | bit(d, pos);
		if (over || r >= n) {
			r -= n;
			q[pos / 32] |= UINT32_C(1) << (pos % 32);
		}
	}
	if (!round_digits(q, PAD + NLIMBS, -1074 - 32 * PAD, r != 0, &v))
		v = HUGE_VAL;  /* cannot happen: the mean lies within the terms */
	return neg ? -v : v;
}

int
ak_xsum_value(const ak_xsum *x, double *out)
{
	uint32_t d[PAD + NLIMBS];
	int neg = magnitude(d, x);

	return value_of(d, neg, out);
}

double
ak_xsum_mean(const ak_xsum *x, uint64_t n)
{
	uint32_t d[PAD + NLIMBS];
	int neg = magnitude(d, x);

	return mean_of(d, neg, n);
}

void
ak_xsum_total_add(ak_xsum_total *t, const ak_xsum *x)
{
	int64_t full[NLIMBS];

	spread(full, x);
	carry(full);
	carry(t->limb);
	for (int i = 0; i < NLIMBS; i++)
		t->limb[i] += full[i];
}

int
ak_xsum_total_value(const ak_xsum_total *t, double *out)
{
	uint32_t d[PAD + NLIMBS];
	int64_t full[NLIMBS];

	memcpy(full, t->limb, sizeof(full));
	return value_of(d, magnitude_full(d, full), out);
}

double
ak_xsum_total_mean(const ak_xsum_total *t, uint64_t n)
{
	uint32_t d[PAD + NLIMBS];
	int64_t full[NLIMBS];

	memcpy(full, t->limb, sizeof(full));
	return mean_of(d, magnitude_full(d, full), n);
}
