/* serah-register-records.h: the row types of the register (participant selections, area
 * counts, import records) and their free functions.
 *
 * It sits below both the register's store (app/core/register/serah-store-participants*.c)
 * and its domain functions (serah-register.h, serah-import.h), so that neither has to include
 * the other: the one rule for the store in docs and HOUSE-STYLE ("<domain>-records.h").
 */
#pragma once

#include <glib-object.h>
#include <serah/register/serah-participant.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_UPSERT_INSERTED,
  SERAH_UPSERT_UPDATED,
  SERAH_UPSERT_UNCHANGED,
  SERAH_UPSERT_CARD_CONFLICT, /* only from the set-based bulk upsert */
} SerahUpsertResult;

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

typedef struct {
  char  *kecamatan;
  char  *desa;
  gint64 participants;
} SerahAreaCount;
void     serah_area_count_free (SerahAreaCount *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahAreaCount, serah_area_count_free)

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

G_END_DECLS
