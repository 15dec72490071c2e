/* serah-template-private.h: the parsed form of card templates, shared by the loader
 * (serah-template.c) and the renderer (serah-render.c). Never included outside app/core. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include <qrencode.h>
#include <serah/serah-template.h>

G_BEGIN_DECLS

typedef enum {
  SERAH_ELEMENT_TEXT,
  SERAH_ELEMENT_BOX,
  SERAH_ELEMENT_LINE,
  SERAH_ELEMENT_IMAGE,
  SERAH_ELEMENT_QR,
} SerahElementType;

/* What a placeholder in Text= stands for. */
typedef enum {
  SERAH_FIELD_LITERAL = 0, /* not a field: the segment's text is printed as is */
  SERAH_FIELD_NAME,
  SERAH_FIELD_CARD_NO,
  SERAH_FIELD_CARD_NO_SPACED,
  SERAH_FIELD_NIK,          /* full or masked, as the template's NikDisplay says */
  SERAH_FIELD_NIK_MASKED,
  SERAH_FIELD_BIRTH_DATE,   /* dd-mm-yyyy */
  SERAH_FIELD_SEX,
  SERAH_FIELD_ADDRESS,
  SERAH_FIELD_DESA,
  SERAH_FIELD_KECAMATAN,
  SERAH_FIELD_FASKES,
  SERAH_FIELD_CARE_CLASS,
  SERAH_FIELD_SERIAL,
  SERAH_FIELD_STACK_INDEX,
  SERAH_FIELD_STACK_TOTAL,
  SERAH_FIELD_PAYLOAD,
  SERAH_FIELD_EXTRA,        /* looked up by name in the job's extra values */
} SerahField;

typedef struct {
  SerahField field;
  char      *text; /* literal text, or the extra field's name */
} SerahTextSegment;

typedef enum {
  SERAH_OVERFLOW_ELLIPSIZE, /* shrink to MinSize, then end with "…" */
  SERAH_OVERFLOW_WRAP,      /* shrink to MinSize, then wrap to MaxLines, then "…" */
} SerahOverflow;

typedef enum {
  SERAH_VALIGN_TOP,
  SERAH_VALIGN_MIDDLE,
  SERAH_VALIGN_BOTTOM,
} SerahVAlign;

typedef struct {
  char             *id;      /* the part of the group name after "front:" / "back:" */
  SerahCardSide     side;
  SerahElementType  type;
  int               line;    /* line of the [group] header, for messages */
  SerahRect         box;     /* mm, card coordinates (0,0 = top-left of the trimmed card) */
  gboolean          bleed;   /* a background that may run into the bleed */
  char             *requires; /* drawn only when this field has a value */
  SerahField        requires_field;

  /* box, line */
  gboolean          has_fill, has_stroke;
  PangoColor        fill, stroke;
  guint16           fill_alpha, stroke_alpha;
  double            line_width; /* mm */
  double            radius;     /* mm */

  /* text */
  GPtrArray        *segments;   /* SerahTextSegment */
  gboolean          is_static;  /* no placeholders: drawn once into the static layer */
  PangoFontDescription *font;   /* at Size */
  double            size_pt, min_size_pt;
  PangoColor        color;
  guint16           color_alpha;
  PangoAlignment    align;
  SerahVAlign       valign;
  SerahOverflow     overflow;
  int               max_lines;
  gboolean          uppercase;
  double            letter_spacing_pt;
  double            line_spacing;  /* factor, 0 = font default */

  /* image */
  char             *image_path;
  cairo_surface_t  *image;        /* recording surface (SVG) or image surface (PNG) */
  double            image_width, image_height; /* natural size, for keeping the aspect */

  /* qr */
  QRecLevel         qr_level;
  int               quiet_zone;   /* modules, at least 4 */
  SerahField        qr_field;     /* what the code carries: payload (default) */
} SerahElement;

struct _SerahCardTemplate {
  gatomicrefcount   ref_count;
  char             *name, *title, *path;
  double            width, height, bleed, safe_margin, corner_radius;
  SerahPayloadKind  payload_kind;
  gboolean          full_nik;
  gboolean          has_back;
  char            **extra_fields;
  GPtrArray        *elements;   /* SerahElement, in file (= drawing) order */
};

struct _SerahSheet {
  gatomicrefcount   ref_count;
  char             *name, *title, *path;
  double            paper_width, paper_height;
  guint             columns, rows;
  double            offset_x, offset_y, pitch_x, pitch_y;
  double            slot_width, slot_height;
  gboolean          rotated;
};

/* Parses "{name} ({desa})" into segments; NULL with error naming the unknown field. */
GPtrArray  *serah_template_parse_text (const char         *text,
                                       const char *const  *extra_fields,
                                       GError            **error);
/* The field for a placeholder name, SERAH_FIELD_LITERAL when unknown. */
SerahField  serah_template_field_from_name (const char *name);

G_END_DECLS
