/* serah-card-preview.h: the live preview of the print page: a whole sheet, or one slot
 * large, drawn by the print job itself (serah_print_job_draw_preview), the same walk over the
 * selection that writes the PDF. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>
#include <serah/serah-print-job.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CARD_PREVIEW (serah_card_preview_get_type ())
G_DECLARE_FINAL_TYPE (SerahCardPreview, serah_card_preview, SERAH, CARD_PREVIEW, GtkWidget)

GtkWidget *serah_card_preview_new           (void);
/* The job whose pages are shown (referenced); call again after changing its options. The
 * job is never run, only drawn. NULL shows message instead (why nothing can be shown). */
void       serah_card_preview_set_job       (SerahCardPreview *self,
                                             SerahPrintJob    *job,
                                             const char       *message);

/* Draws what the widget shows into a width x height area of cr (device units), for the
 * widget's snapshot and for tests. FALSE (with a notice drawn) when there is no page. */
gboolean   serah_card_preview_draw          (SerahCardPreview *self,
                                             cairo_t          *cr,
                                             double            width,
                                             double            height);
/* Where the card of slot (0-based) of the sheet shown lands in a width x height drawing,
 * in device units (sheet view only). For tests and the used-slot shading. */
gboolean   serah_card_preview_get_slot_area (SerahCardPreview *self,
                                             guint             slot,
                                             double            width,
                                             double            height,
                                             graphene_rect_t  *out);

G_END_DECLS
