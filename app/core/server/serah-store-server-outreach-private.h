/* serah-store-server-outreach-private.h: the desk's SQLite side of the outreach sync
 * (serah-store-server-outreach.c), used only by serah-server-outreach.c. Never included
 * outside app/core.
 */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

typedef struct {
  gint64  local_id;
  char   *key;    /* the natural key on the server: a UUID, or parent/status/at/operator */
  char   *body;   /* the row as a JSON object, references by UUID or NIK */
} SerahOutreachPushRow;

void serah_outreach_push_row_free (SerahOutreachPushRow *self);

typedef enum {
  SERAH_OUTREACH_APPLY_FAILED,   /* error set: the pull's transaction must roll back */
  SERAH_OUTREACH_APPLY_ADDED,
  SERAH_OUTREACH_APPLY_KNOWN,    /* here already, or superseded by a later local event */
  SERAH_OUTREACH_APPLY_PENDING,  /* names an activity, participant... not here yet */
  SERAH_OUTREACH_APPLY_REFUSED,  /* this desk's constraints refuse it, or an unknown kind */
} SerahOutreachApply;

/* The kinds, in the order they are pushed (parents before children). */
guint       serah_store_outreach_sync_n_kinds    (void);
const char *serah_store_outreach_sync_kind       (guint i);
/* Rows of kind i after its push cursor (returned in *cursor), in local id order. */
GPtrArray  *serah_store_outreach_sync_read       (SerahStore *store,
                                                  guint       i,
                                                  gint64     *cursor,
                                                  GError    **error);
gboolean    serah_store_outreach_sync_set_cursor (SerahStore *store,
                                                  guint       i,
                                                  gint64      cursor,
                                                  GError    **error);
/* Inside the caller's transaction. */
SerahOutreachApply serah_store_outreach_sync_apply (SerahStore *store,
                                                    const char *kind,
                                                    const char *body,
                                                    GError    **error);

G_END_DECLS
