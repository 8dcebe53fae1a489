/* report-fmt: renders the stream for people (text, Markdown, HTML) and for
 * machines (CSV, JUnit, SARIF, GitHub annotations, GitLab Code Quality),
 * SPEC §10.  It reads the whole stream first: a report needs all of it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignkit.h"
#include "alignkit/atomic.h"
#include "alignkit/report.h"
#include "tool.h"

#define PROG "report-fmt"

static void
usage(FILE *fp)
{
	fputs("usage: " PROG " [-f FORMAT] [-o FILE] [--title T] [--section S,...]\n"
	      "                  [--history FILE] [--no-color] [--ascii] [--keep-going]\n"
	      "                  [FILE...]\n"
	      "Renders the alignkit stream as a report.\n"
	      "\n"
	      "  -f, --format FORMAT   text (default), markdown, html, csv, junit,\n"
	      "                        sarif, github or codequality\n"
	      "  -o, --output FILE     write FILE atomically instead of standard output\n"
	      "  --title T             the report's title (default: Alignment report)\n"
	      "  --section S,...       summary, goals, initiatives, kpis, checkins,\n"
	      "                        gaps, matrix, history, errors (default: all,\n"
	      "                        history and checkins when there are any;\n"
	      "                        csv: kpis, one section only)\n"
	      "  --history FILE        the rollups of earlier weeks (a cron job's\n"
	      "                        history.jsonl): each goal's course over them\n"
	      "  --no-color            no colour in text, even on a terminal\n"
	      "  --ascii               text: ASCII sparklines, tree lines and marks\n"
	      "  --keep-going          report each bad record, show it among the\n"
	      "                        errors, go on, and exit 2 at the end\n"
	      "  -h, --help            show this help\n"
	      "  --version             show the version\n"
	      "\n"
	      "Example:\n"
	      "  goals-load model/ | kpi-score | gap-find | report-fmt -f html -o report.html\n", fp);
}

/* Colour only for a person at a terminal who has not asked for none
 * (https://no-color.org: NO_COLOR set, whatever its value). */
static int
want_color(int no_color, const char *output)
{
	const char *term = getenv("TERM");

	return !no_color && output == NULL && getenv("NO_COLOR") == NULL &&
	       isatty(STDOUT_FILENO) && !(term != NULL && strcmp(term, "dumb") == 0);
}

int
main(int argc, char **argv)
{
	enum { OPT_TITLE = 256, OPT_SECTION, OPT_NO_COLOR, OPT_ASCII,
	       OPT_KEEP_GOING, OPT_VERSION, OPT_HISTORY };
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"title", required_argument, NULL, OPT_TITLE},
		{"section", required_argument, NULL, OPT_SECTION},
		{"no-color", no_argument, NULL, OPT_NO_COLOR},
		{"ascii", no_argument, NULL, OPT_ASCII},
		{"keep-going", no_argument, NULL, OPT_KEEP_GOING},
		{"history", required_argument, NULL, OPT_HISTORY},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	ak_report_options opt = {AK_REPORT_TEXT, 0, NULL, 0, 0};
	const char *output = NULL;
	ak_report *report = NULL;
	ak_reader *reader = NULL;
	ak_atomic *atomic = NULL;
	int no_color = 0, keep_going = 0, failed = 0, pass;
	const char *history = NULL;
	int c, rc;
	char reason[AK_ERROR_TEXT_LENGTH];
	ak_line line;
	ak_error err;
	FILE *out;

	ak_tool_start();
	while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (ak_report_format_parse(&opt.format, optarg, &err) != AK_OK)
				return ak_tool_usage_error(PROG, "%s", err.text);
			break;
		case 'o':
			if (optarg[0] == '\0')
				return ak_tool_usage_error(PROG, "-o needs a file name");
			output = optarg;
			break;
		case OPT_TITLE:
			opt.title = optarg;
			break;
		case OPT_SECTION:
			if (ak_report_sections_parse(&opt.sections, optarg, &err) != AK_OK)
				return ak_tool_usage_error(PROG, "--section: %s", err.text);
			break;
		case OPT_NO_COLOR:
			no_color = 1;
			break;
		case OPT_ASCII:
			opt.ascii = 1;
			break;
		case OPT_HISTORY:
			if (optarg[0] == '\0')
				return ak_tool_usage_error(PROG, "--history needs a file name");
			history = optarg;
			break;
		case OPT_KEEP_GOING:
			keep_going = 1;
			break;
		default:
			return ak_tool_common_option(PROG, c, OPT_VERSION, argv, usage);
		}
	}
	if (opt.format == AK_REPORT_CSV && opt.sections != 0 &&
	    (opt.sections & (opt.sections - 1)) != 0)
		return ak_tool_usage_error(PROG, "--section: csv writes one table: "
		                           "name one section");
	opt.color = opt.format == AK_REPORT_TEXT && want_color(no_color, output);
	if (ak_report_new(&report) != AK_OK) {
		ak_error_set(&err, AK_ENOMEM, "", 0, "out of memory");
		goto fail;
	}
	/* The history first, so that the stream's own rollups of a week the
	 * history holds too are the ones shown. */
	for (pass = history != NULL ? 0 : 1; pass < 2; pass++) {
		ak_reader_free(reader);
		reader = NULL;
		if (ak_reader_open(&reader, pass == 0 ? &history :
		                   (const char *const *)argv + optind,
		                   pass == 0 ? 1 : (size_t)(argc - optind),
		                   &err) != AK_OK)
			goto fail;
		while ((rc = ak_reader_next(reader, &line, &err)) != 0) {
			if (rc == 1) {
				ak_error_clear(&err);
				rc = pass == 0 ?
				     ak_report_add_history(report, line.record, line.file,
				                           line.lineno, &err) :
				     ak_report_add(report, line.record, line.file,
				                   line.lineno, &err);
				if (rc == AK_OK)
					continue;
				if (rc == AK_ENOMEM)
					goto fail;
			}
			/* A bad line or record, or a file that cannot be read. */
			ak_error_print(stderr, PROG, &err);
			failed = 1;
			if (!keep_going)
				goto out;
			if (ak_report_add_error(report, &err) != AK_OK) {
				ak_error_set(&err, AK_ENOMEM, "", 0, "out of memory");
				goto fail;
			}
		}
	}
	/* Nothing is created before the input has been read: a failed run
	 * leaves no file, and an old report stays as it was. */
	ak_error_clear(&err);
	if (output != NULL) {
		if (ak_atomic_open(&atomic, output, &err) != AK_OK)
			goto fail;
		out = ak_atomic_stream(atomic);
	} else {
		ak_stream_buffer(stdout);
		out = stdout;
	}
	rc = ak_report_write(report, out, &opt, &err);
	if (rc == AK_EIO && atomic != NULL) {
		/* The file is named, not the stream: "cannot write
		 * report.html: File too large". */
		memcpy(reason, err.text, sizeof(reason));
		ak_error_set(&err, AK_EIO, "", 0, "cannot write %s: %s", output,
		             reason + strlen(AK_WRITE_ERROR_PREFIX));
	}
	if (rc == AK_OK && atomic != NULL) {
		rc = ak_atomic_commit(atomic, &err);
		atomic = NULL;
	}
	if (rc == AK_OK)
		goto out;
fail:
	failed = 1;
	ak_tool_fail(PROG, &err);
out:
	ak_atomic_abort(atomic);
	ak_reader_free(reader);
	ak_report_free(report);
	return ak_tool_exit(PROG, failed ? AK_EXIT_ERROR : AK_EXIT_OK);
}
