/* serah-print-page-private.h: what the files of the print page share:
 * serah-print-page.c (choices, selection, preview) and serah-print-page-run.c (printing to
 * a printer or a PDF, progress, cancel). */
#pragma once

#include <serah/cards/serah-template.h>

#include "serah-area-selector.h"
#include "serah-card-preview.h"
#include "serah-print-page.h"
#include "serah-print-worker.h"
#include "serah-slot-picker.h"

G_BEGIN_DECLS

struct _SerahPrintPage
{
  GtkWidget          parent_instance;

  SerahStore        *store;

  /* template children */
  GtkWidget         *content;
  AdwComboRow       *template_row;
  AdwComboRow       *sheet_row;
  AdwEntryRow       *ceremony_row;
  GtkSwitch         *include_printed_switch;
  AdwComboRow       *order_row;
  SerahAreaSelector *area_selector;
  GtkSwitch         *crop_marks_switch;
  GtkSwitch         *outline_switch;
  GtkSwitch         *duplex_switch;
  GtkWidget         *duplex_row;
  AdwComboRow       *separators_row;
  AdwComboRow       *profile_row;
  AdwPreferencesGroup *start_group;
  SerahSlotPicker   *slot_picker;
  GtkToggleButton   *view_card_button;
  GtkToggleButton   *back_button;
  GtkLabel          *preview_caption;
  SerahCardPreview  *preview;
  GtkLabel          *summary_label;
  GtkWidget         *progress_box;
  GtkProgressBar    *progress_bar;

  GPtrArray         *card_infos;    /* SerahTemplateInfo, in template_row's order */
  GPtrArray         *sheet_infos;   /* SerahTemplateInfo, in sheet_row's order */
  GtkStringList     *profile_names; /* profile_row's model; item 0 is "no correction" */
  SerahCardTemplate *card;
  SerahSheet        *sheet;
  char              *load_error;    /* why the chosen template or sheet did not load */
  char              *notice;        /* the last run's summary, shown until choices change */

  SerahPrintPlan     plan;          /* of the current choices */
  gboolean           plan_ok;
  gboolean           can_print;     /* print.print and print.export-pdf are enabled */
  guint              refresh_id;    /* idle that starts a new plan */
  gboolean           stale;         /* areas and plan to read when the page is next shown */
  GCancellable      *planning;      /* the plan under way in the worker, or NULL */
  SerahPrintWorker  *worker;        /* plans and draws previews on its own connection */

  GCancellable      *cancellable;   /* of the run in progress, NULL when idle */
};

/* serah-print-page.c */
/* serah_print_page_update_actions: public, in serah-print-page.h */
/* A job with every choice of the page (selection, options, printer profile); NULL with an
 * error when the choices cannot print. */
SerahPrintJob *serah_print_page_make_job (SerahPrintPage *self,
                                          GError        **error);
/* Reloads the profiles from the store and chooses name. */
void     serah_print_page_select_profile (SerahPrintPage *self,
                                          const char     *name);
/* The chosen printer profile, or NULL for none. */
SerahPrinterProfile *serah_print_page_get_profile (SerahPrintPage *self);
/* Plans again and redraws the preview (after a run: printed cards drop out). The plan comes
 * in from the worker; planning is NULL once it is shown. */
void     serah_print_page_refresh        (SerahPrintPage *self);
void     serah_print_page_toast          (SerahPrintPage *self,
                                          const char     *message);
void     serah_print_page_show_error     (SerahPrintPage *self,
                                          const char     *heading,
                                          const GError   *error);

/* serah-print-page-run.c */
void     serah_print_page_export_pdf     (SerahPrintPage *self);
void     serah_print_page_print          (SerahPrintPage *self);
void     serah_print_page_cancel         (SerahPrintPage *self);
void     serah_print_page_reprint        (SerahPrintPage *self);
void     serah_print_page_calibrate      (SerahPrintPage *self);
/* Runs the PDF export to path without a file chooser (what the dialog's answer leads to;
 * tests call it directly). */
void     serah_print_page_export_pdf_to  (SerahPrintPage *self,
                                          const char     *path);

G_END_DECLS
