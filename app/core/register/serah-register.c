/* serah-register.c: the register's public queries (serah-register.h), thin and on purpose:
 * each is the store's operation under the domain's name, so that serah_store_* stays
 * private to the core and the SQL stays in serah-store-participants.c.
 */
#define G_LOG_DOMAIN "serah-register"

#include "config.h"

#include "register/serah-store-participants-private.h"
#include <serah/register/serah-register.h>

/**
 * serah_participants_get:
 * @store: the office database
 * @id: a participant's row id
 * @error: return location for a #GError
 *
 * Reads one participant.
 *
 * Returns: (transfer full) (nullable): the participant, or %NULL with no error when there is
 *   no such id, or %NULL with @error set when the database failed
 */
SerahParticipant *
serah_participants_get (SerahStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_get_participant (store, id, error);
}

/**
 * serah_participants_find_by_nik:
 * @store: the office database
 * @nik: the 16-digit NIK
 * @error: return location for a #GError
 *
 * Finds the participant with that NIK.
 *
 * Returns: (transfer full) (nullable): the participant, or %NULL with no error when none
 *   matches
 */
SerahParticipant *
serah_participants_find_by_nik (SerahStore *store, const char *nik, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (nik != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_find_participant_by_nik (store, nik, error);
}

/**
 * serah_participants_find_by_card:
 * @store: the office database
 * @card_no: the 13-digit JKN card number
 * @error: return location for a #GError
 *
 * Finds the participant who holds that card number.
 *
 * Returns: (transfer full) (nullable): the participant, or %NULL with no error when none
 *   matches
 */
SerahParticipant *
serah_participants_find_by_card (SerahStore *store, const char *card_no, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (card_no != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_find_participant_by_card (store, card_no, error);
}

/**
 * serah_participants_count:
 * @store: the office database
 *
 * Counts the participants of the register.
 *
 * Returns: the number of participants (0 when the database cannot be read)
 */
gint64
serah_participants_count (SerahStore *store)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  return serah_store_count_participants (store);
}

/**
 * serah_participants_search_ids:
 * @store: the office database
 * @query: what was typed: part of a name, or the first digits of a NIK or card number
 * @limit: at most this many ids (0: no limit)
 * @error: return location for a #GError
 *
 * Search-as-you-type over the register: ids of participants whose name contains @query (one
 * or two letters: a word of the name starts with them), or whose NIK or card number starts
 * with its digits, in (kecamatan, desa, name) order. An empty query gives every id.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids, or %NULL with @error
 *   set
 */
GArray *
serah_participants_search_ids (SerahStore *store, const char *query, guint limit, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_search_participant_ids (store, query, limit, error);
}

/**
 * serah_participants_count_by_area:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Counts the participants of every (kecamatan, desa), sorted by kecamatan then desa.
 *
 * Returns: (transfer full) (nullable) (element-type SerahAreaCount): the counts, or %NULL with
 *   @error set
 */
GPtrArray *
serah_participants_count_by_area (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_count_by_area (store, error);
}

/**
 * serah_imports_list:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Lists the imports of participant lists, newest first, with their counts.
 *
 * Returns: (transfer full) (nullable) (element-type SerahImportRecord): the imports, or %NULL
 *   with @error set
 */
GPtrArray *
serah_imports_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_list_imports (store, error);
}
