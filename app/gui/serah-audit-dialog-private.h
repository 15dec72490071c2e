/* serah-audit-dialog-private.h: the dialog's insides, for serah-audit-dialog.c and its
 * test (tests/test-gui-admin.c). */
#pragma once

#include "serah-audit-dialog.h"
#include "serah-audit-model.h"

G_BEGIN_DECLS

struct _SerahAuditDialog
{
  AdwWindow        parent_instance;

  SerahStore      *store;
  char            *operator_name;
  GtkStringList   *operators;     /* operator_dropdown's model; item 0 is "all" */
  GDateTime       *since;         /* local midnight of the first day shown; NULL: any */
  GDateTime       *until;         /* local midnight of the last day shown; NULL: any */
  guint            freeze;        /* > 0: widgets being set by code; filters apply after */
  guint            office_reads;  /* reads of the office's log started; only the last counts */
  gboolean         office_shown;  /* the list holds the office's log (linked desk) */
  gboolean         office_pending; /* a read of the office's log has not answered yet */

  SerahAuditModel *model;
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *operator_dropdown;
  GtkMenuButton   *since_button;
  GtkMenuButton   *until_button;
  GtkPopover      *since_popover;
  GtkPopover      *until_popover;
  GtkCalendar     *since_calendar;
  GtkCalendar     *until_calendar;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkColumnView   *column_view;
  GtkColumnViewColumn *desk_column;
  GtkLabel        *source_label;
};

/* Reads the log again, keeping the filters. */
gboolean serah_audit_dialog_reload    (SerahAuditDialog *self,
                                       GError          **error);
/* Date range by calendar day (local time); NULL leaves that end open. */
void     serah_audit_dialog_set_range (SerahAuditDialog *self,
                                       GDateTime        *since,
                                       GDateTime        *until);
/* What the Export button writes once a file is chosen. */
gboolean serah_audit_dialog_export_to (SerahAuditDialog *self,
                                       const char       *path,
                                       GError          **error);

G_END_DECLS
