/* serah-csv-out.c: CSV writing shared by the testimonial exports and the reports. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "output/serah-csv-private.h"

/* [+-]digits[.,digits][E[+-]digits][%]: what a spreadsheet takes for a number. */
static gboolean
is_plain_number (const char *s)
{
  gboolean digits = FALSE;

  if (*s == '+' || *s == '-')
    s++;
  while (g_ascii_isdigit (*s))
    s++, digits = TRUE;
  if ((*s == '.' || *s == ',') && digits)
    {
      s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (digits && (*s == 'e' || *s == 'E'))
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == '%')
    s++;
  return digits && *s == '\0';
}

gboolean
serah_csv_needs_neutralising (const char *value)
{
  if (value == NULL || strchr ("=+-@\t\r", value[0]) == NULL || value[0] == '\0')
    return FALSE;
  return value[0] == '=' || value[0] == '@' || value[0] == '\t' || value[0] == '\r' ||
         !is_plain_number (value);
}

GString *
serah_csv_new (void)
{
  return g_string_new ("\xEF\xBB\xBF");
}

void
serah_csv_append_row (GString *out, const char *const *fields, guint n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *neutral = serah_csv_needs_neutralising (fields[i])
                                   ? g_strconcat ("'", fields[i], NULL) : NULL;
      const char *f = neutral ? neutral : fields[i] ? fields[i] : "";
      size_t len = strlen (f);
      /* Worst case: every byte a quote (doubled) plus the two enclosing quotes. */
      size_t room = 2 * len + 2;
      gsize at;

      if (i > 0)
        g_string_append_c (out, ',');
      /* libcsv quotes every field; quote only where needed, so plain cells read plainly. */
      if (strpbrk (f, ",\"\r\n") == NULL && !g_ascii_isspace (f[0]) &&
          (len == 0 || !g_ascii_isspace (f[len - 1])))
        {
          g_string_append_len (out, f, (gssize) len);
          continue;
        }
      at = out->len;
      g_string_set_size (out, at + room);
      g_string_truncate (out, at + csv_write (out->str + at, room, f, len));
    }
  g_string_append (out, "\r\n");
}

gboolean
serah_csv_save (GString *csv, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, csv->str, (gssize) csv->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, G_FILE_ERROR, local->code, _("Cannot write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}
