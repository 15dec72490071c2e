/* serah-outreach-registrations.c: the Pendaftaran sub-page of Sosialisasi: the on-site form of
 * a person not yet covered, checked by serah_registration_record exactly as the CLI checks it
 * (NIK and KK structure, region, the birth date and sex the NIK encodes, already a participant,
 * already registered). Every problem the core finds is listed under the form, errors and
 * warnings alike, in its own words. The NIK is shown masked once typed (Enter or leaving the
 * field): a person at the desk may stand behind the officer. Administrators export the
 * submission list that goes to BPJS / Dinsos for verification, and record its answer on a
 * chosen row (verified; rejected with a reason), whose status history shows under the list. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "serah-file-chooser.h"
#include "serah-outreach-page-private.h"
#include "serah-window.h"

/* Shows the NIK masked once it is a whole one; the digits stay in self->reg_nik. */
static void
mask_nik (SerahOutreachPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->reg_nik_entry));
  g_autofree char *nik = g_strstrip (g_strdup (text));
  g_autofree char *masked = NULL;

  if (strlen (nik) != 16 || !serah_nik_is_wellformed (nik))
    return;  /* left as typed, so the person sees what to correct */
  g_strlcpy (self->reg_nik, nik, sizeof self->reg_nik);
  masked = serah_nik_mask (nik);
  gtk_editable_set_text (GTK_EDITABLE (self->reg_nik_entry), masked);
}

/* The NIK the form holds: the masked one stands for self->reg_nik; anything else was typed. */
static char *
current_nik (SerahOutreachPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->reg_nik_entry));
  g_autofree char *masked = self->reg_nik[0] ? serah_nik_mask (self->reg_nik) : NULL;

  if (masked != NULL && strcmp (text, masked) == 0)
    return g_strdup (self->reg_nik);
  self->reg_nik[0] = '\0';
  return g_strstrip (g_strdup (text));
}

static void
on_nik_focus_enter (GtkEventControllerFocus *focus, SerahOutreachPage *self)
{
  g_autofree char *masked = self->reg_nik[0] ? serah_nik_mask (self->reg_nik) : NULL;

  /* Correcting means typing it again: the digits are never put back on screen. */
  if (masked != NULL &&
      strcmp (gtk_editable_get_text (GTK_EDITABLE (self->reg_nik_entry)), masked) == 0)
    {
      self->reg_nik[0] = '\0';
      gtk_editable_set_text (GTK_EDITABLE (self->reg_nik_entry), "");
    }
}

static void
on_nik_focus_leave (GtkEventControllerFocus *focus, SerahOutreachPage *self)
{
  mask_nik (self);
}

static void
on_nik_activate (SerahOutreachPage *self)
{
  mask_nik (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->reg_kk));
}

/* ---- desa and kecamatan: chosen from a list, never typed ----
 *
 * The list is the office kabupaten's areas of the reference (data/areas) with the register's
 * own (serah_outreach_form_areas), names the importer also normalises to, so the core's
 * region check compares the NIK's kecamatan with a reference name, not with a spelling typed
 * at the desk; and an activity's desa (ticked from the same list) matches the desa of the
 * people registered there. Item 0 of both lists is "(choose)". */

static const char *
chosen_name (GtkDropDown *dropdown, GtkStringList *names)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return "";
  return gtk_string_list_get_string (names, i);
}

static void
fill_desas (SerahOutreachPage *self)
{
  const char *kecamatan = chosen_name (self->reg_kecamatan, self->reg_kecamatans);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reg_desas));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) _("(choose the kecamatan first)"));
  if (kecamatan[0] != '\0')
    {
      names->pdata[0] = (gpointer) _("(choose)");
      for (guint i = 0; self->reg_areas != NULL && i < self->reg_areas->len; i++)
        {
          const SerahAreaCount *a = self->reg_areas->pdata[i];

          if (a->desa != NULL && g_strcmp0 (a->kecamatan, kecamatan) == 0)
            g_ptr_array_add (names, a->desa);
        }
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->reg_desas, 0, n, (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->reg_desa, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reg_desa), kecamatan[0] != '\0');
}

static void
on_kecamatan_selected (GtkDropDown *dropdown, GParamSpec *pspec, SerahOutreachPage *self)
{
  /* Also emitted while the template is disposed: nothing to fill then. */
  if (self->reg_desas != NULL && self->reg_desa != NULL && self->reg_kecamatans != NULL)
    fill_desas (self);
}

static gboolean
select_name (GtkDropDown *dropdown, GtkStringList *names, const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  for (guint i = 1; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
serah_outreach_registrations_set_areas (SerahOutreachPage *self, GPtrArray *areas)
{
  g_autofree char *kecamatan = g_strdup (chosen_name (self->reg_kecamatan, self->reg_kecamatans));
  g_autofree char *desa = g_strdup (chosen_name (self->reg_desa, self->reg_desas));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reg_kecamatans));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_clear_pointer (&self->reg_areas, g_ptr_array_unref);
  self->reg_areas = areas != NULL ? g_ptr_array_ref (areas) : NULL;
  g_ptr_array_add (names, (gpointer) _("(choose)"));
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      const SerahAreaCount *a = areas->pdata[i];

      if (a->kecamatan != NULL && g_hash_table_add (seen, a->kecamatan))
        g_ptr_array_add (names, a->kecamatan);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->reg_kecamatans, 0, n, (const char *const *) names->pdata);
  /* A reload (another page's import, a new activity) keeps what the desk chose. */
  if (!select_name (self->reg_kecamatan, self->reg_kecamatans, kecamatan))
    gtk_drop_down_set_selected (self->reg_kecamatan, 0);
  fill_desas (self);
  select_name (self->reg_desa, self->reg_desas, desa);
}

static void
clear_form (SerahOutreachPage *self)
{
  GtkEntry *entries[] = { self->reg_nik_entry, self->reg_kk, self->reg_name, self->reg_birth,
                          self->reg_address, self->reg_rt, self->reg_rw, self->reg_phone,
                          self->reg_reason };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  memset (self->reg_nik, 0, sizeof self->reg_nik);
  gtk_drop_down_set_selected (self->reg_sex, 0);
  /* The desa and kecamatan stay: the next person at the same desk is most likely a neighbour. */
}

static const char *
text_of (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static void
record_registration_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(SerahRegistration) draft = serah_registration_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  g_autofree char *nik = NULL, *kk = NULL;
  static const SerahSex sexes[] = { SERAH_SEX_UNKNOWN, SERAH_SEX_MALE, SERAH_SEX_FEMALE };
  guint sex = gtk_drop_down_get_selected (self->reg_sex);
  gint64 id;

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_OFFICER,
                                                         _("Recording a registration")))
    return;
  nik = current_nik (self);
  kk = g_strstrip (g_strdup (text_of (self->reg_kk)));
  g_strlcpy (draft->nik, nik, sizeof draft->nik);
  g_strlcpy (draft->kk, kk, sizeof draft->kk);
  draft->name = g_strdup (text_of (self->reg_name));
  draft->sex = sex < G_N_ELEMENTS (sexes) ? sexes[sex] : SERAH_SEX_UNKNOWN;
  g_strlcpy (draft->birth_date, text_of (self->reg_birth), sizeof draft->birth_date);
  draft->address = g_strdup (text_of (self->reg_address));
  draft->rt = g_strdup (text_of (self->reg_rt));
  draft->rw = g_strdup (text_of (self->reg_rw));
  draft->desa = g_strdup (chosen_name (self->reg_desa, self->reg_desas));
  draft->kecamatan = g_strdup (chosen_name (self->reg_kecamatan, self->reg_kecamatans));
  draft->phone = g_strdup (text_of (self->reg_phone));
  draft->reason = g_strdup (text_of (self->reg_reason));
  draft->activity_id = serah_outreach_page_activity_of (self, self->reg_activity);

  if (strlen (nik) > 16 || strlen (kk) > 16)
    {
      /* The record's fields hold 16 digits: say so rather than cut a longer number. */
      serah_outreach_page_say (self->reg_message,
                               strlen (nik) > 16
                               ? _("NIK: the number has more than 16 digits; it must have 16.")
                               : _("No. KK: the number has more than 16 digits; it must have 16."));
      return;
    }

  id = serah_registration_record (self->store, draft, NULL, serah_window_operator_for (widget),
                                  &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];

      if (said->len > 0)
        g_string_append_c (said, '\n');
      /* TRANSLATORS: a problem found in a registration form: "Error: ..." or "Warning: ...". */
      g_string_append_printf (said, p->error ? _("Error: %s") : _("Warning: %s"), p->message);
    }
  if (id == 0)
    {
      gboolean form_errors = FALSE;

      for (guint i = 0; problems != NULL && i < problems->len; i++)
        form_errors |= ((const SerahRegistrationProblem *) problems->pdata[i])->error;
      if (form_errors)
        g_string_prepend (said, _("Not recorded. Correct the form:\n"));
      else if (error != NULL)
        /* A rule after the form's checks (already a participant, already registered here). */
        g_string_append_printf (said, "%s%s", said->len ? "\n" : "", error->message);
      serah_outreach_page_say (self->reg_message, said->str);
      return;
    }
  serah_outreach_page_say (self->reg_message, said->len ? said->str : NULL);
  clear_form (self);
  serah_outreach_page_toast (self, _("Registration recorded: to be submitted for verification."));
  serah_outreach_page_changed (self);
}

/* ---- the submission list, for administrators ---- */

typedef struct {
  SerahOutreachPage      *page;
  SerahRegistrationFormat format;
} ExportFlow;

static void
on_export_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autofree ExportFlow *flow = user_data;
  g_autoptr(SerahOutreachPage) self = flow->page;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  SerahRegistrationFilter filter = { TRUE, SERAH_REGISTRATION_SUBMITTED, NULL, NULL, 0 };
  guint n = 0;

  if (path == NULL || self->store == NULL)
    return;
  if (g_str_has_suffix (path, ".xlsx"))
    flow->format = SERAH_REGISTRATION_FORMAT_XLSX;
  if (!serah_registration_export (self->store, &filter, flow->format, path,
                                  serah_window_operator_for (GTK_WIDGET (self)), &n, &error))
    {
      serah_outreach_page_toast (self, error->message);
      return;
    }
  done = g_strdup_printf (ngettext ("%u registration written to the submission list.",
                                    "%u registrations written to the submission list.", n), n);
  serah_outreach_page_toast (self, done);
}

static void
export_registrations_action (GtkWidget *widget, const char *action, GVariant *param)
{
  SerahOutreachPage *self = SERAH_OUTREACH_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  ExportFlow *flow;

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_ADMIN,
                                                         _("Exporting the submission list")))
    return;
  gtk_file_filter_set_name (filter, _("Spreadsheets (XLSX, CSV)"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_filter_add_pattern (filter, "*.csv");
  chooser = serah_file_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    _("Export the Submission List"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "pengajuan-pendaftaran.xlsx");
  flow = g_new0 (ExportFlow, 1);
  flow->page = g_object_ref (self);
  flow->format = SERAH_REGISTRATION_FORMAT_CSV;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), flow);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the office's answer, for administrators: verified, or rejected with a reason ---- */

static gint64
selected_registration (SerahOutreachPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->reg_list);

  return row != NULL ? GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "registration-id"))
                     : 0;
}

/* The chosen registration's events, oldest first, one a line: what the office decided, when
 * and by whom. Events are appended, never changed, so this is the whole story. */
static void
show_history (SerahOutreachPage *self)
{
  gint64 id = selected_registration (self);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (id == 0 || self->store == NULL)
    {
      gtk_label_set_text (self->reg_history,
                          _("Choose a registration to see its status history."));
      return;
    }
  events = serah_registration_history (self->store, id, &error);
  if (events == NULL)
    {
      gtk_label_set_text (self->reg_history, error->message);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      const SerahRegistrationEvent *e = events->pdata[i];
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (e->at);
      g_autofree char *at = when != NULL ? serah_format_date_time (when, FALSE) : g_strdup ("?");

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s · %s", at, serah_registration_status_label (e->status));
      if (e->reason != NULL && e->reason[0] != '\0')
        g_string_append_printf (text, ": %s", e->reason);
      if (e->operator_name != NULL && e->operator_name[0] != '\0')
        /* TRANSLATORS: who recorded a status of a registration. */
        g_string_append_printf (text, _(" (by %s)"), e->operator_name);
    }
  gtk_label_set_text (self->reg_history, text->str);
}

static void
on_registration_selected (GtkListBox *list, GtkListBoxRow *row, SerahOutreachPage *self)
{
  /* The list emits this once more while the template is disposed, its children gone. */
  if (self->reg_list == NULL || self->reg_history == NULL)
    return;
  show_history (self);
}

static void
decide (SerahOutreachPage *self, SerahRegistrationStatus status)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gint64 id = selected_registration (self);
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !serah_window_require_role (widget, SERAH_ROLE_ADMIN,
                                                         _("Recording the verification answer")))
    return;
  if (id == 0)
    {
      serah_outreach_page_say (self->reg_decision_message,
                               _("Choose a registration in the list first."));
      return;
    }
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reg_decision_reason))));
  if (status == SERAH_REGISTRATION_REJECTED && reason[0] == '\0')
    {
      serah_outreach_page_say (self->reg_decision_message,
                               _("A rejection needs the reason: type it beside the buttons."));
      gtk_widget_grab_focus (GTK_WIDGET (self->reg_decision_reason));
      return;
    }
  if (!serah_registration_set_status (self->store, id, status,
                                      status == SERAH_REGISTRATION_REJECTED ? reason : NULL,
                                      serah_window_operator_for (widget), &error))
    {
      serah_outreach_page_say (self->reg_decision_message, error->message);
      return;
    }
  serah_outreach_page_say (self->reg_decision_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->reg_decision_reason), "");
  self->reg_keep_selected = id;
  serah_outreach_page_toast (self, status == SERAH_REGISTRATION_VERIFIED
                                   ? _("Registration marked verified.")
                                   : _("Registration marked rejected."));
  serah_outreach_page_changed (self);
}

static void
verify_registration_action (GtkWidget *widget, const char *action, GVariant *param)
{
  decide (SERAH_OUTREACH_PAGE (widget), SERAH_REGISTRATION_VERIFIED);
}

static void
reject_registration_action (GtkWidget *widget, const char *action, GVariant *param)
{
  decide (SERAH_OUTREACH_PAGE (widget), SERAH_REGISTRATION_REJECTED);
}

void
serah_outreach_registrations_reload (SerahOutreachPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[4] = { 0 };
  g_autofree char *summary = NULL;

  gint64 keep = self->reg_keep_selected ? self->reg_keep_selected : selected_registration (self);

  self->reg_keep_selected = 0;
  serah_outreach_page_clear_list (self->reg_list);
  if (self->store == NULL)
    {
      show_history (self);
      return;
    }
  list = serah_registration_list (self->store, NULL, &error);
  if (list == NULL)
    {
      serah_outreach_page_toast (self, error->message);
      return;
    }
  /* The newest 200 on screen; the export has them all. */
  for (guint i = list->len; i > 0; i--)
    {
      const SerahRegistration *r = list->pdata[i - 1];
      g_autofree char *masked = serah_nik_mask (r->nik);
      g_autofree char *title = g_strdup_printf ("%s · %s", r->name ? r->name : "", masked);
      g_autofree char *sub = NULL;
      GtkWidget *row;

      counts[r->status]++;
      if (list->len - i >= 200)
        continue;
      sub = g_strdup_printf ("%s%s%s · %s%s%s", r->desa ? r->desa : "",
                             r->kecamatan ? ", " : "", r->kecamatan ? r->kecamatan : "",
                             serah_registration_status_label (r->status),
                             r->status_reason ? ": " : "",
                             r->status_reason ? r->status_reason : "");
      row = serah_outreach_page_row (title, sub);
      g_object_set_data (G_OBJECT (row), "registration-id", GSIZE_TO_POINTER (r->id));
      gtk_list_box_append (self->reg_list, row);
      if (r->id == keep)
        gtk_list_box_select_row (self->reg_list, GTK_LIST_BOX_ROW (row));
    }
  show_history (self);
  summary = g_strdup_printf (_("%u submitted, %u verified, %u rejected, %u now participants."),
                             counts[SERAH_REGISTRATION_SUBMITTED],
                             counts[SERAH_REGISTRATION_VERIFIED],
                             counts[SERAH_REGISTRATION_REJECTED],
                             counts[SERAH_REGISTRATION_COVERED]);
  gtk_label_set_text (self->reg_summary, summary);
}

void
serah_outreach_registrations_init (SerahOutreachPage *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_string_list_append (self->reg_sexes, _("(choose)"));
  gtk_string_list_append (self->reg_sexes, _("Male"));
  gtk_string_list_append (self->reg_sexes, _("Female"));
  g_signal_connect (focus, "enter", G_CALLBACK (on_nik_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_nik_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->reg_nik_entry), focus);
  g_signal_connect_swapped (self->reg_nik_entry, "activate", G_CALLBACK (on_nik_activate), self);
  g_signal_connect (self->reg_list, "row-selected", G_CALLBACK (on_registration_selected), self);
  g_signal_connect (self->reg_kecamatan, "notify::selected", G_CALLBACK (on_kecamatan_selected),
                    self);
  serah_outreach_registrations_set_areas (self, NULL);
}

void
serah_outreach_registrations_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_activity);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_activities);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_nik_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_kk);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_name);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_sex);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_sexes);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_birth);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_address);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_rt);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_rw);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_desa);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_kecamatan);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_kecamatans);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_desas);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_phone);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_reason);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_message);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_summary);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_list);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_history);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_decision_reason);
  gtk_widget_class_bind_template_child (widget_class, SerahOutreachPage, reg_decision_message);
  gtk_widget_class_install_action (widget_class, "outreach.record-registration", NULL,
                                   record_registration_action);
  gtk_widget_class_install_action (widget_class, "outreach.export-registrations", NULL,
                                   export_registrations_action);
  gtk_widget_class_install_action (widget_class, "outreach.verify-registration", NULL,
                                   verify_registration_action);
  gtk_widget_class_install_action (widget_class, "outreach.reject-registration", NULL,
                                   reject_registration_action);
}
