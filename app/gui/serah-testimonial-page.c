/* serah-testimonial-page.c: Testimoni, recording what a participant says at a ceremony.
 *
 * The person just served at the check-off (the latest live handover of the ceremony) is
 * offered first; anyone else is found with the same scan/search as the check-off page. Audio
 * is recorded on the spot by SerahRecorder straight into the media folder; recordings that a
 * crash cut short are recovered in a worker thread when the page gets its store and offered
 * for attaching. Consent has no default: saving is possible only once it is chosen. All rules
 * (validation, media checks, consent history, exports) are in the core library; this page
 * only gathers input and shows results.
 *
 * This file holds the page itself: the ceremony, the person just served, the search, and the
 * GObject wiring. The form, the recording and the list live in serah-testimonial-form.c,
 * serah-testimonial-recording.c and serah-testimonial-list.c (serah-testimonial-page-private.h).
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-a11y.h"
#include "serah-list-focus.h"
#include "serah-testimonial-page-private.h"
#include "serah-window.h"

#define MAX_RESULTS 6

G_DEFINE_FINAL_TYPE (SerahTestimonialPage, serah_testimonial_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* hardening (issue 6): the operator signed in to the window. */
const char *
serah_testimonial_page_operator_name (SerahTestimonialPage *self)
{
  return serah_window_operator_for (GTK_WIDGET (self));
}

void
serah_testimonial_page_toast (SerahTestimonialPage *self, const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

gint64
serah_testimonial_page_current_ceremony (SerahTestimonialPage *self)
{
  guint i = gtk_drop_down_get_selected (self->ceremony_dropdown);

  if (self->ceremony_ids == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->ceremony_ids->len)
    return 0;
  return g_array_index (self->ceremony_ids, gint64, i);
}

/* ---- ceremonies, suggestion ---- */

static void
update_suggestion (SerahTestimonialPage *self)
{
  g_autoptr(SerahParticipant) p = NULL;
  gint64 ceremony = serah_testimonial_page_current_ceremony (self);

  self->suggestion_id = ceremony > 0 && self->store
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

/* keep: the ceremony to select if it is still listed (a reload keeps the choice), or 0 to
 * select the ceremony the core guesses is in progress. */
static void
load_ceremonies (SerahTestimonialPage *self, gint64 keep)
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
  active = keep > 0 ? keep : serah_testimonials_guess_ceremony (self->store, NULL);
  {
    gint64 none = 0;
    g_array_append_val (self->ceremony_ids, none);
    gtk_string_list_append (self->ceremony_names, _("Not at a ceremony"));
  }
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SerahCeremony *c = list->pdata[i];
      g_autofree char *date = serah_format_date (c->date);
      g_autofree char *label = g_strdup_printf ("%s — %s", c->name, date);
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
  serah_testimonial_page_refresh_list (self);
}

/* The page stays current (issue 12): a handover at the check-off, or one undone, changes who
 * was "just served" (offering a stale person attaches words and consent to the wrong one);
 * testimonials saved or withdrawn elsewhere, and new ceremonies, change the lists. */
static void
on_store_changes (SerahTestimonialPage *self, guint what)
{
  if (what & SERAH_CHANGE_CEREMONIES)
    {
      gint64 current = serah_testimonial_page_current_ceremony (self);

      g_signal_handlers_block_by_func (self->ceremony_dropdown, on_ceremony_changed, self);
      load_ceremonies (self, current);
      g_signal_handlers_unblock_by_func (self->ceremony_dropdown, on_ceremony_changed, self);
      if (serah_testimonial_page_current_ceremony (self) != current)
        what |= SERAH_CHANGE_HANDOVERS | SERAH_CHANGE_TESTIMONIALS;
    }
  if (what & SERAH_CHANGE_HANDOVERS)
    update_suggestion (self);
  if (what & (SERAH_CHANGE_TESTIMONIALS | SERAH_CHANGE_HANDOVERS))
    serah_testimonial_page_refresh_list (self);
}

static void
take_suggestion_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahTestimonialPage *self = SERAH_TESTIMONIAL_PAGE (widget);

  serah_testimonial_page_show_person (self, self->suggestion_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
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
  gint64 ceremony = serah_testimonial_page_current_ceremony (self);
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
          serah_testimonial_page_show_person (self, lookup->entry->participant->id);
          gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
          return;
        }
      if (lookup->kind == SERAH_LOOKUP_REFUSED)
        {
          serah_testimonial_page_toast (self, lookup->refusal->message);
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
      /* The first window of the matches: no walk of the register (issue #10). */
      g_autoptr(GArray) ids = serah_participants_search_window (self->store, text, 0, MAX_RESULTS,
                                                                0, &error);
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
  serah_testimonial_page_show_person (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row),
                                                                               "participant-id")));
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

  if (self->store != NULL && self->store != store)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  if (!g_set_object (&self->store, store))
    return;
  if (store != NULL)
    g_signal_connect_object (serah_changes_for_store (store), "changed",
                             G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);
  serah_testimonial_page_start_recorder (self);
  load_ceremonies (self, 0);
  serah_testimonial_page_clear_form (self);
  update_suggestion (self);
  serah_testimonial_page_refresh_list (self);
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
  /* Empty the selection while the labels still exist: the list box, disposed with the
   * template, would otherwise report its selected row gone to on_testimonial_selected,
   * which then writes into a label that is already gone (a Gtk-CRITICAL on every close of
   * the window with a testimonial selected). */
  if (self->testimonial_list != NULL)
    gtk_list_box_unselect_all (self->testimonial_list);
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
  gtk_widget_class_bind_template_child (widget_class, SerahTestimonialPage, audio_warning);
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

  gtk_widget_class_install_action (widget_class, "testimonial.take-suggestion", NULL, take_suggestion_action);
  serah_testimonial_page_class_init_form (widget_class);
  serah_testimonial_page_class_init_recording (widget_class);
  serah_testimonial_page_class_init_list (widget_class);
}

static void
serah_testimonial_page_init (SerahTestimonialPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->results_list));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->testimonial_list));
  serah_a11y_name_drop_down (self->ceremony_dropdown, _("Ceremony"));
  self->ceremony_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  serah_testimonial_page_init_form (self);
  serah_testimonial_page_init_list (self);
  serah_testimonial_page_show_person (self, 0);
  serah_testimonial_page_show_audio (self);
  serah_testimonial_page_update_actions (self);
}
