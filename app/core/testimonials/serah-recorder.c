/* serah-recorder.c: GStreamer recording and playback of testimonials, and recovery of
 * recordings cut short.
 *
 * Why the file survives a crash: Ogg is a sequence of self-contained pages; oggmux is told
 * to close a page at least every half second and filesink writes each one unbuffered with
 * O_SYNC, so what was said up to a moment before the crash is on the disk. The journal row
 * written before the pipeline starts lets the next start find the file; recovery decodes
 * what is readable and writes it again as a complete Ogg stream (with its end-of-stream
 * page and a correct length), replacing the truncated file atomically.
 */
#define G_LOG_DOMAIN "serah-recorder"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include <serah/testimonials/serah-recorder.h>
#include "testimonials/serah-store-testimonial-private.h"

#define DEFAULT_SOURCE "autoaudiosrc"
#define RECORD_TAIL \
  " ! queue ! audioconvert ! audioresample ! level name=level interval=100000000" \
  " ! audioconvert ! opusenc bitrate=32000 ! oggmux max-page-delay=500000000" \
  " ! filesink name=sink buffer-mode=unbuffered"
#define RECOVER_PIPELINE \
  "filesrc name=src ! decodebin ! audioconvert ! audioresample ! opusenc bitrate=32000" \
  " ! oggmux ! filesink name=sink"

struct _SerahRecorder
{
  GObject            parent_instance;
  SerahStore        *store;
  char              *source;
  SerahRecorderState state;
  GstElement        *pipeline;
  guint              bus_watch;
  double             level;
  guint              quiet_ticks;      /* level messages in a row below SILENCE_DB */
  gboolean           silent;
  gint64             recording_id;
  char              *recording_file;   /* in progress */
  char              *file;             /* last finished */
  gint64             duration_ms;
};

G_DEFINE_FINAL_TYPE (SerahRecorder, serah_recorder, G_TYPE_OBJECT)
G_DEFINE_QUARK (serah-recorder-error-quark, serah_recorder_error)

/* Silence, as the level element sees it: a peak under -50 dBFS is the noise floor of a
 * laptop's input with nobody speaking (speech into a microphone peaks around -20 dB). Three
 * seconds of it in a row is not a pause between sentences but no input: a microphone
 * unplugged or muted, or autoaudiosrc's fallback when there is no device at all, which
 * records silence without a word. */
#define SILENCE_DB          -50.0
#define SILENCE_TICKS       30        /* level messages are 100 ms apart: 3 s */

enum { PROP_0, PROP_STATE, PROP_LEVEL, PROP_SILENT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
ensure_gst (GError **error)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static GError *init_error = NULL;

  if (g_once_init_enter (&done))
    {
      ok = gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&done, 1);
    }
  if (!ok && error != NULL)
    *error = g_error_copy (init_error);
  return ok;
}

gboolean
serah_recorder_check_available (GError **error)
{
  static const char *const needed[] = {
    "audioconvert", "audioresample", "level", "opusenc", "oggmux", "filesink", "decodebin",
    "playbin",
  };

  if (!ensure_gst (error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_autoptr(GstElementFactory) f = gst_element_factory_find (needed[i]);
      if (f == NULL)
        {
          g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_MISSING_ELEMENT,
                       _("Audio recording needs the GStreamer element “%s”; install the "
                         "packages gstreamer1.0-plugins-base and gstreamer1.0-plugins-good."),
                       needed[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
set_state (SerahRecorder *self, SerahRecorderState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_silent (SerahRecorder *self, gboolean silent)
{
  if (self->silent == silent)
    return;
  self->silent = silent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SILENT]);
}

static void
teardown_pipeline (SerahRecorder *self)
{
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  if (self->pipeline != NULL)
    {
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      gst_clear_object (&self->pipeline);
    }
  if (self->level != 0)
    {
      self->level = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
}

gint64
serah_recorder_probe_duration_ms (const char *path, GError **error)
{
  g_autoptr(GstDiscoverer) disc = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *uri = NULL;
  GstClockTime duration;
  GList *audio;
  gboolean has_audio;

  if (!ensure_gst (error))
    return -1;
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return -1;
  disc = gst_discoverer_new (10 * GST_SECOND, error);
  if (disc == NULL)
    return -1;
  info = gst_discoverer_discover_uri (disc, uri, error);
  if (info == NULL)
    return -1;
  audio = gst_discoverer_info_get_audio_streams (info);
  has_audio = audio != NULL;
  gst_discoverer_stream_info_list_free (audio);
  if (gst_discoverer_info_get_result (info) != GST_DISCOVERER_OK || !has_audio)
    {
      g_clear_error (error);
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                   _("“%s” is not a readable audio recording."), path);
      return -1;
    }
  duration = gst_discoverer_info_get_duration (info);
  return GST_CLOCK_TIME_IS_VALID (duration) ? (gint64) (duration / GST_MSECOND) : 0;
}

static void
finish_recording (SerahRecorder *self, const GError *pipeline_error)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = serah_testimonial_media_path (self->store, self->recording_file);
  gint64 duration = serah_recorder_probe_duration_ms (path, NULL);

  teardown_pipeline (self);
  if (duration > 0)
    {
      serah_store_end_recording (self->store, self->recording_id, SERAH_RECORDING_FINISHED,
                                 duration, &error);
      g_free (self->file);
      self->file = g_steal_pointer (&self->recording_file);
      self->duration_ms = duration;
    }
  else
    {
      /* Nothing playable was written (the microphone failed at once): say so, keep no file. */
      serah_store_end_recording (self->store, self->recording_id, SERAH_RECORDING_DISCARDED, 0,
                                 &error);
      g_unlink (path);
      g_clear_pointer (&self->recording_file, g_free);
    }
  if (error != NULL)
    g_warning ("Cannot journal the end of recording %" G_GINT64_FORMAT ": %s",
               self->recording_id, error->message);
  self->recording_id = 0;
  set_state (self, SERAH_RECORDER_IDLE);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, pipeline_error);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *msg, gpointer user_data)
{
  SerahRecorder *self = user_data;

  switch (GST_MESSAGE_TYPE (msg))
    {
    case GST_MESSAGE_ELEMENT:
      {
        const GstStructure *s = gst_message_get_structure (msg);
        const GValue *peaks;

        if (s == NULL || !gst_structure_has_name (s, "level"))
          break;
        peaks = gst_structure_get_value (s, "peak");
        /* level still posts a GValueArray (deprecated in GLib, kept by GStreamer for ABI). */
        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        if (peaks != NULL && G_VALUE_HOLDS (peaks, g_value_array_get_type ()))
          {
            GValueArray *arr = g_value_get_boxed (peaks);
            double db = arr->n_values > 0 ? g_value_get_double (&arr->values[0]) : -100;

            /* -60 dB .. 0 dB onto 0..1: speech sits in the upper half. */
            self->level = CLAMP ((db + 60.0) / 60.0, 0.0, 1.0);
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
            if (self->state == SERAH_RECORDER_RECORDING)
              {
                self->quiet_ticks = db < SILENCE_DB ? self->quiet_ticks + 1 : 0;
                set_silent (self, self->quiet_ticks >= SILENCE_TICKS);
              }
          }
        G_GNUC_END_IGNORE_DEPRECATIONS
        break;
      }
    case GST_MESSAGE_EOS:
      /* This watch ends here: forget its id before teardown would remove it a second time. */
      self->bus_watch = 0;
      if (self->state == SERAH_RECORDER_RECORDING || self->state == SERAH_RECORDER_FINALIZING)
        finish_recording (self, NULL);
      else
        {
          teardown_pipeline (self);
          set_state (self, SERAH_RECORDER_IDLE);
        }
      return G_SOURCE_REMOVE;
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        self->bus_watch = 0;
        gst_message_parse_error (msg, &gst_error, &debug);
        g_debug ("pipeline error: %s (%s)", gst_error->message, debug ? debug : "");
        error = g_error_new (SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                             _("The recording stopped: %s"), gst_error->message);
        if (self->state == SERAH_RECORDER_RECORDING || self->state == SERAH_RECORDER_FINALIZING)
          finish_recording (self, error);
        else
          {
            teardown_pipeline (self);
            set_state (self, SERAH_RECORDER_IDLE);
            g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
          }
        return G_SOURCE_REMOVE;
      }
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
run_pipeline (SerahRecorder *self, GstElement *pipeline, GError **error)
{
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);

  self->pipeline = pipeline;
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                   _("Cannot start the audio pipeline (is a microphone connected?)."));
      teardown_pipeline (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_recorder_start (SerahRecorder *self, gint64 participant_id, gint64 ceremony_id,
                      const char *operator_name, GError **error)
{
  g_autofree char *media = NULL;
  g_autofree char *audio_dir = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) parse_error = NULL;
  GstElement *pipeline;
  GstElement *sink;

  g_return_val_if_fail (SERAH_IS_RECORDER (self), FALSE);

  if (!serah_recorder_check_available (error))
    return FALSE;
  if (self->state != SERAH_RECORDER_IDLE)
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_BUSY,
                   _("A recording or playback is already running."));
      return FALSE;
    }

  media = serah_testimonial_media_dir (self->store);
  audio_dir = g_build_filename (media, "audio", NULL);
  if (g_mkdir_with_parents (audio_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                   _("Cannot create the media folder “%s”: %s"), audio_dir, g_strerror (saved));
      return FALSE;
    }
  name = g_strdup_printf ("audio/%s.ogg", uuid);
  path = g_build_filename (media, name, NULL);

  description = g_strconcat (self->source ? self->source : DEFAULT_SOURCE, RECORD_TAIL, NULL);
  pipeline = gst_parse_launch (description, &parse_error);
  if (pipeline == NULL || parse_error != NULL)
    {
      gst_clear_object (&pipeline);
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_MISSING_ELEMENT,
                   _("Cannot build the recording pipeline: %s"), parse_error->message);
      return FALSE;
    }
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (sink, "location", path, NULL);
  /* O_SYNC: a page on the disk survives a power cut too, not only a crash of the app. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (sink), "o-sync") != NULL)
    g_object_set (sink, "o-sync", TRUE, NULL);
  gst_object_unref (sink);

  /* Journal first: if we die between here and the first page, recovery finds an empty
   * file and journals it as discarded, rather than losing track of it. */
  self->recording_id = serah_store_begin_recording (self->store, name, participant_id,
                                                    ceremony_id, operator_name, error);
  if (self->recording_id == 0)
    {
      gst_object_unref (pipeline);
      return FALSE;
    }
  self->recording_file = g_steal_pointer (&name);
  self->quiet_ticks = 0;
  set_silent (self, FALSE);
  if (!run_pipeline (self, pipeline, error))
    {
      serah_store_end_recording (self->store, self->recording_id, SERAH_RECORDING_DISCARDED, 0,
                                 NULL);
      g_unlink (path);
      self->recording_id = 0;
      g_clear_pointer (&self->recording_file, g_free);
      return FALSE;
    }
  set_state (self, SERAH_RECORDER_RECORDING);
  return TRUE;
}

void
serah_recorder_stop (SerahRecorder *self)
{
  g_return_if_fail (SERAH_IS_RECORDER (self));

  if (self->state != SERAH_RECORDER_RECORDING)
    return;
  set_state (self, SERAH_RECORDER_FINALIZING);
  /* EOS travels from the source through the encoder, which writes its last page. */
  gst_element_send_event (self->pipeline, gst_event_new_eos ());
}

void
serah_recorder_discard (SerahRecorder *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) finished = NULL;

  g_return_if_fail (SERAH_IS_RECORDER (self));

  if (self->file == NULL)
    return;
  if (self->state == SERAH_RECORDER_PLAYING)
    serah_recorder_stop_playback (self);
  finished = serah_store_list_recordings (self->store, SERAH_RECORDING_FINISHED, NULL);
  for (guint i = 0; finished != NULL && i < finished->len; i++)
    {
      SerahRecording *r = finished->pdata[i];
      if (g_strcmp0 (r->file, self->file) == 0)
        serah_store_end_recording (self->store, r->id, SERAH_RECORDING_DISCARDED, r->duration_ms,
                                   NULL);
    }
  path = serah_testimonial_media_path (self->store, self->file);
  if (path != NULL)
    g_unlink (path);
  g_clear_pointer (&self->file, g_free);
  self->duration_ms = 0;
}

gboolean
serah_recorder_play (SerahRecorder *self, const char *media_name, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  GstElement *playbin;

  g_return_val_if_fail (SERAH_IS_RECORDER (self), FALSE);

  if (!ensure_gst (error))
    return FALSE;
  if (self->state != SERAH_RECORDER_IDLE)
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_BUSY,
                   _("A recording or playback is already running."));
      return FALSE;
    }
  path = serah_testimonial_media_path (self->store, media_name ? media_name : self->file ? self->file : "");
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                   _("There is no recording to play."));
      return FALSE;
    }
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return FALSE;
  playbin = gst_element_factory_make ("playbin", NULL);
  if (playbin == NULL)
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_MISSING_ELEMENT,
                   _("Playback needs the GStreamer element “playbin” (gstreamer1.0-plugins-base)."));
      return FALSE;
    }
  g_object_set (playbin, "uri", uri, NULL);
  /* SERAH_AUDIO_SINK (a gst-launch description) lets tests play into a fakesink. */
  if (g_getenv ("SERAH_AUDIO_SINK") != NULL)
    {
      GstElement *sink = gst_parse_bin_from_description (g_getenv ("SERAH_AUDIO_SINK"), TRUE, NULL);
      if (sink != NULL)
        g_object_set (playbin, "audio-sink", sink, NULL);
    }
  if (!run_pipeline (self, playbin, error))
    return FALSE;
  set_state (self, SERAH_RECORDER_PLAYING);
  return TRUE;
}

void
serah_recorder_stop_playback (SerahRecorder *self)
{
  g_return_if_fail (SERAH_IS_RECORDER (self));

  if (self->state != SERAH_RECORDER_PLAYING)
    return;
  teardown_pipeline (self);
  set_state (self, SERAH_RECORDER_IDLE);
}

/* ---- recovery ---- */

static gboolean
remux (const char *in, const char *out, GError **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (RECOVER_PIPELINE, &parse_error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) msg = NULL;
  GstElement *el;
  gboolean ok = FALSE;

  if (pipeline == NULL || parse_error != NULL)
    {
      g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_MISSING_ELEMENT,
                   "%s", parse_error ? parse_error->message : "gst_parse_launch");
      return FALSE;
    }
  el = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (el, "location", in, NULL);
  gst_object_unref (el);
  el = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (el, "location", out, NULL);
  gst_object_unref (el);

  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) != GST_STATE_CHANGE_FAILURE)
    {
      /* Decoding a few minutes of Opus takes well under a second; a minute is generous. */
      msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (msg != NULL && GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
        ok = TRUE;
      else if (msg != NULL)
        {
          g_autoptr(GError) gst_error = NULL;
          gst_message_parse_error (msg, &gst_error, NULL);
          g_propagate_error (error, g_steal_pointer (&gst_error));
        }
      else
        g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED, "timeout");
    }
  else
    g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED, "cannot start");
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static gboolean
recover_one (SerahStore *store, const SerahRecording *r, guint quiet_seconds, gboolean *recovered,
             GError **error)
{
  g_autofree char *path = serah_testimonial_media_path (store, r->file);
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  gint64 duration = 0;

  *recovered = FALSE;
  if (path == NULL || g_stat (path, &st) != 0 || st.st_size == 0)
    {
      if (path != NULL)
        g_unlink (path);
      return serah_store_end_recording (store, r->id, SERAH_RECORDING_DISCARDED, 0, error);
    }
  if ((gint64) st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - (gint64) quiet_seconds)
    return TRUE;

  tmp = g_strconcat (path, ".recover", NULL);
  if (remux (path, tmp, &local) && (duration = serah_recorder_probe_duration_ms (tmp, NULL)) > 0)
    {
      if (g_rename (tmp, path) != 0)
        {
          int saved = errno;
          g_set_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_FAILED,
                       _("Cannot replace “%s”: %s"), path, g_strerror (saved));
          g_unlink (tmp);
          return FALSE;
        }
    }
  else
    {
      /* Re-muxing failed: keep the truncated original, which players read up to the cut. */
      g_debug ("cannot re-mux %s: %s", path, local ? local->message : "no audio");
      g_unlink (tmp);
      duration = serah_recorder_probe_duration_ms (path, NULL);
    }
  if (duration <= 0)
    {
      g_unlink (path);
      return serah_store_end_recording (store, r->id, SERAH_RECORDING_DISCARDED, 0, error);
    }
  *recovered = TRUE;
  return serah_store_end_recording (store, r->id, SERAH_RECORDING_RECOVERED, duration, error);
}

guint
serah_recorder_recover (SerahStore *store, guint quiet_seconds, GError **error)
{
  g_autoptr(GPtrArray) open = NULL;
  guint n = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  open = serah_store_list_recordings (store, SERAH_RECORDING_OPEN, error);
  if (open == NULL)
    return 0;
  if (open->len > 0 && !ensure_gst (error))
    return 0;
  for (guint i = 0; i < open->len; i++)
    {
      gboolean recovered = FALSE;

      if (!recover_one (store, open->pdata[i], quiet_seconds, &recovered, error))
        return n;
      n += recovered;
    }
  return n;
}

/* ---- GObject ---- */

SerahRecorderState
serah_recorder_get_state (SerahRecorder *self)
{
  g_return_val_if_fail (SERAH_IS_RECORDER (self), SERAH_RECORDER_IDLE);
  return self->state;
}

double
serah_recorder_get_level (SerahRecorder *self)
{
  g_return_val_if_fail (SERAH_IS_RECORDER (self), 0);
  return self->level;
}

gboolean
serah_recorder_get_silent (SerahRecorder *self)
{
  g_return_val_if_fail (SERAH_IS_RECORDER (self), FALSE);
  return self->silent;
}

gboolean
serah_recorder_input_device_present (SerahRecorder *self)
{
  g_autoptr(GstDeviceMonitor) monitor = NULL;
  GList *devices;
  gboolean present;

  g_return_val_if_fail (SERAH_IS_RECORDER (self), FALSE);
  /* A source chosen by description (tests, a particular device) is taken as present: the
   * pipeline itself says when it cannot open it. */
  if (self->source != NULL)
    return TRUE;
  if (!ensure_gst (NULL))
    return FALSE;
  monitor = gst_device_monitor_new ();
  gst_device_monitor_add_filter (monitor, "Audio/Source", NULL);
  if (!gst_device_monitor_start (monitor))
    return TRUE; /* no provider to ask: the silence check still warns */
  devices = gst_device_monitor_get_devices (monitor);
  present = devices != NULL;
  g_list_free_full (devices, gst_object_unref);
  gst_device_monitor_stop (monitor);
  return present;
}

gint64
serah_recorder_get_position_ms (SerahRecorder *self)
{
  gint64 pos = 0;

  g_return_val_if_fail (SERAH_IS_RECORDER (self), 0);
  if (self->pipeline != NULL && gst_element_query_position (self->pipeline, GST_FORMAT_TIME, &pos))
    return pos / GST_MSECOND;
  return 0;
}

const char *
serah_recorder_get_file (SerahRecorder *self)
{
  g_return_val_if_fail (SERAH_IS_RECORDER (self), NULL);
  return self->file;
}

gint64
serah_recorder_get_duration_ms (SerahRecorder *self)
{
  g_return_val_if_fail (SERAH_IS_RECORDER (self), 0);
  return self->duration_ms;
}

void
serah_recorder_set_source (SerahRecorder *self, const char *description)
{
  g_return_if_fail (SERAH_IS_RECORDER (self));
  g_free (self->source);
  self->source = g_strdup (description);
}

SerahRecorder *
serah_recorder_new (SerahStore *store)
{
  SerahRecorder *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  self = g_object_new (SERAH_TYPE_RECORDER, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
serah_recorder_dispose (GObject *object)
{
  SerahRecorder *self = SERAH_RECORDER (object);

  /* Closing mid-recording: stop the pipeline without finishing the journal, so the next
   * start recovers the file like after a crash. */
  teardown_pipeline (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_recorder_parent_class)->dispose (object);
}

static void
serah_recorder_finalize (GObject *object)
{
  SerahRecorder *self = SERAH_RECORDER (object);

  g_free (self->source);
  g_free (self->recording_file);
  g_free (self->file);
  G_OBJECT_CLASS (serah_recorder_parent_class)->finalize (object);
}

static void
serah_recorder_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahRecorder *self = SERAH_RECORDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_LEVEL:
      g_value_set_double (value, self->level);
      break;
    case PROP_SILENT:
      g_value_set_boolean (value, self->silent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_recorder_class_init (SerahRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = serah_recorder_dispose;
  object_class->finalize = serah_recorder_finalize;
  object_class->get_property = serah_recorder_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SERAH_RECORDER_IDLE, SERAH_RECORDER_PLAYING,
                      SERAH_RECORDER_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_double ("level", NULL, NULL, 0, 1, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SILENT] =
    g_param_spec_boolean ("silent", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* finished (const GError *error): a recording ended (error NULL) or failed. */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
serah_recorder_init (SerahRecorder *self)
{
  self->source = g_strdup (g_getenv ("SERAH_AUDIO_SOURCE"));
}
