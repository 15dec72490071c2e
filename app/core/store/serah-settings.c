/* serah-settings.c: the public face of the settings table (serah-settings.h). The SQL stays
 * in serah-store.c, which needs the settings itself before any domain exists (the database
 * id is one); these wrappers keep serah_store_* private to the core.
 */
#define G_LOG_DOMAIN "serah-settings"

#include "config.h"

#include "store/serah-store-private.h"
#include <serah/store/serah-settings.h>

/**
 * serah_settings_get:
 * @store: the office database
 * @key: the setting's name, such as "office-name"
 *
 * Reads a setting of this office database.
 *
 * Returns: (transfer full) (nullable): its value, or %NULL when it was never set
 */
char *
serah_settings_get (SerahStore *store, const char *key)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return serah_store_get_setting (store, key);
}

/**
 * serah_settings_set:
 * @store: the office database
 * @key: the setting's name
 * @value: its new value
 * @error: return location for a #GError
 *
 * Creates or replaces a setting of this office database.
 *
 * Returns: %TRUE when saved, %FALSE with @error set
 */
gboolean
serah_settings_set (SerahStore *store, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  return serah_store_set_setting (store, key, value, error);
}
