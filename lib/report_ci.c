/* Reports for CI systems: JUnit XML, SARIF 2.1.0, GitHub workflow commands
 * and GitLab Code Quality.  Each lists the gaps (worst first, waived last)
 * and then the input errors; a waived gap never fails a job. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignkit.h"
#include "report_internal.h"

/* What each check finds (shortDescription), what it means and how to close
 * it (fullDescription and help), and its default level.  One row per gap
 * type, in any order; rule_of finds a row by id. */
static const struct rule {
	const char *id, *text, *full, *fix, *level;
} rules[] = {
	{"invalid-record", "An input record could not be used",
	 "A record of the model or of a measurement export could not be read "
	 "or validated, so it is in no check or score.",
	 "Correct the row where it comes from (the location names the file "
	 "and line) and load it again.", "error"},
	{"duplicate-id", "Two goals, initiatives or KPIs share one id",
	 "Goals, initiatives and KPIs share one namespace; a second record "
	 "with an id already taken is left out of every check.",
	 "Give one of the two records another id.", "error"},
	{"dangling-ref", "A reference names no record of the right kind",
	 "A goal's parent, an initiative's supports, a KPI's measures or a "
	 "measurement's kpi names no goal, initiative or KPI of the model.",
	 "Correct the reference, or add the record it names.", "error"},
	{"goal-cycle", "Goals whose parents form a loop",
	 "A goal is its own ancestor through its parents, so the goals of the "
	 "loop roll up into nothing.",
	 "Change one parent of the loop to break it.", "error"},
	{"orphan-initiative", "An active initiative supports no active goal",
	 "Work is funded that serves no goal of the business.",
	 "Link the initiative to the goal it serves, or stop it.", "error"},
	{"unsupported-goal", "An active goal has no active initiative, nor any "
	 "goal below it",
	 "No IT work is under way for a goal the business has set.",
	 "Start or link an initiative that supports the goal.", "error"},
	{"unmeasured-goal", "An active goal has no active KPI, nor any goal "
	 "below it",
	 "Nobody can tell whether the goal is being met.",
	 "Agree a KPI that measures it, with a business and an IT owner.",
	 "warning"},
	{"one-sided-kpi", "A KPI lacks a business owner or an IT owner",
	 "A KPI owned by one side only is not agreed between IT and the "
	 "business.",
	 "Name the missing business_owner or it_owner.", "warning"},
	{"off-target", "A KPI's latest score is red or amber",
	 "The KPI's value in the latest period misses its target or band.",
	 "Act to bring it back on target, or agree a new target.", "error"},
	{"stale-kpi", "A KPI has had no measurement for too long",
	 "The KPI's latest periods have no measurement, so its status says "
	 "nothing about now.",
	 "Record its measurements, or retire it.", "warning"},
	{"worsening-trend", "A KPI off target has been worsening for several "
	 "periods",
	 "A KPI that is not green has worsened in each of its last periods.",
	 "Find the cause before it goes further.", "warning"},
	{"projected-miss", "A KPI's forecast misses its target at its due date",
	 "On its recent course the KPI will not reach the target in force at "
	 "its due date.",
	 "Change course now, or agree a new target or due date.", "warning"},
	{"off-track-goal", "A goal's latest rollup is red or amber",
	 "The KPIs and sub-goals of the goal, weighted, score red or amber.",
	 "Act on the KPIs and sub-goals that hold it back.", "error"},
	{"overdue-initiative", "An active initiative is past its end date",
	 "The initiative is still active after the day it was due to end.",
	 "Finish it and mark it done, or move its end date.", "warning"},
	{"retired-goal-support", "An active initiative supports a retired goal",
	 "Work goes on for a goal the business has retired.",
	 "Link it to the active goal it serves now, or stop it.", "warning"},
	{"investment-skew", "A top-level goal's share of budget is far from its "
	 "share of weight",
	 "The budget of the active initiatives, split over the goals they "
	 "support, gives a top-level goal over twice or under half its share "
	 "of the goals' weight.",
	 "Move budget between the goals, or change their weights.", "warning"},
	{"unrealized-benefit", "A done initiative's goals are all red",
	 "An initiative finished a whole period ago, and every goal it "
	 "supports is red.",
	 "Check whether it delivered what it promised, and plan what will.",
	 "warning"},
	{"waiver-expired", "A waiver's until date has passed",
	 "A waiver no longer covers its gap, which counts again.",
	 "Close the gap, or renew the waiver with a later until date.",
	 "warning"},
	{"unsponsored-initiative", "An active initiative has no business "
	 "sponsor",
	 "Nobody in the business has asked for the work.",
	 "Name the person in the business who wants it.", "warning"},
	{"unowned", "A goal or initiative has no owner",
	 "Nobody is accountable for it.",
	 "Name its owner.", "note"},
	{"duplicate-measurement", "A KPI's measurements come twice, from two "
	 "files",
	 "Every measurement one file gives for a KPI and period is also given "
	 "by another: a copied or overlapping export, counted once.",
	 "Remove the copy from the export folder.", "error"},
	{"future-measurement", "A measurement is dated after the report date",
	 "A measurement dated in the future is in no period, so it would "
	 "vanish.",
	 "Correct its date (a typo such as 2062 for 2026) or the clock that "
	 "dated it.", "warning"},
	{"missing-checkin", "An initiative lacks a check-in from one side",
	 "The initiative's sponsor or owner has not checked in within the "
	 "last report periods.",
	 "Ask the side that is missing to check in.", "warning"},
	{"status-discrepancy", "What people say and what the data says differ",
	 "The latest check-in says on track while the data is red, or off "
	 "track while it is green.",
	 "Talk it through, and correct the data or the check-in.", "warning"},
	{"owner-disagreement", "The business and IT see an initiative "
	 "differently",
	 "The latest check-ins of the two sides disagree on confidence.",
	 "Bring the two sides together on it.", "warning"},
	{"check-skipped", "A check could not run for want of data",
	 "A check that was asked for did not run: the stream lacks the data "
	 "it needs (scores, rollups, budgets, periods or check-ins).",
	 "Give it the data the message names.", "note"},
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))
_Static_assert(NRULES == AK_GAP_NTYPES, "a rule for every gap type");

/* Where a SARIF consumer learns about the tool: its manual, installed with
 * it (the man: scheme, as systemd's Documentation= uses it). */
#define AK_INFORMATION_URI "man:alignkit(7)"

/* The rule id of input errors (error records and bad lines). */
#define INPUT_RULE "invalid-record"

static const struct rule *
rule_of(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(rules[i].id, id) == 0)
			return &rules[i];
	return NULL;
}

/* Whether input error i is already listed as an invalid-record gap (which
 * gap-find makes of each error record): the CI formats list it once. */
static int
error_listed(const ak_report *r, size_t i)
{
	const ak_rp_err *e = &r->errors[i];

	for (size_t k = 0; k < r->ngaps; k++) {
		const ak_rp_gap *g = &r->gaps[k];

		if (strcmp(g->type, INPUT_RULE) == 0 && g->src != NULL &&
		    strcmp(g->src, e->src) == 0 && strstr(g->message, e->message) != NULL)
			return 1;
	}
	return 0;
}

/* An error record as a location and fingerprint: its src is all it has. */
static void
error_fingerprint(char out[33], const ak_report *r, size_t i)
{
	ak_rp_gap g;

	memset(&g, 0, sizeof(g));
	g.type = INPUT_RULE;
	g.subject = r->errors[i].src;
	for (size_t k = 0; k < i; k++)
		if (strcmp(r->errors[k].src, r->errors[i].src) == 0)
			g.ordinal++;
	ak_rp_fingerprint(out, &g);
}

/* ---- JUnit --------------------------------------------------------------- */

static int
xml(FILE *out, const char *s, int mode)
{
	char *c = ak_rp_clean(s != NULL ? s : "", mode);

	if (c == NULL)
		return AK_ENOMEM;
	ak_rp_put_xml(out, c);
	free(c);
	return AK_OK;
}

static int
has_gap(const ak_report *r, const char *id)
{
	return ak_map_get(r->gap_subjects, id) != NULL;
}

/* Writes a test case's name: "WHAT ID", unique within the suite (JUnit
 * readers key test cases by name): a name met before gets " #2", " #3"...
 * What and id are cleaned first, so the names compared are those shown. */
static int
junit_name(FILE *out, ak_map *names, const char *what, const char *id)
{
	char *w = ak_rp_clean(what, AK_RP_CLEAN_LINE);
	char *i = ak_rp_clean(id, AK_RP_CLEAN_LINE), *name = NULL;
	size_t n;
	uintptr_t seen;
	int rc = AK_ENOMEM;

	if (w == NULL || i == NULL)
		goto out;
	n = strlen(w) + strlen(i) + 32;
	if ((name = malloc(n)) == NULL)
		goto out;
	snprintf(name, n, "%s %s", w, i);
	seen = (uintptr_t)ak_map_get(names, name);
	if (ak_map_put(names, name, (void *)(seen + 1)) != AK_OK)
		goto out;
	while (seen > 0) {
		/* "x #2" might be an id of its own: try until free. */
		size_t len = strlen(w) + strlen(i) + 1;
		snprintf(name + len, n - len, " #%zu", (size_t)seen + 1);
		if (ak_map_get(names, name) == NULL) {
			if (ak_map_put(names, name, (void *)1) != AK_OK)
				goto out;
			break;
		}
		seen++;
	}
	ak_rp_put_xml(out, name);
	rc = AK_OK;
out:
	free(w);
	free(i);
	free(name);
	return rc;
}

static int
junit_pass(FILE *out, ak_map *names, const char *kind, const char *id)
{
	fprintf(out, "<testcase classname=\"alignkit.%s\" name=\"", kind);
	if (junit_name(out, names, kind, id) != AK_OK)
		return AK_ENOMEM;
	fputs("\"/>\n", out);
	return AK_OK;
}

/* A test case per gap (classname alignkit.TYPE, name "TYPE SUBJECT"):
 * error and warning gaps fail, info gaps pass with their message as
 * output, waived gaps are skipped with the waiver's expiry and reason,
 * resolved gaps pass; an error case per input error; and a passing case
 * per goal, initiative and KPI without a gap, so that the report shows
 * what was checked.  Names are unique within the suite. */
static int
junit_cases(ak_report *r, FILE *out, const ak_report_options *opt,
            ak_map *names)
{
	size_t tests = 0, failures = 0, skipped = 0, passing = 0, errors = 0;
	char *file;
	long line;

	for (size_t i = 0; i < r->ngaps; i++) {
		if (r->gaps[i].resolved)
			continue;
		if (r->gaps[i].waived)
			skipped++;
		else if (r->gaps[i].severity != AK_SEVERITY_INFO)
			failures++;
	}
	for (size_t i = 0; i < r->ngoals; i++)
		passing += !has_gap(r, r->goals[i]->id);
	for (size_t i = 0; i < r->ninitiatives; i++)
		passing += !has_gap(r, r->initiatives[i]->id);
	for (size_t i = 0; i < r->nkpis; i++)
		passing += !has_gap(r, r->kpis[i].id);
	for (size_t i = 0; i < r->nerrors; i++)
		errors += !error_listed(r, i);
	tests = r->ngaps + errors + passing;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"",
	      out);
	if (xml(out, opt->title != NULL ? opt->title : AK_RP_DEFAULT_TITLE,
	        AK_RP_CLEAN_LINE) != AK_OK)
		return AK_ENOMEM;
	/* No skipped count here: Jenkins's schema has it on testsuite only. */
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
	        tests, failures, errors);
	fprintf(out, "<testsuite name=\"alignkit\" tests=\"%zu\" failures=\"%zu\" "
	        "errors=\"%zu\" skipped=\"%zu\">\n", tests, failures, errors,
	        skipped);
	for (size_t i = 0; i < r->ngaps; i++) {
		const ak_rp_gap *g = r->sorted_gaps[i];
		const char *sev = ak_severity_name(g->severity);

		fputs("<testcase classname=\"alignkit.", out);
		if (xml(out, g->type, AK_RP_CLEAN_LINE) != AK_OK)
			return AK_ENOMEM;
		fputs("\" name=\"", out);
		if (junit_name(out, names, g->type, g->subject) != AK_OK)
			return AK_ENOMEM;
		putc('"', out);
		if (ak_rp_gap_location(g, &file, &line) != AK_OK)
			return AK_ENOMEM;
		if (file != NULL) {
			fputs(" file=\"", out);
			if (xml(out, file, AK_RP_CLEAN_LINE) != AK_OK) {
				free(file);
				return AK_ENOMEM;
			}
			putc('"', out);
			if (line > 0)
				fprintf(out, " line=\"%ld\"", line);
		}
		free(file);
		fputs(">\n", out);
		if (g->resolved) {
			fputs("<system-out>resolved: ", out);
			if (xml(out, g->message, AK_RP_CLEAN_KEEPNL) != AK_OK)
				return AK_ENOMEM;
			fputs("</system-out>\n", out);
		} else if (g->waived) {
			fputs("<skipped message=\"waived", out);
			if (g->until[0] != '\0')
				fprintf(out, " until %s", g->until);
			if (g->reason != NULL) {
				fputs(": ", out);
				if (xml(out, g->reason, AK_RP_CLEAN_LINE) != AK_OK)
					return AK_ENOMEM;
			}
			fputs("\"/>\n", out);
		} else if (g->severity == AK_SEVERITY_INFO) {
			fputs("<system-out>", out);
			if (xml(out, g->message, AK_RP_CLEAN_KEEPNL) != AK_OK)
				return AK_ENOMEM;
			fputs("</system-out>\n", out);
		} else {
			fprintf(out, "<failure type=\"%s\" message=\"", sev);
			if (xml(out, g->message, AK_RP_CLEAN_LINE) != AK_OK)
				return AK_ENOMEM;
			fprintf(out, "\">%s %s: ", sev, g->type);
			if (xml(out, g->message, AK_RP_CLEAN_KEEPNL) != AK_OK)
				return AK_ENOMEM;
			if (g->src != NULL) {
				fputs(" (", out);
				if (xml(out, g->src, AK_RP_CLEAN_LINE) != AK_OK)
					return AK_ENOMEM;
				putc(')', out);
			}
			fputs("</failure>\n", out);
		}
		fputs("</testcase>\n", out);
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		const ak_rp_err *e = &r->errors[i];

		if (error_listed(r, i))
			continue;
		fputs("<testcase classname=\"alignkit." INPUT_RULE "\" name=\"", out);
		if (junit_name(out, names, INPUT_RULE,
		               e->src[0] != '\0' ? e->src : "input") != AK_OK)
			return AK_ENOMEM;
		fputs("\">\n<error type=\"" INPUT_RULE "\" message=\"", out);
		if (xml(out, e->message, AK_RP_CLEAN_LINE) != AK_OK)
			return AK_ENOMEM;
		fputs("\">", out);
		if (xml(out, e->message, AK_RP_CLEAN_KEEPNL) != AK_OK)
			return AK_ENOMEM;
		fputs("</error>\n</testcase>\n", out);
	}
	for (size_t i = 0; i < r->ngoals; i++)
		if (!has_gap(r, r->goals[i]->id) &&
		    junit_pass(out, names, "goal", r->goals[i]->id) != AK_OK)
			return AK_ENOMEM;
	for (size_t i = 0; i < r->ninitiatives; i++)
		if (!has_gap(r, r->initiatives[i]->id) &&
		    junit_pass(out, names, "initiative", r->initiatives[i]->id) != AK_OK)
			return AK_ENOMEM;
	for (size_t i = 0; i < r->nkpis; i++)
		if (!has_gap(r, r->kpis[i].id) &&
		    junit_pass(out, names, "kpi", r->kpis[i].id) != AK_OK)
			return AK_ENOMEM;
	fputs("</testsuite>\n</testsuites>\n", out);
	return AK_OK;
}

int
ak_rp_write_junit(ak_report *r, FILE *out, const ak_report_options *opt)
{
	ak_map *names;
	int rc;

	if (ak_map_new(&names) != AK_OK)
		return AK_ENOMEM;
	rc = junit_cases(r, out, opt, names);
	ak_map_free(names);
	return rc;
}

/* ---- JSON helpers -------------------------------------------------------- */

/* A JSON string of input text, cleaned of controls (jansson would escape
 * them, but a terminal showing `jq -r` output would not). */
static json_t *
jstr(const char *s)
{
	char *c = ak_rp_clean(s != NULL ? s : "", AK_RP_CLEAN_KEEPNL);
	json_t *v;

	if (c == NULL)
		return NULL;
	v = json_string(c);
	free(c);
	return v;
}

/* Sets key to a new value v; returns 0, or -1 (v NULL or no memory). */
static int
put(json_t *obj, const char *key, json_t *v)
{
	return v == NULL ? -1 : json_object_set_new(obj, key, v);
}

/* ---- a document written as it is made ------------------------------------ */

/* A JSON document, written as dump() writes it, whose one long array (the
 * results, one per gap) goes out a few elements at a time instead of being
 * held whole: 400,000 gaps held as one jansson tree took 2.7 KB a record.
 * The document is built with the string STREAMED where the array goes;
 * its dump is written up to there, then each element dumped alone with
 * the indentation it would have had (a dump has no raw newline inside a
 * string, so each newline takes the extra spaces), then the rest. */
#define STREAMED "alignkit: the streamed array"
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)
#define FLUSH_EVERY 256

struct streamed {
	FILE *out;
	char *text;       /* the document's dump, STREAMED in it */
	const char *rest; /* what follows the array in text */
	size_t indent;    /* spaces before each element */
	size_t n;         /* elements written */
};

/* Writes root (freed here) up to the array.  Returns AK_OK, AK_ENOMEM or
 * AK_EIO. */
static int
streamed_begin(struct streamed *st, FILE *out, json_t *root)
{
	const char *at, *line;
	/* A top-level array is the string STREAMED alone. */
	char *text = root != NULL ? json_dumps(root, DUMP_FLAGS | JSON_ENCODE_ANY)
	                          : NULL;

	json_decref(root);
	memset(st, 0, sizeof(*st));
	st->out = out;
	if (text == NULL || (at = strstr(text, "\"" STREAMED "\"")) == NULL) {
		free(text);
		return AK_ENOMEM;
	}
	st->text = text;
	st->rest = at + strlen("\"" STREAMED "\"");
	for (line = at; line > text && line[-1] != '\n'; line--)
		;
	/* The array's line is indented as its key; its elements one more. */
	st->indent = strspn(line, " ") + 2;
	if (fwrite(text, 1, (size_t)(at - text), out) != (size_t)(at - text))
		return AK_EIO;
	return AK_OK;
}

/* Writes the elements of items (a jansson array) out and empties it, when
 * it holds at least least of them.  Returns AK_OK, AK_ENOMEM or AK_EIO. */
static int
streamed_flush(struct streamed *st, json_t *items, size_t least)
{
	size_t n = json_array_size(items);

	if (n == 0 || n < least)
		return AK_OK;
	for (size_t i = 0; i < n; i++) {
		char *text = json_dumps(json_array_get(items, i), DUMP_FLAGS);
		const char *p, *nl;

		if (text == NULL)
			return AK_ENOMEM;
		fputs(st->n++ == 0 ? "[" : ",", st->out);
		fprintf(st->out, "\n%*s", (int)st->indent, "");
		for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
			fwrite(p, 1, (size_t)(nl - p), st->out);
			fprintf(st->out, "\n%*s", (int)st->indent, "");
		}
		fputs(p, st->out);
		free(text);
	}
	json_array_clear(items);
	return ferror(st->out) ? AK_EIO : AK_OK;
}

/* Writes the rest of items (freed here), the array's end and the rest of
 * the document.  Returns AK_OK, AK_ENOMEM or AK_EIO. */
static int
streamed_end(struct streamed *st, json_t *items)
{
	int rc = streamed_flush(st, items, 0);

	json_decref(items);
	if (rc == AK_OK) {
		if (st->n == 0)
			fputs("[]", st->out);
		else
			fprintf(st->out, "\n%*s]", (int)(st->indent - 2), "");
		fputs(st->rest, st->out);
		if (putc('\n', st->out) == EOF || ferror(st->out))
			rc = AK_EIO;
	}
	free(st->text);
	return rc;
}

/* ---- SARIF --------------------------------------------------------------- */

/* A file name as a URI reference (RFC 3986) after prefix ("" or
 * "file://"): unreserved bytes and / as they are, everything else
 * percent-encoded. */
static json_t *
uri(const char *prefix, const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	char *c = ak_rp_clean(file, AK_RP_CLEAN_LINE), *u, *p;
	json_t *v;

	if (c == NULL ||
	    (u = malloc(strlen(prefix) + strlen(c) * 3 + 1)) == NULL) {
		free(c);
		return NULL;
	}
	p = u + strlen(prefix);
	memcpy(u, prefix, strlen(prefix));
	for (const unsigned char *s = (unsigned char *)c; *s != '\0'; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s) != NULL) {
			*p++ = (char)*s;
		} else {
			*p++ = '%';
			*p++ = hex[*s >> 4];
			*p++ = hex[*s & 15];
		}
	}
	*p = '\0';
	v = json_string(u);
	free(c);
	free(u);
	return v;
}

static const char *
sarif_level(const ak_rp_gap *g)
{
	return g->severity == AK_SEVERITY_ERROR ? "error" :
	       g->severity == AK_SEVERITY_WARNING ? "warning" : "note";
}

/* The base of relative locations: the directory the tools ran in, where a
 * CI job checks the repository out. */
#define SRCROOT "%SRCROOT%"

/* file relative to the working directory, or NULL when it is not under
 * it: a relative name without "..", or an absolute one below the working
 * directory.  Borrowed from file. */
static const char *
under_cwd(const char *file)
{
	char cwd[4096];
	size_t n;

	if (file[0] != '/')
		return strstr(file, "..") == NULL ? file : NULL;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return NULL;
	n = strlen(cwd);
	if (n > 1 && strncmp(file, cwd, n) == 0 && file[n] == '/' &&
	    strstr(file + n, "..") == NULL)
		return file + n + 1;
	return NULL;
}

static json_t *
sarif_location(const char *file, long line, const char *subject)
{
	json_t *loc = json_object(), *phys, *region, *art, *logical, *one;

	if (loc == NULL)
		return NULL;
	if (file != NULL) {
		const char *rel = under_cwd(file);
		phys = json_object();
		art = json_object();
		if (put(loc, "physicalLocation", phys) ||
		    put(phys, "artifactLocation", art))
			goto nomem;
		if (rel != NULL ? put(art, "uri", uri("", rel)) ||
		                          put(art, "uriBaseId",
		                              json_string(SRCROOT))
		                : put(art, "uri",
		                      uri(file[0] == '/' ? "file://"
		                                         : "file:///",
		                          file)))
			goto nomem;
		if (line > 0 && (put(phys, "region", region = json_object()) ||
		                 put(region, "startLine", json_integer(line))))
			goto nomem;
	}
	if (subject != NULL && subject[0] != '\0') {
		logical = json_array();
		one = json_object();
		if (put(loc, "logicalLocations", logical) ||
		    json_array_append_new(logical, one) ||
		    put(one, "name", jstr(subject)))
			goto nomem;
	}
	return loc;
nomem:
	json_decref(loc);
	return NULL;
}

/* A rule's name: its id in PascalCase ("OrphanInitiative"), as SARIF
 * asks, distinct from the id even without case ("UnownedGap"). */
static json_t *
pascal(const char *id)
{
	char buf[64];
	size_t n = 0;
	int up = 1;

	for (; *id != '\0' && n + 1 < sizeof(buf); id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		buf[n++] = up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A')
		                                          : *id;
		up = 0;
	}
	buf[n] = '\0';
	/* One word ("unowned") would differ from the id only in case. */
	if (strchr(buf, '-') == NULL && n + 4 < sizeof(buf) &&
	    strspn(buf + 1, "abcdefghijklmnopqrstuvwxyz") == n - 1)
		memcpy(buf + n, "Gap", 4);
	return json_string(buf);
}

static int
sarif_rules(ak_report *r, json_t *arr, const char ***ids, size_t *nids)
{
	const char **list = calloc(r->ngaps + 2, sizeof(char *));
	size_t n = 0;

	if (list == NULL)
		return -1;
	/* Rules in id order; gaps are sorted by severity first. */
	for (size_t i = 0; i < r->ngaps; i++) {
		size_t k;

		for (k = 0; k < n && strcmp(list[k], r->gaps[i].type) != 0; k++)
			;
		if (k == n)
			list[n++] = r->gaps[i].type;
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		size_t k;

		if (error_listed(r, i))
			continue;
		for (k = 0; k < n && strcmp(list[k], INPUT_RULE) != 0; k++)
			;
		if (k == n)
			list[n++] = INPUT_RULE;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(list[k - 1], list[k]) > 0; k--) {
			const char *t = list[k];

			list[k] = list[k - 1];
			list[k - 1] = t;
		}
	*ids = list;
	*nids = n;
	for (size_t i = 0; i < n; i++) {
		const struct rule *ru = rule_of(list[i]);
		json_t *rule = json_object(), *desc = json_object(), *conf;
		json_t *full = json_object(), *help = json_object();

		if (json_array_append_new(arr, rule) || put(rule, "id",
		    jstr(list[i])) || put(rule, "name", pascal(list[i])) ||
		    put(rule, "shortDescription", desc) ||
		    put(desc, "text", ru != NULL ? json_string(ru->text) :
		        jstr(list[i])))
			return -1;
		if (ru == NULL) {
			json_decref(full);
			json_decref(help);
			continue;
		}
		if (put(rule, "fullDescription", full) ||
		    put(full, "text", json_string(ru->full)) ||
		    put(rule, "help", help) ||
		    put(help, "text", json_sprintf("%s %s", ru->full, ru->fix)) ||
		    put(help, "markdown",
		        json_sprintf("**%s**: %s\n\n%s\n\nSee gap-find(1), "
		                     "section *Gap types*.",
		                     ru->id, ru->full, ru->fix)) ||
		    put(rule, "defaultConfiguration", conf = json_object()) ||
		    put(conf, "level", json_string(ru->level)))
			return -1;
	}
	return 0;
}

static size_t
index_of(const char **ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n && strcmp(ids[i], id) != 0; i++)
		;
	return i;
}

/* The run's originalUriBaseIds: what %SRCROOT% stands for.  Its uri is
 * left to the consumer (GitHub code scanning takes the checkout), so that
 * a report does not depend on the directory it was made in. */
static int
sarif_base(json_t *run)
{
	json_t *bases = json_object(), *root = json_object(), *desc = json_object();

	return put(run, "originalUriBaseIds", bases) ||
	       put(bases, SRCROOT, root) || put(root, "description", desc) ||
	       put(desc, "text", json_string("The directory the alignkit tools "
	                                     "ran in: the repository's root in "
	                                     "a CI job"));
}

/* The fingerprint a CI format gives a gap: gap-find's, else one made from
 * its type, subject and place among gaps of both (streams of older
 * gap-find runs). */
static const char *
gap_fingerprint(char buf[33], const ak_rp_gap *g)
{
	if (g->fingerprint != NULL && g->fingerprint[0] != '\0')
		return g->fingerprint;
	ak_rp_fingerprint(buf, g);
	return buf;
}

int
ak_rp_write_sarif(ak_report *r, FILE *out, const ak_report_options *opt)
{
	json_t *root = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object();
	json_t *rulearr = json_array(), *results = json_array();
	const char **ids = NULL;
	size_t nids = 0;
	char fp[33];
	struct streamed st = {NULL, NULL, NULL, 0, 0};
	int rc;

	(void)opt;
	if (put(root, "$schema", json_string("https://docs.oasis-open.org/sarif/"
	        "sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json")) ||
	    put(root, "version", json_string("2.1.0")) ||
	    put(root, "runs", runs) || json_array_append_new(runs, run) ||
	    put(run, "tool", tool) || put(tool, "driver", driver) ||
	    put(driver, "name", json_string("alignkit")) ||
	    put(driver, "version", json_string(AK_VERSION)) ||
	    put(driver, "semanticVersion", json_string(AK_VERSION)) ||
	    /* The tool's documentation, installed with it. */
	    put(driver, "informationUri", json_string(AK_INFORMATION_URI)) ||
	    put(driver, "rules", rulearr) ||
	    sarif_base(run) != 0 ||
	    put(run, "results", json_string(STREAMED)) ||
	    sarif_rules(r, rulearr, &ids, &nids) != 0 || results == NULL) {
		json_decref(root);
		goto nomem;
	}
	if ((rc = streamed_begin(&st, out, root)) != AK_OK) {
		free(ids);
		json_decref(results);
		free(st.text);
		return rc;
	}
	for (size_t i = 0; i < r->ngaps; i++) {
		const ak_rp_gap *g = r->sorted_gaps[i];
		json_t *res, *msg, *locs, *loc, *fps, *props;
		char *file;
		long line;

		/* A finding gone since the baseline is no result. */
		if (g->resolved)
			continue;
		if ((rc = streamed_flush(&st, results, FLUSH_EVERY)) != AK_OK)
			goto fail;
		res = json_object();
		msg = json_object();
		fps = json_object();
		props = json_object();
		if (json_array_append_new(results, res) ||
		    put(res, "ruleId", jstr(g->type)) ||
		    put(res, "ruleIndex", json_integer((json_int_t)index_of(ids,
		        nids, g->type))) ||
		    put(res, "level", json_string(sarif_level(g))) ||
		    put(res, "message", msg) || put(msg, "text", jstr(g->message)))
			goto nomem;
		if (ak_rp_gap_location(g, &file, &line) != AK_OK)
			goto nomem;
		if (file != NULL || g->subject[0] != '\0') {
			loc = sarif_location(file, line, g->subject);
			locs = json_array();
			if (put(res, "locations", locs) || loc == NULL ||
			    json_array_append_new(locs, loc)) {
				free(file);
				goto nomem;
			}
		}
		free(file);
		if (put(res, "partialFingerprints", fps) ||
		    put(fps, "alignkitFingerprint/v1",
		        json_string(gap_fingerprint(fp, g))))
			goto nomem;
		if (g->has_new &&
		    put(res, "baselineState",
		        json_string(g->is_new ? "new" : "unchanged")))
			goto nomem;
		if (g->waived) {
			json_t *sups = json_array(), *sup = json_object();

			if (put(res, "suppressions", sups) ||
			    json_array_append_new(sups, sup) ||
			    put(sup, "kind", json_string("external")) ||
			    put(sup, "status", json_string("accepted")) ||
			    (g->reason != NULL &&
			     put(sup, "justification", jstr(g->reason))))
				goto nomem;
		}
		if (put(res, "properties", props) ||
		    put(props, "subject", jstr(g->subject)) ||
		    put(props, "severity",
		        json_string(ak_severity_name(g->severity))))
			goto nomem;
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		const ak_rp_err *e = &r->errors[i];
		json_t *res, *msg, *fps;
		char *file = NULL;
		long line = 0;

		if (error_listed(r, i))
			continue;
		if ((rc = streamed_flush(&st, results, FLUSH_EVERY)) != AK_OK)
			goto fail;
		res = json_object();
		msg = json_object();
		if (json_array_append_new(results, res) ||
		    put(res, "ruleId", json_string(INPUT_RULE)) ||
		    put(res, "ruleIndex", json_integer((json_int_t)index_of(ids,
		        nids, INPUT_RULE))) ||
		    put(res, "level", json_string("error")) ||
		    put(res, "message", msg) || put(msg, "text", jstr(e->message)))
			goto nomem;
		if (e->src[0] != '\0') {
			json_t *locs = json_array(), *loc;

			if ((file = ak_rp_src_split(e->src, &line)) == NULL)
				goto nomem;
			loc = sarif_location(file, line, NULL);
			free(file);
			if (put(res, "locations", locs) || loc == NULL ||
			    json_array_append_new(locs, loc))
				goto nomem;
		}
		error_fingerprint(fp, r, i);
		fps = json_object();
		if (put(res, "partialFingerprints", fps) ||
		    put(fps, "alignkitFingerprint/v1", json_string(fp)))
			goto nomem;
	}
	free(ids);
	return streamed_end(&st, results);
nomem:
	rc = AK_ENOMEM;
fail:
	free(ids);
	json_decref(results);
	free(st.text);
	return rc;
}

/* ---- GitHub workflow commands -------------------------------------------- */

/* GitHub's escaping: in the message, % CR LF; in a property also : and ,
 * (actions/toolkit, command.ts). */
static int
gh(FILE *out, const char *s, int property)
{
	char *c = ak_rp_clean(s != NULL ? s : "", AK_RP_CLEAN_KEEPNL);

	if (c == NULL)
		return AK_ENOMEM;
	for (const char *p = c; *p != '\0'; p++) {
		switch (*p) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':':
			fputs(property ? "%3A" : ":", out);
			break;
		case ',':
			fputs(property ? "%2C" : ",", out);
			break;
		default: putc(*p, out);
		}
	}
	free(c);
	return AK_OK;
}

static int
gh_command(FILE *out, const char *cmd, const char *file, long line,
           const char *title, const char *message)
{
	fprintf(out, "::%s ", cmd);
	if (file != NULL) {
		fputs("file=", out);
		if (gh(out, file, 1) != AK_OK)
			return AK_ENOMEM;
		if (line > 0)
			fprintf(out, ",line=%ld", line);
		putc(',', out);
	}
	fputs("title=", out);
	if (gh(out, title, 1) != AK_OK)
		return AK_ENOMEM;
	fputs("::", out);
	if (gh(out, message, 0) != AK_OK)
		return AK_ENOMEM;
	putc('\n', out);
	return AK_OK;
}

/* GitHub shows at most this many annotations of each kind for a step. */
#define GH_SHOWN 10

/* error gaps are ::error, warnings ::warning, info and waived gaps
 * ::notice; input errors ::error; resolved gaps none.  At most GH_SHOWN
 * of each (worst first), and one more notice for the rest when there are
 * more: GitHub would drop them unannounced. */
int
ak_rp_write_github(ak_report *r, FILE *out, const ak_report_options *opt)
{
	size_t shown[3] = {0, 0, 0}, left[3] = {0, 0, 0};

	(void)opt;
	for (size_t i = 0; i < r->ngaps; i++) {
		const ak_rp_gap *g = r->sorted_gaps[i];
		int k = g->waived || g->severity == AK_SEVERITY_INFO ? 2 :
		        g->severity == AK_SEVERITY_WARNING ? 1 : 0;
		const char *cmd = k == 0 ? "error" : k == 1 ? "warning" : "notice";
		size_t n = strlen(g->type) + strlen(g->subject) + 16;
		char *title, *file;
		long line;
		int rc;

		if (g->resolved)
			continue;
		/* Notices keep one place for the count of the rest. */
		if (shown[k] == (k == 2 ? GH_SHOWN - 1 : GH_SHOWN)) {
			left[k]++;
			continue;
		}
		shown[k]++;
		if ((title = malloc(n)) == NULL)
			return AK_ENOMEM;
		snprintf(title, n, "%s%s%s%s%s", g->waived ? "waived " : "", g->type,
		         g->subject[0] != '\0' ? " (" : "", g->subject,
		         g->subject[0] != '\0' ? ")" : "");
		if (ak_rp_gap_location(g, &file, &line) != AK_OK) {
			free(title);
			return AK_ENOMEM;
		}
		rc = gh_command(out, cmd, file, line, title, g->message);
		free(title);
		free(file);
		if (rc != AK_OK)
			return rc;
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		const ak_rp_err *e = &r->errors[i];
		char *file = NULL;
		long line = 0;
		int rc;

		if (error_listed(r, i))
			continue;
		if (shown[0] == GH_SHOWN) {
			left[0]++;
			continue;
		}
		shown[0]++;
		if (e->src[0] != '\0' && (file = ak_rp_src_split(e->src, &line)) == NULL)
			return AK_ENOMEM;
		rc = gh_command(out, "error", file, line, INPUT_RULE, e->message);
		free(file);
		if (rc != AK_OK)
			return rc;
	}
	if (left[0] + left[1] + left[2] > 0)
		fprintf(out, "::notice title=alignkit::%zu more finding%s not "
		        "annotated (%zu errors, %zu warnings, %zu notices): GitHub "
		        "shows %d of each kind; see the report for all\n",
		        left[0] + left[1] + left[2],
		        left[0] + left[1] + left[2] == 1 ? "" : "s", left[0],
		        left[1], left[2], GH_SHOWN);
	return AK_OK;
}

/* ---- GitLab Code Quality ------------------------------------------------- */

/* Severity: error gaps are critical, warnings minor, info and waived gaps
 * info; input errors are blockers: the report itself is in doubt. */
static json_t *
cq_entry(const char *check, const char *message, const char *severity,
         const char *fp, const char *file, long line)
{
	json_t *o = json_object(), *loc = json_object(), *lines = json_object();

	if (put(o, "description", jstr(message)) ||
	    put(o, "check_name", jstr(check)) ||
	    put(o, "fingerprint", json_string(fp)) ||
	    put(o, "severity", json_string(severity)) ||
	    put(o, "location", loc) ||
	    put(loc, "path", jstr(file != NULL ? file : "-")) ||
	    put(loc, "lines", lines) ||
	    put(lines, "begin", json_integer(line > 0 ? line : 1))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Code Quality fingerprints must be unique: fp (from, which may be out)
 * as it is, or with "-2", "-3"... after it when a stream holds one
 * finding twice (two runs' outputs concatenated).  Writes out. */
static int
unique_fp(ak_map *seen, char out[40], const char *from)
{
	char base[33];
	uintptr_t n;

	snprintf(base, sizeof(base), "%s", from);
	snprintf(out, 40, "%s", base);
	n = (uintptr_t)ak_map_get(seen, base);
	if (n > 0)
		snprintf(out, 40, "%s-%zu", base, (size_t)n + 1);
	if (ak_map_put(seen, base, (void *)(n + 1)) != AK_OK ||
	    (n > 0 && ak_map_put(seen, out, (void *)1) != AK_OK))
		return AK_ENOMEM;
	return AK_OK;
}

int
ak_rp_write_codequality(ak_report *r, FILE *out, const ak_report_options *opt)
{
	json_t *arr = json_array();
	ak_map *seen = NULL;
	char fp[40];
	struct streamed st;
	int rc;

	(void)opt;
	if (arr == NULL)
		return AK_ENOMEM;
	if ((rc = streamed_begin(&st, out, json_string(STREAMED))) != AK_OK) {
		json_decref(arr);
		free(st.text);
		return rc;
	}
	if (ak_map_new(&seen) != AK_OK)
		goto nomem;
	for (size_t i = 0; i < r->ngaps; i++) {
		const ak_rp_gap *g = r->sorted_gaps[i];
		const char *sev = g->waived ? "info" : g->severity == AK_SEVERITY_ERROR ?
		                  "critical" : g->severity == AK_SEVERITY_WARNING ? "minor" :
		                  "info";
		char *file;
		long line;
		json_t *e;

		/* GitLab finds resolved issues itself, from the target
		 * branch's report. */
		if (g->resolved)
			continue;
		if ((rc = streamed_flush(&st, arr, FLUSH_EVERY)) != AK_OK)
			goto fail;
		if (ak_rp_gap_location(g, &file, &line) != AK_OK)
			goto nomem;
		if (unique_fp(seen, fp, gap_fingerprint(fp, g)) != AK_OK) {
			free(file);
			goto nomem;
		}
		e = cq_entry(g->type, g->message, sev, fp, file, line);
		free(file);
		if (e == NULL || json_array_append_new(arr, e))
			goto nomem;
	}
	for (size_t i = 0; i < r->nerrors; i++) {
		char *file = NULL;
		long line = 0;
		json_t *e;

		if (error_listed(r, i))
			continue;
		if ((rc = streamed_flush(&st, arr, FLUSH_EVERY)) != AK_OK)
			goto fail;
		if (r->errors[i].src[0] != '\0' &&
		    (file = ak_rp_src_split(r->errors[i].src, &line)) == NULL)
			goto nomem;
		error_fingerprint(fp, r, i);
		if (unique_fp(seen, fp, fp) != AK_OK) {
			free(file);
			goto nomem;
		}
		e = cq_entry(INPUT_RULE, r->errors[i].message, "blocker", fp, file,
		             line);
		free(file);
		if (e == NULL || json_array_append_new(arr, e))
			goto nomem;
	}
	ak_map_free(seen);
	return streamed_end(&st, arr);
nomem:
	rc = AK_ENOMEM;
fail:
	ak_map_free(seen);
	json_decref(arr);
	free(st.text);
	return rc;
}
