/* serah-cli-admin.c: the administration verbs of serah-cli (operator, audit, backup,
 * restore) and serah_cli_require_role(), the sign-in check the other verb files call.
 *
 * PINs never come from the command line, where `ps` and the shell history would keep them:
 * the acting operator's PIN comes from SERAH_PIN, a new PIN from SERAH_PIN_NEW, or else from
 * a prompt without echo when stdin is a terminal. The variables are cleared once read so
 * that programs started later do not inherit them.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "serah-cli-private.h"

#define PIN_BUFFER_SIZE 128

/* ---- reading PINs ---- */

typedef char SerahCliPin;

static void
pin_free (SerahCliPin *pin)
{
  if (pin != NULL)
    sodium_memzero (pin, strlen (pin));
  g_free (pin);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCliPin, pin_free)

static SerahCliPin *
take_env_pin (const char *variable)
{
  const char *value = g_getenv (variable);
  SerahCliPin *pin;

  if (value == NULL)
    return NULL;
  pin = g_strdup (value);
  g_unsetenv (variable);
  return pin;
}

/* Reads one line from the terminal on stdin with echo off. */
static SerahCliPin *
prompt_pin (const char *prompt)
{
  char buffer[PIN_BUFFER_SIZE];
  struct termios saved, quiet;
  gboolean got;
  SerahCliPin *pin = NULL;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    return NULL;
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  got = fgets (buffer, sizeof buffer, stdin) != NULL;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  if (got)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      pin = g_strdup (buffer);
    }
  sodium_memzero (buffer, sizeof buffer);
  return pin;
}

static SerahCliPin *
acting_pin (const char *operator_name, GError **error)
{
  SerahCliPin *pin = take_env_pin ("SERAH_PIN");

  if (pin == NULL && isatty (STDIN_FILENO))
    {
      g_autofree char *prompt = g_strdup_printf (_("PIN of %s: "), operator_name);
      pin = prompt_pin (prompt);
    }
  if (pin == NULL)
    g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED,
                 _("The PIN of “%s” is needed: set SERAH_PIN or run on a terminal to be "
                   "asked."),
                 operator_name);
  return pin;
}

static SerahCliPin *
new_pin (GError **error)
{
  g_autoptr(SerahCliPin) first = take_env_pin ("SERAH_PIN_NEW");
  g_autoptr(SerahCliPin) again = NULL;

  if (first != NULL)
    return g_steal_pointer (&first);
  if (!isatty (STDIN_FILENO))
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED,
                   _("A new PIN is needed: set SERAH_PIN_NEW or run on a terminal to be "
                     "asked. PINs are never given on the command line."));
      return NULL;
    }
  first = prompt_pin (_("New PIN (at least 6 digits): "));
  if (first == NULL || !serah_operators_check_pin (first, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED,
                     _("No PIN was typed."));
      return NULL;
    }
  again = prompt_pin (_("The new PIN again: "));
  if (again == NULL || strcmp (first, again) != 0)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN,
                   _("The two PINs differ; nothing was changed."));
      return NULL;
    }
  return g_steal_pointer (&first);
}

/* ---- the sign-in check other verbs call ---- */

gboolean
serah_cli_require_role (SerahCli *cli, SerahRole role, GError **error)
{
  g_autoptr(SerahOperator) op = NULL;
  g_autoptr(SerahCliPin) pin = NULL;
  SerahStore *store = serah_cli_get_store (cli);
  gint64 count;

  if (store == NULL)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN,
                   _("The database could not be opened."));
      return FALSE;
    }
  count = serah_operators_count (store, error);
  if (count < 0)
    return FALSE;
  if (count == 0)
    {
      /* Bootstrap: no operator yet, so the action is recorded under the given name. */
      if (cli->operator_name == NULL)
        cli->operator_name = g_strdup (g_get_user_name ());
      return TRUE;
    }
  if (cli->operator_name == NULL)
    {
      g_set_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_NAME_REQUIRED,
                   _("This needs a signed-in operator: add --operator NAME (the PIN comes "
                     "from SERAH_PIN or a prompt)."));
      return FALSE;
    }
  pin = acting_pin (cli->operator_name, error);
  if (pin == NULL)
    return FALSE;
  op = serah_operators_authorize (store, cli->operator_name, pin, role, error);
  if (op == NULL)
    return FALSE;
  g_free (cli->operator_name);
  cli->operator_name = g_strdup (op->name);
  return TRUE;
}

int
serah_cli_auth_exit_code (const GError *error)
{
  if (error == NULL)
    return SERAH_CLI_EXIT_OK;
  if (error->domain == SERAH_STORE_ERROR ||
      g_error_matches (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_NAME_REQUIRED) ||
      g_error_matches (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_PIN_REQUIRED) ||
      g_error_matches (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_INVALID_NAME) ||
      g_error_matches (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WEAK_PIN))
    return SERAH_CLI_EXIT_USAGE;
  return SERAH_CLI_EXIT_REFUSED;
}

static int
fail (SerahCli *cli, const GError *error)
{
  return serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
}

static int
usage_error (SerahCli *cli, const char *usage)
{
  serah_cli_message (cli, "%s: serah-cli --db DB %s", _("Usage"), usage);
  return SERAH_CLI_EXIT_USAGE;
}

/* For verbs with no options and exactly want_args arguments after the verb: parses (so
 * --help works) and returns FALSE after saying how to use it. */
static gboolean
parse_plain (SerahCli *cli, const char *usage, int want_args, int *argc, char ***argv)
{
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, usage, entries, argc, argv))
    return FALSE;
  if (*argc != want_args + 1)
    {
      usage_error (cli, usage);
      return FALSE;
    }
  return TRUE;
}

static char *
format_time (gint64 unix_seconds, gboolean iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);

  if (when == NULL)
    return g_strdup ("?");
  return iso ? g_date_time_format_iso8601 (when) : g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
}

/* {"ok": true, "<member>": [ ... ]}: the caller adds the elements, then print_ok_list. */
static JsonBuilder *
begin_ok_list (const char *member)
{
  JsonBuilder *b = serah_cli_json_begin_ok ();

  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  return b;
}

static void
print_ok_list (SerahCli *cli, JsonBuilder *b)
{
  json_builder_end_array (b);
  serah_cli_json_print_ok (cli, b);
}

/* ---- operator ---- */

static void
add_operator_json (JsonBuilder *b, const SerahOperator *op)
{
  g_autofree char *created = format_time (op->created_at, TRUE);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_builder_begin_object (b);
  serah_cli_json_string (b, "name", op->name);
  serah_cli_json_string (b, "full_name", op->full_name);
  serah_cli_json_string (b, "role", serah_role_to_string (op->role));
  serah_cli_json_bool (b, "disabled", op->disabled);
  serah_cli_json_bool (b, "locked", op->locked_until > now);
  serah_cli_json_int (b, "failed_attempts", op->failed_attempts);
  serah_cli_json_string (b, "created_at", created);
  serah_cli_json_string (b, "created_by", op->created_by);
  json_builder_end_object (b);
}

static int
operator_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *full_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCliPin) pin = NULL;
  g_autoptr(SerahOperator) op = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("admin or officer"), "ROLE" },
    { "full-name", 0, 0, G_OPTION_ARG_STRING, &full_name, N_("Full name, for reports"), "TEXT" },
    { NULL }
  };
  const char *usage = "operator add NAME --role admin|officer [--full-name TEXT]";
  SerahRole role;

  if (!serah_cli_parse (cli, usage, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || role_text == NULL)
    return usage_error (cli, usage);
  if (!serah_role_from_string (role_text, &role))
    {
      serah_cli_message (cli, _("Unknown role “%s”: use admin or officer."), role_text);
      return SERAH_CLI_EXIT_USAGE;
    }
  if (!serah_operators_check_name (argv[1], &error) ||
      !serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  pin = new_pin (&error);
  if (pin == NULL ||
      !serah_operators_add (cli->store, argv[1], full_name, role, pin, cli->operator_name, &error))
    return fail (cli, error);

  op = serah_operators_get (cli->store, argv[1], &error);
  if (op == NULL)
    return fail (cli, error);
  serah_cli_message (cli, _("Operator “%s” added (%s)."), op->name, serah_role_get_label (role));
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "operator");
      add_operator_json (b, op);
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
operator_list (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SerahStore *store;
  JsonBuilder *b;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!parse_plain (cli, "operator list", 0, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  list = serah_operators_list (store, &error);
  if (list == NULL)
    return fail (cli, error);

  if (!cli->json)
    {
      if (list->len == 0)
        serah_cli_message (cli, "%s", _("No operators yet. Anyone may act until the first one "
                                        "is added: serah-cli --db DB operator add NAME --role "
                                        "admin."));
      for (guint i = 0; i < list->len; i++)
        {
          const SerahOperator *op = g_ptr_array_index (list, i);
          const char *state = op->disabled ? _("disabled")
                              : op->locked_until > now ? _("locked") : _("active");

          printf ("%-20s %-18s %-10s %s\n", op->name, serah_role_get_label (op->role), state,
                  op->full_name ? op->full_name : "");
        }
      return SERAH_CLI_EXIT_OK;
    }
  b = begin_ok_list ("operators");
  for (guint i = 0; i < list->len; i++)
    add_operator_json (b, g_ptr_array_index (list, i));
  print_ok_list (cli, b);
  return SERAH_CLI_EXIT_OK;
}

static int
operator_set_disabled (SerahCli *cli, int argc, char **argv, gboolean disabled)
{
  g_autoptr(GError) error = NULL;
  const char *usage = disabled ? "operator disable NAME" : "operator enable NAME";
  gboolean ok;

  if (!parse_plain (cli, usage, 1, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  ok = disabled ? serah_operators_disable (cli->store, argv[1], cli->operator_name, &error)
                : serah_operators_enable (cli->store, argv[1], cli->operator_name, &error);
  if (!ok)
    return fail (cli, error);
  serah_cli_message (cli, disabled ? _("Operator “%s” is disabled.")
                                   : _("Operator “%s” is enabled."), argv[1]);
  if (cli->json)
    serah_cli_json_print_ok (cli, serah_cli_json_begin_ok ());
  return SERAH_CLI_EXIT_OK;
}

static int
operator_pin (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCliPin) pin = NULL;
  const char *usage = "operator pin NAME";
  gboolean own;

  if (!parse_plain (cli, usage, 1, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  /* Everyone may change their own PIN by proving the old one; only an administrator may
   * set another operator's (which also lifts a lockout). */
  own = cli->operator_name != NULL && g_ascii_strcasecmp (cli->operator_name, argv[1]) == 0;
  if (!serah_cli_require_role (cli, own ? SERAH_ROLE_OFFICER : SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  pin = new_pin (&error);
  if (pin == NULL ||
      !serah_operators_set_pin (cli->store, argv[1], pin, cli->operator_name, &error))
    return fail (cli, error);
  serah_cli_message (cli, _("The PIN of “%s” was changed."), argv[1]);
  if (cli->json)
    serah_cli_json_print_ok (cli, serah_cli_json_begin_ok ());
  return SERAH_CLI_EXIT_OK;
}

static int
verb_operator (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : "";

  if (strcmp (sub, "add") == 0)
    return operator_add (cli, argc - 1, argv + 1);
  if (strcmp (sub, "list") == 0)
    return operator_list (cli, argc - 1, argv + 1);
  if (strcmp (sub, "disable") == 0)
    return operator_set_disabled (cli, argc - 1, argv + 1, TRUE);
  if (strcmp (sub, "enable") == 0)
    return operator_set_disabled (cli, argc - 1, argv + 1, FALSE);
  if (strcmp (sub, "pin") == 0)
    return operator_pin (cli, argc - 1, argv + 1);
  serah_cli_message (cli, "%s: serah-cli --db DB operator add|list|disable|enable|pin ...",
                     _("Usage"));
  return SERAH_CLI_EXIT_USAGE;
}

/* ---- audit ---- */

static gboolean
parse_day (const char *text, gint64 *unix_seconds)
{
  int y, m, d, used = 0;
  g_autoptr(GDateTime) day = NULL;

  if (sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
      text[used] != '\0' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (day == NULL)
    return FALSE;
  *unix_seconds = g_date_time_to_unix (day);
  return TRUE;
}

static int
verb_audit (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *since = NULL;
  g_autofree char *action = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int limit = 0;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only events on or after this day"),
      "YYYY-MM-DD" },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action,
      N_("Only this action, or actions starting with it when it ends in “.”"), "ACTION" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Only the newest N events"), "N" },
    { NULL }
  };
  const char *usage = "audit [--since YYYY-MM-DD] [--action ACTION] [--limit N]";
  SerahAuditFilter filter = { 0 };
  JsonBuilder *b;

  if (!serah_cli_parse (cli, usage, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || limit < 0 || (since != NULL && !parse_day (since, &filter.since)))
    return usage_error (cli, usage);
  filter.action = action;
  filter.limit = (guint) limit;
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  events = serah_audit_list (cli->store, &filter, &error);
  if (events == NULL)
    return fail (cli, error);

  if (!cli->json)
    {
      for (guint i = 0; i < events->len; i++)
        {
          const SerahAuditEvent *e = g_ptr_array_index (events, i);
          g_autofree char *at = format_time (e->at, FALSE);

          printf ("%s  %-12s %-22s %s%s%s\n", at, e->operator_name, e->action,
                  e->subject ? e->subject : "", e->details ? "  " : "",
                  e->details ? e->details : "");
        }
      return SERAH_CLI_EXIT_OK;
    }
  b = begin_ok_list ("events");
  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = g_ptr_array_index (events, i);
      g_autofree char *at = format_time (e->at, TRUE);

      json_builder_begin_object (b);
      serah_cli_json_int (b, "id", e->id);
      serah_cli_json_string (b, "at", at);
      serah_cli_json_string (b, "operator", e->operator_name);
      serah_cli_json_string (b, "action", e->action);
      serah_cli_json_string (b, "subject", e->subject);
      json_builder_set_member_name (b, "details");
      if (e->details != NULL && json_parser_load_from_data (parser, e->details, -1, NULL))
        json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  print_ok_list (cli, b);
  return SERAH_CLI_EXIT_OK;
}

/* ---- backup and restore ---- */

static int
backup_exit_code (const GError *error)
{
  if (error->domain != SERAH_BACKUP_ERROR)
    return serah_cli_auth_exit_code (error);
  switch (error->code)
    {
    case SERAH_BACKUP_ERROR_NOT_FOUND:
    case SERAH_BACKUP_ERROR_EMPTY:
    case SERAH_BACKUP_ERROR_NOT_DATABASE:
    case SERAH_BACKUP_ERROR_TRUNCATED:
    case SERAH_BACKUP_ERROR_CORRUPT:
    case SERAH_BACKUP_ERROR_NOT_SERAH:
    case SERAH_BACKUP_ERROR_UNSAFE:
      return SERAH_CLI_EXIT_USAGE;
    default:
      return SERAH_CLI_EXIT_REFUSED;
    }
}

static int
backup_list (SerahCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SerahStore *store = serah_cli_get_store (cli);
  JsonBuilder *b;

  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  list = serah_backup_list_automatic (store, &error);
  if (list == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (!cli->json)
    {
      for (guint i = 0; i < list->len; i++)
        {
          const SerahBackupInfo *info = g_ptr_array_index (list, i);
          g_autofree char *at = format_time (info->created_at, FALSE);
          printf ("%s  %-14s %s\n", at, info->reason, info->path);
        }
      return SERAH_CLI_EXIT_OK;
    }
  b = begin_ok_list ("backups");
  for (guint i = 0; i < list->len; i++)
    {
      const SerahBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *at = format_time (info->created_at, TRUE);

      json_builder_begin_object (b);
      serah_cli_json_string (b, "path", info->path);
      serah_cli_json_string (b, "reason", info->reason);
      serah_cli_json_string (b, "created_at", at);
      json_builder_end_object (b);
    }
  print_ok_list (cli, b);
  return SERAH_CLI_EXIT_OK;
}

static int
verb_backup (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *bytes_text = NULL;
  g_autofree char *details = NULL;
  g_autoptr(GError) error = NULL;
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the backup to FILE"), "FILE" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the automatic backups"), NULL },
    { NULL }
  };
  const char *usage = "backup -o FILE | backup --list";
  GStatBuf st;

  if (!serah_cli_parse (cli, usage, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || (output == NULL) == !list)
    return usage_error (cli, usage);
  if (list)
    return backup_list (cli);

  /* A backup carries every participant's data out of the database: an administrator's act. */
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  if (!serah_backup_create (cli->store, output, &error))
    return serah_cli_fail (cli, error, backup_exit_code (error));
  bytes_text = g_strdup_printf ("%" G_GOFFSET_FORMAT,
                                g_stat (output, &st) == 0 ? (goffset) st.st_size : (goffset) -1);
  details = serah_audit_details ("bytes", bytes_text, NULL);
  if (!serah_audit_record (cli->store, cli->operator_name, "backup.create", output, details,
                           &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_REFUSED);

  serah_cli_message (cli, _("Backup written to “%s”."), output);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "path", output);
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_restore (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_to = NULL;
  g_autofree char *replace_office = NULL, *with_office = NULL;
  SerahStore *fresh;
  const char *usage = "restore FILE [--replace-office THIS --with-office OTHER]";
  GOptionEntry entries[] = {
    { "replace-office", 0, 0, G_OPTION_ARG_STRING, &replace_office,
      N_("Confirm replacing this office's database (its name, as the refusal says)"), N_("NAME") },
    { "with-office", 0, 0, G_OPTION_ARG_STRING, &with_office,
      N_("…by the backup of this other office (its name, as the refusal says)"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse (cli, usage, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      usage_error (cli, usage);
      return SERAH_CLI_EXIT_USAGE;
    }
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    return fail (cli, error);
  /* Issue 17: a backup of another office is restored only when both offices are named. */
  fresh = serah_backup_restore_confirmed (cli->store, argv[1], replace_office, with_office,
                                          cli->operator_name, &saved_to, &error);
  if (fresh == NULL)
    return serah_cli_fail (cli, error, backup_exit_code (error));
  g_object_unref (cli->store);
  cli->store = fresh;

  serah_cli_message (cli, _("Restored from “%s”. The database as it was before is kept in "
                            "“%s”."),
                     argv[1], saved_to);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "restored_from", argv[1]);
      serah_cli_json_string (b, "previous_saved_to", saved_to);
      serah_cli_json_string (b, "database_id", serah_store_get_database_id (fresh));
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

/* ---- check ---- */

/* The full integrity check, which opening no longer runs on a large database (issue #10):
 * for an administrator who wants to know, and for scripts before they copy the file. */
static int
verb_check (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *usage = "check";
  SerahStore *store;

  if (!parse_plain (cli, usage, 0, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  /* A file too damaged to open is refused here, with the same message. */
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_REFUSED;
  if (!serah_store_check_integrity (store, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_REFUSED);

  serah_cli_message (cli, _("The database “%s” is sound: every page and index was checked."),
                     serah_store_get_path (store));
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "integrity", "ok");
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_admin_verbs[] = {
  { "operator", verb_operator,
    "operator add NAME --role admin|officer [--full-name TEXT] | list | disable NAME | "
    "enable NAME | pin NAME" },
  { "audit", verb_audit, "audit [--since YYYY-MM-DD] [--action ACTION] [--limit N]" },
  { "backup", verb_backup, "backup -o FILE | backup --list" },
  { "restore", verb_restore, "restore FILE [--replace-office THIS --with-office OTHER]" },
  { "check", verb_check, "check" },
  { NULL }
};
