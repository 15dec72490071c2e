/* serah-backup.c: backups of the office database and restoring one.
 *
 * This file works on the database at the level of SQLite files (the online backup API, the
 * file header, PRAGMA integrity_check on a candidate), which is why, like serah-store*.c, it
 * talks to sqlite3 directly. Nothing here knows the tables of any area except "settings",
 * the mark of a Serah database.
 *
 * Why the backup API and not a file copy: the live database is in WAL mode and may be
 * written by another station while we copy; the API copies a consistent snapshot. Restore
 * goes the same way in the other direction, into the live connection, so it is one
 * transaction (all or nothing, crash-safe through the WAL) and the -wal/-shm files stay
 * those of the live database: nothing stale is left to be replayed over the restored data.
 */
#define G_LOG_DOMAIN "serah-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "admin/serah-operators-private.h"
#include "register/serah-store-participants-private.h"
#include "output/serah-output-private.h"
#include <serah/output/serah-output.h>
#include <serah/store/serah-backup.h>

G_DEFINE_QUARK (serah-backup-error-quark, serah_backup_error)

/* While another station holds the write lock, wait up to this many times 100 ms. */
#define BACKUP_BUSY_RETRIES   100
#define REASON_MAX_LENGTH     40
#define SQLITE_HEADER_LENGTH  100
static const char sqlite_magic[16] = "SQLite format 3";   /* with its NUL */

void
serah_backup_info_free (SerahBackupInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->reason);
  g_free (self);
}

static void
fsync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Makes the rename durable; some file systems (vfat sticks) cannot, which is fine. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static void
remove_with_sidecars (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

static gboolean
set_sqlite_error (GError **error, sqlite3 *db, int rc, const char *what)
{
  g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_FAILED, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Copies every page of src into dest in one step (one transaction on dest). */
static gboolean
copy_database (sqlite3 *dest, sqlite3 *src, const char *what, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc, tries = 0;

  if (backup == NULL)
    return set_sqlite_error (error, dest, SQLITE_ERROR, what);
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++tries <= BACKUP_BUSY_RETRIES)
        sqlite3_sleep (100);
      else if (rc != SQLITE_OK)
        break;
    }
  while (TRUE);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_FAILED, "%s: %s", what,
                   rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                   ? _("the database is busy on another station; try again")
                   : sqlite3_errmsg (dest));
      return FALSE;
    }
  return TRUE;
}

/* The first column of the first row of sql, or NULL. */
static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* A backup file must stand alone: switch it from WAL (copied from the live header) to a
 * rollback journal, and check it. The connection is reopened so it reads the header
 * that the copy wrote. */
static gboolean
finish_backup_file (const char *tmp, GError **error)
{
  sqlite3 *db = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;
  int rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      mode = query_text (db, "PRAGMA journal_mode = DELETE");
      /* The backup API copies the pages as they are, so the full check of the copy is the
       * full check of the database before the backup (issue #10: opening no longer runs it
       * on a large file), without holding the live database while it reads every page. */
      check = query_text (db, "PRAGMA integrity_check(5)");
    }
  else
    set_sqlite_error (error, db, rc, _("Cannot check the backup"));
  sqlite3_close_v2 (db);
  if (rc != SQLITE_OK)
    return FALSE;
  if (g_strcmp0 (mode, "delete") != 0 || g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_FAILED,
                   _("The backup did not check out (%s, %s)."), mode ? mode : "?",
                   check ? check : "?");
      return FALSE;
    }
  return TRUE;
}

/* dest: a path checked by the caller (serah_output_check for a person's, the backups folder
 * for an automatic one). */
static gboolean
create_backup (SerahStore *store, const char *dest, GError **error)
{
  sqlite3 *src, *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *base = NULL;
  g_autofree char *journal = NULL;
  int fd, rc;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  src = serah_store_get_db (store);
  if (!sqlite3_get_autocommit (src))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_IN_TRANSACTION,
                   "a backup must be made before the transaction begins");
      return FALSE;
    }
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS,
                   _("“%s” exists already; choose another name (nothing is overwritten)."), dest);
      return FALSE;
    }
  dir = g_path_get_dirname (dest);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_FOUND,
                   _("Cannot write the backup: the folder “%s” does not exist."), dir);
      return FALSE;
    }

  /* Written beside the destination under a temporary name, then renamed, so a half-written
   * file never carries the backup's name. Owner-only: it holds everybody's NIK. */
  base = g_path_get_basename (dest);
  tmp = g_strdup_printf ("%s/.%.80s" SERAH_OUTPUT_TEMP_MARK "XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      serah_output_set_errno_error (error, errno, dest);
      g_prefix_error (error, _("Cannot write the backup: "));
      return FALSE;
    }
  close (fd);
  /* A kill before the rename leaves the temporary: the next start removes it. */
  journal = serah_output_journal_add (tmp);

  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    ok = set_sqlite_error (error, db, rc, _("Cannot write the backup"));
  else
    ok = copy_database (db, src, _("Cannot copy the database"), error);
  sqlite3_close_v2 (db);
  ok = ok && finish_backup_file (tmp, error);

  if (ok && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS,
                   _("“%s” exists already; choose another name (nothing is overwritten)."), dest);
      ok = FALSE;
    }
  if (ok && g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_FAILED,
                   _("Cannot name the backup “%s”: %s"), dest, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    remove_with_sidecars (tmp);
  else
    fsync_dir (dir);
  serah_output_journal_remove (g_steal_pointer (&journal));
  return ok;
}

gboolean
serah_backup_create (SerahStore *store, const char *dest, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_autoptr(GError) local = NULL;
  GStatBuf st;

  if (!sqlite3_get_autocommit (serah_store_get_db (store)))
    return create_backup (store, dest, error); /* refused there: inside a transaction */
  if (g_lstat (dest, &st) == 0)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS,
                   _("“%s” exists already; choose another name (nothing is overwritten)."), dest);
      return FALSE;
    }
  /* A person's path: never the database, its -wal/-shm, the backups folder or a device;
   * and a backup never replaces anything (no --force here). */
  if (!serah_output_check (dest, SERAH_OUTPUT_NONE, &local))
    {
      if (g_error_matches (local, SERAH_OUTPUT_ERROR, SERAH_OUTPUT_ERROR_EXISTS))
        g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS,
                     _("“%s” exists already; choose another name (nothing is overwritten)."),
                     dest);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return create_backup (store, dest, error);
}

/* ---- automatic backups ---- */

static char *
backup_dir_for (const char *db_path)
{
  g_autofree char *absolute = g_canonicalize_filename (db_path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);

  return g_build_filename (dir, SERAH_BACKUP_DIR_NAME, NULL);
}

char *
serah_backup_get_dir (SerahStore *store)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return backup_dir_for (serah_store_get_path (store));
}

/* "serah.db" -> "serah": the prefix of its automatic backups. */
static char *
backup_prefix (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (strlen (base) > 3 && g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static char *
fold_reason (const char *reason)
{
  GString *out = g_string_new (NULL);

  for (const char *c = reason ? reason : ""; *c != '\0' && out->len < REASON_MAX_LENGTH; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (out, g_ascii_tolower (*c));
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "auto");
  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static int
digits_value (const char *s, gsize n)
{
  int value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (s[i] - '0');
  return value;
}

/* Parses "<prefix>-YYYYmmdd-HHMMSS-<reason>.db"; anything else is not ours. */
static SerahBackupInfo *
parse_backup_name (const char *dir, const char *prefix, const char *name)
{
  gsize plen = strlen (prefix), len = strlen (name), reason_len;
  const char *rest, *reason;
  g_autoptr(GDateTime) when = NULL;
  SerahBackupInfo *info;

  if (len < plen + 1 + 15 + 1 + 1 + 3 || strncmp (name, prefix, plen) != 0 || name[plen] != '-' ||
      !g_str_has_suffix (name, ".db"))
    return NULL;
  rest = name + plen + 1;
  if (!all_digits (rest, 8) || rest[8] != '-' || !all_digits (rest + 9, 6) || rest[15] != '-')
    return NULL;
  reason = rest + 16;
  reason_len = len - (reason - name) - 3;
  for (gsize i = 0; i < reason_len; i++)
    if (!(g_ascii_islower (reason[i]) || g_ascii_isdigit (reason[i]) || reason[i] == '-'))
      return NULL;

  when = g_date_time_new_local (digits_value (rest, 4), digits_value (rest + 4, 2),
                                digits_value (rest + 6, 2), digits_value (rest + 9, 2),
                                digits_value (rest + 11, 2), digits_value (rest + 13, 2));
  if (when == NULL)
    return NULL;

  info = g_new0 (SerahBackupInfo, 1);
  info->path = g_build_filename (dir, name, NULL);
  info->reason = g_strndup (reason, reason_len);
  info->created_at = g_date_time_to_unix (when);
  return info;
}

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const SerahBackupInfo *x = *(SerahBackupInfo *const *) a;
  const SerahBackupInfo *y = *(SerahBackupInfo *const *) b;

  if (x->created_at != y->created_at)
    return x->created_at < y->created_at ? 1 : -1;
  return -g_strcmp0 (x->path, y->path);
}

static GPtrArray *
list_backups (const char *db_path, GError **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_backup_info_free);
  g_autofree char *dir = backup_dir_for (db_path);
  g_autofree char *prefix = backup_prefix (db_path);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&list);
  listing = g_dir_open (dir, 0, &local_error);
  if (listing == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      SerahBackupInfo *info = parse_backup_name (dir, prefix, name);
      GStatBuf st;

      /* Only plain files: a symlink named like a backup is not ours to delete. */
      if (info != NULL && g_lstat (info->path, &st) == 0 && S_ISREG (st.st_mode))
        g_ptr_array_add (list, info);
      else
        serah_backup_info_free (info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

GPtrArray *
serah_backup_list_automatic (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return list_backups (serah_store_get_path (store), error);
}

int
serah_backup_prune (const char *db_path, GDateTime *now, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) days_kept = g_hash_table_new (NULL, NULL);
  GDate today;
  int removed = 0;

  g_return_val_if_fail (db_path != NULL && now != NULL, -1);

  list = list_backups (db_path, error);
  if (list == NULL)
    return -1;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  /* Newest first: the first backup seen of a day is that day's newest. */
  for (guint i = 0; i < list->len; i++)
    {
      SerahBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (info->created_at);
      gboolean keep = i < SERAH_BACKUP_KEEP_NEWEST;
      GDate day;
      int age;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                      g_date_time_get_year (when));
      age = g_date_days_between (&day, &today);
      if (age >= 0 && age < SERAH_BACKUP_KEEP_DAYS &&
          !g_hash_table_contains (days_kept, GINT_TO_POINTER (age + 1)))
        {
          g_hash_table_add (days_kept, GINT_TO_POINTER (age + 1));
          keep = TRUE;
        }
      if (keep)
        continue;
      if (g_unlink (info->path) == 0)
        removed++;
      else
        g_message ("cannot remove the old backup %s: %s", info->path, g_strerror (errno));
    }
  return removed;
}

char *
serah_backup_automatic_path (SerahStore *store, const char *reason, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) prune_error = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = serah_backup_get_dir (store);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_FAILED,
                   _("Cannot create the backup folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  prefix = backup_prefix (serah_store_get_path (store));
  folded = fold_reason (reason);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  /* Two backups in the same second (an import right after a print run) get -2, -3... */
  for (int n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s-%s.db", prefix, stamp, folded)
                                     : g_strdup_printf ("%s-%s-%s-%d.db", prefix, stamp, folded, n);
      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  if (!create_backup (store, path, error))
    {
      g_prefix_error (error, _("Cannot make the automatic backup: "));
      return NULL;
    }
  /* Pruning trouble must not stop the import or ceremony that asked for the backup. */
  if (serah_backup_prune (serah_store_get_path (store), now, &prune_error) < 0)
    g_message ("cannot prune old backups in %s: %s", dir, prune_error->message);
  return g_steal_pointer (&path);
}

gboolean
serah_backup_automatic (SerahStore *store, const char *reason, GError **error)
{
  g_autofree char *path = serah_backup_automatic_path (store, reason, error);
  return path != NULL;
}

gboolean
serah_backup_before_import (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (serah_store_count_participants (store) == 0)
    return TRUE;
  return serah_backup_automatic (store, "import", error);
}

/* ---- checking and restoring ---- */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static const char *
describe_other_file (const guint8 *head, gssize n)
{
  if (n >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return _("it is a PNG image");
  if (n >= 4 && memcmp (head, "%PDF", 4) == 0)
    return _("it is a PDF document");
  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return _("it is a ZIP or spreadsheet file");
  if (n >= 2 && memcmp (head, "\xff\xd8", 2) == 0)
    return _("it is a JPEG image");
  if (g_utf8_validate ((const char *) head, n, NULL))
    return _("it looks like text, perhaps a CSV list");
  return _("it is some other kind of file");
}

/* Reads the first 100 bytes and checks what the SQLite header promises against the
 * size of the file; a truncated copy is refused before SQLite reads it at all. */
static gboolean
check_header (const char *path, goffset size, GError **error)
{
  guint8 head[SQLITE_HEADER_LENGTH] = { 0 };
  gssize n;
  guint32 page_size, page_count;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_FOUND,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, head, sizeof head);
  close (fd);

  if (n < (gssize) sizeof sqlite_magic || memcmp (head, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_DATABASE,
                   _("“%s” is not a Serah database (%s)."), path,
                   describe_other_file (head, MAX (n, 0)));
      return FALSE;
    }
  page_size = ((guint32) head[16] << 8) | head[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (head + 28);
  if (n < (gssize) sizeof head || page_size < 512 || (page_size & (page_size - 1)) != 0 ||
      size % page_size != 0 ||
      /* The page count is only trusted when "version-valid-for" matches the change counter. */
      (read_be32 (head + 92) == read_be32 (head + 24) && page_count > 0 &&
       (goffset) page_size * page_count > size))
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GOFFSET_FORMAT, size);
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_TRUNCATED,
                   _("“%s” is incomplete (cut off at %s bytes): it was not copied to the end. "
                     "Use another backup."),
                   path, size_text);
      return FALSE;
    }
  return TRUE;
}

/* Opens path read-only and immutable (nothing is written, not even beside it) after
 * checking it is a whole, undamaged Serah database this program can open. */
static sqlite3 *
open_candidate (const char *path, int *schema_version, char **database_id, GError **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  const char *sidecar = NULL;
  g_autofree char *file_uri = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *check = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *id = NULL;
  GStatBuf st;
  sqlite3 *db = NULL;
  int version, rc;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_FOUND,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_DATABASE,
                   _("“%s” is not a file."), path);
      return NULL;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EMPTY,
                   _("“%s” is empty: it is not a backup."), path);
      return NULL;
    }
  if (!check_header (path, st.st_size, error))
    return NULL;
  /* Opened immutable, SQLite ignores a WAL or a hot journal beside the file: committed
   * changes would be lost, or a half-written transaction read. Neither is a backup. */
  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    sidecar = wal;
  else if (g_stat (journal, &st) == 0 && st.st_size > 0)
    sidecar = journal;
  if (sidecar != NULL)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_UNSAFE,
                   _("“%s” has changes in “%s” beside it that are not in the file itself. Open "
                     "it with Serah once (or make a backup of it with serah-cli backup) and "
                     "restore that copy."),
                   path, sidecar);
      return NULL;
    }

  file_uri = g_filename_to_uri (absolute, NULL, NULL);
  uri = g_strconcat (file_uri, "?mode=ro&immutable=1", NULL);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_DATABASE,
                   _("Cannot open “%s”: %s"), path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  check = query_text (db, "PRAGMA integrity_check(5)");
  if (g_strcmp0 (check, "ok") != 0)
    {
      if (check != NULL)
        g_strdelimit (check, "\r\n", ' ');
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Use another backup."), path,
                   check ? check : sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return NULL;
    }
  version_text = query_text (db, "PRAGMA user_version");
  version = version_text ? (int) g_ascii_strtoll (version_text, NULL, 10) : 0;
  id = query_text (db, "SELECT value FROM settings WHERE key = 'database-id'");
  if (id == NULL || version < 1)
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_NOT_SERAH,
                   _("“%s” is an SQLite database but not a Serah database."), path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (version > serah_store_get_latest_schema_version ())
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Serah (schema %d, this program knows %d). "
                     "Update Serah before restoring it."),
                   path, version, serah_store_get_latest_schema_version ());
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (schema_version != NULL)
    *schema_version = version;
  if (database_id != NULL)
    *database_id = g_steal_pointer (&id);
  return db;
}

gboolean
serah_backup_check_candidate (const char *path, int *schema_version, char **database_id,
                              GError **error)
{
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db = open_candidate (path, schema_version, database_id, error);
  sqlite3_close_v2 (db);
  return db != NULL;
}

static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;
  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

char *
serah_backup_office_label (SerahStore *store)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  name = serah_store_get_setting (store, "office-name");
  if (name != NULL && *g_strstrip (name) != '\0')
    return g_steal_pointer (&name);
  return g_strdup (serah_store_get_database_id (store));
}

SerahStore *
serah_backup_restore (SerahStore *store, const char *candidate, const char *operator_name,
                      char **saved_to, GError **error)
{
  return serah_backup_restore_confirmed (store, candidate, NULL, NULL, operator_name, saved_to,
                                         error);
}

SerahStore *
serah_backup_restore_confirmed (SerahStore *store, const char *candidate,
                                const char *replace_office, const char *with_office,
                                const char *operator_name, char **saved_to, GError **error)
{
  g_autofree char *live_path = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *pre = NULL;
  g_autofree char *details = NULL;
  g_autofree char *version_text = NULL;
  g_autofree char *from = NULL;
  g_autoptr(SerahStore) fresh = NULL;
  sqlite3 *live, *db;
  int version = 0;
  gboolean copied;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (candidate != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  live_path = g_strdup (serah_store_get_path (store));
  live = serah_store_get_db (store);
  if (same_file (candidate, live_path))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_UNSAFE,
                   _("“%s” is the database itself, not a backup of it."), candidate);
      return NULL;
    }
  if (!sqlite3_get_autocommit (live))
    {
      g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_IN_TRANSACTION,
                   "a restore must not run inside a transaction");
      return NULL;
    }

  db = open_candidate (candidate, &version, &new_id, error);
  if (db == NULL)
    return NULL;

  /* Another office's database: every card printed here would verify as "another office".
   * The refusal is the default; confirming names both offices exactly. */
  if (g_strcmp0 (new_id, serah_store_get_database_id (store)) != 0)
    {
      g_autofree char *here = serah_backup_office_label (store);
      g_autofree char *there = query_text (db, "SELECT trim (value) FROM settings"
                                               " WHERE key = 'office-name' AND trim (value) <> ''");

      if (there == NULL)
        there = g_strdup (new_id);
      if (g_strcmp0 (replace_office, here) != 0 || g_strcmp0 (with_office, there) != 0)
        {
          sqlite3_close_v2 (db);
          g_set_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_OTHER_OFFICE,
                       _("“%s” is a backup of another office database (“%s”), not of this one "
                         "(“%s”): after restoring it, every card printed from this database "
                         "would be refused as another office's. Nothing was changed. If that "
                         "is really meant, confirm with --replace-office \"%s\" --with-office "
                         "\"%s\"."),
                       candidate, there, here, here, there);
          return NULL;
        }
    }

  /* From here on the live database changes; keep it first. */
  old_id = g_strdup (serah_store_get_database_id (store));
  pre = serah_backup_automatic_path (store, "pre-restore", error);
  copied = pre != NULL && copy_database (live, db, _("Cannot restore the backup; nothing was "
                                                     "changed"), error);
  sqlite3_close_v2 (db);
  if (!copied)
    return NULL;
  /* Fold the restored pages into the main file now; a reader on another station may keep
   * the checkpoint from finishing, which is harmless. */
  sqlite3_exec (live, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  /* A fresh connection upgrades an older schema and reads the restored database-id. */
  fresh = serah_store_open (live_path, error);
  if (fresh == NULL)
    {
      g_prefix_error (error, _("The backup was restored but cannot be opened (the previous "
                               "database is in “%s”): "),
                      pre);
      return NULL;
    }
  from = g_canonicalize_filename (candidate, NULL);
  version_text = g_strdup_printf ("%d", version);
  details = serah_audit_details ("from", from, "previous_saved_to", pre, "previous_database_id",
                                 old_id, "restored_database_id", new_id, "restored_schema",
                                 version_text, NULL);
  if (!serah_audit_record (fresh, operator_name, "restore", from, details, error))
    {
      g_prefix_error (error, _("The backup was restored (the previous database is in “%s”) "
                               "but the restore could not be recorded: "),
                      pre);
      return NULL;
    }
  if (saved_to != NULL)
    *saved_to = g_steal_pointer (&pre);
  return g_steal_pointer (&fresh);
}
