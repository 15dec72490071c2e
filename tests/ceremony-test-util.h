/* ceremony-test-util.h: a printed office database for the ceremony tests, the fixture
 * program and the benchmarks (header-only). */
#pragma once

#include <string.h>

#include <serah/serah.h>
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

typedef struct {
  SerahStore *store;
  gint64      run_id;
  guint       per_mille;    /* share of people who get a card, in 1/1000 */
  GHashTable *stack_sizes;  /* desa -> int */
  guint       n;
  int         sheet, position;
  GPtrArray  *payloads;     /* "CARDNO PAYLOAD" per printed card */
} CeremonyTestPrint;

static gboolean
ceremony_test_print_one (const SerahParticipant *p, gpointer data, GError **error)
{
  CeremonyTestPrint *f = data;
  const char *desa = p->desa ? p->desa : "";
  g_autofree char *payload = NULL;
  gint64 serial;
  int index;

  /* Deterministic thinning: the same people are left without a card every time. */
  f->n++;
  if ((f->n * 7919u) % 1000 >= f->per_mille)
    return TRUE;
  /* One stack per desa in (kecamatan, desa, name) order, as the print area stacks cards. */
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
  g_ptr_array_add (f->payloads, g_strdup_printf ("%s %s", p->card_no, payload));
  return TRUE;
}

/* Fills an empty store with n demo participants and prints a card for per_mille/1000 of
 * them in one print run. Returns the "CARDNO PAYLOAD" lines. */
static inline GPtrArray *
ceremony_test_populate (SerahStore *store, guint n, guint per_mille, gint64 *run_id,
                        GError **error)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis",
                        .sheet_name = "a4-2x5", .selection = "test" };
  char *order[] = { "kecamatan", "desa", "name", NULL };
  SerahParticipantFilter filter = { .order = order };
  CeremonyTestPrint f = { store, 0, per_mille, sizes, 0, 1, 0, payloads };

  if (!serah_demo_populate (store, n, error))
    return NULL;
  if (!serah_store_begin (store, error))
    return NULL;
  if (!serah_store_insert_print_run (store, &run, error))
    goto failed;
  f.run_id = run.id;
  if (!serah_store_foreach_participant (store, &filter, ceremony_test_print_one, &f, error) ||
      !serah_store_commit (store, error))
    goto failed;
  if (run_id != NULL)
    *run_id = run.id;
  return g_steal_pointer (&payloads);

failed:
  serah_store_rollback (store);
  return NULL;
}

/* The payload part of a "CARDNO PAYLOAD" line. */
static inline const char *
ceremony_test_payload (GPtrArray *lines, guint i)
{
  return strchr (g_ptr_array_index (lines, i), ' ') + 1;
}
