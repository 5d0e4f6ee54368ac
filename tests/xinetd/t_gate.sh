# t_gate: the checks that need I/O and run in a server's own process
# before exec (host-name and .domain rules, libwrap, ident), and the
# banners.  Refusals there log FAIL and no START or EXIT; the daemon
# keeps serving other clients meanwhile.

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	H_IDENTD=$HELPERS/h_identd
	PORT=$(free_port)
}

# Served: the probe's report came back.
served() {
	$NETNS_EXEC "$H_CLIENT" -t 10 "$@" >reply.out 2>&1
	grep -q '^argc=' reply.out || { cat reply.out; \
	    atf_fail "not served: $*"; }
}

# Refused: closed with nothing said (banner-less services).
refused() {
	$NETNS_EXEC "$H_CLIENT" -e -t 10 "$@" >/dev/null 2>&1
	[ $? -eq 4 ] || atf_fail "not refused politely: $*"
}

# A network namespace (loopback only) whose processes see our own
# hosts file and name-service switch, for host-name rules that need
# no real DNS.  $1 is the nsswitch hosts line.
names_ns() {
	netns_create
	cat >hosts <<EOF
127.0.0.1	localhost
127.0.0.2	a.example.test
127.0.0.3	b.other.test
127.0.0.4	c.example.test
::1		localhost six.example.test
fd00::2		d6.example.test
EOF
	echo "hosts: $1" >nsswitch.conf
	# Nothing listens on port 53 in the new namespace: DNS fails.
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' \
	    >resolv.conf
	cat >inns <<EOF
#!/bin/sh
mount --bind "$PWD/hosts" /etc/hosts &&
mount --bind "$PWD/nsswitch.conf" /etc/nsswitch.conf &&
{ [ ! -e /etc/resolv.conf ] ||
  mount --bind "$PWD/resolv.conf" /etc/resolv.conf; } || exit 99
exec "\$@"
EOF
	chmod +x inns
	$NETNS_EXEC ip -6 addr add fd00::2/128 dev lo nodad ||
	    atf_fail "cannot add a second IPv6 source"
	NETNS_EXEC="$NETNS_EXEC unshare -m $PWD/inns"
	$NETNS_EXEC true || atf_fail "cannot set up the name files"
}

names_host_head() {
	atf_set descr "host-name rules: resolved in the server's process;" \
	    "a host beats a network; IPv4 and IPv6; a refusal logs FAIL" \
	    "address and neither START nor EXIT"
	atf_set require.user root
}
names_host_body() {
	start
	names_ns files
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	{
		log_defaults
		probe_service hostonly "$PORT" "only_from = a.example.test"
		probe_service hostdeny "$P2" "only_from = 127.0.0.0/8;
		    no_access = b.other.test"
		probe_service six "$P3" "bind = ::1;
		    only_from = six.example.test"
		probe_service sixno "$P4" "bind = ::1;
		    only_from = a.example.test"
	} >xinetd.conf
	daemon_start xinetd.conf
	served -b 127.0.0.2 127.0.0.1 "$PORT"
	refused -b 127.0.0.3 127.0.0.1 "$PORT"
	served -b 127.0.0.2 127.0.0.1 "$P2"
	refused -b 127.0.0.3 127.0.0.1 "$P2"
	served ::1 "$P3"
	refused ::1 "$P4"
	wait_for service.log "FAIL: sixno address from=::1" 10 ||
	    atf_fail "no FAIL line for ::1"
	atf_check -o match:"FAIL: hostonly address from=127\.0\.0\.3" \
	    -o match:"FAIL: hostdeny address from=127\.0\.0\.3" \
	    -o match:"START: hostonly pid=[0-9]+ from=127\.0\.0\.2" \
	    -o match:"START: six pid=[0-9]+ from=::1" \
	    cat service.log
	atf_check -s exit:1 grep -E \
	    "START: (hostonly|hostdeny) pid=[0-9]+ from=127\.0\.0\.3" \
	    service.log
	atf_check -s exit:1 grep -E "(START|EXIT): sixno" service.log
	# One server ran for hostonly: one EXIT, none for the refusal.
	wait_for service.log "EXIT: hostonly" 10 || atf_fail "no EXIT line"
	sleep 0.5
	atf_check -o inline:"1\n" grep -c "EXIT: hostonly" service.log
	daemon_stop
}

names_domain_head() {
	atf_set descr ".domain rules: the peer's confirmed reverse name;" \
	    "a domain beats a network, a host beats a domain; a peer" \
	    "without a name matches no domain"
	atf_set require.user root
}
names_domain_body() {
	start
	names_ns files
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	{
		log_defaults
		probe_service dom "$PORT" "only_from = .example.test"
		probe_service domdeny "$P2" "only_from = 127.0.0.0/8;
		    no_access = .example.test"
		probe_service hostwins "$P3" "only_from = a.example.test;
		    no_access = .example.test"
		probe_service dom6 "$P4" "bind = ::1; only_from = .example.test"
	} >xinetd.conf
	daemon_start xinetd.conf
	served -b 127.0.0.2 127.0.0.1 "$PORT"
	served -b 127.0.0.4 127.0.0.1 "$PORT"
	refused -b 127.0.0.3 127.0.0.1 "$PORT"
	refused -b 127.0.0.9 127.0.0.1 "$PORT"
	refused -b 127.0.0.2 127.0.0.1 "$P2"
	served -b 127.0.0.3 127.0.0.1 "$P2"
	served -b 127.0.0.9 127.0.0.1 "$P2"
	served -b 127.0.0.2 127.0.0.1 "$P3"
	refused -b 127.0.0.4 127.0.0.1 "$P3"
	served -b fd00::2 ::1 "$P4"
	refused ::1 "$P4"
	atf_check -o match:"FAIL: dom6 address from=::1" \
	    -o match:"START: dom6 pid=[0-9]+ from=fd00::2" \
	    -o match:"FAIL: dom address from=127\.0\.0\.9" \
	    -o match:"FAIL: domdeny address from=127\.0\.0\.2" \
	    -o match:"FAIL: hostwins address from=127\.0\.0\.4" \
	    cat service.log
	daemon_stop
}

names_dns_failure_head() {
	atf_set descr "a failed name look-up denies where it could decide:" \
	    "a no_access domain that cannot be checked refuses; an" \
	    "only_from host that cannot be resolved admits nobody by" \
	    "itself, while an address rule still admits"
	atf_set require.user root
}
names_dns_failure_body() {
	start
	names_ns "files dns"
	P2=$(free_port)
	{
		log_defaults
		probe_service nodns "$PORT" "only_from = 127.0.0.0/8;
		    no_access = .example.test"
		probe_service mixed "$P2" "only_from = 127.0.0.1 nohost.test"
	} >xinetd.conf
	daemon_start xinetd.conf
	# 127.0.0.9 is in no file: its reverse look-up goes to DNS, which
	# fails; 127.0.0.2 has its name from the hosts file.
	refused -b 127.0.0.9 127.0.0.1 "$PORT"
	refused -b 127.0.0.2 127.0.0.1 "$PORT"
	served 127.0.0.1 "$P2"
	refused -b 127.0.0.2 127.0.0.1 "$P2"
	atf_check -o match:"FAIL: nodns address from=127\.0\.0\.9" \
	    -o match:"FAIL: mixed address from=127\.0\.0\.2" \
	    cat service.log
	daemon_stop
}

names_decided_head() {
	atf_set descr "name rules that cannot change the answer are not" \
	    "looked up: the daemon refuses by address alone, no process"
}
names_decided_body() {
	start
	P2=$(free_port)
	{
		log_defaults
		probe_service listed "$PORT" "only_from = 127.0.0.0/8;
		    no_access = 127.0.0.1 .example.test"
		probe_service unlisted "$P2" \
		    "only_from = 10.0.0.0/8 .example.test; no_access = 127.0.0.1"
	} >xinetd.conf
	# Every process creation fails: a refusal that needed one would
	# show as FAIL fork.
	XINETD_TEST_SPAWN_FAIL=1
	export XINETD_TEST_SPAWN_FAIL
	daemon_start xinetd.conf
	refused 127.0.0.1 "$PORT"
	refused 127.0.0.1 "$P2"
	atf_check -o match:"FAIL: listed address from=127\.0\.0\.1" \
	    -o match:"FAIL: unlisted address from=127\.0\.0\.1" \
	    cat service.log
	atf_check -s exit:1 grep "FAIL: .* fork" service.log
	daemon_stop
}

libwrap_head() {
	atf_set descr "libwrap: hosts.allow before hosts.deny, the daemon" \
	    "name from the program, NAMEINARGS or the libwrap attribute;" \
	    "NOLIBWRAP skips it; IPv6; edits apply without a reload"
}
libwrap_body() {
	start
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	P5=$(free_port)
	printf 'h_probe: 127.0.0.3\n' >hosts.allow
	cat >hosts.deny <<EOF
# comments and blank lines are no rules

h_probe: 127.0.0.2 127.0.0.3 [::1]
custom: ALL
altname: ALL
EOF
	XINETD_TEST_HOSTS_ALLOW=$PWD/hosts.allow
	XINETD_TEST_HOSTS_DENY=$PWD/hosts.deny
	export XINETD_TEST_HOSTS_ALLOW XINETD_TEST_HOSTS_DENY
	printf 'go away\n' >fail.txt
	{
		log_defaults
		probe_service plain "$PORT" ""
		probe_service named "$P2" "libwrap = custom;
		    banner_fail = $PWD/fail.txt"
		probe_service nowrap "$P3" "libwrap = custom;
		    flags = NOLIBWRAP"
		probe_service six "$P4" "bind = ::1"
		probe_service inargs "$P5" "flags = NAMEINARGS" altname
	} >xinetd.conf
	daemon_start xinetd.conf
	served 127.0.0.1 "$PORT"
	refused -b 127.0.0.2 127.0.0.1 "$PORT"
	served -b 127.0.0.3 127.0.0.1 "$PORT"
	atf_check -o inline:"go away\n" "$H_CLIENT" -t 10 127.0.0.1 "$P2"
	served 127.0.0.1 "$P3"
	refused ::1 "$P4"
	refused 127.0.0.1 "$P5"
	wait_for service.log "FAIL: inargs libwrap" 10 ||
	    atf_fail "no FAIL line for inargs"
	atf_check -o match:"FAIL: plain libwrap from=127\.0\.0\.2" \
	    -o match:"FAIL: named libwrap from=127\.0\.0\.1" \
	    -o match:"FAIL: six libwrap from=::1" \
	    cat service.log
	atf_check -s exit:1 grep -E "(START|EXIT): named" service.log
	# An edit is seen within a second or so, without SIGHUP.
	echo "h_probe: 127.0.0.1" >>hosts.deny
	sleep 2
	refused 127.0.0.1 "$PORT"
	: >hosts.deny
	sleep 2
	served -b 127.0.0.2 127.0.0.1 "$PORT"
	daemon_stop
}

# The ident server for the daemon to query: $1 address, $2.. mode.
identd_start() {
	_a=$1
	shift
	_f=
	case $_a in *:*) _f=-6 ;; esac
	"$H_IDENTD" $_f "$_a" "$IDENT_PORT" "$@" &
	echo $! >>pids
	IDENTD_PID=$!
	_i=0
	while ! "$H_CLIENT" -H 0 "$_a" "$IDENT_PORT" \
	    >/dev/null 2>&1; do
		_i=$((_i + 1))
		[ $_i -lt 50 ] || atf_fail "the ident server did not start"
		sleep 0.1
	done
	rm -f queries
}

identd_stop() {
	kill "$IDENTD_PID"
	wait_gone "$IDENTD_PID" 10
}

ident_head() {
	atf_set descr "ident: USERID lines on success, IDONLY refuses" \
	    "without an identity (FAIL ident, NOID), IPv4 and IPv6; the" \
	    "query names the connection's ports; a client refused by the" \
	    "daemon is looked up too"
}
ident_body() {
	start
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	IDENT_PORT=$(free_port)
	XINETD_TEST_IDENT_PORT=$IDENT_PORT
	export XINETD_TEST_IDENT_PORT
	{
		log_defaults
		probe_service logged "$PORT" "log_on_success += USERID"
		probe_service strict "$P2" "flags = IDONLY;
		    log_on_failure += USERID; log_on_success += USERID"
		probe_service six "$P3" "bind = ::1;
		    log_on_success += USERID"
		probe_service denied "$P4" "only_from = 192.0.2.1;
		    log_on_failure += USERID"
	} >xinetd.conf
	daemon_start xinetd.conf
	identd_start 127.0.0.1 -u alice
	# Refused in the daemon: the look-up runs in a process of its own.
	refused 127.0.0.1 "$P4"
	wait_for service.log "USERID: denied UNIX : alice" 10 ||
	    atf_fail "no USERID line for a refusal in the daemon"
	atf_check -o match:"FAIL: denied address from=127\.0\.0\.1" \
	    cat service.log
	rm -f queries
	served 127.0.0.1 "$PORT"
	wait_for service.log "USERID: logged UNIX : alice" 10 ||
	    atf_fail "no USERID line"
	atf_check -o match:"^[0-9]+ , $PORT\$" cat queries
	served 127.0.0.1 "$P2"
	identd_stop
	identd_start 127.0.0.1 -e NO-USER
	refused 127.0.0.1 "$P2"
	wait_for service.log "FAIL: strict ident from=127\.0\.0\.1" 10 ||
	    atf_fail "no FAIL ident line"
	atf_check -o match:"NOID: strict 127\.0\.0\.1 NO-USER" \
	    cat service.log
	identd_stop
	# Nobody answers on the ident port at all.
	refused 127.0.0.1 "$P2"
	identd_start ::1 -u bob
	served ::1 "$P3"
	wait_for service.log "USERID: six UNIX : bob" 10 ||
	    atf_fail "no USERID line for ::1"
	daemon_stop
}

ident_slow_head() {
	atf_set descr "ident: a client whose ident server never answers" \
	    "waits alone (NOID after the timeout) while others are served;" \
	    "-logprocs bounds the look-ups running at once"
}
ident_slow_body() {
	start
	P2=$(free_port)
	P3=$(free_port)
	IDENT_PORT=$(free_port)
	XINETD_TEST_IDENT_PORT=$IDENT_PORT
	export XINETD_TEST_IDENT_PORT
	{
		log_defaults
		probe_service strict "$PORT" "flags = IDONLY;
		    log_on_failure += USERID"
		probe_service plain "$P2" ""
		probe_service denied "$P3" "only_from = 192.0.2.1;
		    log_on_failure += USERID"
	} >xinetd.conf
	daemon_start xinetd.conf -logprocs 1
	identd_start 127.0.0.1 -s
	"$H_CLIENT" -e -t 30 127.0.0.1 "$PORT" >slow.out 2>&1 &
	SLOW=$!
	echo $SLOW >>pids
	wait_for queries "," 10 || atf_fail "no ident query"
	t0=$(date +%s)
	served 127.0.0.1 "$P2"
	# The second look-up would exceed -logprocs: refused at once.
	refused 127.0.0.1 "$PORT"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 2 ] || atf_fail "others waited $((t1 - t0)) s"
	atf_check -o match:"NOID: strict 127\.0\.0\.1 too many ident" \
	    cat service.log
	wait "$SLOW"
	[ $? -eq 4 ] || atf_fail "the slow client was not refused"
	atf_check -o match:"NOID: strict 127\.0\.0\.1 .*timed out" \
	    cat service.log
	# A client the daemon refuses gets a look-up process of its own,
	# which holds the connection while it asks; -logprocs bounds
	# those too: the next refused client is not looked up.
	"$H_CLIENT" -e -t 30 127.0.0.1 "$P3" >/dev/null 2>&1 &
	echo $! >>pids
	wait_for queries "^[0-9]+ , $P3" 10 || atf_fail "no look-up for denied"
	t0=$(date +%s)
	refused 127.0.0.1 "$P3"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 2 ] || atf_fail "the refusal waited $((t1 - t0)) s"
	atf_check -o inline:"1\n" grep -c ", $P3" queries
	daemon_stop
}

banners_head() {
	atf_set descr "banner always, then banner_success or banner_fail;" \
	    "a refusal in the daemon sends them too; a client that never" \
	    "reads a large banner delays nobody"
	atf_set require.user root
}
banners_body() {
	start
	P4=$(free_port)
	# Small socket buffers, so a large banner cannot all be queued.
	netns_create
	$NETNS_EXEC sysctl -qw net.ipv4.tcp_wmem="4096 16384 65536" ||
	    atf_fail "cannot shrink the send buffers"
	P2=$(free_port)
	P3=$(free_port)
	printf 'hello\n' >b1
	printf 'welcome\n' >b2
	printf 'go away\n' >b3
	# 200 KB: more than a socket holds for a client that reads nothing.
	awk 'BEGIN { for (i = 0; i < 2500; i++) printf "%079d\n", i }' \
	    >big
	{
		log_defaults
		probe_service ok "$PORT" "banner = $PWD/b1;
		    banner_success = $PWD/b2; banner_fail = $PWD/b3"
		probe_service no "$P2" "only_from = 192.0.2.1;
		    banner = $PWD/b1; banner_success = $PWD/b2;
		    banner_fail = $PWD/b3"
		probe_service big "$P3" "banner = $PWD/big"
		probe_service six "$P4" "bind = ::1; banner = $PWD/b1;
		    banner_success = $PWD/b2"
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >reply.out || atf_fail "ok not served"
	atf_check -o inline:"hello\nwelcome\n" head -n 2 reply.out
	grep -q '^argc=' reply.out || atf_fail "no server after the banners"
	atf_check -o inline:"hello\ngo away\n" $NETNS_EXEC "$H_CLIENT" -t 10 \
	    127.0.0.1 "$P2"
	atf_check -o match:"FAIL: no address from=127\.0\.0\.1" \
	    cat service.log
	ask ::1 "$P4" >reply.out || atf_fail "six not served"
	atf_check -o inline:"hello\nwelcome\n" head -n 2 reply.out
	$NETNS_EXEC "$H_CLIENT" -H 30 127.0.0.1 "$P3" &
	echo $! >>pids
	sleep 1
	# The set-up works: the slow client's server is stuck sending.
	pgrep -P "$DAEMON_PID" >/dev/null ||
	    atf_fail "the large banner did not block its sender"
	t0=$(date +%s)
	ask 127.0.0.1 "$PORT" >/dev/null || atf_fail "ok not served"
	ask 127.0.0.1 "$P3" >reply.out || atf_fail "big not served"
	t1=$(date +%s)
	[ $((t1 - t0)) -le 3 ] || atf_fail "others waited $((t1 - t0)) s"
	atf_check -o inline:"200000\n" sh -c "head -n 2500 reply.out |
	    wc -c | tr -d ' '"
	daemon_stop
}

exec_failure_head() {
	atf_set descr "a gated server whose program cannot run: FAIL exec," \
	    "and no START or EXIT line for a server that never ran"
}
exec_failure_body() {
	start
	printf 'hello\n' >b1
	printf '#!/bin/sh\necho never\n' >notexec
	chmod 644 notexec
	{
		log_defaults
		probe_service broken "$PORT" "banner = $PWD/b1;
		    server = $PWD/notexec"
	} >xinetd.conf
	daemon_start xinetd.conf
	atf_check -o inline:"hello\n" "$H_CLIENT" -t 10 127.0.0.1 "$PORT"
	wait_for service.log "FAIL: broken exec from=127\.0\.0\.1" 10 ||
	    atf_fail "no FAIL exec line"
	sleep 0.5
	atf_check -s exit:1 grep -E "(START|EXIT): broken" service.log
	daemon_stop
}

atf_init_test_cases() {
	for t in names_host names_domain names_dns_failure names_decided \
	    libwrap ident ident_slow banners exec_failure; do
		add_backend_cases $t
	done
}
