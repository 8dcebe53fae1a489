/* kpi-score: buckets the measurements of the stream into periods, scores
 * every active KPI and rolls the scores up to initiatives and the goal tree
 * (SPEC §5-§7).  Records it does not consume pass through as they came. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "alignkit/score_stream.h"
#include "tool.h"

#define PROG "kpi-score"

static void
usage(FILE *fp)
{
	fputs("usage: " PROG " [--as-of DATE] [--period PERIOD] [--periods N]\n"
	      "                 [--red-below X] [--green-at X] [--forecast-window N]\n"
	      "                 [--keep-measurements] [--partials] [--keep-going] [FILE...]\n"
	      "Scores each KPI per period from its measurements and rolls the scores\n"
	      "up to initiatives and goals.\n"
	      "\n"
	      "  --as-of DATE          report as of DATE, YYYY-MM-DD (default: today, UTC)\n"
	      "  --period PERIOD       week, month, quarter or year: the rollup period\n"
	      "                        and the cadence of KPIs without one (default: week)\n"
	      "  --periods N           report the last N complete periods (default: 1)\n"
	      "  --red-below X         scores below X are red (default: 0.8)\n"
	      "  --green-at X          rollup scores from X up are green (default: 0.95)\n"
	      "  --forecast-window N   forecast from the last N periods (default: 6)\n"
	      "  --keep-measurements   pass the measurements on as well\n"
	      "  --partials            write partial measurements (one per KPI and\n"
	      "                        period) to be merged by kpi-score, no scores\n"
	      "  --keep-going          report each bad record, write it as an error\n"
	      "                        record, go on, and exit 2 at the end\n"
	      "  -h, --help            show this help\n"
	      "  --version             show the version\n"
	      "\n"
	      "Example:\n"
	      "  goals-load model/ | kpi-score --as-of 2026-11-23 --periods 3 | gap-find\n", fp);
}

static int
parse_period(ak_period_kind *out, const char *arg)
{
	if (ak_period_kind_parse(out, arg) != AK_OK)
		return ak_tool_usage_error(PROG, "--period: \"%s\" is not one of "
		                           "week, month, quarter, year", arg);
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_AS_OF = 256, OPT_PERIOD, OPT_PERIODS, OPT_RED_BELOW,
	       OPT_GREEN_AT, OPT_FORECAST_WINDOW, OPT_KEEP_MEASUREMENTS, OPT_KEEP_GOING, OPT_VERSION,
	       OPT_PARTIALS };
	static const struct option longopts[] = {
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"periods", required_argument, NULL, OPT_PERIODS},
		{"red-below", required_argument, NULL, OPT_RED_BELOW},
		{"green-at", required_argument, NULL, OPT_GREEN_AT},
		{"forecast-window", required_argument, NULL, OPT_FORECAST_WINDOW},
		{"keep-measurements", no_argument, NULL, OPT_KEEP_MEASUREMENTS},
		{"keep-going", no_argument, NULL, OPT_KEEP_GOING},
		{"partials", no_argument, NULL, OPT_PARTIALS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	ak_score_stream *stream = NULL;
	ak_score_options opt;
	ak_reader *reader = NULL;
	ak_line line;
	ak_error err;
	long periods;
	int c, rc, flags = 0, keep_going = 0, failed = 0;

	ak_score_options_init(&opt);
	ak_tool_start();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			if (ak_tool_date_option(&opt.as_of, PROG, "--as-of", optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_PERIOD:
			if (parse_period(&opt.period, optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_PERIODS:
			if (ak_tool_count_option(&periods, PROG, "--periods", optarg, 1,
			                         AK_SCORE_PERIODS_MAX) != 0)
				return AK_EXIT_ERROR;
			opt.periods = (int)periods;
			break;
		case OPT_RED_BELOW:
			if (ak_tool_number_option(&opt.red_below, PROG, "--red-below",
			                          optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_GREEN_AT:
			if (ak_tool_number_option(&opt.green_at, PROG, "--green-at",
			                          optarg) != 0)
				return AK_EXIT_ERROR;
			break;
		case OPT_FORECAST_WINDOW:
			if (ak_tool_count_option(&periods, PROG, "--forecast-window",
			                         optarg, 3,
			                         AK_SCORE_FORECAST_WINDOW_MAX) != 0)
				return AK_EXIT_ERROR;
			opt.forecast_window = (int)periods;
			break;
		case OPT_KEEP_MEASUREMENTS:
			flags |= AK_SCORE_STREAM_KEEP_MEASUREMENTS;
			break;
		case OPT_KEEP_GOING:
			keep_going = 1;
			flags |= AK_SCORE_STREAM_KEEP_GOING;
			break;
		case OPT_PARTIALS:
			flags |= AK_SCORE_STREAM_PARTIALS;
			break;
		default:
			return ak_tool_common_option(PROG, c, OPT_VERSION, argv, usage);
		}
	}
	if (opt.green_at < opt.red_below) {
		char g[AK_NUM_BUFSIZE], r[AK_NUM_BUFSIZE];
		ak_num_format(g, sizeof(g), opt.green_at);
		ak_num_format(r, sizeof(r), opt.red_below);
		return ak_tool_usage_error(PROG, "--green-at %s is below --red-below %s",
		                           g, r);
	}
	if (ak_score_stream_new(&stream, stdout, &opt, flags, &err) != AK_OK ||
	    ak_reader_open(&reader, (const char *const *)argv + optind,
	                   (size_t)(argc - optind), &err) != AK_OK)
		goto fail;
	ak_stream_buffer(stdout);
	while ((rc = ak_reader_next_raw(reader, &line, &err)) != 0) {
		/* The common measurement line is read by the fast path; every
		 * other line is parsed with jansson. */
		if (rc == 1) {
			rc = ak_score_stream_add_fast(stream, &line, &err);
			if (rc == AK_SCORE_STREAM_NOT_MINE &&
			    (rc = ak_reader_parse(reader, &line, &err)) == 1)
				rc = ak_score_stream_add(stream, &line, &err);
			if (rc == AK_OK)
				continue;
			if (rc != AK_EINPUT)
				goto fail;
		}
		failed = 1;
		if (rc == AK_EIO) {
			/* A file that cannot be read holds no record to stand for. */
			ak_error_print(stderr, PROG, &err);
			if (!keep_going)
				goto out;
		} else if (ak_tool_bad_record(PROG, stdout, keep_going, &err) != 0) {
			goto out;
		}
	}
	if (ak_score_stream_finish(stream, &err) == AK_OK)
		goto out;
fail:
	failed = 1;
	ak_tool_fail(PROG, &err);
out:
	ak_reader_free(reader);
	ak_score_stream_free(stream);
	return ak_tool_exit(PROG, failed ? AK_EXIT_ERROR : AK_EXIT_OK);
}
