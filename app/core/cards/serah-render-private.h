/* serah-render-private.h: text fitting shared by the card renderer (serah-render.c) and the
 * sheet drawings (serah-render-sheet.c). Never included outside app/core. */
#pragma once

#include <pango/pangocairo.h>
#include <serah/cards/serah-render.h>

#include "cards/serah-template-private.h"

G_BEGIN_DECLS

/* A Pango context measuring in millimetres (resolution 25.4 "dpi"), without hinting and
 * with unrounded glyph positions, so extents do not depend on the target surface. */
PangoContext *serah_render_context_new (PangoFontMap *font_map);

/* The result of fitting a layout into a box. */
typedef struct {
  double         x, y;      /* where to move_to before pango_cairo_show_layout */
  double         size_pt;
  int            lines;
  gboolean       ellipsized;
  PangoRectangle ink, logical; /* layout-relative, Pango units */
} SerahTextFit;

typedef struct {
  double         size_pt, min_size_pt;
  SerahOverflow  overflow;
  int            max_lines;
  PangoAlignment align;
  SerahVAlign    valign;
} SerahTextStyle;

/* Shrinks the layout's text from style->size_pt down to min_size_pt until its ink and
 * logical extents fit box; below that wraps (up to max_lines) and ellipsizes. desc is a
 * scratch copy of the font whose size is changed. */
void serah_render_fit_layout (PangoLayout          *layout,
                              PangoFontDescription *desc,
                              const SerahTextStyle *style,
                              const SerahRect      *box,
                              SerahTextFit         *fit);

/* Draws text fitted into box, in the current source colour. */
void serah_render_fitted_text (cairo_t              *cr,
                               PangoLayout          *layout,
                               const char           *text,
                               const char           *font,
                               const SerahTextStyle *style,
                               const SerahRect      *box);

G_END_DECLS
