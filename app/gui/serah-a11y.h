/* serah-a11y.h: accessible names that GTK 4.8 gets wrong, put right for every window. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void serah_a11y_fix_labels       (GtkWidget   *root);
/* Names the toggle button inside a drop down, which GTK 4.8 exposes as an unnamed push
 * button of its own (the drop down itself is named in its .ui file). */
void serah_a11y_name_drop_down   (GtkDropDown *drop_down,
                                  const char  *name);
void serah_a11y_watch_toplevels  (void);

G_END_DECLS
