/* serah-ceremony.c: the rules of ceremonies and handovers on top of the store: who may be
 * handed a card, what is refused and why, durable recording, undo, and the lookup behind
 * the check-off page's scan field. Invitations are in serah-ceremony-invite.c.
 */
#define G_LOG_DOMAIN "serah-ceremony"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>
#include <serah/store/serah-backup.h>

#include "ceremony/serah-ceremony-private.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "server/serah-server-conn-private.h"
#include "store/serah-store-private.h"

G_DEFINE_QUARK (serah-ceremony-error-quark, serah_ceremony_error)

#define DEFAULT_LOOKUP_LIMIT 50

/* ---- plain data ---- */

char *
serah_handover_describe_recipient (const SerahHandover *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->recipient == SERAH_RECIPIENT_REPRESENTATIVE)
    /* TRANSLATORS: a representative's name and relationship to the participant */
    return g_strdup_printf (_("representative %s (%s)"), self->proxy_name ? self->proxy_name : "?",
                            self->proxy_relation ? self->proxy_relation : "?");
  /* TRANSLATORS: the participant's name; the card went into their own hands */
  return g_strdup_printf (_("%s in person"), self->participant_name ? self->participant_name : "?");
}

void
serah_lookup_free (SerahLookup *self)
{
  if (self == NULL)
    return;
  serah_checkoff_entry_free (self->entry);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_error (&self->refusal);
  g_free (self);
}

const char *
serah_ceremony_refusal_code (const GError *error)
{
  static const char *const ceremony_codes[] = {
    [SERAH_CEREMONY_ERROR_INVALID] = "invalid",
    [SERAH_CEREMONY_ERROR_NOT_FOUND] = "not-found",
    [SERAH_CEREMONY_ERROR_CLOSED] = "closed",
    [SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER] = "already-handed-over",
    [SERAH_CEREMONY_ERROR_NOT_INVITED] = "not-invited",
    [SERAH_CEREMONY_ERROR_NOT_HANDED_OVER] = "not-handed-over",
    [SERAH_CEREMONY_ERROR_ALREADY_UNDONE] = "already-undone",
    [SERAH_CEREMONY_ERROR_AMBIGUOUS] = "ambiguous",
    [SERAH_CEREMONY_ERROR_WRONG_CEREMONY] = "wrong-ceremony",
    [SERAH_CEREMONY_ERROR_UNREADABLE] = "unreadable",
  };
  static const char *const payload_codes[] = {
    [SERAH_PAYLOAD_ERROR_MALFORMED] = "malformed",
    [SERAH_PAYLOAD_ERROR_OTHER_DATABASE] = "other-database",
    [SERAH_PAYLOAD_ERROR_FORGED] = "forged",
    [SERAH_PAYLOAD_ERROR_UNKNOWN_CARD] = "unknown-card",
    [SERAH_PAYLOAD_ERROR_VOIDED] = "voided",
  };

  if (error == NULL)
    return "error";
  if (error->domain == SERAH_CEREMONY_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (ceremony_codes))
    return ceremony_codes[error->code];
  if (error->domain == SERAH_PAYLOAD_ERROR && error->code >= 0 &&
      (guint) error->code < G_N_ELEMENTS (payload_codes))
    return payload_codes[error->code];
  return "error";
}

/* ---- helpers ---- */

static const char *
default_operator (const char *operator_name)
{
  return operator_name != NULL && *operator_name ? operator_name : g_get_user_name ();
}

static const char *
default_station (const char *station)
{
  return station != NULL && *station ? station : g_get_host_name ();
}

static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);
  return when ? g_date_time_format (when, "%d/%m/%Y %H:%M:%S") : g_strdup ("?");
}

static char *
stripped_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* The ceremony, refusing a missing one (NOT_FOUND) and, when must_be_open, a closed one. */
static SerahCeremony *
require_ceremony (SerahStore *store, gint64 ceremony_id, gboolean must_be_open, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SerahCeremony) ceremony = serah_store_get_ceremony (store, ceremony_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (ceremony == NULL)
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_FOUND,
                   _("There is no ceremony number %lld in this database."),
                   (long long) ceremony_id);
      return NULL;
    }
  if (must_be_open && ceremony->closed_at != 0)
    {
      g_autofree char *when = format_time (ceremony->closed_at);
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_CLOSED,
                   _("The ceremony “%s” was closed on %s by %s; nothing more can be recorded "
                     "in it."),
                   ceremony->name, when, ceremony->closed_by ? ceremony->closed_by : "?");
      return NULL;
    }
  return g_steal_pointer (&ceremony);
}

static gboolean
audit_ceremony (SerahStore *store, const char *operator_name, const char *action,
                const SerahCeremony *ceremony, GError **error)
{
  g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony->id);
  g_autofree char *details = serah_audit_details ("name", ceremony->name, NULL);
  return serah_audit_record (store, operator_name, action, subject, details, error);
}

/* ---- ceremonies ---- */

gint64
serah_ceremony_create (SerahStore *store, const char *name, const char *date, const char *place,
                       const char *operator_name, GError **error)
{
  g_autofree char *clean_name = stripped_or_null (name);
  g_autofree char *clean_place = stripped_or_null (place);
  g_autofree char *uuid = NULL;
  char iso[11];
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  if (clean_name == NULL)
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                           _("A ceremony needs a name."));
      return 0;
    }
  if (date == NULL || !serah_date_parse (date, iso))
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                   _("“%s” is not a valid date; write it as YYYY-MM-DD, for example 2026-11-24."),
                   date ? date : "");
      return 0;
    }
  if (clean_place == NULL)
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                           _("A ceremony needs a place."));
      return 0;
    }

  uuid = g_uuid_string_random ();
  if (!serah_store_begin (store, error))
    return 0;
  id = serah_store_insert_ceremony (store, uuid, clean_name, iso, clean_place,
                                    default_operator (operator_name), error);
  if (id != 0)
    {
      g_autofree char *subject = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *details = serah_audit_details ("name", clean_name, "date", iso, "place",
                                                      clean_place, "uuid", uuid, NULL);
      if (!serah_audit_record (store, operator_name, "ceremony.create", subject, details, error))
        id = 0;
    }
  if (id == 0 || !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  return id;
}

SerahCeremony *
serah_ceremony_get (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return require_ceremony (store, ceremony_id, FALSE, error);
}

GPtrArray *
serah_ceremony_list (SerahStore *store, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_ceremonies (store, error);
}

/* HOOK POINT: everything that should happen once a ceremony is closed and the close is
 * durable. The backup at close (issue 6) belongs here, so that the GUI, the CLI and any
 * later caller all get it. A failing hook does not reopen the ceremony: the close stands and
 * the error is reported to the caller. */
static gboolean
run_close_hooks (SerahStore *store, const SerahCeremony *ceremony, GError **error)
{
  /* A copy of the database as it stood when the ceremony ended, the day's record. */
  if (!serah_backup_automatic (store, "ceremony-close", error))
    {
      g_prefix_error (error, _("The ceremony “%s” is closed, but the backup at closing failed: "),
                      ceremony->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_ceremony_close (SerahStore *store, gint64 ceremony_id, const char *operator_name,
                      GError **error)
{
  g_autoptr(SerahCeremony) ceremony = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  if (!serah_store_begin (store, error))
    return FALSE;
  ceremony = require_ceremony (store, ceremony_id, TRUE, error);
  if (ceremony == NULL ||
      !serah_store_insert_ceremony_closure (store, ceremony_id, default_operator (operator_name),
                                            error) ||
      !audit_ceremony (store, operator_name, "ceremony.close", ceremony, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  g_clear_pointer (&ceremony, serah_ceremony_free);
  ceremony = serah_store_get_ceremony (store, ceremony_id, error);
  return ceremony != NULL && run_close_hooks (store, ceremony, error);
}

/* ---- handovers ---- */

static void
set_already_handed_over (GError **error, const SerahHandover *h, guint n_live)
{
  g_autofree char *when = format_time (h->handed_at);
  g_autofree char *to_whom = serah_handover_describe_recipient (h);

  if (n_live > 1)
    g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER,
                 _("Card %s was already handed over %u times (a conflict between stations "
                   "to review); the first on %s by %s at station %s to %s."),
                 h->card_no, n_live, when, h->operator_name, h->station, to_whom);
  else
    g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_HANDED_OVER,
                 _("Card %s was already handed over on %s by %s at station %s to %s."),
                 h->card_no, when, h->operator_name, h->station, to_whom);
}

/* Who the request names: a verified code (with the serial in hand) or a participant id. */
static SerahParticipant *
identify (SerahStore *store, const SerahHandoverRequest *request, gint64 *card_serial,
          SerahIdentifiedBy *how, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  SerahParticipant *participant;

  if (request->code != NULL && *request->code != '\0')
    {
      SerahPayload payload;

      participant = serah_payload_verify (store, request->code, &payload, error);
      if (participant == NULL)
        return NULL;
      if (payload.kind == SERAH_PAYLOAD_INVITATION)
        {
          if (payload.number != request->ceremony_id)
            {
              g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_WRONG_CEREMONY,
                           _("This invitation is for another ceremony (number %lld), not this "
                             "one. Search the person by name instead."),
                           (long long) payload.number);
              serah_participant_free (participant);
              return NULL;
            }
          *how = SERAH_IDENTIFIED_SCAN_INVITATION;
          *card_serial = 0;
        }
      else
        {
          *how = SERAH_IDENTIFIED_SCAN_CARD;
          *card_serial = payload.number;
        }
      return participant;
    }

  participant = serah_store_get_participant (store, request->participant_id, &local_error);
  if (participant == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_FOUND,
                     _("There is no participant number %lld."),
                     (long long) request->participant_id);
      return NULL;
    }
  *how = request->identified_by;
  *card_serial = request->card_serial;
  return participant;
}

SerahHandover *
serah_ceremony_record_handover (SerahStore *store, const SerahHandoverRequest *request,
                                SerahHandover **existing, GError **error)
{
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(SerahHandover) live = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autofree char *proxy_name = NULL;
  g_autofree char *proxy_relation = NULL;
  g_autofree char *proxy_id = NULL;
  g_autoptr(GError) local_error = NULL;
  SerahIdentifiedBy how = SERAH_IDENTIFIED_SEARCH;
  gint64 card_serial = 0;
  gboolean invited = FALSE;
  guint n_live = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail ((request->code != NULL && *request->code) != (request->participant_id > 0),
                        NULL);
  if (existing != NULL)
    *existing = NULL;

  proxy_name = stripped_or_null (request->proxy_name);
  proxy_relation = stripped_or_null (request->proxy_relation);
  proxy_id = stripped_or_null (request->proxy_id_number);
  if (proxy_name == NULL && (proxy_relation != NULL || proxy_id != NULL))
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                           _("A representative's relationship or ID number was given without "
                             "the representative's name."));
      return NULL;
    }
  if (proxy_name != NULL && proxy_relation == NULL)
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                           _("Say how the representative is related to the participant "
                             "(for example: istri, anak, orang tua)."));
      return NULL;
    }

  /* Verifying the code only reads; it stays outside the write lock. */
  participant = identify (store, request, &card_serial, &how, error);
  if (participant == NULL)
    return NULL;

  /* IMMEDIATE: the "already handed over?" check and the insert see the same database, even
   * with a second station process writing to the same file. */
  if (!serah_store_begin (store, error))
    return NULL;

  ceremony = require_ceremony (store, request->ceremony_id, TRUE, error);
  if (ceremony == NULL)
    goto failed;

  live = serah_store_get_live_handover (store, ceremony->id, participant->id, &n_live,
                                        &local_error);
  if (local_error != NULL)
    goto failed_local;
  if (live != NULL)
    {
      set_already_handed_over (error, live, n_live);
      if (existing != NULL)
        *existing = g_steal_pointer (&live);
      goto failed;
    }

  if (!serah_store_is_invited (store, ceremony->id, participant->id, &invited, error))
    goto failed;
  if (!invited && !request->allow_uninvited)
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_INVITED,
                   _("%s (card %s, %s) is not invited to “%s”. Check the invitation list, or "
                     "hand the card over anyway with “allow uninvited”, which is recorded."),
                   participant->name, participant->card_no,
                   participant->desa ? participant->desa : "?", ceremony->name);
      goto failed;
    }

  if (card_serial == 0)
    {
      g_autoptr(SerahPrintedCard) card = serah_store_get_current_card (store, participant->id,
                                                                      &local_error);
      if (local_error != NULL)
        goto failed_local;
      card_serial = card ? card->serial : 0;
    }

  h = g_new0 (SerahHandover, 1);
  h->uuid = g_uuid_string_random ();
  h->ceremony_id = ceremony->id;
  h->participant_id = participant->id;
  g_strlcpy (h->card_no, participant->card_no, sizeof h->card_no);
  h->participant_name = g_strdup (participant->name);
  h->card_serial = card_serial;
  h->handed_at = g_get_real_time () / G_USEC_PER_SEC;
  h->operator_name = g_strdup (default_operator (request->operator_name));
  h->station = g_strdup (default_station (request->station));
  h->recipient = proxy_name ? SERAH_RECIPIENT_REPRESENTATIVE : SERAH_RECIPIENT_SELF;
  h->proxy_name = g_steal_pointer (&proxy_name);
  h->proxy_relation = g_steal_pointer (&proxy_relation);
  h->proxy_id_number = g_steal_pointer (&proxy_id);
  h->uninvited = !invited;
  h->identified_by = how;

  /* Linked to an office server: the card is claimed there first, so that no other desk can
   * hand it over too (unreachable: recorded here only, sent at the next sync). */
  switch (serah_server_claim_handover (store, ceremony, participant, h, &live, error))
    {
    case SERAH_SERVER_CLAIM_TAKEN:
      set_already_handed_over (error, live, 1);
      if (existing != NULL)
        *existing = g_steal_pointer (&live);
      goto failed;
    case SERAH_SERVER_CLAIM_FAILED:
      goto failed;
    case SERAH_SERVER_CLAIM_LOCAL:
    case SERAH_SERVER_CLAIMED:
    default:
      break;
    }

  if (h->uninvited)
    {
      g_autofree char *details = serah_audit_details ("card_no", h->card_no, "ceremony",
                                                      ceremony->name, "station", h->station,
                                                      NULL);
      if (!serah_audit_record (store, h->operator_name, "handover.uninvited", h->uuid, details,
                               error))
        goto failed;
    }

  /* The commit (WAL, synchronous=FULL) has reached the disk when it returns. */
  if (!serah_store_insert_handover (store, h, error) ||
      !serah_store_refresh_ceremony_state (store, ceremony->id, participant->id, error) ||
      !serah_store_commit (store, error))
    goto failed;
  return g_steal_pointer (&h);

failed_local:
  g_propagate_error (error, g_steal_pointer (&local_error));
failed:
  serah_store_rollback (store);
  return NULL;
}

SerahHandover *
serah_ceremony_undo_handover (SerahStore *store, gint64 ceremony_id, const char *handover_uuid,
                              const char *reason, const char *operator_name, const char *station,
                              GError **error)
{
  g_autofree char *clean_reason = stripped_or_null (reason);
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(SerahHandover) h = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (handover_uuid != NULL, NULL);

  if (clean_reason == NULL)
    {
      g_set_error_literal (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_INVALID,
                           _("Give the reason for undoing the handover (for example: handed "
                             "to the wrong person)."));
      return NULL;
    }

  if (!serah_store_begin (store, error))
    return NULL;
  ceremony = require_ceremony (store, ceremony_id, TRUE, error);
  if (ceremony == NULL)
    goto failed;
  h = serah_store_get_handover (store, handover_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  if (h == NULL || h->ceremony_id != ceremony_id)
    {
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_FOUND,
                   _("There is no handover %s in the ceremony “%s”."), handover_uuid,
                   ceremony->name);
      goto failed;
    }
  if (h->undo_uuid != NULL)
    {
      g_autofree char *when = format_time (h->undone_at);
      g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_ALREADY_UNDONE,
                   _("This handover of card %s was already undone on %s by %s (%s)."),
                   h->card_no, when, h->undone_by, h->undo_reason);
      goto failed;
    }

  h->undo_uuid = g_uuid_string_random ();
  h->undone_at = g_get_real_time () / G_USEC_PER_SEC;
  h->undone_by = g_strdup (default_operator (operator_name));
  h->undo_station = g_strdup (default_station (station));
  h->undo_reason = g_steal_pointer (&clean_reason);
  {
    g_autofree char *details = serah_audit_details ("card_no", h->card_no, "undo_uuid",
                                                    h->undo_uuid, "reason", h->undo_reason,
                                                    "station", h->undo_station, NULL);
    if (!serah_audit_record (store, h->undone_by, "handover.undo", h->uuid, details, error))
      goto failed;
  }
  if (!serah_store_insert_handover_undo (store, h, error) ||
      !serah_store_refresh_ceremony_state (store, ceremony_id, h->participant_id, error) ||
      !serah_store_commit (store, error))
    goto failed;
  /* Linked: the other desks learn at once that the card may be handed over again. */
  serah_server_after_local_event (store);
  return g_steal_pointer (&h);

failed:
  serah_store_rollback (store);
  return NULL;
}

SerahHandover *
serah_ceremony_get_live_handover (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                                  guint *n_live, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_live_handover (store, ceremony_id, participant_id, n_live, error);
}

GPtrArray *
serah_ceremony_list_handovers (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                               GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_handovers (store, ceremony_id, participant_id, FALSE, error);
}

/* ---- lookup ---- */

SerahCheckoffEntry *
serah_ceremony_get_entry (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                          GError **error)
{
  g_autoptr(GError) local_error = NULL;
  SerahCheckoffEntry *entry;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  entry = serah_store_get_checkoff_entry (store, ceremony_id, participant_id, &local_error);
  if (entry == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SERAH_CEREMONY_ERROR, SERAH_CEREMONY_ERROR_NOT_FOUND,
                     _("There is no participant number %lld."), (long long) participant_id);
    }
  return entry;
}

static SerahLookup *
lookup_found (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
              SerahIdentifiedBy how, gint64 scanned_serial, GError **error)
{
  g_autoptr(SerahLookup) lookup = g_new0 (SerahLookup, 1);

  lookup->kind = SERAH_LOOKUP_FOUND;
  lookup->identified_by = how;
  lookup->entry = serah_ceremony_get_entry (store, ceremony_id, participant_id, error);
  if (lookup->entry == NULL)
    return NULL;
  lookup->entry->scanned_serial = scanned_serial;
  return g_steal_pointer (&lookup);
}

static SerahLookup *
lookup_code (SerahStore *store, gint64 ceremony_id, const char *text, GError **error)
{
  SerahHandoverRequest request = { .ceremony_id = ceremony_id, .code = text };
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(GError) refusal = NULL;
  SerahIdentifiedBy how;
  gint64 serial = 0;

  participant = identify (store, &request, &serial, &how, &refusal);
  if (participant == NULL)
    {
      SerahLookup *lookup;

      /* Database trouble is an error; a code that must not be accepted is an answer. */
      if (refusal->domain != SERAH_PAYLOAD_ERROR && refusal->domain != SERAH_CEREMONY_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&refusal));
          return NULL;
        }
      lookup = g_new0 (SerahLookup, 1);
      lookup->kind = SERAH_LOOKUP_REFUSED;
      lookup->refusal = g_steal_pointer (&refusal);
      return lookup;
    }
  return lookup_found (store, ceremony_id, participant->id, how, serial, error);
}

/* Search results: the invited before the others, then by desa and name. */
static int
compare_results (gconstpointer a, gconstpointer b)
{
  const SerahCheckoffEntry *x = *(SerahCheckoffEntry *const *) a;
  const SerahCheckoffEntry *y = *(SerahCheckoffEntry *const *) b;
  int c;

  if (x->invited != y->invited)
    return x->invited ? -1 : 1;
  c = g_strcmp0 (x->participant->desa, y->participant->desa);
  if (c == 0)
    c = g_utf8_collate (x->participant->name, y->participant->name);
  if (c != 0)
    return c;
  return (x->participant->id > y->participant->id) - (x->participant->id < y->participant->id);
}

SerahLookup *
serah_ceremony_lookup (SerahStore *store, gint64 ceremony_id, const char *text, guint limit,
                       GError **error)
{
  g_autofree char *needle = NULL;
  g_autoptr(SerahLookup) lookup = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean more = FALSE;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  needle = g_strstrip (g_strdup (text ? text : ""));
  if (limit == 0)
    limit = DEFAULT_LOOKUP_LIMIT;

  if (*needle == '\0')
    {
      lookup = g_new0 (SerahLookup, 1);
      lookup->kind = SERAH_LOOKUP_EMPTY;
      return g_steal_pointer (&lookup);
    }

  /* Names, NIKs and card numbers never contain ':'; every Serah code does. */
  if (strchr (needle, ':') != NULL)
    return lookup_code (store, ceremony_id, needle, error);

  if (serah_text_is_digits (needle) &&
      (strlen (needle) == SERAH_CARD_NO_LENGTH || strlen (needle) == SERAH_NIK_LENGTH))
    {
      gboolean is_card = strlen (needle) == SERAH_CARD_NO_LENGTH;
      g_autoptr(SerahParticipant) p =
        is_card ? serah_store_find_participant_by_card (store, needle, &local_error)
                : serah_store_find_participant_by_nik (store, needle, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (p != NULL)
        return lookup_found (store, ceremony_id, p->id,
                             is_card ? SERAH_IDENTIFIED_CARD_NUMBER : SERAH_IDENTIFIED_NIK, 0,
                             error);
      /* Not an exact number: fall through to a prefix search (a mistyped digit shows
       * nothing, which is the honest answer). */
    }

  /* Not serah_store_search_participant_ids: it orders every match by area before the
   * limit, so "3" or "Si" sorts tens of thousands of rows (about 20 ms with 20 000 people);
   * the check-off search stops after limit rows and orders only those. */
  ids = serah_store_search_checkoff_ids (store, ceremony_id, needle, limit, &more, error);
  if (ids == NULL)
    return NULL;
  lookup = g_new0 (SerahLookup, 1);
  lookup->kind = SERAH_LOOKUP_RESULTS;
  lookup->identified_by = SERAH_IDENTIFIED_SEARCH;
  lookup->more = more;
  lookup->results = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_checkoff_entry_free);
  for (guint i = 0; i < ids->len; i++)
    {
      SerahCheckoffEntry *entry = serah_ceremony_get_entry (store, ceremony_id,
                                                            g_array_index (ids, gint64, i), error);
      if (entry == NULL)
        return NULL;
      g_ptr_array_add (lookup->results, entry);
    }
  g_ptr_array_sort (lookup->results, compare_results);
  return g_steal_pointer (&lookup);
}

/* ---- progress and lists ---- */

SerahCeremonyProgress *
serah_ceremony_get_progress (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_get_ceremony_progress (store, ceremony_id, error);
}

gboolean
serah_ceremony_foreach_entry (SerahStore *store, gint64 ceremony_id, SerahEntriesWhich which,
                              const char *desa, SerahCheckoffEntryFunc func, gpointer user_data,
                              GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  return serah_store_foreach_checkoff_entry (store, ceremony_id, which, desa, func, user_data,
                                             error);
}

static gboolean
collect_entry (const SerahCheckoffEntry *entry, gpointer user_data, GError **error)
{
  SerahCheckoffEntry *copy = g_new0 (SerahCheckoffEntry, 1);

  copy->participant = serah_participant_copy (entry->participant);
  copy->invited = entry->invited;
  if (entry->card != NULL)
    {
      copy->card = g_memdup2 (entry->card, sizeof *entry->card);
      copy->card->stack_group = g_strdup (entry->card->stack_group);
      copy->card->void_reason = g_strdup (entry->card->void_reason);
    }
  copy->scanned_serial = entry->scanned_serial;
  copy->handover = serah_handover_copy (entry->handover);
  copy->n_live = entry->n_live;
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

GPtrArray *
serah_ceremony_list_entries (SerahStore *store, gint64 ceremony_id, SerahEntriesWhich which,
                             const char *desa, GError **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_checkoff_entry_free);

  if (!serah_ceremony_foreach_entry (store, ceremony_id, which, desa, collect_entry, entries,
                                     error))
    return NULL;
  return g_steal_pointer (&entries);
}

gint64
serah_ceremony_count_pending (SerahStore *store, gint64 ceremony_id, const char *kecamatan,
                              const char *desa, GError **error)
{
  g_autoptr(SerahCeremonyProgress) progress = NULL;
  gint64 waiting = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), -1);

  progress = serah_store_get_ceremony_progress (store, ceremony_id, error);
  if (progress == NULL)
    return -1;
  for (guint i = 0; i < progress->areas->len; i++)
    {
      const SerahProgressRow *row = g_ptr_array_index (progress->areas, i);

      if (desa != NULL && kecamatan != NULL &&
          (g_ascii_strcasecmp (row->desa, desa) != 0 ||
           g_ascii_strcasecmp (row->kecamatan, kecamatan) != 0))
        continue;
      /* Handovers to uninvited people are in handed_over but were never waiting. */
      waiting += MAX (0, row->invited - (row->handed_over - row->uninvited));
    }
  return waiting;
}

GArray *
serah_ceremony_pending_window (SerahStore *store, gint64 ceremony_id, const char *kecamatan,
                               const char *desa, gint64 position, guint limit,
                               gint64 n_pending, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return serah_store_pending_window (store, ceremony_id, kecamatan, desa, position, limit,
                                     n_pending, error);
}

GPtrArray *
serah_ceremony_list_conflicts (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(GPtrArray) conflicts =
    g_ptr_array_new_with_free_func ((GDestroyNotify) serah_handover_conflict_free);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  ids = serah_store_list_conflict_participants (store, ceremony_id, error);
  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(SerahHandoverConflict) c = g_new0 (SerahHandoverConflict, 1);
      g_autoptr(GError) local_error = NULL;
      gint64 id = g_array_index (ids, gint64, i);

      c->participant = serah_store_get_participant (store, id, &local_error);
      if (c->participant == NULL)
        {
          g_propagate_error (error, local_error ? g_steal_pointer (&local_error)
                                                : g_error_new (SERAH_CEREMONY_ERROR,
                                                               SERAH_CEREMONY_ERROR_NOT_FOUND,
                                                               "participant %" G_GINT64_FORMAT,
                                                               id));
          return NULL;
        }
      c->handovers = serah_store_list_handovers (store, ceremony_id, id, TRUE, error);
      if (c->handovers == NULL)
        return NULL;
      g_ptr_array_add (conflicts, g_steal_pointer (&c));
    }
  return g_steal_pointer (&conflicts);
}

GStrv
serah_ceremony_list_operators (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_list_ceremony_operators (store, ceremony_id, error);
}
