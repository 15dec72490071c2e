/* serah-survey.c: understanding surveys: loading the questionnaires of surveys/ (GLib key
 * files, so the office can add one without a programmer), scoring an answer sheet, recording
 * it and the scores per activity, desa and month, before and after.
 *
 * The score is computed here and stored with the survey's id and version, so a later edit of
 * the file cannot change a result already reported.
 */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/outreach/serah-survey.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "output/serah-data-dir-private.h"

static void
question_free (SerahSurveyQuestion *q)
{
  g_free (q->text);
  g_strfreev (q->choices);
  g_free (q);
}

void
serah_survey_free (SerahSurvey *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->path);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_free (self);
}

static GStrv
search_dirs (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *env = g_getenv ("SERAH_SURVEYS_DIR");
  g_autofree char *beside = serah_data_dir_beside_program (SERAH_SURVEYS_FROM_BINDIR);

  /* $SERAH_SURVEYS_DIR (the tests, a build-tree run), beside the program, the prefix: no
   * source-tree path is compiled in. */
  if (env != NULL && *env != '\0')
    g_strv_builder_add (b, env);
  if (beside != NULL)
    g_strv_builder_add (b, beside);
  g_strv_builder_add (b, SERAH_SURVEYS_INSTALLED);
  return g_strv_builder_end (b);
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static gboolean
bad_file (GError **error, const char *path, const char *why)
{
  g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID,
               _("The survey file “%s” is not valid: %s"), path, why);
  return FALSE;
}

SerahSurvey *
serah_survey_load_from_file (const char *path, GError **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(SerahSurvey) s = g_new0 (SerahSurvey, 1);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID,
                   _("Cannot read the survey file “%s”: %s"), path, local->message);
      return NULL;
    }
  s->path = g_strdup (path);
  s->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  s->id = g_key_file_get_string (kf, "Survey", "Id", NULL);
  if (!valid_id (s->id))
    return bad_file (error, path, _("[Survey] Id must be a-z, 0-9 and -.")), NULL;
  s->version = g_key_file_get_integer (kf, "Survey", "Version", NULL);
  if (s->version < 1)
    return bad_file (error, path, _("[Survey] Version must be 1 or more.")), NULL;
  s->title = g_key_file_get_locale_string (kf, "Survey", "Title", NULL, NULL);
  if (s->title == NULL)
    s->title = g_strdup (s->id);
  s->anonymous = TRUE;
  if (g_key_file_has_key (kf, "Survey", "Anonymous", NULL))
    {
      s->anonymous = g_key_file_get_boolean (kf, "Survey", "Anonymous", &local);
      if (local != NULL)
        return bad_file (error, path, _("[Survey] Anonymous must be true or false.")), NULL;
    }
  for (guint i = 1; ; i++)
    {
      g_autofree char *group = g_strdup_printf ("Question %u", i);
      g_autofree char *why = NULL;
      SerahSurveyQuestion *q;
      gsize n_choices = 0;
      int answer;

      if (!g_key_file_has_group (kf, group))
        break;
      if (i > SERAH_SURVEY_MAX_QUESTIONS)
        return bad_file (error, path, _("more than 20 questions.")), NULL;
      q = g_new0 (SerahSurveyQuestion, 1);
      g_ptr_array_add (s->questions, q);
      q->text = g_key_file_get_locale_string (kf, group, "Text", NULL, NULL);
      q->choices = g_key_file_get_locale_string_list (kf, group, "Choices", NULL, &n_choices, NULL);
      answer = g_key_file_get_integer (kf, group, "Answer", NULL);
      if (q->text == NULL || *q->text == '\0')
        why = g_strdup_printf (_("[%s] has no Text."), group);
      else if (n_choices < 2 || n_choices > SERAH_SURVEY_MAX_CHOICES)
        why = g_strdup_printf (_("[%s] needs 2 to 9 Choices."), group);
      else if (answer < 1 || (gsize) answer > n_choices)
        why = g_strdup_printf (_("[%s] Answer must be a choice from 1 to %zu."), group, n_choices);
      if (why != NULL)
        return bad_file (error, path, why), NULL;
      q->answer = (guint) answer;
    }
  if (s->questions->len == 0)
    return bad_file (error, path, _("no [Question 1].")), NULL;
  return g_steal_pointer (&s);
}

SerahSurvey *
serah_survey_load (const char *name, GError **error)
{
  g_auto(GStrv) dirs = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (strchr (name, '/') != NULL || g_str_has_suffix (name, ".survey"))
    return serah_survey_load_from_file (name, error);
  file = g_strconcat (name, ".survey", NULL);
  dirs = search_dirs ();
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return serah_survey_load_from_file (path, error);
    }
  g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
               _("No survey named “%s” (serah-cli survey list shows them)."), name);
  return NULL;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

char **
serah_survey_list_names (void)
{
  g_auto(GStrv) dirs = search_dirs ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (entry, ".survey"))
          {
            char *name = g_strndup (entry, strlen (entry) - strlen (".survey"));
            if (!g_hash_table_add (seen, name))
              continue;
            g_ptr_array_add (names, name);
          }
    }
  g_ptr_array_sort (names, compare_names);
  {
    GStrvBuilder *b = g_strv_builder_new ();
    char **out;
    for (guint i = 0; i < names->len; i++)
      g_strv_builder_add (b, names->pdata[i]);
    out = g_strv_builder_end (b);
    g_strv_builder_unref (b);
    return out;
  }
}

gboolean
serah_survey_score (const SerahSurvey *survey, const guint8 *answers, guint n, guint *score,
                    GError **error)
{
  guint right = 0;

  g_return_val_if_fail (survey != NULL, FALSE);
  if (n != survey->questions->len)
    return serah_outreach_fail (error, _("The survey “%s” has %u questions; %u answers were given."),
                                survey->id, survey->questions->len, n);
  for (guint i = 0; i < n; i++)
    {
      const SerahSurveyQuestion *q = g_ptr_array_index (survey->questions, i);
      if (answers[i] < 1 || answers[i] > g_strv_length (q->choices))
        return serah_outreach_fail (error, _("Answer %u must be a choice from 1 to %u."), i + 1,
                                    g_strv_length (q->choices));
      if (answers[i] == q->answer)
        right++;
    }
  if (score)
    *score = right;
  return TRUE;
}

const char *
serah_survey_phase_to_string (SerahSurveyPhase phase)
{
  static const char *const names[] = { "before", "after", "handover" };
  g_return_val_if_fail (phase <= SERAH_SURVEY_PHASE_HANDOVER, NULL);
  return names[phase];
}

gboolean
serah_survey_phase_parse (const char *text, SerahSurveyPhase *phase)
{
  static const struct { const char *word; SerahSurveyPhase phase; } words[] = {
    { "before", SERAH_SURVEY_PHASE_BEFORE }, { "sebelum", SERAH_SURVEY_PHASE_BEFORE },
    { "after", SERAH_SURVEY_PHASE_AFTER }, { "sesudah", SERAH_SURVEY_PHASE_AFTER },
    { "handover", SERAH_SURVEY_PHASE_HANDOVER }, { "serah-terima", SERAH_SURVEY_PHASE_HANDOVER },
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i].word) == 0)
      {
        *phase = words[i].phase;
        return TRUE;
      }
  return FALSE;
}

gint64
serah_survey_record (SerahStore *store, const SerahSurvey *survey, const SerahSurveySheet *sheet,
                     const char *operator_name, guint *score_out, GError **error)
{
  g_autoptr(GString) answers = g_string_new (NULL);
  char date[11];
  guint score = 0;
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (survey != NULL && sheet != NULL, 0);

  if (!serah_survey_score (survey, sheet->answers, sheet->n_answers, &score, error))
    return 0;
  if (sheet->taken_on == NULL || !serah_date_parse (sheet->taken_on, date))
    return serah_outreach_fail (error, _("The survey date “%s” is not a date (use YYYY-MM-DD)."),
                                sheet->taken_on ? sheet->taken_on : ""), 0;
  if (sheet->phase > SERAH_SURVEY_PHASE_HANDOVER)
    return serah_outreach_fail (error, _("Unknown survey phase.")), 0;
  if (sheet->participant_id != 0 && survey->anonymous)
    return serah_outreach_fail (error, _("The survey “%s” is anonymous: no participant is "
                                         "linked to its answers."), survey->id), 0;
  for (guint i = 0; i < sheet->n_answers; i++)
    g_string_append_printf (answers, "%s%u", i ? "," : "", sheet->answers[i]);
  if (!serah_outreach_check_activity (store, sheet->activity_id, error))
    return 0;
  if (!serah_store_begin (store, error))
    return 0;
  id = serah_store_outreach_insert_understanding (store, survey->id, survey->version,
                                                  serah_survey_phase_to_string (sheet->phase),
                                                  date, sheet->activity_id, sheet->desa,
                                                  sheet->kecamatan, sheet->participant_id,
                                                  answers->str, score, survey->questions->len,
                                                  operator_name, error);
  if (id == 0 || !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  if (score_out)
    *score_out = score;
  return id;
}

GPtrArray *
serah_survey_scores (SerahStore *store, const char *survey_id, SerahSurveyGrouping grouping,
                     GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (survey_id != NULL, NULL);
  return serah_store_outreach_understanding_scores (store, survey_id, grouping, error);
}
