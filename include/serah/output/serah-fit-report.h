/* serah-fit-report.h: what the layout had to give up while drawing a document.
 *
 * Every text box of every document Serah draws (cards, paper, report PDFs, quote cards) goes
 * through one fitting routine (app/core/output/serah-text-fit.c). Whatever it shrinks below
 * the box's smallest size, ellipsizes or cannot fit at all is noted in a SerahFitReport that
 * the caller passes down, with the record it belonged to, so that people see it before
 * printing and the tests can assert that nothing overflowed without Serah knowing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_FIT_OK,          /* fitted at or above the smallest size */
  SERAH_FIT_BELOW_FLOOR, /* an identifier shrunk below its smallest size to keep every character */
  SERAH_FIT_ELLIPSIZED,  /* words were dropped and "…" written */
  SERAH_FIT_OVERFLOW,    /* ink left the box even so (a single glyph wider than the box) */
} SerahFitOutcome;

typedef struct {
  char           *record;  /* "0001234567890 SITI AMINAH", a testimonial's id, "templat" */
  char           *field;   /* the element or column: "front:name", "NIK" */
  char           *text;    /* the full text that did not fit */
  SerahFitOutcome outcome;
  double          size_pt; /* the size it was drawn at */
} SerahFitProblem;

typedef struct _SerahFitReport SerahFitReport;

/**
 * serah_fit_report_new:
 *
 * A fit report collects what the text-fitting routine could not fit as designed, for the
 * print run's record, the CLI and the preview.
 *
 * Returns: (transfer full): an empty report; free with serah_fit_report_free()
 */
SerahFitReport *serah_fit_report_new        (void);

/**
 * serah_fit_report_free:
 * @self: (nullable): a report, or %NULL
 *
 * Frees @self and its problems.
 */
void            serah_fit_report_free       (SerahFitReport *self);

/**
 * serah_fit_report_set_record:
 * @self: a report
 * @record: (nullable): the record whose texts are fitted next ("0001234567890 SITI AMINAH");
 *   copied; %NULL for the document's own text
 */
void            serah_fit_report_set_record (SerahFitReport *self,
                                             const char     *record);

/**
 * serah_fit_report_get_record:
 * @self: a report
 *
 * Returns: (transfer none) (nullable): the current record, owned by @self
 */
const char     *serah_fit_report_get_record (SerahFitReport *self);

/**
 * serah_fit_report_note:
 * @self: a report
 * @field: the element or column ("front:name", "NIK")
 * @text: the full text fitted
 * @outcome: how it fitted
 * @size_pt: the size it was drawn at
 *
 * Notes one fitted box. Every box is counted, so tests can tell "nothing fitted" from "all
 * fine"; only the outcomes other than %SERAH_FIT_OK are kept as problems, each (record,
 * field) once.
 */
void            serah_fit_report_note       (SerahFitReport *self,
                                             const char     *field,
                                             const char     *text,
                                             SerahFitOutcome outcome,
                                             double          size_pt);

/**
 * serah_fit_report_get_boxes:
 * @self: a report
 *
 * Returns: the number of boxes noted
 */
guint           serah_fit_report_get_boxes  (SerahFitReport *self);

/**
 * serah_fit_report_get_problems:
 * @self: a report
 *
 * Returns: (transfer none) (element-type SerahFitProblem): the problems, in the order met;
 *   owned by @self
 */
GPtrArray      *serah_fit_report_get_problems (SerahFitReport *self);

/**
 * serah_fit_report_count:
 * @self: a report
 * @outcome: an outcome
 *
 * Returns: the number of problems with @outcome
 */
guint           serah_fit_report_count      (SerahFitReport *self,
                                             SerahFitOutcome outcome);

/**
 * serah_fit_report_count_records:
 * @self: a report
 *
 * Returns: how many different records have at least one problem
 */
guint           serah_fit_report_count_records (SerahFitReport *self);

/**
 * serah_fit_report_describe:
 * @self: a report
 * @max_lines: at most this many problems, then "… and N more"; 0: all
 *
 * One line per problem, translated (for the print run's record, the CLI and the preview).
 *
 * Returns: (transfer full): the lines ("" when there is no problem); free with g_free()
 */
char           *serah_fit_report_describe   (SerahFitReport *self,
                                             guint           max_lines);

/**
 * serah_fit_outcome_to_string:
 * @outcome: an outcome
 *
 * Returns: (transfer none): "ok", "below-floor", "ellipsized" or "overflow", for --json
 *   (static)
 */
const char     *serah_fit_outcome_to_string (SerahFitOutcome outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahFitReport, serah_fit_report_free)

G_END_DECLS
