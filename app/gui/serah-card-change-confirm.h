/* serah-card-change-confirm.h: the confirmation an administrator gives before a re-import
 * changes participants' card numbers (issue 17), kept apart from the import dialog. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>

G_BEGIN_DECLS

/* The number of rows of report refused as "card-number-changed". */
guint serah_card_change_count (const SerahImportReport *report);

typedef void (*SerahCardChangeConfirmed) (gpointer user_data);

/* When report has card-number-changed conflicts, shows a dialog listing them (line, old and
 * new number) that asks whether to take the new numbers and void the printed cards with the
 * old ones; keeping the old numbers is the default and the Escape answer. confirmed is called
 * (on the main thread) only when the administrator confirms; then import the same file again
 * with SerahImportOptions.confirm_card_changes. Returns the dialog shown, or NULL when the
 * report has no such conflict (transfer none: the dialog owns itself). */
GtkWindow *serah_card_change_confirm (GtkWindow                *parent,
                                      const SerahImportReport  *report,
                                      SerahCardChangeConfirmed  confirmed,
                                      gpointer                  user_data,
                                      GDestroyNotify            user_data_free);

G_END_DECLS
