/* serah-print-history.c: the public reads of past printing and the printer profiles
 * (serah-print-history.h). Thin on purpose: each is the store's operation under the domain's
 * name, so serah_store_* stays private to the core and the SQL stays in serah-store-print.c.
 */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"

#include <serah/cards/serah-print-history.h>

#include "cards/serah-store-print-private.h"

GPtrArray *
serah_print_runs_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_print_runs (store, error);
}

SerahPrintRun *
serah_print_runs_get (SerahStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_print_run (store, id, error);
}

SerahPrintedCard *
serah_printed_cards_get (SerahStore *store, gint64 serial, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_printed_card (store, serial, error);
}

SerahPrintedCard *
serah_printed_cards_get_current (SerahStore *store, gint64 participant_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_current_card (store, participant_id, error);
}

SerahPrinterProfile *
serah_printer_profiles_get (SerahStore *store, const char *name, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_printer_profile (store, name, error);
}

GPtrArray *
serah_printer_profiles_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_printer_profiles (store, error);
}
