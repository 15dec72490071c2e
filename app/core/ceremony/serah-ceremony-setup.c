/* serah-ceremony-setup.c: the use cases that set a ceremony up: create it and invite, or
 * invite more, by selections, card numbers and a file at once. They live here once so that
 * the CLI ("ceremony create", "ceremony invite") and the GUI's new-ceremony dialog share the
 * rules: one transaction for everything asked (a ceremony whose invitations failed is not left
 * behind, half an invitation list is never written) and the signed-in operator, not the Unix
 * user, in the audit log.
 */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include "ceremony/serah-ceremony-private.h"
#include "store/serah-store-private.h"

/* Runs the parts of the invitation inside the caller's transaction (each core call joins it). */
static gboolean
invite_parts (SerahStore *store, gint64 ceremony_id, const SerahInvitation *invitation,
              const char *operator_name, gint64 *added, GPtrArray **problems, GError **error)
{
  gint64 n = 0;

  for (guint i = 0; invitation->selections != NULL && invitation->selections[i] != NULL; i++)
    {
      if (!serah_ceremony_invite_selection (store, ceremony_id, invitation->selections[i],
                                            invitation->print_run_id, operator_name, &n, error))
        return FALSE;
      *added += n;
    }
  if (invitation->keys != NULL)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (!serah_ceremony_invite_keys (store, ceremony_id, invitation->keys, operator_name, &n,
                                       &found, error))
        return FALSE;
      *added += n;
      *problems = g_steal_pointer (&found);
    }
  if (invitation->file != NULL)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (!serah_ceremony_invite_file (store, ceremony_id, invitation->file, operator_name, &n,
                                       &found, error))
        return FALSE;
      *added += n;
      if (*problems == NULL)
        *problems = g_steal_pointer (&found);
      else if (found != NULL)
        g_ptr_array_extend_and_steal (*problems, g_steal_pointer (&found));
    }
  return TRUE;
}

static void
hand_over_results (gint64 n_added, GPtrArray **found, gint64 *added, GPtrArray **problems)
{
  if (added != NULL)
    *added = n_added;
  if (problems != NULL)
    *problems = g_steal_pointer (found);
}

gboolean
serah_ceremony_invite (SerahStore *store, gint64 ceremony_id, const SerahInvitation *invitation,
                       const char *operator_name, gint64 *added, GPtrArray **problems,
                       GError **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 n_added = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (invitation != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!invite_parts (store, ceremony_id, invitation, operator_name, &n_added, &found, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  hand_over_results (n_added, &found, added, problems);
  return TRUE;
}

gint64
serah_ceremony_create_and_invite (SerahStore *store, const char *name, const char *date,
                                  const char *place, const SerahInvitation *invitation,
                                  const char *operator_name, gint64 *added, GPtrArray **problems,
                                  GError **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 n_added = 0;
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!serah_store_begin (store, error))
    return 0;
  id = serah_ceremony_create (store, name, date, place, operator_name, error);
  if (id == 0 ||
      (invitation != NULL &&
       !invite_parts (store, id, invitation, operator_name, &n_added, &found, error)) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  hand_over_results (n_added, &found, added, problems);
  return id;
}
