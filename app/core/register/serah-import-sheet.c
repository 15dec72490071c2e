/* serah-import-sheet.c: participant lists as offices hold them, XLSX (Excel) and ODS
 * (LibreOffice), read directly in the import's reader thread and handed row by row to the
 * same checks as CSV (serah_import_take_record): same problem codes, the line is the
 * spreadsheet's row number, the column its letter.
 *
 * Why these libraries: both formats are ZIP containers of XML. libgsf (GNOME's structured
 * file library, what Gnumeric reads them with; libgsf-1 in Debian 12) gives every ZIP member
 * as a GsfInput that inflates as it is read, and libxml2's xmlTextReader (a pull parser)
 * walks the XML one node at a time without building a tree. So a sheet of a million rows
 * goes through in the memory of one row; only XLSX's shared-string table is held whole,
 * because cells point into it by index (it holds each distinct text once). Entities are
 * not expanded and the network is never used (XML_PARSE_NONET).
 *
 * Sheet choice: the sheet named by options->sheet, else the first visible sheet one of whose
 * first ten non-empty rows names known columns (rows above it are title lines; merged title
 * cells keep their text in the first cell). Numbers are written as the spreadsheet shows
 * them in a General column (3601124502850002 -> 3.60112E+15, so a NIK stored as a number is
 * the nik-scientific damage, as in a CSV the same sheet would export); date cells become
 * ISO dates (1900 and 1904 date systems); hidden rows are read with a warning. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>

#include "register/serah-import-private.h"

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

static void
sheet_info_free (SheetInfo *info)
{
  g_free (info->name);
  g_free (info->member);
  g_free (info);
}

static GsfInput *
open_member (GsfInfile *zip, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);
  return gsf_infile_child_by_aname (zip, (const char **) parts);
}

static int
gsf_read_cb (void *context, char *buffer, int len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  int n = (int) MIN ((gsf_off_t) len, left);

  if (n <= 0)
    return 0;
  return gsf_input_read (input, n, (guint8 *) buffer) != NULL ? n : -1;
}

static int
gsf_close_cb (void *context)
{
  return 0;
}

/* A pull parser over a member; NULL when the member is absent. The reader does not own
 * the input: the caller keeps it alive until xmlFreeTextReader. */
static xmlTextReaderPtr
reader_for (GsfInput *input)
{
  return xmlReaderForIO (gsf_read_cb, gsf_close_cb, input, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS);
}

static gboolean
is_element (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r, const char *name)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), name) == 0;
}

static char *
attr (xmlTextReaderPtr r, const char *name, const char *ns)
{
  xmlChar *value = ns ? xmlTextReaderGetAttributeNs (r, BAD_CAST name, BAD_CAST ns)
                      : xmlTextReaderGetAttribute (r, BAD_CAST name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* ---- the row being read: ctx->cells, as the CSV parser fills them ---- */

static GString *
cell_at (Sheets *s, guint index)
{
  SerahImportContext *ctx = s->ctx;

  while (ctx->cells->len <= index)
    g_ptr_array_add (ctx->cells, g_string_sized_new (32));
  /* Cells skipped between the last one and this one are empty. */
  for (guint i = s->n_cells; i <= index; i++)
    g_string_truncate (ctx->cells->pdata[i], 0);
  if (index + 1 > s->n_cells)
    s->n_cells = index + 1;
  return ctx->cells->pdata[index];
}

/* As a General column shows a number: integers up to 11 digits in full, larger ones and
 * fractions in six significant digits (3.60112E+15), as Excel and LibreOffice do. */
static void
format_number (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_truncate (out, 0);
  if (!isfinite (value))
    return;
  if (value == floor (value) && fabs (value) < 1e11)
    g_string_printf (out, "%.0f", value);
  else if (fabs (value) >= 1e11 || fabs (value) < 1e-4)
    {
      g_ascii_formatd (buf, sizeof buf, "%.5E", value);
      g_string_assign (out, buf);
      /* 3.60112E+15 as the spreadsheet writes it: no trailing zeros in the mantissa. */
      {
        char *e = strchr (out->str, 'E');
        gsize at = (gsize) (e - out->str), end = at;
        while (end > 0 && out->str[end - 1] == '0')
          end--;
        if (end > 0 && out->str[end - 1] == '.')
          end--;
        g_string_erase (out, (gssize) end, (gssize) (at - end));
      }
    }
  else
    {
      g_ascii_formatd (buf, sizeof buf, "%.10g", value);
      g_string_assign (out, buf);
    }
}

/* A serial day number as yyyy-mm-dd (1900 system: day 60 is Lotus' 1900-02-29, so days
 * from 61 on count from 1899-12-30; 1904 system: day 0 is 1904-01-01). */
static gboolean
serial_to_iso (double serial, gboolean date1904, GString *out)
{
  g_autoptr(GDate) date = NULL;
  guint days;

  if (!isfinite (serial) || serial < 1 || serial > 2958465)
    return FALSE;
  days = (guint) floor (serial);
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days >= 61)
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);
  g_string_printf (out, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                   g_date_get_day (date));
  return TRUE;
}

/* A numeric cell's text. A date cell becomes ISO; a bare number in the birth-date column of
 * a 1904 workbook is moved to the 1900 system that the date rules read day numbers in. */
static void
set_number (Sheets *s, GString *cell, guint column, const char *text, gboolean is_date)
{
  double value = g_ascii_strtod (text, NULL);
  SerahImportContext *ctx = s->ctx;

  if (is_date && serial_to_iso (value, s->date1904, cell))
    return;
  if (s->date1904 && ctx->have_header &&
      (int) column == ctx->column[SERAH_FIELD_BIRTH_DATE] && value == floor (value))
    value += 1462;
  format_number (cell, value);
}

static void
report_progress (Sheets *s, gsf_off_t position)
{
  SerahImportContext *ctx = s->ctx;

  if (ctx->total > 0 && s->member_size > 0)
    ctx->done = (goffset) ((double) ctx->total * (double) position / (double) s->member_size);
  if (ctx->options != NULL && ctx->options->progress != NULL)
    ctx->options->progress (ctx->done, ctx->total, ctx->options->progress_data);
}

/* Called per row by both formats; FALSE stops the sheet. */
static gboolean
row_done (Sheets *s, gint64 row, gboolean hidden, GsfInput *input)
{
  gboolean go = s->on_row (s, row, hidden);

  if (++s->rows_done % CHECK_EVERY == 0)
    {
      if (g_cancellable_is_cancelled (s->ctx->cancellable) && s->ctx->reader_error == NULL)
        g_set_error (&s->ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                     _("The import of “%s” was cancelled; nothing was changed."),
                     s->ctx->name);
      report_progress (s, gsf_input_tell (input));
    }
  return go && s->ctx->reader_error == NULL && !g_atomic_int_get (&s->ctx->stop);
}

static gboolean
row_is_blank (Sheets *s)
{
  for (guint i = 0; i < s->n_cells; i++)
    {
      GString *cell = s->ctx->cells->pdata[i];
      for (gsize j = 0; j < cell->len; j++)
        if (!g_ascii_isspace (cell->str[j]))
          return FALSE;
    }
  return TRUE;
}

/* ---- XLSX ---- */

/* Text of an <si> or <is>: its <t> elements, phonetic runs (<rPh>) left out. */
static void
read_rich_text (xmlTextReaderPtr r, const char *end, GString *out)
{
  int depth = xmlTextReaderDepth (r);
  gboolean in_t = FALSE, in_phonetic = FALSE;

  if (xmlTextReaderIsEmptyElement (r))
    return;
  while (xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == depth)
        break;
      if (is_element (r, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "rPh"))
        in_phonetic = FALSE;
      else if (is_element (r, "t"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA))
        g_string_append (out, (const char *) xmlTextReaderConstValue (r));
    }
  (void) end;
}

static void
load_shared_strings (Sheets *s)
{
  g_autoptr(SerahGsfInput) input = open_member (s->zip, "xl/sharedStrings.xml");
  xmlTextReaderPtr r;
  g_autoptr(GString) text = g_string_new (NULL);

  if (input == NULL)
    return;
  r = reader_for (input);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (is_element (r, "si"))
      {
        g_string_truncate (text, 0);
        read_rich_text (r, "si", text);
        g_ptr_array_add (s->strings, g_string_chunk_insert_len (s->chunk, text->str,
                                                                (gssize) text->len));
      }
  if (r != NULL)
    xmlFreeTextReader (r);
}

/* Built-in number formats that show dates, and custom ones with a day or year in them. */
static gboolean
format_is_date (int id, const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE;

  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58))
    return TRUE;
  for (const char *p = code ? code : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '[' && !quoted)
        bracket = TRUE;
      else if (*p == ']' && !quoted)
        bracket = FALSE;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (!quoted && !bracket && strchr ("dDyY", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
load_styles (Sheets *s)
{
  g_autoptr(SerahGsfInput) input = open_member (s->zip, "xl/styles.xml");
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                        g_free);
  gboolean in_xfs = FALSE;
  xmlTextReaderPtr r;

  if (input == NULL)
    return;
  r = reader_for (input);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      if (is_element (r, "numFmt"))
        {
          g_autofree char *id = attr (r, "numFmtId", NULL);
          char *code = attr (r, "formatCode", NULL);
          if (id != NULL)
            g_hash_table_insert (custom, GINT_TO_POINTER (atoi (id)), code);
          else
            g_free (code);
        }
      else if (is_element (r, "cellXfs"))
        in_xfs = !xmlTextReaderIsEmptyElement (r);
      else if (is_end (r, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && is_element (r, "xf"))
        {
          g_autofree char *id = attr (r, "numFmtId", NULL);
          int n = id ? atoi (id) : 0;
          gboolean date = format_is_date (n, g_hash_table_lookup (custom, GINT_TO_POINTER (n)));
          g_array_append_val (s->date_xf, date);
        }
    }
  if (r != NULL)
    xmlFreeTextReader (r);
}

/* The sheets in workbook order, with their members from the relationships. */
static void
load_workbook (Sheets *s)
{
  g_autoptr(SerahGsfInput) rels_input = open_member (s->zip, "xl/_rels/workbook.xml.rels");
  g_autoptr(SerahGsfInput) input = open_member (s->zip, "xl/workbook.xml");
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  xmlTextReaderPtr r;

  r = rels_input ? reader_for (rels_input) : NULL;
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (is_element (r, "Relationship"))
      {
        char *id = attr (r, "Id", NULL);
        char *target = attr (r, "Target", NULL);
        if (id != NULL && target != NULL)
          g_hash_table_insert (targets, id, target);
        else
          g_free (id), g_free (target);
      }
  if (r != NULL)
    xmlFreeTextReader (r);

  r = input ? reader_for (input) : NULL;
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      if (is_element (r, "workbookPr"))
        {
          g_autofree char *d1904 = attr (r, "date1904", NULL);
          s->date1904 = d1904 && (strcmp (d1904, "1") == 0 || strcmp (d1904, "true") == 0);
        }
      else if (is_element (r, "sheet"))
        {
          g_autofree char *rid = attr (r, "id", NS_XLSX_REL);
          g_autofree char *state = attr (r, "state", NULL);
          const char *target = rid ? g_hash_table_lookup (targets, rid) : NULL;
          SheetInfo *info;

          if (target == NULL)
            continue;
          info = g_new0 (SheetInfo, 1);
          info->name = attr (r, "name", NULL);
          info->member = target[0] == '/' ? g_strdup (target + 1)
                                           : g_strconcat ("xl/", target, NULL);
          info->hidden = state != NULL && strcmp (state, "visible") != 0;
          g_ptr_array_add (s->sheets, info);
        }
    }
  if (r != NULL)
    xmlFreeTextReader (r);
}

/* "BC12" -> column 54 (0-based); -1 when ref has no letters. */
static int
column_of_ref (const char *ref)
{
  int col = 0;
  const char *p;

  for (p = ref; g_ascii_isalpha (*p) && col < 100000; p++)
    col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  return p == ref ? -1 : col - 1;
}

/* Reads one <c> and moves *next_column past it. The attributes are walked in place and the
 * value read from the text nodes as they pass: no copies per cell (a 100 000-row sheet has
 * over a million cells). */
static void
read_xlsx_cell (Sheets *s, xmlTextReaderPtr r, int *next_column)
{
  GString *value = s->scratch;
  char type[8] = "n";
  guint64 xf = 0;
  int column = -1;
  gboolean have_value = FALSE, in_v = FALSE;
  int depth = xmlTextReaderDepth (r);
  gboolean empty = xmlTextReaderIsEmptyElement (r);
  GString *cell;

  for (int ok = xmlTextReaderMoveToFirstAttribute (r); ok == 1;
       ok = xmlTextReaderMoveToNextAttribute (r))
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (r);
      const char *text = (const char *) xmlTextReaderConstValue (r);

      if (text == NULL)
        continue;
      if (strcmp (name, "t") == 0)
        g_strlcpy (type, text, sizeof type);
      else if (strcmp (name, "s") == 0)
        xf = g_ascii_strtoull (text, NULL, 10);
      else if (strcmp (name, "r") == 0)
        column = column_of_ref (text);
    }
  xmlTextReaderMoveToElement (r);
  if (column < 0)
    column = *next_column;
  *next_column = column + 1;

  g_string_truncate (value, 0);
  if (!empty)
    while (xmlTextReaderRead (r) == 1)
      {
        int node = xmlTextReaderNodeType (r);

        if (node == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == depth)
          break;
        if (is_element (r, "v"))
          in_v = have_value = TRUE;
        else if (is_end (r, "v"))
          in_v = FALSE;
        else if (in_v && (node == XML_READER_TYPE_TEXT ||
                          node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
          g_string_append (value, (const char *) xmlTextReaderConstValue (r));
        else if (is_element (r, "is"))
          {
            read_rich_text (r, "is", value);
            have_value = TRUE;
          }
      }
  if (!have_value || column >= SERAH_IMPORT_MAX_CELLS)
    return;
  cell = cell_at (s, (guint) column);
  if (strcmp (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);
      g_string_assign (cell, index < s->strings->len ? s->strings->pdata[index] : "");
    }
  else if (strcmp (type, "n") == 0)
    {
      gboolean is_date = xf < s->date_xf->len && g_array_index (s->date_xf, gboolean, xf);
      set_number (s, cell, (guint) column, value->str, is_date);
    }
  else if (strcmp (type, "d") == 0)
    g_string_assign (cell, value->len >= 10 ? value->str : "");
  else
    g_string_assign (cell, value->str); /* str, inlineStr, b, e */
  if (cell->len > 10 && strcmp (type, "d") == 0)
    g_string_truncate (cell, 10);
}

static void
read_xlsx_sheet (Sheets *s, const SheetInfo *info)
{
  g_autoptr(SerahGsfInput) input = open_member (s->zip, info->member);
  xmlTextReaderPtr r;
  gint64 row = 0;

  if (input == NULL)
    return;
  s->member_size = gsf_input_size (input);
  r = reader_for (input);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      g_autofree char *number = NULL;
      g_autofree char *hidden = NULL;
      int depth, next_column = 0;

      if (!is_element (r, "row"))
        continue;
      number = attr (r, "r", NULL);
      hidden = attr (r, "hidden", NULL);
      row = number ? g_ascii_strtoll (number, NULL, 10) : row + 1;
      s->n_cells = 0;
      depth = xmlTextReaderDepth (r);
      if (!xmlTextReaderIsEmptyElement (r))
        while (xmlTextReaderRead (r) == 1)
          {
            if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                xmlTextReaderDepth (r) == depth)
              break;
            if (is_element (r, "c"))
              read_xlsx_cell (s, r, &next_column);
          }
      if (!row_done (s, row, hidden && (strcmp (hidden, "1") == 0 ||
                                        strcmp (hidden, "true") == 0), input))
        {
          s->stop = TRUE;
          break;
        }
    }
  if (r != NULL)
    {
      if (!s->stop && xmlTextReaderRead (r) < 0 && s->ctx->reader_error == NULL)
        g_set_error (&s->ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                     _("Cannot read sheet “%s” of “%s”: the file is damaged."), info->name,
                     s->ctx->name);
      xmlFreeTextReader (r);
    }
}

/* ---- ODS ---- */

static void
load_ods_styles (Sheets *s, xmlTextReaderPtr r)
{
  g_autofree char *current = NULL;

  /* Automatic styles come before the body; a table style with display="false" hides it. */
  while (xmlTextReaderRead (r) == 1)
    {
      if (is_element (r, "style"))
        {
          g_free (current);
          current = attr (r, "name", NS_ODS_STYLE);
        }
      else if (is_element (r, "table-properties") && current != NULL)
        {
          g_autofree char *display = attr (r, "display", NS_ODS_TABLE);
          if (display != NULL && strcmp (display, "false") == 0)
            g_hash_table_add (s->hidden_styles, g_strdup (current));
        }
      else if (is_element (r, "body"))
        return;
    }
}

static guint
repeat_attr (xmlTextReaderPtr r, const char *name, guint max)
{
  g_autofree char *text = attr (r, name, NS_ODS_TABLE);
  guint64 n = text ? g_ascii_strtoull (text, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, max);
}

/* A cell's paragraphs, one line each, with <text:s/>, tabs and line breaks; annotations
 * (comments) are not the cell's text. */
static void
read_ods_text (xmlTextReaderPtr r, GString *out)
{
  int depth = xmlTextReaderDepth (r);
  guint paragraphs = 0;
  int ret;

  if (xmlTextReaderIsEmptyElement (r))
    return;
  ret = xmlTextReaderRead (r);
  while (ret == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == depth)
        break;
      if (is_element (r, "annotation"))
        {
          ret = xmlTextReaderNext (r); /* past the comment, onto what follows it */
          continue;
        }
      if (is_element (r, "p") || is_element (r, "h"))
        {
          if (paragraphs++ > 0)
            g_string_append_c (out, '\n');
        }
      else if (is_element (r, "s"))
        {
          g_autofree char *c = attr (r, "c", NS_ODS_TEXT);
          guint n = c ? (guint) CLAMP (g_ascii_strtoull (c, NULL, 10), 1, 100) : 1;
          for (guint i = 0; i < n; i++)
            g_string_append_c (out, ' ');
        }
      else if (is_element (r, "tab"))
        g_string_append_c (out, '\t');
      else if (is_element (r, "line-break"))
        g_string_append_c (out, '\n');
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        g_string_append (out, (const char *) xmlTextReaderConstValue (r));
      ret = xmlTextReaderRead (r);
    }
}

/* Reads one <table:table-row> into the row's cells; TRUE when it holds anything. */
static void
read_ods_row (Sheets *s, xmlTextReaderPtr r)
{
  int depth = xmlTextReaderDepth (r);
  guint column = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  s->n_cells = 0;
  if (xmlTextReaderIsEmptyElement (r))
    return;
  while (xmlTextReaderRead (r) == 1)
    {
      gboolean covered;
      g_autofree char *type = NULL;
      g_autofree char *value = NULL;
      guint repeat;

      if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
          xmlTextReaderDepth (r) == depth)
        break;
      covered = is_element (r, "covered-table-cell");
      if (!covered && !is_element (r, "table-cell"))
        continue;
      repeat = repeat_attr (r, "number-columns-repeated", SERAH_IMPORT_MAX_CELLS);
      type = attr (r, "value-type", NS_ODS_OFFICE);
      g_string_truncate (text, 0);
      /* The shown text of a number or date is the spreadsheet's formatting of its value:
       * the value is what the cell holds. */
      read_ods_text (r, text);
      if (type != NULL && (strcmp (type, "float") == 0 || strcmp (type, "percentage") == 0 ||
                           strcmp (type, "currency") == 0))
        {
          value = attr (r, "value", NS_ODS_OFFICE);
          if (value != NULL)
            set_number (s, text, column, value, FALSE);
        }
      else if (type != NULL && strcmp (type, "date") == 0)
        {
          value = attr (r, "date-value", NS_ODS_OFFICE);
          if (value != NULL)
            g_string_assign (text, value);
          if (text->len > 10)
            g_string_truncate (text, 10);
        }
      /* Empty cells (a row's trailing thousand, covered cells of a merge) only move on. */
      if (text->len > 0 && !covered)
        for (guint i = 0; i < repeat && column + i < SERAH_IMPORT_MAX_CELLS; i++)
          g_string_assign (cell_at (s, column + i), text->str);
      column += repeat;
      if (column >= SERAH_IMPORT_MAX_CELLS)
        column = SERAH_IMPORT_MAX_CELLS;
    }
}

static void
note_table (Sheets *s, xmlTextReaderPtr r, int table)
{
  SheetInfo *info = g_new0 (SheetInfo, 1);
  g_autofree char *style = attr (r, "style-name", NS_ODS_TABLE);

  info->name = attr (r, "name", NS_ODS_TABLE);
  info->index = table;
  info->hidden = style != NULL && g_hash_table_contains (s->hidden_styles, style);
  g_ptr_array_add (s->sheets, info);
}

/* Reads table number `index` (0-based) of content.xml, or lists the tables when index < 0. */
static void
read_ods (Sheets *s, int index)
{
  g_autoptr(SerahGsfInput) input = open_member (s->zip, "content.xml");
  xmlTextReaderPtr r;
  int table = -1;
  gint64 row = 0;

  if (input == NULL)
    return;
  s->member_size = gsf_input_size (input);
  r = reader_for (input);
  if (r == NULL)
    return;
  load_ods_styles (s, r);
  for (int ret = xmlTextReaderRead (r); ret == 1 && !s->stop; ret = xmlTextReaderRead (r))
    {
      if (is_element (r, "table"))
        {
          table++;
          if (index < 0)
            note_table (s, r, table);
          /* Another table: skip it whole (Next lands on what follows it, which the loop's
           * Read would pass over: it is the table's end or whitespace in practice, but a
           * following table must not be missed, so look at it first). */
          while (table != index && xmlTextReaderNext (r) == 1)
            {
              if (!is_element (r, "table"))
                break;
              table++;
              if (index < 0)
                note_table (s, r, table);
            }
          if (table != index)
            continue;
          row = 0;
        }
      else if (table == index && index >= 0 && is_element (r, "table-row"))
        {
          guint repeat = repeat_attr (r, "number-rows-repeated", G_MAXINT);
          g_autofree char *visibility = attr (r, "visibility", NS_ODS_TABLE);
          gboolean hidden = visibility != NULL && strcmp (visibility, "visible") != 0;

          read_ods_row (s, r);
          if (s->n_cells == 0 || row_is_blank (s))
            {
              row += repeat; /* LibreOffice's million empty rows: one element */
              continue;
            }
          for (guint i = 0; i < MIN (repeat, MAX_ROW_REPEAT) && !s->stop; i++)
            if (!row_done (s, ++row, hidden, input))
              s->stop = TRUE;
          if (repeat > MAX_ROW_REPEAT)
            row += repeat - MAX_ROW_REPEAT;
        }
      else if (table == index && index >= 0 && is_end (r, "table"))
        break;
    }
  xmlFreeTextReader (r);
}

/* ---- choosing the sheet and reading it ---- */

static gboolean
find_header_row (Sheets *s, gint64 row, gboolean hidden)
{
  g_autoptr(GPtrArray) cells = NULL;
  guint score;

  if (row_is_blank (s))
    return TRUE;
  cells = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < s->n_cells; i++)
    g_ptr_array_add (cells, g_strdup (((GString *) s->ctx->cells->pdata[i])->str));
  g_ptr_array_add (cells, NULL);
  score = serah_import_header_score ((char **) cells->pdata, s->ctx->mappings);
  if (score > s->best_score)
    {
      s->best_score = score;
      s->best_row = row;
      s->best_index = (int) s->seen_rows;
    }
  return ++s->seen_rows < SERAH_IMPORT_HEADER_SEARCH;
}

static gboolean
take_row (Sheets *s, gint64 row, gboolean hidden)
{
  SerahImportContext *ctx = s->ctx;

  if (row_is_blank (s))
    return TRUE;
  ctx->n_cells = MIN (s->n_cells, SERAH_IMPORT_MAX_CELLS);
  ctx->record_line = row;
  if (hidden && ctx->have_header)
    serah_import_add_problem (ctx, row, -1, "hidden-row", SERAH_IMPORT_SEVERITY_WARNING, NULL,
                              _("This row is hidden in the spreadsheet; it was read like the "
                                "others. Check that it belongs in the list."));
  serah_import_take_record (ctx);
  ctx->n_cells = 0;
  return ctx->reader_error == NULL;
}

static void
read_sheet (Sheets *s, const SheetInfo *info, RowFunc func)
{
  s->on_row = func;
  s->stop = FALSE;
  if (s->ods)
    read_ods (s, info->index);
  else
    read_xlsx_sheet (s, info);
}

static char *
sheet_names (Sheets *s)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < s->sheets->len; i++)
    {
      SheetInfo *info = s->sheets->pdata[i];
      g_string_append_printf (list, "%s“%s”%s", list->len ? ", " : "", info->name,
                              info->hidden ? _(" (hidden)") : "");
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* The sheet to import and its header's index among the non-empty rows; NULL with
 * ctx->reader_error set when there is none. */
static const SheetInfo *
choose_sheet (Sheets *s)
{
  SerahImportContext *ctx = s->ctx;
  const char *wanted = ctx->options ? ctx->options->sheet : NULL;

  for (guint i = 0; i < s->sheets->len; i++)
    {
      SheetInfo *info = s->sheets->pdata[i];

      if (wanted != NULL ? strcmp (info->name ? info->name : "", wanted) != 0 : info->hidden)
        continue;
      s->seen_rows = 0;
      s->best_score = 0;
      s->best_index = 0;
      read_sheet (s, info, find_header_row);
      if (ctx->reader_error != NULL)
        return NULL;
      if (s->best_score > 0 || wanted != NULL)
        {
          ctx->header_index = s->best_index;
          return info;
        }
    }
  if (wanted != NULL)
    {
      g_autofree char *names = sheet_names (s);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NO_SHEET,
                   _("“%s” has no sheet named “%s”. Its sheets: %s."), ctx->name, wanted,
                   names);
    }
  else
    {
      g_autofree char *names = sheet_names (s);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("No sheet of “%s” has a header row: none of the first rows of its visible "
                     "sheets names a known column (such as NIK, NO_KARTU, NAMA). Its sheets: "
                     "%s. Add a row of column names, or choose the sheet and map the columns."),
                   ctx->name, *names ? names : _("none"));
    }
  return NULL;
}

/* Hashes the whole file for the import record (the ZIP is read by libgsf separately). */
static gboolean
hash_file (SerahImportContext *ctx)
{
  gboolean eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
  g_autoptr(GError) local_error = NULL;

  while (!eof)
    {
      if (!g_input_stream_read_all (ctx->stream, ctx->block, SERAH_IMPORT_BLOCK_SIZE,
                                    &ctx->block_len, ctx->cancellable, &local_error))
        {
          g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR,
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                         ? SERAH_IMPORT_ERROR_CANCELLED : SERAH_IMPORT_ERROR_UNREADABLE,
                       _("Cannot read “%s”: %s"), ctx->name, local_error->message);
          return FALSE;
        }
      serah_import_hash_update (ctx->checksum, ctx->block, ctx->block_len);
      eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
    }
  return TRUE;
}

static gboolean
open_container (Sheets *s, GsfInput **file_out)
{
  SerahImportContext *ctx = s->ctx;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahGsfInput) mimetype = NULL;
  g_autoptr(SerahGsfInput) workbook = NULL;
  GsfInput *file = gsf_input_stdio_new (ctx->path, &local_error);

  if (file != NULL)
    s->zip = gsf_infile_zip_new (file, &local_error);
  *file_out = file;
  if (s->zip == NULL)
    {
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a damaged or unknown ZIP file, not a spreadsheet Serah can read "
                     "(%s). Open it in the spreadsheet program and save it as .xlsx or .ods "
                     "again."),
                   ctx->name, local_error ? local_error->message : "?");
      return FALSE;
    }
  mimetype = gsf_infile_child_by_name (s->zip, "mimetype");
  if (mimetype != NULL)
    {
      gsf_off_t size = MIN (gsf_input_size (mimetype), 200);
      const guint8 *data = gsf_input_read (mimetype, size, NULL);
      s->ods = data != NULL && size >= 46 &&
               memcmp (data, "application/vnd.oasis.opendocument.spreadsheet", 46) == 0;
    }
  workbook = open_member (s->zip, "xl/workbook.xml");
  if (!s->ods && workbook == NULL)
    {
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a ZIP file but neither an Excel (.xlsx) nor an OpenDocument "
                     "(.ods) spreadsheet. Save the list as one of those, or as CSV."),
                   ctx->name);
      return FALSE;
    }
  return TRUE;
}

gpointer
serah_import_sheet_reader_main (gpointer data)
{
  SerahImportContext *ctx = data;
  Sheets s = { 0 };
  GsfInput *file = NULL;
  const SheetInfo *chosen;

  ctx->batch = serah_import_batch_new ();
  s.ctx = ctx;
  s.sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_info_free);
  s.strings = g_ptr_array_new ();
  s.chunk = g_string_chunk_new (64 * 1024);
  s.date_xf = g_array_new (FALSE, FALSE, sizeof (gboolean));
  s.hidden_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.scratch = g_string_sized_new (64);

  if (hash_file (ctx) && open_container (&s, &file))
    {
      ctx->sheet_ods = s.ods;
      if (s.ods)
        read_ods (&s, -1);
      else
        {
          load_workbook (&s);
          load_styles (&s);
          load_shared_strings (&s);
        }
      chosen = choose_sheet (&s);
      if (chosen != NULL)
        {
          ctx->sheet = g_strdup (chosen->name);
          ctx->n_records = 0;
          read_sheet (&s, chosen, take_row);
          report_progress (&s, s.member_size);
        }
    }
  if (ctx->reader_error == NULL && !ctx->have_header && !g_atomic_int_get (&ctx->stop))
    g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                 _("“%s” has no header row: none of its first lines names a known column "
                   "(such as NIK, NO_KARTU, NAMA)."),
                 ctx->name);

  g_clear_object (&s.zip);
  g_clear_object (&file);
  g_ptr_array_unref (s.sheets);
  g_ptr_array_unref (s.strings);
  g_string_chunk_free (s.chunk);
  g_array_unref (s.date_xf);
  g_hash_table_unref (s.hidden_styles);
  g_string_free (s.scratch, TRUE);

  ctx->sha256 = serah_import_hash_finish (ctx->checksum);
  serah_import_queue_batch (ctx, TRUE);
  return NULL;
}
