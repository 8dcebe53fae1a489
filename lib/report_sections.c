/* Reports: what each section says, as tables of plain (unescaped) text
 * that the renderers escape for their format.  People get percentages,
 * arrows and words; csv (ak_rp_style.machine) gets raw numbers and field
 * names. */
#include <stdlib.h>
#include <string.h>

#include "alignkit/num.h"
#include "model_internal.h"
#include "report_internal.h"
#include "util_internal.h"

/* Units longer than this are not repeated beside every number. */
#define UNIT_MAX 128

/* How many periods of history a sparkline shows. */
#define SPARK_PERIODS 12

/* The most tables a section makes (gaps: new, open, resolved). */
#define SECTION_TABLES 3

#define TRY(x) do { if ((x) != AK_OK) goto nomem; } while (0)

static int
set_cls(ak_rp_cell *c, const char *text, const char *cls)
{
	c->cls = cls;
	return ak_rp_cell_set(c, text);
}

/* ---- summary ----------------------------------------------------------- */

static void
count_status(const ak_report *r, size_t goals[AK_SCORE_NSTATUS],
             size_t inits[AK_SCORE_NSTATUS], size_t kpis[AK_SCORE_NSTATUS])
{
	for (size_t i = 0; i < r->ngoals; i++) {
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, r->goals[i]->id);

		goals[u != NULL ? u->status : AK_SCORE_NONE]++;
	}
	for (size_t i = 0; i < r->ninitiatives; i++) {
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, r->initiatives[i]->id);

		inits[u != NULL ? u->status : AK_SCORE_NONE]++;
	}
	for (size_t i = 0; i < r->nkpis; i++) {
		const ak_rp_score *s = ak_rp_latest_score(&r->kpis[i]);

		kpis[s != NULL ? s->status : AK_SCORE_NONE]++;
	}
}

static int
summary_tables(ak_report *r, const ak_rp_style *st, ak_rp_table **out, size_t *n)
{
	size_t goals[AK_SCORE_NSTATUS] = {0}, inits[AK_SCORE_NSTATUS] = {0};
	size_t kpis[AK_SCORE_NSTATUS] = {0}, sev[AK_SEVERITY_NLEVELS] = {0};
	size_t waived = 0;
	const size_t *rows[3] = {goals, inits, kpis};
	static const char *const what[3] = {"Goals", "Initiatives", "KPIs"};
	static const char *const mwhat[3] = {"goals", "initiatives", "kpis"};
	const size_t totals[3] = {r->ngoals, r->ninitiatives, r->nkpis};
	ak_rp_table *t;
	long row;

	count_status(r, goals, inits, kpis);
	for (size_t i = 0; i < r->ngaps; i++) {
		if (r->gaps[i].waived)
			waived++;
		else
			sev[r->gaps[i].severity]++;
	}
	if (st->machine) {
		/* One long table: csv holds one table, and this shape pivots. */
		static const char *const heads[] = {"group", "category", "count"};
		static const unsigned flags[] = {0, 0, AK_RP_COL_RIGHT};

		if ((out[0] = t = ak_rp_table_new(3, heads, flags)) == NULL)
			return AK_ENOMEM;
		*n = 1;
		for (size_t w = 0; w < 3; w++) {
			for (int i = -1; i < AK_RP_NSTATUS; i++) {
				ak_score_status s = i < 0 ? AK_SCORE_NONE :
				                    ak_rp_status_order[i];

				if ((row = ak_rp_table_row(t)) < 0)
					return AK_ENOMEM;
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), mwhat[w]));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1),
				                i < 0 ? "total" : ak_score_status_name(s)));
				TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 2),
				                (double)(i < 0 ? totals[w] : rows[w][s])));
			}
		}
		for (int s = -1; s <= AK_SEVERITY_NLEVELS + 1; s++) {
			ak_severity sv = s >= 0 && s < AK_SEVERITY_NLEVELS ?
			                 ak_rp_severity_order[s] : AK_SEVERITY_INFO;
			const char *cat = s < 0 ? "total" : s < AK_SEVERITY_NLEVELS ?
			                  ak_severity_name(sv) : s == AK_SEVERITY_NLEVELS ?
			                  "waived" : "errors";
			size_t v = s < 0 ? r->ngaps : s < AK_SEVERITY_NLEVELS ? sev[sv] :
			           s == AK_SEVERITY_NLEVELS ? waived : r->nerrors;

			if ((row = ak_rp_table_row(t)) < 0)
				return AK_ENOMEM;
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0),
			                s == AK_SEVERITY_NLEVELS + 1 ? "input" : "gaps"));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1), cat));
			TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 2), (double)v));
		}
		return AK_OK;
	}
	{
		static const char *const heads[] = {"", "Total", "Green", "Amber",
		                                    "Red", "None"};
		static const unsigned flags[] = {0, AK_RP_COL_RIGHT, AK_RP_COL_RIGHT,
		                                 AK_RP_COL_RIGHT, AK_RP_COL_RIGHT,
		                                 AK_RP_COL_RIGHT};

		if ((out[0] = t = ak_rp_table_new(6, heads, flags)) == NULL)
			return AK_ENOMEM;
		*n = 1;
		for (size_t w = 0; w < 3; w++) {
			if ((row = ak_rp_table_row(t)) < 0)
				return AK_ENOMEM;
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), what[w]));
			TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 1),
			                (double)totals[w]));
			for (int i = 0; i < AK_RP_NSTATUS; i++) {
				ak_score_status s = ak_rp_status_order[i];
				ak_rp_cell *c = ak_rp_table_cell(t, (size_t)row, (size_t)i + 2);

				TRY(ak_rp_cell_num(c, (double)rows[w][s]));
				if (rows[w][s] > 0)
					c->cls = ak_score_status_name(s);
			}
		}
	}
	{
		static const char *const heads[] = {"", "Total", "Error", "Warning",
		                                    "Info", "Waived"};
		static const unsigned flags[] = {0, AK_RP_COL_RIGHT, AK_RP_COL_RIGHT,
		                                 AK_RP_COL_RIGHT, AK_RP_COL_RIGHT,
		                                 AK_RP_COL_RIGHT};
		ak_rp_cell *c;

		if ((out[1] = t = ak_rp_table_new(6, heads, flags)) == NULL)
			return AK_ENOMEM;
		*n = 2;
		if ((row = ak_rp_table_row(t)) < 0)
			return AK_ENOMEM;
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), "Gaps"));
		TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 1), (double)r->ngaps));
		for (int i = 0; i < AK_SEVERITY_NLEVELS; i++) {
			ak_severity s = ak_rp_severity_order[i];

			c = ak_rp_table_cell(t, (size_t)row, (size_t)i + 2);
			TRY(ak_rp_cell_num(c, (double)sev[s]));
			if (sev[s] > 0)
				c->cls = ak_severity_name(s);
		}
		TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 5), (double)waived));
		if ((row = ak_rp_table_row(t)) < 0)
			return AK_ENOMEM;
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), "Input errors"));
		c = ak_rp_table_cell(t, (size_t)row, 1);
		TRY(ak_rp_cell_num(c, (double)r->nerrors));
		if (r->nerrors > 0)
			c->cls = ak_severity_name(AK_SEVERITY_ERROR);
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

/* ---- goals --------------------------------------------------------------- */

/* The goal tree in display order: each goal with its depth and the text
 * tree's prefix.  Goals whose parent is no goal are roots; goals in a
 * parent loop, which no root reaches, are listed as roots after them.
 * The walk keeps its own stack, and each goal's children are listed once
 * up front, so that a tree 100,000 levels deep or a million goals wide
 * takes time and memory in proportion to its size. */
typedef struct tree_row {
	const ak_goal *goal;
	int depth;
	char *prefix;   /* owned */
} tree_row;

/* Goals deeper than this are drawn at this depth: neither 80 columns, a
 * page nor memory holds prefixes or indents that grow with a tree 100,000
 * levels deep.  The machine formats' depth column stays exact. */
#define TREE_DEPTH_SHOWN 32

struct tree {
	ak_report *r;
	tree_row *rows;
	size_t nrows;
	char *visited;
	int ascii;
	size_t *first;  /* goal i's children: kids[first[i] .. first[i + 1]) */
	size_t *kids;
	char *lead;     /* the prefix stems of the levels being walked */
};

/* One goal being walked: the next of its children to look at. */
struct tree_frame {
	size_t gi;
	size_t next;
	size_t nkids;   /* children not yet visited when it was reached */
	size_t seen;
	int depth;
	size_t leadlen; /* its children's stems: lead[0 .. leadlen) */
};

static int
by_goal_id(const void *key, const void *elem)
{
	return ak_id_natcmp(key, (*(const ak_goal *const *)elem)->id);
}

/* The index in r->goals (sorted by id) of the goal its parent names, or
 * r->ngoals when the parent is no goal. */
static size_t
parent_index(const ak_report *r, const ak_goal *g)
{
	const ak_goal *const *p;

	if (g->parent == NULL || ak_rp_goal(r, g->parent) == NULL)
		return r->ngoals;
	p = bsearch(g->parent, r->goals, r->ngoals, sizeof(*r->goals),
	            by_goal_id);
	return p != NULL ? (size_t)(p - r->goals) : r->ngoals;
}

/* Adds goal gi at depth as a row, drawn under lead[0 .. leadlen). */
static int
tree_row_add(struct tree *t, size_t gi, int depth, size_t leadlen, int last)
{
	const char *branch;
	char *prefix;

	t->visited[gi] = 1;
	if (depth == 0) {
		prefix = strdup("");
	} else {
		branch = t->ascii ? (last ? "`- " : "|- ") :
		         (last ? "\xe2\x94\x94\xe2\x94\x80 " :
		          "\xe2\x94\x9c\xe2\x94\x80 ");
		if ((prefix = malloc(leadlen + strlen(branch) + 1)) != NULL) {
			memcpy(prefix, t->lead, leadlen);
			strcpy(prefix + leadlen, branch);
		}
	}
	if (prefix == NULL)
		return AK_ENOMEM;
	t->rows[t->nrows].goal = t->r->goals[gi];
	t->rows[t->nrows].depth = depth;
	t->rows[t->nrows].prefix = prefix;
	t->nrows++;
	return AK_OK;
}

static size_t
unvisited_kids(const struct tree *t, size_t gi)
{
	size_t n = 0;

	for (size_t k = t->first[gi]; k < t->first[gi + 1]; k++)
		n += !t->visited[t->kids[k]];
	return n;
}

/* Walks the tree under root, depth first, children in id order. */
static int
walk(struct tree *t, struct tree_frame *stack, size_t root)
{
	size_t top = 0;

	if (tree_row_add(t, root, 0, 0, 1) != AK_OK)
		return AK_ENOMEM;
	stack[0] = (struct tree_frame){root, t->first[root],
	                               unvisited_kids(t, root), 0, 0, 0};
	for (;;) {
		struct tree_frame *f = &stack[top];
		const char *stem;
		size_t c, leadlen;
		int last, depth;

		while (f->next < t->first[f->gi + 1] && t->visited[t->kids[f->next]])
			f->next++;
		if (f->next == t->first[f->gi + 1]) {
			if (top == 0)
				return AK_OK;
			top--;
			continue;
		}
		c = t->kids[f->next++];
		last = ++f->seen == f->nkids;
		depth = f->depth + 1;
		if (tree_row_add(t, c, depth, f->leadlen, last) != AK_OK)
			return AK_ENOMEM;
		leadlen = f->leadlen;
		if (depth <= TREE_DEPTH_SHOWN) {
			stem = t->ascii ? (last ? "   " : "|  ") :
			       (last ? "   " : "\xe2\x94\x82  ");
			strcpy(t->lead + leadlen, stem);
			leadlen += strlen(stem);
		}
		stack[++top] = (struct tree_frame){c, t->first[c],
		                                   unvisited_kids(t, c), 0, depth,
		                                   leadlen};
	}
}

static void
tree_free(struct tree *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i].prefix);
	free(t->rows);
	free(t->visited);
	free(t->first);
	free(t->kids);
	free(t->lead);
}

static int
tree_build(struct tree *t, ak_report *r, int ascii)
{
	size_t n = r->ngoals, *parent = NULL, *fill = NULL;
	struct tree_frame *stack = NULL;
	int rc = AK_ENOMEM;

	memset(t, 0, sizeof(*t));
	t->r = r;
	t->ascii = ascii;
	t->rows = calloc(n + 1, sizeof(tree_row));
	t->visited = calloc(n + 1, 1);
	t->first = calloc(n + 2, sizeof(*t->first));
	t->kids = calloc(n + 1, sizeof(*t->kids));
	/* The widest stem is 5 bytes; the lead grows to TREE_DEPTH_SHOWN. */
	t->lead = calloc(5 * (TREE_DEPTH_SHOWN + 1) + 1, 1);
	parent = calloc(n + 1, sizeof(*parent));
	fill = calloc(n + 1, sizeof(*fill));
	stack = calloc(n + 1, sizeof(*stack));
	if (t->rows == NULL || t->visited == NULL || t->first == NULL ||
	    t->kids == NULL || t->lead == NULL || parent == NULL ||
	    fill == NULL || stack == NULL)
		goto out;
	/* Children by parent, each list in id order. */
	for (size_t i = 0; i < n; i++) {
		parent[i] = parent_index(r, r->goals[i]);
		if (parent[i] < n)
			t->first[parent[i] + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		t->first[i + 1] += t->first[i];
	t->first[n + 1] = t->first[n];
	for (size_t i = 0; i < n; i++)
		if (parent[i] < n)
			t->kids[t->first[parent[i]] + fill[parent[i]]++] = i;
	for (size_t i = 0; i < n; i++)
		if (parent[i] == n && walk(t, stack, i) != AK_OK)
			goto out;
	for (size_t i = 0; i < n; i++)
		if (!t->visited[i] && walk(t, stack, i) != AK_OK)
			goto out;
	rc = AK_OK;
out:
	free(parent);
	free(fill);
	free(stack);
	return rc;
}

/* The score a KPI gave a rollup that ended on end: its latest period
 * ending on or before it, or NULL. */
static const ak_rp_score *
score_as_of(const ak_rp_kpi *k, const char *end)
{
	for (size_t i = k->nscores; i-- > 0;)
		if (strcmp(k->scores[i]->end, end) <= 0)
			return k->scores[i];
	return NULL;
}

/* "K3 2026-10, K4 2026-Q3": the KPIs of subject whose period differs
 * from the rollup's (a monthly KPI in a weekly report), new; "" when
 * every KPI's period is the rollup's. */
static char *
kpi_periods(const ak_report *r, const char *subject, const ak_rp_rollup *u,
            const char *sep, const char *eq)
{
	char *list = NULL;
	size_t len = 0;

	if (u == NULL)
		return strdup("");
	for (const ak_rp_kpi *k = ak_map_get(r->measured_by, subject); k != NULL;
	     k = k->next_measuring) {
		const ak_rp_score *s = score_as_of(k, u->end);
		size_t n;
		char *grown;

		if (s == NULL || strcmp(s->period, u->period) == 0)
			continue;
		n = strlen(k->id) + strlen(s->period) + strlen(sep) + strlen(eq) + 1;
		if ((grown = realloc(list, len + n)) == NULL) {
			free(list);
			return NULL;
		}
		list = grown;
		len += (size_t)snprintf(list + len, n, "%s%s%s%s", len > 0 ? sep : "",
		                        k->id, eq, s->period);
	}
	return list != NULL ? list : strdup("");
}

static int
goals_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Goal", "Title", "Owner", "Weight",
	                                    "Status", "Score", "Period",
	                                    "KPI periods"};
	static const unsigned flags[] = {AK_RP_COL_ID, AK_RP_COL_FLEX,
	                                 AK_RP_COL_WIDE,
	                                 AK_RP_COL_WIDE | AK_RP_COL_RIGHT, 0,
	                                 AK_RP_COL_RIGHT, 0, AK_RP_COL_BELOW};
	static const char *const mheads[] = {
		"goal", "title", "parent", "depth", "perspective", "owner", "weight",
		"state", "period", "score", "status", "children", "scored",
		"kpi_periods"};
	struct tree tr;
	ak_rp_table *t;
	char buf[32];
	int rc = AK_ENOMEM;

	if (tree_build(&tr, r, st->ascii) != AK_OK)
		goto out;
	t = st->machine ? ak_rp_table_new(14, mheads, NULL) :
	    ak_rp_table_new(8, heads, flags);
	if ((*out = t) == NULL)
		goto out;
	t->row_id_key = "goal";
	for (size_t i = 0; i < tr.nrows; i++) {
		const ak_goal *g = tr.rows[i].goal;
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, g->id);
		ak_score_status s = u != NULL ? u->status : AK_SCORE_NONE;
		long row = ak_rp_table_row(t);
		ak_rp_cell *c;
		char *kp;

		if (row < 0)
			goto out;
		if ((t->row_ids[row] = strdup(g->id)) == NULL)
			goto out;
		t->row_cls[row] = ak_score_status_name(s);
		c = ak_rp_table_cell(t, (size_t)row, 0);
		TRY(ak_rp_cell_set(c, g->id));
		c->depth = tr.rows[i].depth < TREE_DEPTH_SHOWN ? tr.rows[i].depth :
		           TREE_DEPTH_SHOWN;
		if (!st->machine) {
			char *title;

			c->prefix = tr.rows[i].prefix;
			tr.rows[i].prefix = NULL;
			if (g->status == AK_STATUS_RETIRED) {
				size_t n = strlen(g->title) + sizeof(" (retired)");

				if ((title = malloc(n)) == NULL)
					goto out;
				snprintf(title, n, "%s (retired)", g->title);
				c = ak_rp_table_cell(t, (size_t)row, 1);
				c->text = title;
			} else {
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1), g->title));
			}
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 2), g->owner));
			TRY(ak_rp_cell_disp(ak_rp_table_cell(t, (size_t)row, 3), g->weight));
			TRY(set_cls(ak_rp_table_cell(t, (size_t)row, 4), ak_score_status_name(s),
			            ak_score_status_name(s)));
			if (u != NULL && u->has_score)
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 5),
				                ak_rp_percent(buf, u->score)));
			ak_rp_table_cell(t, (size_t)row, 5)->number = 1;
			if (u != NULL)
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 6),
				                u->period));
			if ((kp = kpi_periods(r, g->id, u, ", ", " ")) == NULL)
				goto out;
			if (kp[0] != '\0') {
				size_t n = strlen(kp) + sizeof("KPI periods: ");
				char *text = malloc(n);

				if (text != NULL)
					snprintf(text, n, "KPI periods: %s", kp);
				free(kp);
				if ((kp = text) == NULL)
					goto out;
			}
			ak_rp_table_cell(t, (size_t)row, 7)->text = kp;
			continue;
		}
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1), g->title));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 2), g->parent));
		TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 3),
		                tr.rows[i].depth));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 4), g->perspective));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 5), g->owner));
		TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 6), g->weight));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 7),
		                ak_status_name(g->status)));
		if (u != NULL) {
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 8), u->period));
			if (u->has_score)
				TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 9),
				                ak_num_round4(u->score)));
			if (u->children >= 0)
				TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 11),
				                (double)u->children));
			if (u->scored >= 0)
				TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 12),
				                (double)u->scored));
		}
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 10),
		                ak_score_status_name(s)));
		if ((kp = kpi_periods(r, g->id, u, " ", "=")) == NULL)
			goto out;
		ak_rp_table_cell(t, (size_t)row, 13)->text = kp;
	}
	rc = AK_OK;
nomem:
out:
	tree_free(&tr);
	return rc;
}

/* ---- initiatives --------------------------------------------------------- */

/* An initiative not done nor cancelled whose end date is before the end
 * of the report period. */
static int
overdue(const ak_report *r, const ak_initiative *in)
{
	char end[AK_DATE_BUFSIZE];

	if (in->end == AK_DATE_NONE || r->period_end == NULL ||
	    in->status == AK_STATUS_DONE || in->status == AK_STATUS_CANCELLED)
		return 0;
	ak_date_format(end, in->end);
	return strcmp(end, r->period_end) < 0;
}

/* "G1, G3 (weight 2)": the goals an initiative serves; new. */
static char *
serves_text(const ak_initiative *in, const char *sep, int machine)
{
	char *list = NULL, w[32];
	size_t len = 0;

	for (size_t s = 0; s < in->nsupports; s++) {
		const ak_support *sp = &in->supports[s];
		size_t n = strlen(sp->goal) + strlen(sep) + 48;
		char *grown = realloc(list, len + n);

		if (grown == NULL) {
			free(list);
			return NULL;
		}
		list = grown;
		if (machine)
			len += (size_t)snprintf(list + len, n, "%s%s=%s", len ? sep : "",
			                        sp->goal, ak_rp_num(w, sp->weight));
		else if (sp->weight != 1)
			len += (size_t)snprintf(list + len, n, "%s%s (weight %s)",
			                        len ? sep : "", sp->goal,
			                        ak_rp_disp(w, sp->weight));
		else
			len += (size_t)snprintf(list + len, n, "%s%s", len ? sep : "",
			                        sp->goal);
	}
	return list != NULL ? list : strdup("");
}

static char *
kpis_of(const ak_report *r, const char *id, const char *sep)
{
	char *list = NULL;
	size_t len = 0;

	for (const ak_rp_kpi *k = ak_map_get(r->measured_by, id); k != NULL;
	     k = k->next_measuring) {
		size_t n = strlen(k->id) + strlen(sep) + 1;
		char *grown = realloc(list, len + n);

		if (grown == NULL) {
			free(list);
			return NULL;
		}
		list = grown;
		len += (size_t)snprintf(list + len, n, "%s%s", len ? sep : "", k->id);
	}
	return list != NULL ? list : strdup("");
}

static int
initiatives_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Initiative", "Title", "State",
	                                    "Status", "Score", "Budget", "Start",
	                                    "End", "Serves"};
	static const unsigned flags[] = {AK_RP_COL_ID, AK_RP_COL_FLEX, 0, 0,
	                                 AK_RP_COL_RIGHT,
	                                 AK_RP_COL_RIGHT | AK_RP_COL_WIDE,
	                                 AK_RP_COL_WIDE, 0, AK_RP_COL_BELOW};
	static const char *const mheads[] = {
		"initiative", "title", "owner", "sponsor", "state", "overdue",
		"budget", "start", "end", "period", "score", "status", "goals",
		"kpis"};
	ak_rp_table *t;
	char buf[32];

	t = st->machine ? ak_rp_table_new(14, mheads, NULL) :
	    ak_rp_table_new(9, heads, flags);
	if ((*out = t) == NULL)
		return AK_ENOMEM;
	t->row_id_key = "initiative";
	for (size_t i = 0; i < r->ninitiatives; i++) {
		const ak_initiative *in = r->initiatives[i];
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, in->id);
		ak_score_status s = u != NULL ? u->status : AK_SCORE_NONE;
		int late = overdue(r, in);
		long row = ak_rp_table_row(t);
		char start[AK_DATE_BUFSIZE] = "", end[AK_DATE_BUFSIZE] = "";
		char *goals, *kpis;
		size_t ro;

		if (row < 0)
			return AK_ENOMEM;
		ro = (size_t)row;
		if ((t->row_ids[ro] = strdup(in->id)) == NULL)
			return AK_ENOMEM;
		t->row_cls[ro] = ak_score_status_name(s);
		if (in->start != AK_DATE_NONE)
			ak_date_format(start, in->start);
		if (in->end != AK_DATE_NONE)
			ak_date_format(end, in->end);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 0), in->id));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 1), in->title));
		goals = serves_text(in, st->machine ? " " : ", ", st->machine);
		kpis = kpis_of(r, in->id, st->machine ? " " : ", ");
		if (goals == NULL || kpis == NULL) {
			free(goals);
			free(kpis);
			return AK_ENOMEM;
		}
		if (st->machine) {
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 2), in->owner));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 3), in->sponsor));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4),
			                ak_status_name(in->status)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 5),
			                late ? "true" : "false"));
			if (in->has_budget)
				TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 6), in->budget));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 7), start));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 8), end));
			if (u != NULL) {
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 9), u->period));
				if (u->has_score)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 10),
					                ak_num_round4(u->score)));
			}
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 11),
			                ak_score_status_name(s)));
			ak_rp_table_cell(t, ro, 12)->text = goals;
			ak_rp_table_cell(t, ro, 13)->text = kpis;
			continue;
		}
		{
			char state[48];
			size_t n = strlen(goals) + strlen(kpis) + 32;
			char *serves = malloc(n);

			if (serves == NULL) {
				free(goals);
				free(kpis);
				return AK_ENOMEM;
			}
			snprintf(serves, n, "serves %s%s%s", goals[0] ? goals : "no goal",
			         kpis[0] ? "; KPIs " : "", kpis);
			free(goals);
			free(kpis);
			ak_rp_table_cell(t, ro, 8)->text = serves;
			snprintf(state, sizeof(state), "%s%s", ak_status_name(in->status),
			         late ? ", overdue" : "");
			TRY(set_cls(ak_rp_table_cell(t, ro, 2), state,
			            late ? ak_score_status_name(AK_SCORE_RED) : NULL));
		}
		TRY(set_cls(ak_rp_table_cell(t, ro, 3), ak_score_status_name(s),
		            ak_score_status_name(s)));
		if (u != NULL && u->has_score)
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4),
			                ak_rp_percent(buf, u->score)));
		ak_rp_table_cell(t, ro, 4)->number = 1;
		if (in->has_budget)
			TRY(ak_rp_cell_disp(ak_rp_table_cell(t, ro, 5), in->budget));
		ak_rp_table_cell(t, ro, 5)->number = 1;
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 6), start));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 7), end));
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

/* ---- KPIs ---------------------------------------------------------------- */

static char *
target_text(const ak_kpi *k, int ascii)
{
	char a[32], b[32], buf[96 + 2 * UNIT_MAX];
	const char *unit = k != NULL && k->unit != NULL ? k->unit : "";
	const char *sp = unit[0] != '\0' && strcmp(unit, "%") != 0 ? " " : "";

	if (k == NULL)
		return strdup("");
	if (strlen(unit) > UNIT_MAX)
		unit = "", sp = "";
	if (k->direction == AK_DIRECTION_RANGE) {
		if ((k->has & (AK_KPI_MIN | AK_KPI_MAX)) != (AK_KPI_MIN | AK_KPI_MAX))
			return strdup("");
		snprintf(buf, sizeof(buf), "%s%s%s%s%s", ak_rp_disp(a, k->min),
		         ascii ? ".." : "\xe2\x80\x93", ak_rp_disp(b, k->max), sp,
		         unit);
	} else {
		if (!(k->has & AK_KPI_TARGET))
			return strdup("");
		snprintf(buf, sizeof(buf), "%s %s%s%s",
		         k->direction == AK_DIRECTION_UP ?
		         (ascii ? ">=" : "\xe2\x89\xa5") : (ascii ? "<=" : "\xe2\x89\xa4"),
		         ak_rp_disp(a, k->target), sp, unit);
	}
	return strdup(buf);
}

/* The KPI as in force in the period of score s: its target, min and max
 * replaced by those the score record carries (a target record changed
 * them), else its own. */
static ak_kpi
in_force(const ak_kpi *m, const ak_rp_score *s)
{
	ak_kpi k = *m;

	if (s == NULL)
		return k;
	if (s->has_target) {
		k.target = s->target;
		k.has |= AK_KPI_TARGET;
	}
	if (s->has_min) {
		k.min = s->min;
		k.has |= AK_KPI_MIN;
	}
	if (s->has_max) {
		k.max = s->max;
		k.has |= AK_KPI_MAX;
	}
	return k;
}

/* n values, one character each from lowest to highest; a value not had
 * is a space. */
char *
ak_rp_spark(const double *v, const unsigned char *has, size_t n, int ascii)
{
	static const char *const bars[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};
	static const char ramp[] = "_.-:=+*#";
	double lo = 0, hi = 0;
	int any = 0;
	char *s, *p;

	if ((s = malloc(n * 3 + 1)) == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (!has[i])
			continue;
		if (!any || v[i] < lo)
			lo = v[i];
		if (!any || v[i] > hi)
			hi = v[i];
		any = 1;
	}
	p = s;
	for (size_t i = 0; i < n; i++) {
		int level;

		if (!has[i]) {
			*p++ = ' ';
			continue;
		}
		level = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : 3;
		if (ascii) {
			*p++ = ramp[level];
		} else {
			memcpy(p, bars[level], 3);
			p += 3;
		}
	}
	*p = '\0';
	return s;
}

/* The KPI's last SPARK_PERIODS values. */
char *
ak_rp_sparkline(const ak_rp_kpi *k, int ascii)
{
	size_t from = k->nscores > SPARK_PERIODS ? k->nscores - SPARK_PERIODS : 0;
	double v[SPARK_PERIODS];
	unsigned char has[SPARK_PERIODS];

	for (size_t i = from; i < k->nscores; i++) {
		v[i - from] = k->scores[i]->value;
		has[i - from] = (unsigned char)k->scores[i]->has_value;
	}
	return ak_rp_spark(v, has, k->nscores - from, ascii);
}

static const char *
trend_word(ak_trend trend)
{
	switch (trend) {
	case AK_TREND_IMPROVING: return "better";
	case AK_TREND_WORSENING: return "worse";
	case AK_TREND_FLAT: return "flat";
	case AK_TREND_NONE: break;
	}
	return "";
}

/* A note is shown to people cut after this many characters: it is a
 * remark beside a KPI, and the score record keeps it whole (so does CSV). */
#define NOTE_SHOWN 240

/* "Note: NOTE", cut after NOTE_SHOWN characters with an ellipsis; new, or
 * NULL when out of memory. */
static char *
note_text(const char *note, int ascii)
{
	size_t n = strlen(note), i = 0, chars = 0, len;
	const char *ell;
	char *text;

	while (i < n && chars < NOTE_SHOWN) {
		uint32_t c;
		size_t k = ak_utf8_decode((const unsigned char *)note + i, n - i, &c);
		i += k == 0 ? 1 : k;
		chars++;
	}
	ell = i == n ? "" : ascii ? "..." : "\xe2\x80\xa6";
	len = sizeof("Note: ") + i + strlen(ell);
	if ((text = malloc(len)) != NULL)
		snprintf(text, len, "Note: %.*s%s", (int)i, note, ell);
	return text;
}

static int
kpis_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {
		"KPI", "Name", "Measures", "Period", "Value", "Target",
		"Score", "Status", "Trend", "Stale", "Forecast", "History", "Note"};
	static const unsigned flags[] = {
		AK_RP_COL_ID, AK_RP_COL_FLEX, AK_RP_COL_WIDE, AK_RP_COL_WIDE,
		AK_RP_COL_RIGHT, AK_RP_COL_RIGHT, AK_RP_COL_RIGHT, 0,
		AK_RP_COL_SPARE, AK_RP_COL_WIDE, AK_RP_COL_WIDE | AK_RP_COL_RIGHT,
		AK_RP_COL_RAW | AK_RP_COL_SPARE, AK_RP_COL_BELOW};
	static const char *const mheads[] = {
		"kpi", "name", "measures", "direction", "unit", "target", "min",
		"max", "period", "end", "value", "score", "status", "trend", "stale",
		"business_owner", "it_owner", "forecast", "note"};
	ak_rp_table *t;
	char buf[32];

	t = st->machine ? ak_rp_table_new(19, mheads, NULL) :
	    ak_rp_table_new(13, heads, flags);
	if ((*out = t) == NULL)
		return AK_ENOMEM;
	t->row_id_key = "kpi";
	for (size_t i = 0; i < r->nkpis; i++) {
		const ak_rp_kpi *k = &r->kpis[i];
		const ak_rp_score *s = ak_rp_latest_score(k);
		ak_kpi now = k->kpi != NULL ? in_force(k->kpi, s) : (ak_kpi){0};
		const ak_kpi *m = k->kpi != NULL ? &now : NULL;
		ak_score_status status = s != NULL ? s->status : AK_SCORE_NONE;
		const char *unit = m != NULL ? m->unit : NULL;
		long row = ak_rp_table_row(t);
		size_t ro;
		char *text;

		if (row < 0)
			return AK_ENOMEM;
		ro = (size_t)row;
		if ((t->row_ids[ro] = strdup(k->id)) == NULL)
			return AK_ENOMEM;
		t->row_cls[ro] = ak_score_status_name(status);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 0), k->id));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 1), m != NULL ? m->name : ""));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 2), k->measures));
		if (st->machine) {
			if (m != NULL) {
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 3),
				                ak_direction_name(m->direction)));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4), m->unit));
				if (m->has & AK_KPI_TARGET)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 5), m->target));
				if (m->has & AK_KPI_MIN)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 6), m->min));
				if (m->has & AK_KPI_MAX)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 7), m->max));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 15), m->business_owner));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 16), m->it_owner));
			}
			if (s != NULL) {
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 8), s->period));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 9), s->end));
				if (s->has_value)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 10), s->value));
				if (s->has_score)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 11),
					                ak_num_round4(s->score)));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 13), ak_trend_name(s->trend)));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 14),
				                s->stale ? "true" : "false"));
				if (s->has_forecast)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, ro, 17), s->forecast));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 18), s->note));
			}
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 12),
			                ak_score_status_name(status)));
			continue;
		}
		if (s != NULL) {
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 3), s->period));
			if (s->has_value) {
				if ((text = ak_rp_disp_unit(s->value, unit)) == NULL)
					return AK_ENOMEM;
				ak_rp_table_cell(t, ro, 4)->text = text;
			}
			if (s->has_score)
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 6),
				                ak_rp_percent(buf, s->score)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 8), trend_word(s->trend)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 9), s->stale ? "stale" : ""));
			if (s->has_forecast) {
				if ((text = ak_rp_disp_unit(s->forecast, unit)) == NULL)
					return AK_ENOMEM;
				ak_rp_table_cell(t, ro, 10)->text = text;
			}
			if (s->note != NULL && s->note[0] != '\0') {
				if ((text = note_text(s->note, st->ascii)) == NULL)
					return AK_ENOMEM;
				ak_rp_table_cell(t, ro, 12)->text = text;
			}
		}
		ak_rp_table_cell(t, ro, 4)->number = 1;
		ak_rp_table_cell(t, ro, 6)->number = 1;
		ak_rp_table_cell(t, ro, 10)->number = 1;
		if ((text = target_text(m, st->ascii)) == NULL)
			return AK_ENOMEM;
		ak_rp_table_cell(t, ro, 5)->text = text;
		ak_rp_table_cell(t, ro, 5)->number = 1;
		TRY(set_cls(ak_rp_table_cell(t, ro, 7), ak_score_status_name(status),
		            ak_score_status_name(status)));
		if ((text = ak_rp_sparkline(k, st->ascii)) == NULL)
			return AK_ENOMEM;
		ak_rp_table_cell(t, ro, 11)->text = text;
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

/* ---- gaps and errors ----------------------------------------------------- */

/* Which table of the gaps section a gap goes in: with a baseline, new
 * ones, then those still open, then resolved ones; else one table. */
enum gap_group { GAPS_NEW, GAPS_OPEN, GAPS_RESOLVED, GAPS_NGROUPS };

static enum gap_group
gap_group_of(const ak_rp_gap *g)
{
	if (g->resolved)
		return GAPS_RESOLVED;
	return g->has_new && g->is_new ? GAPS_NEW : GAPS_OPEN;
}

/* "message (waived until 2026-12-31: reason)", new. */
static char *
waived_message(const ak_rp_gap *g)
{
	const char *reason = g->reason != NULL ? g->reason : "";
	size_t n = strlen(g->message) + strlen(reason) + 48;
	char *msg = malloc(n);

	if (msg == NULL)
		return NULL;
	snprintf(msg, n, "%s (waived%s%s%s%s)", g->message,
	         g->until[0] ? " until " : "", g->until,
	         reason[0] ? ": " : "", reason);
	return msg;
}

/* The gaps section for a person shows at most AK_RP_GAPS_SHOWN gaps of
 * each type in a table, the first in its order, and then a row per type
 * that says how many more there are and where to read them all: a job
 * summary is read by a person and GitHub's holds 1 MiB.  CSV lists all. */
typedef struct type_count {
	const char *type;           /* borrowed from the gap */
	size_t n;
} type_count;

typedef struct type_counts {
	type_count *v;
	size_t n;
} type_counts;

/* Counts one more gap of type; 1 when it is shown, 0 when it is beyond
 * the limit, -1 when out of memory. */
static int
count_type(type_counts *c, const char *type)
{
	type_count *grown;

	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].type, type) == 0)
			return ++c->v[i].n <= AK_RP_GAPS_SHOWN;
	if ((grown = realloc(c->v, (c->n + 1) * sizeof(*grown))) == NULL)
		return -1;
	c->v = grown;
	c->v[c->n].type = type;
	c->v[c->n++].n = 1;
	return 1;
}

/* A row per type with more than AK_RP_GAPS_SHOWN gaps, in the order the
 * types came: "N more TYPE gaps not shown". */
static int
more_rows(ak_rp_table *t, const type_counts *c)
{
	for (size_t i = 0; i < c->n; i++) {
		char msg[160];
		long row;

		if (c->v[i].n <= AK_RP_GAPS_SHOWN)
			continue;
		if ((row = ak_rp_table_row(t)) < 0)
			return AK_ENOMEM;
		snprintf(msg, sizeof(msg), "%zu more %s gaps not shown "
		         "(%d of each type are); report-fmt -f csv --section gaps "
		         "lists them all", c->v[i].n - AK_RP_GAPS_SHOWN,
		         c->v[i].type, AK_RP_GAPS_SHOWN);
		if (ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1),
		                   c->v[i].type) != AK_OK ||
		    ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 2), "...") != AK_OK ||
		    ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 4), msg) != AK_OK)
			return AK_ENOMEM;
	}
	return AK_OK;
}

static int
gaps_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out,
           size_t *ntables)
{
	static const char *const heads[] = {"Severity", "Type", "Subject",
	                                    "Source", "Message"};
	static const unsigned flags[] = {0, 0, AK_RP_COL_ID,
	                                 AK_RP_COL_FLEX | AK_RP_COL_TAIL,
	                                 AK_RP_COL_BELOW};
	static const char *const mheads[] = {"severity", "type", "subject",
	                                     "src", "message", "waived",
	                                     "waiver_reason", "waived_until",
	                                     "new", "resolved"};
	static const char *const captions[GAPS_NGROUPS] = {
		"New since the baseline:", "Still open:",
		"Resolved since the baseline:"};
	ak_rp_table *tabs[GAPS_NGROUPS] = {NULL, NULL, NULL};
	type_counts counts[GAPS_NGROUPS] = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
	int split = r->gap_baseline && !st->machine;

	*ntables = 0;
	for (int gi = 0; gi < (split ? GAPS_NGROUPS : 1); gi++) {
		tabs[gi] = st->machine ? ak_rp_table_new(10, mheads, NULL) :
		           ak_rp_table_new(5, heads, flags);
		out[gi] = tabs[gi];
		if (tabs[gi] == NULL)
			return AK_ENOMEM;
		*ntables = (size_t)gi + 1;
		if (split)
			tabs[gi]->caption = captions[gi];
	}
	for (size_t i = 0; i < r->ngaps; i++) {
		const ak_rp_gap *g = r->sorted_gaps[i];
		const char *sev = ak_severity_name(g->severity);
		size_t ti = split ? (size_t)gap_group_of(g) : 0;
		ak_rp_table *t = tabs[ti];
		long row;
		size_t ro;

		if (!st->machine) {
			int shown = count_type(&counts[ti], g->type);

			if (shown < 0)
				goto nomem_counts;
			if (shown == 0)
				continue;
		}
		if ((row = ak_rp_table_row(t)) < 0)
			goto nomem_counts;
		ro = (size_t)row;
		t->row_cls[ro] = g->waived ? "waived" : sev;
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 1), g->type));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 2), g->subject));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 3), g->src));
		if (st->machine) {
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 0), sev));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4), g->message));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 5),
			                g->waived ? "true" : "false"));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 6), g->reason));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 7), g->until));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 8), !g->has_new ? "" :
			                g->is_new ? "true" : "false"));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 9),
			                g->resolved ? "true" : "false"));
			continue;
		}
		if (g->waived) {
			char sevw[32];
			char *msg = waived_message(g);

			if (msg == NULL)
				return AK_ENOMEM;
			ak_rp_table_cell(t, ro, 4)->text = msg;
			snprintf(sevw, sizeof(sevw), "%s, waived", sev);
			TRY(set_cls(ak_rp_table_cell(t, ro, 0), sevw, "waived"));
		} else {
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4), g->message));
			TRY(set_cls(ak_rp_table_cell(t, ro, 0), sev, sev));
		}
	}
	for (size_t ti = 0; ti < GAPS_NGROUPS; ti++) {
		int rc = more_rows(tabs[ti], &counts[ti]);

		free(counts[ti].v);
		counts[ti].v = NULL;
		if (rc != AK_OK)
			goto nomem_counts;
	}
	if (split) {
		/* Groups with nothing in them say nothing. */
		size_t k = 0;

		for (size_t gi = 0; gi < GAPS_NGROUPS; gi++) {
			if (tabs[gi]->nrows == 0 && r->ngaps > 0)
				ak_rp_table_free(tabs[gi]);
			else
				out[k++] = tabs[gi];
		}
		for (size_t gi = k; gi < GAPS_NGROUPS; gi++)
			out[gi] = NULL;
		*ntables = k;
	}
	return AK_OK;
nomem:
nomem_counts:
	for (size_t ti = 0; ti < GAPS_NGROUPS; ti++)
		free(counts[ti].v);
	return AK_ENOMEM;
}

static int
errors_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Source", "Message"};
	static const unsigned flags[] = {0, AK_RP_COL_BELOW};
	static const char *const mheads[] = {"src", "message"};
	ak_rp_table *t;

	t = ak_rp_table_new(2, st->machine ? mheads : heads,
	                 st->machine ? NULL : flags);
	if ((*out = t) == NULL)
		return AK_ENOMEM;
	for (size_t i = 0; i < r->nerrors; i++) {
		long row = ak_rp_table_row(t);

		if (row < 0)
			return AK_ENOMEM;
		t->row_cls[row] = "error";
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), r->errors[i].src));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1),
		                r->errors[i].message));
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

/* ---- the alignment matrix ------------------------------------------------ */

static const ak_support *
support_of(const ak_initiative *in, const char *goal)
{
	for (size_t s = 0; s < in->nsupports; s++)
		if (strcmp(in->supports[s].goal, goal) == 0)
			return &in->supports[s];
	return NULL;
}

int
ak_rp_matrix_is_list(const ak_report *r)
{
	return r->ninitiatives > AK_RP_MATRIX_MAX_INITIATIVES ||
	       r->ngoals > AK_RP_MATRIX_MAX_GOALS;
}

static int
matrix_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	size_t nc = 2 + r->ninitiatives;
	ak_rp_table *t;

	if (ak_rp_matrix_is_list(r))
		return ak_rp_matrix_list(r, st, out);
	if ((*out = t = ak_rp_table_new(nc, NULL, NULL)) == NULL)
		return AK_ENOMEM;
	t->heads[0] = st->machine ? "goal" : "Goal";
	t->heads[1] = st->machine ? "title" : "Title";
	t->flags[0] = AK_RP_COL_ID;
	t->flags[1] = AK_RP_COL_FLEX;
	t->row_id_key = "goal";
	for (size_t j = 0; j < r->ninitiatives; j++) {
		t->heads[2 + j] = r->initiatives[j]->id;
		t->flags[2 + j] = AK_RP_COL_RIGHT;
	}
	for (size_t i = 0; i < r->ngoals; i++) {
		const ak_goal *g = r->goals[i];
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, g->id);
		long row = ak_rp_table_row(t);

		if (row < 0)
			return AK_ENOMEM;
		if ((t->row_ids[row] = strdup(g->id)) == NULL)
			return AK_ENOMEM;
		t->row_cls[row] = ak_score_status_name(u != NULL ? u->status : AK_SCORE_NONE);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), g->id));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1), g->title));
		for (size_t j = 0; j < r->ninitiatives; j++) {
			const ak_support *sp = support_of(r->initiatives[j], g->id);
			ak_rp_cell *c = ak_rp_table_cell(t, (size_t)row, 2 + j);

			if (sp != NULL)
				TRY(st->machine ? ak_rp_cell_num(c, sp->weight) :
				    ak_rp_cell_disp(c, sp->weight));
			else
				TRY(ak_rp_cell_set(c, ""));
			c->number = 1;
		}
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

static int
by_goal_natural(const void *key, const void *elem)
{
	return ak_id_natcmp(key, (*(const ak_goal *const *)elem)->id);
}

static int
cmp_link(const void *a, const void *b)
{
	const ak_rp_link *x = a, *y = b;

	if (x->goal != y->goal)
		return x->goal < y->goal ? -1 : 1;
	return x->initiative < y->initiative ? -1 : x->initiative > y->initiative;
}

int
ak_rp_matrix_links(const ak_report *r, ak_rp_link **out, size_t *n)
{
	ak_rp_link *links = NULL;
	size_t nlinks = 0, caplinks = 0;

	*out = NULL;
	*n = 0;
	for (size_t j = 0; j < r->ninitiatives; j++) {
		const ak_initiative *in = r->initiatives[j];

		for (size_t s = 0; s < in->nsupports; s++) {
			const ak_goal *const *gp = bsearch(in->supports[s].goal, r->goals,
			                                   r->ngoals, sizeof(*r->goals),
			                                   by_goal_natural);

			if (gp == NULL)
				continue;
			if (ak_grow(&links, &caplinks, nlinks + 1, sizeof(*links)) !=
			    AK_OK) {
				free(links);
				return AK_ENOMEM;
			}
			links[nlinks++] = (ak_rp_link){(size_t)(gp - r->goals), j,
			                               in->supports[s].weight};
		}
	}
	if (nlinks > 1)
		qsort(links, nlinks, sizeof(*links), cmp_link);
	*out = links;
	*n = nlinks;
	return AK_OK;
}

/* The matrix as a list, each goal with the initiatives that support it:
 * what 80 columns hold, and what every format shows beyond
 * AK_RP_MATRIX_MAX_* (a grid grows with goals times initiatives).  Its
 * time and size grow with the supports, not with the grid. */
int
ak_rp_matrix_list(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Goal", "Title", "Initiatives"};
	static const unsigned flags[] = {AK_RP_COL_ID, AK_RP_COL_FLEX,
	                                 AK_RP_COL_BELOW};
	static const char *const mheads[] = {"goal", "title", "initiatives"};
	ak_rp_link *links = NULL;
	size_t nlinks = 0, l = 0;
	ak_rp_table *t;

	if ((*out = t = st->machine ? ak_rp_table_new(3, mheads, NULL) :
	     ak_rp_table_new(3, heads, flags)) == NULL)
		return AK_ENOMEM;
	t->row_id_key = "goal";
	if (ak_rp_matrix_links(r, &links, &nlinks) != AK_OK)
		return AK_ENOMEM;
	for (size_t i = 0; i < r->ngoals; i++) {
		const ak_goal *g = r->goals[i];
		const ak_rp_rollup *u = ak_rp_latest_rollup(r, g->id);
		long row = ak_rp_table_row(t);
		char *list = NULL;
		size_t len = 0;

		if (row < 0)
			goto nomem;
		if ((t->row_ids[row] = strdup(g->id)) == NULL)
			goto nomem;
		t->row_cls[row] = ak_score_status_name(u != NULL ? u->status :
		                                       AK_SCORE_NONE);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), g->id));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1), g->title));
		for (; l < nlinks && links[l].goal == i; l++) {
			const char *id = r->initiatives[links[l].initiative]->id;
			char w[32], *grown;
			size_t n = strlen(id) + 48;

			if ((grown = realloc(list, len + n)) == NULL) {
				free(list);
				goto nomem;
			}
			list = grown;
			if (st->machine)
				len += (size_t)snprintf(list + len, n, "%s%s=%s",
				                        len > 0 ? " " : "", id,
				                        ak_rp_num(w, links[l].weight));
			else
				len += (size_t)snprintf(list + len, n, "%s%s (weight %s)",
				                        len > 0 ? ", " : "", id,
				                        ak_rp_disp(w, links[l].weight));
		}
		ak_rp_table_cell(t, (size_t)row, 2)->text =
			list != NULL ? list : strdup(st->machine ? "" : "no initiative");
		if (ak_rp_table_cell(t, (size_t)row, 2)->text == NULL)
			goto nomem;
	}
	free(links);
	return AK_OK;
nomem:
	free(links);
	return AK_ENOMEM;
}

/* ---- history ------------------------------------------------------------- */

int
ak_rp_history_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Goal", "Title", "From", "To",
	                                    "Course", "Score", "Status"};
	static const unsigned flags[] = {AK_RP_COL_ID, AK_RP_COL_FLEX, 0, 0,
	                                 AK_RP_COL_RAW, AK_RP_COL_RIGHT, 0};
	static const char *const mheads[] = {"goal", "title", "period", "end",
	                                     "score", "status"};
	ak_rp_table *t;
	char buf[32];

	if ((*out = t = st->machine ? ak_rp_table_new(6, mheads, NULL) :
	     ak_rp_table_new(7, heads, flags)) == NULL)
		return AK_ENOMEM;
	t->row_id_key = "goal";
	for (size_t i = 0; i < r->ncourses; i++) {
		const ak_rp_course *c = &r->courses[i];
		const ak_goal *g = ak_rp_goal(r, c->of);
		const ak_rp_rollup *last = c->points[c->n - 1];
		size_t from = c->n > AK_RP_HISTORY_SHOWN ? c->n - AK_RP_HISTORY_SHOWN : 0;
		double v[AK_RP_HISTORY_SHOWN];
		unsigned char has[AK_RP_HISTORY_SHOWN];
		long row;
		char *text;

		if (st->machine) {
			for (size_t k = 0; k < c->n; k++) {
				const ak_rp_rollup *u = c->points[k];

				if ((row = ak_rp_table_row(t)) < 0)
					return AK_ENOMEM;
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), c->of));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1),
				                g != NULL ? g->title : ""));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 2), u->period));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 3), u->end));
				if (u->has_score)
					TRY(ak_rp_cell_num(ak_rp_table_cell(t, (size_t)row, 4),
					                ak_num_round4(u->score)));
				TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 5),
				                ak_score_status_name(u->status)));
			}
			continue;
		}
		if ((row = ak_rp_table_row(t)) < 0)
			return AK_ENOMEM;
		if ((t->row_ids[row] = strdup(c->of)) == NULL)
			return AK_ENOMEM;
		t->row_cls[row] = ak_score_status_name(last->status);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 0), c->of));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 1),
		                g != NULL ? g->title : ""));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 2),
		                c->points[from]->period));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 3), last->period));
		for (size_t k = from; k < c->n; k++) {
			v[k - from] = c->points[k]->score;
			has[k - from] = (unsigned char)c->points[k]->has_score;
		}
		if ((text = ak_rp_spark(v, has, c->n - from, st->ascii)) == NULL)
			return AK_ENOMEM;
		ak_rp_table_cell(t, (size_t)row, 4)->text = text;
		if (last->has_score)
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, (size_t)row, 5),
			                ak_rp_percent(buf, last->score)));
		ak_rp_table_cell(t, (size_t)row, 5)->number = 1;
		TRY(set_cls(ak_rp_table_cell(t, (size_t)row, 6),
		            ak_score_status_name(last->status),
		            ak_score_status_name(last->status)));
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

ak_rp_table **
ak_rp_section_tables(ak_report *r, unsigned section, const ak_rp_style *st,
                  size_t *ntables)
{
	ak_rp_table **ts = calloc(SECTION_TABLES, sizeof(ak_rp_table *));
	int rc;

	*ntables = 0;
	if (ts == NULL)
		return NULL;
	switch (section) {
	case AK_SECTION_SUMMARY:
		rc = summary_tables(r, st, ts, ntables);
		break;
	case AK_SECTION_GOALS:
		rc = goals_table(r, st, ts);
		*ntables = 1;
		break;
	case AK_SECTION_KPIS:
		rc = kpis_table(r, st, ts);
		*ntables = 1;
		break;
	case AK_SECTION_GAPS:
		rc = gaps_table(r, st, ts, ntables);
		break;
	case AK_SECTION_INITIATIVES:
		rc = initiatives_table(r, st, ts);
		*ntables = 1;
		break;
	case AK_SECTION_HISTORY:
		rc = ak_rp_history_table(r, st, ts);
		*ntables = 1;
		break;
	case AK_SECTION_CHECKINS:
		rc = ak_rp_checkins_table(r, st, ts);
		*ntables = 1;
		break;
	case AK_SECTION_MATRIX:
		rc = matrix_table(r, st, ts);
		*ntables = 1;
		break;
	default:
		rc = errors_table(r, st, ts);
		*ntables = 1;
		break;
	}
	if (rc != AK_OK) {
		for (size_t i = 0; i < SECTION_TABLES; i++)
			ak_rp_table_free(ts[i]);
		free(ts);
		*ntables = 0;
		return NULL;
	}
	return ts;
}

void
ak_rp_tables_free(ak_rp_table **ts, size_t n)
{
	if (ts == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		ak_rp_table_free(ts[i]);
	free(ts);
}
