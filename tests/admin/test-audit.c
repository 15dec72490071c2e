/* test-audit.c: recording, filtering and the append-only rule of the audit log. */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"
#include "store/serah-store-private.h"

static void
test_record_and_list (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *details = serah_audit_details ("file", "peserta \"Labuan\".csv", "rows", "120",
                                                  "skipped", NULL, NULL);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  const SerahAuditEvent *e;

  g_assert_true (serah_audit_record (store, "ani", "import", "peserta.csv", details, &error));
  g_assert_no_error (error);
  g_assert_true (serah_audit_record (store, "budi", "participant.show-nik", "42", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (serah_audit_record (store, NULL, "backup.create", NULL, "{}", &error));
  g_assert_no_error (error);

  events = serah_audit_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  /* Newest first; NULL operator means the system user. */
  e = events->pdata[0];
  g_assert_cmpstr (e->action, ==, "backup.create");
  g_assert_cmpstr (e->operator_name, ==, g_get_user_name ());
  g_assert_null (e->subject);
  e = events->pdata[2];
  g_assert_cmpstr (e->operator_name, ==, "ani");
  g_assert_cmpstr (e->action, ==, "import");
  g_assert_cmpstr (e->subject, ==, "peserta.csv");
  g_assert_cmpint (e->at, >=, before);
  g_assert_cmpint (e->at, <=, before + 60);

  /* Details round-trip as a JSON object; NULL values are left out, quotes escaped. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;

    g_assert_true (json_parser_load_from_data (parser, e->details, -1, NULL));
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, "peserta \"Labuan\".csv");
    g_assert_cmpstr (json_object_get_string_member (object, "rows"), ==, "120");
    g_assert_false (json_object_has_member (object, "skipped"));
  }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_filters (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  SerahAuditFilter filter = { 0 };
  g_autoptr(GDateTime) jan = g_date_time_new_local (2024, 1, 15, 9, 0, 0);
  g_autoptr(GDateTime) feb = g_date_time_new_local (2024, 2, 1, 0, 0, 0);
  g_autofree char *old_event = g_strdup_printf (
    "INSERT INTO audit_events (at, operator, action) VALUES (%" G_GINT64_FORMAT ", 'ani', "
    "'operator.add')", g_date_time_to_unix (jan));

  /* An event from January, written straight into the table. */
  g_assert_cmpint (serah_test_sql (path, old_event), ==, SQLITE_OK);
  for (int i = 0; i < 3; i++)
    g_assert_true (serah_audit_record (store, "ani", "operator.pin", "budi", NULL, NULL));
  g_assert_true (serah_audit_record (store, "ani", "operators", "x", NULL, NULL));
  g_assert_true (serah_audit_record (store, "ani", "restore", "b.db", NULL, NULL));

  filter.action = "operator.pin";
  events = serah_audit_list (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* A prefix ending in '.' matches the family, not "operators". */
  filter.action = "operator.";
  events = serah_audit_list (store, &filter, &error);
  g_assert_cmpuint (events->len, ==, 4);
  g_clear_pointer (&events, g_ptr_array_unref);

  filter.action = NULL;
  filter.since = g_date_time_to_unix (feb);
  events = serah_audit_list (store, &filter, &error);
  g_assert_cmpuint (events->len, ==, 5);
  g_clear_pointer (&events, g_ptr_array_unref);

  filter.since = 0;
  filter.limit = 2;
  events = serah_audit_list (store, &filter, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->action, ==, "restore");
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_refuses_bad_events (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  static const char *const bad_actions[] = { "", "Export", "export participants", ".x",
                                             "ekspor/nik" };
  static const char *const bad_details[] = { "{", "[1,2]", "\"text\"", "42" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_actions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (serah_audit_record (store, "ani", bad_actions[i], NULL, NULL, &error));
      g_assert_error (error, SERAH_AUDIT_ERROR, SERAH_AUDIT_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_details); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (serah_audit_record (store, "ani", "export", NULL, bad_details[i], &error));
      g_assert_error (error, SERAH_AUDIT_ERROR, SERAH_AUDIT_ERROR_INVALID);
    }
  {
    g_autoptr(GPtrArray) events = serah_audit_list (store, NULL, NULL);
    g_assert_cmpuint (events->len, ==, 0);
  }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_append_only (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GPtrArray) events = NULL;

  g_assert_true (serah_audit_record (store, "ani", "export", "list.csv", NULL, NULL));
  g_assert_cmpint (serah_test_sql (path, "UPDATE audit_events SET operator = 'someone'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (serah_test_sql (path, "DELETE FROM audit_events"), ==, SQLITE_CONSTRAINT);
  events = serah_audit_list (store, NULL, NULL);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->operator_name, ==, "ani");
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_rolls_back_with_the_action (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GPtrArray) events = NULL;

  /* Recorded inside the caller's transaction: gone when the action is rolled back. */
  g_assert_true (serah_store_begin (store, NULL));
  g_assert_true (serah_audit_record (store, "ani", "handover.undo", "7", NULL, NULL));
  serah_store_rollback (store);
  g_assert_true (serah_store_begin (store, NULL));
  g_assert_true (serah_audit_record (store, "ani", "handover.undo", "8", NULL, NULL));
  g_assert_true (serah_store_commit (store, NULL));

  events = serah_audit_list (store, NULL, NULL);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->subject, ==, "8");
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* An import records itself inside its own transaction: a finished import always has its
 * event, a refused or cancelled one never has. */
static void
test_import_is_recorded (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "peserta.csv", NULL);
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *subject = NULL;
  SerahAuditFilter filter = { .action = "import.participants" };
  /* No desa or kecamatan column: mapped to nothing (issue 11 refuses the list otherwise). */
  const char *no_areas[] = { "desa=", "kecamatan=", NULL };
  SerahImportOptions options = { .operator_name = "ani", .mappings = no_areas };
  const char *bad_maps[] = { "nik=NOMOR", NULL };
  const SerahAuditEvent *e;
  JsonObject *details;

  g_assert_true (g_file_set_contents (csv,
                                      "NIK,NO_KARTU,NAMA,JK\n"
                                      "3601051912820005,0001230000005,Budi,L\n"
                                      "3601054211000037,0001230000037,Fitri,P\n"
                                      "3601054211000037,0001230000037,Fitri,P\n", -1, NULL));
  report = serah_import_file (store, csv, &options, NULL, &error);
  g_assert_no_error (error);
  events = serah_audit_list (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  e = events->pdata[0];
  g_assert_cmpstr (e->operator_name, ==, "ani");
  subject = g_strdup_printf ("%" G_GINT64_FORMAT, report->counts.id);
  g_assert_cmpstr (e->subject, ==, subject);
  g_assert_true (json_parser_load_from_data (parser, e->details, -1, NULL));
  details = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (details, "file"), ==, "peserta.csv");
  g_assert_cmpstr (json_object_get_string_member (details, "rows"), ==, "3");
  g_assert_cmpstr (json_object_get_string_member (details, "imported"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (details, "sha256"), ==, report->counts.sha256);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Refused (a mapping to a column the file lacks) and cancelled: no event. */
  options.mappings = bad_maps;
  g_assert_null (serah_import_file (store, csv, &options, NULL, &error));
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING);
  g_clear_error (&error);
  options.mappings = NULL;
  g_cancellable_cancel (cancelled);
  g_assert_null (serah_import_file (store, csv, &options, cancelled, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  events = serah_audit_list (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/serah/audit/record-and-list", test_record_and_list);
  g_test_add_func ("/serah/audit/filters", test_filters);
  g_test_add_func ("/serah/audit/refuses-bad-events", test_refuses_bad_events);
  g_test_add_func ("/serah/audit/append-only", test_append_only);
  g_test_add_func ("/serah/audit/rolls-back-with-the-action", test_rolls_back_with_the_action);
  g_test_add_func ("/serah/audit/import-is-recorded", test_import_is_recorded);
  return g_test_run ();
}
