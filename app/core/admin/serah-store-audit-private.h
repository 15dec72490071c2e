/* serah-store-audit-private.h: the row-level queries of the audit log
 * (serah-store-audit.c), for serah-audit.c, which keeps the rules (action names, JSON
 * details, who the system user is). Private to the core and its tests.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/admin/serah-admin-records.h>

G_BEGIN_DECLS

gboolean       serah_store_insert_audit_event    (SerahStore  *self,
                                                  gint64       at,
                                                  const char  *operator_name,
                                                  const char  *action,
                                                  const char  *subject,
                                                  const char  *details,
                                                  GError     **error);
GPtrArray     *serah_store_list_audit_events     (SerahStore             *self,
                                                  const SerahAuditFilter *filter,
                                                  GError                **error);

G_END_DECLS
