/* serah-store-private.h: what the serah-store-*.c files share: the statement cache, the row
 * helper, settings, transactions' plumbing. Never included outside app/core (and its tests).
 * Each area of the store (participants, printing, ceremonies, ...) lives in its own
 * serah-store-<area>.c, owns one schema migration step and declares its queries in its own
 * private header beside it (register/serah-store-participants-private.h,
 * cards/serah-store-print-private.h, ...), over its domain's <domain>-records.h. */
#pragma once

#include <sqlite3.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Files up to this size get the full integrity check at every open: it reads them in a few
 * milliseconds. Larger ones get it after an unclean shutdown or on demand (issue #10). */
#define SERAH_STORE_SMALL_DATABASE_BYTES (2 * 1024 * 1024)

typedef enum {
  SERAH_STORE_OPEN_CHECK_AUTO,   /* full check if small or after an unclean shutdown */
  SERAH_STORE_OPEN_CHECK_CHEAP,  /* full check only after an unclean shutdown */
  SERAH_STORE_OPEN_CHECK_FULL,   /* always the full check */
} SerahStoreOpenCheck;

/* serah_store_open with the check chosen (tests and benchmarks); @full_check_ran says whether
 * the full integrity check ran. */
SerahStore *serah_store_open_checked (const char          *path,
                                      SerahStoreOpenCheck  check,
                                      gboolean            *full_check_ran,
                                      GError             **error);

/* A prepared statement, cached per store by the address of its SQL text, reset and with
 * bindings cleared. Pass static strings only. Returns NULL with error set on failure. */
sqlite3_stmt *serah_store_prepare (SerahStore  *self,
                                   const char  *sql,
                                   GError     **error);
/* Runs one or more statements that return no rows. */
gboolean      serah_store_exec    (SerahStore  *self,
                                   const char  *sql,
                                   GError     **error);
sqlite3      *serah_store_get_db  (SerahStore  *self);
/* Sets error from the connection's last error. Always returns FALSE. */
gboolean      serah_store_set_error (SerahStore *self,
                                     GError    **error,
                                     const char *what);
/* Steps a prepared statement that must finish with SQLITE_DONE. */
gboolean      serah_store_step_done (SerahStore   *self,
                                     sqlite3_stmt *stmt,
                                     const char   *what,
                                     GError      **error);

/* ---- the row helper: the one step / SQLITE_ROW / SQLITE_DONE / reset loop ----
 *
 * Both take a statement the caller prepared and bound (cached by serah_store_prepare or its
 * own), step it to the end and reset it, whether they succeed or fail: a cached statement is
 * ready for its next use, one the caller prepared itself is still the caller's to finalize.
 * A SQLite error sets error from the connection (serah_store_set_error) with what, the
 * sentence for people ("Cannot list imports"). */

/* Makes the element for the current row of stmt; never NULL. */
typedef gpointer (*SerahStoreRowFunc)     (sqlite3_stmt *stmt);
/* Looks at the current row of stmt; returns FALSE with error set to stop the walk. */
typedef gboolean (*SerahStoreForeachFunc) (sqlite3_stmt *stmt,
                                           gpointer      user_data,
                                           GError      **error);

/* One element per row, in the statement's order, in a new array that frees them with
 * free_func (may be NULL). Returns NULL with error set when SQLite fails. */
GPtrArray    *serah_store_list_rows   (SerahStore        *self,
                                       sqlite3_stmt      *stmt,
                                       SerahStoreRowFunc  row_func,
                                       GDestroyNotify     free_func,
                                       const char        *what,
                                       GError           **error);
/* Calls func for each row. Returns FALSE when func stopped the walk (its error) or when
 * SQLite failed (error set with what). */
gboolean      serah_store_foreach_row (SerahStore            *self,
                                       sqlite3_stmt          *stmt,
                                       SerahStoreForeachFunc  func,
                                       gpointer               user_data,
                                       const char            *what,
                                       GError               **error);

/* Binds a UTF-8 string, or NULL for NULL/empty. */
void          serah_store_bind_text_or_null (sqlite3_stmt *stmt,
                                             int           index,
                                             const char   *text);
/* Copies a text column (NULL stays NULL). */
char         *serah_store_column_dup (sqlite3_stmt *stmt,
                                      int           index);

/* Key/value settings of this office database (office name, secrets, preferences). Outside
 * the store, use serah_settings_get/set (serah-settings.h). */
char         *serah_store_get_setting (SerahStore  *self,
                                       const char  *key);
gboolean      serah_store_set_setting (SerahStore  *self,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);

/* Migration steps, one per area, in order. Each is a block of SQL run inside the
 * migration transaction; user_version is set to its index + 1 afterwards. */
extern const char serah_store_schema_participants[];  /* v1 */
extern const char serah_store_schema_printing[];      /* v2 */
extern const char serah_store_schema_ceremonies[];    /* v3 */
extern const char serah_store_schema_testimonials[];  /* v4 */
extern const char serah_store_schema_operators[];     /* v5 */
extern const char serah_store_schema_outreach[];      /* v6: outreach (issue 15) */
extern const char serah_store_schema_search[];        /* v7, register: FTS5 name indexes */
extern const char serah_store_schema_corrections[];   /* v8: data corrections and reprints (issue 15) */
extern const char serah_store_schema_import_runs[];   /* v9, register: unfinished imports */
extern const char serah_store_schema_coverage[];      /* v10, reports: coverage counts per area (issue 10) */
extern const char serah_store_schema_serial_blocks[]; /* v11, cards: serial blocks of the office server, print-run UUIDs (issue 16) */
extern const char serah_store_schema_pulled_media[];  /* v12, server: testimonial files pulled from the office server */
extern const char serah_store_schema_coverage_ceremonies[]; /* v13, reports: coverage counts per ceremony and area (issue 10) */
extern const char serah_store_schema_search_compact[]; /* v14, register: the FTS5 name indexes without row sizes (issue 10) */
/* reports: counts coverage_areas.participants again from the register (an SQL script run
 * where a bulk import dropped the per-row trigger that keeps them). */
extern const char serah_store_coverage_participants_recount[];

/* Transactions, for the core's use cases only (each use case owns its transaction; the GUI and
 * the CLI never open one). Nested begins are not supported. */
gboolean    serah_store_begin           (SerahStore  *self,
                                         GError     **error);
gboolean    serah_store_commit          (SerahStore  *self,
                                         GError     **error);
void        serah_store_rollback        (SerahStore  *self);
/* A read transaction (deferred BEGIN): one snapshot for a long reader that must not hold the
 * write lock (a print run drawing its cards); ended with serah_store_commit or _rollback. */
gboolean    serah_store_begin_read      (SerahStore  *self,
                                         GError     **error);

/* The connection's rollback hook is taken by serah-store-participant-batch.c. */
/* A page cache that holds the participant B-trees of a big list (32 MB at most). Measured on
 * a million-row import (issue #10): 64 MB took 162 MB resident and 19.4 s of CPU, 32 MB 127 MB
 * and 18.8 s, 24 MB 119 MB and 18.6 s, 16 MB 110 MB and 20.5 s (at 16 MB the NIK index,
 * 26 MB at a million, no longer fits, and its pages are written out again and again). */
void serah_store_use_large_cache      (SerahStore *self);

/* Indexes dropped on purpose for a bulk that spans several transactions (an import committed
 * in slices, issue #10): the DROP and a marker holding the index's CREATE statement (settings
 * key SERAH_STORE_PENDING_INDEX_PREFIX + name) are committed together, so whatever stops the
 * bulk (a kill -9, a power cut) leaves a record of what to build. Building them again is
 * serah_store_build_pending_indexes, inside a transaction: the bulk's last step, its
 * cancellation, and serah_store_open when no other connection has the file (a live import
 * keeps them dropped until it ends). Queries are right without them, only slower. A marker
 * may also stand for a trigger that keeps counts (create_sql is then a script that counts
 * again and creates the trigger: serah-store-participant-batch.c); whatever it names is never
 * built when something of that name exists already. */
#define SERAH_STORE_PENDING_INDEX_PREFIX "store.pending-index."
gboolean serah_store_note_pending_index    (SerahStore  *self,
                                            const char  *name,
                                            const char  *create_sql,
                                            GError     **error);
gboolean serah_store_has_pending_indexes   (SerahStore  *self);
gboolean serah_store_build_pending_indexes (SerahStore  *self,
                                            guint       *built,
                                            GError     **error);
/* Whether another connection (any process) has waited for the write lock since the
 * monotonic time since: a long writer then commits what it has and lets it in. */
gboolean serah_store_writer_waiting   (SerahStore *self,
                                       gint64      since);

G_END_DECLS
