/* serah-register.h: what the GUI and the CLI ask of the register: one participant, a
 * search, counts, the list of imports.
 *
 * These are the register's domain entry points over the store's private SQL
 * (app/core/register/serah-store-participants-private.h), so the layers above the core never
 * call serah_store_* themselves.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

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
SerahParticipant *serah_participants_get          (SerahStore *store,
                                                   gint64      id,
                                                   GError    **error);

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
SerahParticipant *serah_participants_find_by_nik  (SerahStore *store,
                                                   const char *nik,
                                                   GError    **error);

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
SerahParticipant *serah_participants_find_by_card (SerahStore *store,
                                                   const char *card_no,
                                                   GError    **error);

/**
 * serah_participants_count:
 * @store: the office database
 *
 * Counts the participants of the register.
 *
 * Returns: the number of participants (0 when the database cannot be read)
 */
gint64            serah_participants_count        (SerahStore *store);

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
GArray           *serah_participants_search_ids   (SerahStore *store,
                                                   const char *query,
                                                   guint       limit,
                                                   GError    **error);

/**
 * SERAH_PARTICIPANTS_SEARCH_CAP:
 *
 * How many matches of a search a list counts and shows (issue #10): past this many, the
 * person types more rather than scrolls.
 */
#define SERAH_PARTICIPANTS_SEARCH_CAP 1000

/**
 * serah_participants_search_count:
 * @store: the office database
 * @query: what was typed (see serah_participants_search_window())
 * @cap: count searches up to this many matches (0: count them all); when nothing is typed
 *   everyone is counted exactly, whatever @cap
 * @more: (out) (optional): set to %TRUE when more than @cap match
 * @error: return location for a #GError
 *
 * Counts the matches of a search without reading them, for a list that reads its rows one
 * window at a time: the cost grows with min(matches, @cap), not with the register.
 *
 * Returns: the number of matches (at most @cap when @cap is not 0), or -1 with @error set
 */
gint64            serah_participants_search_count  (SerahStore *store,
                                                    const char *query,
                                                    gint64      cap,
                                                    gboolean   *more,
                                                    GError    **error);

/**
 * serah_participants_search_window:
 * @store: the office database
 * @query: what was typed: part of a name, or the first digits of a NIK or card number; empty
 *   for everyone
 * @position: the first match wanted, from 0
 * @limit: at most this many ids
 * @n_matches: the count serah_participants_search_count() gave, or 0 if unknown (a window in
 *   the second half of the everyone list is then read from the end, at half the cost)
 * @error: return location for a #GError
 *
 * One window of a search's matches, each kind in the order of its index so that no window
 * sorts: everyone in (kecamatan, desa, name) order; digits: NIKs starting with them in NIK
 * order, then card numbers starting with them in card order; three letters or more: names
 * containing them, any case, in register order; one or two letters: names with a word
 * starting with them, in register order.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids (fewer than @limit at
 *   the end), or %NULL with @error set
 */
GArray           *serah_participants_search_window (SerahStore *store,
                                                    const char *query,
                                                    gint64      position,
                                                    guint       limit,
                                                    gint64      n_matches,
                                                    GError    **error);

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
GPtrArray        *serah_participants_count_by_area (SerahStore *store,
                                                    GError    **error);

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
GPtrArray        *serah_imports_list              (SerahStore *store,
                                                   GError    **error);

G_END_DECLS
