/* serah-import.c: CSV import of verified participant lists, streamed through libcsv.
 *
 * The file is read in 64 KiB blocks (never whole), hashed as it goes, and fed to libcsv one
 * physical line at a time so that every record knows the line it started on, quoted line
 * breaks included. The first block decides whether this is a CSV file at all and which
 * separator it uses; the header row opens the one transaction that holds the import row,
 * every participant written and every problem found. Any failure after that (I/O, the
 * store, a cancellation) rolls it all back. See serah-import.h for the rules. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "serah-import-private.h"
#include <serah/serah-audit.h>

G_DEFINE_QUARK (serah-import-error-quark, serah_import_error)

#define BLOCK_SIZE (64 * 1024)
/* A field this long means a quote was opened and never closed. */
#define MAX_FIELD_BYTES (1024 * 1024)
/* libcsv's pstate values (ROW_NOT_BEGUN, FIELD_BEGUN in libcsv.c): the struct is public in
 * csv.h, the names are not. Between records the parser is in state 0. */
#define CSV_STATE_BETWEEN_RECORDS 0
#define CSV_STATE_FIELD_BEGUN 2

const char *
serah_import_severity_to_string (SerahImportSeverity severity)
{
  switch (severity)
    {
    case SERAH_IMPORT_SEVERITY_ERROR:
      return "error";
    case SERAH_IMPORT_SEVERITY_WARNING:
      return "warning";
    case SERAH_IMPORT_SEVERITY_INFO:
    default:
      return "info";
    }
}

void
serah_import_problem_free (SerahImportProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->column);
  g_free (self->code);
  g_free (self->message);
  g_free (self->raw_value);
  g_free (self);
}

void
serah_import_report_free (SerahImportReport *self)
{
  if (self == NULL)
    return;
  g_free (self->counts.file_name);
  g_free (self->counts.sha256);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self);
}

static void
import_clear (SerahImportContext *ctx)
{
  csv_free (&ctx->parser);
  g_free (ctx->name);
  g_free (ctx->first_record);
  g_clear_pointer (&ctx->mappings, g_ptr_array_unref);
  g_clear_pointer (&ctx->cells, g_ptr_array_unref);
  g_clear_pointer (&ctx->headers, g_ptr_array_unref);
  g_clear_pointer (&ctx->seen_nik, g_hash_table_unref);
  g_clear_pointer (&ctx->seen_card, g_hash_table_unref);
  g_clear_error (&ctx->error);
  g_clear_pointer (&ctx->report, serah_import_report_free);
}

static gboolean
store_problem (SerahImportContext *ctx, const SerahImportProblem *p)
{
  g_autoptr(GError) local_error = NULL;

  if (serah_store_add_import_problem (ctx->store, ctx->report->counts.id, p->line, p->column,
                                      p->code, serah_import_severity_to_string (p->severity),
                                      p->message, p->raw_value, &local_error))
    return TRUE;
  g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_STORE, "%s",
               local_error->message);
  return FALSE;
}

/* Records a problem in the report and, once the import row exists, in the store. Problems
 * found before the header (title lines) are stored when the header opens the import. */
void
serah_import_add_problem (SerahImportContext *ctx, gint64 line, int column, const char *code,
             SerahImportSeverity severity, const char *raw_value, const char *format, ...)
{
  SerahImportProblem *p = g_new0 (SerahImportProblem, 1);
  va_list args;

  p->line = line;
  if (column >= 0 && ctx->headers != NULL && (guint) column < ctx->headers->len)
    p->column = g_strdup (ctx->headers->pdata[column]);
  p->code = g_strdup (code);
  p->severity = severity;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  p->raw_value = raw_value && *raw_value ? g_strdup (raw_value) : NULL;
  g_ptr_array_add (ctx->report->problems, p);
  if (severity == SERAH_IMPORT_SEVERITY_WARNING)
    ctx->report->counts.warnings++;
  if (ctx->report->counts.id > 0 && ctx->error == NULL)
    store_problem (ctx, p);
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

char *
serah_import_dup_or_null (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
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

static gboolean
begin_import (SerahImportContext *ctx)
{
  g_autoptr(GError) local_error = NULL;
  SerahImportRecord *counts = &ctx->report->counts;

  if (!serah_store_begin (ctx->store, &local_error))
    goto fail;
  ctx->in_transaction = TRUE;
  /* The file's hash is known at the end; finish_import writes it. */
  counts->id = serah_store_insert_import (ctx->store, counts->file_name, "", &local_error);
  if (counts->id <= 0)
    goto fail;
  for (guint i = 0; i < ctx->report->problems->len; i++)
    if (!store_problem (ctx, ctx->report->problems->pdata[i]))
      return FALSE;
  return TRUE;

fail:
  g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_STORE, "%s",
               local_error->message);
  return FALSE;
}

/* Maps columns to fields (--map first, then synonyms), refuses a file that lacks a
 * required column, then opens the transaction. */
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
          g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING,
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
        serah_import_add_problem (ctx, line, (int) i, "unknown-column", SERAH_IMPORT_SEVERITY_INFO, NULL,
                     _("Column “%s” is not a participant field; it was ignored."), h);
      else if (ctx->column[f] < 0)
        {
          ctx->column[f] = (int) i;
          recognised++;
        }
      else
        serah_import_add_problem (ctx, line, (int) i, "duplicate-column", SERAH_IMPORT_SEVERITY_WARNING, NULL,
                     _("Column “%s” also holds the %s, which is read from column “%s”; "
                       "it was ignored."),
                     h, serah_import_field_label (f), (const char *) ctx->headers->pdata[ctx->column[f]]);
    }

  if (recognised == 0)
    {
      g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” has no header row: none of its first lines names a known column "
                     "(such as NIK, NO_KARTU, NAMA). The first line holds: %s. Add a line of "
                     "column names at the top, or map the columns."),
                   ctx->name, ctx->first_record ? ctx->first_record : "");
      return;
    }

  for (int f = 0; f < SERAH_N_FIELDS; f++)
    if (ctx->column[f] < 0 && serah_import_field_required (f))
      {
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", serah_import_field_label (f));
        g_string_append_printf (missing_names, "%s%s", missing_names->len ? ", " : "",
                                serah_import_field_name (f));
      }
  if (missing->len > 0)
    {
      g_autofree char *list = headers_found (ctx);
      g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN,
                   _("“%s” has no column for the %s (field %s). Columns found: %s. If one "
                     "of them holds it under another name, map it to that field."),
                   ctx->name, missing->str, missing_names->str, list);
      return;
    }
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    {
      if (ctx->column[f] >= 0)
        continue;
      ctx->partial = TRUE;
      if (f == SERAH_FIELD_SEX)
        serah_import_add_problem (ctx, line, -1, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL,
                     _("No sex column: sex is kept from the database or read from the NIK."));
      else
        serah_import_add_problem (ctx, line, -1, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL,
                     _("No %s column: participants already in the database keep theirs."),
                     serah_import_field_label (f));
    }

  ctx->have_header = TRUE;
  begin_import (ctx);
}

/* ---- libcsv callbacks and the line-aware feeder ---- */

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
  SerahImportContext *ctx = data;
  gint64 index = ctx->n_records++;

  if (ctx->error == NULL)
    {
      if (ctx->have_header)
        {
          /* ";;;;" lines: rows a spreadsheet formatted but left empty. */
          if (!record_is_blank (ctx))
            serah_import_process_row (ctx);
        }
      else if (index < ctx->header_index)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          for (guint i = 0; i < ctx->n_cells && text->len < 200; i++)
            if (((GString *) ctx->cells->pdata[i])->len > 0)
              g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                      ((GString *) ctx->cells->pdata[i])->str);
          if (g_utf8_validate_len (text->str, text->len, NULL))
            serah_import_add_problem (ctx, ctx->record_line, -1, "title-line", SERAH_IMPORT_SEVERITY_INFO,
                         text->str, _("Line above the header row; it was skipped."));
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
  gsize start = 0;

  for (gsize i = 0; i < len && ctx->error == NULL; i++)
    {
      char c = buf[i];

      if (c != '\n' && c != '\r')
        {
          ctx->prev_cr = FALSE;
          continue;
        }
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
          g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                       _("“%s”, line %lld: a quoted value runs on for more "
                         "than a megabyte; a quote is probably never closed. Fix the file and "
                         "import it again."),
                       ctx->name, (long long) ctx->record_line);
          return;
        }
    }
  if (start < len && ctx->error == NULL)
    csv_parse (&ctx->parser, buf + start, len - start, on_field, on_record, ctx);
  if (csv_error (&ctx->parser) != CSV_SUCCESS && ctx->error == NULL)
    g_set_error (&ctx->error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                 _("Cannot read “%s”: %s"), ctx->name, csv_strerror (csv_error (&ctx->parser)));
}


static gboolean
fail_import (SerahImportContext *ctx, GError *error_in, GError **error)
{
  if (ctx->in_transaction)
    serah_store_rollback (ctx->store);
  ctx->in_transaction = FALSE;
  g_propagate_error (error, error_in);
  return FALSE;
}

static gboolean
run_import (SerahImportContext *ctx, GInputStream *stream, goffset total, const SerahImportOptions *options,
            GError **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *buf = g_malloc (BLOCK_SIZE);
  GError *local_error = NULL;
  gsize len = 0, skip = 0;
  goffset done = 0;
  gboolean eof = FALSE;

  if (!g_input_stream_read_all (stream, buf, BLOCK_SIZE, &len, ctx->cancellable, &local_error))
    goto read_failed;
  g_checksum_update (checksum, buf, len);
  done = len;
  eof = len < BLOCK_SIZE;

  if (len >= 3 && memcmp (buf, "\xef\xbb\xbf", 3) == 0)
    ctx->report->had_bom = TRUE, skip = 3;
  {
    gsize j = skip;
    while (j < len && g_ascii_isspace (buf[j]))
      j++;
    if (j == len && eof)
      {
        g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                     _("“%s” is empty: there is nothing to import."), ctx->name);
        return FALSE;
      }
  }
  if (!serah_import_check_is_text (buf + skip, len - skip, ctx->name, error))
    return FALSE;

  serah_import_sniff ((const char *) buf + skip, len - skip, ctx->mappings,
                   &ctx->report->separator, &ctx->header_index, &ctx->header_score,
                   &ctx->first_record);
  csv_set_delim (&ctx->parser, (unsigned char) ctx->report->separator);

  for (;;)
    {
      feed (ctx, (const char *) buf + skip, len - skip);
      skip = 0;
      if (options && options->progress)
        options->progress (done, total, options->progress_data);
      if (ctx->error != NULL)
        return fail_import (ctx, g_steal_pointer (&ctx->error), error);
      if (g_cancellable_is_cancelled (ctx->cancellable))
        {
          g_set_error (&local_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                       _("The import of “%s” was cancelled; nothing was changed."), ctx->name);
          return fail_import (ctx, local_error, error);
        }
      if (eof)
        break;
      if (!g_input_stream_read_all (stream, buf, BLOCK_SIZE, &len, ctx->cancellable, &local_error))
        goto read_failed;
      g_checksum_update (checksum, buf, len);
      done += len;
      eof = len < BLOCK_SIZE;
    }

  ctx->unterminated = ctx->parser.pstate == CSV_STATE_FIELD_BEGUN && ctx->parser.quoted;
  csv_fini (&ctx->parser, on_field, on_record, ctx);
  if (ctx->error != NULL)
    return fail_import (ctx, g_steal_pointer (&ctx->error), error);
  if (!ctx->have_header)
    {
      /* Fewer records than the sniffed header position, e.g. only title lines. */
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” has no header row: none of its first lines names a known column "
                     "(such as NIK, NO_KARTU, NAMA)."),
                   ctx->name);
      return FALSE;
    }

  ctx->report->counts.sha256 = g_strdup (g_checksum_get_string (checksum));
  if (!serah_store_finish_import (ctx->store, &ctx->report->counts, &local_error) ||
      !serah_audit_record_import (ctx->store, options ? options->operator_name : NULL,
                                  &ctx->report->counts, &local_error) ||
      !serah_store_commit (ctx->store, &local_error))
    {
      GError *wrapped = g_error_new (SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_STORE,
                                     _("Cannot save the import of “%s”: %s"), ctx->name,
                                     local_error->message);
      g_error_free (local_error);
      return fail_import (ctx, wrapped, error);
    }
  return TRUE;

read_failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&local_error);
      g_set_error (&local_error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED,
                   _("The import of “%s” was cancelled; nothing was changed."), ctx->name);
    }
  else
    {
      GError *wrapped = g_error_new (SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                                     _("Cannot read “%s”: %s"), ctx->name, local_error->message);
      g_error_free (local_error);
      local_error = wrapped;
    }
  return fail_import (ctx, local_error, error);
}

static void
free_gstring (gpointer s)
{
  g_string_free (s, TRUE);
}

SerahImportReport *
serah_import_file (SerahStore               *store,
                   const char               *path,
                   const SerahImportOptions *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  SerahImportContext ctx = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  SerahImportReport *report = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.store = store;
  ctx.cancellable = cancellable;
  ctx.name = g_filename_display_basename (path);
  ctx.report = g_new0 (SerahImportReport, 1);
  ctx.report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_problem_free);
  ctx.report->counts.file_name = g_strdup (ctx.name);
  ctx.cells = g_ptr_array_new_with_free_func (free_gstring);
  ctx.seen_nik = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  ctx.seen_card = g_hash_table_new (g_int64_hash, g_int64_equal);
  ctx.line = ctx.record_line = 1;
  g_strlcpy (ctx.today, today, sizeof ctx.today);
  csv_init (&ctx.parser, 0);

  ctx.mappings = serah_import_parse_mappings (options ? options->mappings : NULL, error);
  if (ctx.mappings == NULL)
    goto out;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SERAH_IMPORT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                     ? SERAH_IMPORT_ERROR_CANCELLED : SERAH_IMPORT_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), ctx.name, local_error->message);
      goto out;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                         NULL);

  if (run_import (&ctx, G_INPUT_STREAM (stream), info ? g_file_info_get_size (info) : -1,
                  options, error))
    report = g_steal_pointer (&ctx.report);

out:
  import_clear (&ctx);
  return report;
}
