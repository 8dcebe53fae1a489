/* Numbers as alignkit(5) wants them: finite doubles, parsed and printed the same
 * way in every locale, printed in the shortest form that reads back. */
#ifndef ALIGNKIT_NUM_H
#define ALIGNKIT_NUM_H

#include <stddef.h>
#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Enough for any double ak_num_format prints, with its NUL. */
#define AK_NUM_BUFSIZE 32

/* Flags for ak_num_parse. */
#define AK_NUM_DECIMAL_COMMA 1 /* the decimal-comma form of goals-load(1): ","
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

/* v rounded half away from zero to 4 decimal places (alignkit(5) for
 * progress, expected and score). */
AK_EXTERN double ak_num_round4(double v);

/* Prints v into buf for a person to read: at most 4 decimals, trailing
 * zeros dropped, so float noise never shows (471940.89999999997 prints
 * "471940.9", 3.4000000000000004 "3.4"); a value below 1 in magnitude
 * keeps 4 significant digits ("0.0001235"); integral values and
 * magnitudes of 1e15 and more print as ak_num_format does; "-0" is "0".
 * Machine formats use ak_num_format.  Returns the length written. */
AK_EXTERN size_t ak_num_display(char *buf, size_t size, double v);

#ifdef __cplusplus
}
#endif
#endif
