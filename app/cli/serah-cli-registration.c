/* serah-cli-registration.c: the registration verb of serah-cli (issue 15): on-site
 * registrations of people not yet covered.
 *
 *   registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [--kecamatan K]
 *                    [--address T] [--rt N] [--rw N] [--phone T] [--reason T] [--activity ID]
 *                    [--ceremony ID]
 *   registration list [--status S] [--from D] [--to D] [--activity ID]   (NIKs masked)
 *   registration status ID verified|rejected [--reason T]
 *   registration export --format csv|xlsx -o FILE [--status S] [--from D] [--to D]
 *
 * Officers record and answer; the submission list (full NIKs) needs an administrator.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-outreach-private.h"

/* ---- registrations ---- */

static void
json_registration (JsonBuilder *b, const SerahRegistration *r)
{
  g_autofree char *nik = serah_nik_mask (r->nik);
  g_autofree char *kk = serah_nik_mask (r->kk);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->id);
  json_builder_set_member_name (b, "nik");
  json_builder_add_string_value (b, nik);
  json_builder_set_member_name (b, "kk");
  json_builder_add_string_value (b, kk);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->name);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, r->desa);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, serah_registration_status_to_string (r->status));
  json_builder_set_member_name (b, "status_reason");
  json_builder_add_string_value (b, r->status_reason);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_string_value (b, r->warnings);
  json_builder_set_member_name (b, "activity");
  if (r->activity_id > 0)
    json_builder_add_int_value (b, r->activity_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
json_problems (JsonBuilder *b, GPtrArray *problems)
{
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, p->code);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, p->error ? "error" : "warning");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
registration_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *nik = NULL, *kk = NULL, *name = NULL, *sex = NULL, *birth = NULL;
  g_autofree char *address = NULL, *rt = NULL, *rw = NULL, *desa = NULL, *kecamatan = NULL;
  g_autofree char *phone = NULL, *reason = NULL;
  gint64 activity = 0, ceremony = 0, id;
  g_autofree char *activity_text = NULL;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "nik", 0, 0, G_OPTION_ARG_STRING, &nik, N_("NIK (16 digits)"), "NIK" },
    { "kk", 0, 0, G_OPTION_ARG_STRING, &kk, N_("Family card number (16 digits)"), "NO_KK" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "sex", 0, 0, G_OPTION_ARG_STRING, &sex, N_("L or P"), "L|P" },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth, N_("Birth date"), "YYYY-MM-DD" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Address"), "TEXT" },
    { "rt", 0, 0, G_OPTION_ARG_STRING, &rt, N_("RT"), "N" },
    { "rw", 0, 0, G_OPTION_ARG_STRING, &rw, N_("RW"), "N" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING, &kecamatan, N_("Kecamatan"), "KEC" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the person is not covered"), "TEXT" },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text, N_("Activity where it was recorded"), "ID" },
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("Ceremony where it was recorded"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(SerahRegistration) r = serah_registration_new ();
  int status;

  if (!serah_cli_parse (cli, "registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [...]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "activity", activity_text, 1, SERAH_CLI_MAX_ID, &activity))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (nik == NULL || kk == NULL || name == NULL || birth == NULL || desa == NULL)
    return serah_cli_outreach_usage (cli, _("registration add needs --nik, --kk, --name, --sex, --birth-date and --desa."));
  g_strstrip (nik);
  g_strstrip (kk);
  /* The record holds 16 digits: a longer number is refused here, never cut. */
  if (strlen (nik) > 16 || strlen (kk) > 16)
    return serah_cli_outreach_usage (cli, _("The NIK and the No. KK have 16 digits."));
  if (sex != NULL && !serah_sex_parse (sex, &r->sex))
    return serah_cli_outreach_usage (cli, _("--sex must be L or P."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  g_strlcpy (r->nik, nik, sizeof r->nik);
  g_strlcpy (r->kk, kk, sizeof r->kk);
  g_strlcpy (r->birth_date, birth, sizeof r->birth_date);
  r->name = g_steal_pointer (&name);
  r->address = g_steal_pointer (&address);
  r->rt = g_steal_pointer (&rt);
  r->rw = g_steal_pointer (&rw);
  r->desa = g_steal_pointer (&desa);
  r->kecamatan = g_steal_pointer (&kecamatan);
  r->phone = g_steal_pointer (&phone);
  r->reason = g_steal_pointer (&reason);
  r->activity_id = activity;
  r->ceremony_id = ceremony;
  id = serah_registration_record (cli->store, r, NULL, cli->operator_name, &problems, &error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SerahRegistrationProblem *p = problems->pdata[i];
      if (!p->error)
        serah_cli_message (cli, _("warning: %s"), p->message);
    }
  if (id == 0)
    {
      if (cli->json && problems != NULL)
        {
          JsonBuilder *b = json_builder_new ();
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "ok");
          json_builder_add_boolean_value (b, FALSE);
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, error->message);
          json_problems (b, problems);
          json_builder_end_object (b);
          serah_cli_message (cli, "%s", error->message);
          serah_cli_print_json (cli, b);
          return error->code == SERAH_OUTREACH_ERROR_REFUSED ? SERAH_CLI_EXIT_REFUSED
                                                             : SERAH_CLI_EXIT_USAGE;
        }
      return serah_cli_outreach_fail (cli, error);
    }
  serah_cli_message (cli, _("Recorded registration %lld (submitted)."), (long long) id);
  if (cli->json)
    {
      g_autoptr(SerahRegistration) back = serah_registration_get (cli->store, id, NULL);
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "registration");
      json_registration (b, back);
      json_problems (b, problems);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static gboolean
parse_filter (SerahCli *cli, const char *status, SerahRegistrationFilter *filter)
{
  if (status == NULL)
    return TRUE;
  filter->only_status = TRUE;
  return serah_registration_status_parse (status, &filter->status);
}

static int
registration_list (SerahCli *cli, int argc, char **argv, gboolean export)
{
  g_autofree char *status = NULL, *from = NULL, *to = NULL, *format = NULL, *output = NULL;
  gint64 activity = 0;
  g_autofree char *activity_text = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("submitted, verified, rejected or covered"), "S" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Recorded on or after"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Recorded on or before"), "YYYY-MM-DD" },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text, N_("Only this activity"), "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or xlsx"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SerahRegistrationFilter filter = { 0 };
  int exit_status;

  if (!serah_cli_parse (cli, export ? "registration export --format csv|xlsx -o FILE [...]"
                                    : "registration list [--status S] [...]",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "activity", activity_text, 1, SERAH_CLI_MAX_ID, &activity))
    return SERAH_CLI_EXIT_USAGE;
  if (!parse_filter (cli, status, &filter))
    return serah_cli_outreach_usage (cli, _("--status must be submitted, verified, rejected or covered."));
  filter.from = from;
  filter.to = to;
  filter.activity_id = activity;
  if (export)
    {
      SerahRegistrationFormat f;
      guint n = 0;

      if (output == NULL || (g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "xlsx") != 0))
        return serah_cli_outreach_usage (cli, _("registration export needs --format csv|xlsx and -o FILE."));
      f = g_strcmp0 (format, "xlsx") == 0 ? SERAH_REGISTRATION_FORMAT_XLSX
                                          : SERAH_REGISTRATION_FORMAT_CSV;
      if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_ADMIN, &exit_status))
        return exit_status;
      if (!serah_registration_export (cli->store, &filter, f, output, cli->operator_name, &n,
                                      &error))
        return serah_cli_outreach_fail (cli, error);
      serah_cli_message (cli, _("Wrote %u registrations to “%s”."), n, output);
      if (cli->json)
        {
          JsonBuilder *b = serah_cli_outreach_json_ok ();
          json_builder_set_member_name (b, "output");
          json_builder_add_string_value (b, output);
          json_builder_set_member_name (b, "written");
          json_builder_add_int_value (b, n);
          serah_cli_outreach_json_done (cli, b);
        }
      return SERAH_CLI_EXIT_OK;
    }
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &exit_status))
    return exit_status;
  list = serah_registration_list (cli->store, &filter, &error);
  if (list == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "registrations");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_registration (b, list->pdata[i]);
      json_builder_end_array (b);
      serah_cli_outreach_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahRegistration *r = list->pdata[i];
      g_autofree char *masked = serah_nik_mask (r->nik);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", r->id, masked, r->name,
              r->desa ? r->desa : "-", serah_registration_status_label (r->status),
              r->status_reason ? r->status_reason : (r->warnings ? r->warnings : ""));
    }
  return SERAH_CLI_EXIT_OK;
}

static int
registration_status (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it was rejected"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahRegistrationStatus s;
  gint64 id;
  int exit_status;

  if (!serah_cli_parse (cli, "registration status ID verified|rejected [--reason T]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 3 || !serah_registration_status_parse (argv[2], &s))
    return serah_cli_outreach_usage (cli, _("Usage: registration status ID verified|rejected [--reason T]"));
  if (!serah_cli_parse_id (argv[1], &id))
    return serah_cli_outreach_usage (cli, _("Say which registration by its number."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &exit_status))
    return exit_status;
  if (!serah_registration_set_status (cli->store, id, s, reason, cli->operator_name, &error))
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Registration %lld is now “%s”."), (long long) id,
                     serah_registration_status_label (s));
  if (cli->json)
    {
      g_autoptr(SerahRegistration) back = serah_registration_get (cli->store, id, NULL);
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "registration");
      json_registration (b, back);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

int
serah_cli_outreach_verb_registration (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    return registration_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "list") == 0)
    return registration_list (cli, argc - 1, argv + 1, FALSE);
  if (g_strcmp0 (sub, "export") == 0)
    return registration_list (cli, argc - 1, argv + 1, TRUE);
  if (g_strcmp0 (sub, "status") == 0)
    return registration_status (cli, argc - 1, argv + 1);
  return serah_cli_outreach_usage (cli, _("Usage: registration add|list|status|export [OPTIONS]"));
}
