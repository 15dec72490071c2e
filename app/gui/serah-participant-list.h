/* serah-participant-list.h: the participant register as a paged, lazy GListModel. */
#pragma once

#include <gio/gio.h>
#include <serah/store/serah-store.h>

#include "serah-id-window-list.h"
#include "serah-participant-item.h"

G_BEGIN_DECLS

#define SERAH_TYPE_PARTICIPANT_LIST (serah_participant_list_get_type ())
G_DECLARE_FINAL_TYPE (SerahParticipantList, serah_participant_list, SERAH, PARTICIPANT_LIST,
                      SerahIdWindowList)

SerahParticipantList *serah_participant_list_new       (SerahStore           *store);
SerahStore           *serah_participant_list_get_store (SerahParticipantList *self);
/* Sets the store and reloads; the list is empty while there is no store. */
gboolean              serah_participant_list_set_store (SerahParticipantList *self,
                                                        SerahStore           *store,
                                                        GError              **error);
const char           *serah_participant_list_get_query (SerahParticipantList *self);
/* Shows the participants matching query (see serah_participants_search_window), at most
 * SERAH_PARTICIPANTS_SEARCH_CAP of a search; the view is told the whole list changed. On
 * error the list keeps its previous contents. */
gboolean              serah_participant_list_set_query (SerahParticipantList *self,
                                                        const char           *query,
                                                        GError              **error);
/* Reloads from the store after it changed (an import): same query, rows read afresh. */
gboolean              serah_participant_list_refresh   (SerahParticipantList *self,
                                                        GError              **error);
/* TRUE when the search matched more participants than the list shows (the cap). */
gboolean              serah_participant_list_get_more  (SerahParticipantList *self);
/* How many windows of ids were read from the store since the list was made (tests). */
guint                 serah_participant_list_get_windows_loaded (SerahParticipantList *self);
/* How many rows were read from the store since the list was made: for tests and
 * diagnostics, to show that scrolling reads only what is seen. */
guint                 serah_participant_list_get_rows_loaded (SerahParticipantList *self);

G_END_DECLS
