/* serah-cli-outreach-private.h: what the outreach verb files of serah-cli share
 * (serah-cli-outreach.c, serah-cli-survey.c, serah-cli-registration.c).
 *
 * The verbs' GOptionEntry tables look alike (--date, --from/--to, --activity, -o) but are
 * left as plain tables on purpose: each line is one option with its own help text ("Activity
 * where it was asked" / "where it was said" / "Only this activity"), which is what --help
 * shows, and macros or shared entry fragments would hide the table GOption reads without
 * shortening it. What repeats as code after parsing is shared below (sign in with a role,
 * usage and failure exits, the JSON envelope). */
#pragma once

#include "serah-cli-private.h"

G_BEGIN_DECLS

/* Opens the store and checks the operator's role; on refusal prints why, sets *status to the
 * exit code and returns FALSE. Call before the verb's transaction. */
gboolean     serah_cli_outreach_sign_in   (SerahCli   *cli,
                                           SerahRole   role,
                                           int        *status);
/* Prints message as bad usage and returns SERAH_CLI_EXIT_USAGE. */
int          serah_cli_outreach_usage     (SerahCli   *cli,
                                           const char *message);
/* Prints error; returns 1 for a rule's refusal (SERAH_OUTREACH_ERROR_REFUSED), else 2. */
int          serah_cli_outreach_fail      (SerahCli     *cli,
                                           const GError *error);
/* A JSON object begun with "ok": true; end it with serah_cli_outreach_json_done. */
JsonBuilder *serah_cli_outreach_json_ok   (void);
void         serah_cli_outreach_json_done (SerahCli    *cli,
                                           JsonBuilder *builder);

int serah_cli_outreach_verb_survey       (SerahCli *cli,
                                          int       argc,
                                          char    **argv);
int serah_cli_outreach_verb_registration (SerahCli *cli,
                                          int       argc,
                                          char    **argv);

G_END_DECLS
