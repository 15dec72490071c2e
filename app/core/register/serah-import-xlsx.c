/* serah-import-xlsx.c: the XLSX side of the spreadsheet reader: the workbook's sheets (with
 * their hidden state and the 1904 date system), the styles that make a number a date, the
 * shared-string table, and one sheet's rows streamed into the importer's cells. See
 * serah-import-sheet.c for why libgsf and xmlTextReader. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"

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
      if (sheet_is_element (r, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (r);
      else if (sheet_is_end (r, "rPh"))
        in_phonetic = FALSE;
      else if (sheet_is_element (r, "t"))
        in_t = !xmlTextReaderIsEmptyElement (r);
      else if (sheet_is_end (r, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_CDATA))
        g_string_append (out, (const char *) xmlTextReaderConstValue (r));
    }
  (void) end;
}

void
sheet_xlsx_load_shared_strings (Sheets *s)
{
  g_autoptr(SerahGsfInput) input = sheet_open_member (s->zip, "xl/sharedStrings.xml");
  xmlTextReaderPtr r;
  g_autoptr(GString) text = g_string_new (NULL);

  if (input == NULL)
    return;
  r = sheet_reader_for (input);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (sheet_is_element (r, "si"))
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

void
sheet_xlsx_load_styles (Sheets *s)
{
  g_autoptr(SerahGsfInput) input = sheet_open_member (s->zip, "xl/styles.xml");
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                        g_free);
  gboolean in_xfs = FALSE;
  xmlTextReaderPtr r;

  if (input == NULL)
    return;
  r = sheet_reader_for (input);
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      if (sheet_is_element (r, "numFmt"))
        {
          g_autofree char *id = sheet_attr (r, "numFmtId", NULL);
          char *code = sheet_attr (r, "formatCode", NULL);
          if (id != NULL)
            g_hash_table_insert (custom, GINT_TO_POINTER (atoi (id)), code);
          else
            g_free (code);
        }
      else if (sheet_is_element (r, "cellXfs"))
        in_xfs = !xmlTextReaderIsEmptyElement (r);
      else if (sheet_is_end (r, "cellXfs"))
        in_xfs = FALSE;
      else if (in_xfs && sheet_is_element (r, "xf"))
        {
          g_autofree char *id = sheet_attr (r, "numFmtId", NULL);
          int n = id ? atoi (id) : 0;
          gboolean date = format_is_date (n, g_hash_table_lookup (custom, GINT_TO_POINTER (n)));
          g_array_append_val (s->date_xf, date);
        }
    }
  if (r != NULL)
    xmlFreeTextReader (r);
}

/* The sheets in workbook order, with their members from the relationships. */
void
sheet_xlsx_load_workbook (Sheets *s)
{
  g_autoptr(SerahGsfInput) rels_input = sheet_open_member (s->zip, "xl/_rels/workbook.xml.rels");
  g_autoptr(SerahGsfInput) input = sheet_open_member (s->zip, "xl/workbook.xml");
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  xmlTextReaderPtr r;

  r = rels_input ? sheet_reader_for (rels_input) : NULL;
  while (r != NULL && xmlTextReaderRead (r) == 1)
    if (sheet_is_element (r, "Relationship"))
      {
        char *id = sheet_attr (r, "Id", NULL);
        char *target = sheet_attr (r, "Target", NULL);
        if (id != NULL && target != NULL)
          g_hash_table_insert (targets, id, target);
        else
          g_free (id), g_free (target);
      }
  if (r != NULL)
    xmlFreeTextReader (r);

  r = input ? sheet_reader_for (input) : NULL;
  while (r != NULL && xmlTextReaderRead (r) == 1)
    {
      if (sheet_is_element (r, "workbookPr"))
        {
          g_autofree char *d1904 = sheet_attr (r, "date1904", NULL);
          s->date1904 = d1904 && (strcmp (d1904, "1") == 0 || strcmp (d1904, "true") == 0);
        }
      else if (sheet_is_element (r, "sheet"))
        {
          g_autofree char *rid = sheet_attr (r, "id", NS_XLSX_REL);
          g_autofree char *state = sheet_attr (r, "state", NULL);
          const char *target = rid ? g_hash_table_lookup (targets, rid) : NULL;
          SheetInfo *info;

          if (target == NULL)
            continue;
          info = g_new0 (SheetInfo, 1);
          info->name = sheet_attr (r, "name", NULL);
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
        if (sheet_is_element (r, "v"))
          in_v = have_value = TRUE;
        else if (sheet_is_end (r, "v"))
          in_v = FALSE;
        else if (in_v && (node == XML_READER_TYPE_TEXT ||
                          node == XML_READER_TYPE_SIGNIFICANT_WHITESPACE))
          g_string_append (value, (const char *) xmlTextReaderConstValue (r));
        else if (sheet_is_element (r, "is"))
          {
            read_rich_text (r, "is", value);
            have_value = TRUE;
          }
      }
  if (!have_value || column >= SERAH_IMPORT_MAX_CELLS)
    return;
  cell = sheet_cell_at (s, (guint) column);
  if (strcmp (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);
      g_string_assign (cell, index < s->strings->len ? s->strings->pdata[index] : "");
    }
  else if (strcmp (type, "n") == 0)
    {
      gboolean is_date = xf < s->date_xf->len && g_array_index (s->date_xf, gboolean, xf);
      sheet_set_number (s, cell, (guint) column, value->str, is_date);
    }
  else if (strcmp (type, "d") == 0)
    g_string_assign (cell, value->len >= 10 ? value->str : "");
  else
    g_string_assign (cell, value->str); /* str, inlineStr, b, e */
  if (cell->len > 10 && strcmp (type, "d") == 0)
    g_string_truncate (cell, 10);
}

void
sheet_xlsx_read (Sheets *s, const SheetInfo *info)
{
  g_autoptr(SerahGsfInput) input = sheet_open_member (s->zip, info->member);
  xmlTextReaderPtr r;
  gint64 row = 0;
  int ret = 0;

  if (input == NULL)
    return;
  s->member_size = gsf_input_size (input);
  r = sheet_reader_for (input);
  while (r != NULL && (ret = xmlTextReaderRead (r)) == 1)
    {
      g_autofree char *number = NULL;
      g_autofree char *hidden = NULL;
      int depth, next_column = 0;

      if (!sheet_is_element (r, "row"))
        continue;
      number = sheet_attr (r, "r", NULL);
      hidden = sheet_attr (r, "hidden", NULL);
      row = number ? g_ascii_strtoll (number, NULL, 10) : row + 1;
      s->n_cells = 0;
      depth = xmlTextReaderDepth (r);
      if (!xmlTextReaderIsEmptyElement (r))
        while ((ret = xmlTextReaderRead (r)) == 1)
          {
            if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                xmlTextReaderDepth (r) == depth)
              break;
            if (sheet_is_element (r, "c"))
              read_xlsx_cell (s, r, &next_column);
          }
      /* A row that breaks off is no row: the damage is reported below. */
      if (ret < 0)
        break;
      if (!sheet_row_done (s, row, hidden && (strcmp (hidden, "1") == 0 ||
                                        strcmp (hidden, "true") == 0), input))
        {
          s->stop = TRUE;
          break;
        }
    }
  if (r != NULL)
    {
      /* The loop's own last answer: a sheet cut off between two rows ends in an error at
       * the end of the data, after which the reader may answer 0 (found by fuzz-sheet). */
      if (!s->stop && ret < 0 && s->ctx->reader_error == NULL)
        g_set_error (&s->ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                     _("Cannot read sheet “%s” of “%s”: the file is damaged."), info->name,
                     s->ctx->name);
      xmlFreeTextReader (r);
    }
}
