/* serah-store-server-print-private.h: the SQLite side of syncing print runs, printed cards and
 * voids with the office server (serah-store-server-print.c), used only by
 * serah-server-print.c. Rows travel as flat arrays of strings (n columns a row, NULL for SQL
 * NULL), as libpq takes them.
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_STORE_RUN_COLS  8   /* id, uuid, created_at, kind, operator, template, sheet, selection */
#define SERAH_STORE_CARD_COLS 10  /* serial, run uuid, nik, card_no, sheet_no, position,
                                   * stack_group, stack_index, replaces_serial, printed_at */
#define SERAH_STORE_VOID_COLS 6   /* rowid, serial, voided_at, operator, reason, replaced_by */

/* Print runs with a local id after after_id, in id order. */
GPtrArray *serah_store_print_runs_after      (SerahStore  *store,
                                              gint64       after_id,
                                              GError     **error);
/* The cards of the print runs with a local id after after_id, in serial order. */
GPtrArray *serah_store_printed_cards_after   (SerahStore  *store,
                                              gint64       after_run_id,
                                              GError     **error);
/* Voids with a rowid after after_id, in rowid order. */
GPtrArray *serah_store_card_voids_after      (SerahStore  *store,
                                              gint64       after_id,
                                              GError     **error);
/* The highest print-run id and void rowid (0 when none). */
gboolean   serah_store_max_print_ids         (SerahStore  *store,
                                              gint64      *run_id,
                                              gint64      *void_id,
                                              GError     **error);

/* A pulled print run, unless its UUID is here already (*added says which). */
gboolean   serah_store_insert_pulled_run     (SerahStore         *store,
                                              const char *const  *cols,
                                              gboolean           *added,
                                              GError            **error);
/* A pulled card (SERAH_STORE_CARD_COLS), unless its serial is here already; skipped (FALSE in
 * *added, *conflict TRUE) when the serial here is another participant's card, or when its
 * participant or run is not here. */
gboolean   serah_store_insert_pulled_card    (SerahStore         *store,
                                              const char *const  *cols,
                                              gboolean           *added,
                                              gboolean           *conflict,
                                              GError            **error);
/* A pulled void (serial, voided_at, operator, reason, replaced_by), unless the card is voided
 * here already or unknown here. */
gboolean   serah_store_insert_pulled_void    (SerahStore         *store,
                                              const char *const  *cols,
                                              gboolean           *added,
                                              GError            **error);

G_END_DECLS
