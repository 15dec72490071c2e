/* serah-outreach-page.c: Sosialisasi (issue 15). The page holds the store, the change hub
 * connection and the lists every sub-page shares (the activities offered in the dropdowns);
 * each sub-page (activities, registrations, surveys, feedback) lives in its own file and calls
 * the outreach domain's use cases only: rules, checks and audit stay in the core.
 *
 * The lists are short (activities of an office, open complaints, the latest registrations) and
 * read on the UI thread; a recording is one small transaction. Every recording is told to the
 * change hub, so the Laporan page's indicators follow. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-outreach-page-private.h"
#include "serah-window.h"

G_DEFINE_FINAL_TYPE (SerahOutreachPage, serah_outreach_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

void
serah_outreach_page_toast (SerahOutreachPage *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
serah_outreach_page_say (GtkLabel *label, const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && *message != '\0');
}

char *
serah_outreach_page_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

gint64
serah_outreach_page_activity_of (SerahOutreachPage *self, GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->activity_ids->len)
    return 0;
  return g_array_index (self->activity_ids, gint64, i);
}

GtkWidget *
serah_outreach_page_row (const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

void
serah_outreach_page_name_dropdown (GtkDropDown *dropdown, const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* GTK 4.8's drop down exposes its inner toggle button as an unnamed push button of its
   * own (as the Laporan page found): give it the drop down's name for screen readers. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

void
serah_outreach_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The activity dropdowns of the registration and survey forms: "none", then the newest
 * activities first, as desks record for the one just held. */
static void
load_activity_choices (SerahOutreachPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  GtkStringList *models[] = { self->reg_activities, self->survey_activities };
  gint64 zero = 0;

  g_array_set_size (self->activity_ids, 0);
  g_array_append_val (self->activity_ids, zero);
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      gtk_string_list_splice (models[m], 0, g_list_model_get_n_items (G_LIST_MODEL (models[m])),
                              NULL);
      gtk_string_list_append (models[m], _("(no activity)"));
    }
  if (self->store == NULL)
    return;
  list = serah_activity_list (self->store, NULL, NULL, NULL, NULL);
  for (guint i = list ? list->len : 0; i > 0; i--)
    {
      const SerahActivity *a = list->pdata[i - 1];
      g_autofree char *date = serah_format_date (a->held_on);
      g_autofree char *label = g_strdup_printf ("%s · %s · %s", date,
                                                serah_activity_kind_label (a->kind), a->place);

      g_array_append_val (self->activity_ids, a->id);
      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        gtk_string_list_append (models[m], label);
    }
}

/* The desa an activity is held in and an applicant lives in: every desa of the office's
 * kabupaten in the area reference (data/areas), not only those the register already covers
 * (a registration is for someone it does not), plus the register's own areas. */
static void
load_areas (SerahOutreachPage *self)
{
  g_autoptr(GPtrArray) areas = serah_outreach_form_areas (self->store, NULL);

  if (areas == NULL)
    return;
  serah_area_selector_set_areas (self->activity_area, areas);
  serah_outreach_registrations_set_areas (self, areas);
  self->areas_loaded = TRUE;
  self->areas_stale = FALSE;
  serah_area_selector_select_all (self->activity_area, FALSE);
}

/* Issue #10: counting the register by area walks a million index entries at kabupaten
 * scale (about a fifth of the CPU before the window's first frame); the page is behind
 * Peserta at start, so it counts when it is first shown. */
static void
load_areas_when_shown (SerahOutreachPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_areas (self);
  else
    self->areas_stale = TRUE;
}

static void
reload (SerahOutreachPage *self)
{
  guint reg = gtk_drop_down_get_selected (self->reg_activity);
  guint sur = gtk_drop_down_get_selected (self->survey_activity);
  guint n;

  load_activity_choices (self);
  /* Keep the desk's choice across a reload; a new activity comes first, so move with it. */
  n = self->activity_ids->len;
  gtk_drop_down_set_selected (self->reg_activity, reg < n ? reg : 0);
  gtk_drop_down_set_selected (self->survey_activity, sur < n ? sur : 0);
  serah_outreach_activities_reload (self);
  serah_outreach_registrations_reload (self);
  serah_outreach_surveys_reload (self);
  serah_outreach_feedback_reload (self);
}

void
serah_outreach_page_changed (SerahOutreachPage *self)
{
  /* The hub calls on_store_changes below too: the lists are read again there. */
  serah_changes_emit (self->store, SERAH_CHANGE_OUTREACH);
}

static void
on_store_changes (SerahOutreachPage *self, guint what)
{
  if (!(what & (SERAH_CHANGE_OUTREACH | SERAH_CHANGE_PARTICIPANTS | SERAH_CHANGE_CEREMONIES)))
    return;
  if (what & SERAH_CHANGE_PARTICIPANTS)
    load_areas_when_shown (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || (what & SERAH_CHANGE_OUTREACH))
    reload (self);
  else
    self->stale = TRUE;
}

static void
on_map (SerahOutreachPage *self)
{
  if (self->areas_stale)
    load_areas (self);
  if (!self->stale)
    return;
  self->stale = FALSE;
  reload (self);
}

void
serah_outreach_page_update_actions (SerahOutreachPage *self)
{
  g_return_if_fail (SERAH_IS_OUTREACH_PAGE (self));

  /* Officers record; the submission list leaves the machine only by an administrator. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.export-registrations",
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.reprint-correction",
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
  /* The office's verification answer is an administrator's to record (decide () refuses an
   * officer too): an officer's session does not see the buttons as available. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.verify-registration",
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outreach.reject-registration",
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
}

static void
set_store (SerahOutreachPage *self, SerahStore *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (serah_changes_for_store (store), "changed",
                               G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);
      load_areas_when_shown (self);
    }
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
serah_outreach_page_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (object);

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
serah_outreach_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_outreach_page_dispose (GObject *object)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  serah_outreach_surveys_dispose (self);
  g_clear_pointer (&self->reg_areas, g_ptr_array_unref);
  g_clear_pointer (&self->ceremony_ids, g_array_unref);
  /* AdwBin holds its child itself: let it unparent the child before the template lets go. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_OUTREACH_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_outreach_page_parent_class)->dispose (object);
}

static void
serah_outreach_page_finalize (GObject *object)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (object);

  g_clear_pointer (&self->activity_ids, g_array_unref);
  g_clear_pointer (&self->feedback_ids, g_array_unref);
  G_OBJECT_CLASS (serah_outreach_page_parent_class)->finalize (object);
}

static void
serah_outreach_page_class_init (SerahOutreachPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = serah_outreach_page_get_property;
  object_class->set_property = serah_outreach_page_set_property;
  object_class->dispose = serah_outreach_page_dispose;
  object_class->finalize = serah_outreach_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SERAH_TYPE_AREA_SELECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-outreach-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, sub_stack);
  serah_outreach_activities_class_init (widget_class);
  serah_outreach_registrations_class_init (widget_class);
  serah_outreach_surveys_class_init (widget_class);
  serah_outreach_feedback_class_init (widget_class);
}

static void
serah_outreach_page_init (SerahOutreachPage *self)
{
  self->activity_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->feedback_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_outreach_activities_init (self);
  serah_outreach_registrations_init (self);
  serah_outreach_surveys_init (self);
  serah_outreach_feedback_init (self);
  serah_outreach_page_name_dropdown (self->activity_kind, _("Kind of activity"));
  serah_outreach_page_name_dropdown (self->reg_activity, _("Activity of the registration"));
  serah_outreach_page_name_dropdown (self->reg_sex, _("Sex of the applicant"));
  serah_outreach_page_name_dropdown (self->activity_ceremony,
                                     _("Card handover ceremony the activity went with"));
  serah_outreach_page_name_dropdown (self->reg_kecamatan, _("Kecamatan of the applicant"));
  serah_outreach_page_name_dropdown (self->reg_desa, _("Desa of the applicant"));
  serah_outreach_page_name_dropdown (self->survey_phase, _("When the quiz was taken"));
  serah_outreach_page_name_dropdown (self->survey_activity, _("Activity of the quiz"));
  serah_outreach_page_name_dropdown (self->fb_channel, _("Feedback channel"));
  serah_outreach_page_name_dropdown (self->fb_category, _("Feedback category"));
  serah_outreach_page_name_dropdown (self->fb_destination, _("Forward to"));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  serah_outreach_page_update_actions (self);
}
