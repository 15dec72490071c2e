/* serah-server-register.c: syncing the register itself with the office server (issue 16,
 * "one register"): participants by import, ceremonies and invitations, so that a desk that
 * never imported can check off and print.
 *
 * Push: each local import after the push cursor becomes one row of serah.imports (its seq is
 * the office's import sequence) and one serah.participant_versions row per participant it
 * last wrote, streamed by COPY in the same server transaction; a retry is a no-op by (desk,
 * local import id). Ceremonies and invitations are a set union by UUID (and
 * NIK), closures by ceremony UUID: INSERT … ON CONFLICT DO NOTHING, through the table-driven
 * step (serah-server-step.c).
 *
 * Pull: in one REPEATABLE READ snapshot, the current version of every NIK touched since the
 * cursor (the one of the highest import sequence: a later import wins, never a wall clock),
 * read through a server-side cursor FETCH by FETCH so that a million participants never sit
 * in memory, and written in one local transaction with the import's bulk path. As for
 * handovers (serah-server-sync.c), rows of transactions still running at the previous pull
 * are read again. Before the first pull into a database, an automatic backup.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>
#include <serah/store/serah-backup.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "register/serah-store-participants-private.h"
#include "server/serah-server-conn-private.h"
#include "server/serah-server-print-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-store-server-private.h"
#include "server/serah-store-server-register-private.h"
#include "store/serah-store-private.h"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- push ---- */

/* The participant versions of one import go by COPY (text format): one stream instead of
 * a thousand multi-row INSERTs of 11 000 parameters each, parsed and planned one by one. The
 * server's larger cost was the per-row foreign-key check on import_seq, which went with schema
 * step schema_register_copy (the column now defaults to this session's import). Idempotency needs nothing more than before: the COPY runs in the same server
 * transaction as the serah.imports row keyed by (desk, local id), so a cut mid-COPY rolls
 * back both and the resend starts over, and a resend after the commit finds the import and
 * sends nothing (tests/server: /serah/server/register-copy-cut). */
#define COPY_CHUNK (256 * 1024)

typedef struct {
  PGconn     *conn;
  SerahStore *store;
  GString    *buffer;
  gint64      rows;
} PushImport;

/* COPY's text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
static void
copy_field (GString *out, const char *text, gboolean last)
{
  if (text == NULL)
    g_string_append (out, "\\N");
  else
    for (const char *c = text; *c != '\0'; c++)
      switch (*c)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default: g_string_append_c (out, *c);
        }
  g_string_append_c (out, last ? '\n' : '\t');
}

static gboolean
copy_send (PushImport *push, GError **error)
{
  gint64 cut_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (push->store),
                                                         "serah-test-cut-copy-after"));

  if (push->buffer->len == 0)
    return TRUE;
  if (PQputCopyData (push->conn, push->buffer->str, (int) push->buffer->len) != 1)
    return serah_server_set_error (push->conn, NULL,
                                   _("Cannot send the register to the office server"), error);
  g_string_truncate (push->buffer, 0);
  /* tests/server: a network cut in the middle of the COPY (the socket shut down under libpq). */
  if (cut_after > 0 && push->rows >= cut_after)
    shutdown (PQsocket (push->conn), SHUT_RDWR);
  return TRUE;
}

static gboolean
push_participant (const SerahParticipant *p, gpointer user_data, GError **error)
{
  PushImport *push = user_data;
  char care_class[16] = "";

  if (p->care_class > 0)
    g_snprintf (care_class, sizeof care_class, "%d", p->care_class);
  copy_field (push->buffer, p->nik, FALSE);
  copy_field (push->buffer, p->card_no, FALSE);
  copy_field (push->buffer, p->name, FALSE);
  copy_field (push->buffer, p->sex == SERAH_SEX_FEMALE ? "P" : "L", FALSE);
  copy_field (push->buffer, p->birth_date[0] ? p->birth_date : NULL, FALSE);
  copy_field (push->buffer, p->address, FALSE);
  copy_field (push->buffer, p->desa, FALSE);
  copy_field (push->buffer, p->kecamatan, FALSE);
  copy_field (push->buffer, p->faskes, FALSE);
  copy_field (push->buffer, care_class[0] ? care_class : NULL, TRUE);
  push->rows++;
  return push->buffer->len < COPY_CHUNK || copy_send (push, error);
}

/* Ends the COPY: TRUE when the server took every row. */
static gboolean
copy_end (PushImport *push, gboolean ok, GError **error)
{
  PGresult *res;
  gboolean done;

  if (ok)
    ok = copy_send (push, error);
  if (PQputCopyEnd (push->conn, ok ? NULL : "serah: push cancelled") != 1 && ok)
    ok = serah_server_set_error (push->conn, NULL,
                                 _("Cannot send the register to the office server"), error);
  res = PQgetResult (push->conn);
  done = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!done && ok)
    ok = serah_server_set_error (push->conn, res,
                                 _("Cannot send the register to the office server"), error);
  PQclear (res);
  while ((res = PQgetResult (push->conn)) != NULL)
    PQclear (res);
  return ok && done;
}

/* One import and its participants, in one server transaction. *sent: participants sent
 * (0 when the server had the import already). */
/* Streams the participant versions of one serah.imports row into push (push_participant). */
typedef gboolean (*VersionSource) (SerahStore *store, PushImport *push, gpointer data,
                                   GError **error);

static gboolean
push_versions (SerahStore *store, PGconn *conn, const SerahServerImport *import,
               VersionSource source, gpointer data, gint64 *sent, GError **error)
{
  g_autofree char *local_id = int_text (import->id);
  g_autofree char *started_at = int_text (import->started_at);
  g_autofree char *rows = int_text (import->rows);
  const char *params[] = { local_id, import->file_name, import->sha256, started_at, rows };
  PGresult *res;
  gboolean ok;

  *sent = 0;
  /* One COPY of a whole import is one statement: the desk's 3 s statement timeout (meant for
   * a claim) would cut a large one, so this transaction allows minutes; a dead network is
   * noticed by the connection's keepalives and TCP user timeout instead (serah-server-conn.c). */
  if (!serah_server_exec (conn, "BEGIN", error) ||
      !serah_server_exec (conn, "SET LOCAL statement_timeout = '10min'", error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  res = PQexecParams (conn,
                      "INSERT INTO serah.imports (local_id, file_name, sha256, started_at, rows)"
                      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (desk, local_id) DO NOTHING"
                      " RETURNING seq",
                      G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    serah_server_set_error (conn, res, _("Cannot send the register to the office server"),
                            error);
  else if (PQntuples (res) == 1)
    {
      g_autoptr(GString) buffer = g_string_sized_new (COPY_CHUNK + 4096);
      /* import_seq is the server's: the imports row just inserted in this session. */
      PushImport push = { conn, store, buffer, 0 };
      PGresult *copy = PQexec (conn,
                               "COPY serah.participant_versions (nik, card_no, name, sex,"
                               " birth_date, address, desa, kecamatan, faskes, care_class)"
                               " FROM STDIN");

      ok = PQresultStatus (copy) == PGRES_COPY_IN;
      if (!ok)
        serah_server_set_error (conn, copy, _("Cannot send the register to the office server"),
                                error);
      PQclear (copy);
      if (ok)
        {
          ok = source (store, &push, data, error);
          ok = copy_end (&push, ok, ok ? error : NULL);
          *sent = push.rows;
        }
    }
  PQclear (res);
  ok = ok && serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    {
      *sent = 0;
      PQclear (PQexec (conn, "ROLLBACK"));
    }
  return ok;
}

static gboolean
versions_of_import (SerahStore *store, PushImport *push, gpointer data, GError **error)
{
  return serah_store_foreach_participant_of_import (store, *(gint64 *) data, push_participant,
                                                    push, error);
}

static gboolean
push_import (SerahStore *store, PGconn *conn, const SerahServerImport *import, gint64 *sent,
             GError **error)
{
  gint64 id = import->id;

  return push_versions (store, conn, import, versions_of_import, &id, sent, error);
}

typedef struct {
  gint64 after;
  gint64 up_to;
} EditRange;

static gboolean
versions_of_edits (SerahStore *store, PushImport *push, gpointer data, GError **error)
{
  EditRange *range = data;
  gint64 up_to = range->up_to;

  return serah_store_foreach_edited_participant (store, range->after, &up_to, push_participant,
                                                 push, error);
}

/* Participants changed at this desk outside an import (a name correction, and any edit the
 * rules audit as one of SERAH_SERVER_PARTICIPANT_EDITS) go as new versions under an import
 * of their own on the server: its local id is minus the newest audit entry it covers (never
 * a real import's id, so a resend is still a no-op by (desk, local id)), and its sequence,
 * the newest, makes the edit the current version at every desk, as a later import would. */
static gboolean
push_edits (SerahStore *store, PGconn *conn, SerahServerSyncResult *result, GError **error)
{
  EditRange range = { serah_store_get_setting_int (store, "server.push-edit-audit-id"), 0 };
  SerahServerImport edits = { 0 };
  gint64 sent = 0;

  /* Where the edits end, first (the rows are read again inside the server transaction). */
  if (!serah_store_foreach_edited_participant (store, range.after, &range.up_to, NULL, NULL,
                                               error))
    return FALSE;
  if (range.up_to == range.after)
    return TRUE;
  edits.id = -range.up_to;
  edits.file_name = (char *) "participant edits";
  edits.sha256 = (char *) "";
  edits.started_at = g_get_real_time () / G_USEC_PER_SEC;
  edits.rows = 0;
  if (!push_versions (store, conn, &edits, versions_of_edits, &range, &sent, error) ||
      !serah_store_set_setting_int (store, "server.push-edit-audit-id", range.up_to, error))
    return FALSE;
  if (result != NULL)
    result->pushed_participants += sent;
  return TRUE;
}

/* ---- ceremonies, invitations, closures: one table-driven step each ---- */

static gboolean
apply_ceremony (SerahStore *store, PGresult *res, int r, gpointer user_data, gboolean *added,
                GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahCeremony) known = serah_store_find_ceremony_by_uuid (store,
                                                                      PQgetvalue (res, r, 1),
                                                                      &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (known != NULL)
    return TRUE;
  *added = TRUE;
  return serah_store_insert_ceremony (store, PQgetvalue (res, r, 1), PQgetvalue (res, r, 2),
                                      PQgetvalue (res, r, 3), PQgetvalue (res, r, 4),
                                      PQgetisnull (res, r, 5) ? NULL : PQgetvalue (res, r, 5),
                                      error) > 0;
}

static gboolean
apply_invitation (SerahStore *store, PGresult *res, int r, gpointer user_data, gboolean *added,
                  GError **error)
{
  SerahServerInvitation inv = {
    .ceremony_uuid = PQgetvalue (res, r, 1), .kecamatan = PQgetvalue (res, r, 3),
    .desa = PQgetvalue (res, r, 4),
    .invited_at = g_ascii_strtoll (PQgetvalue (res, r, 5), NULL, 10),
    .invited_by = PQgetisnull (res, r, 6) ? NULL : PQgetvalue (res, r, 6),
    .source = PQgetisnull (res, r, 7) ? NULL : PQgetvalue (res, r, 7),
  };

  g_strlcpy (inv.nik, PQgetvalue (res, r, 2), sizeof inv.nik);
  return serah_store_insert_pulled_invitation (store, &inv, added, error);
}

static gboolean
apply_closure (SerahStore *store, PGresult *res, int r, gpointer user_data, gboolean *added,
               GError **error)
{
  SerahServerClosure c = {
    .ceremony_uuid = PQgetvalue (res, r, 1),
    .closed_at = g_ascii_strtoll (PQgetvalue (res, r, 2), NULL, 10),
    .closed_by = PQgetisnull (res, r, 3) ? NULL : PQgetvalue (res, r, 3),
  };

  return serah_store_insert_pulled_closure (store, &c, added, error);
}

static const SerahServerTable ceremonies_table = {
  .name = "ceremonies",
  .push_error = N_("Cannot send the register to the office server"),
  .pull_error = N_("Cannot read the register from the office server"),
  .push_query = "SELECT id, uuid, name, date, place, created_at, created_by FROM ceremonies"
                " WHERE id > ?1 ORDER BY id",
  .push_cursor = "server.push-ceremony-id",
  .local_cursor_query = "SELECT coalesce (max (id), 0) FROM ceremonies",
  .server_insert = "INSERT INTO serah.ceremonies (uuid, name, date, place, created_at,"
                   " created_by)",
  .server_values = "($, $, $, $, $, $)",
  .server_conflict = " ON CONFLICT DO NOTHING",
  .n_cols = 6,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, uuid, name, date, place, created_by FROM serah.ceremonies",
  .pull_cursor = "server.pull-ceremony-seq",
  .apply = apply_ceremony,
  .pulled_offset = G_STRUCT_OFFSET (SerahServerSyncResult, pulled_ceremonies),
};

/* Invitations have no id of their own (WITHOUT ROWID) and are only ever added, so a changed
 * count means new ones: all are sent again and the server keeps what it lacks. Cheap at the
 * size of a ceremony; a cursor would need a migration. Closures likewise. */
static const SerahServerTable invitations_table = {
  .name = "invitations",
  .push_error = N_("Cannot send the register to the office server"),
  .pull_error = N_("Cannot read the register from the office server"),
  .push_query = "SELECT 0, c.uuid, p.nik, coalesce (i.kecamatan, ''), coalesce (i.desa, ''),"
                " i.invited_at, i.invited_by, i.source FROM ceremony_invitations i"
                " JOIN ceremonies c ON c.id = i.ceremony_id"
                " JOIN participants p ON p.id = i.participant_id ORDER BY c.id, p.id",
  .push_cursor = "server.push-invitation-count",
  .push_by_count = TRUE,
  .local_cursor_query = "SELECT count (*) FROM ceremony_invitations",
  .server_insert = "INSERT INTO serah.invitations (ceremony_uuid, nik, kecamatan, desa,"
                   " invited_at, invited_by, source)",
  .server_values = "($, $, $, $, $, $, $)",
  .server_conflict = " ON CONFLICT DO NOTHING",
  .n_cols = 7,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, ceremony_uuid, nik, kecamatan, desa, invited_at, invited_by,"
                 " source FROM serah.invitations",
  .pull_cursor = "server.pull-invitation-seq",
  .apply = apply_invitation,
  .pulled_offset = G_STRUCT_OFFSET (SerahServerSyncResult, pulled_invitations),
};

static const SerahServerTable closures_table = {
  .name = "ceremony closures",
  .push_error = N_("Cannot send the register to the office server"),
  .pull_error = N_("Cannot read the register from the office server"),
  .push_query = "SELECT 0, c.uuid, x.closed_at, x.closed_by FROM ceremony_closures x"
                " JOIN ceremonies c ON c.id = x.ceremony_id ORDER BY c.id",
  .push_cursor = "server.push-closure-count",
  .push_by_count = TRUE,
  .local_cursor_query = "SELECT count (*) FROM ceremony_closures",
  .server_insert = "INSERT INTO serah.ceremony_closures (ceremony_uuid, closed_at, closed_by)",
  .server_values = "($, $, $)",
  .server_conflict = " ON CONFLICT DO NOTHING",
  .n_cols = 3,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, ceremony_uuid, closed_at, closed_by FROM serah.ceremony_closures",
  .pull_cursor = "server.pull-closure-seq",
  .apply = apply_closure,
  .pulled_offset = G_STRUCT_OFFSET (SerahServerSyncResult, pulled_closures),
};

gboolean
serah_server_push_register (SerahStore *store, PGconn *conn, SerahServerSyncResult *result,
                            GError **error)
{
  g_autoptr(GPtrArray) imports = NULL;

  imports = serah_store_list_imports_after (store,
                                            serah_store_get_setting_int (store,
                                                                         "server.push-import-id"),
                                            error);
  if (imports == NULL)
    return FALSE;
  for (guint i = 0; i < imports->len; i++)
    {
      SerahServerImport *import = imports->pdata[i];
      gint64 sent = 0;

      /* The cursor moves after the server committed: a crash in between resends the
       * import, which the server recognises by (desk, local id). */
      if (!push_import (store, conn, import, &sent, error) ||
          !serah_store_set_setting_int (store, "server.push-import-id", import->id, error))
        return FALSE;
      if (result != NULL)
        result->pushed_participants += sent;
    }
  return push_edits (store, conn, result, error) &&
         serah_server_push_table (store, conn, &ceremonies_table, result, error) &&
         serah_server_push_table (store, conn, &invitations_table, result, error) &&
         serah_server_push_table (store, conn, &closures_table, result, error);
}

/* ---- pull ---- */

static gboolean
query_ok (PGconn *conn, PGresult *res, GError **error)
{
  if (PQresultStatus (res) == PGRES_TUPLES_OK || PQresultStatus (res) == PGRES_COMMAND_OK)
    return TRUE;
  return serah_server_set_error (conn, res, _("Cannot read the register from the office server"),
                                 error);
}

static char *
text_or_null (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

/* Writes one FETCH of current participant versions. */
static gboolean
apply_participants (SerahStore *store, PGresult *res, SerahServerSyncResult *result,
                    GError **error)
{
  int n = PQntuples (res);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              serah_participant_free);
  g_autoptr(GHashTable) cards = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree SerahUpsertResult *results = NULL;

  for (int r = 0; r < n; r++)
    {
      SerahParticipant *p = g_new0 (SerahParticipant, 1);

      g_strlcpy (p->nik, PQgetvalue (res, r, 0), sizeof p->nik);
      g_strlcpy (p->card_no, PQgetvalue (res, r, 1), sizeof p->card_no);
      p->name = g_strdup (PQgetvalue (res, r, 2));
      p->sex = PQgetvalue (res, r, 3)[0] == 'P' ? SERAH_SEX_FEMALE : SERAH_SEX_MALE;
      if (!PQgetisnull (res, r, 4))
        g_strlcpy (p->birth_date, PQgetvalue (res, r, 4), sizeof p->birth_date);
      p->address = text_or_null (res, r, 5);
      p->desa = text_or_null (res, r, 6);
      p->kecamatan = text_or_null (res, r, 7);
      p->faskes = text_or_null (res, r, 8);
      p->care_class = PQgetisnull (res, r, 9) ? 0 : atoi (PQgetvalue (res, r, 9));
      /* Two NIKs holding one card number on the server (imports at two desks that
       * disagree): the first is written, the other waits for a later import to settle it. */
      if (g_hash_table_contains (cards, p->card_no))
        {
          g_info ("pull: card %s of two participants in one batch; one left on the server",
                  p->card_no);
          if (result != NULL)
            result->register_conflicts++;
          serah_participant_free (p);
          continue;
        }
      g_hash_table_add (cards, p->card_no);
      g_ptr_array_add (rows, p);
    }
  results = g_new0 (SerahUpsertResult, MAX (rows->len, 1));
  if (!serah_store_upsert_participants (store, (SerahParticipant *const *) rows->pdata, rows->len,
                                        0, results, NULL, error))
    return FALSE;
  for (guint i = 0; i < rows->len && result != NULL; i++)
    {
      if (results[i] == SERAH_UPSERT_INSERTED || results[i] == SERAH_UPSERT_UPDATED)
        result->pulled_participants++;
      else if (results[i] == SERAH_UPSERT_CARD_CONFLICT)
        result->register_conflicts++;
    }
  return TRUE;
}

static const char current_versions_all[] =
  "DECLARE serah_register NO SCROLL CURSOR FOR"
  " SELECT DISTINCT ON (v.nik) v.nik, v.card_no, v.name, v.sex, v.birth_date, v.address,"
  " v.desa, v.kecamatan, v.faskes, v.care_class FROM serah.participant_versions v"
  " ORDER BY v.nik, v.import_seq DESC, v.seq DESC";
/* The NIKs touched since the cursor first (the seq and txid indexes), then each one's current
 * version through the (nik, import_seq, seq) index: a sync with nothing new reads no more
 * than that, whatever the size of the register. */
static const char current_versions_since[] =
  "DECLARE serah_register NO SCROLL CURSOR FOR"
  " WITH touched AS MATERIALIZED ("
  "   SELECT DISTINCT t.nik FROM serah.participant_versions t"
  "   WHERE t.seq > $1::bigint OR t.txid >= $2::xid8)"
  " SELECT v.nik, v.card_no, v.name, v.sex, v.birth_date, v.address, v.desa, v.kecamatan,"
  " v.faskes, v.care_class FROM touched,"
  " LATERAL (SELECT * FROM serah.participant_versions w WHERE w.nik = touched.nik"
  "          ORDER BY w.import_seq DESC, w.seq DESC LIMIT 1) v";

static gboolean
pull_participants (SerahStore *store, PGconn *conn, gint64 cursor, const char *prev_xmin,
                   gint64 expected, SerahServerSyncResult *result, GError **error)
{
  g_autofree char *cursor_text = int_text (cursor);
  const char *params[] = { cursor_text, prev_xmin };
  gboolean bulk = FALSE;
  PGresult *res;
  gboolean ok;

  if (cursor == 0)
    res = PQexec (conn, current_versions_all);
  else
    res = PQexecParams (conn, current_versions_since, 2, NULL, params, NULL, NULL, 0);
  ok = query_ok (conn, res, error);
  PQclear (res);
  /* Into a register smaller than what comes, the import's bulk path (indexes rebuilt once). */
  if (ok && expected > 0)
    ok = bulk = serah_store_begin_participant_bulk (store, expected, FALSE, error);
  while (ok)
    {
      res = PQexec (conn, "FETCH 5000 FROM serah_register");
      ok = query_ok (conn, res, error) && apply_participants (store, res, result, error);
      if (ok && PQntuples (res) == 0)
        {
          PQclear (res);
          break;
        }
      PQclear (res);
    }
  if (bulk && ok)
    ok = serah_store_end_participant_bulk (store, error);
  return ok && serah_server_exec (conn, "CLOSE serah_register", error);
}

static gboolean
read_one_row (PGconn *conn, const char *sql, PGresult **out, GError **error)
{
  *out = PQexec (conn, sql);
  if (PQresultStatus (*out) == PGRES_TUPLES_OK && PQntuples (*out) == 1)
    return TRUE;
  serah_server_set_error (conn, *out, _("Cannot read the register from the office server"),
                          error);
  g_clear_pointer (out, PQclear);
  return FALSE;
}

/* What a pull brought into the register, in the audit log (as "server.pull" for handovers). */
static gboolean
audit_pull (SerahStore *store, const SerahServerSyncResult *r, GError **error)
{
  g_autofree char *participants = NULL;
  g_autofree char *ceremonies = NULL;
  g_autofree char *invitations = NULL;
  g_autofree char *closures = NULL;
  g_autofree char *conflicts = NULL;
  g_autofree char *details = NULL;

  if (r == NULL || r->pulled_participants + r->pulled_ceremonies + r->pulled_invitations +
                   r->pulled_closures + r->register_conflicts == 0)
    return TRUE;
  participants = int_text (r->pulled_participants);
  ceremonies = int_text (r->pulled_ceremonies);
  invitations = int_text (r->pulled_invitations);
  closures = int_text (r->pulled_closures);
  conflicts = int_text (r->register_conflicts);
  details = serah_audit_details ("participants", participants, "ceremonies", ceremonies,
                                 "invitations", invitations, "closures", closures,
                                 "card_conflicts", conflicts, NULL);
  return serah_audit_record (store, NULL, "server.pull-register", "", details, error);
}

gboolean
serah_server_pull_register (SerahStore *store, PGconn *conn, SerahServerSyncResult *result,
                            GError **error)
{
  gint64 p_cursor = serah_store_get_setting_int (store, "server.pull-participant-seq");
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-register-xmin");
  g_autofree char *xmin = NULL;
  g_autofree char *backed_up = serah_store_get_setting (store, "server.register-backup");
  gint64 max_p = 0, expected = 0;
  SerahServerPrintPull print_counts;
  PGresult *res = NULL;

  if (prev_xmin == NULL)
    prev_xmin = g_strdup ("0");

  /* Cheap insurance before the office's register first lands in this file: the SQLite
   * backup API, outside any transaction, into the backups folder with its retention rule.
   * Later pulls only add what other desks did since, as handovers always have. */
  if (backed_up == NULL)
    {
      if (!serah_backup_automatic (store, "server-first-pull", error) ||
          !serah_store_set_setting (store, "server.register-backup", "done", error))
        return FALSE;
    }

  /* A first pull of a big register writes SQLite between FETCHes and rebuilds its indexes
   * at the end while this read-only snapshot stays open: more than the session's 10 s idle
   * limit on a loaded desk (a 1 000 000 pull was cut there). A read-only transaction has no
   * transaction id, so holding it does not move other desks' pull windows. */
  if (!serah_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  if (!serah_server_exec (conn, "SET LOCAL idle_in_transaction_session_timeout = '10min'", error))
    goto failed_server;
  if (!read_one_row (conn,
                     "SELECT pg_snapshot_xmin (pg_current_snapshot ())::text,"
                     " (SELECT coalesce (max (seq), 0) FROM serah.participant_versions)",
                     &res, error))
    goto failed_server;
  xmin = g_strdup (PQgetvalue (res, 0, 0));
  max_p = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  g_clear_pointer (&res, PQclear);

  /* A large first pull into a smaller register takes the bulk path. */
  if (p_cursor == 0 && max_p > 2 * serah_store_count_participants (store))
    expected = max_p;

  if (!serah_store_begin (store, error))
    goto failed_server;
  if (!pull_participants (store, conn, p_cursor, prev_xmin, expected, result, error) ||
      !serah_server_pull_table_in (store, conn, &ceremonies_table, prev_xmin, NULL, result,
                                   error) ||
      !serah_server_pull_table_in (store, conn, &invitations_table, prev_xmin, NULL, result,
                                   error) ||
      !serah_server_pull_table_in (store, conn, &closures_table, prev_xmin, NULL, result,
                                   error) ||
      /* print runs, cards and voids (serah-server-print.c): their participants are here now */
      !serah_server_pull_print (store, conn, prev_xmin, &print_counts, error) ||
      !serah_store_set_setting_int (store, "server.pull-participant-seq", MAX (max_p, p_cursor),
                                    error) ||
      !serah_store_set_setting (store, "server.pull-register-xmin", xmin, error) ||
      !audit_pull (store, result, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      goto failed_server;
    }
  if (result != NULL)
    {
      result->pulled_print_runs += print_counts.runs;
      result->pulled_cards += print_counts.cards;
      result->pulled_voids += print_counts.voids;
      result->card_conflicts += print_counts.card_conflicts;
    }
  if (result != NULL && result->pulled_participants > 0)
    serah_store_participants_changed (store);
  return serah_server_exec (conn, "COMMIT", error);

failed_server:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}
