/* serah-outreach-report.h: the outreach indicators the office is assessed on, side by side:
 * new registrations per month and desa against the activities held there (a timeline), the
 * understanding scores before and after, the IKM of the SKM with the grade of each element,
 * and complaints received and resolved with the age of those still open. CSV, or XLSX with a
 * worksheet per section; a PDF with the Cairo charts of the reports area is the next step.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_OUTREACH_REPORT_CSV,
  SERAH_OUTREACH_REPORT_XLSX,
} SerahOutreachReportFormat;

/**
 * serah_outreach_indicators_write:
 * @store: the office database
 * @from: (nullable): ISO date, inclusive; %NULL: no bound
 * @to: (nullable): ISO date, inclusive; %NULL: no bound
 * @now: Unix seconds, the moment open complaints are aged against
 * @format: CSV or XLSX
 * @path: the file to write
 * @operator_name: who exports, for the audit log
 * @error: return location for a #GError
 *
 * Writes the indicators of the period (ISO dates, inclusive; NULL: no bound) and records
 * "export.indicators-outreach" in the audit log in the same transaction. @now (Unix seconds)
 * is the moment open complaints are aged against.
 *
 * Returns: %TRUE when written and recorded, %FALSE with @error set
 */
gboolean serah_outreach_indicators_write (SerahStore                *store,
                                          const char                *from,
                                          const char                *to,
                                          gint64                     now,
                                          SerahOutreachReportFormat  format,
                                          const char                *path,
                                          const char                *operator_name,
                                          GError                   **error);

G_END_DECLS
