/* serah-cli-ceremony-private.h: what serah-cli-ceremony.c and serah-cli-station.c share. */
#pragma once

#include "serah-cli-private.h"

G_BEGIN_DECLS

void serah_cli_json_string   (JsonBuilder *b, const char *name, const char *value);
void serah_cli_json_int      (JsonBuilder *b, const char *name, gint64 value);
/* A handover as a JSON object (the representative's ID number is left out). */
void serah_cli_json_handover (JsonBuilder *b, const SerahHandover *h);

/* Prints a refusal or error (stderr; with --json {"ok": false, "refused"|"error": {code,
 * message, existing}}) and returns the exit status: 1 for rules, 2 for input/database. */
int  serah_cli_refuse        (SerahCli *cli, const GError *error, const SerahHandover *existing);

/* Runs the subverb named by argv[1] from a { NULL }-ended table. */
int  serah_cli_dispatch_subverb (SerahCli *cli, const SerahCliVerb *subverbs, int argc,
                                 char **argv);

int  serah_cli_station_verb  (SerahCli *cli, int argc, char **argv);

G_END_DECLS
