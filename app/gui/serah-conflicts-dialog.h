/* serah-conflicts-dialog.h: review of people handed a card at two stations. */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CONFLICTS_DIALOG (serah_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahConflictsDialog, serah_conflicts_dialog, SERAH, CONFLICTS_DIALOG,
                      AdwWindow)

/* Emits "undo-requested" (handover uuid, participant name) when the operator picks a
 * handover to undo; the caller asks the reason, undoes, then calls reload. */
SerahConflictsDialog *serah_conflicts_dialog_new    (GtkWindow            *parent,
                                                     SerahStore           *store,
                                                     gint64                ceremony_id);
void                  serah_conflicts_dialog_reload (SerahConflictsDialog *self);

G_END_DECLS
