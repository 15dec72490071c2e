/* serah-pending-list.c: the people still waiting for a card ("belum dilayani"), as a paged
 * GListModel (issue #10).
 *
 * A kabupaten's ceremony may invite a million people. Reading them all into a GListStore took
 * 34 s before the dialog showed anything; this model takes its length from the handover
 * tallies (serah_ceremony_count_pending) and reads only the windows GTK asks for
 * (serah_ceremony_pending_window: a range of the invitations' desa index, found from the
 * tallies per desa), then each shown row's entry (serah_ceremony_get_entry). The windows and
 * the item cache are SerahIdWindowList's, shared with the other paged lists. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/ceremony/serah-ceremony.h>

#include "serah-ceremony-items.h"
#include "serah-pending-list.h"

struct _SerahPendingList
{
  SerahIdWindowList parent_instance;

  SerahStore *store;
  gint64      ceremony_id;
  char       *kecamatan;
  char       *desa;
  gint64      n_pending;
};

G_DEFINE_FINAL_TYPE (SerahPendingList, serah_pending_list, SERAH_TYPE_ID_WINDOW_LIST)

static GArray *
serah_pending_list_read_window (SerahIdWindowList *list, gint64 position, guint limit,
                                GError **error)
{
  SerahPendingList *self = SERAH_PENDING_LIST (list);

  return serah_ceremony_pending_window (self->store, self->ceremony_id, self->kecamatan,
                                        self->desa, position, limit, self->n_pending, error);
}

static gpointer
serah_pending_list_read_item (SerahIdWindowList *list, guint position, gint64 id)
{
  SerahPendingList *self = SERAH_PENDING_LIST (list);
  g_autoptr(SerahCheckoffEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  SerahCheckoffEntry empty = { 0 };
  SerahCheckoffItem *item;

  if (id > 0)
    entry = serah_ceremony_get_entry (self->store, self->ceremony_id, id, &error);
  if (entry != NULL)
    return serah_checkoff_item_new (entry);
  /* A person served since the count (another desk) or a read error shows as an empty row
   * until the next count. */
  if (error != NULL)
    g_debug ("Cannot read participant %" G_GINT64_FORMAT ": %s", id, error->message);
  empty.participant = serah_participant_new ();
  empty.participant->id = id;
  item = serah_checkoff_item_new (&empty);
  serah_participant_free (empty.participant);
  return item;
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
  n = serah_ceremony_count_pending (self->store, self->ceremony_id, self->kecamatan, self->desa,
                                    error);
  self->n_pending = MAX (n, 0);
  serah_id_window_list_reset (SERAH_ID_WINDOW_LIST (self),
                              n > 0 ? (guint) MIN (n, (gint64) G_MAXUINT) : 0, TRUE);
  return n >= 0;
}

guint
serah_pending_list_get_windows_loaded (SerahPendingList *self)
{
  g_return_val_if_fail (SERAH_IS_PENDING_LIST (self), 0);
  return serah_id_window_list_get_windows_loaded (SERAH_ID_WINDOW_LIST (self));
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

  G_OBJECT_CLASS (serah_pending_list_parent_class)->dispose (object);
  g_clear_object (&self->store);
}

static void
serah_pending_list_finalize (GObject *object)
{
  SerahPendingList *self = SERAH_PENDING_LIST (object);

  g_free (self->kecamatan);
  g_free (self->desa);
  G_OBJECT_CLASS (serah_pending_list_parent_class)->finalize (object);
}

static void
serah_pending_list_class_init (SerahPendingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SerahIdWindowListClass *list_class = SERAH_ID_WINDOW_LIST_CLASS (klass);

  list_class->item_type = SERAH_TYPE_CHECKOFF_ITEM;
  list_class->read_window = serah_pending_list_read_window;
  list_class->read_item = serah_pending_list_read_item;
  object_class->dispose = serah_pending_list_dispose;
  object_class->finalize = serah_pending_list_finalize;
}

static void
serah_pending_list_init (SerahPendingList *self)
{
}
