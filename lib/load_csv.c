/* CSV and TSV input (SPEC §4): libcsv in strict mode turns the bytes into
 * rows; this file matches the header to field names, tells each row's
 * kind, unpivots wide measurement sheets and keeps the line each row
 * starts on.  Rows stream through one reused buffer: a file of a million
 * measurements is never held in memory. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>

#include "alignkit/date.h"
#include "alignkit/num.h"
#include "alignkit/period.h"
#include "alignkit/record.h"
#include "load_internal.h"
#include "record_internal.h"

#define CHUNK_SIZE (1 << 16)
#define NMODEL 7 /* indexes 1..6: goal, initiative, kpi, measurement,
                  * target, checkin */

/* The fields of SPEC §2 by kind: a header that matches one of them (after
 * case folding, trimming and '_' = ' ') is renamed to it. */
static const char *const goal_fields[] = {
	"id", "title", "parent", "weight", "perspective", "owner", "status",
	"due", "rollup", NULL
};
static const char *const initiative_fields[] = {
	"id", "title", "supports", "owner", "sponsor", "status", "budget",
	"start", "end", NULL
};
static const char *const kpi_fields[] = {
	"id", "name", "measures", "direction", "target", "min", "max",
	"baseline", "red", "red_min", "red_max", "start", "due", "aggregate",
	"missing", "cadence", "stale_after", "weight", "unit", "business_owner",
	"it_owner", "status", NULL
};
static const char *const measurement_fields[] = {
	"kpi", "at", "value", "note", NULL
};
static const char *const target_fields[] = {
	"kpi", "from", "target", "min", "max", "baseline", "red", "red_min",
	"red_max", NULL
};
static const char *const checkin_fields[] = {
	"subject", "at", "confidence", "side", "by", "note", NULL
};
static const char *const *const kind_fields[NMODEL] = {
	NULL, goal_fields, initiative_fields, kpi_fields, measurement_fields,
	target_fields, checkin_fields
};

struct csv_state {
	ak_load_file *f;
	const ak_load_schema *schema; /* NULL: the model's kinds */
	int raw;
	int flags;              /* ak_record_normalize flags */

	/* The row being read: cell i is cells[off[i]..off[i]+len[i]), each
	 * followed by a NUL.  Reused from row to row. */
	char *cells;
	size_t used, cap;
	size_t *off, *len;
	size_t ncells, cellcap;

	long line;              /* the line libcsv has reached */
	long row_line;          /* the line the current row starts on */

	/* The header. */
	int have_header;
	size_t ncols;
	char **heads;           /* as written (libcsv trims unquoted cells) */
	char **keys;            /* trimmed, lower-cased, ' ' -> '_' */
	const char **names[NMODEL]; /* per kind: the field name of a column;
	                             * with a schema, names[0] holds its
	                             * field names (NULL: no field) */
	long kind_col;          /* -1: no kind column */
	int wide;               /* kpi + date columns: unpivot */
	char (*dates)[AK_DATE_BUFSIZE];

	json_t *row;            /* the record being built, reused */

	/* The fast path (AK_LOAD_TEXT): a file of plain measurements is
	 * written straight to text, without jansson.  fcol: the columns of
	 * kpi, at, value and note (-1: none). */
	int fast;
	long fcol[4];
	char *text;
	size_t textlen, textcap;
	char *src;              /* "FILE:" then the line */
	size_t srcprefix, srclen;

	int stop;               /* nonzero: the code that stops the loading */
	int done;               /* the rest of the file is to be skipped */
};

static int
oom(struct csv_state *st)
{
	ak_error_set(st->f->err, AK_ENOMEM, NULL, 0, "out of memory");
	st->stop = AK_ENOMEM;
	return AK_ENOMEM;
}

/* Reports an input error at line; the rest of the file is skipped when
 * fatal. */
static void
fail(struct csv_state *st, long line, int fatal, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
fail(struct csv_state *st, long line, int fatal, const char *fmt, ...)
{
	ak_error err;
	va_list ap;

	ak_error_clear(&err);
	va_start(ap, fmt);
	vsnprintf(err.text, sizeof(err.text), fmt, ap);
	va_end(ap);
	ak_error_locate(&err, st->f->name, line, 0);
	st->stop = ak_load_fail(st->f, AK_EINPUT, &err);
	if (fatal)
		st->done = 1;
}

static void
on_cell(void *s, size_t len, void *data)
{
	struct csv_state *st = data;
	const char *nl;
	char *p = s;

	if (st->stop || st->done)
		return;
	if (st->ncells == 0)
		st->row_line = st->line;
	/* A quoted cell may hold line breaks: the next row starts lower. */
	for (nl = memchr(p, '\n', len); nl != NULL;
	     nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - p)))
		st->line++;
	/* off and len share cellcap: off grows on a copy of it, len then to
	 * the same capacity (ak_grow doubles the same way from the same
	 * start). */
	size_t offcap = st->cellcap;
	if (ak_grow(&st->off, &offcap, st->ncells + 1, sizeof(*st->off)) !=
	            AK_OK ||
	    ak_grow(&st->len, &st->cellcap, st->ncells + 1, sizeof(*st->len)) !=
	            AK_OK ||
	    ak_grow(&st->cells, &st->cap, st->used + len + 1, 1) != AK_OK) {
		oom(st);
		return;
	}
	memcpy(st->cells + st->used, p, len);
	st->cells[st->used + len] = '\0';
	st->off[st->ncells] = st->used;
	st->len[st->ncells] = len;
	st->ncells++;
	st->used += len + 1;
}

static const char *
cell(const struct csv_state *st, size_t i)
{
	return st->cells + st->off[i];
}

static int
set_string(json_t *obj, const char *key, const char *s, size_t len)
{
	return json_object_set_new_nocheck(obj, key, json_stringn_nocheck(s, len));
}

/* The matching key of a header: trimmed, ASCII lower case, '_' for ' '
 * (then cut_unit drops a unit after a field name). */
static char *
header_key(const char *s, size_t len)
{
	char *k;

	ak_trim(&s, &len);
	if ((k = malloc(len + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++)
		k[i] = s[i] == ' ' ? '_' : ak_ascii_lower(s[i]);
	k[len] = '\0';
	return k;
}

static char *
trimmed_copy(const char *s, size_t len)
{
	ak_trim(&s, &len);
	return ak_strndup(s, len);
}

static const char *
field_of(ak_kind kind, const char *key)
{
	for (const char *const *f = kind_fields[kind]; *f != NULL; f++)
		if (strcmp(*f, key) == 0)
			return *f;
	return NULL;
}

/* The length of key without a unit or note in parentheses or brackets
 * after it ("budget_(gbp)", "target_[%]", "confidence_(on_track,_...)"
 * give 6, 6 and 10); strlen(key) when it has none. */
static size_t
stem_length(const char *key)
{
	size_t len = strlen(key), open;
	char close;

	if (len < 3 || (key[len - 1] != ')' && key[len - 1] != ']'))
		return len;
	close = key[len - 1] == ')' ? '(' : '[';
	for (open = len - 1; open > 0 && key[open] != close; open--)
		;
	if (key[open] != close)
		return len;
	while (open > 0 && key[open - 1] == '_')
		open--;
	return open > 0 ? open : len;
}

/* A key whose field name is followed by a unit or a note in parentheses
 * or brackets is cut to that name, when it names a field of some kind:
 * the unit is for people. */
static void
cut_unit(char *key)
{
	size_t open = stem_length(key);

	if (open == strlen(key))
		return;
	for (int k = AK_KIND_GOAL; k <= AK_KIND_CHECKIN; k++) {
		char c = key[open];
		key[open] = '\0';
		if (field_of((ak_kind)k, key) != NULL)
			return;
		key[open] = c;
	}
}

/* The edit distance of a and b (insertions, deletions, substitutions,
 * transpositions of neighbours), or 3 when it is more than 2. */
static size_t
edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[3][40];

	if (la >= 40 || lb >= 40 || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	/* Three rows of the table: i - 2, i - 1 and i. */
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *row = d[i % 3], *up = d[(i - 1) % 3], *up2 = d[(i + 1) % 3];
		size_t low = 3;
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = up[j - 1] + cost;
			if (up[j] + 1 < v)
				v = up[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    up2[j - 2] + 1 < v)
				v = up2[j - 2] + 1;
			row[j] = v;
			if (v < low)
				low = v;
		}
		if (low > 2)
			return 3;
	}
	return d[la % 3][lb] > 2 ? 3 : d[la % 3][lb];
}

/* Warns of a column that names no field of the kinds the file may hold
 * but is close to one (a typo: "Buget", "Busines Owner"); it stays a
 * field of its own. */
static void
near_miss(struct csv_state *st, size_t j)
{
	const char *best = NULL;
	size_t bestd = 3;
	int from = st->f->kind != AK_KIND_OTHER && st->kind_col < 0 ?
	           (int)st->f->kind : AK_KIND_GOAL;
	int to = st->f->kind != AK_KIND_OTHER && st->kind_col < 0 ?
	         (int)st->f->kind : AK_KIND_CHECKIN;
	char *stem;
	ak_error err;

	for (int k = from; k <= to; k++)
		if (field_of((ak_kind)k, st->keys[j]) != NULL)
			return;
	/* A typo before a unit or a hint counts too: "Buget (EUR)",
	 * "Confidance (on track, at risk, off track)". */
	stem = ak_strndup(st->keys[j], stem_length(st->keys[j]));
	if (stem == NULL) {
		oom(st);
		return;
	}
	for (int k = from; k <= to; k++) {
		for (const char *const *f = kind_fields[k]; *f != NULL; f++) {
			size_t d = edits(stem, *f);
			/* Short names are near too much: within fewer edits
			 * than half their letters. */
			if (d < bestd && 2 * d < strlen(*f)) {
				bestd = d;
				best = *f;
			}
		}
	}
	free(stem);
	if (best == NULL || bestd == 0)
		return;
	ak_error_set(&err, AK_EINPUT, st->f->name, st->row_line,
	             "column \"%.80s\" is not a field; did you mean \"%s\"?",
	             st->heads[j], best);
	st->stop = ak_load_warn(st->f, &err);
}

/* The columns a form's export writes for a check-in's at and by: Google
 * Forms' "Timestamp" and "Email address", Microsoft Forms' "Completion
 * time" and "Email".  Each counts only when the header has no column of
 * that name, so that a "By" question wins over the e-mail; the others
 * stay fields of their own. */
static void
form_columns(struct csv_state *st)
{
	static const struct { const char *key, *field; } aliases[] = {
		{"timestamp", "at"}, {"completion_time", "at"},
		{"email_address", "by"}, {"e-mail_address", "by"},
		{"email", "by"}, {"e-mail", "by"},
	};
	const char **names = st->names[AK_KIND_CHECKIN];

	for (size_t a = 0; a < AK_NELEM(aliases); a++) {
		size_t j, taken = 0;
		for (j = 0; j < st->ncols && !taken; j++)
			taken = strcmp(names[j], aliases[a].field) == 0;
		for (j = 0; j < st->ncols && !taken; j++) {
			if (strcmp(st->keys[j], aliases[a].key) == 0) {
				names[j] = aliases[a].field;
				break;
			}
		}
	}
}

/* Whether the header is a wide measurement or targets sheet: "kpi", then
 * dates or period labels.  A header that starts so, has no "at" or
 * "value" column (targets: "from" or "target") and holds at least one
 * heading is taken for one, so that a mistyped heading is reported as
 * such; only a file named for targets holds targets.  Returns 1, 0, or -1
 * when it has failed. */
static int
detect_wide(struct csv_state *st)
{
	size_t headings = 0, bad = 0;
	ak_error err;
	ak_date at;

	if (st->ncols < 2 || strcmp(st->keys[0], "kpi") != 0)
		return 0;
	if (st->f->kind != AK_KIND_OTHER && st->f->kind != AK_KIND_MEASUREMENT &&
	    st->f->kind != AK_KIND_TARGET)
		return 0;
	for (size_t j = 1; j < st->ncols; j++) {
		if (strcmp(st->keys[j], "at") == 0 || strcmp(st->keys[j], "value") == 0 ||
		    strcmp(st->keys[j], "from") == 0 || strcmp(st->keys[j], "target") == 0)
			return 0;
		if (ak_period_parse_heading(&at, st->heads[j], strlen(st->heads[j]),
		                            NULL) == AK_OK)
			headings++;
		else if (bad == 0)
			bad = j;
	}
	/* A measurements file headed "kpi" and no "at" is wide whatever its
	 * headings say: a heading that is no date is reported as such, not
	 * as a missing "at". */
	if (headings == 0 && st->f->kind == AK_KIND_OTHER)
		return 0;
	if (bad != 0) {
		ak_period_parse_heading(&at, st->heads[bad], strlen(st->heads[bad]),
		                        &err);
		fail(st, st->row_line, 1, "header: %s", err.text);
		return -1;
	}
	if ((st->dates = calloc(st->ncols, sizeof(*st->dates))) == NULL) {
		oom(st);
		return -1;
	}
	for (size_t j = 1; j < st->ncols; j++) {
		ak_period_parse_heading(&at, st->heads[j], strlen(st->heads[j]),
		                        NULL);
		ak_date_format(st->dates[j], at);
	}
	return 1;
}

/* Whether s[0..len) goes into a JSON string as it is: no byte that
 * ak_write_record would escape. */
static int
plain(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

static const char *const fast_fields[4] = {"kpi", "at", "value", "note"};

/* Decides, once the header is read, whether the rows can take the fast
 * path: measurements with no column but kpi, at, value and note (or a
 * wide sheet), in a file whose name needs no escaping. */
static void
plan_fast(struct csv_state *st)
{
	const ak_load_options *o = ak_loader_options(st->f->loader);
	const char *name = st->f->name;

	st->fast = 0;
	if (!(o->flags & AK_LOAD_TEXT) || st->raw ||
	    strlen(name) >= AK_ERROR_FILE_LENGTH || !plain(name, strlen(name)) ||
	    !ak_load_utf8_valid(name, strlen(name)))
		return;
	for (int k = 0; k < 4; k++)
		st->fcol[k] = -1;
	st->srcprefix = strlen(name) + 1;
	if ((st->src = malloc(st->srcprefix + 24)) == NULL) {
		oom(st);
		return;
	}
	memcpy(st->src, name, st->srcprefix - 1);
	st->src[st->srcprefix - 1] = ':';
	if (st->wide) {
		st->fcol[0] = 0;
		st->fast = 1;
		return;
	}
	if (st->kind_col >= 0 || st->f->kind != AK_KIND_MEASUREMENT)
		return;
	for (size_t j = 0; j < st->ncols; j++) {
		int k;
		for (k = 0; k < 4; k++)
			if (strcmp(st->names[AK_KIND_MEASUREMENT][j], fast_fields[k]) == 0)
				break;
		if (k == 4)
			return;
		st->fcol[k] = (long)j;
	}
	st->fast = 1;
}

/* The printed form of the number text s[0..len) (trimmed) when it is a
 * plain decimal that ak_num_parse accepts and ak_num_format prints digit
 * for digit: [sign] digits [point digits], at most 15 significant digits
 * (so %.15g gives them back), no exponent, and not below 0.0001 (where %g
 * turns to exponents).  Returns its length, or 0 when the text is not so
 * plain: ak_num_parse and ak_num_format then decide. */
size_t
ak_load_csv_decimal(char *out, const char *s, size_t len, int comma)
{
	size_t i = 0, n = 0, ib, ie, fb, fe, z, sig;
	int neg = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (ib = i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	ie = fb = fe = i;
	/* With decimal commas a '.' groups thousands: ak_num_parse decides. */
	if (i < len && (comma ? s[i] == ',' : s[i] == '.')) {
		for (fb = ++i; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		fe = i;
	}
	if (i != len || (ie == ib && fe == fb))
		return 0;
	while (ib < ie && s[ib] == '0')
		ib++;
	while (fe > fb && s[fe - 1] == '0')
		fe--;
	if (ib == ie && fb == fe) {
		out[0] = '0';
		return 1;
	}
	if (ib < ie) {
		sig = (ie - ib) + (fe - fb);
	} else {
		for (z = fb; z < fe && s[z] == '0'; z++)
			;
		if (z - fb > 3)
			return 0;
		sig = fe - z;
	}
	if (sig > 15)
		return 0;
	if (neg)
		out[n++] = '-';
	if (ib == ie) {
		out[n++] = '0';
	} else {
		memcpy(out + n, s + ib, ie - ib);
		n += ie - ib;
	}
	if (fe > fb) {
		out[n++] = '.';
		memcpy(out + n, s + fb, fe - fb);
		n += fe - fb;
	}
	return n;
}

static void
put_text(struct csv_state *st, const char *s, size_t len)
{
	memcpy(st->text + st->textlen, s, len);
	st->textlen += len;
}

#define PUT(st, lit) put_text((st), (lit), sizeof(lit) - 1)

/* One measurement by the fast path.  Returns 1 when it is handed out, 0
 * when anything is out of the ordinary: then the row takes the normal
 * path, which gives the same record or the exact error. */
static int
fast_measurement(struct csv_state *st, const char *kpi, size_t kpilen,
                 const char *at, size_t atlen, const char *value, size_t vlen,
                 const char *note, size_t notelen)
{
	char num[AK_NUM_BUFSIZE], digits[24];
	size_t numlen, ndigits = 0, need;
	ak_load_record rec;
	long line = st->row_line;
	ak_date day;
	double d;

	ak_trim(&kpi, &kpilen);
	ak_trim(&at, &atlen);
	ak_trim(&value, &vlen);
	ak_trim(&note, &notelen);
	if (kpilen == 0 || ak_id_problem(kpi, kpilen) != NULL ||
	    !plain(kpi, kpilen) || atlen == 0 || !plain(at, atlen) ||
	    ak_date_parse_at(&day, at, atlen, NULL) != AK_OK || vlen == 0 ||
	    !plain(note, notelen))
		return 0;
	numlen = ak_load_csv_decimal(num, value, vlen,
	                            (st->flags & AK_RECORD_DECIMAL_COMMA) != 0);
	if (numlen == 0) {
		if (ak_num_parse(&d, value, vlen,
		                 (st->flags & AK_RECORD_DECIMAL_COMMA) ?
		                 AK_NUM_DECIMAL_COMMA : 0, NULL) != AK_OK)
			return 0;
		numlen = ak_num_format(num, sizeof(num), d);
	}
	do
		digits[ndigits++] = (char)('0' + line % 10);
	while ((line /= 10) > 0);
	st->srclen = st->srcprefix;
	while (ndigits > 0)
		st->src[st->srclen++] = digits[--ndigits];
	st->src[st->srclen] = '\0';

	need = 96 + kpilen + atlen + numlen + notelen + st->srclen;
	if (need > st->textcap) {
		char *t = realloc(st->text, need);
		if (t == NULL) {
			oom(st);
			return 1;
		}
		st->text = t;
		st->textcap = need;
	}
	st->textlen = 0;
	PUT(st, "{\"kind\":\"measurement\",\"kpi\":\"");
	put_text(st, kpi, kpilen);
	PUT(st, "\",\"at\":\"");
	put_text(st, at, atlen);
	PUT(st, "\",\"value\":");
	put_text(st, num, numlen);
	if (notelen > 0) {
		PUT(st, ",\"note\":\"");
		put_text(st, note, notelen);
		PUT(st, "\"");
	}
	PUT(st, ",\"src\":\"");
	put_text(st, st->src, st->srclen);
	PUT(st, "\"}");
	st->text[st->textlen] = '\0';
	rec.record = NULL;
	rec.src = st->src;
	rec.kind = AK_KIND_MEASUREMENT;
	rec.bytes = st->text;
	rec.len = st->textlen;
	st->stop = ak_load_emit(st->f, &rec, st->row_line);
	return 1;
}

/* The header of a file of the loader's schema: each column that names one
 * of its fields is that field, the others are ignored; the required
 * fields must have a column. */
static void
schema_header(struct csv_state *st)
{
	const ak_load_schema *sc = st->schema;
	size_t k;

	if ((st->names[0] = calloc(st->ncols, sizeof(char *))) == NULL) {
		oom(st);
		return;
	}
	for (k = 0; sc->fields[k] != NULL; k++) {
		size_t j;
		for (j = 0; j < st->ncols; j++)
			if (strcmp(st->keys[j], sc->fields[k]) == 0)
				break;
		if (j < st->ncols)
			st->names[0][j] = sc->fields[k];
		else if (k < sc->nrequired) {
			fail(st, st->row_line, 1, "header: no %s column (a %s needs "
			     "%s)", sc->fields[k], sc->kind, sc->needs);
			return;
		}
	}
}

/* A row of a file of the loader's schema: its fields' cells, trimmed,
 * the empty ones left out. */
static void
read_schema_row(struct csv_state *st)
{
	json_object_clear(st->row);
	for (size_t j = 0; j < st->ncols; j++) {
		const char *s = cell(st, j);
		size_t len = st->len[j];
		if (st->names[0][j] == NULL)
			continue;
		ak_trim(&s, &len);
		if (len > 0 && set_string(st->row, st->names[0][j], s, len) != 0) {
			oom(st);
			return;
		}
	}
	st->stop = ak_load_emit_json(st->f, st->row, AK_KIND_OTHER,
	                             st->row_line);
}

static void
read_header(struct csv_state *st)
{
	size_t n = st->ncells;

	st->have_header = 1;
	st->kind_col = -1;
	if ((st->heads = calloc(n, sizeof(*st->heads))) == NULL ||
	    (st->keys = calloc(n, sizeof(*st->keys))) == NULL) {
		oom(st);
		return;
	}
	st->ncols = n;
	for (size_t j = 0; j < n; j++) {
		if (!ak_load_utf8_valid(cell(st, j), st->len[j])) {
			fail(st, st->row_line, 1, "header: column %zu: invalid UTF-8",
			     j + 1);
			return;
		}
		if (memchr(cell(st, j), '\0', st->len[j]) != NULL) {
			fail(st, st->row_line, 1, "header: column %zu: a NUL byte "
			     "is not allowed", j + 1);
			return;
		}
		st->heads[j] = st->raw ? strdup(cell(st, j))
		                       : trimmed_copy(cell(st, j), st->len[j]);
		st->keys[j] = header_key(cell(st, j), st->len[j]);
		if (st->heads[j] == NULL || st->keys[j] == NULL) {
			oom(st);
			return;
		}
		if (!st->raw)
			cut_unit(st->keys[j]);
	}
	for (size_t j = 0; j < n; j++) {
		const char *a = st->raw ? st->heads[j] : st->keys[j];
		if (!st->raw && a[0] == '\0')
			continue;
		for (size_t i = 0; i < j; i++) {
			if (strcmp(a, st->raw ? st->heads[i] : st->keys[i]) == 0) {
				fail(st, st->row_line, 1,
				     "header: column %zu \"%s\" repeats column %zu",
				     j + 1, st->heads[j], i + 1);
				return;
			}
		}
	}
	if (st->raw)
		return;
	if (st->schema != NULL) {
		schema_header(st);
		return;
	}
	for (size_t j = 0; j < n; j++)
		if (strcmp(st->keys[j], "kind") == 0)
			st->kind_col = (long)j;
	if (st->kind_col < 0) {
		int wide = detect_wide(st);
		if (wide < 0)
			return;
		if (wide > 0) {
			/* The header itself says what the file holds. */
			st->wide = 1;
			/* The fast path writes measurements. */
			if (st->f->kind == AK_KIND_TARGET)
				return;
			st->f->kind = AK_KIND_MEASUREMENT;
			plan_fast(st);
			return;
		}
		if (st->f->kind == AK_KIND_OTHER) {
			fail(st, st->row_line, 1,
			     "no kind: the file has no kind column and its name does "
			     "not end in goals, initiatives, kpis, targets, measurements "
			     "or checkins; rename it (2026-kpis.csv) or give --kind");
			return;
		}
	}
	for (size_t j = 0; j < n && !st->stop; j++)
		if ((long)j != st->kind_col && st->keys[j][0] != '\0')
			near_miss(st, j);
	if (st->stop)
		return;
	for (int k = AK_KIND_GOAL; k <= AK_KIND_CHECKIN; k++) {
		if ((st->names[k] = calloc(n, sizeof(char *))) == NULL) {
			oom(st);
			return;
		}
		for (size_t j = 0; j < n; j++) {
			const char *known = field_of((ak_kind)k, st->keys[j]);
			st->names[k][j] = known != NULL ? known : st->heads[j];
		}
	}
	form_columns(st);
	plan_fast(st);
}

/* A wide sheet's row: one measurement (or target record, each cell its
 * period's target) per non-empty cell. */
static void
read_wide_row(struct csv_state *st)
{
	const char *kpi = cell(st, 0);
	size_t kpilen = st->len[0];
	int targets = st->f->kind == AK_KIND_TARGET;

	for (size_t j = 1; j < st->ncols && !st->stop; j++) {
		if (st->len[j] == 0)
			continue;
		if (!targets && st->fast && fast_measurement(st, kpi, kpilen, st->dates[j], 10,
		                                 cell(st, j), st->len[j], "", 0))
			continue;
		json_object_clear(st->row);
		if ((kpilen > 0 && set_string(st->row, "kpi", kpi, kpilen) != 0) ||
		    set_string(st->row, targets ? "from" : "at", st->dates[j],
		               10) != 0 ||
		    set_string(st->row, targets ? "target" : "value", cell(st, j),
		               st->len[j]) != 0) {
			oom(st);
			return;
		}
		st->stop = ak_load_normalize(st->f, st->row, st->f->kind,
		                             st->row_line, st->flags);
	}
}

/* A row in raw mode: every cell, keyed by the header as written. */
static void
read_raw_row(struct csv_state *st)
{
	json_object_clear(st->row);
	for (size_t j = 0; j < st->ncols; j++)
		if (set_string(st->row, st->heads[j], cell(st, j), st->len[j]) != 0) {
			oom(st);
			return;
		}
	st->stop = ak_load_emit_json(st->f, st->row, AK_KIND_OTHER,
	                             st->row_line);
}

/* The model kind a kind cell (trimmed) names, in any case; AK_KIND_OTHER
 * for any other text. */
static ak_kind
kind_cell(const char *s, size_t len)
{
	char name[16];
	ak_kind k;

	if (len == 0 || len >= sizeof(name))
		return AK_KIND_OTHER;
	for (size_t i = 0; i < len; i++)
		name[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a')
		                                      : s[i];
	name[len] = '\0';
	k = ak_kind_parse(name);
	return AK_KIND_IS_MODEL(k) ? k : AK_KIND_OTHER;
}

static void
read_row(struct csv_state *st)
{
	ak_kind kind = st->f->kind;

	if (st->ncells != st->ncols) {
		fail(st, st->row_line, 0, "row has %zu cell%s, the header has %zu",
		     st->ncells, st->ncells == 1 ? "" : "s", st->ncols);
		return;
	}
	for (size_t j = 0; j < st->ncols; j++) {
		if (!ak_load_utf8_valid(cell(st, j), st->len[j])) {
			fail(st, st->row_line, 0, "column \"%s\": invalid UTF-8",
			     st->heads[j]);
			return;
		}
		/* No reader of the stream takes "\u0000": stop it here. */
		if (memchr(cell(st, j), '\0', st->len[j]) != NULL) {
			fail(st, st->row_line, 0, "column \"%s\": a NUL byte is "
			     "not allowed", st->heads[j]);
			return;
		}
	}
	if (st->raw) {
		read_raw_row(st);
		return;
	}
	if (st->schema != NULL) {
		read_schema_row(st);
		return;
	}
	if (st->wide) {
		read_wide_row(st);
		return;
	}
	if (st->fast) {
		const char *c[4];
		size_t l[4];
		for (int k = 0; k < 4; k++) {
			c[k] = st->fcol[k] >= 0 ? cell(st, (size_t)st->fcol[k]) : "";
			l[k] = st->fcol[k] >= 0 ? st->len[st->fcol[k]] : 0;
		}
		if (fast_measurement(st, c[0], l[0], c[1], l[1], c[2], l[2], c[3],
		                     l[3]))
			return;
	}
	if (st->kind_col >= 0) {
		size_t kc = (size_t)st->kind_col;
		const char *s = cell(st, kc);
		size_t len = st->len[kc];
		ak_trim(&s, &len);
		if (len > 0 && (kind = kind_cell(s, len)) == AK_KIND_OTHER) {
			fail(st, st->row_line, 0,
			     "column kind: \"%.*s\" is not one of goal, initiative, "
			     "kpi, measurement, target, checkin", len > 40 ? 40 : (int)len, s);
			return;
		}
		if (len == 0 && (kind = st->f->kind) == AK_KIND_OTHER) {
			fail(st, st->row_line, 0,
			     "column kind is empty, and the file name does not end "
			     "in goals, initiatives, kpis, targets, measurements or "
			     "checkins; rename it (2026-kpis.csv) or give --kind");
			return;
		}
	}
	json_object_clear(st->row);
	for (size_t j = 0; j < st->ncols; j++) {
		if (st->len[j] == 0 || (long)j == st->kind_col)
			continue;
		if (st->heads[j][0] == '\0') {
			fail(st, st->row_line, 0, "column %zu has a value but no name",
			     j + 1);
			return;
		}
		if (set_string(st->row, st->names[kind][j], cell(st, j),
		               st->len[j]) != 0) {
			oom(st);
			return;
		}
	}
	st->stop = ak_load_normalize(st->f, st->row, kind, st->row_line,
	                             st->flags);
}

static void
on_row(int c, void *data)
{
	struct csv_state *st = data;

	if (st->stop || st->done)
		return;
	if (st->ncells > 0) {
		if (!st->have_header)
			read_header(st);
		else
			read_row(st);
		st->ncells = 0;
		st->used = 0;
	}
	/* CSV_REPALL_NL reports every line feed, also the one after a CR and
	 * those of blank lines, which are skipped. */
	if (c == '\n')
		st->line++;
}

/* The delimiter the header line uses most, outside quotes: ',' ';' or
 * tab, ',' when it has none. */
static unsigned char
detect_delimiter(const char *s, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semi++;
		else if (c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* The line of the byte libcsv stopped at: the cells it has handed out,
 * and the line breaks in the cell it holds. */
static long
parser_line(const struct csv_state *st, const struct csv_parser *p)
{
	long line = st->line;

	for (size_t i = 0; i < p->entry_pos; i++)
		if (p->entry_buf[i] == '\n')
			line++;
	return line;
}

#define CSV_OPTIONS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | \
                     CSV_REPALL_NL)

/* Feeds s[0..len) to libcsv.  Strict mode stops at any quote out of
 * place; a quote inside an unquoted cell (37.8"N) is plainly text, as
 * csv-spectrum expects, so it is fed again with strict mode off for that
 * byte alone.  Text after a closing quote stays an error. */
static void
parse_chunk(struct csv_state *st, struct csv_parser *p, const char *s,
            size_t len)
{
	size_t off = 0, done;

	while (off < len && !st->stop && !st->done) {
		done = csv_parse(p, s + off, len - off, on_cell, on_row, st);
		if (done == len - off || st->stop || st->done)
			return;
		if (csv_error(p) != CSV_EPARSE) {
			oom(st);
			return;
		}
		if (p->quoted || s[off + done] != '"') {
			fail(st, parser_line(st, p), 1,
			     "text after the closing quote of a cell");
			return;
		}
		csv_set_opts(p, (unsigned char)(CSV_OPTIONS & ~CSV_STRICT));
		csv_parse(p, "\"", 1, on_cell, on_row, st);
		csv_set_opts(p, CSV_OPTIONS);
		off += done + 1;
	}
}

static void
free_state(struct csv_state *st)
{
	for (size_t j = 0; j < st->ncols; j++) {
		if (st->heads != NULL)
			free(st->heads[j]);
		if (st->keys != NULL)
			free(st->keys[j]);
	}
	free(st->heads);
	free(st->keys);
	for (int k = 0; k < NMODEL; k++)
		free(st->names[k]);
	free(st->dates);
	free(st->cells);
	free(st->off);
	free(st->len);
	free(st->text);
	free(st->src);
	json_decref(st->row);
}

int
ak_load_csv_read(ak_load_file *f, FILE *fp, int tsv)
{
	const ak_load_options *o = ak_loader_options(f->loader);
	struct csv_state st;
	struct csv_parser p;
	char *buf;
	size_t n, skip = 0;
	int first = 1;

	memset(&st, 0, sizeof(st));
	st.f = f;
	st.schema = ak_loader_schema(f->loader);
	st.raw = (o->flags & AK_LOAD_RAW) != 0;
	st.flags = AK_RECORD_TEXT |
	           ((o->flags & AK_LOAD_DECIMAL_COMMA) ? AK_RECORD_DECIMAL_COMMA : 0);
	st.line = 1;
	st.kind_col = -1;
	if ((buf = malloc(CHUNK_SIZE)) == NULL || (st.row = json_object()) == NULL) {
		free(buf);
		return oom(&st);
	}
	if (csv_init(&p, CSV_OPTIONS) != 0) {
		free(buf);
		free_state(&st);
		return oom(&st);
	}
	/* libcsv grows its cell buffer by this much at a time: by 128 bytes,
	 * its default, a long cell would cost many reallocations. */
	csv_set_blk_size(&p, 4096);
	while (!st.stop && !st.done && (n = fread(buf, 1, CHUNK_SIZE, fp)) > 0) {
		if (first) {
			first = 0;
			if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
				skip = 3;
			if (o->delimiter != 0)
				csv_set_delim(&p, (unsigned char)o->delimiter);
			else if (tsv)
				csv_set_delim(&p, '\t');
			else
				csv_set_delim(&p, detect_delimiter(buf + skip, n - skip));
			/* A ';' file comes from a spreadsheet in a locale that
			 * writes decimal commas: it can mean nothing else. */
			if (csv_get_delim(&p) == ';' &&
			    !(o->flags & AK_LOAD_NO_DECIMAL_COMMA))
				st.flags |= AK_RECORD_DECIMAL_COMMA;
		}
		parse_chunk(&st, &p, buf + skip, n - skip);
		skip = 0;
	}
	if (!st.stop && !st.done && ferror(fp)) {
		ak_error err;
		ak_error_set(&err, AK_EIO, f->name, 0, "read error: %s",
		             strerror(errno ? errno : EIO));
		st.stop = ak_load_fail(f, AK_EIO, &err);
		st.done = 1;
	}
	if (csv_fini(&p, on_cell, on_row, &st) != 0 && !st.stop && !st.done)
		fail(&st, st.ncells > 0 ? st.row_line : st.line, 1,
		     "a quoted cell is not closed");
	if (st.schema != NULL && !st.have_header && !st.stop && !st.done) {
		/* A file of waivers without its header is not what was meant. */
		ak_error err;
		char header[256];
		size_t hlen = 0;
		for (size_t k = 0; st.schema->fields[k] != NULL; k++) {
			size_t m = strlen(st.schema->fields[k]);
			if (hlen + m + 2 > sizeof(header))
				break;
			if (k > 0)
				header[hlen++] = ',';
			memcpy(header + hlen, st.schema->fields[k], m);
			hlen += m;
		}
		header[hlen] = '\0';
		ak_error_set(&err, AK_EINPUT, f->name, 0, "empty file: a %ss file "
		             "needs the header %s", st.schema->kind, header);
		st.stop = ak_load_fail(f, AK_EINPUT, &err);
	}
	csv_free(&p);
	free(buf);
	free_state(&st);
	return st.stop;
}
