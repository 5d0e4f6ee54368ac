/*
 * h_syslogd: a syslog receiver for tests.  Binds a datagram socket at
 * PATH and appends every message it receives, as one line, to FILE,
 * until it is killed.
 *
 *	h_syslogd PATH FILE
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	char buf[8192];
	ssize_t n;
	int s, out;

	if (argc != 3) {
		fprintf(stderr, "usage: h_syslogd path file\n");
		return 64;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(argv[1]) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "h_syslogd: path too long\n");
		return 64;
	}
	strcpy(sun.sun_path, argv[1]);
	(void)unlink(argv[1]);
	if ((s = socket(AF_UNIX, SOCK_DGRAM, 0)) == -1 ||
	    bind(s, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		perror("h_syslogd: socket");
		return 1;
	}
	if ((out = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644)) == -1) {
		perror(argv[2]);
		return 1;
	}
	for (;;) {
		if ((n = recv(s, buf, sizeof(buf) - 1, 0)) <= 0)
			continue;
		if (buf[n - 1] != '\n')
			buf[n++] = '\n';
		if (write(out, buf, (size_t)n) == -1)
			return 1;
	}
}
