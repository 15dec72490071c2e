/* test-activity.c: socialisation activities are recorded with their partners, materials,
 * attendance and ceremony, refused when a kind, partner, count, date or ceremony is wrong,
 * listed by date and desa; survey sheets taken at an activity take its desa. */
#include "serah-test-fixture.h"

static SerahActivity *
draft (const char *kind, const char *date, const char *place, const char *desa)
{
  SerahActivity *a = serah_activity_new ();

  a->kind = g_strdup (kind);
  g_strlcpy (a->held_on, date, sizeof a->held_on);
  a->place = g_strdup (place);
  a->desa = g_strdup (desa);
  a->kecamatan = g_strdup ("Labuan");
  return a;
}

/* Brings Budi Saputra (NIK 3601010101800001, card 0001234500001, desa %s) into the register
 * the way an office does: by importing a verified list. */
static void
import_budi (SerahStore *store, const char *dir, const char *desa)
{
  g_autofree char *path = g_build_filename (dir, "verified.csv", NULL);
  g_autofree char *text = g_strdup_printf ("NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,DESA,KECAMATAN\n"
                                           "3601010101800001,0001234500001,Budi Saputra,L,"
                                           "1980-01-01,%s,Labuan\n", desa);
  g_autoptr(GError) error = NULL;
  SerahImportReport *report;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  report = serah_import_file (store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 1);
  serah_import_report_free (report);
}

static void
test_record_and_read (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = draft ("kampanye", "05/11/2026", " Pasar Labuan ", "Teluk");
  g_autoptr(SerahActivity) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 ceremony, id;
  SerahActivityPartner *p;
  SerahActivityMaterial *m;

  ceremony = serah_ceremony_create (store, "Penyerahan Teluk", "2026-11-05", "Balai Desa",
                                    "ani", &error);
  g_assert_no_error (error);
  a->attendance = 85;
  a->ceremony_id = ceremony;
  g_assert_true (serah_activity_add_partner_text (a, "pemerintah-desa:Pemdes Teluk", &error));
  g_assert_true (serah_activity_add_partner_text (a, "LSM", &error));
  g_assert_true (serah_activity_add_material_text (a, "Brosur=120", &error));
  g_assert_true (serah_activity_add_material_text (a, "pamflet = 40", &error));
  g_assert_no_error (error);
  id = serah_activity_record (store, a, "siti", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  back = serah_activity_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->kind, ==, "kampanye");
  g_assert_cmpstr (back->held_on, ==, "2026-11-05");
  g_assert_cmpstr (back->place, ==, "Pasar Labuan");
  g_assert_cmpstr (back->desa, ==, "Teluk");
  g_assert_cmpint (back->attendance, ==, 85);
  g_assert_cmpint (back->ceremony_id, ==, ceremony);
  g_assert_cmpstr (back->recorded_by, ==, "siti");
  g_assert_cmpuint (back->partners->len, ==, 2);
  p = back->partners->pdata[0];
  g_assert_cmpstr (p->kind, ==, "lsm");
  g_assert_null (p->name);
  p = back->partners->pdata[1];
  g_assert_cmpstr (p->kind, ==, "pemerintah-desa");
  g_assert_cmpstr (p->name, ==, "Pemdes Teluk");
  g_assert_cmpuint (back->materials->len, ==, 2);
  m = back->materials->pdata[0];
  g_assert_cmpstr (m->material, ==, "brosur");
  g_assert_cmpint (m->count, ==, 120);

  g_clear_pointer (&a, serah_activity_free);
  a = draft ("sekolah", "2026-12-02", "SDN 1 Caringin", "Caringin");
  g_assert_cmpint (serah_activity_record (store, a, "siti", &error), >, 0);
  list = serah_activity_list (store, "2026-11-01", "2026-11-30", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = serah_activity_list (store, NULL, NULL, "caringin", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SerahActivity *) list->pdata[0])->kind, ==, "sekolah");

  g_clear_pointer (&back, serah_activity_free);
  back = serah_activity_get (store, 999, &error);
  g_assert_null (back);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  serah_test_rm_rf (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = NULL;
  g_autoptr(GPtrArray) list = NULL;

  a = draft ("konser", "2026-11-05", "Alun-alun", "Teluk");
  g_assert_cmpint (serah_activity_record (store, a, "siti", &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&a, serah_activity_free);

  a = draft ("kampanye", "2026-02-30", "Alun-alun", "Teluk");
  g_assert_cmpint (serah_activity_record (store, a, "siti", &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&a, serah_activity_free);

  a = draft ("kampanye", "2026-11-05", "  ", "Teluk");
  g_assert_cmpint (serah_activity_record (store, a, "siti", &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&a, serah_activity_free);

  a = draft ("kampanye", "2026-11-05", "Alun-alun", "Teluk");
  g_assert_false (serah_activity_add_partner_text (a, "bank", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_activity_add_material_text (a, "brosur", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_activity_add_material_text (a, "brosur=-3", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  a->ceremony_id = 42;
  g_assert_cmpint (serah_activity_record (store, a, "siti", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  list = serah_activity_list (store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  serah_test_rm_rf (dir);
}

/* A sheet taken at an activity without a desa of its own counts for the activity's desa; a
 * sheet naming an activity that does not exist is refused. */
static void
test_survey_at_activity (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = draft ("pertemuan-warga", "2026-11-07", "Balai Desa", "Cigondang");
  g_autoptr(SerahSurvey) s = serah_survey_load ("pemahaman-jkn", &error);
  g_autoptr(GPtrArray) rows = NULL;
  static const guint8 answers[5] = { 2, 1, 3, 1, 2 };
  SerahSurveySheet sheet = { SERAH_SURVEY_PHASE_AFTER, "2026-11-07", 0, NULL, NULL, 0, answers, 5 };
  g_autofree char *key = NULL;

  sheet.activity_id = serah_activity_record (store, a, "siti", &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_survey_record (store, s, &sheet, "siti", NULL, &error), >, 0);
  g_assert_no_error (error);
  rows = serah_survey_scores (store, "pemahaman-jkn", SERAH_SURVEY_BY_DESA, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((SerahSurveyScoreRow *) rows->pdata[0])->key, ==, "Cigondang");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = serah_survey_scores (store, "pemahaman-jkn", SERAH_SURVEY_BY_ACTIVITY, &error);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, sheet.activity_id);
  g_assert_cmpstr (((SerahSurveyScoreRow *) rows->pdata[0])->key, ==, key);

  sheet.activity_id = 77;
  g_assert_cmpint (serah_survey_record (store, s, &sheet, "siti", NULL, &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  serah_test_rm_rf (dir);
}

/* Registered people are listed once however often they are scanned or typed; the listed count
 * comes back with the activity; nobody outside the register is listed. */
static void
test_attendance_list (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = draft ("pelatihan-nakes", "2026-11-09", "Puskesmas Labuan", "Teluk");
  g_autoptr(SerahActivity) back = NULL;
  g_autoptr(SerahParticipant) seen = NULL;
  gboolean added = FALSE;
  gint64 id;

  import_budi (store, dir, "Teluk");
  a->attendance = 0;
  id = serah_activity_record (store, a, "siti", &error);
  g_assert_no_error (error);

  g_assert_true (serah_activity_add_attendee (store, id, " 3601010101800001 ", "siti", &added,
                                              &seen, &error));
  g_assert_no_error (error);
  g_assert_true (added);
  g_assert_cmpstr (seen->name, ==, "Budi Saputra");
  g_assert_true (serah_activity_add_attendee (store, id, "0001234500001", "siti", &added, NULL,
                                              &error));
  g_assert_false (added);

  g_assert_false (serah_activity_add_attendee (store, id, "3601010101800099", "siti", NULL, NULL,
                                               &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (serah_activity_add_attendee (store, id, "Budi", "siti", NULL, NULL, &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_activity_add_attendee (store, id + 1, "0001234500001", "siti", NULL, NULL,
                                               &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  back = serah_activity_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->listed, ==, 1);
  g_assert_cmpint (back->attendance, ==, 0);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/activity/record-and-read", test_record_and_read);
  g_test_add_func ("/serah/activity/refusals", test_refusals);
  g_test_add_func ("/serah/activity/survey-at-activity", test_survey_at_activity);
  g_test_add_func ("/serah/activity/attendance-list", test_attendance_list);
  return g_test_run ();
}
