/* serah-ceremony-create-dialog.c: a ceremony's name, date and place, and the invitations by
 * area. The areas come from the register (serah_participants_count_by_area); each kecamatan is an
 * expander with a switch, its desas are ticked by default. The ceremony and all its
 * invitations are written by the core's serah_ceremony_create_and_invite, in one transaction
 * (either all of it exists or none) recorded under the signed-in operator. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/output/serah-format.h>
#include <serah/register/serah-register.h>

#include "serah-ceremony-create-dialog.h"
#include "serah-window.h"

typedef struct {
  char        *kecamatan;
  AdwExpanderRow *row;
  GPtrArray   *desa_names;   /* char* */
  GPtrArray   *desa_checks;  /* GtkCheckButton*, parallel */
  GArray      *desa_counts;  /* gint64, parallel */
} AreaGroup;

struct _SerahCeremonyCreateDialog
{
  AdwWindow            parent_instance;

  SerahStore          *store;
  GPtrArray           *areas;   /* AreaGroup */

  AdwToastOverlay     *toast_overlay;
  AdwEntryRow         *name_row;
  AdwEntryRow         *date_row;
  GtkLabel            *date_label;
  GtkPopover          *date_popover;
  GtkCalendar         *calendar;
  AdwEntryRow         *place_row;
  AdwPreferencesGroup *invite_group;
  GtkButton           *create_button;
};

G_DEFINE_FINAL_TYPE (SerahCeremonyCreateDialog, serah_ceremony_create_dialog, ADW_TYPE_WINDOW)

enum { CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
area_group_free (AreaGroup *group)
{
  g_free (group->kecamatan);
  g_ptr_array_unref (group->desa_names);
  g_ptr_array_unref (group->desa_checks);
  g_array_unref (group->desa_counts);
  g_free (group);
}

static void add_area_rows (SerahCeremonyCreateDialog *self);

/* A short-lived modal form: the store is fixed for its life, so it is an argument. */
SerahCeremonyCreateDialog *
serah_ceremony_create_dialog_new (GtkWindow *parent, SerahStore *store)
{
  SerahCeremonyCreateDialog *self = g_object_new (SERAH_TYPE_CEREMONY_CREATE_DIALOG,
                                                  "transient-for", parent, NULL);

  g_return_val_if_fail (SERAH_IS_STORE (store), self);
  self->store = g_object_ref (store);
  add_area_rows (self);
  return self;
}

static gint64
count_invited (SerahCeremonyCreateDialog *self)
{
  gint64 total = 0;

  for (guint i = 0; i < self->areas->len; i++)
    {
      AreaGroup *g = g_ptr_array_index (self->areas, i);
      if (!adw_expander_row_get_enable_expansion (g->row))
        continue;
      for (guint j = 0; j < g->desa_checks->len; j++)
        if (gtk_check_button_get_active (g_ptr_array_index (g->desa_checks, j)))
          total += g_array_index (g->desa_counts, gint64, j);
    }
  return total;
}

/* Switching a kecamatan on must not unfold its desas under the pointer (the next clicks
 * would untick desas instead of switching on the next kecamatan: issue 12, item 6). The
 * list opens only when the row itself is clicked. */
static void
keep_collapsed (AdwExpanderRow *row)
{
  if (adw_expander_row_get_enable_expansion (row))
    adw_expander_row_set_expanded (row, FALSE);
}

/* The date picker (issue 12): the calendar writes the day into the row in the order people
 * write it (dd-mm-yyyy, which the core reads), and the row's text, typed or picked, is shown
 * as Serah prints dates ("6 Desember 2026", serah-format.c) so a swapped day and month is seen
 * before the ceremony exists. */
static void
on_day_selected (SerahCeremonyCreateDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%d-%m-%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_popover_popdown (self->date_popover);
}

static void
on_date_text_changed (SerahCeremonyCreateDialog *self)
{
  char iso[11];
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  if (serah_date_parse (text, iso))
    {
      g_autofree char *shown = serah_format_date (iso);
      g_autoptr(GDateTime) day = g_date_time_new_local (g_ascii_strtoll (iso, NULL, 10),
                                                        g_ascii_strtoll (iso + 5, NULL, 10),
                                                        g_ascii_strtoll (iso + 8, NULL, 10),
                                                        0, 0, 0);

      gtk_label_set_text (self->date_label, shown);
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_label), "error");
      /* Follow the text in the calendar without writing the text back. */
      g_signal_handlers_block_by_func (self->calendar, on_day_selected, self);
      if (day != NULL)
        gtk_calendar_select_day (self->calendar, day);
      g_signal_handlers_unblock_by_func (self->calendar, on_day_selected, self);
    }
  else
    {
      gtk_label_set_text (self->date_label, *text ? _("not a date") : "");
      gtk_widget_add_css_class (GTK_WIDGET (self->date_label), "error");
    }
}

/* The expander row's switch has no name of its own in libadwaita 1.2: screen readers said
 * "switch" for every kecamatan. */
static void
name_enable_switch (AdwExpanderRow *row, const char *kecamatan)
{
  GtkWidget *found = NULL;
  GPtrArray *todo = g_ptr_array_new ();

  g_ptr_array_add (todo, row);
  while (todo->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_SWITCH (w))
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);
  if (found != NULL)
    {
      /* TRANSLATORS: accessible name of the switch that invites a whole kecamatan */
      g_autofree char *name = g_strdup_printf (_("Invite Kecamatan %s"),
                                               *kecamatan ? kecamatan : _("(no kecamatan)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (found), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
    }
}

static void
update_summary (SerahCeremonyCreateDialog *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("%d person will be invited.",
                                                     "%d people will be invited.",
                                                     (unsigned long) count_invited (self)),
                                           (int) count_invited (self));
  adw_preferences_group_set_title (self->invite_group, text);
}

static void
add_area_rows (SerahCeremonyCreateDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = serah_participants_count_by_area (self->store, &error);
  AreaGroup *group = NULL;

  if (counts == NULL)
    {
      adw_preferences_group_set_description (self->invite_group, error->message);
      return;
    }
  for (guint i = 0; i < counts->len; i++)
    {
      SerahAreaCount *c = g_ptr_array_index (counts, i);
      GtkWidget *row, *check, *count;
      g_autofree char *number = serah_format_count (c->participants);

      if (group == NULL || g_strcmp0 (group->kecamatan, c->kecamatan) != 0)
        {
          group = g_new0 (AreaGroup, 1);
          group->kecamatan = g_strdup (c->kecamatan);
          group->desa_names = g_ptr_array_new_with_free_func (g_free);
          group->desa_checks = g_ptr_array_new ();
          group->desa_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
          group->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group->row),
                                         *c->kecamatan ? c->kecamatan : _("(no kecamatan)"));
          adw_expander_row_set_show_enable_switch (group->row, TRUE);
          name_enable_switch (group->row, c->kecamatan);
          adw_expander_row_set_enable_expansion (group->row, FALSE);
          g_signal_connect_object (group->row, "notify::enable-expansion",
                                   G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
          g_signal_connect (group->row, "notify::enable-expansion",
                            G_CALLBACK (keep_collapsed), NULL);
          adw_preferences_group_add (self->invite_group, GTK_WIDGET (group->row));
          g_ptr_array_add (self->areas, group);
        }
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      count = gtk_label_new (number);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *c->desa ? c->desa : _("(no desa)"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (group->row, row);
      g_ptr_array_add (group->desa_names, g_strdup (c->desa));
      g_ptr_array_add (group->desa_checks, check);
      g_array_append_val (group->desa_counts, c->participants);
    }
  {
    /* The group subtitle of each kecamatan: its size, to judge at a glance. */
    for (guint i = 0; i < self->areas->len; i++)
      {
        AreaGroup *g = g_ptr_array_index (self->areas, i);
        gint64 people = 0;
        g_autofree char *subtitle = NULL;
        for (guint j = 0; j < g->desa_counts->len; j++)
          people += g_array_index (g->desa_counts, gint64, j);
        subtitle = g_strdup_printf (ngettext ("%u desa · %d participants",
                                              "%u desas · %d participants", g->desa_names->len),
                                    g->desa_names->len, (int) people);
        adw_expander_row_set_subtitle (g->row, subtitle);
      }
  }
  update_summary (self);
}

/* What is switched on as the core's invitation: the kecamatan with every desa ticked in one
 * selection (a list of kecamatan in a filter is ORed), each partly ticked kecamatan in one of
 * its own (lists in one filter are ANDed). One selection for all the whole kecamatan is one
 * pass over the register instead of one per kecamatan (issue #10: a kabupaten of 1 000 000 in
 * 35 selections took 29 s, as one 14 s). The filters and lists are kept in holder, which must
 * outlive the use. */
static SerahInvitation
chosen_invitation (SerahCeremonyCreateDialog *self, GPtrArray *holder)
{
  SerahInvitation invitation = { 0 };
  GPtrArray *selections = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *whole = g_ptr_array_new (); /* kecamatan names, borrowed from self->areas */

  g_ptr_array_add (holder, selections);
  g_ptr_array_add (holder, whole);
  for (guint i = 0; i < self->areas->len; i++)
    {
      AreaGroup *g = g_ptr_array_index (self->areas, i);
      GPtrArray *desas, *kecamatan;
      SerahParticipantFilter *filter;

      if (!adw_expander_row_get_enable_expansion (g->row))
        continue;
      desas = g_ptr_array_new ();
      for (guint j = 0; j < g->desa_checks->len; j++)
        if (gtk_check_button_get_active (g_ptr_array_index (g->desa_checks, j)))
          g_ptr_array_add (desas, g_ptr_array_index (g->desa_names, j));
      if (desas->len == 0 || desas->len == g->desa_checks->len)
        {
          if (desas->len > 0)
            g_ptr_array_add (whole, g->kecamatan);
          g_ptr_array_unref (desas);
          continue;
        }
      g_ptr_array_add (desas, NULL);
      g_ptr_array_add (holder, desas);
      kecamatan = g_ptr_array_new ();
      g_ptr_array_add (kecamatan, g->kecamatan);
      g_ptr_array_add (kecamatan, NULL);
      g_ptr_array_add (holder, kecamatan);
      filter = g_new0 (SerahParticipantFilter, 1);
      filter->kecamatan = (char **) kecamatan->pdata;
      filter->desa = (char **) desas->pdata;
      g_ptr_array_add (selections, filter);
    }
  if (whole->len > 0)
    {
      SerahParticipantFilter *filter = g_new0 (SerahParticipantFilter, 1);

      g_ptr_array_add (whole, NULL);
      filter->kecamatan = (char **) whole->pdata;
      g_ptr_array_insert (selections, 0, filter);
    }
  g_ptr_array_add (selections, NULL);
  invitation.selections = (const SerahParticipantFilter *const *) selections->pdata;
  return invitation;
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SerahCeremonyCreateDialog *self = SERAH_CEREMONY_CREATE_DIALOG (widget);
  g_autoptr(GPtrArray) holder = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  SerahInvitation invitation = chosen_invitation (self, holder);
  gint64 id;

  /* The core's use case: one transaction, and the signed-in officer in the audit log. */
  id = serah_ceremony_create_and_invite (self->store,
                                         gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->place_row)),
                                         &invitation, serah_window_operator_for (widget), NULL,
                                         NULL, &error);
  if (id == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
serah_ceremony_create_dialog_dispose (GObject *object)
{
  SerahCeremonyCreateDialog *self = SERAH_CEREMONY_CREATE_DIALOG (object);

  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_ceremony_create_dialog_parent_class)->dispose (object);
}

static void
serah_ceremony_create_dialog_class_init (SerahCeremonyCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_ceremony_create_dialog_dispose;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-ceremony-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, date_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_text_changed);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, invite_group);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyCreateDialog, create_button);

  gtk_widget_class_install_action (widget_class, "create.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
serah_ceremony_create_dialog_init (SerahCeremonyCreateDialog *self)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%d-%m-%Y");

  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) area_group_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->create_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
