/* serah-import.c: CSV import of verified participant lists. (Being written.) */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <serah/serah-import.h>

G_DEFINE_QUARK (serah-import-error-quark, serah_import_error)
