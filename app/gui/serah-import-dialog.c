/* serah-import-dialog.c: the report shown after an import.
 *
 * Tells the operator what the file did to the register (new, updated, unchanged, rejected,
 * duplicate, conflicting rows, warnings), then lists every problem with its line and column
 * so the sender of the file can fix it; the rejected rows can be saved as CSV to send back.
 * The full NIK is personal data (UU PDP 27/2022): raw values shown here are masked like the
 * participant list; only the saved CSV, which a person explicitly asks for, carries them.
 * That file holds whole rows with full NIKs, so it is an administrator's act: the window's
 * operator must be one, the file is named as an administrator's file, and the core's
 * serah_import_report_save_rejects() records it in the audit log (issue 11). */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "serah-import-dialog.h"
#include "serah-participants-page.h"
#include "serah-window.h"

/* ---- one problem as a row of the column view ---- */

#define SERAH_TYPE_IMPORT_PROBLEM_ROW (serah_import_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (SerahImportProblemRow, serah_import_problem_row, SERAH, IMPORT_PROBLEM_ROW,
                      GObject)

struct _SerahImportProblemRow
{
  GObject parent_instance;
  char   *line;
  char   *column;
  char   *severity;
  char   *message;
  char   *value;
};

G_DEFINE_FINAL_TYPE (SerahImportProblemRow, serah_import_problem_row, G_TYPE_OBJECT)

enum { ROW_PROP_0, ROW_PROP_LINE, ROW_PROP_COLUMN, ROW_PROP_SEVERITY, ROW_PROP_MESSAGE,
       ROW_PROP_VALUE, ROW_N_PROPS };
static GParamSpec *row_properties[ROW_N_PROPS];

/* Every run of exactly 16 digits (a NIK) is shown masked. */
static char *
mask_niks (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      gsize run = 0;
      while (g_ascii_isdigit (p[run]))
        run++;
      if (run == SERAH_NIK_LENGTH)
        {
          g_autofree char *nik = g_strndup (p, run);
          g_autofree char *masked = serah_nik_mask (nik);
          g_string_append (out, masked);
        }
      else if (run > 0)
        g_string_append_len (out, p, run);
      else
        {
          g_string_append_c (out, *p);
          run = 1;
        }
      p += run;
    }
  return g_string_free (out, FALSE);
}

static const char *
severity_label (SerahImportSeverity severity)
{
  switch (severity)
    {
    case SERAH_IMPORT_SEVERITY_ERROR:
      return C_("import problem", "Rejected");
    case SERAH_IMPORT_SEVERITY_WARNING:
      return C_("import problem", "Warning");
    case SERAH_IMPORT_SEVERITY_INFO:
    default:
      return C_("import problem", "Note");
    }
}

static SerahImportProblemRow *
serah_import_problem_row_new (const SerahImportProblem *problem)
{
  SerahImportProblemRow *self = g_object_new (SERAH_TYPE_IMPORT_PROBLEM_ROW, NULL);

  /* Line 0 is about the file as a whole (a missing column, say). */
  self->line = problem->line > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, problem->line)
                                 : g_strdup ("—");
  self->column = g_strdup (problem->column ? problem->column : "");
  self->severity = g_strdup (severity_label (problem->severity));
  self->message = g_strdup (problem->message ? problem->message : "");
  self->value = mask_niks (problem->raw_value ? problem->raw_value : "");
  return self;
}

static void
serah_import_problem_row_get_property (GObject *object, guint prop_id, GValue *value,
                                       GParamSpec *pspec)
{
  SerahImportProblemRow *self = SERAH_IMPORT_PROBLEM_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_LINE:
      g_value_set_string (value, self->line);
      break;
    case ROW_PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    case ROW_PROP_SEVERITY:
      g_value_set_string (value, self->severity);
      break;
    case ROW_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case ROW_PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_import_problem_row_finalize (GObject *object)
{
  SerahImportProblemRow *self = SERAH_IMPORT_PROBLEM_ROW (object);

  g_free (self->line);
  g_free (self->column);
  g_free (self->severity);
  g_free (self->message);
  g_free (self->value);
  G_OBJECT_CLASS (serah_import_problem_row_parent_class)->finalize (object);
}

static void
serah_import_problem_row_class_init (SerahImportProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[ROW_N_PROPS] = { NULL, "line", "column", "severity", "message", "value" };

  object_class->get_property = serah_import_problem_row_get_property;
  object_class->finalize = serah_import_problem_row_finalize;
  for (guint i = 1; i < ROW_N_PROPS; i++)
    row_properties[i] = g_param_spec_string (names[i], NULL, NULL, "",
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
serah_import_problem_row_init (SerahImportProblemRow *self)
{
}

/* ---- the dialog ---- */

struct _SerahImportDialog
{
  AdwWindow          parent_instance;

  SerahImportReport *report;
  SerahStore        *store;  /* the office database, for the audited rejects file */

  /* template */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkLabel          *summary_label;
  GtkLabel          *count_new;
  GtkLabel          *count_updated;
  GtkLabel          *count_unchanged;
  GtkLabel          *count_rejected;
  GtkLabel          *count_duplicates;
  GtkLabel          *count_conflicts;
  GtkLabel          *count_warnings;
  GtkStack          *problems_stack;
  GtkLabel          *notes_not_listed_label;
  GListStore        *problems;
};

G_DEFINE_FINAL_TYPE (SerahImportDialog, serah_import_dialog, ADW_TYPE_WINDOW)

static gboolean
report_has_rejects (const SerahImportReport *report)
{
  if (report->counts.rejected > 0)
    return TRUE;
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *problem = g_ptr_array_index (report->problems, i);
      if (problem->severity == SERAH_IMPORT_SEVERITY_ERROR)
        return TRUE;
    }
  return FALSE;
}

/* attention: a libadwaita colour class ("error", "warning") for a count that needs a look. */
static void
set_count (GtkLabel *label, gint64 n, const char *attention)
{
  g_autofree char *text = serah_format_count (n);

  gtk_label_set_text (label, text);
  if (attention != NULL && n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), attention);
}

/* A big damaged list: the warnings past the first SERAH_IMPORT_NOTES_LISTED are not in the
 * list (they are stored with the import); how many, and of which kinds, most first. */
static void
show_notes_not_listed (SerahImportDialog *self)
{
  const SerahImportReport *report = self->report;
  g_autofree const char **codes = NULL;
  g_autofree char *n = NULL;
  g_autofree char *first = serah_format_count (SERAH_IMPORT_NOTES_LISTED);
  g_autoptr(GString) text = NULL;
  guint n_codes = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->notes_not_listed_label),
                          report->notes_not_listed + report->errors_not_listed > 0);
  if (report->notes_not_listed + report->errors_not_listed == 0)
    return;
  text = g_string_new (NULL);
  if (report->errors_not_listed > 0)
    {
      g_autofree char *rejected = serah_format_count ((gint64) report->errors_not_listed);
      g_autofree char *first_errors = serah_format_count (SERAH_IMPORT_ERRORS_LISTED);

      /* TRANSLATORS: "998.999 more problems of rejected rows are not listed (after the first
       * 1.000); Save Rejected Rows writes every rejected row." */
      g_string_append_printf (text, _("%s more problems of rejected rows are not listed "
                                      "(after the first %s); Save Rejected Rows writes every "
                                      "rejected row. "),
                              rejected, first_errors);
    }
  if (report->notes_not_listed > 0)
    {
      n = serah_format_count ((gint64) report->notes_not_listed);
      /* TRANSLATORS: "249.601 more warnings are not listed (after the first 1000); each is
       * stored with the import." */
      g_string_append_printf (text, _("%s more warnings are not listed (after the first %s); "
                                      "each is stored with the import. "),
                              n, first);
    }
  /* TRANSLATORS: then "nik-birthdate-mismatch 83.267, nik-area-unknown 83.182" */
  g_string_append (text, _("By kind:"));
  codes = serah_import_report_unlisted_codes (report, &n_codes);
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *count =
        serah_format_count (serah_import_report_unlisted_count (report, codes[i]));
      g_string_append_printf (text, "%s %s %s", i > 0 ? "," : "", codes[i], count);
    }
  gtk_label_set_text (self->notes_not_listed_label, text->str);
}

static void
show_report (SerahImportDialog *self)
{
  const SerahImportRecord *counts = &self->report->counts;
  g_autofree char *file_name = g_path_get_basename (counts->file_name ? counts->file_name : "");
  g_autofree char *summary = NULL;
  g_autofree char *rows_read = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  adw_window_title_set_subtitle (self->window_title, file_name);
  rows_read = serah_format_count (counts->rows);
  /* TRANSLATORS: "1,980 rows read from “peserta.csv”." */
  summary = g_strdup_printf (ngettext ("%s row read from “%s”.", "%s rows read from “%s”.",
                                       (gulong) counts->rows),
                             rows_read, file_name);
  gtk_label_set_text (self->summary_label, summary);

  set_count (self->count_new, counts->imported, "success");
  set_count (self->count_updated, counts->updated, NULL);
  set_count (self->count_unchanged, counts->unchanged, NULL);
  set_count (self->count_rejected, counts->rejected, "error");
  set_count (self->count_duplicates, counts->duplicates, "warning");
  set_count (self->count_conflicts, counts->conflicts, "error");
  set_count (self->count_warnings, counts->warnings, "warning");

  /* One splice: the view sees a single items-changed however many problems there are. */
  for (guint i = 0; i < self->report->problems->len; i++)
    g_ptr_array_add (rows, serah_import_problem_row_new (g_ptr_array_index (self->report->problems, i)));
  g_list_store_splice (self->problems, 0, 0, rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->problems_stack, rows->len > 0 ? "list" : "none");
  show_notes_not_listed (self);

  /* Enabled once the dialog knows its database (serah_import_dialog_set_store). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save-rejects", FALSE);
}

/* The window whose operator acts: the dialog's own parent (it is no SerahWindow itself). */
static GtkWidget *
acting_widget (SerahImportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  return parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self);
}

gboolean
serah_import_dialog_save_rejects (SerahImportDialog *self, GFile *file, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SERAH_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->store == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The rejected rows cannot be saved here: this report belongs to no open "
                     "office database."));
      return FALSE;
    }
  if (!serah_window_role_allows (acting_widget (self), SERAH_ROLE_ADMIN))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The rejected rows hold full NIKs: only an administrator can save them. "
                     "Ask an administrator to sign in."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Choose a folder on this computer to save the rejected rows."));
      return FALSE;
    }
  return serah_import_report_save_rejects (self->store, self->report, path,
                                           serah_window_operator_for (acting_widget (self)),
                                           error);
}

void
serah_import_dialog_set_store (SerahImportDialog *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_IMPORT_DIALOG (self));
  g_return_if_fail (store == NULL || SERAH_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save-rejects",
                                 store != NULL && report_has_rejects (self->report));
}

static void
on_save_chooser_response (SerahImportDialog *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (file != NULL && serah_import_dialog_save_rejects (self, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Toast titles are Pango markup in libadwaita 1.2: escape what the user typed. */
          message = g_markup_printf_escaped (_("Rejected rows saved to “%s”."), name);
        }
      else if (error != NULL)
        message = g_markup_printf_escaped (_("The rejected rows were not saved: %s"),
                                           error->message);
      if (message != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_rejects_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahImportDialog *self = SERAH_IMPORT_DIALOG (widget);
  g_autofree char *base = g_path_get_basename (self->report->counts.file_name
                                               ? self->report->counts.file_name : "import");
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  char *dot = strrchr (base, '.');

  if (!serah_window_require_role (acting_widget (self), SERAH_ROLE_ADMIN,
                                  _("Saving the rejected rows")))
    return;
  if (dot != NULL && dot != base)
    *dot = '\0';
  /* TRANSLATORS: the suggested file name for the rejected rows, an administrator's file with
   * full NIKs; %s is the imported file's name without its extension. */
  suggested = g_strdup_printf (_("%s-rejected-ADMIN-full-NIK.csv"), base);

  chooser = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, C_("import", "_Save"),
                                         NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_file_filter_set_name (csv, C_("import", "CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

SerahImportDialog *
serah_import_dialog_new (GtkWindow *parent, SerahImportReport *report)
{
  SerahImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (SERAH_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->report = report;
  show_report (self);
  return self;
}

const SerahImportReport *
serah_import_dialog_get_report (SerahImportDialog *self)
{
  g_return_val_if_fail (SERAH_IS_IMPORT_DIALOG (self), NULL);
  return self->report;
}

static void
serah_import_dialog_dispose (GObject *object)
{
  SerahImportDialog *self = SERAH_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), SERAH_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_import_dialog_parent_class)->dispose (object);
}

static void
serah_import_dialog_finalize (GObject *object)
{
  SerahImportDialog *self = SERAH_IMPORT_DIALOG (object);

  g_clear_pointer (&self->report, serah_import_report_free);
  G_OBJECT_CLASS (serah_import_dialog_parent_class)->finalize (object);
}

static void
serah_import_dialog_class_init (SerahImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_import_dialog_dispose;
  object_class->finalize = serah_import_dialog_finalize;

  g_type_ensure (SERAH_TYPE_IMPORT_PROBLEM_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_new);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_updated);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_unchanged);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_rejected);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_duplicates);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_conflicts);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, count_warnings);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, problems_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, notes_not_listed_label);
  gtk_widget_class_bind_template_child (widget_class, SerahImportDialog, problems);

  gtk_widget_class_install_action (widget_class, "report.save-rejects", NULL, save_rejects_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "report.save-rejects", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_import_dialog_init (SerahImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
