/* Reports: the escaping and measuring of text every renderer needs, and the
 * table type the sections are built as. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/num.h"
#include "alignkit/stream.h"
#include "report_internal.h"
#include "util_internal.h"

static int
unsafe(uint32_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0xfffe || c == 0xffff;
}

char *
ak_rp_clean(const char *s, int mode)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out;

	/* Never longer than s: every replacement is one byte for at least
	 * one. */
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	while (i < n) {
		uint32_t c;
		size_t k = ak_utf8_decode((const unsigned char *)s + i, n - i, &c);

		if (k == 0) {
			out[o++] = '?';
			i++;
			continue;
		}
		if (c == '\n' || c == '\t' || c == '\r') {
			if (mode == AK_RP_CLEAN_KEEPNL)
				out[o++] = (char)c;
			else if (!(c == '\n' && o > 0 && out[o - 1] == ' ' &&
			           i > 0 && s[i - 1] == '\r'))
				out[o++] = ' ';
			i++;
			continue;
		}
		if (unsafe(c)) {
			out[o++] = '?';
			i += k;
			continue;
		}
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	out[o] = '\0';
	return out;
}

static int
wide(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf &&
	        c != 0x303f) || (c >= 0xac00 && c <= 0xd7a3) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
	       (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
	       (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd);
}

static int
zero_width(uint32_t c)
{
	return (c >= 0x300 && c <= 0x36f) || c == 0x200b || c == 0x200c ||
	       c == 0x200d || (c >= 0xfe00 && c <= 0xfe0f);
}

static size_t
char_width(uint32_t c)
{
	return zero_width(c) ? 0 : wide(c) ? 2 : 1;
}

size_t
ak_rp_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		uint32_t c;
		size_t k = ak_utf8_decode((const unsigned char *)s + i, n - i, &c);

		if (k == 0)
			k = 1, c = '?';
		w += char_width(c);
		i += k;
	}
	return w;
}

static void
pad(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

size_t
ak_rp_put_fit(FILE *out, const char *s, size_t width, int padded, int ascii,
           int right)
{
	size_t n = strlen(s), i = 0, w = 0, total = ak_rp_width(s);
	const char *ell = ascii ? "..." : "\xe2\x80\xa6";
	size_t ellw = ascii ? 3 : 1;

	if (total <= width) {
		if (right && padded)
			pad(out, width - total);
		fputs(s, out);
		if (!right && padded)
			pad(out, width - total);
		return padded ? width : total;
	}
	if (width < ellw) {
		pad(out, padded ? width : 0);
		return padded ? width : 0;
	}
	while (i < n) {
		uint32_t c;
		size_t k = ak_utf8_decode((const unsigned char *)s + i, n - i, &c);
		size_t cw;

		if (k == 0)
			k = 1, c = '?';
		cw = char_width(c);
		if (w + cw + ellw > width)
			break;
		fwrite(s + i, 1, k, out);
		w += cw;
		i += k;
	}
	fputs(ell, out);
	w += ellw;
	if (padded)
		pad(out, width - w);
	return padded ? width : w;
}

const char *
ak_rp_tail(const char *s, size_t width)
{
	const char *p = s + strlen(s);

	while (p > s) {
		const char *q = p - 1;

		/* Back to the first byte of the character before p. */
		while (q > s && ((unsigned char)*q & 0xc0) == 0x80)
			q--;
		if (ak_rp_width(q) > width)
			break;
		p = q;
	}
	return p;
}

void
ak_rp_put_xml(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\n': fputs("&#10;", out); break;
		case '\r': fputs("&#13;", out); break;
		case '\t': fputs("&#9;", out); break;
		default: putc(*s, out);
		}
	}
}

/* 64-bit FNV-1a, run twice with different offsets for 128 bits: enough
 * that two gaps do not share a fingerprint by accident, and the same on
 * every machine. */
static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
ak_rp_fingerprint(char out[33], const ak_rp_gap *g)
{
	char ord[32];
	uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
	const char *parts[3];
	size_t np = 3;

	snprintf(ord, sizeof(ord), "%zu", g->ordinal);
	parts[0] = g->type;
	parts[1] = g->subject;
	parts[2] = ord;
	for (size_t i = 0; i < np; i++) {
		a = fnv(a, parts[i], strlen(parts[i]) + 1);
		b = fnv(b, parts[i], strlen(parts[i]) + 1);
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)a,
	         (unsigned long long)b);
}

char *
ak_rp_src_split(const char *src, long *line)
{
	const char *colon = strrchr(src, ':');
	size_t n = strlen(src);
	char *file;

	*line = 0;
	if (colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
	    strlen(colon + 1) < 10) {
		*line = atol(colon + 1);
		n = (size_t)(colon - src);
	}
	if ((file = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(file, src, n);
	file[n] = '\0';
	return file;
}

int
ak_rp_gap_location(const ak_rp_gap *g, char **file, long *line)
{
	*file = NULL;
	*line = 0;
	if (g->src != NULL && g->src[0] != '\0') {
		if ((*file = ak_rp_src_split(g->src, line)) == NULL)
			return AK_ENOMEM;
		if ((*file)[0] != '\0')
			return AK_OK;
		free(*file);
		*file = NULL;
		*line = 0;
	}
	if (strcmp(g->file, AK_STDIN_NAME) == 0 || strcmp(g->file, "-") == 0)
		return AK_OK;
	if ((*file = strdup(g->file)) == NULL)
		return AK_ENOMEM;
	*line = g->line;
	return AK_OK;
}

const char *
ak_rp_num(char buf[32], double v)
{
	ak_num_format(buf, 32, v);
	return buf;
}

const char *
ak_rp_percent(char buf[32], double score)
{
	/* Rounded down: 0.9999 is not on target, and must not read 100%. */
	double p = floor(score * 100 + 1e-9);

	ak_num_format(buf, 32, p);
	strcat(buf, "%");
	return buf;
}

/* ---- tables -------------------------------------------------------------- */

ak_rp_table *
ak_rp_table_new(size_t ncols, const char *const *heads, const unsigned *flags)
{
	ak_rp_table *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->ncols = ncols;
	t->heads = calloc(ncols + 1, sizeof(*t->heads));
	t->owned_heads = calloc(ncols + 1, sizeof(*t->owned_heads));
	t->flags = calloc(ncols + 1, sizeof(*t->flags));
	if (t->heads == NULL || t->owned_heads == NULL || t->flags == NULL) {
		ak_rp_table_free(t);
		return NULL;
	}
	for (size_t i = 0; i < ncols; i++) {
		t->heads[i] = heads != NULL ? heads[i] : "";
		t->flags[i] = flags != NULL ? flags[i] : 0;
	}
	return t;
}

void
ak_rp_table_free(ak_rp_table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		free(t->cells[i].text);
		free(t->cells[i].prefix);
	}
	if (t->row_ids != NULL)
		for (size_t i = 0; i < t->nrows; i++)
			free(t->row_ids[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->owned_heads[i]);
	free(t->row_ids);
	free(t->row_cls);
	free(t->owned_heads);
	free(t->heads);
	free(t->flags);
	free(t->cells);
	free(t);
}

long
ak_rp_table_row(ak_rp_table *t)
{
	if (t->nrows == t->caprows) {
		size_t cap = t->caprows ? t->caprows * 2 : 16;
		ak_rp_cell *cells = realloc(t->cells, cap * t->ncols * sizeof(ak_rp_cell));
		char **ids;
		const char **cls;

		if (cells == NULL)
			return -1;
		t->cells = cells;
		if ((ids = realloc(t->row_ids, cap * sizeof(char *))) == NULL)
			return -1;
		t->row_ids = ids;
		if ((cls = realloc(t->row_cls, cap * sizeof(char *))) == NULL)
			return -1;
		t->row_cls = cls;
		t->caprows = cap;
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(ak_rp_cell));
	t->row_ids[t->nrows] = NULL;
	t->row_cls[t->nrows] = NULL;
	return (long)t->nrows++;
}

ak_rp_cell *
ak_rp_table_cell(ak_rp_table *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

int
ak_rp_cell_set(ak_rp_cell *c, const char *s)
{
	char *copy = strdup(s != NULL ? s : "");

	if (copy == NULL)
		return AK_ENOMEM;
	free(c->text);
	c->text = copy;
	return AK_OK;
}

int
ak_rp_cell_num(ak_rp_cell *c, double v)
{
	char buf[32];

	c->number = 1;
	return ak_rp_cell_set(c, ak_rp_num(buf, v));
}
