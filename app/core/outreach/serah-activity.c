/* serah-activity.c: socialisation activities: the kinds and partner kinds of issue 15, the
 * checks of a draft and the use case that records one with its partners and materials. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/admin/serah-audit.h>
#include <serah/cards/serah-payload.h>
#include <serah/ceremony/serah-ceremony.h>
#include <serah/outreach/serah-activity.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include <serah/register/serah-register.h>

const char *const serah_activity_kinds[] = {
  "kampanye", "sekolah", "pertemuan-warga", "pelatihan-nakes", "forum-diskusi",
  "penyuluhan-acara", "media", NULL
};
static const char *const kind_labels[] = {
  N_("Campaign"), N_("School"), N_("Village or community meeting"), N_("Health worker training"),
  N_("Discussion forum"), N_("Information session at a ceremony"), N_("Media"),
};

const char *const serah_activity_partner_kinds[] = {
  "pemerintah-desa", "lsm", "media-lokal", "tokoh-masyarakat", "puskesmas", NULL
};
static const char *const partner_labels[] = {
  N_("Village government"), N_("NGO"), N_("Local media"), N_("Community leader"),
  N_("Puskesmas"),
};

static int
key_index (const char *const *keys, const char *key)
{
  for (int i = 0; key != NULL && keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (keys[i], key) == 0)
      return i;
  return -1;
}

const char *
serah_activity_kind_label (const char *kind)
{
  int i = key_index (serah_activity_kinds, kind);
  return i < 0 ? kind : _(kind_labels[i]);
}

const char *
serah_activity_partner_kind_label (const char *kind)
{
  int i = key_index (serah_activity_partner_kinds, kind);
  return i < 0 ? kind : _(partner_labels[i]);
}

static char *
known_keys (const char *const *keys)
{
  return g_strjoinv (", ", (char **) keys);
}

gboolean
serah_activity_add_partner_text (SerahActivity *draft, const char *text, GError **error)
{
  g_auto(GStrv) parts = NULL;
  SerahActivityPartner *p;
  int i;

  g_return_val_if_fail (draft != NULL, FALSE);
  parts = g_strsplit (text ? text : "", ":", 2);
  i = parts[0] ? key_index (serah_activity_partner_kinds, g_strstrip (parts[0])) : -1;
  if (i < 0)
    {
      g_autofree char *keys = known_keys (serah_activity_partner_kinds);
      return serah_outreach_fail (error, _("Unknown partner “%s” (use one of %s, optionally "
                                           "followed by :NAME)."), text ? text : "", keys);
    }
  p = g_new0 (SerahActivityPartner, 1);
  p->kind = g_strdup (serah_activity_partner_kinds[i]);
  if (parts[1] != NULL && *g_strstrip (parts[1]) != '\0')
    p->name = g_strdup (parts[1]);
  g_ptr_array_add (draft->partners, p);
  return TRUE;
}

gboolean
serah_activity_add_material_text (SerahActivity *draft, const char *text, GError **error)
{
  g_auto(GStrv) parts = NULL;
  SerahActivityMaterial *m;
  char *end = NULL;
  gint64 count;

  g_return_val_if_fail (draft != NULL, FALSE);
  parts = g_strsplit (text ? text : "", "=", 2);
  if (parts[0] == NULL || parts[1] == NULL || *g_strstrip (parts[0]) == '\0')
    return serah_outreach_fail (error, _("Materials are written NAME=COUNT (brosur=120), not "
                                         "“%s”."), text ? text : "");
  count = g_ascii_strtoll (g_strstrip (parts[1]), &end, 10);
  if (end == parts[1] || *end != '\0' || count < 0)
    return serah_outreach_fail (error, _("The count of “%s” must be a whole number, 0 or more."),
                                parts[0]);
  m = g_new0 (SerahActivityMaterial, 1);
  m->material = g_utf8_strdown (parts[0], -1);
  m->count = count;
  g_ptr_array_add (draft->materials, m);
  return TRUE;
}

gint64
serah_activity_record (SerahStore *store, const SerahActivity *draft, const char *operator_name,
                       GError **error)
{
  SerahActivity a;
  g_autofree char *place = NULL, *desa = NULL, *kecamatan = NULL;
  int kind;
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (draft != NULL, 0);

  kind = key_index (serah_activity_kinds, draft->kind);
  if (kind < 0)
    {
      g_autofree char *keys = known_keys (serah_activity_kinds);
      return serah_outreach_fail (error, _("Unknown kind of activity “%s” (use one of %s)."),
                                  draft->kind ? draft->kind : "", keys), 0;
    }
  a = *draft; /* borrowed: partners and materials stay the caller's */
  if (!serah_date_parse (draft->held_on, a.held_on))
    return serah_outreach_fail (error, _("The activity date “%s” is not a date (use YYYY-MM-DD)."),
                                draft->held_on), 0;
  place = g_strstrip (g_strdup (draft->place ? draft->place : ""));
  if (*place == '\0')
    return serah_outreach_fail (error, _("Say where the activity took place.")), 0;
  if (draft->attendance < 0)
    return serah_outreach_fail (error, _("The attendance cannot be negative.")), 0;
  for (guint i = 0; draft->partners != NULL && i < draft->partners->len; i++)
    {
      const SerahActivityPartner *p = draft->partners->pdata[i];
      if (key_index (serah_activity_partner_kinds, p->kind) < 0)
        return serah_outreach_fail (error, _("Unknown partner “%s”."), p->kind), 0;
    }
  for (guint i = 0; draft->materials != NULL && i < draft->materials->len; i++)
    {
      const SerahActivityMaterial *m = draft->materials->pdata[i];
      if (m->material == NULL || *m->material == '\0' || m->count < 0)
        return serah_outreach_fail (error, _("Materials need a name and a count of 0 or more.")), 0;
    }
  if (draft->ceremony_id != 0)
    {
      g_autoptr(SerahCeremony) c = serah_ceremony_get (store, draft->ceremony_id, error);
      if (c == NULL)
        return 0;
    }
  /* The area reference data (desa/kecamatan) is not on main yet (branch office-data): once
   * it is, check draft->desa and draft->kecamatan against it here. */
  desa = draft->desa && *draft->desa ? g_strstrip (g_strdup (draft->desa)) : NULL;
  kecamatan = draft->kecamatan && *draft->kecamatan ? g_strstrip (g_strdup (draft->kecamatan)) : NULL;
  a.kind = (char *) serah_activity_kinds[kind];
  a.place = place;
  a.desa = desa;
  a.kecamatan = kecamatan;
  a.recorded_by = (char *) operator_name;

  if (!serah_store_begin (store, error))
    return 0;
  id = serah_store_outreach_insert_activity (store, &a, error);
  if (id == 0 || !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  return id;
}

/* polish: an activity recorded before its ceremony was set up (or linked to the wrong one)
 * is linked afterwards. The activity row keeps one ceremony_id, so this is the one update
 * in place of the domain; what it was before is kept in the audit event written in the same
 * transaction. */
gboolean
serah_activity_link_ceremony (SerahStore *store, gint64 activity_id, gint64 ceremony_id,
                              const char *operator_name, GError **error)
{
  g_autoptr(SerahActivity) a = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *details = NULL;
  g_autofree char *was = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (activity_id <= 0)
    return serah_outreach_fail (error, _("Say which activity."));
  a = serah_activity_get (store, activity_id, error);
  if (a == NULL)
    return FALSE;
  if (ceremony_id < 0)
    return serah_outreach_fail (error, _("No such ceremony: %lld."), (long long) ceremony_id);
  if (ceremony_id != 0)
    {
      g_autoptr(SerahCeremony) c = serah_ceremony_get (store, ceremony_id, error);
      if (c == NULL)
        return FALSE;
    }
  if (a->ceremony_id == ceremony_id)
    return TRUE; /* nothing changes, nothing to record */

  subject = g_strdup_printf ("%lld", (long long) activity_id);
  was = a->ceremony_id > 0 ? g_strdup_printf ("%lld", (long long) a->ceremony_id) : NULL;
  now = ceremony_id > 0 ? g_strdup_printf ("%lld", (long long) ceremony_id) : g_strdup ("");
  details = serah_audit_details ("ceremony", now, "from", was, NULL);
  if (!serah_store_begin (store, error))
    return FALSE;
  if (!serah_store_outreach_set_activity_ceremony (store, activity_id, ceremony_id, error) ||
      !serah_audit_record (store, operator_name, "activity.ceremony", subject, details, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
all_digits (const char *text, gsize length)
{
  if (strlen (text) != length)
    return FALSE;
  for (const char *c = text; *c; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

gboolean
serah_activity_add_attendee (SerahStore *store, gint64 activity_id, const char *code,
                             const char *operator_name, gboolean *newly_listed,
                             SerahParticipant **participant_out, GError **error)
{
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  int added;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (!serah_outreach_check_activity (store, activity_id, error))
    return FALSE;
  if (activity_id == 0)
    return serah_outreach_fail (error, _("Say which activity."));
  text = g_strstrip (g_strdup (code ? code : ""));
  if (g_str_has_prefix (text, "SRH"))
    {
      SerahPayload payload;
      p = serah_payload_verify (store, text, &payload, error);
      if (p == NULL)
        return FALSE;
    }
  else if (all_digits (text, SERAH_NIK_LENGTH))
    p = serah_participants_find_by_nik (store, text, &local);
  else if (all_digits (text, SERAH_CARD_NO_LENGTH))
    p = serah_participants_find_by_card (store, text, &local);
  else
    return serah_outreach_fail (error, _("Scan the card, or type a NIK (16 digits) or a card "
                                         "number (13 digits)."));
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (p == NULL)
    {
      g_set_error_literal (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                           _("Nobody in the register has this NIK or card number."));
      return FALSE;
    }
  if (!serah_store_begin (store, error))
    return FALSE;
  added = serah_store_outreach_add_attendee (store, activity_id, p->id, operator_name, error);
  if (added < 0 || !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (newly_listed)
    *newly_listed = added == 1;
  if (participant_out)
    *participant_out = g_steal_pointer (&p);
  return TRUE;
}

SerahActivity *
serah_activity_get (SerahStore *store, gint64 activity_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  SerahActivity *a;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  a = serah_store_outreach_get_activity (store, activity_id, &local);
  if (a == NULL && local == NULL)
    g_set_error (&local, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                 _("There is no activity number %lld."), (long long) activity_id);
  if (a == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return a;
}

GPtrArray *
serah_activity_list (SerahStore *store, const char *from, const char *to, const char *desa,
                     GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_outreach_list_activities (store, from, to, desa, error);
}
