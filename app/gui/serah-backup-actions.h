/* serah-backup-actions.h: "Cadangkan Sekarang…" and "Pulihkan dari Cadangan…" of the main
 * menu, and the work behind them. The work runs in a worker thread on a store connection
 * of its own (the window keeps working meanwhile); the flows ask with native file choosers
 * and libadwaita message dialogs. */
#pragma once

#include <adwaita.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Chooses a file and writes a backup of store to it, recorded in the audit log
 * ("backup.create") under operator_name. */
void     serah_backup_actions_back_up   (GtkWindow   *parent,
                                         SerahStore  *store,
                                         const char  *operator_name);
/* Chooses a backup, shows what it holds, and once confirmed (with operator_name's PIN when
 * the database has operators) replaces the database with it; then tells the person that
 * Serah closes, and quits the application: every page holds state read from the database
 * that was replaced. */
void     serah_backup_actions_restore   (GtkWindow   *parent,
                                         SerahStore  *store,
                                         const char  *operator_name);
/* The same from a chosen file (after the file chooser). A backup of another office (another
 * database-id) is asked about in a dialog that names both offices, with keeping this
 * office's database the default answer (issue 17); confirmed, the core's
 * serah_backup_restore_confirmed is given both names. */
void     serah_backup_actions_restore_file (GtkWindow   *parent,
                                            SerahStore  *store,
                                            const char  *operator_name,
                                            const char  *path);

/* ---- the work ---- */

/* Writes a backup of the database of store to dest and records it (in a thread, on a
 * connection of its own: serah_store_open_like). */
void     serah_backup_now_async         (SerahStore          *store,
                                         const char          *dest,
                                         const char          *operator_name,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean serah_backup_now_finish        (GAsyncResult        *result,
                                         GError             **error);

/* What a candidate backup holds, for a person to decide whether to restore it. */
typedef struct {
  char  *path;
  int    schema_version;
  char  *database_id;
  char  *office_name;     /* may be NULL */
  gint64 participants;
  gint64 modified;        /* the file's modification time, Unix seconds */
} SerahBackupSummary;

void serah_backup_summary_free (SerahBackupSummary *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahBackupSummary, serah_backup_summary_free)

/* Checks the candidate (serah_backup_check_candidate) and reads its office name and
 * number of participants from a private temporary copy: the candidate itself is never
 * opened for writing, and an older schema is upgraded only in the copy. */
void                serah_backup_inspect_async  (const char          *candidate,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
SerahBackupSummary *serah_backup_inspect_finish (GAsyncResult        *result,
                                                 GError             **error);

/* Authorizes operator_name with pin as an administrator, then restores candidate over the
 * database of store (on a connection of its own). Returns where the database as it was is kept. */
void  serah_backup_restore_async  (SerahStore          *store,
                                   const char          *candidate,
                                   const char          *operator_name,
                                   const char          *pin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* As serah_backup_restore_async, for a backup of another office: replace_office and
 * with_office are the names the person confirmed (serah_backup_office_label). Finish with
 * serah_backup_restore_finish. */
void  serah_backup_restore_other_office_async (SerahStore          *store,
                                               const char          *candidate,
                                               const char          *replace_office,
                                               const char          *with_office,
                                               const char          *operator_name,
                                               const char          *pin,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char *serah_backup_restore_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
