/* serah-representative-dialog.h: the small form for a card collected by a representative. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SERAH_TYPE_REPRESENTATIVE_DIALOG (serah_representative_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahRepresentativeDialog, serah_representative_dialog, SERAH,
                      REPRESENTATIVE_DIALOG, AdwWindow)

SerahRepresentativeDialog *serah_representative_dialog_new (GtkWindow *parent);

/* After "confirmed": what was entered. relation is the stored word ("istri", "anak", ...). */
const char *serah_representative_dialog_get_name      (SerahRepresentativeDialog *self);
const char *serah_representative_dialog_get_relation  (SerahRepresentativeDialog *self);
const char *serah_representative_dialog_get_id_number (SerahRepresentativeDialog *self);

G_END_DECLS
