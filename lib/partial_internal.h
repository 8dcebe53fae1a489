/* Partial measurement records: one record that stands for many
 * measurements of a KPI in one period, as `n`, `sum` (with `sum_lo`),
 * `min`, `max`, `last` and `last_at` in place of `value`, and `last_note`
 * (optional: the note of the measurement `last` is), so that the note of
 * a score survives sharding.  Not API.
 *
 * The exact sum of the measurements is `sum` plus every number of the
 * array `sum_lo` (absent: none), added exactly: a writer that keeps the
 * sum exactly writes the double nearest it as `sum` and what is left, as
 * few doubles as it takes, as `sum_lo`, so that merging loses nothing. */
#ifndef ALIGNKIT_PARTIAL_INTERNAL_H
#define ALIGNKIT_PARTIAL_INTERNAL_H

#include <stdint.h>
#include <jansson.h>
#include "alignkit/model.h"
#include "alignkit/score.h"

/* Enough doubles for any exact sum of doubles (2^64 of them at most):
 * each term takes at least 53 bits off the 2200 the sum can span. */
#define AK_PARTIAL_TERMS_MAX 48

typedef struct ak_partial {
	ak_measurement m;          /* kpi, at, at_nanos and src; value is
	                            * `last`, is_null 0 */
	uint64_t n;
	double sum[AK_PARTIAL_TERMS_MAX]; /* `sum`, then `sum_lo` */
	size_t nsum;
	double min, max, last;
	ak_date last_at;
	int64_t last_nanos;
	const char *last_note;     /* `last`'s note, borrowed; NULL: none */
} ak_partial;

/* Whether record (a measurement) is a partial: it has the field n. */
int ak_partial_is(const json_t *record);

/* Reads the partial record, checking every field; AK_OK, or AK_EINPUT
 * with err naming the field; AK_ENOMEM.  Borrows from record as
 * ak_measurement_read does. */
int ak_partial_read(ak_partial *out, const json_t *record, ak_error *err);

/* Adds partial p, at stream position seq, to the scorer: exactly as its
 * n measurements would have been.  Returns as ak_scorer_add; also
 * AK_EINPUT when last_at is not in the period of at. */
int ak_scorer_add_partial(ak_scorer *s, const ak_partial *p, uint64_t seq,
                          ak_error *err);

#endif
