/* serah-store-station-private.h: the bundle file as the store reads and writes it
 * (serah-store-station.c), for the merge rules in serah-station.c. Private to the core and
 * its tests.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/ceremony/serah-station-records.h>

G_BEGIN_DECLS

/* PRAGMA application_id of a bundle: "SRHB". Tells a bundle from any other SQLite file. */
#define SERAH_STATION_APPLICATION_ID 0x53524842

typedef struct {
  SerahStationBundleInfo *info;
  /* Handover events as in the file: card_no set, participant_id/ceremony_id 0. */
  GPtrArray *handovers;
  GPtrArray *niks;      /* char *, parallel to handovers */
  /* Undo events: uuid = the undone handover's uuid, undo_* fields = the undo. */
  GPtrArray *undos;
} SerahStationBundle;

void serah_station_bundle_free (SerahStationBundle *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahStationBundle, serah_station_bundle_free)

/* Writes a complete bundle (header + the ceremony's events read from store) to path, which
 * must not exist. Fills info's counts. */
gboolean serah_store_write_station_bundle (SerahStore             *store,
                                           const SerahCeremony    *ceremony,
                                           SerahStationBundleInfo *info,
                                           const char             *path,
                                           GError                **error);

/* Opens path read-only, checks that it is an undamaged bundle of a known version whose
 * events match the header's counts and digest, and reads it (only the header when
 * header_only). Errors are SERAH_STATION_ERROR. */
SerahStationBundle *serah_store_read_station_bundle (const char  *path,
                                                     gboolean     header_only,
                                                     GError     **error);

G_END_DECLS
