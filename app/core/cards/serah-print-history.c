/* serah-print-history.c: the public reads of past printing and the printer profiles
 * (serah-print-history.h). Thin on purpose: each is the store's operation under the domain's
 * name, so serah_store_* stays private to the core and the SQL stays in serah-store-print.c.
 */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"

#include <serah/cards/serah-print-history.h>

#include "cards/serah-store-print-private.h"

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
GPtrArray *
serah_print_runs_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_print_runs (store, error);
}

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
SerahPrintRun *
serah_print_runs_get (SerahStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_print_run (store, id, error);
}

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
SerahPrintedCard *
serah_printed_cards_get (SerahStore *store, gint64 serial, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_printed_card (store, serial, error);
}

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
SerahPrintedCard *
serah_printed_cards_get_current (SerahStore *store, gint64 participant_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_current_card (store, participant_id, error);
}

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
SerahPrinterProfile *
serah_printer_profiles_get (SerahStore *store, const char *name, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_printer_profile (store, name, error);
}

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
GPtrArray *
serah_printer_profiles_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_printer_profiles (store, error);
}
