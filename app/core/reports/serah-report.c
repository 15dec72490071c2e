/* serah-report.c: builds the monitoring reports from the store (coverage with kecamatan
 * subtotals, the not-yet-collected list, indicators) and writes them as CSV; XLSX and PDF
 * are in serah-report-xlsx.c and serah-report-pdf.c, the charts in serah-report-chart.c.
 *
 * Column titles are Indonesian whatever the desktop's language: the files go to the
 * district office and to village governments.
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <serah/output/serah-format.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <serah/admin/serah-audit.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/output/serah-output.h>
#include <serah/reports/serah-report.h>

#include "output/serah-csv-private.h"
#include "reports/serah-report-private.h"
#include "outreach/serah-outreach-report-private.h"
#include "reports/serah-store-report-private.h"

G_DEFINE_QUARK (serah-report-error-quark, serah_report_error)

const char *const serah_report_coverage_columns[SERAH_REPORT_COVERAGE_N_COLUMNS] = {
  "Kecamatan", "Desa", "Peserta", "Kartu dicetak", "Diundang", "Diserahkan (sendiri)",
  "Diserahkan (wakil)", "Diserahkan (total)", "Belum diambil", "Persentase",
};
const char *const serah_report_uncollected_columns[SERAH_REPORT_UNCOLLECTED_N_COLUMNS] = {
  "No", "Kecamatan", "Desa", "Nama", "NIK (disamarkan)", "Nomor kartu", "Alamat",
  "Tumpukan kartu",
};

gboolean
serah_report_kind_parse (const char *text, SerahReportKind *out)
{
  static const char *const names[] = { "coverage", "uncollected", "indicators" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
serah_report_format_parse (const char *text, SerahReportFormat *out)
{
  static const char *const names[] = { "csv", "xlsx", "pdf" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

/* ---- coverage ---- */

gint64
serah_coverage_row_handed_over (const SerahCoverageRow *row)
{
  return row->to_self + row->to_representative;
}

double
serah_coverage_row_fraction (const SerahCoverageRow *row)
{
  gint64 handed = serah_coverage_row_handed_over (row);
  gint64 expected = handed + row->not_collected;

  return expected > 0 ? (double) handed / (double) expected : 0.0;
}

void
serah_coverage_free (SerahCoverage *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_pointer (&self->desa, g_ptr_array_unref);
  g_clear_pointer (&self->kecamatan, g_ptr_array_unref);
  g_free (self->total.kecamatan);
  g_free (self->total.desa);
  g_free (self);
}

static void
add_counts (SerahCoverageRow *sum, const SerahCoverageRow *row)
{
  sum->participants += row->participants;
  sum->printed += row->printed;
  sum->invited += row->invited;
  sum->to_self += row->to_self;
  sum->to_representative += row->to_representative;
  sum->not_collected += row->not_collected;
}

char *
serah_report_scope_title (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCeremony) c = NULL;
  g_autoptr(GError) local = NULL;

  if (ceremony_id == 0)
    return g_strdup ("Semua acara penyerahan");
  c = serah_ceremony_get (store, ceremony_id, &local);
  if (c == NULL)
    {
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_NOT_FOUND,
                   _("No ceremony with id %lld."), (long long) ceremony_id);
      return NULL;
    }
  return g_strdup_printf ("%s, %s%s%s", c->name, c->date, c->place && *c->place ? ", " : "",
                          c->place ? c->place : "");
}

SerahCoverage *
serah_report_coverage (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCoverage) cov = g_new0 (SerahCoverage, 1);
  SerahCoverageRow *kec = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  cov->ceremony_id = ceremony_id;
  cov->title = serah_report_scope_title (store, ceremony_id, error);
  if (cov->title == NULL)
    return NULL;
  cov->desa = serah_store_report_coverage (store, ceremony_id, error);
  if (cov->desa == NULL)
    return NULL;
  cov->kecamatan = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_coverage_row_free);
  /* Rows arrive sorted by kecamatan: a subtotal closes whenever the kecamatan changes. */
  for (guint i = 0; i < cov->desa->len; i++)
    {
      const SerahCoverageRow *row = cov->desa->pdata[i];

      if (kec == NULL || g_ascii_strcasecmp (kec->kecamatan, row->kecamatan) != 0)
        {
          kec = g_new0 (SerahCoverageRow, 1);
          kec->kecamatan = g_strdup (row->kecamatan);
          g_ptr_array_add (cov->kecamatan, kec);
        }
      add_counts (kec, row);
      add_counts (&cov->total, row);
    }
  return g_steal_pointer (&cov);
}

void
serah_coverage_foreach (const SerahCoverage *cov, SerahCoverageRowFunc func, gpointer user_data)
{
  guint d = 0;

  g_return_if_fail (cov != NULL && func != NULL);

  /* Desa rows arrive sorted by kecamatan: a kecamatan's rows are the run sharing its name. */
  for (guint k = 0; k < cov->kecamatan->len; k++)
    {
      const SerahCoverageRow *kec = cov->kecamatan->pdata[k];

      for (gboolean first = TRUE; d < cov->desa->len; d++, first = FALSE)
        {
          const SerahCoverageRow *row = cov->desa->pdata[d];
          if (g_ascii_strcasecmp (row->kecamatan, kec->kecamatan) != 0)
            break;
          func (row, SERAH_COVERAGE_DESA, first, user_data);
        }
      func (kec, SERAH_COVERAGE_KECAMATAN, FALSE, user_data);
    }
  func (&cov->total, SERAH_COVERAGE_TOTAL, FALSE, user_data);
}

GStrv
serah_coverage_row_cells (const SerahCoverageRow *r)
{
  char **cells = g_new0 (char *, 9);
  const gint64 n[] = {
    r->participants, r->printed, r->invited, r->to_self, r->to_representative,
    serah_coverage_row_handed_over (r), r->not_collected,
  };

  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    cells[i] = serah_format_count (n[i]);
  cells[7] = serah_format_percent (serah_coverage_row_fraction (r) * 100);
  return cells;
}

/* ---- not yet collected ---- */

static gboolean
collect_uncollected (const SerahUncollectedRow *row, gpointer user_data, GError **error)
{
  SerahUncollectedRow *copy = g_new0 (SerahUncollectedRow, 1);

  copy->participant_id = row->participant_id;
  copy->kecamatan = g_strdup (row->kecamatan);
  copy->desa = g_strdup (row->desa);
  copy->name = g_strdup (row->name);
  copy->nik_masked = g_strdup (row->nik_masked);
  memcpy (copy->card_no, row->card_no, sizeof copy->card_no);
  copy->address = g_strdup (row->address);
  copy->stack = g_strdup (row->stack);
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

GPtrArray *
serah_report_uncollected (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* Checks that the ceremony exists, so a typo is an error and not an empty list. */
  title = serah_report_scope_title (store, ceremony_id, error);
  if (title == NULL)
    return NULL;
  /* The files are written from the store row by row (serah_store_report_uncollected_foreach);
   * this list is for callers that show it. */
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_uncollected_row_free);
  if (!serah_store_report_uncollected_foreach (store, ceremony_id, collect_uncollected, rows,
                                               error))
    return NULL;
  return g_steal_pointer (&rows);
}

gint64
serah_report_uncollected_count (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);
  return serah_store_report_uncollected_count (store, ceremony_id, error);
}

GArray *
serah_report_uncollected_window (SerahStore *store, gint64 ceremony_id, gint64 position,
                                 guint limit, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_report_uncollected_window (store, ceremony_id, position, limit, error);
}

SerahUncollectedRow *
serah_report_uncollected_get (SerahStore *store, gint64 participant_id, GError **error)
{
  g_autoptr(GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_uncollected_row_free);

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!serah_store_report_uncollected_row (store, participant_id, collect_uncollected, rows,
                                           error))
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_FOUND,
                   _("No participant with id %lld."), (long long) participant_id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}

/* ---- indicators ---- */

void
serah_indicators_free (SerahIndicators *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_pointer (&self->imports, g_ptr_array_unref);
  g_clear_pointer (&self->daily, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_free (self);
}

SerahIndicators *
serah_report_indicators (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahIndicators) ind = g_new0 (SerahIndicators, 1);
  gint64 rated = 0, sum = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  ind->ceremony_id = ceremony_id;
  if ((ind->title = serah_report_scope_title (store, ceremony_id, error)) == NULL ||
      (ind->imports = serah_store_report_imports (store, error)) == NULL ||
      (ind->daily = serah_store_report_daily (store, ceremony_id, error)) == NULL ||
      (ind->tags = serah_store_report_tags (store, ceremony_id, error)) == NULL ||
      !serah_store_report_ratings (store, ceremony_id, ind->ratings, error))
    return NULL;
  for (int r = 0; r <= 5; r++)
    {
      ind->testimonials += ind->ratings[r];
      if (r > 0)
        {
          rated += ind->ratings[r];
          sum += r * ind->ratings[r];
        }
    }
  ind->rating_average = rated > 0 ? (double) sum / (double) rated : 0.0;
  return g_steal_pointer (&ind);
}

/* ---- CSV ---- */

static void
coverage_csv_row (const SerahCoverageRow *r, SerahCoverageLevel level, gboolean first,
                  gpointer user_data)
{
  GString *csv = user_data;
  const gint64 n[] = {
    r->participants, r->printed, r->invited, r->to_self, r->to_representative,
    serah_coverage_row_handed_over (r), r->not_collected,
  };
  g_auto(GStrv) cells = g_new0 (char *, 9);
  g_autofree char *label = level == SERAH_COVERAGE_KECAMATAN
                             ? g_strdup_printf ("Jumlah Kec. %s", r->kecamatan) : NULL;
  const char *row[SERAH_REPORT_COVERAGE_N_COLUMNS];

  row[0] = level == SERAH_COVERAGE_TOTAL ? "Total" : r->kecamatan;
  row[1] = level == SERAH_COVERAGE_DESA ? r->desa : label;
  /* Plain numbers for machines ("1234", "50.0"), not the display form ("1.234", "50,0 %"). */
  for (guint i = 0; i < 7; i++)
    row[2 + i] = cells[i] = g_strdup_printf ("%" G_GINT64_FORMAT, n[i]);
  cells[7] = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
  g_ascii_formatd (cells[7], G_ASCII_DTOSTR_BUF_SIZE, "%.1f",
                   serah_coverage_row_fraction (r) * 100);
  row[9] = cells[7];
  serah_csv_append_row (csv, row, G_N_ELEMENTS (row));
}

static gboolean
write_coverage_csv (SerahCoverage *cov, const char *path, GError **error)
{
  g_autoptr(GString) csv = serah_csv_new ();

  serah_csv_append_row (csv, serah_report_coverage_columns, SERAH_REPORT_COVERAGE_N_COLUMNS);
  serah_coverage_foreach (cov, coverage_csv_row, csv);
  return serah_csv_save (csv, path, error);
}

/* The CSV of the list streams too: rows go to the temporary file in blocks, so a register
 * of a million never sits in memory as one string. */
typedef struct {
  GString *csv;
  FILE    *file;
  guint    n;
} CsvStream;

static gboolean
csv_flush (CsvStream *cs, const char *path, GError **error)
{
  if (cs->csv->len > 0 && fwrite (cs->csv->str, 1, cs->csv->len, cs->file) != cs->csv->len)
    {
      int saved = errno;
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (cs->csv, 0);
  return TRUE;
}

static gboolean
uncollected_csv_row (const SerahUncollectedRow *r, gpointer user_data, GError **error)
{
  CsvStream *cs = user_data;
  char no[16];
  const char *row[] = {
    no, r->kecamatan, r->desa, r->name, r->nik_masked, r->card_no, r->address, r->stack,
  };

  g_snprintf (no, sizeof no, "%u", ++cs->n);
  serah_csv_append_row (cs->csv, row, G_N_ELEMENTS (row));
  return cs->csv->len < 256 * 1024 || csv_flush (cs, "CSV", error);
}

static gboolean
write_uncollected_csv (SerahStore *store, gint64 ceremony_id, const char *path, GError **error)
{
  g_autoptr(SerahOutput) out = serah_output_begin (path, SERAH_OUTPUT_REPLACE, error);
  g_autoptr(GString) csv = serah_csv_new ();
  CsvStream cs = { csv, NULL, 0 };
  gboolean ok;

  if (out == NULL)
    return FALSE;
  cs.file = g_fopen (serah_output_get_temp_path (out), "wb");
  if (cs.file == NULL)
    {
      int saved = errno;
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  serah_csv_append_row (csv, serah_report_uncollected_columns,
                        SERAH_REPORT_UNCOLLECTED_N_COLUMNS);
  ok = serah_store_report_uncollected_foreach (store, ceremony_id, uncollected_csv_row, &cs,
                                               error) &&
       csv_flush (&cs, path, error);
  if (fclose (cs.file) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      ok = FALSE;
    }
  return ok && serah_output_commit (out, error);
}

static void
csv_title (GString *csv, const char *title)
{
  const char *row[] = { title };

  if (csv->len > 3)
    g_string_append (csv, "\r\n");
  serah_csv_append_row (csv, row, 1);
}

static gboolean
write_indicators_csv (SerahIndicators *ind, GPtrArray *outreach, const char *path,
                      GError **error)
{
  g_autoptr(GString) csv = serah_csv_new ();

  /* One file, one titled section per indicator, separated by an empty line. */
  csv_title (csv, "Peserta dimuat per impor");
  {
    const char *head[] = { "Tanggal", "Berkas", "Baris", "Baru", "Diperbarui", "Ditolak", "Total peserta" };
    serah_csv_append_row (csv, head, G_N_ELEMENTS (head));
  }
  for (guint i = 0; i < ind->imports->len; i++)
    {
      const SerahImportPoint *p = ind->imports->pdata[i];
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (p->at);
      g_autofree char *when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
      g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, p->rows);
      g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, p->imported);
      g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, p->updated);
      g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT, p->rejected);
      g_autofree char *e = g_strdup_printf ("%" G_GINT64_FORMAT, p->cumulative);
      const char *row[] = { when, p->file_name, a, b, c, d, e };
      serah_csv_append_row (csv, row, G_N_ELEMENTS (row));
    }

  csv_title (csv, "Kartu diserahkan per hari");
  {
    const char *head[] = { "Tanggal", "Sendiri", "Wakil", "Total" };
    serah_csv_append_row (csv, head, G_N_ELEMENTS (head));
  }
  for (guint i = 0; i < ind->daily->len; i++)
    {
      const SerahDailyHandovers *p = ind->daily->pdata[i];
      g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, p->to_self);
      g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, p->to_representative);
      g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, p->to_self + p->to_representative);
      const char *row[] = { p->date, a, b, c };
      serah_csv_append_row (csv, row, G_N_ELEMENTS (row));
    }

  csv_title (csv, "Penilaian testimoni");
  {
    const char *head[] = { "Nilai", "Jumlah" };
    serah_csv_append_row (csv, head, G_N_ELEMENTS (head));
  }
  for (int r = 1; r <= 5; r++)
    {
      g_autofree char *k = g_strdup_printf ("%d", r);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, ind->ratings[r]);
      const char *row[] = { k, v };
      serah_csv_append_row (csv, row, 2);
    }
  {
    g_autofree char *none = g_strdup_printf ("%" G_GINT64_FORMAT, ind->ratings[0]);
    g_autofree char *avg = g_strdup_printf ("%.2f", ind->rating_average);
    const char *row1[] = { "Tanpa nilai", none };
    const char *row2[] = { "Rata-rata", avg };
    serah_csv_append_row (csv, row1, 2);
    serah_csv_append_row (csv, row2, 2);
  }

  csv_title (csv, "Topik testimoni");
  {
    const char *head[] = { "Topik", "Jumlah" };
    serah_csv_append_row (csv, head, G_N_ELEMENTS (head));
  }
  for (guint i = 0; i < ind->tags->len; i++)
    {
      const SerahTagCount *t = ind->tags->pdata[i];
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, t->count);
      const char *row[] = { t->tag, v };
      serah_csv_append_row (csv, row, 2);
    }

  /* issue 15: the outreach sections, titled as the others (the section's title row, then
   * its column heads), from the rows the outreach domain writes on its own too. */
  for (guint i = 0; outreach != NULL && i < outreach->len; i++)
    {
      char **fields = outreach->pdata[i];
      guint n = g_strv_length (fields);

      if (n == 1 && fields[0][0] == '\0')
        continue;
      if (fields[0][0] != '\0')
        csv_title (csv, fields[0]);
      serah_csv_append_row (csv, (const char *const *) fields + 1, n - 1);
    }
  return serah_csv_save (csv, path, error);
}

/* ---- dispatch ---- */

static gboolean
audit_report (SerahStore *store, SerahReportKind kind, gint64 ceremony_id, const char *from,
              const char *to, SerahReportFormat format, const char *path,
              const char *operator_name, GError **error)
{
  static const char *const kinds[] = { "coverage", "uncollected", "indicators" };
  static const char *const formats[] = { "csv", "xlsx", "pdf" };
  g_autofree char *ceremony = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
  g_autofree char *details = serah_audit_details ("report", kinds[kind], "format", formats[format],
                                                  "ceremony", ceremony, "from", from, "to", to,
                                                  NULL);

  return serah_audit_record (store, operator_name, "export.report", path, details, error);
}

static gboolean
write_report (SerahStore *store, SerahReportKind kind, gint64 ceremony_id, const char *from,
              const char *to, SerahReportFormat format, const char *path,
              SerahFitReport *fit_report, GError **error)
{
  g_autoptr(SerahCoverage) cov = NULL;
  g_autoptr(SerahIndicators) ind = NULL;
  g_autoptr(SerahOutreachIndicators) outreach = NULL;
  g_autoptr(GPtrArray) outreach_rows = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *office = NULL;
  g_autofree char *scope = NULL;
  SerahReportDoc doc = { 0 };

  switch (kind)
    {
    case SERAH_REPORT_COVERAGE:
      if ((cov = serah_report_coverage (store, ceremony_id, error)) == NULL)
        return FALSE;
      break;
    case SERAH_REPORT_UNCOLLECTED:
      /* Not held: the writers walk the list from the store (a register of a million). The
       * scope's title also checks that the ceremony exists. */
      if ((scope = serah_report_scope_title (store, ceremony_id, error)) == NULL)
        return FALSE;
      break;
    case SERAH_REPORT_INDICATORS:
      /* issue 15: the outreach indicators of the period beside the card's */
      if ((ind = serah_report_indicators (store, ceremony_id, error)) == NULL ||
          (outreach = serah_outreach_indicators_read (store, from, to, now, error)) == NULL ||
          (outreach_rows = serah_outreach_indicators_rows (store, from, to, now, error)) == NULL)
        return FALSE;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (format == SERAH_REPORT_FORMAT_CSV)
    {
      switch (kind)
        {
        case SERAH_REPORT_COVERAGE:
          return write_coverage_csv (cov, path, error);
        case SERAH_REPORT_UNCOLLECTED:
          return write_uncollected_csv (store, ceremony_id, path, error);
        default:
          return write_indicators_csv (ind, outreach_rows, path, error);
        }
    }

  office = serah_store_get_setting (store, "office-name");
  doc.office = office ? office : "Dinas Kesehatan";
  doc.scope = cov ? cov->title : ind ? ind->title : scope;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *made = g_date_time_format (now, "%Y-%m-%d %H:%M");

    doc.made = made;
    doc.coverage = cov;
    if (kind == SERAH_REPORT_UNCOLLECTED)
      {
        doc.uncollected_store = store;
        doc.ceremony_id = ceremony_id;
      }
    doc.indicators = ind;
    doc.fit_report = fit_report;
    doc.outreach = outreach;
    doc.outreach_rows = outreach_rows;
    if (format == SERAH_REPORT_FORMAT_XLSX)
      return serah_report_write_xlsx (&doc, path, error);
    return serah_report_write_pdf (&doc, path, error);
  }
}

gboolean
serah_report_write (SerahStore *store, SerahReportKind kind, gint64 ceremony_id,
                    SerahReportFormat format, const char *path, const char *operator_name,
                    GError **error)
{
  return serah_report_write_full (store, kind, ceremony_id, format, path, operator_name, NULL,
                                  error);
}

gboolean
serah_report_write_full (SerahStore *store, SerahReportKind kind, gint64 ceremony_id,
                         SerahReportFormat format, const char *path, const char *operator_name,
                         SerahFitReport *fit_report, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The uncollected list carries names and card numbers: who took it out is recorded. */
  return write_report (store, kind, ceremony_id, NULL, NULL, format, path, fit_report, error) &&
         audit_report (store, kind, ceremony_id, NULL, NULL, format, path, operator_name, error);
}

gboolean
serah_report_write_indicators (SerahStore *store, gint64 ceremony_id, const char *from,
                               const char *to, SerahReportFormat format, const char *path,
                               const char *operator_name, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_report (store, SERAH_REPORT_INDICATORS, ceremony_id, from, to, format, path,
                       NULL, error) &&
         audit_report (store, SERAH_REPORT_INDICATORS, ceremony_id, from, to, format, path,
                       operator_name, error);
}
