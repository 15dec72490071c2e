/* serah-import-sheet-private.h: what the spreadsheet reader (serah-import-sheet.c: the
 * container, the sheet choice, rows handed to the importer) shares with its two formats
 * (serah-import-xlsx.c, serah-import-ods.c). Never included outside app/core/register. */
#pragma once

#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "register/serah-import-private.h"

G_BEGIN_DECLS

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
