/* serah-payload.h: the short, signed token a card's or invitation's QR code carries.
 *
 * Format (docs/qr-payload.md): KIND ':' DBTAG ':' CARDNO ':' NUMBER ':' MAC
 *   KIND   "SRH1" for a printed card, "SRU1" for an invitation slip (undangan)
 *   DBTAG  4 base32 characters naming the office database (from its database id)
 *   CARDNO the 13-digit JKN card number (never the NIK)
 *   NUMBER the card's print serial (card) or the ceremony id (invitation), decimal
 *   MAC    HMAC-SHA256 (GLib GHmac) of "KIND:DBTAG:CARDNO:NUMBER" under the database's
 *          secret, truncated to 80 bits, 16 base32 characters
 * Every character is in QR's alphanumeric set, so the code stays small (version 3, 29x29).
 */
#pragma once

#include <serah/store/serah-store.h>
#include <serah/register/serah-participant.h>

G_BEGIN_DECLS

#define SERAH_PAYLOAD_ERROR (serah_payload_error_quark ())
typedef enum {
  SERAH_PAYLOAD_ERROR_MALFORMED,      /* not a Serah code at all, or damaged */
  SERAH_PAYLOAD_ERROR_OTHER_DATABASE, /* a genuine-looking code from another office database */
  SERAH_PAYLOAD_ERROR_FORGED,         /* the signature does not match: forged or altered */
  SERAH_PAYLOAD_ERROR_UNKNOWN_CARD,   /* signed, but no such card/serial was printed here */
  SERAH_PAYLOAD_ERROR_VOIDED,         /* the card was voided (reprinted, lost, damaged) */
} SerahPayloadError;

/**
 * serah_payload_error_quark:
 *
 * Returns: the quark of #SerahPayloadError
 */
GQuark serah_payload_error_quark (void);

typedef enum {
  SERAH_PAYLOAD_CARD,
  SERAH_PAYLOAD_INVITATION,
} SerahPayloadKind;

typedef struct {
  SerahPayloadKind kind;
  char             db_tag[5];
  char             card_no[SERAH_CARD_NO_LENGTH + 1];
  gint64           number; /* serial (card) or ceremony id (invitation) */
  char             mac[17];
} SerahPayload;

/**
 * serah_payload_encode:
 * @store: the office database
 * @kind: a card token (SRH1) or an invitation (SRU1)
 * @card_no: the card number the code stands for
 * @number: the card's serial, or the ceremony's id for an invitation (> 0)
 * @error: return location for a #GError
 *
 * Builds the signed text to put in a QR code. Creates the database's secret on first use.
 *
 * Returns: (transfer full) (nullable): the payload text, or %NULL with @error set
 */
char    *serah_payload_encode (SerahStore        *store,
                               SerahPayloadKind   kind,
                               const char        *card_no,
                               gint64             number,
                               GError           **error);

/**
 * serah_payload_parse:
 * @text: the code as a scanner typed it (any case, surrounding spaces)
 * @out: (out caller-allocates): its parts
 * @error: return location for a #GError
 *
 * Syntax only: splits @text into its parts. No database needed, no signature checked.
 *
 * Returns: %TRUE and @out filled, or %FALSE with @error set (%SERAH_PAYLOAD_ERROR)
 */
gboolean serah_payload_parse  (const char        *text,
                               SerahPayload      *out,
                               GError           **error);

/**
 * serah_payload_verify:
 * @store: the office database
 * @text: the code as scanned
 * @out: (out caller-allocates) (optional): its parts
 * @error: return location for a #GError
 *
 * Full check against the database: well-formed, this database, signature, and for cards that
 * the serial was printed for that card number and is not voided. For voided cards the error
 * message says when and why.
 *
 * Returns: (transfer full) (nullable): the participant the code names, or %NULL with @error
 *   set (a %SERAH_PAYLOAD_ERROR for a refused code, a store error when the database fails)
 */
SerahParticipant *serah_payload_verify (SerahStore   *store,
                                        const char   *text,
                                        SerahPayload *out,
                                        GError      **error);

G_END_DECLS
