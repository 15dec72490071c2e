/* serah-calibration-dialog.h: create or adjust a printer profile and print the alignment
 * test page. */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>
#include <serah/cards/serah-print-job.h>

G_BEGIN_DECLS

#define SERAH_TYPE_CALIBRATION_DIALOG (serah_calibration_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SerahCalibrationDialog, serah_calibration_dialog, SERAH, CALIBRATION_DIALOG,
                      AdwWindow)

/* Starts from profile (NULL: a new profile without correction). Emits "saved" with the
 * profile's name after it is stored. */
SerahCalibrationDialog *serah_calibration_dialog_new (GtkWindow                 *parent,
                                                      SerahStore                *store,
                                                      SerahSheet                *sheet,
                                                      const SerahPrinterProfile *profile);
/* Stores the profile as filled in (what the Save button does). */
gboolean serah_calibration_dialog_save (SerahCalibrationDialog *self,
                                        GError                **error);

G_END_DECLS
