/* bench-search.c: search-as-you-type latency over an existing Serah database.
 *
 *   bench-search DB [LIMIT] [ROUNDS]
 *
 * Runs serah_store_search_participant_ids with what people type into the search field:
 * the first 1, 2, 3 and more letters of common names, name fragments from the middle of a
 * name, and NIK / card number prefixes, each ROUNDS times, with the LIMIT the participant
 * list asks for. Prints median and p99 per kind of query and over the typical ones (all but
 * letters no name starts with, which walk the whole list: the worst case, shown apart). */
#define G_LOG_DOMAIN "serah-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <serah/serah.h>
#include "register/serah-store-participants-private.h"

typedef struct {
  const char *kind;
  gboolean    typical; /* counted in "typical queries" */
  const char *queries[12];
} QueryKind;

static const QueryKind kinds[] = {
  { "1 letter", TRUE, { "s", "a", "n", "b", "r", "d", NULL } },
  { "2 letters", TRUE, { "si", "ah", "nu", "bu", "de", "ra", NULL } },
  { "3 letters", TRUE, { "sit", "ahm", "nur", "bud", "dew", "rah", NULL } },
  { "4+ letters", TRUE, { "siti", "ahmad", "hidayat", "saputra", "nurhayati", "siti nur", "ma'ruf",
                    "euis", NULL } },
  { "middle of name", TRUE, { "ayat", "wan", "putra", "mah", NULL } },
  { "NIK prefix", TRUE, { "3", "36", "3601", "360101", "36011041", "3601104101", NULL } },
  { "card prefix", TRUE, { "0", "000", "0001230", "000123004", NULL } },
  /* Letters no name starts with: the worst case, a walk of the whole area index. */
  { "rare letters", FALSE, { "x", "q", "zu", "xy", NULL } },
};

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
print_stats (const char *label, GArray *times, double hits)
{
  double *t = (double *) times->data;
  guint n = times->len;

  qsort (t, n, sizeof (double), compare_double);
  printf ("  %-16s median %7.3f ms  p99 %7.3f ms  max %7.3f ms  (%u runs", label, t[n / 2],
          t[MIN (n - 1, (guint) (n * 0.99))], t[n - 1], n);
  if (hits >= 0)
    printf (", %.0f hits avg", hits);
  printf (")\n");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  guint limit, rounds;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-search DB [LIMIT] [ROUNDS]\n");
      return 2;
    }
  limit = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 200;
  rounds = argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 20;

  store = serah_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      return 1;
    }
  printf ("search over %" G_GINT64_FORMAT " participants, limit %u, %u rounds\n",
          serah_store_count_participants (store), limit, rounds);

  {
    /* The first search after opening (or after participants changed) builds the index. */
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GArray) ids = serah_store_search_participant_ids (store, "sit", limit, &error);
    if (ids == NULL)
      {
        fprintf (stderr, "bench-search: %s\n", error->message);
        return 1;
      }
    printf ("  first search (builds the index)  %7.3f ms\n",
            (g_get_monotonic_time () - start) / 1000.0);
  }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      double hits = 0;

      for (guint r = 0; r < rounds; r++)
        for (guint q = 0; kinds[k].queries[q] != NULL; q++)
          {
            gint64 start = g_get_monotonic_time ();
            g_autoptr(GArray) ids = serah_store_search_participant_ids (store, kinds[k].queries[q],
                                                                        limit, &error);
            double ms = (g_get_monotonic_time () - start) / 1000.0;

            if (ids == NULL)
              {
                fprintf (stderr, "bench-search: %s\n", error->message);
                return 1;
              }
            hits += ids->len;
            g_array_append_val (times, ms);
            if (kinds[k].typical)
              g_array_append_val (all, ms);
          }
      print_stats (kinds[k].kind, times, hits / times->len);
    }
  print_stats ("typical queries", all, -1);
  return 0;
}
