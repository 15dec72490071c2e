/* serah-import.c: CSV import of verified participant lists: the entry point and the writer.
 *
 * serah_import_file reads the first 64 KiB block itself to refuse what is not CSV and to
 * find the separator and the header, then starts the reader (serah-import-read.c) on the
 * rest and becomes the writer: for each batch of checked rows it records the problems and
 * upserts the participants, all inside one transaction that the first batch opens and the
 * last commits. A file refused as a whole never opens it; any failure after (I/O, the
 * store, a cancellation) rolls it back, so the database is as it was. See serah-import.h
 * for the rules a row must meet. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <errno.h>
#include <malloc.h>
#include <unistd.h>
#endif

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "register/serah-store-card-change-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "register/serah-import-private.h"
#include <serah/admin/serah-audit.h>
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

G_DEFINE_QUARK (serah-import-error-quark, serah_import_error)

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
  g_strfreev (self->row);
  g_free (self);
}

void
serah_import_column_free (SerahImportColumn *self)
{
  if (self == NULL)
    return;
  g_free (self->header);
  g_free (self->letter);
  g_free (self);
}

guint
serah_import_report_unlisted_count (const SerahImportReport *report, const char *code)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);
  g_return_val_if_fail (code != NULL, 0);

  if (report->notes_not_listed_by_code != NULL)
    n += GPOINTER_TO_UINT (g_hash_table_lookup (report->notes_not_listed_by_code, code));
  if (report->errors_not_listed_by_code != NULL)
    n += GPOINTER_TO_UINT (g_hash_table_lookup (report->errors_not_listed_by_code, code));
  return n;
}

static gint
compare_code_counts (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const SerahImportReport *report = user_data;
  const char *ca = *(const char *const *) a, *cb = *(const char *const *) b;
  guint na = serah_import_report_unlisted_count (report, ca);
  guint nb = serah_import_report_unlisted_count (report, cb);

  if (na != nb)
    return na > nb ? -1 : 1;
  return strcmp (ca, cb);
}

const char **
serah_import_report_unlisted_codes (const SerahImportReport *report, guint *n_codes)
{
  GHashTable *tables[2];
  GPtrArray *codes;

  g_return_val_if_fail (report != NULL, NULL);

  tables[0] = report->errors_not_listed_by_code;
  tables[1] = report->notes_not_listed_by_code;
  codes = g_ptr_array_new ();
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      gpointer code;

      if (tables[t] == NULL)
        continue;
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &code, NULL))
        if (t == 0 || report->errors_not_listed_by_code == NULL ||
            !g_hash_table_contains (report->errors_not_listed_by_code, code))
          g_ptr_array_add (codes, code);
    }
  g_ptr_array_sort_with_data (codes, compare_code_counts, (gpointer) report);
  if (n_codes != NULL)
    *n_codes = codes->len;
  g_ptr_array_add (codes, NULL);
  return (const char **) g_ptr_array_free (codes, FALSE);
}

void
serah_import_report_free (SerahImportReport *self)
{
  if (self == NULL)
    return;
  g_free (self->counts.file_name);
  g_free (self->counts.sha256);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->notes_not_listed_by_code, g_hash_table_unref);
  g_clear_pointer (&self->errors_not_listed_by_code, g_hash_table_unref);
  g_clear_pointer (&self->rejects_spill, fclose);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->sample, g_ptr_array_unref);
  g_free (self->format);
  g_free (self->sheet);
  g_clear_error (&self->refusal);
  g_free (self);
}

gboolean
serah_import_report_stored_nothing (const SerahImportReport *report)
{
  const SerahImportRecord *c;

  g_return_val_if_fail (report != NULL, FALSE);
  c = &report->counts;
  return c->rows > 0 && c->imported + c->updated + c->unchanged == 0 && c->rejected > 0;
}

void
serah_import_batch_free (SerahImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->rows);
  g_array_unref (batch->lines);
  g_ptr_array_unref (batch->problems);
  g_free (batch);
}

SerahImportProblem *
serah_import_problem_new (SerahImportContext *ctx, gint64 line, int column, const char *code,
                          SerahImportSeverity severity, const char *raw_value,
                          const char *format, va_list args)
{
  SerahImportProblem *p = g_new0 (SerahImportProblem, 1);

  p->line = line;
  /* A spreadsheet names its columns by letter, as the program shows them. */
  if (column >= 0 && ctx->is_sheet)
    p->column = serah_import_column_letter (column);
  else if (column >= 0 && ctx->headers != NULL && (guint) column < ctx->headers->len)
    p->column = g_strdup (ctx->headers->pdata[column]);
  p->code = g_strdup (code);
  p->severity = severity;
  p->message = g_strdup_vprintf (format, args);
  p->raw_value = raw_value && *raw_value ? g_strdup (raw_value) : NULL;
  return p;
}

/* ---- the writer ---- */

/* One more problem of code not listed in the report, counted in by_code. */
static void
count_not_listed (GHashTable **by_code, const char *code)
{
  gpointer n;

  if (*by_code == NULL)
    *by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = g_hash_table_lookup (*by_code, code);
  g_hash_table_insert (*by_code, g_strdup (code), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
}

/* Takes p into the report and the store.
 *
 * A damaged list of a million rows brought 280 000 warnings, 260 MB of them in memory, and a
 * list whose every NIK a spreadsheet spoiled rejects every row: 950 MB (issue #10). Every
 * problem is stored with the import; the report lists the first SERAH_IMPORT_NOTES_LISTED
 * warnings and notes of rows and the first SERAH_IMPORT_ERRORS_LISTED errors, and counts the
 * rest by code. Each error of a row also goes to the batch's rejects, which flush_rejects
 * writes to the report's spill in line order: the rejects file has every rejected row. */
static gboolean
record_problem (SerahImportContext *ctx, SerahImportProblem *p, GError **error)
{
  SerahImportReport *report = ctx->report;
  gboolean error_row = p->severity == SERAH_IMPORT_SEVERITY_ERROR && p->line > 0;
  gboolean ok;

  if (p->severity == SERAH_IMPORT_SEVERITY_WARNING)
    report->counts.warnings++;
  ok = serah_store_add_import_problem (ctx->store, report->counts.id, p->line, p->column,
                                       p->code, serah_import_severity_to_string (p->severity),
                                       p->message, p->raw_value, error);
  if (error_row)
    {
      g_ptr_array_add (ctx->batch_rejects, p);
      if (ctx->errors_listed < SERAH_IMPORT_ERRORS_LISTED)
        {
          ctx->errors_listed++;
          g_ptr_array_add (report->problems, p);
        }
      else
        {
          /* Freed once written to the spill. */
          g_ptr_array_add (ctx->batch_rejects_owned, p);
          count_not_listed (&report->errors_not_listed_by_code, p->code);
          report->errors_not_listed++;
        }
      return ok;
    }
  if (p->line > 0 && ctx->notes_listed >= SERAH_IMPORT_NOTES_LISTED)
    {
      count_not_listed (&report->notes_not_listed_by_code, p->code);
      report->notes_not_listed++;
      serah_import_problem_free (p);
      return ok;
    }
  if (p->line > 0)
    ctx->notes_listed++;
  g_ptr_array_add (report->problems, p);
  return ok;
}

static int
compare_problem_lines (gconstpointer a, gconstpointer b)
{
  const SerahImportProblem *pa = *(SerahImportProblem *const *) a;
  const SerahImportProblem *pb = *(SerahImportProblem *const *) b;
  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

/* The spill of rejected rows: a file in the temporary folder ($TMPDIR, else /tmp), created
 * owner-only (it holds full NIKs) and unlinked at once, so it has no name and goes with the
 * process whatever stops it. */
static FILE *
open_spill (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  FILE *spill;
  int fd;

  fd = g_file_open_tmp ("serah-rejects-XXXXXX", &name, &local_error);
  if (fd < 0)
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Cannot keep the rejected rows in a temporary file: %s"),
                   local_error->message);
      return NULL;
    }
  g_unlink (name);
  spill = fdopen (fd, "w+");
  if (spill == NULL)
    {
      int saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot keep the rejected rows in a temporary file: %s"),
                   g_strerror (saved));
    }
  return spill;
}

/* The batch's rejected rows to the spill, in line order (the batch's conflicts with the
 * database come after the reader's rejects of the same lines; g_ptr_array_sort is stable,
 * so one line's problems keep their order), then the unlisted ones freed. */
static gboolean
flush_rejects (SerahImportContext *ctx, GError **error)
{
  SerahImportReport *report = ctx->report;
  g_autoptr(GString) records = NULL;
  gboolean ok = TRUE;

  if (ctx->batch_rejects->len == 0)
    return TRUE;
  if (report->rejects_spill == NULL)
    {
      report->rejects_spill = open_spill (error);
      ok = report->rejects_spill != NULL;
    }
  if (ok)
    {
      g_ptr_array_sort (ctx->batch_rejects, compare_problem_lines);
      records = g_string_new (NULL);
      serah_import_append_reject_records (records,
                                          (SerahImportProblem *const *) ctx->batch_rejects->pdata,
                                          ctx->batch_rejects->len,
                                          report->separator ? report->separator : ',',
                                          &report->rejects_spill_rows);
      if (fwrite (records->str, 1, records->len, report->rejects_spill) != records->len)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot keep the rejected rows in a temporary file: %s"),
                       g_strerror (saved));
          ok = FALSE;
        }
    }
  g_ptr_array_set_size (ctx->batch_rejects, 0);
  g_ptr_array_set_size (ctx->batch_rejects_owned, 0); /* frees them */
  return ok;
}

static gboolean add_problem (SerahImportContext *ctx, const SerahParticipant *participant,
                             gint64 line, int column, const char *code, const char *raw_value,
                             GError **error, const char *format, ...) G_GNUC_PRINTF (8, 9);

/* The row a participant came from, rebuilt in the file's columns: the writer no longer has
 * the cells (the reader moved on), and columns that are no field stay empty. */
static char **
row_of_participant (SerahImportContext *ctx, const SerahParticipant *participant)
{
  guint n = ctx->headers ? ctx->headers->len : 0;
  char **row = g_new0 (char *, n + 1);
  char care_text[4] = "";
  const char *care = care_text;

  if (participant->care_class > 0)
    g_snprintf (care_text, sizeof care_text, "%d", participant->care_class);
  for (guint i = 0; i < n; i++)
    row[i] = g_strdup ("");
#define PUT(field, value) \
  if (ctx->column[field] >= 0 && (guint) ctx->column[field] < n) \
    g_free (row[ctx->column[field]]), row[ctx->column[field]] = g_strdup ((value) ? (value) : "")
  PUT (SERAH_FIELD_NIK, participant->nik);
  PUT (SERAH_FIELD_CARD_NO, participant->card_no);
  PUT (SERAH_FIELD_NAME, participant->name);
  PUT (SERAH_FIELD_SEX, participant->sex != SERAH_SEX_UNKNOWN
                          ? serah_sex_to_string (participant->sex) : "");
  PUT (SERAH_FIELD_BIRTH_DATE, participant->birth_date);
  PUT (SERAH_FIELD_ADDRESS, participant->address);
  PUT (SERAH_FIELD_DESA, participant->desa);
  PUT (SERAH_FIELD_KECAMATAN, participant->kecamatan);
  PUT (SERAH_FIELD_FASKES, participant->faskes);
  PUT (SERAH_FIELD_CARE_CLASS, care);
#undef PUT
  return row;
}

/* An error the writer finds (the database's side of a row). */
static gboolean
add_problem (SerahImportContext *ctx, const SerahParticipant *participant, gint64 line,
             int column, const char *code, const char *raw_value, GError **error,
             const char *format, ...)
{
  SerahImportProblem *p;
  va_list args;

  va_start (args, format);
  p = serah_import_problem_new (ctx, line, column, code, SERAH_IMPORT_SEVERITY_ERROR, raw_value,
                                format, args);
  va_end (args);
  p->row = row_of_participant (ctx, participant);
  ctx->report->counts.rejected++;
  return record_problem (ctx, p, error);
}

/* How many rows the whole file holds, from the first batch: its rows over the bytes read
 * for them (a block more than they took), scaled to the file's size. */
static gint64
estimate_rows (SerahImportContext *ctx, const SerahImportBatch *first)
{
  if (first->last || ctx->total <= 0 || first->bytes_read <= 0)
    return first->rows_read;
  return (gint64) ((double) first->rows_read * (double) ctx->total / (double) first->bytes_read);
}

/* ---- slices ----
 *
 * A list of a million rows is not written in one transaction: the write lock would be held
 * for the whole import (a scan at the ceremony desk would wait tens of seconds, issue 17),
 * and the WAL would grow to the size of the whole list. It is committed in slices of at most
 * SLICE_ROWS rows, and at once (after the batch being written, or while the writer waits
 * for the reader) when another connection waits for the lock (serah_store_writer_waiting);
 * between two
 * slices the writer leaves the lock free for SLICE_GAP_USEC, long enough for the waiting
 * handover (whose busy handler polls every millisecond or two, serah-store.c) to take it.
 * Why not short slices always: each commit rewrites every index page its slice touched, and
 * a slice of random NIKs touches most pages of the NIK and area indexes; at a million rows,
 * slices of 16 384 rows made the import twice as slow (54 s CPU against 24 s), and a time
 * limit of 10 s of writing (many slices on a loaded machine) 34 s against 28.5 s.
 *
 * Each slice is whole: its participants, its problems, the card numbers it changed with the
 * printed cards they void, its search-index rows and the import's counts so far are committed
 * together. The import's record stays without finished_at until the last slice, so a crash,
 * a cancellation or an error half way leaves the slices before it, honestly recorded as an
 * incomplete import; importing the same file again finds those rows unchanged and finishes
 * the rest (app/core/register/OVERVIEW.md). Dry runs and previews are one transaction that
 * is rolled back, as before. */
#define SLICE_ROWS (256 * 1024)
#define SLICE_GAP_USEC (5 * 1000)

/* SERAH_IMPORT_SLICE_ROWS (digits only) sets the slice in rows and stops slices ending for
 * a waiting connection, so that a test knows where an import can stop whatever else runs. */
static gint64
slice_rows (gboolean *for_waiters)
{
  const char *text = g_getenv ("SERAH_IMPORT_SLICE_ROWS");
  guint64 value;

  *for_waiters = TRUE;
  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL))
    {
      *for_waiters = FALSE;
      return (gint64) value;
    }
  return SLICE_ROWS;
}

/* Opens a slice: the transaction, the card-change watch and the bulk. */
static gboolean
begin_slice (SerahImportContext *ctx, gint64 expected_rows, GError **error)
{
  if (!serah_store_begin (ctx->store, error))
    return FALSE;
  ctx->in_transaction = TRUE;
  ctx->slice_started = g_get_monotonic_time ();
  ctx->slice_rows = 0;
  return serah_store_begin_card_change_watch (ctx->store,
                                              ctx->options && ctx->options->confirm_card_changes,
                                              error) &&
         serah_store_begin_participant_bulk (ctx->store, expected_rows, ctx->slices > 0, error);
}

static gboolean
begin_import (SerahImportContext *ctx, const SerahImportBatch *first, GError **error)
{
  SerahImportRecord *counts = &ctx->report->counts;
  gint64 expected = estimate_rows (ctx, first);

  ctx->slice_limit = slice_rows (&ctx->slice_for_waiters);
  if (ctx->report->dry_run)
    ctx->slice_limit = G_MAXINT64, ctx->slice_for_waiters = FALSE;
  if (!begin_slice (ctx, MIN (expected, ctx->slice_limit), error))
    return FALSE;

  /* The file's hash is known at the end; finish_import writes it. */
  counts->id = serah_store_insert_import (ctx->store, counts->file_name, "", error);
  return counts->id > 0;
}

/* Closes a slice that is not the last: what it changed is committed, with the counts so
 * far on the (still unfinished) import record; then the lock is left free for a moment. */
static gboolean
commit_slice (SerahImportContext *ctx, GError **error)
{
  SerahImportRecord *counts = &ctx->report->counts;
  guint changed = 0, voided = 0;
  gint64 t0 = g_get_monotonic_time (), t1, t2;

  if (!serah_store_pause_participant_bulk (ctx->store, error) ||
      !serah_store_end_card_change_watch (ctx->store, counts->id,
                                          ctx->options ? ctx->options->operator_name : NULL,
                                          &changed, &voided, error))
    return FALSE;
  ctx->report->cards_changed += changed;
  ctx->report->cards_voided += voided;
  counts->rows = counts->imported + counts->updated + counts->unchanged + counts->rejected;
  t1 = g_get_monotonic_time ();
  if (!serah_store_update_import_counts (ctx->store, counts, error) ||
      !serah_store_commit (ctx->store, error))
    return FALSE;
  t2 = g_get_monotonic_time ();
  g_debug ("slice %u: %" G_GINT64_FORMAT " rows in %.3f s; ending it %.3f s, commit %.3f s",
           ctx->slices + 1, ctx->slice_rows, (t0 - ctx->slice_started) / 1e6, (t1 - t0) / 1e6,
           (t2 - t1) / 1e6);
  ctx->in_transaction = FALSE;
  ctx->slices++;
  ctx->saved_rows = counts->imported + counts->updated + counts->unchanged;
  ctx->saved_counts = *counts;
  g_usleep (SLICE_GAP_USEC);
  return begin_slice (ctx, ctx->slice_limit, error);
}

/* An import that stopped after some slices were committed: the message says so, and how
 * to finish it, instead of "nothing was changed". Keeps the error's domain and code. */
static void
say_what_was_saved (SerahImportContext *ctx, GError **error)
{
  GError *e = *error;
  char *message;
  g_autoptr(GError) audit_error = NULL;

  /* The committed slices changed the register: the audit log says so, with what they saved
   * (best effort: the failure may be the disk itself). A killed import leaves its unfinished
   * record in imports, not here. */
  if (serah_store_begin (ctx->store, &audit_error))
    {
      /* The indexes the first slice dropped are built again now (issue #10), not left for the
       * next open. */
      if (serah_store_end_participant_bulk (ctx->store, &audit_error) &&
          serah_audit_record_import (ctx->store, ctx->options ? ctx->options->operator_name : NULL,
                                     &ctx->saved_counts, &audit_error))
        serah_store_commit (ctx->store, &audit_error);
      else
        serah_store_rollback (ctx->store);
    }
  if (audit_error != NULL)
    g_warning ("The unfinished import %" G_GINT64_FORMAT " is not in the audit log: %s",
               ctx->saved_counts.id, audit_error->message);

  if (g_error_matches (e, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED))
    message = g_strdup_printf (_("The import of “%s” was cancelled after %lld rows were saved; "
                                 "it is recorded as incomplete. Import the same file again to "
                                 "finish it (the rows saved are found unchanged)."),
                               ctx->name, (long long) ctx->saved_rows);
  else
    message = g_strdup_printf (_("%s The import stopped after %lld rows were saved and is "
                                 "recorded as incomplete; once the problem is fixed, import the "
                                 "same file again to finish it (the rows saved are found "
                                 "unchanged)."),
                               e->message, (long long) ctx->saved_rows);
  g_free (e->message);
  e->message = message;
}

/* After a batch: is the slice full? */
static gboolean
slice_full (SerahImportContext *ctx)
{
  return ctx->slice_rows >= ctx->slice_limit ||
         (ctx->slice_for_waiters && serah_store_writer_waiting (ctx->store, ctx->slice_started));
}

/* Columns the file does not have keep what the database holds for the NIK; with no sex
 * column, the NIK tells the sex of someone new. FALSE (and *reject) when nothing does. */
static gboolean
fill_absent_fields (SerahImportContext *ctx, SerahParticipant *p, gboolean *reject,
                    GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahParticipant) existing = serah_store_find_participant_by_nik (ctx->store, p->nik,
                                                                              &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
#define KEEP(field, member) \
  if (ctx->column[field] < 0) \
    g_free (p->member), p->member = g_steal_pointer (&existing->member)
      KEEP (SERAH_FIELD_ADDRESS, address);
      KEEP (SERAH_FIELD_DESA, desa);
      KEEP (SERAH_FIELD_KECAMATAN, kecamatan);
      KEEP (SERAH_FIELD_FASKES, faskes);
#undef KEEP
      if (ctx->column[SERAH_FIELD_SEX] < 0)
        p->sex = existing->sex;
      if (ctx->column[SERAH_FIELD_BIRTH_DATE] < 0)
        memcpy (p->birth_date, existing->birth_date, sizeof p->birth_date);
      if (ctx->column[SERAH_FIELD_CARE_CLASS] < 0)
        p->care_class = existing->care_class;
    }
  *reject = p->sex == SERAH_SEX_UNKNOWN;
  return TRUE;
}

static gboolean write_batch_rows (SerahImportContext *ctx, SerahImportBatch *batch,
                                  GError **error);

/* A batch's rows and problems, then its rejected rows to the spill (even when writing
 * failed: the rejects of a list cancelled half way are those of what it read). */
static gboolean
write_batch (SerahImportContext *ctx, SerahImportBatch *batch, GError **error)
{
  g_autoptr(GError) spill_error = NULL;
  gboolean ok = write_batch_rows (ctx, batch, error);

  if (!flush_rejects (ctx, ok ? error : &spill_error))
    return FALSE;
  return ok;
}

static gboolean
write_batch_rows (SerahImportContext *ctx, SerahImportBatch *batch, GError **error)
{
  SerahImportRecord *counts = &ctx->report->counts;
  guint n = batch->rows->len;
  g_autofree SerahUpsertResult *results = g_new0 (SerahUpsertResult, MAX (n, 1));
  g_autofree SerahParticipant **holders = g_new0 (SerahParticipant *, MAX (n, 1));
  gboolean ok = TRUE;

  for (guint i = 0; i < batch->problems->len; i++)
    if (!record_problem (ctx, g_steal_pointer (&batch->problems->pdata[i]), error))
      return FALSE;

  if (ctx->partial)
    for (guint i = 0; i < batch->rows->len; i++)
      {
        SerahParticipant *p = batch->rows->pdata[i];
        gint64 line = g_array_index (batch->lines, gint64, i);
        gboolean reject = FALSE;

        if (!fill_absent_fields (ctx, p, &reject, error))
          return FALSE;
        if (!reject)
          continue;
        if (!add_problem (ctx, p, line, ctx->column[SERAH_FIELD_NIK], "sex-missing", p->nik, error,
                          _("The file has no sex column and the NIK does not tell the sex.")))
          return FALSE;
        g_ptr_array_remove_index (batch->rows, i);
        g_array_remove_index (batch->lines, i);
        i--;
      }
  n = batch->rows->len;
  ctx->slice_rows += n;
  if (n == 0)
    return TRUE;
  for (guint i = 0; ctx->report->sample != NULL && i < n &&
                    ctx->report->sample->len < ctx->options->sample_rows; i++)
    g_ptr_array_add (ctx->report->sample, serah_participant_copy (batch->rows->pdata[i]));

  if (!serah_store_upsert_participants (ctx->store, (SerahParticipant *const *) batch->rows->pdata,
                                        n, counts->id, results, holders, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      SerahParticipant *p = batch->rows->pdata[i];
      g_autofree char *masked = NULL;

      switch (results[i])
        {
        case SERAH_UPSERT_INSERTED:
          counts->imported++;
          break;
        case SERAH_UPSERT_UPDATED:
          counts->updated++;
          break;
        case SERAH_UPSERT_UNCHANGED:
          counts->unchanged++;
          break;
        case SERAH_UPSERT_CARD_CONFLICT:
        default:
          /* No other holder of the card: the card-change watch refused a new number for
           * this NIK (serah-store-card-change.c). */
          if (holders[i] == NULL)
            {
              g_autoptr(SerahParticipant) now =
                serah_store_find_participant_by_nik (ctx->store, p->nik, NULL);
              counts->conflicts++;
              ok = ok && add_problem (ctx, p, g_array_index (batch->lines, gint64, i),
                                      ctx->column[SERAH_FIELD_CARD_NO], "card-number-changed",
                                      p->card_no, error,
                                      _("This participant's card number would change from %s to "
                                        "%s: the printed card would no longer be recognised. "
                                        "This row was not imported; if the new number is right, "
                                        "import again confirming card changes (the old card is "
                                        "then voided)."),
                                      now != NULL ? now->card_no : "?", p->card_no);
              break;
            }
          masked = serah_nik_mask (holders[i] ? holders[i]->nik : "");
          counts->conflicts++;
          ok = ok && add_problem (ctx, p, g_array_index (batch->lines, gint64, i),
                                  ctx->column[SERAH_FIELD_CARD_NO], "card-conflict", p->card_no,
                                  error,
                                  _("This card number already belongs to %s (NIK %s) in the "
                                    "database; this row was not imported."),
                                  holders[i] && holders[i]->name ? holders[i]->name : "?",
                                  masked);
          break;
        }
      serah_participant_free (holders[i]);
    }
  return ok;
}

/* Runs the reader and stores what it sends. On any failure the reader is told to stop, its
 * batches are drained, and the transaction is rolled back. */
static gboolean
run_writer (SerahImportContext *ctx, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  SerahImportRecord *counts = &ctx->report->counts;
  GThread *reader;
  gboolean failed = FALSE;
  guint changed = 0, voided = 0;

  reader = g_thread_new ("serah-import-reader",
                         ctx->is_sheet ? serah_import_sheet_reader_main
                                       : serah_import_reader_main, ctx);
  for (;;)
    {
      SerahImportBatch *batch;
      gboolean last;

      /* While the reader fills the next batch, the writer holds the lock doing nothing: a
       * connection waiting for it gets the slice committed now, not after that batch. */
      while ((batch = g_async_queue_timeout_pop (ctx->queue, 10000)) == NULL)
        if (!failed && ctx->in_transaction && ctx->slice_rows > 0 && ctx->slice_for_waiters &&
            serah_store_writer_waiting (ctx->store, ctx->slice_started))
          failed = !commit_slice (ctx, &local_error);
      last = batch->last;

      /* The reader sets reader_error before it queues its last batch. */
      gboolean refused = last && ctx->reader_error != NULL;

      if (!failed && !refused && !ctx->in_transaction)
        failed = !begin_import (ctx, batch, &local_error);
      if (!failed && !refused)
        failed = !write_batch (ctx, batch, &local_error);
      if (!failed && !refused && !last && slice_full (ctx))
        failed = !commit_slice (ctx, &local_error);
      if (failed && !g_atomic_int_get (&ctx->stop))
        g_atomic_int_set (&ctx->stop, TRUE);
      serah_import_batch_free (batch);
      g_async_queue_push (ctx->tokens, GINT_TO_POINTER (1));
      if (last)
        break;
    }
  g_thread_join (reader);
  /* The rows seen (48 bytes each) are not needed any more: freed before the indexes of a
   * bulk are built, when memory peaks (issue #10). */
  g_clear_pointer (&ctx->seen, serah_import_seen_free);
#ifdef __GLIBC__
  /* The reader thread's arena keeps those chunks otherwise. */
  malloc_trim (0);
#endif
  ctx->report->sheet = g_strdup (ctx->sheet);
  if (ctx->is_sheet)
    {
      g_free (ctx->report->format);
      ctx->report->format = g_strdup (ctx->sheet_ods ? "ods" : "xlsx");
    }
  if (ctx->headers != NULL)
    for (guint i = 0; i < ctx->headers->len; i++)
      {
        SerahImportColumn *column = g_new0 (SerahImportColumn, 1);

        column->header = g_strdup (ctx->headers->pdata[i]);
        column->letter = serah_import_column_letter ((int) i);
        for (int f = 0; f < SERAH_N_FIELDS && column->field == NULL; f++)
          if (ctx->column[f] == (int) i)
            column->field = serah_import_field_name (f);
        g_ptr_array_add (ctx->report->columns, column);
      }

  /* The reader's last batch carries the problems found since the one before; a refused
   * file's (the header, say) are not wanted: the file records nothing. */
  if (ctx->reader_error != NULL)
    {
      if (ctx->in_transaction)
        serah_store_rollback (ctx->store);
      ctx->in_transaction = FALSE;
      serah_store_drop_card_change_watch (ctx->store);
      if (ctx->slices > 0)
        say_what_was_saved (ctx, &ctx->reader_error);
      /* The preview shows the columns of a list that cannot be imported as mapped, so that
       * the person can map them: a report with the refusal instead of an error. */
      if (ctx->preview && ctx->headers != NULL &&
          (g_error_matches (ctx->reader_error, SERAH_IMPORT_ERROR,
                            SERAH_IMPORT_ERROR_MISSING_COLUMN) ||
           g_error_matches (ctx->reader_error, SERAH_IMPORT_ERROR,
                            SERAH_IMPORT_ERROR_BAD_MAPPING)))
        {
          ctx->report->refusal = g_steal_pointer (&ctx->reader_error);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&ctx->reader_error));
      return FALSE;
    }
  counts->rows = ctx->reader_counts.rows;
  counts->rejected += ctx->reader_counts.rejected;
  counts->duplicates = ctx->reader_counts.duplicates;
  counts->conflicts += ctx->reader_counts.conflicts;
  counts->sha256 = g_strdup (ctx->sha256);
  /* Conflicts with the database are found after the rest of their batch: restore line
   * order (g_ptr_array_sort is stable, so one line's problems keep theirs). */
  g_ptr_array_sort (ctx->report->problems, compare_problem_lines);

  if (ctx->report->dry_run && !failed)
    {
      /* Every check ran against the database as the import would have changed it; now
       * nothing of it stays (the indexes a bulk dropped come back with the rollback, and
       * their pending markers go). */
      if (ctx->in_transaction)
        {
          if (!serah_store_pause_participant_bulk (ctx->store, &local_error))
            g_clear_error (&local_error);
          serah_store_rollback (ctx->store);
        }
      ctx->in_transaction = FALSE;
      counts->id = 0;
      return TRUE;
    }
  if (failed || !serah_store_end_participant_bulk (ctx->store, &local_error) ||
      !serah_store_end_card_change_watch (ctx->store, counts->id,
                                          ctx->options ? ctx->options->operator_name : NULL,
                                          &changed, &voided, &local_error) ||
      !serah_store_finish_import (ctx->store, counts, &local_error) ||
      !serah_audit_record_import (ctx->store, ctx->options ? ctx->options->operator_name : NULL,
                                  counts, &local_error) ||
      /* outreach (issue 15): registrations whose NIK this list brings in are closed. */
      serah_store_outreach_close_covered_registrations (
        ctx->store, counts->id, ctx->options ? ctx->options->operator_name : NULL,
        &local_error) < 0 ||
      !serah_store_commit (ctx->store, &local_error))
    {
      if (ctx->in_transaction)
        serah_store_rollback (ctx->store);
      serah_store_drop_card_change_watch (ctx->store);
      if (ctx->slices > 0)
        {
          g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_STORE,
                       _("Cannot save the rest of the import of “%s”: %s"), ctx->name,
                       local_error ? local_error->message : "?");
          say_what_was_saved (ctx, error);
        }
      else
        g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_STORE,
                     _("Cannot save the import of “%s”; nothing was changed: %s"), ctx->name,
                     local_error ? local_error->message : "?");
      return FALSE;
    }
  ctx->report->cards_changed += changed;
  ctx->report->cards_voided += voided;
  ctx->in_transaction = FALSE;
  return TRUE;
}

/* ---- the first block and the entry point ---- */

static gboolean
read_first_block (SerahImportContext *ctx, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize j;

  if (!g_input_stream_read_all (ctx->stream, ctx->block, SERAH_IMPORT_BLOCK_SIZE,
                                &ctx->block_len, ctx->cancellable, &local_error))
    {
      g_set_error (error, SERAH_IMPORT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                     ? SERAH_IMPORT_ERROR_CANCELLED : SERAH_IMPORT_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), ctx->name, local_error->message);
      return FALSE;
    }
  serah_import_hash_update (ctx->checksum, ctx->block, ctx->block_len);
  ctx->done = ctx->block_len;

  /* XLSX and ODS are ZIP files: the spreadsheet reader takes them (OLE2 .xls and the rest
   * are refused below). */
  if (ctx->block_len >= 4 && memcmp (ctx->block, "PK\003\004", 4) == 0)
    {
      ctx->is_sheet = TRUE;
      return TRUE;
    }
  if (ctx->block_len >= 3 && memcmp (ctx->block, "\xef\xbb\xbf", 3) == 0)
    ctx->report->had_bom = TRUE, ctx->block_skip = 3;
  for (j = ctx->block_skip; j < ctx->block_len && g_ascii_isspace (ctx->block[j]); j++)
    ;
  if (j == ctx->block_len && ctx->block_len < SERAH_IMPORT_BLOCK_SIZE)
    {
      g_set_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV,
                   _("“%s” is empty: there is nothing to import."), ctx->name);
      return FALSE;
    }
  if (!serah_import_check_is_text (ctx->block + ctx->block_skip,
                                   ctx->block_len - ctx->block_skip, ctx->name, error))
    return FALSE;

  {
    guint score = 0;
    serah_import_sniff ((const char *) ctx->block + ctx->block_skip,
                        ctx->block_len - ctx->block_skip, ctx->mappings, &ctx->separator,
                        &ctx->header_index, &score, &ctx->first_record);
  }
  ctx->report->separator = ctx->separator;
  return TRUE;
}

static void
free_gstring (gpointer s)
{
  g_string_free (s, TRUE);
}

static void
import_clear (SerahImportContext *ctx)
{
  csv_free (&ctx->parser);
  g_free (ctx->name);
  g_free (ctx->path);
  g_free (ctx->office_kabupaten);
  g_free (ctx->areas_error);
  g_clear_pointer (&ctx->area_memo, g_hash_table_unref);
  if (ctx->area_key != NULL)
    g_string_free (g_steal_pointer (&ctx->area_key), TRUE);
  ctx->areas = NULL; /* the process-wide reference: not ours to free */
  g_free (ctx->sheet);
  g_free (ctx->first_record);
  g_free (ctx->block);
  g_free (ctx->sha256);
  g_clear_object (&ctx->stream);
  g_clear_pointer (&ctx->checksum, serah_import_hash_free);
  g_clear_pointer (&ctx->mappings, g_ptr_array_unref);
  g_clear_pointer (&ctx->cells, g_ptr_array_unref);
  g_clear_pointer (&ctx->headers, g_ptr_array_unref);
  g_clear_pointer (&ctx->seen, serah_import_seen_free);
  g_clear_pointer (&ctx->batch, serah_import_batch_free);
  g_clear_pointer (&ctx->queue, g_async_queue_unref);
  g_clear_pointer (&ctx->tokens, g_async_queue_unref);
  g_clear_pointer (&ctx->batch_rejects, g_ptr_array_unref);
  g_clear_pointer (&ctx->batch_rejects_owned, g_ptr_array_unref);
  g_clear_error (&ctx->reader_error);
  g_clear_pointer (&ctx->report, serah_import_report_free);
}

static SerahImportReport *
import_file (SerahStore               *store,
             const char               *path,
             const SerahImportOptions *options,
             gboolean                  preview,
             GCancellable             *cancellable,
             GError                  **error)
{
  SerahImportContext ctx = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  SerahImportReport *report = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.store = store;
  ctx.preview = preview;
  ctx.cancellable = cancellable;
  ctx.options = options;
  ctx.name = g_filename_display_basename (path);
  ctx.path = g_strdup (path);
  ctx.report = g_new0 (SerahImportReport, 1);
  ctx.report->problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_problem_free);
  ctx.batch_rejects = g_ptr_array_new ();
  ctx.batch_rejects_owned =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_problem_free);
  ctx.report->counts.file_name = g_strdup (ctx.name);
  ctx.report->format = g_strdup ("csv");
  ctx.report->columns =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_column_free);
  ctx.report->dry_run = options != NULL && options->dry_run;
  if (options != NULL && options->sample_rows > 0)
    ctx.report->sample =
      g_ptr_array_new_with_free_func ((GDestroyNotify) serah_participant_free);
  ctx.cells = g_ptr_array_new_with_free_func (free_gstring);
  ctx.seen = serah_import_seen_new ();
  ctx.queue = g_async_queue_new ();
  ctx.tokens = g_async_queue_new ();
  ctx.checksum = serah_import_hash_new ();
  ctx.block = g_malloc (SERAH_IMPORT_BLOCK_SIZE);
  ctx.line = ctx.record_line = 1;
  g_strlcpy (ctx.today, today, sizeof ctx.today);
  csv_init (&ctx.parser, 0);

  ctx.mappings = serah_import_parse_mappings (options ? options->mappings : NULL, error);
  if (ctx.mappings == NULL)
    goto out;

  file = g_file_new_for_path (path);
  ctx.stream = G_INPUT_STREAM (g_file_read (file, cancellable, &local_error));
  if (ctx.stream == NULL)
    {
      g_set_error (error, SERAH_IMPORT_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                     ? SERAH_IMPORT_ERROR_CANCELLED : SERAH_IMPORT_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), ctx.name, local_error->message);
      goto out;
    }
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (ctx.stream),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  ctx.total = info ? g_file_info_get_size (info) : -1;

  /* The area codes name and check desa and kecamatan; without them (a broken install)
   * the list still imports, as written, and the report says why nothing was checked. */
  ctx.areas = serah_areas_get_default (&local_error);
  if (ctx.areas == NULL)
    ctx.areas_error = g_strdup (local_error->message);
  g_clear_error (&local_error);
  ctx.office_kabupaten = serah_store_get_setting (store, "office-kabupaten");

  /* A big import ends building the indexes its bulk dropped: their sort spills sorted runs to
   * a temporary file, not to memory (temp_store MEMORY would hold the whole sort: 178 MB at
   * a million rows). Outside a transaction, as the pragma requires. */
  serah_store_exec (store, "PRAGMA temp_store = FILE", NULL);
  if (read_first_block (&ctx, error) && run_writer (&ctx, error))
    report = g_steal_pointer (&ctx.report);
  serah_store_exec (store, "PRAGMA temp_store = MEMORY", NULL);

out:
  import_clear (&ctx);
  return report;
}

SerahImportReport *
serah_import_file (SerahStore               *store,
                   const char               *path,
                   const SerahImportOptions *options,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  return import_file (store, path, options, FALSE, cancellable, error);
}

SerahImportReport *
serah_import_preview (SerahStore               *store,
                      const char               *path,
                      const SerahImportOptions *options,
                      guint                     sample_rows,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  SerahImportOptions preview = { 0 };

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options != NULL)
    preview = *options;
  preview.dry_run = TRUE;
  preview.sample_rows = sample_rows;
  return import_file (store, path, &preview, TRUE, cancellable, error);
}
