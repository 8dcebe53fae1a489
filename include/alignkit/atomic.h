/* Writing a file atomically (SPEC §9): the output goes to a temporary file
 * in the destination's directory, which is flushed to disk and renamed over
 * the destination only when everything was written.  A reader (a web
 * server, a CI job) sees the old file or the new one, never half of one,
 * and a failed run leaves the old file as it was. */
#ifndef ALIGNKIT_ATOMIC_H
#define ALIGNKIT_ATOMIC_H

#include <stdio.h>
#include "alignkit/export.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ak_atomic ak_atomic;

/* Creates the temporary file ".NAME.XXXXXX" (mkstemp) next to path and
 * sets *out to a new handle the caller must end with ak_atomic_commit or
 * ak_atomic_abort.  path is copied.  Returns AK_OK, AK_ENOMEM, or AK_EIO
 * with err->text naming path and the system's reason ("cannot create
 * out/report.html: No such file or directory"); *out is then NULL and
 * nothing was created. */
AK_EXTERN int ak_atomic_open(ak_atomic **out, const char *path, ak_error *err);

/* The stream to write to.  Borrowed: valid until commit or abort, which
 * close it; do not fclose it yourself. */
AK_EXTERN FILE *ak_atomic_stream(ak_atomic *a);

/* Flushes the stream, fsyncs the file, gives it the mode a new file would
 * get (0666 less the umask) or the mode of the file it replaces, renames it
 * over path and fsyncs the directory.  Always frees a (it steals the
 * handle).  On any failure, including an earlier write error on the
 * stream, the temporary file is removed, path is left untouched, and
 * AK_EIO is returned with err->text naming path ("cannot write
 * report.html: No space left on device"). */
AK_EXTERN int ak_atomic_commit(ak_atomic *a, ak_error *err);

/* Closes and removes the temporary file and frees a; path is untouched.
 * NULL is a no-op. */
AK_EXTERN void ak_atomic_abort(ak_atomic *a);

#ifdef __cplusplus
}
#endif
#endif
