/* serah-report-chart.c: the report charts, drawn with Cairo and Pango into any cairo_t, so
 * the PDF pages and the GUI's GtkDrawingArea show the same pictures. Units are points in a
 * PDF and pixels on screen; the label size (11) reads well in both. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <math.h>

#include "output/serah-text-fit.h"
#include "reports/serah-report-private.h"
#include <serah/output/serah-fonts.h>

#define LABEL_SIZE 11.0
#define PAD 8.0

typedef struct { double r, g, b; } Rgb;

static const Rgb c_self = { 0.043, 0.478, 0.294 };
static const Rgb c_rep = { 0.361, 0.753, 0.541 };
static const Rgb c_missing = { 0.949, 0.663, 0.231 };
static const Rgb c_grid = { 0.85, 0.87, 0.86 };
static const Rgb c_text = { 0.15, 0.18, 0.17 };
static const Rgb c_muted = { 0.42, 0.46, 0.45 };
static const Rgb c_gold = { 0.96, 0.70, 0.12 };
static const Rgb c_teal = { 0.10, 0.52, 0.60 };

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

static void
set_rgb (cairo_t *cr, Rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

PangoLayout *
serah_report_layout_new (cairo_t *cr, double size, gboolean bold)
{
  PangoLayout *layout = serah_fonts_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (SERAH_FONT_SANS);

  /* Absolute size: the same number of points in a PDF and of pixels on screen. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

/* Draws text with its left/centre/right at x and its vertical middle at y; returns width. */
static double
text_at (cairo_t *cr, const char *text, double x, double y, Align align, double size,
         gboolean bold, Rgb colour)
{
  g_autoptr(PangoLayout) layout = serah_report_layout_new (cr, size, bold);
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  set_rgb (cr, colour);
  cairo_move_to (cr, align == ALIGN_LEFT ? x : align == ALIGN_CENTER ? x - w / 2.0 : x - w,
                 y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  /* Leave no current point behind: the next arc would draw a line from it. */
  cairo_new_path (cr);
  return w;
}

/* A row label right-aligned in the band (x0..x1) beside a bar of height h centred on y:
 * through the shared fitting routine, so a long kecamatan or tag shrinks and takes two lines
 * instead of running off the chart's left edge. */
static void
label_in (cairo_t *cr, const char *text, double x0, double x1, double y, double h, Rgb colour)
{
  g_autoptr(PangoLayout) layout = serah_report_layout_new (cr, LABEL_SIZE, FALSE);
  g_autoptr(PangoFontDescription) desc = NULL;
  SerahFitStyle style = { LABEL_SIZE, LABEL_SIZE * 0.7, SERAH_FIT_POLICY_TEXT, 2,
                          PANGO_ALIGN_RIGHT, SERAH_FIT_VALIGN_MIDDLE };
  SerahFitBox box = { x0, y - MAX (h, LABEL_SIZE * 2.6) / 2, MAX (x1 - x0, 1),
                      MAX (h, LABEL_SIZE * 2.6) };
  SerahTextFit fit;

  /* Points are user units here, as the fitting routine sets sizes in points. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  desc = pango_font_description_copy (pango_layout_get_font_description (layout));
  pango_layout_set_text (layout, text, -1);
  serah_text_fit (layout, desc, &style, &box, &fit);
  set_rgb (cr, colour);
  cairo_move_to (cr, fit.x, fit.y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static double
text_width (cairo_t *cr, const char *text, double size)
{
  g_autoptr(PangoLayout) layout = serah_report_layout_new (cr, size, FALSE);
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* The top of a value axis with four round, whole-number steps (1, 2, 2.5, 5 x 10^n) that
 * reaches max: 3 -> 4, 148 -> 200, 1000 -> 1000. */
static double
nice_max (double max)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double raw = max / 4, base;

  if (raw <= 1)
    return 4;
  base = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * base >= raw && (steps[i] * base == floor (steps[i] * base)))
      return 4 * steps[i] * base;
  return 40 * base;
}

static void
no_data (cairo_t *cr, double width, double height)
{
  text_at (cr, "Belum ada data", width / 2, height / 2, ALIGN_CENTER, LABEL_SIZE + 1, FALSE, c_muted);
}

static double
legend (cairo_t *cr, double x, double y, const char *const *labels, const Rgb *colours, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      set_rgb (cr, colours[i]);
      cairo_rectangle (cr, x, y - 5, 10, 10);
      cairo_fill (cr);
      x += 14 + text_at (cr, labels[i], x + 14, y, ALIGN_LEFT, LABEL_SIZE - 1, FALSE, c_text) + 14;
    }
  return x;
}

/* Horizontal grid lines and value labels for a vertical-bar plot area. */
static void
value_grid (cairo_t *cr, double left, double top, double right, double bottom, double vmax)
{
  for (int i = 0; i <= 4; i++)
    {
      double y = bottom - (bottom - top) * i / 4.0;
      double v = vmax * i / 4.0;
      g_autofree char *label = v == floor (v) ? g_strdup_printf ("%.0f", v) : g_strdup_printf ("%.1f", v);

      set_rgb (cr, c_grid);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, left, floor (y) + 0.5);
      cairo_line_to (cr, right, floor (y) + 0.5);
      cairo_stroke (cr);
      text_at (cr, label, left - 6, y, ALIGN_RIGHT, LABEL_SIZE - 1, FALSE, c_muted);
    }
}

void
serah_report_draw_coverage_chart (cairo_t *cr, double width, double height,
                                  const SerahCoverage *cov)
{
  static const char *const labels[] = { "Diserahkan (sendiri)", "Diserahkan (wakil)", "Belum diambil" };
  const Rgb colours[] = { c_self, c_rep, c_missing };
  double label_w = 0, top = 30, bar_h, gap, left, right, scale;
  gint64 max = 0;
  guint n;

  g_return_if_fail (cr != NULL && cov != NULL);

  n = cov->kecamatan->len;
  cairo_save (cr);
  if (n == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  legend (cr, PAD, 12, labels, colours, 3);
  for (guint i = 0; i < n; i++)
    {
      const SerahCoverageRow *r = cov->kecamatan->pdata[i];
      max = MAX (max, serah_coverage_row_handed_over (r) + r->not_collected);
      label_w = MAX (label_w, text_width (cr, r->kecamatan[0] ? r->kecamatan : "(tanpa kecamatan)", LABEL_SIZE));
    }
  left = PAD + MIN (label_w, width * 0.3) + 8;
  right = width - PAD - 52;  /* room for the percentage */
  gap = MIN (10.0, (height - top - PAD) / n * 0.3);
  bar_h = MIN (26.0, (height - top - PAD - gap * (n - 1)) / n);
  scale = max > 0 ? (right - left) / (double) max : 0;

  for (guint i = 0; i < n; i++)
    {
      const SerahCoverageRow *r = cov->kecamatan->pdata[i];
      const gint64 parts[] = { r->to_self, r->to_representative, r->not_collected };
      double y = top + i * (bar_h + gap), x = left;
      g_autofree char *pct = g_strdup_printf ("%.1f%%", serah_coverage_row_fraction (r) * 100);

      label_in (cr, r->kecamatan[0] ? r->kecamatan : "(tanpa kecamatan)", PAD, left - 8,
                y + bar_h / 2, bar_h, c_text);
      for (guint k = 0; k < 3; k++)
        {
          set_rgb (cr, colours[k]);
          cairo_rectangle (cr, x, y, parts[k] * scale, bar_h);
          cairo_fill (cr);
          x += parts[k] * scale;
        }
      if (max == 0)
        {
          set_rgb (cr, c_grid);
          cairo_rectangle (cr, left, y, right - left, bar_h);
          cairo_fill (cr);
        }
      text_at (cr, pct, x + 6, y + bar_h / 2, ALIGN_LEFT, LABEL_SIZE, TRUE, c_text);
    }
  cairo_restore (cr);
}

void
serah_report_draw_daily_chart (cairo_t *cr, double width, double height,
                               const SerahIndicators *ind)
{
  static const char *const labels[] = { "Sendiri", "Wakil" };
  const Rgb colours[] = { c_self, c_rep };
  double left = 44, top = 30, right = width - PAD, bottom = height - 28, slot, vmax;
  gint64 max = 0;
  guint n, every;

  g_return_if_fail (cr != NULL && ind != NULL);

  n = ind->daily->len;
  cairo_save (cr);
  if (n == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  legend (cr, PAD, 12, labels, colours, 2);
  for (guint i = 0; i < n; i++)
    {
      const SerahDailyHandovers *d = ind->daily->pdata[i];
      max = MAX (max, d->to_self + d->to_representative);
    }
  vmax = nice_max (max);
  value_grid (cr, left, top, right, bottom, vmax);
  slot = (right - left) / n;
  /* Date labels thin out so they never overlap (one every `every` days). */
  every = (guint) ceil (44.0 / slot);
  for (guint i = 0; i < n; i++)
    {
      const SerahDailyHandovers *d = ind->daily->pdata[i];
      double bw = MAX (1.0, slot * 0.7), x = left + i * slot + (slot - bw) / 2;
      double h_self = (bottom - top) * d->to_self / vmax;
      double h_rep = (bottom - top) * d->to_representative / vmax;

      set_rgb (cr, c_self);
      cairo_rectangle (cr, x, bottom - h_self, bw, h_self);
      cairo_fill (cr);
      set_rgb (cr, c_rep);
      cairo_rectangle (cr, x, bottom - h_self - h_rep, bw, h_rep);
      cairo_fill (cr);
      if (n <= 14)
        {
          g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, d->to_self + d->to_representative);
          text_at (cr, v, x + bw / 2, bottom - h_self - h_rep - 8, ALIGN_CENTER, LABEL_SIZE - 1, TRUE, c_text);
        }
      if (i % MAX (every, 1) == 0)
        {
          /* dd/mm: the year is in the table. */
          g_autofree char *label = g_strdup_printf ("%.2s/%.2s", d->date + 8, d->date + 5);
          text_at (cr, label, x + bw / 2, bottom + 12, ALIGN_CENTER, LABEL_SIZE - 1, FALSE, c_muted);
        }
    }
  cairo_restore (cr);
}

void
serah_report_draw_imports_chart (cairo_t *cr, double width, double height,
                                 const SerahIndicators *ind)
{
  double left = 56, top = 16, right = width - PAD - 10, bottom = height - 28, vmax, step;
  gint64 max = 0;
  guint n, every;

  g_return_if_fail (cr != NULL && ind != NULL);

  n = ind->imports->len;
  cairo_save (cr);
  if (n == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < n; i++)
    max = MAX (max, ((SerahImportPoint *) ind->imports->pdata[i])->cumulative);
  vmax = nice_max (max);
  value_grid (cr, left, top, right, bottom, vmax);
  step = n > 1 ? (right - left - 20) / (n - 1) : 0;
  every = step > 0 ? (guint) ceil (70.0 / step) : 1;

  /* A step line: the register grows at each import and stays flat in between. */
  cairo_set_line_width (cr, 2.5);
  set_rgb (cr, c_teal);
  for (guint i = 0; i < n; i++)
    {
      const SerahImportPoint *p = ind->imports->pdata[i];
      double x = left + 10 + i * step, y = bottom - (bottom - top) * p->cumulative / vmax;
      if (i == 0)
        cairo_move_to (cr, x, bottom);
      else
        {
          double prev_y;
          cairo_get_current_point (cr, NULL, &prev_y);
          cairo_line_to (cr, x, prev_y);
        }
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      const SerahImportPoint *p = ind->imports->pdata[i];
      double x = left + 10 + i * step, y = bottom - (bottom - top) * p->cumulative / vmax;

      set_rgb (cr, c_teal);
      cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      if (i % MAX (every, 1) == 0)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (p->at);
          g_autofree char *label = g_date_time_format (dt, "%d/%m");
          text_at (cr, label, x, bottom + 12, ALIGN_CENTER, LABEL_SIZE - 1, FALSE, c_muted);
        }
    }
  cairo_restore (cr);
}

static void
star (cairo_t *cr, double cx, double cy, double r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5, rr = i % 2 ? r * 0.45 : r;
      if (i == 0)
        cairo_move_to (cr, cx + rr * cos (a), cy + rr * sin (a));
      else
        cairo_line_to (cr, cx + rr * cos (a), cy + rr * sin (a));
    }
  cairo_close_path (cr);
}

void
serah_report_draw_rating_chart (cairo_t *cr, double width, double height,
                                const SerahIndicators *ind)
{
  double left = 44, top = 30, right = width - PAD, bottom = height - 28, slot, vmax;
  gint64 max = 0, rated = 0;

  g_return_if_fail (cr != NULL && ind != NULL);

  for (int r = 1; r <= 5; r++)
    {
      max = MAX (max, ind->ratings[r]);
      rated += ind->ratings[r];
    }
  cairo_save (cr);
  if (rated == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  {
    g_autofree char *avg = g_strdup_printf ("Rata-rata %.2f dari 5  \u00B7  %" G_GINT64_FORMAT " dinilai",
                                            ind->rating_average, rated);
    text_at (cr, avg, PAD, 12, ALIGN_LEFT, LABEL_SIZE, TRUE, c_text);
  }
  vmax = nice_max (max);
  value_grid (cr, left, top, right, bottom, vmax);
  slot = (right - left) / 5;
  for (int r = 1; r <= 5; r++)
    {
      double bw = slot * 0.6, x = left + (r - 1) * slot + (slot - bw) / 2;
      double h = (bottom - top) * ind->ratings[r] / vmax;
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, ind->ratings[r]);
      g_autofree char *k = g_strdup_printf ("%d", r);

      set_rgb (cr, c_gold);
      cairo_rectangle (cr, x, bottom - h, bw, h);
      cairo_fill (cr);
      text_at (cr, v, x + bw / 2, bottom - h - 8, ALIGN_CENTER, LABEL_SIZE - 1, TRUE, c_text);
      text_at (cr, k, x + bw / 2 - 7, bottom + 12, ALIGN_CENTER, LABEL_SIZE, TRUE, c_text);
      set_rgb (cr, c_gold);
      star (cr, x + bw / 2 + 6, bottom + 12, 6);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

void
serah_report_draw_tags_chart (cairo_t *cr, double width, double height,
                              const SerahIndicators *ind)
{
  const guint shown = MIN (ind->tags->len, 8);
  double label_w = 0, left, right = width - PAD - 36, top = 6, bar_h, gap;
  gint64 max = 0;

  g_return_if_fail (cr != NULL && ind != NULL);

  cairo_save (cr);
  if (shown == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < shown; i++)
    {
      const SerahTagCount *t = ind->tags->pdata[i];
      max = MAX (max, t->count);
      label_w = MAX (label_w, text_width (cr, t->tag, LABEL_SIZE));
    }
  left = PAD + MIN (label_w, width * 0.35) + 8;
  gap = 6;
  bar_h = MIN (22.0, (height - top - PAD - gap * (shown - 1)) / shown);
  for (guint i = 0; i < shown; i++)
    {
      const SerahTagCount *t = ind->tags->pdata[i];
      double y = top + i * (bar_h + gap), w = (right - left) * t->count / (double) MAX (max, 1);
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, t->count);

      label_in (cr, t->tag, PAD, left - 8, y + bar_h / 2, bar_h, c_text);
      set_rgb (cr, c_teal);
      cairo_rectangle (cr, left, y, w, bar_h);
      cairo_fill (cr);
      text_at (cr, v, left + w + 6, y + bar_h / 2, ALIGN_LEFT, LABEL_SIZE, TRUE, c_text);
    }
  cairo_restore (cr);
}
