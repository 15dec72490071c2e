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

/* The rejects file as text, and how many rows it holds. */
static GString *
rejects_text (const SerahImportReport *report, gint64 *n_rows)
{
  GString *out = g_string_new (UTF8_BOM);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree char *title = NULL;
  guint n_columns = report->columns ? report->columns->len : 0;
  char sep;

  /* The separator of the imported file is the one the user's spreadsheet writes, and so
   * the one it splits on when the report is double-clicked (';' where ',' is the decimal
   * mark, as in Indonesia). */
  sep = report->separator ? report->separator : ',';
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

  *n_rows = 0;
  /* Problems are in line order: one record per line that has errors. */
  for (guint i = 0; report->problems != NULL && i < report->problems->len;)
    {
      const SerahImportProblem *first = report->problems->pdata[i];
      g_autoptr(GString) codes = g_string_new (NULL);
      g_autoptr(GString) reasons = g_string_new (NULL);
      g_autoptr(GPtrArray) record = g_ptr_array_new ();
      g_autofree char *line = NULL;
      char *const *row = NULL;
      guint j;

      for (j = i; j < report->problems->len; j++)
        {
          const SerahImportProblem *p = report->problems->pdata[j];

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
  return out;
}

gboolean
serah_import_report_write_rejects (const SerahImportReport *report, const char *path,
                                   GError **error)
{
  g_autoptr(GString) out = NULL;
  gint64 n_rows = 0;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  out = rejects_text (report, &n_rows);
  if (!g_file_set_contents_full (path, out->str, (gssize) out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
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
  g_autoptr(GString) out = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *import_id = NULL;
  g_autofree char *details = NULL;
  gint64 n_rows = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  out = rejects_text (report, &n_rows);
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, n_rows);
  import_id = g_strdup_printf ("%" G_GINT64_FORMAT, report->counts.id);
  details = serah_audit_details ("file", path, "import", import_id, "rows", rows, NULL);
  /* Recorded first: a file of full NIKs that the log does not know of must not exist. A
   * write that fails after leaves an entry for a file that is not there, which is safe. */
  if (!serah_audit_record (store, operator_name, "export.rejects", NULL, details, error))
    return FALSE;
  /* Readable by its owner only: it holds full NIKs. */
  if (!g_file_set_contents_full (path, out->str, (gssize) out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
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
  g_autofree char *tmp = g_strconcat (path, ".part-XXXXXX", NULL);
  FILE *out;
  gboolean ok;
  int fd;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written beside the target and renamed over it at the end, so that a failure half way
   * never leaves a truncated list where a good one was. */
  fd = g_mkstemp_full (tmp, O_WRONLY, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot create “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  out = fdopen (fd, "w");
  ok = fputs (UTF8_BOM, out) >= 0 &&
       serah_participants_write_csv (store, filter, out, n_written, error);
  if (fclose (out) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write the participant list: %s"), g_strerror (saved));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), display, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
