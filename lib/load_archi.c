/* Archi's CSV export read as an alignkit model (archi.h): the rows come
 * from the toolkit's CSV reader in raw mode; this file checks them
 * against ArchiMate, links the relationships into a graph and walks it
 * for parents and supports.  The rules are in alignkit-archi(7). */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alignkit/archi.h"
#include "alignkit/map.h"
#include "alignkit/record.h"
#include "alignkit/stream.h"
#include "util_internal.h"

/* ---- ArchiMate's vocabulary, as Archi's Type column spells it -------- */

enum role {
	ROLE_END,       /* ends a walk: the elements that say why, not what */
	ROLE_GOAL,      /* Goal, Outcome: a goal; ends a walk */
	ROLE_WORK,      /* WorkPackage: an initiative; ends a walk */
	ROLE_PATH,      /* passed through on the way from a work package */
	ROLE_JUNCTION,  /* passed through on every walk */
	ROLE_MODEL      /* the model's own row */
};

struct element_type {
	const char *name;
	enum role role;
};

static const struct element_type element_types[] = {
	{"ApplicationCollaboration", ROLE_PATH},
	{"ApplicationComponent", ROLE_PATH},
	{"ApplicationEvent", ROLE_PATH},
	{"ApplicationFunction", ROLE_PATH},
	{"ApplicationInteraction", ROLE_PATH},
	{"ApplicationInterface", ROLE_PATH},
	{"ApplicationProcess", ROLE_PATH},
	{"ApplicationService", ROLE_PATH},
	{"ArchimateModel", ROLE_MODEL},
	{"Artifact", ROLE_PATH},
	{"Assessment", ROLE_END},
	{"BusinessActor", ROLE_PATH},
	{"BusinessCollaboration", ROLE_PATH},
	{"BusinessEvent", ROLE_PATH},
	{"BusinessFunction", ROLE_PATH},
	{"BusinessInteraction", ROLE_PATH},
	{"BusinessInterface", ROLE_PATH},
	{"BusinessObject", ROLE_PATH},
	{"BusinessProcess", ROLE_PATH},
	{"BusinessRole", ROLE_PATH},
	{"BusinessService", ROLE_PATH},
	{"Capability", ROLE_PATH},
	{"CommunicationNetwork", ROLE_PATH},
	{"Constraint", ROLE_PATH},
	{"Contract", ROLE_PATH},
	{"CourseOfAction", ROLE_PATH},
	{"DataObject", ROLE_PATH},
	{"Deliverable", ROLE_PATH},
	{"Device", ROLE_PATH},
	{"DistributionNetwork", ROLE_PATH},
	{"Driver", ROLE_END},
	{"Equipment", ROLE_PATH},
	{"Facility", ROLE_PATH},
	{"Gap", ROLE_PATH},
	{"Goal", ROLE_GOAL},
	{"Grouping", ROLE_PATH},
	{"ImplementationEvent", ROLE_PATH},
	{"Junction", ROLE_JUNCTION},
	{"Location", ROLE_PATH},
	{"Material", ROLE_PATH},
	{"Meaning", ROLE_END},
	{"Node", ROLE_PATH},
	{"Outcome", ROLE_GOAL},
	{"Path", ROLE_PATH},
	{"Plateau", ROLE_PATH},
	{"Principle", ROLE_PATH},
	{"Product", ROLE_PATH},
	{"Representation", ROLE_PATH},
	{"Requirement", ROLE_PATH},
	{"Resource", ROLE_PATH},
	{"Stakeholder", ROLE_END},
	{"SystemSoftware", ROLE_PATH},
	{"TechnologyCollaboration", ROLE_PATH},
	{"TechnologyEvent", ROLE_PATH},
	{"TechnologyFunction", ROLE_PATH},
	{"TechnologyInteraction", ROLE_PATH},
	{"TechnologyInterface", ROLE_PATH},
	{"TechnologyProcess", ROLE_PATH},
	{"TechnologyService", ROLE_PATH},
	{"Value", ROLE_END},
	{"ValueStream", ROLE_PATH},
	{"WorkPackage", ROLE_WORK},
};

/* How a relationship counts in the walks. */
enum follow {
	FOLLOW_NONE,
	FOLLOW_REALIZATION,
	FOLLOW_INFLUENCE
};

struct relation_type {
	const char *name;
	enum follow follow;
};

static const struct relation_type relation_types[] = {
	{"AccessRelationship", FOLLOW_NONE},
	{"AggregationRelationship", FOLLOW_NONE},
	{"AssignmentRelationship", FOLLOW_NONE},
	{"AssociationRelationship", FOLLOW_NONE},
	{"CompositionRelationship", FOLLOW_NONE},
	{"FlowRelationship", FOLLOW_NONE},
	{"InfluenceRelationship", FOLLOW_INFLUENCE},
	{"RealizationRelationship", FOLLOW_REALIZATION},
	{"ServingRelationship", FOLLOW_NONE},
	{"SpecializationRelationship", FOLLOW_NONE},
	{"TriggeringRelationship", FOLLOW_NONE},
};

static int
equal_ci(const char *s, const char *t)
{
	return ak_ascii_caseeq(s, strlen(s), t, strlen(t));
}

static const struct element_type *
element_type(const char *s)
{
	for (size_t i = 0; i < AK_NELEM(element_types); i++)
		if (strcmp(s, element_types[i].name) == 0)
			return &element_types[i];
	return NULL;
}

static const struct relation_type *
relation_type(const char *s)
{
	for (size_t i = 0; i < AK_NELEM(relation_types); i++)
		if (strcmp(s, relation_types[i].name) == 0)
			return &relation_types[i];
	return NULL;
}

/* A type written in the wrong case ("goal"): the name meant, or NULL. */
static const char *
type_meant(const char *s)
{
	for (size_t i = 0; i < AK_NELEM(element_types); i++)
		if (equal_ci(s, element_types[i].name))
			return element_types[i].name;
	for (size_t i = 0; i < AK_NELEM(relation_types); i++)
		if (equal_ci(s, relation_types[i].name))
			return relation_types[i].name;
	return NULL;
}

/* ---- the model as read ----------------------------------------------- */

struct prop {
	char *key, *value;      /* trimmed; value non-empty */
	long line;
};

struct element {
	char *id, *name, *doc;
	const struct element_type *type;
	long line;
	struct prop *props;
	size_t nprops, capprops;
	const char *rid;        /* the alignkit id: alignkit_id, else id */
	size_t first_edge, nedges;
};

struct relation {
	char *id, *source, *target;
	const struct relation_type *type;
	long line;
};

struct edge {
	size_t to;
	enum follow follow;
};

/* What an Archi ID names: an element, a relationship, the model, or a
 * row that was reported bad (so that what refers to it is not reported
 * again). */
enum { TAG_ELEMENT = 1, TAG_RELATION, TAG_MODEL, TAG_BAD };
#define CONCEPT(tag, i) \
	((void *)(uintptr_t)((((uintptr_t)(i) + 1) << 3) | (uintptr_t)(tag)))
#define CONCEPT_TAG(v) ((int)((uintptr_t)(v) & 7u))
#define CONCEPT_INDEX(v) ((size_t)(((uintptr_t)(v) >> 3) - 1))

enum { F_ELEMENTS, F_RELATIONS, F_PROPERTIES, NFILES };
static const char *const file_roles[NFILES] = {
	"elements", "relations", "properties"
};

/* A KPI kept as properties of a goal or work package, until the KPIs'
 * turn comes. */
struct kpi {
	size_t element;         /* its element's index */
	unsigned long n;        /* 1 for "kpi", N for "kpiN" */
	json_t *record;         /* the fields read so far */
	long name_line;         /* the "kpi" property's line; 0 until seen */
	long first_line;        /* the first of its properties */
};

struct deferred {
	int code;
	size_t order;           /* ties keep the order of reporting */
	ak_error err;
};

struct archi {
	const ak_load_handler *h;
	ak_error *err;
	int flags;              /* ak_record_normalize flags */
	int delimiter;
	int text;               /* AK_LOAD_TEXT: records go out as text too */
	char *buf;              /* that text */
	size_t buflen, bufcap;
	char *path[NFILES];

	struct element *elements;
	size_t nelements, capelements;
	struct relation *relations;
	size_t nrelations, caprelations;
	struct edge *edges;
	ak_map *concepts;       /* Archi ID -> CONCEPT(tag, index) */
	char *model_id;
	long model_line;
	int no_relations;       /* relations.csv could not be read */

	ak_map *ids;            /* alignkit id -> "FILE:LINE" of its record */
	struct kpi *kpis;
	size_t nkpis, capkpis;

	/* The errors of relations.csv wait until its ends are checked, so
	 * that they go out in line order. */
	int defer;
	struct deferred *deferred;
	size_t ndeferred, capdeferred;

	size_t *queue, *seen;   /* the walks' work space */
	size_t walk;            /* the current walk's stamp in seen */
};

/* A stop code of the row callback that ends the file, not the model. */
#define SKIP_FILE 0x4152

static int
no_memory(struct archi *a)
{
	return ak_error_set(a->err, AK_ENOMEM, NULL, 0, "out of memory");
}

/* Hands err to the caller's handler, or keeps it while a->defer is set.
 * Returns 0 to go on, else the code that stops the loading. */
static int
hand_out(struct archi *a, int code, const ak_error *err)
{
	struct deferred *d;

	if (a->defer) {
		if (ak_grow(&a->deferred, &a->capdeferred, a->ndeferred + 1,
		            sizeof(*a->deferred)) != AK_OK)
			return no_memory(a);
		d = &a->deferred[a->ndeferred];
		d->code = code;
		d->order = a->ndeferred++;
		d->err = *err;
		return AK_OK;
	}
	if (a->h->error == NULL) {
		if (a->err != NULL)
			*a->err = *err;
		return code;
	}
	return a->h->error(a->h->ctx, code, err);
}

static int
cmp_deferred(const void *x, const void *y)
{
	const struct deferred *a = x, *b = y;

	if (a->err.line != b->err.line)
		return (a->err.line > b->err.line) - (a->err.line < b->err.line);
	return (a->order > b->order) - (a->order < b->order);
}

/* Hands out the errors kept, in line order.  Returns 0 or the stop
 * code. */
static int
flush_deferred(struct archi *a)
{
	int rc = AK_OK;

	a->defer = 0;
	if (a->ndeferred > 1)
		qsort(a->deferred, a->ndeferred, sizeof(*a->deferred),
		      cmp_deferred);
	for (size_t i = 0; i < a->ndeferred && rc == AK_OK; i++)
		rc = hand_out(a, a->deferred[i].code, &a->deferred[i].err);
	a->ndeferred = 0;
	return rc;
}

/* Hands an input error located at file:line to the caller's handler.
 * Returns 0 to go on, else the code that stops the loading. */
static int
report(struct archi *a, int code, const char *file, long line,
       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int
report(struct archi *a, int code, const char *file, long line,
       const char *fmt, ...)
{
	ak_error e;
	va_list ap;

	ak_error_clear(&e);
	va_start(ap, fmt);
	vsnprintf(e.text, sizeof(e.text), fmt, ap);
	va_end(ap);
	ak_error_locate(&e, file, line, 0);
	return hand_out(a, code, &e);
}

/* How many bytes of s to show in a message: at most 64, cut at a
 * character boundary so that the message stays valid UTF-8. */
static int
shown(const char *s)
{
	size_t n = strlen(s);

	if (n > 64) {
		n = 64;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return (int)n;
}

#define SHOW(s) shown(s), (s), (strlen(s) > 64 ? "..." : "")

/* ---- text ------------------------------------------------------------ */

/* A cell as its value: Archi's "Excel compatible" export writes a value
 * that starts with a space or a 0 as ="VALUE", which is undone here;
 * then surrounding white space is trimmed, and line breaks become "\n".
 * A new string, or NULL when out of memory. */
static char *
cell_value(const char *s, size_t len)
{
	char *out, *o;

	if (len >= 3 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"' &&
	    (s[2] == ' ' || s[2] == '0'))
		s += 2, len -= 3;
	ak_trim(&s, &len);
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	o = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			*o++ = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

/* A property key as it is matched: lower case, '_' for ' '. */
static char *
match_key(const char *s)
{
	size_t n = strlen(s);
	char *k = malloc(n + 1);

	if (k == NULL)
		return NULL;
	for (size_t i = 0; i <= n; i++) {
		k[i] = s[i] == ' ' ? '_' : ak_ascii_lower(s[i]);
	}
	return k;
}

static int
ends_with_ci(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && ak_ascii_caseeq(s + n - t, t, tail, t);
}

/* ---- finding the three files ----------------------------------------- */

/* dir + "/" + name, or NULL when out of memory. */
static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s%s%s", dir,
		         dir[0] != '\0' && dir[strlen(dir) - 1] != '/' ? "/" : "",
		         name);
	return p;
}

/* Which file of an export a name is: F_* (the name ends in
 * "elements.csv", ...), or -1. */
static int
file_role(const char *name)
{
	char tail[32];

	for (int r = 0; r < NFILES; r++) {
		snprintf(tail, sizeof(tail), "%s.csv", file_roles[r]);
		if (ends_with_ci(name, tail))
			return r;
	}
	return -1;
}

/* Fills the paths not given from the one given, path, of role r: the
 * same directory, prefix and extension, as Archi's import does. */
static int
derive_paths(struct archi *a, const char *path, int r)
{
	size_t len = strlen(path);
	size_t stem = len - strlen(file_roles[r]) - 4;  /* DIR/PREFIX */
	const char *ext = path + len - 4;                /* ".csv" as written */

	for (int o = 0; o < NFILES; o++) {
		size_t n;
		if (a->path[o] != NULL)
			continue;
		n = stem + strlen(file_roles[o]) + 5;
		if ((a->path[o] = malloc(n)) == NULL)
			return no_memory(a);
		snprintf(a->path[o], n, "%.*s%s%s", (int)stem, path, file_roles[o],
		         ext);
	}
	return AK_OK;
}

static int
cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The export in directory dir: elements.csv, else the one file whose
 * name ends in elements.csv. */
static int
find_in_dir(struct archi *a, const char *dir)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, *path;
	size_t n = 0, cap = 0, chosen;
	int rc;

	if ((d = opendir(dir)) == NULL)
		return ak_error_set(a->err, AK_EUSAGE, dir, 0, "cannot open: %s",
		                    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (!ends_with_ci(de->d_name, "elements.csv"))
			continue;
		if (ak_grow(&names, &cap, n + 1, sizeof(*names)) != AK_OK)
			goto nomem;
		if ((names[n] = strdup(de->d_name)) == NULL)
			goto nomem;
		n++;
	}
	closedir(d);
	d = NULL;
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	chosen = n;
	for (size_t i = 0; i < n; i++)
		if (equal_ci(names[i], "elements.csv"))
			chosen = i;
	if (n == 1)
		chosen = 0;
	if (n == 0)
		rc = ak_error_set(a->err, AK_EUSAGE, dir, 0,
		                  "no elements.csv: an Archi CSV export is "
		                  "elements.csv, relations.csv and properties.csv");
	else if (chosen == n)
		rc = ak_error_set(a->err, AK_EUSAGE, dir, 0,
		                  "holds %zu Archi exports (%s, %s%s): name the "
		                  "elements file of one", n, names[0], names[1],
		                  n > 2 ? ", ..." : "");
	else if ((path = join(dir, names[chosen])) == NULL)
		rc = no_memory(a);
	else {
		rc = derive_paths(a, path, F_ELEMENTS);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
nomem:
	if (d != NULL)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return no_memory(a);
}

static int
find_files(struct archi *a, const char *const *paths, size_t npaths)
{
	struct stat st;
	int first = -1;

	if (npaths == 0)
		return ak_error_set(a->err, AK_EUSAGE, NULL, 0,
		                    "no export named: name the directory of an "
		                    "Archi CSV export, or its files");
	for (size_t i = 0; i < npaths; i++) {
		const char *p = paths[i];
		int r;

		if (strcmp(p, "-") == 0)
			return ak_error_set(a->err, AK_EUSAGE, "-", 0,
			                    "an Archi export is three files and cannot "
			                    "come from standard input: name its "
			                    "directory");
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (npaths > 1)
				return ak_error_set(a->err, AK_EUSAGE, p, 0,
				                    "a directory among other paths: name "
				                    "one export's directory, or its files");
			return find_in_dir(a, p);
		}
		if ((r = file_role(p)) < 0)
			return ak_error_set(a->err, AK_EUSAGE, p, 0,
			                    "not part of an Archi export: its name "
			                    "must end in elements.csv, relations.csv "
			                    "or properties.csv");
		if (a->path[r] != NULL)
			return ak_error_set(a->err, AK_EUSAGE, p, 0,
			                    "a second %s file (the first is %s)",
			                    file_roles[r], a->path[r]);
		if ((a->path[r] = strdup(p)) == NULL)
			return no_memory(a);
		if (first < 0)
			first = r;
	}
	return derive_paths(a, a->path[first], first);
}

/* ---- reading the rows ------------------------------------------------ */

/* The columns each file must have (Archi writes more: Name and
 * Documentation of relationships, Specialization, which are not used). */
#define MAXCOLS 4
static const char *const columns[NFILES][MAXCOLS] = {
	[F_ELEMENTS] = {"ID", "Type", "Name", "Documentation"},
	[F_RELATIONS] = {"ID", "Type", "Source", "Target"},
	[F_PROPERTIES] = {"ID", "Key", "Value"},
};

struct reading {
	struct archi *a;
	int file;               /* F_* */
	const char *path;
	char *key[MAXCOLS];     /* the header's spelling of each column */
	int have_header;
	long rows;
	int unreadable;         /* the file could not be read */
	int fatal;              /* the header is not Archi's */
};

/* Finds the columns in the first row's keys, matched as Archi's import
 * matches them: ignoring case (and here surrounding spaces too). */
static int
read_header(struct reading *r, const json_t *row)
{
	const char *key, *s;
	json_t *v;
	size_t len;

	r->have_header = 1;
	for (int c = 0; c < MAXCOLS && columns[r->file][c] != NULL; c++) {
		json_object_foreach((json_t *)row, key, v) {
			s = key;
			len = strlen(key);
			ak_trim(&s, &len);
			if (ak_ascii_caseeq(s, len, columns[r->file][c],
			                    strlen(columns[r->file][c]))) {
				if ((r->key[c] = strdup(key)) == NULL)
					return no_memory(r->a);
				break;
			}
		}
		if (r->key[c] == NULL) {
			r->fatal = 1;
			return report(r->a, AK_EINPUT, r->path, 1,
			              "not an Archi %s file: no column \"%s\" in "
			              "the header", file_roles[r->file],
			              columns[r->file][c]);
		}
	}
	return AK_OK;
}

/* Cell c of row: its value as cell_value gives it (a new string). */
static char *
cell(const struct reading *r, const json_t *row, int c)
{
	const json_t *v = json_object_get(row, r->key[c]);

	return cell_value(json_string_value(v), json_string_length(v));
}

/* Enters id into the concepts, unless it is there: then the row is
 * reported and *dup set.  Returns 0, or the stop code. */
static int
add_concept(struct archi *a, struct reading *r, const char *id, long line,
            void *value, int *dup)
{
	void *old = ak_map_get(a->concepts, id);
	long first;

	*dup = old != NULL;
	if (old != NULL) {
		int tag = CONCEPT_TAG(old);
		size_t i = CONCEPT_INDEX(old);
		const char *where = a->path[tag == TAG_RELATION ? F_RELATIONS
		                                                : F_ELEMENTS];
		if (tag == TAG_BAD)
			return report(a, AK_EINPUT, r->path, line,
			              "ID %.*s%s is used twice", SHOW(id));
		first = tag == TAG_ELEMENT ? a->elements[i].line :
		        tag == TAG_RELATION ? a->relations[i].line :
		        a->model_line;
		return report(a, AK_EINPUT, r->path, line,
		              "duplicate ID %.*s%s (first at %s:%ld)", SHOW(id),
		              where, first);
	}
	return ak_map_put(a->concepts, id, value) == 0 ? AK_OK : no_memory(a);
}

/* Marks the ID of a bad row so that what refers to it is not reported
 * again. */
static int
mark_bad(struct archi *a, const char *id)
{
	if (id[0] == '\0' || ak_map_get(a->concepts, id) != NULL)
		return AK_OK;
	return ak_map_put(a->concepts, id, CONCEPT(TAG_BAD, 0)) == 0
	       ? AK_OK : no_memory(a);
}

/* The message for a type that is not an element's. */
static int
bad_type(struct archi *a, struct reading *r, long line, const char *what,
         const char *id, const char *type)
{
	const char *meant = type_meant(type);

	if (type[0] == '\0')
		return report(a, AK_EINPUT, r->path, line, "%s %.*s%s: empty Type",
		              what, SHOW(id));
	if (r->file == F_ELEMENTS && relation_type(type) != NULL)
		return report(a, AK_EINPUT, r->path, line,
		              "%s %.*s%s: %s is a relationship type "
		              "(relationships belong in %s)", what, SHOW(id), type,
		              a->path[F_RELATIONS]);
	if (r->file == F_RELATIONS && element_type(type) != NULL)
		return report(a, AK_EINPUT, r->path, line,
		              "%s %.*s%s: %s is an element type, not a "
		              "relationship type", what, SHOW(id), type);
	if (meant != NULL)
		return report(a, AK_EINPUT, r->path, line,
		              "%s %.*s%s: unknown type \"%.*s%s\" (did you mean %s?)",
		              what, SHOW(id), SHOW(type), meant);
	return report(a, AK_EINPUT, r->path, line,
	              "%s %.*s%s: unknown type \"%.*s%s\": not an ArchiMate %s "
	              "type", what, SHOW(id), SHOW(type),
	              r->file == F_ELEMENTS ? "element" : "relationship");
}

/* Reads the ID and Type cells that begin an elements or relations row
 * (what: "element" or "relationship"); an empty ID is an input error,
 * reported here, and the caller skips the row (under --keep-going the
 * report returns AK_OK).  *id and *type are new strings, or NULL, for the
 * caller to free. */
static int
row_start(struct reading *r, const json_t *row, long line, const char *what,
          char **id, char **type)
{
	*id = cell(r, row, 0);
	*type = cell(r, row, 1);
	if (*id == NULL || *type == NULL)
		return no_memory(r->a);
	if ((*id)[0] == '\0')
		return report(r->a, AK_EINPUT, r->path, line, "%s without an ID",
		              what);
	return AK_OK;
}

static int
element_row(struct reading *r, const json_t *row, long line)
{
	struct archi *a = r->a;
	const struct element_type *t;
	struct element *e;
	char *id, *type;
	int dup, rc = row_start(r, row, line, "element", &id, &type);

	if (rc != AK_OK || id[0] == '\0')
		goto out;
	if ((t = element_type(type)) == NULL) {
		if ((rc = bad_type(a, r, line, "element", id, type)) == AK_OK)
			rc = mark_bad(a, id);
		goto out;
	}
	if (t->role == ROLE_MODEL) {
		if (a->model_id != NULL) {
			rc = report(a, AK_EINPUT, r->path, line,
			            "a second ArchimateModel row (the model's row is "
			            "%s:%ld)", r->path, a->model_line);
			goto out;
		}
		rc = add_concept(a, r, id, line, CONCEPT(TAG_MODEL, 0), &dup);
		if (rc != AK_OK || dup)
			goto out;
		a->model_id = id;
		a->model_line = line;
		id = NULL;
		goto out;
	}
	if (ak_grow(&a->elements, &a->capelements, a->nelements + 1,
	            sizeof(*a->elements)) != AK_OK) {
		rc = no_memory(a);
		goto out;
	}
	rc = add_concept(a, r, id, line, CONCEPT(TAG_ELEMENT, a->nelements),
	                 &dup);
	if (rc != AK_OK || dup)
		goto out;
	e = &a->elements[a->nelements];
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->type = t;
	e->line = line;
	e->rid = id;
	id = NULL;
	a->nelements++;
	if ((e->name = cell(r, row, 2)) == NULL ||
	    (e->doc = cell(r, row, 3)) == NULL)
		rc = no_memory(a);
out:
	free(id);
	free(type);
	return rc;
}

static int
relation_row(struct reading *r, const json_t *row, long line)
{
	struct archi *a = r->a;
	const struct relation_type *t;
	struct relation *rel;
	char *id, *type;
	int dup, rc = row_start(r, row, line, "relationship", &id, &type);

	if (rc != AK_OK || id[0] == '\0')
		goto out;
	if ((t = relation_type(type)) == NULL) {
		if ((rc = bad_type(a, r, line, "relationship", id, type)) == AK_OK)
			rc = mark_bad(a, id);
		goto out;
	}
	if (ak_grow(&a->relations, &a->caprelations, a->nrelations + 1,
	            sizeof(*a->relations)) != AK_OK) {
		rc = no_memory(a);
		goto out;
	}
	rc = add_concept(a, r, id, line, CONCEPT(TAG_RELATION, a->nrelations),
	                 &dup);
	if (rc != AK_OK || dup)
		goto out;
	rel = &a->relations[a->nrelations++];
	memset(rel, 0, sizeof(*rel));
	rel->id = id;
	rel->type = t;
	rel->line = line;
	id = NULL;
	if ((rel->source = cell(r, row, 2)) == NULL ||
	    (rel->target = cell(r, row, 3)) == NULL)
		rc = no_memory(a);
out:
	free(id);
	free(type);
	return rc;
}

static int
property_row(struct reading *r, const json_t *row, long line)
{
	struct archi *a = r->a;
	struct element *e;
	struct prop *p;
	char *id = cell(r, row, 0), *key = NULL, *value = NULL;
	void *c;
	int rc = AK_OK;

	if (id == NULL || (key = cell(r, row, 1)) == NULL ||
	    (value = cell(r, row, 2)) == NULL) {
		rc = no_memory(a);
		goto out;
	}
	if (id[0] == '\0') {
		rc = report(a, AK_EINPUT, r->path, line,
		            "property \"%.*s%s\" without an ID", SHOW(key));
		goto out;
	}
	/* Without relations.csv, an unknown ID is likely a relationship's. */
	if ((c = ak_map_get(a->concepts, id)) == NULL && a->no_relations)
		goto out;
	if (c == NULL) {
		rc = report(a, AK_EINPUT, r->path, line,
		            "property \"%.*s%s\" of %.*s%s: no element or "
		            "relationship has that ID", SHOW(key), SHOW(id));
		goto out;
	}
	/* Properties of the model, of relationships, and of elements that
	 * become no record say nothing alignkit reads. */
	if (CONCEPT_TAG(c) != TAG_ELEMENT || key[0] == '\0' || value[0] == '\0')
		goto out;
	e = &a->elements[CONCEPT_INDEX(c)];
	if (e->type->role != ROLE_GOAL && e->type->role != ROLE_WORK)
		goto out;
	if (ak_grow(&e->props, &e->capprops, e->nprops + 1,
	            sizeof(*e->props)) != AK_OK) {
		rc = no_memory(a);
		goto out;
	}
	p = &e->props[e->nprops++];
	p->key = key;
	p->value = value;
	p->line = line;
	key = value = NULL;
out:
	free(id);
	free(key);
	free(value);
	return rc;
}

/* The line in a "FILE:LINE" src of the file path. */
static long
src_line(const char *src, const char *path)
{
	size_t n = strlen(path);

	if (strncmp(src, path, n) == 0 && src[n] == ':')
		return strtol(src + n + 1, NULL, 10);
	return 0;
}

static int
on_row(void *ctx, const ak_load_record *rec)
{
	struct reading *r = ctx;
	long line = src_line(rec->src, r->path);
	int rc;

	if (!r->have_header) {
		if ((rc = read_header(r, rec->record)) != AK_OK)
			return rc;
		if (r->fatal)
			return SKIP_FILE;
	}
	r->rows++;
	switch (r->file) {
	case F_ELEMENTS:
		return element_row(r, rec->record, line);
	case F_RELATIONS:
		return relation_row(r, rec->record, line);
	default:
		return property_row(r, rec->record, line);
	}
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct reading *r = ctx;
	struct archi *a = r->a;

	if (code == AK_EIO)
		r->unreadable = 1;
	return hand_out(a, code, err);
}

/* Reads one file of the export.  Returns 0 to go on, or the code that
 * stops the loading; r->unreadable and r->fatal say whether the file gave
 * nothing. */
static int
read_file(struct archi *a, struct reading *r, int file)
{
	ak_load_options o = {AK_LOAD_CSV, a->delimiter, AK_KIND_OTHER,
	                     AK_LOAD_RAW};
	ak_load_handler h = {on_row, on_error, r};
	ak_loader *l;
	int rc;

	memset(r, 0, sizeof(*r));
	r->a = a;
	r->file = file;
	r->path = a->path[file];
	if ((rc = ak_loader_new(&l, &o, a->err)) != AK_OK)
		return rc;
	rc = ak_loader_load(l, r->path, &h, a->err);
	ak_loader_free(l);
	for (int c = 0; c < MAXCOLS; c++)
		free(r->key[c]);
	return rc == SKIP_FILE ? AK_OK : rc;
}

/* ---- linking the relationships --------------------------------------- */

/* The element an endpoint names, or SIZE_MAX when it names a
 * relationship (which ArchiMate allows an association to) or a bad row.
 * Reports an endpoint that names nothing.  Returns 0 or the stop code. */
static int
endpoint(struct archi *a, const struct relation *rel, const char *which,
         const char *id, size_t *out, int *bad)
{
	void *c = id[0] != '\0' ? ak_map_get(a->concepts, id) : NULL;

	*out = SIZE_MAX;
	*bad = c == NULL || CONCEPT_TAG(c) == TAG_MODEL;
	if (id[0] == '\0')
		return report(a, AK_EINPUT, a->path[F_RELATIONS], rel->line,
		              "relationship %.*s%s (%s): empty %s", SHOW(rel->id),
		              rel->type->name, which);
	if (c == NULL)
		return report(a, AK_EINPUT, a->path[F_RELATIONS], rel->line,
		              "relationship %.*s%s (%s): %s %.*s%s is not in the "
		              "model", SHOW(rel->id), rel->type->name, which,
		              SHOW(id));
	if (CONCEPT_TAG(c) == TAG_MODEL)
		return report(a, AK_EINPUT, a->path[F_RELATIONS], rel->line,
		              "relationship %.*s%s (%s): %s %.*s%s is the model, "
		              "not an element", SHOW(rel->id), rel->type->name,
		              which, SHOW(id));
	if (CONCEPT_TAG(c) == TAG_ELEMENT)
		*out = CONCEPT_INDEX(c);
	return AK_OK;
}

/* Checks every relationship's ends and keeps the realizations and
 * influences between elements as edges, grouped by source in
 * relations.csv order. */
static int
link(struct archi *a)
{
	size_t *from, *to, *fill;
	size_t i, n = 0;
	int rc = AK_OK;

	from = malloc((a->nrelations + 1) * sizeof(*from));
	to = malloc((a->nrelations + 1) * sizeof(*to));
	fill = calloc(a->nelements + 1, sizeof(*fill));
	if (from == NULL || to == NULL || fill == NULL) {
		rc = no_memory(a);
		goto out;
	}
	for (i = 0; i < a->nrelations; i++) {
		struct relation *rel = &a->relations[i];
		int bad;

		/* One message for a row, though both of its ends be wrong. */
		to[i] = SIZE_MAX;
		if ((rc = endpoint(a, rel, "source", rel->source, &from[i],
		                   &bad)) != 0 ||
		    (!bad && (rc = endpoint(a, rel, "target", rel->target, &to[i],
		                            &bad)) != 0))
			goto out;
		if (rel->type->follow == FOLLOW_NONE || from[i] == SIZE_MAX ||
		    to[i] == SIZE_MAX) {
			from[i] = SIZE_MAX;
			continue;
		}
		a->elements[from[i]].nedges++;
		n++;
	}
	if ((a->edges = malloc((n + 1) * sizeof(*a->edges))) == NULL) {
		rc = no_memory(a);
		goto out;
	}
	n = 0;
	for (i = 0; i < a->nelements; i++) {
		a->elements[i].first_edge = n;
		n += a->elements[i].nedges;
	}
	for (i = 0; i < a->nrelations; i++) {
		struct element *e;
		if (from[i] == SIZE_MAX)
			continue;
		e = &a->elements[from[i]];
		a->edges[e->first_edge + fill[from[i]]].to = to[i];
		a->edges[e->first_edge + fill[from[i]]].follow =
			a->relations[i].type->follow;
		fill[from[i]]++;
	}
out:
	free(from);
	free(to);
	free(fill);
	return rc;
}

/* ---- the walks --------------------------------------------------------- */

/* The parent of goal g: a goal that g realizes, else one that it
 * influences, directly or through junctions; the first in relations.csv
 * order (breadth first through junctions).  SIZE_MAX when none. */
static size_t
parent_of(struct archi *a, size_t g)
{
	static const enum follow order[] = {FOLLOW_REALIZATION,
	                                    FOLLOW_INFLUENCE};

	for (size_t k = 0; k < AK_NELEM(order); k++) {
		size_t head = 0, tail = 0;

		a->walk++;
		a->seen[g] = a->walk;
		a->queue[tail++] = g;
		while (head < tail) {
			const struct element *e = &a->elements[a->queue[head++]];
			for (size_t j = 0; j < e->nedges; j++) {
				const struct edge *ed = &a->edges[e->first_edge + j];
				const struct element *t = &a->elements[ed->to];
				if (ed->follow != order[k] || a->seen[ed->to] == a->walk)
					continue;
				a->seen[ed->to] = a->walk;
				if (t->type->role == ROLE_GOAL)
					return ed->to;
				if (t->type->role == ROLE_JUNCTION)
					a->queue[tail++] = ed->to;
			}
		}
	}
	return SIZE_MAX;
}

static int
cmp_index(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

/* The goals work package w supports: every goal reachable from it along
 * realizations and influences, through the elements on the way, stopping
 * at the first goal on each path; as a new JSON array of their ids in
 * elements.csv order, or NULL when out of memory. */
static json_t *
supports_of(struct archi *a, size_t w)
{
	size_t head = 0, tail = 0, ngoals = 0, *goals;
	json_t *list;

	/* The goals found are kept at the back of the queue's space: each
	 * element enters the queue or the goals at most once. */
	goals = a->queue + a->nelements;
	a->walk++;
	a->seen[w] = a->walk;
	a->queue[tail++] = w;
	while (head < tail) {
		const struct element *e = &a->elements[a->queue[head++]];
		for (size_t j = 0; j < e->nedges; j++) {
			const struct edge *ed = &a->edges[e->first_edge + j];
			enum role role = a->elements[ed->to].type->role;
			if (a->seen[ed->to] == a->walk)
				continue;
			a->seen[ed->to] = a->walk;
			if (role == ROLE_GOAL)
				*--goals = ed->to, ngoals++;
			else if (role == ROLE_PATH || role == ROLE_JUNCTION)
				a->queue[tail++] = ed->to;
		}
	}
	if (ngoals > 1)
		qsort(goals, ngoals, sizeof(*goals), cmp_index);
	if ((list = json_array()) == NULL)
		return NULL;
	for (size_t i = 0; i < ngoals; i++) {
		if (json_array_append_new(list,
		                          json_string(a->elements[goals[i]].rid)) != 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}

/* ---- records ----------------------------------------------------------- */

static const char *const goal_fields[] = {
	"parent", "weight", "perspective", "owner", "status", "due", NULL
};
static const char *const initiative_fields[] = {
	"supports", "owner", "sponsor", "status", "budget", "start", "end", NULL
};
static const char *const kpi_fields[] = {
	"id", "direction", "target", "min", "max", "baseline", "red",
	"red_min", "red_max", "start", "due", "aggregate", "cadence",
	"stale_after", "weight", "unit", "business_owner", "it_owner",
	"status", NULL
};

static const char *
field_of(const char *const *fields, const char *key)
{
	for (; *fields != NULL; fields++)
		if (strcmp(*fields, key) == 0)
			return *fields;
	return NULL;
}

/* Why a property may not be named key (matched form), or NULL. */
static const char *
reserved(const char *key, int kpi)
{
	if (strcmp(key, "kind") == 0 || strcmp(key, "src") == 0)
		return "alignkit sets it";
	if (kpi && strcmp(key, "name") == 0)
		return "the kpi property is the name";
	if (kpi && strcmp(key, "measures") == 0)
		return "a kpi measures the element it is a property of";
	if (kpi)
		return NULL;
	if (strcmp(key, "id") == 0)
		return "alignkit_id sets the id";
	if (strcmp(key, "title") == 0)
		return "the element's name is the title";
	if (strcmp(key, "description") == 0)
		return "the element's documentation is the description";
	return NULL;
}

/* Whether a matched key names a KPI property: "kpi" or "kpiN", then
 * nothing or "." and a field.  Sets *n (1 for "kpi") and *field (NULL
 * for the name). */
static int
kpi_key(const char *key, unsigned long *n, const char **field)
{
	const char *p = key + 3;
	char *end;

	if (strncmp(key, "kpi", 3) != 0)
		return 0;
	*n = 1;
	if (*p >= '0' && *p <= '9') {
		if (*p == '0')
			return 0;
		errno = 0;
		*n = strtoul(p, &end, 10);
		if (errno != 0 || *n > 999)
			return 0;
		p = end;
	}
	if (*p == '\0') {
		*field = NULL;
		return 1;
	}
	if (*p != '.' || p[1] == '\0')
		return 0;
	*field = p + 1;
	return 1;
}

/* Whether property p, under its matched name seen_key, comes first for
 * its record (seen: matched name -> line); a second one is reported and
 * *dup set.  Returns 0, or the stop code. */
static int
claim(struct archi *a, ak_map *seen, const char *what, const char *seen_key,
      const struct prop *p, int *dup)
{
	void *first = ak_map_get(seen, seen_key);

	*dup = first != NULL;
	if (first != NULL)
		return report(a, AK_EINPUT, a->path[F_PROPERTIES], p->line,
		              "%s: property \"%.*s%s\" given twice (first at "
		              "%s:%ld)", what, SHOW(p->key), a->path[F_PROPERTIES],
		              (long)(intptr_t)first);
	return ak_map_put(seen, seen_key, (void *)(intptr_t)p->line) == 0
	       ? AK_OK : no_memory(a);
}

/* Sets field name of obj to property p's value, unless an earlier
 * property set it. */
static int
set_property(struct archi *a, json_t *obj, ak_map *seen, const char *what,
             const char *seen_key, const char *name, const struct prop *p)
{
	int dup, rc;

	if ((rc = claim(a, seen, what, seen_key, p, &dup)) != AK_OK || dup)
		return rc;
	if (json_object_set_new(obj, name, json_string(p->value)) != 0)
		return no_memory(a);
	return AK_OK;
}

static struct kpi *
kpi_slot(struct archi *a, size_t element, unsigned long n, long line)
{
	struct kpi *k;

	for (size_t i = a->nkpis; i-- > 0 && a->kpis[i].element == element;)
		if (a->kpis[i].n == n)
			return &a->kpis[i];
	if (ak_grow(&a->kpis, &a->capkpis, a->nkpis + 1, sizeof(*a->kpis)) !=
	    AK_OK)
		return NULL;
	k = &a->kpis[a->nkpis];
	memset(k, 0, sizeof(*k));
	if ((k->record = json_object()) == NULL)
		return NULL;
	k->element = element;
	k->n = n;
	k->first_line = line;
	a->nkpis++;
	return k;
}

/* A KPI property p of element i: "kpiN" (field NULL), the name, or
 * "kpiN.FIELD". */
static int
kpi_property(struct archi *a, size_t i, ak_map *seen, const char *what,
             unsigned long n, const char *field, const struct prop *p)
{
	char seen_key[AK_ERROR_TEXT_LENGTH];
	const char *name, *why;
	struct kpi *k;
	int dup, rc;

	if (field != NULL && (why = reserved(field, 1)) != NULL)
		return report(a, AK_EINPUT, a->path[F_PROPERTIES], p->line,
		              "%s: property \"%.*s%s\" is not allowed: %s", what,
		              SHOW(p->key), why);
	if (field == NULL)
		name = "name";
	else if ((name = field_of(kpi_fields, field)) == NULL) {
		/* Other fields keep their spelling, after the dot. */
		name = strchr(p->key, '.') + 1;
		while (*name == ' ')
			name++;
	}
	snprintf(seen_key, sizeof(seen_key), "kpi%lu.%s", n, name);
	if ((rc = claim(a, seen, what, seen_key, p, &dup)) != AK_OK || dup)
		return rc;
	if ((k = kpi_slot(a, i, n, p->line)) == NULL)
		return no_memory(a);
	if (field == NULL)
		k->name_line = p->line;
	if (json_object_set_new(k->record, name, json_string(p->value)) != 0)
		return no_memory(a);
	return AK_OK;
}

/* The record of element i (a goal or a work package) from its row, the
 * walk and its properties, into *out (new); its KPIs are kept for later.
 * Returns 0, or the stop code. */
static int
build(struct archi *a, size_t i, ak_kind kind, json_t **out)
{
	struct element *e = &a->elements[i];
	const char *const *fields = kind == AK_KIND_GOAL ? goal_fields
	                                                  : initiative_fields;
	char what[AK_ERROR_TEXT_LENGTH / 2];
	json_t *obj, *v = NULL;
	ak_map *seen;
	size_t first_kpi = a->nkpis;
	int rc = AK_OK;

	*out = NULL;
	snprintf(what, sizeof(what), "%s %.*s%s", ak_kind_name(kind),
	         SHOW(e->rid));
	if ((obj = json_object()) == NULL || ak_map_new(&seen) != AK_OK) {
		json_decref(obj);
		return no_memory(a);
	}
	if (json_object_set_new(obj, "id", json_string(e->rid)) != 0 ||
	    json_object_set_new(obj, "title", json_string(e->name)) != 0)
		goto nomem;
	if (kind == AK_KIND_GOAL) {
		size_t p = parent_of(a, i);
		if (p != SIZE_MAX)
			v = json_string(a->elements[p].rid);
		if (p != SIZE_MAX && json_object_set_new(obj, "parent", v) != 0)
			goto nomem;
	} else {
		if ((v = supports_of(a, i)) == NULL)
			goto nomem;
		if (json_array_size(v) == 0)
			json_decref(v);
		else if (json_object_set_new(obj, "supports", v) != 0)
			goto nomem;
	}
	if (e->doc[0] != '\0' &&
	    json_object_set_new(obj, "description", json_string(e->doc)) != 0)
		goto nomem;

	for (size_t j = 0; j < e->nprops && rc == AK_OK; j++) {
		const struct prop *p = &e->props[j];
		const char *field, *name, *why;
		unsigned long n;
		char *key = match_key(p->key);
		int dup;

		if (key == NULL)
			goto nomem;
		if (kpi_key(key, &n, &field))
			rc = kpi_property(a, i, seen, what, n, field, p);
		else if (strcmp(key, "alignkit_id") == 0)
			rc = claim(a, seen, what, key, p, &dup);
		else if ((why = reserved(key, 0)) != NULL)
			rc = report(a, AK_EINPUT, a->path[F_PROPERTIES], p->line,
			            "%s: property \"%.*s%s\" is not allowed: %s", what,
			            SHOW(p->key), why);
		else {
			name = field_of(fields, key);
			rc = set_property(a, obj, seen, what, key,
			                  name != NULL ? name : p->key, p);
		}
		free(key);
	}
	/* A KPI's fields without its name: the KPI is left out. */
	for (size_t k = first_kpi; k < a->nkpis && rc == AK_OK; k++) {
		struct kpi *kp = &a->kpis[k];
		if (kp->name_line != 0)
			continue;
		if (kp->n == 1)
			rc = report(a, AK_EINPUT, a->path[F_PROPERTIES], kp->first_line,
			            "%s: kpi properties without \"kpi\", the kpi's name",
			            what);
		else
			rc = report(a, AK_EINPUT, a->path[F_PROPERTIES], kp->first_line,
			            "%s: kpi%lu properties without \"kpi%lu\", the kpi's "
			            "name", what, kp->n, kp->n);
		json_decref(kp->record);
		kp->record = NULL;
	}
	ak_map_free(seen);
	if (rc != AK_OK) {
		json_decref(obj);
		return rc;
	}
	*out = obj;
	return AK_OK;
nomem:
	ak_map_free(seen);
	json_decref(obj);
	return no_memory(a);
}

/* Normalizes in, a record of kind read at file:line, checks that its id
 * is new, and hands it out.  Returns 0, or the stop code. */
static int
emit(struct archi *a, const json_t *in, ak_kind kind, const char *file,
     long line)
{
	char src[AK_ERROR_FILE_LENGTH + 24];
	ak_load_record rec;
	ak_error e;
	json_t *out;
	const char *id, *first;
	char *copy;
	int rc;

	snprintf(src, sizeof(src), "%s:%ld", file, line);
	ak_error_clear(&e);
	rc = ak_record_normalize(&out, in, kind, src, a->flags, &e);
	if (rc == AK_ENOMEM)
		return no_memory(a);
	if (rc != AK_OK)
		return report(a, rc, file, line, "%s", e.text);
	id = json_string_value(json_object_get(out, "id"));
	if ((first = ak_map_get(a->ids, id)) != NULL) {
		rc = report(a, AK_EDUPLICATE, file, line,
		            "duplicate id %s (first at %s)", id, first);
		json_decref(out);
		return rc;
	}
	if ((copy = strdup(src)) == NULL || ak_map_put(a->ids, id, copy) != 0) {
		free(copy);
		json_decref(out);
		return no_memory(a);
	}
	rec.record = out;
	rec.kind = kind;
	rec.src = src;
	rec.bytes = NULL;
	rec.len = 0;
	rec.line = line;
	if (a->text) {
		a->buflen = 0;
		if (ak_json_append(&a->buf, &a->buflen, &a->bufcap, out) != AK_OK) {
			json_decref(out);
			return no_memory(a);
		}
		rec.bytes = a->buf;
		rec.len = a->buflen;
	}
	rc = a->h->record(a->h->ctx, &rec);
	json_decref(out);
	return rc;
}

static int
cmp_kpi(const void *x, const void *y)
{
	const struct kpi *a = x, *b = y;

	if (a->element != b->element)
		return (a->element > b->element) - (a->element < b->element);
	return (a->n > b->n) - (a->n < b->n);
}

/* The alignkit ids: an element's first non-empty alignkit_id property,
 * else its Archi ID. */
static int
resolve_ids(struct archi *a)
{
	for (size_t i = 0; i < a->nelements; i++) {
		struct element *e = &a->elements[i];
		for (size_t j = 0; j < e->nprops; j++) {
			char *key = match_key(e->props[j].key);
			int found;
			if (key == NULL)
				return no_memory(a);
			found = strcmp(key, "alignkit_id") == 0;
			free(key);
			if (found) {
				e->rid = e->props[j].value;
				break;
			}
		}
	}
	return AK_OK;
}

static int
emit_all(struct archi *a)
{
	static const ak_kind kinds[] = {AK_KIND_GOAL, AK_KIND_INITIATIVE};
	static const enum role roles[] = {ROLE_GOAL, ROLE_WORK};
	char id[AK_ERROR_TEXT_LENGTH];
	json_t *obj;
	int rc;

	if ((rc = resolve_ids(a)) != AK_OK)
		return rc;
	a->queue = malloc((a->nelements + 1) * sizeof(*a->queue));
	a->seen = calloc(a->nelements + 1, sizeof(*a->seen));
	if (a->queue == NULL || a->seen == NULL)
		return no_memory(a);
	for (size_t k = 0; k < AK_NELEM(kinds); k++) {
		for (size_t i = 0; i < a->nelements; i++) {
			if (a->elements[i].type->role != roles[k])
				continue;
			if ((rc = build(a, i, kinds[k], &obj)) != AK_OK)
				return rc;
			rc = emit(a, obj, kinds[k], a->path[F_ELEMENTS],
			          a->elements[i].line);
			json_decref(obj);
			if (rc != AK_OK)
				return rc;
		}
	}
	if (a->nkpis > 1)
		qsort(a->kpis, a->nkpis, sizeof(*a->kpis), cmp_kpi);
	for (size_t k = 0; k < a->nkpis; k++) {
		struct kpi *kp = &a->kpis[k];
		const char *rid = a->elements[kp->element].rid;
		if (kp->record == NULL)
			continue;
		if (json_object_get(kp->record, "id") == NULL) {
			if (kp->n == 1)
				snprintf(id, sizeof(id), "%s-kpi", rid);
			else
				snprintf(id, sizeof(id), "%s-kpi%lu", rid, kp->n);
			if (json_object_set_new(kp->record, "id", json_string(id)) != 0)
				return no_memory(a);
		}
		if (json_object_set_new(kp->record, "measures",
		                        json_string(rid)) != 0)
			return no_memory(a);
		if ((rc = emit(a, kp->record, AK_KIND_KPI, a->path[F_PROPERTIES],
		               kp->name_line)) != AK_OK)
			return rc;
	}
	return AK_OK;
}

/* ---- the whole ------------------------------------------------------- */

static void
free_archi(struct archi *a)
{
	size_t pos = 0;
	const char *key;
	void *value;

	for (int f = 0; f < NFILES; f++)
		free(a->path[f]);
	for (size_t i = 0; i < a->nelements; i++) {
		struct element *e = &a->elements[i];
		free(e->id);
		free(e->name);
		free(e->doc);
		for (size_t j = 0; j < e->nprops; j++) {
			free(e->props[j].key);
			free(e->props[j].value);
		}
		free(e->props);
	}
	free(a->elements);
	for (size_t i = 0; i < a->nrelations; i++) {
		free(a->relations[i].id);
		free(a->relations[i].source);
		free(a->relations[i].target);
	}
	free(a->relations);
	free(a->edges);
	ak_map_free(a->concepts);
	free(a->model_id);
	while (a->ids != NULL && ak_map_next(a->ids, &pos, &key, &value))
		free(value);
	ak_map_free(a->ids);
	for (size_t k = 0; k < a->nkpis; k++)
		json_decref(a->kpis[k].record);
	free(a->kpis);
	free(a->queue);
	free(a->seen);
	free(a->buf);
	free(a->deferred);
}

int
ak_archi_load(const char *const *paths, size_t npaths,
              const ak_load_options *opts, const ak_load_handler *h,
              ak_error *err)
{
	struct archi a;
	struct reading r;
	int rc;

	memset(&a, 0, sizeof(a));
	a.h = h;
	a.err = err;
	a.flags = AK_RECORD_TEXT;
	if (opts != NULL) {
		if (opts->flags & AK_LOAD_RAW)
			return ak_error_set(err, AK_EUSAGE, NULL, 0,
			                    "raw mode reads CSV files, not an Archi "
			                    "export");
		if (opts->flags & AK_LOAD_DECIMAL_COMMA)
			a.flags |= AK_RECORD_DECIMAL_COMMA;
		a.delimiter = opts->delimiter;
		a.text = (opts->flags & AK_LOAD_TEXT) != 0;
	}
	if (ak_map_new(&a.concepts) != AK_OK || ak_map_new(&a.ids) != AK_OK) {
		rc = no_memory(&a);
		goto out;
	}
	if ((rc = find_files(&a, paths, npaths)) != AK_OK)
		goto out;

	if ((rc = read_file(&a, &r, F_ELEMENTS)) != AK_OK)
		goto out;
	if (r.unreadable || r.fatal)
		goto out;
	if (r.rows == 0) {
		rc = report(&a, AK_EINPUT, a.path[F_ELEMENTS], 1,
		            "no rows: an Archi elements file holds at least the "
		            "model's row");
		goto out;
	}
	a.defer = 1;
	if ((rc = read_file(&a, &r, F_RELATIONS)) != AK_OK)
		goto out;
	a.no_relations = r.unreadable;
	if ((rc = link(&a)) != AK_OK ||
	    (rc = flush_deferred(&a)) != AK_OK ||
	    (rc = read_file(&a, &r, F_PROPERTIES)) != AK_OK)
		goto out;
	rc = emit_all(&a);
out:
	free_archi(&a);
	return rc;
}
