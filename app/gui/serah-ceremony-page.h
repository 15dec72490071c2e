/* serah-ceremony-page.h: the "Acara" page: ceremonies and the check-off of the active one. */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/ceremony/serah-paper.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CEREMONY_PAGE (serah_ceremony_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahCeremonyPage, serah_ceremony_page, SERAH, CEREMONY_PAGE, GtkWidget)

/* The ceremony being checked off (0: none; the list is shown). Remembered in the database's
 * settings ("active-ceremony"), so a restarted laptop comes back to it. */
gint64 serah_ceremony_page_get_active_ceremony (SerahCeremonyPage *self);
void   serah_ceremony_page_set_active_ceremony (SerahCeremonyPage *self,
                                                gint64             ceremony_id);

/* Writes the active ceremony's paper (daftar tanda terima or berita acara) to path in a
 * worker thread, with a progress bar and Cancel on the page (the "ceremony.paper" action
 * asks for the file first). FALSE when no ceremony is active or one is being written. */
gboolean serah_ceremony_page_write_paper     (SerahCeremonyPage *self,
                                              SerahPaperKind     kind,
                                              const char        *path);
gboolean serah_ceremony_page_get_paper_busy  (SerahCeremonyPage *self);

G_END_DECLS
