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
/**
 * serah_feedback_category_label:
 * @category: (nullable): a key of serah_feedback_categories (any case)
 *
 * For people, translated.
 *
 * Returns: (transfer none) (nullable): a static label; @category itself when it is not a
 *   known key, so %NULL when @category is %NULL
 */
const char *serah_feedback_category_label (const char *category);
/**
 * serah_feedback_state_label:
 * @state: a state
 *
 * For people, translated: "Received", "Forwarded", "Resolved".
 *
 * Returns: (transfer none): a static label; "?" for a value out of the enumeration
 */
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

/**
 * serah_feedback_record:
 * @store: the office database
 * @draft: the item as received
 * @operator_name: who records it
 * @error: return location for a #GError
 *
 * Records the item and its "received" event in one transaction under @operator_name.
 *
 * Returns: the new id, 0 on error (%SERAH_OUTREACH_ERROR_INVALID, or _NOT_FOUND for an
 *   unknown card or activity)
 */
gint64   serah_feedback_record  (SerahStore               *store,
                                 const SerahFeedbackDraft *draft,
                                 const char               *operator_name,
                                 GError                  **error);
/**
 * serah_feedback_forward:
 * @store: the office database
 * @feedback_id: the item
 * @destination: a key of serah_feedback_destinations
 * @operator_name: who forwards it
 * @error: return location for a #GError
 *
 * Forwards an open item to @destination (a key of serah_feedback_destinations), appending a
 * "forwarded" event in one transaction.
 *
 * Returns: %TRUE when recorded; %FALSE with %SERAH_OUTREACH_ERROR_INVALID for an unknown
 *   destination, _NOT_FOUND for no such item, _REFUSED when it is already resolved
 */
gboolean serah_feedback_forward (SerahStore  *store,
                                 gint64       feedback_id,
                                 const char  *destination,
                                 const char  *operator_name,
                                 GError     **error);
/**
 * serah_feedback_resolve:
 * @store: the office database
 * @feedback_id: the item
 * @response: the response given (required, not blank)
 * @operator_name: who closes it
 * @error: return location for a #GError
 *
 * Closes an open item with the response given (required). Resolved is final
 * (%SERAH_OUTREACH_ERROR_REFUSED afterwards).
 *
 * Returns: %TRUE when recorded; %FALSE with %SERAH_OUTREACH_ERROR_INVALID for a blank
 *   response, _NOT_FOUND for no such item, _REFUSED when it is already resolved
 */
gboolean serah_feedback_resolve (SerahStore  *store,
                                 gint64       feedback_id,
                                 const char  *response,
                                 const char  *operator_name,
                                 GError     **error);
/**
 * serah_feedback_get:
 * @store: the office database
 * @feedback_id: the item
 * @error: return location for a #GError
 *
 * Reads one item with its current state.
 *
 * Returns: (transfer full) (nullable): the item, to free with serah_feedback_free(); %NULL
 *   with %SERAH_OUTREACH_ERROR_NOT_FOUND when there is none, or with the store's error
 */
SerahFeedback *serah_feedback_get (SerahStore  *store,
                                   gint64       feedback_id,
                                   GError     **error);
/**
 * serah_feedback_list:
 * @store: the office database
 * @open_only: %TRUE: the items not resolved, oldest first; %FALSE: all
 * @error: return location for a #GError
 *
 * open_only: the items not resolved, oldest first; otherwise all.
 *
 * Returns: (transfer container) (element-type SerahFeedback) (nullable): the items
 *   (possibly none); the array frees its elements with serah_feedback_free(), so
 *   g_ptr_array_unref() it. %NULL with @error set when the store cannot be read
 */
GPtrArray *serah_feedback_list    (SerahStore  *store,
                                   gboolean     open_only,
                                   GError     **error);
/**
 * serah_feedback_age_days:
 * @feedback: an item
 * @now: the moment to age against, Unix seconds
 *
 * Whole days between the item's receipt and @now (Unix seconds).
 *
 * Returns: the age in whole days, 0 when @now is not after the receipt
 */
gint64     serah_feedback_age_days (const SerahFeedback *feedback,
                                    gint64               now);

G_END_DECLS
