/* serah-quote-card.c: draws a testimonial as a square quote card (Cairo + Pango).
 *
 * Everything is laid out on a 1080-unit square and scaled to the target, so a PNG, a PDF
 * page and the GUI preview look the same. The quote is fitted by shrinking the font until it
 * fits its box; a very long quote is ellipsised at the smallest size rather than overflow.
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <serah/output/serah-output.h>
#include <serah/testimonials/serah-quote-card.h>

#define U 1080.0          /* layout units of the square */
#define MARGIN 96.0
#define QUOTE_TOP 320.0
#define QUOTE_BOTTOM 730.0
#define QUOTE_MAX_PT 66
#define QUOTE_MIN_PT 26
#define BAND_H 128.0

typedef struct { double r, g, b; } Rgb;

/* JKN-KIS greens with a warm accent for the stars. */
static const Rgb deep = { 0.020, 0.361, 0.259 };
static const Rgb fresh = { 0.063, 0.569, 0.373 };
static const Rgb mint = { 0.620, 0.890, 0.741 };
static const Rgb gold = { 0.992, 0.757, 0.176 };
static const Rgb ink = { 0.106, 0.153, 0.141 };

static const char *const months_id[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
};

char *
serah_quote_card_format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%d %s %d", d, months_id[m - 1], y);
}

static void
set_rgb (cairo_t *cr, Rgb c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static PangoLayout *
make_layout (cairo_t *cr, const char *family, int weight, PangoStyle style, double size_units)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  /* Absolute size in user units: the layout scales with the cairo matrix, not with dpi. */
  pango_font_description_set_absolute_size (font, size_units * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static double
show_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double width,
           PangoAlignment align)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_alignment (layout, align);
    }
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
draw_background (cairo_t *cr)
{
  cairo_pattern_t *grad = cairo_pattern_create_linear (0, 0, U, U);

  cairo_pattern_add_color_stop_rgb (grad, 0, deep.r, deep.g, deep.b);
  cairo_pattern_add_color_stop_rgb (grad, 1, fresh.r, fresh.g, fresh.b);
  cairo_set_source (cr, grad);
  cairo_paint (cr);
  cairo_pattern_destroy (grad);

  /* Two soft rings: depth without a photo, and they survive JPEG recompression well. */
  cairo_set_line_width (cr, 60);
  set_rgb (cr, mint, 0.10);
  cairo_arc (cr, U - 40, 120, 260, 0, 2 * G_PI);
  cairo_stroke (cr);
  set_rgb (cr, mint, 0.07);
  cairo_arc (cr, 60, U - 260, 200, 0, 2 * G_PI);
  cairo_stroke (cr);
}

static void
draw_header (cairo_t *cr)
{
  g_autoptr(PangoLayout) kicker = make_layout (cr, "Noto Sans", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 26);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (5 * PANGO_SCALE));
  pango_layout_set_attributes (kicker, attrs);
  pango_layout_set_text (kicker, "TESTIMONI PESERTA", -1);
  pango_layout_get_pixel_size (kicker, &w, &h);

  /* A pill behind the kicker. */
  set_rgb (cr, mint, 0.18);
  cairo_new_sub_path (cr);
  cairo_arc (cr, MARGIN + h / 2.0 + 4, 96 + h / 2.0 + 10, h / 2.0 + 10, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, MARGIN + w + 24 - h / 2.0, 96 + h / 2.0 + 10, h / 2.0 + 10, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, MARGIN + 14, 106);
  pango_cairo_show_layout (cr, kicker);

  /* The opening quotation mark, large and light. */
  {
    g_autoptr(PangoLayout) mark = make_layout (cr, "Noto Serif", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 300);
    set_rgb (cr, mint, 0.55);
    show_text (cr, mark, "\u201C", MARGIN - 20, 110, 0, PANGO_ALIGN_LEFT);
  }
}

/* Fits the quote into its box: the largest size whose height fits, in 2-unit steps. */
static void
draw_quote (cairo_t *cr, const char *text)
{
  const double width = U - 2 * MARGIN;
  const double box = QUOTE_BOTTOM - QUOTE_TOP;
  g_autoptr(PangoLayout) layout = NULL;
  int size, w, h = 0;

  for (size = QUOTE_MAX_PT; size >= QUOTE_MIN_PT; size -= 2)
    {
      g_clear_object (&layout);
      layout = make_layout (cr, "Noto Serif", PANGO_WEIGHT_MEDIUM, PANGO_STYLE_ITALIC, size);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_line_spacing (layout, 1.18);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (h <= box)
        break;
    }
  if (h > box)
    {
      /* Still too long at the smallest size: cut with an ellipsis, never overflow. The limit
       * is given in lines: a height in units ignores the extra line spacing. */
      int lines = pango_layout_get_line_count (layout);
      int fit = MAX (1, (int) (box / ((double) h / lines)));

      pango_layout_set_height (layout, -fit);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &w, &h);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  /* Centred in the box vertically: short quotes sit in the middle, not under the mark. */
  cairo_move_to (cr, MARGIN, QUOTE_TOP + (box - h) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
star_path (cairo_t *cr, double cx, double cy, double r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double rr = (i % 2 == 0) ? r : r * 0.45;
      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

static void
draw_stars (cairo_t *cr, int rating, double right, double cy)
{
  const double r = 17, step = 42;

  for (int i = 0; i < 5; i++)
    {
      star_path (cr, right - (4 - i) * step - r, cy, r);
      if (i < rating)
        set_rgb (cr, gold, 1);
      else
        set_rgb (cr, mint, 0.30);
      cairo_fill (cr);
    }
}

static gboolean
draw_photo (cairo_t *cr, const char *path, double cx, double cy, double r)
{
  g_autoptr(GdkPixbuf) pix = NULL;
  g_autoptr(GdkPixbuf) square = NULL;
  int w, h, side;

  if (path == NULL)
    return FALSE;
  pix = gdk_pixbuf_new_from_file_at_scale (path, 480, 480, TRUE, NULL);
  if (pix == NULL)
    return FALSE;
  w = gdk_pixbuf_get_width (pix);
  h = gdk_pixbuf_get_height (pix);
  side = MIN (w, h);
  square = gdk_pixbuf_new_subpixbuf (pix, (w - side) / 2, (h - side) / 2, side, side);

  cairo_save (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_clip (cr);
  cairo_translate (cr, cx - r, cy - r);
  cairo_scale (cr, 2 * r / side, 2 * r / side);
  {
    /* Copy the pixels into a Cairo surface (premultiplied ARGB) by hand: gdk-pixbuf's own
     * helper for this lives in GDK, which the core library must not link. */
    cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
    const guchar *src = gdk_pixbuf_read_pixels (square);
    int n = gdk_pixbuf_get_n_channels (square), stride = gdk_pixbuf_get_rowstride (square);
    guchar *dst = cairo_image_surface_get_data (img);
    int dstride = cairo_image_surface_get_stride (img);

    cairo_surface_flush (img);
    for (int y = 0; y < side; y++)
      for (int x = 0; x < side; x++)
        {
          const guchar *p = src + y * stride + x * n;
          guint32 *q = (guint32 *) (dst + y * dstride) + x;
          *q = 0xff000000u | ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
        }
    cairo_surface_mark_dirty (img);
    cairo_set_source_surface (cr, img, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
    cairo_paint (cr);
    cairo_surface_destroy (img);
  }
  cairo_restore (cr);

  cairo_set_line_width (cr, 6);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  return TRUE;
}

static void
draw_attribution (cairo_t *cr, const SerahTestimonialPublic *t)
{
  const double top = 770;
  double x = MARGIN;
  g_autoptr(PangoLayout) name = make_layout (cr, "Noto Sans", PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 42);
  g_autoptr(PangoLayout) place = make_layout (cr, "Noto Sans", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 27);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *date = serah_quote_card_format_date (t->date);
  double text_w;

  /* A short rule ties the attribution to the quote. */
  set_rgb (cr, gold, 1);
  cairo_rectangle (cr, MARGIN, top - 22, 90, 6);
  cairo_fill (cr);

  if (!t->anonymous && draw_photo (cr, t->photo_path, MARGIN + 58, top + 62, 58))
    x += 140;
  text_w = U - MARGIN - x;

  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb (cr, 1, 1, 1);
  show_text (cr, name, t->display_name, x, top + 4, text_w, PANGO_ALIGN_LEFT);

  if (t->desa != NULL && *t->desa != '\0')
    g_string_append_printf (where, "Desa %s", t->desa);
  if (t->kecamatan != NULL && *t->kecamatan != '\0')
    g_string_append_printf (where, "%sKec. %s", where->len ? ", " : "", t->kecamatan);
  if (*date != '\0')
    g_string_append_printf (where, "%s%s", where->len ? "  \u00B7  " : "", date);
  pango_layout_set_ellipsize (place, PANGO_ELLIPSIZE_END);
  set_rgb (cr, mint, 1);
  show_text (cr, place, where->str, x, top + 64, text_w, PANGO_ALIGN_LEFT);

  /* The stars share the line of the rule, so name and place keep the full width. */
  if (t->rating > 0)
    draw_stars (cr, t->rating, U - MARGIN, top - 19);

  if (t->tags != NULL && t->tags[0] != NULL)
    {
      g_autoptr(GString) tags = g_string_new (NULL);
      g_autoptr(PangoLayout) tl = make_layout (cr, "Noto Sans", PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, 24);
      for (guint i = 0; t->tags[i] != NULL; i++)
        g_string_append_printf (tags, "%s#%s", i ? "  " : "", t->tags[i]);
      pango_layout_set_ellipsize (tl, PANGO_ELLIPSIZE_END);
      set_rgb (cr, mint, 0.8);
      show_text (cr, tl, tags->str, x, top + 108, text_w, PANGO_ALIGN_LEFT);
    }
}

static void
draw_band (cairo_t *cr, const char *office)
{
  const double y = U - BAND_H;
  g_autoptr(PangoLayout) brand = make_layout (cr, "Noto Sans", PANGO_WEIGHT_HEAVY, PANGO_STYLE_NORMAL, 50);
  g_autoptr(PangoLayout) line = make_layout (cr, "Noto Sans", PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 23);
  int bw, bh;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, y, U, BAND_H);
  cairo_fill (cr);
  set_rgb (cr, gold, 1);
  cairo_rectangle (cr, 0, y, U, 8);
  cairo_fill (cr);

  pango_layout_set_text (brand, "JKN-KIS", -1);
  pango_layout_get_pixel_size (brand, &bw, &bh);
  set_rgb (cr, deep, 1);
  cairo_move_to (cr, MARGIN, y + 4 + (BAND_H - bh) / 2);
  pango_cairo_show_layout (cr, brand);

  set_rgb (cr, fresh, 1);
  cairo_rectangle (cr, MARGIN + bw + 28, y + 34, 4, BAND_H - 60);
  cairo_fill (cr);

  set_rgb (cr, ink, 1);
  pango_layout_set_ellipsize (line, PANGO_ELLIPSIZE_END);
  show_text (cr, line, "Jaminan Kesehatan Nasional \u2013 Kartu Indonesia Sehat",
             MARGIN + bw + 56, y + 30, U - 2 * MARGIN - bw - 56, PANGO_ALIGN_LEFT);
  set_rgb (cr, ink, 0.65);
  show_text (cr, line, office && *office ? office : "Dinas Kesehatan",
             MARGIN + bw + 56, y + 66, U - 2 * MARGIN - bw - 56, PANGO_ALIGN_LEFT);
}

void
serah_quote_card_draw (cairo_t *cr, double size, const SerahTestimonialPublic *t,
                       const char *office)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (t != NULL);

  cairo_save (cr);
  cairo_scale (cr, size / U, size / U);
  cairo_rectangle (cr, 0, 0, U, U);
  cairo_clip (cr);
  draw_background (cr);
  draw_header (cr);
  draw_quote (cr, t->text ? t->text : "");
  draw_attribution (cr, t);
  draw_band (cr, office);
  cairo_restore (cr);
}

static gboolean
check_surface (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
serah_quote_card_write_png (const SerahTestimonialPublic *t, const char *office,
                            const char *path, GError **error)
{
  g_autoptr(SerahOutput) out = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (t != NULL && path != NULL, FALSE);

  out = serah_output_begin (path, SERAH_OUTPUT_REPLACE, error);
  if (out == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SERAH_QUOTE_CARD_PX, SERAH_QUOTE_CARD_PX);
  cr = cairo_create (surface);
  serah_quote_card_draw (cr, SERAH_QUOTE_CARD_PX, t, office);
  cairo_destroy (cr);
  errno = 0;
  status = cairo_surface_write_to_png (surface, serah_output_get_temp_path (out));
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      serah_output_set_errno_error (error, errno ? errno : EIO, path);
      return FALSE;
    }
  return serah_output_commit (out, error);
}

gboolean
serah_quote_card_write_pdf (GPtrArray *list, const char *office, const char *path,
                            GError **error)
{
  g_autoptr(SerahOutput) out = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (list != NULL && path != NULL, FALSE);

  out = serah_output_begin (path, SERAH_OUTPUT_REPLACE, error);
  if (out == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (serah_output_get_temp_path (out), SERAH_QUOTE_CARD_PDF_PT,
                                      SERAH_QUOTE_CARD_PDF_PT);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Testimoni peserta JKN-KIS");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Serah " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < list->len; i++)
    {
      serah_quote_card_draw (cr, SERAH_QUOTE_CARD_PDF_PT, list->pdata[i], office);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok && serah_output_commit (out, error);
}
