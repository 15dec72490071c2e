/* print-bench-data.c: data for bench/run-print.sh.
 *   print-bench-data populate DB N
 *       a database of N demo participants (serah_demo_generate, one transaction)
 *   print-bench-data csv DB RUN LIMIT OUT.csv
 *       the first LIMIT cards of print run RUN as a CSV with the same fields Serah prints and
 *       each card's signed payload, for gLabels' merge (keys on line 1) */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <serah/serah.h>
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

typedef struct {
  SerahStore *store;
  FILE       *out;
  guint       left;
} CsvWriter;

static void
put (FILE *out, const char *value, gboolean last)
{
  /* Quoted only when needed, "" inside quotes: what gLabels' text merge reads. */
  if (value && strpbrk (value, ",\"\n") != NULL)
    {
      fputc ('"', out);
      for (const char *c = value; *c; c++)
        {
          if (*c == '"')
            fputc ('"', out);
          fputc (*c, out);
        }
      fputc ('"', out);
    }
  else
    fputs (value ? value : "", out);
  fputc (last ? '\n' : ',', out);
}

static gboolean
write_card (const SerahPrintedCard *card, gpointer user_data, GError **error)
{
  CsvWriter *w = user_data;
  g_autoptr(SerahParticipant) p = NULL;
  g_autofree char *payload = NULL, *nik = NULL, *birth = NULL, *serial = NULL, *klass = NULL;

  if (w->left == 0)
    return TRUE;
  w->left--;
  p = serah_store_get_participant (w->store, card->participant_id, error);
  if (p == NULL)
    return FALSE;
  payload = serah_payload_encode (w->store, SERAH_PAYLOAD_CARD, p->card_no, card->serial, error);
  if (payload == NULL)
    return FALSE;
  nik = serah_nik_mask (p->nik);
  birth = g_strdup_printf ("%.2s-%.2s-%.4s", p->birth_date + 8, p->birth_date + 5, p->birth_date);
  serial = g_strdup_printf ("%" G_GINT64_FORMAT, card->serial);
  klass = g_strdup_printf ("%d", p->care_class);
  put (w->out, p->card_no, FALSE);
  put (w->out, p->name, FALSE);
  put (w->out, nik, FALSE);
  put (w->out, birth, FALSE);
  put (w->out, p->faskes, FALSE);
  put (w->out, klass, FALSE);
  put (w->out, serial, FALSE);
  put (w->out, payload, TRUE);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;

  if (argc == 4 && strcmp (argv[1], "populate") == 0)
    {
      store = serah_store_open (argv[2], &error);
      if (store != NULL && serah_demo_populate (store, (guint) atoi (argv[3]), &error))
        return 0;
    }
  else if (argc == 6 && strcmp (argv[1], "csv") == 0)
    {
      CsvWriter w = { NULL, fopen (argv[5], "w"), (guint) atoi (argv[4]) };
      store = serah_store_open (argv[2], &error);
      if (store != NULL && w.out != NULL)
        {
          gboolean ok;
          w.store = store;
          fputs ("card_no,name,nik,birth_date,faskes,care_class,serial,payload\n", w.out);
          ok = serah_store_foreach_printed_card (store, g_ascii_strtoll (argv[3], NULL, 10),
                                                 write_card, &w, &error);
          fclose (w.out);
          if (ok)
            return 0;
        }
    }
  else
    {
      g_printerr ("usage: print-bench-data populate DB N | csv DB RUN LIMIT OUT.csv\n");
      return 2;
    }
  g_printerr ("print-bench-data: %s\n", error ? error->message : g_strerror (errno));
  return 1;
}
