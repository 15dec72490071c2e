/* serah-print-history.h: what the GUI and the CLI read of past printing (runs, one printed
 * card, a participant's current card) and the printer profiles they keep.
 *
 * The domain's names over the private printing SQL (serah-store-print.c); printing itself is
 * serah-print-job.h.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/cards/serah-print-records.h>

G_BEGIN_DECLS

GPtrArray        *serah_print_runs_list          (SerahStore *store,
                                                  GError    **error);
SerahPrintRun    *serah_print_runs_get           (SerahStore *store,
                                                  gint64      id,
                                                  GError    **error);
SerahPrintedCard *serah_printed_cards_get        (SerahStore *store,
                                                  gint64      serial,
                                                  GError    **error);
SerahPrintedCard *serah_printed_cards_get_current (SerahStore *store,
                                                   gint64      participant_id,
                                                   GError    **error);

/* Saving and deleting a profile are use cases with an audit record:
 * serah_printer_profile_save / _delete in serah-print-job.h. */
SerahPrinterProfile *serah_printer_profiles_get    (SerahStore *store,
                                                    const char *name,
                                                    GError    **error);
GPtrArray           *serah_printer_profiles_list   (SerahStore *store,
                                                    GError    **error);

G_END_DECLS
