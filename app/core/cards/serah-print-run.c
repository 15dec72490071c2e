/* serah-print-run.c: writing a print job to PDF (temporary file, one transaction, rename),
 * running it in a worker thread for the GUI, reprinting one card, and the calibration page. */
#define G_LOG_DOMAIN "serah-print"

#include "config.h"


#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <serah/admin/serah-audit.h>
#include <serah/output/serah-output.h>

#include "cards/serah-payload-private.h"
#include "cards/serah-print-job-private.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "server/serah-server-print-private.h"
#include "store/serah-store-private.h"

#define PT_PER_MM (72.0 / 25.4)

/* ---- atomic PDF output ---- */

typedef struct {
  char            *path;
  SerahOutput     *output;
  cairo_surface_t *surface;
  cairo_t         *cr;
} PdfOutput;

static gboolean
pdf_open (PdfOutput *out, const char *path, SerahSheet *sheet, const char *title, GError **error)
{
  g_autoptr(GError) local = NULL;
  double w, h;

  memset (out, 0, sizeof *out);
  out->path = g_strdup (path);
  /* serah-output's rules: never the database, a device written in place, a temporary
   * beside the target renamed at the end (a PDF of cards is shared like any document: the
   * mode of the file it replaces, or 0644). The caller has confirmed replacing. */
  out->output = serah_output_begin (path, SERAH_OUTPUT_REPLACE, &local);
  if (out->output == NULL)
    {
      g_set_error_literal (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT, local->message);
      return FALSE;
    }
  serah_sheet_get_paper_size (sheet, &w, &h);
  out->surface = cairo_pdf_surface_create (serah_output_get_temp_path (out->output),
                                           w * PT_PER_MM, h * PT_PER_MM);
  if (cairo_surface_status (out->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (cairo_surface_status (out->surface)));
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (out->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (out->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Serah " PACKAGE_VERSION);
  out->cr = cairo_create (out->surface);
  cairo_scale (out->cr, PT_PER_MM, PT_PER_MM);
  return TRUE;
}

/* Finishes the PDF in its temporary file. */
static gboolean
pdf_finish (PdfOutput *out, GError **error)
{
  cairo_status_t status;

  g_clear_pointer (&out->cr, cairo_destroy);
  cairo_surface_finish (out->surface);
  status = cairo_surface_status (out->surface);
  g_clear_pointer (&out->surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT,
                   _("Cannot write the PDF “%s”: %s"), out->path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Finishes the PDF, makes it durable and moves it into place. */
static gboolean
pdf_commit (PdfOutput *out, GError **error)
{
  return pdf_finish (out, error) && serah_output_commit (out->output, error);
}

/* Drops whatever is left: an unfinished surface and the temporary file. */
static void
pdf_clear (PdfOutput *out)
{
  g_clear_pointer (&out->cr, cairo_destroy);
  g_clear_pointer (&out->surface, cairo_surface_destroy);
  g_clear_pointer (&out->output, serah_output_free);
  g_clear_pointer (&out->path, g_free);
}

/* ---- the run ---- */

static char *
describe_selection (SerahPrintJob *job)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (job->selection_text != NULL)
    return g_strdup (job->selection_text);
  if (job->ids != NULL)
    {
      g_string_append_printf (s, "ids:%u", job->ids->len);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  for (guint i = 0; job->filter.kecamatan && job->filter.kecamatan[i]; i++)
    g_string_append_printf (s, "%skecamatan=%s", s->len ? "; " : "", job->filter.kecamatan[i]);
  for (guint i = 0; job->filter.desa && job->filter.desa[i]; i++)
    g_string_append_printf (s, "%sdesa=%s", s->len ? "; " : "", job->filter.desa[i]);
  if (s->len == 0)
    g_string_append (s, "all");
  if (job->include_printed)
    g_string_append (s, "; include-printed");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Who printed what, in the audit log, in the run's transaction: a reprint voids cards. */
static gboolean
audit_run (SerahPrintJob *job, SerahStore *store, const SerahPrintRun *run,
           const SerahPrintWalk *w, GError **error)
{
  static const char *const actions[] = { "print.batch", "print.reprint", "print.invitation" };
  g_autofree char *run_id = g_strdup_printf ("%lld", (long long) run->id);
  g_autofree char *cards = g_strdup_printf ("%u", w->done);
  g_autofree char *voided = w->voided ? g_strdup_printf ("%u", w->voided) : NULL;
  g_autofree char *serials = g_strdup_printf ("%lld-%lld", (long long) w->first_serial,
                                              (long long) w->last_serial);
  /* The run's record keeps what people were warned of: incomplete cards and texts that did
   * not fit (with the records touched), so an audit can see they printed knowingly. */
  guint n_fit = serah_fit_report_get_problems (job->fit_report)->len;
  g_autofree char *incomplete = job->incomplete->len
                                  ? g_strdup_printf ("%u", job->incomplete->len) : NULL;
  g_autofree char *fit = n_fit ? g_strdup_printf ("%u (%u records)", n_fit,
                                                  serah_fit_report_count_records (job->fit_report))
                               : NULL;
  g_autofree char *details = serah_audit_details ("run", run_id, "template", run->template_name,
                                                  "sheet", run->sheet_name, "cards", cards,
                                                  "serials", serials, "voided", voided,
                                                  "reason", job->reprint_reason,
                                                  "incomplete", incomplete, "fit-problems", fit,
                                                  "output", run->output, NULL);

  return serah_audit_record (store, job->operator_name, actions[run->kind], run->selection,
                             details, error);
}

/* The cards of the run, written with the serials they were drawn with, in the run's final
 * transaction. Each participant's current card is checked again: the PDF was drawn holding no
 * write lock, so another run may have printed someone meanwhile, and a card must never be
 * recorded twice nor replace a card it did not see. */
static gboolean
record_pending (SerahPrintJob *job, SerahStore *store, const SerahPrintRun *run,
                const SerahPrintWalk *w, GError **error)
{
  gboolean invitation = run->kind == SERAH_PRINT_RUN_INVITATION;
  const char *reason = job->reprint_reason ? job->reprint_reason : SERAH_BATCH_REPRINT_REASON;

  if (w->pending == NULL)
    return TRUE;
  for (guint i = 0; i < w->pending->len; i++)
    {
      const SerahPendingCard *c = &g_array_index (w->pending, SerahPendingCard, i);

      if (!invitation)
        {
          g_autoptr(SerahPrintedCard) current = NULL;
          g_autoptr(GError) local = NULL;

          current = serah_store_get_current_card (store, c->participant_id, &local);
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if ((current ? current->serial : 0) != c->replaces)
            {
              g_autoptr(SerahParticipant) p =
                serah_store_get_participant (store, c->participant_id, NULL);
              g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CHANGED,
                           _("Another print run gave %s (card %s) a card while these cards "
                             "were being drawn; nothing was recorded and the PDF was not "
                             "kept. Print again."),
                           p ? p->name : "?", p ? p->card_no : "?");
              return FALSE;
            }
        }
      if (serah_store_insert_printed_card_as (store, c->serial, run->id, c->participant_id,
                                              c->sheet_no, c->position, c->stack_group,
                                              c->stack_index, c->replaces, error) == 0)
        return FALSE;
      if (c->replaces > 0 &&
          !serah_store_void_card (store, c->replaces, reason, job->operator_name, c->serial,
                                  error))
        return FALSE;
    }
  return TRUE;
}

/* A snapshot to read in, holding no write lock: a handover at another desk (or process)
 * commits while the cards are drawn. */
static gboolean
read_snapshot_end (SerahStore *store, gboolean ok)
{
  if (ok)
    return serah_store_commit (store, NULL) || TRUE;
  serah_store_rollback (store);
  return FALSE;
}

/* Issue 17: a run of 20 000 cards takes seconds to draw, and a scan at the ceremony must not
 * wait for it. So the run holds the write lock only for two short moments:
 *   1. count the cards in a read snapshot;
 *   2. reserve their serials (a short write transaction: the serials are in the QR codes);
 *   3. draw every card into the temporary PDF in a read snapshot, keeping the card rows in
 *      memory (a few dozen bytes a card);
 *   4. finish the PDF (still no lock);
 *   5. in one write transaction: the run, its cards (each participant checked again), the
 *      voids and the audit record; the PDF is renamed into place; commit.
 * A kill before 5 commits leaves no card recorded (a reserved serial is never handed out
 * again) and at most a PDF no run owns, as before; a card is never counted printed without
 * its finished PDF. */
static gboolean
run_on_store (SerahPrintJob *job, SerahStore *store, const char *pdf_path,
              SerahPrintProgressFunc progress, gpointer progress_data, GCancellable *cancellable,
              SerahPrintResult *result, GError **error)
{
  g_autofree char *selection = describe_selection (job);
  SerahPrintRun run = { 0 };
  SerahPrintWalk w;
  PdfOutput out = { 0 };
  gboolean in_tx = FALSE, ok;
  gint64 first_serial = 0;

  serah_print_job_reset_findings (job);
  ok = serah_print_walk_begin (&w, job, store, error);
  w.cancellable = cancellable;
  if (ok)
    {
      g_autofree char *title = g_strdup_printf ("Serah: %s (%s)",
                                                serah_card_template_get_title (job->template_),
                                                selection);
      ok = pdf_open (&out, pdf_path, job->sheet, title, error);
    }
  /* No automatic backup before a run (issue #10: a 260 MB copy before 592 cards at a million
   * participants): a run only appends print-run and printed-card rows in the one transaction
   * below, so a failure leaves nothing behind and nothing existing is changed that a copy
   * would protect. Backups stay before the operations that change or merge what exists
   * (import, station merge, ceremony close, restore). */
  /* 1. Count. */
  if (ok)
    ok = serah_store_begin_read (store, error);
  if (ok)
    {
      w.counting = TRUE;
      w.check_fields = TRUE;
      ok = serah_print_walk_run (&w, error);
      w.check_fields = FALSE;
      ok = read_snapshot_end (store, ok);
    }
  if (ok && w.total == 0)
    {
      if (w.skipped > 0)
        g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Nothing to print: the %u selected participant already has a "
                                  "card (print again with “include printed”).",
                                  "Nothing to print: all %u selected participants already have a "
                                  "card (print again with “include printed”).",
                                  w.skipped),
                     w.skipped);
      else
        g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING,
                     _("Nothing to print: the selection is empty."));
      ok = FALSE;
    }
  /* 2. Reserve the serials, and make sure the QR secret exists before drawing reads it. A
   * desk linked to an office server first asks it for a block when short (issue 16). */
  if (ok)
    serah_server_prepare_serials (store, w.total);
  if (ok)
    ok = in_tx = serah_store_begin (store, error);
  if (ok && serah_store_serials_from_blocks (store))
    {
      gint64 contiguous = 0;
      gint64 left = serah_store_serials_available (store, &contiguous, error);

      if (left >= 0 && contiguous < w.total)
        g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NO_SERIALS,
                     _("No card serials left: this desk is linked to an office server, so it "
                       "prints only serials the server gave it, and it needs %u but has %lld "
                       "left in one block; the server could not be reached to give it more. "
                       "Nothing was printed. Connect this desk to the office network and sync, "
                       "then print again."),
                     w.total, (long long) contiguous);
      if (left < 0 || contiguous < w.total)
        {
          serah_store_rollback (store);
          ok = in_tx = FALSE;
        }
    }
  if (ok)
    {
      g_autofree char *unused = NULL;
      first_serial = serah_store_reserve_card_serials (store, w.total, error);
      ok = first_serial > 0 &&
           serah_payload_office_mac (store, TRUE, "print-run", "", 0, &unused, error);
      ok = ok && serah_store_commit (store, error);
      if (!ok)
        serah_store_rollback (store);
      in_tx = FALSE;
    }
  /* 3. Draw. */
  if (ok)
    ok = serah_store_begin_read (store, error);
  if (ok)
    {
      w.counting = FALSE;
      w.skipped = 0;
      w.record = TRUE;
      w.next_serial = first_serial;
      w.cr = out.cr;
      w.surface = out.surface;
      w.progress = progress;
      w.progress_data = progress_data;
      ok = serah_print_walk_run (&w, error);
      ok = read_snapshot_end (store, ok);
    }
  if (ok && w.done != w.total)
    {
      /* Another import or run changed the selection between the two snapshots: the stack
       * counts on the separators would be wrong. */
      g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CHANGED,
                   _("The selection changed while the cards were being drawn (%u counted, %u "
                     "drawn); nothing was recorded. Print again."),
                   w.total, w.done);
      ok = FALSE;
    }
  if (ok && job->reprint_reason != NULL && w.first_serial > 0)
    {
      /* The title names the serial the new card carries, known only now (cairo writes the
       * metadata when the document is finished). */
      g_autofree char *title = g_strdup_printf ("Serah: %s (%s; seri baru %" G_GINT64_FORMAT ")",
                                                serah_card_template_get_title (job->template_),
                                                selection, w.first_serial);
      cairo_pdf_surface_set_metadata (out.surface, CAIRO_PDF_METADATA_TITLE, title);
    }
  /* 4. Finish the PDF. */
  if (ok)
    ok = pdf_finish (&out, error);
  /* 5. Record, rename, commit. */
  if (ok)
    ok = in_tx = serah_store_begin (store, error);
  if (ok)
    {
      run.kind = job->reprint_reason != NULL ? SERAH_PRINT_RUN_REPRINT
                 : serah_card_template_get_payload_kind (job->template_) == SERAH_PAYLOAD_INVITATION
                   ? SERAH_PRINT_RUN_INVITATION : SERAH_PRINT_RUN_BATCH;
      run.operator_name = job->operator_name;
      run.template_name = (char *) serah_card_template_get_name (job->template_);
      run.sheet_name = (char *) serah_sheet_get_name (job->sheet);
      run.calibration = job->calibration_name;
      run.selection = selection;
      run.output = (char *) pdf_path;
      ok = serah_store_insert_print_run (store, &run, error);
    }
  if (ok)
    ok = record_pending (job, store, &run, &w, error);
  if (ok)
    ok = audit_run (job, store, &run, &w, error);
  if (ok)
    ok = serah_output_commit (out.output, error);
  if (ok)
    {
      ok = serah_store_commit (store, error);
      in_tx = FALSE;
      /* The PDF is in place but nothing says its serials exist: remove it. */
      if (!ok)
        g_unlink (pdf_path);
    }
  if (!ok && in_tx)
    serah_store_rollback (store);
  if (ok && result != NULL)
    *result = (SerahPrintResult) { run.id, w.done, w.skipped, w.voided, w.n_groups, w.sheet,
                                   w.pages, w.first_serial, w.last_serial,
                                   job->incomplete->len,
                                   serah_fit_report_get_problems (job->fit_report)->len };
  pdf_clear (&out);
  serah_print_walk_end (&w);
  return ok;
}

gboolean
serah_print_job_run (SerahPrintJob *self, const char *pdf_path, SerahPrintProgressFunc progress,
                     gpointer progress_data, GCancellable *cancellable, SerahPrintResult *result,
                     GError **error)
{
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (self), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);

  return run_on_store (self, self->store, pdf_path, progress, progress_data, cancellable, result,
                       error);
}

/* ---- in a worker thread ---- */

typedef struct {
  char                  *path;
  SerahPrintProgressFunc progress;
  gpointer               progress_data;
  GDestroyNotify         progress_data_free;
  GMainContext          *context;
  SerahPrintResult       result;
} AsyncData;

static void
async_data_clear (gpointer data)
{
  AsyncData *d = data;

  g_free (d->path);
  if (d->progress_data_free != NULL)
    d->progress_data_free (d->progress_data);
  g_main_context_unref (d->context);
}

static void
async_data_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, async_data_clear);
}

typedef struct {
  AsyncData *data; /* a reference */
  guint      done, total;
} ProgressCall;

static void
progress_call_free (gpointer p)
{
  ProgressCall *call = p;
  async_data_release (call->data);
  g_free (call);
}

static gboolean
progress_in_main (gpointer p)
{
  ProgressCall *call = p;
  call->data->progress (call->done, call->total, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_from_thread (guint done, guint total, gpointer user_data)
{
  AsyncData *d = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);

  call->data = g_atomic_rc_box_acquire (d);
  call->done = done;
  call->total = total;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, progress_in_main, call,
                              progress_call_free);
}

static void
run_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SerahPrintJob *job = source;
  AsyncData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;

  /* SQLite connections are not shared across threads here: a connection of our own. WAL
   * lets the GUI's connection read while this one writes. */
  store = serah_store_open (serah_store_get_path (job->store), &error);
  if (store == NULL ||
      !run_on_store (job, store, d->path, d->progress ? progress_from_thread : NULL, d,
                     cancellable, &d->result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
serah_print_job_run_async (SerahPrintJob *self, const char *pdf_path,
                           SerahPrintProgressFunc progress, gpointer progress_data,
                           GDestroyNotify progress_data_free, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *d;

  g_return_if_fail (SERAH_IS_PRINT_JOB (self));
  g_return_if_fail (pdf_path != NULL);

  d = g_atomic_rc_box_new0 (AsyncData);
  d->path = g_strdup (pdf_path);
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_data_free = progress_data_free;
  d->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, serah_print_job_run_async);
  g_task_set_task_data (task, d, async_data_release);
  g_task_run_in_thread (task, run_thread);
}

gboolean
serah_print_job_run_finish (SerahPrintJob *self, GAsyncResult *result, SerahPrintResult *out,
                            GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out != NULL)
    *out = ((AsyncData *) g_task_get_task_data (G_TASK (result)))->result;
  return TRUE;
}

/* ---- one card ---- */

gboolean
serah_print_reprint_card (SerahStore *store, const char *card_no, const char *reason,
                          SerahCardTemplate *template_, SerahSheet *sheet,
                          const SerahPrinterProfile *calibration, const char *operator_name,
                          const char *pdf_path, SerahPrintResult *result, GError **error)
{
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(SerahPrintedCard) current = NULL;
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *selection = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_no != NULL && reason != NULL && *reason, FALSE);

  participant = serah_store_find_participant_by_card (store, card_no, &local);
  if (participant == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOT_PRINTED,
                     _("No participant has the card number %s."), card_no);
      return FALSE;
    }
  current = serah_store_get_current_card (store, participant->id, &local);
  if (current == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOT_PRINTED,
                     _("%s (card %s) has no printed card to replace: print it as a new card."),
                     participant->name, card_no);
      return FALSE;
    }

  job = serah_print_job_new (store, template_, sheet);
  serah_print_job_set_participant_ids (job, &participant->id, 1);
  serah_print_job_set_separators (job, SERAH_SEPARATOR_NONE);
  serah_print_job_set_reprint_reason (job, reason);
  serah_print_job_set_calibration (job, calibration);
  serah_print_job_set_operator (job, operator_name);
  /* The serial named is the one replaced: the new one is written in the PDF's title. */
  selection = g_strdup_printf ("reprint card %s replacing serial %" G_GINT64_FORMAT ": %s",
                               card_no, current->serial, reason);
  serah_print_job_set_selection_text (job, selection);
  return serah_print_job_run (job, pdf_path, NULL, NULL, NULL, result, error);
}

gboolean
serah_print_calibration_page (SerahSheet *sheet, const SerahPrinterProfile *calibration,
                              const char *pdf_path, GError **error)
{
  PdfOutput out;
  gboolean ok;

  g_return_val_if_fail (sheet != NULL && pdf_path != NULL, FALSE);

  ok = pdf_open (&out, pdf_path, sheet, _("Serah alignment test page"), error);
  if (ok)
    {
      SerahCalibration c = { 0 };
      if (calibration != NULL)
        c = (SerahCalibration) { calibration->offset_x_mm, calibration->offset_y_mm,
                                 calibration->scale_x, calibration->scale_y };
      serah_render_calibration_page (out.cr, sheet, calibration ? calibration->name : NULL,
                                     calibration ? &c : NULL);
      cairo_show_page (out.cr);
      ok = pdf_commit (&out, error);
    }
  pdf_clear (&out);
  return ok;
}
