/* serah-checkoff-progress.c: the side panel of the check-off page. It is refreshed after
 * every handover and undo, so it updates the per-desa items in place (no list rebuild, no
 * scroll jump) and only splices the model when the set of desas changed. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/output/serah-format.h>

#include "serah-list-focus.h"
#include "serah-checkoff-progress.h"
#include "serah-ceremony-items.h"

struct _SerahCheckoffProgress
{
  GtkWidget    parent_instance;

  GListStore  *areas;

  GtkLabel    *handed_over_label;
  GtkLabel    *invited_label;
  GtkProgressBar *overall_bar;
  GtkLabel    *breakdown_label;
  GtkLabel    *conflicts_label;
  GtkListView *area_view;
};

G_DEFINE_FINAL_TYPE (SerahCheckoffProgress, serah_checkoff_progress, GTK_TYPE_WIDGET)

static gboolean
areas_match (GListModel *model, const GPtrArray *rows)
{
  guint n = g_list_model_get_n_items (model);

  if (rows == NULL || n != rows->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SerahProgressItem) item = g_list_model_get_item (model, i);
      if (!serah_progress_item_is_for (item, g_ptr_array_index (rows, i)))
        return FALSE;
    }
  return TRUE;
}

static void
set_areas (SerahCheckoffProgress *self, const GPtrArray *rows)
{
  GListModel *model = G_LIST_MODEL (self->areas);

  if (areas_match (model, rows))
    {
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(SerahProgressItem) item = g_list_model_get_item (model, i);
          serah_progress_item_update (item, g_ptr_array_index (rows, i));
        }
      return;
    }

  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    for (guint i = 0; rows != NULL && i < rows->len; i++)
      g_ptr_array_add (items, serah_progress_item_new (g_ptr_array_index (rows, i)));
    g_list_store_splice (self->areas, 0, g_list_model_get_n_items (model), items->pdata,
                         items->len);
  }
}

void
serah_checkoff_progress_set_progress (SerahCheckoffProgress       *self,
                                      const SerahCeremonyProgress *progress)
{
  const SerahProgressRow *t;
  g_autofree char *number = NULL;
  g_autofree char *invited = NULL;
  g_autofree char *breakdown = NULL;

  g_return_if_fail (SERAH_IS_CHECKOFF_PROGRESS (self));

  if (progress == NULL)
    {
      gtk_label_set_label (self->handed_over_label, "0");
      gtk_label_set_label (self->invited_label, "");
      gtk_label_set_label (self->breakdown_label, "");
      gtk_progress_bar_set_fraction (self->overall_bar, 0.0);
      gtk_widget_set_visible (GTK_WIDGET (self->conflicts_label), FALSE);
      set_areas (self, NULL);
      return;
    }

  t = &progress->total;
  number = serah_format_count (t->handed_over);
  {
    g_autofree char *count = serah_format_count (t->invited);
    g_autofree char *share = serah_format_share (t->handed_over, t->invited);
    /* TRANSLATORS: under the big number of cards handed over: "of 1.456 invited (27,3 %)";
     * the number and the percentage come formatted */
    invited = g_strdup_printf (_("of %s invited (%s)"), count, share);
  }
  breakdown = g_strdup_printf (_("in person %d · representative %d · not invited %d"),
                               (int) t->to_self, (int) t->to_representative, (int) t->uninvited);
  gtk_label_set_label (self->handed_over_label, number);
  gtk_label_set_label (self->invited_label, invited);
  gtk_label_set_label (self->breakdown_label, breakdown);
  gtk_progress_bar_set_fraction (self->overall_bar,
                                 t->invited > 0 ? MIN (1.0, (double) t->handed_over / t->invited)
                                                : 0.0);
  if (progress->conflicts > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%d conflict between stations to review",
                                   "%d conflicts between stations to review",
                                   (unsigned long) progress->conflicts),
                         (int) progress->conflicts);
      gtk_label_set_label (self->conflicts_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_label), progress->conflicts > 0);
  set_areas (self, progress->areas);
}

static void
serah_checkoff_progress_dispose (GObject *object)
{
  SerahCheckoffProgress *self = SERAH_CHECKOFF_PROGRESS (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_CHECKOFF_PROGRESS);
  /* The template's top box has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->areas);
  G_OBJECT_CLASS (serah_checkoff_progress_parent_class)->dispose (object);
}

static void
serah_checkoff_progress_class_init (SerahCheckoffProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_checkoff_progress_dispose;

  g_type_ensure (SERAH_TYPE_PROGRESS_ITEM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-checkoff-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, handed_over_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, invited_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, overall_bar);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, breakdown_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffProgress, area_view);
}

static void
serah_checkoff_progress_init (SerahCheckoffProgress *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->area_view));
  self->areas = g_list_store_new (SERAH_TYPE_PROGRESS_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->areas)));
  gtk_list_view_set_model (self->area_view, GTK_SELECTION_MODEL (selection));
}
