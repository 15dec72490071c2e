/* serah-import-read.c: the reader side of an import, in a thread of its own: it reads the
 * file block by block (hashing it), feeds libcsv one physical line at a time so that every
 * record knows the line it starts on, recognises the header, and hands checked rows to the
 * writer (the caller's thread, which owns the store) in batches. Parsing and checking run
 * while the writer stores the previous batch: on two cores the import takes about as long
 * as the database work alone. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <openssl/evp.h>

#include "register/serah-import-private.h"

/* A field this long means a quote was opened and never closed. */
#define MAX_FIELD_BYTES (1024 * 1024)
/* libcsv's pstate values (ROW_NOT_BEGUN, FIELD_BEGUN in libcsv.c): the struct is public in
 * csv.h, the names are not. Between records the parser is in state 0. */
#define CSV_STATE_BETWEEN_RECORDS 0
#define CSV_STATE_FIELD_BEGUN 2
/* Batches queued and not yet written: bounds the memory a big file takes. */
#define BATCHES_IN_FLIGHT 3
/* Problems the reader collects before it hands its batch over, whatever its rows. */
#define BATCH_PROBLEMS 4096

/* ---- the file's hash ----
 *
 * OpenSSL's SHA-256 uses the processor's SHA instructions where it has them: 10 ms for a
 * 13 MB list of 100 000 rows, where GChecksum takes 46 ms of the reader's time. GChecksum
 * remains the fallback should OpenSSL refuse (a FIPS setup without SHA-256, say). */
struct _SerahImportHash {
  EVP_MD_CTX *evp;
  GChecksum  *glib;
};

SerahImportHash *
serah_import_hash_new (void)
{
  SerahImportHash *hash = g_new0 (SerahImportHash, 1);

  hash->evp = EVP_MD_CTX_new ();
  if (hash->evp != NULL && EVP_DigestInit_ex (hash->evp, EVP_sha256 (), NULL) != 1)
    g_clear_pointer (&hash->evp, EVP_MD_CTX_free);
  if (hash->evp == NULL)
    hash->glib = g_checksum_new (G_CHECKSUM_SHA256);
  return hash;
}

void
serah_import_hash_update (SerahImportHash *hash, const guchar *data, gsize len)
{
  if (hash->evp != NULL)
    EVP_DigestUpdate (hash->evp, data, len);
  else
    g_checksum_update (hash->glib, data, (gssize) len);
}

char *
serah_import_hash_finish (SerahImportHash *hash)
{
  guchar digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  GString *hex;

  if (hash->evp == NULL)
    return g_strdup (g_checksum_get_string (hash->glib));
  EVP_DigestFinal_ex (hash->evp, digest, &len);
  hex = g_string_sized_new (2 * len + 1);
  for (unsigned int i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

void
serah_import_hash_free (SerahImportHash *hash)
{
  if (hash == NULL)
    return;
  g_clear_pointer (&hash->evp, EVP_MD_CTX_free);
  g_clear_pointer (&hash->glib, g_checksum_free);
  g_free (hash);
}

void
serah_import_add_problem (SerahImportContext *ctx, gint64 line, int column, const char *code,
                          SerahImportSeverity severity, const char *raw_value,
                          const char *format, ...)
{
  va_list args;

  SerahImportProblem *p;

  va_start (args, format);
  p = serah_import_problem_new (ctx, line, column, code, severity, raw_value, format, args);
  va_end (args);
  /* A rejected data row keeps its cells, for the file of rejected rows. */
  if (severity == SERAH_IMPORT_SEVERITY_ERROR && ctx->have_header && line == ctx->record_line)
    {
      p->row = g_new0 (char *, ctx->n_cells + 1);
      for (guint i = 0; i < ctx->n_cells; i++)
        {
          /* Field cells are clean already; others may still be Windows-1252. */
          GString *cell = g_string_new (((GString *) ctx->cells->pdata[i])->str);
          gboolean converted;

          serah_import_clean_cell (cell, &converted);
          /* Exact size: a GString holds 64 bytes at least, and a damaged list of a million
           * rows keeps the cells of every rejected row (27 000 rows: 55 MB, issue #10). */
          p->row[i] = g_strndup (cell->str, cell->len);
          g_string_free (cell, TRUE);
        }
    }
  g_ptr_array_add (ctx->batch->problems, p);
}

GString *
serah_import_cell (SerahImportContext *ctx, int index)
{
  if (index < 0 || (guint) index >= ctx->n_cells)
    return NULL;
  return ctx->cells->pdata[index];
}

const char *
serah_import_field_text (SerahImportContext *ctx, SerahField field)
{
  GString *cell = serah_import_cell (ctx, ctx->column[field]);
  return cell ? cell->str : "";
}

static char *
headers_found (SerahImportContext *ctx)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < ctx->headers->len; i++)
    {
      const char *h = ctx->headers->pdata[i];
      if (*h == '\0')
        continue;
      g_string_append_printf (list, "%s“%s”", list->len ? ", " : "", h);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Maps columns to fields (--map first, then synonyms) and refuses a file that lacks a
 * required column. The writer opens the import when the first batch arrives. */
static void
accept_header (SerahImportContext *ctx)
{
  gboolean used[SERAH_IMPORT_MAX_CELLS] = { FALSE };
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) missing_names = g_string_new (NULL);
  guint recognised = 0;
  gint64 line = ctx->record_line;

  ctx->headers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < ctx->n_cells; i++)
    {
      GString *cell = ctx->cells->pdata[i];
      gboolean converted;
      serah_import_clean_cell (cell, &converted);
      g_ptr_array_add (ctx->headers, g_strdup (cell->str));
    }
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    ctx->column[f] = -1;

  for (guint m = 0; m < ctx->mappings->len; m++)
    {
      SerahImportMapping *mapping = ctx->mappings->pdata[m];
      int found = -1;

      if (*mapping->text == '\0')
        {
          ctx->mapped_absent[mapping->field] = TRUE;
          continue;
        }

      for (guint i = 0; i < ctx->headers->len && found < 0; i++)
        if (g_ascii_strcasecmp (ctx->headers->pdata[i], mapping->text) == 0)
          found = (int) i;
      for (guint i = 0; i < ctx->headers->len && found < 0; i++)
        {
          g_autofree char *folded = serah_import_fold_header (ctx->headers->pdata[i]);
          if (*folded != '\0' && strcmp (folded, mapping->folded) == 0)
            found = (int) i;
        }
      if (found < 0)
        {
          g_autofree char *list = headers_found (ctx);
          g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING,
                       _("The mapping %s=%s names a column that “%s” does not have. "
                         "Columns found: %s."),
                       serah_import_field_name (mapping->field), mapping->text, ctx->name,
                       list);
          return;
        }
      ctx->column[mapping->field] = found;
      used[found] = TRUE;
      recognised++;
    }

  for (guint i = 0; i < ctx->headers->len && i < SERAH_IMPORT_MAX_CELLS; i++)
    {
      const char *h = ctx->headers->pdata[i];
      int f;

      if (used[i] || *h == '\0')
        continue;
      f = serah_import_field_for_header (h);
      if (f < 0)
        serah_import_add_problem (ctx, line, (int) i, "unknown-column", SERAH_IMPORT_SEVERITY_INFO,
                                  NULL,
                                  _("Column “%s” is not a participant field; it was ignored."), h);
      else if (ctx->column[f] < 0 && !ctx->mapped_absent[f])
        {
          ctx->column[f] = (int) i;
          recognised++;
        }
      else if (ctx->column[f] < 0)
        /* "FIELD=" while the file has a column for it: that column is ignored on purpose.
         * (This branch used to fall into the one below and index column -1: a crash of
         * `import --map kecamatan=` on a list with NM_KEC, found by the mapping window's
         * test.) */
        serah_import_add_problem (ctx, line, (int) i, "unknown-column", SERAH_IMPORT_SEVERITY_INFO,
                                  NULL,
                                  _("Column “%s” holds the %s, which was mapped to nothing; it "
                                    "was ignored."), h, serah_import_field_label (f));
      else
        serah_import_add_problem (ctx, line, (int) i, "duplicate-column",
                                  SERAH_IMPORT_SEVERITY_WARNING, NULL,
                                  _("Column “%s” also holds the %s, which is read from column "
                                    "“%s”; it was ignored."), h, serah_import_field_label (f),
                                  (const char *) ctx->headers->pdata[ctx->column[f]]);
    }

  if (recognised == 0)
    {
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” has no header row: none of its first lines names a known column "
                     "(such as NIK, NO_KARTU, NAMA). The first line holds: %s. Add a line of "
                     "column names at the top, or map the columns."),
                   ctx->name, ctx->first_record ? ctx->first_record : "");
      return;
    }

  for (int f = 0; f < SERAH_N_FIELDS; f++)
    if (ctx->column[f] < 0 && serah_import_field_required (f))
      {
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                serah_import_field_label (f));
        g_string_append_printf (missing_names, "%s%s", missing_names->len ? ", " : "",
                                serah_import_field_name (f));
      }
  if (missing->len > 0)
    {
      g_autofree char *list = headers_found (ctx);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN,
                   _("“%s” has no column for the %s (field %s). Columns found: %s. If one "
                     "of them holds it under another name, map it to that field."),
                   ctx->name, missing->str, missing_names->str, list);
      return;
    }
  /* Desa and kecamatan: without them participants are stored without the areas that
   * ceremonies, stacks and reports go by, which nobody notices until the ceremony. */
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    if (ctx->column[f] < 0 && serah_import_field_needed (f) && !ctx->mapped_absent[f] &&
        !serah_import_area_can_fill (ctx, f))
      {
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "",
                                serah_import_field_label (f));
        g_string_append_printf (missing_names, "%s%s", missing_names->len ? ", " : "",
                                serah_import_field_name (f));
      }
  if (missing->len > 0)
    {
      g_autofree char *list = headers_found (ctx);
      g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN,
                   _("“%s” has no column for the %s (field %s), which ceremonies, card stacks "
                     "and reports go by. Columns found: %s. Map the column that holds it "
                     "(FIELD=HEADER), or map it to nothing (FIELD=) if the list really has "
                     "none and participants keep what the database holds."),
                   ctx->name, missing->str, missing_names->str, list);
      return;
    }
  {
    g_autoptr(GString) absent = g_string_new (NULL);

    for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
      if (ctx->column[f] < 0)
        g_string_append_printf (absent, "%s%s", absent->len ? ", " : "",
                                serah_import_field_label (f));
    ctx->partial = absent->len > 0;
    /* The sex clause only when it is the sex that is missing: a Dinsos list with KDJK and
     * no faskes was told its sex would come from the NIK. */
    if (ctx->partial && ctx->column[SERAH_FIELD_SEX] < 0)
      serah_import_add_problem (ctx, line, -1, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL,
                                _("The file has no column for: %s. Participants already in the "
                                  "database keep theirs; without a sex column the sex is read from "
                                  "the NIK."), absent->str);
    else if (ctx->partial)
      serah_import_add_problem (ctx, line, -1, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL,
                                _("The file has no column for: %s. Participants already in the "
                                  "database keep theirs."), absent->str);
  }

  if (ctx->areas == NULL)
    serah_import_add_problem (ctx, line, -1, "areas-unavailable", SERAH_IMPORT_SEVERITY_WARNING,
                              NULL,
                              _("Desa and kecamatan were stored as written, without checking "
                                "them against the area codes: %s"),
                              ctx->areas_error ? ctx->areas_error : "?");
  ctx->have_header = TRUE;
}

static void
on_field (void *s, size_t len, void *data)
{
  SerahImportContext *ctx = data;
  GString *cell;

  if (ctx->n_cells >= SERAH_IMPORT_MAX_CELLS)
    {
      ctx->n_dropped_cells++;
      return;
    }
  if (ctx->n_cells == ctx->cells->len)
    g_ptr_array_add (ctx->cells, g_string_sized_new (32));
  cell = ctx->cells->pdata[ctx->n_cells++];
  g_string_truncate (cell, 0);
  if (s != NULL && len > 0)
    {
      g_string_append_len (cell, s, (gssize) len);
      if (memchr (s, '\0', len) != NULL)
        ctx->has_nul = TRUE;
    }
}

static gboolean
record_is_blank (SerahImportContext *ctx)
{
  for (guint i = 0; i < ctx->n_cells; i++)
    {
      GString *cell = ctx->cells->pdata[i];
      for (gsize j = 0; j < cell->len; j++)
        if (!g_ascii_isspace (cell->str[j]))
          return FALSE;
    }
  return TRUE;
}

static void
on_record (int terminator, void *data)
{
  serah_import_take_record (data);
}

void
serah_import_take_record (SerahImportContext *ctx)
{
  gint64 index = ctx->n_records++;

  if (ctx->reader_error == NULL)
    {
      if (ctx->have_header)
        {
          /* ";;;;" lines: rows a spreadsheet formatted but left empty. */
          if (!record_is_blank (ctx))
            serah_import_process_row (ctx);
          /* A batch goes to the writer after so many rows, and after so many problems too: a
           * list whose every row is rejected would otherwise hand the writer one batch of a
           * million problems at its end (950 MB, issue #10). */
          if (ctx->batch != NULL && ctx->batch->problems->len >= BATCH_PROBLEMS)
            serah_import_queue_batch (ctx, FALSE);
        }
      else if (index < ctx->header_index)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          for (guint i = 0; i < ctx->n_cells && text->len < 200; i++)
            if (((GString *) ctx->cells->pdata[i])->len > 0)
              g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                      ((GString *) ctx->cells->pdata[i])->str);
          if (g_utf8_validate_len (text->str, text->len, NULL) && text->len > 0)
            serah_import_add_problem (ctx, ctx->record_line, -1, "title-line",
                                      SERAH_IMPORT_SEVERITY_INFO, text->str,
                                      _("Line above the header row; it was skipped."));
        }
      else
        accept_header (ctx);
    }
  ctx->n_cells = 0;
  ctx->n_dropped_cells = 0;
  ctx->has_nul = FALSE;
}

/* Feeds buf to libcsv one physical line at a time (a line ends with LF, CRLF or a lone CR)
 * so that, between lines, the parser's state says whether the next line starts a record. */
static void
feed (SerahImportContext *ctx, const char *buf, gsize len)
{
  /* The next CR from i on, NULL when there is none in the rest of buf: most files have none
   * (or one per line), so memchr finds the line ends instead of a test per byte. */
  const char *cr = memchr (buf, '\r', len);
  gsize start = 0;

  for (gsize i = 0; i < len && ctx->reader_error == NULL; i++)
    {
      const char *lf = memchr (buf + i, '\n', len - i);
      const char *end;
      char c;

      if (cr != NULL && cr < buf + i)
        cr = memchr (buf + i, '\r', len - i);
      end = cr != NULL && (lf == NULL || cr < lf) ? cr : lf;
      if (end == NULL)
        {
          ctx->prev_cr = FALSE;
          break;
        }
      if (end > buf + i)
        ctx->prev_cr = FALSE;
      i = (gsize) (end - buf);
      c = *end;
      if (c == '\n' && ctx->prev_cr)
        {
          ctx->prev_cr = FALSE;
          continue;
        }
      ctx->prev_cr = c == '\r';
      if (csv_parse (&ctx->parser, buf + start, i + 1 - start, on_field, on_record, ctx) !=
          i + 1 - start)
        break;
      start = i + 1;
      ctx->line++;
      if (ctx->parser.pstate == CSV_STATE_BETWEEN_RECORDS)
        ctx->record_line = ctx->line;
      else if (ctx->parser.entry_pos > MAX_FIELD_BYTES)
        {
          g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                       _("“%s”, line %lld: a quoted value runs on for more "
                         "than a megabyte; a quote is probably never closed. Fix the file and "
                         "import it again."),
                       ctx->name, (long long) ctx->record_line);
          return;
        }
    }
  if (start < len && ctx->reader_error == NULL)
    csv_parse (&ctx->parser, buf + start, len - start, on_field, on_record, ctx);
  if (csv_error (&ctx->parser) != CSV_SUCCESS && ctx->reader_error == NULL)
    g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                 _("Cannot read “%s”: %s"), ctx->name, csv_strerror (csv_error (&ctx->parser)));
}


SerahImportBatch *
serah_import_batch_new (void)
{
  SerahImportBatch *batch = g_new0 (SerahImportBatch, 1);

  batch->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_participant_free);
  batch->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  batch->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_problem_free);
  return batch;
}

void
serah_import_queue_batch (SerahImportContext *ctx, gboolean last)
{
  /* The writer gives a token back for every batch it has stored; past the first few, each
   * new batch waits for one. */
  if (ctx->batches_queued++ >= BATCHES_IN_FLIGHT)
    g_async_queue_pop (ctx->tokens);
  ctx->batch->last = last;
  ctx->batch->rows_read = ctx->reader_counts.rows;
  ctx->batch->bytes_read = ctx->done;
  g_async_queue_push (ctx->queue, ctx->batch);
  ctx->batch = last ? NULL : serah_import_batch_new ();
}

static gboolean
read_block (SerahImportContext *ctx)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_input_stream_read_all (ctx->stream, ctx->block, SERAH_IMPORT_BLOCK_SIZE,
                                &ctx->block_len, ctx->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                     _("The import of “%s” was cancelled; nothing was changed."), ctx->name);
      else
        g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                     _("Cannot read “%s”: %s"), ctx->name, local_error->message);
      return FALSE;
    }
  serah_import_hash_update (ctx->checksum, ctx->block, ctx->block_len);
  ctx->done += ctx->block_len;
  return TRUE;
}

gpointer
serah_import_reader_main (gpointer data)
{
  SerahImportContext *ctx = data;
  gboolean eof;

  ctx->batch = serah_import_batch_new ();
  csv_set_delim (&ctx->parser, (unsigned char) ctx->separator);

  /* The first block was read (and hashed) by serah_import_file to decide what the file is. */
  eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
  for (;;)
    {
      feed (ctx, (const char *) ctx->block + ctx->block_skip, ctx->block_len - ctx->block_skip);
      ctx->block_skip = 0;
      if (ctx->options != NULL && ctx->options->progress != NULL)
        ctx->options->progress (ctx->done, ctx->total, ctx->options->progress_data);
      if (ctx->reader_error != NULL || g_atomic_int_get (&ctx->stop))
        break;
      if (g_cancellable_is_cancelled (ctx->cancellable))
        {
          g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                       _("The import of “%s” was cancelled; nothing was changed."), ctx->name);
          break;
        }
      if (eof || !read_block (ctx))
        break;
      eof = ctx->block_len < SERAH_IMPORT_BLOCK_SIZE;
    }

  if (ctx->reader_error == NULL && !g_atomic_int_get (&ctx->stop))
    {
      ctx->unterminated = ctx->parser.pstate == CSV_STATE_FIELD_BEGUN && ctx->parser.quoted;
      csv_fini (&ctx->parser, on_field, on_record, ctx);
    }
  if (ctx->reader_error == NULL && !ctx->have_header && !g_atomic_int_get (&ctx->stop))
    /* Fewer records than the sniffed header position, e.g. only title lines. */
    g_set_error (&ctx->reader_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                 _("“%s” has no header row: none of its first lines names a known column "
                   "(such as NIK, NO_KARTU, NAMA)."),
                 ctx->name);
  ctx->sha256 = serah_import_hash_finish (ctx->checksum);
  serah_import_queue_batch (ctx, TRUE);
  return NULL;
}
