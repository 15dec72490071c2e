/* serah-cli.c: the command line's entry point: global options and dispatch to the verbs
 * that the serah-cli-<area>.c files declare. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-private.h"

static const SerahCliVerb *const verb_tables[] = {
  serah_cli_register_verbs,
  serah_cli_print_verbs,
  serah_cli_ceremony_verbs,
  serah_cli_testimonial_verbs,
  serah_cli_admin_verbs,
  serah_cli_outreach_verbs,
  serah_cli_server_verbs,
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: serah-cli --db DB [--json] [--operator NAME] VERB [ARGS...]"));
  fprintf (out, "%s\n", _("Verbs:"));
  for (guint t = 0; t < G_N_ELEMENTS (verb_tables); t++)
    for (const SerahCliVerb *v = verb_tables[t]; v->name != NULL; v++)
      fprintf (out, "  %s\n", _(v->synopsis));
  fprintf (out, "\n%s\n", _("Exit status: 0 done, 1 refused by a rule, 2 bad usage or unreadable input."));
}

SerahStore *
serah_cli_get_store (SerahCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;
  if (cli->db_path == NULL)
    {
      serah_cli_message (cli, "%s", _("No database given: use --db PATH."));
      return NULL;
    }
  cli->store = serah_store_open (cli->db_path, &error);
  if (cli->store == NULL)
    {
      /* Busy, full, read-only and foreign files each have their status and JSON code: said
       * here once, for every verb (the verbs would all answer 2). */
      if (serah_cli_error_code (error) != NULL)
        exit (serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE));
      serah_cli_message (cli, "%s", error->message);
    }
  return cli->store;
}

const char *
serah_cli_error_code (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == SERAH_STORE_ERROR)
    switch ((SerahStoreError) error->code)
      {
      case SERAH_STORE_ERROR_BUSY: return "busy";
      case SERAH_STORE_ERROR_NO_SPACE: return "disk-full";
      case SERAH_STORE_ERROR_READ_ONLY: return "read-only";
      case SERAH_STORE_ERROR_PERMISSION: return "permission-denied";
      case SERAH_STORE_ERROR_NOT_SERAH: return "not-serah-database";
      case SERAH_STORE_ERROR_CORRUPT: return "damaged";
      case SERAH_STORE_ERROR_TOO_NEW: return "too-new";
      case SERAH_STORE_ERROR_CANNOT_OPEN: return "cannot-open";
      default: return NULL;
      }
  if (g_error_matches (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_OTHER_OFFICE))
    return "other-office";
  if (error->domain == SERAH_OUTPUT_ERROR)
    switch ((SerahOutputError) error->code)
      {
      case SERAH_OUTPUT_ERROR_PROTECTED: return "protected-file";
      case SERAH_OUTPUT_ERROR_EXISTS: return "file-exists";
      case SERAH_OUTPUT_ERROR_NOT_A_FILE: return "not-a-file";
      case SERAH_OUTPUT_ERROR_READ_ONLY: return "read-only";
      case SERAH_OUTPUT_ERROR_PERMISSION: return "permission-denied";
      case SERAH_OUTPUT_ERROR_NO_SPACE: return "disk-full";
      case SERAH_OUTPUT_ERROR_FAILED: return "write-failed";
      default: return NULL;
      }
  return NULL;
}

int
serah_cli_error_exit_code (const GError *error, int fallback)
{
  const char *code = serah_cli_error_code (error);
  static const char *const usage[] = { "not-serah-database", "damaged", "cannot-open",
                                       "not-a-file" };

  if (code == NULL)
    return fallback;
  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    if (strcmp (code, usage[i]) == 0)
      return SERAH_CLI_EXIT_USAGE;
  return SERAH_CLI_EXIT_REFUSED;
}

gboolean
serah_cli_check_output (SerahCli *cli, const char *path, int *status)
{
  g_autoptr(GError) error = NULL;

  if (serah_cli_get_store (cli) == NULL)
    {
      *status = SERAH_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (!serah_output_check (path, cli->force ? SERAH_OUTPUT_REPLACE : SERAH_OUTPUT_NONE, &error))
    {
      *status = serah_cli_fail (cli, error, SERAH_CLI_EXIT_REFUSED);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_cli_check_name (const char *option, const char *name, GError **error)
{
  gboolean ok = name != NULL && g_ascii_isalnum (name[0]) && strlen (name) <= 64;

  for (const char *c = name; ok && *c; c++)
    ok = g_ascii_isalnum (*c) || *c == '-' || *c == '_';
  /* No dot either: "x.card" would be read as a file of the current folder. */
  if (!ok)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _("%s takes a name (letters, digits, “-” and “_”), not a path: “%s”."),
                 option, name ? name : "");
  return ok;
}

/* [+-]digits[.digits]: what people type for millimetres and counts. */
static gboolean
is_plain_decimal (const char *text, gboolean fraction)
{
  const char *c = text;
  gboolean digits = FALSE;

  if (*c == '-' || *c == '+')
    c++;
  /* GOption reads "010" as octal 8: no leading zero on a whole number. */
  if (!fraction && c[0] == '0' && g_ascii_isdigit (c[1]))
    return FALSE;
  for (; g_ascii_isdigit (*c); c++)
    digits = TRUE;
  if (fraction && *c == '.' && digits)
    {
      c++;
      digits = FALSE;
      for (; g_ascii_isdigit (*c); c++)
        digits = TRUE;
    }
  return digits && *c == '\0';
}

gboolean
serah_cli_parse_number (const char *text, double min, double max, double *out)
{
  double value;

  if (text == NULL || !is_plain_decimal (text, TRUE))
    return FALSE;
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value) || value < min || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

gboolean
serah_cli_parse_id (const char *text, gint64 *out)
{
  double value;

  /* A record's number as "activity list" prints it: digits only, no sign, no leading zero. */
  if (text == NULL || !g_ascii_isdigit (text[0]) || !is_plain_decimal (text, FALSE) ||
      !serah_cli_parse_number (text, 1, (double) G_MAXINT32 * G_MAXINT16, &value))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

gboolean
serah_cli_option_int (SerahCli *cli, const char *option, const char *text, gint64 min,
                      gint64 max, gint64 *out)
{
  double value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_isdigit (text[0]) || !is_plain_decimal (text, FALSE) ||
      !serah_cli_parse_number (text, (double) min, (double) max, &value))
    {
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      serah_cli_message (cli, _("--%s takes a whole number from %s to %s, not “%s”."),
                         option, low, high, text);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

/* GOption reads integers with strtol base 0 ("0x10" is 16, "010" is 8) and doubles with
 * strtod ("nan", "1e3"): every numeric option value must be plain decimal first. */
static gboolean
check_numeric_options (const GOptionEntry *entries, int argc, char **argv, GError **error)
{
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (strcmp (a, "--") == 0)
        break;
      for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
        {
          gsize n = strlen (e->long_name);
          const char *value = NULL;

          if (e->arg != G_OPTION_ARG_INT && e->arg != G_OPTION_ARG_INT64 &&
              e->arg != G_OPTION_ARG_DOUBLE)
            continue;
          if (g_str_has_prefix (a, "--") && strncmp (a + 2, e->long_name, n) == 0)
            {
              if (a[2 + n] == '=')
                value = a + 3 + n;
              else if (a[2 + n] == '\0' && i + 1 < argc)
                value = argv[i + 1];
            }
          else if (e->short_name != 0 && a[0] == '-' && a[1] == e->short_name)
            value = a[2] != '\0' ? a + 2 : (i + 1 < argc ? argv[i + 1] : NULL);
          if (value != NULL && !is_plain_decimal (value, e->arg == G_OPTION_ARG_DOUBLE))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--%s takes a decimal number, not “%s”."), e->long_name, value);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
serah_cli_parse (SerahCli *cli, const char *verb_usage, GOptionEntry *entries, int *argc,
                 char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (verb_usage);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  const GOptionEntry force = { "force", 0, 0, G_OPTION_ARG_NONE, &cli->force,
                               N_("Replace an existing output file"), NULL };
  gboolean has_force = FALSE;

  /* Every verb takes --force (issue 17: an existing output is replaced only on purpose). */
  for (GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    {
      has_force = has_force || strcmp (e->long_name, "force") == 0;
      g_array_append_val (all, *e);
    }
  if (!has_force)
    g_array_append_val (all, force);

  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, (GOptionEntry *) all->data, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!check_numeric_options ((GOptionEntry *) all->data, *argc, *argv, &error) ||
      !g_option_context_parse (context, argc, argv, &error))
    {
      serah_cli_message (cli, "%s\n%s: serah-cli --db DB %s", error->message, _("Usage"),
                         verb_usage);
      return FALSE;
    }
  return TRUE;
}

void
serah_cli_message (SerahCli *cli, const char *format, ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "serah-cli: %s\n", text);
}

int
serah_cli_fail (SerahCli *cli, const GError *error, int exit_code)
{
  const char *code = serah_cli_error_code (error);

  exit_code = serah_cli_error_exit_code (error, exit_code);
  serah_cli_message (cli, "%s", error ? error->message : _("unknown error"));
  if (cli->json)
    {
      JsonBuilder *b = json_builder_new ();
      json_builder_begin_object (b);
      serah_cli_json_bool (b, "ok", FALSE);
      if (code != NULL)
        serah_cli_json_string (b, "code", code);
      serah_cli_json_string (b, "error", error ? error->message : "unknown error");
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return exit_code;
}

static const SerahCliVerb *
find_verb (const char *name)
{
  for (guint t = 0; t < G_N_ELEMENTS (verb_tables); t++)
    for (const SerahCliVerb *v = verb_tables[t]; v->name != NULL; v++)
      if (strcmp (v->name, name) == 0)
        return v;
  return NULL;
}

int
main (int argc, char **argv)
{
  SerahCli cli = { 0 };
  const SerahCliVerb *verb;
  int i, status;

  setlocale (LC_ALL, "");
  /* SERAH_LOCALEDIR lets a build-tree run find its translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SERAH_LOCALEDIR") ? g_getenv ("SERAH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the verb; the verb parses the rest itself. */
  for (i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (strcmp (a, "--db") == 0 && i + 1 < argc)
        cli.db_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (a, "--db="))
        cli.db_path = g_strdup (a + 5);
      else if (strcmp (a, "--json") == 0)
        cli.json = TRUE;
      else if (strcmp (a, "--operator") == 0 && i + 1 < argc)
        cli.operator_name = g_strdup (argv[++i]);
      else if (g_str_has_prefix (a, "--operator="))
        cli.operator_name = g_strdup (a + 11);
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        {
          print_usage (stdout);
          return SERAH_CLI_EXIT_OK;
        }
      else if (a[0] == '-')
        {
          fprintf (stderr, "serah-cli: %s %s\n", _("Unknown option"), a);
          print_usage (stderr);
          return SERAH_CLI_EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return SERAH_CLI_EXIT_USAGE;
    }

  verb = find_verb (argv[i]);
  if (verb == NULL)
    {
      fprintf (stderr, "serah-cli: %s “%s”\n", _("Unknown verb"), argv[i]);
      print_usage (stderr);
      return SERAH_CLI_EXIT_USAGE;
    }

  /* --json and --operator are also accepted after the verb, where people tend to put them. */
  {
    g_autoptr(GPtrArray) rest = g_ptr_array_new ();
    for (int j = i; j < argc; j++)
      {
        if (strcmp (argv[j], "--json") == 0)
          cli.json = TRUE;
        else if (strcmp (argv[j], "--db") == 0 && j + 1 < argc && cli.db_path == NULL)
          cli.db_path = g_strdup (argv[++j]);
        else if (strcmp (argv[j], "--operator") == 0 && j + 1 < argc)
          {
            g_free (cli.operator_name);
            cli.operator_name = g_strdup (argv[++j]);
          }
        else
          g_ptr_array_add (rest, argv[j]);
      }
    g_ptr_array_add (rest, NULL);
    status = verb->func (&cli, (int) rest->len - 1, (char **) rest->pdata);
  }

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  g_free (cli.operator_name);
  return status;
}
