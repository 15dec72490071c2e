/* serah-format.h: numbers, percentages and dates for people, in the one Indonesian
 * convention Serah uses everywhere it shows them (the window, the PDFs, the XLSX display):
 * "1.234" (dot groups thousands), "58,3 %" (decimal comma, a space before the sign), and
 * "6 Desember 2026". Files meant for machines (CSV, JSON, XLSX cell values) keep plain
 * numbers and ISO dates and never go through here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * serah_format_count:
 * @n: a count
 *
 * Returns: (transfer full): @n with dots grouping thousands: 1234567 gives "1.234.567"
 */
char *serah_format_count   (gint64      n);
/**
 * serah_format_percent:
 * @percent: a percentage
 *
 * Returns: (transfer full): @percent with one decimal and a decimal comma: 58.333 gives
 *   "58,3 %"
 */
char *serah_format_percent (double      percent);
/**
 * serah_format_decimal:
 * @value: a number
 * @decimals: digits after the comma (at most 6)
 *
 * Returns: (transfer full): @value rounded to @decimals digits, with a decimal comma and dots
 *   grouping thousands: 80.5555 with 2 gives "80,56"
 */
char *serah_format_decimal (double      value,
                            guint       decimals);
/**
 * serah_format_share:
 * @part: the part
 * @whole: the whole
 *
 * Returns: (transfer full): @part / @whole as serah_format_percent() writes it ("0,0 %" when
 *   @whole is 0)
 */
char *serah_format_share   (gint64      part,
                            gint64      whole);
/**
 * serah_format_date:
 * @iso_date: (nullable): a date as YYYY-MM-DD
 *
 * Returns: (transfer full): "6 Desember 2026" for "2026-12-06"; anything else as it is, "" for
 *   %NULL
 */
char *serah_format_date    (const char *iso_date);
/**
 * serah_format_date_time:
 * @when: a moment (in the local time zone, as the desk's clock shows it)
 * @with_seconds: whether to write the seconds (the audit log's order of events)
 *
 * Returns: (transfer full): "6 Desember 2026 14:05" or, with seconds,
 *   "6 Desember 2026 14:05:09"
 */
char *serah_format_date_time (GDateTime *when,
                              gboolean   with_seconds);
/**
 * serah_format_month_name:
 * @month: 1..12
 *
 * Returns: (transfer none) (nullable): the month's Indonesian name ("Desember"), %NULL outside
 *   1..12
 */
const char *serah_format_month_name (int month);

G_END_DECLS
