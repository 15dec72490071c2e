/* serah-print-job-private.h: what the job's options (serah-print-job.c) and the PDF run
 * (serah-print-run.c) share: the job's fields and the walk over the selection. */
#pragma once

#include <serah/cards/serah-print-job.h>

#include "cards/serah-template-private.h"

G_BEGIN_DECLS

struct _SerahPrintJob
{
  GObject             parent_instance;
  SerahStore         *store;
  SerahCardTemplate  *template_;
  SerahSheet         *sheet;

  SerahParticipantFilter filter;
  GArray             *ids;          /* gint64, or NULL for the filter */
  char               *selection_text;

  guint               first_position;
  SerahSeparatorMode  separators;
  gboolean            crop_marks, outline, duplex, include_printed;
  int                 nik_display;
  gboolean            has_calibration;
  SerahCalibration    calibration;
  char               *calibration_name;
  char               *operator_name;
  GHashTable         *extra;
  gint64              ceremony_id;
  char               *reprint_reason;

  /* Filled by plan, preview and run: what did not fit (the renderer's measurements) and the
   * participants with an empty field that the template shows. */
  SerahFitReport     *fit_report;
  GPtrArray          *incomplete;   /* char*: "CARD_NO NAME: faskes, kelas" */
  guint               shown_fields; /* SerahPrintShownField bits of what the template shows */
  gboolean            measure_plan;
};

typedef struct _BackEntry BackEntry;

/* Kept in Indonesian: it is stored with the void and shown as is in card histories. */
#define SERAH_BATCH_REPRINT_REASON "dicetak ulang dalam batch"

/* A card drawn by a run whose rows are written once its PDF is finished (issue 17): what
 * serah_store_insert_printed_card_as and serah_store_void_card will be given. */
typedef struct {
  gint64      serial;
  gint64      participant_id;
  gint64      replaces;       /* the serial voided by this card, or 0 */
  guint       sheet_no, position, stack_index;
  const char *stack_group;    /* in the walk's pending_text */
} SerahPendingCard;

/* One pass over the selection. Set the flags after serah_print_walk_begin:
 *   counting   count cards per desa stack only (group_sizes, total)
 *   cr         draw into it (page_target -1: every page; else only that PDF page)
 *   surface    the PDF: cairo_show_page after each page
 *   record     insert the cards (run_id must be set) and sign their payloads; with
 *              next_serial set, give each card the next reserved serial and keep it in
 *              pending instead of inserting it (the run records them after the PDF) */
typedef struct {
  SerahPrintJob      *job;
  SerahStore         *store;
  GCancellable       *cancellable;
  SerahPrintProgressFunc progress;
  gpointer            progress_data;

  gboolean            counting;
  gboolean            record;
  gint64              run_id;
  cairo_t            *cr;
  cairo_surface_t    *surface;
  int                 page_target;

  SerahCardRenderer  *renderer;
  GHashTable         *extra;        /* the job's extras + office + print_date */
  char               *office, *print_date;
  guint               n_slots;
  BackEntry          *backs;        /* n_slots, the current sheet's cards (duplex) */
  GArray             *group_sizes;  /* guint cards per stack, from the counting pass */

  /* progress of the walk */
  guint               sheet, slot, pages;
  gboolean            sheet_used, front_open, stop, failed;
  guint               n_groups, stack_index;
  char               *group_kecamatan, *group_desa;
  guint               total, done, skipped, voided, separators;
  gboolean            check_fields; /* counting pass: note participants with empty fields */
  gint64              first_serial, last_serial;
  gint64              next_serial;   /* > 0: serials were reserved, cards go to pending */
  GArray             *pending;       /* SerahPendingCard */
  GStringChunk       *pending_text;
} SerahPrintWalk;

gboolean serah_print_walk_begin (SerahPrintWalk *walk,
                                 SerahPrintJob  *job,
                                 SerahStore     *store,
                                 GError        **error);
gboolean serah_print_walk_run   (SerahPrintWalk *walk,
                                 GError        **error);
void     serah_print_walk_end   (SerahPrintWalk *walk);
/* Fresh fit report and list of incomplete participants, before a plan, preview or run. */
void     serah_print_job_reset_findings (SerahPrintJob *self);

G_END_DECLS
