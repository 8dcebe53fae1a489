/* What load.c (paths, JSON, JSON Lines, duplicate ids) shares with
 * load_csv.c (CSV).  Not API: what is not under include/ may change without
 * notice. */
#ifndef ALIGNKIT_LOAD_INTERNAL_H
#define ALIGNKIT_LOAD_INTERNAL_H

#include <stdio.h>
#include <jansson.h>
#include "alignkit/load.h"

/* Room for "FILE:LINE". */
#define AK_SRC_SIZE (AK_ERROR_FILE_LENGTH + 24)

/* One file being read. */
typedef struct ak_load_file {
	ak_loader *loader;
	const ak_load_handler *handler;
	const char *name;      /* FILE of src and messages (borrowed) */
	ak_kind kind;          /* for records without a kind of their own:
	                        * the option, else the file name; AK_KIND_OTHER
	                        * when neither says */
	ak_error *err;         /* the caller's: filled when loading stops */
	long handed;           /* records and input errors handed out */
} ak_load_file;

/* Tells the handler of a warning (err located by the caller; borrowed):
 * something read that looks wrong but is kept.  Returns 0 to go on, or the
 * code that stops the loading. */
int ak_load_warn(ak_load_file *f, const ak_error *err);

/* The loader's options.  Borrowed. */
const ak_load_options *ak_loader_options(const ak_loader *l);

/* The loader's schema (borrowed), or NULL when it reads the model. */
const ak_load_schema *ak_loader_schema(const ak_loader *l);

/* Writes "NAME:LINE" into src (AK_SRC_SIZE bytes). */
void ak_load_src(char *src, const char *name, long line);

/* Hands rec to the handler, after checking that a goal's, initiative's or
 * KPI's id was not handed out before (line locates that error).  rec is
 * borrowed.  Returns 0 to go on, or the code that stops the loading. */
int ak_load_emit(ak_load_file *f, const ak_load_record *rec, long line);

/* ak_load_emit of record (borrowed) as kind, read at line of f, with its
 * "FILE:LINE" and no text of its own. */
int ak_load_emit_json(ak_load_file *f, json_t *record, ak_kind kind, long line);

/* Reports an input error (err located by the caller; borrowed).  Returns 0
 * to go on, or the code that stops the loading. */
int ak_load_fail(ak_load_file *f, int code, const ak_error *err);

/* Normalizes in (borrowed) as a record of kind kind read at line of f, with
 * ak_record_normalize flags, and emits it, or reports why it is bad.
 * Returns 0 to go on, or the code that stops the loading. */
int ak_load_normalize(ak_load_file *f, const json_t *in, ak_kind kind,
                      long line, int flags);

/* Whether s[0..len) is valid UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF). */
int ak_load_utf8_valid(const char *s, size_t len);

/* Reads the CSV file fp (borrowed) for f.  tsv: the file's name ends in
 * .tsv (tab is the delimiter unless one is given).  Returns 0 to go on, or
 * the code that stops the loading. */
int ak_load_csv_read(ak_load_file *f, FILE *fp, int tsv);

/* For the fast path of load_csv.c (and its tests): when the trimmed text
 * s[0..len) is a plain decimal that ak_num_parse accepts (comma: with
 * AK_NUM_DECIMAL_COMMA), writes what ak_num_format prints for it into out
 * (AK_NUM_BUFSIZE bytes) and returns its length; returns 0 for any other
 * text. */
size_t ak_load_csv_decimal(char *out, const char *s, size_t len, int comma);

#endif
