/* serah-cli-json.h: the one place serah-cli builds and prints its --json output. Every verb
 * answers with one object on one line: {"ok": true, ...} on success, {"ok": false,
 * "refused"|"error": {"code", "message"}} when a rule refuses or the input is bad, and
 * {"ok": false, "error": "message"} from serah_cli_fail. Scripts parse these, so their shape is
 * kept here once instead of in every verb file. */
#pragma once

#include <json-glib/json-glib.h>
#include <serah/serah.h>

G_BEGIN_DECLS

typedef struct _SerahCli SerahCli;

/* Members of the object being built. A NULL string becomes JSON null. */
void serah_cli_json_string (JsonBuilder *b, const char *name, const char *value);
void serah_cli_json_int    (JsonBuilder *b, const char *name, gint64 value);
void serah_cli_json_bool   (JsonBuilder *b, const char *name, gboolean value);
void serah_cli_json_double (JsonBuilder *b, const char *name, double value);

/* A handover as a JSON object (the representative's ID number is left out). */
void serah_cli_json_handover (JsonBuilder *b, const SerahHandover *h);

/* A new builder with an open object whose first member is "ok": true. */
JsonBuilder *serah_cli_json_begin_ok (void);
/* Ends the object of serah_cli_json_begin_ok, prints it and frees the builder. */
void         serah_cli_json_print_ok (SerahCli *cli, JsonBuilder *builder);

/* Prints a JSON object (as one line) to stdout and takes ownership of the builder. */
void serah_cli_print_json (SerahCli *cli, JsonBuilder *builder);

/* Prints {"ok": false, "refused"|"error": {"code": code, "message": message[, "existing":
 * handover]}}: "refused" when refused (a rule said no, exit 1), "error" otherwise (bad
 * input, exit 2). Only the JSON: the caller says it on stderr. */
void serah_cli_json_print_refusal (SerahCli            *cli,
                                   gboolean             refused,
                                   const char          *code,
                                   const char          *message,
                                   const SerahHandover *existing);

G_END_DECLS
