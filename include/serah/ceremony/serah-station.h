/* serah-station.h: several laptops (stations) at one ceremony. Each station exports its
 * events as a bundle; any station (or the office) imports the others' bundles.
 *
 * A bundle is a small SQLite file (checked with integrity_check before anything is read):
 * a header (format version, source database id, ceremony uuid/name/date, station,
 * exported_at) and the ceremony's handover and undo events known to the exporting database,
 * keyed by UUID, with card numbers and NIKs instead of internal ids. Importing is a set
 * union in one transaction: idempotent (twice = once) and order-free (A then B = B then A).
 * Two live handovers of one participant are kept as a conflict (serah_ceremony_list_conflicts).
 */
#pragma once

#include <serah/ceremony/serah-ceremony.h>
#include <serah/ceremony/serah-station-records.h>

G_BEGIN_DECLS

/**
 * serah_station_export:
 * @store: the office database
 * @ceremony_id: the ceremony
 * @station: (nullable): this laptop's name (%NULL: the host name)
 * @operator_name: (nullable): who exports, for the audit log (%NULL: the system user)
 * @path: the bundle to write (replaced atomically if it exists)
 * @error: return location for a #GError
 *
 * Writes every handover and undo of the ceremony that this database knows (its own and
 * merged ones) to a new bundle, and records the export in the audit log.
 *
 * Returns: (transfer full) (nullable): what was written, or %NULL with @error set
 */
SerahStationBundleInfo *serah_station_export (SerahStore  *store,
                                              gint64       ceremony_id,
                                              const char  *station,
                                              const char  *operator_name,
                                              const char  *path,
                                              GError     **error);

/**
 * serah_station_inspect:
 * @path: a bundle
 * @error: return location for a #GError
 *
 * Reads a bundle's header without importing (for a confirmation dialog).
 *
 * Returns: (transfer full) (nullable): the header (the import-only fields are 0), or %NULL
 *   with @error set
 */
SerahStationBundleInfo *serah_station_inspect (const char  *path,
                                               GError     **error);

/**
 * serah_station_import:
 * @store: the office database, on the thread that uses it
 * @path: a bundle
 * @operator_name: (nullable): who merges, for the audit log (%NULL: the system user)
 * @error: return location for a #GError
 *
 * Merges a bundle after an automatic backup ("merge"): a set union of events keyed by UUID.
 * Every event is checked against the database first; a bundle that disagrees anywhere (or
 * is not sealed by this office) is refused and the database is untouched. The events are
 * then written in slices of a few hundred, each its own transaction with the state it
 * derives, so that a scan at another desk never waits for the whole merge (issue 17). A
 * merge stopped half way (killed, a full disk) leaves whole events only and is finished by
 * importing the same bundle again.
 *
 * Returns: (transfer full) (nullable): the header and what changed here, or %NULL with @error
 *   set
 */
SerahStationBundleInfo *serah_station_import (SerahStore  *store,
                                              const char  *path,
                                              const char  *operator_name,
                                              GError     **error);

G_END_DECLS
