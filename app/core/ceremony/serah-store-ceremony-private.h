/* serah-store-ceremony-private.h: the ceremony area's SQL (serah-store-ceremony.c and
 * serah-store-handover.c) that serah-ceremony.c and serah-station.c build their rules on.
 * Private to the core and its tests.
 *
 * These functions do no rule checking and open no transactions of their own unless they say
 * so; the callers in serah-ceremony.c decide what is allowed and wrap it in a transaction.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

/* TRUE when text is one or more ASCII digits and nothing else (serah-store-handover.c). */
gboolean    serah_text_is_digits          (const char        *text);

/* ---- ceremonies and invitations (serah-store-ceremony.c) ---- */

gint64         serah_store_insert_ceremony        (SerahStore  *store,
                                                   const char  *uuid,
                                                   const char  *name,
                                                   const char  *date,
                                                   const char  *place,
                                                   const char  *created_by,
                                                   GError     **error);
/* NULL without error when there is no such ceremony. With counts. */
SerahCeremony *serah_store_get_ceremony           (SerahStore  *store,
                                                   gint64       ceremony_id,
                                                   GError     **error);
SerahCeremony *serah_store_find_ceremony_by_uuid  (SerahStore  *store,
                                                   const char  *uuid,
                                                   GError     **error);
GPtrArray     *serah_store_list_ceremonies        (SerahStore  *store,
                                                   GError     **error);
gboolean       serah_store_insert_ceremony_closure (SerahStore *store,
                                                    gint64      ceremony_id,
                                                    const char *operator_name,
                                                    GError    **error);

/* Where the slice of serah_store_invite_selection that starts after after_id ends: the id of
 * the rows-th participant after it, the last id when fewer are left, 0 when none is; -1 on
 * error. */
gint64   serah_store_participant_slice_end (SerahStore               *store,
                                            gint64                    after_id,
                                            gint64                    rows,
                                            GError                  **error);
/* INSERT ... SELECT of everyone the filter (and print run, when > 0) selects among the
 * participants with after_id < id <= last_id; people already invited are left alone.
 * *added: rows inserted. */
gboolean serah_store_invite_selection   (SerahStore                   *store,
                                         gint64                        ceremony_id,
                                         const SerahParticipantFilter *filter,
                                         gint64                        print_run_id,
                                         const char                   *operator_name,
                                         const char                   *source,
                                         gint64                        after_id,
                                         gint64                        last_id,
                                         gint64                       *added,
                                         GError                      **error);
/* The ids of the participants invited to a ceremony whom filter selects (NULL: all), in
 * kecamatan, desa, name order: the invitation slips to print (issue 11). */
GArray  *serah_store_list_invited_ids   (SerahStore                   *store,
                                         gint64                        ceremony_id,
                                         const SerahParticipantFilter *filter,
                                         GError                      **error);
gboolean serah_store_invite_participant (SerahStore  *store,
                                         gint64       ceremony_id,
                                         gint64       participant_id,
                                         const char  *operator_name,
                                         const char  *source,
                                         gboolean    *added,
                                         GError     **error);
/* FALSE with error only on database errors; *invited says. */
gboolean serah_store_is_invited         (SerahStore  *store,
                                         gint64       ceremony_id,
                                         gint64       participant_id,
                                         gboolean    *invited,
                                         GError     **error);

SerahCeremonyProgress *serah_store_get_ceremony_progress (SerahStore  *store,
                                                          gint64       ceremony_id,
                                                          GError     **error);
GStrv serah_store_list_ceremony_operators (SerahStore  *store,
                                           gint64       ceremony_id,
                                           GError     **error);

/* ---- handovers, undos, state (serah-store-handover.c) ---- */

/* Appends a handover event as given (uuid, times, everything); recorded_at = now. */
gboolean       serah_store_insert_handover      (SerahStore          *store,
                                                 const SerahHandover *handover,
                                                 GError             **error);
/* Appends an undo event; the handover's undo_* fields hold it (undo_uuid, undone_at, ...). */
gboolean       serah_store_insert_handover_undo (SerahStore          *store,
                                                 const SerahHandover *undone,
                                                 GError             **error);
/* Re-derives ceremony_state for one participant from the events: live handovers are those
 * with no undo; the earliest (handed_at, uuid) is the state, their number is n_live. */
gboolean       serah_store_refresh_ceremony_state (SerahStore *store,
                                                   gint64      ceremony_id,
                                                   gint64      participant_id,
                                                   GError    **error);
/* NULL without error when unknown. With undo fields when undone. */
SerahHandover *serah_store_get_handover         (SerahStore  *store,
                                                 const char  *uuid,
                                                 GError     **error);
SerahHandover *serah_store_get_live_handover    (SerahStore  *store,
                                                 gint64       ceremony_id,
                                                 gint64       participant_id,
                                                 guint       *n_live,
                                                 GError     **error);
/* participant_id 0 = all; live_only leaves out undone handovers. Time order. */
GPtrArray     *serah_store_list_handovers       (SerahStore  *store,
                                                 gint64       ceremony_id,
                                                 gint64       participant_id,
                                                 gboolean     live_only,
                                                 GError     **error);
/* An undo event by its own uuid; NULL without error when unknown. */
SerahHandover *serah_store_get_undo             (SerahStore  *store,
                                                 const char  *undo_uuid,
                                                 GError     **error);

SerahCheckoffEntry *serah_store_get_checkoff_entry (SerahStore  *store,
                                                    gint64       ceremony_id,
                                                    gint64       participant_id,
                                                    GError     **error);
gboolean serah_store_foreach_checkoff_entry (SerahStore             *store,
                                             gint64                  ceremony_id,
                                             SerahEntriesWhich       which,
                                             const char             *desa,
                                             SerahCheckoffEntryFunc  func,
                                             gpointer                user_data,
                                             GError                **error);
/* The check-off page's search, built to stop after limit rows whatever the query: a digit
 * prefix walks the NIK and card number indexes, one or two letters the name index, three
 * or more the name trigram index, invited people of the ceremony first. Unordered beyond
 * that; at most limit ids, *more set when there were more. */
/* The people still waiting (invited, not handed over) one window at a time (issue #10): ids at
 * [position, position + limit) in (desa, participant id) order, a walk of
 * ceremony_invitations_by_desa with one ceremony_state lookup per row, no sort. desa and
 * kecamatan (both or neither) restrict it to one desa. n_pending (0 if unknown) lets a window
 * in the second half be read from the end. */
GArray  *serah_store_pending_window (SerahStore  *store,
                                     gint64       ceremony_id,
                                     const char  *kecamatan,
                                     const char  *desa,
                                     gint64       position,
                                     guint        limit,
                                     gint64       n_pending,
                                     GError     **error);
GArray  *serah_store_search_checkoff_ids (SerahStore  *store,
                                          gint64       ceremony_id,
                                          const char  *query,
                                          guint        limit,
                                          gboolean    *more,
                                          GError     **error);
/* Participant ids with n_live > 1, by area and name. */
GArray  *serah_store_list_conflict_participants (SerahStore  *store,
                                                 gint64       ceremony_id,
                                                 GError     **error);

G_END_DECLS
