/* A string pool: many small strings that live and die together (a model's
 * ids and titles, a gap run's messages) copied into large chunks instead
 * of one malloc each, so that a million of them cost their bytes and not
 * a heap block and a tree node apiece (and a report's records keep their
 * strings and arrays here).  Strings never move once made.
 * Not API: what is not under include/ may change without notice. */
#ifndef ALIGNKIT_POOL_INTERNAL_H
#define ALIGNKIT_POOL_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>

struct ak_pool_chunk;

/* An empty pool is all zeros ({0} or memset): no init call is needed. */
typedef struct ak_pool {
	struct ak_pool_chunk *head; /* the chunk being filled, then older ones */
} ak_pool;

/* n bytes from the pool (n 0 counts as 1), aligned for any type: room
 * for an array that lives as long as the strings; NULL if out of memory. */
void *ak_pool_alloc(ak_pool *p, size_t n);

/* A copy of the n bytes at s, NUL-terminated, in the pool; NULL if out of
 * memory. */
char *ak_pool_strndup(ak_pool *p, const char *s, size_t n);

/* A copy of s in the pool: NULL stays NULL; NULL also if out of memory
 * (*oom set then, so that a NULL field and a failure differ). */
char *ak_pool_strdup(ak_pool *p, const char *s, int *oom);

/* A new string from a printf format, in the pool; NULL if out of memory
 * or the format fails. */
char *ak_pool_vprintf(ak_pool *p, const char *fmt, va_list ap);

/* Frees every string of the pool; it is empty again, ready for reuse. */
void ak_pool_clear(ak_pool *p);

#endif
