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

/* Returns a new string to put in the QR code. Creates the database's secret on first use. */
char    *serah_payload_encode (SerahStore        *store,
                               SerahPayloadKind   kind,
                               const char        *card_no,
                               gint64             number,
                               GError           **error);

/* Syntax only: splits text (as a scanner typed it: any case, surrounding spaces) into its
 * parts. No database needed. */
gboolean serah_payload_parse  (const char        *text,
                               SerahPayload      *out,
                               GError           **error);

/* Full check against the database: well-formed, this database, signature, and for cards
 * that the serial was printed for that card number and is not voided. On success fills
 * out and returns the participant. For voided cards the error message says when and why. */
SerahParticipant *serah_payload_verify (SerahStore   *store,
                                        const char   *text,
                                        SerahPayload *out,
                                        GError      **error);

G_END_DECLS
