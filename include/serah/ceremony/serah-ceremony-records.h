/* serah-ceremony-records.h: the rows of ceremonies and handovers (a ceremony, a handover and
 * how it was made, a check-off entry, progress counts, a station conflict), their free
 * functions and the stable text forms of the recipient and identification enums.
 *
 * Below both the ceremony SQL (serah-store-ceremony.c, serah-store-handover.c,
 * serah-store-station.c) and the rules (serah-ceremony.c, serah-station.c), so that none of
 * them includes another for a type: HOUSE-STYLE's "<domain>-records.h".
 */
#pragma once

#include <glib.h>
#include <serah/register/serah-participant.h>
#include <serah/cards/serah-print-records.h>

G_BEGIN_DECLS

/* ---- ceremonies ---- */

typedef struct {
  gint64  id;
  char   *uuid;          /* stable across station copies of the database */
  char   *name;
  char    date[11];      /* ISO yyyy-mm-dd */
  char   *place;
  gint64  created_at;
  char   *created_by;
  gint64  closed_at;     /* 0 while open */
  char   *closed_by;
  /* Counts, filled by serah_ceremony_get and serah_ceremony_list: */
  gint64  invited;
  gint64  handed_over;   /* participants with a live handover (conflicts count once) */
} SerahCeremony;

void serah_ceremony_free (SerahCeremony *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCeremony, serah_ceremony_free)

/* ---- handovers ---- */

typedef enum {
  SERAH_RECIPIENT_SELF,           /* the participant in person */
  SERAH_RECIPIENT_REPRESENTATIVE, /* wakil / kuasa: name, relationship, ID number recorded */
} SerahRecipient;

/* How the participant was identified at the table. Stored as text ("scan-card", ...). */
typedef enum {
  SERAH_IDENTIFIED_SCAN_CARD,       /* SRH1 code on the card */
  SERAH_IDENTIFIED_SCAN_INVITATION, /* SRU1 code on the invitation slip */
  SERAH_IDENTIFIED_CARD_NUMBER,     /* card number typed */
  SERAH_IDENTIFIED_NIK,             /* NIK typed */
  SERAH_IDENTIFIED_SEARCH,          /* picked from name search results */
} SerahIdentifiedBy;

/* Text forms stored in the database (and in bundles). */
const char *serah_recipient_to_string       (SerahRecipient     recipient);
gboolean    serah_recipient_from_string     (const char        *text,
                                             SerahRecipient    *out);
const char *serah_identified_by_to_string   (SerahIdentifiedBy  how);
gboolean    serah_identified_by_from_string (const char        *text,
                                             SerahIdentifiedBy *out);

typedef struct {
  char             *uuid;
  gint64            ceremony_id;
  gint64            participant_id;
  char              card_no[SERAH_CARD_NO_LENGTH + 1];
  char             *participant_name;
  gint64            card_serial;    /* the printed card handed over; 0 when not known */
  gint64            handed_at;
  char             *operator_name;
  char             *station;
  SerahRecipient    recipient;
  char             *proxy_name;     /* representative only */
  char             *proxy_relation;
  char             *proxy_id_number;
  gboolean          uninvited;      /* recorded with allow_uninvited */
  SerahIdentifiedBy identified_by;
  /* Set when this handover was undone (undo_uuid NULL otherwise): */
  char             *undo_uuid;
  gint64            undone_at;
  char             *undone_by;
  char             *undo_station;
  char             *undo_reason;
} SerahHandover;

void           serah_handover_free (SerahHandover *self);
SerahHandover *serah_handover_copy (const SerahHandover *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahHandover, serah_handover_free)

/* ---- the check-off page ---- */

/* What the page shows for one person. */
typedef struct {
  SerahParticipant *participant;
  gboolean          invited;
  SerahPrintedCard *card;        /* current (not voided) card, NULL if never printed; gives
                                    stack_group (desa), stack_index, sheet_no, position */
  gint64            scanned_serial; /* serial of the scanned card, 0 when not scanned */
  SerahHandover    *handover;    /* live handover in this ceremony, NULL when not yet */
  guint             n_live;      /* live handovers: 2 or more is a station conflict */
} SerahCheckoffEntry;

void serah_checkoff_entry_free (SerahCheckoffEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCheckoffEntry, serah_checkoff_entry_free)

typedef enum {
  SERAH_ENTRIES_ALL,        /* everyone invited, and uninvited people handed a card */
  SERAH_ENTRIES_PENDING,    /* invited and not yet served */
  SERAH_ENTRIES_HANDED_OVER,
} SerahEntriesWhich;

typedef gboolean (*SerahCheckoffEntryFunc) (const SerahCheckoffEntry *entry,
                                            gpointer                  user_data,
                                            GError                  **error);

/* ---- progress ---- */

typedef struct {
  char  *kecamatan;          /* NULL in the total */
  char  *desa;               /* NULL in the total */
  gint64 invited;
  gint64 handed_over;        /* to_self + to_representative */
  gint64 to_self;
  gint64 to_representative;
  gint64 uninvited;          /* of handed_over: handed over with allow_uninvited */
} SerahProgressRow;

typedef struct {
  SerahProgressRow  total;
  GPtrArray        *areas; /* SerahProgressRow per (kecamatan, desa), sorted */
  gint64            conflicts;
} SerahCeremonyProgress;

void serah_ceremony_progress_free (SerahCeremonyProgress *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahCeremonyProgress, serah_ceremony_progress_free)

/* Frees one row of a progress (the areas array's free function). */
void serah_progress_row_free (SerahProgressRow *row);

/* ---- station conflicts ---- */

typedef struct {
  SerahParticipant *participant;
  GPtrArray        *handovers; /* SerahHandover, the live ones, earliest first */
} SerahHandoverConflict;

void serah_handover_conflict_free (SerahHandoverConflict *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SerahHandoverConflict, serah_handover_conflict_free)

G_END_DECLS
