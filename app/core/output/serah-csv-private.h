/* serah-csv-private.h: writing CSV for the exports and reports of libserah-core (libcsv does
 * the quoting). Internal to app/core. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when a spreadsheet opening the CSV would run value as a formula: it starts with
 * '=', '+', '-', '@', a tab or a CR (OWASP's list) and is not a plain number ("-2", "+62",
 * "3.5", "-1,5%": a number in a numeric column is data, and a spreadsheet reads it as
 * one). Such a cell is written with a leading apostrophe, which spreadsheets take as "this
 * is text" and the importer drops again. Names, addresses and testimonials come from the
 * public: every CSV that Serah writes goes through this. */
gboolean serah_csv_needs_neutralising (const char *value);

/* Appends one CSV record (fields quoted by libcsv, CRLF-terminated as RFC 4180 says).
 * NULL fields are written empty; formula-leading cells are neutralised. */
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
