/* serah-printer-profile.c: the use cases that change a printer profile (the calibration a
 * printer needs). A profile is a setting, yet who changed how every later card lands on the
 * paper belongs in the audit log: saving or deleting and its audit record are one transaction,
 * here once for the CLI's "calibrate set/delete" and the GUI's calibration dialog.
 */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"

#include <serah/admin/serah-audit.h>
#include <serah/cards/serah-print-job.h>

#include "cards/serah-store-print-private.h"
#include "store/serah-store-private.h"

gboolean
serah_printer_profile_save (SerahStore *store, const SerahPrinterProfile *profile,
                            const char *operator_name, GError **error)
{
  g_autofree char *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && profile->name != NULL, FALSE);

  /* Fixed-precision text, as serah-cli has always written it: the log reads the same
   * whichever program saved the profile. */
  details = g_strdup_printf ("{\"offset_x_mm\":%.3f,\"offset_y_mm\":%.3f,"
                             "\"scale_x\":%.5f,\"scale_y\":%.5f}",
                             profile->offset_x_mm, profile->offset_y_mm, profile->scale_x,
                             profile->scale_y);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_save_printer_profile (store, profile, error) ||
      !serah_audit_record (store, operator_name, "printer.calibrate", profile->name, details,
                           error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_printer_profile_delete (SerahStore *store, const char *name, const char *operator_name,
                              GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_delete_printer_profile (store, name, error) ||
      !serah_audit_record (store, operator_name, "printer.delete", name, NULL, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
