/* serah-store-outreach-private.h: the SQL of the outreach area, private to the core.
 *
 * The CLI and the GUI call the domain functions of include/serah/outreach/ only; these
 * functions are for those domain files (and the import use case's one call that closes
 * registrations). Each does one statement or one query; the domain file owns the
 * transaction around them.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

#include "store/serah-store-private.h"

G_BEGIN_DECLS

/* ---- activities ---- */

/* 1 when the activity exists, 0 when not, -1 on error. */
int      serah_store_outreach_activity_exists (SerahStore  *store,
                                               gint64       activity_id,
                                               GError     **error);

/* Inserts the activity with its partners and materials; returns its id, 0 on error. */
gint64   serah_store_outreach_insert_activity (SerahStore          *store,
                                               const SerahActivity *activity,
                                               GError             **error);
/* Sets the ceremony the activity went with (0: none); FALSE with error on failure. */
gboolean serah_store_outreach_set_activity_ceremony (SerahStore  *store,
                                                     gint64       activity_id,
                                                     gint64       ceremony_id,
                                                     GError     **error);
/* NULL with no error when there is none. */
SerahActivity *serah_store_outreach_get_activity (SerahStore  *store,
                                                  gint64       activity_id,
                                                  GError     **error);
/* Activities held between from and to (inclusive; NULL: no bound), in desa (NULL: any), by
 * date. Element type SerahActivity. */
GPtrArray *serah_store_outreach_list_activities (SerahStore  *store,
                                                 const char  *from,
                                                 const char  *to,
                                                 const char  *desa,
                                                 GError     **error);

/* Lists participant_id as present; returns 1 when newly listed, 0 when already, -1 on error. */
int      serah_store_outreach_add_attendee (SerahStore  *store,
                                            gint64       activity_id,
                                            gint64       participant_id,
                                            const char  *operator_name,
                                            GError     **error);

/* ---- SKM ---- */

gint64   serah_store_outreach_insert_skm   (SerahStore             *store,
                                            const SerahSkmResponse *response,
                                            GError                **error);
/* The answers and profiles of a period and unit (NULLs: no bound). Element type
 * SerahSkmResponse, oldest first. */
GPtrArray *serah_store_outreach_list_skm   (SerahStore  *store,
                                            const char  *unit,
                                            const char  *from,
                                            const char  *to,
                                            GError     **error);

/* ---- registrations ---- */

/* Inserts the registration (no event); returns its id, 0 on error. */
gint64   serah_store_outreach_insert_registration (SerahStore              *store,
                                                   const SerahRegistration *registration,
                                                   GError                 **error);
gboolean serah_store_outreach_add_registration_event (SerahStore  *store,
                                                      gint64       registration_id,
                                                      const char  *status,
                                                      const char  *reason,
                                                      gint64       import_id,
                                                      const char  *operator_name,
                                                      GError     **error);
/* The id of a registration of nik whose current status is submitted or verified; 0 when
 * none, -1 on error. */
gint64   serah_store_outreach_open_registration_for_nik (SerahStore  *store,
                                                         const char  *nik,
                                                         GError     **error);
/* NULL with no error when there is none. */
SerahRegistration *serah_store_outreach_get_registration (SerahStore  *store,
                                                          gint64       registration_id,
                                                          GError     **error);
/* The status events of one registration, oldest first (SerahRegistrationEvent). */
GPtrArray *serah_store_outreach_registration_events (SerahStore  *store,
                                                     gint64       registration_id,
                                                     GError     **error);
/* status NULL: any. from/to: ISO dates of recording, NULL: no bound. activity_id 0: any. */
GPtrArray *serah_store_outreach_list_registrations (SerahStore  *store,
                                                    const char  *status,
                                                    const char  *from,
                                                    const char  *to,
                                                    gint64       activity_id,
                                                    GError     **error);
/* Closes ("covered", with import_id) every registration not yet covered whose NIK is now a
 * participant. For the import use case, inside its transaction. Returns how many, -1 on
 * error. */
gint64   serah_store_outreach_close_covered_registrations (SerahStore  *store,
                                                           gint64       import_id,
                                                           const char  *operator_name,
                                                           GError     **error);

/* ---- feedback ---- */

gint64   serah_store_outreach_insert_feedback (SerahStore          *store,
                                               const SerahFeedback *feedback,
                                               GError             **error);
gboolean serah_store_outreach_add_feedback_event (SerahStore  *store,
                                                  gint64       feedback_id,
                                                  const char  *state,
                                                  const char  *forwarded_to,
                                                  const char  *response,
                                                  const char  *operator_name,
                                                  GError     **error);
/* NULL with no error when there is none. */
SerahFeedback *serah_store_outreach_get_feedback (SerahStore  *store,
                                                  gint64       feedback_id,
                                                  GError     **error);
/* open_only: not resolved, oldest first; otherwise all, oldest first. */
GPtrArray *serah_store_outreach_list_feedback (SerahStore  *store,
                                               gboolean     open_only,
                                               GError     **error);

/* ---- understanding surveys ---- */

/* desa and kecamatan NULL: those of the activity (when there is one). answers: the chosen
 * choices as text ("2,1,3,2,2"). */
gint64   serah_store_outreach_insert_understanding (SerahStore  *store,
                                                    const char  *survey_id,
                                                    int          survey_version,
                                                    const char  *phase,
                                                    const char  *taken_on,
                                                    gint64       activity_id,
                                                    const char  *desa,
                                                    const char  *kecamatan,
                                                    gint64       participant_id,
                                                    const char  *answers,
                                                    guint        score,
                                                    guint        max_score,
                                                    const char  *operator_name,
                                                    GError     **error);
/* Element type SerahSurveyScoreRow, sorted by key. */
GPtrArray *serah_store_outreach_understanding_scores (SerahStore          *store,
                                                      const char          *survey_id,
                                                      SerahSurveyGrouping  grouping,
                                                      GError             **error);

/* ---- indicators ---- */

/* One row per (month YYYY-MM, desa) with registrations recorded, of which closed by an import
 * (covered), activities held and their attendance; from/to ISO dates (NULL: no bound).
 * Element type GStrv of 6 fields: month, desa, registrations, covered, activities, attendance. */
GPtrArray *serah_store_outreach_timeline (SerahStore  *store,
                                          const char  *from,
                                          const char  *to,
                                          GError     **error);
/* Per month of receipt: items received, resolved since. Element type GStrv of 3 fields. */
GPtrArray *serah_store_outreach_feedback_by_month (SerahStore  *store,
                                                   const char  *from,
                                                   const char  *to,
                                                   GError     **error);

/* ---- data corrections (issue 15 item 4) ---- */

gint64   serah_store_outreach_insert_correction (SerahStore                *store,
                                                 const SerahDataCorrection *correction,
                                                 GError                   **error);
/* NULL with no error when there is none. by_feedback: id is a feedback's. */
SerahDataCorrection *serah_store_outreach_get_correction (SerahStore  *store,
                                                          gint64       id,
                                                          gboolean     by_feedback,
                                                          GError     **error);
gboolean serah_store_outreach_insert_correction_reprint (SerahStore  *store,
                                                         gint64       correction_id,
                                                         gint64       run_id,
                                                         gint64       serial,
                                                         const char  *operator_name,
                                                         GError     **error);

G_END_DECLS
