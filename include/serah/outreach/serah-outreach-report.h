/* serah-outreach-report.h: the outreach indicators the office is assessed on, side by side:
 * new registrations per month and desa against the activities held there (a timeline), the
 * understanding scores before and after, the IKM of the SKM with the grade of each element,
 * and complaints received and resolved with the age of those still open. CSV, or XLSX with a
 * worksheet per section; a PDF with the Cairo charts of the reports area is the next step.
 */
#pragma once

#include <serah/outreach/serah-outreach-records.h>
#include <serah/outreach/serah-skm.h>

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

/* One month of the timeline, every desa together. */
typedef struct {
  char  month[8];        /* YYYY-MM */
  guint registrations;   /* recorded that month */
  guint covered;         /* of them, since brought into the register by an import */
  guint activities;      /* activities held that month */
  guint attendance;      /* people at them */
} SerahOutreachMonth;

/* The figures the Laporan page and the PDF show, read once for a period. */
typedef struct {
  char         *from;                 /* the period, or NULL */
  char         *to;
  GArray       *months;               /* SerahOutreachMonth, oldest first */
  GPtrArray    *timeline;             /* GStrv per (month, desa): month, desa, registrations,
                                       * covered, activities, attendance */
  guint         registrations;        /* in the period */
  guint         activities;
  guint         sheets[2];            /* understanding sheets before, after */
  double        understanding[2];     /* mean score in % before, after (0 without sheets) */
  SerahSkmResult skm;                 /* skm.respondents == 0: no SKM answer in the period */
  guint         complaints_received;  /* in the period */
  guint         complaints_resolved;  /* of those, resolved since */
  guint         open_now;             /* open today, whenever received */
  guint         open_by_age[3];       /* open now: 0-7 days, 8-30 days, more than 30 */
  gint64        oldest_open_days;     /* -1: none open */
  GPtrArray    *complaint_months;     /* GStrv per month: month, received, resolved */
} SerahOutreachIndicators;

/**
 * serah_outreach_indicators_free:
 * @self: (nullable): the figures
 *
 * Frees the figures.
 */
void serah_outreach_indicators_free (SerahOutreachIndicators *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahOutreachIndicators, serah_outreach_indicators_free)

/**
 * serah_outreach_indicators_read:
 * @store: the office database
 * @from: (nullable): ISO date, inclusive; %NULL: no bound
 * @to: (nullable): ISO date, inclusive; %NULL: no bound
 * @now: Unix seconds, the moment open complaints are aged against
 * @error: return location for a #GError
 *
 * Reads the outreach indicators of the period: the same figures the CSV, XLSX and PDF
 * reports write, for the Laporan page. Reads only; nothing is audited.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
SerahOutreachIndicators *serah_outreach_indicators_read (SerahStore  *store,
                                                         const char  *from,
                                                         const char  *to,
                                                         gint64       now,
                                                         GError     **error);

G_END_DECLS
