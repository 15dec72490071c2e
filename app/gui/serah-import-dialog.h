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
/* The office database the audited rejects file is recorded in (issue 11); until it is set,
 * "Save Rejected Rows…" is disabled. */
void                     serah_import_dialog_set_store  (SerahImportDialog *self,
                                                         SerahStore        *store);
/* Writes the rejected rows as CSV (what "Save Rejected Rows…" does once a file is chosen):
 * whole rows with full NIKs, so administrators only, recorded in the audit log
 * (serah_import_report_save_rejects). */
gboolean                 serah_import_dialog_save_rejects (SerahImportDialog *self,
                                                           GFile             *file,
                                                           GError           **error);

G_END_DECLS
