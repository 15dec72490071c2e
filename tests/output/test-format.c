/* test-format.c: the one Indonesian convention for numbers, percentages and dates shown to
 * people (serah-format.c), whatever the process locale. */
#include "config.h"

#include <locale.h>

#include <serah/output/serah-format.h>

static void
check (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_count (void)
{
  check (serah_format_count (0), "0");
  check (serah_format_count (999), "999");
  check (serah_format_count (1234), "1.234");
  check (serah_format_count (100000), "100.000");
  check (serah_format_count (1234567), "1.234.567");
  check (serah_format_count (-4321), "-4.321");
  check (serah_format_count (G_MININT64), "-9.223.372.036.854.775.808");
}

static void
test_percent (void)
{
  check (serah_format_percent (58.333), "58,3 %");
  check (serah_format_percent (8.25), "8,3 %");
  check (serah_format_percent (100.0), "100,0 %");
  check (serah_format_percent (0.0), "0,0 %");
  check (serah_format_percent (0.04), "0,0 %");
  check (serah_format_percent (-2.5), "-2,5 %");
  check (serah_format_percent (1234.5), "1.234,5 %");
  check (serah_format_share (7, 12), "58,3 %");
  check (serah_format_share (3, 0), "0,0 %");
}

/* issue 15: the IKM and element scores, two decimals, comma, rounded half away from zero. */
static void
test_decimal (void)
{
  check (serah_format_decimal (80.5555, 2), "80,56");
  check (serah_format_decimal (75.0, 2), "75,00");
  check (serah_format_decimal (3.2222, 3), "3,222");
  check (serah_format_decimal (1234.5, 1), "1.234,5");
  check (serah_format_decimal (-0.125, 2), "-0,13");
  check (serah_format_decimal (2.5, 0), "3");
}

static void
test_date (void)
{
  check (serah_format_date ("2026-12-06"), "6 Desember 2026");
  check (serah_format_date ("2026-05-24"), "24 Mei 2026");
  check (serah_format_date ("2026-13-01"), "2026-13-01");
  check (serah_format_date ("kemarin"), "kemarin");
  check (serah_format_date (NULL), "");
  g_assert_cmpstr (serah_format_month_name (8), ==, "Agustus");
  g_assert_null (serah_format_month_name (0));
}

/* Moments on screen (audit log, operators, backups, recordings) in the same words as dates. */
static void
test_date_time (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new (utc, 2026, 12, 6, 14, 5, 9);
  g_autofree char *minutes = serah_format_date_time (when, FALSE);
  g_autofree char *seconds = serah_format_date_time (when, TRUE);

  g_assert_cmpstr (minutes, ==, "6 Desember 2026 14:05");
  g_assert_cmpstr (seconds, ==, "6 Desember 2026 14:05:09");
}

int
main (int argc, char **argv)
{
  /* A locale whose own convention differs must not leak in. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/format/count", test_count);
  g_test_add_func ("/serah/format/decimal", test_decimal);
  g_test_add_func ("/serah/format/percent", test_percent);
  g_test_add_func ("/serah/format/date", test_date);
  g_test_add_func ("/serah/format/date-time", test_date_time);
  return g_test_run ();
}
