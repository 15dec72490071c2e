/* serah-server.h: the optional office server (server kantor), a PostgreSQL database that the
 * desks of an office or a ceremony link to, beside each desk's own SQLite store.
 *
 * Why beside and not instead: a village hall has no network, so every desk keeps recording
 * into its SQLite file whatever the server does. While a desk is linked and the server
 * answers, a handover claims its card on the server first (one round trip, short timeouts),
 * so two desks can never both hand over one card; when the server cannot be reached the desk
 * records locally and says so, and the next sync pushes its events (idempotent by UUID) and
 * pulls the others' by the server's sequence. A card handed over at two desks while apart is
 * then a conflict, exactly as with station bundles. docs/server.md has the design.
 *
 * What is synced today: handovers and undos (the events of ceremonies). Participants,
 * ceremonies and invitations come from the office database every desk was copied from, as
 * for station bundles.
 *
 * The password is never stored in the database: it goes into a libpq password file
 * "DB.pgpass" (mode 0600) beside the database, or comes from PGPASSFILE when set.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/server/serah-server-records.h>

G_BEGIN_DECLS

/* ---- setting up the server (an administrator, with the database owner's login) ---- */

/**
 * serah_server_init:
 * @store: this office database
 * @url: the server database, with its owner's login (libpq URI or key=value)
 * @password: (nullable): the owner's password, when not in @url or a password file
 * @error: return location for a #GError
 *
 * Creates or migrates the Serah schema in the database that url names (its owner's login;
 * password in url, in password or from PGPASSFILE/~/.pgpass), creates the group role serah_desk,
 * and ties the server to this office database (its database id): desks of another office database
 * are refused. Idempotent.
 *
 * Returns: %TRUE when done, %FALSE with @error set
 */
gboolean serah_server_init     (SerahStore  *store,
                                const char  *url,
                                const char  *password,
                                GError     **error);

/**
 * serah_server_add_desk:
 * @url: the server database, with its owner's login
 * @admin_password: (nullable): the owner's password
 * @desk: the desk's login name
 * @desk_password: the desk's password
 * @error: return location for a #GError
 *
 * Creates a login role for one desk, member of serah_desk: it may insert and read events, never
 * update or delete them. The password is sent SCRAM-hashed (it never appears in the server's
 * log). Uses the same login as serah_server_init.
 *
 * Returns: %TRUE when done, %FALSE with @error set
 */
gboolean serah_server_add_desk (const char  *url,
                                const char  *admin_password,
                                const char  *desk,
                                const char  *desk_password,
                                GError     **error);

/* ---- linking a desk ---- */

/**
 * serah_server_link:
 * @store: this desk's database
 * @url: the server (libpq URI or key=value string)
 * @password: (nullable): the desk's password, when not in @url
 * @operator_name: (nullable): who links, for the audit log
 * @error: return location for a #GError
 *
 * Links this desk: connects with url (any libpq URI or key=value string; sslmode, sslrootcert
 * etc. are kept and honoured), checks the schema version and the office database, and stores the
 * connection string without its password in the database, the password (from url, or password
 * when not NULL) in DB.pgpass with mode 0600. Nothing is stored when the check fails. Then pushes
 * and pulls once.
 *
 * Returns: %TRUE when done, %FALSE with @error set
 */
gboolean serah_server_link     (SerahStore  *store,
                                const char  *url,
                                const char  *password,
                                const char  *operator_name,
                                GError     **error);
/**
 * serah_server_unlink:
 * @store: this desk's database
 * @operator_name: (nullable): who unlinks, for the audit log
 * @error: return location for a #GError
 *
 * Forgets the link and deletes DB.pgpass. Events stay in the local store. Both are recorded in
 * the audit log under operator_name (NULL: the system user name).
 *
 * Returns: %TRUE when done, %FALSE with @error set
 */
gboolean serah_server_unlink   (SerahStore  *store,
                                const char  *operator_name,
                                GError     **error);

/**
 * serah_server_get_status:
 * @store: this desk's database
 * @error: return location for a #GError
 *
 * The link and what is pending. Tries to connect (short timeouts) when not connected, so state
 * says whether the server answers now.
 *
 * Returns: (transfer full) (nullable): the status, %NULL with @error set
 */
SerahServerStatus *serah_server_get_status (SerahStore  *store,
                                            GError     **error);

/* ---- syncing ---- */

/**
 * serah_server_sync:
 * @store: this desk's database
 * @result: (out) (optional): what was pushed and pulled
 * @error: return location for a #GError
 *
 * Reconnects if needed, pushes this desk's events the server lacks (INSERT ... ON CONFLICT (uuid)
 * DO NOTHING), then pulls the others' from its cursor and merges them with the station-bundle
 * rules, in one local transaction. result may be NULL. Fails with SERAH_SERVER_ERROR_UNREACHABLE
 * (or _AUTH, ...) when the server cannot be used; local data is never lost.
 *
 * Returns: %TRUE when done, %FALSE with @error set
 */
gboolean serah_server_sync     (SerahStore            *store,
                                SerahServerSyncResult *result,
                                GError               **error);

/**
 * serah_server_wait:
 * @store: this desk's database
 * @timeout_ms: how long to wait
 * @error: return location for a #GError
 *
 * Waits up to timeout_ms for another desk's event (PostgreSQL LISTEN/NOTIFY on the channel
 * serah_events). TRUE when one arrived (then call serah_server_sync), FALSE with no error on
 * timeout, FALSE with error when the server cannot be reached. On a new connection (the first, or
 * after a break) it issues LISTEN and returns TRUE at once: events committed while nobody
 * listened are only found by a sync. So: wait, sync when TRUE, wait again.
 *
 * Returns: %TRUE when an event arrived (or a new connection started listening), %FALSE on timeout or with @error set
 */
gboolean serah_server_wait     (SerahStore  *store,
                                int          timeout_ms,
                                GError     **error);

/* ---- for a window: the link's state and hearing other desks from a main loop ---- */

/**
 * serah_server_is_linked:
 * @store: this desk's database
 *
 * Whether this desk is linked to an office server (a local read, no network).
 *
 * Returns: %TRUE when linked
 */
gboolean serah_server_is_linked (SerahStore *store);

/**
 * serah_server_is_online:
 * @store: this desk's database
 *
 * Whether @store's own connection to the office server is up after its last use (no network:
 * it says what the last claim or sync found). Call it on the thread that uses @store.
 *
 * Returns: %TRUE when the last contact worked and the connection is open
 */
gboolean serah_server_is_online (SerahStore *store);

/**
 * serah_server_set_offline:
 * @store: this desk's database
 * @reason: (nullable): why, for the status (translated)
 *
 * Tells @store's link that the server cannot be reached now, as if a contact had just failed
 * (a window that heard its listening connection drop knows it first): for a few seconds claims
 * record locally at once instead of waiting for a timeout; serah_server_sync() still tries.
 */
void serah_server_set_offline (SerahStore *store,
                               const char *reason);

/**
 * serah_server_set_deferred:
 * @store: a connection to this desk's database
 * @deferred: %TRUE: this connection never contacts the server
 *
 * For a window whose UI connection must never wait on the network: handovers recorded through
 * @store are recorded locally (no claim) and events are not pushed after an undo; another
 * connection (a worker's) claims and syncs, and its next sync sends them. Linking, status and
 * sync called on @store still contact the server.
 */
void serah_server_set_deferred (SerahStore *store,
                                gboolean    deferred);

/**
 * SerahServerWatch:
 *
 * A connection of its own that listens for other desks' events (LISTEN serah_events), read
 * from a main loop without blocking.
 */
typedef struct _SerahServerWatch SerahServerWatch;

/**
 * serah_server_watch_new:
 * @store: this desk's database
 *
 * A watch for @store's link, not connected yet: reads the link's settings (no network), so call
 * it on the thread that uses @store.
 *
 * Returns: (transfer full) (nullable): the watch, %NULL when the desk is not linked
 */
SerahServerWatch *serah_server_watch_new      (SerahStore        *store);
/**
 * serah_server_watch_connect:
 * @watch: a watch from serah_server_watch_new()
 * @error: return location for a #GError
 *
 * Connects with the desk's link and password file, checks the schema and starts listening.
 * Blocks up to a few seconds (short timeouts) and touches no store: call it in a worker thread.
 * Afterwards the watch may be used from another thread, one thread at a time.
 *
 * Returns: %TRUE when listening, %FALSE with @error set (a #SerahServerError)
 */
gboolean          serah_server_watch_connect  (SerahServerWatch  *watch,
                                               GError           **error);
/**
 * serah_server_watch_get_fd:
 * @watch: a watch
 *
 * The socket to add to a main loop (readable: call serah_server_watch_read()).
 *
 * Returns: the file descriptor
 */
int               serah_server_watch_get_fd   (SerahServerWatch  *watch);
/**
 * serah_server_watch_read:
 * @watch: a watch
 * @n_events: (out) (optional): how many notifications arrived (any desk's, this one's too)
 * @error: return location for a #GError
 *
 * Reads what the socket holds without blocking. After a notification, a sync pulls the events.
 *
 * Returns: %TRUE when the connection is alive, %FALSE with @error set when it was lost
 */
gboolean          serah_server_watch_read     (SerahServerWatch  *watch,
                                               guint             *n_events,
                                               GError           **error);
/**
 * serah_server_watch_free:
 * @watch: (nullable): a watch
 *
 * Closes the watch's connection and frees it.
 */
void              serah_server_watch_free     (SerahServerWatch  *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahServerWatch, serah_server_watch_free)

G_END_DECLS
