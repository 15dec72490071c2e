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

/* ---- reading documents back (fresh-machine issue: no test depends on where a line wraps) ----
 *
 * serah_test_fold_space: each run of white space folded into one space (drop_all: removed, with
 * the hyphens Pango inserts where it breaks a word at a line end); '\f' (a page break) is kept. */
static inline char *
serah_test_fold_space (const char *text, gboolean drop_all)
{
  GString *out = g_string_sized_new (strlen (text));
  gboolean in_space = FALSE;

  for (const char *c = text; *c; c++)
    {
      if (*c == '\f')
        {
          g_string_append_c (out, '\f');
          in_space = FALSE;
          continue;
        }
      /* A hyphen Pango inserted where it broke a word at the end of a line. */
      if (drop_all && *c == '-' && (c[1] == '\n' || c[1] == '\r'))
        continue;
      if (g_ascii_isspace (*c))
        {
          if (!drop_all && !in_space && out->len > 0)
            g_string_append_c (out, ' ');
          in_space = TRUE;
          continue;
        }
      in_space = FALSE;
      g_string_append_c (out, *c);
    }
  return g_string_free (out, FALSE);
}

/* Text of a PDF as pdftotext (poppler-utils, required by tests/meson.build) reads it, in reading
 * order (never -layout); pages are separated by '\f'. Fails the test, never skips, when
 * pdftotext cannot run. Search it with serah_test_text_has / _has_id, not strstr, for anything
 * longer than a word. */
static inline char *
serah_test_pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* TRUE when needle stands in text with white space folded in both: a sentence is found
 * wherever its lines break. */
static inline gboolean
serah_test_text_has (const char *text, const char *needle)
{
  g_autofree char *t = serah_test_fold_space (text, FALSE);
  g_autofree char *n = serah_test_fold_space (needle, FALSE);
  return strstr (t, n) != NULL;
}

/* TRUE when an identifier (NIK, card number, serial) stands in text once every space and
 * line-end hyphen is removed from both. Use it only for strings that are one token. */
static inline gboolean
serah_test_text_has_id (const char *text, const char *id)
{
  g_autofree char *t = serah_test_fold_space (text, TRUE);
  g_autofree char *n = serah_test_fold_space (id, TRUE);
  return strstr (t, n) != NULL;
}
