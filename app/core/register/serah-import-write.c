/* serah-import-write.c: the CSV that Serah writes: the reject report of an import and the
 * administrator's export of the participant list (which the importer reads back unchanged).
 */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <serah/output/serah-output.h>

#include "register/serah-import-private.h"
#include <serah/admin/serah-audit.h>
#include "register/serah-store-participants-private.h"

#define UTF8_BOM "\xef\xbb\xbf"

static void
append_record (GString *out, const char *const *cells, guint n, char sep)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, sep);
      serah_csv_append_field (out, cells[i], sep);
    }
  g_string_append (out, "\r\n");
}

void
serah_import_append_reject_records (GString *out, SerahImportProblem *const *problems, guint n,
                                    char sep, gint64 *n_rows)
{
  /* Problems are in line order: one record per line that has errors. */
  for (guint i = 0; i < n;)
    {
      const SerahImportProblem *first = problems[i];
      g_autoptr(GString) codes = g_string_new (NULL);
      g_autoptr(GString) reasons = g_string_new (NULL);
      g_autoptr(GPtrArray) record = g_ptr_array_new ();
      g_autofree char *line = NULL;
      char *const *row = NULL;
      guint j;

      for (j = i; j < n; j++)
        {
          const SerahImportProblem *p = problems[j];

          if (p->line != first->line)
            break;
          if (p->severity != SERAH_IMPORT_SEVERITY_ERROR || p->line <= 0)
            continue;
          g_string_append_printf (codes, "%s%s", codes->len ? " " : "", p->code);
          if (p->column != NULL)
            g_string_append_printf (reasons, "%s%s: %s", reasons->len ? " | " : "", p->column,
                                    p->message);
          else
            g_string_append_printf (reasons, "%s%s", reasons->len ? " | " : "", p->message);
          if (row == NULL)
            row = p->row;
        }
      i = j;
      if (codes->len == 0)
        continue;
      line = g_strdup_printf ("%" G_GINT64_FORMAT, first->line);
      g_ptr_array_add (record, line);
      g_ptr_array_add (record, codes->str);
      g_ptr_array_add (record, reasons->str);
      for (guint c = 0; row != NULL && row[c] != NULL; c++)
        g_ptr_array_add (record, row[c]);
      append_record (out, (const char *const *) record->pdata, record->len, sep);
      (*n_rows)++;
    }
}

/* The rejects file's title and header lines. */
static GString *
rejects_head (const SerahImportReport *report)
{
  GString *out = g_string_new (UTF8_BOM);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree char *title = NULL;
  guint n_columns = report->columns ? report->columns->len : 0;
  char sep = report->separator ? report->separator : ',';

  /* The separator of the imported file is the one the user's spreadsheet writes, and so
   * the one it splits on when the report is double-clicked (';' where ',' is the decimal
   * mark, as in Indonesia). */
  title = g_strdup_printf (_("ADMINISTRATOR’S FILE, full NIKs, keep it safe: the rows of "
                             "“%s” that were not imported. Correct them and import this file "
                             "again."),
                           report->counts.file_name ? report->counts.file_name : "");
  append_record (out, (const char *const *) &title, 1, sep);
  g_ptr_array_add (header, _("line"));
  g_ptr_array_add (header, _("code"));
  g_ptr_array_add (header, _("reason"));
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (header, ((SerahImportColumn *) report->columns->pdata[i])->header);
  append_record (out, (const char *const *) header->pdata, header->len, sep);
  return out;
}

/* Writes the rejects file to path (replacing it; owner-only): its head, then the records
 * the import spilled (every rejected row), or those of the rejected rows listed in problems
 * for a report that has no spill. *n_rows: how many records. Streams the spill: a million
 * rejected rows are 200 MB of records. */
static gboolean
write_rejects_file (const SerahImportReport *report, const char *path, gint64 *n_rows,
                    GError **error)
{
  g_autoptr(SerahOutput) output = NULL;
  g_autoptr(GString) head = rejects_head (report);
  char sep = report->separator ? report->separator : ',';
  gboolean ok;
  FILE *out;

  *n_rows = 0;
  if (report->rejects_spill == NULL && report->problems != NULL)
    serah_import_append_reject_records (head, (SerahImportProblem *const *) report->problems->pdata,
                                        report->problems->len, sep, n_rows);
  output = serah_output_begin (path, SERAH_OUTPUT_REPLACE | SERAH_OUTPUT_PRIVATE, error);
  if (output == NULL)
    return FALSE;
  out = g_fopen (serah_output_get_temp_path (output), "w");
  if (out == NULL)
    {
      serah_output_set_errno_error (error, errno, path);
      return FALSE;
    }
  ok = fwrite (head->str, 1, head->len, out) == head->len;
  if (ok && report->rejects_spill != NULL)
    {
      char buffer[65536];
      size_t got;

      *n_rows = report->rejects_spill_rows;
      ok = fflush (report->rejects_spill) == 0 && fseeko (report->rejects_spill, 0, SEEK_SET) == 0;
      while (ok && (got = fread (buffer, 1, sizeof buffer, report->rejects_spill)) > 0)
        ok = fwrite (buffer, 1, got, out) == got;
      ok = ok && !ferror (report->rejects_spill);
      /* Records are appended at the end. */
      fseeko (report->rejects_spill, 0, SEEK_END);
    }
  if (!ok)
    serah_output_set_errno_error (error, errno ? errno : EIO, path);
  if (fclose (out) != 0 && ok)
    {
      serah_output_set_errno_error (error, errno, path);
      ok = FALSE;
    }
  return ok && serah_output_commit (output, error);
}

gboolean
serah_import_report_write_rejects (const SerahImportReport *report, const char *path,
                                   GError **error)
{
  gint64 n_rows = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Rejected rows quote their raw cells, NIKs included: readable by the owner only, and
   * written by the one output writer (never over the database, a backup or an open file). */
  if (!write_rejects_file (report, path, &n_rows, error))
    {
      g_prefix_error (error, _("Cannot write the reject report: "));
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_import_report_save_rejects (SerahStore *store, const SerahImportReport *report,
                                  const char *path, const char *operator_name, GError **error)
{
  g_autofree char *rows = NULL;
  g_autofree char *import_id = NULL;
  g_autofree char *details = NULL;
  gint64 n_rows = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (report->rejects_spill != NULL)
    n_rows = report->rejects_spill_rows;
  else
    {
      g_autoptr(GString) counted = g_string_new (NULL);
      serah_import_append_reject_records (counted,
                                          (SerahImportProblem *const *) report->problems->pdata,
                                          report->problems->len, ',', &n_rows);
    }
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, n_rows);
  import_id = g_strdup_printf ("%" G_GINT64_FORMAT, report->counts.id);
  details = serah_audit_details ("file", path, "import", import_id, "rows", rows, NULL);
  /* Recorded first: a file of full NIKs that the log does not know of must not exist. A
   * write that fails after leaves an entry for a file that is not there, which is safe. */
  if (!serah_audit_record (store, operator_name, "export.rejects", NULL, details, error))
    return FALSE;
  /* Readable by its owner only: it holds full NIKs; written by the one output writer (never
   * over the database, a backup or an open file). */
  if (!write_rejects_file (report, path, &n_rows, error))
    {
      g_prefix_error (error, _("Cannot write the reject report: "));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  FILE    *out;
  GString *line;
  gint64   written;
} ExportContext;

static gboolean
write_participant (const SerahParticipant *p, gpointer user_data, GError **error)
{
  ExportContext *ctx = user_data;
  char care[4] = "";
  const char *values[SERAH_N_STORED_FIELDS];

  if (p->care_class > 0)
    g_snprintf (care, sizeof care, "%d", p->care_class);
  values[SERAH_FIELD_NIK] = p->nik;
  values[SERAH_FIELD_CARD_NO] = p->card_no;
  values[SERAH_FIELD_NAME] = p->name;
  values[SERAH_FIELD_SEX] = serah_sex_to_string (p->sex);
  values[SERAH_FIELD_BIRTH_DATE] = p->birth_date;
  values[SERAH_FIELD_ADDRESS] = p->address;
  values[SERAH_FIELD_DESA] = p->desa;
  values[SERAH_FIELD_KECAMATAN] = p->kecamatan;
  values[SERAH_FIELD_FASKES] = p->faskes;
  values[SERAH_FIELD_CARE_CLASS] = care;

  g_string_truncate (ctx->line, 0);
  for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
    {
      if (f > 0)
        g_string_append_c (ctx->line, ',');
      serah_csv_append_field (ctx->line, values[f], ',');
    }
  g_string_append (ctx->line, "\r\n");
  if (fwrite (ctx->line->str, 1, ctx->line->len, ctx->out) != ctx->line->len)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the participant list: %s"), g_strerror (saved));
      return FALSE;
    }
  ctx->written++;
  return TRUE;
}

gboolean
serah_participants_write_csv (SerahStore *store, const SerahParticipantFilter *filter, FILE *out,
                              gint64 *n_written, GError **error)
{
  g_autoptr(GString) header = g_string_new (NULL);
  ExportContext ctx = { out, NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
    g_string_append_printf (header, "%s%s", f ? "," : "", serah_import_field_export_header (f));
  g_string_append (header, "\r\n");
  if (fwrite (header->str, 1, header->len, out) != header->len)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the participant list: %s"), g_strerror (saved));
      return FALSE;
    }

  ctx.line = g_string_sized_new (256);
  ok = serah_store_foreach_participant (store, filter, write_participant, &ctx, error);
  g_string_free (ctx.line, TRUE);
  if (ok && fflush (out) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the participant list: %s"), g_strerror (saved));
      ok = FALSE;
    }
  if (n_written)
    *n_written = ctx.written;
  return ok;
}

gboolean
serah_participants_write_csv_file (SerahStore *store, const SerahParticipantFilter *filter,
                                   const char *path, gint64 *n_written, GError **error)
{
  g_autoptr(SerahOutput) output = NULL;
  FILE *out;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Full NIKs: created readable by the owner only; written aside and renamed at the end
   * (serah-output), so that a failure half way never leaves a truncated list where a good
   * one was. The caller has confirmed replacing. */
  output = serah_output_begin (path, SERAH_OUTPUT_REPLACE | SERAH_OUTPUT_PRIVATE, error);
  if (output == NULL)
    return FALSE;
  out = g_fopen (serah_output_get_temp_path (output), "w");
  if (out == NULL)
    {
      serah_output_set_errno_error (error, errno, path);
      return FALSE;
    }
  ok = fputs (UTF8_BOM, out) >= 0 &&
       serah_participants_write_csv (store, filter, out, n_written, error);
  if (fclose (out) != 0 && ok)
    {
      serah_output_set_errno_error (error, errno, path);
      ok = FALSE;
    }
  return ok && serah_output_commit (output, error);
}
