/* serah-store-print-private.h: the printing SQL (print runs, printed cards, voids, printer
 * profiles), implemented in serah-store-print.c. Private to the core and its tests: the GUI
 * and the CLI use serah-print-history.h and serah-print-job.h.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/cards/serah-print-records.h>

G_BEGIN_DECLS

/* Records a run; fills run->id and run->created_at. Call inside a transaction together with
 * the cards, so a failed run leaves nothing. */
gboolean serah_store_insert_print_run   (SerahStore    *store,
                                         SerahPrintRun *run,
                                         GError       **error);

/* Records one printed card and returns its new serial (never reused), 0 on error. */
gint64   serah_store_insert_printed_card (SerahStore  *store,
                                          gint64       print_run_id,
                                          gint64       participant_id,
                                          int          sheet_no,
                                          int          position,
                                          const char  *stack_group,
                                          int          stack_index,
                                          gint64       replaces_serial,
                                          GError     **error);

/* The same with the serial given (one of serah_store_reserve_card_serials'), 0 on error. */
gint64   serah_store_insert_printed_card_as (SerahStore  *store,
                                             gint64       serial,
                                             gint64       print_run_id,
                                             gint64       participant_id,
                                             int          sheet_no,
                                             int          position,
                                             const char  *stack_group,
                                             int          stack_index,
                                             gint64       replaces_serial,
                                             GError     **error);

/* Hands out n serials (the first is returned, 0 on error) that no card has and no later
 * insert will take: printed_cards' AUTOINCREMENT counter is moved past them. A print run
 * reserves its serials in a short transaction, draws its PDF holding no write lock and
 * records the cards with these serials at the end (issue 17); a run that never records
 * leaves a gap, never a serial handed out twice. */
gint64   serah_store_reserve_card_serials (SerahStore  *store,
                                           guint        n,
                                           GError     **error);

/* Issue 16: a desk linked to an office server (a "server.conninfo" setting) draws its serials
 * from the blocks the server handed it (serial_blocks), in order, and refuses with
 * SERAH_PRINT_ERROR_NO_SERIALS when none has n left; an unlinked desk numbers as above. */
gboolean serah_store_serials_from_blocks  (SerahStore  *store);
/* The next serial this desk may hand out from its blocks (0 before the first). */
gint64   serah_store_serials_next         (SerahStore  *store);
/* Serials left in the blocks from the next one on (-1 on error); *contiguous, when given, the
 * most one run can take (the longest rest of one block). */
gint64   serah_store_serials_available    (SerahStore  *store,
                                           gint64      *contiguous,
                                           GError     **error);
/* Records a block the server gave this desk (a block already here is ignored). */
gboolean serah_store_add_serial_block     (SerahStore  *store,
                                           gint64       start,
                                           gint64       count,
                                           GError     **error);
/* The highest serial this desk used or reserved (printed or pulled), -1 on error. */
gint64   serah_store_max_card_serial      (SerahStore  *store,
                                           GError     **error);

/* Voids a card (append-only: a row in card_voids). */
gboolean serah_store_void_card          (SerahStore  *store,
                                         gint64       serial,
                                         const char  *reason,
                                         const char  *operator_name,
                                         gint64       replaced_by,
                                         GError     **error);

/* NULL without error when no such serial. */
SerahPrintedCard *serah_store_get_printed_card (SerahStore *store,
                                                gint64      serial,
                                                GError    **error);

/* The participant's newest card that is not voided; NULL without error when none.
 * Invitation slips are recorded as printed items too, but are never a current card. */
SerahPrintedCard *serah_store_get_current_card (SerahStore *store,
                                                gint64      participant_id,
                                                GError    **error);

/* NULL without error when no such run; cards is filled. */
SerahPrintRun *serah_store_get_print_run      (SerahStore *store,
                                               gint64      id,
                                               GError    **error);

/* Element type SerahPrintRun, newest first, with the number of cards. */
GPtrArray     *serah_store_list_print_runs    (SerahStore *store,
                                               GError    **error);

/* Streams the cards of a run in print order (serial). */
gboolean       serah_store_foreach_printed_card (SerahStore          *store,
                                                 gint64               print_run_id,
                                                 SerahPrintedCardFunc func,
                                                 gpointer             user_data,
                                                 GError             **error);

/* Creates or replaces the profile of that name (a setting, not an event). */
gboolean             serah_store_save_printer_profile   (SerahStore                *store,
                                                         const SerahPrinterProfile *profile,
                                                         GError                   **error);

/* NULL without error when no such profile. */
SerahPrinterProfile *serah_store_get_printer_profile    (SerahStore *store,
                                                         const char *name,
                                                         GError    **error);

/* Element type SerahPrinterProfile, by name. */
GPtrArray           *serah_store_list_printer_profiles  (SerahStore *store,
                                                         GError    **error);

gboolean             serah_store_delete_printer_profile (SerahStore *store,
                                                         const char *name,
                                                         GError    **error);

G_END_DECLS
