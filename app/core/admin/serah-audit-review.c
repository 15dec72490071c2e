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
  { "ceremony.checkoff-mode", NC_("audit action", "Change how a scan is handled") },
  { "handover.undo", NC_("audit action", "Undo handover") },
  { "handover.uninvited", NC_("audit action", "Hand over to someone not invited") },
  { "station.export", NC_("audit action", "Export station bundle") },
  { "station.import", NC_("audit action", "Merge station bundle") },
  { "backup.create", NC_("audit action", "Back up") },
  { "restore", NC_("audit action", "Restore from backup") },
  { "activity.ceremony", NC_("audit action", "Link activity to ceremony") },
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

/* The details' keys, in words (the keys stay English in the database, for scripts). A key
 * missing here is shown as "other" with its value rather than as an internal word: add it
 * when a new area records a new key (tests/admin checks every key the code records). */
static const ActionLabel detail_labels[] = {
  { "added", NC_("audit detail", "added") },
  { "bytes", NC_("audit detail", "size (bytes)") },
  { "card_no", NC_("audit detail", "card number") },
  { "cards", NC_("audit detail", "cards") },
  { "ceremony", NC_("audit detail", "ceremony") },
  { "count", NC_("audit detail", "count") },
  { "date", NC_("audit detail", "date") },
  { "desa", NC_("audit detail", "desa") },
  { "failed_attempts", NC_("audit detail", "wrong PINs in a row") },
  { "file", NC_("audit detail", "file") },
  { "filter", NC_("audit detail", "selection") },
  { "format", NC_("audit detail", "format") },
  { "from", NC_("audit detail", "from") },
  { "full_name", NC_("audit detail", "full name") },
  { "handovers", NC_("audit detail", "handovers") },
  { "imported", NC_("audit detail", "imported") },
  { "kecamatan", NC_("audit detail", "kecamatan") },
  { "kind", NC_("audit detail", "kind") },
  { "mode", NC_("audit detail", "check-off mode") },
  { "name", NC_("audit detail", "name") },
  { "new_handovers", NC_("audit detail", "new handovers") },
  { "new_undos", NC_("audit detail", "new undos") },
  { "output", NC_("audit detail", "saved to") },
  { "participants", NC_("audit detail", "participants") },
  { "path", NC_("audit detail", "file") },
  { "place", NC_("audit detail", "place") },
  { "previous_database_id", NC_("audit detail", "previous database") },
  { "previous_saved_to", NC_("audit detail", "previous copy saved to") },
  { "reason", NC_("audit detail", "reason") },
  { "rejected", NC_("audit detail", "refused") },
  { "report", NC_("audit detail", "report") },
  { "required", NC_("audit detail", "role required") },
  { "restored_database_id", NC_("audit detail", "restored database") },
  { "restored_schema", NC_("audit detail", "restored schema") },
  { "role", NC_("audit detail", "role") },
  { "rows", NC_("audit detail", "rows") },
  { "run", NC_("audit detail", "print run") },
  { "serials", NC_("audit detail", "card serials") },
  { "sha256", NC_("audit detail", "checksum (SHA-256)") },
  { "sheet", NC_("audit detail", "sheet") },
  { "source", NC_("audit detail", "source") },
  { "station", NC_("audit detail", "station") },
  { "template", NC_("audit detail", "template") },
  { "testimonials", NC_("audit detail", "testimonials") },
  { "unchanged", NC_("audit detail", "unchanged") },
  { "undo_uuid", NC_("audit detail", "undo") },
  { "undos", NC_("audit detail", "undos") },
  { "updated", NC_("audit detail", "updated") },
  { "uuid", NC_("audit detail", "handover") },
  { "voided", NC_("audit detail", "voided") },
};

/* Values that are codes too: roles, modes, kinds of paper and report. */
static const ActionLabel value_labels[] = {
  { "admin", NC_("audit value", "administrator") },
  { "officer", NC_("audit value", "ceremony officer") },
  { "confirm", NC_("audit value", "scan, check the KTP, confirm") },
  { "scan-hands-over", NC_("audit value", "a scan hands over") },
  { "tanda-terima", NC_("audit value", "receipt list") },
  { "berita-acara", NC_("audit value", "handover report") },
  { "coverage", NC_("audit value", "coverage") },
  { "uncollected", NC_("audit value", "not yet collected") },
  { "indicators", NC_("audit value", "indicators") },
  { "true", NC_("audit value", "yes") },
  { "false", NC_("audit value", "no") },
};

static const char *
lookup_label (const ActionLabel *table, gsize n, const char *context, const char *code)
{
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (code, table[i].action))
      return g_dpgettext2 (GETTEXT_PACKAGE, context, table[i].label);
  return NULL;
}

const char *
serah_audit_detail_get_label (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return lookup_label (detail_labels, G_N_ELEMENTS (detail_labels), "audit detail", key);
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
      const char *key = serah_audit_detail_get_label (l->data);
      const char *shown = lookup_label (value_labels, G_N_ELEMENTS (value_labels),
                                        "audit value", value);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a detail of an audit event: "file: /a/b.csv" */
      g_string_append_printf (text, C_("audit detail", "%s: %s"),
                              key ? key : C_("audit detail", "other"), shown ? shown : value);
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
