/* serah-store-card-change-private.h: a re-import that changes a participant's card number (issue
 * 17). Printed cards carry the old number: a silent change would make the genuine card
 * answer "unknown-card" and leave its serial unvoided. Internal to app/core. */
#pragma once

#include <serah/store/serah-store.h>

G_BEGIN_DECLS

/* Inside the import's transaction, before any participant is written: from now on an
 * UPDATE that changes a card number is refused (the row becomes a conflict) unless allow,
 * in which case each change is remembered for serah_store_end_card_change_watch. */
gboolean serah_store_begin_card_change_watch (SerahStore  *self,
                                              gboolean     allow,
                                              GError     **error);
/* Ends the watch, in the same transaction. For each remembered change, voids the
 * participant's printed cards that are not voided yet (reason names both numbers and the
 * import) and records card.number-changed in the audit log. *n_voided: cards voided. */
gboolean serah_store_end_card_change_watch   (SerahStore  *self,
                                              gint64       import_id,
                                              const char  *operator_name,
                                              guint       *n_changed,
                                              guint       *n_voided,
                                              GError     **error);
/* Stops watching without voiding anything (the import is being rolled back). */
void     serah_store_drop_card_change_watch  (SerahStore  *self);

G_END_DECLS
