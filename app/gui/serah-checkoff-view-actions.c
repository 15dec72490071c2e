/* serah-checkoff-view-actions.c: what the operator does on the check-off screen, as widget
 * actions: hand over (the core commits durably before the screen says so), undo with a
 * reason, a representative, the not-yet-served list, conflicts, station bundles. Each action
 * ends with the keyboard back in the scan field. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-checkoff-view-private.h"
#include "serah-ceremony-items.h"
#include "serah-conflicts-dialog.h"
#include "serah-pending-dialog.h"
#include "serah-representative-dialog.h"
#include "serah-station-actions.h"
#include "serah-undo-dialog.h"

/* ---- handover and undo ---- */

static void
handover_toast_dismissed (SerahCheckoffView *self)
{
  g_clear_weak_pointer (&self->handover_toast);
}

static void
toast_handover (SerahCheckoffView *self, const SerahHandover *h)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (h->recipient == SERAH_RECIPIENT_REPRESENTATIVE)
    title = g_strdup_printf (_("Handed over to %s for %s"), h->proxy_name, h->participant_name);
  else
    title = g_strdup_printf (_("Handed over to %s"), h->participant_name);
  /* One toast at a time, about the newest handover: a queue of stale toasts would make
   * "Undo" ambiguous. The toast's Undo names its handover by UUID. A toast still on screen is
   * updated rather than dismissed and replaced: libadwaita 1.2 frees a toast twice when it is
   * dismissed while its show animation runs (two handovers within a quarter second, as with a
   * queue or scan-hands-over; seen under valgrind in tests/gui/test-gui-server.c). */
  if (self->handover_toast != NULL)
    {
      adw_toast_set_title (self->handover_toast, title);
      /* It may have been turned into an "undone" notice without a button (undo_response). */
      adw_toast_set_button_label (self->handover_toast, _("_Undo"));
      adw_toast_set_action_name (self->handover_toast, "checkoff.undo");
      adw_toast_set_action_target_value (self->handover_toast, g_variant_new_string (h->uuid));
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "checkoff.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_string (h->uuid));
  adw_toast_set_timeout (toast, 8);
  g_set_weak_pointer (&self->handover_toast, toast);
  /* Once it timed out or was closed it is not updated any more (nor dismissed again). */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (handover_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
serah_checkoff_record_handover (SerahCheckoffView *self, gboolean allow_uninvited)
{
  SerahHandoverRequest request = { 0 };
  g_autoptr(SerahHandover) existing = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  /* One handover at a time through the office server; Enter again must not record twice. */
  if (self->current == NULL || self->handover_busy)
    return;
  request.ceremony_id = self->ceremony_id;
  request.participant_id = self->current->participant->id;
  request.card_serial = self->current->scanned_serial;
  request.identified_by = self->current_how;
  request.operator_name = self->operator_name;
  request.station = self->station;
  request.allow_uninvited = allow_uninvited;
  if (self->proxy_name != NULL)
    {
      request.proxy_name = self->proxy_name;
      request.proxy_relation = self->proxy_relation;
      request.proxy_id_number = self->proxy_id_number;
    }

  /* Linked to the office server: the claim's round trip runs in the desk's worker. */
  if (serah_checkoff_server_record (self, &request))
    return;
  started = g_get_monotonic_time ();
  h = serah_ceremony_record_handover (self->store, &request, &existing, &error);
  g_debug ("check-off: handover recorded (durably) in %.1f ms",
           (g_get_monotonic_time () - started) / 1000.0);
  serah_checkoff_handover_recorded (self, h, error);
}

void
serah_checkoff_handover_recorded (SerahCheckoffView *self, const SerahHandover *h,
                                  const GError *error)
{
  if (h == NULL)
    {
      if (self->current != NULL &&
          (g_error_matches (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER) ||
           g_error_matches (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_INVITED)))
        serah_checkoff_view_show_participant (self, self->current->participant->id);
      else
        serah_checkoff_show_refusal (self, error);
      return;
    }
  /* Through the office server the screen may have moved on meanwhile: the toast still says
   * who was served. */
  if (self->current == NULL || self->current->participant->id != h->participant_id)
    {
      toast_handover (self, h);
      serah_checkoff_refresh_progress (self);
      serah_changes_emit (self->store, SERAH_CHANGE_HANDOVERS);
      return;
    }

  serah_handover_free (self->current->handover);
  self->current->handover = serah_handover_copy (h);
  self->current->n_live = 1;
  g_clear_pointer (&self->last_handover, serah_handover_free);
  self->last_handover = serah_handover_copy (h);
  serah_checkoff_clear_proxy (self);
  serah_checkoff_fill_person (self);
  {
    g_autofree char *detail = serah_checkoff_describe_handover (h);
    serah_checkoff_show_banner (self, "done", "emblem-ok-symbolic",
                 h->uninvited ? _("HANDED OVER (NOT INVITED)") : _("HANDED OVER"), detail);
  }
  serah_checkoff_set_state (self, SERAH_CHECKOFF_HANDED_OVER);
  toast_handover (self, h);
  serah_checkoff_refresh_progress (self);
  serah_changes_emit (self->store, SERAH_CHANGE_HANDOVERS);
  /* The toast says who was served; the screen moves on to whoever was scanned meanwhile. */
  serah_checkoff_show_next (self);
}

static void
undo_responded (SerahUndoDialog *dialog, const char *response, SerahCheckoffView *self)
{
  g_autoptr(SerahHandover) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "undo") != 0 || self->undo_uuid == NULL)
    {
      serah_checkoff_queue_refocus (self);
      return;
    }
  reason = serah_undo_dialog_get_reason (dialog);
  undone = serah_ceremony_undo_handover (self->store, self->ceremony_id, self->undo_uuid, reason,
                                         self->operator_name, self->station, &error);
  if (undone == NULL)
    message = g_strdup_printf (_("Not undone: %s"), error->message);
  else
    /* TRANSLATORS: participant's name, then the reason given */
    message = g_strdup_printf (_("Handover to %s undone (%s)"), undone->participant_name, reason);
  /* The handover's toast, still on screen, becomes the answer (without its Undo) rather than
   * being dismissed for a new one: libadwaita 1.2 frees a toast twice when it is dismissed
   * while an animation of the overlay runs (the same crash toast_handover avoids). A refusal
   * comes in a toast of its own, leaving the Undo where it was. */
  if (undone != NULL && self->handover_toast != NULL)
    {
      adw_toast_set_title (self->handover_toast, message);
      adw_toast_set_action_name (self->handover_toast, NULL);
      adw_toast_set_button_label (self->handover_toast, NULL);
    }
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));

  if (undone != NULL)
    {
      if (self->last_handover && g_str_equal (self->last_handover->uuid, undone->uuid))
        g_clear_pointer (&self->last_handover, serah_handover_free);
      /* The person on screen may be the wrong person: never leave them one Enter away from
       * a new handover. The operator scans again if it was right after all. */
      if (self->current != NULL && self->current->participant->id == undone->participant_id)
        serah_checkoff_show_idle (self);
      serah_checkoff_refresh_progress (self);
      serah_changes_emit (self->store, SERAH_CHANGE_HANDOVERS);
      if (SERAH_IS_CONFLICTS_DIALOG (self->undo_parent))
        serah_conflicts_dialog_reload (SERAH_CONFLICTS_DIALOG (self->undo_parent));
    }
  g_clear_pointer (&self->undo_uuid, g_free);
  serah_checkoff_queue_refocus (self);
}

/* Asks for the reason, then undoes. parent: the window the dialog sits on (NULL: ours). */
static void
ask_undo (SerahCheckoffView *self, const char *uuid, const char *name, GtkWindow *parent,
          const char *preset_reason)
{
  g_autofree char *body = NULL;
  SerahUndoDialog *dialog;

  if (uuid == NULL)
    return;
  g_free (self->undo_uuid);
  self->undo_uuid = g_strdup (uuid);
  self->undo_parent = parent;
  /* TRANSLATORS: the participant's name */
  body = g_strdup_printf (_("The card of %s will count as not handed over. The handover stays "
                            "in the audit trail with the reason."), name ? name : "?");
  dialog = serah_undo_dialog_new (parent ? parent : serah_checkoff_parent_window (self), body);
  if (preset_reason != NULL)
    serah_undo_dialog_set_reason (dialog, preset_reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_responded), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
conflict_undo_requested (SerahConflictsDialog *dialog, const char *uuid, const char *name,
                         SerahCheckoffView *self)
{
  ask_undo (self, uuid, name, GTK_WINDOW (dialog), "konflik stasiun");
}

static void
representative_confirmed (SerahRepresentativeDialog *dialog, SerahCheckoffView *self)
{
  serah_checkoff_clear_proxy (self);
  self->proxy_name = g_strdup (serah_representative_dialog_get_name (dialog));
  self->proxy_relation = g_strdup (serah_representative_dialog_get_relation (dialog));
  self->proxy_id_number = g_strdup (serah_representative_dialog_get_id_number (dialog));
  self->proxy_for = self->current && self->current->handover == NULL
                      ? self->current->participant->id : 0;
  if (self->current != NULL)
    serah_checkoff_update_recipient_label (self);
  serah_checkoff_set_state (self, self->state);
}

static void
pending_participant_chosen (SerahPendingDialog *dialog, gint64 participant_id,
                            SerahCheckoffView *self)
{
  serah_checkoff_view_show_participant (self, participant_id);
}

static void
station_done (gpointer user_data, SerahStationStep step, const char *message, gint64 conflicts)
{
  SerahCheckoffView *self = user_data;

  if (step == SERAH_STATION_MERGED)
    {
      serah_checkoff_view_reload (self);
      serah_changes_emit (self->store, SERAH_CHANGE_HANDOVERS);
      return;
    }
  if (message != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  if (conflicts > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "checkoff.show-conflicts", NULL);
  serah_checkoff_queue_refocus (self);
}

/* ---- actions ---- */

static void
action_submit (GtkWidget *widget, const char *name, GVariant *param)
{
  serah_checkoff_submit (SERAH_CHECKOFF_VIEW (widget));
}

static void
action_confirm (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_checkoff_start_timing (self);
  serah_checkoff_record_handover (self, FALSE);
  serah_checkoff_finish_timing (self);
  serah_checkoff_view_focus_scan (self);
}

static void
action_confirm_uninvited (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  if (self->state != SERAH_CHECKOFF_NOT_INVITED)
    return;
  serah_checkoff_start_timing (self);
  serah_checkoff_record_handover (self, TRUE);
  serah_checkoff_finish_timing (self);
  serah_checkoff_view_focus_scan (self);
}

static void
action_clear (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_checkoff_clear_scan_text (self);
  serah_checkoff_clear_proxy (self);
  /* Esc sets the person on screen aside; whoever was scanned meanwhile comes up. */
  if (!serah_checkoff_show_next (self))
    serah_checkoff_show_idle (self);
  serah_checkoff_view_focus_scan (self);
}

static void
action_pick (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_checkoff_pick_result (self, g_variant_get_uint32 (param));
  serah_checkoff_view_focus_scan (self);
}

static void
action_move_selection (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint pos = gtk_single_selection_get_selected (self->results_selection);
  int delta = g_variant_get_int32 (param);

  if (self->state != SERAH_CHECKOFF_RESULTS || n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else
    pos = (guint) CLAMP ((int) pos + delta, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->results_selection, pos);
  gtk_widget_activate_action (GTK_WIDGET (self->results_view), "list.scroll-to-item", "u", pos);
}

static void
action_representative (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);
  SerahRepresentativeDialog *dialog = serah_representative_dialog_new (serah_checkoff_parent_window (self));

  g_signal_connect_object (dialog, "confirmed", G_CALLBACK (representative_confirmed), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (serah_checkoff_queue_refocus), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_in_person (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_checkoff_clear_proxy (self);
  if (self->current != NULL)
    serah_checkoff_update_recipient_label (self);
  serah_checkoff_set_state (self, self->state);
  serah_checkoff_view_focus_scan (self);
}

static void
action_undo (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);
  const char *uuid = g_variant_get_string (param, NULL);
  const char *who = NULL;

  if (self->last_handover != NULL && g_str_equal (self->last_handover->uuid, uuid))
    who = self->last_handover->participant_name;
  ask_undo (self, uuid, who, NULL, NULL);
}

static void
action_undo_last (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  if (self->last_handover == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  ask_undo (self, self->last_handover->uuid, self->last_handover->participant_name, NULL, NULL);
}

static void
action_undo_shown (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  if (self->current == NULL || self->current->handover == NULL)
    return;
  ask_undo (self, self->current->handover->uuid, self->current->participant->name, NULL, NULL);
}

static void
action_show_pending (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);
  SerahPendingDialog *dialog = serah_pending_dialog_new (serah_checkoff_parent_window (self), self->store,
                                                         self->ceremony_id);

  g_signal_connect_object (dialog, "participant-chosen", G_CALLBACK (pending_participant_chosen),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_show_conflicts (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);
  SerahConflictsDialog *dialog = serah_conflicts_dialog_new (serah_checkoff_parent_window (self), self->store,
                                                             self->ceremony_id);

  g_signal_connect_object (dialog, "undo-requested", G_CALLBACK (conflict_undo_requested), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_export_bundle (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_station_export_bundle (serah_checkoff_parent_window (self), self->store, self->ceremony_id,
                               self->station, self->operator_name, station_done,
                               g_object_ref (self), g_object_unref);
}

static void
action_import_bundle (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  serah_station_import_bundle (serah_checkoff_parent_window (self), self->store, self->ceremony_id,
                               self->operator_name, station_done, g_object_ref (self),
                               g_object_unref);
}

void
serah_checkoff_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "checkoff.submit", NULL, action_submit);
  gtk_widget_class_install_action (widget_class, "checkoff.confirm", NULL, action_confirm);
  gtk_widget_class_install_action (widget_class, "checkoff.confirm-uninvited", NULL,
                                   action_confirm_uninvited);
  gtk_widget_class_install_action (widget_class, "checkoff.clear", NULL, action_clear);
  gtk_widget_class_install_action (widget_class, "checkoff.pick", "u", action_pick);
  gtk_widget_class_install_action (widget_class, "checkoff.move-selection", "i",
                                   action_move_selection);
  gtk_widget_class_install_action (widget_class, "checkoff.representative", NULL,
                                   action_representative);
  gtk_widget_class_install_action (widget_class, "checkoff.in-person", NULL, action_in_person);
  gtk_widget_class_install_action (widget_class, "checkoff.undo", "s", action_undo);
  gtk_widget_class_install_action (widget_class, "checkoff.undo-last", NULL, action_undo_last);
  gtk_widget_class_install_action (widget_class, "checkoff.undo-shown", NULL, action_undo_shown);
  gtk_widget_class_install_action (widget_class, "checkoff.show-pending", NULL,
                                   action_show_pending);
  gtk_widget_class_install_action (widget_class, "checkoff.show-conflicts", NULL,
                                   action_show_conflicts);
  gtk_widget_class_install_action (widget_class, "checkoff.export-bundle", NULL,
                                   action_export_bundle);
  gtk_widget_class_install_action (widget_class, "checkoff.import-bundle", NULL,
                                   action_import_bundle);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "checkoff.confirm-uninvited", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "checkoff.confirm-uninvited", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "checkoff.representative", NULL);
  /* Ctrl+Z is in the template, in the capture phase: the scan field would take it first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0,
                                       "checkoff.move-selection", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0,
                                       "checkoff.move-selection", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "checkoff.move-selection", "i", 8);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "checkoff.move-selection", "i", -8);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "checkoff.show-pending", NULL);
}
