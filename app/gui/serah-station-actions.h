/* serah-station-actions.h: export this station's bundle, import another station's, with the
 * file choosers and the dialogs that confirm and report. */
#pragma once

#include <gtk/gtk.h>
#include <serah/serah-station.h>

G_BEGIN_DECLS

/* Called once when the flow ends (also when cancelled: message NULL). message: a short
 * sentence for a toast; changed: the database got new events; conflicts: > 0 when the
 * operator asked to review the conflicts of ceremony_id now. */
typedef void (*SerahStationDoneFunc) (gpointer    user_data,
                                      const char *message,
                                      gboolean    changed,
                                      gint64      conflicts);

void serah_station_export_bundle (GtkWindow           *parent,
                                  SerahStore          *store,
                                  gint64               ceremony_id,
                                  const char          *station,
                                  SerahStationDoneFunc done,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy);

void serah_station_import_bundle (GtkWindow           *parent,
                                  SerahStore          *store,
                                  gint64               ceremony_id,
                                  SerahStationDoneFunc done,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy);

G_END_DECLS
