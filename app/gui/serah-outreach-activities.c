/* serah-outreach-activities.c: the Kegiatan sub-page of Sosialisasi: the new-activity form
 * (kind, date, place, the desa ticked in the register's area list, partners, materials, the
 * attendance count) and the list of activities held. serah_activity_record checks and records;
 * its refusal is shown under the form, word for word. An activity held at a card handover is
 * linked to its ceremony from a drop down. Registered people present at a chosen
 * activity are listed by a card scan (the QR payload, checked as at the check-off desk), a NIK
 * or a card number; the name is shown with the NIK masked. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-outreach-page-private.h"
#include "serah-window.h"

static void
clear_form (SerahOutreachPage *self)
{
  g_autofree char *today = serah_outreach_page_today ();
  GtkCheckButton *partners[] = { self->partner_desa, self->partner_lsm, self->partner_media,
                                 self->partner_tokoh, self->partner_puskesmas };

  gtk_editable_set_text (GTK_EDITABLE (self->activity_date), today);
  gtk_editable_set_text (GTK_EDITABLE (self->activity_place), "");
  gtk_spin_button_set_value (self->activity_attendance, 0);
  gtk_spin_button_set_value (self->activity_brosur, 0);
  gtk_spin_button_set_value (self->activity_pamflet, 0);
  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    gtk_check_button_set_active (partners[i], FALSE);
  if (self->areas_loaded)
    serah_area_selector_select_all (self->activity_area, FALSE);
  gtk_drop_down_set_selected (self->activity_ceremony, 0);
  serah_outreach_page_say (self->activity_message, NULL);
}

static void
record_activity_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  /* The check buttons, in the order of serah_activity_partner_kinds. */
  GtkCheckButton *partners[] = { self->partner_desa, self->partner_lsm, self->partner_media,
                                 self->partner_tokoh, self->partner_puskesmas };
  g_autoptr(SerahActivity) draft = serah_activity_new ();
  g_autoptr(GError) error = NULL;
  const char *kecamatan = NULL, *desa = NULL;
  guint kind = gtk_drop_down_get_selected (self->activity_kind);
  gint64 brosur, pamflet, id;

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_OFFICER,
                                                         _("Recording an activity")))
    return;
  if (!serah_area_selector_get_single (self->activity_area, &kecamatan, &desa))
    {
      serah_outreach_page_say (self->activity_message,
                               _("Tick the one desa where the activity was held."));
      return;
    }
  draft->kind = g_strdup (kind < g_strv_length ((char **) serah_activity_kinds)
                          ? serah_activity_kinds[kind] : "");
  g_strlcpy (draft->held_on, gtk_editable_get_text (GTK_EDITABLE (self->activity_date)),
             sizeof draft->held_on);
  draft->place = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->activity_place)));
  draft->desa = g_strdup (desa);
  {
    guint c = gtk_drop_down_get_selected (self->activity_ceremony);

    draft->ceremony_id = c != GTK_INVALID_LIST_POSITION && c < self->ceremony_ids->len
                         ? g_array_index (self->ceremony_ids, gint64, c) : 0;
  }
  draft->kecamatan = g_strdup (kecamatan);
  draft->attendance = gtk_spin_button_get_value_as_int (self->activity_attendance);
  for (guint i = 0; i < G_N_ELEMENTS (partners); i++)
    if (gtk_check_button_get_active (partners[i]))
      {
        SerahActivityPartner *p = g_new0 (SerahActivityPartner, 1);
        p->kind = g_strdup (serah_activity_partner_kinds[i]);
        g_ptr_array_add (draft->partners, p);
      }
  brosur = gtk_spin_button_get_value_as_int (self->activity_brosur);
  pamflet = gtk_spin_button_get_value_as_int (self->activity_pamflet);
  if (brosur > 0)
    {
      SerahActivityMaterial *m = g_new0 (SerahActivityMaterial, 1);
      m->material = g_strdup ("brosur");
      m->count = brosur;
      g_ptr_array_add (draft->materials, m);
    }
  if (pamflet > 0)
    {
      SerahActivityMaterial *m = g_new0 (SerahActivityMaterial, 1);
      m->material = g_strdup ("pamflet");
      m->count = pamflet;
      g_ptr_array_add (draft->materials, m);
    }

  id = serah_activity_record (self->store, draft, serah_window_operator_for (widget), &error);
  if (id == 0)
    {
      serah_outreach_page_say (self->activity_message, error->message);
      return;
    }
  clear_form (self);
  serah_outreach_page_toast (self, _("Activity recorded."));
  serah_outreach_page_changed (self);
}

/* ---- attendance by scan or NIK ---- */

static gint64
selected_activity (SerahOutreachPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->activity_list);

  return row != NULL ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "activity-id")) : 0;
}

static void
say_attendee (SerahOutreachPage *self, const char *text, gboolean refused)
{
  serah_outreach_page_say (self->attendee_message, text);
  if (refused)
    gtk_widget_add_css_class (GTK_WIDGET (self->attendee_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->attendee_message), "error");
}

static void
add_attendee_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autofree char *code = NULL;
  g_autofree char *said = NULL;
  g_autofree char *masked = NULL;
  g_autoptr(SerahParticipant) person = NULL;
  g_autoptr(GError) error = NULL;
  gboolean newly = FALSE;
  gint64 id = selected_activity (self);

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_OFFICER,
                                                         _("Listing an attendee")))
    return;
  if (id == 0)
    {
      say_attendee (self, _("Choose the activity in the list first."), TRUE);
      return;
    }
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->attendee_code))));
  /* The code field is cleared either way: a NIK must not stay on screen. */
  gtk_editable_set_text (GTK_EDITABLE (self->attendee_code), "");
  if (!serah_activity_add_attendee (self->store, id, code, serah_window_operator_for (widget),
                                    &newly, &person, &error))
    {
      say_attendee (self, error->message, TRUE);
      return;
    }
  masked = serah_nik_mask (person->nik);
  said = newly ? g_strdup_printf (_("Listed as present: %s (%s)."), person->name, masked)
               : g_strdup_printf (_("%s (%s) is already on the list."), person->name, masked);
  say_attendee (self, said, FALSE);
  self->activity_keep_selected = id;
  serah_outreach_page_changed (self);
}

/* polish: an activity recorded before its ceremony existed, or linked to the wrong one,
 * is linked from the list: the chosen row, the ceremony chosen beside the button. */
static void
link_ceremony_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  gint64 id = selected_activity (self);
  guint chosen = gtk_drop_down_get_selected (self->link_ceremony);
  gint64 ceremony;

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_OFFICER,
                                                         _("Linking an activity to a ceremony")))
    return;
  if (id == 0)
    {
      say_attendee (self, _("Choose the activity in the list first."), TRUE);
      return;
    }
  ceremony = chosen != GTK_INVALID_LIST_POSITION && chosen < self->ceremony_ids->len
             ? g_array_index (self->ceremony_ids, gint64, chosen) : 0;
  if (!serah_activity_link_ceremony (self->store, id, ceremony,
                                     serah_window_operator_for (widget), &error))
    {
      say_attendee (self, error->message, TRUE);
      return;
    }
  if (ceremony == 0)
    said = g_strdup (_("The activity is no longer linked to a ceremony."));
  else
    said = g_strdup_printf (_("The activity is linked to the ceremony “%s”."),
                            gtk_string_list_get_string (self->activity_ceremonies, chosen));
  say_attendee (self, said, FALSE);
  self->activity_keep_selected = id;
  serah_outreach_page_changed (self);
}

/* The link drop down shows the chosen activity's ceremony, ready to be changed. */
static void
on_activity_selected (GtkListBox *list, GtkListBoxRow *row, SerahOutreachPage *self)
{
  gint64 ceremony = row ? (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row),
                                                                        "ceremony-id")) : 0;
  guint select = 0;

  if (self->ceremony_ids == NULL || self->link_ceremony == NULL)
    return;
  for (guint i = 0; i < self->ceremony_ids->len; i++)
    if (g_array_index (self->ceremony_ids, gint64, i) == ceremony)
      select = i;
  gtk_drop_down_set_selected (self->link_ceremony, select);
}

/* The ceremonies an activity can be linked to ("penyuluhan" at a handover), newest first;
 * the choice survives a reload. Returns the list for the activity rows' names. */
static GPtrArray *
load_ceremonies (SerahOutreachPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = serah_ceremony_list (self->store, &error);
  guint chosen = gtk_drop_down_get_selected (self->activity_ceremony);
  gint64 keep = chosen != GTK_INVALID_LIST_POSITION && chosen < self->ceremony_ids->len
                ? g_array_index (self->ceremony_ids, gint64, chosen) : 0;
  gint64 zero = 0;
  guint select = 0;

  gtk_string_list_splice (self->activity_ceremonies, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->activity_ceremonies)),
                          NULL);
  g_array_set_size (self->ceremony_ids, 0);
  gtk_string_list_append (self->activity_ceremonies, _("(none)"));
  g_array_append_val (self->ceremony_ids, zero);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SerahCeremony *c = list->pdata[i];
      g_autofree char *date = serah_format_date (c->date);
      g_autofree char *label = g_strdup_printf ("%s · %s", date, c->name);

      if (c->id == keep)
        select = self->ceremony_ids->len;
      gtk_string_list_append (self->activity_ceremonies, label);
      g_array_append_val (self->ceremony_ids, c->id);
    }
  gtk_drop_down_set_selected (self->activity_ceremony, select);
  return list;
}

static const char *
ceremony_name (GPtrArray *ceremonies, gint64 id)
{
  for (guint i = 0; ceremonies != NULL && i < ceremonies->len; i++)
    if (((SerahCeremony *) ceremonies->pdata[i])->id == id)
      return ((SerahCeremony *) ceremonies->pdata[i])->name;
  return NULL;
}

void
serah_outreach_activities_reload (SerahOutreachPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  gint64 keep = self->activity_keep_selected ? self->activity_keep_selected
                                             : selected_activity (self);

  g_autoptr(GPtrArray) ceremonies = NULL;

  self->activity_keep_selected = 0;
  serah_outreach_page_clear_list (self->activity_list);
  if (self->store == NULL)
    return;
  ceremonies = load_ceremonies (self);
  list = serah_activity_list (self->store, NULL, NULL, NULL, &error);
  if (list == NULL)
    {
      serah_outreach_page_toast (self, error->message);
      return;
    }
  /* Newest first. */
  for (guint i = list->len; i > 0; i--)
    {
      const SerahActivity *a = list->pdata[i - 1];
      g_autofree char *date = serah_format_date (a->held_on);
      g_autofree char *count = serah_format_count (MAX (a->attendance, a->listed));
      g_autofree char *title = g_strdup_printf ("%s · %s", date, serah_activity_kind_label (a->kind));
      g_autoptr(GString) sub = g_string_new (a->place);

      if (a->desa != NULL)
        g_string_append_printf (sub, ", %s", a->desa);
      if (a->kecamatan != NULL)
        g_string_append_printf (sub, " (%s)", a->kecamatan);
      /* TRANSLATORS: %s is a number of people. */
      g_string_append_printf (sub, _(" · %s attended"), count);
      if (a->listed > 0)
        {
          g_autofree char *listed = serah_format_count (a->listed);
          /* TRANSLATORS: %s is a number of registered people listed by scan or NIK. */
          g_string_append_printf (sub, _(" (%s listed by card or NIK)"), listed);
        }
      if (a->ceremony_id != 0)
        /* TRANSLATORS: the handover ceremony an activity went with. */
        g_string_append_printf (sub, _(" · at the ceremony “%s”"),
                                ceremony_name (ceremonies, a->ceremony_id)
                                ? ceremony_name (ceremonies, a->ceremony_id) : "?");
      for (guint k = 0; a->partners != NULL && k < a->partners->len; k++)
        {
          const SerahActivityPartner *p = a->partners->pdata[k];
          g_string_append (sub, k == 0 ? " · " : ", ");
          g_string_append (sub, serah_activity_partner_kind_label (p->kind));
        }
      for (guint k = 0; a->materials != NULL && k < a->materials->len; k++)
        {
          const SerahActivityMaterial *m = a->materials->pdata[k];
          g_autofree char *n = serah_format_count (m->count);
          g_string_append_printf (sub, "%s%s %s", k == 0 ? " · " : ", ", n, m->material);
        }
      GtkWidget *row = serah_outreach_page_row (title, sub->str);

      g_object_set_data (G_OBJECT (row), "activity-id", GSIZE_TO_POINTER (a->id));
      g_object_set_data (G_OBJECT (row), "ceremony-id", GSIZE_TO_POINTER (a->ceremony_id));
      gtk_list_box_append (self->activity_list, row);
      if (a->id == keep)
        gtk_list_box_select_row (self->activity_list, GTK_LIST_BOX_ROW (row));
    }
}

static void
on_attendee_activate (SerahOutreachPage *self)
{
  /* A scanner types the payload and Enter. */
  gtk_widget_activate_action (GTK_WIDGET (self), "outreach.add-attendee", NULL);
}

void
serah_outreach_activities_init (SerahOutreachPage *self)
{
  self->ceremony_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; serah_activity_kinds[i] != NULL; i++)
    gtk_string_list_append (self->activity_kinds, serah_activity_kind_label (serah_activity_kinds[i]));
  clear_form (self);
  g_signal_connect_swapped (self->attendee_code, "activate", G_CALLBACK (on_attendee_activate), self);
  g_signal_connect (self->activity_list, "row-selected", G_CALLBACK (on_activity_selected), self);
  serah_outreach_page_name_dropdown (self->link_ceremony, _("Ceremony of the chosen activity"));
}

void
serah_outreach_activities_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_kind);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_kinds);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_date);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_place);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_attendance);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_brosur);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_pamflet);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, partner_desa);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, partner_lsm);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, partner_media);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, partner_tokoh);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, partner_puskesmas);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_area);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_list);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, link_ceremony);
  gtk_widget_class_install_action (widget_class, "outreach.link-ceremony", NULL,
                                   link_ceremony_action);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_ceremony);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, activity_ceremonies);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, attendee_code);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, attendee_message);
  gtk_widget_class_install_action (widget_class, "outreach.record-activity", NULL,
                                   record_activity_action);
  gtk_widget_class_install_action (widget_class, "outreach.add-attendee", NULL,
                                   add_attendee_action);
}
