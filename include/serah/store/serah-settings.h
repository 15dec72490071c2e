/* serah-settings.h: the key/value settings of an office database (office name, the active
 * ceremony, preferences that travel with the file rather than with the desk's GSettings).
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/**
 * serah_settings_get:
 * @store: the office database
 * @key: the setting's name
 *
 * Reads a setting of this office database (office name, the active ceremony, preferences
 * that travel with the file rather than with the desk's GSettings). A failed read is the
 * same as an absent key.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when the key is not set
 */
char     *serah_settings_get (SerahStore  *store,
                              const char  *key);

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
gboolean  serah_settings_set (SerahStore  *store,
                              const char  *key,
                              const char  *value,
                              GError     **error);

G_END_DECLS
