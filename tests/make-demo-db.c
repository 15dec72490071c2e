/* make-demo-db.c: creates a database with N demo participants (serah_demo_populate), for the
 * end-to-end tests while the register's import verb is elsewhere. Usage: make-demo-db DB N */
#include "config.h"

#include <stdlib.h>

#include <serah/serah.h>

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: make-demo-db DB N\n");
      return 2;
    }
  store = serah_store_open (argv[1], &error);
  if (store == NULL || !serah_demo_populate (store, (guint) atoi (argv[2]), &error))
    {
      g_printerr ("make-demo-db: %s\n", error->message);
      return 1;
    }
  return 0;
}
