/* serah-print-records.h: what the store keeps of printing: print runs, every printed card
 * with its serial and place (sheet, position, desa stack), and voided cards. */
#pragma once

#include <glib-object.h>

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

typedef gboolean (*SerahPrintedCardFunc) (const SerahPrintedCard *card,
                                          gpointer                user_data,
                                          GError                **error);

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

G_END_DECLS
