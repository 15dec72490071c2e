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

/**
 * serah_recorder_error_quark:
 *
 * Returns: the quark of #SerahRecorderError
 */
GQuark serah_recorder_error_quark (void);

typedef enum {
  SERAH_RECORDER_IDLE,
  SERAH_RECORDER_RECORDING,
  SERAH_RECORDER_FINALIZING,  /* stop asked; the encoder is flushing */
  SERAH_RECORDER_PLAYING,
} SerahRecorderState;

#define SERAH_TYPE_RECORDER (serah_recorder_get_type ())
G_DECLARE_FINAL_TYPE (SerahRecorder, serah_recorder, SERAH, RECORDER, GObject)

/**
 * serah_recorder_check_available:
 * @error: return location for a #GError
 *
 * Initialises GStreamer (once) and checks that the elements a recording needs exist.
 *
 * Returns: %TRUE when recording can work, %FALSE with @error set
 *   (%SERAH_RECORDER_ERROR_MISSING_ELEMENT names the missing plugin)
 */
gboolean       serah_recorder_check_available (GError **error);

/**
 * serah_recorder_new:
 * @store: the office database the recordings are journalled in; the recorder keeps a
 *   reference
 *
 * Returns: (transfer full): an idle recorder
 */
SerahRecorder *serah_recorder_new        (SerahStore *store);

/**
 * serah_recorder_get_state:
 * @self: a recorder
 *
 * Returns: what the recorder is doing (the "state" property)
 */
SerahRecorderState serah_recorder_get_state (SerahRecorder *self);

/**
 * serah_recorder_get_level:
 * @self: a recorder
 *
 * Returns: the peak level of the input, 0..1, for a meter (updated ten times a second while
 *   recording)
 */
double         serah_recorder_get_level  (SerahRecorder *self);

/**
 * serah_recorder_get_silent:
 * @self: a recorder
 *
 * Whether the input has been silent (every peak under -50 dBFS) for the last three seconds
 * of the recording: a microphone unplugged or muted, or no input device at all. Set while
 * recording (the "silent" property notifies), kept after the recording ends so it can be
 * told, and cleared when the next recording starts.
 *
 * Returns: %TRUE when the recording hears only silence
 */
gboolean       serah_recorder_get_silent (SerahRecorder *self);

/**
 * serah_recorder_input_device_present:
 * @self: a recorder
 *
 * Asks GStreamer's device monitor for an audio input. A source set with
 * serah_recorder_set_source() (or SERAH_AUDIO_SOURCE) counts as present; so does a system
 * whose device providers cannot be asked (the silence check then still warns).
 *
 * Returns: %FALSE when the system has no audio input device at all
 */
gboolean       serah_recorder_input_device_present (SerahRecorder *self);

/**
 * serah_recorder_get_position_ms:
 * @self: a recorder
 *
 * Returns: the milliseconds recorded or played so far
 */
gint64         serah_recorder_get_position_ms (SerahRecorder *self);

/**
 * serah_recorder_get_file:
 * @self: a recorder
 *
 * Returns: (transfer none) (nullable): the name in the media folder of the last finished
 *   recording, or %NULL; owned by @self
 */
const char    *serah_recorder_get_file   (SerahRecorder *self);

/**
 * serah_recorder_get_duration_ms:
 * @self: a recorder
 *
 * Returns: the length of the last finished recording, in milliseconds
 */
gint64         serah_recorder_get_duration_ms (SerahRecorder *self);

/**
 * serah_recorder_set_source:
 * @self: a recorder
 * @description: (nullable): a gst-launch description of the audio source; %NULL:
 *   "autoaudiosrc". A new recorder starts with the environment's SERAH_AUDIO_SOURCE when set
 *   (tests and demos use "audiotestsrc is-live=true").
 */
void           serah_recorder_set_source (SerahRecorder *self,
                                          const char    *description);

/**
 * serah_recorder_start:
 * @self: an idle recorder
 * @participant_id: who speaks, or 0
 * @ceremony_id: the ceremony, or 0
 * @operator_name: (nullable): who records
 * @error: return location for a #GError
 *
 * Starts recording into a new Ogg file in the media folder, journalled before its first byte
 * so that serah_recorder_recover() can finish it after a crash.
 *
 * Returns: %TRUE when recording, %FALSE with @error set (%SERAH_RECORDER_ERROR_BUSY when
 *   already recording or playing)
 */
gboolean       serah_recorder_start      (SerahRecorder *self,
                                          gint64         participant_id,
                                          gint64         ceremony_id,
                                          const char    *operator_name,
                                          GError       **error);

/**
 * serah_recorder_stop:
 * @self: a recorder
 *
 * Asks the encoder to finish; the state goes FINALIZING, then IDLE and "finished" is emitted
 * (with the error, if any) once the file is complete and journalled.
 */
void           serah_recorder_stop       (SerahRecorder *self);

/**
 * serah_recorder_discard:
 * @self: a recorder
 *
 * Deletes the last finished recording (re-record) and journals it as discarded.
 */
void           serah_recorder_discard    (SerahRecorder *self);

/**
 * serah_recorder_play:
 * @self: an idle recorder
 * @media_name: a file's name in the media folder
 * @error: return location for a #GError
 *
 * Plays a recording; the state goes PLAYING until it ends or serah_recorder_stop_playback().
 *
 * Returns: %TRUE when playing, %FALSE with @error set
 */
gboolean       serah_recorder_play       (SerahRecorder *self,
                                          const char    *media_name,
                                          GError       **error);

/**
 * serah_recorder_stop_playback:
 * @self: a recorder
 *
 * Stops playing; the state goes back to IDLE.
 */
void           serah_recorder_stop_playback (SerahRecorder *self);

/**
 * serah_recorder_probe_duration_ms:
 * @path: an audio file
 * @error: return location for a #GError
 *
 * Returns: the length of @path in milliseconds, read with GstDiscoverer, or -1 with @error set
 */
gint64         serah_recorder_probe_duration_ms (const char *path,
                                                 GError    **error);

/* How long a recording file must have been left unwritten before recovery touches it. */
#define SERAH_RECORDER_RECOVER_QUIET_SECONDS 10

/**
 * serah_recorder_recover:
 * @store: the office database
 * @quiet_seconds: files written to in the last this many seconds are left alone (another
 *   window may still be recording into them; the GUI passes
 *   %SERAH_RECORDER_RECOVER_QUIET_SECONDS)
 * @error: return location for a #GError
 *
 * Finalises recordings journalled as started but never ended (a crash or power cut during a
 * recording): the readable part is re-muxed into a complete Ogg file and journalled as
 * recovered; an empty one as discarded.
 *
 * Returns: how many were recovered; on an error, those recovered before it, with @error set
 */
guint          serah_recorder_recover    (SerahStore *store,
                                          guint       quiet_seconds,
                                          GError    **error);

G_END_DECLS
