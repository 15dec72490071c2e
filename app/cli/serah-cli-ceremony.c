/* serah-cli-ceremony.c: the ceremony verbs of serah-cli. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include "serah-cli-private.h"

const SerahCliVerb serah_cli_ceremony_verbs[] = {
  { NULL }
};
