/* Reports (report-fmt(1)): the whole stream read into memory, then rendered for
 * people (text, Markdown, HTML) or for machines (CSV, JUnit XML, SARIF,
 * GitHub workflow commands, GitLab Code Quality).  Every string that comes
 * from the input is escaped for the format it is written in. */
#ifndef ALIGNKIT_REPORT_H
#define ALIGNKIT_REPORT_H

#include <stdio.h>
#include <jansson.h>
#include "alignkit/export.h"
#include "alignkit/error.h"
#include "alignkit/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ak_report_format {
	AK_REPORT_TEXT = 0,
	AK_REPORT_MARKDOWN,
	AK_REPORT_HTML,
	AK_REPORT_CSV,
	AK_REPORT_JUNIT,
	AK_REPORT_SARIF,
	AK_REPORT_GITHUB,
	AK_REPORT_CODEQUALITY
} ak_report_format;

/* Sections, as bits of ak_report_options.sections. */
#define AK_SECTION_SUMMARY 0x01 /* counts by status and by severity */
#define AK_SECTION_GOALS   0x02 /* the goal tree with rollup status, score */
#define AK_SECTION_KPIS    0x04 /* value, target, score, status, trend */
#define AK_SECTION_GAPS    0x08
#define AK_SECTION_MATRIX  0x10 /* goals x initiatives */
#define AK_SECTION_ERRORS  0x20
#define AK_SECTION_INITIATIVES 0x40 /* status, rollup, budget, dates, goals */
#define AK_SECTION_HISTORY 0x80 /* each goal's rollups over the periods */
#define AK_SECTION_CHECKINS 0x100 /* the latest word of each side, per
                                   * subject */
#define AK_SECTION_ALL     0x1ff

typedef struct ak_report_options {
	ak_report_format format;
	/* AK_SECTION_* bits; 0 means the format's default: every section for
	 * text, markdown and html, the KPI table for csv.  csv writes exactly
	 * one table; the CI formats (junit, sarif, github, codequality) always
	 * write the gaps and errors and ignore sections. */
	unsigned sections;
	const char *title;  /* NULL: "Alignment report"; borrowed */
	int color;          /* text: ANSI colours (the caller decides: a
	                     * terminal, no NO_COLOR, no --no-color) */
	int ascii;          /* text: ASCII only for the report's own marks:
	                     * sparklines, tree lines, ellipses, >= and <= */
} ak_report_options;

typedef struct ak_report ak_report;

/* A new empty report.  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_report_new(ak_report **out);

/* Frees the report.  NULL is a no-op. */
AK_EXTERN void ak_report_free(ak_report *r);

/* Adds one record of the stream, read from file at line (file is copied;
 * record is borrowed: the report takes its own reference).  Goals,
 * initiatives and KPIs are validated as alignkit(5) says; score, rollup, gap
 * and error records must have the fields of alignkit(5) with the right types;
 * measurements and other kinds are ignored.  A second record with an id
 * already taken is ignored: gap-find reports it as duplicate-id, and the
 * report shows the gap.  Returns AK_OK, AK_ENOMEM, or AK_EINPUT with err
 * naming the record and field and located at file:line; the record is
 * then not added. */
AK_EXTERN int ak_report_add(ak_report *r, const json_t *record, const char *file,
                  long line, ak_error *err);

/* Adds one record of a history stream (the rollups of many weeks, as a
 * cron job keeps them), read from file at line: a rollup record is
 * checked as ak_report_add checks it and becomes a point of its goal's
 * course in the history section and charts, never the report's current
 * status, and points after the report's period are left out (a week
 * reported again shows its history up to that week); records of other
 * kinds are ignored.  Returns as ak_report_add does. */
AK_EXTERN int ak_report_add_history(ak_report *r, const json_t *record,
                                    const char *file, long line,
                                    ak_error *err);

/* Adds an input error (a bad line, or a record ak_report_add refused) to
 * the errors of the report, as if the stream held its error record: what
 * --keep-going does.  err is copied.  Returns AK_OK or AK_ENOMEM. */
AK_EXTERN int ak_report_add_error(ak_report *r, const ak_error *err);

/* Writes the report to out.  opt is borrowed.  Returns AK_OK; AK_EUSAGE
 * when the sections do not suit the format (csv with more than one), with
 * err saying why; AK_EIO when a write failed (the output is then
 * incomplete), with err->text "write error: REASON" as the stream writers
 * give it; AK_ENOMEM. */
AK_EXTERN int ak_report_write(ak_report *r, FILE *out, const ak_report_options *opt,
                    ak_error *err);

/* The format named name ("text", "markdown", "html", "csv", "junit",
 * "sarif", "github", "codequality").  Returns AK_OK, or AK_EUSAGE with
 * err->text `unknown format "xml" (formats: text, markdown, ...)`. */
AK_EXTERN int ak_report_format_parse(ak_report_format *out, const char *name,
                           ak_error *err);

/* The sections of a comma-separated list ("summary,gaps").  Returns
 * AK_OK, or AK_EUSAGE with err->text `unknown section "foo" (sections:
 * summary, goals, ...)`; an empty list or item is an error too. */
AK_EXTERN int ak_report_sections_parse(unsigned *out, const char *list, ak_error *err);

/* Compares two ids as people count: runs of digits by their value, the
 * rest byte by byte, so that I2 comes before I10 and G1.2 before G1.10.
 * Ids that compare equal so (I2, I02) fall back to strcmp, which makes
 * the order total.  Returns <0, 0 or >0 as strcmp does. */
AK_EXTERN int ak_id_natcmp(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
