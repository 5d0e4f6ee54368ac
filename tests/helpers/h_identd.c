/*
 * h_identd: a small RFC 1413 server for the tests, listening on one
 * address and port given on the command line, answering every query
 * the same way:
 *
 *	h_identd [-6] addr port -u user		"... : USERID : UNIX : user"
 *	h_identd [-6] addr port -e error	"... : ERROR : error"
 *	h_identd [-6] addr port -s		reads, never answers
 *
 * Each query it gets is appended to the file "queries" in the current
 * directory, so a test can check what the daemon asked.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXCONN	64

static void
usage(void)
{
	fprintf(stderr, "usage: h_identd [-6] addr port -u user | -e error "
	    "| -s\n");
	exit(64);
}

static int
listen_on(int af, const char *addr, int port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	int fd, on = 1;

	memset(&ss, 0, sizeof(ss));
	if (af == AF_INET) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, addr, &s4->sin_addr) != 1)
			usage();
		len = sizeof(*s4);
	} else {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, addr, &s6->sin6_addr) != 1)
			usage();
		len = sizeof(*s6);
	}
	if ((fd = socket(af, SOCK_STREAM, 0)) == -1)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&ss, len) == -1 ||
	    listen(fd, 16) == -1)
		return -1;
	return fd;
}

/* Answer one query; the connection is closed after, unless silent. */
static int
serve(int fd, const char *mode, const char *arg)
{
	char buf[1024], reply[1200];
	FILE *log;
	ssize_t n;
	int a, b;

	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if ((log = fopen("queries", "a")) != NULL) {
		fprintf(log, "%s\n", buf);
		fclose(log);
	}
	if (strcmp(mode, "-s") == 0)
		return 0;
	if (sscanf(buf, "%d , %d", &a, &b) != 2)
		return -1;
	if (strcmp(mode, "-u") == 0)
		snprintf(reply, sizeof(reply), "%d , %d : USERID : UNIX : %s\r\n",
		    a, b, arg);
	else
		snprintf(reply, sizeof(reply), "%d , %d : ERROR : %s\r\n", a,
		    b, arg);
	(void)write(fd, reply, strlen(reply));
	return -1;
}

int
main(int argc, char **argv)
{
	struct pollfd pfd[MAXCONN + 1];
	const char *mode, *arg = "";
	int af = AF_INET, n = 1, i, fd;

	if (argc > 1 && strcmp(argv[1], "-6") == 0) {
		af = AF_INET6;
		argv++;
		argc--;
	}
	if (argc < 4)
		usage();
	mode = argv[3];
	if (strcmp(mode, "-s") != 0) {
		if ((strcmp(mode, "-u") != 0 && strcmp(mode, "-e") != 0) ||
		    argc < 5)
			usage();
		arg = argv[4];
	}
	if ((pfd[0].fd = listen_on(af, argv[1], atoi(argv[2]))) == -1) {
		perror("h_identd");
		return 1;
	}
	pfd[0].events = POLLIN;
	for (;;) {
		if (poll(pfd, (nfds_t)n, -1) == -1)
			continue;
		for (i = n - 1; i >= 1; i--) {
			if (pfd[i].revents == 0)
				continue;
			if (serve(pfd[i].fd, mode, arg) == -1 ||
			    pfd[i].revents & POLLHUP) {
				close(pfd[i].fd);
				pfd[i] = pfd[--n];
			} else
				pfd[i].events = 0;	/* silent: hold it */
		}
		if ((pfd[0].revents & POLLIN) && n <= MAXCONN &&
		    (fd = accept(pfd[0].fd, NULL, NULL)) != -1) {
			pfd[n].fd = fd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			n++;
		}
	}
}
