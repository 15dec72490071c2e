/* serah-pending-dialog.h: the list of invited people not yet served, by desa in stack order. */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

#define SERAH_TYPE_PENDING_DIALOG (serah_pending_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahPendingDialog, serah_pending_dialog, SERAH, PENDING_DIALOG, AdwWindow)

/* Emits "participant-chosen" (gint64 participant id) when a row is activated, then closes. */
SerahPendingDialog *serah_pending_dialog_new (GtkWindow  *parent,
                                              SerahStore *store,
                                              gint64      ceremony_id);

G_END_DECLS
