# t_rpc: RPC services registered with a real rpcbind, and real RPC
# servers behind them: rpc.rstatd asked by rup, and h_rpcsvc pinged by
# rpcinfo.  Each case runs in namespaces of its own: a network
# namespace with only a loopback interface, and a mount namespace whose
# /run is a fresh tmpfs.  The rpcbind a case starts there, with its
# socket /run/rpcbind.sock, is that case's alone, whether or not the
# host runs one, and goes with the namespaces.

. "$(atf_get_srcdir)/common.subr"

# rpcbind is in /sbin on Debian, not always in a test's PATH.
PATH=$PATH:/sbin:/usr/sbin
export PATH

RSTATD=/usr/sbin/rpc.rstatd
PROG_A=200100		# unlisted programs of h_rpcsvc
PROG_B=200101
PROG_C=200102

rpc_head() {
	atf_set require.user root
	atf_set require.progs "rpcbind rpcinfo rup nsenter unshare ss $RSTATD"
}

rpc_setup() {
	setup
	helpers
	H_RPCSVC=$HELPERS/h_rpcsvc
	[ -x "$H_RPCSVC" ] || atf_fail "no $H_RPCSVC"
	getent passwd _rpc >/dev/null || atf_fail "no _rpc user (rpcbind)"
	# The fresh /run must hide the host's rpcbind socket.
	[ "$(readlink -f /var/run)" = /run ] ||
	    atf_fail "/var/run is not /run: the host's rpcbind would be used"
	# The namespaces live as long as this holder, a sleep.
	unshare -m -n --propagation private sh -c '
	    mount -t tmpfs tmpfs /run && mkdir /run/rpcbind &&
	    chown _rpc /run/rpcbind && ip link set lo up || exit 1
	    echo ready >ns.ready
	    exec sleep 600' >/dev/null 2>&1 &
	echo $! >>pids
	HOLDER=$!
	wait_for ns.ready ready 10 || atf_fail "cannot make the namespaces"
	NETNS_EXEC="nsenter -t $HOLDER -m -n --wd=$PWD"
}

inns() {
	$NETNS_EXEC "$@"
}

rpcbind_start() {
	$NETNS_EXEC rpcbind -f >rpcbind.out 2>&1 &
	echo $! >>pids
	echo $! >rpcbind.pid
	RPCBIND_PID=$!
	_i=0
	until inns rpcinfo -p >/dev/null 2>&1; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || atf_fail "rpcbind did not start"
		sleep 0.1
	done
}

# rpcbind's table, one "program version netid port" line each, the
# port taken from the universal address.  rpcbind must answer: an
# empty table from a dead rpcbind would pass every "gone" check.
rpc_table() {
	inns rpcinfo 127.0.0.1 >rpcinfo.out 2>&1 ||
	    atf_fail "rpcinfo failed: $(cat rpcinfo.out)"
	awk 'NR > 1 && $1 != 100000 {
	    n = split($4, a, "."); print $1, $2, $3, a[n-1] * 256 + a[n] }' \
	    rpcinfo.out | sort
}

# Wait until rpcbind's table has a line matching RE; SECONDS max.
rpc_wait() {
	_i=0
	while [ $_i -lt $((${2:-20} * 10)) ]; do
		rpc_table >table
		grep -Eq -- "$1" table && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	cat table
	atf_fail "rpcbind never had '$1'"
}

# Wait until no line of rpcbind's table matches RE; SECONDS max.
rpc_wait_gone() {
	_i=0
	while [ $_i -lt $((${2:-20} * 10)) ]; do
		rpc_table >table
		grep -Eq -- "$1" table || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	cat table
	atf_fail "rpcbind still has '$1'"
}

# The only port rpcbind has for PROGRAM on NETID.
rpc_port() {
	rpc_table | awk -v p="$1" -v n="$2" '$1 == p && $3 == n { print $4 }' |
	    sort -u
}

# rpcinfo calls the null procedure: the server behind the port answers.
rpc_ping() {
	atf_check -o match:"program $3 version $4 ready and waiting" \
	    $NETNS_EXEC rpcinfo -T "$1" "$2" "$3" "$4"
}

rstatd_service() {
	cat <<EOF
service rstatd
{
	type		= RPC
	socket_type	= dgram
	protocol	= udp
	wait		= yes
	user		= nobody
	server		= $RSTATD
	rpc_version	= 1-5
}
EOF
}

# An unlisted stream nowait service of h_rpcsvc: ID PROGRAM LO HI.
rpcsvc_service() {
	cat <<EOF
service $1
{
	type		= RPC UNLISTED
	rpc_number	= $2
	rpc_version	= $3-$4
	socket_type	= stream
	protocol	= tcp
	wait		= no
	user		= root
	server		= $H_RPCSVC
	server_args	= $2 $3 $4
}
EOF
}

# An unlisted datagram wait service of h_rpcsvc: ID PROGRAM LO HI.
rpcsvc_dgram_service() {
	rpcsvc_service "$@" | sed -e 's/stream/dgram/' -e 's/tcp/udp/' \
	    -e 's/wait		= no/wait		= yes/'
}

register_head() {
	atf_set descr "every version of an RPC service is registered on" \
	    "each netid it listens on, at the port bound, and the real" \
	    "servers answer there: rpc.rstatd to rup (wait = yes datagram)," \
	    "h_rpcsvc to rpcinfo over IPv4 and IPv6; exit unregisters"
	rpc_head
}
register_body() {
	rpc_setup
	rpcbind_start
	{
		log_defaults
		rstatd_service
		rpcsvc_service rpcsvc "$PROG_A" 1 2
	} >xinetd.conf
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 2 tcp "
	rpc_wait "^100001 5 udp6 "
	for v in 1 2 3 4 5; do
		for n in udp udp6; do
			grep -q "^100001 $v $n " table ||
			    atf_fail "rstatd version $v not on $n"
		done
	done
	for v in 1 2; do
		for n in tcp tcp6; do
			grep -q "^$PROG_A $v $n " table ||
			    atf_fail "$PROG_A version $v not on $n"
		done
	done
	[ "$(grep -c . table)" -eq 14 ] || atf_fail "$(cat table)"
	# One dual-stack socket each: the same port on both netids.
	[ "$(rpc_port 100001 udp)" = "$(rpc_port 100001 udp6)" ] ||
	    atf_fail "udp and udp6 differ: $(cat table)"
	port=$(rpc_port "$PROG_A" tcp)
	inns ss -ltnH "sport = :$port" | grep -q . ||
	    atf_fail "nothing listens on the registered port $port"

	atf_check -o match:'up .* load ' $NETNS_EXEC rup 127.0.0.1
	wait_for service.log "START: rstatd pid=[0-9]+ from=127\.0\.0\.1" 10 ||
	    atf_fail "rstatd was not started: $(cat service.log)"
	rpc_ping udp6 ::1 100001 3
	rpc_ping tcp 127.0.0.1 "$PROG_A" 1
	rpc_ping tcp6 ::1 "$PROG_A" 2
	wait_for service.log "START: rpcsvc .*from=::1" 10 ||
	    atf_fail "no IPv6 client logged: $(cat service.log)"

	daemon_stop
	rpc_wait_gone "^(100001|$PROG_A) " 5
	grep -q "EXIT: rstatd" service.log ||
	    atf_fail "rstatd was not stopped with the daemon"
}
late_rpcbind_head() {
	atf_set descr "without rpcbind the daemon runs on, says so once," \
	    "and registers once rpcbind starts"
	rpc_head
}
late_rpcbind_body() {
	rpc_setup
	{ log_defaults; rpcsvc_service rpcsvc "$PROG_A" 1 1; } >xinetd.conf
	daemon_start xinetd.conf
	wait_for daemon.log "rpcbind: cannot register" 10 ||
	    atf_fail "no word of the failure: $(cat daemon.log)"
	# Tried again and again (1 + 2 s), but said once.
	sleep 4
	[ "$(grep -c 'rpcbind: cannot register' daemon.log)" -eq 1 ] ||
	    atf_fail "the failure was logged more than once"
	rpcbind_start
	rpc_wait "^$PROG_A 1 tcp6 " 30
	wait_for daemon.log "rpcbind: registrations done" 5 ||
	    atf_fail "no word of the recovery"
	rpc_ping tcp 127.0.0.1 "$PROG_A" 1
	daemon_stop
	rpc_wait_gone "^$PROG_A " 5
}
atf_test_case reload cleanup
reload_head() {
	atf_set descr "a reload unregisters removed services and versions," \
	    "registers added ones, keeps unchanged ones at their port, and" \
	    "a broken reload changes nothing"
	rpc_head
}
reload_body() {
	rpc_setup
	rpcbind_start
	{
		log_defaults
		rpcsvc_service a "$PROG_A" 1 2
		rpcsvc_dgram_service b "$PROG_B" 1 1
		rpcsvc_service keep "$PROG_C" 7 7
	} >xinetd.conf
	daemon_start xinetd.conf
	rpc_wait "^$PROG_B 1 udp6 "
	rpc_wait "^$PROG_A 2 tcp6 "
	rpc_wait "^$PROG_C 7 tcp6 "
	kept=$(rpc_port "$PROG_C" tcp)
	rpc_ping udp 127.0.0.1 "$PROG_B" 1

	{
		log_defaults
		rpcsvc_service a "$PROG_A" 2 3
		rpcsvc_service keep "$PROG_C" 7 7
		rpcsvc_service b2 "$PROG_B" 4 4
	} >xinetd.conf
	kill -HUP "$DAEMON_PID"
	rpc_wait "^$PROG_A 3 tcp6 "
	rpc_wait "^$PROG_B 4 tcp "
	rpc_wait_gone "^$PROG_A 1 "
	rpc_wait_gone "^$PROG_B 1 "
	[ "$(rpc_port "$PROG_C" tcp)" = "$kept" ] ||
	    atf_fail "an unchanged service moved: $(cat table)"
	[ "$(grep -c . table)" -eq 8 ] || atf_fail "$(cat table)"
	rpc_ping tcp 127.0.0.1 "$PROG_A" 3
	rpc_ping tcp6 ::1 "$PROG_B" 4
	rpc_ping tcp 127.0.0.1 "$PROG_C" 7

	rpc_table >before
	echo "service broken {" >>xinetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reload failed" 10 || atf_fail "no reload failure"
	sleep 1
	rpc_table >after
	atf_check cmp before after

	daemon_stop
	rpc_wait_gone "^$PROG_" 5
}
reload_cleanup() {
	daemon_cleanup
}

atf_test_case stale cleanup
stale_head() {
	atf_set descr "a registration left by a daemon killed with SIGKILL" \
	    "is replaced by the next daemon's"
	rpc_head
}
stale_body() {
	rpc_setup
	rpcbind_start
	{
		log_defaults
		rpcsvc_service a "$PROG_A" 1 1
	} >xinetd.conf
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 1 tcp6 "
	old=$(rpc_port "$PROG_A" tcp)
	kill -KILL "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "the daemon did not die"
	rm -f daemon.pid daemon.log
	rpc_table | grep -q "^$PROG_A 1 tcp $old$" ||
	    atf_fail "no stale entry to replace: $(rpc_table)"
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 1 tcp [0-9]+" 10
	_i=0
	while [ "$(rpc_port "$PROG_A" tcp)" = "$old" ]; do
		_i=$((_i + 1))
		[ $_i -lt 200 ] || atf_fail "the stale port stayed: $old"
		sleep 0.1
	done
	[ "$(rpc_port "$PROG_A" tcp6)" = "$(rpc_port "$PROG_A" tcp)" ] ||
	    atf_fail "tcp6 kept the stale port: $(rpc_table)"
	rpc_ping tcp 127.0.0.1 "$PROG_A" 1
	daemon_stop
	rpc_wait_gone "^$PROG_A " 5
}
stale_cleanup() {
	daemon_cleanup
}

atf_test_case split cleanup
split_head() {
	atf_set descr "with dual-stack services on two sockets, each netid" \
	    "is registered at its own socket's port, and both serve"
	rpc_head
}
split_body() {
	rpc_setup
	rpcbind_start
	{
		log_defaults
		rpcsvc_dgram_service b "$PROG_B" 1 1
		rpcsvc_service a "$PROG_A" 1 1
	} >xinetd.conf
	XINETD_DUALSTACK=split
	export XINETD_DUALSTACK
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 1 tcp6 "
	rpc_wait "^$PROG_B 1 udp6 "
	rpc_wait "^$PROG_B 1 udp "
	for n in tcp tcp6 udp udp6; do
		p=$(rpc_port "$PROG_A" $n)$(rpc_port "$PROG_B" $n)
		inns ss -lnH "sport = :$p" | grep -q . ||
		    atf_fail "nothing listens on $n port $p"
	done
	[ "$(rpc_port "$PROG_A" tcp)" != "$(rpc_port "$PROG_A" tcp6)" ] ||
	    atf_fail "one port for two sockets: $(cat table)"
	rpc_ping tcp 127.0.0.1 "$PROG_A" 1
	rpc_ping tcp6 ::1 "$PROG_A" 1
	rpc_ping udp 127.0.0.1 "$PROG_B" 1
	rpc_ping udp6 ::1 "$PROG_B" 1
	wait_for service.log "START: a .*from=127\.0\.0\.1" 10 ||
	    atf_fail "IPv4 client not logged as IPv4: $(cat service.log)"
	daemon_stop
	rpc_wait_gone "^$PROG_" 5
}
split_cleanup() {
	daemon_cleanup
}

atf_test_case in_flight cleanup
in_flight_head() {
	atf_set descr "a reload while a registration is held up by a" \
	    "stopped rpcbind is applied once rpcbind answers, and a stop" \
	    "while one is held up still unregisters everything"
	rpc_head
}
in_flight_body() {
	rpc_setup
	rpcbind_start
	{ log_defaults; rpcsvc_service a "$PROG_A" 1 1; } >xinetd.conf
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 1 tcp6 "
	# rpcbind stopped: the helper's calls wait, the loop does not.
	kill -STOP "$RPCBIND_PID"
	{ log_defaults; rpcsvc_service b "$PROG_B" 1 1; } >xinetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded" 10 || atf_fail "no reload"
	{
		log_defaults
		rpcsvc_service b "$PROG_B" 1 1
		rpcsvc_service c "$PROG_C" 1 1
	} >xinetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded: 2 services" 10 ||
	    atf_fail "the loop waited for rpcbind"
	kill -CONT "$RPCBIND_PID"
	rpc_wait "^$PROG_B 1 tcp6 "
	rpc_wait "^$PROG_C 1 tcp6 "
	rpc_wait_gone "^$PROG_A "
	[ "$(grep -c . table)" -eq 4 ] || atf_fail "$(cat table)"
	rpc_ping tcp 127.0.0.1 "$PROG_C" 1
	# Held up again, then told to stop: exit still unregisters.
	kill -STOP "$RPCBIND_PID"
	{ log_defaults; rpcsvc_service b "$PROG_B" 1 1; } >xinetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded: 1 services" 10 || atf_fail "no reload"
	kill -TERM "$DAEMON_PID"
	sleep 1
	kill -CONT "$RPCBIND_PID"
	wait_gone "$DAEMON_PID" 30 || atf_fail "the daemon did not exit"
	rm -f daemon.pid
	rpc_wait_gone "^$PROG_" 5
}
in_flight_cleanup() {
	kill -CONT "$(cat rpcbind.pid 2>/dev/null)" 2>/dev/null
	daemon_cleanup
}

atf_test_case rpcbind_restart cleanup
rpcbind_restart_head() {
	atf_set descr "after rpcbind restarts empty, SIGHUP registers every" \
	    "service again, kept services included"
	rpc_head
}
rpcbind_restart_body() {
	rpc_setup
	rpcbind_start
	{ log_defaults; rpcsvc_service a "$PROG_A" 1 2; } >xinetd.conf
	daemon_start xinetd.conf
	rpc_wait "^$PROG_A 2 tcp6 "
	port=$(rpc_port "$PROG_A" tcp)
	kill -TERM "$RPCBIND_PID"
	wait_gone "$RPCBIND_PID" 10 || atf_fail "rpcbind did not stop"
	rpcbind_start
	rpc_table >table
	[ ! -s table ] || atf_fail "rpcbind kept its table: $(cat table)"
	kill -HUP "$DAEMON_PID"
	rpc_wait "^$PROG_A 2 tcp6 $port$"
	rpc_wait "^$PROG_A 1 tcp $port$"
	rpc_ping tcp 127.0.0.1 "$PROG_A" 2
	daemon_stop
	rpc_wait_gone "^$PROG_A " 5
}
rpcbind_restart_cleanup() {
	daemon_cleanup
}

atf_test_case inetd_lines cleanup
inetd_lines_head() {
	atf_set descr "the inetd front-end runs Debian's stock rstatd line" \
	    "(rpc/udp, wait, through tcpd) and an rpc/tcp6 line, each" \
	    "registered on its own netid only"
	atf_set require.user root
	atf_set require.progs "rpcbind rpcinfo rup nsenter unshare ss $RSTATD \
	    /usr/sbin/tcpd"
}
inetd_lines_body() {
	rpc_setup
	rpcbind_start
	ln -s "$XINETD" inetd
	printf 'rstatd/1-5\tdgram\trpc/udp\twait\tnobody\t/usr/sbin/tcpd\t%s\n' \
	    "$RSTATD" >inetd.conf
	printf '%s/1\tstream\trpc/tcp6\tnowait\troot\t%s\th_rpcsvc %s 1 1\n' \
	    "$PROG_A" "$H_RPCSVC" "$PROG_A" >>inetd.conf
	$NETNS_EXEC ./inetd -d -p "$PWD/inetd.pid" inetd.conf >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: " 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
	rpc_wait "^100001 5 udp "
	rpc_wait "^$PROG_A 1 tcp6 "
	[ "$(grep -c . table)" -eq 6 ] ||
	    atf_fail "other netids registered: $(cat table)"
	atf_check -o match:'up .* load ' $NETNS_EXEC rup 127.0.0.1
	rpc_ping tcp6 ::1 "$PROG_A" 1
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 15 || atf_fail "inetd did not stop"
	rm -f daemon.pid
	rpc_wait_gone "^(100001|$PROG_A) " 5
}
inetd_lines_cleanup() {
	daemon_cleanup
}

atf_init_test_cases() {
	add_backend_cases register
	add_backend_cases late_rpcbind
	atf_add_test_case in_flight
	atf_add_test_case rpcbind_restart
	atf_add_test_case reload
	atf_add_test_case stale
	atf_add_test_case split
	atf_add_test_case inetd_lines
}
