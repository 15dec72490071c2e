/* serah-data-dir.c: the installed data folders beside the running program (see the header).
 * One place, for the templates, the area reference and the surveys: no source-tree path is
 * compiled into Serah, so an installed copy never depends on the machine it was built on. */
#include "config.h"

#include "output/serah-data-dir-private.h"

char *
serah_data_dir_beside_program (const char *from_bindir)
{
  g_autofree char *exe = NULL;
  g_autofree char *bindir = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *dir = NULL;

  if (from_bindir == NULL || *from_bindir == '\0')
    return NULL;
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return NULL;
  bindir = g_path_get_dirname (exe);
  joined = g_build_filename (bindir, from_bindir, NULL);
  dir = g_canonicalize_filename (joined, NULL);
  return g_file_test (dir, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&dir) : NULL;
}
