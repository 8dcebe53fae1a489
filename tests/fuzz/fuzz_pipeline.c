/* Fuzz target: the whole kpi-score | gap-find path on a fuzzed stream.
 * The input is read as kpi-score reads it (model records into the model,
 * measurements into the scorer, measurements of KPIs not seen yet held
 * back and settled at the end), its output (records passed on, rollups,
 * scores) is written to memory, and that output is read as gap-find reads
 * it.  Options (as-of day, period, number of periods, trend window) come
 * from the input's hash, with as-of days at both ends of the calendar.
 * Beyond not crashing:
 *  - scores, expected progress and rollup scores lie in [0, 1], a score
 *    without a value has status none, and a rollup never scores more
 *    children than it has;
 *  - what kpi-score writes is a stream gap-find reads without an error:
 *    derived records are valid JSON Lines;
 *  - every gap has a type, a subject and a message, and its record
 *    prints as one line that reads back (a message may quote a title
 *    with a line break in it: each report format escapes it). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "alignkit/gap.h"
#include "alignkit/rollup.h"
#include "alignkit/score.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A measurement read before its KPI, waiting for the end of the stream. */
struct held {
	char *text;
	size_t len;
	uint64_t seq;
};

struct score_run {
	ak_model *model;
	ak_scorer *scorer;
	FILE *out;
	struct held *held;
	size_t nheld, cap;
	uint64_t seq;
};

static void
put_line(FILE *out, const char *text, size_t len)
{
	if (ak_write_line(out, text, len) != AK_OK)
		abort();
}

static void
put_record(FILE *out, json_t *rec)
{
	if (rec == NULL || ak_write_record(out, rec) != AK_OK)
		abort();
	json_decref(rec);
}

static void
hold(struct score_run *run, const ak_line *line, uint64_t seq)
{
	if (run->nheld == run->cap) {
		size_t cap = run->cap ? run->cap * 2 : 16;
		struct held *grown = realloc(run->held, cap * sizeof(*grown));
		if (grown == NULL)
			abort();
		run->held = grown;
		run->cap = cap;
	}
	if ((run->held[run->nheld].text = malloc(line->len + 1)) == NULL)
		abort();
	memcpy(run->held[run->nheld].text, line->text, line->len);
	run->held[run->nheld].text[line->len] = '\0';
	run->held[run->nheld].len = line->len;
	run->held[run->nheld].seq = seq;
	run->nheld++;
}

static void
check_score(const ak_score *sc)
{
	if (sc->period.start > sc->period.end ||
	    !(sc->expected >= 0 && sc->expected <= 1))
		abort();
	if (!sc->has_value) {
		if (sc->status != AK_SCORE_NONE || sc->n != 0)
			abort();
		return;
	}
	if (!isfinite(sc->value) || !isfinite(sc->progress) ||
	    !(sc->score >= 0 && sc->score <= 1) || sc->status == AK_SCORE_NONE)
		abort();
}

static const ak_kpi *sorted_kpis;

static int
by_id(const void *a, const void *b)
{
	return strcmp(sorted_kpis[*(const size_t *)a].id,
	              sorted_kpis[*(const size_t *)b].id);
}

/* kpi-score: reads in, writes to run->out. */
static void
score(struct score_run *run, const uint8_t *data, size_t size,
      const ak_score_options *o)
{
	FILE *in = fmemopen((void *)data, size, "rb");
	const ak_kpi *kpis;
	ak_rollup *rollups = NULL;
	size_t nrollups = 0, nkpis, *order;
	ak_reader *r = NULL;
	ak_line line;
	ak_error err;
	int rc;

	if (in == NULL || ak_reader_open_fp(&r, in, "fuzz", &err) != AK_OK)
		abort();
	while ((rc = ak_reader_next(r, &line, &err)) != 0) {
		ak_kind kind;
		ak_measurement m;
		if (rc < 0) {
			/* --keep-going: the bad line becomes an error record. */
			if (rc != AK_EINPUT || err.line != line.lineno)
				abort();
			put_record(run->out, ak_error_record(&err));
			continue;
		}
		kind = ak_kind_parse(line.kind);
		if (kind == AK_KIND_MEASUREMENT) {
			if (ak_measurement_read(&m, line.record, &err) != AK_OK) {
				ak_error_locate(&err, line.file, line.lineno, 0);
				put_record(run->out, ak_error_record(&err));
				continue;
			}
			if (ak_scorer_add(run->scorer, &m, run->seq) == AK_ENOTFOUND)
				hold(run, &line, run->seq);
			run->seq++;
			continue;
		}
		if (kind == AK_KIND_GOAL || kind == AK_KIND_INITIATIVE ||
		    kind == AK_KIND_KPI) {
			rc = ak_model_add(run->model, line.record, kind,
			                  ak_record_src(line.record), 0, &err);
			if (rc == AK_ENOMEM || (rc == AK_OK && kind == AK_KIND_KPI &&
			                        ak_scorer_sync(run->scorer) != AK_OK))
				abort();
			if (rc != AK_OK && rc != AK_EDUPLICATE) {
				ak_error_locate(&err, line.file, line.lineno, 0);
				put_record(run->out, ak_error_record(&err));
				continue;
			}
		}
		put_line(run->out, line.text, line.len);
	}
	ak_reader_free(r);
	fclose(in);

	for (size_t i = 0; i < run->nheld; i++) {
		json_t *rec = json_loadb(run->held[i].text, run->held[i].len,
		                         JSON_REJECT_DUPLICATES, NULL);
		ak_measurement m;
		if (rec == NULL || ak_measurement_read(&m, rec, NULL) != AK_OK)
			abort();
		if (ak_scorer_add(run->scorer, &m, run->held[i].seq) == AK_ENOTFOUND)
			put_line(run->out, run->held[i].text, run->held[i].len);
		json_decref(rec);
	}

	if (ak_rollup_compute(&rollups, &nrollups, run->model, o,
	                      ak_rollup_scorer_score, run->scorer, &err) != AK_OK)
		abort();
	for (size_t i = 0; i < nrollups; i++) {
		const ak_rollup *ru = &rollups[i];
		if (ru->scored > ru->children || ru->has_score != (ru->scored > 0) ||
		    (ru->has_score && !(ru->score >= 0 && ru->score <= 1)) ||
		    (!ru->has_score && ru->status != AK_SCORE_NONE))
			abort();
		put_record(run->out, ak_rollup_record(ru));
	}
	ak_rollup_free(rollups);

	kpis = ak_model_kpis(run->model, &nkpis);
	if ((order = malloc((nkpis + 1) * sizeof(*order))) == NULL)
		abort();
	for (size_t i = 0; i < nkpis; i++)
		order[i] = i;
	sorted_kpis = kpis;
	qsort(order, nkpis, sizeof(*order), by_id);
	for (size_t i = 0; i < nkpis; i++) {
		size_t n = ak_scorer_count(run->scorer, order[i]);
		if (n > (size_t)o->periods)
			abort();
		for (size_t j = 0; j < n; j++) {
			ak_score sc;
			ak_scorer_get(run->scorer, order[i], j, &sc);
			check_score(&sc);
			put_record(run->out, ak_score_record(&kpis[order[i]], &sc));
		}
	}
	free(order);
}

/* gap-find --keep-going: reads text[0..len). */
static void
find_gaps(const char *text, size_t len, const ak_gap_options *o)
{
	FILE *in = fmemopen((void *)text, len, "rb");
	ak_gap_finder *f = NULL;
	const ak_gap *gaps;
	ak_reader *r = NULL;
	size_t ngaps;
	ak_line line;
	ak_error err;
	int rc;

	if (len == 0)
		return;
	if (in == NULL || ak_reader_open_fp(&r, in, "scored", &err) != AK_OK ||
	    ak_gap_finder_new(&f) != AK_OK)
		abort();
	while ((rc = ak_reader_next(r, &line, &err)) != 0) {
		/* kpi-score's output is a valid stream, line by line. */
		if (rc < 0)
			abort();
		rc = ak_gap_finder_add(f, line.record, line.file, line.lineno, &err);
		if (rc == AK_EINPUT) {
			json_t *rec = ak_error_record(&err);
			if (rec == NULL || err.line != line.lineno ||
			    ak_gap_finder_add(f, rec, line.file, line.lineno, &err) != AK_OK)
				abort();
			json_decref(rec);
		} else if (rc != AK_OK) {
			abort();
		}
	}
	if (ak_gap_find(f, o, &gaps, &ngaps, &err) != AK_OK)
		abort();
	for (size_t i = 0; i < ngaps; i++) {
		const ak_gap *g = &gaps[i];
		char *buf = NULL;
		size_t blen = 0, cap = 0;
		json_t *rec, *back;
		if (g->type >= AK_GAP_NTYPES || o->skip[g->type] ||
		    g->subject == NULL || g->subject[0] == '\0' ||
		    g->message == NULL || g->message[0] == '\0')
			abort();
		if ((rec = ak_gap_record(g)) == NULL ||
		    ak_json_append(&buf, &blen, &cap, rec) != AK_OK ||
		    memchr(buf, '\n', blen) != NULL ||
		    (back = json_loadb(buf, blen, JSON_REJECT_DUPLICATES, NULL)) == NULL)
			abort();
		json_decref(back);
		json_decref(rec);
		free(buf);
	}
	(void)ak_gap_fails(gaps, ngaps, AK_SEVERITY_INFO);
	ak_gap_finder_free(f);
	ak_reader_free(r);
	fclose(in);
}

static uint32_t
hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* As-of days: the example's, both ends of the calendar, the epoch. */
	static const ak_date as_of[] = {20780, AK_DATE_MIN, AK_DATE_MIN + 9,
	                                AK_DATE_MAX, 0, 20780 - 400, 20780 + 90,
	                                AK_DATE_MAX - 40};
	struct score_run run;
	ak_score_options o;
	ak_gap_options g;
	ak_error err;
	uint32_t h = hash(data, size);
	char *text = NULL;
	size_t len = 0;

	if (size == 0)
		return 0;
	memset(&run, 0, sizeof(run));
	ak_score_options_init(&o);
	o.as_of = as_of[h & 7];
	o.period = (ak_period_kind)((h >> 3) & 3);
	o.periods = 1 + (int)((h >> 5) % 4);
	if ((run.out = open_memstream(&text, &len)) == NULL ||
	    ak_model_new(&run.model) != AK_OK ||
	    ak_scorer_new(&run.scorer, run.model, &o, &err) != AK_OK)
		abort();
	score(&run, data, size, &o);
	if (fclose(run.out) != 0)
		abort();
	for (size_t i = 0; i < run.nheld; i++)
		free(run.held[i].text);
	free(run.held);
	ak_scorer_free(run.scorer);
	ak_model_free(run.model);

	ak_gap_options_init(&g, o.as_of);
	g.trend_window = 1 + (int)((h >> 7) % 3);
	if (h & (1u << 9))
		g.skip[AK_GAP_UNOWNED] = 1;
	if (h & (1u << 10))
		g.severity[AK_GAP_OFF_TARGET] = AK_SEVERITY_INFO;
	find_gaps(text, len, &g);
	free(text);
	return 0;
}
