/*
 * Single attribute values.
 */

#ifndef VALUE_H
#define VALUE_H

#include "xcfg.h"

struct keyword {
	const char	*name;
	unsigned	 value;
};

int		 value_int(const char *, long long, long long, long long *);
int		 value_intv(const char *, int, int, int *);
int		 value_limit(const char *, int, int, int *);
int		 value_size(const char *, long long *);
int		 value_bool(const char *, bool *);
int		 value_interval(const char *, struct xcfg_interval *);
int		 value_keyword(const struct keyword *, const char *,
		    unsigned *);
const char	*value_keyword_name(const struct keyword *, unsigned);

extern const struct keyword kw_type[], kw_flags[], kw_log_success[],
		    kw_log_failure[], kw_socktype[], kw_facility[], kw_level[];

#endif /* VALUE_H */
