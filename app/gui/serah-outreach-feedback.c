/* serah-outreach-feedback.c: the Umpan balik sub-page of Sosialisasi: feedback and complaints
 * recorded at a desk or a forum, and the open items, oldest first with their age in days, to
 * forward (to BPJS, the puskesmas, the desa, Dinsos) or resolve with the answer given. Each
 * step is an event appended by the core (serah_feedback_forward / _resolve). */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-file-chooser.h"
#include "serah-outreach-page-private.h"
#include "serah-window.h"

/* The labels of serah_feedback_channels and serah_feedback_destinations, in their order. */
static const char *const channel_labels[] = {
  N_("Desk"), N_("Forum"), N_("Ceremony"), N_("Telephone"), N_("Message"), N_("Other"),
};
static const char *const destination_labels[] = {
  N_("BPJS Kesehatan"), N_("Puskesmas"), N_("Village government"), N_("Dinsos"),
};

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
record_feedback_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  SerahFeedbackDraft draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = buffer_text (self->fb_text);
  g_autofree char *card = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fb_card))));
  guint channel = gtk_drop_down_get_selected (self->fb_channel);
  guint category = gtk_drop_down_get_selected (self->fb_category);

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Recording feedback")))
    return;
  draft.channel = channel < g_strv_length ((char **) serah_feedback_channels)
                  ? serah_feedback_channels[channel] : "";
  draft.category = category < g_strv_length ((char **) serah_feedback_categories)
                   ? serah_feedback_categories[category] : "";
  draft.desa = gtk_editable_get_text (GTK_EDITABLE (self->fb_desa));
  draft.text = text;
  draft.card_no = *card ? card : NULL;
  if (serah_feedback_record (self->store, &draft, serah_window_operator_for (widget), &error) == 0)
    {
      serah_outreach_page_say (self->fb_message, error->message);
      return;
    }
  serah_outreach_page_say (self->fb_message, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->fb_text), "", 0);
  gtk_editable_set_text (GTK_EDITABLE (self->fb_card), "");
  serah_outreach_page_toast (self, _("Feedback recorded."));
  serah_outreach_page_changed (self);
}

/* The open item chosen in the list, or 0 with the reason said. */
static gint64
selected_feedback (SerahOutreachPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->fb_list);
  int i = row ? gtk_list_box_row_get_index (row) : -1;

  if (i < 0 || (guint) i >= self->feedback_ids->len)
    {
      serah_outreach_page_say (self->fb_follow_message, _("Choose an open item in the list first."));
      return 0;
    }
  return g_array_index (self->feedback_ids, gint64, i);
}

static void
forward_feedback_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  guint dest = gtk_drop_down_get_selected (self->fb_destination);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Following up feedback")))
    return;
  if ((id = selected_feedback (self)) == 0)
    return;
  if (!serah_feedback_forward (self->store, id,
                               dest < G_N_ELEMENTS (destination_labels)
                               ? serah_feedback_destinations[dest] : "",
                               serah_window_operator_for (widget), &error))
    {
      serah_outreach_page_say (self->fb_follow_message, error->message);
      return;
    }
  serah_outreach_page_say (self->fb_follow_message, NULL);
  serah_outreach_page_toast (self, _("Forwarded."));
  serah_outreach_page_changed (self);
}

static void
resolve_feedback_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Following up feedback")))
    return;
  if ((id = selected_feedback (self)) == 0)
    return;
  if (!serah_feedback_resolve (self->store, id,
                               gtk_editable_get_text (GTK_EDITABLE (self->fb_response)),
                               serah_window_operator_for (widget), &error))
    {
      serah_outreach_page_say (self->fb_follow_message, error->message);
      return;
    }
  serah_outreach_page_say (self->fb_follow_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->fb_response), "");
  serah_outreach_page_toast (self, _("Resolved."));
  serah_outreach_page_changed (self);
}

/* ---- a data correction leads to a reprint ---- */

/* Officers ask for the correction of the name of the participant a "data salah" item is about;
 * the core refuses any other item, and says why. */
static void
request_correction_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Asking for a correction")))
    return;
  if ((id = selected_feedback (self)) == 0)
    return;
  if (serah_correction_request (self->store, id,
                                gtk_editable_get_text (GTK_EDITABLE (self->fb_new_name)),
                                serah_window_operator_for (widget), &error) == 0)
    {
      serah_outreach_page_say (self->fb_follow_message, error->message);
      return;
    }
  serah_outreach_page_say (self->fb_follow_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->fb_new_name), "");
  serah_outreach_page_toast (self, _("Correction recorded: reprint the card to carry it out."));
  serah_outreach_page_changed (self);
}

typedef struct {
  SerahOutreachPage *page;
  gint64             correction_id;
} ReprintFlow;

static void
on_reprint_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autofree ReprintFlow *flow = user_data;
  g_autoptr(SerahOutreachPage) self = flow->page;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  SerahPrintResult result = { 0 };

  if (path == NULL || self->store == NULL)
    return;
  /* The office's card and paper, as the reprint dialog of the Cetak page starts with. */
  if ((template_ = serah_card_template_load ("kis", &error)) == NULL ||
      (sheet = serah_sheet_load ("cr80", &error)) == NULL ||
      !serah_correction_reprint (self->store, flow->correction_id, template_, sheet, NULL,
                                 serah_window_operator_for (GTK_WIDGET (self)), path, &result,
                                 &error))
    {
      serah_outreach_page_say (self->fb_follow_message, error->message);
      return;
    }
  serah_outreach_page_say (self->fb_follow_message, NULL);
  done = g_strdup_printf (_("Card reprinted with the corrected name (serial %lld)."),
                          (long long) result.first_serial);
  serah_outreach_page_toast (self, done);
  serah_changes_emit (self->store, SERAH_CHANGE_PRINT_RUNS | SERAH_CHANGE_PARTICIPANTS);
  serah_outreach_page_changed (self);
}

/* Administrators reprint, as every reprint; the card goes to a PDF chosen here. */
static void
reprint_correction_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(SerahDataCorrection) c = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;
  ReprintFlow *flow;
  gint64 id;

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_ADMIN, _("Reprinting a card")))
    return;
  if ((id = selected_feedback (self)) == 0)
    return;
  c = serah_correction_for_feedback (self->store, id, &error);
  if (c == NULL)
    {
      serah_outreach_page_say (self->fb_follow_message,
                               error ? error->message
                                     : _("Ask for a correction of this item first."));
      return;
    }
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  chooser = serah_file_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    _("Reprint the Corrected Card"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Reprint"), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "kartu-koreksi.pdf");
  flow = g_new0 (ReprintFlow, 1);
  flow->page = g_object_ref (self);
  flow->correction_id = c->id;
  g_signal_connect (chooser, "response", G_CALLBACK (on_reprint_chosen), flow);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
serah_outreach_feedback_reload (SerahOutreachPage *self)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint ages[3] = { 0 };

  serah_outreach_page_clear_list (self->fb_list);
  g_array_set_size (self->feedback_ids, 0);
  if (self->store == NULL)
    return;
  open = serah_feedback_list (self->store, TRUE, &error);
  if (open == NULL)
    {
      serah_outreach_page_toast (self, error->message);
      return;
    }
  /* The core lists them oldest first: the item waiting longest is the one to chase. */
  for (guint i = 0; i < open->len; i++)
    {
      const SerahFeedback *f = open->pdata[i];
      gint64 age = serah_feedback_age_days (f, now);
      g_autofree char *title = NULL, *sub = NULL;
      g_autofree char *days = serah_format_count (age);

      ages[age <= 7 ? 0 : age <= 30 ? 1 : 2]++;
      /* TRANSLATORS: the age of an open complaint in days, its category and desa. */
      title = g_strdup_printf (ngettext ("%s day · %s · %s", "%s days · %s · %s", (gulong) age),
                               days, serah_feedback_category_label (f->category),
                               f->desa ? f->desa : "-");
      sub = f->state == SERAH_FEEDBACK_FORWARDED
            ? g_strdup_printf (_("%s — forwarded to %s"), f->text, f->forwarded_to)
            : g_strdup (f->text);
      gtk_list_box_append (self->fb_list, serah_outreach_page_row (title, sub));
      g_array_append_val (self->feedback_ids, f->id);
    }
  summary = g_strdup_printf (_("%u open: %u up to 7 days old, %u of 8 to 30 days, %u older."),
                             open->len, ages[0], ages[1], ages[2]);
  gtk_label_set_text (self->fb_summary, summary);
}

void
serah_outreach_feedback_init (SerahOutreachPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (channel_labels); i++)
    gtk_string_list_append (self->fb_channels, _(channel_labels[i]));
  for (guint i = 0; serah_feedback_categories[i] != NULL; i++)
    gtk_string_list_append (self->fb_categories,
                            serah_feedback_category_label (serah_feedback_categories[i]));
  for (guint i = 0; i < G_N_ELEMENTS (destination_labels); i++)
    gtk_string_list_append (self->fb_destinations, _(destination_labels[i]));
}

void
serah_outreach_feedback_class_init (GtkWidgetClass *widget_class)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (channel_labels) == 6);
  G_STATIC_ASSERT (G_N_ELEMENTS (destination_labels) == 4);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_channel);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_channels);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_category);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_categories);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_desa);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_card);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_text);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_summary);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_list);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_destination);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_destinations);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_response);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_follow_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, fb_new_name);
  gtk_widget_class_install_action (widget_class, "outreach.request-correction", NULL,
                                   request_correction_action);
  gtk_widget_class_install_action (widget_class, "outreach.reprint-correction", NULL,
                                   reprint_correction_action);
  gtk_widget_class_install_action (widget_class, "outreach.record-feedback", NULL,
                                   record_feedback_action);
  gtk_widget_class_install_action (widget_class, "outreach.forward-feedback", NULL,
                                   forward_feedback_action);
  gtk_widget_class_install_action (widget_class, "outreach.resolve-feedback", NULL,
                                   resolve_feedback_action);
}
