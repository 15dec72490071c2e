/* test-crash-handover.c: a handover reported as done survives the process being killed.
 *
 * A child process (ceremony-fixture handover-loop, a long-lived process like the GUI)
 * records handovers one after another and prints "DONE <card>" after each call returned.
 * The test kills it with SIGKILL at a random moment, several rounds, and then checks that
 * every card reported done is handed over in the database, that nothing was recorded twice,
 * and that the file passes PRAGMA integrity_check.
 *
 * SIGKILL loses the process, not the machine: the kernel still writes what SQLite handed
 * it. That the commit reached the disk itself is what synchronous=FULL is for; power loss
 * cannot be simulated here.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"

#define N_PEOPLE 400
#define N_ROUNDS 6

static char *
integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
test_kill_during_handovers (void)
{
  const char *fixture = g_getenv ("SERAH_CEREMONY_FIXTURE");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *payload_file = g_build_filename (dir, "payloads.txt", NULL);
  g_autofree char *ceremony_text = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 ceremony;

  if (fixture == NULL)
    g_error ("SERAH_CEREMONY_FIXTURE is not set (run this test through meson test)");

  {
    g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
    g_autoptr(GPtrArray) payloads = ceremony_test_populate (store, N_PEOPLE, 1000, NULL, &error);
    g_autofree char *joined = NULL;

    g_assert_no_error (error);
    g_ptr_array_add (payloads, NULL);
    joined = g_strjoinv ("\n", (char **) payloads->pdata);
    g_assert_true (g_file_set_contents (payload_file, joined, -1, NULL));
    ceremony = serah_ceremony_create (store, "Uji", "2026-11-24", "Lab", NULL, &error);
    g_assert_true (serah_ceremony_invite_selection (store, ceremony, NULL, 0, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  ceremony_text = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      const char *argv[] = { fixture, "handover-loop", path, ceremony_text, payload_file, NULL };
      g_autoptr(GSubprocess) child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                                        &error);
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      guint reported = 0;
      /* Random moment: start-up takes some ms, each durable handover a few more. */
      gulong delay_ms = (gulong) g_rand_int_range (rand, 15, 250);

      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      g_subprocess_force_exit (child);
      /* Whatever it printed before dying is still in the pipe. */
      g_assert_true (g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child) || g_subprocess_get_if_exited (child));

      lines = g_strsplit (out ? out : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "DONE "))
          {
            g_hash_table_add (done, g_strdup (lines[i] + 5));
            reported++;
          }
        else
          g_assert_true (*lines[i] == '\0'); /* no REFUSED lines */

      g_test_message ("round %u: killed after %lu ms, %u handovers reported", round, delay_ms,
                      reported);

      {
        g_autofree char *check = integrity (path);
        g_autoptr(SerahStore) store = serah_store_open (path, &error);
        g_autoptr(SerahCeremonyProgress) progress = NULL;
        GHashTableIter iter;
        gpointer card;

        g_assert_cmpstr (check, ==, "ok");
        g_assert_no_error (error);
        g_hash_table_iter_init (&iter, done);
        while (g_hash_table_iter_next (&iter, &card, NULL))
          {
            g_autoptr(SerahParticipant) p =
              serah_store_find_participant_by_card (store, card, NULL);
            g_autoptr(SerahHandover) h = NULL;
            guint n_live = 0;

            g_assert_nonnull (p);
            h = serah_ceremony_get_live_handover (store, ceremony, p->id, &n_live, &error);
            g_assert_no_error (error);
            g_assert_nonnull (h);
            g_assert_cmpuint (n_live, ==, 1);
          }
        progress = serah_ceremony_get_progress (store, ceremony, &error);
        /* At most one more than reported: committed, killed before it could print. */
        g_assert_cmpint (progress->total.handed_over, >=, g_hash_table_size (done));
        g_assert_cmpint (progress->total.handed_over, <=, g_hash_table_size (done) + round + 1);
        g_assert_cmpint (progress->conflicts, ==, 0);
      }
    }
  g_assert_cmpuint (g_hash_table_size (done), >, 0);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/crash-handover/kill-during-handovers", test_kill_during_handovers);
  return g_test_run ();
}
