/* gen-participants.c: writes a realistic participant list as CSV for the import benchmark.
 *
 *   gen-participants N OUT.csv [--seed S] [--excel]
 *
 * The people come from serah_demo_generate (Indonesian names, kecamatan and desa of
 * Kabupaten Pandeglang, NIKs that agree with birth date and sex). The columns and their
 * order follow the lists district offices receive: NO, NIK, NOKA, NAMA, JK, TGL_LAHIR
 * (dd-mm-yyyy), ALAMAT, DESA, KECAMATAN, FASKES, KELAS, with CRLF line ends. --excel writes
 * what Excel on Indonesian Windows saves as "CSV UTF-8": a BOM and ';' separators. */
#define G_LOG_DOMAIN "serah-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <serah/serah.h>

typedef struct {
  FILE    *out;
  char     sep;
  guint    n;
  GString *line;
} Generator;

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

static gboolean
write_one (const SerahParticipant *p, gpointer user_data, GError **error)
{
  Generator *g = user_data;
  char date[11] = "", number[16], care[4] = "";
  const char *fields[11];

  g->n++;
  /* ISO in the record, dd-mm-yyyy in the file, as the lists come. */
  if (p->birth_date[0])
    g_snprintf (date, sizeof date, "%.2s-%.2s-%.4s", p->birth_date + 8, p->birth_date + 5,
                p->birth_date);
  g_snprintf (number, sizeof number, "%u", g->n);
  if (p->care_class)
    g_snprintf (care, sizeof care, "%d", p->care_class);
  fields[0] = number;
  fields[1] = p->nik;
  fields[2] = p->card_no;
  fields[3] = p->name;
  fields[4] = serah_sex_to_string (p->sex);
  fields[5] = date;
  fields[6] = p->address;
  fields[7] = p->desa;
  fields[8] = p->kecamatan;
  fields[9] = p->faskes;
  fields[10] = care;

  g_string_truncate (g->line, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i)
        g_string_append_c (g->line, g->sep);
      append_field (g->line, fields[i], g->sep);
    }
  g_string_append (g->line, "\r\n");
  if (fwrite (g->line->str, 1, g->line->len, g->out) != g->line->len)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, "write failed");
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  Generator g = { 0 };
  guint32 seed = 20261124;
  gboolean excel = FALSE;
  const char *header[] = { "NO", "NIK", "NOKA", "NAMA", "JK", "TGL_LAHIR", "ALAMAT", "DESA",
                           "KECAMATAN", "FASKES", "KELAS" };
  guint n;

  if (argc < 3)
    {
      fprintf (stderr, "usage: gen-participants N OUT.csv [--seed S] [--excel]\n");
      return 2;
    }
  n = (guint) strtoul (argv[1], NULL, 10);
  for (int i = 3; i < argc; i++)
    {
      if (strcmp (argv[i], "--excel") == 0)
        excel = TRUE;
      else if (strcmp (argv[i], "--seed") == 0 && i + 1 < argc)
        seed = (guint32) strtoul (argv[++i], NULL, 10);
      else
        {
          fprintf (stderr, "gen-participants: unknown option %s\n", argv[i]);
          return 2;
        }
    }

  g.out = fopen (argv[2], "wb");
  if (g.out == NULL)
    {
      perror (argv[2]);
      return 2;
    }
  g.sep = excel ? ';' : ',';
  g.line = g_string_sized_new (256);
  if (excel)
    fputs ("\xef\xbb\xbf", g.out);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fprintf (g.out, "%s%s", i ? (excel ? ";" : ",") : "", header[i]);
  fputs ("\r\n", g.out);

  if (!serah_demo_generate (n, seed, write_one, &g, &error))
    {
      fprintf (stderr, "gen-participants: %s\n", error->message);
      return 1;
    }
  g_string_free (g.line, TRUE);
  if (fclose (g.out) != 0)
    {
      perror (argv[2]);
      return 1;
    }
  return 0;
}
