/* serah-paper.h: the ceremony's paper, as A4 PDFs in Indonesian (Cairo + Pango):
 *  - Daftar tanda terima: the check-off list to be signed on the day (and the fallback when
 *    the laptop dies): invited people by desa in card-stack order, masked NIK, card number,
 *    a wide signature / thumbprint box and a "received by (representative)" box; people
 *    already handed over are marked.
 *  - Berita acara serah terima: the formal report: date in words, place, counts, officers,
 *    per-desa table, the cards not handed over, signature blocks.
 */
#pragma once

#include <gio/gio.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/output/serah-fit-report.h>

G_BEGIN_DECLS

#define SERAH_PAPER_ERROR (serah_paper_error_quark ())
typedef enum {
  SERAH_PAPER_ERROR_WRITE,     /* cannot write the PDF */
  SERAH_PAPER_ERROR_CANCELLED,
} SerahPaperError;

/**
 * serah_paper_error_quark:
 *
 * Returns: the quark of #SerahPaperError
 */
GQuark serah_paper_error_quark (void);

typedef enum {
  SERAH_PAPER_TANDA_TERIMA,
  SERAH_PAPER_BERITA_ACARA,
} SerahPaperKind;

/**
 * serah_paper_kind_from_string:
 * @name: (nullable): "tanda-terima" or "berita-acara"
 * @kind: (out): the kind read
 *
 * Returns: %TRUE and @kind written, %FALSE for an unknown name
 */
gboolean    serah_paper_kind_from_string (const char     *name,
                                          SerahPaperKind *kind);

/**
 * serah_paper_kind_to_string:
 * @kind: a kind of paper
 *
 * Returns: (transfer none): "tanda-terima" or "berita-acara" (static)
 */
const char *serah_paper_kind_to_string   (SerahPaperKind  kind);

typedef struct {
  const char *office_name;  /* heading line; NULL: the "office-name" setting */
  const char *desa;         /* tanda terima: only this desa; NULL = all */
  gboolean    show_full_nik; /* default masked (UU PDP); only for a signed-off need */
  const char *operator_name; /* recorded in the audit log; NULL: the system user name */
  SerahFitReport *fit_report; /* when set: what was shrunk below its floor or ellipsized */
} SerahPaperOptions;

/**
 * serah_paper_write:
 * @store: the office database
 * @ceremony_id: the ceremony
 * @kind: which paper
 * @options: (nullable): office name, desa, full NIK, operator
 * @path: the PDF to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the PDF (to a temporary file, then renamed, so a failure never leaves half a file)
 * and records it in the audit log ("paper.tanda-terima" / "paper.berita-acara").
 *
 * Returns: the number of pages, or 0 with @error set
 */
int serah_paper_write (SerahStore              *store,
                       gint64                   ceremony_id,
                       SerahPaperKind           kind,
                       const SerahPaperOptions *options,
                       const char              *path,
                       GCancellable            *cancellable,
                       GError                 **error);

/**
 * serah_paper_number_in_words:
 * @n: a number
 *
 * Indonesian words for the formal style: 2026 is "dua ribu dua puluh enam".
 *
 * Returns: (transfer full): the words; free with g_free()
 */
char *serah_paper_number_in_words (gint64      n);

/**
 * serah_paper_date_in_words:
 * @iso_date: a date, yyyy-mm-dd
 *
 * "2026-11-24" is "Selasa tanggal dua puluh empat bulan November tahun dua ribu dua puluh
 * enam".
 *
 * Returns: (transfer full) (nullable): the words, or %NULL for an invalid date
 */
char *serah_paper_date_in_words   (const char *iso_date);

/**
 * serah_paper_date_long:
 * @iso_date: a date, yyyy-mm-dd
 *
 * "2026-11-24" is "Selasa, 24 November 2026".
 *
 * Returns: (transfer full) (nullable): the date, or %NULL for an invalid date
 */
char *serah_paper_date_long       (const char *iso_date);

G_END_DECLS
