/* serah-pending-dialog.c: who is still waiting for a card. The list is a SerahPendingList, a
 * paged model that counts from the handover tallies and reads only the rows on screen (issue
 * #10: a ceremony of a million invited took 34 s to open when every entry was loaded); the
 * desa dropdown asks the model for that desa's range of the invitations' desa index. Rows come
 * by desa, then in the register's order. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/output/serah-format.h>

#include "serah-a11y.h"
#include "serah-list-focus.h"
#include "serah-pending-dialog.h"
#include "serah-pending-list.h"
#include "serah-ceremony-items.h"

struct _SerahPendingDialog
{
  AdwWindow         parent_instance;

  SerahStore       *store;
  gint64            ceremony_id;
  SerahPendingList *entries;
  GPtrArray        *areas;      /* SerahProgressRow of the dropdown, index + 1 = position */

  AdwWindowTitle   *window_title;
  GtkDropDown      *desa_dropdown;
  GtkStringList    *desa_labels;
  GtkStack         *content_stack;
  GtkListView      *list_view;
  AdwStatusPage    *empty_page;
};

G_DEFINE_FINAL_TYPE (SerahPendingDialog, serah_pending_dialog, ADW_TYPE_WINDOW)

enum { PARTICIPANT_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void load (SerahPendingDialog *self);

/* A short-lived modal list: the store and ceremony are fixed for its life, so they are
 * arguments rather than properties. */
SerahPendingDialog *
serah_pending_dialog_new (GtkWindow *parent, SerahStore *store, gint64 ceremony_id)
{
  SerahPendingDialog *self = g_object_new (SERAH_TYPE_PENDING_DIALOG, "transient-for", parent,
                                           NULL);

  g_return_val_if_fail (SERAH_IS_STORE (store), self);
  self->store = g_object_ref (store);
  self->ceremony_id = ceremony_id;
  load (self);
  return self;
}

static const SerahProgressRow *
chosen_area (SerahPendingDialog *self)
{
  guint pos = gtk_drop_down_get_selected (self->desa_dropdown);

  if (self->areas == NULL || pos == 0 || pos == GTK_INVALID_LIST_POSITION || pos > self->areas->len)
    return NULL;
  return g_ptr_array_index (self->areas, pos - 1);
}

static void
update_count (SerahPendingDialog *self)
{
  GtkSelectionModel *model = gtk_list_view_get_model (self->list_view);
  guint n = model ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  g_autofree char *number = serah_format_count (n);
  /* TRANSLATORS: the number is already formatted for people (998.000) */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%s person waiting", "%s people waiting",
                                                         n), number);

  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "list" : "empty");
}

static void
show_error (SerahPendingDialog *self, const GError *error)
{
  adw_status_page_set_title (self->empty_page, _("The List Cannot Be Read"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
desa_changed (SerahPendingDialog *self)
{
  const SerahProgressRow *area = chosen_area (self);
  g_autoptr(GError) error = NULL;

  if (self->entries == NULL)
    return;
  if (!serah_pending_list_set_desa (self->entries, area ? area->kecamatan : NULL,
                                    area ? area->desa : NULL, &error))
    {
      show_error (self, error);
      return;
    }
  update_count (self);
}

static void
row_activated (SerahPendingDialog *self, guint position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(SerahCheckoffItem) item = g_list_model_get_item (model, position);

  if (item == NULL)
    return;
  g_signal_emit (self, signals[PARTICIPANT_CHOSEN], 0,
                 serah_checkoff_item_get_entry (item)->participant->id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
load (SerahPendingDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) progress = NULL;

  if (self->store == NULL || self->ceremony_id <= 0)
    return;

  if (self->entries == NULL)
    {
      GtkSingleSelection *selection;

      self->entries = serah_pending_list_new (self->store, self->ceremony_id);
      selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);
    }

  /* The dropdown offers the desas that still have someone waiting. */
  progress = serah_ceremony_get_progress (self->store, self->ceremony_id, &error);
  if (progress == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  self->areas = g_ptr_array_new ();
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    g_ptr_array_add (labels, g_strdup (_("All desas")));
    for (guint i = 0; progress != NULL && i < progress->areas->len; i++)
      {
        SerahProgressRow *row = g_ptr_array_index (progress->areas, i);
        /* As serah_ceremony_count_pending: uninvited handovers were never waiting. */
        gint64 waiting = row->invited - (row->handed_over - row->uninvited);
        if (waiting <= 0)
          continue;
        g_ptr_array_add (self->areas, row);
        /* TRANSLATORS: desa, kecamatan, people waiting */
        g_ptr_array_add (labels, g_strdup_printf (_("%s, %s (%d)"), row->desa, row->kecamatan,
                                                  (int) waiting));
      }
    g_ptr_array_add (labels, NULL);
    gtk_string_list_splice (self->desa_labels, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->desa_labels)),
                            (const char *const *) labels->pdata);
  }
  /* The rows point into progress; keep it as long as the areas. */
  if (progress != NULL)
    {
      g_object_set_data_full (G_OBJECT (self), "serah-progress", g_steal_pointer (&progress),
                              (GDestroyNotify) serah_ceremony_progress_free);
    }
  gtk_drop_down_set_selected (self->desa_dropdown, 0);
  desa_changed (self);
}

static void
serah_pending_dialog_dispose (GObject *object)
{
  SerahPendingDialog *self = SERAH_PENDING_DIALOG (object);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_object (&self->entries);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_pending_dialog_parent_class)->dispose (object);
}

static void
serah_pending_dialog_class_init (SerahPendingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_pending_dialog_dispose;

  signals[PARTICIPANT_CHOSEN] =
    g_signal_new ("participant-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SERAH_TYPE_CHECKOFF_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-pending-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, desa_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, desa_labels);
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, SerahPendingDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, desa_changed);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_pending_dialog_init (SerahPendingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->list_view));
  serah_a11y_name_drop_down (self->desa_dropdown, _("Desa"));
}
