/* serah-store-handover.c: the queries of handovers, undos, the derived ceremony_state index
 * and the check-off entries (a participant with card, invitation and live handover). The
 * tables are created by schema v3 in serah-store-ceremony.c.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "store/serah-store-private.h"
#include "register/serah-store-participants-private.h"

/* The handover columns handover_from_row reads (15), then optionally the undo's (5). */
#define HANDOVER_COLUMNS \
  "h.uuid, h.ceremony_id, h.participant_id, p.card_no, p.name, h.card_serial, h.handed_at," \
  " h.operator, h.station, h.recipient, h.proxy_name, h.proxy_relation, h.proxy_id_number," \
  " h.uninvited, h.identified_by"
#define HANDOVER_N_COLUMNS 15
#define UNDO_COLUMNS "u.uuid, u.undone_at, u.operator, u.station, u.reason"

/* A handover with its undo, if any: the earliest undo, so every station shows the same. */
#define HANDOVER_WITH_UNDO_SELECT \
  "SELECT " HANDOVER_COLUMNS ", " UNDO_COLUMNS \
  " FROM handovers h JOIN participants p ON p.id = h.participant_id" \
  " LEFT JOIN handover_undos u ON u.id = (SELECT u2.id FROM handover_undos u2" \
  "   WHERE u2.handover_uuid = h.uuid ORDER BY u2.undone_at, u2.uuid LIMIT 1) "

static SerahHandover *
handover_from_row (sqlite3_stmt *stmt, int col, gboolean with_undo)
{
  SerahHandover *h = g_new0 (SerahHandover, 1);
  const char *card_no;

  h->uuid = serah_store_column_dup (stmt, col + 0);
  h->ceremony_id = sqlite3_column_int64 (stmt, col + 1);
  h->participant_id = sqlite3_column_int64 (stmt, col + 2);
  card_no = (const char *) sqlite3_column_text (stmt, col + 3);
  g_strlcpy (h->card_no, card_no ? card_no : "", sizeof h->card_no);
  h->participant_name = serah_store_column_dup (stmt, col + 4);
  h->card_serial = sqlite3_column_int64 (stmt, col + 5);
  h->handed_at = sqlite3_column_int64 (stmt, col + 6);
  h->operator_name = serah_store_column_dup (stmt, col + 7);
  h->station = serah_store_column_dup (stmt, col + 8);
  serah_recipient_from_string ((const char *) sqlite3_column_text (stmt, col + 9), &h->recipient);
  h->proxy_name = serah_store_column_dup (stmt, col + 10);
  h->proxy_relation = serah_store_column_dup (stmt, col + 11);
  h->proxy_id_number = serah_store_column_dup (stmt, col + 12);
  h->uninvited = sqlite3_column_int (stmt, col + 13) != 0;
  if (!serah_identified_by_from_string ((const char *) sqlite3_column_text (stmt, col + 14),
                                        &h->identified_by))
    h->identified_by = SERAH_IDENTIFIED_SEARCH;
  if (with_undo && sqlite3_column_type (stmt, col + 15) != SQLITE_NULL)
    {
      h->undo_uuid = serah_store_column_dup (stmt, col + 15);
      h->undone_at = sqlite3_column_int64 (stmt, col + 16);
      h->undone_by = serah_store_column_dup (stmt, col + 17);
      h->undo_station = serah_store_column_dup (stmt, col + 18);
      h->undo_reason = serah_store_column_dup (stmt, col + 19);
    }
  return h;
}

gboolean
serah_store_insert_handover (SerahStore *store, const SerahHandover *h, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (h != NULL && h->uuid != NULL, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO handovers (uuid, ceremony_id, participant_id,"
                              " card_serial, handed_at, operator, station, recipient, proxy_name,"
                              " proxy_relation, proxy_id_number, uninvited, identified_by,"
                              " recorded_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                              " ?14)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, h->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, h->ceremony_id);
  sqlite3_bind_int64 (stmt, 3, h->participant_id);
  if (h->card_serial > 0)
    sqlite3_bind_int64 (stmt, 4, h->card_serial);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, h->handed_at);
  sqlite3_bind_text (stmt, 6, h->operator_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, h->station, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, serah_recipient_to_string (h->recipient), -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 9, h->proxy_name);
  serah_store_bind_text_or_null (stmt, 10, h->proxy_relation);
  serah_store_bind_text_or_null (stmt, 11, h->proxy_id_number);
  sqlite3_bind_int (stmt, 12, h->uninvited ? 1 : 0);
  sqlite3_bind_text (stmt, 13, serah_identified_by_to_string (h->identified_by), -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (store, stmt, _("Cannot record the handover"), error);
}

gboolean
serah_store_insert_handover_undo (SerahStore *store, const SerahHandover *undone, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (undone != NULL && undone->undo_uuid != NULL, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO handover_undos (uuid, handover_uuid, undone_at,"
                              " operator, station, reason, recorded_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, undone->undo_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, undone->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, undone->undone_at);
  sqlite3_bind_text (stmt, 4, undone->undone_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, undone->undo_station, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, undone->undo_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (store, stmt, _("Cannot record the undo"), error);
}

gboolean
serah_store_refresh_ceremony_state (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                                    GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  stmt = serah_store_prepare (store,
                              "DELETE FROM ceremony_state WHERE ceremony_id = ?1"
                              " AND participant_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  if (!serah_store_step_done (store, stmt, _("Cannot update the handover state"), error))
    return FALSE;

  /* A pure function of the event set: which events arrived first, or from which station,
   * does not matter, so merges in any order end in the same state. count() OVER () is taken
   * before LIMIT, so n_live counts every live handover. */
  stmt = serah_store_prepare (store,
                              "INSERT INTO ceremony_state (ceremony_id, participant_id,"
                              " handover_uuid, n_live, recipient, uninvited, kecamatan, desa)"
                              " SELECT h.ceremony_id, h.participant_id, h.uuid, count(*) OVER (),"
                              " h.recipient, h.uninvited, coalesce (i.kecamatan, p.kecamatan, ''),"
                              " coalesce (i.desa, p.desa, '')"
                              " FROM handovers h JOIN participants p ON p.id = h.participant_id"
                              " LEFT JOIN ceremony_invitations i ON i.ceremony_id = h.ceremony_id"
                              "   AND i.participant_id = h.participant_id"
                              " WHERE h.ceremony_id = ?1 AND h.participant_id = ?2"
                              "   AND NOT EXISTS (SELECT 1 FROM handover_undos u"
                              "                   WHERE u.handover_uuid = h.uuid)"
                              " ORDER BY h.handed_at, h.uuid LIMIT 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  return serah_store_step_done (store, stmt, _("Cannot update the handover state"), error);
}

static SerahHandover *
get_one_handover (SerahStore *store, sqlite3_stmt *stmt, gboolean with_undo, guint *n_live,
                  GError **error)
{
  SerahHandover *h = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      h = handover_from_row (stmt, 0, with_undo);
      if (n_live != NULL)
        *n_live = (guint) sqlite3_column_int (stmt, HANDOVER_N_COLUMNS);
    }
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read a handover"));
  else if (n_live != NULL)
    *n_live = 0;
  sqlite3_reset (stmt);
  return h;
}

SerahHandover *
serah_store_get_handover (SerahStore *store, const char *uuid, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store, HANDOVER_WITH_UNDO_SELECT "WHERE h.uuid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return get_one_handover (store, stmt, TRUE, NULL, error);
}

SerahHandover *
serah_store_get_undo (SerahStore *store, const char *undo_uuid, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT " HANDOVER_COLUMNS ", " UNDO_COLUMNS
                              " FROM handover_undos u JOIN handovers h ON h.uuid = u.handover_uuid"
                              " JOIN participants p ON p.id = h.participant_id WHERE u.uuid = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, undo_uuid, -1, SQLITE_STATIC);
  return get_one_handover (store, stmt, TRUE, NULL, error);
}

SerahHandover *
serah_store_get_live_handover (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                               guint *n_live, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT " HANDOVER_COLUMNS ", s.n_live FROM ceremony_state s"
                              " JOIN handovers h ON h.uuid = s.handover_uuid"
                              " JOIN participants p ON p.id = s.participant_id"
                              " WHERE s.ceremony_id = ?1 AND s.participant_id = ?2",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  return get_one_handover (store, stmt, FALSE, n_live, error);
}

static gpointer
handover_with_undo_from_row (sqlite3_stmt *stmt)
{
  return handover_from_row (stmt, 0, TRUE);
}

GPtrArray *
serah_store_list_handovers (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                            gboolean live_only, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* Two statements so that one participant's history uses the (ceremony, participant) index
   * instead of walking the whole ceremony. */
  if (participant_id > 0)
    stmt = serah_store_prepare (store,
                                HANDOVER_WITH_UNDO_SELECT
                                "WHERE h.ceremony_id = ?1 AND h.participant_id = ?2"
                                " AND (?3 = 0 OR u.uuid IS NULL) ORDER BY h.handed_at, h.uuid",
                                error);
  else
    stmt = serah_store_prepare (store,
                                HANDOVER_WITH_UNDO_SELECT
                                "WHERE h.ceremony_id = ?1 AND ?2 = 0"
                                " AND (?3 = 0 OR u.uuid IS NULL) ORDER BY h.handed_at, h.uuid",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int (stmt, 3, live_only ? 1 : 0);
  return serah_store_list_rows (store, stmt, handover_with_undo_from_row,
                                (GDestroyNotify) serah_handover_free,
                                _("Cannot list handovers"), error);
}

/* ---- check-off entries ---- */

/* Participant (13 columns), invited, current card (8), n_live, live handover (15). The
 * current card is the participant's newest serial that has not been voided. */
#define ENTRY_SELECT \
  "SELECT " SERAH_PARTICIPANT_COLUMNS ", i.participant_id IS NOT NULL," \
  " c.serial, c.print_run_id, c.sheet_no, c.position, c.stack_group, c.stack_index," \
  " c.printed_at, c.replaces_serial, s.n_live, " HANDOVER_COLUMNS
#define ENTRY_JOINS \
  " JOIN participants p ON p.id = m.participant_id" \
  " LEFT JOIN ceremony_invitations i ON i.ceremony_id = ?1 AND i.participant_id = p.id" \
  " LEFT JOIN ceremony_state s ON s.ceremony_id = ?1 AND s.participant_id = p.id" \
  " LEFT JOIN handovers h ON h.uuid = s.handover_uuid" \
  " LEFT JOIN printed_cards c ON c.serial = (SELECT c2.serial FROM printed_cards c2" \
  "   WHERE c2.participant_id = p.id" \
  "     AND NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = c2.serial)" \
  "     AND c2.print_run_id NOT IN (SELECT id FROM print_runs WHERE kind = 'invitation')" \
  "   ORDER BY c2.serial DESC LIMIT 1) "
/* Stack order: the desa stacks as printed (a print run's stack is contiguous), then people
 * without a printed card by name. */
#define ENTRY_ORDER \
  " ORDER BY coalesce (p.kecamatan, '') COLLATE NOCASE," \
  " coalesce (c.stack_group, p.desa, '') COLLATE NOCASE, c.print_run_id IS NULL," \
  " c.print_run_id, c.stack_index, p.name COLLATE NOCASE, p.id"
/* Who is listed: the invited, the handed over, or both; with "_DESA" only those of desa ?2
 * (the desa kept on the invitation or state row, so the desa index answers it). */
#define MEMBERS_INVITED "SELECT participant_id FROM ceremony_invitations WHERE ceremony_id = ?1"
#define MEMBERS_STATE "SELECT participant_id FROM ceremony_state WHERE ceremony_id = ?1"
#define MEMBERS_INVITED_DESA MEMBERS_INVITED " AND desa = ?2 COLLATE NOCASE"
#define MEMBERS_STATE_DESA MEMBERS_STATE " AND desa = ?2 COLLATE NOCASE"
#define ENTRY_STREAM(members, where) \
  ENTRY_SELECT " FROM (" members ") m" ENTRY_JOINS " WHERE " where ENTRY_ORDER

static SerahCheckoffEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  SerahCheckoffEntry *e = g_new0 (SerahCheckoffEntry, 1);

  e->participant = serah_participant_new ();
  serah_participant_from_row (e->participant, stmt);
  e->invited = sqlite3_column_int (stmt, 13) != 0;
  if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
    {
      SerahPrintedCard *c = g_new0 (SerahPrintedCard, 1);

      c->serial = sqlite3_column_int64 (stmt, 14);
      c->print_run_id = sqlite3_column_int64 (stmt, 15);
      c->participant_id = e->participant->id;
      c->sheet_no = sqlite3_column_int (stmt, 16);
      c->position = sqlite3_column_int (stmt, 17);
      c->stack_group = serah_store_column_dup (stmt, 18);
      c->stack_index = sqlite3_column_int (stmt, 19);
      c->printed_at = sqlite3_column_int64 (stmt, 20);
      c->replaces_serial = sqlite3_column_int64 (stmt, 21);
      e->card = c;
    }
  e->n_live = (guint) sqlite3_column_int (stmt, 22);
  if (sqlite3_column_type (stmt, 23) != SQLITE_NULL)
    e->handover = handover_from_row (stmt, 23, FALSE);
  return e;
}

SerahCheckoffEntry *
serah_store_get_checkoff_entry (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                                GError **error)
{
  SerahCheckoffEntry *entry = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              ENTRY_SELECT " FROM (SELECT ?2 AS participant_id) m" ENTRY_JOINS,
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = entry_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read a participant"));
  sqlite3_reset (stmt);
  return entry;
}

typedef struct {
  SerahCheckoffEntryFunc func;
  gpointer               user_data;
} EntryWalk;

static gboolean
walk_entry (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  EntryWalk *walk = user_data;
  g_autoptr(SerahCheckoffEntry) entry = entry_from_row (stmt);

  return walk->func (entry, walk->user_data, error);
}

gboolean
serah_store_foreach_checkoff_entry (SerahStore *store, gint64 ceremony_id,
                                    SerahEntriesWhich which, const char *desa,
                                    SerahCheckoffEntryFunc func, gpointer user_data,
                                    GError **error)
{
  EntryWalk walk = { func, user_data };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Six fixed statements rather than "?2 IS NULL OR ...", which would keep SQLite from
   * using the desa index. */
  switch (which)
    {
    case SERAH_ENTRIES_PENDING:
      stmt = serah_store_prepare (store,
                                  desa ? ENTRY_STREAM (MEMBERS_INVITED_DESA,
                                                       "s.participant_id IS NULL")
                                       : ENTRY_STREAM (MEMBERS_INVITED, "s.participant_id IS NULL"),
                                  error);
      break;
    case SERAH_ENTRIES_HANDED_OVER:
      stmt = serah_store_prepare (store,
                                  desa ? ENTRY_STREAM (MEMBERS_STATE_DESA, "1")
                                       : ENTRY_STREAM (MEMBERS_STATE, "1"),
                                  error);
      break;
    case SERAH_ENTRIES_ALL:
    default:
      stmt = serah_store_prepare (store,
                                  desa ? ENTRY_STREAM (MEMBERS_INVITED_DESA " UNION "
                                                       MEMBERS_STATE_DESA, "1")
                                       : ENTRY_STREAM (MEMBERS_INVITED " UNION " MEMBERS_STATE,
                                                       "1"),
                                  error);
      break;
    }
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (desa != NULL)
    sqlite3_bind_text (stmt, 2, desa, -1, SQLITE_STATIC);

  return serah_store_foreach_row (store, stmt, walk_entry, &walk,
                                  _("Cannot list the ceremony's participants"), error);
}

static gboolean
append_id (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

GArray *
serah_store_list_conflict_participants (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT s.participant_id FROM ceremony_state s"
                              " JOIN participants p ON p.id = s.participant_id"
                              " WHERE s.ceremony_id = ?1 AND s.n_live > 1"
                              " ORDER BY s.kecamatan COLLATE NOCASE, s.desa COLLATE NOCASE,"
                              " p.name COLLATE NOCASE, p.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, append_id, ids, _("Cannot list conflicts"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* ---- who is still waiting, a window at a time ---- */

/* INDEXED BY: without statistics the planner takes the primary key (ceremony_id) for one
 * desa and filters a million invitations (EXPLAIN QUERY PLAN); the desa index gives the
 * desa's range already in (desa, participant) order. */
#define PENDING_FROM \
  " FROM ceremony_invitations i INDEXED BY ceremony_invitations_by_desa WHERE i.ceremony_id = ?1" \
  " AND NOT EXISTS (SELECT 1 FROM ceremony_state s" \
  "                 WHERE s.ceremony_id = ?1 AND s.participant_id = i.participant_id)"
#define PENDING_DESA " AND i.desa = ?2 COLLATE NOCASE AND i.kecamatan = ?5 COLLATE NOCASE"
#define PENDING_ASC " ORDER BY i.desa COLLATE NOCASE, i.participant_id LIMIT ?3 OFFSET ?4"
#define PENDING_DESC \
  " ORDER BY i.desa COLLATE NOCASE DESC, i.participant_id DESC LIMIT ?3 OFFSET ?4"

#define PENDING_IN_DESA " AND i.desa = ?2 COLLATE NOCASE"

/* The waiting in one window of one run of the list: desa (NULL: every desa, OFFSET over the
 * whole list) and, with it, kecamatan (NULL: every kecamatan of that desa name, as the
 * all-desa order groups them). Reads from the nearer end of the run (n in it, -1 if not
 * known), so a jump costs at most half of the run. Appends to ids. */
static gboolean
pending_run_window (SerahStore *store, gint64 ceremony_id, const char *kecamatan,
                    const char *desa, gint64 offset, gint64 count, gint64 n, GArray *ids,
                    GError **error)
{
  gboolean backwards = FALSE;
  guint before = ids->len;
  sqlite3_stmt *stmt;

  if (n > 0 && offset > n / 2)
    {
      gint64 end = MIN (offset + count, n);
      if (end <= offset)
        return TRUE;
      backwards = TRUE;
      count = end - offset;
      offset = n - end;
    }
  /* Fixed statements: "?2 IS NULL OR ..." would keep SQLite from the desa index. */
  if (desa != NULL && kecamatan != NULL)
    stmt = serah_store_prepare (store,
                                backwards ? "SELECT i.participant_id" PENDING_FROM PENDING_DESA
                                            PENDING_DESC
                                          : "SELECT i.participant_id" PENDING_FROM PENDING_DESA
                                            PENDING_ASC,
                                error);
  else if (desa != NULL)
    stmt = serah_store_prepare (store,
                                backwards ? "SELECT i.participant_id" PENDING_FROM PENDING_IN_DESA
                                            PENDING_DESC
                                          : "SELECT i.participant_id" PENDING_FROM
                                            PENDING_IN_DESA PENDING_ASC,
                                error);
  else
    stmt = serah_store_prepare (store,
                                backwards ? "SELECT i.participant_id" PENDING_FROM PENDING_DESC
                                          : "SELECT i.participant_id" PENDING_FROM PENDING_ASC,
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 3, count);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (desa != NULL)
    sqlite3_bind_text (stmt, 2, desa, -1, SQLITE_TRANSIENT);
  if (desa != NULL && kecamatan != NULL)
    sqlite3_bind_text (stmt, 5, kecamatan, -1, SQLITE_TRANSIENT);
  if (!serah_store_foreach_row (store, stmt, append_id, ids,
                                _("Cannot list the ceremony's participants"), error))
    return FALSE;
  if (backwards)
    for (guint i = before, j = ids->len; i + 1 < j; i++, j--)
      {
        gint64 t = g_array_index (ids, gint64, i);
        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
        g_array_index (ids, gint64, j - 1) = t;
      }
  return TRUE;
}

typedef struct {
  char  *desa;
  gint64 waiting;
} PendingRun;

static void
pending_run_clear (gpointer data)
{
  g_free (((PendingRun *) data)->desa);
}

static gboolean
append_run (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  PendingRun run = { serah_store_column_dup (stmt, 0), sqlite3_column_int64 (stmt, 1) };

  g_array_append_val ((GArray *) user_data, run);
  return TRUE;
}

/* The all-desa list, issue #10: an OFFSET over a million invitations (a state look-up each)
 * took 0.3-0.55 s for a jump to the middle. The list's order is (desa NOCASE, participant),
 * and ceremony_tallies, kept by triggers, says how many wait per desa: so the runs before the
 * window are skipped by adding up a few hundred tallies, and the OFFSET only walks within the
 * run of one desa name (from its nearer end), then the next runs from their start. A jump
 * costs the size of a desa, not of the register. The waiting of a tally row are its invited
 * minus its invited handed over, as serah_ceremony_count_pending counts them. */
static gboolean
pending_window_by_runs (SerahStore *store, gint64 ceremony_id, gint64 position, guint limit,
                        GArray *ids, GError **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (PendingRun));
  sqlite3_stmt *stmt;
  gint64 start = 0;

  g_array_set_clear_func (runs, pending_run_clear);
  stmt = serah_store_prepare (store,
                              "SELECT min (desa), sum (max (0, invited - (to_self"
                              "         + to_representative - uninvited)))"
                              "  FROM ceremony_tallies WHERE ceremony_id = ?1"
                              " GROUP BY desa COLLATE NOCASE ORDER BY desa COLLATE NOCASE",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, append_run, runs,
                                _("Cannot list the ceremony's participants"), error))
    return FALSE;
  for (guint r = 0; r < runs->len && ids->len < limit; r++)
    {
      const PendingRun *run = &g_array_index (runs, PendingRun, r);
      gint64 offset = MAX (position + (gint64) ids->len - start, 0);

      start += run->waiting;
      if (offset >= run->waiting)
        continue;
      if (!pending_run_window (store, ceremony_id, NULL, run->desa, offset,
                               limit - ids->len, run->waiting, ids, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
serah_store_pending_window (SerahStore *store, gint64 ceremony_id, const char *kecamatan,
                            const char *desa, gint64 position, guint limit, gint64 n_pending,
                            GError **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  gboolean one_desa = desa != NULL && kecamatan != NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  if (limit == 0)
    return g_steal_pointer (&ids);
  position = MAX (position, 0);
  if (one_desa)
    {
      if (!pending_run_window (store, ceremony_id, kecamatan, desa, position, limit, n_pending,
                               ids, error))
        return NULL;
    }
  /* The first screen needs no tallies: the index's start is the list's start. */
  else if (position < limit)
    {
      if (!pending_run_window (store, ceremony_id, NULL, NULL, position, limit, -1, ids, error))
        return NULL;
    }
  else if (!pending_window_by_runs (store, ceremony_id, position, limit, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* ---- the check-off search ---- */

/* Appends the ids a prepared statement yields, skipping ones already there, up to cap. */
static gboolean
collect_ids (SerahStore *store, sqlite3_stmt *stmt, GArray *ids, GHashTable *seen, guint cap,
             GError **error)
{
  int rc;

  while (ids->len < cap && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (ids, id);
    }
  if (ids->len < cap && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return serah_store_set_error (store, error, _("Cannot search participants"));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GArray *
serah_store_search_checkoff_ids (SerahStore *store, gint64 ceremony_id, const char *query,
                                 guint limit, gboolean *more, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *needle = g_strstrip (g_strdup (query ? query : ""));
  guint cap = limit + 1; /* one more than asked, to know whether there are more */
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (*needle == '\0')
    ;
  else if (serah_text_is_digits (needle))
    {
      /* Both columns are unique-indexed: each range scan stops after cap rows. ':' sorts
       * right after '9', so [prefix, prefix:) is every string starting with prefix. */
      static const char *const sql[] = {
        "SELECT id FROM participants WHERE nik >= ?2 AND nik < ?3 ORDER BY nik LIMIT ?1",
        "SELECT id FROM participants WHERE card_no >= ?2 AND card_no < ?3 ORDER BY card_no"
        " LIMIT ?1",
      };
      g_autofree char *upper = g_strconcat (needle, ":", NULL);

      for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
        {
          stmt = serah_store_prepare (store, sql[i], error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, cap);
          sqlite3_bind_text (stmt, 2, needle, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, upper, -1, SQLITE_STATIC);
          if (!collect_ids (store, stmt, ids, seen, cap, error))
            return NULL;
        }
    }
  else if (g_utf8_strlen (needle, -1) < 3)
    {
      /* Too short for trigrams: names starting with the letters, from the NOCASE index
       * (the LIKE optimisation turns the pattern into an index range). */
      g_autoptr(GString) pattern = g_string_new (NULL);

      for (const char *c = needle; *c; c++)
        {
          if (*c == '%' || *c == '_' || *c == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *c);
        }
      g_string_append_c (pattern, '%');
      stmt = serah_store_prepare (store,
                                  "SELECT id FROM participants WHERE name LIKE ?2 ESCAPE '\\'"
                                  " ORDER BY name COLLATE NOCASE LIMIT ?1",
                                  error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, cap);
      sqlite3_bind_text (stmt, 2, pattern->str, -1, SQLITE_TRANSIENT);
      if (!collect_ids (store, stmt, ids, seen, cap, error))
        return NULL;
    }
  else
    {
      /* Names containing the text, any case, from the trigram index (issue #10: the scan of
       * every participant this replaces cost 7-25 ms a key press at a million): the
       * ceremony's invited first, the others after, in one pass over the matches that stops
       * once cap invited people are found. Two passes (invited, then the others) read every
       * match twice when they are fewer than cap, which is exactly the slow case: a long full
       * name, whose trigram phrase reads many doclists for a handful of people (p99 84 ms at
       * a million). The caller orders what it shows. */
#define CHECKOFF_NAMES \
  "SELECT f.rowid, EXISTS (SELECT 1 FROM ceremony_invitations" \
  "                        WHERE ceremony_id = ?2 AND participant_id = f.rowid)" \
  " FROM participant_names AS f WHERE participant_names MATCH ?1"
      /* A long name asks for its covering trigrams and keeps the names LIKE it
       * (serah_store_fts_cover: about half the CPU of the phrase). */
      static const char sql[] = CHECKOFF_NAMES;
      static const char cover_sql[] = CHECKOFF_NAMES " AND +f.name LIKE ?3 ESCAPE '\\'";
      g_autofree char *match = NULL;
      g_autofree char *like = NULL;
      gboolean cover = serah_store_fts_cover (needle, &match, &like);
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc = SQLITE_DONE;

      if (!cover)
        match = serah_store_fts_phrase (needle, FALSE);
      stmt = serah_store_prepare (store, cover ? cover_sql : sql, error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, ceremony_id);
      if (cover)
        sqlite3_bind_text (stmt, 3, like, -1, SQLITE_STATIC);
      while (ids->len < cap && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          if (sqlite3_column_int (stmt, 1))
            g_array_append_val (ids, id);
          else if (others->len < cap)
            g_array_append_val (others, id);
        }
      sqlite3_reset (stmt);
      if (ids->len < cap && rc != SQLITE_DONE)
        {
          serah_store_set_error (store, error, _("Cannot search participants"));
          return NULL;
        }
      g_array_append_vals (ids, others->data, MIN (others->len, cap - ids->len));
    }

  if (more != NULL)
    *more = ids->len > limit;
  if (ids->len > limit)
    g_array_set_size (ids, limit);
  return g_steal_pointer (&ids);
}

gboolean
serah_text_is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}
