/* serah-server-desk.h: this window's side of the office server (server kantor): whether the
 * desk is linked and online, handovers claimed on the server without freezing the window,
 * and other desks' events heard through LISTEN/NOTIFY and told to the change hub. */
#pragma once

#include <gio/gio.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/server/serah-server.h>

G_BEGIN_DECLS

#define SERAH_TYPE_SERVER_DESK (serah_server_desk_get_type ())
G_DECLARE_FINAL_TYPE (SerahServerDesk, serah_server_desk, SERAH, SERVER_DESK, GObject)

/* The desk of store, created on first use and kept on the store (no global state). Main
 * thread only. Properties "linked", "online" (booleans) and "message" (why offline, or
 * NULL) change as the desk learns. */
SerahServerDesk *serah_server_desk_for_store   (SerahStore       *store);
gboolean         serah_server_desk_get_linked  (SerahServerDesk  *self);
gboolean         serah_server_desk_get_online  (SerahServerDesk  *self);
const char      *serah_server_desk_get_message (SerahServerDesk  *self);

/* Records a handover with serah_ceremony_record_handover on the desk's worker connection:
 * the live claim's round trip (up to its timeouts) happens there, never on the main thread.
 * The request is copied. */
void             serah_server_desk_record_handover_async  (SerahServerDesk            *self,
                                                           const SerahHandoverRequest *request,
                                                           GAsyncReadyCallback         callback,
                                                           gpointer                    user_data);
/* The handover, or NULL with error (and existing, as serah_ceremony_record_handover).
 * local_only: TRUE when linked but the server did not take part (recorded on this desk only,
 * sent when it is back). */
SerahHandover   *serah_server_desk_record_handover_finish (SerahServerDesk  *self,
                                                           GAsyncResult     *result,
                                                           SerahHandover   **existing,
                                                           gboolean         *local_only,
                                                           GError          **error);

/* Links (serah_server_link) or unlinks in the worker, then starts or stops listening. */
void             serah_server_desk_link_async    (SerahServerDesk     *self,
                                                  const char          *url,
                                                  const char          *password,
                                                  const char          *operator_name,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         serah_server_desk_link_finish   (SerahServerDesk  *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);
void             serah_server_desk_unlink_async  (SerahServerDesk     *self,
                                                  const char          *operator_name,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         serah_server_desk_unlink_finish (SerahServerDesk  *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);
/* The link and what is pending (serah_server_get_status, in the worker). */
void               serah_server_desk_status_async  (SerahServerDesk     *self,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
SerahServerStatus *serah_server_desk_status_finish (SerahServerDesk  *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);

/* The whole office's audit log (serah_server_read_office_log, in the worker): the server's
 * entries marked by desk plus this desk's unsent ones, newest first; NULL with the reason
 * (not linked, unreachable) when it cannot be read. */
void               serah_server_desk_office_log_async  (SerahServerDesk     *self,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray         *serah_server_desk_office_log_finish (SerahServerDesk  *self,
                                                        GAsyncResult     *result,
                                                        GError          **error);

G_END_DECLS
