/* serah-testimonial-page.h: Testimoni, recording testimonials at a ceremony. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_TESTIMONIAL_PAGE (serah_testimonial_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahTestimonialPage, serah_testimonial_page, SERAH, TESTIMONIAL_PAGE, AdwBin)

SerahStore *serah_testimonial_page_get_store (SerahTestimonialPage *self);
void        serah_testimonial_page_set_store (SerahTestimonialPage *self,
                                              SerahStore           *store);

G_END_DECLS
