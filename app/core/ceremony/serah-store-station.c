/* serah-store-station.c: station bundles as SQLite files: writing one from the office
 * database and reading one back, checked. The merge rules are in serah-station.c.
 *
 * Why SQLite for the bundle: no format to parse by hand, PRAGMA integrity_check finds
 * damage, and application_id tells a bundle from any other database. On top of SQLite's own
 * checks the header carries the number of events and a SHA-256 over them in a canonical
 * order, so a bundle cut short or edited by hand is refused as a whole.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "ceremony/serah-store-station-private.h"
#include "store/serah-store-private.h"

static const char bundle_schema[] =
  "PRAGMA application_id = 1397901378;" /* SERAH_STATION_APPLICATION_ID */
  "CREATE TABLE header ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE handovers ("
  "  uuid            TEXT PRIMARY KEY,"
  "  card_no         TEXT NOT NULL,"
  "  nik             TEXT NOT NULL,"
  "  card_serial     INTEGER,"
  "  handed_at       INTEGER NOT NULL,"
  "  operator        TEXT NOT NULL,"
  "  station         TEXT NOT NULL,"
  "  recipient       TEXT NOT NULL,"
  "  proxy_name      TEXT,"
  "  proxy_relation  TEXT,"
  "  proxy_id_number TEXT,"
  "  uninvited       INTEGER NOT NULL,"
  "  identified_by   TEXT NOT NULL"
  ");"
  "CREATE TABLE undos ("
  "  uuid          TEXT PRIMARY KEY,"
  "  handover_uuid TEXT NOT NULL,"
  "  undone_at     INTEGER NOT NULL,"
  "  operator      TEXT NOT NULL,"
  "  station       TEXT NOT NULL,"
  "  reason        TEXT NOT NULL"
  ");";

G_STATIC_ASSERT (SERAH_STATION_APPLICATION_ID == 1397901378);

void
serah_station_bundle_free (SerahStationBundle *self)
{
  if (self == NULL)
    return;
  serah_station_bundle_info_free (self->info);
  g_clear_pointer (&self->handovers, g_ptr_array_unref);
  g_clear_pointer (&self->niks, g_ptr_array_unref);
  g_clear_pointer (&self->undos, g_ptr_array_unref);
  g_free (self);
}

/* The digest covers every field of every event, in uuid order, with unit separators so no
 * two different event sets can serialise alike. */
static void
digest_text (GChecksum *sum, const char *text)
{
  if (text != NULL)
    g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
}

static void
digest_int (GChecksum *sum, gint64 value)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  digest_text (sum, buf);
}

static void
digest_handover (GChecksum *sum, const SerahHandover *h, const char *nik)
{
  digest_text (sum, "H");
  digest_text (sum, h->uuid);
  digest_text (sum, h->card_no);
  digest_text (sum, nik);
  digest_int (sum, h->card_serial);
  digest_int (sum, h->handed_at);
  digest_text (sum, h->operator_name);
  digest_text (sum, h->station);
  digest_text (sum, serah_recipient_to_string (h->recipient));
  digest_text (sum, h->proxy_name);
  digest_text (sum, h->proxy_relation);
  digest_text (sum, h->proxy_id_number);
  digest_int (sum, h->uninvited);
  digest_text (sum, serah_identified_by_to_string (h->identified_by));
}

static void
digest_undo (GChecksum *sum, const SerahHandover *u)
{
  digest_text (sum, "U");
  digest_text (sum, u->undo_uuid);
  digest_text (sum, u->uuid);
  digest_int (sum, u->undone_at);
  digest_text (sum, u->undone_by);
  digest_text (sum, u->undo_station);
  digest_text (sum, u->undo_reason);
}

/* Handover columns in the order both the office query and the bundle query return them. */
/* Text from another station's file ends up in this database, in reports and on screen:
 * it must be UTF-8 (NULL is checked for separately). */
static gboolean
texts_are_utf8 (const char *const *texts, guint n)
{
  for (guint i = 0; i < n; i++)
    if (texts[i] != NULL && !g_utf8_validate (texts[i], -1, NULL))
      return FALSE;
  return TRUE;
}

static SerahHandover *
bundle_handover_from_row (sqlite3_stmt *stmt, char **nik)
{
  SerahHandover *h = g_new0 (SerahHandover, 1);
  const char *card_no = (const char *) sqlite3_column_text (stmt, 1);

  h->uuid = serah_store_column_dup (stmt, 0);
  g_strlcpy (h->card_no, card_no ? card_no : "", sizeof h->card_no);
  *nik = serah_store_column_dup (stmt, 2);
  h->card_serial = sqlite3_column_int64 (stmt, 3);
  h->handed_at = sqlite3_column_int64 (stmt, 4);
  h->operator_name = serah_store_column_dup (stmt, 5);
  h->station = serah_store_column_dup (stmt, 6);
  h->proxy_name = serah_store_column_dup (stmt, 8);
  h->proxy_relation = serah_store_column_dup (stmt, 9);
  h->proxy_id_number = serah_store_column_dup (stmt, 10);
  h->uninvited = sqlite3_column_int (stmt, 11) != 0;
  if (!serah_recipient_from_string ((const char *) sqlite3_column_text (stmt, 7), &h->recipient) ||
      !serah_identified_by_from_string ((const char *) sqlite3_column_text (stmt, 12),
                                        &h->identified_by) ||
      h->uuid == NULL || card_no == NULL || *nik == NULL || h->operator_name == NULL ||
      h->station == NULL ||
      (h->recipient == SERAH_RECIPIENT_REPRESENTATIVE &&
       (h->proxy_name == NULL || h->proxy_relation == NULL)) ||
      !texts_are_utf8 ((const char *[]) { h->uuid, h->card_no, *nik, h->operator_name,
                                          h->station, h->proxy_name, h->proxy_relation,
                                          h->proxy_id_number }, 8))
    {
      serah_handover_free (h);
      g_clear_pointer (nik, g_free);
      return NULL;
    }
  return h;
}

static SerahHandover *
bundle_undo_from_row (sqlite3_stmt *stmt)
{
  SerahHandover *u = g_new0 (SerahHandover, 1);

  u->undo_uuid = serah_store_column_dup (stmt, 0);
  u->uuid = serah_store_column_dup (stmt, 1);
  u->undone_at = sqlite3_column_int64 (stmt, 2);
  u->undone_by = serah_store_column_dup (stmt, 3);
  u->undo_station = serah_store_column_dup (stmt, 4);
  u->undo_reason = serah_store_column_dup (stmt, 5);
  if (u->undo_uuid == NULL || u->uuid == NULL || u->undone_by == NULL ||
      u->undo_station == NULL || u->undo_reason == NULL || *u->undo_reason == '\0' ||
      !texts_are_utf8 ((const char *[]) { u->undo_uuid, u->uuid, u->undone_by,
                                          u->undo_station, u->undo_reason }, 5))
    {
      serah_handover_free (u);
      return NULL;
    }
  return u;
}

/* ---- writing ---- */

static gboolean
bundle_fail (sqlite3 *db, GError **error, const char *path)
{
  g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_UNREADABLE,
               _("Cannot write the bundle “%s”: %s"), path,
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static gboolean
put_header (sqlite3 *db, const char *key, const char *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "INSERT INTO header (key, value) VALUES (?1, ?2)", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value ? value : "", -1, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
put_header_int (sqlite3 *db, const char *key, gint64 value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return put_header (db, key, text);
}

static gboolean
copy_handovers (SerahStore *store, sqlite3 *db, gint64 ceremony_id, GChecksum *sum,
                gint64 *count, GError **error)
{
  sqlite3_stmt *in, *out = NULL;
  gboolean ok = TRUE;
  int rc;

  in = serah_store_prepare (store,
                            "SELECT h.uuid, p.card_no, p.nik, h.card_serial, h.handed_at,"
                            " h.operator, h.station, h.recipient, h.proxy_name, h.proxy_relation,"
                            " h.proxy_id_number, h.uninvited, h.identified_by"
                            " FROM handovers h JOIN participants p ON p.id = h.participant_id"
                            " WHERE h.ceremony_id = ?1 ORDER BY h.uuid",
                            error);
  if (in == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT INTO handovers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                              " ?10, ?11, ?12, ?13)",
                          -1, &out, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (in, 1, ceremony_id);
  while (ok && (rc = sqlite3_step (in)) == SQLITE_ROW)
    {
      g_autofree char *nik = NULL;
      g_autoptr(SerahHandover) h = bundle_handover_from_row (in, &nik);

      g_assert (h != NULL); /* the office database's CHECKs guarantee the fields */
      digest_handover (sum, h, nik);
      for (int c = 0; c < 13; c++)
        sqlite3_bind_value (out, c + 1, sqlite3_column_value (in, c));
      ok = sqlite3_step (out) == SQLITE_DONE;
      sqlite3_reset (out);
      (*count)++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = serah_store_set_error (store, error, _("Cannot read the handovers"));
  sqlite3_reset (in);
  sqlite3_finalize (out);
  return ok;
}

static gboolean
copy_undos (SerahStore *store, sqlite3 *db, gint64 ceremony_id, GChecksum *sum, gint64 *count,
            GError **error)
{
  sqlite3_stmt *in, *out = NULL;
  gboolean ok = TRUE;
  int rc;

  in = serah_store_prepare (store,
                            "SELECT u.uuid, u.handover_uuid, u.undone_at, u.operator, u.station,"
                            " u.reason FROM handover_undos u"
                            " JOIN handovers h ON h.uuid = u.handover_uuid"
                            " WHERE h.ceremony_id = ?1 ORDER BY u.uuid",
                            error);
  if (in == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT INTO undos VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &out,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (in, 1, ceremony_id);
  while (ok && (rc = sqlite3_step (in)) == SQLITE_ROW)
    {
      g_autoptr(SerahHandover) u = bundle_undo_from_row (in);

      g_assert (u != NULL);
      digest_undo (sum, u);
      for (int c = 0; c < 6; c++)
        sqlite3_bind_value (out, c + 1, sqlite3_column_value (in, c));
      ok = sqlite3_step (out) == SQLITE_DONE;
      sqlite3_reset (out);
      (*count)++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = serah_store_set_error (store, error, _("Cannot read the undos"));
  sqlite3_reset (in);
  sqlite3_finalize (out);
  return ok;
}

gboolean
serah_store_write_station_bundle (SerahStore *store, const SerahCeremony *ceremony,
                                  SerahStationBundleInfo *info, const char *path, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      bundle_fail (db, error, path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  /* A plain rollback journal keeps the bundle one file; FULL syncs it before close. */
  ok = sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; BEGIN;",
                     NULL, NULL, NULL) == SQLITE_OK &&
       sqlite3_exec (db, bundle_schema, NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    bundle_fail (db, error, path);

  /* The office database stays readable for the GUI meanwhile; a read transaction gives the
   * two queries one consistent snapshot. */
  if (ok)
    ok = serah_store_begin (store, error);
  if (ok)
    {
      ok = copy_handovers (store, db, ceremony->id, sum, &info->handovers, &local_error) &&
           copy_undos (store, db, ceremony->id, sum, &info->undos, &local_error);
      /* Nothing was written: ending with COMMIT leaves a caller's outer transaction alone. */
      serah_store_commit (store, NULL);
      if (!ok && local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (!ok)
        bundle_fail (db, error, path);
    }

  if (ok)
    {
      ok = put_header (db, "kind", "serah-station-bundle") &&
           put_header_int (db, "format_version", SERAH_STATION_BUNDLE_VERSION) &&
           put_header (db, "database_id", info->database_id) &&
           put_header (db, "ceremony_uuid", ceremony->uuid) &&
           put_header (db, "ceremony_name", ceremony->name) &&
           put_header (db, "ceremony_date", ceremony->date) &&
           put_header (db, "station", info->station) &&
           put_header_int (db, "exported_at", info->exported_at) &&
           put_header_int (db, "handovers", info->handovers) &&
           put_header_int (db, "undos", info->undos) &&
           put_header (db, "events_sha256", g_checksum_get_string (sum)) &&
           sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
      if (!ok)
        bundle_fail (db, error, path);
    }
  if (sqlite3_close_v2 (db) != SQLITE_OK && ok)
    ok = bundle_fail (NULL, error, path);
  return ok;
}

/* ---- reading ---- */

static gboolean
not_a_bundle (GError **error, const char *path, const char *why)
{
  /* why may be SQLite's message quoting bytes of the damaged file. */
  g_autofree char *shown = g_utf8_make_valid (why, -1);

  g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_NOT_A_BUNDLE,
               _("“%s” is not a usable station bundle: %s. Nothing was imported; export the "
                 "bundle again at the station."),
               path, shown);
  return FALSE;
}

static char *
get_header (GHashTable *header, const char *key)
{
  return g_strdup (g_hash_table_lookup (header, key));
}

static gboolean
read_header (sqlite3 *db, const char *path, SerahStationBundleInfo *info, char **digest,
             GError **error)
{
  g_autoptr(GHashTable) header = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *required[] = { "kind", "format_version", "database_id", "ceremony_uuid",
                             "ceremony_name", "ceremony_date", "station", "exported_at",
                             "handovers", "undos", "events_sha256" };
  sqlite3_stmt *stmt = NULL;
  g_autofree char *date = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM header", -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (header, serah_store_column_dup (stmt, 0),
                         serah_store_column_dup (stmt, 1));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return not_a_bundle (error, path, sqlite3_errmsg (db));

  if (g_strcmp0 (g_hash_table_lookup (header, "kind"), "serah-station-bundle") != 0)
    return not_a_bundle (error, path, _("it is another kind of file"));
  info->format_version = (int) g_ascii_strtoll (g_hash_table_lookup (header, "format_version")
                                                  ? g_hash_table_lookup (header, "format_version")
                                                  : "0",
                                                NULL, 10);
  if (info->format_version > SERAH_STATION_BUNDLE_VERSION)
    {
      g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_TOO_NEW,
                   _("The bundle “%s” was written by a newer Serah (format %d); update Serah "
                     "on this laptop first."),
                   path, info->format_version);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (g_hash_table_lookup (header, required[i]) == NULL ||
        !g_utf8_validate (g_hash_table_lookup (header, required[i]), -1, NULL))
      return not_a_bundle (error, path, _("its header is incomplete"));

  info->database_id = get_header (header, "database_id");
  info->ceremony_uuid = get_header (header, "ceremony_uuid");
  info->ceremony_name = get_header (header, "ceremony_name");
  date = get_header (header, "ceremony_date");
  g_strlcpy (info->ceremony_date, date, sizeof info->ceremony_date);
  info->station = get_header (header, "station");
  info->exported_at = g_ascii_strtoll (g_hash_table_lookup (header, "exported_at"), NULL, 10);
  info->handovers = g_ascii_strtoll (g_hash_table_lookup (header, "handovers"), NULL, 10);
  info->undos = g_ascii_strtoll (g_hash_table_lookup (header, "undos"), NULL, 10);
  *digest = get_header (header, "events_sha256");
  return TRUE;
}

static gboolean
read_events (sqlite3 *db, const char *path, SerahStationBundle *bundle, GChecksum *sum,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT uuid, card_no, nik, card_serial, handed_at, operator,"
                              " station, recipient, proxy_name, proxy_relation, proxy_id_number,"
                              " uninvited, identified_by FROM handovers ORDER BY uuid",
                          -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *nik = NULL;
      SerahHandover *h = bundle_handover_from_row (stmt, &nik);

      if (h == NULL)
        {
          sqlite3_finalize (stmt);
          return not_a_bundle (error, path, _("a handover in it is incomplete"));
        }
      digest_handover (sum, h, nik);
      g_ptr_array_add (bundle->handovers, h);
      g_ptr_array_add (bundle->niks, nik);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return not_a_bundle (error, path, sqlite3_errmsg (db));

  if (sqlite3_prepare_v2 (db, "SELECT uuid, handover_uuid, undone_at, operator, station, reason"
                              " FROM undos ORDER BY uuid",
                          -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SerahHandover *u = bundle_undo_from_row (stmt);

      if (u == NULL)
        {
          sqlite3_finalize (stmt);
          return not_a_bundle (error, path, _("an undo in it is incomplete"));
        }
      digest_undo (sum, u);
      g_ptr_array_add (bundle->undos, u);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  return TRUE;
}

static gboolean
check_integrity (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int app_id = 0;

  /* A file that is not SQLite at all fails here with "file is not a database". */
  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int (stmt, 0);
  else
    first = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (first != NULL)
    return not_a_bundle (error, path, first);
  if (app_id != SERAH_STATION_APPLICATION_ID)
    return not_a_bundle (error, path, _("it is not a Serah bundle"));
  /* Another station's file decides what "SELECT ... FROM handovers" and the integrity
   * check run: a view there (an endless recursive one, say) or a generated column would
   * make this laptop compute whatever the file says. Only plain tables of stored columns
   * are read. */
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                              "         AND name IN ('header', 'handovers', 'undos')),"
                              " (SELECT count(*) FROM sqlite_schema s, pragma_table_xinfo (s.name) c"
                              "   WHERE s.type = 'table' AND c.hidden > 0)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 3 ||
      sqlite3_column_int (stmt, 1) != 0)
    first = g_strdup (_("it is not a Serah bundle"));
  sqlite3_finalize (stmt);
  if (first != NULL)
    return not_a_bundle (error, path, first);

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check(3)", -1, &stmt, NULL) != SQLITE_OK)
    return not_a_bundle (error, path, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    first = serah_store_column_dup (stmt, 0);
  else
    first = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (first, "ok") != 0)
    return not_a_bundle (error, path, first ? first : _("damaged"));
  return TRUE;
}

/* Reading a bundle of a few thousand events takes well under a second; CHECK constraints
 * and expression indexes that the integrity check evaluates could make a crafted file take
 * hours. Past this, the read is interrupted and the file refused. */
#define BUNDLE_READ_SECONDS 5

static int
bundle_read_deadline (void *user_data)
{
  return g_get_monotonic_time () > *(gint64 *) user_data;
}

SerahStationBundle *
serah_store_read_station_bundle (const char *path, gboolean header_only, GError **error)
{
  g_autoptr(SerahStationBundle) bundle = g_new0 (SerahStationBundle, 1);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *digest = NULL;
  sqlite3 *db = NULL;
  gint64 deadline = g_get_monotonic_time () + BUNDLE_READ_SECONDS * G_USEC_PER_SEC;
  gboolean ok;

  bundle->info = g_new0 (SerahStationBundleInfo, 1);
  bundle->handovers = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_handover_free);
  bundle->niks = g_ptr_array_new_with_free_func (g_free);
  bundle->undos = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_handover_free);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_UNREADABLE,
                   _("There is no bundle file “%s”."), path);
      return NULL;
    }
  /* Read-only: a bundle is evidence from another station, never written here. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_UNREADABLE,
                   _("Cannot open the bundle “%s”: %s"), path,
                   db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close_v2 (db);
      return NULL;
    }
  /* Nothing in the file's schema may run functions with side effects, and no value in a
   * bundle is anywhere near a megabyte: a generated column that builds a gigabyte string
   * is refused instead of exhausting memory. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1024 * 1024);
  sqlite3_progress_handler (db, 1000, bundle_read_deadline, &deadline);
  ok = check_integrity (db, path, error) && read_header (db, path, bundle->info, &digest, error);
  if (ok && !header_only)
    {
      ok = read_events (db, path, bundle, sum, error);
      if (ok && ((gint64) bundle->handovers->len != bundle->info->handovers ||
                 (gint64) bundle->undos->len != bundle->info->undos ||
                 g_strcmp0 (digest, g_checksum_get_string (sum)) != 0))
        ok = not_a_bundle (error, path, _("its events do not match its header (cut short or "
                                          "edited)"));
    }
  sqlite3_close_v2 (db);
  return ok ? g_steal_pointer (&bundle) : NULL;
}
