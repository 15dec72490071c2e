/* serah-import-sheet.c: participant lists as offices hold them, XLSX (Excel) and ODS
 * (LibreOffice), read directly in the import's reader thread and handed row by row to the
 * same checks as CSV (serah_import_take_record): same problem codes, the line is the
 * spreadsheet's row number, the column its letter.
 *
 * Why these libraries: both formats are ZIP containers of XML. libgsf (GNOME's structured
 * file library, what Gnumeric reads them with; libgsf-1 in Debian 12) gives every ZIP member
 * as a GsfInput that inflates as it is read, and libxml2's xmlTextReader (a pull parser)
 * walks the XML one node at a time without building a tree. So a sheet of a million rows
 * goes through in the memory of one row; only XLSX's shared-string table is held whole,
 * because cells point into it by index (it holds each distinct text once). Entities are
 * not expanded and the network is never used (XML_PARSE_NONET).
 *
 * Sheet choice: the sheet named by options->sheet, else the first visible sheet one of whose
 * first ten non-empty rows names known columns (rows above it are title lines; merged title
 * cells keep their text in the first cell). Numbers are written as the spreadsheet shows
 * them in a General column (3601124502850002 -> 3.60112E+15, so a NIK stored as a number is
 * the nik-scientific damage, as in a CSV the same sheet would export); date cells become
 * ISO dates (1900 and 1904 date systems); hidden rows are read with a warning. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"

static void
sheet_info_free (SheetInfo *info)
{
  g_free (info->name);
  g_free (info->member);
  g_free (info);
}

GsfInput *
sheet_open_member (GsfInfile *zip, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  return gsf_infile_child_by_aname (zip, (const char **) parts);
}

static int
gsf_read_cb (void *context, char *buffer, int len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  int n = (int) MIN ((gsf_off_t) len, left);

  if (n <= 0)
    return 0;
  return gsf_input_read (input, n, (guint8 *) buffer) != NULL ? n : -1;
}

static int
gsf_close_cb (void *context)
{
  return 0;
}

/* A pull parser over a member; NULL when the member is absent. The reader does not own
 * the input: the caller keeps it alive until xmlFreeTextReader. */
xmlTextReaderPtr
sheet_reader_for (GsfInput *input)
{
  /* NOERROR, NOWARNING: libxml2 would print a damaged member's parse errors on the
   * terminal of whoever runs Serah; the readers report a damaged file themselves. */
  return xmlReaderForIO (gsf_read_cb, gsf_close_cb, input, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                         XML_PARSE_NOWARNING);
}

gboolean
sheet_is_element (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

gboolean
sheet_is_end (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

char *
sheet_attr (xmlTextReaderPtr r, const char *name, const char *ns)
{
  xmlChar *value = ns ? xmlTextReaderGetAttributeNs (r, BAD_CAST name, BAD_CAST ns)
                      : xmlTextReaderGetAttribute (r, BAD_CAST name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* ---- the row being read: ctx->cells, as the CSV parser fills them ---- */

GString *
sheet_cell_at (Sheets *s, guint index)
{
  SerahImportContext *ctx = s->ctx;

  while (ctx->cells->len <= index)
    g_ptr_array_add (ctx->cells, g_string_sized_new (32));
  /* Cells skipped between the last one and this one are empty. */
  for (guint i = s->n_cells; i <= index; i++)
    g_string_truncate (ctx->cells->pdata[i], 0);
  if (index + 1 > s->n_cells)
    s->n_cells = index + 1;
  return ctx->cells->pdata[index];
}

/* As a General column shows a number: integers up to 11 digits in full, larger ones and
 * fractions in six significant digits (3.60112E+15), as Excel and LibreOffice do. */
static void
format_number (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_truncate (out, 0);
  if (!isfinite (value))
    return;
  if (value == floor (value) && fabs (value) < 1e11)
    g_string_printf (out, "%.0f", value);
  else if (fabs (value) >= 1e11 || fabs (value) < 1e-4)
    {
      g_ascii_formatd (buf, sizeof buf, "%.5E", value);
      g_string_assign (out, buf);
      /* 3.60112E+15 as the spreadsheet writes it: no trailing zeros in the mantissa. */
      {
        char *e = strchr (out->str, 'E');
        gsize at = (gsize) (e - out->str), end = at;
        while (end > 0 && out->str[end - 1] == '0')
          end--;
        if (end > 0 && out->str[end - 1] == '.')
          end--;
        g_string_erase (out, (gssize) end, (gssize) (at - end));
      }
    }
  else
    {
      g_ascii_formatd (buf, sizeof buf, "%.10g", value);
      g_string_assign (out, buf);
    }
}

/* A serial day number as yyyy-mm-dd (1900 system: day 60 is Lotus' 1900-02-29, so days
 * from 61 on count from 1899-12-30; 1904 system: day 0 is 1904-01-01). */
static gboolean
serial_to_iso (double serial, gboolean date1904, GString *out)
{
  g_autoptr(GDate) date = NULL;
  guint days;

  if (!isfinite (serial) || serial < 1 || serial > 2958465)
    return FALSE;
  days = (guint) floor (serial);
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days >= 61)
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);
  g_string_printf (out, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                   g_date_get_day (date));
  return TRUE;
}

/* A numeric cell's text. A date cell becomes ISO; a bare number in the birth-date column of
 * a 1904 workbook is moved to the 1900 system that the date rules read day numbers in. */
void
sheet_set_number (Sheets *s, GString *cell, guint column, const char *text, gboolean is_date)
{
  double value = g_ascii_strtod (text, NULL);
  SerahImportContext *ctx = s->ctx;

  if (is_date && serial_to_iso (value, s->date1904, cell))
    return;
  if (s->date1904 && ctx->have_header &&
      (int) column == ctx->column[SERAH_FIELD_BIRTH_DATE] && value == floor (value))
    value += 1462;
  format_number (cell, value);
}

void
sheet_report_progress (Sheets *s, gsf_off_t position)
{
  SerahImportContext *ctx = s->ctx;

  if (ctx->total > 0 && s->member_size > 0)
    ctx->done = (goffset) ((double) ctx->total * (double) position / (double) s->member_size);
  if (ctx->options != NULL && ctx->options->progress != NULL)
    ctx->options->progress (ctx->done, ctx->total, ctx->options->progress_data);
}

/* Called per row by both formats; FALSE stops the sheet. */
gboolean
sheet_row_done (Sheets *s, gint64 row, gboolean hidden, GsfInput *input)
{
  gboolean go = s->on_row (s, row, hidden);

  if (++s->rows_done % CHECK_EVERY == 0)
    {
      if (g_cancellable_is_cancelled (s->ctx->cancellable) && s->ctx->reader_error == NULL)
        g_set_error (&s->ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                     _("The import of “%s” was cancelled; nothing was changed."),
                     s->ctx->name);
      sheet_report_progress (s, gsf_input_tell (input));
    }
  return go && s->ctx->reader_error == NULL && !g_atomic_int_get (&s->ctx->stop);
}

gboolean
sheet_row_is_blank (Sheets *s)
{
  for (guint i = 0; i < s->n_cells; i++)
    {
      GString *cell = s->ctx->cells->pdata[i];
      for (gsize j = 0; j < cell->len; j++)
        if (!g_ascii_isspace (cell->str[j]))
          return FALSE;
    }
  return TRUE;
}

/* ---- choosing the sheet and reading it ---- */

static gboolean
find_header_row (Sheets *s, gint64 row, gboolean hidden)
{
  g_autoptr(GPtrArray) cells = NULL;
  guint score;

  if (sheet_row_is_blank (s))
    return TRUE;
  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < s->n_cells; i++)
    g_ptr_array_add (cells, g_strdup (((GString *) s->ctx->cells->pdata[i])->str));
  g_ptr_array_add (cells, NULL);
  score = serah_import_header_score ((char **) cells->pdata, s->ctx->mappings);
  if (score > s->best_score)
    {
      s->best_score = score;
      s->best_row = row;
      s->best_index = (int) s->seen_rows;
    }
  return ++s->seen_rows < SERAH_IMPORT_HEADER_SEARCH;
}

static gboolean
take_row (Sheets *s, gint64 row, gboolean hidden)
{
  SerahImportContext *ctx = s->ctx;

  if (sheet_row_is_blank (s))
    return TRUE;
  ctx->n_cells = MIN (s->n_cells, SERAH_IMPORT_MAX_CELLS);
  ctx->record_line = row;
  if (hidden && ctx->have_header)
    serah_import_add_problem (ctx, row, -1, "hidden-row", SERAH_IMPORT_SEVERITY_WARNING, NULL,
                              _("This row is hidden in the spreadsheet; it was read like the "
                                "others. Check that it belongs in the list."));
  serah_import_take_record (ctx);
  ctx->n_cells = 0;
  return ctx->reader_error == NULL;
}

static void
read_sheet (Sheets *s, const SheetInfo *info, RowFunc func)
{
  s->on_row = func;
  s->stop = FALSE;
  if (s->ods)
    sheet_ods_read (s, info->index);
  else
    sheet_xlsx_read (s, info);
}

static char *
sheet_names (Sheets *s)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < s->sheets->len; i++)
    {
      SheetInfo *info = s->sheets->pdata[i];
      g_string_append_printf (list, "%s“%s”%s", list->len ? ", " : "", info->name,
                              info->hidden ? _(" (hidden)") : "");
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The sheet to import and its header's index among the non-empty rows; NULL with
 * ctx->reader_error set when there is none. */
static const SheetInfo *
choose_sheet (Sheets *s)
{
  SerahImportContext *ctx = s->ctx;
  const char *wanted = ctx->options ? ctx->options->sheet : NULL;

  for (guint i = 0; i < s->sheets->len; i++)
    {
      SheetInfo *info = s->sheets->pdata[i];

      if (wanted != NULL ? strcmp (info->name ? info->name : "", wanted) != 0 : info->hidden)
        continue;
      s->seen_rows = 0;
      s->best_score = 0;
      s->best_index = 0;
      read_sheet (s, info, find_header_row);
      if (ctx->reader_error != NULL)
        return NULL;
      if (s->best_score > 0 || wanted != NULL)
        {
          ctx->header_index = s->best_index;
          return info;
        }
    }
  if (wanted != NULL)
    {
      g_autofree char *names = sheet_names (s);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NO_SHEET,
                   _("“%s” has no sheet named “%s”. Its sheets: %s."), ctx->name, wanted,
                   names);
    }
  else
    {
      g_autofree char *names = sheet_names (s);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("No sheet of “%s” has a header row: none of the first rows of its visible "
                     "sheets names a known column (such as NIK, NO_KARTU, NAMA). Its sheets: "
                     "%s. Add a row of column names, or choose the sheet and map the columns."),
                   ctx->name, *names ? names : _("none"));
    }
  return NULL;
}

/* Hashes the whole file for the import record (the ZIP is read by libgsf separately). */
static gboolean
hash_file (SerahImportContext *ctx)
{
  gboolean eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
  g_autoptr(GError) local_error = NULL;

  while (!eof)
    {
      if (!g_input_stream_read_all (ctx->stream, ctx->block, SERAH_IMPORT_BLOCK_SIZE,
                                    &ctx->block_len, ctx->cancellable, &local_error))
        {
          g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR,
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                         ? SERAH_IMPORT_ERROR_CANCELLED : SERAH_IMPORT_ERROR_UNREADABLE,
                       _("Cannot read “%s”: %s"), ctx->name, local_error->message);
          return FALSE;
        }
      serah_import_hash_update (ctx->checksum, ctx->block, ctx->block_len);
      eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
    }
  return TRUE;
}

static gboolean
open_container (Sheets *s, GsfInput **file_out)
{
  SerahImportContext *ctx = s->ctx;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahGsfInput) mimetype = NULL;
  g_autoptr(SerahGsfInput) workbook = NULL;
  GsfInput *file = gsf_input_stdio_new (ctx->path, &local_error);

  if (file != NULL)
    s->zip = gsf_infile_zip_new (file, &local_error);
  *file_out = file;
  if (s->zip == NULL)
    {
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a damaged or unknown ZIP file, not a spreadsheet Serah can read "
                     "(%s). Open it in the spreadsheet program and save it as .xlsx or .ods "
                     "again."),
                   ctx->name, local_error ? local_error->message : "?");
      return FALSE;
    }
  mimetype = gsf_infile_child_by_name (s->zip, "mimetype");
  if (mimetype != NULL)
    {
      gsf_off_t size = MIN (gsf_input_size (mimetype), 200);
      const guint8 *data = gsf_input_read (mimetype, size, NULL);
      s->ods = data != NULL && size >= 46 &&
               memcmp (data, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0;
    }
  workbook = sheet_open_member (s->zip, "xl/workbook.xml");
  if (!s->ods && workbook == NULL)
    {
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a ZIP file but neither an Excel (.xlsx) nor an OpenDocument "
                     "(.ods) spreadsheet. Save the list as one of those, or as CSV."),
                   ctx->name);
      return FALSE;
    }
  return TRUE;
}

gpointer
serah_import_sheet_reader_main (gpointer data)
{
  SerahImportContext *ctx = data;
  Sheets s = { 0 };
  GsfInput *file = NULL;
  const SheetInfo *chosen;

  ctx->batch = serah_import_batch_new ();
  s.ctx = ctx;
  s.sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_info_free);
  s.strings = g_ptr_array_new ();
  s.chunk = g_string_chunk_new (64 * 1024);
  s.date_xf = g_array_new (FALSE, FALSE, sizeof (gboolean));
  s.hidden_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.scratch = g_string_sized_new (64);

  if (hash_file (ctx) && open_container (&s, &file))
    {
      ctx->sheet_ods = s.ods;
      if (s.ods)
        sheet_ods_read (&s, -1);
      else
        {
          sheet_xlsx_load_workbook (&s);
          sheet_xlsx_load_styles (&s);
          sheet_xlsx_load_shared_strings (&s);
        }
      chosen = choose_sheet (&s);
      if (chosen != NULL)
        {
          ctx->sheet = g_strdup (chosen->name);
          ctx->n_records = 0;
          read_sheet (&s, chosen, take_row);
          sheet_report_progress (&s, s.member_size);
        }
    }
  if (ctx->reader_error == NULL && !ctx->have_header && !g_atomic_int_get (&ctx->stop))
    g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                 _("“%s” has no header row: none of its first lines names a known column "
                   "(such as NIK, NO_KARTU, NAMA)."),
                 ctx->name);

  g_clear_object (&s.zip);
  g_clear_object (&file);
  g_ptr_array_unref (s.sheets);
  g_ptr_array_unref (s.strings);
  g_string_chunk_free (s.chunk);
  g_array_unref (s.date_xf);
  g_hash_table_unref (s.hidden_styles);
  g_string_free (s.scratch, TRUE);

  ctx->sha256 = serah_import_hash_finish (ctx->checksum);
  serah_import_queue_batch (ctx, TRUE);
  return NULL;
}
