/* serah-survey.h: understanding surveys (pemahaman), questionnaires defined as data files in
 * surveys/ (format: surveys/README.md), asked before and after a socialisation activity or
 * after a handover; anonymous unless the survey file says otherwise.
 *
 * A recorded answer sheet keeps the survey's id and version and its score, so later edits of
 * the file never change what was measured. Scores are reported per activity, desa or month,
 * before and after.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

#define SERAH_SURVEY_MAX_QUESTIONS 20
#define SERAH_SURVEY_MAX_CHOICES   9

typedef struct {
  char  *text;
  char **choices;     /* NULL-terminated, 2..9 */
  guint  answer;      /* the right choice, 1-based */
} SerahSurveyQuestion;

typedef struct {
  char      *id;        /* "pemahaman-jkn" */
  int        version;
  char      *title;
  gboolean   anonymous;
  GPtrArray *questions; /* SerahSurveyQuestion */
  char      *path;      /* the file it came from */
} SerahSurvey;

/**
 * serah_survey_free:
 * @self: (nullable): a survey, or %NULL
 *
 * Frees @self, its strings and its questions.
 */
void serah_survey_free (SerahSurvey *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSurvey, serah_survey_free)

/**
 * serah_survey_load:
 * @name: a survey's name ("pemahaman-jkn") or a path
 * @error: return location for a #GError
 *
 * Loads a survey by name (looked up in $SERAH_SURVEYS_DIR, the source tree's surveys/, then
 * the installed folder) or by path (contains '/' or ends in ".survey").
 *
 * Returns: (transfer full) (nullable): the survey, to free with serah_survey_free(); %NULL
 *   with %SERAH_OUTREACH_ERROR_NOT_FOUND when no folder has it, or with the error of
 *   serah_survey_load_from_file()
 */
SerahSurvey *serah_survey_load           (const char  *name,
                                          GError     **error);
/**
 * serah_survey_load_from_file:
 * @path: a survey file (format: surveys/README.md)
 * @error: return location for a #GError
 *
 * Loads and checks the survey in @path.
 *
 * Returns: (transfer full) (nullable): the survey, to free with serah_survey_free(); %NULL
 *   with @error set when the file cannot be read or is not a valid survey
 */
SerahSurvey *serah_survey_load_from_file (const char  *path,
                                          GError     **error);
/**
 * serah_survey_list_names:
 *
 * The names of the surveys found, sorted, without duplicates.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, possibly none (never
 *   %NULL); free with g_strfreev()
 */
char       **serah_survey_list_names     (void);

/**
 * serah_survey_score:
 * @survey: a survey
 * @answers: (array length=n): the chosen choices
 * @n: the number of answers
 * @score: (out) (optional): the number of right answers
 * @error: return location for a #GError
 *
 * The number of right answers of one sheet: answers[i] is the chosen choice (1-based) of
 * question i; n must be the number of questions.
 *
 * Returns: %TRUE with @score set; %FALSE with %SERAH_OUTREACH_ERROR_INVALID when @n is not
 *   the number of questions or an answer is not one of its question's choices
 */
gboolean serah_survey_score (const SerahSurvey *survey,
                             const guint8      *answers,
                             guint              n,
                             guint             *score,
                             GError           **error);

/**
 * serah_survey_phase_to_string:
 * @phase: a phase
 *
 * "before", "after", "handover" (stored, typed on the command line; "sebelum", "sesudah" and
 * "serah-terima" are accepted too by serah_survey_phase_parse()).
 *
 * Returns: (transfer none) (nullable): a static string; %NULL for a value out of the
 *   enumeration
 */
const char *serah_survey_phase_to_string (SerahSurveyPhase phase);
/**
 * serah_survey_phase_parse:
 * @text: (nullable): a word, any case
 * @phase: (out): the phase, set only when %TRUE is returned
 *
 * Accepts "before", "after", "handover", "sebelum", "sesudah" and "serah-terima".
 *
 * Returns: %TRUE when @text is one of them
 */
gboolean    serah_survey_phase_parse     (const char       *text,
                                          SerahSurveyPhase *phase);

typedef struct {
  SerahSurveyPhase phase;
  const char      *taken_on;       /* date (YYYY-MM-DD or dd/mm/yyyy) */
  gint64           activity_id;    /* 0: none */
  const char      *desa;           /* NULL: the activity's */
  const char      *kecamatan;      /* NULL: the activity's */
  gint64           participant_id; /* 0: anonymous (refused for an anonymous survey) */
  const guint8    *answers;
  guint            n_answers;
} SerahSurveySheet;

/**
 * serah_survey_record:
 * @store: the office database
 * @survey: the survey answered
 * @sheet: the answer sheet
 * @operator_name: who records it
 * @score_out: (out) (optional): the sheet's score
 * @error: return location for a #GError
 *
 * Scores and records one answer sheet under @operator_name, with the survey's id and version
 * and the score. The desa and kecamatan default to the activity's.
 *
 * Returns: the new id, 0 on error with @error set
 */
gint64 serah_survey_record (SerahStore             *store,
                            const SerahSurvey      *survey,
                            const SerahSurveySheet *sheet,
                            const char             *operator_name,
                            guint                  *score_out,
                            GError                **error);

/**
 * serah_survey_scores:
 * @store: the office database
 * @survey_id: the survey's id ("pemahaman-jkn")
 * @grouping: by activity, desa or month
 * @error: return location for a #GError
 *
 * Scores of a survey (by id), grouped, sorted by key. Element type SerahSurveyScoreRow.
 *
 * Returns: (transfer container) (element-type SerahSurveyScoreRow) (nullable): the rows
 *   (possibly none); the array frees its elements with serah_survey_score_row_free(), so
 *   g_ptr_array_unref() it. %NULL with @error set when the store cannot be read
 */
GPtrArray *serah_survey_scores (SerahStore          *store,
                                const char          *survey_id,
                                SerahSurveyGrouping  grouping,
                                GError             **error);

G_END_DECLS
