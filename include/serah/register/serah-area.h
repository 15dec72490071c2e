/* serah-area.h: Indonesia's official area codes (Kemendagri: province, kabupaten/kota,
 * kecamatan, desa/kelurahan), as shipped in data/areas/ (idn-area-data 4.0.1, ODbL).
 *
 * The importer uses them to name the desa and kecamatan of a 10-digit desa code, to store
 * one official spelling for "DS. CARINGIN", "Caringin" and "caringin ", to flag a desa that
 * is not in the kecamatan given and to warn about a NIK whose first six digits are no
 * kecamatan. The desa of a kecamatan are read when first asked for, so lookups fill
 * caches; they do so under the reference's own lock, so one SerahAreas (the process-wide
 * serah_areas_get_default(), say) may serve several threads. Codes are accepted with or
 * without dots ("36.01.12.2004" or "3601122004"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SERAH_AREA_ERROR (serah_area_error_quark ())
typedef enum {
  SERAH_AREA_ERROR_NOT_FOUND, /* no data/areas folder */
  SERAH_AREA_ERROR_DAMAGED,   /* a file is unreadable or not the expected CSV */
} SerahAreaError;

/**
 * serah_area_error_quark:
 *
 * Returns: the quark of #SerahAreaError
 */
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

/**
 * serah_areas_load:
 * @dir: (nullable): the folder of the area reference; %NULL: $SERAH_AREAS_DIR, the source
 *   tree or the installed data folder, whichever has it first
 * @error: return location for a #GError
 *
 * Loads the Indonesian area reference (kabupaten, kecamatan, desa).
 *
 * Returns: (transfer full) (nullable): the reference, or %NULL with @error set
 *   (%SERAH_AREA_ERROR_NOT_FOUND, %SERAH_AREA_ERROR_DAMAGED); free with serah_areas_free()
 */
SerahAreas *serah_areas_load  (const char  *dir,
                               GError     **error);

/**
 * serah_areas_get_default:
 * @error: return location for a #GError
 *
 * The area reference of the default folder (as serah_areas_load() with %NULL finds it),
 * loaded the first time any thread asks and kept for the life of the process: the codes
 * are read-only while Serah runs, and loading them costs about 0.1 s. Thread-safe.
 *
 * Returns: (transfer none) (nullable): the shared reference, never to be freed, or %NULL
 *   with @error set (the same error every time) when it cannot be read
 */
SerahAreas *serah_areas_get_default (GError **error);

/**
 * serah_areas_free:
 * @self: (nullable): an area reference, or %NULL
 *
 * Frees @self and every area in it.
 */
void        serah_areas_free  (SerahAreas  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahAreas, serah_areas_free)

/**
 * serah_areas_count_kecamatan:
 * @self: an area reference
 *
 * Returns: the number of kecamatan in it
 */
guint       serah_areas_count_kecamatan (const SerahAreas *self);

/**
 * serah_areas_count_desa:
 * @self: an area reference
 *
 * Returns: the number of desa in it
 */
guint       serah_areas_count_desa      (const SerahAreas *self);

/**
 * serah_areas_kabupaten:
 * @self: an area reference
 * @code: a code, with or without dots ("36.01")
 *
 * Returns: (transfer none) (nullable): the kabupaten, owned by @self, or %NULL when there is
 *   no such area
 */
const SerahAreaKabupaten *serah_areas_kabupaten (const SerahAreas *self,
                                                 const char       *code);

/**
 * serah_areas_kecamatan:
 * @self: an area reference
 * @code: a code, with or without dots ("36.01.12")
 *
 * Returns: (transfer none) (nullable): the kecamatan, owned by @self, or %NULL when there is
 *   no such area
 */
const SerahAreaKecamatan *serah_areas_kecamatan (const SerahAreas *self,
                                                 const char       *code);

/**
 * serah_areas_desa:
 * @self: an area reference
 * @code: a code, with or without dots ("36.01.12.2004")
 *
 * Returns: (transfer none) (nullable): the desa, owned by @self, or %NULL when there is no
 *   such area
 */
const SerahAreaDesa      *serah_areas_desa      (SerahAreas       *self,
                                                 const char       *code);

/**
 * serah_areas_kecamatan_named:
 * @self: an area reference
 * @name: a name as lists write it ("LABUAN", "Kec. Labuan")
 * @kabupaten_code: (nullable): look within this kabupaten (the office's own); %NULL: the
 *   whole country
 * @ambiguous: (out) (optional): set when more than one kecamatan has that name
 *
 * Returns: (transfer none) (nullable): the kecamatan the name means, owned by @self, or %NULL
 *   when there is none or more than one
 */
const SerahAreaKecamatan *serah_areas_kecamatan_named (const SerahAreas *self,
                                                       const char       *name,
                                                       const char       *kabupaten_code,
                                                       gboolean         *ambiguous);

/**
 * serah_areas_desa_named:
 * @self: an area reference
 * @kecamatan: the kecamatan to look in
 * @name: a name as lists write it ("DS. CARINGIN", "caringin ")
 *
 * Returns: (transfer none) (nullable): the desa of @kecamatan the name means, owned by @self,
 *   or %NULL
 */
const SerahAreaDesa      *serah_areas_desa_named      (SerahAreas               *self,
                                                       const SerahAreaKecamatan *kecamatan,
                                                       const char               *name);

/**
 * serah_areas_desa_named_in_kabupaten:
 * @self: an area reference
 * @kabupaten: the kabupaten to look in
 * @name: a desa's name
 *
 * A desa of that name elsewhere in the kabupaten (for "not in this kecamatan, but in ...").
 *
 * Returns: (transfer none) (nullable): the desa, owned by @self, or %NULL
 */
const SerahAreaDesa      *serah_areas_desa_named_in_kabupaten (SerahAreas               *self,
                                                               const SerahAreaKabupaten *kabupaten,
                                                               const char               *name);

/**
 * serah_areas_kecamatan_of:
 * @self: an area reference
 * @kabupaten_code: a kabupaten's code, with or without dots ("36.01")
 *
 * The kecamatan of a kabupaten, in the reference's (code) order.
 *
 * Returns: (transfer container) (element-type SerahAreaKecamatan): the kecamatan, owned by
 *   @self; an empty array when there is no such kabupaten
 */
GPtrArray *serah_areas_kecamatan_of (const SerahAreas *self,
                                     const char       *kabupaten_code);

/**
 * serah_areas_desa_of:
 * @self: an area reference
 * @kecamatan: (nullable): a kecamatan of @self
 *
 * The desa of a kecamatan, in the reference's (code) order.
 *
 * Returns: (transfer container) (element-type SerahAreaDesa): the desa, owned by @self; an
 *   empty array when there are none
 */
GPtrArray *serah_areas_desa_of      (SerahAreas               *self,
                                     const SerahAreaKecamatan *kecamatan);

/**
 * serah_area_fold_name:
 * @name: an area's name
 *
 * How names are compared: ASCII, lower case, letters and digits only, without a leading
 * "desa", "ds", "kelurahan", "kel", "kecamatan" or "kec" word.
 *
 * Returns: (transfer full): the folded name; free with g_free()
 */
char *serah_area_fold_name (const char *name);

G_END_DECLS
