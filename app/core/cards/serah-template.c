/* serah-template.c: card templates (*.card): their {field} placeholders, their elements, and
 * the checks that every element stays in the safe area (or, for backgrounds, the bleed).
 * The key-file reading with line numbers is in serah-template-keyfile.c; sheets and the
 * search path in serah-sheet.c. */
#define G_LOG_DOMAIN "serah-template"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "cards/serah-template-private.h"
#include <serah/output/serah-fonts.h>

G_DEFINE_QUARK (serah-template-error-quark, serah_template_error)
G_DEFINE_BOXED_TYPE (SerahCardTemplate, serah_card_template, serah_card_template_ref,
                     serah_card_template_unref)

#define EPSILON 1e-6

/* ---- placeholders ---- */

static const struct {
  const char *name;
  SerahField  field;
} field_names[] = {
  { "name", SERAH_FIELD_NAME },
  { "card_no", SERAH_FIELD_CARD_NO },
  { "card_no_spaced", SERAH_FIELD_CARD_NO_SPACED },
  { "nik", SERAH_FIELD_NIK },
  { "nik_masked", SERAH_FIELD_NIK_MASKED },
  { "birth_date", SERAH_FIELD_BIRTH_DATE },
  { "sex", SERAH_FIELD_SEX },
  { "address", SERAH_FIELD_ADDRESS },
  { "desa", SERAH_FIELD_DESA },
  { "kecamatan", SERAH_FIELD_KECAMATAN },
  { "faskes", SERAH_FIELD_FASKES },
  { "care_class", SERAH_FIELD_CARE_CLASS },
  { "serial", SERAH_FIELD_SERIAL },
  { "stack_index", SERAH_FIELD_STACK_INDEX },
  { "stack_total", SERAH_FIELD_STACK_TOTAL },
  { "payload", SERAH_FIELD_PAYLOAD },
  /* Filled by every print job, so no template has to declare them. */
  { "office", SERAH_FIELD_EXTRA },
  { "print_date", SERAH_FIELD_EXTRA },
};

SerahField
serah_template_field_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (strcmp (name, field_names[i].name) == 0)
      return field_names[i].field;
  return SERAH_FIELD_LITERAL;
}

static void
segment_free (gpointer data)
{
  SerahTextSegment *s = data;
  g_free (s->text);
  g_free (s);
}

static void
add_segment (GPtrArray *segments, SerahField field, GString *text)
{
  SerahTextSegment *s;

  if (field == SERAH_FIELD_LITERAL && text->len == 0)
    return;
  s = g_new0 (SerahTextSegment, 1);
  s->field = field;
  s->text = g_strndup (text->str, text->len);
  g_ptr_array_add (segments, s);
  g_string_truncate (text, 0);
}

GPtrArray *
serah_template_parse_text (const char *text, const char *const *extra_fields, GError **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (segment_free);
  g_autoptr(GString) literal = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (literal, *p++);
          continue;
        }
      if (*p == '{')
        {
          const char *close = strchr (p, '}');
          g_autofree char *name = NULL;
          SerahField field;

          if (close == NULL)
            {
              g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_INVALID,
                           _("“{” without a closing “}” (write {{ for a literal brace)."));
              return NULL;
            }
          name = g_strstrip (g_strndup (p + 1, close - p - 1));
          field = serah_template_field_from_name (name);
          if (field == SERAH_FIELD_LITERAL && extra_fields && g_strv_contains (extra_fields, name))
            field = SERAH_FIELD_EXTRA;
          if (field == SERAH_FIELD_LITERAL)
            {
              g_autoptr(GString) known = g_string_new (NULL);
              for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
                g_string_append_printf (known, "%s%s", i ? ", " : "", field_names[i].name);
              for (guint i = 0; extra_fields && extra_fields[i]; i++)
                g_string_append_printf (known, ", %s", extra_fields[i]);
              g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_INVALID,
                           _("Unknown field {%s} (known fields: %s; declare others in "
                             "[Card] ExtraFields=)."),
                           name, known->str);
              return NULL;
            }
          add_segment (segments, SERAH_FIELD_LITERAL, literal);
          g_string_append (literal, name);
          add_segment (segments, field, literal);
          p = close;
          continue;
        }
      if (*p == '}')
        {
          g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_INVALID,
                       _("“}” without an opening “{” (write }} for a literal brace)."));
          return NULL;
        }
      g_string_append_c (literal, *p);
    }
  add_segment (segments, SERAH_FIELD_LITERAL, literal);
  return g_steal_pointer (&segments);
}

/* ---- card templates ---- */

static void
element_free (gpointer data)
{
  SerahElement *e = data;

  g_free (e->id);
  g_free (e->requires);
  g_clear_pointer (&e->segments, g_ptr_array_unref);
  g_clear_pointer (&e->font, pango_font_description_free);
  g_free (e->image_path);
  g_clear_pointer (&e->image, cairo_surface_destroy);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahElement, element_free)

SerahCardTemplate *
serah_card_template_ref (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
serah_card_template_unref (SerahCardTemplate *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->title);
  g_free (self->path);
  g_strfreev (self->extra_fields);
  g_clear_pointer (&self->elements, g_ptr_array_unref);
  g_free (self);
}

static const char *const card_keys[] = {
  "Title", "Width", "Height", "Bleed", "SafeMargin", "CornerRadius", "Payload", "NikDisplay",
  "ExtraFields", "Font", "Description", NULL
};
static const char *const common_keys[] = { "Type", "X", "Y", "Width", "Height", "Bleed",
                                           "Requires" };
static const char *const text_keys[] = { "Text", "Font", "Size", "MinSize", "Weight", "Italic",
                                         "Color", "Align", "VAlign", "Overflow", "MaxLines",
                                         "Uppercase", "LetterSpacing", "LineSpacing" };
static const char *const box_keys[] = { "Fill", "Stroke", "LineWidth", "Radius" };
static const char *const line_keys[] = { "Stroke", "LineWidth" };
static const char *const image_keys[] = { "File" };
static const char *const qr_keys[] = { "Size", "Level", "QuietZone", "Data" };

static const char *const type_words[] = { "text", "box", "line", "image", "qr", NULL };

static GStrv
allowed_keys (SerahElementType type)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

#define ADD_ALL(list) for (guint i = 0; i < G_N_ELEMENTS (list); i++) g_strv_builder_add (b, list[i])
  ADD_ALL (common_keys);
  switch (type)
    {
    case SERAH_ELEMENT_TEXT: ADD_ALL (text_keys); break;
    case SERAH_ELEMENT_BOX: ADD_ALL (box_keys); break;
    case SERAH_ELEMENT_LINE: ADD_ALL (line_keys); break;
    case SERAH_ELEMENT_IMAGE: ADD_ALL (image_keys); break;
    case SERAH_ELEMENT_QR: ADD_ALL (qr_keys); break;
    }
#undef ADD_ALL
  return g_strv_builder_end (b);
}

static gboolean
parse_weight (const SerahKeySource *src, const char *group, PangoWeight *weight, GError **error)
{
  static const char *const words[] = { "thin", "light", "normal", "medium", "semibold", "bold",
                                        "heavy", NULL };
  static const PangoWeight weights[] = { PANGO_WEIGHT_THIN, PANGO_WEIGHT_LIGHT,
                                         PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_MEDIUM,
                                         PANGO_WEIGHT_SEMIBOLD, PANGO_WEIGHT_BOLD,
                                         PANGO_WEIGHT_HEAVY };
  int index;

  if (!serah_key_get_choice (src, group, "Weight", words, 2, &index, error))
    return FALSE;
  *weight = weights[index];
  return TRUE;
}

static gboolean
load_image (SerahElement *e, const SerahKeySource *src, const char *group, const char *dir,
            GError **error)
{
  g_autofree char *file = serah_key_get_string (src, group, "File");
  g_autoptr(GError) local = NULL;

  if (file == NULL || *file == '\0')
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                           _("An image needs File= (a PNG or SVG beside the template)."));
  e->image_path = g_path_is_absolute (file) ? g_strdup (file) : g_build_filename (dir, file, NULL);

  if (g_str_has_suffix (e->image_path, ".svg") || g_str_has_suffix (e->image_path, ".SVG"))
    {
      /* librsvg 2.54 declares no autoptr for its handle: a GObject one does the unref. */
      g_autoptr(GObject) handle = (GObject *) rsvg_handle_new_from_file (e->image_path, &local);
      RsvgRectangle viewport;
      cairo_t *cr;
      gboolean drawn;

      if (handle == NULL)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                               _("Cannot read the image “%s”: %s"), e->image_path, local->message);
      if (!rsvg_handle_get_intrinsic_size_in_pixels (RSVG_HANDLE (handle), &e->image_width,
                                                     &e->image_height) ||
          e->image_width <= 0 || e->image_height <= 0)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                               _("The SVG “%s” has no width and height."), e->image_path);
      /* Kept as vectors: the PDF stays small and sharp, and the logo is written once. */
      viewport = (RsvgRectangle) { 0, 0, e->image_width, e->image_height };
      e->image = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                 &(cairo_rectangle_t) { 0, 0, e->image_width,
                                                                        e->image_height });
      cr = cairo_create (e->image);
      drawn = rsvg_handle_render_document (RSVG_HANDLE (handle), cr, &viewport, &local);
      cairo_destroy (cr);
      if (!drawn)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                               _("Cannot draw the image “%s”: %s"), e->image_path, local->message);
    }
  else
    {
      e->image = cairo_image_surface_create_from_png (e->image_path);
      if (cairo_surface_status (e->image) != CAIRO_STATUS_SUCCESS)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                               _("Cannot read the image “%s” (%s): give a PNG or SVG file."),
                               e->image_path,
                               cairo_status_to_string (cairo_surface_status (e->image)));
      e->image_width = cairo_image_surface_get_width (e->image);
      e->image_height = cairo_image_surface_get_height (e->image);
    }
  return TRUE;
}

static gboolean
parse_text_element (SerahElement *e, SerahCardTemplate *t, const SerahKeySource *src,
                    const char *group,
                    const char *default_font, GError **error)
{
  static const char *const align_words[] = { "left", "center", "right", NULL };
  static const char *const valign_words[] = { "top", "middle", "bottom", NULL };
  static const char *const overflow_words[] = { "ellipsize", "wrap", NULL };
  g_autofree char *text = g_key_file_get_locale_string (src->keys, group, "Text", NULL, NULL);
  g_autofree char *family = serah_key_get_string (src, group, "Font");
  g_autoptr(GError) local = NULL;
  PangoWeight weight;
  gboolean italic, present;
  int align, valign, overflow;

  if (text == NULL)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                           _("A text element needs Text= (fixed words and {fields})."));
  e->segments = serah_template_parse_text (text, (const char *const *) t->extra_fields, &local);
  if (e->segments == NULL)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Text", "%s",
                           local->message);
  e->is_static = TRUE;
  for (guint i = 0; i < e->segments->len; i++)
    if (((SerahTextSegment *) e->segments->pdata[i])->field != SERAH_FIELD_LITERAL)
      e->is_static = FALSE;

  if (family == NULL)
    family = g_strdup (default_font);
  if (!serah_fonts_has_family (family))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group,
                           g_key_file_has_key (src->keys, group, "Font", NULL) ? "Font" : NULL,
                           _("The font “%s” is not one Serah prints with: use %s, %s or %s."),
                           family, SERAH_FONT_CARD, SERAH_FONT_SANS, SERAH_FONT_SERIF);
  if (!serah_key_get_double (src, group, "Size", FALSE, 8, 2, 200, &e->size_pt, error) ||
      !serah_key_get_double (src, group, "MinSize", FALSE,
                             MAX (2.0, floor (e->size_pt * 0.6 * 4) / 4), 2, e->size_pt,
                             &e->min_size_pt, error) ||
      !parse_weight (src, group, &weight, error) ||
      !serah_key_get_bool (src, group, "Italic", FALSE, &italic, error) ||
      !serah_key_get_color (src, group, "Color", &e->color, &e->color_alpha, &present, error) ||
      !serah_key_get_choice (src, group, "Align", align_words, 0, &align, error) ||
      !serah_key_get_choice (src, group, "VAlign", valign_words, 0, &valign, error) ||
      !serah_key_get_choice (src, group, "Overflow", overflow_words, 0, &overflow, error) ||
      !serah_key_get_int (src, group, "MaxLines", overflow == SERAH_OVERFLOW_WRAP ? 2 : 1, 1, 50,
                          &e->max_lines, error) ||
      !serah_key_get_bool (src, group, "Uppercase", FALSE, &e->uppercase, error) ||
      !serah_key_get_double (src, group, "LetterSpacing", FALSE, 0, -5, 20, &e->letter_spacing_pt,
                             error) ||
      !serah_key_get_double (src, group, "LineSpacing", FALSE, 0, 0, 5, &e->line_spacing, error))
    return FALSE;
  if (!present)
    {
      e->color = (PangoColor) { 0, 0, 0 };
      e->color_alpha = 0xffff;
    }
  e->align = align == 1 ? PANGO_ALIGN_CENTER : align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  e->valign = valign;
  e->overflow = overflow;
  if (e->overflow != SERAH_OVERFLOW_WRAP)
    e->max_lines = 1;

  e->font = pango_font_description_new ();
  pango_font_description_set_family (e->font, family);
  pango_font_description_set_weight (e->font, weight);
  pango_font_description_set_style (e->font, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size (e->font, (int) (e->size_pt * PANGO_SCALE));
  return TRUE;
}

static gboolean
parse_qr_element (SerahElement *e, const SerahKeySource *src, const char *group, GError **error)
{
  static const char *const levels[] = { "L", "M", "Q", "H", NULL };
  g_autofree char *data = serah_key_get_string (src, group, "Data");
  double size;
  int level;

  if (!serah_key_get_double (src, group, "Size", TRUE, 0, 5, 200, &size, error) ||
      !serah_key_get_choice (src, group, "Level", levels, 1, &level, error) ||
      !serah_key_get_int (src, group, "QuietZone", 4, 0, 20, &e->quiet_zone, error))
    return FALSE;
  /* Below 4 modules of white around it, many phone and USB scanners miss the code. */
  if (e->quiet_zone < 4)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "QuietZone",
                           _("QuietZone must be at least 4 modules for scanners to find the "
                             "code."));
  e->qr_level = level == 0 ? QR_ECLEVEL_L : level == 2 ? QR_ECLEVEL_Q
              : level == 3 ? QR_ECLEVEL_H : QR_ECLEVEL_M;
  e->qr_field = SERAH_FIELD_PAYLOAD;
  if (data != NULL)
    {
      e->qr_field = serah_template_field_from_name (data);
      if (e->qr_field == SERAH_FIELD_LITERAL || e->qr_field == SERAH_FIELD_EXTRA)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Data",
                               _("Data must name a field such as payload or card_no, not “%s”."),
                               data);
    }
  e->box.width = e->box.height = size;
  return TRUE;
}

/* The rectangle an element inks, with half of any stroke around it. */
static SerahRect
element_extent (const SerahElement *e)
{
  SerahRect r = e->box;
  double half = e->has_stroke ? e->line_width / 2 : 0;

  if (r.width < 0)
    {
      r.x += r.width;
      r.width = -r.width;
    }
  if (r.height < 0)
    {
      r.y += r.height;
      r.height = -r.height;
    }
  /* Lines have butt caps: a horizontal line only grows up and down, a vertical one sideways. */
  if (e->type != SERAH_ELEMENT_LINE || e->box.height != 0)
    {
      r.x -= half;
      r.width += 2 * half;
    }
  if (e->type != SERAH_ELEMENT_LINE || e->box.width != 0)
    {
      r.y -= half;
      r.height += 2 * half;
    }
  return r;
}

static gboolean
check_inside (const SerahElement *e, const SerahCardTemplate *t, const SerahKeySource *src,
              const char *group, GError **error)
{
  SerahRect r = element_extent (e);
  SerahRect area;
  const char *what;

  if (e->bleed)
    {
      area = (SerahRect) { -t->bleed, -t->bleed, t->width + 2 * t->bleed,
                          t->height + 2 * t->bleed };
      what = _("the bleed");
    }
  else
    {
      area = serah_card_template_get_safe_area ((SerahCardTemplate *) t);
      what = _("the safe area");
    }

  if (r.x < area.x - EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group, "X",
                           _("[%s] starts at x = %.2f mm, left of %s (x ≥ %.2f mm)."), group,
                           r.x, what, area.x);
  if (r.y < area.y - EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group, "Y",
                           _("[%s] starts at y = %.2f mm, above %s (y ≥ %.2f mm)."), group,
                           r.y, what, area.y);
  if (r.x + r.width > area.x + area.width + EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group,
                           e->type == SERAH_ELEMENT_QR ? "Size" : "Width",
                           _("[%s] reaches x = %.2f mm, right of %s (x ≤ %.2f mm)."), group,
                           r.x + r.width, what, area.x + area.width);
  if (r.y + r.height > area.y + area.height + EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group,
                           e->type == SERAH_ELEMENT_QR ? "Size" : "Height",
                           _("[%s] reaches y = %.2f mm, below %s (y ≤ %.2f mm)."), group,
                           r.y + r.height, what, area.y + area.height);
  return TRUE;
}

static gboolean
parse_element (SerahCardTemplate *t, const SerahKeySource *src, const char *group,
               SerahCardSide side,
               const char *id, const char *default_font, const char *dir, GError **error)
{
  g_autoptr(SerahElement) e = g_new0 (SerahElement, 1);
  g_auto(GStrv) allowed = NULL;
  int type;

  e->id = g_strdup (id);
  e->side = side;
  e->line = serah_key_source_line (src, group, NULL);
  if (!g_key_file_has_key (src->keys, group, "Type", NULL))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                           _("[%s] needs Type= (text, box, line, image or qr)."), group);
  if (!serah_key_get_choice (src, group, "Type", type_words, 0, &type, error))
    return FALSE;
  e->type = type;
  allowed = allowed_keys (e->type);
  if (!serah_key_check_keys (src, group, (const char *const *) allowed, error))
    return FALSE;

  if (!serah_key_get_double (src, group, "X", TRUE, 0, -100, 1000, &e->box.x, error) ||
      !serah_key_get_double (src, group, "Y", TRUE, 0, -100, 1000, &e->box.y, error) ||
      !serah_key_get_bool (src, group, "Bleed", FALSE, &e->bleed, error))
    return FALSE;
  if (e->type != SERAH_ELEMENT_QR)
    {
      gboolean line = e->type == SERAH_ELEMENT_LINE;
      /* A line runs from (X, Y) by (Width, Height): one of them may be 0 or negative. */
      if (!serah_key_get_double (src, group, "Width", !line, 0, line ? -1000 : 0.1, 1000,
                                 &e->box.width, error) ||
          !serah_key_get_double (src, group, "Height", !line, 0, line ? -1000 : 0.1, 1000,
                                 &e->box.height, error))
        return FALSE;
    }
  else if (g_key_file_has_key (src->keys, group, "Width", NULL) ||
           g_key_file_has_key (src->keys, group, "Height", NULL))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group,
                           g_key_file_has_key (src->keys, group, "Width", NULL) ? "Width"
                                                                                 : "Height",
                           _("A QR code is square: give Size= instead of Width and Height."));

  e->requires = serah_key_get_string (src, group, "Requires");
  if (e->requires != NULL)
    {
      e->requires_field = serah_template_field_from_name (e->requires);
      if (e->requires_field == SERAH_FIELD_LITERAL &&
          g_strv_contains ((const char *const *) t->extra_fields, e->requires))
        e->requires_field = SERAH_FIELD_EXTRA;
      if (e->requires_field == SERAH_FIELD_LITERAL)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Requires",
                               _("Requires must name a field, not “%s”."), e->requires);
    }

  switch (e->type)
    {
    case SERAH_ELEMENT_TEXT:
      if (!parse_text_element (e, t, src, group, default_font, error))
        return FALSE;
      break;
    case SERAH_ELEMENT_BOX:
    case SERAH_ELEMENT_LINE:
      if (!serah_key_get_color (src, group, "Fill", &e->fill, &e->fill_alpha, &e->has_fill,
                                error) ||
          !serah_key_get_color (src, group, "Stroke", &e->stroke, &e->stroke_alpha, &e->has_stroke,
                                error) ||
          !serah_key_get_double (src, group, "LineWidth", FALSE, 0.25, 0.01, 20, &e->line_width,
                                 error) ||
          !serah_key_get_double (src, group, "Radius", FALSE, 0, 0, 100, &e->radius, error))
        return FALSE;
      if (e->type == SERAH_ELEMENT_LINE && !e->has_stroke)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                               _("A line needs a Stroke= colour."));
      if (e->type == SERAH_ELEMENT_BOX && !e->has_fill && !e->has_stroke)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                               _("A box needs Fill= or Stroke= (or both)."));
      break;
    case SERAH_ELEMENT_IMAGE:
      if (!load_image (e, src, group, dir, error))
        return FALSE;
      break;
    case SERAH_ELEMENT_QR:
      if (!parse_qr_element (e, src, group, error))
        return FALSE;
      break;
    }

  if (e->bleed && (e->type == SERAH_ELEMENT_TEXT || e->type == SERAH_ELEMENT_QR))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Bleed",
                           _("Only boxes, lines and images may run into the bleed; text and QR "
                             "codes stay in the safe area."));
  if (!check_inside (e, t, src, group, error))
    return FALSE;

  if (side == SERAH_CARD_BACK)
    t->has_back = TRUE;
  g_ptr_array_add (t->elements, g_steal_pointer (&e));
  return TRUE;
}

static gboolean
parse_card (SerahCardTemplate *t, const SerahKeySource *src, GError **error)
{
  static const char *const payload_words[] = { "card", "invitation", NULL };
  static const char *const nik_words[] = { "masked", "full", NULL };
  g_autofree char *dir = g_path_get_dirname (src->path);
  g_autofree char *font = NULL;
  g_auto(GStrv) groups = NULL;
  int payload, nik;

  if (!g_key_file_has_group (src->keys, "Card"))
    return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_INVALID, src->path, 1,
                                _("A card template starts with a [Card] group."));
  if (!serah_key_check_keys (src, "Card", card_keys, error))
    return FALSE;
  t->title = g_key_file_get_locale_string (src->keys, "Card", "Title", NULL, NULL);
  if (t->title == NULL)
    t->title = g_strdup (t->name);
  if (!serah_key_get_double (src, "Card", "Width", FALSE, 85.60, 10, 1000, &t->width, error) ||
      !serah_key_get_double (src, "Card", "Height", FALSE, 53.98, 10, 1000, &t->height, error) ||
      !serah_key_get_double (src, "Card", "Bleed", FALSE, 2, 0, 10, &t->bleed, error) ||
      !serah_key_get_double (src, "Card", "SafeMargin", FALSE, 3, 0, 20, &t->safe_margin, error) ||
      !serah_key_get_double (src, "Card", "CornerRadius", FALSE, 3.18, 0, 20, &t->corner_radius,
                             error) ||
      !serah_key_get_choice (src, "Card", "Payload", payload_words, 0, &payload, error) ||
      !serah_key_get_choice (src, "Card", "NikDisplay", nik_words, 0, &nik, error))
    return FALSE;
  if (2 * t->safe_margin >= MIN (t->width, t->height))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Card", "SafeMargin",
                           _("SafeMargin leaves no room on the card."));
  t->payload_kind = payload == 1 ? SERAH_PAYLOAD_INVITATION : SERAH_PAYLOAD_CARD;
  t->full_nik = nik == 1;
  t->extra_fields = g_key_file_get_string_list (src->keys, "Card", "ExtraFields", NULL, NULL);
  if (t->extra_fields == NULL)
    t->extra_fields = g_new0 (char *, 1);
  for (guint i = 0; t->extra_fields[i]; i++)
    {
      g_strstrip (t->extra_fields[i]);
      if (serah_template_field_from_name (t->extra_fields[i]) != SERAH_FIELD_LITERAL ||
          !g_regex_match_simple ("^[a-z][a-z0-9_]*$", t->extra_fields[i], 0, 0))
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Card", "ExtraFields",
                               _("ExtraFields: “%s” must be a new lower-case name like "
                                 "ceremony_name."),
                               t->extra_fields[i]);
    }
  font = serah_key_get_string (src, "Card", "Font");
  if (font == NULL)
    font = g_strdup (SERAH_FONT_CARD);

  groups = g_key_file_get_groups (src->keys, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      const char *g = groups[i];
      if (strcmp (g, "Card") == 0)
        continue;
      if (g_str_has_prefix (g, "front:") && g[6])
        {
          if (!parse_element (t, src, g, SERAH_CARD_FRONT, g + 6, font, dir, error))
            return FALSE;
        }
      else if (g_str_has_prefix (g, "back:") && g[5])
        {
          if (!parse_element (t, src, g, SERAH_CARD_BACK, g + 5, font, dir, error))
            return FALSE;
        }
      else
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, g, NULL,
                               _("Unknown group [%s]: elements are named [front:NAME] or "
                                 "[back:NAME]."),
                               g);
    }
  return TRUE;
}

SerahCardTemplate *
serah_card_template_load_data (const char *text, gssize length, const char *display_path,
                               GError **error)
{
  g_autoptr(SerahCardTemplate) t = g_new0 (SerahCardTemplate, 1);
  SerahKeySource src = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_path != NULL, NULL);

  g_atomic_ref_count_init (&t->ref_count);
  t->path = g_strdup (display_path);
  t->name = serah_key_name_from_path (display_path);
  t->elements = g_ptr_array_new_with_free_func (element_free);
  ok = serah_key_source_load (&src, text, length, display_path, error) && parse_card (t, &src,
                                                                                      error);
  serah_key_source_clear (&src);
  return ok ? g_steal_pointer (&t) : NULL;
}

SerahCardTemplate *
serah_card_template_load (const char *name_or_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  text = serah_key_read_named (SERAH_TEMPLATE_KIND_CARD, name_or_path, &path, &length, error);
  if (text == NULL)
    return NULL;
  return serah_card_template_load_data (text, length, path, error);
}

const char *
serah_card_template_get_name (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

const char *
serah_card_template_get_title (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
serah_card_template_get_path (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

void
serah_card_template_get_size (SerahCardTemplate *self, double *width_mm, double *height_mm)
{
  g_return_if_fail (self != NULL);
  if (width_mm)
    *width_mm = self->width;
  if (height_mm)
    *height_mm = self->height;
}

double
serah_card_template_get_bleed (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bleed;
}

double
serah_card_template_get_corner_radius (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->corner_radius;
}

SerahRect
serah_card_template_get_safe_area (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, (SerahRect) { 0 });
  return (SerahRect) { self->safe_margin, self->safe_margin, self->width - 2 * self->safe_margin,
                       self->height - 2 * self->safe_margin };
}

gboolean
serah_card_template_has_back (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->has_back;
}

SerahPayloadKind
serah_card_template_get_payload_kind (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, SERAH_PAYLOAD_CARD);
  return self->payload_kind;
}

gboolean
serah_card_template_get_full_nik (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->full_nik;
}

const char *const *
serah_card_template_get_extra_fields (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *) self->extra_fields;
}

guint
serah_card_template_get_n_elements (SerahCardTemplate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->elements->len;
}

gboolean
serah_card_template_get_element (SerahCardTemplate *self, guint index, SerahTemplateElement *out)
{
  const SerahElement *e;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);
  if (index >= self->elements->len)
    return FALSE;
  e = self->elements->pdata[index];
  *out = (SerahTemplateElement) { e->id, e->side, type_words[e->type], e->box, e->bleed, e->line };
  return TRUE;
}
