/* serah-store.h: the office database (one SQLite file).
 *
 * All SQL lives in app/core/serah-store*.c behind functions named for what they do.
 * Event rows (imports, print runs, handovers, undos, testimonials, audit) are appended;
 * current state is derived or kept in an index updated in the same transaction.
 */
#pragma once

#include <glib-object.h>
#include <serah/register/serah-participant.h>

G_BEGIN_DECLS

#define SERAH_STORE_ERROR (serah_store_error_quark ())
typedef enum {
  SERAH_STORE_ERROR_FAILED,
  SERAH_STORE_ERROR_CANNOT_OPEN,
  SERAH_STORE_ERROR_CORRUPT,   /* integrity_check failed or not a database */
  SERAH_STORE_ERROR_TOO_NEW,   /* written by a newer Serah */
  SERAH_STORE_ERROR_NOT_FOUND,
  SERAH_STORE_ERROR_CONSTRAINT,
  SERAH_STORE_ERROR_BUSY,      /* another writer holds the lock: nothing was recorded */
  SERAH_STORE_ERROR_NOT_SERAH, /* a healthy file of another program (or a bundle): untouched */
  SERAH_STORE_ERROR_READ_ONLY, /* read-only folder, file or mount: the file is not damaged */
  SERAH_STORE_ERROR_PERMISSION,/* permission denied */
  SERAH_STORE_ERROR_NO_SPACE,  /* disk full */
} SerahStoreError;
GQuark serah_store_error_quark (void);

/* How long a connection waits for another writer's lock before SERAH_STORE_ERROR_BUSY: longer
 * than the longest writer holds it (a 400 000-row import, a 20 000-card print run). */
#define SERAH_STORE_BUSY_TIMEOUT_MS 30000
/* PRAGMA application_id of an office database ("SRHD") and of a station bundle ("SRHB"). */
#define SERAH_STORE_APPLICATION_ID  0x53524844
#define SERAH_STORE_BUNDLE_APPLICATION_ID 0x53524842

#define SERAH_TYPE_STORE (serah_store_get_type ())
G_DECLARE_FINAL_TYPE (SerahStore, serah_store, SERAH, STORE, GObject)

/* Opens (creating if needed) and migrates the database at path. Runs a quick
 * integrity check and refuses a damaged file with SERAH_STORE_ERROR_CORRUPT. */
SerahStore *serah_store_open            (const char  *path,
                                         GError     **error);
const char *serah_store_get_path        (SerahStore  *self);
int         serah_store_get_schema_version (SerahStore *self);
int         serah_store_get_latest_schema_version (void);

gboolean    serah_store_begin           (SerahStore  *self,
                                         GError     **error);
gboolean    serah_store_commit          (SerahStore  *self,
                                         GError     **error);
void        serah_store_rollback        (SerahStore  *self);

/* Key/value settings of this office database (office name, secrets, preferences). */
char       *serah_store_get_setting     (SerahStore  *self,
                                         const char  *key);
gboolean    serah_store_set_setting     (SerahStore  *self,
                                         const char  *key,
                                         const char  *value,
                                         GError     **error);
/* Stable random identifier of this database, created on first open. */
const char *serah_store_get_database_id (SerahStore  *self);

/* ---- participants ---- */

typedef enum {
  SERAH_UPSERT_INSERTED,
  SERAH_UPSERT_UPDATED,
  SERAH_UPSERT_UNCHANGED,
  SERAH_UPSERT_CARD_CONFLICT, /* only from serah_store_upsert_participants */
} SerahUpsertResult;

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
/* A bulk: many serah_store_upsert_participants calls in one transaction (an import), between
 * begin and end, both inside serah_store_begin/commit. expected_rows: about how many rows
 * will come. Into an empty table each batch is inserted without reading the table first;
 * when the rows outnumber the participants already stored, the secondary (non-UNIQUE)
 * indexes of participants are dropped at begin and built again, sorted, at end (faster than
 * row by row). Call end before committing (a commit with the indexes missing is refused and
 * rolled back); a rollback restores them without end. */
gboolean serah_store_begin_participant_bulk (SerahStore  *self,
                                             gint64       expected_rows,
                                             GError     **error);
gboolean serah_store_end_participant_bulk   (SerahStore  *self,
                                             GError     **error);

/* A selection of participants, for export, printing and ceremonies. NULL lists mean "all". */
typedef struct {
  char **kecamatan;   /* NULL-terminated, case-insensitive match */
  char **desa;
  char **order;       /* field names: kecamatan, desa, name, nik, card_no, birth_date; default
                         kecamatan,desa,name */
} SerahParticipantFilter;

typedef gboolean (*SerahParticipantFunc) (const SerahParticipant *participant,
                                          gpointer                user_data,
                                          GError                **error);
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

typedef struct {
  char  *kecamatan;
  char  *desa;
  gint64 participants;
} SerahAreaCount;
void     serah_area_count_free (SerahAreaCount *self);
/* Counts per (kecamatan, desa), sorted. Element type SerahAreaCount. */
GPtrArray *serah_store_count_by_area (SerahStore *self,
                                      GError    **error);

/* ---- imports ---- */

typedef struct {
  gint64 id;
  char  *file_name;
  char  *sha256;
  gint64 started_at;
  gint64 rows;
  gint64 imported;
  gint64 updated;
  gint64 unchanged;
  gint64 rejected;
  gint64 duplicates;
  gint64 conflicts;
  gint64 warnings;
} SerahImportRecord;
void serah_import_record_free (SerahImportRecord *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahImportRecord, serah_import_record_free)

gint64   serah_store_insert_import        (SerahStore  *self,
                                           const char  *file_name,
                                           const char  *sha256,
                                           GError     **error);
gboolean serah_store_finish_import        (SerahStore              *self,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahAreaCount, serah_area_count_free)

G_END_DECLS
