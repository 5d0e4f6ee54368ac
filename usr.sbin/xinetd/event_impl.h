/*
 * Inside the event loop: what the common code and the backends share.
 */

#ifndef EVENT_IMPL_H
#define EVENT_IMPL_H

#include <signal.h>

#include "event.h"

#if defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__) || \
    defined(__DragonFly__) || defined(__APPLE__)
#define EVENT_HAVE_KQUEUE	1
#endif

#ifndef NSIG
#define NSIG	65
#endif

struct event_fd {
	event_fd_cb	 cb;
	void		*arg;
	unsigned	 what;		/* EV_READ | EV_WRITE */
	bool		 used;
};

/* A kernel interface: it reports readiness through event_dispatch(). */
struct event_ops {
	const char	*name;
	int		(*init)(struct event_loop *);
	void		(*fini)(struct event_loop *);
	int		(*set)(struct event_loop *, int, bool, unsigned);
	int		(*del)(struct event_loop *, int);
	int		(*wait)(struct event_loop *, int);
};

struct event_timer {
	uint64_t	 when;		/* event_now_ms() deadline */
	uint64_t	 seq;		/* ties fire in the order added */
	size_t		 slot;		/* place in the heap */
	event_timer_cb	 cb;
	void		*arg;
};

struct event_loop {
	const struct event_ops *ops;
	void		*be;		/* the backend's own state */
	struct event_fd	*fds;		/* indexed by descriptor */
	size_t		 nfds;
	struct event_timer **heap;	/* earliest deadline first */
	size_t		 nheap;
	size_t		 capheap;
	uint64_t	 seq;
	int		 sigpipe[2];	/* self-pipe for signals */
	event_signal_cb	 sigcb[NSIG];
	void		*sigarg[NSIG];
};

extern const struct event_ops event_poll_ops;
#ifdef EVENT_HAVE_KQUEUE
extern const struct event_ops event_kqueue_ops;
#endif
#ifdef __linux__
extern const struct event_ops event_epoll_ops;
#endif

void		 event_dispatch(struct event_loop *, int, unsigned);

#endif /* EVENT_IMPL_H */
