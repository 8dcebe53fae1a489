/* The floor kpi-score is measured against: read JSON Lines with getline
 * and parse each line with jansson, as every alignkit tool must, and do
 * nothing else.  usage: bare [FLAGS] < FILE (FLAGS: 0, or 1 for
 * JSON_REJECT_DUPLICATES, which the toolkit's reader uses; default 1) */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>

int
main(int argc, char **argv)
{
	size_t flags = argc > 1 && atoi(argv[1]) == 0 ? 0 : JSON_REJECT_DUPLICATES;
	char *line = NULL;
	size_t cap = 0, lines = 0;
	ssize_t n;
	json_error_t err;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		json_t *v = json_loadb(line, (size_t)n, flags, &err);
		if (v == NULL)
			return 1;
		json_decref(v);
		lines++;
	}
	free(line);
	printf("%zu\n", lines);
	return 0;
}
