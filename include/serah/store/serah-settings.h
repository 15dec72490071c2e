/* serah-settings.h: the key/value settings of an office database (office name, the active
 * ceremony, preferences that travel with the file rather than with the desk's GSettings).
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

char     *serah_settings_get (SerahStore  *store,
                              const char  *key);
gboolean  serah_settings_set (SerahStore  *store,
                              const char  *key,
                              const char  *value,
                              GError     **error);

G_END_DECLS
