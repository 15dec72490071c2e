/* serah-test-util.h: small helpers shared by the tests (header-only). */
#pragma once

#include <glib/gstdio.h>
#include <serah/serah.h>

/* A fresh temporary folder, removed (with its files) by serah_test_tmpdir_free. */
static inline char *
serah_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("serah-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
serah_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          serah_test_rm_rf (child);
        }
    }
  g_remove (path);
}

/* Opens a new empty store in dir; the path is returned in *path_out when not NULL. */
static inline SerahStore *
serah_test_open_store (const char *dir, char **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  SerahStore *store = serah_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (path_out)
    *path_out = g_steal_pointer (&path);
  return store;
}

static inline char *
serah_test_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static inline SerahParticipant *
serah_test_participant (const char *nik, const char *card, const char *name, const char *desa)
{
  SerahParticipant *p = serah_participant_new ();
  g_strlcpy (p->nik, nik, sizeof p->nik);
  g_strlcpy (p->card_no, card, sizeof p->card_no);
  p->name = g_strdup (name);
  p->sex = SERAH_SEX_MALE;
  g_strlcpy (p->birth_date, "1980-01-01", sizeof p->birth_date);
  p->desa = g_strdup (desa);
  p->kecamatan = g_strdup ("Labuan");
  p->care_class = 3;
  return p;
}
