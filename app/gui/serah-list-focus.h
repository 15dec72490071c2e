/* serah-list-focus.h: lists that are one Tab stop, with the arrow keys inside. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name of the key controller that serah_list_focus_one_tab_stop() adds (tests find it
 * by this name). */
#define SERAH_LIST_FOCUS_CONTROLLER "serah-list-one-tab-stop"

void serah_list_focus_one_tab_stop (GtkWidget *list);

G_END_DECLS
