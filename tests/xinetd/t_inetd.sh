# t_inetd: the program under the name "inetd" takes the BSD inetd(8)
# command line and reads inetd.conf.

init() {
	. "$(atf_get_srcdir)/common.subr"
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
}
default_file_body() {
	init
	[ -e /etc/inetd.conf ] && atf_skip "/etc/inetd.conf exists here"
	atf_check -s exit:1 -o empty -e match:'cannot open /etc/inetd.conf' \
	    ./inetd -n
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

atf_init_test_cases() {
	atf_add_test_case check_file
	atf_add_test_case inetd_syntax_forced
	atf_add_test_case default_file
	atf_add_test_case options
}
