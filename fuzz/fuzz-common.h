/* fuzz-common.h: a scratch office database shared by the iterations of one fuzzer process. */
#pragma once

#include <serah/serah.h>

static inline SerahStore *
fuzz_scratch_store (void)
{
  static SerahStore *store;

  if (store == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("serah-fuzz-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "fuzz.db", NULL);
      store = serah_store_open (path, NULL);
      g_assert (store != NULL);
      g_assert (serah_demo_populate (store, 50, NULL));
    }
  return store;
}
