/* serah-cli-server.c: "serah-cli server init|desk-add|link|unlink|status|sync|watch": the
 * optional office server on PostgreSQL (issue 16), over the core's serah-server.h.
 *
 * Passwords never go on the command line (shell history, ps): a desk's password comes from
 * SERAH_SERVER_PASSWORD, the server owner's from SERAH_SERVER_ADMIN_PASSWORD, or either from
 * PGPASSFILE / ~/.pgpass as libpq reads them.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "serah-cli-ceremony-private.h"

static const char *
server_code (const GError *error)
{
  if (error->domain != SERAH_SERVER_ERROR)
    return "error";
  switch (error->code)
    {
    case SERAH_SERVER_ERROR_INVALID: return "invalid";
    case SERAH_SERVER_ERROR_NOT_LINKED: return "not-linked";
    case SERAH_SERVER_ERROR_UNREACHABLE: return "unreachable";
    case SERAH_SERVER_ERROR_AUTH: return "auth";
    case SERAH_SERVER_ERROR_TLS: return "tls";
    case SERAH_SERVER_ERROR_NOT_SET_UP: return "not-set-up";
    case SERAH_SERVER_ERROR_SCHEMA_OLD: return "schema-old";
    case SERAH_SERVER_ERROR_SCHEMA_NEW: return "schema-new";
    case SERAH_SERVER_ERROR_OTHER_DATABASE: return "other-database";
    default: return "error";
    }
}

/* A connection string that cannot be parsed is bad usage (2); everything the server or the
 * network said is a refusal (1): nothing was changed here. */
static int
server_fail (SerahCli *cli, const GError *error)
{
  gboolean usage = error->domain == SERAH_SERVER_ERROR &&
                   error->code == SERAH_SERVER_ERROR_INVALID;

  serah_cli_message (cli, "%s", error->message);
  if (cli->json)
    serah_cli_json_print_refusal (cli, !usage, server_code (error), error->message, NULL);
  return usage ? SERAH_CLI_EXIT_USAGE : SERAH_CLI_EXIT_REFUSED;
}

static const char *
state_code (SerahServerState state)
{
  switch (state)
    {
    case SERAH_SERVER_ONLINE: return "online";
    case SERAH_SERVER_OFFLINE: return "offline";
    case SERAH_SERVER_UNLINKED:
    default: return "unlinked";
    }
}

static int
usage (SerahCli *cli, const char *synopsis)
{
  serah_cli_message (cli, "%s: serah-cli --db DB %s", _("Usage"), synopsis);
  return SERAH_CLI_EXIT_USAGE;
}

static int
server_init (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "server init URL", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return usage (cli, "server init postgresql://OWNER@HOST/DB");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_server_init (store, argv[1], g_getenv ("SERAH_SERVER_ADMIN_PASSWORD"), &error))
    return server_fail (cli, error);
  serah_cli_message (cli, _("The office server is set up (schema version %d) for this office "
                            "database. Add a login for each desk with “server desk-add”."),
                     SERAH_SERVER_SCHEMA_VERSION);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "schema_version", SERAH_SERVER_SCHEMA_VERSION);
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static char *
random_password (void)
{
  guint8 bytes[18];
  g_autoptr(GFile) random = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) in = g_file_read (random, NULL, NULL);
  gsize got = 0;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), bytes, sizeof bytes, &got, NULL, NULL) ||
      got != sizeof bytes)
    return NULL;
  return g_base64_encode (bytes, sizeof bytes);
}

static int
server_desk_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *url = NULL;
  g_autofree char *generated = NULL;
  g_autoptr(GError) error = NULL;
  const char *password = g_getenv ("SERAH_SERVER_PASSWORD");
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The server, as its owner"), N_("URL") },
    { NULL }
  };

  if (!serah_cli_parse (cli, "server desk-add NAME --url URL", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || url == NULL)
    return usage (cli, "server desk-add NAME --url postgresql://OWNER@HOST/DB");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (password == NULL || *password == '\0')
    password = generated = random_password ();
  if (!serah_server_add_desk (url, g_getenv ("SERAH_SERVER_ADMIN_PASSWORD"), argv[1], password,
                              &error))
    return server_fail (cli, error);
  serah_cli_message (cli, _("Desk %s may now link to the office server: it may add and read "
                            "handovers, never change or delete them."),
                     argv[1]);
  /* A generated password is shown once, for the desk's "server link". */
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "desk", argv[1]);
      if (generated != NULL)
        serah_cli_json_string (b, "password", generated);
      serah_cli_json_print_ok (cli, b);
    }
  else if (generated != NULL)
    printf ("%s\n", generated);
  return SERAH_CLI_EXIT_OK;
}

static void
json_sync (JsonBuilder *b, const SerahServerSyncResult *r)
{
  serah_cli_json_int (b, "pushed_handovers", r->pushed_handovers);
  serah_cli_json_int (b, "pushed_undos", r->pushed_undos);
  serah_cli_json_int (b, "new_handovers", r->new_handovers);
  serah_cli_json_int (b, "new_undos", r->new_undos);
  serah_cli_json_int (b, "conflicts", r->conflicts);
  serah_cli_json_int (b, "pushed_participants", r->pushed_participants);
  serah_cli_json_int (b, "pulled_participants", r->pulled_participants);
  serah_cli_json_int (b, "pulled_ceremonies", r->pulled_ceremonies);
  serah_cli_json_int (b, "pulled_invitations", r->pulled_invitations);
  serah_cli_json_int (b, "pulled_closures", r->pulled_closures);
  serah_cli_json_int (b, "register_conflicts", r->register_conflicts);
  serah_cli_json_int (b, "pushed_audit_events", r->pushed_audit_events);
  serah_cli_json_int (b, "pulled_print_runs", r->pulled_print_runs);
  serah_cli_json_int (b, "pulled_cards", r->pulled_cards);
  serah_cli_json_int (b, "pulled_voids", r->pulled_voids);
  serah_cli_json_int (b, "card_conflicts", r->card_conflicts);
}

static void
say_sync (SerahCli *cli, const SerahServerSyncResult *r)
{
  serah_cli_message (cli, _("Sent %lld handovers and %lld undos; received %lld handovers and "
                            "%lld undos; %lld conflicts to review."),
                     (long long) r->pushed_handovers, (long long) r->pushed_undos,
                     (long long) r->new_handovers, (long long) r->new_undos,
                     (long long) r->conflicts);
  if (r->pushed_participants + r->pulled_participants + r->pulled_ceremonies +
      r->pulled_invitations + r->register_conflicts > 0)
    serah_cli_message (cli, _("Register: sent %lld participants; received %lld participants, "
                              "%lld ceremonies and %lld invitations; %lld participants left "
                              "on the server (card number held by another NIK)."),
                       (long long) r->pushed_participants, (long long) r->pulled_participants,
                       (long long) r->pulled_ceremonies, (long long) r->pulled_invitations,
                       (long long) r->register_conflicts);
  if (r->pulled_print_runs + r->pulled_cards + r->pulled_voids + r->card_conflicts > 0)
    serah_cli_message (cli, _("Printing: received %lld print runs, %lld printed cards and %lld "
                              "voids; %lld cards not taken (their serial is another card "
                              "here)."),
                       (long long) r->pulled_print_runs, (long long) r->pulled_cards,
                       (long long) r->pulled_voids, (long long) r->card_conflicts);
}

static int
server_link (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "server link URL", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return usage (cli, "server link postgresql://DESK@HOST/DB?sslmode=verify-full");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_server_link (store, argv[1], g_getenv ("SERAH_SERVER_PASSWORD"),
                          cli->operator_name, &error))
    return server_fail (cli, error);
  serah_cli_message (cli, _("This desk is linked to the office server. Its password is kept in "
                            "“%s.pgpass” (readable by you only), not in the database."),
                     serah_store_get_path (store));
  if (cli->json)
    serah_cli_json_print_ok (cli, serah_cli_json_begin_ok ());
  return SERAH_CLI_EXIT_OK;
}

static int
server_unlink (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "server unlink", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1)
    return usage (cli, "server unlink");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_server_unlink (store, cli->operator_name, &error))
    return server_fail (cli, error);
  serah_cli_message (cli, _("This desk is no longer linked to an office server; it keeps every "
                            "handover it has."));
  if (cli->json)
    serah_cli_json_print_ok (cli, serah_cli_json_begin_ok ());
  return SERAH_CLI_EXIT_OK;
}

static int
server_status (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahServerStatus) s = NULL;
  SerahStore *store;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "server status [--json]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1)
    return usage (cli, "server status [--json]");
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  s = serah_server_get_status (store, &error);
  if (s == NULL)
    return server_fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "state", state_code (s->state));
      serah_cli_json_string (b, "conninfo", s->conninfo);
      serah_cli_json_string (b, "desk", s->desk);
      serah_cli_json_string (b, "last_error", s->last_error);
      serah_cli_json_int (b, "pending_handovers", s->pending_handovers);
      serah_cli_json_int (b, "pending_undos", s->pending_undos);
      serah_cli_json_int (b, "pulled_seq", s->pulled_seq);
      serah_cli_json_print_ok (cli, b);
    }
  else if (s->state == SERAH_SERVER_UNLINKED)
    printf ("%s\n", _("Not linked to an office server: this desk works on its own."));
  else
    {
      printf (s->state == SERAH_SERVER_ONLINE ? _("Online: %s (desk %s)\n")
                                              : _("Offline: %s (desk %s)\n"),
              s->conninfo, s->desk ? s->desk : "?");
      printf (_("Waiting to be sent: %lld handovers, %lld undos.\n"),
              (long long) s->pending_handovers, (long long) s->pending_undos);
      if (s->last_error != NULL)
        printf ("%s\n", s->last_error);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
server_sync (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  SerahServerSyncResult r;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "server sync [--json]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1)
    return usage (cli, "server sync [--json]");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_OFFICER, &status);
  if (store == NULL)
    return status;
  if (!serah_server_sync (store, &r, &error))
    return server_fail (cli, error);
  say_sync (cli, &r);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_sync (b, &r);
      serah_cli_json_print_ok (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
server_watch (SerahCli *cli, int argc, char **argv)
{
  int seconds = 0;
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  gint64 until;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, N_("Stop after this many seconds (0: never)"),
      N_("N") },
    { NULL }
  };

  if (!serah_cli_parse (cli, "server watch [--seconds N]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || seconds < 0)
    return usage (cli, "server watch [--seconds N]");
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_OFFICER, &status);
  if (store == NULL)
    return status;
  until = seconds > 0 ? g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC : G_MAXINT64;
  /* The first wait listens and answers TRUE: the sync then catches up on what came before;
   * afterwards every event as it comes. */
  for (gboolean heard = FALSE; g_get_monotonic_time () < until;)
    {
      if (heard)
        {
          SerahServerSyncResult r;
          if (!serah_server_sync (store, &r, &error))
            return server_fail (cli, error);
          if (r.new_handovers + r.new_undos + r.pushed_handovers + r.pushed_undos > 0)
            say_sync (cli, &r);
        }
      heard = serah_server_wait (store, 1000, &error);
      if (error != NULL)
        return server_fail (cli, error);
    }
  return SERAH_CLI_EXIT_OK;
}

static const SerahCliVerb server_subverbs[] = {
  { "init", server_init, "server init URL" },
  { "desk-add", server_desk_add, "server desk-add NAME --url URL" },
  { "link", server_link, "server link URL" },
  { "unlink", server_unlink, "server unlink" },
  { "status", server_status, "server status" },
  { "sync", server_sync, "server sync" },
  { "watch", server_watch, "server watch [--seconds N]" },
  { NULL }
};

static int
verb_server (SerahCli *cli, int argc, char **argv)
{
  return serah_cli_dispatch_subverb (cli, server_subverbs, argc, argv);
}

const SerahCliVerb serah_cli_server_verbs[] = {
  { "server", verb_server,
    "server init URL | desk-add NAME --url URL | link URL | unlink | status | sync | watch" },
  { NULL }
};
