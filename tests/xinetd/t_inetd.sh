# t_inetd: the program under the name "inetd" takes the BSD inetd(8)
# command line and reads inetd.conf.

. "$(atf_get_srcdir)/common.subr"

init() {
	setup
	ln -s "$XINETD" inetd
}

atf_test_case check_file
check_file_head() {
	atf_set descr "inetd -n FILE checks an inetd.conf"
}
check_file_body() {
	init
	for f in netbsd freebsd openbsd debian; do
		atf_check -s exit:0 -o empty -e empty ./inetd -n \
		    "$data/inetd/$f.conf"
	done
}

atf_test_case inetd_syntax_forced
inetd_syntax_forced_head() {
	atf_set descr "inetd reads its file as inetd.conf even when it" \
	    "looks like xinetd.conf"
}
inetd_syntax_forced_body() {
	init
	telnet_conf >x.conf
	atf_check -s exit:1 -o empty -e match:'^x.conf:1: ' ./inetd -n x.conf
}

atf_test_case default_file
default_file_head() {
	atf_set descr "Without a file argument inetd reads /etc/inetd.conf"
	atf_set require.user root
}
default_file_body() {
	init
	if [ ! -e /etc/inetd.conf ]; then
		atf_check -s exit:1 -o empty \
		    -e match:'cannot open /etc/inetd.conf' ./inetd -n
		return
	fi
	# The host's file is left alone: a file of the test's own is
	# mounted over it, in a mount namespace of the test's own.
	echo "bogus line" >bad.conf
	atf_check -s exit:1 -o empty \
	    -e match:'^/etc/inetd.conf:1: expected at least 6 fields' \
	    unshare -m sh -c "mount --bind '$PWD/bad.conf' /etc/inetd.conf &&
	    exec ./inetd -n"
	printf 'daytime\tstream\ttcp\tnowait\troot\tinternal\n' >good.conf
	atf_check -s exit:0 -o empty -e empty \
	    unshare -m sh -c "mount --bind '$PWD/good.conf' /etc/inetd.conf &&
	    exec ./inetd -n"
}

atf_test_case options
options_head() {
	atf_set descr "Every BSD inetd option is accepted; bad ones are" \
	    "refused with the inetd usage"
}
options_body() {
	init
	atf_check -s exit:0 -o empty -e empty ./inetd -d -f -l -w -W \
	    -a 127.0.0.1 -c 10 -C 60 -R 256 -s 5 -p inetd.pid -n \
	    "$data/inetd/openbsd.conf"
	atf_check -s exit:1 -e match:'^usage: inetd' ./inetd -x
	atf_check -s exit:1 -e match:'-R: 0 is too small' ./inetd -R 0 -n
	atf_check -s exit:1 -e match:'too many arguments' ./inetd -n a b
	atf_check -s exit:1 -e match:'^usage: inetd' ./inetd -dontfork
}

serve_head() {
	atf_set descr "inetd serves an inetd.conf: stream nowait and" \
	    "dgram wait lines, reload on SIGHUP, stop on SIGTERM"
}
serve_body() {
	init
	helpers
	PORT=$(free_port)
	PORT2=$(free_port)
	printf '127.0.0.1:%s\tstream\ttcp\tnowait\troot\t%s\th_probe one two\n' \
	    "$PORT" "$H_PROBE" >inetd.conf
	printf '127.0.0.1:%s\tdgram\tudp\twait\troot\t%s\th_probe --mode=dgram:1\n' \
	    "$PORT2" "$H_PROBE" >>inetd.conf
	./inetd -d -p "$PWD/inetd.pid" inetd.conf >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: 2 services" 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
	atf_check -o inline:"$DAEMON_PID" cat inetd.pid
	ask 127.0.0.1 "$PORT" >r1 || atf_fail "no answer"
	expect r1 argv0 h_probe
	expect r1 argv1 one
	expect r1 argv2 two
	expect r1 uid 0
	"$H_CLIENT" -u -s hi -t 10 127.0.0.1 "$PORT2" >r2 ||
	    atf_fail "no datagram reply"
	atf_check -o match:"got=hi" cat r2
	sed -i.bak 's/one two/three/' inetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.out "reloaded" 10 || atf_fail "no reload"
	ask 127.0.0.1 "$PORT" >r3 || atf_fail "no answer after reload"
	expect r3 argv1 three
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "inetd did not stop"
	rm -f daemon.pid
	[ ! -e inetd.pid ] || atf_fail "the pidfile is left behind"
}

limits_head() {
	atf_set descr "inetd -c and -a apply to lines that set no limit" \
	    "or address of their own"
}
limits_body() {
	init
	helpers
	PORT=$(free_port)
	printf '%s\tstream\ttcp\tnowait\troot\t%s\th_probe --mode=sleep:3\n' \
	    "$PORT" "$H_PROBE" >inetd.conf
	./inetd -d -c 1 -a 127.0.0.1 -p "$PWD/inetd.pid" inetd.conf \
	    >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: 1 services" 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >r1 &
	echo $! >>pids
	i=0
	while ! grep -q '^end' r1 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	expect r1 sock_local "127.0.0.1:$PORT"
	"$H_CLIENT" -e -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "a second server ran despite -c 1"
	"$H_CLIENT" -t 5 ::1 "$PORT" >/dev/null 2>&1 &&
	    atf_fail "answered on ::1 despite -a 127.0.0.1"
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "inetd did not stop"
	rm -f daemon.pid
}

# inetd [flags] inetd.conf, in the background, until it is ready.
inetd_start() {
	./inetd -d "$@" -p "$PWD/inetd.pid" inetd.conf >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: " 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
}

inetd_stop() {
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "inetd did not stop"
	rm -f daemon.pid
}

wrap_switches_head() {
	atf_set descr "inetd consults hosts.allow and hosts.deny only with" \
	    "-w, as FreeBSD's does; -W alone leaves servers unwrapped"
}
wrap_switches_body() {
	init
	helpers
	PORT=$(free_port)
	printf '%s\tstream\ttcp\tnowait\troot\t%s\th_probe\n' \
	    "$PORT" "$H_PROBE" >inetd.conf
	: >hosts.allow
	echo "h_probe: 127.0.0.1" >hosts.deny
	XINETD_TEST_HOSTS_ALLOW=$PWD/hosts.allow
	XINETD_TEST_HOSTS_DENY=$PWD/hosts.deny
	export XINETD_TEST_HOSTS_ALLOW XINETD_TEST_HOSTS_DENY
	for flags in "" "-W"; do
		inetd_start $flags -a 127.0.0.1
		"$H_CLIENT" -t 10 127.0.0.1 "$PORT" | grep -q '^argc=' ||
		    atf_fail "refused without -w (flags '$flags')"
		inetd_stop
	done
	inetd_start -w -a 127.0.0.1
	"$H_CLIENT" -e -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "served despite -w and hosts.deny"
	inetd_stop
}

line_limits_head() {
	atf_set descr "limits written in inetd.conf lines are enforced:" \
	    "FreeBSD's per-address rate in the wait field, the spawn rate" \
	    "of .max, NetBSD's ip_max and service_max"
}
line_limits_body() {
	init
	helpers
	PORT=$(free_port)
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	{
		printf '127.0.0.1:%s\tstream\ttcp\tnowait/10/2\troot\t%s\t' \
		    "$PORT" "$H_PROBE"
		printf 'h_probe\n'
		printf '127.0.0.1:%s\tstream\ttcp\tnowait.1\troot\t%s\t' \
		    "$P2" "$H_PROBE"
		printf 'h_probe\n'
		printf '127.0.0.1:%s on protocol = tcp, wait = no, ' "$P3"
		printf 'user = root, exec = %s, args = h_probe, ' "$H_PROBE"
		printf 'ip_max = 1;\n'
		printf '127.0.0.1:%s on protocol = tcp, wait = no, ' "$P4"
		printf 'user = root, exec = %s, args = h_probe, ' "$H_PROBE"
		printf 'service_max = 1;\n'
	} >inetd.conf
	inetd_start
	for p in "$PORT" "$PORT" "$P2" "$P3" "$P4"; do
		"$H_CLIENT" -t 10 127.0.0.1 "$p" | grep -q '^argc=' ||
		    atf_fail "refused within the limit on port $p"
	done
	for p in "$PORT" "$P2" "$P3" "$P4"; do
		"$H_CLIENT" -e -t 10 127.0.0.1 "$p" >/dev/null 2>&1
		[ $? -eq 4 ] || atf_fail "served beyond the limit on port $p"
	done
	# The per-address limits leave another address alone.
	for p in "$PORT" "$P3"; do
		"$H_CLIENT" -b 127.0.0.2 -t 10 127.0.0.1 "$p" |
		    grep -q '^argc=' || atf_fail "127.0.0.2 refused on $p"
	done
	inetd_stop
}

# FreeBSD's stock inetd.conf: its "small servers" and auth lines, as
# they are there but for the leading '#'.
freebsd_stock() {
	cat <<'EOF'
#daytime stream	tcp	nowait	root	internal
#daytime stream	tcp6	nowait	root	internal
#daytime dgram	udp	wait	root	internal
#daytime dgram	udp6	wait	root	internal
#time	stream	tcp	nowait	root	internal
#time	stream	tcp6	nowait	root	internal
#time	 dgram	udp	wait	root	internal
#time	 dgram	udp6	wait	root	internal
#echo	stream	tcp	nowait	root	internal
#echo	stream	tcp6	nowait	root	internal
#echo	dgram	udp	wait	root	internal
#echo	dgram	udp6	wait	root	internal
#discard stream	tcp	nowait	root	internal
#discard stream	tcp6	nowait	root	internal
#discard dgram	udp	wait	root	internal
#discard dgram	udp6	wait	root	internal
#chargen stream	tcp	nowait	root	internal
#chargen stream	tcp6	nowait	root	internal
#chargen dgram	udp	wait	root	internal
#chargen dgram	udp6	wait	root	internal
#
# Return error for all "ident" requests
#
#auth	stream	tcp	nowait	root	internal
#auth	stream	tcp6	nowait	root	internal
#
# Provide internally a real "ident" service which provides ~/.fakeid support,
# provides ~/.noident support, reports UNKNOWN as the operating system type
# and times out after 30 seconds.
#
#auth	stream	tcp	nowait	root	internal	auth -r -f -n -o UNKNOWN -t 30
#auth	stream	tcp6	nowait	root	internal	auth -r -f -n -o UNKNOWN -t 30
EOF
}

freebsd_internal_head() {
	atf_set descr "FreeBSD's stock inetd.conf lines for the built-ins" \
	    "and auth, uncommented, serve on their real ports over IPv4" \
	    "and IPv6 (in a network namespace of the test's own); rdate" \
	    "asks the time; a burst is not cut by xinetd's cps; the" \
	    "error-only auth replaces the real one on SIGHUP"
	atf_set require.user root
	atf_set require.progs rdate
}
freebsd_internal_body() {
	init
	helpers
	netns_create
	# The real auth first: the error-only pair stays commented.
	freebsd_stock | sed -e 's/^#\([a-z]\)/\1/' \
	    -e '/^auth.*internal$/s/^/#/' >inetd.conf
	$NETNS_EXEC ./inetd -d -p "$PWD/inetd.pid" inetd.conf \
	    >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: 22 services" 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
	for a in 127.0.0.1 ::1; do
		atf_check -o inline:"hi\n" $NETNS_EXEC "$H_CLIENT" -t 10 \
		    -s hi "$a" 7
		atf_check -o inline:"hi\n" $NETNS_EXEC "$H_CLIENT" -u -t 10 \
		    -s hi "$a" 7
		atf_check -o empty $NETNS_EXEC "$H_CLIENT" -t 10 -s hi "$a" 9
		$NETNS_EXEC "$H_CLIENT" -t 10 "$a" 13 | grep -Eq \
		    '^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] ' ||
		    atf_fail "no daytime on $a"
		$NETNS_EXEC "$H_CLIENT" -u -t 10 "$a" 13 | grep -Eq \
		    '^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] ' ||
		    atf_fail "no daytime/udp on $a"
		$NETNS_EXEC "$H_CLIENT" -k -t 10 "$a" 19 2>/dev/null |
		    head -n 1 | grep -q '^ !"#' || atf_fail "no chargen on $a"
		for u in "" -u; do
			# shellcheck disable=SC2086
			out=$($NETNS_EXEC rdate -p $u "$a") ||
			    atf_fail "rdate $u $a failed"
			t=$(date -d "$out" +%s) || atf_fail "rdate: '$out'"
			now=$(date +%s)
			[ $((t - now)) -le 2 ] && [ $((now - t)) -le 2 ] ||
			    atf_fail "rdate $u $a: $out is not now"
		done
		# The real auth: there is no connection from 113 to port 1.
		r=$($NETNS_EXEC "$H_CLIENT" -t 10 -s "113 , 1" "$a" 113 |
		    tr -d '\r')
		[ "$r" = "113 , 1 : ERROR : NO-USER" ] ||
		    atf_fail "auth on $a: '$r'"
	done
	# BSD inetd has no cps limit: a burst of daytime is served well
	# past xinetd's 50 a second, up to -R's 256 a minute.
	$NETNS_EXEC "$H_CLIENT" -L 1 -c 4 -t 10 127.0.0.1 13 >load.out \
	    2>/dev/null
	ok=$(sed -n 's/^ok=\([0-9]*\) .*/\1/p' load.out)
	no=$(sed -n 's/.* fail=\([0-9]*\)$/\1/p' load.out)
	[ "${ok:-0}" -gt 50 ] && [ "$ok" -le 256 ] && [ "${no:-0}" -ge 1 ] ||
	    atf_fail "burst: $(cat load.out)"
	# The error-only auth instead of the real one.
	freebsd_stock | sed -e 's/^#\([a-z]\)/\1/' \
	    -e '/^auth.*-t 30$/s/^/#/' >inetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.out "reloaded" 10 || atf_fail "no reload"
	for a in 127.0.0.1 ::1; do
		r=$($NETNS_EXEC "$H_CLIENT" -t 10 -s "1 , 2" "$a" 113 |
		    tr -d '\r')
		[ "$r" = "1 , 2 : ERROR : HIDDEN-USER" ] ||
		    atf_fail "error-only auth on $a: '$r'"
	done
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "inetd did not stop"
	rm -f daemon.pid
}

tcpmux_lines_head() {
	atf_set descr "inetd.conf tcpmux lines: the tcpmux built-in on its" \
	    "real port (in a network namespace of the test's own)," \
	    "tcpmux/name and tcpmux/+name servers with their own user," \
	    "help, case, +Go, unknown names"
	atf_set require.user root
}
tcpmux_lines_body() {
	init
	helpers
	netns_create
	{
		printf 'tcpmux\tstream\ttcp\tnowait\troot\tinternal\n'
		printf 'tcpmux/+Probe-Plus\tstream\ttcp\tnowait\tnobody\t%s\t' \
		    "$H_PROBE"
		printf 'h_probe plus\n'
		printf 'tcpmux/probe\tstream\ttcp\tnowait\troot\t%s\t' \
		    "$H_PROBE"
		printf 'h_probe plain\n'
	} >inetd.conf
	$NETNS_EXEC ./inetd -d -p "$PWD/inetd.pid" inetd.conf \
	    >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for daemon.out "ready: 3 services" 10 ||
	    atf_fail "inetd did not start: $(cat daemon.out)"
	CR=$(printf '\r')
	$NETNS_EXEC "$H_CLIENT" -t 10 -s "HELP$CR" 127.0.0.1 1 >help.out
	atf_check -o inline:"Probe-Plus\nprobe\n" \
	    sh -c "tr -d '\r' <help.out | sort"
	$NETNS_EXEC "$H_CLIENT" -t 10 -s "probe-plus$CR" 127.0.0.1 1 >r.out
	atf_check -o inline:"+Go$CR\n" head -n 1 r.out
	sed 1d r.out >r2.out
	expect r2.out argv1 plus
	expect r2.out uid "$(id -u nobody)"
	$NETNS_EXEC "$H_CLIENT" -t 10 -s "PROBE$CR" 127.0.0.1 1 >r.out
	expect r.out argv1 plain
	expect r.out uid 0
	atf_check -o inline:"-Service not available$CR\n" \
	    $NETNS_EXEC "$H_CLIENT" -t 10 -s "tcpmux$CR" 127.0.0.1 1
	kill -TERM "$DAEMON_PID"
	wait_gone "$DAEMON_PID" 10 || atf_fail "inetd did not stop"
	rm -f daemon.pid
}

atf_init_test_cases() {
	atf_add_test_case check_file
	atf_add_test_case inetd_syntax_forced
	atf_add_test_case default_file
	atf_add_test_case options
	add_backend_cases serve
	add_backend_cases limits
	add_backend_cases wrap_switches
	add_backend_cases line_limits
	add_backend_cases freebsd_internal
	add_backend_cases tcpmux_lines
}
