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
GQuark serah_quote_card_error_quark (void);

/* Draws one card into the square (0, 0)-(size, size) of cr. office may be NULL. Text that
 * does not fit at the smallest size is ellipsized on screen; the writers refuse it. */
void     serah_quote_card_draw      (cairo_t                      *cr,
                                     double                        size,
                                     const SerahTestimonialPublic *testimonial,
                                     const char                   *office);
/* The same, noting in report (may be NULL) every text that was ellipsized, under the record
 * "testimoni #ID NAME". */
void     serah_quote_card_draw_full (cairo_t                      *cr,
                                     double                        size,
                                     const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     SerahFitReport               *report);
/* Whether the card can be published as it is: FALSE with SERAH_QUOTE_CARD_ERROR_TOO_LONG and
 * a message naming the testimonial when something would be cut. The writers call it. */
gboolean serah_quote_card_check     (const SerahTestimonialPublic *testimonial,
                                     const char                   *office,
                                     GError                      **error);

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
