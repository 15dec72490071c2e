/* serah-checkoff-server.c: the check-off screen when its desk is linked to the office server
 * (issue 16). Kept apart from serah-checkoff-view.c so that the screen's own file stays
 * about scanning.
 *
 * - The line under the ceremony's name says whether the server answers ("Server kantor:
 *   tersambung") or not, and then that handovers are recorded on this desk and sent later.
 * - A handover is recorded through the desk's worker (serah-server-desk.c): the claim's round
 *   trip never blocks the main thread; scans that come meanwhile queue behind the person on
 *   screen as they do while the officer checks a KTP.
 * - Another desk's handover (heard through LISTEN/NOTIFY and pulled by the desk) comes as a
 *   change of the hub: the progress is read again, and a person waiting on screen who was
 *   served elsewhere is shown as already handed over.
 */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-checkoff-view-private.h"
#include "serah-server-desk.h"

static void
show_server_state (SerahCheckoffView *self)
{
  GtkWidget *label = GTK_WIDGET (self->server_label);
  gboolean linked = self->server_desk != NULL && serah_server_desk_get_linked (self->server_desk);
  gboolean online = linked && serah_server_desk_get_online (self->server_desk);

  gtk_widget_set_visible (label, linked);
  if (!linked)
    return;
  gtk_widget_remove_css_class (label, online ? "warning" : "success");
  gtk_widget_add_css_class (label, online ? "success" : "warning");
  gtk_label_set_text (self->server_label,
                      online ? _("Office server: connected")
                             : _("Office server: not connected. Handovers are recorded on this "
                                 "desk and sent when it is back."));
  gtk_widget_set_tooltip_text (label, online ? NULL
                                             : serah_server_desk_get_message (self->server_desk));
}

static void
store_changed (SerahCheckoffView *self, guint what)
{
  g_autoptr(SerahCheckoffEntry) entry = NULL;

  /* Only a linked desk hears other desks; its own handovers refresh the screen themselves. */
  if (!(what & SERAH_CHANGE_HANDOVERS) || self->server_desk == NULL ||
      !serah_server_desk_get_linked (self->server_desk) || self->ceremony_id == 0)
    return;
  serah_checkoff_refresh_progress (self);
  if (self->handover_busy || !serah_checkoff_is_pending (self))
    return;
  entry = serah_ceremony_get_entry (self->store, self->ceremony_id,
                                    self->current->participant->id, NULL);
  if (entry != NULL && entry->handover != NULL)
    serah_checkoff_view_show_participant (self, self->current->participant->id);
}

void
serah_checkoff_server_attach (SerahCheckoffView *self)
{
  serah_checkoff_server_detach (self);
  if (self->store == NULL)
    return;
  self->server_desk = g_object_ref (serah_server_desk_for_store (self->store));
  g_signal_connect_object (self->server_desk, "notify::online", G_CALLBACK (show_server_state),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_desk, "notify::linked", G_CALLBACK (show_server_state),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_desk, "notify::message",
                           G_CALLBACK (show_server_state), self, G_CONNECT_SWAPPED);
  self->changes = g_object_ref (serah_changes_for_store (self->store));
  g_signal_connect_object (self->changes, "changed", G_CALLBACK (store_changed), self,
                           G_CONNECT_SWAPPED);
  show_server_state (self);
}

void
serah_checkoff_server_detach (SerahCheckoffView *self)
{
  if (self->server_desk != NULL)
    g_signal_handlers_disconnect_by_data (self->server_desk, self);
  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);
  g_clear_object (&self->server_desk);
  g_clear_object (&self->changes);
}

static void
handover_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SerahCheckoffView) self = data;
  g_autoptr(SerahHandover) existing = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autoptr(GError) error = NULL;
  gboolean local_only = FALSE;

  h = serah_server_desk_record_handover_finish (SERAH_SERVER_DESK (source), result, &existing,
                                                &local_only, &error);
  self->handover_busy = FALSE;
  /* The view went away or changed ceremony meanwhile: the handover is recorded all the same. */
  if (self->store == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  serah_checkoff_handover_recorded (self, h, error);
  /* The handover's own toast says it: a second toast would queue behind it and hide the
   * Undo of the next one. */
  if (h != NULL && local_only && self->handover_toast != NULL)
    {
      g_autofree char *title =
        g_strdup_printf (_("%s (on this desk only: the office server does not answer; it is "
                           "sent when the server is back)"),
                         adw_toast_get_title (self->handover_toast));
      adw_toast_set_title (self->handover_toast, title);
    }
}

gboolean
serah_checkoff_server_record (SerahCheckoffView *self, const SerahHandoverRequest *request)
{
  if (self->server_desk == NULL || !serah_server_desk_get_linked (self->server_desk))
    return FALSE;
  self->handover_busy = TRUE;
  serah_server_desk_record_handover_async (self->server_desk, request, handover_done,
                                           g_object_ref (self));
  return TRUE;
}
