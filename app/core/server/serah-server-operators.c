/* serah-server-operators.c: operators through the office server (issue 16; design in
 * docs/server.md, "Operators: do PIN hashes travel?"), so that a desk set up that morning can
 * sign in the office's operators, offline too.
 *
 * Why events and not rows: the local operators table is current state updated in place (its
 * updated_at also moves on every wrong PIN), so sending rows would let a desk that disabled
 * an operator while apart send back the old hash with it and undo a PIN change made at another
 * desk. Instead every change the local rules already audit (operator.add, .pin, .disable,
 * .enable) becomes one row of serah.operator_events, read from the local audit log after a
 * cursor (no local migration), carrying the Argon2id hash for add and pin (never the PIN), and
 * every desk applies the events field by field in the server's order. Failure counters and
 * lockouts stay local: a PIN set elsewhere clears them here, as a PIN set here does, and
 * nothing else touches them. A pulled change writes no operator.* audit entry (that would be
 * sent back as a new event), only one server.pull-operators entry with the count.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-server-step-private.h"
#include "store/serah-store-private.h"

static gboolean
apply_operator_event (SerahStore *store, PGresult *res, int r, gpointer user_data,
                      gboolean *added, GError **error)
{
  const char *kind = PQgetvalue (res, r, 1);
  const char *name = PQgetvalue (res, r, 2);
  gint64 at = g_ascii_strtoll (PQgetvalue (res, r, 7), NULL, 10);
  sqlite3_stmt *stmt;

  if (g_str_equal (kind, "add"))
    {
      stmt = serah_store_prepare (store,
                                  "INSERT INTO operators (name, full_name, role, pin_hash,"
                                  " created_at, created_by, updated_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)"
                                  " ON CONFLICT (name) DO UPDATE SET full_name = excluded.full_name,"
                                  " role = excluded.role, pin_hash = excluded.pin_hash,"
                                  " updated_at = excluded.updated_at"
                                  " WHERE operators.full_name IS NOT excluded.full_name"
                                  " OR operators.role IS NOT excluded.role"
                                  " OR operators.pin_hash IS NOT excluded.pin_hash",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      serah_store_bind_text_or_null (stmt, 2, PQgetisnull (res, r, 3) ? NULL
                                                                       : PQgetvalue (res, r, 3));
      sqlite3_bind_text (stmt, 3, PQgetvalue (res, r, 4), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, PQgetvalue (res, r, 5), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, at);
      sqlite3_bind_text (stmt, 6, PQgetisnull (res, r, 6) ? "" : PQgetvalue (res, r, 6), -1,
                         SQLITE_TRANSIENT);
    }
  else if (g_str_equal (kind, "pin"))
    {
      /* A new PIN clears this desk's failure counter and lockout, as a PIN set here does. */
      stmt = serah_store_prepare (store,
                                  "UPDATE operators SET pin_hash = ?2, failed_attempts = 0,"
                                  " locked_until = 0, updated_at = ?3"
                                  " WHERE name = ?1 AND pin_hash IS NOT ?2",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, PQgetvalue (res, r, 5), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, at);
    }
  else
    {
      stmt = serah_store_prepare (store,
                                  "UPDATE operators SET disabled = ?2, updated_at = ?3"
                                  " WHERE name = ?1 AND disabled <> ?2",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, g_str_equal (kind, "disable"));
      sqlite3_bind_int64 (stmt, 3, at);
    }
  if (!serah_store_step_done (store, stmt, _("Cannot save an operator"), error))
    return FALSE;
  *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  if (*added)
    *(gint64 *) user_data += 1;
  return TRUE;
}

static gboolean
audit_pulled (SerahStore *store, gpointer user_data, GError **error)
{
  gint64 changed = *(gint64 *) user_data;
  g_autofree char *count = NULL;
  g_autofree char *details = NULL;

  if (changed == 0)
    return TRUE;
  count = g_strdup_printf ("%" G_GINT64_FORMAT, changed);
  details = serah_audit_details ("changes", count, NULL);
  return serah_audit_record (store, NULL, "server.pull-operators", "", details, error);
}

static const SerahServerTable operators_table = {
  .name = "operator events",
  .push_error = N_("Cannot send the operators to the office server"),
  .pull_error = N_("Cannot read the operators from the office server"),
  /* The hash as it is now: when one desk changed a PIN twice before a sync, both events
   * carry the newer hash, which is the one that must win anyway. */
  .push_query = "SELECT a.id, a.id, substr (a.action, 10), a.subject,"
                " CASE a.action WHEN 'operator.add' THEN o.full_name END,"
                " CASE a.action WHEN 'operator.add' THEN o.role END,"
                " CASE WHEN a.action IN ('operator.add', 'operator.pin') THEN o.pin_hash END,"
                " a.operator, a.at"
                " FROM audit_events a JOIN operators o ON o.name = a.subject"
                " WHERE a.id > ?1 AND a.action IN ('operator.add', 'operator.pin',"
                " 'operator.disable', 'operator.enable') ORDER BY a.id",
  .push_cursor = "server.push-operator-audit-id",
  .server_insert = "INSERT INTO serah.operator_events (local_id, kind, name, full_name, role,"
                   " pin_hash, actor, at)",
  .server_values = "($, $, $, $, $, $, $, $::bigint)",
  .server_conflict = " ON CONFLICT (desk, local_id) DO NOTHING",
  .n_cols = 8,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, kind, name, full_name, role, pin_hash, actor, at"
                 " FROM serah.operator_events",
  .pull_cursor = "server.pull-operator-seq",
  .apply = apply_operator_event,
  .finish = audit_pulled,
  .pulled_offset = -1,
};

gboolean
serah_server_sync_operators (SerahStore *store, PGconn *conn, GError **error)
{
  static const SerahServerTable *const tables[] = { &operators_table };
  gint64 changed = 0;

  /* Push first: a desk's own events come back in the pull and are applied in server order
   * with everyone else's. */
  return serah_server_push_table (store, conn, &operators_table, NULL, error) &&
         serah_server_pull_tables (store, conn, tables, 1, "server.pull-operator-xmin", &changed,
                                   NULL, error);
}
