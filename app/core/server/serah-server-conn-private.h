/* serah-server-conn-private.h: the office server's lower half: the libpq connection kept on
 * the store, the schema check, pushing a desk's events, and the live claim that the ceremony
 * rules call. It knows the ceremony's records, never its rules, so that serah-ceremony.c can
 * call it while the upper half (serah-server.c, serah-server-sync.c: link, pull and merge)
 * builds on the ceremony and station code. Never included outside app/core.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/server/serah-server-records.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* ---- the hooks of app/core/ceremony (serah-server-claim.c) ---- */

typedef enum {
  SERAH_SERVER_CLAIM_LOCAL,   /* not linked, or the server did not answer: record locally */
  SERAH_SERVER_CLAIMED,       /* the server recorded it for this desk */
  SERAH_SERVER_CLAIM_TAKEN,   /* another desk has the card: *holder says who, when, where */
  SERAH_SERVER_CLAIM_FAILED,  /* the local database failed (error set) */
} SerahServerClaim;

/* Called by serah_ceremony_record_handover inside its transaction, after the local rules
 * passed and before the local insert: when linked and reachable, claims the card on the
 * server in one round trip (short timeouts). The holder of a taken card is filled with
 * participant (ids, name) for the refusal. */
SerahServerClaim serah_server_claim_handover (SerahStore             *store,
                                              const SerahCeremony    *ceremony,
                                              const SerahParticipant *participant,
                                              const SerahHandover    *handover,
                                              SerahHandover         **holder,
                                              GError                **error);

/* Called after an undo is committed: pushes pending events when linked and reachable, so
 * other desks may hand the card over again. Never fails the undo. */
void     serah_server_after_local_event (SerahStore *store);

/* ---- inside app/core/server ---- */

/* The per-store link state, kept on the SerahStore object (g_object_set_qdata) so that
 * there is no global state and it goes away with the store. */
typedef struct {
  PGconn  *conn;
  char    *last_error;
  gint64   last_failure_us;  /* monotonic; a failed desk does not retry on every scan */
  gboolean listening;
  gboolean deferred;         /* serah_server_set_deferred: never contacts the server */
} SerahServerLink;

SerahServerLink *serah_server_link_get   (SerahStore *store);
/* Drops the link state (connection included) of the store. */
void             serah_server_link_reset (SerahStore *store);

/* libpq connection: conninfo plus the desk's passfile, short connect and statement timeouts.
 * Errors are SERAH_SERVER_ERROR, classified (unreachable, auth, TLS). */
PGconn  *serah_server_connect        (const char  *conninfo,
                                      const char  *passfile,
                                      const char  *password,
                                      GError     **error);
/* The linked desk's connection, (re)connecting and checking the schema when needed (force:
 * even right after a failure). NULL with error when unreachable; then the link is marked
 * offline. */
PGconn  *serah_server_ensure         (SerahStore  *store,
                                      gboolean     force,
                                      GError     **error);
/* Marks the connection broken after a failed statement (drops it, remembers why). */
void     serah_server_mark_failed    (SerahStore   *store,
                                      const GError *error);
/* Sets error from a failed result or connection. Always returns FALSE. */
gboolean serah_server_set_error      (PGconn      *conn,
                                      PGresult    *res,
                                      const char  *what,
                                      GError     **error);
/* Runs a statement that returns no rows. */
gboolean serah_server_exec           (PGconn      *conn,
                                      const char  *sql,
                                      GError     **error);
/* Checks the schema version and the office database (serah-server-schema.c). */
gboolean serah_server_check_schema   (PGconn      *conn,
                                      const char  *database_id,
                                      GError     **error);
/* Creates or migrates the schema (serah-server-schema.c). */
gboolean serah_server_apply_schema   (PGconn      *conn,
                                      const char  *database_id,
                                      GError     **error);
/* Sends the local events after the push cursors (serah-server-claim.c). */
gboolean serah_server_push_pending   (SerahStore            *store,
                                      PGconn                *conn,
                                      SerahServerSyncResult *result,
                                      GError               **error);

/* "DB.pgpass" beside the database. */
char    *serah_server_passfile_path  (SerahStore  *store);

G_END_DECLS
