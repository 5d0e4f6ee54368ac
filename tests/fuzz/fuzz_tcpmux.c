/*
 * libFuzzer target: the tcpmux request line (usr.sbin/xinetd/tcpmux.c),
 * read by the daemon's own tcpmux_read_line() from a socketpair(2) the
 * input is written into in pieces, then tcpmux_request().  The first
 * byte sets the size of the pieces (0: all at once), so partial reads,
 * lines cut anywhere, long lines and the end of the input all happen.
 *
 * Properties: the reader takes every byte up to the first newline and
 * none past it; a line is accepted only when its newline comes within
 * TCPMUX_LINE_MAX bytes, and a longer one is refused at exactly that
 * many; the end of the input is seen only after the whole of it; the
 * name is a prefix of the line, shorter than TCPMUX_LINE_MAX, without
 * CR or LF, and cut at the first CR, LF or NUL.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tcpmux.h"

#include "fuzz.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY	fuzz_tcpmux_one
#else
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

static void
put(int fd, const uint8_t *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = send(fd, p, n, 0)) <= 0)
			abort();
		p += w;
		n -= (size_t)w;
	}
}

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	char buf[TCPMUX_LINE_MAX + 1], left[FUZZ_MAX_LEN];
	const uint8_t *nlp;
	size_t piece, sent = 0, len = 0, nl, nleft = 0, namelen;
	bool line = false, eof = false, took, shut = false;
	int sv[2], rv = 0;
	ssize_t n;
	char *name;

	if (size < 1 || size > FUZZ_MAX_LEN)
		return 0;
	piece = data[0] == 0 ? size : data[0];
	data++;
	size--;
	/* Where the line ends, if it does: nl is its length with LF. */
	nlp = memchr(data, '\n', size);
	nl = nlp != NULL ? (size_t)(nlp - data) + 1 : 0;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		abort();
	for (;;) {
		if (sent < size) {
			n = (ssize_t)(size - sent < piece ? size - sent : piece);
			put(sv[1], data + sent, (size_t)n);
			sent += (size_t)n;
		} else if (!shut) {
			(void)shutdown(sv[1], SHUT_WR);
			shut = true;
		}
		took = false;
		rv = tcpmux_read_line(sv[0], buf, &len, &line, &eof, &took);
		if (rv == -1 || line || eof)
			break;
		/* Waiting for more: everything there is was taken. */
		FUZZ_CHECK(len == sent && len < TCPMUX_LINE_MAX);
		FUZZ_CHECK(memchr(buf, '\n', len) == NULL);
		FUZZ_CHECK(!shut);
	}
	FUZZ_CHECK(len <= TCPMUX_LINE_MAX);
	FUZZ_CHECK(memcmp(buf, data, len) == 0);
	if (rv == -1) {
		/* Only a line too long is refused here. */
		FUZZ_CHECK(len == TCPMUX_LINE_MAX);
		FUZZ_CHECK(nl == 0 || nl > TCPMUX_LINE_MAX);
	} else if (eof) {
		FUZZ_CHECK(shut && nl == 0 && len == size);
	} else {
		FUZZ_CHECK(line && nl != 0 && nl <= TCPMUX_LINE_MAX);
		FUZZ_CHECK(len == nl);
	}
	/* No byte past the line was taken: the server gets them all. */
	if (sent < size)
		put(sv[1], data + sent, size - sent);
	if (!shut)
		(void)shutdown(sv[1], SHUT_WR);
	while ((n = recv(sv[0], left + nleft, sizeof(left) - nleft,
	    MSG_DONTWAIT)) > 0)
		nleft += (size_t)n;
	FUZZ_CHECK(n == 0 || errno == EAGAIN);
	close(sv[0]);
	close(sv[1]);
	FUZZ_CHECK(len + nleft == size);
	FUZZ_CHECK(memcmp(left, data + len, nleft) == 0);
	if (!line)
		return 0;

	name = tcpmux_request(buf, len);
	namelen = strlen(name);
	FUZZ_CHECK(name == buf);
	FUZZ_CHECK(namelen < len && namelen < TCPMUX_LINE_MAX);
	FUZZ_CHECK(memcmp(name, data, namelen) == 0);
	FUZZ_CHECK(strpbrk(name, "\r\n") == NULL);
	FUZZ_CHECK(data[namelen] == '\0' || data[namelen] == '\r' ||
	    data[namelen] == '\n');
	return 0;
}
