/* serah-report-pdf.c: the reports as A4 PDF documents (Cairo + Pango): a heading on every
 * page, the charts of serah-report-chart.c, and tables that continue over pages with their
 * header repeated. The not-yet-collected list starts every desa on a new page, so each
 * village government can be handed its own pages. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <serah/output/serah-output.h>
#include <serah/output/serah-format.h>
#include <serah/outreach/serah-skm.h>

#include "output/serah-text-fit.h"
#include "reports/serah-report-private.h"
#include "reports/serah-store-report-private.h"

#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 36.0
#define ROW_H 15.0
#define CELL_SIZE 8.5
#define BODY_TOP 96.0

typedef enum { LEFT, RIGHT } CellAlign;

typedef struct {
  const char *title;
  double      width;
  CellAlign   align;
  gboolean    identifier; /* NIK, card number: one line, every character */
} Column;

typedef struct {
  cairo_t              *cr;
  const SerahReportDoc *doc;
  const char           *report_title;
  int                   page;
  double                y;
  /* The table in progress, to repeat its header after a page break. */
  const Column         *columns;
  guint                 n_columns;
  guint                 rows_on_page;  /* table rows drawn on this page */
  gboolean              shade;         /* zebra stripes of the coverage table */
  /* Table cells reuse two layouts: a list of 100 000 rows would otherwise create and
   * shape-cache half a million layouts. */
  PangoLayout          *cell;
  PangoLayout          *cell_bold;
  /* Glyphs of the not-yet-collected table waiting to be shown, all in one font and colour:
   * one text object per page instead of one per cell (see write_uncollected). */
  GArray               *glyphs;      /* cairo_glyph_t */
  cairo_scaled_font_t  *glyph_font;  /* not owned */
} Pdf;

static void
flush_glyphs (Pdf *pdf)
{
  if (pdf->glyphs == NULL || pdf->glyphs->len == 0)
    return;
  cairo_save (pdf->cr);
  cairo_set_scaled_font (pdf->cr, pdf->glyph_font);
  cairo_set_source_rgb (pdf->cr, 0.12, 0.12, 0.12);
  cairo_show_glyphs (pdf->cr, (cairo_glyph_t *) (gpointer) pdf->glyphs->data, (int) pdf->glyphs->len);
  cairo_restore (pdf->cr);
  g_array_set_size (pdf->glyphs, 0);
}

/* A layout whose font sizes are points of the PDF (72 "dpi"), as the fitting routine sets
 * them; the charts keep their absolute sizes. */
static PangoLayout *
fit_layout_new (cairo_t *cr, gboolean bold)
{
  PangoLayout *layout = serah_report_layout_new (cr, 10, bold);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72.0);
  pango_layout_context_changed (layout);
  return layout;
}

/* Fits s into a box of width x height at (x, y) through the shared routine and draws it.
 * policy TEXT shrinks to three quarters of size, wraps to the lines the height allows and
 * then ellipsizes (noted in the report); CELL wraps as long as it takes. Returns the height
 * used. With cr NULL only measures. */
static double
fit_draw (Pdf *pdf, cairo_t *cr, PangoLayout *layout, const char *s, double x, double y,
          double width, double height, double size, SerahFitPolicy policy, int max_lines,
          PangoAlignment align, const char *field)
{
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_layout_get_font_description (layout));
  SerahFitStyle style = { size, policy == SERAH_FIT_POLICY_CELL ? size : size * 0.75, policy,
                          max_lines, align, SERAH_FIT_VALIGN_TOP };
  SerahFitBox box = { x, y, width, height };
  SerahTextFit fit;

  pango_layout_set_text (layout, s ? s : "", -1);
  serah_text_fit (layout, desc, &style, &box, &fit);
  if (cr != NULL)
    {
      serah_text_fit_note (pdf->doc->fit_report, field, s, &fit);
      cairo_move_to (cr, fit.x, fit.y);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
    }
  return MAX (fit.logical.height, fit.ink.y + fit.ink.height) / (double) PANGO_SCALE;
}

static double
text_lines (Pdf *pdf, const char *s, double x, double y, double width, int lines, double size,
            gboolean bold, PangoAlignment align, double grey, const char *field)
{
  g_autoptr(PangoLayout) layout = fit_layout_new (pdf->cr, bold);

  if (width <= 0)
    width = PAGE_W - MARGIN - x;
  cairo_set_source_rgb (pdf->cr, grey, grey, grey);
  /* Room for the lines at full size: shrinking then makes more of them fit. */
  return fit_draw (pdf, pdf->cr, layout, s, x, y, width, lines * size * 1.4, size,
                   SERAH_FIT_POLICY_TEXT, lines, align, field);
}

static double
text (Pdf *pdf, const char *s, double x, double y, double width, double size, gboolean bold,
      PangoAlignment align, double grey)
{
  return text_lines (pdf, s, x, y, width, 1, size, bold, align, grey, s);
}

/* A paragraph, wrapped to width; returns its height. */
static double
paragraph (Pdf *pdf, const char *s, double x, double y, double width, double size, double grey)
{
  g_autoptr(PangoLayout) layout = fit_layout_new (pdf->cr, FALSE);

  cairo_set_source_rgb (pdf->cr, grey, grey, grey);
  return fit_draw (pdf, pdf->cr, layout, s, x, y, width, 0, size, SERAH_FIT_POLICY_CELL, 0,
                   PANGO_ALIGN_LEFT, "paragraph");
}

static PangoLayout *
cell_layout (Pdf *pdf, gboolean bold)
{
  PangoLayout **slot = bold ? &pdf->cell_bold : &pdf->cell;

  if (*slot == NULL)
    *slot = fit_layout_new (pdf->cr, bold);
  return *slot;
}

static PangoAlignment
column_align (const Column *c)
{
  return c->align == RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* The height of a row of cells: the tallest cell wrapped in its column, at least ROW_H. */
static double
row_height (Pdf *pdf, const char *const *cells, gboolean bold, double size)
{
  PangoLayout *layout = cell_layout (pdf, bold);
  double h = 0;

  for (guint i = 0; i < pdf->n_columns; i++)
    {
      const Column *c = &pdf->columns[i];
      h = MAX (h, fit_draw (pdf, NULL, layout, cells[i], 0, 0, c->width - 6, 0, size,
                            c->identifier ? SERAH_FIT_POLICY_IDENTIFIER : SERAH_FIT_POLICY_CELL,
                            1, column_align (c), NULL));
    }
  return MAX (ROW_H, h + 4);
}

static void
draw_cells (Pdf *pdf, const char *const *cells, gboolean bold, double size, double height)
{
  PangoLayout *layout = cell_layout (pdf, bold);
  double x = MARGIN;

  for (guint i = 0; i < pdf->n_columns; i++)
    {
      const Column *c = &pdf->columns[i];
      fit_draw (pdf, pdf->cr, layout, cells[i], x + 3, pdf->y + 2, c->width - 6, height - 2,
                size, c->identifier ? SERAH_FIT_POLICY_IDENTIFIER : SERAH_FIT_POLICY_CELL, 1,
                column_align (c), c->title);
      x += c->width;
    }
}

static void
table_header (Pdf *pdf)
{
  const char *titles[16];
  double height;

  g_assert (pdf->n_columns <= G_N_ELEMENTS (titles));
  for (guint i = 0; i < pdf->n_columns; i++)
    titles[i] = pdf->columns[i].title;
  /* Titles wrap and the header grows: a title never runs out of its cell. */
  {
    const Column *columns = pdf->columns;
    Column plain[16];
    for (guint i = 0; i < pdf->n_columns; i++)
      plain[i] = (Column) { columns[i].title, columns[i].width, columns[i].align, FALSE };
    pdf->columns = plain;
    height = row_height (pdf, titles, TRUE, CELL_SIZE - 0.5) + 4;
    cairo_set_source_rgb (pdf->cr, 0.043, 0.478, 0.294);
    cairo_rectangle (pdf->cr, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, height);
    cairo_fill (pdf->cr);
    cairo_set_source_rgb (pdf->cr, 1, 1, 1);
    pdf->y += 1;
    if (pdf->doc->fit_report != NULL)
      serah_fit_report_set_record (pdf->doc->fit_report, NULL);
    draw_cells (pdf, titles, TRUE, CELL_SIZE - 0.5, height);
    pdf->y -= 1;
    pdf->columns = columns;
  }
  pdf->y += height;
}

static void
new_page (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  g_autofree char *page = NULL;

  if (pdf->page > 0)
    {
      flush_glyphs (pdf);
      cairo_show_page (cr);
    }
  pdf->page++;

  /* Heading: office, report, scope (a ceremony's name and place may take two lines, smaller);
   * a green rule under it. */
  if (pdf->doc->fit_report != NULL)
    serah_fit_report_set_record (pdf->doc->fit_report, "dokumen");
  text (pdf, pdf->doc->office, MARGIN, MARGIN - 6, PAGE_W - 2 * MARGIN - 90, 9, TRUE, PANGO_ALIGN_LEFT, 0.35);
  text (pdf, pdf->report_title, MARGIN, MARGIN + 8, PAGE_W - 2 * MARGIN, 16, TRUE, PANGO_ALIGN_LEFT, 0.1);
  {
    g_autoptr(PangoLayout) layout = fit_layout_new (cr, FALSE);
    cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
    fit_draw (pdf, cr, layout, pdf->doc->scope, MARGIN, MARGIN + 29, PAGE_W - 2 * MARGIN - 150,
              21, 9.5, SERAH_FIT_POLICY_TEXT, 2, PANGO_ALIGN_LEFT, "scope");
  }
  {
    g_autofree char *made = g_strdup_printf ("Dibuat %s", pdf->doc->made);
    text (pdf, made, PAGE_W - MARGIN - 150, MARGIN + 32, 150, 9, FALSE, PANGO_ALIGN_RIGHT, 0.4);
  }
  cairo_set_source_rgb (cr, 0.043, 0.478, 0.294);
  cairo_rectangle (cr, MARGIN, MARGIN + 50, PAGE_W - 2 * MARGIN, 2);
  cairo_fill (cr);

  page = g_strdup_printf ("Halaman %d", pdf->page);
  text (pdf, page, PAGE_W - MARGIN - 100, PAGE_H - MARGIN + 8, 100, 8, FALSE, PANGO_ALIGN_RIGHT, 0.45);
  text (pdf, "Serah \u2013 data pribadi, jangan disebarluaskan (UU PDP 27/2022)", MARGIN,
        PAGE_H - MARGIN + 8, 330, 8, FALSE, PANGO_ALIGN_LEFT, 0.45);
  pdf->y = BODY_TOP;
  pdf->rows_on_page = 0;
  if (pdf->columns != NULL)
    table_header (pdf);
}

/* Starts a new page when h more points would not fit. */
static void
need (Pdf *pdf, double h)
{
  if (pdf->y + h > PAGE_H - MARGIN - 10)
    new_page (pdf);
}

static void
begin_table (Pdf *pdf, const Column *columns, guint n)
{
  pdf->columns = columns;
  pdf->n_columns = n;
  need (pdf, 3 * ROW_H);
  table_header (pdf);
}

static void
end_table (Pdf *pdf)
{
  pdf->columns = NULL;
  pdf->y += 10;
}

static void
table_row (Pdf *pdf, const char *const *cells, gboolean bold, gboolean shaded)
{
  double height = row_height (pdf, cells, bold, CELL_SIZE);

  need (pdf, height);
  if (shaded)
    {
      cairo_set_source_rgb (pdf->cr, bold ? 0.88 : 0.95, bold ? 0.94 : 0.97, bold ? 0.90 : 0.96);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, height);
      cairo_fill (pdf->cr);
    }
  cairo_set_source_rgb (pdf->cr, 0.12, 0.12, 0.12);
  draw_cells (pdf, cells, bold, CELL_SIZE, height);
  pdf->y += height;
  pdf->rows_on_page++;
}

typedef void (*ChartFunc) (cairo_t *cr, double w, double h, gconstpointer data);

static void
chart (Pdf *pdf, const char *title, double height, ChartFunc draw, gconstpointer data)
{
  need (pdf, height + 24);
  text (pdf, title, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, 11, TRUE, PANGO_ALIGN_LEFT, 0.1);
  pdf->y += 20;
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  draw (pdf->cr, PAGE_W - 2 * MARGIN, height, data);
  cairo_restore (pdf->cr);
  pdf->y += height + 14;
}

static char *
num (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

/* ---- coverage ---- */

static void
coverage_row (const SerahCoverageRow *r, SerahCoverageLevel level, gboolean first,
              gpointer user_data)
{
  Pdf *pdf = user_data;
  g_auto(GStrv) n = serah_coverage_row_cells (r);
  const char *kec = "", *desa = r->desa;
  const char *cells[SERAH_REPORT_COVERAGE_N_COLUMNS];

  /* The kecamatan is named on its first row and again at the top of a new page. */
  need (pdf, ROW_H);
  if (level == SERAH_COVERAGE_DESA && (first || pdf->rows_on_page == 0))
    kec = r->kecamatan;
  else if (level == SERAH_COVERAGE_KECAMATAN)
    desa = "Jumlah kecamatan";
  else if (level == SERAH_COVERAGE_TOTAL)
    kec = "Total", desa = "";
  cells[0] = kec;
  cells[1] = desa;
  if (pdf->doc->fit_report != NULL)
    {
      g_autofree char *record = g_strdup_printf ("%s / %s", r->kecamatan, r->desa);
      serah_fit_report_set_record (pdf->doc->fit_report, record);
    }
  for (guint i = 0; i < 8; i++)
    cells[2 + i] = n[i];
  if (level == SERAH_COVERAGE_DESA)
    pdf->shade = !pdf->shade;
  table_row (pdf, cells, level != SERAH_COVERAGE_DESA, level != SERAH_COVERAGE_DESA || !pdf->shade);
}

static void
write_coverage (Pdf *pdf)
{
  static const Column columns[] = {
    { "Kecamatan", 78, LEFT }, { "Desa", 88, LEFT }, { "Peserta", 44, RIGHT },
    { "Dicetak", 44, RIGHT }, { "Diundang", 45, RIGHT }, { "Sendiri", 42, RIGHT },
    { "Wakil", 38, RIGHT }, { "Diserahkan", 52, RIGHT }, { "Belum", 44, RIGHT },
    { "%", 47.56, RIGHT },
  };
  const SerahCoverage *cov = pdf->doc->coverage;
  double h = MIN (60.0 + 30.0 * cov->kecamatan->len, 330.0);

  new_page (pdf);
  chart (pdf, "Kartu diserahkan per kecamatan", h, (ChartFunc) serah_report_draw_coverage_chart, cov);
  begin_table (pdf, columns, G_N_ELEMENTS (columns));
  serah_coverage_foreach (cov, coverage_row, pdf);
  end_table (pdf);
}

/* ---- not yet collected ----
 *
 * The list may hold a whole register (a million rows, twenty thousand pages), so it is
 * drawn as the store walks it, one row at a time, and each row costs as little Pango as
 * can be had: every column keeps its own layout, so a cell is shaped once to measure the
 * row and then drawn from that same layout; and the fixed-format columns (row number,
 * masked NIK, card number: ASCII digits and '*') skip Pango's layout altogether, drawn as
 * glyph strings from advances cached per character once per document. */

#define UNCOLLECTED_N_COLUMNS 6
#define WORD_ALLOC(n) (sizeof (Word) + (gsize) (n) * (sizeof (PangoGlyph) + sizeof (int)))

typedef struct {
  gboolean        ready;
  gboolean        usable;      /* FALSE: the font did not map ASCII one glyph per char */
  PangoFont      *font;
  PangoGlyph      glyph[128];
  int             advance[128];  /* Pango units; 0 = not cached, take the slow path */
  int             baseline;      /* Pango units from the line's top */
  int             line_height;   /* logical height of one line */
  PangoLayout    *scratch;       /* shapes words not yet cached */
  GHashTable     *words;         /* word -> Word, bounded (cleared when full) */
} GlyphCache;

/* A word shaped once: glyphs and advances as HarfBuzz gave them (kerning kept), or
 * n_glyphs -1 when it cannot take the fast way (another font, right-to-left, no glyph). */
typedef struct {
  int        n_glyphs;
  int        width;
  PangoGlyph glyph[];
} Word;

#define WORD_CACHE_MAX 20000

/* Where a run of cached glyphs goes: advances follow the glyphs in a second array. */
static inline int *
word_advances (Word *w)
{
  return (int *) (gpointer) (w->glyph + MAX (w->n_glyphs, 0));
}

typedef struct {
  Pdf         *pdf;
  GHashTable  *counts;         /* "kecamatan\x1fdesa" folded -> count */
  char        *kecamatan;      /* the desa in progress, NULL before the first row */
  char        *desa;
  guint        n;              /* row number within the desa */
  PangoLayout *layouts[UNCOLLECTED_N_COLUMNS];
  GlyphCache   glyphs;
} UncollectedPdf;

static const Column uncollected_columns[UNCOLLECTED_N_COLUMNS] = {
  { "No", 26, RIGHT, FALSE }, { "Nama", 130, LEFT, FALSE },
  { "NIK (disamarkan)", 92, LEFT, TRUE }, { "Nomor kartu", 72, LEFT, TRUE },
  { "Alamat", 131.28, LEFT, FALSE }, { "Tumpukan", 72, LEFT, FALSE },
};
/* Row number, masked NIK and card number: digits and '*' on one line. */
static const gboolean uncollected_fixed[UNCOLLECTED_N_COLUMNS] = { TRUE, FALSE, TRUE, TRUE,
                                                                   FALSE, FALSE };

static char *
desa_key (const char *kecamatan, const char *desa)
{
  g_autofree char *key = g_strconcat (kecamatan, "\x1f", desa, NULL);
  /* NOCASE, as SQLite groups and orders them: ASCII letters only. */
  return g_ascii_strdown (key, -1);
}

/* Caches one glyph and advance per printable ASCII character of the cell font, each shaped
 * alone (no kerning pair can creep into an advance). Any surprise (a character that is not
 * one glyph of the same font) leaves it unusable and every cell takes Pango's way. */
static void
glyph_cache_init (GlyphCache *gc, Pdf *pdf)
{
  PangoLayout *layout = fit_layout_new (pdf->cr, FALSE);
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_layout_get_font_description (layout));

  gc->ready = TRUE;
  gc->usable = TRUE;
  gc->scratch = layout;
  gc->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* The size serah_text_fit gives a cell (points at 72 "dpi"). */
  pango_font_description_set_size (desc, (int) lround (CELL_SIZE * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  for (int c = 0x20; c < 0x7f && gc->usable; c++)
    {
      char ch[2] = { (char) c, 0 };
      PangoLayoutLine *line;
      PangoGlyphItem *run;
      PangoRectangle logical;

      pango_layout_set_text (layout, ch, 1);
      line = pango_layout_get_line_readonly (layout, 0);
      if (line == NULL || line->runs == NULL || line->runs->next != NULL)
        {
          gc->usable = FALSE;
          break;
        }
      run = line->runs->data;
      if (run->glyphs->num_glyphs != 1 || (run->glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        {
          gc->usable = FALSE;
          break;
        }
      if (gc->font == NULL)
        {
          gc->font = g_object_ref (run->item->analysis.font);
          gc->baseline = pango_layout_get_baseline (layout);
          pango_layout_line_get_extents (line, NULL, &logical);
          gc->line_height = logical.height;
        }
      else if (run->item->analysis.font != gc->font)
        {
          gc->usable = FALSE;
          break;
        }
      gc->glyph[c] = run->glyphs->glyphs[0].glyph;
      gc->advance[c] = run->glyphs->glyphs[0].geometry.width;
    }
  if (gc->usable)
    {
      pdf->glyph_font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (gc->font));
      pdf->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), 4096);
      gc->usable = pdf->glyph_font != NULL;
    }
}

static void
glyph_cache_clear (GlyphCache *gc)
{
  g_clear_object (&gc->font);
  g_clear_object (&gc->scratch);
  g_clear_pointer (&gc->words, g_hash_table_unref);
}

/* A word through the cache, shaped alone by Pango (HarfBuzz) the first time. */
static Word *
glyph_cache_word (GlyphCache *gc, const char *word, gsize len)
{
  g_autofree char *key = g_strndup (word, len);
  Word *w = g_hash_table_lookup (gc->words, key);
  PangoLayoutLine *line;
  PangoGlyphItem *run;

  if (w != NULL)
    return w;
  /* Memory stays flat however many names a register holds. */
  if (g_hash_table_size (gc->words) >= WORD_CACHE_MAX)
    g_hash_table_remove_all (gc->words);
  pango_layout_set_text (gc->scratch, key, (int) len);
  line = pango_layout_get_line_readonly (gc->scratch, 0);
  run = line != NULL && line->runs != NULL && line->runs->next == NULL &&
        pango_layout_get_line_count (gc->scratch) == 1 ? line->runs->data : NULL;
  if (run == NULL || run->item->analysis.font != gc->font || run->item->analysis.level % 2 != 0)
    {
      w = g_malloc0 (WORD_ALLOC (0));
      w->n_glyphs = -1;
    }
  else
    {
      PangoGlyphString *gs = run->glyphs;
      int *adv;

      w = g_malloc0 (WORD_ALLOC (gs->num_glyphs));
      w->n_glyphs = gs->num_glyphs;
      adv = word_advances (w);
      for (int i = 0; i < gs->num_glyphs; i++)
        {
          if ((gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) ||
              gs->glyphs[i].geometry.x_offset != 0 || gs->glyphs[i].geometry.y_offset != 0)
            {
              w->n_glyphs = -1;
              break;
            }
          w->glyph[i] = gs->glyphs[i].glyph;
          adv[i] = gs->glyphs[i].geometry.width;
          w->width += adv[i];
        }
    }
  g_hash_table_insert (gc->words, g_steal_pointer (&key), w);
  return w;
}

/* The one-line width of a fixed-format s (digits and the like, cached per character: every
 * NIK is new, and digits do not kern), or -1 when it must take Pango's way. */
static int
fixed_width (GlyphCache *gc, const char *s)
{
  int w = 0;

  if (!gc->usable)
    return -1;
  for (const guchar *c = (const guchar *) s; *c; c++)
    {
      if (*c < 0x21 || *c >= 0x7f)
        return -1;
      w += gc->advance[*c];
    }
  return w;
}

/* Sets s in lines of at most max_w (Pango units) from the cached words, breaking at spaces
 * as Pango does for such text (greedily; a line's trailing space takes no room). Returns
 * the number of lines, or -1 when a word is not cached or longer than a line: then Pango
 * lays the cell out. With pdf, queues the glyphs, the first baseline at (x, y). */
static int
set_words (Pdf *pdf, GlyphCache *gc, const char *s, int max_w, double x, double y)
{
  int lines = 1, line_w = 0;
  gboolean line_empty = TRUE;
  double at = x;

  if (!gc->usable)
    return -1;
  for (const char *p = s;;)
    {
      const char *end = strchr (p, ' ');
      gsize len = end ? (gsize) (end - p) : strlen (p);

      if (len > 0)
        {
          Word *word = glyph_cache_word (gc, p, len);
          const int *adv = word_advances (word);
          int space = line_empty ? 0 : gc->advance[' '];

          if (word->n_glyphs < 0 || word->width > max_w)
            return -1;
          if (!line_empty && line_w + space + word->width > max_w)
            {
              lines++;
              line_w = 0;
              space = 0;
              at = x;
              y += gc->line_height / (double) PANGO_SCALE;
            }
          line_w += space + word->width;
          at += space / (double) PANGO_SCALE;
          line_empty = FALSE;
          for (int i = 0; pdf != NULL && i < word->n_glyphs; i++)
            {
              cairo_glyph_t g = { word->glyph[i], at, y };
              g_array_append_val (pdf->glyphs, g);
              at += adv[i] / (double) PANGO_SCALE;
            }
          if (pdf == NULL)
            at += word->width / (double) PANGO_SCALE;
        }
      else if (p != s)
        return -1; /* two spaces in a row: Pango keeps them, this does not */
      if (end == NULL)
        break;
      p = end + 1;
    }
  return lines;
}

/* Queues the glyphs of a one-line fixed-format s, its baseline's left end at (x, y). */
static void
queue_fixed (Pdf *pdf, GlyphCache *gc, const char *s, double x, double y)
{
  for (const guchar *c = (const guchar *) s; *c; c++)
    {
      cairo_glyph_t g = { gc->glyph[*c], x, y };
      g_array_append_val (pdf->glyphs, g);
      x += gc->advance[*c] / (double) PANGO_SCALE;
    }
}

/* Measures a cell in its column's layout, in a box at the origin (translated when drawn:
 * the fit of a top-aligned cell does not depend on where its box is). */
static double
measure_cell (UncollectedPdf *u, guint i, const char *s, SerahTextFit *fit)
{
  const Column *c = &uncollected_columns[i];
  PangoLayout *layout = u->layouts[i];
  g_autoptr(PangoFontDescription) desc =
    pango_font_description_copy (pango_layout_get_font_description (layout));
  SerahFitStyle style = { CELL_SIZE, c->identifier ? CELL_SIZE * 0.75 : CELL_SIZE,
                          c->identifier ? SERAH_FIT_POLICY_IDENTIFIER : SERAH_FIT_POLICY_CELL,
                          1, column_align (c), SERAH_FIT_VALIGN_TOP };
  SerahFitBox box = { 0, 0, c->width - 6, 0 };

  /* Identifiers stay one line: they are fitted to the row's height when drawn. */
  if (c->identifier)
    {
      pango_layout_set_text (layout, s, -1);
      return 0;
    }
  pango_layout_set_text (layout, s, -1);
  serah_text_fit (layout, desc, &style, &box, fit);
  return MAX (fit->logical.height, fit->ink.y + fit->ink.height) / (double) PANGO_SCALE;
}

/* A cell's line width in Pango units, as serah_text_fit sets it. */
static int
line_width (const Column *c)
{
  return (int) floor ((c->width - 6) * PANGO_SCALE);
}

static gboolean
uncollected_pdf_row (const SerahUncollectedRow *r, gpointer user_data, GError **error)
{
  UncollectedPdf *u = user_data;
  Pdf *pdf = u->pdf;
  char no[16];
  const char *cells[UNCOLLECTED_N_COLUMNS] = { no, r->name, r->nik_masked, r->card_no,
                                               r->address, r->stack };
  SerahTextFit fits[UNCOLLECTED_N_COLUMNS];
  int widths[UNCOLLECTED_N_COLUMNS];
  int lines[UNCOLLECTED_N_COLUMNS];
  gboolean fast[UNCOLLECTED_N_COLUMNS];
  double h = 0, x = MARGIN;

  if (u->kecamatan == NULL || g_ascii_strcasecmp (u->kecamatan, r->kecamatan) != 0 ||
      g_ascii_strcasecmp (u->desa, r->desa) != 0)
    {
      g_autofree char *key = desa_key (r->kecamatan, r->desa);
      g_autofree char *heading = NULL;
      g_autofree char *count = NULL;

      if (u->kecamatan != NULL)
        end_table (pdf);
      g_free (u->kecamatan);
      g_free (u->desa);
      u->kecamatan = g_strdup (r->kecamatan);
      u->desa = g_strdup (r->desa);
      u->n = 0;
      /* Each desa on its own pages: they go to different village offices. */
      pdf->columns = NULL;
      new_page (pdf);
      heading = g_strdup_printf ("Desa %s, Kecamatan %s", *r->desa ? r->desa : "(tanpa desa)",
                                 *r->kecamatan ? r->kecamatan : "(tanpa kecamatan)");
      count = g_strdup_printf ("%u peserta belum mengambil kartu JKN-KIS. Mohon bantuan Pemerintah "
                               "Desa untuk menyampaikan kepada peserta agar mengambil kartunya.",
                               GPOINTER_TO_UINT (g_hash_table_lookup (u->counts, key)));
      pdf->y += text (pdf, heading, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, 12, TRUE, PANGO_ALIGN_LEFT, 0.1) + 2;
      pdf->y += paragraph (pdf, count, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, 9, 0.3) + 8;
      begin_table (pdf, uncollected_columns, UNCOLLECTED_N_COLUMNS);
    }
  g_snprintf (no, sizeof no, "%u", ++u->n);
  if (pdf->doc->fit_report != NULL)
    {
      g_autofree char *record = g_strdup_printf ("%s %s", r->card_no, r->name);
      serah_fit_report_set_record (pdf->doc->fit_report, record);
    }

  /* Measure: the row is as tall as its tallest wrapped cell. */
  for (guint i = 0; i < UNCOLLECTED_N_COLUMNS; i++)
    {
      const char *s = cells[i] ? cells[i] : "";

      /* A point to spare (for an ink overhang): then no fitting is needed. */
      int max_w = (int) ((uncollected_columns[i].width - 6) * PANGO_SCALE) - PANGO_SCALE;

      if (uncollected_fixed[i])
        {
          widths[i] = fixed_width (&u->glyphs, s);
          lines[i] = 1;
          fast[i] = widths[i] >= 0 && widths[i] <= max_w;
        }
      else
        {
          /* Names and addresses repeat word by word: words are shaped once. */
          widths[i] = 0;
          /* Broken where Pango breaks them: at the column's full width. */
          lines[i] = set_words (NULL, &u->glyphs, s, line_width (&uncollected_columns[i]), 0, 0);
          fast[i] = lines[i] > 0;
        }
      if (fast[i])
        {
          if (!uncollected_columns[i].identifier)
            h = MAX (h, lines[i] * u->glyphs.line_height / (double) PANGO_SCALE);
          continue;
        }
      h = MAX (h, measure_cell (u, i, s, &fits[i]));
    }
  h = MAX (ROW_H, h + 4);

  need (pdf, h);
  if (u->n % 2 == 0)
    {
      cairo_set_source_rgb (pdf->cr, 0.95, 0.97, 0.96);
      cairo_rectangle (pdf->cr, MARGIN, pdf->y, PAGE_W - 2 * MARGIN, h);
      cairo_fill (pdf->cr);
    }
  cairo_set_source_rgb (pdf->cr, 0.12, 0.12, 0.12);
  for (guint i = 0; i < UNCOLLECTED_N_COLUMNS; i++)
    {
      const Column *c = &uncollected_columns[i];
      double bx = x + 3, by = pdf->y + 2, bw = c->width - 6;

      x += c->width;
      if (fast[i])
        {
          double w = widths[i] / (double) PANGO_SCALE;
          SerahTextFit ok = { .size_pt = CELL_SIZE, .lines = lines[i], .outcome = SERAH_FIT_OK };

          serah_text_fit_note (pdf->doc->fit_report, c->title, cells[i], &ok);
          if (uncollected_fixed[i])
            queue_fixed (pdf, &u->glyphs, cells[i] ? cells[i] : "",
                         c->align == RIGHT ? bx + bw - w : bx,
                         by + u->glyphs.baseline / (double) PANGO_SCALE);
          else
            set_words (pdf, &u->glyphs, cells[i] ? cells[i] : "",
                       line_width (c), bx,
                       by + u->glyphs.baseline / (double) PANGO_SCALE);
          continue;
        }
      if (c->identifier)
        {
          /* Fitted to the row's real height, as a one-line identifier is. */
          SerahFitBox box = { 0, 0, bw, h - 2 };
          g_autoptr(PangoFontDescription) desc =
            pango_font_description_copy (pango_layout_get_font_description (u->layouts[i]));
          SerahFitStyle style = { CELL_SIZE, CELL_SIZE * 0.75, SERAH_FIT_POLICY_IDENTIFIER, 1,
                                  column_align (c), SERAH_FIT_VALIGN_TOP };
          serah_text_fit (u->layouts[i], desc, &style, &box, &fits[i]);
        }
      serah_text_fit_note (pdf->doc->fit_report, c->title, cells[i], &fits[i]);
      cairo_move_to (pdf->cr, bx + fits[i].x, by + fits[i].y);
      pango_cairo_show_layout (pdf->cr, u->layouts[i]);
    }
  cairo_new_path (pdf->cr);
  pdf->y += h;
  pdf->rows_on_page++;
  return TRUE;
}

static gboolean
write_uncollected (Pdf *pdf, GError **error)
{
  const SerahReportDoc *doc = pdf->doc;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GHashTable) by_desa = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  UncollectedPdf u = { pdf, by_desa };
  gboolean ok;

  /* Each desa's heading says how many it has before its rows are drawn. */
  counts = serah_store_report_uncollected_counts (doc->uncollected_store, doc->ceremony_id, error);
  if (counts == NULL)
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    {
      const SerahCoverageRow *c = counts->pdata[i];
      g_autofree char *key = desa_key (c->kecamatan, c->desa);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (by_desa, key));

      /* A NULL desa and an empty one come as two groups and are one run of the list. */
      g_hash_table_insert (by_desa, g_steal_pointer (&key),
                           GUINT_TO_POINTER (n + (guint) c->not_collected));
    }
  for (guint i = 0; i < UNCOLLECTED_N_COLUMNS; i++)
    u.layouts[i] = fit_layout_new (pdf->cr, FALSE);
  glyph_cache_init (&u.glyphs, pdf);
  ok = serah_store_report_uncollected_foreach (doc->uncollected_store, doc->ceremony_id,
                                               uncollected_pdf_row, &u, error);
  if (ok && u.kecamatan == NULL)
    {
      new_page (pdf);
      text (pdf, "Semua kartu sudah diambil.", MARGIN, pdf->y, 0, 11, FALSE, PANGO_ALIGN_LEFT, 0.2);
    }
  else if (ok)
    end_table (pdf);
  for (guint i = 0; i < UNCOLLECTED_N_COLUMNS; i++)
    g_clear_object (&u.layouts[i]);
  glyph_cache_clear (&u.glyphs);
  g_free (u.kecamatan);
  g_free (u.desa);
  return ok;
}

/* ---- indicators ---- */

/* issue 15: the outreach indicators, on pages of their own after the card's. */
static void
section (Pdf *pdf, const char *title)
{
  need (pdf, 60);
  text (pdf, title, MARGIN, pdf->y, 0, 11, TRUE, PANGO_ALIGN_LEFT, 0.1);
  pdf->y += 20;
}

static void
write_outreach (Pdf *pdf, const SerahOutreachIndicators *o)
{
  static const Column timeline_columns[] = {
    { "Bulan", 70, LEFT }, { "Desa", 163.28, LEFT }, { "Pendaftaran baru", 80, RIGHT },
    { "Sudah jadi peserta", 80, RIGHT }, { "Kegiatan", 65, RIGHT }, { "Hadir", 65, RIGHT },
  };
  static const Column skm_columns[] = {
    { "Unsur", 253.28, LEFT }, { "NRR", 70, RIGHT }, { "Konversi", 70, RIGHT },
    { "Mutu", 130, LEFT },
  };
  static const Column complaint_columns[] = {
    { "Bulan", 160, LEFT }, { "Diterima", 180, RIGHT }, { "Selesai", 183.28, RIGHT },
  };
  g_autofree char *period = g_strdup_printf ("Periode: %s sampai %s",
                                             o->from ? o->from : "awal", o->to ? o->to : "kini");

  new_page (pdf);
  text (pdf, "Indikator sosialisasi", MARGIN, pdf->y, 0, 13, TRUE, PANGO_ALIGN_LEFT, 0.1);
  pdf->y += 20;
  text (pdf, period, MARGIN, pdf->y, 0, 9.5, FALSE, PANGO_ALIGN_LEFT, 0.35);
  pdf->y += 18;
  {
    g_autofree char *reg = num (o->registrations), *act = num (o->activities);
    g_autofree char *line = g_strdup_printf ("Pendaftaran baru: %s, pada %s kegiatan sosialisasi.",
                                             reg, act);
    text (pdf, line, MARGIN, pdf->y, 0, 10, FALSE, PANGO_ALIGN_LEFT, 0.1);
    pdf->y += 18;
  }
  chart (pdf, "Pendaftaran baru per bulan dan kegiatan sosialisasi", 200,
         (ChartFunc) serah_report_draw_outreach_timeline_chart, o);

  section (pdf, "Pendaftaran baru per bulan dan desa");
  begin_table (pdf, timeline_columns, G_N_ELEMENTS (timeline_columns));
  for (guint i = 0; i < o->timeline->len; i++)
    {
      char **r = o->timeline->pdata[i];
      const char *cells[] = { r[0], r[1][0] ? r[1] : "(tanpa desa)", r[2], r[3], r[4], r[5] };
      table_row (pdf, cells, FALSE, i % 2 == 1);
    }
  end_table (pdf);

  chart (pdf, "Pemahaman JKN sebelum dan sesudah kegiatan (rata-rata skor)", 90,
         (ChartFunc) serah_report_draw_understanding_chart, o);

  new_page (pdf);
  {
    g_autofree char *line = NULL;
    if (o->skm.respondents > 0)
      {
        g_autofree char *ikm = serah_format_decimal (o->skm.converted, 2);
        g_autofree char *n = num (o->skm.respondents);
        line = g_strdup_printf ("IKM %s, mutu pelayanan %s (%s), dari %s responden "
                                "(PermenPAN-RB 14/2017).", ikm,
                                serah_skm_grade_letter (o->skm.grade),
                                serah_skm_grade_label (o->skm.grade), n);
      }
    else
      line = g_strdup ("Belum ada jawaban SKM dalam periode ini.");
    section (pdf, "Survei Kepuasan Masyarakat (SKM)");
    text (pdf, line, MARGIN, pdf->y, 0, 10, FALSE, PANGO_ALIGN_LEFT, 0.1);
    pdf->y += 18;
  }
  chart (pdf, "Nilai per unsur pelayanan (konversi 25-100) dan IKM", 270,
         (ChartFunc) serah_report_draw_skm_chart, o);
  if (o->skm.respondents > 0)
    {
      begin_table (pdf, skm_columns, G_N_ELEMENTS (skm_columns));
      for (guint i = 0; i <= SERAH_SKM_ELEMENTS; i++)
        {
          gboolean total = i == SERAH_SKM_ELEMENTS;
          g_autofree char *u = total ? g_strdup ("IKM")
                                     : g_strdup_printf ("U%u %s", i + 1, serah_skm_element_name (i));
          g_autofree char *nrr = serah_format_decimal (total ? o->skm.index : o->skm.nrr[i], 3);
          g_autofree char *conv = serah_format_decimal (total ? o->skm.converted
                                                              : o->skm.converted_element[i], 2);
          SerahSkmGrade g = total ? o->skm.grade : o->skm.element_grade[i];
          g_autofree char *grade = g_strdup_printf ("%s (%s)", serah_skm_grade_letter (g),
                                                    serah_skm_grade_label (g));
          const char *cells[] = { u, nrr, conv, grade };
          table_row (pdf, cells, total, i % 2 == 1);
        }
      end_table (pdf);
    }

  {
    g_autofree char *got = num (o->complaints_received), *done = num (o->complaints_resolved);
    g_autofree char *open = num (o->open_now);
    g_autofree char *oldest = o->oldest_open_days >= 0 ? num (o->oldest_open_days) : g_strdup ("-");
    g_autofree char *line = g_strdup_printf ("Pengaduan: %s diterima, %s selesai; %s masih "
                                             "terbuka, yang terlama %s hari.", got, done, open,
                                             oldest);
    /* The heading, its line and the chart stay together on one page. */
    need (pdf, 38 + 170 + 24 + 14);
    section (pdf, "Umpan balik dan pengaduan");
    text (pdf, line, MARGIN, pdf->y, 0, 10, FALSE, PANGO_ALIGN_LEFT, 0.1);
    pdf->y += 18;
  }
  chart (pdf, "Pengaduan diterima dan selesai per bulan; yang terbuka menurut umur", 170,
         (ChartFunc) serah_report_draw_complaints_chart, o);
  begin_table (pdf, complaint_columns, G_N_ELEMENTS (complaint_columns));
  for (guint i = 0; i < o->complaint_months->len; i++)
    {
      char **r = o->complaint_months->pdata[i];
      const char *cells[] = { r[0], r[1], r[2] };
      table_row (pdf, cells, FALSE, i % 2 == 1);
    }
  end_table (pdf);
}

static void
write_indicators (Pdf *pdf)
{
  static const Column import_columns[] = {
    { "Tanggal", 80, LEFT }, { "Berkas", 170, LEFT }, { "Baris", 50, RIGHT },
    { "Baru", 50, RIGHT }, { "Diperbarui", 58, RIGHT }, { "Ditolak", 50, RIGHT },
    { "Total", 65.28, RIGHT },
  };
  static const Column daily_columns[] = {
    { "Tanggal", 160, LEFT }, { "Sendiri", 120, RIGHT }, { "Wakil", 120, RIGHT },
    { "Total", 123.28, RIGHT },
  };
  const SerahIndicators *ind = pdf->doc->indicators;

  new_page (pdf);
  chart (pdf, "Peserta dimuat (kumulatif per impor)", 170, (ChartFunc) serah_report_draw_imports_chart, ind);
  chart (pdf, "Kartu diserahkan per hari", 190, (ChartFunc) serah_report_draw_daily_chart, ind);
  chart (pdf, "Penilaian kepuasan (testimoni)", 170, (ChartFunc) serah_report_draw_rating_chart, ind);
  chart (pdf, "Topik testimoni", 30.0 + 28.0 * MIN (MAX (ind->tags->len, 1), 8),
         (ChartFunc) serah_report_draw_tags_chart, ind);

  need (pdf, 60);
  text (pdf, "Impor daftar peserta", MARGIN, pdf->y, 0, 11, TRUE, PANGO_ALIGN_LEFT, 0.1);
  pdf->y += 20;
  begin_table (pdf, import_columns, G_N_ELEMENTS (import_columns));
  for (guint i = 0; i < ind->imports->len; i++)
    {
      const SerahImportPoint *p = ind->imports->pdata[i];
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (p->at);
      g_autofree char *when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
      g_autofree char *a = num (p->rows), *b = num (p->imported), *c = num (p->updated);
      g_autofree char *d = num (p->rejected), *e = num (p->cumulative);
      const char *cells[] = { when, p->file_name, a, b, c, d, e };
      table_row (pdf, cells, FALSE, i % 2 == 1);
    }
  end_table (pdf);

  need (pdf, 60);
  text (pdf, "Serah terima per hari", MARGIN, pdf->y, 0, 11, TRUE, PANGO_ALIGN_LEFT, 0.1);
  pdf->y += 20;
  begin_table (pdf, daily_columns, G_N_ELEMENTS (daily_columns));
  for (guint i = 0; i < ind->daily->len; i++)
    {
      const SerahDailyHandovers *p = ind->daily->pdata[i];
      g_autofree char *a = num (p->to_self), *b = num (p->to_representative);
      g_autofree char *c = num (p->to_self + p->to_representative);
      const char *cells[] = { p->date, a, b, c };
      table_row (pdf, cells, FALSE, i % 2 == 1);
    }
  end_table (pdf);

  if (pdf->doc->outreach != NULL)
    write_outreach (pdf, pdf->doc->outreach);
}

gboolean
serah_report_write_pdf (const SerahReportDoc *doc, const char *path, GError **error)
{
  g_autoptr(SerahOutput) out = serah_output_begin (path, SERAH_OUTPUT_REPLACE, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean ok = TRUE;
  Pdf pdf = { 0 };

  if (out == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (serah_output_get_temp_path (out), PAGE_W, PAGE_H);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  pdf.cr = cairo_create (surface);
  pdf.doc = doc;
  if (doc->coverage != NULL)
    {
      pdf.report_title = "Cakupan penyerahan kartu JKN-KIS";
      write_coverage (&pdf);
    }
  else if (doc->uncollected_store != NULL)
    {
      pdf.report_title = "Kartu JKN-KIS yang belum diambil";
      ok = write_uncollected (&pdf, error);
    }
  else
    {
      pdf.report_title = "Indikator pemantauan";
      write_indicators (&pdf);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf.report_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Serah " PACKAGE_VERSION);
  flush_glyphs (&pdf);
  cairo_show_page (pdf.cr);
  g_clear_pointer (&pdf.glyphs, g_array_unref);
  g_clear_object (&pdf.cell);
  g_clear_object (&pdf.cell_bold);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_FAILED, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return serah_output_commit (out, error);
}
