/* The JSON Lines stream: a reader that hands out each record with its file,
 * line and original bytes, and the writers every tool uses for output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alignkit/num.h"
#include "alignkit/stream.h"
#include "util_internal.h"

struct ak_reader {
	const char *const *paths;
	size_t npaths;
	size_t next_path;       /* index of the next file to open */
	FILE *fp;               /* the file being read, NULL between files */
	int owns_fp;            /* fp was opened by the reader */
	const char *name;       /* its name for messages */
	long lineno;
	char *buf;              /* getline's buffer */
	size_t cap;
	json_t *record;         /* the last record handed out */
	int single;             /* opened over one FILE*: no more files */
	int flags;              /* AK_READER_* */
};

int
ak_reader_open(ak_reader **out, const char *const *paths, size_t npaths,
               ak_error *err)
{
	ak_reader *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	r->paths = paths;
	r->npaths = npaths;
	*out = r;
	return AK_OK;
}

int
ak_reader_open_fp(ak_reader **out, FILE *fp, const char *name, ak_error *err)
{
	ak_reader *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return ak_error_set(err, AK_ENOMEM, NULL, 0, "out of memory");
	r->fp = fp;
	r->name = name;
	r->single = 1;
	*out = r;
	return AK_OK;
}

void
ak_reader_set_flags(ak_reader *r, int flags)
{
	r->flags = flags;
}

static void
close_current(ak_reader *r)
{
	if (r->fp != NULL && r->owns_fp)
		fclose(r->fp);
	r->fp = NULL;
	r->owns_fp = 0;
}

/* Opens the next file.  Returns 1 when one is open, 0 when none is left,
 * AK_EIO when it could not be opened (and moves past it). */
static int
open_next(ak_reader *r, ak_error *err)
{
	const char *path;
	struct stat st;

	if (r->single)
		return 0;
	if (r->npaths == 0) {
		if (r->next_path > 0)
			return 0;
		r->next_path = 1;
		path = "-";
	} else {
		if (r->next_path >= r->npaths)
			return 0;
		path = r->paths[r->next_path++];
	}
	r->lineno = 0;
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->owns_fp = 0;
		r->name = AK_STDIN_NAME;
		return 1;
	}
	r->name = path;
	if ((r->fp = fopen(path, "rb")) == NULL)
		return ak_error_set(err, AK_EIO, path, 0, "cannot open: %s",
		                    strerror(errno));
	r->owns_fp = 1;
	if (fstat(fileno(r->fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		close_current(r);
		return ak_error_set(err, AK_EIO, path, 0,
		                    "is a directory, not a JSON Lines file");
	}
	return 1;
}

/* The error for a line jansson could not parse.  A "\\u0000" escape is
 * valid JSON that jansson takes only on request, and the records would
 * carry it into C strings, so it stays an error: but a line that holds no
 * object at all is reported as such, as any other valid non-object is. */
static int
parse_error(ak_reader *r, const json_error_t *jerr, size_t len, ak_error *err)
{
	if (json_error_code(jerr) == json_error_null_character) {
		json_t *v = json_loadb(r->buf, len, JSON_REJECT_DUPLICATES |
		                       JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
		int object = v == NULL || json_is_object(v);
		json_decref(v);
		if (!object)
			return ak_error_set(err, AK_EINPUT, r->name, r->lineno,
			                    "not an object: each line must be a JSON object");
		ak_error_set(err, AK_EINPUT, r->name, r->lineno,
		             "invalid JSON: \\u0000 is not allowed in a string");
	} else {
		ak_error_set(err, AK_EINPUT, r->name, r->lineno, "invalid JSON: %s",
		             jerr->text);
	}
	if (jerr->column > 0)
		err->column = jerr->column;
	return AK_EINPUT;
}

int
ak_reader_next_raw(ak_reader *r, ak_line *line, ak_error *err)
{
	const char *nul;
	ssize_t n;
	size_t len;
	int rc;

	json_decref(r->record);
	r->record = NULL;
	memset(line, 0, sizeof(*line));
	for (;;) {
		if (r->fp == NULL) {
			rc = open_next(r, err);
			if (rc <= 0)
				return rc;
		}
		errno = 0;
		n = getline(&r->buf, &r->cap, r->fp);
		if (n >= 0)
			break;
		if (ferror(r->fp)) {
			rc = ak_error_set(err, AK_EIO, r->name, 0, "read error: %s",
			                  strerror(errno ? errno : EIO));
			close_current(r);
			return rc;
		}
		close_current(r);
		if (r->single)
			return 0;
	}
	r->lineno++;
	len = (size_t)n;
	if (len > 0 && r->buf[len - 1] == '\n')
		len--;
	if (len > 0 && r->buf[len - 1] == '\r')
		len--;
	/* A byte-order mark, as Windows tools write, is not part of the
	 * first record. */
	if (r->lineno == 1 && len >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0) {
		memmove(r->buf, r->buf + 3, len - 3);
		len -= 3;
	}
	r->buf[len] = '\0';
	line->text = r->buf;
	line->len = len;
	line->file = r->name;
	line->lineno = r->lineno;
	if (strspn(r->buf, " \t") == len)
		return ak_error_set(err, AK_EINPUT, r->name, r->lineno,
		                    "blank line: expected a JSON object");
	/* jansson stops at a raw NUL as if the text ended there; JSON allows
	 * none, so say so rather than report a puzzling end of file. */
	if ((nul = memchr(r->buf, '\0', len)) != NULL) {
		ak_error_set(err, AK_EINPUT, r->name, r->lineno,
		             "invalid JSON: a NUL byte is not allowed");
		err->column = (long)(nul - r->buf) + 1;
		return AK_EINPUT;
	}
	return 1;
}

int
ak_reader_parse(ak_reader *r, ak_line *line, ak_error *err)
{
	json_error_t jerr;
	json_t *kind;
	size_t len = line->len;

	r->record = json_loadb(r->buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
	/* An integer too big for 64 bits is read as the nearest double, as
	 * its exponent form would be; a real that overflows stays an error. */
	if (r->record == NULL &&
	    json_error_code(&jerr) == json_error_numeric_overflow)
		r->record = json_loadb(r->buf, len, JSON_REJECT_DUPLICATES |
		                       JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL,
		                       &jerr);
	if (r->record == NULL)
		return parse_error(r, &jerr, len, err);
	if (!json_is_object(r->record)) {
		json_decref(r->record);
		r->record = NULL;
		return ak_error_set(err, AK_EINPUT, r->name, r->lineno,
		                    "not an object: each line must be a JSON object");
	}
	line->record = r->record;
	kind = json_object_get(r->record, "kind");
	if (r->flags & AK_READER_ANY_KIND) {
		line->kind = json_string_value(kind);
		return 1;
	}
	if (!json_is_string(kind)) {
		line->record = NULL;
		json_decref(r->record);
		r->record = NULL;
		return ak_error_set(err, AK_EINPUT, r->name, r->lineno,
		                    kind == NULL ? "missing field kind"
		                                 : "field kind: expected a string");
	}
	line->record = r->record;
	line->kind = json_string_value(kind);
	return 1;
}

int
ak_reader_next(ak_reader *r, ak_line *line, ak_error *err)
{
	int rc = ak_reader_next_raw(r, line, err);

	return rc == 1 ? ak_reader_parse(r, line, err) : rc;
}

void
ak_reader_free(ak_reader *r)
{
	if (r == NULL)
		return;
	json_decref(r->record);
	close_current(r);
	free(r->buf);
	free(r);
}

/* The one text of a write error: the system's reason, no location. */
static int
write_error(ak_error *err)
{
	return ak_error_set(err, AK_EIO, "", 0, AK_WRITE_ERROR_PREFIX "%s",
	                    strerror(errno ? errno : EIO));
}

int
ak_write_line(FILE *out, const char *bytes, size_t len, ak_error *err)
{
	errno = 0;
	if (fwrite(bytes, 1, len, out) != len || putc('\n', out) == EOF)
		return write_error(err);
	return AK_OK;
}

/* Where the serializer writes: a FILE or a growing buffer. */
struct sink {
	FILE *fp;
	char **buf;
	size_t *len, *cap;
	int rc;
};

static void
put(struct sink *s, const char *p, size_t n)
{
	if (s->rc != AK_OK)
		return;
	if (s->fp != NULL) {
		if (fwrite(p, 1, n, s->fp) != n)
			s->rc = AK_EIO;
		return;
	}
	if (*s->len + n + 1 > *s->cap) {
		size_t cap = *s->cap ? *s->cap : 256;
		char *grown;
		while (*s->len + n + 1 > cap)
			cap *= 2;
		if ((grown = realloc(*s->buf, cap)) == NULL) {
			s->rc = AK_ENOMEM;
			return;
		}
		*s->buf = grown;
		*s->cap = cap;
	}
	memcpy(*s->buf + *s->len, p, n);
	*s->len += n;
	(*s->buf)[*s->len] = '\0';
}

static void
put_string(struct sink *s, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	put(s, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)str[i];
		char esc[6];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(s, str + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		put(s, esc, elen);
	}
	put(s, str + run, n - run);
	put(s, "\"", 1);
}

static void
put_value(struct sink *s, const json_t *v)
{
	char num[AK_NUM_BUFSIZE];
	const char *key;
	json_t *item;
	size_t i, n;
	int first = 1;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		put(s, "{", 1);
		json_object_foreach((json_t *)v, key, item) {
			if (!first)
				put(s, ",", 1);
			first = 0;
			put_string(s, key, strlen(key));
			put(s, ":", 1);
			put_value(s, item);
		}
		put(s, "}", 1);
		break;
	case JSON_ARRAY:
		put(s, "[", 1);
		json_array_foreach(v, i, item) {
			if (i > 0)
				put(s, ",", 1);
			put_value(s, item);
		}
		put(s, "]", 1);
		break;
	case JSON_STRING:
		put_string(s, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		                     json_integer_value(v));
		put(s, num, n);
		break;
	case JSON_REAL:
		n = ak_num_format(num, sizeof(num), json_real_value(v));
		put(s, num, n);
		break;
	case JSON_TRUE:
		put(s, "true", 4);
		break;
	case JSON_FALSE:
		put(s, "false", 5);
		break;
	case JSON_NULL:
		put(s, "null", 4);
		break;
	}
}

int
ak_write_record(FILE *out, const json_t *obj, ak_error *err)
{
	/* The line is built in memory and written with one fwrite: writing
	 * token by token cost a fifth of goals-load's time.  The buffer is
	 * kept per thread and reused. */
	static _Thread_local char *buf;
	static _Thread_local size_t cap;
	size_t len = 0;
	struct sink s = {NULL, &buf, &len, &cap, AK_OK};

	put_value(&s, obj);
	put(&s, "\n", 1);
	if (s.rc != AK_OK)
		return ak_error_set(err, s.rc, "", 0, "out of memory");
	errno = 0;
	if (fwrite(buf, 1, len, out) != len)
		return write_error(err);
	/* A record far larger than usual does not keep its memory. */
	if (cap > (1u << 20)) {
		free(buf);
		buf = NULL;
		cap = 0;
	}
	return AK_OK;
}

int
ak_json_append(char **buf, size_t *len, size_t *cap, const json_t *value)
{
	struct sink s = {NULL, buf, len, cap, AK_OK};

	put_value(&s, value);
	return s.rc;
}

/* A JSON string of text, with each byte that is not part of valid UTF-8
 * replaced by '?': messages quote input, and input may be broken. */
static json_t *
safe_string(const char *text)
{
	size_t n = strlen(text), i = 0, k;
	char *copy;
	json_t *s;

	if ((copy = malloc(n + 1)) == NULL)
		return NULL;
	while (i < n) {
		k = ak_utf8_decode((const unsigned char *)text + i, n - i, NULL);
		if (k == 0) {
			copy[i++] = '?';
			continue;
		}
		memcpy(copy + i, text + i, k);
		i += k;
	}
	copy[n] = '\0';
	s = json_stringn(copy, n);
	free(copy);
	return s;
}

json_t *
ak_error_record(const ak_error *err)
{
	char src[AK_ERROR_FILE_LENGTH + 32];
	json_t *rec = json_object();

	if (rec == NULL)
		return NULL;
	ak_error_src(src, sizeof(src), err);
	if (json_object_set_new(rec, "kind", json_string("error")) != 0 ||
	    (src[0] != '\0' &&
	     json_object_set_new(rec, "src", safe_string(src)) != 0) ||
	    json_object_set_new(rec, "message", safe_string(err->text)) != 0) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

void
ak_stream_buffer(FILE *fp)
{
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
}
