/* serah-server-print-private.h: print runs, printed cards, voids and serial blocks through
 * the office server (serah-server-print.c, issue 16). Kept apart from the connection's header
 * so that the print run (app/core/cards) can ask for serials without an include circle.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef struct {
  gint64 runs;
  gint64 cards;
  gint64 voids;
  gint64 card_conflicts;   /* pulled cards not taken (serial here is another card's) */
} SerahServerPrintPull;

/* Called by a print run before it reserves its serials, outside any transaction: on a linked
 * desk short of serials (fewer than the low mark, or no block with `needed` left), fetches a
 * block when the server answers. Never fails: when no block comes, the reservation refuses. */
void     serah_server_prepare_serials (SerahStore *store,
                                       guint       needed);

/* In the sync, outside a local transaction: the office's QR secret, a new serial block when
 * short, then this desk's print runs, cards and voids after the push cursors. */
gboolean serah_server_sync_print      (SerahStore *store,
                                       PGconn     *conn,
                                       GError    **error);

/* Inside the register pull's REPEATABLE READ snapshot and SQLite transaction
 * (serah_server_pull_register): other desks' print runs, cards and voids after the cursors or
 * in the txid window from prev_xmin. */
gboolean serah_server_pull_print      (SerahStore           *store,
                                       PGconn               *conn,
                                       const char           *prev_xmin,
                                       SerahServerPrintPull *counts,
                                       GError              **error);

G_END_DECLS
