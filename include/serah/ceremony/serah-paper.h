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
GQuark serah_paper_error_quark (void);

typedef enum {
  SERAH_PAPER_TANDA_TERIMA,
  SERAH_PAPER_BERITA_ACARA,
} SerahPaperKind;

/* "tanda-terima" / "berita-acara" <-> kind; FALSE for an unknown name. */
gboolean    serah_paper_kind_from_string (const char     *name,
                                          SerahPaperKind *kind);
const char *serah_paper_kind_to_string   (SerahPaperKind  kind);

typedef struct {
  const char *office_name;  /* heading line; NULL: the "office-name" setting */
  const char *desa;         /* tanda terima: only this desa; NULL = all */
  gboolean    show_full_nik; /* default masked (UU PDP); only for a signed-off need */
  const char *operator_name; /* recorded in the audit log; NULL: the system user name */
  SerahFitReport *fit_report; /* when set: what was shrunk below its floor or ellipsized */
} SerahPaperOptions;

/* Writes the PDF to path (written to a temporary file and renamed, so a failure never
 * leaves half a file) and records it in the audit log ("paper.tanda-terima" /
 * "paper.berita-acara"). options may be NULL. Returns the number of pages, 0 on error. */
int serah_paper_write (SerahStore              *store,
                       gint64                   ceremony_id,
                       SerahPaperKind           kind,
                       const SerahPaperOptions *options,
                       const char              *path,
                       GCancellable            *cancellable,
                       GError                 **error);

/* Indonesian words for the formal style. New strings.
 * serah_paper_number_in_words (2026) = "dua ribu dua puluh enam";
 * serah_paper_date_in_words ("2026-11-24") = "Selasa tanggal dua puluh empat bulan November
 * tahun dua ribu dua puluh enam"; NULL for an invalid date.
 * serah_paper_date_long ("2026-11-24") = "Selasa, 24 November 2026". */
char *serah_paper_number_in_words (gint64      n);
char *serah_paper_date_in_words   (const char *iso_date);
char *serah_paper_date_long       (const char *iso_date);

G_END_DECLS
