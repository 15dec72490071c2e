/* serah-print-sender.h: sends a finished PDF to a printer chosen in the system print
 * dialog (GtkPrintUnixDialog + GtkPrintJob). */
#pragma once

#include <gtk/gtk.h>
#include <serah/cards/serah-template.h>

G_BEGIN_DECLS

typedef struct _SerahPrintDestination SerahPrintDestination;

void   serah_print_destination_free          (SerahPrintDestination *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrintDestination, serah_print_destination_free)

/* Shows the system print dialog with the sheet's paper; finishes with the printer and its
 * settings, or NULL with G_IO_ERROR_CANCELLED when the dialog is closed. */
void   serah_print_destination_choose_async  (GtkWindow           *parent,
                                              const char          *title,
                                              SerahSheet          *sheet,
                                              gboolean             duplex,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
SerahPrintDestination *serah_print_destination_choose_finish (GAsyncResult *result,
                                                              GError      **error);

/* A new file name in the user's cache for a PDF on its way to the printer. */
char  *serah_print_destination_make_spool_path (GError **error);

/* Spools the PDF at path to the printer. */
void     serah_print_destination_send_async  (SerahPrintDestination *self,
                                              const char            *path,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
gboolean serah_print_destination_send_finish (GAsyncResult          *result,
                                              GError               **error);

/* Writes a PDF at path; used by the two helpers below. */
typedef gboolean (*SerahPdfWriter) (const char *path,
                                    gpointer    user_data,
                                    GError    **error);

/* Asks where to save (a file chooser), then calls writer there. Errors are shown in a
 * dialog titled title. destroy frees user_data when all is done. */
void   serah_print_sender_save_pdf  (GtkWindow      *parent,
                                     const char     *title,
                                     const char     *suggested_name,
                                     SerahPdfWriter  writer,
                                     gpointer        user_data,
                                     GDestroyNotify  destroy);
/* Asks for a printer (the system dialog), calls writer on a spool file and sends it. */
void   serah_print_sender_print_pdf (GtkWindow      *parent,
                                     const char     *title,
                                     SerahSheet     *sheet,
                                     SerahPdfWriter  writer,
                                     gpointer        user_data,
                                     GDestroyNotify  destroy);
void   serah_print_sender_show_error (GtkWindow    *parent,
                                      const char   *heading,
                                      const GError *error);

G_END_DECLS
