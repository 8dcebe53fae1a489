/* Unit tests of lib/atomic.c: a file written atomically is there whole or
 * not at all, with a sensible mode, and no temporary file is left. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alignkit/atomic.h"

struct fixture {
	char dir[64];
	char path[128];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	strcpy(f->dir, "/tmp/alignkit-atomic.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/report.txt", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* The names in dir, hidden ones too (a temporary file starts with a
 * dot), sorted and joined with spaces. */
static void
listing(const char *dir, char *buf, size_t size)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 &&
		    strcmp(names[i]->d_name, "..") != 0) {
			if (buf[0] != '\0')
				strncat(buf, " ", size - strlen(buf) - 1);
			strncat(buf, names[i]->d_name, size - strlen(buf) - 1);
		}
		free(names[i]);
	}
	free(names);
}

static void
slurp(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, size - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

static void
put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void
test_commit_writes_the_file(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char buf[256];
	struct stat st;
	mode_t old = umask(022);

	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("the whole report\n", ak_atomic_stream(a));
	/* Nothing at the destination until the commit. */
	assert_int_not_equal(access(f->path, F_OK), 0);
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	umask(old);
	slurp(f->path, buf, sizeof(buf));
	assert_string_equal(buf, "the whole report\n");
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
}

static void
test_abort_keeps_the_old_file(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char buf[256];

	put_file(f->path, "last week\n");
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("half a rep", ak_atomic_stream(a));
	ak_atomic_abort(a);
	slurp(f->path, buf, sizeof(buf));
	assert_string_equal(buf, "last week\n");
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
	ak_atomic_abort(NULL);
}

static void
test_replace_keeps_the_mode(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	struct stat st;
	char buf[256];

	put_file(f->path, "old\n");
	assert_int_equal(chmod(f->path, 0640), 0);
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("new\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	slurp(f->path, buf, sizeof(buf));
	assert_string_equal(buf, "new\n");
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
}

static void
test_open_in_a_missing_directory(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a = (ak_atomic *)1;
	ak_error err;
	char path[256], want[320];

	snprintf(path, sizeof(path), "%s/nowhere/report.txt", f->dir);
	assert_int_equal(ak_atomic_open(&a, path, &err), AK_EIO);
	assert_null(a);
	snprintf(want, sizeof(want), "cannot create %s: No such file or directory",
	         path);
	assert_string_equal(err.text, want);
}

static void
test_a_directory_name(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char path[256], want[320];

	snprintf(path, sizeof(path), "%s/", f->dir);
	assert_int_equal(ak_atomic_open(&a, path, &err), AK_EIO);
	snprintf(want, sizeof(want), "cannot create %s: Is a directory", path);
	assert_string_equal(err.text, want);
}

static void
test_failed_rename_removes_the_temporary(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char buf[256], want[320];

	/* A directory where the file should go: rename(2) refuses. */
	assert_int_equal(mkdir(f->path, 0755), 0);
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("report\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_EIO);
	snprintf(want, sizeof(want), "cannot write %s: Is a directory", f->path);
	assert_string_equal(err.text, want);
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
}

static void
test_write_error_fails_the_commit(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char buf[256];

	put_file(f->path, "last week\n");
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("report\n", ak_atomic_stream(a));
	/* What a full disk leaves behind: the stream's error flag. */
	{
		FILE *fp = ak_atomic_stream(a);
		char c;

		/* Reading a write-only stream sets its error indicator. */
		assert_int_equal(fread(&c, 1, 1, fp), 0);
		assert_true(ferror(fp));
	}
	assert_int_equal(ak_atomic_commit(a, &err), AK_EIO);
	assert_non_null(strstr(err.text, "cannot write "));
	slurp(f->path, buf, sizeof(buf));
	assert_string_equal(buf, "last week\n");
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
}

static void
test_a_name_without_a_directory(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char cwd[512], buf[256];

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(f->dir), 0);
	assert_int_equal(ak_atomic_open(&a, "plain.txt", &err), AK_OK);
	fputs("x\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	assert_int_equal(chdir(cwd), 0);
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "plain.txt");
}

static void
test_a_symlink_is_followed(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char target[160], link[160], chain[160], buf[256];
	struct stat st;

	snprintf(target, sizeof(target), "%s/sub", f->dir);
	assert_int_equal(mkdir(target, 0755), 0);
	snprintf(target, sizeof(target), "%s/sub/real.txt", f->dir);
	snprintf(link, sizeof(link), "%s/link.txt", f->dir);
	snprintf(chain, sizeof(chain), "%s/chain.txt", f->dir);
	put_file(target, "old\n");
	assert_int_equal(symlink("sub/real.txt", link), 0);
	assert_int_equal(symlink("link.txt", chain), 0);
	assert_int_equal(ak_atomic_open(&a, chain, &err), AK_OK);
	fputs("new\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	slurp(target, buf, sizeof(buf));
	assert_string_equal(buf, "new\n");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(chain, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "chain.txt link.txt sub");
	snprintf(target, sizeof(target), "%s/sub", f->dir);
	listing(target, buf, sizeof(buf));
	assert_string_equal(buf, "real.txt");
}

/* A FIFO is written through to its reader, a child process. */
static void
test_a_fifo_is_written_through(void **state)
{
	struct fixture *f = *state;
	ak_atomic *a;
	ak_error err;
	char buf[256];
	struct stat st;
	int status, fds[2];
	pid_t pid;

	assert_int_equal(mkfifo(f->path, 0644), 0);
	assert_int_equal(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		FILE *in = fopen(f->path, "r");
		size_t n = in != NULL ? fread(buf, 1, sizeof(buf), in) : 0;

		_exit(write(fds[1], buf, n) == (ssize_t)n ? 0 : 1);
	}
	close(fds[1]);
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("through the pipe\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(status, 0);
	memset(buf, 0, sizeof(buf));
	assert_true(read(fds[0], buf, sizeof(buf) - 1) > 0);
	close(fds[0]);
	assert_string_equal(buf, "through the pipe\n");
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
}

/* A Unix socket is connected to and written through. */
static void
test_a_socket_is_written_through(void **state)
{
	struct fixture *f = *state;
	struct sockaddr_un sa;
	ak_atomic *a;
	ak_error err;
	char buf[256];
	struct stat st;
	int lfd, cfd;
	ssize_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, f->path);
	assert_true((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	fputs("to the socket\n", ak_atomic_stream(a));
	assert_int_equal(ak_atomic_commit(a, &err), AK_OK);
	assert_true((cfd = accept(lfd, NULL, NULL)) >= 0);
	n = read(cfd, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "to the socket\n");
	close(cfd);
	close(lfd);
	assert_int_equal(lstat(f->path, &st), 0);
	assert_true(S_ISSOCK(st.st_mode));
}

/* A child opens the file, writes, tells the parent, and waits; the
 * parent sends sig.  The child dies of it, and the temporary file is
 * gone. */
static void
killed_while_writing(struct fixture *f, int sig)
{
	int ready[2], hold[2], status;
	char buf[256], c;
	pid_t pid;

	put_file(f->path, "last week\n");
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(hold), 0);
	if ((pid = fork()) == 0) {
		ak_atomic *a;
		ak_error err;

		signal(sig, SIG_DFL);
		if (ak_atomic_open(&a, f->path, &err) != AK_OK)
			_exit(3);
		fputs("half a rep", ak_atomic_stream(a));
		fflush(ak_atomic_stream(a));
		if (write(ready[1], "r", 1) != 1)
			_exit(4);
		(void)read(hold[0], &c, 1);
		_exit(5);
	}
	close(ready[1]);
	close(hold[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	listing(f->dir, buf, sizeof(buf));
	assert_non_null(strstr(buf, ".report.txt."));
	assert_int_equal(kill(pid, sig), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(ready[0]);
	close(hold[1]);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), sig);
	listing(f->dir, buf, sizeof(buf));
	assert_string_equal(buf, "report.txt");
	slurp(f->path, buf, sizeof(buf));
	assert_string_equal(buf, "last week\n");
}

static void
test_sigterm_removes_the_temporary(void **state)
{
	killed_while_writing(*state, SIGTERM);
}

static void
test_sigint_removes_the_temporary(void **state)
{
	killed_while_writing(*state, SIGINT);
}

static void
test_sighup_removes_the_temporary(void **state)
{
	killed_while_writing(*state, SIGHUP);
}

/* The handlers are there only while a temporary file is: afterwards each
 * signal's action is what it was. */
static void
test_the_old_actions_come_back(void **state)
{
	struct fixture *f = *state;
	struct sigaction cur;
	ak_atomic *a;
	ak_error err;

	signal(SIGHUP, SIG_IGN);
	assert_int_equal(ak_atomic_open(&a, f->path, &err), AK_OK);
	assert_int_equal(sigaction(SIGHUP, NULL, &cur), 0);
	assert_true(cur.sa_handler == SIG_IGN);
	assert_int_equal(sigaction(SIGTERM, NULL, &cur), 0);
	assert_true(cur.sa_handler != SIG_DFL);
	ak_atomic_abort(a);
	assert_int_equal(sigaction(SIGTERM, NULL, &cur), 0);
	assert_true(cur.sa_handler == SIG_DFL);
	assert_int_equal(sigaction(SIGHUP, NULL, &cur), 0);
	assert_true(cur.sa_handler == SIG_IGN);
	signal(SIGHUP, SIG_DFL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_commit_writes_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_keeps_the_old_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_keeps_the_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_in_a_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_directory_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_rename_removes_the_temporary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error_fails_the_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_name_without_a_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_symlink_is_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_fifo_is_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_socket_is_written_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigterm_removes_the_temporary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sigint_removes_the_temporary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sighup_removes_the_temporary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_the_old_actions_come_back, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
