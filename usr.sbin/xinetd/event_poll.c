/*
 * The event loop on poll(2), for every system.  The pollfd array is
 * rebuilt only after the set of watched descriptors changed.  What one
 * poll reported is dispatched whole even when callbacks change the set:
 * event_dispatch passes only what is still asked for, and a descriptor
 * removed loses what was reported for it, so that one opened again on
 * its number meanwhile gets nothing stale.  Stopping at the first change
 * instead would cost a poll of every descriptor per event.
 */

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "event_impl.h"

struct poll_state {
	struct pollfd	*pfd;
	size_t		 n;
	size_t		 cap;
	bool		 dirty;
};

static int
poll_init(struct event_loop *loop)
{
	struct poll_state *st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	st->dirty = true;
	loop->be = st;
	return 0;
}

static void
poll_fini(struct event_loop *loop)
{
	struct poll_state *st = loop->be;

	free(st->pfd);
	free(st);
}

static int
poll_set(struct event_loop *loop, int fd, bool known, unsigned what)
{
	struct poll_state *st = loop->be;

	(void)fd;
	(void)known;
	(void)what;
	st->dirty = true;
	return 0;
}

static int
poll_del(struct event_loop *loop, int fd)
{
	struct poll_state *st = loop->be;
	size_t lo = 0, hi = st->n, mid;

	/* The array is in descriptor order; a removal keeps it so. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (st->pfd[mid].fd < fd)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < st->n && st->pfd[lo].fd == fd)
		st->pfd[lo].revents = 0;
	return poll_set(loop, fd, true, 0);
}

static int
poll_rebuild(struct event_loop *loop)
{
	struct poll_state *st = loop->be;
	struct pollfd *v;
	size_t fd, n = 0;

	for (fd = 0; fd < loop->nfds; fd++)
		if (loop->fds[fd].used && loop->fds[fd].what != 0)
			n++;
	if (n > st->cap) {
		if ((v = reallocarray(st->pfd, n, sizeof(*v))) == NULL)
			return -1;
		st->pfd = v;
		st->cap = n;
	}
	st->n = 0;
	for (fd = 0; fd < loop->nfds; fd++) {
		if (!loop->fds[fd].used || loop->fds[fd].what == 0)
			continue;
		st->pfd[st->n].fd = (int)fd;
		st->pfd[st->n].events =
		    ((loop->fds[fd].what & EV_READ) ? POLLIN : 0) |
		    ((loop->fds[fd].what & EV_WRITE) ? POLLOUT : 0);
		st->n++;
	}
	st->dirty = false;
	return 0;
}

static int
poll_wait(struct event_loop *loop, int timeout_ms)
{
	struct poll_state *st = loop->be;
	unsigned what;
	size_t i, n;
	int rv;

	if (st->dirty && poll_rebuild(loop) == -1)
		return -1;
	if ((rv = poll(st->pfd, (nfds_t)st->n, timeout_ms)) == -1)
		return errno == EINTR ? 0 : -1;
	/* Callbacks may change the set: walk the array as polled. */
	n = st->n;
	for (i = 0; i < n && rv > 0; i++) {
		if (st->pfd[i].revents == 0)
			continue;
		rv--;
		what = 0;
		/* A closed descriptor is passed on: the callback learns it. */
		if (st->pfd[i].revents & (POLLIN | POLLHUP | POLLERR |
		    POLLNVAL))
			what |= EV_READ;
		if (st->pfd[i].revents & (POLLOUT | POLLERR | POLLNVAL))
			what |= EV_WRITE;
		event_dispatch(loop, st->pfd[i].fd, what);
	}
	return 0;
}

const struct event_ops event_poll_ops = {
	"poll", poll_init, poll_fini, poll_set, poll_del, poll_wait
};
