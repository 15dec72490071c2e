/* serah-card-preview.c: the print page's live preview. The snapshot hands a cairo_t to the
 * print job's own page drawing (serah_print_job_draw_preview), the walk that also writes the
 * PDF, so what is seen is what prints: separators, crop marks, the empty slots of a
 * half-used sheet, the mirrored back of a duplex sheet. Only the QR codes are grey
 * placeholders, since a card's code carries the serial it gets when it really prints.
 *
 * A page costs a walk over the selection, so the drawing is kept as an image until the job,
 * the page or the size changes. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <serah/serah-render.h>

#include "serah-card-preview.h"

#define MARGIN_PX 20.0
#define MAX_CARD_PX_PER_MM 8.0

struct _SerahCardPreview
{
  GtkWidget        parent_instance;

  SerahPrintJob   *job;
  char            *message;       /* shown when there is no job */

  guint            sheet_index;   /* 0-based sheet of paper */
  guint            slot;          /* 0-based slot, single-card view */
  guint            start_position;
  gboolean         single_card;
  gboolean         back;

  cairo_surface_t *cache;         /* the last drawing, at cache_w x cache_h */
  int              cache_w, cache_h, cache_scale;
};

G_DEFINE_FINAL_TYPE (SerahCardPreview, serah_card_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHEET_INDEX,
  PROP_SLOT,
  PROP_START_POSITION,
  PROP_SINGLE_CARD,
  PROP_BACK,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

GtkWidget *
serah_card_preview_new (void)
{
  return g_object_new (SERAH_TYPE_CARD_PREVIEW, NULL);
}

static void
invalidate (SerahCardPreview *self)
{
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
serah_card_preview_set_job (SerahCardPreview *self, SerahPrintJob *job, const char *message)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));
  g_return_if_fail (job == NULL || SERAH_IS_PRINT_JOB (job));

  g_set_object (&self->job, job);
  g_free (self->message);
  self->message = g_strdup (message);
  invalidate (self);
}

static gboolean
job_has_back (SerahCardPreview *self)
{
  return serah_card_template_has_back (serah_print_job_get_template (self->job));
}

/* The PDF page of the sheet and side shown. The page makes a back-side template's preview
 * job duplex, so every sheet has a front page and a back page. */
static guint
page_index (SerahCardPreview *self)
{
  if (!job_has_back (self))
    return self->sheet_index;
  return self->sheet_index * 2 + (self->back ? 1 : 0);
}

static void
draw_notice (cairo_t *cr, double width, double height, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (MAX (width - 2 * MARGIN_PX, 1) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_move_to (cr, MARGIN_PX, (height - h) / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The rectangle (mm, on the paper) that the view fills: the whole paper, or one card. */
static SerahRect
view_rect (SerahCardPreview *self)
{
  SerahSheet *sheet = serah_print_job_get_sheet (self->job);
  SerahRect r = { 0, 0, 0, 0 };

  serah_sheet_get_paper_size (sheet, &r.width, &r.height);
  if (self->single_card)
    {
      guint slot = MIN (self->slot, serah_sheet_get_n_slots (sheet) - 1);
      double paper_w = r.width;

      r = serah_render_card_in_slot (sheet, serah_print_job_get_template (self->job), slot);
      if (self->back && job_has_back (self))
        r.x = paper_w - r.x - r.width; /* as serah_render_enter_slot mirrors the back */
    }
  return r;
}

/* Fit the view rectangle; a single card stops at about twice its size on a laptop screen,
 * where it still reads like a card rather than a poster. */
static double
view_scale (const SerahRect *r, double width, double height, gboolean single_card)
{
  double scale = MIN ((width - 2 * MARGIN_PX) / r->width, (height - 2 * MARGIN_PX) / r->height);

  return single_card ? MIN (scale, MAX_CARD_PX_PER_MM) : scale;
}

/* Slots before the first position are on the paper already: shade them on the first
 * sheet's front, so the grid matches the half-used sheet in the tray. */
static void
shade_used_slots (SerahCardPreview *self, cairo_t *cr)
{
  SerahSheet *sheet = serah_print_job_get_sheet (self->job);
  SerahCardTemplate *card = serah_print_job_get_template (self->job);

  if (self->sheet_index != 0 || self->back)
    return;
  for (guint slot = 0; slot + 1 < self->start_position && slot < serah_sheet_get_n_slots (sheet); slot++)
    {
      SerahRect r = serah_render_card_in_slot (sheet, card, slot);

      cairo_save (cr);
      cairo_rectangle (cr, r.x, r.y, r.width, r.height);
      cairo_clip_preserve (cr);
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (cr, 0.4);
      for (double d = -r.height; d < r.width; d += 4)
        {
          cairo_move_to (cr, r.x + d, r.y + r.height);
          cairo_line_to (cr, r.x + d + r.height, r.y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

gboolean
serah_card_preview_draw (SerahCardPreview *self, cairo_t *cr, double width, double height)
{
  g_autoptr(GError) error = NULL;
  SerahRect r;
  double scale;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (width <= 2 * MARGIN_PX || height <= 2 * MARGIN_PX)
    return FALSE;
  if (self->job == NULL)
    {
      draw_notice (cr, width, height, self->message ? self->message : _("Nothing to preview."));
      return FALSE;
    }
  if (self->back && !job_has_back (self))
    {
      draw_notice (cr, width, height, _("This template has no back side."));
      return FALSE;
    }

  r = view_rect (self);
  scale = view_scale (&r, width, height, self->single_card);
  cairo_save (cr);
  cairo_translate (cr, floor ((width - r.width * scale) / 2), floor ((height - r.height * scale) / 2));
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -r.x, -r.y);

  /* The paper (or card), with a soft shadow. */
  cairo_rectangle (cr, r.x + 0.5, r.y + 0.7, r.width, r.height);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_fill (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  if (!self->single_card)
    shade_used_slots (self, cr);
  ok = serah_print_job_draw_preview (self->job, cr, page_index (self), NULL, &error);
  cairo_restore (cr);

  if (!ok)
    {
      cairo_save (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_paint (cr);
      draw_notice (cr, width, height, error->message);
      cairo_restore (cr);
    }
  return ok;
}

gboolean
serah_card_preview_get_slot_area (SerahCardPreview *self, guint slot, double width,
                                  double height, graphene_rect_t *out)
{
  SerahRect paper, r;
  double scale;

  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->job == NULL || self->single_card ||
      slot >= serah_sheet_get_n_slots (serah_print_job_get_sheet (self->job)))
    return FALSE;
  paper = view_rect (self);
  scale = view_scale (&paper, width, height, FALSE);
  r = serah_render_card_in_slot (serah_print_job_get_sheet (self->job),
                                 serah_print_job_get_template (self->job), slot);
  if (self->back)
    r.x = paper.width - r.x - r.width;
  graphene_rect_init (out, floor ((width - paper.width * scale) / 2) + r.x * scale,
                      floor ((height - paper.height * scale) / 2) + r.y * scale,
                      r.width * scale, r.height * scale);
  return TRUE;
}

static void
serah_card_preview_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->cache == NULL || self->cache_w != width || self->cache_h != height ||
      self->cache_scale != scale)
    {
      cairo_t *image_cr;

      g_clear_pointer (&self->cache, cairo_surface_destroy);
      self->cache = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (self->cache, scale, scale);
      image_cr = cairo_create (self->cache);
      serah_card_preview_draw (self, image_cr, width, height);
      cairo_destroy (image_cr);
      self->cache_w = width;
      self->cache_h = height;
      self->cache_scale = scale;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->cache, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
serah_card_preview_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_SHEET_INDEX:
      g_value_set_uint (value, self->sheet_index);
      break;
    case PROP_SLOT:
      g_value_set_uint (value, self->slot);
      break;
    case PROP_START_POSITION:
      g_value_set_uint (value, self->start_position);
      break;
    case PROP_SINGLE_CARD:
      g_value_set_boolean (value, self->single_card);
      break;
    case PROP_BACK:
      g_value_set_boolean (value, self->back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (SerahCardPreview *self, guint *field, guint value, GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
serah_card_preview_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_SHEET_INDEX:
      set_uint (self, &self->sheet_index, g_value_get_uint (value), pspec);
      break;
    case PROP_SLOT:
      set_uint (self, &self->slot, g_value_get_uint (value), pspec);
      break;
    case PROP_START_POSITION:
      set_uint (self, &self->start_position, g_value_get_uint (value), pspec);
      break;
    case PROP_SINGLE_CARD:
      set_uint (self, (guint *) &self->single_card, !!g_value_get_boolean (value), pspec);
      break;
    case PROP_BACK:
      set_uint (self, (guint *) &self->back, !!g_value_get_boolean (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_card_preview_dispose (GObject *object)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  g_clear_object (&self->job);
  g_clear_pointer (&self->cache, cairo_surface_destroy);
  G_OBJECT_CLASS (serah_card_preview_parent_class)->dispose (object);
}

static void
serah_card_preview_finalize (GObject *object)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  g_free (self->message);
  G_OBJECT_CLASS (serah_card_preview_parent_class)->finalize (object);
}

static void
serah_card_preview_class_init (SerahCardPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_card_preview_dispose;
  object_class->finalize = serah_card_preview_finalize;
  object_class->get_property = serah_card_preview_get_property;
  object_class->set_property = serah_card_preview_set_property;
  widget_class->snapshot = serah_card_preview_snapshot;

  properties[PROP_SHEET_INDEX] =
    g_param_spec_uint ("sheet-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLOT] =
    g_param_spec_uint ("slot", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* 1-based slot where printing starts on the first sheet; the slots before are shaded. */
  properties[PROP_START_POSITION] =
    g_param_spec_uint ("start-position", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SINGLE_CARD] =
    g_param_spec_boolean ("single-card", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACK] =
    g_param_spec_boolean ("back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "cardpreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
serah_card_preview_init (SerahCardPreview *self)
{
  self->start_position = 1;
}
