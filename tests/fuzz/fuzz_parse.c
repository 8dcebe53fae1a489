/* Fuzz target: the scalar parsers every input goes through: numbers (with
 * and without decimal comma), dates, measurement date-times, period labels
 * and wide-sheet headings.  Each must accept or reject without crashing,
 * and what it accepts must print and parse back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alignkit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char buf[AK_NUM_BUFSIZE], label[AK_PERIOD_BUFSIZE], day[AK_DATE_BUFSIZE];
	ak_error err;
	ak_period p, back;
	ak_date d, d2;
	double v, v2;

	if (ak_num_parse(&v, s, size, 0, &err) == AK_OK) {
		size_t n = ak_num_format(buf, sizeof(buf), v);
		if (ak_num_parse(&v2, buf, n, 0, &err) != AK_OK || v2 != v)
			abort();
	}
	(void)ak_num_parse(&v, s, size, AK_NUM_DECIMAL_COMMA, &err);
	if (ak_date_parse(&d, s, size, &err) == AK_OK) {
		ak_date_format(day, d);
		if (ak_date_parse(&d2, day, 10, &err) != AK_OK || d2 != d)
			abort();
	}
	if (ak_date_parse_at(&d, s, size, &err) == AK_OK &&
	    (d < AK_DATE_MIN || d > AK_DATE_MAX))
		abort();
	if (ak_period_parse(&p, s, size, &err) == AK_OK) {
		size_t n = ak_period_label(label, p);
		if (ak_period_parse(&back, label, n, &err) != AK_OK ||
		    back.start != p.start || back.end != p.end || back.kind != p.kind)
			abort();
		if (p.start > p.end || ak_period_of(p.kind, p.start).end != p.end)
			abort();
	}
	(void)ak_period_parse_heading(&d, s, size, &err);
	return 0;
}
