/* What every alignkit tool does the same way: --version, usage errors,
 * reporting bad records under --keep-going, and closing standard output
 * with its write errors checked (SPEC §9).
 *
 * Write errors, the one idiom: the library's writers return AK_EIO with
 * "write error: REASON" in an ak_error; the tool prints it with
 * ak_tool_fail, as it prints every failure of the library, and stops;
 * ak_tool_exit closes standard output last and reports a failure there
 * only when none was reported already. */
#ifndef ALIGNKIT_TOOL_H
#define ALIGNKIT_TOOL_H

#include <stdio.h>
#include "alignkit.h"

/* Exit statuses (SPEC §9). */
#define AK_EXIT_OK 0
#define AK_EXIT_FINDINGS 1
#define AK_EXIT_ERROR 2

/* The start of every tool's main, before its options: a closed pipe ends
 * the run quietly (SIGPIPE back to its default, even when the caller
 * ignored it and we inherited that), and getopt prints nothing: the tool
 * reports a refused option itself (ak_tool_common_option). */
void ak_tool_start(void);

/* Prints "PROG VERSION" on stdout. */
void ak_tool_version(const char *prog);

/* Prints "PROG: message" and "Try 'PROG --help'." on stderr; returns
 * AK_EXIT_ERROR. */
int ak_tool_usage_error(const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The usage error for an option getopt_long did not accept; c is what it
 * returned (':' for a missing value, '?' otherwise).  Prints
 * "unknown option --x", "unknown option -x" or "option --x needs a value"
 * and returns AK_EXIT_ERROR. */
int ak_tool_option_error(const char *prog, int c, char *const argv[]);

/* What every tool does with the options all tools share, and with one
 * getopt refused: -h prints usage(stdout), --version (the tool's code
 * version) prints "NAME VERSION", each then closing standard output
 * (ak_tool_close_stdout); anything else is ak_tool_option_error. */
int ak_tool_common_option(const char *prog, int c, int version,
                          char *const argv[], void (*usage)(FILE *));

/* Parses the date of option opt ("--as-of"): returns 0, or prints a usage
 * error and returns AK_EXIT_ERROR. */
int ak_tool_date_option(ak_date *out, const char *prog, const char *opt,
                        const char *value);

/* Parses a number option; the same contract. */
int ak_tool_number_option(double *out, const char *prog, const char *opt,
                          const char *value);

/* Parses a whole-number option within [min, max]; the same contract. */
int ak_tool_count_option(long *out, const char *prog, const char *opt,
                         const char *value, long min, long max);

/* A bad input record: prints err on stderr as "PROG: FILE:LINE: text" and,
 * with keep_going, writes an error record to out.  Returns AK_EXIT_ERROR
 * when the tool must stop now (strict mode, or a write error, which it
 * reports), else 0. */
int ak_tool_bad_record(const char *prog, FILE *out, int keep_going,
                       const ak_error *err);

/* A library call failed: prints err on stderr as "PROG: [FILE:LINE: ]text"
 * and returns AK_EXIT_ERROR.  When standard output has failed by then, the
 * failure is taken as reported: ak_tool_exit does not report it again. */
int ak_tool_fail(const char *prog, const ak_error *err);

/* Flushes and closes stdout.  Returns AK_EXIT_OK, or prints
 * "PROG: write error: ..." and returns AK_EXIT_ERROR. */
int ak_tool_close_stdout(const char *prog);

/* The end of a run: closes stdout (ak_tool_close_stdout, quietly when
 * ak_tool_fail reported its failure already) and returns status, or
 * AK_EXIT_ERROR when stdout failed. */
int ak_tool_exit(const char *prog, int status);

#endif
