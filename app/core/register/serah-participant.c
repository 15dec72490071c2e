/* serah-participant.c: the participant record and the field rules (NIK, card number,
 * dates, sex codes) shared by the importer, the store and the GUI. */
#define G_LOG_DOMAIN "serah-core"

#include "config.h"

#include <string.h>

#include <serah/register/serah-participant.h>

G_DEFINE_BOXED_TYPE (SerahParticipant, serah_participant,
                     serah_participant_copy, serah_participant_free)

SerahParticipant *
serah_participant_new (void)
{
  return g_new0 (SerahParticipant, 1);
}

SerahParticipant *
serah_participant_copy (const SerahParticipant *self)
{
  SerahParticipant *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->address = g_strdup (self->address);
  copy->desa = g_strdup (self->desa);
  copy->kecamatan = g_strdup (self->kecamatan);
  copy->faskes = g_strdup (self->faskes);
  return copy;
}

void
serah_participant_clear (SerahParticipant *self)
{
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->desa, g_free);
  g_clear_pointer (&self->kecamatan, g_free);
  g_clear_pointer (&self->faskes, g_free);
  memset (self, 0, sizeof *self);
}

void
serah_participant_free (SerahParticipant *self)
{
  if (self == NULL)
    return;
  serah_participant_clear (self);
  g_free (self);
}

static gboolean
str_equal_empty_null (const char *a, const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

gboolean
serah_participant_equal_data (const SerahParticipant *a, const SerahParticipant *b)
{
  return strcmp (a->nik, b->nik) == 0 &&
         strcmp (a->card_no, b->card_no) == 0 &&
         str_equal_empty_null (a->name, b->name) &&
         a->sex == b->sex &&
         strcmp (a->birth_date, b->birth_date) == 0 &&
         str_equal_empty_null (a->address, b->address) &&
         str_equal_empty_null (a->desa, b->desa) &&
         str_equal_empty_null (a->kecamatan, b->kecamatan) &&
         str_equal_empty_null (a->faskes, b->faskes) &&
         a->care_class == b->care_class;
}

static gboolean
all_digits_of_length (const char *s, gsize len)
{
  gsize i;

  if (s == NULL)
    return FALSE;
  for (i = 0; s[i] != '\0'; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return i == len;
}

gboolean
serah_nik_is_wellformed (const char *nik)
{
  return all_digits_of_length (nik, SERAH_NIK_LENGTH);
}

gboolean
serah_card_no_is_wellformed (const char *card_no)
{
  return all_digits_of_length (card_no, SERAH_CARD_NO_LENGTH);
}

gboolean
serah_nik_decode (const char *nik, int *day, int *month, int *year2, SerahSex *sex)
{
  int d, m, y;

  if (!serah_nik_is_wellformed (nik))
    return FALSE;
  d = (nik[6] - '0') * 10 + (nik[7] - '0');
  m = (nik[8] - '0') * 10 + (nik[9] - '0');
  y = (nik[10] - '0') * 10 + (nik[11] - '0');
  if (sex)
    *sex = d > 40 ? SERAH_SEX_FEMALE : SERAH_SEX_MALE;
  if (d > 40)
    d -= 40;
  if (d < 1 || d > 31 || m < 1 || m > 12)
    return FALSE;
  if (day)
    *day = d;
  if (month)
    *month = m;
  if (year2)
    *year2 = y;
  return TRUE;
}

char *
serah_nik_mask (const char *nik)
{
  gsize len;
  char *masked;

  if (nik == NULL)
    return g_strdup ("");
  len = strlen (nik);
  masked = g_strdup (nik);
  /* Show the region (6) and the last 2 digits; hide the birth date and most of the serial. */
  for (gsize i = 6; i + 2 < len; i++)
    masked[i] = '*';
  if (len <= 8)
    memset (masked, '*', len);
  return masked;
}

gboolean
serah_date_is_valid (int year, int month, int day)
{
  if (year < 1850 || year > 2200 || month < 1 || month > 12 || day < 1)
    return FALSE;
  return day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

static gboolean
read_number (const char **p, int min_digits, int max_digits, int *out)
{
  int n = 0, count = 0;

  while (g_ascii_isdigit (**p) && count < max_digits)
    {
      n = n * 10 + (**p - '0');
      (*p)++;
      count++;
    }
  if (count < min_digits || g_ascii_isdigit (**p))
    return FALSE;
  *out = n;
  return TRUE;
}

gboolean
serah_date_parse (const char *text, char iso_out[11])
{
  g_autofree char *trimmed = NULL;
  const char *p;
  int a, b, c, year, month, day;
  char sep;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  /* Spreadsheets append a time to dates they reformatted: "1980-02-01 00:00:00". */
  if (!read_number (&p, 1, 4, &a))
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &b) || *p != sep)
    return FALSE;
  p++;
  if (!read_number (&p, 1, 4, &c))
    return FALSE;
  if (*p != '\0' && !(g_str_has_prefix (p, " 00:00") || g_str_has_prefix (p, "T00:00")))
    return FALSE;

  if (a >= 1000 && c <= 31)
    {
      /* ISO yyyy-mm-dd */
      if (sep != '-' && sep != '/')
        return FALSE;
      year = a, month = b, day = c;
    }
  else if (a <= 31 && c >= 1000)
    {
      /* dd/mm/yyyy or dd-mm-yyyy, the Indonesian order */
      day = a, month = b, year = c;
    }
  else
    return FALSE;

  if (!serah_date_is_valid (year, month, day))
    return FALSE;
  g_snprintf (iso_out, 11, "%04d-%02d-%02d", year, month, day);
  return TRUE;
}

const char *
serah_sex_to_string (SerahSex sex)
{
  switch (sex)
    {
    case SERAH_SEX_MALE:
      return "L";
    case SERAH_SEX_FEMALE:
      return "P";
    case SERAH_SEX_UNKNOWN:
    default:
      return "";
    }
}

gboolean
serah_sex_parse (const char *text, SerahSex *sex_out)
{
  static const struct { const char *word; SerahSex sex; } words[] = {
    { "l", SERAH_SEX_MALE }, { "lk", SERAH_SEX_MALE }, { "laki-laki", SERAH_SEX_MALE },
    { "laki laki", SERAH_SEX_MALE }, { "laki", SERAH_SEX_MALE }, { "pria", SERAH_SEX_MALE },
    { "m", SERAH_SEX_MALE }, { "male", SERAH_SEX_MALE }, { "1", SERAH_SEX_MALE },
    { "p", SERAH_SEX_FEMALE }, { "pr", SERAH_SEX_FEMALE }, { "perempuan", SERAH_SEX_FEMALE },
    { "wanita", SERAH_SEX_FEMALE }, { "f", SERAH_SEX_FEMALE }, { "female", SERAH_SEX_FEMALE },
    { "w", SERAH_SEX_FEMALE }, { "2", SERAH_SEX_FEMALE },
  };
  g_autofree char *t = NULL;

  if (text == NULL)
    return FALSE;
  t = g_strstrip (g_ascii_strdown (text, -1));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (t, words[i].word) == 0)
      {
        *sex_out = words[i].sex;
        return TRUE;
      }
  return FALSE;
}
