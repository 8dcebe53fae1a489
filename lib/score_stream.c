/* The scoring stream (see alignkit/score_stream.h): kpi-score's handling
 * of the stream, from the line it reads to the records it derives. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/rollup.h"
#include "alignkit/score_stream.h"
#include "partial_internal.h"
#include "record_internal.h"
#include "util_internal.h"
#include "scan_internal.h"

struct ak_score_stream {
	ak_model *model;
	ak_scorer *scorer;
	ak_score_options opt;
	FILE *out;              /* NULL: write nothing */
	FILE *spill;            /* measurements read before their KPI */
	uint64_t seq;           /* measurements read so far */
	int flags;
	/* The lines of the target records, by their index in the model: a
	 * target whose KPI never comes is passed on at the end. */
	char **target_lines;
	size_t *target_lens;
	size_t ntarget_lines, target_lines_cap, target_lens_cap;
	char *scratch;          /* the fast path's decoded strings */
	size_t scratch_cap;
};

/* How a measurement read before its KPI waits in the spill file: this
 * head, then its bytes. */
struct spilled {
	uint64_t seq;
	uint64_t len;
};

int
ak_score_stream_new(ak_score_stream **out, FILE *fp, const ak_score_options *o,
                    int flags, ak_error *err)
{
	ak_score_stream *s;
	int rc;

	*out = NULL;
	ak_error_clear(err);
	if ((s = calloc(1, sizeof(*s))) == NULL || ak_model_new(&s->model) != AK_OK) {
		free(s);
		return ak_error_set(err, AK_ENOMEM, "", 0, "out of memory");
	}
	if ((rc = ak_scorer_new(&s->scorer, s->model, o, err)) != AK_OK) {
		ak_score_stream_free(s);
		return rc;
	}
	s->opt = *o;
	s->out = fp;
	s->flags = flags;
	*out = s;
	return AK_OK;
}

void
ak_score_stream_free(ak_score_stream *s)
{
	if (s == NULL)
		return;
	if (s->spill != NULL)
		fclose(s->spill);
	free(s->scratch);
	ak_scorer_free(s->scorer);
	ak_model_free(s->model);
	for (size_t i = 0; i < s->ntarget_lines; i++)
		free(s->target_lines[i]);
	free(s->target_lines);
	free(s->target_lens);
	free(s);
}

static int
nomem(ak_error *err)
{
	return ak_error_set(err, AK_ENOMEM, "", 0, "out of memory");
}

/* Writes a line on, unless the stream writes nothing. */
static int
pass(ak_score_stream *s, const char *text, size_t len, ak_error *err)
{
	return s->out == NULL ? AK_OK : ak_write_line(s->out, text, len, err);
}

/* An input error about line: located there unless it is already. */
static int
bad_record(ak_error *err, const ak_line *line)
{
	if (err != NULL && (err->file[0] == '\0' || err->line == 0))
		ak_error_locate(err, line->file, line->lineno, err->column);
	return AK_EINPUT;
}

static int
model_record(ak_score_stream *s, const ak_line *line, ak_kind kind,
             ak_error *err)
{
	int rc;

	ak_error_clear(err);
	rc = ak_model_add(s->model, line->record, kind,
	                  ak_record_src(line->record), 0, err);
	if (rc == AK_ENOMEM || (rc == AK_OK && kind == AK_KIND_KPI &&
	                        ak_scorer_sync(s->scorer) != AK_OK))
		return nomem(err);
	/* A repeated id is gap-find's to report (duplicate-id): the first
	 * record keeps the id, and this one passes on unused. */
	if (rc != AK_OK && rc != AK_EDUPLICATE)
		return bad_record(err, line);
	return pass(s, line->text, line->len, err);
}

static int
spill(ak_score_stream *s, const ak_line *line, uint64_t seq, ak_error *err)
{
	struct spilled head = {seq, line->len};

	if (s->spill == NULL && (s->spill = tmpfile()) == NULL)
		return ak_error_set(err, AK_EIO, "", 0,
		                    "cannot create a temporary file: %s",
		                    strerror(errno));
	errno = 0;
	if (fwrite(&head, sizeof(head), 1, s->spill) != 1 ||
	    fwrite(line->text, 1, line->len, s->spill) != line->len)
		return ak_error_set(err, AK_EIO, "", 0,
		                    "cannot write a temporary file: %s",
		                    strerror(errno ? errno : EIO));
	return AK_OK;
}

/* Counts measurement m, read from line. */
static int
count_measurement(ak_score_stream *s, const ak_line *line,
                  const ak_measurement *mp, ak_error *err)
{
	ak_measurement m = *mp;
	uint64_t seq;
	int rc;

	/* Dated after as-of (a typo such as 2062 for 2026, or a clock): it is
	 * in no period, so it passes on for gap-find to report rather than
	 * vanish. */
	if (m.at > s->opt.as_of)
		return pass(s, line->text, line->len, err);
	seq = s->seq++;
	/* Its KPI may come later: the bytes wait on disk, not in memory, and
	 * are settled at the end. */
	rc = ak_scorer_add(s->scorer, &m, seq, err);
	if (rc == AK_EINPUT)
		return bad_record(err, line);
	if (rc == AK_ENOTFOUND)
		rc = spill(s, line, seq, err);
	if (rc != AK_OK)
		return rc;
	if (!(s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS))
		return AK_OK;
	return pass(s, line->text, line->len, err);
}

/* A target record: held in the model (its KPI may come later) with its
 * line, until the end settles it. */
static int
target_record(ak_score_stream *s, const ak_line *line, ak_error *err)
{
	char *copy;
	int rc;

	ak_error_clear(err);
	rc = ak_model_add_target(s->model, line->record,
	                         ak_record_src(line->record), 0, err);
	if (rc == AK_ENOMEM)
		return nomem(err);
	if (rc != AK_OK)
		return bad_record(err, line);
	if (ak_grow(&s->target_lines, &s->target_lines_cap, s->ntarget_lines + 1,
	            sizeof(*s->target_lines)) != AK_OK ||
	    ak_grow(&s->target_lens, &s->target_lens_cap, s->ntarget_lines + 1,
	            sizeof(*s->target_lens)) != AK_OK ||
	    (copy = ak_strndup(line->text, line->len)) == NULL)
		return nomem(err);
	s->target_lines[s->ntarget_lines] = copy;
	s->target_lens[s->ntarget_lines++] = line->len;
	if (!(s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS))
		return AK_OK;
	return pass(s, line->text, line->len, err);
}

/* The target records once every KPI is in: each must keep its KPI's rules
 * (an input error at the target's line); those whose KPI is not in the
 * stream pass on, for gap-find to report. */
static int
settle_targets(ak_score_stream *s, ak_error *err)
{
	size_t n;
	const ak_target *t = ak_model_targets(s->model, &n);
	int rc = AK_OK;

	for (size_t i = 0; i < n && rc == AK_OK; i++) {
		const ak_kpi *k = ak_model_kpi(s->model, t[i].kpi);
		if (k == NULL) {
			if (!(s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS))
				rc = pass(s, s->target_lines[i], s->target_lens[i], err);
			continue;
		}
		ak_error_clear(err);
		if ((rc = ak_record_check_target(k->record, t[i].record, err)) ==
		    AK_EINPUT) {
			const char *src = t[i].src;
			const char *colon = src != NULL ? strrchr(src, ':') : NULL;
			char file[AK_ERROR_FILE_LENGTH];
			snprintf(file, sizeof(file), "%.*s",
			         colon != NULL ? (int)(colon - src) : 0,
			         src != NULL ? src : "");
			ak_error_locate(err, file,
			                colon != NULL ? strtol(colon + 1, NULL, 10) : 0,
			                0);
		}
	}
	return rc;
}

/* Counts partial pm, read from line, as count_measurement does a
 * measurement. */
static int
count_partial(ak_score_stream *s, const ak_line *line, const ak_partial *pm,
              ak_error *err)
{
	uint64_t seq;
	int rc;

	if (pm->m.at > s->opt.as_of || pm->last_at > s->opt.as_of)
		return pass(s, line->text, line->len, err);
	seq = s->seq++;
	rc = ak_scorer_add_partial(s->scorer, pm, seq, err);
	if (rc == AK_EINPUT)
		return bad_record(err, line);
	if (rc == AK_ENOTFOUND)
		rc = spill(s, line, seq, err);
	if (rc != AK_OK)
		return rc;
	if (!(s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS))
		return AK_OK;
	return pass(s, line->text, line->len, err);
}

static int
measurement_record(ak_score_stream *s, const ak_line *line, ak_error *err)
{
	ak_measurement m;

	ak_error_clear(err);
	if (ak_partial_is(line->record)) {
		ak_partial pm;
		int rc = ak_partial_read(&pm, line->record, err);
		if (rc == AK_ENOMEM)
			return rc;
		if (rc != AK_OK)
			return bad_record(err, line);
		return count_partial(s, line, &pm, err);
	}
	if (ak_measurement_read(&m, line->record, err) != AK_OK)
		return bad_record(err, line);
	return count_measurement(s, line, &m, err);
}

int
ak_score_stream_add_fast(ak_score_stream *s, const ak_line *line,
                         ak_error *err)
{
	ak_measurement_line ml;
	ak_measurement m;

	if (line->len + 1 > s->scratch_cap) {
		size_t cap = line->len + 1 > 4096 ? line->len + 1 : 4096;
		char *grown = realloc(s->scratch, cap);
		if (grown == NULL)
			return nomem(err);
		s->scratch = grown;
		s->scratch_cap = cap;
	}
	/* Only a measurement that is valid as it stands is taken here; any
	 * other line, and any fault, goes to jansson and ak_measurement_read,
	 * so that what is reported is always what they say. */
	if (!ak_scan_measurement(&ml, line->text, line->len, s->scratch,
	                         s->scratch_cap) ||
	    ml.value_type != AK_SCAN_NUMBER ||
	    ak_id_problem(ml.kpi, ml.kpi_len) != NULL ||
	    ml.kpi[0] == ' ' || ml.kpi[ml.kpi_len - 1] == ' ' ||
	    ak_date_parse_instant(&m.at, &m.at_nanos, ml.at, ml.at_len, NULL)
	        != AK_OK)
		return AK_SCORE_STREAM_NOT_MINE;
	m.kpi = ml.kpi;
	m.value = ml.value;
	m.is_null = 0;
	m.src = ml.src_type == AK_SCAN_STRING ? ml.src : NULL;
	ak_error_clear(err);
	return count_measurement(s, line, &m, err);
}

int
ak_score_stream_add(ak_score_stream *s, const ak_line *line, ak_error *err)
{
	ak_kind kind = ak_kind_parse(line->kind);

	if (kind == AK_KIND_MEASUREMENT)
		return measurement_record(s, line, err);
	if (kind == AK_KIND_TARGET)
		return target_record(s, line, err);
	if (kind == AK_KIND_GOAL || kind == AK_KIND_INITIATIVE ||
	    kind == AK_KIND_KPI)
		return model_record(s, line, kind, err);
	return pass(s, line->text, line->len, err);
}

static int
spill_error(ak_error *err)
{
	return ak_error_set(err, AK_EIO, "", 0, "cannot read a temporary file");
}

/* An input error about a measurement that waited for its KPI: located at
 * its src when it has one (the line it came on is not kept). */
static int
spilled_error(ak_error *err, const json_t *rec)
{
	const char *src = ak_record_src(rec), *colon;
	char file[sizeof(err->file)];

	if (err != NULL && src != NULL && (colon = strrchr(src, ':')) != NULL &&
	    (size_t)(colon - src) < sizeof(file)) {
		memcpy(file, src, (size_t)(colon - src));
		file[colon - src] = '\0';
		ak_error_locate(err, file, (long)strtoul(colon + 1, NULL, 10), 0);
	}
	return AK_EINPUT;
}

/* The measurements that came before their KPI: those whose KPI turned up
 * are counted now; the others pass on (unless already passed on). */
static int
settle(ak_score_stream *s, ak_error *err)
{
	struct spilled head;
	char *buf = NULL;
	size_t cap = 0;
	int rc = AK_OK;

	if (s->spill == NULL)
		return AK_OK;
	if (fflush(s->spill) != 0 || fseek(s->spill, 0, SEEK_SET) != 0)
		return ak_error_set(err, AK_EIO, "", 0,
		                    "cannot read a temporary file: %s",
		                    strerror(errno));
	while (rc == AK_OK && fread(&head, sizeof(head), 1, s->spill) == 1) {
		ak_measurement m;
		json_t *rec;

		if (head.len >= SIZE_MAX) {
			rc = spill_error(err);
			break;
		}
		if (head.len + 1 > cap) {
			char *grown = realloc(buf, (size_t)head.len + 1);
			if (grown == NULL) {
				rc = nomem(err);
				break;
			}
			buf = grown;
			cap = (size_t)head.len + 1;
		}
		if (fread(buf, 1, (size_t)head.len, s->spill) != head.len) {
			rc = spill_error(err);
			break;
		}
		/* The line was read and checked once already. */
		rec = json_loadb(buf, (size_t)head.len, JSON_REJECT_DUPLICATES, NULL);
		if (rec != NULL && ak_partial_is(rec)) {
			ak_partial pm;
			if (ak_partial_read(&pm, rec, NULL) != AK_OK) {
				rc = spill_error(err);
			} else {
				rc = ak_scorer_add_partial(s->scorer, &pm, head.seq, err);
				if (rc == AK_EINPUT)
					rc = spilled_error(err, rec);
				else if (rc == AK_ENOTFOUND)
					rc = (s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS)
					   ? AK_OK : pass(s, buf, (size_t)head.len, err);
			}
		} else if (rec == NULL || ak_measurement_read(&m, rec, NULL) != AK_OK) {
			rc = spill_error(err);
		} else {
			rc = ak_scorer_add(s->scorer, &m, head.seq, err);
			if (rc == AK_EINPUT)
				rc = spilled_error(err, rec);
			else if (rc == AK_ENOTFOUND)
				rc = (s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS)
				   ? AK_OK : pass(s, buf, (size_t)head.len, err);
		}
		json_decref(rec);
	}
	if (rc == AK_OK && ferror(s->spill))
		rc = spill_error(err);
	free(buf);
	return rc;
}

static int
write_json(ak_score_stream *s, json_t *rec, ak_error *err)
{
	int rc;

	if (rec == NULL)
		return nomem(err);
	rc = ak_write_record(s->out, rec, err);
	json_decref(rec);
	return rc;
}

/* A KPI in the order of the score records. */
struct kpi_order {
	const char *id;
	size_t index;
};

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct kpi_order *)a)->id,
	              ((const struct kpi_order *)b)->id);
}

/* The derived records: rollups, then scores (kinds in name order), each by
 * subject id and period. */
static int
write_derived(ak_score_stream *s, ak_error *err)
{
	ak_rollup *rollups = NULL;
	size_t nrollups = 0, nkpis;
	const ak_kpi *kpis = ak_model_kpis(s->model, &nkpis);
	struct kpi_order *order;
	int rc = AK_OK;

	if (ak_rollup_compute(&rollups, &nrollups, s->model, &s->opt,
	                      ak_rollup_scorer_score, s->scorer, err) != AK_OK)
		return nomem(err);
	for (size_t i = 0; i < nrollups && rc == AK_OK; i++)
		rc = write_json(s, ak_rollup_record(&rollups[i]), err);
	ak_rollup_free(rollups);
	if (rc != AK_OK)
		return rc;
	if ((order = malloc((nkpis + 1) * sizeof(*order))) == NULL)
		return nomem(err);
	for (size_t i = 0; i < nkpis; i++)
		order[i] = (struct kpi_order){kpis[i].id, i};
	qsort(order, nkpis, sizeof(*order), by_id);
	for (size_t i = 0; i < nkpis && rc == AK_OK; i++) {
		size_t k = order[i].index, n = ak_scorer_count(s->scorer, k);
		for (size_t j = 0; j < n && rc == AK_OK; j++) {
			ak_score sc;
			ak_scorer_get(s->scorer, k, j, &sc);
			rc = write_json(s, ak_score_record(&kpis[k], &sc), err);
		}
	}
	free(order);
	return rc;
}

int
ak_score_stream_finish(ak_score_stream *s, ak_error *err)
{
	int rc = settle(s, err);

	if (rc == AK_OK)
		rc = settle_targets(s, err);
	if (rc != AK_OK || s->out == NULL)
		return rc;
	return write_derived(s, err);
}

const ak_model *
ak_score_stream_model(const ak_score_stream *s)
{
	return s->model;
}

const ak_scorer *
ak_score_stream_scorer(const ak_score_stream *s)
{
	return s->scorer;
}
