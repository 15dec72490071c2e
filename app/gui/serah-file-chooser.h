/* serah-file-chooser.h: the native file choosers of the audit export and the backups. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal native chooser that starts in the Documents folder (or home, never the program's
 * working folder) and offers filter (may be NULL). Show it, connect "response". */
GtkFileChooserNative *serah_file_chooser_new       (GtkWindow            *parent,
                                                    const char           *title,
                                                    GtkFileChooserAction  action,
                                                    const char           *accept_label,
                                                    GtkFileFilter        *filter);
/* In the "response" handler: the local path chosen, or NULL (cancelled, or not a local
 * file); the chooser is destroyed and its reference dropped either way. */
char                 *serah_file_chooser_take_path (GtkNativeDialog      *chooser,
                                                    int                   response);

G_END_DECLS
