/* Reading partial measurement records (see partial_internal.h). */
#include <string.h>

#include "alignkit/date.h"
#include "model_internal.h"
#include "partial_internal.h"
#include "util_internal.h"

int
ak_partial_is(const json_t *record)
{
	return json_object_get(record, "n") != NULL;
}

static int
number_field(double *out, const json_t *record, const char *name,
             ak_error *err)
{
	const json_t *v = json_object_get(record, name);

	if (v == NULL || json_is_null(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: missing required field %s "
		                    "(a partial has n, sum, min, max, last and "
		                    "last_at)", name);
	if (!json_is_number(v))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field %s: expected a number",
		                    name);
	*out = json_number_value(v);
	return AK_OK;
}

int
ak_partial_read(ak_partial *out, const json_t *record, ak_error *err)
{
	const json_t *n = json_object_get(record, "n");
	const json_t *lo = json_object_get(record, "sum_lo");
	const json_t *last_at = json_object_get(record, "last_at");
	const json_t *last_note = json_object_get(record, "last_note");
	json_t *copy;
	int rc;

	memset(out, 0, sizeof(*out));
	if (json_object_get(record, "value") != NULL)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field value: a partial (with n) "
		                    "has no value");
	if (!json_is_integer(n) || json_integer_value(n) <= 0)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field n: expected a positive "
		                    "integer");
	out->n = (uint64_t)json_integer_value(n);
	/* kpi, at, src and note are checked as in any measurement: the record
	 * with `last` for its value. */
	if ((copy = json_copy((json_t *)record)) == NULL ||
	    json_object_del(copy, "n") != 0 ||
	    json_object_set_new(copy, "value", json_integer(0)) != 0) {
		json_decref(copy);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	/* The strings are the record's own: json_copy shares them. */
	rc = ak_measurement_read(&out->m, copy, err);
	json_decref(copy);
	if (rc != AK_OK)
		return rc;
	if ((rc = number_field(&out->sum[0], record, "sum", err)) != AK_OK ||
	    (rc = number_field(&out->min, record, "min", err)) != AK_OK ||
	    (rc = number_field(&out->max, record, "max", err)) != AK_OK ||
	    (rc = number_field(&out->last, record, "last", err)) != AK_OK)
		return rc;
	out->nsum = 1;
	if (lo != NULL && !json_is_null(lo)) {
		size_t i;
		const json_t *t;
		if (!json_is_array(lo) || json_array_size(lo) >= AK_PARTIAL_TERMS_MAX)
			return ak_error_set(err, AK_EINPUT, NULL, 0,
			                    "measurement: field sum_lo: expected an "
			                    "array of at most %d numbers",
			                    AK_PARTIAL_TERMS_MAX - 1);
		json_array_foreach(lo, i, t) {
			if (!json_is_number(t))
				return ak_error_set(err, AK_EINPUT, NULL, 0,
				                    "measurement: field sum_lo: "
				                    "expected an array of numbers");
			out->sum[out->nsum++] = json_number_value(t);
		}
	}
	if (out->min > out->max)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field min: greater than max");
	if (out->last < out->min || out->last > out->max)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field last: not between min "
		                    "and max");
	if (out->n == 1 && out->min != out->max)
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field min: differs from max "
		                    "with n 1");
	if (last_note != NULL && !json_is_null(last_note) &&
	    !json_is_string(last_note))
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field last_note: expected a "
		                    "string");
	out->last_note = json_string_value(last_note);
	rc = ak_measurement_instant(&out->last_at, &out->last_nanos, last_at,
	                            "last_at", " (a partial has n, sum, min, "
	                            "max, last and last_at)", err);
	if (rc != AK_OK)
		return rc;
	out->m.value = out->last;
	out->m.is_null = 0;
	return AK_OK;
}
