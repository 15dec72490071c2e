/* serah-template.h: card templates and sheet layouts, loaded from human-editable key files
 * (print-templates/README.md documents the format).
 *
 * A card template (NAME.card) describes one card: its size in mm, bleed, safe margin, and the
 * elements of its front and optional back (text bound to participant fields, static text,
 * boxes, lines, images, the QR code). A sheet (NAME.sheet) describes the paper: its size and
 * the grid of slots the cards are printed into. Both are immutable once loaded and shared by
 * reference, so the preview, the PDF writer and the tests use one parsed copy.
 *
 * Names are looked up in the folders of $SERAH_TEMPLATES_DIR (separated by ':'), then the
 * installed folder beside the program (bin/../share/serah/print-templates), then the
 * configured one; anything containing a '/' or ending in .card/.sheet is taken as a path.
 */
#pragma once

#include <glib-object.h>
#include <serah/cards/serah-payload.h>

G_BEGIN_DECLS

#define SERAH_TEMPLATE_ERROR (serah_template_error_quark ())
typedef enum {
  SERAH_TEMPLATE_ERROR_NOT_FOUND,   /* no template or sheet of that name */
  SERAH_TEMPLATE_ERROR_SYNTAX,      /* not a key file: the line is named */
  SERAH_TEMPLATE_ERROR_INVALID,     /* a key is missing, unknown or has a bad value */
  SERAH_TEMPLATE_ERROR_OUTSIDE,     /* an element leaves the safe area (or the bleed) */
  SERAH_TEMPLATE_ERROR_IMAGE,       /* a logo file is missing or unreadable */
  SERAH_TEMPLATE_ERROR_MISMATCH,    /* the card does not fit the sheet's slots */
} SerahTemplateError;
GQuark serah_template_error_quark (void);

typedef enum {
  SERAH_CARD_FRONT,
  SERAH_CARD_BACK,
} SerahCardSide;

/* A rectangle in millimetres. */
typedef struct {
  double x, y, width, height;
} SerahRect;

typedef enum {
  SERAH_TEMPLATE_KIND_CARD,  /* *.card */
  SERAH_TEMPLATE_KIND_SHEET, /* *.sheet */
} SerahTemplateKind;

/* ---- card templates ---- */

typedef struct _SerahCardTemplate SerahCardTemplate;

#define SERAH_TYPE_CARD_TEMPLATE (serah_card_template_get_type ())
GType              serah_card_template_get_type (void) G_GNUC_CONST;

/* name_or_path: "kis", "undangan", or a path to a .card file. */
SerahCardTemplate *serah_card_template_load       (const char  *name_or_path,
                                                   GError     **error);
/* Parses text as if read from display_path; images are looked up beside display_path. */
SerahCardTemplate *serah_card_template_load_data  (const char  *text,
                                                   gssize       length,
                                                   const char  *display_path,
                                                   GError     **error);
SerahCardTemplate *serah_card_template_ref        (SerahCardTemplate *self);
void               serah_card_template_unref      (SerahCardTemplate *self);

const char        *serah_card_template_get_name   (SerahCardTemplate *self);
const char        *serah_card_template_get_title  (SerahCardTemplate *self);
const char        *serah_card_template_get_path   (SerahCardTemplate *self);
/* Trimmed card size, without bleed. */
void               serah_card_template_get_size   (SerahCardTemplate *self,
                                                   double            *width_mm,
                                                   double            *height_mm);
double             serah_card_template_get_bleed  (SerahCardTemplate *self);
double             serah_card_template_get_corner_radius (SerahCardTemplate *self);
/* The area every text and QR element stays inside (card minus safe margin). */
SerahRect          serah_card_template_get_safe_area (SerahCardTemplate *self);
gboolean           serah_card_template_has_back   (SerahCardTemplate *self);
/* What the QR code carries: a card token (SRH1) or an invitation (SRU1). */
SerahPayloadKind   serah_card_template_get_payload_kind (SerahCardTemplate *self);
/* Whether {nik} prints the full NIK (template option NikDisplay=full) or the masked one. */
gboolean           serah_card_template_get_full_nik (SerahCardTemplate *self);
/* Extra fields the template prints that the print job supplies (ceremony_name, ...),
 * NULL-terminated, never NULL. */
const char *const *serah_card_template_get_extra_fields (SerahCardTemplate *self);

/* The elements, in drawing order, for inspectors and tests. */
typedef struct {
  const char   *id;    /* "name" of [front:name] */
  SerahCardSide side;
  const char   *type;  /* "text", "box", "line", "image" or "qr" */
  SerahRect     box;   /* mm; a QR code's box includes its quiet zone */
  gboolean      bleed;
  int           line;  /* line of the [group] in the file */
} SerahTemplateElement;

guint              serah_card_template_get_n_elements (SerahCardTemplate    *self);
gboolean           serah_card_template_get_element    (SerahCardTemplate    *self,
                                                       guint                 index,
                                                       SerahTemplateElement *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCardTemplate, serah_card_template_unref)

/* ---- sheets ---- */

typedef struct _SerahSheet SerahSheet;

#define SERAH_TYPE_SHEET (serah_sheet_get_type ())
GType       serah_sheet_get_type        (void) G_GNUC_CONST;

SerahSheet *serah_sheet_load            (const char  *name_or_path,
                                         GError     **error);
SerahSheet *serah_sheet_load_data       (const char  *text,
                                         gssize       length,
                                         const char  *display_path,
                                         GError     **error);
SerahSheet *serah_sheet_ref             (SerahSheet *self);
void        serah_sheet_unref           (SerahSheet *self);

const char *serah_sheet_get_name        (SerahSheet *self);
const char *serah_sheet_get_title       (SerahSheet *self);
void        serah_sheet_get_paper_size  (SerahSheet *self,
                                         double     *width_mm,
                                         double     *height_mm);
guint       serah_sheet_get_columns     (SerahSheet *self);
guint       serah_sheet_get_rows        (SerahSheet *self);
/* columns * rows */
guint       serah_sheet_get_n_slots     (SerahSheet *self);
/* Slot index 0 .. n_slots-1, row by row from the top left. */
SerahRect   serah_sheet_get_slot        (SerahSheet *self,
                                         guint       index);
/* Whether cards are turned a quarter (portrait badges on a landscape card, a4-3x3). */
gboolean    serah_sheet_get_rotated     (SerahSheet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSheet, serah_sheet_unref)

/* Checks that the template's cards fit the sheet's slots (1 mm of tolerance, for CR80
 * cards on 85 x 54 mm business-card sheets). */
gboolean    serah_sheet_check_card      (SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         GError           **error);

/* ---- finding templates ---- */

typedef struct {
  char *name;  /* "kis" */
  char *title; /* "Kartu JKN-KIS (depan + belakang)" */
  char *path;
} SerahTemplateInfo;

void        serah_template_info_free    (SerahTemplateInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahTemplateInfo, serah_template_info_free)

/* Every template of that kind found in the search path, by name; a name found in an earlier
 * folder hides the same name further down. Element type SerahTemplateInfo. Files that fail
 * to load are listed with their title set to the error message, so a GUI can show why. */
GPtrArray  *serah_template_list         (SerahTemplateKind kind);
/* The file a name resolves to, or NULL with SERAH_TEMPLATE_ERROR_NOT_FOUND. */
char       *serah_template_find         (SerahTemplateKind kind,
                                         const char       *name_or_path,
                                         GError          **error);

G_END_DECLS
