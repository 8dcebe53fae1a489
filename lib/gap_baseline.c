/* The baseline of gap-find --baseline: the findings of an earlier run, read
 * through the one JSON Lines reader and the one reader of gap records, so
 * that a run can tell new findings from old ones and name those gone. */
#include <stdlib.h>
#include <string.h>

#include "alignkit/derived.h"
#include "alignkit/gap.h"
#include "alignkit/map.h"
#include "alignkit/stream.h"
#include "gap_internal.h"
#include "util_internal.h"

static int
base_nomem(ak_error *err)
{
	return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* Whether s is a fingerprint as gap-find writes it: 16 lower-case hex
 * digits. */
static int
fingerprint_valid(const char *s)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (!ak_is_digit(s[n]) && !(s[n] >= 'a' && s[n] <= 'f'))
			return 0;
	return n == AK_GAP_FINGERPRINT_SIZE - 1;
}

static int
add_base(ak_gap_finder *f, const ak_derived_gap *d, ak_error *err)
{
	struct ak_gbase *b;

	/* A fingerprint twice (two runs' outputs concatenated) is one
	 * finding. */
	if (ak_map_get(f->baseline_index, d->fingerprint) != NULL)
		return AK_OK;
	if ((b = calloc(1, sizeof(*b))) == NULL)
		return base_nomem(err);
	b->type = d->type;
	b->severity = d->severity;
	memcpy(b->fingerprint, d->fingerprint, AK_GAP_FINGERPRINT_SIZE);
	b->subject = ak_gstrdup(d->subject != NULL ? d->subject : "");
	b->message = ak_gstrdup(d->message);
	b->src = ak_gstrdup(d->src);
	if (b->subject == NULL || b->message == NULL ||
	    (d->src != NULL && b->src == NULL) ||
	    ak_gvec_push(&f->baseline, b) != AK_OK) {
		free(b->subject);
		free(b->message);
		free(b->src);
		free(b);
		return base_nomem(err);
	}
	if (ak_map_put(f->baseline_index, b->fingerprint, b) != AK_OK)
		return base_nomem(err);
	return AK_OK;
}

int
ak_gap_finder_load_baseline(ak_gap_finder *f, const char *path, ak_error *err)
{
	const char *paths[1];
	ak_reader *rd = NULL;
	ak_derived_gap d;
	ak_line line;
	int rc;

	paths[0] = path;
	if (f->baseline_index == NULL && ak_map_new(&f->baseline_index) != AK_OK)
		return base_nomem(err);
	f->has_baseline = 1;
	if ((rc = ak_reader_open(&rd, paths, 1, err)) != AK_OK)
		return rc;
	while ((rc = ak_reader_next(rd, &line, err)) == 1) {
		if (strcmp(line.kind, "gap") != 0)
			continue;
		if ((rc = ak_derived_gap_read(&d, line.record, err)) != AK_OK)
			break;
		if (d.resolved)
			continue;
		if (d.fingerprint == NULL || !fingerprint_valid(d.fingerprint)) {
			rc = ak_error_set(err, AK_EINPUT, NULL, 0,
			                  "baseline gap %s of %s: %s; make the "
			                  "baseline with this gap-find",
			                  ak_gap_type_name(d.type),
			                  d.subject != NULL ? d.subject : "",
			                  d.fingerprint == NULL
			                          ? "missing field fingerprint"
			                          : "field fingerprint: not 16 "
			                            "lower-case hex digits");
			break;
		}
		if ((rc = add_base(f, &d, err)) != AK_OK)
			break;
	}
	if (rc == AK_EINPUT)
		ak_error_locate(err, line.file, line.lineno, 0);
	ak_reader_free(rd);
	return rc < 0 ? rc : AK_OK;
}
