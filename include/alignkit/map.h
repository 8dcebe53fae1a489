/* A hash map from strings to pointers: the id index of the model and the
 * per-KPI state of the tools.  Open addressing; keys are copied. */
#ifndef ALIGNKIT_MAP_H
#define ALIGNKIT_MAP_H

#include <stddef.h>
#include "alignkit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ak_map ak_map;

/* Sets *out to a new empty map (free with ak_map_free).  Returns AK_OK, or
 * AK_ENOMEM with *out NULL. */
AK_EXTERN int ak_map_new(ak_map **out);

/* Frees the map and its copies of the keys, not the values.  NULL is a
 * no-op. */
AK_EXTERN void ak_map_free(ak_map *m);

/* The value stored under key, or NULL. */
AK_EXTERN void *ak_map_get(const ak_map *m, const char *key);

/* Stores value under key, replacing any value there.  Returns 0 or
 * AK_ENOMEM. */
AK_EXTERN int ak_map_put(ak_map *m, const char *key, void *value);

/* Number of keys. */
AK_EXTERN size_t ak_map_count(const ak_map *m);

/* Iteration in no particular order: start with *pos = 0; returns 1 and
 * sets *key and *value while there are entries, then 0. */
AK_EXTERN int ak_map_next(const ak_map *m, size_t *pos, const char **key, void **value);

#ifdef __cplusplus
}
#endif
#endif
