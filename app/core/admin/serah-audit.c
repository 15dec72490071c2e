/* serah-audit.c: recording and listing audit events. The table and its append-only
 * triggers are in serah-store-operators.c; here are the rules for what an event may hold. */
#define G_LOG_DOMAIN "serah-audit"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include <serah/admin/serah-audit.h>

#include "admin/serah-store-audit-private.h"

G_DEFINE_QUARK (serah-audit-error-quark, serah_audit_error)

#define ACTION_MAX_LENGTH 64

static gboolean
action_is_valid (const char *action)
{
  gsize len = strlen (action);

  if (len == 0 || len > ACTION_MAX_LENGTH || !g_ascii_isalnum (action[0]))
    return FALSE;
  for (const char *c = action; *c != '\0'; c++)
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '.' || *c == '_' || *c == '-'))
      return FALSE;
  return TRUE;
}

/* The table's CHECK would refuse bad details too, but with "constraint failed"; callers are
 * other areas' code, so say exactly what was wrong. */
static gboolean
details_are_object (const char *details, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, details, -1, &local_error))
    {
      g_set_error (error, SERAH_AUDIT_ERROR, SERAH_AUDIT_ERROR_INVALID,
                   "audit details are not JSON: %s", local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SERAH_AUDIT_ERROR, SERAH_AUDIT_ERROR_INVALID,
                   "audit details must be a JSON object");
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_audit_record (SerahStore *store, const char *operator_name, const char *action,
                    const char *subject, const char *details_json, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!action_is_valid (action))
    {
      g_set_error (error, SERAH_AUDIT_ERROR, SERAH_AUDIT_ERROR_INVALID,
                   "“%s” is not a valid audit action (a-z 0-9 . _ -, at most %d)", action,
                   ACTION_MAX_LENGTH);
      return FALSE;
    }
  if (details_json != NULL && *details_json != '\0' && !details_are_object (details_json, error))
    return FALSE;
  if (operator_name == NULL || *operator_name == '\0')
    operator_name = g_get_user_name ();

  if (!serah_store_insert_audit_event (store, g_get_real_time () / G_USEC_PER_SEC, operator_name,
                                       action, subject, details_json, error))
    {
      g_prefix_error (error, _("The action was not done because it could not be recorded "
                               "in the audit log: "));
      return FALSE;
    }
  return TRUE;
}

char *
serah_audit_details (const char *first_key, ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, value);
    }
  va_end (args);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
serah_audit_record_import (SerahStore *store, const char *operator_name,
                           const SerahImportRecord *import, GError **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *details = NULL;
  char counts[5][24];

  g_return_val_if_fail (import != NULL, FALSE);

  subject = g_strdup_printf ("%" G_GINT64_FORMAT, import->id);
  g_snprintf (counts[0], sizeof counts[0], "%" G_GINT64_FORMAT, import->rows);
  g_snprintf (counts[1], sizeof counts[1], "%" G_GINT64_FORMAT, import->imported);
  g_snprintf (counts[2], sizeof counts[2], "%" G_GINT64_FORMAT, import->updated);
  g_snprintf (counts[3], sizeof counts[3], "%" G_GINT64_FORMAT, import->unchanged);
  g_snprintf (counts[4], sizeof counts[4], "%" G_GINT64_FORMAT, import->rejected);
  details = serah_audit_details ("file", import->file_name, "sha256", import->sha256,
                                 "rows", counts[0], "imported", counts[1], "updated", counts[2],
                                 "unchanged", counts[3], "rejected", counts[4], NULL);
  return serah_audit_record (store, operator_name, "import.participants", subject, details,
                             error);
}

GPtrArray *
serah_audit_list (SerahStore *store, const SerahAuditFilter *filter, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return serah_store_list_audit_events (store, filter, error);
}
