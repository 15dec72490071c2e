/* serah-cli-ceremony.c: the ceremony verbs of serah-cli: ceremonies (create, list, invite,
 * close, progress, pending, lookup, paper) and the verb table of the area. handover and
 * handover-undo are in serah-cli-handover.c, the station verbs (bundles) in
 * serah-cli-station.c. Each verb is a thin layer over serah-ceremony.h.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-ceremony-private.h"

/* Rule refusals exit 1; bad input and database trouble exit 2. */
static int
exit_code_for (const GError *error)
{
  if (error->domain == SERAH_PAYLOAD_ERROR)
    return SERAH_CLI_EXIT_REFUSED;
  if (error->domain == SERAH_CEREMONY_ERROR)
    switch (error->code)
      {
      case SERAH_CEREMONY_ERROR_INVALID:
      case SERAH_CEREMONY_ERROR_NOT_FOUND:
      case SERAH_CEREMONY_ERROR_UNREADABLE:
        return SERAH_CLI_EXIT_USAGE;
      default:
        return SERAH_CLI_EXIT_REFUSED;
      }
  return SERAH_CLI_EXIT_USAGE;
}

/* The sign-in check (serah-cli-admin.c) before a verb that changes or exports something. */
SerahStore *
serah_cli_signed_in_store (SerahCli *cli, SerahRole role, int *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!serah_cli_require_role (cli, role, &error))
    {
      *exit_code = serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
      return NULL;
    }
  return serah_cli_get_store (cli);
}

/* Prints a refusal: the reason on stderr; with --json {"ok": false, "refused": {code,
 * message, existing?}}. */
int
serah_cli_refuse (SerahCli *cli, const GError *error, const SerahHandover *existing)
{
  int code;

  /* Not a rule of the ceremony but the contract's own errors (busy, disk full, read-only,
   * a protected output...): one shape and exit status for every verb (README, "Contract"). */
  if (serah_cli_error_code (error) != NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  code = exit_code_for (error);
  serah_cli_message (cli, "%s", error->message);
  if (cli->json)
    serah_cli_json_print_refusal (cli, code == SERAH_CLI_EXIT_REFUSED,
                                  serah_ceremony_refusal_code (error), error->message, existing);
  return code;
}

gboolean
serah_cli_parse_ceremony_id (SerahCli *cli, const char *text, gint64 *id)
{
  if (text == NULL)
    {
      serah_cli_message (cli, "%s",
                         _("Name the ceremony with --ceremony ID (see “ceremony list”)."));
      return FALSE;
    }
  if (!serah_cli_parse_id (text, id))
    {
      serah_cli_message (cli, _("“%s” is not a ceremony number."), text);
      return FALSE;
    }
  return TRUE;
}

SerahCeremony *
serah_cli_open_ceremony (SerahCli *cli, gint64 id, SerahStore **store, int *exit_code)
{
  g_autoptr(GError) error = NULL;
  SerahCeremony *ceremony;

  *exit_code = SERAH_CLI_EXIT_USAGE;
  *store = serah_cli_get_store (cli);
  if (*store == NULL)
    return NULL;
  ceremony = serah_ceremony_get (*store, id, &error);
  if (ceremony == NULL)
    *exit_code = serah_cli_refuse (cli, error, NULL);
  return ceremony;
}

gboolean
serah_cli_parse_for_ceremony (SerahCli *cli, const char *usage, GOptionEntry *entries, int *argc,
                              char ***argv, char **ceremony, gint64 *id)
{
  return serah_cli_parse (cli, usage, entries, argc, argv) &&
         serah_cli_parse_ceremony_id (cli, *ceremony, id);
}

/* --where desa=X / --where kecamatan=Y into a filter (the arrays borrow from where). */
static gboolean
parse_where (SerahCli *cli, char **where, GPtrArray *kecamatan, GPtrArray *desa)
{
  for (guint i = 0; where != NULL && where[i] != NULL; i++)
    {
      const char *eq = strchr (where[i], '=');
      g_autofree char *field = eq ? g_strndup (where[i], eq - where[i]) : NULL;

      if (eq == NULL || eq[1] == '\0')
        {
          serah_cli_message (cli, _("--where needs FIELD=VALUE (desa=… or kecamatan=…), not “%s”."),
                             where[i]);
          return FALSE;
        }
      g_strstrip (field);
      if (g_ascii_strcasecmp (field, "desa") == 0 || g_ascii_strcasecmp (field, "kelurahan") == 0)
        g_ptr_array_add (desa, (gpointer) (eq + 1));
      else if (g_ascii_strcasecmp (field, "kecamatan") == 0)
        g_ptr_array_add (kecamatan, (gpointer) (eq + 1));
      else
        {
          serah_cli_message (cli, _("Unknown field “%s” in --where: use desa or kecamatan."),
                             field);
          return FALSE;
        }
    }
  g_ptr_array_add (kecamatan, NULL);
  g_ptr_array_add (desa, NULL);
  return TRUE;
}

static void
print_invite_problems (SerahCli *cli, GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahInviteProblem *p = problems->pdata[i];
      if (p->line > 0)
        serah_cli_message (cli, _("line %lld: “%s”: %s"), (long long) p->line, p->value,
                           p->message);
      else
        serah_cli_message (cli, "“%s”: %s", p->value, p->message);
    }
}

static void
json_invite_problems (JsonBuilder *b, GPtrArray *problems)
{
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahInviteProblem *p = problems->pdata[i];
      json_builder_begin_object (b);
      serah_cli_json_int (b, "line", p->line);
      serah_cli_json_string (b, "value", p->value);
      serah_cli_json_string (b, "message", p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* The --where, --print-run, --card and --file options of "ceremony create" and "ceremony
 * invite" as the core's SerahInvitation. The invitation borrows from its arguments and from
 * what this struct holds; FALSE (after a message) for a bad --where. */
typedef struct {
  GPtrArray              *kecamatan;
  GPtrArray              *desa;
  SerahParticipantFilter  filters[2];
  const SerahParticipantFilter *selections[3];
  SerahInvitation         invitation;
} InviteRequest;

static void
invite_request_clear (InviteRequest *r)
{
  g_clear_pointer (&r->kecamatan, g_ptr_array_unref);
  g_clear_pointer (&r->desa, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InviteRequest, invite_request_clear)

static gboolean
invite_request_init (SerahCli *cli, InviteRequest *r, char **where, gint64 print_run,
                     char **cards, const char *file)
{
  guint n = 0;

  r->kecamatan = g_ptr_array_new ();
  r->desa = g_ptr_array_new ();
  r->invitation.print_run_id = print_run;
  r->invitation.keys = (const char *const *) cards;
  r->invitation.file = file;
  if (where == NULL && print_run <= 0)
    return TRUE;
  if (!parse_where (cli, where, r->kecamatan, r->desa))
    return FALSE;
  /* Each --where adds people: "desa=Caringin --where kecamatan=Menes" is everyone of
   * Caringin and everyone of Menes (a filter with both would be their intersection). */
  if (r->kecamatan->len > 1 && r->desa->len > 1)
    {
      r->filters[n].kecamatan = (char **) r->kecamatan->pdata;
      r->selections[n] = &r->filters[n];
      n++;
      r->filters[n].desa = (char **) r->desa->pdata;
    }
  else
    {
      r->filters[n].kecamatan = (char **) r->kecamatan->pdata;
      r->filters[n].desa = (char **) r->desa->pdata;
    }
  r->selections[n] = &r->filters[n];
  r->selections[n + 1] = NULL;
  r->invitation.selections = r->selections;
  return TRUE;
}

/* A bad --where is refused like the core refuses bad input (exit 2, "Bad --where."). */
static int
refuse_bad_where (SerahCli *cli)
{
  g_autoptr(GError) error = g_error_new_literal (SERAH_CEREMONY_ERROR,
                                                 SERAH_CEREMONY_ERROR_INVALID, _("Bad --where."));
  return serah_cli_refuse (cli, error, NULL);
}

/* ---- ceremony create / list / invite / close ---- */

/* Who to invite: the options "ceremony create" and "ceremony invite" share. */
#define INVITE_OPTIONS \
  { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, \
    N_("Invite everyone of a desa or kecamatan (repeatable)"), N_("desa=X|kecamatan=Y") }, \
  { "print-run", 0, 0, G_OPTION_ARG_STRING, &print_run_text, \
    N_("Invite those with a card in this print run"), N_("ID") }, \
  { "card", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cards, \
    N_("Invite this card number or NIK (repeatable)"), N_("NO") }, \
  { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, \
    N_("Invite the card numbers or NIKs in this CSV file"), N_("FILE.csv") }

static int
ceremony_create (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL, *date = NULL, *place = NULL, *file = NULL;
  g_auto(GStrv) where = NULL;
  g_auto(GStrv) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_auto(InviteRequest) request = { 0 };
  gint64 print_run = 0, id, added = 0;
  g_autofree char *print_run_text = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the ceremony"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date, YYYY-MM-DD"), N_("DATE") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Place"), N_("PLACE") },
    INVITE_OPTIONS,
    { NULL }
  };

  if (!serah_cli_parse (cli, "ceremony create --name N --date YYYY-MM-DD --place P "
                             "[--where desa=X]... [--print-run ID] [--card NO]... [--file F]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "print-run", print_run_text, 1, SERAH_CLI_MAX_ID, &print_run))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || name == NULL || date == NULL || place == NULL)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB ceremony create --name N --date YYYY-MM-DD "
                              "--place P [--where desa=X]... [--print-run ID] [--json]",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;

  if (!invite_request_init (cli, &request, where, print_run, cards, file))
    return refuse_bad_where (cli);
  /* One transaction in the core: a ceremony whose invitations failed is not left behind. */
  id = serah_ceremony_create_and_invite (store, name, date, place, &request.invitation,
                                         cli->operator_name, &added, &problems, &error);
  if (id == 0)
    return serah_cli_refuse (cli, error, NULL);
  ceremony = serah_ceremony_get (store, id, &error);
  if (ceremony == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  print_invite_problems (cli, problems);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "id", id);
      serah_cli_json_string (b, "uuid", ceremony->uuid);
      serah_cli_json_int (b, "invited", ceremony->invited);
      json_invite_problems (b, problems);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  else
    {
      printf ("%" G_GINT64_FORMAT "\n", id);
      serah_cli_message (cli, _("Ceremony %lld “%s” on %s at %s: %lld invited."), (long long) id,
                         ceremony->name, ceremony->date, ceremony->place,
                         (long long) ceremony->invited);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
ceremony_list (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  JsonBuilder *b = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!serah_cli_parse (cli, "ceremony list [--json]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  list = serah_ceremony_list (store, &error);
  if (list == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  if (cli->json)
    {
      b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "ceremonies");
      json_builder_begin_array (b);
    }
  else
    printf ("%-4s %-10s %-8s %8s %8s  %s\n", "ID", _("DATE"), _("STATUS"), _("INVITED"),
            _("HANDED"), _("NAME / PLACE"));
  for (guint i = 0; i < list->len; i++)
    {
      const SerahCeremony *c = list->pdata[i];
      if (b != NULL)
        {
          json_builder_begin_object (b);
          serah_cli_json_int (b, "id", c->id);
          serah_cli_json_string (b, "uuid", c->uuid);
          serah_cli_json_string (b, "name", c->name);
          serah_cli_json_string (b, "date", c->date);
          serah_cli_json_string (b, "place", c->place);
          serah_cli_json_bool (b, "closed", c->closed_at != 0);
          serah_cli_json_int (b, "invited", c->invited);
          serah_cli_json_int (b, "handed_over", c->handed_over);
          json_builder_end_object (b);
        }
      else
        printf ("%-4" G_GINT64_FORMAT " %-10s %-8s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
                "  %s / %s\n",
                c->id, c->date, c->closed_at ? _("closed") : _("open"), c->invited,
                c->handed_over, c->name, c->place);
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
ceremony_invite (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *file = NULL;
  g_auto(GStrv) where = NULL;
  g_auto(GStrv) cards = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(InviteRequest) request = { 0 };
  gint64 print_run = 0, id = 0, added = 0;
  g_autofree char *print_run_text = NULL;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    INVITE_OPTIONS,
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony invite --ceremony ID (--where desa=X | "
                                     "--card NO | --file F | --print-run ID)",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "print-run", print_run_text, 1, SERAH_CLI_MAX_ID, &print_run))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 1 || (where == NULL && cards == NULL && file == NULL && print_run <= 0))
    {
      serah_cli_message (cli, "%s: serah-cli --db DB ceremony invite --ceremony ID "
                              "(--where desa=X | --where kecamatan=Y | --card NO | --file F | "
                              "--print-run ID)",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;

  if (!invite_request_init (cli, &request, where, print_run, cards, file))
    return refuse_bad_where (cli);
  if (!serah_ceremony_invite (store, id, &request.invitation, cli->operator_name, &added,
                              &problems, &error))
    return serah_cli_refuse (cli, error, NULL);
  print_invite_problems (cli, problems);
  serah_cli_message (cli, _("%lld newly invited, %u not found."), (long long) added,
                     problems ? problems->len : 0);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "added", added);
      json_invite_problems (b, problems);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
ceremony_close (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony close --ceremony ID",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_ceremony_close (store, id, cli->operator_name, &error))
    return serah_cli_refuse (cli, error, NULL);
  serah_cli_message (cli, _("Ceremony %lld closed."), (long long) id);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "id", id);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

/* ---- progress, pending, lookup ---- */

static void
json_progress_row (JsonBuilder *b, const SerahProgressRow *r)
{
  if (r->kecamatan != NULL)
    {
      serah_cli_json_string (b, "kecamatan", r->kecamatan);
      serah_cli_json_string (b, "desa", r->desa);
    }
  serah_cli_json_int (b, "invited", r->invited);
  serah_cli_json_int (b, "handed_over", r->handed_over);
  serah_cli_json_int (b, "self", r->to_self);
  serah_cli_json_int (b, "representative", r->to_representative);
  serah_cli_json_int (b, "uninvited", r->uninvited);
  serah_cli_json_int (b, "not_yet", MAX (0, r->invited - (r->handed_over - r->uninvited)));
}

static int
ceremony_progress (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremony) c = NULL;
  g_autoptr(SerahCeremonyProgress) p = NULL;
  gint64 id = 0;
  int status;
  SerahStore *store;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony progress --ceremony ID [--json]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  c = serah_cli_open_ceremony (cli, id, &store, &status);
  if (c == NULL)
    return status;
  p = serah_ceremony_get_progress (store, id, &error);
  if (p == NULL)
    return serah_cli_refuse (cli, error, NULL);

  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_int (b, "ceremony", id);
      serah_cli_json_string (b, "name", c->name);
      serah_cli_json_bool (b, "closed", c->closed_at != 0);
      json_progress_row (b, &p->total);
      serah_cli_json_int (b, "conflicts", p->conflicts);
      json_builder_set_member_name (b, "areas");
      json_builder_begin_array (b);
      for (guint i = 0; i < p->areas->len; i++)
        {
          json_builder_begin_object (b);
          json_progress_row (b, p->areas->pdata[i]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
      return SERAH_CLI_EXIT_OK;
    }

  printf ("%s (%s, %s)\n", c->name, c->date, c->place);
  printf ("%-16s %-18s %8s %8s %8s %8s\n", _("KECAMATAN"), _("DESA"), _("INVITED"), _("SELF"),
          _("PROXY"), _("PERCENT"));
  for (guint i = 0; i < p->areas->len; i++)
    {
      const SerahProgressRow *r = p->areas->pdata[i];
      printf ("%-16s %-18s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
              " %7.1f%%\n",
              r->kecamatan, r->desa, r->invited, r->to_self, r->to_representative,
              r->invited ? 100.0 * (r->handed_over - r->uninvited) / r->invited : 0.0);
    }
  printf (_("Total: %lld of %lld invited handed over (%lld in person, %lld to representatives), "
            "%lld uninvited, %lld conflicts.\n"),
          (long long) (p->total.handed_over - p->total.uninvited), (long long) p->total.invited,
          (long long) p->total.to_self, (long long) p->total.to_representative,
          (long long) p->total.uninvited, (long long) p->conflicts);
  return SERAH_CLI_EXIT_OK;
}

static void
json_entry (JsonBuilder *b, const SerahCheckoffEntry *e)
{
  g_autofree char *masked = serah_nik_mask (e->participant->nik);

  json_builder_begin_object (b);
  serah_cli_json_int (b, "participant", e->participant->id);
  serah_cli_json_string (b, "name", e->participant->name);
  serah_cli_json_string (b, "nik", masked);
  serah_cli_json_string (b, "card_no", e->participant->card_no);
  serah_cli_json_string (b, "kecamatan", e->participant->kecamatan);
  serah_cli_json_string (b, "desa", e->participant->desa);
  serah_cli_json_bool (b, "invited", e->invited);
  if (e->card != NULL)
    {
      serah_cli_json_int (b, "card_serial", e->card->serial);
      serah_cli_json_string (b, "stack_group", e->card->stack_group);
      serah_cli_json_int (b, "stack_index", e->card->stack_index);
      serah_cli_json_int (b, "sheet", e->card->sheet_no);
      serah_cli_json_int (b, "position", e->card->position);
    }
  if (e->handover != NULL)
    {
      json_builder_set_member_name (b, "handover");
      serah_cli_json_handover (b, e->handover);
      serah_cli_json_int (b, "live_handovers", e->n_live);
    }
  json_builder_end_object (b);
}

typedef struct {
  SerahCli    *cli;
  JsonBuilder *b;
  gint64       n;
} PendingWalk;

static gboolean
print_pending (const SerahCheckoffEntry *e, gpointer data, GError **error)
{
  PendingWalk *w = data;

  w->n++;
  if (w->b != NULL)
    json_entry (w->b, e);
  else
    {
      g_autofree char *masked = serah_nik_mask (e->participant->nik);
      printf ("%-18s %5d  %-13s %-16s %s\n",
              e->card && e->card->stack_group ? e->card->stack_group
                                               : (e->participant->desa ? e->participant->desa : ""),
              e->card ? e->card->stack_index : 0, e->participant->card_no, masked,
              e->participant->name);
    }
  return TRUE;
}

static int
ceremony_pending (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *desa = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremony) c = NULL;
  PendingWalk walk = { cli, NULL, 0 };
  gint64 id = 0;
  int status;
  SerahStore *store;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Only this desa"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony pending --ceremony ID [--desa NAME] [--json]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  c = serah_cli_open_ceremony (cli, id, &store, &status);
  if (c == NULL)
    return status;
  if (cli->json)
    {
      walk.b = json_builder_new ();
      json_builder_begin_object (walk.b);
      serah_cli_json_bool (walk.b, "ok", TRUE);
      json_builder_set_member_name (walk.b, "pending");
      json_builder_begin_array (walk.b);
    }
  if (!serah_ceremony_foreach_entry (store, id, SERAH_ENTRIES_PENDING, desa, print_pending, &walk,
                                     &error))
    {
      g_clear_object (&walk.b);
      return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }
  if (walk.b != NULL)
    {
      json_builder_end_array (walk.b);
      serah_cli_json_int (walk.b, "count", walk.n);
      json_builder_end_object (walk.b);
      serah_cli_print_json (cli, walk.b);
    }
  serah_cli_message (cli, _("%lld not yet served."), (long long) walk.n);
  return SERAH_CLI_EXIT_OK;
}

static int
ceremony_lookup (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahLookup) lookup = NULL;
  gint64 id = 0;
  int limit = 20;
  SerahStore *store;
  JsonBuilder *b;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many results"), N_("N") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony lookup --ceremony ID TEXT [--json]",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB ceremony lookup --ceremony ID TEXT [--json]",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  lookup = serah_ceremony_lookup (store, id, argv[1], (guint) MAX (limit, 1), &error);
  if (lookup == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (lookup->kind == SERAH_LOOKUP_REFUSED)
    return serah_cli_refuse (cli, lookup->refusal, NULL);

  b = serah_cli_json_begin_ok ();
  serah_cli_json_string (b, "kind", lookup->kind == SERAH_LOOKUP_FOUND ? "found"
                                    : lookup->kind == SERAH_LOOKUP_RESULTS ? "results"
                                                                           : "empty");
  if (lookup->entry != NULL)
    {
      json_builder_set_member_name (b, "entry");
      json_entry (b, lookup->entry);
    }
  if (lookup->results != NULL)
    {
      json_builder_set_member_name (b, "results");
      json_builder_begin_array (b);
      for (guint i = 0; i < lookup->results->len; i++)
        json_entry (b, lookup->results->pdata[i]);
      json_builder_end_array (b);
      serah_cli_json_bool (b, "more", lookup->more);
    }
  json_builder_end_object (b);
  /* Lookup output is for scripts and debugging: always JSON. */
  serah_cli_print_json (cli, b);
  return SERAH_CLI_EXIT_OK;
}

/* ---- ceremony paper ---- */

static int
ceremony_paper (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony = NULL, *kind_name = NULL, *output = NULL, *desa = NULL;
  g_autoptr(GError) error = NULL;
  SerahPaperOptions options = { 0 };
  SerahPaperKind kind;
  gint64 id = 0;
  int pages;
  SerahStore *store;
  int status = SERAH_CLI_EXIT_USAGE;
  GOptionEntry entries[] = {
    SERAH_CLI_CEREMONY_OPTION (ceremony),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("tanda-terima or berita-acara"),
      N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE.pdf") },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Tanda terima of this desa only"), N_("NAME") },
    { NULL }
  };

  if (!serah_cli_parse_for_ceremony (cli, "ceremony paper --ceremony ID --kind "
                                     "tanda-terima|berita-acara -o FILE.pdf",
                                     entries, &argc, &argv, &ceremony, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (kind_name == NULL || !serah_paper_kind_from_string (kind_name, &kind) || output == NULL)
    {
      serah_cli_message (cli, "%s: serah-cli --db DB ceremony paper --ceremony ID "
                              "--kind tanda-terima|berita-acara -o FILE.pdf",
                         _("Usage"));
      return SERAH_CLI_EXIT_USAGE;
    }
  store = serah_cli_signed_in_store (cli, SERAH_ROLE_ADMIN, &status);
  if (store == NULL)
    return status;
  if (!serah_cli_check_output (cli, output, &status))
    return status;
  options.desa = desa;
  options.operator_name = cli->operator_name;
  pages = serah_paper_write (store, id, kind, &options, output, NULL, &error);
  if (pages == 0)
    return serah_cli_refuse (cli, error, NULL);
  serah_cli_message (cli, _("Wrote “%s” (%d pages)."), output, pages);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "file", output);
      serah_cli_json_int (b, "pages", pages);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static const SerahCliVerb ceremony_subverbs[] = {
  { "create", ceremony_create, "ceremony create --name N --date YYYY-MM-DD --place P "
                               "[--where desa=X|kecamatan=Y]... [--print-run ID] [--card NO]... "
                               "[--file F]" },
  { "list", ceremony_list, "ceremony list" },
  { "invite", ceremony_invite, "ceremony invite --ceremony ID (--where ... | --card NO | --file F "
                               "| --print-run ID)" },
  { "close", ceremony_close, "ceremony close --ceremony ID" },
  { "progress", ceremony_progress, "ceremony progress --ceremony ID" },
  { "pending", ceremony_pending, "ceremony pending --ceremony ID [--desa NAME]" },
  { "lookup", ceremony_lookup, "ceremony lookup --ceremony ID TEXT" },
  { "paper", ceremony_paper, "ceremony paper --ceremony ID --kind tanda-terima|berita-acara "
                             "-o FILE.pdf" },
  { NULL }
};

int
serah_cli_dispatch_subverb (SerahCli *cli, const SerahCliVerb *subverbs, int argc, char **argv)
{
  if (argc >= 2)
    for (const SerahCliVerb *v = subverbs; v->name != NULL; v++)
      if (strcmp (v->name, argv[1]) == 0)
        return v->func (cli, argc - 1, argv + 1);

  serah_cli_message (cli, "%s", argc >= 2 ? _("Unknown subcommand.") : _("Missing subcommand."));
  for (const SerahCliVerb *v = subverbs; v->name != NULL; v++)
    serah_cli_message (cli, "  %s", _(v->synopsis));
  return SERAH_CLI_EXIT_USAGE;
}

static int
verb_ceremony (SerahCli *cli, int argc, char **argv)
{
  return serah_cli_dispatch_subverb (cli, ceremony_subverbs, argc, argv);
}

const SerahCliVerb serah_cli_ceremony_verbs[] = {
  { "ceremony", verb_ceremony,
    "ceremony create|list|invite|close|progress|pending|lookup|paper ..." },
  { "handover", serah_cli_handover_verb,
    "handover --ceremony ID (PAYLOAD | --card NO) [--proxy-name N --proxy-relation R "
    "--proxy-id ID] [--allow-uninvited] [--station S]" },
  { "handover-undo", serah_cli_handover_undo_verb,
    "handover-undo --ceremony ID (--card NO | --uuid UUID) --reason TEXT [--station S]" },
  { "station", serah_cli_station_verb,
    "station export --ceremony ID -o BUNDLE | import BUNDLE | conflicts --ceremony ID" },
  { NULL }
};
