/* serah-cli-outreach.c: the outreach verbs of serah-cli (issue 15), a thin layer over the
 * domain functions of include/serah/outreach/: the helpers the outreach verb files share, and
 * the activity, feedback and indicators verbs (survey: serah-cli-survey.c; registration:
 * serah-cli-registration.c).
 *
 *   activity add --kind K --date D --place P [--desa D] [--kecamatan K] [--attendance N]
 *                [--partner KIND[:NAME]]... [--material NAME=COUNT]... [--ceremony ID] [--note T]
 *   activity list [--from D] [--to D] [--desa D]
 *   activity attend ID CODE   (a card's QR code, a NIK or a card number)
 *   activity link ID [--ceremony ID]   (no --ceremony: unlinked)
 *   feedback add --channel C --category K --text T [--desa D] [--card NO] [--activity ID]
 *                [--received YYYY-MM-DD]
 *   feedback forward ID --to bpjs|puskesmas|desa|dinsos
 *   feedback resolve ID --response T
 *   feedback list [--open]
 *   indicators --format csv|xlsx|pdf -o FILE [--from D] [--to D]   (alias of report indicators)
 *
 * Role rules as elsewhere: officers record and read aggregates; what leaves the machine as a
 * file needs an administrator and is audited by the core.
 */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "serah-cli-outreach-private.h"

gboolean
serah_cli_outreach_sign_in (SerahCli *cli, SerahRole role, int *status)
{
  g_autoptr(GError) error = NULL;

  if (serah_cli_get_store (cli) == NULL)
    {
      *status = SERAH_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (serah_cli_require_role (cli, role, &error))
    return TRUE;
  *status = serah_cli_fail (cli, error, serah_cli_auth_exit_code (error));
  return FALSE;
}

int
serah_cli_outreach_usage (SerahCli *cli, const char *message)
{
  g_autoptr(GError) error = g_error_new_literal (SERAH_OUTREACH_ERROR,
                                                 SERAH_OUTREACH_ERROR_INVALID, message);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

/* A rule's refusal (a closed registration, a duplicate) is 1; bad input or a missing record 2. */
int
serah_cli_outreach_fail (SerahCli *cli, const GError *error)
{
  if (error != NULL && error->domain == SERAH_OUTREACH_ERROR &&
      error->code == SERAH_OUTREACH_ERROR_REFUSED)
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_REFUSED);
  return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
}

JsonBuilder *
serah_cli_outreach_json_ok (void)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, TRUE);
  return b;
}

void
serah_cli_outreach_json_done (SerahCli *cli, JsonBuilder *b)
{
  json_builder_end_object (b);
  serah_cli_print_json (cli, b);
}

/* "4,3,4" or "434": digits, commas and spaces. */
/* ---- activities ---- */

static void
json_activity (JsonBuilder *b, const SerahActivity *a)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, a->id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, a->kind);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, a->held_on);
  json_builder_set_member_name (b, "place");
  json_builder_add_string_value (b, a->place);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, a->desa);
  json_builder_set_member_name (b, "kecamatan");
  json_builder_add_string_value (b, a->kecamatan);
  json_builder_set_member_name (b, "attendance");
  json_builder_add_int_value (b, a->attendance);
  json_builder_set_member_name (b, "listed");
  json_builder_add_int_value (b, a->listed);
  json_builder_set_member_name (b, "ceremony");
  if (a->ceremony_id > 0)
    json_builder_add_int_value (b, a->ceremony_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "partners");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->partners->len; i++)
    {
      const SerahActivityPartner *p = a->partners->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, p->kind);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "materials");
  json_builder_begin_object (b);
  for (guint i = 0; i < a->materials->len; i++)
    {
      const SerahActivityMaterial *m = a->materials->pdata[i];
      json_builder_set_member_name (b, m->material);
      json_builder_add_int_value (b, m->count);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "recorded_by");
  json_builder_add_string_value (b, a->recorded_by);
  json_builder_end_object (b);
}

static int
activity_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *kind = NULL, *date = NULL, *place = NULL, *desa = NULL, *kecamatan = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) partners = NULL, materials = NULL;
  gint64 attendance = 0, ceremony = 0, id;
  g_autofree char *attendance_text = NULL;
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("kampanye, sekolah, pertemuan-warga, pelatihan-nakes, forum-diskusi, penyuluhan-acara, media"), "KIND" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the activity"), "YYYY-MM-DD" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where it took place"), "PLACE" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "kecamatan", 0, 0, G_OPTION_ARG_STRING, &kecamatan, N_("Kecamatan"), "KEC" },
    { "attendance", 0, 0, G_OPTION_ARG_STRING, &attendance_text, N_("People who attended"), "N" },
    { "partner", 0, 0, G_OPTION_ARG_STRING_ARRAY, &partners, N_("Partner (repeatable): pemerintah-desa, lsm, media-lokal, tokoh-masyarakat, puskesmas, optionally :NAME"), "KIND[:NAME]" },
    { "material", 0, 0, G_OPTION_ARG_STRING_ARRAY, &materials, N_("Materials handed out (repeatable)"), "NAME=COUNT" },
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("The handover ceremony it went with"), "ID" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Note"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) a = serah_activity_new ();
  g_autoptr(SerahActivity) back = NULL;
  int status;

  if (!serah_cli_parse (cli, "activity add --kind K --date D --place P [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "attendance", attendance_text, 0, 10000000, &attendance))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (kind == NULL || date == NULL || place == NULL)
    return serah_cli_outreach_usage (cli, _("activity add needs --kind, --date and --place."));
  for (guint i = 0; partners != NULL && partners[i] != NULL; i++)
    if (!serah_activity_add_partner_text (a, partners[i], &error))
      return serah_cli_outreach_fail (cli, error);
  for (guint i = 0; materials != NULL && materials[i] != NULL; i++)
    if (!serah_activity_add_material_text (a, materials[i], &error))
      return serah_cli_outreach_fail (cli, error);
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  a->kind = g_steal_pointer (&kind);
  g_strlcpy (a->held_on, date, sizeof a->held_on);
  a->place = g_steal_pointer (&place);
  a->desa = g_steal_pointer (&desa);
  a->kecamatan = g_steal_pointer (&kecamatan);
  a->attendance = attendance;
  a->ceremony_id = ceremony;
  a->note = g_steal_pointer (&note);
  id = serah_activity_record (cli->store, a, cli->operator_name, &error);
  if (id == 0)
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Recorded activity %lld."), (long long) id);
  back = serah_activity_get (cli->store, id, &error);
  if (cli->json && back != NULL)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "activity");
      json_activity (b, back);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
activity_list (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *desa = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day"), "YYYY-MM-DD" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Only this desa"), "DESA" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if (!serah_cli_parse (cli, "activity list [--from D] [--to D] [--desa D]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  list = serah_activity_list (cli->store, from, to, desa, &error);
  if (list == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "activities");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_activity (b, list->pdata[i]);
      json_builder_end_array (b);
      serah_cli_outreach_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahActivity *a = list->pdata[i];
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", a->id, a->held_on,
              serah_activity_kind_label (a->kind), a->place, a->desa ? a->desa : "-",
              a->attendance);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
activity_attend (SerahCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autofree char *masked = NULL;
  gboolean added = FALSE;
  gint64 id;
  int status;

  if (argc != 3)
    return serah_cli_outreach_usage (cli, _("Usage: activity attend ID CODE (a scanned card, a NIK or a card number)"));
  if (!serah_cli_parse_id (argv[1], &id))
    return serah_cli_outreach_usage (cli, _("Say which activity by its number."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  if (!serah_activity_add_attendee (cli->store, id, argv[2], cli->operator_name, &added, &p,
                                    &error))
    return serah_cli_outreach_fail (cli, error);
  masked = serah_nik_mask (p->nik);
  if (added)
    serah_cli_message (cli, _("%s (%s) is on the attendance list."), p->name, masked);
  else
    serah_cli_message (cli, _("%s (%s) was already on the attendance list."), p->name, masked);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "nik");
      json_builder_add_string_value (b, masked);
      json_builder_set_member_name (b, "newly_listed");
      json_builder_add_boolean_value (b, added);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

/* polish: an activity recorded before its ceremony existed is linked to it afterwards (the
 * window's "Tautkan ke acara"); without --ceremony it is unlinked. */
static int
activity_link (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *ceremony_text = NULL;
  GOptionEntry entries[] = {
    { "ceremony", 0, 0, G_OPTION_ARG_STRING, &ceremony_text, N_("The handover ceremony it went with (none: unlinked)"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahActivity) back = NULL;
  gint64 id, ceremony = 0;
  int status;

  if (!serah_cli_parse (cli, "activity link ID [--ceremony ID]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2 || !serah_cli_parse_id (argv[1], &id))
    return serah_cli_outreach_usage (cli, _("Say which activity by its number."));
  if (!serah_cli_option_int (cli, "ceremony", ceremony_text, 1, SERAH_CLI_MAX_ID, &ceremony))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  if (!serah_activity_link_ceremony (cli->store, id, ceremony, cli->operator_name, &error))
    return serah_cli_outreach_fail (cli, error);
  if (ceremony == 0)
    serah_cli_message (cli, _("Activity %lld is linked to no ceremony."), (long long) id);
  else
    serah_cli_message (cli, _("Activity %lld is linked to ceremony %lld."), (long long) id,
                       (long long) ceremony);
  back = serah_activity_get (cli->store, id, &error);
  if (cli->json && back != NULL)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "activity");
      json_activity (b, back);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_activity (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "attend") == 0)
    return activity_attend (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "add") == 0)
    return activity_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "list") == 0)
    return activity_list (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "link") == 0)
    return activity_link (cli, argc - 1, argv + 1);
  return serah_cli_outreach_usage (cli, _("Usage: activity add|list|attend|link [OPTIONS]"));
}

/* ---- feedback ---- */

static void
json_feedback (JsonBuilder *b, const SerahFeedback *f, gint64 now)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, f->id);
  json_builder_set_member_name (b, "channel");
  json_builder_add_string_value (b, f->channel);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, f->category);
  json_builder_set_member_name (b, "desa");
  json_builder_add_string_value (b, f->desa);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, f->text);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, serah_feedback_state_to_string (f->state));
  json_builder_set_member_name (b, "forwarded_to");
  json_builder_add_string_value (b, f->forwarded_to);
  json_builder_set_member_name (b, "response");
  json_builder_add_string_value (b, f->response);
  json_builder_set_member_name (b, "age_days");
  json_builder_add_int_value (b, serah_feedback_age_days (f, now));
  json_builder_end_object (b);
}

static int
print_feedback (SerahCli *cli, gint64 id, gboolean recorded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahFeedback) f = serah_feedback_get (cli->store, id, &error);

  if (f == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (recorded)
    serah_cli_message (cli, _("Recorded feedback %lld (%s)."), (long long) id,
                       serah_feedback_state_label (f->state));
  else
    serah_cli_message (cli, _("Feedback %lld is now “%s”."), (long long) id,
                       serah_feedback_state_label (f->state));
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "feedback");
      json_feedback (b, f, g_get_real_time () / G_USEC_PER_SEC);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
feedback_add (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *channel = NULL, *category = NULL, *text = NULL, *desa = NULL, *card = NULL;
  g_autofree char *received = NULL;
  gint64 activity = 0, id;
  g_autofree char *activity_text = NULL;
  GOptionEntry entries[] = {
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("meja, forum, acara, telepon, pesan, lainnya"), "C" },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("data-salah, kartu-belum-diterima, layanan-faskes, iuran-kepesertaan, informasi, lainnya"), "K" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("What was said"), "TEXT" },
    { "desa", 0, 0, G_OPTION_ARG_STRING, &desa, N_("Desa"), "DESA" },
    { "card", 0, 0, G_OPTION_ARG_STRING, &card, N_("The participant's card number"), "NO" },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text, N_("Activity where it was said"), "ID" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("Day it was received (default: today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahFeedbackDraft d = { 0 };
  int status;

  if (!serah_cli_parse (cli, "feedback add --channel C --category K --text T [...]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_option_int (cli, "activity", activity_text, 1, SERAH_CLI_MAX_ID, &activity))
    return SERAH_CLI_EXIT_USAGE;
  if (channel == NULL || category == NULL || text == NULL)
    return serah_cli_outreach_usage (cli, _("feedback add needs --channel, --category and --text."));
  if (received != NULL)
    {
      char iso[11];
      g_autoptr(GDateTime) day = NULL;
      int y, m, dd;
      if (!serah_date_parse (received, iso) || sscanf (iso, "%d-%d-%d", &y, &m, &dd) != 3)
        return serah_cli_outreach_usage (cli, _("--received must be a date (YYYY-MM-DD)."));
      day = g_date_time_new_local (y, m, dd, 12, 0, 0);
      d.received_at = g_date_time_to_unix (day);
    }
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  d.channel = channel;
  d.category = category;
  d.text = text;
  d.desa = desa;
  d.card_no = card;
  d.activity_id = activity;
  id = serah_feedback_record (cli->store, &d, cli->operator_name, &error);
  if (id == 0)
    return serah_cli_outreach_fail (cli, error);
  return print_feedback (cli, id, TRUE);
}

static int
feedback_follow_up (SerahCli *cli, int argc, char **argv, gboolean resolve)
{
  g_autofree char *to = NULL, *response = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("bpjs, puskesmas, desa or dinsos"), "WHERE" },
    { "response", 0, 0, G_OPTION_ARG_STRING, &response, N_("The response given"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;
  gboolean ok;

  if (!serah_cli_parse (cli, resolve ? "feedback resolve ID --response T" : "feedback forward ID --to WHERE",
                        entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (argc != 2)
    return serah_cli_outreach_usage (cli, _("Say which feedback by its number."));
  if (!serah_cli_parse_id (argv[1], &id))
    return serah_cli_outreach_usage (cli, _("Say which feedback by its number."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  ok = resolve ? serah_feedback_resolve (cli->store, id, response, cli->operator_name, &error)
               : serah_feedback_forward (cli->store, id, to, cli->operator_name, &error);
  if (!ok)
    return serah_cli_outreach_fail (cli, error);
  return print_feedback (cli, id, FALSE);
}

static int
feedback_list (SerahCli *cli, int argc, char **argv)
{
  gboolean open_only = FALSE;
  GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only items not resolved, oldest first"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int status;

  if (!serah_cli_parse (cli, "feedback list [--open]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  list = serah_feedback_list (cli->store, open_only, &error);
  if (list == NULL)
    return serah_cli_outreach_fail (cli, error);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "feedback");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        json_feedback (b, list->pdata[i], now);
      json_builder_end_array (b);
      serah_cli_outreach_json_done (cli, b);
      return SERAH_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const SerahFeedback *f = list->pdata[i];
      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", f->id,
              serah_feedback_age_days (f, now), serah_feedback_state_label (f->state),
              serah_feedback_category_label (f->category), f->desa ? f->desa : "-", f->text);
    }
  return SERAH_CLI_EXIT_OK;
}

/* issue 15: a data correction asked for with feedback (officers), carried out by a reprint
 * (administrators, as every reprint). */
static gboolean
feedback_id_arg (SerahCli *cli, int argc, char **argv, gint64 *id)
{
  char *end = NULL;

  if (argc != 2)
    return FALSE;
  *id = g_ascii_strtoll (argv[1], &end, 10);
  return end != argv[1] && *end == '\0' && *id > 0;
}

static void
json_correction (JsonBuilder *b, const SerahDataCorrection *c)
{
  json_builder_set_member_name (b, "correction");
  json_builder_begin_object (b);
  serah_cli_json_int (b, "id", c->id);
  serah_cli_json_int (b, "feedback", c->feedback_id);
  serah_cli_json_int (b, "participant", c->participant_id);
  json_builder_set_member_name (b, "field");
  json_builder_add_string_value (b, c->field);
  json_builder_set_member_name (b, "old");
  json_builder_add_string_value (b, c->old_value);
  json_builder_set_member_name (b, "new");
  json_builder_add_string_value (b, c->new_value);
  serah_cli_json_int (b, "reprint_run", c->reprint_run_id);
  serah_cli_json_int (b, "reprint_serial", c->reprint_serial);
  json_builder_end_object (b);
}

static int
feedback_correct (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name as it must be on the card"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahDataCorrection) c = NULL;
  gint64 id, correction;
  int status;

  if (!serah_cli_parse (cli, "feedback correct ID --name TEXT", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!feedback_id_arg (cli, argc, argv, &id) || name == NULL)
    return serah_cli_outreach_usage (cli, _("Say which feedback by its number, and --name."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_OFFICER, &status))
    return status;
  correction = serah_correction_request (cli->store, id, name, cli->operator_name, &error);
  if (correction == 0 || (c = serah_correction_get (cli->store, correction, &error)) == NULL)
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Correction %lld recorded: “%s” becomes “%s” when the card is "
                            "reprinted (feedback reprint %lld)."), (long long) c->id,
                     c->old_value, c->new_value, (long long) id);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_correction (b, c);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
feedback_reprint (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *template_name = NULL, *sheet_name = NULL, *calibration = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, N_("Card template (default kis)"), "NAME" },
    { "sheet", 's', 0, G_OPTION_ARG_STRING, &sheet_name, N_("Sheet (default cr80)"), "NAME" },
    { "calibration", 0, 0, G_OPTION_ARG_STRING, &calibration, N_("Printer profile"), "PROFILE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahDataCorrection) c = NULL;
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(SerahPrinterProfile) profile = NULL;
  SerahPrintResult result = { 0 };
  gint64 id;
  int status;

  if (!serah_cli_parse (cli, "feedback reprint ID [--template kis] [--sheet cr80] "
                        "[--calibration PROFILE] -o FILE.pdf", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (!feedback_id_arg (cli, argc, argv, &id) || output == NULL)
    return serah_cli_outreach_usage (cli, _("Say which feedback by its number, and -o FILE.pdf."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_ADMIN, &status))
    return status;
  c = serah_correction_for_feedback (cli->store, id, &error);
  if (c == NULL && error == NULL)
    {
      g_set_error (&error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                   _("No correction was asked for with feedback %lld (feedback correct)."),
                   (long long) id);
    }
  if (c == NULL)
    return serah_cli_outreach_fail (cli, error);
  template_ = serah_card_template_load (template_name ? template_name : "kis", &error);
  sheet = template_ ? serah_sheet_load (sheet_name ? sheet_name : "cr80", &error) : NULL;
  if (sheet != NULL && calibration != NULL)
    profile = serah_printer_profiles_get (cli->store, calibration, &error);
  if (template_ == NULL || sheet == NULL || (calibration != NULL && profile == NULL))
    return serah_cli_fail (cli, error, SERAH_CLI_EXIT_USAGE);
  if (!serah_cli_check_output (cli, output, &status))
    return status;
  if (!serah_correction_reprint (cli->store, c->id, template_, sheet, profile, cli->operator_name,
                                 output, &result, &error))
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Card reprinted as serial %lld to %s with the corrected name; the "
                            "feedback is resolved."), (long long) result.first_serial, output);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      g_autoptr(SerahDataCorrection) done = serah_correction_get (cli->store, c->id, NULL);
      if (done != NULL)
        json_correction (b, done);
      serah_cli_json_int (b, "run_id", result.run_id);
      serah_cli_json_int (b, "serial", result.first_serial);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

static int
verb_feedback (SerahCli *cli, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "add") == 0)
    return feedback_add (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "forward") == 0)
    return feedback_follow_up (cli, argc - 1, argv + 1, FALSE);
  if (g_strcmp0 (sub, "resolve") == 0)
    return feedback_follow_up (cli, argc - 1, argv + 1, TRUE);
  if (g_strcmp0 (sub, "list") == 0)
    return feedback_list (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "correct") == 0)
    return feedback_correct (cli, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "reprint") == 0)
    return feedback_reprint (cli, argc - 1, argv + 1);
  return serah_cli_outreach_usage (cli, _("Usage: feedback add|forward|resolve|list|correct|reprint "
                                          "[OPTIONS]"));
}

/* ---- indicators ---- */

/* `indicators` is kept for scripts written before it was folded into `report indicators`
 * (issue 15): the same report, card and outreach indicators together, in any of its formats. */
static int
verb_indicators (SerahCli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL, *output = NULL, *from = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, xlsx or pdf"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  SerahReportFormat f;
  int status;

  if (!serah_cli_parse (cli, "indicators --format csv|xlsx|pdf -o FILE [--from D] [--to D]", entries, &argc, &argv))
    return SERAH_CLI_EXIT_USAGE;
  if (output == NULL || !serah_report_format_parse (format, &f))
    return serah_cli_outreach_usage (cli, _("indicators needs --format csv|xlsx|pdf and -o FILE."));
  if (!serah_cli_outreach_sign_in (cli, SERAH_ROLE_ADMIN, &status))
    return status;
  if (!serah_report_write_indicators (cli->store, 0, from, to, f, output, cli->operator_name,
                                      &error))
    return serah_cli_outreach_fail (cli, error);
  serah_cli_message (cli, _("Report written to “%s”."), output);
  if (cli->json)
    {
      JsonBuilder *b = serah_cli_outreach_json_ok ();
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      serah_cli_outreach_json_done (cli, b);
    }
  return SERAH_CLI_EXIT_OK;
}

const SerahCliVerb serah_cli_outreach_verbs[] = {
  { "activity", verb_activity,
    "activity add --kind K --date D --place P [--desa D] [--kecamatan K] [--attendance N] "
    "[--partner KIND[:NAME]]... [--material NAME=COUNT]... [--ceremony ID] [--note T] | "
    "list [--from D] [--to D] [--desa D] | attend ID CODE | link ID [--ceremony ID]" },
  { "registration", serah_cli_outreach_verb_registration,
    "registration add --nik N --kk N --name T --sex L|P --birth-date D --desa D [--kecamatan K] "
    "[--address T] [--rt N] [--rw N] [--phone T] [--reason T] [--activity ID] [--ceremony ID] | "
    "list [--status S] [--from D] [--to D] [--activity ID] | status ID verified|rejected "
    "[--reason T] | export --format csv|xlsx -o FILE [--status S] [--from D] [--to D]" },
  { "survey", serah_cli_outreach_verb_survey,
    "survey skm add --unit U --date D --answers 4,3,... [--sex L|P] [--age N] [--education K] "
    "[--occupation K] [--activity ID] | skm report|export [-o FILE.csv] [--unit U] [--from D] "
    "[--to D] [--population N] | list | answer NAME --phase before|after|handover --date D "
    "--answers 2,1,... [--activity ID] [--desa D] [--kecamatan K] | scores NAME "
    "[--by activity|desa|month]" },
  { "feedback", verb_feedback,
    "feedback add --channel C --category K --text T [--desa D] [--card NO] [--activity ID] "
    "[--received D] | forward ID --to bpjs|puskesmas|desa|dinsos | resolve ID --response T | "
    "list [--open] | correct ID --name T | reprint ID [--template kis] [--sheet cr80] "
    "[--calibration PROFILE] -o FILE.pdf" },
  { "indicators", verb_indicators,
    "indicators --format csv|xlsx|pdf -o FILE [--from D] [--to D]   (alias of report indicators)" },
  { NULL }
};
