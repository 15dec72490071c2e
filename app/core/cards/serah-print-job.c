/* serah-print-job.c: a print run, from the selection to sheets of cards, with the run and
 * every card recorded in the same transaction (see serah-print-job.h for the contract).
 *
 * One walk over the selection serves three purposes: planning (count only), the preview
 * (draw one page, record nothing) and the run (record, sign, draw every page). The walk
 * is run twice for a print: first to count each desa's cards (the separator says how many
 * are in the stack), then to print. Only one sheet's worth of cards is ever in memory. */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <serah/cards/serah-print-job.h>

#include "cards/serah-print-job-private.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

G_DEFINE_QUARK (serah-print-error-quark, serah_print_error)

#define PT_PER_MM (72.0 / 25.4)
#define BATCH_REPRINT_REASON SERAH_BATCH_REPRINT_REASON


G_DEFINE_FINAL_TYPE (SerahPrintJob, serah_print_job, G_TYPE_OBJECT)

static void
clear_filter (SerahParticipantFilter *f)
{
  g_clear_pointer (&f->kecamatan, g_strfreev);
  g_clear_pointer (&f->desa, g_strfreev);
  g_clear_pointer (&f->order, g_strfreev);
}

static void
serah_print_job_finalize (GObject *object)
{
  SerahPrintJob *self = SERAH_PRINT_JOB (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->template_, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  clear_filter (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->selection_text);
  g_free (self->calibration_name);
  g_free (self->operator_name);
  g_clear_pointer (&self->extra, g_hash_table_unref);
  g_free (self->reprint_reason);
  g_clear_pointer (&self->fit_report, serah_fit_report_free);
  g_clear_pointer (&self->incomplete, g_ptr_array_unref);
  G_OBJECT_CLASS (serah_print_job_parent_class)->finalize (object);
}

static void
serah_print_job_class_init (SerahPrintJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = serah_print_job_finalize;
}

static void
serah_print_job_init (SerahPrintJob *self)
{
  self->first_position = 1;
  self->separators = SERAH_SEPARATOR_SLOT;
  self->nik_display = -1;
  self->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

SerahPrintJob *
serah_print_job_new (SerahStore *store, SerahCardTemplate *template_, SerahSheet *sheet)
{
  SerahPrintJob *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (template_ != NULL && sheet != NULL, NULL);

  self = g_object_new (SERAH_TYPE_PRINT_JOB, NULL);
  self->store = g_object_ref (store);
  self->template_ = serah_card_template_ref (template_);
  self->sheet = serah_sheet_ref (sheet);
  return self;
}

SerahStore *
serah_print_job_get_store (SerahPrintJob *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), NULL);
  return self->store;
}

SerahCardTemplate *
serah_print_job_get_template (SerahPrintJob *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), NULL);
  return self->template_;
}

SerahSheet *
serah_print_job_get_sheet (SerahPrintJob *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), NULL);
  return self->sheet;
}

/* ---- options ---- */

void
serah_print_job_set_filter (SerahPrintJob *self, const SerahParticipantFilter *filter)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));

  clear_filter (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  if (filter == NULL)
    return;
  self->filter.kecamatan = g_strdupv (filter->kecamatan);
  self->filter.desa = g_strdupv (filter->desa);
  self->filter.order = g_strdupv (filter->order);
}

void
serah_print_job_set_participant_ids (SerahPrintJob *self, const gint64 *ids, guint n_ids)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  clear_filter (&self->filter);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  {
    /* Twice the same person would print a card and then skip it as already printed. */
    g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    for (guint i = 0; i < n_ids; i++)
      if (g_hash_table_add (seen, (gpointer) &ids[i]))
        g_array_append_val (self->ids, ids[i]);
  }
}

void
serah_print_job_set_selection_text (SerahPrintJob *self, const char *text)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_free (self->selection_text);
  self->selection_text = g_strdup (text);
}

void
serah_print_job_set_first_position (SerahPrintJob *self, guint position)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->first_position = MAX (position, 1);
}

void
serah_print_job_set_separators (SerahPrintJob *self, SerahSeparatorMode mode)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->separators = mode;
}

void
serah_print_job_set_crop_marks (SerahPrintJob *self, gboolean crop_marks)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->crop_marks = crop_marks;
}

void
serah_print_job_set_outline (SerahPrintJob *self, gboolean outline)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->outline = outline;
}

void
serah_print_job_set_duplex (SerahPrintJob *self, gboolean duplex)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->duplex = duplex;
}

void
serah_print_job_set_include_printed (SerahPrintJob *self, gboolean include_printed)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->include_printed = include_printed;
}

void
serah_print_job_set_nik_display (SerahPrintJob *self, int nik_display)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->nik_display = CLAMP (nik_display, -1, 1);
}

void
serah_print_job_set_calibration (SerahPrintJob *self, const SerahPrinterProfile *profile)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));

  g_clear_pointer (&self->calibration_name, g_free);
  self->has_calibration = profile != NULL;
  if (profile == NULL)
    return;
  self->calibration = (SerahCalibration) { profile->offset_x_mm, profile->offset_y_mm,
                                           profile->scale_x, profile->scale_y };
  self->calibration_name = g_strdup (profile->name);
}

void
serah_print_job_set_operator (SerahPrintJob *self, const char *operator_name)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
}

void
serah_print_job_set_extra (SerahPrintJob *self, const char *key, const char *value)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    g_hash_table_remove (self->extra, key);
  else
    g_hash_table_replace (self->extra, g_strdup (key), g_strdup (value));
}

void
serah_print_job_set_ceremony_id (SerahPrintJob *self, gint64 ceremony_id)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->ceremony_id = ceremony_id;
}

void
serah_print_job_set_reprint_reason (SerahPrintJob *self, const char *reason)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_free (self->reprint_reason);
  self->reprint_reason = g_strdup (reason);
}

/* ---- the walk ---- */

static gboolean
check_options (SerahPrintJob *self, GError **error)
{
  guint n_slots = serah_sheet_get_n_slots (self->sheet);

  if (!serah_sheet_check_card (self->sheet, self->template_, error))
    return FALSE;
  if (self->duplex && !serah_card_template_has_back (self->template_))
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                   _("The template “%s” has no back side to print in duplex."),
                   serah_card_template_get_name (self->template_));
      return FALSE;
    }
  if (self->first_position > n_slots)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                   _("The first position must be between 1 and %u on the sheet “%s”."), n_slots,
                   serah_sheet_get_name (self->sheet));
      return FALSE;
    }
  if (self->first_position > 1 && self->separators == SERAH_SEPARATOR_PAGE)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                   _("A first position needs separators in a slot (or none), not on a page."));
      return FALSE;
    }
  if (serah_card_template_get_payload_kind (self->template_) == SERAH_PAYLOAD_INVITATION &&
      self->ceremony_id <= 0)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                   _("The template “%s” prints invitations: say for which ceremony."),
                   serah_card_template_get_name (self->template_));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_invitation (SerahPrintJob *self)
{
  return serah_card_template_get_payload_kind (self->template_) == SERAH_PAYLOAD_INVITATION;
}

/* The cards of one sheet waiting for their backs (duplex). */
struct _BackEntry {
  SerahParticipant *participant;
  gint64            serial;
  char             *payload;
  guint             stack_index, stack_total;
};

static void
back_entry_clear (BackEntry *b)
{
  g_clear_pointer (&b->participant, serah_participant_free);
  g_clear_pointer (&b->payload, g_free);
}

gboolean
serah_print_walk_begin (SerahPrintWalk *w, SerahPrintJob *job, SerahStore *store, GError **error)
{
  memset (w, 0, sizeof *w);
  w->job = job;
  w->store = store;
  w->n_slots = serah_sheet_get_n_slots (job->sheet);
  w->slot = job->first_position - 1;
  w->page_target = -1;
  w->backs = g_new0 (BackEntry, w->n_slots);
  w->group_sizes = g_array_new (FALSE, TRUE, sizeof (guint));
  w->extra = g_hash_table_new (g_str_hash, g_str_equal);
  {
    GHashTableIter iter;
    gpointer key, value;
    g_hash_table_iter_init (&iter, job->extra);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (w->extra, key, value);
  }
  w->office = serah_store_get_setting (store, "office-name");
  if (w->office != NULL)
    g_hash_table_insert (w->extra, "office", w->office);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    w->print_date = g_date_time_format (now, "%d-%m-%Y");
    g_hash_table_insert (w->extra, "print_date", w->print_date);
  }
  return check_options (job, error);
}

void
serah_print_walk_end (SerahPrintWalk *w)
{
  if (w->backs != NULL)
    for (guint i = 0; i < w->n_slots; i++)
      back_entry_clear (&w->backs[i]);
  g_clear_pointer (&w->backs, g_free);
  g_clear_pointer (&w->group_sizes, g_array_unref);
  g_clear_pointer (&w->extra, g_hash_table_unref);
  g_clear_pointer (&w->group_kecamatan, g_free);
  g_clear_pointer (&w->group_desa, g_free);
  g_clear_pointer (&w->office, g_free);
  g_clear_pointer (&w->print_date, g_free);
  g_clear_pointer (&w->renderer, serah_card_renderer_free);
  g_clear_pointer (&w->pending, g_array_unref);
  g_clear_pointer (&w->pending_text, g_string_chunk_free);
}

/* Whether page (0-based PDF page) is drawn in this walk. */
static gboolean
drawing_page (SerahPrintWalk *w, guint page)
{
  return w->cr != NULL && (w->page_target < 0 || (guint) w->page_target == page);
}

static guint
front_page (SerahPrintWalk *w)
{
  return w->sheet * (w->job->duplex ? 2 : 1);
}

static SerahCardRenderer *walk_renderer (SerahPrintWalk *w);

/* Starts a page: the calibration is part of the page's transform. */
static void
page_enter (SerahPrintWalk *w)
{
  cairo_save (w->cr);
  serah_card_renderer_begin_page (walk_renderer (w));
  if (w->job->has_calibration)
    serah_render_apply_calibration (w->cr, &w->job->calibration);
}

static gboolean
page_leave (SerahPrintWalk *w, GError **error)
{
  cairo_restore (w->cr);
  if (w->surface != NULL)
    cairo_show_page (w->cr);
  if (cairo_status (w->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT,
                   _("Cannot write the PDF: %s"), cairo_status_to_string (cairo_status (w->cr)));
      return FALSE;
    }
  return TRUE;
}

static void
draw_page_marks (SerahPrintWalk *w)
{
  SerahPrintJob *job = w->job;

  if (job->outline)
    for (guint i = 0; i < w->n_slots; i++)
      serah_render_slot_outline (w->cr, job->sheet, i, job->template_);
  if (job->crop_marks)
    serah_render_crop_marks (w->cr, job->sheet, job->template_);
}

static SerahCardRenderer *
walk_renderer (SerahPrintWalk *w)
{
  if (w->renderer == NULL)
    {
      w->renderer = serah_card_renderer_new (w->job->template_);
      serah_card_renderer_set_report (w->renderer, w->job->fit_report);
    }
  return w->renderer;
}

/* Which of the fields that may be missing from a list the template shows. */
enum {
  SHOWN_FASKES = 1 << 0,
  SHOWN_CLASS = 1 << 1,
  SHOWN_BIRTH = 1 << 2,
  SHOWN_ADDRESS = 1 << 3,
  SHOWN_DESA = 1 << 4,
};

static guint
template_shown_fields (SerahCardTemplate *t)
{
  guint shown = 0;

  for (guint i = 0; i < t->elements->len; i++)
    {
      const SerahElement *e = t->elements->pdata[i];
      if (e->type != SERAH_ELEMENT_TEXT || e->segments == NULL)
        continue;
      for (guint j = 0; j < e->segments->len; j++)
        {
          const SerahTextSegment *s = e->segments->pdata[j];
          /* An element drawn only when its field has a value is optional by design. */
          if (e->requires != NULL && e->requires_field == s->field)
            continue;
          switch (s->field)
            {
            case SERAH_FIELD_FASKES: shown |= SHOWN_FASKES; break;
            case SERAH_FIELD_CARE_CLASS: shown |= SHOWN_CLASS; break;
            case SERAH_FIELD_BIRTH_DATE: shown |= SHOWN_BIRTH; break;
            case SERAH_FIELD_ADDRESS: shown |= SHOWN_ADDRESS; break;
            case SERAH_FIELD_DESA: shown |= SHOWN_DESA; break;
            default: break;
            }
        }
    }
  return shown;
}

static gboolean
blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Notes p when a field the template shows is empty (the list lacked the column). */
static void
check_fields (SerahPrintJob *job, const SerahParticipant *p)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  guint shown = job->shown_fields;

  /* The names are the printed labels of the card, Indonesian like the card. */
  if ((shown & SHOWN_FASKES) && blank (p->faskes))
    g_string_append (missing, ", faskes");
  if ((shown & SHOWN_CLASS) && p->care_class <= 0)
    g_string_append (missing, ", kelas");
  if ((shown & SHOWN_BIRTH) && strlen (p->birth_date) != 10)
    g_string_append (missing, ", tanggal lahir");
  if ((shown & SHOWN_ADDRESS) && blank (p->address))
    g_string_append (missing, ", alamat");
  if ((shown & SHOWN_DESA) && blank (p->desa))
    g_string_append (missing, ", desa");
  if (missing->len > 0)
    g_ptr_array_add (job->incomplete, g_strdup_printf ("%s %s: %s", p->card_no,
                                                       p->name ? p->name : "",
                                                       missing->str + 2));
}

void
serah_print_job_set_measure_plan (SerahPrintJob *self, gboolean measure)
{
  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  self->measure_plan = measure;
}

GPtrArray *
serah_print_job_get_incomplete (SerahPrintJob *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), NULL);
  if (self->incomplete == NULL)
    self->incomplete = g_ptr_array_new_with_free_func (g_free);
  return self->incomplete;
}

SerahFitReport *
serah_print_job_get_fit_report (SerahPrintJob *self)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), NULL);
  if (self->fit_report == NULL)
    self->fit_report = serah_fit_report_new ();
  return self->fit_report;
}

/* Called before each plan, preview and run: fresh lists for what the walk finds. */
void
serah_print_job_reset_findings (SerahPrintJob *self)
{
  g_clear_pointer (&self->fit_report, serah_fit_report_free);
  self->fit_report = serah_fit_report_new ();
  g_clear_pointer (&self->incomplete, g_ptr_array_unref);
  self->incomplete = g_ptr_array_new_with_free_func (g_free);
  self->shown_fields = template_shown_fields (self->template_);
}

/* Ends the current sheet: its front page, then with duplex the page of its backs. */
static gboolean
finish_sheet (SerahPrintWalk *w, GError **error)
{
  SerahPrintJob *job = w->job;

  if (!w->sheet_used)
    return TRUE;
  if (drawing_page (w, front_page (w)))
    {
      draw_page_marks (w);
      if (!page_leave (w, error))
        return FALSE;
      w->front_open = FALSE;
    }
  if (job->duplex)
    {
      gboolean draw = drawing_page (w, front_page (w) + 1);
      if (draw)
        page_enter (w);
      for (guint i = 0; i < w->n_slots; i++)
        {
          BackEntry *b = &w->backs[i];
          if (draw && b->participant != NULL)
            {
              SerahCardData data = { b->participant, b->serial, b->payload, b->stack_index,
                                     b->stack_total, w->extra, job->nik_display };
              gboolean ok;
              cairo_save (w->cr);
              serah_render_enter_slot (w->cr, job->sheet, job->template_, i, TRUE);
              ok = serah_card_renderer_draw (walk_renderer (w), w->cr, SERAH_CARD_BACK, &data,
                                             error);
              cairo_restore (w->cr);
              if (!ok)
                return FALSE;
            }
          back_entry_clear (b);
        }
      if (draw && !page_leave (w, error))
        return FALSE;
    }
  w->pages += job->duplex ? 2 : 1;
  w->sheet++;
  w->slot = 0;
  w->sheet_used = FALSE;
  if (w->page_target >= 0 && front_page (w) > (guint) w->page_target)
    w->stop = TRUE;
  if (w->progress != NULL)
    w->progress (w->done, w->total, w->progress_data);
  return TRUE;
}

/* The next free slot, starting a new sheet when this one is full. */
static gboolean
take_slot (SerahPrintWalk *w, guint *slot, GError **error)
{
  if (w->slot >= w->n_slots && !finish_sheet (w, error))
    return FALSE;
  if (w->stop)
    return TRUE;
  if (!w->sheet_used && drawing_page (w, front_page (w)))
    {
      page_enter (w);
      w->front_open = TRUE;
    }
  w->sheet_used = TRUE;
  *slot = w->slot++;
  return TRUE;
}

static gboolean
place_separator (SerahPrintWalk *w, guint cards, GError **error)
{
  SerahPrintJob *job = w->job;
  guint slot;

  if (job->separators == SERAH_SEPARATOR_PAGE)
    {
      double pw, ph, margin;

      /* A sheet of its own; the desa's cards start on a fresh sheet after it. */
      if (w->sheet_used && !finish_sheet (w, error))
        return FALSE;
      if (w->stop)
        return TRUE;
      serah_sheet_get_paper_size (job->sheet, &pw, &ph);
      w->slot = w->n_slots; /* nothing else goes on this sheet */
      w->sheet_used = TRUE;
      if (drawing_page (w, front_page (w)))
        {
          page_enter (w);
          w->front_open = TRUE;
          cairo_save (w->cr);
          margin = MIN (15, MIN (pw, ph) * 0.08);
          cairo_translate (w->cr, margin, margin);
          serah_card_renderer_draw_separator (walk_renderer (w), w->cr, pw - 2 * margin,
                                              MIN (ph - 2 * margin, pw * 0.7),
                                              w->group_kecamatan, w->group_desa, cards);
          cairo_restore (w->cr);
        }
      return finish_sheet (w, error);
    }

  if (!take_slot (w, &slot, error))
    return FALSE;
  if (!w->stop && drawing_page (w, front_page (w)))
    {
      SerahRect r = serah_render_card_in_slot (job->sheet, job->template_, slot);
      cairo_save (w->cr);
      cairo_translate (w->cr, r.x, r.y);
      serah_card_renderer_draw_separator (walk_renderer (w), w->cr, r.width, r.height,
                                          w->group_kecamatan, w->group_desa, cards);
      cairo_restore (w->cr);
    }
  w->separators++;
  return TRUE;
}

static gboolean
same_text (const char *a, const char *b)
{
  return g_ascii_strcasecmp (a ? a : "", b ? b : "") == 0;
}

/* Whether p's card is left out of this run, and the serial it replaces otherwise. */
static gboolean
skip_participant (SerahPrintWalk *w, const SerahParticipant *p, gint64 *replaces, GError **error)
{
  g_autoptr(SerahPrintedCard) current = NULL;
  g_autoptr(GError) local = NULL;

  *replaces = 0;
  if (is_invitation (w->job))
    return FALSE;
  current = serah_store_get_current_card (w->store, p->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      w->failed = TRUE;
      return TRUE;
    }
  if (current == NULL)
    return FALSE;
  if (!w->job->include_printed && w->job->reprint_reason == NULL)
    return TRUE;
  *replaces = current->serial;
  return FALSE;
}

static gboolean
record_card (SerahPrintWalk *w, const SerahParticipant *p, guint slot, gint64 replaces,
             gint64 *serial, char **payload, GError **error)
{
  SerahPrintJob *job = w->job;

  if (w->next_serial > 0)
    {
      /* A run: the serial was reserved; the row is written once the PDF is finished. */
      SerahPendingCard c = { w->next_serial++, p->id, replaces, w->sheet + 1, slot + 1,
                             w->stack_index, NULL };

      if (w->pending == NULL)
        {
          w->pending = g_array_new (FALSE, FALSE, sizeof (SerahPendingCard));
          w->pending_text = g_string_chunk_new (4096);
        }
      if (p->desa != NULL)
        c.stack_group = g_string_chunk_insert_const (w->pending_text, p->desa);
      g_array_append_val (w->pending, c);
      *serial = c.serial;
      if (replaces > 0)
        w->voided++;
    }
  else
    *serial = serah_store_insert_printed_card (w->store, w->run_id, p->id, w->sheet + 1,
                                               slot + 1, p->desa, w->stack_index, replaces, error);
  if (*serial == 0)
    return FALSE;
  if (replaces > 0 && w->next_serial == 0)
    {
      const char *reason = job->reprint_reason ? job->reprint_reason : BATCH_REPRINT_REASON;
      if (!serah_store_void_card (w->store, replaces, reason, job->operator_name, *serial, error))
        return FALSE;
      w->voided++;
    }
  if (w->first_serial == 0)
    w->first_serial = *serial;
  w->last_serial = *serial;
  *payload = is_invitation (job)
               ? serah_payload_encode (w->store, SERAH_PAYLOAD_INVITATION, p->card_no,
                                       job->ceremony_id, error)
               : serah_payload_encode (w->store, SERAH_PAYLOAD_CARD, p->card_no, *serial, error);
  return *payload != NULL;
}

static gboolean
walk_one (const SerahParticipant *p, gpointer user_data, GError **error)
{
  SerahPrintWalk *w = user_data;
  SerahPrintJob *job = w->job;
  g_autofree char *payload = NULL;
  gint64 replaces, serial = 0;
  guint slot;

  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  if (skip_participant (w, p, &replaces, error))
    {
      if (w->failed)
        return FALSE;
      w->skipped++;
      return TRUE;
    }

  if (w->n_groups == 0 || !same_text (p->kecamatan, w->group_kecamatan) ||
      !same_text (p->desa, w->group_desa))
    {
      guint cards;

      g_free (w->group_kecamatan);
      g_free (w->group_desa);
      w->group_kecamatan = g_strdup (p->kecamatan);
      w->group_desa = g_strdup (p->desa);
      w->n_groups++;
      w->stack_index = 0;
      if (w->counting)
        g_array_append_val (w->group_sizes, (guint) { 0 });
      cards = w->n_groups <= w->group_sizes->len
                ? g_array_index (w->group_sizes, guint, w->n_groups - 1) : 0;
      if (!w->counting && job->separators != SERAH_SEPARATOR_NONE &&
          !place_separator (w, cards, error))
        return FALSE;
      if (w->stop)
        return FALSE;
    }
  w->stack_index++;
  if (w->counting)
    {
      if (w->check_fields)
        check_fields (job, p);
      g_array_index (w->group_sizes, guint, w->n_groups - 1)++;
      w->total++;
      return TRUE;
    }

  if (!take_slot (w, &slot, error))
    return FALSE;
  if (w->stop)
    return FALSE;
  if (w->record && !record_card (w, p, slot, replaces, &serial, &payload, error))
    return FALSE;
  w->done++;

  {
    guint total = g_array_index (w->group_sizes, guint, w->n_groups - 1);
    SerahCardData data = { p, serial, payload, w->stack_index, total, w->extra, job->nik_display };

    if (drawing_page (w, front_page (w)))
      {
        gboolean ok;
        cairo_save (w->cr);
        serah_render_enter_slot (w->cr, job->sheet, job->template_, slot, FALSE);
        ok = serah_card_renderer_draw (walk_renderer (w), w->cr, SERAH_CARD_FRONT, &data, error);
        cairo_restore (w->cr);
        if (!ok)
          return FALSE;
      }
    if (job->duplex && drawing_page (w, front_page (w) + 1))
      {
        BackEntry *b = &w->backs[slot];
        back_entry_clear (b);
        b->participant = serah_participant_copy (p);
        b->serial = serial;
        b->payload = g_steal_pointer (&payload);
        b->stack_index = w->stack_index;
        b->stack_total = total;
      }
  }
  return TRUE;
}

static gboolean
foreach_selected (SerahPrintWalk *w, GError **error)
{
  SerahPrintJob *job = w->job;

  if (job->ids != NULL)
    {
      for (guint i = 0; i < job->ids->len; i++)
        {
          g_autoptr(GError) local = NULL;
          g_autoptr(SerahParticipant) p =
            serah_store_get_participant (w->store, g_array_index (job->ids, gint64, i), &local);
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (p != NULL && !walk_one (p, w, error))
            return FALSE;
        }
      return TRUE;
    }
  {
    /* Stacks are per desa: whatever order was asked for applies inside kecamatan and desa. */
    g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
    g_auto(GStrv) fields = NULL;
    SerahParticipantFilter filter = job->filter;

    g_strv_builder_add_many (order, "kecamatan", "desa", NULL);
    for (guint i = 0; job->filter.order && job->filter.order[i]; i++)
      if (g_ascii_strcasecmp (job->filter.order[i], "kecamatan") != 0 &&
          g_ascii_strcasecmp (job->filter.order[i], "desa") != 0)
        g_strv_builder_add (order, job->filter.order[i]);
    if (job->filter.order == NULL || job->filter.order[0] == NULL)
      g_strv_builder_add (order, "name");
    fields = g_strv_builder_end (order);
    filter.order = fields;
    return serah_store_foreach_participant (w->store, &filter, walk_one, w, error);
  }
}

/* Runs the walk: counting when w->counting, else placing (and drawing/recording as set). */
gboolean
serah_print_walk_run (SerahPrintWalk *w, GError **error)
{
  g_autoptr(GError) local = NULL;

  w->n_groups = 0;
  w->stack_index = 0;
  g_clear_pointer (&w->group_kecamatan, g_free);
  g_clear_pointer (&w->group_desa, g_free);
  if (!foreach_selected (w, &local) && !w->stop)
    {
      if (local == NULL)
        g_set_error (&local, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT, _("Printing stopped."));
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&local);
          g_set_error (&local, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CANCELLED,
                       _("Printing was cancelled; nothing was recorded."));
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (w->counting)
    return TRUE;
  if (!w->stop && !finish_sheet (w, error))
    return FALSE;
  if (w->front_open && w->cr != NULL)
    {
      /* The preview's page ended before the sheet was full. */
      cairo_restore (w->cr);
      w->front_open = FALSE;
    }
  return TRUE;
}

gboolean
serah_print_job_plan (SerahPrintJob *self, SerahPrintPlan *plan, GCancellable *cancellable,
                      GError **error)
{
  SerahPrintWalk w;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  memset (plan, 0, sizeof *plan);
  serah_print_job_reset_findings (self);
  ok = serah_print_walk_begin (&w, self, self->store, error);
  if (ok)
    {
      w.cancellable = cancellable;
      w.counting = TRUE;
      w.check_fields = TRUE;
      ok = serah_print_walk_run (&w, error);
    }
  if (ok)
    {
      /* With measure_plan every card is laid out (onto a surface that keeps nothing) so that
       * the plan knows what will not fit before anything is printed. */
      cairo_surface_t *nowhere = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
      cairo_t *cr = self->measure_plan ? cairo_create (nowhere) : NULL;

      if (cr != NULL)
        {
          cairo_rectangle (cr, 0, 0, 0, 0);
          cairo_clip (cr);
        }
      plan->cards = w.total;
      plan->skipped_printed = w.skipped;
      plan->stacks = w.n_groups;
      plan->incomplete = self->incomplete->len;
      w.counting = FALSE;
      w.check_fields = FALSE;
      w.skipped = 0;
      w.cr = cr;
      ok = serah_print_walk_run (&w, error);
      w.cr = NULL;
      plan->sheets = w.sheet;
      plan->pages = w.pages;
      plan->fit_problems = serah_fit_report_get_problems (self->fit_report)->len;
      g_clear_pointer (&cr, cairo_destroy);
      cairo_surface_destroy (nowhere);
    }
  serah_print_walk_end (&w);
  return ok;
}

gboolean
serah_print_job_draw_preview (SerahPrintJob *self, cairo_t *cr, guint page_index,
                              GCancellable *cancellable, GError **error)
{
  SerahPrintWalk w;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  serah_print_job_reset_findings (self);
  ok = serah_print_walk_begin (&w, self, self->store, error);
  if (ok)
    {
      w.cancellable = cancellable;
      w.counting = TRUE;
      w.check_fields = TRUE;
      ok = serah_print_walk_run (&w, error);
    }
  if (ok)
    {
      w.counting = FALSE;
      w.cr = cr;
      w.page_target = page_index;
      ok = serah_print_walk_run (&w, error);
      if (ok && w.pages <= page_index && !w.stop)
        {
          g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING,
                       _("There is no page %u: the selection fills %u."), page_index + 1,
                       w.pages);
          ok = FALSE;
        }
    }
  serah_print_walk_end (&w);
  return ok;
}
