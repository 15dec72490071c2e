/* serah-participants-xlsx.c: the administrator's export of the participant list as an Excel
 * workbook (libxlsxwriter), the export that survives a spreadsheet.
 *
 * A CSV opened in a spreadsheet and saved again loses every NIK and card number (a 16-digit
 * NIK becomes 3.60112E+15, a card number its leading zeros). Here they are string cells in
 * columns formatted as text ("@"), so they stay as they are through any number of saves;
 * the care class is a number. Rows are streamed (libxlsxwriter's constant-memory mode):
 * 100 000 participants take the memory of one row. The headers are the importer's, so the
 * workbook imports back unchanged. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "register/serah-import-private.h"
#include "register/serah-store-participants-private.h"

typedef struct {
  lxw_worksheet *ws;
  lxw_format    *text;
  lxw_row_t      row;
} XlsxExport;

static gboolean
write_row (const SerahParticipant *p, gpointer user_data, GError **error)
{
  XlsxExport *x = user_data;
  const char *values[SERAH_N_STORED_FIELDS] = {
    [SERAH_FIELD_NIK] = p->nik,
    [SERAH_FIELD_CARD_NO] = p->card_no,
    [SERAH_FIELD_NAME] = p->name,
    [SERAH_FIELD_SEX] = p->sex != SERAH_SEX_UNKNOWN ? serah_sex_to_string (p->sex) : NULL,
    [SERAH_FIELD_BIRTH_DATE] = p->birth_date,
    [SERAH_FIELD_ADDRESS] = p->address,
    [SERAH_FIELD_DESA] = p->desa,
    [SERAH_FIELD_KECAMATAN] = p->kecamatan,
    [SERAH_FIELD_FASKES] = p->faskes,
  };

  x->row++;
  for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
    {
      if (f == SERAH_FIELD_CARE_CLASS)
        {
          if (p->care_class > 0)
            worksheet_write_number (x->ws, x->row, (lxw_col_t) f, p->care_class, NULL);
          continue;
        }
      if (values[f] != NULL && *values[f] != '\0')
        worksheet_write_string (x->ws, x->row, (lxw_col_t) f, values[f], x->text);
    }
  return TRUE;
}

gboolean
serah_participants_write_xlsx_file (SerahStore *store, const SerahParticipantFilter *filter,
                                    const char *path, gint64 *n_written, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *tmpdir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = tmpdir };
  lxw_workbook *wb;
  lxw_format *header;
  XlsxExport x = { 0 };
  lxw_error err;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Written under a temporary name and renamed: no half workbook under the real name. */
  wb = workbook_new_opt (tmp, &options);
  if (wb == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot create “%s”."), path);
      return FALSE;
    }
  header = workbook_add_format (wb);
  format_set_bold (header);
  x.text = workbook_add_format (wb);
  format_set_num_format (x.text, "@");
  x.ws = workbook_add_worksheet (wb, "Peserta");
  worksheet_freeze_panes (x.ws, 1, 0);
  for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
    {
      worksheet_set_column (x.ws, (lxw_col_t) f, (lxw_col_t) f,
                            f == SERAH_FIELD_NIK || f == SERAH_FIELD_CARD_NO ? 20 : 16,
                            f == SERAH_FIELD_CARE_CLASS ? NULL : x.text);
      worksheet_write_string (x.ws, 0, (lxw_col_t) f, serah_import_field_export_header (f),
                              header);
    }
  ok = serah_store_foreach_participant (store, filter, write_row, &x, error);
  err = workbook_close (wb);
  if (ok && err != LXW_NO_ERROR)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   lxw_strerror (err));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  if (n_written)
    *n_written = ok ? (gint64) x.row : 0;
  return ok;
}
