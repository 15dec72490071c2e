/* serah-undo-dialog.h: asks for the reason before a handover is undone. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SERAH_TYPE_UNDO_DIALOG (serah_undo_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahUndoDialog, serah_undo_dialog, SERAH, UNDO_DIALOG, AdwMessageDialog)

/* body says what will be undone ("Kartu Budi Saputra ..."). The dialog answers with the
 * AdwMessageDialog "response" signal: "undo" or "cancel". */
SerahUndoDialog *serah_undo_dialog_new        (GtkWindow  *parent,
                                               const char *body);
/* The reason to record: the chosen quick reason, with the typed detail appended. New string. */
char            *serah_undo_dialog_get_reason (SerahUndoDialog *self);
/* Preselects a quick reason by its stored words (e.g. "konflik stasiun"); unknown: ignored. */
void             serah_undo_dialog_set_reason (SerahUndoDialog *self,
                                               const char      *stored);

G_END_DECLS
