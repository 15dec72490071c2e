/* serah-slot-picker.h: a small grid of a sheet's card slots; clicking one says "start
 * printing here" for a sheet that is already partly used. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SERAH_TYPE_SLOT_PICKER (serah_slot_picker_get_type ())
G_DECLARE_FINAL_TYPE (SerahSlotPicker, serah_slot_picker, SERAH, SLOT_PICKER, GtkWidget)

GtkWidget *serah_slot_picker_new          (void);
/* Rebuilds the grid for a sheet of columns x rows slots, numbered row by row from the top
 * left; the position goes back to 1. */
void       serah_slot_picker_set_layout   (SerahSlotPicker *self,
                                           guint            columns,
                                           guint            rows);
guint      serah_slot_picker_get_position (SerahSlotPicker *self);
void       serah_slot_picker_set_position (SerahSlotPicker *self,
                                           guint            position);

G_END_DECLS
