/* serah-reprint-dialog.h: reprinting one card (lost, damaged, misprinted). */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>
#include <serah/cards/serah-print-job.h>

G_BEGIN_DECLS

#define SERAH_TYPE_REPRINT_DIALOG (serah_reprint_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahReprintDialog, serah_reprint_dialog, SERAH, REPRINT_DIALOG, AdwWindow)

/* The new card uses template and sheet (slot 1) and the printer profile (may be NULL).
 * Emits "reprinted" with a summary for people once the card is printed and recorded. */
SerahReprintDialog *serah_reprint_dialog_new (GtkWindow                 *parent,
                                              SerahStore                *store,
                                              SerahCardTemplate         *template_,
                                              SerahSheet                *sheet,
                                              const SerahPrinterProfile *profile);
/* Types query in the search field (for tests). */
void     serah_reprint_dialog_search         (SerahReprintDialog *self,
                                              const char         *query);
/* Reprints the selected card into path (what the file chooser's answer leads to). */
gboolean serah_reprint_dialog_write          (SerahReprintDialog *self,
                                              const char         *path,
                                              GError            **error);

G_END_DECLS
