/* serah-server-step-private.h: one table-driven sync step for the office server.
 *
 * Every synced table follows the same pattern: push the local rows after a cursor (a local
 * id, or a row count for tables without ids) as multi-row INSERT … ON CONFLICT DO NOTHING in
 * one server transaction, moving the cursor after the server committed; pull the server's rows
 * after the server sequence this desk has seen (plus the txid window of transactions still
 * running at the previous pull, see serah-server-sync.c) and apply each one locally. A
 * SerahServerTable describes one table; a new synced table is one such description.
 */
#pragma once

#include <libpq-fe.h>

#include <serah/server/serah-server-records.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Applies one pulled row: column 0 of res is the server's seq, then the columns of
 * pull_select. Runs inside the pull's SQLite transaction. *added: it changed this desk. */
typedef gboolean (*SerahServerApplyFunc) (SerahStore *store,
                                          PGresult   *res,
                                          int         row,
                                          gpointer    user_data,
                                          gboolean   *added,
                                          GError    **error);

/* After the last pulled row of a table, inside the same SQLite transaction (e.g. to merge what
 * apply collected). May be NULL. */
typedef gboolean (*SerahServerFinishFunc) (SerahStore *store,
                                           gpointer    user_data,
                                           GError    **error);

typedef struct {
  const char *name;            /* for logs: "ceremonies" */
  const char *push_error;      /* marked for translation, translated when used: "Cannot send
                                * the register to the office server" */
  const char *pull_error;      /* likewise, for a failed pull */

  /* Push (push_query NULL: pull only). Static SQL (the statement cache keys on it). */
  const char *push_query;      /* SQLite: column 0 the local id (any value when push_by_count),
                                * then n_cols values; ?1 = the cursor when by id */
  const char *push_cursor;     /* settings key */
  gboolean    push_by_count;   /* no local ids: the cursor is a row count and, when it changed,
                                * all rows are sent again (the server keeps what it lacks) */
  const char *local_cursor_query; /* SQLite: the cursor's value now (max (id) or count (*));
                                   * lets a pull move the push cursor past what it wrote */
  const char *server_insert;   /* "INSERT INTO serah.ceremonies (uuid, name, …)" */
  const char *server_values;   /* one row's values, each '$' numbered: "($, $, $::bigint)" */
  const char *server_conflict; /* " ON CONFLICT (uuid) DO NOTHING" */
  guint       n_cols;
  gssize      pushed_offset;   /* offsetof a SerahServerSyncResult counter, or -1 */

  /* Pull (pull_select NULL: push only). */
  const char *pull_select;     /* "SELECT seq, uuid, name FROM serah.ceremonies": the step adds
                                * WHERE seq > cursor OR txid >= previous xmin ORDER BY seq */
  const char *pull_cursor;     /* settings key: the server seq pulled up to */
  SerahServerApplyFunc  apply;
  SerahServerFinishFunc finish;
  gssize      pulled_offset;   /* offsetof a SerahServerSyncResult counter, or -1 */
} SerahServerTable;

/* Pushes one table (its own server transaction; the cursor moves after the commit). */
gboolean serah_server_push_table   (SerahStore             *store,
                                    PGconn                 *conn,
                                    const SerahServerTable *table,
                                    SerahServerSyncResult  *result,
                                    GError                **error);

/* Pulls one table inside a REPEATABLE READ snapshot and a SQLite transaction the caller holds,
 * with the xmin of the previous pull of its group; moves its pull cursor (and its push cursor
 * past what it wrote, when nothing local was waiting). */
gboolean serah_server_pull_table_in (SerahStore             *store,
                                     PGconn                 *conn,
                                     const SerahServerTable *table,
                                     const char             *prev_xmin,
                                     gpointer                user_data,
                                     SerahServerSyncResult  *result,
                                     GError                **error);

/* Pulls a group of tables in one server snapshot and one SQLite transaction; xmin_key keeps
 * the snapshot's xmin for the next pull's window. */
gboolean serah_server_pull_tables  (SerahStore                    *store,
                                    PGconn                        *conn,
                                    const SerahServerTable *const *tables,
                                    guint                          n_tables,
                                    const char                    *xmin_key,
                                    gpointer                       user_data,
                                    SerahServerSyncResult         *result,
                                    GError                       **error);

/* Opens the snapshot (BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY) and reads its xmin. */
gboolean serah_server_begin_snapshot (PGconn  *conn,
                                      char   **xmin,
                                      GError **error);

/* The same, and the highest seq of table (a constant name such as "serah.outreach_records")
 * in that snapshot, in *max_seq (0 when empty). On failure the snapshot is rolled back. */
gboolean serah_server_begin_snapshot_max (PGconn      *conn,
                                          const char  *table,
                                          char       **xmin,
                                          gint64      *max_seq,
                                          GError     **error);

G_END_DECLS
