/* serah-backup.h: copies of the office database, made while it is in use, and restoring one.
 *
 * A backup is a complete single-file SQLite database (rollback journal, no -wal beside it)
 * written with SQLite's online backup API, so it is consistent even while a ceremony is
 * being recorded. Files are created readable by their owner only: they hold personal data.
 *
 * Automatic backups go to a "backups" folder beside the database, named
 * <dbname>-YYYYmmdd-HHMMSS-<reason>.db. Other areas make one before every import, print run
 * and station merge and when a ceremony closes. After each one the folder is pruned: the
 * newest SERAH_BACKUP_KEEP_NEWEST automatic backups are kept, plus the newest one of each of
 * the last SERAH_BACKUP_KEEP_DAYS calendar days (today included); older ones are deleted.
 * Nothing else in the folder is touched.
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_BACKUP_ERROR (serah_backup_error_quark ())
typedef enum {
  SERAH_BACKUP_ERROR_FAILED,
  SERAH_BACKUP_ERROR_NOT_FOUND,
  SERAH_BACKUP_ERROR_EXISTS,         /* the destination exists; nothing is overwritten */
  SERAH_BACKUP_ERROR_IN_TRANSACTION, /* called inside a transaction of the store */
  SERAH_BACKUP_ERROR_EMPTY,
  SERAH_BACKUP_ERROR_NOT_DATABASE,   /* not an SQLite file (a CSV, an image...) */
  SERAH_BACKUP_ERROR_TRUNCATED,
  SERAH_BACKUP_ERROR_CORRUPT,        /* integrity_check failed */
  SERAH_BACKUP_ERROR_NOT_SERAH,      /* an SQLite file, but not a Serah database */
  SERAH_BACKUP_ERROR_TOO_NEW,        /* written by a newer Serah */
  SERAH_BACKUP_ERROR_UNSAFE,         /* the live database itself, or a copy with a -wal beside it */
  SERAH_BACKUP_ERROR_OTHER_OFFICE,   /* a backup of another office database (other database-id) */
} SerahBackupError;

/**
 * serah_backup_error_quark:
 *
 * Returns: the quark of #SerahBackupError
 */
GQuark serah_backup_error_quark (void);

#define SERAH_BACKUP_DIR_NAME    "backups"
#define SERAH_BACKUP_KEEP_NEWEST 10
#define SERAH_BACKUP_KEEP_DAYS   14

typedef struct {
  char  *path;
  char  *reason;
  gint64 created_at;   /* Unix seconds, from the name (local time) */
} SerahBackupInfo;

/**
 * serah_backup_info_free:
 * @self: (nullable): a backup's description, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_backup_info_free (SerahBackupInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahBackupInfo, serah_backup_info_free)

/**
 * serah_backup_create:
 * @store: the office database
 * @dest: the file to write; it must not exist
 * @error: return location for a #GError
 *
 * Writes a backup of @store to @dest with SQLite's online backup API, readable by its owner
 * only. Call it outside a transaction (%SERAH_BACKUP_ERROR_IN_TRANSACTION otherwise); an
 * existing @dest is never overwritten (%SERAH_BACKUP_ERROR_EXISTS).
 *
 * Returns: %TRUE when the backup is complete, %FALSE with @error set
 */
gboolean serah_backup_create    (SerahStore  *store,
                                 const char  *dest,
                                 GError     **error);

/**
 * serah_backup_automatic:
 * @store: the office database
 * @reason: why ("import", "print", "merge", "ceremony-close", "pre-restore"...); folded to
 *   a-z 0-9 -
 * @error: return location for a #GError
 *
 * Writes an automatic backup into the backups folder beside the database and applies the
 * retention rule. Call it before opening the transaction of the action it protects.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_backup_automatic (SerahStore  *store,
                                 const char  *reason,
                                 GError     **error);

/**
 * serah_backup_automatic_path:
 * @store: the office database
 * @reason: why, as for serah_backup_automatic()
 * @error: return location for a #GError
 *
 * Same as serah_backup_automatic(), and says where the backup went.
 *
 * Returns: (transfer full) (nullable): the path written, or %NULL with @error set
 */
char    *serah_backup_automatic_path (SerahStore  *store,
                                      const char  *reason,
                                      GError     **error);

/**
 * serah_backup_before_import:
 * @store: the office database
 * @error: return location for a #GError
 *
 * The automatic backup an import takes first (reason "import"); nothing is written for a
 * database that holds no participant yet, which an import cannot make worse.
 *
 * Returns: %TRUE when written or not needed, %FALSE with @error set
 */
gboolean serah_backup_before_import (SerahStore  *store,
                                     GError     **error);

/**
 * serah_backup_get_dir:
 * @store: the office database
 *
 * Returns: (transfer full): the folder automatic backups of @store go to (it may not exist yet)
 */
char      *serah_backup_get_dir            (SerahStore  *store);

/**
 * serah_backup_list_automatic:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Lists the automatic backups of @store, newest first. An absent folder is an empty list.
 *
 * Returns: (transfer full) (element-type SerahBackupInfo) (nullable): the backups (the array
 *   frees its elements), or %NULL with @error set
 */
GPtrArray *serah_backup_list_automatic     (SerahStore  *store,
                                            GError     **error);

/**
 * serah_backup_prune:
 * @db_path: the database file whose automatic backups are pruned
 * @now: the time the retention rule counts from
 * @error: return location for a #GError
 *
 * Applies the retention rule (the newest %SERAH_BACKUP_KEEP_NEWEST, plus the newest of each
 * of the last %SERAH_BACKUP_KEEP_DAYS days) to the automatic backups of @db_path. Nothing
 * else in the folder is touched.
 *
 * Returns: the number of files removed, or -1 with @error set
 */
int        serah_backup_prune              (const char  *db_path,
                                            GDateTime   *now,
                                            GError     **error);

/**
 * serah_backup_check_candidate:
 * @path: the file to check
 * @schema_version: (out) (optional): its schema version
 * @database_id: (out) (optional) (transfer full): its database id
 * @error: return location for a #GError
 *
 * Checks that @path is a complete, undamaged Serah database that this program can open,
 * without changing it or writing anything beside it.
 *
 * Returns: %TRUE when @path can be restored, %FALSE with @error set (which says what the
 *   file is when it is not a database)
 */
gboolean serah_backup_check_candidate (const char  *path,
                                       int         *schema_version,
                                       char       **database_id,
                                       GError     **error);

/**
 * serah_backup_restore:
 * @store: the office database to replace
 * @candidate: the backup to restore
 * @operator_name: who restores, for the audit log
 * @saved_to: (out) (optional) (transfer full): where the current database was saved
 * @error: return location for a #GError
 *
 * Replaces the database of @store with the backup at @candidate, after checking it
 * (serah_backup_check_candidate()) and saving the current database as an automatic backup
 * ("pre-restore"). On any refusal the database is left untouched. Drop @store afterwards and
 * use the returned store.
 *
 * Returns: (transfer full) (nullable): a newly opened store on the restored database
 *   (upgraded to the current schema, the restore recorded in its audit log), or %NULL with
 *   @error set
 */
SerahStore *serah_backup_restore (SerahStore  *store,
                                  const char  *candidate,
                                  const char  *operator_name,
                                  char       **saved_to,
                                  GError     **error);

/**
 * serah_backup_office_label:
 * @store: an office database
 *
 * The name by which a restore names an office: its office-name setting, else its database-id.
 *
 * Returns: (transfer full): the label
 */
char       *serah_backup_office_label (SerahStore *store);

/**
 * serah_backup_restore_confirmed:
 * @store: the office database (closed and replaced on success)
 * @candidate: the backup to restore
 * @replace_office: (nullable): serah_backup_office_label() of @store, to confirm
 * @with_office: (nullable): serah_backup_office_label() of @candidate, to confirm
 * @operator_name: (nullable): who restores, for the audit log
 * @saved_to: (out) (optional) (transfer full): where the replaced database was saved
 * @error: return location for a #GError
 *
 * As serah_backup_restore(), for a backup of another office database (a different
 * database-id; every card printed here would then verify as "another office"): refused with
 * %SERAH_BACKUP_ERROR_OTHER_OFFICE, naming both offices, unless @replace_office names this
 * database and @with_office the backup's, exactly. With %NULL confirmations this is
 * serah_backup_restore().
 *
 * Returns: (transfer full) (nullable): the restored database, opened; %NULL with @error set
 */
SerahStore *serah_backup_restore_confirmed (SerahStore  *store,
                                            const char  *candidate,
                                            const char  *replace_office,
                                            const char  *with_office,
                                            const char  *operator_name,
                                            char       **saved_to,
                                            GError     **error);

G_END_DECLS
