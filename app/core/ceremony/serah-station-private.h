/* serah-station-private.h: what serah-station.c builds on: the public station API and the
 * bundle file as the store reads and writes it (serah-store-station-private.h); and the merge
 * rules it shares with the office server's pull (app/core/server). */
#pragma once

#include <serah/ceremony/serah-station.h>

#include "ceremony/serah-store-station-private.h"

G_BEGIN_DECLS

/* The merge rules of a bundle, wherever its events came from (a file, or the office server's
 * pull in app/core/server): a set union keyed by UUID into ceremony_id, inside the caller's
 * transaction. An event known here with other content, or a card number and NIK unknown
 * here, fails with SERAH_STATION_ERROR_INCONSISTENT naming source. Fills info's
 * new_handovers, new_undos and conflicts (the ceremony's conflicts afterwards). */
gboolean serah_station_merge_events (SerahStore         *store,
                                     SerahStationBundle *bundle,
                                     gint64              ceremony_id,
                                     const char         *source,
                                     GError            **error);

G_END_DECLS
