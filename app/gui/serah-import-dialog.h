/* serah-import-dialog.h: the report shown after an import (counts and problem rows). */
#pragma once

#include <adwaita.h>
#include <serah/register/serah-import.h>

G_BEGIN_DECLS

#define SERAH_TYPE_IMPORT_DIALOG (serah_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahImportDialog, serah_import_dialog, SERAH, IMPORT_DIALOG, AdwWindow)

/* Takes ownership of report. */
SerahImportDialog       *serah_import_dialog_new        (GtkWindow         *parent,
                                                         SerahImportReport *report);
const SerahImportReport *serah_import_dialog_get_report (SerahImportDialog *self);
/* Writes the rejected rows as CSV (what "Save Rejected Rows…" does once a file is chosen). */
gboolean                 serah_import_dialog_save_rejects (SerahImportDialog *self,
                                                           GFile             *file,
                                                           GError           **error);

G_END_DECLS
