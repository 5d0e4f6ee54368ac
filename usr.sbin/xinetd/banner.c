/*
 * banner, banner_success and banner_fail: files read when the
 * configuration loads, so that sending one needs no file I/O.
 *
 * A refusal made in the daemon sends what the client's socket buffer
 * takes at once and closes: a client that does not read costs the
 * daemon nothing.  A server's own process sends the success banners
 * before exec, waiting at most BANNER_WAIT_S for a slow client.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"

#define BANNER_MAX	(256 * 1024)
#define BANNER_WAIT_S	30

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL	0
#endif

static int
banner_read(struct banner *b, const char *path, const char *id)
{
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		log_msg(LOG_ERR, "%s: banner %s: %s", id, path,
		    strerror(errno));
		return 0;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		log_msg(LOG_ERR, "%s: banner %s: not a regular file", id,
		    path);
		close(fd);
		return 0;
	}
	if (st.st_size > BANNER_MAX)
		log_msg(LOG_WARNING, "%s: banner %s: longer than %d bytes; "
		    "only those are sent", id, path, BANNER_MAX);
	b->len = st.st_size > BANNER_MAX ? BANNER_MAX : (size_t)st.st_size;
	if (b->len == 0) {
		close(fd);
		return 0;
	}
	if ((b->text = malloc(b->len)) == NULL) {
		b->len = 0;
		close(fd);
		return -1;
	}
	n = read(fd, b->text, b->len);
	close(fd);
	if (n <= 0) {
		free(b->text);
		b->text = NULL;
		b->len = 0;
		return 0;
	}
	b->len = (size_t)n;
	return 0;
}

/* A missing or unreadable file is logged and sends nothing. */
int
banners_load(struct service *svc)
{
	const struct xcfg_service *cfg = svc->cfg;
	const char *paths[BANNER_COUNT];
	int i;

	paths[BANNER_ALWAYS] = cfg->banner;
	paths[BANNER_SUCCESS] = cfg->banner_success;
	paths[BANNER_FAIL] = cfg->banner_fail;
	for (i = 0; i < BANNER_COUNT; i++)
		if (paths[i] != NULL &&
		    banner_read(&svc->banners[i], paths[i], cfg->id) == -1)
			return -1;
	return 0;
}

void
banners_free(struct service *svc)
{
	int i;

	for (i = 0; i < BANNER_COUNT; i++) {
		free(svc->banners[i].text);
		svc->banners[i].text = NULL;
		svc->banners[i].len = 0;
	}
}

/* Banners go to stream connections only. */
bool
banners_apply(const struct service *svc)
{
	return svc->cfg->socktype == SOCK_STREAM && !svc->cfg->wait;
}

/* In the daemon: banner and banner_fail, as much as fits now. */
void
banners_refused(const struct service *svc, int fd)
{
	const struct banner *b;
	int order[2] = { BANNER_ALWAYS, BANNER_FAIL }, i;
	bool sent = false;
	ssize_t n;

	if (!banners_apply(svc))
		return;
	for (i = 0; i < 2; i++) {
		b = &svc->banners[order[i]];
		if (b->len == 0)
			continue;
		n = send(fd, b->text, b->len, MSG_DONTWAIT | MSG_NOSIGNAL);
		sent = true;
		if (n < 0 || (size_t)n < b->len)
			break;
	}
	/* What the client sent unread would turn the close into a reset. */
	if (sent)
		gate_drain(fd);
}

static int
send_all(int fd, const struct banner *b)
{
	size_t off = 0;
	ssize_t n;

	while (off < b->len) {
		n = send(fd, b->text + off, b->len - off, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/*
 * In a server's process: banner, then banner_success or banner_fail.
 * A client that reads nothing for BANNER_WAIT_S gets the rest dropped.
 * Returns -1 when the client could not be written to.
 */
int
banners_send(const struct service *svc, int fd, bool success)
{
	struct timeval tv = { BANNER_WAIT_S, 0 }, none = { 0, 0 };
	const struct banner *second;
	int rc = 0;

	second = &svc->banners[success ? BANNER_SUCCESS : BANNER_FAIL];
	if (!banners_apply(svc) ||
	    (svc->banners[BANNER_ALWAYS].len == 0 && second->len == 0))
		return 0;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (send_all(fd, &svc->banners[BANNER_ALWAYS]) == -1 ||
	    send_all(fd, second) == -1)
		rc = -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, sizeof(none));
	return rc;
}
