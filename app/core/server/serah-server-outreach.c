/* serah-server-outreach.c: outreach records through the office server, so that the Laporan
 * indicators (activities and attendance, new registrations, understanding, SKM, feedback) are
 * the office's at every desk that synced, not only what that desk recorded.
 *
 * Push: for each kind (serah-store-server-outreach.c), the rows after its cursor of local ids,
 * as (kind, natural key, JSON body) into the append-only serah.outreach_records, in one server
 * transaction, ON CONFLICT (kind, key) DO NOTHING; the cursors move after the server commits,
 * so a cut push is resent and counted once. Pulled rows get local ids above the cursors and
 * are sent back once as no-ops, as testimonials are.
 * Pull: one REPEATABLE READ snapshot, the rows after the server's sequence plus the txid window
 * of transactions still running at the previous pull (see serah-server-sync.c), applied in
 * server order in one SQLite transaction. A row that names something this desk does not have
 * yet (the participant of an attendance whose import has not reached it) is *pending*: the
 * cursor stops before the first pending row, so it is read again next time instead of being
 * lost (the rows after it are idempotent). Status changes travel as their events.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-server-outreach-private.h"
#include "server/serah-store-server-outreach-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

static gboolean
push_outreach (SerahStore *store, PGconn *conn, GError **error)
{
  guint n = serah_store_outreach_sync_n_kinds ();
  g_autoptr(GPtrArray) per_kind = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_ptr_array_unref);
  g_autofree gint64 *cursors = g_new0 (gint64, n);
  gboolean any = FALSE, ok;

  /* Read everything first: no SQLite statement stays open across round trips. */
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *rows = serah_store_outreach_sync_read (store, i, &cursors[i], error);

      if (rows == NULL)
        return FALSE;
      any = any || rows->len > 0;
      g_ptr_array_add (per_kind, rows);
    }
  if (!any)
    return TRUE;

  ok = serah_server_exec (conn, "BEGIN", error);
  for (guint i = 0; ok && i < n; i++)
    {
      GPtrArray *rows = per_kind->pdata[i];
      const char *kind = serah_store_outreach_sync_kind (i);

      for (guint r = 0; ok && r < rows->len; r++)
        {
          SerahOutreachPushRow *row = rows->pdata[r];
          const char *params[] = { kind, row->key, row->body };
          PGresult *res = PQexecParams (conn,
                                        "INSERT INTO serah.outreach_records (kind, key, body)"
                                        " VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING",
                                        3, NULL, params, NULL, NULL, 0);

          ok = PQresultStatus (res) == PGRES_COMMAND_OK;
          if (!ok)
            serah_server_set_error (conn, res,
                                    _("Cannot send the outreach records to the office server"),
                                    error);
          PQclear (res);
        }
    }
  ok = ok && serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      GPtrArray *rows = per_kind->pdata[i];

      if (rows->len > 0 &&
          !serah_store_outreach_sync_set_cursor (store, i,
                                                 ((SerahOutreachPushRow *) rows->pdata[rows->len - 1])->local_id,
                                                 error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
apply_rows (SerahStore *store, PGresult *res, gint64 *max_seq, gint64 counts[5], GError **error)
{
  gint64 first_pending = 0;

  for (int r = 0; r < PQntuples (res); r++)
    {
      SerahOutreachApply what = serah_store_outreach_sync_apply (store, PQgetvalue (res, r, 1),
                                                                 PQgetvalue (res, r, 2), error);

      if (what == SERAH_OUTREACH_APPLY_FAILED)
        return FALSE;
      counts[what]++;
      if (what == SERAH_OUTREACH_APPLY_PENDING && first_pending == 0)
        first_pending = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
    }
  /* Read from the first pending row again next time (rows are ordered by seq). */
  if (first_pending > 0)
    *max_seq = MIN (*max_seq, first_pending - 1);
  return TRUE;
}

static gboolean
pull_outreach (SerahStore *store, PGconn *conn, GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, "server.pull-outreach-seq");
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-outreach-xmin");
  g_autofree char *xmin = NULL;
  gint64 counts[5] = { 0 };
  gint64 max_seq = cursor;
  PGresult *res = NULL;
  gboolean ok;

  if (prev_xmin == NULL)
    prev_xmin = g_strdup ("0");
  if (!serah_server_begin_snapshot_max (conn, "serah.outreach_records", &xmin, &max_seq, error))
    return FALSE;
  max_seq = MAX (max_seq, cursor);
  {
    const char *params[] = { cursor_text, prev_xmin };

    res = PQexecParams (conn,
                        "SELECT seq, kind, body::text FROM serah.outreach_records"
                        " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                        2, NULL, params, NULL, NULL, 0);
  }
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    serah_server_set_error (conn, res,
                            _("Cannot read the outreach records from the office server"), error);

  if (ok && serah_store_begin (store, error))
    {
      ok = apply_rows (store, res, &max_seq, counts, error);
      if (ok && (counts[SERAH_OUTREACH_APPLY_ADDED] > 0 || counts[SERAH_OUTREACH_APPLY_PENDING] > 0 ||
                 counts[SERAH_OUTREACH_APPLY_REFUSED] > 0))
        {
          g_autofree char *added = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    counts[SERAH_OUTREACH_APPLY_ADDED]);
          g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      counts[SERAH_OUTREACH_APPLY_PENDING]);
          g_autofree char *refused = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      counts[SERAH_OUTREACH_APPLY_REFUSED]);
          g_autofree char *details = serah_audit_details ("added", added, "pending", pending,
                                                          "refused", refused, NULL);

          ok = serah_audit_record (store, NULL, "server.pull-outreach", "", details, error);
        }
      ok = ok &&
           serah_store_set_setting_int (store, "server.pull-outreach-seq", max_seq, error) &&
           serah_store_set_setting (store, "server.pull-outreach-xmin", xmin, error) &&
           serah_store_commit (store, error);
      if (!ok)
        serah_store_rollback (store);
    }
  else
    ok = FALSE;
  g_clear_pointer (&res, PQclear);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_server_exec (conn, "COMMIT", error);
}

gboolean
serah_server_sync_outreach (SerahStore *store, PGconn *conn, GError **error)
{
  return push_outreach (store, conn, error) && pull_outreach (store, conn, error);
}
