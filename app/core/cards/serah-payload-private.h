/* serah-payload-private.h: the office secret of the QR codes, lent to other parts of the core
 * that must prove a file came from a copy of this office database (station bundles, issue
 * 17). Internal to app/core. */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* HMAC-SHA256 of message under this database's QR secret, as 64 hex digits in *hex_out.
 * purpose separates uses ("station-bundle"), so a MAC of one kind never passes for another.
 * Without a secret yet: created when create, else *hex_out = NULL and TRUE. */
gboolean serah_payload_office_mac (SerahStore  *store,
                                   gboolean     create,
                                   const char  *purpose,
                                   const char  *message,
                                   gsize        length,
                                   char       **hex_out,
                                   GError     **error);

G_END_DECLS
