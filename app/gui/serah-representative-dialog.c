/* serah-representative-dialog.c: name, relationship and ID number of the person who collects
 * a card for the participant. The relationship is stored as a fixed Indonesian word (the
 * berita acara is in Indonesian whatever the UI language); the dropdown shows it translated.
 * Emits "confirmed" when the operator accepts valid details, then closes. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-representative-dialog.h"
#include "serah-ceremony-items.h"

static const struct {
  const char *stored;
  const char *label;
} relations[] = {
  /* No default: a wrong relationship in the record is worse than one more key press. */
  { NULL, N_("Choose…") },
  { "suami", N_("Husband") },
  { "istri", N_("Wife") },
  { "anak", N_("Child") },
  { "orang tua", N_("Parent") },
  { "saudara", N_("Sibling") },
  { "lainnya", N_("Other") },
};
#define RELATION_OTHER (G_N_ELEMENTS (relations) - 1)

struct _SerahRepresentativeDialog
{
  AdwWindow      parent_instance;

  char          *name;
  char          *relation;
  char          *id_number;

  AdwEntryRow   *name_row;
  AdwComboRow   *relation_row;
  GtkStringList *relation_labels;
  AdwEntryRow   *other_row;
  AdwEntryRow   *id_row;
  GtkButton     *save_button;
};

G_DEFINE_FINAL_TYPE (SerahRepresentativeDialog, serah_representative_dialog, ADW_TYPE_WINDOW)

enum { CONFIRMED, N_SIGNALS };
static guint signals[N_SIGNALS];

SerahRepresentativeDialog *
serah_representative_dialog_new (GtkWindow *parent)
{
  return g_object_new (SERAH_TYPE_REPRESENTATIVE_DIALOG, "transient-for", parent, NULL);
}

const char *
serah_representative_dialog_get_name (SerahRepresentativeDialog *self)
{
  g_return_val_if_fail (SERAH_IS_REPRESENTATIVE_DIALOG (self), NULL);
  return self->name;
}

const char *
serah_representative_dialog_get_relation (SerahRepresentativeDialog *self)
{
  g_return_val_if_fail (SERAH_IS_REPRESENTATIVE_DIALOG (self), NULL);
  return self->relation;
}

const char *
serah_representative_dialog_get_id_number (SerahRepresentativeDialog *self)
{
  g_return_val_if_fail (SERAH_IS_REPRESENTATIVE_DIALOG (self), NULL);
  return self->id_number;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
mark_missing (AdwEntryRow *row, gboolean missing)
{
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SerahRepresentativeDialog *self = SERAH_REPRESENTATIVE_DIALOG (widget);
  guint which = adw_combo_row_get_selected (self->relation_row);
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *other = row_text (self->other_row);

  /* A card scanned while this form is open types its code (and Enter) into a field. */
  if (serah_text_looks_like_code (name) ||
      serah_text_looks_like_code (gtk_editable_get_text (GTK_EDITABLE (self->id_row))))
    {
      AdwEntryRow *row = serah_text_looks_like_code (name) ? self->name_row : self->id_row;
      mark_missing (row, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }
  mark_missing (self->name_row, *name == '\0');
  if (which == 0 || which == GTK_INVALID_LIST_POSITION)
    gtk_widget_add_css_class (GTK_WIDGET (self->relation_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->relation_row), "error");
  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  if (which == 0 || which == GTK_INVALID_LIST_POSITION)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->relation_row));
      return;
    }
  g_free (self->name);
  self->name = g_steal_pointer (&name);
  g_free (self->relation);
  /* "lainnya: paman" keeps the category countable and the words readable. */
  if (which == RELATION_OTHER && *other != '\0')
    self->relation = g_strdup_printf ("%s: %s", relations[which].stored, other);
  else
    self->relation = g_strdup (relations[MIN (which, RELATION_OTHER)].stored);
  g_free (self->id_number);
  self->id_number = row_text (self->id_row);

  g_signal_emit (self, signals[CONFIRMED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
relation_changed (SerahRepresentativeDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->other_row),
                          adw_combo_row_get_selected (self->relation_row) == RELATION_OTHER);
}

static void
serah_representative_dialog_finalize (GObject *object)
{
  SerahRepresentativeDialog *self = SERAH_REPRESENTATIVE_DIALOG (object);

  g_free (self->name);
  g_free (self->relation);
  g_free (self->id_number);
  G_OBJECT_CLASS (serah_representative_dialog_parent_class)->finalize (object);
}

static void
serah_representative_dialog_class_init (SerahRepresentativeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = serah_representative_dialog_finalize;

  signals[CONFIRMED] = g_signal_new ("confirmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-representative-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, relation_row);
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, relation_labels);
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, other_row);
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, id_row);
  gtk_widget_class_bind_template_child (widget_class, SerahRepresentativeDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, relation_changed);

  gtk_widget_class_install_action (widget_class, "representative.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_representative_dialog_init (SerahRepresentativeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    gtk_string_list_append (self->relation_labels, _(relations[i].label));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
