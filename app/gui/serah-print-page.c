/* serah-print-page.c: the "Cetak" page. It turns the choices on the left (template, sheet,
 * kecamatan/desa, order, options, first free slot) into a SerahPrintJob, asks the job for its
 * plan (cards, sheets, desa stacks) and hands it to the preview, which draws the job's own
 * pages. Printing itself (PDF, printer, progress, cancel) is in serah-print-page-run.c. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-print-page-private.h"
#include "serah-print-sender.h"
#include "serah-window.h"

G_DEFINE_FINAL_TYPE (SerahPrintPage, serah_print_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The order choices of order_row, as the store's sort fields. The job always groups the
 * cards by kecamatan and desa (the stacks handed out per desa); these sort within. */
static const char *const order_fields[][3] = {
  { "name", "card_no", NULL },
  { "card_no", NULL },
  { "birth_date", "name", NULL },
};

static const SerahSeparatorMode separator_modes[] = {
  SERAH_SEPARATOR_NONE, SERAH_SEPARATOR_SLOT, SERAH_SEPARATOR_PAGE,
};

GtkWidget *
serah_print_page_new (SerahStore *store)
{
  return g_object_new (SERAH_TYPE_PRINT_PAGE, "store", store, NULL);
}

SerahStore *
serah_print_page_get_store (SerahPrintPage *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_PAGE (self), NULL);
  return self->store;
}

void
serah_print_page_toast (SerahPrintPage *self, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The summary line keeps the last message, for whoever missed the toast, until the
   * choices change. */
  g_free (self->notice);
  self->notice = g_strdup (message);
  gtk_label_set_text (self->summary_label, message);
  if (SERAH_IS_WINDOW (root))
    serah_window_toast (SERAH_WINDOW (root), message);
}

void
serah_print_page_show_error (SerahPrintPage *self, const char *heading, const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  serah_print_sender_show_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error);
}

/* ---- templates, sheets, profiles ---- */

static GtkStringList *
titles_model (GPtrArray *infos)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < infos->len; i++)
    {
      SerahTemplateInfo *info = g_ptr_array_index (infos, i);
      gtk_string_list_append (list, info->title ? info->title : info->name);
    }
  return list;
}

static guint
find_info (GPtrArray *infos, const char *name)
{
  for (guint i = 0; i < infos->len; i++)
    if (g_strcmp0 (((SerahTemplateInfo *) g_ptr_array_index (infos, i))->name, name) == 0)
      return i;
  return 0;
}

static void
load_template_lists (SerahPrintPage *self)
{
  g_autoptr(GtkStringList) cards = NULL;
  g_autoptr(GtkStringList) sheets = NULL;

  self->card_infos = serah_template_list (SERAH_TEMPLATE_KIND_CARD);
  self->sheet_infos = serah_template_list (SERAH_TEMPLATE_KIND_SHEET);
  cards = titles_model (self->card_infos);
  sheets = titles_model (self->sheet_infos);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (cards));
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (sheets));
  adw_combo_row_set_selected (self->template_row, find_info (self->card_infos, "kis"));
  adw_combo_row_set_selected (self->sheet_row, find_info (self->sheet_infos, "a4-2x5"));
}

/* Loads what the combo rows name; a file that fails keeps its message for the preview. */
static void
load_choices (SerahPrintPage *self)
{
  guint t = adw_combo_row_get_selected (self->template_row);
  guint s = adw_combo_row_get_selected (self->sheet_row);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->card, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  g_clear_pointer (&self->load_error, g_free);

  if (t < self->card_infos->len)
    self->card = serah_card_template_load (((SerahTemplateInfo *) g_ptr_array_index (self->card_infos, t))->path,
                                           &error);
  if (error == NULL && s < self->sheet_infos->len)
    self->sheet = serah_sheet_load (((SerahTemplateInfo *) g_ptr_array_index (self->sheet_infos, s))->path,
                                    &error);
  if (error != NULL)
    self->load_error = g_strdup (error->message);
  else if (self->card == NULL || self->sheet == NULL)
    self->load_error = g_strdup (_("No card templates or sheets were found. Check the "
                                   "print-templates folder."));

  if (self->sheet != NULL)
    serah_slot_picker_set_layout (self->slot_picker, serah_sheet_get_columns (self->sheet),
                                  serah_sheet_get_rows (self->sheet));
  gtk_widget_set_visible (GTK_WIDGET (self->start_group),
                          self->sheet != NULL && serah_sheet_get_n_slots (self->sheet) > 1);
  gtk_widget_set_sensitive (self->duplex_row,
                            self->card != NULL && serah_card_template_has_back (self->card));
  if (self->card != NULL && !serah_card_template_has_back (self->card))
    gtk_switch_set_active (self->duplex_switch, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->ceremony_row),
                          self->card != NULL &&
                          serah_card_template_get_payload_kind (self->card) == SERAH_PAYLOAD_INVITATION);
}

static void
load_profiles (SerahPrintPage *self)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint selected = 0;

  if (self->profile_names != NULL)
    {
      guint i = adw_combo_row_get_selected (self->profile_row);
      if (i > 0 && i != GTK_INVALID_LIST_POSITION)
        chosen = g_strdup (gtk_string_list_get_string (self->profile_names, i));
    }
  g_clear_object (&self->profile_names);
  self->profile_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->profile_names, _("None (no correction)"));
  if (self->store != NULL)
    profiles = serah_printer_profiles_list (self->store, &error);
  if (error != NULL)
    g_warning ("Cannot list printer profiles: %s", error->message);
  for (guint i = 0; profiles != NULL && i < profiles->len; i++)
    {
      SerahPrinterProfile *profile = g_ptr_array_index (profiles, i);
      gtk_string_list_append (self->profile_names, profile->name);
      if (g_strcmp0 (profile->name, chosen) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (self->profile_names));
  adw_combo_row_set_selected (self->profile_row, selected);
}

void
serah_print_page_select_profile (SerahPrintPage *self, const char *name)
{
  load_profiles (self);
  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->profile_names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->profile_names, i), name) == 0)
      adw_combo_row_set_selected (self->profile_row, i);
}

SerahPrinterProfile *
serah_print_page_get_profile (SerahPrintPage *self)
{
  guint i = adw_combo_row_get_selected (self->profile_row);
  g_autoptr(GError) error = NULL;
  SerahPrinterProfile *profile;

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->store == NULL)
    return NULL;
  profile = serah_printer_profiles_get (self->store,
                                             gtk_string_list_get_string (self->profile_names, i),
                                             &error);
  if (error != NULL)
    g_warning ("Cannot read the printer profile: %s", error->message);
  return profile;
}

/* ---- the job ---- */

/* The choices of the widgets as plain data. The preview's are duplex whenever the template
 * has a back, so it can flip, and without printer correction, since that only undoes a
 * printer's error. */
static SerahPrintChoices *
snapshot_choices (SerahPrintPage *self, gboolean for_preview, GError **error)
{
  g_autoptr(SerahPrintChoices) choices = NULL;
  SerahParticipantFilter filter = { 0 };
  guint order = adw_combo_row_get_selected (self->order_row);
  guint separators = adw_combo_row_get_selected (self->separators_row);

  if (self->store == NULL)
    {
      g_set_error_literal (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                           _("No database is open."));
      return NULL;
    }
  if (self->load_error != NULL)
    {
      g_set_error_literal (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_INVALID,
                           self->load_error);
      return NULL;
    }

  choices = serah_print_choices_new ();
  choices->card = serah_card_template_ref (self->card);
  choices->sheet = serah_sheet_ref (self->sheet);
  serah_area_selector_fill_filter (self->area_selector, &filter);
  choices->kecamatan = filter.kecamatan;
  choices->desa = filter.desa;
  choices->order = order_fields[MIN (order, G_N_ELEMENTS (order_fields) - 1)];
  choices->selection = serah_area_selector_describe (self->area_selector);
  choices->include_printed = gtk_switch_get_active (self->include_printed_switch);
  choices->first_position = serah_slot_picker_get_position (self->slot_picker);
  choices->separators = separator_modes[MIN (separators, G_N_ELEMENTS (separator_modes) - 1)];
  choices->crop_marks = gtk_switch_get_active (self->crop_marks_switch);
  choices->outline = gtk_switch_get_active (self->outline_switch);
  if (serah_card_template_get_payload_kind (self->card) == SERAH_PAYLOAD_INVITATION)
    choices->ceremony_id = g_ascii_strtoll (gtk_editable_get_text (GTK_EDITABLE (self->ceremony_row)),
                                            NULL, 10);
  if (for_preview)
    choices->duplex = serah_card_template_has_back (self->card);
  else
    {
      choices->duplex = gtk_switch_get_active (self->duplex_switch);
      choices->profile = serah_print_page_get_profile (self);
    }
  return g_steal_pointer (&choices);
}

SerahPrintJob *
serah_print_page_make_job (SerahPrintPage *self, GError **error)
{
  g_autoptr(SerahPrintChoices) choices = NULL;

  g_return_val_if_fail (SERAH_IS_PRINT_PAGE (self), NULL);

  choices = snapshot_choices (self, FALSE, error);
  return choices ? serah_print_choices_make_job (choices, self->store) : NULL;
}

static guint
preview_sheets (SerahPrintPage *self)
{
  return self->plan_ok ? self->plan.sheets : 0;
}

static void
update_caption (SerahPrintPage *self)
{
  g_autofree char *text = NULL;
  guint sheet, slot;

  g_object_get (self->preview, "sheet-index", &sheet, "slot", &slot, NULL);
  if (preview_sheets (self) == 0)
    text = g_strdup ("");
  else if (gtk_toggle_button_get_active (self->view_card_button))
    /* TRANSLATORS: the slot shown large, and its sheet */
    text = g_strdup_printf (_("Slot %u of sheet %u of %u"), slot + 1, sheet + 1, preview_sheets (self));
  else
    text = g_strdup_printf (_("Sheet %u of %u"), sheet + 1, preview_sheets (self));
  gtk_label_set_text (self->preview_caption, text);
}

static void
update_summary (SerahPrintPage *self, const GError *error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (error != NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  if (self->notice != NULL)
    {
      gtk_label_set_text (self->summary_label, self->notice);
      return;
    }
  g_string_append_printf (text, g_dngettext (NULL, "%u card", "%u cards", self->plan.cards),
                          self->plan.cards);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (NULL, "%u sheet", "%u sheets", self->plan.sheets),
                          self->plan.sheets);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (NULL, "%u desa", "%u desa", self->plan.stacks),
                          self->plan.stacks);
  if (self->plan.skipped_printed > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (NULL, "%u already printed, left out",
                                           "%u already printed, left out",
                                           self->plan.skipped_printed),
                              self->plan.skipped_printed);
    }
  /* Said before printing; printing them anyway is the person's choice. */
  if (self->plan.incomplete > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (NULL, "%u with an empty faskes, kelas or date of birth",
                                           "%u with an empty faskes, kelas or date of birth",
                                           self->plan.incomplete),
                              self->plan.incomplete);
    }
  if (self->plan.fit_problems > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (NULL, "%u text shortened to fit",
                                           "%u texts shortened to fit",
                                           self->plan.fit_problems),
                              self->plan.fit_problems);
    }
  if (self->plan.incomplete > 0 || self->plan.fit_problems > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "warning");
  gtk_label_set_text (self->summary_label, text->str);
}

static void
show_plan (SerahPrintPage *self, SerahPrintChoices *choices, const GError *error)
{
  guint sheet;

  update_summary (self, error);
  if (self->plan_ok && self->plan.cards == 0)
    {
      g_autofree char *message =
        self->plan.skipped_printed > 0
          ? g_strdup (_("Everyone selected already has a card. Switch on “Include cards "
                        "already printed” to print them again."))
          : g_strdup (_("Nobody is selected. Tick a kecamatan or desa."));
      serah_card_preview_set_choices (self->preview, NULL, NULL, message);
    }
  else
    serah_card_preview_set_choices (self->preview, self->worker, self->plan_ok ? choices : NULL,
                                    error ? error->message : NULL);

  g_object_get (self->preview, "sheet-index", &sheet, NULL);
  if (sheet >= preview_sheets (self))
    g_object_set (self->preview, "sheet-index", 0, NULL);
  update_caption (self);
  serah_print_page_update_actions (self);
}

typedef struct {
  SerahPrintPage    *page;
  SerahPrintChoices *choices;
} Planning;

static void
planning_free (Planning *planning)
{
  g_object_unref (planning->page);
  serah_print_choices_unref (planning->choices);
  g_free (planning);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Planning, planning_free)

static void
on_planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Planning) planning = user_data;
  SerahPrintPage *self = planning->page;
  g_autoptr(GError) error = NULL;

  /* Superseded by newer choices (or the page went away): that plan will show. */
  if (g_task_get_cancellable (G_TASK (result)) != self->planning)
    return;
  g_clear_object (&self->planning);
  self->plan_ok = serah_print_worker_plan_finish (result, &self->plan, &error);
  if (!self->plan_ok)
    memset (&self->plan, 0, sizeof self->plan);
  show_plan (self, planning->choices, error);
}

/* Plans the current choices in the worker; the summary, the preview and the actions follow
 * when the plan is in. */
static void
refresh_now (SerahPrintPage *self)
{
  g_autoptr(SerahPrintChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  Planning *planning;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->planning != NULL)
    {
      g_cancellable_cancel (self->planning);
      g_clear_object (&self->planning);
    }

  choices = snapshot_choices (self, TRUE, &error);
  if (choices == NULL || self->worker == NULL)
    {
      self->plan_ok = FALSE;
      memset (&self->plan, 0, sizeof self->plan);
      show_plan (self, NULL, error);
      return;
    }

  self->planning = g_cancellable_new ();
  planning = g_new0 (Planning, 1);
  planning->page = g_object_ref (self);
  planning->choices = serah_print_choices_ref (choices);
  serah_print_worker_plan_async (self->worker, choices, self->planning, on_planned, planning);
  serah_print_page_update_actions (self);
}

static gboolean
refresh_idle (gpointer data)
{
  SerahPrintPage *self = data;

  self->refresh_id = 0;
  /* Issue #10: a plan of "everything" walks every participant (a million in a kabupaten);
   * behind another page nobody reads it. It is made when the page is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* Several choices often change together (a new sheet resets the first slot): plan once. */
static void
queue_refresh (SerahPrintPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

void
serah_print_page_refresh (SerahPrintPage *self)
{
  g_return_if_fail (SERAH_IS_PRINT_PAGE (self));
  refresh_now (self);
}

void
serah_print_page_update_actions (SerahPrintPage *self)
{
  gboolean busy = self->cancellable != NULL;
  /* hardening (issue 6): printing is for administrators; an officer is not offered it. */
  gboolean admin = serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN);
  gboolean can_print = admin && !busy && self->planning == NULL && self->plan_ok &&
                       self->plan.cards > 0;
  GtkWidget *widget = GTK_WIDGET (self);
  guint sheets = preview_sheets (self);
  guint sheet, slot, n_slots;

  g_object_get (self->preview, "sheet-index", &sheet, "slot", &slot, NULL);
  n_slots = self->sheet ? serah_sheet_get_n_slots (self->sheet) : 1;

  self->can_print = can_print;
  gtk_widget_action_set_enabled (widget, "print.print", can_print);
  gtk_widget_action_set_enabled (widget, "print.export-pdf", can_print);
  gtk_widget_action_set_enabled (widget, "print.cancel", busy);
  gtk_widget_action_set_enabled (widget, "print.reprint",
                                 admin && !busy && self->store && self->card && self->sheet);
  gtk_widget_action_set_enabled (widget, "print.calibrate",
                                 admin && !busy && self->store && self->sheet);
  gtk_widget_action_set_enabled (widget, "print.preview-previous", sheet > 0 || slot > 0);
  gtk_widget_action_set_enabled (widget, "print.preview-next",
                                 sheets > 0 && (sheet + 1 < sheets ||
                                                (gtk_toggle_button_get_active (self->view_card_button) &&
                                                 slot + 1 < n_slots)));
  gtk_widget_set_visible (self->progress_box, busy);
}

/* ---- store ---- */

static void
load_areas (SerahPrintPage *self)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    areas = serah_participants_count_by_area (self->store, &error);
  if (areas == NULL)
    {
      if (error != NULL)
        g_warning ("Cannot count participants by area: %s", error->message);
      areas = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_area_count_free);
    }
  serah_area_selector_set_areas (self->area_selector, areas);
}

/* Participants imported on the Peserta page, cards printed or reprinted: the counts per area
 * and the plan change. The person's choice of areas is kept; areas new since are left out
 * of a partial choice (never printed without being ticked) and in an "everything" one. */
static void
on_store_changes (SerahPrintPage *self, guint what)
{
  SerahParticipantFilter filter = { 0 };

  if (!(what & (SERAH_CHANGE_PARTICIPANTS | SERAH_CHANGE_PRINT_RUNS)))
    return;
  /* Counting by area walks the area index: done on the main thread, so only for a page on
   * screen; a hidden one catches up when shown (on_map). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  serah_area_selector_fill_filter (self->area_selector, &filter);
  load_areas (self);
  if (filter.kecamatan != NULL || filter.desa != NULL)
    {
      g_autoptr(GPtrArray) areas = NULL;

      serah_area_selector_select_all (self->area_selector, FALSE);
      areas = serah_participants_count_by_area (self->store, NULL);
      for (guint i = 0; areas != NULL && i < areas->len; i++)
        {
          const SerahAreaCount *area = areas->pdata[i];
          if ((filter.kecamatan == NULL ||
               g_strv_contains ((const char *const *) filter.kecamatan, area->kecamatan)) &&
              (filter.desa == NULL ||
               g_strv_contains ((const char *const *) filter.desa, area->desa)))
            serah_area_selector_select_area (self->area_selector, area->kecamatan, area->desa,
                                             TRUE);
        }
    }
  g_strfreev (filter.kecamatan);
  g_strfreev (filter.desa);
  queue_refresh (self);
}

void
serah_print_page_set_store (SerahPrintPage *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_PRINT_PAGE (self));
  g_return_if_fail (store == NULL || SERAH_IS_STORE (store));

  if (self->store != NULL && self->store != store)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  if (!g_set_object (&self->store, store))
    return;
  if (store != NULL)
    g_signal_connect_object (serah_changes_for_store (store), "changed",
                             G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);
  g_clear_pointer (&self->worker, serah_print_worker_unref);
  if (store != NULL)
    self->worker = serah_print_worker_new (store);
  load_profiles (self);
  /* The areas (a walk of the area index on this thread) and the plan (a walk of the
   * selection in the worker) wait until the page is shown: at start-up it is behind Peserta
   * (issue #10). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      load_areas (self);
      refresh_now (self);
    }
  else
    self->stale = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
on_map (SerahPrintPage *self)
{
  if (!self->stale)
    return;
  self->stale = FALSE;
  /* Keeps the person's choice of areas, as after an import. */
  on_store_changes (self, SERAH_CHANGE_PARTICIPANTS);
}

/* ---- signal glue: every choice leads to a new plan ---- */

static void
on_choice_changed (SerahPrintPage *self)
{
  g_clear_pointer (&self->notice, g_free);
  queue_refresh (self);
}

static void
on_template_or_sheet_changed (SerahPrintPage *self)
{
  if (self->card_infos == NULL)
    return;
  load_choices (self);
  on_choice_changed (self);
}

static void
on_view_changed (SerahPrintPage *self)
{
  guint sheet, slot, first = serah_slot_picker_get_position (self->slot_picker) - 1;

  /* A large card should show a card, not a slot the half-used sheet has used already. */
  g_object_get (self->preview, "sheet-index", &sheet, "slot", &slot, NULL);
  if (sheet == 0 && slot < first)
    g_object_set (self->preview, "slot", first, NULL);
  update_caption (self);
  serah_print_page_update_actions (self);
}

/* ---- actions ---- */

static void
select_all_action (GtkWidget *widget, const char *name, GVariant *param)
{
  serah_area_selector_select_all (SERAH_PRINT_PAGE (widget)->area_selector,
                                  g_str_equal (name, "print.select-all"));
}

static void
preview_step_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (widget);
  int step = g_str_equal (name, "print.preview-next") ? 1 : -1;
  guint sheet, slot, n_slots = self->sheet ? serah_sheet_get_n_slots (self->sheet) : 1;
  gint64 pos;

  g_object_get (self->preview, "sheet-index", &sheet, "slot", &slot, NULL);
  if (gtk_toggle_button_get_active (self->view_card_button))
    {
      /* One slot at a time, across sheets. */
      pos = (gint64) sheet * n_slots + slot + step;
      pos = CLAMP (pos, 0, (gint64) MAX (preview_sheets (self), 1) * n_slots - 1);
      g_object_set (self->preview, "sheet-index", (guint) (pos / n_slots),
                    "slot", (guint) (pos % n_slots), NULL);
    }
  else
    {
      pos = CLAMP ((gint64) sheet + step, 0, (gint64) MAX (preview_sheets (self), 1) - 1);
      g_object_set (self->preview, "sheet-index", (guint) pos, NULL);
    }
  on_view_changed (self);
}

static void
run_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (widget);

  /* hardening (issue 6): printing, reprints and printer profiles are for administrators,
   * as on the command line. */
  if (!g_str_equal (name, "print.cancel") &&
      !serah_window_require_role (widget, SERAH_ROLE_ADMIN, _("Printing")))
    return;
  if (g_str_equal (name, "print.print"))
    serah_print_page_print (self);
  else if (g_str_equal (name, "print.export-pdf"))
    serah_print_page_export_pdf (self);
  else if (g_str_equal (name, "print.cancel"))
    serah_print_page_cancel (self);
  else if (g_str_equal (name, "print.reprint"))
    serah_print_page_reprint (self);
  else if (g_str_equal (name, "print.calibrate"))
    serah_print_page_calibrate (self);
}

/* ---- GObject ---- */

static void
serah_print_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (object);

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
serah_print_page_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      serah_print_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_print_page_dispose (GObject *object)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->planning);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_PRINT_PAGE);
  g_clear_pointer (&self->worker, serah_print_worker_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->profile_names);
  g_clear_pointer (&self->card_infos, g_ptr_array_unref);
  g_clear_pointer (&self->sheet_infos, g_ptr_array_unref);
  g_clear_pointer (&self->card, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  G_OBJECT_CLASS (serah_print_page_parent_class)->dispose (object);
}

static void
serah_print_page_finalize (GObject *object)
{
  SerahPrintPage *self = SERAH_PRINT_PAGE (object);

  g_free (self->load_error);
  g_free (self->notice);
  G_OBJECT_CLASS (serah_print_page_parent_class)->finalize (object);
}

static void
serah_print_page_class_init (SerahPrintPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_print_page_dispose;
  object_class->finalize = serah_print_page_finalize;
  object_class->get_property = serah_print_page_get_property;
  object_class->set_property = serah_print_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SERAH_TYPE_AREA_SELECTOR);
  g_type_ensure (SERAH_TYPE_CARD_PREVIEW);
  g_type_ensure (SERAH_TYPE_SLOT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-print-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, content);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, template_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, ceremony_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, include_printed_switch);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, order_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, area_selector);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, crop_marks_switch);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, outline_switch);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, duplex_switch);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, duplex_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, separators_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, start_group);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, slot_picker);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, view_card_button);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, preview_caption);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, preview);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, SerahPrintPage, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_template_or_sheet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "print.print", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "print.export-pdf", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "print.cancel", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "print.reprint", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "print.calibrate", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "print.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "print.select-none", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "print.preview-previous", NULL, preview_step_action);
  gtk_widget_class_install_action (widget_class, "print.preview-next", NULL, preview_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "print.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "print.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "print.preview-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "print.preview-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "print.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "printpage");
}

static void
serah_print_page_init (SerahPrintPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  load_template_lists (self);
  load_choices (self);
  serah_print_page_update_actions (self);
}
