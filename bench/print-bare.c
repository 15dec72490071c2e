/* print-bare.c: the baseline of bench/run-print.sh. A bare, hard-coded Cairo + Pango +
 * libqrencode program drawing a KIS-style card (band, title, name, five lines of text, a QR
 * code drawn as an A8 mask) on A4 2 x 5 sheets to PDF, as DESIGN.md describes: no template,
 * no database, no records. Serah's print run is compared against it.
 * Usage: print-bare N OUT.pdf */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>

static void
text (cairo_t *cr, PangoLayout *layout, PangoFontDescription *font, double x, double y,
      const char *s)
{
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, s, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
qr (cairo_t *cr, const char *s, double x, double y, double size)
{
  QRcode *code = QRcode_encodeString (s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  int n = code->width;
  cairo_surface_t *mask = cairo_image_surface_create (CAIRO_FORMAT_A8, n, n);
  unsigned char *px = cairo_image_surface_get_data (mask);
  int stride = cairo_image_surface_get_stride (mask);
  double module = size / (n + 8);
  cairo_pattern_t *pattern;

  for (int r = 0; r < n; r++)
    for (int c = 0; c < n; c++)
      px[r * stride + c] = (code->data[r * n + c] & 1) ? 255 : 0;
  cairo_surface_mark_dirty (mask);
  QRcode_free (code);
  cairo_save (cr);
  cairo_translate (cr, x + 4 * module, y + 4 * module);
  cairo_scale (cr, module, module);
  pattern = cairo_pattern_create_for_surface (mask);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (mask);
  cairo_restore (cr);
}

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 1000;
  cairo_surface_t *pdf = cairo_pdf_surface_create (argc > 2 ? argv[2] : "bare.pdf", 595.28, 841.89);
  cairo_t *cr = cairo_create (pdf);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *bold = pango_font_description_from_string ("DejaVu Sans Bold 9");
  PangoFontDescription *big = pango_font_description_from_string ("DejaVu Sans Bold 12");
  PangoFontDescription *small = pango_font_description_from_string ("DejaVu Sans 6.8");
  char line[128];

  /* Points: 1 mm = 72 / 25.4 pt. */
  cairo_scale (cr, 72 / 25.4, 72 / 25.4);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 25.4);
  pango_layout_context_changed (layout);
  for (int i = 0; i < n; i++)
    {
      int slot = i % 10;
      cairo_save (cr);
      cairo_translate (cr, 15 + (slot % 2) * 95, 13.5 + (slot / 2) * 54);
      cairo_set_source_rgb (cr, 0, 0.41, 0.36);
      cairo_rectangle (cr, 0, 0, 85.6, 12);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      text (cr, layout, bold, 13, 3.3, "KARTU INDONESIA SEHAT");
      cairo_set_source_rgb (cr, 0.15, 0.2, 0.22);
      snprintf (line, sizeof line, "%013d", 1230000000 + i);
      text (cr, layout, big, 4, 18, line);
      snprintf (line, sizeof line, "PESERTA NOMOR %d SAPUTRA", i);
      text (cr, layout, bold, 4, 24.6, line);
      snprintf (line, sizeof line, "NIK 360101********%02d", i % 100);
      text (cr, layout, small, 4, 31, line);
      text (cr, layout, small, 4, 35, "Tgl. Lahir 01-01-1980");
      text (cr, layout, small, 4, 39, "Faskes Tk. I Puskesmas Labuan");
      text (cr, layout, small, 4, 43, "Kelas Rawat Kelas 3");
      snprintf (line, sizeof line, "No. Seri %d", i + 1);
      text (cr, layout, small, 62, 41, line);
      snprintf (line, sizeof line, "SRH1:ABCD:%013d:%d:MZXW6YTBOI3DAMRS", 1230000000 + i, i + 1);
      qr (cr, line, 60.6, 15, 22);
      cairo_restore (cr);
      if (slot == 9 || i == n - 1)
        cairo_show_page (cr);
    }
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cairo_surface_destroy (pdf);
  return 0;
}
