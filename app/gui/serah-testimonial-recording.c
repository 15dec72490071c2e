/* serah-testimonial-recording.c: the audio of the Testimoni page. SerahRecorder records
 * straight into the media folder (journalled before the first byte); this file starts, stops
 * and plays it, shows its level and time, and offers the recordings that were never attached
 * to a testimonial: those a crash or power cut cut short, which a worker thread recovers on
 * its own connection when the page gets its store, and those finished but not saved.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "serah-testimonial-page-private.h"

char *
serah_testimonial_page_format_ms (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, ms / 60000, ms / 1000 % 60);
}

/* ---- recording ---- */

static gboolean
tick (gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  g_autofree char *text =
    serah_testimonial_page_format_ms (serah_recorder_get_position_ms (self->recorder));

  gtk_label_set_text (self->audio_label, text);
  gtk_level_bar_set_value (self->level_bar, serah_recorder_get_level (self->recorder));
  return G_SOURCE_CONTINUE;
}

static void
on_recorder_state (SerahTestimonialPage *self)
{
  SerahRecorderState state = serah_recorder_get_state (self->recorder);

  if (state == SERAH_RECORDER_RECORDING || state == SERAH_RECORDER_PLAYING)
    {
      if (self->tick_source == 0)
        self->tick_source = g_timeout_add (200, tick, self);
    }
  else
    g_clear_handle_id (&self->tick_source, g_source_remove);
  serah_testimonial_page_update_actions (self);
}

/* Says what is wrong with the input, or hides the warning: no device at all (asked once when
 * a recording starts), or only silence for the last seconds (the recorder's "silent"). A
 * recording of silence is otherwise indistinguishable from a good one until it is played. */
static void
show_input_warning (SerahTestimonialPage *self)
{
  const char *text = NULL;

  if (self->no_input_device)
    text = _("No microphone was found: this recording will be silent. Connect a microphone "
             "and record again.");
  else if (self->recorder != NULL && serah_recorder_get_silent (self->recorder))
    text = _("Only silence is coming in: check that the microphone is connected, switched "
             "on and not muted.");
  if (text != NULL)
    gtk_label_set_text (self->audio_warning, text);
  gtk_widget_set_visible (GTK_WIDGET (self->audio_warning), text != NULL);
}

static void
on_recorder_silent (SerahTestimonialPage *self)
{
  show_input_warning (self);
}

static void
on_recording_finished (SerahTestimonialPage *self, const GError *error)
{
  if (error != NULL)
    serah_testimonial_page_toast (self, error->message);
  if (serah_recorder_get_file (self->recorder) != NULL)
    {
      g_free (self->audio_file);
      self->audio_file = g_strdup (serah_recorder_get_file (self->recorder));
    }
  serah_testimonial_page_show_audio (self);
  serah_testimonial_page_update_actions (self);
}

static void
record_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* Recording again replaces the take that was not saved yet. */
  if (self->audio_file != NULL &&
      g_strcmp0 (self->audio_file, serah_recorder_get_file (self->recorder)) == 0)
    serah_recorder_discard (self->recorder);
  g_clear_pointer (&self->audio_file, g_free);
  self->no_input_device = !serah_recorder_input_device_present (self->recorder);
  show_input_warning (self);
  if (!serah_recorder_start (self->recorder, self->participant_id,
                             serah_testimonial_page_current_ceremony (self),
                             serah_testimonial_page_operator_name (self), &error))
    serah_testimonial_page_toast (self, error->message);
  serah_testimonial_page_update_actions (self);
}

static void
stop_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);

  if (serah_recorder_get_state (self->recorder) == SERAH_RECORDER_PLAYING)
    serah_recorder_stop_playback (self->recorder);
  else
    serah_recorder_stop (self->recorder);
}

static void
play_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!serah_recorder_play (self->recorder, self->audio_file, &error))
    serah_testimonial_page_toast (self, error->message);
}

/* ---- leftovers: recordings never attached (recovered after a crash, or saved too late) ---- */

void
serah_testimonial_page_show_leftovers (SerahTestimonialPage *self)
{
  g_autoptr(GPtrArray) recovered = NULL;
  g_autoptr(GPtrArray) finished = NULL;
  SerahRecording *r;

  g_clear_pointer (&self->leftovers, g_ptr_array_unref);
  if (self->store == NULL)
    return;
  recovered = serah_recordings_list (self->store, SERAH_RECORDING_RECOVERED, NULL);
  finished = serah_recordings_list (self->store, SERAH_RECORDING_FINISHED, NULL);
  self->leftovers = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_recording_free);
  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *list = k == 0 ? recovered : finished;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          SerahRecording *rec = list->pdata[i];
          g_autofree char *path = serah_testimonial_media_path (self->store, rec->file);

          /* The take in the form right now is not a leftover; a file gone is nothing to offer. */
          if (g_strcmp0 (rec->file, self->audio_file) == 0 || path == NULL ||
              !g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          g_ptr_array_add (self->leftovers, g_ptr_array_steal_index (list, i--));
        }
    }

  if (self->leftovers->len == 0)
    {
      gtk_revealer_set_reveal_child (self->recovered_revealer, FALSE);
      return;
    }
  r = self->leftovers->pdata[0];
  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (r->started_at);
    g_autofree char *at = serah_format_date_time (when, FALSE);
    g_autofree char *len = serah_testimonial_page_format_ms (r->duration_ms);
    g_autofree char *text = NULL;

    if (self->leftovers->len == 1)
      text = g_strdup_printf (_("A recording from %s (%s) was not saved with a testimonial; it "
                                "was kept."), at, len);
    else
      text = g_strdup_printf (ngettext ("%u recording was not saved with a testimonial; it was "
                                        "kept. Newest: %s (%s).",
                                        "%u recordings were not saved with a testimonial; they "
                                        "were kept. Newest: %s (%s).", self->leftovers->len),
                              self->leftovers->len, at, len);
    gtk_label_set_text (self->recovered_label, text);
  }
  gtk_revealer_set_reveal_child (self->recovered_revealer, TRUE);
}

static void
use_recovered_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  SerahRecording *r;

  if (self->leftovers == NULL || self->leftovers->len == 0)
    return;
  r = self->leftovers->pdata[0];
  g_free (self->audio_file);
  self->audio_file = g_strdup (r->file);
  if (r->participant_id > 0)
    serah_testimonial_page_show_person (self, r->participant_id);
  serah_testimonial_page_show_audio (self);
  serah_testimonial_page_show_leftovers (self);
  serah_testimonial_page_update_actions (self);
}

static void
discard_recovered_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  SerahRecording *r;
  g_autofree char *path = NULL;

  if (self->leftovers == NULL || self->leftovers->len == 0)
    return;
  r = self->leftovers->pdata[0];
  serah_recording_end (self->store, r->id, SERAH_RECORDING_DISCARDED, r->duration_ms, NULL);
  path = serah_testimonial_media_path (self->store, r->file);
  if (path != NULL)
    g_unlink (path);
  serah_testimonial_page_show_leftovers (self);
}

static void
recover_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open_like (task_data, &error);
  guint n;

  /* This thread's own connection: the UI's handle stays in the UI thread. */
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  n = serah_recorder_recover (store, SERAH_RECORDER_RECOVER_QUIET_SECONDS, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

static void
recover_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  SerahTestimonialPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SERAH_TESTIMONIAL_PAGE (source);
  if (error != NULL)
    serah_testimonial_page_toast (self, error->message);
  else if (n > 0)
    serah_testimonial_page_toast (self,
                                  _("A recording cut short when Serah closed was recovered."));
  serah_testimonial_page_show_leftovers (self);
}

/* ---- wiring ---- */

void
serah_testimonial_page_start_recorder (SerahTestimonialPage *self)
{
  SerahStore *store = self->store;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recorder);
  if (store != NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->recorder = serah_recorder_new (store);
      g_signal_connect_swapped (self->recorder, "notify::state", G_CALLBACK (on_recorder_state), self);
      g_signal_connect_swapped (self->recorder, "finished", G_CALLBACK (on_recording_finished), self);
      g_signal_connect_swapped (self->recorder, "notify::silent", G_CALLBACK (on_recorder_silent), self);
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, recover_done, NULL);
      g_task_set_task_data (task, g_object_ref (store), g_object_unref);
      g_task_run_in_thread (task, recover_thread);
    }
}

void
serah_testimonial_page_class_init_recording (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "testimonial.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "testimonial.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "testimonial.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "testimonial.use-recovered", NULL, use_recovered_action);
  gtk_widget_class_install_action (widget_class, "testimonial.discard-recovered", NULL, discard_recovered_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "testimonial.record", NULL);
}
