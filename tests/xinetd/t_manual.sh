# t_manual: the manuals are valid mdoc.

atf_test_case lint
lint_head() {
	atf_set descr "mandoc -Tlint reports no warning or error in any page"
	atf_set require.progs "mandoc"
}
lint_body() {
	man=$(atf_get_srcdir)/../../share/man
	for page in xinetd.8 xinetd.conf.5 inetd.conf.5; do
		atf_check -s exit:0 -o empty -e empty \
		    mandoc -Tlint -W warning "$man/$page"
	done
}

atf_init_test_cases() {
	atf_add_test_case lint
}
