/* serah-print-records.c: the free functions of the printing records (serah-print-records.h).
 *
 * They sit here, not in serah-store-print.c, so that the records header depends on nothing:
 * the store's SQL and the print job both build on it, and neither has to include the other.
 */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"

#include <serah/cards/serah-print-records.h>

void
serah_print_run_free (SerahPrintRun *self)
{
  if (self == NULL)
    return;
  g_free (self->operator_name);
  g_free (self->template_name);
  g_free (self->sheet_name);
  g_free (self->calibration);
  g_free (self->selection);
  g_free (self->output);
  g_free (self);
}

void
serah_printed_card_free (SerahPrintedCard *self)
{
  if (self == NULL)
    return;
  g_free (self->stack_group);
  g_free (self->void_reason);
  g_free (self);
}

void
serah_printer_profile_free (SerahPrinterProfile *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}
