# t_logging: service log lines in xinetd's formats, as log parsers
# (fail2ban's xinetd-fail filter) read them; FILE size limits; floods
# of failures summarised; address rules with the best match.

. "$(atf_get_srcdir)/common.subr"

start() {
	setup
	helpers
	PORT=$(free_port)
}

# FILE lines: "YY/M/D@HH:MM:SS: " then the text.
PREFIX='^[0-9]{2}/[0-9]{1,2}/[0-9]{1,2}@[0-9]{2}:[0-9]{2}:[0-9]{2}: '

formats_head() {
	atf_set descr "START, EXIT and FAIL lines in xinetd's formats"
}
formats_body() {
	start
	PORT2=$(free_port)
	PORT3=$(free_port)
	{
		log_defaults
		probe_service good "$PORT" ""
		probe_service denied "$PORT2" "only_from = 10.0.0.0/8"
		probe_service killed "$PORT3" "" --mode=crash:KILL
	} >xinetd.conf
	daemon_start xinetd.conf
	ask 127.0.0.1 "$PORT" >r || atf_fail "no answer"
	pid=$(report_get r pid)
	wait_for service.log "EXIT: good" 10 || atf_fail "no EXIT line"
	atf_check -o match:"${PREFIX}START: good pid=$pid from=127\.0\.0\.1\$" \
	    cat service.log
	atf_check -o match:"${PREFIX}EXIT: good status=0 pid=$pid duration=[0-9]+\(sec\)\$" \
	    cat service.log
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$PORT2"
	atf_check -o match:"${PREFIX}FAIL: denied address from=127\.0\.0\.1\$" \
	    cat service.log
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT3" >/dev/null 2>&1
	wait_for service.log "EXIT: killed" 10 || atf_fail "no EXIT line"
	atf_check -o match:"${PREFIX}EXIT: killed signal=9 pid=[0-9]+ duration=" \
	    cat service.log
	daemon_stop
}

fail2ban_head() {
	atf_set descr "fail2ban's xinetd-fail filter finds the refused host"
	atf_set require.progs fail2ban-regex
	atf_set require.files /etc/fail2ban/filter.d/xinetd-fail.conf
}
fail2ban_body() {
	start
	{
		log_defaults
		probe_service denied "$PORT" "only_from = 192.0.2.0/24"
	} >xinetd.conf
	daemon_start xinetd.conf
	for i in 1 2 3; do
		"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1
	done
	wait_for service.log "FAIL: denied address" 10 || atf_fail "no FAIL"
	daemon_stop
	fail2ban-regex service.log /etc/fail2ban/filter.d/xinetd-fail.conf \
	    >f2b.out 2>&1
	cat f2b.out
	atf_check -o match:"Lines: 3 lines, 0 ignored, 3 matched, 0 missed" \
	    cat f2b.out
	atf_check -o match:"127\.0\.0\.1" \
	    fail2ban-regex -v service.log \
	    /etc/fail2ban/filter.d/xinetd-fail.conf
	# The same lines as syslog carries them.
	sed -E "s|${PREFIX}|Nov 22 06:00:00 host xinetd[42]: |" service.log \
	    >syslog.log
	atf_check -o match:"Lines: 3 lines, 0 ignored, 3 matched, 0 missed" \
	    fail2ban-regex syslog.log /etc/fail2ban/filter.d/xinetd-fail.conf
}

attempt_head() {
	atf_set descr "log_on_failure = ATTEMPT logs FAIL without the host;" \
	    "an empty log_on_success logs no START"
}
attempt_body() {
	start
	PORT2=$(free_port)
	{
		log_defaults
		probe_service quiet "$PORT" "only_from = 192.0.2.1;
		    log_on_failure = ATTEMPT"
		probe_service silent "$PORT2" "log_on_success ="
	} >xinetd.conf
	sed -i.bak 's/log_on_failure	= HOST/log_on_failure	=/' xinetd.conf
	daemon_start xinetd.conf
	"$H_CLIENT" -t 10 127.0.0.1 "$PORT" >/dev/null 2>&1
	ask 127.0.0.1 "$PORT2" >/dev/null || atf_fail "no answer"
	wait_for service.log "FAIL: quiet" 10 || atf_fail "no FAIL line"
	atf_check -o match:"${PREFIX}FAIL: quiet address\$" cat service.log
	atf_check -s exit:1 grep "silent" service.log
	daemon_stop
}

limits_head() {
	atf_set descr "A FILE log stops at its hard limit and says so once" \
	    "at the soft limit"
}
limits_body() {
	start
	{
		cat <<EOF2
defaults
{
	log_type	= FILE $PWD/service.log 1K 2K
	log_on_success	= PID HOST EXIT DURATION
}
EOF2
		probe_service busy "$PORT" ""
	} >xinetd.conf
	daemon_start xinetd.conf
	i=0
	while [ $i -lt 40 ]; do
		ask 127.0.0.1 "$PORT" >/dev/null || atf_fail "no answer"
		i=$((i + 1))
	done
	sleep 1
	size=$(wc -c <service.log)
	echo "service.log: $size bytes"
	[ "$size" -le 2048 ] || atf_fail "the log grew to $size bytes"
	[ "$size" -ge 1024 ] || atf_fail "the log has only $size bytes"
	atf_check -o inline:"1\n" grep -c "soft limit" daemon.log
	atf_check -o inline:"1\n" grep -c "hard limit" daemon.log
	ask 127.0.0.1 "$PORT" >/dev/null || atf_fail "no answer at the limit"
	daemon_stop
}

flood_head() {
	atf_set descr "A flood of identical failures is summarised"
}
flood_body() {
	start
	{
		log_defaults
		probe_service denied "$PORT" "only_from = 192.0.2.1"
	} >xinetd.conf
	daemon_start xinetd.conf
	"$H_CLIENT" -L 2 -c 4 -t 10 127.0.0.1 "$PORT" >load.out 2>/dev/null
	cat load.out
	tries=$(sed -n 's/.*fail=\([0-9]*\).*/\1/p' load.out)
	[ "$tries" -ge 100 ] || atf_fail "only $tries tries"
	# Stopping writes the summaries still pending.
	daemon_stop
	grep -Eq "FAIL: denied address repeated [0-9]+ more" service.log ||
	    atf_fail "no summary line"
	lines=$(grep -c "FAIL: denied address from=" service.log)
	more=$(sed -n 's/.*FAIL: denied address repeated \([0-9]*\) more.*/\1/p' \
	    service.log | awk '{ n += $1 } END { print n + 0 }')
	echo "$tries refused, $lines lines, $more summarised"
	[ "$lines" -lt "$tries" ] || atf_fail "every failure has a line"
	[ $((lines + more)) -eq "$tries" ] ||
	    atf_fail "$lines lines and $more summarised for $tries failures"
}

best_match_head() {
	atf_set descr "only_from and no_access: the more specific rule wins;" \
	    "a tie denies; an empty only_from denies everyone"
}
best_match_body() {
	start
	P2=$(free_port)
	P3=$(free_port)
	P4=$(free_port)
	P5=$(free_port)
	{
		log_defaults
		probe_service narrowdeny "$PORT" "only_from = 127.0.0.0/8;
		    no_access = 127.0.0.1"
		probe_service narrowallow "$P2" "only_from = 127.0.0.1;
		    no_access = 127.0.0.0/8"
		probe_service tie "$P3" "only_from = 127.0.0.0/8;
		    no_access = 127.0.0.0/8"
		probe_service nobody "$P4" "only_from ="
		probe_service wildcard "$P5" "only_from = 127.0.0.0;
		    no_access = 10.0.0.0/8"
	} >xinetd.conf
	daemon_start xinetd.conf
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$PORT"
	ask 127.0.0.1 "$P2" >/dev/null || atf_fail "narrowallow refused"
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$P3"
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -t 10 127.0.0.1 "$P4"
	ask 127.0.0.1 "$P5" >/dev/null || atf_fail "wildcard refused"
	# Another source: the network rule decides alone.
	ask -b 127.0.0.2 127.0.0.1 "$PORT" >/dev/null ||
	    atf_fail "narrowdeny refused 127.0.0.2"
	atf_check -s not-exit:0 -o empty -e ignore \
	    "$H_CLIENT" -e -b 127.0.0.2 -t 10 127.0.0.1 "$P2"
	for s in narrowdeny tie nobody; do
		atf_check -o match:"FAIL: $s address from=127.0.0.1" \
		    cat service.log
	done
	atf_check -o match:"FAIL: narrowallow address from=127.0.0.2" \
	    cat service.log
	daemon_stop
}

best_match_ipv6_head() {
	atf_set descr "only_from and no_access over IPv6: the longer prefix" \
	    "wins; IPv4 rules match IPv4 clients of a dual-stack socket"
	atf_set require.user root
}
best_match_ipv6_body() {
	start
	netns_create
	$NETNS_EXEC ip -6 addr add fd00::2/128 dev lo nodad ||
	    atf_fail "cannot add a second IPv6 source"
	P2=$(free_port)
	P3=$(free_port)
	{
		log_defaults
		probe_service narrowdeny "$PORT" "bind = ::1;
		    only_from = ::/0; no_access = ::1"
		probe_service narrowallow "$P2" "bind = ::1;
		    only_from = ::1/128; no_access = ::/0"
		probe_service dual "$P3" "bind = ::;
		    only_from = 127.0.0.1; no_access = ::/0"
	} >xinetd.conf
	daemon_start xinetd.conf
	atf_check -s not-exit:0 -o empty -e ignore \
	    $NETNS_EXEC "$H_CLIENT" -e -t 10 ::1 "$PORT"
	ask -b fd00::2 ::1 "$PORT" >/dev/null ||
	    atf_fail "narrowdeny refused fd00::2"
	ask ::1 "$P2" >/dev/null || atf_fail "narrowallow refused ::1"
	atf_check -s not-exit:0 -o empty -e ignore \
	    $NETNS_EXEC "$H_CLIENT" -e -b fd00::2 -t 10 ::1 "$P2"
	ask 127.0.0.1 "$P3" >r || atf_fail "dual refused 127.0.0.1"
	atf_check -s not-exit:0 -o empty -e ignore \
	    $NETNS_EXEC "$H_CLIENT" -e -t 10 ::1 "$P3"
	atf_check -o match:"FAIL: narrowdeny address from=::1" \
	    -o match:"FAIL: narrowallow address from=fd00::2" \
	    -o match:"FAIL: dual address from=::1" \
	    -o match:"START: dual pid=[0-9]+ from=127\.0\.0\.1" \
	    cat service.log
	daemon_stop
}

syslog_head() {
	atf_set descr "log_type SYSLOG and -syslog: lines reach syslog(3)" \
	    "with the facility and level asked for"
	atf_set require.user root
	atf_set require.progs unshare
}
syslog_body() {
	start
	# A /dev of the test's own, in a mount namespace of the daemon's
	# own, so that syslog(3) talks to h_syslogd.
	mkdir dev
	touch dev/null
	"$HELPERS/h_syslogd" "$PWD/dev/log" "$PWD/syslog.out" &
	echo $! >>pids
	i=0
	while [ ! -S dev/log ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	{
		cat <<EOF2
defaults
{
	log_type	= SYSLOG local3 notice
	log_on_success	= PID HOST EXIT
	log_on_failure	= HOST
}
EOF2
		probe_service logged "$PORT" ""
	} >xinetd.conf
	unshare -m sh -c "mount --make-rprivate / &&
	    mount --bind /dev/null '$PWD/dev/null' &&
	    mount --bind '$PWD/dev' /dev &&
	    exec '$XINETD' -dontfork -f '$PWD/xinetd.conf' -syslog local4" \
	    >daemon.out 2>&1 &
	echo $! >daemon.pid
	DAEMON_PID=$!
	wait_for syslog.out "ready:" 10 ||
	    atf_fail "nothing in syslog: $(cat daemon.out)"
	ask 127.0.0.1 "$PORT" >r || atf_fail "no answer"
	wait_for syslog.out "EXIT: logged" 10 || atf_fail "no EXIT line"
	cat syslog.out
	# local4.info is 20 * 8 + 6; local3.notice 19 * 8 + 5.
	atf_check -o match:'^<166>.*xinetd\[[0-9]+\]: ready: 1 services' \
	    cat syslog.out
	atf_check -o match:'^<157>.*xinetd\[[0-9]+\]: START: logged pid=[0-9]+ from=127\.0\.0\.1$' \
	    cat syslog.out
	atf_check -o match:'^<157>.*xinetd\[[0-9]+\]: EXIT: logged status=0 pid=[0-9]+$' \
	    cat syslog.out
	daemon_stop
}

unapplied_head() {
	atf_set descr "settings read but not carried out (accept_filter," \
	    "ipsec, login_class, mdns, INTERCEPT) are each logged" \
	    "as ignored, at start and at reload, and the service runs"
}
unapplied_body() {
	start
	{
		log_defaults
		probe_service odd "$PORT" "accept_filter = dataready;
		    ipsec = in ipsec esp/transport//require; login_class = daemon;
		    mdns = yes; flags = INTERCEPT"
		probe_service plain "$(free_port)" ""
	} >xinetd.conf
	daemon_start xinetd.conf
	for w in accept_filter ipsec login_class mdns "flag INTERCEPT"; do
		atf_check -o match:"odd: $w is not applied by this version" \
		    cat daemon.log
	done
	atf_check -o not-match:"plain: .* is not applied" cat daemon.log
	ask 127.0.0.1 "$PORT" | grep -q '^argc=' || atf_fail "odd not served"
	kill -HUP "$DAEMON_PID"
	wait_for daemon.log "reloaded" 10 || atf_fail "no reload"
	[ "$(grep -c 'odd: mdns is not applied' daemon.log)" -eq 2 ] ||
	    atf_fail "not said again at reload"
	daemon_stop
}

atf_init_test_cases() {
	for t in formats fail2ban attempt limits flood best_match \
	    best_match_ipv6 syslog unapplied; do
		add_backend_cases $t
	done
}
