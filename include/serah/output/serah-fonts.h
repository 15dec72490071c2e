/* serah-fonts.h: the fonts every document Serah draws is set in.
 *
 * Cards, the ceremony paper, reports and quote cards ask only for these families, and they are
 * drawn with a font map that holds only these families' files, so a font someone installs (or
 * removes) on the machine never changes where a line breaks. The families come from Debian's
 * fonts-noto-core and fonts-dejavu-core, which serah-dev installs and a package of Serah
 * depends on; Serah does not carry copies of them (see README.md, "Fonts").
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Running text of the paper, reports and quote cards. */
#define SERAH_FONT_SANS  "Noto Sans"
/* Headings and the body of the berita acara. */
#define SERAH_FONT_SERIF "Noto Serif"
/* Cards (the kis and undangan templates' default) and the stack separator slips. */
#define SERAH_FONT_CARD  "DejaVu Sans"

/**
 * serah_fonts_get_font_map:
 *
 * The font map documents are drawn with: only the families above, from their packages' files.
 * One per thread (Pango's fontconfig font maps are not thread-safe), created on first use and
 * freed when the thread ends.
 *
 * Returns: (transfer none): the calling thread's document font map.
 */
PangoFontMap *serah_fonts_get_font_map (void);

/**
 * serah_fonts_font_map_new:
 *
 * A document font map of the caller's own, for an object that may move between threads
 * (a card renderer).
 *
 * Returns: (transfer full): a new font map.
 */
PangoFontMap *serah_fonts_font_map_new (void);

/**
 * serah_fonts_create_layout:
 * @cr: the cairo context the layout will be drawn on
 *
 * Like pango_cairo_create_layout(), but over serah_fonts_get_font_map().
 *
 * Returns: (transfer full): a new layout.
 */
PangoLayout *serah_fonts_create_layout (cairo_t *cr);

/**
 * serah_fonts_has_family:
 * @family: a family name, compared without regard to case
 *
 * Returns: whether @family is one the document font map holds and its files were found.
 */
gboolean serah_fonts_has_family (const char *family);

/**
 * serah_fonts_get_missing:
 *
 * Returns: (transfer full) (nullable): a message naming the families whose files are not
 *   installed and the Debian package that brings them, or %NULL when all are there.
 */
char *serah_fonts_get_missing (void);

G_END_DECLS
