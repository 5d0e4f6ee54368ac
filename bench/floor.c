/*
 * floor: the least a super-server can do for each connection, and so
 * the upper bound of the rate at which one can accept and start a
 * server.  It listens on one address and port and, for every
 * connection, starts the server with the connection on descriptors 0,
 * 1 and 2, then closes its copy and reaps whatever has exited.  No
 * configuration, no access checks, no logging, no event loop.
 *
 *	floor [-p] [-a address] port server
 *
 * Processes are created with vfork(2), dup2(2) and execve(2); with -p
 * with posix_spawn(3) and file actions.  SIGTERM stops it: it waits for
 * its servers to exit and leaves no zombie behind.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

typedef pid_t	(*spawn_fn)(int, char *const []);

static volatile sig_atomic_t stopping;

static void
usage(void)
{
	fprintf(stderr, "usage: floor [-p] [-a address] port server\n");
	exit(1);
}

/* The listening socket is close-on-exec: no server inherits it. */
static int
listen_on(const char *addr, const char *port)
{
	struct addrinfo hints, *res;
	int fd, on = 1, e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
	if ((e = getaddrinfo(addr, port, &hints, &res)) != 0)
		errx(1, "%s port %s: %s", addr, port, gai_strerror(e));
	fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd == -1)
		err(1, "socket");
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1)
		err(1, "FD_CLOEXEC");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1)
		err(1, "SO_REUSEADDR");
	if (bind(fd, res->ai_addr, res->ai_addrlen) == -1)
		err(1, "bind %s port %s", addr, port);
	if (listen(fd, SOMAXCONN) == -1)
		err(1, "listen");
	freeaddrinfo(res);
	return fd;
}

/*
 * The child shares the parent's memory until execve: it may only move
 * descriptors, exec and _exit.
 */
static pid_t
spawn_vfork(int conn, char *const argv[])
{
	pid_t pid;

	if ((pid = vfork()) != 0)
		return pid;
	if (dup2(conn, STDIN_FILENO) == -1 ||
	    dup2(conn, STDOUT_FILENO) == -1 ||
	    dup2(conn, STDERR_FILENO) == -1)
		_exit(126);
	if (conn > STDERR_FILENO)
		close(conn);
	execve(argv[0], argv, environ);
	_exit(127);
}

static pid_t
spawn_posix(int conn, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int e;

	if ((e = posix_spawn_file_actions_init(&fa)) != 0) {
		errno = e;
		return -1;
	}
	if ((e = posix_spawn_file_actions_adddup2(&fa, conn,
	    STDIN_FILENO)) == 0 &&
	    (e = posix_spawn_file_actions_adddup2(&fa, conn,
	    STDOUT_FILENO)) == 0 &&
	    (e = posix_spawn_file_actions_adddup2(&fa, conn,
	    STDERR_FILENO)) == 0 && conn > STDERR_FILENO)
		e = posix_spawn_file_actions_addclose(&fa, conn);
	if (e == 0)
		e = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return pid;
}

static void
reap(int flags)
{
	while (waitpid(-1, NULL, flags) > 0)
		continue;
}

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* No SA_RESTART: the signal interrupts accept(2). */
static void
catch_term(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) == -1)
		err(1, "sigaction");
}

/* Errors a busy server should ride out rather than die of. */
static bool
accept_transient(int e)
{
	return e == EINTR || e == ECONNABORTED || e == EMFILE ||
	    e == ENFILE || e == ENOBUFS || e == ENOMEM;
}

static void
serve(int lfd, spawn_fn spawn, char *const argv[])
{
	int conn;

	while (!stopping) {
		if ((conn = accept(lfd, NULL, NULL)) == -1) {
			if (!accept_transient(errno))
				err(1, "accept");
			if (errno != EINTR)
				warn("accept");
			reap(WNOHANG);
			continue;
		}
		if (spawn(conn, argv) == -1)
			warn("%s", argv[0]);
		close(conn);
		reap(WNOHANG);
	}
	close(lfd);
	reap(0);
}

int
main(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	spawn_fn spawn = spawn_vfork;
	char *sargv[2];
	int ch, lfd;

	while ((ch = getopt(argc, argv, "a:p")) != -1) {
		switch (ch) {
		case 'a':
			addr = optarg;
			break;
		case 'p':
			spawn = spawn_posix;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	if (argv[1][0] != '/')
		errx(1, "%s: the server must be an absolute path", argv[1]);
	sargv[0] = argv[1];
	sargv[1] = NULL;
	lfd = listen_on(addr, argv[0]);
	catch_term();
	serve(lfd, spawn, sargv);
	return 0;
}
