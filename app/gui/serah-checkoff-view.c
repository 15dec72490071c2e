/* serah-checkoff-view.c: the check-off screen. The one place where speed and clarity matter
 * most: a queue of people, a USB scanner that types the QR text and Enter, one operator.
 *
 * - The scan field owns the keyboard. Every action ends by focusing it again, and the view
 *   watches the window's focus so that a click elsewhere on the page, a toast or a closed
 *   dialog gives it back (never while a popover menu is open).
 * - Enter is context dependent: with text, look the text up (code, number or search); with
 *   an empty field and an invited person on screen, hand over. A person who is not invited
 *   is handed over only by the explicit action (Ctrl+Enter or its button).
 * - The core records each handover durably before returning (a few ms), so the view calls
 *   it synchronously and shows "done" only after it returned.
 * - No scan is ever lost. In the ceremony's default "confirm" mode a scan shows the person and
 *   the officer confirms after checking the KTP; in "scan hands over" mode a scan of an
 *   invited person hands over at once, with an Undo toast. In both, a scan that arrives while
 *   someone waits on screen is queued and shown on a "Next:" line, and comes up when the
 *   person on screen is handed over or set aside (Esc); a search or a refusal parks the
 *   waiting person at the head of that queue instead of dropping them.
 * - Everything the operator can do is a widget action; signal handlers only forward. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-list-focus.h"
#include "serah-checkoff-view-private.h"
#include "serah-ceremony-items.h"

#define SEARCH_LIMIT 50

G_DEFINE_FINAL_TYPE (SerahCheckoffView, serah_checkoff_view, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (SerahCheckoffState, serah_checkoff_state,
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_RESULTS, "results"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_NOT_INVITED, "not-invited"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_HANDED_OVER, "handed-over"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_ALREADY, "already"),
  G_DEFINE_ENUM_VALUE (SERAH_CHECKOFF_REFUSED, "refused"))

enum { PROP_0, PROP_STORE, PROP_CEREMONY_ID, PROP_OPERATOR, PROP_STATION, PROP_STATE,
       PROP_SCAN_HANDS_OVER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *const banner_kinds[] = { "done", "already", "refused", "uninvited", NULL };

/* ---- the queue: scans that arrive while someone waits for the officer ---- */

typedef struct {
  gint64             participant_id;
  SerahIdentifiedBy  how;
  char              *code;  /* the scanned text, upper case, or NULL */
  char              *name;  /* for the "Next:" line */
} SerahCheckoffNext;

static void
next_free (gpointer data)
{
  SerahCheckoffNext *next = data;

  g_free (next->code);
  g_free (next->name);
  g_free (next);
}

gboolean
serah_checkoff_is_pending (SerahCheckoffView *self)
{
  return self->current != NULL && self->current->handover == NULL &&
         (self->state == SERAH_CHECKOFF_PERSON || self->state == SERAH_CHECKOFF_NOT_INVITED);
}

static void
update_next_bar (SerahCheckoffView *self)
{
  guint n = g_queue_get_length (&self->next_queue);
  const SerahCheckoffNext *first = g_queue_peek_head (&self->next_queue);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->next_bar, n > 0);
  if (n == 0)
    return;
  if (n == 1)
    /* TRANSLATORS: the name of the next person scanned */
    text = g_strdup_printf (_("Next: %s. Shown when the person on screen is handed over or set "
                              "aside (Esc)."), first->name);
  else
    text = g_strdup_printf (ngettext ("Next: %s and %u more. Shown when the person on screen "
                                      "is handed over or set aside (Esc).",
                                      "Next: %s and %u more. Shown when the person on screen "
                                      "is handed over or set aside (Esc).", n - 1),
                            first->name, n - 1);
  gtk_label_set_label (self->next_label, text);
}

static void
enqueue (SerahCheckoffView *self, const SerahCheckoffEntry *entry, SerahIdentifiedBy how,
         const char *code, gboolean at_head)
{
  SerahCheckoffNext *next;

  /* A person scanned twice while waiting is queued once. */
  for (GList *l = self->next_queue.head; l != NULL; l = l->next)
    if (((SerahCheckoffNext *) l->data)->participant_id == entry->participant->id)
      return;
  next = g_new0 (SerahCheckoffNext, 1);
  next->participant_id = entry->participant->id;
  next->how = how;
  next->code = code ? g_ascii_strup (code, -1) : NULL;
  next->name = g_strdup (entry->participant->name);
  if (at_head)
    g_queue_push_head (&self->next_queue, next);
  else
    g_queue_push_tail (&self->next_queue, next);
  update_next_bar (self);
}

/* The person waiting on screen goes to the head of the queue: something else (search results,
 * a refusal, a choice from the list) takes the screen, and they must come back. */
static void
park_current (SerahCheckoffView *self)
{
  if (!serah_checkoff_is_pending (self))
    return;
  enqueue (self, self->current, self->current_how, self->current_code, TRUE);
  g_clear_pointer (&self->current, serah_checkoff_entry_free);
  serah_checkoff_clear_proxy (self);
}

void
serah_checkoff_clear_queue (SerahCheckoffView *self)
{
  g_queue_clear_full (&self->next_queue, next_free);
  update_next_bar (self);
}

static void show_entry (SerahCheckoffView *self, SerahCheckoffEntry *entry, SerahIdentifiedBy how,
                        const char *code);
static void show_error (SerahCheckoffView *self, const GError *error);

gboolean
serah_checkoff_show_next (SerahCheckoffView *self)
{
  SerahCheckoffNext *next = g_queue_pop_head (&self->next_queue);
  g_autoptr(GError) error = NULL;
  SerahCheckoffEntry *entry;

  if (next == NULL)
    return FALSE;
  update_next_bar (self);
  /* Re-read: minutes may have passed, another station may have served them. A queued person
   * is always shown for confirmation, even in "scan hands over" mode: the officer has not
   * looked at them yet. */
  entry = serah_ceremony_get_entry (self->store, self->ceremony_id, next->participant_id, &error);
  if (entry == NULL)
    show_error (self, error);
  else
    show_entry (self, entry, next->how, next->code);
  next_free (next);
  return TRUE;
}

/* A person identified by the scan field (entry owned): shown, queued behind the one waiting,
 * or, in "scan hands over" mode, handed over at once. */
static void
present_found (SerahCheckoffView *self, SerahCheckoffEntry *entry, SerahIdentifiedBy how,
               const char *code)
{
  if (serah_checkoff_is_pending (self) &&
      entry->participant->id != self->current->participant->id)
    {
      enqueue (self, entry, how, code, FALSE);
      serah_checkoff_entry_free (entry);
      serah_checkoff_clear_scan_text (self);
      return;
    }
  show_entry (self, entry, how, code);
  if (code != NULL && self->mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER &&
      self->state == SERAH_CHECKOFF_PERSON)
    serah_checkoff_record_handover (self, FALSE);
}

void
serah_checkoff_set_mode (SerahCheckoffView *self, SerahCheckoffMode mode)
{
  if (self->mode == mode)
    return;
  self->mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCAN_HANDS_OVER]);
}

/* ---- focus: the scan field owns the keyboard ---- */

void
serah_checkoff_view_focus_scan (SerahCheckoffView *self)
{
  g_return_if_fail (SERAH_IS_CHECKOFF_VIEW (self));

  /* Grabbing focus in this window never takes the keyboard from a dialog: a dialog is a
   * toplevel of its own with its own focus. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->scan_entry));
}

static gboolean
focus_in_popover (SerahCheckoffView *self)
{
  GtkWidget *focus = self->window ? gtk_root_get_focus (GTK_ROOT (self->window)) : NULL;

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
refocus_idle_cb (gpointer user_data)
{
  SerahCheckoffView *self = user_data;

  self->refocus_idle = 0;
  /* Decided when the idle runs, not when it was queued: focus passes through NULL on its way
   * into a menu that is opening, and a menu needs the keyboard while it is open. */
  if (!focus_in_popover (self))
    serah_checkoff_view_focus_scan (self);
  return G_SOURCE_REMOVE;
}

void
serah_checkoff_queue_refocus (SerahCheckoffView *self)
{
  if (self->refocus_idle == 0)
    self->refocus_idle = g_idle_add (refocus_idle_cb, self);
}

static void
window_focus_changed (SerahCheckoffView *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->window));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* Leave menus and popovers alone: they need the keyboard while open. */
  if (focus_in_popover (self))
    return;
  if (focus == NULL ||
      (gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
       focus != GTK_WIDGET (self->scan_entry) &&
       !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->scan_entry))))
    serah_checkoff_queue_refocus (self);
}

static void
window_active_changed (SerahCheckoffView *self)
{
  if (gtk_window_is_active (self->window))
    serah_checkoff_queue_refocus (self);
}

static void
watch_window (SerahCheckoffView *self, GtkWindow *window)
{
  if (self->window == window)
    return;
  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->focus_handler, self->window);
      g_clear_signal_handler (&self->active_handler, self->window);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
    }
  self->window = window;
  if (window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);
      self->focus_handler = g_signal_connect_swapped (window, "notify::focus-widget",
                                                      G_CALLBACK (window_focus_changed), self);
      self->active_handler = g_signal_connect_swapped (window, "notify::is-active",
                                                       G_CALLBACK (window_active_changed), self);
    }
}

GtkWindow *
serah_checkoff_parent_window (SerahCheckoffView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- timing: Enter to the frame that shows the answer ---- */

static void
after_paint (GdkFrameClock *clock, SerahCheckoffView *self)
{
  g_clear_signal_handler (&self->after_paint_handler, clock);
  g_clear_object (&self->frame_clock);
  if (self->submit_started == 0)
    return;
  self->feedback_usec = g_get_monotonic_time () - self->submit_started;
  self->submit_started = 0;
  g_debug ("check-off: Enter to screen %.1f ms", self->feedback_usec / 1000.0);
}

void
serah_checkoff_start_timing (SerahCheckoffView *self)
{
  self->submit_started = g_get_monotonic_time ();
}

void
serah_checkoff_finish_timing (SerahCheckoffView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->submit_started == 0 || self->after_paint_handler != 0)
    return;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint),
                                                self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- what the screen shows ---- */

void
serah_checkoff_set_state (SerahCheckoffView *self, SerahCheckoffState state)
{
  static const char *const pages[] = {
    [SERAH_CHECKOFF_IDLE] = "idle",
    [SERAH_CHECKOFF_RESULTS] = "results",
    [SERAH_CHECKOFF_PERSON] = "person",
    [SERAH_CHECKOFF_NOT_INVITED] = "person",
    [SERAH_CHECKOFF_HANDED_OVER] = "person",
    [SERAH_CHECKOFF_ALREADY] = "person",
    [SERAH_CHECKOFF_REFUSED] = "refused",
  };
  gboolean person = g_str_equal (pages[state], "person");

  gtk_stack_set_visible_child_name (self->result_stack, pages[state]);
  gtk_widget_set_visible (self->confirm_button, state == SERAH_CHECKOFF_PERSON);
  gtk_widget_set_visible (self->uninvited_button, state == SERAH_CHECKOFF_NOT_INVITED);
  gtk_widget_set_visible (self->representative_button,
                          state == SERAH_CHECKOFF_PERSON || state == SERAH_CHECKOFF_NOT_INVITED);
  gtk_widget_set_visible (self->self_button, person && self->proxy_name != NULL &&
                                               (state == SERAH_CHECKOFF_PERSON ||
                                                state == SERAH_CHECKOFF_NOT_INVITED));
  gtk_widget_set_visible (self->undo_shown_button,
                          state == SERAH_CHECKOFF_ALREADY || state == SERAH_CHECKOFF_HANDED_OVER);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkoff.confirm",
                                 state == SERAH_CHECKOFF_PERSON);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkoff.confirm-uninvited",
                                 state == SERAH_CHECKOFF_NOT_INVITED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkoff.undo-shown",
                                 state == SERAH_CHECKOFF_ALREADY ||
                                 state == SERAH_CHECKOFF_HANDED_OVER);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

void
serah_checkoff_show_banner (SerahCheckoffView *self, const char *kind, const char *icon, const char *title,
             const char *detail)
{
  GtkWidget *banner = GTK_WIDGET (self->banner);

  for (guint i = 0; banner_kinds[i] != NULL; i++)
    gtk_widget_remove_css_class (banner, banner_kinds[i]);
  if (kind == NULL)
    {
      gtk_widget_set_visible (banner, FALSE);
      return;
    }
  gtk_widget_add_css_class (banner, kind);
  gtk_image_set_from_icon_name (self->banner_icon, icon);
  gtk_label_set_label (self->banner_title, title);
  gtk_label_set_label (self->banner_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_detail), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (banner, TRUE);
}

void
serah_checkoff_clear_scan_text (SerahCheckoffView *self)
{
  self->clearing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->scan_entry), "");
  self->clearing = FALSE;
}

void
serah_checkoff_clear_proxy (SerahCheckoffView *self)
{
  g_clear_pointer (&self->proxy_name, g_free);
  g_clear_pointer (&self->proxy_relation, g_free);
  g_clear_pointer (&self->proxy_id_number, g_free);
  self->proxy_for = 0;
}

void
serah_checkoff_update_recipient_label (SerahCheckoffView *self)
{
  g_autofree char *text = NULL;

  if (self->current != NULL && self->current->handover != NULL)
    text = serah_format_recipient (self->current->handover);
  else if (self->proxy_name != NULL)
    {
      /* The screen faces the queue: the representative's KTP number is masked like a NIK
       * (the full number is recorded, never shown). */
      g_autofree char *id = serah_nik_mask (self->proxy_id_number);
      /* TRANSLATORS: representative's name, relationship and ID number */
      text = g_strdup_printf (_("Representative: %s (%s), ID %s"), self->proxy_name,
                              self->proxy_relation,
                              self->proxy_id_number && *self->proxy_id_number
                                ? id : _("not given"));
    }
  else
    text = g_strdup (_("The participant in person"));
  gtk_label_set_label (self->person_recipient, text);
  if (self->proxy_name != NULL && (self->current == NULL || self->current->handover == NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->person_recipient), "representative");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->person_recipient), "representative");
}

char *
serah_checkoff_describe_handover (const SerahHandover *h)
{
  g_autofree char *when = serah_format_time (h->handed_at);
  g_autofree char *to_whom = serah_format_recipient (h);

  /* TRANSLATORS: when, operator, station, to whom: "10:32, 12 Mei 2025 by Andi at station
   * MEJA-2, to Budi Saputra in person" */
  return g_strdup_printf (_("%s by %s at station %s, to %s"), when,
                          h->operator_name ? h->operator_name : "?",
                          h->station ? h->station : "?", to_whom);
}

void
serah_checkoff_fill_person (SerahCheckoffView *self)
{
  const SerahCheckoffEntry *e = self->current;
  const SerahParticipant *p = e->participant;
  g_autofree char *nik = serah_nik_mask (p->nik);
  g_autofree char *birth = serah_format_iso_date (p->birth_date);
  g_autofree char *place = serah_format_card_place (e->card);
  g_autofree char *area = g_strdup_printf (_("%s, Kecamatan %s"), p->desa ? p->desa : "?",
                                           p->kecamatan ? p->kecamatan : "?");

  gtk_label_set_label (self->person_name, p->name);
  gtk_label_set_label (self->person_area, area);
  gtk_label_set_label (self->person_nik, nik);
  gtk_label_set_label (self->person_birth, *p->birth_date ? birth : _("unknown"));
  gtk_label_set_label (self->person_place, place);
  gtk_label_set_label (self->person_invited, e->invited ? _("Invited to this ceremony")
                                                        : _("Not invited to this ceremony"));
  serah_checkoff_update_recipient_label (self);
}

/* Shows the entry (ownership taken) and decides what Enter will do. */
static void
show_entry (SerahCheckoffView *self, SerahCheckoffEntry *entry, SerahIdentifiedBy how,
            const char *code)
{
  SerahCheckoffState state;

  g_clear_pointer (&self->current, serah_checkoff_entry_free);
  self->current = entry;
  self->current_how = how;
  g_free (self->current_code);
  self->current_code = code ? g_ascii_strup (code, -1) : NULL;

  /* A representative typed in before the scan applies to the person found; one typed for
   * somebody else does not follow to the next person. */
  if (self->proxy_name != NULL && self->proxy_for != 0 &&
      self->proxy_for != entry->participant->id)
    serah_checkoff_clear_proxy (self);
  else if (self->proxy_name != NULL)
    self->proxy_for = entry->participant->id;

  serah_checkoff_fill_person (self);
  if (entry->handover != NULL)
    {
      g_autofree char *detail = serah_checkoff_describe_handover (entry->handover);
      if (entry->n_live > 1)
        {
          g_autofree char *more =
            g_strdup_printf (ngettext ("%s. Recorded %u time by different stations: review the conflicts.",
                                       "%s. Recorded %u times by different stations: review the conflicts.",
                                       entry->n_live),
                             detail, entry->n_live);
          g_free (detail);
          detail = g_steal_pointer (&more);
        }
      {
        g_autofree char *full = g_strdup_printf ("%s\n%s", detail,
                                                 _("Nothing was recorded. Do not hand over a second card."));
        g_free (detail);
        detail = g_steal_pointer (&full);
      }
      state = SERAH_CHECKOFF_ALREADY;
      serah_checkoff_show_banner (self, "already", "dialog-warning-symbolic", _("ALREADY HANDED OVER"), detail);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  else if (!entry->invited)
    {
      state = SERAH_CHECKOFF_NOT_INVITED;
      serah_checkoff_show_banner (self, "uninvited", "dialog-question-symbolic",
                   _("NOT INVITED TO THIS CEREMONY"),
                   _("Check the person and their papers. To hand over all the same, press "
                     "Ctrl+Enter or “Hand Over Anyway”."));
    }
  else
    {
      state = SERAH_CHECKOFF_PERSON;
      serah_checkoff_show_banner (self, NULL, NULL, NULL, NULL);
    }
  serah_checkoff_clear_scan_text (self);
  serah_checkoff_set_state (self, state);
}

static const char *
refusal_title (const GError *refusal)
{
  const char *code = serah_ceremony_refusal_code (refusal);

  if (g_str_equal (code, "forged"))
    return _("REFUSED — FORGED OR ALTERED CODE");
  if (g_str_equal (code, "voided"))
    return _("REFUSED — THIS CARD WAS VOIDED");
  if (g_str_equal (code, "other-database"))
    return _("REFUSED — CODE FROM ANOTHER OFFICE");
  if (g_str_equal (code, "unknown-card"))
    return _("REFUSED — CARD NOT PRINTED HERE");
  if (g_str_equal (code, "wrong-ceremony"))
    return _("REFUSED — INVITATION FOR ANOTHER CEREMONY");
  if (g_str_equal (code, "malformed"))
    return _("REFUSED — NOT A SERAH CODE");
  if (g_str_equal (code, "closed"))
    return _("REFUSED — THE CEREMONY IS CLOSED");
  return _("REFUSED");
}

void
serah_checkoff_show_refusal (SerahCheckoffView *self, const GError *refusal)
{
  g_autofree char *title = NULL;

  park_current (self);
  g_clear_pointer (&self->current, serah_checkoff_entry_free);
  /* The same refusal again right after the first must not look like nothing happened: the
   * banner counts it (issue 12: "a repeated identical refusal looks exactly like the first"). */
  if (self->state == SERAH_CHECKOFF_REFUSED && g_strcmp0 (self->last_refusal, refusal->message) == 0)
    self->refusal_repeats++;
  else
    self->refusal_repeats = 1;
  g_free (self->last_refusal);
  self->last_refusal = g_strdup (refusal->message);
  title = self->refusal_repeats > 1
            /* TRANSLATORS: a refusal banner's title, then how many times in a row */
            ? g_strdup_printf (_("%s (again, %u×)"), refusal_title (refusal),
                               self->refusal_repeats)
            : g_strdup (refusal_title (refusal));
  serah_checkoff_show_banner (self, "refused", "action-unavailable-symbolic", title,
                              refusal->message);
  serah_checkoff_clear_scan_text (self);
  serah_checkoff_set_state (self, SERAH_CHECKOFF_REFUSED);
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
show_error (SerahCheckoffView *self, const GError *error)
{
  g_warning ("check-off: %s", error->message);
  serah_checkoff_show_refusal (self, error);
}

void
serah_checkoff_show_idle (SerahCheckoffView *self)
{
  g_clear_pointer (&self->current, serah_checkoff_entry_free);
  serah_checkoff_show_banner (self, NULL, NULL, NULL, NULL);
  serah_checkoff_set_state (self, SERAH_CHECKOFF_IDLE);
}

/* The people this ceremony expects come first: invited and waiting, then invited and served,
 * then the rest of the register. GLib's sort is stable, so the core's order stays within. */
static int
result_rank (const SerahCheckoffEntry *e)
{
  return !e->invited ? 2 : e->handover != NULL ? 1 : 0;
}

static int
compare_results (gconstpointer a, gconstpointer b)
{
  return result_rank (*(SerahCheckoffEntry **) a) - result_rank (*(SerahCheckoffEntry **) b);
}

static void
show_results (SerahCheckoffView *self, GPtrArray *entries, gboolean more, const char *query,
              SerahIdentifiedBy how)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new (); /* borrows the entries */
  g_autofree char *label = NULL;

  park_current (self);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (entries, i));
  g_ptr_array_sort (sorted, compare_results);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (items, serah_checkoff_item_new (g_ptr_array_index (sorted, i)));
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
  g_free (self->results_query);
  self->results_query = g_strdup (query);
  self->results_how = how;

  if (entries->len == 0)
    label = g_strdup_printf (_("Nobody matches “%s”."), query);
  else if (more)
    label = g_strdup_printf (_("The first %u matches for “%s”: type more to narrow down. "
                               "Up/Down to choose, Enter to pick."), entries->len, query);
  else
    label = g_strdup_printf (ngettext ("%u match for “%s”. Up/Down to choose, Enter to pick.",
                                       "%u matches for “%s”. Up/Down to choose, Enter to pick.",
                                       entries->len),
                             entries->len, query);
  gtk_label_set_label (self->results_label, label);
  gtk_single_selection_set_selected (self->results_selection, 0);
  if (entries->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->results_view), "list.scroll-to-item", "u", 0);
  serah_checkoff_show_banner (self, NULL, NULL, NULL, NULL);
  serah_checkoff_set_state (self, SERAH_CHECKOFF_RESULTS);
}

void
serah_checkoff_refresh_progress (SerahCheckoffView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) progress = NULL;

  if (self->store != NULL && self->ceremony_id > 0)
    {
      progress = serah_ceremony_get_progress (self->store, self->ceremony_id, &error);
      if (progress == NULL)
        g_warning ("check-off: cannot read progress: %s", error->message);
    }
  serah_checkoff_progress_set_progress (self->progress_panel, progress);
}

static void
refresh_ceremony (SerahCheckoffView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store != NULL && self->ceremony_id > 0)
    ceremony = serah_ceremony_get (self->store, self->ceremony_id, &error);
  if (ceremony == NULL)
    {
      serah_checkoff_set_mode (self, SERAH_CHECKOFF_MODE_CONFIRM);
      gtk_label_set_label (self->ceremony_title, _("No ceremony chosen"));
      gtk_label_set_label (self->ceremony_subtitle, error ? error->message : "");
      return;
    }
  serah_checkoff_set_mode (self, serah_ceremony_get_checkoff_mode (self->store,
                                                                   self->ceremony_id));
  date = serah_format_iso_date (ceremony->date);
  /* TRANSLATORS: date · place · station (laptop) · operator */
  subtitle = g_strdup_printf (_("%s · %s · station %s · operator %s%s"), date, ceremony->place,
                              self->station ? self->station : g_get_host_name (),
                              self->operator_name ? self->operator_name : g_get_user_name (),
                              ceremony->closed_at ? _(" · CLOSED") : "");
  if (self->mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER)
    {
      g_autofree char *with_mode = g_strconcat (subtitle, _(" · a scan hands over"), NULL);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_mode);
    }
  gtk_label_set_label (self->ceremony_title, ceremony->name);
  gtk_label_set_label (self->ceremony_subtitle, subtitle);
}

void
serah_checkoff_view_reload (SerahCheckoffView *self)
{
  g_return_if_fail (SERAH_IS_CHECKOFF_VIEW (self));

  refresh_ceremony (self);
  serah_checkoff_refresh_progress (self);
  /* A merge may have served the person waiting on screen; a finished one stays as is. */
  if (self->current != NULL && self->store != NULL &&
      (self->state == SERAH_CHECKOFF_PERSON || self->state == SERAH_CHECKOFF_NOT_INVITED))
    serah_checkoff_view_show_participant (self, self->current->participant->id);
}

void
serah_checkoff_view_show_participant (SerahCheckoffView *self, gint64 participant_id)
{
  g_autoptr(GError) error = NULL;
  SerahCheckoffEntry *entry;
  SerahIdentifiedBy how = SERAH_IDENTIFIED_SEARCH;

  g_return_if_fail (SERAH_IS_CHECKOFF_VIEW (self));

  if (self->current != NULL && self->current->participant->id == participant_id)
    how = self->current_how;
  else
    park_current (self);
  entry = serah_ceremony_get_entry (self->store, self->ceremony_id, participant_id, &error);
  if (entry == NULL)
    show_error (self, error);
  else
    {
      g_autofree char *code = g_strdup (self->current_code);
      show_entry (self, entry, how, how == SERAH_IDENTIFIED_SEARCH ? NULL : code);
    }
  serah_checkoff_view_focus_scan (self);
}

/* ---- the scan field ---- */

void
serah_checkoff_pick_result (SerahCheckoffView *self, guint position)
{
  g_autoptr(SerahCheckoffItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->results), position);
  const SerahCheckoffEntry *e;

  if (item == NULL)
    return;
  e = serah_checkoff_item_get_entry (item);
  /* Re-read: the list may be seconds old and another station may have served them. */
  self->current_how = self->results_how;
  g_clear_pointer (&self->current_code, g_free);
  {
    g_autoptr(GError) error = NULL;
    SerahCheckoffEntry *fresh = serah_ceremony_get_entry (self->store, self->ceremony_id,
                                                          e->participant->id, &error);
    if (fresh == NULL)
      show_error (self, error);
    else
      show_entry (self, fresh, self->results_how, NULL);
  }
}

void
serah_checkoff_submit (SerahCheckoffView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))));
  g_autoptr(SerahLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;

  serah_checkoff_start_timing (self);
  if (*text == '\0')
    {
      if (self->state == SERAH_CHECKOFF_PERSON)
        serah_checkoff_record_handover (self, FALSE);
      else if (self->state == SERAH_CHECKOFF_RESULTS)
        serah_checkoff_pick_result (self, gtk_single_selection_get_selected (self->results_selection));
      else if (self->state == SERAH_CHECKOFF_NOT_INVITED)
        gtk_widget_error_bell (GTK_WIDGET (self)); /* plain Enter must not do it */
      else
        serah_checkoff_show_next (self); /* after a banner: the next person scanned, if any */
      serah_checkoff_finish_timing (self);
      return;
    }

  /* Enter on search results picks the highlighted person. */
  if (self->state == SERAH_CHECKOFF_RESULTS && g_strcmp0 (text, self->results_query) == 0 &&
      gtk_single_selection_get_selected (self->results_selection) != GTK_INVALID_LIST_POSITION)
    {
      serah_checkoff_pick_result (self, gtk_single_selection_get_selected (self->results_selection));
      serah_checkoff_finish_timing (self);
      return;
    }

  lookup = serah_ceremony_lookup (self->store, self->ceremony_id, text, SEARCH_LIMIT, &error);
  if (lookup == NULL)
    show_error (self, error);
  else
    switch (lookup->kind)
      {
      case SERAH_LOOKUP_EMPTY:
        break;
      case SERAH_LOOKUP_FOUND:
        {
          gboolean scanned = lookup->identified_by == SERAH_IDENTIFIED_SCAN_CARD ||
                             lookup->identified_by == SERAH_IDENTIFIED_SCAN_INVITATION;
          g_autofree char *upper = g_ascii_strup (text, -1);

          /* Scanning the card on screen a second time is a deliberate "yes". */
          if (scanned && self->state == SERAH_CHECKOFF_PERSON && self->current_code != NULL &&
              g_str_equal (upper, self->current_code))
            {
              serah_checkoff_clear_scan_text (self);
              serah_checkoff_record_handover (self, FALSE);
            }
          else
            present_found (self, g_steal_pointer (&lookup->entry), lookup->identified_by,
                           scanned ? text : NULL);
        }
        break;
      case SERAH_LOOKUP_RESULTS:
        show_results (self, lookup->results, lookup->more, text, SERAH_IDENTIFIED_SEARCH);
        break;
      case SERAH_LOOKUP_REFUSED:
        serah_checkoff_show_refusal (self, lookup->refusal);
        break;
      }
  serah_checkoff_finish_timing (self);
}

static void
search (SerahCheckoffView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->scan_entry))));
  g_autoptr(SerahLookup) lookup = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = strlen (text);

  if (self->clearing)
    return;
  if (len == 0)
    {
      if (self->state == SERAH_CHECKOFF_RESULTS && !serah_checkoff_show_next (self))
        serah_checkoff_show_idle (self);
      return;
    }
  /* Wait for Enter on codes; a name needs a few letters before it narrows anything. */
  if (serah_text_looks_like_code (text) || len < 3)
    return;

  lookup = serah_ceremony_lookup (self->store, self->ceremony_id, text, SEARCH_LIMIT, &error);
  if (lookup == NULL)
    {
      g_warning ("check-off: search failed: %s", error->message);
      return;
    }
  if (lookup->kind == SERAH_LOOKUP_RESULTS)
    show_results (self, lookup->results, lookup->more, text, SERAH_IDENTIFIED_SEARCH);
  else if (lookup->kind == SERAH_LOOKUP_FOUND)
    {
      /* An exact NIK or card number: one result, Enter picks it. */
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      g_ptr_array_add (one, lookup->entry);
      show_results (self, one, FALSE, text, lookup->identified_by);
    }
}

static void
scan_entry_activated (SerahCheckoffView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkoff.submit", NULL);
}

static void
scan_entry_search_changed (SerahCheckoffView *self)
{
  search (self);
}

static void
scan_entry_stopped (SerahCheckoffView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkoff.clear", NULL);
}

static void
results_view_activated (SerahCheckoffView *self, guint position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkoff.pick", "u", position);
}

/* ---- GObject ---- */

SerahCheckoffState
serah_checkoff_view_get_state (SerahCheckoffView *self)
{
  g_return_val_if_fail (SERAH_IS_CHECKOFF_VIEW (self), SERAH_CHECKOFF_IDLE);
  return self->state;
}

double
serah_checkoff_view_get_feedback_ms (SerahCheckoffView *self)
{
  g_return_val_if_fail (SERAH_IS_CHECKOFF_VIEW (self), 0.0);
  return self->feedback_usec / 1000.0;
}

static void
ceremony_changed (SerahCheckoffView *self)
{
  g_clear_pointer (&self->last_handover, serah_handover_free);
  serah_checkoff_clear_proxy (self);
  serah_checkoff_clear_queue (self);
  serah_checkoff_clear_scan_text (self);
  serah_checkoff_show_idle (self);
  refresh_ceremony (self);
  serah_checkoff_refresh_progress (self);
}

/* The organiser's choice for the whole ceremony, kept by the core (and audited there). */
static void
set_scan_hands_over (SerahCheckoffView *self, gboolean scan_hands_over)
{
  SerahCheckoffMode mode = scan_hands_over ? SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER
                                           : SERAH_CHECKOFF_MODE_CONFIRM;
  g_autoptr(GError) error = NULL;

  if (mode == self->mode)
    return;
  if (self->store == NULL || self->ceremony_id <= 0 ||
      !serah_ceremony_set_checkoff_mode (self->store, self->ceremony_id, mode,
                                         self->operator_name, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The check-off mode was not changed: %s"),
                                                  error ? error->message
                                                        : _("no ceremony is open"));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  serah_checkoff_set_mode (self, mode);
  refresh_ceremony (self);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER
                                                ? _("A scan now hands over at once (Undo in the notice)")
                                                : _("A scan now shows the person; Enter hands over after the KTP check")));
}

/* g_set_str arrives in GLib 2.76; the project targets 2.74. */
static gboolean
set_string (char **target, const char *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;
  g_free (*target);
  *target = g_strdup (value);
  return TRUE;
}

static void
serah_checkoff_view_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CEREMONY_ID:
      g_value_set_int64 (value, self->ceremony_id);
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, self->operator_name);
      break;
    case PROP_STATION:
      g_value_set_string (value, self->station);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_SCAN_HANDS_OVER:
      g_value_set_boolean (value, self->mode == SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_checkoff_view_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          serah_checkoff_server_attach (self);
          ceremony_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CEREMONY_ID:
      if (self->ceremony_id != g_value_get_int64 (value))
        {
          self->ceremony_id = g_value_get_int64 (value);
          ceremony_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_OPERATOR:
      if (set_string (&self->operator_name, g_value_get_string (value)))
        {
          refresh_ceremony (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STATION:
      if (set_string (&self->station, g_value_get_string (value)))
        {
          refresh_ceremony (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SCAN_HANDS_OVER:
      set_scan_hands_over (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_checkoff_view_root (GtkWidget *widget)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (widget);

  GTK_WIDGET_CLASS (serah_checkoff_view_parent_class)->root (widget);
  watch_window (self, serah_checkoff_parent_window (self));
}

static void
serah_checkoff_view_unroot (GtkWidget *widget)
{
  watch_window (SERAH_CHECKOFF_VIEW (widget), NULL);
  GTK_WIDGET_CLASS (serah_checkoff_view_parent_class)->unroot (widget);
}

static void
serah_checkoff_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (serah_checkoff_view_parent_class)->map (widget);
  serah_checkoff_queue_refocus (SERAH_CHECKOFF_VIEW (widget));
}

static void
serah_checkoff_view_dispose (GObject *object)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (object);

  watch_window (self, NULL);
  serah_checkoff_server_detach (self);
  g_clear_handle_id (&self->refocus_idle, g_source_remove);
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_weak_pointer (&self->handover_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_CHECKOFF_VIEW);
  g_clear_object (&self->results_selection);
  g_clear_object (&self->results);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_checkoff_view_parent_class)->dispose (object);
}

static void
serah_checkoff_view_finalize (GObject *object)
{
  SerahCheckoffView *self = SERAH_CHECKOFF_VIEW (object);

  g_clear_pointer (&self->current, serah_checkoff_entry_free);
  g_clear_pointer (&self->last_handover, serah_handover_free);
  g_queue_clear_full (&self->next_queue, next_free);
  serah_checkoff_clear_proxy (self);
  g_free (self->current_code);
  g_free (self->last_refusal);
  g_free (self->undo_uuid);
  g_free (self->results_query);
  g_free (self->operator_name);
  g_free (self->station);
  G_OBJECT_CLASS (serah_checkoff_view_parent_class)->finalize (object);
}

static void
serah_checkoff_view_class_init (SerahCheckoffViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = serah_checkoff_view_get_property;
  object_class->set_property = serah_checkoff_view_set_property;
  object_class->dispose = serah_checkoff_view_dispose;
  object_class->finalize = serah_checkoff_view_finalize;
  widget_class->root = serah_checkoff_view_root;
  widget_class->unroot = serah_checkoff_view_unroot;
  widget_class->map = serah_checkoff_view_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE, rw);
  properties[PROP_CEREMONY_ID] =
    g_param_spec_int64 ("ceremony-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  /* NULL: the system user and the host name, as the core records them. */
  properties[PROP_OPERATOR] = g_param_spec_string ("operator", NULL, NULL, NULL, rw);
  properties[PROP_STATION] = g_param_spec_string ("station", NULL, NULL, NULL, rw);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SERAH_TYPE_CHECKOFF_STATE, SERAH_CHECKOFF_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The ceremony's check-off mode; FALSE = confirm after the KTP check (the default). */
  properties[PROP_SCAN_HANDS_OVER] =
    g_param_spec_boolean ("scan-hands-over", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SERAH_TYPE_CHECKOFF_PROGRESS);
  g_type_ensure (SERAH_TYPE_CHECKOFF_ITEM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkoff");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-checkoff-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, ceremony_title);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, ceremony_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, server_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, scan_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, banner);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, banner_title);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, banner_detail);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, next_bar);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, next_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, result_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, results_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, results_view);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_name);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_area);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_nik);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_birth);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_place);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_invited);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, person_recipient);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, uninvited_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, representative_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, self_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, undo_shown_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCheckoffView, progress_panel);
  gtk_widget_class_bind_template_callback (widget_class, scan_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, scan_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, scan_entry_stopped);
  gtk_widget_class_bind_template_callback (widget_class, results_view_activated);

  serah_checkoff_view_class_init_actions (widget_class);
  gtk_widget_class_install_property_action (widget_class, "checkoff.scan-hands-over",
                                            "scan-hands-over");
}

static void
serah_checkoff_view_init (SerahCheckoffView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->results_view));
  g_queue_init (&self->next_queue);

  self->results = g_list_store_new (SERAH_TYPE_CHECKOFF_ITEM);
  self->results_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_single_selection_set_autoselect (self->results_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->results_selection, TRUE);
  gtk_list_view_set_model (self->results_view, GTK_SELECTION_MODEL (self->results_selection));
  serah_checkoff_set_state (self, SERAH_CHECKOFF_IDLE);
  refresh_ceremony (self);
}
