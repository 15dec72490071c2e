/* serah-id-window-list.c: the one paged GListModel of the window (issue #10).
 *
 * The Peserta list, the "belum dilayani" list and the Laporan's uncollected list may each hold
 * a million people. They share this model: the subclass counts (its store keeps the counts)
 * and reads one window of PAGE_SIZE ids in the list's order when GTK asks for a position
 * (read_window), then the item of each id shown (read_item). A few windows are kept
 * (MAX_PAGES; scrolling far starts afresh rather than grow), and a small direct-mapped cache
 * keyed by id keeps rebinds while scrolling, and rows that stay visible across a new count,
 * from going back to SQLite. Before, the Peserta and pending lists each carried a copy of
 * this cache (issue #10, item 5). A derivable type because it is a real extension point: three
 * lists with their own queries and item types. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include "serah-id-window-list.h"

/* Ids read per window, and how many windows are kept (a window is 8 bytes a row). */
#define PAGE_SIZE 128
#define MAX_PAGES 64
/* A few screens of rows: a 768-pixel-high window shows about 25. Power of two for the mask. */
#define CACHE_SLOTS 512

typedef struct
{
  guint       n_items;
  GHashTable *pages;                /* page number + 1 -> GArray of gint64 ids */
  GObject    *cache[CACHE_SLOTS];   /* by id */
  gint64      cache_ids[CACHE_SLOTS];
  guint       windows_loaded;
  guint       rows_loaded;
} SerahIdWindowListPrivate;

static void serah_id_window_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (SerahIdWindowList, serah_id_window_list, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (SerahIdWindowList)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                serah_id_window_list_model_init))

enum { PROP_0, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
serah_id_window_list_get_item_type (GListModel *model)
{
  return SERAH_ID_WINDOW_LIST_GET_CLASS (model)->item_type;
}

static guint
serah_id_window_list_get_n_items (GListModel *model)
{
  SerahIdWindowListPrivate *priv =
    serah_id_window_list_get_instance_private (SERAH_ID_WINDOW_LIST (model));

  return priv->n_items;
}

/* The id at position, reading its window if it is not kept; 0 when it cannot be read. */
static gint64
id_at (SerahIdWindowList *self, guint position)
{
  SerahIdWindowListPrivate *priv = serah_id_window_list_get_instance_private (self);
  guint page = position / PAGE_SIZE;
  GArray *ids = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page + 1));

  if (ids == NULL)
    {
      g_autoptr(GError) error = NULL;

      ids = SERAH_ID_WINDOW_LIST_GET_CLASS (self)->read_window (self, (gint64) page * PAGE_SIZE,
                                                                 PAGE_SIZE, &error);
      if (ids == NULL)
        {
          g_debug ("Cannot read the list at %u: %s", position,
                   error ? error->message : "no reason given");
          return 0;
        }
      priv->windows_loaded++;
      if (g_hash_table_size (priv->pages) >= MAX_PAGES)
        g_hash_table_remove_all (priv->pages);
      g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page + 1), ids);
    }
  return position % PAGE_SIZE < ids->len ? g_array_index (ids, gint64, position % PAGE_SIZE) : 0;
}

static gpointer
serah_id_window_list_get_item (GListModel *model, guint position)
{
  SerahIdWindowList *self = SERAH_ID_WINDOW_LIST (model);
  SerahIdWindowListPrivate *priv = serah_id_window_list_get_instance_private (self);
  guint slot;
  gint64 id;

  if (position >= priv->n_items)
    return NULL;
  id = id_at (self, position);
  /* A position whose id cannot be read (a row gone since the count, a read error) still gets
   * an item, not kept: the next count shows the truth. */
  if (id <= 0)
    return SERAH_ID_WINDOW_LIST_GET_CLASS (self)->read_item (self, position, id);
  slot = (guint) ((guint64) id & (CACHE_SLOTS - 1));
  if (priv->cache[slot] == NULL || priv->cache_ids[slot] != id)
    {
      priv->rows_loaded++;
      g_clear_object (&priv->cache[slot]);
      priv->cache[slot] = SERAH_ID_WINDOW_LIST_GET_CLASS (self)->read_item (self, position, id);
      priv->cache_ids[slot] = id;
    }
  return g_object_ref (priv->cache[slot]);
}

static void
serah_id_window_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = serah_id_window_list_get_item_type;
  iface->get_n_items = serah_id_window_list_get_n_items;
  iface->get_item = serah_id_window_list_get_item;
}

static void
clear_cache (SerahIdWindowListPrivate *priv)
{
  for (guint i = 0; i < CACHE_SLOTS; i++)
    g_clear_object (&priv->cache[i]);
}

/* The old and new lists are not compared (that would read them both): one items-changed from
 * 0. But GTK 4.8's list item manager, to keep the row widgets of items that stay, fetches every
 * added item once with get_item() when items are removed in the same signal: for a large
 * change that would read every row from SQLite. Past SMALL_CHANGE added items the change is
 * therefore told as "all removed" then "all added": GTK rebuilds its couple of hundred row
 * widgets instead, which costs the same whatever the size of the list. */
#define SMALL_CHANGE 256

void
serah_id_window_list_reset (SerahIdWindowList *self, guint n_items, gboolean rows_changed)
{
  SerahIdWindowListPrivate *priv;
  guint n_old;

  g_return_if_fail (SERAH_IS_ID_WINDOW_LIST (self));

  priv = serah_id_window_list_get_instance_private (self);
  n_old = priv->n_items;
  g_hash_table_remove_all (priv->pages);
  if (rows_changed)
    clear_cache (priv);
  if (n_old == 0 && n_items == 0)
    return;
  if (n_items <= SMALL_CHANGE || n_old == 0)
    {
      priv->n_items = n_items;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_items);
    }
  else
    {
      /* GTK may ask for items while handling the first signal: it sees an empty list. */
      priv->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
      priv->n_items = n_items;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_items);
    }
  if (n_old != n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
serah_id_window_list_get_windows_loaded (SerahIdWindowList *self)
{
  SerahIdWindowListPrivate *priv;

  g_return_val_if_fail (SERAH_IS_ID_WINDOW_LIST (self), 0);
  priv = serah_id_window_list_get_instance_private (self);
  return priv->windows_loaded;
}

guint
serah_id_window_list_get_rows_loaded (SerahIdWindowList *self)
{
  SerahIdWindowListPrivate *priv;

  g_return_val_if_fail (SERAH_IS_ID_WINDOW_LIST (self), 0);
  priv = serah_id_window_list_get_instance_private (self);
  return priv->rows_loaded;
}

static GArray *
no_window (SerahIdWindowList *self, gint64 position, guint limit, GError **error)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

static gpointer
no_item (SerahIdWindowList *self, guint position, gint64 id)
{
  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
serah_id_window_list_get_property (GObject *object, guint prop_id, GValue *value,
                                   GParamSpec *pspec)
{
  SerahIdWindowListPrivate *priv =
    serah_id_window_list_get_instance_private (SERAH_ID_WINDOW_LIST (object));

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_id_window_list_dispose (GObject *object)
{
  clear_cache (serah_id_window_list_get_instance_private (SERAH_ID_WINDOW_LIST (object)));
  G_OBJECT_CLASS (serah_id_window_list_parent_class)->dispose (object);
}

static void
serah_id_window_list_finalize (GObject *object)
{
  SerahIdWindowListPrivate *priv =
    serah_id_window_list_get_instance_private (SERAH_ID_WINDOW_LIST (object));

  g_hash_table_unref (priv->pages);
  G_OBJECT_CLASS (serah_id_window_list_parent_class)->finalize (object);
}

static void
serah_id_window_list_class_init (SerahIdWindowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = serah_id_window_list_get_property;
  object_class->dispose = serah_id_window_list_dispose;
  object_class->finalize = serah_id_window_list_finalize;
  klass->read_window = no_window;
  klass->read_item = no_item;
  klass->item_type = G_TYPE_OBJECT;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_id_window_list_init (SerahIdWindowList *self)
{
  SerahIdWindowListPrivate *priv = serah_id_window_list_get_instance_private (self);

  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}
