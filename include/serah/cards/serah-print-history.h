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

/**
 * serah_print_runs_list:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Lists the print runs, newest first, each with its number of cards.
 *
 * Returns: (transfer full) (nullable) (element-type SerahPrintRun): the runs, or %NULL with
 *   @error set
 */
GPtrArray        *serah_print_runs_list          (SerahStore *store,
                                                  GError    **error);

/**
 * serah_print_runs_get:
 * @store: the office database
 * @id: a print run's id
 * @error: return location for a #GError
 *
 * Reads one print run with its number of cards.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL with no error when there is no such
 *   run
 */
SerahPrintRun    *serah_print_runs_get           (SerahStore *store,
                                                  gint64      id,
                                                  GError    **error);

/**
 * serah_printed_cards_get:
 * @store: the office database
 * @serial: the card's serial
 * @error: return location for a #GError
 *
 * Reads one printed card: its run, sheet, position, stack and whether it was voided.
 *
 * Returns: (transfer full) (nullable): the card, or %NULL with no error when there is no such
 *   serial
 */
SerahPrintedCard *serah_printed_cards_get        (SerahStore *store,
                                                  gint64      serial,
                                                  GError    **error);

/**
 * serah_printed_cards_get_current:
 * @store: the office database
 * @participant_id: the participant
 * @error: return location for a #GError
 *
 * The participant's newest card that is not voided (invitation slips never count).
 *
 * Returns: (transfer full) (nullable): the card, or %NULL with no error when there is none
 */
SerahPrintedCard *serah_printed_cards_get_current (SerahStore *store,
                                                   gint64      participant_id,
                                                   GError    **error);

/**
 * serah_printer_profiles_get:
 * @store: the office database
 * @name: the profile's name
 * @error: return location for a #GError
 *
 * Reads one printer profile.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with no error when there is none
 *   of that name
 */
SerahPrinterProfile *serah_printer_profiles_get    (SerahStore *store,
                                                    const char *name,
                                                    GError    **error);

/**
 * serah_printer_profiles_list:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Lists the printer profiles by name.
 *
 * Returns: (transfer full) (nullable) (element-type SerahPrinterProfile): the profiles, or
 *   %NULL with @error set
 */
GPtrArray           *serah_printer_profiles_list   (SerahStore *store,
                                                    GError    **error);

G_END_DECLS
