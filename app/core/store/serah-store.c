/* serah-store.c: opening, checking and migrating the office database; transactions,
 * settings and the prepared-statement cache shared by the serah-store-*.c areas.
 *
 * Opening is cheap whatever the size (issue #10: a full PRAGMA integrity_check on every open
 * cost 5-7 s of CPU at a million participants, for every serah-cli call and every GUI
 * worker). The full check reads every page, so it runs where it pays: on open when the file is
 * small enough that it costs a few milliseconds, on open after an unclean shutdown (a hot WAL
 * or rollback journal that no live connection owns), on demand (serah_store_check_integrity,
 * `serah-cli check`) and on the backup copies. Otherwise the open reads the header and the
 * schema only; SQLite still refuses damaged pages with SQLITE_CORRUPT when a query reaches
 * them, so damage is reported, never silently read.
 *
 * Durability is chosen on purpose: WAL journal with synchronous=FULL, so a transaction
 * that returned from COMMIT (a handover, an import) survives a power cut a second later.
 * NORMAL would be faster but may lose the last commits on power loss in WAL mode.
 *
 * Opening never harms a file that is not ours (issue 17): an existing file is first opened
 * read-only and must be a Serah database (application_id "SRHD", or for databases made
 * before it, a settings table with a database-id) that passes integrity_check; only then is
 * it opened for writing and upgraded, all migrations in one transaction. A healthy database
 * that cannot be written (read-only folder or mount, permission, disk full) gets a message
 * saying exactly that, never the advice to restore.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <serah/output/serah-output.h>

#include "store/serah-store-private.h"

struct _SerahStore
{
  GObject     parent_instance;
  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* const char *sql -> sqlite3_stmt* */
  char       *database_id;
  int         tx_depth;
  guint       protect_handle; /* outputs may never name this database (serah-output) */
  dev_t       live_dev;      /* registered in live_files while open (see below) */
  ino_t       live_ino;
  gboolean    live;
  gboolean    refused;       /* opening failed: leave the file and its WAL exactly as found */
  gint64      busy_limit_us; /* how long busy_handler waits for another writer's lock */
  gint64      busy_since;    /* monotonic time the current wait began */
  gint64      busy_noted;    /* when this wait was last written to the -wait file */
  int         wait_fd;       /* the -wait file, opened when first needed; -1 when not */
};

G_DEFINE_TYPE (SerahStore, serah_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (serah-store-error-quark, serah_store_error)

enum { PROP_0, PROP_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *const migrations[] = {
  serah_store_schema_participants,
  serah_store_schema_printing,
  serah_store_schema_ceremonies,
  serah_store_schema_testimonials,
  serah_store_schema_operators,
  serah_store_schema_outreach,        /* outreach (issue 15) */
  serah_store_schema_search,          /* register: FTS5 name indexes */
  serah_store_schema_corrections,     /* outreach: data corrections and their reprints (issue 15) */
  serah_store_schema_import_runs,     /* register: imports committed in slices */
  serah_store_schema_coverage,        /* reports: coverage counts per area (issue 10) */
  serah_store_schema_serial_blocks,   /* cards: serial blocks from the office server (issue 16) */
  serah_store_schema_pulled_media,    /* server: testimonial files pulled from the office server */
  serah_store_schema_coverage_ceremonies, /* reports: coverage counts per ceremony (issue 10) */
  serah_store_schema_search_compact,  /* register: the FTS5 name indexes without row sizes (issue 10) */
};

int
serah_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Which database files this process has open, by device and inode.
 *
 * An unclean shutdown leaves a non-empty -wal (or a hot -journal) that no connection owns; a
 * live connection in another process leaves the same files but holds a shared lock on the
 * -shm's "dead man switch" byte, which F_GETLK shows. F_GETLK does not show this process's own
 * locks, and opening and closing the -shm here would drop every POSIX lock SQLite holds on it
 * in this process; so a file this process already has open is known to be live from this
 * table, and the -shm is only probed when it is not. The one piece of process-wide state in the
 * store, for the same reason SQLite keeps its own table of open inodes. */
static GMutex      live_files_lock;
static GHashTable *live_files;   /* "dev:ino" -> count */

#define SHM_DEAD_MAN_SWITCH_BYTE 128   /* UNIX_SHM_DMS in SQLite's unix VFS */

static char *
live_key (dev_t dev, ino_t ino)
{
  return g_strdup_printf ("%ju:%ju", (uintmax_t) dev, (uintmax_t) ino);
}

static void
live_files_enter_locked (SerahStore *self, dev_t dev, ino_t ino)
{
  g_autofree char *key = live_key (dev, ino);
  guint count;

  if (live_files == NULL)
    live_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (live_files, key));
  g_hash_table_insert (live_files, g_steal_pointer (&key), GUINT_TO_POINTER (count + 1));
  self->live_dev = dev;
  self->live_ino = ino;
  self->live = TRUE;
}

static void
live_files_leave (SerahStore *self)
{
  g_autofree char *key = NULL;
  guint count;

  if (!self->live)
    return;
  key = live_key (self->live_dev, self->live_ino);
  g_mutex_lock (&live_files_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (live_files, key));
  if (count <= 1)
    g_hash_table_remove (live_files, key);
  else
    g_hash_table_insert (live_files, g_steal_pointer (&key), GUINT_TO_POINTER (count - 1));
  g_mutex_unlock (&live_files_lock);
  self->live = FALSE;
}

static gboolean
file_has_content (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 && st.st_size > 0;
}

/* Is a connection in another process holding the -shm of @path? */
static gboolean
shm_held_elsewhere (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                         .l_start = SHM_DEAD_MAN_SWITCH_BYTE, .l_len = 1 };
  int fd = g_open (shm, O_RDONLY | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;
  held = fcntl (fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  close (fd);
  return held;
}

/* Registers @self as open on @path and says whether the file was left by an unclean shutdown:
 * a WAL with frames or a hot rollback journal, that no connection (in this process or
 * another) owns. */
static gboolean
enter_and_detect_unclean (SerahStore *self, const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *key = NULL;
  GStatBuf st;
  gboolean unclean = FALSE;

  if (g_stat (path, &st) != 0)
    return FALSE;
  key = live_key (st.st_dev, st.st_ino);
  g_mutex_lock (&live_files_lock);
  if ((live_files == NULL || !g_hash_table_contains (live_files, key)) &&
      (file_has_content (wal) || file_has_content (journal)))
    unclean = !shm_held_elsewhere (path);
  live_files_enter_locked (self, st.st_dev, st.st_ino);
  g_mutex_unlock (&live_files_lock);
  return unclean;
}

static goffset
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? st.st_size : 0;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
serah_store_finalize (GObject *object)
{
  SerahStore *self = SERAH_STORE (object);

  if (self->wait_fd >= 0)
    close (self->wait_fd);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Fold the WAL back into the main file so a copied .db is complete; a refused file
       * keeps its WAL as it was (closing would otherwise checkpoint it into the damage). A
       * TRUNCATE checkpoint waits for writers through the busy handler: never wait here (a
       * scan closing while an import writes would wait the whole busy timeout for a nicety). */
      if (self->refused)
        sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      else
        {
          sqlite3_busy_timeout (self->db, 0);
          sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        }
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  serah_output_unprotect (self->protect_handle);
  live_files_leave (self);
  g_free (self->path);
  g_free (self->database_id);

  G_OBJECT_CLASS (serah_store_parent_class)->finalize (object);
}

static void
serah_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahStore *self = SERAH_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_store_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SerahStore *self = SERAH_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_store_class_init (SerahStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = serah_store_finalize;
  object_class->get_property = serah_store_get_property;
  object_class->set_property = serah_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_store_init (SerahStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  self->wait_fd = -1;
}

sqlite3 *
serah_store_get_db (SerahStore *self)
{
  return self->db;
}

gboolean
serah_store_set_error (SerahStore *self, GError **error, const char *what)
{
  int code = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_ERROR;
  int primary = code & 0xff;
  SerahStoreError kind = SERAH_STORE_ERROR_FAILED;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    kind = SERAH_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_CONSTRAINT)
    kind = SERAH_STORE_ERROR_CONSTRAINT;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    kind = SERAH_STORE_ERROR_BUSY;
  else if (primary == SQLITE_FULL)
    kind = SERAH_STORE_ERROR_NO_SPACE;
  else if (primary == SQLITE_READONLY)
    kind = SERAH_STORE_ERROR_READ_ONLY;
  else if (primary == SQLITE_PERM)
    kind = SERAH_STORE_ERROR_PERMISSION;

  if (kind == SERAH_STORE_ERROR_BUSY)
    g_set_error (error, SERAH_STORE_ERROR, kind,
                 _("%s: the database is busy (another program is writing to it); nothing was "
                   "recorded. Try again."), what);
  else if (kind == SERAH_STORE_ERROR_NO_SPACE)
    g_set_error (error, SERAH_STORE_ERROR, kind,
                 _("%s: the disk is full; nothing was recorded. Free some space and try "
                   "again."), what);
  else if (kind == SERAH_STORE_ERROR_READ_ONLY)
    g_set_error (error, SERAH_STORE_ERROR, kind,
                 _("%s: the database cannot be written (read-only); nothing was recorded."),
                 what);
  else
    g_set_error (error, SERAH_STORE_ERROR, kind, "%s: %s", what,
                 self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (code));
  return FALSE;
}

sqlite3_stmt *
serah_store_prepare (SerahStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      serah_store_set_error (self, error, _("Cannot prepare a database query"));
      g_debug ("failed SQL: %s", sql);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
serah_store_exec (SerahStore *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_FULL ||
          code == SQLITE_READONLY || code == SQLITE_PERM)
        {
          serah_store_set_error (self, error, _("Cannot write to the database"));
          sqlite3_free (msg);
          return FALSE;
        }
      g_set_error (error, SERAH_STORE_ERROR,
                   (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) ? SERAH_STORE_ERROR_CORRUPT
                   : SERAH_STORE_ERROR_FAILED,
                   "%s", msg ? msg : sqlite3_errmsg (self->db));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_store_step_done (SerahStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      serah_store_set_error (self, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
serah_store_list_rows (SerahStore *self, sqlite3_stmt *stmt, SerahStoreRowFunc row_func,
                       GDestroyNotify free_func, const char *what, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  g_assert (stmt != NULL && row_func != NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (self, error, what);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
serah_store_foreach_row (SerahStore *self, sqlite3_stmt *stmt, SerahStoreForeachFunc func,
                         gpointer user_data, const char *what, GError **error)
{
  int rc;

  g_assert (stmt != NULL && func != NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!func (stmt, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (self, error, what);
  return TRUE;
}

void
serah_store_bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
serah_store_column_dup (sqlite3_stmt *stmt, int index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);
  return text ? g_strdup ((const char *) text) : NULL;
}

gboolean
serah_store_begin (SerahStore *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  /* Nested begins join the outer transaction; IMMEDIATE takes the write lock up front so
   * a second station process gets SQLITE_BUSY at BEGIN, not half way through. */
  if (self->tx_depth++ > 0)
    return TRUE;
  if (!serah_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      self->tx_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_store_begin_read (SerahStore *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  if (self->tx_depth++ > 0)
    return TRUE;
  if (!serah_store_exec (self, "BEGIN DEFERRED", error))
    {
      self->tx_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_store_commit (SerahStore *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;
  if (!serah_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
serah_store_rollback (SerahStore *self)
{
  g_return_if_fail (SERAH_IS_STORE (self));

  if (self->tx_depth == 0)
    return;
  self->tx_depth = 0;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
read_user_version (SerahStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

int
serah_store_get_schema_version (SerahStore *self)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), -1);
  return read_user_version (self);
}

static gboolean
set_corrupt_error (SerahStore *self, const char *what, GError **error)
{
  g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged (%s). Nothing was changed; restore it "
                 "from a backup."),
               self->path, what ? what : "?");
  return FALSE;
}

/* Every page, every index against its table: cost proportional to the file. */
static gboolean
check_integrity_full (SerahStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check(5)", -1, &stmt, NULL) != SQLITE_OK)
    {
      int primary = sqlite3_extended_errcode (self->db) & 0xff;
      if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT,
                     _("The database “%s” is damaged (%s). Nothing was changed; restore it "
                       "from a backup."), self->path, sqlite3_errmsg (self->db));
      else
        serah_store_set_error (self, error, _("Cannot read the database"));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if ((sqlite3_extended_errcode (self->db) & 0xff) != SQLITE_CORRUPT)
    {
      /* Not the file's fault (busy, I/O, no memory): say so, never "restore". */
      serah_store_set_error (self, error, _("Cannot read the database"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  else
    first = g_strdup (sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);

  if (g_strcmp0 (first, "ok") != 0)
    return set_corrupt_error (self, first, error);
  return TRUE;
}

/* The header and the schema, which every statement needs anyway: a file that is not a
 * database, or whose first pages are damaged, is refused here at no cost. */
static gboolean
check_integrity_cheap (SerahStore *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT,
                   _("“%s” is not a Serah database or is damaged (%s). Restore it from a backup."),
                   self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

static guint32 read_application_id (sqlite3 *db);
/**
 * serah_store_check_integrity:
 * @self: an open store
 * @error: return location for a #GError
 *
 * Runs SQLite's full integrity check (every page, every index against its table). It reads the
 * whole file: seconds at a million participants, so call it on demand or from a worker with
 * its own connection (serah_store_open_like), never on the UI thread of a large database.
 *
 * Returns: %TRUE if the database is sound; %FALSE with %SERAH_STORE_ERROR_CORRUPT (or another
 *   error if the check could not run) otherwise
 */
gboolean
serah_store_check_integrity (SerahStore *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return check_integrity_full (self, error);
}

static gboolean
migrate (SerahStore *self, GError **error)
{
  int version = read_user_version (self);
  int latest = G_N_ELEMENTS (migrations);

  if (version < 0)
    return serah_store_set_error (self, error, _("Cannot read the database version"));
  if (version > latest)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer Serah (schema %d, this "
                     "program knows %d). Update Serah."),
                   self->path, version, latest);
      return FALSE;
    }

  if (version == latest && read_application_id (self->db) == SERAH_STORE_APPLICATION_ID)
    {
      g_autofree char *secret = serah_store_get_setting (self, "qr-secret");
      self->database_id = serah_store_get_setting (self, "database-id");
      if (self->database_id != NULL && secret != NULL)
        return TRUE;
      g_clear_pointer (&self->database_id, g_free);
    }

  /* Every step, the schema version, the application_id and the database-id in one
   * transaction: a file is either fully upgraded or exactly as it was. */
  if (!serah_store_begin (self, error))
    return FALSE;
  for (int step = version; step < latest; step++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", step + 1);

      if (!serah_store_exec (self, migrations[step], error) ||
          !serah_store_exec (self, set_version, error))
        {
          serah_store_rollback (self);
          g_prefix_error (error, _("Cannot upgrade the database to schema %d: "), step + 1);
          return FALSE;
        }
    }
  if (!serah_store_exec (self, "PRAGMA application_id = 1397901380", error))
    {
      serah_store_rollback (self);
      return FALSE;
    }
  G_STATIC_ASSERT (SERAH_STORE_APPLICATION_ID == 1397901380);
  /* The office secret of QR codes and station bundles (serah-payload.c reads it: 64 hex
   * digits) exists from the start, so that every copy a station works on shares it; made
   * lazily at the first card, copies taken before would each invent their own and their
   * bundles could never be authenticated (issue 17). SQLite's randomness is seeded from
   * the operating system. */
  if (!serah_store_exec (self, "INSERT OR IGNORE INTO settings (key, value)"
                               " VALUES ('qr-secret', lower (hex (randomblob (32))))",
                         error))
    {
      serah_store_rollback (self);
      return FALSE;
    }
  self->database_id = serah_store_get_setting (self, "database-id");
  if (self->database_id == NULL)
    {
      self->database_id = g_uuid_string_random ();
      if (!serah_store_set_setting (self, "database-id", self->database_id, error))
        {
          serah_store_rollback (self);
          g_clear_pointer (&self->database_id, g_free);
          return FALSE;
        }
    }
  return serah_store_commit (self, error);
}

/* ---- opening without harm ---- */

/* SERAH_BUSY_TIMEOUT_MS (digits only) shortens the wait, so that a test of a busy database
 * does not wait the full SERAH_STORE_BUSY_TIMEOUT_MS. */
static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("SERAH_BUSY_TIMEOUT_MS");
  guint64 ms;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 600000, &ms, NULL))
    return (int) ms;
  return SERAH_STORE_BUSY_TIMEOUT_MS;
}

/* Waits for another writer's lock, trying again every millisecond or two. Why not
 * sqlite3_busy_timeout: it sleeps longer and longer between tries (up to 100 ms), so it
 * almost never sees the few milliseconds a long writer leaves the lock free between two of
 * its slices (an import, serah-import.c): a scan during an import of 400 000 rows waited
 * for the whole import. Polling this often costs a waiting process little: it waits for a
 * slice of a few hundred milliseconds at most. */
/* The -wait file beside the database: 8 bytes, the CLOCK_MONOTONIC time (shared by every
 * process of the machine) at which some connection last waited for the write lock. A long
 * writer (an import) reads it after every batch and commits its slice at once when someone
 * waits, so slices can be long (few commits: each one rewrites the index pages it touched)
 * and a scan still gets in within a batch. Opened lazily; a folder where it cannot be
 * created (read-only) just means no one is told. */
static gboolean
open_wait_file (SerahStore *self, gboolean create)
{
  g_autofree char *path = NULL;

  if (self->wait_fd >= 0)
    return TRUE;
  if (self->path == NULL)
    return FALSE;
  /* Only a waiting connection creates it: a database nobody waited for has none. */
  path = g_strconcat (self->path, "-wait", NULL);
  self->wait_fd = g_open (path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  return self->wait_fd >= 0;
}

gboolean
serah_store_writer_waiting (SerahStore *self, gint64 since)
{
  gint64 noted = 0;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  if (!open_wait_file (self, FALSE) || pread (self->wait_fd, &noted, sizeof noted, 0) != sizeof noted)
    return FALSE;
  return noted > since;
}

static void
note_waiting (SerahStore *self, gint64 now)
{
  if (now - self->busy_noted < 20000 || !open_wait_file (self, TRUE))
    return;
  self->busy_noted = now;
  if (pwrite (self->wait_fd, &now, sizeof now, 0) != sizeof now)
    g_debug ("Cannot note a wait for the lock of %s", self->path);
}

static int
busy_handler (void *data, int count)
{
  SerahStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now, self->busy_noted = 0;
  if (now - self->busy_since >= self->busy_limit_us)
    return 0;
  note_waiting (self, now);
  g_usleep (count < 100 ? 1000 : 2000);
  return 1;
}

static guint32
read_application_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint32 id = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = (guint32) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* Why a healthy database cannot be opened for writing, if it is one of the reasons people
 * can act on: a read-only mount, a read-only folder or file, a full disk. */
static gboolean
explain_unwritable (const char *path, gboolean exists, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *display = g_filename_display_name (path);
  struct statvfs vfs;

  if (statvfs (dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is on a read-only disk (mounted read-only). It is "
                     "not damaged; copy it to a writable disk or mount this one for "
                     "writing."), display);
      return FALSE;
    }
  if (exists && access (path, W_OK) != 0 && (errno == EACCES || errno == EPERM))
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_PERMISSION,
                   _("Permission denied: this account may not write the database “%s”. It is "
                     "not damaged; ask the computer's administrator for write access."),
                   display);
      return FALSE;
    }
  /* SQLite makes the -wal and -shm files beside the database: the folder must be writable
   * unless they are there already. */
  if ((!exists || !g_file_test (wal, G_FILE_TEST_EXISTS)) && access (dir, W_OK) != 0 &&
      (errno == EACCES || errno == EPERM || errno == EROFS))
    {
      g_autofree char *ddisplay = g_filename_display_name (dir);
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” is read-only for this account, so the database “%s” "
                     "cannot be written there. It is not damaged; move it to a folder you "
                     "may write to."), ddisplay, display);
      return FALSE;
    }
  /* The -wal and -shm need a few pages; below 64 KB every write fails half way. */
  if (statvfs (dir, &vfs) == 0 && (guint64) vfs.f_bavail * vfs.f_frsize < 64 * 1024 &&
      geteuid () != 0)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NO_SPACE,
                   _("The disk holding the database “%s” is full. It is not damaged and "
                     "nothing was changed; free some space and try again."), display);
      return FALSE;
    }
  return TRUE;
}

/* What SQLite itself saw: told EROFS (a read-only mount) or EACCES when it opens a database
 * for writing, the unix VFS opens it read-only instead of failing. statvfs and access() do
 * not see every such case (a bind mount, a network share, another VFS); this does. Opening
 * reads nothing, so nothing is recovered or changed. */
static gboolean
sqlite_opens_read_only (const char *path)
{
  sqlite3 *db = NULL;
  gboolean read_only = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    read_only = sqlite3_db_readonly (db, "main") == 1;
  sqlite3_close_v2 (db);
  return read_only;
}

static void
set_read_only_error (const char *path, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_READ_ONLY,
               _("The database “%s” can only be read here (a read-only disk or file). It is "
                 "not damaged and nothing was changed; copy it to a writable disk or ask for "
                 "write access."), display);
}

/* The connection itself, for serah_store_open and serah_store_open_like alike. */
static gboolean
connect_db (SerahStore *self, int extra_flags, GError **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | extra_flags, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot open the database “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  self->busy_limit_us = (gint64) busy_timeout_ms () * 1000;
  sqlite3_busy_handler (self->db, busy_handler, self);
  /* A full integrity check reads every page of the file: with the default 2 MB cache a list of
   * 100 000 participants (28 MB) is read from the OS twice over (0.1 s of system time). The
   * cache is allocated as pages are read, so it costs nothing on a cheap open. */
  serah_store_use_large_cache (self);
  return TRUE;
}

static gboolean
configure_db (SerahStore *self, GError **error)
{
  if (!serah_store_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;",
                         error))
    {
      g_prefix_error (error, _("Cannot prepare the database “%s”: "), self->path);
      return FALSE;
    }
  return TRUE;
}

/* Reads an existing file through a read-only connection: it must be a healthy Serah
 * database (or an empty SQLite file) before anything may write to it. */
static gboolean
inspect_read_only (SerahStore *self, gboolean full, GError **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  sqlite3_stmt *stmt = NULL;
  guint32 app_id;
  int rc, objects = -1, has_id = 0;
  gboolean ok;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                            NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_extended_result_codes (self->db, 1);
          sqlite3_busy_timeout (self->db, busy_timeout_ms ());
          rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt,
                                   NULL);
          if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              objects = sqlite3_column_int (stmt, 0);
              rc = SQLITE_OK;
            }
          sqlite3_finalize (stmt);
          stmt = NULL;
        }
      if (rc == SQLITE_OK || attempt > 0 || self->db == NULL ||
          (sqlite3_extended_errcode (self->db) & 0xff) != SQLITE_READONLY)
        break;
      /* A process killed mid-write left a hot journal or WAL that a read-only connection
       * may not recover. Recovering is what any connection does first (it brings back the
       * last committed state, nothing else): let a plain connection do it, then look again
       * read-only. */
      g_clear_pointer (&self->db, sqlite3_close_v2);
      {
        sqlite3 *recover = NULL;
        if (sqlite3_open_v2 (self->path, &recover, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             NULL) == SQLITE_OK)
          {
            sqlite3_busy_timeout (recover, busy_timeout_ms ());
            sqlite3_exec (recover, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
          }
        sqlite3_close_v2 (recover);
      }
    }
  if (rc != SQLITE_OK)
    {
      int primary = (self->db ? sqlite3_extended_errcode (self->db) : rc) & 0xff;
      g_autofree char *why = g_strdup (self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));

      g_clear_pointer (&self->db, sqlite3_close_v2);
      if (primary == SQLITE_NOTADB)
        g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_SERAH,
                     _("“%s” is not a Serah database (it is not an SQLite database file). "
                       "Nothing was changed; give the office database with --db."), display);
      else if (primary == SQLITE_CORRUPT)
        g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT,
                     _("The database “%s” is damaged (%s). Nothing was changed; restore it "
                       "from a backup."), display, why);
      else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_BUSY,
                     _("The database “%s” is busy (another program is writing to it); nothing "
                       "was recorded. Try again."), display);
      else if (explain_unwritable (self->path, TRUE, error))
        {
          /* A WAL database on a read-only disk: its read-only look cannot make the -shm. */
          if (sqlite_opens_read_only (self->path))
            set_read_only_error (self->path, error);
          else
            g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                         _("Cannot open the database “%s”: %s"), display, why);
        }
      return FALSE;
    }

  /* Databases made before the application_id: schema 1 and later all have a settings and a
   * participants table and a user_version. */
  app_id = read_application_id (self->db);
  if (app_id == 0 && objects > 0 && read_user_version (self) >= 1 &&
      sqlite3_prepare_v2 (self->db,
                          "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                          " AND name IN ('settings', 'participants')", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    has_id = sqlite3_column_int (stmt, 0) == 2;
  sqlite3_finalize (stmt);

  if (app_id == SERAH_STORE_BUNDLE_APPLICATION_ID)
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_SERAH,
                   _("“%s” is a station bundle, not a database: nothing was changed. Merge it "
                     "into the office database with “station import”."), display);
      return FALSE;
    }
  if (app_id != SERAH_STORE_APPLICATION_ID && !(app_id == 0 && (objects == 0 || has_id > 0)))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_SERAH,
                   _("“%s” is another program's SQLite file, not a Serah database: nothing "
                     "was changed. Give the office database with --db."), display);
      return FALSE;
    }

  /* The integrity check reads every page of the file: with the default 2 MB cache a list of
   * 100 000 participants (28 MB) is read from the OS twice over (0.1 s of system time). */
  serah_store_use_large_cache (self);
  ok = full ? check_integrity_full (self, error) : check_integrity_cheap (self, error);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  return ok;
}

SerahStore *
serah_store_open (const char *path, GError **error)
{
  return serah_store_open_checked (path, SERAH_STORE_OPEN_CHECK_AUTO, NULL, error);
}

static gboolean alone_on_file (SerahStore *self, const char *path);
static gboolean build_left_pending_indexes (SerahStore *self, GError **error);

SerahStore *
serah_store_open_checked (const char        *path,
                          SerahStoreOpenCheck check,
                          gboolean           *full_check_ran,
                          GError            **error)
{
  g_autoptr(SerahStore) self = NULL;
  g_autofree char *dir = NULL;
  gboolean exists, unclean = FALSE, full = TRUE, alone = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (full_check_ran != NULL)
    *full_check_ran = FALSE;

  self = g_object_new (SERAH_TYPE_STORE, "path", path, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }
  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                   _("Cannot create the database “%s”: the folder “%s” does not exist."),
                   path, dir);
      return NULL;
    }

  /* Temporaries of outputs and backups that a killed process left behind. */
  serah_output_clean_stale ();

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!explain_unwritable (path, exists, error))
    return NULL;
  if (exists)
    {
      /* Before the read-only look: its recovery of a hot WAL would remove the evidence of
       * an unclean shutdown. Cheap at any size: the full check runs for small files, after an
       * unclean shutdown, or when asked; otherwise the header and schema are read. */
      unclean = enter_and_detect_unclean (self, path);
      alone = alone_on_file (self, path);
      /* Small counting the WAL: while an import writes, the main file may still be small
       * when its WAL holds a hundred megabytes, and a scan opening it then must not read them
       * all. */
      full = check == SERAH_STORE_OPEN_CHECK_FULL || unclean ||
             (check == SERAH_STORE_OPEN_CHECK_AUTO && g_stat (path, &st) == 0 &&
              st.st_size + wal_size (path) <= SERAH_STORE_SMALL_DATABASE_BYTES);
      if (unclean)
        g_message ("%s was not closed cleanly last time: checking all of it", path);
      if (!inspect_read_only (self, full, error))
        {
          self->refused = TRUE;
          return NULL;
        }
    }

  /* Personal data: a new database is readable by its owner only. SQLite gives the -wal and
   * -shm files the main file's permissions, so creating the file first covers them too. */
  if (!exists)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;
          g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                       _("Cannot create the database “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      close (fd);
      enter_and_detect_unclean (self, path);
    }

  if (!connect_db (self, SQLITE_OPEN_CREATE, error))
    return NULL;
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      set_read_only_error (path, error);
      return NULL;
    }
  if (full_check_ran != NULL)
    *full_check_ran = exists && full;
  if (!configure_db (self, error))
    return NULL;

  if (!migrate (self, error))
    return NULL;
  if (alone && !build_left_pending_indexes (self, error))
    return NULL;
  self->protect_handle = serah_output_protect_database (path);

  return g_steal_pointer (&self);
}

SerahStore *
serah_store_open_like (SerahStore *other, GError **error)
{
  g_autoptr(SerahStore) self = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (other), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SERAH_TYPE_STORE, "path", other->path, NULL);
  if (other->live)
    {
      g_mutex_lock (&live_files_lock);
      live_files_enter_locked (self, other->live_dev, other->live_ino);
      g_mutex_unlock (&live_files_lock);
    }
  if (!connect_db (self, 0, error) || !configure_db (self, error))
    return NULL;
  self->database_id = g_strdup (other->database_id);
  return g_steal_pointer (&self);
}

const char *
serah_store_get_path (SerahStore *self)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);
  return self->path;
}

const char *
serah_store_get_database_id (SerahStore *self)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);
  return self->database_id;
}

char *
serah_store_get_setting (SerahStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  stmt = serah_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = serah_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
serah_store_set_setting (SerahStore *self, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  stmt = serah_store_prepare (self,
                              "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return serah_store_step_done (self, stmt, _("Cannot save a setting"), error);
}

gboolean
serah_store_note_pending_index (SerahStore *self, const char *name, const char *create_sql,
                                GError **error)
{
  g_autofree char *key = g_strconcat (SERAH_STORE_PENDING_INDEX_PREFIX, name, NULL);

  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);
  return serah_store_set_setting (self, key, create_sql, error);
}

/* '/' sorts right after '.': the range is every key that starts with the prefix, read on the
 * primary key. */
#define PENDING_RANGE \
  " FROM settings WHERE key >= '" SERAH_STORE_PENDING_INDEX_PREFIX "'" \
  " AND key < 'store.pending-index/'"

gboolean
serah_store_has_pending_indexes (SerahStore *self)
{
  sqlite3_stmt *stmt = serah_store_prepare (self, "SELECT 1" PENDING_RANGE " LIMIT 1", NULL);
  gboolean pending;

  if (stmt == NULL)
    return FALSE;
  pending = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return pending;
}

static gboolean
add_pending (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, serah_store_column_dup (stmt, 0));
  g_ptr_array_add (user_data, serah_store_column_dup (stmt, 1));
  return TRUE;
}

gboolean
serah_store_build_pending_indexes (SerahStore *self, guint *built, GError **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);
  if (built != NULL)
    *built = 0;
  stmt = serah_store_prepare (self, "SELECT key, value" PENDING_RANGE " ORDER BY rowid", error);
  if (stmt == NULL ||
      !serah_store_foreach_row (self, stmt, add_pending, pending,
                                _("Cannot read the indexes to build"), error))
    return FALSE;
  /* CREATE INDEX sorts every row of the table in memory up to the cache size before it
   * spills sorted runs to temporary files (in memory too when temp_store is MEMORY, as it is
   * outside an import): with a 64 MB cache, building the two participant indexes of a
   * million rows took 178 MB and 5.2 s of CPU in sqlite3, with a 16 MB cache and temp_store
   * FILE 38 MB and 4.0 s (the table is read and the index written in order: a big cache buys
   * nothing here). */
  if (pending->len > 0)
    serah_store_exec (self, "PRAGMA cache_size = -16384", NULL);
  for (guint i = 0; i + 1 < pending->len; i += 2)
    {
      const char *key = pending->pdata[i];
      const char *name = key + strlen (SERAH_STORE_PENDING_INDEX_PREFIX);
      gboolean exists;

      /* Never built twice: another connection may have built it since. */
      stmt = serah_store_prepare (self,
                                  "SELECT 1 FROM sqlite_schema WHERE name = ?1",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_reset (stmt);
      if (!exists)
        {
          gint64 t0 = g_get_monotonic_time ();

          if (!serah_store_exec (self, pending->pdata[i + 1], error))
            return FALSE;
          g_debug ("built the index %s again in %.3f s", name,
                   (g_get_monotonic_time () - t0) / 1e6);
          if (built != NULL)
            (*built)++;
        }
      stmt = serah_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (!serah_store_step_done (self, stmt, _("Cannot save a setting"), error))
        {
          serah_store_use_large_cache (self);
          return FALSE;
        }
    }
  if (pending->len > 0)
    serah_store_use_large_cache (self);
  return TRUE;
}

/* At open, with no other connection on the file: a bulk that was stopped (kill -9, power
 * cut) before its end left indexes dropped; they are built here. */
static gboolean
build_left_pending_indexes (SerahStore *self, GError **error)
{
  guint built = 0;
  gboolean ok;

  if (!serah_store_has_pending_indexes (self))
    return TRUE;
  /* The sort spills to a file rather than to memory (serah_store_build_pending_indexes). */
  serah_store_exec (self, "PRAGMA temp_store = FILE", NULL);
  ok = serah_store_begin (self, error);
  if (ok && !(serah_store_build_pending_indexes (self, &built, error) &&
              serah_store_commit (self, error)))
    {
      serah_store_rollback (self);
      ok = FALSE;
    }
  serah_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  if (!ok)
    {
      g_prefix_error (error, _("Cannot build the indexes an interrupted import left out: "));
      return FALSE;
    }
  g_message ("%s: built %u index(es) that an interrupted import had left out", self->path, built);
  return TRUE;
}

/* Whether @self, just registered as open, is the only connection on its file, in this
 * process and any other. Called before @self connects: the -shm is only probed when this
 * process has no connection on it (see live_files). */
static gboolean
alone_on_file (SerahStore *self, const char *path)
{
  g_autofree char *key = NULL;
  guint count;

  if (!self->live)
    return FALSE;
  key = live_key (self->live_dev, self->live_ino);
  g_mutex_lock (&live_files_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (live_files, key));
  g_mutex_unlock (&live_files_lock);
  return count == 1 && !shm_held_elsewhere (path);
}

void
serah_store_use_large_cache (SerahStore *self)
{
  serah_store_exec (self, "PRAGMA cache_size = -32768", NULL);
}
