/* serah-activity.h: socialisation activities (kegiatan sosialisasi): a campaign at a market, a
 * school visit, a village meeting, a training of health workers, a forum, the penyuluhan at a
 * handover ceremony, a media slot. Each records its date, place, desa and kecamatan, partners,
 * the number of people who attended and the materials handed out, and may name the ceremony it
 * went with. Registrations, survey sheets, SKM answers and feedback point to their activity,
 * which is how the indicators report puts results next to the work that led to them.
 *
 * The attendance is a count given by the organiser; registered people can also be listed one by
 * one by scanning their card or typing the NIK or card number (serah_activity_add_attendee).
 * Reports take the larger of the two.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

/* Stable keys, as stored and typed; NULL-terminated. */
extern const char *const serah_activity_kinds[];          /* "kampanye", "sekolah", ... */
extern const char *const serah_activity_partner_kinds[];  /* "pemerintah-desa", "lsm", ... */
/* For people: "Kampanye", "Sekolah", "Pertemuan warga/desa", ... (key itself when unknown). */
const char *serah_activity_kind_label         (const char *kind);
const char *serah_activity_partner_kind_label (const char *kind);

/* Adds a partner ("lsm:Yayasan Sehat" or "puskesmas") or materials ("brosur=120") to a draft
 * from the words an operator types. FALSE with SERAH_OUTREACH_ERROR_INVALID when malformed. */
gboolean serah_activity_add_partner_text  (SerahActivity *draft,
                                           const char    *text,
                                           GError       **error);
gboolean serah_activity_add_material_text (SerahActivity *draft,
                                           const char    *text,
                                           GError       **error);

/* Records an activity (the use case): checks the kind, date, place, partner kinds, counts and
 * the ceremony, then writes it with its partners and materials in one transaction under
 * operator_name. Returns the new id, 0 on error. */
gint64         serah_activity_record (SerahStore          *store,
                                      const SerahActivity *draft,
                                      const char          *operator_name,
                                      GError             **error);
/* NULL with SERAH_OUTREACH_ERROR_NOT_FOUND when there is none. */
SerahActivity *serah_activity_get    (SerahStore  *store,
                                      gint64       activity_id,
                                      GError     **error);
/* Activities between from and to (ISO dates, inclusive, NULL: no bound) in desa (NULL: any),
 * by date. Element type SerahActivity. */
GPtrArray     *serah_activity_list   (SerahStore  *store,
                                      const char  *from,
                                      const char  *to,
                                      const char  *desa,
                                      GError     **error);

/* Lists a registered person as present at the activity. code: a card's QR payload (checked
 * like a scan at the check-off desk), a NIK (16 digits) or a card number (13 digits).
 * Returns TRUE and sets *newly_listed (may be NULL) to FALSE when the person was already on
 * the list; FALSE with SERAH_OUTREACH_ERROR_NOT_FOUND for nobody in the register,
 * SERAH_OUTREACH_ERROR_INVALID for other text, or the payload's error for a forged or voided
 * card. *participant_out (may be NULL) gets the person, to show (with a masked NIK). */
gboolean serah_activity_add_attendee (SerahStore        *store,
                                      gint64             activity_id,
                                      const char        *code,
                                      const char        *operator_name,
                                      gboolean          *newly_listed,
                                      SerahParticipant **participant_out,
                                      GError           **error);

G_END_DECLS
