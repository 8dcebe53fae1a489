/* Who speaks for which side of a check-in (checkin_internal.h). */
#include <string.h>

#include "alignkit/record.h"
#include "checkin_internal.h"
#include "util_internal.h"

static const char *const confidence_names[] = {"on-track", "at-risk",
                                               "off-track"};

const char *
ak_checkin_confidence_name(int confidence)
{
	if (confidence < 0 || (size_t)confidence >= AK_NELEM(confidence_names))
		return "";
	return confidence_names[confidence];
}

void
ak_checkin_read(ak_checkin *c, const json_t *rec)
{
	const char *at = json_string_value(json_object_get(rec, "at"));
	const char *conf = json_string_value(json_object_get(rec, "confidence"));
	const char *side = json_string_value(json_object_get(rec, "side"));

	c->subject = json_string_value(json_object_get(rec, "subject"));
	c->by = json_string_value(json_object_get(rec, "by"));
	c->note = json_string_value(json_object_get(rec, "note"));
	c->src = ak_record_src(rec);
	/* Canonical: the date parses, the confidence is one of the three. */
	c->at = AK_DATE_NONE;
	c->nanos = 0;
	if (at != NULL)
		(void)ak_date_parse_instant(&c->at, &c->nanos, at, strlen(at), NULL);
	c->confidence = AK_CHECKIN_AT_RISK;
	for (size_t i = 0; conf != NULL && i < AK_NELEM(confidence_names); i++)
		if (strcmp(conf, confidence_names[i]) == 0)
			c->confidence = (int)i;
	c->side = side == NULL ? AK_CHECKIN_SIDE_NONE
	        : strcmp(side, "it") == 0 ? AK_CHECKIN_SIDE_IT
	                                  : AK_CHECKIN_SIDE_BUSINESS;
}

int
ak_checkin_later(const ak_checkin *a, const ak_checkin *b)
{
	if (b == NULL)
		return 1;
	if (a->at != b->at)
		return a->at > b->at;
	if (a->nanos != b->nanos)
		return a->nanos > b->nanos;
	return a->order > b->order;
}

void
ak_checkin_owners_of(ak_checkin_owners *o, const ak_goal *g,
                     const ak_initiative *in, const ak_kpi *k)
{
	o->business = o->it = NULL;
	o->brole = o->itrole = "owner";
	if (g != NULL) {
		o->business = g->owner;
	} else if (in != NULL) {
		o->business = in->sponsor;
		o->brole = "sponsor";
		o->it = in->owner;
	} else if (k != NULL) {
		o->business = k->business_owner;
		o->brole = "business owner";
		o->it = k->it_owner;
		o->itrole = "IT owner";
	}
}

int
ak_checkin_same_person(const char *by, const char *name)
{
	size_t lb, ln;

	if (by == NULL || name == NULL)
		return 0;
	lb = strlen(by);
	ln = strlen(name);
	ak_trim(&by, &lb);
	ak_trim(&name, &ln);
	return lb > 0 && ak_ascii_caseeq(by, lb, name, ln);
}

int
ak_checkin_side(int side, const char *by, const ak_checkin_owners *o)
{
	int isb, isit;

	if (side != AK_CHECKIN_SIDE_NONE)
		return side;
	isb = ak_checkin_same_person(by, o->business);
	isit = ak_checkin_same_person(by, o->it);
	if (isb == isit)
		return AK_CHECKIN_SIDE_NONE;
	return isb ? AK_CHECKIN_SIDE_BUSINESS : AK_CHECKIN_SIDE_IT;
}
