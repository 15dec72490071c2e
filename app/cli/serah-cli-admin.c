/* serah-cli-admin.c: the admin verbs of serah-cli. */
#define G_LOG_DOMAIN "serah-cli"

#include "config.h"

#include "serah-cli-private.h"

const SerahCliVerb serah_cli_admin_verbs[] = {
  { NULL }
};
