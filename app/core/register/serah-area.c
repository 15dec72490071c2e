/* serah-area.c: the official area codes (data/areas/, idn-area-data 4.0.1, ODbL) in memory,
 * for the importer to name, check and normalise desa and kecamatan.
 *
 * Why read at import rather than kept in the database: the reference is national and
 * read-only, it changes only when a new release of the codes is shipped (a file
 * replacement, not a migration), and an office database should hold the office's own
 * data. Loading all 83 763 desa takes a few tens of milliseconds, small beside an import.
 * The two large files are gzip-compressed in the repository and read through GIO's zlib
 * decompressor; libcsv splits them (some names are quoted: "Lubuk Pakam I,II").
 *
 * Only kabupaten and kecamatan are read whole. The desa of a kecamatan are read the first
 * time one of them is asked for: an import of one kabupaten's list touches a few dozen
 * kecamatan of 7 285, and reading all 83 762 desa into tables took 0.17 s of CPU per
 * import (a fifth of a 100 000-row import). So lookups fill caches, under the instance's
 * lock: one reference can serve the import thread and the window at once.
 *
 * serah_areas_get_default: the reference of the default folder, loaded once per process.
 * A registration at a desk checked its NIK's region by loading the whole reference each time
 * (about 0.1 s per person); the national codes are read-only while Serah runs, so one shared,
 * never-freed copy is the honest model of them (immutable data, not mutable global state). */
#define G_LOG_DOMAIN "serah-area"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include <serah/register/serah-area.h>
#include "output/serah-data-dir-private.h"

G_DEFINE_QUARK (serah-area-error-quark, serah_area_error)

/* Where one kecamatan's desa lie in the villages text (the file is sorted by code, so they
 * are one run of lines), and whether they have been read into the tables yet. */
typedef struct {
  gsize    start;
  gsize    length;
  gboolean loaded;
} DesaRun;

struct _SerahAreas {
  GBytes       *villages;        /* villages.csv, unzipped; read per kecamatan on demand */
  GHashTable   *desa_runs;       /* kecamatan digits -> DesaRun */
  GHashTable   *kabupaten_kecamatan; /* kabupaten digits -> GPtrArray of SerahAreaKecamatan */
  GStringChunk *strings;
  GPtrArray    *owned;           /* the area structs */
  GHashTable   *kabupaten;       /* digits -> SerahAreaKabupaten */
  GHashTable   *kecamatan;       /* digits -> SerahAreaKecamatan */
  GHashTable   *desa;            /* digits -> SerahAreaDesa */
  GHashTable   *kecamatan_named; /* folded name -> GPtrArray of SerahAreaKecamatan */
  GHashTable   *desa_named;      /* "kecamatan digits:folded name" -> SerahAreaDesa */
  GHashTable   *desa_in_kab;     /* "kabupaten digits:folded name" -> SerahAreaDesa */
  GHashTable   *desa_of_kecamatan; /* kecamatan digits -> GPtrArray of SerahAreaDesa, in order */
  GMutex        lock;            /* held while the desa caches fill or are read */
  guint         n_kecamatan;
  guint         n_desa;
};

/* "36.01.12" -> "360112" in buf (at most 15 digits); NULL when text holds other characters
 * than digits, dots and spaces. */
static const char *
code_digits (const char *text, char buf[16])
{
  guint n = 0;

  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n >= 15)
            return NULL;
          buf[n++] = *p;
        }
      else if (*p != '.' && *p != ' ')
        return NULL;
    }
  buf[n] = '\0';
  return n > 0 ? buf : NULL;
}

char *
serah_area_fold_name (const char *name)
{
  static const char *const prefixes[] = { "desa", "ds", "kelurahan", "kel", "kecamatan", "kec" };
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  GString *out;
  const char *p;

  if (name == NULL)
    return g_strdup ("");
  /* Nearly every name is ASCII already; transliterating is the slow part of loading. */
  for (p = name; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p != '\0')
    ascii = g_str_to_ascii (name, "C");
  lower = g_ascii_strdown (ascii ? ascii : name, -1);
  p = lower;
  while (*p == ' ' || *p == '.')
    p++;
  /* A leading "Ds." or "Kec " word names the kind of area, not the area. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);
      if (strncmp (p, prefixes[i], len) == 0 && (p[len] == ' ' || p[len] == '.'))
        {
          p += len;
          break;
        }
    }
  out = g_string_new (NULL);
  for (; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* ---- loading ---- */

typedef struct {
  SerahAreas *areas;
  int         kind;   /* 0 kabupaten, 1 kecamatan, 2 desa */
  char       *cells[3];
  guint       n_cells;
  gint64      records;
  gboolean    bad;
} Loader;

static void
on_cell (void *s, size_t len, void *data)
{
  Loader *l = data;

  if (l->n_cells < 3)
    l->cells[l->n_cells] = g_strndup (s ? s : "", len);
  l->n_cells++;
}

static void
add_named (GHashTable *table, char *key, gpointer area)
{
  /* The first wins: the same desa name twice in one kecamatan is rare and either one
   * names the place well enough. */
  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, key, area);
  else
    g_free (key);
}

static void
on_row (int terminator, void *data)
{
  Loader *l = data;
  SerahAreas *a = l->areas;
  char code[16], parent[16];

  if (l->records++ > 0 && l->n_cells == 3 && code_digits (l->cells[0], code) &&
      code_digits (l->cells[1], parent))
    {
      const char *code_text = g_string_chunk_insert (a->strings, l->cells[0]);
      const char *name = g_string_chunk_insert (a->strings, l->cells[2]);
      g_autofree char *folded = serah_area_fold_name (name);

      if (l->kind == 0)
        {
          SerahAreaKabupaten *k = g_new0 (SerahAreaKabupaten, 1);
          k->code = code_text;
          k->name = name;
          g_ptr_array_add (a->owned, k);
          g_hash_table_insert (a->kabupaten, g_strdup (code), k);
        }
      else if (l->kind == 1)
        {
          SerahAreaKecamatan *k = g_new0 (SerahAreaKecamatan, 1);
          GPtrArray *same;

          k->code = code_text;
          k->name = name;
          k->kabupaten = g_hash_table_lookup (a->kabupaten, parent);
          g_ptr_array_add (a->owned, k);
          g_hash_table_insert (a->kecamatan, g_strdup (code), k);
          same = g_hash_table_lookup (a->kecamatan_named, folded);
          if (same == NULL)
            {
              same = g_ptr_array_new ();
              g_hash_table_insert (a->kecamatan_named, g_strdup (folded), same);
            }
          g_ptr_array_add (same, k);
          if (strlen (parent) == 4)
            {
              GPtrArray *of_kab = g_hash_table_lookup (a->kabupaten_kecamatan, parent);
              if (of_kab == NULL)
                {
                  of_kab = g_ptr_array_new ();
                  g_hash_table_insert (a->kabupaten_kecamatan, g_strdup (parent), of_kab);
                }
              g_ptr_array_add (of_kab, k);
            }
          a->n_kecamatan++;
        }
      else
        {
          SerahAreaDesa *d = g_new0 (SerahAreaDesa, 1);

          d->code = code_text;
          d->name = name;
          d->kecamatan = g_hash_table_lookup (a->kecamatan, parent);
          g_ptr_array_add (a->owned, d);
          g_hash_table_insert (a->desa, g_strdup (code), d);
          add_named (a->desa_named, g_strconcat (parent, ":", folded, NULL), d);
          if (d->kecamatan != NULL)
            {
              GPtrArray *of_kec = g_hash_table_lookup (a->desa_of_kecamatan, parent);
              if (of_kec == NULL)
                {
                  of_kec = g_ptr_array_new ();
                  g_hash_table_insert (a->desa_of_kecamatan, g_strdup (parent), of_kec);
                }
              g_ptr_array_add (of_kec, d);
            }
          if (strlen (parent) == 6)
            {
              char kab[5];
              memcpy (kab, parent, 4);
              kab[4] = '\0';
              add_named (a->desa_in_kab, g_strconcat (kab, ":", folded, NULL), d);
            }
        }
    }
  else if (l->records > 1)
    l->bad = TRUE;
  for (guint i = 0; i < MIN (l->n_cells, 3); i++)
    g_clear_pointer (&l->cells[i], g_free);
  l->n_cells = 0;
}

/* The whole file (gunzipped when its name ends in .gz). */
static GBytes *
read_file (const char *dir, const char *name, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) in = G_INPUT_STREAM (g_file_read (file, NULL, error));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (in == NULL)
    return NULL;
  if (g_str_has_suffix (name, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      GInputStream *plain = g_converter_input_stream_new (in, G_CONVERTER (gunzip));
      g_object_unref (in);
      in = plain;
    }
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Parses CSV text into the tables; the first record is skipped (a header) when header. */
static gboolean
parse_areas (SerahAreas *areas, const char *data, gsize len, int kind, gboolean header)
{
  struct csv_parser parser;
  Loader loader = { areas, kind, { NULL }, 0, header ? 0 : 1, FALSE };

  csv_init (&parser, CSV_APPEND_NULL);
  csv_parse (&parser, data, len, on_cell, on_row, &loader);
  csv_fini (&parser, on_cell, on_row, &loader);
  csv_free (&parser);
  return !loader.bad && loader.records >= 2;
}

static gboolean
damaged (const char *name, GError **error)
{
  g_set_error (error, SERAH_AREA_ERROR, SERAH_AREA_ERROR_DAMAGED,
               _("The area codes in %s are damaged (a line is not code,parent,name); "
                 "install Serah's data/areas folder again."), name);
  return FALSE;
}

static GBytes *
read_areas_file (const char *dir, const char *name, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = read_file (dir, name, &local_error);

  if (bytes == NULL)
    g_set_error (error, SERAH_AREA_ERROR, SERAH_AREA_ERROR_DAMAGED,
                 _("Cannot read the area codes (%s): %s"), name, local_error->message);
  return bytes;
}

static gboolean
load_file (SerahAreas *areas, const char *dir, const char *name, int kind, GError **error)
{
  g_autoptr(GBytes) bytes = read_areas_file (dir, name, error);
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return parse_areas (areas, data, len, kind, TRUE) || damaged (name, error);
}

/* Finds each kecamatan's run of lines in the villages text ("36.01.12.2004,36.01.12,..."):
 * its first eight characters are the kecamatan's code. */
static gboolean
index_villages (SerahAreas *areas, GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (areas->villages, &len);
  const char *end = data + len;
  const char *line = memchr (data, '\n', len); /* past the header */
  DesaRun *run = NULL;
  char current[16] = "";

  for (line = line ? line + 1 : end; line < end;)
    {
      const char *next = memchr (line, '\n', (gsize) (end - line));
      const char *comma = memchr (line, ',', (gsize) ((next ? next : end) - line));
      char code[16], kecamatan[16];

      next = next ? next + 1 : end;
      if (comma == NULL || comma - line >= 15 || *line == '\r' || *line == '\n')
        {
          if (next - line > 2)
            return damaged ("villages.csv.gz", error);
          line = next;
          continue;
        }
      memcpy (code, line, (gsize) (comma - line));
      code[comma - line] = '\0';
      if (code_digits (code, kecamatan) == NULL || strlen (kecamatan) != 10)
        return damaged ("villages.csv.gz", error);
      kecamatan[6] = '\0';
      if (run == NULL || strcmp (kecamatan, current) != 0)
        {
          run = g_hash_table_lookup (areas->desa_runs, kecamatan);
          if (run != NULL) /* not sorted after all: read it whole, once */
            run->length = (gsize) (end - (data + run->start));
          else
            {
              run = g_new0 (DesaRun, 1);
              run->start = (gsize) (line - data);
              g_hash_table_insert (areas->desa_runs, g_strdup (kecamatan), run);
            }
          g_strlcpy (current, kecamatan, sizeof current);
        }
      if (data + run->start + run->length < next)
        run->length = (gsize) (next - (data + run->start));
      areas->n_desa++;
      line = next;
    }
  return areas->n_desa > 0 || damaged ("villages.csv.gz", error);
}

/* Reads the desa of one kecamatan (by its digits) into the tables, once. The caller holds
 * areas->lock. */
static void
ensure_desa (SerahAreas *areas, const char *kecamatan_digits)
{
  DesaRun *run = kecamatan_digits ? g_hash_table_lookup (areas->desa_runs, kecamatan_digits)
                                  : NULL;

  if (run == NULL || run->loaded)
    return;
  run->loaded = TRUE;
  parse_areas (areas, (const char *) g_bytes_get_data (areas->villages, NULL) + run->start,
               run->length, 2, FALSE);
}

/* $SERAH_AREAS_DIR (the tests, a build-tree run), beside the program, the prefix: no
 * source-tree path is compiled in. */
static char *
find_dir (void)
{
  const char *env = g_getenv ("SERAH_AREAS_DIR");
  g_autofree char *beside = serah_data_dir_beside_program (SERAH_AREAS_FROM_BINDIR);
  const char *dirs[] = { env, beside, SERAH_AREAS_INSTALLED };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *probe = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      probe = g_build_filename (dirs[i], "villages.csv.gz", NULL);
      if (g_file_test (probe, G_FILE_TEST_IS_REGULAR))
        return g_strdup (dirs[i]);
    }
  return NULL;
}

SerahAreas *
serah_areas_load (const char *dir, GError **error)
{
  g_autoptr(SerahAreas) areas = g_new0 (SerahAreas, 1);
  g_autofree char *found = dir ? g_strdup (dir) : find_dir ();

  if (found == NULL)
    {
      g_set_error (error, SERAH_AREA_ERROR, SERAH_AREA_ERROR_NOT_FOUND,
                   _("The area codes (data/areas) are not installed; install Serah again."));
      return NULL;
    }
  areas->strings = g_string_chunk_new (256 * 1024);
  areas->owned = g_ptr_array_new_with_free_func (g_free);
  areas->kabupaten = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  areas->kecamatan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  areas->desa = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  areas->kecamatan_named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  areas->desa_named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  areas->desa_in_kab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  areas->desa_of_kecamatan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_ptr_array_unref);
  g_mutex_init (&areas->lock);

  areas->desa_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  areas->kabupaten_kecamatan = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  if (!load_file (areas, found, "regencies.csv", 0, error) ||
      !load_file (areas, found, "districts.csv.gz", 1, error))
    return NULL;
  areas->villages = read_areas_file (found, "villages.csv.gz", error);
  if (areas->villages == NULL || !index_villages (areas, error))
    return NULL;
  return g_steal_pointer (&areas);
}

void
serah_areas_free (SerahAreas *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->kabupaten, g_hash_table_unref);
  g_clear_pointer (&self->kecamatan, g_hash_table_unref);
  g_clear_pointer (&self->desa, g_hash_table_unref);
  g_clear_pointer (&self->kecamatan_named, g_hash_table_unref);
  g_clear_pointer (&self->desa_named, g_hash_table_unref);
  g_clear_pointer (&self->desa_in_kab, g_hash_table_unref);
  g_clear_pointer (&self->desa_of_kecamatan, g_hash_table_unref);
  g_clear_pointer (&self->owned, g_ptr_array_unref);
  g_clear_pointer (&self->desa_runs, g_hash_table_unref);
  g_clear_pointer (&self->kabupaten_kecamatan, g_hash_table_unref);
  g_clear_pointer (&self->villages, g_bytes_unref);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* What the one load of the default folder gave: the reference or why there is none. */
typedef struct {
  SerahAreas *areas;
  GError     *error;
} DefaultAreas;

static gpointer
load_default (gpointer data G_GNUC_UNUSED)
{
  DefaultAreas *loaded = g_new0 (DefaultAreas, 1);

  loaded->areas = serah_areas_load (NULL, &loaded->error);
  return loaded;
}

SerahAreas *
serah_areas_get_default (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  DefaultAreas *loaded = g_once (&once, load_default, NULL);

  if (loaded->areas == NULL)
    {
      /* A broken install stays broken for the process; the same error each time. */
      g_propagate_error (error, g_error_copy (loaded->error));
      return NULL;
    }
  return loaded->areas;
}

/* ---- looking up ---- */

guint
serah_areas_count_kecamatan (const SerahAreas *self)
{
  return self->n_kecamatan;
}

guint
serah_areas_count_desa (const SerahAreas *self)
{
  return self->n_desa;
}

const SerahAreaKabupaten *
serah_areas_kabupaten (const SerahAreas *self, const char *code)
{
  char buf[16];
  const char *digits = code_digits (code, buf);
  return digits ? g_hash_table_lookup (self->kabupaten, digits) : NULL;
}

const SerahAreaKecamatan *
serah_areas_kecamatan (const SerahAreas *self, const char *code)
{
  char buf[16];
  const char *digits = code_digits (code, buf);
  return digits ? g_hash_table_lookup (self->kecamatan, digits) : NULL;
}

const SerahAreaDesa *
serah_areas_desa (SerahAreas *self, const char *code)
{
  const SerahAreaDesa *found;
  char buf[16], kecamatan[7];
  const char *digits = code_digits (code, buf);

  if (digits == NULL || strlen (digits) != 10)
    return NULL;
  memcpy (kecamatan, digits, 6);
  kecamatan[6] = '\0';
  g_mutex_lock (&self->lock);
  ensure_desa (self, kecamatan);
  found = g_hash_table_lookup (self->desa, digits);
  g_mutex_unlock (&self->lock);
  return found;
}

const SerahAreaKecamatan *
serah_areas_kecamatan_named (const SerahAreas *self, const char *name,
                             const char *kabupaten_code, gboolean *ambiguous)
{
  g_autofree char *folded = serah_area_fold_name (name);
  GPtrArray *same = g_hash_table_lookup (self->kecamatan_named, folded);
  const SerahAreaKecamatan *found = NULL;
  char buf[16];
  const char *kab = code_digits (kabupaten_code, buf);

  if (ambiguous)
    *ambiguous = FALSE;
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      const SerahAreaKecamatan *k = same->pdata[i];
      char kbuf[16];

      if (kab != NULL && (k->kabupaten == NULL ||
                          g_strcmp0 (code_digits (k->kabupaten->code, kbuf), kab) != 0))
        continue;
      if (found != NULL)
        {
          if (ambiguous)
            *ambiguous = TRUE;
          return NULL;
        }
      found = k;
    }
  return found;
}

const SerahAreaDesa *
serah_areas_desa_named (SerahAreas *self, const SerahAreaKecamatan *kecamatan,
                        const char *name)
{
  const SerahAreaDesa *found;
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  char buf[16];

  if (kecamatan == NULL || name == NULL)
    return NULL;
  folded = serah_area_fold_name (name);
  if (code_digits (kecamatan->code, buf) == NULL)
    return NULL;
  key = g_strconcat (buf, ":", folded, NULL);
  g_mutex_lock (&self->lock);
  ensure_desa (self, buf);
  found = g_hash_table_lookup (self->desa_named, key);
  g_mutex_unlock (&self->lock);
  return found;
}

const SerahAreaDesa *
serah_areas_desa_named_in_kabupaten (SerahAreas *self,
                                     const SerahAreaKabupaten *kabupaten, const char *name)
{
  const SerahAreaDesa *found;
  GPtrArray *of_kab;
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  char buf[16];

  if (kabupaten == NULL || name == NULL || code_digits (kabupaten->code, buf) == NULL)
    return NULL;
  folded = serah_area_fold_name (name);
  of_kab = g_hash_table_lookup (self->kabupaten_kecamatan, buf);
  g_mutex_lock (&self->lock);
  for (guint i = 0; of_kab != NULL && i < of_kab->len; i++)
    {
      char kbuf[16];
      ensure_desa (self, code_digits (((SerahAreaKecamatan *) of_kab->pdata[i])->code, kbuf));
    }
  key = g_strconcat (buf, ":", folded, NULL);
  found = g_hash_table_lookup (self->desa_in_kab, key);
  g_mutex_unlock (&self->lock);
  return found;
}

GPtrArray *
serah_areas_kecamatan_of (const SerahAreas *self, const char *kabupaten_code)
{
  GPtrArray *list = g_ptr_array_new ();
  char buf[16];
  const char *digits;
  GPtrArray *of_kab;

  g_return_val_if_fail (self != NULL, list);
  digits = code_digits (kabupaten_code, buf);
  of_kab = digits ? g_hash_table_lookup (self->kabupaten_kecamatan, digits) : NULL;
  for (guint i = 0; of_kab != NULL && i < of_kab->len; i++)
    g_ptr_array_add (list, of_kab->pdata[i]);
  return list;
}

GPtrArray *
serah_areas_desa_of (SerahAreas *self, const SerahAreaKecamatan *kecamatan)
{
  GPtrArray *list = g_ptr_array_new ();
  GPtrArray *of_kec;
  char buf[16];

  g_return_val_if_fail (self != NULL, list);
  if (kecamatan == NULL || code_digits (kecamatan->code, buf) == NULL)
    return list;
  g_mutex_lock (&self->lock);
  ensure_desa (self, buf);
  of_kec = g_hash_table_lookup (self->desa_of_kecamatan, buf);
  for (guint i = 0; of_kec != NULL && i < of_kec->len; i++)
    g_ptr_array_add (list, of_kec->pdata[i]);
  g_mutex_unlock (&self->lock);
  return list;
}
