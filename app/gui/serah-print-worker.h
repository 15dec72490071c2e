/* serah-print-worker.h: the print page's choices as plain data, and a worker thread with its
 * own connection to the database that plans and draws preview pages from them, so a large
 * selection never holds up the window. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah.h>
#include <serah/cards/serah-print-job.h>

G_BEGIN_DECLS

/* Everything a print job needs, copied out of the widgets (immutable, refcounted, any
 * thread). */
typedef struct {
  SerahCardTemplate   *card;
  SerahSheet          *sheet;
  char               **kecamatan;       /* NULL: all */
  char               **desa;
  const char *const   *order;           /* static */
  char                *selection;       /* for the run record */
  gboolean             include_printed;
  guint                first_position;
  SerahSeparatorMode   separators;
  gboolean             crop_marks;
  gboolean             outline;
  gboolean             duplex;
  gint64               ceremony_id;
  SerahPrinterProfile *profile;         /* NULL: no correction */
} SerahPrintChoices;

SerahPrintChoices *serah_print_choices_new   (void);
SerahPrintChoices *serah_print_choices_ref   (SerahPrintChoices *self);
void               serah_print_choices_unref (SerahPrintChoices *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrintChoices, serah_print_choices_unref)

/* A job on store with every choice applied. */
SerahPrintJob     *serah_print_choices_make_job (const SerahPrintChoices *self,
                                                 SerahStore              *store);

/* What a preview shows: which page, which part of it. */
typedef struct {
  guint    sheet_index;     /* 0-based sheet */
  guint    slot;            /* 0-based, single-card view */
  guint    start_position;  /* 1-based first free slot: earlier slots are shaded */
  gboolean single_card;
  gboolean back;
} SerahPreviewView;

typedef struct _SerahPrintWorker SerahPrintWorker;

/* Opens its connection to the database of store on first use, in the worker thread
 * (serah_store_open_like). */
SerahPrintWorker *serah_print_worker_new   (SerahStore       *store);
SerahPrintWorker *serah_print_worker_ref   (SerahPrintWorker *self);
void              serah_print_worker_unref (SerahPrintWorker *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrintWorker, serah_print_worker_unref)

/* Counts what choices would print (serah_print_job_plan), in the worker thread. */
void     serah_print_worker_plan_async  (SerahPrintWorker    *self,
                                         SerahPrintChoices   *choices,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean serah_print_worker_plan_finish (GAsyncResult        *result,
                                         SerahPrintPlan      *plan,
                                         GError             **error);

/* Draws view of choices into a width x height area of cr (device units). Blocks: call it
 * from the worker (serah_print_worker_render_async) or in tests. FALSE with a notice drawn
 * when there is no such page. */
gboolean serah_print_worker_draw          (SerahPrintWorker       *self,
                                           const SerahPrintChoices *choices,
                                           const SerahPreviewView *view,
                                           cairo_t                *cr,
                                           double                  width,
                                           double                  height,
                                           GCancellable           *cancellable);
/* Renders view into a new image surface of width x height at scale, in the worker thread. */
void             serah_print_worker_render_async  (SerahPrintWorker       *self,
                                                   SerahPrintChoices      *choices,
                                                   const SerahPreviewView *view,
                                                   int                     width,
                                                   int                     height,
                                                   int                     scale,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
cairo_surface_t *serah_print_worker_render_finish (GAsyncResult           *result,
                                                   GError                **error);

/* Where the card of slot (0-based) lands in a width x height drawing of view (sheet view
 * only), in device units. */
gboolean serah_print_view_slot_area (const SerahPrintChoices *choices,
                                     const SerahPreviewView  *view,
                                     guint                    slot,
                                     double                   width,
                                     double                   height,
                                     graphene_rect_t         *out);

G_END_DECLS
