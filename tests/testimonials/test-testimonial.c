/* test-testimonial.c: testimonials and consent. The rules checked here are the ones that
 * protect people: nothing unconsented or withdrawn is ever exported, in any format; an
 * anonymous export carries no name, NIK or card number; a named export carries no NIK; the
 * consent history is append-only and a withdrawal is final. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "testimonials/serah-store-testimonial-private.h"

typedef struct {
  char       *dir;
  char       *db;
  SerahStore *store;
  gint64      pid[5];
} Fixture;

/* Five people; their NIKs and card numbers must never show up in any export. */
static const struct { const char *nik, *card, *name, *desa; } people[] = {
  { "3601014101800001", "0001111111111", "Rahmat Rahasia", "Caringin" },
  { "3601014101800002", "0002222222222", "Anisa Anonim", "Cigondang" },
  { "3601014101800003", "0003333333333", "Budi Terbuka", "Labuan" },
  { "3601014101800004", "0004444444444", "Dewi Ditarik", "Teluk" },
  { "3601014101800005", "0005555555555", "Fajar Berfoto", "Teluk" },
};

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->db);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(SerahParticipant) p = serah_test_participant (people[i].nik, people[i].card,
                                                              people[i].name, people[i].desa);
      g_assert_true (serah_store_upsert_participant (f->store, p, 0, NULL, &error));
      g_assert_no_error (error);
      f->pid[i] = p->id;
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static gint64
add (Fixture *f, guint who, const char *text, SerahConsent consent, int rating,
     const char *photo, GError **error)
{
  static const char *const tags[] = { "Pelayanan", " manfaat ", "pelayanan", NULL };
  SerahTestimonialDraft d = { 0 };

  d.participant_id = f->pid[who];
  d.text = text;
  d.consent = consent;
  d.rating = rating;
  d.tags = tags;
  d.photo_path = photo;
  d.operator_name = "Petugas Uji";
  return serah_testimonial_add (f->store, &d, error);
}

/* A small PNG with an alpha channel, drawn with cairo. */
static char *
make_png (const char *dir)
{
  char *path = g_build_filename (dir, "face.png", NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgba (cr, 0.8, 0.5, 0.2, 0.7);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  return path;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_consent_names (void)
{
  SerahConsent c;

  for (SerahConsent i = SERAH_CONSENT_NONE; i <= SERAH_CONSENT_WITHDRAWN; i++)
    {
      g_assert_true (serah_consent_parse (serah_consent_to_string (i), &c));
      g_assert_cmpint (c, ==, i);
    }
  g_assert_false (serah_consent_parse ("yes", &c));
  g_assert_false (serah_consent_parse (NULL, &c));
  g_assert_false (serah_consent_is_publishable (SERAH_CONSENT_NONE));
  g_assert_false (serah_consent_is_publishable (SERAH_CONSENT_WITHDRAWN));
  g_assert_true (serah_consent_is_publishable (SERAH_CONSENT_ANONYMOUS));
  g_assert_true (serah_consent_is_publishable (SERAH_CONSENT_NAMED));
}

static void
test_add_validates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *media = serah_testimonial_media_dir (f->store);
  g_autofree char *fake_jpg = g_build_filename (f->dir, "not-a-photo.jpg", NULL);
  g_autofree char *fake_ogg = g_build_filename (f->dir, "not-audio.ogg", NULL);
  g_autofree char *photos = g_build_filename (media, "photos", NULL);
  SerahTestimonialDraft d = { 0 };
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpint (add (f, 0, "   \n ", SERAH_CONSENT_NAMED, 5, NULL, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add (f, 0, "Bagus", SERAH_CONSENT_NAMED, 6, NULL, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add (f, 0, "Bagus", SERAH_CONSENT_WITHDRAWN, 5, NULL, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID);
  g_clear_error (&error);

  /* A text file named .jpg is refused with a message that says what to choose. */
  g_assert_true (g_file_set_contents (fake_jpg, "hello, not an image\n", -1, NULL));
  g_assert_cmpint (add (f, 0, "Bagus", SERAH_CONSENT_NAMED, 5, fake_jpg, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_IMAGE);
  g_assert_nonnull (strstr (error->message, "JPEG"));
  g_clear_error (&error);
  /* A truncated JPEG: right magic bytes, no picture. */
  g_assert_true (g_file_set_contents (fake_jpg, "\xff\xd8\xff\xe0\x00\x10JFIF", 10, NULL));
  g_assert_cmpint (add (f, 0, "Bagus", SERAH_CONSENT_NAMED, 5, fake_jpg, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_IMAGE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (fake_ogg, "RIFF....WAVE", -1, NULL));
  d.participant_id = f->pid[0];
  d.text = "Bagus";
  d.consent = SERAH_CONSENT_NAMED;
  d.audio_path = fake_ogg;
  g_assert_cmpint (serah_testimonial_add (f->store, &d, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_AUDIO);
  g_clear_error (&error);

  /* A good photo with a bad audio: the photo copy made first is removed again. */
  {
    g_autofree char *png = make_png (f->dir);
    d.photo_path = png;
    g_assert_cmpint (serah_testimonial_add (f->store, &d, &error), ==, 0);
    g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_AUDIO);
    g_clear_error (&error);
    g_assert_cmpuint (count_files (photos), ==, 0);
  }

  d.audio_path = NULL;
  d.photo_path = NULL;
  d.participant_id = 9999;
  g_assert_cmpint (serah_testimonial_add (f->store, &d, &error), ==, 0);
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  all = serah_store_list_testimonials (f->store, 0, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_add_and_read (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = make_png (f->dir);
  g_autoptr(SerahTestimonial) t = NULL;
  g_autofree char *photo = NULL;
  g_autoptr(GdkPixbuf) pix = NULL;
  gint64 id;

  id = add (f, 4, "  Kartunya cepat jadi.  ", SERAH_CONSENT_NAMED, 4, png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  t = serah_store_get_testimonial (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->text, ==, "Kartunya cepat jadi.");
  g_assert_cmpint (t->rating, ==, 4);
  g_assert_cmpint (t->consent, ==, SERAH_CONSENT_NAMED);
  g_assert_cmpstr (t->consent_by, ==, "Petugas Uji");
  g_assert_cmpstr (t->recorded_by, ==, "Petugas Uji");
  g_assert_cmpstr (t->name, ==, "Fajar Berfoto");
  /* Tags are normalised and de-duplicated. */
  g_assert_cmpuint (g_strv_length (t->tags), ==, 2);
  g_assert_cmpstr (t->tags[0], ==, "manfaat");
  g_assert_cmpstr (t->tags[1], ==, "pelayanan");

  /* The photo was stored as a JPEG under a random name, never the person's. */
  g_assert_nonnull (t->photo_file);
  g_assert_true (g_str_has_prefix (t->photo_file, "photos/"));
  g_assert_true (g_str_has_suffix (t->photo_file, ".jpg"));
  g_assert_null (strstr (t->photo_file, "Fajar"));
  photo = serah_testimonial_media_path (f->store, t->photo_file);
  pix = gdk_pixbuf_new_from_file (photo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pix), ==, 64);
  /* Names from the database cannot climb out of the media folder. */
  g_assert_null (serah_testimonial_media_path (f->store, "../test.db"));
}

static void
test_consent_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(SerahTestimonial) t = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  id = add (f, 2, "Pelayanannya ramah.", SERAH_CONSENT_NAMED, 5, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (serah_testimonial_set_consent (f->store, id, SERAH_CONSENT_ANONYMOUS, NULL,
                                                "Petugas Dua", &error));
  g_assert_no_error (error);

  /* A withdrawal needs a reason. */
  g_assert_false (serah_testimonial_set_consent (f->store, id, SERAH_CONSENT_WITHDRAWN, "  ",
                                                 "Petugas Dua", &error));
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (serah_testimonial_set_consent (f->store, id, SERAH_CONSENT_WITHDRAWN,
                                                "diminta peserta lewat telepon", "Petugas Tiga",
                                                &error));
  g_assert_no_error (error);

  /* Final: no consent can be given again. */
  g_assert_false (serah_testimonial_set_consent (f->store, id, SERAH_CONSENT_NAMED, NULL,
                                                 "Petugas Dua", &error));
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_WITHDRAWN);
  g_clear_error (&error);
  g_assert_false (serah_testimonial_set_consent (f->store, 4242, SERAH_CONSENT_NAMED, NULL,
                                                 NULL, &error));
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  t = serah_store_get_testimonial (f->store, id, &error);
  g_assert_cmpint (t->consent, ==, SERAH_CONSENT_WITHDRAWN);
  g_assert_cmpstr (t->consent_by, ==, "Petugas Tiga");
  g_assert_cmpstr (t->consent_note, ==, "diminta peserta lewat telepon");

  events = serah_store_list_consent_events (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (((SerahConsentEvent *) events->pdata[0])->consent, ==, SERAH_CONSENT_NAMED);
  g_assert_cmpint (((SerahConsentEvent *) events->pdata[1])->consent, ==, SERAH_CONSENT_ANONYMOUS);
  g_assert_cmpint (((SerahConsentEvent *) events->pdata[2])->consent, ==, SERAH_CONSENT_WITHDRAWN);

  /* The database itself refuses to rewrite or bypass the history. */
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE testimonial_consents SET consent = 'named'", NULL,
                                 NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM testimonial_consents", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO testimonial_consents (testimonial_id, consent, at)"
                                 " VALUES (1, 'named', 0)", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE testimonials SET text = 'x'", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  sqlite3_close (db);
}

static char *
read_all (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Nothing of the people whose testimonials may not be shown, and no NIK or card number of
 * anybody; the exported text of the publishable ones is present. */
static void
assert_export_clean (const char *what, const char *text)
{
  g_test_message ("checking %s", what);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_assert_null (strstr (text, people[i].nik));
      g_assert_null (strstr (text, people[i].card));
      /* A masked NIK is no better in a public export: its region and tail identify. */
      g_assert_null (strstr (text, "360101"));
    }
  g_assert_null (strstr (text, "Rahmat"));     /* consent none */
  g_assert_null (strstr (text, "RAHASIA"));
  g_assert_null (strstr (text, "Anisa"));      /* anonymous */
  g_assert_null (strstr (text, "Dewi"));       /* withdrawn */
  g_assert_null (strstr (text, "DITARIK"));
  g_assert_null (strstr (text, "Fajar"));      /* named, then made anonymous */
  g_assert_nonnull (strstr (text, "Budi Terbuka"));
  g_assert_nonnull (strstr (text, "TERBUKA"));
  g_assert_nonnull (strstr (text, "ANONIM"));
  g_assert_nonnull (strstr (text, "Peserta JKN-KIS"));
}

static void
test_exports_follow_consent (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *png = make_png (f->dir);
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *pngdir = g_build_filename (f->dir, "cards", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pub = NULL;
  gint64 anon, named, withdrawn, photo;
  guint n = 0;

  g_assert_cmpint (add (f, 0, "RAHASIA tidak untuk umum", SERAH_CONSENT_NONE, 3, NULL, &error), >, 0);
  anon = add (f, 1, "Suara ANONIM: kartunya membantu", SERAH_CONSENT_ANONYMOUS, 5, png, &error);
  named = add (f, 2, "Suara TERBUKA: pelayanan cepat", SERAH_CONSENT_NAMED, 4, NULL, &error);
  withdrawn = add (f, 3, "Suara DITARIK", SERAH_CONSENT_NAMED, 5, NULL, &error);
  photo = add (f, 4, "Foto dan nama", SERAH_CONSENT_NAMED, 5, png, &error);
  g_assert_no_error (error);
  g_assert_true (serah_testimonial_set_consent (f->store, withdrawn, SERAH_CONSENT_WITHDRAWN,
                                                "berubah pikiran", "Petugas", &error));
  /* Downgraded from named to anonymous: the name and the photo must go. */
  g_assert_true (serah_testimonial_set_consent (f->store, photo, SERAH_CONSENT_ANONYMOUS, NULL,
                                                "Petugas", &error));
  g_assert_no_error (error);

  pub = serah_testimonial_list_public (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pub->len, ==, 3);
  for (guint i = 0; i < pub->len; i++)
    {
      SerahTestimonialPublic *p = pub->pdata[i];
      g_assert_true (p->id == anon || p->id == named || p->id == photo);
      if (p->anonymous)
        {
          g_assert_cmpstr (p->display_name, ==, "Peserta JKN-KIS");
          g_assert_null (p->photo_path); /* a face names a person too */
        }
    }

  g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_CSV, csv, "Petugas", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  text = read_all (csv);
  assert_export_clean ("CSV", text);
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFid,tanggal,"));
  g_clear_pointer (&text, g_free);

  g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_JSON, json, "Petugas", &n, &error));
  g_assert_no_error (error);
  text = read_all (json);
  assert_export_clean ("JSON", text);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *arr;
    g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
    arr = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "testimonials");
    g_assert_cmpuint (json_array_get_length (arr), ==, 3);
  }
  g_clear_pointer (&text, g_free);

  g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_PDF, pdf, "Petugas", &n, &error));
  g_assert_no_error (error);
  text = serah_test_pdf_text (pdf);
    {
      assert_export_clean ("PDF", text);
      /* One quote card a page. */
      g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
      g_assert_cmpuint (g_strv_length (pages) - 1, ==, 3);
    }

  g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_PNG, pngdir, "Petugas", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (pngdir), ==, 3);
  {
    g_autoptr(GDir) d = g_dir_open (pngdir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (pngdir, name, NULL);
        g_autoptr(GdkPixbuf) pix = gdk_pixbuf_new_from_file (path, &error);
        g_assert_no_error (error);
        g_assert_cmpint (gdk_pixbuf_get_width (pix), ==, 1080);
        g_assert_cmpint (gdk_pixbuf_get_height (pix), ==, 1080);
        /* File names carry the testimonial number only. */
        g_assert_true (g_str_has_prefix (name, "testimoni-"));
        for (guint i = 0; i < G_N_ELEMENTS (people); i++)
          g_assert_null (strstr (name, people[i].desa));
      }
  }
  /* Every export is in the audit log, with who made it. */
  {
    SerahAuditFilter filter = { .action = "export.testimonials" };
    g_autoptr(GPtrArray) audit = serah_audit_list (f->store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, ==, 4);
    g_assert_cmpstr (((SerahAuditEvent *) audit->pdata[0])->operator_name, ==, "Petugas");
  }
  /* A pattern with %d names the files. */
  {
    g_autofree char *pattern = g_build_filename (f->dir, "pola", "kartu-%d.png", NULL);
    g_autofree char *first = g_strdup_printf ("%s/pola/kartu-%" G_GINT64_FORMAT ".png", f->dir, anon);
    g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_PNG, pattern, "Petugas", &n, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  }
}

static void
test_export_empty (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *text = NULL;
  guint n = 99;

  g_assert_cmpint (add (f, 0, "RAHASIA", SERAH_CONSENT_NONE, 3, NULL, &error), >, 0);
  g_assert_true (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_CSV, csv, "Petugas", &n, &error));
  g_assert_cmpuint (n, ==, 0);
  text = read_all (csv);
  g_assert_null (strstr (text, "RAHASIA"));
  /* A PDF of nothing is refused rather than written as a blank page. */
  g_assert_false (serah_testimonial_export (f->store, 0, SERAH_TESTIMONIAL_FORMAT_PDF, pdf, "Petugas", &n, &error));
  g_assert_error (error, SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOTHING_TO_EXPORT);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_quote_card_fits (void)
{
  /* A very long quote is cut, never drawn over the attribution: the rows under the quote box
   * (the attribution area, y 745..760 of 1080) keep the background colour. */
  SerahTestimonialPublic t = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1080, 1080);
  cairo_t *cr = cairo_create (s);
  char *tags[] = { NULL };
  guint32 *px;
  int stride;

  for (int i = 0; i < 60; i++)
    g_string_append (text, "Pelayanan sangat baik dan cepat sekali. ");
  t.display_name = (char *) "Peserta JKN-KIS";
  t.anonymous = TRUE;
  t.text = text->str;
  t.tags = tags;
  strcpy (t.date, "2026-11-24");
  serah_quote_card_draw (cr, 1080, &t, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  px = (guint32 *) cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s) / 4;
  for (int y = 735; y < 745; y++)
    for (int x = 300; x < 1000; x++)
      {
        guint32 p = px[y * stride + x];
        /* White text would show as a bright pixel; the background is dark green. */
        g_assert_cmpuint ((p >> 16) & 0xff, <, 0x80);
      }
  cairo_surface_destroy (s);

  {
    g_autofree char *d = serah_quote_card_format_date ("2026-08-17");
    g_assert_cmpstr (d, ==, "17 Agustus 2026");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/serah/testimonial/consent-names", test_consent_names);
  g_test_add ("/serah/testimonial/add-validates", Fixture, NULL, fixture_set_up,
              test_add_validates, fixture_tear_down);
  g_test_add ("/serah/testimonial/add-and-read", Fixture, NULL, fixture_set_up,
              test_add_and_read, fixture_tear_down);
  g_test_add ("/serah/testimonial/consent-history", Fixture, NULL, fixture_set_up,
              test_consent_history, fixture_tear_down);
  g_test_add ("/serah/testimonial/exports-follow-consent", Fixture, NULL, fixture_set_up,
              test_exports_follow_consent, fixture_tear_down);
  g_test_add ("/serah/testimonial/export-empty", Fixture, NULL, fixture_set_up,
              test_export_empty, fixture_tear_down);
  g_test_add_func ("/serah/testimonial/quote-card-fits", test_quote_card_fits);
  return g_test_run ();
}
