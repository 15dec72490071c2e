/* serah-card-preview.c: the print page's live preview. Pages are drawn by the print job
 * itself (serah_print_job_draw_preview, the walk that also writes the PDF) in the print
 * worker's thread, into an image the snapshot then paints, so what is seen is what prints:
 * separators, crop marks, the empty slots of a half-used sheet, the mirrored back of a duplex
 * sheet. Only the QR codes are grey placeholders, since a card's code carries the serial it
 * gets when it really prints. While a new page is drawn, the last one stays on screen. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "serah-card-preview.h"

struct _SerahCardPreview
{
  GtkWidget          parent_instance;

  SerahPrintWorker  *worker;
  SerahPrintChoices *choices;
  char              *message;      /* shown when there are no choices */
  SerahPreviewView   view;

  cairo_surface_t   *image;        /* the last page drawn */
  gboolean           image_current; /* image shows view of choices at image_w x image_h */
  int                image_w, image_h, image_scale;
  GCancellable      *rendering;    /* the drawing under way, or NULL */
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
  self->image_current = FALSE;
  if (self->rendering != NULL)
    {
      g_cancellable_cancel (self->rendering);
      g_clear_object (&self->rendering);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
serah_card_preview_set_choices (SerahCardPreview *self, SerahPrintWorker *worker,
                                SerahPrintChoices *choices, const char *message)
{
  g_return_if_fail (SERAH_IS_CARD_PREVIEW (self));

  g_clear_pointer (&self->worker, serah_print_worker_unref);
  g_clear_pointer (&self->choices, serah_print_choices_unref);
  if (worker != NULL && choices != NULL)
    {
      self->worker = serah_print_worker_ref (worker);
      self->choices = serah_print_choices_ref (choices);
    }
  g_free (self->message);
  self->message = g_strdup (message);
  if (self->choices == NULL)
    g_clear_pointer (&self->image, cairo_surface_destroy);
  invalidate (self);
}

gboolean
serah_card_preview_is_busy (SerahCardPreview *self)
{
  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  return self->rendering != NULL;
}

gboolean
serah_card_preview_draw (SerahCardPreview *self, cairo_t *cr, double width, double height)
{
  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (self->choices == NULL)
    return FALSE;
  return serah_print_worker_draw (self->worker, self->choices, &self->view, cr, width, height,
                                  NULL);
}

gboolean
serah_card_preview_get_slot_area (SerahCardPreview *self, guint slot, double width,
                                  double height, graphene_rect_t *out)
{
  g_return_val_if_fail (SERAH_IS_CARD_PREVIEW (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->choices == NULL)
    return FALSE;
  return serah_print_view_slot_area (self->choices, &self->view, slot, width, height, out);
}

static void
on_rendered (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SerahCardPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = serah_print_worker_render_finish (result, &error);

  /* An older drawing that finished before its cancel was seen: a newer one is under way. */
  if (g_task_get_cancellable (G_TASK (result)) != self->rendering)
    {
      g_clear_pointer (&image, cairo_surface_destroy);
      return;
    }
  g_clear_object (&self->rendering);
  if (image == NULL)
    {
      g_warning ("Cannot draw the preview: %s", error->message);
      return;
    }
  g_clear_pointer (&self->image, cairo_surface_destroy);
  self->image = image;
  self->image_current = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
draw_message (GtkWidget *widget, GtkSnapshot *snapshot, const char *text, int width, int height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;
  GdkRGBA color;

  pango_layout_set_width (layout, MAX (width - 48, 1) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  color.alpha *= 0.7;
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (height - h) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
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
  if (self->choices == NULL)
    {
      draw_message (widget, snapshot, self->message ? self->message : _("Nothing to preview."),
                    width, height);
      return;
    }
  if (self->image_current &&
      (self->image_w != width || self->image_h != height || self->image_scale != scale))
    self->image_current = FALSE;
  if (!self->image_current && self->rendering == NULL)
    {
      self->rendering = g_cancellable_new ();
      self->image_w = width;
      self->image_h = height;
      self->image_scale = scale;
      serah_print_worker_render_async (self->worker, self->choices, &self->view, width, height,
                                       scale, self->rendering, on_rendered, g_object_ref (self));
    }
  if (self->image == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_surface (cr, self->image, 0, 0);
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
      g_value_set_uint (value, self->view.sheet_index);
      break;
    case PROP_SLOT:
      g_value_set_uint (value, self->view.slot);
      break;
    case PROP_START_POSITION:
      g_value_set_uint (value, self->view.start_position);
      break;
    case PROP_SINGLE_CARD:
      g_value_set_boolean (value, self->view.single_card);
      break;
    case PROP_BACK:
      g_value_set_boolean (value, self->view.back);
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
      set_uint (self, &self->view.sheet_index, g_value_get_uint (value), pspec);
      break;
    case PROP_SLOT:
      set_uint (self, &self->view.slot, g_value_get_uint (value), pspec);
      break;
    case PROP_START_POSITION:
      set_uint (self, &self->view.start_position, g_value_get_uint (value), pspec);
      break;
    case PROP_SINGLE_CARD:
      set_uint (self, (guint *) &self->view.single_card, !!g_value_get_boolean (value), pspec);
      break;
    case PROP_BACK:
      set_uint (self, (guint *) &self->view.back, !!g_value_get_boolean (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_card_preview_dispose (GObject *object)
{
  SerahCardPreview *self = SERAH_CARD_PREVIEW (object);

  if (self->rendering != NULL)
    g_cancellable_cancel (self->rendering);
  g_clear_object (&self->rendering);
  g_clear_pointer (&self->worker, serah_print_worker_unref);
  g_clear_pointer (&self->choices, serah_print_choices_unref);
  g_clear_pointer (&self->image, cairo_surface_destroy);
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
  self->view.start_position = 1;
}
