/* serah-testimonial.c: the rules of testimonials: consent values and their meaning, tags,
 * the media folder beside the database (photos checked and stripped of metadata, audio
 * checked to be Ogg), recording a testimonial and changing its consent.
 *
 * The publish rule lives in one place, serah_testimonial_make_public(): every exporter works
 * from its result, which never holds a NIK or card number, and no name or photo for an
 * anonymous consent.
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <serah/testimonials/serah-testimonial.h>

#include "testimonials/serah-store-testimonial-private.h"
#include "register/serah-store-participants-private.h"

G_DEFINE_QUARK (serah-testimonial-error-quark, serah_testimonial_error)

#define MAX_TEXT_CHARS 4000
#define MAX_TAG_CHARS 32
#define PHOTO_MAX_PX 1600
#define ANONYMOUS_NAME "Peserta JKN-KIS"

const char *const serah_testimonial_suggested_tags[] = {
  "manfaat", "pelayanan", "pendaftaran", NULL
};

const char *
serah_consent_label (SerahConsent consent)
{
  switch (consent)
    {
    case SERAH_CONSENT_NONE:
      return _("Not to be published");
    case SERAH_CONSENT_ANONYMOUS:
      return _("Publish anonymously");
    case SERAH_CONSENT_NAMED:
      return _("Publish with name");
    case SERAH_CONSENT_WITHDRAWN:
      return _("Consent withdrawn");
    default:
      g_return_val_if_reached ("?");
    }
}

gboolean
serah_consent_is_publishable (SerahConsent consent)
{
  return consent == SERAH_CONSENT_ANONYMOUS || consent == SERAH_CONSENT_NAMED;
}

SerahTestimonialPublic *
serah_testimonial_make_public (SerahStore *store, const SerahTestimonial *t)
{
  SerahTestimonialPublic *pub;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (t != NULL, NULL);

  if (!serah_consent_is_publishable (t->consent))
    return NULL;

  pub = g_new0 (SerahTestimonialPublic, 1);
  pub->id = t->id;
  pub->anonymous = t->consent != SERAH_CONSENT_NAMED;
  pub->display_name = g_strdup (pub->anonymous || t->name == NULL ? ANONYMOUS_NAME : t->name);
  pub->desa = g_strdup (t->desa ? t->desa : "");
  pub->kecamatan = g_strdup (t->kecamatan ? t->kecamatan : "");
  pub->text = g_strdup (t->text);
  pub->rating = t->rating;
  pub->tags = g_strdupv (t->tags);
  when = g_date_time_new_from_unix_local (t->recorded_at);
  if (when != NULL)
    g_snprintf (pub->date, sizeof pub->date, "%04d-%02d-%02d", g_date_time_get_year (when),
                g_date_time_get_month (when), g_date_time_get_day_of_month (when));
  if (!pub->anonymous && t->photo_file != NULL && store != NULL)
    pub->photo_path = serah_testimonial_media_path (store, t->photo_file);
  return pub;
}

char *
serah_testimonial_normalise_tag (const char *tag, GError **error)
{
  g_autofree char *down = NULL;
  char *trimmed;

  if (tag == NULL || !g_utf8_validate (tag, -1, NULL))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("A tag must be text."));
      return NULL;
    }
  down = g_utf8_strdown (tag, -1);
  trimmed = g_strstrip (down);
  if (*trimmed == '\0' || g_utf8_strlen (trimmed, -1) > MAX_TAG_CHARS ||
      strpbrk (trimmed, ",;\t\n\r\x1f") != NULL)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("“%s” is not a usable tag: use a short word such as “manfaat”, "
                     "“pelayanan” or “pendaftaran”."), tag);
      return NULL;
    }
  return g_strdup (trimmed);
}

/* ---- the media folder ---- */

char *
serah_testimonial_media_dir (SerahStore *store)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return g_strconcat (serah_store_get_path (store), "-media", NULL);
}

char *
serah_testimonial_media_path (SerahStore *store, const char *name)
{
  g_autofree char *dir = serah_testimonial_media_dir (store);

  g_return_val_if_fail (name != NULL, NULL);
  /* Names come from the database; never let one climb out of the media folder. */
  if (strstr (name, "..") != NULL || g_path_is_absolute (name))
    return NULL;
  return g_build_filename (dir, name, NULL);
}

static char *
new_media_name (SerahStore *store, const char *subdir, const char *ext, char **abs_out,
                GError **error)
{
  g_autofree char *dir = serah_testimonial_media_dir (store);
  g_autofree char *sub = g_build_filename (dir, subdir, NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  char *name;

  if (g_mkdir_with_parents (sub, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_IO,
                   _("Cannot create the media folder “%s”: %s"), sub, g_strerror (saved));
      return NULL;
    }
  /* A random name: the file name says nothing about who is in it. */
  name = g_strdup_printf ("%s/%s.%s", subdir, uuid, ext);
  *abs_out = g_build_filename (dir, name, NULL);
  return name;
}

static gboolean
read_head (const char *path, guchar *buf, gsize len, gsize *got, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);

  if (in == NULL)
    return FALSE;
  return g_input_stream_read_all (G_INPUT_STREAM (in), buf, len, got, NULL, error);
}

static gboolean
looks_like_image (const guchar *b, gsize n)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (n >= 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff)
    return TRUE;  /* JPEG */
  if (n >= sizeof png && memcmp (b, png, sizeof png) == 0)
    return TRUE;
  if (n >= 12 && memcmp (b, "RIFF", 4) == 0 && memcmp (b + 8, "WEBP", 4) == 0)
    return TRUE;
  return FALSE;
}

char *
serah_testimonial_import_photo (SerahStore *store, const char *path, GError **error)
{
  guchar head[16] = { 0 };
  gsize got = 0;
  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *name = NULL;
  int w, h;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!read_head (path, head, sizeof head, &got, &local))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_IO,
                   _("Cannot read the photo “%s”: %s"), path, local->message);
      return NULL;
    }
  /* Magic bytes first: gdk-pixbuf would also accept SVG, icons and TIFF, which are not
   * photos and may carry scripts or huge canvases. */
  if (!looks_like_image (head, got))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_IMAGE,
                   _("“%s” is not a photo: choose a JPEG, PNG or WebP image."), path);
      return NULL;
    }
  loaded = gdk_pixbuf_new_from_file (path, &local);
  if (loaded == NULL)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_IMAGE,
                   _("“%s” looks like an image but cannot be read (%s): take or choose the "
                     "photo again."), path, local->message);
      return NULL;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (loaded);
  w = gdk_pixbuf_get_width (upright);
  h = gdk_pixbuf_get_height (upright);
  if (MAX (w, h) > PHOTO_MAX_PX)
    {
      double k = (double) PHOTO_MAX_PX / MAX (w, h);
      scaled = gdk_pixbuf_scale_simple (upright, MAX (1, (int) (w * k)), MAX (1, (int) (h * k)),
                                        GDK_INTERP_BILINEAR);
    }
  else
    scaled = g_object_ref (upright);

  name = new_media_name (store, "photos", "jpg", &abs, error);
  if (name == NULL)
    return NULL;
  /* Re-encoding writes pixels only: EXIF (GPS position, phone serial) stays behind. A JPEG
   * has no alpha channel, so flatten first. */
  if (gdk_pixbuf_get_has_alpha (scaled))
    {
      GdkPixbuf *flat = gdk_pixbuf_composite_color_simple (scaled, gdk_pixbuf_get_width (scaled),
                                                           gdk_pixbuf_get_height (scaled),
                                                           GDK_INTERP_NEAREST, 255, 8,
                                                           0xffffffff, 0xffffffff);
      g_object_unref (scaled);
      scaled = flat;
    }
  if (!gdk_pixbuf_save (scaled, abs, "jpeg", &local, "quality", "88", NULL))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_IO,
                   _("Cannot store the photo in “%s”: %s"), abs, local->message);
      g_unlink (abs);
      return NULL;
    }
  return g_steal_pointer (&name);
}

char *
serah_testimonial_import_audio (SerahStore *store, const char *path, GError **error)
{
  guchar head[4] = { 0 };
  gsize got = 0;
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *canon = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dst = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!read_head (path, head, sizeof head, &got, &local))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_IO,
                   _("Cannot read the recording “%s”: %s"), path, local->message);
      return NULL;
    }
  if (got < 4 || memcmp (head, "OggS", 4) != 0)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_AUDIO,
                   _("“%s” is not an Ogg recording (Opus or Vorbis)."), path);
      return NULL;
    }

  /* A recording made by Serah already sits in the media folder: refer to it in place. */
  dir = serah_testimonial_media_dir (store);
  canon = g_canonicalize_filename (path, NULL);
  if (g_str_has_prefix (canon, dir) && canon[strlen (dir)] == G_DIR_SEPARATOR)
    return g_strdup (canon + strlen (dir) + 1);

  name = new_media_name (store, "audio", "ogg", &abs, error);
  if (name == NULL)
    return NULL;
  src = g_file_new_for_path (path);
  dst = g_file_new_for_path (abs);
  if (!g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &local))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_IO,
                   _("Cannot copy the recording into “%s”: %s"), abs, local->message);
      return NULL;
    }
  return g_steal_pointer (&name);
}

/* ---- recording a testimonial ---- */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_draft (SerahStore *store, const SerahTestimonialDraft *draft, GPtrArray *tags,
             GError **error)
{
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GError) local = NULL;

  if (draft->text == NULL || !g_utf8_validate (draft->text, -1, NULL))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("The testimonial text is not valid UTF-8."));
      return FALSE;
    }
  if (is_blank (draft->text))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("Write down what the participant said."));
      return FALSE;
    }
  if (g_utf8_strlen (draft->text, -1) > MAX_TEXT_CHARS)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("The testimonial is longer than %d characters; shorten it."), MAX_TEXT_CHARS);
      return FALSE;
    }
  if (draft->rating < 0 || draft->rating > 5)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("The rating must be between 1 and 5 (it was %d)."), draft->rating);
      return FALSE;
    }
  if (draft->consent == SERAH_CONSENT_WITHDRAWN)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("A new testimonial needs a consent: none, anonymous or named."));
      return FALSE;
    }
  for (guint i = 0; draft->tags != NULL && draft->tags[i] != NULL; i++)
    {
      char *tag = serah_testimonial_normalise_tag (draft->tags[i], error);
      if (tag == NULL)
        return FALSE;
      if (!g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, tag);
      else
        g_free (tag);
    }
  p = serah_store_get_participant (store, draft->participant_id, &local);
  if (p == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_FOUND,
                     _("No participant with id %lld."), (long long) draft->participant_id);
      return FALSE;
    }
  return TRUE;
}

static void
remove_new_media (SerahStore *store, const char *name, const char *source)
{
  g_autofree char *abs = NULL;
  g_autofree char *canon = NULL;

  if (name == NULL)
    return;
  abs = serah_testimonial_media_path (store, name);
  canon = source ? g_canonicalize_filename (source, NULL) : NULL;
  /* Only the copies made for this draft; a recording that lives in the media folder stays. */
  if (abs != NULL && g_strcmp0 (abs, canon) != 0)
    g_unlink (abs);
}

gint64
serah_testimonial_add (SerahStore *store, const SerahTestimonialDraft *draft, GError **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SerahTestimonial) t = NULL;
  g_autofree char *audio = NULL;
  g_autofree char *photo = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (draft != NULL, 0);

  if (!check_draft (store, draft, tags, error))
    return 0;
  if (draft->photo_path != NULL && *draft->photo_path != '\0' &&
      (photo = serah_testimonial_import_photo (store, draft->photo_path, error)) == NULL)
    return 0;
  if (draft->audio_path != NULL && *draft->audio_path != '\0' &&
      (audio = serah_testimonial_import_audio (store, draft->audio_path, error)) == NULL)
    {
      remove_new_media (store, photo, NULL);
      return 0;
    }

  t = serah_testimonial_new ();
  t->ceremony_id = draft->ceremony_id;
  t->participant_id = draft->participant_id;
  t->text = g_strstrip (g_strdup (draft->text));
  t->rating = draft->rating;
  g_ptr_array_add (tags, NULL);
  g_strfreev (t->tags);
  t->tags = (char **) g_ptr_array_steal (tags, NULL);
  t->audio_file = g_strdup (audio);
  t->photo_file = g_strdup (photo);
  t->recorded_by = g_strdup (draft->operator_name);
  t->consent = draft->consent;

  if (!serah_store_insert_testimonial (store, t, error))
    {
      remove_new_media (store, photo, NULL);
      remove_new_media (store, audio, draft->audio_path);
      return 0;
    }
  return t->id;
}

gboolean
serah_testimonial_set_consent (SerahStore *store, gint64 testimonial_id, SerahConsent consent,
                               const char *note, const char *operator_name, GError **error)
{
  g_autoptr(SerahTestimonial) t = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  t = serah_store_get_testimonial (store, testimonial_id, &local);
  if (t == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_FOUND,
                     _("No testimonial with id %lld."), (long long) testimonial_id);
      return FALSE;
    }
  if (t->consent == SERAH_CONSENT_WITHDRAWN)
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_WITHDRAWN,
                   _("Consent for testimonial %lld was withdrawn; it cannot be "
                     "given again. Record a new testimonial if the participant wishes."),
                   (long long) testimonial_id);
      return FALSE;
    }
  if (consent == SERAH_CONSENT_WITHDRAWN && is_blank (note))
    {
      g_set_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID,
                   _("Say why the consent is withdrawn (for example: “asked by the participant "
                     "by telephone”)."));
      return FALSE;
    }
  return serah_store_append_consent (store, testimonial_id, consent, note, operator_name, error);
}

gboolean
serah_testimonial_format_parse (const char *text, SerahTestimonialFormat *format_out)
{
  static const char *const names[] = { "csv", "json", "png", "pdf" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *format_out = i;
        return TRUE;
      }
  return FALSE;
}

GPtrArray *
serah_testimonial_list_public (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(GPtrArray) all = serah_store_list_testimonials (store, ceremony_id, TRUE, error);
  GPtrArray *out;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_testimonial_public_free);
  for (guint i = 0; i < all->len; i++)
    {
      /* make_public applies the rule again: the query and the rule must both agree. */
      SerahTestimonialPublic *pub = serah_testimonial_make_public (store, all->pdata[i]);
      if (pub != NULL)
        g_ptr_array_add (out, pub);
    }
  return out;
}

/* ---- the reads the GUI and the CLI need, under the domain's names ---- */

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
SerahTestimonial *
serah_testimonials_get (SerahStore *store, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_testimonial (store, id, error);
}

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
GPtrArray *
serah_testimonials_list (SerahStore *store, gint64 ceremony_id, gboolean publishable_only,
                         GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_testimonials (store, ceremony_id, publishable_only, error);
}

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
gint64
serah_testimonials_guess_ceremony (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  return serah_store_guess_active_ceremony (store, error);
}

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
gint64
serah_testimonial_latest_handover_participant (SerahStore *store, gint64 ceremony_id,
                                               GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  return serah_store_latest_handover_participant (store, ceremony_id, error);
}

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
GPtrArray *
serah_recordings_list (SerahStore *store, SerahRecordingState state, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_recordings (store, state, error);
}

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
gboolean
serah_recording_end (SerahStore *store, gint64 recording_id, SerahRecordingState state,
                     gint64 duration_ms, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  return serah_store_end_recording (store, recording_id, state, duration_ms, error);
}
