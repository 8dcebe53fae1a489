/* Atomic file output (see atomic.h): mkstemp beside the file the path
 * names, fsync, rename, fsync the directory; devices, FIFOs and sockets
 * written through; the temporary file removed when a signal ends the
 * process. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "alignkit/atomic.h"
#include "util_internal.h"

struct ak_atomic {
	FILE *fp;
	char *path;         /* the name given, for messages */
	char *target;       /* what is replaced: path, its symlinks followed */
	char *tmp;          /* the temporary file beside target; NULL when
	                     * written through */
	char *dir;          /* the directory target and tmp live in */
	ak_atomic *next;    /* in the list the signal handler walks */
};

/* ---- the temporary files a signal removes ------------------------------
 * The list is changed only with the signals blocked, so the handler never
 * sees it half changed; it only reads names and calls unlink(2), which is
 * async-signal-safe.  A name joins the list after mkstemp made it and
 * leaves it before rename(2) gives it away, so the handler removes only
 * files this process created and still owns. */
static const int cleanup_signals[] = {SIGHUP, SIGINT, SIGTERM};
static ak_atomic *volatile pending;
static struct sigaction saved[AK_NELEM(cleanup_signals)];
static int installed[AK_NELEM(cleanup_signals)];

static void
on_signal(int sig)
{
	struct sigaction dfl;
	int e = errno;

	for (ak_atomic *a = pending; a != NULL; a = a->next)
		unlink(a->tmp);
	/* Die of the signal, as without us: it is blocked while this runs,
	 * so it is delivered, with the default action, on return. */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
	errno = e;
}

static void
block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < AK_NELEM(cleanup_signals); i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* With the signals blocked: the handler goes where the disposition is
 * the default.  A signal ignored needs none, and one the program handles
 * itself is the program's (it calls ak_atomic_abort). */
static void
install_handlers(void)
{
	struct sigaction sa, cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < AK_NELEM(cleanup_signals); i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (size_t i = 0; i < AK_NELEM(cleanup_signals); i++) {
		if (installed[i] || sigaction(cleanup_signals[i], NULL, &cur) != 0)
			continue;
		if (!(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_DFL &&
		    sigaction(cleanup_signals[i], &sa, &saved[i]) == 0)
			installed[i] = 1;
	}
}

/* With the signals blocked: when no temporary file is left, each
 * disposition goes back to what it was, unless the program has changed
 * it since. */
static void
remove_handlers(void)
{
	struct sigaction cur;

	if (pending != NULL)
		return;
	for (size_t i = 0; i < AK_NELEM(cleanup_signals); i++) {
		if (!installed[i])
			continue;
		installed[i] = 0;
		if (sigaction(cleanup_signals[i], NULL, &cur) == 0 &&
		    !(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == on_signal)
			sigaction(cleanup_signals[i], &saved[i], NULL);
	}
}

/* With the signals blocked. */
static void
unlist(ak_atomic *a)
{
	ak_atomic *p;

	if (pending == a) {
		pending = a->next;
		return;
	}
	for (p = pending; p != NULL && p->next != a; p = p->next)
		;
	if (p != NULL)
		p->next = a->next;
}

/* ---- names -------------------------------------------------------------- */

static void
atomic_free(ak_atomic *a)
{
	free(a->path);
	free(a->target);
	free(a->tmp);
	free(a->dir);
	free(a);
}

/* The directory part of path ("." when it has none), as a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	return ak_strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* The target of the symlink link, as a new string, relative to link's
 * directory when it is relative; NULL with errno set. */
static char *
link_target(const char *link)
{
	size_t size = 256;
	char *buf = NULL, *joined, *dir;
	ssize_t n;

	for (;;) {
		char *b = realloc(buf, size);

		if (b == NULL) {
			free(buf);
			return NULL;
		}
		buf = b;
		if ((n = readlink(link, buf, size)) < 0) {
			free(buf);
			return NULL;
		}
		if ((size_t)n < size)
			break;
		size *= 2;
	}
	buf[n] = '\0';
	if (buf[0] == '/' || strchr(link, '/') == NULL)
		return buf;
	if ((dir = dir_of(link)) == NULL ||
	    (joined = malloc(strlen(dir) + 1 + (size_t)n + 1)) == NULL) {
		free(dir);
		free(buf);
		return NULL;
	}
	strcpy(joined, dir);
	strcat(joined, "/");
	strcat(joined, buf);
	free(dir);
	free(buf);
	return joined;
}

/* Follows the symlinks path is, and sets *out to the name of what they
 * lead to (a new string, perhaps not there yet: a dangling link names the
 * file to create) and *through to 1 when that is a name of an open file
 * (/dev/stdout, /dev/fd/1: a link on procfs) rather than a file's name.
 * Returns 0, or an errno value. */
static int
follow_links(char **out, int *through, const char *path)
{
	struct stat st, proc;
	int have_proc = lstat("/proc/self", &proc) == 0;
	char *p = strdup(path), *next;

	*out = NULL;
	*through = 0;
	for (int hops = 0; p != NULL; hops++) {
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			break;
		if (have_proc && st.st_dev == proc.st_dev) {
			*through = 1;
			break;
		}
		if (hops == 40) {
			free(p);
			return ELOOP;
		}
		next = link_target(p);
		free(p);
		p = next;
	}
	if (p == NULL)
		return errno ? errno : ENOMEM;
	*out = p;
	return 0;
}

/* A Unix socket, connected: the one kind of file open(2) cannot open. */
static int
connect_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, e;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* A device, FIFO or socket, or a name of an open file: opened and
 * written, never replaced.  O_APPEND: /dev/stdout redirected to a file
 * goes on after what is there, as writing to standard output would. */
static int
open_through(ak_atomic *a)
{
	struct stat st;
	int fd = open(a->target, O_WRONLY | O_APPEND | O_NOCTTY);

	if (fd < 0 && errno == ENXIO && stat(a->target, &st) == 0 &&
	    S_ISSOCK(st.st_mode))
		fd = connect_socket(a->target);
	if (fd < 0)
		return -1;
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return 0;
}

/* The temporary file ".NAME.XXXXXX" beside target: the dot keeps a
 * half-written report out of directory listings and globs such as
 * *.html. */
static int
open_temporary(ak_atomic *a)
{
	const char *base = strrchr(a->target, '/');
	size_t dlen, blen;
	sigset_t old;
	int fd, e;

	base = base == NULL ? a->target : base + 1;
	dlen = (size_t)(base - a->target);
	blen = strlen(base);
	if ((a->dir = dir_of(a->target)) == NULL ||
	    (a->tmp = malloc(dlen + 1 + blen + 8)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(a->tmp, a->target, dlen);
	a->tmp[dlen] = '.';
	memcpy(a->tmp + dlen + 1, base, blen);
	memcpy(a->tmp + dlen + 1 + blen, ".XXXXXX", 8);
	/* Handlers first, then the file, then its name on the list: a signal
	 * that comes meanwhile waits, and then finds the name. */
	block_signals(&old);
	install_handlers();
	if ((fd = mkstemp(a->tmp)) >= 0) {
		a->next = pending;
		pending = a;
	} else {
		e = errno;
		remove_handlers();
		free(a->tmp);
		a->tmp = NULL;
		sigprocmask(SIG_SETMASK, &old, NULL);
		errno = e;
		return -1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if ((a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		close(fd);
		block_signals(&old);
		unlink(a->tmp);
		unlist(a);
		remove_handlers();
		sigprocmask(SIG_SETMASK, &old, NULL);
		errno = e;
		return -1;
	}
	return 0;
}

int
ak_atomic_open(ak_atomic **out, const char *path, ak_error *err)
{
	const char *base;
	struct stat st;
	ak_atomic *a;
	int through, e;

	*out = NULL;
	base = strrchr(path, '/');
	base = base == NULL ? path : base + 1;
	if (*base == '\0')
		return ak_error_set(err, AK_EIO, NULL, 0,
		                    "cannot create %s: Is a directory", path);
	if ((a = calloc(1, sizeof(*a))) == NULL || (a->path = strdup(path)) == NULL) {
		free(a);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	if ((e = follow_links(&a->target, &through, path)) != 0) {
		atomic_free(a);
		if (e == ENOMEM)
			return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
		return ak_error_set(err, AK_EIO, NULL, 0, "cannot create %s: %s",
		                    path, strerror(e));
	}
	/* A directory goes the way of a file: rename(2) refuses it. */
	if (!through && stat(a->target, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode))
		through = 1;
	if ((through ? open_through(a) : open_temporary(a)) != 0) {
		e = errno;
		atomic_free(a);
		if (e == ENOMEM)
			return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
		return ak_error_set(err, AK_EIO, NULL, 0, "cannot %s %s: %s",
		                    through ? "open" : "create", path, strerror(e));
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

/* Removes the temporary file (if it is still there and ours) and takes
 * its name off the list. */
static void
drop_temporary(ak_atomic *a)
{
	sigset_t old;

	block_signals(&old);
	unlink(a->tmp);
	unlist(a);
	remove_handlers();
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int
ak_atomic_commit(ak_atomic *a, ak_error *err)
{
	int e = 0, fd, dfd;
	sigset_t old;

	if (fflush(a->fp) != 0 || ferror(a->fp))
		e = errno ? errno : EIO;
	if (a->tmp == NULL) {
		/* Written through: there is nothing to rename. */
		if (fclose(a->fp) != 0 && e == 0)
			e = errno ? errno : EIO;
		a->fp = NULL;
		if (e != 0)
			ak_error_set(err, AK_EIO, NULL, 0, "cannot write %s: %s",
			             a->path, strerror(e));
		atomic_free(a);
		return e != 0 ? AK_EIO : AK_OK;
	}
	fd = fileno(a->fp);
	if (e == 0 && fchmod(fd, final_mode(a->target)) != 0)
		e = errno;
	if (e == 0 && fsync(fd) != 0)
		e = errno;
	if (fclose(a->fp) != 0 && e == 0)
		e = errno ? errno : EIO;
	a->fp = NULL;
	if (e == 0) {
		/* Once renamed the name is the report's: off the list first. */
		block_signals(&old);
		if (rename(a->tmp, a->target) != 0)
			e = errno;
		else {
			unlist(a);
			remove_handlers();
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
	}
	if (e != 0) {
		drop_temporary(a);
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
	if (a->tmp != NULL)
		drop_temporary(a);
	atomic_free(a);
}
