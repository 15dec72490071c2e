/* serah-station-records.h: what a station bundle says about itself (its header, and what an
 * import changed), its free function, and the station error domain.
 *
 * Below both the bundle reader and writer (serah-store-station.c) and the merge rules
 * (serah-station.c): HOUSE-STYLE's "<domain>-records.h".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SERAH_STATION_ERROR (serah_station_error_quark ())
typedef enum {
  SERAH_STATION_ERROR_UNREADABLE,     /* missing file, I/O */
  SERAH_STATION_ERROR_NOT_A_BUNDLE,   /* not SQLite, damaged, truncated, or another kind */
  SERAH_STATION_ERROR_TOO_NEW,        /* written by a newer Serah */
  SERAH_STATION_ERROR_OTHER_DATABASE, /* from another office database */
  SERAH_STATION_ERROR_OTHER_CEREMONY, /* its ceremony is not in this database */
  SERAH_STATION_ERROR_INCONSISTENT,   /* an event UUID that exists here with other content,
                                         or a card number/NIK unknown here */
  SERAH_STATION_ERROR_EXISTS,         /* export target exists and is not to be overwritten */
} SerahStationError;
GQuark serah_station_error_quark (void);

#define SERAH_STATION_BUNDLE_VERSION 1

typedef struct {
  int    format_version;
  char  *database_id;
  char  *ceremony_uuid;
  char  *ceremony_name;
  char   ceremony_date[11];
  char  *station;
  gint64 exported_at;
  gint64 handovers;       /* events in the bundle */
  gint64 undos;
  /* Import only: what changed here. */
  gint64 ceremony_id;     /* the local ceremony */
  gint64 new_handovers;
  gint64 new_undos;
  gint64 conflicts;       /* conflicts in the ceremony after the import */
} SerahStationBundleInfo;

void serah_station_bundle_info_free (SerahStationBundleInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahStationBundleInfo, serah_station_bundle_info_free)

G_END_DECLS
