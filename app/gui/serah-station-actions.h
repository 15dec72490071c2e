/* serah-station-actions.h: export this station's bundle, import another station's, with the
 * file choosers and the dialogs that confirm and report. */
#pragma once

#include <gtk/gtk.h>
#include <serah/ceremony/serah-station.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_STATION_MERGED,   /* the database got new events: refresh what is on screen now */
  SERAH_STATION_FINISHED, /* the flow is over (also when cancelled: message NULL) */
} SerahStationStep;

/* MERGED comes (at most once) while the result dialog is still open; FINISHED comes exactly
 * once, last. message: a short sentence for a toast; conflicts: > 0 when the operator asked
 * to review the conflicts of ceremony_id now. */
typedef void (*SerahStationDoneFunc) (gpointer          user_data,
                                      SerahStationStep  step,
                                      const char       *message,
                                      gint64            conflicts);

/* operator_name: who is recorded in the audit log (NULL: the system user). */
void serah_station_export_bundle (GtkWindow           *parent,
                                  SerahStore          *store,
                                  gint64               ceremony_id,
                                  const char          *station,
                                  const char          *operator_name,
                                  SerahStationDoneFunc done,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy);

void serah_station_import_bundle (GtkWindow           *parent,
                                  SerahStore          *store,
                                  gint64               ceremony_id,
                                  const char          *operator_name,
                                  SerahStationDoneFunc done,
                                  gpointer             user_data,
                                  GDestroyNotify       destroy);

G_END_DECLS
