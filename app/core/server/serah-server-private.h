/* serah-server-private.h: what the office-server files share (the connection kept on the
 * store, the schema, the local cursors), and the two hooks the ceremony rules call. Never
 * included outside app/core.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/server/serah-server.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

/* ---- hooks for app/core/ceremony (one call each) ---- */

/* Called by serah_ceremony_record_handover inside its transaction, after the local rules
 * passed and before the local insert. Unlinked: TRUE at once. Linked and reachable: claims
 * the card on the server in one round trip; TRUE when this desk got it, FALSE with
 * SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER (naming desk, officer and time; *existing gets
 * the server's handover) when another desk has it. Unreachable: TRUE, the handover is
 * recorded locally and pushed at the next sync (the status says OFFLINE). */
gboolean serah_server_claim_handover (SerahStore             *store,
                                      const SerahCeremony    *ceremony,
                                      const SerahParticipant *participant,
                                      const SerahHandover    *handover,
                                      SerahHandover         **existing,
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
} SerahServerLink;

SerahServerLink *serah_server_link_get (SerahStore *store);

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
void     serah_server_mark_failed    (SerahStore  *store,
                                      const GError *error);
/* Sets error from a failed result or connection. Always returns FALSE. */
gboolean serah_server_set_error      (PGconn      *conn,
                                      PGresult    *res,
                                      const char  *what,
                                      GError     **error);
/* Checks the schema version and the office database. */
gboolean serah_server_check_schema   (PGconn      *conn,
                                      const char  *database_id,
                                      GError     **error);
/* Creates or migrates the schema (serah-server-schema.c). */
gboolean serah_server_apply_schema   (PGconn      *conn,
                                      const char  *database_id,
                                      GError     **error);

/* "DB.pgpass" beside the database. */
char    *serah_server_passfile_path  (SerahStore  *store);

/* ---- the desk's side in SQLite (serah-store-server.c) ---- */

typedef struct {
  char *uuid;
  char *ceremony_uuid;
  char *nik;
  SerahHandover *handover;   /* for undos: uuid = undone handover, undo_* set */
  gint64 local_id;
} SerahServerEvent;

void       serah_server_event_free          (SerahServerEvent *self);
/* Local handovers (or undos) with id > after_id, in id order, at most limit. */
GPtrArray *serah_store_list_local_events    (SerahStore *store,
                                             gboolean    undos,
                                             gint64      after_id,
                                             guint       limit,
                                             GError    **error);
gboolean   serah_store_count_local_events   (SerahStore *store,
                                             gint64      after_handover_id,
                                             gint64      after_undo_id,
                                             gint64     *handovers,
                                             gint64     *undos,
                                             GError    **error);
/* The highest local event ids (0 when none). Events are append-only and ids are SQLite
 * rowids, so the next event gets max + 1. */
gboolean   serah_store_max_event_ids        (SerahStore *store,
                                             gint64     *handover_id,
                                             gint64     *undo_id,
                                             GError    **error);
/* Deletes every "server.*" setting (unlink). */
gboolean   serah_store_forget_server        (SerahStore *store,
                                             GError    **error);
gint64     serah_store_get_setting_int      (SerahStore *store,
                                             const char *key);
gboolean   serah_store_set_setting_int      (SerahStore *store,
                                             const char *key,
                                             gint64      value,
                                             GError    **error);

G_END_DECLS
