/* serah-store-testimonial.c: schema v4 (testimonials, their tags, the consent history and
 * the journal of audio recordings) and the queries of the testimonials area.
 *
 * Consent is never updated in place: every change is a row in testimonial_consents and the
 * newest row is the current consent. Triggers make the database itself refuse an UPDATE or
 * DELETE of that history and any consent event after a withdrawal, so no code path (nor a
 * hand-run sqlite3 session that forgets the rules) can quietly bring a withdrawn testimonial
 * back into an export.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "testimonials/serah-store-testimonial-private.h"
#include "store/serah-store-private.h"

const char serah_store_schema_testimonials[] =
  "CREATE TABLE testimonials ("
  "  id             INTEGER PRIMARY KEY,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  ceremony_id    INTEGER REFERENCES ceremonies (id),"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  text           TEXT NOT NULL CHECK (length (trim (text)) > 0),"
  "  rating         INTEGER CHECK (rating BETWEEN 1 AND 5),"
  "  audio_file     TEXT,"
  "  photo_file     TEXT,"
  "  recorded_by    TEXT,"
  "  recorded_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX testimonials_by_ceremony ON testimonials (ceremony_id, id);"
  "CREATE INDEX testimonials_by_participant ON testimonials (participant_id);"
  "CREATE TABLE testimonial_tags ("
  "  testimonial_id INTEGER NOT NULL REFERENCES testimonials (id),"
  "  tag            TEXT NOT NULL,"
  "  PRIMARY KEY (testimonial_id, tag)"
  ") WITHOUT ROWID;"
  "CREATE TABLE testimonial_consents ("
  "  id             INTEGER PRIMARY KEY,"
  "  testimonial_id INTEGER NOT NULL REFERENCES testimonials (id),"
  "  consent        TEXT NOT NULL CHECK (consent IN ('none', 'anonymous', 'named', 'withdrawn')),"
  "  note           TEXT,"
  "  operator       TEXT,"
  "  at             INTEGER NOT NULL,"
  "  CHECK (consent <> 'withdrawn' OR length (trim (note)) > 0)"
  ");"
  "CREATE INDEX testimonial_consents_by_testimonial ON testimonial_consents (testimonial_id, id);"
  "CREATE TRIGGER testimonial_consents_final BEFORE INSERT ON testimonial_consents"
  "  WHEN EXISTS (SELECT 1 FROM testimonial_consents"
  "               WHERE testimonial_id = new.testimonial_id AND consent = 'withdrawn')"
  "  BEGIN SELECT RAISE (ABORT, 'consent was withdrawn'); END;"
  "CREATE TRIGGER testimonial_consents_no_update BEFORE UPDATE ON testimonial_consents"
  "  BEGIN SELECT RAISE (ABORT, 'consent history is append-only'); END;"
  "CREATE TRIGGER testimonial_consents_no_delete BEFORE DELETE ON testimonial_consents"
  "  BEGIN SELECT RAISE (ABORT, 'consent history is append-only'); END;"
  "CREATE TRIGGER testimonials_no_update BEFORE UPDATE ON testimonials"
  "  BEGIN SELECT RAISE (ABORT, 'testimonials are append-only'); END;"
  /* A recording is journalled before GStreamer writes its first byte, so a crash leaves a
   * row without an end: the next start finds it and finalises the file. */
  "CREATE TABLE audio_recordings ("
  "  id             INTEGER PRIMARY KEY,"
  "  file           TEXT NOT NULL UNIQUE,"
  "  participant_id INTEGER REFERENCES participants (id),"
  "  ceremony_id    INTEGER,"
  "  operator       TEXT,"
  "  started_at     INTEGER NOT NULL"
  ");"
  /* What became of a recording; the newest event counts (finished, then discarded when the
   * operator records again). */
  "CREATE TABLE audio_recording_events ("
  "  id             INTEGER PRIMARY KEY,"
  "  recording_id   INTEGER NOT NULL REFERENCES audio_recordings (id),"
  "  state          TEXT NOT NULL CHECK (state IN ('finished', 'recovered', 'discarded')),"
  "  at             INTEGER NOT NULL,"
  "  duration_ms    INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX audio_recording_events_by_recording ON audio_recording_events (recording_id, id);";

/* The current consent of testimonial t: the newest event. */
#define CURRENT_CONSENT_JOIN \
  " JOIN testimonial_consents c ON c.id = (SELECT max (id) FROM testimonial_consents" \
  "                                        WHERE testimonial_id = t.id)"

#define TESTIMONIAL_COLUMNS \
  "t.id, t.uuid, t.ceremony_id, t.participant_id, t.text, t.rating, " \
  /* a testimonial recorded at another desk: its files pulled from the office server */ \
  "coalesce (t.audio_file, (SELECT file FROM testimonial_media_pulled" \
  "  WHERE testimonial_id = t.id AND kind = 'audio')), " \
  "coalesce (t.photo_file, (SELECT file FROM testimonial_media_pulled" \
  "  WHERE testimonial_id = t.id AND kind = 'photo')), t.recorded_by, t.recorded_at, c.consent, c.operator, c.at, c.note, " \
  "p.name, p.desa, p.kecamatan, p.card_no, " \
  "(SELECT group_concat (tag, char (31)) FROM (SELECT tag FROM testimonial_tags " \
  "  WHERE testimonial_id = t.id ORDER BY tag))"

#define TESTIMONIAL_FROM \
  " FROM testimonials t" CURRENT_CONSENT_JOIN \
  " JOIN participants p ON p.id = t.participant_id"

static const char *const recording_states[] = { NULL, "finished", "recovered", "discarded" };

static SerahConsent
consent_from_column (sqlite3_stmt *stmt, int column)
{
  SerahConsent consent = SERAH_CONSENT_NONE;

  serah_consent_parse ((const char *) sqlite3_column_text (stmt, column), &consent);
  return consent;
}

static gpointer
testimonial_from_row (sqlite3_stmt *stmt)
{
  SerahTestimonial *t = serah_testimonial_new ();
  const char *tags = (const char *) sqlite3_column_text (stmt, 18);

  t->id = sqlite3_column_int64 (stmt, 0);
  t->uuid = serah_store_column_dup (stmt, 1);
  t->ceremony_id = sqlite3_column_int64 (stmt, 2);
  t->participant_id = sqlite3_column_int64 (stmt, 3);
  t->text = serah_store_column_dup (stmt, 4);
  t->rating = sqlite3_column_int (stmt, 5);
  t->audio_file = serah_store_column_dup (stmt, 6);
  t->photo_file = serah_store_column_dup (stmt, 7);
  t->recorded_by = serah_store_column_dup (stmt, 8);
  t->recorded_at = sqlite3_column_int64 (stmt, 9);
  t->consent = consent_from_column (stmt, 10);
  t->consent_by = serah_store_column_dup (stmt, 11);
  t->consent_at = sqlite3_column_int64 (stmt, 12);
  t->consent_note = serah_store_column_dup (stmt, 13);
  t->name = serah_store_column_dup (stmt, 14);
  t->desa = serah_store_column_dup (stmt, 15);
  t->kecamatan = serah_store_column_dup (stmt, 16);
  if (sqlite3_column_text (stmt, 17) != NULL)
    g_strlcpy (t->card_no, (const char *) sqlite3_column_text (stmt, 17), sizeof t->card_no);
  g_strfreev (t->tags);
  t->tags = tags ? g_strsplit (tags, "\x1f", -1) : g_new0 (char *, 1);
  return t;
}

static gboolean
insert_consent (SerahStore *store, gint64 testimonial_id, SerahConsent consent, const char *note,
                const char *operator_name, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
    "INSERT INTO testimonial_consents (testimonial_id, consent, note, operator, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, testimonial_id);
  sqlite3_bind_text (stmt, 2, serah_consent_to_string (consent), -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 3, note);
  serah_store_bind_text_or_null (stmt, 4, operator_name);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (store, stmt, _("Cannot record the consent"), error);
}

gboolean
serah_store_insert_testimonial (SerahStore *store, SerahTestimonial *t, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (t != NULL && t->text != NULL, FALSE);

  if (t->uuid == NULL)
    t->uuid = g_uuid_string_random ();
  if (t->recorded_at == 0)
    t->recorded_at = g_get_real_time () / G_USEC_PER_SEC;

  if (!serah_store_begin (store, error))
    return FALSE;

  stmt = serah_store_prepare (store,
    "INSERT INTO testimonials (uuid, ceremony_id, participant_id, text, rating, audio_file, "
    "  photo_file, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, t->uuid, -1, SQLITE_STATIC);
  if (t->ceremony_id > 0)
    sqlite3_bind_int64 (stmt, 2, t->ceremony_id);
  sqlite3_bind_int64 (stmt, 3, t->participant_id);
  sqlite3_bind_text (stmt, 4, t->text, -1, SQLITE_STATIC);
  if (t->rating > 0)
    sqlite3_bind_int (stmt, 5, t->rating);
  serah_store_bind_text_or_null (stmt, 6, t->audio_file);
  serah_store_bind_text_or_null (stmt, 7, t->photo_file);
  serah_store_bind_text_or_null (stmt, 8, t->recorded_by);
  sqlite3_bind_int64 (stmt, 9, t->recorded_at);
  if (!serah_store_step_done (store, stmt, _("Cannot save the testimonial"), error))
    goto fail;
  t->id = sqlite3_last_insert_rowid (serah_store_get_db (store));

  for (guint i = 0; t->tags != NULL && t->tags[i] != NULL; i++)
    {
      stmt = serah_store_prepare (store,
        "INSERT OR IGNORE INTO testimonial_tags (testimonial_id, tag) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, t->id);
      sqlite3_bind_text (stmt, 2, t->tags[i], -1, SQLITE_STATIC);
      if (!serah_store_step_done (store, stmt, _("Cannot save the testimonial's tags"), error))
        goto fail;
    }

  if (!insert_consent (store, t->id, t->consent, NULL, t->recorded_by, error))
    goto fail;
  t->consent_at = t->recorded_at;
  return serah_store_commit (store, error);

fail:
  serah_store_rollback (store);
  t->id = 0;
  return FALSE;
}

gboolean
serah_store_append_consent (SerahStore *store, gint64 testimonial_id, SerahConsent consent,
                            const char *note, const char *operator_name, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  return insert_consent (store, testimonial_id, consent, note, operator_name, error);
}

SerahTestimonial *
serah_store_get_testimonial (SerahStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  SerahTestimonial *t = NULL;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT " TESTIMONIAL_COLUMNS TESTIMONIAL_FROM " WHERE t.id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    t = testimonial_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read a testimonial"));
  sqlite3_reset (stmt);
  return t;
}

GPtrArray *
serah_store_list_testimonials (SerahStore *store, gint64 ceremony_id, gboolean publishable_only,
                               GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* Two fixed statements rather than one built at run time: the cache keys on the text. */
  if (publishable_only)
    stmt = serah_store_prepare (store,
      "SELECT " TESTIMONIAL_COLUMNS TESTIMONIAL_FROM
      " WHERE (?1 = 0 OR t.ceremony_id = ?1) AND c.consent IN ('anonymous', 'named')"
      "   AND NOT EXISTS (SELECT 1 FROM testimonial_consents w"
      "                   WHERE w.testimonial_id = t.id AND w.consent = 'withdrawn')"
      " ORDER BY t.id", error);
  else
    stmt = serah_store_prepare (store,
      "SELECT " TESTIMONIAL_COLUMNS TESTIMONIAL_FROM
      " WHERE (?1 = 0 OR t.ceremony_id = ?1) ORDER BY t.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  return serah_store_list_rows (store, stmt, testimonial_from_row,
                                (GDestroyNotify) serah_testimonial_free,
                                _("Cannot list the testimonials"), error);
}

static gpointer
consent_event_from_row (sqlite3_stmt *stmt)
{
  SerahConsentEvent *e = g_new0 (SerahConsentEvent, 1);
  e->consent = consent_from_column (stmt, 0);
  e->note = serah_store_column_dup (stmt, 1);
  e->operator_name = serah_store_column_dup (stmt, 2);
  e->at = sqlite3_column_int64 (stmt, 3);
  return e;
}

GPtrArray *
serah_store_list_consent_events (SerahStore *store, gint64 testimonial_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
    "SELECT consent, note, operator, at FROM testimonial_consents "
    "WHERE testimonial_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, testimonial_id);
  return serah_store_list_rows (store, stmt, consent_event_from_row,
                                (GDestroyNotify) serah_consent_event_free,
                                _("Cannot read the consent history"), error);
}

static gint64
single_id (SerahStore *store, sqlite3_stmt *stmt, gint64 key, const char *what, GError **error)
{
  gint64 id = 0;
  int rc;

  sqlite3_bind_int64 (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, what);
  sqlite3_reset (stmt);
  return id;
}

gint64
serah_store_guess_active_ceremony (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  stmt = serah_store_prepare (store,
    "SELECT c.id FROM ceremonies c"
    " WHERE ?1 = 0 AND NOT EXISTS (SELECT 1 FROM ceremony_closures x WHERE x.ceremony_id = c.id)"
    " ORDER BY (SELECT max (h.handed_at) FROM handovers h WHERE h.ceremony_id = c.id) DESC NULLS LAST,"
    "          c.date DESC, c.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  return single_id (store, stmt, 0, _("Cannot find the ceremony in progress"), error);
}

gint64
serah_store_latest_handover_participant (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  stmt = serah_store_prepare (store,
    "SELECT h.participant_id FROM handovers h"
    " WHERE h.ceremony_id = ?1"
    "   AND NOT EXISTS (SELECT 1 FROM handover_undos u WHERE u.handover_uuid = h.uuid)"
    " ORDER BY h.handed_at DESC, h.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  return single_id (store, stmt, ceremony_id, _("Cannot find the latest handover"), error);
}

/* ---- audio recordings journal ---- */

gint64
serah_store_begin_recording (SerahStore *store, const char *file, gint64 participant_id,
                             gint64 ceremony_id, const char *operator_name, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (file != NULL, 0);

  stmt = serah_store_prepare (store,
    "INSERT INTO audio_recordings (file, participant_id, ceremony_id, operator, started_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, file, -1, SQLITE_STATIC);
  if (participant_id > 0)
    sqlite3_bind_int64 (stmt, 2, participant_id);
  if (ceremony_id > 0)
    sqlite3_bind_int64 (stmt, 3, ceremony_id);
  serah_store_bind_text_or_null (stmt, 4, operator_name);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (!serah_store_step_done (store, stmt, _("Cannot journal the recording"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

gboolean
serah_store_end_recording (SerahStore *store, gint64 recording_id, SerahRecordingState state,
                           gint64 duration_ms, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (state > SERAH_RECORDING_OPEN && state <= SERAH_RECORDING_DISCARDED, FALSE);

  stmt = serah_store_prepare (store,
    "INSERT INTO audio_recording_events (recording_id, state, at, duration_ms) "
    "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recording_id);
  sqlite3_bind_text (stmt, 2, recording_states[state], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 4, duration_ms);
  return serah_store_step_done (store, stmt, _("Cannot journal the end of the recording"), error);
}

static gpointer
recording_from_row (sqlite3_stmt *stmt)
{
  SerahRecording *r = g_new0 (SerahRecording, 1);
  const char *st = (const char *) sqlite3_column_text (stmt, 6);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->file = serah_store_column_dup (stmt, 1);
  r->participant_id = sqlite3_column_int64 (stmt, 2);
  r->ceremony_id = sqlite3_column_int64 (stmt, 3);
  r->operator_name = serah_store_column_dup (stmt, 4);
  r->started_at = sqlite3_column_int64 (stmt, 5);
  r->state = SERAH_RECORDING_OPEN;
  for (guint i = 1; st != NULL && i < G_N_ELEMENTS (recording_states); i++)
    if (g_str_equal (st, recording_states[i]))
      r->state = i;
  r->ended_at = sqlite3_column_int64 (stmt, 7);
  r->duration_ms = sqlite3_column_int64 (stmt, 8);
  r->testimonial_id = sqlite3_column_int64 (stmt, 9);
  return r;
}

GPtrArray *
serah_store_list_recordings (SerahStore *store, SerahRecordingState state, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
    "SELECT r.id, r.file, r.participant_id, r.ceremony_id, r.operator, r.started_at,"
    "       e.state, e.at, e.duration_ms,"
    "       (SELECT max (t.id) FROM testimonials t WHERE t.audio_file = r.file)"
    "  FROM audio_recordings r"
    "  LEFT JOIN audio_recording_events e ON e.id = (SELECT max (id) FROM audio_recording_events"
    "                                                WHERE recording_id = r.id)"
    " WHERE (?1 IS NULL AND e.state IS NULL)"
    "    OR (e.state = ?1 AND NOT EXISTS (SELECT 1 FROM testimonials t"
    "                                     WHERE t.audio_file = r.file))"
    " ORDER BY r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  if (state != SERAH_RECORDING_OPEN)
    sqlite3_bind_text (stmt, 1, recording_states[state], -1, SQLITE_STATIC);
  return serah_store_list_rows (store, stmt, recording_from_row,
                                (GDestroyNotify) serah_recording_free,
                                _("Cannot list the recordings"), error);
}
