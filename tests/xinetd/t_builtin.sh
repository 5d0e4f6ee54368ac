# t_builtin: echo, discard, chargen, daytime and time, served by the
# daemon itself, on TCP and UDP, over IPv4 and IPv6.

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	log_defaults >xinetd.conf
}

# builtin NAME ID stream|dgram PORT ADDRESS [attributes...]
builtin() {
	_n=$1 _id=$2 _t=$3 _p=$4 _a=$5
	shift 5
	_proto=tcp
	[ "$_t" = dgram ] && _proto=udp
	printf '\nservice %s\n{\n\ttype = INTERNAL UNLISTED\n' "$_n"
	printf '\tid = %s\n\tsocket_type = %s\n\tprotocol = %s\n' \
	    "$_id" "$_t" "$_proto"
	printf '\twait = no\n\tport = %s\n\tbind = %s\n' "$_p" "$_a"
	for _l in "$@"; do
		printf '\t%s\n' "$_l"
	done
	echo "}"
}

# Seconds since 1970 from the 4 bytes of the time protocol in file $1.
time_of() {
	od -An -tu1 -N4 "$1" |
	    awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 - 2208988800 }'
}

check_time() {
	_t=$(time_of "$1")
	_now=$(date +%s)
	[ -n "$_t" ] && [ $((_t - _now)) -le 2 ] && [ $((_now - _t)) -le 2 ] ||
	    atf_fail "time $_t is not within 2 s of $_now"
}

CR=$(printf '\r')
DAYTIME="^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]{8} [0-9]{4}$CR\$"

each_head() {
	atf_set descr "each built-in on TCP and UDP, IPv4 and IPv6, with" \
	    "its format; START and EXIT lines with pid=0"
}
each_body() {
	start
	for a in 127.0.0.1 ::1; do
		for s in echo discard chargen daytime time; do
			p=$(free_port)
			eval "P_${s}=$p"
			builtin $s "$s-stream" stream "$p" "$a"
			builtin $s "$s-dgram" dgram "$p" "$a"
		done >>xinetd.conf
		daemon_start xinetd.conf
		atf_check -o inline:"hello\n" "$H_CLIENT" -t 10 -s hello \
		    "$a" "$P_echo"
		atf_check -o inline:"ping\n" "$H_CLIENT" -u -t 10 -s ping \
		    "$a" "$P_echo"
		atf_check -o empty "$H_CLIENT" -t 10 -s into-the-void \
		    "$a" "$P_discard"
		atf_check -s exit:2 -o empty -e ignore "$H_CLIENT" -u -t 1 \
		    "$a" "$P_discard"
		"$H_CLIENT" -t 10 "$a" "$P_daytime" >day.out
		grep -Eq "$DAYTIME" day.out || atf_fail "daytime: $(cat day.out)"
		"$H_CLIENT" -u -t 10 "$a" "$P_daytime" >day.out
		grep -Eq "$DAYTIME" day.out || atf_fail "daytime/udp: $(cat day.out)"
		"$H_CLIENT" -t 10 "$a" "$P_time" >time.out
		atf_check -o inline:"4\n" sh -c "wc -c <time.out | tr -d ' '"
		check_time time.out
		"$H_CLIENT" -u -t 10 "$a" "$P_time" >time.out
		check_time time.out
		# chargen: 72 characters and CRLF, each line one later.
		"$H_CLIENT" -k -t 10 "$a" "$P_chargen" 2>/dev/null |
		    head -n 3 >gen.out
		awk 'BEGIN { for (i = 0; i < 3; i++) { s = "";
		    for (j = 0; j < 72; j++) s = s sprintf("%c", 32 + (i + j) % 95);
		    print s "\r" } }' >gen.want
		atf_check cmp gen.out gen.want
		"$H_CLIENT" -u -t 10 "$a" "$P_chargen" >gen.out
		n=$(wc -c <gen.out | tr -d ' ')
		# Whole lines, at most 512 bytes.
		[ $((n % 74)) -eq 0 ] && [ "$n" -le 512 ] &&
		    [ "$n" -ge 74 ] || atf_fail "chargen/udp: $n bytes"
		atf_check -o match:"START: echo-stream pid=0 from=$a" \
		    -o match:"EXIT: echo-stream status=0 pid=0" \
		    -o match:"START: time-dgram pid=0 from=$a" \
		    cat service.log
		daemon_stop
		log_defaults >xinetd.conf
		# daemon_start waits for "ready:" in a log of its own.
		rm -f service.log daemon.log
	done
}

echo_bulk_head() {
	atf_set descr "1 MiB through stream echo comes back whole, with the" \
	    "daemon's buffer filling and draining (backpressure)"
	atf_set require.progs socat
}
echo_bulk_body() {
	start
	P=$(free_port)
	builtin echo echo-stream stream "$P" 127.0.0.1 >>xinetd.conf
	daemon_start xinetd.conf
	dd if=/dev/urandom of=data bs=1024 count=1024 2>/dev/null
	socat -t 10 -T 20 - "TCP:127.0.0.1:$P" <data >back ||
	    atf_fail "socat failed"
	atf_check cmp data back
	daemon_stop
}

chargen_slow_head() {
	atf_set descr "clients that stop reading chargen cost the daemon no" \
	    "growing memory and delay nobody"
}
chargen_slow_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	builtin chargen chargen-stream stream "$P" 127.0.0.1 >>xinetd.conf
	builtin echo echo-stream stream "$P2" 127.0.0.1 >>xinetd.conf
	daemon_start xinetd.conf
	rss() {
		sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' \
		    /proc/"$DAEMON_PID"/status
	}
	atf_check -o inline:"x\n" "$H_CLIENT" -t 10 -s x 127.0.0.1 "$P2"
	before=$(rss)
	i=0
	while [ $i -lt 20 ]; do
		"$H_CLIENT" -H 8 127.0.0.1 "$P" &
		echo $! >>pids
		i=$((i + 1))
	done
	sleep 3
	atf_check -o inline:"x\n" "$H_CLIENT" -t 3 -s x 127.0.0.1 "$P2"
	mid=$(rss)
	sleep 2
	after=$(rss)
	echo "RSS: $before kB before, $mid kB, then $after kB"
	[ $((after - before)) -le 1024 ] ||
	    atf_fail "RSS grew from $before to $after kB"
	[ "$after" -le "$mid" ] || [ $((after - mid)) -le 64 ] ||
	    atf_fail "RSS still growing: $mid then $after kB"
	daemon_stop
}

loop_guard_head() {
	atf_set descr "datagrams from a built-in's port, a low port or port" \
	    "0 are not answered, so two servers cannot be set talking"
	atf_set require.user root
	atf_set require.progs socat
}
loop_guard_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	builtin echo echo-dgram dgram "$P" 127.0.0.1 >>xinetd.conf
	builtin chargen chargen-dgram dgram "$P2" 127.0.0.1 >>xinetd.conf
	daemon_start xinetd.conf
	# An ordinary client is answered.
	atf_check -o inline:"ping\n" "$H_CLIENT" -u -t 10 -s ping \
	    127.0.0.1 "$P"
	# From chargen's port (on another address), and from port 999.
	for src in "bind=127.0.0.2,sourceport=$P2" \
	    "bind=127.0.0.2,sourceport=999"; do
		out=$(echo ping | timeout 5 socat -T 2 - \
		    "UDP:127.0.0.1:$P,$src" 2>&1)
		[ -z "$out" ] || atf_fail "answered from $src: $out"
	done
	atf_check -o match:"FAIL: echo-dgram port from=127\.0\.0\.2" \
	    cat service.log
	daemon_stop
}

limits_head() {
	atf_set descr "instances and access rules apply to built-ins;" \
	    "libwrap makes a process serve the client after the check"
}
limits_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	P3=$(free_port)
	builtin echo one stream "$P" 127.0.0.1 "instances = 1" >>xinetd.conf
	builtin echo closed stream "$P2" 127.0.0.1 \
	    "only_from = 192.0.2.0/24" >>xinetd.conf
	builtin echo wrapped stream "$P3" 127.0.0.1 >>xinetd.conf
	: >hosts.allow
	echo "wrapped: 127.0.0.2" >hosts.deny
	XINETD_TEST_HOSTS_ALLOW=$PWD/hosts.allow
	XINETD_TEST_HOSTS_DENY=$PWD/hosts.deny
	export XINETD_TEST_HOSTS_ALLOW XINETD_TEST_HOSTS_DENY
	daemon_start xinetd.conf
	"$H_CLIENT" -H 5 127.0.0.1 "$P" &
	echo $! >>pids
	sleep 1
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P2"
	atf_check -o inline:"hi\n" "$H_CLIENT" -t 10 -s hi 127.0.0.1 "$P3"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 -b 127.0.0.2 \
	    127.0.0.1 "$P3"
	wait_for service.log "FAIL: wrapped libwrap" 10 ||
	    atf_fail "no FAIL libwrap line"
	atf_check -o match:"FAIL: one service_limit from=127\.0\.0\.1" \
	    -o match:"FAIL: closed address from=127\.0\.0\.1" \
	    -o match:"START: wrapped pid=[1-9][0-9]* from=127\.0\.0\.1" \
	    cat service.log
	daemon_stop
}

# mux NAME TYPE SERVER [args]: a service reached through tcpmux.
mux() {
	_n=$1 _t=$2 _s=$3
	shift 3
	printf '\nservice %s\n{\n\ttype = %s\n' "$_n" "$_t"
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tuser = root\n\tserver = %s\n' "$_s"
	[ $# -gt 0 ] && printf '\tserver_args = %s\n' "$*"
	echo "}"
}

tcpmux_head() {
	atf_set descr "tcpmux: help lists the TCPMUX services; names match" \
	    "in any case; TCPMUXPLUS gets +Go first and nothing stray; an" \
	    "unknown name or a service of another type gets -; bytes after" \
	    "the request line reach the server; the service's own checks"
}
tcpmux_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	{
		builtin tcpmux tcpmux stream "$P" 127.0.0.1
		mux probe-mux TCPMUX "$H_PROBE"
		mux plus-mux TCPMUXPLUS "$H_PROBE"
		mux cat-mux TCPMUXPLUS /bin/cat
		mux closed-mux TCPMUX "$H_PROBE" | sed 's/^}$/\tonly_from = 192.0.2.1\n}/'
		probe_service plain "$P2" ""
	} >>xinetd.conf
	daemon_start xinetd.conf
	CR=$(printf '\r')
	"$H_CLIENT" -t 10 -s "help$CR" 127.0.0.1 "$P" >help.out
	atf_check -o inline:"cat-mux\nclosed-mux\nplus-mux\nprobe-mux\n" \
	    sh -c "tr -d '\r' <help.out | sort"
	"$H_CLIENT" -t 10 -s "PROBE-Mux$CR" 127.0.0.1 "$P" >r.out
	atf_check -o match:"^argc=" head -n 1 r.out
	"$H_CLIENT" -t 10 -s "plus-mux$CR" 127.0.0.1 "$P" >r.out
	atf_check -o inline:"+Go$CR\n" head -n 1 r.out
	atf_check -o match:"^argc=" sed -n 2p r.out
	atf_check -o inline:"-Service not available$CR\n" \
	    "$H_CLIENT" -t 10 -s "nosuch$CR" 127.0.0.1 "$P"
	atf_check -o inline:"-Service not available$CR\n" \
	    "$H_CLIENT" -t 10 -s "plain$CR" 127.0.0.1 "$P"
	atf_check -o inline:"+Go$CR\nafter the line\n" "$H_CLIENT" -t 10 \
	    -s "cat-mux$CR
after the line" 127.0.0.1 "$P"
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 -s "closed-mux$CR" \
	    127.0.0.1 "$P"
	atf_check -o match:"FAIL: closed-mux address from=127\.0\.0\.1" \
	    -o match:"START: probe-mux pid=[1-9][0-9]* from=127\.0\.0\.1" \
	    cat service.log
	daemon_stop
}

# relay NAME PORT TARGET-HOST TARGET-PORT [attributes...]
relay() {
	_n=$1 _p=$2 _h=$3 _tp=$4
	shift 4
	printf '\nservice %s\n{\n\ttype = UNLISTED\n' "$_n"
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = 127.0.0.1\n' "$_p"
	printf '\tredirect = %s %s\n' "$_h" "$_tp"
	for _l in "$@"; do
		printf '\t%s\n' "$_l"
	done
	echo "}"
}

redirect_head() {
	atf_set descr "redirect relays both ways in the loop: 10 MB through" \
	    "it to an echo server come back whole, half-close passes" \
	    "through, TRAFFIC counts the bytes, IPv6 targets work"
	atf_set require.progs socat
}
redirect_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	builtin echo echo-stream stream "$P" 127.0.0.1 >>xinetd.conf
	builtin echo echo6 stream "$P4" ::1 >>xinetd.conf
	relay relay "$P2" 127.0.0.1 "$P" \
	    "log_on_success = PID HOST EXIT DURATION TRAFFIC" >>xinetd.conf
	relay relay6 "$P3" ::1 "$P4" >>xinetd.conf
	daemon_start xinetd.conf
	atf_check -o inline:"hello\n" "$H_CLIENT" -t 10 -s hello \
	    127.0.0.1 "$P2"
	atf_check -o inline:"hello6\n" "$H_CLIENT" -t 10 -s hello6 \
	    127.0.0.1 "$P3"
	dd if=/dev/urandom of=data bs=1024 count=10240 2>/dev/null
	# socat closes its sending side at the end of the file: the
	# half-close must reach echo, and echo's end come back.
	socat -t 20 -T 30 - "TCP:127.0.0.1:$P2" <data >back ||
	    atf_fail "socat failed"
	atf_check -o save:sum1 cksum <data
	atf_check -o save:sum2 cksum <back
	atf_check cmp sum1 sum2
	wait_for service.log "TRAFFIC: relay in=10485760\(bytes\)" 10 ||
	    atf_fail "no TRAFFIC line for the 10 MB"
	atf_check -o match:"TRAFFIC: relay in=10485760\(bytes\) out=10485760\(bytes\)" \
	    -o match:"START: relay pid=0 from=127\.0\.0\.1" \
	    cat service.log
	daemon_stop
}

redirect_dead_head() {
	atf_set descr "redirect to a port nobody listens on: the client is" \
	    "closed at once and FAIL redirect is logged"
}
redirect_dead_body() {
	start
	P=$(free_port)
	DEAD=$(free_port)
	relay dead "$P" 127.0.0.1 "$DEAD" >>xinetd.conf
	daemon_start xinetd.conf
	t0=$(date +%s)
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 2 ] || atf_fail "took $((t1 - t0)) s"
	atf_check -o match:"FAIL: dead redirect from=127\.0\.0\.1" \
	    cat service.log
	atf_check -s exit:1 grep "START: dead" service.log
	daemon_stop
}

rdate_head() {
	atf_set descr "rdate, a real time-protocol client, over TCP and UDP," \
	    "IPv4 and IPv6, gets the time within 2 s"
	atf_set require.progs rdate
}
rdate_body() {
	start
	P4=$(free_port)
	P6=$(free_port)
	{
		builtin time t4 stream "$P4" 127.0.0.1
		builtin time u4 dgram "$P4" 127.0.0.1
		builtin time t6 stream "$P6" ::1
		builtin time u6 dgram "$P6" ::1
	} >>xinetd.conf
	daemon_start xinetd.conf
	for c in "-4 -o $P4 127.0.0.1" "-4 -u -o $P4 127.0.0.1" \
	    "-6 -o $P6 ::1" "-6 -u -o $P6 ::1"; do
		# shellcheck disable=SC2086
		out=$(rdate -p $c) || atf_fail "rdate -p $c failed"
		t=$(date -d "$out" +%s) || atf_fail "rdate printed '$out'"
		now=$(date +%s)
		[ $((t - now)) -le 2 ] && [ $((now - t)) -le 2 ] ||
		    atf_fail "rdate $c: $out is not within 2 s of now"
	done
	atf_check -o match:"START: t4 pid=0" -o match:"START: u4 pid=0" \
	    -o match:"START: t6 pid=0 from=::1" \
	    -o match:"START: u6 pid=0 from=::1" cat service.log
	daemon_stop
}

admin_head() {
	atf_set descr "xinetd's services, servers and xadmin built-ins:" \
	    "the service list, the running servers with their client and" \
	    "pid, and xadmin's commands"
	atf_set require.progs socat
}
admin_body() {
	start
	PS=$(free_port)
	PR=$(free_port)
	PX=$(free_port)
	PORT=$(free_port)
	{
		builtin services services stream "$PS" 127.0.0.1
		builtin servers servers stream "$PR" 127.0.0.1
		builtin xadmin xadmin stream "$PX" 127.0.0.1 "user = nobody"
		probe_service probe "$PORT" "" --mode=sleep:30
	} >>xinetd.conf
	daemon_start xinetd.conf
	printf 'services tcp %s\nservers tcp %s\nxadmin tcp %s\nprobe tcp %s\n' \
	    "$PS" "$PR" "$PX" "$PORT" >services.want
	"$H_CLIENT" -t 10 127.0.0.1 "$PS" >services.got
	atf_check cmp services.want services.got
	atf_check -o empty "$H_CLIENT" -t 10 127.0.0.1 "$PR"
	"$H_CLIENT" -b 127.0.0.2 -t 60 127.0.0.1 "$PORT" >/dev/null 2>&1 &
	echo $! >>pids
	wait_for service.log "START: probe pid=" 10 || atf_fail "no server"
	pid=$(sed -n 's/.*START: probe pid=\([0-9]*\).*/\1/p' service.log)
	atf_check -o inline:"probe 127.0.0.2 $pid\n" \
	    "$H_CLIENT" -t 10 127.0.0.1 "$PR"
	# A whole session; nothing is read past quit.
	printf 'help\nshow run\n  show avail\nfrobnicate\nquit\nhelp\n' |
	    socat -t 10 - "TCP:127.0.0.1:$PX" >xadmin.got ||
	    atf_fail "xadmin did not answer"
	{
		printf '> help\nshow run\nshow avail\nbye, exit, quit\n'
		printf '> probe 127.0.0.2 %s\n> ' "$pid"
		cat services.want
		printf '> unknown command: try help\n> '
	} >xadmin.want
	cmp xadmin.got xadmin.want || atf_fail "xadmin: $(cat xadmin.got)"
	# A session's process runs as the service's user.
	if [ "$(id -u)" = 0 ]; then
		(sleep 5; echo bye) | socat -t 10 - "TCP:127.0.0.1:$PX" \
		    >/dev/null &
		echo $! >>pids
		i=0
		while [ "$(grep -c 'START: xadmin' service.log)" -lt 2 ]; do
			i=$((i + 1))
			[ $i -lt 100 ] || atf_fail "no second xadmin session"
			sleep 0.1
		done
		xp=$(sed -n 's/.*START: xadmin pid=\([0-9]*\).*/\1/p' \
		    service.log | tail -n 1)
		atf_check -o inline:"$(id -u nobody)\n" \
		    sh -c "ps -o uid= -p $xp | tr -d ' '"
	fi
	kill $(cat pids) 2>/dev/null
	daemon_stop
}

# The START lines of service ID in service.log, without their time, to
# starts.out.
starts() {
	sed -n "s/^[^ ]* \(START: $1 .*\)/\1/p" service.log >starts.out
}

redirect_source_head() {
	atf_set descr "redirect_source = 127.0.0.2: the target, a service" \
	    "of the same daemon, logs the relayed client as 127.0.0.2" \
	    "(127.0.0.1 without it), data flows both ways, and a reload" \
	    "that changes the address takes effect"
}
redirect_source_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	builtin echo target stream "$P" 127.0.0.1 >>xinetd.conf
	builtin echo plain-target stream "$P3" 127.0.0.1 >>xinetd.conf
	relay from2 "$P2" 127.0.0.1 "$P" \
	    "redirect_source = 127.0.0.2" >>xinetd.conf
	relay plain "$P4" 127.0.0.1 "$P3" >>xinetd.conf
	daemon_start xinetd.conf
	atf_check -o inline:"hello\n" "$H_CLIENT" -t 10 -s hello \
	    127.0.0.1 "$P2"
	atf_check -o inline:"plain\n" "$H_CLIENT" -t 10 -s plain \
	    127.0.0.1 "$P4"
	wait_for service.log "EXIT: plain " 10 || atf_fail "no EXIT: plain"
	starts target
	atf_check -o inline:"START: target pid=0 from=127.0.0.2\n" \
	    cat starts.out
	starts plain-target
	atf_check -o inline:"START: plain-target pid=0 from=127.0.0.1\n" \
	    cat starts.out
	starts from2
	atf_check -o inline:"START: from2 pid=0 from=127.0.0.1\n" \
	    cat starts.out
	# A changed source is a changed service: it must take effect.
	sed 's/redirect_source = 127.0.0.2/redirect_source = 127.0.0.3/' \
	    xinetd.conf >xinetd.new && mv xinetd.new xinetd.conf
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded: " 10 || atf_fail "no reload"
	atf_check -o inline:"again\n" "$H_CLIENT" -t 10 -s again \
	    127.0.0.1 "$P2"
	wait_for service.log "from=127\.0\.0\.3$" 10 ||
	    atf_fail "no client from 127.0.0.3"
	starts target
	atf_check -o inline:"START: target pid=0 from=127.0.0.2\nSTART: target pid=0 from=127.0.0.3\n" \
	    cat starts.out
	daemon_stop
}

redirect_source6_head() {
	atf_set descr "redirect_source = fd00::2 to an IPv6 target on ::1:" \
	    "data flows and the target logs the client as fd00::2, not" \
	    "the ::1 the kernel would pick (in a network namespace of the" \
	    "test's own, where lo has both)"
	atf_set require.user root
}
redirect_source6_body() {
	start
	netns_create
	$NETNS_EXEC ip -6 addr add fd00::2/128 dev lo nodad ||
	    atf_fail "cannot add fd00::2"
	P=$(free_port)
	P2=$(free_port)
	builtin echo target6 stream "$P" ::1 >>xinetd.conf
	relay from6 "$P2" ::1 "$P" "redirect_source = fd00::2" >>xinetd.conf
	daemon_start xinetd.conf
	atf_check -o inline:"hello6\n" $NETNS_EXEC "$H_CLIENT" -t 10 \
	    -s hello6 127.0.0.1 "$P2"
	wait_for service.log "EXIT: from6 " 10 || atf_fail "no EXIT: from6"
	starts target6
	atf_check -o inline:"START: target6 pid=0 from=fd00::2\n" \
	    cat starts.out
	starts from6
	atf_check -o inline:"START: from6 pid=0 from=127.0.0.1\n" cat starts.out
	daemon_stop
}

# An address of TEST-NET-1, which no interface here should have.
NOT_HERE=192.0.2.1

not_here() {
	ip -o addr show 2>/dev/null | grep -q "inet $NOT_HERE/" &&
	    atf_skip "$NOT_HERE is an address of this machine"
	[ "$(sysctl -n net.ipv4.ip_nonlocal_bind 2>/dev/null)" = 1 ] &&
	    atf_skip "net.ipv4.ip_nonlocal_bind lets any address be bound"
	return 0
}

redirect_source_unbound_head() {
	atf_set descr "a redirect_source the system cannot bind: the client" \
	    "is closed at once, FAIL redirect is logged, the daemon logs" \
	    "why once, and the target sees nothing"
}
redirect_source_unbound_body() {
	not_here
	start
	P=$(free_port)
	P2=$(free_port)
	builtin echo target stream "$P" 127.0.0.1 >>xinetd.conf
	relay nobind "$P2" 127.0.0.1 "$P" \
	    "redirect_source = $NOT_HERE" >>xinetd.conf
	daemon_start xinetd.conf
	t0=$(date +%s)
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P2"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 2 ] || atf_fail "took $((t1 - t0)) s"
	wait_for service.log "FAIL: nobind " 10 || atf_fail "no FAIL line"
	atf_check -o match:"^[^ ]* FAIL: nobind redirect from=127\.0\.0\.1$" \
	    cat service.log
	atf_check -o inline:"1\n" \
	    grep -c ": nobind: redirect_source 192\.0\.2\.1: " daemon.log
	starts nobind
	atf_check -o empty cat starts.out
	starts target
	atf_check -o empty cat starts.out
	# The daemon goes on serving.
	atf_check -o inline:"up\n" "$H_CLIENT" -t 10 -s up 127.0.0.1 "$P"
	daemon_stop
}

redirect_source_family_head() {
	atf_set descr "a redirect_source with no address of the target's" \
	    "family: an error naming the service at load, then FAIL" \
	    "redirect and a closed client"
}
redirect_source_family_body() {
	start
	P=$(free_port)
	P2=$(free_port)
	builtin echo target stream "$P" 127.0.0.1 >>xinetd.conf
	relay mixed "$P2" 127.0.0.1 "$P" "redirect_source = ::1" >>xinetd.conf
	atf_check "$XINETD" -n -f xinetd.conf
	daemon_start xinetd.conf
	atf_check -o match:": mixed: redirect_source ::1 has no address of the family of redirect 127\.0\.0\.1; its clients are refused$" \
	    cat daemon.log
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P2"
	wait_for service.log "FAIL: mixed " 10 || atf_fail "no FAIL line"
	atf_check -o match:"^[^ ]* FAIL: mixed redirect from=127\.0\.0\.1$" \
	    cat service.log
	starts target
	atf_check -o empty cat starts.out
	daemon_stop
}

redirect_source_gated_head() {
	atf_set descr "a redirect whose client passes libwrap in a process" \
	    "of its own binds the source there too: the target sees" \
	    "127.0.0.2; a source it cannot bind gives FAIL redirect"
}
redirect_source_gated_body() {
	not_here
	start
	P=$(free_port)
	P2=$(free_port)
	P3=$(free_port)
	builtin echo target stream "$P" 127.0.0.1 "flags = NOLIBWRAP" \
	    >>xinetd.conf
	relay gated "$P2" 127.0.0.1 "$P" \
	    "redirect_source = 127.0.0.2" >>xinetd.conf
	relay gated-nobind "$P3" 127.0.0.1 "$P" \
	    "redirect_source = $NOT_HERE" >>xinetd.conf
	# A rule for another service: libwrap is in use, the client passes.
	: >hosts.allow
	echo "someone-else: ALL" >hosts.deny
	XINETD_TEST_HOSTS_ALLOW=$PWD/hosts.allow
	XINETD_TEST_HOSTS_DENY=$PWD/hosts.deny
	export XINETD_TEST_HOSTS_ALLOW XINETD_TEST_HOSTS_DENY
	daemon_start xinetd.conf
	atf_check -o inline:"gated\n" "$H_CLIENT" -t 10 -s gated \
	    127.0.0.1 "$P2"
	wait_for service.log "EXIT: gated " 10 || atf_fail "no EXIT: gated"
	starts target
	atf_check -o inline:"START: target pid=0 from=127.0.0.2\n" \
	    cat starts.out
	# Started by a process of its own: the gate ran.
	starts gated
	atf_check -o match:"^START: gated pid=[1-9][0-9]* from=127\.0\.0\.1$" \
	    cat starts.out
	t0=$(date +%s)
	atf_check -s exit:4 -e ignore "$H_CLIENT" -e -t 10 127.0.0.1 "$P3"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 2 ] || atf_fail "took $((t1 - t0)) s"
	wait_for service.log "FAIL: gated-nobind " 10 ||
	    atf_fail "no FAIL line"
	atf_check -o match:"^[^ ]* FAIL: gated-nobind redirect from=127\.0\.0\.1$" \
	    cat service.log
	atf_check -o inline:"1\n" grep -c \
	    ": gated-nobind: redirect_source 192\.0\.2\.1: " daemon.log
	starts gated-nobind
	atf_check -o empty cat starts.out
	starts target
	atf_check -o inline:"START: target pid=0 from=127.0.0.2\n" \
	    cat starts.out
	daemon_stop
}

atf_init_test_cases() {
	for t in each echo_bulk chargen_slow loop_guard limits tcpmux \
	    redirect redirect_dead rdate admin redirect_source \
	    redirect_source6 redirect_source_unbound redirect_source_family \
	    redirect_source_gated; do
		add_backend_cases $t
	done
}
