/* serah-ceremony-create-dialog.h: creates a ceremony and invites by kecamatan/desa. */
#pragma once

#include <adwaita.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CEREMONY_CREATE_DIALOG (serah_ceremony_create_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahCeremonyCreateDialog, serah_ceremony_create_dialog, SERAH,
                      CEREMONY_CREATE_DIALOG, AdwWindow)

/* Emits "created" (gint64 ceremony id) once the ceremony and its invitations are stored. */
SerahCeremonyCreateDialog *serah_ceremony_create_dialog_new (GtkWindow  *parent,
                                                             SerahStore *store);

G_END_DECLS
