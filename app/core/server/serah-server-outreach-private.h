/* serah-server-outreach-private.h: outreach records (serah-server-outreach.c) and testimonial
 * media (serah-server-media.c) through the office server, called by serah_server_sync after
 * the register, the handovers and the testimonials (they name participants, activities and
 * testimonials pulled there). Never included outside app/core.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Push then pull (one snapshot). Outside a local transaction. */
gboolean serah_server_sync_outreach (SerahStore *store,
                                     PGconn     *conn,
                                     GError    **error);

/* The largest testimonial photo or recording sent or taken (the server's CHECK says the same). */
#define SERAH_SERVER_MEDIA_MAX_BYTES (16 * 1024 * 1024)

/* serah-server-media.c: push this desk's files, pull the others' (checked), then delete pulled
 * copies of withdrawn testimonials. Outside a local transaction; after the testimonials. */
gboolean serah_server_sync_media    (SerahStore *store,
                                     PGconn     *conn,
                                     GError    **error);

G_END_DECLS
