/* Reports for people in a terminal, a wiki or a spreadsheet: text (80
 * columns, colour on request), GitHub-flavoured Markdown, and CSV. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report_internal.h"
#include "util_internal.h"

#define TEXT_WIDTH 80
#define GUTTER 2
/* The widest id column text keeps when longer ids take lines of their
 * own. */
#define ID_SHOWN 16

static const char *
cell_text(const ak_rp_cell *c)
{
	return c->text != NULL ? c->text : "";
}

/* ---- text ---------------------------------------------------------------- */

static const char *
colour_of(const char *cls)
{
	static const struct { ak_score_status s; const char *sgr; } st[] = {
		{AK_SCORE_GREEN, "\033[32m"}, {AK_SCORE_AMBER, "\033[33m"},
		{AK_SCORE_RED, "\033[31m"}, {AK_SCORE_NONE, "\033[2m"}};
	static const struct { ak_severity s; const char *sgr; } sv[] = {
		{AK_SEVERITY_ERROR, "\033[1;31m"}, {AK_SEVERITY_WARNING, "\033[33m"},
		{AK_SEVERITY_INFO, "\033[36m"}};

	if (cls == NULL)
		return NULL;
	for (size_t i = 0; i < AK_NELEM(st); i++)
		if (strcmp(ak_score_status_name(st[i].s), cls) == 0)
			return st[i].sgr;
	for (size_t i = 0; i < AK_NELEM(sv); i++)
		if (strcmp(ak_severity_name(sv[i].s), cls) == 0)
			return sv[i].sgr;
	if (strcmp(cls, "waived") == 0)
		return "\033[2m";
	return NULL;
}

struct text {
	FILE *out;
	const ak_report_options *opt;
	int rc;
};

/* Writes s (clean) wrapped to fit from column indent to TEXT_WIDTH, each
 * line after the first indented too. */
static void
put_wrapped(struct text *tx, const char *s, size_t indent)
{
	size_t avail = TEXT_WIDTH - indent, col = 0;
	char *copy = strdup(s), *word, *save = NULL;

	if (copy == NULL) {
		tx->rc = AK_ENOMEM;
		return;
	}
	fprintf(tx->out, "%*s", (int)indent, "");
	for (word = strtok_r(copy, " ", &save); word != NULL;
	     word = strtok_r(NULL, " ", &save)) {
		size_t w = ak_rp_width(word);

		if (col > 0 && col + 1 + w > avail) {
			fprintf(tx->out, "\n%*s", (int)indent, "");
			col = 0;
		}
		if (col > 0) {
			putc(' ', tx->out);
			col++;
		}
		col += ak_rp_put_fit(tx->out, word, avail - col, 0, tx->opt->ascii, 0);
	}
	putc('\n', tx->out);
	free(copy);
}

static void
text_table(struct text *tx, ak_rp_table *t, const char *empty)
{
	size_t w[64], total = 0, nvis = 0, below = SIZE_MAX, last = 0;
	int vis[64], idline = 0;
	char **clean;
	size_t ncells = t->nrows * t->ncols;

	if (t->nrows == 0) {
		fprintf(tx->out, "%s\n", empty);
		return;
	}
	if (t->ncols > 64) {
		tx->rc = AK_ENOMEM;
		return;
	}
	if ((clean = calloc(ncells + 1, sizeof(char *))) == NULL) {
		tx->rc = AK_ENOMEM;
		return;
	}
	for (size_t i = 0; i < ncells; i++)
		if ((clean[i] = ak_rp_clean(cell_text(&t->cells[i]), AK_RP_CLEAN_LINE)) ==
		    NULL) {
			tx->rc = AK_ENOMEM;
			goto out;
		}
	for (size_t c = 0; c < t->ncols; c++) {
		vis[c] = !(t->flags[c] & (AK_RP_COL_WIDE | AK_RP_COL_BELOW));
		if (t->flags[c] & AK_RP_COL_BELOW)
			below = c;
		if (!vis[c])
			continue;
		w[c] = ak_rp_width(t->heads[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, c);
			size_t cw = ak_rp_width(clean[r * t->ncols + c]) +
			            (cell->prefix != NULL ? ak_rp_width(cell->prefix) : 0);

			if (cw > w[c])
				w[c] = cw;
		}
		total += w[c] + (nvis > 0 ? GUTTER : 0);
		nvis++;
		last = c;
	}
	/* An id is never cut: when the first column's ids make the table too
	 * wide, the longest of them go on a line of their own above their
	 * row, and the column keeps the width of the others. */
	if (total > TEXT_WIDTH && vis[0] && (t->flags[0] & AK_RP_COL_ID) &&
	    w[0] > ID_SHOWN) {
		size_t keep = ak_rp_width(t->heads[0]);

		for (size_t r = 0; r < t->nrows; r++) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, 0);
			size_t cw = ak_rp_width(clean[r * t->ncols]) +
			            (cell->prefix != NULL ? ak_rp_width(cell->prefix) : 0);

			if (cw <= ID_SHOWN && cw > keep)
				keep = cw;
		}
		if (keep < ID_SHOWN)
			keep = ID_SHOWN;
		total -= w[0] - keep;
		w[0] = keep;
		idline = 1;
	}
	/* A number cut short would mislead: spare columns go, first first,
	 * while the text columns cannot give the width needed. */
	for (;;) {
		size_t give = 0, spare = SIZE_MAX;

		for (size_t c = 0; c < t->ncols; c++) {
			if (!vis[c])
				continue;
			if (!(t->flags[c] & (AK_RP_COL_ID | AK_RP_COL_RIGHT |
			                     AK_RP_COL_RAW)) && w[c] > 6)
				give += w[c] - 6;
			if ((t->flags[c] & AK_RP_COL_SPARE) && spare == SIZE_MAX)
				spare = c;
		}
		if (total <= TEXT_WIDTH || total - TEXT_WIDTH <= give ||
		    spare == SIZE_MAX)
			break;
		vis[spare] = 0;
		total -= w[spare] + GUTTER;
		if (spare == last)
			for (size_t c = 0; c < spare; c++)
				if (vis[c])
					last = c;
	}
	/* Too wide: the flexible column gives way first, then the widest. */
	for (size_t c = 0; c < t->ncols && total > TEXT_WIDTH; c++) {
		if (vis[c] && (t->flags[c] & AK_RP_COL_FLEX) && w[c] > 12) {
			size_t cut = total - TEXT_WIDTH;

			if (cut > w[c] - 12)
				cut = w[c] - 12;
			w[c] -= cut;
			total -= cut;
		}
	}
	/* Then the widest text column; numbers and sparklines cut short
	 * would mislead, so they are cut last. */
	for (int pass = 0; pass < 2 && total > TEXT_WIDTH; pass++) {
		while (total > TEXT_WIDTH) {
			size_t widest = SIZE_MAX;

			for (size_t c = 0; c < t->ncols; c++)
				if (vis[c] && !(t->flags[c] & AK_RP_COL_ID) &&
				    (pass == 1 || !(t->flags[c] &
				    (AK_RP_COL_RIGHT | AK_RP_COL_RAW))) &&
				    (widest == SIZE_MAX || w[c] > w[widest]))
					widest = c;
			if (widest == SIZE_MAX || w[widest] <= 6)
				break;
			w[widest]--;
			total--;
		}
	}
	if (t->caption != NULL)
		fprintf(tx->out, "%s\n", t->caption);
	for (size_t c = 0; c < t->ncols; c++) {
		if (!vis[c])
			continue;
		if (tx->opt->color)
			fputs("\033[1m", tx->out);
		ak_rp_put_fit(tx->out, t->heads[c], w[c], c != last, tx->opt->ascii,
		           (t->flags[c] & AK_RP_COL_RIGHT) != 0);
		if (tx->opt->color)
			fputs("\033[0m", tx->out);
		if (c != last)
			fprintf(tx->out, "%*s", GUTTER, "");
	}
	putc('\n', tx->out);
	for (size_t r = 0; r < t->nrows; r++) {
		int own = 0;

		if (idline) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, 0);
			size_t pw = cell->prefix != NULL ? ak_rp_width(cell->prefix) : 0;

			if (pw + ak_rp_width(clean[r * t->ncols]) > w[0]) {
				if (cell->prefix != NULL)
					fputs(cell->prefix, tx->out);
				fprintf(tx->out, "%s\n", clean[r * t->ncols]);
				own = 1;
			}
		}
		for (size_t c = 0; c < t->ncols; c++) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, c);
			const char *sgr = tx->opt->color ? colour_of(cell->cls) : NULL;
			const char *text = clean[r * t->ncols + c];
			size_t pw = 0;

			if (!vis[c])
				continue;
			if (c == 0 && own) {
				fprintf(tx->out, "%*s", (int)(w[0] + GUTTER), "");
				continue;
			}
			if (cell->prefix != NULL) {
				pw = ak_rp_put_fit(tx->out, cell->prefix, w[c], 0,
				                tx->opt->ascii, 0);
			}
			if (sgr != NULL && text[0] != '\0') {
				/* Padding stays outside the colour, so that the
				 * columns line up whatever the terminal does. */
				size_t tw = ak_rp_width(text), room = w[c] - pw;
				int right = (t->flags[c] & AK_RP_COL_RIGHT) != 0;

				if (tw > room)
					tw = room;
				if (right)
					fprintf(tx->out, "%*s", (int)(room - tw), "");
				fputs(sgr, tx->out);
				ak_rp_put_fit(tx->out, text, room, 0, tx->opt->ascii, 0);
				fputs("\033[0m", tx->out);
				if (!right && c != last)
					fprintf(tx->out, "%*s", (int)(room - tw), "");
			} else if ((t->flags[c] & AK_RP_COL_TAIL) &&
			           ak_rp_width(text) > w[c] - pw && w[c] - pw > 3) {
				/* A source keeps its file name and line. */
				size_t ellw = tx->opt->ascii ? 3 : 1;
				const char *tail = ak_rp_tail(text, w[c] - pw - ellw);

				fputs(tx->opt->ascii ? "..." : "\xe2\x80\xa6", tx->out);
				ak_rp_put_fit(tx->out, tail, w[c] - pw - ellw, c != last,
				           tx->opt->ascii, 0);
			} else {
				ak_rp_put_fit(tx->out, text, w[c] - pw,
				           c != last || (t->flags[c] & AK_RP_COL_RIGHT),
				           tx->opt->ascii,
				           (t->flags[c] & AK_RP_COL_RIGHT) != 0);
			}
			if (c != last)
				fprintf(tx->out, "%*s", GUTTER, "");
		}
		putc('\n', tx->out);
		if (below != SIZE_MAX && clean[r * t->ncols + below][0] != '\0')
			put_wrapped(tx, clean[r * t->ncols + below],
			            w[0] + GUTTER < 24 ? w[0] + GUTTER : 4);
	}
out:
	for (size_t i = 0; i < ncells; i++)
		free(clean[i]);
	free(clean);
}

static const char *
empty_text(unsigned section)
{
	return ak_rp_section_empty(section);
}

/* Whether the matrix grid fits in 80 columns with a title of 12. */
static int
matrix_fits(const ak_rp_table *t)
{
	size_t total = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		size_t w = c == 1 ? 12 : ak_rp_width(t->heads[c]);

		for (size_t r = 0; c != 1 && r < t->nrows; r++) {
			size_t cw = ak_rp_width(cell_text(ak_rp_table_cell((ak_rp_table *)t, r,
			                                             c)));
			if (cw > w)
				w = cw;
		}
		total += w + (c > 0 ? GUTTER : 0);
	}
	return total <= TEXT_WIDTH;
}

/* Whether the matrix's column heads alone leave room for a title. */
static int
headers_fit(const ak_report *r)
{
	size_t total = 2 + GUTTER + 12;

	for (size_t j = 0; j < r->ninitiatives && total <= TEXT_WIDTH; j++)
		total += GUTTER + ak_rp_width(r->initiatives[j]->id);
	return total <= TEXT_WIDTH;
}

static char *
title_of(const ak_report_options *opt)
{
	return ak_rp_clean(opt->title != NULL ? opt->title : AK_RP_DEFAULT_TITLE,
	                AK_RP_CLEAN_LINE);
}

static void
underline(FILE *out, size_t n, char c)
{
	if (n > TEXT_WIDTH)
		n = TEXT_WIDTH;
	while (n-- > 0)
		putc(c, out);
	putc('\n', out);
}

static int write_text(ak_report *r, FILE *out, const ak_report_options *opt,
                      unsigned sections);

/* The report is made in memory so that trailing blanks (padding of the
 * last cells) can be dropped from each line before it is written. */
int
ak_rp_write_text(ak_report *r, FILE *out, const ak_report_options *opt,
              unsigned sections)
{
	char *buf = NULL;
	size_t len = 0, start = 0;
	FILE *mem = open_memstream(&buf, &len);
	int rc;

	if (mem == NULL)
		return AK_ENOMEM;
	rc = write_text(r, mem, opt, sections);
	if (fclose(mem) != 0 && rc == AK_OK)
		rc = AK_ENOMEM;
	for (size_t i = 0; rc == AK_OK && i < len; i++) {
		size_t end = i;

		if (buf[i] != '\n')
			continue;
		while (end > start && buf[end - 1] == ' ')
			end--;
		fwrite(buf + start, 1, end - start, out);
		putc('\n', out);
		start = i + 1;
	}
	free(buf);
	return rc;
}

static int
write_text(ak_report *r, FILE *out, const ak_report_options *opt,
           unsigned sections)
{
	struct text tx = {out, opt, AK_OK};
	ak_rp_style st = {0, opt->ascii};
	char *title;
	size_t tw;

	if ((title = title_of(opt)) == NULL)
		return AK_ENOMEM;
	if (opt->color)
		fputs("\033[1m", out);
	tw = ak_rp_put_fit(out, title, TEXT_WIDTH, 0, opt->ascii, 0);
	if (opt->color)
		fputs("\033[0m", out);
	putc('\n', out);
	underline(out, tw, '=');
	free(title);
	if (r->period != NULL) {
		char *p = ak_rp_clean(r->period, AK_RP_CLEAN_LINE);

		if (p == NULL)
			return AK_ENOMEM;
		fputs("Period ", out);
		ak_rp_put_fit(out, p, 40, 0, opt->ascii, 0);
		if (r->period_end != NULL)
			fprintf(out, ", ending %s", r->period_end);
		putc('\n', out);
		free(p);
	}
	for (size_t i = 0; i < AK_RP_NSECTIONS && tx.rc == AK_OK; i++) {
		unsigned sec = ak_rp_sections[i].bit;
		const char *heading = ak_rp_section_heading(sec);
		ak_rp_table **ts;
		size_t n;

		if (!(sections & sec))
			continue;
		if (sec == AK_SECTION_MATRIX && !headers_fit(r)) {
			/* Many initiatives: no grid to build only to drop. */
			if ((ts = calloc(1, sizeof(*ts))) == NULL ||
			    ak_rp_matrix_list(r, &st, &ts[0]) != AK_OK) {
				if (ts != NULL)
					ak_rp_table_free(ts[0]);
				free(ts);
				return AK_ENOMEM;
			}
			n = 1;
		} else if ((ts = ak_rp_section_tables(r, sec, &st, &n)) == NULL) {
			return AK_ENOMEM;
		} else if (sec == AK_SECTION_MATRIX && !matrix_fits(ts[0])) {
			ak_rp_table_free(ts[0]);
			if (ak_rp_matrix_list(r, &st, &ts[0]) != AK_OK) {
				ak_rp_tables_free(ts, n);
				return AK_ENOMEM;
			}
		}
		putc('\n', out);
		if (opt->color)
			fputs("\033[1m", out);
		fputs(heading, out);
		if (opt->color)
			fputs("\033[0m", out);
		putc('\n', out);
		underline(out, strlen(heading), '-');
		for (size_t k = 0; k < n && tx.rc == AK_OK; k++) {
			if (k > 0)
				putc('\n', out);
			text_table(&tx, ts[k], empty_text(sec));
		}
		ak_rp_tables_free(ts, n);
	}
	return tx.rc;
}

/* ---- markdown ------------------------------------------------------------ */

/* Writes s as Markdown text that renders as exactly s: HTML's specials as
 * character references, Markdown's punctuation (and GitHub's $ for math)
 * behind a backslash, so no link, image, raw HTML or emphasis from the
 * input reaches the page, and a | cannot end a table cell.  The : of
 * "://", the . of "www." and every @ are escaped too: that breaks GitHub's
 * autolinks of URLs, addresses and @mentions. */
static int
put_md(FILE *out, const char *s)
{
	char *c = ak_rp_clean(s, AK_RP_CLEAN_LINE);

	if (c == NULL)
		return AK_ENOMEM;
	for (const char *p = c; *p != '\0'; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '|': case '~': case '#': case '!': case '$': case '@':
			putc('\\', out);
			putc(*p, out);
			break;
		case ':':
			/* "http://" and "www." would become links. */
			if (p[1] == '/' && p[2] == '/')
				putc('\\', out);
			putc(*p, out);
			break;
		case '.':
			if (p - c >= 3 && strncasecmp(p - 3, "www", 3) == 0)
				putc('\\', out);
			putc(*p, out);
			break;
		default:
			putc(*p, out);
		}
	}
	free(c);
	return AK_OK;
}

static const char *
md_mark(const char *cls)
{
	static const struct { ak_score_status s; const char *mark; } map[] = {
		{AK_SCORE_GREEN, "\xf0\x9f\x9f\xa2 "},
		{AK_SCORE_AMBER, "\xf0\x9f\x9f\xa1 "},
		{AK_SCORE_RED, "\xf0\x9f\x94\xb4 "},
		{AK_SCORE_NONE, "\xe2\x9a\xaa "}};

	for (size_t i = 0; cls != NULL && i < AK_NELEM(map); i++)
		if (strcmp(ak_score_status_name(map[i].s), cls) == 0)
			return map[i].mark;
	return "";
}

static int
md_table(FILE *out, ak_rp_table *t, const char *empty, int marks)
{
	if (t->caption != NULL)
		fprintf(out, "**%s**\n\n", t->caption);
	if (t->nrows == 0) {
		fprintf(out, "%s\n", empty);
		return AK_OK;
	}
	fputs("|", out);
	for (size_t c = 0; c < t->ncols; c++) {
		if (ak_rp_col_empty(t, c))
			continue;
		putc(' ', out);
		if (put_md(out, t->heads[c]) != AK_OK)
			return AK_ENOMEM;
		fputs(" |", out);
	}
	fputs("\n|", out);
	for (size_t c = 0; c < t->ncols; c++)
		if (!ak_rp_col_empty(t, c))
			fputs(t->flags[c] & AK_RP_COL_RIGHT ? " ---: |" : " --- |", out);
	putc('\n', out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("|", out);
		for (size_t c = 0; c < t->ncols; c++) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, c);

			if (ak_rp_col_empty(t, c))
				continue;
			putc(' ', out);
			for (int d = 0; d < cell->depth; d++)
				fputs("&nbsp;&nbsp;&nbsp;&nbsp;", out);
			if (cell->depth > 0)
				fputs("\xe2\x86\xb3 ", out);
			if (marks && cell->text != NULL && cell->text[0] != '\0')
				fputs(md_mark(cell->cls), out);
			if (put_md(out, cell_text(cell)) != AK_OK)
				return AK_ENOMEM;
			fputs(" |", out);
		}
		putc('\n', out);
	}
	return AK_OK;
}

int
ak_rp_write_markdown(ak_report *r, FILE *out, const ak_report_options *opt,
                  unsigned sections)
{
	ak_rp_style st = {0, 0};

	fputs("# ", out);
	if (put_md(out, opt->title != NULL ? opt->title : AK_RP_DEFAULT_TITLE))
		return AK_ENOMEM;
	fputs("\n", out);
	if (r->period != NULL) {
		fputs("\nPeriod **", out);
		if (put_md(out, r->period) != AK_OK)
			return AK_ENOMEM;
		fputs("**", out);
		if (r->period_end != NULL)
			fprintf(out, ", ending %s", r->period_end);
		fputs(".\n", out);
	}
	for (size_t i = 0; i < AK_RP_NSECTIONS; i++) {
		unsigned sec = ak_rp_sections[i].bit;
		ak_rp_table **ts;
		size_t n;
		int rc = AK_OK;

		if (!(sections & sec))
			continue;
		if ((ts = ak_rp_section_tables(r, sec, &st, &n)) == NULL)
			return AK_ENOMEM;
		fprintf(out, "\n## %s\n\n", ak_rp_section_heading(sec));
		for (size_t k = 0; k < n && rc == AK_OK; k++) {
			if (k > 0)
				putc('\n', out);
			rc = md_table(out, ts[k], empty_text(sec),
			              sec != AK_SECTION_SUMMARY);
		}
		ak_rp_tables_free(ts, n);
		if (rc != AK_OK)
			return rc;
	}
	return AK_OK;
}

/* ---- csv ----------------------------------------------------------------- */

/* One RFC 4180 field.  A text cell that a spreadsheet would read as a
 * formula (= + - @, or a tab or carriage return before one) gets a
 * leading apostrophe, as OWASP advises; numbers we printed are left
 * alone, so that -3 stays a number. */
static int
put_csv(FILE *out, const ak_rp_cell *cell)
{
	char *c = ak_rp_clean(cell_text(cell), AK_RP_CLEAN_KEEPNL);
	int guard, quote;

	if (c == NULL)
		return AK_ENOMEM;
	guard = !cell->number && c[0] != '\0' && strchr("=+-@\t\r", c[0]);
	quote = strpbrk(c, ",\"\r\n") != NULL || c[0] == ' ' ||
	        (c[0] != '\0' && c[strlen(c) - 1] == ' ');
	if (quote)
		putc('"', out);
	if (guard)
		putc('\'', out);
	for (const char *p = c; *p != '\0'; p++) {
		if (*p == '"')
			putc('"', out);
		putc(*p, out);
	}
	if (quote)
		putc('"', out);
	free(c);
	return AK_OK;
}

int
ak_rp_write_csv(ak_report *r, FILE *out, const ak_report_options *opt,
             unsigned section)
{
	ak_rp_style st = {1, opt->ascii};
	ak_rp_table **ts, *t;
	size_t n;
	int rc = AK_OK;

	if ((ts = ak_rp_section_tables(r, section, &st, &n)) == NULL)
		return AK_ENOMEM;
	t = ts[0];
	for (size_t c = 0; c < t->ncols; c++) {
		ak_rp_cell head = {(char *)t->heads[c], NULL, 0, 0, NULL};

		if (c > 0)
			putc(',', out);
		if (put_csv(out, &head) != AK_OK)
			rc = AK_ENOMEM;
	}
	fputs("\r\n", out);
	for (size_t row = 0; row < t->nrows && rc == AK_OK; row++) {
		for (size_t c = 0; c < t->ncols && rc == AK_OK; c++) {
			if (c > 0)
				putc(',', out);
			rc = put_csv(out, ak_rp_table_cell(t, row, c));
		}
		fputs("\r\n", out);
	}
	ak_rp_tables_free(ts, n);
	return rc;
}
