/* serah-register-records.c: the free functions of the register's records
 * (serah-register-records.h), kept apart from the SQL so that the records header sits below
 * both the store and the domain files without pointing back at either.
 */
#define G_LOG_DOMAIN "serah-register"

#include "config.h"

#include <serah/register/serah-register-records.h>

void
serah_area_count_free (SerahAreaCount *self)
{
  if (self == NULL)
    return;
  g_free (self->kecamatan);
  g_free (self->desa);
  g_free (self);
}

void
serah_import_record_free (SerahImportRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self);
}
