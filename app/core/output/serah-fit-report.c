/* serah-fit-report.c: the list of texts that did not fit as designed, kept per document or
 * print run so that people see it before printing and tests can assert on it. Each (record,
 * field) pair is kept once: a renderer drawing the same card twice (preview, then PDF) does not
 * double the count. */
#define G_LOG_DOMAIN "serah-text-fit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/output/serah-fit-report.h>

struct _SerahFitReport {
  char       *record;
  guint       boxes;
  GPtrArray  *problems; /* SerahFitProblem */
  GHashTable *seen;     /* "record\x1ffield" */
  GHashTable *records;  /* record names with a problem */
};

static void
problem_free (gpointer data)
{
  SerahFitProblem *p = data;
  g_free (p->record);
  g_free (p->field);
  g_free (p->text);
  g_free (p);
}

SerahFitReport *
serah_fit_report_new (void)
{
  SerahFitReport *self = g_new0 (SerahFitReport, 1);
  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
serah_fit_report_free (SerahFitReport *self)
{
  if (self == NULL)
    return;
  g_free (self->record);
  g_ptr_array_unref (self->problems);
  g_hash_table_unref (self->seen);
  g_hash_table_unref (self->records);
  g_free (self);
}

void
serah_fit_report_set_record (SerahFitReport *self, const char *record)
{
  g_return_if_fail (self != NULL);
  if (g_strcmp0 (self->record, record) == 0)
    return;
  g_free (self->record);
  self->record = g_strdup (record);
}

const char *
serah_fit_report_get_record (SerahFitReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->record;
}

void
serah_fit_report_note (SerahFitReport *self, const char *field, const char *text,
                       SerahFitOutcome outcome, double size_pt)
{
  const char *record;
  char *key;
  SerahFitProblem *p;

  g_return_if_fail (self != NULL);

  self->boxes++;
  if (outcome == SERAH_FIT_OK)
    return;
  record = self->record ? self->record : "";
  key = g_strconcat (record, "\x1f", field ? field : "", NULL);
  if (!g_hash_table_add (self->seen, key))
    return;
  g_hash_table_add (self->records, g_strdup (record));
  p = g_new0 (SerahFitProblem, 1);
  p->record = g_strdup (record);
  p->field = g_strdup (field ? field : "");
  p->text = g_strdup (text ? text : "");
  p->outcome = outcome;
  p->size_pt = size_pt;
  g_ptr_array_add (self->problems, p);
}

guint
serah_fit_report_get_boxes (SerahFitReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->boxes;
}

GPtrArray *
serah_fit_report_get_problems (SerahFitReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

guint
serah_fit_report_count (SerahFitReport *self, SerahFitOutcome outcome)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->problems->len; i++)
    if (((SerahFitProblem *) self->problems->pdata[i])->outcome == outcome)
      n++;
  return n;
}

guint
serah_fit_report_count_records (SerahFitReport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->records);
}

const char *
serah_fit_outcome_to_string (SerahFitOutcome outcome)
{
  switch (outcome)
    {
    case SERAH_FIT_OK: return "ok";
    case SERAH_FIT_BELOW_FLOOR: return "below-floor";
    case SERAH_FIT_ELLIPSIZED: return "ellipsized";
    case SERAH_FIT_OVERFLOW: return "overflow";
    }
  return "unknown";
}

static const char *
outcome_label (SerahFitOutcome outcome)
{
  switch (outcome)
    {
    case SERAH_FIT_BELOW_FLOOR: return _("shrunk below the smallest size");
    case SERAH_FIT_ELLIPSIZED: return _("cut short with “…”");
    case SERAH_FIT_OVERFLOW: return _("runs out of its box");
    case SERAH_FIT_OK: default: return "";
    }
}

char *
serah_fit_report_describe (SerahFitReport *self, guint max_lines)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      SerahFitProblem *p = self->problems->pdata[i];
      if (max_lines > 0 && i == max_lines)
        {
          g_string_append_printf (out, _("… and %u more\n"), self->problems->len - i);
          break;
        }
      /* TRANSLATORS: record, field, what happened, the text. */
      g_string_append_printf (out, _("%s: %s %s (%.1f pt): %s\n"), *p->record ? p->record : "-",
                              p->field, outcome_label (p->outcome), p->size_pt, p->text);
    }
  return g_string_free (out, FALSE);
}
