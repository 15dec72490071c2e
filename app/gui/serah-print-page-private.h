/* serah-print-page-private.h: what the files of the print page share:
 * serah-print-page.c (choices, selection, preview) and serah-print-page-run.c (printing to
 * a printer or a PDF, progress, cancel). */
#pragma once

#include <serah/serah-template.h>

#include "serah-area-selector.h"
#include "serah-card-preview.h"
#include "serah-print-page.h"
#include "serah-slot-picker.h"

G_BEGIN_DECLS

struct _SerahPrintPage
{
  GtkWidget          parent_instance;

  SerahStore        *store;

  /* template children */
  AdwComboRow       *template_row;
  AdwComboRow       *sheet_row;
  GtkSwitch         *include_printed_switch;
  AdwComboRow       *order_row;
  SerahAreaSelector *area_selector;
  GtkSwitch         *crop_marks_switch;
  GtkSwitch         *outline_switch;
  GtkSwitch         *duplex_switch;
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

  gint64             count;         /* cards the selection prints */
  guint              preview_index; /* sheet (sheet view) or card (card view) shown */

  GCancellable      *cancellable;   /* of the run in progress, NULL when idle */
};

/* serah-print-page.c */
gboolean serah_print_page_is_busy        (SerahPrintPage *self);
void     serah_print_page_update_actions (SerahPrintPage *self);
/* The choices as the core print job wants them; FALSE with a message when they cannot
 * print (nothing selected, template and sheet do not fit). */
gboolean serah_print_page_fill_filter    (SerahPrintPage         *self,
                                          SerahParticipantFilter *filter);
char    *serah_print_page_get_profile    (SerahPrintPage *self);
void     serah_print_page_show_message   (SerahPrintPage *self,
                                          const char     *message);

/* serah-print-page-run.c */
void     serah_print_page_export_pdf     (SerahPrintPage *self);
void     serah_print_page_print          (SerahPrintPage *self);
void     serah_print_page_cancel         (SerahPrintPage *self);
/* Runs the PDF export to path without a file chooser (what the dialog's answer leads to;
 * tests call it directly). */
void     serah_print_page_export_pdf_to  (SerahPrintPage *self,
                                          const char     *path);

G_END_DECLS
