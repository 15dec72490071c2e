/* bench-search.c: search-as-you-type latency over an existing Serah database.
 *
 *   bench-search DB [LIMIT] [ROUNDS]
 *
 * Times what the Peserta list asks at each key press since it became a paged model (issue
 * #10): serah_participants_search_count (capped at SERAH_PARTICIPANTS_SEARCH_CAP) and the
 * first window of LIMIT ids (serah_participants_search_window; the list reads 128), for what
 * people type into the search field: the first 1, 2, 3 and more letters of common names, name
 * fragments from the middle of a name, NIK and card number prefixes, each ROUNDS times. Prints
 * per kind the first query of that kind after opening ("first"), the median and p99 of the
 * rest, in wall time and in the thread's CPU time (the machine is shared: CPU time is the
 * steadier figure). Then the scroll: windows at positions spread over the everyone list (a
 * jump of the scroll bar). With LIMIT 0 the old question is timed instead: every match, in
 * area order (serah_store_search_participant_ids), for comparison. */
#define G_LOG_DOMAIN "serah-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <serah/serah.h>
#include "register/serah-store-participants-private.h"
#include "ceremony/serah-store-ceremony-private.h"

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

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
percentile (GArray *times, double p)
{
  double *t = (double *) times->data;

  qsort (t, times->len, sizeof (double), compare_double);
  return t[MIN (times->len - 1, (guint) (times->len * p))];
}

static void
print_stats (const char *label, double first, GArray *wall, GArray *cpu, double hits)
{
  printf ("  %-16s first %7.3f ms  median %7.3f ms  p99 %7.3f ms  max %7.3f ms"
          "  | cpu median %6.3f p99 %6.3f ms  (%u runs",
          label, first, percentile (wall, 0.5), percentile (wall, 0.99), percentile (wall, 1.0),
          percentile (cpu, 0.5), percentile (cpu, 0.99), wall->len);
  if (hits >= 0)
    printf (", %.0f hits avg", hits);
  printf (")\n");
}

/* One key press as the list sees it: the count, then the first window (limit > 0); or every
 * match in area order (limit 0, the list before issue #10). Returns the matches, -1 on error. */
static gint64
one_search (SerahStore *store, const char *query, guint limit, GError **error)
{
  gboolean more = FALSE;
  gint64 n;

  if (limit == 0)
    {
      g_autoptr(GArray) ids = serah_store_search_participant_ids (store, query, 0, error);
      return ids ? (gint64) ids->len : -1;
    }
  n = serah_participants_search_count (store, query, SERAH_PARTICIPANTS_SEARCH_CAP, &more, error);
  if (n < 0)
    return -1;
  {
    g_autoptr(GArray) ids = serah_participants_search_window (store, query, 0, limit, n, error);
    if (ids == NULL)
      return -1;
  }
  return n;
}

/* With a ceremony in the database (bench/run-gui-start.sh's and the 1M runs' invite
 * everyone): the check-off page's search as a person types full names letter by letter
 * (serah_ceremony_lookup, names of 30 people spread over the register), and the "belum
 * dilayani" list as the paged dialog asks: the count, the first window, a window in the
 * middle. */
static gboolean
bench_ceremony (SerahStore *store, gint64 ceremony_id, gint64 everyone, guint rounds,
                GError **error)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pwall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pcpu = g_array_new (FALSE, FALSE, sizeof (double));
  double first = -1, pfirst = -1;

  printf ("check-off search in ceremony %" G_GINT64_FORMAT " (every prefix of 30 full names, "
          "%u rounds):\n", ceremony_id, MAX (rounds / 10, 1));
  for (guint r = 0; r < MAX (rounds / 10, 1); r++)
    for (guint k = 1; k <= 30; k++)
      {
        g_autoptr(SerahParticipant) p = serah_participants_get (store, everyone * k / 31, NULL);
        glong len;

        if (p == NULL)
          continue;
        len = g_utf8_strlen (p->name, -1);
        for (glong l = 1; l <= len; l++)
          {
            g_autofree char *typed = g_utf8_substring (p->name, 0, l);
            double c0 = cpu_ms ();
            gint64 start = g_get_monotonic_time ();
            g_autoptr(SerahLookup) lookup = serah_ceremony_lookup (store, ceremony_id, typed, 0,
                                                                   error);
            double ms = (g_get_monotonic_time () - start) / 1000.0;
            double cms = cpu_ms () - c0;

            if (lookup == NULL)
              return FALSE;
            if (g_getenv ("SERAH_BENCH_SLOW_MS") && cms > g_ascii_strtod (g_getenv ("SERAH_BENCH_SLOW_MS"), NULL))
              {
                double c1 = cpu_ms ();
                gboolean more = FALSE;
                g_autoptr(GArray) ids = serah_store_search_checkoff_ids (store, ceremony_id, typed,
                                                                         50, &more, NULL);
                printf ("  slow: \"%s\" %.2f ms CPU (ids alone %.2f ms, %u ids)\n", typed, cms,
                        cpu_ms () - c1, ids ? ids->len : 0);
              }
            if (first < 0)
              first = ms;
            g_array_append_val (wall, ms);
            g_array_append_val (cpu, cms);
          }
      }
  print_stats ("names as typed", first, wall, cpu, -1);

  for (guint r = 0; r < rounds; r++)
    {
      double c0 = cpu_ms ();
      gint64 start = g_get_monotonic_time ();
      gint64 n = serah_ceremony_count_pending (store, ceremony_id, NULL, NULL, error);
      g_autoptr(GArray) head = NULL;
      g_autoptr(GArray) middle = NULL;
      double ms;

      if (n < 0)
        return FALSE;
      head = serah_ceremony_pending_window (store, ceremony_id, NULL, NULL, 0, 64, n, error);
      if (head == NULL)
        return FALSE;
      for (guint i = 0; i < head->len && i < 25; i++)
        {
          g_autoptr(SerahCheckoffEntry) e =
            serah_ceremony_get_entry (store, ceremony_id, g_array_index (head, gint64, i), error);
          if (e == NULL)
            return FALSE;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (pfirst < 0)
        {
          pfirst = ms;
          printf ("  belum dilayani, all desa: %" G_GINT64_FORMAT " waiting\n", n);
        }
      else
        {
          double cms = cpu_ms () - c0;
          g_array_append_val (pwall, ms);
          g_array_append_val (pcpu, cms);
        }
      if (r == 0)
        {
          g_autoptr(GArray) jwall = g_array_new (FALSE, FALSE, sizeof (double));
          g_autoptr(GArray) jcpu = g_array_new (FALSE, FALSE, sizeof (double));

          start = g_get_monotonic_time ();
          middle = serah_ceremony_pending_window (store, ceremony_id, NULL, NULL, n / 2, 128, n,
                                                  error);
          if (middle == NULL)
            return FALSE;
          printf ("  belum dilayani, a window in the middle (the worst jump): %.1f ms\n",
                  (g_get_monotonic_time () - start) / 1000.0);
          /* Jumps of the scroll bar: windows of 128 at 1/20 .. 19/20 of the list. */
          for (guint k = 1; k < 20; k++)
            {
              double c1 = cpu_ms ();
              gint64 t1 = g_get_monotonic_time ();
              g_autoptr(GArray) w = serah_ceremony_pending_window (store, ceremony_id, NULL, NULL,
                                                                   n * k / 20, 128, n, error);
              double jms = (g_get_monotonic_time () - t1) / 1000.0, jc = cpu_ms () - c1;

              if (w == NULL)
                return FALSE;
              g_array_append_val (jwall, jms);
              g_array_append_val (jcpu, jc);
            }
          print_stats ("belum dilayani, jumps to 1/20..19/20", -1, jwall, jcpu, -1);
        }
    }
  if (pwall->len > 0)
    print_stats ("belum dilayani", pfirst, pwall, pcpu, -1);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint limit, rounds;
  gint64 everyone;
  double first_any = -1;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-search DB [LIMIT] [ROUNDS]\n");
      return 2;
    }
  limit = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 128;
  rounds = argc > 3 ? (guint) strtoul (argv[3], NULL, 10) : 20;

  store = serah_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      return 1;
    }
  everyone = serah_store_count_participants (store);
  if (limit > 0)
    printf ("search over %" G_GINT64_FORMAT " participants as the paged list asks: count (cap %d)"
            " + a window of %u ids, %u rounds\n",
            everyone, SERAH_PARTICIPANTS_SEARCH_CAP, limit, rounds);
  else
    printf ("search over %" G_GINT64_FORMAT " participants, every match in area order, %u rounds\n",
            everyone, rounds);

  /* SERAH_BENCH_CHECKOFF_ONLY=1: only the ceremony part (for profiling it alone). */
  for (guint k = g_getenv ("SERAH_BENCH_CHECKOFF_ONLY") ? G_N_ELEMENTS (kinds) : 0;
       k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      double hits = 0, first = -1;

      for (guint r = 0; r < rounds; r++)
        for (guint q = 0; kinds[k].queries[q] != NULL; q++)
          {
            double c0 = cpu_ms ();
            gint64 start = g_get_monotonic_time ();
            gint64 n = one_search (store, kinds[k].queries[q], limit, &error);
            double ms = (g_get_monotonic_time () - start) / 1000.0;
            double cms = cpu_ms () - c0;

            if (n < 0)
              {
                fprintf (stderr, "bench-search: %s\n", error->message);
                return 1;
              }
            if (first_any < 0)
              {
                first_any = ms;
                printf ("  first search after opening (\"%s\")  %7.3f ms\n", kinds[k].queries[q], ms);
              }
            if (first < 0)
              {
                first = ms;
                continue;
              }
            hits += n;
            g_array_append_val (times, ms);
            g_array_append_val (cpu, cms);
            if (kinds[k].typical)
              {
                g_array_append_val (all, ms);
                g_array_append_val (all_cpu, cms);
              }
          }
      print_stats (kinds[k].kind, first, times, cpu, hits / times->len);
    }
  if (all->len > 0)
    print_stats ("typical queries", first_any, all, all_cpu, -1);

  if (limit > 0 && everyone > 0 && !g_getenv ("SERAH_BENCH_CHECKOFF_ONLY"))
    {
      /* The scroll bar dragged anywhere in the everyone list: one window at each position. */
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      double first = -1;

      for (guint r = 0; r < rounds; r++)
        for (guint step = 0; step <= 20; step++)
          {
            gint64 position = everyone * step / 20;
            double c0 = cpu_ms ();
            gint64 start = g_get_monotonic_time ();
            g_autoptr(GArray) ids = serah_participants_search_window (store, "", position, limit,
                                                                      everyone, &error);
            double ms = (g_get_monotonic_time () - start) / 1000.0;
            double cms = cpu_ms () - c0;

            if (ids == NULL)
              {
                fprintf (stderr, "bench-search: %s\n", error->message);
                return 1;
              }
            if (first < 0)
              first = ms;
            g_array_append_val (times, ms);
            g_array_append_val (cpu, cms);
          }
      print_stats ("scroll jump", first, times, cpu, -1);
    }
  if (limit > 0)
    {
      g_autoptr(GPtrArray) ceremonies = serah_ceremony_list (store, NULL);

      if (ceremonies != NULL && ceremonies->len > 0)
        {
          const SerahCeremony *c = ceremonies->pdata[0];
          if (!bench_ceremony (store, c->id, everyone, rounds, &error))
            {
              fprintf (stderr, "bench-search: %s\n", error->message);
              return 1;
            }
        }
    }
  return 0;
}
