/* serah-area.h: Indonesia's official area codes (Kemendagri: province, kabupaten/kota,
 * kecamatan, desa/kelurahan), as shipped in data/areas/ (idn-area-data 4.0.1, ODbL).
 *
 * The importer uses them to name the desa and kecamatan of a 10-digit desa code, to store
 * one official spelling for "DS. CARINGIN", "Caringin" and "caringin ", to flag a desa that
 * is not in the kecamatan given and to warn about a NIK whose first six digits are no
 * kecamatan. The desa of a kecamatan are read when first asked for, so lookups fill
 * caches: use one SerahAreas from one thread at a time (an import loads its own). Codes are
 * accepted with or without dots ("36.01.12.2004" or "3601122004"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SERAH_AREA_ERROR (serah_area_error_quark ())
typedef enum {
  SERAH_AREA_ERROR_NOT_FOUND, /* no data/areas folder */
  SERAH_AREA_ERROR_DAMAGED,   /* a file is unreadable or not the expected CSV */
} SerahAreaError;
GQuark serah_area_error_quark (void);

typedef struct _SerahAreaKabupaten SerahAreaKabupaten;
typedef struct _SerahAreaKecamatan SerahAreaKecamatan;
typedef struct _SerahAreaDesa      SerahAreaDesa;

struct _SerahAreaKabupaten {
  const char *code;    /* "36.01" */
  const char *name;    /* "Kabupaten Pandeglang" */
};

struct _SerahAreaKecamatan {
  const char               *code; /* "36.01.12" */
  const char               *name; /* "Labuan" */
  const SerahAreaKabupaten *kabupaten;
};

struct _SerahAreaDesa {
  const char               *code; /* "36.01.12.2004" */
  const char               *name; /* "Caringin" */
  const SerahAreaKecamatan *kecamatan;
};

typedef struct _SerahAreas SerahAreas;

/* Loads the reference from dir, or (NULL) from $SERAH_AREAS_DIR, the source tree or the
 * installed data folder, whichever has it first. */
SerahAreas *serah_areas_load  (const char  *dir,
                               GError     **error);
void        serah_areas_free  (SerahAreas  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahAreas, serah_areas_free)

guint       serah_areas_count_kecamatan (const SerahAreas *self);
guint       serah_areas_count_desa      (const SerahAreas *self);

/* By code (with or without dots); NULL when there is no such area. */
const SerahAreaKabupaten *serah_areas_kabupaten (const SerahAreas *self,
                                                 const char       *code);
const SerahAreaKecamatan *serah_areas_kecamatan (const SerahAreas *self,
                                                 const char       *code);
const SerahAreaDesa      *serah_areas_desa      (SerahAreas       *self,
                                                 const char       *code);

/* The kecamatan a name means ("LABUAN", "Kec. Labuan"): within kabupaten_code when given
 * (the office's own), else the only one of that name in the country. NULL when there is
 * none, or (*ambiguous set) more than one. */
const SerahAreaKecamatan *serah_areas_kecamatan_named (const SerahAreas *self,
                                                       const char       *name,
                                                       const char       *kabupaten_code,
                                                       gboolean         *ambiguous);
/* The desa of that kecamatan a name means ("DS. CARINGIN", "caringin "), or NULL. */
const SerahAreaDesa      *serah_areas_desa_named      (SerahAreas               *self,
                                                       const SerahAreaKecamatan *kecamatan,
                                                       const char               *name);
/* A desa of that name elsewhere in the kabupaten (for "not in this kecamatan, but in ..."). */
const SerahAreaDesa      *serah_areas_desa_named_in_kabupaten (SerahAreas               *self,
                                                               const SerahAreaKabupaten *kabupaten,
                                                               const char               *name);

/* How names are compared: ASCII, lower case, letters and digits only, without a leading
 * "desa", "ds", "kelurahan", "kel", "kecamatan" or "kec" word. */
char *serah_area_fold_name (const char *name);

G_END_DECLS
