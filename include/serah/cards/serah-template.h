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

/**
 * serah_template_error_quark:
 *
 * Returns: the quark of #SerahTemplateError
 */
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

/**
 * serah_card_template_get_type:
 *
 * Returns: the boxed #GType of #SerahCardTemplate (reference counted)
 */
GType              serah_card_template_get_type (void) G_GNUC_CONST;

/**
 * serah_card_template_load:
 * @name_or_path: "kis", "undangan", or a path to a .card file
 * @error: return location for a #GError
 *
 * Finds (serah_template_find()) and parses a card template.
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 *   (%SERAH_TEMPLATE_ERROR, with the file and line)
 */
SerahCardTemplate *serah_card_template_load       (const char  *name_or_path,
                                                   GError     **error);

/**
 * serah_card_template_load_data:
 * @text: the template's text
 * @length: its length, or -1 when nul-terminated
 * @display_path: the path errors name; images are looked up beside it
 * @error: return location for a #GError
 *
 * Parses @text as if read from @display_path.
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 */
SerahCardTemplate *serah_card_template_load_data  (const char  *text,
                                                   gssize       length,
                                                   const char  *display_path,
                                                   GError     **error);

/**
 * serah_card_template_ref:
 * @self: a template
 *
 * Returns: (transfer full): @self, with one more reference
 */
SerahCardTemplate *serah_card_template_ref        (SerahCardTemplate *self);

/**
 * serah_card_template_unref:
 * @self: (transfer full): a template
 *
 * Drops a reference; the last one frees the template.
 */
void               serah_card_template_unref      (SerahCardTemplate *self);

/**
 * serah_card_template_get_name:
 * @self: a template
 *
 * Returns: (transfer none): the template's name ("kis"), owned by @self
 */
const char        *serah_card_template_get_name   (SerahCardTemplate *self);

/**
 * serah_card_template_get_title:
 * @self: a template
 *
 * Returns: (transfer none): the title shown to people, owned by @self
 */
const char        *serah_card_template_get_title  (SerahCardTemplate *self);

/**
 * serah_card_template_get_path:
 * @self: a template
 *
 * Returns: (transfer none): the file it was loaded from (or the display path), owned by @self
 */
const char        *serah_card_template_get_path   (SerahCardTemplate *self);

/**
 * serah_card_template_get_size:
 * @self: a template
 * @width_mm: (out) (optional): the card's width in mm
 * @height_mm: (out) (optional): the card's height in mm
 *
 * The trimmed card size, without bleed.
 */
void               serah_card_template_get_size   (SerahCardTemplate *self,
                                                   double            *width_mm,
                                                   double            *height_mm);

/**
 * serah_card_template_get_bleed:
 * @self: a template
 *
 * Returns: the bleed around the card, in mm
 */
double             serah_card_template_get_bleed  (SerahCardTemplate *self);

/**
 * serah_card_template_get_corner_radius:
 * @self: a template
 *
 * Returns: the radius of the card's corners, in mm
 */
double             serah_card_template_get_corner_radius (SerahCardTemplate *self);

/**
 * serah_card_template_get_safe_area:
 * @self: a template
 *
 * Returns: the area every text and QR element stays inside (card minus safe margin), in mm
 */
SerahRect          serah_card_template_get_safe_area (SerahCardTemplate *self);

/**
 * serah_card_template_has_back:
 * @self: a template
 *
 * Returns: %TRUE when the template draws a back side
 */
gboolean           serah_card_template_has_back   (SerahCardTemplate *self);

/**
 * serah_card_template_get_payload_kind:
 * @self: a template
 *
 * Returns: what the QR code carries: a card token (SRH1) or an invitation (SRU1)
 */
SerahPayloadKind   serah_card_template_get_payload_kind (SerahCardTemplate *self);

/**
 * serah_card_template_get_full_nik:
 * @self: a template
 *
 * Returns: %TRUE when {nik} prints the full NIK (template option NikDisplay=full), %FALSE
 *   for the masked one
 */
gboolean           serah_card_template_get_full_nik (SerahCardTemplate *self);

/**
 * serah_card_template_get_extra_fields:
 * @self: a template
 *
 * Extra fields the template prints that the print job supplies (ceremony_name, ...).
 *
 * Returns: (transfer none) (array zero-terminated=1): the field names, never %NULL; owned by
 *   @self
 */
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

/**
 * serah_card_template_get_n_elements:
 * @self: a template
 *
 * Returns: the number of elements, both sides
 */
guint              serah_card_template_get_n_elements (SerahCardTemplate    *self);

/**
 * serah_card_template_get_element:
 * @self: a template
 * @index: 0 .. n_elements-1, in drawing order
 * @out: (out caller-allocates): the element; its strings are owned by @self
 *
 * The elements, for inspectors and tests.
 *
 * Returns: %TRUE and @out filled, %FALSE when @index is out of range
 */
gboolean           serah_card_template_get_element    (SerahCardTemplate    *self,
                                                       guint                 index,
                                                       SerahTemplateElement *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCardTemplate, serah_card_template_unref)

/* ---- sheets ---- */

typedef struct _SerahSheet SerahSheet;

#define SERAH_TYPE_SHEET (serah_sheet_get_type ())

/**
 * serah_sheet_get_type:
 *
 * Returns: the boxed #GType of #SerahSheet (reference counted)
 */
GType       serah_sheet_get_type        (void) G_GNUC_CONST;

/**
 * serah_sheet_load:
 * @name_or_path: a sheet's name ("a4-2x5") or a path to a .sheet file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the sheet, or %NULL with @error set
 */
SerahSheet *serah_sheet_load            (const char  *name_or_path,
                                         GError     **error);

/**
 * serah_sheet_load_data:
 * @text: the sheet's text
 * @length: its length, or -1 when nul-terminated
 * @display_path: the path errors name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the sheet, or %NULL with @error set
 */
SerahSheet *serah_sheet_load_data       (const char  *text,
                                         gssize       length,
                                         const char  *display_path,
                                         GError     **error);

/**
 * serah_sheet_ref:
 * @self: a sheet
 *
 * Returns: (transfer full): @self, with one more reference
 */
SerahSheet *serah_sheet_ref             (SerahSheet *self);

/**
 * serah_sheet_unref:
 * @self: (transfer full): a sheet
 *
 * Drops a reference; the last one frees the sheet.
 */
void        serah_sheet_unref           (SerahSheet *self);

/**
 * serah_sheet_get_name:
 * @self: a sheet
 *
 * Returns: (transfer none): the sheet's name, owned by @self
 */
const char *serah_sheet_get_name        (SerahSheet *self);

/**
 * serah_sheet_get_title:
 * @self: a sheet
 *
 * Returns: (transfer none): the title shown to people, owned by @self
 */
const char *serah_sheet_get_title       (SerahSheet *self);

/**
 * serah_sheet_get_paper_size:
 * @self: a sheet
 * @width_mm: (out) (optional): the paper's width in mm
 * @height_mm: (out) (optional): the paper's height in mm
 */
void        serah_sheet_get_paper_size  (SerahSheet *self,
                                         double     *width_mm,
                                         double     *height_mm);

/**
 * serah_sheet_get_columns:
 * @self: a sheet
 *
 * Returns: the number of card columns
 */
guint       serah_sheet_get_columns     (SerahSheet *self);

/**
 * serah_sheet_get_rows:
 * @self: a sheet
 *
 * Returns: the number of card rows
 */
guint       serah_sheet_get_rows        (SerahSheet *self);

/**
 * serah_sheet_get_n_slots:
 * @self: a sheet
 *
 * Returns: columns × rows
 */
guint       serah_sheet_get_n_slots     (SerahSheet *self);

/**
 * serah_sheet_get_slot:
 * @self: a sheet
 * @index: 0 .. n_slots-1, row by row from the top left
 *
 * Returns: the slot's rectangle on the paper, in mm (empty for an index out of range)
 */
SerahRect   serah_sheet_get_slot        (SerahSheet *self,
                                         guint       index);

/**
 * serah_sheet_get_rotated:
 * @self: a sheet
 *
 * Returns: %TRUE when cards are turned a quarter (portrait badges on a landscape card,
 *   a4-3x3)
 */
gboolean    serah_sheet_get_rotated     (SerahSheet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahSheet, serah_sheet_unref)

/**
 * serah_sheet_check_card:
 * @sheet: a sheet
 * @card: a card template
 * @error: return location for a #GError
 *
 * Checks that the template's cards fit the sheet's slots (1 mm of tolerance, for CR80 cards
 * on 85 × 54 mm business-card sheets).
 *
 * Returns: %TRUE when they fit, %FALSE with @error set (%SERAH_TEMPLATE_ERROR_MISMATCH,
 *   naming both sizes)
 */
gboolean    serah_sheet_check_card      (SerahSheet        *sheet,
                                         SerahCardTemplate *card,
                                         GError           **error);

/* ---- finding templates ---- */

typedef struct {
  char *name;  /* "kis" */
  char *title; /* "Kartu JKN-KIS (depan + belakang)" */
  char *path;
} SerahTemplateInfo;

/**
 * serah_template_info_free:
 * @self: (nullable): a template's description, or %NULL
 *
 * Frees @self and its strings.
 */
void        serah_template_info_free    (SerahTemplateInfo *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahTemplateInfo, serah_template_info_free)

/**
 * serah_template_list:
 * @kind: cards or sheets
 *
 * Every template of @kind found in the search path, by name; a name found in an earlier
 * folder hides the same name further down. Files that fail to load are listed with their
 * title set to the error message, so a GUI can show why.
 *
 * Returns: (transfer full) (element-type SerahTemplateInfo): the templates (the array frees
 *   its elements)
 */
GPtrArray  *serah_template_list         (SerahTemplateKind kind);

/**
 * serah_template_find:
 * @kind: cards or sheets
 * @name_or_path: a name or a path
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file a name resolves to, or %NULL with @error set
 *   (%SERAH_TEMPLATE_ERROR_NOT_FOUND)
 */
char       *serah_template_find         (SerahTemplateKind kind,
                                         const char       *name_or_path,
                                         GError          **error);

G_END_DECLS
