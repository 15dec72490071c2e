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

SerahFitReport *serah_fit_report_new        (void);
void            serah_fit_report_free       (SerahFitReport *self);
/* Names the record whose texts are fitted next (copied); NULL for the document's own text. */
void            serah_fit_report_set_record (SerahFitReport *self,
                                             const char     *record);
const char     *serah_fit_report_get_record (SerahFitReport *self);
/* Notes one fitted box (every box, so tests can tell "nothing fitted" from "all fine"). */
void            serah_fit_report_note       (SerahFitReport *self,
                                             const char     *field,
                                             const char     *text,
                                             SerahFitOutcome outcome,
                                             double          size_pt);
guint           serah_fit_report_get_boxes  (SerahFitReport *self);
/* The problems (SerahFitProblem), in the order met. Each (record, field) appears once. */
GPtrArray      *serah_fit_report_get_problems (SerahFitReport *self);
guint           serah_fit_report_count      (SerahFitReport *self,
                                             SerahFitOutcome outcome);
/* How many different records have at least one problem. */
guint           serah_fit_report_count_records (SerahFitReport *self);
/* One line per problem, in Indonesian (for the print run's record, the CLI and the preview). */
char           *serah_fit_report_describe   (SerahFitReport *self,
                                             guint           max_lines);
const char     *serah_fit_outcome_to_string (SerahFitOutcome outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahFitReport, serah_fit_report_free)

G_END_DECLS
