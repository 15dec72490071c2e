/* serah-import-mapping.h: the columns, sample rows and problems of a list before it is
 * imported, with a drop-down per column to map it (issue 11). */
#pragma once

#include <adwaita.h>
#include <serah/serah.h>

G_BEGIN_DECLS

#define SERAH_TYPE_IMPORT_MAPPING (serah_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (SerahImportMapping, serah_import_mapping, SERAH, IMPORT_MAPPING, AdwWindow)

/* Reads file at once (a dry run in a worker); emits "import" (GStrv mappings, NULL when the
 * importer's own reading is kept) when the person imports. */
SerahImportMapping      *serah_import_mapping_new        (GtkWindow          *parent,
                                                          SerahStore         *store,
                                                          GFile              *file);
/* TRUE while the file is being read (also the "busy" property). */
gboolean                 serah_import_mapping_get_busy   (SerahImportMapping *self);
/* The latest preview, or NULL before the first one is read. */
const SerahImportReport *serah_import_mapping_get_report (SerahImportMapping *self);

G_END_DECLS
