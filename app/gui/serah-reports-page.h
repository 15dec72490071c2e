/* serah-reports-page.h: Laporan, monitoring the distribution of cards. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_REPORT_ROW (serah_report_row_get_type ())
G_DECLARE_FINAL_TYPE (SerahReportRow, serah_report_row, SERAH, REPORT_ROW, GObject)

/* A table row of up to ten cells of plain text (NULL: empty), bold for subtotals. */
SerahReportRow *serah_report_row_new (const char *const *cells,
                                      guint              n,
                                      gboolean           bold);

#define SERAH_TYPE_REPORTS_PAGE (serah_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahReportsPage, serah_reports_page, SERAH, REPORTS_PAGE, AdwBin)

SerahStore *serah_reports_page_get_store (SerahReportsPage *self);
void        serah_reports_page_set_store (SerahReportsPage *self,
                                          SerahStore       *store);

/* Enables exports for administrators only; the window calls it when the operator changes. */
void        serah_reports_page_update_actions (SerahReportsPage *self);

/* Exports the report shown (the indicators with the outreach period shown) to path, as the
 * export menu does once a file is chosen: in a thread, audited, with a toast. format is
 * "csv", "xlsx" or "pdf". For tests, which cannot answer a native file chooser. */
void        serah_reports_page_export_to (SerahReportsPage *self,
                                          const char       *format,
                                          const char       *path);

G_END_DECLS
