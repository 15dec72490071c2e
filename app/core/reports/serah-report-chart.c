/* serah-report-chart.c: the report charts, drawn with Cairo and Pango into any cairo_t, so
 * the PDF pages and the GUI's GtkDrawingArea show the same pictures. Units are points in a
 * PDF and pixels on screen; the label size (11) reads well in both. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <serah/output/serah-format.h>

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
      g_autofree char *pct = serah_format_percent (serah_coverage_row_fraction (r) * 100);

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

/* ---- outreach (issue 15) ---- */

static const Rgb c_before = { 0.60, 0.64, 0.63 };
static const Rgb c_open = { 0.80, 0.33, 0.22 };

/* New registrations per month (bars) against the activities held that month (dots on their
 * own scale, right), so a month of socialisation can be read against what followed. */
void
serah_report_draw_outreach_timeline_chart (cairo_t *cr, double width, double height,
                                           const SerahOutreachIndicators *ind)
{
  static const char *const labels[] = { "Pendaftaran baru", "Kegiatan sosialisasi" };
  const Rgb colours[] = { c_self, c_gold };
  double left = 44, top = 30, right = width - PAD - 36, bottom = height - 28, slot, vmax, amax;
  guint max = 0, max_act = 0, n;

  g_return_if_fail (cr != NULL && ind != NULL);

  n = ind->months->len;
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
      const SerahOutreachMonth *m = &g_array_index (ind->months, SerahOutreachMonth, i);
      max = MAX (max, m->registrations);
      max_act = MAX (max_act, m->activities);
    }
  vmax = nice_max (max);
  amax = nice_max (max_act);
  value_grid (cr, left, top, right, bottom, vmax);
  for (int i = 0; i <= 4; i++)
    {
      double v = amax * i / 4.0;
      g_autofree char *label = g_strdup_printf ("%.0f", v);
      text_at (cr, label, right + 6, bottom - (bottom - top) * i / 4.0, ALIGN_LEFT, LABEL_SIZE - 1,
               FALSE, c_gold);
    }
  slot = (right - left) / n;
  for (guint i = 0; i < n; i++)
    {
      const SerahOutreachMonth *m = &g_array_index (ind->months, SerahOutreachMonth, i);
      double bw = MAX (1.0, MIN (slot * 0.6, 60)), x = left + i * slot + (slot - bw) / 2;
      double h = (bottom - top) * m->registrations / vmax;
      double ay = bottom - (bottom - top) * m->activities / amax;
      g_autofree char *v = g_strdup_printf ("%u", m->registrations);
      g_autofree char *label = g_strdup_printf ("%.2s/%.4s", m->month + 5, m->month);

      set_rgb (cr, c_self);
      cairo_rectangle (cr, x, bottom - h, bw, h);
      cairo_fill (cr);
      if (n <= 18)
        text_at (cr, v, x + bw / 2, bottom - h - 8, ALIGN_CENTER, LABEL_SIZE - 1, TRUE, c_text);
      set_rgb (cr, c_gold);
      cairo_arc (cr, x + bw / 2, ay, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      if (slot >= 40 || i % (guint) ceil (40.0 / slot) == 0)
        text_at (cr, label, x + bw / 2, bottom + 12, ALIGN_CENTER, LABEL_SIZE - 1, FALSE, c_muted);
    }
  cairo_restore (cr);
}

/* Mean understanding score before and after, in percent, with the number of sheets. */
void
serah_report_draw_understanding_chart (cairo_t *cr, double width, double height,
                                       const SerahOutreachIndicators *ind)
{
  static const char *const names[] = { "Sebelum", "Sesudah" };
  const Rgb colours[] = { c_before, c_teal };
  double left = 90, right = width - PAD - 110, top = 10, bar_h, gap = 12;

  g_return_if_fail (cr != NULL && ind != NULL);

  cairo_save (cr);
  if (ind->sheets[0] + ind->sheets[1] == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  bar_h = MIN (30.0, (height - top - PAD - gap) / 2);
  for (guint p = 0; p < 2; p++)
    {
      double y = top + p * (bar_h + gap);
      double w = (right - left) * MIN (ind->understanding[p], 100.0) / 100.0;
      g_autofree char *pct = serah_format_percent (ind->understanding[p]);
      g_autofree char *label = g_strdup_printf ("%s (%u lembar)", pct, ind->sheets[p]);

      text_at (cr, names[p], left - 8, y + bar_h / 2, ALIGN_RIGHT, LABEL_SIZE, FALSE, c_text);
      set_rgb (cr, c_grid);
      cairo_rectangle (cr, left, y, right - left, bar_h);
      cairo_fill (cr);
      set_rgb (cr, colours[p]);
      cairo_rectangle (cr, left, y, w, bar_h);
      cairo_fill (cr);
      text_at (cr, label, right + 6, y + bar_h / 2, ALIGN_LEFT, LABEL_SIZE, TRUE, c_text);
    }
  cairo_restore (cr);
}

/* The SKM's nine elements as converted scores (25..100) with their quality letter, and the
 * IKM under them; the category boundaries of PermenPAN-RB 14/2017 drawn as rules. */
void
serah_report_draw_skm_chart (cairo_t *cr, double width, double height,
                             const SerahOutreachIndicators *ind)
{
  static const double bounds[] = { 65.0, 76.61, 88.31 };
  double label_w = 0, left, right = width - PAD - 80, top = 8, bar_h, gap;
  const SerahSkmResult *r;

  g_return_if_fail (cr != NULL && ind != NULL);

  r = &ind->skm;
  cairo_save (cr);
  if (r->respondents == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < SERAH_SKM_ELEMENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("U%u %s", i + 1, serah_skm_element_name (i));
      label_w = MAX (label_w, text_width (cr, name, LABEL_SIZE));
    }
  left = PAD + MIN (label_w, width * 0.38) + 8;
  gap = 5;
  bar_h = MIN (20.0, (height - top - PAD - gap * SERAH_SKM_ELEMENTS) / (SERAH_SKM_ELEMENTS + 1));
  for (guint i = 0; i <= SERAH_SKM_ELEMENTS; i++)
    {
      gboolean total = i == SERAH_SKM_ELEMENTS;
      double value = total ? r->converted : r->converted_element[i];
      SerahSkmGrade grade = total ? r->grade : r->element_grade[i];
      double y = top + i * (bar_h + gap) + (total ? gap : 0);
      double w = (right - left) * CLAMP ((value - 25.0) / 75.0, 0, 1);
      g_autofree char *name = total ? g_strdup ("IKM")
                                    : g_strdup_printf ("U%u %s", i + 1, serah_skm_element_name (i));
      g_autofree char *v = serah_format_decimal (value, 2);
      g_autofree char *label = g_strdup_printf ("%s  %s", v, serah_skm_grade_letter (grade));

      label_in (cr, name, PAD, left - 8, y + bar_h / 2, bar_h, c_text);
      set_rgb (cr, c_grid);
      cairo_rectangle (cr, left, y, right - left, bar_h);
      cairo_fill (cr);
      set_rgb (cr, total ? c_self : grade >= SERAH_SKM_GRADE_B ? c_rep : c_missing);
      cairo_rectangle (cr, left, y, w, bar_h);
      cairo_fill (cr);
      text_at (cr, label, right + 6, y + bar_h / 2, ALIGN_LEFT, LABEL_SIZE, total, c_text);
    }
  /* The category boundaries (C from 65,00, B from 76,61, A from 88,31). */
  cairo_set_line_width (cr, 1);
  for (guint k = 0; k < G_N_ELEMENTS (bounds); k++)
    {
      double x = left + (right - left) * (bounds[k] - 25.0) / 75.0;
      set_rgb (cr, c_muted);
      cairo_move_to (cr, floor (x) + 0.5, top - 4);
      cairo_line_to (cr, floor (x) + 0.5, top + (SERAH_SKM_ELEMENTS + 1) * (bar_h + gap) + gap);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Complaints received and resolved per month (paired bars), and the open ones by age. */
void
serah_report_draw_complaints_chart (cairo_t *cr, double width, double height,
                                    const SerahOutreachIndicators *ind)
{
  static const char *const labels[] = { "Diterima", "Selesai", "Terbuka menurut umur" };
  static const char *const ages[] = { "0-7 hari", "8-30 hari", "> 30 hari" };
  const Rgb colours[] = { c_missing, c_self, c_open };
  double left = 44, top = 30, split = width * 0.66, bottom = height - 28, vmax, slot;
  guint max = 0, n, max_age = 0;

  g_return_if_fail (cr != NULL && ind != NULL);

  n = ind->complaint_months->len;
  cairo_save (cr);
  if (n == 0 && ind->open_now == 0)
    {
      no_data (cr, width, height);
      cairo_restore (cr);
      return;
    }
  legend (cr, PAD, 12, labels, colours, 3);
  for (guint i = 0; i < n; i++)
    {
      char **r = ind->complaint_months->pdata[i];
      max = MAX (max, (guint) g_ascii_strtoull (r[1], NULL, 10));
    }
  vmax = nice_max (max);
  value_grid (cr, left, top, split - 16, bottom, vmax);
  slot = n ? (split - 16 - left) / n : 0;
  for (guint i = 0; i < n; i++)
    {
      char **r = ind->complaint_months->pdata[i];
      guint got = (guint) g_ascii_strtoull (r[1], NULL, 10);
      guint done = (guint) g_ascii_strtoull (r[2], NULL, 10);
      double bw = MAX (1.0, MIN (slot * 0.35, 26)), x = left + i * slot + slot / 2 - bw;
      double h1 = (bottom - top) * got / vmax, h2 = (bottom - top) * done / vmax;
      g_autofree char *label = g_strdup_printf ("%.2s/%.4s", r[0] + 5, r[0]);

      set_rgb (cr, c_missing);
      cairo_rectangle (cr, x, bottom - h1, bw, h1);
      cairo_fill (cr);
      set_rgb (cr, c_self);
      cairo_rectangle (cr, x + bw, bottom - h2, bw, h2);
      cairo_fill (cr);
      if (slot >= 40 || i % (guint) ceil (40.0 / slot) == 0)
        text_at (cr, label, x + bw, bottom + 12, ALIGN_CENTER, LABEL_SIZE - 1, FALSE, c_muted);
    }
  /* Open now, by age. */
  for (guint k = 0; k < 3; k++)
    max_age = MAX (max_age, ind->open_by_age[k]);
  slot = (width - PAD - split) / 3;
  for (guint k = 0; k < 3; k++)
    {
      double bw = slot * 0.6, x = split + k * slot + (slot - bw) / 2;
      double h = max_age ? (bottom - top - 14) * ind->open_by_age[k] / (double) max_age : 0;
      g_autofree char *v = g_strdup_printf ("%u", ind->open_by_age[k]);

      set_rgb (cr, c_open);
      cairo_rectangle (cr, x, bottom - h, bw, h);
      cairo_fill (cr);
      text_at (cr, v, x + bw / 2, bottom - h - 8, ALIGN_CENTER, LABEL_SIZE - 1, TRUE, c_text);
      text_at (cr, ages[k], x + bw / 2, bottom + 12, ALIGN_CENTER, LABEL_SIZE - 1, FALSE, c_muted);
    }
  cairo_restore (cr);
}
