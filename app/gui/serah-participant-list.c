/* serah-participant-list.c: the participant register as a paged, lazy GListModel.
 *
 * A kabupaten has up to a million participants (issue #10). The model never holds the whole
 * result: a search asks the store how many match (searches counted up to
 * SERAH_PARTICIPANTS_SEARCH_CAP; past that the person types more) and GTK, which only asks
 * for the rows it shows, gets them one window of ids at a time
 * (serah_participants_search_window: an index range, no sort). So typing costs a count and one
 * window whatever the size of the register. The windows and the item cache are
 * SerahIdWindowList's, shared with the other paged lists. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/register/serah-register.h>

#include "serah-participant-list.h"

struct _SerahParticipantList
{
  SerahIdWindowList parent_instance;

  SerahStore *store;
  char       *query;
  gboolean    more;                /* the search matched more than the list holds */
  gint64      everyone;            /* everyone's count, -1 until read after a change */
};

G_DEFINE_FINAL_TYPE (SerahParticipantList, serah_participant_list, SERAH_TYPE_ID_WINDOW_LIST)

enum { PROP_0, PROP_STORE, PROP_QUERY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GArray *
serah_participant_list_read_window (SerahIdWindowList *list, gint64 position, guint limit,
                                    GError **error)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (list);

  if (self->store == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  return serah_participants_search_window (self->store, self->query, position, limit,
                                           self->query[0] == '\0' ? self->everyone : 0, error);
}

/* A row deleted since the count (or a read error) shows as an empty row until the next
 * reload. */
static gpointer
serah_participant_list_read_item (SerahIdWindowList *list, guint position, gint64 id)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (list);
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  if (id <= 0 || self->store == NULL)
    return serah_participant_item_new_missing (id);
  participant = serah_participants_get (self->store, id, &error);
  if (participant == NULL)
    {
      if (error != NULL)
        g_debug ("Cannot read participant %" G_GINT64_FORMAT ": %s", id, error->message);
      return serah_participant_item_new_missing (id);
    }
  return serah_participant_item_new (participant);
}

/* Counts the matches of the query and starts showing them; windows are read when asked. */
static gboolean
reload (SerahParticipantList *self, gboolean rows_changed, GError **error)
{
  gboolean more = FALSE;
  gint64 n = 0;

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
  self->more = more;
  serah_id_window_list_reset (SERAH_ID_WINDOW_LIST (self), (guint) MIN (n, (gint64) G_MAXUINT),
                              rows_changed);
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
  return serah_id_window_list_get_windows_loaded (SERAH_ID_WINDOW_LIST (self));
}

guint
serah_participant_list_get_rows_loaded (SerahParticipantList *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_LIST (self), 0);
  return serah_id_window_list_get_rows_loaded (SERAH_ID_WINDOW_LIST (self));
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

  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_participant_list_parent_class)->dispose (object);
}

static void
serah_participant_list_finalize (GObject *object)
{
  SerahParticipantList *self = SERAH_PARTICIPANT_LIST (object);

  g_free (self->query);
  G_OBJECT_CLASS (serah_participant_list_parent_class)->finalize (object);
}

static void
serah_participant_list_class_init (SerahParticipantListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SerahIdWindowListClass *list_class = SERAH_ID_WINDOW_LIST_CLASS (klass);

  list_class->item_type = SERAH_TYPE_PARTICIPANT_ITEM;
  list_class->read_window = serah_participant_list_read_window;
  list_class->read_item = serah_participant_list_read_item;
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
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_participant_list_init (SerahParticipantList *self)
{
  self->query = g_strdup ("");
  self->everyone = -1;
}
