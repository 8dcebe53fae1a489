/* score-one-kpi: libalignkit used directly, without the tools.  Loads a
 * model (what goals-load reads), scores one KPI for its last complete
 * periods as kpi-score does (with kpi-score's own scoring stream), and
 * prints them for people and as score records.
 *
 *   cc -o score-one-kpi score-one-kpi.c $(pkg-config --cflags --libs alignkit)
 *   ./score-one-kpi --as-of 2026-11-23 conversion-rate examples/model
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <alignkit.h>
#include <alignkit/load.h>
#include <alignkit/score.h>

#define PROG "score-one-kpi"

/* Each record the loader hands out goes into a scoring stream
 * (ak_score_stream), the object kpi-score runs: it builds the model,
 * counts each measurement into its KPI's periods (one running aggregate
 * per period, not the measurements) and holds back a measurement read
 * before its KPI until the end.  The stream reads lines of JSON Lines, so
 * each record is handed over as one. */
static int
add_record(void *ctx, const ak_load_record *rec)
{
	ak_score_stream *stream = ctx;
	char *text = NULL;
	size_t len = 0, cap = 0;
	ak_line line;
	ak_error err;
	int rc;

	/* A CSV row comes as a record without its bytes: the stream holds
	 * a measurement back as bytes, so it gets them. */
	if (rec->bytes == NULL && ak_json_append(&text, &len, &cap, rec->record) != AK_OK) {
		fprintf(stderr, PROG ": out of memory\n");
		return AK_ENOMEM;
	}
	memset(&line, 0, sizeof(line));
	line.text = rec->bytes != NULL ? rec->bytes : text;
	line.len = rec->bytes != NULL ? rec->len : len;
	line.file = rec->src;
	line.record = rec->record;
	line.kind = json_string_value(json_object_get(rec->record, "kind"));
	rc = ak_score_stream_add(stream, &line, &err);
	if (rc != AK_OK)
		ak_error_print(stderr, PROG, &err);
	free(text);
	return rc;
}

/* Loads every path into the stream.  Returns 0 or 2. */
static int
load(char **paths, int npaths, ak_score_stream *stream)
{
	ak_load_handler h = {add_record, NULL, stream};
	ak_loader *loader = NULL;
	ak_error err;
	int rc = ak_loader_new(&loader, NULL, &err);

	for (int i = 0; rc == AK_OK && i < npaths; i++) {
		ak_error_clear(&err);
		rc = ak_loader_load(loader, paths[i], &h, &err);
		/* Without an error callback the loader stops at the first
		 * input error and hands it back in err. */
		if (rc != AK_OK && err.text[0] != '\0')
			ak_error_print(stderr, PROG, &err);
	}
	ak_loader_free(loader);
	/* The held-back measurements whose KPI came are counted now; with
	 * no stream to write to, nothing is written. */
	if (rc == AK_OK && (rc = ak_score_stream_finish(stream, &err)) != AK_OK)
		ak_error_print(stderr, PROG, &err);
	return rc == AK_OK ? 0 : 2;
}

static const char *
num(char buf[AK_NUM_BUFSIZE], double v)
{
	ak_num_format(buf, AK_NUM_BUFSIZE, v);
	return buf;
}

/* One period of the KPI, as a line for people. */
static void
print_score(const ak_kpi *k, const ak_score *sc)
{
	char label[AK_PERIOD_BUFSIZE], start[AK_DATE_BUFSIZE], end[AK_DATE_BUFSIZE];
	char v[AK_NUM_BUFSIZE], s[AK_NUM_BUFSIZE], p[AK_NUM_BUFSIZE];
	char e[AK_NUM_BUFSIZE];

	ak_period_label(label, sc->period);
	ak_date_format(start, sc->period.start);
	ak_date_format(end, sc->period.end);
	printf("%s (%s to %s): ", label, start, end);
	if (!sc->has_value) {
		printf("no measurements%s\n", sc->stale ? ", stale" : "");
		return;
	}
	printf("%s%s%s from %llu measurement%s: score %s (progress %s of %s "
	       "expected), %s", num(v, sc->value), k->unit ? " " : "",
	       k->unit ? k->unit : "", (unsigned long long)sc->n,
	       sc->n == 1 ? "" : "s", num(s, sc->score), num(p, sc->progress),
	       num(e, sc->expected), ak_score_status_name(sc->status));
	if (sc->trend != AK_TREND_NONE)
		printf(", %s", ak_trend_name(sc->trend));
	if (sc->stale)
		printf(", stale");
	putchar('\n');
}

static int
usage(FILE *fp, int status)
{
	fputs("usage: " PROG " [--as-of DATE] [--periods N] KPI MODEL...\n"
	      "Scores the KPI whose id is KPI for its last N complete periods\n"
	      "(default 1) as of DATE (default today, UTC), from MODEL: files\n"
	      "and directories as goals-load reads them.\n", fp);
	return status;
}

int
main(int argc, char **argv)
{
	ak_score_stream *stream = NULL;
	const ak_scorer *scorer;
	ak_score_options opt;
	const ak_kpi *kpis, *k;
	size_t nkpis, index, n;
	ak_error err;
	int i, status = 2;

	ak_score_options_init(&opt);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			return usage(stdout, 0);
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
			i++;
			if (ak_date_parse(&opt.as_of, argv[i], strlen(argv[i]), &err) != AK_OK) {
				fprintf(stderr, PROG ": --as-of: %s\n", err.text);
				return 2;
			}
		} else if (strcmp(argv[i], "--periods") == 0 && i + 1 < argc) {
			char *end;
			long periods = strtol(argv[++i], &end, 10);
			if (*end != '\0' || periods < 1 || periods > AK_SCORE_PERIODS_MAX) {
				fprintf(stderr, PROG ": --periods: \"%s\" is not a whole "
				        "number from 1 to %d\n", argv[i], AK_SCORE_PERIODS_MAX);
				return 2;
			}
			opt.periods = (int)periods;
		} else {
			return usage(stderr, 2);
		}
	}
	if (argc - i < 2)
		return usage(stderr, 2);

	/* The stream writes nothing (NULL): the scores are read from its
	 * scorer below. */
	if (ak_score_stream_new(&stream, NULL, &opt, 0, &err) != AK_OK) {
		ak_error_print(stderr, PROG, &err);
		return 2;
	}
	if (load(argv + i + 1, argc - i - 1, stream) != 0)
		goto out;
	k = ak_model_kpi(ak_score_stream_model(stream), argv[i]);
	if (k == NULL) {
		fprintf(stderr, PROG ": no kpi has the id \"%s\"\n", argv[i]);
		goto out;
	}
	scorer = ak_score_stream_scorer(stream);

	/* Scores are kept by the KPI's index in the model. */
	kpis = ak_model_kpis(ak_score_stream_model(stream), &nkpis);
	index = (size_t)(k - kpis);
	printf("kpi %s: %s, measures %s (%s)\n", k->id, k->name, k->measures,
	       ak_direction_name(k->direction));
	n = ak_scorer_count(scorer, index);
	if (n == 0)
		printf("%s, not scored\n", ak_status_name(k->status));
	for (size_t p = 0; p < n; p++) {
		ak_score sc;
		ak_scorer_get(scorer, &sc, index, p);
		print_score(k, &sc);
	}
	/* The same scores as kpi-score writes them. */
	for (size_t p = 0; p < n; p++) {
		ak_score sc;
		json_t *rec;

		ak_scorer_get(scorer, &sc, index, p);
		if ((rec = ak_score_record(k, &sc)) == NULL) {
			fprintf(stderr, PROG ": out of memory\n");
			goto out;
		}
		if (ak_write_record(stdout, rec, &err) != AK_OK) {
			ak_error_print(stderr, PROG, &err);
			json_decref(rec);
			goto out;
		}
		json_decref(rec);
	}
	status = 0;
out:
	ak_score_stream_free(stream);
	if (fclose(stdout) != 0) {
		fprintf(stderr, PROG ": write error\n");
		status = 2;
	}
	return status;
}
