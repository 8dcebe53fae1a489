/* ak_error: the detail behind a negative status code, and the one way the
 * tools print it ("PROG: FILE:LINE: message"). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alignkit/error.h"

void
ak_error_clear(ak_error *err)
{
	if (err == NULL)
		return;
	err->text[0] = '\0';
	err->file[0] = '\0';
	err->line = 0;
	err->column = 0;
}

static void
copy_file(ak_error *err, const char *file)
{
	size_t n = strlen(file);

	if (n >= sizeof(err->file))
		n = sizeof(err->file) - 1;
	memmove(err->file, file, n);
	err->file[n] = '\0';
}

int
ak_error_set(ak_error *err, int code, const char *file, long line,
             const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	if (file != NULL)
		copy_file(err, file);
	err->line = line;
	err->column = 0;
	return code;
}

void
ak_error_locate(ak_error *err, const char *file, long line, long column)
{
	if (err == NULL)
		return;
	if (file != NULL)
		copy_file(err, file);
	err->line = line;
	err->column = column;
}

void
ak_error_prefix(ak_error *err, const char *fmt, ...)
{
	char prefix[AK_ERROR_TEXT_LENGTH];
	char text[AK_ERROR_TEXT_LENGTH];
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(text, err->text, sizeof(text));
	/* The message is cut at the buffer's end rather than lost. */
	size_t plen = strlen(prefix), tlen = strlen(text);
	if (plen + tlen >= sizeof(err->text))
		tlen = sizeof(err->text) - 1 - plen;
	memcpy(err->text, prefix, plen);
	memcpy(err->text + plen, text, tlen);
	err->text[plen + tlen] = '\0';
}

/* Control characters from the input never reach a terminal raw. */
static void
put_safe(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		putc(c < 0x20 || c == 0x7f ? '?' : c, fp);
	}
}

void
ak_error_print(FILE *fp, const char *prog, const ak_error *err)
{
	if (prog != NULL && *prog != '\0')
		fprintf(fp, "%s: ", prog);
	if (err->file[0] != '\0') {
		put_safe(fp, err->file);
		if (err->line > 0)
			fprintf(fp, ":%ld", err->line);
		if (err->line > 0 && err->column > 0)
			fprintf(fp, ":%ld", err->column);
		fputs(": ", fp);
	}
	put_safe(fp, err->text[0] != '\0' ? err->text : "unknown error");
	putc('\n', fp);
}

void
ak_error_src(char *buf, size_t size, const ak_error *err)
{
	if (size == 0)
		return;
	if (err->file[0] == '\0')
		buf[0] = '\0';
	else if (err->line > 0)
		snprintf(buf, size, "%s:%ld", err->file, err->line);
	else
		snprintf(buf, size, "%s", err->file);
}
