/* serah-participant-item.c: one participant as a row of the register list.
 *
 * The column view binds labels to these properties through GtkExpressions in
 * ui/serah-participants-page.ui. The item is immutable: it is built from one database row
 * and thrown away when the list reloads, so no property ever notifies. The full NIK never
 * enters the GUI's list: only its masked form is kept (UU PDP 27/2022). */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include "serah-participant-item.h"

struct _SerahParticipantItem
{
  GObject parent_instance;

  gint64  id;
  char   *name;
  char   *nik_masked;
  char   *card_no;
  char   *sex;
  char   *birth_date;  /* dd/mm/yyyy, as people write it here */
  char   *desa;
  char   *kecamatan;
  char   *faskes;
  char   *care_class;
};

G_DEFINE_FINAL_TYPE (SerahParticipantItem, serah_participant_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NIK_MASKED,
  PROP_CARD_NO,
  PROP_SEX,
  PROP_BIRTH_DATE,
  PROP_DESA,
  PROP_KECAMATAN,
  PROP_FASKES,
  PROP_CARE_CLASS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static char *
format_birth_date (const char *iso)
{
  /* The store keeps ISO yyyy-mm-dd (or "" when unknown). */
  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return g_strdup ("");
  return g_strdup_printf ("%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

SerahParticipantItem *
serah_participant_item_new (const SerahParticipant *p)
{
  SerahParticipantItem *self;

  g_return_val_if_fail (p != NULL, NULL);

  self = g_object_new (SERAH_TYPE_PARTICIPANT_ITEM, NULL);
  self->id = p->id;
  self->name = g_strdup (p->name ? p->name : "");
  self->nik_masked = serah_nik_mask (p->nik);
  self->card_no = g_strdup (p->card_no);
  self->sex = g_strdup (serah_sex_to_string (p->sex));
  self->birth_date = format_birth_date (p->birth_date);
  self->desa = g_strdup (p->desa ? p->desa : "");
  self->kecamatan = g_strdup (p->kecamatan ? p->kecamatan : "");
  self->faskes = g_strdup (p->faskes ? p->faskes : "");
  self->care_class = p->care_class > 0 ? g_strdup_printf ("%d", p->care_class) : g_strdup ("");
  return self;
}

SerahParticipantItem *
serah_participant_item_new_missing (gint64 id)
{
  SerahParticipant empty = { .id = id };

  return serah_participant_item_new (&empty);
}

gint64
serah_participant_item_get_id (SerahParticipantItem *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_ITEM (self), 0);
  return self->id;
}

const char *
serah_participant_item_get_name (SerahParticipantItem *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_ITEM (self), NULL);
  return self->name;
}

const char *
serah_participant_item_get_nik_masked (SerahParticipantItem *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_ITEM (self), NULL);
  return self->nik_masked;
}

const char *
serah_participant_item_get_card_no (SerahParticipantItem *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_ITEM (self), NULL);
  return self->card_no;
}

const char *
serah_participant_item_get_birth_date (SerahParticipantItem *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANT_ITEM (self), NULL);
  return self->birth_date;
}

static void
serah_participant_item_get_property (GObject *object, guint prop_id, GValue *value,
                                     GParamSpec *pspec)
{
  SerahParticipantItem *self = SERAH_PARTICIPANT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NIK_MASKED:
      g_value_set_string (value, self->nik_masked);
      break;
    case PROP_CARD_NO:
      g_value_set_string (value, self->card_no);
      break;
    case PROP_SEX:
      g_value_set_string (value, self->sex);
      break;
    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;
    case PROP_DESA:
      g_value_set_string (value, self->desa);
      break;
    case PROP_KECAMATAN:
      g_value_set_string (value, self->kecamatan);
      break;
    case PROP_FASKES:
      g_value_set_string (value, self->faskes);
      break;
    case PROP_CARE_CLASS:
      g_value_set_string (value, self->care_class);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_participant_item_finalize (GObject *object)
{
  SerahParticipantItem *self = SERAH_PARTICIPANT_ITEM (object);

  g_free (self->name);
  g_free (self->nik_masked);
  g_free (self->card_no);
  g_free (self->sex);
  g_free (self->birth_date);
  g_free (self->desa);
  g_free (self->kecamatan);
  g_free (self->faskes);
  g_free (self->care_class);
  G_OBJECT_CLASS (serah_participant_item_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
serah_participant_item_class_init (SerahParticipantItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = serah_participant_item_get_property;
  object_class->finalize = serah_participant_item_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_NIK_MASKED] = string_property ("nik-masked");
  properties[PROP_CARD_NO] = string_property ("card-no");
  properties[PROP_SEX] = string_property ("sex");
  properties[PROP_BIRTH_DATE] = string_property ("birth-date");
  properties[PROP_DESA] = string_property ("desa");
  properties[PROP_KECAMATAN] = string_property ("kecamatan");
  properties[PROP_FASKES] = string_property ("faskes");
  properties[PROP_CARE_CLASS] = string_property ("care-class");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
serah_participant_item_init (SerahParticipantItem *self)
{
}
