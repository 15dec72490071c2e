/* serah-store-report-private.h: the reports' SQL (coverage, uncollected, imports, daily
 * handovers, ratings, tags), implemented in serah-store-report.c. Private to the core: the
 * GUI and the CLI call the report functions of serah-report.h.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/reports/serah-report-records.h>

G_BEGIN_DECLS

GPtrArray *serah_store_report_coverage    (SerahStore *store,
                                           gint64      ceremony_id,
                                           GError    **error);
/* Calls func for each card not yet collected, in the list's order (kecamatan, desa, name),
 * without holding the list: the row and its strings are borrowed for the call only. func
 * returns FALSE with error set to stop the walk. */
typedef gboolean (*SerahUncollectedFunc) (const SerahUncollectedRow *row,
                                          gpointer                   user_data,
                                          GError                   **error);
gboolean   serah_store_report_uncollected_foreach (SerahStore           *store,
                                                   gint64                ceremony_id,
                                                   SerahUncollectedFunc  func,
                                                   gpointer              user_data,
                                                   GError              **error);
/* The uncollected list a window at a time (issue #10): its length from the kept counts, the
 * ids of one window in the list's order, and one participant's row (calls func once, or not
 * at all for an unknown id). */
gint64     serah_store_report_uncollected_count  (SerahStore  *store,
                                                  gint64       ceremony_id,
                                                  GError     **error);
GArray    *serah_store_report_uncollected_window (SerahStore  *store,
                                                  gint64       ceremony_id,
                                                  gint64       position,
                                                  guint        limit,
                                                  GError     **error);
gboolean   serah_store_report_uncollected_row    (SerahStore           *store,
                                                  gint64                participant_id,
                                                  SerahUncollectedFunc  func,
                                                  gpointer              user_data,
                                                  GError              **error);
/* How many cards each desa has not collected (SerahCoverageRow with kecamatan, desa and
 * not_collected only), kecamatan and desa compared as the list orders them (NOCASE). */
GPtrArray *serah_store_report_uncollected_counts  (SerahStore  *store,
                                                   gint64       ceremony_id,
                                                   GError     **error);
GPtrArray *serah_store_report_imports     (SerahStore *store,
                                           GError    **error);
GPtrArray *serah_store_report_daily       (SerahStore *store,
                                           gint64      ceremony_id,
                                           GError    **error);
gboolean   serah_store_report_ratings     (SerahStore *store,
                                           gint64      ceremony_id,
                                           gint64      counts[6],
                                           GError    **error);
GPtrArray *serah_store_report_tags        (SerahStore *store,
                                           gint64      ceremony_id,
                                           GError    **error);

G_END_DECLS
