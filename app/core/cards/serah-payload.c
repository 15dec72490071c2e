/* serah-payload.c: signing and checking the QR token of cards and invitations.
 * See include/serah/serah-payload.h and docs/qr-payload.md for the format. */
#define G_LOG_DOMAIN "serah-payload"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <serah/cards/serah-payload.h>
#include <serah/cards/serah-print-records.h>
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

G_DEFINE_QUARK (serah-payload-error-quark, serah_payload_error)

#define SECRET_KEY "qr-secret"
#define SECRET_BYTES 32

static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static void
base32_encode (const guint8 *data, gsize n_bits, char *out)
{
  gsize chars = (n_bits + 4) / 5;

  for (gsize i = 0; i < chars; i++)
    {
      guint value = 0;
      for (guint b = 0; b < 5; b++)
        {
          gsize bit = i * 5 + b;
          value <<= 1;
          if (bit < n_bits && (data[bit / 8] & (0x80 >> (bit % 8))))
            value |= 1;
        }
      out[i] = base32_alphabet[value];
    }
  out[chars] = '\0';
}

static gboolean
get_secret (SerahStore *store, gboolean create, GBytes **out, GError **error)
{
  g_autofree char *hex = serah_store_get_setting (store, SECRET_KEY);
  guint8 key[SECRET_BYTES];

  if (hex == NULL)
    {
      if (!create)
        {
          *out = NULL;
          return TRUE;
        }
      if (getrandom (key, sizeof key, 0) != sizeof key)
        {
          g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_MALFORMED,
                       _("The system could not provide random numbers for the card secret."));
          return FALSE;
        }
      hex = g_malloc (SECRET_BYTES * 2 + 1);
      for (guint i = 0; i < SECRET_BYTES; i++)
        g_snprintf (hex + 2 * i, 3, "%02x", key[i]);
      if (!serah_store_set_setting (store, SECRET_KEY, hex, error))
        return FALSE;
    }
  if (strlen (hex) != SECRET_BYTES * 2)
    {
      g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_MALFORMED,
                   _("The card secret stored in this database is damaged."));
      return FALSE;
    }
  for (guint i = 0; i < SECRET_BYTES; i++)
    key[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));
  *out = g_bytes_new (key, sizeof key);
  return TRUE;
}

static void
database_tag (SerahStore *store, char tag[5])
{
  const char *id = serah_store_get_database_id (store);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) id, -1);
  g_checksum_get_digest (sum, digest, &len);
  base32_encode (digest, 20, tag);
}

static void
compute_mac (GBytes *secret, const char *kind, const char *tag, const char *card_no,
             gint64 number, char mac[17])
{
  g_autofree char *message = g_strdup_printf ("%s:%s:%s:%" G_GINT64_FORMAT, kind, tag, card_no,
                                              number);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (secret, NULL),
                                      g_bytes_get_size (secret));
  guint8 digest[32];
  gsize len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) message, -1);
  g_hmac_get_digest (hmac, digest, &len);
  base32_encode (digest, 80, mac);
}

static const char *
kind_tag (SerahPayloadKind kind)
{
  return kind == SERAH_PAYLOAD_INVITATION ? "SRU1" : "SRH1";
}

char *
serah_payload_encode (SerahStore *store, SerahPayloadKind kind, const char *card_no,
                      gint64 number, GError **error)
{
  g_autoptr(GBytes) secret = NULL;
  char tag[5], mac[17];

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (serah_card_no_is_wellformed (card_no), NULL);
  g_return_val_if_fail (number > 0, NULL);

  if (!get_secret (store, TRUE, &secret, error))
    return NULL;
  database_tag (store, tag);
  compute_mac (secret, kind_tag (kind), tag, card_no, number, mac);
  return g_strdup_printf ("%s:%s:%s:%" G_GINT64_FORMAT ":%s", kind_tag (kind), tag, card_no,
                          number, mac);
}

static gboolean
malformed (GError **error, const char *why)
{
  g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_MALFORMED,
               _("This is not a Serah card or invitation code (%s)."), why);
  return FALSE;
}

gboolean
serah_payload_parse (const char *text, SerahPayload *out, GError **error)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) parts = NULL;
  char *end = NULL;
  guint64 number;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (text == NULL)
    return malformed (error, _("empty"));
  /* Scanners in the wrong keyboard mode may type lower case; the code is upper case. */
  clean = g_strstrip (g_ascii_strup (text, -1));
  if (strlen (clean) > 80)
    return malformed (error, _("too long"));
  parts = g_strsplit (clean, ":", 0);
  if (g_strv_length (parts) != 5)
    return malformed (error, _("wrong number of parts"));

  if (strcmp (parts[0], "SRH1") == 0)
    out->kind = SERAH_PAYLOAD_CARD;
  else if (strcmp (parts[0], "SRU1") == 0)
    out->kind = SERAH_PAYLOAD_INVITATION;
  else
    return malformed (error, _("unknown version tag"));

  if (strlen (parts[1]) != 4 || strspn (parts[1], base32_alphabet) != 4)
    return malformed (error, _("bad database tag"));
  if (!serah_card_no_is_wellformed (parts[2]))
    return malformed (error, _("bad card number"));
  if (parts[3][0] == '\0' || strspn (parts[3], "0123456789") != strlen (parts[3]) ||
      strlen (parts[3]) > 15)
    return malformed (error, _("bad serial"));
  number = g_ascii_strtoull (parts[3], &end, 10);
  if (number == 0)
    return malformed (error, _("bad serial"));
  if (strlen (parts[4]) != 16 || strspn (parts[4], base32_alphabet) != 16)
    return malformed (error, _("bad signature"));

  memcpy (out->db_tag, parts[1], 5);
  memcpy (out->card_no, parts[2], SERAH_CARD_NO_LENGTH + 1);
  out->number = (gint64) number;
  memcpy (out->mac, parts[4], 17);
  return TRUE;
}

SerahParticipant *
serah_payload_verify (SerahStore *store, const char *text, SerahPayload *out, GError **error)
{
  SerahPayload local;
  SerahPayload *p = out ? out : &local;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(SerahParticipant) participant = NULL;
  g_autoptr(SerahPrintedCard) card = NULL;
  char tag[5], mac[17];

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  if (!serah_payload_parse (text, p, error))
    return NULL;

  database_tag (store, tag);
  if (strcmp (tag, p->db_tag) != 0)
    {
      g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_OTHER_DATABASE,
                   _("This code was issued by another office database, not this one."));
      return NULL;
    }
  if (!get_secret (store, FALSE, &secret, error))
    return NULL;
  if (secret != NULL)
    compute_mac (secret, kind_tag (p->kind), tag, p->card_no, p->number, mac);
  /* Compare in constant time: the MAC is the only secret-dependent part. */
  {
    guint diff = secret == NULL;
    for (guint i = 0; i < 16; i++)
      diff |= (guint) (mac[i] ^ p->mac[i]) & (secret != NULL ? 0xff : 0);
    if (diff != 0)
      {
        g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_FORGED,
                     _("The code's signature does not match: it is forged or was altered."));
        return NULL;
      }
  }

  participant = serah_store_find_participant_by_card (store, p->card_no, error);
  if (participant == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_UNKNOWN_CARD,
                     _("No participant has card number %s in this database."), p->card_no);
      return NULL;
    }
  if (p->kind == SERAH_PAYLOAD_INVITATION)
    return g_steal_pointer (&participant);

  card = serah_store_get_printed_card (store, p->number, error);
  if (card == NULL || card->participant_id != participant->id)
    {
      if (error && *error == NULL)
        g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_UNKNOWN_CARD,
                     _("Card serial %lld was never printed for card number %s."),
                     (long long) p->number, p->card_no);
      return NULL;
    }
  if (card->voided_at != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (card->voided_at);
      g_autofree char *when_text = g_date_time_format (when, "%d/%m/%Y %H:%M");
      if (card->replaced_by != 0)
        g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_VOIDED,
                     _("This card (serial %lld) was voided on %s (%s) and replaced by serial "
                       "%lld. Use the new card."),
                     (long long) card->serial, when_text,
                     card->void_reason ? card->void_reason : "", (long long) card->replaced_by);
      else
        g_set_error (error, SERAH_PAYLOAD_ERROR, SERAH_PAYLOAD_ERROR_VOIDED,
                     _("This card (serial %lld) was voided on %s (%s)."),
                     (long long) card->serial, when_text, card->void_reason ? card->void_reason : "");
      return NULL;
    }
  return g_steal_pointer (&participant);
}
