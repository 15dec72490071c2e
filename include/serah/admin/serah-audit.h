/* serah-audit.h: the audit log, an append-only record of who did what and when.
 *
 * Other areas call serah_audit_record() inside the transaction of the action it describes
 * (an export, a reprint, an undo, "show NIK", a backup...), so the action and its record
 * commit or roll back together. The table refuses UPDATE and DELETE.
 *
 * Actions are short dotted words, lower case: "operator.add", "export.participants",
 * "backup.create", "restore". details is a JSON object (or NULL) with whatever helps a
 * reviewer later; never put a PIN or a full NIK in it.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/admin/serah-admin-records.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

#define SERAH_AUDIT_ERROR (serah_audit_error_quark ())
typedef enum {
  SERAH_AUDIT_ERROR_FAILED,
  SERAH_AUDIT_ERROR_INVALID,   /* bad action name or details that are not a JSON object */
} SerahAuditError;
GQuark serah_audit_error_quark (void);

/* Appends one event, stamped now. operator_name NULL records the system user name.
 * action: 1..64 of a-z 0-9 . _ -. details_json: NULL or a JSON object. */
gboolean serah_audit_record (SerahStore  *store,
                             const char  *operator_name,
                             const char  *action,
                             const char  *subject,
                             const char  *details_json,
                             GError     **error);

/* Builds a details object from string pairs: serah_audit_details ("file", path, "rows",
 * "120", NULL). A NULL value is left out. Returns JSON text for serah_audit_record. */
char    *serah_audit_details (const char *first_key,
                              ...) G_GNUC_NULL_TERMINATED;

/* Records "import.participants" for a finished import (subject: the import id; details:
 * file name, SHA-256 and the counts). serah_import_file calls it inside the import's
 * transaction. */
gboolean serah_audit_record_import (SerahStore              *store,
                                    const char              *operator_name,
                                    const SerahImportRecord *import,
                                    GError                 **error);

/* Element type SerahAuditEvent, newest first. filter may be NULL. */
GPtrArray *serah_audit_list (SerahStore             *store,
                             const SerahAuditFilter *filter,
                             GError                **error);

G_END_DECLS
