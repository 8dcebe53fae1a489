/* Fuzz target: the whole kpi-score | gap-find path on a fuzzed stream.
 * The input goes through the scoring stream that kpi-score runs
 * (ak_score_stream: model records into the model, measurements into the
 * scorer, measurements of KPIs not seen yet held back and settled at the
 * end), its output (records passed on, rollups, scores) is written to
 * memory, and that output goes through gap-find's gap stream
 * (ak_gap_stream) as gap-find --keep-going feeds it.  Options (as-of day, period, number of periods, trend window) come
 * from the input's hash, with as-of days at both ends of the calendar.
 * Beyond not crashing:
 *  - the stream read through the measurement fast path gives the same
 *    bytes as the stream read with jansson alone;
 *  - scores, expected progress and rollup scores lie in [0, 1], a score
 *    without a value has status none or n/a (and a note only when n/a),
 *    and a rollup never scores more children than it has;
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
#include "alignkit/gap_stream.h"
#include "alignkit/rollup.h"
#include "alignkit/score.h"
#include "alignkit/score_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
put_record(FILE *out, json_t *rec)
{
	if (rec == NULL || ak_write_record(out, rec, NULL) != AK_OK)
		abort();
	json_decref(rec);
}

static void
check_score(const ak_score *sc)
{
	if (sc->period.start > sc->period.end ||
	    !(sc->expected >= 0 && sc->expected <= 1))
		abort();
	/* A note is never empty, and a period without measurements has none. */
	if (sc->note != NULL &&
	    (sc->note[0] == '\0' || (sc->status == AK_SCORE_NONE && sc->n == 0)))
		abort();
	if (!sc->has_value) {
		if ((sc->status != AK_SCORE_NONE && sc->status != AK_SCORE_NA) ||
		    sc->n != 0)
			abort();
		return;
	}
	if (!isfinite(sc->value) || !isfinite(sc->progress) ||
	    !(sc->score >= 0 && sc->score <= 1) || sc->status == AK_SCORE_NONE)
		abort();
}

/* kpi-score --keep-going: reads data[0..size), writes to out; with fast,
 * through the measurement fast path as kpi-score does, else with jansson
 * alone. */
static void
score(FILE *out, const uint8_t *data, size_t size, const ak_score_options *o,
      int fast)
{
	FILE *in = fmemopen((void *)data, size, "rb");
	ak_score_stream *ss = NULL;
	const ak_scorer *scorer;
	const ak_model *model;
	const ak_kpi *kpis;
	ak_rollup *rollups = NULL;
	size_t nrollups = 0, nkpis;
	ak_reader *r = NULL;
	ak_line line;
	ak_error err;
	int rc;

	if (in == NULL || ak_reader_open_fp(&r, in, "fuzz", &err) != AK_OK ||
	    ak_score_stream_new(&ss, out, o, AK_SCORE_STREAM_KEEP_GOING,
	                        &err) != AK_OK)
		abort();
	while ((rc = fast ? ak_reader_next_raw(r, &line, &err)
	                  : ak_reader_next(r, &line, &err)) != 0) {
		if (rc == 1 && fast) {
			rc = ak_score_stream_add_fast(ss, &line, &err);
			if (rc == AK_SCORE_STREAM_NOT_MINE &&
			    (rc = ak_reader_parse(r, &line, &err)) == 1)
				rc = ak_score_stream_add(ss, &line, &err);
		} else if (rc == 1) {
			rc = ak_score_stream_add(ss, &line, &err);
		}
		if (rc == AK_OK)
			continue;
		/* --keep-going: the bad line becomes an error record. */
		if (rc != AK_EINPUT || err.line != line.lineno)
			abort();
		put_record(out, ak_error_record(&err));
	}
	ak_reader_free(r);
	fclose(in);
	/* A held-back measurement may prove bad only now (its sum too
	 * large): under --keep-going it is an error record, and the rest is
	 * scored all the same. */
	if ((rc = ak_score_stream_finish(ss, &err)) != AK_OK &&
	    rc != AK_EINPUT)
		abort();

	/* What the stream wrote, checked from the model and scorer it
	 * leaves. */
	model = ak_score_stream_model(ss);
	scorer = ak_score_stream_scorer(ss);
	if (ak_rollup_compute(&rollups, &nrollups, model, o,
	                      ak_rollup_scorer_score, (void *)scorer, &err) != AK_OK)
		abort();
	for (size_t i = 0; i < nrollups; i++) {
		const ak_rollup *ru = &rollups[i];
		if (ru->scored > ru->children || ru->has_score != (ru->scored > 0) ||
		    (ru->has_score && !(ru->score >= 0 && ru->score <= 1)) ||
		    (!ru->has_score && ru->status != AK_SCORE_NONE))
			abort();
	}
	ak_rollup_free(rollups);
	kpis = ak_model_kpis(model, &nkpis);
	(void)kpis;
	for (size_t k = 0; k < nkpis; k++) {
		size_t n = ak_scorer_count(scorer, k);
		if (n > (size_t)o->periods)
			abort();
		for (size_t j = 0; j < n; j++) {
			ak_score sc;
			ak_scorer_get(scorer, &sc, k, j);
			check_score(&sc);
		}
	}
	ak_score_stream_free(ss);
}

/* Every line of text[0..len) is a JSON object. */
static void
check_lines(const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;

	while (p < end) {
		json_t *back;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			abort();
		back = json_loadb(p, (size_t)(nl - p), JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(back))
			abort();
		json_decref(back);
		p = nl + 1;
	}
}

/* gap-find --keep-going: reads text[0..len). */
static void
find_gaps(const char *text, size_t len, const ak_gap_options *o)
{
	FILE *in = fmemopen((void *)text, len, "rb"), *out;
	ak_gap_stream *gs = NULL;
	const ak_gap *gaps;
	ak_reader *r = NULL;
	char *found = NULL;
	size_t ngaps, nfound = 0;
	ak_line line;
	ak_error err, bad;
	int rc;

	if (len == 0)
		return;
	if (in == NULL || (out = open_memstream(&found, &nfound)) == NULL ||
	    ak_reader_open_fp(&r, in, "scored", &err) != AK_OK ||
	    ak_gap_stream_new(&gs, out, AK_GAP_STREAM_GAPS_ONLY, &err) != AK_OK)
		abort();
	while ((rc = ak_reader_next(r, &line, &err)) != 0) {
		/* kpi-score's output is a valid stream, line by line. */
		if (rc < 0)
			abort();
		rc = ak_gap_stream_add(gs, &line, &err);
		if (rc == AK_EINPUT) {
			bad = err;
			if (err.line != line.lineno ||
			    ak_gap_stream_add_error(gs, &bad, &err) != AK_OK)
				abort();
		} else if (rc != AK_OK) {
			abort();
		}
	}
	if (ak_gap_stream_finish(gs, &gaps, &ngaps, o, &err) != AK_OK ||
	    fclose(out) != 0)
		abort();
	/* Each gap record prints as one line that reads back (a message may
	 * quote a title with a line break in it). */
	check_lines(found, nfound);
	for (size_t i = 0; i < ngaps; i++) {
		const ak_gap *g = &gaps[i];
		if (g->type >= AK_GAP_NTYPES || o->skip[g->type] ||
		    g->subject == NULL || g->subject[0] == '\0' ||
		    g->message == NULL || g->message[0] == '\0')
			abort();
	}
	(void)ak_gap_fails(gaps, ngaps, AK_SEVERITY_INFO);
	ak_gap_stream_free(gs);
	ak_reader_free(r);
	fclose(in);
	free(found);
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
	FILE *out;
	ak_score_options o;
	ak_gap_options g;
	uint32_t h = hash(data, size);
	char *text = NULL, *slow = NULL;
	size_t len = 0, slow_len = 0;

	if (size == 0)
		return 0;
	ak_score_options_init(&o);
	o.as_of = as_of[h & 7];
	o.period = (ak_period_kind)((h >> 3) & 3);
	o.periods = 1 + (int)((h >> 5) % 4);
	if ((out = open_memstream(&text, &len)) == NULL)
		abort();
	score(out, data, size, &o, 1);
	if (fclose(out) != 0)
		abort();
	/* The fast path changes nothing: the same bytes as jansson alone. */
	if ((out = open_memstream(&slow, &slow_len)) == NULL)
		abort();
	score(out, data, size, &o, 0);
	if (fclose(out) != 0 || slow_len != len || memcmp(slow, text, len) != 0)
		abort();
	free(slow);
	/* Derived records are valid JSON Lines. */
	check_lines(text, len);

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
