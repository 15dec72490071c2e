/* serah-registration.c: on-site registrations of people not yet covered: the checks (those
 * of the importer, through the same NIK helpers of serah-participant.h), the match against
 * the register, the status events, and the submission list the office sends for verification.
 *
 * Mismatches between the NIK and the form (birth date, sex) stay warnings as in the importer:
 * the person stands at the desk with the KTP, and a KTP whose NIK disagrees with its own birth
 * date exists; the verifier sees the warning in the submission list. A NIK or KK that cannot
 * be one (length, digits, an impossible encoded date, a province that does not exist) is
 * refused, since the officer can correct a typo on the spot.
 */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <serah/admin/serah-audit.h>
#include <serah/outreach/serah-registration.h>
#include <xlsxwriter.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "output/serah-csv-private.h"
#include <serah/register/serah-register.h>
#include <serah/register/serah-area.h>

void
serah_registration_problem_free (SerahRegistrationProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->message);
  g_free (self);
}


const char *
serah_registration_status_label (SerahRegistrationStatus status)
{
  static const char *const labels[] = {
    N_("Submitted"), N_("Verified"), N_("Rejected"), N_("Now a participant"),
  };
  g_return_val_if_fail (status <= SERAH_REGISTRATION_COVERED, "?");
  return _(labels[status]);
}

/* ---- checks ---- */

static void
add_problem (GPtrArray *problems, const char *code, gboolean is_error, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray *problems, const char *code, gboolean is_error, const char *format, ...)
{
  SerahRegistrationProblem *p = g_new0 (SerahRegistrationProblem, 1);
  va_list args;

  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  p->code = g_strdup (code);
  p->error = is_error;
  g_ptr_array_add (problems, p);
}

/* The province codes of Indonesia (Kemendagri), the first two digits of every NIK and KK. */
static gboolean
province_exists (int code)
{
  static const int provinces[] = {
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
    61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
  };
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (provinces[i] == code)
      return TRUE;
  return FALSE;
}

/* Province known, kabupaten/kota and kecamatan parts not 00. */
static gboolean
region_is_plausible (const char *digits)
{
  int province = (digits[0] - '0') * 10 + (digits[1] - '0');
  return province_exists (province) && !(digits[2] == '0' && digits[3] == '0') &&
         !(digits[4] == '0' && digits[5] == '0');
}

/* The NIK's first six digits against the area reference (data/areas, Kemendagri): the
 * kecamatan it was issued in, compared with the kecamatan and desa on the form. Both findings
 * are warnings, recorded with the registration, never a refusal: people move (the NIK keeps
 * the region of issue), and kecamatan split or renumbered since a NIK was issued are no
 * longer in the current reference. region_is_plausible has already refused codes that cannot
 * exist at all. The area reference is required data; if it cannot be read the check says so
 * as a warning rather than refuse a person at the desk for a missing file. */
static void
check_region_against_area (const SerahRegistration *draft, GPtrArray *problems)
{
  SerahAreas *areas;
  g_autoptr(GError) error = NULL;
  const SerahAreaKecamatan *kec;
  char code[9];

  /* Loaded once per process: a desk registers person after person. */
  areas = serah_areas_get_default (&error);
  if (areas == NULL)
    {
      add_problem (problems, "nik-region-unchecked", FALSE,
                   _("The region of the NIK could not be checked: %s"), error->message);
      return;
    }
  g_snprintf (code, sizeof code, "%.2s.%.2s.%.2s", draft->nik, draft->nik + 2, draft->nik + 4);
  kec = serah_areas_kecamatan (areas, code);
  if (kec == NULL)
    {
      add_problem (problems, "nik-region-unknown", FALSE,
                   _("The region code %.6s at the start of the NIK is no kecamatan of the area "
                     "reference (%s); check the NIK, or it was issued before the kecamatan was "
                     "split or renumbered."), draft->nik, code);
      return;
    }
  if (!serah_outreach_is_blank (draft->kecamatan))
    {
      g_autofree char *form = serah_area_fold_name (draft->kecamatan);
      g_autofree char *issued = serah_area_fold_name (kec->name);
      g_autofree char *said = g_strstrip (g_strdup (draft->kecamatan));

      if (g_strcmp0 (form, issued) != 0)
        add_problem (problems, "nik-region-elsewhere", FALSE,
                     _("The NIK was issued in Kecamatan %s (%s, %s) but the form says Kecamatan "
                       "%s: normal after a move; check both."), kec->name, code,
                     kec->kabupaten ? kec->kabupaten->name : "", said);
      return;
    }
  if (!serah_outreach_is_blank (draft->desa) &&
      serah_areas_desa_named (areas, kec, draft->desa) == NULL)
    add_problem (problems, "nik-region-elsewhere", FALSE,
                 _("The NIK was issued in Kecamatan %s (%s, %s), which has no desa %s: normal "
                   "after a move; check both."), kec->name, code,
                 kec->kabupaten ? kec->kabupaten->name : "", draft->desa);
}

static gboolean
check_number (GPtrArray *problems, const char *what, const char *prefix, const char *number)
{
  g_autofree char *length_code = g_strconcat (prefix, "-length", NULL);
  g_autofree char *invalid_code = g_strconcat (prefix, "-invalid", NULL);
  gsize len = strlen (number);

  if (len != 16)
    {
      add_problem (problems, length_code, TRUE, _("The %s has %zu digits; it must have 16."), what,
                   len);
      return FALSE;
    }
  if (!serah_nik_is_wellformed (number))
    {
      add_problem (problems, invalid_code, TRUE, _("The %s may only contain digits."), what);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
serah_registration_check (const SerahRegistration *d, const char *today)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_registration_problem_free);
  g_autofree char *now = NULL;
  gboolean nik_ok, kk_ok, birth_ok = FALSE;
  int nik_day = 0, nik_month = 0, nik_year = 0;
  SerahSex nik_sex = SERAH_SEX_UNKNOWN;
  gboolean nik_date = FALSE;

  g_return_val_if_fail (d != NULL, problems);

  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      today = now = g_date_time_format (dt, "%Y-%m-%d");
    }
  nik_ok = check_number (problems, _("NIK"), "nik", d->nik);
  if (nik_ok)
    {
      nik_date = serah_nik_decode (d->nik, &nik_day, &nik_month, &nik_year, &nik_sex);
      if (!nik_date)
        add_problem (problems, "nik-date-invalid", TRUE,
                     _("Digits 7 to 12 of the NIK are not a birth date (ddmmyy, day + 40 for "
                       "women); check the NIK."));
      if (!region_is_plausible (d->nik))
        add_problem (problems, "nik-region-invalid", TRUE,
                     _("The region code %.6s at the start of the NIK does not exist; check the "
                       "NIK."), d->nik);
    }
  kk_ok = check_number (problems, _("family card number (No. KK)"), "kk", d->kk);
  if (kk_ok && !region_is_plausible (d->kk))
    add_problem (problems, "kk-region-invalid", TRUE,
                 _("The region code %.6s at the start of the No. KK does not exist; check the "
                   "No. KK."), d->kk);
  else if (kk_ok && nik_ok && region_is_plausible (d->nik) && strncmp (d->kk, d->nik, 6) != 0)
    add_problem (problems, "kk-region-differs", FALSE,
                 _("The NIK was issued in region %.6s and the KK in %.6s (after a move this is "
                   "normal)."), d->nik, d->kk);
  if (nik_ok && region_is_plausible (d->nik))
    check_region_against_area (d, problems);

  if (serah_outreach_is_blank (d->name))
    add_problem (problems, "name-missing", TRUE, _("The name is missing."));
  if (d->sex != SERAH_SEX_MALE && d->sex != SERAH_SEX_FEMALE)
    add_problem (problems, "sex-missing", TRUE, _("Say the sex (L or P)."));
  else if (nik_date && d->sex != nik_sex)
    add_problem (problems, "nik-sex-mismatch", FALSE,
                 _("The form says %s but the NIK encodes %s (day + 40 means a woman); check "
                   "both."), serah_sex_to_string (d->sex), serah_sex_to_string (nik_sex));

  if (d->birth_date[0] == '\0' || !serah_date_parse (d->birth_date, (char[11]) { 0 }))
    add_problem (problems, "birth-date-invalid", TRUE,
                 _("The birth date “%s” is not a date (use YYYY-MM-DD)."), d->birth_date);
  else
    {
      char iso[11];
      serah_date_parse (d->birth_date, iso);
      birth_ok = TRUE;
      if (strcmp (iso, today) > 0)
        add_problem (problems, "birth-date-future", TRUE, _("The birth date %s is in the future."),
                     iso);
      else if (nik_date)
        {
          int y = 0, m = 0, day = 0;
          sscanf (iso, "%d-%d-%d", &y, &m, &day);
          if (day != nik_day || m != nik_month || y % 100 != nik_year)
            add_problem (problems, "nik-birthdate-mismatch", FALSE,
                         _("The birth date %s differs from the one in the NIK "
                           "(%02d-%02d-..%02d); check both."), iso, nik_day, nik_month,
                         nik_year);
        }
    }
  (void) birth_ok;
  if (serah_outreach_is_blank (d->desa))
    add_problem (problems, "desa-missing", TRUE, _("The desa is missing."));
  return problems;
}

/* ---- use cases ---- */

static gboolean
has_errors (GPtrArray *problems, GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      if (p->error)
        g_string_append_printf (text, "%s%s", text->len ? " " : "", p->message);
    }
  if (text->len == 0)
    return FALSE;
  g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID,
               _("The registration was not recorded: %s"), text->str);
  return TRUE;
}

static char *
warning_codes (GPtrArray *problems)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      if (!p->error)
        g_string_append_printf (codes, "%s%s", codes->len ? "," : "", p->code);
    }
  return codes->len ? g_strdup (codes->str) : NULL;
}

static char *
dup_stripped (const char *text)
{
  return serah_outreach_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

gint64
serah_registration_record (SerahStore *store, const SerahRegistration *draft, const char *today,
                           const char *operator_name, GPtrArray **problems_out, GError **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SerahParticipant) existing = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *warnings = NULL, *name = NULL, *address = NULL, *rt = NULL, *rw = NULL;
  g_autofree char *desa = NULL, *kecamatan = NULL, *phone = NULL, *reason = NULL;
  SerahRegistration r;
  gint64 open, id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (draft != NULL, 0);

  problems = serah_registration_check (draft, today);
  if (problems_out != NULL)
    *problems_out = g_ptr_array_ref (problems);
  if (has_errors (problems, error))
    return 0;
  if (!serah_outreach_check_activity (store, draft->activity_id, error))
    return 0;

  existing = serah_participants_find_by_nik (store, draft->nik, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  if (existing != NULL)
    {
      g_autofree char *masked = serah_nik_mask (draft->nik);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                   _("NIK %s is already a participant (%s, desa %s): no registration is "
                     "needed."), masked, existing->name, existing->desa ? existing->desa : "-");
      return 0;
    }

  r = *draft;
  serah_date_parse (draft->birth_date, r.birth_date);
  r.name = name = dup_stripped (draft->name);
  r.address = address = dup_stripped (draft->address);
  r.rt = rt = dup_stripped (draft->rt);
  r.rw = rw = dup_stripped (draft->rw);
  r.desa = desa = dup_stripped (draft->desa);
  r.kecamatan = kecamatan = dup_stripped (draft->kecamatan);
  r.phone = phone = dup_stripped (draft->phone);
  r.reason = reason = dup_stripped (draft->reason);
  r.warnings = warnings = warning_codes (problems);
  r.recorded_by = (char *) operator_name;

  if (!serah_store_begin (store, error))
    return 0;
  /* Inside the transaction: two desks cannot both register the same NIK. */
  open = serah_store_outreach_open_registration_for_nik (store, draft->nik, error);
  if (open != 0)
    {
      if (open > 0)
        {
          g_autofree char *masked = serah_nik_mask (draft->nik);
          g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                       _("NIK %s is already registered (registration %lld) and waiting for verification."), masked, (long long) open);
        }
      serah_store_rollback (store);
      return 0;
    }
  id = serah_store_outreach_insert_registration (store, &r, error);
  if (id == 0 ||
      !serah_store_outreach_add_registration_event (store, id, "submitted", NULL, 0,
                                                    operator_name, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  return id;
}

SerahRegistration *
serah_registration_get (SerahStore *store, gint64 registration_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  SerahRegistration *r;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  r = serah_store_outreach_get_registration (store, registration_id, &local);
  if (r == NULL && local == NULL)
    g_set_error (&local, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                 _("There is no registration number %lld."), (long long) registration_id);
  if (r == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return r;
}

gboolean
serah_registration_set_status (SerahStore *store, gint64 registration_id,
                               SerahRegistrationStatus status, const char *reason,
                               const char *operator_name, GError **error)
{
  g_autoptr(SerahRegistration) r = NULL;
  g_autofree char *why = dup_stripped (reason);
  gboolean allowed;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (status == SERAH_REGISTRATION_REJECTED && why == NULL)
    return serah_outreach_fail (error, _("A rejection needs the reason."));
  if (status != SERAH_REGISTRATION_VERIFIED && status != SERAH_REGISTRATION_REJECTED)
    return serah_outreach_fail (error, _("A registration can only be marked verified or "
                                         "rejected; it closes itself when an import brings "
                                         "the NIK in."));
  if (!serah_store_begin (store, error))
    return FALSE;
  r = serah_registration_get (store, registration_id, error);
  if (r == NULL)
    {
      serah_store_rollback (store);
      return FALSE;
    }
  allowed = (r->status == SERAH_REGISTRATION_SUBMITTED) ||
            (r->status == SERAH_REGISTRATION_VERIFIED && status == SERAH_REGISTRATION_REJECTED);
  if (!allowed)
    {
      serah_store_rollback (store);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                   _("Registration %lld is “%s”; it cannot become “%s”."),
                   (long long) registration_id, serah_registration_status_label (r->status),
                   serah_registration_status_label (status));
      return FALSE;
    }
  if (!serah_store_outreach_add_registration_event (store, registration_id,
                                                    serah_registration_status_to_string (status),
                                                    why, 0, operator_name, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
serah_registration_history (SerahStore *store, gint64 registration_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_outreach_registration_events (store, registration_id, error);
}

GPtrArray *
serah_registration_list (SerahStore *store, const SerahRegistrationFilter *filter, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  if (filter == NULL)
    return serah_store_outreach_list_registrations (store, NULL, NULL, NULL, 0, error);
  return serah_store_outreach_list_registrations (store,
                                                  filter->only_status
                                                    ? serah_registration_status_to_string (filter->status)
                                                    : NULL,
                                                  filter->from, filter->to, filter->activity_id,
                                                  error);
}

/* ---- the submission list ---- */

static const char *const list_headers[] = {
  "NO", "TGL_DAFTAR", "NIK", "NO_KK", "NAMA", "JK", "TGL_LAHIR", "ALAMAT", "RT", "RW", "DESA",
  "KECAMATAN", "TELEPON", "ALASAN_BELUM_TERDAFTAR", "KEGIATAN", "STATUS", "KETERANGAN_STATUS",
  "CATATAN_PEMERIKSAAN",
};
enum { N_LIST_COLUMNS = G_N_ELEMENTS (list_headers) };

/* The cells of one row, as text (owned by the returned array). */
static GPtrArray *
list_cells (const SerahRegistration *r, guint number)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (r->recorded_at);

  g_ptr_array_add (cells, g_strdup_printf ("%u", number));
  g_ptr_array_add (cells, at ? g_date_time_format (at, "%Y-%m-%d") : g_strdup (""));
  g_ptr_array_add (cells, g_strdup (r->nik));
  g_ptr_array_add (cells, g_strdup (r->kk));
  g_ptr_array_add (cells, g_strdup (r->name));
  g_ptr_array_add (cells, g_strdup (serah_sex_to_string (r->sex)));
  g_ptr_array_add (cells, g_strdup (r->birth_date));
  g_ptr_array_add (cells, g_strdup (r->address));
  g_ptr_array_add (cells, g_strdup (r->rt));
  g_ptr_array_add (cells, g_strdup (r->rw));
  g_ptr_array_add (cells, g_strdup (r->desa));
  g_ptr_array_add (cells, g_strdup (r->kecamatan));
  g_ptr_array_add (cells, g_strdup (r->phone));
  g_ptr_array_add (cells, g_strdup (r->reason));
  g_ptr_array_add (cells, r->activity_id ? g_strdup_printf ("%" G_GINT64_FORMAT, r->activity_id)
                                         : NULL);
  g_ptr_array_add (cells, g_strdup (serah_registration_status_word (r->status)));
  g_ptr_array_add (cells, g_strdup (r->status_reason));
  g_ptr_array_add (cells, g_strdup (r->warnings));
  g_assert (cells->len == N_LIST_COLUMNS);
  return cells;
}

static gboolean
write_list_csv (const char *path, gpointer data, GError **error)
{
  GPtrArray *list = data;
  g_autoptr(GString) csv = serah_csv_new ();

  serah_csv_append_row (csv, list_headers, N_LIST_COLUMNS);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GPtrArray) cells = list_cells (list->pdata[i], i + 1);
      serah_csv_append_row (csv, (const char *const *) cells->pdata, cells->len);
    }
  return serah_csv_save (csv, path, error);
}

static gboolean
write_list_xlsx (const char *path, gpointer data, GError **error)
{
  GPtrArray *list = data;
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *tmpdir = g_path_get_dirname (path);
  lxw_workbook_options options = { .constant_memory = FALSE, .tmpdir = tmpdir };
  lxw_workbook *wb = workbook_new_opt (tmp, &options);
  lxw_worksheet *ws;
  lxw_format *bold, *text;
  lxw_error err;

  if (wb == NULL)
    {
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_IO,
                   _("Cannot create the workbook “%s”."), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, "Pendaftaran");
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  /* Text cells: a NIK or a KK typed as a number becomes 3.60425E+15 and loses its digits. */
  text = workbook_add_format (wb);
  format_set_num_format (text, "@");
  for (lxw_col_t c = 0; c < N_LIST_COLUMNS; c++)
    worksheet_write_string (ws, 0, c, list_headers[c], bold);
  worksheet_set_column (ws, 2, 3, 20, text);
  worksheet_set_column (ws, 4, 4, 28, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GPtrArray) cells = list_cells (list->pdata[i], i + 1);
      worksheet_write_number (ws, (lxw_row_t) (i + 1), 0, i + 1, NULL);
      for (lxw_col_t c = 1; c < N_LIST_COLUMNS; c++)
        if (cells->pdata[c] != NULL)
          worksheet_write_string (ws, (lxw_row_t) (i + 1), c, cells->pdata[c],
                                  c == 2 || c == 3 ? text : NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_remove (tmp);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_IO,
                   _("Cannot write the workbook “%s”: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_remove (tmp);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_IO,
                   _("Cannot write the workbook “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_registration_export (SerahStore *store, const SerahRegistrationFilter *filter,
                           SerahRegistrationFormat format, const char *path,
                           const char *operator_name, guint *n_written, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *count = NULL, *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  list = serah_registration_list (store, filter, error);
  if (list == NULL)
    return FALSE;
  count = g_strdup_printf ("%u", list->len);
  details = serah_audit_details ("format", format == SERAH_REGISTRATION_FORMAT_XLSX ? "xlsx" : "csv",
                                 "path", path, "registrations", count,
                                 "status", filter && filter->only_status
                                             ? serah_registration_status_to_string (filter->status)
                                             : NULL,
                                 NULL);
  if (!serah_outreach_export_file (store, path,
                                   format == SERAH_REGISTRATION_FORMAT_XLSX ? write_list_xlsx
                                                                            : write_list_csv,
                                   list, operator_name, "export.registrations", details, error))
    return FALSE;
  if (n_written)
    *n_written = list->len;
  return TRUE;
}
