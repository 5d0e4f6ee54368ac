/*
 * h_rpcsvc: an RPC server started by the daemon, as inetd starts
 * rpc.rstatd: the socket is descriptor 0, already registered with
 * rpcbind by the daemon.
 *
 *	h_rpcsvc program lo hi
 *
 * It answers the null procedure of versions lo to hi (which is what
 * rpcinfo asks to call a program "ready and waiting").  On a connected
 * stream it exits when the client closes; on a datagram socket (wait =
 * yes) after 5 s without a request, giving the socket back.
 */

#include <sys/types.h>
#include <sys/socket.h>

#include <rpc/rpc.h>

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define IDLE_MS	5000

static void
dispatch(struct svc_req *rq, SVCXPRT *xprt)
{
	if (rq->rq_proc == NULLPROC)
		(void)svc_sendreply(xprt, (xdrproc_t)(void (*)(void))xdr_void, NULL);
	else
		svcerr_noproc(xprt);
}

int
main(int argc, char **argv)
{
	struct pollfd pfd;
	SVCXPRT *xprt;
	socklen_t len;
	unsigned long prog, lo, hi, v;
	int type;
	fd_set fds;

	if (argc != 4) {
		fprintf(stderr, "usage: h_rpcsvc program lo hi\n");
		return 2;
	}
	prog = strtoul(argv[1], NULL, 10);
	lo = strtoul(argv[2], NULL, 10);
	hi = strtoul(argv[3], NULL, 10);
	len = sizeof(type);
	if (getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) == -1) {
		perror("h_rpcsvc: descriptor 0");
		return 1;
	}
	xprt = type == SOCK_DGRAM ? svc_dg_create(0, 0, 0) :
	    svc_fd_create(0, 0, 0);
	if (xprt == NULL) {
		fprintf(stderr, "h_rpcsvc: cannot serve descriptor 0\n");
		return 1;
	}
	for (v = lo; v <= hi; v++)
		if (!svc_reg(xprt, prog, v, dispatch, NULL)) {
			fprintf(stderr, "h_rpcsvc: svc_reg failed\n");
			return 1;
		}
	for (;;) {
		pfd.fd = 0;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, IDLE_MS) <= 0 ||
		    (pfd.revents & POLLNVAL))
			return 0;
		FD_ZERO(&fds);
		FD_SET(0, &fds);
		svc_getreqset(&fds);
		/* A stream the client closed is destroyed, and 0 with it. */
		if (type != SOCK_DGRAM && fcntl(0, F_GETFD) == -1)
			return 0;
	}
}
