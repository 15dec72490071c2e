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
  SERAH_PRINT_ERROR_CHANGED,     /* another run or import changed the selection while drawing */
  SERAH_PRINT_ERROR_NO_SERIALS,  /* a desk linked to an office server has no serial block left */
} SerahPrintError;

/**
 * serah_print_error_quark:
 *
 * Returns: the quark of #SerahPrintError
 */
GQuark serah_print_error_quark (void);

typedef enum {
  SERAH_SEPARATOR_NONE,
  SERAH_SEPARATOR_SLOT, /* one slot before each desa's cards (default) */
  SERAH_SEPARATOR_PAGE, /* each desa starts on a new sheet, after a separator sheet */
} SerahSeparatorMode;

#define SERAH_TYPE_PRINT_JOB (serah_print_job_get_type ())
G_DECLARE_FINAL_TYPE (SerahPrintJob, serah_print_job, SERAH, PRINT_JOB, GObject)

/**
 * serah_print_job_new:
 * @store: the office database
 * @template_: the card template
 * @sheet: the paper
 *
 * A print job over everyone (until a filter or ids are set), with default options. The job
 * keeps a reference to each argument.
 *
 * Returns: (transfer full): the job
 */
SerahPrintJob *serah_print_job_new (SerahStore        *store,
                                    SerahCardTemplate *template_,
                                    SerahSheet        *sheet);

/**
 * serah_print_job_get_store:
 * @self: a print job
 *
 * Returns: (transfer none): the job's database
 */
SerahStore        *serah_print_job_get_store    (SerahPrintJob *self);

/**
 * serah_print_job_get_template:
 * @self: a print job
 *
 * Returns: (transfer none): the job's card template
 */
SerahCardTemplate *serah_print_job_get_template (SerahPrintJob *self);

/**
 * serah_print_job_get_sheet:
 * @self: a print job
 *
 * Returns: (transfer none): the job's sheet
 */
SerahSheet        *serah_print_job_get_sheet    (SerahPrintJob *self);

/* ---- the selection: a filter (default: everyone), or explicit participant ids ---- */

/**
 * serah_print_job_set_filter:
 * @self: a print job
 * @filter: (nullable): which participants (%NULL: everyone); copied
 *
 * Cards are always grouped by kecamatan, then desa; @filter's order sorts within a desa.
 */
void serah_print_job_set_filter          (SerahPrintJob                *self,
                                          const SerahParticipantFilter *filter);

/**
 * serah_print_job_set_participant_ids:
 * @self: a print job
 * @ids: (array length=n_ids): participant ids; copied
 * @n_ids: the number of @ids
 *
 * Prints exactly these participants, in this order (stacks follow the desa changes).
 */
void serah_print_job_set_participant_ids (SerahPrintJob *self,
                                          const gint64  *ids,
                                          guint          n_ids);

/**
 * serah_print_job_set_selection_text:
 * @self: a print job
 * @text: (nullable): a description stored with the run ("kecamatan=Labuan"); made up when
 *   %NULL
 */
void serah_print_job_set_selection_text  (SerahPrintJob *self,
                                          const char    *text);

/* ---- options ---- */

/**
 * serah_print_job_set_first_position:
 * @self: a print job
 * @position: the 1-based slot of the first sheet to start at (a partly used sheet); default 1
 */
void serah_print_job_set_first_position  (SerahPrintJob      *self,
                                          guint               position);

/**
 * serah_print_job_set_separators:
 * @self: a print job
 * @mode: how each desa's stack is announced (default %SERAH_SEPARATOR_SLOT)
 */
void serah_print_job_set_separators      (SerahPrintJob      *self,
                                          SerahSeparatorMode  mode);

/**
 * serah_print_job_set_crop_marks:
 * @self: a print job
 * @crop_marks: whether to draw marks for a guillotine outside the grid
 */
void serah_print_job_set_crop_marks      (SerahPrintJob      *self,
                                          gboolean            crop_marks);

/**
 * serah_print_job_set_outline:
 * @self: a print job
 * @outline: whether to draw thin outlines of the cards' cut lines
 */
void serah_print_job_set_outline         (SerahPrintJob      *self,
                                          gboolean            outline);

/**
 * serah_print_job_set_duplex:
 * @self: a print job
 * @duplex: whether back sides follow on the next page, mirrored for long-edge flipping
 *   (needs a template with a back)
 */
void serah_print_job_set_duplex          (SerahPrintJob      *self,
                                          gboolean            duplex);

/**
 * serah_print_job_set_include_printed:
 * @self: a print job
 * @include_printed: whether participants who have a current card are printed again (their
 *   old card is voided); by default they are skipped
 */
void serah_print_job_set_include_printed (SerahPrintJob      *self,
                                          gboolean            include_printed);

/**
 * serah_print_job_set_nik_display:
 * @self: a print job
 * @nik_display: -1 as the template says (default), 0 masked, 1 full NIK
 */
void serah_print_job_set_nik_display     (SerahPrintJob      *self,
                                          int                 nik_display);

/**
 * serah_print_job_set_calibration:
 * @self: a print job
 * @profile: (nullable): the correction of the printer this goes to; %NULL for none; copied
 */
void serah_print_job_set_calibration     (SerahPrintJob             *self,
                                          const SerahPrinterProfile *profile);

/**
 * serah_print_job_set_operator:
 * @self: a print job
 * @operator_name: (nullable): who prints, recorded with the run and in the audit log (%NULL:
 *   the system user)
 */
void serah_print_job_set_operator        (SerahPrintJob      *self,
                                          const char         *operator_name);

/**
 * serah_print_job_set_extra:
 * @self: a print job
 * @key: a template's extra field (ceremony_name, ceremony_date, ...)
 * @value: (nullable): its value; %NULL removes the key
 *
 * Sets a value for one of the template's extra fields; both strings are copied.
 */
void serah_print_job_set_extra           (SerahPrintJob      *self,
                                          const char         *key,
                                          const char         *value);

/**
 * serah_print_job_set_ceremony_id:
 * @self: a print job
 * @ceremony_id: for invitation templates (Payload=invitation): the ceremony the slips invite
 *   to
 */
void serah_print_job_set_ceremony_id     (SerahPrintJob      *self,
                                          gint64              ceremony_id);

/**
 * serah_print_job_set_reprint_reason:
 * @self: a print job
 * @reason: (nullable): why; %NULL makes it an ordinary run again
 *
 * Makes this a reprint run: every participant's current card is voided with @reason and
 * replaced by the new one (which records the serial it replaces).
 */
void serah_print_job_set_reprint_reason  (SerahPrintJob      *self,
                                          const char         *reason);

/**
 * serah_print_job_set_measure_plan:
 * @self: a print job
 * @measure: whether serah_print_job_plan() also lays out every card to count the texts that
 *   will not fit (fit_problems)
 *
 * About a millisecond a card, so off by default: print --dry-run turns it on; the GUI's live
 * plan leaves it off (the run's record and result still count them).
 */
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

/**
 * serah_print_job_plan:
 * @self: a print job
 * @plan: (out caller-allocates): the counts
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts what the job would print, without writing anything.
 *
 * Returns: %TRUE and @plan filled, %FALSE with @error set
 */
gboolean serah_print_job_plan (SerahPrintJob  *self,
                               SerahPrintPlan *plan,
                               GCancellable   *cancellable,
                               GError        **error);

/**
 * serah_print_job_get_incomplete:
 * @self: a print job
 *
 * After plan or run: the participants with an empty field that the template shows (faskes,
 * kelas, tanggal lahir, ...), one "CARD_NO NAME: faskes, kelas" string each, in print order.
 * Printing them anyway is the person's choice; this is what to show them first.
 *
 * Returns: (transfer none) (element-type utf8): the strings (an empty array before any plan
 *   or run), owned by @self
 */
GPtrArray      *serah_print_job_get_incomplete (SerahPrintJob *self);

/**
 * serah_print_job_get_fit_report:
 * @self: a print job
 *
 * What the renderer had to shrink below a floor, ellipsize or could not fit, in the last plan
 * (which measures every card when serah_print_job_set_measure_plan() asks), preview or run.
 *
 * Returns: (transfer none): the report, owned by @self
 */
SerahFitReport *serah_print_job_get_fit_report (SerahPrintJob *self);

/**
 * serah_print_job_draw_preview:
 * @self: a print job
 * @cr: where to draw, in mm with the paper's top-left at the origin
 * @page_index: the PDF page, 0-based
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Draws a page as it will print: cards with the names of the selection, separators, crop
 * marks, calibration. QR codes are grey placeholders and {serial} prints "-", as nothing is
 * recorded yet.
 *
 * Returns: %TRUE when drawn, %FALSE with @error set (%SERAH_PRINT_ERROR_NOTHING when the page
 *   does not exist)
 */
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

/**
 * serah_print_job_run:
 * @self: a print job
 * @pdf_path: the PDF to write
 * @progress: (nullable) (scope call): called after each page, from the thread that prints
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @result: (out caller-allocates) (optional): the run's id, counts and serials
 * @error: return location for a #GError
 *
 * Prints: gives every card a serial and a signed QR payload, draws the sheets page by page
 * into the PDF and records the run and its printed cards in one transaction, after an
 * automatic backup.
 *
 * Returns: %TRUE when the PDF is written and the run committed, %FALSE with @error set
 *   (nothing recorded)
 */
gboolean serah_print_job_run        (SerahPrintJob          *self,
                                     const char             *pdf_path,
                                     SerahPrintProgressFunc  progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     SerahPrintResult       *result,
                                     GError                **error);

/**
 * serah_print_job_run_async:
 * @self: a print job; don't change its options until it finishes
 * @pdf_path: the PDF to write
 * @progress: (nullable) (scope notified): called in the caller's thread-default main context
 * @progress_data: data for @progress
 * @progress_data_free: (nullable): frees @progress_data when the run is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the run is over
 * @user_data: data for @callback
 *
 * serah_print_job_run() in a worker thread on its own connection to the same database file,
 * so the GUI keeps using its store meanwhile (it sees the run once committed).
 */
void     serah_print_job_run_async  (SerahPrintJob          *self,
                                     const char             *pdf_path,
                                     SerahPrintProgressFunc  progress,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_data_free,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);

/**
 * serah_print_job_run_finish:
 * @self: a print job
 * @result: the #GAsyncResult given to the callback
 * @out: (out caller-allocates) (optional): the run's id, counts and serials
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the run was committed, %FALSE with @error set
 */
gboolean serah_print_job_run_finish (SerahPrintJob          *self,
                                     GAsyncResult           *result,
                                     SerahPrintResult       *out,
                                     GError                **error);

/* ---- single things ---- */

/**
 * serah_print_reprint_card:
 * @store: the office database
 * @card_no: the JKN card number
 * @reason: why (lost, misprinted, damaged)
 * @template_: the card template
 * @sheet: the paper
 * @calibration: (nullable): the printer's correction
 * @operator_name: (nullable): who reprints (%NULL: the system user)
 * @pdf_path: the PDF to write
 * @result: (out caller-allocates) (optional): the run's id, counts and serial
 * @error: return location for a #GError
 *
 * Reprints one card: a new serial, the old one voided with @reason and replaced_by, in one
 * transaction with the PDF.
 *
 * Returns: %TRUE when done, %FALSE with @error set (%SERAH_PRINT_ERROR_NOT_PRINTED for a card
 *   never printed)
 */
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

/**
 * serah_print_calibration_page:
 * @sheet: the paper
 * @calibration: (nullable): the printer's correction, applied when given
 * @pdf_path: the PDF to write
 * @error: return location for a #GError
 *
 * Writes the alignment test page of @sheet.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
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
