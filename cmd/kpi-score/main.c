/* kpi-score: buckets the measurements of the stream into periods, scores
 * every active KPI and rolls the scores up to initiatives and the goal tree
 * (SPEC §5-§7).  Records it does not consume pass through as they came. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "alignkit/rollup.h"
#include "alignkit/score.h"
#include "tool.h"

#define PROG "kpi-score"

struct run {
	ak_model *model;
	ak_scorer *scorer;
	FILE *spill;            /* measurements read before their KPI */
	uint64_t seq;           /* measurements read so far */
	int keep_going;
	int keep_measurements;
	int failed;             /* an input error was reported: exit 2 */
};

/* How a measurement read before its KPI waits in the spill file. */
struct spilled {
	uint64_t seq;
	uint64_t len;
};

static void
usage(FILE *fp)
{
	fputs("usage: " PROG " [--as-of DATE] [--period PERIOD] [--periods N]\n"
	      "                 [--red-below X] [--green-at X] [--keep-measurements]\n"
	      "                 [--keep-going] [FILE...]\n"
	      "Scores each KPI per period from its measurements and rolls the scores\n"
	      "up to initiatives and goals.\n"
	      "\n"
	      "  --as-of DATE          report as of DATE, YYYY-MM-DD (default: today, UTC)\n"
	      "  --period PERIOD       week, month, quarter or year: the rollup period\n"
	      "                        and the cadence of KPIs without one (default: week)\n"
	      "  --periods N           report the last N complete periods (default: 1)\n"
	      "  --red-below X         scores below X are red (default: 0.8)\n"
	      "  --green-at X          rollup scores from X up are green (default: 0.95)\n"
	      "  --keep-measurements   pass the measurements on as well\n"
	      "  --keep-going          report each bad record, write it as an error\n"
	      "                        record, go on, and exit 2 at the end\n"
	      "  -h, --help            show this help\n"
	      "  --version             show the version\n"
	      "\n"
	      "Example:\n"
	      "  goals-load model/ | kpi-score --as-of 2026-11-23 --periods 3 | gap-find\n", fp);
}

/* A write error was reported: closing stdout must not report it again. */
static int write_failed;

static int
write_error(void)
{
	ak_tool_error(PROG, "write error: %s", strerror(errno ? errno : EIO));
	write_failed = 1;
	return AK_EXIT_ERROR;
}

static int
fatal_nomem(void)
{
	ak_tool_error(PROG, "out of memory");
	return AK_EXIT_ERROR;
}

/* A bad input record: returns AK_EXIT_ERROR when the run must stop. */
static int
bad_record(struct run *run, ak_error *err, const ak_line *line)
{
	run->failed = 1;
	if (err->file[0] == '\0' || err->line == 0)
		ak_error_locate(err, line->file, line->lineno, err->column);
	return ak_tool_bad_record(PROG, stdout, run->keep_going, err);
}

/* A goal, initiative or KPI: added to the model and passed on. */
static int
model_record(struct run *run, const ak_line *line, ak_kind kind)
{
	ak_error err;
	int rc;

	ak_error_clear(&err);
	rc = ak_model_add(run->model, line->record, kind,
	                  ak_record_src(line->record), 0, &err);
	if (rc == AK_ENOMEM || (rc == AK_OK && kind == AK_KIND_KPI &&
	                        ak_scorer_sync(run->scorer) != AK_OK))
		return fatal_nomem();
	/* A repeated id is gap-find's to report (duplicate-id): the first
	 * record keeps the id, and this one passes on unused. */
	if (rc != AK_OK && rc != AK_EDUPLICATE)
		return bad_record(run, &err, line);
	errno = 0;
	if (ak_write_line(stdout, line->text, line->len) != AK_OK)
		return write_error();
	return 0;
}

static int
measurement_record(struct run *run, const ak_line *line)
{
	struct spilled head;
	ak_measurement m;
	ak_error err;
	int rc;

	ak_error_clear(&err);
	if (ak_measurement_read(&m, line->record, &err) != AK_OK)
		return bad_record(run, &err, line);
	head.seq = run->seq++;
	rc = ak_scorer_add(run->scorer, &m, head.seq);
	if (rc == AK_ENOTFOUND) {
		/* Its KPI may come later: keep the bytes on disk, not in
		 * memory, and settle it at the end. */
		head.len = line->len;
		if (run->spill == NULL && (run->spill = tmpfile()) == NULL) {
			ak_tool_error(PROG, "cannot create a temporary file: %s",
			              strerror(errno));
			return AK_EXIT_ERROR;
		}
		if (fwrite(&head, sizeof(head), 1, run->spill) != 1 ||
		    fwrite(line->text, 1, line->len, run->spill) != line->len) {
			ak_tool_error(PROG, "cannot write a temporary file: %s",
			              strerror(errno ? errno : EIO));
			return AK_EXIT_ERROR;
		}
		if (!run->keep_measurements)
			return 0;
	} else if (!run->keep_measurements) {
		return 0;
	}
	errno = 0;
	if (ak_write_line(stdout, line->text, line->len) != AK_OK)
		return write_error();
	return 0;
}

/* The measurements that came before their KPI: those whose KPI turned up
 * are counted now; the others pass on (unless already passed on). */
static int
settle_spill(struct run *run)
{
	struct spilled head;
	char *buf = NULL;
	size_t cap = 0;
	int status = 0;

	if (run->spill == NULL)
		return 0;
	if (fflush(run->spill) != 0 || fseek(run->spill, 0, SEEK_SET) != 0) {
		ak_tool_error(PROG, "cannot read a temporary file: %s", strerror(errno));
		return AK_EXIT_ERROR;
	}
	while (fread(&head, sizeof(head), 1, run->spill) == 1) {
		ak_measurement m;
		json_t *rec;

		if (head.len + 1 > cap) {
			char *grown = realloc(buf, head.len + 1);
			if (grown == NULL) {
				status = fatal_nomem();
				break;
			}
			buf = grown;
			cap = head.len + 1;
		}
		if (fread(buf, 1, head.len, run->spill) != head.len) {
			ak_tool_error(PROG, "cannot read a temporary file");
			status = AK_EXIT_ERROR;
			break;
		}
		/* The line was read and checked once already. */
		rec = json_loadb(buf, head.len, JSON_REJECT_DUPLICATES, NULL);
		if (rec == NULL || ak_measurement_read(&m, rec, NULL) != AK_OK) {
			json_decref(rec);
			ak_tool_error(PROG, "cannot read a temporary file");
			status = AK_EXIT_ERROR;
			break;
		}
		if (ak_scorer_add(run->scorer, &m, head.seq) == AK_ENOTFOUND &&
		    !run->keep_measurements) {
			errno = 0;
			if (ak_write_line(stdout, buf, head.len) != AK_OK) {
				json_decref(rec);
				status = write_error();
				break;
			}
		}
		json_decref(rec);
	}
	if (status == 0 && ferror(run->spill)) {
		ak_tool_error(PROG, "cannot read a temporary file");
		status = AK_EXIT_ERROR;
	}
	free(buf);
	return status;
}

static int
write_json(json_t *rec)
{
	int rc;

	if (rec == NULL)
		return fatal_nomem();
	errno = 0;
	rc = ak_write_record(stdout, rec);
	json_decref(rec);
	return rc == AK_OK ? 0 : write_error();
}

static const ak_kpi *sort_kpis;

static int
cmp_kpi_index(const void *a, const void *b)
{
	return strcmp(sort_kpis[*(const size_t *)a].id,
	              sort_kpis[*(const size_t *)b].id);
}

/* The derived records: rollups, then scores (kinds in name order), each by
 * subject id and period. */
static int
write_derived(struct run *run, const ak_score_options *opt)
{
	ak_rollup *rollups = NULL;
	size_t nrollups = 0, nkpis, *order = NULL;
	const ak_kpi *kpis = ak_model_kpis(run->model, &nkpis);
	ak_error err;
	int status = 0;

	if (ak_rollup_compute(&rollups, &nrollups, run->model, opt,
	                      ak_rollup_scorer_score, run->scorer, &err) != AK_OK)
		return fatal_nomem();
	for (size_t i = 0; i < nrollups && status == 0; i++)
		status = write_json(ak_rollup_record(&rollups[i]));
	ak_rollup_free(rollups);
	if (status != 0)
		return status;
	if ((order = malloc((nkpis + 1) * sizeof(*order))) == NULL)
		return fatal_nomem();
	for (size_t i = 0; i < nkpis; i++)
		order[i] = i;
	sort_kpis = kpis;
	qsort(order, nkpis, sizeof(*order), cmp_kpi_index);
	for (size_t i = 0; i < nkpis && status == 0; i++) {
		size_t k = order[i], n = ak_scorer_count(run->scorer, k);
		for (size_t j = 0; j < n && status == 0; j++) {
			ak_score sc;
			ak_scorer_get(run->scorer, k, j, &sc);
			status = write_json(ak_score_record(&kpis[k], &sc));
		}
	}
	free(order);
	return status;
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
	       OPT_GREEN_AT, OPT_KEEP_MEASUREMENTS, OPT_KEEP_GOING, OPT_VERSION };
	static const struct option longopts[] = {
		{"as-of", required_argument, NULL, OPT_AS_OF},
		{"period", required_argument, NULL, OPT_PERIOD},
		{"periods", required_argument, NULL, OPT_PERIODS},
		{"red-below", required_argument, NULL, OPT_RED_BELOW},
		{"green-at", required_argument, NULL, OPT_GREEN_AT},
		{"keep-measurements", no_argument, NULL, OPT_KEEP_MEASUREMENTS},
		{"keep-going", no_argument, NULL, OPT_KEEP_GOING},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0}
	};
	struct run run = {0};
	ak_score_options opt;
	ak_reader *reader = NULL;
	ak_line line;
	ak_error err;
	long periods;
	int c, rc, status = AK_EXIT_OK;

	ak_score_options_init(&opt);
	/* A closed pipe ends the run quietly, even when the caller ignored
	 * SIGPIPE and we inherited that. */
	signal(SIGPIPE, SIG_DFL);
	opterr = 0;
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
		case OPT_KEEP_MEASUREMENTS:
			run.keep_measurements = 1;
			break;
		case OPT_KEEP_GOING:
			run.keep_going = 1;
			break;
		case 'h':
			usage(stdout);
			return ak_tool_close_stdout(PROG);
		case OPT_VERSION:
			ak_tool_version(PROG);
			return ak_tool_close_stdout(PROG);
		default:
			return ak_tool_option_error(PROG, c, argv);
		}
	}
	if (opt.green_at < opt.red_below) {
		char g[AK_NUM_BUFSIZE], r[AK_NUM_BUFSIZE];
		ak_num_format(g, sizeof(g), opt.green_at);
		ak_num_format(r, sizeof(r), opt.red_below);
		return ak_tool_usage_error(PROG, "--green-at %s is below --red-below %s",
		                           g, r);
	}
	if (ak_model_new(&run.model) != AK_OK ||
	    ak_reader_open(&reader, (const char *const *)argv + optind,
	                   (size_t)(argc - optind), &err) != AK_OK) {
		status = fatal_nomem();
		goto out;
	}
	if (ak_scorer_new(&run.scorer, run.model, &opt, &err) != AK_OK) {
		ak_tool_error(PROG, "%s", err.text);
		status = AK_EXIT_ERROR;
		goto out;
	}
	ak_stream_buffer(stdout);
	while ((rc = ak_reader_next(reader, &line, &err)) != 0) {
		int stop = 0;

		if (rc == AK_EIO) {
			/* A file that cannot be read holds no record to stand for. */
			ak_error_print(stderr, PROG, &err);
			run.failed = 1;
			stop = run.keep_going ? 0 : AK_EXIT_ERROR;
		} else if (rc < 0) {
			stop = bad_record(&run, &err, &line);
		} else {
			ak_kind kind = ak_kind_parse(line.kind);
			if (kind == AK_KIND_MEASUREMENT)
				stop = measurement_record(&run, &line);
			else if (kind == AK_KIND_GOAL || kind == AK_KIND_INITIATIVE ||
			         kind == AK_KIND_KPI)
				stop = model_record(&run, &line, kind);
			else if ((errno = 0, ak_write_line(stdout, line.text, line.len)) != AK_OK)
				stop = write_error();
		}
		if (stop != 0) {
			status = stop;
			goto out;
		}
	}
	if ((status = settle_spill(&run)) != 0 ||
	    (status = write_derived(&run, &opt)) != 0)
		goto out;
	if (run.failed)
		status = AK_EXIT_ERROR;
out:
	if (run.spill != NULL)
		fclose(run.spill);
	ak_reader_free(reader);
	ak_scorer_free(run.scorer);
	ak_model_free(run.model);
	if (write_failed)
		fclose(stdout);
	else if (ak_tool_close_stdout(PROG) != AK_EXIT_OK)
		status = AK_EXIT_ERROR;
	return status;
}
