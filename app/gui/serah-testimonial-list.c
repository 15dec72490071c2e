/* serah-testimonial-list.c: the testimonials of the Testimoni page: the list for the chosen
 * ceremony with each one's consent, the quote card preview of the selected one (drawn by the
 * core's serah_quote_card_draw, the same code as the PNG and PDF exports, and only for a
 * testimonial that may be published), withdrawing consent (final, with a reason) and
 * exporting the consented testimonials as CSV, JSON, PNG quote cards or PDF.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-testimonial-page-private.h"

#define MAX_LISTED 200

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

void
serah_testimonial_page_refresh_list (SerahTestimonialPage *self)
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
  list = serah_testimonials_list (self->store, serah_testimonial_page_current_ceremony (self),
                                        FALSE, &error);
  if (list == NULL)
    {
      serah_testimonial_page_toast (self, error->message);
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
  serah_testimonial_page_update_actions (self);
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

/* ---- withdraw, export ---- */

static void
withdraw_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  SerahTestimonialPage *self = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "withdraw") != 0 || self->selected == NULL)
    return;
  if (!serah_testimonial_set_consent (self->store, self->selected->id, SERAH_CONSENT_WITHDRAWN,
                                      gtk_editable_get_text (entry),
                                      serah_testimonial_page_operator_name (self), &error))
    {
      serah_testimonial_page_toast (self, error->message);
      return;
    }
  serah_testimonial_page_toast (self,
                                _("Consent withdrawn: this testimonial will never be exported."));
  serah_changes_emit (self->store, SERAH_CHANGE_TESTIMONIALS);
  serah_testimonial_page_refresh_list (self);
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
  if (!serah_testimonial_export (self->store, serah_testimonial_page_current_ceremony (self),
                                 format, path, serah_testimonial_page_operator_name (self), &n,
                                 &error))
    serah_testimonial_page_toast (self, error->message);
  else
    {
      g_autofree char *msg = g_strdup_printf (ngettext ("%u testimonial exported to “%s”.",
                                                        "%u testimonials exported to “%s”.", n),
                                              n, path);
      serah_testimonial_page_toast (self, msg);
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

/* ---- wiring ---- */

void
serah_testimonial_page_init_list (SerahTestimonialPage *self)
{
  gtk_drawing_area_set_draw_func (self->card_preview, draw_preview, self, NULL);
}

void
serah_testimonial_page_class_init_list (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_testimonial_selected);
  gtk_widget_class_install_action (widget_class, "testimonial.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "testimonial.export", "s", export_action);
}
