/* serah-ceremony-slips.c: what an invitation slip (undangan) print run needs from its
 * ceremony (issue 11). The cards domain prints; it knows no ceremonies (ceremony calls
 * cards, never the other way round), so the ceremony fills the job in: the people invited,
 * and the ceremony's name, date and place as the slip's fields by default. Without this a
 * slip run printed everyone in the register, under a ceremony name typed by hand.
 */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include <serah/cards/serah-template.h>
#include <serah/output/serah-format.h>

#include "ceremony/serah-ceremony-private.h"
#include "ceremony/serah-store-ceremony-private.h"
#include "store/serah-store-private.h"

/* "Senin, 6 Desember 2026": what the slip's "Hari/tanggal" line says. */
static char *
slip_date (const char *iso_date)
{
  static const char *const days[] = { "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
                                      "Minggu" };
  int y, m, d;
  g_autofree char *date = serah_format_date (iso_date);

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return g_steal_pointer (&date);
  {
    g_autoptr(GDate) day = g_date_new_dmy (d, m, y);
    return g_strdup_printf ("%s, %s", days[g_date_get_weekday (day) - 1], date);
  }
}

gboolean
serah_ceremony_prepare_invitations (SerahStore                   *store,
                                    SerahPrintJob                *job,
                                    gint64                        ceremony_id,
                                    const SerahParticipantFilter *filter,
                                    guint                        *n_invited,
                                    GError                      **error)
{
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *date = NULL;
  const char *const *fields;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (SERAH_IS_PRINT_JOB (job), FALSE);

  ceremony = serah_ceremony_get (store, ceremony_id, error);
  if (ceremony == NULL)
    return FALSE;
  ids = serah_store_list_invited_ids (store, ceremony_id, filter, error);
  if (ids == NULL)
    return FALSE;

  serah_print_job_set_ceremony_id (job, ceremony_id);
  serah_print_job_set_participant_ids (job, (const gint64 *) ids->data, ids->len);
  {
    g_autoptr(GString) selection = g_string_new (NULL);
    g_string_printf (selection, "ceremony=%" G_GINT64_FORMAT, ceremony_id);
    for (guint i = 0; filter != NULL && filter->kecamatan != NULL && filter->kecamatan[i]; i++)
      g_string_append_printf (selection, ",kecamatan=%s", filter->kecamatan[i]);
    for (guint i = 0; filter != NULL && filter->desa != NULL && filter->desa[i]; i++)
      g_string_append_printf (selection, ",desa=%s", filter->desa[i]);
    serah_print_job_set_selection_text (job, selection->str);
  }
  /* Only the fields the template has: a template without a place line takes no place. */
  fields = serah_card_template_get_extra_fields (serah_print_job_get_template (job));
  date = slip_date (ceremony->date);
  if (fields != NULL && g_strv_contains (fields, "ceremony_name"))
    serah_print_job_set_extra (job, "ceremony_name", ceremony->name);
  if (fields != NULL && g_strv_contains (fields, "ceremony_date") && ceremony->date[0] != '\0')
    serah_print_job_set_extra (job, "ceremony_date", date);
  if (fields != NULL && g_strv_contains (fields, "ceremony_place") && ceremony->place != NULL &&
      ceremony->place[0] != '\0')
    serah_print_job_set_extra (job, "ceremony_place", ceremony->place);
  if (n_invited != NULL)
    *n_invited = ids->len;
  return TRUE;
}
