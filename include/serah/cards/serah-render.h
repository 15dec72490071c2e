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

/**
 * serah_render_error_quark:
 *
 * Returns: the quark of #SerahRenderError
 */
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

/**
 * serah_card_renderer_new:
 * @template_: the card template; the renderer keeps a reference
 *
 * A renderer keeps per-template caches (Pango layouts, the static parts of each side
 * recorded once). Not thread-safe: one renderer per thread.
 *
 * Returns: (transfer full): the renderer; free with serah_card_renderer_free()
 */
SerahCardRenderer *serah_card_renderer_new      (SerahCardTemplate *template_);

/**
 * serah_card_renderer_free:
 * @self: (nullable): a renderer, or %NULL
 *
 * Frees @self, its caches and its reference to the template.
 */
void               serah_card_renderer_free     (SerahCardRenderer *self);

/**
 * serah_card_renderer_get_template:
 * @self: a renderer
 *
 * Returns: (transfer none): the renderer's template
 */
SerahCardTemplate *serah_card_renderer_get_template (SerahCardRenderer *self);

/**
 * serah_card_renderer_set_report:
 * @self: a renderer
 * @report: (nullable) (transfer none): where to note every text the renderer fits from now
 *   on, under the record "CARD_NO NAME" of the card drawn; not owned, so it must outlive its
 *   use here; %NULL stops the noting
 */
void               serah_card_renderer_set_report (SerahCardRenderer *self,
                                                   SerahFitReport    *report);

/**
 * serah_card_renderer_draw:
 * @self: a renderer
 * @cr: where to draw, with the trimmed card's top-left corner at the origin (background
 *   elements marked Bleed reach into negative coordinates)
 * @side: which side
 * @data: what the card shows; only its participant is required
 * @error: return location for a #GError
 *
 * Draws one side of one card.
 *
 * Returns: %TRUE when drawn; %FALSE with @error set only when the QR code cannot be made
 */
gboolean serah_card_renderer_draw (SerahCardRenderer   *self,
                                   cairo_t             *cr,
                                   SerahCardSide        side,
                                   const SerahCardData *data,
                                   GError             **error);

/**
 * serah_card_renderer_begin_page:
 * @self: a renderer
 *
 * Call at the start of every page (PDF or printer) before drawing its cards: a page must not
 * paint one cairo surface twice (see serah-render.c), and the renderer counts per page.
 */
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

/**
 * serah_card_renderer_place_text:
 * @self: a renderer
 * @side: which side
 * @element_id: a text element's id ("name" of [front:name])
 * @data: what the card shows
 * @out: (out caller-allocates): where the words end up
 *
 * Where a text element's words end up for @data (for tests and template checks).
 *
 * Returns: %TRUE and @out filled, %FALSE when @side has no text element @element_id
 */
gboolean serah_card_renderer_place_text (SerahCardRenderer   *self,
                                         SerahCardSide        side,
                                         const char          *element_id,
                                         const SerahCardData *data,
                                         SerahTextPlacement  *out);

/**
 * serah_card_renderer_draw_separator:
 * @self: a renderer
 * @cr: where to draw, the box at the origin
 * @width: the box's width in mm
 * @height: the box's height in mm
 * @kecamatan: the stack's kecamatan
 * @desa: the stack's desa
 * @cards: the cards in the stack
 *
 * A slot that starts a desa's stack: "DESA X — KECAMATAN Y — N kartu".
 */
void     serah_card_renderer_draw_separator (SerahCardRenderer *self,
                                             cairo_t           *cr,
                                             double             width,
                                             double             height,
                                             const char        *kecamatan,
                                             const char        *desa,
                                             guint              cards);

/**
 * serah_render_qr:
 * @cr: where to draw
 * @text: what the code carries
 * @level: the error correction level, 'L', 'M', 'Q' or 'H'
 * @x: the square's left, in mm
 * @y: the square's top, in mm
 * @size: the square's side, in mm
 * @quiet_zone: the white margin, in modules
 * @error: return location for a #GError
 *
 * Draws the QR code for @text with its quiet zone (white) in a square. One mask pixel per
 * module, painted with NEAREST filtering: small PDFs that stay sharp, and fast.
 *
 * Returns: %TRUE when drawn, %FALSE with @error set (%SERAH_RENDER_ERROR_QR when @text does
 *   not fit a QR code at @level)
 */
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

/**
 * serah_render_apply_calibration:
 * @cr: where to draw
 * @calibration: (nullable): a printer's correction; %NULL changes nothing
 *
 * Applies the correction as a transform: drawn = offset + scale × designed.
 */
void     serah_render_apply_calibration (cairo_t                *cr,
                                         const SerahCalibration *calibration);

/**
 * serah_render_slot_outline:
 * @cr: where to draw, the paper in mm
 * @sheet: the paper
 * @slot: a slot index
 * @card: the card template
 *
 * Thin outlines of the card's cut lines in @slot (for checking the alignment).
 */
void     serah_render_slot_outline      (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         guint              slot,
                                         SerahCardTemplate *card);

/**
 * serah_render_crop_marks:
 * @cr: where to draw, the paper in mm
 * @sheet: the paper
 * @card: the card template
 *
 * Short marks outside the grid, in line with the slot edges, for a guillotine.
 */
void     serah_render_crop_marks        (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         SerahCardTemplate *card);

/**
 * serah_render_card_in_slot:
 * @sheet: the paper
 * @card: the card template
 * @slot: a slot index
 *
 * Returns: the card's rectangle inside @slot, in mm (centred; turned when the sheet says so)
 */
SerahRect serah_render_card_in_slot     (SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         guint              slot);

/**
 * serah_render_enter_slot:
 * @cr: where to draw, the paper in mm
 * @sheet: the paper
 * @card: the card template
 * @slot: a slot index
 * @back: mirror for the back of a long-edge duplex sheet (the column order reversed, quarter
 *   turns undone)
 *
 * Sets up @cr so that the card's own coordinates draw into @slot, and clips to the slot plus
 * the bleed that fits before the neighbouring slot. It changes @cr's state: wrap it in
 * cairo_save() and cairo_restore().
 */
void     serah_render_enter_slot        (cairo_t           *cr,
                                         SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         guint              slot,
                                         gboolean           back);

/**
 * serah_render_calibration_reference:
 * @sheet: the paper
 * @x_mm: (out): where the test page's crosshair A is, from the left edge
 * @y_mm: (out): and from the top edge
 *
 * The point people measure from the paper edges on the alignment test page.
 */
void     serah_render_calibration_reference (SerahSheet         *sheet,
                                             double             *x_mm,
                                             double             *y_mm);

/**
 * serah_render_calibration_rulers:
 * @sheet: the paper
 * @ruler_x_mm: (out): the length of the horizontal ruler (0 when there is no room)
 * @ruler_y_mm: (out): the length of the vertical ruler (0 when there is no room)
 */
void     serah_render_calibration_rulers (SerahSheet            *sheet,
                                          int                   *ruler_x_mm,
                                          int                   *ruler_y_mm);

/**
 * serah_render_calibration_page:
 * @cr: where to draw, in mm
 * @sheet: the paper
 * @profile_name: (nullable): the printer profile named on the page
 * @calibration: (nullable): applied when given (printing it again shows the correction)
 *
 * An alignment test page for @sheet: slot outlines, crosshairs at slot corners, mm rulers
 * and instructions on what to measure and which numbers to give "calibrate set".
 */
void     serah_render_calibration_page  (cairo_t                *cr,
                                         SerahSheet             *sheet,
                                         const char             *profile_name,
                                         const SerahCalibration *calibration);

G_END_DECLS
