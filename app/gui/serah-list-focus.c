/* serah-list-focus.c: lists that are one Tab stop, with the arrow keys inside.
 *
 * GTK 4.8's GtkListBox, GtkListView and GtkColumnView move the focus to the next row on Tab:
 * a list of 45 rows is 45 Tab stops before the button under it (issue 12; GTK 4.12 added
 * "tab-behavior" for this, Debian's 4.8 has not). A screen-reader or keyboard user expects a
 * list to be one stop that the arrow keys walk. So Tab and Shift+Tab inside such a list move
 * the focus past the whole list: the list is made unfocusable for the moment the window looks
 * for the next widget (GTK then skips it and everything in it, the way it skips a hidden
 * widget) and focusable again at once. The arrows, Home, End and Page keys are the list's own.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include "serah-list-focus.h"

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, gpointer user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (list);
  GtkDirectionType direction;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  /* Ctrl+Tab and Alt+Tab belong to others (GTK's own focus escape, the window manager). */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;
  if (root == NULL)
    return FALSE;
  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK)
                ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);
  /* At the end of the window's focus chain GTK wraps to the first widget, as for any Tab. */
  if (!moved)
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
  return TRUE;
}

void
serah_list_focus_one_tab_stop (GtkWidget *list)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_WIDGET (list));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, SERAH_LIST_FOCUS_CONTROLLER);
  /* Capture: before the rows, which would move to the next row on Tab. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), NULL);
  gtk_widget_add_controller (list, keys);
}
