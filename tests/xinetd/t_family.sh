# t_family: address families.  IPv4, IPv6 and dual-stack listeners,
# IPV6_V6ONLY as written, and IPv4-mapped peers shown as IPv4.  Cases
# that listen on every address do so in a network namespace of their
# own.

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	PORT=$(free_port)
}

# A service without bind: ATTRS as for probe_service.
any_service() {
	probe_service "$@" | sed '/^	bind = /d'
}

# Whether the service on ADDR answers.
serves() {
	ask "$1" "$PORT" >reply 2>/dev/null && grep -q "^end" reply
}

refuses() {
	! ask "$1" "$PORT" >/dev/null 2>&1
}

netns_head() {
	atf_set require.user root
	atf_set require.progs ip
}

ipv4_head() {
	atf_set descr "flags = IPv4 listens on IPv4 only"
	netns_head
}
ipv4_body() {
	start
	netns_create
	{ log_defaults; any_service v4 "$PORT" "flags = IPv4"; } >xinetd.conf
	daemon_start xinetd.conf
	serves 127.0.0.1 || atf_fail "no answer on 127.0.0.1"
	expect reply env:REMOTE_ADDR 127.0.0.1
	refuses ::1 || atf_fail "answered on ::1"
	daemon_stop
}

ipv6_only_head() {
	atf_set descr "v6only = yes listens on IPv6 only"
	netns_head
}
ipv6_only_body() {
	start
	netns_create
	{ log_defaults; any_service v6 "$PORT" "flags = IPv6; v6only = yes"; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	serves ::1 || atf_fail "no answer on ::1"
	expect reply env:REMOTE_ADDR ::1
	refuses 127.0.0.1 || atf_fail "answered on 127.0.0.1"
	daemon_stop
}

# Both families served; IPv4 peers logged and exported as IPv4.
check_dual() {
	serves ::1 || atf_fail "no answer on ::1"
	expect reply env:REMOTE_ADDR ::1
	serves 127.0.0.1 || atf_fail "no answer on 127.0.0.1"
	expect reply env:REMOTE_ADDR 127.0.0.1
	expect reply env:TCPREMOTEIP 127.0.0.1
	expect reply env:REMOTE_HOST 127.0.0.1
	atf_check -o match:"START: $1 pid=[0-9]+ from=127\.0\.0\.1\$" \
	    cat service.log
	atf_check -s exit:1 grep -F "::ffff:" service.log
}

dual_head() {
	atf_set descr "No bind and no family: one socket for IPv6 and IPv4," \
	    "mapped peers shown as IPv4"
	netns_head
}
dual_body() {
	start
	netns_create
	{ log_defaults; any_service both "$PORT" ""; } >xinetd.conf
	XINETD_DUMP_FILE=$PWD/dump
	export XINETD_DUMP_FILE
	daemon_start xinetd.conf
	check_dual both
	atf_check -o match:"listener: fd [0-9]+, :: port $PORT \(IPv4 too\)" \
	    sh -c "kill -USR1 $DAEMON_PID; sleep 1; cat dump"
	atf_check -o match:"dual-stack services use one socket" cat daemon.log
	daemon_stop
}

dual_v6only_no_head() {
	atf_set descr "flags = IPv6 with v6only = no is dual-stack"
	netns_head
}
dual_v6only_no_body() {
	start
	netns_create
	{ log_defaults; any_service both "$PORT" "flags = IPv6; v6only = no"; } \
	    >xinetd.conf
	daemon_start xinetd.conf
	check_dual both
	daemon_stop
}

dual_split_head() {
	atf_set descr "Dual-stack as two sockets (IPv4, IPv6-only), forced" \
	    "with XINETD_DUALSTACK=split, serves both the same way"
	netns_head
}
dual_split_body() {
	start
	netns_create
	{ log_defaults; any_service both "$PORT" ""; } >xinetd.conf
	XINETD_DUALSTACK=split
	export XINETD_DUALSTACK
	daemon_start xinetd.conf
	check_dual both
	atf_check -o match:"two sockets" cat daemon.log
	atf_check -o not-match:"one socket" cat daemon.log
	daemon_stop
}

bind_ipv6_head() {
	atf_set descr "bind = ::1 listens on ::1 only"
}
bind_ipv6_body() {
	start
	{ log_defaults; probe_service v6 "$PORT" "bind = ::1"; } >xinetd.conf
	daemon_start xinetd.conf
	serves ::1 || atf_fail "no answer on ::1"
	refuses 127.0.0.1 || atf_fail "answered on 127.0.0.1"
	daemon_stop
}

atf_init_test_cases() {
	for t in ipv4 ipv6_only dual dual_v6only_no dual_split bind_ipv6; do
		add_backend_cases $t
	done
}
