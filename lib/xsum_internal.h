/* Exact sums of doubles: the sum of a KPI's measurements in a period is
 * kept exactly (as a fixed-point number wide enough for every double and
 * 2^64 of them), so that it is the same in any order, merges exactly from
 * partial sums, and is rounded once, correctly, when it is printed: a sum
 * or mean is the double nearest the exact value, never one that rounding
 * in stream order or an overflowing intermediate made.  Not API.
 *
 * The number is held in 32-bit digits carried in int64_t limbs, only over
 * the range of digits its terms touch (a few limbs for everyday values),
 * so it costs tens of bytes, not the 544 the whole range would take. */
#ifndef ALIGNKIT_XSUM_INTERNAL_H
#define ALIGNKIT_XSUM_INTERNAL_H
#include <stdint.h>

typedef struct ak_xsum {
	int64_t *limb;     /* limb[i] weighs 2^(32 * (lo + i) - 1074) */
	uint16_t lo;       /* index of limb[0] in the whole range */
	uint16_t count;    /* limbs held; 0: the sum is 0 */
	uint32_t adds;     /* terms since the carries were last propagated */
} ak_xsum;

/* An empty sum (0) needs no call: a zeroed ak_xsum is one. */

/* Frees what x holds; x is 0 again. */
void ak_xsum_free(ak_xsum *x);

/* Adds the finite double v.  Returns AK_OK or AK_ENOMEM (x unchanged). */
int ak_xsum_add(ak_xsum *x, double v);

/* Adds the exact sum y to x.  Returns AK_OK or AK_ENOMEM. */
int ak_xsum_merge(ak_xsum *x, const ak_xsum *y);

/* Whether the sum may be too large for a double: a cheap test, false for
 * every sum of terms below 2^974; ak_xsum_value tells for sure. */
int ak_xsum_maybe_huge(const ak_xsum *x);

/* The double nearest the exact sum (ties to even).  Returns 1 and sets
 * *out, or 0 when its magnitude rounds beyond the largest double. */
int ak_xsum_value(const ak_xsum *x, double *out);

/* The double nearest the exact sum divided by n (n > 0; ties to even).
 * Always finite when the terms were: a mean lies within them. */
double ak_xsum_mean(const ak_xsum *x, uint64_t n);

/* Several exact sums added up without allocating (on the stack): the
 * whole range, 544 bytes.  Zeroed, it is 0. */
typedef struct ak_xsum_total {
	int64_t limb[68];
} ak_xsum_total;

/* Adds the exact sum x to t. */
void ak_xsum_total_add(ak_xsum_total *t, const ak_xsum *x);

/* As ak_xsum_value and ak_xsum_mean, of t. */
int ak_xsum_total_value(const ak_xsum_total *t, double *out);
double ak_xsum_total_mean(const ak_xsum_total *t, uint64_t n);

#endif
