/* test-survey.c: understanding surveys defined as data files: the shipped pemahaman-jkn quiz
 * loads and scores, broken files are refused with the reason, answer sheets are recorded
 * anonymously and their scores come back per desa, month and activity, before and after. */
#include <sqlite3.h>

#include "serah-test-fixture.h"

/* The right choices of surveys/pemahaman-jkn.survey, question 1 to 5. */
static const guint8 all_right[5] = { 2, 1, 3, 1, 2 };

static void
test_shipped_quiz (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSurvey) s = serah_survey_load ("pemahaman-jkn", &error);
  g_auto(GStrv) names = serah_survey_list_names ();
  static const guint8 ones[5] = { 1, 1, 1, 1, 1 };
  static const guint8 out_of_range[5] = { 1, 1, 1, 1, 5 };
  guint score = 99;

  g_assert_no_error (error);
  g_assert_cmpstr (s->id, ==, "pemahaman-jkn");
  g_assert_cmpint (s->version, ==, 1);
  g_assert_true (s->anonymous);
  g_assert_cmpuint (s->questions->len, ==, 5);
  g_assert_true (g_strv_contains ((const char *const *) names, "pemahaman-jkn"));

  g_assert_true (serah_survey_score (s, all_right, 5, &score, &error));
  g_assert_cmpuint (score, ==, 5);
  /* All first choices: questions 2 and 4 have their right answer first. */
  g_assert_true (serah_survey_score (s, ones, 5, &score, &error));
  g_assert_cmpuint (score, ==, 2);
  g_assert_false (serah_survey_score (s, out_of_range, 5, &score, &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (serah_survey_score (s, ones, 4, &score, &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
}

static void
assert_refused (const char *dir, const char *text, const char *why)
{
  g_autofree char *path = g_build_filename (dir, "bad.survey", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSurvey) s = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  s = serah_survey_load (path, &error);
  g_assert_null (s);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, why));
}

/* A survey file an office edits by hand is checked on load, and the message names the
 * problem; $SERAH_SURVEYS_DIR comes first in the search. */
static void
test_bad_files_and_search (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *own = g_build_filename (dir, "pemahaman-jkn.survey", NULL);
  g_autoptr(SerahSurvey) s = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (dir, "[Survey]\nId=Bad Id\nVersion=1\n", "Id");
  assert_refused (dir, "[Survey]\nId=x\nVersion=0\n", "Version");
  assert_refused (dir, "[Survey]\nId=x\nVersion=1\n", "Question 1");
  assert_refused (dir, "[Survey]\nId=x\nVersion=1\n[Question 1]\nText=?\nChoices=a\nAnswer=1\n",
                  "Choices");
  assert_refused (dir, "[Survey]\nId=x\nVersion=1\n[Question 1]\nText=?\nChoices=a;b\nAnswer=3\n",
                  "Answer");
  assert_refused (dir, "[Survey]\nId=x\nVersion=1\nAnonymous=maybe\n", "Anonymous");

  g_assert_true (g_file_set_contents (own, "[Survey]\nId=pemahaman-jkn\nVersion=2\n"
                                      "Anonymous=false\n[Question 1]\nText=?\nChoices=a;b\n"
                                      "Answer=2\n", -1, NULL));
  {
    /* The shipped surveys' folder (set by tests/meson.build) comes back afterwards. */
    g_autofree char *shipped = g_strdup (g_getenv ("SERAH_SURVEYS_DIR"));
    g_setenv ("SERAH_SURVEYS_DIR", dir, TRUE);
    s = serah_survey_load ("pemahaman-jkn", &error);
    if (shipped != NULL)
      g_setenv ("SERAH_SURVEYS_DIR", shipped, TRUE);
    else
      g_unsetenv ("SERAH_SURVEYS_DIR");
  }
  g_assert_no_error (error);
  g_assert_cmpint (s->version, ==, 2);
  g_assert_false (s->anonymous);
  g_clear_pointer (&s, serah_survey_free);
  s = serah_survey_load ("no-such-survey", &error);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND);
  serah_test_rm_rf (dir);
}

static gint64
take (SerahStore *store, const SerahSurvey *s, SerahSurveyPhase phase, const char *date,
      const char *desa, const guint8 *answers, GError **error)
{
  SerahSurveySheet sheet = { 0 };

  sheet.phase = phase;
  sheet.taken_on = date;
  sheet.desa = desa;
  sheet.answers = answers;
  sheet.n_answers = 5;
  return serah_survey_record (store, s, &sheet, "siti", NULL, error);
}

static SerahSurveyScoreRow *
row_for (GPtrArray *rows, const char *key)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((SerahSurveyScoreRow *) rows->pdata[i])->key, key) == 0)
      return rows->pdata[i];
  g_assert_not_reached ();
}

/* Before: 2/5 and 3/5 in Teluk (mean 50 %); after: 5/5 and 4/5 (mean 90 %); one sheet in
 * Caringin in December, after, 5/5 (100 %). */
static void
test_scores_before_after (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(SerahSurvey) s = serah_survey_load ("pemahaman-jkn", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) by_desa = NULL, by_month = NULL, by_activity = NULL;
  static const guint8 two[5] = { 1, 1, 1, 1, 1 };     /* 2 right */
  static const guint8 three[5] = { 2, 1, 1, 1, 1 };   /* 3 right */
  static const guint8 four[5] = { 2, 1, 3, 1, 1 };    /* 4 right */
  SerahSurveyScoreRow *r;
  SerahSurveySheet named = { SERAH_SURVEY_PHASE_AFTER, "2026-11-03", 0, NULL, NULL, 7, all_right, 5 };
  sqlite3 *db = NULL;

  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_BEFORE, "2026-11-03", "Teluk", two, &error), >, 0);
  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_BEFORE, "03/11/2026", "Teluk", three, &error), >, 0);
  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_AFTER, "2026-11-03", "Teluk", all_right, &error), >, 0);
  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_AFTER, "2026-11-03", "Teluk", four, &error), >, 0);
  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_AFTER, "2026-12-01", "Caringin", all_right, &error), >, 0);
  g_assert_no_error (error);

  /* Anonymous survey: a participant is never linked; a bad date is refused. */
  g_assert_cmpint (serah_survey_record (store, s, &named, "siti", NULL, &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (take (store, s, SERAH_SURVEY_PHASE_AFTER, "kemarin", "Teluk", four, &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);

  by_desa = serah_survey_scores (store, "pemahaman-jkn", SERAH_SURVEY_BY_DESA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_desa->len, ==, 2);
  r = row_for (by_desa, "Teluk");
  g_assert_cmpuint (r->sheets[SERAH_SURVEY_PHASE_BEFORE], ==, 2);
  g_assert_cmpfloat_with_epsilon (r->mean_percent[SERAH_SURVEY_PHASE_BEFORE], 50.0, 1e-9);
  g_assert_cmpuint (r->sheets[SERAH_SURVEY_PHASE_AFTER], ==, 2);
  g_assert_cmpfloat_with_epsilon (r->mean_percent[SERAH_SURVEY_PHASE_AFTER], 90.0, 1e-9);
  r = row_for (by_desa, "Caringin");
  g_assert_cmpuint (r->sheets[SERAH_SURVEY_PHASE_BEFORE], ==, 0);
  g_assert_cmpfloat_with_epsilon (r->mean_percent[SERAH_SURVEY_PHASE_AFTER], 100.0, 1e-9);

  by_month = serah_survey_scores (store, "pemahaman-jkn", SERAH_SURVEY_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_month->len, ==, 2);
  g_assert_cmpstr (((SerahSurveyScoreRow *) by_month->pdata[0])->key, ==, "2026-11");
  g_assert_cmpuint (((SerahSurveyScoreRow *) by_month->pdata[0])->sheets[SERAH_SURVEY_PHASE_AFTER], ==, 2);
  g_assert_cmpstr (((SerahSurveyScoreRow *) by_month->pdata[1])->key, ==, "2026-12");

  /* Without an activity every sheet falls under activity 0. */
  by_activity = serah_survey_scores (store, "pemahaman-jkn", SERAH_SURVEY_BY_ACTIVITY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_activity->len, ==, 1);
  g_assert_cmpuint (row_for (by_activity, "0")->sheets[SERAH_SURVEY_PHASE_AFTER], ==, 3);

  /* The version and the score are stored with the sheet, and the sheet cannot be changed. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE understanding_responses SET score = 5", NULL, NULL,
                                 NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM understanding_responses", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  sqlite3_close (db);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/survey/shipped-quiz", test_shipped_quiz);
  g_test_add_func ("/serah/survey/bad-files-and-search", test_bad_files_and_search);
  g_test_add_func ("/serah/survey/scores-before-after", test_scores_before_after);
  return g_test_run ();
}
