# t_dump: "xinetd -dump" prints the normalized table as xinetd.conf
# blocks that load back to the same table; fed an inetd.conf, it is the
# converter.

init() {
	. "$(atf_get_srcdir)/common.subr"
	setup
}

# dump FILE, load the dump, dump again: both dumps must be identical
roundtrip() {
	atf_check -s exit:0 -o save:dump1 -e ignore "$XINETD" -dump -f "$1"
	atf_check -s exit:0 -o empty -e empty "$XINETD" -n -f dump1
	atf_check -s exit:0 -o save:dump2 -e empty "$XINETD" -dump -f dump1
	atf_check -o empty diff -u dump1 dump2
}

atf_test_case xinetd_roundtrip
xinetd_roundtrip_head() {
	atf_set descr "A configuration with defaults, includes and many" \
	    "attributes dumps to blocks that load back to the same table"
}
xinetd_roundtrip_body() {
	init
	mkdir conf.d
	cat >x.conf <<'EOF2'
defaults
{
	instances	= 30
	log_on_failure	+= USERID
	only_from	= 127.0.0.1 10.0.0.0
	cps		= 10 5
}
includedir conf.d
EOF2
	cat >conf.d/telnet <<'EOF2'
service telnet
{
	socket_type	= stream
	wait		= no
	user		= nobody
	group		= tty
	server		= /usr/sbin/in.telnetd
	server_args	= -h
	only_from	+= 192.168.{1,2}
	no_access	= 10.1.0.0/16
	access_times	= 08:00-12:00 13:00-24:00
	env		= TERM=vt100
	passenv		= PATH
	log_type	= FILE /var/log/telnet 10K 20K
	flags		= IPv4 NODELAY
	umask		= 022
	nice		= 5
	rlimit_as	= 64M
}
EOF2
	cat >conf.d/rstat <<'EOF2'
service rstatd
{
	type		= RPC
	socket_type	= dgram
	protocol	= udp
	wait		= yes
	user		= root
	server		= /usr/sbin/rpc.rstatd
	rpc_version	= 2-4
}
EOF2
	cat >conf.d/ignored.conf <<'EOF2'
this file has a dot in its name and is not read
EOF2
	roundtrip x.conf
	atf_check -o match:'only_from       = 127.0.0.1/32 10.0.0.0/8 192.168.1.0/24 192.168.2.0/24' cat dump1
	atf_check -o match:'rpc_number      = 100001' cat dump1
	atf_check -o match:'flags           = NODELAY IPv4' cat dump1
	atf_check -o match:'instances       = 30' cat dump1
}

atf_test_case inetd_convert
inetd_convert_head() {
	atf_set descr "Real inetd.conf files from NetBSD, FreeBSD, OpenBSD" \
	    "and Debian convert to xinetd.conf that loads back the same"
}
inetd_convert_body() {
	init
	for f in netbsd freebsd openbsd debian; do
		roundtrip "$data/inetd/$f.conf"
	done
}

atf_test_case convert_lines
convert_lines_head() {
	atf_set descr "What an inetd.conf line becomes"
}
convert_lines_body() {
	init
	printf 'ftp stream tcp6 nowait.40 root /usr/libexec/ftpd ftpd -l\n' \
	    >i.conf
	cat >expect <<'EOF2'
service ftp
{
	id              = ftp
	socket_type     = stream
	protocol        = tcp
	wait            = no
	port            = 21
	user            = root
	server          = /usr/libexec/ftpd
	server_args     = -l
	flags           = IPv6
	v6only          = yes
	max_spawns      = 40
}
EOF2
	atf_check -s exit:0 -o file:expect -e empty "$XINETD" -dump -f i.conf
}

atf_test_case refuses_bad
refuses_bad_head() {
	atf_set descr "A configuration with errors prints no dump and exits 1"
}
refuses_bad_body() {
	init
	printf 'ftp stream tcp nowait nosuch /usr/libexec/ftpd ftpd\n' >i.conf
	atf_check -s exit:1 -o empty \
	    -e inline:"i.conf:1: user: unknown user 'nosuch'\n" \
	    "$XINETD" -dump -f i.conf
}

atf_test_case unrepresentable
unrepresentable_head() {
	atf_set descr "A value holding a blank cannot be written in" \
	    "xinetd.conf syntax: the dump says so and exits 1"
}
unrepresentable_body() {
	init
	printf 'ftp on protocol = tcp4, wait = no, user = root,\n' >i.conf
	printf '  exec = /usr/libexec/ftpd, args = ftpd "-m hello";\n' >>i.conf
	atf_check -s exit:1 -o match:'cannot be written' -e empty \
	    "$XINETD" -dump -f i.conf
	# an escaped newline, or a byte that is not UTF-8
	printf 'ftp on protocol = tcp4, wait = no, user = root,\n' >n.conf
	printf '  exec = /usr/libexec/ftpd, args = ftpd "a\\nb";\n' >>n.conf
	atf_check -s exit:1 -o match:'cannot be written' -e empty \
	    "$XINETD" -dump -f n.conf
	printf 'ftp on protocol = tcp4, wait = no, user = root,\n' >x.conf
	printf '  exec = /usr/libexec/ftpd, args = ftpd "a\\xaab";\n' >>x.conf
	atf_check -s exit:1 -o match:'cannot be written' -e empty \
	    "$XINETD" -dump -f x.conf
}

atf_init_test_cases() {
	atf_add_test_case xinetd_roundtrip
	atf_add_test_case inetd_convert
	atf_add_test_case convert_lines
	atf_add_test_case refuses_bad
	atf_add_test_case unrepresentable
}
