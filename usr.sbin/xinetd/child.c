/*
 * Running servers, by pid: reaping them, logging their exit and giving
 * a wait = yes service its socket back.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "daemon.h"
#include "log.h"
#include "svclog.h"

#define QUICK_EXIT_MS		1000	/* "exited at once" for wait = yes */
#define QUICK_EXITS_MAX		3	/* in a row before backing off */
#define BACKOFF_FIRST_MS	1000
#define BACKOFF_MAX_MS		60000

static size_t
child_slot(pid_t pid)
{
	return (size_t)pid & (daemon_state.ctabsize - 1);
}

static int
ctab_grow(void)
{
	struct child **v, *c, *next;
	size_t n, i, old = daemon_state.ctabsize;

	n = old ? old * 2 : 256;
	if ((v = calloc(n, sizeof(*v))) == NULL)
		return -1;
	daemon_state.ctabsize = n;
	for (i = 0; i < old; i++)
		for (c = daemon_state.ctab[i]; c != NULL; c = next) {
			next = c->hnext;
			c->hnext = v[child_slot(c->pid)];
			v[child_slot(c->pid)] = c;
		}
	free(daemon_state.ctab);
	daemon_state.ctab = v;
	return 0;
}

struct child *
child_add(pid_t pid, struct service *svc, const struct peer *p,
    struct listener *handed)
{
	struct child *c;
	size_t slot;

	if (daemon_state.nchildren >= daemon_state.ctabsize &&
	    ctab_grow() == -1)
		return NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->pid = pid;
	c->svc = svc;
	c->cfg = svc->cfg;
	c->gen = svc->gen;
	generation_ref(c->gen);
	c->handed = handed;
	if (p != NULL)
		c->peer = *p;
	c->start = time(NULL);
	c->start_ms = event_now_ms();
	slot = child_slot(pid);
	c->hnext = daemon_state.ctab[slot];
	daemon_state.ctab[slot] = c;
	daemon_state.nchildren++;
	return c;
}

struct child *
child_find(pid_t pid)
{
	struct child *c;

	if (daemon_state.ctabsize == 0)
		return NULL;
	for (c = daemon_state.ctab[child_slot(pid)]; c != NULL; c = c->hnext)
		if (c->pid == pid)
			return c;
	return NULL;
}

void
child_remove(struct child *c)
{
	struct child **pp;

	for (pp = &daemon_state.ctab[child_slot(c->pid)]; *pp != NULL;
	    pp = &(*pp)->hnext)
		if (*pp == c) {
			*pp = c->hnext;
			daemon_state.nchildren--;
			break;
		}
	generation_unref(c->gen);
	free(c);
}

size_t
children_count(void)
{
	return daemon_state.nchildren;
}

void
children_signal(int signo, bool (*which)(const struct child *))
{
	struct child *c;
	size_t i;

	for (i = 0; i < daemon_state.ctabsize; i++)
		for (c = daemon_state.ctab[i]; c != NULL; c = c->hnext)
			if (which(c) && kill(c->pid, signo) == 0)
				c->killed = true;
}

static bool
listener_readable(const struct listener *l)
{
	struct pollfd pfd = { .fd = l->fd, .events = POLLIN };

	return poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) != 0;
}

/*
 * Whether a wait = yes stream server took connections: on Linux the
 * accept queue of a listener is known (TCP_INFO), elsewhere a server
 * that exits 0 is taken to have done its work.
 */
static bool
queue_shrank(const struct listener *l, const struct child *c)
{
	int q = listener_queue(l->fd);

	if (q >= 0 && c->queue >= 0)
		return q < c->queue;
	return c->status_ok;
}

static void
rearm(struct event_loop *loop, void *arg)
{
	struct service *svc = arg;
	int i;

	(void)loop;
	svc->rearm = NULL;
	for (i = 0; i < svc->nl; i++)
		if (!svc->l[i].handed)
			listener_watch(&svc->l[i], true);
}

/*
 * A wait = yes server gave its socket back.  A server that exits at
 * once and leaves the request it was started for must not be started
 * again and again: after a few such exits in a row, wait a while, and
 * drop a datagram nobody takes.
 */
static void
handed_back(struct service *svc, struct child *c)
{
	struct listener *l = c->handed;
	bool stuck;
	char byte;

	l->handed = false;
	if (svc->retired || l->fd == -1)
		return;
	if (l->head != NULL)
		stuck = l->head->recorded && listener_head_unchanged(l);
	else
		stuck = event_now_ms() - c->start_ms < QUICK_EXIT_MS &&
		    listener_readable(l) && !queue_shrank(l, c);
	if (!stuck) {
		svc->quick_exits = 0;
		svc->backoff_ms = 0;
	}
	if (!stuck || ++svc->quick_exits < QUICK_EXITS_MAX) {
		if (svc->rearm == NULL)
			listener_watch(l, true);
		return;
	}
	svc->backoff_ms = svc->backoff_ms == 0 ? BACKOFF_FIRST_MS :
	    svc->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS :
	    svc->backoff_ms * 2;
	if (l->head != NULL)
		(void)recv(l->fd, &byte, 1, MSG_DONTWAIT);
	log_msg(LOG_WARNING, "%s: the server exited %d times without taking "
	    "its request; %s, next try in %llu ms", svc->cfg->id,
	    svc->quick_exits, l->head != NULL ?
	    "datagram dropped" : "connection left queued",
	    (unsigned long long)svc->backoff_ms);
	event_timer_cancel(daemon_state.loop, svc->rearm);
	svc->rearm = event_timer_add(daemon_state.loop, svc->backoff_ms,
	    rearm, svc);
}

/*
 * A datagram nowait server is gone.  If it left the datagram it was
 * started for, nobody will take it: drop it, and watch the socket
 * again rather than wait for that datagram to change.
 */
static void
dgram_server_gone(struct service *svc, struct child *c)
{
	struct listener *l = c->dgram;
	char byte;

	if (svc->retired || l->fd == -1 || l->check == NULL)
		return;
	if (l->head->recorded && listener_head_unchanged(l)) {
		(void)recv(l->fd, &byte, 1, MSG_DONTWAIT);
		log_msg(LOG_WARNING, "%s: the server exited without reading "
		    "its datagram; datagram dropped", svc->cfg->id);
	}
	event_timer_cancel(daemon_state.loop, l->check);
	l->check = NULL;
	listener_watch(l, true);
}

void
service_child_gone(struct service *svc, struct child *c, int status)
{
	c->status_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	gate_reaped(c);
	svc->running--;
	source_remove(svc, c->src);
	c->src = NULL;
	if (!c->quiet)
		svclog_exit(c->cfg, c->pid, status,
		    event_now_ms() - c->start_ms);
	if (c->handed != NULL)
		handed_back(svc, c);
	else if (c->dgram != NULL)
		dgram_server_gone(svc, c);
	if (svc->retired && svc->running == 0)
		service_release(svc);
}

void
children_reap(void)
{
	struct child *c;
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (rpc_reaped(pid, status))
			continue;
		if ((c = child_find(pid)) == NULL)
			continue;
		if (c->logger)
			gate_reaped(c);
		else
			service_child_gone(c->svc, c, status);
		child_remove(c);
	}
}
