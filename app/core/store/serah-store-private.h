/* serah-store-private.h: what the serah-store-*.c files share. Never included outside
 * app/core. Each area of the store (participants, printing, ceremonies, ...) lives in its own
 * serah-store-<area>.c and owns one schema migration step. */
#pragma once

#include <sqlite3.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

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

/* Binds a UTF-8 string, or NULL for NULL/empty. */
void          serah_store_bind_text_or_null (sqlite3_stmt *stmt,
                                             int           index,
                                             const char   *text);
/* Copies a text column (NULL stays NULL). */
char         *serah_store_column_dup (sqlite3_stmt *stmt,
                                      int           index);

/* Migration steps, one per area, in order. Each is a block of SQL run inside the
 * migration transaction; user_version is set to its index + 1 afterwards. */
extern const char serah_store_schema_participants[];  /* v1 */
extern const char serah_store_schema_printing[];      /* v2 */
extern const char serah_store_schema_ceremonies[];    /* v3 */
extern const char serah_store_schema_testimonials[];  /* v4 */
extern const char serah_store_schema_operators[];     /* v5 */
extern const char serah_store_schema_outreach[];      /* v6: outreach (issue 15) */

void serah_participant_from_row (SerahParticipant *p,
                                 sqlite3_stmt     *stmt);
/* The columns serah_participant_from_row reads, in order, for SELECT lists. */
#define SERAH_PARTICIPANT_COLUMNS \
  "p.id, p.nik, p.card_no, p.name, p.sex, p.birth_date, p.address, p.desa, p.kecamatan, " \
  "p.faskes, p.care_class, p.import_id, p.updated_at"
/* Tells the search index of this connection that participants changed (every write to
 * participants calls it). */
void serah_store_participants_changed (SerahStore *self);
/* The connection's commit and rollback hooks are taken by serah-store-participant-batch.c
 * (a bulk's dropped indexes must never be committed missing). */
/* A page cache that holds the participant B-trees of a big list (64 MB at most). */
void serah_store_use_large_cache      (SerahStore *self);

G_END_DECLS
