/* serah-store-outreach.c: the SQL of the outreach area (issue 15): SKM answers, understanding
 * answers, activities, registrations and feedback. Only the domain files of app/core/outreach
 * (and the import's one call that closes registrations) call these; they own the
 * transactions. The schema is in serah-store-outreach-schema.c.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "outreach/serah-store-outreach-private.h"

static void
bind_id_or_null (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_sex_or_null (sqlite3_stmt *stmt, int index, SerahSex sex)
{
  if (sex == SERAH_SEX_MALE || sex == SERAH_SEX_FEMALE)
    sqlite3_bind_text (stmt, index, serah_sex_to_string (sex), -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static SerahSex
column_sex (sqlite3_stmt *stmt, int index)
{
  SerahSex sex = SERAH_SEX_UNKNOWN;
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  if (text != NULL)
    serah_sex_parse (text, &sex);
  return sex;
}

/* Copies a text column into a fixed-size field (a date, a NIK); NULL becomes "". */
static void
copy_text (char *dest, gsize size, sqlite3_stmt *stmt, int index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  g_strlcpy (dest, text ? text : "", size);
}

int
serah_store_outreach_add_attendee (SerahStore *store, gint64 activity_id, gint64 participant_id,
                                   const char *operator_name, GError **error)
{
  static const char sql[] =
    "INSERT OR IGNORE INTO outreach_attendees (activity_id, participant_id, recorded_by,"
    " recorded_at) VALUES (?1, ?2, ?3, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  serah_store_bind_text_or_null (stmt, 3, operator_name);
  if (!serah_store_step_done (store, stmt, _("Cannot record the attendance"), error))
    return -1;
  return sqlite3_changes (serah_store_get_db (store)) > 0 ? 1 : 0;
}

/* ---- SKM ---- */

gint64
serah_store_outreach_insert_skm (SerahStore *store, const SerahSkmResponse *r, GError **error)
{
  static const char sql[] =
    "INSERT INTO skm_responses (uuid, unit, surveyed_on, activity_id, sex, age, education,"
    " occupation, u1, u2, u3, u4, u5, u6, u7, u8, u9, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, r->unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, r->surveyed_on, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 4, r->activity_id);
  bind_sex_or_null (stmt, 5, r->sex);
  if (r->age > 0)
    sqlite3_bind_int (stmt, 6, r->age);
  else
    sqlite3_bind_null (stmt, 6);
  serah_store_bind_text_or_null (stmt, 7, r->education);
  serah_store_bind_text_or_null (stmt, 8, r->occupation);
  for (int i = 0; i < 9; i++)
    sqlite3_bind_int (stmt, 9 + i, r->answers[i]);
  serah_store_bind_text_or_null (stmt, 18, r->recorded_by);
  if (!serah_store_step_done (store, stmt, _("Cannot record the survey answers"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

static gpointer
skm_response_from_row (sqlite3_stmt *stmt)
{
  SerahSkmResponse *r = g_new0 (SerahSkmResponse, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->uuid = serah_store_column_dup (stmt, 1);
  r->unit = serah_store_column_dup (stmt, 2);
  copy_text (r->surveyed_on, sizeof r->surveyed_on, stmt, 3);
  r->activity_id = sqlite3_column_int64 (stmt, 4);
  r->sex = column_sex (stmt, 5);
  r->age = sqlite3_column_int (stmt, 6);
  r->education = serah_store_column_dup (stmt, 7);
  r->occupation = serah_store_column_dup (stmt, 8);
  for (int i = 0; i < 9; i++)
    r->answers[i] = (guint8) sqlite3_column_int (stmt, 9 + i);
  r->recorded_by = serah_store_column_dup (stmt, 18);
  r->recorded_at = sqlite3_column_int64 (stmt, 19);
  return r;
}

GPtrArray *
serah_store_outreach_list_skm (SerahStore *store, const char *unit, const char *from,
                               const char *to, GError **error)
{
  static const char sql[] =
    "SELECT id, uuid, unit, surveyed_on, activity_id, sex, age, education, occupation,"
    " u1, u2, u3, u4, u5, u6, u7, u8, u9, recorded_by, recorded_at FROM skm_responses"
    " WHERE (?1 IS NULL OR unit = ?1 COLLATE NOCASE) AND (?2 IS NULL OR surveyed_on >= ?2)"
    "   AND (?3 IS NULL OR surveyed_on <= ?3)"
    " ORDER BY surveyed_on, id";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  serah_store_bind_text_or_null (stmt, 1, unit);
  serah_store_bind_text_or_null (stmt, 2, from);
  serah_store_bind_text_or_null (stmt, 3, to);
  return serah_store_list_rows (store, stmt, skm_response_from_row,
                                (GDestroyNotify) serah_skm_response_free,
                                _("Cannot read the survey answers"), error);
}

/* ---- activities ---- */

int
serah_store_outreach_activity_exists (SerahStore *store, gint64 activity_id, GError **error)
{
  static const char sql[] = "SELECT 1 FROM outreach_activities WHERE id = ?1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  serah_store_set_error (store, error, _("Cannot read the activities"));
  return -1;
}

/* ---- understanding surveys ---- */

gint64
serah_store_outreach_insert_understanding (SerahStore *store, const char *survey_id,
                                           int survey_version, const char *phase,
                                           const char *taken_on, gint64 activity_id,
                                           const char *desa, const char *kecamatan,
                                           gint64 participant_id, const char *answers,
                                           guint score, guint max_score,
                                           const char *operator_name, GError **error)
{
  static const char sql[] =
    "INSERT INTO understanding_responses (uuid, survey, survey_version, phase, taken_on,"
    " activity_id, desa, kecamatan, participant_id, answers, score, max_score, recorded_by,"
    " recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " coalesce (?7, (SELECT desa FROM outreach_activities WHERE id = ?6)),"
    " coalesce (?8, (SELECT kecamatan FROM outreach_activities WHERE id = ?6)),"
    " ?9, ?10, ?11, ?12, ?13, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, survey_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, survey_version);
  sqlite3_bind_text (stmt, 4, phase, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, taken_on, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 6, activity_id);
  serah_store_bind_text_or_null (stmt, 7, desa);
  serah_store_bind_text_or_null (stmt, 8, kecamatan);
  bind_id_or_null (stmt, 9, participant_id);
  sqlite3_bind_text (stmt, 10, answers, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 11, (int) score);
  sqlite3_bind_int (stmt, 12, (int) max_score);
  serah_store_bind_text_or_null (stmt, 13, operator_name);
  if (!serah_store_step_done (store, stmt, _("Cannot record the survey answers"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

#define SCORE_SQL(KEY) \
  "SELECT " KEY " AS k, CASE phase WHEN 'before' THEN 0 WHEN 'after' THEN 1 ELSE 2 END," \
  " count (*), avg (100.0 * score / max_score)" \
  " FROM understanding_responses WHERE survey = ?1 GROUP BY k, phase ORDER BY k"

/* Rows come sorted by key, one per (key, phase): consecutive rows of a key fold into one. */
typedef struct
{
  GPtrArray           *rows;
  SerahSurveyScoreRow *row;
} ScoreFold;

static gboolean
fold_score_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  ScoreFold *fold = user_data;
  const char *key = (const char *) sqlite3_column_text (stmt, 0);
  int phase = sqlite3_column_int (stmt, 1);

  if (fold->row == NULL || g_strcmp0 (fold->row->key, key ? key : "") != 0)
    {
      fold->row = g_new0 (SerahSurveyScoreRow, 1);
      fold->row->key = g_strdup (key ? key : "");
      g_ptr_array_add (fold->rows, fold->row);
    }
  fold->row->sheets[phase] += (guint) sqlite3_column_int64 (stmt, 2);
  fold->row->mean_percent[phase] = sqlite3_column_double (stmt, 3);
  return TRUE;
}

GPtrArray *
serah_store_outreach_understanding_scores (SerahStore *store, const char *survey_id,
                                           SerahSurveyGrouping grouping, GError **error)
{
  /* Activities sort by number, desa by name, months by YYYY-MM. */
  static const char by_activity[] = SCORE_SQL ("coalesce (activity_id, 0)");
  static const char by_desa[] = SCORE_SQL ("coalesce (desa, '')");
  static const char by_month[] = SCORE_SQL ("substr (taken_on, 1, 7)");
  const char *sql = grouping == SERAH_SURVEY_BY_ACTIVITY ? by_activity
                    : grouping == SERAH_SURVEY_BY_DESA   ? by_desa
                                                         : by_month;
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) rows = NULL;
  ScoreFold fold = { NULL, NULL };

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_survey_score_row_free);
  fold.rows = rows;
  sqlite3_bind_text (stmt, 1, survey_id, -1, SQLITE_TRANSIENT);
  if (!serah_store_foreach_row (store, stmt, fold_score_row, &fold,
                                _("Cannot read the survey scores"), error))
    return NULL;
  return g_steal_pointer (&rows);
}

gboolean
serah_store_outreach_set_activity_ceremony (SerahStore *store, gint64 activity_id,
                                            gint64 ceremony_id, GError **error)
{
  static const char sql[] = "UPDATE outreach_activities SET ceremony_id = ?2 WHERE id = ?1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  bind_id_or_null (stmt, 2, ceremony_id);
  return serah_store_step_done (store, stmt, _("Cannot link the activity to the ceremony"), error);
}

gint64
serah_store_outreach_insert_activity (SerahStore *store, const SerahActivity *a, GError **error)
{
  static const char sql[] =
    "INSERT INTO outreach_activities (uuid, kind, held_on, place, desa, kecamatan, attendance,"
    " ceremony_id, note, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime ('%s', 'now'))";
  static const char partner_sql[] =
    "INSERT OR IGNORE INTO outreach_activity_partners (activity_id, kind, name) VALUES (?1, ?2, ?3)";
  static const char material_sql[] =
    "INSERT INTO outreach_activity_materials (activity_id, material, count) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (activity_id, material) DO UPDATE SET count = count + excluded.count";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, a->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, a->place, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 5, a->desa);
  serah_store_bind_text_or_null (stmt, 6, a->kecamatan);
  sqlite3_bind_int64 (stmt, 7, a->attendance);
  bind_id_or_null (stmt, 8, a->ceremony_id);
  serah_store_bind_text_or_null (stmt, 9, a->note);
  serah_store_bind_text_or_null (stmt, 10, a->recorded_by);
  if (!serah_store_step_done (store, stmt, _("Cannot record the activity"), error))
    return 0;
  id = sqlite3_last_insert_rowid (serah_store_get_db (store));
  for (guint i = 0; a->partners != NULL && i < a->partners->len; i++)
    {
      const SerahActivityPartner *p = a->partners->pdata[i];
      stmt = serah_store_prepare (store, partner_sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, p->kind, -1, SQLITE_TRANSIENT);
      /* "" rather than NULL: a primary key treats NULLs as distinct. */
      sqlite3_bind_text (stmt, 3, p->name ? p->name : "", -1, SQLITE_TRANSIENT);
      if (!serah_store_step_done (store, stmt, _("Cannot record the activity"), error))
        return 0;
    }
  for (guint i = 0; a->materials != NULL && i < a->materials->len; i++)
    {
      const SerahActivityMaterial *m = a->materials->pdata[i];
      stmt = serah_store_prepare (store, material_sql, error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, m->material, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, m->count);
      if (!serah_store_step_done (store, stmt, _("Cannot record the activity"), error))
        return 0;
    }
  return id;
}

static gboolean
add_partner (sqlite3_stmt *stmt, gpointer partners, GError **error)
{
  SerahActivityPartner *p = g_new0 (SerahActivityPartner, 1);
  const char *name = (const char *) sqlite3_column_text (stmt, 1);

  p->kind = serah_store_column_dup (stmt, 0);
  p->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  g_ptr_array_add (partners, p);
  return TRUE;
}

static gboolean
add_material (sqlite3_stmt *stmt, gpointer materials, GError **error)
{
  SerahActivityMaterial *m = g_new0 (SerahActivityMaterial, 1);

  m->material = serah_store_column_dup (stmt, 0);
  m->count = sqlite3_column_int64 (stmt, 1);
  g_ptr_array_add (materials, m);
  return TRUE;
}

static gboolean
read_activity_details (SerahStore *store, SerahActivity *a, GError **error)
{
  static const char partners_sql[] =
    "SELECT kind, name FROM outreach_activity_partners WHERE activity_id = ?1 ORDER BY kind, name";
  static const char materials_sql[] =
    "SELECT material, count FROM outreach_activity_materials WHERE activity_id = ?1 ORDER BY material";
  sqlite3_stmt *stmt = serah_store_prepare (store, partners_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  if (!serah_store_foreach_row (store, stmt, add_partner, a->partners,
                                _("Cannot read the activities"), error))
    return FALSE;
  stmt = serah_store_prepare (store, materials_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  return serah_store_foreach_row (store, stmt, add_material, a->materials,
                                  _("Cannot read the activities"), error);
}

#define ACTIVITY_COLUMNS \
  "id, uuid, kind, held_on, place, desa, kecamatan, attendance, ceremony_id, note, recorded_by," \
  " recorded_at, (SELECT count (*) FROM outreach_attendees WHERE activity_id = id)"

static gpointer
activity_from_row (sqlite3_stmt *stmt)
{
  SerahActivity *a = serah_activity_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->uuid = serah_store_column_dup (stmt, 1);
  a->kind = serah_store_column_dup (stmt, 2);
  copy_text (a->held_on, sizeof a->held_on, stmt, 3);
  a->place = serah_store_column_dup (stmt, 4);
  a->desa = serah_store_column_dup (stmt, 5);
  a->kecamatan = serah_store_column_dup (stmt, 6);
  a->attendance = sqlite3_column_int64 (stmt, 7);
  a->ceremony_id = sqlite3_column_int64 (stmt, 8);
  a->note = serah_store_column_dup (stmt, 9);
  a->recorded_by = serah_store_column_dup (stmt, 10);
  a->recorded_at = sqlite3_column_int64 (stmt, 11);
  a->listed = sqlite3_column_int64 (stmt, 12);
  return a;
}

GPtrArray *
serah_store_outreach_list_activities (SerahStore *store, const char *from, const char *to,
                                      const char *desa, GError **error)
{
  static const char sql[] =
    "SELECT " ACTIVITY_COLUMNS " FROM outreach_activities"
    " WHERE (?1 IS NULL OR held_on >= ?1) AND (?2 IS NULL OR held_on <= ?2)"
    "   AND (?3 IS NULL OR desa = ?3 COLLATE NOCASE)"
    " ORDER BY held_on, id";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  serah_store_bind_text_or_null (stmt, 1, from);
  serah_store_bind_text_or_null (stmt, 2, to);
  serah_store_bind_text_or_null (stmt, 3, desa);
  list = serah_store_list_rows (store, stmt, activity_from_row,
                                (GDestroyNotify) serah_activity_free,
                                _("Cannot read the activities"), error);
  if (list == NULL)
    return NULL;
  /* Details after the listing: the list statement is done with before another is stepped. */
  for (guint i = 0; i < list->len; i++)
    if (!read_activity_details (store, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

SerahActivity *
serah_store_outreach_get_activity (SerahStore *store, gint64 activity_id, GError **error)
{
  static const char sql[] = "SELECT " ACTIVITY_COLUMNS " FROM outreach_activities WHERE id = ?1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autoptr(SerahActivity) a = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      serah_store_set_error (store, error, _("Cannot read the activities"));
      return NULL;
    }
  a = activity_from_row (stmt);
  sqlite3_reset (stmt);
  if (!read_activity_details (store, a, error))
    return NULL;
  return g_steal_pointer (&a);
}

/* ---- registrations ---- */

gint64
serah_store_outreach_insert_registration (SerahStore *store, const SerahRegistration *r,
                                          GError **error)
{
  static const char sql[] =
    "INSERT INTO registrations (uuid, nik, kk, name, sex, birth_date, address, rt, rw, desa,"
    " kecamatan, phone, reason, activity_id, ceremony_id, warnings, recorded_by, recorded_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, r->nik, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, r->kk, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, r->name, -1, SQLITE_TRANSIENT);
  bind_sex_or_null (stmt, 5, r->sex);
  sqlite3_bind_text (stmt, 6, r->birth_date, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 7, r->address);
  serah_store_bind_text_or_null (stmt, 8, r->rt);
  serah_store_bind_text_or_null (stmt, 9, r->rw);
  serah_store_bind_text_or_null (stmt, 10, r->desa);
  serah_store_bind_text_or_null (stmt, 11, r->kecamatan);
  serah_store_bind_text_or_null (stmt, 12, r->phone);
  serah_store_bind_text_or_null (stmt, 13, r->reason);
  bind_id_or_null (stmt, 14, r->activity_id);
  bind_id_or_null (stmt, 15, r->ceremony_id);
  serah_store_bind_text_or_null (stmt, 16, r->warnings);
  serah_store_bind_text_or_null (stmt, 17, r->recorded_by);
  if (!serah_store_step_done (store, stmt, _("Cannot record the registration"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

gboolean
serah_store_outreach_add_registration_event (SerahStore *store, gint64 registration_id,
                                             const char *status, const char *reason,
                                             gint64 import_id, const char *operator_name,
                                             GError **error)
{
  static const char sql[] =
    "INSERT INTO registration_events (registration_id, status, reason, import_id, operator, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, registration_id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 3, reason);
  bind_id_or_null (stmt, 4, import_id);
  serah_store_bind_text_or_null (stmt, 5, operator_name);
  return serah_store_step_done (store, stmt, _("Cannot record the registration status"), error);
}

/* The current status of registration r: its newest event. */
#define CURRENT_STATUS_JOIN \
  " JOIN registration_events e ON e.id = (SELECT max (id) FROM registration_events" \
  "                                       WHERE registration_id = r.id)"

#define REGISTRATION_COLUMNS \
  "r.id, r.uuid, r.nik, r.kk, r.name, r.sex, r.birth_date, r.address, r.rt, r.rw, r.desa," \
  " r.kecamatan, r.phone, r.reason, r.activity_id, r.ceremony_id, r.warnings, r.recorded_by," \
  " r.recorded_at, e.status, e.reason, e.operator, e.at, e.import_id"

gint64
serah_store_outreach_open_registration_for_nik (SerahStore *store, const char *nik,
                                                GError **error)
{
  static const char sql[] =
    "SELECT r.id FROM registrations r" CURRENT_STATUS_JOIN
    " WHERE r.nik = ?1 AND e.status IN ('submitted', 'verified') ORDER BY r.id LIMIT 1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  serah_store_set_error (store, error, _("Cannot read the registrations"));
  return -1;
}

static gpointer
registration_from_row (sqlite3_stmt *stmt)
{
  SerahRegistration *r = serah_registration_new ();
  const char *status = (const char *) sqlite3_column_text (stmt, 19);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->uuid = serah_store_column_dup (stmt, 1);
  copy_text (r->nik, sizeof r->nik, stmt, 2);
  copy_text (r->kk, sizeof r->kk, stmt, 3);
  r->name = serah_store_column_dup (stmt, 4);
  r->sex = column_sex (stmt, 5);
  copy_text (r->birth_date, sizeof r->birth_date, stmt, 6);
  r->address = serah_store_column_dup (stmt, 7);
  r->rt = serah_store_column_dup (stmt, 8);
  r->rw = serah_store_column_dup (stmt, 9);
  r->desa = serah_store_column_dup (stmt, 10);
  r->kecamatan = serah_store_column_dup (stmt, 11);
  r->phone = serah_store_column_dup (stmt, 12);
  r->reason = serah_store_column_dup (stmt, 13);
  r->activity_id = sqlite3_column_int64 (stmt, 14);
  r->ceremony_id = sqlite3_column_int64 (stmt, 15);
  r->warnings = serah_store_column_dup (stmt, 16);
  r->recorded_by = serah_store_column_dup (stmt, 17);
  r->recorded_at = sqlite3_column_int64 (stmt, 18);
  if (!serah_registration_status_parse (status, &r->status))
    g_warning ("Registration %" G_GINT64_FORMAT " has an unknown status %s", r->id, status);
  r->status_reason = serah_store_column_dup (stmt, 20);
  r->status_by = serah_store_column_dup (stmt, 21);
  r->status_at = sqlite3_column_int64 (stmt, 22);
  r->status_import_id = sqlite3_column_int64 (stmt, 23);
  return r;
}

SerahRegistration *
serah_store_outreach_get_registration (SerahStore *store, gint64 registration_id, GError **error)
{
  static const char sql[] =
    "SELECT " REGISTRATION_COLUMNS " FROM registrations r" CURRENT_STATUS_JOIN " WHERE r.id = ?1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, registration_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return registration_from_row (stmt);
  if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read the registrations"));
  return NULL;
}

GPtrArray *
serah_store_outreach_registration_events (SerahStore *store, gint64 registration_id,
                                          GError **error)
{
  static const char sql[] =
    "SELECT status, reason, operator, at, import_id FROM registration_events"
    " WHERE registration_id = ?1 ORDER BY id";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autoptr(GPtrArray) events = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_registration_event_free);
  sqlite3_bind_int64 (stmt, 1, registration_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SerahRegistrationEvent *e = g_new0 (SerahRegistrationEvent, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 0);

      if (status == NULL || !serah_registration_status_parse (status, &e->status))
        e->status = SERAH_REGISTRATION_SUBMITTED;
      e->reason = serah_store_column_dup (stmt, 1);
      e->operator_name = serah_store_column_dup (stmt, 2);
      e->at = sqlite3_column_int64 (stmt, 3);
      e->import_id = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (events, e);
    }
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the registrations"));
      return NULL;
    }
  return g_steal_pointer (&events);
}

GPtrArray *
serah_store_outreach_list_registrations (SerahStore *store, const char *status, const char *from,
                                         const char *to, gint64 activity_id, GError **error)
{
  static const char sql[] =
    "SELECT " REGISTRATION_COLUMNS " FROM registrations r" CURRENT_STATUS_JOIN
    " WHERE (?1 IS NULL OR e.status = ?1)"
    "   AND (?2 IS NULL OR date (r.recorded_at, 'unixepoch', 'localtime') >= ?2)"
    "   AND (?3 IS NULL OR date (r.recorded_at, 'unixepoch', 'localtime') <= ?3)"
    "   AND (?4 IS NULL OR r.activity_id = ?4)"
    " ORDER BY r.id";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  serah_store_bind_text_or_null (stmt, 1, status);
  serah_store_bind_text_or_null (stmt, 2, from);
  serah_store_bind_text_or_null (stmt, 3, to);
  bind_id_or_null (stmt, 4, activity_id);
  return serah_store_list_rows (store, stmt, registration_from_row,
                                (GDestroyNotify) serah_registration_free,
                                _("Cannot read the registrations"), error);
}

gint64
serah_store_outreach_close_covered_registrations (SerahStore *store, gint64 import_id,
                                                  const char *operator_name, GError **error)
{
  static const char sql[] =
    "INSERT INTO registration_events (registration_id, status, import_id, operator, at)"
    " SELECT r.id, 'covered', ?1, ?2, strftime ('%s', 'now') FROM registrations r"
    CURRENT_STATUS_JOIN
    " WHERE e.status <> 'covered' AND EXISTS (SELECT 1 FROM participants WHERE nik = r.nik)";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return -1;
  bind_id_or_null (stmt, 1, import_id);
  serah_store_bind_text_or_null (stmt, 2, operator_name);
  if (!serah_store_step_done (store, stmt, _("Cannot close the registrations"), error))
    return -1;
  return sqlite3_changes (serah_store_get_db (store));
}

/* ---- feedback ---- */

gint64
serah_store_outreach_insert_feedback (SerahStore *store, const SerahFeedback *f, GError **error)
{
  static const char sql[] =
    "INSERT INTO feedback (uuid, channel, category, desa, text, participant_id, activity_id,"
    " recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, f->channel, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, f->category, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 4, f->desa);
  sqlite3_bind_text (stmt, 5, f->text, -1, SQLITE_TRANSIENT);
  bind_id_or_null (stmt, 6, f->participant_id);
  bind_id_or_null (stmt, 7, f->activity_id);
  serah_store_bind_text_or_null (stmt, 8, f->recorded_by);
  sqlite3_bind_int64 (stmt, 9, f->recorded_at);
  if (!serah_store_step_done (store, stmt, _("Cannot record the feedback"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

gboolean
serah_store_outreach_add_feedback_event (SerahStore *store, gint64 feedback_id, const char *state,
                                         const char *forwarded_to, const char *response,
                                         const char *operator_name, GError **error)
{
  static const char sql[] =
    "INSERT INTO feedback_events (feedback_id, state, forwarded_to, response, operator, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, feedback_id);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 3, forwarded_to);
  serah_store_bind_text_or_null (stmt, 4, response);
  serah_store_bind_text_or_null (stmt, 5, operator_name);
  return serah_store_step_done (store, stmt, _("Cannot record the follow-up"), error);
}

#define FEEDBACK_SELECT \
  "SELECT f.id, f.uuid, f.channel, f.category, f.desa, f.text, f.participant_id," \
  " f.activity_id, f.recorded_by, f.recorded_at, e.state," \
  " (SELECT forwarded_to FROM feedback_events WHERE feedback_id = f.id" \
  "  AND state = 'forwarded' ORDER BY id DESC LIMIT 1)," \
  " e.response, e.operator, e.at FROM feedback f" \
  " JOIN feedback_events e ON e.id = (SELECT max (id) FROM feedback_events" \
  "                                   WHERE feedback_id = f.id)"

static gpointer
feedback_from_row (sqlite3_stmt *stmt)
{
  SerahFeedback *f = serah_feedback_new ();

  f->id = sqlite3_column_int64 (stmt, 0);
  f->uuid = serah_store_column_dup (stmt, 1);
  f->channel = serah_store_column_dup (stmt, 2);
  f->category = serah_store_column_dup (stmt, 3);
  f->desa = serah_store_column_dup (stmt, 4);
  f->text = serah_store_column_dup (stmt, 5);
  f->participant_id = sqlite3_column_int64 (stmt, 6);
  f->activity_id = sqlite3_column_int64 (stmt, 7);
  f->recorded_by = serah_store_column_dup (stmt, 8);
  f->recorded_at = sqlite3_column_int64 (stmt, 9);
  serah_feedback_state_parse ((const char *) sqlite3_column_text (stmt, 10), &f->state);
  f->forwarded_to = serah_store_column_dup (stmt, 11);
  f->response = serah_store_column_dup (stmt, 12);
  f->state_by = serah_store_column_dup (stmt, 13);
  f->state_at = sqlite3_column_int64 (stmt, 14);
  return f;
}

SerahFeedback *
serah_store_outreach_get_feedback (SerahStore *store, gint64 feedback_id, GError **error)
{
  static const char sql[] = FEEDBACK_SELECT " WHERE f.id = ?1";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feedback_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return feedback_from_row (stmt);
  if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read the feedback"));
  return NULL;
}

GPtrArray *
serah_store_outreach_list_feedback (SerahStore *store, gboolean open_only, GError **error)
{
  static const char sql[] =
    FEEDBACK_SELECT " WHERE (?1 = 0 OR e.state <> 'resolved') ORDER BY f.recorded_at, f.id";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, open_only ? 1 : 0);
  return serah_store_list_rows (store, stmt, feedback_from_row,
                                (GDestroyNotify) serah_feedback_free,
                                _("Cannot read the feedback"), error);
}

/* ---- indicators ---- */

/* One string vector per row, one string per column of the SELECT, NULL read as "". */
static gpointer
strv_from_row (sqlite3_stmt *stmt)
{
  int n_columns = sqlite3_column_count (stmt);
  char **row = g_new0 (char *, n_columns + 1);

  for (int i = 0; i < n_columns; i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, i);
      row[i] = g_strdup (text ? text : "");
    }
  return row;
}

static GPtrArray *
rows_of (SerahStore *store, sqlite3_stmt *stmt, GError **error)
{
  return serah_store_list_rows (store, stmt, strv_from_row, (GDestroyNotify) g_strfreev,
                                _("Cannot read the indicators"), error);
}

GPtrArray *
serah_store_outreach_timeline (SerahStore *store, const char *from, const char *to,
                               GError **error)
{
  /* Registrations by the local day they were recorded, activities by the day held. */
  static const char sql[] =
    "WITH reg AS ("
    "  SELECT date (r.recorded_at, 'unixepoch', 'localtime') AS day, coalesce (r.desa, '') AS desa,"
    "         EXISTS (SELECT 1 FROM registration_events WHERE registration_id = r.id"
    "                 AND status = 'covered') AS covered"
    "  FROM registrations r),"
    " act AS (SELECT held_on AS day, coalesce (desa, '') AS desa,"
    "         max (attendance, (SELECT count (*) FROM outreach_attendees"
    "                           WHERE activity_id = a.id)) AS attendance"
    "         FROM outreach_activities a),"
    " keys AS (SELECT substr (day, 1, 7) AS month, desa FROM reg"
    "          WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)"
    "          UNION SELECT substr (day, 1, 7), desa FROM act"
    "          WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2))"
    " SELECT k.month, k.desa,"
    "  (SELECT count (*) FROM reg WHERE substr (day, 1, 7) = k.month AND desa = k.desa"
    "     AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)),"
    "  (SELECT count (*) FROM reg WHERE substr (day, 1, 7) = k.month AND desa = k.desa AND covered"
    "     AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)),"
    "  (SELECT count (*) FROM act WHERE substr (day, 1, 7) = k.month AND desa = k.desa"
    "     AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)),"
    "  (SELECT coalesce (sum (attendance), 0) FROM act WHERE substr (day, 1, 7) = k.month"
    "     AND desa = k.desa AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2))"
    " FROM keys k ORDER BY k.month, k.desa";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  serah_store_bind_text_or_null (stmt, 1, from);
  serah_store_bind_text_or_null (stmt, 2, to);
  return rows_of (store, stmt, error);
}

GPtrArray *
serah_store_outreach_feedback_by_month (SerahStore *store, const char *from, const char *to,
                                        GError **error)
{
  static const char sql[] =
    "SELECT substr (date (f.recorded_at, 'unixepoch', 'localtime'), 1, 7) AS month, count (*),"
    " sum (EXISTS (SELECT 1 FROM feedback_events WHERE feedback_id = f.id AND state = 'resolved'))"
    " FROM feedback f"
    " WHERE (?1 IS NULL OR date (f.recorded_at, 'unixepoch', 'localtime') >= ?1)"
    "   AND (?2 IS NULL OR date (f.recorded_at, 'unixepoch', 'localtime') <= ?2)"
    " GROUP BY month ORDER BY month";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  serah_store_bind_text_or_null (stmt, 1, from);
  serah_store_bind_text_or_null (stmt, 2, to);
  return rows_of (store, stmt, error);
}

/* ---- data corrections (issue 15 item 4) ---- */

gint64
serah_store_outreach_insert_correction (SerahStore *store, const SerahDataCorrection *c,
                                        GError **error)
{
  static const char sql[] =
    "INSERT INTO data_corrections (uuid, feedback_id, participant_id, field, old_value, new_value,"
    " requested_by, requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  g_autofree char *uuid = g_uuid_string_random ();

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, c->feedback_id);
  sqlite3_bind_int64 (stmt, 3, c->participant_id);
  sqlite3_bind_text (stmt, 4, c->field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, c->old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, c->new_value, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 7, c->requested_by);
  if (!serah_store_step_done (store, stmt, _("Cannot record the correction"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

static char *
column_dup (sqlite3_stmt *stmt, int i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);
  return text ? g_strdup (text) : NULL;
}

SerahDataCorrection *
serah_store_outreach_get_correction (SerahStore *store, gint64 id, gboolean by_feedback,
                                     GError **error)
{
  static const char sql[] =
    "SELECT c.id, c.uuid, c.feedback_id, c.participant_id, c.field, c.old_value, c.new_value,"
    " c.requested_by, c.requested_at, r.run_id, r.serial, r.reprinted_by, r.reprinted_at"
    " FROM data_corrections c LEFT JOIN data_correction_reprints r ON r.correction_id = c.id"
    " WHERE (?2 = 0 AND c.id = ?1) OR (?2 = 1 AND c.feedback_id = ?1)";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  SerahDataCorrection *c;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, by_feedback ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        serah_store_set_error (store, error, _("Cannot read the correction"));
      return NULL;
    }
  c = g_new0 (SerahDataCorrection, 1);
  c->id = sqlite3_column_int64 (stmt, 0);
  c->uuid = column_dup (stmt, 1);
  c->feedback_id = sqlite3_column_int64 (stmt, 2);
  c->participant_id = sqlite3_column_int64 (stmt, 3);
  c->field = column_dup (stmt, 4);
  c->old_value = column_dup (stmt, 5);
  c->new_value = column_dup (stmt, 6);
  c->requested_by = column_dup (stmt, 7);
  c->requested_at = sqlite3_column_int64 (stmt, 8);
  c->reprint_run_id = sqlite3_column_int64 (stmt, 9);
  c->reprint_serial = sqlite3_column_int64 (stmt, 10);
  c->reprinted_by = column_dup (stmt, 11);
  c->reprinted_at = sqlite3_column_int64 (stmt, 12);
  sqlite3_reset (stmt);
  return c;
}

gboolean
serah_store_outreach_insert_correction_reprint (SerahStore *store, gint64 correction_id,
                                                gint64 run_id, gint64 serial,
                                                const char *operator_name, GError **error)
{
  static const char sql[] =
    "INSERT INTO data_correction_reprints (correction_id, run_id, serial, reprinted_by,"
    " reprinted_at) VALUES (?1, ?2, ?3, ?4, strftime ('%s', 'now'))";
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, correction_id);
  sqlite3_bind_int64 (stmt, 2, run_id);
  sqlite3_bind_int64 (stmt, 3, serial);
  serah_store_bind_text_or_null (stmt, 4, operator_name);
  return serah_store_step_done (store, stmt, _("Cannot record the correction's reprint"), error);
}
