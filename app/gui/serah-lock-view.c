/* serah-lock-view.c: the lock screen the window shows instead of its pages while nobody is
 * signed in or after it was left idle.
 *
 * The PIN is checked by the core (serah_operators_authenticate), which counts wrong PINs
 * and locks an operator out after too many, in the database, so restarting Serah does not
 * reset the count; this view only shows what the core says. A database without operators
 * shows the first-administrator form instead, with a way to go on without signing in: the
 * same bootstrap rule as serah-cli. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "serah-lock-view.h"

struct _SerahLockView
{
  AdwBin         parent_instance;

  SerahStore    *store;
  GPtrArray     *names;       /* char *, sign-in names in the order of operator_labels */
  guint          check_source;
  /* When each key of the PIN field's text was pressed, by the key events' own timestamps
   * (milliseconds, the display server's clock): a scanner types a whole code in a few
   * milliseconds a character, a person in a hundred or more. The events' times and not the
   * time this process handles them: a main loop stalled by other work (a sync, a report)
   * hands a person's keys over in one burst. */
  GArray        *key_times;   /* guint32 */

  /* template */
  GtkStack      *mode_stack;
  AdwComboRow   *operator_row;
  GtkStringList *operator_labels;
  GtkEditable   *pin_row;       /* GtkPasswordEntry */
  GtkLabel      *sign_in_message;
  GtkWidget     *sign_in_button;
  GtkWidget     *sign_in_spinner;
  AdwEntryRow   *admin_name_row;
  AdwEntryRow   *admin_full_name_row;
  GtkEditable   *admin_pin_row;
  GtkEditable   *admin_pin_again_row;
  GtkLabel      *first_admin_message;
};

G_DEFINE_FINAL_TYPE (SerahLockView, serah_lock_view, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNED_IN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_message (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* While a PIN is checked the form stays as it is (making the focused PIN field insensitive
 * would take the focus from under its cursor); the action refuses a second check. */
static void
set_busy (SerahLockView *self, gboolean busy)
{
  gtk_widget_set_visible (self->sign_in_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock.sign-in", !busy);
}

static void
clear_entries (SerahLockView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_pin_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->admin_pin_again_row), "");
}

/* Reads the enabled operators into the list; returns how many operators exist at all. */
static gint64
load_operators (SerahLockView *self, const char *preselect)
{
  g_autoptr(GPtrArray) operators = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->operator_labels));

  g_ptr_array_set_size (self->names, 0);
  gtk_string_list_splice (self->operator_labels, 0, n_old, NULL);
  if (self->store == NULL)
    return 0;
  operators = serah_operators_list (self->store, &error);
  if (operators == NULL)
    {
      show_message (self->sign_in_message, error->message);
      return -1;
    }
  for (guint i = 0; i < operators->len; i++)
    {
      const SerahOperator *op = operators->pdata[i];
      g_autofree char *label = NULL;

      if (op->disabled)
        continue;
      label = op->full_name && *op->full_name
        ? g_strdup_printf ("%s (%s)", op->full_name, op->name) : g_strdup (op->name);
      if (g_strcmp0 (op->name, preselect) == 0)
        selected = self->names->len;
      g_ptr_array_add (self->names, g_strdup (op->name));
      gtk_string_list_append (self->operator_labels, label);
    }
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->operator_row, selected);
  return operators->len;
}

void
serah_lock_view_reset (SerahLockView *self, const char *name)
{
  gint64 count;

  g_return_if_fail (SERAH_IS_LOCK_VIEW (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  set_busy (self, FALSE);
  clear_entries (self);
  show_message (self->sign_in_message, NULL);
  show_message (self->first_admin_message, NULL);
  count = load_operators (self, name);
  if (count == 0)
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "first-admin");
      gtk_widget_grab_focus (GTK_WIDGET (self->admin_name_row));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "sign-in");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
    }
}

const char *
serah_lock_view_get_mode (SerahLockView *self)
{
  g_return_val_if_fail (SERAH_IS_LOCK_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->mode_stack);
}

/* ---- signing in ---- */

static const char *
selected_name (SerahLockView *self)
{
  guint selected = adw_combo_row_get_selected (self->operator_row);

  return selected < self->names->len ? self->names->pdata[selected] : NULL;
}

/* Faster than this between keys, by the events' times, is a scanner. */
#define SCANNER_MAX_INTERVAL_MS 15
/* Up to this many digits a person's PIN is likely: the keys' pace alone decides. */
#define HUMAN_PIN_MAX_LENGTH    8

static int
compare_guint32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* The median time between the keys that made the last n characters, in milliseconds by the
 * events' own clock (unsigned differences: right across its 32-bit wrap). The median and not
 * the mean: one key of a person's that rolled over onto the next, or one stall of the
 * scanner's, moves a mean of six keys but not the median. */
static guint32
median_key_interval (SerahLockView *self, gsize n)
{
  g_autoptr(GArray) gaps = g_array_sized_new (FALSE, FALSE, sizeof (guint32), (guint) n);
  gsize start = self->key_times->len - n;

  for (gsize i = start + 1; i < self->key_times->len; i++)
    {
      guint32 gap = g_array_index (self->key_times, guint32, i) -
                    g_array_index (self->key_times, guint32, i - 1);
      g_array_append_val (gaps, gap);
    }
  g_array_sort (gaps, compare_guint32);
  return g_array_index (gaps, guint32, gaps->len / 2);
}

/* Whether the PIN field's text was typed by a scanner (a card's code, a KTP's barcode, a
 * short numeric barcode) rather than by a person: never sent to be checked, so it cannot
 * count as a wrong PIN.
 *
 * Text that cannot be a PIN (letters, a QR payload, too long) is a scan: that is how the
 * check-off page tells a code from a name (serah_text_looks_like_code: a ':' or "SRH1:"),
 * and the core refuses it uncounted too. Digits alone say nothing, so, as a scanner types a
 * whole code at a few milliseconds a key and ends with Enter while nobody types faster than
 * about 30 ms a key, the keys' pace decides: digits whose keys came faster than
 * SCANNER_MAX_INTERVAL_MS apart (the median gap) are a scan, 6 to 8 digits included (issue 12:
 * a short barcode scanned on the lock screen burnt a PIN attempt). Text that came without
 * keys (pasted) has no pace: up to HUMAN_PIN_MAX_LENGTH digits it is taken as a PIN, longer
 * as a scan (a person pastes no NIK as a PIN). */
static gboolean
pin_looks_scanned (SerahLockView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));
  gsize n = strlen (text);

  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return TRUE;
  if (n > HUMAN_PIN_MAX_LENGTH && !serah_operators_could_be_pin (text))
    return TRUE;
  if (self->key_times->len < n || n < 2)
    return n > HUMAN_PIN_MAX_LENGTH;
  /* The last n keys made the text (earlier ones may have been deleted again). */
  return median_key_interval (self, n) < SCANNER_MAX_INTERVAL_MS;
}

static gboolean
check_pin (gpointer user_data)
{
  SerahLockView *self = user_data;
  g_autoptr(SerahOperator) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)));
  const char *name = selected_name (self);

  self->check_source = 0;
  /* The core counts a wrong PIN (and locks out) in the database before it answers. */
  op = serah_operators_authenticate (self->store, name, pin, &error);
  memset (pin, 0, strlen (pin));
  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  set_busy (self, FALSE);
  if (op == NULL)
    {
      show_message (self->sign_in_message, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return G_SOURCE_REMOVE;
    }
  /* Who was at this desk when: the audit log shows every sign-in. */
  if (!serah_audit_record (self->store, op->name, "operator.sign-in", op->name, NULL, &error))
    {
      show_message (self->sign_in_message, error->message);
      return G_SOURCE_REMOVE;
    }
  show_message (self->sign_in_message, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, op->name, (int) op->role, FALSE);
  return G_SOURCE_REMOVE;
}

static void
sign_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahLockView *self = SERAH_LOCK_VIEW (widget);

  if (self->store == NULL || self->check_source != 0)
    return;
  if (selected_name (self) == NULL)
    {
      show_message (self->sign_in_message, _("Choose your name first."));
      return;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->pin_row)) == '\0')
    {
      show_message (self->sign_in_message, _("Enter your PIN."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  if (pin_looks_scanned (self))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
      show_message (self->sign_in_message,
                    _("That was a scanned code, not a PIN: it was not counted. Sign in first "
                      "(choose your name, type your PIN), then scan the card on the check-off "
                      "page."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
      return;
    }
  /* Checking a PIN takes a good part of a second on purpose (Argon2id): let the spinner
   * show before the work starts. */
  set_busy (self, TRUE);
  self->check_source = g_timeout_add (30, check_pin, self);
}

static void
on_pin_activated (SerahLockView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.sign-in", NULL);
}

static void
on_pin_changed (SerahLockView *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->pin_row)) == '\0')
    {
      g_array_set_size (self->key_times, 0);
      return;
    }
  /* Typing again puts the last refusal away; a lockout stays until the next attempt. */
  if (self->check_source == 0 && g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->pin_row)), -1) == 1)
    show_message (self->sign_in_message, NULL);
}

/* Notes when a key that types a character was pressed, by the event's own time. */
static gboolean
on_pin_key_pressed (SerahLockView *self, guint keyval, guint keycode, GdkModifierType state,
                    GtkEventControllerKey *controller)
{
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller));

  if (g_unichar_isprint (gdk_keyval_to_unicode (keyval)) &&
      !(state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    g_array_append_val (self->key_times, time);
  return GDK_EVENT_PROPAGATE;
}

static void
on_operator_selected (SerahLockView *self)
{
  show_message (self->sign_in_message, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

/* ---- a database without operators ---- */

static void
create_admin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahLockView *self = SERAH_LOCK_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *full_name = gtk_editable_get_text (GTK_EDITABLE (self->admin_full_name_row));
  const char *pin = gtk_editable_get_text (GTK_EDITABLE (self->admin_pin_row));

  if (self->store == NULL)
    return;
  name = g_strstrip (g_ascii_strdown (gtk_editable_get_text (GTK_EDITABLE (self->admin_name_row)), -1));
  if (g_strcmp0 (pin, gtk_editable_get_text (GTK_EDITABLE (self->admin_pin_again_row))) != 0)
    {
      show_message (self->first_admin_message, _("The two PINs differ. Type the same PIN twice."));
      return;
    }
  /* The core checks the name and the PIN, and that the first operator is an administrator;
   * the computer account is recorded as the one who added it. */
  if (!serah_operators_add (self->store, name, *full_name ? full_name : NULL, SERAH_ROLE_ADMIN,
                            pin, NULL, &error) ||
      !serah_audit_record (self->store, name, "operator.sign-in", name, NULL, &error))
    {
      show_message (self->first_admin_message, error->message);
      return;
    }
  clear_entries (self);
  show_message (self->first_admin_message, NULL);
  g_signal_emit (self, signals[SIGNED_IN], 0, name, (int) SERAH_ROLE_ADMIN, FALSE);
}

static void
on_admin_pin_activated (SerahLockView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.create-admin", NULL);
}

static void
continue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahLockView *self = SERAH_LOCK_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 count;

  if (self->store == NULL)
    return;
  /* Only while there is no operator at all (another station may have added one since). */
  count = serah_operators_count (self->store, &error);
  if (count != 0)
    {
      serah_lock_view_reset (self, NULL);
      return;
    }
  clear_entries (self);
  g_signal_emit (self, signals[SIGNED_IN], 0, g_get_user_name (), (int) SERAH_ROLE_ADMIN, TRUE);
}

/* ---- GObject ---- */

GtkWidget *
serah_lock_view_new (SerahStore *store)
{
  return g_object_new (SERAH_TYPE_LOCK_VIEW, "store", store, NULL);
}

SerahStore *
serah_lock_view_get_store (SerahLockView *self)
{
  g_return_val_if_fail (SERAH_IS_LOCK_VIEW (self), NULL);
  return self->store;
}

void
serah_lock_view_set_store (SerahLockView *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_LOCK_VIEW (self));
  g_return_if_fail (store == NULL || SERAH_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  serah_lock_view_reset (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
serah_lock_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahLockView *self = SERAH_LOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_lock_view_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  SerahLockView *self = SERAH_LOCK_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      serah_lock_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_lock_view_map (GtkWidget *widget)
{
  SerahLockView *self = SERAH_LOCK_VIEW (widget);

  GTK_WIDGET_CLASS (serah_lock_view_parent_class)->map (widget);
  /* Shown means someone is to type a PIN (or the first administrator's name). */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "first-admin") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->admin_name_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
}

static void
serah_lock_view_dispose (GObject *object)
{
  SerahLockView *self = SERAH_LOCK_VIEW (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_LOCK_VIEW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_lock_view_parent_class)->dispose (object);
}

static void
serah_lock_view_finalize (GObject *object)
{
  SerahLockView *self = SERAH_LOCK_VIEW (object);

  g_ptr_array_unref (self->names);
  g_array_unref (self->key_times);
  G_OBJECT_CLASS (serah_lock_view_parent_class)->finalize (object);
}

static void
serah_lock_view_class_init (SerahLockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = serah_lock_view_get_property;
  object_class->set_property = serah_lock_view_set_property;
  object_class->dispose = serah_lock_view_dispose;
  object_class->finalize = serah_lock_view_finalize;
  widget_class->map = serah_lock_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (name, role, bootstrap): role is a SerahRole; bootstrap is TRUE when the database has
   * no operator and the user went on without signing in. */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-lock-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, operator_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, operator_labels);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, pin_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, sign_in_message);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, sign_in_spinner);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, admin_name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, admin_full_name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, admin_pin_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, admin_pin_again_row);
  gtk_widget_class_bind_template_child (widget_class, SerahLockView, first_admin_message);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_operator_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_admin_pin_activated);

  gtk_widget_class_install_action (widget_class, "lock.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "lock.create-admin", NULL, create_admin_action);
  gtk_widget_class_install_action (widget_class, "lock.continue", NULL, continue_action);
}

static void
serah_lock_view_init (SerahLockView *self)
{
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->key_times = g_array_new (FALSE, FALSE, sizeof (guint32));
  gtk_widget_init_template (GTK_WIDGET (self));
}
