/* serah-server-register-private.h: pushing and pulling the register, ceremonies and
 * invitations (serah-server-register.c), called by serah_server_sync before the ceremony
 * events, so that pulled handovers find their participants. Never included outside app/core.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/server/serah-server-records.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Outside a local transaction; each import is one server transaction. */
gboolean serah_server_push_register (SerahStore            *store,
                                     PGconn                *conn,
                                     SerahServerSyncResult *result,
                                     GError               **error);
/* Outside a local transaction (the first pull writes a backup first). */
gboolean serah_server_pull_register (SerahStore            *store,
                                     PGconn                *conn,
                                     SerahServerSyncResult *result,
                                     GError               **error);

/* serah-server-audit.c: this desk's audit entries after the push cursor, into the office's
 * append-only serah.audit_log. Outside a local transaction; last in a sync, so that the
 * sync's own "server.pull" entries travel too. */
gboolean serah_server_push_audit    (SerahStore            *store,
                                     PGconn                *conn,
                                     SerahServerSyncResult *result,
                                     GError               **error);

/* serah-server-testimonials.c: testimonials and consent events, push then pull (one
 * snapshot). Outside a local transaction. */
gboolean serah_server_sync_testimonials (SerahStore *store,
                                         PGconn     *conn,
                                         GError    **error);

gboolean serah_server_sync_operators (SerahStore *store,
                                      PGconn     *conn,
                                      GError    **error);

G_END_DECLS
