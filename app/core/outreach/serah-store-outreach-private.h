/* serah-store-outreach-private.h: the SQL of the outreach area, private to the core.
 *
 * The CLI and the GUI call the domain functions of include/serah/outreach/ only; these
 * functions are for those domain files (and the import use case's one call that closes
 * registrations). Each does one statement or one query; the domain file owns the
 * transaction around them.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

#include "store/serah-store-private.h"

G_BEGIN_DECLS

/* ---- activities ---- */

/* 1 when the activity exists, 0 when not, -1 on error. */
int      serah_store_outreach_activity_exists (SerahStore  *store,
                                               gint64       activity_id,
                                               GError     **error);

/* ---- SKM ---- */

gint64   serah_store_outreach_insert_skm   (SerahStore             *store,
                                            const SerahSkmResponse *response,
                                            GError                **error);
/* The answers and profiles of a period and unit (NULLs: no bound). Element type
 * SerahSkmResponse, oldest first. */
GPtrArray *serah_store_outreach_list_skm   (SerahStore  *store,
                                            const char  *unit,
                                            const char  *from,
                                            const char  *to,
                                            GError     **error);

G_END_DECLS
