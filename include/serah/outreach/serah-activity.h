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
/**
 * serah_activity_kind_label:
 * @kind: (nullable): a key of serah_activity_kinds (any case)
 *
 * For people: "Kampanye", "Sekolah", "Pertemuan warga/desa", ... (key itself when unknown),
 * translated.
 *
 * Returns: (transfer none) (nullable): a static label; @kind itself when it is not a known
 *   key, so %NULL when @kind is %NULL
 */
const char *serah_activity_kind_label         (const char *kind);
/**
 * serah_activity_partner_kind_label:
 * @kind: (nullable): a key of serah_activity_partner_kinds (any case)
 *
 * For people: the translated label of a partner kind (key itself when unknown).
 *
 * Returns: (transfer none) (nullable): a static label; @kind itself when it is not a known
 *   key, so %NULL when @kind is %NULL
 */
const char *serah_activity_partner_kind_label (const char *kind);

/**
 * serah_activity_add_partner_text:
 * @draft: an activity made with serah_activity_new()
 * @text: (nullable): what the operator typed: a partner kind, optionally followed by
 *   ":NAME" ("lsm:Yayasan Sehat" or "puskesmas")
 * @error: return location for a #GError
 *
 * Adds a partner to a draft from the words an operator types; the new
 * #SerahActivityPartner is appended to @draft->partners, which owns it.
 *
 * Returns: %TRUE when added; %FALSE with %SERAH_OUTREACH_ERROR_INVALID when malformed (an
 *   unknown kind), @draft unchanged
 */
gboolean serah_activity_add_partner_text  (SerahActivity *draft,
                                           const char    *text,
                                           GError       **error);
/**
 * serah_activity_add_material_text:
 * @draft: an activity made with serah_activity_new()
 * @text: (nullable): what the operator typed: NAME=COUNT ("brosur=120"), COUNT a whole
 *   number, 0 or more
 * @error: return location for a #GError
 *
 * Adds materials to a draft from the words an operator types; the new
 * #SerahActivityMaterial (its name in lower case) is appended to @draft->materials, which
 * owns it.
 *
 * Returns: %TRUE when added; %FALSE with %SERAH_OUTREACH_ERROR_INVALID when malformed,
 *   @draft unchanged
 */
gboolean serah_activity_add_material_text (SerahActivity *draft,
                                           const char    *text,
                                           GError       **error);

/**
 * serah_activity_record:
 * @store: the office database
 * @draft: the activity to record; not modified, its id and uuid are ignored
 * @operator_name: who records it
 * @error: return location for a #GError
 *
 * Records an activity (the use case): checks the kind, date, place, partner kinds, counts and
 * the ceremony, then writes it with its partners and materials in one transaction under
 * @operator_name.
 *
 * Returns: the new id, 0 on error with @error set
 */
gint64         serah_activity_record (SerahStore          *store,
                                      const SerahActivity *draft,
                                      const char          *operator_name,
                                      GError             **error);
/**
 * serah_activity_get:
 * @store: the office database
 * @activity_id: the activity's id
 * @error: return location for a #GError
 *
 * Reads one activity with its partners and materials.
 *
 * Returns: (transfer full) (nullable): the activity, to free with serah_activity_free();
 *   %NULL with %SERAH_OUTREACH_ERROR_NOT_FOUND when there is none, or with the store's
 *   error when it cannot be read
 */
SerahActivity *serah_activity_get    (SerahStore  *store,
                                      gint64       activity_id,
                                      GError     **error);
/**
 * serah_activity_list:
 * @store: the office database
 * @from: (nullable): ISO date, inclusive; %NULL: no bound
 * @to: (nullable): ISO date, inclusive; %NULL: no bound
 * @desa: (nullable): only activities held in this desa; %NULL: any
 * @error: return location for a #GError
 *
 * Activities between @from and @to (ISO dates, inclusive, NULL: no bound) in @desa (NULL:
 * any), by date, each with its partners and materials.
 *
 * Returns: (transfer container) (element-type SerahActivity) (nullable): the activities
 *   (possibly none); the array frees its elements with serah_activity_free(), so
 *   g_ptr_array_unref() it. %NULL with @error set when the store cannot be read
 */
GPtrArray     *serah_activity_list   (SerahStore  *store,
                                      const char  *from,
                                      const char  *to,
                                      const char  *desa,
                                      GError     **error);

/**
 * serah_activity_link_ceremony:
 * @store: the office database
 * @activity_id: an activity already recorded
 * @ceremony_id: the handover ceremony it went with; 0: none
 * @operator_name: who links it, for the audit log
 * @error: return location for a #GError
 *
 * Links a recorded activity to its ceremony (or unlinks it), with the audit event
 * "activity.ceremony" (the ceremony before and after) in one transaction. Linking it to the
 * ceremony it already has changes and records nothing.
 *
 * Returns: %TRUE when the activity is linked as asked; %FALSE with
 *   %SERAH_OUTREACH_ERROR_NOT_FOUND for no such activity, the ceremony domain's error for no
 *   such ceremony, or the store's error
 */
gboolean serah_activity_link_ceremony (SerahStore  *store,
                                       gint64       activity_id,
                                       gint64       ceremony_id,
                                       const char  *operator_name,
                                       GError     **error);

/**
 * serah_activity_add_attendee:
 * @store: the office database
 * @activity_id: the activity
 * @code: (nullable): a card's QR payload (checked like a scan at the check-off desk), a NIK
 *   (16 digits) or a card number (13 digits)
 * @operator_name: who lists the person
 * @newly_listed: (out) (optional): set to %FALSE when the person was already on the list,
 *   %TRUE otherwise
 * @participant_out: (out) (optional) (transfer full): the person, to show (with a masked
 *   NIK); free with serah_participant_free(). Set only when %TRUE is returned
 * @error: return location for a #GError
 *
 * Lists a registered person as present at the activity, in its own transaction.
 *
 * Returns: %TRUE when the person is on the list (newly or already); %FALSE with
 *   %SERAH_OUTREACH_ERROR_NOT_FOUND for nobody in the register (or no such activity),
 *   %SERAH_OUTREACH_ERROR_INVALID for other text, or the payload's error for a forged or
 *   voided card
 */
gboolean serah_activity_add_attendee (SerahStore        *store,
                                      gint64             activity_id,
                                      const char        *code,
                                      const char        *operator_name,
                                      gboolean          *newly_listed,
                                      SerahParticipant **participant_out,
                                      GError           **error);

G_END_DECLS
