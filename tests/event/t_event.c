/*
 * t_event: the event loop behaves the same on every backend:
 * descriptors, timers, signals.
 */

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <atf-c.h>

#include "event.h"

static const enum event_backend backends[] = {
	EVENT_BACKEND_POLL,
#ifdef __linux__
	EVENT_BACKEND_EPOLL,
#endif
#if defined(__FreeBSD__) || defined(__NetBSD__) || defined(__OpenBSD__) || \
    defined(__DragonFly__) || defined(__APPLE__)
	EVENT_BACKEND_KQUEUE,
#endif
};
#define NBACKENDS	(sizeof(backends) / sizeof(backends[0]))

struct seen {
	int		 calls;
	int		 fd;
	unsigned	 what;
	int		 order[8];
	int		 norder;
};

static struct event_loop *
loop_new(enum event_backend b)
{
	struct event_loop *loop = event_loop_new(b);

	ATF_REQUIRE_MSG(loop != NULL, "event_loop_new: %s", strerror(errno));
	return loop;
}

/* Run one check on a fresh loop of every backend the system has. */
static void
each_backend(void (*check)(struct event_loop *))
{
	struct event_loop *loop;
	size_t i;

	for (i = 0; i < NBACKENDS; i++) {
		loop = loop_new(backends[i]);
		check(loop);
		event_loop_free(loop);
	}
}

static void
on_fd(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	struct seen *s = arg;

	(void)loop;
	s->calls++;
	s->fd = fd;
	s->what = what;
}

/*
 * Read everything there is, so level-triggered readiness goes away; the
 * descriptor is non-blocking, as every one the daemon watches.
 */
static void
on_fd_drain(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	char buf[256];
	int fl;

	on_fd(loop, fd, what, arg);
	ATF_REQUIRE((fl = fcntl(fd, F_GETFL)) != -1);
	ATF_REQUIRE(fcntl(fd, F_SETFL, fl | O_NONBLOCK) != -1);
	while (read(fd, buf, sizeof(buf)) > 0)
		continue;
}

static void
check_read_ready(struct event_loop *loop)
{
	struct seen s;
	int p[2];

	memset(&s, 0, sizeof(s));
	ATF_REQUIRE(pipe(p) == 0);
	ATF_REQUIRE(event_fd_add(loop, p[0], EV_READ, on_fd_drain,
	    &s) == 0);
	ATF_REQUIRE(event_loop_once(loop, 0) == 0);
	ATF_CHECK_EQ_MSG(s.calls, 0, "%s: called before data",
	    event_backend_name(loop));
	ATF_REQUIRE(write(p[1], "x", 1) == 1);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	ATF_CHECK_EQ(s.fd, p[0]);
	ATF_CHECK_EQ(s.what, EV_READ);
	ATF_REQUIRE(event_loop_once(loop, 0) == 0);
	ATF_CHECK_EQ_MSG(s.calls, 1, "%s: called again when drained",
	    event_backend_name(loop));
	close(p[0]);
	close(p[1]);
}

ATF_TC_WITHOUT_HEAD(read_ready);
ATF_TC_BODY(read_ready, tc)
{
	(void)tc;
	each_backend(check_read_ready);
}

static void
check_write_and_set(struct event_loop *loop)
{
	struct seen s;
	int sp[2];

	memset(&s, 0, sizeof(s));
	ATF_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
	ATF_REQUIRE(event_fd_add(loop, sp[0], EV_WRITE, on_fd,
	    &s) == 0);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	ATF_CHECK_EQ(s.what, EV_WRITE);
	/* Idle: kept, but not watched. */
	ATF_REQUIRE(event_fd_set(loop, sp[0], 0) == 0);
	ATF_REQUIRE(event_loop_once(loop, 0) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	ATF_REQUIRE(event_fd_set(loop, sp[0], EV_READ) == 0);
	ATF_REQUIRE(event_loop_once(loop, 0) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	ATF_REQUIRE(write(sp[1], "y", 1) == 1);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ(s.calls, 2);
	ATF_CHECK_EQ(s.what, EV_READ);
	close(sp[0]);
	close(sp[1]);
}

ATF_TC_WITHOUT_HEAD(write_and_set);
ATF_TC_BODY(write_and_set, tc)
{
	(void)tc;
	each_backend(check_write_and_set);
}

static void
check_add_del(struct event_loop *loop)
{
	struct seen s;
	int p[2];

	memset(&s, 0, sizeof(s));
	ATF_REQUIRE(pipe(p) == 0);
	ATF_REQUIRE(event_fd_add(loop, p[0], EV_READ, on_fd, &s) == 0);
	ATF_CHECK(event_fd_add(loop, p[0], EV_READ, on_fd, &s) == -1 &&
	    errno == EEXIST);
	ATF_REQUIRE(event_fd_del(loop, p[0]) == 0);
	ATF_CHECK(event_fd_del(loop, p[0]) == -1 && errno == ENOENT);
	ATF_CHECK(event_fd_set(loop, p[0], EV_READ) == -1 &&
	    errno == ENOENT);
	ATF_REQUIRE(write(p[1], "x", 1) == 1);
	ATF_REQUIRE(event_loop_once(loop, 50) == 0);
	ATF_CHECK_EQ_MSG(s.calls, 0, "%s: deleted fd reported",
	    event_backend_name(loop));
	ATF_REQUIRE(event_fd_add(loop, p[0], EV_READ, on_fd_drain,
	    &s) == 0);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	close(p[0]);
	close(p[1]);
}

ATF_TC_WITHOUT_HEAD(add_del);
ATF_TC_BODY(add_del, tc)
{
	(void)tc;
	each_backend(check_add_del);
}

/* A writer that went away is seen as readable (end of file). */
static void
check_hangup(struct event_loop *loop)
{
	struct seen s;
	int sp[2];

	memset(&s, 0, sizeof(s));
	ATF_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, sp) == 0);
	ATF_REQUIRE(event_fd_add(loop, sp[0], EV_READ, on_fd, &s) == 0);
	close(sp[1]);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ(s.calls, 1);
	ATF_CHECK_EQ(s.what, EV_READ);
	ATF_CHECK(event_fd_del(loop, sp[0]) == 0);
	close(sp[0]);
}

ATF_TC_WITHOUT_HEAD(hangup);
ATF_TC_BODY(hangup, tc)
{
	(void)tc;
	each_backend(check_hangup);
}

/* More ready descriptors than one kernel call returns. */
static void
check_many(struct event_loop *loop)
{
	enum { N = 300 };
	static int sp[N][2];
	static struct seen s[N];
	size_t j, tries;
	int done;

	memset(s, 0, sizeof(s));
	for (j = 0; j < N; j++) {
		ATF_REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0,
		    sp[j]) == 0);
		ATF_REQUIRE(event_fd_add(loop, sp[j][0], EV_READ,
		    on_fd_drain, &s[j]) == 0);
		ATF_REQUIRE(write(sp[j][1], "z", 1) == 1);
	}
	for (tries = 0; tries < 100; tries++) {
		ATF_REQUIRE(event_loop_once(loop, 1000) == 0);
		for (j = 0, done = 0; j < N; j++)
			done += s[j].calls > 0;
		if (done == N)
			break;
	}
	for (j = 0; j < N; j++) {
		ATF_CHECK_EQ_MSG(s[j].calls, 1, "%s: fd %zu called %d "
		    "times", event_backend_name(loop), j, s[j].calls);
		close(sp[j][0]);
		close(sp[j][1]);
	}
}

ATF_TC_WITHOUT_HEAD(many);
ATF_TC_BODY(many, tc)
{
	(void)tc;
	each_backend(check_many);
}

/*
 * Callbacks that change the set do not cut a round short: everything
 * one wait reported is dispatched.  One whose descriptor was removed
 * and its number taken by a new, idle descriptor in the same round
 * gets nothing.
 */
struct reuse {
	struct event_loop	*loop;
	int			 fd[2];		/* both readable */
	int			 spare[2];	/* an idle pipe */
	int			 calls[2];
	bool			 replaced;
	struct seen		 fresh;
};

static void
on_reuse(struct event_loop *loop, int fd, unsigned what, void *arg)
{
	struct reuse *r = arg;
	int me = fd == r->fd[0] ? 0 : 1, other = r->fd[1 - me];

	(void)what;
	r->calls[me]++;
	if (r->replaced)
		return;
	r->replaced = true;
	ATF_REQUIRE(event_fd_del(loop, other) == 0);
	ATF_REQUIRE(pipe(r->spare) == 0);
	ATF_REQUIRE(dup2(r->spare[0], other) == other);
	close(r->spare[0]);
	ATF_REQUIRE(event_fd_add(loop, other, EV_READ, on_fd,
	    &r->fresh) == 0);
}

static void
check_changed_set(struct event_loop *loop)
{
	enum { N = 4 };
	struct reuse r;
	struct seen s[N];
	int p[N][2], q[2][2];
	size_t j;

	memset(s, 0, sizeof(s));
	memset(&r, 0, sizeof(r));
	for (j = 0; j < N; j++) {
		ATF_REQUIRE(pipe(p[j]) == 0);
		ATF_REQUIRE(write(p[j][1], "z", 1) == 1);
	}
	/* The first callback adds a watch; all N come in one round. */
	for (j = 0; j < N; j++)
		ATF_REQUIRE(event_fd_add(loop, p[j][0], EV_READ,
		    on_fd_drain, &s[j]) == 0);
	ATF_REQUIRE(pipe(q[0]) == 0);
	ATF_REQUIRE(event_fd_add(loop, q[0][0], EV_READ, on_fd, &r.fresh) ==
	    0);
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	for (j = 0; j < N; j++)
		ATF_CHECK_EQ_MSG(s[j].calls, 1, "%s: fd %zu called %d times "
		    "in the round", event_backend_name(loop), j, s[j].calls);
	for (j = 0; j < N; j++) {
		ATF_REQUIRE(event_fd_del(loop, p[j][0]) == 0);
		close(p[j][0]);
		close(p[j][1]);
	}
	ATF_REQUIRE(event_fd_del(loop, q[0][0]) == 0);
	close(q[0][0]);
	close(q[0][1]);

	/* Whichever of two readable comes first replaces the other. */
	r.loop = loop;
	for (j = 0; j < 2; j++) {
		ATF_REQUIRE(pipe(q[j]) == 0);
		ATF_REQUIRE(write(q[j][1], "z", 1) == 1);
		r.fd[j] = q[j][0];
		ATF_REQUIRE(event_fd_add(loop, r.fd[j], EV_READ, on_reuse,
		    &r) == 0);
	}
	ATF_REQUIRE(event_loop_once(loop, 5000) == 0);
	ATF_CHECK_EQ_MSG(r.calls[0] + r.calls[1], 1, "%s: %d calls",
	    event_backend_name(loop), r.calls[0] + r.calls[1]);
	ATF_CHECK_EQ_MSG(r.fresh.calls, 0, "%s: an idle descriptor got "
	    "the events of the one it replaced", event_backend_name(loop));
	for (j = 0; j < 2; j++) {
		(void)event_fd_del(loop, r.fd[j]);
		close(r.fd[j]);
		close(q[j][1]);
	}
	close(r.spare[1]);
}

ATF_TC_WITHOUT_HEAD(changed_set);
ATF_TC_BODY(changed_set, tc)
{
	(void)tc;
	each_backend(check_changed_set);
}

static void
on_timer(struct event_loop *loop, void *arg)
{
	struct seen *s = arg;

	(void)loop;
	s->calls++;
}

struct ordered {
	struct seen	*s;
	int		 tag;
};

static void
on_timer_order(struct event_loop *loop, void *arg)
{
	struct ordered *o = arg;

	(void)loop;
	if (o->s->norder < 8)
		o->s->order[o->s->norder++] = o->tag;
}

static void
check_timers(struct event_loop *loop)
{
	struct event_timer *cancelled;
	struct ordered o[3];
	struct seen s, c;
	uint64_t start, elapsed;

	memset(&s, 0, sizeof(s));
	memset(&c, 0, sizeof(c));
	o[0] = (struct ordered){ &s, 30 };
	o[1] = (struct ordered){ &s, 10 };
	o[2] = (struct ordered){ &s, 20 };
	start = event_now_ms();
	ATF_REQUIRE(event_timer_add(loop, 30, on_timer_order,
	    &o[0]) != NULL);
	ATF_REQUIRE(event_timer_add(loop, 10, on_timer_order,
	    &o[1]) != NULL);
	ATF_REQUIRE(event_timer_add(loop, 20, on_timer_order,
	    &o[2]) != NULL);
	ATF_REQUIRE((cancelled = event_timer_add(loop, 15, on_timer,
	    &c)) != NULL);
	event_timer_cancel(loop, cancelled);
	/* -1 must not block forever: the timers bound the wait. */
	while (s.norder < 3 && event_now_ms() - start < 10000)
		ATF_REQUIRE(event_loop_once(loop, -1) == 0);
	elapsed = event_now_ms() - start;
	ATF_REQUIRE_EQ(s.norder, 3);
	ATF_CHECK_EQ(s.order[0], 10);
	ATF_CHECK_EQ(s.order[1], 20);
	ATF_CHECK_EQ(s.order[2], 30);
	ATF_CHECK_MSG(elapsed >= 30, "fired after %llu ms",
	    (unsigned long long)elapsed);
	ATF_CHECK_EQ(c.calls, 0);
}

ATF_TC_WITHOUT_HEAD(timers);
ATF_TC_BODY(timers, tc)
{
	(void)tc;
	each_backend(check_timers);
}

/* A timer that adds another from its callback. */
static void
on_timer_chain(struct event_loop *loop, void *arg)
{
	struct seen *s = arg;

	if (++s->calls < 3)
		ATF_REQUIRE(event_timer_add(loop, 1, on_timer_chain, s) !=
		    NULL);
}

static void
check_timer_chain(struct event_loop *loop)
{
	struct seen s;
	size_t tries;

	memset(&s, 0, sizeof(s));
	ATF_REQUIRE(event_timer_add(loop, 0, on_timer_chain, &s) !=
	    NULL);
	for (tries = 0; s.calls < 3 && tries < 1000; tries++)
		ATF_REQUIRE(event_loop_once(loop, 1000) == 0);
	ATF_CHECK_EQ(s.calls, 3);
}

ATF_TC_WITHOUT_HEAD(timer_chain);
ATF_TC_BODY(timer_chain, tc)
{
	(void)tc;
	each_backend(check_timer_chain);
}

static void
on_signal(struct event_loop *loop, int signo, void *arg)
{
	struct seen *s = arg;

	(void)loop;
	s->calls++;
	s->fd = signo;
}

static void
check_signals(struct event_loop *loop)
{
	struct seen s1, s2;
	size_t tries;

	memset(&s1, 0, sizeof(s1));
	memset(&s2, 0, sizeof(s2));
	ATF_REQUIRE(event_signal_add(loop, SIGUSR1, on_signal,
	    &s1) == 0);
	ATF_REQUIRE(event_signal_add(loop, SIGUSR2, on_signal,
	    &s2) == 0);
	ATF_REQUIRE(raise(SIGUSR1) == 0);
	ATF_REQUIRE(raise(SIGUSR2) == 0);
	for (tries = 0; (s1.calls == 0 || s2.calls == 0) &&
	    tries < 100; tries++)
		ATF_REQUIRE(event_loop_once(loop, 1000) == 0);
	ATF_CHECK_EQ_MSG(s1.calls, 1, "%s: SIGUSR1 seen %d times",
	    event_backend_name(loop), s1.calls);
	ATF_CHECK_EQ(s1.fd, SIGUSR1);
	ATF_CHECK_EQ(s2.calls, 1);
	ATF_CHECK_EQ(s2.fd, SIGUSR2);
}

ATF_TC_WITHOUT_HEAD(signals);
ATF_TC_BODY(signals, tc)
{
	(void)tc;
	each_backend(check_signals);
}

ATF_TC_WITHOUT_HEAD(backend_choice);
ATF_TC_BODY(backend_choice, tc)
{
	struct event_loop *loop;

	(void)tc;
	ATF_REQUIRE(setenv("XINETD_EVENT_BACKEND", "poll", 1) == 0);
	loop = loop_new(EVENT_BACKEND_DEFAULT);
	ATF_CHECK_STREQ(event_backend_name(loop), "poll");
	event_loop_free(loop);
	ATF_REQUIRE(unsetenv("XINETD_EVENT_BACKEND") == 0);
	loop = loop_new(EVENT_BACKEND_DEFAULT);
#ifdef __linux__
	ATF_CHECK_STREQ(event_backend_name(loop), "epoll");
#else
	ATF_CHECK_STREQ(event_backend_name(loop), "poll");
#endif
	event_loop_free(loop);
	loop = loop_new(EVENT_BACKEND_POLL);
	ATF_CHECK_STREQ(event_backend_name(loop), "poll");
	event_loop_free(loop);
}

ATF_TP_ADD_TCS(tp)
{
	ATF_TP_ADD_TC(tp, read_ready);
	ATF_TP_ADD_TC(tp, write_and_set);
	ATF_TP_ADD_TC(tp, add_del);
	ATF_TP_ADD_TC(tp, hangup);
	ATF_TP_ADD_TC(tp, many);
	ATF_TP_ADD_TC(tp, changed_set);
	ATF_TP_ADD_TC(tp, timers);
	ATF_TP_ADD_TC(tp, timer_chain);
	ATF_TP_ADD_TC(tp, signals);
	ATF_TP_ADD_TC(tp, backend_choice);
	return atf_no_error();
}
