/* serah-store-server-media.c: the desk's SQLite side of the testimonial media sync
 * (serah-server-media.c), and the migration that records pulled copies.
 *
 * Why a table of its own: testimonials are append-only (a trigger refuses UPDATE), so a
 * pulled photo cannot be written into the testimonial's photo_file. testimonial_media_pulled
 * says which file in the media folder is the copy of which testimonial's photo or audio, with
 * the hash it was checked against; the testimonial queries read it when photo_file or
 * audio_file is empty. It is a cache of the server's copy, not a record of what happened:
 * a copy is removed (file and row) when the testimonial's consent is withdrawn, and the
 * removal is audited.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-store-server-media-private.h"
#include "store/serah-store-private.h"

const char serah_store_schema_pulled_media[] =
  "CREATE TABLE testimonial_media_pulled ("
  "  testimonial_id INTEGER NOT NULL REFERENCES testimonials (id),"
  "  kind           TEXT NOT NULL CHECK (kind IN ('photo', 'audio')),"
  "  file           TEXT NOT NULL UNIQUE,"
  "  sha256         TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  size           INTEGER NOT NULL CHECK (size > 0),"
  "  pulled_at      INTEGER NOT NULL,"
  "  PRIMARY KEY (testimonial_id, kind)"
  ");";

/* The current consent of testimonial t is its newest event. */
#define WITHDRAWN(t) \
  "(SELECT consent FROM testimonial_consents WHERE testimonial_id = " t \
  " ORDER BY id DESC LIMIT 1) = 'withdrawn'"

void
serah_media_file_free (SerahMediaFile *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->kind);
  g_free (self->file);
  g_free (self);
}

static SerahMediaFile *
media_file (gint64 id, const char *uuid, const char *kind, const char *file)
{
  SerahMediaFile *m = g_new0 (SerahMediaFile, 1);

  m->testimonial_id = id;
  m->uuid = g_strdup (uuid);
  m->kind = g_strdup (kind);
  m->file = g_strdup (file);
  return m;
}

GPtrArray *
serah_store_media_list_own (SerahStore *store, gint64 after_id, gint64 *last_id, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_media_file_free);
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT t.id, t.uuid, t.photo_file, t.audio_file,"
                                            " coalesce (" WITHDRAWN ("t.id") ", 0)"
                                            " FROM testimonials t WHERE t.id > ?1 ORDER BY t.id",
                                            error);
  int rc;

  *last_id = after_id;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
      const char *photo = (const char *) sqlite3_column_text (stmt, 2);
      const char *audio = (const char *) sqlite3_column_text (stmt, 3);

      *last_id = id;
      if (sqlite3_column_int (stmt, 4) != 0)
        continue;   /* withdrawn: its media never leaves this desk */
      if (photo != NULL && *photo != '\0')
        g_ptr_array_add (out, media_file (id, uuid, "photo", photo));
      if (audio != NULL && *audio != '\0')
        g_ptr_array_add (out, media_file (id, uuid, "audio", audio));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the testimonials"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

SerahMediaState
serah_store_media_state (SerahStore *store, const char *uuid, const char *kind,
                         gint64 *testimonial_id, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT t.id, coalesce (" WITHDRAWN ("t.id") ", 0),"
                                            " CASE ?2 WHEN 'photo' THEN t.photo_file"
                                            "  ELSE t.audio_file END IS NOT NULL"
                                            " OR EXISTS (SELECT 1 FROM testimonial_media_pulled"
                                            "   WHERE testimonial_id = t.id AND kind = ?2)"
                                            " FROM testimonials t WHERE t.uuid = ?1",
                                            error);
  SerahMediaState state;
  int rc;

  if (stmt == NULL)
    return SERAH_MEDIA_FAILED;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    state = SERAH_MEDIA_PENDING;
  else if (rc != SQLITE_ROW)
    {
      serah_store_set_error (store, error, _("Cannot read the testimonials"));
      state = SERAH_MEDIA_FAILED;
    }
  else if (sqlite3_column_int (stmt, 1) != 0)
    state = SERAH_MEDIA_WITHDRAWN;
  else if (sqlite3_column_int (stmt, 2) != 0)
    state = SERAH_MEDIA_HAVE;
  else
    {
      *testimonial_id = sqlite3_column_int64 (stmt, 0);
      state = SERAH_MEDIA_WANTED;
    }
  sqlite3_reset (stmt);
  return state;
}

gboolean
serah_store_media_add_pulled (SerahStore *store, gint64 testimonial_id, const char *kind,
                              const char *file, const char *sha256, gint64 size, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "INSERT INTO testimonial_media_pulled (testimonial_id,"
                                            " kind, file, sha256, size, pulled_at)"
                                            " VALUES (?1, ?2, ?3, ?4, ?5, strftime ('%s', 'now'))",
                                            error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, testimonial_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, file, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, size);
  return serah_store_step_done (store, stmt, _("Cannot record a pulled testimonial file"), error);
}

GPtrArray *
serah_store_media_list_withdrawn (SerahStore *store, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_media_file_free);
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT m.testimonial_id, t.uuid, m.kind, m.file"
                                            " FROM testimonial_media_pulled m"
                                            " JOIN testimonials t ON t.id = m.testimonial_id"
                                            " WHERE " WITHDRAWN ("m.testimonial_id"),
                                            error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, media_file (sqlite3_column_int64 (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the testimonials"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
serah_store_media_forget_pulled (SerahStore *store, gint64 testimonial_id, const char *kind,
                                 GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "DELETE FROM testimonial_media_pulled"
                                            " WHERE testimonial_id = ?1 AND kind = ?2",
                                            error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, testimonial_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  return serah_store_step_done (store, stmt, _("Cannot remove a pulled testimonial file"), error);
}
