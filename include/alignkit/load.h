/* Loading the model from what people keep (goals-load(1)): CSV and TSV exports,
 * JSON Lines, JSON documents and directories of them, read as a stream and
 * handed to the caller one normalized record (or one input error) at a
 * time, each with the FILE:LINE it came from. */
#ifndef ALIGNKIT_LOAD_H
#define ALIGNKIT_LOAD_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/export.h"
#include "alignkit/record.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How a file is read. */
typedef enum ak_load_format {
	AK_LOAD_AUTO = 0,   /* by the file's ending; "-" is JSON Lines */
	AK_LOAD_CSV,        /* CSV or TSV (delimiter detected or given) */
	AK_LOAD_JSONL,      /* JSON Lines: one record per line */
	AK_LOAD_JSON        /* a JSON array of records or object of arrays */
} ak_load_format;

/* Flags of ak_load_options. */
#define AK_LOAD_DECIMAL_COMMA 1 /* CSV numbers in the decimal-comma form
                                 * (num.h: "1.234,5"), as ';' files always
                                 * are */
#define AK_LOAD_NO_DECIMAL_COMMA 8 /* not even in a ';' file */
#define AK_LOAD_RAW 2           /* CSV rows as objects of strings, keyed by
                                 * the header as written, every cell
                                 * present, nothing validated, no "src" */
#define AK_LOAD_TEXT 4          /* hand out each record's JSON text in
                                 * ak_load_record.bytes; record may then
                                 * be NULL, which lets the loader write
                                 * plain measurements without building
                                 * them (a tool that only prints wants
                                 * this) */

typedef struct ak_load_options {
	ak_load_format format; /* for the paths given; directory entries and
	                        * AK_LOAD_AUTO go by ending */
	int delimiter;         /* CSV delimiter; 0 detects it from the header
	                        * (',', ';' or tab; ',' when none is there) */
	ak_kind kind;          /* records without a kind of their own, in a
	                        * file whose name gives none (the name wins:
	                        * see ak_load_kind_of_name) */
	int flags;             /* AK_LOAD_* */
} ak_load_options;

/* One record as the loader hands it out.  Everything is borrowed and valid
 * only during the call. */
typedef struct ak_load_record {
	json_t *record;     /* the normalized record (in AK_LOAD_RAW mode the
	                     * row as it is); with AK_LOAD_TEXT it may be
	                     * NULL */
	ak_kind kind;       /* the record's kind; one other than goal,
	                     * initiative, kpi and measurement is passed on
	                     * unchanged */
	const char *src;    /* "FILE:LINE" where it was read */
	const char *bytes;  /* the record as one line of JSON, without "\n":
	                     * with AK_LOAD_TEXT always, in the form
	                     * ak_write_record prints; for a JSON Lines record
	                     * passed on unchanged always, the line as it came;
	                     * else NULL */
	size_t len;         /* the number of those bytes */
	long line;          /* the LINE of src: where the record starts */
} ak_load_record;

/* Where the records and the errors go.
 *  record: called for each record in input order.  Returns 0 to go on;
 *    any other value stops the loading, and ak_loader_load returns it.
 *  error: called for each input error: code is AK_EINPUT (a bad record,
 *    row, line or header: that record is skipped; a CSV quoting error or a
 *    JSON syntax error ends its file), AK_EDUPLICATE (an id seen before:
 *    the record is skipped) or AK_EIO (a file that cannot be read: it is
 *    skipped); err is located at FILE:LINE.  Returns 0 to go on, any
 *    other value to stop, as above.  When error is NULL, the first error
 *    stops the loading and ak_loader_load returns its code with *err
 *    filled. */
/* The code ak_load_handler.error is called with for a warning: what was
 * read looks wrong (a column that names no field but is close to one, a
 * file that holds no record) but nothing is skipped.  A handler prints it
 * ("PROG: FILE:LINE: warning: TEXT") and returns 0; it must not count it
 * as an error.  Without an error handler warnings are dropped. */
#define AK_LOAD_WARNING 1

typedef struct ak_load_handler {
	int (*record)(void *ctx, const ak_load_record *rec);
	int (*error)(void *ctx, int code, const ak_error *err);
	void *ctx;
} ak_load_handler;

typedef struct ak_loader ak_loader;

/* A new loader with options opts (copied; NULL for the defaults).  The
 * loader remembers the ids of the goals, initiatives and KPIs it has
 * handed out, across every ak_loader_load call, so that a second use of
 * an id is reported (goals-load(1)).  Returns AK_OK, AK_EUSAGE (a delimiter that
 * is a quote, CR or LF, or AK_LOAD_RAW with a format other than CSV or
 * AUTO), or AK_ENOMEM. */
AK_EXTERN int ak_loader_new(ak_loader **out, const ak_load_options *opts,
                  ak_error *err);

/* A kind of record that the model does not hold but that a tool reads
 * from a file of its own (gap-find's waivers), described for the loader:
 * the file is read as CSV (delimiter detected as for the model, byte-order
 * mark, CRLF, quoting, the header matched to the field names with the
 * same rules) or JSON Lines, with the same FILE:LINE messages.  Each
 * record is handed out as an object holding only the fields named here,
 * each a string (a CSV cell trimmed of white space; an empty cell, a JSON
 * null or a missing member is no field): what the strings mean is the
 * handler's to check.  Other CSV columns and JSON members are ignored. */
typedef struct ak_load_schema {
	const char *kind;          /* its name, as a JSON Lines "kind" may
	                            * give it (which is optional): "waiver" */
	const char *const *fields; /* its fields, NULL-terminated */
	size_t nrequired;          /* a CSV header must name the first
	                            * nrequired of them */
	const char *needs;         /* what a record needs, for the message of
	                            * a header without a required column:
	                            * "type, subject, until and a reason" */
} ak_load_schema;

/* A new loader of records of the kind schema describes (borrowed: it must
 * outlive the loader), with options opts (copied; NULL for the defaults;
 * the kind and the flags do not apply).  Such a loader reads files alone,
 * not directories.  A file whose name ends in none of .csv, .tsv, .jsonl
 * or .ndjson is JSON Lines when its first byte other than white space is
 * '{', else CSV.  A CSV file without a header is an input error ("empty
 * file").  Returns AK_OK, AK_EUSAGE (a bad delimiter, a format other than
 * AUTO, CSV or JSONL, or a schema without a kind or fields), or
 * AK_ENOMEM. */
AK_EXTERN int ak_loader_new_schema(ak_loader **out, const ak_load_options *opts,
                                   const ak_load_schema *schema, ak_error *err);

/* Frees the loader.  NULL is a no-op. */
AK_EXTERN void ak_loader_free(ak_loader *l);

/* Reads path ("-" for standard input, a file, or a directory) and hands
 * each record and each error to h (borrowed) as it goes: memory does not
 * grow with the size of a file.  path is borrowed for the call; it is the
 * FILE of every "src" and every error ("<stdin>" for "-"; "DIR/NAME" for
 * the files of a directory).  Returns AK_OK when everything was handed
 * out (even if h->error was told of errors and said to go on), the value
 * a handler returned to stop, the code of the first error when h->error
 * is NULL (with *err filled), AK_EUSAGE when the format of a named file
 * cannot be told from its ending, or AK_ENOMEM. */
AK_EXTERN int ak_loader_load(ak_loader *l, const char *path, const ak_load_handler *h,
                   ak_error *err);

/* The kind a file's name gives (goals-load(1)): its stem, lower-cased, ending in
 * goal(s), initiative(s), kpi(s) or measurement(s); AK_KIND_OTHER when it
 * gives none.  "2026-q4-kpis.csv" gives AK_KIND_KPI. */
AK_EXTERN ak_kind ak_load_kind_of_name(const char *path);

#ifdef __cplusplus
}
#endif
#endif
