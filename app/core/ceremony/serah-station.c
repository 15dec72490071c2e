/* serah-station.c: merging the handovers of several stations (laptops) at one ceremony.
 *
 * Every station works on a copy of the same office database, so the database id and the
 * ceremony's uuid match, and records events with random UUIDs. A merge is the set union of
 * the events keyed by UUID; the state is then derived from the union alone (see
 * serah_store_refresh_ceremony_state), which makes importing idempotent and order-free. Two
 * live handovers of one participant stay as a conflict for a person to review.
 *
 * An import is checked whole, then written in slices of a few hundred events, each its own
 * transaction (issue 17): a scan at the desk never waits for a big merge, and a merge killed
 * half way is finished by importing the bundle again.
 */
#define G_LOG_DOMAIN "serah-station"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <serah/admin/serah-audit.h>
#include <serah/output/serah-output.h>
#include <serah/store/serah-backup.h>

#include "cards/serah-payload-private.h"
#include "ceremony/serah-ceremony-private.h"
#include "ceremony/serah-station-private.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"


/* Issue 17: the bundle's MAC under this office database's secret. Stations work on copies of
 * the office database, so they share the secret; someone who edits a bundle and recomputes
 * its SHA-256 does not have it. Compared in constant time. */
static gboolean
check_seal (SerahStore *store, const SerahStationBundle *bundle, const char *path,
            GError **error)
{
  g_autoptr(GString) message = serah_store_station_bundle_mac_message (bundle->info,
                                                                       bundle->events_sha256);
  g_autofree char *expected = NULL;
  guint diff = 0;

  if (!serah_payload_office_mac (store, FALSE, "station-bundle", message->str, message->len,
                                 &expected, error))
    return FALSE;
  if (expected == NULL || bundle->events_mac == NULL ||
      strlen (bundle->events_mac) != strlen (expected))
    diff = 1;
  else
    for (gsize i = 0; expected[i] != '\0'; i++)
      diff |= (guint) (guchar) (expected[i] ^ bundle->events_mac[i]);
  if (diff != 0)
    {
      g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_NOT_A_BUNDLE,
                   _("The bundle “%s” does not carry the seal of this office database: it was "
                     "edited after it was exported, or it comes from elsewhere. Nothing was "
                     "imported; export the bundle again at the station."),
                   path);
      return FALSE;
    }
  return TRUE;
}

SerahStationBundleInfo *
serah_station_export (SerahStore *store, gint64 ceremony_id, const char *station,
                      const char *operator_name, const char *path, GError **error)
{
  g_autoptr(SerahStationBundleInfo) info = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(SerahOutput) out = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  ceremony = serah_ceremony_get (store, ceremony_id, error);
  if (ceremony == NULL)
    return NULL;

  info = g_new0 (SerahStationBundleInfo, 1);
  info->format_version = SERAH_STATION_BUNDLE_VERSION;
  info->database_id = g_strdup (serah_store_get_database_id (store));
  info->ceremony_uuid = g_strdup (ceremony->uuid);
  info->ceremony_name = g_strdup (ceremony->name);
  g_strlcpy (info->ceremony_date, ceremony->date, sizeof info->ceremony_date);
  info->station = g_strdup (station != NULL && *station ? station : g_get_host_name ());
  info->exported_at = g_get_real_time () / G_USEC_PER_SEC;
  info->ceremony_id = ceremony_id;

  /* Written aside and renamed: a USB stick pulled half way never holds half a bundle under
   * the real name. */
  /* Full NIKs travel in a bundle: readable by its owner only. */
  out = serah_output_begin (path, SERAH_OUTPUT_REPLACE | SERAH_OUTPUT_PRIVATE, error);
  if (out == NULL)
    return NULL;
  tmp = g_strdup (serah_output_get_temp_path (out));
  if (!serah_store_write_station_bundle (store, ceremony, info, tmp, error))
    return NULL;
  /* Personal data leaves the database here: recorded before the file takes its name. */
  {
    g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
    g_autofree char *handovers = g_strdup_printf ("%" G_GINT64_FORMAT, info->handovers);
    g_autofree char *undos = g_strdup_printf ("%" G_GINT64_FORMAT, info->undos);
    g_autofree char *details = serah_audit_details ("file", path, "station", info->station,
                                                    "handovers", handovers, "undos", undos, NULL);
    if (!serah_audit_record (store, operator_name, "station.export", subject, details, error))
      return NULL;
  }
  if (!serah_output_commit (out, error))
    return NULL;
  return g_steal_pointer (&info);
}

SerahStationBundleInfo *
serah_station_inspect (const char *path, GError **error)
{
  g_autoptr(SerahStationBundle) bundle = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bundle = serah_store_read_station_bundle (path, TRUE, error);
  return bundle ? g_steal_pointer (&bundle->info) : NULL;
}

/* An event that exists here under the same UUID must be the same event; anything else means
 * a tampered or mixed-up bundle, and the whole import is refused. */
static gboolean
same_handover (const SerahHandover *a, const SerahHandover *b)
{
  return g_strcmp0 (a->card_no, b->card_no) == 0 && a->card_serial == b->card_serial &&
         a->handed_at == b->handed_at && g_strcmp0 (a->operator_name, b->operator_name) == 0 &&
         g_strcmp0 (a->station, b->station) == 0 && a->recipient == b->recipient &&
         g_strcmp0 (a->proxy_name, b->proxy_name) == 0 &&
         g_strcmp0 (a->proxy_relation, b->proxy_relation) == 0 &&
         g_strcmp0 (a->proxy_id_number, b->proxy_id_number) == 0 &&
         a->uninvited == b->uninvited && a->identified_by == b->identified_by;
}

static gboolean
same_undo (const SerahHandover *a, const SerahHandover *b)
{
  return g_strcmp0 (a->uuid, b->uuid) == 0 && a->undone_at == b->undone_at &&
         g_strcmp0 (a->undone_by, b->undone_by) == 0 &&
         g_strcmp0 (a->undo_station, b->undo_station) == 0 &&
         g_strcmp0 (a->undo_reason, b->undo_reason) == 0;
}

static gboolean
inconsistent (GError **error, const char *path, const char *what, const char *uuid)
{
  g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_INCONSISTENT,
               _("The bundle “%s” does not agree with this database (%s, event %s). Nothing "
                 "was imported."),
               path, what, uuid);
  return FALSE;
}

static gint64
map_participant (SerahStore *store, const SerahHandover *h, const char *nik, GError **error)
{
  g_autoptr(SerahParticipant) p = serah_store_find_participant_by_card (store, h->card_no, error);

  if (p == NULL && error != NULL && *error != NULL)
    return -1;
  if (p == NULL)
    p = serah_store_find_participant_by_nik (store, nik, error);
  if (p == NULL)
    return (error != NULL && *error != NULL) ? -1 : 0;
  return p->id;
}

/* How a merge walks the bundle: checking only (nothing written), or writing the events
 * [from, to) of each list. */
typedef struct {
  gboolean    check_only;
  GHashTable *bundle_uuids;  /* check_only: the handovers the bundle itself brings */
  guint       from, to;
} MergePass;

static gboolean
merge_handovers (SerahStore *store, const char *path, SerahStationBundle *bundle,
                 gint64 ceremony_id, GHashTable *affected, const MergePass *pass,
                 GError **error)
{
  for (guint i = pass->from; i < MIN (pass->to, bundle->handovers->len); i++)
    {
      SerahHandover *h = bundle->handovers->pdata[i];
      const char *nik = bundle->niks->pdata[i];
      g_autoptr(SerahHandover) here = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 participant_id = map_participant (store, h, nik, &local_error);

      if (participant_id < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (participant_id == 0)
        return inconsistent (error, path, _("a card number unknown here"), h->uuid);

      here = serah_store_get_handover (store, h->uuid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (here != NULL)
        {
          if (here->ceremony_id != ceremony_id || here->participant_id != participant_id ||
              !same_handover (here, h))
            return inconsistent (error, path, _("a handover that differs from ours"), h->uuid);
          continue;
        }
      if (pass->check_only)
        {
          g_hash_table_add (pass->bundle_uuids, h->uuid);
          continue;
        }

      h->ceremony_id = ceremony_id;
      h->participant_id = participant_id;
      if (!serah_store_insert_handover (store, h, error))
        return FALSE;
      bundle->info->new_handovers++;
      g_hash_table_add (affected, g_memdup2 (&participant_id, sizeof participant_id));
    }
  return TRUE;
}

static gboolean
merge_undos (SerahStore *store, const char *path, SerahStationBundle *bundle, gint64 ceremony_id,
             GHashTable *affected, const MergePass *pass, GError **error)
{
  for (guint i = pass->from; i < MIN (pass->to, bundle->undos->len); i++)
    {
      const SerahHandover *u = bundle->undos->pdata[i];
      g_autoptr(SerahHandover) here = NULL;
      g_autoptr(SerahHandover) target = NULL;
      g_autoptr(GError) local_error = NULL;

      here = serah_store_get_undo (store, u->undo_uuid, &local_error);
      if (local_error == NULL && here == NULL)
        target = serah_store_get_handover (store, u->uuid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (here != NULL)
        {
          if (here->ceremony_id != ceremony_id || !same_undo (here, u))
            return inconsistent (error, path, _("an undo that differs from ours"), u->undo_uuid);
          continue;
        }
      /* The exporting station knew the handover it undid, and exports it too. While only
       * checking, that handover may be one the bundle brings and is not written yet. */
      if (pass->check_only && target == NULL &&
          g_hash_table_contains (pass->bundle_uuids, u->uuid))
        continue;
      if (target == NULL || target->ceremony_id != ceremony_id)
        return inconsistent (error, path, _("an undo of a handover that is not in it"),
                             u->undo_uuid);
      if (pass->check_only)
        continue;
      if (!serah_store_insert_handover_undo (store, u, error))
        return FALSE;
      bundle->info->new_undos++;
      g_hash_table_add (affected, g_memdup2 (&target->participant_id, sizeof (gint64)));
    }
  return TRUE;
}

static gboolean
refresh_affected (SerahStore *store, gint64 ceremony_id, GHashTable *affected, GError **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, affected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!serah_store_refresh_ceremony_state (store, ceremony_id, *(gint64 *) key, error))
      return FALSE;
  g_hash_table_remove_all (affected);
  return TRUE;
}

static gboolean
count_conflicts (SerahStore *store, SerahStationBundle *bundle, gint64 ceremony_id,
                 GError **error)
{
  g_autoptr(GArray) conflicts = serah_store_list_conflict_participants (store, ceremony_id, error);

  if (conflicts == NULL)
    return FALSE;
  bundle->info->conflicts = conflicts->len;
  return TRUE;
}

gboolean
serah_station_merge_events (SerahStore *store, SerahStationBundle *bundle, gint64 ceremony_id,
                            const char *source, GError **error)
{
  g_autoptr(GHashTable) affected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  MergePass all = { FALSE, NULL, 0, G_MAXUINT };

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (bundle != NULL && bundle->info != NULL, FALSE);

  if (!merge_handovers (store, source, bundle, ceremony_id, affected, &all, error) ||
      !merge_undos (store, source, bundle, ceremony_id, affected, &all, error))
    return FALSE;
  return refresh_affected (store, ceremony_id, affected, error) &&
         count_conflicts (store, bundle, ceremony_id, error);
}

/* Events written per transaction of a station merge (issue 17): a scan at the desk waits for
 * one slice at most, a few milliseconds, never for the whole bundle. */
#define MERGE_SLICE 200

/* Writes the bundle in slices of MERGE_SLICE events, each its own transaction with the state
 * of the participants it touched. A merge killed half way leaves whole events (each with its
 * derived state) and is finished by importing the bundle again: events already here are
 * recognised by UUID. Handovers go first, so that an undo never arrives before its handover. */
static gboolean
merge_in_slices (SerahStore *store, SerahStationBundle *bundle, gint64 ceremony_id,
                 const char *path, GError **error)
{
  g_autoptr(GHashTable) affected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  gint64 committed = 0;

  for (int list = 0; list < 2; list++)
    {
      guint n = list == 0 ? bundle->handovers->len : bundle->undos->len;

      for (guint from = 0; from < n; from += MERGE_SLICE)
        {
          MergePass pass = { FALSE, NULL, from, from + MERGE_SLICE };
          gboolean ok;

          if (!serah_store_begin (store, error))
            return FALSE;
          ok = list == 0
                 ? merge_handovers (store, path, bundle, ceremony_id, affected, &pass, error)
                 : merge_undos (store, path, bundle, ceremony_id, affected, &pass, error);
          ok = ok && refresh_affected (store, ceremony_id, affected, error);
          ok = ok && serah_store_commit (store, error);
          if (!ok)
            {
              serah_store_rollback (store);
              /* Whatever an earlier slice wrote stays: say so, and how to finish. */
              if (committed > 0)
                {
                  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, committed);
                  g_prefix_error (error,
                                  _("The merge of “%s” stopped after %s new events (they are "
                                    "kept); import the bundle again to finish it. "),
                                  path, count);
                }
              return FALSE;
            }
          committed = bundle->info->new_handovers + bundle->info->new_undos;
        }
    }
  return TRUE;
}

SerahStationBundleInfo *
serah_station_import (SerahStore *store, const char *path, const char *operator_name,
                      GError **error)
{
  g_autoptr(SerahStationBundle) bundle = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Everything is read and checked before the database is touched. */
  bundle = serah_store_read_station_bundle (path, FALSE, error);
  if (bundle == NULL)
    return NULL;

  if (g_strcmp0 (bundle->info->database_id, serah_store_get_database_id (store)) != 0)
    {
      g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_OTHER_DATABASE,
                   _("The bundle “%s” (station %s) comes from another office database, not a "
                     "copy of this one. Nothing was imported."),
                   path, bundle->info->station);
      return NULL;
    }
  if (!check_seal (store, bundle, path, error))
    return NULL;
  ceremony = serah_store_find_ceremony_by_uuid (store, bundle->info->ceremony_uuid, &local_error);
  if (ceremony == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SERAH_STATION_ERROR, SERAH_STATION_ERROR_OTHER_CEREMONY,
                     _("The bundle “%s” is for the ceremony “%s” of %s, which this database "
                       "does not have. Nothing was imported."),
                     path, bundle->info->ceremony_name, bundle->info->ceremony_date);
      return NULL;
    }
  bundle->info->ceremony_id = ceremony->id;

  /* A copy to go back to, should a merge turn out to be a mistake (see serah-backup.h). */
  if (!serah_backup_automatic (store, "merge", error))
    return NULL;

  /* Every event is checked against this database first, in a read snapshot, so a bundle
   * that disagrees anywhere is refused before anything is written. Importing into a closed
   * ceremony is allowed: the events happened before, at the stations. */
  {
    g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
    MergePass check = { TRUE, uuids, 0, G_MAXUINT };
    gboolean ok;

    if (!serah_store_begin_read (store, error))
      return NULL;
    ok = merge_handovers (store, path, bundle, ceremony->id, NULL, &check, error) &&
         merge_undos (store, path, bundle, ceremony->id, NULL, &check, error);
    serah_store_rollback (store);
    if (!ok)
      return NULL;
  }
  if (!merge_in_slices (store, bundle, ceremony->id, path, error))
    return NULL;
  /* The audit record and the conflict count close the merge. */
  if (!serah_store_begin (store, error))
    return NULL;
  if (!count_conflicts (store, bundle, ceremony->id, error))
    goto failed;
  {
    g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony->id);
    g_autofree char *handovers = g_strdup_printf ("%" G_GINT64_FORMAT, bundle->info->new_handovers);
    g_autofree char *undos = g_strdup_printf ("%" G_GINT64_FORMAT, bundle->info->new_undos);
    g_autofree char *details = serah_audit_details ("file", path, "station", bundle->info->station,
                                                    "new_handovers", handovers, "new_undos", undos,
                                                    NULL);
    if (!serah_audit_record (store, operator_name, "station.import", subject, details, error))
      goto failed;
  }
  if (!serah_store_commit (store, error))
    goto failed;

  g_info ("merged bundle %s from station %s: %" G_GINT64_FORMAT " new handovers, %"
          G_GINT64_FORMAT " new undos, %" G_GINT64_FORMAT " conflicts",
          path, bundle->info->station, bundle->info->new_handovers, bundle->info->new_undos,
          bundle->info->conflicts);
  return g_steal_pointer (&bundle->info);

failed:
  serah_store_rollback (store);
  return NULL;
}
