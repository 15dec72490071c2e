/* serah-fonts.c: the document font map (see serah-fonts.h for why it exists).
 *
 * The map is a PangoCairo fontconfig map over an FcConfig of our own that holds only the
 * declared families' files: fontconfig is never asked to choose among what happens to be
 * installed. Each family's files are taken from the Debian package's folder; on another
 * system, from the files the system's fontconfig lists under exactly that family name. Serah
 * does not ship the fonts: Debian keeps them up to date, and policy forbids embedded copies. */
#define G_LOG_DOMAIN "serah-fonts"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <serah/output/serah-fonts.h>

typedef struct {
  const char *family;
  const char *package;
  const char *dir;
  const char *files[5];   /* the first is the regular face, which must exist */
} SerahFontFamily;

static const SerahFontFamily families[] = {
  { SERAH_FONT_SANS, "fonts-noto-core", "/usr/share/fonts/truetype/noto",
    { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
      "NotoSans-BoldItalic.ttf", NULL } },
  { SERAH_FONT_SERIF, "fonts-noto-core", "/usr/share/fonts/truetype/noto",
    { "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
      "NotoSerif-BoldItalic.ttf", NULL } },
  /* fonts-dejavu-core has the regular and bold faces; Pango slants them for italics. */
  { SERAH_FONT_CARD, "fonts-dejavu-core", "/usr/share/fonts/truetype/dejavu",
    { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", NULL } },
};

/* The files of family as the system's fontconfig lists them, for systems that keep the font
 * elsewhere; only faces whose family name is exactly family. */
static void
add_system_files (FcConfig *config, const char *family, gboolean *found)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, family, NULL);
  FcObjectSet *objects = FcObjectSetBuild (FC_FILE, NULL);
  FcFontSet *set = FcFontList (NULL, pattern, objects);

  for (int i = 0; set != NULL && i < set->nfont; i++)
    {
      FcChar8 *file = NULL;
      if (FcPatternGetString (set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
          FcConfigAppFontAddFile (config, file))
        *found = TRUE;
    }
  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
}

/* Adds family's files to config; FALSE when its regular face is nowhere. */
static gboolean
add_family (FcConfig *config, const SerahFontFamily *f)
{
  g_autofree char *regular = g_build_filename (f->dir, f->files[0], NULL);
  gboolean found = FALSE;

  if (g_file_test (regular, G_FILE_TEST_IS_REGULAR))
    {
      for (guint i = 0; f->files[i] != NULL; i++)
        {
          g_autofree char *path = g_build_filename (f->dir, f->files[i], NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
              FcConfigAppFontAddFile (config, (const FcChar8 *) path))
            found = TRUE;
        }
    }
  if (!found)
    add_system_files (config, f->family, &found);
  return found;
}

static PangoFontMap *
font_map_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
  FcConfig *config = FcConfigCreate ();

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    if (!add_family (config, &families[i]))
      g_debug ("font family %s not found (package %s)", families[i].family,
               families[i].package);
  pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (map), config);
  FcConfigDestroy (config);
  return map;
}

PangoFontMap *
serah_fonts_font_map_new (void)
{
  return font_map_new ();
}

static GPrivate thread_map = G_PRIVATE_INIT (g_object_unref);

PangoFontMap *
serah_fonts_get_font_map (void)
{
  PangoFontMap *map = g_private_get (&thread_map);

  if (map == NULL)
    {
      map = font_map_new ();
      g_private_set (&thread_map, map);
    }
  return map;
}

PangoLayout *
serah_fonts_create_layout (cairo_t *cr)
{
  PangoContext *context;
  PangoLayout *layout;

  g_return_val_if_fail (cr != NULL, NULL);
  context = pango_font_map_create_context (serah_fonts_get_font_map ());
  pango_cairo_update_context (cr, context);
  layout = pango_layout_new (context);
  g_object_unref (context);
  return layout;
}

/* Whether the map holds a face of family. Pango also lists its generic aliases (Sans, Serif,
 * Monospace, System-ui), which always resolve to some face: only the declared families are
 * asked about here. */
static gboolean
map_has_family (const char *family)
{
  PangoFontFamily **list = NULL;
  int n = 0;
  gboolean found = FALSE;

  pango_font_map_list_families (serah_fonts_get_font_map (), &list, &n);
  for (int i = 0; i < n && !found; i++)
    found = g_ascii_strcasecmp (pango_font_family_get_name (list[i]), family) == 0;
  g_free (list);
  return found;
}

gboolean
serah_fonts_has_family (const char *family)
{
  g_return_val_if_fail (family != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    if (g_ascii_strcasecmp (families[i].family, family) == 0)
      return map_has_family (families[i].family);
  return FALSE;
}

char *
serah_fonts_get_missing (void)
{
  g_autoptr(GString) message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      if (serah_fonts_has_family (families[i].family))
        continue;
      if (message == NULL)
        message = g_string_new (NULL);
      else
        g_string_append (message, "; ");
      /* Translators: a font family and the Debian package that installs it. */
      g_string_append_printf (message, _("the font “%s” is not installed (package %s)"),
                              families[i].family, families[i].package);
    }
  return message ? g_string_free (g_steal_pointer (&message), FALSE) : NULL;
}
