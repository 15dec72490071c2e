/* serah-import.h: loading verified participant lists (CSV as spreadsheets export it). */
#pragma once

#include <gio/gio.h>
#include <serah/serah-store.h>

G_BEGIN_DECLS

#define SERAH_IMPORT_ERROR (serah_import_error_quark ())
typedef enum {
  SERAH_IMPORT_ERROR_UNREADABLE,     /* missing file, permission, I/O */
  SERAH_IMPORT_ERROR_NOT_CSV,        /* binary, empty, no header row */
  SERAH_IMPORT_ERROR_MISSING_COLUMN, /* a required field has no column */
  SERAH_IMPORT_ERROR_BAD_MAPPING,    /* --map field=HEADER names an unknown field/header */
  SERAH_IMPORT_ERROR_CANCELLED,
  SERAH_IMPORT_ERROR_STORE,
} SerahImportError;
GQuark serah_import_error_quark (void);

typedef enum {
  SERAH_IMPORT_SEVERITY_ERROR,   /* row rejected */
  SERAH_IMPORT_SEVERITY_WARNING, /* row imported, something to check */
  SERAH_IMPORT_SEVERITY_INFO,    /* e.g. an ignored unknown column */
} SerahImportSeverity;

typedef struct {
  gint64               line;     /* 1-based physical line where the record starts; 0 = file */
  char                *column;   /* header text as in the file, or NULL */
  char                *code;     /* stable code: "nik-scientific", "card-short", ... */
  SerahImportSeverity  severity;
  char                *message;  /* translatable, for people */
  char                *raw_value;
} SerahImportProblem;

void serah_import_problem_free (SerahImportProblem *self);

typedef struct {
  SerahImportRecord  counts;     /* id, file_name, sha256 and the counts */
  GPtrArray         *problems;   /* SerahImportProblem, in line order */
  char               separator;  /* detected: ',', ';' or '\t' */
  gboolean           had_bom;
} SerahImportReport;

void serah_import_report_free (SerahImportReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahImportReport, serah_import_report_free)

typedef struct {
  const char *const *mappings; /* "field=HEADER" strings, NULL-terminated, may be NULL */
  /* Called now and then from the importing thread with bytes read and total bytes. */
  void              (*progress) (goffset done, goffset total, gpointer user_data);
  gpointer            progress_data;
} SerahImportOptions;

/* Imports path into store in one transaction. Returns the report (rows may have been
 * rejected) or NULL with error when the file as a whole could not be read; then the
 * database is left exactly as it was. */
SerahImportReport *serah_import_file (SerahStore               *store,
                                      const char               *path,
                                      const SerahImportOptions *options,
                                      GCancellable             *cancellable,
                                      GError                  **error);

/* Writes the rejected rows of a report as CSV (line, column, code, message, raw value). */
gboolean serah_import_report_write_rejects (const SerahImportReport *report,
                                            const char              *path,
                                            GError                 **error);

G_END_DECLS
