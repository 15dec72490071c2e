/* serah-render-private.h: text fitting shared by the card renderer (serah-render.c) and the
 * sheet drawings (serah-render-sheet.c). Never included outside app/core. */
#pragma once

#include <pango/pangocairo.h>
#include <serah/cards/serah-render.h>

#include "cards/serah-template-private.h"
#include "output/serah-text-fit.h"

G_BEGIN_DECLS

/* A Pango context measuring in millimetres (resolution 25.4 "dpi"), without hinting and
 * with unrounded glyph positions, so extents do not depend on the target surface. */
PangoContext *serah_render_context_new (PangoFontMap *font_map);

/* Text styles are the shared fitting routine's (output/serah-text-fit.h). */
typedef SerahFitStyle SerahTextStyle;

/* The fitting policy a template element gets from the fields it shows: identifiers only
 * (card number, NIK, serial, dates) never lose a character; anything with free text
 * (names, places, faskes) may wrap and ellipsize. */
SerahFitPolicy serah_render_element_policy (const SerahElement *e);

/* Draws text fitted into box, in the current source colour; notes the outcome for field in
 * report (may be NULL). */
void serah_render_fitted_text (cairo_t              *cr,
                               PangoLayout          *layout,
                               const char           *text,
                               const char           *font,
                               const SerahTextStyle *style,
                               const SerahRect      *box,
                               SerahFitReport       *report,
                               const char           *field);

G_END_DECLS
