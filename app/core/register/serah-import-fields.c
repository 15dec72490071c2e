/* serah-import-fields.c: the column names the importer recognises and the rules for one
 * cell (identifiers that spreadsheets mangle, dates, care classes, stray encodings).
 *
 * Kept apart from the streaming code so that each rule can be read, and tested through
 * serah_import_file, on its own. Nothing here touches the store. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "output/serah-csv-private.h"
#include "register/serah-import-private.h"

typedef struct {
  const char *name;          /* --map name */
  const char *export_header; /* what serah_participants_write_csv writes */
  gboolean    required;
  /* Folded header names (lower case, letters and digits only). */
  const char *synonyms[16];
} FieldInfo;

static const FieldInfo field_info[SERAH_N_FIELDS] = {
  [SERAH_FIELD_NIK] = { "nik", "NIK", TRUE,
    { "nik", "noktp", "nomorktp", "nomorindukkependudukan", "nikktp", "ktp", "nonik",
      "nomornik", "nikpeserta", "nikpst", NULL } },
  /* NOKA and NO_KARTU: BPJS Kesehatan's exports (master file and e-Dabu). */
  [SERAH_FIELD_CARD_NO] = { "card_no", "NO_KARTU", TRUE,
    { "nokartu", "noka", "nomorkartu", "nojkn", "nobpjs", "nokartujkn", "nokartubpjs",
      "nomorkartujkn", "nomorkartubpjs", "nopeserta", "nomorpeserta", "nokis", "nomorkis",
      "nokartukis", "nokartupeserta", NULL } },
  [SERAH_FIELD_NAME] = { "name", "NAMA", TRUE,
    { "nama", "namapeserta", "namalengkap", "namalengkappeserta", "name", "nm", "nmpst",
      "nmpeserta", "namapst", NULL } },
  [SERAH_FIELD_SEX] = { "sex", "JK", FALSE,
    { "jk", "jeniskelamin", "sex", "lp", "kelamin", "gender", "jnskelamin", "jkel", "kdjk",
      "jnskel", NULL } },
  [SERAH_FIELD_BIRTH_DATE] = { "birth_date", "TGL_LAHIR", FALSE,
    { "tgllahir", "tanggallahir", "dob", "tgllhr", "tanggallhr", "birthdate", "tgllahirpeserta",
      "tanggallahirpeserta", "tgllhrpst", NULL } },
  [SERAH_FIELD_ADDRESS] = { "address", "ALAMAT", FALSE,
    { "alamat", "alamatlengkap", "alamatpeserta", "address", "alamatpst", NULL } },
  /* NM_DESA, NM_KEC, NM_PPK: the names beside the codes in BPJS and Dinkes layouts. */
  [SERAH_FIELD_DESA] = { "desa", "DESA", FALSE,
    { "desa", "kelurahan", "desakelurahan", "kelurahandesa", "desakel", "keldesa", "nmdesa",
      "namadesa", "nmkel", "namakelurahan", "nmdesakel", "namadesakelurahan", NULL } },
  [SERAH_FIELD_KECAMATAN] = { "kecamatan", "KECAMATAN", FALSE,
    { "kecamatan", "kec", "nmkec", "namakecamatan", "nmkecamatan", "namakec", NULL } },
  [SERAH_FIELD_FASKES] = { "faskes", "FASKES", FALSE,
    { "faskes", "ppk", "faskestk1", "faskestki", "faskestingkati", "faskestingkat1",
      "namafaskes", "faskes1", "ppkumum", "namappk", "faskestkl", "nmppk", "nmfaskes",
      "nmppkumum", NULL } },
  [SERAH_FIELD_CARE_CLASS] = { "care_class", "KELAS", FALSE,
    { "kelas", "kelasrawat", "hakkelas", "kls", "klsrawat", "hakkelasrawat", "kdkelas",
      "kelasrawatpeserta", NULL } },
  [SERAH_FIELD_RT] = { "rt", NULL, FALSE, { "rt", "nort", NULL } },
  [SERAH_FIELD_RW] = { "rw", NULL, FALSE, { "rw", "norw", NULL } },
  [SERAH_FIELD_DESA_CODE] = { "desa_code", NULL, FALSE,
    { "kddesa", "kodedesa", "kdkel", "kodekelurahan", "kddesakel", "kodedesakelurahan",
      "kodewilayahdesa", NULL } },
  [SERAH_FIELD_KECAMATAN_CODE] = { "kecamatan_code", NULL, FALSE,
    { "kdkec", "kodekecamatan", "kdkecamatan", "kodekec", NULL } },
  [SERAH_FIELD_FAMILY_NO] = { "family_no", NULL, FALSE,
    { "nokk", "nomorkk", "nokartukeluarga", "nomorkartukeluarga", "kk", NULL } },
  [SERAH_FIELD_PISA] = { "pisa", NULL, FALSE,
    { "pisa", "kdpisa", "statuskeluarga", "hubungankeluarga", NULL } },
  [SERAH_FIELD_FASKES_CODE] = { "faskes_code", NULL, FALSE,
    { "kdppk", "kodeppk", "kdfaskes", "kodefaskes", "kdppkumum", NULL } },
};

char *
serah_import_fold_header (const char *header)
{
  GString *folded = g_string_sized_new (32);

  if (header == NULL)
    return g_string_free (folded, FALSE);
  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (folded, FALSE);
}

int
serah_import_field_for_header (const char *header)
{
  g_autofree char *folded = serah_import_fold_header (header);

  if (*folded == '\0')
    return -1;
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    for (guint i = 0; field_info[f].synonyms[i] != NULL; i++)
      if (strcmp (folded, field_info[f].synonyms[i]) == 0)
        return f;
  return -1;
}

char *
serah_import_column_letter (int index)
{
  char buf[8];
  int i = (int) sizeof buf - 1;

  g_return_val_if_fail (index >= 0, g_strdup ("?"));
  buf[i] = '\0';
  for (index++; index > 0 && i > 0; index = (index - 1) / 26)
    buf[--i] = (char) ('A' + (index - 1) % 26);
  return g_strdup (buf + i);
}

int
serah_import_field_from_name (const char *name)
{
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    if (g_ascii_strcasecmp (name, field_info[f].name) == 0)
      return f;
  return -1;
}

const char *
serah_import_field_name (SerahField field)
{
  g_return_val_if_fail (field < SERAH_N_FIELDS, NULL);
  return field_info[field].name;
}

gboolean
serah_import_field_required (SerahField field)
{
  g_return_val_if_fail (field < SERAH_N_FIELDS, FALSE);
  return field_info[field].required;
}

gboolean
serah_import_field_needed (SerahField field)
{
  return field == SERAH_FIELD_DESA || field == SERAH_FIELD_KECAMATAN;
}

const char *
serah_import_field_label (SerahField field)
{
  switch (field)
    {
    case SERAH_FIELD_NIK:
      return _("NIK");
    case SERAH_FIELD_CARD_NO:
      return _("card number (nomor kartu)");
    case SERAH_FIELD_NAME:
      return _("name (nama)");
    case SERAH_FIELD_SEX:
      return _("sex (jenis kelamin)");
    case SERAH_FIELD_BIRTH_DATE:
      return _("birth date (tanggal lahir)");
    case SERAH_FIELD_ADDRESS:
      return _("address (alamat)");
    case SERAH_FIELD_DESA:
      return _("desa/kelurahan");
    case SERAH_FIELD_KECAMATAN:
      return _("kecamatan");
    case SERAH_FIELD_FASKES:
      return _("faskes");
    case SERAH_FIELD_CARE_CLASS:
      return _("care class (kelas rawat)");
    case SERAH_FIELD_RT:
      return _("RT");
    case SERAH_FIELD_RW:
      return _("RW");
    case SERAH_FIELD_DESA_CODE:
      return _("desa code (kode desa)");
    case SERAH_FIELD_KECAMATAN_CODE:
      return _("kecamatan code (kode kecamatan)");
    case SERAH_FIELD_FAMILY_NO:
      return _("family card number (nomor KK)");
    case SERAH_FIELD_PISA:
      return _("family relationship (PISA)");
    case SERAH_FIELD_FASKES_CODE:
      return _("faskes code (kode PPK)");
    case SERAH_N_FIELDS:
    default:
      return "?";
    }
}

const char *
serah_import_field_export_header (SerahField field)
{
  g_return_val_if_fail (field < SERAH_N_STORED_FIELDS, NULL);
  return field_info[field].export_header;
}

const char *const *
serah_import_field_names (void)
{
  static const char *const names[SERAH_N_FIELDS + 1] = {
    "nik", "card_no", "name", "sex", "birth_date", "address", "desa", "kecamatan", "faskes",
    "care_class", "rt", "rw", "desa_code", "kecamatan_code", "family_no", "pisa", "faskes_code",
    NULL,
  };
  return names;
}

/* 3.60425E+15, 3,60425E+15, 1.23E12: what a spreadsheet shows (and then exports) for a long
 * number in a cell formatted as General. The digits beyond the mantissa are gone. */
static gboolean
is_scientific (const char *s)
{
  gboolean mantissa = FALSE;

  while (g_ascii_isdigit (*s))
    s++, mantissa = TRUE;
  if (*s == '.' || *s == ',')
    {
      s++;
      while (g_ascii_isdigit (*s))
        s++, mantissa = TRUE;
    }
  if (!mantissa || (*s != 'e' && *s != 'E'))
    return FALSE;
  s++;
  if (*s == '+' || *s == '-')
    s++;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    s++;
  return *s == '\0';
}

SerahIdCheck
serah_import_check_id (const char *text, guint length, char *out, guint *n_digits)
{
  g_autofree char *inner = NULL;
  const char *s = text ? text : "";
  gsize len = strlen (s);
  guint digits = 0;
  gboolean separators = FALSE, other = FALSE;

  /* ="3601..." is how some systems force Excel to keep a number as text, and a leading
   * apostrophe is how people type it; both mean "this is text" and carry no data. */
  if (len >= 3 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"')
    s = inner = g_strndup (s + 2, len - 3);
  if (*s == '\'')
    s++;
  while (*s == ' ')
    s++;

  if (n_digits)
    *n_digits = 0;
  if (*s == '\0')
    return SERAH_ID_MISSING;
  if (is_scientific (s))
    return SERAH_ID_SCIENTIFIC;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (digits < length && out != NULL)
            out[digits] = *p;
          digits++;
        }
      else if (*p == ' ' || *p == '-')
        separators = TRUE;
      else
        other = TRUE;
    }
  if (n_digits)
    *n_digits = digits;
  if (other)
    return SERAH_ID_INVALID;
  if (digits == length)
    {
      if (out != NULL)
        out[length] = '\0';
      return separators ? SERAH_ID_NORMALIZED : SERAH_ID_OK;
    }
  /* A 13-digit card number starts with zeros ("0001234567890"); a cell formatted as a
   * number keeps only 10 to 12 of its digits. */
  if (length == SERAH_CARD_NO_LENGTH && !separators && digits >= 10 && digits < length)
    return SERAH_ID_LEADING_ZEROS;
  return SERAH_ID_LENGTH;
}

/* "dd/mm/yyyy", "yyyy-mm-dd" and the like with a four-digit year: a date by its shape,
 * so that a failed parse can say "no such day" instead of "not a date". */
static gboolean
looks_like_date (const char *s)
{
  int group_len[3] = { 0 };
  int group = 0;
  char sep = 0;

  for (; *s != '\0' && *s != ' ' && *s != 'T'; s++)
    {
      if (g_ascii_isdigit (*s))
        group_len[group]++;
      else if ((*s == '/' || *s == '-' || *s == '.') && group < 2 && (sep == 0 || sep == *s))
        sep = *s, group++;
      else
        return FALSE;
    }
  return group == 2 && group_len[1] >= 1 && group_len[1] <= 2 &&
         ((group_len[0] == 4 && group_len[2] >= 1 && group_len[2] <= 2) ||
          (group_len[2] == 4 && group_len[0] >= 1 && group_len[0] <= 2));
}

SerahDateCheck
serah_import_check_date (const char *text, const char *today_iso, char iso_out[11])
{
  gsize len = strlen (text);

  /* The shapes lists come in, without serah_date_parse's copying: this runs per row. */
  if (len == 10 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) &&
      g_ascii_isdigit (text[3]) && g_ascii_isdigit (text[4]) &&
      (text[2] == '/' || text[2] == '-') && text[5] == text[2] &&
      strspn (text + 6, "0123456789") == 4)
    {
      int day = (text[0] - '0') * 10 + text[1] - '0';
      int month = (text[3] - '0') * 10 + text[4] - '0';
      int year = atoi (text + 6);

      if (!serah_date_is_valid (year, month, day))
        return SERAH_DATE_IMPOSSIBLE;
      /* yyyy-mm-dd from the digits as they are (no printf per row). */
      memcpy (iso_out, text + 6, 4);
      iso_out[4] = '-';
      memcpy (iso_out + 5, text + 3, 2);
      iso_out[7] = '-';
      memcpy (iso_out + 8, text, 2);
      iso_out[10] = '\0';
      return strcmp (iso_out, today_iso) > 0 ? SERAH_DATE_FUTURE : SERAH_DATE_OK;
    }
  if (serah_date_parse (text, iso_out))
    return strcmp (iso_out, today_iso) > 0 ? SERAH_DATE_FUTURE : SERAH_DATE_OK;

  /* A date cell that lost its date format exports as the spreadsheet's day number
   * (1900 date system: 1 = 1900-01-01, with Lotus' phantom 1900-02-29 as day 60). Only
   * five-digit numbers (1927-05-18 onwards): four digits would be read as a bare year. */
  if (len == 5 && strspn (text, "0123456789") == len)
    {
      guint serial = (guint) g_ascii_strtoull (text, NULL, 10);
      g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);

      g_date_add_days (date, serial);
      g_snprintf (iso_out, 11, "%04d-%02d-%02d", g_date_get_year (date),
                  g_date_get_month (date), g_date_get_day (date));
      return strcmp (iso_out, today_iso) > 0 ? SERAH_DATE_FUTURE : SERAH_DATE_SERIAL;
    }
  return looks_like_date (text) ? SERAH_DATE_IMPOSSIBLE : SERAH_DATE_UNREADABLE;
}

int
serah_import_parse_care_class (const char *text)
{
  static const char *const prefixes[] = { "kelas", "kls", "kl", "class" };
  g_autofree char *lower = NULL;
  char *s;

  /* A bare digit, as most lists write it, without the copy below: this runs per row. */
  if (text[0] >= '1' && text[0] <= '3' && text[1] == '\0')
    return text[0] - '0';
  lower = g_ascii_strdown (text, -1);
  s = g_strstrip (lower);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (s, prefixes[i]))
      {
        s += strlen (prefixes[i]);
        break;
      }
  while (*s == ' ' || *s == '.' || *s == ':' || *s == '-')
    s++;
  if (strcmp (s, "1") == 0 || strcmp (s, "i") == 0)
    return 1;
  if (strcmp (s, "2") == 0 || strcmp (s, "ii") == 0)
    return 2;
  if (strcmp (s, "3") == 0 || strcmp (s, "iii") == 0)
    return 3;
  return 0;
}

/* Most cells are printable ASCII already trimmed, with single spaces between words: valid
 * UTF-8 that the fold below would leave as it is. One cheap pass tells them, per cell. */
static gboolean
is_clean_ascii (const char *text, gsize len)
{
  if (len > 0 && (text[0] == ' ' || text[len - 1] == ' '))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      /* Outside ' '..'~' (controls, NUL, DEL, UTF-8 or Windows-1252 bytes), or a space
       * followed by another (never past the end: the last byte is no space). */
      if ((guchar) (c - ' ') > '~' - ' ' || (c == ' ' && text[i + 1] == ' '))
        return FALSE;
    }
  return TRUE;
}

void
serah_import_clean_cell (GString *cell, gboolean *converted)
{
  char *str;
  gsize len, out = 0;
  gboolean pending_space = FALSE;

  *converted = FALSE;
  if (is_clean_ascii (cell->str, cell->len))
    return;
  if (!g_utf8_validate_len (cell->str, cell->len, NULL))
    {
      /* Excel on Indonesian Windows saves "CSV" in Windows-1252; five byte values are
       * undefined there, and Latin-1 reads every byte, so it is the fallback. */
      g_autofree char *utf8 = g_convert (cell->str, cell->len, "UTF-8", "WINDOWS-1252",
                                         NULL, NULL, NULL);
      if (utf8 == NULL)
        utf8 = g_convert (cell->str, cell->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      g_string_assign (cell, utf8 ? utf8 : "");
      *converted = TRUE;
    }

  /* Trim, and fold runs of spaces, tabs, line breaks and no-break spaces into one space:
   * a name or address prints on one line. Writes in place (the output never grows). */
  str = cell->str;
  len = cell->len;
  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) str[i];

      /* Letters, digits and punctuation first: nearly every byte is one. */
      if (G_UNLIKELY (c <= ' ' || c == 0xc2))
        {
          if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' ||
              c == '\0')
            {
              pending_space = TRUE;
              continue;
            }
          if (c == 0xc2 && i + 1 < len && (unsigned char) str[i + 1] == 0xa0)
            {
              pending_space = TRUE;
              i++;
              continue;
            }
        }
      if (pending_space && out > 0)
        str[out++] = ' ';
      pending_space = FALSE;
      str[out++] = (char) c;
    }
  str[out] = '\0';
  cell->len = out;
}

void
serah_csv_append_field (GString *line, const char *value, char sep)
{
  g_autofree char *neutral = NULL;
  gboolean quote;

  if (value == NULL || *value == '\0')
    return;
  /* Names and addresses come from the public: no cell may run as a formula. */
  if (serah_csv_needs_neutralising (value))
    value = neutral = g_strconcat ("'", value, NULL);
  quote = strchr (value, sep) != NULL || strchr (value, '"') != NULL ||
          strchr (value, '\n') != NULL || strchr (value, '\r') != NULL ||
          value[0] == ' ' || value[strlen (value) - 1] == ' ';
  if (!quote)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}
