/* The fast path for the common measurement line (SPEC §11): a scanner that
 * reads {"kind":"measurement","kpi":…,"at":…,"value":…} and its plain
 * fields without building a jansson tree.  Not API. */
#ifndef ALIGNKIT_SCAN_INTERNAL_H
#define ALIGNKIT_SCAN_INTERNAL_H
#include <stddef.h>

/* What a field of the line held. */
enum {
	AK_SCAN_ABSENT = 0, /* the key is not in the line */
	AK_SCAN_NULL,       /* null */
	AK_SCAN_STRING,     /* a string: see the field's text and length */
	AK_SCAN_NUMBER      /* a number: see value */
};

/* How many keys other than the six below a line may have and still be
 * recognised; a line with more goes to jansson. */
#define AK_SCAN_MAX_OTHER 32

/* A recognised measurement line.  Every string is decoded (escapes
 * resolved), valid UTF-8 without a NUL, and NUL-terminated; the pointers
 * are borrowed from the scratch buffer given to ak_scan_measurement. */
typedef struct ak_measurement_line {
	const char *kpi;      /* always a string */
	size_t kpi_len;
	const char *at;       /* always a string (not checked as a date) */
	size_t at_len;
	int value_type;       /* AK_SCAN_NUMBER or AK_SCAN_NULL */
	double value;         /* when a number: bit for bit jansson's
	                       * json_number_value; 0 when null */
	int note_type;        /* AK_SCAN_ABSENT, AK_SCAN_NULL or AK_SCAN_STRING */
	const char *note;     /* NULL unless a string */
	size_t note_len;
	int src_type;         /* as note_type */
	const char *src;
	size_t src_len;
	size_t nother;        /* keys besides kind, kpi, at, value, note, src:
	                       * 0 means the line had only those */
} ak_measurement_line;

/* Scans line[0..len) (no terminating newline; need not be NUL-terminated)
 * as one measurement record.  Returns 1 when the line is recognised and
 * *out is filled, 0 when it is "not mine": the caller then hands the line
 * to jansson, which gives the record or the error it always gave.
 *
 * Recognised means exactly: the line is one JSON object (white space
 * around and between tokens: space, tab, CR, LF) with no duplicate key,
 * "kind" is the string "measurement", "kpi" and "at" are strings, "value"
 * is a number or null, "note" and "src" (optional) are strings or null,
 * and every other key (at most AK_SCAN_MAX_OTHER) has a string, number,
 * true, false or null value.  Whenever it says so,
 * json_loadb(line, len, JSON_REJECT_DUPLICATES, ...) accepts the line and
 * gives the same strings byte for byte and the same double bit for bit.
 *
 * It says "not mine" to anything else and to what it leaves to jansson:
 * a key written with an escape, a nested value, a NUL (raw or \u0000), a
 * number jansson refuses (overflow, an integer beyond 64 bits, leading
 * zeros, "+1", ".5"), invalid UTF-8, a byte-order mark, trailing bytes.
 *
 * scratch (scratch_size bytes) receives the decoded strings; len bytes are
 * always enough.  Nothing is allocated. */
int ak_scan_measurement(ak_measurement_line *out, const char *line,
                        size_t len, char *scratch, size_t scratch_size);

#endif
