/* serah-report-xlsx.c: the reports as Excel workbooks (libxlsxwriter).
 *
 * Spreadsheets are where NIKs and card numbers get damaged: typed as numbers, a 16-digit NIK
 * loses its last digit to floating point and a card number its leading zeros. So identifiers
 * are written with worksheet_write_string in a column formatted as text ("@"), counts as
 * numbers, percentages as fractions with a % format. The header row is bold and frozen, and
 * the scope and date go into the document properties, not above the header, so filters and
 * pivot tables work on the sheet as it is.
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <string.h>

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>
#include <serah/output/serah-output.h>

#include "reports/serah-report-private.h"
#include "reports/serah-store-report-private.h"

typedef struct {
  lxw_workbook *wb;
  lxw_format   *header;
  lxw_format   *text;
  lxw_format   *number;
  lxw_format   *percent;
  lxw_format   *bold_text;
  lxw_format   *bold_number;
  lxw_format   *bold_percent;
  lxw_format   *decimal;
} Xlsx;

static lxw_format *
make_format (lxw_workbook *wb, gboolean bold, const char *num_format)
{
  lxw_format *f = workbook_add_format (wb);

  if (bold)
    format_set_bold (f);
  if (num_format != NULL)
    format_set_num_format (f, num_format);
  return f;
}

static void
init_formats (Xlsx *x)
{
  x->header = make_format (x->wb, TRUE, "@");
  format_set_bg_color (x->header, 0xDCEFE4);
  format_set_bottom (x->header, LXW_BORDER_THIN);
  format_set_text_wrap (x->header);
  format_set_align (x->header, LXW_ALIGN_VERTICAL_CENTER);
  x->text = make_format (x->wb, FALSE, "@");
  x->number = make_format (x->wb, FALSE, "#,##0");
  x->percent = make_format (x->wb, FALSE, "0.0%");
  x->bold_text = make_format (x->wb, TRUE, "@");
  x->bold_number = make_format (x->wb, TRUE, "#,##0");
  x->bold_percent = make_format (x->wb, TRUE, "0.0%");
  x->decimal = make_format (x->wb, FALSE, "0.00");
}

/* text_columns: bit c set = column c formatted as text as a whole, so a number typed into
 * it later stays text too. One worksheet_set_column per column: overlapping ranges make
 * Excel "repair" the file. */
static lxw_worksheet *
add_sheet (Xlsx *x, const char *name, const char *const *columns, const double *widths, guint n,
           guint32 text_columns)
{
  lxw_worksheet *ws = workbook_add_worksheet (x->wb, name);

  for (guint c = 0; c < n; c++)
    {
      worksheet_write_string (ws, 0, c, columns[c], x->header);
      worksheet_set_column (ws, c, c, widths[c], (text_columns & (1u << c)) ? x->text : NULL);
    }
  worksheet_set_row (ws, 0, 30, NULL);
  worksheet_freeze_panes (ws, 1, 0);
  return ws;
}

/* Text cells: always strings, in a text-formatted cell, also when they look like numbers. */
static void
put_text (Xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, gboolean bold)
{
  worksheet_write_string (ws, r, c, s ? s : "", bold ? x->bold_text : x->text);
}

static void
put_number (Xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v, gboolean bold)
{
  worksheet_write_number (ws, r, c, v, bold ? x->bold_number : x->number);
}

typedef struct {
  Xlsx          *x;
  lxw_worksheet *ws;
  lxw_row_t      r;
} SheetCursor;

static void
coverage_row (const SerahCoverageRow *row, SerahCoverageLevel level, gboolean first,
              gpointer user_data)
{
  SheetCursor *c = user_data;
  Xlsx *x = c->x;
  gboolean bold = level != SERAH_COVERAGE_DESA;
  g_autofree char *label = level == SERAH_COVERAGE_KECAMATAN
                             ? g_strdup_printf ("Jumlah Kec. %s", row->kecamatan) : NULL;
  const double n[] = {
    row->participants, row->printed, row->invited, row->to_self, row->to_representative,
    serah_coverage_row_handed_over (row), row->not_collected,
  };

  put_text (x, c->ws, c->r, 0, level == SERAH_COVERAGE_TOTAL ? "Total" : row->kecamatan, bold);
  put_text (x, c->ws, c->r, 1, level == SERAH_COVERAGE_DESA ? row->desa : label, bold);
  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    put_number (x, c->ws, c->r, 2 + i, n[i], bold);
  worksheet_write_number (c->ws, c->r, 9, serah_coverage_row_fraction (row),
                          bold ? x->bold_percent : x->percent);
  c->r++;
}

static void
stacked_chart (Xlsx *x, lxw_worksheet *ws, const char *sheet, const char *title, guint n_rows,
               const lxw_col_t *value_cols, const char *const *names, const guint32 *colours,
               guint n_series, uint8_t type, lxw_row_t at_row, lxw_col_t at_col)
{
  lxw_chart *chart;

  if (n_rows == 0)
    return;
  chart = workbook_add_chart (x->wb, type);
  for (guint s = 0; s < n_series; s++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_fill fill = { .color = colours[s] };

      chart_series_set_categories (series, sheet, 1, 0, n_rows, 0);
      chart_series_set_values (series, sheet, 1, value_cols[s], n_rows, value_cols[s]);
      chart_series_set_name (series, names[s]);
      chart_series_set_fill (series, &fill);
    }
  chart_title_set_name (chart, title);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart (ws, at_row, at_col, chart);
}

static void
write_coverage (Xlsx *x, const SerahCoverage *cov)
{
  static const double widths[] = { 18, 20, 10, 10, 10, 12, 12, 12, 12, 11 };
  static const char *const names[] = { "Diserahkan (sendiri)", "Diserahkan (wakil)", "Belum diambil" };
  static const guint32 colours[] = { 0x0B7A4B, 0x5CC08A, 0xF2A93B };
  static const lxw_col_t value_cols[] = { 5, 6, 8 };
  lxw_worksheet *ws = add_sheet (x, "Cakupan", serah_report_coverage_columns, widths,
                                 SERAH_REPORT_COVERAGE_N_COLUMNS, 0);
  SheetCursor cursor = { x, ws, 1 };
  SheetCursor per_kec = { x, NULL, 1 };

  serah_coverage_foreach (cov, coverage_row, &cursor);
  worksheet_autofilter (ws, 0, 0, cursor.r - 2, SERAH_REPORT_COVERAGE_N_COLUMNS - 1);

  /* The kecamatan subtotals once more, contiguous, for the chart beside them. */
  per_kec.ws = add_sheet (x, "Per kecamatan", serah_report_coverage_columns, widths,
                          SERAH_REPORT_COVERAGE_N_COLUMNS, 0);
  for (guint k = 0; k < cov->kecamatan->len; k++)
    coverage_row (cov->kecamatan->pdata[k], SERAH_COVERAGE_DESA, FALSE, &per_kec);
  stacked_chart (x, per_kec.ws, "Per kecamatan", "Kartu diserahkan per kecamatan",
                 cov->kecamatan->len, value_cols, names, colours, 3, LXW_CHART_BAR_STACKED,
                 cov->kecamatan->len + 3, 0);
}

static gboolean
uncollected_row (const SerahUncollectedRow *u, gpointer user_data, GError **error)
{
  SheetCursor *c = user_data;
  Xlsx *x = c->x;
  lxw_row_t r = c->r++;

  put_number (x, c->ws, r, 0, r, FALSE);
  put_text (x, c->ws, r, 1, u->kecamatan, FALSE);
  put_text (x, c->ws, r, 2, u->desa, FALSE);
  put_text (x, c->ws, r, 3, u->name, FALSE);
  put_text (x, c->ws, r, 4, u->nik_masked, FALSE);
  put_text (x, c->ws, r, 5, u->card_no, FALSE);
  put_text (x, c->ws, r, 6, u->address, FALSE);
  put_text (x, c->ws, r, 7, u->stack, FALSE);
  return TRUE;
}

/* Rows come from the store one at a time and libxlsxwriter's constant-memory mode writes
 * each finished row of the sheet's XML out to its temporary file: memory stays flat
 * whatever the length of the list. */
static gboolean
write_uncollected (Xlsx *x, SerahStore *store, gint64 ceremony_id, GError **error)
{
  static const double widths[] = { 6, 18, 18, 28, 20, 16, 34, 16 };
  /* The NIK and card number columns (E, F) are text as a whole. */
  lxw_worksheet *ws = add_sheet (x, "Belum diambil", serah_report_uncollected_columns, widths,
                                 SERAH_REPORT_UNCOLLECTED_N_COLUMNS, (1u << 4) | (1u << 5));
  SheetCursor cursor = { x, ws, 1 };

  if (!serah_store_report_uncollected_foreach (store, ceremony_id, uncollected_row, &cursor,
                                               error))
    return FALSE;
  worksheet_autofilter (ws, 0, 0, MAX (cursor.r - 1, 1), SERAH_REPORT_UNCOLLECTED_N_COLUMNS - 1);
  return TRUE;
}

static void
write_indicators (Xlsx *x, const SerahIndicators *ind)
{
  static const char *const import_cols[] = { "Tanggal", "Berkas", "Baris", "Baru", "Diperbarui", "Ditolak", "Total peserta" };
  static const double import_w[] = { 17, 30, 9, 9, 11, 9, 13 };
  static const char *const daily_cols[] = { "Tanggal", "Sendiri", "Wakil", "Total" };
  static const double daily_w[] = { 12, 10, 10, 10 };
  static const char *const rating_cols[] = { "Nilai", "Jumlah" };
  static const double rating_w[] = { 14, 10 };
  static const char *const tag_cols[] = { "Topik", "Jumlah" };
  static const double tag_w[] = { 22, 10 };
  lxw_format *when = make_format (x->wb, FALSE, "yyyy-mm-dd hh:mm");
  lxw_worksheet *ws;

  ws = add_sheet (x, "Impor", import_cols, import_w, G_N_ELEMENTS (import_cols), 0);
  for (guint i = 0; i < ind->imports->len; i++)
    {
      const SerahImportPoint *p = ind->imports->pdata[i];
      /* Excel serial date in local time: days since 1899-12-30. */
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (p->at);
      double serial = (p->at + g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC) / 86400.0 + 25569.0;

      worksheet_write_number (ws, i + 1, 0, serial, when);
      put_text (x, ws, i + 1, 1, p->file_name, FALSE);
      put_number (x, ws, i + 1, 2, p->rows, FALSE);
      put_number (x, ws, i + 1, 3, p->imported, FALSE);
      put_number (x, ws, i + 1, 4, p->updated, FALSE);
      put_number (x, ws, i + 1, 5, p->rejected, FALSE);
      put_number (x, ws, i + 1, 6, p->cumulative, FALSE);
    }

  ws = add_sheet (x, "Serah terima per hari", daily_cols, daily_w, G_N_ELEMENTS (daily_cols), 0);
  for (guint i = 0; i < ind->daily->len; i++)
    {
      const SerahDailyHandovers *p = ind->daily->pdata[i];
      put_text (x, ws, i + 1, 0, p->date, FALSE);
      put_number (x, ws, i + 1, 1, p->to_self, FALSE);
      put_number (x, ws, i + 1, 2, p->to_representative, FALSE);
      put_number (x, ws, i + 1, 3, p->to_self + p->to_representative, FALSE);
    }
  {
    static const char *const names[] = { "Sendiri", "Wakil" };
    static const guint32 colours[] = { 0x0B7A4B, 0x5CC08A };
    static const lxw_col_t cols[] = { 1, 2 };
    stacked_chart (x, ws, "Serah terima per hari", "Kartu diserahkan per hari", ind->daily->len,
                   cols, names, colours, 2, LXW_CHART_COLUMN_STACKED, 1, 5);
  }

  ws = add_sheet (x, "Penilaian", rating_cols, rating_w, G_N_ELEMENTS (rating_cols), 0);
  for (int r = 1; r <= 5; r++)
    {
      put_number (x, ws, r, 0, r, FALSE);
      put_number (x, ws, r, 1, ind->ratings[r], FALSE);
    }
  put_text (x, ws, 6, 0, "Tanpa nilai", FALSE);
  put_number (x, ws, 6, 1, ind->ratings[0], FALSE);
  put_text (x, ws, 7, 0, "Rata-rata", TRUE);
  worksheet_write_number (ws, 7, 1, ind->rating_average, x->decimal);
  {
    static const char *const names[] = { "Jumlah testimoni" };
    static const guint32 colours[] = { 0xF5B21F };
    static const lxw_col_t cols[] = { 1 };
    stacked_chart (x, ws, "Penilaian", "Penilaian kepuasan", 5, cols, names, colours, 1,
                   LXW_CHART_COLUMN, 1, 3);
  }

  ws = add_sheet (x, "Topik", tag_cols, tag_w, G_N_ELEMENTS (tag_cols), 0);
  for (guint i = 0; i < ind->tags->len; i++)
    {
      const SerahTagCount *t = ind->tags->pdata[i];
      put_text (x, ws, i + 1, 0, t->tag, FALSE);
      put_number (x, ws, i + 1, 1, t->count, FALSE);
    }
}

/* issue 15: the outreach sections, one worksheet each (the section's title names it), from
 * the rows the outreach domain writes; plain decimals go in as numbers. */
static void
write_outreach_rows (Xlsx *x, GPtrArray *rows)
{
  lxw_worksheet *ws = NULL;
  lxw_row_t r = 0;
  guint sheet = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      char **fields = rows->pdata[i];
      guint n = g_strv_length (fields);

      if (n == 1 && fields[0][0] == '\0')
        continue;
      if (fields[0][0] != '\0')
        {
          /* Worksheet names: at most 31 characters, unique within the workbook. */
          g_autofree char *title = g_utf8_substring (fields[0], 0, MIN (g_utf8_strlen (fields[0], -1), 26));
          g_autofree char *name = g_strdup_printf ("%s %u", title, ++sheet);
          double widths[8];

          for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
            widths[c] = c < 2 ? 22 : 14;
          ws = add_sheet (x, name, (const char *const *) fields + 1, widths, MIN (n - 1, 8), 0);
          r = 1;
          continue;
        }
      if (ws == NULL)
        continue;
      for (guint c = 1; c < n; c++)
        {
          char *end = NULL;
          double v = g_ascii_strtod (fields[c], &end);

          if (fields[c][0] != '\0' && end != NULL && *end == '\0' && strchr (fields[c], '-') == NULL)
            worksheet_write_number (ws, r, (lxw_col_t) (c - 1), v, NULL);
          else
            put_text (x, ws, r, (lxw_col_t) (c - 1), fields[c], FALSE);
        }
      r++;
    }
}

gboolean
serah_report_write_xlsx (const SerahReportDoc *doc, const char *path, GError **error)
{
  g_autoptr(SerahOutput) out = serah_output_begin (path, SERAH_OUTPUT_REPLACE, error);
  const char *tmp = out ? serah_output_get_temp_path (out) : NULL;
  g_autofree char *tmpdir = tmp ? g_path_get_dirname (tmp) : NULL;
  /* The not-yet-collected list can hold a whole register: constant-memory mode streams its
   * rows to a temporary file (strings then go inline, still typed as text) so memory stays
   * flat; the other reports are small and keep shared strings. */
  lxw_workbook_options options = { .constant_memory = doc->uncollected_store != NULL,
                                   .tmpdir = tmpdir };
  lxw_doc_properties props = { 0 };
  g_autofree char *comments = g_strdup_printf ("Dibuat %s oleh Serah", doc->made);
  Xlsx x = { 0 };
  lxw_error err;

  if (out == NULL)
    return FALSE;
  /* Written under a temporary name and renamed: no half workbook under the real name. */
  x.wb = workbook_new_opt (tmp, &options);
  if (x.wb == NULL)
    {
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED,
                   _("Cannot create the workbook “%s”."), path);
      return FALSE;
    }
  init_formats (&x);
  props.title = (char *) (doc->coverage ? "Cakupan penyerahan kartu JKN-KIS"
                          : doc->uncollected_store ? "Kartu JKN-KIS yang belum diambil"
                          : "Indikator pemantauan");
  props.subject = (char *) doc->scope;
  props.company = (char *) doc->office;
  props.comments = comments;
  workbook_set_properties (x.wb, &props);

  if (doc->coverage != NULL)
    write_coverage (&x, doc->coverage);
  else if (doc->uncollected_store != NULL &&
           !write_uncollected (&x, doc->uncollected_store, doc->ceremony_id, error))
    {
      /* The half workbook is closed into its temporary, which the output then removes. */
      workbook_close (x.wb);
      return FALSE;
    }
  else if (doc->indicators != NULL)
    {
      write_indicators (&x, doc->indicators);
      write_outreach_rows (&x, doc->outreach_rows);
    }

  err = workbook_close (x.wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED,
                   _("Cannot write the workbook “%s”: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return serah_output_commit (out, error);
}
