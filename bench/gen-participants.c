/* gen-participants.c: writes a realistic participant list as CSV for the import benchmark.
 *
 *   gen-participants N OUT.csv [--seed S] [--excel] [--kabupaten 36.01] [--damaged]
 *
 * The benchmark must time the path a real, clean list takes: every row passing the checks
 * without a warning. So the places come from the shipped Kemendagri reference
 * (data/areas, found through $SERAH_AREAS_DIR or the source tree): each person lives in a
 * real desa of a real kecamatan of one kabupaten (Pandeglang, 36.01, by default), and the
 * NIK starts with that kecamatan's six-digit code, then the birth date (day + 40 for
 * women), then a serial unique for that kecamatan and day, as Dukcapil issues them. (The
 * demo generator's NIKs use made-up region digits to stay unique: 76 % of its rows warned
 * nik-area-unknown, so the benchmark timed the warning path.)
 *
 * --damaged writes the same people with a quarter of the rows spoiled the usual ways (a NIK
 * region that is no kecamatan, a desa spelled as no desa, a birth date off the NIK's), to
 * time the warning path separately.
 *
 * The columns and their order follow the lists district offices receive: NO, NIK, NOKA,
 * NAMA, JK, TGL_LAHIR (dd-mm-yyyy), ALAMAT, DESA, KECAMATAN, FASKES, KELAS, with CRLF line
 * ends. --excel writes what Excel on Indonesian Windows saves as "CSV UTF-8": a BOM and ';'
 * separators. */
#define G_LOG_DOMAIN "serah-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

typedef struct {
  char      *code;   /* "36.01.12" */
  char      *digits; /* "360112" */
  char      *name;   /* "Labuan" */
  GPtrArray *desa;   /* char *, official names */
} Kecamatan;

static const char *const given_male[] = {
  "Ahmad", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Iwan", "Joko", "Muhammad", "Nur",
  "Rudi", "Slamet", "Agus", "Bambang", "Dodi", "Asep", "Ujang", "Ma'ruf", "Yusuf", "Rahmat",
};
static const char *const given_female[] = {
  "Siti", "Dewi", "Sri", "Nur", "Rina", "Yuli", "Ani", "Euis", "Neneng", "Tuti",
  "Aisyah", "Fitri", "Lilis", "Ratna", "Wati", "Imas", "Kartini", "Nining", "Dede", "Ika",
};
static const char *const family[] = {
  "Saputra", "Hidayat", "Rahman", "Setiawan", "Kurniawan", "Suryana", "Hasanah", "Nurhayati",
  "Wahyudi", "Susanti", "Permana", "Maulana", "Sulastri", "Gunawan", "Hermawan", "Rohmah",
  "Syafe'i", "Fauziah", "Mulyadi", "Sopian", "Jaenudin", "Rukmana", "Sukmawati", "Hidayatullah",
};
static const char *const faskes[] = {
  "Puskesmas Labuan", "Puskesmas Pagelaran", "Puskesmas Menes", "Puskesmas Saketi",
  "Puskesmas Cimanuk", "Klinik Pratama Sehat Bersama", "dr. Hj. Nurlela (Dokter Praktik)",
};

/* Calls func on every data line of DIR/NAME (a .csv or .csv.gz of the reference). */
static gboolean
read_reference (const char *dir, const char *name, void (*func) (char **, gpointer),
                gpointer data, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  gboolean header = TRUE;
  char *line;

  if (raw == NULL)
    return FALSE;
  if (g_str_has_suffix (name, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      plain = g_converter_input_stream_new (raw, G_CONVERTER (gz));
    }
  else
    plain = g_object_ref (raw);
  lines = g_data_input_stream_new (plain);
  g_data_input_stream_set_newline_type (lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error)) != NULL)
    {
      /* code,parent_code,name: names hold no comma in this reference. */
      g_auto(GStrv) cells = g_strsplit (line, ",", 3);
      g_free (line);
      if (!header && g_strv_length (cells) == 3)
        func (cells, data);
      header = FALSE;
    }
  return error == NULL || *error == NULL;
}

typedef struct {
  const char *kabupaten;
  GPtrArray  *kecamatan; /* Kecamatan */
  GHashTable *by_code;   /* code -> Kecamatan */
} Places;

static void
add_kecamatan (char **cells, gpointer data)
{
  Places *places = data;
  Kecamatan *k;

  if (strcmp (cells[1], places->kabupaten) != 0)
    return;
  k = g_new0 (Kecamatan, 1);
  k->code = g_strdup (cells[0]);
  k->digits = g_strdup_printf ("%.2s%.2s%.2s", cells[0], cells[0] + 3, cells[0] + 6);
  k->name = g_strdup (cells[2]);
  k->desa = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (places->kecamatan, k);
  g_hash_table_insert (places->by_code, k->code, k);
}

static void
add_desa (char **cells, gpointer data)
{
  Places *places = data;
  Kecamatan *k = g_hash_table_lookup (places->by_code, cells[1]);

  if (k != NULL)
    g_ptr_array_add (k->desa, g_strdup (cells[2]));
}

static void
append_field (GString *line, const char *value, char sep)
{
  if (value == NULL)
    return;
  if (strchr (value, sep) == NULL && strchr (value, '"') == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static const char *
areas_dir (void)
{
  const char *dir = g_getenv ("SERAH_AREAS_DIR");
  /* bench/run-*.sh set it; from the top of the source tree the default works too. */
  return dir != NULL && *dir ? dir : "data/areas";
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GHashTable) serials = g_hash_table_new (g_direct_hash, g_direct_equal);
  Places places = { "36.01", g_ptr_array_new (), g_hash_table_new (g_str_hash, g_str_equal) };
  guint32 seed = 20261124;
  gboolean excel = FALSE, damaged = FALSE;
  const char *header[] = { "NO", "NIK", "NOKA", "NAMA", "JK", "TGL_LAHIR", "ALAMAT", "DESA",
                           "KECAMATAN", "FASKES", "KELAS" };
  GString *line = g_string_sized_new (256);
  FILE *out;
  char sep;
  guint n;

  if (argc < 3)
    {
      fprintf (stderr, "usage: gen-participants N OUT.csv [--seed S] [--excel] "
                       "[--kabupaten CODE] [--damaged]\n");
      return 2;
    }
  n = (guint) strtoul (argv[1], NULL, 10);
  for (int i = 3; i < argc; i++)
    {
      if (strcmp (argv[i], "--excel") == 0)
        excel = TRUE;
      else if (strcmp (argv[i], "--damaged") == 0)
        damaged = TRUE;
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = (guint32) strtoul (argv[++i], NULL, 10);
      else if (strcmp (argv[i], "--kabupaten") == 0 && i + 1 < argc)
        places.kabupaten = argv[++i];
      else
        {
          fprintf (stderr, "gen-participants: unknown option %s\n", argv[i]);
          return 2;
        }
    }
  if (!read_reference (areas_dir (), "districts.csv.gz", add_kecamatan, &places, &error) ||
      !read_reference (areas_dir (), "villages.csv.gz", add_desa, &places, &error))
    {
      fprintf (stderr, "gen-participants: cannot read the area reference in %s: %s\n",
               areas_dir (), error->message);
      return 1;
    }
  for (guint i = 0; i < places.kecamatan->len; i++)
    if (((Kecamatan *) places.kecamatan->pdata[i])->desa->len == 0)
      g_ptr_array_remove_index (places.kecamatan, i--);
  if (places.kecamatan->len == 0)
    {
      fprintf (stderr, "gen-participants: no kecamatan with desa in kabupaten %s\n",
               places.kabupaten);
      return 1;
    }

  out = fopen (argv[2], "wb");
  if (out == NULL)
    {
      perror (argv[2]);
      return 2;
    }
  sep = excel ? ';' : ',';
  if (excel)
    fputs ("\xef\xbb\xbf", out);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fprintf (out, "%s%s", i ? (excel ? ";" : ",") : "", header[i]);
  fputs ("\r\n", out);

  rand = g_rand_new_with_seed (seed);
  for (guint i = 0; i < n; i++)
    {
      guint k_index = (guint) g_rand_int_range (rand, 0, (gint32) places.kecamatan->len);
      const Kecamatan *k = places.kecamatan->pdata[k_index];
      const char *desa = k->desa->pdata[g_rand_int_range (rand, 0, (gint32) k->desa->len)];
      gboolean female = g_rand_boolean (rand);
      int year = g_rand_int_range (rand, 1940, 2024);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
      const char *given = female ? given_female[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_female))]
                                 : given_male[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_male))];
      const char *fam = family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))];
      g_autofree char *name = NULL, *address = NULL, *wrong_desa = NULL;
      char nik[17], card[14], number[16], date[11], care[2];
      const char *fields[11];
      /* The serial: the next for this kecamatan and birth day (and sex, as the day says). */
      gpointer key = GUINT_TO_POINTER (((k_index * 100u + (guint) (year % 100)) * 13u +
                                        (guint) month) * 72u + (guint) day + (female ? 40u : 0u));
      guint serial = GPOINTER_TO_UINT (g_hash_table_lookup (serials, key)) + 1;
      int spoil = damaged ? g_rand_int_range (rand, 0, 12) : -1;

      if (serial > 9999)
        {
          fprintf (stderr, "gen-participants: more than 9999 people of one kecamatan born on "
                           "one day; use a smaller N or another --kabupaten\n");
          return 1;
        }
      g_hash_table_insert (serials, key, GUINT_TO_POINTER (serial));
      g_snprintf (nik, sizeof nik, "%s%02d%02d%02d%04u", spoil == 0 ? "369999" : k->digits,
                  day + (female ? 40 : 0), month, year % 100, serial);
      g_snprintf (card, sizeof card, "000%010u", 1230000000u + i);
      if (g_rand_int_range (rand, 0, 4) == 0)
        name = g_strdup_printf ("%s %s %s", given,
                                (female ? given_female : given_male)[g_rand_int_range (rand, 0, 20)],
                                fam);
      else
        name = g_strdup_printf ("%s %s", given, fam);
      address = g_strdup_printf ("Kp. %s RT %03d/RW %03d", desa, g_rand_int_range (rand, 1, 12),
                                 g_rand_int_range (rand, 1, 8));
      if (spoil == 1)
        desa = wrong_desa = g_strdup_printf ("%sx", desa);
      /* dd-mm-yyyy in the file, as the lists come; a spoiled row's day is off by one. */
      g_snprintf (date, sizeof date, "%02d-%02d-%04d", spoil == 2 ? (day % 28) + 1 : day, month,
                  year);
      g_snprintf (number, sizeof number, "%u", i + 1);
      g_snprintf (care, sizeof care, "%d",
                  g_rand_int_range (rand, 0, 10) < 8 ? 3 : g_rand_int_range (rand, 1, 3));
      fields[0] = number;
      fields[1] = nik;
      fields[2] = card;
      fields[3] = name;
      fields[4] = female ? "P" : "L";
      fields[5] = date;
      fields[6] = address;
      fields[7] = desa;
      fields[8] = k->name;
      fields[9] = faskes[g_rand_int_range (rand, 0, G_N_ELEMENTS (faskes))];
      fields[10] = care;

      g_string_truncate (line, 0);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f)
            g_string_append_c (line, sep);
          append_field (line, fields[f], sep);
        }
      g_string_append (line, "\r\n");
      if (fwrite (line->str, 1, line->len, out) != line->len)
        {
          perror (argv[2]);
          return 1;
        }
    }
  g_string_free (line, TRUE);
  if (fclose (out) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  return 0;
}
