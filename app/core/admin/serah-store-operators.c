/* serah-store-operators.c: schema v5 (operators, audit_events) and their row-level queries.
 *
 * Operators are current-state rows (PIN hash, failure counter, disabled flag) updated in
 * place; every change to them is also appended to audit_events by serah-operators.c in the
 * same transaction. Triggers make the rules hold for any writer, not only this code: an
 * operator is never deleted nor renamed (the name is what the history refers to), and an
 * audit event is never changed nor deleted.
 *
 * Every statement of the step is IF NOT EXISTS, so running it over a database that has the
 * tables already (a user_version set back by hand, a half-restored copy) is harmless.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/serah-store-operators-private.h"

const char serah_store_schema_operators[] =
  "CREATE TABLE IF NOT EXISTS operators ("
  "  id              INTEGER PRIMARY KEY,"
  "  name            TEXT NOT NULL UNIQUE"
  "                  CHECK (length (name) BETWEEN 1 AND 32 AND name = lower (name)),"
  "  full_name       TEXT,"
  "  role            TEXT NOT NULL CHECK (role IN ('admin', 'officer')),"
  "  pin_hash        TEXT NOT NULL CHECK (pin_hash LIKE '$argon2%'),"
  "  disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  failed_attempts INTEGER NOT NULL DEFAULT 0,"
  "  locked_until    INTEGER NOT NULL DEFAULT 0,"
  "  created_at      INTEGER NOT NULL,"
  "  created_by      TEXT NOT NULL,"
  "  updated_at      INTEGER NOT NULL"
  ");"
  "CREATE TRIGGER IF NOT EXISTS operators_never_deleted BEFORE DELETE ON operators BEGIN"
  "  SELECT RAISE (ABORT, 'operators are disabled, never deleted');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS operators_name_fixed BEFORE UPDATE OF name ON operators"
  "  WHEN new.name IS NOT old.name BEGIN"
  "  SELECT RAISE (ABORT, 'an operator name never changes');"
  "END;"
  "CREATE TABLE IF NOT EXISTS audit_events ("
  "  id       INTEGER PRIMARY KEY,"
  "  at       INTEGER NOT NULL,"
  "  operator TEXT NOT NULL,"
  "  action   TEXT NOT NULL,"
  "  subject  TEXT,"
  "  details  TEXT CHECK (details IS NULL OR"
  "                       (json_valid (details) AND json_type (details) = 'object'))"
  ");"
  "CREATE INDEX IF NOT EXISTS audit_events_by_at ON audit_events (at);"
  "CREATE INDEX IF NOT EXISTS audit_events_by_action ON audit_events (action, at);"
  "CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;"
  "CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log is append-only');"
  "END;";

#define OPERATOR_COLUMNS \
  "id, name, full_name, role, disabled, failed_attempts, locked_until, created_at, created_by"

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gpointer
operator_from_row (sqlite3_stmt *stmt)
{
  SerahOperator *op = g_new0 (SerahOperator, 1);
  const char *role = (const char *) sqlite3_column_text (stmt, 3);

  op->id = sqlite3_column_int64 (stmt, 0);
  op->name = serah_store_column_dup (stmt, 1);
  op->full_name = serah_store_column_dup (stmt, 2);
  op->role = g_strcmp0 (role, "admin") == 0 ? SERAH_ROLE_ADMIN : SERAH_ROLE_OFFICER;
  op->disabled = sqlite3_column_int (stmt, 4) != 0;
  op->failed_attempts = sqlite3_column_int64 (stmt, 5);
  op->locked_until = sqlite3_column_int64 (stmt, 6);
  op->created_at = sqlite3_column_int64 (stmt, 7);
  op->created_by = serah_store_column_dup (stmt, 8);
  return op;
}

gint64
serah_store_count_operators (SerahStore *self, gboolean enabled_admins_only, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  if (enabled_admins_only)
    stmt = serah_store_prepare (self,
                                "SELECT count(*) FROM operators"
                                " WHERE role = 'admin' AND disabled = 0",
                                error);
  else
    stmt = serah_store_prepare (self, "SELECT count(*) FROM operators", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    serah_store_set_error (self, error, _("Cannot count the operators"));
  sqlite3_reset (stmt);
  return count;
}

gboolean
serah_store_insert_operator (SerahStore *self, const char *name, const char *full_name,
                             SerahRole role, const char *pin_hash, const char *created_by,
                             GError **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();

  stmt = serah_store_prepare (self,
                              "INSERT INTO operators (name, full_name, role, pin_hash,"
                              " created_at, created_by, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 2, full_name);
  sqlite3_bind_text (stmt, 3, serah_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, pin_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, created_by, -1, SQLITE_STATIC);
  return serah_store_step_done (self, stmt, _("Cannot save the operator"), error);
}

SerahOperator *
serah_store_get_operator (SerahStore *self, const char *name, char **pin_hash_out,
                          GError **error)
{
  sqlite3_stmt *stmt;
  SerahOperator *op = NULL;
  int rc;

  stmt = serah_store_prepare (self,
                              "SELECT " OPERATOR_COLUMNS ", pin_hash FROM operators"
                              " WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      op = operator_from_row (stmt);
      if (pin_hash_out != NULL)
        *pin_hash_out = serah_store_column_dup (stmt, 9);
    }
  else if (rc != SQLITE_DONE)
    serah_store_set_error (self, error, _("Cannot read the operator"));
  sqlite3_reset (stmt);
  return op;
}

GPtrArray *
serah_store_list_operators (SerahStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = serah_store_prepare (self,
                              "SELECT " OPERATOR_COLUMNS " FROM operators ORDER BY name",
                              error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (self, stmt, operator_from_row, (GDestroyNotify) serah_operator_free,
                                _("Cannot list the operators"), error);
}

gboolean
serah_store_set_operator_disabled (SerahStore *self, const char *name, gboolean disabled,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  stmt = serah_store_prepare (self,
                              "UPDATE operators SET disabled = ?2, updated_at = ?3"
                              " WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, disabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  return serah_store_step_done (self, stmt, _("Cannot change the operator"), error);
}

gboolean
serah_store_set_operator_pin_hash (SerahStore *self, const char *name, const char *pin_hash,
                                   GError **error)
{
  sqlite3_stmt *stmt;

  stmt = serah_store_prepare (self,
                              "UPDATE operators SET pin_hash = ?2, failed_attempts = 0,"
                              " locked_until = 0, updated_at = ?3 WHERE name = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pin_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  return serah_store_step_done (self, stmt, _("Cannot save the PIN"), error);
}

gboolean
serah_store_note_failed_pin (SerahStore *self, const char *name, gint64 max_attempts,
                             gint64 lock_until, gint64 *failed_attempts, gint64 *locked_until,
                             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* One statement, so two stations guessing at once both get counted. */
  stmt = serah_store_prepare (self,
                              "UPDATE operators SET failed_attempts = failed_attempts + 1,"
                              " locked_until = CASE WHEN failed_attempts + 1 >= ?2 THEN ?3"
                              "                ELSE locked_until END,"
                              " updated_at = ?4"
                              " WHERE name = ?1 RETURNING failed_attempts, locked_until",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, max_attempts);
  sqlite3_bind_int64 (stmt, 3, lock_until);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *failed_attempts = sqlite3_column_int64 (stmt, 0);
      *locked_until = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (self, error, _("Cannot count the wrong PIN"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
serah_store_clear_failed_pins (SerahStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = serah_store_prepare (self,
                              "UPDATE operators SET failed_attempts = 0, locked_until = 0"
                              " WHERE name = ?1 AND (failed_attempts <> 0 OR locked_until <> 0)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return serah_store_step_done (self, stmt, _("Cannot change the operator"), error);
}

