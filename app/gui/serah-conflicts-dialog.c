/* serah-conflicts-dialog.c: after merging station bundles, a participant may have two live
 * handovers. The core never picks a winner; this dialog lists each such person with their
 * handovers (when, operator, station, to whom) and lets the operator undo the wrong ones.
 * The rows depend on the data, so they are built here from plain Adwaita rows. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-conflicts-dialog.h"
#include "serah-ceremony-items.h"

struct _SerahConflictsDialog
{
  AdwWindow           parent_instance;

  SerahStore         *store;
  gint64              ceremony_id;
  GPtrArray          *groups;

  GtkStack           *content_stack;
  AdwPreferencesPage *page;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (SerahConflictsDialog, serah_conflicts_dialog, ADW_TYPE_WINDOW)

enum { UNDO_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A short-lived modal review: the store and ceremony are fixed for its life, so they are
 * arguments rather than properties. */
SerahConflictsDialog *
serah_conflicts_dialog_new (GtkWindow *parent, SerahStore *store, gint64 ceremony_id)
{
  SerahConflictsDialog *self = g_object_new (SERAH_TYPE_CONFLICTS_DIALOG, "transient-for",
                                             parent, NULL);

  g_return_val_if_fail (SERAH_IS_STORE (store), self);
  self->store = g_object_ref (store);
  self->ceremony_id = ceremony_id;
  serah_conflicts_dialog_reload (self);
  return self;
}

static void
undo_clicked (GtkButton *button, SerahConflictsDialog *self)
{
  g_signal_emit (self, signals[UNDO_REQUESTED], 0,
                 g_object_get_data (G_OBJECT (button), "serah-uuid"),
                 g_object_get_data (G_OBJECT (button), "serah-name"));
}

static GtkWidget *
handover_row (SerahConflictsDialog *self, const SerahHandover *h)
{
  g_autofree char *to_whom = serah_format_recipient (h);
  g_autofree char *when = serah_format_time (h->handed_at);
  g_autofree char *subtitle = g_strdup_printf (_("%s · operator %s · station %s"), when,
                                               h->operator_name ? h->operator_name : "?",
                                               h->station ? h->station : "?");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), to_whom);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data_full (G_OBJECT (button), "serah-uuid", g_strdup (h->uuid), g_free);
  g_object_set_data_full (G_OBJECT (button), "serah-name", g_strdup (h->participant_name),
                          g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (undo_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
serah_conflicts_dialog_reload (SerahConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  g_return_if_fail (SERAH_IS_CONFLICTS_DIALOG (self));

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  if (self->store == NULL)
    return;

  conflicts = serah_ceremony_list_conflicts (self->store, self->ceremony_id, &error);
  if (conflicts == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Conflicts Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      SerahHandoverConflict *c = g_ptr_array_index (conflicts, i);
      g_autofree char *nik = serah_nik_mask (c->participant->nik);
      g_autofree char *description = g_strdup_printf ("%s, %s · %s", c->participant->desa,
                                                      c->participant->kecamatan, nik);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, c->participant->name);
      adw_preferences_group_set_description (group, description);
      for (guint j = 0; j < c->handovers->len; j++)
        adw_preferences_group_add (group, handover_row (self, g_ptr_array_index (c->handovers, j)));
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
  gtk_stack_set_visible_child_name (self->content_stack, conflicts->len > 0 ? "list" : "empty");
}

static void
serah_conflicts_dialog_dispose (GObject *object)
{
  SerahConflictsDialog *self = SERAH_CONFLICTS_DIALOG (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_conflicts_dialog_parent_class)->dispose (object);
}

static void
serah_conflicts_dialog_class_init (SerahConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_conflicts_dialog_dispose;

  signals[UNDO_REQUESTED] =
    g_signal_new ("undo-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahConflictsDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahConflictsDialog, page);
  gtk_widget_class_bind_template_child (widget_class, SerahConflictsDialog, empty_page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_conflicts_dialog_init (SerahConflictsDialog *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
