/* fuzz-sheet.c: any bytes as an XLSX or ODS workbook, read by the importer's spreadsheet
 * reader (libgsf for the zip, libxml2's reader for the XML) as a dry run.
 *
 * Random bytes rarely make a zip that libgsf opens, and a mutated deflate stream is noise,
 * so most inputs are structure-aware: the first byte picks a mode, the rest is split on
 * "\n@@\n" into the parts of a workbook that this target zips (stored, not deflated) itself:
 *   0: the bytes are the .xlsx file      1: the bytes are the .ods file
 *   2: XLSX from sheet1.xml, sharedStrings.xml, workbook.xml, styles.xml, workbook.xml.rels
 *   3: ODS from content.xml (with the ODS mimetype)
 * so that mutations land in the XML the reader walks: shared string indexes, cell
 * references, repeated rows and columns, hidden rows, date styles, the 1904 flag.
 * Whatever the bytes, the preview returns a report whose counts add up, or an error; it
 * never crashes, never runs away with memory, and leaves the database as it was. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gsf/gsf.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define SEPARATOR "\n@@\n"

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char default_workbook[] =
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Peserta\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char default_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
  "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

/* Splits the input into at most max parts on SEPARATOR. */
static guint
split_parts (const uint8_t *data, size_t size, GBytes **parts, guint max)
{
  guint n = 0;
  size_t start = 0;

  for (size_t i = 0; i + strlen (SEPARATOR) <= size && n + 1 < max; i++)
    if (memcmp (data + i, SEPARATOR, strlen (SEPARATOR)) == 0)
      {
        parts[n++] = g_bytes_new (data + start, i - start);
        start = i + strlen (SEPARATOR);
        i = start - 1;
      }
  parts[n++] = g_bytes_new (data + start, size - start);
  return n;
}

/* A member under its full name: the zip stores the name as given, and libgsf's reader
 * splits it into folders again, as it does for any workbook. */
static void
zip_member (GsfOutfile *zip, const char *name, const void *data, gsize size)
{
  GsfOutput *member = gsf_outfile_new_child_full (zip, name, FALSE, "compression-level",
                                                  GSF_ZIP_STORED, NULL);

  if (member == NULL)
    return;
  gsf_output_write (member, size, data);
  gsf_output_close (member);
  g_object_unref (member);
}

/* Writes a workbook of members (name, bytes; NULL bytes: the default text) to path. */
static gboolean
write_zip (const char *path, const char *const *names, GBytes **contents,
           const char *const *defaults, guint n)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  /* libgsf declares no g_autoptr cleanups: plain references. */
  if (sink == NULL)
    return FALSE;
  zip = gsf_outfile_zip_new (sink, &error);
  if (zip == NULL)
    {
      g_object_unref (sink);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      gsize size = 0;
      const void *bytes = contents[i] ? g_bytes_get_data (contents[i], &size) : NULL;

      if (contents[i] == NULL && defaults[i] == NULL)
        continue;
      if (contents[i] == NULL)
        zip_member (zip, names[i], defaults[i], strlen (defaults[i]));
      else
        zip_member (zip, names[i], bytes, size);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  gsf_output_close (sink);
  g_object_unref (zip);
  g_object_unref (sink);
  return TRUE;
}

static char *
make_input (const uint8_t *data, size_t size)
{
  GBytes *parts[5] = { NULL };
  char *path = NULL;
  guint mode = size > 0 ? data[0] % 4 : 0;

  data = size > 0 ? data + 1 : data;
  size = size > 0 ? size - 1 : 0;
  switch (mode)
    {
    case 0:
      return fuzz_write_input ("input.xlsx", data, size);
    case 1:
      return fuzz_write_input ("input.ods", data, size);
    case 2:
      {
        static const char *const names[] = {
          "[Content_Types].xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
          "xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels",
        };
        const char *const defaults[] = { content_types, "", NULL, default_workbook, NULL,
                                         default_rels };
        GBytes *members[6] = { NULL };
        guint n = split_parts (data, size, parts, 5);

        for (guint i = 0; i < n; i++)
          members[i + 1] = parts[i];
        path = fuzz_path ("built.xlsx");
        write_zip (path, names, members, defaults, 6);
        break;
      }
    case 3:
    default:
      {
        static const char *const names[] = { "mimetype", "content.xml" };
        static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
        const char *const defaults[] = { mimetype, "" };
        GBytes *members[2] = { NULL };

        members[1] = g_bytes_new (data, size);
        path = fuzz_path ("built.ods");
        write_zip (path, names, members, defaults, 2);
        g_bytes_unref (members[1]);
        break;
      }
    }
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    g_clear_pointer (&parts[i], g_bytes_unref);
  return path;
}

int LLVMFuzzerInitialize (int *argc, char ***argv);

/* The readers are the target, not the area checks: without the Kemendagri tables (loaded
 * afresh by every import) an iteration is several times quicker; the rows are then stored
 * with an areas-unavailable warning, which the reader's paths do not depend on. */
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *none = fuzz_path ("no-areas");

  g_setenv ("SERAH_AREAS_DIR", none, TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  SerahStore *store = fuzz_scratch_store ();
  g_autofree char *path = make_input (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  const char *db = serah_store_get_path (store);
  gint64 participants = fuzz_query_int (db, "SELECT count(*) FROM participants");
  gint64 imports = fuzz_query_int (db, "SELECT count(*) FROM imports");

  report = serah_import_preview (store, path, NULL, 5, NULL, &error);
  if (report == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == SERAH_IMPORT_ERROR);
      g_assert (error->message != NULL && *error->message != '\0');
    }
  else if (report->refusal == NULL)
    {
      const SerahImportRecord *c = &report->counts;
      g_assert_cmpint (c->rows, ==,
                       c->imported + c->updated + c->unchanged + c->rejected + c->duplicates);
      g_assert (report->sample->len <= 5);
      g_assert (g_strcmp0 (report->format, "xlsx") == 0 || g_strcmp0 (report->format, "ods") == 0 ||
                g_strcmp0 (report->format, "csv") == 0);
      for (guint i = 0; i < report->problems->len; i++)
        {
          const SerahImportProblem *p = report->problems->pdata[i];
          g_assert (p->code != NULL && p->message != NULL);
          g_assert (p->line >= 0);
        }
    }
  /* A dry run: nothing stays. */
  g_assert_cmpint (fuzz_query_int (db, "SELECT count(*) FROM participants"), ==, participants);
  g_assert_cmpint (fuzz_query_int (db, "SELECT count(*) FROM imports"), ==, imports);
  return 0;
}
