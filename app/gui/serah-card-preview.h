/* serah-card-preview.h: the live preview of the print page: a whole sheet, or one slot
 * large, drawn in the print worker's thread by the print job itself
 * (serah_print_job_draw_preview), the same walk over the selection that writes the PDF. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>
#include <serah/cards/serah-print-job.h>

#include "serah-print-worker.h"

G_BEGIN_DECLS

#define SERAH_TYPE_CARD_PREVIEW (serah_card_preview_get_type ())
G_DECLARE_FINAL_TYPE (SerahCardPreview, serah_card_preview, SERAH, CARD_PREVIEW, GtkWidget)

GtkWidget *serah_card_preview_new           (void);
/* The choices whose pages are shown, drawn by worker (both referenced). NULL choices show
 * message instead (why nothing can be shown). */
void       serah_card_preview_set_choices   (SerahCardPreview  *self,
                                             SerahPrintWorker  *worker,
                                             SerahPrintChoices *choices,
                                             const char        *message);
/* TRUE while a page is being drawn in the worker (tests wait for it). */
gboolean   serah_card_preview_is_busy       (SerahCardPreview  *self);

/* Draws what the widget shows into a width x height area of cr (device units), blocking;
 * for tests. FALSE (with a notice drawn) when there is no page. */
gboolean   serah_card_preview_draw          (SerahCardPreview *self,
                                             cairo_t          *cr,
                                             double            width,
                                             double            height);
/* Where the card of slot (0-based) of the sheet shown lands in a width x height drawing,
 * in device units (sheet view only). For tests. */
gboolean   serah_card_preview_get_slot_area (SerahCardPreview *self,
                                             guint             slot,
                                             double            width,
                                             double            height,
                                             graphene_rect_t  *out);

G_END_DECLS
