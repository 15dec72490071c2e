/* serah-participant-list.c: the participant register as a lazy GListModel.
 *
 * A district has up to a few hundred thousand participants. Holding one GObject per person
 * (or reading every row) on each keystroke would make search-as-you-type crawl, so the model
 * holds only the matching ids, in display order, from serah_participants_search_ids()
 * (an index/FTS5 query), and reads a row when GTK asks for it: GtkColumnView only asks for
 * the rows it shows. A small direct-mapped cache keyed by id keeps rebinds while scrolling
 * (and the rows that stay visible across a new search) from going back to SQLite. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/register/serah-register.h>

#include "serah-participant-list.h"

/* A few screens of rows: a 768-pixel-high window shows about 25. Power of two for the mask. */
#define CACHE_SLOTS 512

struct _SerahParticipantList
{
  GObject     parent_instance;

  SerahStore *store;
  char       *query;
  GArray     *ids;                 /* gint64, display order */
  SerahParticipantItem *cache[CACHE_SLOTS];
  guint       rows_loaded;
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
  return SERAH_PARTICIPANT_LIST (model)->ids->len;
}

static gpointer
serah_participant_list_get_item (GListModel *model, guint position)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (model);
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  SerahParticipantItem **slot;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  slot = &self->cache[(guint64) id & (CACHE_SLOTS - 1)];
  if (*slot != NULL && serah_participant_item_get_id (*slot) == id)
    return g_object_ref (*slot);

  self->rows_loaded++;
  participant = serah_participants_get (self->store, id, &error);
  g_clear_object (slot);
  if (participant != NULL)
    *slot = serah_participant_item_new (participant);
  else
    {
      /* GListModel must answer for every position below n_items; a row deleted since the
       * search (or a read error) shows as an empty row until the next reload. */
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

/* Tells the views what changed between the old ids and the new ones. Only the differing
 * middle is reported: refining a search often keeps the first or last rows, and an
 * unchanged result (typing "sapu" after "sap") says nothing at all.
 *
 * Normally that is one items-changed. But GTK 4.8's list item manager, to keep the row
 * widgets of items that stay, fetches every added item once with get_item(); for a large
 * change that would read every matching row from SQLite (900 ms for 100 000 rows). Past
 * LOOKUP_LIMIT added items the change is therefore told as "all removed" then "all added":
 * GTK rebuilds its couple of hundred row widgets instead, which costs the same whatever
 * the size of the result. */
#define LOOKUP_LIMIT 4096

static void
emit_changes (SerahParticipantList *self, GArray *old_ids, gboolean rows_changed)
{
  const gint64 *a = (const gint64 *) old_ids->data;
  const gint64 *b = (const gint64 *) self->ids->data;
  guint n_old = old_ids->len, n_new = self->ids->len;
  guint prefix = 0, suffix = 0, removed, added;

  /* After an import the same ids may stand for new data: then everything is new. */
  while (!rows_changed && prefix < n_old && prefix < n_new && a[prefix] == b[prefix])
    prefix++;
  while (!rows_changed && suffix < n_old - prefix && suffix < n_new - prefix &&
         a[n_old - 1 - suffix] == b[n_new - 1 - suffix])
    suffix++;
  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;

  if (removed == 0 && added == 0)
    return;
  if (added <= LOOKUP_LIMIT || removed == 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  else
    {
      /* GTK may ask for items while handling the first signal: let it see the list as it
       * is at that point, without the added ids. */
      g_autoptr(GArray) full = g_steal_pointer (&self->ids);

      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_old - removed);
      g_array_append_vals (self->ids, a, prefix);
      g_array_append_vals (self->ids, a + n_old - suffix, suffix);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_array_unref (self->ids);
      self->ids = g_steal_pointer (&full);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Runs the search and swaps in its ids. */
static gboolean
reload (SerahParticipantList *self, gboolean rows_changed, GError **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) old_ids = NULL;

  if (self->store != NULL)
    {
      ids = serah_participants_search_ids (self->store, self->query, 0, error);
      if (ids == NULL)
        return FALSE;
    }
  else
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  old_ids = g_steal_pointer (&self->ids);
  self->ids = g_steal_pointer (&ids);
  emit_changes (self, old_ids, rows_changed);
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
      g_value_set_uint (value, self->ids->len);
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

  g_array_unref (self->ids);
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
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}
