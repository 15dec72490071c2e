/* serah-server-claim.c: the two calls the ceremony rules make into the office server: the
 * live claim of a card before a handover is committed, and sending a desk's events (after an
 * undo, and before the first claim after a break).
 *
 * Why a claim and not just a push: a push after the fact can only report a double handover
 * as a conflict; a claim before the local commit prevents it. The claim is one call of
 * serah.claim_handover (one round trip), under a short statement timeout; any failure to get
 * an answer means "unreachable", and the desk records locally as it would without a server.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

/* Events per server transaction when a desk sends what it recorded offline. */
#define PUSH_BATCH 500

static gboolean
is_linked (SerahStore *store)
{
  g_autofree char *conninfo = serah_store_get_setting (store, "server.conninfo");
  return conninfo != NULL;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* ---- push ---- */

static char *
value_or_null (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

static gint64
value_int (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

static gboolean
push_handover (PGconn *conn, const SerahServerEvent *e, gboolean *inserted, GError **error)
{
  const SerahHandover *h = e->handover;
  g_autofree char *serial = h->card_serial ? int_text (h->card_serial) : NULL;
  g_autofree char *handed_at = int_text (h->handed_at);
  const char *params[] = {
    h->uuid, e->ceremony_uuid, h->card_no, e->nik, serial, handed_at, h->operator_name,
    h->station, serah_recipient_to_string (h->recipient), h->proxy_name, h->proxy_relation,
    h->proxy_id_number, h->uninvited ? "t" : "f", serah_identified_by_to_string (h->identified_by),
  };
  PGresult *res = PQexecParams (conn,
                                "INSERT INTO serah.handovers (uuid, ceremony_uuid, card_no, nik,"
                                " card_serial, handed_at, operator, station, recipient, proxy_name,"
                                " proxy_relation, proxy_id_number, uninvited, identified_by)"
                                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
                                " $14) ON CONFLICT (uuid) DO NOTHING",
                                G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (ok)
    *inserted = g_strcmp0 (PQcmdTuples (res), "1") == 0;
  else
    serah_server_set_error (conn, res, _("The office server refused a handover"), error);
  PQclear (res);
  return ok;
}

static gboolean
push_undo (PGconn *conn, const SerahServerEvent *e, gboolean *inserted, GError **error)
{
  const SerahHandover *u = e->handover;
  g_autofree char *undone_at = int_text (u->undone_at);
  const char *params[] = { u->undo_uuid, u->uuid, undone_at, u->undone_by, u->undo_station,
                           u->undo_reason };
  PGresult *res = PQexecParams (conn,
                                "INSERT INTO serah.undos (uuid, handover_uuid, undone_at, operator,"
                                " station, reason) VALUES ($1, $2, $3, $4, $5, $6)"
                                " ON CONFLICT (uuid) DO NOTHING",
                                G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (ok)
    *inserted = g_strcmp0 (PQcmdTuples (res), "1") == 0;
  else
    serah_server_set_error (conn, res, _("The office server refused an undo"), error);
  PQclear (res);
  return ok;
}

/* Sends the local events after the push cursors, a batch per server transaction, and moves
 * the cursors once the server has committed (a crash between: sent again, no harm). */
gboolean
serah_server_push_pending (SerahStore *store, PGconn *conn, SerahServerSyncResult *result, GError **error)
{
  for (int kind = 0; kind < 2; kind++)
    {
      const char *key = kind == 0 ? "server.push-handover-id" : "server.push-undo-id";

      for (;;)
        {
          gint64 cursor = serah_store_get_setting_int (store, key);
          g_autoptr(GPtrArray) events = serah_store_list_local_events (store, kind == 1, cursor,
                                                                      PUSH_BATCH, error);
          gboolean ok;

          if (events == NULL)
            return FALSE;
          if (events->len == 0)
            break;
          ok = serah_server_exec (conn, "BEGIN", error);
          for (guint i = 0; ok && i < events->len; i++)
            {
              gboolean inserted = FALSE;
              ok = kind == 0 ? push_handover (conn, events->pdata[i], &inserted, error)
                             : push_undo (conn, events->pdata[i], &inserted, error);
              if (ok && inserted && result != NULL)
                *(kind == 0 ? &result->pushed_handovers : &result->pushed_undos) += 1;
            }
          if (!ok || !serah_server_exec (conn, "COMMIT", error))
            {
              PQclear (PQexec (conn, "ROLLBACK"));
              return FALSE;
            }
          cursor = ((SerahServerEvent *) events->pdata[events->len - 1])->local_id;
          if (!serah_store_set_setting_int (store, key, cursor, error))
            return FALSE;
        }
    }
  return TRUE;
}

void
serah_server_after_local_event (SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  if (!is_linked (store) || serah_server_link_get (store)->deferred)
    return;
  conn = serah_server_ensure (store, FALSE, &error);
  if (conn == NULL)
    return;
  if (!serah_store_begin (store, &error))
    return;
  if (!serah_server_push_pending (store, conn, NULL, &error) || !serah_store_commit (store, &error))
    {
      serah_store_rollback (store);
      g_info ("could not send to the office server now: %s", error->message);
      if (error->domain == SERAH_SERVER_ERROR)
        serah_server_mark_failed (store, error);
    }
}

/* ---- the live claim ---- */

static gboolean
advance_push_cursor_past_next (SerahStore *store, GError **error)
{
  gint64 max_h = 0, max_u = 0;

  /* The handover about to be inserted gets max + 1; when nothing else is waiting, the push
   * cursor may already point at it (same transaction: rolled back with it). */
  if (!serah_store_max_event_ids (store, &max_h, &max_u, error))
    return FALSE;
  if (serah_store_get_setting_int (store, "server.push-handover-id") != max_h)
    return TRUE;
  return serah_store_set_setting_int (store, "server.push-handover-id", max_h + 1, error);
}

/* One call of serah.claim_handover: one round trip. */
static PGresult *
send_claim (PGconn *conn, const SerahCeremony *ceremony, const SerahParticipant *participant,
            const SerahHandover *h, const char *serial, const char *handed_at)
{
  const char *params[] = {
    h->uuid, ceremony->uuid, h->card_no, participant->nik, serial, handed_at,
    h->operator_name, h->station, serah_recipient_to_string (h->recipient), h->proxy_name,
    h->proxy_relation, h->proxy_id_number, h->uninvited ? "t" : "f",
    serah_identified_by_to_string (h->identified_by),
  };

  return PQexecParams (conn,
                       "SELECT claimed, uuid, handed_at, operator, station, recipient,"
                       " proxy_name, proxy_relation, desk FROM serah.claim_handover ($1, $2,"
                       " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                       G_N_ELEMENTS (params), NULL, params, NULL, NULL, 0);
}

SerahServerClaim
serah_server_claim_handover (SerahStore *store, const SerahCeremony *ceremony,
                             const SerahParticipant *participant, const SerahHandover *h,
                             SerahHandover **holder_out, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *handed_at = NULL;
  SerahServerLink *link;
  gboolean fresh;
  PGconn *conn;
  PGresult *res;

  if (!is_linked (store))
    return SERAH_SERVER_CLAIM_LOCAL;
  link = serah_server_link_get (store);
  if (link->deferred)
    return SERAH_SERVER_CLAIM_LOCAL;
  fresh = link->conn == NULL;
  conn = serah_server_ensure (store, FALSE, &local_error);
  if (conn == NULL)
    {
      g_info ("handover %s recorded on this desk only: %s", h->uuid, local_error->message);
      return SERAH_SERVER_CLAIM_LOCAL;
    }
  /* Back after a break: what this desk recorded meanwhile goes first, so that other desks'
   * claims see it. */
  if (fresh && !serah_server_push_pending (store, conn, NULL, &local_error))
    {
      serah_server_mark_failed (store, local_error);
      return SERAH_SERVER_CLAIM_LOCAL;
    }

  serial = h->card_serial ? int_text (h->card_serial) : NULL;
  handed_at = int_text (h->handed_at);
  res = send_claim (conn, ceremony, participant, h, serial, handed_at);
  /* A connection that was fine at the last claim may have died since (the server restarted,
   * the Wi-Fi came back with a new lease): libpq only finds out now. Connect once more right
   * away instead of recording locally, which would make a conflict of every card scanned at
   * two desks until the next retry. The claim is idempotent by UUID, so sending it twice is
   * safe. */
  if (!fresh && PQresultStatus (res) != PGRES_TUPLES_OK && PQstatus (conn) == CONNECTION_BAD)
    {
      PQclear (res);
      res = NULL;
      serah_server_link_reset (store);
      conn = serah_server_ensure (store, TRUE, &local_error);
      if (conn == NULL)
        {
          g_info ("handover %s recorded on this desk only: %s", h->uuid, local_error->message);
          return SERAH_SERVER_CLAIM_LOCAL;
        }
      if (!serah_server_push_pending (store, conn, NULL, &local_error))
        {
          serah_server_mark_failed (store, local_error);
          return SERAH_SERVER_CLAIM_LOCAL;
        }
      res = send_claim (conn, ceremony, participant, h, serial, handed_at);
    }
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      serah_server_set_error (conn, res, _("The office server did not answer the claim"),
                              &local_error);
      PQclear (res);
      serah_server_mark_failed (store, local_error);
      g_info ("handover %s recorded on this desk only: %s", h->uuid, local_error->message);
      return SERAH_SERVER_CLAIM_LOCAL;
    }
  if (g_strcmp0 (PQgetvalue (res, 0, 0), "t") == 0)
    {
      PQclear (res);
      return advance_push_cursor_past_next (store, error) ? SERAH_SERVER_CLAIMED
                                                          : SERAH_SERVER_CLAIM_FAILED;
    }

  {
    g_autoptr(SerahHandover) holder = g_new0 (SerahHandover, 1);

    holder->uuid = value_or_null (res, 0, 1);
    holder->ceremony_id = ceremony->id;
    holder->participant_id = participant->id;
    g_strlcpy (holder->card_no, h->card_no, sizeof holder->card_no);
    holder->participant_name = g_strdup (participant->name);
    holder->handed_at = value_int (res, 0, 2);
    holder->operator_name = value_or_null (res, 0, 3);
    holder->station = value_or_null (res, 0, 4);
    serah_recipient_from_string (PQgetvalue (res, 0, 5), &holder->recipient);
    holder->proxy_name = value_or_null (res, 0, 6);
    holder->proxy_relation = value_or_null (res, 0, 7);
    /* The server's login of the desk, when the station name does not say it already. */
    if (g_strcmp0 (holder->station, PQgetvalue (res, 0, 8)) != 0)
      {
        char *station = g_strdup_printf ("%s (%s)", holder->station, PQgetvalue (res, 0, 8));
        g_free (holder->station);
        holder->station = station;
      }
    PQclear (res);
    *holder_out = g_steal_pointer (&holder);
  }
  return SERAH_SERVER_CLAIM_TAKEN;
}
