/* Fuzz target: the file loader of goals-load on what people keep by hand,
 * CSV above all (libcsv, header matching, wide sheets, kind columns, lists,
 * decimal commas) and JSON documents.  Each input is written to a file and
 * loaded four ways: as CSV with the defaults (so that the seed corpora mean
 * what they say), as CSV with options picked from the input's hash, as raw
 * CSV, and as a JSON document.  Beyond not crashing, what the loader hands
 * out must hold up:
 *  - every record prints as one line of JSON that reads back the same,
 *    as the next tool's reader reads it (so no "\u0000");
 *  - a model record is already in canonical form: normalizing it again
 *    accepts it and changes nothing;
 *  - a raw row is an object of strings;
 *  - every error has a code the contract names, a text, and a location
 *    (the file, and a line for a bad record). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alignkit.h"
#include "alignkit/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The file every input is written to: measurements.csv in a directory of
 * its own, so that the kind from the name is exercised too. */
static char dir[64];
static char path[96];

static void
remove_file(void)
{
	unlink(path);
	rmdir(dir);
}

static int
setup(void)
{
	const char *tmp = getenv("TMPDIR");

	if (path[0] != '\0')
		return 0;
	snprintf(dir, sizeof(dir), "%s/akfuzz-XXXXXX",
	         tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/measurements.csv", dir);
	atexit(remove_file);
	return 0;
}

static int
write_input(const uint8_t *data, size_t size)
{
	FILE *fp = fopen(path, "wb");
	int rc = 0;

	if (fp == NULL)
		return -1;
	if (size > 0 && fwrite(data, 1, size, fp) != size)
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

/* The compact text of v, as the tools print it (caller frees). */
static char *
print(const json_t *v, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (ak_json_append(&buf, len, &cap, v) != AK_OK)
		abort();
	if (buf == NULL && (buf = calloc(1, 1)) == NULL)
		abort();
	return buf;
}

/* Printed, v is one line of JSON that parses and prints back the same. */
static void
check_prints(const json_t *v)
{
	size_t len, len2;
	char *text = print(v, &len), *again;
	json_t *back;

	if (memchr(text, '\n', len) != NULL || strlen(text) != len)
		abort();
	back = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	if (back == NULL)
		abort();
	again = print(back, &len2);
	if (len2 != len || memcmp(text, again, len) != 0)
		abort();
	json_decref(back);
	free(again);
	free(text);
}

struct run {
	int raw;
	int stop_at_error;      /* strict: the first error stops the load */
	unsigned long records, errors;
};

static int
on_record(void *ctx, const ak_load_record *rec)
{
	struct run *run = ctx;
	json_t *again = NULL;
	ak_error err;

	run->records++;
	if (!json_is_object(rec->record) || rec->src == NULL ||
	    strncmp(rec->src, path, strlen(path)) != 0)
		abort();
	check_prints(rec->record);
	if (rec->bytes != NULL && memchr(rec->bytes, '\n', rec->len) != NULL)
		abort();
	if (run->raw) {
		const char *key;
		json_t *value;
		json_object_foreach(rec->record, key, value) {
			if (!json_is_string(value))
				abort();
		}
		return 0;
	}
	if (rec->kind >= AK_KIND_GOAL && rec->kind <= AK_KIND_MEASUREMENT) {
		size_t a, b;
		char *before, *after;
		if (ak_record_normalize(&again, rec->record, rec->kind, NULL, 0,
		                        &err) != AK_OK)
			abort();
		before = print(rec->record, &a);
		after = print(again, &b);
		if (a != b || memcmp(before, after, a) != 0)
			abort();
		free(before);
		free(after);
		json_decref(again);
	}
	return 0;
}

static int
on_error(void *ctx, int code, const ak_error *err)
{
	struct run *run = ctx;

	/* A warning (near-miss header, a file without records) is located
	 * like an error but changes nothing. */
	if (code == AK_LOAD_WARNING) {
		if (err->text[0] == '\0' || strcmp(err->file, path) != 0 ||
		    err->line < 1)
			abort();
		return 0;
	}
	run->errors++;
	if (code != AK_EINPUT && code != AK_EDUPLICATE && code != AK_EIO)
		abort();
	if (err->text[0] == '\0' || strcmp(err->file, path) != 0)
		abort();
	if (code != AK_EIO && err->line < 1)
		abort();
	if (memchr(err->text, '\0', sizeof(err->text)) == NULL)
		abort();
	return run->stop_at_error ? 1 : 0;
}

static void
load(const ak_load_options *opts, int stop_at_error)
{
	struct run run = {0, 0, 0, 0};
	ak_load_handler h = {on_record, on_error, &run};
	ak_loader *l = NULL;
	ak_error err;
	int rc;

	run.raw = (opts->flags & AK_LOAD_RAW) != 0;
	run.stop_at_error = stop_at_error;
	if (ak_loader_new(&l, opts, &err) != AK_OK)
		abort();
	rc = ak_loader_load(l, path, &h, &err);
	/* Loading ends as the handler says, or out of memory: never with an
	 * error the handler was not told of. */
	if (rc != AK_OK && rc != 1 && rc != AK_ENOMEM)
		abort();
	if (rc == 1 && (!stop_at_error || run.errors == 0))
		abort();
	ak_loader_free(l);
}

static uint32_t
hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delimiters[] = {0, ';', '\t', '|'};
	static const ak_kind kinds[] = {AK_KIND_OTHER, AK_KIND_GOAL,
	                                AK_KIND_INITIATIVE, AK_KIND_KPI};
	ak_load_options opts = {AK_LOAD_CSV, 0, AK_KIND_OTHER, 0};
	uint32_t h = hash(data, size);

	if (setup() != 0 || write_input(data, size) != 0)
		return 0;
	load(&opts, 0);
	opts.delimiter = delimiters[h & 3];
	opts.kind = kinds[(h >> 2) & 3];
	opts.flags = (h & 16) ? AK_LOAD_DECIMAL_COMMA : 0;
	load(&opts, (h & 32) != 0);
	opts.delimiter = 0;
	opts.kind = AK_KIND_OTHER;
	opts.flags = AK_LOAD_RAW;
	load(&opts, 0);
	opts.format = AK_LOAD_JSON;
	opts.flags = 0;
	load(&opts, (h & 64) != 0);
	return 0;
}
