/* test-station.c: station bundles: export, merge as a set union (idempotent, order-free),
 * conflicts kept for review, and refusal of foreign, damaged and disagreeing bundles with
 * the database left untouched. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"

typedef struct {
  char       *dir;
  char       *office_path;
  SerahStore *office;
  SerahStore *a;  /* station A: a copy of the office database */
  SerahStore *b;  /* station B */
  gint64      ceremony;
  char       *bundle_a;
  char       *bundle_b;
} Fixture;

static SerahStore *
open_copy_of (Fixture *f, const char *from, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  SerahStore *store;

  g_assert_true (g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static SerahStore *
open_copy (Fixture *f, const char *name)
{
  return open_copy_of (f, f->office_path, name);
}

static SerahHandover *
hand_over (SerahStore *store, gint64 ceremony, gint64 participant, const char *station)
{
  g_autoptr(GError) error = NULL;
  SerahHandoverRequest request = { .ceremony_id = ceremony, .participant_id = participant,
                                   .identified_by = SERAH_IDENTIFIED_SEARCH,
                                   .operator_name = station, .station = station };
  SerahHandover *h = serah_ceremony_record_handover (store, &request, NULL, &error);

  g_assert_no_error (error);
  return h;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) payloads = NULL;
  g_autoptr(SerahHandover) undone = NULL;
  g_autoptr(SerahStationBundleInfo) info_a = NULL;
  g_autoptr(SerahStationBundleInfo) info_b = NULL;

  f->dir = serah_test_tmpdir ();
  f->office = serah_test_open_store (f->dir, &f->office_path);
  payloads = ceremony_test_populate (f->office, 60, 1000, NULL, &error);
  g_assert_no_error (error);
  f->ceremony = serah_ceremony_create (f->office, "Penyerahan KIS", "2026-11-24", "Pendopo",
                                       NULL, &error);
  g_assert_true (serah_ceremony_invite_selection (f->office, f->ceremony, NULL, 0, NULL, NULL,
                                                  &error));
  g_assert_no_error (error);
  /* Closing folds the WAL into the file, so a plain copy is a complete database. */
  g_clear_object (&f->office);
  f->a = open_copy (f, "station-a.db");
  f->b = open_copy (f, "station-b.db");
  f->office = serah_store_open (f->office_path, &error);
  g_assert_no_error (error);

  /* A hands over 1..5, B 4..8 (4 and 5 twice: conflicts) and B undoes 8. */
  for (gint64 id = 1; id <= 5; id++)
    serah_handover_free (hand_over (f->a, f->ceremony, id, "meja-A"));
  for (gint64 id = 4; id <= 8; id++)
    {
      g_autoptr(SerahHandover) h = hand_over (f->b, f->ceremony, id, "meja-B");
      if (id == 8)
        undone = serah_ceremony_undo_handover (f->b, f->ceremony, h->uuid, "salah orang", "B",
                                               "meja-B", &error);
    }
  g_assert_no_error (error);

  f->bundle_a = g_build_filename (f->dir, "a.serah-bundle", NULL);
  f->bundle_b = g_build_filename (f->dir, "b.serah-bundle", NULL);
  info_a = serah_station_export (f->a, f->ceremony, "meja-A", NULL, f->bundle_a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info_a->handovers, ==, 5);
  g_assert_cmpint (info_a->undos, ==, 0);
  info_b = serah_station_export (f->b, f->ceremony, "meja-B", NULL, f->bundle_b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info_b->handovers, ==, 5);
  g_assert_cmpint (info_b->undos, ==, 1);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->office);
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->office_path);
  g_free (f->bundle_a);
  g_free (f->bundle_b);
}

/* Everything the merge decides, as text: the events with their undos, every participant's
 * live handover and live count, the progress. Two stores with equal signatures agree. */
static char *
signature (SerahStore *store, gint64 ceremony)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = serah_ceremony_list_handovers (store, ceremony, 0, &error);
  g_autoptr(GPtrArray) entries = serah_ceremony_list_entries (store, ceremony, SERAH_ENTRIES_ALL,
                                                              NULL, &error);
  g_autoptr(SerahCeremonyProgress) p = serah_ceremony_get_progress (store, ceremony, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < trail->len; i++)
    {
      const SerahHandover *h = trail->pdata[i];
      g_string_append_printf (s, "H %s %s %s %s\n", h->uuid, h->card_no, h->station,
                              h->undo_uuid ? h->undo_uuid : "-");
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const SerahCheckoffEntry *e = entries->pdata[i];
      g_string_append_printf (s, "E %s %s %u\n", e->participant->card_no,
                              e->handover ? e->handover->uuid : "-", e->n_live);
    }
  g_string_append_printf (s, "P %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT "\n",
                          p->total.invited, p->total.handed_over, p->total.to_self, p->conflicts);
  return g_string_free (s, FALSE);
}

static void
import_ok (SerahStore *store, const char *path, gint64 new_handovers, gint64 new_undos)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStationBundleInfo) info = serah_station_import (store, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (info->new_handovers, ==, new_handovers);
  g_assert_cmpint (info->new_undos, ==, new_undos);
}

static void
test_merge_order_free_and_idempotent (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahStore) other = open_copy (f, "office-2.db");
  g_autofree char *ab = NULL, *ba = NULL, *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) p = NULL;

  import_ok (f->office, f->bundle_a, 5, 0);
  import_ok (f->office, f->bundle_b, 5, 1);
  import_ok (other, f->bundle_b, 5, 1);
  import_ok (other, f->bundle_a, 5, 0);
  ab = signature (f->office, f->ceremony);
  ba = signature (other, f->ceremony);
  g_assert_cmpstr (ab, ==, ba);

  /* Each merge was audited and preceded by a backup. */
  {
    SerahAuditFilter filter = { .action = "station.import" };
    g_autoptr(GPtrArray) events = serah_audit_list (f->office, &filter, &error);
    g_autoptr(GPtrArray) backups = serah_backup_list_automatic (f->office, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 2);
    g_assert_cmpuint (backups->len, >=, 1);
    g_assert_cmpstr (((SerahBackupInfo *) backups->pdata[0])->reason, ==, "merge");
  }

  /* Twice = once. */
  import_ok (f->office, f->bundle_a, 0, 0);
  import_ok (f->office, f->bundle_b, 0, 0);
  again = signature (f->office, f->ceremony);
  g_assert_cmpstr (again, ==, ab);

  /* 1..7 are handed over (8 was undone); 4 and 5 twice. */
  p = serah_ceremony_get_progress (f->office, f->ceremony, &error);
  g_assert_cmpint (p->total.handed_over, ==, 7);
  g_assert_cmpint (p->conflicts, ==, 2);

  /* A station that merged the other passes everything on: a bundle from B after B merged A
   * gives a fresh copy the same state. */
  {
    g_autoptr(SerahStore) fresh = open_copy (f, "office-3.db");
    g_autofree char *chained = g_build_filename (f->dir, "b2.serah-bundle", NULL);
    g_autoptr(SerahStationBundleInfo) info = NULL;
    g_autofree char *sig = NULL;

    import_ok (f->b, f->bundle_a, 5, 0);
    info = serah_station_export (f->b, f->ceremony, "meja-B", NULL, chained, &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->handovers, ==, 10);
    import_ok (fresh, chained, 10, 1);
    sig = signature (fresh, f->ceremony);
    g_assert_cmpstr (sig, ==, ab);
  }
}

static void
test_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(SerahHandover) existing = NULL;
  g_autoptr(SerahHandover) undone = NULL;
  g_autoptr(SerahCheckoffEntry) entry = NULL;
  const SerahHandoverConflict *c;
  SerahHandoverRequest request = { .ceremony_id = f->ceremony, .participant_id = 4 };

  import_ok (f->office, f->bundle_a, 5, 0);
  import_ok (f->office, f->bundle_b, 5, 1);
  conflicts = serah_ceremony_list_conflicts (f->office, f->ceremony, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 2);
  c = conflicts->pdata[0];
  g_assert_cmpuint (c->handovers->len, ==, 2);
  g_assert_cmpstr (((SerahHandover *) c->handovers->pdata[0])->station, !=,
                   ((SerahHandover *) c->handovers->pdata[1])->station);

  /* The check-off page sees it, and a third handover is refused. */
  entry = serah_ceremony_get_entry (f->office, f->ceremony, 4, &error);
  g_assert_cmpuint (entry->n_live, ==, 2);
  g_assert_null (serah_ceremony_record_handover (f->office, &request, &existing, &error));
  g_assert_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);

  /* A person resolves it by undoing the wrong one. */
  {
    const SerahHandoverConflict *four = NULL;
    for (guint i = 0; i < conflicts->len; i++)
      if (((SerahHandoverConflict *) conflicts->pdata[i])->participant->id == 4)
        four = conflicts->pdata[i];
    g_assert_nonnull (four);
    undone = serah_ceremony_undo_handover (f->office, f->ceremony,
                                           ((SerahHandover *) four->handovers->pdata[1])->uuid,
                                           "dicatat dua kali", "Kepala", "kantor", &error);
    g_assert_no_error (error);
  }
  after = serah_ceremony_list_conflicts (f->office, f->ceremony, &error);
  g_assert_cmpuint (after->len, ==, 1);
}

static void
assert_refused (Fixture *f, const char *path, int code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = signature (f->office, f->ceremony);
  g_autofree char *after = NULL;
  g_autoptr(SerahStationBundleInfo) info = serah_station_import (f->office, path, NULL, &error);

  g_assert_null (info);
  g_assert_error (error, SERAH_STATION_ERROR, code);
  g_test_message ("refused %s: %s", path, error->message);
  after = signature (f->office, f->ceremony);
  g_assert_cmpstr (after, ==, before);
}

static char *
damaged_copy (Fixture *f, const char *name, gsize keep, gsize garble_at)
{
  g_autofree char *contents = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (f->bundle_b, &contents, &length, NULL));
  if (garble_at > 0)
    for (gsize i = garble_at; i < garble_at + 200 && i < length; i++)
      contents[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, MIN (keep, length), NULL));
  return g_steal_pointer (&path);
}

static void
test_refuses_damaged (Fixture *f, gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.serah-bundle", NULL);
  g_autofree char *edited = g_build_filename (f->dir, "edited.serah-bundle", NULL);
  g_autofree char *half = NULL, *tail = NULL;
  g_autofree char *pristine = g_build_filename (f->dir, "pristine.db", NULL);
  g_autoptr(GFile) office_file = g_file_new_for_path (f->office_path);
  g_autoptr(GFile) pristine_file = g_file_new_for_path (pristine);
  g_autoptr(GFile) src = g_file_new_for_path (f->bundle_b);
  g_autoptr(GFile) dst = g_file_new_for_path (edited);
  gsize length;
  sqlite3 *db = NULL;

  /* The office file before any import, to start fresh copies from. */
  g_assert_true (g_file_copy (office_file, pristine_file, G_FILE_COPY_NONE, NULL, NULL, NULL,
                              NULL));
  import_ok (f->office, f->bundle_a, 5, 0);
  g_assert_true (g_file_get_contents (f->bundle_b, &contents, &length, NULL));

  half = damaged_copy (f, "half.serah-bundle", length / 2, 0);
  assert_refused (f, half, SERAH_STATION_ERROR_NOT_A_BUNDLE);
  tail = damaged_copy (f, "short.serah-bundle", length - 1024, 0);
  assert_refused (f, tail, SERAH_STATION_ERROR_NOT_A_BUNDLE);
  /* Bytes garbled anywhere: either refused with nothing changed, or (when they fell into
   * unused space of a page) imported with exactly the genuine bundle's result. Never
   * anything else. */
  {
    g_autoptr(SerahStore) ref = open_copy_of (f, pristine, "reference.db");
    g_autofree char *ref_sig = NULL;
    guint refused = 0, harmless = 0;

    import_ok (ref, f->bundle_b, 5, 1);
    ref_sig = signature (ref, f->ceremony);
    for (gsize at = 1; at < length; at += 512)
      {
        g_autofree char *name = g_strdup_printf ("garbled-%zu.serah-bundle", at);
        g_autofree char *garbled_at = damaged_copy (f, name, length, at);
        g_autoptr(SerahStore) fresh = open_copy_of (f, pristine, "garble-target.db");
        g_autofree char *before = signature (fresh, f->ceremony);
        g_autofree char *after = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(SerahStationBundleInfo) info =
          serah_station_import (fresh, garbled_at, NULL, &error);

        after = signature (fresh, f->ceremony);
        if (info == NULL)
          {
            g_assert_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_NOT_A_BUNDLE);
            g_assert_cmpstr (after, ==, before);
            refused++;
          }
        else
          {
            g_assert_cmpstr (after, ==, ref_sig);
            harmless++;
          }
      }
    g_test_message ("garbled bundles: %u refused, %u harmless", refused, harmless);
    g_assert_cmpuint (refused, >, 0);
  }

  g_assert_true (g_file_set_contents (text, "kartu,nama\n1,Budi\n", -1, NULL));
  assert_refused (f, text, SERAH_STATION_ERROR_NOT_A_BUNDLE);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (f, empty, SERAH_STATION_ERROR_NOT_A_BUNDLE);
  assert_refused (f, f->office_path, SERAH_STATION_ERROR_NOT_A_BUNDLE);
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.serah-bundle", NULL);
    assert_refused (f, missing, SERAH_STATION_ERROR_UNREADABLE);
  }

  /* Edited by hand with sqlite3: SQLite finds nothing wrong, the digest does. */
  g_assert_true (g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_cmpint (sqlite3_open (edited, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE handovers SET operator = 'Orang Lain'", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (f, edited, SERAH_STATION_ERROR_NOT_A_BUNDLE);

  /* The real one still imports afterwards. */
  import_ok (f->office, f->bundle_b, 5, 1);
}

static void
test_refuses_foreign (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) other = serah_test_open_store (other_dir, NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.serah-bundle", NULL);
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere.serah-bundle", NULL);
  g_autofree char *stranger = g_build_filename (f->dir, "stranger.serah-bundle", NULL);
  g_autoptr(GPtrArray) payloads = ceremony_test_populate (other, 10, 1000, NULL, &error);
  g_autoptr(SerahStationBundleInfo) info = NULL;
  gint64 other_ceremony, new_ceremony;

  /* Another office's database, same shape. */
  other_ceremony = serah_ceremony_create (other, "Penyerahan KIS", "2026-11-24", "Pendopo", NULL,
                                          &error);
  g_assert_true (serah_ceremony_invite_selection (other, other_ceremony, NULL, 0, NULL, NULL,
                                                  &error));
  serah_handover_free (hand_over (other, other_ceremony, 1, "lain"));
  info = serah_station_export (other, other_ceremony, "lain", NULL, foreign, &error);
  g_assert_no_error (error);
  assert_refused (f, foreign, SERAH_STATION_ERROR_OTHER_DATABASE);
  g_clear_pointer (&info, serah_station_bundle_info_free);

  /* A ceremony that station A created on its own. */
  new_ceremony = serah_ceremony_create (f->a, "Acara lain", "2026-12-01", "Menes", NULL, &error);
  g_assert_true (serah_ceremony_invite_selection (f->a, new_ceremony, NULL, 0, NULL, NULL, &error));
  serah_handover_free (hand_over (f->a, new_ceremony, 9, "meja-A"));
  info = serah_station_export (f->a, new_ceremony, "meja-A", NULL, elsewhere, &error);
  g_assert_no_error (error);
  assert_refused (f, elsewhere, SERAH_STATION_ERROR_OTHER_CEREMONY);
  g_clear_pointer (&info, serah_station_bundle_info_free);

  /* A card that this database does not know (registered at the station later): the import
   * fails part way and rolls back completely. */
  {
    g_autoptr(SerahParticipant) p = serah_test_participant ("3601015505900001", "0009990000001",
                                                            "Orang Baru", "Caringin");
    SerahHandoverRequest request = { .ceremony_id = f->ceremony, .allow_uninvited = TRUE };
    g_autoptr(SerahHandover) h = NULL;

    g_assert_true (serah_store_upsert_participant (f->a, p, 0, NULL, &error));
    request.participant_id = p->id;
    h = serah_ceremony_record_handover (f->a, &request, NULL, &error);
    g_assert_no_error (error);
    info = serah_station_export (f->a, f->ceremony, "meja-A", NULL, stranger, &error);
    g_assert_no_error (error);
    assert_refused (f, stranger, SERAH_STATION_ERROR_INCONSISTENT);
  }

  /* inspect reads the header only. */
  g_clear_pointer (&info, serah_station_bundle_info_free);
  info = serah_station_inspect (f->bundle_b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->station, ==, "meja-B");
  g_assert_cmpstr (info->ceremony_name, ==, "Penyerahan KIS");
  g_assert_cmpstr (info->ceremony_date, ==, "2026-11-24");
  g_assert_cmpint (info->format_version, ==, SERAH_STATION_BUNDLE_VERSION);
  g_assert_cmpint (info->handovers, ==, 5);
  serah_test_rm_rf (other_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/station/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("merge-order-free-and-idempotent", test_merge_order_free_and_idempotent);
  ADD ("conflicts", test_conflicts);
  ADD ("refuses-damaged", test_refuses_damaged);
  ADD ("refuses-foreign", test_refuses_foreign);
#undef ADD
  return g_test_run ();
}
