/* serah-server-dialog.h: "Server kantor…" in the main menu: link this desk to the office
 * server (address, login, password, secure connection, office certificate), see its state,
 * unlink. */
#pragma once

#include <adwaita.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_TYPE_SERVER_DIALOG (serah_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahServerDialog, serah_server_dialog, SERAH, SERVER_DIALOG, AdwWindow)

/* operator_name: the administrator acting, for the audit log. */
SerahServerDialog *serah_server_dialog_new        (GtkWindow         *parent,
                                                   SerahStore        *store,
                                                   const char        *operator_name);
/* Fills the form as the operator would (tests; a prefilled address). sslmode is one of
 * libpq's words ("prefer", "require", "verify-full"…); NULL leaves a field as it is. */
void               serah_server_dialog_set_fields (SerahServerDialog *self,
                                                   const char        *url,
                                                   const char        *user,
                                                   const char        *password,
                                                   const char        *sslmode,
                                                   const char        *ca_file);
/* The connection string the form makes (without the password). New string. */
char              *serah_server_dialog_dup_url    (SerahServerDialog *self);
/* TRUE while a link, unlink or status query runs ("busy" property). */
gboolean           serah_server_dialog_get_busy   (SerahServerDialog *self);
/* The last refusal shown (translated), or NULL. */
const char        *serah_server_dialog_get_error  (SerahServerDialog *self);

G_END_DECLS
