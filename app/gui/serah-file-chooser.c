/* serah-file-chooser.c: what the audit export and the backup choosers have in common. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include "serah-file-chooser.h"

GtkFileChooserNative *
serah_file_chooser_new (GtkWindow *parent, const char *title, GtkFileChooserAction action,
                        const char *accept_label, GtkFileFilter *filter)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* GTK would start in the working folder, which a person never chose. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

char *
serah_file_chooser_take_path (GtkNativeDialog *chooser, int response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  return file != NULL ? g_file_get_path (file) : NULL;
}
