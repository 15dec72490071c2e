/* serah-card-preview.h: the live preview of the print page: a whole sheet, or one card
 * large, drawn by the same renderer that writes the PDF and feeds the printer. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>
#include <serah/serah-render.h>
#include <serah/serah-template.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CARD_PREVIEW (serah_card_preview_get_type ())
G_DECLARE_FINAL_TYPE (SerahCardPreview, serah_card_preview, SERAH, CARD_PREVIEW, GtkWidget)

GtkWidget *serah_card_preview_new              (void);
void       serah_card_preview_set_template     (SerahCardPreview  *self,
                                                SerahCardTemplate *card);
void       serah_card_preview_set_sheet        (SerahCardPreview  *self,
                                                SerahSheet        *sheet);
/* The cards of the sheet shown, in slot order from the first free slot (element type
 * SerahParticipant; the array is referenced). In single-card mode the first is shown. */
void       serah_card_preview_set_participants (SerahCardPreview  *self,
                                                GPtrArray         *participants);
/* Values for the template's extra fields (office, print_date, ...); referenced. */
void       serah_card_preview_set_extra        (SerahCardPreview  *self,
                                                GHashTable        *extra);

/* Draws what the widget shows into a width x height area of cr (device units), for the
 * widget's snapshot and for tests. Returns FALSE (and draws a notice) when there is
 * nothing to draw yet. */
gboolean   serah_card_preview_draw             (SerahCardPreview  *self,
                                                cairo_t           *cr,
                                                double             width,
                                                double             height);
/* Where the card of slot index (0-based) lands in the last width x height drawn by
 * serah_card_preview_draw, in device units; FALSE outside the sheet. For tests. */
gboolean   serah_card_preview_get_slot_area    (SerahCardPreview  *self,
                                                guint              slot,
                                                double             width,
                                                double             height,
                                                graphene_rect_t   *out);

G_END_DECLS
