/* serah-window.c: the main window. The pages (Peserta, Cetak, Acara, Testimoni, Laporan)
 * are widgets of their own, declared in ui/serah-window.ui; each receives the store through
 * a property binding to the window's "store". */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-print-page.h"
#include "serah-participants-page.h"
#include "serah-reports-page.h"
#include "serah-testimonial-page.h"
#include "serah-window.h"
#include "serah-ceremony-page.h"
#include "serah-window-private.h"

struct _SerahWindow
{
  AdwApplicationWindow parent_instance;

  SerahStore          *store;

  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *stack;
  AdwWindowTitle      *office_title;
};

G_DEFINE_FINAL_TYPE (SerahWindow, serah_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

SerahWindow *
serah_window_new (SerahApplication *app, SerahStore *store)
{
  return g_object_new (SERAH_TYPE_WINDOW, "application", app, "store", store, NULL);
}

SerahStore *
serah_window_get_store (SerahWindow *self)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), NULL);
  return self->store;
}

void
serah_window_toast (SerahWindow *self, const char *message)
{
  g_return_if_fail (SERAH_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_title (SerahWindow *self)
{
  g_autofree char *office = NULL;
  g_autofree char *base = NULL;

  if (self->store == NULL)
    return;
  office = serah_store_get_setting (self->store, "office-name");
  base = g_path_get_basename (serah_store_get_path (self->store));
  adw_window_title_set_title (self->office_title, office ? office : "Serah");
  adw_window_title_set_subtitle (self->office_title, base);
}

static void
serah_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahWindow *self = SERAH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  SerahWindow *self = SERAH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          update_title (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_window_dispose (GObject *object)
{
  SerahWindow *self = SERAH_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_WINDOW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_window_parent_class)->dispose (object);
}

static void
serah_window_class_init (SerahWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_window_dispose;
  object_class->get_property = serah_window_get_property;
  object_class->set_property = serah_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Page types used by the template. */
  g_type_ensure (SERAH_TYPE_PRINT_PAGE);
  g_type_ensure (SERAH_TYPE_PARTICIPANTS_PAGE);
  g_type_ensure (SERAH_TYPE_CEREMONY_PAGE);
  g_type_ensure (SERAH_TYPE_TESTIMONIAL_PAGE);
  g_type_ensure (SERAH_TYPE_REPORTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/go/dinkes/Serah/serah-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SerahWindow, office_title);
  serah_window_class_install_admin_actions (widget_class); /* issue 6: the main menu */
}

static void
serah_window_init (SerahWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
