/* serah-testimonial-records.h: the testimonial rows (a testimonial, its public form, consent
 * events, the recordings journal), their free functions and the stable consent names.
 *
 * Below both serah-store-testimonial.c (the SQL) and the domain files (serah-testimonial.c,
 * the quote cards, the recorder), so that none of them includes another to get a type:
 * HOUSE-STYLE's "<domain>-records.h".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_CONSENT_NONE,      /* recorded, not to be published */
  SERAH_CONSENT_ANONYMOUS, /* publish as "Peserta JKN-KIS" */
  SERAH_CONSENT_NAMED,     /* publish with the participant's name */
  SERAH_CONSENT_WITHDRAWN, /* consent taken back; never exported again */
} SerahConsent;

/* "none", "anonymous", "named", "withdrawn" (stable: stored and used by the CLI). */
const char *serah_consent_to_string (SerahConsent consent);
gboolean    serah_consent_parse     (const char   *text,
                                     SerahConsent *consent_out);

typedef struct {
  gint64       id;
  char        *uuid;
  gint64       ceremony_id;     /* 0 when not recorded at a ceremony */
  gint64       participant_id;
  char        *text;
  int          rating;          /* 1..5, 0 = not given */
  char       **tags;            /* normalised (lower case), NULL-terminated, never NULL */
  char        *audio_file;      /* name inside the media folder, or NULL */
  char        *photo_file;      /* name inside the media folder, or NULL */
  char        *recorded_by;     /* operator */
  gint64       recorded_at;     /* unix seconds */
  /* Current consent: the newest consent event. */
  SerahConsent consent;
  char        *consent_by;
  gint64       consent_at;
  char        *consent_note;    /* reason of a withdrawal */
  /* From the participant, filled by listings (for the office's own lists). */
  char        *name;
  char        *desa;
  char        *kecamatan;
  char         card_no[14];
} SerahTestimonial;

SerahTestimonial *serah_testimonial_new  (void);
void              serah_testimonial_free (SerahTestimonial *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahTestimonial, serah_testimonial_free)

/* What leaves the machine. Built only from a publishable testimonial; for anonymous consent
 * the name is the generic "Peserta JKN-KIS" and no photo is carried (a face names a person
 * as well as a name does). */
typedef struct {
  gint64   id;
  gboolean anonymous;
  char    *display_name;
  char    *desa;
  char    *kecamatan;
  char    *text;
  int      rating;
  char   **tags;
  char     date[11];      /* ISO date of the testimonial */
  char    *photo_path;    /* absolute path, named consent only, or NULL */
} SerahTestimonialPublic;

void serah_testimonial_public_free (SerahTestimonialPublic *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahTestimonialPublic, serah_testimonial_public_free)

/* The consent history of one testimonial, oldest first. */
typedef struct {
  SerahConsent consent;
  char        *note;
  char        *operator_name;
  gint64       at;
} SerahConsentEvent;
void       serah_consent_event_free (SerahConsentEvent *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahConsentEvent, serah_consent_event_free)

/* ---- audio recordings journal: a recording is journalled before its first byte is
 * written, so one cut short by a crash is found again on the next start. ---- */

typedef enum {
  SERAH_RECORDING_OPEN,      /* started, not finished (in progress, or cut short) */
  SERAH_RECORDING_FINISHED,
  SERAH_RECORDING_RECOVERED, /* was cut short; finalised on a later start */
  SERAH_RECORDING_DISCARDED,
} SerahRecordingState;

typedef struct {
  gint64              id;
  char               *file;           /* name inside the media folder */
  gint64              participant_id; /* 0 when not known */
  gint64              ceremony_id;
  char               *operator_name;
  gint64              started_at;
  SerahRecordingState state;
  gint64              ended_at;
  gint64              duration_ms;
  gint64              testimonial_id; /* 0 while not attached */
} SerahRecording;
void serah_recording_free (SerahRecording *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahRecording, serah_recording_free)

G_END_DECLS
