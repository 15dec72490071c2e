/* serah-card-preview.c: the print page's live preview. The snapshot hands a cairo_t to the
 * core renderer (serah-render.h), the same code that writes the PDF and draws the printer's
 * pages, so what is seen is what prints: the sheet with its crop marks, slots already used
 * on a half-used sheet left empty, the back side mirrored as duplex prints it. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "serah-card-preview.h"

#define MARGIN_PX 24.0

struct _SerahCardPreview
{
  GtkWidget          parent_instance;

  SerahCardTemplate *card;
  SerahSheet        *sheet;
  SerahCardRenderer *renderer;     /* per template; not thread-safe, main thread only */
  GPtrArray         *participants; /* SerahParticipant */
  GHashTable        *extra;
  char              *mismatch;     /* why card and sheet do not go together, or NULL */

  guint              start_position;
  gboolean           single_card;
  gboolean           back;
  gboolean           crop_marks;
  gboolean           outline;
};

G_DEFINE_FINAL_TYPE (SerahCardPreview, serah_card_preview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_START_POSITION,
  PROP_SINGLE_CARD,
  PROP_BACK,
  PROP_CROP_MARKS,
  PROP_OUTLINE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

GtkWidget *
serah_card_preview_new (void)
{
  return g_object_new (SERAH_TYPE_CARD_PREVIEW, NULL);
}

static void
check_fit (SerahCardPreview *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->mismatch, g_free);
  if (self->card != NULL && self->sheet != NULL &&
      !serah_sheet_check_card (self->sheet, self->card, &error))
    self->mismatch = g_strdup (error->message);
}

void
serah_card_preview_set_template (SerahCardPreview *self, SerahCardTemplate *card)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));

  if (self->card == card)
    return;
  g_clear_pointer (&self->renderer, serah_card_renderer_free);
  g_clear_pointer (&self->card, serah_card_template_unref);
  if (card != NULL)
    {
      self->card = serah_card_template_ref (card);
      self->renderer = serah_card_renderer_new (card);
    }
  check_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
serah_card_preview_set_sheet (SerahCardPreview *self, SerahSheet *sheet)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));

  if (self->sheet == sheet)
    return;
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  if (sheet != NULL)
    self->sheet = serah_sheet_ref (sheet);
  check_fit (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
serah_card_preview_set_participants (SerahCardPreview *self, GPtrArray *participants)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));

  g_clear_pointer (&self->participants, g_ptr_array_unref);
  if (participants != NULL)
    self->participants = g_ptr_array_ref (participants);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
serah_card_preview_set_extra (SerahCardPreview *self, GHashTable *extra)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));

  g_clear_pointer (&self->extra, g_hash_table_unref);
  if (extra != NULL)
    self->extra = g_hash_table_ref (extra);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_notice (cairo_t *cr, double width, double height, const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((width - 2 * MARGIN_PX) * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
  cairo_move_to (cr, MARGIN_PX, (height - h) / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* A page of w x h mm centred in the area, white with a soft shadow; leaves cr in mm. */
static void
enter_page (cairo_t *cr, double width, double height, double w_mm, double h_mm, double radius)
{
  double scale = MIN ((width - 2 * MARGIN_PX) / w_mm, (height - 2 * MARGIN_PX) / h_mm);
  double x = (width - w_mm * scale) / 2, y = (height - h_mm * scale) / 2;

  cairo_translate (cr, floor (x), floor (y));
  cairo_scale (cr, scale, scale);
  cairo_new_sub_path (cr);
  cairo_arc (cr, w_mm - radius, radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, w_mm - radius, h_mm - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, radius, h_mm - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_save (cr);
  cairo_translate (cr, 0.6, 0.8);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_fill_preserve (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
}

static void
draw_card (SerahCardPreview *self, cairo_t *cr, const SerahParticipant *participant)
{
  g_autoptr(GError) error = NULL;
  SerahCardData data = {
    .participant = participant,
    .extra = self->extra,
    .nik_display = -1,
  };

  cairo_save (cr);
  if (!serah_card_renderer_draw (self->renderer, cr, self->back ? SERAH_CARD_BACK : SERAH_CARD_FRONT,
                                 &data, &error))
    g_debug ("Preview of card %s: %s", participant->card_no, error->message);
  cairo_restore (cr);
}

/* A slot already used on a half-used sheet: hatched, so nobody mistakes it for a card. */
static void
draw_used_slot (cairo_t *cr, double w, double h)
{
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 0.4);
  for (double d = -h; d < w; d += 4)
    {
      cairo_move_to (cr, d, h);
      cairo_line_to (cr, d + h, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_empty_slot (cairo_t *cr, double w, double h)
{
  static const double dash[] = { 1.5, 1.5 };

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (cr, 0.3);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_sheet (SerahCardPreview *self, cairo_t *cr, double width, double height)
{
  double paper_w, paper_h, card_w, card_h;
  guint n_slots = serah_sheet_get_n_slots (self->sheet);
  guint skipped = self->start_position > 0 ? self->start_position - 1 : 0;

  serah_sheet_get_paper_size (self->sheet, &paper_w, &paper_h);
  serah_card_template_get_size (self->card, &card_w, &card_h);
  enter_page (cr, width, height, paper_w, paper_h, 0);

  if (self->crop_marks)
    {
      cairo_save (cr);
      serah_render_crop_marks (cr, self->sheet);
      cairo_restore (cr);
    }
  for (guint slot = 0; slot < n_slots; slot++)
    {
      guint card = slot - skipped;

      cairo_save (cr);
      serah_render_enter_slot (cr, self->sheet, self->card, slot, self->back);
      if (slot < skipped)
        draw_used_slot (cr, card_w, card_h);
      else if (self->participants != NULL && card < self->participants->len)
        draw_card (self, cr, g_ptr_array_index (self->participants, card));
      else
        draw_empty_slot (cr, card_w, card_h);
      cairo_restore (cr);

      if (self->outline && slot >= skipped)
        {
          cairo_save (cr);
          serah_render_slot_outline (cr, self->sheet, slot, self->card);
          cairo_restore (cr);
        }
    }
}

static void
draw_single_card (SerahCardPreview *self, cairo_t *cr, double width, double height)
{
  double card_w, card_h;

  serah_card_template_get_size (self->card, &card_w, &card_h);
  enter_page (cr, width, height, card_w, card_h, serah_card_template_get_corner_radius (self->card));
  if (self->participants != NULL && self->participants->len > 0)
    draw_card (self, cr, g_ptr_array_index (self->participants, 0));
  else
    draw_empty_slot (cr, card_w, card_h);
}

gboolean
serah_card_preview_draw (SerahCardPreview *self, cairo_t *cr, double width, double height)
{
  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (width <= 2 * MARGIN_PX || height <= 2 * MARGIN_PX)
    return FALSE;
  if (self->card == NULL || self->sheet == NULL)
    {
      draw_notice (cr, width, height, _("Choose a template and a sheet."));
      return FALSE;
    }
  if (self->mismatch != NULL)
    {
      draw_notice (cr, width, height, self->mismatch);
      return FALSE;
    }
  if (self->back && !serah_card_template_has_back (self->card))
    {
      draw_notice (cr, width, height, _("This template has no back side."));
      return FALSE;
    }

  cairo_save (cr);
  if (self->single_card)
    draw_single_card (self, cr, width, height);
  else
    draw_sheet (self, cr, width, height);
  cairo_restore (cr);
  return TRUE;
}

gboolean
serah_card_preview_get_slot_area (SerahCardPreview *self, guint slot, double width,
                                  double height, graphene_rect_t *out)
{
  double paper_w, paper_h, scale, x, y;
  SerahRect rect;

  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->card == NULL || self->sheet == NULL || self->single_card ||
      slot >= serah_sheet_get_n_slots (self->sheet))
    return FALSE;
  serah_sheet_get_paper_size (self->sheet, &paper_w, &paper_h);
  scale = MIN ((width - 2 * MARGIN_PX) / paper_w, (height - 2 * MARGIN_PX) / paper_h);
  x = floor ((width - paper_w * scale) / 2);
  y = floor ((height - paper_h * scale) / 2);
  rect = serah_render_card_in_slot (self->sheet, self->card, slot);
  graphene_rect_init (out, x + rect.x * scale, y + rect.y * scale,
                      rect.width * scale, rect.height * scale);
  return TRUE;
}

static void
serah_card_preview_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  serah_card_preview_draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
serah_card_preview_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_START_POSITION:
      g_value_set_uint (value, self->start_position);
      break;
    case PROP_SINGLE_CARD:
      g_value_set_boolean (value, self->single_card);
      break;
    case PROP_BACK:
      g_value_set_boolean (value, self->back);
      break;
    case PROP_CROP_MARKS:
      g_value_set_boolean (value, self->crop_marks);
      break;
    case PROP_OUTLINE:
      g_value_set_boolean (value, self->outline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (SerahCardPreview *self, gboolean *field, gboolean value, guint prop)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
serah_card_preview_set_property (GObject *object, guint prop_id, const GValue *value,
                                 GParamSpec *pspec)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_START_POSITION:
      if (self->start_position != g_value_get_uint (value))
        {
          self->start_position = g_value_get_uint (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SINGLE_CARD:
      set_boolean (self, &self->single_card, g_value_get_boolean (value), prop_id);
      break;
    case PROP_BACK:
      set_boolean (self, &self->back, g_value_get_boolean (value), prop_id);
      break;
    case PROP_CROP_MARKS:
      set_boolean (self, &self->crop_marks, g_value_get_boolean (value), prop_id);
      break;
    case PROP_OUTLINE:
      set_boolean (self, &self->outline, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_card_preview_dispose (GObject *object)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  g_clear_pointer (&self->renderer, serah_card_renderer_free);
  g_clear_pointer (&self->card, serah_card_template_unref);
  g_clear_pointer (&self->sheet, serah_sheet_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_hash_table_unref);
  G_OBJECT_CLASS (serah_card_preview_parent_class)->dispose (object);
}

static void
serah_card_preview_finalize (GObject *object)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  g_free (self->mismatch);
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

  /* 1-based slot of the sheet where the first card goes; the slots before it are used. */
  properties[PROP_START_POSITION] =
    g_param_spec_uint ("start-position", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SINGLE_CARD] =
    g_param_spec_boolean ("single-card", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACK] =
    g_param_spec_boolean ("back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CROP_MARKS] =
    g_param_spec_boolean ("crop-marks", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTLINE] =
    g_param_spec_boolean ("outline", NULL, NULL, FALSE,
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
