/* serah-cli-handover.c: "serah-cli handover" and "serah-cli handover-undo": recording a card
 * into someone's hands at the table, and taking a mistaken record back with a reason. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "serah-cli-ceremony-private.h"

int
serah_cli_handover_verb (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *card = NULL, *station = NULL;
  g_autofree char *proxy_name = NULL, *proxy_relation = NULL, *proxy_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahHandover) existing = NULL;
  g_autoptr(SerahServerStatus) server = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  gboolean allow_uninvited = FALSE;
  SerahHandoverRequest request = { 0 };
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  gint64 id = 0;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "card", 0, 0, G_OPTION_ARG_STRING, &card, N_("Card number, instead of a scanned code"),
      N_("NO") },
    { "proxy-name", 0, 0, G_OPTION_ARG_STRING, &proxy_name,
      N_("A representative took the card: their name"), N_("NAME") },
    { "proxy-relation", 0, 0, G_OPTION_ARG_STRING, &proxy_relation,
      N_("The representative's relationship to the participant"), N_("RELATION") },
    { "proxy-id", 0, 0, G_OPTION_ARG_STRING, &proxy_id,
      N_("The representative's ID card number"), N_("ID") },
    { "allow-uninvited", 0, 0, G_OPTION_ARG_NONE, &allow_uninvited,
      N_("Hand over even if the participant is not invited (recorded)"), NULL },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("This station's name"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "handover --ceremony ID (PAYLOAD | --card NO) "
                                     "[--proxy-name N --proxy-relation R --proxy-id ID] "
                                     "[--allow-uninvited] [--station S]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if ((argc == 2) == (card != NULL) || argc > 2 ||
      (argc == 2 && *g_strstrip (argv[1]) == '\0'))
    {
      serah_cli_message (cli, "%s: serah-cli --db DB handover --ceremony ID (PAYLOAD | --card NO) "
                              "[--proxy-name N --proxy-relation R --proxy-id ID] "
                              "[--allow-uninvited] [--station S] [--operator NAME] [--json]",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_OFFICER, &status);
  if (store == NULL)
    return status;

  request.ceremony_id = id;
  if (card != NULL)
    {
      g_autofree char *number = g_strstrip (g_strdup (card));
      p = serah_participants_find_by_card (store, number, &error);
      if (p == NULL && error == NULL)
        g_set_error (&error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_UNKNOWN_CARD,
                     _("No participant has card number %s in this database."), number);
      if (p == NULL)
        return serah_cli_refuse (cli, error, NULL);
      request.participant_id = p->id;
      request.identified_by = SERAH_IDENTIFIED_CARD_NUMBER;
    }
  else
    request.code = argv[1];
  request.operator_name = cli->operator_name;
  request.station = station;
  request.proxy_name = proxy_name;
  request.proxy_relation = proxy_relation;
  request.proxy_id_number = proxy_id;
  request.allow_uninvited = allow_uninvited;

  h = serah_ceremony_record_handover (store, &request, &existing, &error);
  if (h == NULL)
    return serah_cli_refuse (cli, error, existing);
  /* Linked to an office server that did not answer: recorded here only, and said so. */
  server = serah_server_get_status (store, NULL);
  if (server != NULL && server->state == SERAH_SERVER_OFFLINE)
    serah_cli_message (cli, _("Recorded on this desk only: the office server cannot be reached "
                              "(%s). It is sent at the next “server sync”."),
                       server->last_error ? server->last_error : "?");

  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "handover");
      serah_cli_json_handover (b, h);
      serah_cli_json_string (b, "server", server == NULL ? NULL
                             : server->state == SERAH_SERVER_ONLINE ? "online"
                             : server->state == SERAH_SERVER_OFFLINE ? "offline" : "unlinked");
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  else
    {
      g_autofree char *to_whom = serah_handover_describe_recipient (h);
      printf ("%s\n", h->uuid);
      serah_cli_message (cli, _("Card %s handed over to %s%s."), h->card_no, to_whom,
                         h->uninvited ? _(" (not invited)") : "");
    }
  return SERAH_CLI_EXIT_OK;
}

int
serah_cli_handover_undo_verb (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *card = NULL, *uuid = NULL, *reason = NULL, *station = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahHandover) live = NULL;
  g_autoptr(SerahHandover) undone = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  const char *target;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  gint64 id = 0;
  guint n_live = 0;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "card", 0, 0, G_OPTION_ARG_STRING, &card, N_("Card number"), N_("NO") },
    { "uuid", 0, 0, G_OPTION_ARG_STRING, &uuid, N_("The handover's UUID (for conflicts)"),
      N_("UUID") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the handover is undone"),
      N_("TEXT") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("This station's name"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "handover-undo --ceremony ID (--card NO | --uuid UUID) "
                                     "--reason TEXT",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || (card == NULL) == (uuid == NULL) || reason == NULL)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB handover-undo --ceremony ID "
                              "(--card NO | --uuid UUID) --reason TEXT [--station S]",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_OFFICER, &status);
  if (store == NULL)
    return status;

  target = uuid;
  if (card != NULL)
    {
      g_autofree char *number = g_strstrip (g_strdup (card));
      p = serah_participants_find_by_card (store, number, &error);
      if (p == NULL && error == NULL)
        g_set_error (&error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_FOUND,
                     _("No participant has card number %s in this database."), number);
      if (p != NULL)
        live = serah_ceremony_get_live_handover (store, id, p->id, &n_live, &error);
      if (p != NULL && live == NULL && error == NULL)
        g_set_error (&error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_HANDED_OVER,
                     _("Card %s has not been handed over in this ceremony; nothing to undo."),
                     number);
      if (live != NULL && n_live > 1)
        g_set_error (&error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_AMBIGUOUS,
                     _("Card %s was handed over %u times at different stations; name the "
                       "handover to undo with --uuid (see “station conflicts”)."),
                     number, n_live);
      if (error != NULL || live == NULL)
        return serah_cli_refuse (cli, error, NULL);
      target = live->uuid;
    }

  undone = serah_ceremony_undo_handover (store, id, target, reason, cli->operator_name, station,
                                         &error);
  if (undone == NULL)
    return serah_cli_refuse (cli, error, NULL);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "handover");
      serah_cli_json_handover (b, undone);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  else
    {
      printf ("%s\n", undone->undo_uuid);
      serah_cli_message (cli, _("Handover of card %s undone."), undone->card_no);
    }
  return SERAH_CLI_EXIT_OK;
}
