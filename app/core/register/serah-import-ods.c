/* serah-import-ods.c: the ODS side of the spreadsheet reader: content.xml streamed once,
 * hidden tables found from their automatic styles, repeated rows and cells expanded (or
 * skipped when empty: LibreOffice writes a million empty rows as one element), covered
 * cells of a merge left empty, text from paragraphs without comments. See
 * serah-import-sheet.c for why libgsf and xmlTextReader. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"

static void
load_ods_styles (Sheets *s, xmlTextReaderPtr r)
{
  g_autofree char *current = NULL;

  /* Automatic styles come before the body; a table style with display="false" hides it. */
  while (xmlTextReaderRead (r) == 1)
    {
      if (sheet_is_element (r, "style"))
        {
          g_free (current);
          current = sheet_attr (r, "name", NS_ODS_STYLE);
        }
      else if (sheet_is_element (r, "table-properties") && current != NULL)
        {
          g_autofree char *display = sheet_attr (r, "display", NS_ODS_TABLE);
          if (display != NULL && strcmp (display, "false") == 0)
            g_hash_table_add (s->hidden_styles, g_strdup (current));
        }
      else if (sheet_is_element (r, "body"))
        return;
    }
}

static guint
repeat_attr (xmlTextReaderPtr r, const char *name, guint max)
{
  g_autofree char *text = sheet_attr (r, name, NS_ODS_TABLE);
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
      if (sheet_is_element (r, "annotation"))
        {
          ret = xmlTextReaderNext (r); /* past the comment, onto what follows it */
          continue;
        }
      if (sheet_is_element (r, "p") || sheet_is_element (r, "h"))
        {
          if (paragraphs++ > 0)
            g_string_append_c (out, '\n');
        }
      else if (sheet_is_element (r, "s"))
        {
          g_autofree char *c = sheet_attr (r, "c", NS_ODS_TEXT);
          guint n = c ? (guint) CLAMP (g_ascii_strtoull (c, NULL, 10), 1, 100) : 1;
          for (guint i = 0; i < n; i++)
            g_string_append_c (out, ' ');
        }
      else if (sheet_is_element (r, "tab"))
        g_string_append_c (out, '\t');
      else if (sheet_is_element (r, "line-break"))
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
      covered = sheet_is_element (r, "covered-table-cell");
      if (!covered && !sheet_is_element (r, "table-cell"))
        continue;
      repeat = repeat_attr (r, "number-columns-repeated", SERAH_IMPORT_MAX_CELLS);
      type = sheet_attr (r, "value-type", NS_ODS_OFFICE);
      g_string_truncate (text, 0);
      /* The shown text of a number or date is the spreadsheet's formatting of its value:
       * the value is what the cell holds. */
      read_ods_text (r, text);
      if (type != NULL && (strcmp (type, "float") == 0 || strcmp (type, "percentage") == 0 ||
                           strcmp (type, "currency") == 0))
        {
          value = sheet_attr (r, "value", NS_ODS_OFFICE);
          if (value != NULL)
            sheet_set_number (s, text, column, value, FALSE);
        }
      else if (type != NULL && strcmp (type, "date") == 0)
        {
          value = sheet_attr (r, "date-value", NS_ODS_OFFICE);
          if (value != NULL)
            g_string_assign (text, value);
          if (text->len > 10)
            g_string_truncate (text, 10);
        }
      /* Empty cells (a row's trailing thousand, covered cells of a merge) only move on. */
      if (text->len > 0 && !covered)
        for (guint i = 0; i < repeat && column + i < SERAH_IMPORT_MAX_CELLS; i++)
          g_string_assign (sheet_cell_at (s, column + i), text->str);
      column += repeat;
      if (column >= SERAH_IMPORT_MAX_CELLS)
        column = SERAH_IMPORT_MAX_CELLS;
    }
}

static void
note_table (Sheets *s, xmlTextReaderPtr r, int table)
{
  SheetInfo *info = g_new0 (SheetInfo, 1);
  g_autofree char *style = sheet_attr (r, "style-name", NS_ODS_TABLE);

  info->name = sheet_attr (r, "name", NS_ODS_TABLE);
  info->index = table;
  info->hidden = style != NULL && g_hash_table_contains (s->hidden_styles, style);
  g_ptr_array_add (s->sheets, info);
}

/* Reads table number `index` (0-based) of content.xml, or lists the tables when index < 0. */
void
sheet_ods_read (Sheets *s, int index)
{
  g_autoptr(SerahGsfInput) input = sheet_open_member (s->zip, "content.xml");
  xmlTextReaderPtr r;
  int table = -1;
  int ret = 0;
  gint64 row = 0;

  if (input == NULL)
    return;
  s->member_size = gsf_input_size (input);
  r = sheet_reader_for (input);
  if (r == NULL)
    return;
  load_ods_styles (s, r);
  for (ret = xmlTextReaderRead (r); ret == 1 && !s->stop; ret = xmlTextReaderRead (r))
    {
      if (sheet_is_element (r, "table"))
        {
          table++;
          if (index < 0)
            note_table (s, r, table);
          /* Another table: skip it whole (Next lands on what follows it, which the loop's
           * Read would pass over: it is the table's end or whitespace in practice, but a
           * following table must not be missed, so look at it first). */
          while (table != index && xmlTextReaderNext (r) == 1)
            {
              if (!sheet_is_element (r, "table"))
                break;
              table++;
              if (index < 0)
                note_table (s, r, table);
            }
          if (table != index)
            continue;
          row = 0;
        }
      else if (table == index && index >= 0 && sheet_is_element (r, "table-row"))
        {
          guint repeat = repeat_attr (r, "number-rows-repeated", G_MAXINT);
          g_autofree char *visibility = sheet_attr (r, "visibility", NS_ODS_TABLE);
          gboolean hidden = visibility != NULL && strcmp (visibility, "visible") != 0;

          read_ods_row (s, r);
          if (s->n_cells == 0 || sheet_row_is_blank (s))
            {
              row += repeat; /* LibreOffice's million empty rows: one element */
              continue;
            }
          for (guint i = 0; i < MIN (repeat, MAX_ROW_REPEAT) && !s->stop; i++)
            if (!sheet_row_done (s, ++row, hidden, input))
              s->stop = TRUE;
          if (repeat > MAX_ROW_REPEAT)
            row += repeat - MAX_ROW_REPEAT;
        }
      else if (table == index && index >= 0 && sheet_is_end (r, "table"))
        break;
    }
  /* A content.xml that breaks off (a truncated download, a damaged zip) must not import
   * the rows before the break as if they were the list (found by fuzz-sheet). */
  if (ret < 0 && !s->stop && s->ctx->reader_error == NULL)
    g_set_error (&s->ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                 _("Cannot read “%s”: the file is damaged (its content breaks off before "
                   "the end). Nothing was imported; save the list again and import that."),
                 s->ctx->name);
  xmlFreeTextReader (r);
}
