/* serah-test-fixture.c: the shared test fixture (see serah-test-fixture.h). Compiled once
 * instead of pasted as static inline functions into every test that included a helper
 * header. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "store/serah-store-private.h"

char *
serah_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("serah-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

void
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

SerahStore *
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

char *
serah_test_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

SerahParticipant *
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

void
serah_store_fixture_set_up (SerahStoreFixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->path);
}

void
serah_store_fixture_tear_down (SerahStoreFixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

int
serah_test_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

/* ---- reading documents back (fresh-machine issue: no test depends on where a line wraps) ----
 *
 * serah_test_fold_space: each run of white space folded into one space (drop_all: removed, with
 * the hyphens Pango inserts where it breaks a word at a line end); '\f' (a page break) is kept. */
char *
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
char *
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
gboolean
serah_test_text_has (const char *text, const char *needle)
{
  g_autofree char *t = serah_test_fold_space (text, FALSE);
  g_autofree char *n = serah_test_fold_space (needle, FALSE);
  return strstr (t, n) != NULL;
}

/* TRUE when an identifier (NIK, card number, serial) stands in text once every space and
 * line-end hyphen is removed from both. Use it only for strings that are one token. */
gboolean
serah_test_text_has_id (const char *text, const char *id)
{
  g_autofree char *t = serah_test_fold_space (text, TRUE);
  g_autofree char *n = serah_test_fold_space (id, TRUE);
  return strstr (t, n) != NULL;
}

/* ---- a printed office database ---- */

typedef struct {
  SerahStore *store;
  gint64      run_id;
  guint       per_mille;    /* share of people who get a card, in 1/1000 */
  GHashTable *stack_sizes;  /* desa -> int */
  guint       n;
  int         sheet, position;
  GPtrArray  *payloads;     /* "CARDNO PAYLOAD" per printed card */
} PrintWalk;

static gboolean
print_one (const SerahParticipant *p, gpointer data, GError **error)
{
  PrintWalk *f = data;
  const char *desa = p->desa ? p->desa : "";
  g_autofree char *payload = NULL;
  gint64 serial;
  int index;

  /* Deterministic thinning: the same people are left without a card every time. */
  f->n++;
  if ((f->n * 7919u) % 1000 >= f->per_mille)
    return TRUE;
  /* One stack per desa in (kecamatan, desa, name) order, as the print area stacks cards. */
  index = GPOINTER_TO_INT (g_hash_table_lookup (f->stack_sizes, desa)) + 1;
  g_hash_table_insert (f->stack_sizes, g_strdup (desa), GINT_TO_POINTER (index));
  if (++f->position > 10)
    f->position = 1, f->sheet++;
  serial = serah_store_insert_printed_card (f->store, f->run_id, p->id, f->sheet, f->position,
                                            desa, index, 0, error);
  if (serial == 0)
    return FALSE;
  payload = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, p->card_no, serial, error);
  if (payload == NULL)
    return FALSE;
  g_ptr_array_add (f->payloads, g_strdup_printf ("%s %s", p->card_no, payload));
  return TRUE;
}

GPtrArray *
ceremony_test_populate (SerahStore *store, guint n, guint per_mille, gint64 *run_id,
                        GError **error)
{
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis",
                        .sheet_name = "a4-2x5", .selection = "test" };
  char *order[] = { "kecamatan", "desa", "name", NULL };
  SerahParticipantFilter filter = { .order = order };
  PrintWalk f = { store, 0, per_mille, sizes, 0, 1, 0, payloads };

  if (!serah_demo_populate (store, n, error))
    return NULL;
  if (!serah_store_begin (store, error))
    return NULL;
  if (!serah_store_insert_print_run (store, &run, error))
    goto failed;
  f.run_id = run.id;
  if (!serah_store_foreach_participant (store, &filter, print_one, &f, error) ||
      !serah_store_commit (store, error))
    goto failed;
  if (run_id != NULL)
    *run_id = run.id;
  return g_steal_pointer (&payloads);

failed:
  serah_store_rollback (store);
  return NULL;
}

const char *
ceremony_test_payload (GPtrArray *lines, guint i)
{
  return strchr (g_ptr_array_index (lines, i), ' ') + 1;
}
