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
#include <serah/outreach/serah-outreach-report.h>

G_BEGIN_DECLS

#define SERAH_REPORT_ERROR (serah_report_error_quark ())
typedef enum {
  SERAH_REPORT_ERROR_FAILED,     /* writing the file failed */
  SERAH_REPORT_ERROR_NOT_FOUND,  /* no such ceremony */
} SerahReportError;

/**
 * serah_report_error_quark:
 *
 * Returns: the quark of #SerahReportError
 */
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

/**
 * serah_report_kind_parse:
 * @text: (nullable): a report's name, as the CLI takes it
 * @out: (out): the kind
 *
 * Returns: %TRUE and @out written for a known name, %FALSE otherwise
 */
gboolean serah_report_kind_parse   (const char *text, SerahReportKind *out);

/**
 * serah_report_format_parse:
 * @text: (nullable): a format's name (csv, xlsx, pdf)
 * @out: (out): the format
 *
 * Returns: %TRUE and @out written for a known name, %FALSE otherwise
 */
gboolean serah_report_format_parse (const char *text, SerahReportFormat *out);

/* ---- coverage ---- */

/**
 * serah_coverage_row_handed_over:
 * @row: a coverage row
 *
 * Returns: the cards handed over, to the participant or to a representative
 */
gint64 serah_coverage_row_handed_over (const SerahCoverageRow *row);

/**
 * serah_coverage_row_fraction:
 * @row: a coverage row
 *
 * Returns: the share of the expected cards handed over, 0..1; 0 when nobody is expected to
 *   collect
 */
double serah_coverage_row_fraction    (const SerahCoverageRow *row);

typedef struct {
  gint64            ceremony_id;
  char             *title;      /* "Semua acara" or the ceremony's name and date */
  GPtrArray        *desa;       /* SerahCoverageRow per (kecamatan, desa), sorted */
  GPtrArray        *kecamatan;  /* SerahCoverageRow per kecamatan (desa NULL), sorted */
  SerahCoverageRow  total;
} SerahCoverage;

/**
 * serah_coverage_free:
 * @self: (nullable): a coverage, or %NULL
 *
 * Frees @self and its rows.
 */
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

/**
 * serah_coverage_foreach:
 * @coverage: a coverage
 * @func: (scope call): called for each row
 * @user_data: data for @func
 *
 * Walks the rows in table order: each kecamatan's desa, then its subtotal; the total last.
 * Every table of the report (CSV, XLSX, PDF, GUI) is written through this one walk.
 */
void           serah_coverage_foreach (const SerahCoverage *coverage,
                                       SerahCoverageRowFunc func,
                                       gpointer             user_data);

/**
 * serah_coverage_row_cells:
 * @row: a coverage row
 *
 * The eight counts and the percentage ("66.7%") of a row as text, for tables to show.
 *
 * Returns: (transfer full): 8 strings, %NULL-terminated; free with g_strfreev()
 */
GStrv          serah_coverage_row_cells (const SerahCoverageRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCoverage, serah_coverage_free)

/**
 * serah_report_coverage:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @error: return location for a #GError
 *
 * Counts, per kecamatan and desa, the cards expected, handed over (to self, to a
 * representative) and not yet collected.
 *
 * Returns: (transfer full) (nullable): the coverage, or %NULL with @error set
 */
SerahCoverage *serah_report_coverage (SerahStore  *store,
                                      gint64       ceremony_id,
                                      GError     **error);

/* ---- not yet collected ---- */

/**
 * serah_report_uncollected:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SerahUncollectedRow) (nullable): the cards not yet
 *   collected, sorted by kecamatan, desa, name (the array frees its elements), or %NULL with
 *   @error set
 */
GPtrArray *serah_report_uncollected   (SerahStore  *store,
                                       gint64       ceremony_id,
                                       GError     **error);

/**
 * serah_report_uncollected_count:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @error: return location for a #GError
 *
 * How many rows serah_report_uncollected() would give, read from the coverage counts kept by
 * triggers (a few hundred rows whatever the size of the register).
 *
 * Returns: the number of cards not yet collected, or -1 with @error set
 */
gint64     serah_report_uncollected_count  (SerahStore  *store,
                                            gint64       ceremony_id,
                                            GError     **error);

/**
 * serah_report_uncollected_window:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @position: the first row wanted, from 0
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * One window of the list serah_report_uncollected() gives, as participant ids in the same
 * order, for a list that shows a million rows without holding them. A window anywhere costs
 * about one desa's rows, not the whole list. Read each row with serah_report_uncollected_get().
 *
 * Returns: (transfer full) (nullable) (element-type gint64): participant ids (fewer than
 *   @limit at the end), or %NULL with @error set
 */
GArray    *serah_report_uncollected_window (SerahStore  *store,
                                            gint64       ceremony_id,
                                            gint64       position,
                                            guint        limit,
                                            GError     **error);

/**
 * serah_report_uncollected_get:
 * @store: the office database
 * @participant_id: a participant
 * @error: return location for a #GError
 *
 * One row of the uncollected list: the participant's area, name, masked NIK, card number,
 * address and the stack position of the current card.
 *
 * Returns: (transfer full) (nullable): the row, or %NULL with @error set (also when there is
 *   no such participant)
 */
SerahUncollectedRow *serah_report_uncollected_get (SerahStore  *store,
                                                   gint64       participant_id,
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

/**
 * serah_indicators_free:
 * @self: (nullable): indicators, or %NULL
 *
 * Frees @self and everything it holds.
 */
void             serah_indicators_free (SerahIndicators *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahIndicators, serah_indicators_free)

/**
 * serah_report_indicators:
 * @store: the office database
 * @ceremony_id: a ceremony, or 0 for all
 * @error: return location for a #GError
 *
 * Reads the figures of the indicators report: imports, handovers per day, ratings and tags.
 *
 * Returns: (transfer full) (nullable): the indicators, or %NULL with @error set
 */
SerahIndicators *serah_report_indicators (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/* ---- charts (Cairo; into the rectangle 0,0-width,height of cr) ---- */

/**
 * serah_report_draw_coverage_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @coverage: the figures
 *
 * Stacked horizontal bars per kecamatan: to self, to a representative, not yet collected,
 * with the percentage collected.
 */
void serah_report_draw_coverage_chart (cairo_t             *cr,
                                       double               width,
                                       double               height,
                                       const SerahCoverage *coverage);

/**
 * serah_report_draw_daily_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the figures
 *
 * Stacked bars of handovers per day (self / representative).
 */
void serah_report_draw_daily_chart    (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);

/**
 * serah_report_draw_imports_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the figures
 *
 * Cumulative participants loaded, one step per import.
 */
void serah_report_draw_imports_chart  (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);

/**
 * serah_report_draw_rating_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the figures
 *
 * Testimonials per rating 1..5, with the average.
 */
void serah_report_draw_rating_chart   (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);

/**
 * serah_report_draw_tags_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the figures
 *
 * Horizontal bars of the most used topic tags.
 */
void serah_report_draw_tags_chart     (cairo_t               *cr,
                                       double                 width,
                                       double                 height,
                                       const SerahIndicators *indicators);

/**
 * serah_report_draw_outreach_timeline_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the outreach figures (serah_outreach_indicators_read())
 *
 * New registrations per month (bars) against the socialisation activities held that month (dots,
 * on a scale of their own at the right).
 */
void serah_report_draw_outreach_timeline_chart (cairo_t                        *cr,
                                                double                          width,
                                                double                          height,
                                                const SerahOutreachIndicators  *indicators);

/**
 * serah_report_draw_understanding_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the outreach figures (serah_outreach_indicators_read())
 *
 * The mean understanding score before and after, in percent, with the number of sheets.
 */
void serah_report_draw_understanding_chart (cairo_t                        *cr,
                                            double                          width,
                                            double                          height,
                                            const SerahOutreachIndicators  *indicators);

/**
 * serah_report_draw_skm_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the outreach figures (serah_outreach_indicators_read())
 *
 * The nine SKM elements and the IKM as converted scores (25-100) with their quality letter; the
 * category boundaries of PermenPAN-RB 14/2017 as rules.
 */
void serah_report_draw_skm_chart (cairo_t                        *cr,
                                  double                          width,
                                  double                          height,
                                  const SerahOutreachIndicators  *indicators);

/**
 * serah_report_draw_complaints_chart:
 * @cr: where to draw, into the rectangle (0, 0)-(@width, @height)
 * @width: the chart's width
 * @height: the chart's height
 * @indicators: the outreach figures (serah_outreach_indicators_read())
 *
 * Complaints received and resolved per month, and those open now by age (0-7, 8-30, more than 30
 * days).
 */
void serah_report_draw_complaints_chart (cairo_t                        *cr,
                                         double                          width,
                                         double                          height,
                                         const SerahOutreachIndicators  *indicators);

/* ---- output ---- */

/**
 * serah_report_write:
 * @store: the office database
 * @kind: which report
 * @ceremony_id: a ceremony, or 0 for all
 * @format: CSV, XLSX or PDF
 * @path: the file to write
 * @operator_name: (nullable): who asks (%NULL: the system user)
 * @error: return location for a #GError
 *
 * Builds the report, writes it to @path and records it in the audit log (export.report).
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_report_write (SerahStore        *store,
                             SerahReportKind    kind,
                             gint64             ceremony_id,
                             SerahReportFormat  format,
                             const char        *path,
                             const char        *operator_name,
                             GError           **error);

/**
 * serah_report_write_full:
 * @store: the office database
 * @kind: which report
 * @ceremony_id: a ceremony, or 0 for all
 * @format: CSV, XLSX or PDF
 * @path: the file to write
 * @operator_name: (nullable): who asks (%NULL: the system user)
 * @fit_report: (nullable): where to note what a PDF had to shrink below its floor or
 *   ellipsize, per record
 * @error: return location for a #GError
 *
 * serah_report_write(), noting what did not fit.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_report_write_full (SerahStore        *store,
                                  SerahReportKind    kind,
                                  gint64             ceremony_id,
                                  SerahReportFormat  format,
                                  const char        *path,
                                  const char        *operator_name,
                                  SerahFitReport    *fit_report,
                                  GError           **error);

/**
 * serah_report_write_indicators:
 * @store: the office database
 * @ceremony_id: the ceremony the card's indicators are for, 0 for all
 * @from: (nullable): first day (ISO) of the outreach period, %NULL: from the start
 * @to: (nullable): last day (ISO) of the outreach period, %NULL: to the end
 * @format: CSV, XLSX or PDF
 * @path: the file to write (through the output writer)
 * @operator_name: who exports, for the audit log
 * @error: return location for a #GError
 *
 * The indicators report (issue 15): the card's indicators (imports, handovers per day,
 * ratings) and the outreach indicators of the period (new registrations per month and desa
 * against the activities held, understanding before/after, the IKM per element with its
 * category, complaints received/resolved and the age of open ones), with charts in the PDF.
 * Records "export.report" (report "indicators", the period) in the audit log.
 *
 * Returns: %TRUE when written and recorded, %FALSE with @error set
 */
gboolean serah_report_write_indicators (SerahStore        *store,
                                        gint64             ceremony_id,
                                        const char        *from,
                                        const char        *to,
                                        SerahReportFormat  format,
                                        const char        *path,
                                        const char        *operator_name,
                                        GError           **error);

G_END_DECLS
