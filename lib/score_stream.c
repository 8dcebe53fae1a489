/* The scoring stream (see alignkit/score_stream.h): kpi-score's handling
 * of the stream, from the line it reads to the records it derives. */
#include <errno.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/map.h"
#include "alignkit/rollup.h"
#include "alignkit/score_stream.h"
#include "partial_internal.h"
#include "record_internal.h"
#include "util_internal.h"
#include "scan_internal.h"
#include "xsum_internal.h"

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
	/* With AK_SCORE_STREAM_PARTIALS: a partial per KPI and period, in
	 * the order they came, and found by "KPI\nSTART". */
	struct acc **accs;
	size_t naccs, accs_cap;
	ak_map *acc_index;
	/* With AK_SCORE_STREAM_KEEP_GOING: how many held-back measurements
	 * proved bad when settled, and the first one's error. */
	uint64_t nbad;
	ak_error first_bad;
	/* The names of the files the held-back measurements came from. */
	char **files;
	size_t nfiles, files_cap;
};

/* The measurements of one KPI in one period of its cadence, added up
 * exactly as the scorer adds them, to be written as one partial. */
struct acc {
	char *kpi;              /* owned */
	ak_period period;
	ak_date first_at;       /* the earliest `at` */
	ak_xsum sum;
	double min, max, last;
	uint64_t n, last_seq;
	ak_date last_at;
	int64_t last_nanos;
	char *last_text;        /* `last`'s at as written; owned */
	char *last_note;        /* `last`'s note; owned; NULL: none */
};

/* How a measurement read before its KPI waits in the spill file: this
 * head, then its bytes. */
struct spilled {
	uint64_t seq;
	uint64_t len;
	int64_t lineno;         /* where it was read: line lineno of */
	uint64_t file;          /* ak_score_stream.files[file] */
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
	for (size_t i = 0; i < s->naccs; i++) {
		ak_xsum_free(&s->accs[i]->sum);
		free(s->accs[i]->kpi);
		free(s->accs[i]->last_text);
		free(s->accs[i]->last_note);
		free(s->accs[i]);
	}
	free(s->accs);
	ak_map_free(s->acc_index);
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
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
	struct spilled head = {seq, line->len, line->lineno, 0};

	for (head.file = 0; head.file < s->nfiles; head.file++)
		if (strcmp(s->files[head.file], line->file) == 0)
			break;
	if (head.file == s->nfiles) {
		if (ak_grow(&s->files, &s->files_cap, s->nfiles + 1,
		            sizeof(*s->files)) != AK_OK ||
		    (s->files[s->nfiles] = strdup(line->file)) == NULL)
			return nomem(err);
		s->nfiles++;
	}
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

/* What adding the record of line as the seq-th measurement gave (rc):
 * an input error names the line, and a KPI not (yet) in the model sends
 * the line to the spill file, to be settled at the end. */
static int
added(ak_score_stream *s, const ak_line *line, uint64_t seq, int rc,
      ak_error *err)
{
	if (rc == AK_EINPUT)
		return bad_record(err, line);
	if (rc == AK_ENOTFOUND)
		return spill(s, line, seq, err);
	return rc;
}

/* As added, then the line is passed on under --keep-measurements. */
static int
added_kept(ak_score_stream *s, const ak_line *line, uint64_t seq, int rc,
           ak_error *err)
{
	if ((rc = added(s, line, seq, rc, err)) != AK_OK)
		return rc;
	if (!(s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS))
		return AK_OK;
	return pass(s, line->text, line->len, err);
}

static int accumulate_measurement(ak_score_stream *s, const ak_measurement *m,
                                  const char *at_text, size_t at_len,
                                  uint64_t seq, ak_error *err);
static int accumulate_partial(ak_score_stream *s, const ak_partial *pm,
                              const json_t *record, uint64_t seq,
                              ak_error *err);

/* Counts measurement m, read from line, whose `at` is at_text; with
 * AK_SCORE_STREAM_PARTIALS, adds it to its partial. */
static int
count_measurement(ak_score_stream *s, const ak_line *line,
                  const ak_measurement *mp, const char *at_text,
                  size_t at_len, ak_error *err)
{
	ak_measurement m = *mp;
	uint64_t seq;
	int rc;

	if (s->flags & AK_SCORE_STREAM_PARTIALS) {
		if (m.at > s->opt.as_of || m.is_null)
			return pass(s, line->text, line->len, err);
		seq = s->seq++;
		rc = accumulate_measurement(s, &m, at_text, at_len, seq, err);
		return added(s, line, seq, rc, err);
	}

	/* Dated after as-of (a typo such as 2062 for 2026, or a clock): it is
	 * in no period, so it passes on for gap-find to report rather than
	 * vanish. */
	if (m.at > s->opt.as_of)
		return pass(s, line->text, line->len, err);
	seq = s->seq++;
	/* Its KPI may come later: the bytes wait on disk, not in memory, and
	 * are settled at the end. */
	rc = ak_scorer_add(s->scorer, &m, seq, err);
	return added_kept(s, line, seq, rc, err);
}

/* A target record: held in the model (its KPI may come later) with its
 * line, until the end settles it. */
static int
target_record(ak_score_stream *s, const ak_line *line, ak_error *err)
{
	char *copy;
	int rc;

	/* Partials are merged by a run that has the targets too. */
	if (s->flags & AK_SCORE_STREAM_PARTIALS)
		return pass(s, line->text, line->len, err);
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
	if (s->flags & AK_SCORE_STREAM_PARTIALS) {
		rc = accumulate_partial(s, pm, line->record, seq, err);
		return added(s, line, seq, rc, err);
	}
	rc = ak_scorer_add_partial(s->scorer, pm, seq, err);
	return added_kept(s, line, seq, rc, err);
}

static int
measurement_record(ak_score_stream *s, const ak_line *line, ak_error *err)
{
	ak_measurement m;
	const json_t *at;

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
	at = json_object_get(line->record, "at");
	return count_measurement(s, line, &m, json_string_value(at),
	                         json_string_length(at), err);
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
	m.note = ml.note_type == AK_SCAN_STRING ? ml.note : NULL;
	ak_error_clear(err);
	return count_measurement(s, line, &m, ml.at, ml.at_len, err);
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

/* An input error about a measurement that waited for its KPI (head): located at
 * its src when it has one (the sheet it was loaded from), else at the
 * line of the stream it came on. */
static int
spilled_error(const ak_score_stream *s, const struct spilled *head,
              ak_error *err, const json_t *rec)
{
	const char *src = ak_record_src(rec), *colon;
	char file[sizeof(err->file)];

	if (err == NULL)
		return AK_EINPUT;
	if (src != NULL && (colon = strrchr(src, ':')) != NULL &&
	    (size_t)(colon - src) < sizeof(file)) {
		memcpy(file, src, (size_t)(colon - src));
		file[colon - src] = '\0';
		ak_error_locate(err, file, (long)strtoul(colon + 1, NULL, 10), 0);
	} else if (head->file < s->nfiles) {
		ak_error_locate(err, s->files[head->file], (long)head->lineno, 0);
	}
	return AK_EINPUT;
}

static int write_json(ak_score_stream *s, json_t *rec, ak_error *err);

/* What adding rec, a spilled line (text, len), gave at the end (rc): an
 * input error names the record (with AK_SCORE_STREAM_KEEP_GOING it is
 * written as an error record, and settling goes on); a KPI still not in the model passes the
 * line on for gap-find to report (under --keep-measurements it was passed
 * on when read). */
static int
settled(ak_score_stream *s, const struct spilled *head, int rc,
        const json_t *rec, const char *text, ak_error *err)
{
	size_t len = (size_t)head->len;

	if (rc == AK_EINPUT) {
		spilled_error(s, head, err, rec);
		if (!(s->flags & AK_SCORE_STREAM_KEEP_GOING))
			return AK_EINPUT;
		if (s->nbad++ == 0)
			s->first_bad = *err;
		return s->out == NULL ? AK_OK
		                      : write_json(s, ak_error_record(err), err);
	}
	if (rc == AK_ENOTFOUND)
		return (s->flags & AK_SCORE_STREAM_KEEP_MEASUREMENTS)
		       ? AK_OK : pass(s, text, len, err);
	return rc;
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
				rc = (s->flags & AK_SCORE_STREAM_PARTIALS)
				   ? accumulate_partial(s, &pm, rec, head.seq, err)
				   : ak_scorer_add_partial(s->scorer, &pm, head.seq, err);
				rc = settled(s, &head, rc, rec, buf, err);
			}
		} else if (rec == NULL || ak_measurement_read(&m, rec, NULL) != AK_OK) {
			rc = spill_error(err);
		} else {
			const json_t *at = json_object_get(rec, "at");
			rc = (s->flags & AK_SCORE_STREAM_PARTIALS)
			   ? accumulate_measurement(s, &m, json_string_value(at),
			                            json_string_length(at), head.seq,
			                            err)
			   : ak_scorer_add(s->scorer, &m, head.seq, err);
			rc = settled(s, &head, rc, rec, buf, err);
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

/* One measurement or partial, as accumulate takes it. */
struct piece {
	const char *kpi;
	ak_date at;             /* the earliest */
	const double *sum;
	size_t nsum;
	double min, max, last;
	uint64_t n;
	ak_date last_at;
	int64_t last_nanos;
	const char *last_text;
	size_t last_len;
	const char *last_note;  /* NULL or "": none */
};

/* Adds piece q, at stream position seq, to its KPI's partial of its
 * period.  AK_ENOTFOUND when the KPI is not (yet) in the model. */
static int
accumulate(ak_score_stream *s, const struct piece *q, uint64_t seq,
           ak_error *err)
{
	const ak_kpi *k = ak_model_kpi(s->model, q->kpi);
	char key[AK_DATE_BUFSIZE + 1];
	char *name = NULL;
	struct acc *a;
	ak_period p;
	size_t klen;

	if (k == NULL)
		return AK_ENOTFOUND;
	p = ak_period_of((k->has & AK_KPI_CADENCE) ? k->cadence : s->opt.period,
	                 q->at);
	if (q->last_at < p.start || q->last_at > p.end) {
		char label[AK_PERIOD_BUFSIZE];
		ak_period_label(label, p);
		return ak_error_set(err, AK_EINPUT, NULL, 0,
		                    "measurement: field last_at: not in %s, the "
		                    "period of at", label);
	}
	klen = strlen(q->kpi);
	if ((name = malloc(klen + sizeof(key))) == NULL)
		return nomem(err);
	ak_date_format(key, p.start);
	memcpy(name, q->kpi, klen);
	name[klen] = '\n';
	memcpy(name + klen + 1, key, AK_DATE_BUFSIZE);
	if (s->acc_index == NULL && ak_map_new(&s->acc_index) != AK_OK) {
		free(name);
		return nomem(err);
	}
	a = ak_map_get(s->acc_index, name);
	if (a == NULL) {
		if ((a = calloc(1, sizeof(*a))) == NULL ||
		    (a->kpi = ak_strndup(q->kpi, klen)) == NULL ||
		    ak_grow(&s->accs, &s->accs_cap, s->naccs + 1,
		            sizeof(*s->accs)) != AK_OK ||
		    ak_map_put(s->acc_index, name, a) != AK_OK) {
			if (a != NULL)
				free(a->kpi);
			free(a);
			free(name);
			return nomem(err);
		}
		a->period = p;
		a->first_at = q->at;
		s->accs[s->naccs++] = a;
	}
	free(name);
	for (size_t i = 0; i < q->nsum; i++)
		if (ak_xsum_add(&a->sum, q->sum[i]) != AK_OK)
			return nomem(err);
	if (q->at < a->first_at)
		a->first_at = q->at;
	if (a->n == 0 || q->last_at > a->last_at ||
	    (q->last_at == a->last_at &&
	     (q->last_nanos > a->last_nanos ||
	      (q->last_nanos == a->last_nanos && seq > a->last_seq)))) {
		char *text = ak_strndup(q->last_text, q->last_len), *note = NULL;
		if (text == NULL ||
		    (q->last_note != NULL && q->last_note[0] != '\0' &&
		     (note = strdup(q->last_note)) == NULL)) {
			free(text);
			return nomem(err);
		}
		free(a->last_text);
		a->last_text = text;
		free(a->last_note);
		a->last_note = note;
		a->last = q->last;
		a->last_at = q->last_at;
		a->last_nanos = q->last_nanos;
		a->last_seq = seq;
	}
	if (a->n == 0 || q->min < a->min)
		a->min = q->min;
	if (a->n == 0 || q->max > a->max)
		a->max = q->max;
	a->n += q->n;
	return AK_OK;
}

static int
accumulate_measurement(ak_score_stream *s, const ak_measurement *m,
                       const char *at_text, size_t at_len, uint64_t seq,
                       ak_error *err)
{
	struct piece q = {m->kpi, m->at, &m->value, 1, m->value, m->value,
	                  m->value, 1, m->at, m->at_nanos, at_text, at_len,
	                  m->note};
	return accumulate(s, &q, seq, err);
}

static int
accumulate_partial(ak_score_stream *s, const ak_partial *pm,
                   const json_t *record, uint64_t seq, ak_error *err)
{
	const json_t *t = json_object_get(record, "last_at");
	struct piece q = {pm->m.kpi, pm->m.at, pm->sum, pm->nsum, pm->min,
	                  pm->max, pm->last, pm->n, pm->last_at, pm->last_nanos,
	                  json_string_value(t), json_string_length(t),
	                  pm->last_note};
	return accumulate(s, &q, seq, err);
}

static int
by_kpi_period(const void *x, const void *y)
{
	const struct acc *a = *(const struct acc *const *)x;
	const struct acc *b = *(const struct acc *const *)y;
	int c = strcmp(a->kpi, b->kpi);

	if (c != 0)
		return c;
	return a->period.start < b->period.start ? -1 :
	       a->period.start > b->period.start;
}

/* The partial of a: its sum as the double nearest the exact sum, then
 * what is left of it, each the double nearest what is left then, until
 * nothing is: read back and added exactly, they give the exact sum. */
static json_t *
acc_record(struct acc *a)
{
	char day[AK_DATE_BUFSIZE];
	json_t *rec = json_object(), *lo = json_array();
	double v;
	int nterms = 0, ok = rec != NULL && lo != NULL;

	ak_date_format(day, a->first_at);
	ok = ok && json_object_set_new(rec, "kind", json_string("measurement")) == 0 &&
	     json_object_set_new(rec, "kpi", json_string(a->kpi)) == 0 &&
	     json_object_set_new(rec, "at", json_string(day)) == 0 &&
	     json_object_set_new(rec, "n", json_integer((json_int_t)a->n)) == 0;
	for (;;) {
		if (!ak_xsum_value(&a->sum, &v))
			v = ak_xsum_mean(&a->sum, 1) > 0 ? DBL_MAX : -DBL_MAX;
		if (v == 0 && nterms > 0)
			break;
		if (nterms++ == 0)
			ok = ok && json_object_set_new(rec, "sum", json_real(v)) == 0;
		else
			ok = ok && json_array_append_new(lo, json_real(v)) == 0;
		if (!ok || v == 0 || nterms == AK_PARTIAL_TERMS_MAX)
			break;
		ok = ak_xsum_add(&a->sum, -v) == AK_OK;
	}
	if (ok && json_array_size(lo) > 0)
		ok = json_object_set(rec, "sum_lo", lo) == 0;
	json_decref(lo);
	ok = ok && json_object_set_new(rec, "min", json_real(a->min)) == 0 &&
	     json_object_set_new(rec, "max", json_real(a->max)) == 0 &&
	     json_object_set_new(rec, "last", json_real(a->last)) == 0 &&
	     json_object_set_new(rec, "last_at", json_string(a->last_text)) == 0;
	if (ok && a->last_note != NULL)
		ok = json_object_set_new(rec, "last_note",
		                         json_string(a->last_note)) == 0;
	if (!ok) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

static int
write_partials(ak_score_stream *s, ak_error *err)
{
	int rc = AK_OK;

	if (s->naccs > 0)
		qsort(s->accs, s->naccs, sizeof(*s->accs), by_kpi_period);
	for (size_t i = 0; i < s->naccs && rc == AK_OK; i++)
		rc = write_json(s, acc_record(s->accs[i]), err);
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
			ak_scorer_get(s->scorer, &sc, k, j);
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
	if (rc == AK_OK && s->out != NULL)
		rc = (s->flags & AK_SCORE_STREAM_PARTIALS) ? write_partials(s, err)
		                                           : write_derived(s, err);
	if (rc == AK_OK && s->nbad > 0) {
		*err = s->first_bad;
		rc = AK_EINPUT;
	}
	return rc;
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
