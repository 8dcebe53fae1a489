/* gap-find: passes the stream on and appends one gap record per place
 * where IT work and the business have come apart (SPEC §8); exits 1 when
 * a gap at or above --fail-on is found, so that cron and CI can act. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/gap.h"
#include "alignkit/gap_stream.h"
#include "tool.h"

#define PROG "gap-find"

/* --fail-on never: no severity fails the run. */
#define FAIL_NEVER (-1)

static void
usage(FILE *fp)
{
	fputs("usage: gap-find [--as-of DATE] [--fail-on error|warning|info|never]\n"
	      "                [--only TYPE,...] [--ignore TYPE,...]\n"
	      "                [--severity TYPE=LEVEL] [--waivers FILE]\n"
	      "                [--baseline FILE] [--trend-window N]\n"
	      "                [--checkin-window N] [--gaps-only] [--keep-going]\n"
	      "                [FILE...]\n"
	      "\n"
	      "Reads a JSON Lines stream (goals-load, kpi-score), passes it on\n"
	      "and appends a gap record for each finding; exits 1 when a gap\n"
	      "at or above --fail-on is found.\n"
	      "\n"
	      "  --as-of DATE           the day of the report (default: today)\n"
	      "  --fail-on LEVEL        exit 1 on a gap at or above LEVEL\n"
	      "                         (default: error)\n"
	      "  --only TYPE,...        report only these gap types or groups\n"
	      "                         (data, structure, performance, checkins)\n"
	      "  --ignore TYPE,...      do not report these gap types or groups\n"
	      "  --severity TYPE=LEVEL  report TYPE at LEVEL (error, warning, "
	      "info)\n"
	      "  --waivers FILE         waivers: CSV or JSON Lines with type,\n"
	      "                         subject, until and reason\n"
	      "  --baseline FILE        an earlier gap-find output: its findings\n"
	      "                         are not new and do not fail the run\n"
	      "  --trend-window N       worsening-trend judges the last N scores\n"
	      "                         (default: 3)\n"
	      "  --checkin-window N     check-ins count from the last N complete\n"
	      "                         report periods (default: 2)\n"
	      "  --gaps-only            write only the gap records\n"
	      "  --keep-going           report bad records as error records and "
	      "go on\n"
	      "  -h, --help             show this help\n"
	      "      --version          show the version\n"
	      "\n"
	      "Gap types: invalid-record duplicate-id dangling-ref goal-cycle\n"
	      "  orphan-initiative unsupported-goal unmeasured-goal one-sided-kpi\n"
	      "  off-target stale-kpi worsening-trend off-track-goal\n"
	      "  overdue-initiative retired-goal-support investment-skew\n"
	      "  unrealized-benefit waiver-expired unsponsored-initiative unowned\n"
	      "  duplicate-measurement future-measurement projected-miss\n"
	      "  missing-checkin status-discrepancy owner-disagreement check-skipped\n"
	      "See gap-find(1).\n"
	      "\n"
	      "Example:\n"
	      "  goals-load model/ | kpi-score --periods 3 | gap-find --fail-on warning\n",
	      fp);
}

/* A warning of the gap finder: "gap-find: FILE:LINE: warning: TEXT". */
static void
warn(void *arg, const char *src, const char *text)
{
	ak_error w;

	(void)arg;
	ak_error_set(&w, AK_EINPUT, src, 0, "warning: %s", text);
	ak_error_print(stderr, PROG, &w);
}

static int
fail_on_option(int *level, const char *value)
{
	ak_severity s;
	ak_error err;

	if (strcmp(value, "never") == 0) {
		*level = FAIL_NEVER;
		return 0;
	}
	if (ak_severity_parse(&s, value, strlen(value), &err) != AK_OK)
		return ak_tool_usage_error(PROG, "--fail-on: unknown level \"%s\" "
		                           "(use error, warning, info or never)", value);
	*level = (int)s;
	return 0;
}

int
main(int argc, char **argv)
{
	enum { OPT_AS_OF = 256, OPT_FAIL_ON, OPT_ONLY, OPT_IGNORE, OPT_SEVERITY,
	       OPT_WAIVERS, OPT_BASELINE, OPT_TREND_WINDOW, OPT_CHECKIN_WINDOW,
	       OPT_GAPS_ONLY, OPT_KEEP_GOING,
	       OPT_VERSION };
	static const struct option longopts[] = {
	        {"as-of", required_argument, NULL, OPT_AS_OF},
	        {"fail-on", required_argument, NULL, OPT_FAIL_ON},
	        {"only", required_argument, NULL, OPT_ONLY},
	        {"ignore", required_argument, NULL, OPT_IGNORE},
	        {"severity", required_argument, NULL, OPT_SEVERITY},
	        {"waivers", required_argument, NULL, OPT_WAIVERS},
	        {"baseline", required_argument, NULL, OPT_BASELINE},
	        {"trend-window", required_argument, NULL, OPT_TREND_WINDOW},
	        {"checkin-window", required_argument, NULL, OPT_CHECKIN_WINDOW},
	        {"gaps-only", no_argument, NULL, OPT_GAPS_ONLY},
	        {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
	        {"help", no_argument, NULL, 'h'},
	        {"version", no_argument, NULL, OPT_VERSION},
	        {NULL, 0, NULL, 0}};
	unsigned char only[AK_GAP_NTYPES] = {0}, ignore[AK_GAP_NTYPES] = {0};
	const char *waivers = NULL, *baseline = NULL;
	ak_gap_stream *gs = NULL;
	ak_reader *reader = NULL;
	const ak_gap *gaps;
	ak_gap_options o;
	ak_error err, bad;
	ak_line line;
	size_t ngaps, i;
	int c, status = AK_EXIT_ERROR, rc, fail_on = AK_SEVERITY_ERROR;
	int have_only = 0, gaps_only = 0, keep_going = 0, had_error = 0;
	long window;

	ak_gap_options_init(&o, ak_date_today());
	o.warn = warn;
	ak_tool_start();
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_AS_OF:
			if (ak_tool_date_option(&o.as_of, PROG, "--as-of", optarg))
				return AK_EXIT_ERROR;
			break;
		case OPT_FAIL_ON:
			if (fail_on_option(&fail_on, optarg))
				return AK_EXIT_ERROR;
			break;
		case OPT_ONLY:
			if (ak_gap_types_parse(only, optarg, &err) != AK_OK)
				return ak_tool_usage_error(PROG, "--only: %s", err.text);
			have_only = 1;
			break;
		case OPT_IGNORE:
			if (ak_gap_types_parse(ignore, optarg, &err) != AK_OK)
				return ak_tool_usage_error(PROG, "--ignore: %s", err.text);
			break;
		case OPT_SEVERITY:
			if (ak_gap_severity_parse(&o, optarg, &err) != AK_OK)
				return ak_tool_usage_error(PROG, "--severity: %s", err.text);
			break;
		case OPT_WAIVERS:
			waivers = optarg;
			break;
		case OPT_BASELINE:
			baseline = optarg;
			break;
		case OPT_TREND_WINDOW:
			if (ak_tool_count_option(&window, PROG, "--trend-window",
			                         optarg, 1, 1000))
				return AK_EXIT_ERROR;
			o.trend_window = (int)window;
			break;
		case OPT_CHECKIN_WINDOW:
			if (ak_tool_count_option(&window, PROG, "--checkin-window",
			                         optarg, 1, 1000))
				return AK_EXIT_ERROR;
			o.checkin_window = (int)window;
			break;
		case OPT_GAPS_ONLY:
			gaps_only = 1;
			break;
		case OPT_KEEP_GOING:
			keep_going = 1;
			break;
		default:
			return ak_tool_common_option(PROG, c, OPT_VERSION, argv, usage);
		}
	}
	/* check-skipped speaks for the checks asked for: --only does not hide
	 * it, --ignore check-skipped does. */
	for (i = 0; i < AK_GAP_NTYPES; i++)
		o.skip[i] = (unsigned char)((have_only && !only[i] &&
		                             i != AK_GAP_CHECK_SKIPPED) ||
		                            ignore[i]);

	ak_stream_buffer(stdout);
	if (ak_gap_stream_new(&gs, stdout, gaps_only ? AK_GAP_STREAM_GAPS_ONLY : 0,
	                      &err) != AK_OK ||
	    /* The waivers first: a broken waivers file stops the run before
	     * any output, whatever --keep-going says. */
	    (waivers != NULL && ak_gap_finder_load_waivers(ak_gap_stream_finder(gs),
	                                                   waivers, &err) != AK_OK) ||
	    (baseline != NULL && ak_gap_finder_load_baseline(ak_gap_stream_finder(gs),
	                                                     baseline, &err) != AK_OK) ||
	    ak_reader_open(&reader, (const char *const *)argv + optind,
	                   (size_t)(argc - optind), &err) != AK_OK) {
		status = ak_tool_fail(PROG, &err);
		goto out;
	}
	while ((rc = ak_reader_next(reader, &line, &err)) != 0) {
		if (rc == 1) {
			if ((rc = ak_gap_stream_add(gs, &line, &err)) == AK_OK)
				continue;
			if (rc != AK_EINPUT)
				goto fail;
		}
		/* A bad line or record, or (AK_EIO) a file that cannot be
		 * read, which holds no record to stand for. */
		ak_error_print(stderr, PROG, &err);
		bad = err;
		had_error = 1;
		if (!keep_going)
			goto out;
		if (rc == AK_EINPUT &&
		    ak_gap_stream_add_error(gs, &bad, &err) != AK_OK)
			goto fail;
	}
	if (ak_gap_stream_finish(gs, &gaps, &ngaps, &o, &err) != AK_OK)
		goto fail;
	if (had_error)
		status = AK_EXIT_ERROR;
	else if (fail_on != FAIL_NEVER &&
	         ak_gap_fails(gaps, ngaps, (ak_severity)fail_on))
		status = AK_EXIT_FINDINGS;
	else
		status = AK_EXIT_OK;
	goto out;
fail:
	status = ak_tool_fail(PROG, &err);
out:
	ak_reader_free(reader);
	ak_gap_stream_free(gs);
	return ak_tool_exit(PROG, status);
}
