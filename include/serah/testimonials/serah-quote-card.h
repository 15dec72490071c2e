/* serah-quote-card.h: share-ready quote cards of testimonials (square, for the office's
 * social media), drawn with Cairo and Pango so the on-screen preview, the PNG files and the
 * PDF pages come from the same code. A card is drawn only from a SerahTestimonialPublic, so
 * it cannot show a NIK, a card number, or the name behind an anonymous testimonial. */
#pragma once

#include <cairo.h>
#include <serah/testimonials/serah-testimonial-records.h>

G_BEGIN_DECLS

/* Pixels of a PNG card; Instagram and Facebook show 1080x1080 without resampling. */
#define SERAH_QUOTE_CARD_PX 1080
/* Points of a PDF page (a 19 cm square prints well on A4 and stays sharp on screen). */
#define SERAH_QUOTE_CARD_PDF_PT 540.0

/* Draws one card into the square (0, 0)-(size, size) of cr. office may be NULL. */
void     serah_quote_card_draw      (cairo_t                      *cr,
                                     double                        size,
                                     const SerahTestimonialPublic *testimonial,
                                     const char                   *office);

gboolean serah_quote_card_write_png (const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     const char                   *path,
                                     GError                      **error);

/* One card a page. Element type SerahTestimonialPublic. */
gboolean serah_quote_card_write_pdf (GPtrArray                    *testimonials,
                                     const char                   *office,
                                     const char                   *path,
                                     GError                      **error);

/* "24 November 2026" from "2026-11-24" (Indonesian month names: the cards are for an
 * Indonesian audience whatever the desktop's language). Returns a new string. */
char    *serah_quote_card_format_date (const char *iso_date);

G_END_DECLS
