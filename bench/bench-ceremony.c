/* bench-ceremony.c: the check-off page's two time budgets with 100 000 participants invited:
 *  - scan to durable commit: the payload text goes through serah_ceremony_lookup (verify the
 *    code, find the person, card, invitation, state) and serah_ceremony_record_handover (own
 *    transaction, WAL, synchronous=FULL: the fsync is in the figure);
 *  - search as you type: serah_ceremony_lookup on every prefix of names, NIKs and card
 *    numbers as a person would type them.
 * Plus the progress read the page does after every scan, and a few things around it.
 *
 *   bench-ceremony DB [PARTICIPANTS] [HANDOVERS]
 * DB must not exist; it is created next to where the office database would be (same disk).
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *ms)
{
  double *v = (double *) ms->data;
  double sum = 0;

  g_array_sort (ms, compare_double);
  for (guint i = 0; i < ms->len; i++)
    sum += v[i];
  printf ("%-44s n=%-6u median %7.3f ms   p95 %7.3f ms   p99 %7.3f ms   max %7.3f ms   "
          "mean %7.3f ms\n",
          what, ms->len, v[ms->len / 2], v[(guint) (ms->len * 0.95)],
          v[MIN (ms->len - 1, (guint) (ms->len * 0.99))], v[ms->len - 1], sum / ms->len);
  fflush (stdout);
}

/* What one durable write costs on this disk, without SQLite: 4 KiB appended, fdatasync. */
static void
probe_fsync (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "fsync-probe", NULL);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  char block[4096] = { 0 };
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  if (fd < 0)
    return;
  for (int i = 0; i < 300; i++)
    {
      double t0 = now_ms ();
      if (write (fd, block, sizeof block) != sizeof block || fdatasync (fd) != 0)
        break;
      g_array_append_val (ms, (double) { now_ms () - t0 });
    }
  close (fd);
  unlink (path);
  if (ms->len > 0)
    report ("disk: 4 KiB write + fdatasync (no SQLite)", ms);
}

/* Prints the n slowest of a list of (ms, text) samples. */
typedef struct {
  double ms;
  char  *text;
} Sample;

static int
compare_sample (gconstpointer a, gconstpointer b)
{
  double x = ((const Sample *) a)->ms, y = ((const Sample *) b)->ms;
  return x < y ? 1 : x > y ? -1 : 0;
}

static void
report_slowest (GArray *samples, guint n)
{
  g_array_sort (samples, compare_sample);
  printf ("  slowest:");
  for (guint i = 0; i < n && i < samples->len; i++)
    printf (" “%s” %.1f ms%s", g_array_index (samples, Sample, i).text,
            g_array_index (samples, Sample, i).ms, i + 1 < n ? "," : "\n");
  for (guint i = 0; i < samples->len; i++)
    g_free (g_array_index (samples, Sample, i).text);
}

#define CHECK(expr) \
  G_STMT_START { \
    if (!(expr)) \
      { \
        fprintf (stderr, "bench-ceremony: %s: %s\n", #expr, error ? error->message : "failed"); \
        return 1; \
      } \
  } G_STMT_END

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  g_autoptr(GArray) scan = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lookup_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) niks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (Sample));
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  guint n_people = argc > 2 ? (guint) atoi (argv[2]) : 100000;
  guint n_handovers = argc > 3 ? (guint) atoi (argv[3]) : 3000;
  gint64 ceremony, invited = 0;
  double t;

  if (argc < 2 || g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "usage: bench-ceremony NEW-DB [PARTICIPANTS] [HANDOVERS]\n");
      return 2;
    }

  {
    g_autofree char *dir = g_path_get_dirname (argv[1]);
    probe_fsync (dir);
  }
  store = serah_store_open (argv[1], &error);
  CHECK (store != NULL);
  t = now_ms ();
  payloads = ceremony_test_populate (store, n_people, 1000, NULL, &error);
  CHECK (payloads != NULL);
  printf ("setup: %u participants and %u printed cards in %.1f s\n", n_people, payloads->len,
          (now_ms () - t) / 1000);

  t = now_ms ();
  ceremony = serah_ceremony_create (store, "Bench", "2026-11-24", "Pendopo", "bench", &error);
  CHECK (ceremony != 0);
  CHECK (serah_ceremony_invite_selection (store, ceremony, NULL, 0, "bench", &invited, &error));
  printf ("invite everyone: %" G_GINT64_FORMAT " in %.2f s\n", invited, (now_ms () - t) / 1000);

  /* Scan to durable commit, random cards, each once. */
  for (guint i = 0; i < n_handovers; i++)
    {
      guint k = g_rand_int_range (rand, 0, payloads->len - i);
      const char *code = ceremony_test_payload (payloads, k);
      g_autoptr(SerahLookup) lookup = NULL;
      g_autoptr(SerahHandover) h = NULL;
      SerahHandoverRequest request = { .ceremony_id = ceremony, .operator_name = "bench",
                                       .station = "meja-1" };
      double t0 = now_ms (), t1, t2;

      lookup = serah_ceremony_lookup (store, ceremony, code, 0, &error);
      CHECK (lookup != NULL && lookup->kind == SERAH_LOOKUP_FOUND);
      t1 = now_ms ();
      request.participant_id = lookup->entry->participant->id;
      request.card_serial = lookup->entry->scanned_serial;
      request.identified_by = lookup->identified_by;
      if (i % 5 == 4)
        request.proxy_name = "Wakil", request.proxy_relation = "anak";
      h = serah_ceremony_record_handover (store, &request, NULL, &error);
      CHECK (h != NULL);
      t2 = now_ms ();
      g_array_append_val (lookup_only, (double) { t1 - t0 });
      g_array_append_val (scan, (double) { t2 - t0 });
      /* Used cards are swapped to the end so they are not drawn again. */
      {
        gpointer used = g_ptr_array_index (payloads, k);
        g_ptr_array_index (payloads, k) = g_ptr_array_index (payloads, payloads->len - i - 1);
        g_ptr_array_index (payloads, payloads->len - i - 1) = used;
      }

      t0 = now_ms ();
      {
        g_autoptr(SerahCeremonyProgress) p = serah_ceremony_get_progress (store, ceremony, &error);
        CHECK (p != NULL && p->total.handed_over == (gint64) i + 1);
      }
      g_array_append_val (progress, (double) { now_ms () - t0 });
    }
  report ("scan -> durable commit (lookup + record)", scan);
  report ("  of which lookup of the scanned code", lookup_only);
  report ("progress after each scan", progress);

  /* Search as you type: every prefix of 40 random people's name, NIK and card number. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(SerahParticipant) p =
        serah_store_get_participant (store, g_rand_int_range (rand, 1, n_people + 1), &error);
      struct { const char *text; GArray *into; } fields[] = {
        { p->name, names }, { p->nik, niks }, { p->card_no, cards },
      };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        for (glong len = 1; len <= g_utf8_strlen (fields[f].text, -1); len++)
          {
            g_autofree char *prefix = g_utf8_substring (fields[f].text, 0, len);
            g_autoptr(SerahLookup) lookup = NULL;
            double t0 = now_ms ();

            lookup = serah_ceremony_lookup (store, ceremony, prefix, 20, &error);
            CHECK (lookup != NULL);
            Sample sample = { now_ms () - t0, NULL };

            g_array_append_val (fields[f].into, sample.ms);
            sample.text = g_steal_pointer (&prefix);
            g_array_append_val (typed, sample);
          }
    }
  report ("search as you type: name prefixes", names);
  report ("search as you type: NIK prefixes", niks);
  report ("search as you type: card number prefixes", cards);
  report_slowest (typed, 6);

  /* Around the page: the not-yet-served list, the paper, a station bundle. */
  {
    g_autofree char *dir = g_path_get_dirname (argv[1]);
    g_autofree char *pdf = g_build_filename (dir, "bench-tanda-terima.pdf", NULL);
    g_autofree char *bundle = g_build_filename (dir, "bench.serah-bundle", NULL);
    g_autoptr(GPtrArray) pending = NULL;
    g_autoptr(SerahStationBundleInfo) info = NULL;
    SerahPaperOptions options = { .desa = "Caringin" };
    int pages;

    t = now_ms ();
    pending = serah_ceremony_list_entries (store, ceremony, SERAH_ENTRIES_PENDING, NULL, &error);
    CHECK (pending != NULL);
    printf ("not-yet-served list, all desa: %u entries in %.0f ms\n", pending->len, now_ms () - t);
    t = now_ms ();
    g_clear_pointer (&pending, g_ptr_array_unref);
    pending = serah_ceremony_list_entries (store, ceremony, SERAH_ENTRIES_PENDING, "Caringin",
                                           &error);
    CHECK (pending != NULL);
    printf ("not-yet-served list, one desa: %u entries in %.0f ms\n", pending->len, now_ms () - t);
    t = now_ms ();
    pages = serah_paper_write (store, ceremony, SERAH_PAPER_TANDA_TERIMA, &options, pdf, NULL,
                               &error);
    CHECK (pages > 0);
    printf ("tanda terima of one desa (Caringin): %d pages in %.2f s\n", pages,
            (now_ms () - t) / 1000);
    t = now_ms ();
    info = serah_station_export (store, ceremony, "meja-1", "bench", bundle, &error);
    CHECK (info != NULL);
    printf ("station export of %" G_GINT64_FORMAT " handovers: %.0f ms\n", info->handovers,
            now_ms () - t);
  }
  return 0;
}
