/* serah-import-sniff.c: what the importer decides from the first block of a file before
 * parsing it: is this CSV at all (or a spreadsheet, a PDF, a web page, binary data), which
 * separator it uses, and which of its first records is the header. Also reads --map
 * options. libcsv does all the splitting, so separators inside quotes never count. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"

typedef struct {
  GPtrArray *records; /* GStrv, the first SERAH_IMPORT_HEADER_SEARCH records */
  GPtrArray *cells;   /* char *, the record being read */
} Sniff;

static void
sniff_field (void *s, size_t len, void *data)
{
  Sniff *sniff = data;
  g_ptr_array_add (sniff->cells, g_strndup (s ? s : "", len));
}

static void
sniff_record (int terminator, void *data)
{
  Sniff *sniff = data;

  g_ptr_array_add (sniff->cells, NULL);
  if (sniff->records->len < SERAH_IMPORT_HEADER_SEARCH)
    g_ptr_array_add (sniff->records, g_ptr_array_free (sniff->cells, FALSE));
  else
    g_strfreev ((char **) g_ptr_array_free (sniff->cells, FALSE));
  sniff->cells = g_ptr_array_new ();
}

void
serah_import_mapping_free (SerahImportMapping *m)
{
  g_free (m->folded);
  g_free (m->text);
  g_free (m);
}

static gboolean
header_is_mapped (GPtrArray *mappings, const char *folded)
{
  for (guint i = 0; i < mappings->len; i++)
    if (*folded != '\0' &&
        strcmp (((SerahImportMapping *) mappings->pdata[i])->folded, folded) == 0)
      return TRUE;
  return FALSE;
}

/* How many cells of a record name a column we know (by synonym or by --map). */
guint
serah_import_header_score (char **cells, GPtrArray *mappings)
{
  guint score = 0;

  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *folded = serah_import_fold_header (cells[i]);
      if (*folded != '\0' && (serah_import_field_for_header (cells[i]) >= 0 ||
                              header_is_mapped (mappings, folded)))
        score++;
    }
  return score;
}

/* Parses the first block with each candidate separator and keeps the one under which some
 * record (the header) names the most known columns. Separators inside quotes never count
 * because libcsv does the splitting. */
void
serah_import_sniff (const char *buf, gsize len, GPtrArray *mappings, char *sep_out,
                 int *header_index_out, guint *score_out, char **first_record_out)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint best_score = 0, best_cells = 0;
  char fallback = ',';

  *sep_out = 0;
  *header_index_out = 0;
  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      struct csv_parser parser;
      Sniff sniff = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                      g_ptr_array_new () };

      csv_init (&parser, 0);
      csv_set_delim (&parser, (unsigned char) candidates[c]);
      csv_parse (&parser, buf, len, sniff_field, sniff_record, &sniff);
      csv_fini (&parser, sniff_field, sniff_record, &sniff);
      csv_free (&parser);

      for (guint r = 0; r < sniff.records->len; r++)
        {
          char **cells = sniff.records->pdata[r];
          guint score = serah_import_header_score (cells, mappings);

          if (score > best_score)
            {
              best_score = score;
              *sep_out = candidates[c];
              *header_index_out = (int) r;
            }
        }
      /* With no header at all, the separator that splits the first record most. */
      if (sniff.records->len > 0 && g_strv_length (sniff.records->pdata[0]) > best_cells)
        {
          best_cells = g_strv_length (sniff.records->pdata[0]);
          fallback = candidates[c];
          if (first_record_out != NULL)
            {
              g_autofree char *joined = g_strjoinv (" | ", sniff.records->pdata[0]);
              GString *text = g_string_new (joined);
              gboolean converted;

              /* It goes into a message for people: valid UTF-8 (as cells are read). */
              serah_import_clean_cell (text, &converted);
              g_free (*first_record_out);
              *first_record_out = g_string_free (text, FALSE);
            }
        }
      g_ptr_array_unref (sniff.records);
      g_ptr_array_unref (sniff.cells);
    }
  if (*sep_out == 0)
    *sep_out = fallback;
  *score_out = best_score;
}

/* Refuses, from the first block, what is certainly not a CSV file. */
gboolean
serah_import_check_is_text (const guchar *buf, gsize len, const char *name, GError **error)
{
  gsize controls = 0, line_len, high = 0;
  const char *end = NULL;

  if (len >= 4 && memcmp (buf, "PK\003\004", 4) == 0)
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a spreadsheet file (Excel .xlsx or LibreOffice .ods), not CSV. "
                     "Open it in the spreadsheet program, export it as CSV (“CSV UTF-8”) and "
                     "import that file."),
                   name);
      return FALSE;
    }
  if (len >= 8 && memcmp (buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a spreadsheet file (Excel 97-2003 .xls), not CSV. Open it in "
                     "the spreadsheet program, export it as CSV (“CSV UTF-8”) and import "
                     "that file."),
                   name);
      return FALSE;
    }
  if (len >= 5 && memcmp (buf, "%PDF-", 5) == 0)
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is a PDF document, not CSV. Ask for the list as a spreadsheet or "
                     "CSV file."),
                   name);
      return FALSE;
    }
  if (len >= 2 && ((buf[0] == 0xff && buf[1] == 0xfe) || (buf[0] == 0xfe && buf[1] == 0xff)))
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is saved as UTF-16 (Excel’s “Unicode Text”). Save it as “CSV "
                     "UTF-8” instead and import that file."),
                   name);
      return FALSE;
    }
  {
    g_autofree char *start = g_ascii_strdown ((const char *) buf, MIN (len, 512));
    if (g_str_has_prefix (g_strchug (start), "<") &&
        (strstr (start, "<html") != NULL || strstr (start, "<table") != NULL ||
         strstr (start, "<?xml") != NULL))
      {
        g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                     _("“%s” is a web page or XML file, not CSV, even if its name says "
                       "otherwise. Open it in the spreadsheet program, export it as CSV and "
                       "import that file."),
                     name);
        return FALSE;
      }
  }

  for (gsize i = 0; i < len; i++)
    {
      if (buf[i] == 0)
        {
          controls = len;
          break;
        }
      if (buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n' &&
          buf[i] != '\f' && buf[i] != 0x1a)
        controls++;
    }
  /* The header line must be UTF-8, or at least look like 8-bit text: binary data has a
   * high byte every other character. A sequence cut by the block end is not an error. */
  for (line_len = 0; line_len < len && buf[line_len] != '\r' && buf[line_len] != '\n'; line_len++)
    ;
  if (!g_utf8_validate_len ((const char *) buf, line_len, &end) &&
      line_len - (gsize) (end - (const char *) buf) > 3)
    for (gsize i = 0; i < line_len; i++)
      high += buf[i] >= 0x80;
  if (controls * 100 > len || high * 10 > line_len * 3)
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is not a text file (it holds binary data), so it is not CSV. "
                     "Export the list from the spreadsheet program as CSV and import that "
                     "file."),
                   name);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
serah_import_parse_mappings (const char *const *mappings, GError **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_mapping_free);

  for (guint i = 0; mappings != NULL && mappings[i] != NULL; i++)
    {
      const char *eq = strchr (mappings[i], '=');
      g_autofree char *name = eq ? g_strstrip (g_strndup (mappings[i], eq - mappings[i])) : NULL;
      int field = name ? serah_import_field_from_name (name) : -1;
      SerahImportMapping *m;

      /* A header in another encoding could never match the file's (cleaned) headers, and
       * the text is quoted back in messages for people. */
      /* "desa=" says the file has no such column (participants keep what the database
       * holds); a required field cannot be absent. */
      if (field < 0 || !g_utf8_validate (mappings[i], -1, NULL) ||
          (eq[1] == '\0' && serah_import_field_required (field)))
        {
          g_autofree char *names = g_strjoinv (", ", (char **) serah_import_field_names ());
          g_autofree char *shown = g_utf8_make_valid (mappings[i], -1);
          g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING,
                       _("“%s” is not a mapping: write FIELD=HEADER, where FIELD is one of %s."),
                       shown, names);
          return NULL;
        }
      for (guint j = 0; j < list->len; j++)
        if (((SerahImportMapping *) list->pdata[j])->field == field)
          {
            g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING,
                         _("The field %s is mapped twice."), name);
            return NULL;
          }
      m = g_new0 (SerahImportMapping, 1);
      m->field = field;
      m->text = g_strstrip (g_strdup (eq + 1));
      m->folded = serah_import_fold_header (m->text);
      g_ptr_array_add (list, m);
    }
  return g_steal_pointer (&list);
}
