/* serah-cli-outreach.c: the outreach verbs of serah-cli (issue 15), a thin layer over the
 * domain functions of include/serah/outreach/.
 *
 *   survey skm add --unit U --date D --answers 4,3,... [--sex L|P] [--age N]
 *                  [--education K] [--occupation K] [--activity ID]
 *   survey skm report [--unit U] [--from D] [--to D] [--population N]
 *   survey skm export -o FILE.csv [--unit U] [--from D] [--to D] [--population N]
 *   survey list
 *   activity add --kind K --date D --place P [--desa D] [--kecamatan K] [--attendance N]
 *                [--partner KIND[:NAME]]... [--material NAME=COUNT]... [--ceremony ID] [--note T]
 *   activity list [--from D] [--to D] [--desa D]
 *   activity attend ID CODE   (a card's QR code, a NIK or a card number)
 *   registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [--kecamatan K]
 *                    [--address T] [--rt N] [--rw N] [--phone T] [--reason T] [--activity ID]
 *                    [--ceremony ID]
 *   registration list [--status S] [--from D] [--to D] [--activity ID]   (NIKs masked)
 *   registration status ID verified|rejected [--reason T]
 *   registration export --format csv|xlsx -o FILE [--status S] [--from D] [--to D]
 *   feedback add --channel C --category K --text T [--desa D] [--card NO] [--activity ID]
 *                [--received YYYY-MM-DD]
 *   feedback forward ID --to bpjs|puskesmas|desa|dinsos
 *   feedback resolve ID --response T
 *   feedback list [--open]
 *   indicators --format csv|xlsx -o FILE [--from D] [--to D]
 *   survey answer NAME --phase before|after|handover --date D --answers 2,1,... [--activity ID]
 *                 [--desa D] [--kecamatan K]
 *   survey scores NAME [--by activity|desa|month]
 *
 * Role rules as elsewhere: officers record and read aggregates; what leaves the machine as a
 * file needs an administrator and is audited by the core.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-private.h"

static gboolean
sign_in (SerahCli *cli, SerahRole role, int *status)
{
  g_autoptr(GError) error = NULL;

  if (serah_cli_get_store (cli) == NULL)
    {
      *status = SERAH_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (serah_cli_require_role (cli, role, &error))
    return TRUE;
  *status = serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
  return FALSE;
}

static int
usage_error (SerahCli *cli, const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (SERAH_OUTREACH_ERROR,
                                                 SERAH_OUTREACH_ERROR_INVALID, message);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

/* A rule's refusal (a closed registration, a duplicate) is 1; bad input or a missing record 2. */
static int
fail (SerahCli *cli, const GError *error)
{
  if (error != NULL && error->domain == SERAH_OUTREACH_ERROR &&
      error->code == SERAH_OUTREACH_ERROR_REFUSED)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_REFUSED);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

static JsonBuilder *
json_ok (void)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, TRUE);
  return b;
}

static void
print_json_done (SerahCli *cli, JsonBuilder *b)
{
  json_builder_end_object (b);
  serah_cli_print_json (cli, b);
}

/* "4,3,4" or "434": digits, commas and spaces. */
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
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Service unit surveyed"), "UNIT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the answers"), "YYYY-MM-DD" },
    { "answers", 0, 0, G_OPTION_ARG_STRING, &answers, N_("Nine answers 1-4, U1 to U9"), "4,3,..." },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("Respondent's sex (L or P)"), "L|P" },
    { "age", 0, 0, G_OPTION_ARG_INT, &age, N_("Respondent's age"), "N" },
    { "education", 0, 0, G_OPTION_ARG_STRING, &education, N_("sd, smp, sma, diploma, s1, s2, tidak-sekolah"), "K" },
    { "occupation", 0, 0, G_OPTION_ARG_STRING, &occupation, N_("pns, tni, polri, swasta, wirausaha, pelajar, lainnya"), "K" },
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity, N_("Activity where it was asked"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahSkmResponse r = { 0 };
  int status;

  if (!serah_cli_parse (cli, "survey skm add --unit U --date D --answers A [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (unit == NULL || date == NULL || answers == NULL)
    return usage_error (cli, _("survey skm add needs --unit, --date and --answers."));
  if (!parse_answers (answers, r.answers, SERAH_SKM_ELEMENTS, 4))
    return usage_error (cli, _("--answers needs nine answers from 1 to 4 (U1 to U9)."));
  if (sex != NULL && !serah_sex_parse (sex, &r.sex))
    return usage_error (cli, _("--sex must be L or P."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  r.unit = unit;
  g_strlcpy (r.surveyed_on, date, sizeof r.surveyed_on);
  r.age = age;
  r.education = education;
  r.occupation = occupation;
  r.activity_id = activity;
  id = serah_skm_record (cli->store, &r, cli->operator_name, &error);
  if (id == 0)
    return fail (cli, error);
  serah_cli_message (cli, _("Recorded survey answers %lld."), (long long) id);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      print_json_done (cli, b);
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
      JsonBuilder *b = json_ok ();
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
      print_json_done (cli, b);
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
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this service unit"), "UNIT" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "YYYY-MM-DD" },
    { "population", 0, 0, G_OPTION_ARG_INT64, &population, N_("People served in the period"), "N" },
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
  if (export && output == NULL)
    return usage_error (cli, _("survey skm export needs -o FILE.csv."));
  if (!sign_in (cli, export ? SERAH_ROLE_ADMIN : SERAH_ROLE_OFFICER, &status))
    return status;
  filter.unit = unit;
  filter.from = from;
  filter.to = to;
  if (export)
    {
      if (!serah_skm_write_csv (cli->store, &filter, population, output, cli->operator_name,
                                &error))
        return fail (cli, error);
      serah_cli_message (cli, _("Report written to “%s”."), output);
      if (cli->json)
        {
          JsonBuilder *b = json_ok ();
          json_builder_set_member_name (b, "output");
          json_builder_add_string_value (b, output);
          print_json_done (cli, b);
        }
      return SERAH_CLI_EXIT_OK;
    }
  {
    g_autoptr(SerahSkmReport) report = serah_skm_report (cli->store, &filter, population, &error);
    if (report == NULL)
      return fail (cli, error);
    print_skm_report (cli, report);
  }
  return SERAH_CLI_EXIT_OK;
}

/* ---- understanding surveys ---- */

static int
survey_list (SerahCli *cli)
{
  g_auto(GStrv) names = serah_survey_list_names ();
  JsonBuilder *b = cli->json ? json_ok () : NULL;

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
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
survey_answer (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *phase = NULL, *date = NULL, *answers = NULL, *desa = NULL, *kecamatan = NULL;
  gint64 activity = 0, id;
  GOptionEntry entries[] = {
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase, N_("before, after or handover"), "PHASE" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the answers"), "YYYY-MM-DD" },
    { "answers", 0, 0, G_OPTION_ARG_STRING, &answers, N_("The chosen choice of each question"), "2,1,..." },
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity, N_("Activity where it was asked"), "ID" },
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
  if (argc != 2 || phase == NULL || date == NULL || answers == NULL)
    return usage_error (cli, _("survey answer needs a survey name, --phase, --date and --answers."));
  if (!serah_survey_phase_parse (phase, &sheet.phase))
    return usage_error (cli, _("--phase must be before, after or handover."));
  survey = serah_survey_load (argv[1], &error);
  if (survey == NULL)
    return fail (cli, error);
  if (!parse_answers (answers, chosen, survey->questions->len, SERAH_SURVEY_MAX_CHOICES))
    {
      g_autofree char *msg = g_strdup_printf (_("--answers needs %u answers, one per question."),
                                              survey->questions->len);
      return usage_error (cli, msg);
    }
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  sheet.taken_on = date;
  sheet.activity_id = activity;
  sheet.desa = desa;
  sheet.kecamatan = kecamatan;
  sheet.answers = chosen;
  sheet.n_answers = survey->questions->len;
  id = serah_survey_record (cli->store, survey, &sheet, cli->operator_name, &score, &error);
  if (id == 0)
    return fail (cli, error);
  serah_cli_message (cli, _("Recorded answer sheet %lld: %u of %u right."), (long long) id,
                     score, survey->questions->len);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "score");
      json_builder_add_int_value (b, score);
      json_builder_set_member_name (b, "questions");
      json_builder_add_int_value (b, survey->questions->len);
      print_json_done (cli, b);
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
    return usage_error (cli, _("survey scores needs a survey name."));
  if (by == NULL || g_strcmp0 (by, "desa") == 0)
    grouping = SERAH_SURVEY_BY_DESA;
  else if (g_strcmp0 (by, "activity") == 0)
    grouping = SERAH_SURVEY_BY_ACTIVITY;
  else if (g_strcmp0 (by, "month") == 0)
    grouping = SERAH_SURVEY_BY_MONTH;
  else
    return usage_error (cli, _("--by must be activity, desa or month."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  rows = serah_survey_scores (cli->store, argv[1], grouping, &error);
  if (rows == NULL)
    return fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
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
      print_json_done (cli, b);
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

static int
verb_survey (SerahCli *cli, int argc, char **argv)
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
  return usage_error (cli, _("Usage: survey skm add|report|export | list | answer NAME | "
                             "scores NAME [OPTIONS]"));
}

/* ---- activities ---- */

static void
json_activity (JsonBuilder *b, const SerahActivity *a)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, a->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, a->kind);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, a->held_on);
  json_builder_set_member_name (b, "place");
  json_builder_add_string_value (b, a->place);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, a->desa);
  json_builder_set_member_name (b, "kecamatan");
  json_builder_add_string_value (b, a->kecamatan);
  json_builder_set_member_name (b, "attendance");
  json_builder_add_int_value (b, a->attendance);
  json_builder_set_member_name (b, "listed");
  json_builder_add_int_value (b, a->listed);
  json_builder_set_member_name (b, "ceremony");
  if (a->ceremony_id > 0)
    json_builder_add_int_value (b, a->ceremony_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "partners");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->partners->len; i++)
    {
      const SerahActivityPartner *p = a->partners->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, p->kind);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "materials");
  json_builder_begin_object (b);
  for (guint i = 0; i < a->materials->len; i++)
    {
      const SerahActivityMaterial *m = a->materials->pdata[i];
      json_builder_set_member_name (b, m->material);
      json_builder_add_int_value (b, m->count);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "recorded_by");
  json_builder_add_string_value (b, a->recorded_by);
  json_builder_end_object (b);
}

static int
activity_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *kind = NULL, *date = NULL, *place = NULL, *desa = NULL, *kecamatan = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) partners = NULL, materials = NULL;
  gint64 attendance = 0, ceremony = 0, id;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("kampanye, sekolah, pertemuan-warga, pelatihan-nakes, forum-diskusi, penyuluhan-acara, media"), "KIND" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the activity"), "YYYY-MM-DD" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where it took place"), "PLACE" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING, &kecamatan, N_("Kecamatan"), "KEC" },
    { "attendance", 0, 0, G_OPTION_ARG_INT64, &attendance, N_("People who attended"), "N" },
    { "partner", 0, 0, G_OPTION_ARG_STRING_ARRAY, &partners, N_("Partner (repeatable): pemerintah-desa, lsm, media-lokal, tokoh-masyarakat, puskesmas, optionally :NAME"), "KIND[:NAME]" },
    { "material", 0, 0, G_OPTION_ARG_STRING_ARRAY, &materials, N_("Materials handed out (repeatable)"), "NAME=COUNT" },
    { "ceremony", 0, 0, G_OPTION_ARG_INT64, &ceremony, N_("The handover ceremony it went with"), "ID" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = serah_activity_new ();
  g_autoptr(SerahActivity) back = NULL;
  int status;

  if (!serah_cli_parse (cli, "activity add --kind K --date D --place P [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (kind == NULL || date == NULL || place == NULL)
    return usage_error (cli, _("activity add needs --kind, --date and --place."));
  for (guint i = 0; partners != NULL && partners[i] != NULL; i++)
    if (!serah_activity_add_partner_text (a, partners[i], &error))
      return fail (cli, error);
  for (guint i = 0; materials != NULL && materials[i] != NULL; i++)
    if (!serah_activity_add_material_text (a, materials[i], &error))
      return fail (cli, error);
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  a->kind = g_steal_pointer (&kind);
  g_strlcpy (a->held_on, date, sizeof a->held_on);
  a->place = g_steal_pointer (&place);
  a->desa = g_steal_pointer (&desa);
  a->kecamatan = g_steal_pointer (&kecamatan);
  a->attendance = attendance;
  a->ceremony_id = ceremony;
  a->note = g_steal_pointer (&note);
  id = serah_activity_record (cli->store, a, cli->operator_name, &error);
  if (id == 0)
    return fail (cli, error);
  serah_cli_message (cli, _("Recorded activity %lld."), (long long) id);
  back = serah_activity_get (cli->store, id, &error);
  if (cli->json && back != NULL)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "activity");
      json_activity (b, back);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
activity_list (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *desa = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day"), "YYYY-MM-DD" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Only this desa"), "DESA" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if (!serah_cli_parse (cli, "activity list [--from D] [--to D] [--desa D]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  list = serah_activity_list (cli->store, from, to, desa, &error);
  if (list == NULL)
    return fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "activities");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_activity (b, list->pdata[i]);
      json_builder_end_array (b);
      print_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahActivity *a = list->pdata[i];
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", a->id, a->held_on,
              serah_activity_kind_label (a->kind), a->place, a->desa ? a->desa : "-",
              a->attendance);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
activity_attend (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autofree char *masked = NULL;
  gboolean added = FALSE;
  char *end = NULL;
  gint64 id;
  int status;

  if (argc != 3)
    return usage_error (cli, _("Usage: activity attend ID CODE (a scanned card, a NIK or a card number)"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return usage_error (cli, _("Say which activity by its number."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  if (!serah_activity_add_attendee (cli->store, id, argv[2], cli->operator_name, &added, &p,
                                    &error))
    return fail (cli, error);
  masked = serah_nik_mask (p->nik);
  if (added)
    serah_cli_message (cli, _("%s (%s) is on the attendance list."), p->name, masked);
  else
    serah_cli_message (cli, _("%s (%s) was already on the attendance list."), p->name, masked);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "nik");
      json_builder_add_string_value (b, masked);
      json_builder_set_member_name (b, "newly_listed");
      json_builder_add_boolean_value (b, added);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_activity (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "attend") == 0)
    return activity_attend (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "add") == 0)
    return activity_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "list") == 0)
    return activity_list (cli, argc - 1, argv + 1);
  return usage_error (cli, _("Usage: activity add|list|attend [OPTIONS]"));
}

/* ---- registrations ---- */

static void
json_registration (JsonBuilder *b, const SerahRegistration *r)
{
  g_autofree char *nik = serah_nik_mask (r->nik);
  g_autofree char *kk = serah_nik_mask (r->kk);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->id);
  json_builder_set_member_name (b, "nik");
  json_builder_add_string_value (b, nik);
  json_builder_set_member_name (b, "kk");
  json_builder_add_string_value (b, kk);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->name);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, r->desa);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, serah_registration_status_to_string (r->status));
  json_builder_set_member_name (b, "status_reason");
  json_builder_add_string_value (b, r->status_reason);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_string_value (b, r->warnings);
  json_builder_set_member_name (b, "activity");
  if (r->activity_id > 0)
    json_builder_add_int_value (b, r->activity_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
json_problems (JsonBuilder *b, GPtrArray *problems)
{
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, p->code);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, p->error ? "error" : "warning");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
registration_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *nik = NULL, *kk = NULL, *name = NULL, *sex = NULL, *birth = NULL;
  g_autofree char *address = NULL, *rt = NULL, *rw = NULL, *desa = NULL, *kecamatan = NULL;
  g_autofree char *phone = NULL, *reason = NULL;
  gint64 activity = 0, ceremony = 0, id;
  GOptionEntry entries[] = {
    { "nik", 0, 0, G_OPTION_ARG_STRING, &nik, N_("NIK (16 digits)"), "NIK" },
    { "kk", 0, 0, G_OPTION_ARG_STRING, &kk, N_("Family card number (16 digits)"), "NO_KK" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("L or P"), "L|P" },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth, N_("Birth date"), "YYYY-MM-DD" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Address"), "TEXT" },
    { "rt", 0, 0, G_OPTION_ARG_STRING, &rt, N_("RT"), "N" },
    { "rw", 0, 0, G_OPTION_ARG_STRING, &rw, N_("RW"), "N" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING, &kecamatan, N_("Kecamatan"), "KEC" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the person is not covered"), "TEXT" },
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity, N_("Activity where it was recorded"), "ID" },
    { "ceremony", 0, 0, G_OPTION_ARG_INT64, &ceremony, N_("Ceremony where it was recorded"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SerahRegistration) r = serah_registration_new ();
  int status;

  if (!serah_cli_parse (cli, "registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [...]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (nik == NULL || kk == NULL || name == NULL || birth == NULL || desa == NULL)
    return usage_error (cli, _("registration add needs --nik, --kk, --name, --sex, --birth-date and --desa."));
  g_strstrip (nik);
  g_strstrip (kk);
  /* The record holds 16 digits: a longer number is refused here, never cut. */
  if (strlen (nik) > 16 || strlen (kk) > 16)
    return usage_error (cli, _("The NIK and the No. KK have 16 digits."));
  if (sex != NULL && !serah_sex_parse (sex, &r->sex))
    return usage_error (cli, _("--sex must be L or P."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  g_strlcpy (r->nik, nik, sizeof r->nik);
  g_strlcpy (r->kk, kk, sizeof r->kk);
  g_strlcpy (r->birth_date, birth, sizeof r->birth_date);
  r->name = g_steal_pointer (&name);
  r->address = g_steal_pointer (&address);
  r->rt = g_steal_pointer (&rt);
  r->rw = g_steal_pointer (&rw);
  r->desa = g_steal_pointer (&desa);
  r->kecamatan = g_steal_pointer (&kecamatan);
  r->phone = g_steal_pointer (&phone);
  r->reason = g_steal_pointer (&reason);
  r->activity_id = activity;
  r->ceremony_id = ceremony;
  id = serah_registration_record (cli->store, r, NULL, cli->operator_name, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      if (!p->error)
        serah_cli_message (cli, _("warning: %s"), p->message);
    }
  if (id == 0)
    {
      if (cli->json && problems != NULL)
        {
          JsonBuilder *b = json_builder_new ();
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "ok");
          json_builder_add_boolean_value (b, FALSE);
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, error->message);
          json_problems (b, problems);
          json_builder_end_object (b);
          serah_cli_message (cli, "%s", error->message);
          serah_cli_print_json (cli, b);
          return error->code == SERAH_OUTREACH_ERROR_REFUSED ? SERAH_CLI_EXIT_REFUSED
                                                             : SERAH_CLI_EXIT_USAGE;
        }
      return fail (cli, error);
    }
  serah_cli_message (cli, _("Recorded registration %lld (submitted)."), (long long) id);
  if (cli->json)
    {
      g_autoptr(SerahRegistration) back = serah_registration_get (cli->store, id, NULL);
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "registration");
      json_registration (b, back);
      json_problems (b, problems);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static gboolean
parse_filter (SerahCli *cli, const char *status, SerahRegistrationFilter *filter)
{
  if (status == NULL)
    return TRUE;
  filter->only_status = TRUE;
  return serah_registration_status_parse (status, &filter->status);
}

static int
registration_list (SerahCli *cli, int argc, char **argv, gboolean export)
{
  g_autofree char *status = NULL, *from = NULL, *to = NULL, *format = NULL, *output = NULL;
  gint64 activity = 0;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("submitted, verified, rejected or covered"), "S" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Recorded on or after"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Recorded on or before"), "YYYY-MM-DD" },
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity, N_("Only this activity"), "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SerahRegistrationFilter filter = { 0 };
  int exit_status;

  if (!serah_cli_parse (cli, export ? "registration export --format csv|xlsx -o FILE [...]"
                                    : "registration list [--status S] [...]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!parse_filter (cli, status, &filter))
    return usage_error (cli, _("--status must be submitted, verified, rejected or covered."));
  filter.from = from;
  filter.to = to;
  filter.activity_id = activity;
  if (export)
    {
      SerahRegistrationFormat f;
      guint n = 0;

      if (output == NULL || (g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "xlsx") != 0))
        return usage_error (cli, _("registration export needs --format csv|xlsx and -o FILE."));
      f = g_strcmp0 (format, "xlsx") == 0 ? SERAH_REGISTRATION_FORMAT_XLSX
                                          : SERAH_REGISTRATION_FORMAT_CSV;
      if (!sign_in (cli, SERAH_ROLE_ADMIN, &exit_status))
        return exit_status;
      if (!serah_registration_export (cli->store, &filter, f, output, cli->operator_name, &n,
                                      &error))
        return fail (cli, error);
      serah_cli_message (cli, _("Wrote %u registrations to “%s”."), n, output);
      if (cli->json)
        {
          JsonBuilder *b = json_ok ();
          json_builder_set_member_name (b, "output");
          json_builder_add_string_value (b, output);
          json_builder_set_member_name (b, "written");
          json_builder_add_int_value (b, n);
          print_json_done (cli, b);
        }
      return SERAH_CLI_EXIT_OK;
    }
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &exit_status))
    return exit_status;
  list = serah_registration_list (cli->store, &filter, &error);
  if (list == NULL)
    return fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "registrations");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_registration (b, list->pdata[i]);
      json_builder_end_array (b);
      print_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahRegistration *r = list->pdata[i];
      g_autofree char *masked = serah_nik_mask (r->nik);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", r->id, masked, r->name,
              r->desa ? r->desa : "-", serah_registration_status_label (r->status),
              r->status_reason ? r->status_reason : (r->warnings ? r->warnings : ""));
    }
  return SERAH_CLI_EXIT_OK;
}

static int
registration_status (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it was rejected"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahRegistrationStatus s;
  gint64 id;
  char *end = NULL;
  int exit_status;

  if (!serah_cli_parse (cli, "registration status ID verified|rejected [--reason T]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 3 || !serah_registration_status_parse (argv[2], &s))
    return usage_error (cli, _("Usage: registration status ID verified|rejected [--reason T]"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return usage_error (cli, _("Say which registration by its number."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &exit_status))
    return exit_status;
  if (!serah_registration_set_status (cli->store, id, s, reason, cli->operator_name, &error))
    return fail (cli, error);
  serah_cli_message (cli, _("Registration %lld is now “%s”."), (long long) id,
                     serah_registration_status_label (s));
  if (cli->json)
    {
      g_autoptr(SerahRegistration) back = serah_registration_get (cli->store, id, NULL);
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "registration");
      json_registration (b, back);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_registration (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    return registration_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "list") == 0)
    return registration_list (cli, argc - 1, argv + 1, FALSE);
  if (g_strcmp0 (sub, "export") == 0)
    return registration_list (cli, argc - 1, argv + 1, TRUE);
  if (g_strcmp0 (sub, "status") == 0)
    return registration_status (cli, argc - 1, argv + 1);
  return usage_error (cli, _("Usage: registration add|list|status|export [OPTIONS]"));
}

/* ---- feedback ---- */

static void
json_feedback (JsonBuilder *b, const SerahFeedback *f, gint64 now)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, f->id);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, f->channel);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, f->category);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, f->desa);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, f->text);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, serah_feedback_state_to_string (f->state));
  json_builder_set_member_name (b, "forwarded_to");
  json_builder_add_string_value (b, f->forwarded_to);
  json_builder_set_member_name (b, "response");
  json_builder_add_string_value (b, f->response);
  json_builder_set_member_name (b, "age_days");
  json_builder_add_int_value (b, serah_feedback_age_days (f, now));
  json_builder_end_object (b);
}

static int
print_feedback (SerahCli *cli, gint64 id, gboolean recorded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahFeedback) f = serah_feedback_get (cli->store, id, &error);

  if (f == NULL)
    return fail (cli, error);
  if (recorded)
    serah_cli_message (cli, _("Recorded feedback %lld (%s)."), (long long) id,
                       serah_feedback_state_label (f->state));
  else
    serah_cli_message (cli, _("Feedback %lld is now “%s”."), (long long) id,
                       serah_feedback_state_label (f->state));
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "feedback");
      json_feedback (b, f, g_get_real_time () / G_USEC_PER_SEC);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
feedback_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *channel = NULL, *category = NULL, *text = NULL, *desa = NULL, *card = NULL;
  g_autofree char *received = NULL;
  gint64 activity = 0, id;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("meja, forum, acara, telepon, pesan, lainnya"), "C" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("data-salah, kartu-belum-diterima, layanan-faskes, iuran-kepesertaan, informasi, lainnya"), "K" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What was said"), "TEXT" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "card", 0, 0, G_OPTION_ARG_STRING, &card, N_("The participant's card number"), "NO" },
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity, N_("Activity where it was said"), "ID" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("Day it was received (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahFeedbackDraft d = { 0 };
  int status;

  if (!serah_cli_parse (cli, "feedback add --channel C --category K --text T [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (channel == NULL || category == NULL || text == NULL)
    return usage_error (cli, _("feedback add needs --channel, --category and --text."));
  if (received != NULL)
    {
      char iso[11];
      g_autoptr(GDateTime) day = NULL;
      int y, m, dd;
      if (!serah_date_parse (received, iso) || sscanf (iso, "%d-%d-%d", &y, &m, &dd) != 3)
        return usage_error (cli, _("--received must be a date (YYYY-MM-DD)."));
      day = g_date_time_new_local (y, m, dd, 12, 0, 0);
      d.received_at = g_date_time_to_unix (day);
    }
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  d.channel = channel;
  d.category = category;
  d.text = text;
  d.desa = desa;
  d.card_no = card;
  d.activity_id = activity;
  id = serah_feedback_record (cli->store, &d, cli->operator_name, &error);
  if (id == 0)
    return fail (cli, error);
  return print_feedback (cli, id, TRUE);
}

static int
feedback_follow_up (SerahCli *cli, int argc, char **argv, gboolean resolve)
{
  g_autofree char *to = NULL, *response = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("bpjs, puskesmas, desa or dinsos"), "WHERE" },
    { "response", 0, 0, G_OPTION_ARG_STRING, &response, N_("The response given"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  char *end = NULL;
  gint64 id;
  int status;
  gboolean ok;

  if (!serah_cli_parse (cli, resolve ? "feedback resolve ID --response T" : "feedback forward ID --to WHERE",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return usage_error (cli, _("Say which feedback by its number."));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return usage_error (cli, _("Say which feedback by its number."));
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  ok = resolve ? serah_feedback_resolve (cli->store, id, response, cli->operator_name, &error)
               : serah_feedback_forward (cli->store, id, to, cli->operator_name, &error);
  if (!ok)
    return fail (cli, error);
  return print_feedback (cli, id, FALSE);
}

static int
feedback_list (SerahCli *cli, int argc, char **argv)
{
  gboolean open_only = FALSE;
  GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only items not resolved, oldest first"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  if (!serah_cli_parse (cli, "feedback list [--open]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  list = serah_feedback_list (cli->store, open_only, &error);
  if (list == NULL)
    return fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "feedback");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_feedback (b, list->pdata[i], now);
      json_builder_end_array (b);
      print_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahFeedback *f = list->pdata[i];
      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", f->id,
              serah_feedback_age_days (f, now), serah_feedback_state_label (f->state),
              serah_feedback_category_label (f->category), f->desa ? f->desa : "-", f->text);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_feedback (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    return feedback_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "forward") == 0)
    return feedback_follow_up (cli, argc - 1, argv + 1, FALSE);
  if (g_strcmp0 (sub, "resolve") == 0)
    return feedback_follow_up (cli, argc - 1, argv + 1, TRUE);
  if (g_strcmp0 (sub, "list") == 0)
    return feedback_list (cli, argc - 1, argv + 1);
  return usage_error (cli, _("Usage: feedback add|forward|resolve|list [OPTIONS]"));
}

/* ---- indicators ---- */

static int
verb_indicators (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *output = NULL, *from = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  int status;

  if (!serah_cli_parse (cli, "indicators --format csv|xlsx -o FILE [--from D] [--to D]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (output == NULL || (g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "xlsx") != 0))
    return usage_error (cli, _("indicators needs --format csv|xlsx and -o FILE."));
  if (!sign_in (cli, SERAH_ROLE_ADMIN, &status))
    return status;
  if (!serah_outreach_indicators_write (cli->store, from, to, g_get_real_time () / G_USEC_PER_SEC,
                                        g_strcmp0 (format, "xlsx") == 0 ? SERAH_OUTREACH_REPORT_XLSX
                                                                        : SERAH_OUTREACH_REPORT_CSV,
                                        output, cli->operator_name, &error))
    return fail (cli, error);
  serah_cli_message (cli, _("Report written to “%s”."), output);
  if (cli->json)
    {
      JsonBuilder *b = json_ok ();
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      print_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_outreach_verbs[] = {
  { "activity", verb_activity,
    "activity add --kind K --date D --place P [--desa D] [--kecamatan K] [--attendance N] "
    "[--partner KIND[:NAME]]... [--material NAME=COUNT]... [--ceremony ID] [--note T] | "
    "list [--from D] [--to D] [--desa D] | attend ID CODE" },
  { "registration", verb_registration,
    "registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [--kecamatan K] "
    "[--address T] [--rt N] [--rw N] [--phone T] [--reason T] [--activity ID] [--ceremony ID] | "
    "list [--status S] [--from D] [--to D] [--activity ID] | status ID verified|rejected "
    "[--reason T] | export --format csv|xlsx -o FILE [--status S] [--from D] [--to D]" },
  { "survey", verb_survey,
    "survey skm add --unit U --date D --answers 4,3,... [--sex L|P] [--age N] [--education K] "
    "[--occupation K] [--activity ID] | skm report|export [-o FILE.csv] [--unit U] [--from D] "
    "[--to D] [--population N] | list | answer NAME --phase before|after|handover --date D "
    "--answers 2,1,... [--activity ID] [--desa D] [--kecamatan K] | scores NAME "
    "[--by activity|desa|month]" },
  { "feedback", verb_feedback,
    "feedback add --channel C --category K --text T [--desa D] [--card NO] [--activity ID] "
    "[--received D] | forward ID --to bpjs|puskesmas|desa|dinsos | resolve ID --response T | "
    "list [--open]" },
  { "indicators", verb_indicators,
    "indicators --format csv|xlsx -o FILE [--from D] [--to D]   (outreach indicators)" },
  { NULL }
};
