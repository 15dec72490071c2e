/* serah-import-mapping.c: the step between choosing a list and importing it (issue 11).
 *
 * Office lists arrive with whatever column names BPJS, Dinsos or a puskesmas used. Rather
 * than import and find out at the ceremony that every participant lacks a desa, the Peserta
 * page first shows this window: every column of the file with the field it will be read as
 * (a drop-down per column), the first rows as they will be stored (NIKs masked, as on every
 * screen) and the problems found, counted per code with their first lines. Changing a column
 * reads the file again with the new mapping (serah_import_preview: a dry run, in a worker on
 * its own connection, never the window's). A list that lacks desa or kecamatan cannot be
 * imported until they are mapped; the refusal names the columns the file has.
 *
 * A mapping the person chose is remembered in the office database's settings, keyed by the
 * layout's header signature, and offered the next time a file with the same columns comes. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "serah-import-mapping.h"

#define SAMPLE_ROWS 5
#define EXAMPLES_PER_CODE 3
#define SETTINGS_PREFIX "import.mapping."

struct _SerahImportMapping
{
  AdwWindow          parent_instance;

  SerahStore        *store;
  char              *path;
  GCancellable      *cancellable;  /* the preview being read */
  SerahImportReport *report;       /* the latest preview */
  GPtrArray         *headers;      /* char *: the file's header cells, from the first preview */
  GPtrArray         *auto_fields;  /* const char *: what the importer chose by itself */
  GPtrArray         *rows;         /* AdwComboRow, one per column */
  char              *signature;
  gboolean           remembered;   /* the mapping shown came from the settings */
  gboolean           updating;     /* the combo rows are being set, not chosen */

  /* template */
  AdwWindowTitle    *window_title;
  GtkLabel          *status_label;
  GtkSpinner        *spinner;
  GtkListBox        *columns_list;
  GtkCheckButton    *keep_areas_check;
  GtkListBox        *sample_list;
  GtkListBox        *problems_list;
};

G_DEFINE_FINAL_TYPE (SerahImportMapping, serah_import_mapping, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORT, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- the fields a column can be read as ---- */

static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "nik", N_("NIK") },
    { "card_no", N_("Card number") },
    { "name", N_("Name") },
    { "sex", N_("Sex") },
    { "birth_date", N_("Birth date") },
    { "address", N_("Address") },
    { "desa", N_("Desa/kelurahan") },
    { "kecamatan", N_("Kecamatan") },
    { "faskes", N_("Faskes (name)") },
    { "care_class", N_("Care class") },
    { "rt", N_("RT") },
    { "rw", N_("RW") },
    { "desa_code", N_("Desa code (Kemendagri)") },
    { "kecamatan_code", N_("Kecamatan code (Kemendagri)") },
    { "family_no", N_("Family card number (KK)") },
    { "pisa", N_("PISA") },
    { "faskes_code", N_("Faskes code") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return _(labels[i].label);
  return field;
}

/* Position 0 of every drop-down is "not used"; position i + 1 is field_names[i]. */
static GtkStringList *
field_model (void)
{
  const char *const *names = serah_import_field_names ();
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, C_("import column", "Not used"));
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (list, field_label (names[i]));
  return list;
}

static guint
field_position (const char *field)
{
  const char *const *names = serah_import_field_names ();

  for (guint i = 0; field != NULL && names[i] != NULL; i++)
    if (strcmp (names[i], field) == 0)
      return i + 1;
  return 0;
}

static const char *
field_at (guint position)
{
  const char *const *names = serah_import_field_names ();

  return position > 0 && position <= g_strv_length ((char **) names) ? names[position - 1] : NULL;
}

static const char *
chosen_field (SerahImportMapping *self, guint column)
{
  return field_at (adw_combo_row_get_selected (self->rows->pdata[column]));
}

/* ---- the mapping: what the person chose, as FIELD=HEADER strings ---- */

static gboolean
field_is_chosen (SerahImportMapping *self, const char *field)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (chosen_field (self, i), field) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
chosen_is_automatic (SerahImportMapping *self)
{
  if (gtk_check_button_get_active (self->keep_areas_check))
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (chosen_field (self, i), self->auto_fields->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Desa or kecamatan, when the person took it from the column the importer had found and
 * did not say that the list has none: the importer would import without it, which is just
 * what must not happen silently. NULL when nothing is dropped. */
static const char *
area_dropped (SerahImportMapping *self)
{
  if (self->rows == NULL || gtk_check_button_get_active (self->keep_areas_check))
    return NULL;
  for (guint k = 0; k < 2; k++)
    {
      const char *field = k == 0 ? "desa" : "kecamatan";
      for (guint i = 0; i < self->auto_fields->len; i++)
        if (g_strcmp0 (self->auto_fields->pdata[i], field) == 0 && !field_is_chosen (self, field))
          return field;
    }
  return NULL;
}

/* Every column given a field maps it by its header; a field the importer found by itself
 * that the person set to "not used" maps to nothing ("field="), so it is not found again,
 * and so do desa and kecamatan without a column when the person says the list has none
 * (an update list: participants keep theirs). NULL when the choice is what the importer
 * does anyway. */
static GStrv
build_mappings (SerahImportMapping *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (self->rows == NULL || chosen_is_automatic (self))
    return NULL;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const char *field = chosen_field (self, i);
      g_autofree char *mapping = NULL;

      if (field == NULL)
        continue;
      mapping = g_strdup_printf ("%s=%s", field, (char *) self->headers->pdata[i]);
      g_strv_builder_add (builder, mapping);
    }
  for (guint i = 0; i < self->auto_fields->len; i++)
    {
      const char *field = self->auto_fields->pdata[i];
      gboolean chosen = FALSE;

      for (guint j = 0; field != NULL && j < self->rows->len && !chosen; j++)
        chosen = g_strcmp0 (chosen_field (self, j), field) == 0;
      if (field != NULL && !chosen && g_strcmp0 (field, "desa") != 0 &&
          g_strcmp0 (field, "kecamatan") != 0)
        {
          g_autofree char *mapping = g_strdup_printf ("%s=", field);
          g_strv_builder_add (builder, mapping);
        }
    }
  /* Desa and kecamatan without a column: nothing, when the person says so or when the
   * importer had found them by itself; otherwise left for the importer to refuse. */
  for (guint k = 0; k < 2; k++)
    {
      const char *field = k == 0 ? "desa" : "kecamatan";
      gboolean was_found = FALSE;

      for (guint i = 0; i < self->auto_fields->len; i++)
        was_found |= g_strcmp0 (self->auto_fields->pdata[i], field) == 0;
      if (!field_is_chosen (self, field) &&
          (was_found || gtk_check_button_get_active (self->keep_areas_check)))
        {
          g_autofree char *mapping = g_strdup_printf ("%s=", field);
          g_strv_builder_add (builder, mapping);
        }
    }
  return g_strv_builder_end (builder);
}

/* The layout's signature: its header cells, case and spacing folded, in order. */
static char *
header_signature (GPtrArray *headers)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < headers->len; i++)
    {
      g_autofree char *folded = g_utf8_casefold (headers->pdata[i], -1);
      g_string_append (text, g_strstrip (folded));
      g_string_append_c (text, '\t');
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, (gssize) text->len);
}

static char *
settings_key (SerahImportMapping *self)
{
  /* 24 hex digits are plenty to tell an office's layouts apart. */
  return g_strdup_printf (SETTINGS_PREFIX "%.24s", self->signature);
}

/* ---- reading the file (a worker on its own connection) ---- */

typedef struct
{
  SerahStore *ui_store; /* only for serah_store_open_like: never queried in the worker */
  char       *path;
  GStrv       mappings;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  g_clear_object (&job->ui_store);
  g_free (job->path);
  g_strfreev (job->mappings);
  g_free (job);
}

static void
preview_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open_like (job->ui_store, &error);
  SerahImportOptions options = { .mappings = (const char *const *) job->mappings };
  SerahImportReport *report = NULL;

  if (store != NULL)
    report = serah_import_preview (store, job->path, &options, SAMPLE_ROWS, cancellable, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) serah_import_report_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void preview_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
set_busy (SerahImportMapping *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.import",
                                 !busy && self->report != NULL && self->report->refusal == NULL &&
                                 area_dropped (self) == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_preview (SerahImportMapping *self, GStrv mappings)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job = g_new0 (PreviewJob, 1);

  /* A newer choice replaces the preview being read. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job->ui_store = g_object_ref (self->store);
  job->path = g_strdup (self->path);
  job->mappings = mappings;
  task = g_task_new (self, self->cancellable, preview_done, g_object_ref (self->cancellable));
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, preview_thread);
}

/* ---- showing a preview ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
plain_row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Cells from the file are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* Every run of exactly 16 digits (a NIK) masked, as the report dialog shows raw values. */
static char *
mask_niks (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p;)
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

static void
show_sample (SerahImportMapping *self)
{
  clear_list (self->sample_list);
  for (guint i = 0; self->report->sample != NULL && i < self->report->sample->len; i++)
    {
      const SerahParticipant *p = self->report->sample->pdata[i];
      g_autofree char *nik = serah_nik_mask (p->nik);
      g_autofree char *born = serah_format_date (p->birth_date);
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: one sample row: masked NIK, card number, sex, birth date, desa,
       * kecamatan, faskes; empty places show "—". */
      subtitle = g_strdup_printf (_("NIK %s · card %s · %s · born %s\nDesa %s, Kec. %s · "
                                    "faskes %s"),
                                  nik, p->card_no[0] ? p->card_no : "—",
                                  p->sex == SERAH_SEX_FEMALE ? "P" : p->sex == SERAH_SEX_MALE ? "L" : "—",
                                  *born ? born : "—",
                                  p->desa && *p->desa ? p->desa : "—",
                                  p->kecamatan && *p->kecamatan ? p->kecamatan : "—",
                                  p->faskes && *p->faskes ? p->faskes : "—");
      gtk_list_box_append (self->sample_list, plain_row (p->name ? p->name : "", subtitle));
    }
  if (self->report->sample == NULL || self->report->sample->len == 0)
    gtk_list_box_append (self->sample_list,
                         plain_row (self->report->refusal != NULL
                                      ? _("Nothing can be read until the missing column is mapped.")
                                      : _("No row of the file can be imported as it is."),
                                    NULL));
}

static const char *
severity_word (SerahImportSeverity severity)
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

static int
compare_severity (gconstpointer a, gconstpointer b)
{
  const GPtrArray *la = *(GPtrArray *const *) a;
  const GPtrArray *lb = *(GPtrArray *const *) b;
  const SerahImportProblem *pa = la->pdata[0];
  const SerahImportProblem *pb = lb->pdata[0];

  return (int) pa->severity - (int) pb->severity;
}

/* Problems counted per code, each with its first lines: what to fix, and where. */
static void
show_problems (SerahImportMapping *self)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GPtrArray *problems = self->report->problems;

  clear_list (self->problems_list);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahImportProblem *problem = problems->pdata[i];
      GPtrArray *list = g_hash_table_lookup (by_code, problem->code);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_code, problem->code, list);
          g_ptr_array_add (order, list);
        }
      g_ptr_array_add (list, (gpointer) problem);
    }
  /* Rejections first, then warnings, then notes; in file order within each. */
  g_ptr_array_sort (order, compare_severity);
  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(GPtrArray) list = order->pdata[i];
      const SerahImportProblem *first = list->pdata[0];
      GtkWidget *expander = adw_expander_row_new ();
      /* Past SERAH_IMPORT_NOTES_LISTED a warning is counted, not listed (issue #10). */
      g_autofree char *count =
        serah_format_count (list->len + serah_import_report_unlisted_count (self->report,
                                                                            first->code));
      g_autofree char *title = g_strdup_printf ("%s: %s", first->code, count);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), severity_word (first->severity));
      if (first->severity == SERAH_IMPORT_SEVERITY_ERROR)
        gtk_widget_add_css_class (expander, "error");
      for (guint j = 0; j < list->len && j < EXAMPLES_PER_CODE; j++)
        {
          const SerahImportProblem *problem = list->pdata[j];
          g_autofree char *value = mask_niks (problem->raw_value);
          g_autofree char *where = NULL;

          if (problem->line > 0)
            /* TRANSLATORS: where a problem is: the file's line (spreadsheet row) and column,
             * then the value found there (NIKs masked). */
            where = g_strdup_printf (_("Line %lld, column %s: “%s”"), (long long) problem->line,
                                     problem->column ? problem->column : "—", value);
          else
            where = g_strdup (_("The file as a whole"));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    plain_row (problem->message ? problem->message : "", where));
        }
      gtk_list_box_append (self->problems_list, expander);
    }
  /* Kinds of warning whose every one came past the first SERAH_IMPORT_NOTES_LISTED: a
   * count without examples. */
  {
    g_autofree const char **codes = serah_import_report_unlisted_codes (self->report, NULL);

    for (guint i = 0; codes[i] != NULL; i++)
      {
        GtkWidget *row;
        g_autofree char *count = NULL;
        g_autofree char *title = NULL;

        if (g_hash_table_contains (by_code, codes[i]))
          continue;
        count = serah_format_count (serah_import_report_unlisted_count (self->report, codes[i]));
        title = g_strdup_printf ("%s: %s", codes[i], count);
        row = plain_row (title,
                         severity_word (self->report->errors_not_listed_by_code != NULL &&
                                        g_hash_table_contains (
                                          self->report->errors_not_listed_by_code, codes[i])
                                          ? SERAH_IMPORT_SEVERITY_ERROR
                                          : SERAH_IMPORT_SEVERITY_WARNING));
        gtk_list_box_append (self->problems_list, row);
      }
    if (order->len == 0 && codes[0] == NULL)
      gtk_list_box_append (self->problems_list, plain_row (_("No problems found."), NULL));
  }
}

static void
show_status (SerahImportMapping *self)
{
  const SerahImportRecord *c = &self->report->counts;
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (area_dropped (self) != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      /* TRANSLATORS: %s is the field's name, "Desa/kelurahan" or "Kecamatan" */
      text = g_strdup_printf (_("No column is read as %s now. Choose the column that holds it, "
                                "or tick “This list has no desa or kecamatan column” if the "
                                "participants should keep what the register holds."),
                              field_label (area_dropped (self)));
    }
  else if (self->report->refusal != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      text = g_strdup_printf (_("%s\nChoose the column that holds it in the list on the left."),
                              self->report->refusal->message);
    }
  else
    {
      g_autofree char *rows = serah_format_count (c->rows);
      g_autofree char *imported = serah_format_count (c->imported);
      g_autofree char *updated = serah_format_count (c->updated);
      g_autofree char *rejected = serah_format_count (c->rejected);
      g_autofree char *warnings = serah_format_count (c->warnings);

      /* TRANSLATORS: what importing would do, before anything is stored */
      text = g_strdup_printf (_("%s rows read: %s would be new, %s updated, %s rejected; "
                                "%s warnings. Nothing is stored until you import."),
                              rows, imported, updated, rejected, warnings);
      if (self->remembered)
        {
          g_autofree char *with = g_strdup_printf (
            "%s\n%s", text, _("The columns are mapped as you chose last time for this layout."));
          g_free (text);
          text = g_steal_pointer (&with);
        }
    }
  gtk_label_set_text (self->status_label, text);
}

static void on_field_selected (AdwComboRow *row, GParamSpec *pspec, SerahImportMapping *self);

/* What a column holds: its letter and, for the person, its first value read. */
static void
build_column_rows (SerahImportMapping *self)
{
  g_autoptr(GtkStringList) model = field_model ();

  clear_list (self->columns_list);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_new ();
  for (guint i = 0; i < self->report->columns->len; i++)
    {
      const SerahImportColumn *column = self->report->columns->pdata[i];
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", column->letter,
                                                *column->header ? column->header
                                                                : C_("import column", "(no name)"));
      /* TRANSLATORS: the accessible name of a column's drop-down: letter and header */
      g_autofree char *label = g_strdup_printf (_("Column %s, “%s”: read as"), column->letter,
                                                column->header);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field_position (column->field));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      /* An unnamed column cannot be named in a mapping. */
      gtk_widget_set_sensitive (row, *column->header != '\0');
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_selected), self, 0);
      gtk_list_box_append (self->columns_list, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* The drop-downs say what the importer did read each column as. */
static void
sync_column_rows (SerahImportMapping *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len && i < self->report->columns->len; i++)
    {
      const SerahImportColumn *column = self->report->columns->pdata[i];
      /* A refused preview knows its columns but not the mapping: keep the person's choice. */
      if (self->report->refusal == NULL)
        adw_combo_row_set_selected (self->rows->pdata[i], field_position (column->field));
    }
  self->updating = FALSE;
}

static GStrv
recall_mapping (SerahImportMapping *self)
{
  g_autofree char *key = settings_key (self);
  g_autofree char *value = serah_settings_get (self->store, key);

  if (value == NULL || *value == '\0')
    return NULL;
  return g_strsplit (value, "\n", -1);
}

/* Sets the drop-downs to a remembered mapping (FIELD=HEADER; FIELD= sets nothing). */
static void
apply_mapping (SerahImportMapping *self, GStrv mappings)
{
  self->updating = TRUE;
  for (guint i = 0; mappings[i] != NULL; i++)
    {
      const char *eq = strchr (mappings[i], '=');
      g_autofree char *field = eq ? g_strndup (mappings[i], eq - mappings[i]) : NULL;
      guint position = field_position (field);

      if (eq == NULL || position == 0)
        continue;
      /* Only the check box maps desa or kecamatan to nothing (see area_dropped). */
      if (eq[1] == '\0' && (g_strcmp0 (field, "desa") == 0 || g_strcmp0 (field, "kecamatan") == 0))
        gtk_check_button_set_active (self->keep_areas_check, TRUE);
      for (guint c = 0; c < self->rows->len; c++)
        {
          if (*(eq + 1) != '\0' && g_ascii_strcasecmp (self->headers->pdata[c], eq + 1) == 0)
            adw_combo_row_set_selected (self->rows->pdata[c], position);
          else if (adw_combo_row_get_selected (self->rows->pdata[c]) == position)
            adw_combo_row_set_selected (self->rows->pdata[c], 0);
        }
    }
  self->updating = FALSE;
}

static void
preview_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SerahImportMapping *self = SERAH_IMPORT_MAPPING (source);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean first;

  /* A newer preview was started meanwhile: this one is not wanted. */
  if (cancellable != self->cancellable)
    {
      g_clear_pointer (&report, serah_import_report_free);
      return;
    }
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      g_clear_pointer (&self->report, serah_import_report_free);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_label_set_text (self->status_label, error->message);
      set_busy (self, FALSE);
      return;
    }

  g_clear_pointer (&self->report, serah_import_report_free);
  self->report = report;
  first = self->headers == NULL;
  if (first)
    {
      g_auto(GStrv) remembered = NULL;

      self->headers = g_ptr_array_new_with_free_func (g_free);
      self->auto_fields = g_ptr_array_new ();
      for (guint i = 0; i < report->columns->len; i++)
        {
          const SerahImportColumn *column = report->columns->pdata[i];
          g_ptr_array_add (self->headers, g_strdup (column->header));
          /* A refused file's columns carry no fields: the importer stopped at the header. */
          g_ptr_array_add (self->auto_fields, (gpointer) column->field);
        }
      self->signature = header_signature (self->headers);
      build_column_rows (self);
      remembered = recall_mapping (self);
      if (remembered != NULL)
        {
          apply_mapping (self, remembered);
          self->remembered = TRUE;
          start_preview (self, build_mappings (self));
          return;
        }
    }
  else
    sync_column_rows (self);
  show_status (self);
  show_sample (self);
  show_problems (self);
  set_busy (self, FALSE);
}

static void
on_keep_areas_toggled (GtkCheckButton *check, SerahImportMapping *self)
{
  if (self->rows == NULL || self->updating)
    return;
  self->remembered = FALSE;
  start_preview (self, build_mappings (self));
}

static void
on_field_selected (AdwComboRow *row, GParamSpec *pspec, SerahImportMapping *self)
{
  guint position = adw_combo_row_get_selected (row);

  if (self->updating)
    return;
  /* One column per field: the column that had it gives it up. */
  self->updating = TRUE;
  for (guint i = 0; position > 0 && i < self->rows->len; i++)
    if (self->rows->pdata[i] != row &&
        adw_combo_row_get_selected (self->rows->pdata[i]) == position)
      adw_combo_row_set_selected (self->rows->pdata[i], 0);
  self->updating = FALSE;
  self->remembered = FALSE;
  start_preview (self, build_mappings (self));
}

/* ---- importing ---- */

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahImportMapping *self = SERAH_IMPORT_MAPPING (widget);
  g_auto(GStrv) mappings = NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GError) error = NULL;

  if (self->report == NULL || self->report->refusal != NULL || self->cancellable != NULL ||
      area_dropped (self) != NULL)
    return;
  mappings = build_mappings (self);
  /* Remembered for this layout; a choice put back to what the importer does is forgotten. */
  key = settings_key (self);
  value = mappings != NULL ? g_strjoinv ("\n", mappings) : g_strdup ("");
  existing = serah_settings_get (self->store, key);
  if ((mappings != NULL || (existing != NULL && *existing != '\0')) &&
      !serah_settings_set (self->store, key, value, &error))
    g_warning ("The column mapping was not remembered: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_IMPORT], 0, mappings);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- public ---- */

SerahImportMapping *
serah_import_mapping_new (GtkWindow *parent, SerahStore *store, GFile *file)
{
  SerahImportMapping *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (SERAH_TYPE_IMPORT_MAPPING, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->path = g_file_get_path (file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  if (self->path == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_label_set_text (self->status_label,
                          _("Only files on this computer can be imported. Copy the file to a "
                            "folder first."));
      set_busy (self, FALSE);
      return self;
    }
  start_preview (self, NULL);
  return self;
}

gboolean
serah_import_mapping_get_busy (SerahImportMapping *self)
{
  g_return_val_if_fail (SERAH_IS_IMPORT_MAPPING (self), FALSE);
  return self->cancellable != NULL;
}

const SerahImportReport *
serah_import_mapping_get_report (SerahImportMapping *self)
{
  g_return_val_if_fail (SERAH_IS_IMPORT_MAPPING (self), NULL);
  return self->report;
}

static void
serah_import_mapping_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  SerahImportMapping *self = SERAH_IMPORT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, serah_import_mapping_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_import_mapping_dispose (GObject *object)
{
  SerahImportMapping *self = SERAH_IMPORT_MAPPING (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), SERAH_TYPE_IMPORT_MAPPING);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_import_mapping_parent_class)->dispose (object);
}

static void
serah_import_mapping_finalize (GObject *object)
{
  SerahImportMapping *self = SERAH_IMPORT_MAPPING (object);

  g_clear_pointer (&self->report, serah_import_report_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->auto_fields, g_ptr_array_unref);
  g_free (self->signature);
  g_free (self->path);
  G_OBJECT_CLASS (serah_import_mapping_parent_class)->finalize (object);
}

static void
serah_import_mapping_class_init (SerahImportMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = serah_import_mapping_get_property;
  object_class->dispose = serah_import_mapping_dispose;
  object_class->finalize = serah_import_mapping_finalize;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SerahImportMapping::import:
   * @mappings: (nullable): FIELD=HEADER strings for SerahImportOptions.mappings, or %NULL
   *   when the importer's own reading is right
   *
   * The person chose to import with these columns.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-import-mapping.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, window_title);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, status_label);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, spinner);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, columns_list);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, keep_areas_check);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_areas_toggled);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, sample_list);
  gtk_widget_class_bind_template_child (widget_class, SerahImportMapping, problems_list);

  gtk_widget_class_install_action (widget_class, "mapping.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "mapping.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_import_mapping_init (SerahImportMapping *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.import", FALSE);
}
