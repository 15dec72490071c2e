/* test-recorder.c: recording testimonials with GStreamer (audiotestsrc standing in for the
 * microphone), playing back, and recovering a recording that a crash cut short. Skips
 * cleanly when a GStreamer element it needs is not installed. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gst/gst.h>

#include <serah/testimonials/serah-recorder.h>
#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "testimonials/serah-store-testimonial-private.h"

#define TEST_SOURCE "audiotestsrc is-live=true wave=sine freq=440 volume=0.4"

/* The recorder's elements and the test source (gstreamer1.0-plugins-base/-good, installed by
 * serah-dev) are required: a machine without them fails this test, it never skips. */
static gboolean
have_elements (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElementFactory) src = NULL;

  serah_recorder_check_available (&error);
  g_assert_no_error (error);
  src = gst_element_factory_find ("audiotestsrc");
  if (src == NULL)
    g_error ("GStreamer element audiotestsrc is missing (gstreamer1.0-plugins-base)");
  return TRUE;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
run_for (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

/* Iterates until the recorder is idle again, at most timeout_ms. */
static void
wait_idle (SerahRecorder *rec, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (serah_recorder_get_state (rec) != SERAH_RECORDER_IDLE && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (5000), TRUE);
}

/* Runs the main loop until the recorder has recorded (or played) at least ms, at most 15 s:
 * under a sanitizer the pipeline may take a while to start, so wall time is no measure. */
static double
run_until_position (SerahRecorder *rec, gint64 ms)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  double max_level = 0;

  while (serah_recorder_get_position_ms (rec) < ms && g_get_monotonic_time () < end)
    {
      run_for (50);
      max_level = MAX (max_level, serah_recorder_get_level (rec));
    }
  return max_level;
}

static void
on_finished (SerahRecorder *rec, const GError *error, gpointer user_data)
{
  gboolean *finished = user_data;

  g_assert_no_error ((GError *) error);
  *finished = TRUE;
}

static gboolean
file_is_ogg (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &data, &len, NULL) && len > 4 && memcmp (data, "OggS", 4) == 0;
}

static void
test_record_and_play (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(SerahRecorder) rec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  g_autofree char *path = NULL;
  gboolean done = FALSE;
  gint64 duration, position = 0;
  double max_level = 0;

  if (!have_elements ())
    return;

  rec = serah_recorder_new (store);
  serah_recorder_set_source (rec, TEST_SOURCE);
  g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);

  g_assert_true (serah_recorder_start (rec, 0, 0, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (serah_recorder_get_state (rec), ==, SERAH_RECORDER_RECORDING);
  /* A second start while recording is refused, not stacked. */
  g_assert_false (serah_recorder_start (rec, 0, 0, "tester", &error));
  g_assert_error (error, SERAH_RECORDER_ERROR, SERAH_RECORDER_ERROR_BUSY);
  g_clear_error (&error);

  max_level = run_until_position (rec, 1500);
  serah_recorder_stop (rec);
  wait_idle (rec, 10000);
  g_assert_true (done);
  g_assert_cmpint (serah_recorder_get_state (rec), ==, SERAH_RECORDER_IDLE);
  /* The meter moved: a 0.4 sine peaks around -8 dB. */
  g_assert_cmpfloat (max_level, >, 0.5);

  g_assert_nonnull (serah_recorder_get_file (rec));
  g_assert_true (g_str_has_prefix (serah_recorder_get_file (rec), "audio/"));
  path = serah_testimonial_media_path (store, serah_recorder_get_file (rec));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (file_is_ogg (path));
  duration = serah_recorder_probe_duration_ms (path, &error);
  g_assert_no_error (error);
  g_test_message ("recorded %" G_GINT64_FORMAT " ms", duration);
  g_assert_cmpint (duration, >=, 1000);
  g_assert_cmpint (duration, <=, 3000);
  g_assert_cmpint (serah_recorder_get_duration_ms (rec), ==, duration);

  finished = serah_store_list_recordings (store, SERAH_RECORDING_FINISHED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_cmpstr (((SerahRecording *) finished->pdata[0])->file, ==, serah_recorder_get_file (rec));

  /* Play it back into a fakesink that keeps time, and see the position move. */
  g_setenv ("SERAH_AUDIO_SINK", "fakesink sync=true", TRUE);
  g_assert_true (serah_recorder_play (rec, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (serah_recorder_get_state (rec), ==, SERAH_RECORDER_PLAYING);
  for (int i = 0; i < 10 && position == 0; i++)
    {
      run_for (100);
      position = serah_recorder_get_position_ms (rec);
    }
  g_assert_cmpint (position, >, 0);
  wait_idle (rec, 10000);
  g_assert_cmpint (serah_recorder_get_state (rec), ==, SERAH_RECORDER_IDLE);

  /* Re-record: discarding removes the file and journals it. */
  serah_recorder_discard (rec);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (serah_recorder_get_file (rec));
  g_clear_pointer (&finished, g_ptr_array_unref);
  finished = serah_store_list_recordings (store, SERAH_RECORDING_FINISHED, &error);
  g_assert_cmpuint (finished->len, ==, 0);
  {
    g_autoptr(GPtrArray) discarded = serah_store_list_recordings (store, SERAH_RECORDING_DISCARDED, &error);
    g_assert_cmpuint (discarded->len, ==, 1);
  }

  g_clear_object (&rec);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* The child records and dies without stopping, as the app would in a crash or a kill. */
static void
crash_mid_recording (void)
{
  g_autoptr(GError) error = NULL;
  SerahStore *store = serah_store_open (g_getenv ("SERAH_TEST_DB"), &error);
  SerahRecorder *rec;

  g_assert_no_error (error);
  rec = serah_recorder_new (store);
  serah_recorder_set_source (rec, TEST_SOURCE);
  g_assert_true (serah_recorder_start (rec, 0, 0, "tester", &error));
  run_until_position (rec, 1500);
  _exit (0);
}

static void
test_crash_recovery (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 truncated_ms, recovered_ms;
  guint n;

  if (g_test_subprocess ())
    {
      crash_mid_recording ();
      return;
    }
  if (!have_elements ())
    return;

  dir = serah_test_tmpdir ();
  g_clear_object (&store);
  store = serah_test_open_store (dir, &db);
  g_clear_object (&store);
  g_setenv ("SERAH_TEST_DB", db, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  store = serah_store_open (db, &error);
  g_assert_no_error (error);
  open = serah_store_list_recordings (store, SERAH_RECORDING_OPEN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  path = serah_testimonial_media_path (store, ((SerahRecording *) open->pdata[0])->file);

  /* What was said before the crash is already on the disk and readable. */
  g_assert_true (file_is_ogg (path));
  truncated_ms = serah_recorder_probe_duration_ms (path, NULL);
  g_test_message ("truncated file reads as %" G_GINT64_FORMAT " ms", truncated_ms);

  /* A recent file is left alone by default: it could be a recording in progress. */
  n = serah_recorder_recover (store, 3600, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);

  n = serah_recorder_recover (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_clear_pointer (&open, g_ptr_array_unref);
  open = serah_store_list_recordings (store, SERAH_RECORDING_OPEN, &error);
  g_assert_cmpuint (open->len, ==, 0);
  recovered = serah_store_list_recordings (store, SERAH_RECORDING_RECOVERED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recovered->len, ==, 1);
  g_assert_true (file_is_ogg (path));
  recovered_ms = serah_recorder_probe_duration_ms (path, &error);
  g_assert_no_error (error);
  g_test_message ("recovered %" G_GINT64_FORMAT " ms", recovered_ms);
  /* About 1.5 s were recorded; at most the last page (half a second) may be lost. */
  g_assert_cmpint (recovered_ms, >=, 700);
  g_assert_cmpint (recovered_ms, <=, 2500);
  g_assert_cmpint (((SerahRecording *) recovered->pdata[0])->duration_ms, ==, recovered_ms);

  /* A recovered recording can be attached to a testimonial like any other. */
  {
    g_autoptr(SerahParticipant) p = serah_test_participant ("3601014101800001", "0001234567890",
                                                            "Siti Aminah", "Caringin");
    SerahTestimonialDraft draft = { 0 };
    gint64 id;

    g_assert_true (serah_store_upsert_participant (store, p, 0, NULL, &error));
    draft.participant_id = p->id;
    draft.text = "Terima kasih.";
    draft.audio_path = path;
    draft.consent = SERAH_CONSENT_NONE;
    id = serah_testimonial_add (store, &draft, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    g_clear_pointer (&recovered, g_ptr_array_unref);
    recovered = serah_store_list_recordings (store, SERAH_RECORDING_RECOVERED, &error);
    g_assert_cmpuint (recovered->len, ==, 0); /* attached: no longer offered */
  }

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* The recorder tells silence from sound (issue 12: a laptop without a microphone recorded
 * silence without a word): five seconds of audiotestsrc's silence set "silent", the same
 * length of a tone does not. The sources are not live and end by themselves (num-buffers),
 * so the level element's 100 ms messages, counted in stream time, decide: no clock. */
static void
test_silence_is_told (void)
{
  static const struct { const char *source; gboolean silent; } cases[] = {
    { "audiotestsrc wave=silence samplesperbuffer=4410 num-buffers=50", TRUE },
    { "audiotestsrc wave=sine freq=440 volume=0.4 samplesperbuffer=4410 num-buffers=50", FALSE },
  };
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);

  have_elements ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SerahRecorder) rec = serah_recorder_new (store);
      g_autoptr(GError) error = NULL;
      gboolean done = FALSE;

      serah_recorder_set_source (rec, cases[i].source);
      /* A source of its own is taken as present: the pipeline says if it cannot open it. */
      g_assert_true (serah_recorder_input_device_present (rec));
      g_signal_connect (rec, "finished", G_CALLBACK (on_finished), &done);
      g_assert_true (serah_recorder_start (rec, 0, 0, "tester", &error));
      g_assert_no_error (error);
      g_assert_false (serah_recorder_get_silent (rec));
      wait_idle (rec, 30000);
      g_assert_true (done);
      g_assert_cmpint (serah_recorder_get_silent (rec), ==, cases[i].silent);
      serah_recorder_discard (rec);
    }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/serah/recorder/record-and-play", test_record_and_play);
  g_test_add_func ("/serah/recorder/crash-recovery", test_crash_recovery);
  g_test_add_func ("/serah/recorder/silence-is-told", test_silence_is_told);
  return g_test_run ();
}
