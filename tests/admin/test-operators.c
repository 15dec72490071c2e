/* test-operators.c: operators, roles, PINs, lockout and the bootstrap rule.
 *
 * Every PIN hash costs ~170 ms on purpose, so each case adds and verifies only as many PINs
 * as it needs. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"

#define ADMIN_PIN   "204718"
#define OFFICER_PIN "550123"

typedef SerahStoreFixture Fixture;

/* An administrator "ani" and, when asked, an officer "budi". */
static void
add_staff (Fixture *f, gboolean with_officer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_operators_add (f->store, "ani", "Ani Lestari", SERAH_ROLE_ADMIN, ADMIN_PIN,
                                      "setup", &error));
  g_assert_no_error (error);
  if (with_officer)
    {
      g_assert_true (serah_operators_add (f->store, "Budi", NULL, SERAH_ROLE_OFFICER, OFFICER_PIN,
                                          "ani", &error));
      g_assert_no_error (error);
    }
}

static guint
count_audit (SerahStore *store, const char *action)
{
  g_autoptr(GError) error = NULL;
  SerahAuditFilter filter = { .action = action };
  g_autoptr(GPtrArray) events = serah_audit_list (store, &filter, &error);

  g_assert_no_error (error);
  return events->len;
}

static void
test_pin_and_name_rules (void)
{
  static const char *const weak[] = {
    "", "12345", "12a456", "111111", "123456", "987654", "0123456789", "12345 6",
    "123456789012345678901234567890123",
  };
  static const char *const fine[] = { "204718", "550123", "000001", "13579246" };
  static const char *const bad_names[] = { "", "-ani", "ani lestari", "ani/x", "é",
                                           "abcdefghijabcdefghijabcdefghijabc" };

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (serah_operators_check_pin (weak[i], &error));
      g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN);
    }
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    g_assert_true (serah_operators_check_pin (fine[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (serah_operators_check_name (bad_names[i], &error));
      g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_INVALID_NAME);
    }
  g_assert_true (serah_operators_check_name ("budi.s_2-x", NULL));
}

static void
test_roles_from_string (void)
{
  SerahRole role = 0;

  g_assert_true (serah_role_from_string ("Administrator", &role));
  g_assert_cmpint (role, ==, SERAH_ROLE_ADMIN);
  g_assert_true (serah_role_from_string ("petugas", &role));
  g_assert_cmpint (role, ==, SERAH_ROLE_OFFICER);
  g_assert_false (serah_role_from_string ("root", &role));
  g_assert_cmpstr (serah_role_to_string (SERAH_ROLE_ADMIN), ==, "admin");
  g_assert_cmpstr (serah_role_to_string (SERAH_ROLE_OFFICER), ==, "officer");
}

static void
test_bootstrap (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;

  /* No operator yet: anyone acts, under the name they give (or the system user). */
  op = serah_operators_authorize (f->store, NULL, NULL, SERAH_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_true (op->bootstrap);
  g_assert_cmpstr (op->name, ==, g_get_user_name ());
  g_clear_pointer (&op, serah_operator_free);
  op = serah_operators_authorize (f->store, "dewi", NULL, SERAH_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (op->name, ==, "dewi");
  g_clear_pointer (&op, serah_operator_free);

  /* The first operator must be an administrator; refused before any hashing. */
  g_assert_false (serah_operators_add (f->store, "budi", NULL, SERAH_ROLE_OFFICER, OFFICER_PIN,
                                       NULL, &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FIRST_MUST_BE_ADMIN);
  g_clear_error (&error);
  g_assert_cmpint (serah_operators_count (f->store, NULL), ==, 0);

  add_staff (f, FALSE);
  g_assert_cmpint (serah_operators_count (f->store, NULL), ==, 1);

  /* From now on a name and PIN are needed. */
  op = serah_operators_authorize (f->store, NULL, NULL, SERAH_ROLE_OFFICER, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_NAME_REQUIRED);
  g_clear_error (&error);
  op = serah_operators_authorize (f->store, "ani", NULL, SERAH_ROLE_OFFICER, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED);
  g_clear_error (&error);
  op = serah_operators_authorize (f->store, "dewi", "204718", SERAH_ROLE_OFFICER, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_UNKNOWN);
}

static void
test_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;

  add_staff (f, TRUE);

  /* Names fold to lower case. */
  op = serah_operators_authorize (f->store, "BUDI", OFFICER_PIN, SERAH_ROLE_OFFICER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (op->name, ==, "budi");
  g_assert_cmpint (op->role, ==, SERAH_ROLE_OFFICER);
  g_assert_false (op->bootstrap);
  g_clear_pointer (&op, serah_operator_free);

  /* An officer cannot do an administrator's work, and the attempt is recorded. */
  op = serah_operators_authorize (f->store, "budi", OFFICER_PIN, SERAH_ROLE_ADMIN, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (f->store, "operator.forbidden"), ==, 1);

  /* An administrator may also do an officer's work. */
  op = serah_operators_authorize (f->store, "ani", ADMIN_PIN, SERAH_ROLE_OFFICER, &error);
  g_assert_no_error (error);
  g_assert_cmpint (op->role, ==, SERAH_ROLE_ADMIN);
  g_clear_pointer (&op, serah_operator_free);

  /* Adding and the duplicate refusal are audited / refused. */
  g_assert_false (serah_operators_add (f->store, "ANI", NULL, SERAH_ROLE_OFFICER, "731902", "ani",
                                       &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_EXISTS);
  g_assert_cmpuint (count_audit (f->store, "operator.add"), ==, 2);
}

static void
test_wrong_pin_counted (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;

  add_staff (f, FALSE);
  op = serah_operators_authenticate (f->store, "ani", "204719", &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);

  op = serah_operators_get (f->store, "ani", &error);
  g_assert_no_error (error);
  g_assert_cmpint (op->failed_attempts, ==, 1);
  g_assert_cmpint (op->locked_until, ==, 0);
  g_clear_pointer (&op, serah_operator_free);
  g_assert_cmpuint (count_audit (f->store, "operator.pin-refused"), ==, 1);

  /* The right PIN resets the count of consecutive failures. */
  op = serah_operators_authenticate (f->store, "ani", ADMIN_PIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (op->failed_attempts, ==, 0);
  g_clear_pointer (&op, serah_operator_free);
  op = serah_operators_get (f->store, "ani", NULL);
  g_assert_cmpint (op->failed_attempts, ==, 0);
}

static void
test_lockout (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  add_staff (f, TRUE);
  for (int i = 1; i <= SERAH_OPERATORS_MAX_FAILED_ATTEMPTS; i++)
    {
      int expected = i < SERAH_OPERATORS_MAX_FAILED_ATTEMPTS ? SERAH_OPERATORS_ERROR_WRONG_PIN
                                                             : SERAH_OPERATORS_ERROR_LOCKED;

      op = serah_operators_authenticate (f->store, "budi", "999991", &error);
      g_assert_null (op);
      g_assert_error (error, SERAH_OPERATORS_ERROR, expected);
      g_clear_error (&error);
    }
  op = serah_operators_get (f->store, "budi", NULL);
  g_assert_cmpint (op->failed_attempts, ==, SERAH_OPERATORS_MAX_FAILED_ATTEMPTS);
  g_assert_cmpint (op->locked_until, >=, before + SERAH_OPERATORS_LOCKOUT_SECONDS);
  g_clear_pointer (&op, serah_operator_free);
  g_assert_cmpuint (count_audit (f->store, "operator.locked"), ==, 1);

  /* While locked even the right PIN is refused. */
  op = serah_operators_authenticate (f->store, "budi", OFFICER_PIN, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_LOCKED);
  g_clear_error (&error);

  /* When the lock has run out, the right PIN works again (time moved by editing the row). */
  g_assert_cmpint (serah_test_sql (f->path,
                                   "UPDATE operators SET locked_until = 1 WHERE name = 'budi'"),
                   ==, SQLITE_OK);
  op = serah_operators_authenticate (f->store, "budi", OFFICER_PIN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (op->failed_attempts, ==, 0);
  g_clear_pointer (&op, serah_operator_free);

  /* Locked again; an administrator setting a new PIN lifts the lock at once. */
  g_assert_cmpint (serah_test_sql (f->path, "UPDATE operators SET failed_attempts = 5,"
                                      " locked_until = 99999999999 WHERE name = 'budi'"),
                   ==, SQLITE_OK);
  g_assert_true (serah_operators_set_pin (f->store, "budi", "830456", "ani", &error));
  g_assert_no_error (error);
  op = serah_operators_authenticate (f->store, "budi", "830456", &error);
  g_assert_no_error (error);
  g_assert_nonnull (op);
  g_assert_cmpuint (count_audit (f->store, "operator.pin"), ==, 1);
}

static void
test_disabled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahOperator) op = NULL;
  g_autoptr(GPtrArray) list = NULL;

  add_staff (f, TRUE);

  /* The last enabled administrator stays. */
  g_assert_false (serah_operators_disable (f->store, "ani", "ani", &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_LAST_ADMIN);
  g_clear_error (&error);

  g_assert_true (serah_operators_disable (f->store, "budi", "ani", &error));
  g_assert_no_error (error);
  op = serah_operators_authenticate (f->store, "budi", OFFICER_PIN, &error);
  g_assert_null (op);
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_DISABLED);
  g_clear_error (&error);

  /* Disabled, not deleted: still listed, and the database refuses a DELETE. */
  list = serah_operators_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((SerahOperator *) list->pdata[1])->name, ==, "budi");
  g_assert_true (((SerahOperator *) list->pdata[1])->disabled);
  g_assert_cmpint (serah_test_sql (f->path, "DELETE FROM operators WHERE name = 'budi'"), !=,
                   SQLITE_OK);
  g_assert_cmpint (serah_test_sql (f->path, "UPDATE operators SET name = 'x' WHERE name = 'budi'"),
                   !=, SQLITE_OK);
  g_assert_cmpint (serah_operators_count (f->store, NULL), ==, 2);

  g_assert_true (serah_operators_enable (f->store, "budi", "ani", &error));
  g_assert_no_error (error);
  op = serah_operators_authenticate (f->store, "budi", OFFICER_PIN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (f->store, "operator.disable"), ==, 1);
  g_assert_cmpuint (count_audit (f->store, "operator.enable"), ==, 1);
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_pin_never_stored_in_clear (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  add_staff (f, TRUE);
  /* With the store still open the pages may sit in the WAL: look in both files. */
  g_assert_false (file_contains (f->path, ADMIN_PIN));
  g_assert_false (file_contains (wal, ADMIN_PIN));
  g_assert_false (file_contains (wal, OFFICER_PIN));
  g_clear_object (&f->store);
  g_assert_true (file_contains (f->path, "Ani Lestari"));   /* the check itself works */
  g_assert_false (file_contains (f->path, ADMIN_PIN));
  g_assert_false (file_contains (f->path, OFFICER_PIN));

  /* What is stored is an Argon2id hash with a salt of its own per operator. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pin_hash FROM operators ORDER BY name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0),
                                   "$argon2id$v=19$m=131072,t=3,"));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/serah/operators/pin-and-name-rules", test_pin_and_name_rules);
  g_test_add_func ("/serah/operators/roles-from-string", test_roles_from_string);
#define ADD(name, func) g_test_add ("/serah/operators/" name, Fixture, NULL, \
                                    serah_store_fixture_set_up, func, \
                                    serah_store_fixture_tear_down)
  ADD ("bootstrap", test_bootstrap);
  ADD ("roles", test_roles);
  ADD ("wrong-pin-counted", test_wrong_pin_counted);
  ADD ("lockout", test_lockout);
  ADD ("disabled", test_disabled);
  ADD ("pin-never-stored-in-clear", test_pin_never_stored_in_clear);
#undef ADD
  return g_test_run ();
}
