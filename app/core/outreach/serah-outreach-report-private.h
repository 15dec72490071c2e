/* serah-outreach-report-private.h: the outreach indicators as rows, shared with reports/ so
 * that `report indicators` writes them beside the card's indicators in its CSV and XLSX
 * (issue 15). Internal to app/core. */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

/* The indicators of the period as a document of rows (GStrv each): a row whose first cell is
 * not empty opens a section (its title, then the column heads); rows of data start with an
 * empty cell; a row of one empty cell separates sections. NULL with error set. */
GPtrArray *serah_outreach_indicators_rows (SerahStore  *store,
                                           const char  *from,
                                           const char  *to,
                                           gint64       now,
                                           GError     **error);

G_END_DECLS
