/* serah-server-records.c: the office server's error domain and plain data. */
#include "config.h"

#include <serah/server/serah-server-records.h>

G_DEFINE_QUARK (serah-server-error-quark, serah_server_error)

void
serah_server_status_free (SerahServerStatus *self)
{
  if (self == NULL)
    return;
  g_free (self->conninfo);
  g_free (self->desk);
  g_free (self->last_error);
  g_free (self);
}
