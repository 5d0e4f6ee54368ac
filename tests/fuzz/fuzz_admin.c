/*
 * libFuzzer target: the xadmin built-in's command loop
 * (usr.sbin/xinetd/admin_cmd.c), admin_session() itself, reading the
 * input from a socketpair(2) and answering on it; the listings are
 * markers here.
 *
 * Properties: the answers are exactly what a plain reading of the
 * command lines gives (a prompt per line read, help text, a listing
 * for "show run" and "show avail", "unknown command" otherwise, any
 * case, blanks before, CR before LF, lines cut at ADMIN_LINE_MAX - 1
 * bytes, text after a NUL ignored); the session ends at the end of the
 * input or at bye, exit or quit, and takes no byte past that line.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "admin_cmd.h"

#include "fuzz.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY	fuzz_admin_one
#else
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

/* Lines per input: the answers must fit the socket's buffer. */
#define MAX_LINES	32

#define HELP_TEXT	"help\nshow run\nshow avail\nbye, exit, quit\n"
#define UNKNOWN_TEXT	"unknown command: try help\n"

static void
show(int fd, enum admin_cmd cmd)
{
	FUZZ_CHECK(cmd == ADMIN_SHOW_RUN || cmd == ADMIN_SHOW_AVAIL);
	(void)dprintf(fd, cmd == ADMIN_SHOW_RUN ? "<run>\n" : "<avail>\n");
}

static void
add(char *out, size_t *len, size_t size, const char *s)
{
	size_t n = strlen(s);

	FUZZ_CHECK(*len + n <= size);
	memcpy(out + *len, s, n);
	*len += n;
}

/*
 * What the session is to answer, and how much of the input it takes,
 * worked out line by line from the input.
 */
static size_t
expect(const uint8_t *data, size_t size, char *out, size_t *olen,
    size_t osize)
{
	char cmd[ADMIN_LINE_MAX];
	const uint8_t *nl;
	size_t pos = 0, n;
	const char *c;

	for (;;) {
		add(out, olen, osize, "> ");
		if ((nl = memchr(data + pos, '\n', size - pos)) == NULL)
			return size;
		n = (size_t)(nl - (data + pos));
		if (n > sizeof(cmd) - 1)
			n = sizeof(cmd) - 1;
		memcpy(cmd, data + pos, n);
		if (n > 0 && cmd[n - 1] == '\r')
			n--;
		cmd[n] = '\0';
		pos = (size_t)(nl - data) + 1;
		for (c = cmd; *c == ' ' || *c == '\t'; c++)
			;
		if (*c == '\0')
			continue;
		if (strcasecmp(c, "bye") == 0 || strcasecmp(c, "exit") == 0 ||
		    strcasecmp(c, "quit") == 0)
			return pos;
		if (strcasecmp(c, "help") == 0)
			add(out, olen, osize, HELP_TEXT);
		else if (strcasecmp(c, "show run") == 0)
			add(out, olen, osize, "<run>\n");
		else if (strcasecmp(c, "show avail") == 0)
			add(out, olen, osize, "<avail>\n");
		else
			add(out, olen, osize, UNKNOWN_TEXT);
	}
}

static size_t
drain(int fd, char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;

	while (len < size &&
	    (n = recv(fd, buf + len, size - len, MSG_DONTWAIT)) > 0)
		len += (size_t)n;
	return len;
}

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	static char want[MAX_LINES * 64 + 64], got[sizeof(want) + 1];
	static char left[FUZZ_MAX_LEN];
	size_t wlen = 0, glen, taken, nleft, i, lines = 0;
	int sv[2];

	if (size > FUZZ_MAX_LEN)
		return 0;
	for (i = 0; i < size; i++)
		if (data[i] == '\n' && ++lines > MAX_LINES)
			return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		abort();
	if (size > 0 && send(sv[1], data, size, 0) != (ssize_t)size)
		abort();
	(void)shutdown(sv[1], SHUT_WR);
	admin_session(sv[0], show);
	glen = drain(sv[1], got, sizeof(got));
	nleft = drain(sv[0], left, sizeof(left));
	close(sv[0]);
	close(sv[1]);

	taken = expect(data, size, want, &wlen, sizeof(want));
	FUZZ_CHECK(glen == wlen && memcmp(got, want, wlen) == 0);
	FUZZ_CHECK(nleft == size - taken);
	FUZZ_CHECK(memcmp(left, data + taken, nleft) == 0);
	return 0;
}
