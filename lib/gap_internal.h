/* What the gap finder (gap.c) collects and the checks (gap_find.c) read.
 * Not API: what is not under include/ may change without notice. */
#ifndef ALIGNKIT_GAP_INTERNAL_H
#define ALIGNKIT_GAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "alignkit/derived.h"
#include "alignkit/gap.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/period.h"
#include "pool_internal.h"

/* One score record, as derived.c read it, for off-target, stale-kpi and
 * worsening-trend.  d's borrowed strings (kpi, measures, src) are NULL:
 * the record is gone once read. */
struct ak_gscore {
	ak_derived_score d;
	size_t seq; /* position in the stream: the later wins */
	char *src;  /* in the finder's strings: the record's src, or where it
	             * was read */
};

/* The score records of one KPI, in stream order until ak_gap_find sorts
 * them by end. */
/* A file whose measurements of a KPI repeat another's, as the score
 * records' duplicates say: src and of are its first and the other's first
 * measurement ("FILE:LINE"), one per pair of files. */
struct ak_gcopy {
	char *src, *of; /* owned */
};

struct ak_gkpi {
	char *kpi; /* in the finder's strings */
	struct ak_gscore *v;
	size_t n, cap;
	struct ak_gcopy *copies;
	size_t ncopies, capcopies;
};

/* The latest rollup record of one goal, as derived.c read it; d's
 * borrowed strings (of, src) are NULL. */
struct ak_grollup {
	ak_derived_rollup d;
	char *goal; /* in the finder's strings */
	size_t seq;
	char *src;  /* owned: the record's src, or where it was read */
};

/* Measurements that name one KPI id, for the dangling-ref check, and the
 * latest of them, for future-measurement. */
struct ak_gmeasured {
	char *kpi; /* in the finder's strings */
	char *src; /* the first one's src, in the finder's strings */
	size_t count;
	ak_date latest;     /* the latest `at` (UTC date) */
	char *latest_src;   /* its src (the first of that date); owned */
};

/* A goal, initiative or KPI whose id was taken already. */
struct ak_gdup {
	ak_kind kind;
	char *id, *title, *src; /* owned; title and src may be NULL */
};

/* An error record of the stream. */
struct ak_ginvalid {
	char *subject, *message, *src; /* owned; src may be NULL */
};

struct ak_gwaiver {
	ak_gap_type type;
	char *subject, *reason, *src; /* owned; reason and src may be NULL */
	ak_date until;
};

/* A finding of the baseline (--baseline): what a resolved gap repeats. */
struct ak_gbase {
	ak_gap_type type;
	ak_severity severity;
	char *subject, *message, *src; /* owned; src may be NULL */
	char fingerprint[AK_GAP_FINGERPRINT_SIZE];
	int seen; /* the last ak_gap_find found it again */
};

/* A growing array of pointers. */
struct ak_gvec {
	void **v;
	size_t n, cap;
};

struct ak_gap_finder {
	ak_model *model;
	size_t seq;
	ak_map *kpi_index; /* kpi id -> struct ak_gkpi */
	struct ak_gvec kpis;
	size_t nscores;
	ak_map *rollup_index; /* goal id -> struct ak_grollup */
	struct ak_gvec rollups;
	ak_map *irollup_index; /* initiative id -> struct ak_grollup (goal
	                        * holds its id), for the check-ins */
	struct ak_gvec irollups;
	struct ak_gvec checkins; /* ak_checkin (checkin_internal.h), strings
	                          * owned, in stream order */
	size_t nrollups;        /* rollup records of any type */
	ak_map *measured_index; /* kpi id -> struct ak_gmeasured */
	struct ak_gvec measured;
	struct ak_gvec dups;
	struct ak_gvec invalids;
	struct ak_gvec waivers;
	int has_baseline;        /* ak_gap_finder_load_baseline was called */
	struct ak_gvec baseline; /* struct ak_gbase, in file order */
	ak_map *baseline_index;  /* fingerprint -> struct ak_gbase */
	ak_gap *gaps; /* the last ak_gap_find's result; strings
				    * in gap_strings */
	size_t ngaps, gaps_cap;
	ak_pool gap_strings;
	/* Strings kept until the finder is freed: ids and the src of
	 * each score record, each measured KPI, each goal rollup. */
	ak_pool strings;
};

/* Appends p to v.  Returns AK_OK or AK_ENOMEM. */
int ak_gvec_push(struct ak_gvec *v, void *p);

/* A copy of s (NULL stays NULL); NULL if out of memory. */
char *ak_gstrdup(const char *s);

/* Frees the gaps of the last ak_gap_find. */
void ak_gap_clear(ak_gap_finder *f);

/* How the checkins checks hand a finding to ak_gap_find: type, severity,
 * subject, key (what else tells the finding apart, or NULL), src and the
 * message, all borrowed. */
typedef void ak_gemit_fn(void *arg, ak_gap_type type, ak_severity severity,
                         const char *subject, const char *key,
                         const char *src, const char *message);

/* missing-checkin, status-discrepancy and owner-disagreement over the
 * finder's check-ins (at least one), as o says; a check-in whose side
 * cannot be found is told to o->warn.  Returns AK_OK or AK_ENOMEM. */
int ak_gap_checkins(ak_gap_finder *f, const ak_gap_options *o,
                    ak_gemit_fn *emit, void *arg);

#endif
