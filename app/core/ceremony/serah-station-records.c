/* serah-station-records.c: the station error domain and the free function of a bundle's
 * header (serah-station-records.h), apart from the bundle SQL and the merge rules, both of
 * which report SERAH_STATION_ERROR.
 */
#define G_LOG_DOMAIN "serah-station"

#include "config.h"

#include <serah/ceremony/serah-station-records.h>

G_DEFINE_QUARK (serah-station-error-quark, serah_station_error)

void
serah_station_bundle_info_free (SerahStationBundleInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->database_id);
  g_free (self->ceremony_uuid);
  g_free (self->ceremony_name);
  g_free (self->station);
  g_free (self);
}
