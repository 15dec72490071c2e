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

/**
 * serah_import_error_quark:
 *
 * Returns: the quark of #SerahImportError
 */
GQuark serah_import_error_quark (void);

typedef enum {
  SERAH_IMPORT_SEVERITY_ERROR,   /* row rejected */
  SERAH_IMPORT_SEVERITY_WARNING, /* row imported, something to check */
  SERAH_IMPORT_SEVERITY_INFO,    /* e.g. an ignored unknown column */
} SerahImportSeverity;

/**
 * serah_import_severity_to_string:
 * @severity: a problem's severity
 *
 * Returns: (transfer none): "error", "warning" or "info": the words stored in the database and
 *   printed by --json (static text)
 */
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

/**
 * serah_import_problem_free:
 * @self: (nullable): a problem, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_import_problem_free (SerahImportProblem *self);

/* One column of the file as the importer read it: what the GUI's mapping view shows. */
typedef struct {
  char       *header;  /* as in the file ("" for an empty header cell) */
  char       *letter;  /* spreadsheet column letter: "A", "B", ... "AA" */
  const char *field;   /* the field it is read as ("nik", "desa", "desa_code"...), or NULL */
} SerahImportColumn;

/**
 * serah_import_column_free:
 * @self: (nullable): a column, or %NULL
 *
 * Frees @self and its strings.
 */
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
  guint              cards_changed; /* confirmed card number changes (issue 17) */
  guint              cards_voided;  /* printed cards voided by them */
  /* issue #10, memory flat whatever the list: warnings and notes past the first
   * SERAH_IMPORT_NOTES_LISTED are stored with the import (its problems in the database) and
   * counted here, by code ("nik-birthdate-mismatch" -> count, a GHashTable of char * to
   * GUINT_TO_POINTER), but not kept in problems. Errors (rejected rows) are always kept:
   * the rejects file needs their rows. */
  guint64            notes_not_listed;
  GHashTable        *notes_not_listed_by_code;
  /* The same for rejected rows past the first SERAH_IMPORT_ERRORS_LISTED (a list whose every
   * NIK a spreadsheet turned into 3.6E+15 rejects a million rows): counted here by code and
   * kept out of problems; every rejected row, listed or not, goes to rejects_spill. */
  guint64            errors_not_listed;
  GHashTable        *errors_not_listed_by_code;
  /* private: the records of the rejects file, every rejected row in line order, in an
   * unlinked owner-only file of the temporary folder; NULL when nothing was rejected or the
   * report was not made by an import (serah_import_report_write_rejects then writes the
   * rejected rows listed in problems). */
  FILE              *rejects_spill;
  gint64             rejects_spill_rows;
} SerahImportReport;

/* How many warnings and notes of the rows an import keeps in its report's problems
 * (SerahImportReport.notes_not_listed counts the rest). */
#define SERAH_IMPORT_NOTES_LISTED 1000
/* How many rejected rows' problems an import keeps in its report's problems
 * (SerahImportReport.errors_not_listed counts the rest; the rejects file has them all). */
#define SERAH_IMPORT_ERRORS_LISTED 1000

/**
 * serah_import_report_unlisted_codes:
 * @report: an import's report
 * @n_codes: (out) (optional): where to store how many codes there are
 *
 * The codes of the problems that @report counts but does not list (warnings and notes past
 * the first %SERAH_IMPORT_NOTES_LISTED, errors past the first %SERAH_IMPORT_ERRORS_LISTED),
 * the most frequent first.
 *
 * Returns: (transfer container) (array zero-terminated=1): the codes, owned by @report;
 *   free the array with g_free()
 */
const char **serah_import_report_unlisted_codes (const SerahImportReport *report,
                                                 guint                   *n_codes);

/**
 * serah_import_report_unlisted_count:
 * @report: an import's report
 * @code: a problem code
 *
 * How many problems of @code @report counts but does not list.
 *
 * Returns: the count (0 for a code it lists in full)
 */
guint        serah_import_report_unlisted_count (const SerahImportReport *report,
                                                 const char              *code);

/**
 * serah_import_report_free:
 * @self: (nullable): a report, or %NULL
 *
 * Frees @self, its strings and its problems.
 */
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
  /* issue 17: a row that changes a participant's card number is a "card-number-changed"
   * conflict (not imported) unless this is set; then the old printed cards are voided
   * (reason: both numbers and the import), audited as card.number-changed. */
  gboolean            confirm_card_changes;
} SerahImportOptions;

/**
 * serah_import_file:
 * @store: the office database; no other thread may use it meanwhile
 * @path: the list to import: CSV, or an XLSX or ODS workbook
 * @options: (nullable): column mappings, progress callback, operator, dry run, sample rows
 *   and sheet
 * @cancellable: (nullable): cancels the import within one block
 * @error: return location for a #GError
 *
 * Imports @path into @store in one transaction, with the import record, its problems and the
 * `import.participants` audit event. The calling thread writes to the store while a reader
 * thread of the import parses and checks the file. Touches no GTK and may run in a GTask
 * thread. With @options->dry_run everything is read, checked and counted, then rolled back
 * (no audit entry).
 *
 * Returns: (transfer full) (nullable): the report (rows may have been rejected), or %NULL with
 *   @error set when the file as a whole could not be read, or the import failed or was
 *   cancelled half way; then the database is left exactly as it was
 */
SerahImportReport *serah_import_file (SerahStore               *store,
                                      const char               *path,
                                      const SerahImportOptions *options,
                                      GCancellable             *cancellable,
                                      GError                  **error);

/**
 * serah_import_preview:
 * @store: the office database
 * @path: the list: CSV, or an XLSX or ODS workbook
 * @options: (nullable): mappings and sheet, as for serah_import_file()
 * @sample_rows: keep this many of the first valid rows, as they would be stored
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * What the Peserta page shows before an import commits: a dry run that keeps the columns
 * found, the first @sample_rows rows and every problem. The database is left as it was. A
 * list that lacks a needed column, or whose mapping names no column, still gives a report:
 * its refusal says why, its columns say what there is to map.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set when the file as a
 *   whole cannot be read
 */
SerahImportReport *serah_import_preview (SerahStore               *store,
                                         const char               *path,
                                         const SerahImportOptions *options,
                                         guint                     sample_rows,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/**
 * serah_import_report_stored_nothing:
 * @report: an import's report
 *
 * Returns: %TRUE when rows were read and none was stored: every one was rejected (or repeated
 *   a rejected one). The command line exits 1 then; the window says so instead of "done"
 */
gboolean serah_import_report_stored_nothing (const SerahImportReport *report);

/**
 * serah_import_field_names:
 *
 * Returns: (transfer none) (array zero-terminated=1): the field names accepted by
 *   #SerahImportOptions.mappings (static)
 */
const char *const *serah_import_field_names (void);

/**
 * serah_import_report_write_rejects:
 * @report: an import's report
 * @path: the CSV file to write
 * @error: return location for a #GError
 *
 * Writes the rejected rows so that they can be corrected and imported again: a title line
 * saying it is an administrator's file with full NIKs (the importer skips it as a title
 * line), then a header of line, codes, reasons and the file's own columns, then one record
 * per rejected row: its line, the codes and reasons of its errors, and the whole row as read.
 * UTF-8 with a BOM so that Excel opens it, with the separator the imported file used (','
 * for spreadsheets); cells that a spreadsheet would run as formulas are neutralised. Records
 * nothing: serah_import_report_save_rejects() is what the window and the CLI call.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_import_report_write_rejects (const SerahImportReport *report,
                                            const char              *path,
                                            GError                 **error);

/**
 * serah_import_report_save_rejects:
 * @store: the office database
 * @report: an import's report
 * @path: the CSV file to write
 * @operator_name: (nullable): who saves it (%NULL: the system user)
 * @error: return location for a #GError
 *
 * serah_import_report_write_rejects(), recorded in the audit log (export.rejects: file,
 * import, rows) in the same step, since the file carries full NIKs.
 *
 * Returns: %TRUE when written and recorded, %FALSE with @error set
 */
gboolean serah_import_report_save_rejects  (SerahStore              *store,
                                            const SerahImportReport *report,
                                            const char              *path,
                                            const char              *operator_name,
                                            GError                 **error);

/**
 * serah_participants_write_csv:
 * @store: the office database
 * @filter: (nullable): the participants to write; %NULL: all
 * @out: the stream to write to
 * @n_written: (out) (optional): the number of rows written
 * @error: return location for a #GError
 *
 * Writes the selected participants as CSV with the headers the importer recognises (NIK,
 * NO_KARTU, NAMA, JK, TGL_LAHIR, ALAMAT, DESA, KECAMATAN, FASKES, KELAS), full NIKs, ISO
 * dates: importing the output again changes nothing.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_participants_write_csv      (SerahStore                   *store,
                                            const SerahParticipantFilter *filter,
                                            FILE                         *out,
                                            gint64                       *n_written,
                                            GError                      **error);

/**
 * serah_participants_write_csv_file:
 * @store: the office database
 * @filter: (nullable): the participants to write; %NULL: all
 * @path: the file to write
 * @n_written: (out) (optional): the number of rows written
 * @error: return location for a #GError
 *
 * As serah_participants_write_csv(), into a file with a UTF-8 BOM; @path is replaced only once
 * the whole file is written.
 *
 * Returns: %TRUE when written, %FALSE with @error set (@path then untouched)
 */
gboolean serah_participants_write_csv_file (SerahStore                   *store,
                                            const SerahParticipantFilter *filter,
                                            const char                   *path,
                                            gint64                       *n_written,
                                            GError                      **error);

/**
 * serah_participants_write_xlsx_file:
 * @store: the office database
 * @filter: (nullable): the participants to write; %NULL: all
 * @path: the workbook to write
 * @n_written: (out) (optional): the number of rows written
 * @error: return location for a #GError
 *
 * The same list as serah_participants_write_csv_file(), as an Excel workbook: NIKs and card
 * numbers are text cells in text-formatted columns, so that a spreadsheet saving it again
 * keeps them; rows streamed; @path replaced only once the whole workbook is written. Imports
 * back unchanged.
 *
 * Returns: %TRUE when written, %FALSE with @error set
 */
gboolean serah_participants_write_xlsx_file (SerahStore                   *store,
                                             const SerahParticipantFilter *filter,
                                             const char                   *path,
                                             gint64                       *n_written,
                                             GError                      **error);

G_END_DECLS
