# t_daemon: the daemon serves external servers: how they are started,
# what they get, the limits on them.  Every case runs once per event
# loop backend (add_backend_cases).

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	PORT=$(free_port)
}

argv_head() {
	atf_set descr "argv[0] is the server's basename, or the first" \
	    "server_args word with NAMEINARGS"
}
argv_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service plain "$PORT" "" one two words
		probe_service named "$PORT2" "flags = NAMEINARGS" probe-name \
		    alpha
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	expect r1 argv0 "h_probe"
	expect r1 argv1 "one"
	expect r1 argv2 "two"
	expect r1 argv3 "words"
	expect r1 argc "4"
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer"
	expect r2 argv0 "probe-name"
	expect r2 argv1 "alpha"
	expect r2 argc "2"
	daemon_stop
}

fds_head() {
	atf_set descr "A server has the connection, blocking, on 0, 1 and" \
	    "2 and no other descriptor, in a session of its own, with no" \
	    "signal blocked or ignored; NODELAY and KEEPALIVE are set"
}
fds_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service fds "$PORT" ""
		probe_service tuned "$PORT2" "flags = NODELAY KEEPALIVE"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r || atf_fail "no answer"
	expect r fds "0,1,2"
	expect r sock_type "stream"
	expect r nonblock "no"
	expect r nodelay "no"
	expect r keepalive "no"
	expect r sigblocked ""
	expect r sigignored ""
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer"
	expect r2 nodelay "yes"
	expect r2 keepalive "yes"
	expect_match r sock_local "^127\.0\.0\.1:$PORT\$"
	pid=$(report_get r pid)
	expect r sid "$pid"
	daemon_stop
}

environment_head() {
	atf_set descr "The environment: the daemon's, env, REMOTE_HOST and" \
	    "the UCSPI and CGI variables; passenv restricts"
}
environment_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service all "$PORT" "env = EXTRA=1 PROTO=bad"
		probe_service some "$PORT2" "passenv = PATH"
	} >xinetd.conf
	MARK=from-daemon REMOTE_ADDR=stale
	export MARK REMOTE_ADDR
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	for want in MARK=from-daemon EXTRA=1 REMOTE_HOST=127.0.0.1 \
	    REMOTE_ADDR=127.0.0.1 PROTO=TCP TCPREMOTEIP=127.0.0.1 \
	    TCPLOCALIP=127.0.0.1 TCPLOCALPORT=$PORT; do
		atf_check -o inline:"env:$want\n" grep -x "env:$want" r1
	done
	atf_check -o match:'^env:REMOTE_PORT=[0-9]+$' grep ^env:REMOTE_PORT= r1
	atf_check -o match:'^env:TCPREMOTEPORT=[0-9]+$' \
	    grep ^env:TCPREMOTEPORT= r1
	atf_check -o inline:"1\n" grep -c ^env:PROTO= r1
	atf_check -o inline:"1\n" grep -c ^env:REMOTE_ADDR= r1
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer"
	atf_check -s exit:1 grep ^env:MARK= r2
	atf_check -o ignore grep ^env:PATH= r2
	atf_check -o inline:"env:REMOTE_HOST=127.0.0.1\n" \
	    grep ^env:REMOTE_HOST= r2
	daemon_stop
}

credentials_head() {
	atf_set descr "user, group and groups switch the server's" \
	    "credentials"
	atf_set require.user root
}
credentials_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	# The server runs as a user that may not search this directory.
	bin=$(mktemp -d /tmp/xinetd-test.XXXXXX)
	echo "$bin" >bindir
	chmod 755 "$bin"
	cp "$H_PROBE" "$bin/h_probe"
	H_PROBE=$bin/h_probe
	{
		log_defaults
		probe_service withgroups "$PORT" "user = probe; groups = yes"
		probe_service nogroups "$PORT2" "user = probe"
		probe_service othergroup "$PORT3" \
		    "user = probe; group = tapes; groups = yes"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	expect r1 uid "4242"
	expect r1 euid "4242"
	expect r1 gid "4242"
	expect r1 groups "4242,4243,4244"
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer"
	expect r2 uid "4242"
	expect r2 gid "4242"
	expect r2 groups "4242"
	ask 127.0.0.1 "$PORT3" >r3 || atf_fail "no answer"
	# initgroups(3) with the group given: the user's primary is not in.
	expect r3 gid "4244"
	expect r3 groups "4243,4244"
	daemon_stop
}

limits_head() {
	atf_set descr "umask, nice and rlimits apply to the server; the" \
	    "descriptor limit the daemon raised is given back"
}
limits_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service limited "$PORT" "umask = 027; nice = 7;
		    rlimit_files = 77; rlimit_cpu = 30; rlimit_as = 512M;
		    rlimit_data = 256M; rlimit_stack = 4M; rlimit_rss = 64M"
		probe_service plain "$PORT2" ""
	} >xinetd.conf
	soft=$(ulimit -Sn)
	hard=$(ulimit -Hn)
	if [ "$soft" = "$hard" ] && [ "$hard" != unlimited ]; then
		soft=$((hard / 2))
	fi
	ulimit -Sn "$soft"
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	expect r1 umask "0027"
	expect r1 nice "7"
	expect r1 rlimit_files "77:77"
	expect r1 rlimit_cpu "30:30"
	expect r1 rlimit_as "536870912:536870912"
	expect r1 rlimit_data "268435456:268435456"
	expect r1 rlimit_stack "4194304:4194304"
	expect r1 rlimit_rss "67108864:67108864"
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer"
	expect_match r2 rlimit_files "^$soft:"
	daemon_stop
}

wait_stream_head() {
	atf_set descr "wait = yes stream: the server gets the listening" \
	    "socket and the daemon leaves it alone until the server exits"
}
wait_stream_body() {
	start
	{ log_defaults; probe_service waiter "$PORT" "wait = yes" \
	    --mode=accept:2; } >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	ask 127.0.0.1 "$PORT" >r2 || atf_fail "no answer"
	expect r1 listening "yes"
	expect r2 pid "$(report_get r1 pid)"
	expect r2 accepted "2"
	wait_for service.log "EXIT: waiter status=0" 10 ||
	    atf_fail "no EXIT line"
	ask 127.0.0.1 "$PORT" >r3 || atf_fail "no answer after the exit"
	[ "$(report_get r3 pid)" != "$(report_get r1 pid)" ] ||
	    atf_fail "the same server answered after it exited"
	atf_check -o inline:"2\n" grep -c "START: waiter" service.log
	daemon_stop
}

wait_noaccept_head() {
	atf_set descr "A wait = yes server that exits without accepting is" \
	    "not restarted in a loop"
}
wait_noaccept_body() {
	start
	{ log_defaults; probe_service lazy "$PORT" "wait = yes" \
	    --mode=noaccept; } >xinetd.conf
	daemon_start xinetd.conf
	"$H_CLIENT" -t 5 127.0.0.1 "$PORT" >/dev/null 2>&1 &
	echo $! >>pids
	sleep 4
	n=$(grep -c "START: lazy" service.log)
	echo "$n servers started in 4 s"
	[ "$n" -ge 1 ] || atf_fail "the server never started"
	[ "$n" -le 8 ] || atf_fail "$n servers started in 4 s: a storm"
	atf_check -o match:"without taking" cat daemon.log
	daemon_stop
}

dgram_wait_head() {
	atf_set descr "wait = yes datagram: datagrams that arrive while the" \
	    "server runs are kept for the next server"
}
dgram_wait_body() {
	start
	{ log_defaults; probe_service udpwait "$PORT" "socket_type = dgram;
	    protocol = udp; wait = yes" --mode=dgram:1; } >xinetd.conf
	daemon_start xinetd.conf
	"$H_CLIENT" -u -n 5 -s hello -t 15 127.0.0.1 "$PORT" >replies ||
	    { cat replies; atf_fail "replies missing"; }
	atf_check -o inline:"5\n" grep -c "got=hello" replies
	wait_for service.log "EXIT: udpwait" 10 || atf_fail "no EXIT line"
	n=$(grep -c "START: udpwait" service.log)
	[ "$n" -ge 2 ] || atf_fail "$n servers for 5 one-datagram requests"
	daemon_stop
}

dgram_nowait_head() {
	atf_set descr "Datagram nowait: each datagram starts a server that" \
	    "reads it from the shared socket"
}
dgram_nowait_body() {
	start
	{ log_defaults; probe_service udpnowait "$PORT" "socket_type = dgram;
	    protocol = udp" --mode=dgram-reply; } >xinetd.conf
	daemon_start xinetd.conf
	for i in 1 2 3; do
		"$H_CLIENT" -u -s "n$i" -t 10 127.0.0.1 "$PORT" >>replies ||
		    atf_fail "no reply to datagram $i"
	done
	atf_check -o inline:"3\n" grep -c "got=n" replies
	daemon_stop
}

instances_head() {
	atf_set descr "instances and -limit refuse servers beyond the" \
	    "limit, and count them back when they exit"
}
instances_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service one "$PORT" "instances = 1" --mode=sleep:3
		probe_service other "$PORT2" "" --mode=sleep:3
	} >xinetd.conf
	daemon_start xinetd.conf -limit 2
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >r1 &
	echo $! >>pids
	wait_for service.log "START: one" 10 || atf_fail "no first server"
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$PORT"
	atf_check -o match:"FAIL: one service_limit from=127.0.0.1" \
	    cat service.log
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT2" >r2 &
	echo $! >>pids
	wait_for service.log "START: other" 10 || atf_fail "no second server"
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$PORT2"
	atf_check -o match:"FAIL: other process_limit from=127.0.0.1" \
	    cat service.log
	wait_for service.log "EXIT: one" 10 || atf_fail "no exit"
	ask 127.0.0.1 "$PORT" >r3 || atf_fail "no server after the exit"
	atf_check -o match:"^pid=" cat r3
	daemon_stop
}

exec_failure_head() {
	atf_set descr "A server that cannot be run gives a FAIL line and" \
	    "no loop, for nowait and wait = yes"
}
exec_failure_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service missing "$PORT" "server = /nonexistent/server"
		probe_service missingudp "$PORT2" "server = /nonexistent/server;
		    socket_type = dgram; protocol = udp; wait = yes"
	} >xinetd.conf
	daemon_start xinetd.conf
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$PORT"
	atf_check -o match:"FAIL: missing exec from=127.0.0.1" cat service.log
	atf_check -o match:"missing: execve /nonexistent/server: No such file" \
	    cat daemon.log
	"$H_CLIENT" -u -t 2 127.0.0.1 "$PORT2" >/dev/null 2>&1
	sleep 2
	atf_check -o inline:"1\n" grep -c "FAIL: missing exec" service.log
	atf_check -o inline:"1\n" grep -c "FAIL: missingudp exec" service.log
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	daemon_stop
}

demo_head() {
	atf_set descr "The README demo configuration serves"
}
demo_body() {
	start
	base=$((PORT - 79))
	[ $base -gt 1024 ] || atf_skip "port $PORT too low for the demo"
	DEMO_PORT=$base DEMO_LOG=$PWD/service.log \
	    sh "$(atf_get_srcdir)/../../quickstart.sh" demo-config >demo.conf
	daemon_start demo.conf
	ask 127.0.0.1 "$PORT" >env.out || atf_fail "whoami did not answer"
	atf_check -o match:"^REMOTE_ADDR=127\.0\.0\.1\$" cat env.out
	atf_check -o match:"START: whoami pid=[0-9]+ from=127\.0\.0\.1" \
	    sh -c 'sleep 0.5; cat service.log'
	daemon_stop
}

fork_failure_head() {
	atf_set descr "When no process can be made, FAIL fork; the service" \
	    "waits a second before trying again unless NORETRY"
}
fork_failure_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service retry "$PORT" ""
		probe_service noretry "$PORT2" "flags = NORETRY"
	} >xinetd.conf
	XINETD_TEST_SPAWN_FAIL=1
	export XINETD_TEST_SPAWN_FAIL
	daemon_start xinetd.conf
	for i in 1 2 3 4 5 6; do
		"$H_CLIENT" -t 3 127.0.0.1 "$PORT2" >/dev/null 2>&1
	done
	atf_check -o inline:"6\n" grep -c "FAIL: noretry fork" service.log
	for i in 1 2 3 4 5 6; do
		"$H_CLIENT" -t 3 127.0.0.1 "$PORT" >/dev/null 2>&1 &
		echo $! >>pids
	done
	sleep 1.5
	n=$(grep -c "FAIL: retry fork" service.log)
	echo "$n FAIL lines for 6 clients in 1.5 s"
	[ "$n" -ge 1 ] && [ "$n" -le 3 ] ||
	    atf_fail "$n FAIL fork lines in 1.5 s: no pause between tries"
	atf_check -o match:"retry: cannot start" cat daemon.log
	kill -0 "$DAEMON_PID" || atf_fail "the daemon died"
	daemon_stop
}

dgram_noread_head() {
	atf_set descr "A datagram nowait server that exits without reading" \
	    "its datagram does not stop the service"
}
dgram_noread_body() {
	start
	{ log_defaults; probe_service lazy "$PORT" "socket_type = dgram;
	    protocol = udp" --mode=exit:0; } >xinetd.conf
	daemon_start xinetd.conf
	for i in 1 2 3; do
		"$H_CLIENT" -u -s "n$i" -t 1 127.0.0.1 "$PORT" >/dev/null 2>&1
		wait_for service.log "(START: lazy.*){1}" 5
	done
	sleep 0.5
	n=$(grep -c "START: lazy" service.log)
	[ "$n" -eq 3 ] || atf_fail "$n servers for 3 datagrams"
	atf_check -o match:"exited without reading its datagram" \
	    cat daemon.log
	daemon_stop
}

dgram_empty_head() {
	atf_set descr "An empty datagram left by a wait = yes server is" \
	    "not restarted in a loop"
}
dgram_empty_body() {
	start
	{ log_defaults; probe_service lazy "$PORT" "socket_type = dgram;
	    protocol = udp; wait = yes; cps = 0 0" --mode=noaccept; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	"$H_CLIENT" -u -s "" -t 1 127.0.0.1 "$PORT" >/dev/null 2>&1
	sleep 3
	n=$(grep -c "START: lazy" service.log)
	echo "$n servers in 3 s"
	[ "$n" -ge 1 ] && [ "$n" -le 5 ] || atf_fail "$n servers in 3 s"
	daemon_stop
}

wait_stream_busy_head() {
	atf_set descr "A wait = yes stream server that takes one connection" \
	    "and exits is not held back while others queue"
}
wait_stream_busy_body() {
	start
	{ log_defaults; probe_service one "$PORT" "wait = yes; cps = 0 0" \
	    --mode=accept:1; } >xinetd.conf
	daemon_start xinetd.conf
	t0=$(date +%s)
	for i in 1 2 3 4 5 6 7 8; do
		"$H_CLIENT" -t 20 127.0.0.1 "$PORT" >r$i 2>/dev/null &
		echo $! >>pids
	done
	for p in $(cat pids); do
		wait "$p"
	done
	t1=$(date +%s)
	echo "8 connections in $((t1 - t0)) s"
	for i in 1 2 3 4 5 6 7 8; do
		grep -q '^end' r$i || atf_fail "connection $i not served"
	done
	# Arrivals during the burst can look like no progress for a
	# moment; a back-off that kept growing would take 1 + 2 + 4 s.
	[ $((t1 - t0)) -le 4 ] || atf_fail "served in $((t1 - t0)) s: held back"
	daemon_stop
}

# An inetd.conf line: h_probe on 127.0.0.1:PORT with ARG as argv[1].
inetd_line() {
	printf '127.0.0.1:%s\tstream\ttcp\tnowait\troot\t%s\th_probe %s\n' \
	    "$1" "$H_PROBE" "$2"
}

inetd_compat_head() {
	atf_set descr "-inetd_compat also serves inetd.conf, read again on" \
	    "SIGHUP; xinetd.conf wins a port both define, with a warning"
}
inetd_compat_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{ log_defaults; probe_service both "$PORT2" "" from-xinetd; } \
	    >xinetd.conf
	{ inetd_line "$PORT" from-inetd; inetd_line "$PORT2" from-inetd; } \
	    >inetd.conf
	XINETD_INETD_CONF=$PWD/inetd.conf
	export XINETD_INETD_CONF
	daemon_start xinetd.conf -inetd_compat
	atf_check -o \
	    match:"inetd\.conf:2: service $PORT2 is already defined; this" \
	    cat daemon.log
	atf_check -o match:"ready: 2 services" cat daemon.log
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "inetd.conf is not served"
	expect r1 argv1 "from-inetd"
	ask 127.0.0.1 "$PORT2" >r2 || atf_fail "no answer on the shared port"
	expect r2 argv1 "from-xinetd"
	wait_for service.log "START: both" 10 ||
	    atf_fail "no START line for the xinetd.conf service"
	inetd_line "$PORT3" added >>inetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded: 3 services" 10 ||
	    { cat daemon.log; atf_fail "no reload to 3 services"; }
	ask 127.0.0.1 "$PORT3" >r3 || atf_fail "the added line is not served"
	expect r3 argv1 "added"
	ask 127.0.0.1 "$PORT" >r4 || atf_fail "no answer after the reload"
	expect r4 argv1 "from-inetd"
	ask 127.0.0.1 "$PORT2" >r5 || atf_fail "no answer after the reload"
	expect r5 argv1 "from-xinetd"
	daemon_stop
}

atf_init_test_cases() {
	for t in argv fds environment credentials limits wait_stream \
	    wait_noaccept dgram_wait dgram_nowait instances exec_failure demo \
	    fork_failure dgram_noread dgram_empty wait_stream_busy \
	    inetd_compat; do
		add_backend_cases $t
	done
}
