/* serah-print-worker.c: planning and preview drawing off the main thread.
 *
 * Both walk the whole selection (the job counts every desa stack before it can place a card),
 * which is a tenth of a second per 10 000 participants: too long to do on the main thread
 * at every click. The worker has its own SQLite connection (connections are opened NOMUTEX
 * and never shared between threads at the same time), taken by one task at a time under a
 * mutex; a newer request cancels the older one through its GCancellable.
 *
 * The drawing: the paper (or one card) fitted into the area with a soft shadow, the slots a
 * half-used sheet has used already shaded, and then the job's own page drawing
 * (serah_print_job_draw_preview), the walk that also writes the PDF. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <serah/cards/serah-render.h>

#include "serah-print-worker.h"

#define MARGIN_PX 20.0
#define MAX_CARD_PX_PER_MM 8.0

/* ---- choices ---- */

static void
choices_clear (gpointer data)
{
  SerahPrintChoices *self = data;

  g_clear_pointer (&self->card, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  g_strfreev (self->kecamatan);
  g_strfreev (self->desa);
  g_free (self->selection);
  g_clear_pointer (&self->profile, serah_printer_profile_free);
}

SerahPrintChoices *
serah_print_choices_new (void)
{
  SerahPrintChoices *self = g_atomic_rc_box_new0 (SerahPrintChoices);

  self->first_position = 1;
  self->separators = SERAH_SEPARATOR_SLOT;
  return self;
}

SerahPrintChoices *
serah_print_choices_ref (SerahPrintChoices *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
serah_print_choices_unref (SerahPrintChoices *self)
{
  g_atomic_rc_box_release_full (self, choices_clear);
}

SerahPrintJob *
serah_print_choices_make_job (const SerahPrintChoices *self, SerahStore *store)
{
  SerahParticipantFilter filter = {
    .kecamatan = self->kecamatan,
    .desa = self->desa,
    .order = (char **) self->order,
  };
  SerahPrintJob *job;

  g_return_val_if_fail (self->card != NULL && self->sheet != NULL, NULL);

  job = serah_print_job_new (store, self->card, self->sheet);
  serah_print_job_set_filter (job, &filter);
  serah_print_job_set_selection_text (job, self->selection);
  serah_print_job_set_include_printed (job, self->include_printed);
  serah_print_job_set_first_position (job, self->first_position);
  serah_print_job_set_separators (job, self->separators);
  serah_print_job_set_crop_marks (job, self->crop_marks);
  serah_print_job_set_outline (job, self->outline);
  serah_print_job_set_duplex (job, self->duplex);
  serah_print_job_set_calibration (job, self->profile);
  if (self->ceremony_id > 0)
    serah_print_job_set_ceremony_id (job, self->ceremony_id);
  /* Invitation slips: the ceremony's invited people, name, date and place (issue 11). An
   * unknown ceremony selects nobody, so the plan says there is nothing to print. */
  if (self->ceremony_id > 0 &&
      serah_card_template_get_payload_kind (self->card) == SERAH_PAYLOAD_INVITATION &&
      !serah_ceremony_prepare_invitations (store, job, self->ceremony_id, &filter, NULL, NULL))
    serah_print_job_set_participant_ids (job, NULL, 0);
  return job;
}

/* ---- the worker ---- */

struct _SerahPrintWorker
{
  GMutex      lock;   /* held while a task uses store */
  SerahStore *ui_store; /* only for serah_store_open_like: never queried here */
  SerahStore *store;  /* opened by the first task */
};

static void
worker_clear (gpointer data)
{
  SerahPrintWorker *self = data;

  g_clear_object (&self->store);
  g_clear_object (&self->ui_store);
  g_mutex_clear (&self->lock);
}

SerahPrintWorker *
serah_print_worker_new (SerahStore *store)
{
  SerahPrintWorker *self = g_atomic_rc_box_new0 (SerahPrintWorker);

  g_mutex_init (&self->lock);
  self->ui_store = g_object_ref (store);
  return self;
}

SerahPrintWorker *
serah_print_worker_ref (SerahPrintWorker *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
serah_print_worker_unref (SerahPrintWorker *self)
{
  g_atomic_rc_box_release_full (self, worker_clear);
}

/* Call with the lock held. */
static SerahStore *
worker_store (SerahPrintWorker *self, GError **error)
{
  /* The worker's own connection, opened in its thread: the UI's handle must never be used
   * from here. */
  if (self->store == NULL)
    self->store = serah_store_open_like (self->ui_store, error);
  return self->store;
}

static SerahPrintJob *
worker_job (SerahPrintWorker *self, const SerahPrintChoices *choices, GError **error)
{
  SerahStore *store = worker_store (self, error);

  return store ? serah_print_choices_make_job (choices, store) : NULL;
}

typedef struct {
  SerahPrintWorker  *worker;
  SerahPrintChoices *choices;
  SerahPreviewView   view;
  int                width, height, scale;
  SerahPrintPlan     plan;
} Task;

static void
task_free (Task *task)
{
  serah_print_worker_unref (task->worker);
  serah_print_choices_unref (task->choices);
  g_free (task);
}

static Task *
task_new (SerahPrintWorker *self, SerahPrintChoices *choices)
{
  Task *task = g_new0 (Task, 1);

  task->worker = serah_print_worker_ref (self);
  task->choices = serah_print_choices_ref (choices);
  return task;
}

static void
plan_thread (GTask *gtask, gpointer source, gpointer data, GCancellable *cancellable)
{
  Task *task = data;
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&task->worker->lock);

  if (g_task_return_error_if_cancelled (gtask))
    return;
  job = worker_job (task->worker, task->choices, &error);
  if (job == NULL || !serah_print_job_plan (job, &task->plan, cancellable, &error))
    g_task_return_error (gtask, g_steal_pointer (&error));
  else
    g_task_return_boolean (gtask, TRUE);
}

void
serah_print_worker_plan_async (SerahPrintWorker *self, SerahPrintChoices *choices,
                               GCancellable *cancellable, GAsyncReadyCallback callback,
                               gpointer user_data)
{
  g_autoptr(GTask) gtask = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (gtask, serah_print_worker_plan_async);
  g_task_set_task_data (gtask, task_new (self, choices), (GDestroyNotify) task_free);
  g_task_run_in_thread (gtask, plan_thread);
}

gboolean
serah_print_worker_plan_finish (GAsyncResult *result, SerahPrintPlan *plan, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *plan = ((Task *) g_task_get_task_data (G_TASK (result)))->plan;
  return TRUE;
}

/* ---- drawing ---- */

static void
draw_notice (cairo_t *cr, double width, double height, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (width - 2 * MARGIN_PX, 1) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_move_to (cr, MARGIN_PX, (height - h) / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static gboolean
has_back (const SerahPrintChoices *choices)
{
  return serah_card_template_has_back (choices->card);
}

/* The PDF page shown. The page makes a back-side template's preview duplex, so every sheet
 * has a front page and a back page. */
static guint
page_index (const SerahPrintChoices *choices, const SerahPreviewView *view)
{
  if (!has_back (choices))
    return view->sheet_index;
  return view->sheet_index * 2 + (view->back ? 1 : 0);
}

/* The rectangle (mm, on the paper) that the view fills: the whole paper, or one card. */
static SerahRect
view_rect (const SerahPrintChoices *choices, const SerahPreviewView *view)
{
  SerahRect r = { 0, 0, 0, 0 };

  serah_sheet_get_paper_size (choices->sheet, &r.width, &r.height);
  if (view->single_card)
    {
      guint slot = MIN (view->slot, serah_sheet_get_n_slots (choices->sheet) - 1);
      double paper_w = r.width;

      r = serah_render_card_in_slot (choices->sheet, choices->card, slot);
      if (view->back && has_back (choices))
        r.x = paper_w - r.x - r.width; /* as serah_render_enter_slot mirrors the back */
    }
  return r;
}

/* Fit the view rectangle; a single card stops at about twice its size on a laptop screen,
 * where it still reads like a card rather than a poster. */
static double
view_scale (const SerahRect *r, double width, double height, gboolean single_card)
{
  double scale = MIN ((width - 2 * MARGIN_PX) / r->width, (height - 2 * MARGIN_PX) / r->height);

  return single_card ? MIN (scale, MAX_CARD_PX_PER_MM) : scale;
}

/* Slots before the first position are on the paper already: shade them on the first
 * sheet's front, so the grid matches the half-used sheet in the tray. */
static void
shade_used_slots (const SerahPrintChoices *choices, const SerahPreviewView *view, cairo_t *cr)
{
  if (view->sheet_index != 0 || view->back)
    return;
  for (guint slot = 0;
       slot + 1 < view->start_position && slot < serah_sheet_get_n_slots (choices->sheet); slot++)
    {
      SerahRect r = serah_render_card_in_slot (choices->sheet, choices->card, slot);

      cairo_save (cr);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_clip_preserve (cr);
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (cr, 0.4);
      for (double d = -r.height; d < r.width; d += 4)
        {
          cairo_move_to (cr, r.x + d, r.y + r.height);
          cairo_line_to (cr, r.x + d + r.height, r.y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

gboolean
serah_print_worker_draw (SerahPrintWorker *self, const SerahPrintChoices *choices,
                         const SerahPreviewView *view, cairo_t *cr, double width, double height,
                         GCancellable *cancellable)
{
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  SerahRect r;
  double scale;
  gboolean ok;

  if (width <= 2 * MARGIN_PX || height <= 2 * MARGIN_PX)
    return FALSE;
  if (view->back && !has_back (choices))
    {
      draw_notice (cr, width, height, _("This template has no back side."));
      return FALSE;
    }

  r = view_rect (choices, view);
  scale = view_scale (&r, width, height, view->single_card);
  cairo_save (cr);
  cairo_translate (cr, floor ((width - r.width * scale) / 2), floor ((height - r.height * scale) / 2));
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -r.x, -r.y);

  /* The paper (or card), with a soft shadow. */
  cairo_rectangle (cr, r.x + 0.5, r.y + 0.7, r.width, r.height);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_fill (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  if (!view->single_card)
    shade_used_slots (choices, view, cr);
  locker = g_mutex_locker_new (&self->lock);
  job = worker_job (self, choices, &error);
  ok = job != NULL && serah_print_job_draw_preview (job, cr, page_index (choices, view),
                                                    cancellable, &error);
  g_clear_pointer (&locker, g_mutex_locker_free);
  cairo_restore (cr);

  if (!ok)
    {
      cairo_save (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_paint (cr);
      draw_notice (cr, width, height, error->message);
      cairo_restore (cr);
    }
  return ok;
}

static void
render_thread (GTask *gtask, gpointer source, gpointer data, GCancellable *cancellable)
{
  Task *task = data;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (gtask))
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, task->width * task->scale,
                                        task->height * task->scale);
  cairo_surface_set_device_scale (surface, task->scale, task->scale);
  cr = cairo_create (surface);
  serah_print_worker_draw (task->worker, task->choices, &task->view, cr, task->width,
                           task->height, cancellable);
  cairo_destroy (cr);
  if (g_task_return_error_if_cancelled (gtask))
    cairo_surface_destroy (surface);
  else
    g_task_return_pointer (gtask, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
serah_print_worker_render_async (SerahPrintWorker *self, SerahPrintChoices *choices,
                                 const SerahPreviewView *view, int width, int height, int scale,
                                 GCancellable *cancellable, GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr(GTask) gtask = g_task_new (NULL, cancellable, callback, user_data);
  Task *task = task_new (self, choices);

  task->view = *view;
  task->width = width;
  task->height = height;
  task->scale = scale;
  g_task_set_source_tag (gtask, serah_print_worker_render_async);
  g_task_set_task_data (gtask, task, (GDestroyNotify) task_free);
  g_task_run_in_thread (gtask, render_thread);
}

cairo_surface_t *
serah_print_worker_render_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
serah_print_view_slot_area (const SerahPrintChoices *choices, const SerahPreviewView *view,
                            guint slot, double width, double height, graphene_rect_t *out)
{
  SerahRect paper, r;
  double scale;

  if (view->single_card || slot >= serah_sheet_get_n_slots (choices->sheet))
    return FALSE;
  paper = view_rect (choices, view);
  scale = view_scale (&paper, width, height, FALSE);
  r = serah_render_card_in_slot (choices->sheet, choices->card, slot);
  if (view->back)
    r.x = paper.width - r.x - r.width;
  graphene_rect_init (out, floor ((width - paper.width * scale) / 2) + r.x * scale,
                      floor ((height - paper.height * scale) / 2) + r.y * scale,
                      r.width * scale, r.height * scale);
  return TRUE;
}
