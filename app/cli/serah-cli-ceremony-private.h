/* serah-cli-ceremony-private.h: what serah-cli-ceremony.c and serah-cli-station.c share. */
#pragma once

#include "serah-cli-private.h"

G_BEGIN_DECLS

/* Prints a refusal or error (stderr; with --json {"ok": false, "refused"|"error": {code,
 * message, existing}}) and returns the exit status: 1 for rules, 2 for input/database. */
int  serah_cli_refuse        (SerahCli *cli, const GError *error, const SerahHandover *existing);

/* Runs the subverb named by argv[1] from a { NULL }-ended table. */
int  serah_cli_dispatch_subverb (SerahCli *cli, const SerahCliVerb *subverbs, int argc,
                                 char **argv);

/* serah_cli_require_role, then the store; on refusal prints why and sets *exit_code. */
SerahStore *serah_cli_signed_in_store (SerahCli *cli, SerahRole role, int *exit_code);

/* The --ceremony ID option every verb about one ceremony has. */
#define SERAH_CLI_CEREMONY_OPTION(var) \
  { "ceremony", 0, 0, G_OPTION_ARG_STRING, &(var), N_("Ceremony number"), N_("ID") }

/* The store and the ceremony for a verb that only reads: NULL (with *exit_code) when the
 * database cannot be opened (2) or there is no such ceremony (refused as not-found, 2). */
SerahCeremony *serah_cli_open_ceremony (SerahCli    *cli,
                                        gint64       id,
                                        SerahStore **store,
                                        int         *exit_code);

/* --ceremony ID: a positive number, or a message and FALSE. */
gboolean serah_cli_parse_ceremony_id (SerahCli *cli, const char *text, gint64 *id);
/* serah_cli_parse, then the ceremony number that SERAH_CLI_CEREMONY_OPTION (*ceremony)
 * stored; FALSE (bad usage, already said) when either fails. */
gboolean serah_cli_parse_for_ceremony (SerahCli      *cli,
                                       const char    *usage,
                                       GOptionEntry  *entries,
                                       int           *argc,
                                       char        ***argv,
                                       char         **ceremony,
                                       gint64        *id);

int  serah_cli_handover_verb      (SerahCli *cli, int argc, char **argv);
int  serah_cli_handover_undo_verb (SerahCli *cli, int argc, char **argv);
int  serah_cli_station_verb  (SerahCli *cli, int argc, char **argv);

G_END_DECLS
