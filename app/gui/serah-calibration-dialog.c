/* serah-calibration-dialog.c: printer profiles. Every printer feeds paper a little off and
 * scales a little; a profile (offsets in mm, scales) undoes that when printing. The dialog
 * edits one profile and prints the core's alignment test page with the values shown, so the
 * correction can be checked before it is saved. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-calibration-dialog.h"
#include "serah-print-sender.h"

struct _SerahCalibrationDialog
{
  AdwWindow      parent_instance;

  SerahStore    *store;
  SerahSheet    *sheet;

  AdwEntryRow   *name_row;
  GtkSpinButton *offset_x_spin;
  GtkSpinButton *offset_y_spin;
  GtkSpinButton *scale_x_spin;
  GtkSpinButton *scale_y_spin;
};

G_DEFINE_FINAL_TYPE (SerahCalibrationDialog, serah_calibration_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
profile_name (SerahCalibrationDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

/* The values as shown; name is borrowed from the caller. */
static SerahPrinterProfile
shown_profile (SerahCalibrationDialog *self, char *name)
{
  return (SerahPrinterProfile) {
    .name = name,
    .offset_x_mm = gtk_spin_button_get_value (self->offset_x_spin),
    .offset_y_mm = gtk_spin_button_get_value (self->offset_y_spin),
    .scale_x = gtk_spin_button_get_value (self->scale_x_spin) / 100.0,
    .scale_y = gtk_spin_button_get_value (self->scale_y_spin) / 100.0,
  };
}

gboolean
serah_calibration_dialog_save (SerahCalibrationDialog *self, GError **error)
{
  g_autofree char *name = profile_name (self);
  SerahPrinterProfile profile;

  g_return_val_if_fail (SERAH_IS_CALIBRATION_DIALOG (self), FALSE);

  if (*name == '\0')
    {
      g_set_error_literal (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                           _("Give the profile a name, for example the printer's."));
      return FALSE;
    }
  profile = shown_profile (self, name);
  if (!serah_printer_profiles_save (self->store, &profile, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0, name);
  return TRUE;
}

static gboolean
write_test_page (const char *path, gpointer user_data, GError **error)
{
  SerahCalibrationDialog *self = user_data;
  g_autofree char *name = profile_name (self);
  SerahPrinterProfile profile = shown_profile (self, name);

  return serah_print_calibration_page (self->sheet, &profile, path, error);
}

static void
on_name_changed (SerahCalibrationDialog *self)
{
  g_autofree char *name = profile_name (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calibration.save", *name != '\0');
}

static void
calibration_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahCalibrationDialog *self = SERAH_CALIBRATION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;

  if (g_str_equal (action, "calibration.save"))
    {
      if (serah_calibration_dialog_save (self, &error))
        gtk_window_close (GTK_WINDOW (self));
      else
        serah_print_sender_show_error (GTK_WINDOW (self), _("Cannot save the profile"), error);
    }
  else if (g_str_equal (action, "calibration.test-print"))
    serah_print_sender_print_pdf (GTK_WINDOW (self), _("Printer test page"), self->sheet,
                                  write_test_page, g_object_ref (self), g_object_unref);
  else
    {
      /* TRANSLATORS: file name of the calibration test page; the sheet's name */
      file_name = g_strdup_printf (_("test-page-%s.pdf"), serah_sheet_get_name (self->sheet));
      serah_print_sender_save_pdf (GTK_WINDOW (self), _("Printer test page"), file_name,
                                   write_test_page, g_object_ref (self), g_object_unref);
    }
}

SerahCalibrationDialog *
serah_calibration_dialog_new (GtkWindow *parent, SerahStore *store, SerahSheet *sheet,
                              const SerahPrinterProfile *profile)
{
  SerahCalibrationDialog *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  self = g_object_new (SERAH_TYPE_CALIBRATION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->sheet = serah_sheet_ref (sheet);
  if (profile != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), profile->name);
      gtk_spin_button_set_value (self->offset_x_spin, profile->offset_x_mm);
      gtk_spin_button_set_value (self->offset_y_spin, profile->offset_y_mm);
      gtk_spin_button_set_value (self->scale_x_spin, profile->scale_x * 100.0);
      gtk_spin_button_set_value (self->scale_y_spin, profile->scale_y * 100.0);
    }
  return self;
}

static void
serah_calibration_dialog_dispose (GObject *object)
{
  SerahCalibrationDialog *self = SERAH_CALIBRATION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_CALIBRATION_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  G_OBJECT_CLASS (serah_calibration_dialog_parent_class)->dispose (object);
}

static void
serah_calibration_dialog_class_init (SerahCalibrationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_calibration_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-calibration-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahCalibrationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahCalibrationDialog, offset_x_spin);
  gtk_widget_class_bind_template_child (widget_class, SerahCalibrationDialog, offset_y_spin);
  gtk_widget_class_bind_template_child (widget_class, SerahCalibrationDialog, scale_x_spin);
  gtk_widget_class_bind_template_child (widget_class, SerahCalibrationDialog, scale_y_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_install_action (widget_class, "calibration.save", NULL, calibration_action);
  gtk_widget_class_install_action (widget_class, "calibration.test-print", NULL, calibration_action);
  gtk_widget_class_install_action (widget_class, "calibration.test-pdf", NULL, calibration_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_calibration_dialog_init (SerahCalibrationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_name_changed (self);
}
