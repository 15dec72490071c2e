/* serah-text-fit.c: fitting text into boxes by policy (see serah-text-fit.h for why one routine
 * serves every document). Sizes move in quarter points; extents are the union of ink and
 * logical rectangles, because a glyph may ink outside its logical box (diacritics, italic
 * overhangs) and the logical box holds the line height. */
#define G_LOG_DOMAIN "serah-text-fit"

#include "config.h"

#include <math.h>
#include <string.h>

#include "output/serah-text-fit.h"

static void
set_size (PangoLayout *layout, PangoFontDescription *desc, double size_pt)
{
  pango_font_description_set_size (desc, (int) lround (size_pt * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
}

static PangoRectangle
union_extents (const PangoRectangle *a, const PangoRectangle *b)
{
  PangoRectangle u;
  int x2 = MAX (a->x + a->width, b->x + b->width);
  int y2 = MAX (a->y + a->height, b->y + b->height);

  if (a->width == 0 && a->height == 0)
    return *b;
  u.x = MIN (a->x, b->x);
  u.y = MIN (a->y, b->y);
  u.width = x2 - u.x;
  u.height = y2 - u.y;
  return u;
}

static void
measure (PangoLayout *layout, SerahTextFit *fit, PangoRectangle *both)
{
  pango_layout_get_extents (layout, &fit->ink, &fit->logical);
  *both = union_extents (&fit->ink, &fit->logical);
}

/* Shrinks from the current size towards floor_pt until the one-piece layout fits; returns
 * whether it does. */
static gboolean
shrink (PangoLayout *layout, PangoFontDescription *desc, int box_w, int box_h, double floor_pt,
        double *size, SerahTextFit *fit, gboolean check_height)
{
  PangoRectangle both;

  /* Most texts fit at their size: one measurement. Long ones converge in two or three
   * steps. */
  for (int round = 0; round < 12; round++)
    {
      double ratio, next;

      measure (layout, fit, &both);
      if (both.width <= box_w && (!check_height || both.height <= box_h))
        return TRUE;
      if (*size <= floor_pt)
        return FALSE;
      ratio = (double) box_w / MAX (both.width, 1);
      if (check_height)
        ratio = MIN (ratio, (double) box_h / MAX (both.height, 1));
      next = floor (*size * ratio * 4) / 4;
      if (next >= *size)
        next = *size - 0.25;
      *size = MAX (next, floor_pt);
      set_size (layout, desc, *size);
    }
  measure (layout, fit, &both);
  return both.width <= box_w && (!check_height || both.height <= box_h);
}

static void
fit_text (PangoLayout *layout, PangoFontDescription *desc, const SerahFitStyle *style,
          int box_w, int box_h, double *size, SerahTextFit *fit, gboolean *bounded)
{
  PangoRectangle both;
  int width = box_w;

  if (shrink (layout, desc, box_w, box_h, style->min_size_pt, size, fit, TRUE))
    return;

  *bounded = TRUE;
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (int round = 0; round < 3; round++)
    {
      int lines = MAX (style->max_lines, 1);

      pango_layout_set_width (layout, MAX (width, PANGO_SCALE));
      pango_layout_set_height (layout, -lines);
      measure (layout, fit, &both);
      /* Fewer lines when the box is not tall enough for all of them. */
      while (both.height > box_h && lines > 1)
        {
          pango_layout_set_height (layout, -(--lines));
          measure (layout, fit, &both);
        }
      if (both.width <= box_w)
        break;
      /* An ink overhang (italic, a wide last glyph) still leaves the box: narrow the line by
       * that much so the ellipsis comes earlier. */
      width -= both.width - box_w + PANGO_SCALE / 20;
    }
}

static void
place (const SerahFitStyle *style, const SerahFitBox *box, gboolean bounded, SerahTextFit *fit)
{
  double ink_l = fit->ink.x / (double) PANGO_SCALE;
  double ink_r = ink_l + fit->ink.width / (double) PANGO_SCALE;
  double h = fit->logical.height / (double) PANGO_SCALE;
  double ly = fit->logical.y / (double) PANGO_SCALE;
  double ink_t = fit->ink.y / (double) PANGO_SCALE;
  double ink_b = ink_t + fit->ink.height / (double) PANGO_SCALE;
  double box_h = style->policy == SERAH_FIT_POLICY_CELL ? MAX (box->height, fit->height)
                                                        : box->height;

  /* Horizontal: unbounded layouts are placed by their logical box; bounded ones are laid out
   * by Pango inside the box width, so they start at the box. Then the ink is kept inside. */
  if (!bounded)
    {
      double w = fit->logical.width / (double) PANGO_SCALE;
      double lx = fit->logical.x / (double) PANGO_SCALE;
      switch (style->align)
        {
        case PANGO_ALIGN_CENTER: fit->x = box->x + (box->width - w) / 2 - lx; break;
        case PANGO_ALIGN_RIGHT: fit->x = box->x + box->width - w - lx; break;
        default: fit->x = box->x - lx; break;
        }
    }
  else
    fit->x = box->x;
  if (fit->x + ink_r > box->x + box->width)
    fit->x = box->x + box->width - ink_r;
  if (fit->x + ink_l < box->x)
    fit->x = box->x - ink_l;

  switch (style->valign)
    {
    case SERAH_FIT_VALIGN_MIDDLE: fit->y = box->y + (box_h - h) / 2 - ly; break;
    case SERAH_FIT_VALIGN_BOTTOM: fit->y = box->y + box_h - h - ly; break;
    default: fit->y = box->y - ly; break;
    }
  if (fit->y + ink_b > box->y + box_h)
    fit->y = box->y + box_h - ink_b;
  if (fit->y + ink_t < box->y)
    fit->y = box->y - ink_t;
}

gboolean
serah_text_fit_inside (const SerahTextFit *fit, const SerahFitStyle *style, const SerahFitBox *box)
{
  /* A hundredth of a unit: rounding, not overflow. */
  const double slack = 0.01;
  double l = fit->x + fit->ink.x / (double) PANGO_SCALE;
  double r = l + fit->ink.width / (double) PANGO_SCALE;
  double t = fit->y + fit->ink.y / (double) PANGO_SCALE;
  double b = t + fit->ink.height / (double) PANGO_SCALE;

  if (fit->ink.width == 0 || fit->ink.height == 0)
    return TRUE;
  if (l < box->x - slack || r > box->x + box->width + slack)
    return FALSE;
  if (style->policy == SERAH_FIT_POLICY_CELL)
    return TRUE;
  return t >= box->y - slack && b <= box->y + box->height + slack;
}

void
serah_text_fit (PangoLayout *layout, PangoFontDescription *desc, const SerahFitStyle *style,
                const SerahFitBox *box, SerahTextFit *fit)
{
  int box_w = (int) floor (box->width * PANGO_SCALE);
  int box_h = (int) floor (box->height * PANGO_SCALE);
  double size = style->size_pt;
  gboolean bounded = FALSE;
  PangoRectangle both;

  g_return_if_fail (layout != NULL && desc != NULL && style != NULL && box != NULL && fit != NULL);

  memset (fit, 0, sizeof *fit);
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, style->align);
  set_size (layout, desc, size);
  fit->outcome = SERAH_FIT_OK;

  switch (style->policy)
    {
    case SERAH_FIT_POLICY_IDENTIFIER:
      /* One line, every character: within the floor it is design, below it an error. */
      if (!shrink (layout, desc, box_w, box_h, style->min_size_pt, &size, fit, TRUE))
        {
          fit->outcome = SERAH_FIT_BELOW_FLOOR;
          shrink (layout, desc, box_w, box_h, 1.0, &size, fit, TRUE);
        }
      break;
    case SERAH_FIT_POLICY_PARAGRAPH:
      bounded = TRUE;
      pango_layout_set_width (layout, MAX (box_w, PANGO_SCALE));
      for (int round = 0; round < 40; round++)
        {
          double next;
          measure (layout, fit, &both);
          if (both.width <= box_w && both.height <= box_h)
            break;
          if (size <= style->min_size_pt)
            {
              /* Still too long at the smallest size: as many lines as the box holds. */
              int lines = pango_layout_get_line_count (layout);
              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
              do
                {
                  pango_layout_set_height (layout, -MAX (--lines, 1));
                  measure (layout, fit, &both);
                }
              while (both.height > box_h && lines > 1);
              break;
            }
          /* Wrapped text grows with the square of the size. */
          next = floor (size * sqrt ((double) box_h / MAX (both.height, 1)) * 4) / 4;
          if (next >= size)
            next = size - 0.25;
          size = MAX (next, style->min_size_pt);
          set_size (layout, desc, size);
        }
      break;
    case SERAH_FIT_POLICY_CELL:
      bounded = TRUE;
      {
        int width = box_w;
        /* Justified or italic text may ink past the line's end: narrow the lines by that
         * much so the ink stays in the column. */
        for (int round = 0; round < 3; round++)
          {
            pango_layout_set_width (layout, MAX (width, PANGO_SCALE));
            measure (layout, fit, &both);
            if (both.width <= box_w)
              break;
            width -= both.width - box_w + PANGO_SCALE / 20;
          }
      }
      break;
    case SERAH_FIT_POLICY_TEXT:
    default:
      fit_text (layout, desc, style, box_w, box_h, &size, fit, &bounded);
      break;
    }

  measure (layout, fit, &both);
  fit->size_pt = size;
  fit->lines = pango_layout_get_line_count (layout);
  fit->ellipsized = pango_layout_is_ellipsized (layout);
  fit->height = both.height / (double) PANGO_SCALE;
  if (fit->ellipsized)
    fit->outcome = SERAH_FIT_ELLIPSIZED;
  place (style, box, bounded, fit);
  if (!serah_text_fit_inside (fit, style, box))
    fit->outcome = SERAH_FIT_OVERFLOW;
}

void
serah_text_fit_note (SerahFitReport *report, const char *field, const char *text,
                     const SerahTextFit *fit)
{
  if (report != NULL)
    serah_fit_report_note (report, field, text, fit->outcome, fit->size_pt);
}
