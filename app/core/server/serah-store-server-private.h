/* serah-store-server-private.h: the desk's side of the office-server sync in SQLite
 * (serah-store-server.c): local events to push after a cursor, what is pending, the cursors
 * in the settings table, forgetting a link. Never included outside app/core.
 */
#pragma once

#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef struct {
  char          *uuid;
  char          *ceremony_uuid;
  char          *nik;
  SerahHandover *handover;   /* for undos: uuid = undone handover, undo_* set */
  gint64         local_id;
} SerahServerEvent;

void       serah_server_event_free          (SerahServerEvent *self);
/* Local handovers (or undos) with id > after_id, in id order, at most limit. */
GPtrArray *serah_store_list_local_events    (SerahStore *store,
                                             gboolean    undos,
                                             gint64      after_id,
                                             guint       limit,
                                             GError    **error);
gboolean   serah_store_count_local_events   (SerahStore *store,
                                             gint64      after_handover_id,
                                             gint64      after_undo_id,
                                             gint64     *handovers,
                                             gint64     *undos,
                                             GError    **error);
/* The highest local event ids (0 when none). Events are append-only and ids are SQLite
 * rowids, so the next event gets max + 1. */
gboolean   serah_store_max_event_ids        (SerahStore *store,
                                             gint64     *handover_id,
                                             gint64     *undo_id,
                                             GError    **error);
/* Deletes every "server.*" setting (unlink). */
gboolean   serah_store_forget_server        (SerahStore *store,
                                             GError    **error);
gint64     serah_store_get_setting_int      (SerahStore *store,
                                             const char *key);
gboolean   serah_store_set_setting_int      (SerahStore *store,
                                             const char *key,
                                             gint64      value,
                                             GError    **error);

G_END_DECLS
