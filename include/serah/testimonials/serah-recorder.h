/* serah-recorder.h: recording a testimonial on the spot (GStreamer), playing it back, and
 * finding recordings that a crash cut short.
 *
 * This is the only GStreamer code of Serah. It is built as its own small static library
 * (libserah-recorder, see app/core/meson.build) so that libserah-core, serah-cli and the core
 * tests stay free of GStreamer; the GUI and tests/test-recorder.c link it.
 *
 * Recordings are Ogg/Opus, written straight into the media folder beside the database
 * (<db>-media/audio/<uuid>.ogg) with every Ogg page pushed to the disk as it is made, and
 * journalled in the store before the first byte. A recording that never got its end in the
 * journal (the app was closed or crashed) is finalised by serah_recorder_recover() on the
 * next start and listed for the operator to attach or discard.
 */
#pragma once

#include <serah/testimonials/serah-testimonial.h>

G_BEGIN_DECLS

#define SERAH_RECORDER_ERROR (serah_recorder_error_quark ())
typedef enum {
  SERAH_RECORDER_ERROR_MISSING_ELEMENT, /* a GStreamer plugin is not installed */
  SERAH_RECORDER_ERROR_BUSY,            /* already recording or playing */
  SERAH_RECORDER_ERROR_FAILED,          /* the pipeline reported an error */
} SerahRecorderError;
GQuark serah_recorder_error_quark (void);

typedef enum {
  SERAH_RECORDER_IDLE,
  SERAH_RECORDER_RECORDING,
  SERAH_RECORDER_FINALIZING,  /* stop asked; the encoder is flushing */
  SERAH_RECORDER_PLAYING,
} SerahRecorderState;

#define SERAH_TYPE_RECORDER (serah_recorder_get_type ())
G_DECLARE_FINAL_TYPE (SerahRecorder, serah_recorder, SERAH, RECORDER, GObject)

/* Initialises GStreamer (once) and checks that the elements a recording needs exist. */
gboolean       serah_recorder_check_available (GError **error);

SerahRecorder *serah_recorder_new        (SerahStore *store);
SerahRecorderState serah_recorder_get_state (SerahRecorder *self);
/* Peak level of the input, 0..1, for a meter (updated ten times a second while recording). */
double         serah_recorder_get_level  (SerahRecorder *self);
/* Milliseconds recorded or played so far. */
gint64         serah_recorder_get_position_ms (SerahRecorder *self);
/* Name in the media folder of the last finished recording, or NULL. */
const char    *serah_recorder_get_file   (SerahRecorder *self);
gint64         serah_recorder_get_duration_ms (SerahRecorder *self);

/* The source is a gst-launch description; default "autoaudiosrc", or the environment's
 * SERAH_AUDIO_SOURCE (tests and demos use "audiotestsrc is-live=true"). */
void           serah_recorder_set_source (SerahRecorder *self,
                                          const char    *description);

gboolean       serah_recorder_start      (SerahRecorder *self,
                                          gint64         participant_id,
                                          gint64         ceremony_id,
                                          const char    *operator_name,
                                          GError       **error);
/* Asks the encoder to finish; the state goes FINALIZING, then IDLE and "finished" is
 * emitted (with the error, if any) once the file is complete and journalled. */
void           serah_recorder_stop       (SerahRecorder *self);
/* Deletes the last finished recording (re-record) and journals it as discarded. */
void           serah_recorder_discard    (SerahRecorder *self);

gboolean       serah_recorder_play       (SerahRecorder *self,
                                          const char    *media_name,
                                          GError       **error);
void           serah_recorder_stop_playback (SerahRecorder *self);

/* Length of an audio file in milliseconds, read with GstDiscoverer; -1 with error. */
gint64         serah_recorder_probe_duration_ms (const char *path,
                                                 GError    **error);

/* Finalises recordings journalled as started but never ended (a crash or power cut during
 * a recording): the readable part is re-muxed into a complete Ogg file and journalled as
 * recovered; an empty one as discarded. Files written to in the last quiet_seconds are left
 * alone (another window may still be recording into them; the GUI passes
 * SERAH_RECORDER_RECOVER_QUIET_SECONDS). Returns how many were recovered. */
#define SERAH_RECORDER_RECOVER_QUIET_SECONDS 10
guint          serah_recorder_recover    (SerahStore *store,
                                          guint       quiet_seconds,
                                          GError    **error);

G_END_DECLS
