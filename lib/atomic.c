/* Atomic file output (see atomic.h): mkstemp in the destination's
 * directory, fsync, rename, fsync the directory. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alignkit/atomic.h"

struct ak_atomic {
	FILE *fp;
	char *path;   /* the destination */
	char *tmp;    /* the temporary file beside it */
	char *dir;    /* the directory both live in */
};

static void
atomic_free(ak_atomic *a)
{
	free(a->path);
	free(a->tmp);
	free(a->dir);
	free(a);
}

/* The directory part of path ("." when it has none), as a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *d;

	if (slash == NULL)
		return strdup(".");
	n = slash == path ? 1 : (size_t)(slash - path);
	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

int
ak_atomic_open(ak_atomic **out, const char *path, ak_error *err)
{
	const char *base;
	ak_atomic *a;
	size_t dlen, blen;
	int fd;

	*out = NULL;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	base = strrchr(path, '/');
	base = base == NULL ? path : base + 1;
	if (*base == '\0') {
		free(a);
		return ak_error_set(err, AK_EIO, NULL, 0,
		                    "cannot create %s: Is a directory", path);
	}
	a->path = strdup(path);
	a->dir = dir_of(path);
	dlen = (size_t)(base - path);
	blen = strlen(base);
	/* The dot keeps a half-written report out of directory listings and
	 * globs such as *.html. */
	a->tmp = malloc(dlen + 1 + blen + 8);
	if (a->path == NULL || a->dir == NULL || a->tmp == NULL) {
		atomic_free(a);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	memcpy(a->tmp, path, dlen);
	a->tmp[dlen] = '.';
	memcpy(a->tmp + dlen + 1, base, blen);
	memcpy(a->tmp + dlen + 1 + blen, ".XXXXXX", 8);
	if ((fd = mkstemp(a->tmp)) < 0) {
		ak_error_set(err, AK_EIO, NULL, 0, "cannot create %s: %s", path,
		             strerror(errno));
		atomic_free(a);
		return AK_EIO;
	}
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		unlink(a->tmp);
		atomic_free(a);
		return ak_error_set(err, AK_EIO, NULL, 0, "cannot create %s: %s",
		                    path, strerror(e));
	}
	*out = a;
	return AK_OK;
}

FILE *
ak_atomic_stream(ak_atomic *a)
{
	return a->fp;
}

/* The mode the file gets: that of the file it replaces, so that a report
 * a web server reads stays readable; else what open(2) would give a new
 * file.  mkstemp's 0600 would be neither. */
static mode_t
final_mode(const char *path)
{
	struct stat st;
	mode_t mask;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int
ak_atomic_commit(ak_atomic *a, ak_error *err)
{
	int e = 0, fd, dfd;

	if (fflush(a->fp) != 0 || ferror(a->fp))
		e = errno ? errno : EIO;
	fd = fileno(a->fp);
	if (e == 0 && fchmod(fd, final_mode(a->path)) != 0)
		e = errno;
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (fclose(a->fp) != 0 && e == 0)
		e = errno ? errno : EIO;
	a->fp = NULL;
	if (e == 0 && rename(a->tmp, a->path) != 0)
		e = errno;
	if (e != 0) {
		unlink(a->tmp);
		ak_error_set(err, AK_EIO, NULL, 0, "cannot write %s: %s", a->path,
		             strerror(e));
		atomic_free(a);
		return AK_EIO;
	}
	/* Without this the rename itself may not survive a crash. */
	if ((dfd = open(a->dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	atomic_free(a);
	return AK_OK;
}

void
ak_atomic_abort(ak_atomic *a)
{
	if (a == NULL)
		return;
	if (a->fp != NULL)
		fclose(a->fp);
	unlink(a->tmp);
	atomic_free(a);
}
