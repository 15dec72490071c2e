/* serah-audit-review.h: reading the audit log as a person (the GUI's Jejak Audit window,
 * and anything else that shows it): a label for every action code, the details object as
 * one line of text, the newest sign-in of each operator, and the CSV export of a selection
 * of events, which is itself recorded in the log.
 */
#pragma once

#include <serah/admin/serah-audit.h>

G_BEGIN_DECLS

/**
 * serah_audit_action_get_label:
 * @action: an action code
 *
 * Returns: (transfer none) (nullable): the translated label ("participant.show-nik" gives
 *   "Menampilkan NIK"; static), or %NULL for a code this version does not know
 */
const char *serah_audit_action_get_label (const char *action);

/**
 * serah_audit_action_get_display:
 * @action: an action code
 *
 * Returns: (transfer none): the label for people, or @action itself for an unknown code
 */
const char *serah_audit_action_get_display (const char *action);

/**
 * serah_audit_detail_get_label:
 * @key: a details key ("failed_attempts")
 *
 * Returns: (transfer none) (nullable): the translated label of @key ("wrong PINs in a row"),
 *   or %NULL for a key this version does not know
 */
const char *serah_audit_detail_get_label (const char *key);

/**
 * serah_audit_details_to_text:
 * @details_json: (nullable): an event's details
 *
 * The details object as one line in words ("rows: 120 · file: /a/b.csv", translated: keys
 * and coded values such as roles through their labels; an unknown key shows as "other",
 * never as the internal word). Text that is not a JSON object is returned as it is.
 *
 * Returns: (transfer full) (nullable): the line, or %NULL when there is nothing to show
 */
char       *serah_audit_details_to_text  (const char *details_json);

/**
 * serah_audit_last_sign_ins:
 * @store: the office database
 * @error: return location for a #GError
 *
 * The newest "operator.sign-in" time per operator name.
 *
 * Returns: (transfer full) (nullable) (element-type utf8 gint64): keys are names (char *),
 *   values Unix seconds (gint64 *); the table frees both. %NULL with @error set
 */
GHashTable *serah_audit_last_sign_ins    (SerahStore  *store,
                                          GError     **error);

/**
 * serah_audit_export_csv:
 * @store: the office database, outside a transaction
 * @events: (element-type SerahAuditEvent): the events to write, in this order
 * @path: the CSV file
 * @operator_name: (nullable): who exports (%NULL: the system user)
 * @filter_text: (nullable): a description of the selection, for the record
 * @error: return location for a #GError
 *
 * Writes @events as CSV and records "export.audit" with the number of rows. The record and
 * the file go together: when the file cannot be written the record is rolled back, and when
 * the record cannot be committed the file is removed.
 *
 * Returns: %TRUE when both are done, %FALSE with @error set
 */
gboolean    serah_audit_export_csv       (SerahStore  *store,
                                          GPtrArray   *events,
                                          const char  *path,
                                          const char  *operator_name,
                                          const char  *filter_text,
                                          GError     **error);

G_END_DECLS
