/* The checkins section of a report (report-fmt(1)): for each subject that
 * has check-ins, the latest word of the business side and of the IT side,
 * with its date, confidence and who said it, beside what the data says
 * of the subject (its latest rollup or score), so that the Monday report
 * shows who sees it differently.
 *
 * A check-in counts for its "side", else for the side its "by" speaks for
 * (a goal's owner, an initiative's sponsor, a KPI's business_owner for
 * the business; an initiative's owner, a KPI's it_owner for IT).  The
 * latest of those whose side cannot be found is shown in the notes, with
 * "side unknown": gap-find warns of them.
 *
 * People read the human tables (one row per subject); CSV has one row per
 * subject and side, with every field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit/date.h"
#include "alignkit/map.h"
#include "checkin_internal.h"
#include "report_internal.h"
#include "util_internal.h"

#define TRY(x) do { if ((x) != AK_OK) goto nomem; } while (0)

/* One subject's latest check-in of each side (AK_CHECKIN_SIDE_NONE:
 * those whose side cannot be found). */
struct said {
	const char *subject;
	const ak_checkin *side[3];
};

static int
by_kpi_id(const void *key, const void *elem)
{
	return ak_id_natcmp(key, ((const ak_rp_kpi *)elem)->id);
}

static const ak_rp_kpi *
kpi_of(const ak_report *r, const char *id)
{
	return bsearch(id, r->kpis, r->nkpis, sizeof(*r->kpis), by_kpi_id);
}

static void
owners(const ak_report *r, const char *id, ak_checkin_owners *o)
{
	const ak_rp_kpi *k = kpi_of(r, id);

	ak_checkin_owners_of(o, ak_rp_goal(r, id), ak_rp_initiative(r, id),
	                     k != NULL ? k->kpi : NULL);
}

static int
by_subject(const void *a, const void *b)
{
	return ak_id_natcmp(((const struct said *)a)->subject,
	                    ((const struct said *)b)->subject);
}

/* The subjects with check-ins, in natural id order, each with its latest
 * check-in per side: a new array of *n. */
static int
gather(const ak_report *r, struct said **out, size_t *n)
{
	struct said *v = NULL;
	size_t len = 0, cap = 0;
	ak_map *index = NULL;
	int rc = AK_ENOMEM;

	*out = NULL;
	*n = 0;
	if (ak_map_new(&index) != AK_OK)
		return AK_ENOMEM;
	/* index: subject -> its place in v, + 1. */
	for (size_t i = 0; i < r->ncheckins; i++) {
		const ak_checkin *c = &r->checkins[i];
		size_t at = (size_t)(uintptr_t)ak_map_get(index, c->subject);
		ak_checkin_owners o;
		int side;

		if (at == 0) {
			if (ak_grow(&v, &cap, len + 1, sizeof(*v)) != AK_OK ||
			    ak_map_put(index, c->subject,
			               (void *)(uintptr_t)(len + 1)) != AK_OK)
				goto out;
			memset(&v[len], 0, sizeof(*v));
			v[len].subject = c->subject;
			at = ++len;
		}
		owners(r, c->subject, &o);
		side = ak_checkin_side(c->side, c->by, &o);
		if (ak_checkin_later(c, v[at - 1].side[side]))
			v[at - 1].side[side] = c;
	}
	if (len > 1)
		qsort(v, len, sizeof(*v), by_subject);
	*out = v;
	*n = len;
	v = NULL;
	rc = AK_OK;
out:
	free(v);
	ak_map_free(index);
	return rc;
}

/* What the data says of a subject: its latest rollup's or score's status
 * and period. */
static ak_score_status
data_status(const ak_report *r, const char *id, const char **period)
{
	const ak_rp_rollup *u = ak_rp_latest_rollup(r, id);
	const ak_rp_kpi *k;
	const ak_rp_score *s;

	*period = "";
	if (u != NULL) {
		*period = u->period;
		return u->status;
	}
	if ((k = kpi_of(r, id)) != NULL && (s = ak_rp_latest_score(k)) != NULL) {
		*period = s->period;
		return s->status;
	}
	return AK_SCORE_NONE;
}

static const char *
subject_kind(const ak_report *r, const char *id)
{
	if (ak_rp_goal(r, id) != NULL)
		return "goal";
	if (ak_rp_initiative(r, id) != NULL)
		return "initiative";
	if (kpi_of(r, id) != NULL)
		return "kpi";
	return "";
}

/* The colour of a confidence: that of the status it claims. */
static const char *
confidence_cls(int confidence)
{
	return ak_score_status_name(confidence == AK_CHECKIN_ON_TRACK ? AK_SCORE_GREEN
	                            : confidence == AK_CHECKIN_AT_RISK ? AK_SCORE_AMBER
	                                                               : AK_SCORE_RED);
}

static const char *const side_names[] = {"unknown", "business", "it"};

/* "Ann Lee (sponsor): on plan": who spoke for a side and what they
 * noted, appended to *buf (a new string, grown). */
static int
append_who(char **buf, size_t *len, const ak_report *r,
           const ak_checkin *c, int side)
{
	ak_checkin_owners o;
	const char *role = "", *by = c->by != NULL ? c->by : "unnamed";
	char when[AK_DATE_BUFSIZE + 48] = "";
	size_t need;
	char *grown;

	owners(r, c->subject, &o);
	if (side == AK_CHECKIN_SIDE_BUSINESS)
		role = ak_checkin_same_person(c->by, o.business) ? o.brole
		                                                  : "business";
	else if (side == AK_CHECKIN_SIDE_IT)
		role = ak_checkin_same_person(c->by, o.it) ? o.itrole : "IT";
	else {
		char day[AK_DATE_BUFSIZE];
		ak_date_format(day, c->at);
		snprintf(when, sizeof(when), " says %s on %s",
		         ak_checkin_confidence_name(c->confidence), day);
		role = "side unknown";
	}
	need = *len + strlen(by) + strlen(role) + strlen(when) +
	       (c->note != NULL ? strlen(c->note) : 0) + 16;
	if ((grown = realloc(*buf, need)) == NULL)
		return AK_ENOMEM;
	*buf = grown;
	*len += (size_t)snprintf(*buf + *len, need - *len, "%s%s (%s)%s%s%s",
	                         *len > 0 ? "; " : "", by, role, when,
	                         c->note != NULL ? ": " : "",
	                         c->note != NULL ? c->note : "");
	return AK_OK;
}

static int
human_rows(ak_report *r, ak_rp_table *t, const struct said *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct said *s = &v[i];
		const char *period;
		ak_score_status status = data_status(r, s->subject, &period);
		long row = ak_rp_table_row(t);
		char *notes = NULL;
		size_t len = 0, ro;

		if (row < 0)
			return AK_ENOMEM;
		ro = (size_t)row;
		if ((t->row_ids[ro] = strdup(s->subject)) == NULL)
			return AK_ENOMEM;
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 0), s->subject));
		ak_rp_table_cell(t, ro, 1)->cls = ak_score_status_name(status);
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 1),
		                   ak_score_status_name(status)));
		TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 2), period));
		for (int side = AK_CHECKIN_SIDE_BUSINESS; side <= AK_CHECKIN_SIDE_IT;
		     side++) {
			const ak_checkin *c = s->side[side];
			ak_rp_cell *cell = ak_rp_table_cell(t, ro, (size_t)(side + 2));
			char text[64], day[AK_DATE_BUFSIZE];

			if (c == NULL)
				continue;
			ak_date_format(day, c->at);
			snprintf(text, sizeof(text), "%s %s",
			         ak_checkin_confidence_name(c->confidence), day);
			cell->cls = confidence_cls(c->confidence);
			TRY(ak_rp_cell_set(cell, text));
		}
		for (int side = AK_CHECKIN_SIDE_BUSINESS; side <= 3; side++) {
			/* Business, IT, then the unknown side: side 3 is 0. */
			const ak_checkin *c = s->side[side % 3];
			if (c != NULL && append_who(&notes, &len, r, c, side % 3) !=
			                         AK_OK) {
				free(notes);
				return AK_ENOMEM;
			}
		}
		if (notes != NULL)
			ak_rp_table_cell(t, ro, 5)->text = notes;
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

static int
machine_rows(ak_report *r, ak_rp_table *t, const struct said *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *period;
		ak_score_status status = data_status(r, v[i].subject, &period);

		for (int side = AK_CHECKIN_SIDE_BUSINESS; side <= 3; side++) {
			const ak_checkin *c = v[i].side[side % 3];
			char day[AK_DATE_BUFSIZE];
			long row;
			size_t ro;

			if (c == NULL)
				continue;
			if ((row = ak_rp_table_row(t)) < 0)
				return AK_ENOMEM;
			ro = (size_t)row;
			ak_date_format(day, c->at);
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 0), c->subject));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 1),
			                   subject_kind(r, c->subject)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 2),
			                   ak_score_status_name(status)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 3), period));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 4),
			                   side_names[side % 3]));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 5), day));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 6),
			                   ak_checkin_confidence_name(c->confidence)));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 7), c->by));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 8), c->note));
			TRY(ak_rp_cell_set(ak_rp_table_cell(t, ro, 9), c->src));
		}
	}
	return AK_OK;
nomem:
	return AK_ENOMEM;
}

int
ak_rp_checkins_table(ak_report *r, const ak_rp_style *st, ak_rp_table **out)
{
	static const char *const heads[] = {"Subject", "Status", "Period",
	                                    "Business", "IT", "Who and notes"};
	static const unsigned flags[] = {AK_RP_COL_ID, 0, AK_RP_COL_WIDE, 0, 0,
	                                 AK_RP_COL_BELOW};
	static const char *const mheads[] = {
		"subject", "kind", "status", "period", "side", "at", "confidence",
		"by", "note", "src"};
	struct said *v;
	size_t n;
	ak_rp_table *t;
	int rc;

	t = st->machine ? ak_rp_table_new(AK_NELEM(mheads), mheads, NULL)
	                : ak_rp_table_new(AK_NELEM(heads), heads, flags);
	if ((*out = t) == NULL)
		return AK_ENOMEM;
	t->row_id_key = "subject";
	if (gather(r, &v, &n) != AK_OK)
		return AK_ENOMEM;
	rc = st->machine ? machine_rows(r, t, v, n) : human_rows(r, t, v, n);
	free(v);
	return rc;
}
