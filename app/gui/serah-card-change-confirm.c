/* serah-card-change-confirm.c: asking an administrator to confirm card-number changes.
 *
 * A corrected list in which a known NIK has a new card number is not imported silently: the
 * core refuses those rows as "card-number-changed", because the card already printed with the
 * old number would stop being recognised (issue 17). The command line confirms with
 * --confirm-card-changes; this is the window's way: after the import, the rows are listed and
 * the administrator chooses. Confirming imports the same file again with the confirmation
 * (the rest of the file changes nothing the second time), which voids each old printed card
 * with a reason naming both numbers, audited as card.number-changed. Its own file so that the
 * import dialog (being reworked for a column-mapping preview) is not touched. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "serah-card-change-confirm.h"

#define CODE "card-number-changed"
/* The rows listed in the dialog; the count says how many more there are. */
#define MAX_LISTED 50

guint
serah_card_change_count (const SerahImportReport *report)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    {
      const SerahImportProblem *p = g_ptr_array_index (report->problems, i);
      if (g_strcmp0 (p->code, CODE) == 0)
        n++;
    }
  /* Past the first SERAH_IMPORT_ERRORS_LISTED rejects, counted but not listed. */
  return n + serah_import_report_unlisted_count (report, CODE);
}

typedef struct {
  SerahCardChangeConfirmed confirmed;
  gpointer                 user_data;
  GDestroyNotify           user_data_free;
} Confirm;

static void
confirm_free (gpointer data)
{
  Confirm *c = data;

  if (c->user_data_free != NULL)
    c->user_data_free (c->user_data);
  g_free (c);
}

static void
confirm_closure_free (gpointer data, GClosure *closure)
{
  (void) closure;
  confirm_free (data);
}

static void
on_response (AdwMessageDialog *dialog, const char *response, gpointer data)
{
  Confirm *c = data;

  if (g_strcmp0 (response, "change") == 0 && c->confirmed != NULL)
    c->confirmed (c->user_data);
}

static GtkWidget *
build_list (const SerahImportReport *report, guint n)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint listed = 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Card numbers that would change"), -1);
  for (guint i = 0; i < report->problems->len && listed < MAX_LISTED; i++)
    {
      const SerahImportProblem *p = g_ptr_array_index (report->problems, i);
      g_autofree char *title = NULL;
      g_autofree char *line = NULL;
      GtkWidget *row;

      if (g_strcmp0 (p->code, CODE) != 0)
        continue;
      line = g_strdup_printf ("%" G_GINT64_FORMAT, p->line);
      /* TRANSLATORS: a row of the list being imported; %s is the new card number */
      title = g_strdup_printf (_("Line %s: new number %s"), line,
                               p->raw_value ? p->raw_value : "?");
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* The core's message names the old and the new number. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->message);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      listed++;
    }
  if (n > listed)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more row",
                                                            "and %u more rows", n - listed),
                                               n - listed);
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  return scrolled;
}

GtkWindow *
serah_card_change_confirm (GtkWindow *parent, const SerahImportReport *report,
                           SerahCardChangeConfirmed confirmed, gpointer user_data,
                           GDestroyNotify user_data_free)
{
  guint n;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  Confirm *c;

  g_return_val_if_fail (report != NULL, NULL);

  n = serah_card_change_count (report);
  if (n == 0)
    {
      if (user_data_free != NULL)
        user_data_free (user_data);
      return NULL;
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Change %u Card Number?",
                                          "Change %u Card Numbers?", n),
                             n);
  dialog = adw_message_dialog_new (parent, heading,
                                   _("The list gives these participants a new card number. "
                                     "Their rows were not imported, and their printed cards "
                                     "still work. If the new numbers are right, the printed "
                                     "cards with the old numbers are voided (they answer "
                                     "“voided” when scanned) and new cards must be printed."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_list (report, n));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep the Old Numbers"),
                                    "change", _("_Change Numbers and Void Old Cards"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  c = g_new0 (Confirm, 1);
  c->confirmed = confirmed;
  c->user_data = user_data;
  c->user_data_free = user_data_free;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), c,
                         confirm_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
