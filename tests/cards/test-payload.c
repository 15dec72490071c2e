/* test-payload.c: the QR token: round trip, tampering, other databases, voided cards. */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

typedef struct {
  char             *dir;
  SerahStore       *store;
  SerahParticipant *participant;
  gint64            serial;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis", .sheet_name = "a4-2x5" };

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  f->participant = serah_test_participant ("3601010101800001", "0001234567890", "Budi Saputra",
                                           "Caringin");
  g_assert_true (serah_store_upsert_participant (f->store, f->participant, 0, NULL, &error));
  g_assert_true (serah_store_insert_print_run (f->store, &run, &error));
  f->serial = serah_store_insert_printed_card (f->store, run.id, f->participant->id, 1, 1,
                                               "Caringin", 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->serial, >, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->participant, serah_participant_free);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, "0001234567890",
                                                f->serial, &error);
  g_autoptr(SerahParticipant) found = NULL;
  g_autofree char *lower = NULL;
  SerahPayload payload;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (code, "SRH1:"));
  /* No NIK in the code, only characters of QR's alphanumeric set. */
  g_assert_null (strstr (code, f->participant->nik));
  g_assert_cmpuint (strspn (code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), ==, strlen (code));

  found = serah_payload_verify (f->store, code, &payload, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->nik, ==, f->participant->nik);
  g_assert_cmpint (payload.number, ==, f->serial);
  g_clear_pointer (&found, serah_participant_free);

  /* A scanner typing lower case with a trailing space still verifies. */
  lower = g_strdup_printf (" %s ", code);
  for (char *c = lower; *c; c++)
    *c = g_ascii_tolower (*c);
  found = serah_payload_verify (f->store, lower, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
}

static void
test_tampering_detected (Fixture *f, gconstpointer data)
{
  g_autofree char *code = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, "0001234567890",
                                                f->serial, NULL);
  gsize len = strlen (code);

  /* Change each character of the signed part and of the MAC in turn. */
  for (gsize i = 5; i < len; i++)
    {
      g_autofree char *bad = g_strdup (code);
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahParticipant) found = NULL;

      if (bad[i] == ':')
        continue;
      bad[i] = g_ascii_isdigit (bad[i]) ? (bad[i] == '9' ? '8' : bad[i] + 1)
                                        : (bad[i] == 'Z' ? 'A' : bad[i] + 1);
      found = serah_payload_verify (f->store, bad, NULL, &error);
      g_assert_null (found);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SERAH_PAYLOAD_ERROR);
    }
}

static void
test_malformed (Fixture *f, gconstpointer data)
{
  const char *junk[] = { "", "hello", "3601010101800001", "SRH1:AAAA:0001234567890:1",
                         "SRH2:AAAA:0001234567890:1:AAAAAAAAAAAAAAAA",
                         "SRH1:AAAA:000123456789:1:AAAAAAAAAAAAAAAA",
                         "SRH1:AAAA:0001234567890:0:AAAAAAAAAAAAAAAA",
                         "SRH1:AAAA:0001234567890:99999999999999999999:AAAAAAAAAAAAAAAA" };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahParticipant) found = serah_payload_verify (f->store, junk[i], NULL, &error);
      g_assert_null (found);
      g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_MALFORMED);
    }
}

static void
test_other_database (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) other = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = serah_payload_encode (other, SERAH_PAYLOAD_CARD, "0001234567890", 1, NULL);
  g_autoptr(SerahParticipant) found = serah_payload_verify (f->store, code, NULL, &error);

  g_assert_null (found);
  g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_OTHER_DATABASE);
  g_clear_object (&other);
  serah_test_rm_rf (dir);
}

static void
test_voided_and_unknown (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, "0001234567890",
                                                f->serial, NULL);
  g_autofree char *never = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, "0001234567890",
                                                 f->serial + 100, NULL);
  g_autoptr(SerahParticipant) found = NULL;

  found = serah_payload_verify (f->store, never, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_UNKNOWN_CARD);
  g_clear_error (&error);

  g_assert_true (serah_store_void_card (f->store, f->serial, "hilang", "admin", 0, &error));
  found = serah_payload_verify (f->store, code, NULL, &error);
  g_assert_null (found);
  g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_VOIDED);
  g_assert_nonnull (strstr (error->message, "hilang"));
}

static void
test_invitation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = serah_payload_encode (f->store, SERAH_PAYLOAD_INVITATION,
                                                "0001234567890", 7, NULL);
  SerahPayload payload;
  g_autoptr(SerahParticipant) found = serah_payload_verify (f->store, code, &payload, &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (payload.kind, ==, SERAH_PAYLOAD_INVITATION);
  g_assert_cmpint (payload.number, ==, 7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/serah/payload/round-trip", test_round_trip);
  ADD ("/serah/payload/tampering-detected", test_tampering_detected);
  ADD ("/serah/payload/malformed", test_malformed);
  ADD ("/serah/payload/other-database", test_other_database);
  ADD ("/serah/payload/voided-and-unknown", test_voided_and_unknown);
  ADD ("/serah/payload/invitation", test_invitation);
  return g_test_run ();
}
