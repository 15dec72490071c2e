/* serah-cli.c: the command line's entry point: global options and dispatch to the verbs
 * that the serah-cli-<area>.c files declare. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-private.h"

static const SerahCliVerb *const verb_tables[] = {
  serah_cli_register_verbs,
  serah_cli_print_verbs,
  serah_cli_ceremony_verbs,
  serah_cli_testimonial_verbs,
  serah_cli_admin_verbs,
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
    serah_cli_message (cli, "%s", error->message);
  return cli->store;
}

gboolean
serah_cli_parse (SerahCli *cli, const char *verb_usage, GOptionEntry *entries, int *argc,
                 char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (verb_usage);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
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
  serah_cli_message (cli, "%s", error ? error->message : _("unknown error"));
  if (cli->json)
    {
      JsonBuilder *b = json_builder_new ();
      json_builder_begin_object (b);
      serah_cli_json_bool (b, "ok", FALSE);
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
