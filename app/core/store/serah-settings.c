/* serah-settings.c: the public face of the settings table (serah-settings.h). The SQL stays
 * in serah-store.c, which needs the settings itself before any domain exists (the database
 * id is one); these wrappers keep serah_store_* private to the core.
 */
#define G_LOG_DOMAIN "serah-settings"

#include "config.h"

#include "store/serah-store-private.h"
#include <serah/store/serah-settings.h>

char *
serah_settings_get (SerahStore *store, const char *key)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return serah_store_get_setting (store, key);
}

gboolean
serah_settings_set (SerahStore *store, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  return serah_store_set_setting (store, key, value, error);
}
