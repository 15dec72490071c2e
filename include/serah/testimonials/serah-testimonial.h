/* serah-testimonial.h: what recipients say at a ceremony, with their consent to publish it.
 *
 * A testimonial is appended once (text, rating, tags, optional audio and photo kept in the
 * media folder beside the database). Consent is a history of appended events: the current
 * consent is the newest event, and a withdrawal is final. Only testimonials whose current
 * consent is "anonymous" or "named" ever reach an export, and exporters only ever see a
 * SerahTestimonialPublic, which holds no NIK and no card number at all, and no name when the
 * consent is anonymous.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/testimonials/serah-testimonial-records.h>

G_BEGIN_DECLS

#define SERAH_TESTIMONIAL_ERROR (serah_testimonial_error_quark ())
typedef enum {
  SERAH_TESTIMONIAL_ERROR_INVALID,    /* empty text, rating out of 1..5, bad tag */
  SERAH_TESTIMONIAL_ERROR_NOT_IMAGE,  /* the photo is not a JPEG/PNG/WebP image */
  SERAH_TESTIMONIAL_ERROR_NOT_AUDIO,  /* the audio is not an Ogg file */
  SERAH_TESTIMONIAL_ERROR_WITHDRAWN,  /* consent was withdrawn: no further change */
  SERAH_TESTIMONIAL_ERROR_NOT_FOUND,
  SERAH_TESTIMONIAL_ERROR_IO,
  SERAH_TESTIMONIAL_ERROR_NOTHING_TO_EXPORT, /* a PDF of no consented testimonial */
} SerahTestimonialError;
GQuark serah_testimonial_error_quark (void);

/* For people, translated: "Tidak untuk dipublikasikan", ... */
const char *serah_consent_label     (SerahConsent consent);
gboolean    serah_consent_is_publishable (SerahConsent consent);

/* The tags offered first; any other short tag is allowed too. */
extern const char *const serah_testimonial_suggested_tags[];

/* NULL when the testimonial's consent does not allow publishing. */
SerahTestimonialPublic *serah_testimonial_make_public (SerahStore             *store,
                                                       const SerahTestimonial *testimonial);

/* Lower-cases and trims a tag; FALSE (with error) for an empty or unusable one. */
char    *serah_testimonial_normalise_tag (const char *tag,
                                          GError    **error);

/* <database>-media: where audio recordings and photos live. Created on demand. */
char    *serah_testimonial_media_dir     (SerahStore  *store);
/* Absolute path of a file kept in the media folder. */
char    *serah_testimonial_media_path    (SerahStore  *store,
                                          const char  *name);

/* Checks that path really is an image (magic bytes, then a full decode) and stores a copy in
 * the media folder, re-encoded as JPEG at most 1600 px and without its metadata (phone photos
 * carry the GPS position in EXIF). Returns the name in the media folder. */
char    *serah_testimonial_import_photo  (SerahStore  *store,
                                          const char  *path,
                                          GError     **error);
/* Checks that path is an Ogg file and copies it into the media folder; returns its name.
 * A file already inside the media folder is kept where it is. */
char    *serah_testimonial_import_audio  (SerahStore  *store,
                                          const char  *path,
                                          GError     **error);

typedef struct {
  gint64             ceremony_id;     /* 0 = none */
  gint64             participant_id;
  const char        *text;
  int                rating;          /* 0 = not given */
  const char *const *tags;            /* may be NULL */
  const char        *audio_path;      /* file to attach, or NULL */
  const char        *photo_path;      /* file to attach, or NULL */
  SerahConsent       consent;         /* none, anonymous or named */
  const char        *operator_name;
} SerahTestimonialDraft;

/* Validates the draft, stores its media and records testimonial, tags and first consent event
 * in one transaction. Returns the new id, 0 on error (then no media copy is left behind). */
gint64   serah_testimonial_add (SerahStore                  *store,
                                const SerahTestimonialDraft *draft,
                                GError                     **error);

/* Appends a consent event. Refused with SERAH_TESTIMONIAL_ERROR_WITHDRAWN after a
 * withdrawal; a withdrawal needs a reason. */
gboolean serah_testimonial_set_consent (SerahStore   *store,
                                        gint64        testimonial_id,
                                        SerahConsent  consent,
                                        const char   *note,
                                        const char   *operator_name,
                                        GError      **error);

/* ---- exports: only publishable testimonials, through SerahTestimonialPublic ---- */

typedef enum {
  SERAH_TESTIMONIAL_FORMAT_CSV,
  SERAH_TESTIMONIAL_FORMAT_JSON,
  SERAH_TESTIMONIAL_FORMAT_PNG,  /* a folder of quote cards, one per testimonial */
  SERAH_TESTIMONIAL_FORMAT_PDF,  /* one quote card a page */
} SerahTestimonialFormat;

gboolean serah_testimonial_format_parse (const char             *text,
                                         SerahTestimonialFormat *format_out);

/* Publishable testimonials (optionally of one ceremony, 0 = all), oldest first. Element
 * type SerahTestimonialPublic. */
GPtrArray *serah_testimonial_list_public (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/* Writes the publishable testimonials to path; *n_written gets how many. For PNG, path is a
 * folder (created if needed) or a pattern containing "%d" (replaced by the id). The export
 * is recorded in the audit log (export.testimonials) with who made it. */
gboolean serah_testimonial_export (SerahStore             *store,
                                   gint64                  ceremony_id,
                                   SerahTestimonialFormat  format,
                                   const char             *path,
                                   const char             *operator_name,
                                   guint                  *n_written,
                                   GError                **error);

/* ---- what the GUI and the CLI read and end (the SQL: serah-store-testimonial.c) ---- */

SerahTestimonial *serah_testimonials_get   (SerahStore *store,
                                            gint64      id,
                                            GError    **error);
GPtrArray        *serah_testimonials_list  (SerahStore *store,
                                            gint64      ceremony_id,
                                            gboolean    publishable_only,
                                            GError    **error);
gint64 serah_testimonials_guess_ceremony   (SerahStore *store,
                                            GError    **error);
gint64 serah_testimonial_latest_handover_participant (SerahStore *store,
                                                      gint64      ceremony_id,
                                                      GError    **error);
GPtrArray *serah_recordings_list           (SerahStore         *store,
                                            SerahRecordingState state,
                                            GError            **error);
gboolean   serah_recording_end             (SerahStore         *store,
                                            gint64              recording_id,
                                            SerahRecordingState state,
                                            gint64              duration_ms,
                                            GError            **error);


G_END_DECLS
