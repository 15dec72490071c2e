/* serah-audit-dialog.h: Jejak Audit, the audit log in a window, with filters and a CSV
 * export that is itself recorded. */
#pragma once

#include <adwaita.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_TYPE_AUDIT_DIALOG (serah_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahAuditDialog, serah_audit_dialog, SERAH, AUDIT_DIALOG, AdwWindow)

/* operator_name: who is looking, recorded for an export (NULL: the computer account). */
SerahAuditDialog *serah_audit_dialog_new (GtkWindow  *parent,
                                          SerahStore *store,
                                          const char *operator_name);

G_END_DECLS
