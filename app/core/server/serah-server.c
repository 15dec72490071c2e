/* serah-server.c: linking a desk to the office server (where the credentials live), setting
 * the server up and adding desks, and the link's status. The connection is in
 * serah-server-conn.c, the sync in serah-server-sync.c, the schema in serah-server-schema.c.
 *
 * Why a passfile beside the database and not a column: the database is copied to every
 * desk and backed up to USB sticks; a password in it would travel with every copy. libpq's
 * own password file format (mode 0600, refused by libpq when readable by others) keeps it
 * out, and an office that prefers PGPASSFILE or ~/.pgpass simply links without a password.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <serah/admin/serah-audit.h>

#include <serah/server/serah-server.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

/* ---- connection strings ---- */

typedef struct {
  char *conninfo;  /* key='value' ..., without password */
  char *password;
  char *user;
  char *dbname;
} ParsedUrl;

static void
parsed_url_clear (ParsedUrl *p)
{
  g_free (p->conninfo);
  if (p->password != NULL)
    memset (p->password, 0, strlen (p->password));
  g_free (p->password);
  g_free (p->user);
  g_free (p->dbname);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParsedUrl, parsed_url_clear)

static void
append_quoted (GString *out, const char *key, const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", key);
  for (const char *c = value; *c; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

static gboolean
parse_url (const char *url, ParsedUrl *out, GError **error)
{
  g_autoptr(GString) conninfo = g_string_new (NULL);
  char *errmsg = NULL;
  PQconninfoOption *options = PQconninfoParse (url, &errmsg);

  if (options == NULL)
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL connection string (%s). Write it as "
                     "postgresql://desk@server/office?sslmode=verify-full."),
                   url, errmsg ? g_strstrip (errmsg) : "?");
      PQfreemem (errmsg);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "password") == 0)
        out->password = g_strdup (o->val);
      else if (strcmp (o->keyword, "passfile") != 0)
        append_quoted (conninfo, o->keyword, o->val);
      if (strcmp (o->keyword, "user") == 0)
        out->user = g_strdup (o->val);
      else if (strcmp (o->keyword, "dbname") == 0)
        out->dbname = g_strdup (o->val);
    }
  PQconninfoFree (options);
  out->conninfo = g_string_free (g_steal_pointer (&conninfo), FALSE);
  return TRUE;
}

/* ---- setting up ---- */

gboolean
serah_server_init (SerahStore *store, const char *url, const char *password, GError **error)
{
  g_auto(ParsedUrl) parsed = { 0 };
  PGconn *conn;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!parse_url (url, &parsed, error))
    return FALSE;
  conn = serah_server_connect (parsed.conninfo, NULL, password ? password : parsed.password,
                               error);
  if (conn == NULL)
    return FALSE;
  ok = serah_server_apply_schema (conn, serah_store_get_database_id (store), error);
  PQfinish (conn);
  return ok;
}

static gboolean
valid_role_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 63 || g_ascii_isdigit (*name))
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_' || *c == '-'))
      return FALSE;
  return TRUE;
}

gboolean
serah_server_add_desk (const char *url, const char *admin_password, const char *desk,
                       const char *desk_password, GError **error)
{
  g_auto(ParsedUrl) parsed = { 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  char *hashed = NULL;
  char *ident = NULL;
  char *literal = NULL;
  PGconn *conn;
  PGresult *res;
  gboolean ok;

  g_return_val_if_fail (url != NULL && desk != NULL && desk_password != NULL, FALSE);

  if (!valid_role_name (desk))
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_INVALID,
                   _("“%s” cannot name a desk: use lower-case letters, digits, “-” and “_” "
                     "(for example meja-2)."),
                   desk);
      return FALSE;
    }
  if (strlen (desk_password) < 12)
    {
      g_set_error_literal (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_INVALID,
                           _("A desk's password needs at least 12 characters."));
      return FALSE;
    }
  if (!parse_url (url, &parsed, error))
    return FALSE;
  conn = serah_server_connect (parsed.conninfo, NULL,
                               admin_password ? admin_password : parsed.password, error);
  if (conn == NULL)
    return FALSE;

  /* Hashed here with the server's method: the clear password never reaches its log. */
  hashed = PQencryptPasswordConn (conn, desk_password, desk, NULL);
  ident = PQescapeIdentifier (conn, desk, strlen (desk));
  literal = PQescapeLiteral (conn, desk, strlen (desk));
  if (hashed == NULL || ident == NULL || literal == NULL)
    {
      ok = serah_server_set_error (conn, NULL, _("Cannot add the desk"), error);
      goto out;
    }
  quoted = g_strdup_printf ("'%s'", hashed); /* SCRAM and md5 hashes hold no quote */
  sql = g_strdup_printf ("DO $$ BEGIN"
                         "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s) THEN"
                         "    ALTER ROLE %s LOGIN PASSWORD %s;"
                         "  ELSE"
                         "    CREATE ROLE %s LOGIN PASSWORD %s IN ROLE serah_desk;"
                         "  END IF;"
                         " END $$;",
                         literal, ident, quoted, ident, quoted);
  res = PQexec (conn, sql);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    serah_server_set_error (conn, res, _("Cannot add the desk"), error);
  PQclear (res);

out:
  PQfreemem (hashed);
  PQfreemem (ident);
  PQfreemem (literal);
  PQfinish (conn);
  return ok;
}

/* ---- linking ---- */

static char *
passfile_field (const char *value)
{
  GString *out = g_string_new (NULL);

  if (value == NULL)
    return g_string_free (g_string_append (out, "*"), FALSE);
  for (const char *c = value; *c; c++)
    {
      if (*c == ':' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_passfile (SerahStore *store, const ParsedUrl *parsed, const char *password,
                GError **error)
{
  g_autofree char *path = serah_server_passfile_path (store);
  g_autofree char *db = passfile_field (parsed->dbname);
  g_autofree char *user = passfile_field (parsed->user);
  g_autofree char *pw = passfile_field (password);
  g_autofree char *line = NULL;
  gboolean ok;

  /* Any host and port: the file serves this one link, whose host is in the database. */
  line = g_strdup_printf ("*:*:%s:%s:%s\n", db, user, pw);
  ok = g_file_set_contents_full (path, line, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error);
  memset (line, 0, strlen (line));
  memset (pw, 0, strlen (pw));
  return ok;
}

gboolean
serah_server_link (SerahStore *store, const char *url, const char *password,
                   const char *operator_name, GError **error)
{
  g_auto(ParsedUrl) parsed = { 0 };
  g_autofree char *passfile = NULL;
  g_autofree char *details = NULL;
  const char *secret;
  PGconn *conn;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!parse_url (url, &parsed, error))
    return FALSE;
  secret = password != NULL && *password ? password : parsed.password;

  /* Checked before anything is stored: a wrong password or another office's server leaves
   * the desk as it was. */
  conn = serah_server_connect (parsed.conninfo, NULL, secret, error);
  if (conn == NULL)
    return FALSE;
  if (!serah_server_check_schema (conn, serah_store_get_database_id (store), error))
    {
      PQfinish (conn);
      return FALSE;
    }
  PQfinish (conn);

  passfile = serah_server_passfile_path (store);
  if (secret != NULL && !write_passfile (store, &parsed, secret, error))
    return FALSE;
  if (secret == NULL)
    g_remove (passfile);

  details = serah_audit_details ("conninfo", parsed.conninfo, NULL);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_forget_server (store, error) ||
      !serah_store_set_setting (store, "server.conninfo", parsed.conninfo, error) ||
      !serah_store_set_setting (store, "server.desk", parsed.user ? parsed.user : "", error) ||
      !serah_audit_record (store, operator_name, "server.link", parsed.user ? parsed.user : "",
                           details, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  serah_server_link_reset (store);

  /* The first exchange; a failure here leaves a working link to retry later. */
  {
    g_autoptr(GError) sync_error = NULL;
    if (!serah_server_sync (store, NULL, &sync_error))
      g_info ("linked, first sync failed: %s", sync_error->message);
  }
  return TRUE;
}

gboolean
serah_server_unlink (SerahStore *store, const char *operator_name, GError **error)
{
  g_autofree char *passfile = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_forget_server (store, error) ||
      !serah_audit_record (store, operator_name, "server.unlink", "", NULL, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  serah_server_link_reset (store);
  passfile = serah_server_passfile_path (store);
  if (g_remove (passfile) != 0 && errno != ENOENT)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The link is forgotten, but the password file “%s” could not be deleted: "
                     "%s"),
                   passfile, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

SerahServerStatus *
serah_server_get_status (SerahStore *store, GError **error)
{
  g_autoptr(SerahServerStatus) status = g_new0 (SerahServerStatus, 1);
  SerahServerLink *link;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  status->conninfo = serah_store_get_setting (store, "server.conninfo");
  if (status->conninfo == NULL)
    {
      status->state = SERAH_SERVER_UNLINKED;
      return g_steal_pointer (&status);
    }
  status->desk = serah_store_get_setting (store, "server.desk");
  status->pulled_seq = serah_store_get_setting_int (store, "server.pull-handover-seq");
  if (!serah_store_count_local_events (store,
                                       serah_store_get_setting_int (store,
                                                                    "server.push-handover-id"),
                                       serah_store_get_setting_int (store, "server.push-undo-id"),
                                       &status->pending_handovers, &status->pending_undos,
                                       error))
    return NULL;
  serah_server_ensure (store, FALSE, NULL);
  link = serah_server_link_get (store);
  status->state = link->conn != NULL ? SERAH_SERVER_ONLINE : SERAH_SERVER_OFFLINE;
  status->last_error = g_strdup (link->last_error);
  return g_steal_pointer (&status);
}
