/* serah-cli-print.c: the print verbs of serah-cli: print, reprint, verify, calibrate,
 * templates and runs. Thin: every rule lives in the core (serah-print-job.h). */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-private.h"

/* Bad templates, options and files are usage errors (2); "nothing left to print", "never
 * printed" and "no serial left from the office server" are refusals by a rule (1). */
static int
exit_for (const GError *error)
{
  if (error->domain == SERAH_PRINT_ERROR &&
      (error->code == SERAH_PRINT_ERROR_NOTHING || error->code == SERAH_PRINT_ERROR_NOT_PRINTED ||
       error->code == SERAH_PRINT_ERROR_NO_SERIALS))
    return SERAH_CLI_EXIT_REFUSED;
  return SERAH_CLI_EXIT_USAGE;
}

static int
usage_error (SerahCli *cli, const char *usage, const char *message)
{
  g_autoptr(GError) error = g_error_new (SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                                         "%s\n%s: serah-cli --db DB %s", message, _("Usage"), usage);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

static SerahPrinterProfile *
lookup_profile (SerahStore *store, const char *name, GError **error)
{
  SerahPrinterProfile *profile;

  if (name == NULL)
    return NULL;
  profile = serah_printer_profiles_get (store, name, error);
  if (profile == NULL && error && *error == NULL)
    g_set_error (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_OPTIONS,
                 _("There is no printer profile “%s” (see “calibrate list”)."), name);
  return profile;
}

/* Opens the store; verbs that record something (printing, reprints, printer profiles) are
 * for administrators (serah_cli_require_role lets everything pass while the database has no
 * operators yet). */
static SerahStore *
open_store (SerahCli *cli, gboolean writes, int *exit_code)
{
  g_autoptr(GError) error = NULL;

  *exit_code = SERAH_CLI_EXIT_USAGE;
  if (!writes)
    return serah_cli_get_store (cli);
  if (!serah_cli_require_role (cli, SERAH_ROLE_ADMIN, &error))
    {
      *exit_code = serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
      return NULL;
    }
  return cli->store;
}

/* The template, sheet and printer profile of a print, by name. */
static gboolean
load_print_setup (SerahStore *store, const char *template_name, const char *sheet_name,
                  const char *calibration, SerahCardTemplate **template_out,
                  SerahSheet **sheet_out, SerahPrinterProfile **profile_out, GError **error)
{
  if (!serah_cli_check_name ("--template", template_name, error) ||
      !serah_cli_check_name ("--sheet", sheet_name, error))
    return FALSE;
  *template_out = serah_card_template_load (template_name, error);
  if (*template_out == NULL)
    return FALSE;
  *sheet_out = serah_sheet_load (sheet_name, error);
  if (*sheet_out == NULL)
    return FALSE;
  *profile_out = lookup_profile (store, calibration, error);
  return *profile_out != NULL || calibration == NULL;
}

static void
add_result (JsonBuilder *b, const SerahPrintResult *r, const char *output)
{
  serah_cli_json_bool (b, "ok", TRUE);
  serah_cli_json_int (b, "run_id", r->run_id);
  serah_cli_json_int (b, "cards", r->cards);
  serah_cli_json_int (b, "skipped_printed", r->skipped_printed);
  serah_cli_json_int (b, "voided", r->voided);
  serah_cli_json_int (b, "stacks", r->stacks);
  serah_cli_json_int (b, "sheets", r->sheets);
  serah_cli_json_int (b, "pages", r->pages);
  serah_cli_json_int (b, "first_serial", r->first_serial);
  serah_cli_json_int (b, "last_serial", r->last_serial);
  json_builder_set_member_name (b, "output");
  json_builder_add_string_value (b, output);
}

/* ---- print ---- */

#define PRINT_USAGE \
  "print --template NAME [--sheet NAME] [--where kecamatan=X] [--where desa=Y] " \
  "[--order kecamatan,desa,name] [--first-position N] [--separator slot|page|none] " \
  "[--crop-marks] [--outline] [--duplex] [--include-printed] [--full-nik] " \
  "[--calibration PROFILE] [--ceremony ID] [--set FIELD=VALUE] [--dry-run] -o FILE.pdf"

/* Tells what the person should know before printing (dry run) or what was printed anyway:
 * participants with an empty field the template shows, texts that did not fit. */
static void
report_findings (SerahCli *cli, SerahPrintJob *job, JsonBuilder *b)
{
  GPtrArray *incomplete = serah_print_job_get_incomplete (job);
  SerahFitReport *fit = serah_print_job_get_fit_report (job);
  GPtrArray *problems = serah_fit_report_get_problems (fit);

  if (incomplete->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      for (guint i = 0; i < incomplete->len && i < 20; i++)
        g_string_append_printf (list, "\n  %s", (const char *) incomplete->pdata[i]);
      if (incomplete->len > 20)
        g_string_append_printf (list, "\n  …");
      serah_cli_message (cli, g_dngettext (GETTEXT_PACKAGE,
                                           "Warning: %u participant has an empty field that the "
                                           "template shows:%s",
                                           "Warning: %u participants have an empty field that the "
                                           "template shows:%s", incomplete->len),
                         incomplete->len, list->str);
    }
  if (problems->len > 0)
    {
      g_autofree char *text = serah_fit_report_describe (fit, 20);
      serah_cli_message (cli, _("Warning: %u texts on %u records do not fit as designed:\n%s"),
                         problems->len, serah_fit_report_count_records (fit), text);
    }
  if (b == NULL)
    return;
  json_builder_set_member_name (b, "incomplete");
  json_builder_begin_array (b);
  for (guint i = 0; i < incomplete->len; i++)
    json_builder_add_string_value (b, incomplete->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "fit_problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      const SerahFitProblem *p = problems->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "record");
      json_builder_add_string_value (b, p->record);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, p->field);
      json_builder_set_member_name (b, "outcome");
      json_builder_add_string_value (b, serah_fit_outcome_to_string (p->outcome));
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, p->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
print_verb (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *template_name = NULL, *sheet_name = NULL, *order = NULL, *output = NULL;
  g_autofree char *calibration = NULL, *separator = NULL;
  g_auto(GStrv) where = NULL, set = NULL;
  int first_position = 1;
  gint64 ceremony = 0;
  gboolean crop_marks = FALSE, outline = FALSE, duplex = FALSE, include_printed = FALSE;
  gboolean full_nik = FALSE, dry_run = FALSE;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name,
     N_("Card template (kis, undangan or a .card file)"), "NAME" },
    { "sheet", 's', 0, G_OPTION_ARG_STRING, &sheet_name,
     N_("Sheet (a4-2x5, a4-3x3, cr80 or a .sheet file)"), "NAME" },
    { "where", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &where,
     N_("Select kecamatan=X or desa=Y (repeatable)"), "FIELD=VALUE" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("Sort order inside each desa stack"),
     "FIELDS" },
    { "first-position", 0, 0, G_OPTION_ARG_INT, &first_position,
     N_("Start at this slot of the first sheet"), "N" },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator,
     N_("Desa separators: slot (default), page or none"), "MODE" },
    { "crop-marks", 0, 0, G_OPTION_ARG_NONE, &crop_marks, N_("Print crop marks for cutting"),
     NULL },
    { "outline", 0, 0, G_OPTION_ARG_NONE, &outline, N_("Outline every card"), NULL },
    { "duplex", 0, 0, G_OPTION_ARG_NONE, &duplex,
     N_("Back sides on the following pages (long-edge flip)"), NULL },
    { "include-printed", 0, 0, G_OPTION_ARG_NONE, &include_printed,
     N_("Also print participants who have a card (the old card is voided)"), NULL },
    { "full-nik", 0, 0, G_OPTION_ARG_NONE, &full_nik,
     N_("Print the full NIK instead of the masked one"), NULL },
    { "calibration", 0, 0, G_OPTION_ARG_STRING, &calibration,
     N_("Printer profile to correct the position"), "PROFILE" },
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("Ceremony id (invitation templates)"),
     "ID" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set,
     N_("Value of a template field, e.g. ceremony_name=... (repeatable)"), "FIELD=VALUE" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Count cards and sheets, print nothing"),
     NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(SerahPrinterProfile) profile = NULL;
  g_autoptr(GPtrArray) kecamatan = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) desa = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) order_fields = NULL;
  SerahParticipantFilter filter = { 0 };
  SerahPrintResult result = { 0 };
  SerahStore *store;
  int code;

  if (!serah_cli_parse (cli, PRINT_USAGE, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (argc > 1)
    return usage_error (cli, PRINT_USAGE, _("Unexpected argument."));
  if (output == NULL && !dry_run)
    return usage_error (cli, PRINT_USAGE, _("Say where to write the PDF with -o FILE."));

  for (guint i = 0; where && where[i]; i++)
    {
      char *eq = strchr (where[i], '=');
      if (eq == NULL || eq[1] == '\0')
        return usage_error (cli, PRINT_USAGE, _("--where takes kecamatan=NAME or desa=NAME."));
      *eq = '\0';
      if (g_ascii_strcasecmp (where[i], "kecamatan") == 0)
        g_ptr_array_add (kecamatan, g_strdup (eq + 1));
      else if (g_ascii_strcasecmp (where[i], "desa") == 0)
        g_ptr_array_add (desa, g_strdup (eq + 1));
      else
        return usage_error (cli, PRINT_USAGE, _("--where takes kecamatan=NAME or desa=NAME."));
    }

  store = open_store (cli, !dry_run, &code);
  if (store == NULL)
    return code;
  if (!load_print_setup (store, template_name ? template_name : "kis",
                         sheet_name ? sheet_name : "a4-2x5", calibration, &template_, &sheet,
                         &profile, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  job = serah_print_job_new (store, template_, sheet);
  if (kecamatan->len > 0)
    {
      g_ptr_array_add (kecamatan, NULL);
      filter.kecamatan = (char **) kecamatan->pdata;
    }
  if (desa->len > 0)
    {
      g_ptr_array_add (desa, NULL);
      filter.desa = (char **) desa->pdata;
    }
  if (order != NULL)
    {
      order_fields = g_strsplit (order, ",", 0);
      filter.order = order_fields;
    }
  serah_print_job_set_filter (job, &filter);
  serah_print_job_set_first_position (job, first_position > 0 ? (guint) first_position : 0);
  if (first_position < 1)
    return usage_error (cli, PRINT_USAGE, _("--first-position starts at 1."));
  if (separator == NULL || strcmp (separator, "slot") == 0)
    serah_print_job_set_separators (job, SERAH_SEPARATOR_SLOT);
  else if (strcmp (separator, "page") == 0)
    serah_print_job_set_separators (job, SERAH_SEPARATOR_PAGE);
  else if (strcmp (separator, "none") == 0)
    serah_print_job_set_separators (job, SERAH_SEPARATOR_NONE);
  else
    return usage_error (cli, PRINT_USAGE, _("--separator is slot, page or none."));
  serah_print_job_set_crop_marks (job, crop_marks);
  serah_print_job_set_outline (job, outline);
  serah_print_job_set_duplex (job, duplex);
  serah_print_job_set_include_printed (job, include_printed);
  if (full_nik)
    serah_print_job_set_nik_display (job, 1);
  serah_print_job_set_calibration (job, profile);
  serah_print_job_set_operator (job, cli->operator_name);
  serah_print_job_set_ceremony_id (job, ceremony);
  /* Slips go to the people invited, with the ceremony's name, date and place unless --set
   * says otherwise (issue 11). */
  if (ceremony > 0 &&
      serah_card_template_get_payload_kind (template_) == SERAH_PAYLOAD_INVITATION &&
      !serah_ceremony_prepare_invitations (store, job, ceremony, &filter, NULL, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  for (guint i = 0; set && set[i]; i++)
    {
      char *eq = strchr (set[i], '=');
      if (eq == NULL || eq == set[i])
        return usage_error (cli, PRINT_USAGE, _("--set takes FIELD=VALUE."));
      *eq = '\0';
      if (!g_strv_contains (serah_card_template_get_extra_fields (template_), set[i]))
        {
          g_autofree char *known = g_strjoinv (", ",
                                               (char **) serah_card_template_get_extra_fields (template_));
          g_autofree char *msg = g_strdup_printf (_("The template “%s” has no field “%s” (its "
                                                    "fields: %s)."),
                                                  serah_card_template_get_name (template_), set[i],
                                                  *known ? known : "-");
          return usage_error (cli, PRINT_USAGE, msg);
        }
      serah_print_job_set_extra (job, set[i], eq + 1);
    }

  if (dry_run)
    {
      SerahPrintPlan plan;
      /* A dry run is where people look before printing: measure every card. */
      serah_print_job_set_measure_plan (job, TRUE);
      if (!serah_print_job_plan (job, &plan, NULL, &error))
        return serah_cli_fail (cli, error, exit_for (error));
      serah_cli_message (cli, _("Would print %u cards in %u desa stacks on %u sheets (%u pages); "
                                "%u skipped as already printed."),
                         plan.cards, plan.stacks, plan.sheets, plan.pages, plan.skipped_printed);
      if (!cli->json)
        report_findings (cli, job, NULL);
      if (cli->json)
        {
          g_autoptr(JsonBuilder) b = serah_cli_json_begin_ok ();
          serah_cli_json_int (b, "cards", plan.cards);
          serah_cli_json_int (b, "skipped_printed", plan.skipped_printed);
          serah_cli_json_int (b, "stacks", plan.stacks);
          serah_cli_json_int (b, "sheets", plan.sheets);
          serah_cli_json_int (b, "pages", plan.pages);
          report_findings (cli, job, b);
          json_builder_end_object (b);
          serah_cli_print_json (cli, g_steal_pointer (&b));
        }
      return SERAH_CLI_EXIT_OK;
    }

  /* A second run to last run's PDF would replace cards already marked printed: --force. */
  if (!serah_cli_check_output (cli, output, &code))
    return code;
  if (!serah_print_job_run (job, output, NULL, NULL, NULL, &result, &error))
    return serah_cli_fail (cli, error, exit_for (error));

  /* issue 11: slips are no cards, and the message must not say they are. */
  if (serah_card_template_get_payload_kind (template_) == SERAH_PAYLOAD_INVITATION)
    serah_cli_message (cli, _("Printed %u invitation slips for ceremony %lld on %u sheets (%u "
                              "pages) to %s: print run %lld (slips, not cards: no card is "
                              "counted as printed)."),
                       result.cards, (long long) ceremony, result.sheets, result.pages, output,
                       (long long) result.run_id);
  else
  serah_cli_message (cli, _("Printed %u cards in %u desa stacks on %u sheets (%u pages) to %s: "
                            "print run %lld, serials %lld–%lld; %u skipped as already printed, %u old cards "
                            "voided."),
                     result.cards, result.stacks, result.sheets, result.pages, output,
                     (long long) result.run_id, (long long) result.first_serial,
                     (long long) result.last_serial,
                     result.skipped_printed, result.voided);
  if (!cli->json)
    report_findings (cli, job, NULL);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_result (b, &result, output);
      report_findings (cli, job, b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

/* ---- reprint ---- */

#define REPRINT_USAGE \
  "reprint --card NO --reason TEXT [--template kis] [--sheet cr80] [--calibration PROFILE] " \
  "-o FILE.pdf"

static int
reprint_verb (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *card = NULL, *reason = NULL, *template_name = NULL, *sheet_name = NULL;
  g_autofree char *calibration = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "card", 'c', 0, G_OPTION_ARG_STRING, &card, N_("JKN card number of the card to replace"),
     "NO" },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why: lost, misprinted, damaged, ..."),
     "TEXT" },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Card template (default kis)"),
     "NAME" },
    { "sheet", 's', 0, G_OPTION_ARG_STRING, &sheet_name, N_("Sheet (default cr80)"), "NAME" },
    { "calibration", 0, 0, G_OPTION_ARG_STRING, &calibration, N_("Printer profile"), "PROFILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(SerahPrinterProfile) profile = NULL;
  SerahPrintResult result = { 0 };
  SerahStore *store;
  int code;

  if (!serah_cli_parse (cli, REPRINT_USAGE, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (card == NULL || reason == NULL || *g_strstrip (reason) == '\0' || output == NULL || argc > 1)
    return usage_error (cli, REPRINT_USAGE, _("--card, --reason and -o are needed."));
  g_strstrip (card);
  if (!serah_card_no_is_wellformed (card))
    return usage_error (cli, REPRINT_USAGE, _("A card number has 13 digits."));

  store = open_store (cli, TRUE, &code);
  if (store == NULL)
    return code;
  if (!load_print_setup (store, template_name ? template_name : "kis",
                         sheet_name ? sheet_name : "cr80", calibration, &template_, &sheet,
                         &profile, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);

  if (!serah_cli_check_output (cli, output, &code))
    return code;
  if (!serah_print_reprint_card (store, card, reason, template_, sheet, profile,
                                 cli->operator_name, output, &result, &error))
    {
      /* An unknown card number is bad input; a card never printed is refused. */
      g_autoptr(SerahParticipant) known = serah_participants_find_by_card (store, card, NULL);
      code = exit_for (error);
      if (g_error_matches (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_NOT_PRINTED) && known == NULL)
        code = SERAH_CLI_EXIT_USAGE;
      return serah_cli_fail (cli, error, code);
    }
  serah_cli_message (cli, _("Reprinted card %s as serial %lld to %s; the old card is void."),
                     card, (long long) result.first_serial, output);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_result (b, &result, output);
      serah_cli_json_int (b, "serial", result.first_serial);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

/* ---- verify ---- */

static int
verify_verb (SerahCli *cli, int argc, char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(SerahPrintedCard) card = NULL;
  g_autoptr(SerahPrintRun) run = NULL;
  g_autofree char *masked = NULL;
  SerahPayload payload;
  SerahStore *store;

  if (!serah_cli_parse (cli, "verify PAYLOAD", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return usage_error (cli, "verify PAYLOAD", _("Give the text of one QR code."));
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;

  participant = serah_payload_verify (store, argv[1], &payload, &error);
  if (participant == NULL)
    return serah_cli_fail (cli, error,
                           g_error_matches (error, SERAH_PAYLOAD_ERROR,
                                            SERAH_PAYLOAD_ERROR_MALFORMED)
                             ? SERAH_CLI_EXIT_USAGE : SERAH_CLI_EXIT_REFUSED);
  if (payload.kind == SERAH_PAYLOAD_CARD)
    {
      card = serah_printed_cards_get (store, payload.number, &error);
      if (card != NULL)
        run = serah_print_runs_get (store, card->print_run_id, &error);
      if (error != NULL)
        return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
    }
  masked = serah_nik_mask (participant->nik);

  if (payload.kind == SERAH_PAYLOAD_CARD && card != NULL)
    serah_cli_message (cli, _("Genuine card: %s, NIK %s, card %s, desa %s (kec. %s); serial %lld, "
                              "print run %lld, sheet %d, position %d."),
                       participant->name, masked, participant->card_no,
                       participant->desa ? participant->desa : "-",
                       participant->kecamatan ? participant->kecamatan : "-",
                       (long long) card->serial, (long long) card->print_run_id, card->sheet_no,
                       card->position);
  else
    serah_cli_message (cli, _("Genuine invitation: %s, NIK %s, card %s, desa %s (kec. %s); "
                              "ceremony %lld."),
                       participant->name, masked, participant->card_no,
                       participant->desa ? participant->desa : "-",
                       participant->kecamatan ? participant->kecamatan : "-",
                       (long long) payload.number);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "kind", payload.kind == SERAH_PAYLOAD_CARD ? "card" : "invitation");
      serah_cli_json_string (b, "name", participant->name);
      serah_cli_json_string (b, "nik_masked", masked);
      serah_cli_json_string (b, "card_no", participant->card_no);
      serah_cli_json_string (b, "desa", participant->desa);
      serah_cli_json_string (b, "kecamatan", participant->kecamatan);
      serah_cli_json_int (b, "participant_id", participant->id);
      if (card != NULL)
        {
          serah_cli_json_int (b, "serial", card->serial);
          serah_cli_json_int (b, "print_run", card->print_run_id);
          serah_cli_json_int (b, "sheet", card->sheet_no);
          serah_cli_json_int (b, "position", card->position);
          serah_cli_json_string (b, "stack_group", card->stack_group);
          serah_cli_json_int (b, "stack_index", card->stack_index);
          serah_cli_json_int (b, "printed_at", card->printed_at);
          if (run != NULL)
            serah_cli_json_string (b, "template", run->template_name);
        }
      else
        {
          serah_cli_json_int (b, "ceremony_id", payload.number);
        }
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

/* ---- calibrate ---- */

#define CALIBRATE_USAGE \
  "calibrate set NAME (--offset-x MM --offset-y MM [--scale-x F] [--scale-y F] | " \
  "--sheet NAME --measured-x MM --measured-y MM [--ruler-x MM] [--ruler-y MM]) | " \
  "calibrate list | calibrate delete NAME | " \
  "calibrate test-page --sheet NAME [--calibration PROFILE] -o FILE.pdf"

static void
add_profile (JsonBuilder *b, const SerahPrinterProfile *p)
{
  json_builder_begin_object (b);
  serah_cli_json_string (b, "name", p->name);
  serah_cli_json_double (b, "offset_x_mm", p->offset_x_mm);
  serah_cli_json_double (b, "offset_y_mm", p->offset_y_mm);
  serah_cli_json_double (b, "scale_x", p->scale_x);
  serah_cli_json_double (b, "scale_y", p->scale_y);
  json_builder_end_object (b);
}

/* Strict (issue 17): "nan", "inf", "0x10" and "1e2" are not millimetres. Ranges are
 * checked by the caller. */
static gboolean
parse_mm (const char *text, double *out)
{
  return serah_cli_parse_number (text, -1000, 1000, out);
}

static int
calibrate_set (SerahCli *cli, SerahStore *store, int argc, char **argv)
{
  g_autofree char *ox = NULL, *oy = NULL, *sx = NULL, *sy = NULL;
  g_autofree char *mx = NULL, *my = NULL, *rx = NULL, *ry = NULL, *sheet_name = NULL;
  GOptionEntry entries[] = {
    { "offset-x", 0, 0, G_OPTION_ARG_STRING, &ox, N_("Shift right by MM (negative: left)"), "MM" },
    { "offset-y", 0, 0, G_OPTION_ARG_STRING, &oy, N_("Shift down by MM (negative: up)"), "MM" },
    { "scale-x", 0, 0, G_OPTION_ARG_STRING, &sx, N_("Horizontal scale correction (1 = none)"),
     "F" },
    { "scale-y", 0, 0, G_OPTION_ARG_STRING, &sy, N_("Vertical scale correction (1 = none)"), "F" },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet_name, N_("Sheet of the test page measured"),
     "NAME" },
    { "measured-x", 0, 0, G_OPTION_ARG_STRING, &mx, N_("Measured: left edge to crosshair A"),
     "MM" },
    { "measured-y", 0, 0, G_OPTION_ARG_STRING, &my, N_("Measured: top edge to crosshair A"), "MM" },
    { "ruler-x", 0, 0, G_OPTION_ARG_STRING, &rx, N_("Measured length of ruler X"), "MM" },
    { "ruler-y", 0, 0, G_OPTION_ARG_STRING, &ry, N_("Measured length of ruler Y"), "MM" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahPrinterProfile profile = { 0 };

  if (!serah_cli_parse (cli, CALIBRATE_USAGE, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    return usage_error (cli, CALIBRATE_USAGE, _("Name the printer profile."));
  profile.name = argv[1];
  profile.scale_x = profile.scale_y = 1;

  if (mx != NULL || my != NULL)
    {
      /* From the test page printed without calibration: the printer put A at (mx, my) and
       * drew ruler X rx mm long. Its error is printed = o + s * designed; the correction
       * undoes it: scale = 1 / s, offset = A - scale * measured. */
      g_autoptr(SerahSheet) sheet = NULL;
      double mxv, myv, rxv = 0, ryv = 0;
      int lx, ly;
      double ax, ay;

      if (sheet_name == NULL || !serah_cli_check_name ("--sheet", sheet_name, NULL) ||
          !parse_mm (mx, &mxv) || !parse_mm (my, &myv) ||
          (rx && !parse_mm (rx, &rxv)) || (ry && !parse_mm (ry, &ryv)) ||
          (rx && rxv <= 0) || (ry && ryv <= 0))
        return usage_error (cli, CALIBRATE_USAGE,
                            _("--measured-x and --measured-y (and --sheet) take millimetres."));
      sheet = serah_sheet_load (sheet_name, &error);
      if (sheet == NULL)
        return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
      serah_render_calibration_reference (sheet, &ax, &ay);
      serah_render_calibration_rulers (sheet, &lx, &ly);
      if (rx != NULL && lx > 0)
        profile.scale_x = lx / rxv;
      if (ry != NULL && ly > 0)
        profile.scale_y = ly / ryv;
      profile.offset_x_mm = ax - profile.scale_x * mxv;
      profile.offset_y_mm = ay - profile.scale_y * myv;
    }
  else
    {
      if (!parse_mm (ox, &profile.offset_x_mm) || !parse_mm (oy, &profile.offset_y_mm) ||
          (sx && !parse_mm (sx, &profile.scale_x)) || (sy && !parse_mm (sy, &profile.scale_y)))
        return usage_error (cli, CALIBRATE_USAGE, _("--offset-x and --offset-y take millimetres."));
    }
  if (fabs (profile.offset_x_mm) > 50 || fabs (profile.offset_y_mm) > 50 ||
      profile.scale_x < 0.8 || profile.scale_x > 1.25 || profile.scale_y < 0.8 ||
      profile.scale_y > 1.25)
    return usage_error (cli, CALIBRATE_USAGE,
                        _("Offsets beyond 50 mm or scales beyond 0.8–1.25 are surely a "
                          "measuring mistake; measure again."));
  if (!serah_printer_profile_save (store, &profile, cli->operator_name, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  serah_cli_message (cli, _("Printer profile “%s”: offset x %+.2f mm, y %+.2f mm, scale x %.4f, "
                            "y %.4f."),
                     profile.name, profile.offset_x_mm, profile.offset_y_mm, profile.scale_x,
                     profile.scale_y);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "profile");
      add_profile (b, &profile);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

static int
calibrate_list (SerahCli *cli, SerahStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = serah_printer_profiles_list (store, &error);

  if (list == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = serah_cli_json_begin_ok ();
      json_builder_set_member_name (b, "profiles");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        add_profile (b, list->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
      return SERAH_CLI_EXIT_OK;
    }
  if (list->len == 0)
    serah_cli_message (cli, "%s", _("No printer profiles yet (calibrate set NAME ...)."));
  for (guint i = 0; i < list->len; i++)
    {
      SerahPrinterProfile *p = list->pdata[i];
      printf ("%s\t%+.2f\t%+.2f\t%.4f\t%.4f\n", p->name, p->offset_x_mm, p->offset_y_mm,
              p->scale_x, p->scale_y);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
calibrate_test_page (SerahCli *cli, SerahStore *store, int argc, char **argv)
{
  g_autofree char *sheet_name = NULL, *calibration = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "sheet", 's', 0, G_OPTION_ARG_STRING, &sheet_name, N_("Sheet to test"), "NAME" },
    { "calibration", 0, 0, G_OPTION_ARG_STRING, &calibration, N_("Apply this printer profile"),
     "PROFILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(SerahPrinterProfile) profile = NULL;
  int code;

  if (!serah_cli_parse (cli, CALIBRATE_USAGE, entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (output == NULL || argc > 1)
    return usage_error (cli, CALIBRATE_USAGE, _("Say where to write the test page with -o FILE."));
  if (!serah_cli_check_output (cli, output, &code))
    return code;
  if (!serah_cli_check_name ("--sheet", sheet_name ? sheet_name : "a4-2x5", &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  sheet = serah_sheet_load (sheet_name ? sheet_name : "a4-2x5", &error);
  if (sheet == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  profile = lookup_profile (store, calibration, &error);
  if (error != NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (!serah_print_calibration_page (sheet, profile, output, &error))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  serah_cli_message (cli, _("Alignment test page for “%s” written to %s."),
                     serah_sheet_get_name (sheet), output);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = serah_cli_json_begin_ok ();
      serah_cli_json_string (b, "output", output);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

static int
calibrate_verb (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  SerahStore *store;
  gboolean writes;
  int code;

  if (argc < 2)
    return usage_error (cli, CALIBRATE_USAGE, _("calibrate needs set, list, delete or test-page."));
  writes = strcmp (argv[1], "set") == 0 || strcmp (argv[1], "delete") == 0;
  store = open_store (cli, writes, &code);
  if (store == NULL)
    return code;
  /* The sub-verb becomes argv[0] of its own option parsing. */
  if (strcmp (argv[1], "set") == 0)
    return calibrate_set (cli, store, argc - 1, argv + 1);
  if (strcmp (argv[1], "list") == 0 && argc == 2)
    return calibrate_list (cli, store);
  if (strcmp (argv[1], "test-page") == 0)
    return calibrate_test_page (cli, store, argc - 1, argv + 1);
  if (strcmp (argv[1], "delete") == 0 && argc == 3)
    {
      if (!serah_printer_profile_delete (store, argv[2], cli->operator_name, &error))
        return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
      serah_cli_message (cli, _("Printer profile “%s” deleted."), argv[2]);
      return SERAH_CLI_EXIT_OK;
    }
  return usage_error (cli, CALIBRATE_USAGE, _("calibrate needs set, list, delete or test-page."));
}

/* ---- templates and runs ---- */

static void
list_templates (SerahCli *cli, JsonBuilder *b, SerahTemplateKind kind, const char *member)
{
  g_autoptr(GPtrArray) list = serah_template_list (kind);

  if (b != NULL)
    {
      json_builder_set_member_name (b, member);
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < list->len; i++)
    {
      SerahTemplateInfo *info = list->pdata[i];
      if (b != NULL)
        {
          json_builder_begin_object (b);
          serah_cli_json_string (b, "name", info->name);
          serah_cli_json_string (b, "title", info->title);
          serah_cli_json_string (b, "path", info->path);
          json_builder_end_object (b);
        }
      else
        printf ("%s\t%s\t%s\t%s\n", member, info->name, info->title, info->path);
    }
  if (b != NULL)
    json_builder_end_array (b);
}

static int
templates_verb (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(JsonBuilder) b = cli->json ? json_builder_new () : NULL;

  if (argc > 1)
    return usage_error (cli, "templates", _("Unexpected argument."));
  if (b != NULL)
    {
      json_builder_begin_object (b);
      serah_cli_json_bool (b, "ok", TRUE);
    }
  list_templates (cli, b, SERAH_TEMPLATE_KIND_CARD, "templates");
  list_templates (cli, b, SERAH_TEMPLATE_KIND_SHEET, "sheets");
  if (b != NULL)
    {
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

static int
runs_verb (SerahCli *cli, int argc, char **argv)
{
  static const char *const kinds[] = { "batch", "reprint", "invitation" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonBuilder) b = cli->json ? json_builder_new () : NULL;
  SerahStore *store;

  if (argc > 1)
    return usage_error (cli, "runs", _("Unexpected argument."));
  store = serah_cli_get_store (cli);
  if (store == NULL)
    return SERAH_CLI_EXIT_USAGE;
  runs = serah_print_runs_list (store, &error);
  if (runs == NULL)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (b != NULL)
    {
      json_builder_begin_object (b);
      serah_cli_json_bool (b, "ok", TRUE);
      json_builder_set_member_name (b, "runs");
      json_builder_begin_array (b);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      SerahPrintRun *r = runs->pdata[i];
      if (b == NULL)
        {
          printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n", r->id,
                  kinds[r->kind], r->template_name, r->sheet_name, r->cards,
                  r->selection ? r->selection : "", r->output ? r->output : "");
          continue;
        }
      json_builder_begin_object (b);
      serah_cli_json_int (b, "id", r->id);
      serah_cli_json_int (b, "created_at", r->created_at);
      serah_cli_json_string (b, "kind", kinds[r->kind]);
      serah_cli_json_string (b, "operator", r->operator_name);
      serah_cli_json_string (b, "template", r->template_name);
      serah_cli_json_string (b, "sheet", r->sheet_name);
      serah_cli_json_string (b, "calibration", r->calibration);
      serah_cli_json_string (b, "selection", r->selection);
      serah_cli_json_string (b, "output", r->output);
      serah_cli_json_int (b, "cards", r->cards);
      json_builder_end_object (b);
    }
  if (b != NULL)
    {
      json_builder_end_array (b);
      json_builder_end_object (b);
      serah_cli_print_json (cli, g_steal_pointer (&b));
    }
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_print_verbs[] = {
  { "print", print_verb, PRINT_USAGE },
  { "reprint", reprint_verb, REPRINT_USAGE },
  { "verify", verify_verb, "verify PAYLOAD" },
  { "calibrate", calibrate_verb, CALIBRATE_USAGE },
  { "templates", templates_verb, N_("templates   (card templates and sheets)") },
  { "runs", runs_verb, N_("runs   (print runs, newest first)") },
  { NULL }
};
