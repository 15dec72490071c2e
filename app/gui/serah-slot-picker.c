/* serah-slot-picker.c: the "start at position" grid of the print page. One toggle button
 * per slot of the sheet, laid out like the paper; the slots before the chosen one are shown
 * as used, so the operator can match the grid against the half-used sheet in hand. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-slot-picker.h"

struct _SerahSlotPicker
{
  GtkWidget  parent_instance;

  guint      columns;
  guint      rows;
  guint      position;      /* 1-based */
  GPtrArray *buttons;       /* GtkToggleButton, position - 1 */
  gboolean   syncing;       /* set while the buttons are updated from position */
};

G_DEFINE_FINAL_TYPE (SerahSlotPicker, serah_slot_picker, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_POSITION, PROP_SLOTS, N_PROPS };
static GParamSpec *properties[N_PROPS];

GtkWidget *
serah_slot_picker_new (void)
{
  return g_object_new (SERAH_TYPE_SLOT_PICKER, NULL);
}

static void
sync_buttons (SerahSlotPicker *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      guint slot = i + 1;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), slot == self->position);
      if (slot < self->position)
        gtk_widget_add_css_class (button, "slot-used");
      else
        gtk_widget_remove_css_class (button, "slot-used");
    }
  self->syncing = FALSE;
}

guint
serah_slot_picker_get_position (SerahSlotPicker *self)
{
  g_return_val_if_fail (SERAH_IS_SLOT_PICKER (self), 1);
  return self->position;
}

void
serah_slot_picker_set_position (SerahSlotPicker *self, guint position)
{
  g_return_if_fail (SERAH_IS_SLOT_PICKER (self));

  position = CLAMP (position, 1, MAX (1, self->buttons->len));
  if (self->position == position)
    {
      /* A click on the active button un-toggles it; put it back. */
      sync_buttons (self);
      return;
    }
  self->position = position;
  sync_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
on_slot_toggled (GtkToggleButton *button, SerahSlotPicker *self)
{
  if (self->syncing)
    return;
  serah_slot_picker_set_position (self,
                                  GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot")));
}

void
serah_slot_picker_set_layout (SerahSlotPicker *self, guint columns, guint rows)
{
  GtkLayoutManager *layout;
  GtkWidget *first = NULL;

  g_return_if_fail (SERAH_IS_SLOT_PICKER (self));

  columns = MAX (columns, 1);
  rows = MAX (rows, 1);
  if (self->columns == columns && self->rows == rows)
    return;

  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);

  self->columns = columns;
  self->rows = rows;
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        guint slot = r * columns + c + 1;
        g_autofree char *label = g_strdup_printf ("%u", slot);
        g_autofree char *tooltip = g_strdup_printf (_("Start at slot %u"), slot);
        GtkWidget *button = gtk_toggle_button_new_with_label (label);
        GtkLayoutChild *child;

        gtk_widget_set_tooltip_text (button, tooltip);
        gtk_widget_add_css_class (button, "slot");
        if (first == NULL)
          first = button;
        else
          gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
        g_object_set_data (G_OBJECT (button), "slot", GUINT_TO_POINTER (slot));
        g_signal_connect (button, "toggled", G_CALLBACK (on_slot_toggled), self);
        gtk_widget_set_parent (button, GTK_WIDGET (self));
        child = gtk_layout_manager_get_layout_child (layout, button);
        gtk_grid_layout_child_set_row (GTK_GRID_LAYOUT_CHILD (child), (int) r);
        gtk_grid_layout_child_set_column (GTK_GRID_LAYOUT_CHILD (child), (int) c);
        g_ptr_array_add (self->buttons, button);
      }

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->buttons->len > 1);
  self->position = 0;
  serah_slot_picker_set_position (self, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOTS]);
}

static void
serah_slot_picker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahSlotPicker *self = SERAH_SLOT_PICKER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_SLOTS:
      g_value_set_uint (value, self->buttons->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_slot_picker_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  SerahSlotPicker *self = SERAH_SLOT_PICKER (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      serah_slot_picker_set_position (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_slot_picker_dispose (GObject *object)
{
  SerahSlotPicker *self = SERAH_SLOT_PICKER (object);

  if (self->buttons != NULL)
    {
      for (guint i = 0; i < self->buttons->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
      g_clear_pointer (&self->buttons, g_ptr_array_unref);
    }
  G_OBJECT_CLASS (serah_slot_picker_parent_class)->dispose (object);
}

static void
serah_slot_picker_class_init (SerahSlotPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_slot_picker_dispose;
  object_class->get_property = serah_slot_picker_get_property;
  object_class->set_property = serah_slot_picker_set_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLOTS] =
    g_param_spec_uint ("slots", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "slotpicker");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
serah_slot_picker_init (SerahSlotPicker *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_grid_layout_set_row_spacing (layout, 4);
  gtk_grid_layout_set_column_spacing (layout, 4);
  gtk_grid_layout_set_row_homogeneous (layout, TRUE);
  gtk_grid_layout_set_column_homogeneous (layout, TRUE);
  self->buttons = g_ptr_array_new ();
  self->position = 1;
  serah_slot_picker_set_layout (self, 2, 5);
}
