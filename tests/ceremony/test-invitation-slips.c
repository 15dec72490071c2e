/* test-invitation-slips.c: invitation slips are not cards (issue 11, item 7), with the
 * issue's numbers: a register of 500 demo participants, a ceremony inviting the 61 of
 * Kecamatan Labuan, a slip run for it. The run goes to the 61 invited only, carries the
 * ceremony's name, date and place, is recorded as an invitation run, and counts as no card
 * in coverage, uncollected, the check-off entries or a participant's current card; cards
 * printed afterwards count as they should. */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"

typedef struct {
  char       *dir;
  SerahStore *store;
  gint64      ceremony;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  char *kecamatan[] = { "Labuan", NULL };
  SerahParticipantFilter filter = { .kecamatan = kecamatan };
  gint64 added = 0;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  g_assert_true (serah_demo_populate (f->store, 500, &error));
  g_assert_no_error (error);
  f->ceremony = serah_ceremony_create (f->store, "Penyerahan Kartu JKN-KIS Kecamatan Labuan",
                                       "2026-12-14", "Aula Kantor Kecamatan Labuan", "Rina",
                                       &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, f->ceremony, &filter, 0, "Rina",
                                                  &added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, 61);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static SerahPrintResult
print_run (Fixture *f, const char *template_name, gboolean slips, const char *pdf_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) card = serah_card_template_load (template_name, &error);
  g_autoptr(SerahSheet) sheet = serah_sheet_load ("a4-2x5", &error);
  g_autoptr(SerahPrintJob) job = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, pdf_name, NULL);
  SerahPrintResult result = { 0 };
  guint n_invited = 0;

  g_assert_no_error (error);
  job = serah_print_job_new (f->store, card, sheet);
  if (slips)
    {
      g_assert_true (serah_ceremony_prepare_invitations (f->store, job, f->ceremony, NULL,
                                                         &n_invited, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_invited, ==, 61);
    }
  g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
assert_cards (Fixture *f, gint64 ceremony, gint64 participants, gint64 printed, gint64 invited,
              gint64 not_collected)
{
  g_autoptr(GError) error = NULL;
  SerahCoverage *coverage = serah_report_coverage (f->store, ceremony, &error);

  g_assert_no_error (error);
  g_assert_cmpint (coverage->total.participants, ==, participants);
  g_assert_cmpint (coverage->total.printed, ==, printed);
  g_assert_cmpint (coverage->total.invited, ==, invited);
  g_assert_cmpint (coverage->total.not_collected, ==, not_collected);
  serah_coverage_free (coverage);
}

static void
test_slips_are_not_cards (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) uncollected = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(SerahCheckoffEntry) entry = NULL;
  g_autoptr(SerahPrintedCard) current = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "undangan.pdf", NULL);
  g_autofree char *text = NULL;
  SerahPrintResult result = print_run (f, "undangan", TRUE, "undangan.pdf");
  const SerahPrintRun *run;

  /* The 61 invited, not the 500 of the register. */
  g_assert_cmpuint (result.cards, ==, 61);

  /* Recorded: an invitation run for the ceremony, in the print history. */
  runs = serah_print_runs_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = runs->pdata[0];
  g_assert_cmpint (run->kind, ==, SERAH_PRINT_RUN_INVITATION);
  g_assert_cmpint (run->cards, ==, 61);
  g_assert_cmpstr (run->selection, ==, "ceremony=1");

  /* The ceremony's name, date and place on the slips, nobody typed them. */
  text = serah_test_pdf_text (pdf);
  g_assert_true (serah_test_text_has (text, "Penyerahan Kartu JKN-KIS Kecamatan Labuan"));
  g_assert_true (serah_test_text_has (text, "Hari/tanggal: Senin, 14 Desember 2026"));
  g_assert_true (serah_test_text_has (text, "Tempat: Aula Kantor Kecamatan Labuan"));

  /* No card anywhere: coverage over all ceremonies and for this one, uncollected, a
   * participant's current card, the check-off entries. */
  assert_cards (f, 0, 500, 0, 61, 0);
  assert_cards (f, f->ceremony, 61, 0, 61, 61);
  uncollected = serah_report_uncollected (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uncollected->len, ==, 0);
  entries = serah_ceremony_list_entries (f->store, f->ceremony, SERAH_ENTRIES_ALL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 61);
  for (guint i = 0; i < entries->len; i++)
    {
      const SerahCheckoffEntry *e = entries->pdata[i];
      current = serah_printed_cards_get_current (f->store, e->participant->id, &error);
      g_assert_no_error (error);
      g_assert_null (current);
      g_assert_null (e->card);
    }

  /* Then the cards: 61 of them count, once, and the slips printed before change nothing. */
  result = print_run (f, "kis", FALSE, "kartu.pdf");
  g_assert_cmpuint (result.cards, ==, 500);
  assert_cards (f, 0, 500, 500, 61, 500);
  assert_cards (f, f->ceremony, 61, 61, 61, 61);

  /* A second slip run after the cards voids none of them. */
  result = print_run (f, "undangan", TRUE, "undangan-2.pdf");
  g_assert_cmpuint (result.cards, ==, 61);
  g_assert_cmpuint (result.voided, ==, 0);
  assert_cards (f, 0, 500, 500, 61, 500);
  entry = serah_ceremony_get_entry (f->store, f->ceremony,
                                    ((SerahCheckoffEntry *) entries->pdata[0])->participant->id,
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry->card);
  g_assert_cmpint (entry->card->print_run_id, ==, 2);
}

static void
test_unknown_ceremony (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) card = serah_card_template_load ("undangan", &error);
  g_autoptr(SerahSheet) sheet = serah_sheet_load ("a4-2x5", &error);
  g_autoptr(SerahPrintJob) job = serah_print_job_new (f->store, card, sheet);

  g_assert_false (serah_ceremony_prepare_invitations (f->store, job, 99, NULL, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/serah/ceremony/slips/not-cards", Fixture, NULL, fixture_setup,
              test_slips_are_not_cards, fixture_teardown);
  g_test_add ("/serah/ceremony/slips/unknown-ceremony", Fixture, NULL, fixture_setup,
              test_unknown_ceremony, fixture_teardown);
  return g_test_run ();
}
