/* serah-feedback.c: feedback and complaints and their follow-up (received, forwarded,
 * resolved), each step an appended event so the office can show when an item was answered and
 * by whom; the list of open items by age. */
#define G_LOG_DOMAIN "serah-outreach"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <serah/outreach/serah-feedback.h>

#include "outreach/serah-outreach-private.h"
#include "outreach/serah-store-outreach-private.h"
#include <serah/register/serah-register.h>

const char *const serah_feedback_channels[] = {
  "meja", "forum", "acara", "telepon", "pesan", "lainnya", NULL
};
const char *const serah_feedback_categories[] = {
  "data-salah", "kartu-belum-diterima", "layanan-faskes", "iuran-kepesertaan", "informasi",
  "lainnya", NULL
};
static const char *const category_labels[] = {
  N_("Wrong data"), N_("Card not received"), N_("Health facility service"),
  N_("Contributions and membership"), N_("Information"), N_("Other"),
};
const char *const serah_feedback_destinations[] = { "bpjs", "puskesmas", "desa", "dinsos", NULL };


static int
key_index (const char *const *keys, const char *key)
{
  for (int i = 0; key != NULL && keys[i] != NULL; i++)
    if (g_ascii_strcasecmp (keys[i], key) == 0)
      return i;
  return -1;
}

const char *
serah_feedback_state_label (SerahFeedbackState state)
{
  static const char *const labels[] = { N_("Received"), N_("Forwarded"), N_("Resolved") };
  g_return_val_if_fail (state <= SERAH_FEEDBACK_RESOLVED, "?");
  return _(labels[state]);
}

const char *
serah_feedback_category_label (const char *category)
{
  int i = key_index (serah_feedback_categories, category);
  return i < 0 ? category : _(category_labels[i]);
}

static gboolean
unknown_key (GError **error, const char *what, const char *value, const char *const *keys)
{
  g_autofree char *known = g_strjoinv (", ", (char **) keys);
  return serah_outreach_fail (error, _("Unknown %s “%s” (use one of %s)."), what,
                              value ? value : "", known);
}

gint64
serah_feedback_record (SerahStore *store, const SerahFeedbackDraft *draft,
                       const char *operator_name, GError **error)
{
  g_autoptr(SerahFeedback) f = serah_feedback_new ();
  gint64 id;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (draft != NULL, 0);

  if (key_index (serah_feedback_channels, draft->channel) < 0)
    return unknown_key (error, _("channel"), draft->channel, serah_feedback_channels), 0;
  if (key_index (serah_feedback_categories, draft->category) < 0)
    return unknown_key (error, _("category"), draft->category, serah_feedback_categories), 0;
  if (serah_outreach_is_blank (draft->text))
    return serah_outreach_fail (error, _("Write down what was said.")), 0;
  if (!serah_outreach_check_activity (store, draft->activity_id, error))
    return 0;
  if (draft->card_no != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(SerahParticipant) p = serah_participants_find_by_card (store, draft->card_no,
                                                                            &local);
      if (p == NULL)
        {
          if (local == NULL)
            g_set_error (&local, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                         _("No participant has the card number “%s”."), draft->card_no);
          g_propagate_error (error, g_steal_pointer (&local));
          return 0;
        }
      f->participant_id = p->id;
      if (draft->desa == NULL)
        f->desa = g_strdup (p->desa);
    }
  f->channel = g_ascii_strdown (draft->channel, -1);
  f->category = g_ascii_strdown (draft->category, -1);
  if (f->desa == NULL && !serah_outreach_is_blank (draft->desa))
    f->desa = g_strstrip (g_strdup (draft->desa));
  f->text = g_strstrip (g_strdup (draft->text));
  f->activity_id = draft->activity_id;
  f->recorded_by = g_strdup (operator_name);
  f->recorded_at = draft->received_at > 0 ? draft->received_at : g_get_real_time () / G_USEC_PER_SEC;

  if (!serah_store_begin (store, error))
    return 0;
  id = serah_store_outreach_insert_feedback (store, f, error);
  if (id == 0 ||
      !serah_store_outreach_add_feedback_event (store, id, "received", NULL, NULL, operator_name,
                                                error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return 0;
    }
  return id;
}

SerahFeedback *
serah_feedback_get (SerahStore *store, gint64 feedback_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  SerahFeedback *f;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  f = serah_store_outreach_get_feedback (store, feedback_id, &local);
  if (f == NULL && local == NULL)
    g_set_error (&local, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_NOT_FOUND,
                 _("There is no feedback number %lld."), (long long) feedback_id);
  if (f == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return f;
}

static gboolean
follow_up (SerahStore *store, gint64 feedback_id, SerahFeedbackState state,
           const char *destination, const char *response, const char *operator_name,
           GError **error)
{
  g_autoptr(SerahFeedback) f = NULL;

  if (!serah_store_begin (store, error))
    return FALSE;
  f = serah_feedback_get (store, feedback_id, error);
  if (f == NULL)
    {
      serah_store_rollback (store);
      return FALSE;
    }
  if (f->state == SERAH_FEEDBACK_RESOLVED)
    {
      serah_store_rollback (store);
      g_set_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED,
                   _("Feedback %lld is already resolved."), (long long) feedback_id);
      return FALSE;
    }
  if (!serah_store_outreach_add_feedback_event (store, feedback_id,
                                                serah_feedback_state_to_string (state),
                                                destination, response, operator_name, error) ||
      !serah_store_commit (store, error))
    {
      serah_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
serah_feedback_forward (SerahStore *store, gint64 feedback_id, const char *destination,
                        const char *operator_name, GError **error)
{
  int i;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  i = key_index (serah_feedback_destinations, destination);
  if (i < 0)
    return unknown_key (error, _("destination"), destination, serah_feedback_destinations);
  return follow_up (store, feedback_id, SERAH_FEEDBACK_FORWARDED, serah_feedback_destinations[i],
                    NULL, operator_name, error);
}

gboolean
serah_feedback_resolve (SerahStore *store, gint64 feedback_id, const char *response,
                        const char *operator_name, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  if (serah_outreach_is_blank (response))
    return serah_outreach_fail (error, _("Write down the response given before closing."));
  text = g_strstrip (g_strdup (response));
  return follow_up (store, feedback_id, SERAH_FEEDBACK_RESOLVED, NULL, text, operator_name, error);
}

GPtrArray *
serah_feedback_list (SerahStore *store, gboolean open_only, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return serah_store_outreach_list_feedback (store, open_only, error);
}

gint64
serah_feedback_age_days (const SerahFeedback *feedback, gint64 now)
{
  g_return_val_if_fail (feedback != NULL, 0);
  return now > feedback->recorded_at ? (now - feedback->recorded_at) / (24 * 60 * 60) : 0;
}
