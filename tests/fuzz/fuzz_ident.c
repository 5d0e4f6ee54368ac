/*
 * libFuzzer target: the ident reply (usr.sbin/xinetd/ident_reply.c),
 * read by the daemon's own ident_read() from a socketpair(2), then
 * parsed by ident_reply() for the connection from port 6191 to 23.
 * The socket keeps record bounds (SOCK_SEQPACKET) so that the pieces
 * the first byte asks for (0: all at once) are what each read gets,
 * as a slow ident server's would be.
 *
 * Properties: the reader returns in time, at most IDENT_LINE_MAX
 * bytes, all of them from the input in order; the text handed on
 * (the user, or the reason) is printable ASCII only and has no blanks
 * at either end; a user is accepted only from a USERID reply.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "ident_reply.h"

#include "fuzz.h"

#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY	fuzz_ident_one
#else
#define FUZZ_ENTRY	LLVMFuzzerTestOneInput
#endif

#define RPORT	6191
#define LPORT	23

int FUZZ_ENTRY(const uint8_t *, size_t);

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	char line[IDENT_LINE_MAX + 1], copy[IDENT_LINE_MAX + 1];
	char buf[IDENT_LINE_MAX + 64];
	size_t piece, sent = 0, n, i;
	ssize_t got;
	int sv[2], rc;

	if (size < 1 || size > FUZZ_MAX_LEN)
		return 0;
	piece = data[0] == 0 ? size : data[0];
	data++;
	size--;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == -1)
		abort();
	/* What does not fit the socket's buffer is not sent. */
	if (fcntl(sv[1], F_SETFL, O_NONBLOCK) == -1)
		abort();
	while (sent < size) {
		n = size - sent < piece ? size - sent : piece;
		if (send(sv[1], data + sent, n, 0) != (ssize_t)n)
			break;
		sent += n;
	}
	(void)shutdown(sv[1], SHUT_WR);
	got = ident_read(sv[0], line, sizeof(line), event_now_ms() + 5000);
	close(sv[0]);
	close(sv[1]);
	FUZZ_CHECK(got >= 0 && (size_t)got <= IDENT_LINE_MAX);
	FUZZ_CHECK((size_t)got <= sent);
	FUZZ_CHECK(memcmp(line, data, (size_t)got) == 0);
	FUZZ_CHECK(line[got] == '\0');
	/* Short of the limit, it stopped at a newline or the end. */
	if ((size_t)got < IDENT_LINE_MAX && (size_t)got < sent)
		FUZZ_CHECK(memchr(line, '\n', (size_t)got) != NULL);
	memcpy(copy, line, (size_t)got + 1);

	rc = ident_reply(line, (size_t)got, RPORT, LPORT, buf, sizeof(buf));
	FUZZ_CHECK(rc == 0 || rc == -1);
	for (i = 0; buf[i] != '\0'; i++)
		FUZZ_CHECK(isprint((unsigned char)buf[i]));
	if (rc == 0) {
		FUZZ_CHECK(i > 0);
		FUZZ_CHECK(buf[0] != ' ' && buf[0] != '\t');
		FUZZ_CHECK(buf[i - 1] != ' ' && buf[i - 1] != '\t');
		FUZZ_CHECK(strstr(copy, "USERID") != NULL);
	}
	return 0;
}
