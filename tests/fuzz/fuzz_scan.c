/* Fuzz target, differential: the measurement fast path against jansson.
 * Whenever ak_scan_measurement recognises the bytes, jansson must accept
 * them as the toolkit's reader does (json_loadb with
 * JSON_REJECT_DUPLICATES; an object; a string kind; no NUL) and give the
 * same fields: the same decoded strings byte for byte, the same double bit
 * for bit, the same number of other keys.  Any disagreement aborts.  The
 * input is also scanned with a scratch of exactly its own length, which
 * the contract says is always enough (ASan sees any overrun).
 *
 * Random bytes seldom make a whole measurement line, so the input is also
 * tried in the places where the scanner does its finest work: as the
 * value, as the text of the kpi and note strings, and as an other key. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
disagree(const char *what)
{
	fprintf(stderr, "fuzz_scan: the fast path and jansson disagree: %s\n", what);
	abort();
}

/* The field name of rec agrees with the scanner's type and text. */
static void
check_string(json_t *rec, const char *name, int type, const char *text,
             size_t len)
{
	json_t *v = json_object_get(rec, name);

	switch (type) {
	case AK_SCAN_ABSENT:
		if (v != NULL)
			disagree(name);
		break;
	case AK_SCAN_NULL:
		if (!json_is_null(v))
			disagree(name);
		break;
	case AK_SCAN_STRING:
		if (!json_is_string(v) || json_string_length(v) != len ||
		    memcmp(json_string_value(v), text, len) != 0 || text[len] != '\0')
			disagree(name);
		break;
	default:
		disagree(name);
	}
}

static void
check(const uint8_t *data, size_t size)
{
	ak_measurement_line m;
	json_error_t jerr;
	json_t *rec, *kind, *value;
	char *scratch = malloc(size ? size : 1);
	size_t known;
	int rc;

	if (scratch == NULL)
		return;
	rc = ak_scan_measurement(&m, (const char *)data, size, scratch, size);
	if (rc != 1) {
		if (rc != 0)
			disagree("a result other than 0 or 1");
		free(scratch);
		return;
	}
	if (memchr(data, '\0', size) != NULL)
		disagree("recognised a line with a NUL byte");
	rec = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (rec == NULL) {
		fprintf(stderr, "jansson: %s\n", jerr.text);
		disagree("recognised a line jansson rejects");
	}
	if (!json_is_object(rec))
		disagree("recognised a value that is not an object");
	kind = json_object_get(rec, "kind");
	if (!json_is_string(kind) || strcmp(json_string_value(kind), "measurement") != 0 ||
	    json_string_length(kind) != 11)
		disagree("kind");
	check_string(rec, "kpi", AK_SCAN_STRING, m.kpi, m.kpi_len);
	check_string(rec, "at", AK_SCAN_STRING, m.at, m.at_len);
	check_string(rec, "note", m.note_type, m.note, m.note_len);
	check_string(rec, "src", m.src_type, m.src, m.src_len);
	value = json_object_get(rec, "value");
	if (m.value_type == AK_SCAN_NULL) {
		if (!json_is_null(value))
			disagree("value: null");
	} else {
		double want;
		if (m.value_type != AK_SCAN_NUMBER || !json_is_number(value))
			disagree("value: a number");
		want = json_number_value(value);
		if (memcmp(&want, &m.value, sizeof(want)) != 0) {
			fprintf(stderr, "jansson %.17g, fast path %.17g\n", want, m.value);
			disagree("value: not the same double");
		}
	}
	known = 4 + (m.note_type != AK_SCAN_ABSENT) + (m.src_type != AK_SCAN_ABSENT);
	if (json_object_size(rec) != known + m.nother)
		disagree("the number of other keys");
	json_decref(rec);
	free(scratch);
}

/* Checks head + data + tail. */
static void
check_in(const char *head, const uint8_t *data, size_t size, const char *tail)
{
	size_t h = strlen(head), t = strlen(tail);
	uint8_t *line = malloc(h + size + t);

	if (line == NULL)
		return;
	memcpy(line, head, h);
	memcpy(line + h, data, size);
	memcpy(line + h + size, tail, t);
	check(line, h + size + t);
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size);
	check_in("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":",
	         data, size, "}");
	check_in("{\"kind\":\"measurement\",\"kpi\":\"", data, size,
	         "\",\"at\":\"2026-11-16\",\"value\":1}");
	check_in("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"note\":\"",
	         data, size, "\"}");
	check_in("{\"kind\":\"measurement\",\"kpi\":\"K1\",\"at\":\"2026-11-16\",\"value\":1,\"",
	         data, size, "\":0}");
	return 0;
}
