/* Who speaks for which side of a check-in's subject (alignkit(5)): what
 * gap-find's checkins checks and report-fmt's checkins section share.
 * Not API: what is not under include/ may change without notice. */
#ifndef ALIGNKIT_CHECKIN_INTERNAL_H
#define ALIGNKIT_CHECKIN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "alignkit/date.h"
#include "alignkit/model.h"

/* What a check-in says, and which side says it. */
enum { AK_CHECKIN_ON_TRACK, AK_CHECKIN_AT_RISK, AK_CHECKIN_OFF_TRACK };
enum {
	AK_CHECKIN_SIDE_NONE,       /* not given, or cannot be found */
	AK_CHECKIN_SIDE_BUSINESS,
	AK_CHECKIN_SIDE_IT
};

/* A check-in as the tools keep it.  Its strings belong to whoever filled
 * it in (ak_checkin_read borrows them from the record). */
typedef struct ak_checkin {
	const char *subject, *by, *note; /* by and note may be NULL */
	const char *src;                 /* or NULL */
	ak_date at;                      /* its UTC date */
	int64_t nanos;                   /* and time of day: the later wins */
	int confidence;                  /* AK_CHECKIN_ON_TRACK, ... */
	int side;                        /* as given: AK_CHECKIN_SIDE_* */
	size_t order;                    /* its place in the stream */
} ak_checkin;

/* Fills c from rec, a check-in record in canonical form
 * (ak_record_normalize), its strings borrowed; order is left as it was. */
void ak_checkin_read(ak_checkin *c, const json_t *rec);

/* Whether a is later than b (NULL is earliest): by instant, then by
 * place in the stream. */
int ak_checkin_later(const ak_checkin *a, const ak_checkin *b);

/* "on-track", "at-risk", "off-track" by AK_CHECKIN_*; "" out of range. */
const char *ak_checkin_confidence_name(int confidence);

/* The people who speak for each side of a subject, the one of g, in and
 * k that is not NULL: a goal's owner, an initiative's sponsor and a KPI's
 * business_owner for the business; an initiative's owner and a KPI's
 * it_owner for IT.  *business and *it are NULL when the record names no
 * one; *brole and *itrole say what they are ("sponsor", "IT owner"). */
typedef struct ak_checkin_owners {
	const char *business, *it;
	const char *brole, *itrole;
} ak_checkin_owners;
void ak_checkin_owners_of(ak_checkin_owners *o, const ak_goal *g,
                          const ak_initiative *in, const ak_kpi *k);

/* Whether by, as a check-in writes a person, is name as a record gives
 * it: equal but for ASCII case and surrounding spaces.  NULL is no one. */
int ak_checkin_same_person(const char *by, const char *name);

/* The side a check-in speaks for: side when given, else the side whose
 * person by is (AK_CHECKIN_SIDE_NONE when by is neither, both or NULL). */
int ak_checkin_side(int side, const char *by, const ak_checkin_owners *o);

#endif
