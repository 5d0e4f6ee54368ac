/*
 * Parsing single attribute values: numbers, sizes, limits, yes/no,
 * times of day, keywords.  Each returns 0 on success and -1 when the
 * text is not of the kind asked for; callers word the message.
 */

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "value.h"

int
value_int(const char *s, long long min, long long max, long long *out)
{
	const char *p = s;
	long long v;
	char *end;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
value_intv(const char *s, int min, int max, int *out)
{
	long long v;

	if (value_int(s, min, max, &v) == -1)
		return -1;
	*out = (int)v;
	return 0;
}

/* N or UNLIMITED */
int
value_limit(const char *s, int min, int max, int *out)
{
	if (strcasecmp(s, "UNLIMITED") == 0) {
		*out = XCFG_UNLIMITED;
		return 0;
	}
	return value_intv(s, min, max, out);
}

/* Bytes with an optional K, M or G suffix. */
int
value_size(const char *s, long long *out)
{
	long long mult = 1, v;
	size_t n = strlen(s);
	char buf[32];

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	switch (buf[n - 1]) {
	case 'k': case 'K':
		mult = 1024;
		break;
	case 'm': case 'M':
		mult = 1024 * 1024;
		break;
	case 'g': case 'G':
		mult = 1024 * 1024 * 1024;
		break;
	}
	if (mult != 1)
		buf[n - 1] = '\0';
	if (buf[0] == '-' || buf[0] == '+' ||
	    value_int(buf, 0, LLONG_MAX / mult, &v) == -1)
		return -1;
	*out = v * mult;
	return 0;
}

int
value_bool(const char *s, bool *out)
{
	if (strcasecmp(s, "yes") == 0)
		*out = true;
	else if (strcasecmp(s, "no") == 0)
		*out = false;
	else
		return -1;
	return 0;
}

/* "hh:mm" into minutes after midnight; 24:00 only when end is set. */
static int
value_clock(const char *s, size_t n, bool end, int *out)
{
	int h, m;

	if (n < 4 || n > 5 || s[n - 3] != ':' ||
	    !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[n - 1]) ||
	    !isdigit((unsigned char)s[n - 2]) ||
	    (n == 5 && !isdigit((unsigned char)s[1])))
		return -1;
	h = s[0] - '0';
	if (n == 5)
		h = h * 10 + s[1] - '0';
	m = (s[n - 2] - '0') * 10 + s[n - 1] - '0';
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end)))
		return -1;
	*out = h * 60 + m;
	return 0;
}

/* "hh:mm-hh:mm" */
int
value_interval(const char *s, struct xcfg_interval *out)
{
	const char *dash;

	if ((dash = strchr(s, '-')) == NULL ||
	    value_clock(s, (size_t)(dash - s), false, &out->start) == -1 ||
	    value_clock(dash + 1, strlen(dash + 1), true, &out->end) == -1)
		return -1;
	return 0;
}

int
value_keyword(const struct keyword *kw, const char *s, unsigned *out)
{
	for (; kw->name != NULL; kw++) {
		if (strcasecmp(kw->name, s) == 0) {
			*out = kw->value;
			return 0;
		}
	}
	return -1;
}

const char *
value_keyword_name(const struct keyword *kw, unsigned value)
{
	for (; kw->name != NULL; kw++)
		if (kw->value == value)
			return kw->name;
	return NULL;
}
