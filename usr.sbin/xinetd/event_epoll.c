/*
 * The event loop on epoll(7), Linux.  A batch is dispatched whole; a
 * descriptor removed meanwhile loses what the batch still holds for it,
 * so that one opened again on its number gets nothing stale.
 */

#ifdef __linux__

#include <sys/epoll.h>

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "event_impl.h"

#define EPOLL_BATCH	64

struct epoll_state {
	int		 epfd;
	struct epoll_event ev[EPOLL_BATCH];	/* the batch dispatched */
	int		 n;			/* events in it */
	int		 next;			/* the next to dispatch */
};

static unsigned
to_epoll(unsigned what)
{
	return ((what & EV_READ) ? EPOLLIN : 0) |
	    ((what & EV_WRITE) ? EPOLLOUT : 0);
}

static int
epoll_init(struct event_loop *loop)
{
	struct epoll_state *st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	if ((st->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		free(st);
		return -1;
	}
	loop->be = st;
	return 0;
}

static void
epoll_fini(struct event_loop *loop)
{
	struct epoll_state *st = loop->be;

	close(st->epfd);
	free(st);
}

static int
epoll_set(struct event_loop *loop, int fd, bool known, unsigned what)
{
	struct epoll_state *st = loop->be;
	struct epoll_event ev = { .events = to_epoll(what), .data.fd = fd };

	return epoll_ctl(st->epfd, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd,
	    &ev);
}

static int
epoll_del(struct event_loop *loop, int fd)
{
	struct epoll_state *st = loop->be;
	struct epoll_event ev = { 0 };
	int i;

	for (i = st->next; i < st->n; i++)
		if (st->ev[i].data.fd == fd)
			st->ev[i].events = 0;
	return epoll_ctl(st->epfd, EPOLL_CTL_DEL, fd, &ev);
}

static int
epoll_wait_events(struct event_loop *loop, int timeout_ms)
{
	struct epoll_state *st = loop->be;
	unsigned what, got;
	int n;

	if ((n = epoll_wait(st->epfd, st->ev, EPOLL_BATCH, timeout_ms)) == -1)
		return errno == EINTR ? 0 : -1;
	for (st->n = n, st->next = 0; st->next < st->n;) {
		got = st->ev[st->next].events;
		what = 0;
		/* A hang-up or an error is read to learn what happened. */
		if (got & (EPOLLIN | EPOLLHUP | EPOLLERR))
			what |= EV_READ;
		if (got & (EPOLLOUT | EPOLLERR))
			what |= EV_WRITE;
		st->next++;
		if (what != 0)
			event_dispatch(loop, st->ev[st->next - 1].data.fd,
			    what);
	}
	st->n = st->next = 0;
	return 0;
}

const struct event_ops event_epoll_ops = {
	"epoll", epoll_init, epoll_fini, epoll_set, epoll_del,
	epoll_wait_events
};

#endif /* __linux__ */
