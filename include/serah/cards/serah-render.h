/* serah-render.h: drawing cards, QR codes and sheets with Cairo and Pango.
 *
 * One renderer draws into any cairo_t: the GTK preview, a PDF page, a printer's context or
 * an image surface in the tests. All coordinates are millimetres: scale the context first
 * (72 / 25.4 for a PDF in points, pixels-per-mm for a widget). Text is measured without
 * hinting and with unrounded glyph positions, so what the preview shows is what prints.
 */
#pragma once

#include <cairo.h>
#include <serah/register/serah-participant.h>
#include <serah/cards/serah-template.h>
#include <serah/output/serah-fit-report.h>

G_BEGIN_DECLS

#define SERAH_RENDER_ERROR (serah_render_error_quark ())
typedef enum {
  SERAH_RENDER_ERROR_QR,      /* the payload does not fit a QR code at that level */
  SERAH_RENDER_ERROR_CAIRO,   /* cairo reported an error (out of memory, I/O) */
} SerahRenderError;
GQuark serah_render_error_quark (void);

/* What one card shows. Only participant is required. */
typedef struct {
  const SerahParticipant *participant;
  gint64                  serial;      /* {serial}; 0 (preview) prints "-" */
  const char             *payload;     /* the QR text; NULL draws a grey "preview" square */
  guint                   stack_index; /* {stack_index} / {stack_total}: place in the desa stack */
  guint                   stack_total;
  GHashTable             *extra;       /* char* -> char*: office, print_date, ceremony_name... */
  int                     nik_display; /* -1 as the template says, 0 masked, 1 full */
} SerahCardData;

typedef struct _SerahCardRenderer SerahCardRenderer;

/* A renderer keeps per-template caches (Pango layouts, the static parts of each side
 * recorded once). Not thread-safe: one renderer per thread. */
SerahCardRenderer *serah_card_renderer_new      (SerahCardTemplate *template_);
void               serah_card_renderer_free     (SerahCardRenderer *self);
SerahCardTemplate *serah_card_renderer_get_template (SerahCardRenderer *self);
/* Every text the renderer fits from now on is noted in report (not owned; NULL stops it),
 * under the record "CARD_NO NAME" of the card drawn. */
void               serah_card_renderer_set_report (SerahCardRenderer *self,
                                                   SerahFitReport    *report);

/* Draws one side of one card with the trimmed card's top-left corner at the origin
 * (background elements marked Bleed reach into negative coordinates). FALSE only when the
 * QR code cannot be made. */
gboolean serah_card_renderer_draw (SerahCardRenderer   *self,
                                   cairo_t             *cr,
                                   SerahCardSide        side,
                                   const SerahCardData *data,
                                   GError             **error);

/* Call at the start of every page (PDF or printer) before drawing its cards: a page must not
 * paint one cairo surface twice (see serah-render.c), and the renderer counts per page. */
void     serah_card_renderer_begin_page (SerahCardRenderer *self);

/* Where a text element's words end up for data (for tests and template checks). */
typedef struct {
  SerahRect box;        /* the element's box */
  SerahRect ink;        /* the inked extents, card coordinates */
  SerahRect logical;    /* the logical extents, card coordinates */
  double    size_pt;    /* the size used after shrinking */
  int       lines;
  gboolean  ellipsized;
  SerahFitOutcome outcome; /* what gave way, if anything */
} SerahTextPlacement;

gboolean serah_card_renderer_place_text (SerahCardRenderer   *self,
                                         SerahCardSide        side,
                                         const char          *element_id,
                                         const SerahCardData *data,
                                         SerahTextPlacement  *out);

/* A slot that starts a desa's stack: "DESA X — KECAMATAN Y — N kartu", in a box of
 * width x height mm at the origin. */
void     serah_card_renderer_draw_separator (SerahCardRenderer *self,
                                             cairo_t           *cr,
                                             double             width,
                                             double             height,
                                             const char        *kecamatan,
                                             const char        *desa,
                                             guint              cards);

/* The QR code for text with its quiet zone (white) in a size x size mm square at (x, y).
 * level is 'L', 'M', 'Q' or 'H'. One mask pixel per module, painted with NEAREST
 * filtering: small PDFs that stay sharp, and fast. */
gboolean serah_render_qr (cairo_t    *cr,
                          const char *text,
                          char        level,
                          double      x,
                          double      y,
                          double      size,
                          int         quiet_zone,
                          GError    **error);

/* ---- sheets ---- */

/* A printer's correction, applied as a transform: drawn = offset + scale * designed. */
typedef struct {
  double offset_x_mm, offset_y_mm;
  double scale_x, scale_y;
} SerahCalibration;

void     serah_render_apply_calibration (cairo_t                *cr,
                                         const SerahCalibration *calibration);
/* Thin outlines of the cards' cut lines in every slot (for checking the alignment). */
void     serah_render_slot_outline      (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         guint              slot,
                                         SerahCardTemplate *card);
/* Short marks outside the grid, in line with the slot edges, for a guillotine. */
void     serah_render_crop_marks        (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         SerahCardTemplate *card);
/* The card's rectangle inside a slot (centred; turned when the sheet says so). */
SerahRect serah_render_card_in_slot     (SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         guint              slot);
/* Sets up cr so that the card's own coordinates draw into slot; mirror for the back of a
 * long-edge duplex sheet (the column order reversed, quarter turns undone). Also clips to
 * the slot plus the bleed that fits before the neighbouring slot. */
void     serah_render_enter_slot        (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         guint              slot,
                                         gboolean           back);

/* An alignment test page for sheet: slot outlines, crosshairs at slot corners, mm rulers
 * and instructions on what to measure and which numbers to give "calibrate set". Drawn in
 * mm with calibration applied when not NULL (printing it again shows the correction). */
/* Where the test page's crosshair A is (the point people measure from the paper edges). */
void     serah_render_calibration_reference (SerahSheet         *sheet,
                                             double             *x_mm,
                                             double             *y_mm);
/* The lengths of the test page's rulers for sheet (0 when there is no room for one). */
void     serah_render_calibration_rulers (SerahSheet            *sheet,
                                          int                   *ruler_x_mm,
                                          int                   *ruler_y_mm);
void     serah_render_calibration_page  (cairo_t                *cr,
                                         SerahSheet             *sheet,
                                         const char             *profile_name,
                                         const SerahCalibration *calibration);

G_END_DECLS
