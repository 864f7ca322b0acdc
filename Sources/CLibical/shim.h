#ifndef AARSHJUL_CLIBICAL_SHIM_H
#define AARSHJUL_CLIBICAL_SHIM_H
#include <libical/ical.h>

/* icalerrno is a macro Swift cannot import. */
static inline icalerrorenum aarshjul_icalerrno(void) { return icalerrno; }
static inline void aarshjul_clear_icalerrno(void) { icalerrno = ICAL_NO_ERROR; }

#endif
