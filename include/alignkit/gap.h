/* Gaps (gap-find(1)): where IT work and the business have come apart.  A gap
 * finder collects a stream (the model, score and rollup records, error
 * records, measurements) and waivers, in any order, then finds every gap
 * of the table in gap-find(1), sorted, filtered and waived as the options say. */
#ifndef ALIGNKIT_GAP_H
#define ALIGNKIT_GAP_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/date.h"
#include "alignkit/derived.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ak_gap_type, ak_severity and their names are in derived.h. */

/* A fingerprint: 16 lower-case hex digits and a NUL. */
#define AK_GAP_FINGERPRINT_SIZE 17

/* One finding.  The strings belong to the finder that made it and live
 * until ak_gap_finder_free or the next ak_gap_find. */
typedef struct ak_gap {
	ak_gap_type type;
	ak_severity severity;
	const char *subject; /* the id at fault (never NULL or empty) */
	const char *message; /* names the subject, the fault and the fix */
	const char *src;     /* the src of the record at fault, NULL if none */
	/* The finding across runs: a 64-bit FNV-1a hash of its type, subject
	 * and what else makes it distinct, never of its message, period,
	 * severity or src line (see ak_gap_fingerprint). */
	char fingerprint[AK_GAP_FINGERPRINT_SIZE];
	int waived;          /* a waiver in force matched it */
	const char *waiver_reason; /* that waiver's reason, or NULL */
	ak_date waived_until;      /* its until date; AK_DATE_NONE if not waived */
	int has_new;  /* a baseline was given (ak_gap_finder_load_baseline) */
	int is_new;   /* with has_new: its fingerprint is not in the baseline */
	int resolved; /* a baseline finding that no longer occurs */
} ak_gap;

/* Writes into out the fingerprint of a finding of type on subject,
 * distinguished further by key (NULL or "" when type and subject say it
 * all): FNV-1a (64 bits) over the bytes of the type's name, a NUL, the
 * subject, a NUL, and the key, as 16 lower-case hex digits.  The same on
 * every platform. */
AK_EXTERN void ak_gap_fingerprint(char out[AK_GAP_FINGERPRINT_SIZE],
                                  ak_gap_type type, const char *subject,
                                  const char *key);

/* What ak_gap_find reports. */
typedef struct ak_gap_options {
	ak_date as_of;    /* the day of the report (kpi-score(1)) */
	int trend_window; /* worsening-trend: records judged, >= 1 */
	/* missing-checkin, status-discrepancy, owner-disagreement: the
	 * complete report periods looked back over, >= 1 */
	int checkin_window;
	/* Called, when not NULL, with what was read but looks wrong and is
	 * no gap: a check-in whose side cannot be found (its src, which may
	 * be NULL, and the text of a warning). */
	void (*warn)(void *arg, const char *src, const char *text);
	void *warn_arg;
	/* Nonzero: gaps of that type are not reported. */
	unsigned char skip[AK_GAP_NTYPES];
	/* -1: each gap at its default severity; else an ak_severity for
	 * every gap of that type. */
	int severity[AK_GAP_NTYPES];
} ak_gap_options;

/* Fills o with the defaults: as_of as given, trend_window 3,
 * checkin_window 2, no warn, every type reported at its default
 * severity. */
AK_EXTERN void ak_gap_options_init(ak_gap_options *o, ak_date as_of);

typedef struct ak_gap_finder ak_gap_finder;

/* A new empty finder.  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_gap_finder_new(ak_gap_finder **out);

/* Frees the finder, its model, its waivers and its gaps.  NULL is a no-op. */
AK_EXTERN void ak_gap_finder_free(ak_gap_finder *f);

/* Takes in one record of the stream (borrowed), read at file:line (file
 * borrowed; used as the record's src when it has none, so that every gap
 * can point somewhere).  Records are collected in any order:
 *  - goal, initiative, kpi: validated and added to the model; an id
 *    already taken is not an error but a duplicate-id gap;
 *  - measurement: validated; only its kpi id and src are kept, for the
 *    dangling-ref check (memory grows with distinct KPI ids, not with
 *    measurements);
 *  - score, rollup: read and checked as derived.h says, and what the
 *    checks need is kept;
 *  - error: read as derived.h says, and kept as an invalid-record gap;
 *  - any other kind (gap, or a user's own) is ignored.
 * Returns AK_OK; AK_EINPUT with err located at file:line and naming the
 * record and field (the record is not kept: the caller decides whether to
 * go on); AK_ENOMEM. */
AK_EXTERN int ak_gap_finder_add(ak_gap_finder *f, const json_t *record, const char *file,
                      long line, ak_error *err);

/* Adds a waiver: gaps of type on subject are waived while as-of is on or
 * before until; after it, the waiver is itself a waiver-expired gap.
 * reason may be NULL; src ("FILE:LINE") may be NULL.  Strings are copied.
 * Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_gap_finder_waive(ak_gap_finder *f, ak_gap_type type, const char *subject,
                        ak_date until, const char *reason, const char *src,
                        ak_error *err);

/* Reads waivers from path through the loader (load.h), with the rules of
 * every file the toolkit reads (byte-order mark, CRLF, NUL bytes, UTF-8):
 * CSV (.csv, .tsv, or a file whose first byte other than white space is
 * not '{'; the delimiter detected as goals-load detects it; a header with
 * columns type, subject, until and an optional reason, matched as
 * goals-load matches its headers, in any order; other columns ignored) or
 * JSON Lines (.jsonl, .ndjson, or a first byte '{'; objects with string
 * fields type, subject, until and optionally reason; a kind, when present,
 * must be "waiver").  Each waiver's src is "PATH:LINE".  Returns AK_OK;
 * AK_EIO when the file cannot be read; AK_EINPUT with err at PATH:LINE for
 * an unknown type, a bad or missing field, a bad date, a file the loader
 * cannot read; AK_ENOMEM. */
AK_EXTERN int ak_gap_finder_load_waivers(ak_gap_finder *f, const char *path,
                               ak_error *err);

/* Reads an earlier gap-find output from path (a whole stream or
 * --gaps-only) through the JSON Lines reader: its gap records, read as
 * derived.h says (each needs a fingerprint; resolved ones are skipped),
 * become the baseline that ak_gap_find compares with, and every other
 * record is ignored.  Returns AK_OK; AK_EIO when the file cannot be read;
 * AK_EINPUT with err at PATH:LINE for a bad line or gap record; AK_ENOMEM. */
AK_EXTERN int ak_gap_finder_load_baseline(ak_gap_finder *f, const char *path,
                                          ak_error *err);

/* Finds the gaps of everything added so far, as o says: every type not
 * skipped, at its severity, waived where a waiver in force matches, sorted
 * by subject, then type name, then message, then src (byte order).
 * Checks that need score records (off-target, stale-kpi, worsening-trend)
 * are skipped when none were added, and so are those that need rollups
 * (off-track-goal, unrealized-benefit).  Runs in time linear in the model
 * plus the score and rollup records (no recursion: goal trees may be
 * 100,000 levels deep).  Sets *gaps to the finder's array (borrowed, valid
 * until the next call or ak_gap_finder_free) and *count to its length.
 * Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_gap_find(ak_gap_finder *f, const ak_gap **gaps, size_t *count,
                          const ak_gap_options *o, ak_error *err);

/* A new {"kind":"gap","type":…,"severity":…,"subject":…,"message":…,
 * "fingerprint":…,"src":…} record for g ("src" left out when g has none;
 * "waived":true, "waiver_reason" and "waived_until" added when it is
 * waived; "new" when a baseline was given; "resolved":true for a baseline
 * finding gone), or NULL if out of memory. */
AK_EXTERN json_t *ak_gap_record(const ak_gap *g);

/* Whether any gap in gaps[0..count) that is not waived, not resolved and
 * (when a baseline was given) new has a severity at or above level. */
AK_EXTERN int ak_gap_fails(const ak_gap *gaps, size_t count, ak_severity level);

#ifdef __cplusplus
}
#endif
#endif
