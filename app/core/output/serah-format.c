/* serah-format.c: the one place that writes a number, a percentage or a date for people (see
 * serah-format.h). Indonesian convention whatever the process locale: the offices read
 * Indonesian, the paper is Indonesian, and printf's "%'d" and "%.1f" follow LC_NUMERIC,
 * which on these laptops is often C or en_US. */
#define G_LOG_DOMAIN "serah-output"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <serah/output/serah-format.h>

static const char *const months[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni",
  "Juli", "Agustus", "September", "Oktober", "November", "Desember",
};

const char *
serah_format_month_name (int month)
{
  return month >= 1 && month <= 12 ? months[month - 1] : NULL;
}

char *
serah_format_count (gint64 n)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  guint64 magnitude = n < 0 ? (guint64) (-(n + 1)) + 1 : (guint64) n;
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  if (n < 0)
    g_string_append_c (out, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
serah_format_percent (double percent)
{
  /* Tenths, rounded half away from zero, as whole numbers: no locale, no binary surprises
   * in the last digit. */
  gint64 tenths = (gint64) (percent * 10.0 + (percent < 0 ? -0.5 : 0.5));
  gint64 whole = tenths / 10;
  int decimal = (int) ABS (tenths % 10);
  g_autofree char *grouped = serah_format_count (ABS (whole));

  return g_strdup_printf ("%s%s,%d %%", tenths < 0 ? "-" : "", grouped, decimal);
}

char *
serah_format_share (gint64 part, gint64 whole)
{
  return serah_format_percent (whole > 0 ? 100.0 * (double) part / (double) whole : 0.0);
}

char *
serah_format_date_time (GDateTime *when, gboolean with_seconds)
{
  g_return_val_if_fail (when != NULL, NULL);

  if (with_seconds)
    return g_strdup_printf ("%d %s %d %02d:%02d:%02d", g_date_time_get_day_of_month (when),
                            months[g_date_time_get_month (when) - 1], g_date_time_get_year (when),
                            g_date_time_get_hour (when), g_date_time_get_minute (when),
                            g_date_time_get_second (when));
  return g_strdup_printf ("%d %s %d %02d:%02d", g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1], g_date_time_get_year (when),
                          g_date_time_get_hour (when), g_date_time_get_minute (when));
}

char *
serah_format_date (const char *iso_date)
{
  int y, m, d;
  char tail;

  if (iso_date == NULL)
    return g_strdup ("");
  if (sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
      d > 31)
    return g_strdup (iso_date);
  return g_strdup_printf ("%d %s %d", d, months[m - 1], y);
}

/* issue 15: the IKM and its element scores are read out with two decimals (80,56). */
char *
serah_format_decimal (double value, guint decimals)
{
  gint64 scale = 1, scaled, whole, frac;
  g_autofree char *grouped = NULL;

  decimals = MIN (decimals, 6);
  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  /* Rounded half away from zero, as whole numbers, as serah_format_percent does. */
  scaled = (gint64) (value * (double) scale + (value < 0 ? -0.5 : 0.5));
  whole = ABS (scaled) / scale;
  frac = ABS (scaled) % scale;
  grouped = serah_format_count (whole);
  if (decimals == 0)
    return g_strdup_printf ("%s%s", scaled < 0 ? "-" : "", grouped);
  return g_strdup_printf ("%s%s,%0*" G_GINT64_FORMAT, scaled < 0 ? "-" : "", grouped,
                          (int) decimals, frac);
}
