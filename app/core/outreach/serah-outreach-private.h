/* serah-outreach-private.h: helpers the domain files of app/core/outreach share (errors, the
 * audited export). Never included outside app/core/outreach. */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

/* Sets SERAH_OUTREACH_ERROR_INVALID with the formatted message; returns FALSE. */
gboolean serah_outreach_fail (GError    **error,
                              const char *format,
                              ...) G_GNUC_PRINTF (2, 3);

/* TRUE for NULL, "" and text of white space only. */
gboolean serah_outreach_is_blank (const char *text);

/* TRUE when activity_id is 0 or names a recorded activity. */
gboolean serah_outreach_check_activity (SerahStore *store,
                                        gint64      activity_id,
                                        GError    **error);

/* An export as one transaction: the audit event (action, subject path, details) is written,
 * then the file (atomically, by rename), then the transaction commits; a failed write rolls the
 * event back and a failed commit removes the file, so the log and the disk always agree. */
gboolean serah_outreach_export_file (SerahStore  *store,
                                     const char  *path,
                                     gboolean   (*write) (const char *path,
                                                          gpointer    data,
                                                          GError    **error),
                                     gpointer     data,
                                     const char  *operator_name,
                                     const char  *action,
                                     const char  *details_json,
                                     GError     **error);
/* serah_outreach_export_file for a CSV text. */
gboolean serah_outreach_export (SerahStore  *store,
                                GString     *csv,
                                const char  *path,
                                const char  *operator_name,
                                const char  *action,
                                const char  *details_json,
                                GError     **error);

G_END_DECLS
