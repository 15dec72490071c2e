/* serah-store.h: the office database (one SQLite file): the connection and nothing more.
 *
 * All SQL lives in the core's serah-store-*.c files behind functions named for what they do;
 * those functions are private to the core (app/core/<domain>/serah-store-*-private.h). The
 * GUI and the CLI open a store here and pass it to the domains' public functions
 * (serah-register.h, serah-settings.h, serah-print-history.h, ...). tests/check-layers.sh
 * keeps it that way. Event rows (imports, print runs, handovers, undos, testimonials, audit)
 * are appended; current state is derived or kept in an index updated in the same
 * transaction.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SERAH_STORE_ERROR (serah_store_error_quark ())
typedef enum {
  SERAH_STORE_ERROR_FAILED,
  SERAH_STORE_ERROR_CANNOT_OPEN,
  SERAH_STORE_ERROR_CORRUPT,   /* integrity_check failed or not a database */
  SERAH_STORE_ERROR_TOO_NEW,   /* written by a newer Serah */
  SERAH_STORE_ERROR_NOT_FOUND,
  SERAH_STORE_ERROR_CONSTRAINT,
  SERAH_STORE_ERROR_BUSY,      /* another writer holds the lock: nothing was recorded */
  SERAH_STORE_ERROR_NOT_SERAH, /* a healthy file of another program (or a bundle): untouched */
  SERAH_STORE_ERROR_READ_ONLY, /* read-only folder, file or mount: the file is not damaged */
  SERAH_STORE_ERROR_PERMISSION,/* permission denied */
  SERAH_STORE_ERROR_NO_SPACE,  /* disk full */
} SerahStoreError;

/**
 * serah_store_error_quark:
 *
 * Returns: the quark of #SerahStoreError, the domain of the store's errors
 */
GQuark serah_store_error_quark (void);

/* How long a connection waits for another writer's lock before SERAH_STORE_ERROR_BUSY: longer
 * than the longest writer holds it (a 400 000-row import, a 20 000-card print run). */
#define SERAH_STORE_BUSY_TIMEOUT_MS 30000
/* PRAGMA application_id of an office database ("SRHD") and of a station bundle ("SRHB"). */
#define SERAH_STORE_APPLICATION_ID  0x53524844
#define SERAH_STORE_BUNDLE_APPLICATION_ID 0x53524842

#define SERAH_TYPE_STORE (serah_store_get_type ())
G_DECLARE_FINAL_TYPE (SerahStore, serah_store, SERAH, STORE, GObject)

/**
 * serah_store_open:
 * @path: the database file; its folder must exist
 * @error: return location for a #GError
 *
 * Opens the database at @path, creating it (readable by its owner only) if it does not
 * exist, and migrates it to the current schema. A file that is not a Serah database is
 * refused read-only, before anything is written. Cheap at any size: the full integrity check
 * runs on open only for small files (a few ms) and after an unclean shutdown; otherwise the
 * header and schema are checked and serah_store_check_integrity() runs the rest on demand. A
 * damaged file is refused with %SERAH_STORE_ERROR_CORRUPT and left untouched, a file written
 * by a newer Serah with %SERAH_STORE_ERROR_TOO_NEW. The connection belongs to the calling
 * thread: a worker opens its own with serah_store_open_like().
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
SerahStore *serah_store_open            (const char  *path,
                                         GError     **error);

/**
 * serah_store_open_like:
 * @other: a store already open on the database
 * @error: return location for a #GError
 *
 * Opens a second connection to the same file for a worker thread (the UI's handle never
 * crosses threads): same settings, no creation, no integrity check, no migration. The
 * database id is copied from @other.
 *
 * Returns: (transfer full) (nullable): the new store, or %NULL with @error set
 */
SerahStore *serah_store_open_like       (SerahStore  *other,
                                         GError     **error);

/**
 * serah_store_check_integrity:
 * @self: a store
 * @error: return location for a #GError
 *
 * SQLite's full integrity check: reads the whole file (seconds at a million rows).
 *
 * Returns: %TRUE when the file is sound, %FALSE with @error set (%SERAH_STORE_ERROR_CORRUPT)
 */
gboolean    serah_store_check_integrity (SerahStore *self,
                                         GError    **error);

/**
 * serah_store_get_path:
 * @self: a store
 *
 * Returns: (transfer none): the path of the database file, as given to serah_store_open()
 */
const char *serah_store_get_path        (SerahStore  *self);

/**
 * serah_store_get_schema_version:
 * @self: a store
 *
 * Returns: the schema version of the open file (`PRAGMA user_version`), -1 if @self is not a
 *   store
 */
int         serah_store_get_schema_version (SerahStore *self);

/**
 * serah_store_get_latest_schema_version:
 *
 * Returns: the schema version this program writes (the number of migration steps)
 */
int         serah_store_get_latest_schema_version (void);

/**
 * serah_store_get_database_id:
 * @self: a store
 *
 * A stable random identifier of this database, created on its first open; backups and
 * station bundles carry it to say which database they belong to.
 *
 * Returns: (transfer none): the database id, owned by @self
 */
const char *serah_store_get_database_id (SerahStore  *self);


G_END_DECLS
