/* serah-admin-records.h: the rows of the admin domain: operators (with their role and its
 * stable name) and audit events (with the filter that selects them), and their free
 * functions.
 *
 * Below both the admin SQL (serah-store-operators.c, serah-store-audit.c) and the rules
 * (serah-operators.c, serah-audit.c), so that none includes another for a type: HOUSE-STYLE's
 * "<domain>-records.h".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered: a higher role includes the lower ones. */
typedef enum {
  SERAH_ROLE_OFFICER = 1,   /* petugas acara: check-off and testimonials */
  SERAH_ROLE_ADMIN   = 2,   /* administrator: everything */
} SerahRole;

/**
 * serah_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): "admin" or "officer", as stored and as typed on the command line
 *   (static)
 */
const char *serah_role_to_string   (SerahRole   role);

/**
 * serah_role_from_string:
 * @text: admin, administrator, officer or petugas (any case)
 * @role: (out): the role read
 *
 * Returns: %TRUE and @role written for a known word, %FALSE otherwise
 */
gboolean    serah_role_from_string (const char *text,
                                    SerahRole  *role);

typedef struct {
  gint64    id;               /* 0 for the bootstrap operator */
  char     *name;             /* sign-in name, lower case */
  char     *full_name;        /* may be NULL */
  SerahRole role;
  gboolean  disabled;
  gint64    failed_attempts;  /* consecutive wrong PINs */
  gint64    locked_until;     /* Unix seconds; 0 when not locked */
  gint64    created_at;       /* Unix seconds */
  char     *created_by;
  gboolean  bootstrap;        /* TRUE: no operator exists yet, see above */
} SerahOperator;

/**
 * serah_operator_free:
 * @self: (nullable): an operator, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_operator_free (SerahOperator *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahOperator, serah_operator_free)

typedef struct {
  gint64 id;
  gint64 at;          /* Unix seconds */
  char  *operator_name;
  char  *action;
  char  *subject;     /* may be NULL */
  char  *details;     /* JSON object text, may be NULL */
  char  *desk;        /* the office's log (serah_server_read_office_log): the desk's login;
                       * NULL in the local log and for this desk's entries not sent yet */
} SerahAuditEvent;

/**
 * serah_audit_event_free:
 * @self: (nullable): an audit event, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_audit_event_free (SerahAuditEvent *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahAuditEvent, serah_audit_event_free)

typedef struct {
  gint64      since;    /* Unix seconds, events at or after; 0 = from the start */
  const char *action;   /* exact action, or a prefix ending in '.' ("operator."); NULL = any */
  guint       limit;    /* newest N; 0 = no limit */
} SerahAuditFilter;

G_END_DECLS
