/* serah-a11y.c: accessible names that GTK 4.8 gets wrong, put right for every window.
 *
 * GTK 4.8 names a button or check button whose label has a mnemonic twice: its "label"
 * accessible property holds the label text as written, underscore included, its
 * "labelled-by" relation points at the label widget inside, and the AT-SPI name joins both.
 * Orca read "_Acara Baru… Acara Baru…" (issue 12). Later GTK versions use labelled-by
 * alone; this does the same here: the property is reset wherever the widget's label has a
 * mnemonic (then the relation, with the underscore already stripped, names it), and again
 * whenever the label changes. Buttons named on purpose through
 * <accessibility> have no label, so they are left alone.
 *
 * Every toplevel is put right when it is mapped (gtk_window_get_toplevels: dialogs too, which
 * are not all added to the application); rows built while a window is shown are put right by
 * whoever builds them calling serah_a11y_fix_labels().
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include "serah-a11y.h"

static void
reset_label (GtkWidget *widget)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The relation exists only for a mnemonic: the label inside then names its mnemonic widget
 * (gtk_label_set_mnemonic_widget sets labelled-by). A label without one leaves the property
 * as the only name, which must stay. */
static gboolean
has_own_label (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    return gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL &&
           gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
           gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
           GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));
  return FALSE;
}

static void
on_label_changed (GtkWidget *widget)
{
  if (has_own_label (widget))
    reset_label (widget);
}

void
serah_a11y_fix_labels (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if ((GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root)) &&
      g_object_get_data (G_OBJECT (root), "serah-a11y") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "serah-a11y", GINT_TO_POINTER (1));
      g_signal_connect (root, "notify::label", G_CALLBACK (on_label_changed), NULL);
      on_label_changed (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    serah_a11y_fix_labels (child);
}

void
serah_a11y_name_drop_down (GtkDropDown *drop_down, const char *name)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

static void
on_toplevels_changed (GListModel *toplevels, guint position, guint removed, guint added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "serah-a11y-watched") != NULL)
        continue;
      g_object_set_data (G_OBJECT (window), "serah-a11y-watched", GINT_TO_POINTER (1));
      g_signal_connect (window, "map", G_CALLBACK (serah_a11y_fix_labels), NULL);
    }
}

void
serah_a11y_watch_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_signal_connect (toplevels, "items-changed", G_CALLBACK (on_toplevels_changed), NULL);
  on_toplevels_changed (toplevels, 0, 0, g_list_model_get_n_items (toplevels));
}
