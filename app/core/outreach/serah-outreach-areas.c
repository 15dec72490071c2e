/* serah-outreach-areas.c: the kecamatan and desa the outreach forms offer (see the header).
 *
 * Why here and not in register/: the rule "the office kabupaten's reference areas plus the
 * register's own" is the outreach forms' rule (a registration is for someone the register
 * does not cover); register/ keeps the reference and the counts, this file only combines
 * them. Names are matched folded (serah_area_fold_name), as the importer matches them, so
 * "DS. CARINGIN" in an old register row and "Caringin" of the reference are one desa. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <string.h>

#include <serah/outreach/serah-outreach-areas.h>
#include <serah/register/serah-area.h>
#include <serah/register/serah-register.h>
#include <serah/register/serah-register-records.h>

#include "store/serah-store-private.h"

/* The kabupaten holding most of the register's participants, through the reference's
 * kecamatan names; ties go to the smaller code, so the answer never depends on hash order. */
static char *
dominant_kabupaten (SerahAreas *areas, GPtrArray *counts)
{
  g_autoptr(GHashTable) per_kab = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  gint64 best_n = 0;

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const SerahAreaCount *c = counts->pdata[i];
      gboolean ambiguous = FALSE;
      const SerahAreaKecamatan *k;
      gint64 *n;

      if (c->kecamatan == NULL || c->participants <= 0)
        continue;
      k = serah_areas_kecamatan_named (areas, c->kecamatan, NULL, &ambiguous);
      if (k == NULL || k->kabupaten == NULL)
        continue;
      n = g_hash_table_lookup (per_kab, k->kabupaten->code);
      if (n == NULL)
        {
          n = g_new0 (gint64, 1);
          g_hash_table_insert (per_kab, (gpointer) k->kabupaten->code, n);
        }
      *n += c->participants;
    }
  g_hash_table_iter_init (&iter, per_kab);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 n = *(gint64 *) value;
      if (n > best_n || (n == best_n && best != NULL && strcmp (key, best) < 0))
        {
          best = key;
          best_n = n;
        }
    }
  return g_strdup (best);
}

static char *
office_kabupaten (SerahStore *store, SerahAreas *areas, GPtrArray *counts)
{
  g_autofree char *setting = serah_store_get_setting (store, "office-kabupaten");
  const SerahAreaKabupaten *kab;

  if (setting != NULL && *g_strstrip (setting) != '\0')
    {
      /* Written with or without dots; give back the reference's spelling when it knows it. */
      kab = areas ? serah_areas_kabupaten (areas, setting) : NULL;
      return g_strdup (kab ? kab->code : setting);
    }
  return areas ? dominant_kabupaten (areas, counts) : NULL;
}

char *
serah_outreach_office_kabupaten (SerahStore *store)
{
  g_autoptr(GPtrArray) counts = NULL;
  SerahAreas *areas;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  areas = serah_areas_get_default (NULL);
  counts = serah_participants_count_by_area (store, NULL);
  return office_kabupaten (store, areas, counts);
}

static SerahAreaCount *
area_count_new (const char *kecamatan, const char *desa, gint64 participants)
{
  SerahAreaCount *c = g_new0 (SerahAreaCount, 1);

  c->kecamatan = g_strdup (kecamatan);
  c->desa = g_strdup (desa);
  c->participants = participants;
  return c;
}

static char *
area_key (const char *kecamatan, const char *desa)
{
  g_autofree char *k = serah_area_fold_name (kecamatan);
  g_autofree char *d = serah_area_fold_name (desa);

  return g_strconcat (k, ":", d, NULL);
}

static int
compare_areas (gconstpointer a, gconstpointer b)
{
  const SerahAreaCount *x = *(SerahAreaCount * const *) a;
  const SerahAreaCount *y = *(SerahAreaCount * const *) b;
  int c = g_strcmp0 (x->kecamatan, y->kecamatan);

  return c != 0 ? c : g_strcmp0 (x->desa, y->desa);
}

GPtrArray *
serah_outreach_form_areas (SerahStore *store, GError **error)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) kecamatan = NULL;
  g_autoptr(GHashTable) register_counts = NULL;
  g_autofree char *kabupaten = NULL;
  GPtrArray *result;
  SerahAreas *areas;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  counts = serah_participants_count_by_area (store, error);
  if (counts == NULL)
    return NULL;
  /* Without the reference (a broken install) the forms still offer the register's areas. */
  areas = serah_areas_get_default (NULL);
  kabupaten = office_kabupaten (store, areas, counts);
  if (areas == NULL || kabupaten == NULL)
    return g_steal_pointer (&counts);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_area_count_free);
  register_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < counts->len; i++)
    {
      SerahAreaCount *c = counts->pdata[i];
      g_hash_table_insert (register_counts, area_key (c->kecamatan, c->desa), c);
    }

  kecamatan = serah_areas_kecamatan_of (areas, kabupaten);
  for (guint k = 0; k < kecamatan->len; k++)
    {
      const SerahAreaKecamatan *kec = kecamatan->pdata[k];
      g_autoptr(GPtrArray) desa = serah_areas_desa_of (areas, kec);

      for (guint d = 0; d < desa->len; d++)
        {
          const SerahAreaDesa *ds = desa->pdata[d];
          g_autofree char *key = area_key (kec->name, ds->name);
          SerahAreaCount *c = g_hash_table_lookup (register_counts, key);

          g_ptr_array_add (result, area_count_new (kec->name, ds->name,
                                                   c ? c->participants : 0));
          if (c != NULL)
            g_hash_table_remove (register_counts, key);
        }
    }
  /* What the register holds beyond the kabupaten's reference, as it is spelt there. */
  for (guint i = 0; i < counts->len; i++)
    {
      SerahAreaCount *c = counts->pdata[i];
      g_autofree char *key = area_key (c->kecamatan, c->desa);

      if (g_hash_table_lookup (register_counts, key) == c)
        g_ptr_array_add (result, area_count_new (c->kecamatan, c->desa, c->participants));
    }
  g_ptr_array_sort (result, compare_areas);
  return result;
}
