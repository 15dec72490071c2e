/* serah-outreach-areas.h: the kecamatan and desa an activity or a registration can name.
 *
 * The outreach forms of the window once listed only areas that already had participants, so
 * a person from a desa the register did not cover (the very people a registration is for)
 * could be registered by the CLI but not at a desk. These lists come from the area reference
 * (data/areas) for the office's kabupaten, with the register's own areas added. */
#pragma once

#include <glib.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/**
 * serah_outreach_office_kabupaten:
 * @store: the office database
 *
 * The office's kabupaten, as the importer and the outreach forms understand it: the setting
 * `office-kabupaten` ("36.01") when set, otherwise the kabupaten of the register's
 * kecamatan, the one holding most participants (names the area reference cannot place in
 * one kabupaten are not counted).
 *
 * Returns: (transfer full) (nullable): the kabupaten's code with dots ("36.01"), or %NULL
 *   when neither says; free with g_free()
 */
char      *serah_outreach_office_kabupaten (SerahStore  *store);

/**
 * serah_outreach_form_areas:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Every desa of the office's kabupaten in the area reference, with the register's count of
 * participants in it (0 for a desa the register does not cover yet), and then the register's
 * areas the reference does not hold under that kabupaten (a desa of a neighbouring
 * kabupaten, a name the importer kept as written). Sorted by kecamatan, then desa, so each
 * kecamatan's desa are together. Without an office kabupaten, or without the reference,
 * the register's areas alone.
 *
 * Returns: (transfer full) (element-type SerahAreaCount): the areas, or %NULL with @error set
 *   when the register cannot be read
 */
GPtrArray *serah_outreach_form_areas      (SerahStore  *store,
                                           GError     **error);

G_END_DECLS
