/* serah-operators-dialog.h: Petugas, managing the operators of a database (add, disable or
 * enable, set a new PIN), each change confirmed with an administrator's PIN and audited by
 * the core. */
#pragma once

#include <adwaita.h>
#include <serah/store/serah-store.h>

G_BEGIN_DECLS

#define SERAH_TYPE_OPERATORS_DIALOG (serah_operators_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahOperatorsDialog, serah_operators_dialog, SERAH, OPERATORS_DIALOG,
                      AdwWindow)

/* acting_name: the administrator expected to confirm (the signed-in operator, or the
 * computer account's name); with name_fixed the name cannot be changed in the dialog,
 * otherwise another administrator may type theirs. */
SerahOperatorsDialog *serah_operators_dialog_new (GtkWindow  *parent,
                                                  SerahStore *store,
                                                  const char *acting_name,
                                                  gboolean    name_fixed);

G_END_DECLS
