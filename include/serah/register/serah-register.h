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

SerahParticipant *serah_participants_get          (SerahStore *store,
                                                   gint64      id,
                                                   GError    **error);
SerahParticipant *serah_participants_find_by_nik  (SerahStore *store,
                                                   const char *nik,
                                                   GError    **error);
SerahParticipant *serah_participants_find_by_card (SerahStore *store,
                                                   const char *card_no,
                                                   GError    **error);
gint64            serah_participants_count        (SerahStore *store);
GArray           *serah_participants_search_ids   (SerahStore *store,
                                                   const char *query,
                                                   guint       limit,
                                                   GError    **error);
GPtrArray        *serah_participants_count_by_area (SerahStore *store,
                                                    GError    **error);
GPtrArray        *serah_imports_list              (SerahStore *store,
                                                   GError    **error);

G_END_DECLS
