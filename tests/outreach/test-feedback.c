/* test-feedback.c: feedback and complaints: recorded with a channel and category (and the
 * participant's desa when a card is given), followed up by appended events to closure, listed
 * open by age (the age from given times, never the clock); resolved is final. */
#include <sqlite3.h>

#include "serah-test-fixture.h"

#define DAY (24 * 60 * 60)
#define T0 ((gint64) 1793750400) /* 2026-11-04 00:00 UTC */

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
test_follow_up_and_open_by_age (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahFeedback) f = NULL;
  g_autoptr(GPtrArray) open = NULL, all = NULL;
  SerahFeedbackDraft wrong_name = { "acara", "data-salah", NULL, "Nama di kartu salah eja: Budi Saputro",
                                    "0001234500001", 0, T0 };
  SerahFeedbackDraft no_card = { "forum", "kartu-belum-diterima", "Teluk",
                                 "Kartu belum diterima sejak Agustus", NULL, 0, T0 + 3 * DAY };
  SerahFeedbackDraft info = { "meja", "informasi", "Teluk", "Apakah rujukan perlu surat?", NULL, 0,
                              T0 + 5 * DAY };
  sqlite3 *db = NULL;
  gint64 a, b, c;

  import_budi (store, dir, "Caringin");
  a = serah_feedback_record (store, &wrong_name, "siti", &error);
  b = serah_feedback_record (store, &no_card, "siti", &error);
  c = serah_feedback_record (store, &info, "siti", &error);
  g_assert_no_error (error);

  f = serah_feedback_get (store, a, &error);
  g_assert_cmpstr (f->desa, ==, "Caringin");   /* the participant's */
  g_assert_cmpint (f->participant_id, >, 0);
  g_assert_cmpint (f->state, ==, SERAH_FEEDBACK_RECEIVED);
  g_clear_pointer (&f, serah_feedback_free);

  g_assert_true (serah_feedback_forward (store, b, "bpjs", "ani", &error));
  g_assert_true (serah_feedback_resolve (store, c, "Ya, kecuali gawat darurat.", "ani", &error));
  g_assert_no_error (error);
  f = serah_feedback_get (store, b, &error);
  g_assert_cmpint (f->state, ==, SERAH_FEEDBACK_FORWARDED);
  g_assert_cmpstr (f->forwarded_to, ==, "bpjs");
  g_assert_cmpstr (f->state_by, ==, "ani");
  g_clear_pointer (&f, serah_feedback_free);

  /* Open: the wrong name (10 days old on T0 + 10 days) and the card not received (7 days). */
  open = serah_feedback_list (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpint (((SerahFeedback *) open->pdata[0])->id, ==, a);
  g_assert_cmpint (serah_feedback_age_days (open->pdata[0], T0 + 10 * DAY), ==, 10);
  g_assert_cmpint (serah_feedback_age_days (open->pdata[1], T0 + 10 * DAY), ==, 7);
  all = serah_feedback_list (store, FALSE, &error);
  g_assert_cmpuint (all->len, ==, 3);

  /* Resolved is final; closing needs a response; unknown words are refused. */
  g_assert_false (serah_feedback_forward (store, c, "desa", "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (serah_feedback_resolve (store, a, "  ", "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_feedback_forward (store, a, "camat", "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  wrong_name.category = "keluhan";
  g_assert_cmpint (serah_feedback_record (store, &wrong_name, "siti", &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  wrong_name.category = "data-salah";
  wrong_name.card_no = "0009999999999";
  g_assert_cmpint (serah_feedback_record (store, &wrong_name, "siti", &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (serah_feedback_resolve (store, 99, "x", "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE feedback_events SET state = 'received'", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM feedback", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/feedback/follow-up-and-open-by-age", test_follow_up_and_open_by_age);
  return g_test_run ();
}
