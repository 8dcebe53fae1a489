/* Reports as one self-contained HTML page: inline CSS, inline SVG charts of
 * each KPI against its target band, the goal tree coloured by status, the
 * goals x initiatives matrix, the gaps; no script and no external asset,
 * and a Content-Security-Policy that would refuse them anyway. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"
#include "report_internal.h"

/* How many periods a chart shows at most. */
#define CHART_PERIODS 26

static const char css[] =
	":root{--green:#1a7f37;--amber:#9a6700;--red:#cf222e;--none:#6e7781;"
	"--line:#d0d7de;--ink:#1f2328;--soft:#f6f8fa}\n"
	"*{box-sizing:border-box}\n"
	"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"sans-serif;color:var(--ink);margin:0 auto;max-width:1200px;"
	"padding:24px}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;"
	"padding-bottom:4px;border-bottom:1px solid var(--line)}\n"
	".period{color:var(--none);margin:0}\n"
	"table{border-collapse:collapse;margin:8px 0 16px}\n"
	".scroll{max-width:100%;overflow-x:auto}\n"
	"td{white-space:normal}td.num{white-space:nowrap}\n"
	".fed{color:var(--none);font-size:12px}\n"
	"ul.matrix-list{padding-left:18px}\n"
	"circle.pt-green{fill:var(--green)}circle.pt-amber{fill:var(--amber)}"
	"circle.pt-red{fill:var(--red)}circle.pt-none{fill:var(--none)}\n"
	"@media (max-width:600px){body{padding:12px}h1{font-size:22px}"
	"th,td{padding:3px 5px}}\n"
	"th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;"
	"vertical-align:top}\n"
	"th{background:var(--soft)}td.num,th.num{text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	".st-green{color:var(--green)}.st-amber{color:var(--amber)}"
	".st-red{color:var(--red)}.st-none{color:var(--none)}\n"
	".sev-error{color:var(--red);font-weight:600}"
	".sev-warning{color:var(--amber)}.sev-info{color:var(--none)}"
	".sev-waived{color:var(--none);text-decoration:line-through}\n"
	"tr.waived td{color:var(--none)}\n"
	".badge{display:inline-block;border-radius:10px;padding:0 8px;"
	"font-size:12px;color:#fff;margin-left:6px}\n"
	".badge.st-green{background:var(--green)}.badge.st-amber"
	"{background:var(--amber)}.badge.st-red{background:var(--red)}"
	".badge.st-none{background:var(--none)}\n"
	"ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:22px}"
	"ul.tree{padding-left:0}\n"
	"li.goal{margin:4px 0}li.goal>.node{display:inline-block;"
	"border-left:5px solid var(--none);background:var(--soft);"
	"padding:3px 10px;border-radius:3px}\n"
	"li.goal.st-green>.node{border-color:var(--green)}"
	"li.goal.st-amber>.node{border-color:var(--amber)}"
	"li.goal.st-red>.node{border-color:var(--red)}\n"
	".node,.node b{color:var(--ink)}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,"
	"minmax(min(320px,100%),1fr));gap:12px}\n"
	"figure.kpi,figure.course{margin:0;border:1px solid var(--line);"
	"border-radius:4px;padding:8px;min-width:0}\nfigure.kpi figcaption,"
	"figure.course figcaption{font-size:13px;margin-bottom:4px}\n"
	"svg.chart{display:block;width:100%;height:auto}\n"
	".legend{margin:4px 0 0;font-size:12px;color:var(--none)}"
	".legend .key{white-space:nowrap;margin-right:12px}"
	".legend svg{vertical-align:middle;margin-right:4px}\n"
	"table.checkins td:nth-child(-n+5){white-space:nowrap}"
	"table.checkins td:last-child{min-width:16em}\n"
	"table.matrix td.cell{text-align:center}"
	"table.matrix tr.unsupported th{color:var(--red)}\n"
	"table.matrix th.orphan{color:var(--red)}\n"
	"p.note{color:var(--none);font-size:13px}\n"
	"footer{margin-top:32px;color:var(--none);font-size:12px}\n"
	"@media print{body{padding:0;font-size:10pt;max-width:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h2{break-after:avoid}figure.kpi,tr,li.goal{break-inside:avoid}"
	".charts{grid-template-columns:repeat(3,1fr)}footer{display:none}}\n";

/* Input text as HTML: cleaned of controls, then escaped. */
static int
h(FILE *out, const char *s)
{
	char *c = ak_rp_clean(s != NULL ? s : "", AK_RP_CLEAN_LINE);

	if (c == NULL)
		return AK_ENOMEM;
	ak_rp_put_xml(out, c);
	free(c);
	return AK_OK;
}

/* A coordinate: one decimal is finer than a pixel. */
static const char *
coord(char buf[32], double v)
{
	return ak_rp_num(buf, round(v * 10) / 10);
}

static int
html_table(FILE *out, ak_rp_table *t, const char *cls, const char *empty)
{
	if (t->caption != NULL)
		fprintf(out, "<h3>%s</h3>\n", t->caption);
	if (t->nrows == 0) {
		fprintf(out, "<p class=\"empty\">%s</p>\n", empty);
		return AK_OK;
	}
	fprintf(out, "<div class=\"scroll\"><table class=\"%s\">\n<thead><tr>",
	        cls);
	for (size_t c = 0; c < t->ncols; c++) {
		if (ak_rp_col_empty(t, c))
			continue;
		fputs(t->flags[c] & AK_RP_COL_RIGHT ? "<th class=\"num\">" : "<th>",
		      out);
		if (h(out, t->heads[c]) != AK_OK)
			return AK_ENOMEM;
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr", out);
		if (t->row_cls[r] != NULL)
			fprintf(out, " class=\"row %s\"", t->row_cls[r]);
		if (t->row_id_key != NULL && t->row_ids[r] != NULL) {
			/* An anchor the matrix list links to. */
			if (strcmp(cls, "initiatives") == 0 || strcmp(cls, "goals") == 0) {
				fprintf(out, " id=\"%s-", t->row_id_key);
				if (h(out, t->row_ids[r]) != AK_OK)
					return AK_ENOMEM;
				putc('"', out);
			}
			fprintf(out, " data-%s=\"", t->row_id_key);
			if (h(out, t->row_ids[r]) != AK_OK)
				return AK_ENOMEM;
			putc('"', out);
		}
		putc('>', out);
		for (size_t c = 0; c < t->ncols; c++) {
			const ak_rp_cell *cell = ak_rp_table_cell(t, r, c);
			int sev = cell->cls != NULL && (strcmp(cell->cls, "error") == 0 ||
			          strcmp(cell->cls, "warning") == 0 ||
			          strcmp(cell->cls, "info") == 0 ||
			          strcmp(cell->cls, "waived") == 0);

			if (ak_rp_col_empty(t, c))
				continue;
			fputs("<td", out);
			if ((t->flags[c] & AK_RP_COL_RIGHT) || cell->cls != NULL) {
				fputs(" class=\"", out);
				if (t->flags[c] & AK_RP_COL_RIGHT)
					fputs("num", out);
				if (cell->cls != NULL)
					fprintf(out, "%s%s%s", t->flags[c] & AK_RP_COL_RIGHT ?
					        " " : "", sev ? "sev-" : "st-", cell->cls);
				putc('"', out);
			}
			putc('>', out);
			if (h(out, cell->text) != AK_OK)
				return AK_ENOMEM;
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	return AK_OK;
}

/* The goals table (human form) as a nested list. */
static int
html_tree(FILE *out, ak_rp_table *t)
{
	int depth = -1;

	if (t->nrows == 0) {
		fputs("<p class=\"empty\">No goals.</p>\n", out);
		return AK_OK;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		const ak_rp_cell *id = ak_rp_table_cell(t, r, 0);
		const ak_rp_cell *st = ak_rp_table_cell(t, r, 4);
		const ak_rp_cell *score = ak_rp_table_cell(t, r, 5);
		int d = id->depth;

		if (d > depth) {
			/* Depth grows one level at a time in the tree walk. */
			fputs(depth < 0 ? "<ul class=\"tree\">\n" : "\n<ul>\n", out);
			depth = d;
		} else {
			fputs("</li>\n", out);
			for (; depth > d; depth--)
				fputs("</ul>\n</li>\n", out);
		}
		fputs("<li id=\"goal-", out);
		if (h(out, id->text) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, "\" class=\"goal st-%s\" data-goal=\"", st->text);
		if (h(out, id->text) != AK_OK)
			return AK_ENOMEM;
		fputs("\"><span class=\"node\"><b>", out);
		if (h(out, id->text) != AK_OK)
			return AK_ENOMEM;
		fputs("</b> ", out);
		if (h(out, ak_rp_table_cell(t, r, 1)->text) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, " <span class=\"badge st-%s\">%s", st->text, st->text);
		if (score->text != NULL && score->text[0] != '\0')
			fprintf(out, " %s", score->text);
		fputs("</span>", out);
		if (ak_rp_table_cell(t, r, 6)->text != NULL &&
		    ak_rp_table_cell(t, r, 6)->text[0] != '\0') {
			fputs(" <span class=\"fed\">", out);
			if (h(out, ak_rp_table_cell(t, r, 6)->text) != AK_OK)
				return AK_ENOMEM;
			fputs("</span>", out);
		}
		if (ak_rp_table_cell(t, r, 7)->text != NULL &&
		    ak_rp_table_cell(t, r, 7)->text[0] != '\0') {
			fputs(" <span class=\"fed\">", out);
			if (h(out, ak_rp_table_cell(t, r, 7)->text) != AK_OK)
				return AK_ENOMEM;
			fputs("</span>", out);
		}
		fputs("</span>", out);
	}
	fputs("</li>\n", out);
	for (; depth > 0; depth--)
		fputs("</ul>\n</li>\n", out);
	fputs("</ul>\n", out);
	return AK_OK;
}

/* The values, target band and red flags a chart must show.  x runs from
 * CL to xr over the periods; a forecast takes the width from xr to the
 * right edge, which stands for the KPI's due date. */
struct chart {
	const ak_rp_kpi *k;
	size_t from, n;
	double lo, hi;
	int any;
	double xr;
};

static void
chart_extend(struct chart *c, double v)
{
	if (!c->any || v < c->lo)
		c->lo = v;
	if (!c->any || v > c->hi)
		c->hi = v;
	c->any = 1;
}

#define CW 320.0
#define CH 120.0
#define CL 44.0
#define CR 10.0
#define CT 10.0
#define CB 24.0

static double
cy(const struct chart *c, double v)
{
	return CT + (c->hi - v) / (c->hi - c->lo) * (CH - CT - CB);
}

static double
cx(const struct chart *c, size_t i)
{
	if (c->n <= 1)
		return (CL + c->xr) / 2;
	return CL + (double)i * (c->xr - CL) / (double)(c->n - 1);
}

static void
hline(FILE *out, const struct chart *c, double v, const char *cls)
{
	char a[32], b[32], y[32];

	fprintf(out, "<line class=\"%s\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>",
	        cls, coord(a, CL), coord(b, CW - CR), coord(y, cy(c, v)),
	        coord(y, cy(c, v)));
}

static void
band_x(FILE *out, const struct chart *c, double x1, double x2, double from,
       double to)
{
	char a[32], b[32], d[32], e[32];
	double y1 = cy(c, to), y2 = cy(c, from);

	fprintf(out, "<rect class=\"band\" x=\"%s\" y=\"%s\" width=\"%s\" "
	        "height=\"%s\" fill=\"#1a7f37\" fill-opacity=\"0.12\"/>",
	        coord(a, x1), coord(b, y1), coord(d, x2 - x1), coord(e, y2 - y1));
}

/* The thresholds in force in a charted period: the score record's, else
 * (a stream written before score records carried them) the KPI's own. */
struct thresholds {
	int has_target, has_min, has_max;
	double target, min, max;
};

static struct thresholds
own_thresholds(const ak_kpi *m)
{
	struct thresholds t = {0, 0, 0, 0, 0, 0};

	if (m == NULL)
		return t;
	if (m->direction != AK_DIRECTION_RANGE && (m->has & AK_KPI_TARGET)) {
		t.has_target = 1;
		t.target = m->target;
	}
	if (m->direction == AK_DIRECTION_RANGE &&
	    (m->has & (AK_KPI_MIN | AK_KPI_MAX)) == (AK_KPI_MIN | AK_KPI_MAX)) {
		t.has_min = t.has_max = 1;
		t.min = m->min;
		t.max = m->max;
	}
	return t;
}

static struct thresholds
in_force(const ak_kpi *m, const ak_rp_score *s)
{
	struct thresholds t = {0, 0, 0, 0, 0, 0};

	if (!s->has_target && !(s->has_min && s->has_max))
		return own_thresholds(m);
	if (s->has_target && (m == NULL || m->direction != AK_DIRECTION_RANGE)) {
		t.has_target = 1;
		t.target = s->target;
	}
	if (s->has_min && s->has_max) {
		t.has_min = t.has_max = 1;
		t.min = s->min;
		t.max = s->max;
	}
	return t;
}

static int
same_thresholds(const struct thresholds *a, const struct thresholds *b)
{
	return a->has_target == b->has_target && a->has_min == b->has_min &&
	       a->has_max == b->has_max &&
	       (!a->has_target || a->target == b->target) &&
	       (!a->has_min || a->min == b->min) &&
	       (!a->has_max || a->max == b->max);
}

/* Where the run of periods [first, last] begins and ends on the x axis:
 * halfway to its neighbours, the plot's edges at the ends (the last run
 * goes on to the due date when the chart shows a forecast). */
static double
run_x1(const struct chart *c, size_t first)
{
	return first == 0 ? CL : (cx(c, first - 1) + cx(c, first)) / 2;
}

static double
run_x2(const struct chart *c, size_t last)
{
	return last + 1 >= c->n ? CW - CR : (cx(c, last) + cx(c, last + 1)) / 2;
}

/* A value with its unit ("400 users", "97%"), escaped. */
static int
h_value(FILE *out, double v, const char *unit)
{
	char *s = ak_rp_disp_unit(v, unit);
	int rc;

	if (s == NULL)
		return AK_ENOMEM;
	rc = h(out, s);
	free(s);
	return rc;
}

/* The thresholds as words: "at least 400 users", "40% to 70%". */
static int
h_thresholds(FILE *out, const ak_kpi *m, const struct thresholds *t)
{
	const char *unit = m != NULL ? m->unit : NULL;

	if (t->has_target) {
		if (m != NULL && m->direction == AK_DIRECTION_UP)
			fputs("at least ", out);
		else if (m != NULL && m->direction == AK_DIRECTION_DOWN)
			fputs("at most ", out);
		return h_value(out, t->target, unit);
	}
	if (h_value(out, t->min, unit) != AK_OK)
		return AK_ENOMEM;
	fputs(" to ", out);
	return h_value(out, t->max, unit);
}

/* A value on the y axis, in at most about six characters so that it fits
 * left of the plot: 1161752.381 is 1.16M, 950000 is 950k, 47.2973 is
 * 47.3; the text alternative and the tooltips keep the full value. */
static const char *
axis_label(char buf[32], double v)
{
	const char *suffix = "";
	size_t n;

	if (fabs(v) >= 1e6) {
		v = round(v / 1e4) / 100;
		suffix = "M";
	} else if (fabs(v) >= 1e4) {
		v = round(v / 100) / 10;
		suffix = "k";
	} else if (fabs(v) >= 10) {
		v = round(v * 10) / 10;
	}
	ak_rp_disp(buf, v);
	n = strlen(buf);
	snprintf(buf + n, 32 - n, "%s", suffix);
	return buf;
}

/* A swatch and its words in the chart's legend. */
static void
legend_item(FILE *out, const char *swatch, const char *words)
{
	fprintf(out, "<span class=\"key\"><svg width=\"18\" height=\"8\" "
	        "aria-hidden=\"true\">%s</svg>%s</span> ", swatch, words);
}

static int
html_chart(FILE *out, const ak_rp_kpi *k)
{
	static const char *const fill[AK_SCORE_NSTATUS] = {
		[AK_SCORE_GREEN] = "#1a7f37", [AK_SCORE_AMBER] = "#9a6700",
		[AK_SCORE_RED] = "#cf222e", [AK_SCORE_NONE] = "#6e7781",
		[AK_SCORE_NA] = "#6e7781"};
	const ak_kpi *m = k->kpi;
	const char *unit = m != NULL && m->unit != NULL && m->unit[0] != '\0' ?
	                   m->unit : NULL;
	const ak_rp_score *latest = k->nscores > 0 ? k->scores[k->nscores - 1] :
	                            NULL;
	struct chart c = {.k = k, .xr = CW - CR};
	struct thresholds own = own_thresholds(m);
	char a[32], b[32], d[32], e[32], due[AK_DATE_BUFSIZE];
	double lo, hi;
	size_t last_value = 0, nruns = 0;
	int open = 0, steps = 0, reds, forecast = 0, has_band = 0;

	c.from = k->nscores > CHART_PERIODS ? k->nscores - CHART_PERIODS : 0;
	c.n = k->nscores - c.from;
	reds = m != NULL;
	for (size_t i = c.from; i < k->nscores; i++) {
		struct thresholds t = in_force(m, k->scores[i]);

		if (k->scores[i]->has_value) {
			chart_extend(&c, k->scores[i]->value);
			last_value = i;
		}
		if (i > c.from) {
			struct thresholds p = in_force(m, k->scores[i - 1]);

			if (!same_thresholds(&t, &p))
				steps = 1;
		}
		/* A red flag is the KPI's own: drawn only while the
		 * thresholds in force are the KPI's own as well. */
		if (!same_thresholds(&t, &own))
			reds = 0;
	}
	/* The forecast: from the latest value to the due date, when the
	 * latest score has one. */
	if (c.any && m != NULL && m->due != AK_DATE_NONE && latest != NULL &&
	    latest->has_forecast) {
		ak_date first_end, last_end;

		if (ak_date_parse(&first_end, k->scores[c.from]->end,
		                  strlen(k->scores[c.from]->end), NULL) == AK_OK &&
		    ak_date_parse(&last_end, latest->end, strlen(latest->end),
		                  NULL) == AK_OK && m->due > last_end) {
			/* As wide as the days to come are among all days shown,
			 * but a fifth of the plot at least (room for the date)
			 * and two fifths at most (room for the history). */
			double ahead = (double)(m->due - last_end);
			double span = (double)(last_end - first_end) + ahead;
			double part = ahead / span;

			if (part < 0.2)
				part = 0.2;
			if (part > 0.4)
				part = 0.4;
			c.xr = CW - CR - part * (CW - CL - CR);
			forecast = 1;
			ak_date_format(due, m->due);
		}
	}
	if (c.any) {
		for (size_t i = c.from; i < k->nscores; i++) {
			struct thresholds t = in_force(m, k->scores[i]);

			if (t.has_target)
				chart_extend(&c, t.target);
			if (t.has_min)
				chart_extend(&c, t.min);
			if (t.has_max)
				chart_extend(&c, t.max);
		}
		if (reds && (m->has & AK_KPI_RED))
			chart_extend(&c, m->red);
		if (reds && (m->has & AK_KPI_RED_MIN))
			chart_extend(&c, m->red_min);
		if (reds && (m->has & AK_KPI_RED_MAX))
			chart_extend(&c, m->red_max);
		if (forecast)
			chart_extend(&c, latest->forecast);
	}
	/* The text alternative: what the chart shows, period by period, then
	 * the thresholds and the forecast in words. */
	fputs("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	      "viewBox=\"0 0 320 120\" role=\"img\"><title>", out);
	if (h(out, k->id) != AK_OK)
		return AK_ENOMEM;
	fputs(": value by period", out);
	if (unit != NULL) {
		fputs(" (", out);
		if (h(out, unit) != AK_OK)
			return AK_ENOMEM;
		putc(')', out);
	}
	fputs("</title><desc>", out);
	for (size_t i = c.from; i < k->nscores; i++) {
		const ak_rp_score *s = k->scores[i];

		if (h(out, s->period) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, " %s %s%s", s->has_value ? ak_rp_disp(a, s->value) : "-",
		        ak_score_status_name(s->status), i + 1 < k->nscores ? "; " : "");
	}
	if (c.n == 0)
		fputs("no data", out);
	for (size_t i = c.from; i < k->nscores; i++) {
		struct thresholds t = in_force(m, k->scores[i]);

		if (!t.has_target && !(t.has_min && t.has_max))
			continue;
		if (i > c.from) {
			struct thresholds p = in_force(m, k->scores[i - 1]);

			if (same_thresholds(&t, &p))
				continue;
		}
		if (!steps)
			fputs(". Target: ", out);
		else
			fputs(nruns == 0 ? ". Target in force: " : ", ", out);
		if (h_thresholds(out, m, &t) != AK_OK)
			return AK_ENOMEM;
		if (steps) {
			fputs(" from ", out);
			if (h(out, k->scores[i]->period) != AK_OK)
				return AK_ENOMEM;
		}
		nruns++;
	}
	if (reds && (m->has & (AK_KPI_RED | AK_KPI_RED_MIN | AK_KPI_RED_MAX))) {
		const char *sep = ". Red ";

		if ((m->has & AK_KPI_RED) && m->direction != AK_DIRECTION_RANGE) {
			fputs(m->direction == AK_DIRECTION_UP ? ". Red below " :
			      ". Red above ", out);
			if (h_value(out, m->red, unit) != AK_OK)
				return AK_ENOMEM;
		}
		if (m->has & AK_KPI_RED_MIN) {
			fprintf(out, "%sbelow ", sep);
			if (h_value(out, m->red_min, unit) != AK_OK)
				return AK_ENOMEM;
			sep = " and ";
		}
		if (m->has & AK_KPI_RED_MAX) {
			fprintf(out, "%sabove ", sep);
			if (h_value(out, m->red_max, unit) != AK_OK)
				return AK_ENOMEM;
		}
	}
	if (forecast) {
		fputs(". Forecast: ", out);
		if (h_value(out, latest->forecast, unit) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, " by the due date, %s", due);
	}
	if (c.n > 0)
		putc('.', out);
	fputs("</desc>", out);
	/* The y axis says what it measures. */
	fputs("<text x=\"10\" y=\"53\" font-size=\"10\" fill=\"#6e7781\" "
	      "transform=\"rotate(-90 10 53)\" text-anchor=\"middle\">", out);
	if (h(out, unit != NULL ? unit : "value") != AK_OK)
		return AK_ENOMEM;
	fputs("</text>", out);
	fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
	        "fill=\"none\" stroke=\"#d0d7de\"/>", coord(a, CL), coord(b, CT),
	        coord(d, CW - CL - CR), coord(e, CH - CT - CB));
	if (!c.any) {
		fputs("<text x=\"182\" y=\"60\" text-anchor=\"middle\" "
		      "fill=\"#6e7781\" font-size=\"12\">no data</text></svg>", out);
		return AK_OK;
	}
	lo = c.lo;
	hi = c.hi;
	{
		double pad = (c.hi - c.lo) * 0.08;

		if (pad == 0)
			pad = fabs(c.hi) > 0 ? fabs(c.hi) * 0.1 : 1;
		c.lo -= pad;
		c.hi += pad;
	}
	/* The target band and line, a run of periods at a time: one run
	 * when the thresholds do not change, else a step at each change. */
	for (size_t i = 0; i < c.n;) {
		struct thresholds t = in_force(m, k->scores[c.from + i]);
		size_t j = i;
		double x1, x2;

		while (j + 1 < c.n) {
			struct thresholds u = in_force(m, k->scores[c.from + j + 1]);

			if (!same_thresholds(&t, &u))
				break;
			j++;
		}
		x1 = run_x1(&c, i);
		x2 = run_x2(&c, j);
		if (t.has_target && m != NULL && m->direction == AK_DIRECTION_UP)
			band_x(out, &c, x1, x2, t.target, c.hi);
		else if (t.has_target && m != NULL &&
		         m->direction == AK_DIRECTION_DOWN)
			band_x(out, &c, x1, x2, c.lo, t.target);
		else if (t.has_min && t.has_max)
			band_x(out, &c, x1, x2, t.min, t.max);
		has_band |= t.has_target || (t.has_min && t.has_max);
		i = j + 1;
	}
	if (!steps) {
		struct thresholds t = in_force(m, k->scores[c.from]);

		if (t.has_target)
			hline(out, &c, t.target, "target\" stroke=\"#1a7f37");
	} else {
		/* Each threshold as one step line: along each run, up or
		 * down at each change. */
		for (int w = 0; w < 3; w++) {
			int pen = 0, has[2];
			double v[2];

			for (size_t i = 0; i < c.n; i++) {
				for (size_t q = 0; q < 2; q++) {
					struct thresholds t;

					has[q] = 0;
					if (i + q >= c.n)
						continue;
					t = in_force(m, k->scores[c.from + i + q]);
					has[q] = w == 0 ? t.has_target : w == 1 ?
					         t.has_min : t.has_max;
					v[q] = w == 0 ? t.target : w == 1 ? t.min : t.max;
				}
				if (!has[0])
					continue;
				if (!pen)
					fprintf(out, "<path class=\"target\" fill=\"none\" "
					        "stroke=\"#1a7f37\" d=\"M%s %s", coord(a,
					        run_x1(&c, i)), coord(b, cy(&c, v[0])));
				pen = 1;
				/* Along to the end of the run, then up or down to
				 * the next one, or the line ends. */
				if (has[1] && v[1] == v[0])
					continue;
				fprintf(out, " H%s", coord(a, run_x2(&c, i)));
				if (has[1]) {
					fprintf(out, " V%s", coord(b, cy(&c, v[1])));
				} else {
					fputs("\"/>", out);
					pen = 0;
				}
			}
		}
	}
	if (reds) {
		if (m->has & AK_KPI_RED)
			hline(out, &c, m->red,
			      "red-flag\" stroke=\"#cf222e\" stroke-dasharray=\"4 3");
		if (m->has & AK_KPI_RED_MIN)
			hline(out, &c, m->red_min,
			      "red-flag\" stroke=\"#cf222e\" stroke-dasharray=\"4 3");
		if (m->has & AK_KPI_RED_MAX)
			hline(out, &c, m->red_max,
			      "red-flag\" stroke=\"#cf222e\" stroke-dasharray=\"4 3");
	}
	/* A period without a value breaks the line. */
	for (size_t i = 0; i < c.n; i++) {
		const ak_rp_score *s = k->scores[c.from + i];

		if (!s->has_value) {
			if (open)
				fputs("\"/>", out);
			open = 0;
			continue;
		}
		/* A lone value is its dot alone. */
		if (!open && (i + 1 >= c.n || !k->scores[c.from + i + 1]->has_value))
			continue;
		fprintf(out, "%s%s,%s", open ? " " : "<polyline class=\"value\" "
		        "fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"",
		        coord(a, cx(&c, i)), coord(b, cy(&c, s->value)));
		open = 1;
	}
	if (open)
		fputs("\"/>", out);
	if (forecast) {
		/* Where the history ends, and the dashed course from the
		 * latest value to the due date. */
		fprintf(out, "<line class=\"now\" x1=\"%s\" x2=\"%s\" y1=\"%s\" "
		        "y2=\"%s\" stroke=\"#d0d7de\" stroke-dasharray=\"2 2\"/>",
		        coord(a, c.xr), coord(b, c.xr), coord(d, CT),
		        coord(e, CH - CB));
		fprintf(out, "<line class=\"forecast\" x1=\"%s\" y1=\"%s\" ",
		        coord(a, cx(&c, last_value - c.from)),
		        coord(b, cy(&c, k->scores[last_value]->value)));
		fprintf(out, "x2=\"%s\" y2=\"%s\" stroke=\"#0969da\" "
		        "stroke-width=\"2\" stroke-dasharray=\"5 4\"/>",
		        coord(a, CW - CR), coord(b, cy(&c, latest->forecast)));
		fprintf(out, "<circle class=\"forecast\" cx=\"%s\" cy=\"%s\" "
		        "r=\"3.5\" fill=\"#fff\" stroke=\"#0969da\" "
		        "stroke-width=\"1.5\"><title>forecast for %s: %s</title>"
		        "</circle>", coord(a, CW - CR), coord(b, cy(&c,
		        latest->forecast)), due, ak_rp_disp(d, latest->forecast));
	}
	for (size_t i = 0; i < c.n; i++) {
		const ak_rp_score *s = k->scores[c.from + i];

		if (!s->has_value)
			continue;
		fprintf(out, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"%s\">"
		        "<title>", coord(a, cx(&c, i)), coord(b, cy(&c, s->value)),
		        fill[s->status]);
		if (h(out, s->period) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, ": %s (%s)</title></circle>", ak_rp_disp(a, s->value),
		        ak_score_status_name(s->status));
	}
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"10\" "
	        "fill=\"#6e7781\">%s</text>", coord(a, CL - 4),
	        coord(b, cy(&c, hi) + 4), axis_label(d, hi));
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"10\" "
	        "fill=\"#6e7781\">%s</text>", coord(a, CL - 4),
	        coord(b, cy(&c, lo) + 4), axis_label(d, lo));
	fprintf(out, "<text x=\"%s\" y=\"%s\" font-size=\"10\" fill=\"#6e7781\">",
	        coord(a, CL), coord(b, CH - 8));
	if (h(out, k->scores[c.from]->period) != AK_OK)
		return AK_ENOMEM;
	fputs("</text>", out);
	if (c.n > 1) {
		fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" "
		        "font-size=\"10\" fill=\"#6e7781\">", coord(a, c.xr),
		        coord(b, CH - 8));
		if (h(out, k->scores[k->nscores - 1]->period) != AK_OK)
			return AK_ENOMEM;
		fputs("</text>", out);
	}
	if (forecast)
		fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" "
		        "font-size=\"10\" fill=\"#0969da\">%s</text>",
		        coord(a, CW - CR), coord(b, CH - 8), due + 5);
	fputs("</svg>", out);
	/* The legend: what each kind of line is. */
	fputs("<p class=\"legend\">", out);
	legend_item(out, "<line x1=\"0\" y1=\"4\" x2=\"18\" y2=\"4\" "
	            "stroke=\"#0969da\" stroke-width=\"2\"/>", "value");
	if (has_band)
		legend_item(out, "<rect width=\"18\" height=\"8\" fill=\"#1a7f37\" "
		            "fill-opacity=\"0.25\"/><line x1=\"0\" y1=\"1\" x2=\"18\" "
		            "y2=\"1\" stroke=\"#1a7f37\"/>", steps ?
		            "target in force (steps)" : "target");
	if (reds && (m->has & (AK_KPI_RED | AK_KPI_RED_MIN | AK_KPI_RED_MAX)))
		legend_item(out, "<line x1=\"0\" y1=\"4\" x2=\"18\" y2=\"4\" "
		            "stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/>", "red flag");
	if (forecast) {
		char words[64];

		snprintf(words, sizeof(words), "forecast to %s", due);
		legend_item(out, "<line x1=\"0\" y1=\"4\" x2=\"18\" y2=\"4\" "
		            "stroke=\"#0969da\" stroke-width=\"2\" "
		            "stroke-dasharray=\"5 4\"/>", words);
	}
	fputs("</p>", out);
	return AK_OK;
}

/* How many top-level goals get a chart of their course; the table below
 * the charts lists every goal. */
#define HISTORY_CHARTS 40

/* Whether a goal of the history is top-level: no parent that is a goal
 * of the stream (a history of rollups alone knows no parents). */
static int
top_level(const ak_report *r, const char *id)
{
	const ak_goal *g = ak_rp_goal(r, id);

	return g == NULL || g->parent == NULL ||
	       ak_rp_goal(r, g->parent) == NULL;
}

/* A line chart of a goal's score over the periods: y from 0% to 100%
 * (more when a score passes it), x the periods, both labelled, with the
 * values as text in the SVG's description. */
static int
history_chart(FILE *out, const ak_report *r, const ak_rp_course *c)
{
	const ak_goal *g = ak_rp_goal(r, c->of);
	size_t from = c->n > AK_RP_HISTORY_SHOWN ? c->n - AK_RP_HISTORY_SHOWN : 0;
	size_t n = c->n - from;
	double top = 1;
	struct chart ch = {.n = n, .hi = 1, .any = 1, .xr = CW - CR};
	char a[32], b[32], d[32], e[32];
	int open = 0;

	for (size_t i = from; i < c->n; i++)
		if (c->points[i]->has_score && c->points[i]->score > top)
			top = c->points[i]->score;
	ch.hi = top;
	fputs("<figure class=\"course\" data-goal=\"", out);
	if (h(out, c->of) != AK_OK)
		return AK_ENOMEM;
	fputs("\"><figcaption><b>", out);
	if (h(out, c->of) != AK_OK)
		return AK_ENOMEM;
	fputs("</b> ", out);
	if (g != NULL && h(out, g->title) != AK_OK)
		return AK_ENOMEM;
	fputs("</figcaption><svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
	      "viewBox=\"0 0 320 120\" role=\"img\"><title>", out);
	if (h(out, c->of) != AK_OK)
		return AK_ENOMEM;
	fputs(": score by period</title><desc>", out);
	for (size_t i = from; i < c->n; i++) {
		const ak_rp_rollup *u = c->points[i];

		if (h(out, u->period) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, " %s %s%s", u->has_score ? ak_rp_percent(a, u->score) : "-",
		        ak_score_status_name(u->status), i + 1 < c->n ? "; " : "");
	}
	fputs("</desc>", out);
	fprintf(out, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
	        "fill=\"none\" stroke=\"#d0d7de\"/>", coord(a, CL), coord(b, CT),
	        coord(d, CW - CL - CR), coord(e, CH - CT - CB));
	hline(out, &ch, 1, "target\" stroke=\"#1a7f37\" stroke-dasharray=\"4 3");
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"10\" "
	        "fill=\"#6e7781\">%s</text>", coord(a, CL - 4),
	        coord(b, cy(&ch, top) + 4), ak_rp_percent(d, top));
	fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"10\" "
	        "fill=\"#6e7781\">0%%</text>", coord(a, CL - 4),
	        coord(b, cy(&ch, 0) + 4));
	fprintf(out, "<text x=\"10\" y=\"%s\" font-size=\"10\" fill=\"#6e7781\" "
	        "transform=\"rotate(-90 10 %s)\" text-anchor=\"middle\">score"
	        "</text>", coord(a, (CT + CH - CB) / 2), coord(b, (CT + CH - CB) / 2));
	for (size_t i = 0; i < n; i++) {
		const ak_rp_rollup *u = c->points[from + i];

		if (!u->has_score) {
			if (open)
				fputs("\"/>", out);
			open = 0;
			continue;
		}
		if (!open && (i + 1 >= n || !c->points[from + i + 1]->has_score))
			continue;
		fprintf(out, "%s%s,%s", open ? " " : "<polyline class=\"value\" "
		        "fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\" points=\"",
		        coord(a, cx(&ch, i)), coord(b, cy(&ch, u->score)));
		open = 1;
	}
	if (open)
		fputs("\"/>", out);
	for (size_t i = 0; i < n; i++) {
		const ak_rp_rollup *u = c->points[from + i];

		if (!u->has_score)
			continue;
		fprintf(out, "<circle cx=\"%s\" cy=\"%s\" r=\"3.5\" class=\"pt-%s\"/>",
		        coord(a, cx(&ch, i)), coord(b, cy(&ch, u->score)),
		        ak_score_status_name(u->status));
	}
	fprintf(out, "<text x=\"%s\" y=\"%s\" font-size=\"10\" fill=\"#6e7781\">",
	        coord(a, CL), coord(b, CH - 8));
	if (h(out, c->points[from]->period) != AK_OK)
		return AK_ENOMEM;
	fputs("</text>", out);
	if (n > 1) {
		fprintf(out, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" "
		        "font-size=\"10\" fill=\"#6e7781\">", coord(a, CW - CR),
		        coord(b, CH - 8));
		if (h(out, c->points[c->n - 1]->period) != AK_OK)
			return AK_ENOMEM;
		fputs("</text>", out);
	}
	fputs("</svg></figure>\n", out);
	return AK_OK;
}

static int
html_history(FILE *out, ak_report *r, ak_rp_table *t)
{
	size_t shown = 0, top = 0;

	if (r->ncourses == 0) {
		fputs("<p class=\"empty\">No history.</p>\n", out);
		return AK_OK;
	}
	fputs("<div class=\"charts\">\n", out);
	for (size_t i = 0; i < r->ncourses; i++) {
		if (!top_level(r, r->courses[i].of))
			continue;
		top++;
		if (shown == HISTORY_CHARTS)
			continue;
		if (history_chart(out, r, &r->courses[i]) != AK_OK)
			return AK_ENOMEM;
		shown++;
	}
	fputs("</div>\n", out);
	if (top > shown)
		fprintf(out, "<p>Charts of the first %zu of %zu top-level goals; the "
		        "table lists every goal.</p>\n", shown, top);
	return html_table(out, t, "history", "No history.");
}

static int
html_charts(FILE *out, ak_report *r)
{
	if (r->nkpis == 0)
		return AK_OK;
	fputs("<div class=\"charts\">\n", out);
	for (size_t i = 0; i < r->nkpis; i++) {
		const ak_rp_kpi *k = &r->kpis[i];
		const ak_rp_score *s = ak_rp_latest_score(k);
		ak_score_status st = s != NULL ? s->status : AK_SCORE_NONE;

		fputs("<figure class=\"kpi\" data-kpi=\"", out);
		if (h(out, k->id) != AK_OK)
			return AK_ENOMEM;
		fputs("\"><figcaption><b>", out);
		if (h(out, k->id) != AK_OK)
			return AK_ENOMEM;
		fputs("</b> ", out);
		if (k->kpi != NULL && h(out, k->kpi->name) != AK_OK)
			return AK_ENOMEM;
		fprintf(out, " <span class=\"badge st-%s\">%s</span></figcaption>",
		        ak_score_status_name(st), ak_score_status_name(st));
		if (html_chart(out, k) != AK_OK)
			return AK_ENOMEM;
		fputs("</figure>\n", out);
	}
	fputs("</div>\n", out);
	return AK_OK;
}

/* Beyond the grid's limits: each goal with links to the initiatives
 * that serve it. */
static int
html_matrix_list(FILE *out, ak_report *r)
{
	ak_rp_link *links;
	size_t nlinks, l = 0;
	int rc = AK_OK;

	if (ak_rp_matrix_links(r, &links, &nlinks) != AK_OK)
		return AK_ENOMEM;
	fprintf(out, "<p>%zu goals and %zu initiatives: each goal with the "
	        "initiatives that serve it.</p>\n<ul class=\"matrix-list\">\n",
	        r->ngoals, r->ninitiatives);
	for (size_t i = 0; i < r->ngoals && rc == AK_OK; i++) {
		const ak_goal *g = r->goals[i];
		int any = 0;

		fputs("<li><a href=\"#goal-", out);
		rc |= h(out, g->id);
		fputs("\"><b>", out);
		rc |= h(out, g->id);
		fputs("</b></a> ", out);
		rc |= h(out, g->title);
		fputs(": ", out);
		for (; l < nlinks && links[l].goal == i; l++) {
			const ak_initiative *in = r->initiatives[links[l].initiative];

			fputs(any ? ", <a href=\"#initiative-" : "<a href=\"#initiative-",
			      out);
			rc |= h(out, in->id);
			fputs("\">", out);
			rc |= h(out, in->id);
			fputs("</a>", out);
			any = 1;
		}
		if (!any)
			fputs("<span class=\"st-red\">no initiative</span>", out);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
	free(links);
	return rc == AK_OK ? AK_OK : AK_ENOMEM;
}

static int
by_goal_id(const void *key, const void *elem)
{
	return ak_id_natcmp(key, (*(const ak_goal *const *)elem)->id);
}

/* Which goals an active initiative serves, itself or through a goal
 * below it, as gap-find's unsupported-goal counts them: covered[i] for
 * r->goals[i], in a new array; NULL when out of memory. */
static unsigned char *
covered_goals(const ak_report *r)
{
	unsigned char *covered = calloc(r->ngoals ? r->ngoals : 1, 1);

	if (covered == NULL)
		return NULL;
	for (size_t j = 0; j < r->ninitiatives; j++) {
		const ak_initiative *in = r->initiatives[j];
		if (in->status != AK_STATUS_ACTIVE)
			continue;
		for (size_t s = 0; s < in->nsupports; s++) {
			const char *id = in->supports[s].goal;
			/* Up the parents until a goal already covered: a loop
			 * of parents ends there too. */
			for (;;) {
				const ak_goal *const *g = bsearch(id, r->goals, r->ngoals,
				                                  sizeof(*r->goals),
				                                  by_goal_id);
				size_t i;
				if (g == NULL)
					break;
				i = (size_t)(g - r->goals);
				if (covered[i])
					break;
				covered[i] = 1;
				if ((id = (*g)->parent) == NULL)
					break;
			}
		}
	}
	return covered;
}

static int
html_matrix(FILE *out, ak_report *r)
{
	unsigned char *covered;
	size_t nunsupported = 0;

	if (r->ngoals == 0) {
		fputs("<p class=\"empty\">No goals.</p>\n", out);
		return AK_OK;
	}
	if (ak_rp_matrix_is_list(r))
		return html_matrix_list(out, r);
	fputs("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>Goal</th>", out);
	for (size_t j = 0; j < r->ninitiatives; j++) {
		const ak_initiative *in = r->initiatives[j];
		int any = 0;

		for (size_t s = 0; s < in->nsupports && !any; s++)
			any = ak_rp_goal(r, in->supports[s].goal) != NULL;
		fprintf(out, "<th class=\"initiative%s\" title=\"", any ? "" :
		        " orphan");
		if (h(out, in->title) != AK_OK)
			return AK_ENOMEM;
		fputs("\">", out);
		if (h(out, in->id) != AK_OK)
			return AK_ENOMEM;
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	if ((covered = covered_goals(r)) == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < r->ngoals; i++) {
		const ak_goal *g = r->goals[i];
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, g->id);
		ak_score_status st = u != NULL ? u->status : AK_SCORE_NONE;
		int unsupported = g->status == AK_STATUS_ACTIVE && !covered[i];

		nunsupported += unsupported;
		fprintf(out, "<tr class=\"st-%s%s\" data-goal=\"", ak_score_status_name(st),
		        unsupported ? " unsupported" : "");
		if (h(out, g->id) != AK_OK)
			goto nomem;
		fputs("\"><th><b>", out);
		if (h(out, g->id) != AK_OK)
			goto nomem;
		fputs("</b> ", out);
		if (h(out, g->title) != AK_OK)
			goto nomem;
		fputs("</th>", out);
		for (size_t j = 0; j < r->ninitiatives; j++) {
			const ak_initiative *in = r->initiatives[j];
			const ak_support *sp = NULL;
			char w[32];

			for (size_t s = 0; s < in->nsupports && sp == NULL; s++)
				if (strcmp(in->supports[s].goal, g->id) == 0)
					sp = &in->supports[s];
			if (sp == NULL)
				fputs("<td class=\"cell\"></td>", out);
			else
				fprintf(out, "<td class=\"cell\" title=\"weight %s\">"
				        "\xe2\x97\x8f %s</td>", ak_rp_disp(w, sp->weight),
				        ak_rp_disp(w, sp->weight));
		}
		fputs("</tr>\n", out);
	}
	free(covered);
	fputs("</tbody>\n</table></div>\n", out);
	if (nunsupported > 0)
		fputs("<p class=\"note\">A goal in red has no active initiative, "
		      "neither its own nor one of a goal below it "
		      "(unsupported-goal).</p>\n", out);
	return AK_OK;
nomem:
	free(covered);
	return AK_ENOMEM;
}

int
ak_rp_write_html(ak_report *r, FILE *out, const ak_report_options *opt,
              unsigned sections)
{
	const char *title = opt->title != NULL ? opt->title : AK_RP_DEFAULT_TITLE;
	ak_rp_style st = {0, 0};

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, "
	      "initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" "
	      "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<title>", out);
	if (h(out, title) != AK_OK)
		return AK_ENOMEM;
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
	        "<h1>", css);
	if (h(out, title) != AK_OK)
		return AK_ENOMEM;
	fputs("</h1>\n", out);
	if (r->period != NULL) {
		fputs("<p class=\"period\">Period <b>", out);
		if (h(out, r->period) != AK_OK)
			return AK_ENOMEM;
		fputs("</b>", out);
		if (r->period_end != NULL)
			fprintf(out, ", ending %s", r->period_end);
		fputs("</p>\n", out);
	}
	fputs("</header>\n", out);
	for (size_t i = 0; i < AK_RP_NSECTIONS; i++) {
		unsigned sec = ak_rp_sections[i].bit;
		ak_rp_table **ts = NULL;
		size_t n = 0;
		int rc = AK_OK;

		if (!(sections & sec))
			continue;
		fprintf(out, "<section id=\"%s\">\n<h2>%s</h2>\n",
		        ak_rp_section_name(sec), ak_rp_section_heading(sec));
		if (sec == AK_SECTION_MATRIX) {
			rc = html_matrix(out, r);
		} else if ((ts = ak_rp_section_tables(r, sec, &st, &n)) == NULL) {
			return AK_ENOMEM;
		} else if (sec == AK_SECTION_GOALS) {
			rc = html_tree(out, ts[0]);
		} else if (sec == AK_SECTION_GAPS) {
			for (size_t k = 0; k < n && rc == AK_OK; k++)
				rc = html_table(out, ts[k], "gaps", "No gaps.");
		} else if (sec == AK_SECTION_INITIATIVES) {
			rc = html_table(out, ts[0], "initiatives", "No initiatives.");
		} else if (sec == AK_SECTION_CHECKINS) {
			rc = html_table(out, ts[0], "checkins", "No check-ins.");
		} else if (sec == AK_SECTION_HISTORY) {
			rc = html_history(out, r, ts[0]);
		} else if (sec == AK_SECTION_ERRORS) {
			rc = html_table(out, ts[0], "errors", "No input errors.");
		} else if (sec == AK_SECTION_KPIS) {
			rc = html_table(out, ts[0], "kpis", "No KPIs.");
			if (rc == AK_OK)
				rc = html_charts(out, r);
		} else {
			for (size_t k = 0; k < n && rc == AK_OK; k++)
				rc = html_table(out, ts[k], "summary", "");
		}
		ak_rp_tables_free(ts, n);
		if (rc != AK_OK)
			return rc;
		fputs("</section>\n", out);
	}
	fprintf(out, "<footer>alignkit %s report-fmt</footer>\n</body>\n</html>\n",
	        AK_VERSION);
	return AK_OK;
}
