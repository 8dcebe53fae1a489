/* Writing a file atomically (report-fmt(1)): the output goes to a temporary file
 * in the destination's directory, which is flushed to disk and renamed over
 * the destination only when everything was written.  A reader (a web
 * server, a CI job) sees the old file or the new one, never half of one,
 * and a failed run leaves the old file as it was.  A path that is a
 * device, FIFO or socket (/dev/null, a pipe a reader holds) is written
 * through instead, and a symlink is followed: the file it names is
 * replaced and the link stays. */
#ifndef ALIGNKIT_ATOMIC_H
#define ALIGNKIT_ATOMIC_H

#include <stdio.h>
#include "alignkit/export.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ak_atomic ak_atomic;

/* Opens path for writing and sets *out to a new handle the caller must end
 * with ak_atomic_commit or ak_atomic_abort; path is copied.
 *  - A symlink (a chain of them) is followed to the file it names, which
 *    need not exist yet.
 *  - A regular file, or none: the temporary file ".NAME.XXXXXX" (mkstemp)
 *    is created beside it.  Until commit or abort, SIGHUP, SIGINT and
 *    SIGTERM remove it before they end the process: handlers are
 *    installed for those whose action is the default (an ignored signal
 *    needs none; a program with handlers of its own calls
 *    ak_atomic_abort), and the old actions come back when no temporary
 *    file is left.  The list of temporary files is guarded by blocking
 *    the signals in the calling thread: use one thread.
 *  - A device, FIFO or socket, or a name of an open file (/dev/stdout,
 *    /dev/fd/N): opened (a socket connected) and written through, never
 *    replaced; opening a FIFO waits for a reader.
 * Returns AK_OK, AK_ENOMEM, or AK_EIO with err->text naming path and the
 * system's reason ("cannot create out/report.html: No such file or
 * directory"); *out is then NULL and nothing was created. */
AK_EXTERN int ak_atomic_open(ak_atomic **out, const char *path, ak_error *err);

/* The stream to write to.  Borrowed: valid until commit or abort, which
 * close it; do not fclose it yourself. */
AK_EXTERN FILE *ak_atomic_stream(ak_atomic *a);

/* Flushes the stream, fsyncs the file, gives it the mode a new file would
 * get (0666 less the umask) or the mode of the file it replaces, renames it
 * over the file path names and fsyncs the directory; a file written
 * through is flushed and closed.  Always frees a (it steals the handle).
 * On any failure, including an earlier write error on the stream, the
 * temporary file is removed, the destination is left untouched, and
 * AK_EIO is returned with err->text naming path ("cannot write
 * report.html: No space left on device"). */
AK_EXTERN int ak_atomic_commit(ak_atomic *a, ak_error *err);

/* Closes and removes the temporary file (a file written through is
 * closed) and frees a; the destination is untouched.
 * NULL is a no-op. */
AK_EXTERN void ak_atomic_abort(ak_atomic *a);

#ifdef __cplusplus
}
#endif
#endif
