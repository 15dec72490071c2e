/* serah-audit-review.c: the audit log for people to read. The codes stay as they are in
 * the database (short English words, stable for scripts); the labels are translated here,
 * in one table, so that every screen and export names an action the same way. */
#define G_LOG_DOMAIN "serah-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "output/serah-csv-private.h"
#include <serah/admin/serah-audit-review.h>
#include "store/serah-store-private.h"

typedef struct {
  const char *action;
  const char *label;   /* NC_ ("audit action", …) */
} ActionLabel;

/* Every action some area of Serah records; keep in step with the calls of
 * serah_audit_record (grep for it). */
static const ActionLabel action_labels[] = {
  { "operator.sign-in", NC_("audit action", "Sign in") },
  { "operator.add", NC_("audit action", "Add operator") },
  { "operator.disable", NC_("audit action", "Disable operator") },
  { "operator.enable", NC_("audit action", "Enable operator") },
  { "operator.pin", NC_("audit action", "Set new PIN") },
  { "operator.pin-refused", NC_("audit action", "Wrong PIN") },
  { "operator.locked", NC_("audit action", "Operator locked out") },
  { "operator.forbidden", NC_("audit action", "Refused: role not allowed") },
  { "participant.show-nik", NC_("audit action", "Show NIK") },
  { "import.participants", NC_("audit action", "Import participants") },
  { "export.participants", NC_("audit action", "Export participants") },
  { "export.rejects", NC_("audit action", "Export rejected rows of an import") },
  { "export.report", NC_("audit action", "Export report") },
  { "export.testimonials", NC_("audit action", "Export testimonials") },
  { "export.audit", NC_("audit action", "Export audit log") },
  { "print.batch", NC_("audit action", "Print cards") },
  { "print.reprint", NC_("audit action", "Reprint card") },
  { "print.invitation", NC_("audit action", "Print invitations") },
  { "printer.calibrate", NC_("audit action", "Calibrate printer") },
  { "printer.delete", NC_("audit action", "Delete printer profile") },
  { "paper.tanda-terima", NC_("audit action", "Print receipt list") },
  { "paper.berita-acara", NC_("audit action", "Print handover report") },
  { "ceremony.create", NC_("audit action", "Create ceremony") },
  { "ceremony.invite", NC_("audit action", "Invite to ceremony") },
  { "ceremony.close", NC_("audit action", "Close ceremony") },
  { "handover.undo", NC_("audit action", "Undo handover") },
  { "handover.uninvited", NC_("audit action", "Hand over to someone not invited") },
  { "station.export", NC_("audit action", "Export station bundle") },
  { "station.import", NC_("audit action", "Merge station bundle") },
  { "backup.create", NC_("audit action", "Back up") },
  { "restore", NC_("audit action", "Restore from backup") },
};

const char *
serah_audit_action_get_label (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_str_equal (action, action_labels[i].action))
      return g_dpgettext2 (GETTEXT_PACKAGE, "audit action", action_labels[i].label);
  return NULL;
}

const char *
serah_audit_action_get_display (const char *action)
{
  const char *label = action ? serah_audit_action_get_label (action) : NULL;

  return label ? label : action;
}

/* A member's value as text: strings as they are, numbers and booleans printed, anything
 * nested as compact JSON (the log's details are flat; this only keeps odd rows readable). */
static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return g_strdup_printf ("%g", json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        default:
          break;
        }
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  return json_to_string (node, FALSE);
}

char *
serah_audit_details_to_text (const char *details_json)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  if (details_json == NULL || *details_json == '\0')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, details_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (details_json);

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  if (members == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = node_to_text (json_object_get_member (object, l->data));

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s: %s", (const char *) l->data, value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GHashTable *
serah_audit_last_sign_ins (SerahStore *store, GError **error)
{
  SerahAuditFilter filter = { .action = "operator.sign-in" };
  g_autoptr(GPtrArray) events = NULL;
  GHashTable *last;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  events = serah_audit_list (store, &filter, error);
  if (events == NULL)
    return NULL;
  last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Newest first, so the first event of each name is its last sign-in. */
  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];

      if (e->operator_name != NULL && !g_hash_table_contains (last, e->operator_name))
        g_hash_table_insert (last, g_strdup (e->operator_name), g_memdup2 (&e->at, sizeof e->at));
    }
  return last;
}

static GString *
events_to_csv (GPtrArray *events)
{
  static const char *const header[] = {
    "id", "waktu", "petugas", "tindakan", "keterangan", "subjek", "rincian",
  };
  GString *csv = serah_csv_new ();

  serah_csv_append_row (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->id);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (e->at);
      /* ISO 8601 with the offset: unambiguous in a spreadsheet and for a reviewer in
       * another time zone (WIB, WITA, WIT). */
      g_autofree char *when = at ? g_date_time_format (at, "%Y-%m-%d %H:%M:%S %z") : NULL;
      const char *row[] = {
        id, when, e->operator_name, e->action, serah_audit_action_get_label (e->action),
        e->subject, e->details,
      };

      serah_csv_append_row (csv, row, G_N_ELEMENTS (row));
    }
  return csv;
}

gboolean
serah_audit_export_csv (SerahStore *store, GPtrArray *events, const char *path,
                        const char *operator_name, const char *filter_text, GError **error)
{
  g_autoptr(GString) csv = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *details = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  csv = events_to_csv (events);
  rows = g_strdup_printf ("%u", events->len);
  details = serah_audit_details ("rows", rows, "filter", filter_text, NULL);

  /* The record goes first, in a transaction that commits only once the file exists: an
   * export is never left unrecorded, and a failed one is not recorded as done. */
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_audit_record (store, operator_name, "export.audit", path, details, error) ||
      !serah_csv_save (csv, path, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (!serah_store_commit (store, error))
    {
      g_remove (path);
      return FALSE;
    }
  return TRUE;
}
