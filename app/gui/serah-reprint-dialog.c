/* serah-reprint-dialog.c: reprint one card. Search by card number, NIK or name (the store's
 * search), pick the person, give the reason (hilang / rusak / salah cetak, plus free text);
 * the core voids the old serial and records the new one together with the PDF
 * (serah_print_reprint_card). Only people who have a current card can be picked: someone
 * never printed gets a first card from the print page instead. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-list-focus.h"
#include "serah-print-sender.h"
#include "serah-reprint-dialog.h"
#include "serah-window.h"

#define MAX_RESULTS 30

struct _SerahReprintDialog
{
  AdwWindow            parent_instance;

  SerahStore          *store;
  SerahCardTemplate   *card;
  SerahSheet          *sheet;
  SerahPrinterProfile *profile;

  GtkSearchEntry      *search_entry;
  GtkListBox          *results_list;
  AdwComboRow         *reason_row;
  AdwEntryRow         *note_row;
  GtkLabel            *status_label;

  char                *last_query;
};

G_DEFINE_FINAL_TYPE (SerahReprintDialog, serah_reprint_dialog, ADW_TYPE_WINDOW)

enum { REPRINTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Stored with the void: the words the office uses, whatever the UI language. */
static const char *const reason_codes[] = { "hilang", "rusak", "salah cetak" };

static GtkWidget *
result_row (SerahReprintDialog *self, const SerahParticipant *p)
{
  g_autoptr(SerahPrintedCard) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *nik = serah_nik_mask (p->nik);
  g_autofree char *subtitle = NULL;
  g_autofree char *state = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  current = serah_printed_cards_get_current (self->store, p->id, &error);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  subtitle = g_strdup_printf ("%s · %s, %s · NIK %s", p->card_no, p->desa ? p->desa : "",
                              p->kecamatan ? p->kecamatan : "", nik);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (current != NULL)
    state = g_strdup_printf (_("serial %lld"), (long long) current->serial);
  else
    state = g_strdup (_("no card yet"));
  label = gtk_label_new (state);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_widget_set_sensitive (row, current != NULL);
  g_object_set_data_full (G_OBJECT (row), "card-no", g_strdup (p->card_no), g_free);
  return row;
}

void
serah_reprint_dialog_search (SerahReprintDialog *self, const char *query)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (SERAH_IS_REPRINT_DIALOG (self));

  /* The entry's delayed search-changed comes back with the same text: search once. */
  if (g_strcmp0 (self->last_query, query) == 0)
    return;
  g_free (self->last_query);
  self->last_query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  gtk_label_set_text (self->status_label, "");
  if (*query == '\0')
    return;

  /* The first window of the matches (issue #10): no walk of the register in area order,
   * which cost 0.6 s and 8 MB on the first search at a million. */
  ids = serah_participants_search_window (self->store, query, 0, MAX_RESULTS, 0, &error);
  if (ids == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SerahParticipant) p =
        serah_participants_get (self->store, g_array_index (ids, gint64, i), NULL);
      if (p != NULL)
        gtk_list_box_append (self->results_list, result_row (self, p));
    }
  if (ids->len == 0)
    gtk_label_set_text (self->status_label, _("Nobody matches."));
  else if (ids->len == MAX_RESULTS)
    gtk_label_set_text (self->status_label, _("More people match: type more of the name or number."));
}

/* Escape in the search field (which takes the key before the dialog's own binding): clears
 * what was typed, and closes the dialog when there is nothing to clear, as Escape does
 * everywhere else in the dialog. */
static void
on_stop_search (SerahReprintDialog *self, GtkSearchEntry *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_search_changed (SerahReprintDialog *self)
{
  serah_reprint_dialog_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static const char *
selected_card_no (SerahReprintDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);

  return row ? g_object_get_data (G_OBJECT (row), "card-no") : NULL;
}

static void
on_row_selected (SerahReprintDialog *self)
{
  gboolean chosen;

  if (self->results_list == NULL) /* rows going away with the dialog */
    return;
  chosen = selected_card_no (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reprint.save-pdf", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reprint.print", chosen);
}

static char *
reason_text (SerahReprintDialog *self)
{
  guint i = MIN (adw_combo_row_get_selected (self->reason_row), G_N_ELEMENTS (reason_codes) - 1);
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));

  if (*note == '\0')
    return g_strdup (reason_codes[i]);
  return g_strdup_printf ("%s: %s", reason_codes[i], note);
}

gboolean
serah_reprint_dialog_write (SerahReprintDialog *self, const char *path, GError **error)
{
  const char *card_no = selected_card_no (self);
  g_autofree char *reason = NULL;
  g_autofree char *summary = NULL;
  SerahPrintResult result = { 0 };

  g_return_val_if_fail (SERAH_IS_REPRINT_DIALOG (self), FALSE);

  if (card_no == NULL)
    {
      g_set_error_literal (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING,
                           _("Choose the card to reprint first."));
      return FALSE;
    }
  reason = reason_text (self);
  if (!serah_print_reprint_card (self->store, card_no, reason, self->card, self->sheet,
                                 self->profile, serah_window_operator_for (GTK_WIDGET (self)),
                                 path, &result, error))
    return FALSE;

  /* TRANSLATORS: card number, new serial, print run id */
  summary = g_strdup_printf (_("Card %s reprinted as serial %lld (print run #%lld); the old "
                               "card is void."),
                             card_no, (long long) result.first_serial, (long long) result.run_id);
  g_signal_emit (self, signals[REPRINTED], 0, summary);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static gboolean
write_reprint (const char *path, gpointer user_data, GError **error)
{
  return serah_reprint_dialog_write (SERAH_REPRINT_DIALOG (user_data), path, error);
}

static void
output_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahReprintDialog *self = SERAH_REPRINT_DIALOG (widget);
  const char *card_no = selected_card_no (self);
  g_autofree char *file_name = NULL;

  if (card_no == NULL)
    return;
  if (g_str_equal (name, "reprint.print"))
    {
      serah_print_sender_print_pdf (GTK_WINDOW (self), _("Reprint a Card"), self->sheet,
                                    write_reprint, g_object_ref (self), g_object_unref);
      return;
    }
  /* TRANSLATORS: file name of one reprinted card's PDF */
  file_name = g_strdup_printf (_("reprint-%s.pdf"), card_no);
  serah_print_sender_save_pdf (GTK_WINDOW (self), _("Reprint a Card"), file_name, write_reprint,
                               g_object_ref (self), g_object_unref);
}

SerahReprintDialog *
serah_reprint_dialog_new (GtkWindow *parent, SerahStore *store, SerahCardTemplate *template_,
                          SerahSheet *sheet, const SerahPrinterProfile *profile)
{
  SerahReprintDialog *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (template_ != NULL && sheet != NULL, NULL);

  self = g_object_new (SERAH_TYPE_REPRINT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->card = serah_card_template_ref (template_);
  self->sheet = serah_sheet_ref (sheet);
  if (profile != NULL)
    {
      self->profile = g_new0 (SerahPrinterProfile, 1);
      *self->profile = *profile;
      self->profile->name = g_strdup (profile->name);
    }
  return self;
}

static void
serah_reprint_dialog_dispose (GObject *object)
{
  SerahReprintDialog *self = SERAH_REPRINT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_REPRINT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->card, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  g_clear_pointer (&self->profile, serah_printer_profile_free);
  g_clear_pointer (&self->last_query, g_free);
  G_OBJECT_CLASS (serah_reprint_dialog_parent_class)->dispose (object);
}

static void
serah_reprint_dialog_class_init (SerahReprintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_reprint_dialog_dispose;

  signals[REPRINTED] = g_signal_new ("reprinted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-reprint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahReprintDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahReprintDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, SerahReprintDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SerahReprintDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, SerahReprintDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_install_action (widget_class, "reprint.save-pdf", NULL, output_action);
  gtk_widget_class_install_action (widget_class, "reprint.print", NULL, output_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_reprint_dialog_init (SerahReprintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->results_list));
  on_row_selected (self);
}
