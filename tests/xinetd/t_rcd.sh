# t_rcd: etc/rc.d/xinetd and etc/rc.d/inetd driven through a small stand-in for rc.subr
# written here, with the rc.subr conventions the script relies on:
# rcvar, command, command_args, pidfile, required_files,
# extra_commands, *_precmd and *_cmd, and SIGHUP for reload.

. "$(atf_get_srcdir)/common.subr"

# The stand-in: what NetBSD's and FreeBSD's rc.subr do for these
# commands, and no more.
rc_subr() {
	cat <<'EOF'
checkyesno() {
	eval "_v=\$$1"
	case $_v in
	[Yy][Ee][Ss]|[Tt][Rr][Uu][Ee]|[Oo][Nn]|1) return 0 ;;
	*) return 1 ;;
	esac
}

load_rc_config() {
	. "$RC_CONF"
}

_rc_pid() {
	[ -f "$pidfile" ] || return 1
	_pid=$(cat "$pidfile")
	kill -0 "$_pid" 2>/dev/null
}

run_rc_command() {
	_cmd=$1
	case " start stop status $extra_commands " in
	*" $_cmd "*) ;;
	*) echo "unknown command $_cmd" >&2; return 1 ;;
	esac
	if ! checkyesno "$rcvar"; then
		echo "\$$rcvar is not enabled"
		return 0
	fi
	eval "_pre=\$${_cmd}_precmd _run=\$${_cmd}_cmd"
	for _f in $required_files; do
		[ -r "$_f" ] || { echo "$_f is not readable" >&2; return 1; }
	done
	if [ -n "$_pre" ] && ! $_pre; then
		echo "$_cmd: $_pre failed" >&2
		return 1
	fi
	if [ -n "$_run" ]; then
		$_run
		return
	fi
	case $_cmd in
	start)
		_rc_pid && { echo "already running"; return 1; }
		eval "_flags=\$${name}_flags"
		# As rc.subr: the flags before the arguments.
		# shellcheck disable=SC2086
		$command $_flags $command_args
		;;
	stop)
		_rc_pid || { echo "not running"; return 1; }
		kill -TERM "$_pid"
		while kill -0 "$_pid" 2>/dev/null; do sleep 0.1; done
		;;
	status)
		if _rc_pid; then
			echo "$name is running as pid $_pid."
		else
			echo "$name is not running."
			return 1
		fi
		;;
	reload)
		_rc_pid || { echo "not running"; return 1; }
		kill -HUP "$_pid"
		;;
	esac
}
EOF
}

atf_test_case drives_daemon cleanup
drives_daemon_head() {
	atf_set descr "the rc.d script: configtest, start, status, reload" \
	    "(applied), a reload refused for a broken file while the" \
	    "daemon serves on, stop; disabled in rc.conf, start does" \
	    "nothing"
}
drives_daemon_body() {
	setup
	helpers
	rc_subr >rc.subr
	# The script as installed, but for where rc.subr is.
	sed "s|/etc/rc.subr|$PWD/rc.subr|" \
	    "$(atf_get_srcdir)/../../etc/rc.d/xinetd" >rc.d.xinetd
	P1=$(free_port)
	P2=$(free_port)
	{ log_defaults; probe_service one "$P1" ""; } >xinetd.conf
	cat >rc.conf <<EOF
xinetd=NO
xinetd_enable=NO
xinetd_config=$PWD/xinetd.conf
xinetd_pidfile=$PWD/xinetd.pid
xinetd_program=$XINETD
xinetd_flags="-filelog $PWD/daemon.log"
EOF
	RC_CONF=$PWD/rc.conf
	export RC_CONF
	rc="sh $PWD/rc.d.xinetd"
	atf_check -o match:"is not enabled" $rc start
	[ ! -e xinetd.pid ] || atf_fail "started while disabled"
	sed -i 's/=NO$/=YES/' rc.conf
	atf_check -o match:"Checking xinetd configuration" $rc configtest
	atf_check -o ignore -e ignore $rc start
	wait_for xinetd.pid . 10 || atf_fail "no pidfile"
	cp xinetd.pid daemon.pid
	wait_for daemon.log "ready:" 10 || atf_fail "the daemon did not start"
	atf_check -o match:"xinetd is running as pid $(cat xinetd.pid)" \
	    $rc status
	ask 127.0.0.1 "$P1" | grep -q '^argc=' || atf_fail "one not served"
	# A service added and reloaded is served.
	probe_service two "$P2" "" >>xinetd.conf
	atf_check -o ignore $rc reload
	wait_for daemon.log "reloaded" 10 || atf_fail "no reload"
	ask 127.0.0.1 "$P2" | grep -q '^argc=' || atf_fail "two not served"
	# A broken file: reload refused, nothing changes.
	cp xinetd.conf good.conf
	echo "service broken {" >>xinetd.conf
	atf_check -s not-exit:0 -o ignore -e match:"xinetd.conf:[0-9]+:" \
	    $rc reload
	atf_check -s not-exit:0 -o ignore -e match:"xinetd.conf:[0-9]+:" \
	    $rc configtest
	[ "$(grep -c reloaded daemon.log)" = 1 ] ||
	    atf_fail "a broken file reached the daemon"
	ask 127.0.0.1 "$P2" | grep -q '^argc=' ||
	    atf_fail "two not served after the refused reload"
	cp good.conf xinetd.conf
	pid=$(cat xinetd.pid)
	atf_check -o ignore $rc stop
	kill -0 "$pid" 2>/dev/null && atf_fail "still running after stop"
	rm -f daemon.pid
	atf_check -s not-exit:0 -o match:"xinetd is not running" $rc status
}
drives_daemon_cleanup() {
	daemon_cleanup
}

atf_test_case drives_inetd cleanup
drives_inetd_head() {
	atf_set descr "rc.d/inetd runs the inetd front-end on inetd.conf" \
	    "with inetd_flags: configtest, start, status, reload (applied)," \
	    "a broken reload refused while it serves on, stop"
}
# Wait until the probe on 127.0.0.1:PORT answers.
served() {
	_i=0
	until ask 127.0.0.1 "$1" 2>/dev/null | grep -q '^argc='; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || return 1
		sleep 0.1
	done
}
drives_inetd_body() {
	setup
	helpers
	rc_subr >rc.subr
	sed "s|/etc/rc.subr|$PWD/rc.subr|" \
	    "$(atf_get_srcdir)/../../etc/rc.d/inetd" >rc.d.inetd
	ln -s "$XINETD" inetd
	P1=$(free_port)
	P2=$(free_port)
	printf '127.0.0.1:%s\tstream\ttcp\tnowait\troot\t%s\th_probe\n' \
	    "$P1" "$H_PROBE" >inetd.conf
	{
		echo "inetd=YES"
		echo "inetd_enable=YES"
		echo "inetd_config=$PWD/inetd.conf"
		echo "inetd_pidfile=$PWD/inetd.pid"
		echo "inetd_program=$PWD/inetd"
		echo "inetd_flags=\"-R 1000\""
	} >rc.conf
	RC_CONF=$PWD/rc.conf
	export RC_CONF
	rc="sh $PWD/rc.d.inetd"
	atf_check -o match:"Checking inetd configuration" $rc configtest
	atf_check -o ignore -e ignore $rc start
	wait_for inetd.pid . 10 || atf_fail "no pidfile"
	cp inetd.pid daemon.pid
	atf_check -o match:"inetd is running as pid $(cat inetd.pid)" \
	    $rc status
	tr '\0' ' ' <"/proc/$(cat inetd.pid)/cmdline" >cmdline
	atf_check -o match:"inetd -R 1000 -p $PWD/inetd.pid $PWD/inetd.conf" \
	    cat cmdline
	served "$P1" || atf_fail "the inetd.conf service is not served"
	printf '127.0.0.1:%s\tstream\ttcp\tnowait\troot\t%s\th_probe\n' \
	    "$P2" "$H_PROBE" >>inetd.conf
	atf_check -o ignore $rc reload
	served "$P2" || atf_fail "the service added is not served"
	cp inetd.conf good.conf
	echo "broken line" >>inetd.conf
	atf_check -s not-exit:0 -o ignore -e match:"inetd.conf:3:" $rc reload
	sleep 1
	served "$P1" || atf_fail "not served after the refused reload"
	served "$P2" || atf_fail "not served after the refused reload"
	cp good.conf inetd.conf
	pid=$(cat inetd.pid)
	atf_check -o ignore $rc stop
	kill -0 "$pid" 2>/dev/null && atf_fail "still running after stop"
	rm -f daemon.pid
	atf_check -s not-exit:0 -o match:"inetd is not running" $rc status
}
drives_inetd_cleanup() {
	daemon_cleanup
}

atf_test_case shellcheck
shellcheck_head() {
	atf_set descr "the rc.d scripts pass sh -n and shellcheck"
	atf_set require.progs shellcheck
}
shellcheck_body() {
	for s in xinetd inetd; do
		script=$(atf_get_srcdir)/../../etc/rc.d/$s
		atf_check sh -n "$script"
		atf_check shellcheck -s sh "$script"
	done
}

# The unit's commands, with the paths of the test.
unit_lines() {
	sed -n "s/^$1=//p" "$(atf_get_srcdir)/../../etc/systemd/xinetd.service" |
	    sed -e "s|/usr/sbin/xinetd|$XINETD|" \
	    -e "s|/etc/xinetd.conf|$PWD/xinetd.conf|" \
	    -e "s|/run/xinetd.pid|$PWD/xinetd.pid|"
}

# Run each ExecReload line as systemd does: in order, stopping at the
# first that fails.
unit_reload() {
	unit_lines ExecReload | sed "s/\$MAINPID/$DAEMON_PID/" >reload.cmds
	while read -r _c; do
		sh -c "$_c" || return 1
	done <reload.cmds
}

atf_test_case systemd_unit cleanup
systemd_unit_head() {
	atf_set descr "the systemd unit's commands: the check before start," \
	    "the daemon in the foreground, a reload applied, a broken file" \
	    "stopping the reload before the signal"
}
systemd_unit_body() {
	setup
	helpers
	P1=$(free_port)
	P2=$(free_port)
	{ log_defaults; probe_service one "$P1" ""; } >xinetd.conf
	grep -q '^Type=simple$' \
	    "$(atf_get_srcdir)/../../etc/systemd/xinetd.service" ||
	    atf_fail "the unit is not Type=simple"
	atf_check -o ignore sh -c "$(unit_lines ExecStartPre)"
	start=$(unit_lines ExecStart)
	# shellcheck disable=SC2086
	$start -filelog "$PWD/daemon.log" &
	DAEMON_PID=$!
	echo "$DAEMON_PID" >daemon.pid
	wait_for daemon.log "ready:" 10 || atf_fail "the daemon did not start"
	ask 127.0.0.1 "$P1" | grep -q '^argc=' || atf_fail "one not served"
	probe_service two "$P2" "" >>xinetd.conf
	unit_reload || atf_fail "the reload failed"
	wait_for daemon.log "reloaded" 10 || atf_fail "no reload"
	ask 127.0.0.1 "$P2" | grep -q '^argc=' || atf_fail "two not served"
	echo "service broken {" >>xinetd.conf
	unit_reload 2>/dev/null && atf_fail "a broken file was reloaded"
	sleep 1
	[ "$(grep -c reloaded daemon.log)" = 1 ] ||
	    atf_fail "the signal was sent for a broken file"
	ask 127.0.0.1 "$P2" | grep -q '^argc=' || atf_fail "two not served"
	daemon_stop
}
systemd_unit_cleanup() {
	daemon_cleanup
}

atf_init_test_cases() {
	atf_add_test_case drives_daemon
	atf_add_test_case drives_inetd
	atf_add_test_case shellcheck
	atf_add_test_case systemd_unit
}
