/* serah-format.h: numbers, percentages and dates for people, in the one Indonesian
 * convention Serah uses everywhere it shows them (the window, the PDFs, the XLSX display):
 * "1.234" (dot groups thousands), "58,3 %" (decimal comma, a space before the sign), and
 * "6 Desember 2026". Files meant for machines (CSV, JSON, XLSX cell values) keep plain
 * numbers and ISO dates and never go through here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1234567 -> "1.234.567"; -5 -> "-5". */
char *serah_format_count   (gint64      n);
/* A percentage with one decimal: 58.333 -> "58,3 %"; 100 -> "100,0 %". */
char *serah_format_percent (double      percent);
/* The share part / whole as a percentage ("0,0 %" when whole is 0). */
char *serah_format_share   (gint64      part,
                            gint64      whole);
/* "2026-12-06" -> "6 Desember 2026"; anything else is returned as it is (NULL -> ""). */
char *serah_format_date    (const char *iso_date);
/* The month's Indonesian name, 1..12 ("Desember"); NULL outside. */
const char *serah_format_month_name (int month);

G_END_DECLS
