/* What the report modules (report.c and its renderers report_*.c) share:
 * the stream as read, sorted and indexed; the tables the sections become;
 * and the escaping every format needs.  Not API. */
#ifndef ALIGNKIT_REPORT_INTERNAL_H
#define ALIGNKIT_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "alignkit/derived.h"
#include "alignkit/map.h"
#include "alignkit/model.h"
#include "alignkit/report.h"
#include "pool_internal.h"

/* Statuses of scores and rollups in the order the summary counts them
 * (green, amber, red, none), and gap severities worst first, the order
 * gaps are listed in.  Counts are indexed by the enums themselves. */
#define AK_RP_NSTATUS 4
extern const ak_score_status ak_rp_status_order[AK_RP_NSTATUS];
extern const ak_severity ak_rp_severity_order[AK_SEVERITY_NLEVELS];

/* All strings below are borrowed from records the report holds a
 * reference to, unless marked owned. */

typedef struct ak_rp_score {
	const char *kpi, *measures; /* measures NULL when absent */
	char period[AK_PERIOD_BUFSIZE]; /* the canonical label */
	char end[AK_DATE_BUFSIZE];
	int has_value, has_score, has_forecast;
	double value, score, forecast;
	int has_target, has_min, has_max; /* the thresholds in force */
	double target, min, max;
	ak_score_status status;
	ak_trend trend;
	int stale;
	const char *note;           /* the latest measurement's, or NULL */
	size_t order;               /* input position: the last tie-break */
} ak_rp_score;

typedef struct ak_rp_kpi {
	const char *id;
	const ak_kpi *kpi;          /* NULL: known from score records only */
	const char *measures;       /* from the model, else the scores */
	struct ak_rp_kpi *next_measuring; /* next KPI of the same subject */
	ak_rp_score **scores;       /* oldest first */
	size_t nscores;
} ak_rp_kpi;

typedef struct ak_rp_rollup {
	const char *of, *type;      /* type "goal" or "initiative" (static) */
	char period[AK_PERIOD_BUFSIZE];
	char end[AK_DATE_BUFSIZE];
	int has_score;
	double score;
	ak_score_status status;
	long children, scored;      /* -1 when absent */
	int history;                /* from ak_report_add_history */
	size_t order;
} ak_rp_rollup;

/* One goal's rollups over the periods of a history, oldest first, one per
 * period (the last read of a period wins). */
typedef struct ak_rp_course {
	const char *of;
	const ak_rp_rollup **points;   /* into the report's array of them */
	size_t n;
} ak_rp_course;

typedef struct ak_rp_gap {
	const char *type;           /* its name (static) */
	const char *subject, *message, *src, *reason;
	const char *fingerprint;    /* gap-find's, or NULL */
	ak_severity severity;
	int waived;
	char until[AK_DATE_BUFSIZE]; /* waived_until, "" when none */
	int has_new, is_new;        /* from gap-find --baseline */
	int resolved;
	char *file;                 /* owned: where the record was read */
	long line;
	size_t ordinal;             /* among gaps of its type and subject */
	size_t order;
} ak_rp_gap;

typedef struct ak_rp_err {
	char *src, *message;        /* owned; src "" when unknown */
} ak_rp_err;


struct ak_report {
	/* Strings (and supports arrays) the report keeps, copied into big
	 * chunks: no json_t tree and no allocation per string outlives the
	 * record it came from. */
	ak_pool arena;
	/* The model as the report keeps it: each record checked by a model
	 * of its own (ak_model_add), then copied here, strings in the arena
	 * and record NULL. */
	ak_goal *mgoals;
	size_t nmgoals, capmgoals;
	ak_initiative *minits;
	size_t nminits, capminits;
	ak_kpi *mkpis;
	size_t nmkpis, capmkpis;
	ak_map *ids;                /* id -> (index << 2 | kind) + 1 */
	ak_rp_score *scores;
	size_t nscores, capscores;
	ak_rp_rollup *rollups;
	size_t nrollups, caprollups;
	ak_rp_gap *gaps;
	size_t ngaps, capgaps;
	ak_rp_err *errors;
	size_t nerrors, caperrors;
	struct ak_checkin *checkins;  /* strings in the arena */
	size_t ncheckins, capcheckins;
	size_t order;

	/* Built by ak_rp_prepare, once every record is in. */
	int prepared;
	const ak_goal **goals;              /* by id */
	size_t ngoals;
	const ak_initiative **initiatives;  /* by id */
	size_t ninitiatives;
	ak_rp_kpi *kpis;                    /* by id */
	size_t nkpis;
	ak_rp_gap **sorted_gaps;            /* worst first, waived last */
	ak_map *latest_rollup;              /* id -> ak_rp_rollup * */
	ak_map *gap_subjects;               /* subject -> its first gap */
	ak_map *measured_by;                /* goal or initiative id -> its first
	                                     * KPI (ak_rp_kpi *, by id) */
	int gap_baseline;                   /* some gap says new or resolved */
	ak_rp_course *courses;              /* goals with rollups, by id */
	size_t ncourses;
	const ak_rp_rollup **course_points; /* what the courses point into */
	size_t nhistory;                    /* periods the goal rollups span */
	const char *period, *period_end;    /* the latest report period */
};

int ak_rp_prepare(ak_report *r);

/* The goal or initiative of the stream with that id, or NULL. */
const ak_goal *ak_rp_goal(const ak_report *r, const char *id);
const ak_initiative *ak_rp_initiative(const ak_report *r, const char *id);

/* The latest rollup of a goal or initiative, or NULL. */
const ak_rp_rollup *ak_rp_latest_rollup(const ak_report *r, const char *id);

/* The latest score of a KPI, or NULL. */
const ak_rp_score *ak_rp_latest_score(const ak_rp_kpi *k);

/* ---- tables ------------------------------------------------------------
 * A section becomes one or more tables of cells; text, markdown, csv and
 * html render tables, each escaping cell text for its format. */

#define AK_RP_COL_RIGHT 0x01 /* numbers: right-aligned */
#define AK_RP_COL_FLEX  0x02 /* text: takes the width left, truncated */
#define AK_RP_COL_WIDE  0x04 /* text: left out (80 columns are few) */
#define AK_RP_COL_BELOW 0x08 /* text: written under the row, wrapped */
#define AK_RP_COL_RAW   0x10 /* our own marks (sparklines): not input */
#define AK_RP_COL_TAIL  0x20 /* text: cut at the start ("…s/kpis.csv:12") */
#define AK_RP_COL_ID    0x40 /* an id: never cut, whatever the width */
#define AK_RP_COL_SPARE 0x80 /* text: left out, first first, rather than
                              * cut a number or a sparkline */

typedef struct ak_rp_cell {
	char *text;                 /* owned; "" for an empty cell */
	const char *cls;            /* status or severity name for colour */
	int number;                 /* a number we printed: no formula guard */
	int depth;                  /* tree depth (first column of goals) */
	char *prefix;               /* owned: the text tree's lines, or NULL */
} ak_rp_cell;

typedef struct ak_rp_table {
	const char *caption;        /* NULL, or a line above the table */
	size_t ncols;
	const char **heads;         /* owned array of borrowed or owned */
	char **owned_heads;         /* heads this table allocated */
	unsigned *flags;
	ak_rp_cell *cells;          /* nrows * ncols */
	size_t nrows, caprows;
	const char *row_id_key;     /* html: data- attribute name of rows */
	char **row_ids;             /* html: owned per row, may be NULL */
	const char **row_cls;       /* html: per row class, may be NULL */
	signed char *col_empty;     /* owned: ak_rp_col_empty's answers, -1
	                             * not yet known */
} ak_rp_table;

/* What the section builders need to know about the output. */
typedef struct ak_rp_style {
	int machine;                /* csv: raw numbers and field names */
	int ascii;
} ak_rp_style;

ak_rp_table *ak_rp_table_new(size_t ncols, const char *const *heads,
                       const unsigned *flags);
void ak_rp_table_free(ak_rp_table *t);
/* Appends a row of empty cells; returns its index, or -1 (no memory). */
long ak_rp_table_row(ak_rp_table *t);
ak_rp_cell *ak_rp_table_cell(ak_rp_table *t, size_t row, size_t col);
/* Sets a cell's text to a copy of s (NULL = ""); 0 or AK_ENOMEM. */
int ak_rp_cell_set(ak_rp_cell *c, const char *s);
int ak_rp_cell_num(ak_rp_cell *c, double v);
/* The same, rounded for a person (ak_num_display). */
int ak_rp_cell_disp(ak_rp_cell *c, double v);

/* Section tables; NULL when out of memory.  *ntables tables in a new
 * array (free each with ak_rp_table_free, then the array). */
ak_rp_table **ak_rp_section_tables(ak_report *r, unsigned section,
                             const ak_rp_style *st, size_t *ntables);

/* The KPI's last values as a sparkline (ASCII ramp with ascii), new. */
char *ak_rp_sparkline(const ak_rp_kpi *k, int ascii);
/* n values as a sparkline; has[i] 0 is a gap (a space); new. */
char *ak_rp_spark(const double *v, const unsigned char *has, size_t n,
                  int ascii);

/* Beyond these the matrix is a list in every format: a grid grows with
 * goals times initiatives. */
#define AK_RP_MATRIX_MAX_INITIATIVES 40
#define AK_RP_MATRIX_MAX_GOALS 200
int ak_rp_matrix_is_list(const ak_report *r);

/* The gaps section shows at most this many gaps of each type in a table
 * (all of them in CSV), and how many more there are. */
#define AK_RP_GAPS_SHOWN 50

/* One support of an initiative for a goal: indices into r->goals and
 * r->initiatives. */
typedef struct ak_rp_link {
	size_t goal, initiative;
	double weight;
} ak_rp_link;
/* Every support of a goal in the report, by goal then initiative, in a
 * new array.  AK_OK or AK_ENOMEM. */
int ak_rp_matrix_links(const ak_report *r, ak_rp_link **out, size_t *n);

/* The matrix as a list, each goal with its initiatives: the text form
 * when the grid does not fit 80 columns, and every format's beyond the
 * limits above. */
int ak_rp_matrix_list(ak_report *r, const ak_rp_style *st, ak_rp_table **out);

/* How many periods the history's sparklines and charts show at most. */
#define AK_RP_HISTORY_SHOWN 26
/* The history section: each goal's course over the periods. */
int ak_rp_history_table(ak_report *r, const ak_rp_style *st,
                        ak_rp_table **out);

/* The checkins section: per subject, the latest check-in of each side
 * beside the subject's status (report_checkins.c). */
int ak_rp_checkins_table(ak_report *r, const ak_rp_style *st,
                         ak_rp_table **out);

/* Whether column c is a BELOW column with no text in any row: Markdown
 * and HTML leave it out.  Asked once the rows are all in (answers are
 * kept). */
int ak_rp_col_empty(ak_rp_table *t, size_t c);

/* Frees the tables of ak_rp_section_tables and their array. */
void ak_rp_tables_free(ak_rp_table **ts, size_t n);

/* Sections in the order reports show them: each with its --section
 * name, its heading and what an empty one says. */
typedef struct ak_rp_section {
	unsigned bit;
	const char *name, *heading, *empty;
} ak_rp_section;
#define AK_RP_NSECTIONS 9
extern const ak_rp_section ak_rp_sections[AK_RP_NSECTIONS];
const char *ak_rp_section_name(unsigned section);
const char *ak_rp_section_heading(unsigned section);
const char *ak_rp_section_empty(unsigned section);

/* ---- text helpers ------------------------------------------------------ */

/* Cleaning modes for ak_rp_clean. */
#define AK_RP_CLEAN_LINE 0 /* newlines and tabs become spaces */
#define AK_RP_CLEAN_KEEPNL 1 /* "\n" and "\t" kept, "\r\n" kept as is */

/* A new copy of s in which every byte that is not valid UTF-8, every
 * control character (C0 but the kept white space, DEL, C1) and every
 * bidirectional override (U+202A..U+202E, U+2066..U+2069, which can make
 * a terminal or a browser show text in another order than it is) is '?'.
 * This is what keeps terminal escapes out of every format.  NULL when out
 * of memory. */
char *ak_rp_clean(const char *s, int mode);

/* Columns s takes on a terminal (wide East Asian characters take two,
 * combining marks none); s is clean UTF-8. */
size_t ak_rp_width(const char *s);

/* Writes s truncated to at most width columns, with an ellipsis when cut,
 * padded with spaces to width when pad; returns the columns written. */
size_t ak_rp_put_fit(FILE *out, const char *s, size_t width, int pad, int ascii,
                  int right);

/* The longest end of s that takes at most width columns. */
const char *ak_rp_tail(const char *s, size_t width);

/* Writes s with & < > " ' as character references (clean s first). */
void ak_rp_put_xml(FILE *out, const char *s);

/* A stable fingerprint of a gap: 32 hex digits and a NUL. */
void ak_rp_fingerprint(char out[33], const ak_rp_gap *g);

/* Splits a src "FILE:LINE" into a new FILE string and a line (0 when the
 * src has none).  NULL when out of memory. */
char *ak_rp_src_split(const char *src, long *line);

/* The gap's location: its src, else where it was read ("-" for standard
 * input is reported as no file).  *file is new (NULL when none). */
int ak_rp_gap_location(const ak_rp_gap *g, char **file, long *line);

/* A number as the toolkit prints it (SPEC §1) into buf. */
const char *ak_rp_num(char buf[32], double v);
/* A number rounded for a person (ak_num_display) into buf. */
const char *ak_rp_disp(char buf[32], double v);
/* A new "471940.9 GBP" ("97%" for the unit %); unit may be NULL. */
char *ak_rp_disp_unit(double v, const char *unit);
/* A score as a whole percentage, rounded down: "83%". */
const char *ak_rp_percent(char buf[32], double score);

/* ---- renderers ---------------------------------------------------------
 * Each returns AK_OK, AK_ENOMEM or AK_EIO. */
int ak_rp_write_text(ak_report *r, FILE *out, const ak_report_options *opt,
                  unsigned sections);
int ak_rp_write_markdown(ak_report *r, FILE *out, const ak_report_options *opt,
                      unsigned sections);
int ak_rp_write_csv(ak_report *r, FILE *out, const ak_report_options *opt,
                 unsigned section);
int ak_rp_write_html(ak_report *r, FILE *out, const ak_report_options *opt,
                  unsigned sections);
int ak_rp_write_junit(ak_report *r, FILE *out, const ak_report_options *opt);
int ak_rp_write_sarif(ak_report *r, FILE *out, const ak_report_options *opt);
int ak_rp_write_github(ak_report *r, FILE *out, const ak_report_options *opt);
int ak_rp_write_codequality(ak_report *r, FILE *out,
                         const ak_report_options *opt);

#define AK_RP_DEFAULT_TITLE "Alignment report"

#endif
