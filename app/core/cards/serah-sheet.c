/* serah-sheet.c: sheets (*.sheet), the paper and its grid of slots, and where templates and
 * sheets are found (the search path and the lists the GUI shows). */
#define G_LOG_DOMAIN "serah-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cards/serah-template-private.h"

G_DEFINE_BOXED_TYPE (SerahSheet, serah_sheet, serah_sheet_ref, serah_sheet_unref)

#define EPSILON 1e-6
/* A CR80 card (85.60 x 53.98 mm) on an 85 x 54 mm business-card slot overhangs 0.3 mm. */
#define SLOT_TOLERANCE_MM 1.0

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
parse_sheet (SerahSheet *s, const SerahKeySource *src, GError **error)
{
  int columns, rows;

  if (!g_key_file_has_group (src->keys, "Sheet"))
    return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_INVALID, src->path, 1,
                                _("A sheet file starts with a [Sheet] group."));
  {
    g_auto(GStrv) groups = g_key_file_get_groups (src->keys, NULL);
    for (guint i = 0; groups[i]; i++)
      if (strcmp (groups[i], "Sheet") != 0)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, groups[i], NULL,
                               _("A sheet file has only the [Sheet] group, not [%s]."), groups[i]);
  }
  if (!serah_key_check_keys (src, "Sheet", sheet_keys, error))
    return FALSE;
  s->title = g_key_file_get_locale_string (src->keys, "Sheet", "Title", NULL, NULL);
  if (s->title == NULL)
    s->title = g_strdup (s->name);
  if (!serah_key_get_double (src, "Sheet", "PaperWidth", TRUE, 0, 20, 2000, &s->paper_width,
                             error) ||
      !serah_key_get_double (src, "Sheet", "PaperHeight", TRUE, 0, 20, 2000, &s->paper_height,
                             error) ||
      !serah_key_get_int (src, "Sheet", "Columns", 1, 1, 50, &columns, error) ||
      !serah_key_get_int (src, "Sheet", "Rows", 1, 1, 50, &rows, error) ||
      !serah_key_get_double (src, "Sheet", "OffsetX", FALSE, 0, 0, 2000, &s->offset_x, error) ||
      !serah_key_get_double (src, "Sheet", "OffsetY", FALSE, 0, 0, 2000, &s->offset_y, error) ||
      !serah_key_get_double (src, "Sheet", "SlotWidth", TRUE, 0, 10, 2000, &s->slot_width, error) ||
      !serah_key_get_double (src, "Sheet", "SlotHeight", TRUE, 0, 10, 2000, &s->slot_height,
                             error) ||
      !serah_key_get_double (src, "Sheet", "PitchX", columns > 1, s->slot_width, 0, 2000,
                             &s->pitch_x, error) ||
      !serah_key_get_double (src, "Sheet", "PitchY", rows > 1, s->slot_height, 0, 2000,
                             &s->pitch_y, error) ||
      !serah_key_get_bool (src, "Sheet", "Rotate", FALSE, &s->rotated, error))
    return FALSE;
  s->columns = columns;
  s->rows = rows;
  if (columns > 1 && s->pitch_x < s->slot_width - EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Sheet", "PitchX",
                           _("PitchX (%.2f mm) is less than SlotWidth (%.2f mm): slots would "
                             "overlap."),
                           s->pitch_x, s->slot_width);
  if (rows > 1 && s->pitch_y < s->slot_height - EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, "Sheet", "PitchY",
                           _("PitchY (%.2f mm) is less than SlotHeight (%.2f mm): slots would "
                             "overlap."),
                           s->pitch_y, s->slot_height);
  if (s->offset_x + (columns - 1) * s->pitch_x + s->slot_width > s->paper_width + EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, "Sheet", "Columns",
                           _("The last column ends at %.2f mm, beyond the paper width (%.2f mm)."),
                           s->offset_x + (columns - 1) * s->pitch_x + s->slot_width,
                           s->paper_width);
  if (s->offset_y + (rows - 1) * s->pitch_y + s->slot_height > s->paper_height + EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_OUTSIDE, src, "Sheet", "Rows",
                           _("The last row ends at %.2f mm, beyond the paper height (%.2f mm)."),
                           s->offset_y + (rows - 1) * s->pitch_y + s->slot_height,
                           s->paper_height);
  return TRUE;
}

SerahSheet *
serah_sheet_load_data (const char *text, gssize length, const char *display_path, GError **error)
{
  g_autoptr(SerahSheet) s = g_new0 (SerahSheet, 1);
  SerahKeySource src = { 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_path != NULL, NULL);

  g_atomic_ref_count_init (&s->ref_count);
  s->path = g_strdup (display_path);
  s->name = serah_key_name_from_path (display_path);
  ok = serah_key_source_load (&src, text, length, display_path, error) && parse_sheet (s, &src,
                                                                                       error);
  serah_key_source_clear (&src);
  return ok ? g_steal_pointer (&s) : NULL;
}

SerahSheet *
serah_sheet_load (const char *name_or_path, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (name_or_path != NULL, NULL);

  text = serah_key_read_named (SERAH_TEMPLATE_KIND_SHEET, name_or_path, &path, &length, error);
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
  return (SerahRect) { self->offset_x + column * self->pitch_x,
                      self->offset_y + row * self->pitch_y,
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

/* The installed templates beside the running program (bin/../share/serah/print-templates),
 * or NULL when the program was not started from an installed tree. */
static char *
templates_beside_program (void)
{
  g_autofree char *exe = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *dir = NULL;

  if (*SERAH_TEMPLATES_FROM_BINDIR == '\0')
    return NULL;
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return NULL;
  bindir = g_path_get_dirname (exe);
  joined = g_build_filename (bindir, SERAH_TEMPLATES_FROM_BINDIR, NULL);
  dir = g_canonicalize_filename (joined, NULL);
  return g_file_test (dir, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&dir) : NULL;
}

/* The folders of SERAH_TEMPLATES_DIR first (a list like PATH: the tests and a build-tree run
 * point it at print-templates/, a user at a folder of their own), then the templates
 * installed with the program. No source-tree path is compiled in: an installed Serah must
 * never depend on the machine it was built on. */
static GStrv
search_dirs (void)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const char *env = g_getenv ("SERAH_TEMPLATES_DIR");
  g_autofree char *beside = templates_beside_program ();

  if (env != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i] != NULL; i++)
        if (*dirs[i] != '\0')
          g_strv_builder_add (b, dirs[i]);
    }
  if (beside != NULL)
    g_strv_builder_add (b, beside);
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
