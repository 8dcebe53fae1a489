/* Record kinds and the validation of model records (alignkit(5)): each goal,
 * initiative, KPI, measurement, target and check-in is checked field by field and rewritten
 * in canonical form and order. */
#ifndef ALIGNKIT_RECORD_H
#define ALIGNKIT_RECORD_H

#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds this toolkit defines; AK_KIND_OTHER is any other kind, which
 * every tool passes through unchanged. */
typedef enum ak_kind {
	AK_KIND_OTHER = 0,
	AK_KIND_GOAL,
	AK_KIND_INITIATIVE,
	AK_KIND_KPI,
	AK_KIND_MEASUREMENT,
	AK_KIND_TARGET,
	AK_KIND_CHECKIN,
	AK_KIND_SCORE,
	AK_KIND_ROLLUP,
	AK_KIND_GAP,
	AK_KIND_ERROR
} ak_kind;

/* Whether kind is one of the model's, which goals-load validates: goal,
 * initiative, kpi, measurement, target, checkin. */
#define AK_KIND_IS_MODEL(kind) \
	((kind) >= AK_KIND_GOAL && (kind) <= AK_KIND_CHECKIN)

/* The kind named name ("goal", ...), AK_KIND_OTHER for any other name or
 * NULL. */
AK_EXTERN ak_kind ak_kind_parse(const char *name);

/* The name of a kind; "" for AK_KIND_OTHER. */
AK_EXTERN const char *ak_kind_name(ak_kind kind);

/* Flags for ak_record_normalize. */
#define AK_RECORD_TEXT 1          /* values are CSV cell text: numbers, dates
                                   * and supports lists are parsed from
                                   * strings */
#define AK_RECORD_DECIMAL_COMMA 2 /* with AK_RECORD_TEXT: "83,5" is 83.5 */

/* Validates in, a record of kind kind (goal, initiative, kpi,
 * measurement, target or checkin), and sets *out to a new object in canonical form:
 *  - field order: "kind", "id", the fields in alignkit(5)'s table order, unknown
 *    fields in input order, "src" last;
 *  - ids and other strings trimmed of surrounding white space; ids checked
 *    (non-empty, at most 128 bytes, no control characters);
 *  - enums checked; dates checked against the calendar; numbers finite and
 *    in range; kpi target/min/max/baseline/red/red_min/red_max/start/due
 *    checked against each other as alignkit(5) says;
 *  - supports in the output form [{"goal":ID,"weight":W}] (input may also
 *    be ["G1","G2"], or with AK_RECORD_TEXT "G1;G2:2");
 *  - absent fields stay absent: defaults are applied by readers (see
 *    model.h), so that the output says only what the input said.
 * A "kind" field in in is ignored (the caller has decided the kind).  src,
 * when not NULL, becomes "src"; otherwise an input "src" string is kept.
 * With AK_RECORD_TEXT, string values of known numeric, date and list fields
 * are parsed; unknown fields stay strings.
 * Returns AK_OK, AK_ENOMEM, or AK_EINPUT with err->text naming the record
 * and the field: `kpi K7: field target: "ninety" is not a number`.  err's
 * location is left for the caller to set. */
AK_EXTERN int ak_record_normalize(json_t **out, const json_t *in, ak_kind kind,
                        const char *src, int flags, ak_error *err);

/* The "src" string of a record, or NULL. Borrowed. */
AK_EXTERN const char *ak_record_src(const json_t *record);

/* Whether s[0..len) is a valid id after trimming (alignkit(5)). */
AK_EXTERN int ak_id_valid(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
