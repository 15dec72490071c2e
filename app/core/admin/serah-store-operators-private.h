/* serah-store-operators-private.h: the row-level queries of the operators table
 * (serah-store-operators.c), for serah-operators.c, which keeps the rules (PIN hashing,
 * lockout, roles, validation). Private to the core and its tests.
 */
#pragma once

#include "store/serah-store-private.h"
#include <serah/admin/serah-admin-records.h>

G_BEGIN_DECLS

gint64         serah_store_count_operators       (SerahStore  *self,
                                                  gboolean     enabled_admins_only,
                                                  GError     **error);
gboolean       serah_store_insert_operator       (SerahStore  *self,
                                                  const char  *name,
                                                  const char  *full_name,
                                                  SerahRole    role,
                                                  const char  *pin_hash,
                                                  const char  *created_by,
                                                  GError     **error);
/* NULL with no error when absent. pin_hash_out may be NULL. */
SerahOperator *serah_store_get_operator          (SerahStore  *self,
                                                  const char  *name,
                                                  char       **pin_hash_out,
                                                  GError     **error);
GPtrArray     *serah_store_list_operators        (SerahStore  *self,
                                                  GError     **error);
gboolean       serah_store_set_operator_disabled (SerahStore  *self,
                                                  const char  *name,
                                                  gboolean     disabled,
                                                  GError     **error);
/* Also clears the failure counter and any lockout. */
gboolean       serah_store_set_operator_pin_hash (SerahStore  *self,
                                                  const char  *name,
                                                  const char  *pin_hash,
                                                  GError     **error);
/* Counts one more wrong PIN and locks until lock_until when the count reaches
 * max_attempts; returns the new count and lock time. */
gboolean       serah_store_note_failed_pin       (SerahStore  *self,
                                                  const char  *name,
                                                  gint64       max_attempts,
                                                  gint64       lock_until,
                                                  gint64      *failed_attempts,
                                                  gint64      *locked_until,
                                                  GError     **error);
gboolean       serah_store_clear_failed_pins     (SerahStore  *self,
                                                  const char  *name,
                                                  GError     **error);

G_END_DECLS
