/* serah-server-media.c: the photo and audio files of testimonials through the office server,
 * so that a quote card drawn at any desk has its photo and any desk can play the recording.
 *
 * Pulled with the testimonials, in the same sync, not lazily when a page needs the file: a
 * desk at a ceremony is often cut off, and a lazy pull would fail exactly when the quote
 * cards are drawn there; the files are small (photos are re-encoded JPEGs of at most 1280
 * px, a few hundred kB; recordings a few MB) and capped at SERAH_SERVER_MEDIA_MAX_BYTES.
 *
 * Push: this desk's own files of testimonials after a cursor of testimonial ids, unless the
 * consent is withdrawn, as bytea keyed by (testimonial UUID, kind, SHA-256); ON CONFLICT DO
 * NOTHING, so a resend is a no-op. A file over the cap is not sent (counted).
 * Pull: the rows after the server's sequence (plus the txid window), metadata first; a file
 * is fetched only for a testimonial this desk has, whose consent is not withdrawn here and
 * that has no such file yet. Before anything is written the size is checked against the cap
 * and the content against its SHA-256 and the kind's magic bytes (JPEG photos, Ogg audio);
 * a refused file is reported in the audit log with the reason and never written. A file is
 * written under a new random name through output's writer, which never replaces an existing
 * file. Then every pulled copy of a testimonial now withdrawn is deleted (audited).
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include <serah/admin/serah-audit.h>
#include <serah/output/serah-output.h>
#include <serah/testimonials/serah-testimonial.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-server-outreach-private.h"
#include "server/serah-store-server-media-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

static const char *
extension_of (const char *kind)
{
  return g_strcmp0 (kind, "photo") == 0 ? "jpg" : "ogg";
}

static gboolean
looks_like (const char *kind, const guchar *data, gsize len)
{
  if (g_strcmp0 (kind, "photo") == 0)
    return len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  return len >= 4 && memcmp (data, "OggS", 4) == 0;
}

/* ---- push ---- */

static gboolean
push_media (SerahStore *store, PGconn *conn, GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, "server.push-media-testimonial-id");
  gint64 last_id = cursor;
  g_autoptr(GPtrArray) own = serah_store_media_list_own (store, cursor, &last_id, error);

  if (own == NULL)
    return FALSE;
  for (guint i = 0; i < own->len; i++)
    {
      SerahMediaFile *m = own->pdata[i];
      g_autofree char *path = serah_testimonial_media_path (store, m->file);
      g_autofree char *data = NULL;
      g_autofree char *sha = NULL;
      g_autofree char *size_text = NULL;
      g_autoptr(GError) local = NULL;
      gsize len = 0;
      const char *params[6];
      const int lengths[6] = { 0, 0, 0, 0, 0, 0 };
      const int formats[6] = { 0, 0, 0, 0, 0, 1 };
      int bin_lengths[6];
      PGresult *res;
      gboolean ok;

      if (path == NULL || !g_file_get_contents (path, &data, &len, &local))
        {
          /* A file deleted by hand at this desk: nothing to send, the testimonial stays. */
          g_debug ("testimonial %s: its %s cannot be read (%s); not sent", m->uuid, m->kind,
                   local ? local->message : "bad name");
          continue;
        }
      if (len == 0 || len > SERAH_SERVER_MEDIA_MAX_BYTES)
        {
          g_debug ("testimonial %s: its %s is %" G_GSIZE_FORMAT " bytes; not sent", m->uuid,
                   m->kind, len);
          continue;
        }
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
      size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, len);
      params[0] = m->uuid;
      params[1] = m->kind;
      params[2] = sha;
      params[3] = extension_of (m->kind);
      params[4] = size_text;
      params[5] = data;
      memcpy (bin_lengths, lengths, sizeof bin_lengths);
      bin_lengths[5] = (int) len;
      res = PQexecParams (conn,
                          "INSERT INTO serah.testimonial_media (testimonial_uuid, kind, sha256,"
                          " extension, size, data) VALUES ($1, $2, $3, $4, $5::bigint, $6)"
                          " ON CONFLICT DO NOTHING",
                          6, NULL, params, bin_lengths, formats, 0);
      ok = PQresultStatus (res) == PGRES_COMMAND_OK;
      if (!ok)
        serah_server_set_error (conn, res,
                                _("Cannot send a testimonial's photo or recording to the office"
                                  " server"),
                                error);
      PQclear (res);
      if (!ok)
        return FALSE;
    }
  return serah_store_set_setting_int (store, "server.push-media-testimonial-id", last_id, error);
}

/* ---- pull ---- */

static const char *
kind_word (const char *kind)
{
  return g_strcmp0 (kind, "photo") == 0 ? _("photo") : _("recording");
}

/* Checks one file from the server; NULL when it may be written, else why not (for people). */
static char *
refusal (const char *uuid, const char *kind, const char *sha256, const char *ext, gint64 size,
         const guchar *data, gsize len)
{
  g_autofree char *actual = NULL;
  g_autofree char *announced = g_strdup_printf ("%" G_GINT64_FORMAT, size);
  g_autofree char *cap = g_strdup_printf ("%d", SERAH_SERVER_MEDIA_MAX_BYTES);
  g_autofree char *got = g_strdup_printf ("%" G_GSIZE_FORMAT, len);

  if (size <= 0 || size > SERAH_SERVER_MEDIA_MAX_BYTES)
    return g_strdup_printf (_("The %s of testimonial %s on the office server is announced as %s "
                              "bytes (at most %s allowed): refused, not downloaded."),
                            kind_word (kind), uuid, announced, cap);
  if (len != (gsize) size)
    return g_strdup_printf (_("The %s of testimonial %s on the office server is %s bytes, not "
                              "the %s announced: refused, nothing written."),
                            kind_word (kind), uuid, got, announced);
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  if (g_strcmp0 (actual, sha256) != 0)
    return g_strdup_printf (_("The %s of testimonial %s on the office server does not match its "
                              "checksum (altered or damaged): refused, nothing written."),
                            kind_word (kind), uuid);
  if (g_strcmp0 (ext, extension_of (kind)) != 0 || !looks_like (kind, data, len))
    return g_strdup_printf (_("The %s of testimonial %s on the office server is not a %s file: "
                              "refused, nothing written."),
                            kind_word (kind), uuid, g_strcmp0 (kind, "photo") == 0 ? "JPEG" : "Ogg");
  return NULL;
}

static gboolean
audit_refusal (SerahStore *store, const char *uuid, const char *why, GError **error)
{
  g_autofree char *details = serah_audit_details ("testimonial", uuid, "reason", why, NULL);

  g_message ("%s", why);
  return serah_audit_record (store, NULL, "server.media-refused", uuid, details, error);
}

static gboolean
write_copy (SerahStore *store, gint64 testimonial_id, const char *kind, const char *sha256,
            const guchar *data, gsize len, GError **error)
{
  g_autofree char *dir = serah_testimonial_media_dir (store);
  g_autofree char *sub = g_build_filename (dir, "pulled", NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = g_strdup_printf ("pulled/%s.%s", uuid, extension_of (kind));
  g_autofree char *abs = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (sub, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the media folder “%s”: %s"), sub, g_strerror (saved));
      return FALSE;
    }
  /* No SERAH_OUTPUT_REPLACE: an existing file is never written over. */
  if (!serah_output_write_contents (abs, (const char *) data, (gssize) len, SERAH_OUTPUT_PRIVATE,
                                    error))
    return FALSE;
  if (!serah_store_media_add_pulled (store, testimonial_id, kind, name, sha256, (gint64) len,
                                     error))
    {
      g_unlink (abs);
      return FALSE;
    }
  return TRUE;
}

static gboolean
fetch_and_write (SerahStore *store, PGconn *conn, PGresult *meta, int r, gint64 testimonial_id,
                 GError **error)
{
  const char *uuid = PQgetvalue (meta, r, 1);
  const char *kind = PQgetvalue (meta, r, 2);
  const char *sha256 = PQgetvalue (meta, r, 3);
  const char *ext = PQgetvalue (meta, r, 4);
  gint64 size = g_ascii_strtoll (PQgetvalue (meta, r, 5), NULL, 10);
  const char *params[] = { uuid, kind, sha256 };
  g_autofree char *why = NULL;
  PGresult *res;
  gboolean ok;

  /* The announced size first: an oversized row is never downloaded. */
  if (size <= 0 || size > SERAH_SERVER_MEDIA_MAX_BYTES)
    {
      why = refusal (uuid, kind, sha256, ext, size, NULL, 0);
      return audit_refusal (store, uuid, why, error);
    }
  res = PQexecParams (conn,
                      "SELECT data FROM serah.testimonial_media"
                      " WHERE testimonial_uuid = $1 AND kind = $2 AND sha256 = $3",
                      3, NULL, params, NULL, NULL, 1);
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      serah_server_set_error (conn, res,
                              _("Cannot read a testimonial's photo or recording from the office"
                                " server"),
                              error);
      PQclear (res);
      return FALSE;
    }
  why = refusal (uuid, kind, sha256, ext, size, (const guchar *) PQgetvalue (res, 0, 0),
                 (gsize) PQgetlength (res, 0, 0));
  if (why != NULL)
    ok = audit_refusal (store, uuid, why, error);
  else
    ok = write_copy (store, testimonial_id, kind, sha256, (const guchar *) PQgetvalue (res, 0, 0),
                     (gsize) PQgetlength (res, 0, 0), error);
  PQclear (res);
  return ok;
}

static gboolean
pull_media (SerahStore *store, PGconn *conn, GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, "server.pull-media-seq");
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-media-xmin");
  g_autofree char *xmin = NULL;
  gint64 max_seq = cursor, first_pending = 0;
  PGresult *meta = NULL;
  gboolean ok;

  if (prev_xmin == NULL)
    prev_xmin = g_strdup ("0");
  if (!serah_server_begin_snapshot_max (conn, "serah.testimonial_media", &xmin, &max_seq, error))
    return FALSE;
  max_seq = MAX (max_seq, cursor);
  {
    const char *params[] = { cursor_text, prev_xmin };

    meta = PQexecParams (conn,
                         "SELECT seq, testimonial_uuid, kind, sha256, extension, size"
                         " FROM serah.testimonial_media"
                         " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                         2, NULL, params, NULL, NULL, 0);
  }
  ok = PQresultStatus (meta) == PGRES_TUPLES_OK;
  if (!ok)
    serah_server_set_error (conn, meta,
                            _("Cannot read the testimonials' files from the office server"),
                            error);

  for (int r = 0; ok && r < PQntuples (meta); r++)
    {
      gint64 testimonial_id = 0;
      SerahMediaState state = serah_store_media_state (store, PQgetvalue (meta, r, 1),
                                                       PQgetvalue (meta, r, 2), &testimonial_id,
                                                       error);

      if (state == SERAH_MEDIA_FAILED)
        ok = FALSE;
      else if (state == SERAH_MEDIA_PENDING && first_pending == 0)
        first_pending = g_ascii_strtoll (PQgetvalue (meta, r, 0), NULL, 10);
      else if (state == SERAH_MEDIA_WANTED)
        ok = fetch_and_write (store, conn, meta, r, testimonial_id, error);
    }
  g_clear_pointer (&meta, PQclear);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  if (!serah_server_exec (conn, "COMMIT", error))
    return FALSE;
  /* A testimonial not here yet (its participant unknown): read again next time. */
  if (first_pending > 0)
    max_seq = MIN (max_seq, first_pending - 1);
  return serah_store_set_setting_int (store, "server.pull-media-seq", max_seq, error) &&
         serah_store_set_setting (store, "server.pull-media-xmin", xmin, error);
}

/* Every pulled copy of a testimonial whose consent is now withdrawn is deleted. */
static gboolean
remove_withdrawn (SerahStore *store, GError **error)
{
  g_autoptr(GPtrArray) gone = serah_store_media_list_withdrawn (store, error);

  if (gone == NULL)
    return FALSE;
  for (guint i = 0; i < gone->len; i++)
    {
      SerahMediaFile *m = gone->pdata[i];
      g_autofree char *path = serah_testimonial_media_path (store, m->file);
      g_autofree char *details = serah_audit_details ("kind", m->kind, NULL);

      if (path != NULL && g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot remove “%s”, the copy of a withdrawn testimonial: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
      if (!serah_store_begin (store, error))
        return FALSE;
      if (!serah_store_media_forget_pulled (store, m->testimonial_id, m->kind, error) ||
          !serah_audit_record (store, NULL, "server.media-removed", m->uuid, details, error) ||
          !serah_store_commit (store, error))
        {
          serah_store_rollback (store);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
serah_server_sync_media (SerahStore *store, PGconn *conn, GError **error)
{
  return push_media (store, conn, error) && pull_media (store, conn, error) &&
         remove_withdrawn (store, error);
}
