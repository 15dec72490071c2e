/* serah-report-records.h: the rows the reports' SQL returns (coverage counts, cards not yet
 * collected, import points, handovers per day, tag counts) and their free functions.
 *
 * Below both serah-store-report.c (which fills them) and serah-report.c (which sums, sorts
 * and writes them), so that neither includes the other: HOUSE-STYLE's "<domain>-records.h".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- coverage ---- */

typedef struct {
  char  *kecamatan;        /* NULL in the grand total */
  char  *desa;             /* NULL in kecamatan subtotals and the grand total */
  gint64 participants;
  gint64 printed;          /* with a current (not voided) printed card */
  gint64 invited;
  gint64 to_self;
  gint64 to_representative;
  gint64 not_collected;
} SerahCoverageRow;

/**
 * serah_coverage_row_free:
 * @row: (nullable): a coverage row, or %NULL
 *
 * Frees @row and its strings.
 */
void   serah_coverage_row_free        (SerahCoverageRow *row);

/* ---- not yet collected ---- */

typedef struct {
  gint64 participant_id;
  char  *kecamatan;
  char  *desa;
  char  *name;
  char  *nik_masked;       /* never the full NIK */
  char   card_no[14];
  char  *address;
  char  *stack;            /* where the card waits: "Caringin #12", or NULL */
} SerahUncollectedRow;

/**
 * serah_uncollected_row_free:
 * @self: (nullable): a row, or %NULL
 *
 * Frees @self and its strings.
 */
void       serah_uncollected_row_free (SerahUncollectedRow *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahUncollectedRow, serah_uncollected_row_free)

/* ---- indicators ---- */

typedef struct {
  gint64 import_id;
  gint64 at;               /* unix seconds */
  char  *file_name;
  gint64 rows;
  gint64 imported;         /* new participants */
  gint64 updated;
  gint64 rejected;
  gint64 cumulative;       /* new participants from all imports up to this one */
} SerahImportPoint;

/**
 * serah_import_point_free:
 * @self: (nullable): a point of the imports chart, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_import_point_free (SerahImportPoint *self);

typedef struct {
  char   date[11];         /* ISO, local time */
  gint64 to_self;
  gint64 to_representative;
} SerahDailyHandovers;

typedef struct {
  char  *tag;
  gint64 count;
} SerahTagCount;

/**
 * serah_tag_count_free:
 * @self: (nullable): a tag count, or %NULL
 *
 * Frees @self and its tag.
 */
void serah_tag_count_free (SerahTagCount *self);

G_END_DECLS
