/* serah-test-fixture.h: the one test fixture module, built once as a static library
 * (tests/meson.build: serah_test_fixture_dep) and linked into the unit, GUI, crash and kill
 * tests, the ceremony-fixture program, the benchmarks and the fuzz targets. It replaces three
 * header-only copies (serah-test-util.h, serah-test-hardening.h, ceremony-test-util.h) whose
 * helpers overlapped: scratch folders, a fresh store, a store fixture, raw SQL through a
 * second connection, PDF text read back without depending on line wraps, and a printed
 * office database. */
#pragma once

#include <glib/gstdio.h>
#include <serah/serah.h>

G_BEGIN_DECLS

/* ---- scratch folders and stores ---- */

/* A fresh temporary folder (free with g_free after serah_test_rm_rf). */
char             *serah_test_tmpdir      (void);
/* Removes a file or a folder with everything in it. */
void              serah_test_rm_rf       (const char *path);
/* Opens a new empty store in dir; the path is returned in *path_out when not NULL. Fails
 * the test when it cannot. */
SerahStore       *serah_test_open_store  (const char *dir,
                                          char      **path_out);
/* The path of a file in tests/fixtures/. */
char             *serah_test_fixture     (const char *name);
/* A participant of desa (kecamatan Labuan) with the fields every rule needs. */
SerahParticipant *serah_test_participant (const char *nik,
                                          const char *card,
                                          const char *name,
                                          const char *desa);

/* A fresh store in a scratch folder, for g_test_add. */
typedef struct {
  char       *dir;
  char       *path;
  SerahStore *store;
} SerahStoreFixture;

void serah_store_fixture_set_up    (SerahStoreFixture *f,
                                    gconstpointer      data);
void serah_store_fixture_tear_down (SerahStoreFixture *f,
                                    gconstpointer      data);

/* Runs SQL on the database file through a second connection, as another program (or a
 * tamperer) would. Returns the SQLite result code. */
int  serah_test_sql                (const char *path,
                                    const char *sql);

/* ---- reading documents back (no test depends on where a line wraps) ---- */

/* Each run of white space folded into one space (drop_all: removed, with the hyphens Pango
 * inserts where it breaks a word at a line end); '\f' (a page break) is kept. */
char     *serah_test_fold_space  (const char *text,
                                  gboolean    drop_all);
/* Text of a PDF as pdftotext reads it, in reading order (never -layout); pages are separated
 * by '\f'. Fails the test, never skips, when pdftotext cannot run. */
char     *serah_test_pdf_text    (const char *pdf);
/* TRUE when needle stands in text with white space folded in both. */
gboolean  serah_test_text_has    (const char *text,
                                  const char *needle);
/* TRUE when an identifier (NIK, card number, serial) stands in text once every space and
 * line-end hyphen is removed from both. */
gboolean  serah_test_text_has_id (const char *text,
                                  const char *id);

/* ---- a printed office database (ceremonies, stations, crash test, benchmarks) ---- */

/* Fills an empty store with n demo participants and prints a card for per_mille/1000 of
 * them (the same people every time) in one print run, one card stack per desa. Returns the
 * "CARDNO PAYLOAD" lines (transfer full), NULL on error. */
GPtrArray  *ceremony_test_populate (SerahStore *store,
                                    guint       n,
                                    guint       per_mille,
                                    gint64     *run_id,
                                    GError    **error);
/* The payload part of line i of ceremony_test_populate's lines. */
const char *ceremony_test_payload  (GPtrArray  *lines,
                                    guint       i);

G_END_DECLS
