/* serah-import.h: loading verified participant lists (CSV as spreadsheets export it, XLSX
 * and ODS read directly) and writing them back out.
 *
 * What the importer accepts, and how it decides (the contract the tests check):
 *  - XLSX and ODS (issue 11), streamed: the first visible sheet with a header row among its
 *    first ten rows, or options->sheet. Lines are spreadsheet rows, columns are letters.
 *    Numbers read as a General column shows them (a NIK stored as a number is
 *    nik-scientific), date cells as dates (1900 and 1904 systems), hidden rows with a
 *    hidden-row warning. See serah-import-sheet.c.
 *  - BPJS and Dinkes layouts: NOKA, NIK, NMPST, KDJK, TGLLHR, NM_PPK, HAK_KELAS, ALAMAT,
 *    RT and RW (joined to the address), KD_DESA, NM_DESA, KD_KEC, NM_KEC, NO_KK, PISA,
 *    KD_PPK, in any case, spacing or punctuation. A list without desa and kecamatan (or a
 *    desa code that names both) is refused (MISSING_COLUMN) unless they are mapped;
 *    "desa=" maps to nothing: participants keep what the database holds.
 *  - Desa and kecamatan are checked against the Kemendagri area codes (serah-area.h) and
 *    stored as they spell them.
 *  - UTF-8 with or without BOM; ',', ';' or tab separators, found by sniffing the first
 *    records with libcsv; CRLF, LF or CR line ends; RFC 4180 quoting; blank lines.
 *    Line numbers are physical lines: a record with a quoted newline is reported at the
 *    line where it starts.
 *  - Refused as a whole (nothing recorded, SERAH_IMPORT_ERROR_NOT_CSV): empty files,
 *    binary files (NUL or control bytes, a header line that is neither UTF-8 nor text),
 *    ZIP files that are no spreadsheet, old XLS, PDF, HTML and UTF-16 files, and files
 *    without a header row among their first ten records (title lines above the header are
 *    skipped).
 *  - Bytes that are not UTF-8 inside a field are read as Windows-1252 (what Excel writes
 *    on Indonesian Windows) and the field gets an "encoding-cp1252" warning.
 *  - Whitespace is trimmed and runs of whitespace (quoted newlines too) become one space.
 *    Spreadsheet text markers (a leading ' or ="...") around NIK and card numbers are
 *    dropped silently; spaces and dashes inside them are removed with a warning.
 *  - An empty sex cell is taken from the NIK (day + 40 = woman) with a warning; when the
 *    file has no sex column at all the same happens with one file-level note. Columns the
 *    file lacks keep what the database already holds for that NIK.
 *  - Spreadsheet serial day numbers (29221 = 1980-01-01) are accepted as birth dates with a
 *    warning; impossible and future dates reject the row.
 *  - Every data row ends up in exactly one of imported, updated, unchanged, rejected and
 *    duplicates; conflicts are the rejected rows that clashed with another row or with the
 *    database (same NIK with other data, same card number on another NIK). Within a file
 *    the first row wins; a card number held by another NIK in the database at the time the
 *    row's batch is written is a conflict even if a later row would move it away.
 *  - warnings counts the warning problems; info problems (ignored columns, skipped title
 *    lines, exact repeats) are not counted.
 *
 * Problem codes (stable, for scripts and the reject report):
 *   errors:   nik-missing nik-scientific nik-length nik-invalid card-missing
 *             card-scientific card-leading-zeros card-length card-invalid name-missing
 *             sex-missing sex-invalid birth-date-invalid birth-date-future nik-conflict
 *             card-conflict unterminated-quote binary-data
 *   warnings: nik-normalized card-normalized nik-birthdate-mismatch nik-sex-mismatch
 *             nik-date-invalid sex-from-nik birth-date-missing birth-date-serial
 *             care-class-invalid encoding-cp1252 extra-cells duplicate-column
 *             hidden-row nik-area-unknown desa-not-in-kecamatan desa-code-unknown
 *             desa-code-mismatch kecamatan-code-unknown areas-unavailable
 *   info:     unknown-column title-line duplicate-row column-absent
 */
#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <serah/store/serah-store.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

#define SERAH_IMPORT_ERROR (serah_import_error_quark ())
typedef enum {
  SERAH_IMPORT_ERROR_UNREADABLE,     /* missing file, permission, I/O */
  SERAH_IMPORT_ERROR_NOT_CSV,        /* binary, empty, no header row */
  SERAH_IMPORT_ERROR_MISSING_COLUMN, /* a required field has no column */
  SERAH_IMPORT_ERROR_BAD_MAPPING,    /* --map field=HEADER names an unknown field/header */
  SERAH_IMPORT_ERROR_CANCELLED,
  SERAH_IMPORT_ERROR_STORE,
  SERAH_IMPORT_ERROR_NO_SHEET,       /* --sheet names a sheet the workbook does not have */
} SerahImportError;
GQuark serah_import_error_quark (void);

typedef enum {
  SERAH_IMPORT_SEVERITY_ERROR,   /* row rejected */
  SERAH_IMPORT_SEVERITY_WARNING, /* row imported, something to check */
  SERAH_IMPORT_SEVERITY_INFO,    /* e.g. an ignored unknown column */
} SerahImportSeverity;

/* "error", "warning" or "info": the words stored in the database and printed by --json. */
const char *serah_import_severity_to_string (SerahImportSeverity severity);

typedef struct {
  gint64               line;     /* 1-based physical line where the record starts; 0 = file */
  char                *column;   /* header text as in the file, or NULL */
  char                *code;     /* stable code: "nik-scientific", "card-leading-zeros", ... */
  SerahImportSeverity  severity;
  char                *message;  /* translated, for people */
  char                *raw_value;
  /* office data (issue 11): errors only, the whole row as read (cells cleaned: UTF-8,
   * trimmed), NULL-terminated, so that the rejected rows can be corrected and imported
   * again; NULL for problems of the file. */
  char               **row;
} SerahImportProblem;

void serah_import_problem_free (SerahImportProblem *self);

/* One column of the file as the importer read it: what the GUI's mapping view shows. */
typedef struct {
  char       *header;  /* as in the file ("" for an empty header cell) */
  char       *letter;  /* spreadsheet column letter: "A", "B", ... "AA" */
  const char *field;   /* the field it is read as ("nik", "desa", "desa_code"...), or NULL */
} SerahImportColumn;

void serah_import_column_free (SerahImportColumn *self);

typedef struct {
  SerahImportRecord  counts;     /* id, file_name, sha256 and the counts */
  GPtrArray         *problems;   /* SerahImportProblem, in line order */
  char               separator;  /* detected: ',', ';' or '\t' */
  gboolean           had_bom;
  /* office data (issue 11) */
  gboolean           dry_run;    /* nothing was stored: counts say what an import would do */
  GPtrArray         *columns;    /* SerahImportColumn, in file order */
  GPtrArray         *sample;     /* SerahParticipant: the first rows as they would be stored */
  char              *format;     /* "csv", "xlsx" or "ods" */
  char              *sheet;      /* the sheet read (XLSX, ODS), else NULL */
  /* serah_import_preview only: why the list cannot be imported as mapped (MISSING_COLUMN,
   * BAD_MAPPING); then columns are filled and nothing else, for the person to map. */
  GError            *refusal;
} SerahImportReport;

void serah_import_report_free (SerahImportReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahImportReport, serah_import_report_free)

typedef struct {
  const char *const *mappings; /* "field=HEADER" strings, NULL-terminated, may be NULL.
                                  Fields: nik, card_no, name, sex, birth_date, address,
                                  desa, kecamatan, faskes, care_class. */
  /* Called after every 64 KiB block with bytes read and total bytes (-1 if unknown), from
   * the import's reader thread: not the caller's thread, never the GTK main thread. */
  void              (*progress) (goffset done, goffset total, gpointer user_data);
  gpointer            progress_data;
  /* hardening (issue 6): the operator recorded in the audit log with the import, in its
   * transaction (NULL: the system user name). */
  const char         *operator_name;
  /* office data (issue 11): read, check and count everything, then roll back: the report
   * says what the import would do and the database is left as it was (no audit entry). */
  gboolean            dry_run;
  /* Keep this many of the first valid rows, as they would be stored, in report->sample
   * (the GUI's preview before an import commits). */
  guint               sample_rows;
  /* XLSX and ODS: the sheet to read, by name (NULL: the first visible sheet with a header
   * row among its first rows). */
  const char         *sheet;
} SerahImportOptions;

/* Imports path into store in one transaction. Returns the report (rows may have been
 * rejected) or NULL with error when the file as a whole could not be read, or when the
 * import failed or was cancelled half way; then the database is left exactly as it was.
 * Touches no GTK and may run in a GTask thread, provided no other thread uses the store
 * meanwhile: the calling thread writes to the store while a reader thread of the import
 * parses and checks the file, so on two cores parsing costs no extra time. Cancelling
 * stops the import within one block. */
SerahImportReport *serah_import_file (SerahStore               *store,
                                      const char               *path,
                                      const SerahImportOptions *options,
                                      GCancellable             *cancellable,
                                      GError                  **error);

/* What the Peserta page shows before an import commits: a dry run that keeps the columns
 * found, the first sample_rows rows as they would be stored, and every problem. The
 * database is left as it was. A list that lacks a needed column, or whose mapping names
 * no column, still gives a report: refusal says why, columns say what there is to map. */
SerahImportReport *serah_import_preview (SerahStore               *store,
                                         const char               *path,
                                         const SerahImportOptions *options,
                                         guint                     sample_rows,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* TRUE when rows were read and none was stored: every one was rejected (or repeated a
 * rejected one). The command line exits 1 then; the window says so instead of "done". */
gboolean serah_import_report_stored_nothing (const SerahImportReport *report);

/* The names accepted by SerahImportOptions.mappings, NULL-terminated. */
const char *const *serah_import_field_names (void);

/* Writes the rejected rows of a report as CSV so that they can be corrected and imported
 * again: a title line saying it is an administrator's file with full NIKs (the importer
 * skips it as a title line), then a header of line, codes, reasons and the file's own
 * columns, then one record per rejected row: its line, the codes and reasons of its
 * errors, and the whole row as read. UTF-8 with a BOM so that Excel opens it, with the
 * separator the imported file used (',' for spreadsheets); cells that a spreadsheet would
 * run as formulas are neutralised. */
gboolean serah_import_report_write_rejects (const SerahImportReport *report,
                                            const char              *path,
                                            GError                 **error);
/* The same, recorded in the audit log (export.rejects: file, import, rows) in the same
 * step: the file carries full NIKs. What the window and serah-cli call. */
gboolean serah_import_report_save_rejects  (SerahStore              *store,
                                            const SerahImportReport *report,
                                            const char              *path,
                                            const char              *operator_name,
                                            GError                 **error);

/* Writes the selected participants (NULL filter: all) as CSV with the headers the importer
 * recognises (NIK, NO_KARTU, NAMA, JK, TGL_LAHIR, ALAMAT, DESA, KECAMATAN, FASKES, KELAS),
 * full NIKs, ISO dates: importing the output again changes nothing. Returns the number of
 * rows written in *n_written. The _file variant writes a UTF-8 BOM and replaces path only
 * once the whole file is written. */
gboolean serah_participants_write_csv      (SerahStore                   *store,
                                            const SerahParticipantFilter *filter,
                                            FILE                         *out,
                                            gint64                       *n_written,
                                            GError                      **error);
gboolean serah_participants_write_csv_file (SerahStore                   *store,
                                            const SerahParticipantFilter *filter,
                                            const char                   *path,
                                            gint64                       *n_written,
                                            GError                      **error);

/* The same list as an Excel workbook (office data, issue 11): NIKs and card numbers are
 * text cells in text-formatted columns, so that a spreadsheet saving it again keeps them;
 * rows streamed; path replaced only once the whole workbook is written. Imports back
 * unchanged. */
gboolean serah_participants_write_xlsx_file (SerahStore                   *store,
                                             const SerahParticipantFilter *filter,
                                             const char                   *path,
                                             gint64                       *n_written,
                                             GError                      **error);

G_END_DECLS
