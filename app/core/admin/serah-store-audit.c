/* serah-store-audit.c: the row-level queries of the audit log (audit_events, created by the
 * schema step v5 in serah-store-operators.c together with the operators it records).
 *
 * The log is append-only: triggers refuse any UPDATE or DELETE, whoever the writer is. The
 * rules for what is recorded (action names, JSON details) live in serah-audit.c.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "admin/serah-store-audit-private.h"

gboolean
serah_store_insert_audit_event (SerahStore *self, gint64 at, const char *operator_name,
                                const char *action, const char *subject, const char *details,
                                GError **error)
{
  sqlite3_stmt *stmt;

  stmt = serah_store_prepare (self,
                              "INSERT INTO audit_events (at, operator, action, subject, details)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_text (stmt, 2, operator_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 4, subject);
  serah_store_bind_text_or_null (stmt, 5, details);
  return serah_store_step_done (self, stmt, _("Cannot write to the audit log"), error);
}

static gpointer
audit_event_from_row (sqlite3_stmt *stmt)
{
  SerahAuditEvent *event = g_new0 (SerahAuditEvent, 1);

  event->id = sqlite3_column_int64 (stmt, 0);
  event->at = sqlite3_column_int64 (stmt, 1);
  event->operator_name = serah_store_column_dup (stmt, 2);
  event->action = serah_store_column_dup (stmt, 3);
  event->subject = serah_store_column_dup (stmt, 4);
  event->details = serah_store_column_dup (stmt, 5);
  return event;
}

GPtrArray *
serah_store_list_audit_events (SerahStore *self, const SerahAuditFilter *filter, GError **error)
{
  const char *action = filter ? filter->action : NULL;
  sqlite3_stmt *stmt;

  /* Newest first by id: ids follow the order of commits even if the clock was moved. */
  stmt = serah_store_prepare (self,
                              "SELECT id, at, operator, action, subject, details"
                              " FROM audit_events"
                              " WHERE at >= ?1"
                              "   AND (?2 IS NULL OR action = ?2"
                              "        OR (?3 AND substr (action, 1, length (?2)) = ?2))"
                              " ORDER BY id DESC LIMIT ?4",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter ? filter->since : 0);
  serah_store_bind_text_or_null (stmt, 2, action);
  sqlite3_bind_int (stmt, 3, action != NULL && g_str_has_suffix (action, "."));
  sqlite3_bind_int64 (stmt, 4, filter && filter->limit > 0 ? (gint64) filter->limit : -1);
  return serah_store_list_rows (self, stmt, audit_event_from_row,
                                (GDestroyNotify) serah_audit_event_free,
                                _("Cannot read the audit log"), error);
}
