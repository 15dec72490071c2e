/* serah-participant-item.h: one participant as a row of the register list. */
#pragma once

#include <glib-object.h>
#include <serah/register/serah-participant.h>

G_BEGIN_DECLS

#define SERAH_TYPE_PARTICIPANT_ITEM (serah_participant_item_get_type ())
G_DECLARE_FINAL_TYPE (SerahParticipantItem, serah_participant_item, SERAH, PARTICIPANT_ITEM, GObject)

/* Copies what the list shows from participant; the NIK is kept masked only. */
SerahParticipantItem *serah_participant_item_new           (const SerahParticipant *participant);
/* A row that could not be read (deleted meanwhile): shows the id, nothing else. */
SerahParticipantItem *serah_participant_item_new_missing   (gint64 id);

gint64      serah_participant_item_get_id         (SerahParticipantItem *self);
const char *serah_participant_item_get_name       (SerahParticipantItem *self);
const char *serah_participant_item_get_nik_masked (SerahParticipantItem *self);
const char *serah_participant_item_get_card_no    (SerahParticipantItem *self);
const char *serah_participant_item_get_birth_date (SerahParticipantItem *self);

G_END_DECLS
