/* fuzz-template.c: any bytes as a card template and as a sheet, loaded from a file the way
 * "serah-cli print --template FILE.card" does, then used the way a print job uses them.
 *
 * A template either loads or is refused with an error naming what is wrong (valid UTF-8);
 * a loaded card is drawn, front and back, for a real participant with a real QR payload
 * (the renderer must cope with whatever geometry and text the loader accepted), its text
 * placed, and checked against a sheet; a loaded sheet has its slots, crop marks and
 * calibration page drawn for a real card. The scratch folder holds logo.svg and logo.png,
 * so File= lines can name images that exist. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <serah/cards/serah-render.h>
#include <serah/cards/serah-template.h>

#include "fuzz-common.h"

/* Drawing at 2 px/mm keeps each iteration cheap and still runs every path. */
#define PX_PER_MM 2.0

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  SerahParticipant  *participant;
  char              *payload;
  GHashTable        *extra;
  SerahCardTemplate *kis;
  SerahSheet        *a4;
} Fixture;

static Fixture *
fixture (void)
{
  static Fixture f;

  if (f.participant == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = g_build_filename (SERAH_SOURCE_DIR, "print-templates", "logo.svg", NULL);
      g_autofree char *svg_copy = fuzz_path ("logo.svg");
      g_autofree char *png_copy = fuzz_path ("logo.png");
      g_autofree char *text = NULL;
      gsize len;
      cairo_surface_t *png;

      g_assert (g_file_get_contents (svg, &text, &len, &error));
      g_assert (g_file_set_contents (svg_copy, text, (gssize) len, &error));
      png = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
      g_assert (cairo_surface_write_to_png (png, png_copy) == CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (png);

      f.participant = serah_participant_new ();
      g_strlcpy (f.participant->nik, "3601054211000037", sizeof f.participant->nik);
      g_strlcpy (f.participant->card_no, "0001230000037", sizeof f.participant->card_no);
      f.participant->name = g_strdup ("Hj. Siti Nurhayati binti Muhammad Abdurrahman Wahid");
      f.participant->sex = SERAH_SEX_FEMALE;
      g_strlcpy (f.participant->birth_date, "2000-11-02", sizeof f.participant->birth_date);
      f.participant->address = g_strdup ("Kp. Batubantar RT 009/RW 006");
      f.participant->desa = g_strdup ("Batubantar");
      f.participant->kecamatan = g_strdup ("Cimanuk");
      f.participant->faskes = g_strdup ("Puskesmas Cimanuk");
      f.participant->care_class = 3;
      f.payload = g_strdup ("SRH1.0001230000037.12.Q2X7ZJ4MN5K3A");
      f.extra = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (f.extra, "office", "Dinas Kesehatan Kabupaten Pandeglang");
      g_hash_table_insert (f.extra, "print_date", "20 Agustus 2025");
      g_hash_table_insert (f.extra, "ceremony_name", "Penyerahan KIS Cimanuk");
      g_hash_table_insert (f.extra, "ceremony_date", "20 Agustus 2025");
      g_hash_table_insert (f.extra, "ceremony_place", "Aula Kecamatan");
      /* An installed Serah compiles in no source path: the shipped templates are found through
       * SERAH_TEMPLATES_DIR, as in the tests. */
      {
        g_autofree char *templates = g_build_filename (SERAH_SOURCE_DIR, "print-templates", NULL);
        g_setenv ("SERAH_TEMPLATES_DIR", templates, FALSE);
      }
      f.kis = serah_card_template_load ("kis", &error);
      g_assert_no_error (error);
      f.a4 = serah_sheet_load ("a4-2x5", &error);
      g_assert_no_error (error);
    }
  return &f;
}

static void
check_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == SERAH_TEMPLATE_ERROR);
  g_assert (g_utf8_validate (error->message, -1, NULL));
}

static void
exercise_card (Fixture *f, SerahCardTemplate *card)
{
  g_autoptr(GError) sheet_error = NULL;
  SerahCardRenderer *renderer = serah_card_renderer_new (card);
  SerahCardData data = {
    .participant = f->participant, .serial = 12, .payload = f->payload, .stack_index = 3,
    .stack_total = 40, .extra = f->extra, .nik_display = -1,
  };
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  serah_card_template_get_size (card, &width, &height);
  g_assert (isfinite (width) && isfinite (height) && width > 0 && height > 0);
  g_assert (g_utf8_validate (serah_card_template_get_title (card), -1, NULL));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil ((width + 10) * PX_PER_MM),
                                        (int) ceil ((height + 10) * PX_PER_MM));
  g_assert (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS);
  cr = cairo_create (surface);
  cairo_scale (cr, PX_PER_MM, PX_PER_MM);
  cairo_translate (cr, 5, 5);

  for (int side = SERAH_CARD_FRONT; side <= SERAH_CARD_BACK; side++)
    {
      g_autoptr(GError) error = NULL;

      if (side == SERAH_CARD_BACK && !serah_card_template_has_back (card))
        break;
      /* With the payload, and as the preview (no payload, full NIK) draws it. */
      if (!serah_card_renderer_draw (renderer, cr, side, &data, &error))
        g_assert (error != NULL && g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      data.payload = NULL;
      data.nik_display = 1;
      if (!serah_card_renderer_draw (renderer, cr, side, &data, &error))
        g_assert (error != NULL);
      data.payload = f->payload;
      data.nik_display = -1;
    }
  for (guint i = 0; i < serah_card_template_get_n_elements (card); i++)
    {
      SerahTemplateElement e;
      SerahTextPlacement placement;

      g_assert (serah_card_template_get_element (card, i, &e));
      g_assert (isfinite (e.box.x) && isfinite (e.box.y) && isfinite (e.box.width) &&
                isfinite (e.box.height));
      if (g_strcmp0 (e.type, "text") == 0 &&
          serah_card_renderer_place_text (renderer, e.side, e.id, &data, &placement))
        g_assert (isfinite (placement.size_pt) && placement.lines >= 0);
    }
  /* On a sheet: fits or says why, and is drawn into a slot either way. */
  if (!serah_sheet_check_card (f->a4, card, &sheet_error))
    check_error (sheet_error);
  serah_render_enter_slot (cr, f->a4, card, 0, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  serah_card_renderer_free (renderer);
}

static void
exercise_sheet (Fixture *f, SerahSheet *sheet)
{
  g_autoptr(GError) error = NULL;
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;

  serah_sheet_get_paper_size (sheet, &width, &height);
  g_assert (isfinite (width) && isfinite (height) && width > 0 && height > 0);
  g_assert (serah_sheet_get_n_slots (sheet) == serah_sheet_get_columns (sheet) * serah_sheet_get_rows (sheet));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * 0.5) + 1,
                                        (int) ceil (height * 0.5) + 1);
  cr = cairo_create (surface);
  cairo_scale (cr, 0.5, 0.5);
  for (guint slot = 0; slot < serah_sheet_get_n_slots (sheet); slot++)
    {
      SerahRect r = serah_sheet_get_slot (sheet, slot);

      g_assert (isfinite (r.x) && isfinite (r.y) && r.width > 0 && r.height > 0);
      serah_render_slot_outline (cr, sheet, slot, f->kis);
    }
  if (!serah_sheet_check_card (sheet, f->kis, &error))
    check_error (error);
  serah_render_crop_marks (cr, sheet, f->kis);
  serah_render_calibration_page (cr, sheet, "fuzz", NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Fixture *f = fixture ();
  g_autofree char *card_path = fuzz_write_input ("fuzz.card", data, size);
  g_autofree char *sheet_path = fuzz_write_input ("fuzz.sheet", data, size);
  g_autoptr(GError) card_error = NULL;
  g_autoptr(GError) sheet_error = NULL;
  g_autoptr(SerahCardTemplate) card = serah_card_template_load (card_path, &card_error);
  g_autoptr(SerahSheet) sheet = serah_sheet_load (sheet_path, &sheet_error);

  g_assert ((card == NULL) == (card_error != NULL));
  g_assert ((sheet == NULL) == (sheet_error != NULL));
  if (card != NULL)
    exercise_card (f, card);
  else
    check_error (card_error);
  if (sheet != NULL)
    exercise_sheet (f, sheet);
  else
    check_error (sheet_error);
  return 0;
}
