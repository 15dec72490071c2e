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
#include <serah/cards/serah-print-job.h>
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

/**
 * serah_ceremony_error_quark:
 *
 * Returns: the quark of #SerahCeremonyError
 */
GQuark serah_ceremony_error_quark (void);

/**
 * serah_ceremony_refusal_code:
 * @error: (nullable): a refusal from the ceremony or the payload domain
 *
 * A stable, untranslated code for a refusal, for JSON and for choosing the GUI's banner:
 * "already-handed-over", "not-invited", "closed", "wrong-ceremony", "forged", "voided",
 * "other-database", "malformed", "unknown-card", "not-found", "not-handed-over",
 * "already-undone", "ambiguous", "invalid", or "error" for anything else (I/O, database).
 *
 * Returns: (transfer none): the code (static text)
 */
const char *serah_ceremony_refusal_code (const GError *error);

/* ---- ceremonies ---- */

/**
 * serah_ceremony_create:
 * @store: the office database
 * @name: the ceremony's name
 * @date: its date, ISO (or dd/mm/yyyy, normalised)
 * @place: its place
 * @operator_name: (nullable): who creates it (%NULL: the system user)
 * @error: return location for a #GError
 *
 * Creates a ceremony. Invite participants afterwards, or use
 * serah_ceremony_create_and_invite() to do both in one transaction.
 *
 * Returns: the new id, or 0 with @error set
 */
gint64         serah_ceremony_create (SerahStore  *store,
                                      const char  *name,
                                      const char  *date,
                                      const char  *place,
                                      const char  *operator_name,
                                      GError     **error);

/**
 * serah_ceremony_get:
 * @store: the office database
 * @ceremony_id: a ceremony's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the ceremony, or %NULL with @error set
 *   (%SERAH_CEREMONY_ERROR_NOT_FOUND when there is no such ceremony)
 */
SerahCeremony *serah_ceremony_get    (SerahStore  *store,
                                      gint64       ceremony_id,
                                      GError     **error);

/**
 * serah_ceremony_list:
 * @store: the office database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type SerahCeremony) (nullable): every ceremony with its
 *   counts, newest date first (the array frees its elements), or %NULL with @error set
 */
GPtrArray     *serah_ceremony_list   (SerahStore  *store,
                                      GError     **error);

/**
 * serah_ceremony_close:
 * @store: the office database
 * @ceremony_id: an open ceremony
 * @operator_name: (nullable): who closes it (%NULL: the system user)
 * @error: return location for a #GError
 *
 * Closes the ceremony (an event row: when, by whom). Afterwards handovers and undos are
 * refused with %SERAH_CEREMONY_ERROR_CLOSED; station bundles can still be merged, since they
 * record what happened before. Closing twice is refused. After the close is committed the
 * close hooks run (the "ceremony-close" automatic backup).
 *
 * Returns: %TRUE when closed and backed up, %FALSE with @error set; when only the backup
 *   failed the ceremony is closed all the same, and the message says so
 */
gboolean       serah_ceremony_close  (SerahStore  *store,
                                      gint64       ceremony_id,
                                      const char  *operator_name,
                                      GError     **error);

/* ---- how the check-off desk treats a scan ---- */

typedef enum {
  /* A scan shows the person; the officer checks the KTP and confirms (Enter). The default:
   * a wrong card in the wrong hand is worse than one more key press. */
  SERAH_CHECKOFF_MODE_CONFIRM,
  /* A scan of an invited person not yet served hands over at once, with an Undo toast. */
  SERAH_CHECKOFF_MODE_SCAN_HANDS_OVER,
} SerahCheckoffMode;

/**
 * serah_checkoff_mode_to_string:
 * @mode: a check-off mode
 *
 * Returns: (transfer none): "confirm" or "scan-hands-over" (audit details, JSON)
 */
const char       *serah_checkoff_mode_to_string    (SerahCheckoffMode  mode);
/**
 * serah_ceremony_get_checkoff_mode:
 * @store: the office database
 * @ceremony_id: a ceremony
 *
 * Returns: the ceremony's check-off mode; %SERAH_CHECKOFF_MODE_CONFIRM when never set or the
 *   ceremony is unknown
 */
SerahCheckoffMode serah_ceremony_get_checkoff_mode (SerahStore        *store,
                                                    gint64             ceremony_id);
/**
 * serah_ceremony_set_checkoff_mode:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @mode: the mode every station of the ceremony uses from now on
 * @operator_name: (nullable): who changed it, for the audit log ("ceremony.checkoff-mode")
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved and audited in one transaction, %FALSE with @error set
 */
gboolean          serah_ceremony_set_checkoff_mode (SerahStore        *store,
                                                    gint64             ceremony_id,
                                                    SerahCheckoffMode  mode,
                                                    const char        *operator_name,
                                                    GError           **error);

/* ---- invitations ---- */

/**
 * serah_ceremony_invite_selection:
 * @store: the office database
 * @ceremony_id: an open ceremony
 * @filter: (nullable): kecamatan/desa lists; %NULL: everybody
 * @print_run_id: when > 0, only those with a card in that print run
 * @operator_name: (nullable): who invites (%NULL: the system user)
 * @added: (out) (optional): the number newly invited
 * @error: return location for a #GError
 *
 * Invites everyone @filter selects, in one transaction. Already invited people are skipped.
 *
 * Returns: %TRUE on success, %FALSE with @error set (nobody invited)
 */
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

/**
 * serah_invite_problem_free:
 * @self: (nullable): a problem, or %NULL
 *
 * Frees @self and its strings.
 */
void serah_invite_problem_free (SerahInviteProblem *self);

/**
 * serah_ceremony_invite_keys:
 * @store: the office database
 * @ceremony_id: an open ceremony
 * @keys: (array zero-terminated=1): card numbers (13 digits) or NIKs (16 digits)
 * @operator_name: (nullable): who invites (%NULL: the system user)
 * @added: (out) (optional): the number newly invited
 * @problems: (out) (optional) (transfer full) (element-type SerahInviteProblem): the
 *   keys that named nobody
 * @error: return location for a #GError
 *
 * Invites by card number or NIK. Unknown keys are reported in @problems, the rest is invited
 * in one transaction.
 *
 * Returns: %TRUE on success, %FALSE with @error set (nobody invited)
 */
gboolean serah_ceremony_invite_keys (SerahStore        *store,
                                     gint64             ceremony_id,
                                     const char *const *keys,
                                     const char        *operator_name,
                                     gint64            *added,
                                     GPtrArray        **problems,
                                     GError           **error);

/**
 * serah_ceremony_invite_file:
 * @store: the office database
 * @ceremony_id: an open ceremony
 * @path: a CSV or text file
 * @operator_name: (nullable): who invites (%NULL: the system user)
 * @added: (out) (optional): the number newly invited
 * @problems: (out) (optional) (transfer full) (element-type SerahInviteProblem): the
 *   lines that named nobody
 * @error: return location for a #GError
 *
 * As serah_ceremony_invite_keys(), from a file: every field of 13 or 16 digits is a card
 * number or NIK; a header row and other columns are ignored; a row with no such field is
 * reported with its line. A file that cannot be read changes nothing
 * (%SERAH_CEREMONY_ERROR_UNREADABLE).
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
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
 * @problems: (out) (optional) (transfer full) (element-type SerahInviteProblem):
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
 * @problems: (out) (optional) (transfer full) (element-type SerahInviteProblem):
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

/**
 * serah_handover_describe_recipient:
 * @self: a handover
 *
 * To whom, in a sentence: "Budi Saputra sendiri" or "Siti Aminah (istri)".
 *
 * Returns: (transfer full): the sentence; free with g_free()
 */
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

/**
 * serah_ceremony_record_handover:
 * @store: the office database
 * @request: who, which card, by whom, to whom
 * @existing: (out) (optional) (transfer full) (nullable): on
 *   %SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER, the handover that is in the way
 * @error: return location for a #GError
 *
 * Records a handover in its own durable transaction. Refusals:
 * %SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER (the message says when, by whom, at which station,
 * to whom), _NOT_INVITED, _CLOSED, _NOT_FOUND, _INVALID (representative without
 * relationship), and %SERAH_PAYLOAD_ERROR codes for refused scans. Never records anything
 * when it fails.
 *
 * Returns: (transfer full) (nullable): the handover recorded (with the participant's name),
 *   or %NULL with @error set
 */
SerahHandover *serah_ceremony_record_handover (SerahStore                 *store,
                                               const SerahHandoverRequest *request,
                                               SerahHandover             **existing,
                                               GError                    **error);

/**
 * serah_ceremony_undo_handover:
 * @store: the office database
 * @ceremony_id: the handover's ceremony
 * @handover_uuid: the handover to undo
 * @reason: why (required)
 * @operator_name: (nullable): who undoes it (%NULL: the system user)
 * @station: (nullable): where (%NULL: the host name)
 * @error: return location for a #GError
 *
 * Undoes a handover by its UUID in its own durable transaction. Refusals: _NOT_FOUND,
 * _ALREADY_UNDONE, _CLOSED, _INVALID (empty reason).
 *
 * Returns: (transfer full) (nullable): the handover with its undo fields filled, or %NULL
 *   with @error set
 */
SerahHandover *serah_ceremony_undo_handover (SerahStore  *store,
                                             gint64       ceremony_id,
                                             const char  *handover_uuid,
                                             const char  *reason,
                                             const char  *operator_name,
                                             const char  *station,
                                             GError     **error);

/**
 * serah_ceremony_get_live_handover:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @participant_id: a participant
 * @n_live: (out) (optional): the number of live handovers (more than one: a conflict from
 *   merged stations)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the live handover (the earliest when in conflict), or
 *   %NULL without error when there is none, or %NULL with @error set
 */
SerahHandover *serah_ceremony_get_live_handover (SerahStore  *store,
                                                 gint64       ceremony_id,
                                                 gint64       participant_id,
                                                 guint       *n_live,
                                                 GError     **error);

/**
 * serah_ceremony_list_handovers:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @participant_id: one participant, or 0 for all
 * @error: return location for a #GError
 *
 * The audit trail: every handover, undone ones included with their undo fields, in time
 * order.
 *
 * Returns: (transfer full) (element-type SerahHandover) (nullable): the handovers (the array
 *   frees its elements), or %NULL with @error set
 */
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

/**
 * serah_lookup_free:
 * @self: (nullable): a lookup, or %NULL
 *
 * Frees @self, its entry, its results and its refusal.
 */
void serah_lookup_free (SerahLookup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahLookup, serah_lookup_free)

/**
 * serah_ceremony_lookup:
 * @store: the office database
 * @ceremony_id: the ceremony in progress
 * @text: what the scan field holds
 * @limit: at most this many search results (0: 50)
 * @error: return location for a #GError
 *
 * The scan field: @text is a scanned code (SRH1/SRU1, any case), a 13-digit card number, a
 * 16-digit NIK, or a search: digits are a NIK or card number prefix, one or two letters the
 * start of a name, three or more any part of a name (any case). Search results come the
 * ceremony's invited first, then by desa and name. Read-only and fast (well under 10 ms with
 * 100 000 participants, bench/run-ceremony.sh). Refusals are a %SERAH_LOOKUP_REFUSED result,
 * not an error.
 *
 * Returns: (transfer full) (nullable): the lookup, or %NULL with @error set on a database
 *   error
 */
SerahLookup *serah_ceremony_lookup (SerahStore  *store,
                                    gint64       ceremony_id,
                                    const char  *text,
                                    guint        limit,
                                    GError     **error);

/**
 * serah_ceremony_get_entry:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @participant_id: a participant
 * @error: return location for a #GError
 *
 * One person's entry, as the lookup builds it (for refreshing a row after a handover).
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with @error set
 *   (%SERAH_CEREMONY_ERROR_NOT_FOUND when there is no such participant)
 */
SerahCheckoffEntry *serah_ceremony_get_entry (SerahStore  *store,
                                              gint64       ceremony_id,
                                              gint64       participant_id,
                                              GError     **error);

/**
 * serah_ceremony_count_pending:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @kecamatan: (nullable): with @desa, count only that desa
 * @desa: (nullable): with @kecamatan, count only that desa
 * @error: return location for a #GError
 *
 * How many invited people are still waiting for their card ("belum dilayani"), from the
 * tallies the handovers keep (issue #10: no walk of the invitations, whatever their number).
 *
 * Returns: the number waiting, or -1 with @error set
 */
gint64 serah_ceremony_count_pending (SerahStore  *store,
                                     gint64       ceremony_id,
                                     const char  *kecamatan,
                                     const char  *desa,
                                     GError     **error);

/**
 * serah_ceremony_pending_window:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @kecamatan: (nullable): with @desa, only that desa
 * @desa: (nullable): with @kecamatan, only that desa
 * @position: the first person wanted, from 0
 * @limit: at most this many
 * @n_pending: what serah_ceremony_count_pending() gave, or 0 if unknown (a window in the
 *   second half is then read from the end, at half the cost)
 * @error: return location for a #GError
 *
 * One window of the people still waiting, in (desa, participant) order read straight from
 * the invitations' desa index: a list of a million waiting shows its first rows at once.
 * Read each row with serah_ceremony_get_entry().
 *
 * Returns: (transfer full) (nullable) (element-type gint64): participant ids (fewer than
 *   @limit at the end), or %NULL with @error set
 */
GArray *serah_ceremony_pending_window (SerahStore  *store,
                                       gint64       ceremony_id,
                                       const char  *kecamatan,
                                       const char  *desa,
                                       gint64       position,
                                       guint        limit,
                                       gint64       n_pending,
                                       GError     **error);

/* ---- progress ---- */

/**
 * serah_ceremony_get_progress:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @error: return location for a #GError
 *
 * Counts kept in a tally table updated with every event, so this reads a few dozen rows:
 * cheap enough to call after every scan. An unknown ceremony has zero counts.
 *
 * Returns: (transfer full) (nullable): the progress, or %NULL with @error set
 */
SerahCeremonyProgress *serah_ceremony_get_progress (SerahStore  *store,
                                                    gint64       ceremony_id,
                                                    GError     **error);

/**
 * serah_ceremony_foreach_entry:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @which: everyone, those still waiting, or those handed over
 * @desa: (nullable): only the participants of this desa as it was when invited (any case);
 *   %NULL: all
 * @func: (scope call): called for each entry; returning %FALSE stops
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Streams entries in stack order: by kecamatan and desa of the card stack (else the
 * participant's desa), then stack index, then name for cards never printed.
 *
 * Returns: %TRUE when every row was read (or @func stopped), %FALSE with @error set
 */
gboolean serah_ceremony_foreach_entry (SerahStore             *store,
                                       gint64                  ceremony_id,
                                       SerahEntriesWhich       which,
                                       const char             *desa,
                                       SerahCheckoffEntryFunc  func,
                                       gpointer                user_data,
                                       GError                **error);

/**
 * serah_ceremony_list_entries:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @which: which entries
 * @desa: (nullable): one desa, or %NULL for all
 * @error: return location for a #GError
 *
 * serah_ceremony_foreach_entry(), collected.
 *
 * Returns: (transfer full) (element-type SerahCheckoffEntry) (nullable): the entries (the
 *   array frees its elements), or %NULL with @error set
 */
GPtrArray *serah_ceremony_list_entries (SerahStore        *store,
                                        gint64             ceremony_id,
                                        SerahEntriesWhich  which,
                                        const char        *desa,
                                        GError           **error);

/* ---- station conflicts ---- */

/**
 * serah_ceremony_list_conflicts:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @error: return location for a #GError
 *
 * Participants with two or more live handovers (only merges can cause that). Resolve one by
 * undoing the wrong handover(s) by UUID.
 *
 * Returns: (transfer full) (element-type SerahHandoverConflict) (nullable): the conflicts
 *   (the array frees its elements), or %NULL with @error set
 */
GPtrArray *serah_ceremony_list_conflicts (SerahStore  *store,
                                          gint64       ceremony_id,
                                          GError     **error);

/**
 * serah_ceremony_list_operators:
 * @store: the office database
 * @ceremony_id: a ceremony
 * @error: return location for a #GError
 *
 * The operators who recorded handovers in the ceremony, sorted (for the berita acara).
 *
 * Returns: (transfer full) (nullable): their names; free with g_strfreev(); %NULL with
 *   @error set
 */
GStrv serah_ceremony_list_operators (SerahStore  *store,
                                     gint64       ceremony_id,
                                     GError     **error);

/**
 * serah_ceremony_prepare_invitations:
 * @store: the office database
 * @job: a print job whose template prints invitation slips (Payload=invitation)
 * @ceremony_id: the ceremony the slips invite to
 * @filter: (nullable): narrows the invited people by kecamatan and desa; %NULL: all invited
 * @n_invited: (out) (optional): how many slips the job will print
 * @error: return location for a #GError
 *
 * Fills in an invitation slip run from its ceremony: the job prints the people invited to
 * @ceremony_id (those @filter selects, by kecamatan, desa and name) and nobody else, and
 * the template's ceremony_name, ceremony_date ("Senin, 7 Desember 2026") and ceremony_place
 * fields take the ceremony's name, date and place; serah_print_job_set_extra() called after
 * this overrides them. The run is recorded as an invitation run: its slips never count as
 * printed cards.
 *
 * Returns: %TRUE when the job was filled in, %FALSE with @error set (no such ceremony)
 */
gboolean serah_ceremony_prepare_invitations (SerahStore                   *store,
                                             SerahPrintJob                *job,
                                             gint64                        ceremony_id,
                                             const SerahParticipantFilter *filter,
                                             guint                        *n_invited,
                                             GError                      **error);

G_END_DECLS
