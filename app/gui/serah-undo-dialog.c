/* serah-undo-dialog.c: the reason for undoing a handover. The quick reasons are stored in
 * fixed Indonesian words, like the representative's relationship, so the audit trail reads
 * the same whatever the language of the screen; free words typed by the operator follow
 * after a colon. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-a11y.h"
#include "serah-undo-dialog.h"
#include "serah-ceremony-items.h"

static const struct {
  const char *stored;
  const char *label;
} reasons[] = {
  { "salah orang", N_("Wrong person") },
  { "salah kartu", N_("Wrong card") },
  { "tidak sengaja", N_("Pressed by mistake") },
  { "kartu dikembalikan", N_("Card given back") },
  { "konflik stasiun", N_("Conflict between stations") },
  { "lainnya", N_("Other (write below)") },
};
#define REASON_OTHER (G_N_ELEMENTS (reasons) - 1)

struct _SerahUndoDialog
{
  AdwMessageDialog parent_instance;

  GtkDropDown   *reason_dropdown;
  GtkStringList *reason_labels;
  GtkEntry      *detail_entry;
};

G_DEFINE_FINAL_TYPE (SerahUndoDialog, serah_undo_dialog, ADW_TYPE_MESSAGE_DIALOG)

SerahUndoDialog *
serah_undo_dialog_new (GtkWindow *parent, const char *body)
{
  return g_object_new (SERAH_TYPE_UNDO_DIALOG, "transient-for", parent, "body", body, NULL);
}

char *
serah_undo_dialog_get_reason (SerahUndoDialog *self)
{
  guint which;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (SERAH_IS_UNDO_DIALOG (self), NULL);

  which = MIN (gtk_drop_down_get_selected (self->reason_dropdown), REASON_OTHER);
  detail = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail_entry))));
  if (*detail == '\0')
    return g_strdup (reasons[which].stored);
  if (which == REASON_OTHER)
    return g_steal_pointer (&detail);
  return g_strdup_printf ("%s: %s", reasons[which].stored, detail);
}

void
serah_undo_dialog_set_reason (SerahUndoDialog *self, const char *stored)
{
  g_return_if_fail (SERAH_IS_UNDO_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].stored, stored) == 0)
      gtk_drop_down_set_selected (self->reason_dropdown, i);
}

/* The next person's card scanned while this dialog is open lands here, Enter included: it
 * must not confirm the undo. The code disables "undo" until the field is cleared. */
static void
detail_changed (SerahUndoDialog *self)
{
  gboolean scanned =
    serah_text_looks_like_code (gtk_editable_get_text (GTK_EDITABLE (self->detail_entry)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "undo", !scanned);
  if (scanned)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->detail_entry), "error");
}

static void
serah_undo_dialog_class_init (SerahUndoDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-undo-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahUndoDialog, reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahUndoDialog, reason_labels);
  gtk_widget_class_bind_template_child (widget_class, SerahUndoDialog, detail_entry);
  gtk_widget_class_bind_template_callback (widget_class, detail_changed);
}

static void
serah_undo_dialog_init (SerahUndoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    gtk_string_list_append (self->reason_labels, _(reasons[i].label));
  /* The drop down's own button would be announced as "GtkToggleButton". */
  serah_a11y_name_drop_down (self->reason_dropdown, _("Reason"));
  gtk_widget_grab_focus (GTK_WIDGET (self->detail_entry));
}
