/* serah-audit-model.c: the audit log as a GListModel that makes row objects on demand.
 *
 * An office's log grows by every sign-in, export and NIK look; years of it are tens of
 * thousands of events. The model keeps the events as plain structs (one read of the log)
 * and the positions that pass the window's filters; GtkColumnView asks for the few rows it
 * shows and the SerahAuditItem for them is made then, so a new filter costs one pass over
 * the structs and no objects. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/output/serah-format.h>
#include <serah/admin/serah-audit-review.h>

#include "serah-audit-model.h"

/* ---- SerahAuditItem ---- */

struct _SerahAuditItem
{
  GObject                parent_instance;
  GPtrArray             *owner;   /* keeps event alive */
  const SerahAuditEvent *event;
};

G_DEFINE_FINAL_TYPE (SerahAuditItem, serah_audit_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_TIME,
  ITEM_PROP_OPERATOR,
  ITEM_PROP_ACTION,
  ITEM_PROP_LABEL,
  ITEM_PROP_SUBJECT,
  ITEM_PROP_DETAILS,
  ITEM_PROP_DESK,
  ITEM_N_PROPS
};
static GParamSpec *item_properties[ITEM_N_PROPS];

static SerahAuditItem *
serah_audit_item_new (GPtrArray *owner, const SerahAuditEvent *event)
{
  SerahAuditItem *self = g_object_new (SERAH_TYPE_AUDIT_ITEM, NULL);

  self->owner = g_ptr_array_ref (owner);
  self->event = event;
  return self;
}

const SerahAuditEvent *
serah_audit_item_get_event (SerahAuditItem *self)
{
  g_return_val_if_fail (SERAH_IS_AUDIT_ITEM (self), NULL);
  return self->event;
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (at);

  return dt ? serah_format_date_time (dt, TRUE) : NULL;
}

static void
serah_audit_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SerahAuditItem *self = SERAH_AUDIT_ITEM (object);
  const SerahAuditEvent *e = self->event;

  switch (prop_id)
    {
    case ITEM_PROP_TIME:
      g_value_take_string (value, format_time (e->at));
      break;
    case ITEM_PROP_OPERATOR:
      g_value_set_string (value, e->operator_name);
      break;
    case ITEM_PROP_ACTION:
      g_value_set_string (value, e->action);
      break;
    case ITEM_PROP_LABEL:
      g_value_set_string (value, serah_audit_action_get_display (e->action));
      break;
    case ITEM_PROP_SUBJECT:
      g_value_set_string (value, e->subject);
      break;
    case ITEM_PROP_DETAILS:
      g_value_take_string (value, serah_audit_details_to_text (e->details));
      break;
    case ITEM_PROP_DESK:
      /* In the office's log, NULL is this desk's entry not sent to the server yet. */
      g_value_set_string (value, e->desk != NULL ? e->desk : _("This desk (not sent yet)"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_audit_item_finalize (GObject *object)
{
  SerahAuditItem *self = SERAH_AUDIT_ITEM (object);

  g_clear_pointer (&self->owner, g_ptr_array_unref);
  G_OBJECT_CLASS (serah_audit_item_parent_class)->finalize (object);
}

static void
serah_audit_item_class_init (SerahAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *const names[ITEM_N_PROPS] = {
    NULL, "time", "operator", "action", "label", "subject", "details", "desk",
  };

  object_class->get_property = serah_audit_item_get_property;
  object_class->finalize = serah_audit_item_finalize;

  for (guint i = 1; i < ITEM_N_PROPS; i++)
    item_properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
serah_audit_item_init (SerahAuditItem *self)
{
}

/* ---- the selection ---- */

static gboolean
action_matches (const char *const *prefixes, const char *action)
{
  if (prefixes == NULL)
    return TRUE;
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      const char *p = prefixes[i];

      if (g_str_has_suffix (p, ".") ? g_str_has_prefix (action, p) : g_str_equal (action, p))
        return TRUE;
    }
  return FALSE;
}

gboolean
serah_audit_query_matches (const SerahAuditQuery *query, const SerahAuditEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);

  if (query == NULL)
    return TRUE;
  if (query->since > 0 && event->at < query->since)
    return FALSE;
  if (query->until > 0 && event->at >= query->until)
    return FALSE;
  if (query->operator_name != NULL && g_strcmp0 (event->operator_name, query->operator_name) != 0)
    return FALSE;
  return action_matches (query->prefixes, event->action);
}

/* ---- SerahAuditModel ---- */

struct _SerahAuditModel
{
  GObject    parent_instance;
  GPtrArray *events;   /* SerahAuditEvent, owned */
  GPtrArray *shown;    /* borrowed from events */
};

static void serah_audit_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SerahAuditModel, serah_audit_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      serah_audit_model_list_init))

static GType
serah_audit_model_get_item_type (GListModel *model)
{
  return SERAH_TYPE_AUDIT_ITEM;
}

static guint
serah_audit_model_get_n_items (GListModel *model)
{
  return SERAH_AUDIT_MODEL (model)->shown->len;
}

static gpointer
serah_audit_model_get_item (GListModel *model, guint position)
{
  SerahAuditModel *self = SERAH_AUDIT_MODEL (model);

  if (position >= self->shown->len)
    return NULL;
  return serah_audit_item_new (self->events, self->shown->pdata[position]);
}

static void
serah_audit_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = serah_audit_model_get_item_type;
  iface->get_n_items = serah_audit_model_get_n_items;
  iface->get_item = serah_audit_model_get_item;
}

SerahAuditModel *
serah_audit_model_new (void)
{
  return g_object_new (SERAH_TYPE_AUDIT_MODEL, NULL);
}

void
serah_audit_model_apply (SerahAuditModel *self, const SerahAuditQuery *query)
{
  guint removed;

  g_return_if_fail (SERAH_IS_AUDIT_MODEL (self));

  removed = self->shown->len;
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; i < self->events->len; i++)
    if (serah_audit_query_matches (query, self->events->pdata[i]))
      g_ptr_array_add (self->shown, self->events->pdata[i]);
  if (removed > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
}

void
serah_audit_model_set_events (SerahAuditModel *self, GPtrArray *events,
                              const SerahAuditQuery *query)
{
  guint removed;

  g_return_if_fail (SERAH_IS_AUDIT_MODEL (self));
  g_return_if_fail (events != NULL);

  /* Drop the old positions before their events can go. */
  removed = self->shown->len;
  g_ptr_array_set_size (self->shown, 0);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  g_ptr_array_unref (self->events);
  self->events = g_ptr_array_ref (events);
  serah_audit_model_apply (self, query);
}

GPtrArray *
serah_audit_model_get_events (SerahAuditModel *self)
{
  g_return_val_if_fail (SERAH_IS_AUDIT_MODEL (self), NULL);
  return self->events;
}

GPtrArray *
serah_audit_model_get_shown (SerahAuditModel *self)
{
  g_return_val_if_fail (SERAH_IS_AUDIT_MODEL (self), NULL);
  return self->shown;
}

static void
serah_audit_model_finalize (GObject *object)
{
  SerahAuditModel *self = SERAH_AUDIT_MODEL (object);

  g_ptr_array_unref (self->shown);
  g_ptr_array_unref (self->events);
  G_OBJECT_CLASS (serah_audit_model_parent_class)->finalize (object);
}

static void
serah_audit_model_class_init (SerahAuditModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = serah_audit_model_finalize;
}

static void
serah_audit_model_init (SerahAuditModel *self)
{
  self->events = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_audit_event_free);
  self->shown = g_ptr_array_new ();
}
