/* serah-template.c: loading and validating card templates (*.card) and sheets (*.sheet).
 *
 * The files are GLib key files so that people can edit them in any text editor. GKeyFile
 * gives no line numbers, and a template that prints a name outside the card is found only
 * at the printer; so the file text is scanned first to know the line of every group and key,
 * and every semantic error (unknown key, bad number, element outside the safe area) names
 * the file and line, like a compiler. */
#define G_LOG_DOMAIN "serah-template"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>

#include "serah-template-private.h"

G_DEFINE_QUARK (serah-template-error-quark, serah_template_error)
G_DEFINE_BOXED_TYPE (SerahCardTemplate, serah_card_template, serah_card_template_ref,
                     serah_card_template_unref)
G_DEFINE_BOXED_TYPE (SerahSheet, serah_sheet, serah_sheet_ref, serah_sheet_unref)

#define EPSILON 1e-6
/* A CR80 card (85.60 x 53.98 mm) on an 85 x 54 mm business-card slot overhangs 0.3 mm. */
#define SLOT_TOLERANCE_MM 1.0

/* ---- reading the file with line numbers ---- */

typedef struct {
  const char *path;      /* for messages */
  GKeyFile   *keys;
  GHashTable *lines;     /* "group" or "group\nkey" -> line (GINT_TO_POINTER) */
} Source;

static void
source_clear (Source *src)
{
  g_clear_pointer (&src->keys, g_key_file_unref);
  g_clear_pointer (&src->lines, g_hash_table_unref);
}

/* Every message starts "path:line: " so editors and people can jump to it. */
static gboolean
fail_line (GError **error, int code, const char *path, int line, const char *message)
{
  if (line > 0)
    g_set_error (error, SERAH_TEMPLATE_ERROR, code, "%s:%d: %s", path, line, message);
  else
    g_set_error (error, SERAH_TEMPLATE_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static int
source_line (const Source *src, const char *group, const char *key)
{
  g_autofree char *k = key ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
  return GPOINTER_TO_INT (g_hash_table_lookup (src->lines, k));
}

static gboolean G_GNUC_PRINTF (6, 7)
fail_key (GError **error, int code, const Source *src, const char *group, const char *key,
          const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return fail_line (error, code, src->path, source_line (src, group, key), message);
}

/* Scans the text line by line: records where each group and key is, and rejects what
 * GKeyFile would reject (or silently merge: repeated groups and keys) with its line. */
static gboolean
source_scan (Source *src, const char *text, gsize length, GError **error)
{
  g_autofree char *group = NULL;
  const char *p = text, *end = text + length;
  int line = 0;

  src->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_utf8_validate (text, length, NULL))
    return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, 0,
                      _("The file is not UTF-8 text."));

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *raw = g_strndup (p, (eol ? eol : end) - p);
      char *s = g_strstrip (raw);

      line++;
      p = eol ? eol + 1 : end;
      if (*s == '\0' || *s == '#')
        continue;
      if (*s == '[')
        {
          char *close = strrchr (s, ']');
          if (close == NULL || close[1] != '\0' || close == s + 1)
            return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                              _("A group header must look like [name]."));
          g_free (group);
          group = g_strndup (s + 1, close - s - 1);
          if (g_hash_table_contains (src->lines, group))
            {
              g_autofree char *msg = g_strdup_printf (_("The group [%s] appears twice (first on line %d)."),
                                                      group,
                                                      source_line (src, group, NULL));
              return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line, msg);
            }
          g_hash_table_insert (src->lines, g_strdup (group), GINT_TO_POINTER (line));
          continue;
        }
      {
        char *eq = strchr (s, '=');
        g_autofree char *key = NULL;
        g_autofree char *k = NULL;

        if (eq == NULL || eq == s)
          return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                            _("Expected “Key=value”, a [group] or a # comment."));
        if (group == NULL)
          return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                            _("A key before the first [group]."));
        key = g_strstrip (g_strndup (s, eq - s));
        k = g_strconcat (group, "\n", key, NULL);
        if (g_hash_table_contains (src->lines, k))
          {
            g_autofree char *msg = g_strdup_printf (_("The key %s appears twice in [%s]."), key,
                                                    group);
            return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line, msg);
          }
        g_hash_table_insert (src->lines, g_steal_pointer (&k), GINT_TO_POINTER (line));
      }
    }

  src->keys = g_key_file_new ();
  {
    g_autoptr(GError) local = NULL;
    if (!g_key_file_load_from_data (src->keys, text, length, G_KEY_FILE_KEEP_TRANSLATIONS, &local))
      return fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, 0, local->message);
  }
  return TRUE;
}

static gboolean
source_load (Source *src, const char *text, gssize length, const char *path, GError **error)
{
  src->path = path;
  return source_scan (src, text, length < 0 ? strlen (text) : (gsize) length, error);
}

/* Rejects keys a group does not know (typos like "Widht" would otherwise be ignored). */
static gboolean
check_keys (const Source *src, const char *group, const char *const *allowed, GError **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (src->keys, group, NULL, NULL);

  for (guint i = 0; keys && keys[i]; i++)
    {
      g_autofree char *base = g_strdup (keys[i]);
      char *bracket = strchr (base, '[');
      if (bracket)
        *bracket = '\0'; /* Title[id] is a translation of Title */
      if (!g_strv_contains (allowed, base))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);
          return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, keys[i],
                           _("Unknown key “%s” in [%s] (known keys: %s)."), keys[i], group, list);
        }
    }
  return TRUE;
}

static char *
get_string (const Source *src, const char *group, const char *key)
{
  char *value = g_key_file_get_string (src->keys, group, key, NULL);
  return value ? g_strstrip (value) : NULL;
}

static gboolean
get_double (const Source *src, const char *group, const char *key, gboolean required,
            double fallback, double min, double max, double *out, GError **error)
{
  g_autofree char *value = get_string (src, group, key);
  char *end = NULL;
  double v;

  if (value == NULL)
    {
      if (required)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                         _("[%s] needs a %s= value."), group, key);
      *out = fallback;
      return TRUE;
    }
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s must be a number (with a '.' for decimals), not “%s”."), key, value);
  if (v < min - EPSILON || v > max + EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s = %s is out of range (%g to %g)."), key, value, min, max);
  *out = v;
  return TRUE;
}

static gboolean
get_int (const Source *src, const char *group, const char *key, int fallback, int min, int max,
         int *out, GError **error)
{
  double v;

  if (!get_double (src, group, key, FALSE, fallback, min, max, &v, error))
    return FALSE;
  if (v != floor (v))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s must be a whole number."), key);
  *out = (int) v;
  return TRUE;
}

static gboolean
get_bool (const Source *src, const char *group, const char *key, gboolean fallback,
          gboolean *out, GError **error)
{
  g_autofree char *value = get_string (src, group, key);

  if (value == NULL)
    *out = fallback;
  else if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
           strcmp (value, "1") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
           strcmp (value, "0") == 0)
    *out = FALSE;
  else
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s must be true or false, not “%s”."), key, value);
  return TRUE;
}

/* Picks one of a fixed set of words; returns the index in *out. */
static gboolean
get_choice (const Source *src, const char *group, const char *key, const char *const *words,
            int fallback, int *out, GError **error)
{
  g_autofree char *value = get_string (src, group, key);

  *out = fallback;
  if (value == NULL)
    return TRUE;
  for (int i = 0; words[i]; i++)
    if (g_ascii_strcasecmp (value, words[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  {
    g_autofree char *list = g_strjoinv (", ", (char **) words);
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s must be one of %s, not “%s”."), key, list, value);
  }
}

static gboolean
get_color (const Source *src, const char *group, const char *key, PangoColor *color,
           guint16 *alpha, gboolean *present, GError **error)
{
  g_autofree char *value = get_string (src, group, key);

  if (present)
    *present = value != NULL;
  if (value == NULL)
    return TRUE;
  if (!pango_color_parse_with_alpha (color, alpha, value))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                     _("%s must be a colour like #00796b or a name like white, not “%s”."), key,
                     value);
  return TRUE;
}

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

/* Font families Pango can find here, lower case; looked up once per load. */
static gboolean
font_family_exists (const char *family)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n = 0;
  gboolean found = FALSE;

  pango_font_map_list_families (map, &families, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_ascii_strcasecmp (pango_font_family_get_name (families[i]), family) == 0;
  g_free (families);
  return found;
}

static gboolean
parse_weight (const Source *src, const char *group, PangoWeight *weight, GError **error)
{
  static const char *const words[] = { "thin", "light", "normal", "medium", "semibold", "bold",
                                        "heavy", NULL };
  static const PangoWeight weights[] = { PANGO_WEIGHT_THIN, PANGO_WEIGHT_LIGHT,
                                         PANGO_WEIGHT_NORMAL, PANGO_WEIGHT_MEDIUM,
                                         PANGO_WEIGHT_SEMIBOLD, PANGO_WEIGHT_BOLD,
                                         PANGO_WEIGHT_HEAVY };
  int index;

  if (!get_choice (src, group, "Weight", words, 2, &index, error))
    return FALSE;
  *weight = weights[index];
  return TRUE;
}

static gboolean
load_image (SerahElement *e, const Source *src, const char *group, const char *dir,
            GError **error)
{
  g_autofree char *file = get_string (src, group, "File");
  g_autoptr(GError) local = NULL;

  if (file == NULL || *file == '\0')
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
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
        return fail_key (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                         _("Cannot read the image “%s”: %s"), e->image_path, local->message);
      if (!rsvg_handle_get_intrinsic_size_in_pixels (RSVG_HANDLE (handle), &e->image_width,
                                                     &e->image_height) ||
          e->image_width <= 0 || e->image_height <= 0)
        return fail_key (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
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
        return fail_key (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                         _("Cannot draw the image “%s”: %s"), e->image_path, local->message);
    }
  else
    {
      e->image = cairo_image_surface_create_from_png (e->image_path);
      if (cairo_surface_status (e->image) != CAIRO_STATUS_SUCCESS)
        return fail_key (error, SERAH_TEMPLATE_ERROR_IMAGE, src, group, "File",
                         _("Cannot read the image “%s” (%s): give a PNG or SVG file."),
                         e->image_path, cairo_status_to_string (cairo_surface_status (e->image)));
      e->image_width = cairo_image_surface_get_width (e->image);
      e->image_height = cairo_image_surface_get_height (e->image);
    }
  return TRUE;
}

static gboolean
parse_text_element (SerahElement *e, SerahCardTemplate *t, const Source *src, const char *group,
                    const char *default_font, GError **error)
{
  static const char *const align_words[] = { "left", "center", "right", NULL };
  static const char *const valign_words[] = { "top", "middle", "bottom", NULL };
  static const char *const overflow_words[] = { "ellipsize", "wrap", NULL };
  g_autofree char *text = g_key_file_get_locale_string (src->keys, group, "Text", NULL, NULL);
  g_autofree char *family = get_string (src, group, "Font");
  g_autoptr(GError) local = NULL;
  PangoWeight weight;
  gboolean italic, present;
  int align, valign, overflow;

  if (text == NULL)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                     _("A text element needs Text= (fixed words and {fields})."));
  e->segments = serah_template_parse_text (text, (const char *const *) t->extra_fields, &local);
  if (e->segments == NULL)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Text", "%s", local->message);
  e->is_static = TRUE;
  for (guint i = 0; i < e->segments->len; i++)
    if (((SerahTextSegment *) e->segments->pdata[i])->field != SERAH_FIELD_LITERAL)
      e->is_static = FALSE;

  if (family == NULL)
    family = g_strdup (default_font);
  if (!font_family_exists (family))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group,
                     g_key_file_has_key (src->keys, group, "Font", NULL) ? "Font" : NULL,
                     _("The font “%s” is not installed (try DejaVu Sans or Noto Sans)."), family);
  if (!get_double (src, group, "Size", FALSE, 8, 2, 200, &e->size_pt, error) ||
      !get_double (src, group, "MinSize", FALSE, MAX (2.0, floor (e->size_pt * 0.6 * 4) / 4), 2,
                   e->size_pt, &e->min_size_pt, error) ||
      !parse_weight (src, group, &weight, error) ||
      !get_bool (src, group, "Italic", FALSE, &italic, error) ||
      !get_color (src, group, "Color", &e->color, &e->color_alpha, &present, error) ||
      !get_choice (src, group, "Align", align_words, 0, &align, error) ||
      !get_choice (src, group, "VAlign", valign_words, 0, &valign, error) ||
      !get_choice (src, group, "Overflow", overflow_words, 0, &overflow, error) ||
      !get_int (src, group, "MaxLines", overflow == SERAH_OVERFLOW_WRAP ? 2 : 1, 1, 50,
                &e->max_lines, error) ||
      !get_bool (src, group, "Uppercase", FALSE, &e->uppercase, error) ||
      !get_double (src, group, "LetterSpacing", FALSE, 0, -5, 20, &e->letter_spacing_pt, error) ||
      !get_double (src, group, "LineSpacing", FALSE, 0, 0, 5, &e->line_spacing, error))
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
parse_qr_element (SerahElement *e, const Source *src, const char *group, GError **error)
{
  static const char *const levels[] = { "L", "M", "Q", "H", NULL };
  g_autofree char *data = get_string (src, group, "Data");
  double size;
  int level;

  if (!get_double (src, group, "Size", TRUE, 0, 5, 200, &size, error) ||
      !get_choice (src, group, "Level", levels, 1, &level, error) ||
      !get_int (src, group, "QuietZone", 4, 0, 20, &e->quiet_zone, error))
    return FALSE;
  /* Below 4 modules of white around it, many phone and USB scanners miss the code. */
  if (e->quiet_zone < 4)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "QuietZone",
                     _("QuietZone must be at least 4 modules for scanners to find the code."));
  e->qr_level = level == 0 ? QR_ECLEVEL_L : level == 2 ? QR_ECLEVEL_Q
              : level == 3 ? QR_ECLEVEL_H : QR_ECLEVEL_M;
  e->qr_field = SERAH_FIELD_PAYLOAD;
  if (data != NULL)
    {
      e->qr_field = serah_template_field_from_name (data);
      if (e->qr_field == SERAH_FIELD_LITERAL || e->qr_field == SERAH_FIELD_EXTRA)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Data",
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
check_inside (const SerahElement *e, const SerahCardTemplate *t, const Source *src,
              const char *group, GError **error)
{
  SerahRect r = element_extent (e);
  SerahRect area;
  const char *what;

  if (e->bleed)
    {
      area = (SerahRect) { -t->bleed, -t->bleed, t->width + 2 * t->bleed, t->height + 2 * t->bleed };
      what = _("the bleed");
    }
  else
    {
      area = serah_card_template_get_safe_area ((SerahCardTemplate *) t);
      what = _("the safe area");
    }

  if (r.x < area.x - EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group, "X",
                     _("[%s] starts at x = %.2f mm, left of %s (x ≥ %.2f mm)."), group, r.x, what,
                     area.x);
  if (r.y < area.y - EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group, "Y",
                     _("[%s] starts at y = %.2f mm, above %s (y ≥ %.2f mm)."), group, r.y, what,
                     area.y);
  if (r.x + r.width > area.x + area.width + EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group,
                     e->type == SERAH_ELEMENT_QR ? "Size" : "Width",
                     _("[%s] reaches x = %.2f mm, right of %s (x ≤ %.2f mm)."), group,
                     r.x + r.width, what, area.x + area.width);
  if (r.y + r.height > area.y + area.height + EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, group,
                     e->type == SERAH_ELEMENT_QR ? "Size" : "Height",
                     _("[%s] reaches y = %.2f mm, below %s (y ≤ %.2f mm)."), group,
                     r.y + r.height, what, area.y + area.height);
  return TRUE;
}

static gboolean
parse_element (SerahCardTemplate *t, const Source *src, const char *group, SerahCardSide side,
               const char *id, const char *default_font, const char *dir, GError **error)
{
  g_autoptr(SerahElement) e = g_new0 (SerahElement, 1);
  g_auto(GStrv) allowed = NULL;
  int type;

  e->id = g_strdup (id);
  e->side = side;
  e->line = source_line (src, group, NULL);
  if (!g_key_file_has_key (src->keys, group, "Type", NULL))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                     _("[%s] needs Type= (text, box, line, image or qr)."), group);
  if (!get_choice (src, group, "Type", type_words, 0, &type, error))
    return FALSE;
  e->type = type;
  allowed = allowed_keys (e->type);
  if (!check_keys (src, group, (const char *const *) allowed, error))
    return FALSE;

  if (!get_double (src, group, "X", TRUE, 0, -100, 1000, &e->box.x, error) ||
      !get_double (src, group, "Y", TRUE, 0, -100, 1000, &e->box.y, error) ||
      !get_bool (src, group, "Bleed", FALSE, &e->bleed, error))
    return FALSE;
  if (e->type != SERAH_ELEMENT_QR)
    {
      gboolean line = e->type == SERAH_ELEMENT_LINE;
      /* A line runs from (X, Y) by (Width, Height): one of them may be 0 or negative. */
      if (!get_double (src, group, "Width", !line, 0, line ? -1000 : 0.1, 1000, &e->box.width, error) ||
          !get_double (src, group, "Height", !line, 0, line ? -1000 : 0.1, 1000, &e->box.height, error))
        return FALSE;
    }
  else if (g_key_file_has_key (src->keys, group, "Width", NULL) ||
           g_key_file_has_key (src->keys, group, "Height", NULL))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group,
                     g_key_file_has_key (src->keys, group, "Width", NULL) ? "Width" : "Height",
                     _("A QR code is square: give Size= instead of Width and Height."));

  e->requires = get_string (src, group, "Requires");
  if (e->requires != NULL)
    {
      e->requires_field = serah_template_field_from_name (e->requires);
      if (e->requires_field == SERAH_FIELD_LITERAL &&
          g_strv_contains ((const char *const *) t->extra_fields, e->requires))
        e->requires_field = SERAH_FIELD_EXTRA;
      if (e->requires_field == SERAH_FIELD_LITERAL)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Requires",
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
      if (!get_color (src, group, "Fill", &e->fill, &e->fill_alpha, &e->has_fill, error) ||
          !get_color (src, group, "Stroke", &e->stroke, &e->stroke_alpha, &e->has_stroke, error) ||
          !get_double (src, group, "LineWidth", FALSE, 0.25, 0.01, 20, &e->line_width, error) ||
          !get_double (src, group, "Radius", FALSE, 0, 0, 100, &e->radius, error))
        return FALSE;
      if (e->type == SERAH_ELEMENT_LINE && !e->has_stroke)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                         _("A line needs a Stroke= colour."));
      if (e->type == SERAH_ELEMENT_BOX && !e->has_fill && !e->has_stroke)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
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
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, "Bleed",
                     _("Only boxes, lines and images may run into the bleed; text and QR codes "
                       "stay in the safe area."));
  if (!check_inside (e, t, src, group, error))
    return FALSE;

  if (side == SERAH_CARD_BACK)
    t->has_back = TRUE;
  g_ptr_array_add (t->elements, g_steal_pointer (&e));
  return TRUE;
}

static char *
name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static gboolean
parse_card (SerahCardTemplate *t, const Source *src, GError **error)
{
  static const char *const payload_words[] = { "card", "invitation", NULL };
  static const char *const nik_words[] = { "masked", "full", NULL };
  g_autofree char *dir = g_path_get_dirname (src->path);
  g_autofree char *font = NULL;
  g_auto(GStrv) groups = NULL;
  int payload, nik;

  if (!g_key_file_has_group (src->keys, "Card"))
    return fail_line (error, SERAH_TEMPLATE_ERROR_INVALID, src->path, 1,
                      _("A card template starts with a [Card] group."));
  if (!check_keys (src, "Card", card_keys, error))
    return FALSE;
  t->title = g_key_file_get_locale_string (src->keys, "Card", "Title", NULL, NULL);
  if (t->title == NULL)
    t->title = g_strdup (t->name);
  if (!get_double (src, "Card", "Width", FALSE, 85.60, 10, 1000, &t->width, error) ||
      !get_double (src, "Card", "Height", FALSE, 53.98, 10, 1000, &t->height, error) ||
      !get_double (src, "Card", "Bleed", FALSE, 2, 0, 10, &t->bleed, error) ||
      !get_double (src, "Card", "SafeMargin", FALSE, 3, 0, 20, &t->safe_margin, error) ||
      !get_double (src, "Card", "CornerRadius", FALSE, 3.18, 0, 20, &t->corner_radius, error) ||
      !get_choice (src, "Card", "Payload", payload_words, 0, &payload, error) ||
      !get_choice (src, "Card", "NikDisplay", nik_words, 0, &nik, error))
    return FALSE;
  if (2 * t->safe_margin >= MIN (t->width, t->height))
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Card", "SafeMargin",
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
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Card", "ExtraFields",
                         _("ExtraFields: “%s” must be a new lower-case name like ceremony_name."),
                         t->extra_fields[i]);
    }
  font = get_string (src, "Card", "Font");
  if (font == NULL)
    font = g_strdup ("DejaVu Sans");

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
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, g, NULL,
                         _("Unknown group [%s]: elements are named [front:NAME] or [back:NAME]."),
                         g);
    }
  return TRUE;
}

SerahCardTemplate *
serah_card_template_load_data (const char *text, gssize length, const char *display_path,
                               GError **error)
{
  g_autoptr(SerahCardTemplate) t = g_new0 (SerahCardTemplate, 1);
  Source src = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_path != NULL, NULL);

  g_atomic_ref_count_init (&t->ref_count);
  t->path = g_strdup (display_path);
  t->name = name_from_path (display_path);
  t->elements = g_ptr_array_new_with_free_func (element_free);
  ok = source_load (&src, text, length, display_path, error) && parse_card (t, &src, error);
  source_clear (&src);
  return ok ? g_steal_pointer (&t) : NULL;
}

static char *
read_named (SerahTemplateKind kind, const char *name_or_path, char **path_out, gsize *length,
            GError **error)
{
  g_autofree char *path = serah_template_find (kind, name_or_path, error);
  g_autoptr(GError) local = NULL;
  char *text = NULL;

  if (path == NULL)
    return NULL;
  if (!g_file_get_contents (path, &text, length, &local))
    {
      g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_NOT_FOUND, "%s",
                   local->message);
      return NULL;
    }
  *path_out = g_steal_pointer (&path);
  return text;
}

SerahCardTemplate *
serah_card_template_load (const char *name_or_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  text = read_named (SERAH_TEMPLATE_KIND_CARD, name_or_path, &path, &length, error);
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

/* ---- sheets ---- */

SerahSheet *
serah_sheet_ref (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
serah_sheet_unref (SerahSheet *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->name);
  g_free (self->title);
  g_free (self->path);
  g_free (self);
}

static const char *const sheet_keys[] = {
  "Title", "Description", "PaperWidth", "PaperHeight", "Columns", "Rows", "OffsetX", "OffsetY",
  "PitchX", "PitchY", "SlotWidth", "SlotHeight", "Rotate", NULL
};

static gboolean
parse_sheet (SerahSheet *s, const Source *src, GError **error)
{
  int columns, rows;

  if (!g_key_file_has_group (src->keys, "Sheet"))
    return fail_line (error, SERAH_TEMPLATE_ERROR_INVALID, src->path, 1,
                      _("A sheet file starts with a [Sheet] group."));
  {
    g_auto(GStrv) groups = g_key_file_get_groups (src->keys, NULL);
    for (guint i = 0; groups[i]; i++)
      if (strcmp (groups[i], "Sheet") != 0)
        return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, groups[i], NULL,
                         _("A sheet file has only the [Sheet] group, not [%s]."), groups[i]);
  }
  if (!check_keys (src, "Sheet", sheet_keys, error))
    return FALSE;
  s->title = g_key_file_get_locale_string (src->keys, "Sheet", "Title", NULL, NULL);
  if (s->title == NULL)
    s->title = g_strdup (s->name);
  if (!get_double (src, "Sheet", "PaperWidth", TRUE, 0, 20, 2000, &s->paper_width, error) ||
      !get_double (src, "Sheet", "PaperHeight", TRUE, 0, 20, 2000, &s->paper_height, error) ||
      !get_int (src, "Sheet", "Columns", 1, 1, 50, &columns, error) ||
      !get_int (src, "Sheet", "Rows", 1, 1, 50, &rows, error) ||
      !get_double (src, "Sheet", "OffsetX", FALSE, 0, 0, 2000, &s->offset_x, error) ||
      !get_double (src, "Sheet", "OffsetY", FALSE, 0, 0, 2000, &s->offset_y, error) ||
      !get_double (src, "Sheet", "SlotWidth", TRUE, 0, 10, 2000, &s->slot_width, error) ||
      !get_double (src, "Sheet", "SlotHeight", TRUE, 0, 10, 2000, &s->slot_height, error) ||
      !get_double (src, "Sheet", "PitchX", columns > 1, s->slot_width, 0, 2000, &s->pitch_x, error) ||
      !get_double (src, "Sheet", "PitchY", rows > 1, s->slot_height, 0, 2000, &s->pitch_y, error) ||
      !get_bool (src, "Sheet", "Rotate", FALSE, &s->rotated, error))
    return FALSE;
  s->columns = columns;
  s->rows = rows;
  if (columns > 1 && s->pitch_x < s->slot_width - EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Sheet", "PitchX",
                     _("PitchX (%.2f mm) is less than SlotWidth (%.2f mm): slots would overlap."),
                     s->pitch_x, s->slot_width);
  if (rows > 1 && s->pitch_y < s->slot_height - EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Sheet", "PitchY",
                     _("PitchY (%.2f mm) is less than SlotHeight (%.2f mm): slots would overlap."),
                     s->pitch_y, s->slot_height);
  if (s->offset_x + (columns - 1) * s->pitch_x + s->slot_width > s->paper_width + EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, "Sheet", "Columns",
                     _("The last column ends at %.2f mm, beyond the paper width (%.2f mm)."),
                     s->offset_x + (columns - 1) * s->pitch_x + s->slot_width, s->paper_width);
  if (s->offset_y + (rows - 1) * s->pitch_y + s->slot_height > s->paper_height + EPSILON)
    return fail_key (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, "Sheet", "Rows",
                     _("The last row ends at %.2f mm, beyond the paper height (%.2f mm)."),
                     s->offset_y + (rows - 1) * s->pitch_y + s->slot_height, s->paper_height);
  return TRUE;
}

SerahSheet *
serah_sheet_load_data (const char *text, gssize length, const char *display_path, GError **error)
{
  g_autoptr(SerahSheet) s = g_new0 (SerahSheet, 1);
  Source src = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_path != NULL, NULL);

  g_atomic_ref_count_init (&s->ref_count);
  s->path = g_strdup (display_path);
  s->name = name_from_path (display_path);
  ok = source_load (&src, text, length, display_path, error) && parse_sheet (s, &src, error);
  source_clear (&src);
  return ok ? g_steal_pointer (&s) : NULL;
}

SerahSheet *
serah_sheet_load (const char *name_or_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  text = read_named (SERAH_TEMPLATE_KIND_SHEET, name_or_path, &path, &length, error);
  if (text == NULL)
    return NULL;
  return serah_sheet_load_data (text, length, path, error);
}

const char *
serah_sheet_get_name (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

const char *
serah_sheet_get_title (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

void
serah_sheet_get_paper_size (SerahSheet *self, double *width_mm, double *height_mm)
{
  g_return_if_fail (self != NULL);
  if (width_mm)
    *width_mm = self->paper_width;
  if (height_mm)
    *height_mm = self->paper_height;
}

guint
serah_sheet_get_columns (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->columns;
}

guint
serah_sheet_get_rows (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows;
}

guint
serah_sheet_get_n_slots (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->columns * self->rows;
}

SerahRect
serah_sheet_get_slot (SerahSheet *self, guint index)
{
  guint column, row;

  g_return_val_if_fail (self != NULL, (SerahRect) { 0 });
  g_return_val_if_fail (index < self->columns * self->rows, (SerahRect) { 0 });

  column = index % self->columns;
  row = index / self->columns;
  return (SerahRect) { self->offset_x + column * self->pitch_x, self->offset_y + row * self->pitch_y,
                       self->slot_width, self->slot_height };
}

gboolean
serah_sheet_get_rotated (SerahSheet *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->rotated;
}

gboolean
serah_sheet_check_card (SerahSheet *sheet, SerahCardTemplate *card, GError **error)
{
  double w, h;

  g_return_val_if_fail (sheet != NULL && card != NULL, FALSE);

  w = sheet->rotated ? card->height : card->width;
  h = sheet->rotated ? card->width : card->height;
  if (w > sheet->slot_width + SLOT_TOLERANCE_MM || h > sheet->slot_height + SLOT_TOLERANCE_MM)
    {
      g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_MISMATCH,
                   _("The template “%s” (%.2f × %.2f mm) does not fit the slots of the sheet "
                     "“%s” (%.2f × %.2f mm). Choose another sheet."),
                   card->name, w, h, sheet->name, sheet->slot_width, sheet->slot_height);
      return FALSE;
    }
  return TRUE;
}

/* ---- the search path ---- */

static GStrv
search_dirs (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *env = g_getenv ("SERAH_TEMPLATES_DIR");

  if (env != NULL && *env != '\0')
    g_strv_builder_add (b, env);
  g_strv_builder_add (b, SERAH_TEMPLATES_SOURCE);
  g_strv_builder_add (b, SERAH_TEMPLATES_INSTALLED);
  return g_strv_builder_end (b);
}

static const char *
kind_suffix (SerahTemplateKind kind)
{
  return kind == SERAH_TEMPLATE_KIND_SHEET ? ".sheet" : ".card";
}

char *
serah_template_find (SerahTemplateKind kind, const char *name_or_path, GError **error)
{
  const char *suffix = kind_suffix (kind);
  g_auto(GStrv) dirs = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  if (strchr (name_or_path, '/') != NULL || g_str_has_suffix (name_or_path, suffix))
    {
      if (g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
        return g_strdup (name_or_path);
      g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_NOT_FOUND,
                   _("The template file “%s” does not exist."), name_or_path);
      return NULL;
    }

  file = g_strconcat (name_or_path, suffix, NULL);
  dirs = search_dirs ();
  for (guint i = 0; dirs[i]; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  {
    g_autoptr(GPtrArray) known = serah_template_list (kind);
    g_autoptr(GString) names = g_string_new (NULL);
    for (guint i = 0; i < known->len; i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "",
                              ((SerahTemplateInfo *) known->pdata[i])->name);
    g_set_error (error, SERAH_TEMPLATE_ERROR, SERAH_TEMPLATE_ERROR_NOT_FOUND,
                 kind == SERAH_TEMPLATE_KIND_SHEET
                   ? _("No sheet named “%s” (available: %s).")
                   : _("No card template named “%s” (available: %s)."),
                 name_or_path, names->len ? names->str : "-");
  }
  return NULL;
}

void
serah_template_info_free (SerahTemplateInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->title);
  g_free (self->path);
  g_free (self);
}

static int
compare_info (gconstpointer a, gconstpointer b)
{
  const SerahTemplateInfo *x = *(SerahTemplateInfo **) a, *y = *(SerahTemplateInfo **) b;
  return g_strcmp0 (x->name, y->name);
}

GPtrArray *
serah_template_list (SerahTemplateKind kind)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_template_info_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) dirs = search_dirs ();
  const char *suffix = kind_suffix (kind);

  for (guint i = 0; dirs[i]; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[i], 0, NULL);
      const char *entry;

      while (dir && (entry = g_dir_read_name (dir)) != NULL)
        {
          SerahTemplateInfo *info;
          g_autoptr(GError) error = NULL;
          g_autofree char *name = NULL;

          if (!g_str_has_suffix (entry, suffix))
            continue;
          name = g_strndup (entry, strlen (entry) - strlen (suffix));
          if (g_hash_table_contains (seen, name))
            continue;
          info = g_new0 (SerahTemplateInfo, 1);
          info->path = g_build_filename (dirs[i], entry, NULL);
          info->name = g_strdup (name);
          if (kind == SERAH_TEMPLATE_KIND_SHEET)
            {
              g_autoptr(SerahSheet) s = serah_sheet_load (info->path, &error);
              info->title = g_strdup (s ? s->title : error->message);
            }
          else
            {
              g_autoptr(SerahCardTemplate) t = serah_card_template_load (info->path, &error);
              info->title = g_strdup (t ? t->title : error->message);
            }
          g_hash_table_add (seen, g_steal_pointer (&name));
          g_ptr_array_add (list, info);
        }
    }
  g_ptr_array_sort (list, compare_info);
  return g_steal_pointer (&list);
}
