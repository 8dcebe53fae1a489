/* The string pool (pool_internal.h): chunks of 64 KiB filled from the
 * front; a string too large to share one gets a chunk of its own. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool_internal.h"

#define CHUNK_BYTES (64 * 1024)

struct ak_pool_chunk {
	struct ak_pool_chunk *next;
	size_t used, cap; /* bytes of data */
	_Alignas(max_align_t) char data[];
};

/* Room for n bytes: a pointer into the head chunk (not yet counted as
 * used: the caller adds n), or into a new chunk.  NULL if out of memory. */
static char *
reserve(ak_pool *p, size_t n)
{
	struct ak_pool_chunk *c = p->head;
	size_t cap;

	if (c != NULL && c->cap - c->used >= n)
		return c->data + c->used;
	cap = n > CHUNK_BYTES / 4 ? n : CHUNK_BYTES - sizeof(*c);
	if (n > SIZE_MAX - sizeof(*c) || (c = malloc(sizeof(*c) + cap)) == NULL)
		return NULL;
	c->used = 0;
	c->cap = cap;
	if (cap == n && p->head != NULL) {
		/* A large string's own chunk goes behind the head, which keeps
		 * filling. */
		c->next = p->head->next;
		p->head->next = c;
	} else {
		c->next = p->head;
		p->head = c;
	}
	return c->data;
}

/* Counts the n bytes at s, which reserve gave, as used. */
static void
commit(ak_pool *p, const char *s, size_t n)
{
	struct ak_pool_chunk *c = p->head;

	if (s != c->data + c->used) /* a chunk of its own, behind the head */
		c = c->next;
	c->used += n;
}

void *
ak_pool_alloc(ak_pool *p, size_t n)
{
	struct ak_pool_chunk *c = p->head;
	size_t align = _Alignof(max_align_t);
	char *at;

	if (n == 0)
		n = 1;
	/* Pad the head chunk to the alignment when the room is there; a new
	 * chunk's data is aligned already. */
	if (c != NULL) {
		size_t pad = (align - c->used % align) % align;
		if (c->cap - c->used >= pad && c->cap - c->used - pad >= n)
			c->used += pad;
	}
	if ((at = reserve(p, n)) == NULL)
		return NULL;
	commit(p, at, n);
	return at;
}

char *
ak_pool_strndup(ak_pool *p, const char *s, size_t n)
{
	char *copy;

	if (n == SIZE_MAX || (copy = reserve(p, n + 1)) == NULL)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	commit(p, copy, n + 1);
	return copy;
}

char *
ak_pool_strdup(ak_pool *p, const char *s, int *oom)
{
	char *copy;

	if (s == NULL)
		return NULL;
	if ((copy = ak_pool_strndup(p, s, strlen(s))) == NULL)
		*oom = 1;
	return copy;
}

char *
ak_pool_vprintf(ak_pool *p, const char *fmt, va_list ap)
{
	struct ak_pool_chunk *c = p->head;
	size_t room = c != NULL ? c->cap - c->used : 0;
	char *s;
	va_list aq;
	int n;

	/* Straight into the head chunk when it fits; else measured first. */
	va_copy(aq, ap);
	n = vsnprintf(c != NULL ? c->data + c->used : NULL, room, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	if ((size_t)n < room) {
		s = c->data + c->used;
		c->used += (size_t)n + 1;
		return s;
	}
	if ((s = reserve(p, (size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	commit(p, s, (size_t)n + 1);
	return s;
}

void
ak_pool_clear(ak_pool *p)
{
	struct ak_pool_chunk *c = p->head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->head = NULL;
}
