/* serah-lock-view.h: the lock screen: operator sign-in with a PIN, or, in a database
 * without operators, creating the first administrator. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_LOCK_VIEW (serah_lock_view_get_type ())
G_DECLARE_FINAL_TYPE (SerahLockView, serah_lock_view, SERAH, LOCK_VIEW, AdwBin)

GtkWidget  *serah_lock_view_new       (SerahStore    *store);
SerahStore *serah_lock_view_get_store (SerahLockView *self);
void        serah_lock_view_set_store (SerahLockView *self,
                                       SerahStore    *store);
/* Shows the form afresh: operators read again, PIN and messages cleared, name (when it is
 * an enabled operator) chosen. Without operators it shows the first-administrator form.
 * Emits "signed-in" (name, SerahRole, bootstrap) once someone is through. */
void        serah_lock_view_reset     (SerahLockView *self,
                                       const char    *name);
/* "sign-in" or "first-admin". */
const char *serah_lock_view_get_mode  (SerahLockView *self);

G_END_DECLS
