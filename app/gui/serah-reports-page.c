/* serah-reports-page.c: Laporan. Shows the same reports as serah-cli report: coverage per
 * kecamatan and desa, the cards not yet collected, and the indicators, with the charts of
 * serah-report-chart.c drawn into GtkDrawingAreas, and exports the view shown.
 *
 * Reading the reports and writing the files run in GTask threads, each on its own
 * SerahStore connection, so a register of 100 000 people never freezes the window. Table
 * rows are SerahReportRow items holding the cells as ready-made markup (bold for subtotals).
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-list-focus.h"

#include "serah-reports-page.h"
#include "serah-uncollected-list.h"
#include "serah-window.h"

#define N_CELLS 10

/* ---- SerahReportRow: one table row, cells c0..c9 as Pango markup ---- */

struct _SerahReportRow
{
  GObject parent_instance;
  char   *cells[N_CELLS];
};

G_DEFINE_FINAL_TYPE (SerahReportRow, serah_report_row, G_TYPE_OBJECT)

static GParamSpec *row_properties[N_CELLS + 1];

static void
serah_report_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahReportRow *self = SERAH_REPORT_ROW (object);

  if (prop_id >= 1 && prop_id <= N_CELLS)
    g_value_set_string (value, self->cells[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
serah_report_row_finalize (GObject *object)
{
  SerahReportRow *self = SERAH_REPORT_ROW (object);

  for (guint i = 0; i < N_CELLS; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (serah_report_row_parent_class)->finalize (object);
}

static void
serah_report_row_class_init (SerahReportRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *const names[N_CELLS] = { "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9" };

  object_class->get_property = serah_report_row_get_property;
  object_class->finalize = serah_report_row_finalize;
  for (guint i = 0; i < N_CELLS; i++)
    row_properties[i + 1] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_CELLS + 1, row_properties);
}

static void
serah_report_row_init (SerahReportRow *self)
{
}

/* Cells are plain text; bold rows (subtotals) are wrapped in <b>. */
SerahReportRow *
serah_report_row_new (const char *const *cells, guint n, gboolean bold)
{
  SerahReportRow *row = g_object_new (SERAH_TYPE_REPORT_ROW, NULL);

  for (guint i = 0; i < n && i < N_CELLS; i++)
    row->cells[i] = bold ? g_markup_printf_escaped ("<b>%s</b>", cells[i] ? cells[i] : "")
                         : g_markup_escape_text (cells[i] ? cells[i] : "", -1);
  return row;
}

/* ---- the page ---- */

typedef struct {
  gint64           ceremony_id;
  SerahCoverage   *coverage;
  SerahIndicators *indicators;
  SerahOutreachIndicators *outreach;   /* issue 15 */
} ReportData;

static void
report_data_free (ReportData *d)
{
  g_clear_pointer (&d->coverage, serah_coverage_free);
  g_clear_pointer (&d->indicators, serah_indicators_free);
  g_clear_pointer (&d->outreach, serah_outreach_indicators_free);
  g_free (d);
}

typedef struct {
  SerahStore       *ui_store; /* only for serah_store_open_like: never queried here */
  gint64            ceremony_id;
  SerahReportKind   kind;
  SerahReportFormat format;
  char             *output;
  char             *operator_name;
  char             *outreach_from;  /* issue 15: the outreach card's period, NULL: no bound */
  char             *outreach_to;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->ui_store);
  g_free (job->output);
  g_free (job->operator_name);
  g_free (job->outreach_from);
  g_free (job->outreach_to);
  g_free (job);
}

struct _SerahReportsPage
{
  AdwBin          parent_instance;

  SerahStore     *store;
  GArray         *ceremony_ids;
  ReportData     *data;
  GCancellable   *cancellable;
  guint           busy;
  gboolean        stale;   /* the store changed while the page was not on screen */

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *scope_dropdown;
  GtkStringList   *scope_names;
  GtkSpinner      *spinner;
  GtkStack        *view_stack;
  GtkDrawingArea  *coverage_chart;
  GListStore      *coverage_rows;
  SerahUncollectedList *uncollected_rows; /* paged: never the whole list (issue #10) */
  GtkLabel        *uncollected_label;
  GtkDrawingArea  *imports_chart;
  GtkDrawingArea  *daily_chart;
  GtkDrawingArea  *rating_chart;
  GtkDrawingArea  *tags_chart;
  GtkLabel        *outreach_figures;   /* issue 15 */
  GtkLabel        *outreach_heading;
  GtkEntry        *outreach_from;
  GtkEntry        *outreach_to;
  GtkLabel        *outreach_period_message;
  char            *period_from;        /* the outreach period shown, NULL: no bound */
  char            *period_to;
  GtkDrawingArea  *outreach_chart;
};

G_DEFINE_FINAL_TYPE (SerahReportsPage, serah_reports_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
toast (SerahReportsPage *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
set_busy (SerahReportsPage *self, gboolean busy)
{
  self->busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
}

static gint64
current_scope (SerahReportsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->scope_dropdown);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->ceremony_ids->len)
    return 0;
  return g_array_index (self->ceremony_ids, gint64, i);
}

static SerahReportKind
current_kind (SerahReportsPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);
  SerahReportKind kind = SERAH_REPORT_COVERAGE;

  serah_report_kind_parse (name, &kind);
  return kind;
}

/* ---- filling the views ---- */

static void
append_coverage (const SerahCoverageRow *r, SerahCoverageLevel level, gboolean first,
                 gpointer user_data)
{
  SerahReportsPage *self = user_data;
  g_auto(GStrv) n = serah_coverage_row_cells (r);
  const char *cells[N_CELLS];
  g_autoptr(SerahReportRow) row = NULL;

  cells[0] = level == SERAH_COVERAGE_TOTAL ? _("Total") : first ? r->kecamatan : "";
  cells[1] = level == SERAH_COVERAGE_KECAMATAN ? _("Kecamatan total")
             : level == SERAH_COVERAGE_TOTAL ? "" : r->desa;
  for (guint i = 0; i < 8; i++)
    cells[2 + i] = n[i];
  row = serah_report_row_new (cells, N_CELLS, level != SERAH_COVERAGE_DESA);
  g_list_store_append (self->coverage_rows, row);
}

/* issue 15: the outreach indicators beside the card's, as text the officer can read out. */
static void
show_outreach (SerahReportsPage *self)
{
  const SerahOutreachIndicators *o = self->data ? self->data->outreach : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (o == NULL)
    {
      gtk_label_set_text (self->outreach_figures, "");
      return;
    }
  g_string_append_printf (text, _("New registrations: %u, at %u activities."), o->registrations,
                          o->activities);
  /* The last six months, newest last, as the timeline runs. */
  for (guint i = o->months->len > 6 ? o->months->len - 6 : 0; i < o->months->len; i++)
    {
      const SerahOutreachMonth *m = &g_array_index (o->months, SerahOutreachMonth, i);
      g_string_append_printf (text, "\n  %s: ", m->month);
      g_string_append_printf (text, ngettext ("%u registration", "%u registrations",
                                              m->registrations), m->registrations);
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u activity", "%u activities", m->activities),
                              m->activities);
    }
  g_string_append (text, "\n\n");
  if (o->sheets[0] + o->sheets[1] == 0)
    g_string_append (text, _("Understanding: no quiz recorded."));
  else
    {
      g_autofree char *before = serah_format_percent (o->understanding[0]);
      g_autofree char *after = serah_format_percent (o->understanding[1]);
      g_string_append_printf (text, _("Understanding: %s before (%u sheets), %s after (%u sheets)."),
                              before, o->sheets[0], after, o->sheets[1]);
    }
  g_string_append (text, "\n\n");
  if (o->skm.respondents == 0)
    g_string_append (text, _("IKM: no SKM answer recorded."));
  else
    {
      g_autofree char *ikm = serah_format_decimal (o->skm.converted, 2);
      g_string_append_printf (text, _("IKM: %s, quality %s (%s), %u respondents."), ikm,
                              serah_skm_grade_letter (o->skm.grade),
                              serah_skm_grade_label (o->skm.grade), o->skm.respondents);
    }
  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("Complaints: %u received, %u resolved; %u open now "
                                  "(%u up to 7 days, %u of 8-30 days, %u older)."),
                          o->complaints_received, o->complaints_resolved, o->open_now,
                          o->open_by_age[0], o->open_by_age[1], o->open_by_age[2]);
  gtk_label_set_text (self->outreach_figures, text->str);
}

static void
show_data (SerahReportsPage *self)
{
  const SerahCoverage *cov = self->data ? self->data->coverage : NULL;

  g_list_store_remove_all (self->coverage_rows);
  if (cov != NULL)
    serah_coverage_foreach (cov, append_coverage, self);
  if (self->data != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;
      g_autofree char *count = NULL;
      /* The list reads its windows from the page's store when GTK asks: the count is a sum
       * of a few hundred kept figures, each window an indexed read of about one desa. */
      gint64 n = serah_uncollected_list_set_scope (self->uncollected_rows, self->store,
                                                   self->data->ceremony_id, &error);

      if (n < 0)
        {
          toast (self, error->message);
          n = 0;
        }
      count = serah_format_count (n);
      label = g_strdup_printf (ngettext ("%s participant has not collected the card yet. The "
                                         "PDF export puts each desa on its own pages for the "
                                         "village government.",
                                         "%s participants have not collected their cards yet. "
                                         "The PDF export puts each desa on its own pages for the "
                                         "village government.", (gulong) n), count);
      gtk_label_set_text (self->uncollected_label, label);
    }
  show_outreach (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->coverage_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->imports_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->daily_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->rating_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->tags_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->outreach_chart));
}

/* The charts paint a white card so they look like the PDF in both light and dark styles. */
static void
chart_background (cairo_t *cr, int width, int height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static void
draw_coverage (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SerahReportsPage *self = user_data;

  if (self->data == NULL || self->data->coverage == NULL)
    return;
  chart_background (cr, width, height);
  serah_report_draw_coverage_chart (cr, width, height, self->data->coverage);
}

#define INDICATOR_DRAW(name, func)                                                        \
  static void                                                                             \
  name (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)     \
  {                                                                                       \
    SerahReportsPage *self = user_data;                                                   \
    if (self->data == NULL || self->data->indicators == NULL)                             \
      return;                                                                             \
    chart_background (cr, width, height);                                                \
    func (cr, width, height, self->data->indicators);                                     \
  }

INDICATOR_DRAW (draw_imports, serah_report_draw_imports_chart)
INDICATOR_DRAW (draw_daily, serah_report_draw_daily_chart)
INDICATOR_DRAW (draw_rating, serah_report_draw_rating_chart)
INDICATOR_DRAW (draw_tags, serah_report_draw_tags_chart)

/* issue 15: the PDF's timeline of new registrations against activities. */
static void
draw_outreach (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SerahReportsPage *self = user_data;

  if (self->data == NULL || self->data->outreach == NULL)
    return;
  chart_background (cr, width, height);
  serah_report_draw_outreach_timeline_chart (cr, width, height, self->data->outreach);
}

/* ---- loading in a thread ---- */

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  /* This thread's own connection: the UI's handle must never be used from here. */
  g_autoptr(SerahStore) store = serah_store_open_like (job->ui_store, &error);
  ReportData *d;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  d = g_new0 (ReportData, 1);
  d->ceremony_id = job->ceremony_id;
  if ((d->coverage = serah_report_coverage (store, job->ceremony_id, &error)) == NULL ||
      (d->indicators = serah_report_indicators (store, job->ceremony_id, &error)) == NULL ||
      /* issue 15: the whole office's outreach, whatever the ceremony chosen */
      (d->outreach = serah_outreach_indicators_read (store, job->outreach_from, job->outreach_to,
                                                     g_get_real_time () / G_USEC_PER_SEC,
                                                     &error)) == NULL)
    {
      report_data_free (d);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, d, (GDestroyNotify) report_data_free);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GError) error = NULL;
  ReportData *d = g_task_propagate_pointer (G_TASK (result), &error);
  SerahReportsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SERAH_REPORTS_PAGE (source);
  set_busy (self, FALSE);
  if (d == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->data, report_data_free);
  self->data = d;
  show_data (self);
}

static Job *
new_job (SerahReportsPage *self)
{
  Job *job = g_new0 (Job, 1);

  job->ui_store = g_object_ref (self->store);
  job->ceremony_id = current_scope (self);
  job->kind = current_kind (self);
  job->operator_name = g_strdup (serah_window_operator_for (GTK_WIDGET (self))); /* hardening (issue 6) */
  job->outreach_from = g_strdup (self->period_from);
  job->outreach_to = g_strdup (self->period_to);
  return job;
}

static void
reload (SerahReportsPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  /* A newer request replaces one still running. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->busy > 0)
    set_busy (self, FALSE);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, new_job (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- issue 15: the outreach card's period ----
 *
 * A day (2026-11-03) or a month (2026-11: its first day as "from", its last as "to"); empty:
 * no bound. Checked here so a typo is named under the fields instead of silently showing
 * every period. */
static gboolean
parse_period_end (const char *text, gboolean is_to, char **iso, GError **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  int y = 0, m = 0, d = 0;
  char tail;

  *iso = NULL;
  if (t[0] == '\0')
    return TRUE;
  if (strlen (t) == 7 && sscanf (t, "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12 &&
      g_date_valid_dmy (1, m, y))
    {
      d = is_to ? g_date_get_days_in_month (m, y) : 1;
      *iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      return TRUE;
    }
  if (strlen (t) == 10 && sscanf (t, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
      m >= 1 && m <= 12 && d >= 1 && d <= 31 && g_date_valid_dmy (d, m, y))
    {
      *iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
      return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               is_to ? _("Period to: “%s” is no date; write 2026-11-30 or a month, 2026-11.")
                     : _("Period from: “%s” is no date; write 2026-11-03 or a month, 2026-11."),
               t);
  return FALSE;
}

static void
outreach_period_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (widget);
  g_autofree char *from = NULL, *to = NULL, *heading = NULL;
  g_autoptr(GError) error = NULL;
  GtkLabel *message = self->outreach_period_message;

  if (!parse_period_end (gtk_editable_get_text (GTK_EDITABLE (self->outreach_from)), FALSE,
                         &from, &error) ||
      !parse_period_end (gtk_editable_get_text (GTK_EDITABLE (self->outreach_to)), TRUE,
                         &to, &error))
    {
      gtk_label_set_text (message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
      return;
    }
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      gtk_label_set_text (message, _("The period ends before it starts: swap the two dates."));
      gtk_widget_set_visible (GTK_WIDGET (message), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (message), FALSE);
  g_free (self->period_from);
  g_free (self->period_to);
  self->period_from = g_steal_pointer (&from);
  self->period_to = g_steal_pointer (&to);
  if (self->period_from == NULL && self->period_to == NULL)
    heading = g_strdup (_("Outreach (all periods)"));
  else
    {
      g_autofree char *a = self->period_from ? serah_format_date (self->period_from) : g_strdup ("…");
      g_autofree char *b = self->period_to ? serah_format_date (self->period_to) : g_strdup ("…");

      /* TRANSLATORS: the outreach card's heading for a period: "Outreach, 1 November 2026 – 30 November 2026". */
      heading = g_strdup_printf (_("Outreach, %s – %s"), a, b);
    }
  gtk_label_set_text (self->outreach_heading, heading);
  reload (self);
}

/* Enter in either field shows the period, as the button does. */
static void
on_period_activate (SerahReportsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.outreach-period", NULL);
}

static void
load_scopes (SerahReportsPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 zero = 0;

  g_array_set_size (self->ceremony_ids, 0);
  gtk_string_list_splice (self->scope_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->scope_names)), NULL);
  g_array_append_val (self->ceremony_ids, zero);
  gtk_string_list_append (self->scope_names, _("All ceremonies"));
  if (self->store != NULL)
    list = serah_ceremony_list (self->store, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SerahCeremony *c = list->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", c->name, c->date);
      g_array_append_val (self->ceremony_ids, c->id);
      gtk_string_list_append (self->scope_names, label);
    }
  gtk_drop_down_set_selected (self->scope_dropdown, 0);
}

static void
on_scope_changed (SerahReportsPage *self)
{
  reload (self);
}

static void
on_view_changed (SerahReportsPage *self)
{
  /* All three reports are loaded together; nothing to fetch when switching views. */
}

static void
refresh_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (widget);
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  /* New ceremonies may have been created since: list them again, keep the scope. */
  g_signal_handlers_block_by_func (self->scope_dropdown, on_scope_changed, self);
  load_scopes (self);
  if (selected < self->ceremony_ids->len)
    gtk_drop_down_set_selected (self->scope_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->scope_dropdown, on_scope_changed, self);
  reload (self);
}

/* What the window did elsewhere (imports, handovers, print runs, testimonials) changes every
 * figure here: read them again now if on screen, else when the page is next shown. */
static void
on_store_changes (SerahReportsPage *self, guint what)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_action (GTK_WIDGET (self), "reports.refresh", NULL);
  else
    self->stale = TRUE;
}

void
serah_reports_page_update_actions (SerahReportsPage *self)
{
  g_return_if_fail (SERAH_IS_REPORTS_PAGE (self));

  /* Exports are for administrators (and audited by the core). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export",
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
}

static void
on_map (SerahReportsPage *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  refresh_action (GTK_WIDGET (self), "reports.refresh", NULL);
}

/* ---- export in a thread ---- */

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  /* This thread's own connection: the UI's handle must never be used from here. */
  g_autoptr(SerahStore) store = serah_store_open_like (job->ui_store, &error);

  gboolean written = FALSE;

  /* The indicators report carries the outreach period shown on the card (as the CLI's
   * "report indicators --from --to" does): the file says what the screen says. */
  if (store != NULL && job->kind == SERAH_REPORT_INDICATORS)
    written = serah_report_write_indicators (store, job->ceremony_id, job->outreach_from,
                                             job->outreach_to, job->format, job->output,
                                             job->operator_name, &error);
  else if (store != NULL)
    written = serah_report_write (store, job->kind, job->ceremony_id, job->format, job->output,
                                  job->operator_name, &error);
  if (!written)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (job->output);
      g_autofree char *msg = g_strdup_printf (_("Report saved as “%s”."), base);
      toast (self, msg);
    }
}

/* Takes job (its output set) and writes it in a thread. */
static void
start_export (SerahReportsPage *self, Job *job)
{
  g_autoptr(GTask) task = NULL;

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  SerahReportsPage *self = user_data;
  Job *job = g_object_steal_data (G_OBJECT (dialog), "job");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (job->output = g_file_get_path (file)) == NULL)
    {
      job_free (job);
      return;
    }
  start_export (self, job);
}

void
serah_reports_page_export_to (SerahReportsPage *self, const char *format, const char *path)
{
  Job *job;

  g_return_if_fail (SERAH_IS_REPORTS_PAGE (self));
  g_return_if_fail (path != NULL);
  if (self->store == NULL)
    return;
  job = new_job (self);
  if (!serah_report_format_parse (format, &job->format))
    {
      job_free (job);
      return;
    }
  job->output = g_strdup (path);
  start_export (self, job);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  static const char *const base_names[] = { "cakupan", "belum-diambil", "indikator" };
  SerahReportsPage *self = SERAH_REPORTS_PAGE (widget);
  const char *ext = g_variant_get_string (param, NULL);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  Job *job;

  if (self->store == NULL)
    return;
  job = new_job (self);
  if (!serah_report_format_parse (ext, &job->format))
    {
      job_free (job);
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export the report"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.%s", base_names[job->kind], ext);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "job", job, (GDestroyNotify) job_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- GObject ---- */

SerahStore *
serah_reports_page_get_store (SerahReportsPage *self)
{
  g_return_val_if_fail (SERAH_IS_REPORTS_PAGE (self), NULL);
  return self->store;
}

void
serah_reports_page_set_store (SerahReportsPage *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_REPORTS_PAGE (self));

  if (self->store != NULL && self->store != store)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  if (!g_set_object (&self->store, store))
    return;
  if (store != NULL)
    g_signal_connect_object (serah_changes_for_store (store), "changed",
                             G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);
  g_signal_handlers_block_by_func (self->scope_dropdown, on_scope_changed, self);
  load_scopes (self);
  g_signal_handlers_unblock_by_func (self->scope_dropdown, on_scope_changed, self);
  /* Issue #10: at a million participants the reports (the uncollected list above all) take
   * seconds and hundreds of megabytes; read them when the page is first shown, not at
   * start-up behind the Peserta page. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
serah_reports_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (object);

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
serah_reports_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      serah_reports_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_reports_page_dispose (GObject *object)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* AdwBin holds its child itself: let it unparent the child before the template lets go,
   * or AdwBin's own dispose would unparent a finalised widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_REPORTS_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_reports_page_parent_class)->dispose (object);
}

static void
serah_reports_page_finalize (GObject *object)
{
  SerahReportsPage *self = SERAH_REPORTS_PAGE (object);

  g_clear_pointer (&self->data, report_data_free);
  g_clear_pointer (&self->ceremony_ids, g_array_unref);
  g_clear_pointer (&self->period_from, g_free);
  g_clear_pointer (&self->period_to, g_free);
  G_OBJECT_CLASS (serah_reports_page_parent_class)->finalize (object);
}

static void
serah_reports_page_class_init (SerahReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_reports_page_dispose;
  object_class->finalize = serah_reports_page_finalize;
  object_class->get_property = serah_reports_page_get_property;
  object_class->set_property = serah_reports_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SERAH_TYPE_REPORT_ROW);
  g_type_ensure (SERAH_TYPE_UNCOLLECTED_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-reports-page.ui");
  /* Only looked up (lists as one Tab stop): no field of their own. */
  gtk_widget_class_bind_template_child_full (widget_class, "coverage_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "uncollected_view", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, scope_names);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, coverage_chart);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, coverage_rows);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, uncollected_rows);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, uncollected_label);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, imports_chart);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, daily_chart);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, rating_chart);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, tags_chart);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_figures);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_heading);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_from);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_to);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_period_message);
  gtk_widget_class_bind_template_child (widget_class, SerahReportsPage, outreach_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "reports.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reports.outreach-period", NULL,
                                   outreach_period_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reports.refresh", NULL);
}

static void
serah_reports_page_init (SerahReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (self), SERAH_TYPE_REPORTS_PAGE, "coverage_view")));
  serah_list_focus_one_tab_stop (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (self), SERAH_TYPE_REPORTS_PAGE, "uncollected_view")));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  /* GTK 4.8's drop down exposes its inner toggle button as an unnamed push button of its
   * own: give it the drop down's name for screen readers. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->scope_dropdown));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Ceremony"), -1);
  self->ceremony_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_drawing_area_set_draw_func (self->coverage_chart, draw_coverage, self, NULL);
  gtk_drawing_area_set_draw_func (self->imports_chart, draw_imports, self, NULL);
  gtk_drawing_area_set_draw_func (self->daily_chart, draw_daily, self, NULL);
  gtk_drawing_area_set_draw_func (self->rating_chart, draw_rating, self, NULL);
  gtk_drawing_area_set_draw_func (self->tags_chart, draw_tags, self, NULL);
  gtk_drawing_area_set_draw_func (self->outreach_chart, draw_outreach, self, NULL);
  g_signal_connect_swapped (self->outreach_from, "activate", G_CALLBACK (on_period_activate), self);
  g_signal_connect_swapped (self->outreach_to, "activate", G_CALLBACK (on_period_activate), self);
}
