/* serah-outreach.c: what the outreach domain files share: the error domain's helpers and the
 * audited export, so that every export of the area (SKM, registrations, feedback, indicators)
 * records itself in the audit log the same way. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <serah/admin/serah-audit.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include "output/serah-csv-private.h"

gboolean
serah_outreach_fail (GError **error, const char *format, ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID, format, args);
  va_end (args);
  return FALSE;
}

gboolean
serah_outreach_is_blank (const char *text)
{
  for (const char *c = text; c != NULL && *c; c++)
    if (!g_ascii_isspace (*c))
      return FALSE;
  return TRUE;
}

gboolean
serah_outreach_check_activity (SerahStore *store, gint64 activity_id, GError **error)
{
  int found;

  if (activity_id == 0)
    return TRUE;
  found = serah_store_outreach_activity_exists (store, activity_id, error);
  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                   _("There is no activity number %lld."), (long long) activity_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_outreach_export_file (SerahStore *store, const char *path,
                            gboolean (*write) (const char *, gpointer, GError **),
                            gpointer data, const char *operator_name, const char *action,
                            const char *details_json, GError **error)
{
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_audit_record (store, operator_name, action, path, details_json, error) ||
      !write (path, data, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (!serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      g_remove (path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_csv (const char *path, gpointer data, GError **error)
{
  return serah_csv_save (data, path, error);
}

gboolean
serah_outreach_export (SerahStore *store, GString *csv, const char *path,
                       const char *operator_name, const char *action, const char *details_json,
                       GError **error)
{
  return serah_outreach_export_file (store, path, write_csv, csv, operator_name, action,
                                     details_json, error);
}
