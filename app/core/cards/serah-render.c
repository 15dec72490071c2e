/* serah-render.c: drawing one card side from its template, fitting text and drawing QR codes.
 *
 * Speed matters (10 000 cards should take a few seconds), so everything that does not
 * change from card to card is done once per renderer: runs of static elements (bands,
 * logos, fixed words) are recorded into a recording surface that every card replays (the
 * PDF writer turns it into one form XObject used by every card), each text element keeps
 * its own PangoLayout, and a text that repeats (a faskes, a class) is not measured again. */
#define G_LOG_DOMAIN "serah-render"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/output/serah-fonts.h>

#include "cards/serah-render-private.h"

G_DEFINE_QUARK (serah-render-error-quark, serah_render_error)

#define MM_PER_PT (25.4 / 72.0)

typedef struct {
  SerahElement         *element;
  PangoLayout          *layout;    /* dynamic text elements */
  PangoFontDescription *desc;      /* scratch copy whose size changes */
  char                 *last_text; /* what layout holds, fitted as last_fit says */
  SerahTextFit          last_fit;
} ElementState;

/* One drawing step of a side: a recorded run of static elements, or one dynamic element.
 *
 * cairo's PDF writer (1.16 to 1.18 at least) lists a form XObject in the page's resources
 * once per paint, so a layer painted for ten cards gives "/x46 46 0 R" ten times in one
 * dictionary: qpdf --check warns, and libcupsfilters' pdftopdf drops such pages. So a page
 * never paints the same surface twice: the n-th card of a page paints wrappers[n], a
 * recording surface holding only the layer. The wrappers are kept and reused on every page,
 * so the PDF has one small form per slot, not one per card. */
typedef struct {
  cairo_surface_t *layer;
  ElementState    *state;
  GPtrArray       *wrappers; /* cairo_surface_t, created as the page needs them */
  guint            uses;     /* paints on the current page */
} Step;

struct _SerahCardRenderer {
  SerahCardTemplate *template_;
  PangoFontMap      *font_map;
  PangoContext      *context;
  ElementState      *states;
  GArray            *steps[2];
  gboolean           built;
  GString           *text;
  PangoLayout       *scratch;
  SerahFitReport    *report;   /* not owned; NULL = nobody asked */
  GString           *record;
};

PangoContext *
serah_render_context_new (PangoFontMap *font_map)
{
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Millimetres as the unit: 1 pt = 25.4 / 72 mm. Hinting would snap glyphs to a grid of
   * whole millimetres, so it is off, and so is glyph position rounding. */
  pango_cairo_context_set_resolution (context, 25.4);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* ---- fitting text ---- */

static SerahFitBox
fit_box (const SerahRect *r)
{
  return (SerahFitBox) { r->x, r->y, r->width, r->height };
}

void
serah_render_fitted_text (cairo_t *cr, PangoLayout *layout, const char *text, const char *font,
                          const SerahTextStyle *style, const SerahRect *box,
                          SerahFitReport *report, const char *field)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);
  SerahFitBox fb = fit_box (box);
  SerahTextFit fit;

  pango_layout_set_attributes (layout, NULL);
  pango_layout_set_text (layout, text, -1);
  serah_text_fit (layout, desc, style, &fb, &fit);
  serah_text_fit_note (report, field, text, &fit);
  cairo_move_to (cr, fit.x, fit.y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (desc);
}

SerahFitPolicy
serah_render_element_policy (const SerahElement *e)
{
  gboolean identifier = FALSE;

  for (guint i = 0; e->segments != NULL && i < e->segments->len; i++)
    {
      const SerahTextSegment *s = e->segments->pdata[i];
      switch (s->field)
        {
        case SERAH_FIELD_CARD_NO:
        case SERAH_FIELD_CARD_NO_SPACED:
        case SERAH_FIELD_NIK:
        case SERAH_FIELD_NIK_MASKED:
        case SERAH_FIELD_BIRTH_DATE:
        case SERAH_FIELD_SERIAL:
        case SERAH_FIELD_STACK_INDEX:
        case SERAH_FIELD_STACK_TOTAL:
        case SERAH_FIELD_PAYLOAD:
          identifier = TRUE;
          break;
        case SERAH_FIELD_LITERAL:
        case SERAH_FIELD_SEX:
        case SERAH_FIELD_CARE_CLASS:
          break;
        default:
          return SERAH_FIT_POLICY_TEXT;
        }
    }
  return identifier ? SERAH_FIT_POLICY_IDENTIFIER : SERAH_FIT_POLICY_TEXT;
}

/* ---- field values ---- */

static const char *
extra_value (const SerahCardData *data, const char *name)
{
  const char *v = data->extra ? g_hash_table_lookup (data->extra, name) : NULL;
  return v ? v : "";
}

/* Appends the value of field to out. */
static void
append_field (GString *out, SerahField field, const char *extra_name,
              const SerahCardTemplate *t, const SerahCardData *data)
{
  const SerahParticipant *p = data->participant;

  switch (field)
    {
    case SERAH_FIELD_LITERAL:
      g_string_append (out, extra_name);
      break;
    case SERAH_FIELD_NAME:
      g_string_append (out, p->name ? p->name : "");
      break;
    case SERAH_FIELD_CARD_NO:
      g_string_append (out, p->card_no);
      break;
    case SERAH_FIELD_CARD_NO_SPACED:
      for (const char *c = p->card_no; *c; c++)
        {
          if (c != p->card_no && (c - p->card_no) % 4 == 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, *c);
        }
      break;
    case SERAH_FIELD_NIK:
    case SERAH_FIELD_NIK_MASKED:
      {
        gboolean full = field == SERAH_FIELD_NIK &&
                        (data->nik_display > 0 || (data->nik_display < 0 && t->full_nik));
        if (full)
          g_string_append (out, p->nik);
        else
          {
            g_autofree char *masked = serah_nik_mask (p->nik);
            g_string_append (out, masked ? masked : "");
          }
      }
      break;
    case SERAH_FIELD_BIRTH_DATE:
      /* Stored ISO; printed the Indonesian way, dd-mm-yyyy. */
      if (strlen (p->birth_date) == 10)
        g_string_append_printf (out, "%.2s-%.2s-%.4s", p->birth_date + 8, p->birth_date + 5,
                                p->birth_date);
      break;
    case SERAH_FIELD_SEX:
      g_string_append (out, p->sex == SERAH_SEX_FEMALE ? "Perempuan"
                            : p->sex == SERAH_SEX_MALE ? "Laki-laki" : "");
      break;
    case SERAH_FIELD_ADDRESS:
      g_string_append (out, p->address ? p->address : "");
      break;
    case SERAH_FIELD_DESA:
      g_string_append (out, p->desa ? p->desa : "");
      break;
    case SERAH_FIELD_KECAMATAN:
      g_string_append (out, p->kecamatan ? p->kecamatan : "");
      break;
    case SERAH_FIELD_FASKES:
      g_string_append (out, p->faskes ? p->faskes : "");
      break;
    case SERAH_FIELD_CARE_CLASS:
      if (p->care_class > 0)
        g_string_append_printf (out, "%d", p->care_class);
      else
        g_string_append_c (out, '-');
      break;
    case SERAH_FIELD_SERIAL:
      if (data->serial > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, data->serial);
      else
        g_string_append_c (out, '-');
      break;
    case SERAH_FIELD_STACK_INDEX:
      if (data->stack_index > 0)
        g_string_append_printf (out, "%u", data->stack_index);
      break;
    case SERAH_FIELD_STACK_TOTAL:
      if (data->stack_total > 0)
        g_string_append_printf (out, "%u", data->stack_total);
      break;
    case SERAH_FIELD_PAYLOAD:
      g_string_append (out, data->payload ? data->payload : "");
      break;
    case SERAH_FIELD_EXTRA:
      g_string_append (out, extra_value (data, extra_name));
      break;
    }
}

static void
compose_text (GString *out, const SerahElement *e, const SerahCardTemplate *t,
              const SerahCardData *data)
{
  g_string_truncate (out, 0);
  for (guint i = 0; i < e->segments->len; i++)
    {
      const SerahTextSegment *s = e->segments->pdata[i];
      append_field (out, s->field, s->text, t, data);
    }
  if (e->uppercase)
    {
      g_autofree char *up = g_utf8_strup (out->str, out->len);
      g_string_assign (out, up);
    }
}

static gboolean
requirement_met (SerahCardRenderer *self, const SerahElement *e, const SerahCardData *data)
{
  if (e->requires == NULL)
    return TRUE;
  g_string_truncate (self->text, 0);
  append_field (self->text, e->requires_field, e->requires, self->template_, data);
  return self->text->len > 0 && strcmp (self->text->str, "-") != 0;
}

/* ---- drawing elements ---- */

static void
set_color (cairo_t *cr, const PangoColor *c, guint16 alpha)
{
  cairo_set_source_rgba (cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0,
                         alpha / 65535.0);
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_shape (cairo_t *cr, const SerahElement *e)
{
  if (e->type == SERAH_ELEMENT_LINE)
    {
      cairo_move_to (cr, e->box.x, e->box.y);
      cairo_rel_line_to (cr, e->box.width, e->box.height);
      cairo_set_line_width (cr, e->line_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      set_color (cr, &e->stroke, e->stroke_alpha);
      cairo_stroke (cr);
      return;
    }
  rounded_rect (cr, e->box.x, e->box.y, e->box.width, e->box.height, e->radius);
  if (e->has_fill)
    {
      set_color (cr, &e->fill, e->fill_alpha);
      if (e->has_stroke)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (e->has_stroke)
    {
      cairo_set_line_width (cr, e->line_width);
      set_color (cr, &e->stroke, e->stroke_alpha);
      cairo_stroke (cr);
    }
}

static void
draw_image (cairo_t *cr, const SerahElement *e)
{
  /* Contained in the box, centred, aspect kept. */
  double scale = MIN (e->box.width / e->image_width, e->box.height / e->image_height);
  double w = e->image_width * scale, h = e->image_height * scale;

  cairo_save (cr);
  cairo_translate (cr, e->box.x + (e->box.width - w) / 2, e->box.y + (e->box.height - h) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, e->image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, e->image_width, e->image_height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
text_style (const SerahElement *e, SerahTextStyle *style)
{
  *style = (SerahTextStyle) { e->size_pt, e->min_size_pt, serah_render_element_policy (e),
                              e->overflow == SERAH_OVERFLOW_WRAP ? e->max_lines : 1, e->align,
                              (SerahFitVAlign) e->valign };
}

static PangoLayout *
new_text_layout (SerahCardRenderer *self, const SerahElement *e)
{
  PangoLayout *layout = pango_layout_new (self->context);

  if (e->letter_spacing_pt != 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      int spacing = (int) lround (e->letter_spacing_pt * MM_PER_PT * PANGO_SCALE);
      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (spacing));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (e->line_spacing > 0)
    pango_layout_set_line_spacing (layout, (float) e->line_spacing);
  return layout;
}

/* Lays out text for element state, reusing the last result when the text repeats. */
static void
layout_text (ElementState *state, const char *text)
{
  SerahTextStyle style;
  SerahFitBox box;

  if (state->last_text != NULL && strcmp (state->last_text, text) == 0)
    return;
  g_free (state->last_text);
  state->last_text = g_strdup (text);
  text_style (state->element, &style);
  box = fit_box (&state->element->box);
  pango_layout_set_text (state->layout, text, -1);
  serah_text_fit (state->layout, state->desc, &style, &box, &state->last_fit);
}

static void
draw_text_state (SerahCardRenderer *self, cairo_t *cr, ElementState *state)
{
  if (self->report != NULL)
    {
      /* Noted on every draw, also when the layout was reused for a repeated text: each
       * record that shows the problem is named. */
      g_autofree char *field = g_strdup_printf ("%s:%s",
                                                state->element->side == SERAH_CARD_BACK
                                                  ? "back" : "front", state->element->id);
      serah_text_fit_note (self->report, field, state->last_text, &state->last_fit);
    }
  set_color (cr, &state->element->color, state->element->color_alpha);
  cairo_move_to (cr, state->last_fit.x, state->last_fit.y);
  pango_cairo_show_layout (cr, state->layout);
}

gboolean
serah_render_qr (cairo_t *cr, const char *text, char level, double x, double y, double size,
                 int quiet_zone, GError **error)
{
  QRecLevel qr_level = level == 'L' ? QR_ECLEVEL_L : level == 'Q' ? QR_ECLEVEL_Q
                     : level == 'H' ? QR_ECLEVEL_H : QR_ECLEVEL_M;
  QRcode *code;
  cairo_surface_t *mask;
  cairo_pattern_t *pattern;
  unsigned char *pixels;
  int n, stride;
  double module;

  g_return_val_if_fail (cr != NULL && text != NULL, FALSE);

  /* QR_MODE_8 is only the hint for what is not alphanumeric: libqrencode picks the
   * alphanumeric mode for the token, which keeps it at version 3 (29 x 29). */
  code = QRcode_encodeString (text, 0, qr_level, QR_MODE_8, 1);
  if (code == NULL)
    {
      g_set_error (error, SERAH_RENDER_ERROR, SERAH_RENDER_ERROR_QR,
                   _("Cannot make a QR code of “%s”: %s"), text, g_strerror (errno));
      return FALSE;
    }
  n = code->width;
  module = size / (n + 2 * MAX (quiet_zone, 4));

  /* One A8 pixel per module: the PDF gets a 29 x 29 stencil instead of hundreds of
   * rectangles, and NEAREST keeps the modules square at any zoom. */
  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, n, n);
  stride = cairo_image_surface_get_stride (mask);
  cairo_surface_flush (mask);
  pixels = cairo_image_surface_get_data (mask);
  for (int row = 0; row < n; row++)
    for (int col = 0; col < n; col++)
      pixels[row * stride + col] = (code->data[row * n + col] & 1) ? 0xff : 0;
  cairo_surface_mark_dirty (mask);
  QRcode_free (code);

  cairo_save (cr);
  /* The quiet zone is part of the code: always white, whatever is behind it. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_translate (cr, x + (size - n * module) / 2, y + (size - n * module) / 2);
  cairo_scale (cr, module, module);
  pattern = cairo_pattern_create_for_surface (mask);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_mask (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (mask);
  cairo_restore (cr);
  return TRUE;
}

static const char qr_level_letters[] = { [QR_ECLEVEL_L] = 'L', [QR_ECLEVEL_M] = 'M',
                                         [QR_ECLEVEL_Q] = 'Q', [QR_ECLEVEL_H] = 'H' };

static gboolean
draw_qr (SerahCardRenderer *self, cairo_t *cr, const SerahElement *e, const SerahCardData *data,
         GError **error)
{
  g_string_truncate (self->text, 0);
  append_field (self->text, e->qr_field, NULL, self->template_, data);
  if (data->payload == NULL && e->qr_field == SERAH_FIELD_PAYLOAD)
    {
      gboolean ok;
      /* A preview has no serial yet: a grey code that cannot be mistaken for a card's. */
      cairo_push_group (cr);
      ok = serah_render_qr (cr, "SERAH PRATINJAU", qr_level_letters[e->qr_level], e->box.x,
                            e->box.y, e->box.width, e->quiet_zone, error);
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, 0.35);
      return ok;
    }
  return serah_render_qr (cr, self->text->str, qr_level_letters[e->qr_level], e->box.x, e->box.y,
                          e->box.width, e->quiet_zone, error);
}

/* ---- the renderer ---- */

static void
draw_static_element (SerahCardRenderer *self, cairo_t *cr, const SerahElement *e)
{
  switch (e->type)
    {
    case SERAH_ELEMENT_BOX:
    case SERAH_ELEMENT_LINE:
      draw_shape (cr, e);
      break;
    case SERAH_ELEMENT_IMAGE:
      draw_image (cr, e);
      break;
    case SERAH_ELEMENT_TEXT:
      {
        g_autoptr(PangoLayout) layout = new_text_layout (self, e);
        PangoFontDescription *desc = pango_font_description_copy (e->font);
        ElementState state = { (SerahElement *) e, layout, desc, NULL, { 0 } };
        SerahCardData none = { 0 };

        compose_text (self->text, e, self->template_, &none);
        layout_text (&state, self->text->str);
        draw_text_state (self, cr, &state);
        g_free (state.last_text);
        pango_font_description_free (desc);
      }
      break;
    case SERAH_ELEMENT_QR:
      g_assert_not_reached ();
    }
}

static gboolean
element_is_static (const SerahElement *e)
{
  if (e->requires != NULL || e->type == SERAH_ELEMENT_QR)
    return FALSE;
  return e->type != SERAH_ELEMENT_TEXT || e->is_static;
}

/* Where an element may put ink, in card millimetres: its box (fitted text stays inside it,
 * or the fit report says it overflowed), widened by half a stroke and a hundredth of a
 * millimetre, so boxes that touch count as overlapping. */
static SerahRect
element_reach (const SerahElement *e)
{
  SerahRect r = e->box;
  double grow = 0.01 + ((e->type == SERAH_ELEMENT_BOX || e->type == SERAH_ELEMENT_LINE)
                         ? e->line_width / 2 : 0);

  if (r.width < 0)
    r.x += r.width, r.width = -r.width;
  if (r.height < 0)
    r.y += r.height, r.height = -r.height;
  return (SerahRect) { r.x - grow, r.y - grow, r.width + 2 * grow, r.height + 2 * grow };
}

static gboolean
reach_overlaps (SerahRect a, SerahRect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/* Splits each side into steps: static elements recorded into layers, and the dynamic
 * elements between them. A static element joins the earliest layer that keeps every
 * overlap in the template's order: after each dynamic element it overlaps, and not before
 * a static element it overlaps. Labels beside their values (the kis template's "NIK",
 * "Tgl. Lahir" ...) so join the first layer, and a card paints one form, not six: the PDF
 * lists fewer forms per page and is smaller. */
static void
build_steps (SerahCardRenderer *self)
{
  SerahCardTemplate *t = self->template_;
  cairo_rectangle_t extents = { -t->bleed, -t->bleed, t->width + 2 * t->bleed,
                                t->height + 2 * t->bleed };
  guint n = t->elements->len;
  g_autofree int *slot = g_new0 (int, n);

  for (int side = 0; side < 2; side++)
    {
      g_autoptr(GArray) dynamic = g_array_new (FALSE, FALSE, sizeof (guint));
      int n_slots = 0;

      /* slot[i] of a static element: how many dynamic elements are drawn before it. */
      for (guint i = 0; i < n; i++)
        {
          SerahElement *e = t->elements->pdata[i];
          SerahRect reach;

          if ((int) e->side != side)
            continue;
          if (!element_is_static (e))
            {
              g_array_append_val (dynamic, i);
              continue;
            }
          reach = element_reach (e);
          slot[i] = 0;
          for (guint d = 0; d < dynamic->len; d++)
            {
              SerahElement *de = t->elements->pdata[g_array_index (dynamic, guint, d)];
              if (reach_overlaps (reach, element_reach (de)))
                slot[i] = (int) d + 1;
            }
          for (guint j = 0; j < i; j++)
            {
              SerahElement *se = t->elements->pdata[j];
              if ((int) se->side == side && element_is_static (se) &&
                  reach_overlaps (reach, element_reach (se)))
                slot[i] = MAX (slot[i], slot[j]);
            }
          n_slots = MAX (n_slots, slot[i] + 1);
        }

      /* Before the k-th dynamic element: the layer of slot k, then that element. */
      for (guint k = 0; k <= dynamic->len; k++)
        {
          cairo_t *rec = NULL;
          cairo_surface_t *layer = NULL;

          for (guint i = 0; (int) k < n_slots && i < n; i++)
            {
              SerahElement *e = t->elements->pdata[i];
              if ((int) e->side != side || !element_is_static (e) || slot[i] != (int) k)
                continue;
              if (rec == NULL)
                {
                  layer = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
                  rec = cairo_create (layer);
                }
              draw_static_element (self, rec, e);
            }
          if (rec != NULL)
            {
              Step step = { layer, NULL, NULL, 0 };
              cairo_destroy (rec);
              g_array_append_val (self->steps[side], step);
            }
          if (k < dynamic->len)
            {
              Step step = { NULL, &self->states[g_array_index (dynamic, guint, k)], NULL, 0 };
              g_array_append_val (self->steps[side], step);
            }
        }
    }
  self->built = TRUE;
}

static void
clear_step (gpointer data)
{
  Step *step = data;
  g_clear_pointer (&step->layer, cairo_surface_destroy);
  g_clear_pointer (&step->wrappers, g_ptr_array_unref);
}

/* The surface to paint for step's layer: a different one for every paint on a page. */
static cairo_surface_t *
step_surface (SerahCardRenderer *self, Step *step)
{
  SerahCardTemplate *t = self->template_;
  guint index = step->uses++;

  if (step->wrappers == NULL)
    step->wrappers = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  while (step->wrappers->len <= index)
    {
      cairo_rectangle_t extents = { -t->bleed, -t->bleed, t->width + 2 * t->bleed,
                                    t->height + 2 * t->bleed };
      cairo_surface_t *wrapper = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                 &extents);
      cairo_t *cr = cairo_create (wrapper);
      cairo_set_source_surface (cr, step->layer, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      g_ptr_array_add (step->wrappers, wrapper);
    }
  return step->wrappers->pdata[index];
}

void
serah_card_renderer_begin_page (SerahCardRenderer *self)
{
  g_return_if_fail (self != NULL);
  for (int side = 0; side < 2; side++)
    for (guint i = 0; i < self->steps[side]->len; i++)
      g_array_index (self->steps[side], Step, i).uses = 0;
}

SerahCardRenderer *
serah_card_renderer_new (SerahCardTemplate *template_)
{
  SerahCardRenderer *self;

  g_return_val_if_fail (template_ != NULL, NULL);

  self = g_new0 (SerahCardRenderer, 1);
  self->template_ = serah_card_template_ref (template_);
  /* A font map of our own, over the document fonts only: Pango's default one is per thread
   * and a print job may run in a worker thread. */
  self->font_map = serah_fonts_font_map_new ();
  self->context = serah_render_context_new (self->font_map);
  self->text = g_string_new (NULL);
  self->record = g_string_new (NULL);
  self->scratch = pango_layout_new (self->context);
  self->states = g_new0 (ElementState, template_->elements->len);
  for (guint i = 0; i < template_->elements->len; i++)
    {
      SerahElement *e = template_->elements->pdata[i];
      self->states[i].element = e;
      if (e->type == SERAH_ELEMENT_TEXT && !element_is_static (e))
        {
          self->states[i].layout = new_text_layout (self, e);
          self->states[i].desc = pango_font_description_copy (e->font);
        }
    }
  for (int side = 0; side < 2; side++)
    {
      self->steps[side] = g_array_new (FALSE, TRUE, sizeof (Step));
      g_array_set_clear_func (self->steps[side], clear_step);
    }
  return self;
}

void
serah_card_renderer_free (SerahCardRenderer *self)
{
  if (self == NULL)
    return;
  for (int side = 0; side < 2; side++)
    g_array_unref (self->steps[side]);
  for (guint i = 0; i < self->template_->elements->len; i++)
    {
      g_clear_object (&self->states[i].layout);
      g_clear_pointer (&self->states[i].desc, pango_font_description_free);
      g_free (self->states[i].last_text);
    }
  g_free (self->states);
  g_object_unref (self->scratch);
  g_string_free (self->text, TRUE);
  g_string_free (self->record, TRUE);
  g_object_unref (self->context);
  g_object_unref (self->font_map);
  serah_card_template_unref (self->template_);
  g_free (self);
}

void
serah_card_renderer_set_report (SerahCardRenderer *self, SerahFitReport *report)
{
  g_return_if_fail (self != NULL);
  self->report = report;
}

SerahCardTemplate *
serah_card_renderer_get_template (SerahCardRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->template_;
}

gboolean
serah_card_renderer_draw (SerahCardRenderer *self, cairo_t *cr, SerahCardSide side,
                          const SerahCardData *data, GError **error)
{
  GArray *steps;

  g_return_val_if_fail (self != NULL && cr != NULL, FALSE);
  g_return_val_if_fail (data != NULL && data->participant != NULL, FALSE);

  if (self->report != NULL)
    {
      const SerahParticipant *p = data->participant;
      g_string_printf (self->record, "%s %s", p->card_no,
                       p->name ? p->name : "");
      serah_fit_report_set_record (self->report, self->record->str);
    }
  if (!self->built)
    {
      /* The static layer is fitted once for every card: its problems are the template's. */
      if (self->report != NULL)
        serah_fit_report_set_record (self->report, "templat");
      build_steps (self);
      if (self->report != NULL)
        serah_fit_report_set_record (self->report, self->record->str);
    }
  steps = self->steps[side == SERAH_CARD_BACK ? 1 : 0];
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);
      SerahElement *e;

      if (step->layer != NULL)
        {
          cairo_set_source_surface (cr, step_surface (self, step), 0, 0);
          cairo_paint (cr);
          continue;
        }
      e = step->state->element;
      if (!requirement_met (self, e, data))
        continue;
      switch (e->type)
        {
        case SERAH_ELEMENT_TEXT:
          compose_text (self->text, e, self->template_, data);
          if (self->text->len == 0)
            continue;
          if (step->state->layout == NULL)
            draw_static_element (self, cr, e);
          else
            {
              layout_text (step->state, self->text->str);
              draw_text_state (self, cr, step->state);
            }
          break;
        case SERAH_ELEMENT_QR:
          if (!draw_qr (self, cr, e, data, error))
            return FALSE;
          break;
        default:
          draw_static_element (self, cr, e);
          break;
        }
    }
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SERAH_RENDER_ERROR, SERAH_RENDER_ERROR_CAIRO, _("Drawing failed: %s"),
                   cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

static SerahRect
to_card (const PangoRectangle *r, double x, double y)
{
  return (SerahRect) { x + r->x / (double) PANGO_SCALE, y + r->y / (double) PANGO_SCALE,
                       r->width / (double) PANGO_SCALE, r->height / (double) PANGO_SCALE };
}

gboolean
serah_card_renderer_place_text (SerahCardRenderer *self, SerahCardSide side,
                                const char *element_id, const SerahCardData *data,
                                SerahTextPlacement *out)
{
  g_return_val_if_fail (self != NULL && element_id != NULL && out != NULL, FALSE);

  for (guint i = 0; i < self->template_->elements->len; i++)
    {
      SerahElement *e = self->template_->elements->pdata[i];
      g_autoptr(PangoLayout) layout = NULL;
      ElementState state;

      if (e->side != side || e->type != SERAH_ELEMENT_TEXT || strcmp (e->id, element_id) != 0)
        continue;
      layout = new_text_layout (self, e);
      state = (ElementState) { e, layout, pango_font_description_copy (e->font), NULL, { 0 } };
      compose_text (self->text, e, self->template_, data);
      layout_text (&state, self->text->str);
      out->box = e->box;
      out->ink = to_card (&state.last_fit.ink, state.last_fit.x, state.last_fit.y);
      out->logical = to_card (&state.last_fit.logical, state.last_fit.x, state.last_fit.y);
      out->size_pt = state.last_fit.size_pt;
      out->lines = state.last_fit.lines;
      out->ellipsized = state.last_fit.ellipsized;
      out->outcome = state.last_fit.outcome;
      g_free (state.last_text);
      pango_font_description_free (state.desc);
      return TRUE;
    }
  return FALSE;
}

void
serah_card_renderer_draw_separator (SerahCardRenderer *self, cairo_t *cr, double width,
                                    double height, const char *kecamatan, const char *desa,
                                    guint cards)
{
  g_autofree char *line1 = NULL, *line2 = NULL, *line3 = NULL;
  const double pad = MIN (width, height) * 0.08;
  const double band = height * 0.16;
  SerahTextStyle big = { 26, 8, SERAH_FIT_POLICY_TEXT, 2, PANGO_ALIGN_CENTER,
                         SERAH_FIT_VALIGN_MIDDLE };
  SerahTextStyle mid = { 14, 6, SERAH_FIT_POLICY_TEXT, 1, PANGO_ALIGN_CENTER,
                         SERAH_FIT_VALIGN_MIDDLE };
  SerahRect box;

  g_return_if_fail (self != NULL && cr != NULL);

  /* Office paper: Indonesian whatever the locale the program runs in, so never _(). */
  line1 = g_strdup_printf ("DESA %s", desa && *desa ? desa : "-");
  line2 = g_strdup_printf ("KECAMATAN %s", kecamatan && *kecamatan ? kecamatan : "-");
  line3 = g_strdup_printf ("%u kartu", cards);
  {
    g_autofree char *up1 = g_utf8_strup (line1, -1), *up2 = g_utf8_strup (line2, -1);
    g_free (line1);
    g_free (line2);
    line1 = g_steal_pointer (&up1);
    line2 = g_steal_pointer (&up2);
  }
  if (self->report != NULL)
    {
      g_autofree char *record = g_strdup_printf ("%s %s", line1, line2);
      serah_fit_report_set_record (self->report, record);
    }

  cairo_save (cr);
  /* A black band and border: the separator stands out at the edge of a stack of cards. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 0, 0, width, band);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0.4, 0.4, width - 0.8, height - 0.8);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 1, 1, 1);
  box = (SerahRect) { pad, band * 0.12, width - 2 * pad, band * 0.76 };
  mid.size_pt = 10;
  serah_render_fitted_text (cr, self->scratch, "AWAL TUMPUKAN", SERAH_FONT_CARD " Bold", &mid, &box,
                            self->report, "separator:title");

  cairo_set_source_rgb (cr, 0, 0, 0);
  box = (SerahRect) { pad, band + pad * 0.5, width - 2 * pad, (height - band) * 0.42 };
  serah_render_fitted_text (cr, self->scratch, line1, SERAH_FONT_CARD " Bold", &big, &box,
                            self->report, "separator:desa");
  mid.size_pt = 14;
  box = (SerahRect) { pad, box.y + box.height, width - 2 * pad, (height - band) * 0.2 };
  serah_render_fitted_text (cr, self->scratch, line2, SERAH_FONT_CARD, &mid, &box,
                            self->report, "separator:kecamatan");
  big.size_pt = 20;
  big.max_lines = 1;
  box = (SerahRect) { pad, box.y + box.height, width - 2 * pad,
                     height - pad * 0.5 - box.y - box.height };
  serah_render_fitted_text (cr, self->scratch, line3, SERAH_FONT_CARD " Bold", &big, &box,
                            self->report, "separator:count");
  cairo_restore (cr);
}
