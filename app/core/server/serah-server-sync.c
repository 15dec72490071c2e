/* serah-server-sync.c: the office server's upper half: a sync (push, then pull and merge with
 * the station-bundle rules) and waiting for other desks' events (LISTEN/NOTIFY).
 *
 * Why pulling re-reads a window: the server's sequence is handed out at insert, not at
 * commit, so a row with a lower seq can become visible after a higher one was pulled. The
 * pull therefore also takes every row whose transaction id is at or above the oldest
 * transaction still running at the previous pull (pg_snapshot_xmin); merging is idempotent by
 * UUID, so the overlap costs nothing but a few rows.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "ceremony/serah-station-private.h"
#include <serah/server/serah-server.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-server-print-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-server-outreach-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- pull ---- */

typedef struct {
  SerahStationBundle *bundle;
  char               *ceremony_uuid;
} PulledCeremony;

static void
pulled_ceremony_free (PulledCeremony *p)
{
  serah_station_bundle_free (p->bundle);
  g_free (p->ceremony_uuid);
  g_free (p);
}

static PulledCeremony *
pulled_for (GHashTable *by_ceremony, const char *ceremony_uuid)
{
  PulledCeremony *p = g_hash_table_lookup (by_ceremony, ceremony_uuid);

  if (p == NULL)
    {
      p = g_new0 (PulledCeremony, 1);
      p->ceremony_uuid = g_strdup (ceremony_uuid);
      p->bundle = g_new0 (SerahStationBundle, 1);
      p->bundle->info = g_new0 (SerahStationBundleInfo, 1);
      p->bundle->info->station = g_strdup (_("office server"));
      p->bundle->info->ceremony_uuid = g_strdup (ceremony_uuid);
      p->bundle->handovers = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_handover_free);
      p->bundle->niks = g_ptr_array_new_with_free_func (g_free);
      p->bundle->undos = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_handover_free);
      g_hash_table_insert (by_ceremony, p->ceremony_uuid, p);
    }
  return p;
}

static char *
value_or_null (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static gint64
value_int (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

static gboolean
read_pulled_handovers (PGresult *res, GHashTable *by_ceremony, gint64 *max_seq, GError **error)
{
  for (int r = 0; r < PQntuples (res); r++)
    {
      PulledCeremony *p = pulled_for (by_ceremony, PQgetvalue (res, r, 2));
      SerahHandover *h = g_new0 (SerahHandover, 1);

      *max_seq = MAX (*max_seq, value_int (res, r, 0));
      h->uuid = value_or_null (res, r, 1);
      g_strlcpy (h->card_no, PQgetvalue (res, r, 3), sizeof h->card_no);
      h->card_serial = value_int (res, r, 5);
      h->handed_at = value_int (res, r, 6);
      h->operator_name = value_or_null (res, r, 7);
      h->station = value_or_null (res, r, 8);
      h->proxy_name = value_or_null (res, r, 10);
      h->proxy_relation = value_or_null (res, r, 11);
      h->proxy_id_number = value_or_null (res, r, 12);
      h->uninvited = g_strcmp0 (PQgetvalue (res, r, 13), "t") == 0;
      g_ptr_array_add (p->bundle->handovers, h);
      g_ptr_array_add (p->bundle->niks, value_or_null (res, r, 4));
      if (!serah_recipient_from_string (PQgetvalue (res, r, 9), &h->recipient) ||
          !serah_identified_by_from_string (PQgetvalue (res, r, 14), &h->identified_by))
        {
          g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_FAILED,
                       _("The office server holds a handover this Serah cannot read (%s)."),
                       h->uuid);
          return FALSE;
        }
    }
  return TRUE;
}

static void
read_pulled_undos (PGresult *res, GHashTable *by_ceremony, gint64 *max_seq)
{
  for (int r = 0; r < PQntuples (res); r++)
    {
      PulledCeremony *p = pulled_for (by_ceremony, PQgetvalue (res, r, 7));
      SerahHandover *u = g_new0 (SerahHandover, 1);

      *max_seq = MAX (*max_seq, value_int (res, r, 0));
      u->undo_uuid = value_or_null (res, r, 1);
      u->uuid = value_or_null (res, r, 2);
      u->undone_at = value_int (res, r, 3);
      u->undone_by = value_or_null (res, r, 4);
      u->undo_station = value_or_null (res, r, 5);
      u->undo_reason = value_or_null (res, r, 6);
      g_ptr_array_add (p->bundle->undos, u);
    }
}

/* One consistent snapshot of the server (REPEATABLE READ): its oldest running transaction
 * and the events after this desk's cursors. */
static gboolean
fetch_pulled (SerahStore *store, PGconn *conn, GHashTable *by_ceremony, gint64 *handover_seq,
              gint64 *undo_seq, char **xmin, GError **error)
{
  g_autofree char *h_cursor = int_text (serah_store_get_setting_int (store,
                                                                     "server.pull-handover-seq"));
  g_autofree char *u_cursor = int_text (serah_store_get_setting_int (store,
                                                                     "server.pull-undo-seq"));
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-xmin");
  const char *h_params[] = { h_cursor, prev_xmin ? prev_xmin : "0" };
  const char *u_params[] = { u_cursor, prev_xmin ? prev_xmin : "0" };
  PGresult *res = NULL;
  gboolean ok;

  ok = serah_server_begin_snapshot (conn, xmin, error);
  if (ok)
    {
      res = PQexecParams (conn,
                          "SELECT seq, uuid, ceremony_uuid, card_no, nik, card_serial, handed_at,"
                          " operator, station, recipient, proxy_name, proxy_relation,"
                          " proxy_id_number, uninvited, identified_by FROM serah.handovers"
                          " WHERE seq > $1 OR txid >= $2::xid8 ORDER BY seq",
                          2, NULL, h_params, NULL, NULL, 0);
      ok = PQresultStatus (res) == PGRES_TUPLES_OK;
      if (!ok)
        serah_server_set_error (conn, res, _("Cannot read from the office server"), error);
      else
        ok = read_pulled_handovers (res, by_ceremony, handover_seq, error);
      g_clear_pointer (&res, PQclear);
    }
  if (ok)
    {
      res = PQexecParams (conn,
                          "SELECT u.seq, u.uuid, u.handover_uuid, u.undone_at, u.operator,"
                          " u.station, u.reason, h.ceremony_uuid FROM serah.undos u"
                          " JOIN serah.handovers h ON h.uuid = u.handover_uuid"
                          " WHERE u.seq > $1 OR u.txid >= $2::xid8 ORDER BY u.seq",
                          2, NULL, u_params, NULL, NULL, 0);
      ok = PQresultStatus (res) == PGRES_TUPLES_OK;
      if (!ok)
        serah_server_set_error (conn, res, _("Cannot read from the office server"), error);
      else
        read_pulled_undos (res, by_ceremony, undo_seq);
      g_clear_pointer (&res, PQclear);
    }
  ok = ok && serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    PQclear (PQexec (conn, "ROLLBACK"));
  return ok;
}

static gboolean
merge_pulled (SerahStore *store, GHashTable *by_ceremony, SerahServerSyncResult *result,
              GError **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, by_ceremony);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PulledCeremony *p = value;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SerahCeremony) ceremony = serah_store_find_ceremony_by_uuid (store,
                                                                             p->ceremony_uuid,
                                                                             &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Ceremonies are pulled before events (serah_server_pull_register); one still unknown
       * here was pushed after that pull began: its events wait for the next sync. */
      if (ceremony == NULL)
        {
          g_info ("pull: %u events of ceremony %s, unknown here, left on the server",
                  p->bundle->handovers->len + p->bundle->undos->len, p->ceremony_uuid);
          continue;
        }
      if (!serah_station_merge_events (store, p->bundle, ceremony->id, _("the office server"),
                                       error))
        return FALSE;
      if (result != NULL)
        {
          result->new_handovers += p->bundle->info->new_handovers;
          result->new_undos += p->bundle->info->new_undos;
          result->conflicts += p->bundle->info->conflicts;
        }
    }
  return TRUE;
}

static gboolean
pull (SerahStore *store, PGconn *conn, SerahServerSyncResult *result, GError **error)
{
  g_autoptr(GHashTable) by_ceremony = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify)
                                                             pulled_ceremony_free);
  g_autofree char *xmin = NULL;
  gint64 handover_seq = serah_store_get_setting_int (store, "server.pull-handover-seq");
  gint64 undo_seq = serah_store_get_setting_int (store, "server.pull-undo-seq");
  gint64 max_h_before = 0, max_u_before = 0, max_h_after = 0, max_u_after = 0;
  SerahServerSyncResult local = { 0 };

  if (!fetch_pulled (store, conn, by_ceremony, &handover_seq, &undo_seq, &xmin, error))
    return FALSE;

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_max_event_ids (store, &max_h_before, &max_u_before, error) ||
      !merge_pulled (store, by_ceremony, &local, error) ||
      !serah_store_max_event_ids (store, &max_h_after, &max_u_after, error))
    goto failed;
  /* What was just pulled is on the server already: when nothing of this desk was waiting,
   * the push cursors move past it. */
  if (serah_store_get_setting_int (store, "server.push-handover-id") == max_h_before &&
      !serah_store_set_setting_int (store, "server.push-handover-id", max_h_after, error))
    goto failed;
  if (serah_store_get_setting_int (store, "server.push-undo-id") == max_u_before &&
      !serah_store_set_setting_int (store, "server.push-undo-id", max_u_after, error))
    goto failed;
  if (!serah_store_set_setting_int (store, "server.pull-handover-seq", handover_seq, error) ||
      !serah_store_set_setting_int (store, "server.pull-undo-seq", undo_seq, error) ||
      !serah_store_set_setting (store, "server.pull-xmin", xmin, error))
    goto failed;
  if (local.new_handovers + local.new_undos > 0)
    {
      g_autofree char *handovers = int_text (local.new_handovers);
      g_autofree char *undos = int_text (local.new_undos);
      g_autofree char *conflicts = int_text (local.conflicts);
      g_autofree char *details = serah_audit_details ("new_handovers", handovers, "new_undos",
                                                      undos, "conflicts", conflicts, NULL);
      if (!serah_audit_record (store, NULL, "server.pull", "", details, error))
        goto failed;
    }
  if (!serah_store_commit (store, error))
    goto failed;
  if (result != NULL)
    {
      result->new_handovers += local.new_handovers;
      result->new_undos += local.new_undos;
      result->conflicts += local.conflicts;
    }
  return TRUE;

failed:
  serah_store_rollback (store);
  return FALSE;
}

/* ---- the public sync ---- */

gboolean
serah_server_sync (SerahStore *store, SerahServerSyncResult *result, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  SerahServerSyncResult ignored;
  PGconn *conn;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  /* Counted even when the caller does not ask: the register pull audits what it brought. */
  if (result == NULL)
    result = &ignored;
  memset (result, 0, sizeof *result);
  conn = serah_server_ensure (store, TRUE, error);
  if (conn == NULL)
    return FALSE;
  /* The register first: pulled handovers and invitations name its participants. */
  if (!serah_server_push_register (store, conn, result, &local_error))
    goto failed;
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_server_push_pending (store, conn, result, &local_error) ||
      !serah_store_commit (store, &local_error))
    {
      serah_store_rollback (store);
      goto failed;
    }
  if (!serah_server_sync_print (store, conn, &local_error) ||
      !serah_server_pull_register (store, conn, result, &local_error) ||
      !pull (store, conn, result, &local_error) ||
      !serah_server_sync_testimonials (store, conn, &local_error) ||
      !serah_server_sync_operators (store, conn, &local_error) ||
      !serah_server_sync_outreach (store, conn, &local_error) ||
      !serah_server_sync_media (store, conn, &local_error) ||
      !serah_server_push_audit (store, conn, result, &local_error))
    goto failed;
  return TRUE;

failed:
  if (local_error->domain == SERAH_SERVER_ERROR)
    serah_server_mark_failed (store, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
serah_server_wait (SerahStore *store, int timeout_ms, GError **error)
{
  SerahServerLink *link;
  PGconn *conn;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  conn = serah_server_ensure (store, TRUE, error);
  if (conn == NULL)
    return FALSE;
  link = serah_server_link_get (store);
  /* A new connection (the first, or after a break) starts listening and answers TRUE: what
   * was committed while nobody listened is only found by a sync. */
  if (!link->listening)
    {
      if (!serah_server_exec (conn, "LISTEN serah_events", error))
        return FALSE;
      link->listening = TRUE;
      return TRUE;
    }
  for (;;)
    {
      gboolean heard = FALSE;
      PGnotify *notify;
      struct pollfd pfd = { .fd = PQsocket (conn), .events = POLLIN };
      gint64 left_ms;

      if (!PQconsumeInput (conn))
        {
          g_autoptr(GError) local_error = NULL;
          serah_server_set_error (conn, NULL, _("Lost the office server"), &local_error);
          serah_server_mark_failed (store, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Our own inserts notify us too; only other desks' count. */
      while ((notify = PQnotifies (conn)) != NULL)
        {
          heard |= notify->be_pid != PQbackendPID (conn);
          PQfreemem (notify);
        }
      if (heard)
        return TRUE;
      left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      if (left_ms <= 0)
        return FALSE;
      if (poll (&pfd, 1, (int) MIN (left_ms, G_MAXINT)) < 0 && errno != EINTR)
        {
          g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_FAILED,
                       "poll: %s", g_strerror (errno));
          return FALSE;
        }
    }
}

