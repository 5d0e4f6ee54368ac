/*
 * A bounded table of client addresses (the keys of source_key), found
 * by hashing: the sensor's deny list and the per-minute counts per
 * source look a client up on every connection, and must not slow down
 * as they fill.
 */

#ifndef ADDRTAB_H
#define ADDRTAB_H

#include <stddef.h>
#include <stdint.h>

#define ADDRTAB_KEYLEN	17

struct addrent {
	uint8_t		 key[ADDRTAB_KEYLEN];
	uint8_t		 prefix6;	/* how an IPv6 key was cut */
	uint64_t	 t;		/* the owner's time: expiry, start */
	int		 n;		/* the owner's count */
	uint32_t	 next;		/* hash chain; ADDRTAB_NONE ends it */
};

#define ADDRTAB_NONE	UINT32_MAX

struct addrtab {
	struct addrent	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 max;		/* never more entries than this */
	uint32_t	*heads;		/* max rounded up to a power of two */
	size_t		 nheads;
};

void		 addrtab_init(struct addrtab *, size_t);
struct addrent	*addrtab_find(const struct addrtab *, const uint8_t *, int);
/* A new entry for key; NULL when the table is full or memory is out. */
struct addrent	*addrtab_add(struct addrtab *, const uint8_t *, int);
/* Remove e; the last entry moves into its place. */
void		 addrtab_remove(struct addrtab *, struct addrent *);
void		 addrtab_free(struct addrtab *);

#endif /* ADDRTAB_H */
