/* serah-window.c: the main window. The pages (Peserta, Cetak, Acara, Testimoni, Laporan)
 * are widgets of their own, declared in ui/serah-window.ui; each receives the store through
 * a property binding to the window's "store". */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-print-page.h"
#include "serah-participants-page.h"
#include "serah-reports-page.h"
#include "serah-testimonial-page.h"
#include "serah-window.h"
#include "serah-ceremony-page.h"
#include "serah-window-private.h"

/* hardening (issue 6) */
#include "serah-lock-view.h"
#include "serah-outreach-page.h"   /* issue 15 */

struct _SerahWindow
{
  AdwApplicationWindow parent_instance;

  SerahStore          *store;

  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *stack;
  AdwWindowTitle      *office_title;
  GtkWidget           *ceremony_page;

  /* hardening (issue 6): the signed-in operator and the lock */
  SerahLockView       *lock_view;
  GtkWidget           *switcher_title;
  GtkMenuButton       *operator_button;
  GSettings           *settings;
  char                *operator_name;     /* NULL while nobody is signed in */
  SerahRole            operator_role;     /* 0 while nobody is signed in */
  gboolean             bootstrap;         /* no operators: nobody needs to sign in */
  gboolean             locked;
  guint                idle_lock_seconds; /* 0: never */
  gint64               last_activity;     /* monotonic microseconds */
  guint                idle_source;
};

G_DEFINE_FINAL_TYPE (SerahWindow, serah_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  /* hardening (issue 6) */
  PROP_OPERATOR_NAME,
  PROP_OPERATOR_ROLE,
  PROP_LOCKED,
  PROP_IDLE_LOCK_SECONDS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

SerahWindow *
serah_window_new (SerahApplication *app, SerahStore *store)
{
  return g_object_new (SERAH_TYPE_WINDOW, "application", app, "store", store, NULL);
}

SerahStore *
serah_window_get_store (SerahWindow *self)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), NULL);
  return self->store;
}

void
serah_window_toast (SerahWindow *self, const char *message)
{
  g_return_if_fail (SERAH_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ---- hardening (issue 6): the signed-in operator, the lock and the idle timer ---- */

const char *
serah_window_get_operator_name (SerahWindow *self)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), NULL);
  return self->operator_name;
}

SerahRole
serah_window_get_operator_role (SerahWindow *self)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), 0);
  return self->operator_role;
}

/* The main window widget is in, directly or through a dialog's transient-for. */
static SerahWindow *
window_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  while (window != NULL && !SERAH_IS_WINDOW (window))
    window = gtk_window_get_transient_for (window);
  return window ? SERAH_WINDOW (window) : NULL;
}

const char *
serah_window_operator_for (GtkWidget *widget)
{
  SerahWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  window = window_for (widget);
  if (window != NULL && window->operator_name != NULL)
    return window->operator_name;
  return g_get_user_name ();
}

gboolean
serah_window_require_role (GtkWidget *widget, SerahRole role, const char *what)
{
  SerahWindow *window;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  window = window_for (widget);
  if (window == NULL || (!window->locked && window->operator_role >= role))
    return TRUE;
  /* TRANSLATORS: %s is what was refused, such as "Importing". */
  text = role == SERAH_ROLE_ADMIN
    ? g_strdup_printf (_("%s needs an administrator. Lock the window (Ctrl+L) and sign in as "
                         "one."), what)
    : g_strdup_printf (_("%s needs a signed-in operator."), what);
  serah_window_toast (window, text);
  return FALSE;
}

gboolean
serah_window_role_allows (GtkWidget *widget, SerahRole role)
{
  SerahWindow *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  window = window_for (widget);
  return window == NULL || (!window->locked && window->operator_name != NULL &&
                            window->operator_role >= role);
}

/* Administrator actions are disabled, not merely refused, in an officer's session. */
static void
update_role_actions (SerahWindow *self)
{
  gboolean admin = serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN);
  GtkWidget *page;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit-log", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.operators", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", admin);
  if (self->stack == NULL)
    return;
  page = adw_view_stack_get_child_by_name (self->stack, "participants");
  if (SERAH_IS_PARTICIPANTS_PAGE (page))
    serah_participants_page_update_actions (SERAH_PARTICIPANTS_PAGE (page));
  page = adw_view_stack_get_child_by_name (self->stack, "print");
  if (SERAH_IS_PRINT_PAGE (page))
    serah_print_page_update_actions (SERAH_PRINT_PAGE (page));
  page = adw_view_stack_get_child_by_name (self->stack, "reports");
  if (SERAH_IS_REPORTS_PAGE (page))
    serah_reports_page_update_actions (SERAH_REPORTS_PAGE (page));
  page = adw_view_stack_get_child_by_name (self->stack, "outreach");   /* issue 15 */
  if (SERAH_IS_OUTREACH_PAGE (page))
    serah_outreach_page_update_actions (SERAH_OUTREACH_PAGE (page));
}

gboolean
serah_window_get_locked (SerahWindow *self)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), FALSE);
  return self->locked;
}

/* The first label inside widget, depth first. */
static GtkWidget *
find_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
update_operator_button (SerahWindow *self)
{
  g_autofree char *label = NULL;

  if (self->locked)
    label = g_strdup (_("Locked"));
  else if (self->operator_name == NULL || self->store == NULL)
    label = g_strdup (_("Not signed in"));
  else if (self->bootstrap)
    /* TRANSLATORS: %s is the computer account's name; nobody signed in. */
    label = g_strdup_printf (_("Operator: %s (no sign-in)"), self->operator_name);
  else
    {
      g_autoptr(SerahOperator) op = serah_operators_get (self->store, self->operator_name, NULL);
      const char *shown = op && op->full_name && *op->full_name ? op->full_name : self->operator_name;

      /* TRANSLATORS: "Operator: Siti Aminah (Admin)". */
      label = g_strdup_printf (_("Operator: %s (%s)"), shown,
                               self->operator_role == SERAH_ROLE_ADMIN ? C_("role", "Admin")
                                                                       : C_("role", "Officer"));
    }
  gtk_menu_button_set_label (self->operator_button, label);
  /* A long name must not push the office's name off the header at 1366 px (issue 12: it
   * read "Dinas Kesehatan (…"): the operator's label gives way first. GTK 4.8's menu button
   * builds a new label on every set_label and has no property for this. */
  {
    GtkWidget *inner = find_label (GTK_WIDGET (self->operator_button));
    if (inner != NULL)
      {
        gtk_label_set_ellipsize (GTK_LABEL (inner), PANGO_ELLIPSIZE_END);
        /* Enough left to tell who it is: "Operator: Sri Rahay…". */
        gtk_label_set_width_chars (GTK_LABEL (inner), 20);
        gtk_label_set_max_width_chars (GTK_LABEL (inner), 30);
      }
  }
  /* GTK 4.8 names a menu button after its type, whatever its label says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->operator_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", !self->bootstrap && !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out",
                                 !self->bootstrap && self->operator_name != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.setup-operators",
                                 self->bootstrap && !self->locked);
  update_role_actions (self);
}

static void
set_locked (SerahWindow *self, gboolean locked)
{
  self->locked = locked;
  /* The pages (and whatever personal data they show) are hidden, not just covered. */
  gtk_widget_set_visible (GTK_WIDGET (self->stack), !locked);
  gtk_widget_set_visible (self->switcher_title, !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_view), locked);
  if (locked)
    serah_lock_view_reset (self->lock_view, self->operator_name);
  update_operator_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static void
set_operator (SerahWindow *self, const char *name, SerahRole role, gboolean bootstrap)
{
  gboolean name_changed = g_strcmp0 (self->operator_name, name) != 0;
  gboolean role_changed = self->operator_role != role;

  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
  self->operator_role = role;
  self->bootstrap = bootstrap;
  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_NAME]);
  if (role_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_ROLE]);
  update_role_actions (self);
}

static gboolean check_idle (gpointer user_data);

/* Arms the idle timer for when the window would have been idle long enough. */
static void
schedule_idle_check (SerahWindow *self)
{
  gint64 due, now = g_get_monotonic_time ();

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->idle_lock_seconds == 0 || self->locked || self->bootstrap ||
      self->operator_name == NULL)
    return;
  due = self->last_activity + (gint64) self->idle_lock_seconds * G_USEC_PER_SEC;
  self->idle_source = g_timeout_add ((guint) MAX ((due - now) / 1000, 0) + 1, check_idle, self);
}

static gboolean
check_idle (gpointer user_data)
{
  SerahWindow *self = user_data;

  self->idle_source = 0;
  if (g_get_monotonic_time () - self->last_activity >=
      (gint64) self->idle_lock_seconds * G_USEC_PER_SEC)
    set_locked (self, TRUE);
  else
    schedule_idle_check (self);   /* someone was busy meanwhile */
  return G_SOURCE_REMOVE;
}

/* Any key, click, scroll or pointer motion in the window counts as someone being there.
 * Only a timestamp is written here: the timer compares it when it fires. */
static void
note_activity (SerahWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
on_key_activity (SerahWindow *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

/* What a database asks for when it is opened: a sign-in once it has operators; otherwise
 * the bootstrap rule (everything allowed, recorded under the computer account's name). */
static void
start_session (SerahWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 count = self->store ? serah_operators_count (self->store, &error) : 0;

  if (count == 0)
    {
      set_operator (self, g_get_user_name (), SERAH_ROLE_ADMIN, TRUE);
      set_locked (self, FALSE);
    }
  else
    {
      /* Also when the count cannot be read: locked is the safe side. */
      set_operator (self, NULL, 0, FALSE);
      set_locked (self, TRUE);
    }
}

static void
on_signed_in (SerahWindow *self, const char *name, int role, gboolean bootstrap)
{
  set_operator (self, name, (SerahRole) role, bootstrap);
  note_activity (self);
  set_locked (self, FALSE);
  schedule_idle_check (self);
}

void
serah_window_lock (SerahWindow *self)
{
  g_return_if_fail (SERAH_IS_WINDOW (self));

  if (self->bootstrap || self->locked)
    return;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  set_locked (self, TRUE);
}

static void
lock_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  serah_window_lock (SERAH_WINDOW (widget));
}

static void
sign_out_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);

  if (self->bootstrap)
    return;
  g_clear_handle_id (&self->idle_source, g_source_remove);
  set_operator (self, NULL, 0, FALSE);
  set_locked (self, TRUE);
}

static void
setup_operators_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);

  /* The lock view shows the first-administrator form, with a way back. */
  if (self->bootstrap)
    set_locked (self, TRUE);
}

static void
set_idle_lock_seconds (SerahWindow *self, guint seconds)
{
  if (self->idle_lock_seconds == seconds)
    return;
  self->idle_lock_seconds = seconds;
  note_activity (self);
  schedule_idle_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_LOCK_SECONDS]);
}

static gboolean
minutes_to_seconds (GValue *value, GVariant *variant, gpointer user_data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 60) * 60);
  return TRUE;
}

/* idle-lock-minutes from GSettings, when the schema is installed (a build-tree run without
 * GSETTINGS_SCHEMA_DIR keeps the 5-minute default). */
static void
bind_settings (SerahWindow *self)
{
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID, TRUE);

  if (schema == NULL)
    return;
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind_with_mapping (self->settings, "idle-lock-minutes", self, "idle-lock-seconds",
                                G_SETTINGS_BIND_GET, minutes_to_seconds, NULL, NULL, NULL);
}

static void
init_session (SerahWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();

  /* Capture phase: seen before any page handles (and stops) the event. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_activity), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (note_activity), self);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_key_activity), self);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (note_activity), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->idle_lock_seconds = 5 * 60;
  note_activity (self);
  bind_settings (self);
  update_operator_button (self);
}

/* ---- the office title ---- */

static void
update_title (SerahWindow *self)
{
  g_autofree char *office = NULL;
  g_autofree char *base = NULL;
  g_autofree char *ceremony = NULL;

  if (self->store == NULL)
    return;
  office = serah_settings_get (self->store, "office-name");
  base = g_path_get_basename (serah_store_get_path (self->store));
  adw_window_title_set_title (self->office_title, office ? office : "Serah");
  /* The ceremony in progress, so every page shows which acara this laptop serves. */
  if (self->ceremony_page != NULL)
    g_object_get (self->ceremony_page, "active-ceremony-name", &ceremony, NULL);
  if (ceremony != NULL && *ceremony != '\0')
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s · Ceremony: %s"), base, ceremony);
      adw_window_title_set_subtitle (self->office_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->office_title, base);
}

static void
serah_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahWindow *self = SERAH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    /* hardening (issue 6) */
    case PROP_OPERATOR_NAME:
      g_value_set_string (value, self->operator_name);
      break;
    case PROP_OPERATOR_ROLE:
      g_value_set_int (value, self->operator_role);
      break;
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    case PROP_IDLE_LOCK_SECONDS:
      g_value_set_uint (value, self->idle_lock_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SerahWindow *self = SERAH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          update_title (self);
          g_object_notify_by_pspec (object, pspec);
          start_session (self);   /* hardening (issue 6) */
        }
      break;
    case PROP_IDLE_LOCK_SECONDS:
      set_idle_lock_seconds (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_window_dispose (GObject *object)
{
  SerahWindow *self = SERAH_WINDOW (object);

  /* hardening (issue 6) */
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->operator_name, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_window_parent_class)->dispose (object);
}

/* Alt+1...5: Peserta, Cetak, Acara, Testimoni, Laporan; nothing while locked. */
static void
show_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahWindow *self = SERAH_WINDOW (widget);

  if (self->locked)
    return;
  adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

static void
serah_window_class_init (SerahWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_window_dispose;
  object_class->get_property = serah_window_get_property;
  object_class->set_property = serah_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* hardening (issue 6): who is signed in, for the pages to record their actions with.
   * operator-role is a SerahRole (0 while nobody is signed in). */
  properties[PROP_OPERATOR_NAME] =
    g_param_spec_string ("operator-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR_ROLE] =
    g_param_spec_int ("operator-role", NULL, NULL, 0, SERAH_ROLE_ADMIN, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_LOCK_SECONDS] =
    g_param_spec_uint ("idle-lock-seconds", NULL, NULL, 0, G_MAXUINT, 5 * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Page types used by the template. */
  g_type_ensure (SERAH_TYPE_PRINT_PAGE);
  g_type_ensure (SERAH_TYPE_PARTICIPANTS_PAGE);
  g_type_ensure (SERAH_TYPE_CEREMONY_PAGE);
  g_type_ensure (SERAH_TYPE_TESTIMONIAL_PAGE);
  g_type_ensure (SERAH_TYPE_REPORTS_PAGE);
  g_type_ensure (SERAH_TYPE_LOCK_VIEW);   /* hardening (issue 6) */
  g_type_ensure (SERAH_TYPE_OUTREACH_PAGE);   /* issue 15 */

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, office_title);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, ceremony_page);

  /* hardening (issue 6) */
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, lock_view);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, operator_button);
  gtk_widget_class_bind_template_callback (widget_class, on_signed_in);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.setup-operators", NULL, setup_operators_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  serah_window_class_install_admin_actions (widget_class); /* issue 6: the main menu */
}

static void
serah_window_init (SerahWindow *self)
{
  static const char *const pages[] = { "participants", "print", "ceremony", "testimonials",
                                       "reports",
                                       "outreach" /* issue 15: Alt+6 */ };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Alt+1...5 switch pages from anywhere, the check-off's scan field included: in the
   * capture phase, before a focused entry sees the key. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                          gtk_named_action_new ("win.show-page"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (pages[i]));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect_object (self->ceremony_page, "notify::active-ceremony-name",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  init_session (self);   /* hardening (issue 6) */
}
