/* serah-audit-review.h: reading the audit log as a person (the GUI's Jejak Audit window,
 * and anything else that shows it): a label for every action code, the details object as
 * one line of text, the newest sign-in of each operator, and the CSV export of a selection
 * of events, which is itself recorded in the log.
 */
#pragma once

#include <serah/admin/serah-audit.h>

G_BEGIN_DECLS

/* Translated label for an action code ("participant.show-nik" gives "Show NIK", in
 * Indonesian "Menampilkan NIK"); NULL for a code this version does not know. */
const char *serah_audit_action_get_label (const char *action);

/* Label for people, falling back to the code itself for an unknown action. */
const char *serah_audit_action_get_display (const char *action);

/* Translated label of a details key ("failed_attempts" gives "wrong PINs in a row"); NULL
 * for a key this version does not know. */
const char *serah_audit_detail_get_label (const char *key);

/* The details object as one line in words ("rows: 120 · file: /a/b.csv", translated: keys
 * and coded values such as roles through their labels; an unknown key shows as "other",
 * never as the internal word); NULL when there is nothing to show. Text that is not a JSON
 * object is returned as it is. */
char       *serah_audit_details_to_text  (const char *details_json);

/* Newest "operator.sign-in" time per operator name: keys are names (char *), values Unix
 * seconds (gint64 *); the table frees both. */
GHashTable *serah_audit_last_sign_ins    (SerahStore  *store,
                                          GError     **error);

/* Writes events (element type SerahAuditEvent, in the order given) to path as CSV and
 * records "export.audit" under operator_name with the number of rows and filter_text (a
 * description of the selection, may be NULL). The record and the file go together: when
 * the file cannot be written the record is rolled back, and when the record cannot be
 * committed the file is removed. Call it outside a transaction. */
gboolean    serah_audit_export_csv       (SerahStore  *store,
                                          GPtrArray   *events,
                                          const char  *path,
                                          const char  *operator_name,
                                          const char  *filter_text,
                                          GError     **error);

G_END_DECLS
