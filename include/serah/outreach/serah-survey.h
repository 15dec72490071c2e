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

void serah_survey_free (SerahSurvey *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSurvey, serah_survey_free)

/* Loads a survey by name (looked up in $SERAH_SURVEYS_DIR, the source tree's surveys/, then
 * the installed folder) or by path (contains '/' or ends in ".survey"). */
SerahSurvey *serah_survey_load           (const char  *name,
                                          GError     **error);
SerahSurvey *serah_survey_load_from_file (const char  *path,
                                          GError     **error);
/* The names of the surveys found, sorted, without duplicates. */
char       **serah_survey_list_names     (void);

/* The number of right answers of one sheet: answers[i] is the chosen choice (1-based) of
 * question i; n must be the number of questions. */
gboolean serah_survey_score (const SerahSurvey *survey,
                             const guint8      *answers,
                             guint              n,
                             guint             *score,
                             GError           **error);

/* "before", "after", "handover" (stored, typed on the command line; "sebelum", "sesudah" and
 * "serah-terima" are accepted too). */
const char *serah_survey_phase_to_string (SerahSurveyPhase phase);
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

/* Scores and records one answer sheet under operator_name; returns its id, 0 on error. The
 * desa and kecamatan default to the activity's. */
gint64 serah_survey_record (SerahStore             *store,
                            const SerahSurvey      *survey,
                            const SerahSurveySheet *sheet,
                            const char             *operator_name,
                            guint                  *score_out,
                            GError                **error);

/* Scores of a survey (by id), grouped, sorted by key. Element type SerahSurveyScoreRow. */
GPtrArray *serah_survey_scores (SerahStore          *store,
                                const char          *survey_id,
                                SerahSurveyGrouping  grouping,
                                GError             **error);

G_END_DECLS
