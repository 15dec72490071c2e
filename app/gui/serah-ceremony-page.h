/* serah-ceremony-page.h: the "Acara" page: ceremonies and the check-off of the active one. */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CEREMONY_PAGE (serah_ceremony_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahCeremonyPage, serah_ceremony_page, SERAH, CEREMONY_PAGE, GtkWidget)

/* The ceremony being checked off (0: none; the list is shown). Remembered in the database's
 * settings ("active-ceremony"), so a restarted laptop comes back to it. */
gint64 serah_ceremony_page_get_active_ceremony (SerahCeremonyPage *self);
void   serah_ceremony_page_set_active_ceremony (SerahCeremonyPage *self,
                                                gint64             ceremony_id);

G_END_DECLS
