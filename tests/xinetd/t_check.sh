# t_check: "xinetd -n" checks configurations and reports every problem.

init() {
	. "$(atf_get_srcdir)/common.subr"
	setup
}

atf_test_case clean
clean_head() {
	atf_set descr "A valid configuration: exit 0 and no output"
}
clean_body() {
	init
	telnet_conf >x.conf
	atf_check -s exit:0 -o empty -e empty "$XINETD" -n -f x.conf
}

atf_test_case every_problem
every_problem_head() {
	atf_set descr "All problems are reported as file:line: message" \
	    "in one pass, in line order, without follow-on errors for a" \
	    "bad value, and the exit status is 1"
}
every_problem_body() {
	init
	cat >bad.conf <<'EOF2'
service telnet
{
	socket_type	= stream
	wait		= perhaps
	user		= nosuchuser
	server		= /usr/sbin/in.telnetd
	bogus		= 1
}
EOF2
	cat >expect <<'EOF2'
bad.conf:4: wait: 'perhaps' is not yes or no
bad.conf:5: user: unknown user 'nosuchuser'
bad.conf:7: unknown attribute 'bogus'
EOF2
	atf_check -s exit:1 -o empty -e file:expect "$XINETD" -n -f bad.conf
}

atf_test_case warnings_pass
warnings_pass_head() {
	atf_set descr "Problems in a disabled service are warnings and do" \
	    "not fail the check"
}
warnings_pass_body() {
	init
	telnet_conf >x.conf
	cat >>x.conf <<'EOF2'
service ftp
{
	disable		= yes
	socket_type	= stream
	wait		= no
	user		= gone
	server		= /usr/sbin/in.ftpd
}
EOF2
	atf_check -s exit:0 -o empty \
	    -e inline:"x.conf:13: warning: user: unknown user 'gone'\n" \
	    "$XINETD" -n -f x.conf
}

atf_test_case missing_file
missing_file_head() {
	atf_set descr "A missing configuration file is an error"
}
missing_file_body() {
	init
	atf_check -s exit:1 -o empty \
	    -e inline:"nope.conf: cannot open nope.conf: No such file or directory\n" \
	    "$XINETD" -n -f nope.conf
}

atf_test_case empty_file
empty_file_head() {
	atf_set descr "An empty file, and one with only comments, are errors"
}
empty_file_body() {
	init
	: >empty.conf
	atf_check -s exit:1 -e inline:"empty.conf: file is empty\n" \
	    "$XINETD" -n -f empty.conf
	printf '# nothing\n\n' >comments.conf
	atf_check -s exit:1 -e inline:"comments.conf: no services defined\n" \
	    "$XINETD" -n -f comments.conf
}

atf_test_case not_a_config
not_a_config_head() {
	atf_set descr "Binary files are refused without a crash"
}
not_a_config_body() {
	init
	cp "$XINETD" binary.conf
	atf_check -s exit:1 -o empty -e match:'^binary.conf:1: ' \
	    "$XINETD" -n -f binary.conf
	printf 'service a\n{\n\tid = x\000y\n}\n' >nul.conf
	atf_check -s exit:1 -e inline:"nul.conf:3: NUL byte in file\n" \
	    "$XINETD" -n -f nul.conf
}

atf_test_case usage
usage_head() {
	atf_set descr "Unknown options and missing arguments are refused" \
	    "with a usage message; -version prints the version"
}
usage_body() {
	init
	atf_check -s exit:1 -e match:'unknown option -bogus' \
	    -e match:'^usage: xinetd' "$XINETD" -bogus
	atf_check -s exit:1 -e match:'-f needs an argument' "$XINETD" -f
	atf_check -s exit:1 -e match:'-limit: x is invalid' \
	    "$XINETD" -limit x -n
	atf_check -s exit:1 -e match:'unknown facility nosuch' \
	    "$XINETD" -syslog nosuch -n
	atf_check -s exit:0 -o match:'^xinetd version ' "$XINETD" -version
}

atf_test_case options_accepted
options_accepted_head() {
	atf_set descr "Every xinetd option is accepted together with -n"
}
options_accepted_body() {
	init
	telnet_conf >x.conf
	atf_check -s exit:0 -o empty -e empty "$XINETD" -d -dontfork \
	    -stayalive -pidfile p.pid -filelog log -syslog local3 \
	    -limit 100 -logprocs 10 -cc 60 -n -f x.conf
}

atf_test_case samples
samples_head() {
	atf_set descr "The shipped sample configuration is valid"
}
samples_body() {
	init
	etc=$srcdir/../../etc
	sed "s#/etc/xinetd.d#$etc/xinetd.d#" "$etc/xinetd.conf" >x.conf
	atf_check -s exit:0 -o empty -e empty "$XINETD" -n -f x.conf
}

atf_test_case demo
demo_head() {
	atf_set descr "The README demo configuration is valid"
}
demo_body() {
	init
	atf_check -s exit:0 -o save:demo.conf -e empty \
	    sh "$srcdir/../../quickstart.sh" demo-config
	atf_check -s exit:0 -o empty -e empty "$XINETD" -n -f demo.conf
	atf_check -s exit:0 -o match:'port            = 17013' -e empty \
	    "$XINETD" -dump -f demo.conf
}

atf_test_case inetd_compat
inetd_compat_head() {
	atf_set descr "-inetd_compat also reads inetd.conf; xinetd.conf" \
	    "wins a conflict"
}
inetd_compat_body() {
	init
	telnet_conf >x.conf
	cat >inetd.conf <<'EOF2'
telnet	stream	tcp	nowait	root	/usr/sbin/telnetd	telnetd
ftp	stream	tcp	nowait	root	/usr/sbin/ftpd		ftpd -l
EOF2
	export XINETD_INETD_CONF=$PWD/inetd.conf
	atf_check -s exit:0 -o save:dump \
	    -e match:"inetd.conf:1: warning: service telnet is already" \
	    "$XINETD" -inetd_compat -dump -f x.conf
	atf_check -o match:'server          = /usr/sbin/in.telnetd' cat dump
	atf_check -o match:'server          = /usr/sbin/ftpd' cat dump
	atf_check -o not-match:'/usr/sbin/telnetd' cat dump
}

atf_init_test_cases() {
	atf_add_test_case clean
	atf_add_test_case every_problem
	atf_add_test_case warnings_pass
	atf_add_test_case missing_file
	atf_add_test_case empty_file
	atf_add_test_case not_a_config
	atf_add_test_case usage
	atf_add_test_case options_accepted
	atf_add_test_case samples
	atf_add_test_case demo
	atf_add_test_case inetd_compat
}
