/* serah-ceremony-paper.h: the ceremony's paper (daftar tanda terima, berita acara) written
 * from the window in a worker thread. */
#pragma once

#include <gio/gio.h>
#include <serah/ceremony/serah-paper.h>

G_BEGIN_DECLS

/* Writes the PDF of kind for the ceremony to path in a thread with its own connection to
 * the database at db_path (the UI's connection never leaves the main thread). */
void serah_ceremony_paper_write_async  (const char          *db_path,
                                        gint64               ceremony_id,
                                        SerahPaperKind       kind,
                                        const char          *operator_name,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The number of pages written, 0 with error set. */
int  serah_ceremony_paper_write_finish (GAsyncResult        *result,
                                        GError             **error);
/* "daftar-tanda-terima-2026-11-24.pdf" / "berita-acara-2026-11-24.pdf". */
char *serah_ceremony_paper_file_name   (SerahPaperKind       kind,
                                        const char          *iso_date);

G_END_DECLS
