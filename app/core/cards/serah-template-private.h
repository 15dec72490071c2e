/* serah-template-private.h: the parsed form of card templates, shared by the loader
 * (serah-template.c) and the renderer (serah-render.c). Never included outside app/core. */
#pragma once

#include <cairo.h>
#include <pango/pango.h>
#include <qrencode.h>
#include <serah/cards/serah-template.h>

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

/* ---- key files with line numbers (serah-template-keyfile.c) ---- */

typedef struct {
  const char *path;      /* for messages */
  GKeyFile   *keys;
  GHashTable *lines;     /* "group" or "group\nkey" -> line (GINT_TO_POINTER) */
} SerahKeySource;

/* Scans text for the lines of groups and keys (refusing what GKeyFile would reject or
 * silently merge, with its line) and loads it. */
gboolean serah_key_source_load  (SerahKeySource       *src,
                                 const char           *text,
                                 gssize                length,
                                 const char           *path,
                                 GError              **error);
void     serah_key_source_clear (SerahKeySource       *src);
/* The line of group (key NULL) or of one of its keys; 0 when unknown. */
int      serah_key_source_line  (const SerahKeySource *src,
                                 const char           *group,
                                 const char           *key);
/* Set error to "path:line: message" and return FALSE. */
gboolean serah_key_fail_line    (GError              **error,
                                 int                   code,
                                 const char           *path,
                                 int                   line,
                                 const char           *message);
gboolean serah_key_fail         (GError              **error,
                                 int                   code,
                                 const SerahKeySource *src,
                                 const char           *group,
                                 const char           *key,
                                 const char           *format,
                                 ...) G_GNUC_PRINTF (6, 7);
/* Refuses keys of group that are not in allowed (typos like "Widht"). */
gboolean serah_key_check_keys   (const SerahKeySource *src,
                                 const char           *group,
                                 const char *const    *allowed,
                                 GError              **error);
/* Typed values; a missing optional key gives fallback, a bad value an error at its line. */
char    *serah_key_get_string   (const SerahKeySource *src,
                                 const char           *group,
                                 const char           *key);
gboolean serah_key_get_double   (const SerahKeySource *src, const char *group, const char *key,
                                 gboolean required, double fallback, double min, double max,
                                 double *out, GError **error);
gboolean serah_key_get_int      (const SerahKeySource *src, const char *group, const char *key,
                                 int fallback, int min, int max, int *out, GError **error);
gboolean serah_key_get_bool     (const SerahKeySource *src, const char *group, const char *key,
                                 gboolean fallback, gboolean *out, GError **error);
/* One of words (NULL-terminated), as its index. */
gboolean serah_key_get_choice   (const SerahKeySource *src, const char *group, const char *key,
                                 const char *const *words, int fallback, int *out,
                                 GError **error);
gboolean serah_key_get_color    (const SerahKeySource *src, const char *group, const char *key,
                                 PangoColor *color, guint16 *alpha, gboolean *present,
                                 GError **error);
/* "kis" for ".../kis.card". */
char    *serah_key_name_from_path (const char *path);
/* Finds name_or_path in the search path and reads it. */
char    *serah_key_read_named   (SerahTemplateKind     kind,
                                 const char           *name_or_path,
                                 char                **path_out,
                                 gsize                *length,
                                 GError              **error);

/* ---- placeholders (serah-template.c) ---- */

/* Parses "{name} ({desa})" into segments; NULL with error naming the unknown field. */
GPtrArray  *serah_template_parse_text (const char         *text,
                                       const char *const  *extra_fields,
                                       GError            **error);
/* The field for a placeholder name, SERAH_FIELD_LITERAL when unknown. */
SerahField  serah_template_field_from_name (const char *name);

G_END_DECLS
