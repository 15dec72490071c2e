/* serah-admin-records.c: the free functions and the stable role names of the admin rows
 * (serah-admin-records.h), apart from the SQL and the rules (the translated role label stays
 * with the rules in serah-operators.c).
 */
#define G_LOG_DOMAIN "serah-admin"

#include "config.h"

#include <serah/admin/serah-admin-records.h>

const char *
serah_role_to_string (SerahRole role)
{
  return role == SERAH_ROLE_ADMIN ? "admin" : "officer";
}

gboolean
serah_role_from_string (const char *text, SerahRole *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "admin") == 0 || g_ascii_strcasecmp (text, "administrator") == 0)
    *role = SERAH_ROLE_ADMIN;
  else if (g_ascii_strcasecmp (text, "officer") == 0 || g_ascii_strcasecmp (text, "petugas") == 0)
    *role = SERAH_ROLE_OFFICER;
  else
    return FALSE;
  return TRUE;
}

void
serah_operator_free (SerahOperator *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->full_name);
  g_free (self->created_by);
  g_free (self);
}

void
serah_audit_event_free (SerahAuditEvent *self)
{
  if (self == NULL)
    return;
  g_free (self->operator_name);
  g_free (self->action);
  g_free (self->subject);
  g_free (self->details);
  g_free (self->desk);
  g_free (self);
}
