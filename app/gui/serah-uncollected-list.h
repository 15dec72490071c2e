/* serah-uncollected-list.h: the cards not yet collected, as a paged GListModel (Laporan). */
#pragma once

#include <gio/gio.h>
#include <serah/store/serah-store.h>

#include "serah-id-window-list.h"

G_BEGIN_DECLS

#define SERAH_TYPE_UNCOLLECTED_LIST (serah_uncollected_list_get_type ())
G_DECLARE_FINAL_TYPE (SerahUncollectedList, serah_uncollected_list, SERAH, UNCOLLECTED_LIST,
                      SerahIdWindowList)

/* An empty list; items are SerahReportRow (No, kecamatan, desa, name, masked NIK, card number,
 * address, stack). */
SerahUncollectedList *serah_uncollected_list_new       (void);
/* Shows the cards not yet collected of ceremony_id (0: all) in store (NULL: nothing): counts
 * again and tells the views. Returns the count, or -1 with error set (the list is then
 * empty). */
gint64                serah_uncollected_list_set_scope (SerahUncollectedList *self,
                                                        SerahStore           *store,
                                                        gint64                ceremony_id,
                                                        GError              **error);

G_END_DECLS
