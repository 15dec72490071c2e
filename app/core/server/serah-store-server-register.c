/* serah-store-server-register.c: the desk's side, in SQLite, of syncing the register with the
 * office server (issue 16, "one register"): what to push (imports after a cursor and the
 * participants each wrote, ceremonies, invitations, closures) and writing pulled invitations
 * and closures.
 *
 * Why participants are pushed by import: a participant row says which import last wrote it
 * (participants.import_id), and imports are append-only, so "the imports after the push
 * cursor" is exactly what this desk changed in the register since the last push, without a
 * change log or a migration. Rows written by a pull keep import_id NULL (or the local import
 * that wrote them before), so they are never sent back.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "register/serah-store-participants-private.h"
#include "server/serah-store-server-register-private.h"
#include "store/serah-store-private.h"

void
serah_server_import_free (SerahServerImport *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self);
}

static gpointer
import_from_row (sqlite3_stmt *stmt)
{
  SerahServerImport *i = g_new0 (SerahServerImport, 1);

  i->id = sqlite3_column_int64 (stmt, 0);
  i->file_name = serah_store_column_dup (stmt, 1);
  i->sha256 = serah_store_column_dup (stmt, 2);
  i->started_at = sqlite3_column_int64 (stmt, 3);
  i->rows = sqlite3_column_int64 (stmt, 4);
  return i;
}

GPtrArray *
serah_store_list_imports_after (SerahStore *store, gint64 after_id, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT id, file_name, sha256, started_at, rows"
                                            " FROM imports WHERE id > ?1 ORDER BY id",
                                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  return serah_store_list_rows (store, stmt, import_from_row,
                                (GDestroyNotify) serah_server_import_free,
                                _("Cannot read the imports to send"), error);
}

gboolean
serah_store_foreach_participant_of_import (SerahStore *store, gint64 import_id,
                                           SerahServerParticipantFunc func, gpointer user_data,
                                           GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT id, nik, card_no, name, sex, birth_date,"
                                            " address, desa, kecamatan, faskes, care_class,"
                                            " import_id, updated_at FROM participants"
                                            " WHERE import_id = ?1 ORDER BY id",
                                            error);
  SerahParticipant p = { 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      serah_participant_from_row (&p, stmt);
      if (!func (&p, user_data, error))
        {
          serah_participant_clear (&p);
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  serah_participant_clear (&p);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (store, error, _("Cannot read the participants to send"));
  return TRUE;
}

gboolean
serah_store_foreach_edited_participant (SerahStore *store, gint64 after_audit_id, gint64 *up_to,
                                        SerahServerParticipantFunc func, gpointer user_data,
                                        GError **error)
{
  sqlite3_stmt *stmt;
  SerahParticipant p = { 0 };
  int rc;

  if (func == NULL)
    {
      stmt = serah_store_prepare (store,
                                  "SELECT coalesce (max (id), ?1) FROM audit_events"
                                  " WHERE id > ?1 AND action IN ("
                                  SERAH_SERVER_PARTICIPANT_EDITS ")",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, after_audit_id);
      rc = sqlite3_step (stmt);
      *up_to = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : after_audit_id;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return serah_store_set_error (store, error, _("Cannot read the participants to send"));
      return TRUE;
    }
  /* Audit subjects of participant edits are "participant:ID". */
  stmt = serah_store_prepare (store,
                              "SELECT " SERAH_PARTICIPANT_COLUMNS " FROM participants p"
                              " WHERE p.id IN (SELECT CAST (substr (subject, 13) AS INTEGER)"
                              "  FROM audit_events WHERE id > ?1 AND id <= ?2"
                              "  AND action IN (" SERAH_SERVER_PARTICIPANT_EDITS ")"
                              "  AND subject LIKE 'participant:%')"
                              " ORDER BY p.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_audit_id);
  sqlite3_bind_int64 (stmt, 2, *up_to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      serah_participant_from_row (&p, stmt);
      if (!func (&p, user_data, error))
        {
          serah_participant_clear (&p);
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  serah_participant_clear (&p);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (store, error, _("Cannot read the participants to send"));
  return TRUE;
}

gboolean
serah_store_insert_pulled_invitation (SerahStore *store, const SerahServerInvitation *i,
                                      gboolean *added, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "INSERT INTO ceremony_invitations (ceremony_id,"
                                            " participant_id, kecamatan, desa, invited_at,"
                                            " invited_by, source)"
                                            " SELECT c.id, p.id, ?3, ?4, ?5, ?6, ?7"
                                            " FROM ceremonies c, participants p"
                                            " WHERE c.uuid = ?1 AND p.nik = ?2"
                                            " ON CONFLICT DO NOTHING",
                                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, i->ceremony_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, i->nik, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, i->kecamatan ? i->kecamatan : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, i->desa ? i->desa : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, i->invited_at);
  serah_store_bind_text_or_null (stmt, 6, i->invited_by);
  serah_store_bind_text_or_null (stmt, 7, i->source);
  if (!serah_store_step_done (store, stmt, _("Cannot save an invitation"), error))
    return FALSE;
  *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  return TRUE;
}

gboolean
serah_store_insert_pulled_closure (SerahStore *store, const SerahServerClosure *closure,
                                   gboolean *added, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "INSERT INTO ceremony_closures (ceremony_id,"
                                            " closed_at, closed_by)"
                                            " SELECT id, ?2, ?3 FROM ceremonies WHERE uuid = ?1"
                                            " ON CONFLICT DO NOTHING",
                                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, closure->ceremony_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, closure->closed_at);
  serah_store_bind_text_or_null (stmt, 3, closure->closed_by);
  if (!serah_store_step_done (store, stmt, _("Cannot close a ceremony"), error))
    return FALSE;
  *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  return TRUE;
}
