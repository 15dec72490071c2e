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
/* The operator signed in to the SerahWindow holding widget, for a page to record what it
 * does under; the computer account's name outside such a window or while nobody is
 * signed in (what the core records for a NULL operator anyway). */
const char  *serah_window_operator_for      (GtkWidget   *widget);
/* The role check of a page action: TRUE when the operator signed in to widget's window
 * holds role (or widget is in no SerahWindow); otherwise says on the window that what
 * ("Importing") needs that role, and returns FALSE. */
gboolean     serah_window_require_role      (GtkWidget   *widget,
                                             SerahRole    role,
                                             const char  *what);
/* The same check without a word: for enabling actions, so that an officer's session does not
 * offer what it would refuse. TRUE outside a SerahWindow. The window asks its pages to
 * update their actions whenever the operator, the role or the lock changes. */
gboolean     serah_window_role_allows       (GtkWidget   *widget,
                                             SerahRole    role);

G_END_DECLS
