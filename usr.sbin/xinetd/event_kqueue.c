/*
 * The event loop on kqueue(2): FreeBSD, NetBSD, OpenBSD, DragonFly and
 * macOS.  Read and write interest are two filters of one descriptor;
 * a change is sent to the kernel at once, so no change list is kept.
 * A batch is dispatched whole; a descriptor removed meanwhile loses what
 * the batch still holds for it, so that one opened again on its number
 * gets nothing stale.
 */

#include "event_impl.h"

#ifdef EVENT_HAVE_KQUEUE

#include <sys/types.h>
#include <sys/event.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KQUEUE_BATCH	64

struct kqueue_state {
	int		 kq;
	unsigned	*what;		/* what the kernel has, by fd */
	size_t		 nwhat;
	struct kevent	 ev[KQUEUE_BATCH];	/* the batch dispatched */
	int		 n;			/* events in it */
	int		 next;			/* the next to dispatch */
};

static int
kqueue_init(struct event_loop *loop)
{
	struct kqueue_state *st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return -1;
	if ((st->kq = kqueue()) == -1) {
		free(st);
		return -1;
	}
	if (fcntl(st->kq, F_SETFD, FD_CLOEXEC) == -1) {
		close(st->kq);
		free(st);
		return -1;
	}
	loop->be = st;
	return 0;
}

static void
kqueue_fini(struct event_loop *loop)
{
	struct kqueue_state *st = loop->be;

	close(st->kq);
	free(st->what);
	free(st);
}

static int
what_grow(struct kqueue_state *st, int fd)
{
	unsigned *v;
	size_t n;

	if ((size_t)fd < st->nwhat)
		return 0;
	n = st->nwhat ? st->nwhat : 64;
	while (n <= (size_t)fd)
		n *= 2;
	if ((v = reallocarray(st->what, n, sizeof(*v))) == NULL)
		return -1;
	memset(v + st->nwhat, 0, (n - st->nwhat) * sizeof(*v));
	st->what = v;
	st->nwhat = n;
	return 0;
}

/* Bring the kernel's two filters for fd in line with what. */
static int
kqueue_apply(struct kqueue_state *st, int fd, unsigned what)
{
	struct kevent ch[2];
	unsigned had = st->what[fd];
	int n = 0;

	if ((what & EV_READ) != (had & EV_READ))
		EV_SET(&ch[n++], fd, EVFILT_READ,
		    (what & EV_READ) ? EV_ADD : EV_DELETE, 0, 0, 0);
	if ((what & EV_WRITE) != (had & EV_WRITE))
		EV_SET(&ch[n++], fd, EVFILT_WRITE,
		    (what & EV_WRITE) ? EV_ADD : EV_DELETE, 0, 0, 0);
	if (n > 0 && kevent(st->kq, ch, n, NULL, 0, NULL) == -1)
		return -1;
	st->what[fd] = what;
	return 0;
}

static int
kqueue_set(struct event_loop *loop, int fd, bool known, unsigned what)
{
	struct kqueue_state *st = loop->be;

	(void)known;
	if (what_grow(st, fd) == -1)
		return -1;
	return kqueue_apply(st, fd, what);
}

static int
kqueue_del(struct event_loop *loop, int fd)
{
	struct kqueue_state *st = loop->be;
	int i;

	for (i = st->next; i < st->n; i++)
		if (st->ev[i].ident == (uintptr_t)fd)
			st->ev[i].filter = 0;	/* neither read nor write */
	if ((size_t)fd >= st->nwhat)
		return 0;
	return kqueue_apply(st, fd, 0);
}

static int
kqueue_wait(struct event_loop *loop, int timeout_ms)
{
	struct kqueue_state *st = loop->be;
	struct timespec ts, *tsp = NULL;
	struct kevent *e;
	int n;

	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
		tsp = &ts;
	}
	if ((n = kevent(st->kq, NULL, 0, st->ev, KQUEUE_BATCH, tsp)) == -1)
		return errno == EINTR ? 0 : -1;
	for (st->n = n, st->next = 0; st->next < st->n;) {
		e = &st->ev[st->next++];
		if (e->flags & EV_ERROR)
			continue;
		if (e->filter == EVFILT_READ)
			event_dispatch(loop, (int)e->ident, EV_READ);
		else if (e->filter == EVFILT_WRITE)
			event_dispatch(loop, (int)e->ident, EV_WRITE);
	}
	st->n = st->next = 0;
	return 0;
}

const struct event_ops event_kqueue_ops = {
	"kqueue", kqueue_init, kqueue_fini, kqueue_set, kqueue_del,
	kqueue_wait
};

#else

/* ISO C wants something in every translation unit. */
extern int	event_kqueue_unused;

#endif /* EVENT_HAVE_KQUEUE */
