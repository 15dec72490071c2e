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
#include "register/serah-store-participants-private.h"

#define UTF8_BOM "\xef\xbb\xbf"

gboolean
serah_import_report_write_rejects (const SerahImportReport *report, const char *path,
                                   GError **error)
{
  g_autoptr(GString) out = g_string_new (UTF8_BOM);
  char sep;
  const char *headers[] = { _("line"), _("column"), _("code"), _("reason"), _("value") };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The separator of the imported file is the one the user's spreadsheet writes, and so
   * the one it splits on when the report is double-clicked (';' where ',' is the decimal
   * mark, as in Indonesia). */
  sep = report->separator ? report->separator : ',';
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (out, sep);
      serah_csv_append_field (out, headers[i], sep);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; report->problems != NULL && i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];

      if (p->severity != SERAH_IMPORT_SEVERITY_ERROR)
        continue;
      g_string_append_printf (out, "%" G_GINT64_FORMAT "%c", p->line, sep);
      serah_csv_append_field (out, p->column, sep);
      g_string_append_c (out, sep);
      serah_csv_append_field (out, p->code, sep);
      g_string_append_c (out, sep);
      serah_csv_append_field (out, p->message, sep);
      g_string_append_c (out, sep);
      serah_csv_append_field (out, p->raw_value, sep);
      g_string_append (out, "\r\n");
    }

  if (!g_file_set_contents (path, out->str, (gssize) out->len, error))
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
  const char *values[SERAH_N_FIELDS];

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
  for (int f = 0; f < SERAH_N_FIELDS; f++)
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

  for (int f = 0; f < SERAH_N_FIELDS; f++)
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
