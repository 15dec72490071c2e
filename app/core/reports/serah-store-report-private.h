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
GPtrArray *serah_store_report_uncollected (SerahStore *store,
                                           gint64      ceremony_id,
                                           GError    **error);
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
