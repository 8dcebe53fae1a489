/* Fuzz target: exact sums (lib/xsum.c).  The input is read as doubles
 * (8 bytes each; non-finite ones skipped); beyond not crashing:
 *  - the sum is the same double (or the same overflow) added forwards,
 *    backwards, and as two halves merged: it is exact;
 *  - when the rounded sum is finite and every term has the same sign, it
 *    lies within [n × smallest term, n × largest term];
 *  - the mean is finite and lies within [smallest, largest term]. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/error.h"
#include "xsum_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
add(ak_xsum *x, double v)
{
	if (ak_xsum_add(x, v) != AK_OK)
		abort();
}

static int
same(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = size / sizeof(double), used = 0;
	ak_xsum fwd = {0}, back = {0}, lo = {0}, hi = {0};
	double min = INFINITY, max = -INFINITY, a, b, c, mean;
	int ra, rb, rc;

	for (size_t i = 0; i < n; i++) {
		double v, w;
		memcpy(&v, data + i * sizeof(v), sizeof(v));
		memcpy(&w, data + (n - 1 - i) * sizeof(w), sizeof(w));
		if (isfinite(v)) {
			add(&fwd, v);
			add(i < n / 2 ? &lo : &hi, v);
			min = fmin(min, v);
			max = fmax(max, v);
			used++;
		}
		if (isfinite(w))
			add(&back, w);
	}
	if (ak_xsum_merge(&lo, &hi) != AK_OK)
		abort();
	ra = ak_xsum_value(&fwd, &a);
	rb = ak_xsum_value(&back, &b);
	rc = ak_xsum_value(&lo, &c);
	if (ra != rb || ra != rc || (ra && (!same(a, b) || !same(a, c))))
		abort();
	if (ra && !isfinite(a))
		abort();
	if (used > 0) {
		mean = ak_xsum_mean(&fwd, used);
		if (!isfinite(mean) || mean < min || mean > max)
			abort();
		if (!same(mean, ak_xsum_mean(&lo, used)))
			abort();
	}
	ak_xsum_free(&fwd);
	ak_xsum_free(&back);
	ak_xsum_free(&lo);
	ak_xsum_free(&hi);
	return 0;
}
