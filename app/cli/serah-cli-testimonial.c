/* serah-cli-testimonial.c: the testimonial and report verbs of serah-cli.
 *
 *   testimonial add --ceremony ID --card NO --text T --consent none|anonymous|named
 *                   [--rating N] [--tag T]... [--audio FILE.ogg] [--photo FILE]
 *   testimonial consent --id N --consent none|anonymous|named
 *   testimonial withdraw --id N --reason R
 *   testimonial list [--ceremony ID]
 *   testimonial export --format csv|json|png|pdf -o PATH [--ceremony ID]
 *   report coverage|uncollected|indicators [--ceremony ID] --format csv|xlsx|pdf -o PATH
 *
 * Each is a thin layer over serah-testimonial.h and serah-report.h.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-private.h"

static const char *
operator_of (SerahCli *cli)
{
  return cli->operator_name ? cli->operator_name : g_get_user_name ();
}

/* Testimonials and reports hold personal data, so a signed-in operator is needed once the
 * database has operators (see serah_cli_require_role): an officer records testimonials and
 * consent at the ceremony; exports and reports, which take data off the machine, need an
 * administrator, as every other export does. */
static gboolean
sign_in (SerahCli *cli, SerahRole role, int *status)
{
  g_autoptr(GError) error = NULL;

  if (serah_cli_require_role (cli, role, &error))
    return TRUE;
  *status = serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
  return FALSE;
}

/* A withdrawn consent or nothing consented is a rule's refusal (1); the rest is input (2). */
static int
exit_code_for (const GError *error)
{
  if (error->domain == SERAH_TESTIMONIAL_ERROR &&
      (error->code == SERAH_TESTIMONIAL_ERROR_WITHDRAWN ||
       error->code == SERAH_TESTIMONIAL_ERROR_NOTHING_TO_EXPORT))
    return SERAH_CLI_EXIT_REFUSED;
  return SERAH_CLI_EXIT_USAGE;
}

static int
usage_error (SerahCli *cli, const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (SERAH_TESTIMONIAL_ERROR,
                                                 SERAH_TESTIMONIAL_ERROR_INVALID, message);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

static gboolean
check_ceremony (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCeremony) c = NULL;

  if (ceremony_id == 0)
    return TRUE;
  c = serah_ceremony_get (store, ceremony_id, error);
  return c != NULL;
}

static void
json_testimonial (JsonBuilder *b, const SerahTestimonial *t)
{
  json_builder_begin_object (b);
  serah_cli_json_int (b, "id", t->id);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, t->uuid);
  serah_cli_json_int (b, "ceremony", t->ceremony_id);
  json_builder_set_member_name (b, "card_no");
  json_builder_add_string_value (b, t->card_no);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, t->name);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, t->desa);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, t->text);
  json_builder_set_member_name (b, "rating");
  if (t->rating > 0)
    json_builder_add_int_value (b, t->rating);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; t->tags[i] != NULL; i++)
    json_builder_add_string_value (b, t->tags[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "audio");
  json_builder_add_string_value (b, t->audio_file);
  json_builder_set_member_name (b, "photo");
  json_builder_add_string_value (b, t->photo_file);
  json_builder_set_member_name (b, "consent");
  json_builder_add_string_value (b, serah_consent_to_string (t->consent));
  json_builder_set_member_name (b, "consent_by");
  json_builder_add_string_value (b, t->consent_by);
  serah_cli_json_int (b, "consent_at", t->consent_at);
  json_builder_set_member_name (b, "recorded_by");
  json_builder_add_string_value (b, t->recorded_by);
  serah_cli_json_int (b, "recorded_at", t->recorded_at);
  json_builder_end_object (b);
}

static int
print_one (SerahCli *cli, SerahStore *store, gint64 id, const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahTestimonial) t = serah_testimonials_get (store, id, &error);

  if (t == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  serah_cli_message (cli, "%s %" G_GINT64_FORMAT ": %s (%s)", what, t->id, t->name,
                     serah_consent_label (t->consent));
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "testimonial");
      json_testimonial (b, t);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
testimonial_add (SerahCli *cli, SerahStore *store, int argc, char **argv)
{
  gint64 ceremony = 0;
  int rating = -1; /* not given */
  g_autofree char *card = NULL, *text = NULL, *consent = NULL, *audio = NULL, *photo = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("Ceremony where it was said"), "ID" },
    { "card", 0, 0, G_OPTION_ARG_STRING, &card, N_("Card number of the participant"), "NO" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What the participant said"), "TEXT" },
    { "consent", 0, 0, G_OPTION_ARG_STRING, &consent, N_("none, anonymous or named"), "CONSENT" },
    { "rating", 0, 0, G_OPTION_ARG_INT, &rating, N_("Satisfaction 1-5"), "N" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Topic (repeatable)"), "TAG" },
    { "audio", 0, 0, G_OPTION_ARG_FILENAME, &audio, N_("Ogg recording"), "FILE" },
    { "photo", 0, 0, G_OPTION_ARG_FILENAME, &photo, N_("Photo (JPEG, PNG, WebP)"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  SerahTestimonialDraft draft = { 0 };
  gint64 id;

  if (!serah_cli_parse (cli, "testimonial add --card NO --text T --consent C [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (card == NULL || text == NULL || consent == NULL)
    return usage_error (cli, _("testimonial add needs --card, --text and --consent."));
  /* Given, a rating is 1 to 5: --rating 0 is refused, never dropped silently. */
  if (rating != -1 && (rating < 1 || rating > 5))
    return usage_error (cli, _("--rating takes a satisfaction from 1 to 5."));
  if (!serah_consent_parse (consent, &draft.consent) || draft.consent == SERAH_CONSENT_WITHDRAWN)
    return usage_error (cli, _("--consent must be none, anonymous or named."));
  if (!check_ceremony (store, ceremony, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  p = serah_participants_find_by_card (store, g_strstrip (card), &error);
  if (p == NULL)
    {
      if (error == NULL)
        error = g_error_new (SERAH_TESTIMONIAL_ERROR, SERAH_TESTIMONIAL_ERROR_NOT_FOUND,
                             _("No participant has the card number “%s”."), card);
      return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }
  draft.ceremony_id = ceremony;
  draft.participant_id = p->id;
  draft.text = text;
  draft.rating = rating < 0 ? 0 : rating;
  draft.tags = (const char *const *) tags;
  draft.audio_path = audio;
  draft.photo_path = photo;
  draft.operator_name = operator_of (cli);
  id = serah_testimonial_add (store, &draft, &error);
  if (id == 0)
    return serah_cli_fail (cli, error, exit_code_for (error));
  return print_one (cli, store, id, _("Recorded testimonial"));
}

static int
testimonial_consent (SerahCli *cli, SerahStore *store, int argc, char **argv, gboolean withdraw)
{
  gint64 id = 0;
  g_autofree char *consent = NULL, *reason = NULL;
  g_autofree char *id_text = NULL;
  GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &id_text, N_("Testimonial number"), "N" },
    { "consent", 0, 0, G_OPTION_ARG_STRING, &consent, N_("none, anonymous or named"), "CONSENT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why consent is withdrawn"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahConsent c = SERAH_CONSENT_WITHDRAWN;

  if (!serah_cli_parse (cli, withdraw ? "testimonial withdraw --id N --reason R"
                                      : "testimonial consent --id N --consent C",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "id", id_text, 1, SERAH_CLI_MAX_ID, &id))
    return SERAH_CLI_EXIT_USAGE;
  if (id <= 0)
    return usage_error (cli, _("Say which testimonial with --id N."));
  if (withdraw && (reason == NULL || *g_strstrip (reason) == '\0'))
    return usage_error (cli, _("A withdrawal needs --reason."));
  if (!withdraw && (!serah_consent_parse (consent, &c) || c == SERAH_CONSENT_WITHDRAWN))
    return usage_error (cli, _("--consent must be none, anonymous or named (use withdraw to withdraw)."));
  if (!serah_testimonial_set_consent (store, id, c, reason, operator_of (cli), &error))
    return serah_cli_fail (cli, error, exit_code_for (error));
  return print_one (cli, store, id, withdraw ? _("Consent withdrawn for testimonial")
                                             : _("Consent changed for testimonial"));
}

static int
testimonial_list (SerahCli *cli, SerahStore *store, int argc, char **argv)
{
  gint64 ceremony = 0;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("Only this ceremony"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!serah_cli_parse (cli, "testimonial list [--ceremony ID]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  list = serah_testimonials_list (store, ceremony, FALSE, &error);
  if (list == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "testimonials");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_testimonial (b, list->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahTestimonial *t = list->pdata[i];
      g_autofree char *tags = g_strjoinv (",", t->tags);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%d\t%s\t%s\n", t->id, t->card_no, t->name,
              serah_consent_to_string (t->consent), t->rating, tags, t->text);
    }
  serah_cli_message (cli, _("%u testimonials"), list->len);
  return SERAH_CLI_EXIT_OK;
}

static void
print_written (SerahCli *cli, const char *what, const char *path, gint64 n)
{
  if (!cli->json)
    return;
  {
    JsonBuilder *b = serah_cli_json_begin_ok ();
    json_builder_set_member_name (b, "kind");
    json_builder_add_string_value (b, what);
    json_builder_set_member_name (b, "output");
    json_builder_add_string_value (b, path);
    if (n >= 0)
      {
        serah_cli_json_int (b, "written", n);
      }
    json_builder_end_object (b);
    serah_cli_print_json (cli, b);
  }
}

static int
testimonial_export (SerahCli *cli, SerahStore *store, int argc, char **argv)
{
  gint64 ceremony = 0;
  g_autofree char *format = NULL, *output = NULL;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, json, png or pdf"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File (png: folder or pattern with %d)"), "PATH" },
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("Only this ceremony"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahTestimonialFormat f;
  guint n = 0;
  int status;

  if (!serah_cli_parse (cli, "testimonial export --format csv|json|png|pdf -o PATH", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (output == NULL || !serah_testimonial_format_parse (format, &f))
    return usage_error (cli, _("testimonial export needs --format csv|json|png|pdf and -o PATH."));
  if (!check_ceremony (store, ceremony, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  /* PNG writes a folder of cards (replaced one by one: the verb's job); the others a file. */
  if (f != SERAH_TESTIMONIAL_FORMAT_PNG && !serah_cli_check_output (cli, output, &status))
    return status;
  if (!serah_testimonial_export (store, ceremony, f, output, operator_of (cli), &n, &error))
    return serah_cli_fail (cli, error, exit_code_for (error));
  serah_cli_message (cli, _("Exported %u testimonials with consent to “%s”."), n, output);
  print_written (cli, "testimonials", output, n);
  return SERAH_CLI_EXIT_OK;
}

static int
verb_testimonial (SerahCli *cli, int argc, char **argv)
{
  SerahStore *store;
  const char *sub = argc > 1 ? argv[1] : NULL;
  int status;

  if (sub == NULL || (strcmp (sub, "add") != 0 && strcmp (sub, "consent") != 0 &&
                      strcmp (sub, "withdraw") != 0 && strcmp (sub, "list") != 0 &&
                      strcmp (sub, "export") != 0))
    return usage_error (cli, _("Usage: testimonial add|consent|withdraw|list|export [OPTIONS]"));
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  if (!sign_in (cli, strcmp (sub, "export") == 0 ? SERAH_ROLE_ADMIN : SERAH_ROLE_OFFICER, &status))
    return status;
  argc--;
  argv++;
  if (strcmp (sub, "add") == 0)
    return testimonial_add (cli, store, argc, argv);
  if (strcmp (sub, "consent") == 0)
    return testimonial_consent (cli, store, argc, argv, FALSE);
  if (strcmp (sub, "withdraw") == 0)
    return testimonial_consent (cli, store, argc, argv, TRUE);
  if (strcmp (sub, "list") == 0)
    return testimonial_list (cli, store, argc, argv);
  return testimonial_export (cli, store, argc, argv);
}

static int
verb_report (SerahCli *cli, int argc, char **argv)
{
  gint64 ceremony = 0;
  g_autofree char *format = NULL, *output = NULL, *from = NULL, *to = NULL;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("One ceremony (default: all)"), "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, xlsx or pdf"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Output file"), "PATH" },
    /* issue 15: the outreach period of the indicators */
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("indicators: first day of the outreach period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("indicators: last day of the outreach period"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  SerahReportKind kind;
  SerahReportFormat f;
  int status;

  if (!serah_cli_parse (cli, "report coverage|uncollected|indicators [--ceremony ID] [--from D] [--to D] --format csv|xlsx|pdf -o PATH",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || !serah_report_kind_parse (argv[1], &kind))
    return usage_error (cli, _("Usage: report coverage|uncollected|indicators [--ceremony ID] "
                               "--format csv|xlsx|pdf -o PATH"));
  if ((from != NULL || to != NULL) && kind != SERAH_REPORT_INDICATORS)
    return usage_error (cli, _("--from and --to choose the outreach period of report indicators "
                               "only."));
  if (output == NULL || !serah_report_format_parse (format, &f))
    return usage_error (cli, _("report needs --format csv|xlsx|pdf and -o PATH."));
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  if (!sign_in (cli, SERAH_ROLE_ADMIN, &status))
    return status;
  if (!serah_cli_check_output (cli, output, &status))
    return status;
  if (kind == SERAH_REPORT_INDICATORS
      ? !serah_report_write_indicators (store, ceremony, from, to, f, output, operator_of (cli), &error)
      : !serah_report_write (store, kind, ceremony, f, output, operator_of (cli), &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  serah_cli_message (cli, _("Report written to “%s”."), output);
  print_written (cli, argv[1], output, -1);
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_testimonial_verbs[] = {
  { "testimonial", verb_testimonial,
    "testimonial add --card NO --text T --consent none|anonymous|named [--ceremony ID] [--rating N] "
    "[--tag T]... [--audio FILE.ogg] [--photo FILE] | consent --id N --consent C | withdraw --id N "
    "--reason R | list [--ceremony ID] | export --format csv|json|png|pdf -o PATH [--ceremony ID]" },
  { "report", verb_report,
    "report coverage|uncollected|indicators [--ceremony ID] [--from D] [--to D] --format csv|xlsx|pdf -o PATH" },
  { NULL }
};
