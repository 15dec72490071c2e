/* serah-pending-list.h: the people still waiting for a card, as a paged GListModel. */
#pragma once

#include <gio/gio.h>
#include <serah/store/serah-store.h>

#include "serah-id-window-list.h"

G_BEGIN_DECLS

#define SERAH_TYPE_PENDING_LIST (serah_pending_list_get_type ())
G_DECLARE_FINAL_TYPE (SerahPendingList, serah_pending_list, SERAH, PENDING_LIST, SerahIdWindowList)

/* Everyone of the ceremony still waiting; items are SerahCheckoffItem. */
SerahPendingList *serah_pending_list_new      (SerahStore       *store,
                                               gint64            ceremony_id);
/* Only the people of one desa (both NULL: every desa); counts again and tells the views. On
 * error the list is empty and FALSE is returned. */
gboolean          serah_pending_list_set_desa (SerahPendingList *self,
                                               const char       *kecamatan,
                                               const char       *desa,
                                               GError          **error);
/* How many windows of ids were read from the store (tests). */
guint             serah_pending_list_get_windows_loaded (SerahPendingList *self);

G_END_DECLS
