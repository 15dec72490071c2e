/* serah-cli-survey.c: the survey verb of serah-cli (issue 15): the SKM of PermenPAN-RB
 * 14/2017 and the understanding surveys defined in surveys/.
 *
 *   survey skm add --unit U --date D --answers 4,3,... [--sex L|P] [--age N]
 *                  [--education K] [--occupation K] [--activity ID]
 *   survey skm report [--unit U] [--from D] [--to D] [--population N]
 *   survey skm export -o FILE.csv [--unit U] [--from D] [--to D] [--population N]
 *   survey list
 *   survey answer NAME --phase before|after|handover --date D --answers 2,1,... [--activity ID]
 *                 [--desa D] [--kecamatan K]
 *   survey scores NAME [--by activity|desa|month]
 *
 * Answers are recorded by officers; the SKM export needs an administrator (audited).
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-outreach-private.h"

static gboolean
parse_answers (const char *text, guint8 *out, guint n, guint8 max)
{
  guint count = 0;

  if (text == NULL)
    return FALSE;
  for (const char *c = text; *c; c++)
    {
      if (*c == ',' || *c == ' ')
        continue;
      if (*c < '1' || *c > '0' + max || count == n)
        return FALSE;
      out[count++] = (guint8) (*c - '0');
    }
  return count == n;
}

/* ---- survey skm ---- */

static int
skm_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *unit = NULL, *date = NULL, *answers = NULL, *sex = NULL, *education = NULL;
  g_autofree char *occupation = NULL;
  int age = 0;
  gint64 activity = 0, id;
  g_autofree char *activity_text = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Service unit surveyed"), "UNIT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the answers"), "YYYY-MM-DD" },
    { "answers", 0, 0, G_OPTION_ARG_STRING, &answers, N_("Nine answers 1-4, U1 to U9"), "4,3,..." },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Respondent's sex (L or P)"), "L|P" },
    { "age", 0, 0, G_OPTION_ARG_INT, &age, N_("Respondent's age"), "N" },
    { "education", 0, 0, G_OPTION_ARG_STRING, &education, N_("sd, smp, sma, diploma, s1, s2, tidak-sekolah"), "K" },
    { "occupation", 0, 0, G_OPTION_ARG_STRING, &occupation, N_("pns, tni, polri, swasta, wirausaha, pelajar, lainnya"), "K" },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text, N_("Activity where it was asked"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahSkmResponse r = { 0 };
  int status;

  if (!serah_cli_parse (cli, "survey skm add --unit U --date D --answers A [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "activity", activity_text, 1, SERAH_CLI_MAX_ID, &activity))
    return SERAH_CLI_EXIT_USAGE;
  if (unit == NULL || date == NULL || answers == NULL)
    return serah_cli_outreach_usage (cli, _("survey skm add needs --unit, --date and --answers."));
  if (!parse_answers (answers, r.answers, SERAH_SKM_ELEMENTS, 4))
    return serah_cli_outreach_usage (cli, _("--answers needs nine answers from 1 to 4 (U1 to U9)."));
  if (sex != NULL && !serah_sex_parse (sex, &r.sex))
    return serah_cli_outreach_usage (cli, _("--sex must be L or P."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  r.unit = unit;
  g_strlcpy (r.surveyed_on, date, sizeof r.surveyed_on);
  r.age = age;
  r.education = education;
  r.occupation = occupation;
  r.activity_id = activity;
  id = serah_skm_record (cli->store, &r, cli->operator_name, &error);
  if (id == 0)
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Recorded survey answers %lld."), (long long) id);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

/* One count per key, then "not_given". */
static void
json_profile_keys (JsonBuilder *b, const char *const *keys, const guint *counts)
{
  guint i;

  json_builder_begin_object (b);
  for (i = 0; keys[i] != NULL; i++)
    {
      json_builder_set_member_name (b, keys[i]);
      json_builder_add_int_value (b, counts[i]);
    }
  json_builder_set_member_name (b, "not_given");
  json_builder_add_int_value (b, counts[i]);
  json_builder_end_object (b);
}

static void
print_skm_report (SerahCli *cli, const SerahSkmReport *report)
{
  const SerahSkmResult *res = &report->result;

  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "respondents");
      json_builder_add_int_value (b, res->respondents);
      json_builder_set_member_name (b, "elements");
      json_builder_begin_array (b);
      for (guint i = 0; i < SERAH_SKM_ELEMENTS && res->respondents > 0; i++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "element");
          json_builder_add_string_value (b, serah_skm_element_name (i));
          json_builder_set_member_name (b, "nrr");
          json_builder_add_double_value (b, res->nrr[i]);
          json_builder_set_member_name (b, "weighted_nrr");
          json_builder_add_double_value (b, res->weighted_nrr[i]);
          json_builder_set_member_name (b, "converted");
          json_builder_add_double_value (b, res->converted_element[i]);
          json_builder_set_member_name (b, "grade");
          json_builder_add_string_value (b, serah_skm_grade_letter (res->element_grade[i]));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (res->respondents > 0)
        {
          json_builder_set_member_name (b, "ikm");
          json_builder_add_double_value (b, res->index);
          json_builder_set_member_name (b, "converted");
          json_builder_add_double_value (b, res->converted);
          json_builder_set_member_name (b, "grade");
          json_builder_add_string_value (b, serah_skm_grade_letter (res->grade));
          json_builder_set_member_name (b, "grade_label");
          json_builder_add_string_value (b, serah_skm_grade_label (res->grade));
        }
      json_builder_set_member_name (b, "profile");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sex");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "L");
      json_builder_add_int_value (b, report->profile.sex[0]);
      json_builder_set_member_name (b, "P");
      json_builder_add_int_value (b, report->profile.sex[1]);
      json_builder_set_member_name (b, "not_given");
      json_builder_add_int_value (b, report->profile.sex[2]);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "age");
      json_builder_begin_object (b);
      for (guint i = 0; i < SERAH_SKM_N_AGE_GROUPS; i++)
        {
          json_builder_set_member_name (b, i == SERAH_SKM_AGE_UNKNOWN ? "not_given"
                                                                       : serah_skm_age_group_label (i));
          json_builder_add_int_value (b, report->profile.age[i]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "education");
      json_profile_keys (b, serah_skm_education_keys, report->profile.education);
      json_builder_set_member_name (b, "occupation");
      json_profile_keys (b, serah_skm_occupation_keys, report->profile.occupation);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "population");
      json_builder_add_int_value (b, report->population);
      json_builder_set_member_name (b, "sample_needed");
      json_builder_add_int_value (b, report->sample_needed);
      serah_cli_outreach_json_done (cli, b);
      return;
    }
  if (res->respondents == 0)
    {
      serah_cli_message (cli, "%s", _("No survey answers in this period."));
      return;
    }
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    printf ("U%u\t%-42s\t%.3f\t%.2f\t%s\n", i + 1, serah_skm_element_name (i), res->nrr[i],
            res->converted_element[i], serah_skm_grade_letter (res->element_grade[i]));
  printf ("IKM\t%.3f\t%.2f\t%s (%s)\n", res->index, res->converted,
          serah_skm_grade_letter (res->grade), serah_skm_grade_label (res->grade));
  printf ("%s\t%u\n", _("Respondents"), res->respondents);
  if (report->population > 0)
    printf ("%s\t%u\n", _("Sample needed"), report->sample_needed);
}

static int
skm_report (SerahCli *cli, int argc, char **argv, gboolean export)
{
  g_autofree char *unit = NULL, *from = NULL, *to = NULL, *output = NULL;
  gint64 population = 0;
  g_autofree char *population_text = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this service unit"), "UNIT" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "YYYY-MM-DD" },
    { "population", 0, 0, G_OPTION_ARG_STRING, &population_text, N_("People served in the period"), "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("CSV file to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahSkmFilter filter = { 0 };
  int status;

  if (!serah_cli_parse (cli, export ? "survey skm export -o FILE.csv [--unit U] [--from D] [--to D]"
                                    : "survey skm report [--unit U] [--from D] [--to D]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "population", population_text, 1, 1000000000, &population))
    return SERAH_CLI_EXIT_USAGE;
  if (export && output == NULL)
    return serah_cli_outreach_usage (cli, _("survey skm export needs -o FILE.csv."));
  if (!serah_cli_outreach_sign_in (cli, export ? SERAH_ROLE_ADMIN : SERAH_ROLE_OFFICER, &status))
    return status;
  filter.unit = unit;
  filter.from = from;
  filter.to = to;
  if (export)
    {
      if (!serah_skm_write_csv (cli->store, &filter, population, output, cli->operator_name,
                                &error))
        return serah_cli_outreach_fail (cli, error);
      serah_cli_message (cli, _("Report written to “%s”."), output);
      if (cli->json)
        {
          JsonBuilder *b = serah_cli_outreach_json_ok ();
          json_builder_set_member_name (b, "output");
          json_builder_add_string_value (b, output);
          serah_cli_outreach_json_done (cli, b);
        }
      return SERAH_CLI_EXIT_OK;
    }
  {
    g_autoptr(SerahSkmReport) report = serah_skm_report (cli->store, &filter, population, &error);
    if (report == NULL)
      return serah_cli_outreach_fail (cli, error);
    print_skm_report (cli, report);
  }
  return SERAH_CLI_EXIT_OK;
}

/* ---- understanding surveys ---- */

static int
survey_list (SerahCli *cli)
{
  g_auto(GStrv) names = serah_survey_list_names ();
  JsonBuilder *b = cli->json ? serah_cli_outreach_json_ok () : NULL;

  if (b != NULL)
    {
      json_builder_set_member_name (b, "surveys");
      json_builder_begin_array (b);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahSurvey) s = serah_survey_load (names[i], &error);

      if (s == NULL)
        {
          serah_cli_message (cli, "%s", error->message);
          continue;
        }
      if (b != NULL)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, s->id);
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, s->version);
          json_builder_set_member_name (b, "title");
          json_builder_add_string_value (b, s->title);
          json_builder_set_member_name (b, "questions");
          json_builder_add_int_value (b, s->questions->len);
          json_builder_set_member_name (b, "anonymous");
          json_builder_add_boolean_value (b, s->anonymous);
          json_builder_end_object (b);
        }
      else
        printf ("%s\t%d\t%u\t%s\n", s->id, s->version, s->questions->len, s->title);
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
survey_answer (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *phase = NULL, *date = NULL, *answers = NULL, *desa = NULL, *kecamatan = NULL;
  gint64 activity = 0, id;
  g_autofree char *activity_text = NULL;
  GOptionEntry entries[] = {
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase, N_("before, after or handover"), "PHASE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the answers"), "YYYY-MM-DD" },
    { "answers", 0, 0, G_OPTION_ARG_STRING, &answers, N_("The chosen choice of each question"), "2,1,..." },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text, N_("Activity where it was asked"), "ID" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa (default: the activity's)"), "DESA" },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING, &kecamatan, N_("Kecamatan (default: the activity's)"), "KEC" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSurvey) survey = NULL;
  guint8 chosen[SERAH_SURVEY_MAX_QUESTIONS];
  SerahSurveySheet sheet = { 0 };
  guint score = 0;
  int status;

  if (!serah_cli_parse (cli, "survey answer NAME --phase P --date D --answers A [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "activity", activity_text, 1, SERAH_CLI_MAX_ID, &activity))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || phase == NULL || date == NULL || answers == NULL)
    return serah_cli_outreach_usage (cli, _("survey answer needs a survey name, --phase, --date and --answers."));
  if (!serah_survey_phase_parse (phase, &sheet.phase))
    return serah_cli_outreach_usage (cli, _("--phase must be before, after or handover."));
  survey = serah_survey_load (argv[1], &error);
  if (survey == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (!parse_answers (answers, chosen, survey->questions->len, SERAH_SURVEY_MAX_CHOICES))
    {
      g_autofree char *msg = g_strdup_printf (_("--answers needs %u answers, one per question."),
                                              survey->questions->len);
      return serah_cli_outreach_usage (cli, msg);
    }
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  sheet.taken_on = date;
  sheet.activity_id = activity;
  sheet.desa = desa;
  sheet.kecamatan = kecamatan;
  sheet.answers = chosen;
  sheet.n_answers = survey->questions->len;
  id = serah_survey_record (cli->store, survey, &sheet, cli->operator_name, &score, &error);
  if (id == 0)
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Recorded answer sheet %lld: %u of %u right."), (long long) id,
                     score, survey->questions->len);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, score);
      json_builder_set_member_name (b, "questions");
      json_builder_add_int_value (b, survey->questions->len);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
survey_scores (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *by = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("activity, desa or month"), "GROUP" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SerahSurveyGrouping grouping = SERAH_SURVEY_BY_DESA;
  int status;

  if (!serah_cli_parse (cli, "survey scores NAME [--by activity|desa|month]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return serah_cli_outreach_usage (cli, _("survey scores needs a survey name."));
  if (by == NULL || g_strcmp0 (by, "desa") == 0)
    grouping = SERAH_SURVEY_BY_DESA;
  else if (g_strcmp0 (by, "activity") == 0)
    grouping = SERAH_SURVEY_BY_ACTIVITY;
  else if (g_strcmp0 (by, "month") == 0)
    grouping = SERAH_SURVEY_BY_MONTH;
  else
    return serah_cli_outreach_usage (cli, _("--by must be activity, desa or month."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  rows = serah_survey_scores (cli->store, argv[1], grouping, &error);
  if (rows == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "scores");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const SerahSurveyScoreRow *r = rows->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, r->key);
          for (int p = 0; p < 3; p++)
            {
              g_autofree char *sheets = g_strconcat (serah_survey_phase_to_string (p), "_sheets", NULL);
              g_autofree char *mean = g_strconcat (serah_survey_phase_to_string (p), "_percent", NULL);
              json_builder_set_member_name (b, sheets);
              json_builder_add_int_value (b, r->sheets[p]);
              json_builder_set_member_name (b, mean);
              if (r->sheets[p] > 0)
                json_builder_add_double_value (b, r->mean_percent[p]);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      serah_cli_outreach_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const SerahSurveyScoreRow *r = rows->pdata[i];
      printf ("%s\t%u\t%.1f\t%u\t%.1f\n", r->key, r->sheets[0], r->mean_percent[0],
              r->sheets[1], r->mean_percent[1]);
    }
  return SERAH_CLI_EXIT_OK;
}

int
serah_cli_outreach_verb_survey (SerahCli *cli, int argc, char **argv)
{
  const char *kind = argc > 1 ? argv[1] : NULL;
  const char *sub = argc > 2 ? argv[2] : NULL;

  if (g_strcmp0 (kind, "skm") == 0 && sub != NULL)
    {
      argc -= 2;
      argv += 2;
      if (strcmp (sub, "add") == 0)
        return skm_add (cli, argc, argv);
      if (strcmp (sub, "report") == 0)
        return skm_report (cli, argc, argv, FALSE);
      if (strcmp (sub, "export") == 0)
        return skm_report (cli, argc, argv, TRUE);
    }
  if (g_strcmp0 (kind, "list") == 0)
    return survey_list (cli);
  if (g_strcmp0 (kind, "answer") == 0)
    return survey_answer (cli, argc - 1, argv + 1);
  if (g_strcmp0 (kind, "scores") == 0)
    return survey_scores (cli, argc - 1, argv + 1);
  return serah_cli_outreach_usage (cli, _("Usage: survey skm add|report|export | list | answer NAME | "
                             "scores NAME [OPTIONS]"));
}
