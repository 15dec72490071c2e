/* serah-correction.h: a data correction asked for through feedback (issue 15): a participant
 * tells the desk that the card is wrong (a misspelt name), the officer records the feedback
 * ("data salah", linked to the participant), asks for the correction, and the card is
 * reprinted with the corrected data through the reprint use case of cards. The correction,
 * its feedback and the reprint are linked both ways and every step is audited.
 */
#pragma once

#include <serah/cards/serah-print-job.h>
#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS


/**
 * serah_correction_request:
 * @store: the office database
 * @feedback_id: the feedback asking for it: category "data-salah", linked to a participant,
 *   not yet resolved, with no correction yet
 * @new_name: the name as it must be on the card
 * @operator_name: who records it
 * @error: return location for a #GError
 *
 * Records the correction of the participant's name asked for by the feedback, with the name
 * the register holds now, and "correction.request" in the audit log, in one transaction.
 * Nothing is changed in the register until serah_correction_reprint().
 *
 * Returns: the correction's id, or 0 with @error set (%SERAH_OUTREACH_ERROR_REFUSED when a
 *   rule refuses it, %SERAH_OUTREACH_ERROR_INVALID for an empty or unchanged name)
 */
gint64 serah_correction_request (SerahStore  *store,
                                 gint64       feedback_id,
                                 const char  *new_name,
                                 const char  *operator_name,
                                 GError     **error);

/**
 * serah_correction_get:
 * @store: the office database
 * @correction_id: the correction
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the correction with its reprint, or %NULL with @error
 *   set (%SERAH_OUTREACH_ERROR_NOT_FOUND)
 */
SerahDataCorrection *serah_correction_get (SerahStore  *store,
                                           gint64       correction_id,
                                           GError     **error);

/**
 * serah_correction_for_feedback:
 * @store: the office database
 * @feedback_id: a feedback
 * @error: return location for a #GError
 *
 * The link from a feedback to its correction.
 *
 * Returns: (transfer full) (nullable): the correction, or %NULL: none (then @error is set
 *   only if the database could not be read)
 */
SerahDataCorrection *serah_correction_for_feedback (SerahStore  *store,
                                                    gint64       feedback_id,
                                                    GError     **error);

/**
 * serah_correction_reprint:
 * @store: the office database
 * @correction_id: a correction not yet reprinted
 * @template_: the card template
 * @sheet: the paper
 * @calibration: (nullable): the printer's correction
 * @operator_name: who reprints
 * @pdf_path: the PDF of the new card
 * @result: (out caller-allocates) (optional): the reprint run
 * @error: return location for a #GError
 *
 * Carries the correction out: the participant's name is corrected in the register
 * ("participant.correct" in the audit log), the card reprinted with
 * serah_print_reprint_card() (the old card voided with a reason naming the feedback), then the
 * reprint is linked to the correction and the feedback resolved with the new serial
 * ("correction.reprint"). Each step is its own transaction; if the reprint fails, the
 * register keeps the corrected name and calling this again reprints.
 *
 * Returns: %TRUE when reprinted and linked, %FALSE with @error set
 */
gboolean serah_correction_reprint (SerahStore                *store,
                                   gint64                     correction_id,
                                   SerahCardTemplate         *template_,
                                   SerahSheet                *sheet,
                                   const SerahPrinterProfile *calibration,
                                   const char                *operator_name,
                                   const char                *pdf_path,
                                   SerahPrintResult          *result,
                                   GError                   **error);

G_END_DECLS
