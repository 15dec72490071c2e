/* ceremony-fixture.c: builds a ceremony test database for the shell tests, the crash test
 * and the benchmarks: N demo participants, one print run whose cards are stacked per desa
 * in name order (as the printing area stacks them), and the signed QR payload of every card
 * written to stdout as "CARDNO PAYLOAD" lines.
 *
 *   ceremony-fixture DB N [--print-fraction F]
 *
 * --print-fraction prints cards for only that share of the people (the rest "not printed").
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <serah/serah.h>

typedef struct {
  SerahStore *store;
  gint64      run_id;
  double      fraction;
  GHashTable *stack_sizes; /* desa -> int */
  guint       n;
  int         sheet, position;
  GPtrArray  *lines;
} Fixture;

static gboolean
print_card (const SerahParticipant *p, gpointer data, GError **error)
{
  Fixture *f = data;
  const char *desa = p->desa ? p->desa : "";
  int index;
  gint64 serial;
  g_autofree char *payload = NULL;

  f->n++;
  /* Deterministic thinning: the same people are left out every time. */
  if (f->fraction < 1.0 && (f->n * 7919u) % 1000 >= (guint) (f->fraction * 1000))
    return TRUE;
  index = GPOINTER_TO_INT (g_hash_table_lookup (f->stack_sizes, desa)) + 1;
  g_hash_table_insert (f->stack_sizes, g_strdup (desa), GINT_TO_POINTER (index));
  if (++f->position > 10)
    f->position = 1, f->sheet++;
  serial = serah_store_insert_printed_card (f->store, f->run_id, p->id, f->sheet, f->position,
                                            desa, index, 0, error);
  if (serial == 0)
    return FALSE;
  payload = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, p->card_no, serial, error);
  if (payload == NULL)
    return FALSE;
  g_ptr_array_add (f->lines, g_strdup_printf ("%s %s", p->card_no, payload));
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis",
                        .sheet_name = "a4-2x5", .selection = "fixture" };
  char *order[] = { "kecamatan", "desa", "name", NULL };
  SerahParticipantFilter filter = { .order = order };
  Fixture f = { 0 };

  if (argc < 3)
    {
      fprintf (stderr, "usage: ceremony-fixture DB N [--print-fraction F]\n");
      return 2;
    }
  f.fraction = argc >= 5 ? g_ascii_strtod (argv[4], NULL) : 1.0;

  store = serah_store_open (argv[1], &error);
  if (store == NULL || !serah_demo_populate (store, (guint) atoi (argv[2]), &error))
    goto failed;
  serah_store_set_setting (store, "office-name", "Dinas Kesehatan", NULL);
  serah_store_set_setting (store, "office-region", "Pemerintah Kabupaten Pandeglang", NULL);
  serah_store_set_setting (store, "office-address",
                           "Jl. Mayor Widagdo No. 1, Pandeglang, Banten 42212 · Telp. (0253) 201059",
                           NULL);

  if (!serah_store_begin (store, &error) || !serah_store_insert_print_run (store, &run, &error))
    goto failed;
  f.store = store;
  f.run_id = run.id;
  f.stack_sizes = sizes;
  f.sheet = 1;
  f.lines = lines;
  if (!serah_store_foreach_participant (store, &filter, print_card, &f, &error) ||
      !serah_store_commit (store, &error))
    goto failed;

  for (guint i = 0; i < lines->len; i++)
    printf ("%s\n", (char *) lines->pdata[i]);
  return 0;

failed:
  fprintf (stderr, "ceremony-fixture: %s\n", error ? error->message : "failed");
  return 1;
}
