/* serah-server-audit.c: the audit log travels to the office server (issue 16, schema v3).
 *
 * Why push only: the local audit log is append-only and says what happened at this desk;
 * rewriting it, or mixing other desks' entries into it, would make it lie about that. So
 * each entry goes to serah.audit_log as it was written here (operator and time as recorded,
 * the desk by its login, this desk's id for it), after a cursor over the local ids
 * ("server.push-audit-id"), in one server transaction of multi-row INSERTs (the table-driven
 * step of serah-server-step.c); a retried push is
 * a no-op by (desk, local_id). The office's whole log is read on the server
 * (docs/server.md, "The audit log"), where it is append-only by grants and triggers.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

static const SerahServerTable audit_table = {
  .name = "audit log",
  .push_error = N_("Cannot send the audit log to the office server"),
  .push_query = "SELECT id, id, at, operator, action, subject, details FROM audit_events"
                " WHERE id > ?1 ORDER BY id",
  .push_cursor = "server.push-audit-id",
  .server_insert = "INSERT INTO serah.audit_log (local_id, at, operator, action, subject,"
                   " details)",
  .server_values = "($, $, $, $, $, $)",
  .server_conflict = " ON CONFLICT (desk, local_id) DO NOTHING",
  .n_cols = 6,
  .pushed_offset = G_STRUCT_OFFSET (SerahServerSyncResult, pushed_audit_events),
  .pulled_offset = -1,
};

gboolean
serah_server_push_audit (SerahStore *store, PGconn *conn, SerahServerSyncResult *result,
                         GError **error)
{
  return serah_server_push_table (store, conn, &audit_table, result, error);
}
