# t_auth: the auth built-in (RFC 1413 ident server) with FreeBSD
# inetd's options.  The daemon runs in a mount namespace of the test's
# own, where /etc/passwd also has the test users below, whose home
# directory the test makes; connections to ask about are held open by
# h_client running as those users.

. "$(atf_get_srcdir)/common.subr"

UID_A=4242		# identtest, with a home of the test's own
UID_B=4243		# ghost: a user only so that -f has a name to refuse
UID_NONE=4244		# no passwd entry at all

start() {
	setup
	helpers
	log_defaults >xinetd.conf
	HOMEDIR=$(mktemp -d /tmp/t_auth.XXXXXX) || atf_fail "no home"
	echo "$HOMEDIR" >bindir
	chmod 755 "$HOMEDIR"
	chown "$UID_A:$UID_A" "$HOMEDIR"
	cp /etc/passwd passwd
	echo "identtest:x:$UID_A:$UID_A::$HOMEDIR:/bin/sh" >>passwd
	echo "ghost:x:$UID_B:$UID_B::/nonexistent:/bin/sh" >>passwd
	# Only the files answer: no nscd, sssd or userdb of the host's.
	printf 'passwd: files\ngroup: files\n' >nsswitch.conf
	cat >inns <<EOF
#!/bin/sh
mount --bind "$PWD/passwd" /etc/passwd &&
mount --bind "$PWD/nsswitch.conf" /etc/nsswitch.conf || exit 99
exec "\$@"
EOF
	chmod +x inns
	NETNS_EXEC="unshare -m $PWD/inns"
	$NETNS_EXEC true || atf_fail "cannot set up the passwd file"
	ECHO_PORT=$(free_port)
	AUTH_PORT=$(free_port)
}

# An auth service with id ID on $AUTH_PORT and ADDRESS, with
# server_args ARGS.
auth_conf() {
	_a=$1 _id=$2
	shift 2
	printf '\nservice auth\n{\n\tid = %s\n\ttype = INTERNAL UNLISTED\n' \
	    "$_id"
	printf '\tsocket_type = stream\n\tprotocol = tcp\n\twait = no\n'
	printf '\tport = %s\n\tbind = %s\n' "$AUTH_PORT" "$_a"
	[ -n "$*" ] && printf '\tserver_args = %s\n' "$*"
	echo "}"
}

# The echo service to hold connections to, on ADDRESS.
echo_conf() {
	cat <<EOF

service echo
{
	type		= INTERNAL UNLISTED
	socket_type	= stream
	protocol	= tcp
	wait		= no
	port		= $ECHO_PORT
	bind		= $1
}
EOF
}

# Hold a connection to echo on ADDRESS as user id UID; its client's
# port in $HELD.
hold() {
	setpriv --reuid="$2" --regid="$2" --clear-groups \
	    "$H_CLIENT" -H 120 "$1" "$ECHO_PORT" >/dev/null 2>&1 &
	echo $! >>pids
	_i=0
	while :; do
		_port=$(ss -tnH state established "( dport = :$ECHO_PORT )" |
		    awk '{ print $3 }' | sed 's/.*://' | grep -vxF -f held |
		    head -n 1)
		[ -n "$_port" ] && break
		_i=$((_i + 1))
		[ $_i -lt 100 ] || atf_fail "no connection held as $2"
		sleep 0.1
	done
	echo "$_port" >>held
	HELD=$_port
}

# The answer to "QUESTION" asked at ADDRESS, without its CR.
question() {
	"$H_CLIENT" -t 20 -s "$2" "$1" "$AUTH_PORT" | tr -d '\r'
}

# QUESTION at ADDRESS must get ANSWER (the part after the ports).
answers() {
	_got=$(question "$1" "$2")
	_ports=$(echo "$2" | sed 's/ *, */ , /')
	[ "$_got" = "$_ports : $3" ] ||
	    atf_fail "'$2' at $1: '$_got', expected '$_ports : $3'"
}

real_head() {
	atf_set descr "auth -r names the owner of the connection asked" \
	    "about, in either direction, over IPv4 and IPv6; NO-USER and" \
	    "INVALID-PORT; each question has a process (START with a pid)"
	atf_set require.user root
	atf_set require.progs setpriv ss
}
real_body() {
	start
	for a in 127.0.0.1 ::1; do
		{ auth_conf "$a" auth -r; echo_conf "$a"; } >>xinetd.conf
		daemon_start xinetd.conf
		echo 0 >held
		hold "$a" "$UID_A"
		c=$HELD
		answers "$a" "$c , $ECHO_PORT" "USERID : Linux : identtest"
		# The daemon's end of the same connection.
		answers "$a" "$ECHO_PORT , $c" "USERID : Linux : root"
		# A uid without a name; a connection that does not exist.
		hold "$a" "$UID_NONE"
		n=$HELD
		answers "$a" "$n , $ECHO_PORT" "ERROR : NO-USER"
		answers "$a" "$c , 1" "ERROR : NO-USER"
		[ "$(question "$a" "70000 , 1")" = \
		    "0 , 0 : ERROR : INVALID-PORT" ] ||
		    atf_fail "70000 is a port"
		[ "$(question "$a" "0 , 5")" = \
		    "0 , 0 : ERROR : INVALID-PORT" ] || atf_fail "0 is a port"
		[ "$(question "$a" "hello")" = \
		    "0 , 0 : ERROR : INVALID-PORT" ] || atf_fail "hello"
		atf_check -o match:"START: auth pid=[1-9][0-9]* from=$a" \
		    -o match:"EXIT: auth status=0 pid=[1-9]" cat service.log
		daemon_stop
		for p in $(cat pids); do
			kill "$p" 2>/dev/null
		done
		: >pids
		log_defaults >xinetd.conf
		rm -f service.log daemon.log
	done
}

options_head() {
	atf_set descr "auth options: -i, -o, no -r (HIDDEN-USER), -d, -g," \
	    "-n with ~/.noident, -f and -F with ~/.fakeid read with the" \
	    "owner's rights, -t; a bad option is reported at load"
	atf_set require.user root
	atf_set require.progs setpriv ss
}
options_body() {
	start
	a=127.0.0.1
	echo 0 >held
	# One service per option set, each on a port of its own.
	for set in "-r -i" "-r -o UNKNOWN" "" "-d guest" "-r -d guest" \
	    "-g" "-r -n" "-r -f" "-r -F" "-r -t 1" "-r -x"; do
		AUTH_PORT=$(free_port)
		name=$(echo "x$set" | tr -d ' -')
		eval "P_$name=$AUTH_PORT"
		auth_conf "$a" "$name" $set >>xinetd.conf
	done
	echo_conf "$a" >>xinetd.conf
	daemon_start xinetd.conf
	atf_check -o match:"xrx: auth: unknown option" cat daemon.log
	hold "$a" "$UID_A"
	c=$HELD
	q="$c , $ECHO_PORT"
	AUTH_PORT=$P_xri answers $a "$q" "USERID : Linux : $UID_A"
	AUTH_PORT=$P_xroUNKNOWN answers $a "$q" "USERID : UNKNOWN : identtest"
	AUTH_PORT=$P_x answers $a "$q" "ERROR : HIDDEN-USER"
	AUTH_PORT=$P_xdguest answers $a "$q" "USERID : Linux : guest"
	AUTH_PORT=$P_xrdguest answers $a "$q" "USERID : Linux : identtest"
	AUTH_PORT=$P_xrdguest answers $a "$c , 1" "USERID : Linux : guest"
	# -d stands in for a connection not found, not for a nameless owner.
	hold "$a" "$UID_NONE"
	AUTH_PORT=$P_xrdguest answers $a "$HELD , $ECHO_PORT" "ERROR : NO-USER"
	# The service with a bad option answers as with none.
	AUTH_PORT=$P_xrx answers $a "$q" "ERROR : HIDDEN-USER"
	g1=$(AUTH_PORT=$P_xg question $a "$q")
	g2=$(AUTH_PORT=$P_xg question $a "$q")
	echo "$g1" | grep -Eq "^$c , $ECHO_PORT : USERID : Linux : [a-z0-9]+\$" ||
	    atf_fail "-g: $g1"
	[ "$g1" != "$g2" ] || atf_fail "-g gave $g1 twice"
	echo "$g1" | grep -q identtest && atf_fail "-g told the name"
	# ~/.noident hides; -n only.
	touch "$HOMEDIR/.noident"
	AUTH_PORT=$P_xrn answers $a "$q" "ERROR : HIDDEN-USER"
	AUTH_PORT=$P_xrf answers $a "$q" "USERID : Linux : identtest"
	rm "$HOMEDIR/.noident"
	AUTH_PORT=$P_xrn answers $a "$q" "USERID : Linux : identtest"
	# ~/.fakeid: a free name is given; another user's only with -F.
	printf '  phantom  \n' >"$HOMEDIR/.fakeid"
	AUTH_PORT=$P_xrf answers $a "$q" "USERID : Linux : phantom"
	AUTH_PORT=$P_xrF answers $a "$q" "USERID : Linux : phantom"
	AUTH_PORT=$P_xri answers $a "$q" "USERID : Linux : $UID_A"
	echo ghost >"$HOMEDIR/.fakeid"
	AUTH_PORT=$P_xrf answers $a "$q" "USERID : Linux : identtest"
	AUTH_PORT=$P_xrF answers $a "$q" "USERID : Linux : ghost"
	# A link to what only root may read is read with the owner's rights.
	echo secretname >secret
	chmod 600 secret
	rm "$HOMEDIR/.fakeid"
	ln -s "$PWD/secret" "$HOMEDIR/.fakeid"
	AUTH_PORT=$P_xrF answers $a "$q" "USERID : Linux : identtest"
	# -t 1: a client that asks nothing is closed after a second, not
	# after the 10 s of the default.
	t0=$(date +%s)
	atf_check -o empty "$H_CLIENT" -k -t 20 "$a" "$P_xrt1"
	[ $(($(date +%s) - t0)) -le 6 ] || atf_fail "-t 1 was not applied"
	t0=$(date +%s)
	atf_check -o empty "$H_CLIENT" -k -t 30 "$a" "$P_xri"
	[ $(($(date +%s) - t0)) -ge 9 ] || atf_fail "the default is not 10 s"
	daemon_stop
}

daemon_client_head() {
	atf_set descr "the daemon's own ident look-ups (log_on_success" \
	    "USERID) answered by its auth built-in"
	atf_set require.user root
	atf_set require.progs setpriv
}
daemon_client_body() {
	start
	PORT=$(free_port)
	XINETD_TEST_IDENT_PORT=$AUTH_PORT
	export XINETD_TEST_IDENT_PORT
	# auth itself with USERID and IDONLY: it must not ask itself.
	{
		auth_conf 127.0.0.1 auth -r -o UNIX | sed 's/^}$/\tlog_on_success += USERID\n\tflags = IDONLY\n}/'
		probe_service logged "$PORT" "log_on_success += USERID"
	} >>xinetd.conf
	daemon_start xinetd.conf
	atf_check -o match:"auth: IDONLY and USERID do not apply" \
	    cat daemon.log
	setpriv --reuid="$UID_A" --regid="$UID_A" --clear-groups \
	    "$H_CLIENT" -t 20 -s hi 127.0.0.1 "$PORT" >/dev/null ||
	    atf_fail "the probe did not answer"
	wait_for service.log "USERID: logged UNIX : identtest" 10 ||
	    atf_fail "no USERID line"
	# One question, from the probe's gate; none from auth's own.
	wait_for service.log "EXIT: auth " 10 || atf_fail "auth did not end"
	sleep 1
	atf_check -o inline:"1\n" grep -c "START: auth " service.log
	atf_check -s exit:1 grep -E "(USERID|NOID|FAIL): auth" service.log
	daemon_stop
}

atf_init_test_cases() {
	for t in real options daemon_client; do
		add_backend_cases $t
	done
}
