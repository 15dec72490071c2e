/* serah-server-office-log.h: the whole office's audit log, read from the office server for the
 * window's audit review (the desks' entries, each marked with its desk), with this desk's
 * entries not sent yet added from the local log.
 */
#pragma once

#include <serah/admin/serah-admin-records.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/**
 * serah_server_read_office_log:
 * @store: a linked desk's database; a connection only one thread uses (the window's worker)
 * @limit: the newest @limit entries of the server; 0: all
 * @error: return location for a #GError
 *
 * Reads the office's audit log from the server (every desk's entries, as each desk recorded
 * them, with #SerahAuditEvent.desk set to the desk's login), then adds this desk's local
 * entries that were not sent yet (desk %NULL). Newest first, as serah_audit_list(). Makes one
 * connection round trip and waits for the server (up to its timeouts): never call it on the
 * main thread.
 *
 * Returns: (transfer container) (element-type SerahAuditEvent) (nullable): the entries; the
 *   array frees them with serah_audit_event_free(), so g_ptr_array_unref() it. %NULL with
 *   %SERAH_SERVER_ERROR_NOT_LINKED, a connection error (%SERAH_SERVER_ERROR) or the store's
 *   error
 */
GPtrArray *serah_server_read_office_log (SerahStore  *store,
                                         guint        limit,
                                         GError     **error);

G_END_DECLS
