/* Bench data for kpi-score: one goal, K KPI records, then N measurements
 * spread over the 52 weeks up to 2026-11-22, as JSON Lines on stdout.
 * The seed is fixed, so every run writes the same bytes.
 * usage: gen N K */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: fast, and the same everywhere. */
static uint64_t
next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static const char *const aggregates[] = {"last", "sum", "avg", "min", "max"};
static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int
main(int argc, char **argv)
{
	long n, k;

	if (argc != 3 || (n = atol(argv[1])) < 0 || (k = atol(argv[2])) < 1) {
		fputs("usage: gen N K\n", stderr);
		return 2;
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	puts("{\"kind\":\"goal\",\"id\":\"G1\",\"title\":\"Bench goal\"}");
	for (long i = 0; i < k; i++)
		printf("{\"kind\":\"kpi\",\"id\":\"kpi-%05ld\",\"name\":\"Bench KPI %ld\","
		       "\"measures\":\"G1\",\"target\":%ld,\"aggregate\":\"%s\"}\n",
		       i, i, 100 + i % 50, aggregates[i % 5]);
	for (long i = 0; i < n; i++) {
		/* A day of the 364 before 2026-11-23: 2025-11-24 + d. */
		int d = (int)(next() % 364), y = 2025, m = 11, dd = 24;
		uint64_t r = next();

		while (d > 0) {
			int left = mdays[m - 1] - dd;
			if (d <= left) {
				dd += d;
				break;
			}
			d -= left + 1;
			dd = 1;
			if (++m == 13)
				m = 1, y++;
		}
		printf("{\"kind\":\"measurement\",\"kpi\":\"kpi-%05ld\",\"at\":\"%04d-%02d-%02d\","
		       "\"value\":%lu.%02lu}\n",
		       (long)(r % (uint64_t)k), y, m, dd,
		       (unsigned long)(r >> 32) % 200, (unsigned long)(r >> 20) % 100);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
