/* test-participant-window.c: the register read one window at a time (issue #10), as the
 * paged Peserta list and the "belum dilayani" list ask: capped counts, windows that
 * concatenate to the whole result in each kind's order, the far half read from the end, and
 * the waiting list of a ceremony by desa. */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"

typedef SerahStoreFixture Fixture;

#define PEOPLE 1200

static void
populate (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_demo_populate (f->store, PEOPLE, &error));
  g_assert_no_error (error);
}

/* Every match of query by windows of size, with n_matches given or not. */
static GArray *
read_all (Fixture *f, const char *query, guint size, gint64 n_matches)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (gint64 position = 0;; position += size)
    {
      g_autoptr(GArray) ids = serah_participants_search_window (f->store, query, position, size,
                                                                n_matches, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_array_append_vals (all, ids->data, ids->len);
      if (ids->len < size)
        break;
    }
  return all;
}

static void
assert_same (GArray *a, GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, g_array_index (b, gint64, i));
}

static int
compare_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* Nothing typed: everyone, counted exactly whatever the cap, in area order; windows read
 * forwards or (past the middle, when the count is given) backwards give the same list. */
static void
test_everyone_in_area_order (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reference = NULL;
  g_autoptr(GArray) forwards = NULL;
  g_autoptr(GArray) with_count = NULL;
  gboolean more = TRUE;

  populate (f);
  reference = serah_store_search_participant_ids (f->store, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_participants_search_count (f->store, "", 10, &more, &error), ==, PEOPLE);
  g_assert_no_error (error);
  g_assert_false (more);

  forwards = read_all (f, "", 100, 0);
  assert_same (forwards, reference);
  with_count = read_all (f, "", 128, PEOPLE);
  assert_same (with_count, reference);
  /* A window at the very end, and past it. */
  {
    g_autoptr(GArray) last = serah_participants_search_window (f->store, "", PEOPLE - 3, 10,
                                                               PEOPLE, &error);
    g_autoptr(GArray) beyond = serah_participants_search_window (f->store, "", PEOPLE + 5, 10,
                                                                 PEOPLE, &error);
    g_assert_cmpuint (last->len, ==, 3);
    g_assert_cmpint (g_array_index (last, gint64, 2), ==,
                     g_array_index (reference, gint64, PEOPLE - 1));
    g_assert_cmpuint (beyond->len, ==, 0);
  }
}

/* Each kind of query gives exactly the people the full search gives (as a set), counted
 * the same way, each in its index's order; a cap stops the count and says there is more. */
static void
test_searches_match_the_full_search (Fixture *f, gconstpointer data)
{
  /* Seven ASCII characters or more take the covering trigrams and LIKE
   * (serah_store_fts_cover): the same people as the phrase, special characters literal. */
  const char *const queries[] = { "put", "SITI", "ma'ruf", "s", "nu", "3601", "36", "0001",
                                  "zzzq", "\"Budi", "hidayat", "SITI NUR", "a saputra",
                                  "i%a_b\\x\"yz", "ahmad h", NULL };
  g_autoptr(GError) error = NULL;

  populate (f);
  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autoptr(GArray) reference = serah_store_search_participant_ids (f->store, queries[q], 0,
                                                                        &error);
      g_autoptr(GArray) windows = read_all (f, queries[q], 50, 0);
      gboolean more = TRUE;
      gint64 n = serah_participants_search_count (f->store, queries[q], 0, &more, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, ==, reference->len);
      g_assert_false (more);
      g_array_sort (reference, compare_id);
      g_array_sort (windows, compare_id);
      assert_same (windows, reference);
      if (reference->len > 3)
        {
          n = serah_participants_search_count (f->store, queries[q], 3, &more, &error);
          g_assert_cmpint (n, ==, 3);
          g_assert_true (more);
        }
    }

  /* Digits: NIK matches in NIK order. */
  {
    g_autoptr(GArray) ids = read_all (f, "3601", 40, 0);
    g_autofree char *previous = g_strdup ("");

    g_assert_cmpuint (ids->len, >, 1);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(SerahParticipant) p = serah_participants_get (f->store,
                                                                g_array_index (ids, gint64, i),
                                                                &error);
        g_assert_nonnull (p);
        g_assert_true (g_str_has_prefix (p->nik, "3601"));
        g_assert_cmpstr (previous, <, p->nik);
        g_free (previous);
        previous = g_strdup (p->nik);
      }
  }
}

/* The waiting list of a ceremony: counted from the tallies, read by windows (the far half
 * from the end) to exactly the invited people not yet served, in the desa index's order
 * whatever the window's size and position; one desa alone. */
static void
test_pending_windows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(SerahCeremonyProgress) progress = NULL;
  const SerahProgressRow *area;
  gint64 ceremony_id, n;

  SerahParticipantFilter everyone = { 0 };
  g_autoptr(GPtrArray) payloads = ceremony_test_populate (f->store, 300, 900, NULL, &error);

  g_assert_no_error (error);
  ceremony_id = serah_ceremony_create (f->store, "Penyerahan KIS", "2026-12-06", "Aula", "Rina",
                                       &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, ceremony_id, &everyone, 0, "Rina",
                                                  NULL, &error));
  g_assert_no_error (error);
  /* Every fifth printed card handed over. */
  for (guint i = 0; i < payloads->len; i += 5)
    {
      SerahHandoverRequest request = { .ceremony_id = ceremony_id,
                                       .code = ceremony_test_payload (payloads, i),
                                       .operator_name = "Rina", .station = "meja-1" };
      g_autoptr(SerahHandover) h = serah_ceremony_record_handover (f->store, &request, NULL,
                                                                    &error);
      g_assert_no_error (error);
      g_assert_nonnull (h);
    }

  pending = serah_ceremony_list_entries (f->store, ceremony_id, SERAH_ENTRIES_PENDING, NULL,
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      const SerahCheckoffEntry *e = pending->pdata[i];
      g_array_append_val (expected, e->participant->id);
    }
  n = serah_ceremony_count_pending (f->store, ceremony_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, pending->len);
  g_assert_cmpint (n, >, 0);

  for (gint64 position = 0; position < n; position += 64)
    {
      g_autoptr(GArray) ids = serah_ceremony_pending_window (f->store, ceremony_id, NULL, NULL,
                                                             position, 64, n, &error);
      g_assert_no_error (error);
      g_array_append_vals (got, ids->data, ids->len);
    }
  {
    /* The order: one window from the start is a plain walk of the desa index. Windows of
     * any size and at any position, read by adding up the tallies per desa (issue #10),
     * give exactly its slices, in order. */
    g_autoptr(GArray) whole = serah_ceremony_pending_window (f->store, ceremony_id, NULL, NULL,
                                                             0, 100000, n, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (whole->len, ==, n);
    assert_same (got, whole);
    for (gint64 position = 0; position < n + 5; position += 13)
      {
        g_autoptr(GArray) ids = serah_ceremony_pending_window (f->store, ceremony_id, NULL, NULL,
                                                               position, 37, n, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (ids->len, ==, CLAMP (n - position, 0, 37));
        for (guint i = 0; i < ids->len; i++)
          g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                           g_array_index (whole, gint64, position + i));
      }
  }
  g_array_sort (expected, compare_id);
  g_array_sort (got, compare_id);
  assert_same (got, expected);

  /* One desa. */
  progress = serah_ceremony_get_progress (f->store, ceremony_id, &error);
  g_assert_nonnull (progress);
  area = progress->areas->pdata[0];
  n = serah_ceremony_count_pending (f->store, ceremony_id, area->kecamatan, area->desa, &error);
  {
    g_autoptr(GArray) ids = serah_ceremony_pending_window (f->store, ceremony_id, area->kecamatan,
                                                           area->desa, 0, 100000, n, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ids->len, ==, n);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(SerahCheckoffEntry) e =
          serah_ceremony_get_entry (f->store, ceremony_id, g_array_index (ids, gint64, i), &error);
        g_assert_nonnull (e);
        g_assert_cmpstr (e->participant->desa, ==, area->desa);
        g_assert_true (e->invited);
        g_assert_null (e->handover);
      }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/participant-window/" path, Fixture, NULL, serah_store_fixture_set_up, \
              func, serah_store_fixture_tear_down)
  ADD ("everyone-in-area-order", test_everyone_in_area_order);
  ADD ("searches-match-the-full-search", test_searches_match_the_full_search);
  ADD ("pending-windows", test_pending_windows);
#undef ADD

  return g_test_run ();
}
