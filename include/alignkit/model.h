/* The goal, initiative and KPI model: typed views of normalized records,
 * defaults applied, and one id index over goals, initiatives and KPIs
 * (they share one namespace, alignkit(5)). */
#ifndef ALIGNKIT_MODEL_H
#define ALIGNKIT_MODEL_H

#include <stddef.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/date.h"
#include "alignkit/error.h"
#include "alignkit/period.h"
#include "alignkit/record.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ak_status {
	AK_STATUS_ACTIVE = 0,
	AK_STATUS_RETIRED,   /* goals and KPIs */
	AK_STATUS_PROPOSED,  /* initiatives */
	AK_STATUS_DONE,
	AK_STATUS_CANCELLED
} ak_status;

typedef enum ak_direction {
	AK_DIRECTION_UP = 0,
	AK_DIRECTION_DOWN,
	AK_DIRECTION_RANGE
} ak_direction;

typedef enum ak_aggregate {
	AK_AGGREGATE_LAST = 0,
	AK_AGGREGATE_SUM,
	AK_AGGREGATE_AVG,
	AK_AGGREGATE_MIN,
	AK_AGGREGATE_MAX,
	AK_AGGREGATE_COUNT
} ak_aggregate;

/* The names records use for each value ("active", "up", "last", ...): static
 * strings, never NULL ("" for a value out of range). */
AK_EXTERN const char *ak_status_name(ak_status s);
AK_EXTERN const char *ak_direction_name(ak_direction d);
AK_EXTERN const char *ak_aggregate_name(ak_aggregate a);

/* In every struct below, strings are borrowed from `record` (NULL when the
 * field is absent), `record` is the normalized record owned by the model,
 * and `src` its "src" (NULL when it has none). */

typedef enum ak_rollup_kind {
	AK_ROLLUP_MEAN = 0,     /* the weighted mean of the children */
	AK_ROLLUP_MIN           /* the weakest child */
} ak_rollup_kind;

typedef struct ak_goal {
	const char *id, *title, *parent, *perspective, *owner;
	double weight;          /* default 1 */
	ak_status status;       /* default active */
	ak_date due;            /* AK_DATE_NONE when absent */
	ak_rollup_kind rollup;  /* default mean */
	const char *src;
	json_t *record;
} ak_goal;

typedef struct ak_support {
	const char *goal;
	double weight;          /* default 1 */
} ak_support;

typedef struct ak_initiative {
	const char *id, *title, *owner, *sponsor;
	ak_support *supports;   /* owned by the model */
	size_t nsupports;
	ak_status status;       /* default active */
	int has_budget;
	double budget;
	ak_date start, end;     /* AK_DATE_NONE when absent */
	const char *src;
	json_t *record;
} ak_initiative;

/* Bits of ak_kpi.has: which optional numbers are present. */
#define AK_KPI_TARGET   0x01
#define AK_KPI_MIN      0x02
#define AK_KPI_MAX      0x04
#define AK_KPI_BASELINE 0x08
#define AK_KPI_RED      0x10
#define AK_KPI_RED_MIN  0x20
#define AK_KPI_RED_MAX  0x40
#define AK_KPI_CADENCE  0x80

typedef struct ak_kpi {
	const char *id, *name, *measures, *unit, *business_owner, *it_owner;
	ak_direction direction;        /* default up */
	unsigned has;                  /* AK_KPI_* bits */
	double target, min, max, baseline, red, red_min, red_max;
	ak_date start, due;            /* AK_DATE_NONE when absent */
	ak_aggregate aggregate;        /* default last */
	int missing_zero;              /* missing: zero (default none) */
	ak_period_kind cadence;        /* valid when has & AK_KPI_CADENCE */
	int stale_after;               /* default 2 */
	double weight;                 /* default 1 */
	ak_status status;              /* default active */
	const char *src;
	json_t *record;
} ak_kpi;

/* A target record (alignkit(5)): from day `from` on, the thresholds it has
 * (AK_KPI_TARGET..AK_KPI_RED_MAX bits in `has`) replace the KPI's own. */
typedef struct ak_target {
	const char *kpi;
	ak_date from;                  /* a label's first day */
	unsigned has;
	double target, min, max, baseline, red, red_min, red_max;
	size_t seq;                    /* order in which it was added */
	const char *src;
	json_t *record;
} ak_target;

/* A measurement, read without allocating (kpi-score reads millions). */
typedef struct ak_measurement {
	const char *kpi;               /* borrowed from the record */
	ak_date at;                    /* UTC date */
	double value;                  /* 0 when is_null */
	int is_null;                   /* value null: not applicable */
	int64_t at_nanos;              /* its instant: nanoseconds since 00:00
	                                * UTC of at (0 for a date alone) */
	const char *src;               /* "FILE:LINE", borrowed; or NULL */
	const char *note;              /* borrowed; NULL when absent or null */
} ak_measurement;

typedef struct ak_model ak_model;

/* A new empty model.  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_model_new(ak_model **out);

/* Frees the model and everything it holds.  NULL is a no-op. */
AK_EXTERN void ak_model_free(ak_model *m);

/* Validates record (of kind goal, initiative or kpi) as
 * ak_record_normalize does (with flags and src as there), and adds it.
 * Returns AK_OK; AK_EINPUT with err naming the record and field;
 * AK_EDUPLICATE, adding nothing, when the id is taken, with err->text
 * `duplicate id G1 (first at goals.csv:2)`; AK_EUSAGE for another kind;
 * AK_ENOMEM.  record is borrowed.  Adding may move the arrays: pointers
 * from ak_model_goals() etc. are valid until the next ak_model_add. */
AK_EXTERN int ak_model_add(ak_model *m, const json_t *record, ak_kind kind,
                 const char *src, int flags, ak_error *err);

/* Validates record as a target record (ak_record_normalize, with flags
 * and src as there) and adds it; its KPI need not be in the model.
 * Returns AK_OK, AK_EINPUT with err naming the record and field, or
 * AK_ENOMEM.  record is borrowed. */
AK_EXTERN int ak_model_add_target(ak_model *m, const json_t *record,
                        const char *src, int flags, ak_error *err);

/* The target records in the order they were added.  Borrowed. */
AK_EXTERN const ak_target *ak_model_targets(const ak_model *m, size_t *count);

/* The thresholds of kpi in force in a period whose last day is end
 * (alignkit(5) target): *out is a copy of kpi whose target, min, max,
 * baseline, red, red_min and red_max are replaced, field by field, by
 * those of kpi's target record with the latest `from` on or before end
 * (for equal `from`, the one added later).  Returns 1 when kpi has target
 * records (whether or not one is in force by end), 0 when it has none
 * (*out is then kpi). */
AK_EXTERN int ak_model_in_force(const ak_model *m, const ak_kpi *kpi,
                      ak_date end, ak_kpi *out);

/* The records in the order they were added.  Borrowed. */
AK_EXTERN const ak_goal *ak_model_goals(const ak_model *m, size_t *count);
AK_EXTERN const ak_initiative *ak_model_initiatives(const ak_model *m, size_t *count);
AK_EXTERN const ak_kpi *ak_model_kpis(const ak_model *m, size_t *count);

/* Lookup by id: the record, or NULL when the id names nothing or a record
 * of another kind.  Borrowed. */
AK_EXTERN const ak_goal *ak_model_goal(const ak_model *m, const char *id);
AK_EXTERN const ak_initiative *ak_model_initiative(const ak_model *m, const char *id);
AK_EXTERN const ak_kpi *ak_model_kpi(const ak_model *m, const char *id);

/* The kind of the record an id names, AK_KIND_OTHER when none. */
AK_EXTERN ak_kind ak_model_kind_of(const ak_model *m, const char *id);

/* Reads a measurement record from the stream: "kpi" a valid id, "at" a
 * date or date-time, "value" a finite number or null (out->is_null: not
 * applicable in its period), "note" absent or a string.
 * Nothing is allocated; out->kpi, out->src and out->note are borrowed
 * from record.  Returns AK_OK or
 * AK_EINPUT naming the field. */
AK_EXTERN int ak_measurement_read(ak_measurement *out, const json_t *record,
                        ak_error *err);

#ifdef __cplusplus
}
#endif
#endif
