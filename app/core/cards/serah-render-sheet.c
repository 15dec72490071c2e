/* serah-render-sheet.c: placing cards on sheets (slots, duplex mirroring, bleed clipping),
 * cutting aids (outlines, crop marks), printer calibration and its alignment test page. */
#define G_LOG_DOMAIN "serah-render"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "cards/serah-render-private.h"
#include <serah/output/serah-fonts.h>

void
serah_render_apply_calibration (cairo_t *cr, const SerahCalibration *calibration)
{
  g_return_if_fail (cr != NULL);

  if (calibration == NULL)
    return;
  /* drawn = offset + scale * designed: the scale is about the paper's top-left corner,
   * where the printer's feed starts, so an offset measured there stays right. */
  cairo_translate (cr, calibration->offset_x_mm, calibration->offset_y_mm);
  cairo_scale (cr, calibration->scale_x > 0 ? calibration->scale_x : 1,
               calibration->scale_y > 0 ? calibration->scale_y : 1);
}

SerahRect
serah_render_card_in_slot (SerahSheet *sheet, SerahCardTemplate *card, guint slot)
{
  SerahRect s = serah_sheet_get_slot (sheet, slot);
  double w = sheet->rotated ? card->height : card->width;
  double h = sheet->rotated ? card->width : card->height;

  return (SerahRect) { s.x + (s.width - w) / 2, s.y + (s.height - h) / 2, w, h };
}

static SerahRect
mirror (SerahSheet *sheet, SerahRect r)
{
  /* Long-edge duplex: the back of a slot is where the mirror image of the page puts it;
   * on symmetric sheets that is the same row with the column order reversed. */
  r.x = sheet->paper_width - r.x - r.width;
  return r;
}

static SerahRect
union_rect (SerahRect a, SerahRect b)
{
  double x2 = MAX (a.x + a.width, b.x + b.width), y2 = MAX (a.y + a.height, b.y + b.height);
  SerahRect u = { MIN (a.x, b.x), MIN (a.y, b.y), 0, 0 };
  u.width = x2 - u.x;
  u.height = y2 - u.y;
  return u;
}

void
serah_render_enter_slot (cairo_t *cr, SerahSheet *sheet, SerahCardTemplate *card, guint slot,
                         gboolean back)
{
  SerahRect s, r, clip;
  double ax, ay;

  g_return_if_fail (cr != NULL && sheet != NULL && card != NULL);

  s = serah_sheet_get_slot (sheet, slot);
  r = serah_render_card_in_slot (sheet, card, slot);
  if (back)
    {
      s = mirror (sheet, s);
      r = mirror (sheet, r);
    }

  /* The bleed may reach into the gap between slots, but not onto the neighbour's card:
   * on business-card sheets the rows touch, and a band bleeding 2 mm would print on the
   * card above. */
  ax = card->bleed;
  ay = card->bleed;
  if (sheet->columns > 1)
    ax = MIN (ax, MAX (0, (sheet->pitch_x - sheet->slot_width) / 2));
  if (sheet->rows > 1)
    ay = MIN (ay, MAX (0, (sheet->pitch_y - sheet->slot_height) / 2));
  clip = union_rect ((SerahRect) { s.x - ax, s.y - ay, s.width + 2 * ax, s.height + 2 * ay }, r);
  cairo_rectangle (cr, clip.x, clip.y, clip.width, clip.height);
  cairo_clip (cr);

  if (!sheet->rotated)
    cairo_translate (cr, r.x, r.y);
  else if (!back)
    {
      /* A quarter turn clockwise: the card's top edge along the slot's right side. */
      cairo_translate (cr, r.x + r.width, r.y);
      cairo_rotate (cr, G_PI / 2);
    }
  else
    {
      /* Flipped over the long edge, the back's top is on the other side. */
      cairo_translate (cr, r.x, r.y + r.height);
      cairo_rotate (cr, -G_PI / 2);
    }
}

static void
rounded_rect (cairo_t *cr, SerahRect r, double radius)
{
  radius = MIN (radius, MIN (r.width, r.height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, r.x + r.width - radius, r.y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r.x + r.width - radius, r.y + r.height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r.x + radius, r.y + r.height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r.x + radius, r.y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
serah_render_slot_outline (cairo_t *cr, SerahSheet *sheet, guint slot, SerahCardTemplate *card)
{
  g_return_if_fail (cr != NULL && sheet != NULL && card != NULL);

  cairo_save (cr);
  rounded_rect (cr, serah_render_card_in_slot (sheet, card, slot), card->corner_radius);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
serah_render_crop_marks (cairo_t *cr, SerahSheet *sheet, SerahCardTemplate *card)
{
  const double gap = 1.5, longest = 5;
  SerahRect first, last;
  double top, bottom, left, right;

  g_return_if_fail (cr != NULL && sheet != NULL && card != NULL);

  first = serah_render_card_in_slot (sheet, card, 0);
  last = serah_render_card_in_slot (sheet, card, serah_sheet_get_n_slots (sheet) - 1);
  top = first.y;
  left = first.x;
  bottom = last.y + last.height;
  right = last.x + last.width;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.15);
  /* Marks live in the margins only: inside the grid they would print on the cards. A mark
   * shorter than 1.5 mm (no margin, as on a card printer) is left out. */
  for (guint c = 0; c < sheet->columns; c++)
    {
      SerahRect r = serah_render_card_in_slot (sheet, card, c);
      double xs[2] = { r.x, r.x + r.width };
      double up = MIN (longest, top - gap);
      double down = MIN (longest, sheet->paper_height - bottom - gap);
      for (int k = 0; k < 2; k++)
        {
          if (up >= 1.5)
            {
              cairo_move_to (cr, xs[k], top - gap);
              cairo_line_to (cr, xs[k], top - gap - up);
            }
          if (down >= 1.5)
            {
              cairo_move_to (cr, xs[k], bottom + gap);
              cairo_line_to (cr, xs[k], bottom + gap + down);
            }
        }
    }
  for (guint row = 0; row < sheet->rows; row++)
    {
      SerahRect r = serah_render_card_in_slot (sheet, card, row * sheet->columns);
      double ys[2] = { r.y, r.y + r.height };
      double lw = MIN (longest, left - gap), rw = MIN (longest, sheet->paper_width - right - gap);
      for (int k = 0; k < 2; k++)
        {
          if (lw >= 1.5)
            {
              cairo_move_to (cr, left - gap, ys[k]);
              cairo_line_to (cr, left - gap - lw, ys[k]);
            }
          if (rw >= 1.5)
            {
              cairo_move_to (cr, right + gap, ys[k]);
              cairo_line_to (cr, right + gap + rw, ys[k]);
            }
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- the alignment test page ---- */

static void
crosshair (cairo_t *cr, double x, double y)
{
  cairo_move_to (cr, x - 3, y);
  cairo_line_to (cr, x + 3, y);
  cairo_move_to (cr, x, y - 3);
  cairo_line_to (cr, x, y + 3);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, 1, 0, 2 * G_PI);
}

static void
label (cairo_t *cr, PangoLayout *layout, const char *text, double size_pt, SerahRect box,
       PangoAlignment align)
{
  SerahTextStyle style = { size_pt, MIN (size_pt, 3), SERAH_FIT_POLICY_TEXT, 60, align,
                           SERAH_FIT_VALIGN_TOP };
  serah_render_fitted_text (cr, layout, text, SERAH_FONT_CARD, &style, &box, NULL, NULL);
}

/* A ruler of length mm from (x, y), along x when horizontal, else down along y. */
static void
ruler (cairo_t *cr, PangoLayout *layout, double x, double y, int length, gboolean horizontal,
       const char *name)
{
  cairo_set_line_width (cr, 0.12);
  for (int mm = 0; mm <= length; mm++)
    {
      double tick = mm % 10 == 0 ? 4 : mm % 5 == 0 ? 2.5 : 1.5;
      if (horizontal)
        {
          cairo_move_to (cr, x + mm, y);
          cairo_line_to (cr, x + mm, y + tick);
        }
      else
        {
          cairo_move_to (cr, x, y + mm);
          cairo_line_to (cr, x + tick, y + mm);
        }
    }
  if (horizontal)
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + length, y);
    }
  else
    {
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + length);
    }
  cairo_stroke (cr);
  for (int mm = 0; mm <= length; mm += 10)
    {
      g_autofree char *n = g_strdup_printf ("%d", mm);
      SerahRect box = horizontal ? (SerahRect) { x + mm - 4, y + 4.3, 8, 2.5 }
                                 : (SerahRect) { x + 4.5, y + mm - 1.2, 8, 2.5 };
      label (cr, layout, n, 5, box, horizontal ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    }
  {
    SerahRect box = horizontal ? (SerahRect) { x + length + 1, y - 1, 14, 3 }
                               : (SerahRect) { x - 1.5, y + length + 1, 14, 3 };
    label (cr, layout, name, 7, box, PANGO_ALIGN_LEFT);
  }
}

void
serah_render_calibration_rulers (SerahSheet *sheet, int *ruler_x_mm, int *ruler_y_mm)
{
  guint n = serah_sheet_get_n_slots (sheet);
  SerahRect a = serah_sheet_get_slot (sheet, 0), b = serah_sheet_get_slot (sheet, n - 1);
  double grid_w = b.x + b.width - a.x, grid_h = b.y + b.height - a.y;
  int x = (int) (floor (MIN (100, grid_w - 16) / 10) * 10);
  int y = (int) (floor (MIN (150, grid_h - 20) / 10) * 10);

  /* Rulers shorter than 20 mm measure nothing useful: 0 means "not drawn". */
  *ruler_x_mm = x >= 20 ? x : 0;
  *ruler_y_mm = y >= 20 ? y : 0;
}

void
serah_render_calibration_reference (SerahSheet *sheet, double *x_mm, double *y_mm)
{
  SerahRect a = serah_sheet_get_slot (sheet, 0);

  /* The first slot's corner, unless it sits on the paper edge (card printers), where no
   * ruler can measure it: then a point 4 mm inside. */
  if (a.x >= 5 && a.y >= 5)
    {
      *x_mm = a.x;
      *y_mm = a.y;
    }
  else
    {
      *x_mm = a.x + 4;
      *y_mm = a.y + 4;
    }
}

void
serah_render_calibration_page (cairo_t *cr, SerahSheet *sheet, const char *profile_name,
                               const SerahCalibration *calibration)
{
  g_autoptr(PangoFontMap) font_map = NULL;
  g_autoptr(GObject) context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoFontDescription) desc = NULL;
  guint n = serah_sheet_get_n_slots (sheet);
  SerahRect a = serah_sheet_get_slot (sheet, 0), b = serah_sheet_get_slot (sheet, n - 1);
  double grid_w = b.x + b.width - a.x, grid_h = b.y + b.height - a.y;
  SerahTextStyle style = { 10, 3, SERAH_FIT_POLICY_TEXT, 80, PANGO_ALIGN_LEFT,
                           SERAH_FIT_VALIGN_TOP };
  SerahTextFit fit;
  int ruler_x, ruler_y;
  double ref_x, ref_y;
  SerahRect box;

  g_return_if_fail (cr != NULL && sheet != NULL);

  font_map = serah_fonts_font_map_new ();
  context = (GObject *) serah_render_context_new (font_map);
  layout = pango_layout_new (PANGO_CONTEXT (context));
  serah_render_calibration_rulers (sheet, &ruler_x, &ruler_y);
  serah_render_calibration_reference (sheet, &ref_x, &ref_y);

  cairo_save (cr);
  serah_render_apply_calibration (cr, calibration);

  /* Slot outlines, dashed: where the cards of the sheet are. */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 0.15);
  cairo_set_dash (cr, (double[]) { 1.5, 1 }, 2, 0);
  for (guint i = 0; i < n; i++)
    {
      SerahRect s = serah_sheet_get_slot (sheet, i);
      cairo_rectangle (cr, s.x, s.y, s.width, s.height);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.15);
  for (guint i = 0; i < n; i++)
    {
      SerahRect s = serah_sheet_get_slot (sheet, i);
      crosshair (cr, s.x, s.y);
      crosshair (cr, s.x + s.width, s.y);
      crosshair (cr, s.x, s.y + s.height);
      crosshair (cr, s.x + s.width, s.y + s.height);
    }
  crosshair (cr, ref_x, ref_y);
  cairo_stroke (cr);
  label (cr, layout, "A", 9, (SerahRect) { ref_x + 1.5, ref_y + 1.2, 5, 4 }, PANGO_ALIGN_LEFT);
  label (cr, layout, "B", 9, (SerahRect) { b.x + b.width - 6.5, b.y + b.height - 5.2, 5, 4 },
         PANGO_ALIGN_RIGHT);

  /* The rulers check the scale: measured with a real ruler they should be exactly as long
   * as printed on them. X runs along the top, Y down the left, without crossing. */
  if (ruler_x > 0)
    ruler (cr, layout, a.x + 12, a.y + 8, ruler_x, TRUE, "X");
  if (ruler_y > 0)
    ruler (cr, layout, a.x + 6, a.y + 16, ruler_y, FALSE, "Y");

  g_string_append_printf (text, _("Serah alignment test page for the sheet “%s” (%s)."),
                          sheet->name, sheet->title);
  g_string_append_c (text, '\n');
  if (calibration != NULL)
    g_string_append_printf (text, _("Printed WITH the calibration “%s” (offset x %+.2f mm, "
                                    "y %+.2f mm, scale x %.4f, y %.4f): every measurement "
                                    "below should now match."),
                            profile_name ? profile_name : "", calibration->offset_x_mm,
                            calibration->offset_y_mm, calibration->scale_x, calibration->scale_y);
  else
    g_string_append (text, _("Printed without a calibration."));
  g_string_append (text, "\n\n");
  g_string_append_printf (text,
                          _("Print at 100 %% (no “fit to page”) on plain paper, then measure with "
                            "a ruler:\n"
                            "1. left paper edge to the centre of crosshair A: should be %.1f mm\n"
                            "2. top paper edge to the centre of crosshair A: should be %.1f mm\n"),
                          ref_x, ref_y);
  if (ruler_x > 0)
    g_string_append_printf (text, _("3. length of ruler X from 0 to %d: should be %d mm\n"),
                            ruler_x, ruler_x);
  if (ruler_y > 0)
    g_string_append_printf (text, _("4. length of ruler Y from 0 to %d: should be %d mm\n"),
                            ruler_y, ruler_y);
  g_string_append_printf (text,
                          _("\nThen enter what you measured:\n"
                            "serah-cli calibrate set NAME --sheet %s --measured-x (1) "
                            "--measured-y (2)%s%s\n\n"
                            "Crosshair B (last slot, bottom right) should be %.1f mm from the left "
                            "and %.1f mm from the top edge."),
                          sheet->name, ruler_x > 0 ? " --ruler-x (3)" : "",
                          ruler_y > 0 ? " --ruler-y (4)" : "", b.x + b.width, b.y + b.height);

  box.x = a.x + (ruler_y > 0 ? 22 : 3);
  box.y = a.y + (ruler_x > 0 ? 20 : 8);
  box.width = a.x + grid_w - 4 - box.x;
  box.height = a.y + grid_h - 8 - box.y;
  if (box.width < 20 || box.height < 10)
    box = (SerahRect) { a.x + 3, a.y + 8, grid_w - 6, grid_h - 16 };
  box.width = MIN (box.width, 120);

  /* Measured first, so the white panel behind the words is only as tall as they are. */
  desc = pango_font_description_from_string (SERAH_FONT_CARD);
  pango_layout_set_text (layout, text->str, -1);
  {
    SerahFitBox fb = { box.x, box.y, box.width, box.height };
    serah_text_fit (layout, desc, &style, &fb, &fit);
  }
  box.height = MIN (box.height, fit.logical.height / (double) PANGO_SCALE + 1);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, box.x - 2, box.y - 2, box.width + 4, box.height + 4);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.2);
  cairo_stroke (cr);
  cairo_move_to (cr, fit.x, fit.y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
