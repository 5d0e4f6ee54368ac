/*
 * The event loop's common part: the descriptor table, timers on a
 * binary heap, signals through a self-pipe, and choosing a backend.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "event_impl.h"

/* Where the signal handler writes; the loop that last took a signal. */
static volatile sig_atomic_t signal_fd = -1;

uint64_t
event_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static const struct event_ops *
backend_ops(enum event_backend which)
{
	const char *env;

	if (which == EVENT_BACKEND_DEFAULT &&
	    (env = getenv("XINETD_EVENT_BACKEND")) != NULL) {
		if (strcmp(env, "poll") == 0)
			which = EVENT_BACKEND_POLL;
		else if (strcmp(env, "epoll") == 0)
			which = EVENT_BACKEND_EPOLL;
		else if (strcmp(env, "kqueue") == 0)
			which = EVENT_BACKEND_KQUEUE;
	}
	switch (which) {
	case EVENT_BACKEND_POLL:
		return &event_poll_ops;
	case EVENT_BACKEND_EPOLL:
#ifdef __linux__
		return &event_epoll_ops;
#else
		return NULL;
#endif
	case EVENT_BACKEND_KQUEUE:
#ifdef EVENT_HAVE_KQUEUE
		return &event_kqueue_ops;
#else
		return NULL;
#endif
	default:
#if defined(__linux__)
		return &event_epoll_ops;
#elif defined(EVENT_HAVE_KQUEUE)
		return &event_kqueue_ops;
#else
		return &event_poll_ops;
#endif
	}
}

struct event_loop *
event_loop_new(enum event_backend which)
{
	struct event_loop *loop;
	int saved;

	if ((loop = calloc(1, sizeof(*loop))) == NULL)
		return NULL;
	loop->sigpipe[0] = loop->sigpipe[1] = -1;
	if ((loop->ops = backend_ops(which)) == NULL) {
		free(loop);
		errno = ENOSYS;
		return NULL;
	}
	if (loop->ops->init(loop) == -1) {
		saved = errno;
		free(loop);
		errno = saved;
		return NULL;
	}
	return loop;
}

void
event_loop_free(struct event_loop *loop)
{
	size_t i;

	if (loop == NULL)
		return;
	if (loop->sigpipe[1] != -1 && signal_fd == loop->sigpipe[1])
		signal_fd = -1;
	for (i = 0; i < NSIG; i++)
		if (loop->sigcb[i] != NULL)
			signal((int)i, SIG_DFL);
	loop->ops->fini(loop);
	for (i = 0; i < loop->nheap; i++)
		free(loop->heap[i]);
	free(loop->heap);
	free(loop->fds);
	if (loop->sigpipe[0] != -1) {
		close(loop->sigpipe[0]);
		close(loop->sigpipe[1]);
	}
	free(loop);
}

const char *
event_backend_name(const struct event_loop *loop)
{
	return loop->ops->name;
}

static int
fds_grow(struct event_loop *loop, int fd)
{
	struct event_fd *v;
	size_t n;

	if ((size_t)fd < loop->nfds)
		return 0;
	n = loop->nfds ? loop->nfds : 64;
	while (n <= (size_t)fd)
		n *= 2;
	if ((v = reallocarray(loop->fds, n, sizeof(*v))) == NULL)
		return -1;
	memset(v + loop->nfds, 0, (n - loop->nfds) * sizeof(*v));
	loop->fds = v;
	loop->nfds = n;
	return 0;
}

int
event_fd_add(struct event_loop *loop, int fd, unsigned what, event_fd_cb cb,
    void *arg)
{
	struct event_fd *e;

	if (fd < 0 || cb == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (fds_grow(loop, fd) == -1)
		return -1;
	e = &loop->fds[fd];
	if (e->used) {
		errno = EEXIST;
		return -1;
	}
	if (loop->ops->set(loop, fd, false, what) == -1)
		return -1;
	e->cb = cb;
	e->arg = arg;
	e->what = what;
	e->used = true;
	return 0;
}

int
event_fd_set(struct event_loop *loop, int fd, unsigned what)
{
	if (fd < 0 || (size_t)fd >= loop->nfds || !loop->fds[fd].used) {
		errno = ENOENT;
		return -1;
	}
	if (loop->fds[fd].what == what)
		return 0;
	if (loop->ops->set(loop, fd, true, what) == -1)
		return -1;
	loop->fds[fd].what = what;
	return 0;
}

int
event_fd_del(struct event_loop *loop, int fd)
{
	if (fd < 0 || (size_t)fd >= loop->nfds || !loop->fds[fd].used) {
		errno = ENOENT;
		return -1;
	}
	loop->ops->del(loop, fd);
	memset(&loop->fds[fd], 0, sizeof(loop->fds[fd]));
	return 0;
}

/* Readiness from the backend: only what is still asked for is passed. */
void
event_dispatch(struct event_loop *loop, int fd, unsigned events)
{
	struct event_fd *e;

	if (fd < 0 || (size_t)fd >= loop->nfds)
		return;
	e = &loop->fds[fd];
	if (e->used && (events & e->what) != 0)
		e->cb(loop, fd, events & e->what, e->arg);
}

static bool
timer_before(const struct event_timer *a, const struct event_timer *b)
{
	return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void
heap_swap(struct event_loop *loop, size_t i, size_t j)
{
	struct event_timer *t = loop->heap[i];

	loop->heap[i] = loop->heap[j];
	loop->heap[j] = t;
	loop->heap[i]->slot = i;
	loop->heap[j]->slot = j;
}

static void
heap_up(struct event_loop *loop, size_t i)
{
	while (i > 0 && timer_before(loop->heap[i], loop->heap[(i - 1) / 2])) {
		heap_swap(loop, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void
heap_down(struct event_loop *loop, size_t i)
{
	size_t least, l, r;

	for (;;) {
		least = i;
		l = 2 * i + 1;
		r = l + 1;
		if (l < loop->nheap && timer_before(loop->heap[l],
		    loop->heap[least]))
			least = l;
		if (r < loop->nheap && timer_before(loop->heap[r],
		    loop->heap[least]))
			least = r;
		if (least == i)
			return;
		heap_swap(loop, i, least);
		i = least;
	}
}

static void
heap_remove(struct event_loop *loop, size_t i)
{
	loop->nheap--;
	if (i == loop->nheap)
		return;
	loop->heap[i] = loop->heap[loop->nheap];
	loop->heap[i]->slot = i;
	heap_down(loop, i);
	heap_up(loop, i);
}

struct event_timer *
event_timer_add(struct event_loop *loop, uint64_t ms, event_timer_cb cb,
    void *arg)
{
	struct event_timer *t, **v;
	size_t cap;

	if (loop->nheap == loop->capheap) {
		cap = loop->capheap ? loop->capheap * 2 : 16;
		if ((v = reallocarray(loop->heap, cap, sizeof(*v))) == NULL)
			return NULL;
		loop->heap = v;
		loop->capheap = cap;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->when = event_now_ms() + ms;
	t->seq = loop->seq++;
	t->cb = cb;
	t->arg = arg;
	t->slot = loop->nheap;
	loop->heap[loop->nheap++] = t;
	heap_up(loop, t->slot);
	return t;
}

void
event_timer_cancel(struct event_loop *loop, struct event_timer *t)
{
	if (t == NULL)
		return;
	heap_remove(loop, t->slot);
	free(t);
}

/* Timers due now, earliest first; each may add or cancel timers. */
static void
timers_run(struct event_loop *loop)
{
	uint64_t now = event_now_ms();
	struct event_timer *t;

	while (loop->nheap > 0 && loop->heap[0]->when <= now) {
		t = loop->heap[0];
		heap_remove(loop, 0);
		t->cb(loop, t->arg);
		free(t);
	}
}

static void
signal_handler(int signo)
{
	int saved = errno;
	unsigned char c = (unsigned char)signo;

	if (signal_fd != -1)
		(void)write(signal_fd, &c, 1);
	errno = saved;
}

/* The read end of the self-pipe: hand each signal to its callback. */
static void
signal_read(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	unsigned char buf[64];
	ssize_t n, i;

	(void)what;
	(void)arg;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			if (buf[i] < NSIG && loop->sigcb[buf[i]] != NULL)
				loop->sigcb[buf[i]](loop, buf[i],
				    loop->sigarg[buf[i]]);
}

static int
signal_pipe(struct event_loop *loop)
{
	int i, fl;

	if (pipe(loop->sigpipe) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		if ((fl = fcntl(loop->sigpipe[i], F_GETFL)) == -1 ||
		    fcntl(loop->sigpipe[i], F_SETFL, fl | O_NONBLOCK) == -1 ||
		    fcntl(loop->sigpipe[i], F_SETFD, FD_CLOEXEC) == -1)
			return -1;
	}
	return event_fd_add(loop, loop->sigpipe[0], EV_READ, signal_read,
	    NULL);
}

int
event_signal_add(struct event_loop *loop, int signo, event_signal_cb cb,
    void *arg)
{
	struct sigaction sa;

	if (signo <= 0 || signo >= NSIG || signo > 255 || cb == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (loop->sigpipe[0] == -1 && signal_pipe(loop) == -1)
		return -1;
	loop->sigcb[signo] = cb;
	loop->sigarg[signo] = arg;
	signal_fd = loop->sigpipe[1];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = signal_handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	return sigaction(signo, &sa, NULL);
}

int
event_loop_once(struct event_loop *loop, int timeout_ms)
{
	uint64_t now, until;

	if (loop->nheap > 0) {
		now = event_now_ms();
		until = loop->heap[0]->when > now ?
		    loop->heap[0]->when - now : 0;
		if (timeout_ms < 0 || until < (uint64_t)timeout_ms)
			timeout_ms = until > 86400000 ? 86400000 : (int)until;
	}
	if (loop->ops->wait(loop, timeout_ms) == -1)
		return -1;
	timers_run(loop);
	return 0;
}
