/* serah-checkoff-progress.h: the check-off page's progress panel (overall and per desa). */
#pragma once

#include <gtk/gtk.h>
#include <serah/ceremony/serah-ceremony.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CHECKOFF_PROGRESS (serah_checkoff_progress_get_type ())
G_DECLARE_FINAL_TYPE (SerahCheckoffProgress, serah_checkoff_progress, SERAH, CHECKOFF_PROGRESS,
                      GtkWidget)

/* Shows progress (NULL clears). Rows of desas already shown are updated in place. */
void serah_checkoff_progress_set_progress (SerahCheckoffProgress       *self,
                                           const SerahCeremonyProgress *progress);

G_END_DECLS
