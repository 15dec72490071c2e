/* serah-cli-register.c: the participant register verbs (import, export, stats). */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include "serah-cli-private.h"

const SerahCliVerb serah_cli_register_verbs[] = {
  { NULL }
};
