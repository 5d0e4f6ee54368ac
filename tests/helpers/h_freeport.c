/*
 * h_freeport: print a port that is free right now for TCP and UDP on
 * 127.0.0.1 and, where the system has it, on ::1.  The kernel picks a
 * TCP port on 127.0.0.1; the others are checked by binding them.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TRIES	50

static int
bind_port(int af, int type, int port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	int fd, on = 1;

	memset(&ss, 0, sizeof(ss));
	if (af == AF_INET) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((unsigned short)port);
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*s4);
	} else {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((unsigned short)port);
		s6->sin6_addr = in6addr_loopback;
		len = sizeof(*s6);
	}
	if ((fd = socket(af, type, 0)) == -1)
		return af == AF_INET6 && errno == EAFNOSUPPORT ? -2 : -1;
	if (type == SOCK_STREAM)
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on,
		    sizeof(on));
	if (bind(fd, (struct sockaddr *)&ss, len) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
kernel_port(void)
{
	struct sockaddr_in s4;
	socklen_t len = sizeof(s4);
	int fd, port;

	if ((fd = bind_port(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)&s4, &len) == -1) {
		close(fd);
		return -1;
	}
	port = ntohs(s4.sin_port);
	close(fd);
	return port;
}

static int
all_free(int port)
{
	static const int af[] = { AF_INET, AF_INET6 };
	static const int type[] = { SOCK_STREAM, SOCK_DGRAM };
	int i, j, fd;

	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			if ((fd = bind_port(af[i], type[j], port)) == -2)
				continue;
			if (fd == -1)
				return 0;
			close(fd);
		}
	return 1;
}

int
main(void)
{
	int i, port;

	for (i = 0; i < TRIES; i++) {
		if ((port = kernel_port()) <= 0)
			continue;
		if (all_free(port)) {
			printf("%d\n", port);
			return 0;
		}
	}
	fprintf(stderr, "h_freeport: no free port found\n");
	return 1;
}
