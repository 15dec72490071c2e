/* serah-template-keyfile.c: reading the key files of card templates and sheets.
 *
 * GKeyFile gives no line numbers, and a template that prints a name outside the card is
 * found only at the printer; so the text is scanned first to know the line of every group
 * and key, and the typed getters below report every mistake as "path:line: message", like a
 * compiler. */
#define G_LOG_DOMAIN "serah-template"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cards/serah-template-private.h"

#define EPSILON 1e-6

void
serah_key_source_clear (SerahKeySource *src)
{
  g_clear_pointer (&src->keys, g_key_file_unref);
  g_clear_pointer (&src->lines, g_hash_table_unref);
}

/* Every message starts "path:line: " so editors and people can jump to it. */
gboolean
serah_key_fail_line (GError **error, int code, const char *path, int line, const char *message)
{
  if (line > 0)
    g_set_error (error, SERAH_TEMPLATE_ERROR, code, "%s:%d: %s", path, line, message);
  else
    g_set_error (error, SERAH_TEMPLATE_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

int
serah_key_source_line (const SerahKeySource *src, const char *group, const char *key)
{
  g_autofree char *k = key ? g_strconcat (group, "\n", key, NULL) : g_strdup (group);
  return GPOINTER_TO_INT (g_hash_table_lookup (src->lines, k));
}

gboolean
serah_key_fail (GError **error, int code, const SerahKeySource *src, const char *group,
                const char *key, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return serah_key_fail_line (error, code, src->path, serah_key_source_line (src, group, key),
                              message);
}

/* Scans the text line by line: records where each group and key is, and rejects what
 * GKeyFile would reject (or silently merge: repeated groups and keys) with its line. */
static gboolean
key_source_scan (SerahKeySource *src, const char *text, gsize length, GError **error)
{
  g_autofree char *group = NULL;
  const char *p = text, *end = text + length;
  int line = 0;

  src->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_utf8_validate (text, length, NULL))
    return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, 0,
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
            return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                                        _("A group header must look like [name]."));
          g_free (group);
          group = g_strndup (s + 1, close - s - 1);
          if (g_hash_table_contains (src->lines, group))
            {
              g_autofree char *msg = g_strdup_printf (_("The group [%s] appears twice (first on line %d)."),
                                                      group,
                                                      serah_key_source_line (src, group, NULL));
              return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line, msg);
            }
          g_hash_table_insert (src->lines, g_strdup (group), GINT_TO_POINTER (line));
          continue;
        }
      {
        char *eq = strchr (s, '=');
        g_autofree char *key = NULL;
        g_autofree char *k = NULL;

        if (eq == NULL || eq == s)
          return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                                      _("Expected “Key=value”, a [group] or a # comment."));
        if (group == NULL)
          return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line,
                                      _("A key before the first [group]."));
        key = g_strstrip (g_strndup (s, eq - s));
        k = g_strconcat (group, "\n", key, NULL);
        if (g_hash_table_contains (src->lines, k))
          {
            g_autofree char *msg = g_strdup_printf (_("The key %s appears twice in [%s]."), key,
                                                    group);
            return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, line, msg);
          }
        g_hash_table_insert (src->lines, g_steal_pointer (&k), GINT_TO_POINTER (line));
      }
    }

  src->keys = g_key_file_new ();
  {
    g_autoptr(GError) local = NULL;
    if (!g_key_file_load_from_data (src->keys, text, length, G_KEY_FILE_KEEP_TRANSLATIONS, &local))
      return serah_key_fail_line (error, SERAH_TEMPLATE_ERROR_SYNTAX, src->path, 0, local->message);
  }
  return TRUE;
}

gboolean
serah_key_source_load (SerahKeySource *src, const char *text, gssize length, const char *path,
                       GError **error)
{
  src->path = path;
  return key_source_scan (src, text, length < 0 ? strlen (text) : (gsize) length, error);
}

/* Rejects keys a group does not know (typos like "Widht" would otherwise be ignored). */
gboolean
serah_key_check_keys (const SerahKeySource *src, const char *group, const char *const *allowed,
                      GError **error)
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
          return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, keys[i],
                                 _("Unknown key “%s” in [%s] (known keys: %s)."), keys[i],
                                 group, list);
        }
    }
  return TRUE;
}

char *
serah_key_get_string (const SerahKeySource *src, const char *group, const char *key)
{
  char *value = g_key_file_get_string (src->keys, group, key, NULL);
  return value ? g_strstrip (value) : NULL;
}

gboolean
serah_key_get_double (const SerahKeySource *src, const char *group, const char *key,
                      gboolean required,
                      double fallback, double min, double max, double *out, GError **error)
{
  g_autofree char *value = serah_key_get_string (src, group, key);
  char *end = NULL;
  double v;

  if (value == NULL)
    {
      if (required)
        return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, NULL,
                               _("[%s] needs a %s= value."), group, key);
      *out = fallback;
      return TRUE;
    }
  v = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (v))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s must be a number (with a '.' for decimals), not “%s”."), key,
                           value);
  if (v < min - EPSILON || v > max + EPSILON)
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s = %s is out of range (%g to %g)."), key, value, min, max);
  *out = v;
  return TRUE;
}

gboolean
serah_key_get_int (const SerahKeySource *src, const char *group, const char *key, int fallback,
                   int min, int max,
                   int *out, GError **error)
{
  double v;

  if (!serah_key_get_double (src, group, key, FALSE, fallback, min, max, &v, error))
    return FALSE;
  if (v != floor (v))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s must be a whole number."), key);
  *out = (int) v;
  return TRUE;
}

gboolean
serah_key_get_bool (const SerahKeySource *src, const char *group, const char *key,
                    gboolean fallback,
                    gboolean *out, GError **error)
{
  g_autofree char *value = serah_key_get_string (src, group, key);

  if (value == NULL)
    *out = fallback;
  else if (g_ascii_strcasecmp (value, "true") == 0 || g_ascii_strcasecmp (value, "yes") == 0 ||
           strcmp (value, "1") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0 || g_ascii_strcasecmp (value, "no") == 0 ||
           strcmp (value, "0") == 0)
    *out = FALSE;
  else
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s must be true or false, not “%s”."), key, value);
  return TRUE;
}

/* Picks one of a fixed set of words; returns the index in *out. */
gboolean
serah_key_get_choice (const SerahKeySource *src, const char *group, const char *key,
                      const char *const *words,
                      int fallback, int *out, GError **error)
{
  g_autofree char *value = serah_key_get_string (src, group, key);

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
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s must be one of %s, not “%s”."), key, list, value);
  }
}

gboolean
serah_key_get_color (const SerahKeySource *src, const char *group, const char *key,
                     PangoColor *color,
                     guint16 *alpha, gboolean *present, GError **error)
{
  g_autofree char *value = serah_key_get_string (src, group, key);

  if (present)
    *present = value != NULL;
  if (value == NULL)
    return TRUE;
  if (!pango_color_parse_with_alpha (color, alpha, value))
    return serah_key_fail (error, SERAH_TEMPLATE_ERROR_INVALID, src, group, key,
                           _("%s must be a colour like #00796b or a name like white, not “%s”."),
                           key, value);
  return TRUE;
}

char *
serah_key_name_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

char *
serah_key_read_named (SerahTemplateKind kind, const char *name_or_path, char **path_out,
                      gsize *length,
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
