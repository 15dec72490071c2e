/* serah-skm.c: the Survei Kepuasan Masyarakat of PermenPAN-RB 14/2017: the computation
 * (NRR per element, IKM, conversion, grade), the sample-size guidance, the respondent profile
 * and the use cases that record an answer sheet and report a period.
 *
 * The computation is a pure function over answer sheets so that the test can check it against
 * figures computed by hand, and the report only feeds it what the store returns.
 */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/admin/serah-audit.h>
#include <serah/outreach/serah-skm.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "output/serah-csv-private.h"

/* The regulation's element names (Lampiran, unsur pelayanan a..i). Not translated: they are
 * the words of the regulation, printed as they stand in the office's reports. */
static const char *const element_names[SERAH_SKM_ELEMENTS] = {
  "Persyaratan",
  "Sistem, Mekanisme, dan Prosedur",
  "Waktu Penyelesaian",
  "Biaya/Tarif",
  "Produk Spesifikasi Jenis Pelayanan",
  "Kompetensi Pelaksana",
  "Perilaku Pelaksana",
  "Penanganan Pengaduan, Saran dan Masukan",
  "Sarana dan Prasarana",
};

const char *
serah_skm_element_name (guint i)
{
  g_return_val_if_fail (i < SERAH_SKM_ELEMENTS, NULL);
  return element_names[i];
}

const char *
serah_skm_grade_letter (SerahSkmGrade grade)
{
  static const char *const letters[] = { "D", "C", "B", "A" };
  g_return_val_if_fail (grade <= SERAH_SKM_GRADE_A, "?");
  return letters[grade];
}

const char *
serah_skm_grade_label (SerahSkmGrade grade)
{
  /* The regulation's words (mutu pelayanan), as printed in its table. */
  static const char *const labels[] = { "Tidak Baik", "Kurang Baik", "Baik", "Sangat Baik" };
  g_return_val_if_fail (grade <= SERAH_SKM_GRADE_A, "?");
  return labels[grade];
}

/* Two decimals, as the regulation's table is written; computed on hundredths so that
 * 76.605 (a binary fraction just below or above) cannot fall on the wrong side. */
static double
round2 (double value)
{
  return round (value * 100.0 + 1e-9) / 100.0;
}

SerahSkmGrade
serah_skm_grade_for_converted (double converted)
{
  long hundredths = lround (converted * 100.0 + 1e-9);

  if (hundredths <= 6499)
    return SERAH_SKM_GRADE_D;
  if (hundredths <= 7660)
    return SERAH_SKM_GRADE_C;
  if (hundredths <= 8830)
    return SERAH_SKM_GRADE_B;
  return SERAH_SKM_GRADE_A;
}

gboolean
serah_skm_compute (const guint8 (*answers)[SERAH_SKM_ELEMENTS], guint n,
                   SerahSkmResult *result, GError **error)
{
  guint64 sums[SERAH_SKM_ELEMENTS] = { 0 };

  g_return_val_if_fail (result != NULL, FALSE);
  memset (result, 0, sizeof *result);
  if (n == 0)
    {
      g_set_error_literal (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID,
                           _("No survey answers to compute an index from."));
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
      {
        if (answers[k][i] < 1 || answers[k][i] > 4)
          {
            g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID,
                         _("Answer %u of respondent %u is %u; answers are 1 to 4."), i + 1,
                         k + 1, answers[k][i]);
            return FALSE;
          }
        sums[i] += answers[k][i];
      }
  result->respondents = n;
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    {
      result->nrr[i] = (double) sums[i] / n;
      result->weighted_nrr[i] = result->nrr[i] / SERAH_SKM_ELEMENTS;
      result->converted_element[i] = round2 (result->nrr[i] * 25.0);
      result->element_grade[i] = serah_skm_grade_for_converted (result->converted_element[i]);
      result->index += result->weighted_nrr[i];
    }
  result->converted = round2 (result->index * 25.0);
  result->grade = serah_skm_grade_for_converted (result->converted);
  return TRUE;
}

/* Krejcie & Morgan (1970), "Determining sample size for research activities", as reproduced
 * in the regulation's Lampiran: population N -> sample S. */
static const struct { gint64 population; guint sample; } krejcie_morgan[] = {
  { 10, 10 }, { 15, 14 }, { 20, 19 }, { 25, 24 }, { 30, 28 }, { 35, 32 }, { 40, 36 },
  { 45, 40 }, { 50, 44 }, { 55, 48 }, { 60, 52 }, { 65, 56 }, { 70, 59 }, { 75, 63 },
  { 80, 66 }, { 85, 70 }, { 90, 73 }, { 95, 76 }, { 100, 80 }, { 110, 86 }, { 120, 92 },
  { 130, 97 }, { 140, 103 }, { 150, 108 }, { 160, 113 }, { 170, 118 }, { 180, 123 },
  { 190, 127 }, { 200, 132 }, { 210, 136 }, { 220, 140 }, { 230, 144 }, { 240, 148 },
  { 250, 152 }, { 260, 155 }, { 270, 159 }, { 280, 162 }, { 290, 165 }, { 300, 169 },
  { 320, 175 }, { 340, 181 }, { 360, 186 }, { 380, 191 }, { 400, 196 }, { 420, 201 },
  { 440, 205 }, { 460, 210 }, { 480, 214 }, { 500, 217 }, { 550, 226 }, { 600, 234 },
  { 650, 242 }, { 700, 248 }, { 750, 254 }, { 800, 260 }, { 850, 265 }, { 900, 269 },
  { 950, 274 }, { 1000, 278 }, { 1100, 285 }, { 1200, 291 }, { 1300, 297 }, { 1400, 302 },
  { 1500, 306 }, { 1600, 310 }, { 1700, 313 }, { 1800, 317 }, { 1900, 320 }, { 2000, 322 },
  { 2200, 327 }, { 2400, 331 }, { 2600, 335 }, { 2800, 338 }, { 3000, 341 }, { 3500, 346 },
  { 4000, 351 }, { 4500, 354 }, { 5000, 357 }, { 6000, 361 }, { 7000, 364 }, { 8000, 367 },
  { 9000, 368 }, { 10000, 370 }, { 15000, 375 }, { 20000, 377 }, { 30000, 379 },
  { 40000, 380 }, { 50000, 381 }, { 75000, 382 }, { 1000000, 384 },
};

guint
serah_skm_sample_size (gint64 population)
{
  if (population <= 0)
    return 0;
  if (population < 10)
    return (guint) population; /* below the table: ask everyone */
  for (guint i = 0; i < G_N_ELEMENTS (krejcie_morgan); i++)
    if (population <= krejcie_morgan[i].population)
      return krejcie_morgan[i].sample;
  return 384;
}

/* ---- respondent profile ---- */

SerahSkmAgeGroup
serah_skm_age_group (int age)
{
  if (age <= 0)
    return SERAH_SKM_AGE_UNKNOWN;
  if (age < 20)
    return SERAH_SKM_AGE_UNDER_20;
  if (age >= 60)
    return SERAH_SKM_AGE_60_PLUS;
  return SERAH_SKM_AGE_20_29 + (age - 20) / 10;
}

const char *
serah_skm_age_group_label (SerahSkmAgeGroup group)
{
  static const char *const labels[] = { "< 20", "20-29", "30-39", "40-49", "50-59", ">= 60" };

  if (group < G_N_ELEMENTS (labels))
    return labels[group];
  return _("not given");
}

const char *const serah_skm_education_keys[] = {
  "tidak-sekolah", "sd", "smp", "sma", "diploma", "s1", "s2", NULL
};
static const char *const education_labels[] = {
  "Tidak sekolah", "SD", "SMP", "SMA", "D1-D3-D4", "S1", "S2 ke atas",
};
const char *const serah_skm_occupation_keys[] = {
  "pns", "tni", "polri", "swasta", "wirausaha", "pelajar", "lainnya", NULL
};
static const char *const occupation_labels[] = {
  "PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya",
};

static int
key_index (const char *const *keys, const char *key)
{
  for (int i = 0; key != NULL && keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (keys[i], key) == 0)
      return i;
  return -1;
}

const char *
serah_skm_education_label (const char *key)
{
  int i = key_index (serah_skm_education_keys, key);
  return i < 0 ? _("not given") : education_labels[i];
}

const char *
serah_skm_occupation_label (const char *key)
{
  int i = key_index (serah_skm_occupation_keys, key);
  return i < 0 ? _("not given") : occupation_labels[i];
}

/* ---- use cases ---- */

static gboolean
check_response (const SerahSkmResponse *r, GError **error)
{
  char iso[11];

  if (serah_outreach_is_blank (r->unit))
    return serah_outreach_fail (error, _("Say which service unit the survey is about."));
  if (!serah_date_parse (r->surveyed_on, iso))
    return serah_outreach_fail (error, _("The survey date “%s” is not a date (use YYYY-MM-DD)."),
                                r->surveyed_on);
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    if (r->answers[i] < 1 || r->answers[i] > 4)
      return serah_outreach_fail (error, _("Element U%u needs an answer from 1 to 4."), i + 1);
  if (r->age != 0 && (r->age < 10 || r->age > 120))
    return serah_outreach_fail (error, _("The age %d is out of 10..120."), r->age);
  if (r->education != NULL && key_index (serah_skm_education_keys, r->education) < 0)
    return serah_outreach_fail (error, _("Unknown education “%s”."), r->education);
  if (r->occupation != NULL && key_index (serah_skm_occupation_keys, r->occupation) < 0)
    return serah_outreach_fail (error, _("Unknown occupation “%s”."), r->occupation);
  return TRUE;
}

gint64
serah_skm_record (SerahStore *store, const SerahSkmResponse *response,
                  const char *operator_name, GError **error)
{
  SerahSkmResponse r;
  g_autofree char *education = NULL, *occupation = NULL;
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (response != NULL, 0);

  if (!check_response (response, error))
    return 0;
  r = *response;
  serah_date_parse (response->surveyed_on, r.surveyed_on);
  education = response->education ? g_ascii_strdown (response->education, -1) : NULL;
  occupation = response->occupation ? g_ascii_strdown (response->occupation, -1) : NULL;
  r.education = education;
  r.occupation = occupation;
  r.recorded_by = (char *) operator_name;
  if (!serah_outreach_check_activity (store, r.activity_id, error))
    return 0;
  if (!serah_store_begin (store, error))
    return 0;
  id = serah_store_outreach_insert_skm (store, &r, error);
  if (id == 0 || !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  return id;
}

void
serah_skm_report_free (SerahSkmReport *self)
{
  if (self == NULL)
    return;
  g_free (self->unit);
  g_free (self->from);
  g_free (self->to);
  g_free (self->profile.education);
  g_free (self->profile.occupation);
  g_free (self);
}

SerahSkmReport *
serah_skm_report (SerahStore *store, const SerahSkmFilter *filter, gint64 population,
                  GError **error)
{
  static const SerahSkmFilter all = { NULL, NULL, NULL };
  g_autoptr(SerahSkmReport) report = g_new0 (SerahSkmReport, 1);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree guint8 *answer_bytes = NULL;
  guint8 (*answers)[SERAH_SKM_ELEMENTS];
  guint n_edu = g_strv_length ((char **) serah_skm_education_keys);
  guint n_occ = g_strv_length ((char **) serah_skm_occupation_keys);

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  if (filter == NULL)
    filter = &all;
  list = serah_store_outreach_list_skm (store, filter->unit, filter->from, filter->to, error);
  if (list == NULL)
    return NULL;
  report->unit = g_strdup (filter->unit);
  report->from = g_strdup (filter->from);
  report->to = g_strdup (filter->to);
  report->population = MAX (population, 0);
  report->sample_needed = serah_skm_sample_size (population);
  report->profile.education = g_new0 (guint, n_edu + 1);
  report->profile.occupation = g_new0 (guint, n_occ + 1);
  answer_bytes = g_malloc0 ((gsize) MAX (list->len, 1) * SERAH_SKM_ELEMENTS);
  answers = (guint8 (*)[SERAH_SKM_ELEMENTS]) answer_bytes;
  for (guint k = 0; k < list->len; k++)
    {
      const SerahSkmResponse *r = g_ptr_array_index (list, k);
      int e = key_index (serah_skm_education_keys, r->education);
      int o = key_index (serah_skm_occupation_keys, r->occupation);

      memcpy (answers[k], r->answers, SERAH_SKM_ELEMENTS);
      report->profile.sex[r->sex == SERAH_SEX_MALE ? 0 : r->sex == SERAH_SEX_FEMALE ? 1 : 2]++;
      report->profile.age[serah_skm_age_group (r->age)]++;
      report->profile.education[e < 0 ? n_edu : (guint) e]++;
      report->profile.occupation[o < 0 ? n_occ : (guint) o]++;
    }
  if (list->len > 0 &&
      !serah_skm_compute ((const guint8 (*)[SERAH_SKM_ELEMENTS]) answers, list->len,
                          &report->result, error))
    return NULL;
  return g_steal_pointer (&report);
}

static void
row (GString *csv, const char *a, const char *b, const char *c, const char *d, const char *e,
     const char *f)
{
  const char *fields[] = { a, b, c, d, e, f };
  serah_csv_append_row (csv, fields, G_N_ELEMENTS (fields));
}

static char *
fmt (double value, int decimals)
{
  /* A dot as the decimal separator whatever the locale: CSV readers of every office read it. */
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *format = g_strdup_printf ("%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static GString *
report_csv (const SerahSkmReport *report)
{
  GString *csv = serah_csv_new ();
  const SerahSkmResult *res = &report->result;
  g_autofree char *n = g_strdup_printf ("%u", res->respondents);
  guint n_edu = g_strv_length ((char **) serah_skm_education_keys);
  guint n_occ = g_strv_length ((char **) serah_skm_occupation_keys);

  row (csv, "Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017)", NULL, NULL, NULL, NULL, NULL);
  row (csv, "Unit layanan", report->unit ? report->unit : "(semua)", NULL, NULL, NULL, NULL);
  row (csv, "Periode", report->from ? report->from : "", report->to ? report->to : "", NULL,
       NULL, NULL);
  row (csv, "Responden", n, NULL, NULL, NULL, NULL);
  if (report->population > 0)
    {
      g_autofree char *pop = g_strdup_printf ("%" G_GINT64_FORMAT, report->population);
      g_autofree char *need = g_strdup_printf ("%u", report->sample_needed);
      row (csv, "Populasi dilayani", pop, "Sampel minimal (Krejcie-Morgan)", need,
           res->respondents >= report->sample_needed ? "cukup" : "kurang", NULL);
    }
  row (csv, "Unsur", "Nama unsur", "NRR", "NRR tertimbang", "Konversi", "Mutu");
  for (guint i = 0; i < SERAH_SKM_ELEMENTS && res->respondents > 0; i++)
    {
      g_autofree char *u = g_strdup_printf ("U%u", i + 1);
      g_autofree char *nrr = fmt (res->nrr[i], 3);
      g_autofree char *w = fmt (res->weighted_nrr[i], 3);
      g_autofree char *c = fmt (res->converted_element[i], 2);
      row (csv, u, element_names[i], nrr, w, c, serah_skm_grade_letter (res->element_grade[i]));
    }
  if (res->respondents > 0)
    {
      g_autofree char *ikm = fmt (res->index, 3);
      g_autofree char *conv = fmt (res->converted, 2);
      g_autofree char *grade = g_strdup_printf ("%s (%s)", serah_skm_grade_letter (res->grade),
                                                serah_skm_grade_label (res->grade));
      row (csv, "IKM", NULL, NULL, ikm, conv, grade);
    }
  row (csv, "Profil responden", "Kategori", "Jumlah", NULL, NULL, NULL);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const sexes[] = { "Laki-laki", "Perempuan", "tidak diisi" };
      g_autofree char *count = g_strdup_printf ("%u", report->profile.sex[i]);
      row (csv, "Jenis kelamin", sexes[i], count, NULL, NULL, NULL);
    }
  for (guint i = 0; i < SERAH_SKM_N_AGE_GROUPS; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", report->profile.age[i]);
      row (csv, "Umur", i == SERAH_SKM_AGE_UNKNOWN ? "tidak diisi" : serah_skm_age_group_label (i),
           count, NULL, NULL, NULL);
    }
  for (guint i = 0; i <= n_edu; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", report->profile.education[i]);
      row (csv, "Pendidikan", i < n_edu ? education_labels[i] : "tidak diisi", count, NULL, NULL,
           NULL);
    }
  for (guint i = 0; i <= n_occ; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", report->profile.occupation[i]);
      row (csv, "Pekerjaan", i < n_occ ? occupation_labels[i] : "tidak diisi", count, NULL, NULL,
           NULL);
    }
  return csv;
}

gboolean
serah_skm_write_csv (SerahStore *store, const SerahSkmFilter *filter, gint64 population,
                     const char *path, const char *operator_name, GError **error)
{
  g_autoptr(SerahSkmReport) report = NULL;
  g_autoptr(GString) csv = NULL;
  g_autofree char *count = NULL, *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  report = serah_skm_report (store, filter, population, error);
  if (report == NULL)
    return FALSE;
  csv = report_csv (report);
  count = g_strdup_printf ("%u", report->result.respondents);
  details = serah_audit_details ("format", "csv", "path", path, "respondents", count,
                                 "unit", report->unit, "from", report->from, "to", report->to,
                                 NULL);
  return serah_outreach_export (store, csv, path, operator_name, "export.skm", details, error);
}
