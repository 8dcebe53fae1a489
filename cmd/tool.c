/* Shared command-line plumbing of the alignkit tools (see tool.h). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* ak_tool_fail reported a failure of stdout: not to be reported again. */
static int stdout_reported;

void
ak_tool_version(const char *prog)
{
	printf("%s %s\n", prog, AK_VERSION);
}

void
ak_tool_start(void)
{
	signal(SIGPIPE, SIG_DFL);
	opterr = 0;
}

int
ak_tool_usage_error(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", prog);
	return AK_EXIT_ERROR;
}

int
ak_tool_option_error(const char *prog, int c, char *const argv[])
{
	const char *arg = argv[optind - 1];

	/* A long option's value above 255 in optopt means it lacked its
	 * value; a printable optopt is an unknown short option. */
	if (c == ':' || optopt > 255)
		return ak_tool_usage_error(prog, "option %s needs a value", arg);
	if (optopt > ' ' && optopt < 127)
		return ak_tool_usage_error(prog, "unknown option -%c", optopt);
	return ak_tool_usage_error(prog, "unknown option %s", arg);
}

int
ak_tool_common_option(const char *prog, int c, int version,
                      char *const argv[], void (*usage)(FILE *))
{
	if (c == 'h') {
		usage(stdout);
		return ak_tool_close_stdout(prog);
	}
	if (c == version) {
		ak_tool_version(prog);
		return ak_tool_close_stdout(prog);
	}
	return ak_tool_option_error(prog, c, argv);
}

int
ak_tool_date_option(ak_date *out, const char *prog, const char *opt,
                    const char *value)
{
	ak_error err;

	if (ak_date_parse(out, value, strlen(value), &err) != AK_OK)
		return ak_tool_usage_error(prog, "%s: %s", opt, err.text);
	return 0;
}

int
ak_tool_number_option(double *out, const char *prog, const char *opt,
                      const char *value)
{
	ak_error err;

	if (ak_num_parse(out, value, strlen(value), 0, &err) != AK_OK)
		return ak_tool_usage_error(prog, "%s: %s", opt, err.text);
	return 0;
}

int
ak_tool_count_option(long *out, const char *prog, const char *opt,
                     const char *value, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || v < min || v > max)
		return ak_tool_usage_error(prog, "%s: \"%s\" is not a whole number from %ld to %ld",
		                           opt, value, min, max);
	*out = v;
	return 0;
}

int
ak_tool_bad_record(const char *prog, FILE *out, int keep_going,
                   const ak_error *err)
{
	ak_error werr;
	json_t *rec;
	int rc;

	ak_error_print(stderr, prog, err);
	if (!keep_going)
		return AK_EXIT_ERROR;
	if ((rec = ak_error_record(err)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return AK_EXIT_ERROR;
	}
	rc = ak_write_record(out, rec, &werr);
	json_decref(rec);
	return rc == AK_OK ? 0 : ak_tool_fail(prog, &werr);
}

int
ak_tool_fail(const char *prog, const ak_error *err)
{
	ak_error_print(stderr, prog, err);
	if (ferror(stdout))
		stdout_reported = 1;
	return AK_EXIT_ERROR;
}

int
ak_tool_close_stdout(const char *prog)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "%s: write error: %s\n", prog,
		        strerror(errno ? errno : EIO));
		return AK_EXIT_ERROR;
	}
	return AK_EXIT_OK;
}

int
ak_tool_exit(const char *prog, int status)
{
	if (stdout_reported) {
		fclose(stdout);
		return AK_EXIT_ERROR;
	}
	return ak_tool_close_stdout(prog) == AK_EXIT_OK ? status : AK_EXIT_ERROR;
}
