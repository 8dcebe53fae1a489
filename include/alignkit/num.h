/* Numbers as SPEC §1 wants them: finite doubles, parsed and printed the same
 * way in every locale, printed in the shortest form that reads back. */
#ifndef ALIGNKIT_NUM_H
#define ALIGNKIT_NUM_H

#include <stddef.h>
#include "alignkit/export.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Enough for any double ak_num_format prints, with its NUL. */
#define AK_NUM_BUFSIZE 32

/* Flags for ak_num_parse. */
#define AK_NUM_DECIMAL_COMMA 1 /* the decimal-comma form of SPEC §4: ","
                                * is the decimal separator, and ".", a
                                * space, U+00A0 or U+202F group thousands,
                                * in threes only ("1.234.567,5", "12 500",
                                * "121.005" = 121005); any other "." is an
                                * error that shows how to write the
                                * number ("3.5": write 3,5) */

/* Prints v into buf: integral values without a fraction ("97", "-3",
 * "1e+300" only when %.17g would print it so), others in the shortest of
 * %.15g, %.16g, %.17g that reads back as the same double; "-0" prints "0".
 * v must be finite.  Returns the length written (without the NUL). */
AK_EXTERN size_t ak_num_format(char *buf, size_t size, double v);

/* Parses the number in s[0..len): optional sign, digits, optional fraction
 * and exponent; surrounding spaces are ignored.  Rejects empty text, NaN,
 * infinities, hexadecimal, trailing garbage and values that overflow a
 * double, with an error text naming the value ("\"ninety\" is not a
 * number").  Returns AK_OK or AK_EINPUT. */
AK_EXTERN int ak_num_parse(double *out, const char *s, size_t len, int flags,
                 ak_error *err);

/* v rounded half away from zero to 4 decimal places (SPEC §1 for
 * progress, expected and score). */
AK_EXTERN double ak_num_round4(double v);

#ifdef __cplusplus
}
#endif
#endif
