/* serah-operators-dialog-private.h: the dialog's insides, for serah-operators-dialog.c and
 * its test (tests/test-gui-admin.c). */
#pragma once

#include "serah-operators-dialog.h"

G_BEGIN_DECLS

/* PIN hashing takes most of a second on purpose; work that hashes runs from a short
 * timeout so the spinner shows first. */
typedef enum {
  SERAH_OPERATORS_WORK_NONE,
  SERAH_OPERATORS_WORK_AUTHORIZE,
  SERAH_OPERATORS_WORK_ADD,
  SERAH_OPERATORS_WORK_SET_PIN,
} SerahOperatorsWork;

struct _SerahOperatorsDialog
{
  AdwWindow             parent_instance;

  SerahStore           *store;
  char                 *acting_name;
  char                 *actor;         /* the administrator confirmed; NULL until then */
  gboolean              bootstrap;     /* no operator yet: the first is added without a PIN */
  gboolean              name_fixed;    /* the administrator is the one signed in */
  SerahOperatorsWork    work;
  guint                 work_source;
  char                 *pin_target;    /* SET_PIN: whose PIN */
  char                 *pin_value;     /* SET_PIN: the new PIN, wiped after use */
  GPtrArray            *rows;          /* the operator rows in operators_group */

  AdwToastOverlay      *toast_overlay;
  GtkSpinner           *spinner;
  AdwPreferencesGroup  *auth_group;
  AdwEntryRow          *admin_name_row;
  AdwPasswordEntryRow  *admin_pin_row;
  AdwActionRow         *actor_row;
  GtkLabel             *auth_message;
  AdwPreferencesGroup  *operators_group;
  AdwPreferencesGroup  *add_group;
  AdwEntryRow          *new_name_row;
  AdwEntryRow          *new_full_name_row;
  AdwComboRow          *new_role_row;
  AdwPasswordEntryRow  *new_pin_row;
  AdwPasswordEntryRow  *new_pin_again_row;
  GtkLabel             *add_message;
};

/* Reads the operators again. */
void serah_operators_dialog_reload  (SerahOperatorsDialog *self);
/* Sets name's PIN as the confirmed administrator (what the Set PIN dialog's button does). */
void serah_operators_dialog_set_pin (SerahOperatorsDialog *self,
                                     const char           *name,
                                     const char           *pin);

G_END_DECLS
