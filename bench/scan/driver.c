/* Times one way of reading the measurement lines of FILE, after one
 * untimed pass that brings the file into the page cache:
 *   getline  reading the lines alone (the I/O floor)
 *   jansson  json_loadb of each line with JSON_REJECT_DUPLICATES, as the
 *            toolkit's reader parses it, and json_decref
 *   scan     the measurement fast path, ak_scan_measurement (a line it
 *            does not recognise is parsed with jansson, as a tool would)
 * usage: driver MODE FILE; prints "SECONDS LINES RECOGNISED". */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scan_internal.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	char *line = NULL, *scratch = NULL;
	size_t cap = 0, scratch_cap = 0, lines = 0, recognised = 0;
	double sink = 0, start;
	ssize_t n;
	FILE *fp;
	int mode;

	if (argc != 3 || (fp = fopen(argv[2], "rb")) == NULL) {
		fputs("usage: driver getline|jansson|scan FILE\n", stderr);
		return 2;
	}
	if (strcmp(argv[1], "getline") == 0)
		mode = 0;
	else if (strcmp(argv[1], "jansson") == 0)
		mode = 1;
	else if (strcmp(argv[1], "scan") == 0)
		mode = 2;
	else
		return 2;
	while (getline(&line, &cap, fp) > 0)
		;
	rewind(fp);
	start = now();
	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t len = (size_t)n;
		ak_measurement_line m;
		json_t *v;

		if (line[len - 1] == '\n')
			line[--len] = '\0';
		lines++;
		if (mode == 0)
			continue;
		if (mode == 2) {
			if (scratch_cap < len) {
				free(scratch);
				scratch_cap = cap;
				if ((scratch = malloc(scratch_cap)) == NULL)
					return 1;
			}
			if (ak_scan_measurement(&m, line, len, scratch, scratch_cap)) {
				recognised++;
				sink += m.value + (double)m.kpi_len;
				continue;
			}
		}
		if ((v = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
			return 1;
		json_decref(v);
	}
	printf("%.4f %zu %zu\n", now() - start, lines, recognised);
	free(line);
	free(scratch);
	fclose(fp);
	return sink < 0 ? 1 : 0;
}
