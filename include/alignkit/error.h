/* Error reporting for libalignkit: status codes and the ak_error detail
 * record, modelled on jansson's json_error_t.  The library never prints and
 * never exits; it fills an ak_error and returns a negative AK_E* code. */
#ifndef ALIGNKIT_ERROR_H
#define ALIGNKIT_ERROR_H

#include <stdio.h>
#include "alignkit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes.  Every library function returning int returns AK_OK (0) on
 * success or one of these negative codes. */
enum {
	AK_OK = 0,
	AK_ENOMEM = -1,     /* out of memory */
	AK_EIO = -2,        /* a read or write failed (errno-based text) */
	AK_EINPUT = -3,     /* the input is malformed: bad record, field, line */
	AK_EUSAGE = -4,     /* a bad argument: option value, unknown name */
	AK_EDUPLICATE = -5, /* an id is already taken */
	AK_ENOTFOUND = -6   /* no such id or name */
};

#define AK_ERROR_TEXT_LENGTH 512
#define AK_ERROR_FILE_LENGTH 256

/* What went wrong and where.  text is lower-case, one line, without the
 * location; file is "" when unknown (standard input is "<stdin>"), line and
 * column are 0 when unknown. */
typedef struct ak_error {
	char text[AK_ERROR_TEXT_LENGTH];
	char file[AK_ERROR_FILE_LENGTH];
	long line;
	long column;
} ak_error;

/* Empties err (text "", no location).  err may be NULL. */
AK_EXTERN void ak_error_clear(ak_error *err);

/* Fills err with a printf-style message and a location, and returns code so
 * that callers can write `return ak_error_set(err, AK_EINPUT, ...)`.
 * file may be NULL (kept as it was), line 0 (unknown).  err may be NULL. */
AK_EXTERN int ak_error_set(ak_error *err, int code, const char *file, long line,
                 const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;

/* Sets where the error happened, keeping the text. */
AK_EXTERN void ak_error_locate(ak_error *err, const char *file, long line, long column);

/* Puts a context before the text: "kpi K7: " + "field target: ...". */
AK_EXTERN void ak_error_prefix(ak_error *err, const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Writes "PROG: FILE:LINE[:COLUMN]: text\n" to fp, leaving out the parts
 * that are unknown.  Control characters in the text are written as '?', so
 * that no input reaches a terminal raw. */
AK_EXTERN void ak_error_print(FILE *fp, const char *prog, const ak_error *err);

/* "FILE:LINE" of err into buf (size bytes), "" when the file is unknown. */
AK_EXTERN void ak_error_src(char *buf, size_t size, const ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
