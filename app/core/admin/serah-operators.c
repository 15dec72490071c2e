/* serah-operators.c: operators, roles and PINs: the rules (validation, hashing, lockout,
 * the bootstrap rule, the last administrator) over the rows of serah-store-operators.c.
 *
 * PINs are hashed with Argon2id (crypto_pwhash_str). The cost is chosen so one check takes
 * 100-300 ms on a 2-core office laptop (measured ~170 ms): slow enough that a copied database
 * does not give up a 6-digit PIN in seconds, fast enough at the ceremony desk. Even so, a
 * 6-digit PIN falls to a patient offline search, so the lockout is what protects PINs at the
 * counter, and the database file itself must be kept on an encrypted, locked laptop.
 */
#define G_LOG_DOMAIN "serah-operators"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "admin/serah-operators-private.h"
#include "store/serah-store-private.h"

G_DEFINE_QUARK (serah-operators-error-quark, serah_operators_error)

/* Argon2id cost: 3 passes over 128 MiB. Stored with each hash, so raising it later only
 * makes new and re-hashed PINs slower; old hashes keep verifying (and get re-hashed). */
#define PIN_HASH_OPSLIMIT  3ULL
#define PIN_HASH_MEMLIMIT  ((size_t) 128 * 1024 * 1024)
#define FULL_NAME_MAX_LENGTH 100

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialised = 0;
  static gboolean ok = FALSE;

  /* sodium_init is thread-safe and idempotent, but calling it once keeps the cost and the
   * failure in one place. */
  if (g_once_init_enter (&initialised))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialised, 1);
    }
  if (!ok)
    g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FAILED,
                 _("The cryptography library could not be started."));
  return ok;
}

const char *
serah_role_get_label (SerahRole role)
{
  return role == SERAH_ROLE_ADMIN ? _("Administrator") : _("Ceremony officer");
}

gboolean
serah_operators_check_name (const char *name, GError **error)
{
  gsize len = name ? strlen (name) : 0;

  if (len == 0 || len > SERAH_OPERATORS_NAME_MAX_LENGTH || !g_ascii_isalnum (name[0]))
    goto invalid;
  for (const char *c = name; *c != '\0'; c++)
    if (!(g_ascii_isalnum (*c) || *c == '.' || *c == '_' || *c == '-'))
      goto invalid;
  return TRUE;

invalid:
  g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_INVALID_NAME,
               _("“%s” cannot be an operator name: use 1 to %d letters, digits, “.”, “_” or "
                 "“-”, starting with a letter or digit (for example “siti” or “budi.s”)."),
               name ? name : "", SERAH_OPERATORS_NAME_MAX_LENGTH);
  return FALSE;
}

gboolean
serah_operators_could_be_pin (const char *text)
{
  size_t n;

  if (text == NULL)
    return FALSE;
  n = strlen (text);
  if (n < SERAH_OPERATORS_PIN_MIN_LENGTH || n > SERAH_OPERATORS_PIN_MAX_LENGTH)
    return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
serah_operators_check_pin (const char *pin, GError **error)
{
  gsize len = pin ? strlen (pin) : 0;
  gboolean same = TRUE, up = TRUE, down = TRUE;

  if (len < SERAH_OPERATORS_PIN_MIN_LENGTH || len > SERAH_OPERATORS_PIN_MAX_LENGTH)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN,
                   _("A PIN has %d to %d digits."), SERAH_OPERATORS_PIN_MIN_LENGTH,
                   SERAH_OPERATORS_PIN_MAX_LENGTH);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (pin[i]))
        {
          g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN,
                       _("A PIN has digits only."));
          return FALSE;
        }
      if (i > 0)
        {
          same = same && pin[i] == pin[i - 1];
          up = up && pin[i] == pin[i - 1] + 1;
          down = down && pin[i] == pin[i - 1] - 1;
        }
    }
  /* The first PINs anyone tries at a borrowed laptop. */
  if (same || up || down)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN,
                   _("This PIN is too easy to guess (one digit repeated or a straight run "
                     "like 123456). Choose another."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_full_name (const char *full_name, GError **error)
{
  if (full_name == NULL)
    return TRUE;
  if (!g_utf8_validate (full_name, -1, NULL) ||
      g_utf8_strlen (full_name, -1) > FULL_NAME_MAX_LENGTH)
    goto invalid;
  for (const char *c = full_name; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_iscntrl (g_utf8_get_char (c)))
      goto invalid;
  return TRUE;

invalid:
  g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_INVALID_NAME,
               _("A full name is at most %d characters of text on one line."),
               FULL_NAME_MAX_LENGTH);
  return FALSE;
}

/* Hashes into out (crypto_pwhash_STRBYTES); slow on purpose, so never inside a transaction. */
static gboolean
hash_pin (const char *pin, char *out, GError **error)
{
  if (!ensure_sodium (error))
    return FALSE;
  if (crypto_pwhash_str (out, pin, strlen (pin), PIN_HASH_OPSLIMIT, PIN_HASH_MEMLIMIT) != 0)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FAILED,
                   _("Not enough memory to protect the PIN (%u MiB needed)."),
                   (guint) (PIN_HASH_MEMLIMIT >> 20));
      return FALSE;
    }
  return TRUE;
}

gint64
serah_operators_count (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), -1);
  return serah_store_count_operators (store, FALSE, error);
}

SerahOperator *
serah_operators_get (SerahStore *store, const char *name, GError **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = g_ascii_strdown (name, -1);
  return serah_store_get_operator (store, folded, NULL, error);
}

GPtrArray *
serah_operators_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_operators (store, error);
}

static SerahOperator *
get_existing (SerahStore *store, const char *name, char **pin_hash, GError **error)
{
  GError *local_error = NULL;
  SerahOperator *op = serah_store_get_operator (store, name, pin_hash, &local_error);

  if (op == NULL && local_error == NULL)
    g_set_error (&local_error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_UNKNOWN,
                 _("There is no operator “%s”. “serah-cli operator list” shows them."), name);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return op;
}

gboolean
serah_operators_add (SerahStore *store, const char *name, const char *full_name, SerahRole role,
                     const char *pin, const char *actor, GError **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahOperator) existing = NULL;
  char hash[crypto_pwhash_STRBYTES];
  gint64 count;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (role == SERAH_ROLE_ADMIN || role == SERAH_ROLE_OFFICER, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (full_name != NULL && *full_name == '\0')
    full_name = NULL;
  if (!serah_operators_check_name (name, error) || !check_full_name (full_name, error) ||
      !serah_operators_check_pin (pin, error))
    return FALSE;
  folded = g_ascii_strdown (name, -1);

  /* Cheap refusals first, so a typo does not cost a PIN hash; checked again below inside
   * the transaction, where it counts. */
  existing = serah_store_get_operator (store, folded, NULL, error);
  if (existing != NULL)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_EXISTS,
                   _("There is already an operator “%s”."), folded);
      return FALSE;
    }
  if (!hash_pin (pin, hash, error))
    return FALSE;

  if (!serah_store_begin (store, error))
    return FALSE;
  count = serah_store_count_operators (store, FALSE, error);
  if (count < 0)
    goto fail;
  if (count == 0 && role != SERAH_ROLE_ADMIN)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FIRST_MUST_BE_ADMIN,
                   _("The first operator must be an administrator (--role admin), so that "
                     "someone can manage the others."));
      goto fail;
    }
  if (actor == NULL || *actor == '\0')
    actor = g_get_user_name ();
  if (!serah_store_insert_operator (store, folded, full_name, role, hash, actor, &local_error))
    {
      if (g_error_matches (local_error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CONSTRAINT))
        g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_EXISTS,
                     _("There is already an operator “%s”."), folded);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  details = serah_audit_details ("role", serah_role_to_string (role), "full_name", full_name,
                                 NULL);
  if (!serah_audit_record (store, actor, "operator.add", folded, details, error) ||
      !serah_store_commit (store, error))
    goto fail;
  sodium_memzero (hash, sizeof hash);
  return TRUE;

fail:
  sodium_memzero (hash, sizeof hash);
  serah_store_rollback (store);
  return FALSE;
}

static gboolean
set_disabled (SerahStore *store, const char *name, gboolean disabled, const char *actor,
              GError **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(SerahOperator) op = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  folded = g_ascii_strdown (name, -1);
  if (!serah_store_begin (store, error))
    return FALSE;
  op = get_existing (store, folded, NULL, error);
  if (op == NULL)
    goto fail;
  if (op->disabled == disabled)
    return serah_store_commit (store, error);   /* nothing changes, nothing to record */

  if (disabled && op->role == SERAH_ROLE_ADMIN)
    {
      gint64 admins = serah_store_count_operators (store, TRUE, error);

      if (admins < 0)
        goto fail;
      if (admins <= 1)
        {
          g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_LAST_ADMIN,
                       _("“%s” is the last enabled administrator; add another administrator "
                         "first."),
                       folded);
          goto fail;
        }
    }
  if (!serah_store_set_operator_disabled (store, folded, disabled, error) ||
      !serah_audit_record (store, actor, disabled ? "operator.disable" : "operator.enable",
                           folded, NULL, error))
    goto fail;
  return serah_store_commit (store, error);

fail:
  serah_store_rollback (store);
  return FALSE;
}

gboolean
serah_operators_disable (SerahStore *store, const char *name, const char *actor, GError **error)
{
  return set_disabled (store, name, TRUE, actor, error);
}

gboolean
serah_operators_enable (SerahStore *store, const char *name, const char *actor, GError **error)
{
  return set_disabled (store, name, FALSE, actor, error);
}

gboolean
serah_operators_set_pin (SerahStore *store, const char *name, const char *pin, const char *actor,
                         GError **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(SerahOperator) op = NULL;
  char hash[crypto_pwhash_STRBYTES];
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!serah_operators_check_pin (pin, error))
    return FALSE;
  folded = g_ascii_strdown (name, -1);
  op = get_existing (store, folded, NULL, error);
  if (op == NULL || !hash_pin (pin, hash, error))
    return FALSE;

  ok = serah_store_begin (store, error) &&
       serah_store_set_operator_pin_hash (store, folded, hash, error) &&
       serah_audit_record (store, actor, "operator.pin", folded, NULL, error) &&
       serah_store_commit (store, error);
  if (!ok)
    serah_store_rollback (store);
  sodium_memzero (hash, sizeof hash);
  return ok;
}

static char *
format_local_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);
  return when ? g_date_time_format (when, "%H:%M") : g_strdup ("?");
}

/* Counts a wrong PIN in its own short transaction and says what happens next. */
static void
refuse_wrong_pin (SerahStore *store, const SerahOperator *op, GError **error)
{
  g_autoptr(GError) store_error = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *details = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 failed = op->failed_attempts + 1, locked_until = 0;
  gboolean ok;

  ok = serah_store_begin (store, &store_error) &&
       serah_store_note_failed_pin (store, op->name, SERAH_OPERATORS_MAX_FAILED_ATTEMPTS,
                                    now + SERAH_OPERATORS_LOCKOUT_SECONDS, &failed,
                                    &locked_until, &store_error);
  if (ok)
    {
      count_text = g_strdup_printf ("%" G_GINT64_FORMAT, failed);
      details = serah_audit_details ("failed_attempts", count_text, NULL);
      ok = serah_audit_record (store, op->name, "operator.pin-refused", op->name, details,
                               &store_error);
    }
  if (ok && locked_until > now)
    ok = serah_audit_record (store, op->name, "operator.locked", op->name, NULL, &store_error);
  if (ok)
    ok = serah_store_commit (store, &store_error);
  if (!ok)
    {
      serah_store_rollback (store);
      g_warning ("a wrong PIN for %s could not be counted: %s", op->name,
                 store_error ? store_error->message : "?");
    }

  if (locked_until > now)
    {
      g_autofree char *until = format_local_time (locked_until);
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_LOCKED,
                   _("Wrong PIN. After %d wrong PINs in a row “%s” is locked until %s (%d "
                     "minutes). An administrator can set a new PIN to unlock it sooner."),
                   SERAH_OPERATORS_MAX_FAILED_ATTEMPTS, op->name, until,
                   SERAH_OPERATORS_LOCKOUT_SECONDS / 60);
    }
  else
    g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WRONG_PIN,
                 _("Wrong PIN for “%s” (%d of %d attempts; then it is locked for %d minutes)."),
                 op->name, (int) failed, SERAH_OPERATORS_MAX_FAILED_ATTEMPTS,
                 SERAH_OPERATORS_LOCKOUT_SECONDS / 60);
}

SerahOperator *
serah_operators_authenticate (SerahStore *store, const char *name, const char *pin,
                              GError **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(SerahOperator) op = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL || *name == '\0')
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_NAME_REQUIRED,
                   _("Say who you are: give your operator name (--operator NAME)."));
      return NULL;
    }
  if (!ensure_sodium (error))
    return NULL;
  folded = g_ascii_strdown (name, -1);
  op = get_existing (store, folded, &hash, error);
  if (op == NULL)
    return NULL;
  if (op->disabled)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_DISABLED,
                   _("The operator “%s” is disabled. Ask an administrator."), op->name);
      return NULL;
    }
  if (op->locked_until > now)
    {
      g_autofree char *until = format_local_time (op->locked_until);
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_LOCKED,
                   _("The operator “%s” is locked until %s after too many wrong PINs. An "
                     "administrator can set a new PIN to unlock it sooner."),
                   op->name, until);
      return NULL;
    }
  if (pin == NULL || *pin == '\0')
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED,
                   _("The PIN of “%s” is needed."), op->name);
      return NULL;
    }

  /* What cannot be a PIN is not a wrong PIN: a card scanned into the PIN field (the scanner
   * types the QR text and Enter) must not count towards a lockout. */
  if (!serah_operators_could_be_pin (pin))
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_NOT_A_PIN,
                   _("That is not a PIN (a PIN is 6 to 32 digits), so it was not counted. If a "
                     "card was scanned: sign in first, then scan it on the check-off page."));
      return NULL;
    }
  if (crypto_pwhash_str_verify (hash, pin, strlen (pin)) != 0)
    {
      refuse_wrong_pin (store, op, error);
      return NULL;
    }

  if (op->failed_attempts != 0 || op->locked_until != 0)
    {
      g_autoptr(GError) clear_error = NULL;
      if (!serah_store_clear_failed_pins (store, op->name, &clear_error))
        g_warning ("cannot reset the wrong-PIN count of %s: %s", op->name, clear_error->message);
      op->failed_attempts = 0;
      op->locked_until = 0;
    }
  /* A hash made with a lower cost than today's is replaced now that the PIN is at hand. */
  if (crypto_pwhash_str_needs_rehash (hash, PIN_HASH_OPSLIMIT, PIN_HASH_MEMLIMIT) != 0)
    {
      char fresh[crypto_pwhash_STRBYTES];
      if (hash_pin (pin, fresh, NULL))
        serah_store_set_operator_pin_hash (store, op->name, fresh, NULL);
      sodium_memzero (fresh, sizeof fresh);
    }
  return g_steal_pointer (&op);
}

SerahOperator *
serah_operators_authorize (SerahStore *store, const char *name, const char *pin,
                           SerahRole required, GError **error)
{
  g_autoptr(SerahOperator) op = NULL;
  gint64 count;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  count = serah_store_count_operators (store, FALSE, error);
  if (count < 0)
    return NULL;
  if (count == 0)
    {
      op = g_new0 (SerahOperator, 1);
      op->name = g_strdup (name && *name ? name : g_get_user_name ());
      op->role = SERAH_ROLE_ADMIN;
      op->bootstrap = TRUE;
      return g_steal_pointer (&op);
    }

  op = serah_operators_authenticate (store, name, pin, error);
  if (op == NULL)
    return NULL;
  if (op->role < required)
    {
      g_autofree char *details = serah_audit_details ("required", serah_role_to_string (required),
                                                      NULL);
      serah_audit_record (store, op->name, "operator.forbidden", op->name, details, NULL);
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FORBIDDEN,
                   _("“%s” is a ceremony officer and may not do this; it needs an "
                     "administrator."),
                   op->name);
      return NULL;
    }
  return g_steal_pointer (&op);
}
