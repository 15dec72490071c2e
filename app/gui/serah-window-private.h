/* serah-window-private.h: what serah-window.c shares with serah-window-actions.c. */
#pragma once

#include <serah/admin/serah-operators.h>

#include "serah-window.h"

G_BEGIN_DECLS

/* The main menu's actions: win.audit-log, win.operators, win.backup, win.restore and
 * win.about. Called from serah_window_class_init. */
void  serah_window_class_install_admin_actions (GtkWidgetClass *widget_class);

/* Who is acting in the window and as what: the operator signed in (the computer account,
 * as an administrator, while the database has no operator). NULL and role 0 while the
 * window is locked or nobody is signed in. */
char *serah_window_dup_acting_operator (SerahWindow *self,
                                        SerahRole   *role);

G_END_DECLS
