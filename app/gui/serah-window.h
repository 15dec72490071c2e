/* serah-window.h: the main window: header bar and the page switcher. */
#pragma once

#include <adwaita.h>

#include "serah-application.h"

G_BEGIN_DECLS

#define SERAH_TYPE_WINDOW (serah_window_get_type ())
G_DECLARE_FINAL_TYPE (SerahWindow, serah_window, SERAH, WINDOW, AdwApplicationWindow)

SerahWindow *serah_window_new       (SerahApplication *app,
                                     SerahStore       *store);
SerahStore  *serah_window_get_store (SerahWindow *self);
/* Shows a short message at the bottom of the window. */
void         serah_window_toast     (SerahWindow *self,
                                     const char  *message);

/* ---- hardening (issue 6): the signed-in operator ----
 * Also as properties: "operator-name" (NULL while nobody is signed in), "operator-role"
 * (a SerahRole, 0 while nobody is signed in), "locked", and "idle-lock-seconds" (from the
 * GSettings key idle-lock-minutes; 0 never locks). Without operators in the database the
 * operator is the computer account's name, as an administrator (the bootstrap rule). */
const char  *serah_window_get_operator_name (SerahWindow *self);
SerahRole    serah_window_get_operator_role (SerahWindow *self);
gboolean     serah_window_get_locked        (SerahWindow *self);
/* Locks now (the signed-in operator, or another, must enter a PIN to go on). */
void         serah_window_lock              (SerahWindow *self);
/* The operator to record for what widget's page does: the window's signed-in operator, or
 * the computer account's name when the widget is not in a SerahWindow or nobody signed in. */
const char  *serah_gui_operator_name        (GtkWidget   *widget);

G_END_DECLS
