/* serah-changes.c: the change hub of one open database (see serah-changes.h). Kept as data on
 * the SerahStore so that each window's store has its own hub and nothing is global; a plain
 * GObject signal, since the listeners are widgets on the main thread. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <serah/store/serah-changes.h>

struct _SerahChanges
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SerahChanges, serah_changes, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
serah_changes_class_init (SerahChangesClass *klass)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
serah_changes_init (SerahChanges *self)
{
}

SerahChanges *
serah_changes_for_store (SerahStore *store)
{
  SerahChanges *changes;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  changes = g_object_get_data (G_OBJECT (store), "serah-changes");
  if (changes == NULL)
    {
      changes = g_object_new (SERAH_TYPE_CHANGES, NULL);
      g_object_set_data_full (G_OBJECT (store), "serah-changes", changes, g_object_unref);
    }
  return changes;
}

void
serah_changes_emit (SerahStore *store, SerahChange what)
{
  GObject *hub;

  g_return_if_fail (SERAH_IS_STORE (store));

  /* The hub first: creating it registers the signal, and an argument list has no order of
   * evaluation (signals[CHANGED] read before the first hub was made was 0). */
  hub = G_OBJECT (serah_changes_for_store (store));
  g_debug ("changed: 0x%x", what);
  g_signal_emit (hub, signals[CHANGED], 0, (guint) what);
}
