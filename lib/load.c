/* The loader (SPEC §4): tells files, directories and standard input apart,
 * reads JSON Lines through ak_reader and JSON documents with a scanner that
 * parses one array element at a time (so that a record's line is known and
 * a large file is never held whole), and checks that no id is used twice.
 * CSV is in load_csv.c. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alignkit/load.h"
#include "alignkit/map.h"
#include "alignkit/record.h"
#include "alignkit/stream.h"
#include "load_internal.h"
#include "record_internal.h"
#include "util_internal.h"

struct ak_loader {
	ak_load_options opts;
	const ak_load_schema *schema; /* NULL: the model */
	ak_map *ids;            /* id -> the src of its first record (owned) */
	ak_map *kpis;           /* KPI id -> its normalized record (a
	                         * reference): target records are checked
	                         * against it */
	json_t *pending;        /* target records read before their KPI */
	char *text;             /* AK_LOAD_TEXT: the record's JSON text */
	size_t textlen, textcap;
};

int
ak_loader_new(ak_loader **out, const ak_load_options *opts, ak_error *err)
{
	ak_loader *l;

	*out = NULL;
	if (opts != NULL && (opts->delimiter == '"' || opts->delimiter == '\n' ||
	                     opts->delimiter == '\r' || opts->delimiter < 0 ||
	                     opts->delimiter > 255))
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "a delimiter must be one byte other than a "
		                    "quote or a line break");
	if (opts != NULL && (opts->flags & AK_LOAD_RAW) &&
	    opts->format != AK_LOAD_AUTO && opts->format != AK_LOAD_CSV)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "raw mode reads CSV only");
	if ((l = calloc(1, sizeof(*l))) == NULL || ak_map_new(&l->ids) != AK_OK ||
	    ak_map_new(&l->kpis) != AK_OK || (l->pending = json_array()) == NULL) {
		if (l != NULL) {
			ak_map_free(l->ids);
			ak_map_free(l->kpis);
		}
		free(l);
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	}
	if (opts != NULL)
		l->opts = *opts;
	*out = l;
	return AK_OK;
}

int
ak_loader_new_schema(ak_loader **out, const ak_load_options *opts,
                     const ak_load_schema *schema, ak_error *err)
{
	ak_load_options o = {AK_LOAD_AUTO, 0, AK_KIND_OTHER, 0};
	int rc;

	*out = NULL;
	if (schema == NULL || schema->kind == NULL || schema->fields == NULL ||
	    schema->fields[0] == NULL || schema->needs == NULL)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "a schema needs a kind and fields");
	if (opts != NULL) {
		o.format = opts->format;
		o.delimiter = opts->delimiter;
	}
	if (o.format != AK_LOAD_AUTO && o.format != AK_LOAD_CSV &&
	    o.format != AK_LOAD_JSONL)
		return ak_error_set(err, AK_EUSAGE, NULL, 0,
		                    "%ss are read from CSV or JSON Lines",
		                    schema->kind);
	if ((rc = ak_loader_new(out, &o, err)) != AK_OK)
		return rc;
	(*out)->schema = schema;
	return AK_OK;
}

void
ak_loader_free(ak_loader *l)
{
	const char *key;
	void *src;
	size_t pos = 0;

	if (l == NULL)
		return;
	while (ak_map_next(l->ids, &pos, &key, &src))
		free(src);
	ak_map_free(l->ids);
	pos = 0;
	while (ak_map_next(l->kpis, &pos, &key, &src))
		json_decref(src);
	ak_map_free(l->kpis);
	json_decref(l->pending);
	free(l->text);
	free(l);
}

const ak_load_options *
ak_loader_options(const ak_loader *l)
{
	return &l->opts;
}

const ak_load_schema *
ak_loader_schema(const ak_loader *l)
{
	return l->schema;
}

void
ak_load_src(char *src, const char *name, long line)
{
	snprintf(src, AK_SRC_SIZE, "%s:%ld", name, line);
}

int
ak_load_warn(ak_load_file *f, const ak_error *err)
{
	if (f->handler->error == NULL)
		return 0;
	return f->handler->error(f->handler->ctx, AK_LOAD_WARNING, err);
}

int
ak_load_fail(ak_load_file *f, int code, const ak_error *err)
{
	if (code == AK_EINPUT || code == AK_EDUPLICATE)
		f->handed++;
	if (f->handler->error != NULL)
		return f->handler->error(f->handler->ctx, code, err);
	if (f->err != NULL)
		*f->err = *err;
	return code;
}

static int
out_of_memory(ak_load_file *f)
{
	return ak_error_set(f->err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* Checks target record t against the KPI record kpi it names (SPEC §2:
 * merged, they keep the KPI's rules); a failure is located at the
 * target's src. */
static int
check_target(ak_load_file *f, const json_t *kpi, const json_t *t)
{
	const char *src = ak_record_src(t), *colon;
	char file[AK_SRC_SIZE];
	long line = 0;
	ak_error err;
	int rc;

	ak_error_clear(&err);
	if ((rc = ak_record_check_target(kpi, t, &err)) == AK_OK)
		return 0;
	if (rc == AK_ENOMEM)
		return out_of_memory(f);
	snprintf(file, sizeof(file), "%s", src != NULL ? src : f->name);
	if ((colon = strrchr(file, ':')) != NULL) {
		line = strtol(colon + 1, NULL, 10);
		file[colon - file] = '\0';
	}
	ak_error_locate(&err, file, line, 0);
	return ak_load_fail(f, AK_EINPUT, &err);
}

/* Target records are checked against their KPI when the later of the two
 * is read: at once when the KPI came first, as a directory reads them. */
static int
check_targets(ak_load_file *f, const ak_load_record *rec)
{
	ak_loader *l = f->loader;
	const char *id;
	json_t *kpi;
	int rc;

	if (l->schema != NULL)
		return 0;
	if (rec->kind == AK_KIND_TARGET) {
		id = json_string_value(json_object_get(rec->record, "kpi"));
		if (id == NULL)
			return 0;
		if ((kpi = ak_map_get(l->kpis, id)) != NULL)
			return check_target(f, kpi, rec->record);
		if (json_array_append(l->pending, rec->record) != 0)
			return out_of_memory(f);
		return 0;
	}
	if (rec->kind != AK_KIND_KPI ||
	    (id = json_string_value(json_object_get(rec->record, "id"))) == NULL)
		return 0;
	if (ak_map_put(l->kpis, id, json_incref(rec->record)) != AK_OK) {
		json_decref(rec->record);
		return out_of_memory(f);
	}
	for (size_t i = 0; i < json_array_size(l->pending); i++) {
		json_t *t = json_array_get(l->pending, i);
		const char *tk = json_string_value(json_object_get(t, "kpi"));
		if (tk == NULL || strcmp(tk, id) != 0)
			continue;
		json_incref(t);
		json_array_remove(l->pending, i--);
		rc = check_target(f, rec->record, t);
		json_decref(t);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
ak_load_emit(ak_load_file *f, const ak_load_record *rec, long line)
{
	ak_loader *l = f->loader;
	const char *id, *first;
	ak_load_record out = *rec;
	char *copy;
	ak_error err;
	int rc;

	if (rec->kind == AK_KIND_GOAL || rec->kind == AK_KIND_INITIATIVE ||
	    rec->kind == AK_KIND_KPI) {
		id = json_string_value(json_object_get(rec->record, "id"));
		if (id != NULL) {
			if ((first = ak_map_get(f->loader->ids, id)) != NULL) {
				ak_error_set(&err, AK_EDUPLICATE, f->name, line,
				             "duplicate id %s (first at %s)", id, first);
				return ak_load_fail(f, AK_EDUPLICATE, &err);
			}
			if ((copy = strdup(rec->src)) == NULL)
				return out_of_memory(f);
			if (ak_map_put(f->loader->ids, id, copy) != AK_OK) {
				free(copy);
				return out_of_memory(f);
			}
		}
	}
	if ((rec->kind == AK_KIND_KPI || rec->kind == AK_KIND_TARGET) &&
	    (rc = check_targets(f, rec)) != 0)
		return rc;
	if ((l->opts.flags & AK_LOAD_TEXT) && rec->bytes == NULL) {
		l->textlen = 0;
		if (ak_json_append(&l->text, &l->textlen, &l->textcap,
		                   rec->record) != AK_OK)
			return out_of_memory(f);
		out.bytes = l->text;
		out.len = l->textlen;
	}
	out.line = line;
	f->handed++;
	return f->handler->record(f->handler->ctx, &out);
}

int
ak_load_emit_json(ak_load_file *f, json_t *record, ak_kind kind, long line)
{
	char src[AK_SRC_SIZE];
	ak_load_record rec;

	ak_load_src(src, f->name, line);
	rec.record = record;
	rec.kind = kind;
	rec.src = src;
	rec.bytes = NULL;
	rec.len = 0;
	return ak_load_emit(f, &rec, line);
}

int
ak_load_normalize(ak_load_file *f, const json_t *in, ak_kind kind, long line,
                  int flags)
{
	char src[AK_SRC_SIZE];
	ak_error err;
	json_t *out;
	int rc;

	ak_load_src(src, f->name, line);
	ak_error_clear(&err);
	rc = ak_record_normalize(&out, in, kind, src, flags, &err);
	if (rc == AK_ENOMEM)
		return out_of_memory(f);
	if (rc != AK_OK) {
		ak_error_locate(&err, f->name, line, 0);
		return ak_load_fail(f, AK_EINPUT, &err);
	}
	rc = ak_load_emit_json(f, out, kind, line);
	json_decref(out);
	return rc;
}

int
ak_load_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t k;

		/* Most cells are ASCII: skip it eight bytes at a time. */
		if (p[i] < 0x80) {
			while (i + 8 <= len) {
				uint64_t w;
				memcpy(&w, p + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				i += 8;
			}
			while (i < len && p[i] < 0x80)
				i++;
			continue;
		}
		if ((k = ak_utf8_decode(p + i, len - i, NULL)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

/* ---- names ------------------------------------------------------------ */

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static int
ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);

	if (len < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[len - n + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != tail[i])
			return 0;
	}
	return 1;
}

ak_kind
ak_load_kind_of_name(const char *path)
{
	static const struct { const char *tail; ak_kind kind; } tails[] = {
		{"goals", AK_KIND_GOAL}, {"goal", AK_KIND_GOAL},
		{"initiatives", AK_KIND_INITIATIVE},
		{"initiative", AK_KIND_INITIATIVE},
		{"kpis", AK_KIND_KPI}, {"kpi", AK_KIND_KPI},
		{"measurements", AK_KIND_MEASUREMENT},
		{"measurement", AK_KIND_MEASUREMENT},
		{"targets", AK_KIND_TARGET}, {"target", AK_KIND_TARGET},
		{"checkins", AK_KIND_CHECKIN}, {"checkin", AK_KIND_CHECKIN},
		{"check-ins", AK_KIND_CHECKIN}, {"check-in", AK_KIND_CHECKIN},
	};
	const char *base = base_name(path), *dot = strrchr(base, '.');
	size_t stem = dot != NULL ? (size_t)(dot - base) : strlen(base);

	/* A copy keeps its kind: "measurements - Copy", "measurements (2)",
	 * "measurements - Copy (2)", as file managers name them. */
	if (stem > 3 && base[stem - 1] == ')') {
		size_t k = stem - 1;
		while (k > 0 && ak_is_digit(base[k - 1]))
			k--;
		if (k + 1 < stem && k >= 2 && base[k - 1] == '(' && base[k - 2] == ' ')
			stem = k - 2;
	}
	if (ends_with(base, stem, " - copy"))
		stem -= 7;
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (ends_with(base, stem, tails[i].tail))
			return tails[i].kind;
	return AK_KIND_OTHER;
}

enum { FMT_NONE = -1, FMT_SNIFF = -2 };

/* What the JSON scanner returns when an error has ended its file but the
 * handler said to go on: no AK_ code and no handler's value. */
#define END_OF_FILE INT_MIN

/* The format a file's ending names; *tsv for ".tsv". */
static int
format_of_name(const char *path, int *tsv)
{
	size_t len = strlen(path);

	*tsv = 0;
	if (ends_with(path, len, ".csv"))
		return AK_LOAD_CSV;
	if (ends_with(path, len, ".tsv")) {
		*tsv = 1;
		return AK_LOAD_CSV;
	}
	if (ends_with(path, len, ".jsonl") || ends_with(path, len, ".ndjson"))
		return AK_LOAD_JSONL;
	if (ends_with(path, len, ".json"))
		return AK_LOAD_JSON;
	return FMT_NONE;
}

/* ---- JSON Lines --------------------------------------------------------- */

/* A JSON Lines record of the loader's schema: its kind, when it gives one,
 * is the schema's; each of its fields is a string or absent.  Hands out an
 * object of those fields alone. */
static int
schema_record(ak_load_file *f, const ak_line *line)
{
	const ak_load_schema *sc = f->loader->schema;
	json_t *kind = json_object_get(line->record, "kind"), *obj, *v;
	ak_error err;
	int rc;

	ak_error_clear(&err);
	if (kind != NULL && !json_is_string(kind)) {
		ak_error_set(&err, AK_EINPUT, f->name, line->lineno,
		             "%s: field kind: expected a string", sc->kind);
		return ak_load_fail(f, AK_EINPUT, &err);
	}
	if (kind != NULL && strcmp(json_string_value(kind), sc->kind) != 0) {
		ak_error_set(&err, AK_EINPUT, f->name, line->lineno,
		             "%s: field kind: \"%.64s\" is not \"%s\"", sc->kind,
		             json_string_value(kind), sc->kind);
		return ak_load_fail(f, AK_EINPUT, &err);
	}
	if ((obj = json_object()) == NULL)
		return out_of_memory(f);
	for (const char *const *name = sc->fields; *name != NULL; name++) {
		v = json_object_get(line->record, *name);
		if (v == NULL || json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			json_decref(obj);
			ak_error_set(&err, AK_EINPUT, f->name, line->lineno,
			             "%s: field %s: expected a string", sc->kind, *name);
			return ak_load_fail(f, AK_EINPUT, &err);
		}
		if (json_object_set(obj, *name, v) != 0) {
			json_decref(obj);
			return out_of_memory(f);
		}
	}
	rc = ak_load_emit_json(f, obj, AK_KIND_OTHER, line->lineno);
	json_decref(obj);
	return rc;
}

static int
load_jsonl(ak_load_file *f, FILE *fp)
{
	char src[AK_SRC_SIZE];
	ak_load_record rec;
	ak_reader *r;
	ak_line line;
	ak_error err;
	ak_kind kind;
	int rc;

	if (ak_reader_open_fp(&r, fp, f->name, &err) != AK_OK)
		return out_of_memory(f);
	if (f->loader->schema != NULL)
		ak_reader_set_flags(r, AK_READER_ANY_KIND);
	for (;;) {
		rc = ak_reader_next(r, &line, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			if ((rc = ak_load_fail(f, rc, &err)) != 0)
				break;
			continue;
		}
		kind = ak_kind_parse(line.kind);
		if (f->loader->schema != NULL) {
			rc = schema_record(f, &line);
		} else if (AK_KIND_IS_MODEL(kind)) {
			rc = ak_load_normalize(f, line.record, kind, line.lineno, 0);
		} else {
			/* Kinds the model does not hold go on as they came. */
			ak_load_src(src, f->name, line.lineno);
			rec.record = line.record;
			rec.kind = kind;
			rec.src = src;
			rec.bytes = line.text;
			rec.len = line.len;
			rc = ak_load_emit(f, &rec, line.lineno);
		}
		if (rc != 0)
			break;
	}
	ak_reader_free(r);
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

/* A JSON document read byte by byte: the structure around the records is
 * checked here, and each record's text is cut out and given to jansson,
 * so that each record's line is known. */
struct scan {
	FILE *fp;
	unsigned char *buf;
	size_t pos, len;
	long line;              /* the line of the next byte */
	int ioerr;
	char *text;             /* the value being cut out */
	size_t tlen, tcap;
	long start;             /* the line it starts on */
};

#define SCAN_CHUNK (1 << 16)
#define SCAN_EOF (-1)

static int
peek(struct scan *s)
{
	if (s->pos == s->len) {
		s->pos = 0;
		s->len = fread(s->buf, 1, SCAN_CHUNK, s->fp);
		if (s->len == 0) {
			if (ferror(s->fp))
				s->ioerr = errno ? errno : EIO;
			return SCAN_EOF;
		}
	}
	return s->buf[s->pos];
}

static int
next(struct scan *s)
{
	int c = peek(s);

	if (c != SCAN_EOF) {
		s->pos++;
		if (c == '\n')
			s->line++;
	}
	return c;
}

static void
skip_space(struct scan *s)
{
	int c;

	while ((c = peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		next(s);
}

static int
keep(struct scan *s, int c)
{
	if (ak_grow(&s->text, &s->tcap, s->tlen + 2, 1) != AK_OK)
		return AK_ENOMEM;
	s->text[s->tlen++] = (char)c;
	s->text[s->tlen] = '\0';
	return AK_OK;
}

/* A structural error at the scanner's line: it ends the file. */
static int
scan_fail(ak_load_file *f, struct scan *s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
scan_fail(ak_load_file *f, struct scan *s, const char *fmt, ...)
{
	ak_error err;
	va_list ap;
	int rc;

	ak_error_clear(&err);
	if (s->ioerr) {
		ak_error_set(&err, AK_EIO, f->name, 0, "read error: %s",
		             strerror(s->ioerr));
		rc = ak_load_fail(f, AK_EIO, &err);
	} else {
		va_start(ap, fmt);
		vsnprintf(err.text, sizeof(err.text), fmt, ap);
		va_end(ap);
		ak_error_locate(&err, f->name, s->line, 0);
		rc = ak_load_fail(f, AK_EINPUT, &err);
	}
	/* The caller stops reading the file either way. */
	return rc != 0 ? rc : END_OF_FILE;
}

/* Cuts out the next value into s->text.  Returns AK_OK, AK_ENOMEM, or
 * AK_EINPUT when the document ends inside it or no value starts here. */
static int
cut_value(struct scan *s)
{
	long depth = 0;
	int c, in_string = 0, escaped = 0;

	skip_space(s);
	s->tlen = 0;
	s->start = s->line;
	c = peek(s);
	if (c == SCAN_EOF || c == ',' || c == ']' || c == '}' || c == ':')
		return AK_EINPUT;
	if (c != '{' && c != '[' && c != '"') {
		/* A number, true, false, null or junk: up to the next
		 * separator. */
		while ((c = peek(s)) != SCAN_EOF && c != ',' && c != ']' &&
		       c != '}' && c != ':' && c != ' ' && c != '\t' &&
		       c != '\n' && c != '\r' && c != '{' && c != '[' && c != '"')
			if (keep(s, next(s)) != AK_OK)
				return AK_ENOMEM;
		return AK_OK;
	}
	do {
		if ((c = next(s)) == SCAN_EOF)
			return AK_EINPUT;
		if (keep(s, c) != AK_OK)
			return AK_ENOMEM;
		if (in_string) {
			if (escaped)
				escaped = 0;
			else if (c == '\\')
				escaped = 1;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	} while (in_string || depth > 0);
	return AK_OK;
}

/* Hands out the record in s->text: of kind kind when the document says
 * (object of arrays), else of its own "kind", else f's. */
static int
json_record(ak_load_file *f, struct scan *s, ak_kind kind, const char *key)
{
	json_error_t jerr;
	ak_error err;
	json_t *obj, *k;
	ak_kind own;
	int rc;

	ak_error_clear(&err);
	if (s->text[0] != '{') {
		ak_error_set(&err, AK_EINPUT, f->name, s->start,
		             "not an object: each record must be a JSON object");
		return ak_load_fail(f, AK_EINPUT, &err);
	}
	obj = json_loadb(s->text, s->tlen, JSON_REJECT_DUPLICATES, &jerr);
	/* An integer too big for 64 bits is the nearest double (as in JSON
	 * Lines). */
	if (obj == NULL && json_error_code(&jerr) == json_error_numeric_overflow)
		obj = json_loadb(s->text, s->tlen, JSON_REJECT_DUPLICATES |
		                 JSON_DECODE_INT_AS_REAL, &jerr);
	if (obj == NULL) {
		ak_error_set(&err, AK_EINPUT, f->name,
		             s->start + (jerr.line > 0 ? jerr.line - 1 : 0),
		             "invalid JSON: %s", jerr.text);
		return ak_load_fail(f, AK_EINPUT, &err);
	}
	k = json_object_get(obj, "kind");
	if (k != NULL && !json_is_string(k)) {
		ak_error_set(&err, AK_EINPUT, f->name, s->start,
		             "field kind: expected a string");
		rc = ak_load_fail(f, AK_EINPUT, &err);
	} else if (key != NULL) {
		if (k != NULL && ak_kind_parse(json_string_value(k)) != kind) {
			ak_error_set(&err, AK_EINPUT, f->name, s->start,
			             "field kind: \"%.40s\" in the %s array",
			             json_string_value(k), key);
			rc = ak_load_fail(f, AK_EINPUT, &err);
		} else {
			rc = ak_load_normalize(f, obj, kind, s->start, 0);
		}
	} else if (k == NULL) {
		if (f->kind == AK_KIND_OTHER) {
			ak_error_set(&err, AK_EINPUT, f->name, s->start,
			             "missing field kind, and the file name does not "
			             "end in goals, initiatives, kpis, targets, measurements or "
			             "checkins; rename it (2026-kpis.csv) or give --kind");
			rc = ak_load_fail(f, AK_EINPUT, &err);
		} else {
			rc = ak_load_normalize(f, obj, f->kind, s->start, 0);
		}
	} else if (AK_KIND_IS_MODEL(own = ak_kind_parse(json_string_value(k)))) {
		rc = ak_load_normalize(f, obj, own, s->start, 0);
	} else {
		rc = ak_load_emit_json(f, obj, own, s->start);
	}
	json_decref(obj);
	return rc;
}

/* The elements of an array whose '[' has been read.  Returns 0 when it is
 * read through its ']', else the code that stops (END_OF_FILE: the
 * file). */
static int
read_array(ak_load_file *f, struct scan *s, ak_kind kind, const char *key)
{
	int c, rc;

	skip_space(s);
	if (peek(s) == ']') {
		next(s);
		return 0;
	}
	for (;;) {
		if ((rc = cut_value(s)) == AK_ENOMEM)
			return out_of_memory(f);
		if (rc != AK_OK)
			return scan_fail(f, s, peek(s) == SCAN_EOF
			                 ? "invalid JSON: the file ends inside an array"
			                 : "invalid JSON: expected a record");
		if ((rc = json_record(f, s, kind, key)) != 0)
			return rc;
		skip_space(s);
		if ((c = next(s)) == ']')
			return 0;
		if (c != ',')
			return scan_fail(f, s, c == SCAN_EOF
			                 ? "invalid JSON: the file ends inside an array"
			                 : "invalid JSON: expected ',' or ']' after a record");
	}
}

/* The members of {"goals":[...],...} after its '{'. */
static int
read_members(ak_load_file *f, struct scan *s)
{
	static const struct { const char *key; ak_kind kind; } members[] = {
		{"goals", AK_KIND_GOAL}, {"initiatives", AK_KIND_INITIATIVE},
		{"kpis", AK_KIND_KPI}, {"targets", AK_KIND_TARGET},
		{"measurements", AK_KIND_MEASUREMENT},
		{"checkins", AK_KIND_CHECKIN},
	};
	int seen[AK_NELEM(members)] = {0};
	json_error_t jerr;
	json_t *name;
	size_t m;
	int c, rc;

	skip_space(s);
	if (peek(s) == '}') {
		next(s);
		return 0;
	}
	for (;;) {
		skip_space(s);
		if (peek(s) != '"')
			return scan_fail(f, s, "invalid JSON: expected a member name");
		if ((rc = cut_value(s)) == AK_ENOMEM)
			return out_of_memory(f);
		if (rc != AK_OK)
			return scan_fail(f, s, "invalid JSON: the file ends inside a "
			                 "member name");
		name = json_loadb(s->text, s->tlen, JSON_DECODE_ANY, &jerr);
		if (name == NULL)
			return scan_fail(f, s, "invalid JSON: %s", jerr.text);
		for (m = 0; m < AK_NELEM(members); m++)
			if (strcmp(json_string_value(name), members[m].key) == 0)
				break;
		if (m == AK_NELEM(members)) {
			rc = scan_fail(f, s, "unknown member \"%.40s\": expected goals, "
			               "initiatives, kpis, targets, measurements or "
			               "checkins",
			               json_string_value(name));
			json_decref(name);
			return rc;
		}
		json_decref(name);
		if (seen[m]++)
			return scan_fail(f, s, "invalid JSON: duplicate member \"%s\"",
			                 members[m].key);
		skip_space(s);
		if (next(s) != ':')
			return scan_fail(f, s, "invalid JSON: expected ':' after \"%s\"",
			                 members[m].key);
		skip_space(s);
		if (next(s) != '[')
			return scan_fail(f, s, "member \"%s\": expected an array of "
			                 "records", members[m].key);
		if ((rc = read_array(f, s, members[m].kind, members[m].key)) != 0)
			return rc;
		skip_space(s);
		if ((c = next(s)) == '}')
			return 0;
		if (c != ',')
			return scan_fail(f, s, "invalid JSON: expected ',' or '}' after "
			                 "a member");
	}
}

static int
load_json(ak_load_file *f, FILE *fp)
{
	struct scan s;
	int c, rc;

	memset(&s, 0, sizeof(s));
	s.fp = fp;
	s.line = 1;
	if ((s.buf = malloc(SCAN_CHUNK)) == NULL)
		return out_of_memory(f);
	/* A byte-order mark, as Windows tools write. */
	if (peek(&s) == 0xef && s.len - s.pos >= 3 &&
	    memcmp(s.buf + s.pos, "\xef\xbb\xbf", 3) == 0)
		s.pos += 3;
	skip_space(&s);
	c = next(&s);
	if (c == '[')
		rc = read_array(f, &s, AK_KIND_OTHER, NULL);
	else if (c == '{')
		rc = read_members(f, &s);
	else
		rc = scan_fail(f, &s, c == SCAN_EOF
		               ? "empty file: expected a JSON array or object"
		               : "expected a JSON array of records or an object of "
		                 "arrays");
	if (rc == 0) {
		skip_space(&s);
		if (peek(&s) != SCAN_EOF || s.ioerr)
			rc = scan_fail(f, &s, "invalid JSON: text after the end of "
			               "the document");
	}
	free(s.buf);
	free(s.text);
	return rc == END_OF_FILE ? 0 : rc;
}

/* ---- files and directories --------------------------------------------- */

static int
io_fail(ak_load_file *f, const char *path, const char *what, int e)
{
	ak_error err;

	ak_error_set(&err, AK_EIO, path, 0, "%s: %s", what, strerror(e));
	return ak_load_fail(f, AK_EIO, &err);
}

static int
load_file(ak_loader *l, const char *path, int format, int tsv,
          const ak_load_handler *h, ak_error *err)
{
	ak_load_file f = {l, h, path, AK_KIND_OTHER, err, 0};
	int stdin_ = strcmp(path, "-") == 0;
	FILE *fp;
	int rc;

	if ((l->opts.flags & AK_LOAD_RAW) && format != AK_LOAD_CSV)
		return ak_error_set(err, AK_EUSAGE, path, 0, "raw mode reads CSV only");
	if (stdin_)
		f.name = AK_STDIN_NAME;
	/* The file's name says what it holds before --kind does, so that a
	 * folder of model files and a nameless export load together. */
	if (!stdin_)
		f.kind = ak_load_kind_of_name(path);
	if (f.kind == AK_KIND_OTHER)
		f.kind = l->opts.kind;
	if (stdin_) {
		fp = stdin;
	} else if ((fp = fopen(path, "rb")) == NULL) {
		return io_fail(&f, path, "cannot open", errno);
	}
	if (format == FMT_SNIFF) {
		/* A file of records begins with '{'; anything else is taken
		 * for a CSV header. */
		int c;
		while ((c = getc(fp)) != EOF && ak_is_space((char)c))
			;
		format = c == '{' ? AK_LOAD_JSONL : AK_LOAD_CSV;
		rewind(fp);
	}
	if (format == AK_LOAD_JSONL)
		rc = load_jsonl(&f, fp);
	else if (format == AK_LOAD_CSV)
		rc = ak_load_csv_read(&f, fp, tsv);
	else
		rc = load_json(&f, fp);
	if (!stdin_)
		fclose(fp);
	/* A file that gave nothing at all (0 bytes, a CSV header alone, an
	 * empty array) is told of: an export that went wrong would otherwise
	 * pass in silence. */
	if (rc == 0 && f.handed == 0 && !stdin_ && l->schema == NULL &&
	    !(l->opts.flags & AK_LOAD_RAW)) {
		ak_error e;
		ak_error_set(&e, AK_EINPUT, f.name, 1, "the file holds no record");
		rc = ak_load_warn(&f, &e);
	}
	return rc;
}

/* Whether a directory's entry is passed over: hidden files, the lock files
 * office programs keep beside an open sheet ("~$weekly.csv", ".~lock..."),
 * and backup and autosave copies ("kpis.csv~", "#kpis.csv#"). */
static int
skipped_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' || (name[0] == '~' && name[1] == '$') ||
	       (len > 0 && name[len - 1] == '~') ||
	       (len > 1 && name[0] == '#' && name[len - 1] == '#');
}

/* Where a directory's file goes in the reading order (SPEC §4). */
static int
rank_of(const char *name)
{
	switch (ak_load_kind_of_name(name)) {
	case AK_KIND_GOAL: return 0;
	case AK_KIND_INITIATIVE: return 1;
	case AK_KIND_KPI: return 2;
	case AK_KIND_TARGET: return 3;
	case AK_KIND_MEASUREMENT: return 4;
	case AK_KIND_CHECKIN: return 5;
	default: return 6;
	}
}

static int
by_rank_then_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int rx = rank_of(x), ry = rank_of(y);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x, y);
}

static int
load_dir(ak_loader *l, const char *path, const ak_load_handler *h,
         ak_error *err)
{
	ak_load_file f = {l, h, path, AK_KIND_OTHER, err, 0};
	char **names = NULL, *full = NULL;
	size_t n = 0, cap = 0, plen = strlen(path);
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int rc = 0, tsv;

	if ((dir = opendir(path)) == NULL)
		return io_fail(&f, path, "cannot open", errno);
	while ((de = readdir(dir)) != NULL) {
		if (skipped_name(de->d_name) ||
		    format_of_name(de->d_name, &tsv) == FMT_NONE)
			continue;
		if (ak_grow(&names, &cap, n + 1, sizeof(*names)) != AK_OK) {
			rc = out_of_memory(&f);
			goto out;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			rc = out_of_memory(&f);
			goto out;
		}
		n++;
	}
	/* An empty directory has no array: qsort must not see NULL. */
	if (n > 1)
		qsort(names, n, sizeof(*names), by_rank_then_name);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len = plen + strlen(names[i]) + 2;
		if ((full = malloc(len)) == NULL) {
			rc = out_of_memory(&f);
			break;
		}
		snprintf(full, len, "%s%s%s", path,
		         plen > 0 && path[plen - 1] == '/' ? "" : "/", names[i]);
		/* A name that says it is a model file but is no regular file
		 * (a directory, a FIFO, a dangling link) is an error, not
		 * something to pass over. */
		if (stat(full, &st) != 0) {
			rc = io_fail(&f, full, "cannot open", errno);
		} else if (!S_ISREG(st.st_mode)) {
			ak_error e;
			ak_error_set(&e, AK_EINPUT, full, 0, "not a regular file");
			rc = ak_load_fail(&f, AK_EINPUT, &e);
		} else {
			int format = format_of_name(names[i], &tsv);
			rc = load_file(l, full, format, tsv, h, err);
		}
		free(full);
		full = NULL;
	}
	if (rc == 0 && n == 0) {
		ak_error e;
		ak_error_set(&e, AK_EINPUT, path, 0, "no model file in this directory "
		             "(.csv, .tsv, .jsonl, .ndjson or .json)");
		rc = ak_load_fail(&f, AK_EINPUT, &e);
	}
out:
	closedir(dir);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
ak_loader_load(ak_loader *l, const char *path, const ak_load_handler *h,
               ak_error *err)
{
	ak_load_file f = {l, h, path, AK_KIND_OTHER, err, 0};
	struct stat st;
	int format = (int)l->opts.format, tsv = 0;

	if (strcmp(path, "-") == 0)
		return load_file(l, path, format == AK_LOAD_AUTO ? AK_LOAD_JSONL : format,
		                 0, h, err);
	if (stat(path, &st) != 0)
		return io_fail(&f, path, "cannot open", errno);
	if (S_ISDIR(st.st_mode) && l->schema != NULL) {
		ak_error e;
		ak_error_set(&e, AK_EIO, path, 0, "is a directory, not a file of "
		             "%ss", l->schema->kind);
		return ak_load_fail(&f, AK_EIO, &e);
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(l, path, h, err);
	if (format == AK_LOAD_AUTO) {
		format = format_of_name(path, &tsv);
		if (format == AK_LOAD_JSON && l->schema != NULL)
			format = FMT_SNIFF;
		if (format == FMT_NONE && l->schema != NULL)
			format = FMT_SNIFF;
		if (format == FMT_NONE) {
			return ak_error_set(err, AK_EUSAGE, path, 0,
			                    "cannot tell the format from the name: use "
			                    ".csv, .tsv, .jsonl, .ndjson or .json, or "
			                    "--format");
		}
	} else if (format == AK_LOAD_CSV) {
		format_of_name(path, &tsv);
	}
	return load_file(l, path, format, tsv, h, err);
}
