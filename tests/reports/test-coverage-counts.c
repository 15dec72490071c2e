/* test-coverage-counts.c: the coverage report reads counts kept by triggers (schema v10,
 * issue 10) instead of grouping every participant. This builds a varied register (two
 * imports, the second moving people between desa; participants without an area; batch and
 * reprint cards, invitation slips, voids of cards and slips; three ceremonies with
 * invitations, handovers to self and to representatives, undos and an uninvited handover)
 * and checks, after each step, that the kept figures equal those of the set-based query the
 * report used before, row by row, over all ceremonies and for each ceremony. It checks the
 * migration's fill from existing data the same way, for the counts per area (v10) and the
 * counts per ceremony and area kept since, and that dropping any one of the triggers makes
 * the comparison fail. */
#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "reports/serah-store-report-private.h"

/* The coverage query of schema v9, kept here as the reference. */
static const char old_query[] =
  "WITH cur AS (SELECT participant_id, min (recipient) AS recipient FROM ceremony_state"
  "             WHERE ?1 = 0 OR ceremony_id = ?1 GROUP BY participant_id),"
  " inv AS (SELECT DISTINCT participant_id FROM ceremony_invitations"
  "         WHERE ?1 = 0 OR ceremony_id = ?1),"
  " prn AS (SELECT participant_id, max (serial) AS serial FROM printed_cards pc"
  "         WHERE NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = pc.serial)"
  "           AND pc.print_run_id NOT IN (SELECT id FROM print_runs WHERE kind = 'invitation')"
  "         GROUP BY participant_id) "
  "SELECT coalesce (p.kecamatan, ''), coalesce (p.desa, ''), count (*),"
  "       count (prn.participant_id), count (inv.participant_id),"
  "       coalesce (sum (cur.recipient = 'self'), 0),"
  "       coalesce (sum (cur.recipient = 'representative'), 0),"
  "       coalesce (sum (cur.participant_id IS NULL AND"
  "  (CASE WHEN ?1 = 0 THEN prn.participant_id IS NOT NULL ELSE inv.participant_id IS NOT NULL END)"
  "       ), 0)"
  "  FROM participants p"
  "  LEFT JOIN cur ON cur.participant_id = p.id"
  "  LEFT JOIN inv ON inv.participant_id = p.id"
  "  LEFT JOIN prn ON prn.participant_id = p.id"
  " GROUP BY 1, 2"
  " HAVING ?1 = 0 OR count (inv.participant_id) > 0 OR count (cur.participant_id) > 0"
  " ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE";

/* Takes a database back from the counts per ceremony (the step after v10). */
#define DROP_COVERAGE_CEREMONIES \
  "DROP TRIGGER coverage_ceremony_invitations; DROP TRIGGER coverage_ceremony_state_insert;" \
  "DROP TRIGGER coverage_ceremony_state_delete; DROP TRIGGER coverage_ceremony_participants_area;" \
  "DROP TABLE coverage_ceremony_areas;"
/* the migrations after v10 (serial blocks v11, pulled media v12), so that v9 migrates again */
#define DROP_AFTER_COVERAGE \
  "DROP TABLE serial_blocks; DROP INDEX print_runs_by_uuid;" \
  "ALTER TABLE print_runs DROP COLUMN uuid; DROP TABLE testimonial_media_pulled;"

#define N_PEOPLE 240
static const char *const kecamatan[] = { "Labuan", "Menes", "Pagelaran" };
static const char *const desa[] = { "Caringin", "Teluk", "Cigondang" };

typedef struct {
  char       *dir;
  char       *path;
  SerahStore *store;
  GRand      *rand;
  gint64      ceremony[3];
  gboolean    unchecked; /* build_register does not compare after each step */
} Fixture;

static void
nik_of (guint i, char out[17])
{
  g_snprintf (out, 17, "360101010180%04u", i + 1);
}

static void
card_of (guint i, char out[14])
{
  g_snprintf (out, 14, "00012345%05u", i + 1);
}

/* Writes and imports a list of people first..last; shift moves each one's desa. */
static void
import_list (Fixture *f, guint first, guint last, guint shift)
{
  g_autoptr(GString) csv = g_string_new ("NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,"
                                         "FASKES,KELAS\n");
  g_autofree char *file = g_build_filename (f->dir, "daftar.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;

  for (guint i = first; i <= last; i++)
    {
      char nik[17], card[14];
      guint area = (i * 7 + (i % 5 == 0 ? shift : 0)) % 9;

      nik_of (i, nik);
      card_of (i, card);
      g_string_append_printf (csv, "%s,%s,Peserta Nomor %u,L,1980-01-01,Kp. Test,%s,%s,"
                              "Puskesmas,3\n", nik, card, i, desa[area % 3], kecamatan[area / 3]);
    }
  g_assert_true (g_file_set_contents (file, csv->str, -1, &error));
  report = serah_import_file (f->store, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static GPtrArray *
old_rows (Fixture *f, gint64 scope)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_coverage_row_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, old_query, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, scope);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SerahCoverageRow *r = g_new0 (SerahCoverageRow, 1);

      r->kecamatan = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      r->desa = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->participants = sqlite3_column_int64 (stmt, 2);
      r->printed = sqlite3_column_int64 (stmt, 3);
      r->invited = sqlite3_column_int64 (stmt, 4);
      r->to_self = sqlite3_column_int64 (stmt, 5);
      r->to_representative = sqlite3_column_int64 (stmt, 6);
      r->not_collected = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (rows, r);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

/* Whether the kept figures of one scope equal the old query's, row by row; the first
 * difference goes to the test log. */
static gboolean
same_in_scope (Fixture *f, gint64 scope, const char *step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) want = old_rows (f, scope);
  g_autoptr(GPtrArray) got = serah_store_report_coverage (f->store, scope, &error);

  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_test_message ("%s, scope %" G_GINT64_FORMAT ": %u areas", step, scope, want->len);
  if (got->len != want->len)
    {
      g_test_message ("%u areas kept, %u by the old query", got->len, want->len);
      return FALSE;
    }
  for (guint i = 0; i < want->len; i++)
    {
      const SerahCoverageRow *w = want->pdata[i], *g = got->pdata[i];

      if (g_strcmp0 (g->kecamatan, w->kecamatan) != 0 || g_strcmp0 (g->desa, w->desa) != 0 ||
          g->participants != w->participants || g->printed != w->printed ||
          g->invited != w->invited || g->to_self != w->to_self ||
          g->to_representative != w->to_representative ||
          g->not_collected != w->not_collected)
        {
          g_test_message ("%s/%s kept %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          ", old query %s/%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT, g->kecamatan, g->desa, g->participants,
                          g->printed, g->invited, g->to_self, g->to_representative,
                          g->not_collected, w->kecamatan, w->desa, w->participants,
                          w->printed, w->invited, w->to_self, w->to_representative,
                          w->not_collected);
          return FALSE;
        }
    }
  return TRUE;
}

/* Over all ceremonies, each ceremony, and a ceremony that does not exist. */
static gboolean
all_same (Fixture *f, const char *step)
{
  gboolean same = same_in_scope (f, 0, step);

  for (guint c = 0; c < G_N_ELEMENTS (f->ceremony); c++)
    if (f->ceremony[c] != 0)
      same = same_in_scope (f, f->ceremony[c], step) && same;
  return same_in_scope (f, 999, step) && same;
}

/* In the mutation tests (a trigger dropped on purpose) the steps run without checks. */
static void
assert_same (Fixture *f, const char *step)
{
  if (!f->unchecked && !all_same (f, step))
    g_error ("the kept coverage differs from the old query %s", step);
}

static gint64
participant_id (Fixture *f, guint i)
{
  char nik[17];
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = NULL;

  nik_of (i, nik);
  p = serah_store_find_participant_by_nik (f->store, nik, &error);
  g_assert_no_error (error);
  if (p == NULL)
    g_error ("participant %u not found", i);
  return p->id;
}

static gint64
new_run (Fixture *f, SerahPrintRunKind kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintRun) run = g_new0 (SerahPrintRun, 1);

  run->kind = kind;
  run->template_name = g_strdup ("kis");
  run->sheet_name = g_strdup ("a4-2x5");
  g_assert_true (serah_store_insert_print_run (f->store, run, &error));
  g_assert_no_error (error);
  return run->id;
}

static gint64
print_card (Fixture *f, gint64 run, guint who)
{
  g_autoptr(GError) error = NULL;
  gint64 serial = serah_store_insert_printed_card (f->store, run, participant_id (f, who), 1,
                                                   (int) who % 10, NULL, 0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (serial, >, 0);
  return serial;
}

static void
void_card (Fixture *f, gint64 serial)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_store_void_card (f->store, serial, "rusak", "Petugas", 0, &error));
  g_assert_no_error (error);
}

static void
invite (Fixture *f, guint c, guint from, guint to, guint step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  gint64 added = 0;

  for (guint i = from; i <= to; i += step)
    {
      char card[14];

      card_of (i, card);
      g_ptr_array_add (keys, g_strdup (card));
    }
  g_ptr_array_add (keys, NULL);
  g_assert_true (serah_ceremony_invite_keys (f->store, f->ceremony[c],
                                             (const char *const *) keys->pdata, "Petugas",
                                             &added, NULL, &error));
  g_assert_no_error (error);
}

static SerahHandover *
hand (Fixture *f, guint c, guint who, gboolean representative)
{
  g_autoptr(GError) error = NULL;
  SerahHandoverRequest req = { 0 };
  SerahHandover *h;

  req.ceremony_id = f->ceremony[c];
  req.participant_id = participant_id (f, who);
  req.identified_by = SERAH_IDENTIFIED_SEARCH;
  req.operator_name = "Petugas";
  req.station = "meja-1";
  req.allow_uninvited = TRUE;
  if (representative)
    {
      req.proxy_name = "Siti Wakil";
      req.proxy_relation = "istri";
    }
  h = serah_ceremony_record_handover (f->store, &req, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

static void
undo (Fixture *f, guint c, SerahHandover *h)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahHandover) u = serah_ceremony_undo_handover (f->store, f->ceremony[c], h->uuid,
                                                             "salah orang", "Petugas", "meja-1",
                                                             &error);
  g_assert_no_error (error);
}

static void
build_register (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 batch, reprint, slips;
  g_autoptr(GArray) serials = g_array_new (FALSE, FALSE, sizeof (gint64));

  import_list (f, 0, 199, 0);
  /* Two people without an area, entered one by one. */
  for (guint i = 200; i < 202; i++)
    {
      char nik[17], card[14];
      g_autoptr(SerahParticipant) p = NULL;

      nik_of (i, nik);
      card_of (i, card);
      p = serah_test_participant (nik, card, "Tanpa Wilayah", "Caringin");
      g_clear_pointer (&p->desa, g_free);
      g_clear_pointer (&p->kecamatan, g_free);
      g_assert_true (serah_store_upsert_participant (f->store, p, 0, NULL, &error));
      g_assert_no_error (error);
    }
  assert_same (f, "after the first import");

  /* Cards for most, a second card for some, slips for others; voids of cards and slips. */
  batch = new_run (f, SERAH_PRINT_RUN_BATCH);
  for (guint i = 0; i < 202; i++)
    if (g_rand_int_range (f->rand, 0, 10) < 7)
      {
        gint64 s = print_card (f, batch, i);
        g_array_append_val (serials, s);
      }
  reprint = new_run (f, SERAH_PRINT_RUN_REPRINT);
  for (guint i = 0; i < 202; i += 9)
    print_card (f, reprint, i);
  slips = new_run (f, SERAH_PRINT_RUN_INVITATION);
  for (guint i = 1; i < 202; i += 4)
    {
      gint64 s = print_card (f, slips, i);
      if (i % 3 == 0)
        void_card (f, s);
    }
  for (guint k = 0; k < serials->len; k += 5)
    void_card (f, g_array_index (serials, gint64, k));
  assert_same (f, "after printing and voids");

  /* Three ceremonies; handovers, undos, a handover without an invitation. */
  f->ceremony[0] = serah_ceremony_create (f->store, "Satu", "2026-11-20", "Aula", "Petugas", &error);
  f->ceremony[1] = serah_ceremony_create (f->store, "Dua", "2026-11-21", "Balai", "Petugas", &error);
  f->ceremony[2] = serah_ceremony_create (f->store, "Tiga", "2026-11-22", "Pendopo", "Petugas", &error);
  g_assert_no_error (error);
  invite (f, 0, 0, 119, 1);
  invite (f, 1, 60, 201, 2);
  invite (f, 2, 10, 40, 3);
  assert_same (f, "after the invitations");
  /* Each handover is a durable transaction: the mutation tests, which only need every kind
   * of change to happen, record a fifth of them. */
  for (guint i = 0; i < 120; i += f->unchecked ? 10 : 2)
    {
      g_autoptr(SerahHandover) h = hand (f, 0, i, i % 6 == 0);
      if (i % 10 == 0)
        undo (f, 0, h);
    }
  for (guint i = 60; i < 202; i += f->unchecked ? 18 : 6)
    {
      g_autoptr(SerahHandover) h = hand (f, 1, i, i % 4 == 0);
      if (i % 18 == 0)
        undo (f, 1, h);
    }
  serah_handover_free (hand (f, 2, 13, FALSE));
  serah_handover_free (hand (f, 2, 150, TRUE)); /* not invited to ceremony 3 */
  assert_same (f, "after the handovers and undos");

  /* A re-import moves people between desa (with their cards, invitations and handovers) and
   * adds new ones. */
  import_list (f, 0, 239, 4);
  assert_same (f, "after the re-import that moves people");
  {
    g_autoptr(SerahHandover) h = hand (f, 2, 220, FALSE);
    print_card (f, batch, 230);
  }
  assert_same (f, "after more handovers and cards");

  /* One person edited by hand (not through an import): invited to two ceremonies, handed
   * over in one, moved to another desa, then back out of any area. */
  {
    char nik[17];
    g_autoptr(SerahParticipant) p = NULL;

    nik_of (66, nik);
    p = serah_store_find_participant_by_nik (f->store, nik, &error);
    g_assert_no_error (error);
    g_assert_nonnull (p);
    g_free (p->desa);
    p->desa = g_strdup ("Desa Baru");
    g_assert_true (serah_store_upsert_participant (f->store, p, 0, NULL, &error));
    g_assert_no_error (error);
    assert_same (f, "after one person moved to a new desa");
    g_clear_pointer (&p->desa, g_free);
    g_clear_pointer (&p->kecamatan, g_free);
    g_assert_true (serah_store_upsert_participant (f->store, p, 0, NULL, &error));
    g_assert_no_error (error);
    assert_same (f, "after one person lost the area");
  }
}

static void
test_triggers_match_old_query (Fixture *f, gconstpointer data)
{
  build_register (f);
}

/* A database of schema v9 with data in it gets its counts filled by the migration. */
static void
test_migration_fills_counts (Fixture *f, gconstpointer data)
{
  build_register (f);
  g_clear_object (&f->store);
  g_assert_cmpint (serah_test_sql (f->path,
                                   DROP_COVERAGE_CEREMONIES
                                   DROP_AFTER_COVERAGE
                                   "DROP TRIGGER coverage_participants_insert;"
                                   "DROP TRIGGER coverage_participants_area;"
                                   "DROP TRIGGER coverage_participants_delete;"
                                   "DROP TRIGGER coverage_printed_cards; DROP TRIGGER coverage_card_voids;"
                                   "DROP TRIGGER coverage_invitations;"
                                   "DROP TRIGGER coverage_state_insert; DROP TRIGGER coverage_state_delete;"
                                   "DROP TABLE coverage_people; DROP TABLE coverage_areas;"
                                   "PRAGMA user_version = 9"), ==, SQLITE_OK);
  f->store = serah_store_open (f->path, NULL);
  g_assert_nonnull (f->store);
  assert_same (f, "after the migration");
  import_list (f, 0, 239, 2);
  assert_same (f, "after a re-import on the migrated database");
}

/* The Laporan page's paged uncollected list (issue #10): its length (from the kept counts)
 * and windows of any size at any position (found by adding up the kept counts per area) give
 * exactly the rows and order of the whole list, over all ceremonies and for each, on a
 * register with people without an area and people moved between desa. */
static void
test_uncollected_windows (Fixture *f, gconstpointer data)
{
  gint64 scopes[] = { 0, 0, 0, 0 };

  build_register (f);
  for (guint c = 0; c < 3; c++)
    scopes[c + 1] = f->ceremony[c];
  for (guint k = 0; k < G_N_ELEMENTS (scopes); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) whole = serah_report_uncollected (f->store, scopes[k], &error);
      gint64 n = serah_report_uncollected_count (f->store, scopes[k], &error);

      g_assert_no_error (error);
      g_test_message ("scope %" G_GINT64_FORMAT ": %u not collected", scopes[k], whole->len);
      g_assert_cmpint (n, ==, whole->len);
      g_assert_cmpuint (whole->len, >, 0);
      for (guint size = 1; size <= 40; size += 13)
        for (gint64 position = 0; position < n + 3; position += 7)
          {
            g_autoptr(GArray) ids = serah_report_uncollected_window (f->store, scopes[k],
                                                                     position, size, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (ids->len, ==, CLAMP (n - position, 0, (gint64) size));
            for (guint i = 0; i < ids->len; i++)
              {
                const SerahUncollectedRow *w = whole->pdata[position + i];
                g_assert_cmpint (g_array_index (ids, gint64, i), ==, w->participant_id);
              }
          }
      /* One row read alone is the list's row. */
      for (guint i = 0; i < whole->len; i += 17)
        {
          const SerahUncollectedRow *w = whole->pdata[i];
          g_autoptr(SerahUncollectedRow) one = serah_report_uncollected_get (f->store,
                                                                              w->participant_id,
                                                                              &error);
          g_assert_no_error (error);
          g_assert_cmpstr (one->name, ==, w->name);
          g_assert_cmpstr (one->nik_masked, ==, w->nik_masked);
          g_assert_cmpstr (one->card_no, ==, w->card_no);
          g_assert_cmpstr (one->desa, ==, w->desa);
          g_assert_cmpstr (one->kecamatan, ==, w->kecamatan);
          g_assert_cmpstr (one->stack, ==, w->stack);
        }
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SerahUncollectedRow) none = serah_report_uncollected_get (f->store, 99999, &error);

    g_assert_null (none);
    g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_FOUND);
  }
}

/* A database of schema v10 (counts per area, none per ceremony) gets the counts per
 * ceremony filled by the migration. */
static void
test_migration_fills_ceremony_counts (Fixture *f, gconstpointer data)
{
  build_register (f);
  g_clear_object (&f->store);
  g_assert_cmpint (serah_test_sql (f->path, DROP_COVERAGE_CEREMONIES DROP_AFTER_COVERAGE
                                             "PRAGMA user_version = 10"),
                   ==, SQLITE_OK);
  f->store = serah_store_open (f->path, NULL);
  g_assert_nonnull (f->store);
  assert_same (f, "after the migration of the counts per ceremony");
  import_list (f, 0, 239, 3);
  assert_same (f, "after a re-import on the migrated database");
}

/* Each trigger that keeps the counts, dropped on purpose: the same register built without it
 * must differ from the old query somewhere, so the comparison above would catch a broken
 * trigger. (coverage_participants_delete and coverage_people_delete are left out: Serah never
 * deletes a participant.) */
static const char *const kept_by[] = {
  "coverage_participants_insert", "coverage_participants_area", "coverage_printed_cards",
  "coverage_card_voids", "coverage_invitations", "coverage_state_insert",
  "coverage_state_delete", "coverage_people_insert", "coverage_people_update",
  "coverage_ceremony_invitations", "coverage_ceremony_state_insert",
  "coverage_ceremony_state_delete", "coverage_ceremony_participants_area",
};

static void
test_broken_trigger_is_caught (Fixture *f, gconstpointer data)
{
  const char *trigger = data;
  g_autofree char *sql = g_strdup_printf ("DROP TRIGGER %s", trigger);

  g_assert_cmpint (serah_test_sql (f->path, sql), ==, SQLITE_OK);
  f->unchecked = TRUE;
  build_register (f);
  g_assert_false (all_same (f, "with a trigger dropped"));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->path);
  f->rand = g_rand_new_with_seed (10);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_rand_free (f->rand);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/serah/report/coverage-counts/triggers", Fixture, NULL, fixture_set_up,
              test_triggers_match_old_query, fixture_tear_down);
  g_test_add ("/serah/report/coverage-counts/migration", Fixture, NULL, fixture_set_up,
              test_migration_fills_counts, fixture_tear_down);
  g_test_add ("/serah/report/coverage-counts/uncollected-windows", Fixture, NULL,
              fixture_set_up, test_uncollected_windows, fixture_tear_down);
  g_test_add ("/serah/report/coverage-counts/migration-per-ceremony", Fixture, NULL,
              fixture_set_up, test_migration_fills_ceremony_counts, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (kept_by); i++)
    {
      g_autofree char *name = g_strdup_printf ("/serah/report/coverage-counts/without/%s",
                                               kept_by[i]);

      g_test_add (name, Fixture, kept_by[i], fixture_set_up, test_broken_trigger_is_caught,
                  fixture_tear_down);
    }
  return g_test_run ();
}
