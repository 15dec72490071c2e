/* serah-outreach-report.c: the outreach indicators as one CSV (sections one after another, as
 * the office pastes them into its quarterly report): the timeline of registrations against
 * activities, understanding before/after, the SKM, and complaints with the age of open ones. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <serah/admin/serah-audit.h>
#include <serah/outreach/serah-feedback.h>
#include <serah/outreach/serah-outreach-report.h>
#include <serah/outreach/serah-skm.h>
#include <serah/outreach/serah-survey.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-outreach-report-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "output/serah-csv-private.h"

/* The document is a list of rows (GStrv). A row whose first cell is not empty opens a section
 * (its title, then the column heads); rows of data start with an empty cell; a row of one
 * empty cell separates sections. The CSV writes the rows as they are; the workbook gives each
 * section a worksheet of its own. */
static void
row (GPtrArray *doc, guint n, ...)
{
  char **fields = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = va_arg (args, const char *);
      fields[i] = g_strdup (text ? text : "");
    }
  va_end (args);
  g_ptr_array_add (doc, fields);
}

static gboolean
write_csv (const char *path, gpointer data, GError **error)
{
  GPtrArray *doc = data;
  g_autoptr(GString) csv = serah_csv_new ();

  for (guint i = 0; i < doc->len; i++)
    {
      char **fields = doc->pdata[i];
      serah_csv_append_row (csv, (const char *const *) fields, g_strv_length (fields));
    }
  return serah_csv_save (csv, path, error);
}

/* A cell that is a plain decimal number goes into the workbook as a number. */
static gboolean
as_number (const char *text, double *value)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || strchr ("0123456789-", text[0]) == NULL ||
      strchr (text, '-') > text)  /* a month, 2026-11 */
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

static gboolean
write_xlsx (const char *path, gpointer data, GError **error)
{
  GPtrArray *doc = data;
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *tmpdir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = FALSE, .tmpdir = tmpdir };
  lxw_workbook *wb = workbook_new_opt (tmp, &options);
  lxw_worksheet *ws = NULL;
  lxw_format *bold;
  lxw_row_t r = 0;
  lxw_error err;

  if (wb == NULL)
    {
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_IO,
                   _("Cannot create the workbook “%s”."), path);
      return FALSE;
    }
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  for (guint i = 0; i < doc->len; i++)
    {
      char **fields = doc->pdata[i];
      guint n = g_strv_length (fields);

      if (n == 1 && fields[0][0] == '\0')
        continue;
      if (fields[0][0] != '\0')
        {
          g_autofree char *name = g_utf8_substring (fields[0], 0, MIN (g_utf8_strlen (fields[0], -1), 31));
          ws = workbook_add_worksheet (wb, name);
          worksheet_set_column (ws, 0, 1, 24, NULL);
          r = 0;
          for (guint c = 1; c < n; c++)
            worksheet_write_string (ws, r, (lxw_col_t) (c - 1), fields[c], bold);
          worksheet_freeze_panes (ws, 1, 0);
          r++;
          continue;
        }
      g_assert (ws != NULL);
      for (guint c = 1; c < n; c++)
        {
          double value;
          if (as_number (fields[c], &value))
            worksheet_write_number (ws, r, (lxw_col_t) (c - 1), value, NULL);
          else
            worksheet_write_string (ws, r, (lxw_col_t) (c - 1), fields[c], NULL);
        }
      r++;
    }
  err = workbook_close (wb);
  if (err != LXW_NO_ERROR || g_rename (tmp, path) != 0)
    {
      g_remove (tmp);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_IO,
                   _("Cannot write the workbook “%s”: %s"), path,
                   err != LXW_NO_ERROR ? lxw_strerror (err) : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static char *
percent (double value, guint sheets)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return sheets ? g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", value)) : g_strdup ("");
}

static gboolean
add_understanding (SerahStore *store, GPtrArray *csv, const char *from, const char *to,
                   GError **error)
{
  g_auto(GStrv) names = serah_survey_list_names ();

  row (csv, 1, "");
  row (csv, 7, "PEMAHAMAN", "Survei", "Bulan", "Lembar sebelum", "Rata-rata % sebelum",
       "Lembar sesudah", "Rata-rata % sesudah");
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(SerahSurvey) s = serah_survey_load (names[i], NULL);
      g_autoptr(GPtrArray) rows = NULL;

      if (s == NULL)
        continue;
      rows = serah_survey_scores (store, s->id, SERAH_SURVEY_BY_MONTH, error);
      if (rows == NULL)
        return FALSE;
      for (guint k = 0; k < rows->len; k++)
        {
          const SerahSurveyScoreRow *r = rows->pdata[k];
          g_autofree char *nb = g_strdup_printf ("%u", r->sheets[0]);
          g_autofree char *na = g_strdup_printf ("%u", r->sheets[1]);
          g_autofree char *pb = percent (r->mean_percent[0], r->sheets[0]);
          g_autofree char *pa = percent (r->mean_percent[1], r->sheets[1]);
          g_autofree char *month_start = g_strconcat (r->key, "-01", NULL);
          g_autofree char *month_end = g_strconcat (r->key, "-31", NULL);

          if ((from != NULL && g_strcmp0 (month_end, from) < 0) ||
              (to != NULL && g_strcmp0 (month_start, to) > 0))
            continue;
          row (csv, 7, "", s->id, r->key, nb, pb, na, pa);
        }
    }
  return TRUE;
}

GPtrArray *
serah_outreach_indicators_rows (SerahStore *store, const char *from, const char *to, gint64 now,
                                GError **error)
{
  g_autoptr(GPtrArray) csv = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) timeline = NULL, complaints = NULL, open = NULL;
  g_autoptr(SerahSkmReport) skm = NULL;
  SerahSkmFilter filter = { NULL, from, to };
  guint ages[3] = { 0 };

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  timeline = serah_store_outreach_timeline (store, from, to, error);
  if (timeline == NULL)
    return NULL;
  row (csv, 3, "Indikator sosialisasi", "Dari", "Sampai");
  row (csv, 3, "", from ? from : "", to ? to : "");
  row (csv, 1, "");
  row (csv, 7, "PENDAFTARAN BARU", "Bulan", "Desa", "Pendaftaran", "Sudah jadi peserta",
       "Kegiatan", "Hadir");
  for (guint i = 0; i < timeline->len; i++)
    {
      char **r = timeline->pdata[i];
      row (csv, 7, "", r[0], r[1], r[2], r[3], r[4], r[5]);
    }

  if (!add_understanding (store, csv, from, to, error))
    return NULL;

  skm = serah_skm_report (store, &filter, 0, error);
  if (skm == NULL)
    return NULL;
  row (csv, 1, "");
  row (csv, 5, "SKM", "Unsur", "NRR", "Konversi", "Mutu");
  if (skm->result.respondents > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
        {
          g_autofree char *u = g_strdup_printf ("U%u %s", i + 1, serah_skm_element_name (i));
          g_autofree char *nrr = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", skm->result.nrr[i]));
          g_autofree char *conv = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f",
                                                             skm->result.converted_element[i]));
          row (csv, 5, "", u, nrr, conv, serah_skm_grade_letter (skm->result.element_grade[i]));
        }
      {
        g_autofree char *ikm = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3f", skm->result.index));
        g_autofree char *conv = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", skm->result.converted));
        g_autofree char *grade = g_strdup_printf ("%s (%s)", serah_skm_grade_letter (skm->result.grade),
                                                  serah_skm_grade_label (skm->result.grade));
        g_autofree char *n = g_strdup_printf ("%u", skm->result.respondents);
        row (csv, 6, "", "IKM", ikm, conv, grade, n);
      }
    }

  complaints = serah_store_outreach_feedback_by_month (store, from, to, error);
  open = serah_feedback_list (store, TRUE, error);
  if (complaints == NULL || open == NULL)
    return NULL;
  row (csv, 1, "");
  row (csv, 4, "PENGADUAN", "Bulan", "Diterima", "Selesai");
  for (guint i = 0; i < complaints->len; i++)
    {
      char **r = complaints->pdata[i];
      row (csv, 4, "", r[0], r[1], r[2]);
    }
  for (guint i = 0; i < open->len; i++)
    {
      gint64 age = serah_feedback_age_days (open->pdata[i], now);
      ages[age <= 7 ? 0 : age <= 30 ? 1 : 2]++;
    }
  {
    g_autofree char *a = g_strdup_printf ("%u", ages[0]);
    g_autofree char *b = g_strdup_printf ("%u", ages[1]);
    g_autofree char *c = g_strdup_printf ("%u", ages[2]);
    row (csv, 4, "Belum selesai menurut umur", "0-7 hari", "8-30 hari", "> 30 hari");
    row (csv, 4, "", a, b, c);
  }

  return g_steal_pointer (&csv);
}

gboolean
serah_outreach_indicators_write (SerahStore *store, const char *from, const char *to, gint64 now,
                                 SerahOutreachReportFormat format, const char *path,
                                 const char *operator_name, GError **error)
{
  g_autoptr(GPtrArray) csv = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = serah_outreach_indicators_rows (store, from, to, now, error);
  if (csv == NULL)
    return FALSE;
  details = serah_audit_details ("format", format == SERAH_OUTREACH_REPORT_XLSX ? "xlsx" : "csv",
                                 "path", path, "from", from, "to", to, NULL);
  return serah_outreach_export_file (store, path,
                                     format == SERAH_OUTREACH_REPORT_XLSX ? write_xlsx : write_csv,
                                     csv, operator_name, "export.indicators-outreach", details,
                                     error);
}

/* ---- the figures, for the Laporan page and the PDF ---- */

void
serah_outreach_indicators_free (SerahOutreachIndicators *self)
{
  if (self == NULL)
    return;
  g_free (self->from);
  g_free (self->to);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->timeline, g_ptr_array_unref);
  g_clear_pointer (&self->complaint_months, g_ptr_array_unref);
  g_free (self);
}

static guint
as_count (const char *text)
{
  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
}

static SerahOutreachMonth *
month_of (GArray *months, const char *month)
{
  SerahOutreachMonth m = { { 0 } };

  for (guint i = 0; i < months->len; i++)
    if (strcmp (g_array_index (months, SerahOutreachMonth, i).month, month) == 0)
      return &g_array_index (months, SerahOutreachMonth, i);
  g_strlcpy (m.month, month, sizeof m.month);
  g_array_append_val (months, m);
  return &g_array_index (months, SerahOutreachMonth, months->len - 1);
}

/* Mean understanding per phase over every survey and month of the period, weighted by sheets. */
static gboolean
read_understanding (SerahStore *store, SerahOutreachIndicators *ind, GError **error)
{
  g_auto(GStrv) names = serah_survey_list_names ();
  double sum[2] = { 0, 0 };

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(SerahSurvey) s = serah_survey_load (names[i], NULL);
      g_autoptr(GPtrArray) rows = NULL;

      if (s == NULL)
        continue;
      rows = serah_survey_scores (store, s->id, SERAH_SURVEY_BY_MONTH, error);
      if (rows == NULL)
        return FALSE;
      for (guint k = 0; k < rows->len; k++)
        {
          const SerahSurveyScoreRow *r = rows->pdata[k];
          g_autofree char *month_start = g_strconcat (r->key, "-01", NULL);
          g_autofree char *month_end = g_strconcat (r->key, "-31", NULL);

          if ((ind->from != NULL && g_strcmp0 (month_end, ind->from) < 0) ||
              (ind->to != NULL && g_strcmp0 (month_start, ind->to) > 0))
            continue;
          for (guint p = 0; p < 2; p++)
            {
              ind->sheets[p] += r->sheets[p];
              sum[p] += r->mean_percent[p] * r->sheets[p];
            }
        }
    }
  for (guint p = 0; p < 2; p++)
    ind->understanding[p] = ind->sheets[p] ? sum[p] / ind->sheets[p] : 0;
  return TRUE;
}

SerahOutreachIndicators *
serah_outreach_indicators_read (SerahStore *store, const char *from, const char *to, gint64 now,
                                GError **error)
{
  g_autoptr(SerahOutreachIndicators) ind = g_new0 (SerahOutreachIndicators, 1);
  g_autoptr(SerahSkmReport) skm = NULL;
  g_autoptr(GPtrArray) open = NULL;
  SerahSkmFilter filter = { NULL, from, to };

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  ind->from = g_strdup (from);
  ind->to = g_strdup (to);
  ind->months = g_array_new (FALSE, TRUE, sizeof (SerahOutreachMonth));
  ind->oldest_open_days = -1;

  /* The timeline comes ordered by month, then desa. */
  ind->timeline = serah_store_outreach_timeline (store, from, to, error);
  if (ind->timeline == NULL)
    return NULL;
  for (guint i = 0; i < ind->timeline->len; i++)
    {
      char **r = ind->timeline->pdata[i];
      SerahOutreachMonth *m = month_of (ind->months, r[0] ? r[0] : "");

      m->registrations += as_count (r[2]);
      m->covered += as_count (r[3]);
      m->activities += as_count (r[4]);
      m->attendance += as_count (r[5]);
      ind->registrations += as_count (r[2]);
      ind->activities += as_count (r[4]);
    }

  if (!read_understanding (store, ind, error))
    return NULL;

  skm = serah_skm_report (store, &filter, 0, error);
  if (skm == NULL)
    return NULL;
  ind->skm = skm->result;

  ind->complaint_months = serah_store_outreach_feedback_by_month (store, from, to, error);
  if (ind->complaint_months == NULL)
    return NULL;
  for (guint i = 0; i < ind->complaint_months->len; i++)
    {
      char **r = ind->complaint_months->pdata[i];
      ind->complaints_received += as_count (r[1]);
      ind->complaints_resolved += as_count (r[2]);
    }
  open = serah_feedback_list (store, TRUE, error);
  if (open == NULL)
    return NULL;
  for (guint i = 0; i < open->len; i++)
    {
      gint64 age = serah_feedback_age_days (open->pdata[i], now);
      ind->open_by_age[age <= 7 ? 0 : age <= 30 ? 1 : 2]++;
      ind->oldest_open_days = MAX (ind->oldest_open_days, age);
    }
  ind->open_now = open->len;
  return g_steal_pointer (&ind);
}
