/* serah-csv-private.h: writing CSV for the exports and reports of libserah-core (libcsv does
 * the quoting). Internal to app/core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends one CSV record (fields quoted by libcsv, CRLF-terminated as RFC 4180 says).
 * NULL fields are written empty. */
void     serah_csv_append_row (GString           *out,
                               const char *const *fields,
                               guint              n_fields);

/* Starts a CSV text with a UTF-8 byte-order mark: spreadsheet programs that office staff
 * open CSV files with (Excel, LibreOffice) read it as UTF-8 only with the mark. */
GString *serah_csv_new        (void);

/* Writes the text atomically (temporary file, then rename): an interrupted export never
 * leaves a half file under the final name. */
gboolean serah_csv_save       (GString     *csv,
                               const char  *path,
                               GError     **error);

G_END_DECLS
