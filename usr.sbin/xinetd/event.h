/*
 * The event loop: descriptors, timers and signals, on one of several
 * kernel interfaces.  Nothing the daemon does in a callback may block.
 */

#ifndef EVENT_H
#define EVENT_H

#include <stdbool.h>
#include <stdint.h>

#define EV_READ		0x1
#define EV_WRITE	0x2

enum event_backend {
	EVENT_BACKEND_DEFAULT,	/* the best one the system has */
	EVENT_BACKEND_POLL,	/* poll(2), everywhere */
	EVENT_BACKEND_EPOLL,	/* epoll(7), Linux */
	EVENT_BACKEND_KQUEUE	/* kqueue(2), the BSDs and macOS */
};

struct event_loop;
struct event_timer;

typedef void	 (*event_fd_cb)(struct event_loop *, int, unsigned, void *);
typedef void	 (*event_timer_cb)(struct event_loop *, void *);
typedef void	 (*event_signal_cb)(struct event_loop *, int, void *);

/*
 * A new loop on the given backend.  EVENT_BACKEND_DEFAULT honours
 * XINETD_EVENT_BACKEND=poll|epoll|kqueue in the environment, so tests can run
 * on every backend.  NULL with errno set on failure.
 */
struct event_loop *event_loop_new(enum event_backend);
void		 event_loop_free(struct event_loop *);
const char	*event_backend_name(const struct event_loop *);

/* Watch fd for EV_READ and/or EV_WRITE; what 0 keeps it but idle. */
int		 event_fd_add(struct event_loop *, int, unsigned, event_fd_cb,
		    void *);
int		 event_fd_set(struct event_loop *, int, unsigned);
int		 event_fd_del(struct event_loop *, int);

/* A one-shot timer in milliseconds from now; cancel before it fires. */
struct event_timer *event_timer_add(struct event_loop *, uint64_t,
		    event_timer_cb, void *);
void		 event_timer_cancel(struct event_loop *, struct event_timer *);

/* Deliver a signal as an event; the handler only records it. */
int		 event_signal_add(struct event_loop *, int, event_signal_cb,
		    void *);

/*
 * Wait for at most timeout_ms (-1: until something happens), then run
 * every callback that is due.  Returns -1 only on a failure of the
 * kernel interface.
 */
int		 event_loop_once(struct event_loop *, int);

/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t	 event_now_ms(void);

#endif /* EVENT_H */
