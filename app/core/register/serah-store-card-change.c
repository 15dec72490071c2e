/* serah-store-card-change.c: card numbers change only on purpose (issue 17).
 *
 * Why a temporary trigger: the importer writes participants in set-based statements (and
 * row by row when one breaks a constraint); a trigger sees every UPDATE whichever way it
 * came, at the cost of one comparison per updated row. Refused, the change breaks the
 * statement like a taken card number does, and the row is reported as a conflict. Allowed,
 * it is remembered and the old printed cards are voided before the import commits, so the
 * old QR answers "voided", never "unknown".
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <serah/admin/serah-audit.h>
#include <serah/cards/serah-print-records.h>

#include "register/serah-store-card-change-private.h"
#include "store/serah-store-private.h"
#include "cards/serah-store-print-private.h"
#include "register/serah-store-participants-private.h"

gboolean
serah_store_begin_card_change_watch (SerahStore *self, gboolean allow, GError **error)
{
  serah_store_drop_card_change_watch (self);
  return serah_store_exec (self,
                           "CREATE TEMP TABLE serah_card_changes ("
                           "  participant_id INTEGER NOT NULL, old_card TEXT, new_card TEXT)",
                           error) &&
         serah_store_exec (self,
                           allow
                           ? "CREATE TEMP TRIGGER serah_card_change"
                             " BEFORE UPDATE OF card_no ON main.participants"
                             " WHEN old.card_no IS NOT new.card_no BEGIN"
                             "  INSERT INTO serah_card_changes VALUES"
                             "   (old.id, old.card_no, new.card_no); END"
                           : "CREATE TEMP TRIGGER serah_card_change"
                             " BEFORE UPDATE OF card_no ON main.participants"
                             " WHEN old.card_no IS NOT new.card_no BEGIN"
                             "  SELECT RAISE (ABORT, 'card-number-changed'); END",
                           error);
}

void
serah_store_drop_card_change_watch (SerahStore *self)
{
  sqlite3_exec (serah_store_get_db (self),
                "DROP TRIGGER IF EXISTS temp.serah_card_change;"
                "DROP TABLE IF EXISTS temp.serah_card_changes;",
                NULL, NULL, NULL);
}

gboolean
serah_store_end_card_change_watch (SerahStore *self, gint64 import_id, const char *operator_name,
                                   guint *n_changed, guint *n_voided, GError **error)
{
  g_autoptr(GArray) serials = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  *n_changed = *n_voided = 0;
  /* Each change with the participant's live printed cards (an invitation slip is printed
   * under the participant too, with no card number of its own: voided as well, since it
   * names the old number). */
  if (sqlite3_prepare_v2 (serah_store_get_db (self),
                          "SELECT c.participant_id, c.old_card, c.new_card,"
                          "  (SELECT group_concat (pc.serial) FROM printed_cards pc"
                          "    LEFT JOIN card_voids v ON v.serial = pc.serial"
                          "   WHERE pc.participant_id = c.participant_id AND v.serial IS NULL)"
                          " FROM temp.serah_card_changes c ORDER BY c.rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    return serah_store_set_error (self, error, _("Cannot read the card number changes"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 5);
      for (int c = 0; c < 4; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (changes, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (self, error, _("Cannot read the card number changes"));

  for (guint i = 0; ok && i < changes->len; i++)
    {
      char **row = changes->pdata[i];
      g_auto(GStrv) serial_list = g_strsplit (row[3] ? row[3] : "", ",", -1);
      g_autofree char *reason = g_strdup_printf (_("card number changed from %s to %s by import "
                                                   "%lld"),
                                                 row[1] ? row[1] : "-", row[2] ? row[2] : "-",
                                                 (long long) import_id);
      g_autofree char *details = NULL;

      for (guint k = 0; ok && serial_list[k] != NULL && *serial_list[k]; k++)
        {
          gint64 serial = g_ascii_strtoll (serial_list[k], NULL, 10);
          ok = serah_store_void_card (self, serial, reason, operator_name, 0, error);
          (*n_voided)++;
        }
      details = serah_audit_details ("old_card_no", row[1], "new_card_no", row[2],
                                     "voided_serials", row[3] ? row[3] : "", NULL);
      ok = ok && serah_audit_record (self, operator_name, "card.number-changed", row[0], details,
                                     error);
      (*n_changed)++;
    }
  serah_store_drop_card_change_watch (self);
  return ok;
}
