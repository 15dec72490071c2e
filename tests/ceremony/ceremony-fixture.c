/* ceremony-fixture.c: the helper program of the shell tests, the crash test and the
 * benchmarks: databases built through the shared test fixture (serah-test-fixture.h).
 *
 *   ceremony-fixture demo DB N
 *       N demo participants and nothing else (serah_demo_populate), for e2e-print.sh.
 *   ceremony-fixture populate DB N [PER_MILLE]
 *       N demo participants, a print run with one card stack per desa for PER_MILLE/1000 of
 *       them (default all), the letterhead settings; prints "CARDNO PAYLOAD" per card.
 *   ceremony-fixture handover-loop DB CEREMONY PAYLOADS [STATION]
 *       records a handover for every payload line in turn, in one long-lived process like
 *       the GUI, printing "DONE CARDNO" (flushed) after each durable success. Cards already
 *       handed over are skipped. The crash test kills this with SIGKILL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "store/serah-store-private.h"

static int
populate (const char *db, guint n, guint per_mille)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (db, &error);
  g_autoptr(GPtrArray) payloads = NULL;

  if (store != NULL)
    payloads = ceremony_test_populate (store, n, per_mille, NULL, &error);
  if (payloads == NULL)
    {
      fprintf (stderr, "ceremony-fixture: %s\n", error->message);
      return 1;
    }
  serah_store_set_setting (store, "office-name", "Dinas Kesehatan", NULL);
  serah_store_set_setting (store, "office-region", "Pemerintah Kabupaten Pandeglang", NULL);
  serah_store_set_setting (store, "office-address",
                           "Jl. Mayor Widagdo No. 1, Pandeglang, Banten 42212 · "
                           "Telp. (0253) 201059",
                           NULL);
  for (guint i = 0; i < payloads->len; i++)
    printf ("%s\n", (char *) payloads->pdata[i]);
  return 0;
}

static int
demo (const char *db, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (db, &error);

  if (store == NULL || !serah_demo_populate (store, n, &error))
    {
      fprintf (stderr, "ceremony-fixture: %s\n", error->message);
      return 1;
    }
  return 0;
}

static int
handover_loop (const char *db, gint64 ceremony_id, const char *payload_file, const char *station)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (db, &error);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (store == NULL || !g_file_get_contents (payload_file, &contents, NULL, &error))
    {
      fprintf (stderr, "ceremony-fixture: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      SerahHandoverRequest request = { .ceremony_id = ceremony_id, .operator_name = "crash-test",
                                       .station = station };
      g_autoptr(SerahHandover) h = NULL;
      g_autoptr(GError) refusal = NULL;
      const char *space = strchr (lines[i], ' ');

      if (space == NULL)
        continue;
      request.code = space + 1;
      h = serah_ceremony_record_handover (store, &request, NULL, &refusal);
      if (h != NULL)
        printf ("DONE %s\n", h->card_no);
      else if (!g_error_matches (refusal, SERAH_CEREMONY_ERROR,
                                 SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER))
        printf ("REFUSED %.13s %s\n", lines[i], serah_ceremony_refusal_code (refusal));
      /* Only after the commit returned does the parent hear about it. */
      fflush (stdout);
    }
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "demo") == 0)
    return demo (argv[2], (guint) atoi (argv[3]));
  if (argc >= 4 && strcmp (argv[1], "populate") == 0)
    return populate (argv[2], (guint) atoi (argv[3]), argc >= 5 ? (guint) atoi (argv[4]) : 1000);
  if (argc >= 5 && strcmp (argv[1], "handover-loop") == 0)
    return handover_loop (argv[2], g_ascii_strtoll (argv[3], NULL, 10), argv[4],
                          argc >= 6 ? argv[5] : "crash-station");
  fprintf (stderr, "usage: ceremony-fixture demo DB N\n"
                   "       ceremony-fixture populate DB N [PER_MILLE]\n"
                   "       ceremony-fixture handover-loop DB CEREMONY PAYLOADS [STATION]\n");
  return 2;
}
