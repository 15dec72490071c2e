/* serah-cli-outreach-private.h: what the outreach verb files of serah-cli share
 * (serah-cli-outreach.c, serah-cli-survey.c, serah-cli-registration.c). */
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
