/* serah-quote-card.h: share-ready quote cards of testimonials (square, for the office's
 * social media), drawn with Cairo and Pango so the on-screen preview, the PNG files and the
 * PDF pages come from the same code. A card is drawn only from a SerahTestimonialPublic, so
 * it cannot show a NIK, a card number, or the name behind an anonymous testimonial. */
#pragma once

#include <cairo.h>
#include <serah/output/serah-fit-report.h>
#include <serah/testimonials/serah-testimonial-records.h>

G_BEGIN_DECLS

/* Pixels of a PNG card; Instagram and Facebook show 1080x1080 without resampling. */
#define SERAH_QUOTE_CARD_PX 1080
/* Points of a PDF page (a 19 cm square prints well on A4 and stays sharp on screen). */
#define SERAH_QUOTE_CARD_PDF_PT 540.0

#define SERAH_QUOTE_CARD_ERROR (serah_quote_card_error_quark ())
typedef enum {
  SERAH_QUOTE_CARD_ERROR_TOO_LONG, /* the quote (or name, place) does not fit at the smallest size */
} SerahQuoteCardError;

/**
 * serah_quote_card_error_quark:
 *
 * Returns: the quark of #SerahQuoteCardError
 */
GQuark serah_quote_card_error_quark (void);

/**
 * serah_quote_card_draw:
 * @cr: where to draw, into the square (0, 0)-(@size, @size)
 * @size: the square's side
 * @testimonial: the public form of a testimonial
 * @office: (nullable): the office's name for the footer
 *
 * Draws one quote card. Text that does not fit at the smallest size is ellipsized on
 * screen; the writers refuse it (serah_quote_card_check()).
 */
void     serah_quote_card_draw      (cairo_t                      *cr,
                                     double                        size,
                                     const SerahTestimonialPublic *testimonial,
                                     const char                   *office);

/**
 * serah_quote_card_draw_full:
 * @cr: where to draw, into the square (0, 0)-(@size, @size)
 * @size: the square's side
 * @testimonial: the public form of a testimonial
 * @office: (nullable): the office's name for the footer
 * @report: (nullable): where to note every text that was ellipsized, under the record
 *   "testimoni #ID NAME"
 *
 * serah_quote_card_draw(), noting what did not fit.
 */
void     serah_quote_card_draw_full (cairo_t                      *cr,
                                     double                        size,
                                     const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     SerahFitReport               *report);

/**
 * serah_quote_card_check:
 * @testimonial: the public form of a testimonial
 * @office: (nullable): the office's name
 * @error: return location for a #GError
 *
 * Whether the card can be published as it is. The writers call it.
 *
 * Returns: %TRUE when nothing would be cut, %FALSE with @error set
 *   (%SERAH_QUOTE_CARD_ERROR_TOO_LONG, a message naming the testimonial)
 */
gboolean serah_quote_card_check     (const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     GError                      **error);

/**
 * serah_quote_card_write_png:
 * @testimonial: the public form of a testimonial
 * @office: (nullable): the office's name
 * @path: the PNG file (%SERAH_QUOTE_CARD_PX square)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_quote_card_write_png (const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     const char                   *path,
                                     GError                      **error);

/**
 * serah_quote_card_write_pdf:
 * @testimonials: (element-type SerahTestimonialPublic): the cards, one a page
 * @office: (nullable): the office's name
 * @path: the PDF file
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_quote_card_write_pdf (GPtrArray                    *testimonials,
                                     const char                   *office,
                                     const char                   *path,
                                     GError                      **error);

/**
 * serah_quote_card_format_date:
 * @iso_date: (nullable): a date, yyyy-mm-dd
 *
 * "24 November 2026" from "2026-11-24" (Indonesian month names: the cards are for an
 * Indonesian audience whatever the desktop's language).
 *
 * Returns: (transfer full): the date; text that is not a date comes back as it is ("" for
 *   %NULL); free with g_free()
 */
char    *serah_quote_card_format_date (const char *iso_date);

G_END_DECLS
