/* The small helpers every module of libalignkit shares: white space,
 * ASCII case, element counts and vector growth, each defined once.  Not
 * API: what is not under include/ may change without notice. */
#ifndef ALIGNKIT_UTIL_INTERNAL_H
#define ALIGNKIT_UTIL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "alignkit/error.h"

/* The number of elements of an array (not a pointer). */
#define AK_NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The one definition of white space in the toolkit: ASCII space, tab, line
 * feed, vertical tab, form feed and carriage return, whatever the locale
 * (<ctype.h> is never used: it depends on LC_CTYPE). */
static inline int
ak_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

/* Moves *s and *len past surrounding white space (ak_is_space). */
static inline void
ak_trim(const char **s, size_t *len)
{
	while (*len > 0 && ak_is_space(**s))
		(*s)++, (*len)--;
	while (*len > 0 && ak_is_space((*s)[*len - 1]))
		(*len)--;
}

static inline int
ak_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* c in lower case when it is an ASCII capital; any other byte as it is. */
static inline char
ak_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether a[0..alen) and b[0..blen) are equal, ignoring ASCII case. */
static inline int
ak_ascii_caseeq(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return 0;
	for (size_t i = 0; i < alen; i++)
		if (ak_ascii_lower(a[i]) != ak_ascii_lower(b[i]))
			return 0;
	return 1;
}

/* Makes room for at least need elements of size size in the vector *vec of
 * capacity *cap (elements), doubling from 16 so that n pushes cost O(n).
 * vec points to the vector's pointer (any element type).  *vec and *cap are
 * unchanged on failure.  Returns AK_OK, or AK_ENOMEM when out of memory or
 * when the size would overflow. */
static inline int
ak_grow(void *vec, size_t *cap, size_t need, size_t size)
{
	void **p = vec;
	size_t c = *cap;
	void *q;

	if (need <= c)
		return AK_OK;
	if (c == 0)
		c = 16;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return AK_ENOMEM;
		c *= 2;
	}
	if (size != 0 && c > SIZE_MAX / size)
		return AK_ENOMEM;
	if ((q = realloc(*p, c * size)) == NULL)
		return AK_ENOMEM;
	*p = q;
	*cap = c;
	return AK_OK;
}

/* The length of the valid UTF-8 sequence at p (n >= 1 bytes left), and its
 * code point in *cp unless cp is NULL; 0 when the bytes there are not valid
 * UTF-8: no overlong form, no surrogate, nothing beyond U+10FFFF (the rules
 * jansson checks, so that every reader agrees with it). */
static inline size_t
ak_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t need;
	uint32_t c;

	if (p[0] < 0x80) {
		if (cp != NULL)
			*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] < 0xe0)
		need = 1, c = p[0] & 0x1fu;
	else if (p[0] >= 0xe0 && p[0] < 0xf0)
		need = 2, c = p[0] & 0x0fu;
	else if (p[0] >= 0xf0 && p[0] < 0xf5)
		need = 3, c = p[0] & 0x07u;
	else
		return 0;
	if (need >= n)
		return 0;
	for (size_t k = 1; k <= need; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3fu);
	}
	if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp != NULL)
		*cp = c;
	return need + 1;
}

/* A new NUL-terminated copy of s[0..len), or NULL when out of memory. */
static inline char *
ak_strndup(const char *s, size_t len)
{
	char *t = malloc(len + 1);

	if (t != NULL) {
		memcpy(t, s, len);
		t[len] = '\0';
	}
	return t;
}

#endif
