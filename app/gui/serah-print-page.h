/* serah-print-page.h: the "Cetak" page of the main window: template, sheet, who to print,
 * options, live preview, and printing to a printer or a PDF. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_PRINT_PAGE (serah_print_page_get_type ())
G_DECLARE_FINAL_TYPE (SerahPrintPage, serah_print_page, SERAH, PRINT_PAGE, GtkWidget)

GtkWidget  *serah_print_page_new       (SerahStore     *store);
SerahStore *serah_print_page_get_store (SerahPrintPage *self);
void        serah_print_page_set_store (SerahPrintPage *self,
                                        SerahStore     *store);

/* Enables the actions for the plan, the work in progress and the operator's role (printing
 * is for administrators). The window calls it when the operator changes. */
void serah_print_page_update_actions (SerahPrintPage *self);

G_END_DECLS
