/* serah-cli-station.c: "serah-cli station export|import|conflicts": moving a station's
 * handovers to another laptop as a bundle file and reviewing what the merge found. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "serah-cli-ceremony-private.h"

static const char *
station_code (const GError *error)
{
  switch (error->code)
    {
    case SERAH_STATION_ERROR_UNREADABLE: return "unreadable";
    case SERAH_STATION_ERROR_NOT_A_BUNDLE: return "not-a-bundle";
    case SERAH_STATION_ERROR_TOO_NEW: return "too-new";
    case SERAH_STATION_ERROR_OTHER_DATABASE: return "other-database";
    case SERAH_STATION_ERROR_OTHER_CEREMONY: return "other-ceremony";
    case SERAH_STATION_ERROR_INCONSISTENT: return "inconsistent";
    default: return "error";
    }
}

/* A bundle that cannot be read is bad input (2); one that is refused by a rule (another
 * office, another ceremony, disagreeing events) is a refusal (1). */
static int
station_fail (SerahCli *cli, const GError *error)
{
  gboolean refused;

  if (error->domain != SERAH_STATION_ERROR)
    return serah_cli_refuse (cli, error, NULL);

  refused = error->code == SERAH_STATION_ERROR_OTHER_DATABASE ||
            error->code == SERAH_STATION_ERROR_OTHER_CEREMONY ||
            error->code == SERAH_STATION_ERROR_INCONSISTENT;
  serah_cli_message (cli, "%s", error->message);
  if (cli->json)
    serah_cli_json_print_refusal (cli, refused, station_code (error), error->message, NULL);
  return refused ? SERAH_CLI_EXIT_REFUSED : SERAH_CLI_EXIT_USAGE;
}

static void
json_info (JsonBuilder *b, const SerahStationBundleInfo *info, gboolean imported)
{
  serah_cli_json_string (b, "station", info->station);
  serah_cli_json_string (b, "ceremony_uuid", info->ceremony_uuid);
  serah_cli_json_string (b, "ceremony_name", info->ceremony_name);
  serah_cli_json_string (b, "ceremony_date", info->ceremony_date);
  serah_cli_json_int (b, "ceremony", info->ceremony_id);
  serah_cli_json_int (b, "exported_at", info->exported_at);
  serah_cli_json_int (b, "handovers", info->handovers);
  serah_cli_json_int (b, "undos", info->undos);
  if (imported)
    {
      serah_cli_json_int (b, "new_handovers", info->new_handovers);
      serah_cli_json_int (b, "new_undos", info->new_undos);
      serah_cli_json_int (b, "conflicts", info->conflicts);
    }
}

static int
station_export (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *output = NULL, *station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStationBundleInfo) info = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  gint64 id = 0;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Bundle file to write"), N_("FILE") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("This station's name"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "station export --ceremony ID -o BUNDLE [--station NAME]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (output == NULL || argc != 1)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB station export --ceremony ID -o BUNDLE "
                              "[--station NAME]",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_cli_check_output (cli, output, &status))
    return status;
  info = serah_station_export (store, id, station, cli->operator_name, output, &error);
  if (info == NULL)
    return station_fail (cli, error);
  serah_cli_message (cli, _("Wrote “%s”: %lld handovers and %lld undos of “%s” from station %s."),
                     output, (long long) info->handovers, (long long) info->undos,
                     info->ceremony_name, info->station);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "file", output);
      json_info (b, info, FALSE);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
station_import (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStationBundleInfo) info = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "station import BUNDLE [--json]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB station import BUNDLE [--json]", _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  info = serah_station_import (store, argv[1], cli->operator_name, &error);
  if (info == NULL)
    return station_fail (cli, error);

  serah_cli_message (cli, _("Merged “%s” from station %s into “%s”: %lld new handovers, %lld new "
                            "undos; %lld conflicts to review."),
                     argv[1], info->station, info->ceremony_name, (long long) info->new_handovers,
                     (long long) info->new_undos, (long long) info->conflicts);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "file", argv[1]);
      json_info (b, info, TRUE);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
station_conflicts (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(SerahCeremony) c = NULL;
  SerahStore *store;
  JsonBuilder *b = NULL;
  gint64 id = 0;
  int status;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "station conflicts --ceremony ID [--json]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  c = serah_cli_open_ceremony (cli, id, &store, &status);
  if (c == NULL)
    return status;
  conflicts = serah_ceremony_list_conflicts (store, id, &error);
  if (conflicts == NULL)
    return serah_cli_refuse (cli, error, NULL);

  if (cli->json)
    {
      b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "conflicts");
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      const SerahHandoverConflict *conflict = conflicts->pdata[i];

      if (b != NULL)
        {
          json_builder_begin_object (b);
          serah_cli_json_string (b, "card_no", conflict->participant->card_no);
          serah_cli_json_string (b, "name", conflict->participant->name);
          serah_cli_json_string (b, "desa", conflict->participant->desa);
          json_builder_set_member_name (b, "handovers");
          json_builder_begin_array (b);
        }
      else
        printf ("%s  %s (%s)\n", conflict->participant->card_no, conflict->participant->name,
                conflict->participant->desa ? conflict->participant->desa : "");
      for (guint k = 0; k < conflict->handovers->len; k++)
        {
          const SerahHandover *h = conflict->handovers->pdata[k];
          if (b != NULL)
            serah_cli_json_handover (b, h);
          else
            {
              g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (h->handed_at);
              g_autofree char *when_text = g_date_time_format (when, "%d/%m/%Y %H:%M:%S");
              g_autofree char *to_whom = serah_handover_describe_recipient (h);
              printf ("    %s  %s  %s @ %s  → %s\n", h->uuid, when_text, h->operator_name,
                      h->station, to_whom);
            }
        }
      if (b != NULL)
        {
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      serah_cli_json_int (b, "count", conflicts->len);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  serah_cli_message (cli, _("%u conflicts in “%s”. Undo the wrong handover with "
                            "“handover-undo --uuid UUID --reason …”."),
                     conflicts->len, c->name);
  return SERAH_CLI_EXIT_OK;
}

static const SerahCliVerb station_subverbs[] = {
  { "export", station_export, "station export --ceremony ID -o BUNDLE [--station NAME]" },
  { "import", station_import, "station import BUNDLE" },
  { "conflicts", station_conflicts, "station conflicts --ceremony ID" },
  { NULL }
};

int
serah_cli_station_verb (SerahCli *cli, int argc, char **argv)
{
  return serah_cli_dispatch_subverb (cli, station_subverbs, argc, argv);
}
