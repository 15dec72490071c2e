/* test-skm.c: the Survei Kepuasan Masyarakat of PermenPAN-RB 14/2017: the index, its
 * conversion and grade against figures computed by hand, the grade boundaries of the
 * regulation's table, the sample-size guidance, and the recorded, reported and exported
 * survey (anonymous, append-only, audited). */
#include <sqlite3.h>

#include "serah-test-fixture.h"

/* The hand-computed fixture: ten respondents, nine elements.
 *
 * Column sums and element averages (NRR = sum / 10):
 *   U1 4+4+4+4+4+3+3+3+3+3 = 35 -> 3,5   U2 4+4+3+3+3+3+3+3+3+3 = 32 -> 3,2
 *   U3 3×8+2×2 = 28          -> 2,8   U4 4×10 = 40               -> 4,0
 *   U5 3×10 = 30             -> 3,0   U6 4×3+3×7 = 33            -> 3,3
 *   U7 4×6+3×4 = 36          -> 3,6   U8 3×5+2×5 = 25            -> 2,5
 *   U9 4+3×9 = 31            -> 3,1
 * Sum of the NRR = 3,5+3,2+2,8+4,0+3,0+3,3+3,6+2,5+3,1 = 29,0.
 * Weighted NRR = NRR × 1/9; IKM = 29,0 / 9 = 3,2222...; conversion 3,2222 × 25 = 80,555...
 * -> 80,56, within 76,61–88,30: mutu B, "Baik". (With the regulation's printed weight 0,111:
 * 29,0 × 0,111 = 3,219 -> 80,475, the same grade B.)
 * Per element, converted NRR × 25: U1 87,50 B; U2 80,00 B; U3 70,00 C; U4 100,00 A;
 * U5 75,00 C; U6 82,50 B; U7 90,00 A; U8 62,50 D; U9 77,50 B. */
static const guint8 fixture[10][SERAH_SKM_ELEMENTS] = {
  { 4, 4, 3, 4, 3, 4, 4, 3, 4 },
  { 4, 4, 3, 4, 3, 4, 4, 3, 3 },
  { 4, 3, 3, 4, 3, 4, 4, 3, 3 },
  { 4, 3, 3, 4, 3, 3, 4, 3, 3 },
  { 4, 3, 3, 4, 3, 3, 4, 3, 3 },
  { 3, 3, 3, 4, 3, 3, 4, 2, 3 },
  { 3, 3, 3, 4, 3, 3, 3, 2, 3 },
  { 3, 3, 3, 4, 3, 3, 3, 2, 3 },
  { 3, 3, 2, 4, 3, 3, 3, 2, 3 },
  { 3, 3, 2, 4, 3, 3, 3, 2, 3 },
};
static const double fixture_nrr[SERAH_SKM_ELEMENTS] = { 3.5, 3.2, 2.8, 4.0, 3.0, 3.3, 3.6, 2.5, 3.1 };
static const SerahSkmGrade fixture_element_grade[SERAH_SKM_ELEMENTS] = {
  SERAH_SKM_GRADE_B, SERAH_SKM_GRADE_B, SERAH_SKM_GRADE_C, SERAH_SKM_GRADE_A, SERAH_SKM_GRADE_C,
  SERAH_SKM_GRADE_B, SERAH_SKM_GRADE_A, SERAH_SKM_GRADE_D, SERAH_SKM_GRADE_B,
};

static void
test_hand_computed (void)
{
  g_autoptr(GError) error = NULL;
  SerahSkmResult r;

  g_assert_true (serah_skm_compute (fixture, 10, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.respondents, ==, 10);
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    {
      g_assert_cmpfloat_with_epsilon (r.nrr[i], fixture_nrr[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (r.weighted_nrr[i], fixture_nrr[i] / 9.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (r.converted_element[i], fixture_nrr[i] * 25.0, 1e-9);
      g_assert_cmpint (r.element_grade[i], ==, fixture_element_grade[i]);
    }
  g_assert_cmpfloat_with_epsilon (r.index, 29.0 / 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.converted, 80.56, 1e-9);
  g_assert_cmpint (r.grade, ==, SERAH_SKM_GRADE_B);
  g_assert_cmpstr (serah_skm_grade_letter (r.grade), ==, "B");
  g_assert_cmpstr (serah_skm_grade_label (r.grade), ==, "Baik");
}

/* All answers 4 give exactly 100 (A), all answers 1 exactly 25 (D): the exact 1/9 weight. */
static void
test_extremes (void)
{
  guint8 top[1][SERAH_SKM_ELEMENTS], bottom[1][SERAH_SKM_ELEMENTS];
  SerahSkmResult r;

  memset (top, 4, sizeof top);
  memset (bottom, 1, sizeof bottom);
  g_assert_true (serah_skm_compute ((const guint8 (*)[SERAH_SKM_ELEMENTS]) top, 1, &r, NULL));
  g_assert_cmpfloat_with_epsilon (r.converted, 100.0, 1e-9);
  g_assert_cmpint (r.grade, ==, SERAH_SKM_GRADE_A);
  g_assert_true (serah_skm_compute ((const guint8 (*)[SERAH_SKM_ELEMENTS]) bottom, 1, &r, NULL));
  g_assert_cmpfloat_with_epsilon (r.converted, 25.0, 1e-9);
  g_assert_cmpint (r.grade, ==, SERAH_SKM_GRADE_D);
}

/* The regulation's table: 25,00–64,99 D; 65,00–76,60 C; 76,61–88,30 B; 88,31–100,00 A. */
static void
test_grade_boundaries (void)
{
  g_assert_cmpint (serah_skm_grade_for_converted (25.00), ==, SERAH_SKM_GRADE_D);
  g_assert_cmpint (serah_skm_grade_for_converted (64.99), ==, SERAH_SKM_GRADE_D);
  g_assert_cmpint (serah_skm_grade_for_converted (65.00), ==, SERAH_SKM_GRADE_C);
  g_assert_cmpint (serah_skm_grade_for_converted (76.60), ==, SERAH_SKM_GRADE_C);
  g_assert_cmpint (serah_skm_grade_for_converted (76.61), ==, SERAH_SKM_GRADE_B);
  g_assert_cmpint (serah_skm_grade_for_converted (88.30), ==, SERAH_SKM_GRADE_B);
  g_assert_cmpint (serah_skm_grade_for_converted (88.31), ==, SERAH_SKM_GRADE_A);
  g_assert_cmpint (serah_skm_grade_for_converted (100.00), ==, SERAH_SKM_GRADE_A);
  /* NRR 2,60 × 25 = 65,00 and 3,5324 × 25 = 88,31: the NRR column of the table agrees. */
  g_assert_cmpint (serah_skm_grade_for_converted (2.60 * 25), ==, SERAH_SKM_GRADE_C);
  g_assert_cmpint (serah_skm_grade_for_converted (3.5324 * 25), ==, SERAH_SKM_GRADE_A);
}

static void
test_invalid_answers (void)
{
  g_autoptr(GError) error = NULL;
  guint8 bad[1][SERAH_SKM_ELEMENTS] = { { 4, 4, 4, 5, 4, 4, 4, 4, 4 } };
  SerahSkmResult r;

  g_assert_false (serah_skm_compute ((const guint8 (*)[SERAH_SKM_ELEMENTS]) bad, 1, &r, &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_skm_compute (fixture, 0, &r, &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
}

/* Krejcie & Morgan's table, as the regulation prints it; a population between two rows takes
 * the larger row (never too small a sample). */
static void
test_sample_size (void)
{
  g_assert_cmpuint (serah_skm_sample_size (0), ==, 0);
  g_assert_cmpuint (serah_skm_sample_size (7), ==, 7);
  g_assert_cmpuint (serah_skm_sample_size (10), ==, 10);
  g_assert_cmpuint (serah_skm_sample_size (100), ==, 80);
  g_assert_cmpuint (serah_skm_sample_size (101), ==, 86);
  g_assert_cmpuint (serah_skm_sample_size (500), ==, 217);
  g_assert_cmpuint (serah_skm_sample_size (1000), ==, 278);
  g_assert_cmpuint (serah_skm_sample_size (10000), ==, 370);
  g_assert_cmpuint (serah_skm_sample_size (100000), ==, 384);
  g_assert_cmpuint (serah_skm_sample_size (5000000), ==, 384);
}

static gint64
record (SerahStore *store, const char *unit, const char *date, const guint8 *answers,
        SerahSex sex, int age, const char *education, const char *occupation, GError **error)
{
  SerahSkmResponse r = { 0 };

  r.unit = (char *) unit;
  g_strlcpy (r.surveyed_on, date, sizeof r.surveyed_on);
  memcpy (r.answers, answers, SERAH_SKM_ELEMENTS);
  r.sex = sex;
  r.age = age;
  r.education = (char *) education;
  r.occupation = occupation ? (char *) occupation : NULL;
  return serah_skm_record (store, &r, "siti", error);
}

/* Recorded answers come back as the same index; the period and the unit select them; the
 * profile counts each respondent once; the sample is checked against the guidance. */
static void
test_record_and_report (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSkmReport) report = NULL;
  SerahSkmFilter filter = { "Dinas Kesehatan", "2026-11-01", "2026-11-30" };
  static const guint8 ones[SERAH_SKM_ELEMENTS] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };

  for (guint k = 0; k < 10; k++)
    g_assert_cmpint (record (store, "Dinas Kesehatan", k < 5 ? "2026-11-03" : "2026-11-28",
                             fixture[k], k % 2 ? SERAH_SEX_FEMALE : SERAH_SEX_MALE,
                             k < 3 ? 19 : 45, k == 0 ? NULL : "SMA", "wirausaha", &error), >, 0);
  g_assert_no_error (error);
  /* Outside the period and in another unit: not counted. */
  g_assert_cmpint (record (store, "Dinas Kesehatan", "2026-12-01", ones, 0, 0, NULL, NULL,
                           &error), >, 0);
  g_assert_cmpint (record (store, "Puskesmas Labuan", "2026-11-10", ones, 0, 0, NULL, NULL,
                           &error), >, 0);
  g_assert_no_error (error);

  report = serah_skm_report (store, &filter, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->result.respondents, ==, 10);
  g_assert_cmpfloat_with_epsilon (report->result.converted, 80.56, 1e-9);
  g_assert_cmpint (report->result.grade, ==, SERAH_SKM_GRADE_B);
  g_assert_cmpuint (report->sample_needed, ==, 80);
  g_assert_cmpuint (report->profile.sex[0], ==, 5);
  g_assert_cmpuint (report->profile.sex[1], ==, 5);
  g_assert_cmpuint (report->profile.age[SERAH_SKM_AGE_UNDER_20], ==, 3);
  g_assert_cmpuint (report->profile.age[SERAH_SKM_AGE_40_49], ==, 7);
  g_assert_cmpuint (report->profile.education[3], ==, 9); /* sma */
  g_assert_cmpuint (report->profile.education[g_strv_length ((char **) serah_skm_education_keys)], ==, 1);
  g_assert_cmpuint (report->profile.occupation[4], ==, 10); /* wirausaha */
  g_clear_pointer (&report, serah_skm_report_free);

  /* Every unit, every date: 12 sheets. */
  report = serah_skm_report (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->result.respondents, ==, 12);
  g_assert_cmpuint (report->sample_needed, ==, 0);
  g_clear_pointer (&report, serah_skm_report_free);

  /* A period without answers is a report with no respondent, not an error. */
  filter.from = "2025-01-01";
  filter.to = "2025-01-31";
  report = serah_skm_report (store, &filter, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->result.respondents, ==, 0);

  serah_test_rm_rf (dir);
}

/* An answer out of 1..4, an unknown education or a bad date is refused and nothing stored;
 * the database itself refuses to change or delete an answer sheet. */
static void
test_refusals_and_append_only (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSkmReport) report = NULL;
  guint8 bad[SERAH_SKM_ELEMENTS] = { 4, 4, 4, 4, 0, 4, 4, 4, 4 };
  sqlite3 *db = NULL;

  g_assert_cmpint (record (store, "Dinkes", "2026-11-03", bad, 0, 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (record (store, "Dinkes", "2026-11-03", fixture[0], 0, 0, "kuliah", NULL,
                           &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (record (store, "Dinkes", "31/02/2026", fixture[0], 0, 0, NULL, NULL,
                           &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  /* dd/mm/yyyy is accepted and stored as ISO. */
  g_assert_cmpint (record (store, "Dinkes", "03/11/2026", fixture[0], 0, 0, NULL, NULL,
                           &error), >, 0);
  g_assert_no_error (error);
  report = serah_skm_report (store, &(SerahSkmFilter) { NULL, "2026-11-03", "2026-11-03" }, 0,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->result.respondents, ==, 1);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE skm_responses SET u1 = 1", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM skm_responses", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  sqlite3_close (db);
  serah_test_rm_rf (dir);
}

/* The CSV carries the IKM and the grade, and the export is in the audit log. */
static void
test_export_audited (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autofree char *csv_path = g_build_filename (dir, "skm.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  SerahAuditFilter audit = { 0, "export.skm", 0 };

  for (guint k = 0; k < 10; k++)
    g_assert_cmpint (record (store, "Dinkes", "2026-11-03", fixture[k], 0, 0, NULL, NULL,
                             &error), >, 0);
  g_assert_true (serah_skm_write_csv (store, NULL, 120, csv_path, "ani", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "IKM,,,3.222,80.56,B (Baik)"));
  g_assert_nonnull (strstr (text, "U8,\"Penanganan Pengaduan, Saran dan Masukan\",2.500,0.278,62.50,D"));
  g_assert_nonnull (strstr (text, "Sampel minimal (Krejcie-Morgan),92,kurang"));
  events = serah_audit_list (store, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->operator_name, ==, "ani");
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->subject, ==, csv_path);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/skm/hand-computed", test_hand_computed);
  g_test_add_func ("/serah/skm/extremes", test_extremes);
  g_test_add_func ("/serah/skm/grade-boundaries", test_grade_boundaries);
  g_test_add_func ("/serah/skm/invalid-answers", test_invalid_answers);
  g_test_add_func ("/serah/skm/sample-size", test_sample_size);
  g_test_add_func ("/serah/skm/record-and-report", test_record_and_report);
  g_test_add_func ("/serah/skm/refusals-and-append-only", test_refusals_and_append_only);
  g_test_add_func ("/serah/skm/export-audited", test_export_audited);
  return g_test_run ();
}
