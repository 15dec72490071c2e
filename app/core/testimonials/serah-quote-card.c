/* serah-quote-card.c: draws a testimonial as a square quote card (Cairo + Pango).
 *
 * Everything is laid out on a 1080-unit square and scaled to the target, so a PNG, a PDF
 * page and the GUI preview look the same. Every text goes through the shared fitting routine
 * (output/serah-text-fit.h): the quote shrinks until it fits its box, the name may take two
 * lines. What still does not fit is noted in a SerahFitReport, and the writers refuse such a
 * card with a message naming the testimonial: a quote cut with "…" would put words in a
 * person's mouth that they did not say, so it is never published silently.
 */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <serah/testimonials/serah-quote-card.h>
#include <serah/output/serah-fonts.h>

#include "output/serah-text-fit.h"

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
  PangoLayout *layout = serah_fonts_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  /* 72 "dpi": a point is a unit of the square, as the fitting routine sets sizes in points. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);

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
  g_autoptr(PangoLayout) kicker = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 26);
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
    g_autoptr(PangoLayout) mark = make_layout (cr, SERAH_FONT_SERIF, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 300);
    set_rgb (cr, mint, 0.55);
    show_text (cr, mark, "\u201C", MARGIN - 20, 110, 0, PANGO_ALIGN_LEFT);
  }
}

/* Fits text into a box through the shared routine, draws it in the current source and notes
 * the outcome; returns the height used. */
static double
fit_show (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double w,
          double h, double size, double min_size, int max_lines, SerahFitReport *report,
          const char *field)
{
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_layout_get_font_description (layout));
  SerahFitStyle style = { size, min_size, SERAH_FIT_POLICY_TEXT, max_lines, PANGO_ALIGN_LEFT,
                          SERAH_FIT_VALIGN_TOP };
  SerahFitBox box = { x, y, w, h };
  SerahTextFit fit;

  pango_layout_set_text (layout, text, -1);
  serah_text_fit (layout, desc, &style, &box, &fit);
  serah_text_fit_note (report, field, text, &fit);
  cairo_move_to (cr, fit.x, fit.y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  return fit.logical.height / (double) PANGO_SCALE;
}

/* Fits the quote into its box: wrapped at the box's width, shrunk until its lines fit, down
 * to QUOTE_MIN_PT; beyond that ellipsized, noted, and refused by the writers. */
static void
draw_quote (cairo_t *cr, const char *text, SerahFitReport *report)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, SERAH_FONT_SERIF, PANGO_WEIGHT_MEDIUM,
                                               PANGO_STYLE_ITALIC, QUOTE_MAX_PT);
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_layout_get_font_description (layout));
  SerahFitStyle style = { QUOTE_MAX_PT, QUOTE_MIN_PT, SERAH_FIT_POLICY_PARAGRAPH, 0,
                          PANGO_ALIGN_LEFT, SERAH_FIT_VALIGN_MIDDLE };
  /* Centred in the box vertically: short quotes sit in the middle, not under the mark. */
  SerahFitBox box = { MARGIN, QUOTE_TOP, U - 2 * MARGIN, QUOTE_BOTTOM - QUOTE_TOP };
  SerahTextFit fit;

  pango_layout_set_line_spacing (layout, 1.18);
  pango_layout_set_text (layout, text, -1);
  serah_text_fit (layout, desc, &style, &box, &fit);
  serah_text_fit_note (report, "quote", text, &fit);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, fit.x, fit.y);
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
draw_attribution (cairo_t *cr, const SerahTestimonialPublic *t, SerahFitReport *report)
{
  const double top = 770;
  double x = MARGIN;
  g_autoptr(PangoLayout) name = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, 42);
  g_autoptr(PangoLayout) place = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 27);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *date = serah_quote_card_format_date (t->date);
  double text_w, y;

  /* A short rule ties the attribution to the quote. */
  set_rgb (cr, gold, 1);
  cairo_rectangle (cr, MARGIN, top - 22, 90, 6);
  cairo_fill (cr);

  if (!t->anonymous && draw_photo (cr, t->photo_path, MARGIN + 58, top + 62, 58))
    x += 140;
  text_w = U - MARGIN - x;

  /* A long name with titles and bin/binti shrinks, then takes two lines; the place and the
   * tags follow below it. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  y = top + 4;
  y += fit_show (cr, name, t->display_name, x, y, text_w, 80, 42, 26, 2, report, "name") + 6;

  if (t->desa != NULL && *t->desa != '\0')
    g_string_append_printf (where, "Desa %s", t->desa);
  if (t->kecamatan != NULL && *t->kecamatan != '\0')
    g_string_append_printf (where, "%sKec. %s", where->len ? ", " : "", t->kecamatan);
  if (*date != '\0')
    g_string_append_printf (where, "%s%s", where->len ? "  \u00B7  " : "", date);
  set_rgb (cr, mint, 1);
  if (where->len > 0)
    y += fit_show (cr, place, where->str, x, y, text_w, 40, 27, 18, 1, report, "place") + 6;

  /* The stars share the line of the rule, so name and place keep the full width. */
  if (t->rating > 0)
    draw_stars (cr, t->rating, U - MARGIN, top - 19);

  if (t->tags != NULL && t->tags[0] != NULL)
    {
      g_autoptr(GString) tags = g_string_new (NULL);
      g_autoptr(PangoLayout) tl = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL, 24);
      for (guint i = 0; t->tags[i] != NULL; i++)
        g_string_append_printf (tags, "%s#%s", i ? "  " : "", t->tags[i]);
      set_rgb (cr, mint, 0.8);
      fit_show (cr, tl, tags->str, x, y, text_w, MAX (U - BAND_H - 8 - y, 20), 24, 16, 1, report,
                "tags");
    }
}

static void
draw_band (cairo_t *cr, const char *office, SerahFitReport *report)
{
  const double y = U - BAND_H;
  g_autoptr(PangoLayout) brand = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_HEAVY, PANGO_STYLE_NORMAL, 50);
  g_autoptr(PangoLayout) line = make_layout (cr, SERAH_FONT_SANS, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL, 23);
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
  fit_show (cr, line, "Jaminan Kesehatan Nasional \u2013 Kartu Indonesia Sehat",
            MARGIN + bw + 56, y + 30, U - 2 * MARGIN - bw - 56, 34, 23, 17, 1, report, "band");
  set_rgb (cr, ink, 0.65);
  fit_show (cr, line, office && *office ? office : "Dinas Kesehatan",
            MARGIN + bw + 56, y + 66, U - 2 * MARGIN - bw - 56, 34, 23, 15, 1, report, "office");
}

void
serah_quote_card_draw (cairo_t *cr, double size, const SerahTestimonialPublic *t,
                       const char *office)
{
  serah_quote_card_draw_full (cr, size, t, office, NULL);
}

void
serah_quote_card_draw_full (cairo_t *cr, double size, const SerahTestimonialPublic *t,
                            const char *office, SerahFitReport *report)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (t != NULL);

  if (report != NULL)
    {
      g_autofree char *record = g_strdup_printf ("testimoni #%" G_GINT64_FORMAT " %s", t->id,
                                                 t->display_name ? t->display_name : "");
      serah_fit_report_set_record (report, record);
    }
  cairo_save (cr);
  cairo_scale (cr, size / U, size / U);
  cairo_rectangle (cr, 0, 0, U, U);
  cairo_clip (cr);
  draw_background (cr);
  draw_header (cr);
  draw_quote (cr, t->text ? t->text : "", report);
  draw_attribution (cr, t, report);
  draw_band (cr, office, report);
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
serah_quote_card_check (const SerahTestimonialPublic *t, const char *office, GError **error)
{
  g_autoptr(SerahFitReport) report = serah_fit_report_new ();
  cairo_surface_t *nowhere;
  cairo_t *cr;
  GPtrArray *problems;

  g_return_val_if_fail (t != NULL, FALSE);

  /* Laid out at the PDF's size onto a surface that keeps nothing: the layout works in the
   * square's own units, so the result is the same for the PNG. */
  nowhere = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (nowhere);
  serah_quote_card_draw_full (cr, SERAH_QUOTE_CARD_PDF_PT, t, office, report);
  cairo_destroy (cr);
  cairo_surface_destroy (nowhere);

  problems = serah_fit_report_get_problems (report);
  if (problems->len == 0)
    return TRUE;
  {
    const SerahFitProblem *p = problems->pdata[0];
    gboolean quote = g_strcmp0 (p->field, "quote") == 0;
    if (quote)
      g_set_error (error, SERAH_QUOTE_CARD_ERROR, SERAH_QUOTE_CARD_ERROR_TOO_LONG,
                   _("Testimonial #%lld (%s) is too long for a quote card even at the smallest "
                     "size (%u characters): choose a shorter excerpt to publish."),
                   (long long) t->id, t->display_name ? t->display_name : "",
                   (guint) g_utf8_strlen (t->text ? t->text : "", -1));
    else
      g_set_error (error, SERAH_QUOTE_CARD_ERROR, SERAH_QUOTE_CARD_ERROR_TOO_LONG,
                   _("Testimonial #%lld (%s): the %s “%s” does not fit on a quote card even at "
                     "the smallest size: shorten it."),
                   (long long) t->id, t->display_name ? t->display_name : "", p->field, p->text);
  }
  return FALSE;
}

G_DEFINE_QUARK (serah-quote-card-error-quark, serah_quote_card_error)

gboolean
serah_quote_card_write_png (const SerahTestimonialPublic *t, const char *office,
                            const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (t != NULL && path != NULL, FALSE);

  if (!serah_quote_card_check (t, office, error))
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SERAH_QUOTE_CARD_PX, SERAH_QUOTE_CARD_PX);
  cr = cairo_create (surface);
  serah_quote_card_draw (cr, SERAH_QUOTE_CARD_PX, t, office);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_quote_card_write_pdf (GPtrArray *list, const char *office, const char *path,
                            GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (list != NULL && path != NULL, FALSE);

  /* Every card is checked before the file is started: no PDF with a cut quote in it. */
  for (guint i = 0; i < list->len; i++)
    if (!serah_quote_card_check (list->pdata[i], office, error))
      return FALSE;
  surface = cairo_pdf_surface_create (path, SERAH_QUOTE_CARD_PDF_PT, SERAH_QUOTE_CARD_PDF_PT);
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
  return ok;
}
