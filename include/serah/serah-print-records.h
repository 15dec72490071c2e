/* serah-print-records.h: what the store keeps of printing: print runs, every printed card
 * with its serial and place (sheet, position, desa stack), and voided cards. */
#pragma once

#include <serah/serah-store.h>

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
/* The participant's newest card that is not voided; NULL without error when none. */
SerahPrintedCard *serah_store_get_current_card (SerahStore *store,
                                                gint64      participant_id,
                                                GError    **error);

G_END_DECLS
