/* serah-cli-json.c: serah-cli's JSON builder helpers, printer and refusal printer (see
 * serah-cli-json.h for the shapes). They were three copies in the verb files; one copy keeps
 * the output of every verb the same. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include <stdio.h>

#include "serah-cli-private.h"

void
serah_cli_json_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
serah_cli_json_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
serah_cli_json_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

void
serah_cli_json_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

void
serah_cli_json_handover (JsonBuilder *b, const SerahHandover *h)
{
  json_builder_begin_object (b);
  serah_cli_json_string (b, "uuid", h->uuid);
  serah_cli_json_int (b, "ceremony", h->ceremony_id);
  serah_cli_json_string (b, "card_no", h->card_no);
  serah_cli_json_string (b, "name", h->participant_name);
  serah_cli_json_int (b, "card_serial", h->card_serial);
  serah_cli_json_int (b, "handed_at", h->handed_at);
  serah_cli_json_string (b, "operator", h->operator_name);
  serah_cli_json_string (b, "station", h->station);
  serah_cli_json_string (b, "recipient",
                         h->recipient == SERAH_RECIPIENT_SELF ? "self" : "representative");
  if (h->recipient == SERAH_RECIPIENT_REPRESENTATIVE)
    {
      /* The representative's ID number stays out of the output (UU PDP); it is in the
       * database for whoever has to check it. */
      serah_cli_json_string (b, "proxy_name", h->proxy_name);
      serah_cli_json_string (b, "proxy_relation", h->proxy_relation);
      serah_cli_json_bool (b, "proxy_id_recorded", h->proxy_id_number != NULL);
    }
  serah_cli_json_bool (b, "uninvited", h->uninvited);
  if (h->undo_uuid != NULL)
    {
      json_builder_set_member_name (b, "undo");
      json_builder_begin_object (b);
      serah_cli_json_string (b, "uuid", h->undo_uuid);
      serah_cli_json_int (b, "undone_at", h->undone_at);
      serah_cli_json_string (b, "operator", h->undone_by);
      serah_cli_json_string (b, "station", h->undo_station);
      serah_cli_json_string (b, "reason", h->undo_reason);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

JsonBuilder *
serah_cli_json_begin_ok (void)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  serah_cli_json_bool (b, "ok", TRUE);
  return b;
}

void
serah_cli_json_print_ok (SerahCli *cli, JsonBuilder *builder)
{
  json_builder_end_object (builder);
  serah_cli_print_json (cli, builder);
}

void
serah_cli_print_json (SerahCli *cli, JsonBuilder *builder)
{
  g_autoptr(JsonBuilder) b = builder;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
  fflush (stdout);
}

void
serah_cli_json_print_refusal (SerahCli *cli, gboolean refused, const char *code,
                              const char *message, const SerahHandover *existing)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  serah_cli_json_bool (b, "ok", FALSE);
  json_builder_set_member_name (b, refused ? "refused" : "error");
  json_builder_begin_object (b);
  serah_cli_json_string (b, "code", code);
  serah_cli_json_string (b, "message", message);
  if (existing != NULL)
    {
      json_builder_set_member_name (b, "existing");
      serah_cli_json_handover (b, existing);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  serah_cli_print_json (cli, b);
}
