/* serah-outreach-records.c: the row types of the outreach area: their constructors and free
 * functions and the stable words of their states, below both the SQL (serah-store-outreach.c)
 * and the rules (the domain files), so that neither calls into the other for them. */
#include "config.h"

#include <serah/outreach/serah-outreach-records.h>

G_DEFINE_QUARK (serah-outreach-error-quark, serah_outreach_error)

void
serah_skm_response_free (SerahSkmResponse *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->unit);
  g_free (self->education);
  g_free (self->occupation);
  g_free (self->recorded_by);
  g_free (self);
}

static void
partner_free (SerahActivityPartner *p)
{
  g_free (p->kind);
  g_free (p->name);
  g_free (p);
}

static void
material_free (SerahActivityMaterial *m)
{
  g_free (m->material);
  g_free (m);
}

SerahActivity *
serah_activity_new (void)
{
  SerahActivity *a = g_new0 (SerahActivity, 1);

  a->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) partner_free);
  a->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) material_free);
  return a;
}

void
serah_activity_free (SerahActivity *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->place);
  g_free (self->desa);
  g_free (self->kecamatan);
  g_free (self->note);
  g_free (self->recorded_by);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_free (self);
}

static const char *const status_names[] = { "submitted", "verified", "rejected", "covered" };
static const char *const status_words_id[] = { "diajukan", "terverifikasi", "ditolak", "selesai" };

SerahRegistration *
serah_registration_new (void)
{
  return g_new0 (SerahRegistration, 1);
}

void
serah_registration_free (SerahRegistration *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->name);
  g_free (self->address);
  g_free (self->rt);
  g_free (self->rw);
  g_free (self->desa);
  g_free (self->kecamatan);
  g_free (self->phone);
  g_free (self->reason);
  g_free (self->warnings);
  g_free (self->recorded_by);
  g_free (self->status_reason);
  g_free (self->status_by);
  g_free (self);
}

const char *
serah_registration_status_to_string (SerahRegistrationStatus status)
{
  g_return_val_if_fail (status <= SERAH_REGISTRATION_COVERED, NULL);
  return status_names[status];
}

gboolean
serah_registration_status_parse (const char *text, SerahRegistrationStatus *status)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_ascii_strcasecmp (text, status_names[i]) == 0 ||
        g_ascii_strcasecmp (text, status_words_id[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

static const char *const state_names[] = { "received", "forwarded", "resolved" };
static const char *const state_words_id[] = { "diterima", "diteruskan", "selesai" };

SerahFeedback *
serah_feedback_new (void)
{
  return g_new0 (SerahFeedback, 1);
}

void
serah_feedback_free (SerahFeedback *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->channel);
  g_free (self->category);
  g_free (self->desa);
  g_free (self->text);
  g_free (self->recorded_by);
  g_free (self->forwarded_to);
  g_free (self->response);
  g_free (self->state_by);
  g_free (self);
}

const char *
serah_feedback_state_to_string (SerahFeedbackState state)
{
  g_return_val_if_fail (state <= SERAH_FEEDBACK_RESOLVED, NULL);
  return state_names[state];
}

gboolean
serah_feedback_state_parse (const char *text, SerahFeedbackState *state)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_ascii_strcasecmp (text, state_names[i]) == 0 ||
        g_ascii_strcasecmp (text, state_words_id[i]) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

void
serah_survey_score_row_free (SerahSurveyScoreRow *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self);
}

const char *
serah_registration_status_word (SerahRegistrationStatus status)
{
  g_return_val_if_fail (status <= SERAH_REGISTRATION_COVERED, NULL);
  return status_words_id[status];
}

void
serah_data_correction_free (SerahDataCorrection *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->requested_by);
  g_free (self->reprinted_by);
  g_free (self);
}

void
serah_registration_event_free (SerahRegistrationEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self->operator_name);
  g_free (self);
}
