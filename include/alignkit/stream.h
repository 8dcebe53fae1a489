/* The JSON Lines stream (alignkit(5)): a reader that keeps the file and line of
 * every record and the bytes it came as, and writers that copy those bytes
 * through or print derived records with the toolkit's number format. */
#ifndef ALIGNKIT_STREAM_H
#define ALIGNKIT_STREAM_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>
#include "alignkit/error.h"
#include "alignkit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The name standard input is reported under. */
#define AK_STDIN_NAME "<stdin>"

typedef struct ak_reader ak_reader;

/* One line of the stream, as ak_reader_next hands it out.  Everything is
 * borrowed from the reader and valid until the next call. */
typedef struct ak_line {
	const char *text;   /* the line's bytes, without "\n" or "\r\n" */
	size_t len;         /* their number */
	const char *file;   /* the file name ("<stdin>" for standard input) */
	long lineno;        /* 1-based line number within that file */
	json_t *record;     /* the parsed object */
	const char *kind;   /* its "kind" string (NULL when it has none and
	                     * AK_READER_ANY_KIND is set) */
} ak_line;

/* Opens a reader over the files named in paths[0..npaths), read one after
 * the other; "-" is standard input, and npaths 0 means standard input
 * alone.  paths is borrowed and must outlive the reader.  A file that
 * cannot be opened is reported by ak_reader_next when it is reached.
 * Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_reader_open(ak_reader **out, const char *const *paths, size_t npaths,
                   ak_error *err);

/* Opens a reader over an open stream fp (borrowed: not closed by the
 * reader), reported as name. */
AK_EXTERN int ak_reader_open_fp(ak_reader **out, FILE *fp, const char *name,
                      ak_error *err);

/* Flags of ak_reader_set_flags. */
#define AK_READER_ANY_KIND 1 /* a record needs no string "kind": the line's
                              * kind is then NULL, and what the record's
                              * "kind" holds is the caller's to check
                              * (files of one kind, such as waivers) */

/* Sets how r reads (AK_READER_* flags); call before the first
 * ak_reader_next. */
AK_EXTERN void ak_reader_set_flags(ak_reader *r, int flags);

/* Reads the next record.  Returns 1 and fills *line, 0 at the end of the
 * last file, or a negative code with err located at FILE:LINE:
 *  AK_EINPUT  the line is blank, not JSON, not an object, has a duplicate
 *             key, invalid UTF-8, a NaN or overflowing number, or no string
 *             "kind"; the reader has skipped it, and the caller may go on
 *             reading (--keep-going) or stop;
 *  AK_EIO     a file could not be opened or read; the reader goes on with
 *             the next file when called again.
 * On AK_EINPUT, *line still holds the text, file and lineno of the bad line
 * (record and kind NULL), so that a tool can emit an error record. */
AK_EXTERN int ak_reader_next(ak_reader *r, ak_line *line, ak_error *err);

/* ak_reader_next in two steps, for a caller with a faster reader of its
 * own for some lines (kpi-score's measurement fast path):
 * ak_reader_next_raw reads the next line and makes the checks that need
 * no parsing (a blank line, a NUL byte; a byte-order mark is dropped): it
 * returns as ak_reader_next does, with line->record and line->kind NULL
 * on 1.  ak_reader_parse then parses that line with jansson and fills
 * line->record and line->kind, returning 1 or AK_EINPUT as
 * ak_reader_next does (the same messages).  line->text lives until the
 * next ak_reader_next_raw. */
AK_EXTERN int ak_reader_next_raw(ak_reader *r, ak_line *line, ak_error *err);
AK_EXTERN int ak_reader_parse(ak_reader *r, ak_line *line, ak_error *err);

/* Frees the reader and closes the files it opened.  NULL is a no-op. */
AK_EXTERN void ak_reader_free(ak_reader *r);

/* The writers.  Each returns AK_OK, or AK_EIO with err->text
 * "write error: REASON" (AK_WRITE_ERROR_PREFIX, then the system's reason
 * as strerror(3) gives it: "No space left on device") and no location;
 * err may be NULL.  out is borrowed.  A buffered stream may take a failure
 * in only when it is flushed: check fflush and fclose as well. */
#define AK_WRITE_ERROR_PREFIX "write error: "

/* Writes bytes[0..len) and a "\n": how a tool passes a record on. */
AK_EXTERN int ak_write_line(FILE *out, const char *bytes, size_t len,
                            ak_error *err);

/* Writes obj (borrowed) as one compact JSON line: keys in the object's
 * order, strings with only the escapes JSON needs (UTF-8 kept as it is),
 * numbers as ak_num_format prints them, then "\n".  Also AK_ENOMEM
 * ("out of memory") when the line cannot be built. */
AK_EXTERN int ak_write_record(FILE *out, const json_t *obj, ak_error *err);

/* Appends the compact JSON text of value to a growing buffer *buf of
 * length *len and capacity *cap (all three start at NULL/0/0 and belong to
 * the caller, who frees *buf).  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_json_append(char **buf, size_t *len, size_t *cap, const json_t *value);

/* A new {"kind":"error","src":"FILE:LINE","message":TEXT} for err: what a
 * tool emits for a bad record under --keep-going.  NULL if out of memory. */
AK_EXTERN json_t *ak_error_record(const ak_error *err);

/* Makes fp fully buffered with a large buffer: the tools write many short
 * lines.  Call before the first write. */
AK_EXTERN void ak_stream_buffer(FILE *fp);

#ifdef __cplusplus
}
#endif
#endif
