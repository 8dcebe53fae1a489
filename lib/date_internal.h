/* What date.c shares with period.c.  Not API: what is not under include/
 * may change without notice. */
#ifndef ALIGNKIT_DATE_INTERNAL_H
#define ALIGNKIT_DATE_INTERNAL_H

#include <stddef.h>

/* The value of the n ASCII decimal digits at s (n small enough for an
 * int: the 1 to 4 of a date or period field), or -1 when any of them is
 * not a digit. */
int ak_digits(const char *s, size_t n);

#endif
