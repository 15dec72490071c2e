/* serah-uncollected-list.c: the Laporan page's "not yet collected" table as a paged
 * GListModel (issue #10).
 *
 * Over all ceremonies at a million participants the list holds up to a million rows; the page
 * read every one of them into a GListStore of row objects (seconds, hundreds of MB) before
 * showing anything. This list counts from the coverage figures kept by triggers
 * (serah_report_uncollected_count) and reads the windows GTK asks for
 * (serah_report_uncollected_window, found from the same figures per area) and the rows shown
 * (serah_report_uncollected_get), on the page's own store connection: each is a few indexed
 * reads. Windows and items are kept by SerahIdWindowList. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/output/serah-format.h>
#include <serah/reports/serah-report.h>

#include "serah-reports-page.h"
#include "serah-uncollected-list.h"

struct _SerahUncollectedList
{
  SerahIdWindowList parent_instance;

  SerahStore *store;
  gint64      ceremony_id;
};

G_DEFINE_FINAL_TYPE (SerahUncollectedList, serah_uncollected_list, SERAH_TYPE_ID_WINDOW_LIST)

static GArray *
serah_uncollected_list_read_window (SerahIdWindowList *list, gint64 position, guint limit,
                                    GError **error)
{
  SerahUncollectedList *self = SERAH_UNCOLLECTED_LIST (list);

  if (self->store == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  return serah_report_uncollected_window (self->store, self->ceremony_id, position, limit,
                                          error);
}

static gpointer
serah_uncollected_list_read_item (SerahIdWindowList *list, guint position, gint64 id)
{
  SerahUncollectedList *self = SERAH_UNCOLLECTED_LIST (list);
  g_autoptr(SerahUncollectedRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *no = serah_format_count ((gint64) position + 1);

  if (id > 0 && self->store != NULL)
    row = serah_report_uncollected_get (self->store, id, &error);
  if (row == NULL)
    {
      /* A read error (or a row gone since the count) shows as an empty row until the next
       * count. */
      const char *cells[] = { no };

      if (error != NULL)
        g_debug ("Cannot read participant %" G_GINT64_FORMAT ": %s", id, error->message);
      return serah_report_row_new (cells, G_N_ELEMENTS (cells), FALSE);
    }
  {
    const char *cells[] = { no, row->kecamatan, row->desa, row->name, row->nik_masked,
                            row->card_no, row->address, row->stack };

    return serah_report_row_new (cells, G_N_ELEMENTS (cells), FALSE);
  }
}

gint64
serah_uncollected_list_set_scope (SerahUncollectedList *self, SerahStore *store,
                                  gint64 ceremony_id, GError **error)
{
  gint64 n = 0;

  g_return_val_if_fail (SERAH_IS_UNCOLLECTED_LIST (self), -1);
  g_return_val_if_fail (store == NULL || SERAH_IS_STORE (store), -1);

  g_set_object (&self->store, store);
  self->ceremony_id = ceremony_id;
  if (store != NULL)
    n = serah_report_uncollected_count (store, ceremony_id, error);
  serah_id_window_list_reset (SERAH_ID_WINDOW_LIST (self),
                              n > 0 ? (guint) MIN (n, (gint64) G_MAXUINT) : 0, TRUE);
  return n;
}

SerahUncollectedList *
serah_uncollected_list_new (void)
{
  return g_object_new (SERAH_TYPE_UNCOLLECTED_LIST, NULL);
}

static void
serah_uncollected_list_dispose (GObject *object)
{
  SerahUncollectedList *self = SERAH_UNCOLLECTED_LIST (object);

  G_OBJECT_CLASS (serah_uncollected_list_parent_class)->dispose (object);
  g_clear_object (&self->store);
}

static void
serah_uncollected_list_class_init (SerahUncollectedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SerahIdWindowListClass *list_class = SERAH_ID_WINDOW_LIST_CLASS (klass);

  list_class->item_type = SERAH_TYPE_REPORT_ROW;
  list_class->read_window = serah_uncollected_list_read_window;
  list_class->read_item = serah_uncollected_list_read_item;
  object_class->dispose = serah_uncollected_list_dispose;
}

static void
serah_uncollected_list_init (SerahUncollectedList *self)
{
}
