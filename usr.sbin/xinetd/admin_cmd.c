/*
 * The xadmin built-in's command loop: lines read a byte at a time, so
 * that nothing past a "quit" is taken, and the commands "help",
 * "show run", "show avail", "bye", "exit" and "quit", in any case,
 * after blanks.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "admin_cmd.h"

ssize_t
admin_read_line(int fd, char *buf, size_t size)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;
	char ch;

	for (;;) {
		if (poll(&pfd, 1, ADMIN_IDLE_MS) <= 0)
			return -1;
		if ((n = recv(fd, &ch, 1, 0)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			return -1;
		}
		if (ch == '\n')
			break;
		if (len + 1 < size)
			buf[len++] = ch;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	return (ssize_t)len;
}

enum admin_cmd
admin_command(const char *line)
{
	const char *cmd = line + strspn(line, " \t");

	if (*cmd == '\0')
		return ADMIN_NONE;
	if (strcasecmp(cmd, "help") == 0)
		return ADMIN_HELP;
	if (strcasecmp(cmd, "show run") == 0)
		return ADMIN_SHOW_RUN;
	if (strcasecmp(cmd, "show avail") == 0)
		return ADMIN_SHOW_AVAIL;
	if (strcasecmp(cmd, "bye") == 0 || strcasecmp(cmd, "exit") == 0 ||
	    strcasecmp(cmd, "quit") == 0)
		return ADMIN_QUIT;
	return ADMIN_UNKNOWN;
}

void
admin_session(int fd, void (*show)(int, enum admin_cmd))
{
	char line[ADMIN_LINE_MAX];
	enum admin_cmd cmd;

	for (;;) {
		if (dprintf(fd, "> ") < 0 ||
		    admin_read_line(fd, line, sizeof(line)) == -1)
			return;
		switch ((cmd = admin_command(line))) {
		case ADMIN_NONE:
			break;
		case ADMIN_HELP:
			(void)dprintf(fd, "help\nshow run\nshow avail\n"
			    "bye, exit, quit\n");
			break;
		case ADMIN_SHOW_RUN:
		case ADMIN_SHOW_AVAIL:
			show(fd, cmd);
			break;
		case ADMIN_QUIT:
			return;
		default:
			(void)dprintf(fd, "unknown command: try help\n");
			break;
		}
	}
}
