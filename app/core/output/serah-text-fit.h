/* serah-text-fit.h: the one routine that fits text into a box, for every document Serah draws
 * (card templates, stack separators, ceremony paper, report PDFs, quote cards).
 *
 * Each box has a policy saying what may give way when the text is too long:
 *  - identifier (NIK, card number, serial, dates): one line, never a character lost; shrinks
 *    to the smallest size, and below it only as an error the template author must fix;
 *  - text (names, places, faskes, titles): shrinks to the smallest size, wraps to the lines
 *    the box allows, then ellipsizes;
 *  - cell (table cells and headers): wraps at its size and tells the caller the height it
 *    needs, so the row grows instead of spilling;
 *  - paragraph (a quote): wraps at the box width and shrinks until its lines fit the box's
 *    height, then ellipsizes (which callers may treat as a refusal).
 * Whatever gave way is noted in the caller's SerahFitReport. Private to app/core.
 */
#pragma once

#include <pango/pangocairo.h>
#include <serah/output/serah-fit-report.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_FIT_POLICY_TEXT,
  SERAH_FIT_POLICY_IDENTIFIER,
  SERAH_FIT_POLICY_CELL,
  SERAH_FIT_POLICY_PARAGRAPH,
} SerahFitPolicy;

typedef enum {
  SERAH_FIT_VALIGN_TOP,
  SERAH_FIT_VALIGN_MIDDLE,
  SERAH_FIT_VALIGN_BOTTOM,
} SerahFitVAlign;

typedef struct {
  double         size_pt, min_size_pt;
  SerahFitPolicy policy;
  int            max_lines;   /* text: lines allowed after shrinking (1 = ellipsize at once) */
  PangoAlignment align;
  SerahFitVAlign valign;
} SerahFitStyle;

/* A box in the layout's user units (millimetres for cards, points for paper). */
typedef struct {
  double x, y, width, height;
} SerahFitBox;

typedef struct {
  double          x, y;       /* where to move_to before pango_cairo_show_layout */
  double          size_pt;
  int             lines;
  gboolean        ellipsized;
  double          height;     /* the text's height in user units (what a cell row needs) */
  SerahFitOutcome outcome;
  PangoRectangle  ink, logical; /* layout-relative, Pango units */
} SerahTextFit;

/* Fits the layout's text (already set, plain or markup) into box following style; desc is a
 * scratch copy of the font whose size is changed. For cells, box->height is ignored: the
 * text takes the height it needs (fit->height). */
void serah_text_fit (PangoLayout          *layout,
                     PangoFontDescription *desc,
                     const SerahFitStyle  *style,
                     const SerahFitBox    *box,
                     SerahTextFit         *fit);

/* Notes fit's outcome for field in report (NULL: nothing noted). text is the whole text. */
void serah_text_fit_note (SerahFitReport     *report,
                          const char         *field,
                          const char         *text,
                          const SerahTextFit *fit);

/* Is the fitted ink inside box? (Cells: only horizontally.) What the tests check after every
 * fit; the routine itself notes SERAH_FIT_OVERFLOW when it is not. */
gboolean serah_text_fit_inside (const SerahTextFit *fit,
                                const SerahFitStyle *style,
                                const SerahFitBox  *box);

G_END_DECLS
