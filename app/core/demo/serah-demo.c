/* serah-demo.c: realistic sample participants for the demo database, benchmarks and tests.
 * The places are kecamatan and desa of Kabupaten Pandeglang (Banten, region 36.01); names are
 * common Indonesian given names and family names; NIKs embed the birth date and sex. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/demo/serah-demo.h>
#include <serah/cards/serah-print-job.h>
#include <serah/cards/serah-template.h>
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

typedef struct {
  const char *kecamatan;
  const char *code; /* two digits of the NIK region */
  const char *desa[6];
} DemoArea;

static const DemoArea areas[] = {
  { "Labuan", "01", { "Caringin", "Cigondang", "Kalanganyar", "Labuan", "Rancateureup", "Teluk" } },
  { "Pagelaran", "02", { "Bama", "Margagiri", "Pagelaran", "Sukaraja", "Tegalpapak", "Bulagor" } },
  { "Menes", "03", { "Alaswangi", "Cigandeng", "Kananga", "Menes", "Muruy", "Purwaraja" } },
  { "Saketi", "04", { "Ciandur", "Kadudampit", "Langensari", "Majau", "Sodong", "Sukasari" } },
  { "Cimanuk", "05", { "Batubantar", "Cimanuk", "Dalembalar", "Gunungdatar", "Kadubungbang", "Rocek" } },
  { "Mandalawangi", "06", { "Cikoneng", "Curuglemo", "Giripawana", "Kurungkambing", "Nembol", "Pari" } },
  { "Karang Tanjung", "07", { "Cilaja", "Juhut", "Kadumerak", "Karang Tanjung", "Pagerbatu", "Palurahan" } },
  { "Majasari", "08", { "Cilaja", "Karaton", "Pagerbatu", "Saruni", "Sukaratu", "Sukaratu Baru" } },
};

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

gboolean
serah_demo_generate (guint n, guint32 seed, SerahParticipantFunc func, gpointer user_data,
                     GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  SerahParticipant p = { 0 };

  g_return_val_if_fail (func != NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      const DemoArea *area = &areas[g_rand_int_range (rand, 0, G_N_ELEMENTS (areas))];
      gboolean female = g_rand_boolean (rand);
      int year = g_rand_int_range (rand, 1940, 2024);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, g_date_get_days_in_month (month, year) + 1);
      const char *given = female ? given_female[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_female))]
                                 : given_male[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_male))];
      const char *fam = family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))];
      gboolean ok;

      serah_participant_clear (&p);
      /* NIK = region (3601 + kecamatan) + birth date + 4-digit serial. The serial is i mod
       * 10 000 and the higher digits of i go into the region's spare digits, so every NIK is
       * unique up to a million people. */
      g_snprintf (p.nik, sizeof p.nik, "3601%s%02d%02d%02d%04u", area->code,
                  day + (female ? 40 : 0), month, year % 100, i % 10000);
      p.nik[4] = (char) ('0' + (i / 10000) % 10);
      p.nik[3] = (char) ('1' + (i / 100000) % 9);
      g_snprintf (p.card_no, sizeof p.card_no, "000%010u", 1230000000u + i);
      if (g_rand_int_range (rand, 0, 4) == 0)
        p.name = g_strdup_printf ("%s %s %s", given,
                                  (female ? given_female : given_male)[g_rand_int_range (rand, 0, 20)],
                                  fam);
      else
        p.name = g_strdup_printf ("%s %s", given, fam);
      p.sex = female ? SERAH_SEX_FEMALE : SERAH_SEX_MALE;
      g_snprintf (p.birth_date, sizeof p.birth_date, "%04d-%02d-%02d", year, month, day);
      p.kecamatan = g_strdup (area->kecamatan);
      p.desa = g_strdup (area->desa[g_rand_int_range (rand, 0, 6)]);
      p.address = g_strdup_printf ("Kp. %s RT %03d/RW %03d", p.desa,
                                   g_rand_int_range (rand, 1, 12), g_rand_int_range (rand, 1, 8));
      p.faskes = g_strdup (faskes[g_rand_int_range (rand, 0, G_N_ELEMENTS (faskes))]);
      p.care_class = g_rand_int_range (rand, 0, 10) < 8 ? 3 : g_rand_int_range (rand, 1, 3);

      ok = func (&p, user_data, error);
      if (!ok)
        {
          serah_participant_clear (&p);
          return FALSE;
        }
    }
  serah_participant_clear (&p);
  return TRUE;
}

static gboolean
insert_one (const SerahParticipant *participant, gpointer user_data, GError **error)
{
  SerahParticipant copy = *participant;
  return serah_store_upsert_participant (user_data, &copy, 0, NULL, error);
}

gboolean
serah_demo_populate (SerahStore *store, guint n, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_demo_generate (n, 20261124, insert_one, store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return serah_store_commit (store, error);
}

gint64
serah_demo_prepare_ceremony (SerahStore *store, const char *pdf_path, GError **error)
{
  g_autoptr(SerahCardTemplate) template_ = NULL;
  g_autoptr(SerahSheet) sheet = NULL;
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  char *kecamatan[] = { (char *) "Labuan", NULL };
  SerahParticipantFilter filter = { .kecamatan = kecamatan };
  SerahPrintResult result;
  gint64 ceremony_id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  template_ = serah_card_template_load ("kis", error);
  if (template_ == NULL)
    return 0;
  sheet = serah_sheet_load ("a4-2x5", error);
  if (sheet == NULL)
    return 0;
  job = serah_print_job_new (store, template_, sheet);
  serah_print_job_set_filter (job, &filter);
  serah_print_job_set_operator (job, "demo");
  if (!serah_print_job_run (job, pdf_path, NULL, NULL, NULL, &result, error))
    return 0;

  ceremony_id = serah_ceremony_create (store, _("Demo: JKN-KIS card handover, Kecamatan Labuan"),
                                       date, _("Aula Kantor Kecamatan Labuan"), "demo", error);
  if (ceremony_id <= 0)
    return 0;
  if (!serah_ceremony_invite_selection (store, ceremony_id, &filter, 0, "demo", NULL, error))
    return 0;
  return ceremony_id;
}
