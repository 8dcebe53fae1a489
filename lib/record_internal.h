/* Helpers that record.c shares with model.c.  Not API: what is not under
 * include/ may change without notice. */
#ifndef ALIGNKIT_RECORD_INTERNAL_H
#define ALIGNKIT_RECORD_INTERNAL_H

#include <stddef.h>
#include "util_internal.h"

/* Longest id SPEC §1 allows, in bytes. */
#define AK_ID_MAX 128


/* Why s[0..len) (already trimmed) is not a valid id, as the tail of an
 * error message ("an id must not be empty"); NULL when it is valid. */
const char *ak_id_problem(const char *s, size_t len);

#endif
