/* serah-id-window-list.h: a paged GListModel over a list of ids read one window at a time. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SERAH_TYPE_ID_WINDOW_LIST (serah_id_window_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (SerahIdWindowList, serah_id_window_list, SERAH, ID_WINDOW_LIST, GObject)

struct _SerahIdWindowListClass
{
  GObjectClass parent_class;

  /* What read_item makes: set in the subclass's class_init. */
  GType item_type;

  /* The ids at position .. position + limit - 1 of the list (fewer at its end), in its
   * order; NULL with error set when they cannot be read. */
  GArray  *(*read_window) (SerahIdWindowList *self,
                           gint64             position,
                           guint              limit,
                           GError           **error);
  /* A new item (of the list's item type) for id, at position (items are kept by id until
   * the next reset); id 0 when the window could not be read. Must return an item whatever
   * happens: GListModel answers for every position. */
  gpointer (*read_item)   (SerahIdWindowList *self,
                           guint              position,
                           gint64             id);
};

/* Sets the length (the subclass counted it) and tells the views; the windows of ids read so
 * far are dropped, and with rows_changed the items kept too (the rows themselves changed, not
 * only which ones the list holds). */
void  serah_id_window_list_reset              (SerahIdWindowList *self,
                                               guint              n_items,
                                               gboolean           rows_changed);
/* How many windows of ids were read since the list was made (tests, benchmarks). */
guint serah_id_window_list_get_windows_loaded (SerahIdWindowList *self);
/* How many items were read (read_item) since the list was made. */
guint serah_id_window_list_get_rows_loaded    (SerahIdWindowList *self);

G_END_DECLS
