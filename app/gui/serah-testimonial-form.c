/* serah-testimonial-form.c: the form of the Testimoni page: the person it is about, what they
 * said, the satisfaction rating, the topics, a photo and the consent, and saving it all as
 * one testimonial through the core (serah_testimonial_add checks every rule and the media).
 * Consent has no default: save stays disabled until one is chosen, and while a recording
 * runs. The rating and topic buttons are built here from data (five stars, the core's
 * suggested topics), not in the .ui file.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-testimonial-page-private.h"

/* ---- form state ---- */

static char *
buffer_text (SerahTestimonialPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
consent_chosen (SerahTestimonialPage *self, SerahConsent *consent)
{
  if (gtk_check_button_get_active (self->consent_none))
    *consent = SERAH_CONSENT_NONE;
  else if (gtk_check_button_get_active (self->consent_anonymous))
    *consent = SERAH_CONSENT_ANONYMOUS;
  else if (gtk_check_button_get_active (self->consent_named))
    *consent = SERAH_CONSENT_NAMED;
  else
    return FALSE;
  return TRUE;
}

void
serah_testimonial_page_update_actions (SerahTestimonialPage *self)
{
  SerahRecorderState state = self->recorder ? serah_recorder_get_state (self->recorder)
                                            : SERAH_RECORDER_IDLE;
  g_autofree char *text = buffer_text (self);
  SerahConsent consent;
  gboolean idle = state == SERAH_RECORDER_IDLE;

  g_strstrip (text);
  /* Saving needs a person, words and an explicit consent, and no recording running. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonial.save",
                                 self->store != NULL && self->participant_id > 0 && *text != '\0' &&
                                 consent_chosen (self, &consent) && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonial.record",
                                 self->recorder != NULL && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonial.stop",
                                 state == SERAH_RECORDER_RECORDING || state == SERAH_RECORDER_PLAYING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonial.play",
                                 self->recorder != NULL && idle && self->audio_file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonial.withdraw",
                                 self->selected != NULL &&
                                 self->selected->consent != SERAH_CONSENT_WITHDRAWN);
}

static void
on_form_changed (SerahTestimonialPage *self)
{
  serah_testimonial_page_update_actions (self);
}

void
serah_testimonial_page_show_person (SerahTestimonialPage *self, gint64 participant_id)
{
  g_autoptr(SerahParticipant) p = NULL;

  self->participant_id = 0;
  if (participant_id > 0 && self->store != NULL)
    p = serah_participants_get (self->store, participant_id, NULL);
  if (p == NULL)
    {
      gtk_label_set_text (self->person_name, _("No participant chosen"));
      gtk_label_set_text (self->person_detail,
                          _("Take the person just served, or scan / search above."));
    }
  else
    {
      g_autofree char *nik = serah_nik_mask (p->nik);
      g_autofree char *detail = g_strdup_printf (_("Desa %s, Kec. %s · NIK %s · card %s"),
                                                 p->desa ? p->desa : "–",
                                                 p->kecamatan ? p->kecamatan : "–", nik,
                                                 p->card_no);
      self->participant_id = p->id;
      gtk_label_set_text (self->person_name, p->name);
      gtk_label_set_text (self->person_detail, detail);
    }
  serah_testimonial_page_update_actions (self);
}

void
serah_testimonial_page_show_audio (SerahTestimonialPage *self)
{
  g_autofree char *text = NULL;

  if (self->audio_file == NULL)
    gtk_label_set_text (self->audio_label, _("none"));
  else
    {
      gint64 ms = serah_recorder_get_file (self->recorder) != NULL &&
                  g_strcmp0 (serah_recorder_get_file (self->recorder), self->audio_file) == 0
                    ? serah_recorder_get_duration_ms (self->recorder) : -1;
      if (ms < 0)
        {
          g_autofree char *path = serah_testimonial_media_path (self->store, self->audio_file);
          ms = path ? serah_recorder_probe_duration_ms (path, NULL) : 0;
        }
      text = serah_testimonial_page_format_ms (MAX (ms, 0));
      gtk_label_set_text (self->audio_label, text);
    }
  gtk_level_bar_set_value (self->level_bar, 0);
}

void
serah_testimonial_page_clear_form (SerahTestimonialPage *self)
{
  GtkWidget *child;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->other_tags_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box)); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), FALSE);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->rating_box)); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), FALSE);
  self->rating = 0;
  /* A radio group cannot be emptied by deactivating its active member alone. */
  gtk_check_button_set_active (self->consent_none, FALSE);
  gtk_check_button_set_active (self->consent_anonymous, FALSE);
  gtk_check_button_set_active (self->consent_named, FALSE);
  g_clear_pointer (&self->photo_path, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_picture), FALSE);
  adw_button_content_set_label (self->photo_content, _("_Photo…"));
  g_clear_pointer (&self->audio_file, g_free);
  /* The input warning was about the take just cleared. */
  self->no_input_device = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->audio_warning), FALSE);
  serah_testimonial_page_show_audio (self);
  serah_testimonial_page_show_person (self, 0);
}

/* ---- save, clear, photo ---- */

static char **
collect_tags (SerahTestimonialPage *self)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) others = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->other_tags_entry)), ",", -1);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
      g_ptr_array_add (tags, g_strdup (gtk_button_get_label (GTK_BUTTON (child))));
  for (guint i = 0; others[i] != NULL; i++)
    if (*g_strstrip (others[i]) != '\0')
      g_ptr_array_add (tags, g_strdup (others[i]));
  g_ptr_array_add (tags, NULL);
  return (char **) g_ptr_array_steal (tags, NULL);
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = buffer_text (self);
  g_auto(GStrv) tags = collect_tags (self);
  g_autofree char *audio = self->audio_file ? serah_testimonial_media_path (self->store, self->audio_file) : NULL;
  SerahTestimonialDraft draft = { 0 };
  gint64 id;

  if (!consent_chosen (self, &draft.consent))
    {
      serah_testimonial_page_toast (self, _("Ask the participant and choose the consent first."));
      return;
    }
  draft.ceremony_id = serah_testimonial_page_current_ceremony (self);
  draft.participant_id = self->participant_id;
  draft.text = text;
  draft.rating = self->rating;
  draft.tags = (const char *const *) tags;
  draft.audio_path = audio;
  draft.photo_path = self->photo_path;
  draft.operator_name = serah_testimonial_page_operator_name (self);
  id = serah_testimonial_add (self->store, &draft, &error);
  if (id == 0)
    {
      serah_testimonial_page_toast (self, error->message);
      return;
    }
  serah_testimonial_page_toast (self, _("Testimonial saved."));
  serah_changes_emit (self->store, SERAH_CHANGE_TESTIMONIALS);
  serah_testimonial_page_clear_form (self);
  g_clear_pointer (&self->selected, serah_testimonial_free);
  self->selected = serah_testimonials_get (self->store, id, NULL);
  serah_testimonial_page_refresh_list (self);
  serah_testimonial_page_show_leftovers (self);
}

static void
clear_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);

  if (self->audio_file != NULL &&
      g_strcmp0 (self->audio_file, serah_recorder_get_file (self->recorder)) == 0)
    serah_recorder_discard (self->recorder);
  serah_testimonial_page_clear_form (self);
}

static void
photo_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  GdkPixbufFormat *format;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  /* A first look now, so a wrong file is refused here and not at saving time; the core
   * checks it again (magic bytes, full decode) when it stores the copy. */
  format = gdk_pixbuf_get_file_info (path, NULL, NULL);
  if (format == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a photo: choose a JPEG, PNG or "
                                                "WebP image."), path);
      serah_testimonial_page_toast (self, msg);
      return;
    }
  g_free (self->photo_path);
  self->photo_path = g_steal_pointer (&path);
  gtk_picture_set_filename (self->photo_picture, self->photo_path);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_picture), TRUE);
  base = g_path_get_basename (self->photo_path);
  adw_button_content_set_label (self->photo_content, base);
}

static void
choose_photo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Choose a photo"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Photos (JPEG, PNG, WebP)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (photo_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- rating and tag buttons: built from data (the five stars, the suggested tags) ---- */

static void
on_rating_toggled (GtkToggleButton *button, SerahTestimonialPage *self)
{
  if (gtk_toggle_button_get_active (button))
    self->rating = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rating"));
  else if (self->rating == GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rating")))
    self->rating = 0;
}

static void
build_choice_buttons (SerahTestimonialPage *self)
{
  GtkToggleButton *first = NULL;

  for (int r = 1; r <= 5; r++)
    {
      g_autofree char *label = g_strdup_printf ("%d \u2605", r);
      GtkWidget *b = gtk_toggle_button_new_with_label (label);
      g_autofree char *tip = g_strdup_printf (_("Satisfaction %d of 5"), r);

      gtk_widget_set_tooltip_text (b, tip);
      g_object_set_data (G_OBJECT (b), "rating", GINT_TO_POINTER (r));
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (b);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (b), first);
      g_signal_connect (b, "toggled", G_CALLBACK (on_rating_toggled), self);
      gtk_box_append (self->rating_box, b);
    }
  for (guint i = 0; serah_testimonial_suggested_tags[i] != NULL; i++)
    {
      GtkWidget *b = gtk_toggle_button_new_with_label (serah_testimonial_suggested_tags[i]);
      gtk_widget_add_css_class (b, "pill");
      gtk_widget_add_css_class (b, "serah-tag");
      gtk_box_append (self->tag_box, b);
    }
}

/* ---- wiring ---- */

void
serah_testimonial_page_init_form (SerahTestimonialPage *self)
{
  build_choice_buttons (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_form_changed), self);
}

void
serah_testimonial_page_class_init_form (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_install_action (widget_class, "testimonial.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "testimonial.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "testimonial.choose-photo", NULL, choose_photo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "testimonial.save", NULL);
}
