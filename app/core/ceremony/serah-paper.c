/* serah-paper.c: the ceremony's paper in Indonesian, as Indonesian government offices write
 * it: the "Daftar Tanda Terima" (the list people sign on the day, also the fallback when the
 * laptop dies) and the "Berita Acara Serah Terima" (the formal report, with the date written
 * out in words). Letterhead from the settings office-region, office-name, office-address.
 */
#define G_LOG_DOMAIN "serah-paper"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>
#include <serah/admin/serah-audit.h>

#include "ceremony/serah-paper-private.h"
#include "store/serah-store-private.h"

G_DEFINE_QUARK (serah-paper-error-quark, serah_paper_error)

static const char *const kind_names[] = { "tanda-terima", "berita-acara" };

gboolean
serah_paper_kind_from_string (const char *name, SerahPaperKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (SerahPaperKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
serah_paper_kind_to_string (SerahPaperKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

/* ---- Indonesian words: the documents are Indonesian whatever the UI language ---- */

static const char *const units[] = {
  "", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
};
static const char *const months[] = {
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
};
static const char *const days[] = {
  "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", /* ISO: Monday = 1 */
};

static void
append_word (GString *s, const char *word)
{
  if (*word == '\0')
    return;
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append (s, word);
}

/* 1..999; "se-" forms for one hundred, eleven and ten. */
static void
words_below_thousand (GString *s, int n)
{
  int hundreds = n / 100, rest = n % 100;

  if (hundreds == 1)
    append_word (s, "seratus");
  else if (hundreds > 1)
    {
      append_word (s, units[hundreds]);
      append_word (s, "ratus");
    }
  if (rest == 10)
    append_word (s, "sepuluh");
  else if (rest == 11)
    append_word (s, "sebelas");
  else if (rest > 11 && rest < 20)
    {
      append_word (s, units[rest % 10]);
      append_word (s, "belas");
    }
  else
    {
      if (rest >= 20)
        {
          append_word (s, units[rest / 10]);
          append_word (s, "puluh");
        }
      append_word (s, units[rest % 10]);
    }
}

char *
serah_paper_number_in_words (gint64 n)
{
  static const struct { gint64 value; const char *name; } scales[] = {
    { G_GINT64_CONSTANT (1000000000000), "triliun" },
    { 1000000000, "miliar" },
    { 1000000, "juta" },
  };
  GString *s = g_string_new (NULL);

  if (n == 0)
    {
      g_string_free (s, TRUE);
      return g_strdup ("nol");
    }
  if (n < 0)
    {
      append_word (s, "minus");
      n = -n;
    }
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    if (n >= scales[i].value)
      {
        g_autofree char *part = serah_paper_number_in_words (n / scales[i].value);
        append_word (s, part);
        append_word (s, scales[i].name);
        n %= scales[i].value;
      }
  if (n >= 1000)
    {
      if (n / 1000 == 1)
        append_word (s, "seribu");
      else
        {
          words_below_thousand (s, (int) (n / 1000));
          append_word (s, "ribu");
        }
      n %= 1000;
    }
  if (n > 0)
    words_below_thousand (s, (int) n);
  return g_string_free (s, FALSE);
}

static GDateTime *
parse_iso_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !serah_date_is_valid (y, m, d))
    return NULL;
  return g_date_time_new_utc (y, m, d, 12, 0, 0);
}

char *
serah_paper_date_in_words (const char *iso_date)
{
  g_autoptr(GDateTime) date = parse_iso_date (iso_date);
  g_autofree char *day = NULL, *year = NULL;

  if (date == NULL)
    return NULL;
  day = serah_paper_number_in_words (g_date_time_get_day_of_month (date));
  year = serah_paper_number_in_words (g_date_time_get_year (date));
  return g_strdup_printf ("%s tanggal %s bulan %s tahun %s",
                          days[g_date_time_get_day_of_week (date) - 1], day,
                          months[g_date_time_get_month (date) - 1], year);
}

char *
serah_paper_date_long (const char *iso_date)
{
  g_autoptr(GDateTime) date = parse_iso_date (iso_date);

  if (date == NULL)
    return NULL;
  return g_strdup_printf ("%s, %d %s %d", days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date));
}

static char *
date_plain (const char *iso_date)
{
  g_autoptr(GDateTime) date = parse_iso_date (iso_date);

  if (date == NULL)
    return g_strdup (iso_date ? iso_date : "");
  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date));
}

static char *
time_short (gint64 unix_seconds)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (unix_seconds);
  return g_date_time_format (t, "%d/%m/%Y %H.%M");
}

/* ---- shared parts ---- */

typedef struct {
  SerahStore              *store;
  const SerahPaperOptions *options;
  SerahCeremony           *ceremony;
  char                    *office_region;  /* "PEMERINTAH KABUPATEN PANDEGLANG" or NULL */
  char                    *office_name;
  char                    *office_address;
  /* Tanda terima walk: */
  char                    *group_kecamatan;
  char                    *group_desa;
  gint64                   group_row;
  gint64                   rows;
  gboolean                 group_continues;
} Paper;

static char *
esc (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}

/* The letterhead (kop surat): region, office, address, then the thick-and-thin double rule. */
static void
draw_letterhead (SerahPaperDoc *doc, Paper *paper)
{
  g_autofree char *office_upper = g_utf8_strup (paper->office_name, -1);

  if (paper->office_region != NULL)
    {
      g_autofree char *region = g_utf8_strup (paper->office_region, -1);
      serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Bold 13", region, FALSE,
                                 SERAH_PAPER_ALIGN_CENTER, 0, 0);
    }
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Bold 15", office_upper, FALSE,
                             SERAH_PAPER_ALIGN_CENTER, 0, 1);
  if (paper->office_address != NULL)
    serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 9.5", paper->office_address, FALSE,
                               SERAH_PAPER_ALIGN_CENTER, 0, 0);
  doc->y += 3;
  serah_paper_doc_rule (doc, 2.2, 2.4);
  serah_paper_doc_rule (doc, 0.7, 12);
}

static char *
footer_text (Paper *paper, const char *what)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *printed = g_date_time_format (now, "%d/%m/%Y %H.%M");
  return g_strdup_printf ("Dicetak %s · %s · %s", printed, what, paper->ceremony->name);
}

static gboolean
check_cancelled (SerahPaperDoc *doc, GError **error)
{
  if (g_cancellable_is_cancelled (doc->cancellable))
    {
      g_set_error_literal (error, SERAH_PAPER_ERROR, SERAH_PAPER_ERROR_CANCELLED,
                           _("Cancelled."));
      return FALSE;
    }
  return TRUE;
}

static char *
masked_nik (Paper *paper, const SerahParticipant *p)
{
  return paper->options && paper->options->show_full_nik ? g_strdup (p->nik)
                                                         : serah_nik_mask (p->nik);
}

static const char *
entry_group (const SerahCheckoffEntry *e)
{
  if (e->card != NULL && e->card->stack_group != NULL)
    return e->card->stack_group;
  return e->participant->desa ? e->participant->desa : "";
}

/* ---- Daftar tanda terima ---- */

/* The columns of every table add up to the text area (170 mm = 481.9 pt). NIK and card
 * number are identifiers: wide enough for a masked NIK at 7.5 pt on one line, and if a font
 * runs wider they shrink rather than wrap (a NIK broken over two lines is misread). */
static const SerahPaperColumn receipt_columns[] = {
  { "No", 20, SERAH_PAPER_ALIGN_CENTER, FALSE },
  { "Nama Peserta", 92, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "NIK", 74, SERAH_PAPER_ALIGN_LEFT, TRUE },
  { "No. Kartu JKN", 66, SERAH_PAPER_ALIGN_LEFT, TRUE },
  { "Alamat", 64, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "Tanda Tangan /\nCap Jempol", 90, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "Diterima oleh (wakil): nama, hubungan", 75.9, SERAH_PAPER_ALIGN_LEFT, FALSE },
};
#define RECEIPT_ROW_HEIGHT 31.0
#define RECEIPT_HEADER_HEIGHT 24.0

static void
receipt_group_heading (SerahPaperDoc *doc, Paper *paper)
{
  g_autofree char *desa = esc (paper->group_desa);
  g_autofree char *kec = esc (paper->group_kecamatan);
  g_autofree char *text = g_strdup_printf ("Desa/Kelurahan: <b>%s</b>    Kecamatan: <b>%s</b>%s",
                                           *desa ? desa : "(tanpa desa)", kec,
                                           paper->group_continues ? "    <i>(lanjutan)</i>" : "");
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SANS " 9.5", text, TRUE, SERAH_PAPER_ALIGN_LEFT, 0,
                             4);
}

/* Pages after the first: a running head naming the list, then the desa (continued). */
static void
receipt_page_start (SerahPaperDoc *doc, gpointer data)
{
  Paper *paper = data;
  g_autofree char *name = esc (paper->ceremony->name);
  g_autofree char *date = serah_paper_date_long (paper->ceremony->date);
  g_autofree char *head = g_strdup_printf ("<b>DAFTAR TANDA TERIMA KARTU JKN-KIS</b> · %s · %s",
                                           name, date ? date : paper->ceremony->date);

  serah_paper_doc_paragraph (doc, SERAH_PAPER_SANS " 8", head, TRUE, SERAH_PAPER_ALIGN_LEFT, 0, 2);
  serah_paper_doc_rule (doc, 0.5, 6);
  if (paper->group_desa != NULL)
    receipt_group_heading (doc, paper);
}

static void
receipt_title (SerahPaperDoc *doc, Paper *paper)
{
  g_autofree char *name = esc (paper->ceremony->name);
  g_autofree char *place = esc (paper->ceremony->place);
  g_autofree char *date = serah_paper_date_long (paper->ceremony->date);

  draw_letterhead (doc, paper);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Bold 13",
                             "DAFTAR TANDA TERIMA KARTU JKN-KIS", FALSE,
                             SERAH_PAPER_ALIGN_CENTER, 0, 8);
  /* Each value wraps in its own column: a long activity name never runs under its label. */
  if (doc->report != NULL && doc->cr != NULL)
    serah_fit_report_set_record (doc->report, NULL);
  serah_paper_doc_label_value (doc, SERAH_PAPER_SERIF " 10.5", "Kegiatan", name, 80, 1);
  serah_paper_doc_label_value (doc, SERAH_PAPER_SERIF " 10.5", "Hari/Tanggal",
                               date ? date : paper->ceremony->date, 80, 1);
  serah_paper_doc_label_value (doc, SERAH_PAPER_SERIF " 10.5", "Tempat", place, 80, 10);
}

static void
signature_marks (SerahPaperDoc *doc, double top, gint64 row, const SerahCheckoffEntry *e)
{
  double x = doc->left;
  g_autofree char *number = NULL;

  if (doc->cr == NULL)
    return;
  for (guint i = 0; i < 5; i++)
    x += receipt_columns[i].width;
  /* The classic zig-zag: odd numbers sign on the left, even ones half way across, so
   * neighbours' signatures do not run into each other. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT ".", row);
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  serah_paper_doc_text_at (doc, x + 2.5 + (row % 2 == 0 ? receipt_columns[5].width / 2 : 0),
                           top + 2.5, 30, SERAH_PAPER_SANS " 7", number, FALSE,
                           SERAH_PAPER_ALIGN_LEFT, 1);
  cairo_restore (doc->cr);
}

static gboolean
receipt_row (const SerahCheckoffEntry *e, gpointer data, GError **error)
{
  SerahPaperDoc *doc = ((gpointer *) data)[0];
  Paper *paper = ((gpointer *) data)[1];
  const char *group = entry_group (e);
  const char *kecamatan = e->participant->kecamatan ? e->participant->kecamatan : "";
  g_autofree char *no = NULL, *name = NULL, *nik = NULL, *card = NULL, *address = NULL;
  g_autofree char *signed_cell = NULL, *proxy = NULL, *nik_plain = NULL;
  const char *cells[7];
  double top;

  if ((paper->rows & 255) == 0 && !check_cancelled (doc, error))
    return FALSE;

  if (paper->group_desa == NULL || g_strcmp0 (group, paper->group_desa) != 0 ||
      g_strcmp0 (kecamatan, paper->group_kecamatan) != 0)
    {
      /* Every desa starts on a page of its own, so the list can be split between tables. */
      gboolean first = paper->group_desa == NULL;

      serah_paper_doc_table_close (doc);
      g_free (paper->group_desa);
      g_free (paper->group_kecamatan);
      paper->group_desa = g_strdup (group);
      paper->group_kecamatan = g_strdup (kecamatan);
      paper->group_row = 0;
      paper->group_continues = FALSE;
      if (!first)
        serah_paper_doc_new_page (doc);
      else
        receipt_group_heading (doc, paper);
      paper->group_continues = TRUE;
      serah_paper_doc_table_open (doc, receipt_columns, G_N_ELEMENTS (receipt_columns),
                                  RECEIPT_HEADER_HEIGHT, RECEIPT_ROW_HEIGHT);
    }
  paper->group_row++;
  paper->rows++;

  /* Built in the measuring passes too: a row is as tall as its text needs. */
    {
      g_autofree char *name_text = esc (e->participant->name);
      nik_plain = masked_nik (paper, e->participant);
      no = g_strdup_printf ("%" G_GINT64_FORMAT, paper->group_row);
      name = g_strdup_printf ("<b>%s</b>%s", name_text,
                              e->invited ? ""
                                         : "\n<span size='smaller'><i>(tidak diundang)</i></span>");
      nik = esc (nik_plain);
      if (e->card != NULL)
        card = g_strdup_printf ("%s\n<span size='smaller' foreground='#555'>tumpukan ke-%d</span>",
                                e->participant->card_no, e->card->stack_index);
      else
        card = g_strdup_printf ("%s\n<span size='smaller' foreground='#555'>belum dicetak</span>",
                                e->participant->card_no);
      address = esc (e->participant->address);
      if (e->handover != NULL)
        {
          g_autofree char *when = time_short (e->handover->handed_at);
          signed_cell = g_strdup_printf ("\n<span size='smaller'><i>Sudah diserahkan %s</i></span>",
                                         when);
          if (e->handover->recipient == SERAH_RECIPIENT_REPRESENTATIVE)
            {
              g_autofree char *pn = esc (e->handover->proxy_name);
              g_autofree char *pr = esc (e->handover->proxy_relation);
              proxy = g_strdup_printf ("%s (%s)", pn, pr);
            }
        }
    }
  cells[0] = no;
  cells[1] = name;
  cells[2] = nik;
  cells[3] = card;
  cells[4] = address;
  cells[5] = signed_cell;
  cells[6] = proxy;
  if (doc->cr != NULL && doc->report != NULL)
    {
      g_autofree char *record = g_strdup_printf ("%s %s", e->participant->card_no,
                                                 e->participant->name);
      serah_fit_report_set_record (doc->report, record);
    }
  top = serah_paper_doc_table_row (doc, cells, SERAH_PAPER_SANS " 7.5", e->handover ? 0.12 : 0);
  signature_marks (doc, top, paper->group_row, e);
  return TRUE;
}

static gboolean
draw_receipt_list (SerahPaperDoc *doc, gpointer data, GError **error)
{
  Paper *paper = data;
  gpointer walk[2] = { doc, paper };

  g_clear_pointer (&paper->group_desa, g_free);
  g_clear_pointer (&paper->group_kecamatan, g_free);
  paper->rows = 0;
  doc->page_start = receipt_page_start;
  doc->page_start_data = paper;

  receipt_title (doc, paper);
  if (!serah_ceremony_foreach_entry (paper->store, paper->ceremony->id, SERAH_ENTRIES_ALL,
                                     paper->options ? paper->options->desa : NULL, receipt_row,
                                     walk, error))
    return FALSE;
  serah_paper_doc_table_close (doc);
  if (paper->rows == 0)
    serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Italic 10.5",
                               "Belum ada peserta yang diundang ke kegiatan ini.", FALSE,
                               SERAH_PAPER_ALIGN_LEFT, 0, 0);
  serah_paper_doc_finish (doc);
  return TRUE;
}

/* ---- Berita acara ---- */

static const SerahPaperColumn area_columns[] = {
  { "No", 20, SERAH_PAPER_ALIGN_CENTER, FALSE },
  { "Kecamatan", 86, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "Desa/Kelurahan", 100, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "Diundang", 50, SERAH_PAPER_ALIGN_RIGHT, TRUE },
  { "Diterima\nlangsung", 54, SERAH_PAPER_ALIGN_RIGHT, TRUE },
  { "Melalui\nwakil", 50, SERAH_PAPER_ALIGN_RIGHT, TRUE },
  { "Belum\ndiserahkan", 62, SERAH_PAPER_ALIGN_RIGHT, TRUE },
  { "%", 59.9, SERAH_PAPER_ALIGN_RIGHT, TRUE },
};

static const SerahPaperColumn pending_columns[] = {
  { "No", 24, SERAH_PAPER_ALIGN_CENTER, FALSE },
  { "Nama Peserta", 126, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "NIK", 76, SERAH_PAPER_ALIGN_LEFT, TRUE },
  { "No. Kartu JKN", 66, SERAH_PAPER_ALIGN_LEFT, TRUE },
  { "Desa/Kelurahan", 96, SERAH_PAPER_ALIGN_LEFT, FALSE },
  { "Kecamatan", 93.9, SERAH_PAPER_ALIGN_LEFT, FALSE },
};

static void
report_page_start (SerahPaperDoc *doc, gpointer data)
{
  Paper *paper = data;
  g_autofree char *name = esc (paper->ceremony->name);
  g_autofree char *date = serah_paper_date_long (paper->ceremony->date);
  g_autofree char *head = g_strdup_printf ("Berita Acara Serah Terima Kartu JKN-KIS · %s · %s",
                                           name, date ? date : paper->ceremony->date);

  serah_paper_doc_paragraph (doc, SERAH_PAPER_SANS " Italic 8", head, TRUE,
                             SERAH_PAPER_ALIGN_RIGHT, 0, 2);
  serah_paper_doc_rule (doc, 0.5, 8);
}

static char *
count_line (int n, const char *label, gint64 value, const char *unit)
{
  g_autofree char *words = serah_paper_number_in_words (value);
  return g_strdup_printf ("%d.\t%s\t: <b>%" G_GINT64_FORMAT "</b> (%s) %s", n, label, value,
                          words, unit);
}

static void
report_counts (SerahPaperDoc *doc, const SerahCeremonyProgress *p)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gint64 invited_served = p->total.handed_over - p->total.uninvited;
  g_autofree char *text = NULL;
  PangoTabArray *tabs = pango_tab_array_new_with_positions (2, TRUE, PANGO_TAB_LEFT, 16,
                                                            PANGO_TAB_LEFT, 250);
  int n = 1;

  g_ptr_array_add (lines, count_line (n++, "Jumlah peserta yang diundang", p->total.invited,
                                      "orang"));
  g_ptr_array_add (lines, count_line (n++, "Kartu diterima langsung oleh peserta",
                                      p->total.to_self, "kartu"));
  g_ptr_array_add (lines, count_line (n++, "Kartu diterima melalui wakil/kuasa",
                                      p->total.to_representative, "kartu"));
  g_ptr_array_add (lines, count_line (n++, "Kartu yang belum diserahkan",
                                      MAX (0, p->total.invited - invited_served), "kartu"));
  if (p->total.uninvited > 0)
    g_ptr_array_add (lines, count_line (n++, "Diserahkan kepada peserta di luar undangan",
                                        p->total.uninvited, "kartu"));
  g_ptr_array_add (lines, NULL);
  text = g_strjoinv ("\n", (char **) lines->pdata);
  pango_layout_set_tabs (doc->layout, tabs);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11", text, TRUE, SERAH_PAPER_ALIGN_LEFT, 14,
                             8);
  pango_layout_set_tabs (doc->layout, NULL);
  pango_tab_array_free (tabs);
}

static void
report_area_table (SerahPaperDoc *doc, const SerahCeremonyProgress *p)
{
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11",
                             "Rincian per desa/kelurahan adalah sebagai berikut:", FALSE,
                             SERAH_PAPER_ALIGN_LEFT, 0, 5);
  serah_paper_doc_table_open (doc, area_columns, G_N_ELEMENTS (area_columns), 22, 13);
  for (guint i = 0; i <= p->areas->len; i++)
    {
      const SerahProgressRow *r = i < p->areas->len ? p->areas->pdata[i] : &p->total;
      gint64 served = r->handed_over - r->uninvited;
      g_autofree char *no = i < p->areas->len ? g_strdup_printf ("%u", i + 1) : NULL;
      g_autofree char *kec = i < p->areas->len ? esc (r->kecamatan) : g_strdup ("<b>Jumlah</b>");
      g_autofree char *desa = esc (r->desa);
      g_autofree char *inv = g_strdup_printf ("%" G_GINT64_FORMAT, r->invited);
      g_autofree char *self = g_strdup_printf ("%" G_GINT64_FORMAT, r->to_self);
      g_autofree char *rep = g_strdup_printf ("%" G_GINT64_FORMAT, r->to_representative);
      g_autofree char *left = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (0, r->invited - served));
      g_autofree char *pct = r->invited ? g_strdup_printf ("%.1f%%", 100.0 * served / r->invited)
                                        : g_strdup ("–");
      const char *cells[] = { no, kec, desa, inv, self, rep, left, pct };

      serah_paper_doc_table_row (doc, cells,
                                 i < p->areas->len ? SERAH_PAPER_SANS " 7.5"
                                                   : SERAH_PAPER_SANS " Bold 7.5",
                                 i < p->areas->len ? 0 : 0.08);
    }
  serah_paper_doc_table_close (doc);
  doc->y += 10;
}

static void
report_signatures (SerahPaperDoc *doc, Paper *paper)
{
  double w = doc->right - doc->left, col = w / 2, top;
  g_autofree char *place = esc (paper->ceremony->place);
  g_autofree char *date = date_plain (paper->ceremony->date);
  g_autofree char *region = paper->office_region ? esc (paper->office_region) : NULL;
  g_autofree char *office = esc (paper->office_name);
  g_autofree char *head = g_strdup_printf ("%s, %s", place, date);
  g_autofree char *knowing = g_strdup_printf ("Mengetahui,\nKepala %s%s%s", office,
                                              region ? "\n" : "", region ? region : "");
  const char *font = SERAH_PAPER_SERIF " 11";
  const char *blank = "(.......................................................)\n"
                      "NIP. ..........................................";

  /* The three signature blocks stay together on one page. */
  serah_paper_doc_need (doc, 290);
  /* A long place name wraps: the blocks start below however many lines it took. */
  doc->y += serah_paper_doc_text_at (doc, doc->left + col, doc->y, col, font, head, FALSE,
                                     SERAH_PAPER_ALIGN_CENTER, 0) + 4;
  top = doc->y;
  serah_paper_doc_text_at (doc, doc->left, top, col, font,
                           "Yang menyerahkan,\nPetugas Dinas Kesehatan", FALSE,
                           SERAH_PAPER_ALIGN_CENTER, 0);
  serah_paper_doc_text_at (doc, doc->left + col, top, col, font,
                           "Yang menerima,\nPerwakilan Peserta / Kepala Desa", FALSE,
                           SERAH_PAPER_ALIGN_CENTER, 0);
  top += 82;
  serah_paper_doc_text_at (doc, doc->left, top, col, font, blank, FALSE,
                           SERAH_PAPER_ALIGN_CENTER, 0);
  serah_paper_doc_text_at (doc, doc->left + col, top, col, font,
                           "(.......................................................)", FALSE,
                           SERAH_PAPER_ALIGN_CENTER, 0);
  top += 44;
  top += serah_paper_doc_text_at (doc, doc->left + w / 4, top, col, font, knowing, FALSE,
                                  SERAH_PAPER_ALIGN_CENTER, 0);
  top += 66;
  serah_paper_doc_text_at (doc, doc->left + w / 4, top, col, font, blank, FALSE,
                           SERAH_PAPER_ALIGN_CENTER, 0);
  doc->y = top + 30;
}

static gboolean
pending_row (const SerahCheckoffEntry *e, gpointer data, GError **error)
{
  SerahPaperDoc *doc = ((gpointer *) data)[0];
  Paper *paper = ((gpointer *) data)[1];
  g_autofree char *no = NULL, *name = NULL, *nik = NULL, *nik_plain = NULL;
  g_autofree char *desa = NULL, *kec = NULL;

  if ((paper->rows & 255) == 0 && !check_cancelled (doc, error))
    return FALSE;
  paper->rows++;
  if (doc->report != NULL && doc->cr != NULL)
    {
      g_autofree char *record = g_strdup_printf ("%s %s", e->participant->card_no,
                                                 e->participant->name);
      serah_fit_report_set_record (doc->report, record);
    }
  /* Built in the measuring passes too: a row is as tall as its text needs. */
    {
      nik_plain = masked_nik (paper, e->participant);
      no = g_strdup_printf ("%" G_GINT64_FORMAT, paper->rows);
      name = esc (e->participant->name);
      nik = esc (nik_plain);
      desa = esc (entry_group (e));
      kec = esc (e->participant->kecamatan);
    }
  {
    const char *cells[] = { no, name, nik, e->participant->card_no, desa, kec };
    serah_paper_doc_table_row (doc, cells, SERAH_PAPER_SANS " 7.5", 0);
  }
  return TRUE;
}

static gboolean
draw_report (SerahPaperDoc *doc, gpointer data, GError **error)
{
  Paper *paper = data;
  g_autoptr(SerahCeremonyProgress) p = NULL;
  g_auto(GStrv) operators = NULL;
  g_autofree char *in_words = serah_paper_date_in_words (paper->ceremony->date);
  g_autofree char *place = esc (paper->ceremony->place);
  g_autofree char *name = esc (paper->ceremony->name);
  g_autofree char *opening = NULL, *officers = NULL, *year = NULL;
  gpointer walk[2] = { doc, paper };

  p = serah_ceremony_get_progress (paper->store, paper->ceremony->id, error);
  if (p == NULL)
    return FALSE;
  operators = serah_ceremony_list_operators (paper->store, paper->ceremony->id, error);
  if (operators == NULL)
    return FALSE;

  doc->page_start = report_page_start;
  doc->page_start_data = paper;
  draw_letterhead (doc, paper);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Bold 13",
                             "<u>BERITA ACARA SERAH TERIMA KARTU JKN-KIS</u>", TRUE,
                             SERAH_PAPER_ALIGN_CENTER, 0, 1);
  year = g_strndup (paper->ceremony->date, 4);
  {
    g_autofree char *number = g_strdup_printf ("Nomor: ........../........../%s", year);
    serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11", number, FALSE,
                               SERAH_PAPER_ALIGN_CENTER, 0, 16);
  }

  opening = g_strdup_printf (
    "Pada hari ini %s, bertempat di %s, telah dilaksanakan serah terima Kartu Jaminan "
    "Kesehatan Nasional – Kartu Indonesia Sehat (JKN-KIS) kepada peserta dalam kegiatan "
    "<i>%s</i>, dengan rincian sebagai berikut:",
    in_words ? in_words : paper->ceremony->date, place, name);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11", opening, TRUE,
                             SERAH_PAPER_ALIGN_JUSTIFY, 0, 8);
  report_counts (doc, p);

  if (operators[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", operators);
      g_autofree char *list_esc = esc (list);
      officers = g_strdup_printf ("Serah terima dicatat oleh petugas: %s.", list_esc);
    }
  else
    officers = g_strdup ("Belum ada serah terima yang dicatat.");
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11", officers, TRUE,
                             SERAH_PAPER_ALIGN_JUSTIFY, 0, 8);
  if (p->conflicts > 0)
    {
      g_autofree char *note = g_strdup_printf (
        "Catatan: terdapat %" G_GINT64_FORMAT " kartu yang tercatat diserahkan lebih dari "
        "satu kali di meja yang berbeda dan masih perlu diperiksa.",
        p->conflicts);
      serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Italic 11", note, FALSE,
                                 SERAH_PAPER_ALIGN_JUSTIFY, 0, 8);
    }

  report_area_table (doc, p);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " 11",
                             "Daftar kartu yang belum diserahkan terlampir. Demikian berita acara "
                             "ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana "
                             "mestinya.",
                             FALSE, SERAH_PAPER_ALIGN_JUSTIFY, 0, 14);
  report_signatures (doc, paper);

  /* Lampiran: the cards not handed over, on pages of their own. */
  serah_paper_doc_new_page (doc);
  serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Bold 12",
                             "Lampiran: Daftar Kartu JKN-KIS yang Belum Diserahkan", FALSE,
                             SERAH_PAPER_ALIGN_LEFT, 0, 6);
  paper->rows = 0;
  serah_paper_doc_table_open (doc, pending_columns, G_N_ELEMENTS (pending_columns), 16, 13);
  if (!serah_ceremony_foreach_entry (paper->store, paper->ceremony->id, SERAH_ENTRIES_PENDING,
                                     NULL, pending_row, walk, error))
    return FALSE;
  serah_paper_doc_table_close (doc);
  if (paper->rows == 0)
    serah_paper_doc_paragraph (doc, SERAH_PAPER_SERIF " Italic 11",
                               "Nihil: semua kartu telah diserahkan.", FALSE,
                               SERAH_PAPER_ALIGN_LEFT, 0, 0);
  serah_paper_doc_finish (doc);
  return TRUE;
}

/* ---- entry point ---- */

int
serah_paper_write (SerahStore *store, gint64 ceremony_id, SerahPaperKind kind,
                   const SerahPaperOptions *options, const char *path, GCancellable *cancellable,
                   GError **error)
{
  Paper paper = { 0 };
  g_autofree char *footer = NULL;
  const char *title;
  int pages;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (path != NULL, 0);

  paper.ceremony = serah_ceremony_get (store, ceremony_id, error);
  if (paper.ceremony == NULL)
    return 0;
  paper.store = store;
  paper.options = options;
  paper.office_name = g_strdup (options && options->office_name ? options->office_name : NULL);
  if (paper.office_name == NULL)
    paper.office_name = serah_store_get_setting (store, "office-name");
  if (paper.office_name == NULL)
    paper.office_name = g_strdup ("Dinas Kesehatan");
  paper.office_region = serah_store_get_setting (store, "office-region");
  paper.office_address = serah_store_get_setting (store, "office-address");

  title = kind == SERAH_PAPER_TANDA_TERIMA ? "Daftar Tanda Terima Kartu JKN-KIS"
                                           : "Berita Acara Serah Terima Kartu JKN-KIS";
  footer = footer_text (&paper, title);
  pages = serah_paper_doc_write (path, title, footer,
                                 kind == SERAH_PAPER_TANDA_TERIMA ? draw_receipt_list : draw_report,
                                 &paper, options ? options->fit_report : NULL, cancellable,
                                 error);
  /* Lists of people leave the program here: recorded, or the file does not stay. */
  if (pages > 0)
    {
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
      g_autofree char *details = serah_audit_details ("file", path, "kind",
                                                      serah_paper_kind_to_string (kind),
                                                      "desa", options ? options->desa : NULL,
                                                      NULL);
      g_autofree char *action = g_strconcat ("paper.", serah_paper_kind_to_string (kind), NULL);
      if (!serah_audit_record (store, options ? options->operator_name : NULL, action, subject,
                               details, error))
        {
          g_remove (path);
          pages = 0;
        }
    }

  serah_ceremony_free (paper.ceremony);
  g_free (paper.office_name);
  g_free (paper.office_region);
  g_free (paper.office_address);
  g_free (paper.group_desa);
  g_free (paper.group_kecamatan);
  return pages;
}
