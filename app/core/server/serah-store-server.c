/* serah-store-server.c: the desk's side of the office-server sync in SQLite: reading the
 * local events to push after a cursor, counting what is pending, and forgetting a link.
 *
 * Why no table of its own: the link and the cursors are a handful of "server.*" rows in the
 * settings table (no password among them, see serah-server.c), and "what was pushed" is a
 * cursor over the event tables' own ids, since events are append-only. So linking a desk
 * needs no schema migration, and an unlinked database is exactly what it was.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

void
serah_server_event_free (SerahServerEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->ceremony_uuid);
  g_free (self->nik);
  serah_handover_free (self->handover);
  g_free (self);
}

static gpointer
handover_event_from_row (sqlite3_stmt *stmt)
{
  SerahServerEvent *e = g_new0 (SerahServerEvent, 1);
  SerahHandover *h = g_new0 (SerahHandover, 1);
  const char *card_no = (const char *) sqlite3_column_text (stmt, 3);

  e->local_id = sqlite3_column_int64 (stmt, 0);
  e->ceremony_uuid = serah_store_column_dup (stmt, 1);
  h->uuid = serah_store_column_dup (stmt, 2);
  g_strlcpy (h->card_no, card_no ? card_no : "", sizeof h->card_no);
  e->nik = serah_store_column_dup (stmt, 4);
  h->card_serial = sqlite3_column_int64 (stmt, 5);
  h->handed_at = sqlite3_column_int64 (stmt, 6);
  h->operator_name = serah_store_column_dup (stmt, 7);
  h->station = serah_store_column_dup (stmt, 8);
  serah_recipient_from_string ((const char *) sqlite3_column_text (stmt, 9), &h->recipient);
  h->proxy_name = serah_store_column_dup (stmt, 10);
  h->proxy_relation = serah_store_column_dup (stmt, 11);
  h->proxy_id_number = serah_store_column_dup (stmt, 12);
  h->uninvited = sqlite3_column_int (stmt, 13) != 0;
  serah_identified_by_from_string ((const char *) sqlite3_column_text (stmt, 14),
                                   &h->identified_by);
  e->uuid = g_strdup (h->uuid);
  e->handover = h;
  return e;
}

static gpointer
undo_event_from_row (sqlite3_stmt *stmt)
{
  SerahServerEvent *e = g_new0 (SerahServerEvent, 1);
  SerahHandover *u = g_new0 (SerahHandover, 1);

  e->local_id = sqlite3_column_int64 (stmt, 0);
  e->ceremony_uuid = serah_store_column_dup (stmt, 1);
  u->undo_uuid = serah_store_column_dup (stmt, 2);
  u->uuid = serah_store_column_dup (stmt, 3);
  u->undone_at = sqlite3_column_int64 (stmt, 4);
  u->undone_by = serah_store_column_dup (stmt, 5);
  u->undo_station = serah_store_column_dup (stmt, 6);
  u->undo_reason = serah_store_column_dup (stmt, 7);
  e->uuid = g_strdup (u->undo_uuid);
  e->handover = u;
  return e;
}

GPtrArray *
serah_store_list_local_events (SerahStore *store, gboolean undos, gint64 after_id, guint limit,
                               GError **error)
{
  sqlite3_stmt *stmt;

  if (undos)
    stmt = serah_store_prepare (store,
                                "SELECT u.id, c.uuid, u.uuid, u.handover_uuid, u.undone_at,"
                                " u.operator, u.station, u.reason"
                                " FROM handover_undos u"
                                " JOIN handovers h ON h.uuid = u.handover_uuid"
                                " JOIN ceremonies c ON c.id = h.ceremony_id"
                                " WHERE u.id > ?1 ORDER BY u.id LIMIT ?2",
                                error);
  else
    stmt = serah_store_prepare (store,
                                "SELECT h.id, c.uuid, h.uuid, p.card_no, p.nik, h.card_serial,"
                                " h.handed_at, h.operator, h.station, h.recipient, h.proxy_name,"
                                " h.proxy_relation, h.proxy_id_number, h.uninvited,"
                                " h.identified_by"
                                " FROM handovers h"
                                " JOIN participants p ON p.id = h.participant_id"
                                " JOIN ceremonies c ON c.id = h.ceremony_id"
                                " WHERE h.id > ?1 ORDER BY h.id LIMIT ?2",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  return serah_store_list_rows (store, stmt,
                                undos ? undo_event_from_row : handover_event_from_row,
                                (GDestroyNotify) serah_server_event_free,
                                _("Cannot read the events to send"), error);
}

gboolean
serah_store_count_local_events (SerahStore *store, gint64 after_handover_id,
                                gint64 after_undo_id, gint64 *handovers, gint64 *undos,
                                GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT (SELECT count (*) FROM handovers"
                                            "        WHERE id > ?1),"
                                            "       (SELECT count (*) FROM handover_undos"
                                            "        WHERE id > ?2)",
                                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_handover_id);
  sqlite3_bind_int64 (stmt, 2, after_undo_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return serah_store_set_error (store, error, _("Cannot count the events to send"));
    }
  *handovers = sqlite3_column_int64 (stmt, 0);
  *undos = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
serah_store_forget_server (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "DELETE FROM settings WHERE key LIKE 'server.%'",
                                            error);
  return stmt != NULL &&
         serah_store_step_done (store, stmt, _("Cannot forget the office server"), error);
}

gint64
serah_store_get_setting_int (SerahStore *store, const char *key)
{
  g_autofree char *text = serah_store_get_setting (store, key);
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

gboolean
serah_store_set_setting_int (SerahStore *store, const char *key, gint64 value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return serah_store_set_setting (store, key, text, error);
}

gboolean
serah_store_max_event_ids (SerahStore *store, gint64 *handover_id, gint64 *undo_id,
                           GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT (SELECT coalesce (max (id), 0) FROM handovers),"
                                            " (SELECT coalesce (max (id), 0) FROM handover_undos)",
                                            error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return serah_store_set_error (store, error, _("Cannot count the events to send"));
    }
  *handover_id = sqlite3_column_int64 (stmt, 0);
  *undo_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
