/* Unit tests of lib/atomic.c: a file written atomically is there whole or
 * not at all, with a sensible mode, and no temporary file is left. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
