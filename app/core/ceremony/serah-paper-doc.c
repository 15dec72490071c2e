/* serah-paper-doc.c: the page-flow engine behind the ceremony PDFs: pages, paragraphs,
 * tables whose header repeats on every page, footers with "Halaman X dari Y". */
#define G_LOG_DOMAIN "serah-paper"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ceremony/serah-paper-private.h"
#include "output/serah-text-fit.h"

void
serah_paper_doc_init (SerahPaperDoc *doc, cairo_t *cr, int total_pages, const char *footer)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  memset (doc, 0, sizeof *doc);
  doc->cr = cr;
  doc->total_pages = total_pages;
  doc->footer = g_strdup (footer);
  /* Indonesian official documents: 2.5 cm binding margin on the left, 2 cm elsewhere. */
  doc->left = 25 * SERAH_PAPER_MM;
  doc->right = SERAH_PAPER_A4_WIDTH - 15 * SERAH_PAPER_MM;
  doc->top = 15 * SERAH_PAPER_MM;
  doc->bottom = SERAH_PAPER_A4_HEIGHT - 18 * SERAH_PAPER_MM;
  doc->y = doc->top;
  doc->page = 1;

  /* One context for measuring and drawing, 72 dpi so Pango units are points, and no hinted
   * metrics, so both passes break lines at exactly the same places. */
  doc->pango = pango_font_map_create_context (serah_fonts_get_font_map ());
  pango_cairo_context_set_resolution (doc->pango, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->pango, options);
  cairo_font_options_destroy (options);
  doc->layout = pango_layout_new (doc->pango);
}

void
serah_paper_doc_clear (SerahPaperDoc *doc)
{
  g_clear_object (&doc->layout);
  g_clear_object (&doc->pango);
  g_clear_pointer (&doc->footer, g_free);
}

double
serah_paper_doc_fit_text (SerahPaperDoc *doc, double x, double y, double w, const char *font,
                          const char *text, gboolean markup, SerahPaperAlign align, int max_lines,
                          gboolean identifier, const char *field)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  PangoLayout *layout = doc->layout;
  double size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  /* Only width limits paper text: the page flow decides where it goes down the page. */
  SerahFitBox box = { x, y, w, 1e6 };
  SerahFitStyle style = { size, identifier ? size * 0.8 : size,
                          identifier ? SERAH_FIT_POLICY_IDENTIFIER
                          : max_lines > 0 ? SERAH_FIT_POLICY_TEXT : SERAH_FIT_POLICY_CELL,
                          MAX (max_lines, 1),
                          align == SERAH_PAPER_ALIGN_CENTER ? PANGO_ALIGN_CENTER
                          : align == SERAH_PAPER_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                             : PANGO_ALIGN_LEFT,
                          SERAH_FIT_VALIGN_TOP };
  SerahTextFit fit;

  if (text == NULL || *text == '\0')
    return 0;
  pango_layout_set_justify (layout, align == SERAH_PAPER_ALIGN_JUSTIFY);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    {
      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, text, -1);
    }
  serah_text_fit (layout, desc, &style, &box, &fit);
  /* Noted once, while drawing: the measuring passes lay out the same text. */
  if (doc->cr != NULL)
    {
      serah_text_fit_note (doc->report, field ? field : "teks", pango_layout_get_text (layout),
                           &fit);
      cairo_move_to (doc->cr, fit.x, fit.y);
      pango_cairo_show_layout (doc->cr, layout);
    }
  return fit.logical.height / (double) PANGO_SCALE;
}

double
serah_paper_doc_text_at (SerahPaperDoc *doc, double x, double y, double w, const char *font,
                         const char *text, gboolean markup, SerahPaperAlign align, int max_lines)
{
  return serah_paper_doc_fit_text (doc, x, y, w, font, text, markup, align, max_lines, FALSE,
                                   NULL);
}

static void
draw_footer (SerahPaperDoc *doc)
{
  g_autofree char *pages = NULL;
  double y = doc->bottom + 4 * SERAH_PAPER_MM;

  if (doc->cr == NULL)
    return;
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.45, 0.45, 0.45);
  cairo_set_line_width (doc->cr, 0.4);
  cairo_move_to (doc->cr, doc->left, y - 1.5 * SERAH_PAPER_MM);
  cairo_line_to (doc->cr, doc->right, y - 1.5 * SERAH_PAPER_MM);
  cairo_stroke (doc->cr);
  /* The documents are Indonesian whatever the language of the program. */
  pages = g_strdup_printf ("Halaman %d dari %d", doc->page, doc->total_pages);
  /* The footer belongs to the document, not to the row drawn last. */
  if (doc->report != NULL)
    serah_fit_report_set_record (doc->report, "dokumen");
  serah_paper_doc_fit_text (doc, doc->left, y, (doc->right - doc->left) * 0.7,
                            SERAH_PAPER_SANS " 7", doc->footer, FALSE, SERAH_PAPER_ALIGN_LEFT, 1,
                            FALSE, "footer");
  serah_paper_doc_text_at (doc, doc->left, y, doc->right - doc->left, SERAH_PAPER_SANS " 7.5",
                           pages, FALSE, SERAH_PAPER_ALIGN_RIGHT, 1);
  cairo_restore (doc->cr);
}

void
serah_paper_doc_new_page (SerahPaperDoc *doc)
{
  draw_footer (doc);
  if (doc->cr != NULL)
    cairo_show_page (doc->cr);
  doc->page++;
  doc->y = doc->top;
  if (doc->page_start != NULL)
    doc->page_start (doc, doc->page_start_data);
  if (doc->columns != NULL)
    serah_paper_doc_table_header (doc);
}

void
serah_paper_doc_finish (SerahPaperDoc *doc)
{
  draw_footer (doc);
  if (doc->cr != NULL)
    cairo_show_page (doc->cr);
}

void
serah_paper_doc_need (SerahPaperDoc *doc, double height)
{
  if (doc->y + height > doc->bottom && doc->y > doc->top + 1)
    serah_paper_doc_new_page (doc);
}

void
serah_paper_doc_paragraph (SerahPaperDoc *doc, const char *font, const char *text,
                           gboolean markup, SerahPaperAlign align, double indent,
                           double space_after)
{
  cairo_t *cr = doc->cr;
  double w = doc->right - doc->left - indent;
  double h;

  /* Measure first (nothing drawn), then draw where it fits. */
  doc->cr = NULL;
  h = serah_paper_doc_text_at (doc, 0, 0, w, font, text, markup, align, 0);
  doc->cr = cr;
  serah_paper_doc_need (doc, h);
  serah_paper_doc_text_at (doc, doc->left + indent, doc->y, w, font, text, markup, align, 0);
  doc->y += h + space_after;
}

void
serah_paper_doc_label_value (SerahPaperDoc *doc, const char *font, const char *label,
                             const char *value_markup, double label_width, double space_after)
{
  cairo_t *cr = doc->cr;
  double w = doc->right - doc->left - label_width;
  double h;

  doc->cr = NULL;
  h = serah_paper_doc_fit_text (doc, 0, 0, w, font, value_markup, TRUE, SERAH_PAPER_ALIGN_LEFT,
                                0, FALSE, label);
  h = MAX (h, serah_paper_doc_text_at (doc, 0, 0, label_width - 8, font, label, FALSE,
                                       SERAH_PAPER_ALIGN_LEFT, 0));
  doc->cr = cr;
  serah_paper_doc_need (doc, h);
  if (doc->cr != NULL)
    {
      serah_paper_doc_text_at (doc, doc->left, doc->y, label_width - 8, font, label, FALSE,
                               SERAH_PAPER_ALIGN_LEFT, 0);
      serah_paper_doc_text_at (doc, doc->left + label_width - 8, doc->y, 8, font, ":", FALSE,
                               SERAH_PAPER_ALIGN_LEFT, 1);
      serah_paper_doc_fit_text (doc, doc->left + label_width, doc->y, w, font, value_markup, TRUE,
                                SERAH_PAPER_ALIGN_LEFT, 0, FALSE, label);
    }
  doc->y += h + space_after;
}

void
serah_paper_doc_rule (SerahPaperDoc *doc, double line_width, double space_after)
{
  if (doc->cr != NULL)
    {
      cairo_set_line_width (doc->cr, line_width);
      cairo_move_to (doc->cr, doc->left, doc->y);
      cairo_line_to (doc->cr, doc->right, doc->y);
      cairo_stroke (doc->cr);
    }
  doc->y += space_after;
}

/* ---- tables ---- */

static void
grid_row (SerahPaperDoc *doc, double top, double height, double shade)
{
  cairo_t *cr = doc->cr;
  double x = doc->left;

  if (shade > 0)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 1 - shade, 1 - shade, 1 - shade);
      for (guint i = 0; i < doc->n_columns; i++)
        x += doc->columns[i].width;
      cairo_rectangle (cr, doc->left, top, x - doc->left, height);
      cairo_fill (cr);
      cairo_restore (cr);
      x = doc->left;
    }
  cairo_set_line_width (cr, 0.6);
  for (guint i = 0; i < doc->n_columns; i++)
    {
      cairo_rectangle (cr, x, top, doc->columns[i].width, height);
      x += doc->columns[i].width;
    }
  cairo_stroke (cr);
}

#define HEADER_FONT SERAH_PAPER_SANS " Bold 7.5"
#define CELL_PAD 2.5

void
serah_paper_doc_table_header (SerahPaperDoc *doc)
{
  double x = doc->left;
  double top = doc->y;

  g_return_if_fail (doc->columns != NULL);

  if (doc->cr != NULL)
    {
      grid_row (doc, top, doc->header_height, 0.13);
      for (guint i = 0; i < doc->n_columns; i++)
        {
          const SerahPaperColumn *c = &doc->columns[i];
          double h;
          cairo_t *cr = doc->cr;

          /* Header titles centred vertically in their cell, wrapped as they need (the header
           * row is as tall as its tallest title, see table_open). */
          doc->cr = NULL;
          h = serah_paper_doc_fit_text (doc, 0, 0, c->width - 4, HEADER_FONT, c->title, FALSE,
                                        SERAH_PAPER_ALIGN_CENTER, 0, FALSE, c->title);
          doc->cr = cr;
          serah_paper_doc_fit_text (doc, x + 2, top + (doc->header_height - h) / 2, c->width - 4,
                                    HEADER_FONT, c->title, FALSE, SERAH_PAPER_ALIGN_CENTER, 0,
                                    FALSE, c->title);
          x += c->width;
        }
    }
  doc->y += doc->header_height;
  doc->rows_on_page = 0;
}

void
serah_paper_doc_table_open (SerahPaperDoc *doc, const SerahPaperColumn *columns, guint n_columns,
                            double header_height, double row_height)
{
  cairo_t *cr = doc->cr;

  /* The header row grows to its tallest title: a title never runs out of its cell. */
  doc->cr = NULL;
  for (guint i = 0; i < n_columns; i++)
    header_height = MAX (header_height,
                         serah_paper_doc_fit_text (doc, 0, 0, columns[i].width - 4, HEADER_FONT,
                                                   columns[i].title, FALSE,
                                                   SERAH_PAPER_ALIGN_CENTER, 0, FALSE, NULL) + 6);
  doc->cr = cr;
  /* A header alone at the foot of a page helps nobody: keep it with two rows. */
  doc->columns = NULL;
  serah_paper_doc_need (doc, header_height + 2 * row_height);
  doc->columns = columns;
  doc->n_columns = n_columns;
  doc->header_height = header_height;
  doc->row_height = row_height;
  doc->table_first_page = doc->page;
  serah_paper_doc_table_header (doc);
}

static gboolean
is_early_break (SerahPaperDoc *doc, guint ordinal)
{
  if (doc->early_breaks == NULL)
    return FALSE;
  for (guint i = 0; i < doc->early_breaks->len; i++)
    if (g_array_index (doc->early_breaks, guint, i) == ordinal)
      return TRUE;
  return FALSE;
}

double
serah_paper_doc_table_row (SerahPaperDoc *doc, const char *const *cells, const char *font,
                           double shade)
{
  cairo_t *cr = doc->cr;
  double top, x, height = doc->row_height;

  g_return_val_if_fail (doc->columns != NULL, doc->y);

  /* The row is as tall as its tallest cell: text wraps inside its column and the row grows,
   * never spilling into the next row or being cut. */
  doc->cr = NULL;
  for (guint i = 0; i < doc->n_columns; i++)
    if (cells[i] != NULL)
      height = MAX (height, serah_paper_doc_fit_text (doc, 0, 0,
                                                      doc->columns[i].width - 2 * CELL_PAD, font,
                                                      cells[i], TRUE, doc->columns[i].align, 0,
                                                      doc->columns[i].identifier, NULL)
                              + 2 * CELL_PAD);
  doc->cr = cr;

  if (doc->y + height > doc->bottom ||
      (doc->rows_on_page > 0 && is_early_break (doc, doc->row_ordinal)))
    serah_paper_doc_new_page (doc);
  top = doc->y;
  doc->y += height;
  doc->row_ordinal++;
  doc->rows_on_page++;
  if (doc->cr == NULL)
    return top;

  grid_row (doc, top, height, shade);
  x = doc->left;
  for (guint i = 0; i < doc->n_columns; i++)
    {
      const SerahPaperColumn *c = &doc->columns[i];

      if (cells[i] != NULL)
        serah_paper_doc_fit_text (doc, x + CELL_PAD, top + CELL_PAD, c->width - 2 * CELL_PAD, font,
                                  cells[i], TRUE, c->align, 0, c->identifier, c->title);
      x += c->width;
    }
  return top;
}

void
serah_paper_doc_table_close (SerahPaperDoc *doc)
{
  /* A table whose last page holds one row: the row before it should start that page. */
  if (doc->columns != NULL && doc->orphans != NULL && doc->page > doc->table_first_page &&
      doc->rows_on_page == 1 && doc->row_ordinal >= 2)
    {
      guint ordinal = doc->row_ordinal - 2;
      g_array_append_val (doc->orphans, ordinal);
    }
  doc->columns = NULL;
  doc->n_columns = 0;
}

/* ---- writing ---- */

static cairo_status_t
write_to_stream (void *closure, const unsigned char *data, unsigned int length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                     : CAIRO_STATUS_WRITE_ERROR;
}

int
serah_paper_doc_write (const char *path, const char *title, const char *footer,
                       SerahPaperDrawFunc draw, gpointer user_data, SerahFitReport *report,
                       GCancellable *cancellable, GError **error)
{
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  SerahPaperDoc doc;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  FILE *out;
  int pages;
  gboolean ok;

  /* Pass 1: measure, noting tables that would end with a lonely row; if any, measure again
   * with the page broken one row earlier there (that cannot leave another lonely row: the
   * moved row goes with the last one). */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (guint));

      serah_paper_doc_init (&doc, NULL, 0, footer);
      doc.cancellable = cancellable;
      doc.early_breaks = breaks;
      doc.orphans = orphans;
      ok = draw (&doc, user_data, error);
      pages = doc.page;
      serah_paper_doc_clear (&doc);
      if (!ok)
        return 0;
      if (orphans->len == 0)
        break;
      g_array_append_vals (breaks, orphans->data, orphans->len);
    }

  /* Pass 2: draw, into a temporary file next to the target. */
  tmp = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  out = g_fopen (tmp, "wb");
  if (out == NULL)
    {
      int saved = errno;
      g_set_error (error, SERAH_PAPER_ERROR, SERAH_PAPER_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return 0;
    }
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, out, SERAH_PAPER_A4_WIDTH,
                                                 SERAH_PAPER_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Serah " PACKAGE_VERSION);
  cr = cairo_create (surface);
  serah_paper_doc_init (&doc, cr, pages, footer);
  doc.cancellable = cancellable;
  doc.early_breaks = breaks;
  doc.report = report;
  ok = draw (&doc, user_data, error);
  g_warn_if_fail (!ok || doc.page == pages);
  serah_paper_doc_clear (&doc);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (fflush (out) != 0 || fsync (fileno (out)) != 0)
    status = status ? status : CAIRO_STATUS_WRITE_ERROR;
  fclose (out);

  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_PAPER_ERROR, SERAH_PAPER_ERROR_WRITE, _("Cannot write “%s”: %s"),
                   path, cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, SERAH_PAPER_ERROR, SERAH_PAPER_ERROR_WRITE, _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_remove (tmp);
      return 0;
    }
  return pages;
}
