/* serah-print-records.h: what the store keeps of printing: print runs, every printed card
 * with its serial and place (sheet, position, desa stack), and voided cards. */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_PRINT_RUN_BATCH,
  SERAH_PRINT_RUN_REPRINT,
  SERAH_PRINT_RUN_INVITATION,
} SerahPrintRunKind;

typedef struct {
  gint64            id;
  gint64            created_at;
  SerahPrintRunKind kind;
  char             *operator_name;
  char             *template_name;
  char             *sheet_name;
  char             *calibration; /* printer profile name, or NULL */
  char             *selection;   /* human description of what was selected */
  char             *output;      /* PDF path or printer name */
  gint64            cards;       /* filled by listings */
} SerahPrintRun;

void serah_print_run_free (SerahPrintRun *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrintRun, serah_print_run_free)

typedef struct {
  gint64 serial;
  gint64 print_run_id;
  gint64 participant_id;
  int    sheet_no;       /* 1-based page of the run */
  int    position;       /* 1-based slot on the sheet */
  char  *stack_group;    /* desa whose stack the card sits in */
  int    stack_index;    /* 1-based place in that desa's stack */
  gint64 printed_at;
  gint64 replaces_serial; /* reprint: the serial this card replaces, else 0 */
  gint64 voided_at;      /* 0 while current */
  char  *void_reason;
  gint64 replaced_by;    /* serial of the reprint, 0 if none */
} SerahPrintedCard;

void serah_printed_card_free (SerahPrintedCard *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrintedCard, serah_printed_card_free)

/* Records a run; fills run->id and run->created_at. Call inside a transaction together with
 * the cards, so a failed run leaves nothing. */
gboolean serah_store_insert_print_run   (SerahStore    *store,
                                         SerahPrintRun *run,
                                         GError       **error);
/* Records one printed card and returns its new serial (never reused), 0 on error. */
gint64   serah_store_insert_printed_card (SerahStore  *store,
                                          gint64       print_run_id,
                                          gint64       participant_id,
                                          int          sheet_no,
                                          int          position,
                                          const char  *stack_group,
                                          int          stack_index,
                                          gint64       replaces_serial,
                                          GError     **error);
/* Voids a card (append-only: a row in card_voids). */
gboolean serah_store_void_card          (SerahStore  *store,
                                         gint64       serial,
                                         const char  *reason,
                                         const char  *operator_name,
                                         gint64       replaced_by,
                                         GError     **error);
/* NULL without error when no such serial. */
SerahPrintedCard *serah_store_get_printed_card (SerahStore *store,
                                                gint64      serial,
                                                GError    **error);
/* The participant's newest card that is not voided; NULL without error when none.
 * Invitation slips are recorded as printed items too, but are never a current card. */
SerahPrintedCard *serah_store_get_current_card (SerahStore *store,
                                                gint64      participant_id,
                                                GError    **error);

/* ---- listing runs ---- */

/* NULL without error when no such run; cards is filled. */
SerahPrintRun *serah_store_get_print_run      (SerahStore *store,
                                               gint64      id,
                                               GError    **error);
/* Element type SerahPrintRun, newest first, with the number of cards. */
GPtrArray     *serah_store_list_print_runs    (SerahStore *store,
                                               GError    **error);
typedef gboolean (*SerahPrintedCardFunc) (const SerahPrintedCard *card,
                                          gpointer                user_data,
                                          GError                **error);
/* Streams the cards of a run in print order (serial). */
gboolean       serah_store_foreach_printed_card (SerahStore          *store,
                                                 gint64               print_run_id,
                                                 SerahPrintedCardFunc func,
                                                 gpointer             user_data,
                                                 GError             **error);

/* ---- printer profiles (calibration) ---- */

/* A printer's correction, applied when printing: drawn = offset + scale * designed. */
typedef struct {
  char  *name;
  double offset_x_mm, offset_y_mm;
  double scale_x, scale_y;
  gint64 updated_at;
} SerahPrinterProfile;

void serah_printer_profile_free (SerahPrinterProfile *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahPrinterProfile, serah_printer_profile_free)

/* Creates or replaces the profile of that name (a setting, not an event). */
gboolean             serah_store_save_printer_profile   (SerahStore                *store,
                                                         const SerahPrinterProfile *profile,
                                                         GError                   **error);
/* NULL without error when no such profile. */
SerahPrinterProfile *serah_store_get_printer_profile    (SerahStore *store,
                                                         const char *name,
                                                         GError    **error);
/* Element type SerahPrinterProfile, by name. */
GPtrArray           *serah_store_list_printer_profiles  (SerahStore *store,
                                                         GError    **error);
gboolean             serah_store_delete_printer_profile (SerahStore *store,
                                                         const char *name,
                                                         GError    **error);

G_END_DECLS
