/* serah-ceremony.h: ceremonies (acara penyerahan), invitations, handovers (serah terima) and
 * their undos, progress, and the lookup behind the check-off page's scan/search field.
 *
 * The rules, enforced here for the GUI, the CLI and station merges alike:
 *  - every handover and every undo is an event row with a random UUID, time, operator and
 *    station; events are appended, never updated or deleted;
 *  - a handover is committed durably (its own transaction, WAL + synchronous=FULL) before
 *    serah_ceremony_record_handover() returns it;
 *  - a card already handed over in a ceremony is refused (the refusal says when, by whom, to
 *    whom); a participant who is not invited is refused unless allow_uninvited is set (and
 *    then the handover says so); forged, voided, foreign and malformed codes are refused;
 *  - an undo needs a reason and references the handover's UUID; afterwards the card can be
 *    handed over again;
 *  - the current state of a (ceremony, participant) is derived from the event set alone
 *    (handovers minus undone ones), so merging station bundles is a set union and the result
 *    does not depend on the order of imports. Two live handovers of one participant (two
 *    stations) are a conflict, shown for review, never resolved silently.
 *
 * Times are unix seconds. Strings in the structs are UTF-8 and owned by the struct.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/cards/serah-payload.h>
#include <serah/cards/serah-print-records.h>
#include <serah/ceremony/serah-ceremony-records.h>
#include <serah/register/serah-register-records.h>

G_BEGIN_DECLS

#define SERAH_CEREMONY_ERROR (serah_ceremony_error_quark ())
typedef enum {
  SERAH_CEREMONY_ERROR_INVALID,             /* bad input: empty name, bad date, no reason */
  SERAH_CEREMONY_ERROR_NOT_FOUND,           /* no such ceremony, participant or handover */
  SERAH_CEREMONY_ERROR_CLOSED,              /* the ceremony is closed: no new events */
  SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER, /* this card was handed over in this ceremony */
  SERAH_CEREMONY_ERROR_NOT_INVITED,         /* not invited and allow_uninvited not set */
  SERAH_CEREMONY_ERROR_NOT_HANDED_OVER,     /* undo of a card that is not handed over */
  SERAH_CEREMONY_ERROR_ALREADY_UNDONE,      /* undo of a handover that was undone already */
  SERAH_CEREMONY_ERROR_AMBIGUOUS,           /* conflict: several live handovers, name the UUID */
  SERAH_CEREMONY_ERROR_WRONG_CEREMONY,      /* an invitation slip (SRU1) of another ceremony */
  SERAH_CEREMONY_ERROR_UNREADABLE,          /* an invitation list file cannot be read */
} SerahCeremonyError;
GQuark serah_ceremony_error_quark (void);

/* A stable, untranslated code for a refusal, for JSON and for choosing the GUI's banner:
 * "already-handed-over", "not-invited", "closed", "wrong-ceremony", "forged", "voided",
 * "other-database", "malformed", "unknown-card", "not-found", "not-handed-over",
 * "already-undone", "ambiguous", "invalid", or "error" for anything else (I/O, database).
 * Works for SERAH_CEREMONY_ERROR and SERAH_PAYLOAD_ERROR errors. */
const char *serah_ceremony_refusal_code (const GError *error);

/* ---- ceremonies ---- */

/* Creates a ceremony; date is ISO (or dd/mm/yyyy, normalised). Returns the new id, 0 on
 * error. Invite participants afterwards (or inside the same outer transaction). */
gint64         serah_ceremony_create (SerahStore  *store,
                                      const char  *name,
                                      const char  *date,
                                      const char  *place,
                                      const char  *operator_name,
                                      GError     **error);
/* NULL with SERAH_CEREMONY_ERROR_NOT_FOUND when there is no such ceremony. */
SerahCeremony *serah_ceremony_get    (SerahStore  *store,
                                      gint64       ceremony_id,
                                      GError     **error);
/* All ceremonies, newest date first; element type SerahCeremony, with counts. */
GPtrArray     *serah_ceremony_list   (SerahStore  *store,
                                      GError     **error);
/* Closes the ceremony (an event row: when, by whom). Afterwards handovers and undos are
 * refused with SERAH_CEREMONY_ERROR_CLOSED; station bundles can still be merged, since they
 * record what happened before. Closing twice is refused. After the close is committed the
 * close hooks run (see serah-ceremony.c: run_close_hooks, where the backup belongs). */
gboolean       serah_ceremony_close  (SerahStore  *store,
                                      gint64       ceremony_id,
                                      const char  *operator_name,
                                      GError     **error);

/* ---- invitations ---- */

/* Invites everyone the filter selects (kecamatan/desa lists; NULL filter = everybody) and,
 * when print_run_id > 0, only those with a card in that print run. Already invited people
 * are skipped. *added (may be NULL) gets the number newly invited. One transaction. */
gboolean serah_ceremony_invite_selection (SerahStore                   *store,
                                          gint64                        ceremony_id,
                                          const SerahParticipantFilter *filter,
                                          gint64                        print_run_id,
                                          const char                   *operator_name,
                                          gint64                       *added,
                                          GError                      **error);

/* One entry that could not be invited (unknown card number or NIK, or not a number). */
typedef struct {
  gint64  line;     /* 1-based line in the file, 0 for keys given directly */
  char   *value;    /* as written */
  char   *message;  /* translated, says what is wrong */
} SerahInviteProblem;
void serah_invite_problem_free (SerahInviteProblem *self);

/* Invites by card number (13 digits) or NIK (16 digits), NULL-terminated list. Unknown keys
 * are reported in *problems (element type SerahInviteProblem; may be NULL), the rest is
 * invited in one transaction. */
gboolean serah_ceremony_invite_keys (SerahStore        *store,
                                     gint64             ceremony_id,
                                     const char *const *keys,
                                     const char        *operator_name,
                                     gint64            *added,
                                     GPtrArray        **problems,
                                     GError           **error);
/* Same from a CSV/text file: every field of 13 or 16 digits is a card number or NIK; a
 * header row and other columns are ignored; a row with no such field is reported with its
 * line. A file that cannot be read changes nothing (SERAH_CEREMONY_ERROR_UNREADABLE). */
gboolean serah_ceremony_invite_file (SerahStore  *store,
                                     gint64       ceremony_id,
                                     const char  *path,
                                     const char  *operator_name,
                                     gint64      *added,
                                     GPtrArray  **problems,
                                     GError     **error);

/* ---- the invitation use cases (serah-ceremony-setup.c) ---- */

/**
 * SerahInvitation:
 * @selections: (nullable) (array zero-terminated=1): filters, each inviting the people it
 *   selects (one invitation each, so two filters add up where one filter with both lists
 *   would intersect them)
 * @print_run_id: when > 0, every selection only invites those with a card in this print run
 * @keys: (nullable) (array zero-terminated=1): card numbers or NIKs to invite
 * @file: (nullable): a CSV or text file of card numbers or NIKs to invite
 *
 * Who to invite to a ceremony, as "ceremony create", "ceremony invite" and the GUI's new
 * ceremony dialog ask for it. Every part is optional; the parts add up.
 */
typedef struct {
  const SerahParticipantFilter *const *selections;
  gint64                               print_run_id;
  const char *const                   *keys;
  const char                          *file;
} SerahInvitation;

/**
 * serah_ceremony_invite:
 * @store: the store
 * @ceremony_id: an open ceremony
 * @invitation: who to invite
 * @operator_name: (nullable): the signed-in operator, recorded in the audit log (NULL: the
 *   system user)
 * @added: (out) (optional): the number newly invited
 * @problems: (out) (optional) (transfer container) (element-type SerahInviteProblem):
 *   the keys or file lines that named nobody, NULL when there were none to check
 * @error: return location for a #GError
 *
 * Invites everyone @invitation names, in one transaction: on failure nobody is invited.
 *
 * Returns: %TRUE on success
 */
gboolean serah_ceremony_invite (SerahStore            *store,
                                gint64                 ceremony_id,
                                const SerahInvitation *invitation,
                                const char            *operator_name,
                                gint64                *added,
                                GPtrArray            **problems,
                                GError               **error);

/**
 * serah_ceremony_create_and_invite:
 * @store: the store
 * @name: the ceremony's name
 * @date: its date, ISO (or dd/mm/yyyy)
 * @place: its place
 * @invitation: (nullable): who to invite (NULL: nobody yet)
 * @operator_name: (nullable): the signed-in operator, recorded as the ceremony's creator and
 *   in the audit log (NULL: the system user)
 * @added: (out) (optional): the number invited
 * @problems: (out) (optional) (transfer container) (element-type SerahInviteProblem):
 *   as for serah_ceremony_invite()
 * @error: return location for a #GError
 *
 * Creates a ceremony and sends its invitations in one transaction: when an invitation fails
 * the ceremony is not left behind either.
 *
 * Returns: the new ceremony's id, 0 on error
 */
gint64 serah_ceremony_create_and_invite (SerahStore            *store,
                                         const char            *name,
                                         const char            *date,
                                         const char            *place,
                                         const SerahInvitation *invitation,
                                         const char            *operator_name,
                                         gint64                *added,
                                         GPtrArray            **problems,
                                         GError               **error);

/* ---- handovers ---- */

/* "Budi Saputra sendiri" or "Siti Aminah (istri)": to whom, in a sentence. New string. */
char *serah_handover_describe_recipient (const SerahHandover *self);

typedef struct {
  gint64            ceremony_id;
  /* Who: either a scanned code (verified here; refusals are SERAH_PAYLOAD_ERROR or
   * SERAH_CEREMONY_ERROR_WRONG_CEREMONY) or a participant id (from a lookup), not both. */
  const char       *code;
  gint64            participant_id;
  gint64            card_serial;      /* with participant_id: the card in hand, 0 = current */
  SerahIdentifiedBy identified_by;    /* with participant_id; a code sets it itself */
  const char       *operator_name;    /* NULL: the system user name */
  const char       *station;          /* NULL: the host name */
  /* Representative: proxy_name set (non-empty) means a representative took the card;
   * then proxy_relation is required, proxy_id_number recommended. */
  const char       *proxy_name;
  const char       *proxy_relation;
  const char       *proxy_id_number;
  gboolean          allow_uninvited;
} SerahHandoverRequest;

/* Records a handover in its own durable transaction and returns it (with participant name).
 * Refusals: SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER (then *existing, when not NULL, gets the
 * handover that is in the way; the message says when, by whom, at which station, to whom),
 * _NOT_INVITED, _CLOSED, _NOT_FOUND, _INVALID (representative without relationship), and
 * SERAH_PAYLOAD_ERROR_* for refused codes. Never records anything when it fails. */
SerahHandover *serah_ceremony_record_handover (SerahStore                 *store,
                                               const SerahHandoverRequest *request,
                                               SerahHandover             **existing,
                                               GError                    **error);

/* Undoes a handover by its UUID, with a reason (required), in its own durable transaction.
 * Returns the handover with its undo fields filled. Refusals: _NOT_FOUND, _ALREADY_UNDONE,
 * _CLOSED, _INVALID (empty reason). */
SerahHandover *serah_ceremony_undo_handover (SerahStore  *store,
                                             gint64       ceremony_id,
                                             const char  *handover_uuid,
                                             const char  *reason,
                                             const char  *operator_name,
                                             const char  *station,
                                             GError     **error);

/* The live handover of a participant in a ceremony, NULL without error when none. When the
 * participant is in conflict (several live handovers from stations), returns the earliest
 * and sets *n_live (may be NULL) to their number. */
SerahHandover *serah_ceremony_get_live_handover (SerahStore  *store,
                                                 gint64       ceremony_id,
                                                 gint64       participant_id,
                                                 guint       *n_live,
                                                 GError     **error);

/* The audit trail: every handover of the ceremony (participant_id 0) or of one participant,
 * undone ones included with their undo fields, in time order. Element type SerahHandover. */
GPtrArray *serah_ceremony_list_handovers (SerahStore  *store,
                                          gint64       ceremony_id,
                                          gint64       participant_id,
                                          GError     **error);

/* ---- the check-off page ---- */

typedef enum {
  SERAH_LOOKUP_EMPTY,    /* nothing typed */
  SERAH_LOOKUP_FOUND,    /* one person identified: a verified code, an exact NIK or card no. */
  SERAH_LOOKUP_RESULTS,  /* search results (maybe none): let the operator pick */
  SERAH_LOOKUP_REFUSED,  /* a code that must not be accepted; refusal says why */
} SerahLookupKind;

typedef struct {
  SerahLookupKind     kind;
  SerahIdentifiedBy   identified_by; /* FOUND: how; pass it on in the handover request */
  SerahCheckoffEntry *entry;         /* FOUND */
  GPtrArray          *results;       /* RESULTS: SerahCheckoffEntry, at most limit */
  gboolean            more;          /* RESULTS: there were more than limit matches */
  GError             *refusal;       /* REFUSED: SERAH_PAYLOAD_ERROR_* or
                                        SERAH_CEREMONY_ERROR_WRONG_CEREMONY, with message */
} SerahLookup;

void serah_lookup_free (SerahLookup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahLookup, serah_lookup_free)

/* The scan field: text is a scanned code (SRH1/SRU1, any case), a 13-digit card number, a
 * 16-digit NIK, or a search: digits are a NIK or card number prefix, one or two letters the
 * start of a name, three or more any part of a name (any case). Search results: at most
 * limit (0 = 50), the ceremony's invited first, then by desa and name. Read-only and fast
 * (bench/run-ceremony.sh: well under 10 ms with 100 000 participants). Returns NULL only
 * for database errors; refusals are a SERAH_LOOKUP_REFUSED result. */
SerahLookup *serah_ceremony_lookup (SerahStore  *store,
                                    gint64       ceremony_id,
                                    const char  *text,
                                    guint        limit,
                                    GError     **error);

/* One person's entry, as the lookup builds it (for refreshing a row after a handover). */
SerahCheckoffEntry *serah_ceremony_get_entry (SerahStore  *store,
                                              gint64       ceremony_id,
                                              gint64       participant_id,
                                              GError     **error);

/* ---- progress ---- */

/* Counts kept in a tally table updated with every event, so this reads a few dozen rows:
 * cheap enough to call after every scan. */
SerahCeremonyProgress *serah_ceremony_get_progress (SerahStore  *store,
                                                    gint64       ceremony_id,
                                                    GError     **error);

/* Streams entries in stack order: by kecamatan and desa of the card stack (printed_cards
 * stack_group, else the participant's desa), then stack_index, then name for cards never
 * printed. desa (may be NULL = all, any case) limits to the participants of one desa (their
 * desa as it was when invited). A callback returning FALSE stops. */
gboolean serah_ceremony_foreach_entry (SerahStore             *store,
                                       gint64                  ceremony_id,
                                       SerahEntriesWhich       which,
                                       const char             *desa,
                                       SerahCheckoffEntryFunc  func,
                                       gpointer                user_data,
                                       GError                **error);
/* Convenience: the same, collected. Element type SerahCheckoffEntry. */
GPtrArray *serah_ceremony_list_entries (SerahStore        *store,
                                        gint64             ceremony_id,
                                        SerahEntriesWhich  which,
                                        const char        *desa,
                                        GError           **error);

/* ---- station conflicts ---- */

/* Participants with two or more live handovers (only merges can cause that). Resolve one by
 * undoing the wrong handover(s) by UUID. Element type SerahHandoverConflict. */
GPtrArray *serah_ceremony_list_conflicts (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/* The operators who recorded handovers in the ceremony, sorted (for the berita acara). */
GStrv serah_ceremony_list_operators (SerahStore  *store,
                                     gint64       ceremony_id,
                                     GError     **error);

G_END_DECLS
