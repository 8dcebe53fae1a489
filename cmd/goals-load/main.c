/* goals-load: reads goals, initiatives, KPIs and measurements from CSV,
 * JSON Lines and JSON files and directories (or from an Archi model's CSV
 * export), and writes them as validated JSON Lines records (SPEC §4). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "alignkit/archi.h"
#include "alignkit/load.h"
#include "tool.h"

#define PROG "goals-load"

/* What the handler keeps between calls. */
struct run {
	int keep_going;
	int failed;             /* an error was reported: exit 2 at the end */
	ak_error write_error;   /* why on_record stopped the loader */
};

static void
usage(FILE *fp)
{
	fputs("usage: " PROG " [-d CHAR] [--[no-]decimal-comma] [--kind KIND] "
	      "[--format FORMAT]\n"
	      "                  [--keep-going] [--raw] [FILE|DIR|-]...\n"
	      "       " PROG " --from archi [-d CHAR] [--decimal-comma] "
	      "[--keep-going] DIR|FILE...\n"
	      "Reads goals, initiatives, KPIs and measurements and writes them as\n"
	      "validated JSON Lines records.\n"
	      "\n"
	      "  -d CHAR            CSV delimiter (default: ',', or ';' or tab as the\n"
	      "                     header line shows; 'tab' names a tab)\n"
	      "  --decimal-comma    CSV numbers are written 1.234,5 (the default in\n"
	      "                     ';'-separated files)\n"
	      "  --no-decimal-comma  CSV numbers are 1234.5, even in ';' files\n"
	      "  --kind KIND        records without a kind, in files whose name gives\n"
	      "                     none: goal, initiative, kpi, measurement, target\n"
	      "                     or checkin\n"
	      "  --format FORMAT    read the files named as csv, jsonl or json\n"
	      "                     (default: by ending; standard input is jsonl)\n"
	      "  --keep-going       report each bad record, write it as an error\n"
	      "                     record, go on, and exit 2 at the end\n"
	      "  --raw              write each CSV row as an object of strings,\n"
	      "                     without validation\n"
	      "  --from archi       read an Archi model's CSV export (its directory\n"
	      "                     or its files; see alignkit-archi(7))\n"
	      "  -h, --help         show this help\n"
	      "  --version          show the version\n"
	      "\n"
	      "Example:\n"
	      "  goals-load model/ | kpi-score | gap-find | report-fmt -f markdown\n", fp);
}

static int
on_record(void *ctx, const ak_load_record *rec)
{
	struct run *run = ctx;

	/* With AK_LOAD_TEXT every record comes as text.  A write error
	 * stops the loader; main reports it. */
	return ak_write_line(stdout, rec->bytes, rec->len, &run->write_error);
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct run *run = ctx;
	ak_error warning;

	if (code == AK_LOAD_WARNING) {
		warning = *err;
		ak_error_prefix(&warning, "warning: ");
		ak_error_print(stderr, PROG, &warning);
		return 0;
	}
	run->failed = 1;
	if (code == AK_EIO) {
		/* A file that cannot be read holds no record to stand for. */
		ak_error_print(stderr, PROG, err);
		return run->keep_going ? 0 : AK_EXIT_ERROR;
	}
	return ak_tool_bad_record(PROG, stdout, run->keep_going, err);
}

static int
parse_delimiter(int *out, const char *arg)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0) {
		*out = '\t';
		return 0;
	}
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		return ak_tool_usage_error(PROG, "-d: \"%s\" is not one character "
		                           "other than a quote or a line break", arg);
	*out = (unsigned char)arg[0];
	return 0;
}

static int
parse_kind(ak_kind *out, const char *arg)
{
	ak_kind k = ak_kind_parse(arg);

	if (!AK_KIND_IS_MODEL(k))
		return ak_tool_usage_error(PROG, "--kind: \"%s\" is not one of goal, "
		                           "initiative, kpi, measurement, target, "
		                           "checkin", arg);
	*out = k;
	return 0;
}

static int
parse_format(ak_load_format *out, const char *arg)
{
	if (strcmp(arg, "csv") == 0)
		*out = AK_LOAD_CSV;
	else if (strcmp(arg, "jsonl") == 0)
		*out = AK_LOAD_JSONL;
	else if (strcmp(arg, "json") == 0)
		*out = AK_LOAD_JSON;
	else
		return ak_tool_usage_error(PROG, "--format: \"%s\" is not one of csv, "
		                           "jsonl, json", arg);
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_DECIMAL_COMMA = 256, OPT_NO_DECIMAL_COMMA, OPT_KIND, OPT_FORMAT, OPT_KEEP_GOING,
	       OPT_RAW, OPT_FROM, OPT_VERSION };
	static const struct option longopts[] = {
		{"decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA},
		{"no-decimal-comma", no_argument, NULL, OPT_NO_DECIMAL_COMMA},
		{"kind", required_argument, NULL, OPT_KIND},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"keep-going", no_argument, NULL, OPT_KEEP_GOING},
		{"raw", no_argument, NULL, OPT_RAW},
		{"from", required_argument, NULL, OPT_FROM},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	static const char *const stdin_only[] = {"-"};
	ak_load_options opts = {AK_LOAD_AUTO, 0, AK_KIND_OTHER, AK_LOAD_TEXT};
	struct run run = {0};
	ak_load_handler handler = {on_record, on_error, &run};
	const char *const *paths;
	ak_loader *loader = NULL;
	ak_error err;
	size_t npaths;
	int c, rc, archi = 0, status = AK_EXIT_OK;

	ak_tool_start();
	while ((c = getopt_long(argc, argv, ":d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (parse_delimiter(&opts.delimiter, optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_DECIMAL_COMMA:
			opts.flags |= AK_LOAD_DECIMAL_COMMA;
			opts.flags &= ~AK_LOAD_NO_DECIMAL_COMMA;
			break;
		case OPT_NO_DECIMAL_COMMA:
			opts.flags |= AK_LOAD_NO_DECIMAL_COMMA;
			opts.flags &= ~AK_LOAD_DECIMAL_COMMA;
			break;
		case OPT_KIND:
			if (parse_kind(&opts.kind, optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_FORMAT:
			if (parse_format(&opts.format, optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_KEEP_GOING:
			run.keep_going = 1;
			break;
		case OPT_RAW:
			opts.flags |= AK_LOAD_RAW;
			break;
		case OPT_FROM:
			if (strcmp(optarg, "archi") != 0)
				return ak_tool_usage_error(PROG, "--from: \"%s\" is not a "
				                           "known source (archi)", optarg);
			archi = 1;
			break;
		default:
			return ak_tool_common_option(PROG, c, OPT_VERSION, argv, usage);
		}
	}
	ak_stream_buffer(stdout);
	ak_error_clear(&err);
	ak_error_clear(&run.write_error);
	if (archi) {
		/* An export is several files read together: no paths, no
		 * standard input. */
		rc = ak_archi_load((const char *const *)argv + optind,
		                   (size_t)(argc - optind), &opts, &handler, &err);
	} else if ((rc = ak_loader_new(&loader, &opts, &err)) != AK_OK) {
		ak_tool_usage_error(PROG, "%s", err.text);
		status = AK_EXIT_ERROR;
		goto out;
	} else {
		paths = optind < argc ? (const char *const *)argv + optind : stdin_only;
		npaths = optind < argc ? (size_t)(argc - optind) : 1;
		for (size_t i = 0; i < npaths && rc == AK_OK; i++) {
			ak_error_clear(&err);
			rc = ak_loader_load(loader, paths[i], &handler, &err);
		}
	}
	if (run.write_error.text[0] != '\0')
		status = ak_tool_fail(PROG, &run.write_error);
	else if (rc < 0)
		status = ak_tool_fail(PROG, &err);
	else if (rc != 0 || run.failed)
		status = AK_EXIT_ERROR;
out:
	ak_loader_free(loader);
	return ak_tool_exit(PROG, status);
}
