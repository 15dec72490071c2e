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

/**
 * serah_testimonial_error_quark:
 *
 * Returns: the quark of #SerahTestimonialError
 */
GQuark serah_testimonial_error_quark (void);

/**
 * serah_consent_label:
 * @consent: a consent
 *
 * Returns: (transfer none): the consent for people, translated ("Tidak untuk
 *   dipublikasikan", ...; static)
 */
const char *serah_consent_label     (SerahConsent consent);

/**
 * serah_consent_is_publishable:
 * @consent: a consent
 *
 * Returns: %TRUE for anonymous or named consent: the testimonial may leave the machine
 */
gboolean    serah_consent_is_publishable (SerahConsent consent);

/* The tags offered first; any other short tag is allowed too. */
extern const char *const serah_testimonial_suggested_tags[];

/**
 * serah_testimonial_make_public:
 * @store: (nullable): the office database, to find a named testimonial's photo (%NULL: no
 *   photo)
 * @testimonial: a testimonial
 *
 * Builds what may leave the machine: for anonymous consent without name or photo.
 *
 * Returns: (transfer full) (nullable): the public form, or %NULL when the testimonial's
 *   consent does not allow publishing; free with serah_testimonial_public_free()
 */
SerahTestimonialPublic *serah_testimonial_make_public (SerahStore             *store,
                                                       const SerahTestimonial *testimonial);

/**
 * serah_testimonial_normalise_tag:
 * @tag: a tag as typed
 * @error: return location for a #GError
 *
 * Lower-cases and trims a tag.
 *
 * Returns: (transfer full) (nullable): the tag, or %NULL with @error set for an empty or
 *   unusable one
 */
char    *serah_testimonial_normalise_tag (const char *tag,
                                          GError    **error);

/**
 * serah_testimonial_media_dir:
 * @store: the office database
 *
 * Where audio recordings and photos live: the database's path with "-media" appended. This
 * only names the folder; the imports create it when they need it.
 *
 * Returns: (transfer full): the folder's path; free with g_free()
 */
char    *serah_testimonial_media_dir     (SerahStore  *store);

/**
 * serah_testimonial_media_path:
 * @store: the office database
 * @name: a file name stored in the database
 *
 * Returns: (transfer full) (nullable): the absolute path of @name in the media folder, or
 *   %NULL when @name is absolute or contains ".." (it would climb out of the folder)
 */
char    *serah_testimonial_media_path    (SerahStore  *store,
                                          const char  *name);

/**
 * serah_testimonial_import_photo:
 * @store: the office database
 * @path: an image file
 * @error: return location for a #GError
 *
 * Checks that @path really is an image (magic bytes, then a full decode) and stores a copy in
 * the media folder, re-encoded as JPEG at most 1600 px and without its metadata (phone photos
 * carry the GPS position in EXIF).
 *
 * Returns: (transfer full) (nullable): the name in the media folder, or %NULL with @error set
 */
char    *serah_testimonial_import_photo  (SerahStore  *store,
                                          const char  *path,
                                          GError     **error);

/**
 * serah_testimonial_import_audio:
 * @store: the office database
 * @path: an Ogg file
 * @error: return location for a #GError
 *
 * Checks that @path is an Ogg file and copies it into the media folder. A file already inside
 * the media folder is kept where it is.
 *
 * Returns: (transfer full) (nullable): the name in the media folder, or %NULL with @error set
 */
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

/**
 * serah_testimonial_add:
 * @store: the office database
 * @draft: what was said, by whom, with which consent and media
 * @error: return location for a #GError
 *
 * Validates the draft, stores its media and records the testimonial, its tags and its first
 * consent event in one transaction.
 *
 * Returns: the new id, or 0 with @error set (then no media copy is left behind)
 */
gint64   serah_testimonial_add (SerahStore                  *store,
                                const SerahTestimonialDraft *draft,
                                GError                     **error);

/**
 * serah_testimonial_set_consent:
 * @store: the office database
 * @testimonial_id: a testimonial
 * @consent: the new consent
 * @note: (nullable): why; required for a withdrawal
 * @operator_name: (nullable): who records it (%NULL: the system user)
 * @error: return location for a #GError
 *
 * Appends a consent event. Refused with %SERAH_TESTIMONIAL_ERROR_WITHDRAWN after a
 * withdrawal.
 *
 * Returns: %TRUE when recorded, %FALSE with @error set
 */
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

/**
 * serah_testimonial_format_parse:
 * @text: (nullable): a format's name, as the CLI takes it
 * @format_out: (out): the format
 *
 * Returns: %TRUE and @format_out written for a known name, %FALSE otherwise
 */
gboolean serah_testimonial_format_parse (const char             *text,
                                         SerahTestimonialFormat *format_out);

/**
 * serah_testimonial_list_public:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @error: return location for a #GError
 *
 * The publishable testimonials, oldest first, already in their public form.
 *
 * Returns: (transfer full) (element-type SerahTestimonialPublic) (nullable): the array (it
 *   frees its elements), or %NULL with @error set
 */
GPtrArray *serah_testimonial_list_public (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/**
 * serah_testimonial_export:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @format: the file format
 * @path: the file; for PNG a folder (created if needed) or a pattern containing "%d"
 *   (replaced by the id)
 * @operator_name: (nullable): who exports (%NULL: the system user)
 * @n_written: (out) (optional): how many testimonials were written
 * @error: return location for a #GError
 *
 * Writes the publishable testimonials, and only those, and records the export in the audit
 * log (export.testimonials).
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_testimonial_export (SerahStore             *store,
                                   gint64                  ceremony_id,
                                   SerahTestimonialFormat  format,
                                   const char             *path,
                                   const char             *operator_name,
                                   guint                  *n_written,
                                   GError                **error);

/* ---- what the GUI and the CLI read and end (the SQL: serah-store-testimonial.c) ---- */

/**
 * serah_testimonials_get:
 * @store: the office database
 * @id: a testimonial's row id
 * @error: return location for a #GError
 *
 * Reads one testimonial with its tags and current consent.
 *
 * Returns: (transfer full) (nullable): the testimonial, or %NULL with no error when there is
 *   no such id
 */
SerahTestimonial *serah_testimonials_get   (SerahStore *store,
                                            gint64      id,
                                            GError    **error);

/**
 * serah_testimonials_list:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @publishable_only: only those whose current consent is anonymous or named (oldest first)
 * @error: return location for a #GError
 *
 * Lists testimonials, newest first (oldest first with @publishable_only).
 *
 * Returns: (transfer full) (nullable) (element-type SerahTestimonial): the testimonials, or
 *   %NULL with @error set
 */
GPtrArray        *serah_testimonials_list  (SerahStore *store,
                                            gint64      ceremony_id,
                                            gboolean    publishable_only,
                                            GError    **error);

/**
 * serah_testimonials_guess_ceremony:
 * @store: the office database
 * @error: return location for a #GError
 *
 * The ceremony a new testimonial most likely belongs to: the open ceremony with the latest
 * live handover, else the newest open ceremony.
 *
 * Returns: its id, or 0 when there is none
 */
gint64 serah_testimonials_guess_ceremony   (SerahStore *store,
                                            GError    **error);

/**
 * serah_testimonial_latest_handover_participant:
 * @store: the office database
 * @ceremony_id: the ceremony
 * @error: return location for a #GError
 *
 * The participant of the latest live (not undone) handover of a ceremony: the person just
 * served at the check-off, offered first for a testimonial.
 *
 * Returns: the participant's id, or 0 when none
 */
gint64 serah_testimonial_latest_handover_participant (SerahStore *store,
                                                      gint64      ceremony_id,
                                                      GError    **error);

/**
 * serah_recordings_list:
 * @store: the office database
 * @state: which recordings: OPEN (never ended), FINISHED or RECOVERED (not yet attached to a
 *   testimonial)
 * @error: return location for a #GError
 *
 * Lists the journalled audio recordings in a state, newest first.
 *
 * Returns: (transfer full) (nullable) (element-type SerahRecording): the recordings, or %NULL
 *   with @error set
 */
GPtrArray *serah_recordings_list           (SerahStore         *store,
                                            SerahRecordingState state,
                                            GError            **error);

/**
 * serah_recording_end:
 * @store: the office database
 * @recording_id: the journal row of the recording
 * @state: how it ended (FINISHED, RECOVERED or DISCARDED)
 * @duration_ms: its length
 * @error: return location for a #GError
 *
 * Records in the journal how a recording ended.
 *
 * Returns: %TRUE when recorded, %FALSE with @error set
 */
gboolean   serah_recording_end             (SerahStore         *store,
                                            gint64              recording_id,
                                            SerahRecordingState state,
                                            gint64              duration_ms,
                                            GError            **error);


G_END_DECLS
