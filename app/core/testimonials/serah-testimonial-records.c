/* serah-testimonial-records.c: constructors, free functions and the stable consent names of
 * the testimonial rows (serah-testimonial-records.h), apart from the SQL and from the rules.
 */
#define G_LOG_DOMAIN "serah-testimonial"

#include "config.h"

#include <serah/testimonials/serah-testimonial-records.h>

static const char *const consent_names[] = { "none", "anonymous", "named", "withdrawn" };

const char *
serah_consent_to_string (SerahConsent consent)
{
  g_return_val_if_fail (consent <= SERAH_CONSENT_WITHDRAWN, "none");
  return consent_names[consent];
}

gboolean
serah_consent_parse (const char *text, SerahConsent *consent_out)
{
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (consent_names); i++)
    if (g_ascii_strcasecmp (text, consent_names[i]) == 0)
      {
        *consent_out = i;
        return TRUE;
      }
  return FALSE;
}

SerahTestimonial *
serah_testimonial_new (void)
{
  SerahTestimonial *self = g_new0 (SerahTestimonial, 1);
  self->tags = g_new0 (char *, 1);
  return self;
}

void
serah_testimonial_free (SerahTestimonial *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->text);
  g_strfreev (self->tags);
  g_free (self->audio_file);
  g_free (self->photo_file);
  g_free (self->recorded_by);
  g_free (self->consent_by);
  g_free (self->consent_note);
  g_free (self->name);
  g_free (self->desa);
  g_free (self->kecamatan);
  g_free (self);
}

void
serah_testimonial_public_free (SerahTestimonialPublic *self)
{
  if (self == NULL)
    return;
  g_free (self->display_name);
  g_free (self->desa);
  g_free (self->kecamatan);
  g_free (self->text);
  g_strfreev (self->tags);
  g_free (self->photo_path);
  g_free (self);
}

void
serah_consent_event_free (SerahConsentEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->note);
  g_free (self->operator_name);
  g_free (self);
}

void
serah_recording_free (SerahRecording *self)
{
  if (self == NULL)
    return;
  g_free (self->file);
  g_free (self->operator_name);
  g_free (self);
}
