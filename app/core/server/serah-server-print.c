/* serah-server-print.c: print runs, printed cards and voids through the office server
 * (issue 16, "one register"), so that any desk can print, check a card off by its QR and
 * refuse a voided one, whichever desk printed or voided it.
 *
 * One serial space first. A card's serial is in its QR code and handovers name it, so two
 * desks must never print the same one: a linked desk prints only serials from blocks the
 * server handed it (serah.allocate_serial_block: locked, above every block and every serial any
 * desk reported or pushed; the desk reports the highest serial it used before, so a desk that
 * printed before it linked gets blocks above its own cards). A block is fetched in every sync
 * when fewer than SERIALS_LOW are left, and before a print run that needs more than the
 * blocks hold (serah_server_prepare_serials); with neither a serial nor the server, the run is
 * refused by serah_store_reserve_card_serials, having recorded nothing.
 *
 * The office's QR secret (the HMAC key of every card's payload) is exchanged in the same step:
 * the first desk to sync gives the server its own, a desk without one takes the server's. The
 * desks of an office are copies of one database, so they usually have the same already.
 *
 * Push, after two cursors: print runs after a local id (with all their cards, which a run
 * records in the one transaction that records the run), then voids after a rowid, in one
 * server transaction, ON CONFLICT DO NOTHING (a resend is a no-op). Pull: in the register's
 * REPEATABLE READ snapshot and SQLite transaction (serah_server_pull_register calls
 * serah_server_pull_print), so a pulled card's participant is there, runs, then cards, then
 * voids after the server's sequence plus the txid window, as every other pull.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>

#include "cards/serah-payload-private.h"
#include "cards/serah-store-print-private.h"
#include "server/serah-server-conn-private.h"
#include "server/serah-server-print-private.h"
#include "server/serah-store-server-print-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

/* The size of a block, and when the sync asks for the next one. */
#define SERIALS_BLOCK 10000
#define SERIALS_LOW   5000

/* The setting serah-payload.c keeps the office's QR secret in. */
#define QR_SECRET_SETTING "qr-secret"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- the office's QR secret ---- */

static gboolean
exchange_qr_secret (SerahStore *store, PGconn *conn, GError **error)
{
  g_autofree char *local = serah_store_get_setting (store, QR_SECRET_SETTING);
  g_autofree char *server = NULL;
  PGresult *res;

  res = PQexec (conn, "SELECT value FROM serah.office_keys WHERE name = 'qr-secret'");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      serah_server_set_error (conn, res, _("Cannot read the office's card key"), error);
      PQclear (res);
      return FALSE;
    }
  if (PQntuples (res) == 1)
    server = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);

  if (server != NULL)
    {
      if (local == NULL)
        return serah_store_set_setting (store, QR_SECRET_SETTING, server, error);
      if (g_strcmp0 (local, server) != 0)
        g_message ("this desk's QR secret is not the office's: the cards it printed verify only "
                   "here (docs/server.md, \"Print runs and serials\")");
      return TRUE;
    }

  /* The first desk to sync gives the office its secret, made now if it has none. */
  if (local == NULL)
    {
      g_autofree char *unused = NULL;

      if (!serah_payload_office_mac (store, TRUE, "server-key", "", 0, &unused, error))
        return FALSE;
      local = serah_store_get_setting (store, QR_SECRET_SETTING);
    }
  {
    const char *params[] = { local };
    res = PQexecParams (conn,
                        "INSERT INTO serah.office_keys (name, value) VALUES ('qr-secret', $1)"
                        " ON CONFLICT DO NOTHING",
                        1, NULL, params, NULL, NULL, 0);
    if (PQresultStatus (res) != PGRES_COMMAND_OK)
      {
        serah_server_set_error (conn, res, _("Cannot send the office's card key"), error);
        PQclear (res);
        return FALSE;
      }
    PQclear (res);
  }
  /* Another desk may have been first meanwhile: take whatever the server kept. */
  return exchange_qr_secret (store, conn, error);
}

/* ---- serial blocks ---- */

static gboolean
fetch_block (SerahStore *store, PGconn *conn, gint64 count, GError **error)
{
  gint64 used = serah_store_max_card_serial (store, error);
  g_autofree char *count_text = int_text (count);
  g_autofree char *used_text = NULL;
  const char *params[2];
  PGresult *res;
  gint64 start;

  if (used < 0)
    return FALSE;
  used_text = int_text (MAX (used, serah_store_serials_next (store) - 1));
  params[0] = count_text;
  params[1] = used_text;
  res = PQexecParams (conn, "SELECT serah.allocate_serial_block ($1::integer, $2::bigint)",
                      2, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      serah_server_set_error (conn, res, _("Cannot get card serials from the office server"),
                              error);
      PQclear (res);
      return FALSE;
    }
  start = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  /* The server committed the block; should this write fail, the block is only never used. */
  g_info ("serial block %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT " for this desk", start,
          start + count - 1);
  return serah_store_add_serial_block (store, start, count, error);
}

/* Fetches a block when fewer than SERIALS_LOW are left or no block has `needed` left. */
static gboolean
top_up (SerahStore *store, PGconn *conn, guint needed, GError **error)
{
  gint64 contiguous = 0;
  gint64 left = serah_store_serials_available (store, &contiguous, error);

  if (left < 0)
    return FALSE;
  if (left >= SERIALS_LOW && contiguous >= needed)
    return TRUE;
  return fetch_block (store, conn, MAX ((gint64) SERIALS_BLOCK, (gint64) needed), error);
}

void
serah_server_prepare_serials (SerahStore *store, guint needed)
{
  g_autoptr(GError) error = NULL;
  gint64 contiguous = 0, left;
  PGconn *conn;

  g_return_if_fail (SERAH_IS_STORE (store));

  if (!serah_store_serials_from_blocks (store))
    return;
  left = serah_store_serials_available (store, &contiguous, NULL);
  if (left >= SERIALS_LOW && contiguous >= needed)
    return;
  conn = serah_server_ensure (store, FALSE, &error);
  if (conn == NULL)
    {
      g_info ("no serial block fetched: %s", error->message);
      return;
    }
  if (!exchange_qr_secret (store, conn, &error) || !top_up (store, conn, needed, &error))
    {
      g_info ("no serial block fetched: %s", error->message);
      if (error->domain == SERAH_SERVER_ERROR)
        serah_server_mark_failed (store, error);
    }
}

/* ---- push ---- */

/* Rows per multi-row INSERT: 500 rows of 10 columns stay far below libpq's 65 535 parameters,
 * and one statement per row made a 10 000-card run take seconds to send. */
#define PUSH_BATCH 500

/* INSERT head VALUES (…), (…) tail, one $n per column with its cast (types[c], "" for text);
 * the first `skip` columns of each row (local ids) are not sent. */
static gboolean
push_rows (PGconn *conn, const char *head, const char *const *types, const char *tail,
           GPtrArray *rows, int n_cols, int skip, GError **error)
{
  guint n_rows = rows->len / n_cols;
  int sent = n_cols - skip;

  for (guint first = 0; first < n_rows; first += PUSH_BATCH)
    {
      guint count = MIN (PUSH_BATCH, n_rows - first);
      g_autoptr(GString) sql = g_string_new (head);
      g_autoptr(GPtrArray) params = g_ptr_array_sized_new (count * sent);
      PGresult *res;
      gboolean ok;

      for (guint r = 0; r < count; r++)
        {
          g_string_append (sql, r ? ",(" : " VALUES (");
          for (int c = 0; c < sent; c++)
            {
              g_string_append_printf (sql, "%s$%u%s", c ? "," : "", r * sent + c + 1, types[c]);
              g_ptr_array_add (params, rows->pdata[(first + r) * n_cols + skip + c]);
            }
          g_string_append_c (sql, ')');
        }
      g_string_append (sql, tail);
      res = PQexecParams (conn, sql->str, (int) params->len, NULL,
                          (const char *const *) params->pdata, NULL, NULL, 0);
      ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      if (!ok)
        serah_server_set_error (conn, res,
                                _("Cannot send the print runs to the office server"), error);
      PQclear (res);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gint64
last_id (GPtrArray *rows, int n_cols, gint64 cursor)
{
  if (rows->len == 0)
    return cursor;
  return g_ascii_strtoll (rows->pdata[rows->len - n_cols], NULL, 10);
}

static gboolean
push_print (SerahStore *store, PGconn *conn, GError **error)
{
  static const char *const run_types[] = { "", "::bigint", "", "", "", "", "" };
  static const char *const card_types[] = { "::bigint", "", "", "", "::integer", "::integer", "",
                                            "::integer", "::bigint", "::bigint" };
  static const char *const void_types[] = { "::bigint", "::bigint", "", "", "::bigint" };
  gint64 r_cursor = serah_store_get_setting_int (store, "server.push-print-run-id");
  gint64 v_cursor = serah_store_get_setting_int (store, "server.push-void-id");
  g_autoptr(GPtrArray) runs = serah_store_print_runs_after (store, r_cursor, error);
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) voids = NULL;
  gboolean ok;

  if (runs == NULL)
    return FALSE;
  cards = serah_store_printed_cards_after (store, r_cursor, error);
  if (cards == NULL)
    return FALSE;
  voids = serah_store_card_voids_after (store, v_cursor, error);
  if (voids == NULL)
    return FALSE;
  if (runs->len == 0 && voids->len == 0)
    return TRUE;

  ok = serah_server_exec (conn, "BEGIN", error) &&
       push_rows (conn,
                  "INSERT INTO serah.print_runs (uuid, created_at, kind, operator, template,"
                  " sheet, selection)",
                  run_types, " ON CONFLICT DO NOTHING", runs, SERAH_STORE_RUN_COLS, 1, error) &&
       push_rows (conn,
                  "INSERT INTO serah.printed_cards (serial, run_uuid, nik, card_no, sheet_no,"
                  " position, stack_group, stack_index, replaces_serial, printed_at)",
                  card_types, " ON CONFLICT DO NOTHING", cards, SERAH_STORE_CARD_COLS, 0, error) &&
       push_rows (conn,
                  "INSERT INTO serah.card_voids (serial, voided_at, operator, reason,"
                  " replaced_by)",
                  void_types, " ON CONFLICT DO NOTHING", voids, SERAH_STORE_VOID_COLS, 1, error) &&
       serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  /* The server committed: a failure from here resends, and the server keeps one row each. */
  return serah_store_set_setting_int (store, "server.push-print-run-id",
                                      last_id (runs, SERAH_STORE_RUN_COLS, r_cursor), error) &&
         serah_store_set_setting_int (store, "server.push-void-id",
                                      last_id (voids, SERAH_STORE_VOID_COLS, v_cursor), error);
}

gboolean
serah_server_sync_print (SerahStore *store, PGconn *conn, GError **error)
{
  return exchange_qr_secret (store, conn, error) && top_up (store, conn, 1, error) &&
         push_print (store, conn, error);
}

/* ---- pull ---- */

static gboolean
query_ok (PGconn *conn, PGresult *res, GError **error)
{
  ExecStatusType status = PQresultStatus (res);

  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
    return TRUE;
  return serah_server_set_error (conn, res, _("Cannot read the print runs from the office server"),
                                 error);
}

/* Row r of res as an array of strings, NULL for SQL NULL (valid while res lives). */
static void
row_values (PGresult *res, int r, const char **out)
{
  for (int c = 0; c < PQnfields (res); c++)
    out[c] = PQgetisnull (res, r, c) ? NULL : PQgetvalue (res, r, c);
}

gboolean
serah_server_pull_print (SerahStore *store, PGconn *conn, const char *prev_xmin,
                         SerahServerPrintPull *counts, GError **error)
{
  g_autofree char *r_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-print-run-seq"));
  g_autofree char *c_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-card-seq"));
  g_autofree char *v_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-void-seq"));
  const char *r_params[] = { r_cursor, prev_xmin };
  const char *c_params[] = { c_cursor, prev_xmin };
  const char *v_params[] = { v_cursor, prev_xmin };
  gint64 runs_before = 0, voids_before = 0, runs_after = 0, voids_after = 0;
  gint64 max_r, max_c, max_v;
  PGresult *res;
  gboolean ok;

  memset (counts, 0, sizeof *counts);
  if (!serah_store_max_print_ids (store, &runs_before, &voids_before, error))
    return FALSE;

  res = PQexec (conn, "SELECT (SELECT coalesce (max (seq), 0) FROM serah.print_runs),"
                      " (SELECT coalesce (max (seq), 0) FROM serah.printed_cards),"
                      " (SELECT coalesce (max (seq), 0) FROM serah.card_voids)");
  ok = query_ok (conn, res, error) && PQntuples (res) == 1;
  if (!ok)
    {
      PQclear (res);
      return FALSE;
    }
  max_r = MAX (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10),
               g_ascii_strtoll (r_cursor, NULL, 10));
  max_c = MAX (g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10),
               g_ascii_strtoll (c_cursor, NULL, 10));
  max_v = MAX (g_ascii_strtoll (PQgetvalue (res, 0, 2), NULL, 10),
               g_ascii_strtoll (v_cursor, NULL, 10));
  PQclear (res);

  res = PQexecParams (conn,
                      "SELECT uuid, created_at, kind, operator, template, sheet, selection"
                      " FROM serah.print_runs WHERE seq > $1::bigint OR txid >= $2::xid8"
                      " ORDER BY seq",
                      2, NULL, r_params, NULL, NULL, 0);
  ok = query_ok (conn, res, error);
  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      const char *cols[7];
      gboolean added = FALSE;

      row_values (res, r, cols);
      ok = serah_store_insert_pulled_run (store, cols, &added, error);
      counts->runs += added;
    }
  PQclear (res);
  if (!ok)
    return FALSE;

  /* Cards can be many (a run of 20 000): read through a server-side cursor. */
  res = PQexecParams (conn,
                      "DECLARE serah_printed_cards NO SCROLL CURSOR FOR"
                      " SELECT serial, run_uuid, nik, card_no, sheet_no, position, stack_group,"
                      " stack_index, replaces_serial, printed_at FROM serah.printed_cards"
                      " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                      2, NULL, c_params, NULL, NULL, 0);
  ok = query_ok (conn, res, error);
  PQclear (res);
  while (ok)
    {
      int n;

      res = PQexec (conn, "FETCH 5000 FROM serah_printed_cards");
      ok = query_ok (conn, res, error);
      n = ok ? PQntuples (res) : 0;
      for (int r = 0; ok && r < n; r++)
        {
          const char *cols[SERAH_STORE_CARD_COLS];
          gboolean added = FALSE, conflict = FALSE;

          row_values (res, r, cols);
          ok = serah_store_insert_pulled_card (store, cols, &added, &conflict, error);
          counts->cards += added;
          counts->card_conflicts += conflict;
          if (conflict)
            g_message ("pulled card serial %s (%s) not taken: this desk has another card with "
                       "that serial, or does not know its participant or run",
                       cols[0], cols[3]);
        }
      PQclear (res);
      if (n == 0)
        break;
    }
  ok = ok && serah_server_exec (conn, "CLOSE serah_printed_cards", error);
  if (!ok)
    return FALSE;

  res = PQexecParams (conn,
                      "SELECT serial, voided_at, operator, reason, replaced_by"
                      " FROM serah.card_voids WHERE seq > $1::bigint OR txid >= $2::xid8"
                      " ORDER BY seq",
                      2, NULL, v_params, NULL, NULL, 0);
  ok = query_ok (conn, res, error);
  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      const char *cols[5];
      gboolean added = FALSE;

      row_values (res, r, cols);
      ok = serah_store_insert_pulled_void (store, cols, &added, error);
      counts->voids += added;
    }
  PQclear (res);
  if (!ok)
    return FALSE;

  /* What was just pulled is on the server already: when nothing of this desk was waiting,
   * the push cursors move past it (else every pulled run would be sent back once). */
  if (!serah_store_max_print_ids (store, &runs_after, &voids_after, error))
    return FALSE;
  if (serah_store_get_setting_int (store, "server.push-print-run-id") == runs_before &&
      !serah_store_set_setting_int (store, "server.push-print-run-id", runs_after, error))
    return FALSE;
  if (serah_store_get_setting_int (store, "server.push-void-id") == voids_before &&
      !serah_store_set_setting_int (store, "server.push-void-id", voids_after, error))
    return FALSE;
  if (counts->runs + counts->cards + counts->voids + counts->card_conflicts > 0)
    {
      g_autofree char *runs = int_text (counts->runs);
      g_autofree char *cards = int_text (counts->cards);
      g_autofree char *voids = int_text (counts->voids);
      g_autofree char *conflicts = int_text (counts->card_conflicts);
      g_autofree char *details = serah_audit_details ("print_runs", runs, "cards", cards,
                                                      "voids", voids, "card_conflicts",
                                                      conflicts, NULL);

      if (!serah_audit_record (store, NULL, "server.pull-print", "", details, error))
        return FALSE;
    }
  return serah_store_set_setting_int (store, "server.pull-print-run-seq", max_r, error) &&
         serah_store_set_setting_int (store, "server.pull-card-seq", max_c, error) &&
         serah_store_set_setting_int (store, "server.pull-void-seq", max_v, error);
}
