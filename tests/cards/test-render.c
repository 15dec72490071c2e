/* test-render.c: the card renderer: QR codes that decode (with libzbar) and verify, text that
 * shrinks, wraps and ellipsizes without ever leaving its box, and the sheet transforms. */
#include "config.h"

#include <string.h>
#include <zbar.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

#define PX_PER_MM (150 / 25.4) /* what the end-to-end test rasterises at */

static const char *const long_name =
  "Raden Ajeng Siti Nurhaliza Kusumawardhani Binti Muhammad Abdurrahman Syafe'i Al-Bantani";

/* Renders side of a card with data into a white image at px_per_mm. */
static cairo_surface_t *
render_card (SerahCardRenderer *r, SerahCardSide side, const SerahCardData *data, double px_per_mm)
{
  SerahCardTemplate *t = serah_card_renderer_get_template (r);
  g_autoptr(GError) error = NULL;
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  serah_card_template_get_size (t, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * px_per_mm),
                                        (int) (h * px_per_mm));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, px_per_mm, px_per_mm);
  g_assert_true (serah_card_renderer_draw (r, cr, side, data, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Every QR code zbar finds in an RGB24 image, as a NULL-terminated list. */
static GStrv
decode_qr (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  g_autofree guint8 *gray = g_malloc ((gsize) w * h);
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  zbar_image_scanner_t *scanner = zbar_image_scanner_create ();
  zbar_image_t *image = zbar_image_create ();

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        gray[y * w + x] = (guint8) ((((px >> 16) & 0xff) * 30 + ((px >> 8) & 0xff) * 59 +
                                     (px & 0xff) * 11) / 100);
      }
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, w, h);
  zbar_image_set_data (image, gray, (unsigned long) w * h, NULL);
  zbar_scan_image (scanner, image);
  for (const zbar_symbol_t *s = zbar_image_first_symbol (image); s; s = zbar_symbol_next (s))
    g_strv_builder_add (found, zbar_symbol_get_data (s));
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return g_strv_builder_end (found);
}

static void
test_qr_round_trip (void)
{
  const char *texts[] = { "SRH1:K3QZ:0001234567890:1:MZXW6YTBOI3DAMRS",
                          "SRU1:AAAA:0009876543210:123456789:ABCDEFGHIJKLMNOP",
                          "hello, Ma'ruf" };
  const char levels[] = { 'L', 'M', 'Q', 'H' };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
      {
        g_autoptr(GError) error = NULL;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, 160);
        cairo_t *cr = cairo_create (surface);
        g_auto(GStrv) found = NULL;

        cairo_set_source_rgb (cr, 0.8, 0.9, 0.9); /* a tinted panel: the quiet zone stays white */
        cairo_paint (cr);
        cairo_scale (cr, PX_PER_MM, PX_PER_MM);
        g_assert_true (serah_render_qr (cr, texts[i], levels[l], 2, 2, 22, 4, &error));
        g_assert_no_error (error);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        found = decode_qr (surface);
        g_assert_cmpuint (g_strv_length (found), ==, 1);
        g_assert_cmpstr (found[0], ==, texts[i]);
        cairo_surface_destroy (surface);
      }
}

typedef struct {
  char              *dir;
  SerahStore        *store;
  SerahCardTemplate *kis;
  SerahCardRenderer *renderer;
  SerahParticipant  *p;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  f->p = serah_test_participant ("3601010101800001", "0001234567890", "Ma'ruf Hidayat", "Caringin");
  f->p->faskes = g_strdup ("Puskesmas Labuan");
  g_assert_true (serah_store_upsert_participant (f->store, f->p, 0, NULL, &error));
  f->kis = serah_card_template_load ("kis", &error);
  g_assert_no_error (error);
  f->renderer = serah_card_renderer_new (f->kis);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  serah_card_renderer_free (f->renderer);
  serah_card_template_unref (f->kis);
  serah_participant_free (f->p);
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* A card printed and signed for real, rendered at 150 dpi: its QR decodes to the payload,
 * which verifies; one changed character does not. */
static void
test_card_qr_verifies (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  SerahPrintRun run = { .kind = SERAH_PRINT_RUN_BATCH, .template_name = "kis",
                       .sheet_name = "cr80" };
  g_autofree char *payload = NULL;
  g_auto(GStrv) found = NULL;
  g_autoptr(SerahParticipant) who = NULL;
  cairo_surface_t *surface;
  gint64 serial;

  g_assert_true (serah_store_insert_print_run (f->store, &run, &error));
  serial = serah_store_insert_printed_card (f->store, run.id, f->p->id, 1, 1, "Caringin", 1, 0,
                                            &error);
  payload = serah_payload_encode (f->store, SERAH_PAYLOAD_CARD, f->p->card_no, serial, &error);
  g_assert_no_error (error);

  surface = render_card (f->renderer, SERAH_CARD_FRONT,
                         &(SerahCardData) { f->p, serial, payload, 1, 1, NULL, -1 }, PX_PER_MM);
  found = decode_qr (surface);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, payload);

  who = serah_payload_verify (f->store, found[0], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (who->name, ==, "Ma'ruf Hidayat");

  /* Tampered: the serial digit changed. */
  {
    g_autofree char *bad = g_strdup (found[0]);
    g_autoptr(SerahParticipant) none = NULL;
    char *serial_part = strstr (bad, ":0001234567890:") + 15;
    *serial_part = *serial_part == '9' ? '8' : *serial_part + 1;
    none = serah_payload_verify (f->store, bad, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_FORGED);
  }
}

static void
assert_inside (const SerahRect *inner, const SerahRect *outer, const char *what)
{
  const double eps = 1e-3;
  if (inner->x < outer->x - eps || inner->y < outer->y - eps ||
      inner->x + inner->width > outer->x + outer->width + eps ||
      inner->y + inner->height > outer->y + outer->height + eps)
    g_error ("%s: ink %.3f,%.3f %.3fx%.3f leaves the box %.3f,%.3f %.3fx%.3f", what, inner->x,
             inner->y, inner->width, inner->height, outer->x, outer->y, outer->width,
             outer->height);
}

static void
test_text_fits (Fixture *f, gconstpointer unused)
{
  SerahTextPlacement place;
  SerahCardData data = { f->p, 12345, NULL, 1, 1, NULL, -1 };

  /* A short name keeps its size and one line. */
  g_assert_true (serah_card_renderer_place_text (f->renderer, SERAH_CARD_FRONT, "name", &data,
                                                 &place));
  g_assert_cmpfloat (place.size_pt, ==, 9.5);
  g_assert_cmpint (place.lines, ==, 1);
  g_assert_false (place.ellipsized);
  assert_inside (&place.ink, &place.box, "short name");

  /* A long one shrinks to the minimum, wraps to two lines and ends in an ellipsis, and its
   * ink stays in the box. */
  g_free (f->p->name);
  f->p->name = g_strdup (long_name);
  g_assert_true (serah_card_renderer_place_text (f->renderer, SERAH_CARD_FRONT, "name", &data,
                                                 &place));
  g_assert_cmpfloat (place.size_pt, ==, 5.5);
  g_assert_cmpint (place.lines, ==, 2);
  g_assert_true (place.ellipsized);
  g_assert_cmpint (place.outcome, ==, SERAH_FIT_ELLIPSIZED);
  assert_inside (&place.ink, &place.box, "long name");
  assert_inside (&place.logical, &place.box, "long name (logical)");

  /* A somewhat long name only shrinks. */
  g_free (f->p->name);
  f->p->name = g_strdup ("Muhammad Abdurrahman Saputra");
  g_assert_true (serah_card_renderer_place_text (f->renderer, SERAH_CARD_FRONT, "name", &data,
                                                 &place));
  g_assert_cmpfloat (place.size_pt, <, 9.5);
  g_assert_cmpfloat (place.size_pt, >=, 5.5);
  g_assert_cmpint (place.lines, ==, 1);
  g_assert_false (place.ellipsized);
  assert_inside (&place.ink, &place.box, "longer name");
}

/* Every text element of both sides, with every field as long as it gets, stays in its box. */
static void
test_every_text_fits (Fixture *f, gconstpointer unused)
{
  SerahCardData data = { f->p, 9999999999, NULL, 999, 999, NULL, 1 };
  guint checked = 0;

  g_free (f->p->name);
  f->p->name = g_strdup (long_name);
  g_free (f->p->faskes);
  f->p->faskes = g_strdup ("Klinik Pratama Rawat Inap Sehat Sejahtera Bersama Masyarakat "
                           "Pandeglang");
  f->p->address = g_strdup ("Kp. Sukamanah Girang RT 012/RW 007, Desa Kadubungbang");
  for (guint i = 0; i < serah_card_template_get_n_elements (f->kis); i++)
    {
      SerahTemplateElement e;
      SerahTextPlacement place;

      serah_card_template_get_element (f->kis, i, &e);
      if (strcmp (e.type, "text") != 0)
        continue;
      g_assert_true (serah_card_renderer_place_text (f->renderer, e.side, e.id, &data, &place));
      assert_inside (&place.ink, &place.box, e.id);
      checked++;
    }
  g_assert_cmpuint (checked, >, 15);
}

/* The proof on paper: rasterised large, a long name inks nothing outside its box. */
static void
test_no_ink_outside_box (void)
{
  const char *text = "[Card]\nWidth=60\nHeight=30\nSafeMargin=2\n"
                     "[front:name]\nType=text\nText={name}\nX=5\nY=10\nWidth=40\nHeight=6\n"
                     "Size=14\nMinSize=7\nWeight=bold\nItalic=true\nOverflow=wrap\nMaxLines=2\n";
  const double px = 20;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) t = serah_card_template_load_data (text, -1, "/tmp/n.card", &error);
  g_autoptr(SerahParticipant) p = serah_test_participant ("3601010101800001", "0001234567890",
                                                          long_name, "Caringin");
  SerahCardRenderer *r;
  cairo_surface_t *surface;
  const guint8 *data;
  int w, h, stride, inside = 0;

  g_assert_no_error (error);
  r = serah_card_renderer_new (t);
  surface = render_card (r, SERAH_CARD_FRONT, &(SerahCardData) { p, 0, NULL, 0, 0, NULL, -1 }, px);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean ink = (*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) != 0xffffff;
        gboolean in_box = x >= 5 * px - 1 && x < 45 * px + 1 && y >= 10 * px - 1 && y < 16 * px + 1;
        if (ink && !in_box)
          g_error ("ink at pixel %d,%d outside the box", x, y);
        inside += ink;
      }
  g_assert_cmpint (inside, >, 1000);
  cairo_surface_destroy (surface);
  serah_card_renderer_free (r);
}

static void
test_unicode_names (Fixture *f, gconstpointer unused)
{
  const char *names[] = { "Ma'ruf Amin", "Đặng Thị Ngọc Hân", "Nur 'Aini", "Ñoño Çağlar",
                          "Siti Khadijah \u2019Ulya" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      SerahTextPlacement place;
      SerahCardData data = { f->p, 1, NULL, 1, 1, NULL, -1 };
      cairo_surface_t *surface;

      g_free (f->p->name);
      f->p->name = g_strdup (names[i]);
      g_assert_true (serah_card_renderer_place_text (f->renderer, SERAH_CARD_FRONT, "name", &data,
                                                     &place));
      g_assert_cmpint (place.lines, ==, 1);
      g_assert_false (place.ellipsized);
      assert_inside (&place.ink, &place.box, names[i]);
      surface = render_card (f->renderer, SERAH_CARD_FRONT, &data, 4);
      cairo_surface_destroy (surface);
    }
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a), stride = cairo_image_surface_get_stride (a);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) h * stride) == 0;
}

/* The renderer caches layouts and static layers: drawing B between two A's must not leave
 * anything of B in the second A. */
static void
test_cache_is_clean (Fixture *f, gconstpointer unused)
{
  g_autoptr(SerahParticipant) other = serah_test_participant ("3601014101900002", "0001234567891",
                                                              long_name, "Cigondang");
  SerahCardData a = { f->p, 1, "SRH1:AAAA:0001234567890:1:AAAAAAAAAAAAAAAA", 1, 2, NULL, -1 };
  SerahCardData b = { other, 2, "SRH1:AAAA:0001234567891:2:BBBBBBBBBBBBBBBB", 2, 2, NULL, 1 };
  cairo_surface_t *first = render_card (f->renderer, SERAH_CARD_FRONT, &a, 4);
  cairo_surface_t *middle = render_card (f->renderer, SERAH_CARD_FRONT, &b, 4);
  cairo_surface_t *again = render_card (f->renderer, SERAH_CARD_FRONT, &a, 4);

  g_assert_false (same_pixels (first, middle));
  g_assert_true (same_pixels (first, again));
  cairo_surface_destroy (first);
  cairo_surface_destroy (middle);
  cairo_surface_destroy (again);
}

static void
test_sheet_transforms (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSheet) a4 = serah_sheet_load ("a4-2x5", &error);
  g_autoptr(SerahSheet) badge = serah_sheet_load ("a4-3x3", &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);
  SerahCalibration calibration = { 1.5, -0.5, 1.01, 0.99 };
  double x, y;
  SerahRect r;

  g_assert_no_error (error);
  /* The card is centred in its slot: 85.6 mm in 85 mm overhangs 0.3 mm each side. */
  r = serah_render_card_in_slot (a4, f->kis, 0);
  g_assert_cmpfloat_with_epsilon (r.x, 14.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.y, 13.51, 1e-9);

  /* Front of slot 0 (left column) ... */
  cairo_save (cr);
  serah_render_enter_slot (cr, a4, f->kis, 0, FALSE);
  x = y = 0;
  cairo_user_to_device (cr, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 14.7, 1e-9);
  cairo_restore (cr);
  /* ... and its back, mirrored into the right column for a long-edge flip. */
  cairo_save (cr);
  serah_render_enter_slot (cr, a4, f->kis, 0, TRUE);
  x = y = 0;
  cairo_user_to_device (cr, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 210 - 14.7 - 85.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 13.51, 1e-9);
  cairo_restore (cr);

  /* Badges: a quarter turn, the card's top-left corner at the slot's top-right. */
  cairo_save (cr);
  serah_render_enter_slot (cr, badge, f->kis, 0, FALSE);
  r = serah_render_card_in_slot (badge, f->kis, 0);
  x = y = 0;
  cairo_user_to_device (cr, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, r.x + r.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, r.y, 1e-9);
  x = 85.6;
  y = 53.98;
  cairo_user_to_device (cr, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, r.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, r.y + r.height, 1e-9);
  cairo_restore (cr);

  /* Calibration: drawn = offset + scale * designed. */
  serah_render_apply_calibration (cr, &calibration);
  x = 100;
  y = 200;
  cairo_user_to_device (cr, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1.5 + 101, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, -0.5 + 198, 1e-9);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/render/qr-round-trip", test_qr_round_trip);
  g_test_add_func ("/serah/render/no-ink-outside-box", test_no_ink_outside_box);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/serah/render/card-qr-verifies", test_card_qr_verifies);
  ADD ("/serah/render/text-fits", test_text_fits);
  ADD ("/serah/render/every-text-fits", test_every_text_fits);
  ADD ("/serah/render/unicode-names", test_unicode_names);
  ADD ("/serah/render/cache-is-clean", test_cache_is_clean);
  ADD ("/serah/render/sheet-transforms", test_sheet_transforms);
  return g_test_run ();
}
