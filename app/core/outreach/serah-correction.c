/* serah-correction.c: a data correction asked for through feedback, carried out by a reprint
 * (issue 15). At a ceremony a person finds the name on the card misspelt; the officer records
 * feedback of category "data-salah" linked to that participant, asks for the correction
 * (serah_correction_request), and the card is reprinted with the corrected name
 * (serah_correction_reprint) through the reprint use case of cards.
 *
 * Why three transactions in the reprint and not one: serah_print_reprint_card is a use case
 * that owns its transaction together with the PDF it writes, and use cases do not nest. The
 * register is corrected first (so the new card shows the right name), then the card is
 * reprinted, then the reprint is linked and the feedback resolved. A failure between them
 * leaves nothing inconsistent: the corrected name is what the person asked for, and calling
 * the reprint again finishes the job. A later verified list that still has the old spelling
 * would bring it back: the correction is also what the office reports to BPJS / Dinsos. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <serah/admin/serah-audit.h>
#include <serah/cards/serah-print-job.h>
#include <serah/outreach/serah-correction.h>
#include <serah/outreach/serah-feedback.h>
#include <serah/register/serah-register.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "register/serah-store-participants-private.h"

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED, message);
  return FALSE;
}

gint64
serah_correction_request (SerahStore *store, gint64 feedback_id, const char *new_name,
                          const char *operator_name, GError **error)
{
  g_autoptr(SerahFeedback) f = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(SerahDataCorrection) existing = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL, *subject = NULL, *details = NULL;
  g_autofree char *fid = NULL, *pid = NULL;
  SerahDataCorrection c = { 0 };
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  if (serah_outreach_is_blank (new_name))
    return serah_outreach_fail (error, _("Write the name as it must be on the card.")), 0;
  name = g_strstrip (g_strdup (new_name));
  if (!serah_store_begin (store, error))
    return 0;
  f = serah_feedback_get (store, feedback_id, error);
  if (f == NULL)
    goto fail;
  if (g_strcmp0 (f->category, "data-salah") != 0)
    {
      refuse (error, _("Only feedback of category data-salah (wrong data) can ask for a "
                       "correction."));
      goto fail;
    }
  if (f->participant_id == 0)
    {
      refuse (error, _("The feedback is not linked to a participant: record it with the card "
                       "number of the person whose data is wrong."));
      goto fail;
    }
  if (f->state == SERAH_FEEDBACK_RESOLVED)
    {
      refuse (error, _("The feedback is already resolved."));
      goto fail;
    }
  existing = serah_store_outreach_get_correction (store, feedback_id, TRUE, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (existing != NULL)
    {
      refuse (error, _("A correction was already asked for with this feedback."));
      goto fail;
    }
  p = serah_participants_get (store, f->participant_id, error);
  if (p == NULL)
    goto fail;
  if (g_strcmp0 (p->name, name) == 0)
    {
      serah_outreach_fail (error, _("The register already has the name “%s”."), name);
      goto fail;
    }
  c.feedback_id = feedback_id;
  c.participant_id = p->id;
  c.field = (char *) "name";
  c.old_value = p->name;
  c.new_value = name;
  c.requested_by = (char *) operator_name;
  id = serah_store_outreach_insert_correction (store, &c, error);
  if (id == 0)
    goto fail;
  subject = g_strdup_printf ("feedback:%" G_GINT64_FORMAT, feedback_id);
  fid = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  pid = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
  details = serah_audit_details ("correction", fid, "participant", pid, "field", "name",
                                 "old", p->name, "new", name, NULL);
  if (!serah_audit_record (store, operator_name, "correction.request", subject, details, error) ||
      !serah_store_commit (store, error))
    goto fail;
  return id;

fail:
  serah_store_rollback (store);
  return 0;
}

SerahDataCorrection *
serah_correction_get (SerahStore *store, gint64 correction_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  SerahDataCorrection *c;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  c = serah_store_outreach_get_correction (store, correction_id, FALSE, &local);
  if (c == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                     _("There is no correction %lld."), (long long) correction_id);
    }
  return c;
}

SerahDataCorrection *
serah_correction_for_feedback (SerahStore *store, gint64 feedback_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_outreach_get_correction (store, feedback_id, TRUE, error);
}

/* Step one: the register gets the corrected name, audited, unless it already has it. */
static gboolean
correct_register (SerahStore *store, const SerahDataCorrection *c, const char *operator_name,
                  SerahParticipant **participant_out, GError **error)
{
  g_autoptr(SerahParticipant) p = NULL;
  g_autofree char *subject = NULL, *details = NULL, *cid = NULL;

  if (!serah_store_begin (store, error))
    return FALSE;
  p = serah_participants_get (store, c->participant_id, error);
  if (p == NULL)
    goto fail;
  if (g_strcmp0 (p->name, c->new_value) != 0)
    {
      g_free (p->name);
      p->name = g_strdup (c->new_value);
      /* Not an import: the row keeps no import id. */
      if (!serah_store_upsert_participant (store, p, 0, NULL, error))
        goto fail;
      subject = g_strdup_printf ("participant:%" G_GINT64_FORMAT, p->id);
      cid = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
      details = serah_audit_details ("correction", cid, "field", "name", "old", c->old_value,
                                     "new", c->new_value, NULL);
      if (!serah_audit_record (store, operator_name, "participant.correct", subject, details,
                               error))
        goto fail;
    }
  if (!serah_store_commit (store, error))
    goto fail;
  *participant_out = g_steal_pointer (&p);
  return TRUE;

fail:
  serah_store_rollback (store);
  return FALSE;
}

gboolean
serah_correction_reprint (SerahStore *store, gint64 correction_id, SerahCardTemplate *template_,
                          SerahSheet *sheet, const SerahPrinterProfile *calibration,
                          const char *operator_name, const char *pdf_path,
                          SerahPrintResult *result, GError **error)
{
  g_autoptr(SerahDataCorrection) c = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(SerahFeedback) f = NULL;
  g_autofree char *reason = NULL, *response = NULL, *subject = NULL, *details = NULL;
  g_autofree char *run = NULL, *serial = NULL, *cid = NULL;
  SerahPrintResult printed = { 0 };

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);

  c = serah_correction_get (store, correction_id, error);
  if (c == NULL)
    return FALSE;
  if (c->reprint_run_id != 0)
    {
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                   _("Correction %lld was already reprinted (serial %lld)."), (long long) c->id,
                   (long long) c->reprint_serial);
      return FALSE;
    }
  f = serah_feedback_get (store, c->feedback_id, error);
  if (f == NULL)
    return FALSE;
  if (!correct_register (store, c, operator_name, &p, error))
    return FALSE;

  /* The old card's void reason names the feedback: the link from the reprint back. */
  reason = g_strdup_printf ("koreksi data: nama (umpan balik #%" G_GINT64_FORMAT ")",
                            c->feedback_id);
  if (!serah_print_reprint_card (store, p->card_no, reason, template_, sheet, calibration,
                                 operator_name, pdf_path, &printed, error))
    return FALSE;

  response = g_strdup_printf ("Nama dikoreksi menjadi “%s”; kartu dicetak ulang (serial %"
                              G_GINT64_FORMAT ").", c->new_value, printed.first_serial);
  subject = g_strdup_printf ("feedback:%" G_GINT64_FORMAT, c->feedback_id);
  cid = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);
  run = g_strdup_printf ("%" G_GINT64_FORMAT, printed.run_id);
  serial = g_strdup_printf ("%" G_GINT64_FORMAT, printed.first_serial);
  details = serah_audit_details ("correction", cid, "run", run, "serial", serial, "path",
                                 pdf_path, NULL);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_outreach_insert_correction_reprint (store, c->id, printed.run_id,
                                                       printed.first_serial, operator_name,
                                                       error) ||
      (f->state != SERAH_FEEDBACK_RESOLVED &&
       !serah_store_outreach_add_feedback_event (store, c->feedback_id,
                                                 serah_feedback_state_to_string (SERAH_FEEDBACK_RESOLVED),
                                                 NULL, response, operator_name, error)) ||
      !serah_audit_record (store, operator_name, "correction.reprint", subject, details, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (result != NULL)
    *result = printed;
  return TRUE;
}
