/* serah-report-records.c: the free functions of the report rows (serah-report-records.h),
 * apart from both the SQL that fills the rows and the code that writes them.
 */
#define G_LOG_DOMAIN "serah-report"

#include "config.h"

#include <serah/reports/serah-report-records.h>

void
serah_coverage_row_free (SerahCoverageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kecamatan);
  g_free (row->desa);
  g_free (row);
}

void
serah_uncollected_row_free (SerahUncollectedRow *self)
{
  if (self == NULL)
    return;
  g_free (self->kecamatan);
  g_free (self->desa);
  g_free (self->name);
  g_free (self->nik_masked);
  g_free (self->address);
  g_free (self->stack);
  g_free (self);
}

void
serah_import_point_free (SerahImportPoint *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self);
}

void
serah_tag_count_free (SerahTagCount *self)
{
  if (self == NULL)
    return;
  g_free (self->tag);
  g_free (self);
}
