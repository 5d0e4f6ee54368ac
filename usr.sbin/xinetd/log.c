#include <stdio.h>
#include <stdarg.h>
#include <syslog.h>
#include "log.h"
static bool dbg;
int log_open(const char *ident, bool debug, const char *filelog, int facility){(void)filelog;dbg=debug;openlog(ident,LOG_PID|LOG_NDELAY,facility);return 0;}
void log_close(void){}
void log_msg(int pri, const char *fmt, ...){va_list ap;va_start(ap,fmt);if(dbg){vfprintf(stderr,fmt,ap);fputc('\n',stderr);}else vsyslog(pri,fmt,ap);va_end(ap);}
void log_service(const struct xcfg_log *l, const char *fmt, ...){va_list ap;va_start(ap,fmt);(void)l;vfprintf(stderr,fmt,ap);fputc('\n',stderr);va_end(ap);}
void log_fail(const struct xcfg_log *l, const char *id, const char *reason, const char *fmt, ...){va_list ap;va_start(ap,fmt);(void)l;fprintf(stderr,"FAIL: %s %s ",id,reason);vfprintf(stderr,fmt,ap);fputc('\n',stderr);va_end(ap);}
void log_summarise(uint64_t now){(void)now;}
void log_reopen(void){}
