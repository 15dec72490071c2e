/* test-area.c: the area reference shared by the whole process (serah_areas_get_default).
 * A desk registering person after person re-read all of data/areas for each one (about
 * 0.1 s); these tests hold the default to being loaded once, to listing a kabupaten's
 * kecamatan and a kecamatan's desa (the window's drop-downs), and to lazy desa loading being
 * safe from two threads at once (the import thread and the window share the default). */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

#include <serah/register/serah-area.h>

/* The same reference every time, and the folder is not read again: with $SERAH_AREAS_DIR
 * pointing nowhere, the default still answers, and a registration's region check (which
 * says "could not be checked" when it cannot load the reference) still names the kecamatan. */
static void
test_default_loaded_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SERAH_AREAS_DIR"));
  g_autofree char *empty = serah_test_tmpdir ();
  SerahAreas *first = serah_areas_get_default (&error);
  g_autoptr(SerahRegistration) d = serah_registration_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SerahAreas) fresh = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (serah_areas_get_default (NULL) == first);

  g_setenv ("SERAH_AREAS_DIR", empty, TRUE);
  /* A fresh load really would fail now: the default's answer below is not luck. */
  fresh = serah_areas_load (NULL, &error);
  g_assert_null (fresh);
  g_assert_error (error, SERAH_AREA_ERROR, SERAH_AREA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (serah_areas_get_default (&error) == first);
  g_assert_no_error (error);

  /* The registration check uses the default: issued in Labuan (36.01.12), form says Kopo. */
  g_strlcpy (d->nik, "3601121203850001", sizeof d->nik);
  g_strlcpy (d->kk, "3601120101100002", sizeof d->kk);
  g_assert_true (serah_sex_parse ("L", &d->sex));
  g_strlcpy (d->birth_date, "1985-03-12", sizeof d->birth_date);
  d->name = g_strdup ("Ahmad");
  d->address = g_strdup ("Kp. Teluk");
  d->desa = g_strdup ("Garut");
  d->kecamatan = g_strdup ("Kopo");
  d->reason = g_strdup ("belum pernah didaftarkan");
  problems = serah_registration_check (d, "2026-12-06");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((SerahRegistrationProblem *) problems->pdata[0])->code, ==,
                   "nik-region-elsewhere");
  g_assert_nonnull (strstr (((SerahRegistrationProblem *) problems->pdata[0])->message,
                            "Labuan"));

  g_setenv ("SERAH_AREAS_DIR", saved, TRUE);
  serah_test_rm_rf (empty);
}

/* The importer takes the default too: with the folder gone, a list of desa codes is still
 * named from the reference and the report has no "area codes not installed" line. */
static void
test_import_uses_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("SERAH_AREAS_DIR"));
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "no-areas", NULL);
  g_autofree char *db_path = NULL;
  g_autofree char *csv = g_build_filename (dir, "kode.csv", NULL);
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &db_path);
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(SerahParticipant) p = NULL;

  g_assert_nonnull (serah_areas_get_default (&error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv,
                                      "NOKA;NIK;NAMA;JK;KD_DESA\n"
                                      "0001311000031;3601120404800031;DEDI;L;3601122010\n",
                                      -1, &error));
  g_setenv ("SERAH_AREAS_DIR", empty, TRUE);
  report = serah_import_file (store, csv, NULL, NULL, &error);
  g_setenv ("SERAH_AREAS_DIR", saved, TRUE);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 1);
  p = serah_store_find_participant_by_nik (store, "3601120404800031", &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->desa, ==, "Teluk");
  g_assert_cmpstr (p->kecamatan, ==, "Labuan");
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* The drop-downs of the window: Kabupaten Serang (36.04) lists its kecamatan in code order;
 * Kopo's desa (36.04.25, Kabupaten Serang) include Garut; an unknown kabupaten lists none. */
static void
test_lists (void)
{
  SerahAreas *areas = serah_areas_get_default (NULL);
  g_autoptr(GPtrArray) kec = serah_areas_kecamatan_of (areas, "36.04");
  g_autoptr(GPtrArray) none = serah_areas_kecamatan_of (areas, "99.99");
  g_autoptr(GPtrArray) desa = NULL;
  const SerahAreaKecamatan *kopo = serah_areas_kecamatan (areas, "36.04.25");
  gboolean garut = FALSE;

  g_assert_nonnull (kopo);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (kec->len, >, 20);
  g_assert_true (g_ptr_array_find (kec, kopo, NULL));
  for (guint i = 1; i < kec->len; i++)
    g_assert_cmpint (strcmp (((SerahAreaKecamatan *) kec->pdata[i - 1])->code,
                             ((SerahAreaKecamatan *) kec->pdata[i])->code), <, 0);
  desa = serah_areas_desa_of (areas, kopo);
  g_assert_cmpuint (desa->len, >, 5);
  for (guint i = 0; i < desa->len; i++)
    {
      const SerahAreaDesa *d = desa->pdata[i];
      g_assert_true (d->kecamatan == kopo);
      garut |= g_strcmp0 (d->name, "Garut") == 0;
    }
  g_assert_true (garut);
  /* Asked twice, the same desa (the cache is filled once). */
  {
    g_autoptr(GPtrArray) again = serah_areas_desa_of (areas, kopo);
    g_assert_cmpuint (again->len, ==, desa->len);
    g_assert_true (again->pdata[0] == desa->pdata[0]);
  }
}

/* Two threads fill the desa caches of the same kecamatan (Kabupaten Pandeglang's) at once
 * and must both see every desa exactly as a single thread does. */
static gpointer
walk_pandeglang (gpointer data)
{
  SerahAreas *areas = data;
  g_autoptr(GPtrArray) kec = serah_areas_kecamatan_of (areas, "36.01");
  guint n = 0;

  for (guint i = 0; i < kec->len; i++)
    {
      g_autoptr(GPtrArray) desa = serah_areas_desa_of (areas, kec->pdata[i]);
      for (guint k = 0; k < desa->len; k++)
        {
          const SerahAreaDesa *d = desa->pdata[k];
          if (serah_areas_desa (areas, d->code) != d)
            return GUINT_TO_POINTER (0);
          n++;
        }
    }
  return GUINT_TO_POINTER (n);
}

static void
test_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahAreas) areas = serah_areas_load (NULL, &error);
  g_autoptr(SerahAreas) alone = serah_areas_load (NULL, &error);
  GThread *a, *b;
  guint na, nb, n1;

  g_assert_no_error (error);
  a = g_thread_new ("areas-a", walk_pandeglang, areas);
  b = g_thread_new ("areas-b", walk_pandeglang, areas);
  na = GPOINTER_TO_UINT (g_thread_join (a));
  nb = GPOINTER_TO_UINT (g_thread_join (b));
  n1 = GPOINTER_TO_UINT (walk_pandeglang (alone));
  g_assert_cmpuint (n1, >, 300);
  g_assert_cmpuint (na, ==, n1);
  g_assert_cmpuint (nb, ==, n1);
}

/* The outreach forms' areas: on an empty register with no setting there is no office
 * kabupaten and nothing to offer; the setting office-kabupaten (written without dots) names
 * it, and then every desa of its reference kecamatan is offered, with 0 participants. */
static void
test_form_areas (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GPtrArray) none = serah_outreach_form_areas (store, &error);
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree char *kab = NULL;
  SerahAreas *areas = serah_areas_get_default (NULL);
  g_autoptr(GPtrArray) kec = serah_areas_kecamatan_of (areas, "36.04");
  guint n_desa = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_null (serah_outreach_office_kabupaten (store));
  g_assert_true (serah_store_set_setting (store, "office-kabupaten", "3604", &error));
  kab = serah_outreach_office_kabupaten (store);
  g_assert_cmpstr (kab, ==, "36.04");
  for (guint i = 0; i < kec->len; i++)
    {
      g_autoptr(GPtrArray) desa = serah_areas_desa_of (areas, kec->pdata[i]);
      n_desa += desa->len;
    }
  forms = serah_outreach_form_areas (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forms->len, ==, n_desa);
  for (guint i = 0; i < forms->len; i++)
    {
      const SerahAreaCount *c = forms->pdata[i];
      g_assert_cmpint (c->participants, ==, 0);
      if (i > 0)
        g_assert_cmpint (g_strcmp0 (((SerahAreaCount *) forms->pdata[i - 1])->kecamatan,
                                    c->kecamatan), <=, 0);
    }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/area/default-loaded-once", test_default_loaded_once);
  g_test_add_func ("/serah/area/import-uses-default", test_import_uses_default);
  g_test_add_func ("/serah/area/lists", test_lists);
  g_test_add_func ("/serah/area/threads", test_threads);
  g_test_add_func ("/serah/area/form-areas", test_form_areas);
  return g_test_run ();
}
