/* serah-cli-print.c: the print verbs of serah-cli. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include "serah-cli-private.h"

const SerahCliVerb serah_cli_print_verbs[] = {
  { NULL }
};
