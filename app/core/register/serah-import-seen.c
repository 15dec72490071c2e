/* serah-import-seen.c: the rows of the file being imported that were already queued, so that
 * a later row with the same NIK (an exact repeat, or the same person with other data) or the
 * same card number is recognised (serah-import-rows.c).
 *
 * Why not two GHashTables of allocated rows, as before: at a million rows they held 190 MB
 * (a 96-byte allocation per row, its malloc header, and two tables of hashes, keys and
 * values), more than the whole import may take (issue 10: resident memory under 150 MB
 * whatever the size). Here a row is 48 bytes in chunks of 64 Ki rows, and the two indexes are
 * open-addressing arrays of 4-byte row numbers kept at most half full: about 64 MB at a
 * million rows, never copied whole (the chunks do not move; only an index is rebuilt when
 * it doubles).
 *
 * A row keeps a 64-bit hash of all its stored fields, which decides exact repeat against
 * conflict (a false "repeat" needs two different rows with one 64-bit hash), and a 16-bit
 * hash per field, which only names the fields that differ in the conflict's message. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include "register/serah-import-private.h"

#define CHUNK_BITS 16
#define CHUNK_ROWS (1u << CHUNK_BITS)
#define EMPTY G_MAXUINT32

struct _SerahImportSeen {
  GPtrArray *chunks;   /* SerahImportSeenRow[CHUNK_ROWS] each */
  guint32    n;
  guint32   *by_nik;   /* row number or EMPTY */
  guint32   *by_card;
  guint32    mask;     /* capacity - 1 of both indexes */
};

SerahImportSeen *
serah_import_seen_new (void)
{
  SerahImportSeen *self = g_new0 (SerahImportSeen, 1);

  self->chunks = g_ptr_array_new_with_free_func (g_free);
  self->mask = 1024 - 1;
  self->by_nik = g_new (guint32, self->mask + 1);
  self->by_card = g_new (guint32, self->mask + 1);
  memset (self->by_nik, 0xff, (self->mask + 1) * sizeof (guint32));
  memset (self->by_card, 0xff, (self->mask + 1) * sizeof (guint32));
  return self;
}

void
serah_import_seen_free (SerahImportSeen *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->chunks);
  g_free (self->by_nik);
  g_free (self->by_card);
  g_free (self);
}

static SerahImportSeenRow *
row_at (const SerahImportSeen *self, guint32 i)
{
  return (SerahImportSeenRow *) self->chunks->pdata[i >> CHUNK_BITS] + (i & (CHUNK_ROWS - 1));
}

/* NIKs and card numbers are 16 and 13 digits: their low bits alone would cluster (serials). */
static guint32
key_hash (gint64 key)
{
  guint64 x = (guint64) key;

  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (guint32) x;
}

static const SerahImportSeenRow *
find (const SerahImportSeen *self, const guint32 *index, gboolean by_nik, gint64 key)
{
  for (guint32 slot = key_hash (key) & self->mask;; slot = (slot + 1) & self->mask)
    {
      const SerahImportSeenRow *row;

      if (index[slot] == EMPTY)
        return NULL;
      row = row_at (self, index[slot]);
      if ((by_nik ? row->nik : row->card) == key)
        return row;
    }
}

const SerahImportSeenRow *
serah_import_seen_find_nik (const SerahImportSeen *self, gint64 nik)
{
  return find (self, self->by_nik, TRUE, nik);
}

const SerahImportSeenRow *
serah_import_seen_find_card (const SerahImportSeen *self, gint64 card)
{
  return find (self, self->by_card, FALSE, card);
}

static void
put (const SerahImportSeen *self, guint32 *index, gint64 key, guint32 i)
{
  guint32 slot = key_hash (key) & self->mask;

  while (index[slot] != EMPTY)
    slot = (slot + 1) & self->mask;
  index[slot] = i;
}

static void
grow (SerahImportSeen *self)
{
  guint32 capacity = (self->mask + 1) * 2;

  g_free (self->by_nik);
  g_free (self->by_card);
  self->mask = capacity - 1;
  self->by_nik = g_new (guint32, capacity);
  self->by_card = g_new (guint32, capacity);
  memset (self->by_nik, 0xff, capacity * sizeof (guint32));
  memset (self->by_card, 0xff, capacity * sizeof (guint32));
  for (guint32 i = 0; i < self->n; i++)
    {
      const SerahImportSeenRow *row = row_at (self, i);
      put (self, self->by_nik, row->nik, i);
      put (self, self->by_card, row->card, i);
    }
}

void
serah_import_seen_add (SerahImportSeen *self, const SerahImportSeenRow *row)
{
  guint32 i = self->n;

  /* Neither NIK nor card number may be in yet (check_seen looked): one slot each. */
  g_assert (self->n < EMPTY - 1);
  if ((i & (CHUNK_ROWS - 1)) == 0)
    g_ptr_array_add (self->chunks, g_new (SerahImportSeenRow, CHUNK_ROWS));
  *row_at (self, i) = *row;
  self->n++;
  if ((guint64) self->n * 2 > (guint64) self->mask + 1)
    grow (self);
  else
    {
      put (self, self->by_nik, row->nik, i);
      put (self, self->by_card, row->card, i);
    }
}
