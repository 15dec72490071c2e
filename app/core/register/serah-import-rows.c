/* serah-import-rows.c: one data row of an import, on the reader's side: each cell checked
 * and normalised, the row compared with the rows of the same file seen before (duplicates,
 * conflicts), and a valid row queued for the writer. Every reason to reject or doubt a row
 * becomes a problem with its line, column, stable code and raw value. */
#define G_LOG_DOMAIN "serah-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "register/serah-import-private.h"
#include "register/serah-store-participants-private.h"

static gboolean
check_id (SerahImportContext *ctx, gint64 line, SerahField field, char *out)
{
  const char *text = serah_import_field_text (ctx, field);
  gboolean nik = field == SERAH_FIELD_NIK;
  guint length = nik ? SERAH_NIK_LENGTH : SERAH_CARD_NO_LENGTH;
  int col = ctx->column[field];
  guint digits = 0;

  switch (serah_import_check_id (text, length, out, &digits))
    {
    case SERAH_ID_OK:
      return TRUE;
    case SERAH_ID_NORMALIZED:
      if (nik)
        serah_import_add_problem (ctx, line, col, "nik-normalized", SERAH_IMPORT_SEVERITY_WARNING,
                                  text,
                                  _("Spaces or dashes were removed from the NIK."));
      else
        serah_import_add_problem (ctx, line, col, "card-normalized", SERAH_IMPORT_SEVERITY_WARNING,
                                  text,
                                  _("Spaces or dashes were removed from the card number."));
      return TRUE;
    case SERAH_ID_MISSING:
      if (nik)
        serah_import_add_problem (ctx, line, col, "nik-missing", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("The NIK is empty."));
      else
        serah_import_add_problem (ctx, line, col, "card-missing", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("The card number is empty."));
      return FALSE;
    case SERAH_ID_SCIENTIFIC:
      if (nik)
        serah_import_add_problem (ctx, line, col, "nik-scientific", SERAH_IMPORT_SEVERITY_ERROR,
                                  text,
                                  _("The spreadsheet turned the NIK into a number (%s) and lost "
                                    "digits; format the column as Text and export again."), text);
      else
        serah_import_add_problem (ctx, line, col, "card-scientific", SERAH_IMPORT_SEVERITY_ERROR,
                                  text,
                                  _("The spreadsheet turned the card number into a number (%s) and "
                                    "lost digits; format the column as Text and export again."),
                                  text);
      return FALSE;
    case SERAH_ID_LEADING_ZEROS:
      serah_import_add_problem (ctx, line, col, "card-leading-zeros", SERAH_IMPORT_SEVERITY_ERROR,
                                text,
                                _("The card number has %u digits instead of 13: the spreadsheet "
                                  "dropped its leading zeros. Format the column as Text and export "
                                  "again."), digits);
      return FALSE;
    case SERAH_ID_LENGTH:
      if (nik)
        serah_import_add_problem (ctx, line, col, "nik-length", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("A NIK has 16 digits; this one has %u."), digits);
      else
        serah_import_add_problem (ctx, line, col, "card-length", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("A card number has 13 digits; this one has %u."), digits);
      return FALSE;
    case SERAH_ID_INVALID:
    default:
      if (nik)
        serah_import_add_problem (ctx, line, col, "nik-invalid", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("A NIK is made of 16 digits only."));
      else
        serah_import_add_problem (ctx, line, col, "card-invalid", SERAH_IMPORT_SEVERITY_ERROR, text,
                                  _("A card number is made of 13 digits only."));
      return FALSE;
    }
}

/* The value of n digits that were checked to be digits (no strtoll: this runs per row). */
static gint64
digits_value (const char *s, guint n)
{
  gint64 v = 0;
  for (guint i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

/* A text cell; an apostrophe in front of a formula character is how Serah's exports (and
 * careful people) keep a spreadsheet from running the cell, not part of the value. */
static char *
dup_or_null (const char *text)
{
  if (text != NULL && text[0] == '\'' && text[1] != '\0' && strchr ("=+-@", text[1]) != NULL)
    text++;
  return text && *text ? g_strdup (text) : NULL;
}

/* BPJS and Dinkes lists keep RT and RW in columns of their own; the card and the receipt
 * list print one address line, so they join it ("Kp. Caringin RT 001 RW 002"). */
static char *
address_with_rt_rw (SerahImportContext *ctx)
{
  const char *address = serah_import_field_text (ctx, SERAH_FIELD_ADDRESS);
  const char *rt = serah_import_field_text (ctx, SERAH_FIELD_RT);
  const char *rw = serah_import_field_text (ctx, SERAH_FIELD_RW);
  GString *out;

  if (*rt == '\0' && *rw == '\0')
    return dup_or_null (address);
  out = g_string_new (address);
  if (*rt != '\0')
    g_string_append_printf (out, "%sRT %s", out->len ? " " : "", rt);
  if (*rw != '\0')
    g_string_append_printf (out, "%sRW %s", out->len ? " " : "", rw);
  return g_string_free (out, FALSE);
}

/* L and P, as most lists write them, without serah_sex_parse's copy: this runs per row. */
static gboolean
parse_sex (const char *text, SerahSex *sex)
{
  if ((text[0] == 'L' || text[0] == 'P') && text[1] == '\0')
    {
      *sex = (SerahSex) text[0];
      return TRUE;
    }
  return serah_sex_parse (text, sex);
}

/* Sex and birth date, checked against what the NIK says (day + 40 for women, ddmmyy). */
static gboolean
check_sex_and_birth (SerahImportContext *ctx, gint64 line, SerahParticipant *p, gboolean nik_ok)
{
  int nik_day = 0, nik_month = 0, nik_year = 0;
  SerahSex nik_sex = SERAH_SEX_UNKNOWN;
  gboolean nik_date = nik_ok && serah_nik_decode (p->nik, &nik_day, &nik_month, &nik_year,
                                                  &nik_sex);
  const char *sex_text = serah_import_field_text (ctx, SERAH_FIELD_SEX);
  const char *date_text = serah_import_field_text (ctx, SERAH_FIELD_BIRTH_DATE);
  int sex_col = ctx->column[SERAH_FIELD_SEX], date_col = ctx->column[SERAH_FIELD_BIRTH_DATE];
  gboolean ok = TRUE;

  if (nik_ok && !nik_date)
    serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_NIK], "nik-date-invalid",
                              SERAH_IMPORT_SEVERITY_WARNING, p->nik,
                              _("Digits 7 to 12 of the NIK are not a birth date (ddmmyy, day + 40 "
                                "for women); check the NIK."));

  if (sex_col < 0)
    p->sex = nik_date ? nik_sex : SERAH_SEX_UNKNOWN; /* the database's value wins later */
  else if (*sex_text == '\0')
    {
      if (nik_date)
        {
          p->sex = nik_sex;
          serah_import_add_problem (ctx, line, sex_col, "sex-from-nik",
                                    SERAH_IMPORT_SEVERITY_WARNING, NULL,
                                    _("The sex is empty; it was taken from the NIK (%s)."),
                                    serah_sex_to_string (nik_sex));
        }
      else
        {
          serah_import_add_problem (ctx, line, sex_col, "sex-missing", SERAH_IMPORT_SEVERITY_ERROR,
                                    NULL,
                                    _("The sex is empty and the NIK does not tell it."));
          ok = FALSE;
        }
    }
  else if (!parse_sex (sex_text, &p->sex))
    {
      serah_import_add_problem (ctx, line, sex_col, "sex-invalid", SERAH_IMPORT_SEVERITY_ERROR,
                                sex_text,
                                _("“%s” is not a sex code; use L (laki-laki) or P (perempuan)."),
                                sex_text);
      ok = FALSE;
    }
  else if (nik_date && p->sex != nik_sex)
    serah_import_add_problem (ctx, line, sex_col, "nik-sex-mismatch", SERAH_IMPORT_SEVERITY_WARNING,
                              sex_text,
                              _("The sex is %s but the NIK says %s (women have 40 added to the day "
                                "of birth); check both."), serah_sex_to_string (p->sex),
                              serah_sex_to_string (nik_sex));

  if (date_col >= 0 && *date_text == '\0')
    serah_import_add_problem (ctx, line, date_col, "birth-date-missing",
                              SERAH_IMPORT_SEVERITY_WARNING, NULL,
                              _("The birth date is empty."));
  else if (date_col >= 0)
    {
      switch (serah_import_check_date (date_text, ctx->today, p->birth_date))
        {
        case SERAH_DATE_OK:
          break;
        case SERAH_DATE_SERIAL:
          serah_import_add_problem (ctx, line, date_col, "birth-date-serial",
                                    SERAH_IMPORT_SEVERITY_WARNING, date_text,
                                    _("The birth date is a spreadsheet day number; it was read as "
                                      "%s. Format the column as a date and check it."),
                                    p->birth_date);
          break;
        case SERAH_DATE_FUTURE:
          serah_import_add_problem (ctx, line, date_col, "birth-date-future",
                                    SERAH_IMPORT_SEVERITY_ERROR, date_text,
                                    _("The birth date %s is in the future."), date_text);
          p->birth_date[0] = '\0';
          ok = FALSE;
          break;
        case SERAH_DATE_IMPOSSIBLE:
          serah_import_add_problem (ctx, line, date_col, "birth-date-invalid",
                                    SERAH_IMPORT_SEVERITY_ERROR, date_text,
                                    _("There is no such day as %s."), date_text);
          ok = FALSE;
          break;
        case SERAH_DATE_UNREADABLE:
        default:
          serah_import_add_problem (ctx, line, date_col, "birth-date-invalid",
                                    SERAH_IMPORT_SEVERITY_ERROR, date_text,
                                    _("“%s” is not a date; write dd/mm/yyyy, dd-mm-yyyy or "
                                      "yyyy-mm-dd."), date_text);
          ok = FALSE;
          break;
        }
      if (ok && nik_date && p->birth_date[0] != '\0')
        {
          int year = digits_value (p->birth_date, 4);
          int month = digits_value (p->birth_date + 5, 2);
          int day = digits_value (p->birth_date + 8, 2);
          if (day != nik_day || month != nik_month || year % 100 != nik_year)
            serah_import_add_problem (ctx, line, date_col, "nik-birthdate-mismatch",
                                      SERAH_IMPORT_SEVERITY_WARNING, date_text,
                                      _("The birth date %s does not match the NIK "
                                        "(%02d-%02d-..%02d); check both."), p->birth_date, nik_day,
                                      nik_month, nik_year);
        }
    }
  return ok;
}

/* FNV-1a, 64 bits, over a field and a separator (so "ab","c" and "a","bc" differ). */
static guint64
hash_text (guint64 h, const char *text)
{
  for (const guchar *c = (const guchar *) (text ? text : ""); *c; c++)
    h = (h ^ *c) * G_GUINT64_CONSTANT (0x100000001b3);
  return (h ^ 0x1f) * G_GUINT64_CONSTANT (0x100000001b3);
}

static void
hash_row (const SerahParticipant *p, SerahImportSeenRow *row)
{
  char small[2][4];
  const char *fields[SERAH_N_STORED_FIELDS];
  guint64 all = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  g_snprintf (small[0], sizeof small[0], "%d", (int) p->sex);
  g_snprintf (small[1], sizeof small[1], "%d", p->care_class);
  fields[SERAH_FIELD_NIK] = p->nik;
  fields[SERAH_FIELD_CARD_NO] = p->card_no;
  fields[SERAH_FIELD_NAME] = p->name;
  fields[SERAH_FIELD_SEX] = small[0];
  fields[SERAH_FIELD_BIRTH_DATE] = p->birth_date;
  fields[SERAH_FIELD_ADDRESS] = p->address;
  fields[SERAH_FIELD_DESA] = p->desa;
  fields[SERAH_FIELD_KECAMATAN] = p->kecamatan;
  fields[SERAH_FIELD_FASKES] = p->faskes;
  fields[SERAH_FIELD_CARE_CLASS] = small[1];
  for (int f = 0; f < SERAH_N_STORED_FIELDS; f++)
    {
      guint64 one = hash_text (G_GUINT64_CONSTANT (0xcbf29ce484222325), fields[f]);

      row->hash[f] = (guint16) (one ^ (one >> 16) ^ (one >> 32) ^ (one >> 48));
      all = hash_text (all, fields[f]);
    }
  row->row_hash = all;
}

/* Rows of this file seen so far: an exact repeat is a duplicate; the same NIK with other
 * data, or the same card on another NIK, is a conflict and the later row loses. Returns
 * FALSE when the row must not be written. */
static gboolean
check_seen (SerahImportContext *ctx, gint64 line, const SerahParticipant *p,
            SerahImportSeenRow *row)
{
  SerahImportRecord *counts = &ctx->reader_counts;
  const SerahImportSeenRow *first;

  row->nik = digits_value (p->nik, SERAH_NIK_LENGTH);
  row->card = digits_value (p->card_no, SERAH_CARD_NO_LENGTH);
  row->line = (guint32) MIN (line, (gint64) G_MAXUINT32);
  hash_row (p, row);

  first = serah_import_seen_find_nik (ctx->seen, row->nik);
  if (first != NULL)
    {
      g_autoptr(GString) differ = g_string_new (NULL);

      /* Words for people ("nomor kartu, nama, alamat"), never the internal keys
       * ("card_no, name, address"): this message is shown in the import report (issue 12). */
      for (int f = 0; f < SERAH_N_FIELDS; f++)
        if (f < SERAH_N_STORED_FIELDS && first->hash[f] != row->hash[f])
          g_string_append_printf (differ, "%s%s", differ->len ? ", " : "",
                                  serah_import_field_label (f));
      /* Two fields' 16-bit hashes may collide; the row hash decides, the list is a help. */
      if (differ->len == 0 && first->row_hash != row->row_hash)
        g_string_append (differ, "?");
      if (differ->len == 0)
        {
          counts->duplicates++;
          serah_import_add_problem (ctx, line, -1, "duplicate-row", SERAH_IMPORT_SEVERITY_INFO,
                                    NULL,
                                    _("Repeats line %lld exactly; counted once."),
                                    (long long) first->line);
          return FALSE;
        }
      counts->conflicts++;
      counts->rejected++;
      serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_NIK], "nik-conflict",
                                SERAH_IMPORT_SEVERITY_ERROR, p->nik,
                                _("This NIK is also on line %lld with other data (%s). Line %lld "
                                  "was kept; this row was not imported."), (long long) first->line,
                                differ->str, (long long) first->line);
      return FALSE;
    }

  first = serah_import_seen_find_card (ctx->seen, row->card);
  if (first != NULL)
    {
      g_autofree char *nik = g_strdup_printf ("%016" G_GINT64_FORMAT, first->nik);
      g_autofree char *masked = serah_nik_mask (nik);

      counts->conflicts++;
      counts->rejected++;
      serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_CARD_NO], "card-conflict",
                                SERAH_IMPORT_SEVERITY_ERROR, p->card_no,
                                _("This card number is also on line %lld for another NIK (%s). "
                                  "Line %lld was kept; this row was not imported."),
                                (long long) first->line, masked, (long long) first->line);
      return FALSE;
    }
  return TRUE;
}

/* The batch is written as a whole by the writer (serah_store_upsert_participants): a few
 * statements per BATCH_SIZE rows instead of statements per row. */
#define BATCH_SIZE 4096

static void
queue_row (SerahImportContext *ctx, gint64 line, SerahParticipant *p, SerahImportSeenRow *row)
{
  SerahParticipant *queued = g_new (SerahParticipant, 1);

  serah_import_seen_add (ctx->seen, row);
  *queued = *p; /* takes the strings */
  memset (p, 0, sizeof *p);
  g_ptr_array_add (ctx->batch->rows, queued);
  g_array_append_val (ctx->batch->lines, line);
  if (ctx->batch->rows->len >= BATCH_SIZE)
    serah_import_queue_batch (ctx, FALSE);
}

void
serah_import_process_row (SerahImportContext *ctx)
{
  gint64 line = ctx->record_line;
  SerahParticipant p = { 0 };
  SerahImportSeenRow row = { 0 };
  gboolean ok = TRUE, nik_ok, card_ok;
  const char *text;
  guint n_headers = ctx->headers->len;

  ctx->reader_counts.rows++;

  /* A damaged row says nothing reliable about its cells: one problem, no more. */
  if (ctx->has_nul || ctx->unterminated)
    {
      if (ctx->has_nul)
        serah_import_add_problem (ctx, line, -1, "binary-data", SERAH_IMPORT_SEVERITY_ERROR, NULL,
                                  _("This row holds NUL bytes (binary data); is the file "
                                    "damaged?"));
      else
        serah_import_add_problem (ctx, line, -1, "unterminated-quote", SERAH_IMPORT_SEVERITY_ERROR,
                                  NULL,
                                  _("A quote opened in this row is never closed, so the rest of "
                                    "the file, from line %lld on, was read as one value."),
                                  (long long) line);
      ctx->reader_counts.rejected++;
      return;
    }
  for (int f = 0; f < SERAH_N_FIELDS; f++)
    {
      GString *cell = serah_import_cell (ctx, ctx->column[f]);
      gboolean converted = FALSE;

      if (cell == NULL)
        continue;
      serah_import_clean_cell (cell, &converted);
      if (converted)
        serah_import_add_problem (ctx, line, ctx->column[f], "encoding-cp1252",
                                  SERAH_IMPORT_SEVERITY_WARNING, cell->str,
                                  _("This value was not UTF-8; it was read as Windows-1252 (“%s”). "
                                    "Check it, or export the file as “CSV UTF-8”."), cell->str);
    }

  if (ctx->n_cells > n_headers || ctx->n_dropped_cells > 0)
    for (guint i = n_headers; i < ctx->n_cells; i++)
      {
        GString *cell = ctx->cells->pdata[i];
        g_autofree char *value = g_strstrip (g_utf8_make_valid (cell->str, MIN (cell->len, 200)));
        if (*value == '\0')
          continue;
        serah_import_add_problem (ctx, line, -1, "extra-cells", SERAH_IMPORT_SEVERITY_WARNING,
                                  value,
                                  _("This row has %u cells but the header has %u; the extra ones "
                                    "were ignored. A separator inside an unquoted value shifts the "
                                    "columns."), ctx->n_cells + ctx->n_dropped_cells, n_headers);
        break;
      }

  nik_ok = check_id (ctx, line, SERAH_FIELD_NIK, p.nik);
  card_ok = check_id (ctx, line, SERAH_FIELD_CARD_NO, p.card_no);
  ok = ok && nik_ok && card_ok;

  text = serah_import_field_text (ctx, SERAH_FIELD_NAME);
  if (*text == '\0')
    {
      serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_NAME], "name-missing",
                                SERAH_IMPORT_SEVERITY_ERROR, NULL,
                                _("The name is empty."));
      ok = FALSE;
    }
  p.name = dup_or_null (text);

  ok = check_sex_and_birth (ctx, line, &p, nik_ok) && ok;

  p.address = address_with_rt_rw (ctx);
  p.desa = dup_or_null (serah_import_field_text (ctx, SERAH_FIELD_DESA));
  p.kecamatan = dup_or_null (serah_import_field_text (ctx, SERAH_FIELD_KECAMATAN));
  p.faskes = dup_or_null (serah_import_field_text (ctx, SERAH_FIELD_FASKES));
  text = serah_import_field_text (ctx, SERAH_FIELD_CARE_CLASS);
  if (*text != '\0')
    {
      p.care_class = serah_import_parse_care_class (text);
      if (p.care_class == 0)
        serah_import_add_problem (ctx, line, ctx->column[SERAH_FIELD_CARE_CLASS],
                                  "care-class-invalid", SERAH_IMPORT_SEVERITY_WARNING, text,
                                  _("“%s” is not a care class (1, 2 or 3); it was left empty."),
                                  text);
    }

  if (ok)
    serah_import_check_areas (ctx, line, &p);
  if (!ok)
    {
      ctx->reader_counts.rejected++;
      serah_participant_clear (&p);
      return;
    }

  if (check_seen (ctx, line, &p, &row))
    queue_row (ctx, line, &p, &row); /* takes p's strings */
  serah_participant_clear (&p);
}
