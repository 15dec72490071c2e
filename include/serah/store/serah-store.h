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
  SERAH_STORE_ERROR_BUSY,
} SerahStoreError;
GQuark serah_store_error_quark (void);

#define SERAH_TYPE_STORE (serah_store_get_type ())
G_DECLARE_FINAL_TYPE (SerahStore, serah_store, SERAH, STORE, GObject)

/* Opens (creating if needed) and migrates the database at path, refusing a damaged file with
 * SERAH_STORE_ERROR_CORRUPT and leaving it untouched. Cheap at any size: the full integrity
 * check runs on open only for small files (a few ms) and after an unclean shutdown; otherwise
 * the header and schema are checked and serah_store_check_integrity runs the rest on demand. */
SerahStore *serah_store_open            (const char  *path,
                                         GError     **error);
/* A second connection to the same file for a worker thread (the UI's handle never crosses
 * threads): same settings, no creation, no integrity check, no migration. */
SerahStore *serah_store_open_like       (SerahStore  *other,
                                         GError     **error);
/* SQLite's full integrity check: reads the whole file (seconds at a million rows). */
gboolean    serah_store_check_integrity (SerahStore *self,
                                         GError    **error);
const char *serah_store_get_path        (SerahStore  *self);
int         serah_store_get_schema_version (SerahStore *self);
int         serah_store_get_latest_schema_version (void);
/* Stable random identifier of this database, created on first open. */
const char *serah_store_get_database_id (SerahStore  *self);


G_END_DECLS
