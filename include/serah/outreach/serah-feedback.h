/* serah-feedback.h: feedback and complaints (umpan balik, pengaduan) recorded at a desk, a
 * forum or an activity, followed up to closure by appended events: received, forwarded (to
 * BPJS, the puskesmas, the desa, Dinsos), resolved with the response given. The open items,
 * oldest first with their age in days, are the office's to-do list.
 *
 * A correction asked for at a ceremony (a misspelt name) is recorded here as "data-salah";
 * the reprint itself is the print area's (serah-cli reprint).
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

/* Stable keys, NULL-terminated. */
extern const char *const serah_feedback_channels[];    /* "meja", "forum", "acara", ... */
extern const char *const serah_feedback_categories[];  /* "data-salah", "kartu-belum-diterima", ... */
extern const char *const serah_feedback_destinations[]; /* "bpjs", "puskesmas", "desa", "dinsos" */
/* For people, translated. */
const char *serah_feedback_category_label (const char *category);
const char *serah_feedback_state_label    (SerahFeedbackState state);

typedef struct {
  const char *channel;
  const char *category;
  const char *desa;
  const char *text;
  const char *card_no;      /* the participant's card number, NULL: not linked */
  gint64      activity_id;  /* 0: none */
  gint64      received_at;  /* Unix seconds it was received (a forum last week); 0: now */
} SerahFeedbackDraft;

/* Records the item and its "received" event in one transaction under operator_name. Returns
 * the new id, 0 on error (SERAH_OUTREACH_ERROR_INVALID, or _NOT_FOUND for an unknown card or
 * activity). */
gint64   serah_feedback_record  (SerahStore               *store,
                                 const SerahFeedbackDraft *draft,
                                 const char               *operator_name,
                                 GError                  **error);
/* Forwards an open item to destination (a key of serah_feedback_destinations). */
gboolean serah_feedback_forward (SerahStore  *store,
                                 gint64       feedback_id,
                                 const char  *destination,
                                 const char  *operator_name,
                                 GError     **error);
/* Closes an open item with the response given (required). Resolved is final
 * (SERAH_OUTREACH_ERROR_REFUSED afterwards). */
gboolean serah_feedback_resolve (SerahStore  *store,
                                 gint64       feedback_id,
                                 const char  *response,
                                 const char  *operator_name,
                                 GError     **error);
/* NULL with SERAH_OUTREACH_ERROR_NOT_FOUND when there is none. */
SerahFeedback *serah_feedback_get (SerahStore  *store,
                                   gint64       feedback_id,
                                   GError     **error);
/* open_only: the items not resolved, oldest first; otherwise all. */
GPtrArray *serah_feedback_list    (SerahStore  *store,
                                   gboolean     open_only,
                                   GError     **error);
/* Whole days between the item's receipt and now (Unix seconds). */
gint64     serah_feedback_age_days (const SerahFeedback *feedback,
                                    gint64               now);

G_END_DECLS
