/* serah-server-register.c: syncing the register itself with the office server (issue 16,
 * "one register"): participants by import, ceremonies and invitations, so that a desk that
 * never imported can check off and print.
 *
 * Push: each local import after the push cursor becomes one row of serah.imports (its seq is
 * the office's import sequence) and one serah.participant_versions row per participant it
 * last wrote, sent as multi-row INSERTs of BATCH rows in one server transaction; a retry is a
 * no-op by (desk, local import id). Ceremonies and invitations are a set union by UUID (and
 * NIK), closures by ceremony UUID: INSERT … ON CONFLICT DO NOTHING.
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

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>
#include <serah/store/serah-backup.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "register/serah-store-participants-private.h"
#include "server/serah-server-conn-private.h"
#include "server/serah-server-print-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-store-server-private.h"
#include "server/serah-store-server-register-private.h"
#include "store/serah-store-private.h"

#define BATCH 1000

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- multi-row INSERTs ---- */

typedef struct {
  PGconn     *conn;
  const char *head;    /* "INSERT INTO t (a, b) VALUES " */
  const char *tail;    /* " ON CONFLICT DO NOTHING" or "" */
  guint       n_cols;
  GPtrArray  *values;  /* char *, NULL for SQL NULL; n_cols per row */
  gint64      inserted;
} RowBatch;

static void
batch_init (RowBatch *b, PGconn *conn, const char *head, const char *tail, guint n_cols)
{
  *b = (RowBatch) { conn, head, tail, n_cols, g_ptr_array_new_with_free_func (g_free), 0 };
}

static gboolean
batch_flush (RowBatch *b, GError **error)
{
  g_autoptr(GString) sql = NULL;
  guint rows = b->values->len / b->n_cols;
  PGresult *res;
  gboolean ok;

  if (rows == 0)
    return TRUE;
  sql = g_string_new (b->head);
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r ? ",(" : "(");
      for (guint c = 0; c < b->n_cols; c++)
        g_string_append_printf (sql, c ? ",$%u" : "$%u", r * b->n_cols + c + 1);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, b->tail);
  res = PQexecParams (b->conn, sql->str, (int) b->values->len, NULL,
                      (const char *const *) b->values->pdata, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (ok)
    b->inserted += g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  else
    serah_server_set_error (b->conn, res, _("Cannot send the register to the office server"),
                            error);
  PQclear (res);
  g_ptr_array_set_size (b->values, 0);
  return ok;
}

/* Takes the strings. */
static gboolean
batch_add (RowBatch *b, char **row, GError **error)
{
  for (guint c = 0; c < b->n_cols; c++)
    g_ptr_array_add (b->values, row[c]);
  return b->values->len / b->n_cols < BATCH || batch_flush (b, error);
}

static void
batch_clear (RowBatch *b)
{
  g_clear_pointer (&b->values, g_ptr_array_unref);
}

static char *
dup_or_null (const char *text)
{
  return text != NULL ? g_strdup (text) : NULL;
}

/* ---- push ---- */

typedef struct {
  RowBatch batch;
  char    *import_seq;
} PushImport;

static gboolean
push_participant (const SerahParticipant *p, gpointer user_data, GError **error)
{
  PushImport *push = user_data;
  char *row[] = {
    g_strdup (push->import_seq), g_strdup (p->nik), g_strdup (p->card_no), g_strdup (p->name),
    g_strdup (p->sex == SERAH_SEX_FEMALE ? "P" : "L"),
    p->birth_date[0] ? g_strdup (p->birth_date) : NULL, dup_or_null (p->address),
    dup_or_null (p->desa), dup_or_null (p->kecamatan), dup_or_null (p->faskes),
    p->care_class > 0 ? int_text (p->care_class) : NULL,
  };

  return batch_add (&push->batch, row, error);
}

/* One import and its participants, in one server transaction. *sent: participants sent
 * (0 when the server had the import already). */
static gboolean
push_import (SerahStore *store, PGconn *conn, const SerahServerImport *import, gint64 *sent,
             GError **error)
{
  g_autofree char *local_id = int_text (import->id);
  g_autofree char *started_at = int_text (import->started_at);
  g_autofree char *rows = int_text (import->rows);
  const char *params[] = { local_id, import->file_name, import->sha256, started_at, rows };
  PushImport push = { 0 };
  PGresult *res;
  gboolean ok;

  *sent = 0;
  if (!serah_server_exec (conn, "BEGIN", error))
    return FALSE;
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
      push.import_seq = g_strdup (PQgetvalue (res, 0, 0));
      batch_init (&push.batch, conn,
                  "INSERT INTO serah.participant_versions (import_seq, nik, card_no, name, sex,"
                  " birth_date, address, desa, kecamatan, faskes, care_class) VALUES ",
                  "", 11);
      ok = serah_store_foreach_participant_of_import (store, import->id, push_participant,
                                                      &push, error) &&
           batch_flush (&push.batch, error);
      *sent = push.batch.inserted;
      batch_clear (&push.batch);
      g_free (push.import_seq);
    }
  PQclear (res);
  ok = ok && serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    PQclear (PQexec (conn, "ROLLBACK"));
  return ok;
}

static gboolean
push_ceremonies (SerahStore *store, PGconn *conn, GError **error)
{
  g_autoptr(GPtrArray) ceremonies = serah_store_list_ceremonies (store, error);
  gint64 cursor = serah_store_get_setting_int (store, "server.push-ceremony-id");
  gint64 max_id = cursor;
  RowBatch batch;
  gboolean ok;

  if (ceremonies == NULL)
    return FALSE;
  batch_init (&batch, conn,
              "INSERT INTO serah.ceremonies (uuid, name, date, place, created_at, created_by)"
              " VALUES ", " ON CONFLICT DO NOTHING", 6);
  ok = serah_server_exec (conn, "BEGIN", error);
  for (guint i = 0; ok && i < ceremonies->len; i++)
    {
      SerahCeremony *c = ceremonies->pdata[i];
      char *row[] = { g_strdup (c->uuid), g_strdup (c->name), g_strdup (c->date),
                      g_strdup (c->place), int_text (c->created_at),
                      dup_or_null (c->created_by) };

      if (c->id <= cursor)
        {
          for (guint k = 0; k < G_N_ELEMENTS (row); k++)
            g_free (row[k]);
          continue;
        }
      max_id = MAX (max_id, c->id);
      ok = batch_add (&batch, row, error);
    }
  ok = ok && batch_flush (&batch, error) && serah_server_exec (conn, "COMMIT", error);
  batch_clear (&batch);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_store_set_setting_int (store, "server.push-ceremony-id", max_id, error);
}

/* Invitations have no id of their own (WITHOUT ROWID) and are only ever added, so a changed
 * count means new ones: all are sent again and the server keeps what it lacks. Cheap at the
 * size of a ceremony; a cursor would need a migration. */
static gboolean
push_invitations (SerahStore *store, PGconn *conn, GError **error)
{
  g_autoptr(GPtrArray) invitations = NULL;
  gint64 count = serah_store_count_invitations (store, error);
  RowBatch batch;
  gboolean ok;

  if (count < 0)
    return FALSE;
  if (count == serah_store_get_setting_int (store, "server.push-invitation-count"))
    return TRUE;
  invitations = serah_store_list_all_invitations (store, error);
  if (invitations == NULL)
    return FALSE;
  batch_init (&batch, conn,
              "INSERT INTO serah.invitations (ceremony_uuid, nik, kecamatan, desa, invited_at,"
              " invited_by, source) VALUES ", " ON CONFLICT DO NOTHING", 7);
  ok = serah_server_exec (conn, "BEGIN", error);
  for (guint i = 0; ok && i < invitations->len; i++)
    {
      SerahServerInvitation *inv = invitations->pdata[i];
      char *row[] = { g_strdup (inv->ceremony_uuid), g_strdup (inv->nik),
                      g_strdup (inv->kecamatan ? inv->kecamatan : ""),
                      g_strdup (inv->desa ? inv->desa : ""), int_text (inv->invited_at),
                      dup_or_null (inv->invited_by), dup_or_null (inv->source) };
      ok = batch_add (&batch, row, error);
    }
  ok = ok && batch_flush (&batch, error) && serah_server_exec (conn, "COMMIT", error);
  batch_clear (&batch);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_store_set_setting_int (store, "server.push-invitation-count", count, error);
}

/* Closures, like invitations: only ever added, few; a changed count sends them all. */
static gboolean
push_closures (SerahStore *store, PGconn *conn, GError **error)
{
  g_autoptr(GPtrArray) closures = NULL;
  gint64 count = serah_store_count_closures (store, error);
  RowBatch batch;
  gboolean ok;

  if (count < 0)
    return FALSE;
  if (count == serah_store_get_setting_int (store, "server.push-closure-count"))
    return TRUE;
  closures = serah_store_list_all_closures (store, error);
  if (closures == NULL)
    return FALSE;
  batch_init (&batch, conn,
              "INSERT INTO serah.ceremony_closures (ceremony_uuid, closed_at, closed_by) VALUES ",
              " ON CONFLICT DO NOTHING", 3);
  ok = serah_server_exec (conn, "BEGIN", error);
  for (guint i = 0; ok && i < closures->len; i++)
    {
      SerahServerClosure *c = closures->pdata[i];
      char *row[] = { g_strdup (c->ceremony_uuid), int_text (c->closed_at),
                      dup_or_null (c->closed_by) };
      ok = batch_add (&batch, row, error);
    }
  ok = ok && batch_flush (&batch, error) && serah_server_exec (conn, "COMMIT", error);
  batch_clear (&batch);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_store_set_setting_int (store, "server.push-closure-count", count, error);
}

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
  return push_ceremonies (store, conn, error) && push_invitations (store, conn, error) &&
         push_closures (store, conn, error);
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
pull_ceremonies (SerahStore *store, PGconn *conn, const char *cursor, const char *prev_xmin,
                 SerahServerSyncResult *result, GError **error)
{
  const char *params[] = { cursor, prev_xmin };
  PGresult *res = PQexecParams (conn,
                                "SELECT uuid, name, date, place, created_by FROM serah.ceremonies"
                                " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                                2, NULL, params, NULL, NULL, 0);
  gboolean ok = query_ok (conn, res, error);

  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SerahCeremony) known = serah_store_find_ceremony_by_uuid (store,
                                                                          PQgetvalue (res, r, 0),
                                                                          &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          break;
        }
      if (known != NULL)
        continue;
      ok = serah_store_insert_ceremony (store, PQgetvalue (res, r, 0), PQgetvalue (res, r, 1),
                                        PQgetvalue (res, r, 2), PQgetvalue (res, r, 3),
                                        PQgetisnull (res, r, 4) ? NULL : PQgetvalue (res, r, 4),
                                        error) > 0;
      if (ok && result != NULL)
        result->pulled_ceremonies++;
    }
  PQclear (res);
  return ok;
}

static gboolean
pull_invitations (SerahStore *store, PGconn *conn, const char *cursor, const char *prev_xmin,
                  SerahServerSyncResult *result, GError **error)
{
  const char *params[] = { cursor, prev_xmin };
  PGresult *res = PQexecParams (conn,
                                "DECLARE serah_invitations NO SCROLL CURSOR FOR"
                                " SELECT ceremony_uuid, nik, kecamatan, desa, invited_at,"
                                " invited_by, source FROM serah.invitations"
                                " WHERE seq > $1::bigint OR txid >= $2::xid8",
                                2, NULL, params, NULL, NULL, 0);
  gboolean ok = query_ok (conn, res, error);

  PQclear (res);
  while (ok)
    {
      int n;

      res = PQexec (conn, "FETCH 5000 FROM serah_invitations");
      ok = query_ok (conn, res, error);
      n = ok ? PQntuples (res) : 0;
      for (int r = 0; ok && r < n; r++)
        {
          SerahServerInvitation inv = {
            .ceremony_uuid = PQgetvalue (res, r, 0), .kecamatan = PQgetvalue (res, r, 2),
            .desa = PQgetvalue (res, r, 3),
            .invited_at = g_ascii_strtoll (PQgetvalue (res, r, 4), NULL, 10),
            .invited_by = PQgetisnull (res, r, 5) ? NULL : PQgetvalue (res, r, 5),
            .source = PQgetisnull (res, r, 6) ? NULL : PQgetvalue (res, r, 6),
          };
          gboolean added = FALSE;

          g_strlcpy (inv.nik, PQgetvalue (res, r, 1), sizeof inv.nik);
          ok = serah_store_insert_pulled_invitation (store, &inv, &added, error);
          if (ok && added && result != NULL)
            result->pulled_invitations++;
        }
      PQclear (res);
      if (n == 0)
        break;
    }
  return ok && serah_server_exec (conn, "CLOSE serah_invitations", error);
}

static gboolean
pull_closures (SerahStore *store, PGconn *conn, const char *cursor, const char *prev_xmin,
               SerahServerSyncResult *result, GError **error)
{
  const char *params[] = { cursor, prev_xmin };
  PGresult *res = PQexecParams (conn,
                                "SELECT ceremony_uuid, closed_at, closed_by"
                                " FROM serah.ceremony_closures"
                                " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                                2, NULL, params, NULL, NULL, 0);
  gboolean ok = query_ok (conn, res, error);

  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      SerahServerClosure c = {
        .ceremony_uuid = PQgetvalue (res, r, 0),
        .closed_at = g_ascii_strtoll (PQgetvalue (res, r, 1), NULL, 10),
        .closed_by = PQgetisnull (res, r, 2) ? NULL : PQgetvalue (res, r, 2),
      };
      gboolean added = FALSE;

      ok = serah_store_insert_pulled_closure (store, &c, &added, error);
      if (ok && added && result != NULL)
        result->pulled_closures++;
    }
  PQclear (res);
  return ok;
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

/* What was just pulled is on the server already: when nothing of this desk was waiting to be
 * sent, the invitations' (and closures') push count moves past it (else every pull of a big
 * ceremony's invitations would send them all back at the next sync). */
static gboolean
move_push_counts (SerahStore *store, gint64 invitations_before, gint64 closures_before,
                  GError **error)
{
  gint64 after;

  if (serah_store_get_setting_int (store, "server.push-invitation-count") == invitations_before)
    {
      after = serah_store_count_invitations (store, error);
      if (after < 0 ||
          !serah_store_set_setting_int (store, "server.push-invitation-count", after, error))
        return FALSE;
    }
  if (serah_store_get_setting_int (store, "server.push-closure-count") == closures_before)
    {
      after = serah_store_count_closures (store, error);
      if (after < 0 ||
          !serah_store_set_setting_int (store, "server.push-closure-count", after, error))
        return FALSE;
    }
  return TRUE;
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
  g_autofree char *c_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-ceremony-seq"));
  g_autofree char *i_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-invitation-seq"));
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-register-xmin");
  g_autofree char *xmin = NULL;
  g_autofree char *backed_up = serah_store_get_setting (store, "server.register-backup");
  g_autofree char *x_cursor = int_text (serah_store_get_setting_int (store,
                                                                   "server.pull-closure-seq"));
  gint64 max_p = 0, max_c = 0, max_i = 0, max_x = 0, expected = 0;
  gint64 invitations_before, closures_before;
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

  if (!serah_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  if (!read_one_row (conn,
                     "SELECT pg_snapshot_xmin (pg_current_snapshot ())::text,"
                     " (SELECT coalesce (max (seq), 0) FROM serah.participant_versions),"
                     " (SELECT coalesce (max (seq), 0) FROM serah.ceremonies),"
                     " (SELECT coalesce (max (seq), 0) FROM serah.invitations),"
                     " (SELECT coalesce (max (seq), 0) FROM serah.ceremony_closures)",
                     &res, error))
    goto failed_server;
  xmin = g_strdup (PQgetvalue (res, 0, 0));
  max_p = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  max_c = g_ascii_strtoll (PQgetvalue (res, 0, 2), NULL, 10);
  max_i = g_ascii_strtoll (PQgetvalue (res, 0, 3), NULL, 10);
  max_x = g_ascii_strtoll (PQgetvalue (res, 0, 4), NULL, 10);
  g_clear_pointer (&res, PQclear);

  /* A large first pull into a smaller register takes the bulk path. */
  if (p_cursor == 0 && max_p > 2 * serah_store_count_participants (store))
    expected = max_p;

  if (!serah_store_begin (store, error))
    goto failed_server;
  invitations_before = serah_store_count_invitations (store, error);
  closures_before = invitations_before < 0 ? -1 : serah_store_count_closures (store, error);
  if (closures_before < 0 ||
      !pull_participants (store, conn, p_cursor, prev_xmin, expected, result, error) ||
      !pull_ceremonies (store, conn, c_cursor, prev_xmin, result, error) ||
      !pull_invitations (store, conn, i_cursor, prev_xmin, result, error) ||
      !pull_closures (store, conn, x_cursor, prev_xmin, result, error) ||
      /* print runs, cards and voids (serah-server-print.c): their participants are here now */
      !serah_server_pull_print (store, conn, prev_xmin, &print_counts, error) ||
      !move_push_counts (store, invitations_before, closures_before, error) ||
      !serah_store_set_setting_int (store, "server.pull-closure-seq",
                                    MAX (max_x, g_ascii_strtoll (x_cursor, NULL, 10)), error) ||
      !serah_store_set_setting_int (store, "server.pull-participant-seq", MAX (max_p, p_cursor),
                                    error) ||
      !serah_store_set_setting_int (store, "server.pull-ceremony-seq",
                                    MAX (max_c, g_ascii_strtoll (c_cursor, NULL, 10)), error) ||
      !serah_store_set_setting_int (store, "server.pull-invitation-seq",
                                    MAX (max_i, g_ascii_strtoll (i_cursor, NULL, 10)), error) ||
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
