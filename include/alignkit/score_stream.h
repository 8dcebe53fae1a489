/* The scoring stream: what kpi-score does to a JSON Lines stream
 * (alignkit(5), kpi-score(1)), as one object.  Fed the stream's lines one
 * at a time, it builds
 * the model, counts the measurements into their KPIs' periods, passes on
 * what it does not consume, and at the end writes the rollups and scores.
 * Memory grows with KPIs × periods, never with measurements: a measurement
 * read before its KPI waits in a temporary file, not in memory. */
#ifndef ALIGNKIT_SCORE_STREAM_H
#define ALIGNKIT_SCORE_STREAM_H

#include <stdio.h>
#include "alignkit/error.h"
#include "alignkit/export.h"
#include "alignkit/model.h"
#include "alignkit/score.h"
#include "alignkit/stream.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of ak_score_stream_new. */
#define AK_SCORE_STREAM_KEEP_MEASUREMENTS 1 /* pass the measurements on too */
#define AK_SCORE_STREAM_PARTIALS 2  /* write partial measurement records
                                     * (one per KPI and period of its
                                     * cadence) instead of scores: model
                                     * records, null measurements, those of
                                     * KPIs not in the stream and those
                                     * after as-of pass on unchanged */
#define AK_SCORE_STREAM_KEEP_GOING 4 /* a held-back measurement that
                                      * proves bad when it is settled (its
                                      * sum too large, say) is written as
                                      * an error record and the rest is
                                      * scored, as kpi-score --keep-going
                                      * does; ak_score_stream_finish then
                                      * returns AK_EINPUT, err naming the
                                      * first */

typedef struct ak_score_stream ak_score_stream;

/* A new scoring stream that writes to fp (borrowed; NULL writes nothing,
 * for a caller that reads the scores through ak_score_stream_scorer) with
 * options o (copied) and flags AK_SCORE_STREAM_*.  Returns AK_OK,
 * AK_EUSAGE when o->periods is out of range, or AK_ENOMEM; *out is then
 * NULL. */
AK_EXTERN int ak_score_stream_new(ak_score_stream **out, FILE *fp,
                                  const ak_score_options *o, int flags,
                                  ak_error *err);

/* Frees the stream, its model and its scorer, and removes its temporary
 * file.  NULL is a no-op. */
AK_EXTERN void ak_score_stream_free(ak_score_stream *s);

/* Takes in one line of the stream (borrowed; as ak_reader_next hands it
 * out: text, file, lineno, record and kind are read):
 *  - goal, initiative, kpi: added to the model and passed on; a second
 *    record with an id already taken passes on unused (gap-find reports
 *    it as duplicate-id);
 *  - measurement: counted into its KPI's periods and consumed (passed on
 *    too with AK_SCORE_STREAM_KEEP_MEASUREMENTS); one whose KPI has not
 *    come yet is held back until ak_score_stream_finish, and passed on
 *    then when its KPI never came; one dated after as-of is in no period
 *    and passes on (gap-find reports it as future-measurement);
 *  - any other kind: passed on.
 * Passing on writes the line's bytes as they came.  Returns AK_OK;
 * AK_EINPUT with err naming the record and field, located at the line
 * (the record is neither used nor passed on: the caller reports it, and
 * may go on); AK_EIO when writing failed ("write error: REASON") or the
 * temporary file failed ("cannot write a temporary file: REASON");
 * AK_ENOMEM.  After AK_EIO or AK_ENOMEM, only ak_score_stream_free. */
AK_EXTERN int ak_score_stream_add(ak_score_stream *s, const ak_line *line,
                                  ak_error *err);

/* What ak_score_stream_add_fast returns for a line it leaves to jansson. */
#define AK_SCORE_STREAM_NOT_MINE 1

/* The fast path for the common measurement line: takes in line (as
 * ak_reader_next_raw hands it out: text, len, file and lineno are read,
 * not record or kind) when it is a measurement that the scanner fully
 * recognises and that is valid as it stands, exactly as
 * ak_score_stream_add would take in its parsed record; returns
 * AK_SCORE_STREAM_NOT_MINE for any other line, which the caller then
 * parses (ak_reader_parse) and gives to ak_score_stream_add.  Otherwise
 * returns as ak_score_stream_add does. */
AK_EXTERN int ak_score_stream_add_fast(ak_score_stream *s, const ak_line *line,
                                       ak_error *err);

/* Ends the stream: counts the held-back measurements whose KPI came,
 * passes on the others (in the order they came, unless they were passed
 * on already), then writes the derived records in their order (alignkit(5)):
 * the rollups (by goal or initiative id, then period), then the scores (by
 * KPI id, then period).  Returns AK_OK, AK_EIO (as ak_score_stream_add
 * says, or "cannot read a temporary file") or AK_ENOMEM.  Call it once. */
AK_EXTERN int ak_score_stream_finish(ak_score_stream *s, ak_error *err);

/* The model built from the stream so far.  Borrowed: valid while s lives. */
AK_EXTERN const ak_model *ak_score_stream_model(const ak_score_stream *s);

/* The scorer, with every measurement counted once ak_score_stream_finish
 * has returned AK_OK (ak_scorer_count, ak_scorer_get: KPIs by their index
 * in ak_model_kpis of ak_score_stream_model).  Borrowed, as above. */
AK_EXTERN const ak_scorer *ak_score_stream_scorer(const ak_score_stream *s);

#ifdef __cplusplus
}
#endif
#endif
