/* serah-print-job.h: a print run, from a selection of participants to a PDF.
 *
 * The job streams the selection (sorted by kecamatan and desa, so the printed stack comes
 * out in handing-out order), gives every card a new serial and its signed QR payload, draws
 * sheet after sheet (cairo_show_page per sheet: memory stays flat whatever the batch size)
 * into a temporary file beside the output, and records the run and every card (sheet,
 * position, desa stack) in one transaction that is committed only once the PDF is complete.
 * A failure or a cancel rolls everything back and removes the temporary file.
 *
 * Participants who already have a current card are skipped, unless include-printed is set:
 * then their old card is voided ("dicetak ulang dalam batch") and replaced by the new one.
 *
 * For the GUI: serah_print_job_plan() counts (cards, sheets, stacks) without writing,
 * serah_print_job_draw_preview() draws any page exactly as it will print (with grey
 * placeholder QR codes), and serah_print_job_run_async() prints in a worker thread with
 * progress and a GCancellable.
 */
#pragma once

#include <gio/gio.h>
#include <serah/cards/serah-print-records.h>
#include <serah/cards/serah-render.h>
#include <serah/cards/serah-template.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

#define SERAH_PRINT_ERROR (serah_print_error_quark ())
typedef enum {
  SERAH_PRINT_ERROR_NOTHING,     /* the selection has no card to print */
  SERAH_PRINT_ERROR_OPTIONS,     /* an option does not fit the template or sheet */
  SERAH_PRINT_ERROR_OUTPUT,      /* the PDF cannot be written */
  SERAH_PRINT_ERROR_NOT_PRINTED, /* a reprint of a card that was never printed */
  SERAH_PRINT_ERROR_CANCELLED,
} SerahPrintError;
GQuark serah_print_error_quark (void);

typedef enum {
  SERAH_SEPARATOR_NONE,
  SERAH_SEPARATOR_SLOT, /* one slot before each desa's cards (default) */
  SERAH_SEPARATOR_PAGE, /* each desa starts on a new sheet, after a separator sheet */
} SerahSeparatorMode;

#define SERAH_TYPE_PRINT_JOB (serah_print_job_get_type ())
G_DECLARE_FINAL_TYPE (SerahPrintJob, serah_print_job, SERAH, PRINT_JOB, GObject)

SerahPrintJob *serah_print_job_new (SerahStore        *store,
                                    SerahCardTemplate *template_,
                                    SerahSheet        *sheet);

SerahStore        *serah_print_job_get_store    (SerahPrintJob *self);
SerahCardTemplate *serah_print_job_get_template (SerahPrintJob *self);
SerahSheet        *serah_print_job_get_sheet    (SerahPrintJob *self);

/* ---- the selection: a filter (default: everyone), or explicit participant ids ---- */

/* Copied. Cards are always grouped by kecamatan, then desa; filter->order sorts within. */
void serah_print_job_set_filter          (SerahPrintJob                *self,
                                          const SerahParticipantFilter *filter);
/* Prints exactly these participants, in this order (stacks follow the desa changes). */
void serah_print_job_set_participant_ids (SerahPrintJob *self,
                                          const gint64  *ids,
                                          guint          n_ids);
/* A human description stored with the run ("kecamatan=Labuan"); made up when NULL. */
void serah_print_job_set_selection_text  (SerahPrintJob *self,
                                          const char    *text);

/* ---- options ---- */

/* 1-based slot of the first sheet to start at (a partly used sheet). Default 1. */
void serah_print_job_set_first_position  (SerahPrintJob      *self,
                                          guint               position);
void serah_print_job_set_separators      (SerahPrintJob      *self,
                                          SerahSeparatorMode  mode);
void serah_print_job_set_crop_marks      (SerahPrintJob      *self,
                                          gboolean            crop_marks);
void serah_print_job_set_outline         (SerahPrintJob      *self,
                                          gboolean            outline);
/* Back sides on the following page, mirrored for long-edge flipping. Needs a template
 * with a back. */
void serah_print_job_set_duplex          (SerahPrintJob      *self,
                                          gboolean            duplex);
void serah_print_job_set_include_printed (SerahPrintJob      *self,
                                          gboolean            include_printed);
/* -1 as the template says (default), 0 masked, 1 full NIK. */
void serah_print_job_set_nik_display     (SerahPrintJob      *self,
                                          int                 nik_display);
/* Calibration of the printer this goes to; NULL for none. Copied. */
void serah_print_job_set_calibration     (SerahPrintJob             *self,
                                          const SerahPrinterProfile *profile);
void serah_print_job_set_operator        (SerahPrintJob      *self,
                                          const char         *operator_name);
/* Values for the template's extra fields (ceremony_name, ceremony_date, ...). */
void serah_print_job_set_extra           (SerahPrintJob      *self,
                                          const char         *key,
                                          const char         *value);
/* For invitation templates (Payload=invitation): the ceremony the slips invite to. */
void serah_print_job_set_ceremony_id     (SerahPrintJob      *self,
                                          gint64              ceremony_id);
/* Makes this a reprint run: every participant's current card is voided with reason and
 * replaced by the new one (which records the serial it replaces). */
void serah_print_job_set_reprint_reason  (SerahPrintJob      *self,
                                          const char         *reason);

/* Whether serah_print_job_plan also lays out every card to count the texts that will not
 * fit (fit_problems). About a millisecond a card, so off by default: print --dry-run turns
 * it on; the GUI's live plan leaves it off (the run's record and result still count them). */
void serah_print_job_set_measure_plan    (SerahPrintJob      *self,
                                          gboolean            measure);

/* ---- planning and preview (no writes) ---- */

typedef struct {
  guint cards;           /* cards that will print */
  guint skipped_printed; /* left out: they have a current card */
  guint stacks;          /* desa groups (= separators when they are on) */
  guint sheets;          /* sheets of paper */
  guint pages;           /* PDF pages (twice the sheets with duplex) */
  guint incomplete;      /* participants with an empty field the template shows */
  guint fit_problems;    /* texts shrunk below their floor, ellipsized or cut */
} SerahPrintPlan;

gboolean serah_print_job_plan (SerahPrintJob  *self,
                               SerahPrintPlan *plan,
                               GCancellable   *cancellable,
                               GError        **error);

/* After plan or run: the participants with an empty field that the template shows (faskes,
 * kelas, tanggal lahir, ...), one "CARD_NO NAME: faskes, kelas" string each, in print order.
 * Printing them anyway is the person's choice; this is what to show them first. */
GPtrArray      *serah_print_job_get_incomplete (SerahPrintJob *self);
/* What the renderer had to shrink below a floor, ellipsize or could not fit, in the last
 * plan (which measures every card), preview or run. */
SerahFitReport *serah_print_job_get_fit_report (SerahPrintJob *self);

/* Draws PDF page page_index (0-based) as it will print, in mm with the paper's top-left at
 * the origin: cards with the names of the selection, separators, crop marks, calibration.
 * QR codes are grey placeholders and {serial} prints "-", as nothing is recorded yet.
 * FALSE with SERAH_PRINT_ERROR_NOTHING when the page does not exist. */
gboolean serah_print_job_draw_preview (SerahPrintJob *self,
                                       cairo_t       *cr,
                                       guint          page_index,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* ---- printing ---- */

typedef struct {
  gint64 run_id;
  guint  cards;
  guint  skipped_printed;
  guint  voided;         /* older cards voided (include-printed, reprint) */
  guint  stacks;
  guint  sheets;
  guint  pages;
  gint64 first_serial, last_serial;
  guint  incomplete;     /* cards printed with an empty field the template shows */
  guint  fit_problems;   /* texts shrunk below their floor, ellipsized or cut */
} SerahPrintResult;

/* Called after each page with cards done and the total; from the thread that prints
 * (run_async calls it in the caller's main context instead). */
typedef void (*SerahPrintProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

gboolean serah_print_job_run        (SerahPrintJob          *self,
                                     const char             *pdf_path,
                                     SerahPrintProgressFunc  progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     SerahPrintResult       *result,
                                     GError                **error);

/* Prints in a worker thread on its own connection to the same database file, so the GUI
 * keeps using its store meanwhile (it sees the run once committed). Don't change the job's
 * options until it finishes. progress is called in the thread-default main context of the
 * caller. */
void     serah_print_job_run_async  (SerahPrintJob          *self,
                                     const char             *pdf_path,
                                     SerahPrintProgressFunc  progress,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_data_free,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean serah_print_job_run_finish (SerahPrintJob          *self,
                                     GAsyncResult           *result,
                                     SerahPrintResult       *out,
                                     GError                **error);

/* ---- single things ---- */

/* Reprints one card (lost, misprinted, damaged): a new serial, the old one voided with
 * reason and replaced_by, in one transaction with the PDF. card_no is the JKN number. */
gboolean serah_print_reprint_card (SerahStore        *store,
                                   const char        *card_no,
                                   const char        *reason,
                                   SerahCardTemplate *template_,
                                   SerahSheet        *sheet,
                                   const SerahPrinterProfile *calibration,
                                   const char        *operator_name,
                                   const char        *pdf_path,
                                   SerahPrintResult  *result,
                                   GError           **error);

/* Writes the alignment test page of sheet to a PDF (calibration applied when given). */
gboolean serah_print_calibration_page (SerahSheet                *sheet,
                                       const SerahPrinterProfile *calibration,
                                       const char                *pdf_path,
                                       GError                   **error);

/**
 * serah_printer_profile_save:
 * @store: the store
 * @profile: the correction to keep under @profile->name (created or replaced)
 * @operator_name: (nullable): the signed-in operator, recorded in the audit log (NULL: the
 *   system user)
 * @error: return location for a #GError
 *
 * Saves a printer profile and records "printer.calibrate" with its values in the audit log,
 * in one transaction (serah-printer-profile.c).
 *
 * Returns: %TRUE on success
 */
gboolean serah_printer_profile_save   (SerahStore                *store,
                                       const SerahPrinterProfile *profile,
                                       const char                *operator_name,
                                       GError                   **error);

/**
 * serah_printer_profile_delete:
 * @store: the store
 * @name: the profile to delete
 * @operator_name: (nullable): the signed-in operator, recorded in the audit log (NULL: the
 *   system user)
 * @error: return location for a #GError
 *
 * Deletes a printer profile and records "printer.delete" in the audit log, in one
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean serah_printer_profile_delete (SerahStore  *store,
                                       const char  *name,
                                       const char  *operator_name,
                                       GError     **error);

G_END_DECLS
