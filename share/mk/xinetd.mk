# Settings shared by every directory of the tree, and the one place that
# knows how the systems differ.  On Linux, BSD functions come from
# libbsd's overlay and TI-RPC from libtirpc, both found with pkg-config,
# and the mk files are sjg's (Debian's bmake), which place manuals
# differently.

XINETD_TOP:=	${.PARSEDIR:tA}/../..

# Install places, hier(7): programs under PREFIX (/usr in a base system),
# configuration in /etc; a ports-style build sets SYSCONFDIR=/usr/local/etc.
PREFIX?=	/usr/local
SYSCONFDIR?=	/etc
BINDIR?=	${PREFIX}/sbin

COPTS?=		-O2
CSTD?=		-std=c99
CWARNFLAGS?=	-Wall -Wextra
XCPPFLAGS=	-I${XINETD_TOP}/lib/libxcfg
CFLAGS+=	${CSTD} ${CWARNFLAGS} ${XCFLAGS}
LDFLAGS+=	${XLDFLAGS}

.if ${.MAKE.OS} == "Linux"
PKG_CONFIG?=	pkg-config
_BSD_CFLAGS!=	${PKG_CONFIG} --cflags libbsd-overlay libtirpc
_BSD_LIBS!=	${PKG_CONFIG} --libs libbsd-overlay libtirpc
XCPPFLAGS+=	-D_GNU_SOURCE ${_BSD_CFLAGS}
LDADD+=		${_BSD_LIBS}
LIBWRAP?=	-lwrap
ATF_C_CFLAGS!=	${PKG_CONFIG} --cflags atf-c
ATF_C_LIBS!=	${PKG_CONFIG} --libs atf-c
prefix=		${PREFIX}
MANTARGET=	man
MANDIR?=	${PREFIX}/share/man
.else
ATF_C_LIBS?=	-latf-c
.if ${.MAKE.OS} != "OpenBSD"
LIBWRAP?=	-lwrap
.endif
MANDIR?=	${PREFIX}/share/man
.endif

CFLAGS+=	${XCPPFLAGS}
LIBXCFG=	${XINETD_TOP}/lib/libxcfg/libxcfg.a
