/* serah-import-private.h: what serah-import.c (the streaming importer) shares with its CSV and
 * spreadsheet readers (serah-import-read.c, serah-import-sheet.c, -xlsx.c, -ods.c) and with
 * serah-import-fields.c (column names and the rules for one cell) and serah-import-write.c
 * (CSV output). Never included outside app/core. */
#pragma once

#include <csv.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>
#include <serah/register/serah-area.h>
#include <serah/register/serah-import.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_FIELD_NIK,
  SERAH_FIELD_CARD_NO,
  SERAH_FIELD_NAME,
  SERAH_FIELD_SEX,
  SERAH_FIELD_BIRTH_DATE,
  SERAH_FIELD_ADDRESS,
  SERAH_FIELD_DESA,
  SERAH_FIELD_KECAMATAN,
  SERAH_FIELD_FASKES,
  SERAH_FIELD_CARE_CLASS,
  /* Columns of the BPJS and Dinkes layouts that are read but not stored as such: RT and RW
   * join the address, the area codes name the desa and kecamatan through the area
   * reference, the rest are recognised so that they are not reported as unknown. */
  SERAH_FIELD_RT,
  SERAH_FIELD_RW,
  SERAH_FIELD_DESA_CODE,
  SERAH_FIELD_KECAMATAN_CODE,
  SERAH_FIELD_FAMILY_NO,
  SERAH_FIELD_PISA,
  SERAH_FIELD_FASKES_CODE,
  SERAH_N_FIELDS
} SerahField;

/* The fields a participant row stores, in export order (NIK .. care class). */
#define SERAH_N_STORED_FIELDS (SERAH_FIELD_CARE_CLASS + 1)

/* Header text -> field, -1 when it names none. Case, spaces, underscores, dots and other
 * punctuation do not matter ("No. Kartu", "NO_KARTU" and "nokartu" are the same). */
int         serah_import_field_for_header (const char *header);
/* The same folding, for comparing a --map header with the file's headers. */
char       *serah_import_fold_header      (const char *header);
/* 0 -> "A", 25 -> "Z", 26 -> "AA": how spreadsheets name a column. */
char       *serah_import_column_letter    (int index);
/* For people: "NIK", "card number (nomor kartu)", ... (translated). */
const char *serah_import_field_label      (SerahField field);
/* "nik", "card_no", ... -> field, -1 when unknown. */
int         serah_import_field_from_name  (const char *name);
const char *serah_import_field_name       (SerahField field);
gboolean    serah_import_field_required   (SerahField field);
/* Ceremonies and card stacks go by desa and kecamatan: a list without them is refused
 * unless the column is mapped (or mapped to nothing: "desa=", keep what the database has). */
gboolean    serah_import_field_needed     (SerahField field);
/* The header the export writes for a field ("NIK", "NO_KARTU", ...). */
const char *serah_import_field_export_header (SerahField field);

/* What a NIK or card number cell turned out to be. */
typedef enum {
  SERAH_ID_OK,
  SERAH_ID_NORMALIZED,   /* digits after removing spaces or dashes */
  SERAH_ID_MISSING,
  SERAH_ID_SCIENTIFIC,   /* 3.60425E+15: the spreadsheet made a number of it */
  SERAH_ID_LEADING_ZEROS,/* all digits, 10 to 12 of the 13 a card number has */
  SERAH_ID_LENGTH,       /* all digits, wrong count */
  SERAH_ID_INVALID,      /* letters or other characters */
} SerahIdCheck;

/* Checks text as an identifier of exactly length digits; on OK or NORMALIZED writes the
 * digits to out (length + 1 bytes). *n_digits gets the number of digits found. */
SerahIdCheck serah_import_check_id (const char *text,
                                    guint       length,
                                    char       *out,
                                    guint      *n_digits);

typedef enum {
  SERAH_DATE_OK,
  SERAH_DATE_SERIAL,     /* a spreadsheet day number, converted */
  SERAH_DATE_IMPOSSIBLE, /* shaped like a date but no such day (31/02/1980) */
  SERAH_DATE_FUTURE,
  SERAH_DATE_UNREADABLE,
} SerahDateCheck;

/* Reads a birth date; today_iso ("yyyy-mm-dd") bounds it. Writes ISO to iso_out. */
SerahDateCheck serah_import_check_date (const char *text,
                                        const char *today_iso,
                                        char        iso_out[11]);

/* "1", "I", "Kelas 3", "KLS III" -> 1..3; 0 when text is not a care class. */
int  serah_import_parse_care_class (const char *text);

/* Makes cell valid UTF-8 (reading invalid bytes as Windows-1252, *converted set), trims it
 * and folds runs of whitespace (including newlines) into one space, in place. */
void serah_import_clean_cell (GString  *cell,
                              gboolean *converted);

/* Appends value as one CSV field, quoted when it holds sep, a quote, CR or LF, or starts or
 * ends with a space (which a reader would trim). */
void serah_csv_append_field (GString    *line,
                             const char *value,
                             char        sep);

/* ---- the streaming importer (serah-import.c, -sniff.c, -rows.c) ---- */

/* Title lines ("DAFTAR PESERTA PBI ...") may sit above the header; look this far. */
#define SERAH_IMPORT_HEADER_SEARCH 10
/* More cells than this in one record is not a participant list; the rest are dropped. */
#define SERAH_IMPORT_MAX_CELLS 512
/* The file is read in blocks of this size; the first one decides what the file is. */
#define SERAH_IMPORT_BLOCK_SIZE (64 * 1024)

/* One --map FIELD=HEADER option. */
typedef struct {
  int      field;
  char    *folded; /* folded header it names; "" for "field=": the file has no such column */
  char    *text;   /* as the user wrote it */
} SerahImportMapping;

/* A row of this file already written: enough to tell a repeat from a conflict, and which
 * fields differ, without keeping the row (serah-import-seen.c). */
typedef struct {
  gint64  nik;
  gint64  card;
  guint64 row_hash;                        /* every stored field: repeat or conflict */
  guint32 line;                            /* clamped to G_MAXUINT32 */
  guint16 hash[SERAH_N_STORED_FIELDS];     /* per field: names those that differ */
} SerahImportSeenRow;

/* The rows seen so far, by NIK and by card number, in about 64 bytes a row. */
typedef struct _SerahImportSeen SerahImportSeen;
SerahImportSeen          *serah_import_seen_new       (void);
void                      serah_import_seen_free      (SerahImportSeen          *self);
const SerahImportSeenRow *serah_import_seen_find_nik  (const SerahImportSeen    *self,
                                                       gint64                    nik);
const SerahImportSeenRow *serah_import_seen_find_card (const SerahImportSeen    *self,
                                                       gint64                    card);
/* Copies row in; neither its NIK nor its card number may be there already. */
void                      serah_import_seen_add       (SerahImportSeen          *self,
                                                       const SerahImportSeenRow *row);

/* The rows the reader hands to the writer: validated participants with their lines, and
 * the problems the reader found since the previous batch. */
typedef struct {
  GPtrArray         *rows;     /* SerahParticipant */
  GArray            *lines;    /* gint64 per row */
  GPtrArray         *problems; /* SerahImportProblem */
  gboolean           last;     /* the reader is done; reader_error tells how */
  gint64             rows_read;  /* data rows and bytes of the file read so far, for the */
  goffset            bytes_read; /* writer's guess at the size of the whole list */
} SerahImportBatch;

void serah_import_batch_free (SerahImportBatch *batch);

/* The SHA-256 of a file as it is read (serah-import-read.c). */
typedef struct _SerahImportHash SerahImportHash;

SerahImportHash *serah_import_hash_new    (void);
void             serah_import_hash_update (SerahImportHash *hash,
                                           const guchar    *data,
                                           gsize            len);
/* Lower-case hex, newly allocated; the hash takes no more data after. */
char            *serah_import_hash_finish (SerahImportHash *hash);
void             serah_import_hash_free   (SerahImportHash *hash);

/* One import. Two threads share it: the reader (a thread of its own: reads, parses and
 * checks the file, fills batches) and the writer (the caller's thread, which owns the
 * store and its transaction). The reader's fields are its alone until it ends; what the
 * writer reads of them (headers, column, partial) is set before the first batch is queued
 * and never changed after. */
typedef struct {
  /* set up before the reader starts, then read-only */
  SerahStore               *store;
  gboolean                  preview;     /* serah_import_preview: refusals become reports */
  GCancellable             *cancellable;
  const SerahImportOptions *options;
  char                     *name;        /* for messages: the file's display name */
  GPtrArray                *mappings;    /* SerahImportMapping */
  GInputStream             *stream;
  goffset                   total;       /* file size, -1 when unknown */
  char                      separator;
  int                       header_index;
  char                     *first_record;
  char                      today[11];

  /* the reader's */
  struct csv_parser         parser;
  SerahImportHash          *checksum;    /* SHA-256 of the bytes read */
  guchar                   *block;       /* BLOCK_SIZE bytes; the first block is read ahead */
  gsize                     block_len;
  gsize                     block_skip;  /* a BOM at the start of the first block */
  goffset                   done;
  gint64                    line;        /* physical line being read, 1-based */
  gint64                    record_line; /* line where the current record started */
  gboolean                  prev_cr;
  gint64                    n_records;
  gboolean                  have_header;
  gboolean                  unterminated;
  GPtrArray                *cells;       /* GString, reused from record to record */
  guint                     n_cells;
  guint                     n_dropped_cells;
  gboolean                  has_nul;
  SerahImportSeen          *seen;        /* rows queued so far, by NIK and card */
  SerahImportBatch         *batch;       /* being filled */
  guint                     batches_queued;
  SerahImportRecord         reader_counts; /* rows, rejected, duplicates, conflicts */
  GError                   *reader_error;
  char                     *sha256;      /* set when the reader is done */

  /* area codes (issue 11): NULL when data/areas could not be read */
  SerahAreas               *areas;
  char                     *office_kabupaten; /* setting office-kabupaten ("36.01"), or NULL */
  char                     *areas_error;      /* why areas is NULL, for the report */
  GHashTable               *area_memo;        /* the reader's: row's areas -> verdict */
  GString                  *area_key;

  /* spreadsheets (issue 11) */
  char                     *path;        /* the file, for the spreadsheet reader */
  gboolean                  is_sheet;    /* a ZIP container: XLSX or ODS */
  gboolean                  sheet_ods;   /* set by the reader: ODS rather than XLSX */
  char                     *sheet;       /* the sheet read (set by the reader at the header) */
  gboolean                  row_hidden;  /* the current spreadsheet row is hidden */

  /* set by the reader at the header, read-only afterwards */
  GPtrArray                *headers;     /* char *, as in the file */
  int                       column[SERAH_N_FIELDS]; /* cell index, -1 when absent */
  gboolean                  mapped_absent[SERAH_N_FIELDS]; /* "field=": no such column */
  gboolean                  partial;     /* some optional column is absent */

  /* the writer's */
  SerahImportReport        *report;
  gboolean                  in_transaction;
  gint64                    slice_limit;   /* rows a slice takes; G_MAXINT64: one transaction */
  gboolean                  slice_for_waiters; /* a waiting connection ends the slice */
  gint64                    slice_rows;    /* rows written in the open slice */
  gint64                    slice_started; /* monotonic time the open slice began */
  guint                     slices;        /* slices committed */
  gint64                    saved_rows;    /* rows stored by the committed slices */
  SerahImportRecord         saved_counts;  /* the counts they committed (strings not owned) */
  guint                     notes_listed;  /* warnings and notes kept in report->problems */
  guint                     errors_listed; /* errors of rows kept there */
  GPtrArray                *batch_rejects; /* SerahImportProblem: the batch's errors of rows */
  GPtrArray                *batch_rejects_owned; /* those not listed: freed after the spill */

  /* both */
  GAsyncQueue              *queue;       /* SerahImportBatch, reader -> writer */
  GAsyncQueue              *tokens;      /* bounds the batches in flight */
  gint                      stop;        /* atomic: the writer failed, the reader stops */
} SerahImportContext;

/* The rejects file's records of problems (in line order: one record per line with errors,
 * its codes, its reasons and the row's cells), appended to out; *n_rows counts them. */
void       serah_import_append_reject_records (GString                  *out,
                                               SerahImportProblem *const *problems,
                                               guint                     n,
                                               char                      sep,
                                               gint64                   *n_rows);
void       serah_import_mapping_free   (SerahImportMapping *mapping);
/* "field=HEADER" strings -> SerahImportMapping array; NULL with BAD_MAPPING on error. */
GPtrArray *serah_import_parse_mappings (const char *const *mappings,
                                        GError            **error);
/* Refuses, from the first block, what is certainly not CSV (NOT_CSV with a message that
 * says what the file is and what to do). */
gboolean   serah_import_check_is_text  (const guchar *buf,
                                        gsize         len,
                                        const char   *name,
                                        GError      **error);
/* Picks the separator under which one of the first records names the most known columns,
 * and that record's index. *first_record_out gets the first record, for messages. */
void       serah_import_sniff          (const char *buf,
                                        gsize       len,
                                        GPtrArray  *mappings,
                                        char       *sep_out,
                                        int        *header_index_out,
                                        guint      *score_out,
                                        char      **first_record_out);

/* How many of cells (NULL-terminated) name a known column, by synonym or by --map. */
guint      serah_import_header_score   (char      **cells,
                                        GPtrArray  *mappings);

/* The reader: parses the stream from ctx->block on, validates, queues batches; its last
 * batch has last = TRUE, with ctx->reader_error set when the file as a whole failed. */
gpointer    serah_import_reader_main (gpointer data);

/* Reader side: records a problem in the batch being filled. */
void        serah_import_add_problem (SerahImportContext  *ctx,
                                      gint64               line,
                                      int                  column,
                                      const char          *code,
                                      SerahImportSeverity  severity,
                                      const char          *raw_value,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (7, 8);
/* A new problem (both sides use it; the writer adds its own to the report). */
SerahImportProblem *serah_import_problem_new (SerahImportContext  *ctx,
                                              gint64               line,
                                              int                  column,
                                              const char          *code,
                                              SerahImportSeverity  severity,
                                              const char          *raw_value,
                                              const char          *format,
                                              va_list              args) G_GNUC_PRINTF (7, 0);
/* Cell index of the current record, NULL past its end. */
GString    *serah_import_cell        (SerahImportContext  *ctx,
                                      int                  index);
/* The (cleaned) text of a field in the current record, "" when absent. */
const char *serah_import_field_text  (SerahImportContext  *ctx,
                                      SerahField           field);
/* The record in ctx->cells (n_cells of them, starting at ctx->record_line): a title line
 * before the header's index, the header, or a data row (blank ones skipped). The CSV
 * parser and the spreadsheet reader both hand their records here. */
void        serah_import_take_record (SerahImportContext  *ctx);
SerahImportBatch *serah_import_batch_new (void);
/* The spreadsheet reader (serah-import-sheet.c): XLSX or ODS from ctx->path, in the
 * reader thread, as serah_import_reader_main does for CSV. */
gpointer    serah_import_sheet_reader_main (gpointer data);
/* serah-import-areas.c: TRUE when the area codes can name field from another column
 * (a desa code names the desa and the kecamatan). */
gboolean    serah_import_area_can_fill (SerahImportContext *ctx,
                                        SerahField          field);
/* Names the row's desa and kecamatan as the reference spells them, fills them from a
 * desa code, and warns about what it cannot confirm. */
void        serah_import_check_areas   (SerahImportContext *ctx,
                                        gint64              line,
                                        SerahParticipant   *p);
/* Checks and counts the current record; a valid one joins the batch. */
void        serah_import_process_row (SerahImportContext  *ctx);
/* Hands the batch being filled to the writer (waiting while too many are in flight) and
 * starts a new one. */
void        serah_import_queue_batch (SerahImportContext  *ctx,
                                      gboolean             last);

/* ---- the spreadsheet reader (serah-import-sheet.c: the container, the sheet choice, rows
 * handed to the importer) and its two formats (serah-import-xlsx.c, serah-import-ods.c): one
 * module with the importer, split by concern ---- */
#define NS_ODS_TABLE  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_ODS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_ODS_TEXT   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_ODS_STYLE  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_XLSX_REL   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
/* A repeated row that holds data is written out this many times at most. */
#define MAX_ROW_REPEAT 1000
/* Rows a cancellation or progress check waits for. */
#define CHECK_EVERY 512

/* libgsf declares no autoptr cleanups; an alias of our own cannot clash with later ones. */
typedef GsfInput SerahGsfInput;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahGsfInput, g_object_unref)

typedef struct {
  char     *name;
  char     *member;   /* XLSX: path of the sheet's XML in the ZIP */
  gboolean  hidden;
  int       index;    /* ODS: position among the tables */
} SheetInfo;

typedef struct _Sheets Sheets;
typedef gboolean (*RowFunc) (Sheets *s, gint64 row, gboolean hidden);

struct _Sheets {
  SerahImportContext *ctx;
  GsfInfile          *zip;
  gboolean            ods;
  GPtrArray          *sheets;     /* SheetInfo */
  /* XLSX */
  GPtrArray          *strings;    /* char *, the shared strings (in chunk) */
  GStringChunk       *chunk;
  GArray             *date_xf;    /* gboolean per cell style: a date format */
  gboolean            date1904;
  GHashTable         *hidden_styles; /* ODS table styles with table:display="false" */
  GString            *scratch;    /* a cell's value as read */
  /* the row being read */
  guint               n_cells;
  RowFunc             on_row;
  /* header search */
  guint               seen_rows;
  guint               best_score;
  gint64              best_row;
  int                 best_index;
  gboolean            stop;
  gint64              rows_done;
  goffset             member_size;
  goffset             member_done;
};


/* The ZIP member at path ("xl/workbook.xml"), or NULL. */
GsfInput        *sheet_open_member      (GsfInfile        *zip,
                                         const char       *path);
/* A pull parser over input (which the caller keeps alive until xmlFreeTextReader). */
xmlTextReaderPtr sheet_reader_for       (GsfInput         *input);
gboolean         sheet_is_element       (xmlTextReaderPtr  r,
                                         const char       *name);
gboolean         sheet_is_end           (xmlTextReaderPtr  r,
                                         const char       *name);
/* An attribute's value, newly allocated, or NULL. */
char            *sheet_attr             (xmlTextReaderPtr  r,
                                         const char       *name,
                                         const char       *ns);
/* Cell index of the row being read (cells skipped before it are emptied). */
GString         *sheet_cell_at          (Sheets           *s,
                                         guint             index);
/* A numeric cell as a General column shows it, or a date cell as ISO. */
void             sheet_set_number       (Sheets           *s,
                                         GString          *cell,
                                         guint             column,
                                         const char       *text,
                                         gboolean          is_date);
/* Hands the row read to s->on_row; FALSE stops the sheet. */
gboolean         sheet_row_done         (Sheets           *s,
                                         gint64            row,
                                         gboolean          hidden,
                                         GsfInput         *input);
gboolean         sheet_row_is_blank     (Sheets           *s);
void             sheet_report_progress  (Sheets           *s,
                                         gsf_off_t         position);

/* serah-import-xlsx.c */
void             sheet_xlsx_load_workbook       (Sheets *s);
void             sheet_xlsx_load_styles         (Sheets *s);
void             sheet_xlsx_load_shared_strings (Sheets *s);
void             sheet_xlsx_read                (Sheets          *s,
                                                 const SheetInfo *info);
/* serah-import-ods.c: table index (0-based), or every table's name when index < 0. */
void             sheet_ods_read                 (Sheets *s,
                                                 int     index);

G_END_DECLS
