/* serah-ceremony-mode.c: how the check-off desk of a ceremony treats a scan. Kept per
 * ceremony (an organiser decides it for the event, every station follows it) in the office
 * settings under the ceremony's UUID, so station copies of the database agree and no schema
 * change is needed. The default is the safer one: a scan shows the person, the officer checks
 * the KTP and confirms. Changing it is audited, since it changes what a scan records. */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>
#include <serah/ceremony/serah-ceremony.h>
#include "store/serah-store-private.h"

static char *
mode_key (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCeremony) ceremony = serah_ceremony_get (store, ceremony_id, error);

  if (ceremony == NULL)
    return NULL;
  return g_strdup_printf ("ceremony-checkoff-mode:%s", ceremony->uuid);
}

const char *
serah_checkoff_mode_to_string (SerahCheckoffMode mode)
{
  return mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER ? "scan-hands-over" : "confirm";
}

SerahCheckoffMode
serah_ceremony_get_checkoff_mode (SerahStore *store, gint64 ceremony_id)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), SERAH_CHECKOFF_MODE_CONFIRM);

  key = mode_key (store, ceremony_id, NULL);
  if (key == NULL)
    return SERAH_CHECKOFF_MODE_CONFIRM;
  value = serah_store_get_setting (store, key);
  /* Anything but the explicit opt-in (a missing key, a value from a newer Serah) is the
   * safe mode. */
  return g_strcmp0 (value, "scan-hands-over") == 0 ? SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER
                                                   : SERAH_CHECKOFF_MODE_CONFIRM;
}

gboolean
serah_ceremony_set_checkoff_mode (SerahStore        *store,
                                  gint64             ceremony_id,
                                  SerahCheckoffMode  mode,
                                  const char        *operator_name,
                                  GError           **error)
{
  g_autofree char *key = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (mode == SERAH_CHECKOFF_MODE_CONFIRM ||
                        mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER, FALSE);

  key = mode_key (store, ceremony_id, error);
  if (key == NULL)
    return FALSE;
  if (serah_ceremony_get_checkoff_mode (store, ceremony_id) == mode)
    return TRUE;
  subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
  details = serah_audit_details ("mode", serah_checkoff_mode_to_string (mode), NULL);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_set_setting (store, key, serah_checkoff_mode_to_string (mode), error) ||
      !serah_audit_record (store, operator_name, "ceremony.checkoff-mode", subject, details,
                           error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
