/* serah-report.h: reports for monitoring the distribution of cards: coverage per kecamatan
 * and desa, the list of cards not yet collected (for follow-up through the village
 * government), and monitoring indicators (imports over time, handovers per day, testimonial
 * ratings and topics). Written as CSV, XLSX or PDF; the charts are drawn with Cairo by the
 * same functions for the PDF and for the GUI.
 *
 * Scope: one ceremony (ceremony_id > 0) or everything (0).
 *  - invited: invited to that ceremony (to any, for everything);
 *  - handed over: a live (not undone) handover in that ceremony (in any), split by who took
 *    the card: the participant or a representative;
 *  - not yet collected: for a ceremony, invited and not handed over there; for everything,
 *    holding a printed card (not voided) and not handed over anywhere;
 *  - percentage: handed over / (handed over + not yet collected), the share of the people
 *    expected to collect who did.
 */
#pragma once

#include <cairo.h>
#include <serah/output/serah-fit-report.h>
#include <serah/store/serah-store.h>
#include <serah/reports/serah-report-records.h>

G_BEGIN_DECLS

#define SERAH_REPORT_ERROR (serah_report_error_quark ())
typedef enum {
  SERAH_REPORT_ERROR_FAILED,     /* writing the file failed */
  SERAH_REPORT_ERROR_NOT_FOUND,  /* no such ceremony */
} SerahReportError;
GQuark serah_report_error_quark (void);

typedef enum {
  SERAH_REPORT_COVERAGE,
  SERAH_REPORT_UNCOLLECTED,
  SERAH_REPORT_INDICATORS,
} SerahReportKind;

typedef enum {
  SERAH_REPORT_FORMAT_CSV,
  SERAH_REPORT_FORMAT_XLSX,
  SERAH_REPORT_FORMAT_PDF,
} SerahReportFormat;

gboolean serah_report_kind_parse   (const char *text, SerahReportKind *out);
gboolean serah_report_format_parse (const char *text, SerahReportFormat *out);

/* ---- coverage ---- */

gint64 serah_coverage_row_handed_over (const SerahCoverageRow *row);
/* 0..1; 0 when nobody is expected to collect. */
double serah_coverage_row_fraction    (const SerahCoverageRow *row);

typedef struct {
  gint64            ceremony_id;
  char             *title;      /* "Semua acara" or the ceremony's name and date */
  GPtrArray        *desa;       /* SerahCoverageRow per (kecamatan, desa), sorted */
  GPtrArray        *kecamatan;  /* SerahCoverageRow per kecamatan (desa NULL), sorted */
  SerahCoverageRow  total;
} SerahCoverage;

void           serah_coverage_free (SerahCoverage *self);

typedef enum {
  SERAH_COVERAGE_DESA,
  SERAH_COVERAGE_KECAMATAN,  /* a kecamatan's subtotal, after its desa */
  SERAH_COVERAGE_TOTAL,      /* the grand total, last */
} SerahCoverageLevel;

/* first: the first desa row of its kecamatan. */
typedef void (*SerahCoverageRowFunc) (const SerahCoverageRow *row,
                                      SerahCoverageLevel      level,
                                      gboolean                first,
                                      gpointer                user_data);
/* Walks the rows in table order: each kecamatan's desa, then its subtotal; the total last.
 * Every table of the report (CSV, XLSX, PDF, GUI) is written through this one walk. */
void           serah_coverage_foreach (const SerahCoverage *coverage,
                                       SerahCoverageRowFunc func,
                                       gpointer             user_data);
/* The eight counts and the percentage ("66.7%") of a row as text, for tables to show.
 * NULL-terminated, 8 entries. */
GStrv          serah_coverage_row_cells (const SerahCoverageRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCoverage, serah_coverage_free)
SerahCoverage *serah_report_coverage (SerahStore  *store,
                                      gint64       ceremony_id,
                                      GError     **error);

/* ---- not yet collected ---- */

/* Sorted by kecamatan, desa, name. Element type SerahUncollectedRow. */
GPtrArray *serah_report_uncollected   (SerahStore  *store,
                                       gint64       ceremony_id,
                                       GError     **error);

/* ---- indicators ---- */

typedef struct {
  gint64     ceremony_id;
  char      *title;
  GPtrArray *imports;      /* SerahImportPoint, oldest first (imports are not per ceremony) */
  GPtrArray *daily;        /* SerahDailyHandovers, by date */
  gint64     ratings[6];   /* [0]: testimonials without a rating, [1..5]: per rating */
  double     rating_average; /* over rated testimonials; 0 when none */
  gint64     testimonials;
  GPtrArray *tags;         /* SerahTagCount, most used first */
} SerahIndicators;

void             serah_indicators_free (SerahIndicators *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahIndicators, serah_indicators_free)
SerahIndicators *serah_report_indicators (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/* ---- charts (Cairo; into the rectangle 0,0-width,height of cr) ---- */

/* Stacked horizontal bars per kecamatan: to self, to a representative, not yet collected,
 * with the percentage collected. */
void serah_report_draw_coverage_chart (cairo_t             *cr,
                                       double               width,
                                       double               height,
                                       const SerahCoverage *coverage);
/* Stacked bars of handovers per day (self / representative). */
void serah_report_draw_daily_chart    (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);
/* Cumulative participants loaded, one step per import. */
void serah_report_draw_imports_chart  (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);
/* Testimonials per rating 1..5, with the average. */
void serah_report_draw_rating_chart   (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);
/* Horizontal bars of the most used topic tags. */
void serah_report_draw_tags_chart     (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);

/* ---- output ---- */

/* Builds the report and writes it to path; records it in the audit log (export.report). */
gboolean serah_report_write (SerahStore        *store,
                             SerahReportKind    kind,
                             gint64             ceremony_id,
                             SerahReportFormat  format,
                             const char        *path,
                             const char        *operator_name,
                             GError           **error);
/* The same, noting in fit_report (may be NULL) what a PDF had to shrink below its floor or
 * ellipsize, per record. */
gboolean serah_report_write_full (SerahStore        *store,
                                  SerahReportKind    kind,
                                  gint64             ceremony_id,
                                  SerahReportFormat  format,
                                  const char        *path,
                                  const char        *operator_name,
                                  SerahFitReport    *fit_report,
                                  GError           **error);

G_END_DECLS
