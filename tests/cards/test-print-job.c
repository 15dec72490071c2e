/* test-print-job.c: print runs recorded card by card: serials, sheets and positions, desa
 * stacks with their separators, first position, already printed cards, reprints, and
 * failed or cancelled runs that leave nothing behind. */
#include "config.h"

#include <string.h>

#include <serah/store/serah-backup.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "store/serah-store-private.h"

#define N_PEOPLE 40

typedef struct {
  char              *dir;
  SerahStore        *store;
  SerahCardTemplate *kis;
  SerahSheet        *a4;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  g_assert_true (serah_demo_populate (f->store, N_PEOPLE, &error));
  f->kis = serah_card_template_load ("kis", &error);
  f->a4 = serah_sheet_load ("a4-2x5", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  serah_card_template_unref (f->kis);
  serah_sheet_unref (f->a4);
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
out_path (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static gboolean
collect_card (const SerahPrintedCard *card, gpointer user_data, GError **error)
{
  SerahPrintedCard *copy = g_new0 (SerahPrintedCard, 1);
  *copy = *card;
  copy->stack_group = g_strdup (card->stack_group);
  copy->void_reason = g_strdup (card->void_reason);
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

static GPtrArray *
cards_of_run (Fixture *f, gint64 run_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_printed_card_free);
  g_assert_true (serah_store_foreach_printed_card (f->store, run_id, collect_card, cards, &error));
  g_assert_no_error (error);
  return cards;
}

static guint
count_runs (Fixture *f)
{
  g_autoptr(GPtrArray) runs = serah_store_list_print_runs (f->store, NULL);
  return runs->len;
}

/* Files in the fixture folder other than the database: a failed run leaves no PDF and no
 * temporary file. */
static guint
count_other_files (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;
  /* The database, its WAL and the automatic backups taken before each run are expected. */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "test.db") && strcmp (name, SERAH_BACKUP_DIR_NAME) != 0)
      n++;
  return n;
}

static void
test_records (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) areas = serah_store_count_by_area (f->store, NULL);
  SerahPrintPlan plan;
  SerahPrintResult result;
  int expected_slot = 0; /* 0-based over all sheets */

  g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
  g_assert_cmpuint (plan.cards, ==, N_PEOPLE);
  g_assert_cmpuint (plan.stacks, ==, areas->len);
  /* One slot per card and one separator per desa, 10 slots a sheet. */
  g_assert_cmpuint (plan.sheets, ==, (N_PEOPLE + areas->len + 9) / 10);
  g_assert_cmpuint (count_runs (f), ==, 0);

  serah_print_job_set_operator (job, "ani");
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  /* The run is in the audit log, by whom. */
  {
    SerahAuditFilter only_prints = { 0, "print.", 0 };
    g_autoptr(GPtrArray) events = serah_audit_list (f->store, &only_prints, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 1);
    g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->action, ==, "print.batch");
    g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->operator_name, ==, "ani");
  }
  g_assert_cmpuint (result.cards, ==, plan.cards);
  g_assert_cmpuint (result.sheets, ==, plan.sheets);
  g_assert_cmpuint (result.stacks, ==, plan.stacks);
  g_assert_cmpint (result.last_serial - result.first_serial + 1, ==, N_PEOPLE);

  /* Cards follow the areas' order; each desa's stack starts after its separator slot and
   * counts 1, 2, 3...; serials are consecutive. */
  cards = cards_of_run (f, result.run_id);
  g_assert_cmpuint (cards->len, ==, N_PEOPLE);
  for (guint a = 0, c = 0; a < areas->len; a++)
    {
      SerahAreaCount *area = areas->pdata[a];
      expected_slot++; /* the separator */
      for (int k = 1; k <= area->participants; k++, c++)
        {
          SerahPrintedCard *card = cards->pdata[c];
          g_autoptr(SerahParticipant) p = serah_store_get_participant (f->store,
                                                                       card->participant_id, NULL);
          g_assert_cmpint (card->serial, ==, result.first_serial + c);
          g_assert_cmpstr (card->stack_group, ==, area->desa);
          g_assert_cmpstr (p->desa, ==, area->desa);
          g_assert_cmpstr (p->kecamatan, ==, area->kecamatan);
          g_assert_cmpint (card->stack_index, ==, k);
          g_assert_cmpint (card->sheet_no, ==, expected_slot / 10 + 1);
          g_assert_cmpint (card->position, ==, expected_slot % 10 + 1);
          expected_slot++;
        }
    }
}

static void
test_first_position (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autoptr(GPtrArray) cards = NULL;
  SerahPrintResult result;
  SerahPrintedCard *first;

  serah_print_job_set_first_position (job, 7);
  serah_print_job_set_separators (job, SERAH_SEPARATOR_NONE);
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  /* Slots 1-6 of the used sheet stay empty: 4 cards on sheet 1, 36 on four more. */
  g_assert_cmpuint (result.sheets, ==, 5);
  cards = cards_of_run (f, result.run_id);
  first = cards->pdata[0];
  g_assert_cmpint (first->sheet_no, ==, 1);
  g_assert_cmpint (first->position, ==, 7);
  g_assert_cmpint (((SerahPrintedCard *) cards->pdata[4])->sheet_no, ==, 2);
  g_assert_cmpint (((SerahPrintedCard *) cards->pdata[4])->position, ==, 1);

  /* Beyond the sheet's slots is refused before anything is written. */
  g_clear_object (&job);
  job = serah_print_job_new (f->store, f->kis, f->a4);
  serah_print_job_set_first_position (job, 11);
  g_assert_false (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS);
}

static void
test_already_printed (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autofree char *again = out_path (f, "again.pdf");
  g_autoptr(SerahPrintedCard) old = NULL;
  g_autoptr(SerahPrintedCard) now = NULL;
  SerahPrintResult first, second;
  SerahPrintPlan plan;

  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &first, &error));

  /* The same selection again: everybody has a card, nothing to do, nothing recorded. */
  g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
  g_assert_cmpuint (plan.cards, ==, 0);
  g_assert_cmpuint (plan.skipped_printed, ==, N_PEOPLE);
  g_assert_false (serah_print_job_run (job, again, NULL, NULL, NULL, &second, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING);
  g_clear_error (&error);
  g_assert_cmpuint (count_runs (f), ==, 1);
  g_assert_false (g_file_test (again, G_FILE_TEST_EXISTS));

  /* With include-printed, every old card is voided and points to its replacement. */
  serah_print_job_set_include_printed (job, TRUE);
  g_assert_true (serah_print_job_run (job, again, NULL, NULL, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second.cards, ==, N_PEOPLE);
  g_assert_cmpuint (second.voided, ==, N_PEOPLE);
  old = serah_store_get_printed_card (f->store, first.first_serial, &error);
  g_assert_cmpint (old->voided_at, >, 0);
  g_assert_cmpstr (old->void_reason, ==, "dicetak ulang dalam batch");
  g_assert_cmpint (old->replaced_by, >=, second.first_serial);
  now = serah_store_get_current_card (f->store, old->participant_id, &error);
  g_assert_cmpint (now->serial, ==, old->replaced_by);
  g_assert_cmpint (now->replaces_serial, ==, old->serial);
}

static void
test_reprint (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autoptr(SerahSheet) cr80 = serah_sheet_load ("cr80", &error);
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autofree char *one = out_path (f, "one.pdf");
  g_autoptr(SerahPrintedCard) old = NULL, fresh = NULL;
  g_autoptr(SerahParticipant) p = NULL, who = NULL;
  g_autoptr(SerahPrintRun) run = NULL;
  g_autofree char *old_code = NULL, *new_code = NULL;
  SerahPrintResult first, result;

  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &first, &error));
  old = serah_store_get_printed_card (f->store, first.first_serial + 3, &error);
  p = serah_store_get_participant (f->store, old->participant_id, &error);
  old_code = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, p->card_no, old->serial, &error);

  g_assert_true (serah_print_reprint_card (f->store, p->card_no, "hilang", f->kis, cr80, NULL,
                                           "petugas", one, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.cards, ==, 1);
  g_assert_cmpuint (result.voided, ==, 1);
  g_assert_cmpuint (result.pages, ==, 1);
  fresh = serah_store_get_current_card (f->store, p->id, &error);
  g_assert_cmpint (fresh->serial, ==, result.first_serial);
  g_assert_cmpint (fresh->replaces_serial, ==, old->serial);
  run = serah_store_get_print_run (f->store, result.run_id, &error);
  g_assert_cmpint (run->kind, ==, SERAH_PRINT_RUN_REPRINT);
  g_assert_cmpstr (run->sheet_name, ==, "cr80");

  /* The old card's code is now refused as voided, and says by which serial; the new one
   * verifies. */
  who = serah_payload_verify (f->store, old_code, NULL, &error);
  g_assert_null (who);
  g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_VOIDED);
  g_assert_nonnull (strstr (error->message, "hilang"));
  g_clear_error (&error);
  new_code = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, p->card_no, fresh->serial, &error);
  who = serah_payload_verify (f->store, new_code, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (who->id, ==, p->id);

  /* A card number that was never printed cannot be "reprinted". */
  {
    g_autoptr(SerahParticipant) lone = serah_test_participant ("3601019999990001", "0009999999999",
                                                               "Belum Dicetak", "Caringin");
    g_assert_true (serah_store_upsert_participant (f->store, lone, 0, NULL, &error));
    g_assert_false (serah_print_reprint_card (f->store, lone->card_no, "hilang", f->kis, cr80,
                                              NULL, NULL, one, &result, &error));
    g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOT_PRINTED);
  }
}

static void
cancel_after_first_page (guint done, guint total, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_failure_leaves_nothing (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "cards.pdf", NULL);
  g_autoptr(SerahPrintedCard) card = NULL;
  SerahPrintResult result;

  /* An output that cannot be written: refused before anything is recorded. */
  g_assert_false (serah_print_job_run (job, nowhere, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OUTPUT);
  g_clear_error (&error);

  /* Cancelled after the first sheet was drawn and its cards recorded: all rolled back, no
   * PDF, no temporary file. */
  g_assert_false (serah_print_job_run (job, pdf, cancel_after_first_page, cancellable, cancellable,
                                       &result, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_runs (f), ==, 0);
  card = serah_store_get_printed_card (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_null (card);
  g_assert_cmpuint (count_other_files (f), ==, 0);

  /* The database is usable afterwards, and serials start where they would have. */
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_other_files (f), ==, 1);
}

/* Another desk (another connection) prints a card for someone of this run while this run draws
 * its PDF holding no write lock (issue 17). */
typedef struct {
  Fixture  *f;
  gboolean  done;
  gint64    serial;
} Interloper;

static void
print_meanwhile (guint done, guint total, gpointer user_data)
{
  Interloper *in = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) other = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis",
                        .sheet_name = "a4-2x5" };

  if (in->done)
    return;
  in->done = TRUE;
  other = serah_store_open (serah_store_get_path (in->f->store), &error);
  g_assert_no_error (error);
  p = serah_store_get_participant (other, 1, &error);
  g_assert_nonnull (p);
  /* Committed at once: this run holds no lock that would make it wait. */
  g_assert_true (serah_store_begin (other, &error));
  g_assert_true (serah_store_insert_print_run (other, &run, &error));
  in->serial = serah_store_insert_printed_card (other, run.id, p->id, 1, 1, p->desa, 1, 0,
                                                &error);
  g_assert_cmpint (in->serial, >, 0);
  g_assert_true (serah_store_commit (other, &error));
  g_assert_no_error (error);
}

static void
test_concurrent_run_refused (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autofree char *pdf = out_path (f, "cards.pdf");
  g_autoptr(SerahPrintedCard) current = NULL;
  Interloper in = { f, FALSE, 0 };
  SerahPrintResult result;

  /* The run drew a card for participant 1 too: it records nothing and keeps no PDF, so no
   * participant ever has two current cards nor a card printed without its record. */
  g_assert_false (serah_print_job_run (job, pdf, print_meanwhile, &in, NULL, &result, &error));
  g_assert_true (in.done);
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_cmpuint (count_runs (f), ==, 1);
  g_assert_cmpuint (count_other_files (f), ==, 0);
  current = serah_store_get_current_card (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (current);
  g_assert_cmpint (current->serial, ==, in.serial);

  /* Printed again, the run leaves participant 1 out (already printed) and prints the rest,
   * with serials never handed out before. */
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.cards, ==, N_PEOPLE - 1);
  g_assert_cmpuint (result.skipped_printed, ==, 1);
  g_assert_cmpint (result.first_serial, >, in.serial);
}

static void
test_duplex_and_separator_pages (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autoptr(GPtrArray) areas = serah_store_count_by_area (f->store, NULL);
  SerahPrintPlan plan;
  guint sheets = 0;

  serah_print_job_set_duplex (job, TRUE);
  g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
  g_assert_cmpuint (plan.pages, ==, 2 * plan.sheets);

  /* Page separators: one sheet per desa, then its cards on fresh sheets. */
  serah_print_job_set_duplex (job, FALSE);
  serah_print_job_set_separators (job, SERAH_SEPARATOR_PAGE);
  for (guint a = 0; a < areas->len; a++)
    sheets += 1 + (((SerahAreaCount *) areas->pdata[a])->participants + 9) / 10;
  g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (plan.sheets, ==, sheets);
}

static void
test_preview (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 210, 297);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  guint dark = 0;
  SerahPrintPlan plan;

  /* 1 px per mm is enough to see that the page has cards on it. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (serah_print_job_draw_preview (job, cr, 1, NULL, &error));
  g_assert_no_error (error);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int i = 0; i < 210 * 297; i++)
    dark += (((const guint32 *) data)[i] & 0xff) < 0x80;
  g_assert_cmpuint (dark, >, 2000);

  g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
  g_assert_false (serah_print_job_draw_preview (job, cr, plan.pages, NULL, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOTHING);
  /* A preview records nothing. */
  g_assert_cmpuint (count_runs (f), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_invitations (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) undangan = serah_card_template_load ("undangan", &error);
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, undangan, f->a4);
  g_autofree char *pdf = out_path (f, "undangan.pdf");
  g_autoptr(SerahPrintedCard) card = NULL;
  g_autoptr(SerahPrintRun) run = NULL;
  SerahPrintResult result;

  /* An invitation is to a ceremony. */
  g_assert_false (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS);
  g_clear_error (&error);

  serah_print_job_set_ceremony_id (job, 7);
  serah_print_job_set_extra (job, "ceremony_name", "Penyerahan Kartu JKN-KIS Kecamatan Labuan");
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.cards, ==, N_PEOPLE);
  run = serah_store_get_print_run (f->store, result.run_id, &error);
  g_assert_cmpint (run->kind, ==, SERAH_PRINT_RUN_INVITATION);
  /* The slips are recorded, but nobody has a card yet. */
  card = serah_store_get_printed_card (f->store, result.first_serial, &error);
  g_assert_nonnull (card);
  g_clear_pointer (&card, serah_printed_card_free);
  card = serah_store_get_current_card (f->store, 1, &error);
  g_assert_null (card);
}

typedef struct {
  GMainLoop       *loop;
  guint            progress_calls;
  gboolean         ok;
  SerahPrintResult result;
  GError          *error;
} AsyncState;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  AsyncState *s = user_data;
  g_assert_cmpuint (done, <=, total);
  s->progress_calls++;
}

static void
on_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  AsyncState *s = user_data;
  s->ok = serah_print_job_run_finish (SERAH_PRINT_JOB (source), res, &s->result, &s->error);
  g_main_loop_quit (s->loop);
}

static void
test_async (Fixture *f, gconstpointer unused)
{
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, f->kis, f->a4);
  g_autofree char *pdf = out_path (f, "async.pdf");
  g_autoptr(GPtrArray) cards = NULL;
  AsyncState s = { g_main_loop_new (NULL, FALSE), 0, FALSE, { 0 }, NULL };

  serah_print_job_run_async (job, pdf, on_progress, &s, NULL, NULL, on_done, &s);
  g_main_loop_run (s.loop);
  g_assert_no_error (s.error);
  g_assert_true (s.ok);
  g_assert_cmpuint (s.result.cards, ==, N_PEOPLE);
  g_assert_cmpuint (s.progress_calls, ==, s.result.sheets);
  /* Written on the worker's own connection, committed, seen here. */
  cards = cards_of_run (f, s.result.run_id);
  g_assert_cmpuint (cards->len, ==, N_PEOPLE);
  g_main_loop_unref (s.loop);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/serah/print-job/records", test_records);
  ADD ("/serah/print-job/first-position", test_first_position);
  ADD ("/serah/print-job/already-printed", test_already_printed);
  ADD ("/serah/print-job/reprint", test_reprint);
  ADD ("/serah/print-job/failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("/serah/print-job/concurrent-run-refused", test_concurrent_run_refused);
  ADD ("/serah/print-job/duplex-and-separator-pages", test_duplex_and_separator_pages);
  ADD ("/serah/print-job/preview", test_preview);
  ADD ("/serah/print-job/invitations", test_invitations);
  ADD ("/serah/print-job/async", test_async);
  return g_test_run ();
}
