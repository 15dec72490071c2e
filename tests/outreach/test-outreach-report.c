/* test-outreach-report.c: the outreach indicators CSV puts registrations next to the
 * activities of their desa, understanding before/after, the SKM with its grade, complaints and
 * the age of open ones; the export is audited. Figures are summed over the rows of a desa, so
 * the test does not depend on the month the clock gives a registration. */
#include "serah-test-fixture.h"

#define DAY (24 * 60 * 60)
#define T0 ((gint64) 1793750400) /* 2026-11-04 00:00 UTC */

/* Sum of column col over the timeline rows (",MONTH,DESA,...") of desa. */
static int
timeline_sum (const char *csv, const char *desa, guint col)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  gboolean in_timeline = FALSE;
  int sum = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      if (g_str_has_prefix (lines[i], "PENDAFTARAN BARU"))
        in_timeline = TRUE;
      else if (in_timeline && lines[i][0] != ',')
        in_timeline = FALSE;
      else if (in_timeline && g_strv_length (f) == 7 && g_strcmp0 (f[2], desa) == 0)
        sum += atoi (f[col]);
    }
  return sum;
}

static void
test_indicators (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autofree char *path = g_build_filename (dir, "indikator.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "indikator.xlsx", NULL);
  gsize length = 0;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = serah_activity_new ();
  g_autoptr(SerahRegistration) r = serah_registration_new ();
  g_autoptr(SerahSurvey) s = serah_survey_load ("pemahaman-jkn", NULL);
  g_autoptr(GPtrArray) events = NULL;
  static const guint8 before[5] = { 1, 1, 1, 1, 1 }, after[5] = { 2, 1, 3, 1, 2 };
  SerahSurveySheet sheet = { SERAH_SURVEY_PHASE_BEFORE, "2026-11-05", 0, NULL, NULL, 0, before, 5 };
  SerahSkmResponse skm = { 0 };
  SerahFeedbackDraft old = { "forum", "informasi", "Teluk", "Apa itu PBI?", NULL, 0, T0 };
  SerahFeedbackDraft fresh = { "meja", "data-salah", "Teluk", "Nama salah", NULL, 0, T0 + 38 * DAY };
  SerahAuditFilter audit = { 0, "export.indicators-outreach", 0 };
  gint64 now = T0 + 40 * DAY;

  a->kind = g_strdup ("kampanye");
  g_strlcpy (a->held_on, "2026-11-05", sizeof a->held_on);
  a->place = g_strdup ("Pasar");
  a->desa = g_strdup ("Teluk");
  a->attendance = 85;
  sheet.activity_id = serah_activity_record (store, a, "siti", &error);
  g_assert_no_error (error);

  g_strlcpy (r->nik, "3604255203850009", sizeof r->nik);
  g_strlcpy (r->kk, "3604250101100002", sizeof r->kk);
  r->name = g_strdup ("Nur Aini");
  r->sex = SERAH_SEX_FEMALE;
  g_strlcpy (r->birth_date, "1985-03-12", sizeof r->birth_date);
  r->desa = g_strdup ("Teluk");
  g_assert_cmpint (serah_registration_record (store, r, "2026-12-06", "siti", NULL, &error), >, 0);

  g_assert_cmpint (serah_survey_record (store, s, &sheet, "siti", NULL, &error), >, 0);
  sheet.phase = SERAH_SURVEY_PHASE_AFTER;
  sheet.answers = after;
  g_assert_cmpint (serah_survey_record (store, s, &sheet, "siti", NULL, &error), >, 0);

  skm.unit = "Dinkes";
  g_strlcpy (skm.surveyed_on, "2026-11-05", sizeof skm.surveyed_on);
  memset (skm.answers, 4, sizeof skm.answers);
  g_assert_cmpint (serah_skm_record (store, &skm, "siti", &error), >, 0);

  g_assert_cmpint (serah_feedback_record (store, &old, "siti", &error), >, 0);
  g_assert_cmpint (serah_feedback_record (store, &fresh, "siti", &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (serah_outreach_indicators_write (store, NULL, NULL, now, SERAH_OUTREACH_REPORT_CSV,
                                                  path, "ani", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));

  g_assert_cmpint (timeline_sum (csv, "Teluk", 3), ==, 1);   /* registrations */
  g_assert_cmpint (timeline_sum (csv, "Teluk", 5), ==, 1);   /* activities */
  g_assert_cmpint (timeline_sum (csv, "Teluk", 6), ==, 85);  /* attendance */
  g_assert_nonnull (strstr (csv, ",pemahaman-jkn,2026-11,1,40.0,1,100.0\r\n"));
  g_assert_nonnull (strstr (csv, ",IKM,4.000,100.00,A (Sangat Baik),1\r\n"));
  g_assert_nonnull (strstr (csv, ",2026-11,1,0\r\n"));       /* complaints of November */
  /* Open on T0 + 40 days: one 2 days old, one 40 days old. */
  g_assert_nonnull (strstr (csv, "Belum selesai menurut umur,0-7 hari,8-30 hari,> 30 hari\r\n,1,0,1\r\n"));

  /* The workbook: a zip holding one worksheet per section. */
  g_clear_pointer (&csv, g_free);
  g_assert_true (serah_outreach_indicators_write (store, NULL, NULL, now, SERAH_OUTREACH_REPORT_XLSX,
                                                  xlsx, "ani", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &csv, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (csv, 2, "PK", 2);

  events = serah_audit_list (store, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/outreach-report/indicators", test_indicators);
  return g_test_run ();
}
