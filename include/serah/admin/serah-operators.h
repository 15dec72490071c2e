/* serah-operators.h: the staff who use Serah (petugas), their roles and PINs.
 *
 * Two roles: an administrator imports, prints, exports, manages operators and restores
 * backups; a ceremony officer (petugas acara) only checks cards off and records
 * testimonials. An administrator may also do everything an officer does.
 *
 * A PIN is at least SERAH_OPERATORS_PIN_MIN_LENGTH digits and is stored only as an Argon2id
 * hash (libsodium crypto_pwhash_str). SERAH_OPERATORS_MAX_FAILED_ATTEMPTS wrong PINs in a row
 * lock the operator for SERAH_OPERATORS_LOCKOUT_SECONDS; an administrator setting a new PIN
 * lifts the lock. Operators are disabled, never deleted, so their names stay in the history.
 *
 * Bootstrap: while a database has no operator at all, serah_operators_authorize() lets every
 * action through as the name given (or the user name of the system account); the first
 * operator created must be an administrator. Once any operator exists, a role-gated action
 * needs a valid name and PIN.
 *
 * Operators are an accountability control (who did what, with a PIN that a colleague cannot
 * guess at the counter), not protection against someone who can copy the database file.
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/admin/serah-admin-records.h>

G_BEGIN_DECLS

#define SERAH_OPERATORS_ERROR (serah_operators_error_quark ())
typedef enum {
  SERAH_OPERATORS_ERROR_FAILED,
  SERAH_OPERATORS_ERROR_NAME_REQUIRED,   /* operators exist and no name was given */
  SERAH_OPERATORS_ERROR_PIN_REQUIRED,    /* no PIN was given */
  SERAH_OPERATORS_ERROR_UNKNOWN,         /* no operator by that name */
  SERAH_OPERATORS_ERROR_WRONG_PIN,
  SERAH_OPERATORS_ERROR_LOCKED,          /* too many wrong PINs; wait or ask an administrator */
  SERAH_OPERATORS_ERROR_DISABLED,
  SERAH_OPERATORS_ERROR_FORBIDDEN,       /* signed in, but the role does not allow the action */
  SERAH_OPERATORS_ERROR_INVALID_NAME,
  SERAH_OPERATORS_ERROR_WEAK_PIN,        /* too short, not digits, or trivially guessable */
  SERAH_OPERATORS_ERROR_EXISTS,
  SERAH_OPERATORS_ERROR_FIRST_MUST_BE_ADMIN,
  SERAH_OPERATORS_ERROR_LAST_ADMIN,      /* would leave no enabled administrator */
  SERAH_OPERATORS_ERROR_NOT_A_PIN,       /* not 6..32 digits (a scanned card?): not counted */
} SerahOperatorsError;
GQuark serah_operators_error_quark (void);

#define SERAH_OPERATORS_PIN_MIN_LENGTH      6
#define SERAH_OPERATORS_PIN_MAX_LENGTH      32
#define SERAH_OPERATORS_NAME_MAX_LENGTH     32
#define SERAH_OPERATORS_MAX_FAILED_ATTEMPTS 5
#define SERAH_OPERATORS_LOCKOUT_SECONDS     (5 * 60)

/* Translated label for people ("Administrator", "Petugas acara"). */
const char *serah_role_get_label   (SerahRole   role);

/* Checks the rules for a sign-in name: 1..32 of a-z 0-9 . _ -, starting with a letter or
 * digit. Upper case is accepted and folded. */
gboolean serah_operators_check_name (const char  *name,
                                     GError     **error);
/* Checks the rules for a PIN: 6..32 ASCII digits, not all one digit, not a straight run
 * such as 123456 or 987654. */
gboolean serah_operators_check_pin  (const char  *pin,
                                     GError     **error);

/**
 * serah_operators_could_be_pin:
 * @text: (nullable): what was typed into a PIN field
 *
 * Whether @text has the shape every PIN has (6..32 ASCII digits). Text of another shape, such
 * as a card's QR code typed by a scanner, is never counted as a wrong PIN.
 *
 * Returns: %TRUE when @text could be a PIN.
 */
gboolean serah_operators_could_be_pin (const char *text);

/* Number of operators, disabled ones included; -1 on error. */
gint64   serah_operators_count      (SerahStore  *store,
                                     GError     **error);

/* Adds an operator. actor is the name recorded in the audit log (NULL: the system user
 * name). The caller checks that actor may manage operators (serah_operators_authorize with
 * SERAH_ROLE_ADMIN); the first operator must be an administrator. Hashing the PIN takes a
 * good part of a second on purpose. */
gboolean serah_operators_add        (SerahStore  *store,
                                     const char  *name,
                                     const char  *full_name,
                                     SerahRole    role,
                                     const char  *pin,
                                     const char  *actor,
                                     GError     **error);
/* Element type SerahOperator, sorted by name, disabled ones included. */
GPtrArray *serah_operators_list     (SerahStore  *store,
                                     GError     **error);
/* NULL with no error when there is no such operator. */
SerahOperator *serah_operators_get  (SerahStore  *store,
                                     const char  *name,
                                     GError     **error);
/* Refuses to disable the last enabled administrator. Audited. */
gboolean serah_operators_disable    (SerahStore  *store,
                                     const char  *name,
                                     const char  *actor,
                                     GError     **error);
gboolean serah_operators_enable     (SerahStore  *store,
                                     const char  *name,
                                     const char  *actor,
                                     GError     **error);
/* Sets a new PIN and lifts a lockout. Audited (never the PIN itself). */
gboolean serah_operators_set_pin    (SerahStore  *store,
                                     const char  *name,
                                     const char  *pin,
                                     const char  *actor,
                                     GError     **error);

/* Checks name and PIN. A wrong PIN is counted (and audited) in its own transaction, so call
 * this before opening yours: a rollback of the caller's work must not forget the attempt.
 * Returns NULL with SERAH_OPERATORS_ERROR_UNKNOWN, _DISABLED, _LOCKED, _WRONG_PIN or
 * _PIN_REQUIRED. */
SerahOperator *serah_operators_authenticate (SerahStore  *store,
                                             const char  *name,
                                             const char  *pin,
                                             GError     **error);
/* The check every role-gated action makes. With no operator in the database it returns a
 * bootstrap administrator named name (or the system user name) without asking for a PIN.
 * Otherwise it authenticates and refuses a role below required with
 * SERAH_OPERATORS_ERROR_FORBIDDEN (audited); name NULL gives _NAME_REQUIRED. */
SerahOperator *serah_operators_authorize    (SerahStore  *store,
                                             const char  *name,
                                             const char  *pin,
                                             SerahRole    required,
                                             GError     **error);

G_END_DECLS
