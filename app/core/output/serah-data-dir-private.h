/* serah-data-dir-private.h: where the installed data folders (print templates, area codes,
 * surveys) are, seen from the running program. Internal to app/core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder from_bindir (e.g. "../share/serah/areas", from config.h) beside the running
 * program, so that a prefix copied or unpacked elsewhere (a DESTDIR, a USB stick) still finds
 * its own data; NULL when from_bindir is empty (an absolute bindir or datadir) or the folder
 * is not there. Linux: reads /proc/self/exe. */
char *serah_data_dir_beside_program (const char *from_bindir);

G_END_DECLS
