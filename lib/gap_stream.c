/* The gap stream (see alignkit/gap_stream.h): gap-find's handling of the
 * stream, from the line it reads to the gap records it writes. */
#include <stdlib.h>
#include <string.h>

#include "alignkit/gap_stream.h"

struct ak_gap_stream {
	ak_gap_finder *finder;
	FILE *out;
	int flags;
};

static int
nomem(ak_error *err)
{
	return ak_error_set(err, AK_ENOMEM, "", 0, "out of memory");
}

int
ak_gap_stream_new(ak_gap_stream **out, FILE *fp, int flags, ak_error *err)
{
	ak_gap_stream *s;

	*out = NULL;
	ak_error_clear(err);
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return nomem(err);
	if (ak_gap_finder_new(&s->finder) != AK_OK) {
		free(s);
		return nomem(err);
	}
	s->out = fp;
	s->flags = flags;
	*out = s;
	return AK_OK;
}

void
ak_gap_stream_free(ak_gap_stream *s)
{
	if (s == NULL)
		return;
	ak_gap_finder_free(s->finder);
	free(s);
}

ak_gap_finder *
ak_gap_stream_finder(ak_gap_stream *s)
{
	return s->finder;
}

int
ak_gap_stream_add(ak_gap_stream *s, const ak_line *line, ak_error *err)
{
	int rc;

	ak_error_clear(err);
	rc = ak_gap_finder_add(s->finder, line->record, line->file,
	                       line->lineno, err);
	if (rc != AK_OK)
		return rc == AK_EINPUT ? rc : nomem(err);
	if (s->flags & AK_GAP_STREAM_GAPS_ONLY)
		return AK_OK;
	return ak_write_line(s->out, line->text, line->len, err);
}

int
ak_gap_stream_add_error(ak_gap_stream *s, const ak_error *bad, ak_error *err)
{
	ak_error ignored;
	json_t *rec;
	int rc = AK_OK;

	if ((rec = ak_error_record(bad)) == NULL)
		return nomem(err);
	if (!(s->flags & AK_GAP_STREAM_GAPS_ONLY))
		rc = ak_write_record(s->out, rec, err);
	/* The record ak_error_record makes is always one the finder keeps. */
	if (rc == AK_OK && ak_gap_finder_add(s->finder, rec, bad->file,
	                                     bad->line, &ignored) != AK_OK)
		rc = nomem(err);
	json_decref(rec);
	return rc;
}

int
ak_gap_stream_finish(ak_gap_stream *s, const ak_gap **gaps, size_t *count,
                     const ak_gap_options *o, ak_error *err)
{
	int rc;

	*gaps = NULL;
	*count = 0;
	ak_error_clear(err);
	if ((rc = ak_gap_find(s->finder, gaps, count, o, err)) != AK_OK)
		return rc;
	for (size_t i = 0; i < *count && rc == AK_OK; i++) {
		json_t *rec = ak_gap_record(&(*gaps)[i]);
		if (rec == NULL)
			return nomem(err);
		rc = ak_write_record(s->out, rec, err);
		json_decref(rec);
	}
	return rc;
}

int
ak_gap_types_parse(unsigned char set[AK_GAP_NTYPES], const char *list,
                   ak_error *err)
{
	const char *p = list, *comma;
	ak_gap_type t;
	ak_gap_group g;

	for (;;) {
		comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		while (len > 0 && *p == ' ')
			p++, len--;
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0)
			return ak_error_set(err, AK_EUSAGE, "", 0,
			                    "empty gap type in \"%s\"", list);
		if (ak_gap_group_parse(&g, p, len) == AK_OK) {
			for (size_t i = 0; i < AK_GAP_NTYPES; i++)
				if (ak_gap_type_group((ak_gap_type)i) == g)
					set[i] = 1;
		} else if (ak_gap_type_parse(&t, p, len, err) != AK_OK) {
			return AK_EUSAGE;
		} else {
			set[t] = 1;
		}
		if (comma == NULL)
			return AK_OK;
		p = comma + 1;
	}
}

int
ak_gap_severity_parse(ak_gap_options *o, const char *assignment,
                      ak_error *err)
{
	const char *eq = strchr(assignment, '=');
	ak_severity sev;
	ak_gap_type t;

	if (eq == NULL)
		return ak_error_set(err, AK_EUSAGE, "", 0,
		                    "\"%s\" is not TYPE=LEVEL", assignment);
	if (ak_gap_type_parse(&t, assignment, (size_t)(eq - assignment), err) != AK_OK ||
	    ak_severity_parse(&sev, eq + 1, strlen(eq + 1), err) != AK_OK)
		return AK_EUSAGE;
	o->severity[t] = (int)sev;
	return AK_OK;
}
