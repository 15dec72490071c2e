/* serah-pending-list.c: the people still waiting for a card ("belum dilayani"), as a paged
 * GListModel (issue #10).
 *
 * A kabupaten's ceremony may invite a million people. Reading them all into a GListStore took
 * 34 s before the dialog showed anything; this model takes its length from the handover
 * tallies (serah_ceremony_count_pending) and reads only the windows GTK asks for
 * (serah_ceremony_pending_window: a range of the invitations' desa index), then each shown
 * row's entry (serah_ceremony_get_entry). A few windows and a few hundred entries are kept. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/ceremony/serah-ceremony.h>

#include "serah-ceremony-items.h"
#include "serah-pending-list.h"

#define PAGE_SIZE 64
#define MAX_PAGES 64
/* Power of two for the mask: a few screens of rows. */
#define CACHE_SLOTS 256

struct _SerahPendingList
{
  GObject     parent_instance;

  SerahStore *store;
  gint64      ceremony_id;
  char       *kecamatan;
  char       *desa;
  guint       n_items;
  GHashTable *pages;                     /* page + 1 -> GArray of gint64 */
  SerahCheckoffItem *cache[CACHE_SLOTS]; /* by participant id */
  guint       windows_loaded;
};

static void serah_pending_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SerahPendingList, serah_pending_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      serah_pending_list_model_init))

static GType
serah_pending_list_get_item_type (GListModel *model)
{
  return SERAH_TYPE_CHECKOFF_ITEM;
}

static guint
serah_pending_list_get_n_items (GListModel *model)
{
  return SERAH_PENDING_LIST (model)->n_items;
}

static gint64
id_at (SerahPendingList *self, guint position)
{
  guint page = position / PAGE_SIZE;
  GArray *ids = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page + 1));

  if (ids == NULL)
    {
      g_autoptr(GError) error = NULL;

      ids = serah_ceremony_pending_window (self->store, self->ceremony_id, self->kecamatan,
                                           self->desa, (gint64) page * PAGE_SIZE, PAGE_SIZE,
                                           self->n_items, &error);
      if (ids == NULL)
        {
          g_debug ("Cannot read who is waiting at %u: %s", position, error->message);
          return 0;
        }
      self->windows_loaded++;
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page + 1), ids);
    }
  return position % PAGE_SIZE < ids->len ? g_array_index (ids, gint64, position % PAGE_SIZE) : 0;
}

static gpointer
serah_pending_list_get_item (GListModel *model, guint position)
{
  SerahPendingList *self = SERAH_PENDING_LIST (model);
  g_autoptr(SerahCheckoffEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  SerahCheckoffItem **slot;
  gint64 id;

  if (position >= self->n_items)
    return NULL;
  id = id_at (self, position);
  slot = &self->cache[(guint64) id & (CACHE_SLOTS - 1)];
  if (id > 0 && *slot != NULL && serah_checkoff_item_get_entry (*slot)->participant->id == id)
    return g_object_ref (*slot);
  if (id > 0)
    entry = serah_ceremony_get_entry (self->store, self->ceremony_id, id, &error);
  if (entry == NULL)
    {
      /* GListModel answers for every position below n_items: a person served since the
       * count (another desk) or a read error shows as an empty row until the next count. */
      SerahCheckoffEntry empty = { .participant = serah_participant_new () };
      SerahCheckoffItem *item;

      if (error != NULL)
        g_debug ("Cannot read participant %" G_GINT64_FORMAT ": %s", id, error->message);
      empty.participant->id = id;
      item = serah_checkoff_item_new (&empty);
      serah_participant_free (empty.participant);
      return item;
    }
  g_clear_object (slot);
  *slot = serah_checkoff_item_new (entry);
  return g_object_ref (*slot);
}

static void
serah_pending_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = serah_pending_list_get_item_type;
  iface->get_n_items = serah_pending_list_get_n_items;
  iface->get_item = serah_pending_list_get_item;
}

/* As SerahParticipantList: past a few hundred rows, "all removed" then "all added", so that
 * GTK 4.8 does not read every new row to keep row widgets. */
#define SMALL_CHANGE 256

static void
emit_changes (SerahPendingList *self, guint n_old, guint n_new)
{
  if (n_old == 0 && n_new == 0)
    return;
  if (n_new <= SMALL_CHANGE || n_old == 0)
    {
      self->n_items = n_new;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
      return;
    }
  self->n_items = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
  self->n_items = n_new;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_new);
}

gboolean
serah_pending_list_set_desa (SerahPendingList *self, const char *kecamatan, const char *desa,
                             GError **error)
{
  gint64 n;

  g_return_val_if_fail (SERAH_IS_PENDING_LIST (self), FALSE);

  g_free (self->kecamatan);
  g_free (self->desa);
  self->kecamatan = desa && kecamatan ? g_strdup (kecamatan) : NULL;
  self->desa = desa && kecamatan ? g_strdup (desa) : NULL;
  g_hash_table_remove_all (self->pages);
  for (guint i = 0; i < CACHE_SLOTS; i++)
    g_clear_object (&self->cache[i]);
  n = serah_ceremony_count_pending (self->store, self->ceremony_id, self->kecamatan, self->desa,
                                    error);
  emit_changes (self, self->n_items, n > 0 ? (guint) MIN (n, (gint64) G_MAXUINT) : 0);
  return n >= 0;
}

guint
serah_pending_list_get_windows_loaded (SerahPendingList *self)
{
  g_return_val_if_fail (SERAH_IS_PENDING_LIST (self), 0);
  return self->windows_loaded;
}

SerahPendingList *
serah_pending_list_new (SerahStore *store, gint64 ceremony_id)
{
  SerahPendingList *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  self = g_object_new (SERAH_TYPE_PENDING_LIST, NULL);
  self->store = g_object_ref (store);
  self->ceremony_id = ceremony_id;
  return self;
}

static void
serah_pending_list_dispose (GObject *object)
{
  SerahPendingList *self = SERAH_PENDING_LIST (object);

  for (guint i = 0; i < CACHE_SLOTS; i++)
    g_clear_object (&self->cache[i]);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_pending_list_parent_class)->dispose (object);
}

static void
serah_pending_list_finalize (GObject *object)
{
  SerahPendingList *self = SERAH_PENDING_LIST (object);

  g_hash_table_unref (self->pages);
  g_free (self->kecamatan);
  g_free (self->desa);
  G_OBJECT_CLASS (serah_pending_list_parent_class)->finalize (object);
}

static void
serah_pending_list_class_init (SerahPendingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = serah_pending_list_dispose;
  object_class->finalize = serah_pending_list_finalize;
}

static void
serah_pending_list_init (SerahPendingList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}
