/* serah-store-participants-private.h: the register's SQL (participants, the search index,
 * bulk upserts, imports), implemented in serah-store-participants.c and
 * serah-store-participant-batch.c. Private to the core and its tests: the GUI and the CLI use
 * serah-register.h and serah-import.h.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

/* ---- shared with the other domains' store files (handovers read participants) ---- */

void serah_participant_from_row (SerahParticipant *p,
                                 sqlite3_stmt     *stmt);
/* The columns serah_participant_from_row reads, in order, for SELECT lists. */
#define SERAH_PARTICIPANT_COLUMNS \
  "p.id, p.nik, p.card_no, p.name, p.sex, p.birth_date, p.address, p.desa, p.kecamatan, " \
  "p.faskes, p.care_class, p.import_id, p.updated_at"
/* Tells the search index of this connection that participants changed (every write to
 * participants calls it). */
void serah_store_participants_changed (SerahStore *self);
/* @text as one FTS5 phrase (quotes doubled), with a trailing * when @prefix: for MATCH on
 * participant_names (trigrams) and participant_words (word prefixes). */
char *serah_store_fts_phrase (const char *text, gboolean prefix);
/* A cheaper question for a long name (issue #10): the trigram phrase of "agus ahmad hidayat"
 * reads 16 doclists and checks positions; the AND of the 6 trigrams that cover the text
 * (every third, and the last) reads 6, and "name LIKE like ESCAPE '\\'" keeps exactly the
 * names containing the text (about half the CPU at a million). For ASCII text of 7
 * characters or more: TRUE with match (for MATCH on participant_names) and like (a LIKE
 * pattern) set, to free; FALSE otherwise (use serah_store_fts_phrase). */
gboolean serah_store_fts_cover (const char *text, char **match, char **like);

/* ---- participants ---- */

gboolean serah_store_upsert_participant (SerahStore        *self,
                                         SerahParticipant  *participant,
                                         gint64             import_id,
                                         SerahUpsertResult *result,
                                         GError           **error);
/* Lookups return NULL with no error when nothing matches. */
SerahParticipant *serah_store_get_participant         (SerahStore *self,
                                                       gint64      id,
                                                       GError    **error);
SerahParticipant *serah_store_find_participant_by_nik (SerahStore *self,
                                                       const char *nik,
                                                       GError    **error);
SerahParticipant *serah_store_find_participant_by_card (SerahStore *self,
                                                        const char *card_no,
                                                        GError    **error);
gint64   serah_store_count_participants (SerahStore *self);

/* Upserts n participants with distinct NIKs and card numbers in a few set-based statements:
 * the outcome of each row is what serah_store_upsert_participant would give, at a fraction
 * of the cost (no statement per row). A row whose card number belongs to another NIK in the
 * database is not written: results[i] = SERAH_UPSERT_CARD_CONFLICT and, when holders is not
 * NULL, holders[i] = that participant (the caller frees it; NULL for other rows). Call it
 * inside serah_store_begin/commit. participant->id is not filled in. */
gboolean serah_store_upsert_participants (SerahStore              *self,
                                          SerahParticipant *const *participants,
                                          guint                    n,
                                          gint64                   import_id,
                                          SerahUpsertResult       *results,
                                          SerahParticipant       **holders,
                                          GError                 **error);
/* A bulk: many serah_store_upsert_participants calls (an import), between begin and end,
 * each inside serah_store_begin/commit. expected_rows: about how many rows will come. Into
 * an empty table each batch is inserted without reading the table first; when the rows
 * outnumber the participants already stored, the secondary (non-UNIQUE) indexes of
 * participants are dropped at begin, each recorded as pending in the same transaction
 * (serah_store_note_pending_index), and built again, sorted, at end (faster than row by
 * row). A bulk may span several transactions (an import committed in slices): pause before
 * committing a slice, then begin again with continued = TRUE in the next transaction; the
 * indexes stay dropped until end (queries are right without them, only slower). A rollback
 * of the first transaction restores them; whatever stops a bulk after a committed slice
 * leaves them pending: end, the next bulk or the next open (serah_store_open) builds them. */
gboolean serah_store_begin_participant_bulk (SerahStore  *self,
                                             gint64       expected_rows,
                                             gboolean     continued,
                                             GError     **error);
gboolean serah_store_pause_participant_bulk (SerahStore  *self,
                                             GError     **error);
gboolean serah_store_end_participant_bulk   (SerahStore  *self,
                                             GError     **error);

/* Streams the selection row by row; a callback returning FALSE stops with its error. */
gboolean serah_store_foreach_participant (SerahStore                   *self,
                                          const SerahParticipantFilter *filter,
                                          SerahParticipantFunc          func,
                                          gpointer                      user_data,
                                          GError                      **error);

/* Search-as-you-type: ids of participants whose name contains query (any case; one or two
 * letters: a word of the name starts with them), or whose NIK or card number starts with
 * the digits of query. Empty query: every id. Results in (kecamatan, desa, name) order, at
 * most limit (0 = no limit). Answers from an in-memory index of the store, built by the
 * first search after participants changed (about 0.1 s per 100 000), then ~1 ms. */
GArray  *serah_store_search_participant_ids (SerahStore *self,
                                             const char *query,
                                             guint       limit,
                                             GError    **error);

/* The register one window at a time (serah-store-participant-window.c, issue #10): how many
 * match query (searches counted up to cap, 0 = no cap, *more set when there are more;
 * nothing typed: everyone, exactly), or -1 with error; and the ids at [position, position +
 * limit) of the matches, in the order of their index: area order when nothing is typed, NIK
 * then card order for digits, register (rowid) order for names. n_matches (0 if unknown)
 * lets a window in the second half of the everyone list be read from the end. */
gint64   serah_store_count_participant_matches (SerahStore *self,
                                                const char *query,
                                                gint64      cap,
                                                gboolean   *more,
                                                GError    **error);
GArray  *serah_store_participant_window        (SerahStore *self,
                                                const char *query,
                                                gint64      position,
                                                guint       limit,
                                                gint64      n_matches,
                                                GError    **error);

/* Counts per (kecamatan, desa), sorted. Element type SerahAreaCount. */
GPtrArray *serah_store_count_by_area (SerahStore *self,
                                      GError    **error);

/* ---- imports ---- */

gint64   serah_store_insert_import        (SerahStore  *self,
                                           const char  *file_name,
                                           const char  *sha256,
                                           GError     **error);
/* Writes the counts and the file's hash, and marks the import finished (finished_at). */
gboolean serah_store_finish_import        (SerahStore              *self,
                                           const SerahImportRecord *counts,
                                           GError                 **error);
/* Writes the counts so far of an import committed in slices, leaving it unfinished. */
gboolean serah_store_update_import_counts (SerahStore              *self,
                                           const SerahImportRecord *counts,
                                           GError                 **error);
gboolean serah_store_add_import_problem   (SerahStore  *self,
                                           gint64       import_id,
                                           gint64       line,
                                           const char  *column,
                                           const char  *code,
                                           const char  *severity,
                                           const char  *message,
                                           const char  *raw_value,
                                           GError     **error);
/* Element type SerahImportRecord, newest first. */
GPtrArray *serah_store_list_imports       (SerahStore  *self,
                                           GError     **error);

G_END_DECLS
