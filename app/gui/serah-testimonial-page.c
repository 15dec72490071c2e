/* serah-testimonial-page.c: Testimoni, recording what a participant says at a ceremony.
 *
 * The person just served at the check-off (the latest live handover of the ceremony) is
 * offered first; anyone else is found with the same scan/search as the check-off page. Audio
 * is recorded on the spot by SerahRecorder straight into the media folder; recordings that a
 * crash cut short are recovered in a worker thread when the page gets its store and offered
 * for attaching. Consent has no default: saving is possible only once it is chosen. All rules
 * (validation, media checks, consent history, exports) are in the core library; this page
 * only gathers input and shows results.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <serah/testimonials/serah-recorder.h>
#include "serah-testimonial-page.h"
#include "serah-window.h"

#define MAX_RESULTS 6
#define MAX_LISTED 200

struct _SerahTestimonialPage
{
  AdwBin            parent_instance;

  SerahStore       *store;
  SerahRecorder    *recorder;
  GArray           *ceremony_ids;     /* gint64, parallel to ceremony_names */
  gint64            participant_id;
  gint64            suggestion_id;
  char             *photo_path;       /* chosen file, copied into the media folder on save */
  char             *audio_file;       /* media name of the recording to attach */
  int               rating;
  GPtrArray        *leftovers;        /* SerahRecording: recovered or finished, unattached */
  SerahTestimonial *selected;
  guint             tick_source;
  GCancellable     *cancellable;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkRevealer      *recovered_revealer;
  GtkLabel         *recovered_label;
  GtkDropDown      *ceremony_dropdown;
  GtkStringList    *ceremony_names;
  GtkButton        *suggestion_button;
  AdwButtonContent *suggestion_content;
  GtkSearchEntry   *search_entry;
  GtkRevealer      *results_revealer;
  GtkListBox       *results_list;
  GtkLabel         *person_name;
  GtkLabel         *person_detail;
  GtkTextView      *text_view;
  GtkBox           *rating_box;
  GtkBox           *tag_box;
  GtkEntry         *other_tags_entry;
  GtkLevelBar      *level_bar;
  GtkLabel         *audio_label;
  GtkPicture       *photo_picture;
  AdwButtonContent *photo_content;
  GtkCheckButton   *consent_none;
  GtkCheckButton   *consent_anonymous;
  GtkCheckButton   *consent_named;
  GtkLabel         *list_title;
  GtkListBox       *testimonial_list;
  GtkDrawingArea   *card_preview;
  GtkLabel         *selected_consent;
};

G_DEFINE_FINAL_TYPE (SerahTestimonialPage, serah_testimonial_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* hardening (issue 6): the operator signed in to the window. */
static const char *
operator_name (SerahTestimonialPage *self)
{
  return serah_window_operator_for (GTK_WIDGET (self));
}

static void
toast (SerahTestimonialPage *self, const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static gint64
current_ceremony (SerahTestimonialPage *self)
{
  guint i = gtk_drop_down_get_selected (self->ceremony_dropdown);

  if (self->ceremony_ids == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->ceremony_ids->len)
    return 0;
  return g_array_index (self->ceremony_ids, gint64, i);
}

static char *
format_ms (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT, ms / 60000, ms / 1000 % 60);
}

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

static void
update_actions (SerahTestimonialPage *self)
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
  update_actions (self);
}

static void
show_person (SerahTestimonialPage *self, gint64 participant_id)
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
  update_actions (self);
}

static void
show_audio (SerahTestimonialPage *self)
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
      text = format_ms (MAX (ms, 0));
      gtk_label_set_text (self->audio_label, text);
    }
  gtk_level_bar_set_value (self->level_bar, 0);
}

static void
clear_form (SerahTestimonialPage *self)
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
  show_audio (self);
  show_person (self, 0);
}

/* ---- ceremonies, suggestion, list ---- */

static void
update_suggestion (SerahTestimonialPage *self)
{
  g_autoptr(SerahParticipant) p = NULL;
  gint64 ceremony = current_ceremony (self);

  self->suggestion_id =
    ceremony > 0 && self->store
      ? serah_testimonial_latest_handover_participant (self->store, ceremony, NULL)
      : 0;
  if (self->suggestion_id > 0)
    p = serah_participants_get (self->store, self->suggestion_id, NULL);
  if (p != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Just served: %s (%s)"), p->name,
                                                p->desa ? p->desa : "–");
      adw_button_content_set_label (self->suggestion_content, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_button), p != NULL);
}

static GtkWidget *
testimonial_row (const SerahTestimonial *t)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (t->name ? t->name : "–", -1);
  g_autofree char *snippet = g_markup_escape_text (t->text, -1);
  g_autoptr(GString) stars = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *badge = gtk_label_new (serah_consent_label (t->consent));

  /* "★★★★ · Caringin · text": one star per point of the rating. */
  for (int i = 0; i < t->rating; i++)
    g_string_append (stars, "\u2605");
  subtitle = g_strdup_printf ("%s%s%s · %s", stars->str, stars->len ? " · " : "",
                              t->desa ? t->desa : "", snippet);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (badge, "serah-consent");
  gtk_widget_add_css_class (badge, t->consent == SERAH_CONSENT_NAMED ? "named"
                                   : t->consent == SERAH_CONSENT_ANONYMOUS ? "anonymous"
                                   : t->consent == SERAH_CONSENT_WITHDRAWN ? "withdrawn" : "none");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  g_object_set_data (G_OBJECT (row), "testimonial-id", GINT_TO_POINTER ((int) t->id));
  return row;
}

static void
refresh_list (SerahTestimonialPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 selected_id = self->selected ? self->selected->id : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->testimonial_list))) != NULL)
    gtk_list_box_remove (self->testimonial_list, child);
  if (self->store == NULL)
    return;
  list = serah_testimonials_list (self->store, current_ceremony (self), FALSE, &error);
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* TRANSLATORS: heading of the list of testimonials, %u is their number. */
  title = g_strdup_printf (ngettext ("%u testimonial", "%u testimonials", list->len), list->len);
  gtk_label_set_text (self->list_title, title);
  for (guint i = 0; i < list->len && i < MAX_LISTED; i++)
    {
      GtkWidget *row = testimonial_row (list->pdata[i]);
      gtk_list_box_append (self->testimonial_list, row);
      if (((SerahTestimonial *) list->pdata[i])->id == selected_id)
        gtk_list_box_select_row (self->testimonial_list, GTK_LIST_BOX_ROW (row));
    }
  if (selected_id == 0 && list->len > 0)
    gtk_list_box_select_row (self->testimonial_list,
                             gtk_list_box_get_row_at_index (self->testimonial_list, 0));
}

static void
on_testimonial_selected (SerahTestimonialPage *self, GtkListBoxRow *row)
{
  gint64 id = row ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "testimonial-id")) : 0;

  g_clear_pointer (&self->selected, serah_testimonial_free);
  if (id > 0 && self->store != NULL)
    self->selected = serah_testimonials_get (self->store, id, NULL);
  gtk_label_set_text (self->selected_consent,
                      self->selected ? serah_consent_label (self->selected->consent) : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->card_preview));
  update_actions (self);
}

static void
draw_preview (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  g_autoptr(SerahTestimonialPublic) pub = NULL;
  g_autofree char *office = NULL;
  double size = MIN (width, height);

  if (self->selected == NULL || self->store == NULL)
    return;
  pub = serah_testimonial_make_public (self->store, self->selected);
  cairo_translate (cr, (width - size) / 2, (height - size) / 2);
  if (pub == NULL)
    {
      /* Not publishable: no card exists for it, so none is shown. */
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area),
                                                            _("No quote card: this testimonial "
                                                              "may not be published."));
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.15);
      cairo_rectangle (cr, 0, 0, size, size);
      cairo_fill (cr);
      pango_layout_set_width (layout, (int) ((size - 40) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      cairo_set_source_rgba (cr, 0.3, 0.3, 0.3, 1);
      cairo_move_to (cr, 20, size / 2 - 20);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      return;
    }
  office = serah_settings_get (self->store, "office-name");
  serah_quote_card_draw (cr, size, pub, office);
}

static void
load_ceremonies (SerahTestimonialPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 active;
  guint select = 0;

  g_array_set_size (self->ceremony_ids, 0);
  gtk_string_list_splice (self->ceremony_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->ceremony_names)), NULL);
  if (self->store == NULL)
    return;
  list = serah_ceremony_list (self->store, NULL);
  active = serah_testimonials_guess_ceremony (self->store, NULL);
  {
    gint64 none = 0;
    g_array_append_val (self->ceremony_ids, none);
    gtk_string_list_append (self->ceremony_names, _("Not at a ceremony"));
  }
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SerahCeremony *c = list->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", c->name, c->date);
      g_array_append_val (self->ceremony_ids, c->id);
      gtk_string_list_append (self->ceremony_names, label);
      if (c->id == active)
        select = self->ceremony_ids->len - 1;
    }
  gtk_drop_down_set_selected (self->ceremony_dropdown, select);
}

static void
on_ceremony_changed (SerahTestimonialPage *self)
{
  update_suggestion (self);
  refresh_list (self);
}

/* ---- search ---- */

static void
add_result (SerahTestimonialPage *self, const SerahParticipant *p, const char *extra)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (p->name, -1);
  g_autofree char *nik = serah_nik_mask (p->nik);
  g_autofree char *subtitle = g_markup_printf_escaped ("%s, %s · %s%s", p->desa ? p->desa : "–",
                                                       p->kecamatan ? p->kecamatan : "–", nik,
                                                       extra ? extra : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "participant-id", GINT_TO_POINTER ((int) p->id));
  gtk_list_box_append (self->results_list, row);
}

static void
clear_results (SerahTestimonialPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
}

static void
on_search_changed (SerahTestimonialPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gint64 ceremony = current_ceremony (self);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  clear_results (self);
  if (self->store == NULL || *text == '\0')
    return;
  if (ceremony > 0)
    {
      /* The check-off's own lookup: scanned codes, card numbers, NIKs and names. */
      g_autoptr(SerahLookup) lookup = serah_ceremony_lookup (self->store, ceremony, text,
                                                             MAX_RESULTS, &error);
      if (lookup == NULL)
        return;
      if (lookup->kind == SERAH_LOOKUP_FOUND)
        {
          show_person (self, lookup->entry->participant->id);
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          return;
        }
      if (lookup->kind == SERAH_LOOKUP_REFUSED)
        {
          toast (self, lookup->refusal->message);
          return;
        }
      for (guint i = 0; lookup->results && i < lookup->results->len; i++, n++)
        {
          const SerahCheckoffEntry *e = lookup->results->pdata[i];
          add_result (self, e->participant, e->handover ? _(" · card handed over") : NULL);
        }
    }
  else
    {
      g_autoptr(GArray) ids = serah_participants_search_ids (self->store, text, MAX_RESULTS,
                                                             &error);
      for (guint i = 0; ids && i < ids->len; i++)
        {
          g_autoptr(SerahParticipant) p = serah_participants_get (self->store,
                                                                      g_array_index (ids, gint64, i), NULL);
          if (p != NULL)
            {
              add_result (self, p, NULL);
              n++;
            }
        }
    }
  gtk_revealer_set_reveal_child (self->results_revealer, n > 0);
}

static void
on_result_activated (SerahTestimonialPage *self, GtkListBoxRow *row)
{
  show_person (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "participant-id")));
  clear_results (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_search_activate (SerahTestimonialPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL && gtk_list_box_get_row_at_index (self->results_list, 1) == NULL)
    on_result_activated (self, first);
}

/* ---- recording ---- */

static gboolean
tick (gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  g_autofree char *text = format_ms (serah_recorder_get_position_ms (self->recorder));

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
  update_actions (self);
}

static void
on_recording_finished (SerahTestimonialPage *self, const GError *error)
{
  if (error != NULL)
    toast (self, error->message);
  if (serah_recorder_get_file (self->recorder) != NULL)
    {
      g_free (self->audio_file);
      self->audio_file = g_strdup (serah_recorder_get_file (self->recorder));
    }
  show_audio (self);
  update_actions (self);
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
  if (!serah_recorder_start (self->recorder, self->participant_id, current_ceremony (self),
                             operator_name (self), &error))
    toast (self, error->message);
  update_actions (self);
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
    toast (self, error->message);
}

/* ---- leftovers: recordings never attached (recovered after a crash, or saved too late) ---- */

static void
show_leftovers (SerahTestimonialPage *self)
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
    g_autofree char *at = g_date_time_format (when, "%d/%m %H:%M");
    g_autofree char *len = format_ms (r->duration_ms);
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
    show_person (self, r->participant_id);
  show_audio (self);
  show_leftovers (self);
  update_actions (self);
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
  show_leftovers (self);
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
    toast (self, error->message);
  else if (n > 0)
    toast (self, _("A recording cut short when Serah closed was recovered."));
  show_leftovers (self);
}

/* ---- save, photo, withdraw, export ---- */

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
      toast (self, _("Ask the participant and choose the consent first."));
      return;
    }
  draft.ceremony_id = current_ceremony (self);
  draft.participant_id = self->participant_id;
  draft.text = text;
  draft.rating = self->rating;
  draft.tags = (const char *const *) tags;
  draft.audio_path = audio;
  draft.photo_path = self->photo_path;
  draft.operator_name = operator_name (self);
  id = serah_testimonial_add (self->store, &draft, &error);
  if (id == 0)
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Testimonial saved."));
  clear_form (self);
  g_clear_pointer (&self->selected, serah_testimonial_free);
  self->selected = serah_testimonials_get (self->store, id, NULL);
  refresh_list (self);
  show_leftovers (self);
}

static void
clear_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);

  if (self->audio_file != NULL &&
      g_strcmp0 (self->audio_file, serah_recorder_get_file (self->recorder)) == 0)
    serah_recorder_discard (self->recorder);
  clear_form (self);
}

static void
take_suggestion_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);

  show_person (self, self->suggestion_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
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
      toast (self, msg);
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

static void
withdraw_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "withdraw") != 0 || self->selected == NULL)
    return;
  if (!serah_testimonial_set_consent (self->store, self->selected->id, SERAH_CONSENT_WITHDRAWN,
                                      gtk_editable_get_text (entry), operator_name (self), &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("Consent withdrawn: this testimonial will never be exported."));
  refresh_list (self);
  on_testimonial_selected (self, gtk_list_box_get_selected_row (self->testimonial_list));
}

static void
withdraw_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);
  GtkWidget *entry = gtk_entry_new ();
  AdwMessageDialog *dialog;

  if (self->selected == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Withdraw consent?"), NULL));
  adw_message_dialog_format_body (dialog, _("The testimonial of %s will be left out of every "
                                            "export from now on. This cannot be undone. Say why:"),
                                  self->selected->name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("for example: asked by the participant by telephone"));
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (withdraw_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  SerahTestimonialFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!serah_testimonial_export (self->store, current_ceremony (self), format, path,
                                 operator_name (self), &n, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *msg = g_strdup_printf (ngettext ("%u testimonial exported to “%s”.",
                                                        "%u testimonials exported to “%s”.", n),
                                              n, path);
      toast (self, msg);
    }
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialFormat format;
  GtkFileChooserNative *dialog;
  const char *name = g_variant_get_string (param, NULL);
  g_autofree char *suggested = NULL;

  if (!serah_testimonial_format_parse (name, &format))
    return;
  dialog = gtk_file_chooser_native_new (_("Export consented testimonials"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        format == SERAH_TESTIMONIAL_FORMAT_PNG
                                          ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                          : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  if (format != SERAH_TESTIMONIAL_FORMAT_PNG)
    {
      suggested = g_strdup_printf ("testimoni.%s", name);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
    }
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen), widget);
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

/* ---- GObject ---- */

SerahStore *
serah_testimonial_page_get_store (SerahTestimonialPage *self)
{
  g_return_val_if_fail (SERAH_IS_TESTIMONIAL_PAGE (self), NULL);
  return self->store;
}

void
serah_testimonial_page_set_store (SerahTestimonialPage *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_TESTIMONIAL_PAGE (self));

  if (!g_set_object (&self->store, store))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recorder);
  if (store != NULL)
    {
      g_autoptr(GTask) task = NULL;

      self->recorder = serah_recorder_new (store);
      g_signal_connect_swapped (self->recorder, "notify::state", G_CALLBACK (on_recorder_state), self);
      g_signal_connect_swapped (self->recorder, "finished", G_CALLBACK (on_recording_finished), self);
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, recover_done, NULL);
      g_task_set_task_data (task, g_object_ref (store), g_object_unref);
      g_task_run_in_thread (task, recover_thread);
    }
  load_ceremonies (self);
  clear_form (self);
  update_suggestion (self);
  refresh_list (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
serah_testimonial_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_testimonial_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      serah_testimonial_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_testimonial_page_dispose (GObject *object)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  /* A recording still running is left unjournalled on purpose: the next start recovers it. */
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
  /* AdwBin holds its child itself: let it unparent the child before the template lets go,
   * or AdwBin's own dispose would unparent a finalised widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_TESTIMONIAL_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_testimonial_page_parent_class)->dispose (object);
}

static void
serah_testimonial_page_finalize (GObject *object)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (object);

  g_clear_pointer (&self->ceremony_ids, g_array_unref);
  g_clear_pointer (&self->leftovers, g_ptr_array_unref);
  g_clear_pointer (&self->selected, serah_testimonial_free);
  g_free (self->photo_path);
  g_free (self->audio_file);
  G_OBJECT_CLASS (serah_testimonial_page_parent_class)->finalize (object);
}

static void
serah_testimonial_page_class_init (SerahTestimonialPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_testimonial_page_dispose;
  object_class->finalize = serah_testimonial_page_finalize;
  object_class->get_property = serah_testimonial_page_get_property;
  object_class->set_property = serah_testimonial_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-testimonial-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, recovered_revealer);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, recovered_label);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, ceremony_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, ceremony_names);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, suggestion_button);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, suggestion_content);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, person_name);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, person_detail);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, rating_box);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, tag_box);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, other_tags_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, level_bar);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, audio_label);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, photo_picture);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, photo_content);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, consent_none);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, consent_anonymous);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, consent_named);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, testimonial_list);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, card_preview);
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, selected_consent);
  gtk_widget_class_bind_template_callback (widget_class, on_ceremony_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_testimonial_selected);

  gtk_widget_class_install_action (widget_class, "testimonial.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "testimonial.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "testimonial.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "testimonial.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "testimonial.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "testimonial.take-suggestion", NULL, take_suggestion_action);
  gtk_widget_class_install_action (widget_class, "testimonial.choose-photo", NULL, choose_photo_action);
  gtk_widget_class_install_action (widget_class, "testimonial.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "testimonial.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "testimonial.use-recovered", NULL, use_recovered_action);
  gtk_widget_class_install_action (widget_class, "testimonial.discard-recovered", NULL, discard_recovered_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "testimonial.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "testimonial.record", NULL);
}

static void
serah_testimonial_page_init (SerahTestimonialPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ceremony_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  build_choice_buttons (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_form_changed), self);
  gtk_drawing_area_set_draw_func (self->card_preview, draw_preview, self, NULL);
  show_person (self, 0);
  show_audio (self);
  update_actions (self);
}
