/* test-ceremony-setup.c: the use cases that set a ceremony up (serah-ceremony-setup.c) and
 * change a printer profile (serah-printer-profile.c), which the CLI and the GUI both call:
 * the operator given is the one in the audit log (never the Unix user), and a failure inside
 * leaves nothing behind. */
#include "config.h"

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

#define OPERATOR "Petugas Siti Aminah"

typedef struct {
  char       *dir;
  SerahStore *store;
  GPtrArray  *payloads; /* "CARDNO PAYLOAD" for 90% of 120 people */
  gint64      run_id;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* The test means nothing if the operator happened to be the Unix user. */
  g_assert_cmpstr (g_get_user_name (), !=, OPERATOR);
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  f->payloads = ceremony_test_populate (f->store, 120, 900, &f->run_id, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->payloads, g_ptr_array_unref);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The audit events of this action (exact or "prefix."), newest first. */
static GPtrArray *
audit_events (Fixture *f, const char *action)
{
  g_autoptr(GError) error = NULL;
  SerahAuditFilter filter = { .action = action };
  GPtrArray *events = serah_audit_list (f->store, &filter, &error);

  g_assert_no_error (error);
  return events;
}

static gint64
count_people (Fixture *f, const char *kecamatan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = serah_store_count_by_area (f->store, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      SerahAreaCount *c = counts->pdata[i];
      if (g_strcmp0 (c->kecamatan, kecamatan) == 0)
        n += c->participants;
    }
  return n;
}

/* Every part of the invitation is sent, the counts add up, and the operator given (not the
 * Unix user) is the ceremony's creator and the actor of every audit event it caused. */
static void
test_create_and_invite_operator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) invited = NULL;
  g_autofree char *subject = NULL;
  char *labuan[] = { "Labuan", NULL };
  SerahParticipantFilter by_kecamatan = { .kecamatan = labuan };
  const SerahParticipantFilter *selections[] = { &by_kecamatan, NULL };
  const char *keys[] = { "9999999999999", NULL };
  SerahInvitation invitation = { .selections = selections, .keys = keys };
  gint64 id, added = -1;

  id = serah_ceremony_create_and_invite (f->store, "Penyerahan KIS Labuan", "24/11/2026",
                                         "Aula Kecamatan Labuan", &invitation, OPERATOR, &added,
                                         &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count_people (f, "Labuan"), >, 0);
  g_assert_cmpint (added, ==, count_people (f, "Labuan"));
  /* The unknown card number is reported, not fatal. */
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((SerahInviteProblem *) problems->pdata[0])->value, ==, "9999999999999");

  ceremony = serah_ceremony_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ceremony->created_by, ==, OPERATOR);
  g_assert_cmpstr (ceremony->date, ==, "2026-11-24");
  g_assert_cmpint (ceremony->invited, ==, added);

  subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  created = audit_events (f, "ceremony.create");
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) created->pdata[0])->operator_name, ==, OPERATOR);
  g_assert_cmpstr (((SerahAuditEvent *) created->pdata[0])->subject, ==, subject);
  invited = audit_events (f, "ceremony.invite");
  g_assert_cmpuint (invited->len, ==, 2); /* the selection and the keys */
  for (guint i = 0; i < invited->len; i++)
    {
      const SerahAuditEvent *e = invited->pdata[i];
      g_assert_cmpstr (e->operator_name, ==, OPERATOR);
      g_assert_cmpstr (e->subject, ==, subject);
    }
}

/* Two selections add up (one filter with both lists would intersect them), and a print run
 * restricts every selection to those with a card in it. */
static void
test_selections_add_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = serah_store_count_by_area (f->store, &error);
  g_autoptr(SerahCeremony) ceremony = NULL;
  char *first[2] = { NULL, NULL }, *second[2] = { NULL, NULL };
  SerahParticipantFilter a = { 0 }, b = { 0 };
  const SerahParticipantFilter *selections[] = { &a, &b, NULL };
  SerahInvitation invitation = { .selections = selections };
  gint64 id, added = 0, expected;
  SerahAreaCount *ca, *cb;

  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, >=, 2);
  ca = areas->pdata[0];
  cb = areas->pdata[areas->len - 1];
  g_assert_cmpstr (ca->kecamatan, !=, cb->kecamatan);
  first[0] = ca->kecamatan;
  second[0] = cb->desa;
  a.kecamatan = first;
  b.desa = second;
  expected = count_people (f, ca->kecamatan) + cb->participants;

  id = serah_ceremony_create_and_invite (f->store, "Dua wilayah", "2026-11-25", "Aula",
                                         &invitation, OPERATOR, &added, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, expected);

  /* Everyone again, but only those of the print run: 90% got a card, all already invited
   * from the first area are skipped. */
  invitation.selections = NULL;
  {
    SerahParticipantFilter everyone = { 0 };
    const SerahParticipantFilter *all[] = { &everyone, NULL };
    gint64 more = 0;

    invitation.selections = all;
    invitation.print_run_id = f->run_id;
    g_assert_true (serah_ceremony_invite (f->store, id, &invitation, OPERATOR, &more, NULL,
                                          &error));
    g_assert_no_error (error);
    ceremony = serah_ceremony_get (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ceremony->invited, ==, expected + more);
    g_assert_cmpint (ceremony->invited, <, 120);   /* the people without a card stay out */
    g_assert_cmpint (ceremony->invited, >=, (gint64) f->payloads->len);
  }
}

/* A failure inside (here: the invitation file cannot be read, after the selection already
 * invited people) rolls everything back: no ceremony, no invitation, no audit event. */
static void
test_create_and_invite_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "tidak-ada.csv", NULL);
  SerahParticipantFilter everyone = { 0 };
  const SerahParticipantFilter *selections[] = { &everyone, NULL };
  SerahInvitation invitation = { .selections = selections, .file = missing };
  gint64 id, added = -1;

  before = serah_ceremony_list (f->store, &error);
  g_assert_no_error (error);
  id = serah_ceremony_create_and_invite (f->store, "Gagal", "2026-11-24", "Aula", &invitation,
                                         OPERATOR, &added, &problems, &error);
  g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE);
  g_assert_cmpint (id, ==, 0);
  g_assert_cmpint (added, ==, -1);   /* untouched on failure */
  g_assert_null (problems);
  g_clear_error (&error);

  after = serah_ceremony_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  audit = audit_events (f, "ceremony.");
  g_assert_cmpuint (audit->len, ==, 0);

  /* The store is usable afterwards (the transaction was ended, not left open). */
  id = serah_ceremony_create_and_invite (f->store, "Berhasil", "2026-11-24", "Aula", NULL,
                                         OPERATOR, &added, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (added, ==, 0);
}

/* Inviting more to an existing ceremony is one transaction too: a bad part invites nobody. */
static void
test_invite_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "tidak-ada.csv", NULL);
  SerahParticipantFilter everyone = { 0 };
  const SerahParticipantFilter *selections[] = { &everyone, NULL };
  SerahInvitation invitation = { .selections = selections, .file = missing };
  gint64 id;

  id = serah_ceremony_create_and_invite (f->store, "Acara", "2026-11-24", "Aula", NULL, OPERATOR,
                                         NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (serah_ceremony_invite (f->store, id, &invitation, OPERATOR, NULL, NULL,
                                         &error));
  g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_UNREADABLE);
  g_clear_error (&error);
  ceremony = serah_ceremony_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ceremony->invited, ==, 0);
  {
    g_autoptr(GPtrArray) invites = audit_events (f, "ceremony.invite");
    g_assert_cmpuint (invites->len, ==, 0);
  }
}

/* Saving and deleting a printer profile record the operator given, with the values. */
static void
test_printer_profile_audit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(SerahPrinterProfile) stored = NULL;
  SerahPrinterProfile profile = { .name = "Epson L3110", .offset_x_mm = 1.5,
                                  .offset_y_mm = -0.25, .scale_x = 1, .scale_y = 0.99 };
  const SerahAuditEvent *e;

  g_assert_true (serah_printer_profile_save (f->store, &profile, OPERATOR, &error));
  g_assert_no_error (error);
  stored = serah_store_get_printer_profile (f->store, "Epson L3110", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpfloat_with_epsilon (stored->offset_x_mm, 1.5, 1e-9);
  saved = audit_events (f, "printer.calibrate");
  g_assert_cmpuint (saved->len, ==, 1);
  e = saved->pdata[0];
  g_assert_cmpstr (e->operator_name, ==, OPERATOR);
  g_assert_cmpstr (e->subject, ==, "Epson L3110");
  g_assert_cmpstr (e->details, ==, "{\"offset_x_mm\":1.500,\"offset_y_mm\":-0.250,"
                                   "\"scale_x\":1.00000,\"scale_y\":0.99000}");

  g_assert_true (serah_printer_profile_delete (f->store, "Epson L3110", OPERATOR, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, serah_printer_profile_free);
  stored = serah_store_get_printer_profile (f->store, "Epson L3110", &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  deleted = audit_events (f, "printer.delete");
  g_assert_cmpuint (deleted->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) deleted->pdata[0])->operator_name, ==, OPERATOR);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/ceremony-setup/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("create-and-invite-operator", test_create_and_invite_operator);
  ADD ("selections-add-up", test_selections_add_up);
  ADD ("create-and-invite-rolls-back", test_create_and_invite_rolls_back);
  ADD ("invite-rolls-back", test_invite_rolls_back);
  ADD ("printer-profile-audit", test_printer_profile_audit);
#undef ADD
  return g_test_run ();
}
