/* Helpers that record.c shares with model.c.  Not API: what is not under
 * include/ may change without notice. */
#ifndef ALIGNKIT_RECORD_INTERNAL_H
#define ALIGNKIT_RECORD_INTERNAL_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/error.h"
#include "util_internal.h"

/* Longest id SPEC §1 allows, in bytes. */
#define AK_ID_MAX 128


/* Why s[0..len) (already trimmed) is not a valid id, as the tail of an
 * error message ("an id must not be empty"); NULL when it is valid. */
const char *ak_id_problem(const char *s, size_t len);

/* Whether target, a normalized target record, merged with kpi, the
 * normalized record of its KPI (the target's fields replacing the KPI's),
 * keeps the KPI's rules (SPEC §2: up: baseline <= target, red < target,
 * ...).  Returns AK_OK, AK_ENOMEM, or AK_EINPUT with err->text naming the
 * target record: `target K1 from 2026-Q4: merged with its kpi, field red:
 * 100 is not below target 90 (direction up)`; err's location is left for
 * the caller to set. */
int ak_record_check_target(const json_t *kpi, const json_t *target,
                           ak_error *err);

#endif
