/* serah-store-server-outreach.c: the desk's SQLite side of the outreach sync
 * (serah-server-outreach.c): each outreach table read as (local id, natural key, JSON body)
 * after a push cursor, and a pulled body applied back into its table.
 *
 * Why one JSON body per row: nine local tables travel through one server table
 * (serah.outreach_records, keyed by kind and natural key), so the sync is one loop and the
 * server schema one step. Local ids never leave the desk: a body names what it refers to by
 * UUID (activities, ceremonies, registrations, feedback) or by NIK (participants), and the
 * pulling desk looks them up. A pulled row is checked by this desk's own constraints and
 * triggers (a row they refuse is counted and left out, never forced in). Status events
 * (registration verified or rejected, feedback forwarded or resolved) have no UUID; their
 * natural key is (parent UUID, status, time, operator), as for consent events, and a pulled
 * one is taken only if nothing later is here and the history is not closed, so an old event
 * arriving late never becomes the current status.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-store-server-outreach-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

#define J(path) "json_extract (?1, '$." path "')"
#define ACTIVITY_ID "(SELECT id FROM outreach_activities WHERE uuid = " J ("activity_uuid") ")"
#define CEREMONY_ID "(SELECT id FROM ceremonies WHERE uuid = " J ("ceremony_uuid") ")"
#define PARTICIPANT_ID "(SELECT id FROM participants WHERE nik = " J ("nik") ")"
/* A reference that is either absent or known here. */
#define REF_OK(field, id) "(" J (field) " IS NULL OR " id " IS NOT NULL)"

typedef struct {
  const char *kind;
  const char *cursor;      /* settings key of the push cursor */
  const char *push_sql;    /* ?1 = cursor: (local id, key, body) in id order */
  const char *state_sql;   /* ?1 = body: (skip: known here or superseded, ready: refs known) */
  const char *insert_sql;  /* ?1 = body */
  const char *after_sql[2]; /* ?1 = body, ?2 = the new row's id (children of an activity) */
} OutreachKind;

static const OutreachKind kinds[] = {
  {
    "activity", "server.push-outreach-activity-id",
    "SELECT a.id, a.uuid, json_object ('uuid', a.uuid, 'kind', a.kind, 'held_on', a.held_on,"
    " 'place', a.place, 'desa', a.desa, 'kecamatan', a.kecamatan, 'attendance', a.attendance,"
    " 'ceremony_uuid', (SELECT uuid FROM ceremonies WHERE id = a.ceremony_id), 'note', a.note,"
    " 'recorded_by', a.recorded_by, 'recorded_at', a.recorded_at,"
    " 'partners', json ((SELECT json_group_array (json_array (kind, name))"
    "   FROM outreach_activity_partners WHERE activity_id = a.id)),"
    " 'materials', json ((SELECT json_group_array (json_array (material, count))"
    "   FROM outreach_activity_materials WHERE activity_id = a.id)))"
    " FROM outreach_activities a WHERE a.id > ?1 ORDER BY a.id",
    "SELECT EXISTS (SELECT 1 FROM outreach_activities WHERE uuid = " J ("uuid") "), "
    REF_OK ("ceremony_uuid", CEREMONY_ID),
    "INSERT INTO outreach_activities (uuid, kind, held_on, place, desa, kecamatan, attendance,"
    " ceremony_id, note, recorded_by, recorded_at) SELECT " J ("uuid") ", " J ("kind") ", "
    J ("held_on") ", " J ("place") ", " J ("desa") ", " J ("kecamatan") ", "
    J ("attendance") ", " CEREMONY_ID ", " J ("note") ", " J ("recorded_by") ", "
    J ("recorded_at"),
    {
      "INSERT OR IGNORE INTO outreach_activity_partners (activity_id, kind, name)"
      " SELECT ?2, json_extract (value, '$[0]'), coalesce (json_extract (value, '$[1]'), '')"
      " FROM json_each (?1, '$.partners')",
      "INSERT OR IGNORE INTO outreach_activity_materials (activity_id, material, count)"
      " SELECT ?2, json_extract (value, '$[0]'), json_extract (value, '$[1]')"
      " FROM json_each (?1, '$.materials')",
    },
  },
  {
    "attendee", "server.push-outreach-attendee-id",
    "SELECT t.rowid, a.uuid || '/' || p.nik, json_object ('activity_uuid', a.uuid, 'nik', p.nik,"
    " 'recorded_by', t.recorded_by, 'recorded_at', t.recorded_at)"
    " FROM outreach_attendees t JOIN outreach_activities a ON a.id = t.activity_id"
    " JOIN participants p ON p.id = t.participant_id WHERE t.rowid > ?1 ORDER BY t.rowid",
    "SELECT EXISTS (SELECT 1 FROM outreach_attendees WHERE activity_id = " ACTIVITY_ID
    "   AND participant_id = " PARTICIPANT_ID "),"
    " " ACTIVITY_ID " IS NOT NULL AND " PARTICIPANT_ID " IS NOT NULL",
    "INSERT INTO outreach_attendees (activity_id, participant_id, recorded_by, recorded_at)"
    " SELECT " ACTIVITY_ID ", " PARTICIPANT_ID ", " J ("recorded_by") ", " J ("recorded_at"),
    { NULL, NULL },
  },
  {
    "skm", "server.push-outreach-skm-id",
    "SELECT s.id, s.uuid, json_object ('uuid', s.uuid, 'unit', s.unit, 'surveyed_on',"
    " s.surveyed_on, 'activity_uuid', (SELECT uuid FROM outreach_activities"
    " WHERE id = s.activity_id), 'sex', s.sex, 'age', s.age, 'education', s.education,"
    " 'occupation', s.occupation, 'u', json_array (s.u1, s.u2, s.u3, s.u4, s.u5, s.u6, s.u7,"
    " s.u8, s.u9), 'recorded_by', s.recorded_by, 'recorded_at', s.recorded_at)"
    " FROM skm_responses s WHERE s.id > ?1 ORDER BY s.id",
    "SELECT EXISTS (SELECT 1 FROM skm_responses WHERE uuid = " J ("uuid") "), "
    REF_OK ("activity_uuid", ACTIVITY_ID),
    "INSERT INTO skm_responses (uuid, unit, surveyed_on, activity_id, sex, age, education,"
    " occupation, u1, u2, u3, u4, u5, u6, u7, u8, u9, recorded_by, recorded_at) SELECT "
    J ("uuid") ", " J ("unit") ", " J ("surveyed_on") ", " ACTIVITY_ID ", " J ("sex") ", "
    J ("age") ", " J ("education") ", " J ("occupation") ", " J ("u[0]") ", " J ("u[1]") ", "
    J ("u[2]") ", " J ("u[3]") ", " J ("u[4]") ", " J ("u[5]") ", " J ("u[6]") ", " J ("u[7]")
    ", " J ("u[8]") ", " J ("recorded_by") ", " J ("recorded_at"),
    { NULL, NULL },
  },
  {
    "understanding", "server.push-outreach-understanding-id",
    "SELECT u.id, u.uuid, json_object ('uuid', u.uuid, 'survey', u.survey, 'survey_version',"
    " u.survey_version, 'phase', u.phase, 'activity_uuid', (SELECT uuid FROM outreach_activities"
    " WHERE id = u.activity_id), 'taken_on', u.taken_on, 'desa', u.desa, 'kecamatan',"
    " u.kecamatan, 'nik', (SELECT nik FROM participants WHERE id = u.participant_id), 'answers',"
    " u.answers, 'score', u.score, 'max_score', u.max_score, 'recorded_by', u.recorded_by,"
    " 'recorded_at', u.recorded_at) FROM understanding_responses u WHERE u.id > ?1 ORDER BY u.id",
    "SELECT EXISTS (SELECT 1 FROM understanding_responses WHERE uuid = " J ("uuid") "), "
    REF_OK ("activity_uuid", ACTIVITY_ID) " AND " REF_OK ("nik", PARTICIPANT_ID),
    "INSERT INTO understanding_responses (uuid, survey, survey_version, phase, activity_id,"
    " taken_on, desa, kecamatan, participant_id, answers, score, max_score, recorded_by,"
    " recorded_at) SELECT " J ("uuid") ", " J ("survey") ", " J ("survey_version") ", "
    J ("phase") ", " ACTIVITY_ID ", " J ("taken_on") ", " J ("desa") ", " J ("kecamatan") ", "
    PARTICIPANT_ID ", " J ("answers") ", " J ("score") ", " J ("max_score") ", "
    J ("recorded_by") ", " J ("recorded_at"),
    { NULL, NULL },
  },
  {
    "registration", "server.push-outreach-registration-id",
    "SELECT r.id, r.uuid, json_object ('uuid', r.uuid, 'nik', r.nik, 'kk', r.kk, 'name', r.name,"
    " 'sex', r.sex, 'birth_date', r.birth_date, 'address', r.address, 'rt', r.rt, 'rw', r.rw,"
    " 'desa', r.desa, 'kecamatan', r.kecamatan, 'phone', r.phone, 'reason', r.reason,"
    " 'activity_uuid', (SELECT uuid FROM outreach_activities WHERE id = r.activity_id),"
    " 'ceremony_uuid', (SELECT uuid FROM ceremonies WHERE id = r.ceremony_id),"
    " 'warnings', r.warnings, 'recorded_by', r.recorded_by, 'recorded_at', r.recorded_at)"
    " FROM registrations r WHERE r.id > ?1 ORDER BY r.id",
    "SELECT EXISTS (SELECT 1 FROM registrations WHERE uuid = " J ("uuid") "), "
    REF_OK ("activity_uuid", ACTIVITY_ID) " AND " REF_OK ("ceremony_uuid", CEREMONY_ID),
    "INSERT INTO registrations (uuid, nik, kk, name, sex, birth_date, address, rt, rw, desa,"
    " kecamatan, phone, reason, activity_id, ceremony_id, warnings, recorded_by, recorded_at)"
    " SELECT " J ("uuid") ", " J ("nik") ", " J ("kk") ", " J ("name") ", " J ("sex") ", "
    J ("birth_date") ", " J ("address") ", " J ("rt") ", " J ("rw") ", " J ("desa") ", "
    J ("kecamatan") ", " J ("phone") ", " J ("reason") ", " ACTIVITY_ID ", " CEREMONY_ID ", "
    J ("warnings") ", " J ("recorded_by") ", " J ("recorded_at"),
    { NULL, NULL },
  },
  {
    "registration_event", "server.push-outreach-registration-event-id",
    "SELECT e.id, r.uuid || '/' || e.status || '/' || e.at || '/' || coalesce (e.operator, ''),"
    " json_object ('registration_uuid', r.uuid, 'status', e.status, 'reason', e.reason,"
    " 'operator', e.operator, 'at', e.at) FROM registration_events e"
    " JOIN registrations r ON r.id = e.registration_id WHERE e.id > ?1 ORDER BY e.id",
    /* Skipped when known, after 'covered' (final), or, unless it is 'covered', when a later
     * event is here (it would become the current status). */
    "SELECT EXISTS (SELECT 1 FROM registration_events e JOIN registrations r"
    "   ON r.id = e.registration_id WHERE r.uuid = " J ("registration_uuid")
    "   AND ((e.status = " J ("status") " AND e.at = " J ("at")
    "         AND coalesce (e.operator, '') = coalesce (" J ("operator") ", ''))"
    "        OR e.status = 'covered' OR (" J ("status") " <> 'covered' AND e.at > " J ("at") "))),"
    " EXISTS (SELECT 1 FROM registrations WHERE uuid = " J ("registration_uuid") ")",
    "INSERT INTO registration_events (registration_id, status, reason, operator, at)"
    " SELECT (SELECT id FROM registrations WHERE uuid = " J ("registration_uuid") "), "
    J ("status") ", " J ("reason") ", " J ("operator") ", " J ("at"),
    { NULL, NULL },
  },
  {
    "feedback", "server.push-outreach-feedback-id",
    "SELECT f.id, f.uuid, json_object ('uuid', f.uuid, 'channel', f.channel, 'category',"
    " f.category, 'desa', f.desa, 'text', f.text, 'nik', (SELECT nik FROM participants"
    " WHERE id = f.participant_id), 'activity_uuid', (SELECT uuid FROM outreach_activities"
    " WHERE id = f.activity_id), 'recorded_by', f.recorded_by, 'recorded_at', f.recorded_at)"
    " FROM feedback f WHERE f.id > ?1 ORDER BY f.id",
    "SELECT EXISTS (SELECT 1 FROM feedback WHERE uuid = " J ("uuid") "), "
    REF_OK ("activity_uuid", ACTIVITY_ID) " AND " REF_OK ("nik", PARTICIPANT_ID),
    "INSERT INTO feedback (uuid, channel, category, desa, text, participant_id, activity_id,"
    " recorded_by, recorded_at) SELECT " J ("uuid") ", " J ("channel") ", " J ("category") ", "
    J ("desa") ", " J ("text") ", " PARTICIPANT_ID ", " ACTIVITY_ID ", " J ("recorded_by") ", "
    J ("recorded_at"),
    { NULL, NULL },
  },
  {
    "feedback_event", "server.push-outreach-feedback-event-id",
    "SELECT e.id, f.uuid || '/' || e.state || '/' || e.at || '/' || coalesce (e.operator, ''),"
    " json_object ('feedback_uuid', f.uuid, 'state', e.state, 'forwarded_to', e.forwarded_to,"
    " 'response', e.response, 'operator', e.operator, 'at', e.at) FROM feedback_events e"
    " JOIN feedback f ON f.id = e.feedback_id WHERE e.id > ?1 ORDER BY e.id",
    "SELECT EXISTS (SELECT 1 FROM feedback_events e JOIN feedback f ON f.id = e.feedback_id"
    "   WHERE f.uuid = " J ("feedback_uuid")
    "   AND ((e.state = " J ("state") " AND e.at = " J ("at")
    "         AND coalesce (e.operator, '') = coalesce (" J ("operator") ", ''))"
    "        OR e.state = 'resolved' OR (" J ("state") " <> 'resolved' AND e.at > " J ("at") "))),"
    " EXISTS (SELECT 1 FROM feedback WHERE uuid = " J ("feedback_uuid") ")",
    "INSERT INTO feedback_events (feedback_id, state, forwarded_to, response, operator, at)"
    " SELECT (SELECT id FROM feedback WHERE uuid = " J ("feedback_uuid") "), " J ("state") ", "
    J ("forwarded_to") ", " J ("response") ", " J ("operator") ", " J ("at"),
    { NULL, NULL },
  },
  {
    "correction", "server.push-outreach-correction-id",
    "SELECT c.id, c.uuid, json_object ('uuid', c.uuid, 'feedback_uuid', f.uuid, 'nik', p.nik,"
    " 'field', c.field, 'old_value', c.old_value, 'new_value', c.new_value, 'requested_by',"
    " c.requested_by, 'requested_at', c.requested_at) FROM data_corrections c"
    " JOIN feedback f ON f.id = c.feedback_id JOIN participants p ON p.id = c.participant_id"
    " WHERE c.id > ?1 ORDER BY c.id",
    "SELECT EXISTS (SELECT 1 FROM data_corrections WHERE uuid = " J ("uuid") "),"
    " EXISTS (SELECT 1 FROM feedback WHERE uuid = " J ("feedback_uuid") ") AND "
    PARTICIPANT_ID " IS NOT NULL",
    "INSERT INTO data_corrections (uuid, feedback_id, participant_id, field, old_value,"
    " new_value, requested_by, requested_at) SELECT " J ("uuid") ","
    " (SELECT id FROM feedback WHERE uuid = " J ("feedback_uuid") "), " PARTICIPANT_ID ", "
    J ("field") ", " J ("old_value") ", " J ("new_value") ", " J ("requested_by") ", "
    J ("requested_at"),
    { NULL, NULL },
  },
};

static const OutreachKind *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return &kinds[i];
  return NULL;
}

void
serah_outreach_push_row_free (SerahOutreachPushRow *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->body);
  g_free (self);
}

guint
serah_store_outreach_sync_n_kinds (void)
{
  return G_N_ELEMENTS (kinds);
}

const char *
serah_store_outreach_sync_kind (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (kinds), NULL);
  return kinds[i].kind;
}

GPtrArray *
serah_store_outreach_sync_read (SerahStore *store, guint i, gint64 *cursor, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
    (GDestroyNotify) serah_outreach_push_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (i < G_N_ELEMENTS (kinds), NULL);
  *cursor = serah_store_get_setting_int (store, kinds[i].cursor);
  stmt = serah_store_prepare (store, kinds[i].push_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *cursor);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SerahOutreachPushRow *row = g_new0 (SerahOutreachPushRow, 1);

      row->local_id = sqlite3_column_int64 (stmt, 0);
      row->key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the outreach records"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
serah_store_outreach_sync_set_cursor (SerahStore *store, guint i, gint64 cursor, GError **error)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (kinds), FALSE);
  return serah_store_set_setting_int (store, kinds[i].cursor, cursor, error);
}

SerahOutreachApply
serah_store_outreach_sync_apply (SerahStore *store, const char *kind_name, const char *body,
                                 GError **error)
{
  const OutreachKind *kind = find_kind (kind_name);
  sqlite3 *db = serah_store_get_db (store);
  sqlite3_stmt *stmt;
  gboolean skip, ready;
  gint64 id;
  int rc;

  /* A kind this version does not know (a newer desk's): left for a newer Serah. */
  if (kind == NULL)
    return SERAH_OUTREACH_APPLY_REFUSED;
  stmt = serah_store_prepare (store, kind->state_sql, error);
  if (stmt == NULL)
    return SERAH_OUTREACH_APPLY_FAILED;
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  skip = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  ready = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      serah_store_set_error (store, error, _("Cannot read the outreach records"));
      return SERAH_OUTREACH_APPLY_FAILED;
    }
  if (skip)
    return SERAH_OUTREACH_APPLY_KNOWN;
  if (!ready)
    return SERAH_OUTREACH_APPLY_PENDING;

  stmt = serah_store_prepare (store, kind->insert_sql, error);
  if (stmt == NULL)
    return SERAH_OUTREACH_APPLY_FAILED;
  sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      /* This desk's CHECKs or triggers refuse it (a forged or malformed row, two corrections
       * of one feedback): counted and left out; the statement alone was rolled back. */
      g_debug ("pulled %s row refused here: %s", kind_name, sqlite3_errmsg (db));
      return SERAH_OUTREACH_APPLY_REFUSED;
    }
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot save an outreach record"));
      return SERAH_OUTREACH_APPLY_FAILED;
    }
  id = sqlite3_last_insert_rowid (db);
  for (guint i = 0; i < G_N_ELEMENTS (kind->after_sql) && kind->after_sql[i] != NULL; i++)
    {
      stmt = serah_store_prepare (store, kind->after_sql[i], error);
      if (stmt == NULL)
        return SERAH_OUTREACH_APPLY_FAILED;
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!serah_store_step_done (store, stmt, _("Cannot save an outreach record"), error))
        return SERAH_OUTREACH_APPLY_FAILED;
    }
  return SERAH_OUTREACH_APPLY_ADDED;
}
