/* The gap stream: what gap-find does to a JSON Lines stream
 * (alignkit(5), gap-find(1)), as one object.  Fed the stream's lines one at a time, it passes each on
 * as it came and collects it in a gap finder; at the end it finds the gaps
 * and writes their records. */
#ifndef ALIGNKIT_GAP_STREAM_H
#define ALIGNKIT_GAP_STREAM_H

#include <stddef.h>
#include <stdio.h>
#include "alignkit/error.h"
#include "alignkit/export.h"
#include "alignkit/gap.h"
#include "alignkit/stream.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Flags of ak_gap_stream_new. */
#define AK_GAP_STREAM_GAPS_ONLY 1 /* write only the gap records */

typedef struct ak_gap_stream ak_gap_stream;

/* A new gap stream that writes to fp (borrowed) with flags
 * AK_GAP_STREAM_*.  Returns AK_OK or AK_ENOMEM; *out is then NULL. */
AK_EXTERN int ak_gap_stream_new(ak_gap_stream **out, FILE *fp, int flags,
                                ak_error *err);

/* Frees the stream and its finder.  NULL is a no-op. */
AK_EXTERN void ak_gap_stream_free(ak_gap_stream *s);

/* The stream's gap finder, for waivers (ak_gap_finder_load_waivers,
 * ak_gap_finder_waive).  Borrowed: valid while s lives. */
AK_EXTERN ak_gap_finder *ak_gap_stream_finder(ak_gap_stream *s);

/* Takes in one line of the stream (borrowed; as ak_reader_next hands it
 * out), as ak_gap_finder_add says, and passes it on as it came unless
 * AK_GAP_STREAM_GAPS_ONLY.  Returns AK_OK; AK_EINPUT with err naming the
 * record and field, located at the line (the record is neither kept nor
 * passed on: the caller reports it, and may go on, with
 * ak_gap_stream_add_error under --keep-going); AK_EIO ("write error:
 * REASON"); AK_ENOMEM. */
AK_EXTERN int ak_gap_stream_add(ak_gap_stream *s, const ak_line *line,
                                ak_error *err);

/* An input error the caller goes on after (--keep-going): bad (borrowed;
 * located at the bad line) becomes an error record, written unless
 * AK_GAP_STREAM_GAPS_ONLY, and an invalid-record gap.  Returns AK_OK,
 * AK_EIO ("write error: REASON") or AK_ENOMEM. */
AK_EXTERN int ak_gap_stream_add_error(ak_gap_stream *s, const ak_error *bad,
                                      ak_error *err);

/* Ends the stream: finds the gaps as o (borrowed) says (ak_gap_find) and
 * writes their records in that order.  Sets *gaps to the finder's array
 * (borrowed, valid while s lives) and *count to its length.  Returns
 * AK_OK, AK_EIO ("write error: REASON") or AK_ENOMEM. */
AK_EXTERN int ak_gap_stream_finish(ak_gap_stream *s, const ak_gap **gaps,
                                   size_t *count, const ak_gap_options *o,
                                   ak_error *err);

/* Sets set[type] for each gap type named in the comma-separated list
 * (spaces around a name are allowed: "unowned, stale-kpi"), and for every
 * type of each group named there ("data,structure"), as
 * --only and --ignore take them.  Returns AK_OK, or AK_EUSAGE with
 * err->text `empty gap type in "LIST"` or as ak_gap_type_parse says;
 * set may then be partly filled. */
AK_EXTERN int ak_gap_types_parse(unsigned char set[AK_GAP_NTYPES],
                                 const char *list, ak_error *err);

/* Sets o->severity of one type from "TYPE=LEVEL" ("stale-kpi=error"), as
 * --severity takes it.  Returns AK_OK, or AK_EUSAGE with err->text
 * `"TEXT" is not TYPE=LEVEL` or as ak_gap_type_parse and
 * ak_severity_parse say; o is then unchanged. */
AK_EXTERN int ak_gap_severity_parse(ak_gap_options *o, const char *assignment,
                                    ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
