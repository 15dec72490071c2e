/* serah-paper-private.h: a small page-flow engine for A4 documents with Cairo and Pango
 * (serah-paper-doc.c), used by the ceremony documents in serah-paper.c.
 *
 * Each document is laid out at least twice with the same code: measuring (no cairo_t,
 * nothing drawn) to learn the number of pages, then drawing, so that every footer can say
 * "Halaman X dari Y". Text goes through the shared fitting routine (output/serah-text-fit.h):
 * table cells grow their row instead of spilling, identifier columns (NIK, card number) stay
 * on one line, headers grow the header row. When a table's last page would hold a single row,
 * a second measuring pass breaks the page one row earlier (early_breaks).
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <serah/ceremony/serah-paper.h>
#include <serah/output/serah-fit-report.h>
#include <serah/output/serah-fonts.h>

G_BEGIN_DECLS

#define SERAH_PAPER_A4_WIDTH  595.276 /* points: 210 mm */
#define SERAH_PAPER_A4_HEIGHT 841.890 /* 297 mm */
#define SERAH_PAPER_MM (72.0 / 25.4)

/* Font families with fallbacks: a Times-like serif for the formal text, a compact sans for
 * tables. fontconfig picks the first one installed. */
#define SERAH_PAPER_SERIF SERAH_FONT_SERIF
#define SERAH_PAPER_SANS  SERAH_FONT_SANS

typedef struct _SerahPaperDoc SerahPaperDoc;

typedef enum {
  SERAH_PAPER_ALIGN_LEFT,
  SERAH_PAPER_ALIGN_CENTER,
  SERAH_PAPER_ALIGN_RIGHT,
  SERAH_PAPER_ALIGN_JUSTIFY,
} SerahPaperAlign;

typedef struct {
  const char     *title;   /* header text (may contain "\n") */
  double          width;   /* points */
  SerahPaperAlign align;
  gboolean        identifier; /* one line, every character: shrinks, never wraps */
} SerahPaperColumn;

/* Called at the top of every page after the first (and of the first, before anything),
 * to draw running heads and repeat the open table's header. */
typedef void (*SerahPaperPageStartFunc) (SerahPaperDoc *doc, gpointer user_data);

struct _SerahPaperDoc
{
  cairo_t                *cr;        /* NULL while measuring */
  PangoContext           *pango;
  PangoLayout            *layout;
  double                  left, right, top, bottom; /* the text area, points from the corner */
  double                  y;         /* where the next block goes */
  int                     page;      /* 1-based */
  int                     total_pages; /* known while drawing, 0 while measuring */
  char                   *footer;    /* left part of the footer line */
  SerahPaperPageStartFunc page_start;
  gpointer                page_start_data;
  /* The open table: its header is repeated on every new page until closed. */
  const SerahPaperColumn *columns;
  guint                   n_columns;
  double                  header_height;
  double                  row_height;
  GCancellable           *cancellable;

  /* What did not fit (may be NULL), and the widow control of tables: rows are numbered
   * across the document; early_breaks (sorted, from a previous pass) start a new page
   * before those rows; orphans collects the rows that should have. */
  SerahFitReport         *report;
  guint                   row_ordinal;
  int                     table_first_page;
  guint                   rows_on_page;
  GArray                 *early_breaks; /* guint, not owned */
  GArray                 *orphans;      /* guint, not owned; NULL: not collected */
};

/* cr NULL = measuring. */
void     serah_paper_doc_init    (SerahPaperDoc *doc,
                                  cairo_t       *cr,
                                  int            total_pages,
                                  const char    *footer);
void     serah_paper_doc_clear   (SerahPaperDoc *doc);
/* Ends the current page (footer, show page) and starts the next (page_start). */
void     serah_paper_doc_new_page (SerahPaperDoc *doc);
/* Ends the document's last page. */
void     serah_paper_doc_finish  (SerahPaperDoc *doc);
/* Starts a new page unless height fits below y. */
void     serah_paper_doc_need    (SerahPaperDoc *doc,
                                  double         height);

/* Lays out text (Pango markup when markup is TRUE) in a box of width w at (x, y); draws it
 * unless measuring; returns its height. max_lines > 0 ellipsizes after that many lines (and
 * notes it in doc->report under field, the text's role); 0 wraps as long as it takes. */
double   serah_paper_doc_fit_text (SerahPaperDoc  *doc,
                                   double          x,
                                   double          y,
                                   double          w,
                                   const char     *font,
                                   const char     *text,
                                   gboolean        markup,
                                   SerahPaperAlign align,
                                   int             max_lines,
                                   gboolean        identifier,
                                   const char     *field);
double   serah_paper_doc_text_at (SerahPaperDoc  *doc,
                                  double          x,
                                  double          y,
                                  double          w,
                                  const char     *font,
                                  const char     *text,
                                  gboolean        markup,
                                  SerahPaperAlign align,
                                  int             max_lines);
/* A paragraph across the text area (indented by indent), flowing to a new page when it does
 * not fit; advances y by its height plus space_after. */
void     serah_paper_doc_paragraph (SerahPaperDoc  *doc,
                                    const char     *font,
                                    const char     *text,
                                    gboolean        markup,
                                    SerahPaperAlign align,
                                    double          indent,
                                    double          space_after);
/* "Label : value" with the value wrapping in its own column (never under the label). */
void     serah_paper_doc_label_value (SerahPaperDoc *doc,
                                      const char    *font,
                                      const char    *label,
                                      const char    *value_markup,
                                      double         label_width,
                                      double         space_after);
/* A horizontal rule across the text area at y, advancing y by space_after. */
void     serah_paper_doc_rule    (SerahPaperDoc *doc,
                                  double         line_width,
                                  double         space_after);

/* Opens a table: draws its header now and on every following page until closed. */
void     serah_paper_doc_table_open  (SerahPaperDoc          *doc,
                                      const SerahPaperColumn *columns,
                                      guint                   n_columns,
                                      double                  header_height,
                                      double                  row_height);
void     serah_paper_doc_table_header (SerahPaperDoc *doc);
/* Cells as text (markup); NULL cells stay empty. shade: grey background (0 = none).
 * Returns the top of the row drawn, for callers that draw more into it. */
double   serah_paper_doc_table_row   (SerahPaperDoc      *doc,
                                      const char *const  *cells,
                                      const char         *font,
                                      double              shade);
void     serah_paper_doc_table_close (SerahPaperDoc *doc);

/* Writes a document: runs draw (which calls the functions above) once to measure and once
 * onto a PDF surface written to a temporary file then renamed to path. draw returns FALSE
 * with error (database trouble, cancelled) to abort; nothing is left at path then. Returns
 * the page count, 0 on error. */
typedef gboolean (*SerahPaperDrawFunc) (SerahPaperDoc *doc,
                                        gpointer       user_data,
                                        GError       **error);
int      serah_paper_doc_write   (const char         *path,
                                  const char         *title,
                                  const char         *footer,
                                  SerahPaperDrawFunc  draw,
                                  gpointer            user_data,
                                  SerahFitReport     *report,
                                  GCancellable       *cancellable,
                                  GError            **error);

G_END_DECLS
