/* serah-audit-model.h: audit events as a lazy GListModel for the Jejak Audit window, and
 * the selection (kind, operator, date range) the window applies to them. */
#pragma once

#include <gio/gio.h>
#include <serah/admin/serah-audit.h>

G_BEGIN_DECLS

/* One event as a row; its properties ("time", "operator", "action", "label", "subject",
 * "details") are the texts the columns show. */
#define SERAH_TYPE_AUDIT_ITEM (serah_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (SerahAuditItem, serah_audit_item, SERAH, AUDIT_ITEM, GObject)

const SerahAuditEvent *serah_audit_item_get_event (SerahAuditItem *self);

typedef struct {
  const char *const *prefixes;       /* actions: exact codes, or prefixes ending in '.';
                                        NULL = any */
  const char        *operator_name;  /* NULL = any */
  gint64             since;          /* Unix seconds, at or after; 0 = from the start */
  gint64             until;          /* Unix seconds, before; 0 = up to now */
} SerahAuditQuery;

gboolean serah_audit_query_matches (const SerahAuditQuery *query,
                                    const SerahAuditEvent *event);

#define SERAH_TYPE_AUDIT_MODEL (serah_audit_model_get_type ())
G_DECLARE_FINAL_TYPE (SerahAuditModel, serah_audit_model, SERAH, AUDIT_MODEL, GObject)

SerahAuditModel *serah_audit_model_new        (void);
/* events: element type SerahAuditEvent, newest first (serah_audit_list); a reference is
 * taken. Shows those matching query (NULL: all). */
void             serah_audit_model_set_events (SerahAuditModel       *self,
                                               GPtrArray             *events,
                                               const SerahAuditQuery *query);
void             serah_audit_model_apply      (SerahAuditModel       *self,
                                               const SerahAuditQuery *query);
/* All events given to the model, shown or not. */
GPtrArray       *serah_audit_model_get_events (SerahAuditModel       *self);
/* The events shown, in order (pointers into get_events; no free function). */
GPtrArray       *serah_audit_model_get_shown  (SerahAuditModel       *self);

G_END_DECLS
