/* serah-participant-list.c: the participant register as a paged, lazy GListModel.
 *
 * A kabupaten has up to a million participants (issue #10). The model never holds the whole
 * result: a search asks the store how many match (searches counted up to
 * SERAH_PARTICIPANTS_SEARCH_CAP; past that the person types more) and GTK, which only asks
 * for the rows it shows, gets them one window of PAGE_SIZE ids at a time
 * (serah_participants_search_window: an index range, no sort). So typing costs a count and one
 * window whatever the size of the register, and scrolling reads a window per PAGE_SIZE rows.
 * A few windows are kept (MAX_PAGES), and a small direct-mapped cache keyed by id keeps
 * rebinds while scrolling (and the rows that stay visible across a new search) from going
 * back to SQLite. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/register/serah-register.h>

#include "serah-participant-list.h"

/* A few screens of rows: a 768-pixel-high window shows about 25. Power of two for the mask. */
#define CACHE_SLOTS 512
/* Ids read per window, and how many windows are kept (a window is 8 bytes a row). */
#define PAGE_SIZE 128
#define MAX_PAGES 64

struct _SerahParticipantList
{
  GObject     parent_instance;

  SerahStore *store;
  char       *query;
  guint       n_items;
  gboolean    more;                /* the search matched more than n_items */
  gint64      everyone;            /* everyone's count, -1 until read after a change */
  GHashTable *pages;               /* page number + 1 -> GArray of gint64 ids */
  SerahParticipantItem *cache[CACHE_SLOTS];
  guint       rows_loaded;
  guint       windows_loaded;
};

static void serah_participant_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SerahParticipantList, serah_participant_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      serah_participant_list_model_init))

enum { PROP_0, PROP_STORE, PROP_QUERY, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
serah_participant_list_get_item_type (GListModel *model)
{
  return SERAH_TYPE_PARTICIPANT_ITEM;
}

static guint
serah_participant_list_get_n_items (GListModel *model)
{
  return SERAH_PARTICIPANT_LIST (model)->n_items;
}

/* The id at position, reading its window if it is not kept; 0 when it cannot be read. */
static gint64
id_at (SerahParticipantList *self, guint position)
{
  guint page = position / PAGE_SIZE;
  GArray *ids = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page + 1));

  if (ids == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->store == NULL)
        return 0;
      ids = serah_participants_search_window (self->store, self->query,
                                              (gint64) page * PAGE_SIZE, PAGE_SIZE,
                                              self->query[0] == '\0' ? self->everyone : 0,
                                              &error);
      if (ids == NULL)
        {
          g_debug ("Cannot read participants at %u: %s", position, error->message);
          return 0;
        }
      self->windows_loaded++;
      /* Scrolling far keeps reading new windows: start afresh rather than grow. */
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page + 1), ids);
    }
  return position % PAGE_SIZE < ids->len ? g_array_index (ids, gint64, position % PAGE_SIZE) : 0;
}

static gpointer
serah_participant_list_get_item (GListModel *model, guint position)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (model);
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  SerahParticipantItem **slot;
  gint64 id;

  if (position >= self->n_items)
    return NULL;

  id = id_at (self, position);
  slot = &self->cache[(guint64) id & (CACHE_SLOTS - 1)];
  if (id > 0 && *slot != NULL && serah_participant_item_get_id (*slot) == id)
    return g_object_ref (*slot);
  /* GListModel must answer for every position below n_items; a row deleted since the
   * count (or a read error) shows as an empty row until the next reload. */
  if (id <= 0)
    return serah_participant_item_new_missing (id);

  self->rows_loaded++;
  participant = serah_participants_get (self->store, id, &error);
  g_clear_object (slot);
  if (participant != NULL)
    *slot = serah_participant_item_new (participant);
  else
    {
      if (error != NULL)
        g_debug ("Cannot read participant %" G_GINT64_FORMAT ": %s", id, error->message);
      *slot = serah_participant_item_new_missing (id);
    }
  return g_object_ref (*slot);
}

static void
serah_participant_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = serah_participant_list_get_item_type;
  iface->get_n_items = serah_participant_list_get_n_items;
  iface->get_item = serah_participant_list_get_item;
}

static void
clear_cache (SerahParticipantList *self)
{
  for (guint i = 0; i < CACHE_SLOTS; i++)
    g_clear_object (&self->cache[i]);
}

/* Tells the views the list changed. The old and new results are not compared (that would
 * read them both): one items-changed from 0. But GTK 4.8's list item manager, to keep the
 * row widgets of items that stay, fetches every added item once with get_item() when items
 * are removed in the same signal: for a large change that would read every matching row
 * from SQLite. Past SMALL_CHANGE added items the change is therefore told as "all removed"
 * then "all added": GTK rebuilds its couple of hundred row widgets instead, which costs the
 * same whatever the size of the result. */
#define SMALL_CHANGE 256

static void
emit_changes (SerahParticipantList *self, guint n_old, guint n_new)
{
  if (n_old == 0 && n_new == 0)
    return;
  if (n_new <= SMALL_CHANGE || n_old == 0)
    {
      self->n_items = n_new;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
    }
  else
    {
      /* GTK may ask for items while handling the first signal: it sees an empty list. */
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
      self->n_items = n_new;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_new);
    }
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Counts the matches of the query and starts showing them; windows are read when asked. */
static gboolean
reload (SerahParticipantList *self, gboolean rows_changed, GError **error)
{
  gboolean more = FALSE;
  gint64 n = 0;
  guint n_old = self->n_items;

  if (rows_changed)
    self->everyone = -1;
  if (self->store != NULL)
    {
      if (self->query[0] == '\0' && self->everyone >= 0)
        n = self->everyone;
      else
        {
          n = serah_participants_search_count (self->store, self->query,
                                               SERAH_PARTICIPANTS_SEARCH_CAP, &more, error);
          if (n < 0)
            return FALSE;
          if (self->query[0] == '\0')
            self->everyone = n;
        }
    }
  g_hash_table_remove_all (self->pages);
  self->more = more;
  emit_changes (self, n_old, (guint) MIN (n, (gint64) G_MAXUINT));
  return TRUE;
}

SerahParticipantList *
serah_participant_list_new (SerahStore *store)
{
  g_return_val_if_fail (store == NULL || SERAH_IS_STORE (store), NULL);
  return g_object_new (SERAH_TYPE_PARTICIPANT_LIST, "store", store, NULL);
}

SerahStore *
serah_participant_list_get_store (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), NULL);
  return self->store;
}

gboolean
serah_participant_list_set_store (SerahParticipantList *self, SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), FALSE);
  g_return_val_if_fail (store == NULL || SERAH_IS_STORE (store), FALSE);

  if (!g_set_object (&self->store, store))
    return TRUE;
  clear_cache (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return reload (self, TRUE, error);
}

const char *
serah_participant_list_get_query (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), NULL);
  return self->query;
}

gboolean
serah_participant_list_set_query (SerahParticipantList *self, const char *query, GError **error)
{
  g_autofree char *previous = NULL;

  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), FALSE);

  if (query == NULL)
    query = "";
  if (g_strcmp0 (self->query, query) == 0)
    return TRUE;

  previous = g_steal_pointer (&self->query);
  self->query = g_strdup (query);
  /* The rows did not change, only which ones match: the cache stays valid. */
  if (!reload (self, FALSE, error))
    {
      g_free (self->query);
      self->query = g_steal_pointer (&previous);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  return TRUE;
}

gboolean
serah_participant_list_refresh (SerahParticipantList *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), FALSE);

  clear_cache (self);
  return reload (self, TRUE, error);
}

gboolean
serah_participant_list_get_more (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), FALSE);
  return self->more;
}

guint
serah_participant_list_get_windows_loaded (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), 0);
  return self->windows_loaded;
}

guint
serah_participant_list_get_rows_loaded (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), 0);
  return self->rows_loaded;
}

static void
serah_participant_list_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_participant_list_set_property (GObject *object, guint prop_id, const GValue *value,
                                     GParamSpec *pspec)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (object);
  g_autoptr(GError) error = NULL;

  switch (prop_id)
    {
    case PROP_STORE:
      /* Through the property there is no one to hand an error to; callers who care use
       * serah_participant_list_set_store(). The list then stays empty. */
      if (!serah_participant_list_set_store (self, g_value_get_object (value), &error))
        g_debug ("Cannot list participants: %s", error->message);
      break;
    case PROP_QUERY:
      if (!serah_participant_list_set_query (self, g_value_get_string (value), &error))
        g_debug ("Cannot search participants: %s", error->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_participant_list_dispose (GObject *object)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (object);

  clear_cache (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_participant_list_parent_class)->dispose (object);
}

static void
serah_participant_list_finalize (GObject *object)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (object);

  g_hash_table_unref (self->pages);
  g_free (self->query);
  G_OBJECT_CLASS (serah_participant_list_parent_class)->finalize (object);
}

static void
serah_participant_list_class_init (SerahParticipantListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = serah_participant_list_get_property;
  object_class->set_property = serah_participant_list_set_property;
  object_class->dispose = serah_participant_list_dispose;
  object_class->finalize = serah_participant_list_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_participant_list_init (SerahParticipantList *self)
{
  self->query = g_strdup ("");
  self->everyone = -1;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}
