/* serah-report-private.h: what the report writers (serah-report.c, serah-report-xlsx.c,
 * serah-report-pdf.c, serah-report-chart.c) share. Internal to app/core. */
#pragma once

#include <pango/pangocairo.h>
#include <serah/output/serah-fit-report.h>
#include <serah/reports/serah-report.h>

G_BEGIN_DECLS

#define SERAH_REPORT_COVERAGE_N_COLUMNS 10
#define SERAH_REPORT_UNCOLLECTED_N_COLUMNS 8
extern const char *const serah_report_coverage_columns[SERAH_REPORT_COVERAGE_N_COLUMNS];
extern const char *const serah_report_uncollected_columns[SERAH_REPORT_UNCOLLECTED_N_COLUMNS];

/* One report ready to be written: exactly one of coverage, uncollected_store, indicators is
 * set. */
typedef struct {
  const char      *office;   /* heading: the office's name */
  const char      *scope;    /* "Semua acara penyerahan" or the ceremony */
  const char      *made;     /* when the report was made, local "YYYY-MM-DD HH:MM" */
  SerahCoverage   *coverage;
  /* The not-yet-collected list is never held (a register of a million): the writers walk it
   * from this store (serah_store_report_uncollected_foreach) as they write. */
  SerahStore      *uncollected_store;
  gint64           ceremony_id;
  SerahIndicators *indicators;
  SerahFitReport  *fit_report; /* PDF: what did not fit (may be NULL) */
  /* issue 15: with indicators, the outreach figures (PDF) and rows (CSV, XLSX) */
  const SerahOutreachIndicators *outreach;
  GPtrArray       *outreach_rows;
} SerahReportDoc;

/* "Semua acara penyerahan", or "Name, date, place"; NULL with SERAH_REPORT_ERROR_NOT_FOUND
 * for an unknown ceremony. */
char    *serah_report_scope_title  (SerahStore  *store,
                                    gint64       ceremony_id,
                                    GError     **error);

/* A layout in the reports' face (Noto Sans) at size user units, bold or not. */
PangoLayout *serah_report_layout_new (cairo_t  *cr,
                                      double    size,
                                      gboolean  bold);

gboolean serah_report_write_xlsx   (const SerahReportDoc *doc,
                                    const char           *path,
                                    GError              **error);
gboolean serah_report_write_pdf    (const SerahReportDoc *doc,
                                    const char           *path,
                                    GError              **error);

G_END_DECLS
