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

/* Writes every handover and undo of the ceremony that this database knows (its own and
 * merged ones) to a new bundle at path (replaced atomically if it exists). station names
 * this laptop (NULL: host name). The export is recorded in the audit log under
 * operator_name (NULL: the system user name). Returns what was written. */
SerahStationBundleInfo *serah_station_export (SerahStore  *store,
                                              gint64       ceremony_id,
                                              const char  *station,
                                              const char  *operator_name,
                                              const char  *path,
                                              GError     **error);

/* Reads a bundle's header without importing (for a confirmation dialog). */
SerahStationBundleInfo *serah_station_inspect (const char  *path,
                                               GError     **error);

/* Merges a bundle in one transaction, after an automatic backup ("merge", see
 * serah-backup.h); on any error the database is untouched. Audited under operator_name.
 * Like every call on a SerahStore, run it on the thread that uses the store: the
 * connection is not shared between threads. */
SerahStationBundleInfo *serah_station_import (SerahStore  *store,
                                              const char  *path,
                                              const char  *operator_name,
                                              GError     **error);

G_END_DECLS
