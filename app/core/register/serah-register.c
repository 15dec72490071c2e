/* serah-register.c: the register's public queries (serah-register.h), thin and on purpose:
 * each is the store's operation under the domain's name, so that serah_store_* stays
 * private to the core and the SQL stays in serah-store-participants.c.
 */
#define G_LOG_DOMAIN "serah-register"

#include "config.h"

#include "register/serah-store-participants-private.h"
#include <serah/register/serah-register.h>

SerahParticipant *
serah_participants_get (SerahStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_get_participant (store, id, error);
}

SerahParticipant *
serah_participants_find_by_nik (SerahStore *store, const char *nik, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (nik != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_find_participant_by_nik (store, nik, error);
}

SerahParticipant *
serah_participants_find_by_card (SerahStore *store, const char *card_no, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (card_no != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_find_participant_by_card (store, card_no, error);
}

gint64
serah_participants_count (SerahStore *store)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  return serah_store_count_participants (store);
}

GArray *
serah_participants_search_ids (SerahStore *store, const char *query, guint limit, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_search_participant_ids (store, query, limit, error);
}

gint64
serah_participants_search_count (SerahStore *store, const char *query, gint64 cap,
                                 gboolean *more, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);
  return serah_store_count_participant_matches (store, query, cap, more, error);
}

GArray *
serah_participants_search_window (SerahStore *store, const char *query, gint64 position,
                                  guint limit, gint64 n_matches, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_participant_window (store, query, position, limit, n_matches, error);
}

GPtrArray *
serah_participants_count_by_area (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_count_by_area (store, error);
}

GPtrArray *
serah_imports_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_list_imports (store, error);
}
