/* serah-outreach-surveys.c: the Survei sub-page of Sosialisasi: the understanding quiz as its
 * data file (a .survey file of surveys/) defines it, asked before or after an activity or after a
 * handover, and the nine elements of the SKM (PermenPAN-RB 14/2017) answered 1 to 4. The
 * question rows are built from the survey file and the element names from the core, so the
 * form follows the data; scoring and the IKM are the core's. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-outreach-page-private.h"
#include "serah-window.h"

/* A label that wraps beside its dropdown, the dropdown named after the label for a screen
 * reader. */
static GtkDropDown *
add_question (GtkGrid *grid, guint row, const char *text, const char *const *choices)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *drop = gtk_drop_down_new_from_strings (choices);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_label_set_width_chars (GTK_LABEL (label), 34);
  gtk_widget_set_hexpand (drop, TRUE);
  gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
  serah_outreach_page_name_dropdown (GTK_DROP_DOWN (drop), text);
  gtk_grid_attach (grid, label, 0, (int) row, 1, 1);
  gtk_grid_attach (grid, drop, 1, (int) row, 1, 1);
  return GTK_DROP_DOWN (drop);
}

/* The question rows of the chosen questionnaire, replacing those of the one before. */
static void
build_quiz (SerahOutreachPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->survey_choice);
  g_autoptr(GError) error = NULL;
  GtkWidget *w;

  g_clear_pointer (&self->survey, serah_survey_free);
  g_ptr_array_set_size (self->question_drops, 0);
  while ((w = gtk_widget_get_first_child (GTK_WIDGET (self->survey_questions))) != NULL)
    gtk_grid_remove (self->survey_questions, w);
  if (chosen == GTK_INVALID_LIST_POSITION ||
      chosen >= g_list_model_get_n_items (G_LIST_MODEL (self->survey_names)))
    {
      gtk_label_set_text (self->survey_title, _("No understanding survey is installed."));
      return;
    }
  self->survey = serah_survey_load (gtk_string_list_get_string (self->survey_names, chosen),
                                    &error);
  if (self->survey == NULL)
    {
      gtk_label_set_text (self->survey_title, error->message);
      return;
    }
  {
    g_autofree char *title = g_strdup_printf (_("%s (version %d), %u questions%s"),
                                              self->survey->title, self->survey->version,
                                              self->survey->questions->len,
                                              self->survey->anonymous ? _(", anonymous") : "");
    gtk_label_set_text (self->survey_title, title);
  }
  for (guint i = 0; i < self->survey->questions->len; i++)
    {
      const SerahSurveyQuestion *q = self->survey->questions->pdata[i];
      g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, q->text);

      g_ptr_array_add (choices, g_strdup (_("(no answer yet)")));
      for (guint k = 0; q->choices[k] != NULL; k++)
        g_ptr_array_add (choices, g_strdup (q->choices[k]));
      g_ptr_array_add (choices, NULL);
      g_ptr_array_add (self->question_drops,
                       add_question (self->survey_questions, i, text,
                                     (const char *const *) choices->pdata));
    }
}

static void
on_survey_chosen (GtkDropDown *dropdown, GParamSpec *pspec, SerahOutreachPage *self)
{
  /* Also emitted while the template is disposed: nothing to build then. */
  if (self->question_drops != NULL && self->survey_questions != NULL &&
      self->survey_names != NULL && self->survey_title != NULL)
    build_quiz (self);
}

/* Every questionnaire of surveys/ (sorted by name; pemahaman-jkn is the one shipped). The
 * choice is shown only when there is one to make. */
static void
load_survey_names (SerahOutreachPage *self)
{
  g_auto(GStrv) names = serah_survey_list_names ();

  gtk_string_list_splice (self->survey_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->survey_names)),
                          (const char *const *) names);
  gtk_widget_set_visible (GTK_WIDGET (self->survey_choice), g_strv_length (names) > 1);
  gtk_drop_down_set_selected (self->survey_choice, 0);
}

static void
build_skm (SerahOutreachPage *self)
{
  const char *const answers[] = { _("(no answer yet)"), _("1 (poor)"), _("2 (fair)"),
                                  _("3 (good)"), _("4 (very good)"), NULL };

  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("U%u %s", i + 1, serah_skm_element_name (i));
      self->skm_drops[i] = add_question (self->skm_grid, i, text, answers);
    }
}

/* The profile drop downs: "not given" first, then the regulation's answers as the core
 * labels them (the keys stay in the core). */
static void
build_skm_profile (SerahOutreachPage *self)
{
  const char *const sexes[] = { _("(not given)"), _("Male (L)"), _("Female (P)"), NULL };
  g_autoptr(GtkStringList) education = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) occupation = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sex = gtk_string_list_new (sexes);

  gtk_string_list_append (education, _("(not given)"));
  for (guint i = 0; serah_skm_education_keys[i] != NULL; i++)
    gtk_string_list_append (education, serah_skm_education_label (serah_skm_education_keys[i]));
  gtk_string_list_append (occupation, _("(not given)"));
  for (guint i = 0; serah_skm_occupation_keys[i] != NULL; i++)
    gtk_string_list_append (occupation,
                            serah_skm_occupation_label (serah_skm_occupation_keys[i]));
  gtk_drop_down_set_model (self->skm_sex, G_LIST_MODEL (sex));
  gtk_drop_down_set_model (self->skm_education, G_LIST_MODEL (education));
  gtk_drop_down_set_model (self->skm_occupation, G_LIST_MODEL (occupation));
  serah_outreach_page_name_dropdown (self->skm_sex, _("Respondent's sex"));
  serah_outreach_page_name_dropdown (self->skm_education, _("Respondent's education"));
  serah_outreach_page_name_dropdown (self->skm_occupation, _("Respondent's occupation"));
}

/* The key of a profile drop down's choice: NULL for item 0, "not given". */
static const char *
profile_key (GtkDropDown *dropdown, const char *const *keys)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > g_strv_length ((char **) keys))
    return NULL;
  return keys[i - 1];
}

static void
reset_skm_profile (SerahOutreachPage *self)
{
  gtk_drop_down_set_selected (self->skm_sex, 0);
  gtk_spin_button_set_value (self->skm_age, 0);
  gtk_drop_down_set_selected (self->skm_education, 0);
  gtk_drop_down_set_selected (self->skm_occupation, 0);
}

static void
reset_quiz (SerahOutreachPage *self)
{
  for (guint i = 0; i < self->question_drops->len; i++)
    gtk_drop_down_set_selected (self->question_drops->pdata[i], 0);
}

static void
record_survey_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  static const SerahSurveyPhase phases[] = { SERAH_SURVEY_PHASE_BEFORE, SERAH_SURVEY_PHASE_AFTER,
                                             SERAH_SURVEY_PHASE_HANDOVER };
  g_autofree guint8 *answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  SerahSurveySheet sheet = { 0 };
  guint phase = gtk_drop_down_get_selected (self->survey_phase);
  guint score = 0;

  if (self->store == NULL || self->survey == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Recording a quiz")))
    return;
  answers = g_new0 (guint8, MAX (self->question_drops->len, 1));
  for (guint i = 0; i < self->question_drops->len; i++)
    answers[i] = (guint8) gtk_drop_down_get_selected (self->question_drops->pdata[i]);
  sheet.phase = phase < G_N_ELEMENTS (phases) ? phases[phase] : SERAH_SURVEY_PHASE_BEFORE;
  sheet.taken_on = gtk_editable_get_text (GTK_EDITABLE (self->survey_date));
  sheet.activity_id = serah_outreach_page_activity_of (self, self->survey_activity);
  sheet.answers = answers;
  sheet.n_answers = self->question_drops->len;
  if (serah_survey_record (self->store, self->survey, &sheet, serah_window_operator_for (widget),
                           &score, &error) == 0)
    {
      serah_outreach_page_say (self->survey_message, error->message);
      return;
    }
  serah_outreach_page_say (self->survey_message, NULL);
  reset_quiz (self);
  /* TRANSLATORS: the score of one quiz sheet, "3 of 5 right". */
  done = g_strdup_printf (_("Quiz recorded: %u of %u right."), score, self->question_drops->len);
  serah_outreach_page_toast (self, done);
  serah_outreach_page_changed (self);
}

static void
record_skm_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  SerahSkmResponse response = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  if (self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_OFFICER, _("Recording SKM answers")))
    return;
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    if (gtk_drop_down_get_selected (self->skm_drops[i]) == 0)
      {
        g_autofree char *text = g_strdup_printf (_("Answer element U%u (%s) from 1 to 4."), i + 1,
                                                 serah_skm_element_name (i));
        serah_outreach_page_say (self->skm_message, text);
        return;
      }
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    response.answers[i] = (guint8) gtk_drop_down_get_selected (self->skm_drops[i]);
  response.unit = (char *) gtk_editable_get_text (GTK_EDITABLE (self->skm_unit));
  date = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->skm_date)));
  g_strlcpy (response.surveyed_on, date, sizeof response.surveyed_on);
  response.activity_id = serah_outreach_page_activity_of (self, self->survey_activity);
  switch (gtk_drop_down_get_selected (self->skm_sex))
    {
    case 1: response.sex = SERAH_SEX_MALE; break;
    case 2: response.sex = SERAH_SEX_FEMALE; break;
    default: response.sex = SERAH_SEX_UNKNOWN; break;
    }
  response.age = gtk_spin_button_get_value_as_int (self->skm_age);
  response.education = (char *) profile_key (self->skm_education, serah_skm_education_keys);
  response.occupation = (char *) profile_key (self->skm_occupation, serah_skm_occupation_keys);
  if (serah_skm_record (self->store, &response, serah_window_operator_for (widget), &error) == 0)
    {
      serah_outreach_page_say (self->skm_message, error->message);
      return;
    }
  serah_outreach_page_say (self->skm_message, NULL);
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    gtk_drop_down_set_selected (self->skm_drops[i], 0);
  reset_skm_profile (self);
  serah_outreach_page_toast (self, _("SKM answers recorded."));
  serah_outreach_page_changed (self);
}

/* One group of the profile ("Sex: L 3 · P 2"), only the answers given at least once. */
static void
append_counts (GString *out, const char *title, const char *const *labels, const guint *counts,
               guint n)
{
  g_autoptr(GString) group = g_string_new (NULL);

  for (guint i = 0; counts != NULL && i < n; i++)
    if (counts[i] > 0)
      g_string_append_printf (group, "%s%s %u", group->len ? " · " : "", labels[i], counts[i]);
  if (group->len > 0)
    g_string_append_printf (out, "%s%s: %s", out->len ? "; " : "", title, group->str);
}

/* The respondent profile of the SKM answers, as the regulation's report lists it. */
static char *
describe_profile (const SerahSkmProfile *p)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char *sexes[] = { "L", "P", _("not given") };
  const char *ages[SERAH_SKM_N_AGE_GROUPS];
  guint n;

  append_counts (out, _("Sex"), sexes, p->sex, 3);
  for (guint i = 0; i < SERAH_SKM_N_AGE_GROUPS; i++)
    ages[i] = serah_skm_age_group_label (i);
  append_counts (out, _("Age"), ages, p->age, SERAH_SKM_N_AGE_GROUPS);
  n = g_strv_length ((char **) serah_skm_education_keys);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) serah_skm_education_label (serah_skm_education_keys[i]));
  g_ptr_array_add (labels, (gpointer) serah_skm_education_label (NULL));
  append_counts (out, _("Education"), (const char *const *) labels->pdata, p->education, n + 1);
  g_ptr_array_set_size (labels, 0);
  n = g_strv_length ((char **) serah_skm_occupation_keys);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) serah_skm_occupation_label (serah_skm_occupation_keys[i]));
  g_ptr_array_add (labels, (gpointer) serah_skm_occupation_label (NULL));
  append_counts (out, _("Occupation"), (const char *const *) labels->pdata, p->occupation, n + 1);
  if (out->len == 0)
    return NULL;
  /* TRANSLATORS: before the respondent profile of the SKM answers. */
  return g_strdup_printf (_("Respondents: %s."), out->str);
}

void
serah_outreach_surveys_reload (SerahOutreachPage *self)
{
  SerahSkmFilter filter = { NULL, NULL, NULL };
  g_autoptr(SerahSkmReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *profile = NULL;

  if (self->store == NULL)
    return;
  report = serah_skm_report (self->store, &filter, 0, NULL);
  if (report == NULL || report->result.respondents == 0)
    text = g_strdup (_("No SKM answers recorded yet."));
  else
    {
      g_autofree char *ikm = serah_format_decimal (report->result.converted, 2);
      /* TRANSLATORS: IKM 80,56: B (Baik), from 12 respondents. */
      text = g_strdup_printf (ngettext ("IKM so far: %s, quality %s (%s), from %u respondent.",
                                        "IKM so far: %s, quality %s (%s), from %u respondents.",
                                        report->result.respondents),
                              ikm,
                              serah_skm_grade_letter (report->result.grade),
                              serah_skm_grade_label (report->result.grade),
                              report->result.respondents);
      profile = describe_profile (&report->profile);
    }
  if (profile != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, profile);
      gtk_label_set_text (self->skm_summary, both);
    }
  else
    gtk_label_set_text (self->skm_summary, text);
}

void
serah_outreach_surveys_init (SerahOutreachPage *self)
{
  g_autofree char *today = serah_outreach_page_today ();

  self->question_drops = g_ptr_array_new ();
  gtk_string_list_append (self->survey_phases, _("Before the activity"));
  gtk_string_list_append (self->survey_phases, _("After the activity"));
  gtk_string_list_append (self->survey_phases, _("After a card handover"));
  gtk_editable_set_text (GTK_EDITABLE (self->survey_date), today);
  gtk_editable_set_text (GTK_EDITABLE (self->skm_date), today);
  gtk_editable_set_text (GTK_EDITABLE (self->skm_unit), _("Dinas Kesehatan"));
  serah_outreach_page_name_dropdown (self->survey_choice, _("Questionnaire"));
  load_survey_names (self);
  build_quiz (self);
  g_signal_connect (self->survey_choice, "notify::selected", G_CALLBACK (on_survey_chosen), self);
  build_skm (self);
  build_skm_profile (self);
}

void
serah_outreach_surveys_dispose (SerahOutreachPage *self)
{
  g_clear_pointer (&self->survey, serah_survey_free);
  g_clear_pointer (&self->question_drops, g_ptr_array_unref);
}

void
serah_outreach_surveys_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_title);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_choice);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_names);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_phase);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_phases);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_activity);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_activities);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_date);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_questions);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, survey_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_unit);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_date);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_grid);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_summary);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_sex);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_age);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_education);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, skm_occupation);
  gtk_widget_class_install_action (widget_class, "outreach.record-survey", NULL,
                                   record_survey_action);
  gtk_widget_class_install_action (widget_class, "outreach.record-skm", NULL, record_skm_action);
}
