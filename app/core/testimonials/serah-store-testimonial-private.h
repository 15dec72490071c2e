/* serah-store-testimonial-private.h: the testimonials' SQL (testimonials, tags, consent
 * events, the recordings journal), implemented in serah-store-testimonial.c. Private to the
 * core and its tests: the GUI and the CLI use serah-testimonial.h.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/testimonials/serah-testimonial-records.h>

G_BEGIN_DECLS

/* Inserts testimonial, tags and the first consent event; fills id, uuid, recorded_at. Call
 * through serah_testimonial_add, which checks the draft. */
gboolean serah_store_insert_testimonial (SerahStore        *store,
                                         SerahTestimonial  *testimonial,
                                         GError           **error);

gboolean serah_store_append_consent     (SerahStore    *store,
                                         gint64         testimonial_id,
                                         SerahConsent   consent,
                                         const char    *note,
                                         const char    *operator_name,
                                         GError       **error);

/* NULL without error when no such testimonial. */
SerahTestimonial *serah_store_get_testimonial (SerahStore *store,
                                              gint64      id,
                                              GError    **error);

/* Every testimonial (ceremony 0 = all), newest first; with publishable_only, only those whose
 * current consent is anonymous or named, oldest first. Element type SerahTestimonial. */
GPtrArray *serah_store_list_testimonials (SerahStore *store,
                                          gint64      ceremony_id,
                                          gboolean    publishable_only,
                                          GError    **error);

/* For the GUI's defaults: the open ceremony with the latest live handover, else the newest
 * open ceremony, else 0. */
gint64 serah_store_guess_active_ceremony (SerahStore *store,
                                          GError    **error);

/* The participant of the latest live (not undone) handover of a ceremony: the person just
 * served at the check-off, offered first for a testimonial. 0 when none. */
gint64 serah_store_latest_handover_participant (SerahStore *store,
                                                gint64      ceremony_id,
                                                GError    **error);

GPtrArray *serah_store_list_consent_events (SerahStore *store,
                                            gint64      testimonial_id,
                                            GError    **error);

gint64   serah_store_begin_recording (SerahStore *store,
                                      const char *file,
                                      gint64      participant_id,
                                      gint64      ceremony_id,
                                      const char *operator_name,
                                      GError    **error);

gboolean serah_store_end_recording   (SerahStore         *store,
                                      gint64              recording_id,
                                      SerahRecordingState state,
                                      gint64              duration_ms,
                                      GError            **error);

/* Recordings in a state, newest first (OPEN: those never ended; FINISHED/RECOVERED: only
 * those not attached to a testimonial). Element type SerahRecording. */
GPtrArray *serah_store_list_recordings (SerahStore         *store,
                                        SerahRecordingState state,
                                        GError            **error);

G_END_DECLS
