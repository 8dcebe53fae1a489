/* The fast path for the common measurement line (SPEC §11).  It follows
 * jansson 2.14's grammar exactly where it recognises a line, and says "not
 * mine" wherever it would have to guess: tests/fuzz/fuzz_scan.c feeds the
 * same bytes to it and to jansson and requires them to agree. */
#include <float.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "alignkit/num.h"
#include "scan_internal.h"
#include "util_internal.h"

struct scan {
	const unsigned char *p, *end; /* the bytes left of the line */
	char *dst, *dst_end;          /* the scratch left for decoded text */
};

/* JSON's white space (RFC 8259 §2), as jansson skips it: narrower than
 * ak_is_space, which also takes \v and \f. */
static inline int
is_json_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline void
skip_space(struct scan *s)
{
	while (s->p < s->end && is_json_space(*s->p))
		s->p++;
}

static inline int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The four hex digits at p (at least 4 bytes left), or -1. */
static long
hex4(const unsigned char *p)
{
	long v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Writes n bytes to the scratch; 0 when it is full. */
static inline int
put(struct scan *s, const void *bytes, size_t n)
{
	if ((size_t)(s->dst_end - s->dst) < n)
		return 0;
	memcpy(s->dst, bytes, n);
	s->dst += n;
	return 1;
}

static int
put_code_point(struct scan *s, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return put(s, b, n);
}

/* A key, s->p just past its opening quote: its raw bytes, which are its
 * value, since a key with an escape is left to jansson (two spellings of
 * one key would make the duplicate check compare decoded text). */
static int
scan_key(struct scan *s, const unsigned char **key, size_t *len)
{
	const unsigned char *start = s->p;

	while (s->p < s->end) {
		unsigned char c = *s->p;
		if (c == '"') {
			*key = start;
			*len = (size_t)(s->p - start);
			s->p++;
			return 1;
		}
		if (c < 0x20 || c == '\\')
			return 0;
		if (c < 0x80) {
			s->p++;
		} else {
			size_t n = ak_utf8_decode(s->p, (size_t)(s->end - s->p), NULL);
			if (n == 0)
				return 0;
			s->p += n;
		}
	}
	return 0;
}

/* A string value, s->p just past its opening quote.  With decode, its
 * text goes to the scratch, NUL-terminated, and *text and *len say where;
 * without, it is only checked.  Refused as jansson refuses: a control
 * character, an unknown escape, a lone or reversed surrogate, \u0000
 * (which jansson takes only with JSON_ALLOW_NUL), invalid UTF-8. */
static int
scan_string(struct scan *s, int decode, const char **text, size_t *len)
{
	char *start = s->dst;

	while (s->p < s->end) {
		const unsigned char *run = s->p;
		unsigned char c;

		/* The plain bytes up to the next quote, escape or non-ASCII
		 * byte go over in one copy. */
		while (s->p < s->end && (c = *s->p) >= 0x20 && c < 0x80 &&
		       c != '"' && c != '\\')
			s->p++;
		if (decode && s->p > run && !put(s, run, (size_t)(s->p - run)))
			return 0;
		if (s->p == s->end)
			return 0;
		c = *s->p;
		if (c == '"') {
			s->p++;
			if (decode) {
				if (!put(s, "", 1))
					return 0;
				*text = start;
				*len = (size_t)(s->dst - start) - 1;
			}
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c >= 0x80) {
			size_t n = ak_utf8_decode(s->p, (size_t)(s->end - s->p), NULL);
			if (n == 0 || (decode && !put(s, s->p, n)))
				return 0;
			s->p += n;
			continue;
		}
		/* An escape. */
		if (s->end - s->p < 2)
			return 0;
		c = s->p[1];
		s->p += 2;
		if (c == 'u') {
			long cp, lo;
			if (s->end - s->p < 4 || (cp = hex4(s->p)) < 0)
				return 0;
			s->p += 4;
			if (cp == 0 || (cp >= 0xdc00 && cp <= 0xdfff))
				return 0;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
				    (lo = hex4(s->p + 2)) < 0xdc00 || lo > 0xdfff)
					return 0;
				s->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (decode && !put_code_point(s, (uint32_t)cp))
				return 0;
			continue;
		}
		switch (c) {
		case '"': case '\\': case '/': break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		default: return 0;
		}
		if (decode && !put(s, &c, 1))
			return 0;
	}
	return 0;
}

/* Powers of ten a double holds exactly. */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* A number, s->p at its first byte, and its value as jansson gives it
 * through json_number_value: an integer (no fraction, no exponent) is a
 * json_int_t, refused when it does not fit (jansson's "too big integer"),
 * converted to double; a real is strtod's correctly rounded value, refused
 * when it overflows (jansson's "real number overflow"; an underflow is
 * taken, as jansson takes it). */
static int
scan_number(struct scan *s, double *out)
{
	const unsigned char *start = s->p, *p = s->p, *end = s->end;
	uint64_t m = 0;          /* the significant digits, up to 19 */
	int ndigits = 0, nfrac = 0, exact = 1, neg = 0;
	long exp = 0;

	if (p < end && *p == '-')
		neg = 1, p++;
	if (p == end || !is_digit(*p))
		return 0;
	if (*p == '0') {
		p++;
		if (p < end && is_digit(*p))
			return 0; /* a leading zero */
	} else {
		for (; p < end && is_digit(*p); p++) {
			if (ndigits < 19)
				m = m * 10 + (uint64_t)(*p - '0'), ndigits++;
			else
				exact = 0;
		}
	}
	if (p == end || (*p != '.' && *p != 'e' && *p != 'E')) {
		/* An integer, as strtoll takes it. */
		uint64_t limit = neg ? (uint64_t)LLONG_MAX + 1 : (uint64_t)LLONG_MAX;
		long long v;
		if (!exact || m > limit)
			return 0;
		if (!neg)
			v = (long long)m;
		else if (m == (uint64_t)LLONG_MAX + 1)
			v = LLONG_MIN;
		else
			v = -(long long)m;
		*out = (double)v;
		s->p = p;
		return 1;
	}
	if (*p == '.') {
		p++;
		if (p == end || !is_digit(*p))
			return 0;
		for (; p < end && is_digit(*p); p++) {
			nfrac++;
			if (m == 0 && *p == '0')
				continue; /* a leading zero of the fraction */
			if (ndigits < 19)
				m = m * 10 + (uint64_t)(*p - '0'), ndigits++;
			else
				exact = 0;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p == '-', p++;
		if (p == end || !is_digit(*p))
			return 0;
		for (; p < end && is_digit(*p); p++)
			if (exp < 100000)
				exp = exp * 10 + (*p - '0');
		if (eneg)
			exp = -exp;
	}
	s->p = p;
	if (exact && m == 0) {
		*out = neg ? -0.0 : 0.0;
		return 1;
	}
#if FLT_EVAL_METHOD == 0
	/* Clinger's fast path: digits and power of ten both exact doubles,
	 * so one IEEE multiplication or division rounds the exact decimal
	 * value correctly, as strtod does. */
	exp -= nfrac;
	if (exact && m <= (UINT64_C(1) << 53) && exp >= -22 && exp <= 22) {
		double v = (double)m;
		v = exp < 0 ? v / exact_pow10[-exp] : v * exact_pow10[exp];
		*out = neg ? -v : v;
		return 1;
	}
#endif
	/* The rest through the toolkit's strtod in the C locale, as jansson's
	 * (locale-adjusted) strtod reads it; a long literal is left to
	 * jansson rather than copied here. */
	if (p - start > 63 || ak_num_parse(out, (const char *)start,
	                                   (size_t)(p - start), 0, NULL) != 0)
		return 0;
	/* ak_num_parse makes -0 of an underflow 0; strtod, and so jansson,
	 * keeps the sign ("-1e-400" is -0.0). */
	if (*out == 0 && neg)
		*out = -0.0;
	return 1;
}

/* The value of a key this scanner does not know: checked, not kept. */
static int
scan_other_value(struct scan *s)
{
	static const char *const words[] = {"true", "false", "null"};
	double ignored;

	if (s->p == s->end)
		return 0;
	if (*s->p == '"') {
		s->p++;
		return scan_string(s, 0, NULL, NULL);
	}
	if (*s->p == '-' || is_digit(*s->p))
		return scan_number(s, &ignored);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);
		if ((size_t)(s->end - s->p) >= n && memcmp(s->p, words[i], n) == 0) {
			s->p += n;
			return 1;
		}
	}
	return 0; /* an object, an array, or not JSON */
}

enum field { F_KIND, F_KPI, F_AT, F_VALUE, F_NOTE, F_SRC, F_OTHER };

static enum field
field_of(const unsigned char *key, size_t len)
{
	static const struct {
		const char *name;
		size_t len;
	} known[] = {
		{"kind", 4}, {"kpi", 3}, {"at", 2}, {"value", 5}, {"note", 4}, {"src", 3}
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (len == known[i].len && memcmp(key, known[i].name, len) == 0)
			return (enum field)i;
	return F_OTHER;
}

/* A string or null for note and src. */
static int
scan_optional_string(struct scan *s, int *type, const char **text, size_t *len)
{
	if (s->p < s->end && *s->p == '"') {
		s->p++;
		*type = AK_SCAN_STRING;
		return scan_string(s, 1, text, len);
	}
	if (s->end - s->p >= 4 && memcmp(s->p, "null", 4) == 0) {
		s->p += 4;
		*type = AK_SCAN_NULL;
		return 1;
	}
	return 0;
}

static int
scan_required_string(struct scan *s, const char **text, size_t *len)
{
	if (s->p == s->end || *s->p != '"')
		return 0;
	s->p++;
	return scan_string(s, 1, text, len);
}

int
ak_scan_measurement(ak_measurement_line *out, const char *line, size_t len,
                    char *scratch, size_t scratch_size)
{
	struct scan s;
	struct {
		const unsigned char *key;
		size_t len;
	} other[AK_SCAN_MAX_OTHER];
	unsigned seen = 0;
	const char *kind;
	size_t kind_len;

	s.p = (const unsigned char *)line;
	s.end = s.p + len;
	s.dst = scratch;
	s.dst_end = scratch + scratch_size;
	memset(out, 0, sizeof(*out));

	skip_space(&s);
	if (s.p == s.end || *s.p++ != '{')
		return 0;
	skip_space(&s);
	for (;;) {
		const unsigned char *key;
		size_t key_len;
		enum field f;
		int ok;

		if (s.p == s.end || *s.p++ != '"' || !scan_key(&s, &key, &key_len))
			return 0;
		skip_space(&s);
		if (s.p == s.end || *s.p++ != ':')
			return 0;
		skip_space(&s);
		f = field_of(key, key_len);
		if (f != F_OTHER) {
			if (seen & (1u << f))
				return 0; /* a duplicate key */
			seen |= 1u << f;
		}
		switch (f) {
		case F_KIND: {
			char *mark = s.dst;
			ok = scan_required_string(&s, &kind, &kind_len) &&
			     kind_len == 11 && memcmp(kind, "measurement", 11) == 0;
			s.dst = mark; /* the scratch is not needed for it */
			break;
		}
		case F_KPI:
			ok = scan_required_string(&s, &out->kpi, &out->kpi_len);
			break;
		case F_AT:
			ok = scan_required_string(&s, &out->at, &out->at_len);
			break;
		case F_VALUE:
			if (s.end - s.p >= 4 && memcmp(s.p, "null", 4) == 0) {
				s.p += 4;
				out->value_type = AK_SCAN_NULL;
				ok = 1;
			} else {
				out->value_type = AK_SCAN_NUMBER;
				ok = scan_number(&s, &out->value);
			}
			break;
		case F_NOTE:
			ok = scan_optional_string(&s, &out->note_type, &out->note,
			                          &out->note_len);
			break;
		case F_SRC:
			ok = scan_optional_string(&s, &out->src_type, &out->src,
			                          &out->src_len);
			break;
		default:
			/* A partial's fields (n, sum, sum_lo, min, max, last,
			 * last_at) are jansson's to read. */
			if (out->nother == AK_SCAN_MAX_OTHER ||
			    (key_len == 1 && key[0] == 'n') ||
			    (key_len >= 3 && key_len <= 7 &&
			     (memcmp(key, "sum", 3) == 0 || memcmp(key, "min", 3) == 0 ||
			      memcmp(key, "max", 3) == 0 ||
			      (key_len >= 4 && memcmp(key, "last", 4) == 0))))
				return 0;
			for (size_t i = 0; i < out->nother; i++)
				if (other[i].len == key_len &&
				    memcmp(other[i].key, key, key_len) == 0)
					return 0; /* a duplicate key */
			other[out->nother].key = key;
			other[out->nother].len = key_len;
			out->nother++;
			ok = scan_other_value(&s);
			break;
		}
		if (!ok)
			return 0;
		skip_space(&s);
		if (s.p == s.end)
			return 0;
		if (*s.p == '}') {
			s.p++;
			break;
		}
		if (*s.p++ != ',')
			return 0;
		skip_space(&s);
	}
	skip_space(&s);
	if (s.p != s.end)
		return 0; /* trailing bytes */
	if ((seen & 0xfu) != 0xfu)
		return 0; /* kind, kpi, at or value missing */
	return 1;
}
