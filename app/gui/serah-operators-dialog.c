/* serah-operators-dialog.c: Petugas. Every rule (names, PIN strength, the first operator
 * being an administrator, never disabling the last one, lockouts) is the core's: this
 * dialog collects what a person types, asks serah_operators_* and shows the answer. The
 * administrator confirms once per opening of the dialog (serah_operators_authorize, which
 * counts a wrong PIN); the changes that follow are recorded under that name. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/output/serah-format.h>
#include <string.h>

#include <glib/gi18n.h>
#include <serah/admin/serah-audit-review.h>
#include <serah/admin/serah-operators.h>

#include "serah-operators-dialog-private.h"

G_DEFINE_FINAL_TYPE (SerahOperatorsDialog, serah_operators_dialog, ADW_TYPE_WINDOW)

/* Rows of the role combo, in this order. */
static const SerahRole roles[] = { SERAH_ROLE_ADMIN, SERAH_ROLE_OFFICER };

static void update_state (SerahOperatorsDialog *self);

SerahOperatorsDialog *
serah_operators_dialog_new (GtkWindow *parent, SerahStore *store, const char *acting_name,
                            gboolean name_fixed)
{
  SerahOperatorsDialog *self = g_object_new (SERAH_TYPE_OPERATORS_DIALOG,
                                             "transient-for", parent, NULL);

  g_return_val_if_fail (SERAH_IS_STORE (store), self);
  self->store = g_object_ref (store);
  self->acting_name = g_strdup (acting_name ? acting_name : g_get_user_name ());
  gtk_editable_set_text (GTK_EDITABLE (self->admin_name_row), self->acting_name);
  self->name_fixed = name_fixed;
  if (name_fixed)
    {
      /* TRANSLATORS: %s is the administrator's sign-in name */
      g_autofree char *title = g_strdup_printf (_("PIN of %s"), self->acting_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->admin_pin_row), title);
    }
  serah_operators_dialog_reload (self);
  /* Nothing can be done before the PIN: start there. */
  gtk_widget_grab_focus (self->bootstrap ? GTK_WIDGET (self->new_name_row)
                                         : GTK_WIDGET (self->admin_pin_row));
  return self;
}

/* A PIN typed into an entry leaves the entry, and the copy we made, as soon as it is used. */
static char *
take_pin (gpointer editable)
{
  char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));

  gtk_editable_set_text (GTK_EDITABLE (editable), "");
  return pin;
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
show_label (GtkLabel *label, const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
toast (SerahOperatorsDialog *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- the list ---- */

static char *
describe_operator (const SerahOperator *op, GHashTable *last_sign_ins, gint64 now)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const gint64 *last = last_sign_ins ? g_hash_table_lookup (last_sign_ins, op->name) : NULL;

  g_ptr_array_add (parts, g_strdup (serah_role_get_label (op->role)));
  if (op->disabled)
    g_ptr_array_add (parts, g_strdup (_("disabled")));
  if (op->locked_until > now)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (op->locked_until);
      g_autofree char *time = g_date_time_format (until, "%H:%M");
      /* TRANSLATORS: %s is a time of day; a new PIN lifts the lock at once */
      g_ptr_array_add (parts, g_strdup_printf (_("locked until %s"), time));
    }
  if (last != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (*last);
      g_autofree char *when = serah_format_date_time (at, FALSE);
      g_ptr_array_add (parts, g_strdup_printf (_("last sign-in %s"), when));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("never signed in")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static gboolean
on_enabled_state_set (GtkSwitch *toggle, gboolean state, SerahOperatorsDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (toggle), "operator-name");

  gtk_widget_activate_action (GTK_WIDGET (self), "operators.set-enabled", "(sb)", name, state);
  /* The list is rebuilt from the database after the change: the switch shows what is
   * stored, also when the core refused. */
  return TRUE;
}

static GtkWidget *
operator_row_new (SerahOperatorsDialog *self, const SerahOperator *op,
                  GHashTable *last_sign_ins, gint64 now, gboolean can_change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *pin_button = gtk_button_new_with_mnemonic (_("Set _PIN…"));
  g_autofree char *title = op->full_name && *op->full_name
    ? g_strdup_printf ("%s (%s)", op->full_name, op->name) : g_strdup (op->name);
  g_autofree char *subtitle = describe_operator (op, last_sign_ins, now);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (op->disabled)
    gtk_widget_add_css_class (row, "dim-label");

  gtk_switch_set_active (GTK_SWITCH (toggle), !op->disabled);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (toggle, can_change);
  gtk_widget_set_tooltip_text (toggle, _("Enabled: may sign in"));
  g_object_set_data_full (G_OBJECT (toggle), "operator-name", g_strdup (op->name), g_free);
  g_signal_connect_object (toggle, "state-set", G_CALLBACK (on_enabled_state_set), self, 0);

  gtk_widget_set_valign (pin_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (pin_button, can_change && !op->disabled);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (pin_button), "operators.set-pin");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (pin_button), "s", op->name);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pin_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  return row;
}

static gboolean
can_change (SerahOperatorsDialog *self)
{
  return self->work == SERAH_OPERATORS_WORK_NONE && (self->bootstrap || self->actor != NULL);
}

void
serah_operators_dialog_reload (SerahOperatorsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GHashTable) last_sign_ins = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (SERAH_IS_OPERATORS_DIALOG (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->operators_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  operators = serah_operators_list (self->store, &error);
  if (operators == NULL)
    {
      adw_preferences_group_set_description (self->operators_group, error->message);
      return;
    }
  self->bootstrap = operators->len == 0;
  /* A last sign-in is a convenience: the list stands without it. */
  last_sign_ins = serah_audit_last_sign_ins (self->store, NULL);
  adw_preferences_group_set_description (self->operators_group,
                                         self->bootstrap
                                         ? _("No operator yet: anyone can use Serah without "
                                             "signing in. Add the first administrator below.")
                                         : NULL);
  for (guint i = 0; i < operators->len; i++)
    {
      GtkWidget *row = operator_row_new (self, operators->pdata[i], last_sign_ins, now,
                                         can_change (self));
      adw_preferences_group_add (self->operators_group, row);
      g_ptr_array_add (self->rows, row);
    }
  update_state (self);
}

/* ---- who may change things ---- */

static void
update_state (SerahOperatorsDialog *self)
{
  gboolean busy = self->work != SERAH_OPERATORS_WORK_NONE;
  gboolean authorized = self->actor != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->auth_group), !self->bootstrap);
  adw_preferences_group_set_description (self->auth_group,
                                         authorized ? NULL
                                         : _("Changes to operators need an administrator's "
                                             "PIN. Every change is recorded in the audit log "
                                             "under that name."));
  gtk_widget_set_visible (GTK_WIDGET (self->admin_name_row), !authorized && !self->name_fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->admin_pin_row), !authorized);
  gtk_widget_set_visible (GTK_WIDGET (self->actor_row), authorized);
  if (authorized)
    {
      /* TRANSLATORS: %s is an administrator's sign-in name */
      g_autofree char *text = g_strdup_printf (_("Changes are recorded as %s"), self->actor);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->actor_row), text);
    }

  /* Insensitive only before a PIN: making a group with the focused entry insensitive for
   * the moment of work would throw the focus out of it (the actions are off meanwhile). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_group), self->bootstrap || authorized);
  /* The first operator must be an administrator (the core says so too). */
  if (self->bootstrap)
    adw_combo_row_set_selected (self->new_role_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_role_row), !self->bootstrap);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->new_role_row),
                               self->bootstrap ? _("The first operator must be an administrator.")
                                               : NULL);
  for (guint i = 0; i < self->rows->len; i++)
    gtk_widget_set_sensitive (self->rows->pdata[i], !busy);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operators.authorize",
                                 !busy && !authorized && !self->bootstrap);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operators.add", can_change (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operators.set-enabled", can_change (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "operators.set-pin", can_change (self));
}

static char *
typed_name (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_ascii_strdown (g_strstrip (text), -1);
}

static void do_authorize (SerahOperatorsDialog *self);
static void do_add (SerahOperatorsDialog *self);
static void do_set_pin (SerahOperatorsDialog *self);

static gboolean
run_work (gpointer user_data)
{
  SerahOperatorsDialog *self = user_data;
  SerahOperatorsWork work = self->work;

  self->work_source = 0;
  switch (work)
    {
    case SERAH_OPERATORS_WORK_AUTHORIZE:
      do_authorize (self);
      break;
    case SERAH_OPERATORS_WORK_ADD:
      do_add (self);
      break;
    case SERAH_OPERATORS_WORK_SET_PIN:
      do_set_pin (self);
      break;
    case SERAH_OPERATORS_WORK_NONE:
    default:
      g_assert_not_reached ();
    }
  self->work = SERAH_OPERATORS_WORK_NONE;
  serah_operators_dialog_reload (self);
  return G_SOURCE_REMOVE;
}

static void
start_work (SerahOperatorsDialog *self, SerahOperatorsWork work)
{
  g_assert (self->work == SERAH_OPERATORS_WORK_NONE);

  self->work = work;
  update_state (self);
  /* Hashing a PIN blocks for most of a second: let the spinner draw before it starts. */
  self->work_source = g_timeout_add (30, run_work, self);
}

static void
do_authorize (SerahOperatorsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;
  g_autofree char *name = typed_name (self->admin_name_row);
  g_autofree char *pin = take_pin (self->admin_pin_row);

  /* Counts a wrong PIN and locks out after too many, like the sign-in. */
  op = serah_operators_authorize (self->store, name, pin, SERAH_ROLE_ADMIN, &error);
  wipe (&pin);
  if (op == NULL)
    {
      show_label (self->auth_message, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->admin_pin_row));
      return;
    }
  show_label (self->auth_message, NULL);
  self->actor = g_strdup (op->name);
}

static void
authorize_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (widget);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->admin_pin_row)) == '\0')
    {
      show_label (self->auth_message, _("Enter the administrator's PIN."));
      gtk_widget_grab_focus (GTK_WIDGET (self->admin_pin_row));
      return;
    }
  start_work (self, SERAH_OPERATORS_WORK_AUTHORIZE);
}

static void
on_admin_pin_activated (SerahOperatorsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "operators.authorize", NULL);
}

/* ---- adding ---- */

static char *
pin_rules (void)
{
  return g_strdup_printf (_("A PIN is %d to %d digits, not all the same digit and not a "
                            "straight run such as 123456."),
                          SERAH_OPERATORS_PIN_MIN_LENGTH, SERAH_OPERATORS_PIN_MAX_LENGTH);
}

/* What is wrong with two typed PINs, in the core's words; NULL when they will do. */
static char *
check_pin_pair (const char *pin, const char *again)
{
  g_autoptr(GError) error = NULL;

  if (!serah_operators_check_pin (pin, &error))
    return g_strdup (error->message);
  if (g_strcmp0 (pin, again) != 0)
    return g_strdup (_("The PINs are not the same. Type the same PIN in both fields."));
  return NULL;
}

static void
on_new_pin_changed (SerahOperatorsDialog *self)
{
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->new_pin_row));
  const char *again = gtk_editable_get_text (GTK_EDITABLE (self->new_pin_again_row));
  g_autofree char *problem = NULL;

  /* Judge the PIN once it is as long as it must be, the pair once both are typed. */
  if (strlen (pin) >= SERAH_OPERATORS_PIN_MIN_LENGTH &&
      (*again != '\0' || !serah_operators_check_pin (pin, NULL)))
    problem = check_pin_pair (pin, *again ? again : pin);
  gtk_label_set_label (self->add_message, problem ? problem : "");
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_message), "error");
}

static void
do_add (SerahOperatorsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = typed_name (self->new_name_row);
  g_autofree char *full_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_full_name_row))));
  g_autofree char *pin = take_pin (self->new_pin_row);
  g_autofree char *again = take_pin (self->new_pin_again_row);
  g_autofree char *message = NULL;
  guint role_index = adw_combo_row_get_selected (self->new_role_row);
  SerahRole role = role_index < G_N_ELEMENTS (roles) ? roles[role_index] : SERAH_ROLE_OFFICER;
  const char *actor = self->bootstrap ? self->acting_name : self->actor;

  message = check_pin_pair (pin, again);
  if (message == NULL &&
      serah_operators_add (self->store, name, *full_name ? full_name : NULL, role, pin, actor,
                           &error))
    {
      /* Whoever created the first administrator knows its PIN: go on as them. */
      if (self->bootstrap)
        {
          g_autoptr(SerahOperator) op =
            serah_operators_authorize (self->store, name, pin, SERAH_ROLE_ADMIN, NULL);
          if (op != NULL)
            self->actor = g_strdup (op->name);
          gtk_editable_set_text (GTK_EDITABLE (self->admin_name_row), name);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->new_full_name_row), "");
      message = g_strdup_printf (_("Operator “%s” added."), name);
      toast (self, message);
      g_clear_pointer (&message, g_free);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
    }
  else if (message == NULL)
    message = g_strdup (error->message);
  wipe (&pin);
  wipe (&again);
  gtk_label_set_label (self->add_message, message ? message : "");
  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_message), "error");
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (widget);
  g_autofree char *name = typed_name (self->new_name_row);
  g_autoptr(GError) error = NULL;

  /* The quick checks first, so a typo does not cost a second of hashing. */
  if (!serah_operators_check_name (name, &error))
    {
      gtk_label_set_label (self->add_message, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->add_message), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
      return;
    }
  start_work (self, SERAH_OPERATORS_WORK_ADD);
}

static void
on_new_pin_activated (SerahOperatorsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "operators.add", NULL);
}

/* ---- enabling, disabling ---- */

static void
set_enabled_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name;
  gboolean enable;

  g_variant_get (parameter, "(&sb)", &name, &enable);
  if (enable ? serah_operators_enable (self->store, name, self->actor, &error)
             : serah_operators_disable (self->store, name, self->actor, &error))
    message = g_strdup_printf (enable ? _("“%s” may sign in again.")
                                      : _("“%s” can no longer sign in."), name);
  else
    message = g_strdup (error->message);
  toast (self, message);
  serah_operators_dialog_reload (self);
}

/* ---- a new PIN ---- */

static void
do_set_pin (SerahOperatorsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (serah_operators_set_pin (self->store, self->pin_target, self->pin_value, self->actor,
                               &error))
    message = g_strdup_printf (_("New PIN set for “%s”."), self->pin_target);
  else
    message = g_strdup (error->message);
  wipe (&self->pin_value);
  g_clear_pointer (&self->pin_target, g_free);
  toast (self, message);
}

void
serah_operators_dialog_set_pin (SerahOperatorsDialog *self, const char *name, const char *pin)
{
  g_return_if_fail (SERAH_IS_OPERATORS_DIALOG (self));

  if (!can_change (self))
    return;
  self->pin_target = g_strdup (name);
  self->pin_value = g_strdup (pin);
  start_work (self, SERAH_OPERATORS_WORK_SET_PIN);
}

typedef struct {
  GtkEditable *pin;
  GtkEditable *again;
  GtkLabel    *problem;
} PinEntries;

static void
pin_entries_free (PinEntries *entries)
{
  g_object_unref (entries->pin);
  g_object_unref (entries->again);
  g_free (entries);
}

static void
on_pin_dialog_changed (AdwMessageDialog *dialog)
{
  PinEntries *entries = g_object_get_data (G_OBJECT (dialog), "pin-entries");
  const char *pin;
  const char *again;
  g_autofree char *problem = NULL;
  g_autoptr(GError) error = NULL;
  const char *shown = "";

  /* A row being torn down with the dialog clears its text: nothing left to judge. */
  if (entries == NULL ||
      gtk_widget_get_root (GTK_WIDGET (entries->pin)) != GTK_ROOT (dialog) ||
      gtk_widget_get_root (GTK_WIDGET (entries->again)) != GTK_ROOT (dialog))
    return;
  pin = gtk_editable_get_text (entries->pin);
  again = gtk_editable_get_text (entries->again);
  problem = check_pin_pair (pin, again);

  adw_message_dialog_set_response_enabled (dialog, "set", problem == NULL);
  /* Say what is wrong once there is something to judge: the first PIN at its full
   * length, the second once it is as long as the first. */
  if (strlen (pin) >= SERAH_OPERATORS_PIN_MIN_LENGTH && !serah_operators_check_pin (pin, &error))
    shown = error->message;
  else if (problem != NULL && *again != '\0' && strlen (again) >= strlen (pin))
    shown = problem;
  gtk_label_set_label (entries->problem, shown);
}

static void
on_pin_dialog_response (AdwMessageDialog *dialog, const char *response,
                        SerahOperatorsDialog *self)
{
  PinEntries *entries = g_object_get_data (G_OBJECT (dialog), "pin-entries");
  const char *name = g_object_get_data (G_OBJECT (dialog), "operator-name");

  if (g_strcmp0 (response, "set") == 0)
    {
      g_autofree char *pin = take_pin (entries->pin);
      serah_operators_dialog_set_pin (self, name, pin);
      wipe (&pin);
    }
  gtk_editable_set_text (entries->again, "");
}

static void
set_pin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = g_strdup_printf (_("New PIN for “%s”"), name);
  g_autofree char *rules = pin_rules ();
  g_autofree char *body = g_strdup_printf ("%s %s", rules,
                                           _("A new PIN also lifts a lockout after wrong PINs."));
  PinEntries *entries = g_new0 (PinEntries, 1);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *pin = adw_password_entry_row_new ();
  GtkWidget *again = adw_password_entry_row_new ();

  /* Rows rather than GtkPasswordEntry: GTK 4.8's entry warns when its dialog closes with
   * the focus in it (a caps-lock handler outlives it). */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pin), _("New PIN"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (again), _("New PIN again"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), pin);
  gtk_list_box_append (GTK_LIST_BOX (list), again);
  /* Held until the dialog is finalized: the change handler may run while it is torn down. */
  entries->pin = g_object_ref (GTK_EDITABLE (pin));
  entries->again = g_object_ref (GTK_EDITABLE (again));
  entries->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (entries->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (entries->problem), "error");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entries->problem));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "set", _("_Set PIN"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pin-entries", entries,
                          (GDestroyNotify) pin_entries_free);
  g_object_set_data_full (G_OBJECT (dialog), "operator-name", g_strdup (name), g_free);
  g_signal_connect_swapped (entries->pin, "changed", G_CALLBACK (on_pin_dialog_changed), dialog);
  g_signal_connect_swapped (entries->again, "changed", G_CALLBACK (on_pin_dialog_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_pin_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (entries->pin));
}

/* ---- the object ---- */

static void
serah_operators_dialog_dispose (GObject *object)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (object);

  g_clear_handle_id (&self->work_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_OPERATORS_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_operators_dialog_parent_class)->dispose (object);
}

static void
serah_operators_dialog_finalize (GObject *object)
{
  SerahOperatorsDialog *self = SERAH_OPERATORS_DIALOG (object);

  wipe (&self->pin_value);
  g_free (self->pin_target);
  g_free (self->acting_name);
  g_free (self->actor);
  G_OBJECT_CLASS (serah_operators_dialog_parent_class)->finalize (object);
}

static void
serah_operators_dialog_class_init (SerahOperatorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_operators_dialog_dispose;
  object_class->finalize = serah_operators_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-operators-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, auth_group);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, admin_pin_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, actor_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, auth_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, operators_group);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, add_group);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, new_full_name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, new_pin_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, new_pin_again_row);
  gtk_widget_class_bind_template_child (widget_class, SerahOperatorsDialog, add_message);
  gtk_widget_class_bind_template_callback (widget_class, on_admin_pin_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_pin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_pin_activated);

  gtk_widget_class_install_action (widget_class, "operators.authorize", NULL, authorize_action);
  gtk_widget_class_install_action (widget_class, "operators.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "operators.set-enabled", "(sb)",
                                   set_enabled_action);
  gtk_widget_class_install_action (widget_class, "operators.set-pin", "s", set_pin_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_operators_dialog_init (SerahOperatorsDialog *self)
{
  g_autoptr(GtkStringList) role_labels = gtk_string_list_new (NULL);
  g_autofree char *rules = pin_rules ();

  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (role_labels, serah_role_get_label (roles[i]));
  adw_combo_row_set_model (self->new_role_row, G_LIST_MODEL (role_labels));
  /* New operators are mostly ceremony officers; administrators are few. */
  adw_combo_row_set_selected (self->new_role_row, 1);
  adw_preferences_group_set_description (self->add_group, rules);
}
