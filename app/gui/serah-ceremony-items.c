/* serah-ceremony-items.c: list-model items of the ceremony pages (ceremonies, people found or
 * pending, per-desa progress) and the date/place wording the ceremony widgets share. The items
 * keep a copy of the core record and derive their strings once, when created or updated: rows
 * are bound to them by expressions in the .ui files. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include <serah/output/serah-format.h>

#include "serah-ceremony-items.h"

/* ---- wording ---- */

/* The core's one Indonesian date convention ("6 Desember 2026"), as on the paper. */
char *
serah_format_iso_date (const char *iso)
{
  return serah_format_date (iso);
}

char *
serah_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (when == NULL)
    return g_strdup ("?");
  day = g_date_time_format (when, "%Y-%m-%d");
  clock = g_date_time_format (when, "%H:%M");
  {
    g_autofree char *date = serah_format_iso_date (day);
    /* TRANSLATORS: time of day, then the date: "10:32, 12 Mei 2025" */
    return g_strdup_printf (_("%s, %s"), clock, date);
  }
}

char *
serah_format_card_place (const SerahPrintedCard *card)
{
  if (card == NULL)
    return g_strdup (_("card not printed yet"));
  /* TRANSLATORS: where a printed card sits: desa stack, place in it, sheet and slot */
  return g_strdup_printf (_("%s stack, no. %d (sheet %d, slot %d)"),
                          card->stack_group ? card->stack_group : "?", card->stack_index,
                          card->sheet_no, card->position);
}

char *
serah_format_recipient (const SerahHandover *h)
{
  if (h->recipient == SERAH_RECIPIENT_REPRESENTATIVE)
    /* TRANSLATORS: representative's name and relationship to the participant */
    return g_strdup_printf (_("Representative %s (%s)"), h->proxy_name ? h->proxy_name : "?",
                            h->proxy_relation ? h->proxy_relation : "?");
  /* TRANSLATORS: the participant's name; they took the card themselves */
  return g_strdup_printf (_("%s, in person"), h->participant_name ? h->participant_name : "?");
}

gboolean
serah_text_looks_like_code (const char *text)
{
  gsize n;

  if (text == NULL)
    return FALSE;
  n = MIN (strlen (text), 5);
  /* A scanner types fast but not at once: "SRH1:0" is a code on its way, not a name. Names,
   * NIKs and card numbers never contain ':'. */
  return strchr (text, ':') != NULL ||
         (n >= 3 && (g_ascii_strncasecmp (text, "SRH1:", n) == 0 ||
                     g_ascii_strncasecmp (text, "SRU1:", n) == 0));
}

/* ---- SerahCeremonyItem ---- */

struct _SerahCeremonyItem
{
  GObject        parent_instance;
  SerahCeremony *ceremony;
  char          *subtitle;
  char          *counts;
};

G_DEFINE_FINAL_TYPE (SerahCeremonyItem, serah_ceremony_item, G_TYPE_OBJECT)

enum { CEREMONY_PROP_0, CEREMONY_PROP_NAME, CEREMONY_PROP_SUBTITLE, CEREMONY_PROP_COUNTS,
       CEREMONY_PROP_CLOSED, CEREMONY_N_PROPS };
static GParamSpec *ceremony_props[CEREMONY_N_PROPS];

static SerahCeremony *
ceremony_copy (const SerahCeremony *c)
{
  SerahCeremony *copy = g_new0 (SerahCeremony, 1);

  *copy = *c;
  copy->uuid = g_strdup (c->uuid);
  copy->name = g_strdup (c->name);
  copy->place = g_strdup (c->place);
  copy->created_by = g_strdup (c->created_by);
  copy->closed_by = g_strdup (c->closed_by);
  return copy;
}

SerahCeremonyItem *
serah_ceremony_item_new (const SerahCeremony *ceremony)
{
  SerahCeremonyItem *self = g_object_new (SERAH_TYPE_CEREMONY_ITEM, NULL);
  g_autofree char *date = serah_format_iso_date (ceremony->date);
  g_autofree char *handed = serah_format_count (ceremony->handed_over);
  g_autofree char *invited = serah_format_count (ceremony->invited);

  self->ceremony = ceremony_copy (ceremony);
  self->subtitle = g_strdup_printf ("%s · %s", date, ceremony->place ? ceremony->place : "");
  /* TRANSLATORS: cards handed over / people invited, numbers already formatted (1.000.000) */
  self->counts = g_strdup_printf (_("%s / %s handed over"), handed, invited);
  return self;
}

const SerahCeremony *
serah_ceremony_item_get_ceremony (SerahCeremonyItem *self)
{
  g_return_val_if_fail (SERAH_IS_CEREMONY_ITEM (self), NULL);
  return self->ceremony;
}

static void
serah_ceremony_item_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahCeremonyItem *self = SERAH_CEREMONY_ITEM (object);

  switch (prop_id)
    {
    case CEREMONY_PROP_NAME:
      g_value_set_string (value, self->ceremony ? self->ceremony->name : NULL);
      break;
    case CEREMONY_PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case CEREMONY_PROP_COUNTS:
      g_value_set_string (value, self->counts);
      break;
    case CEREMONY_PROP_CLOSED:
      g_value_set_boolean (value, self->ceremony && self->ceremony->closed_at != 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_ceremony_item_finalize (GObject *object)
{
  SerahCeremonyItem *self = SERAH_CEREMONY_ITEM (object);

  g_clear_pointer (&self->ceremony, serah_ceremony_free);
  g_free (self->subtitle);
  g_free (self->counts);
  G_OBJECT_CLASS (serah_ceremony_item_parent_class)->finalize (object);
}

static void
serah_ceremony_item_class_init (SerahCeremonyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = serah_ceremony_item_get_property;
  object_class->finalize = serah_ceremony_item_finalize;

  ceremony_props[CEREMONY_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  ceremony_props[CEREMONY_PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  ceremony_props[CEREMONY_PROP_COUNTS] = g_param_spec_string ("counts", NULL, NULL, NULL, flags);
  ceremony_props[CEREMONY_PROP_CLOSED] = g_param_spec_boolean ("closed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, CEREMONY_N_PROPS, ceremony_props);
}

static void
serah_ceremony_item_init (SerahCeremonyItem *self)
{
}

/* ---- SerahCheckoffItem ---- */

struct _SerahCheckoffItem
{
  GObject             parent_instance;
  SerahCheckoffEntry *entry;
  char               *details;
  char               *place;
  char               *status;
};

G_DEFINE_FINAL_TYPE (SerahCheckoffItem, serah_checkoff_item, G_TYPE_OBJECT)

enum { ITEM_PROP_0, ITEM_PROP_NAME, ITEM_PROP_DETAILS, ITEM_PROP_PLACE, ITEM_PROP_STATUS,
       ITEM_PROP_SERVED, ITEM_PROP_WAITING, ITEM_PROP_UNINVITED, ITEM_PROP_STACK_NUMBER,
       ITEM_N_PROPS };
static GParamSpec *item_props[ITEM_N_PROPS];

static SerahCheckoffEntry *
entry_copy (const SerahCheckoffEntry *e)
{
  SerahCheckoffEntry *copy = g_new0 (SerahCheckoffEntry, 1);

  copy->participant = serah_participant_copy (e->participant);
  copy->invited = e->invited;
  if (e->card != NULL)
    {
      copy->card = g_new0 (SerahPrintedCard, 1);
      *copy->card = *e->card;
      copy->card->stack_group = g_strdup (e->card->stack_group);
      copy->card->void_reason = g_strdup (e->card->void_reason);
    }
  copy->scanned_serial = e->scanned_serial;
  copy->handover = e->handover ? serah_handover_copy (e->handover) : NULL;
  copy->n_live = e->n_live;
  return copy;
}

SerahCheckoffItem *
serah_checkoff_item_new (const SerahCheckoffEntry *entry)
{
  SerahCheckoffItem *self = g_object_new (SERAH_TYPE_CHECKOFF_ITEM, NULL);
  const SerahParticipant *p = entry->participant;
  g_autofree char *nik = serah_nik_mask (p->nik);

  self->entry = entry_copy (entry);
  self->details = g_strdup_printf ("%s, %s · %s · %s", p->desa ? p->desa : "",
                                   p->kecamatan ? p->kecamatan : "", nik, p->birth_date);
  self->place = serah_format_card_place (entry->card);
  if (entry->handover != NULL)
    self->status = g_strdup (_("Handed over"));
  else if (!entry->invited)
    self->status = g_strdup (_("Not invited"));
  else
    self->status = g_strdup (_("Waiting"));
  return self;
}

const SerahCheckoffEntry *
serah_checkoff_item_get_entry (SerahCheckoffItem *self)
{
  g_return_val_if_fail (SERAH_IS_CHECKOFF_ITEM (self), NULL);
  return self->entry;
}

static void
serah_checkoff_item_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahCheckoffItem *self = SERAH_CHECKOFF_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->entry ? self->entry->participant->name : NULL);
      break;
    case ITEM_PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case ITEM_PROP_PLACE:
      g_value_set_string (value, self->place);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case ITEM_PROP_SERVED:
      g_value_set_boolean (value, self->entry && self->entry->handover != NULL);
      break;
    case ITEM_PROP_WAITING:
      g_value_set_boolean (value, self->entry && self->entry->invited &&
                                  self->entry->handover == NULL);
      break;
    case ITEM_PROP_UNINVITED:
      g_value_set_boolean (value, self->entry && !self->entry->invited &&
                                  self->entry->handover == NULL);
      break;
    case ITEM_PROP_STACK_NUMBER:
      if (self->entry && self->entry->card)
        g_value_take_string (value, g_strdup_printf ("%d", self->entry->card->stack_index));
      else
        g_value_set_string (value, "–");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_checkoff_item_finalize (GObject *object)
{
  SerahCheckoffItem *self = SERAH_CHECKOFF_ITEM (object);

  g_clear_pointer (&self->entry, serah_checkoff_entry_free);
  g_free (self->details);
  g_free (self->place);
  g_free (self->status);
  G_OBJECT_CLASS (serah_checkoff_item_parent_class)->finalize (object);
}

static void
serah_checkoff_item_class_init (SerahCheckoffItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = serah_checkoff_item_get_property;
  object_class->finalize = serah_checkoff_item_finalize;

  item_props[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_props[ITEM_PROP_DETAILS] = g_param_spec_string ("details", NULL, NULL, NULL, flags);
  item_props[ITEM_PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  item_props[ITEM_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  item_props[ITEM_PROP_SERVED] = g_param_spec_boolean ("served", NULL, NULL, FALSE, flags);
  item_props[ITEM_PROP_WAITING] = g_param_spec_boolean ("waiting", NULL, NULL, FALSE, flags);
  item_props[ITEM_PROP_UNINVITED] = g_param_spec_boolean ("uninvited", NULL, NULL, FALSE, flags);
  item_props[ITEM_PROP_STACK_NUMBER] =
    g_param_spec_string ("stack-number", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_props);
}

static void
serah_checkoff_item_init (SerahCheckoffItem *self)
{
}

/* ---- SerahProgressItem ---- */

struct _SerahProgressItem
{
  GObject parent_instance;
  char   *kecamatan;
  char   *desa;
  gint64  invited;
  gint64  handed_over;
};

G_DEFINE_FINAL_TYPE (SerahProgressItem, serah_progress_item, G_TYPE_OBJECT)

enum { PROGRESS_PROP_0, PROGRESS_PROP_DESA, PROGRESS_PROP_KECAMATAN, PROGRESS_PROP_COUNTS,
       PROGRESS_PROP_FRACTION, PROGRESS_PROP_COMPLETE, PROGRESS_PROP_COMPLETE_ICON,
       PROGRESS_N_PROPS };
static GParamSpec *progress_props[PROGRESS_N_PROPS];

SerahProgressItem *
serah_progress_item_new (const SerahProgressRow *row)
{
  SerahProgressItem *self = g_object_new (SERAH_TYPE_PROGRESS_ITEM, NULL);

  self->kecamatan = g_strdup (row->kecamatan);
  self->desa = g_strdup (row->desa);
  self->invited = row->invited;
  self->handed_over = row->handed_over;
  return self;
}

gboolean
serah_progress_item_is_for (SerahProgressItem *self, const SerahProgressRow *row)
{
  g_return_val_if_fail (SERAH_IS_PROGRESS_ITEM (self), FALSE);
  return g_strcmp0 (self->kecamatan, row->kecamatan) == 0 && g_strcmp0 (self->desa, row->desa) == 0;
}

void
serah_progress_item_update (SerahProgressItem *self, const SerahProgressRow *row)
{
  g_return_if_fail (SERAH_IS_PROGRESS_ITEM (self));

  if (self->invited == row->invited && self->handed_over == row->handed_over)
    return;
  self->invited = row->invited;
  self->handed_over = row->handed_over;
  g_object_notify_by_pspec (G_OBJECT (self), progress_props[PROGRESS_PROP_COUNTS]);
  g_object_notify_by_pspec (G_OBJECT (self), progress_props[PROGRESS_PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), progress_props[PROGRESS_PROP_COMPLETE]);
  g_object_notify_by_pspec (G_OBJECT (self), progress_props[PROGRESS_PROP_COMPLETE_ICON]);
}

static void
serah_progress_item_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahProgressItem *self = SERAH_PROGRESS_ITEM (object);

  switch (prop_id)
    {
    case PROGRESS_PROP_DESA:
      g_value_set_string (value, self->desa);
      break;
    case PROGRESS_PROP_KECAMATAN:
      g_value_set_string (value, self->kecamatan);
      break;
    case PROGRESS_PROP_COUNTS:
      if (self->invited == 0)
        /* TRANSLATORS: cards handed over in a desa where nobody was invited */
        g_value_take_string (value, g_strdup_printf (_("%d not invited"), (int) self->handed_over));
      else
        g_value_take_string (value, g_strdup_printf ("%d / %d", (int) self->handed_over,
                                                     (int) self->invited));
      break;
    case PROGRESS_PROP_FRACTION:
      g_value_set_double (value, self->invited > 0
                                   ? MIN (1.0, (double) self->handed_over / self->invited)
                                   : 0.0);
      break;
    case PROGRESS_PROP_COMPLETE:
      g_value_set_boolean (value, self->invited > 0 && self->handed_over >= self->invited);
      break;
    case PROGRESS_PROP_COMPLETE_ICON:
      g_value_set_string (value, self->invited > 0 && self->handed_over >= self->invited
                                   ? "emblem-ok-symbolic" : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_progress_item_finalize (GObject *object)
{
  SerahProgressItem *self = SERAH_PROGRESS_ITEM (object);

  g_free (self->kecamatan);
  g_free (self->desa);
  G_OBJECT_CLASS (serah_progress_item_parent_class)->finalize (object);
}

static void
serah_progress_item_class_init (SerahProgressItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = serah_progress_item_get_property;
  object_class->finalize = serah_progress_item_finalize;

  progress_props[PROGRESS_PROP_DESA] = g_param_spec_string ("desa", NULL, NULL, NULL, flags);
  progress_props[PROGRESS_PROP_KECAMATAN] =
    g_param_spec_string ("kecamatan", NULL, NULL, NULL, flags);
  progress_props[PROGRESS_PROP_COUNTS] = g_param_spec_string ("counts", NULL, NULL, NULL, flags);
  progress_props[PROGRESS_PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  progress_props[PROGRESS_PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE, flags);
  progress_props[PROGRESS_PROP_COMPLETE_ICON] =
    g_param_spec_string ("complete-icon", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, PROGRESS_N_PROPS, progress_props);
}

static void
serah_progress_item_init (SerahProgressItem *self)
{
}
