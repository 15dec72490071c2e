/* serah-ceremony-records.c: the free and copy functions of the ceremony rows and the stable
 * text forms of their enums (serah-ceremony-records.h), apart from the SQL and the rules.
 */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include <serah/ceremony/serah-ceremony-records.h>

void
serah_ceremony_free (SerahCeremony *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->name);
  g_free (self->place);
  g_free (self->created_by);
  g_free (self->closed_by);
  g_free (self);
}

void
serah_handover_free (SerahHandover *self)
{
  if (self == NULL)
    return;
  g_free (self->uuid);
  g_free (self->participant_name);
  g_free (self->operator_name);
  g_free (self->station);
  g_free (self->proxy_name);
  g_free (self->proxy_relation);
  g_free (self->proxy_id_number);
  g_free (self->undo_uuid);
  g_free (self->undone_by);
  g_free (self->undo_station);
  g_free (self->undo_reason);
  g_free (self);
}

SerahHandover *
serah_handover_copy (const SerahHandover *self)
{
  SerahHandover *copy;

  if (self == NULL)
    return NULL;
  copy = g_memdup2 (self, sizeof *self);
  copy->uuid = g_strdup (self->uuid);
  copy->participant_name = g_strdup (self->participant_name);
  copy->operator_name = g_strdup (self->operator_name);
  copy->station = g_strdup (self->station);
  copy->proxy_name = g_strdup (self->proxy_name);
  copy->proxy_relation = g_strdup (self->proxy_relation);
  copy->proxy_id_number = g_strdup (self->proxy_id_number);
  copy->undo_uuid = g_strdup (self->undo_uuid);
  copy->undone_by = g_strdup (self->undone_by);
  copy->undo_station = g_strdup (self->undo_station);
  copy->undo_reason = g_strdup (self->undo_reason);
  return copy;
}

void
serah_checkoff_entry_free (SerahCheckoffEntry *self)
{
  if (self == NULL)
    return;
  serah_participant_free (self->participant);
  serah_printed_card_free (self->card);
  serah_handover_free (self->handover);
  g_free (self);
}

void
serah_progress_row_free (SerahProgressRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kecamatan);
  g_free (row->desa);
  g_free (row);
}

void
serah_ceremony_progress_free (SerahCeremonyProgress *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_free (self);
}

void
serah_handover_conflict_free (SerahHandoverConflict *self)
{
  if (self == NULL)
    return;
  serah_participant_free (self->participant);
  g_clear_pointer (&self->handovers, g_ptr_array_unref);
  g_free (self);
}

/* ---- stable text forms ---- */

static const char *const recipient_names[] = { "self", "representative" };
static const char *const identified_names[] = {
  "scan-card", "scan-invitation", "card-number", "nik", "search",
};

/* The index of text in names, or -1. */
static int
name_index (const char *const *names, guint n_names, const char *text)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
serah_recipient_to_string (SerahRecipient recipient)
{
  return recipient_names[recipient == SERAH_RECIPIENT_REPRESENTATIVE];
}

gboolean
serah_recipient_from_string (const char *text, SerahRecipient *out)
{
  int i = name_index (recipient_names, G_N_ELEMENTS (recipient_names), text);

  if (i >= 0)
    *out = (SerahRecipient) i;
  return i >= 0;
}

const char *
serah_identified_by_to_string (SerahIdentifiedBy how)
{
  g_return_val_if_fail ((guint) how < G_N_ELEMENTS (identified_names), "search");
  return identified_names[how];
}

gboolean
serah_identified_by_from_string (const char *text, SerahIdentifiedBy *out)
{
  int i = name_index (identified_names, G_N_ELEMENTS (identified_names), text);

  if (i >= 0)
    *out = (SerahIdentifiedBy) i;
  return i >= 0;
}
